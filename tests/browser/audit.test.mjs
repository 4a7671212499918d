// audit.test.mjs: history people can read. 案管 edits a case's title and a person's name in the browser; the 检察长
// reads the case's timeline (the recorder's name, entry times in China Standard Time, the legal-date order) and, from
// its link, the case's rows of the audit log: the user's name with the login beside it, the 案号, the time in CST as
// YYYY-MM-DD HH:MM, and the change as a before/after table with Chinese field labels (codes as labels, no raw JSON).
// Hostile text in the values shows literally. The log's filters by 案号 and by person answer from the server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { Client, REPO } from '../api/helpers.mjs';
import { openPage, PASSWORD, signIn, startWorld } from './browser.mjs';

const HOSTILE = '<img src=x onerror="window.__xss=1">';
let world, kase;

/** The CST 'YYYY-MM-DD HH:MM' of a UTC instant, computed here independently of the UI. */
function cst(iso) {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

before(async () => {
  world = await startWorld({ cases: 0 });
  const anguan = await new Client(world.server.url).loginOk('anguan', PASSWORD);
  const depts = (await anguan.get('/api/v1/departments')).body.items;
  const users = (await anguan.get('/api/v1/users?limit=200')).body.items;
  const res = await anguan.post('/api/v1/cases', {
    case_type: 'prosecution_review', title: `${HOSTILE}盗窃案`, source_agency: '缙云县公安局', received_on: '2025-03-05',
    department_id: depts.find((d) => d.name === '第一检察部').id, assign: 'manual',
    prosecutor_id: users.find((u) => u.login === 'prosecutor').id,
    persons: [
      { name: '张某甲', custody: 'bail', custody_since: '2025-03-01', plea: true, sentence_band: 'under_1y', charges: ['theft'] },
      { name: `${HOSTILE}李某`, custody: 'none', plea: false, charges: ['theft'] },
    ],
  });
  assert.equal(res.status, 201, res.text);
  kase = res.body;
});

after(async () => {
  if (world) await world.stop();
});

test('a change made in the browser reads in the audit log as names, 案号, CST and a before/after table', async () => {
  // 案管 edits the title and the first person's name through the case page.
  const clerk = await openPage(world);
  await signIn(clerk, world, 'anguan');
  await clerk.goto(`${world.server.url}/#/cases/${kase.id}`);
  await clerk.click('[data-testid=case-edit]');
  await clerk.fill('[data-testid=case-edit-title]', '张某乙等盗窃案');
  await clerk.click('[data-testid=case-edit-submit]');
  await clerk.waitForFunction(() => /张某乙等盗窃案/.test(document.querySelector('main h1').textContent));
  const p0 = kase.persons.find((p) => p.name === '张某甲');
  await clerk.click(`[data-testid=person-edit-${p0.id}]`);
  await clerk.fill('[data-testid=person-edit-name]', '张某乙');
  await clerk.click('[data-testid=person-edit-submit]');
  await clerk.waitForSelector(`[data-testid=person-row-${p0.id}] >> text=张某乙`);
  assert.deepEqual(clerk.errors, []);
  await clerk.close();

  const leaderApi = await new Client(world.server.url).loginOk('leader', PASSWORD);
  const entries = (await leaderApi.get(`/api/v1/audit?case_id=${kase.id}`)).body.items;
  assert.deepEqual(entries.map((a) => a.action), ['case.update_person', 'case.update', 'case.register']);
  const caseApi = (await leaderApi.get(`/api/v1/cases/${kase.id}`)).body;

  const page = await openPage(world);
  await signIn(page, world, 'leader');
  await page.goto(`${world.server.url}/#/cases/${kase.id}`);
  await page.waitForSelector('[data-testid=timeline]');
  // the timeline: legal-date order (registration on 2025-03-05 first, the edits of today after), recorder names, CST
  const kinds = await page.$$eval('[data-testid=timeline] li', (lis) => lis.map((li) => li.dataset.kind));
  assert.deepEqual(kinds, caseApi.events.map((e) => e.kind));
  assert.equal(kinds[0], 'register');
  for (const e of caseApi.events) {
    assert.equal(await page.textContent(`[data-testid=timeline-user-${e.id}]`), '周案管');
    assert.equal(await page.textContent(`[data-testid=timeline-at-${e.id}]`), cst(e.at));
  }

  // from the case page to its rows of the audit log
  await page.click('[data-testid=case-audit-link]');
  await page.waitForSelector(`[data-testid=audit-row-${entries[0].id}]`);
  assert.match(await page.textContent('[data-testid=audit-case-only]'), new RegExp(kase.case_number.replace(/[〔〕()]/g, '.')));
  assert.equal(await page.locator('[data-testid^=audit-row-]').count(), 3);
  // printed, the header says which case the log is filtered to
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.textContent('[data-testid=print-filter] .print-value'), `仅显示案件 ${kase.case_number} 的记录`);
  const upd = entries.find((a) => a.action === 'case.update');
  const row = page.locator(`[data-testid=audit-row-${upd.id}]`);
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[0], cst(upd.at), 'the time in China Standard Time');
  assert.match(cst(upd.at), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  assert.ok(cells[1].includes('周案管') && cells[1].includes('anguan'), `the user's name and login: ${cells[1]}`);
  assert.equal(cells[2], '修改案件');
  assert.ok(cells[3].includes('案件') && cells[3].includes(kase.case_number), `the 案号: ${cells[3]}`);
  assert.ok(!cells.join('').includes(`#${kase.id}`), 'no internal id');

  // the title edit as a before/after table with Chinese labels; the hostile text literal
  await page.click(`[data-testid=audit-expand-${upd.id}]`);
  const table = page.locator(`[data-testid=audit-change-${upd.id}]`);
  await table.waitFor();
  const heads = await table.locator('thead th').allTextContents();
  assert.deepEqual(heads, ['项目', '修改前', '修改后']);
  const changes = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) =>
    [...tr.children].map((c) => c.textContent)));
  const title = changes.find((r) => r[0] === '案件名称');
  assert.deepEqual(title, ['案件名称', `${HOSTILE}盗窃案`, '张某乙等盗窃案']);
  const text = (await table.textContent());
  assert.ok(!/[{}"]|title|persons/.test(text.replace(HOSTILE, '')), `no raw JSON or field names: ${text}`);

  // the person's edit: the row names the person and the field
  const pu = entries.find((a) => a.action === 'case.update_person');
  await page.click(`[data-testid=audit-expand-${pu.id}]`);
  const prow = await page.locator(`[data-testid=audit-change-${pu.id}] tbody tr`).evaluateAll((trs) => trs.map((tr) =>
    [...tr.children].map((c) => c.textContent)));
  assert.ok(prow.some((r) => r[0] === '涉案人员 张某乙 · 姓名' && r[1] === '张某甲' && r[2] === '张某乙'),
    `the person's name change: ${JSON.stringify(prow)}`);
  // the registration: every field of the new case, codes as their labels
  const reg = entries.find((a) => a.action === 'case.register');
  await page.click(`[data-testid=audit-expand-${reg.id}]`);
  const rrow = await page.locator(`[data-testid=audit-change-${reg.id}] tbody tr`).evaluateAll((trs) => trs.map((tr) =>
    [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(await page.locator(`[data-testid=audit-change-${reg.id}] thead th`).allTextContents(), ['项目', '修改后'],
    'a new record: the value after only');
  assert.deepEqual(rrow.slice(0, 3).map((r) => r[0]), ['案号', '案件名称', '案件类型'], 'fields in the case page\'s order');
  const get = (lab) => (rrow.find((r) => r[0] === lab) || [])[1];
  assert.equal(get('案件类型'), '审查起诉');
  assert.equal(get('状态'), '审查中');
  assert.equal(get('承办检察官'), '李检察官');
  assert.equal(get('涉案人员 张某甲 · 强制措施'), '取保候审');
  assert.equal(get('涉案人员 张某甲 · 认罪认罚'), '是');
  assert.equal(get(`涉案人员 ${HOSTILE}李某 · 姓名`), `${HOSTILE}李某`);
  assert.equal(get('涉案人员 张某甲 · 罪名'), '盗窃罪');

  // a picture of the opened entries for a person to look at ($JIANWU_PRINT_OUT, default tests/out/print/)
  const out = process.env.JIANWU_PRINT_OUT || path.join(REPO, 'tests', 'out', 'print');
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, 'screen-audit.png'), fullPage: true });

  // the filters by 案号 and by person, from the server
  await page.click('[data-testid=audit-reset]');
  await page.fill('[data-testid=audit-person]', '张某乙');
  await page.click('[data-testid=audit-filter-submit]');
  await page.waitForFunction(() => /person=/.test(location.hash) && document.querySelector('[data-testid=audit-table]').getAttribute('aria-busy') === 'false');
  const ids = await page.$$eval('[data-testid^=audit-row-]', (trs) => trs.map((tr) => tr.dataset.id));
  assert.deepEqual(ids.map(Number).sort(), entries.map((a) => a.id).sort());
  await page.fill('[data-testid=audit-person]', '');
  await page.fill('[data-testid=audit-case-number]', '无此案号');
  await page.click('[data-testid=audit-filter-submit]');
  await page.waitForSelector('[data-testid=audit-table] .state-row');

  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script ran');
  assert.deepEqual(page.errors, []);
  await page.close();
});
