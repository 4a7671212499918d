// home.test.mjs: the home page's work queues for three roles on the demo office (a prosecutor, a 案管 clerk, a leader):
// the queues their roles give them, each count equal to the list it opens, each line opening its record; and the bell
// in the top bar: its count, its dropdown of the most urgent reminders with links, and a refresh (when the tab becomes
// visible again) that shows a new deadline without a page reload and with one request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PASSWORD, openPage, signIn, startWorld } from './browser.mjs';

let world;

before(async () => {
  world = await startWorld({ cases: 20 });
});

after(async () => {
  if (world) await world.stop();
});

/** Signs in and waits for the queues to be drawn; returns the queue keys shown, in order. */
async function home(page, login) {
  await signIn(page, world, login);
  await page.waitForSelector('[data-testid=work-queues][aria-busy=false]', { state: 'attached' });
  return page.$$eval('[data-testid=work-queues] > section', (s) => s.map((e) => e.dataset.key));
}

/** The API's answer for the signed-in user (the page's own session). */
function apiGet(page, path) {
  return page.evaluate(async (p) => (await fetch('/api/v1' + p)).json(), path);
}

/** Waits until the list table (data-testid) shows its reply: not busy, and no loading row. */
async function waitList(page, table) {
  await page.waitForFunction((tid) => {
    const t = document.querySelector(`[data-testid=${tid}]`);
    return t && t.getAttribute('aria-busy') === 'false' && !t.querySelector('.state-loading');
  }, table);
}

/** Clicks a queue's count and checks the list it opens shows that many rows (at most a page of 50). */
async function openCount(page, key, rowSelector) {
  const total = Number(await page.getAttribute(`[data-testid=queue-${key}]`, 'data-total'));
  assert.equal(await page.textContent(`[data-testid=queue-${key}-count]`), String(total));
  await page.click(`[data-testid=queue-${key}-count]`);
  await waitList(page, rowSelector.replace(/^\[data-testid=([a-z-]+)\].*/, '$1'));
  const rows = await page.locator(rowSelector).count();
  assert.equal(rows, Math.min(total, 50), `${key}: ${rows} rows for a count of ${total}`);
  return total;
}

/** Clicks the first line of a queue and checks the record it names opens. */
async function openFirstLine(page, key) {
  const link = page.locator(`[data-testid^=queue-${key}-link-]`).first();
  const href = await link.getAttribute('href');
  assert.match(href, /^#\/cases\/\d+$/);
  await link.click();
  await page.waitForSelector('[data-testid=case-number]');
  assert.equal(new URL(page.url()).hash, href);
}

test('a prosecutor: own deadlines overdue, due today and this week, own open cases; links open the record', async () => {
  const page = await openPage(world);
  assert.deepEqual(await home(page, 'prosecutor'), ['my_overdue', 'my_due', 'my_week', 'my_cases']);
  // the demo office gives 李检察官 a 监视居住 past its term and a 取保候审 ending this week
  assert.match(await page.textContent('[data-testid=queue-my_overdue]'), /监视居住期限/);
  assert.match(await page.textContent('[data-testid=queue-my_week]'), /取保候审期限/);
  const w = await apiGet(page, '/work');
  for (const q of w.queues) {
    assert.equal(await page.getAttribute(`[data-testid=queue-${q.key}]`, 'data-total'), String(q.total));
    assert.equal(await page.locator(`[data-testid^=queue-${q.key}-item-]`).count(), q.items.length);
  }
  // the profile and the quick links stay, below the queues
  const [queuesBottom, profileTop] = await page.evaluate(() => [
    document.querySelector('[data-testid=work-queues]').getBoundingClientRect().bottom,
    document.querySelector('[data-testid=home-profile]').getBoundingClientRect().top]);
  assert.ok(profileTop >= queuesBottom);
  await openFirstLine(page, 'my_overdue');
  await page.goBack();
  await page.waitForSelector('[data-testid=work-queues][aria-busy=false]');
  await openCount(page, 'my_week', '[data-testid=deadlines-table] tbody tr[data-testid^=deadline-row-]');
  assert.match(await page.textContent('[data-testid=deadlines-range]'), /到期日 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);
  await page.goBack();
  await page.waitForSelector('[data-testid=work-queues][aria-busy=false]');
  await openCount(page, 'my_overdue', '[data-testid=deadlines-table] tbody tr[data-testid^=deadline-row-]');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a 案管 clerk: the office overdue and due-soon deadlines, cases received today, cases to assign', async () => {
  const page = await openPage(world);
  assert.deepEqual(await home(page, 'anguan'),
    ['office_overdue', 'office_due', 'office_warning', 'received_today', 'unassigned']);
  assert.equal(await page.locator('[data-testid^=queue-unassigned-item-]').count(), 2);
  assert.match(await page.textContent('[data-testid=queue-unassigned]'), /未分案/);
  assert.ok(await page.locator('[data-testid^=queue-received_today-item-]').count() >= 2);
  assert.ok(await page.locator('[data-testid^=queue-office_overdue-item-]').count() > 0);
  await openCount(page, 'unassigned', '[data-testid=cases-table] tbody tr[data-testid^=case-row-]');
  assert.match(await page.textContent('[data-testid=cases-extra-filter]'), /仅待分案/);
  await page.goBack();
  await page.waitForSelector('[data-testid=work-queues][aria-busy=false]');
  await openCount(page, 'received_today', '[data-testid=cases-table] tbody tr[data-testid^=case-row-]');
  await page.goBack();
  await page.waitForSelector('[data-testid=work-queues][aria-busy=false]');
  await openFirstLine(page, 'unassigned');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a leader: the office's figures and the cases past a deadline", async () => {
  const page = await openPage(world);
  // petitions (issue 13): then the leader's 包案 and high-risk petitions
  assert.deepEqual(await home(page, 'leader'), ['office_figures', 'office_overdue_cases', 'led_petitions',
    'high_risk_petitions']);
  const w = await apiGet(page, '/work');
  for (const f of w.queues[0].figures) {
    assert.equal(await page.getAttribute(`[data-testid=figure-${f.key}]`, 'data-count'), String(f.count));
  }
  const open = Number(await page.getAttribute('[data-testid=figure-open_cases]', 'data-count'));
  assert.ok(open > 0);
  await page.click('[data-testid=figure-open_cases]');
  await waitList(page, 'cases-table');
  assert.equal(await page.locator('[data-testid=cases-table] tbody tr[data-testid^=case-row-]').count(), Math.min(open, 50));
  assert.equal(await page.inputValue('select[data-testid=cases-status]'), 'open');
  await page.goBack();
  await page.waitForSelector('[data-testid=work-queues][aria-busy=false]');
  await page.click('[data-testid=figure-overdue_deadlines]');
  await waitList(page, 'deadlines-table');
  const overdue = Number(w.queues[0].figures.find((f) => f.key === 'overdue_deadlines').count);
  assert.equal(await page.locator('[data-testid=deadlines-table] tbody tr[data-testid^=deadline-row-]').count(),
    Math.min(overdue, 50));
  await page.goBack();
  await page.waitForSelector('[data-testid=work-queues][aria-busy=false]');
  await openFirstLine(page, 'office_overdue_cases');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the bell: its count, the most urgent in its dropdown, and a refresh without reload after a new deadline', async () => {
  const page = await openPage(world);
  await home(page, 'prosecutor');
  await page.waitForSelector('[data-testid=bell-count]:not([hidden])');
  const r = await apiGet(page, '/reminders');
  assert.ok(r.total > 0);
  assert.equal(await page.getAttribute('[data-testid=bell-count]', 'data-count'), String(r.total));
  assert.equal(await page.getAttribute('[data-testid=bell-count]', 'data-scope'), 'mine');
  await page.click('[data-testid=bell]');
  await page.waitForSelector('[data-testid=bell-list]:not([hidden])');
  const items = page.locator('[data-testid^=bell-item-]');
  assert.equal(await items.count(), Math.min(r.total, 10));
  assert.equal(await items.first().getAttribute('data-testid'), 'bell-item-' + r.items[0].id);
  assert.match(await page.textContent('[data-testid=bell-list]'), /监视居住期限/);
  const href = await items.first().getAttribute('href');
  assert.equal(href, '#/cases/' + r.items[0].case_id);
  await items.first().click();
  await page.waitForSelector('[data-testid=case-number]');
  assert.ok(await page.isHidden('[data-testid=bell-list]'), 'the dropdown closes on following a link');
  assert.equal(new URL(page.url()).hash, href);

  // a new deadline: 案管 registers a case for 李检察官 whose suspect's 监视居住 ran out yesterday
  const anguan = await world.server.client().loginOk('anguan', PASSWORD);
  const depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  const users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
  const today = r.today;
  const since = new Date(today + 'T00:00:00Z');
  since.setUTCMonth(since.getUTCMonth() - 6);
  since.setUTCDate(since.getUTCDate() - 20); // the term ended some 20 days ago, rolled over rest days or not
  const res = await anguan.post('/api/v1/cases', { case_type: 'prosecution_review', title: '铃某敲诈勒索案',
    source_agency: '缙云县公安局', received_on: today, department_id: depts['第一检察部'], assign: 'manual',
    prosecutor_id: users.prosecutor, persons: [{ name: '铃某', custody: 'residential',
      custody_since: since.toISOString().slice(0, 10), plea: false, sentence_band: '3_10y', charges: ['extortion'] }] });
  assert.equal(res.status, 201, res.text);

  await page.evaluate(() => { window.__notReloaded = true; });
  const requests = [];
  page.on('request', (q) => { if (q.url().includes('/api/v1/reminders')) requests.push(q.url()); });
  // the tab becomes visible again (twice at once: one request)
  await page.evaluate(() => {
    document.dispatchEvent(new Event('visibilitychange'));
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForFunction((n) => document.querySelector('[data-testid=bell-count]').dataset.count === String(n),
    r.total + 1);
  assert.equal(requests.length, 1);
  assert.equal(await page.evaluate(() => window.__notReloaded), true);
  await page.click('[data-testid=bell]');
  assert.match(await page.textContent('[data-testid=bell-list]'), /铃某/);
  await page.click('[data-testid=bell-all]');
  await waitList(page, 'deadlines-table');
  assert.equal(await page.locator('[data-testid=deadlines-table] tbody tr[data-testid^=deadline-row-]').count(),
    Math.min(r.total + 1, 50));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the bell of 案管 counts the office, and a user without case.read has no deadline in it', async () => {
  const page = await openPage(world);
  await home(page, 'anguan');
  await page.waitForSelector('[data-testid=bell-count]:not([hidden])');
  const r = await apiGet(page, '/reminders');
  assert.equal(await page.getAttribute('[data-testid=bell-count]', 'data-scope'), 'office');
  assert.equal(await page.getAttribute('[data-testid=bell-count]', 'data-count'), String(r.total));
  await page.close();
  const other = await openPage(world);
  // 政工 reads no case (控申 does since issue 13: its petitions' reply periods)
  assert.deepEqual(await home(other, 'zhengzhi'), []);
  // the one feed still brings 政工 the rotation and mentoring reminders (people, issue 14), and nothing else
  const rz = await apiGet(other, '/reminders');
  assert.ok(rz.items.every((d) => String(d.id).startsWith('people-')), JSON.stringify(rz.items));
  await other.waitForFunction((n) => {
    const b = document.querySelector('[data-testid=bell-count]');
    return b && b.dataset.count === String(n);
  }, rz.total);
  await other.click('[data-testid=bell]');
  assert.equal(await other.locator('[data-testid=bell-all]').count(), 0, 'no link to a deadline list it cannot read');
  assert.ok(await other.isHidden('[data-testid=work-queues]'));
  assert.deepEqual(other.errors, []);
  await other.close();
});
