// deadline_month.test.mjs: GET /api/v1/deadlines/month (issue 9 section 6): one request gives a month's deadlines as
// per-day counts plus the first entries of each day. The counts must equal the totals of the paged list
// (GET /api/v1/deadlines?from=DAY&to=DAY) under the same scope, level and kind, and the entries must be the list's
// first rows of that day; the same scope rules and office isolation as the list; bad parameters named.
//
// World: the demo procuratorate with 150 generated cases (received over the past year, so the current month and
// the ones around it have deadlines of every level), plus an unrelated office with its own 案管.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  addOrg, addUser, assertError, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, rmTempDir, startServer,
} from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, anguan, prosecutor, otherOrg;

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'month.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '150'], { timeout: 300_000 });
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_cm', role: 'case_manager', password: PW });
  server = await startServer(db);
  anguan = await server.client().loginOk('anguan', PW);
  prosecutor = await server.client().loginOk('prosecutor', PW);
  otherOrg = await server.client().loginOk('other_cm', PW);
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

/** The month of today in China (UTC+8) shifted by n months, as YYYY-MM. */
function monthOf(n) {
  const d = new Date(Date.now() + 8 * 3600_000);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  return m.toISOString().slice(0, 7);
}

const qs = (o) => new URLSearchParams(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined)).toString();

/** Checks one month view against the paged list, day by day, under the same filters. Returns the month's total. */
async function checkAgainstList(c, filters, month, perDay = 3) {
  const res = await c.get(`/api/v1/deadlines/month?${qs({ ...filters, month, per_day: perDay })}`);
  assert.equal(res.status, 200, res.text);
  const m = res.body;
  assert.equal(m.month, month);
  assert.equal(m.from, `${month}-01`);
  assert.equal(m.to.slice(0, 7), month);
  const whole = (await c.get(`/api/v1/deadlines?${qs({ ...filters, status: 'open', from: m.from, to: m.to, limit: 1 })}`)).body;
  assert.equal(m.total, whole.total, `month total ${JSON.stringify(filters)} ${month}`);
  let sum = 0;
  let prev = '';
  for (const day of m.days) {
    assert.ok(day.date >= m.from && day.date <= m.to, day.date);
    assert.ok(day.date > prev, 'days in order, each once');
    prev = day.date;
    assert.ok(day.count > 0);
    const list = (await c.get(`/api/v1/deadlines?${qs({ ...filters, status: 'open', from: day.date, to: day.date,
      limit: perDay })}`)).body;
    assert.equal(day.count, list.total, `count of ${day.date} ${JSON.stringify(filters)}`);
    assert.deepEqual(day.items.map((d) => d.id), list.items.map((d) => d.id), `first entries of ${day.date}`);
    assert.ok(day.items.every((d) => d.due_on === day.date));
    sum += day.count;
  }
  assert.equal(sum, m.total);
  return m.total;
}

describe('deadline month view', () => {
  test('per-day counts equal the list totals per day under the same filters (scope, level, kind)', async () => {
    let seen = 0;
    for (const month of [monthOf(-1), monthOf(0), monthOf(1)]) {
      seen += await checkAgainstList(anguan, { scope: 'office' }, month);
      await checkAgainstList(anguan, { scope: 'office', level: 'overdue' }, month);
      await checkAgainstList(anguan, { scope: 'office', level: 'warning' }, month, 1);
      await checkAgainstList(anguan, { scope: 'office', kind: 'review' }, month, 5);
      await checkAgainstList(anguan, { scope: 'office', kind: 'archiving' }, month);
      await checkAgainstList(prosecutor, {}, month);
      await checkAgainstList(prosecutor, { scope: 'department' }, month, 2);
    }
    assert.ok(seen >= 5, `the demo office has deadlines around today (${seen})`); // else the checks above prove little
  });

  test('a busy day shows its first entries and the full count ("+N" opens the day)', async () => {
    const m = (await anguan.get(`/api/v1/deadlines/month?${qs({ scope: 'office', month: monthOf(0), per_day: 1 })}`)).body;
    const busy = m.days.find((d) => d.count > 1);
    assert.ok(busy, 'a day with more than one deadline');
    assert.equal(busy.items.length, 1);
    assert.equal(m.per_day, 1);
    const dflt = (await anguan.get(`/api/v1/deadlines/month?${qs({ scope: 'office', month: monthOf(0) })}`)).body;
    assert.equal(dflt.per_day, 3);
    assert.ok(dflt.days.every((d) => d.items.length === Math.min(3, d.count)));
  });

  test('the kind filter narrows the list and the month alike', async () => {
    const month = monthOf(0);
    const all = (await anguan.get(`/api/v1/deadlines/month?${qs({ scope: 'office', month })}`)).body;
    const review = (await anguan.get(`/api/v1/deadlines/month?${qs({ scope: 'office', month, kind: 'review' })}`)).body;
    assert.ok(review.days.every((d) => d.items.every((x) => x.kind === 'review')));
    const list = (await anguan.get(`/api/v1/deadlines?${qs({ scope: 'office', kind: 'archiving', limit: 200 })}`)).body;
    assert.ok(list.items.every((x) => x.kind === 'archiving'));
    assert.ok(review.total <= all.total);
  });

  test('scope rules and office isolation are the list\'s', async () => {
    assertError(await prosecutor.get(`/api/v1/deadlines/month?scope=office&month=${monthOf(0)}`), 403, 'forbidden', 'scope');
    const other = (await otherOrg.get(`/api/v1/deadlines/month?scope=office&month=${monthOf(0)}`)).body;
    assert.equal(other.total, 0);
    assert.deepEqual(other.days, []);
    const office = (await anguan.get(`/api/v1/deadlines/month?scope=office&month=${monthOf(0)}`)).body;
    const mine = (await prosecutor.get(`/api/v1/deadlines/month?month=${monthOf(0)}`)).body;
    assert.ok(mine.total <= office.total);
    assert.ok(mine.days.every((d) => d.items.every((x) => x.prosecutor_id === prosecutor.user.id)));
    const anon = await server.client().get(`/api/v1/deadlines/month?month=${monthOf(0)}`);
    assert.equal(anon.status, 401);
  });

  test('bad parameters are refused, naming the field', async () => {
    for (const bad of ['', '2025-13', '2025-00', '2025-1', '202501', '2025/01', 'abcd-ef', '2025-01-01', '1899-12', '２０２５-01']) {
      const res = await anguan.get(`/api/v1/deadlines/month?scope=office&month=${encodeURIComponent(bad)}`);
      assertError(res, 400, 'validation_failed', 'month');
      assert.match(res.body.error.message, /month/);
    }
    assertError(await anguan.get('/api/v1/deadlines/month?scope=office'), 400, 'validation_failed', 'month');
    for (const n of ['0', '21', 'x', '-1']) {
      assertError(await anguan.get(`/api/v1/deadlines/month?month=${monthOf(0)}&per_day=${n}`), 400, 'validation_failed',
        'per_day');
    }
    assertError(await anguan.get(`/api/v1/deadlines/month?month=${monthOf(0)}&kind=bogus`), 400, 'validation_failed', 'kind');
    assertError(await anguan.get(`/api/v1/deadlines/month?month=${monthOf(0)}&level=purple`), 400, 'validation_failed', 'level');
    assertError(await anguan.get(`/api/v1/deadlines/month?month=${monthOf(0)}&scope=world`), 400, 'validation_failed', 'scope');
    assertError(await anguan.get(`/api/v1/deadlines?kind=bogus`), 400, 'validation_failed', 'kind');
  });
});
