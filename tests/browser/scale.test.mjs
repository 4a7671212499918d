// scale.test.mjs: the pages issue 9 section 6 reworked for large offices. The deadline month view draws a month from
// one request (GET /api/v1/deadlines/month): each day shows its first entries and "+N" for the rest, which opens the
// list of that one day; and the case page at 1366x768 shows every column of the persons table, also for persons with
// long names, several charges, decisions and judgments (no horizontal clipping or scrolling).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openPage, PASSWORD, signIn, startWorld } from './browser.mjs';

let world, anguan, prosecutor, head, leader, depts, users;

/** A valid 公民身份号码 for birth day `birth` (YYYYMMDD) and sequence n (3 digits). */
function idNumber(birth, n) {
  const body = `331122${birth}${String(n).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** Today in China (UTC+8) moved by n days, YYYY-MM-DD. */
function chinaDay(n) {
  return new Date(Date.now() + 8 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);
}

async function register(body) {
  const res = await anguan.post('/api/v1/cases', body);
  assert.equal(res.status, 201, res.text);
  return res.body;
}

/** A decision or judgment, through the approval queue when the 权力清单 says so. */
async function decide(caseId, body) {
  const res = await prosecutor.post(`/api/v1/cases/${caseId}/events`, body);
  if (res.status === 202) {
    const approver = res.body.approval.approver === 'department_head' ? head : leader;
    const ok = await approver.post(`/api/v1/approvals/${res.body.approval.id}/approve`, { on: body.on });
    assert.equal(ok.status, 200, ok.text);
    return;
  }
  assert.equal(res.status, 201, res.text);
}

before(async () => {
  world = await startWorld({ cases: 0 });
  anguan = await world.server.client().loginOk('anguan', PASSWORD);
  prosecutor = await world.server.client().loginOk('prosecutor', PASSWORD);
  head = await world.server.client().loginOk('buzhang', PASSWORD);
  leader = await world.server.client().loginOk('leader', PASSWORD);
  depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
});

after(async () => {
  if (world) await world.stop();
});

test('the month view shows each day\'s first entries and "+N", which opens that day\'s list', async () => {
  // five 审查起诉 cases received on the same day: five review periods due on the same day
  const received = chinaDay(-3);
  for (let i = 0; i < 5; i++) {
    await register({ case_type: 'prosecution_review', title: `钱某${i}诈骗案`, source_agency: '缙云县公安局',
      received_on: received, department_id: depts['第一检察部'], assign: 'manual', prosecutor_id: users.prosecutor,
      persons: [{ name: `钱某${'甲乙丙丁戊'[i]}`, id_number: idNumber('19800101', 100 + i), custody: 'bail', custody_since: received,
        plea: true,
        sentence_band: 'under_1y', charges: ['fraud'] }] });
  }
  const month = (await anguan.get('/api/v1/deadlines?scope=office&limit=1')).body.items[0].due_on.slice(0, 7);
  const page = await openPage(world);
  const requests = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/deadlines')) requests.push(r.url()); });
  await signIn(page, world, 'anguan');
  await page.goto(`${world.server.url}/#/deadlines?scope=office&view=month&month=${month}`);
  await page.waitForSelector('[data-testid=deadlines-calendar]');
  const monthRequests = requests.filter((u) => /\/deadlines(\/month)?\?/.test(u) && !/summary/.test(u));
  assert.equal(monthRequests.length, 1, `one request for the month: ${monthRequests.join(' ')}`);
  assert.match(monthRequests[0], /\/api\/v1\/deadlines\/month\?/);
  const more = page.locator('[data-testid^=cal-more-]');
  assert.equal(await more.count(), 1);
  assert.equal((await more.textContent()).trim(), '+2');
  const date = (await more.getAttribute('data-testid')).replace('cal-more-', '');
  const cell = page.locator(`[data-testid=cal-day-${date}]`);
  assert.equal(await cell.locator('.cal-item').count(), 3);
  await more.click();
  await page.waitForSelector('[data-testid=deadlines-day-bar]');
  await page.waitForFunction(() => document.querySelectorAll('tr.deadline-row').length === 5);
  const dues = await page.locator('tr.deadline-row .due-date').allTextContents();
  assert.deepEqual(dues, Array(5).fill(date));
  assert.match(page.url(), new RegExp(`day=${date}`));
  assert.match(await page.textContent('[data-testid=deadlines-day-bar]'), new RegExp(date));
  // back to the month, then the whole list again
  await page.click('[data-testid=deadlines-day-month]');
  await page.waitForSelector(`[data-testid=cal-more-${date}]`);
  await more.click();
  await page.waitForSelector('[data-testid=deadlines-day-clear]');
  await page.click('[data-testid=deadlines-day-clear]');
  await page.waitForSelector('[data-testid=deadlines-day-bar]', { state: 'detached' });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the case page at 1366x768 shows every column of the persons table', async () => {
  const on = chinaDay(-2);
  const longCharges = ['aiding_cybercrime', 'concealing_proceeds', 'fraud'];
  const c = await register({ case_type: 'prosecution_review', title: '阿卜杜热合曼·买买提艾力等帮助信息网络犯罪活动案',
    source_agency: '缙云县公安局', received_on: chinaDay(-20), department_id: depts['第一检察部'], assign: 'manual',
    prosecutor_id: users.prosecutor, persons: [
      { name: '阿卜杜热合曼·买买提艾力江', id_number: idNumber('19700101', 201), custody: 'residential',
        custody_since: chinaDay(-21), plea: true,
        sentence_band: '3_10y', charges: longCharges },
      { name: '欧阳某某', id_number: idNumber('19850505', 202), custody: 'arrested', custody_since: chinaDay(-21),
        plea: false,
        sentence_band: '1_3y', charges: longCharges },
      { name: '司马某', id_number: idNumber('19900909', 203), custody: 'bail', custody_since: chinaDay(-21), plea: true,
        sentence_band: 'under_1y', charges: ['fraud'] },
    ] });
  const [p1, p2, p3] = c.persons.map((p) => p.id);
  await decide(c.id, { kind: 'decide', on, person_id: p1, decision: 'prosecute', reason: '事实清楚，证据确实充分' });
  await decide(c.id, { kind: 'decide', on, person_id: p2, decision: 'non_prosecution',
    non_prosecution_type: 'discretionary', reason: '犯罪情节轻微，依法不需要判处刑罚' });
  await decide(c.id, { kind: 'decide', on, person_id: p3, decision: 'prosecute', reason: '事实清楚，证据确实充分' });
  await decide(c.id, { kind: 'judgment', on: chinaDay(0), person_id: p1,
    sentence: '有期徒刑三年六个月，并处罚金人民币五万元，追缴违法所得人民币十二万元', recommendation_adopted: true,
    consistent: true });
  const page = await openPage(world);
  await signIn(page, world, 'prosecutor');
  await page.goto(`${world.server.url}/#/cases/${c.id}`);
  await page.waitForSelector('[data-testid=persons-table] [data-testid^=person-row-]');
  await page.waitForSelector('[data-testid=persons-table] .col-actions');
  const m = await page.evaluate(() => {
    const table = document.querySelector('[data-testid=persons-table]');
    const wrap = table.closest('.table-wrap');
    const heads = [...table.querySelectorAll('thead th')].map((h) => ({ text: h.textContent,
      right: h.getBoundingClientRect().right }));
    // no column is squeezed to a character per line: the action buttons keep their labels on one line
    const buttons = [...table.querySelectorAll('td.col-actions .btn')].map((b) => b.getBoundingClientRect().height);
    return { vw: document.documentElement.clientWidth, heads, scroll: wrap.scrollWidth, client: wrap.clientWidth,
      pageScroll: document.documentElement.scrollWidth, buttons };
  });
  assert.ok(m.buttons.length >= 3, 'the prosecutor has actions on the persons');
  for (const h of m.buttons) assert.ok(h < 32, `an action button wraps (${h}px high)`);
  assert.equal(m.heads.length, 10, 'every column, with the actions');
  for (const h of m.heads) assert.ok(h.right <= m.vw, `header ${h.text} ends at ${h.right} > ${m.vw}`);
  assert.ok(m.scroll <= m.client, `the persons table scrolls: ${m.scroll} > ${m.client}`);
  assert.ok(m.pageScroll <= m.vw, `the page scrolls sideways: ${m.pageScroll} > ${m.vw}`);
  assert.deepEqual(page.errors, []);
  await page.close();
});
