// work.test.mjs: the home page's work queues (GET /api/v1/work) and the bell's reminders (GET /api/v1/reminders)
// through the real binary (docs/api-cases.md, "Work queues and reminders"): which queues each role gets, every count
// and first lines equal to the list the link opens (the same filter), the custody expiry kinds (取保候审 / 监视居住,
// CPL 79) in the queues and the reminders, a new deadline showing at the next request and closing with the measure,
// another office's records absent, and a user without case.read seeing nothing.
//
// World: the demo procuratorate with 30 cases (demo.c adds the work queues' own cases: terms past, at and near their
// end for 李检察官 (at their end: on a working day only), cases received today, cases waiting to be assigned), plus another office with its own 案管 and an
// unassigned case of its own whose 取保候审 ran out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { addOrg, addUser, assertError, assertStatus, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, rmTempDir,
  startServer } from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, c, otherAnguan, otherCase, today, depts, users;

/** YYYY-MM-DD plus n days. */
function addDays(day, n) {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The day a measure of `months` started on for its nominal last day to be `due` (DOMAIN 0.1: same day N months
 * later); the term itself may end a few days later, rolled over rest days. */
function measureStart(due, months) {
  for (let i = months * 31 + 2; i > 0; i--) {
    const s = addDays(due, -i);
    const [y, m, d] = s.split('-').map(Number);
    const last = (yy, mm) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
    const tm = m - 1 + months, ty = y + Math.floor(tm / 12), tmon = (tm % 12) + 1;
    const day = d === last(y, m) || d > last(ty, tmon) ? last(ty, tmon) : d;
    if (`${ty}-${String(tmon).padStart(2, '0')}-${String(day).padStart(2, '0')}` === due) return s;
  }
  throw new Error('no start for ' + due);
}

const work = async (who) => assertStatus(await c[who].get('/api/v1/work'), 200);
const reminders = async (who) => assertStatus(await c[who].get('/api/v1/reminders'), 200);
const keys = (w) => w.queues.map((q) => q.key);

/** The list a queue or figure links to, with its filter, as the page asks for it (deadlines: running rows). */
async function listOf(who, list, filter, limit = 100) {
  const q = new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, String(v)])),
    limit: String(limit) });
  if (list === 'deadlines') q.set('status', 'open');
  if (list === 'approvals') q.set('scope', 'mine');
  return assertStatus(await c[who].get(`/api/v1/${list}?${q}`), 200);
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'work.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '30'], { timeout: 300_000 });
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_admin', role: 'admin', password: PW });
  addUser(db, { org: 'other', login: 'other_anguan', role: 'case_manager', password: PW });
  server = await startServer(db);
  const login = (l) => server.client().loginOk(l, PW);
  const logins = ['prosecutor', 'anguan', 'leader', 'buzhang', 'assistant', 'kongshen', 'admin', 'other_admin',
    'other_anguan'];
  c = {};
  for (const l of logins) c[l] = await login(l); // one at a time: the server limits one address's connections
  depts = Object.fromEntries(assertStatus(await c.anguan.get('/api/v1/departments'), 200).items.map((d) => [d.name, d.id]));
  users = Object.fromEntries(assertStatus(await c.anguan.get('/api/v1/users?limit=200'), 200).items.map((u) => [u.login, u.id]));
  today = (await work('anguan')).today;
  // the other office: a department, and an unassigned case received today whose 取保候审 ended about 20 days ago
  const dept = assertStatus(await c.other_admin.post('/api/v1/departments', { name: '第一检察部', kind: 'criminal' }), 201);
  otherAnguan = c.other_anguan;
  otherCase = assertStatus(await otherAnguan.post('/api/v1/cases', { case_type: 'prosecution_review', title: '外院诈骗案',
    source_agency: '另一县公安局', received_on: today, department_id: dept.id, assign: 'later',
    persons: [{ name: '外某', custody: 'bail', custody_since: measureStart(addDays(today, -20), 12), plea: false,
      sentence_band: '3_10y', charges: ['fraud'] }] }), 201);
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('queues per role', () => {
  test('each role gets its own queues, once, in a fixed order; a user without case.read gets none', async () => {
    assert.deepEqual(keys(await work('prosecutor')), ['my_overdue', 'my_due', 'my_week', 'my_cases']);
    assert.deepEqual(keys(await work('assistant')), ['my_overdue', 'my_due', 'my_week', 'my_cases']);
    assert.deepEqual(keys(await work('anguan')),
      ['office_overdue', 'office_due', 'office_warning', 'received_today', 'unassigned']);
    // petitions (issue 13): a 院领导's 包案 petitions and the office's high-risk ones follow
    assert.deepEqual(keys(await work('leader')), ['office_figures', 'office_overdue_cases', 'led_petitions',
      'high_risk_petitions']);
    // a 部门负责人 handles cases and leads a department: both, each once
    assert.deepEqual(keys(await work('buzhang')),
      ['my_overdue', 'my_due', 'my_week', 'my_cases', 'department_figures', 'department_overdue_cases']);
    // 控申 (issue 13, petitions): the reply periods of the petitions it handles, in its own three deadline queues
    assert.deepEqual(keys(await work('kongshen')), ['my_overdue', 'my_due', 'my_week']);
    for (const who of ['admin']) {
      const w = await work(who);
      assert.deepEqual(w.queues, []);
      assert.equal(w.today, today);
    }
    assertError(await server.client().get('/api/v1/work'), 401, 'unauthenticated');
  });

  test('every count and first lines are those of the list the link opens, with the same filter', async () => {
    let compared = 0;
    for (const who of ['prosecutor', 'assistant', 'anguan', 'leader', 'buzhang']) {
      for (const q of (await work(who)).queues) {
        if (q.kind === 'figures') {
          for (const f of q.figures) {
            const page = await listOf(who, f.list, f.filter, 1);
            assert.equal(f.count, page.total, `${who} ${q.key} ${f.key}`);
            compared++;
          }
          continue;
        }
        assert.equal(q.list, q.kind);
        const page = await listOf(who, q.list, q.filter);
        assert.equal(q.total, page.total, `${who} ${q.key} total`);
        assert.equal(q.total_capped, false);
        assert.ok(q.items.length <= 10 && q.items.length === Math.min(10, page.total), `${who} ${q.key} lines`);
        assert.deepEqual(q.items.map((i) => i.id), page.items.slice(0, q.items.length).map((i) => i.id), `${who} ${q.key}`);
        compared++;
      }
    }
    assert.ok(compared >= 25, `compared ${compared}`);
  });

  test("a prosecutor's queues: own deadlines only, with the custody terms of the demo office", async () => {
    const w = await work('prosecutor');
    const q = Object.fromEntries(w.queues.map((x) => [x.key, x]));
    for (const x of ['my_overdue', 'my_due', 'my_week']) {
      for (const d of q[x].items) assert.equal(d.prosecutor_id, users.prosecutor, `${x} ${d.id}`);
    }
    assert.ok(q.my_overdue.items.every((d) => d.level === 'overdue' && d.due_on < today));
    assert.ok(q.my_due.items.every((d) => d.level === 'due' && d.due_on === today));
    assert.ok(q.my_week.items.every((d) => d.due_on > today && d.due_on <= addDays(today, 6)));
    assert.deepEqual(q.my_week.filter, { scope: 'mine', from: addDays(today, 1), to: addDays(today, 6) });
    const res = q.my_overdue.items.find((d) => d.kind === 'residential_expiry');
    assert.ok(res, 'an overdue 监视居住 term');
    assert.equal(res.kind_name, '监视居住期限');
    assert.ok(res.due_on < today);
    assert.equal(res.length, '6m');
    assert.equal(res.custody_bound, false); // not 在押: rolls over rest days (CPL 105)
    assert.equal(res.rule, '刑事诉讼法第七十九条');
    const bail = q.my_week.items.find((d) => d.kind === 'bail_expiry');
    assert.ok(bail, 'a 取保候审 term ending this week');
    assert.equal(bail.length, '12m');
    assert.deepEqual(q.my_cases.filter, { status: 'open', prosecutor_id: users.prosecutor });
    assert.ok(q.my_cases.items.every((x) => x.prosecutor_id === users.prosecutor
      && ['under_review', 'returned'].includes(x.status)));
  });

  test("案管's queues: the office's deadlines, cases received today, cases waiting to be assigned", async () => {
    const q = Object.fromEntries((await work('anguan')).queues.map((x) => [x.key, x]));
    assert.ok(q.office_overdue.total > 0 && q.office_due.total > 0 && q.office_warning.total > 0);
    const who = new Set(q.office_overdue.items.map((d) => d.prosecutor_id));
    assert.ok(who.size > 1, 'the whole office, not one prosecutor');
    assert.ok(q.office_warning.items.some((d) => d.kind === 'bail_expiry' && d.days_left <= 15));
    assert.ok(q.received_today.total >= 2);
    assert.ok(q.received_today.items.every((x) => x.received_on === today));
    assert.deepEqual(q.received_today.filter, { received_from: today, received_to: today });
    assert.equal(q.unassigned.total, 2);
    assert.ok(q.unassigned.items.every((x) => x.prosecutor_id === null && x.status === 'under_review'));
    assert.deepEqual(q.unassigned.filter, { unassigned: 'true' });
    // the unassigned case whose 取保候审 ran out is in the office's overdue list, with no prosecutor
    const all = await listOf('anguan', 'deadlines', { scope: 'office', level: 'overdue' }, 200);
    assert.ok(all.items.some((d) => d.kind === 'bail_expiry' && d.prosecutor_id === null && d.due_on < today));
  });

  test("a leader's figures and the cases past a deadline; a 部门负责人's are the department's", async () => {
    const q = Object.fromEntries((await work('leader')).queues.map((x) => [x.key, x]));
    const f = Object.fromEntries(q.office_figures.figures.map((x) => [x.key, x]));
    assert.deepEqual(Object.keys(f), ['open_cases', 'overdue_deadlines', 'concluded_month', 'approvals_waiting']);
    assert.ok(f.open_cases.count > 0 && f.overdue_deadlines.count > 0);
    assert.deepEqual(f.concluded_month.filter, { concluded_from: today.slice(0, 8) + '01', concluded_to: today });
    assert.ok(q.office_overdue_cases.total > 0);
    assert.ok(q.office_overdue_cases.items.every((x) => x.level === 'overdue'));
    const d = Object.fromEntries((await work('buzhang')).queues.map((x) => [x.key, x]));
    const df = Object.fromEntries(d.department_figures.figures.map((x) => [x.key, x]));
    assert.equal(df.open_cases.filter.department_id, depts['第一检察部']);
    assert.ok(df.open_cases.count < f.open_cases.count, 'one department of several');
    assert.ok(d.department_overdue_cases.items.every((x) => x.department_id === depts['第一检察部']));
  });
});

describe('reminders', () => {
  test('the bell counts every kind at warning, due or overdue, in the 期限 badge scope, most urgent first', async () => {
    for (const [who, scope] of [['prosecutor', 'mine'], ['anguan', 'office'], ['leader', 'office'], ['assistant', 'mine']]) {
      const r = await reminders(who);
      assert.equal(r.scope, scope, who);
      assert.deepEqual(r.filter, { scope, level: 'attention' });
      const page = await listOf(who, 'deadlines', r.filter, 200);
      assert.equal(r.total, page.total, who);
      assert.deepEqual(r.items.map((d) => d.id), page.items.slice(0, 10).map((d) => d.id));
      const sum = assertStatus(await c[who].get(`/api/v1/deadlines/summary?scope=${scope}`), 200);
      assert.equal(r.total, sum.overdue + sum.due + sum.warning, `${who}: the summary's three levels`);
      assert.ok(r.items.every((d) => ['overdue', 'due', 'warning'].includes(d.level)));
      for (let i = 1; i < r.items.length; i++) assert.ok(r.items[i - 1].due_on <= r.items[i].due_on);
      assert.ok(r.items.every((d) => d.kind_name));
    }
    const kinds = new Set((await listOf('anguan', 'deadlines', { scope: 'office', level: 'attention' }, 200)).items
      .map((d) => d.kind));
    assert.ok(kinds.has('bail_expiry') && kinds.has('residential_expiry'), [...kinds].join());
    // a user without case.read (the administrator; 控申 reads cases since issue 13) gets no reminder
    const none = await reminders('admin');
    assert.equal(none.total, 0);
    assert.deepEqual(none.items, []);
    assertError(await c.admin.get('/api/v1/deadlines?scope=mine'), 403, 'forbidden');
    assertError(await c.admin.get('/api/v1/cases'), 403, 'forbidden');
  });

  test('a new deadline shows at the next request, and the term closes when the measure changes', async () => {
    const before = await reminders('prosecutor');
    const beforeWork = Object.fromEntries((await work('prosecutor')).queues.map((x) => [x.key, x.total]));
    const created = assertStatus(await c.anguan.post('/api/v1/cases', { case_type: 'prosecution_review',
      title: '新某敲诈勒索案', source_agency: '缙云县公安局', received_on: today, department_id: depts['第一检察部'],
      assign: 'manual', prosecutor_id: users.prosecutor,
      persons: [{ name: '新某', custody: 'residential', custody_since: measureStart(addDays(today, -20), 6), plea: false,
        sentence_band: '3_10y', charges: ['extortion'] }] }), 201);
    const term = created.deadlines.find((d) => d.kind === 'residential_expiry');
    assert.ok(term.due_on < today && term.due_on >= addDays(today, -20));
    assert.equal(term.level, 'overdue');
    const after1 = await reminders('prosecutor');
    assert.equal(after1.total, before.total + 1);
    const w = Object.fromEntries((await work('prosecutor')).queues.map((x) => [x.key, x.total]));
    assert.equal(w.my_overdue, beforeWork.my_overdue + 1);
    assert.equal(w.my_cases, beforeWork.my_cases + 1);
    // 监视居住 changed to 逮捕 today: the term closes that day, late (it had run out two days before)
    assertStatus(await c.prosecutor.post(`/api/v1/cases/${created.id}/events`, { kind: 'custody', on: today,
      person_id: created.persons[0].id, custody: 'arrested', reason: '变更强制措施' }), 201);
    const got = assertStatus(await c.prosecutor.get(`/api/v1/cases/${created.id}`), 200);
    const closed = got.deadlines.find((d) => d.kind === 'residential_expiry');
    assert.equal(closed.status, 'closed');
    assert.equal(closed.closed_on, today);
    assert.equal(closed.level, 'late');
    assert.equal((await reminders('prosecutor')).total, before.total);
  });
});

describe('isolation and input', () => {
  test("another office's records are absent from every queue and reminder, and the other way round", async () => {
    const ids = new Set();
    for (const who of ['prosecutor', 'anguan', 'leader', 'buzhang']) {
      for (const q of (await work(who)).queues) for (const it of q.items || []) ids.add(it.case_id || it.id);
      for (const d of (await reminders(who)).items) ids.add(d.case_id);
    }
    assert.ok(!ids.has(otherCase.id));
    const q = Object.fromEntries((await work('other_anguan')).queues.map((x) => [x.key, x]));
    assert.equal(q.unassigned.total, 1);
    assert.equal(q.unassigned.items[0].id, otherCase.id);
    assert.equal(q.received_today.total, 1);
    assert.equal(q.office_overdue.total, 1);
    assert.equal(q.office_overdue.items[0].kind, 'bail_expiry');
    const r = await reminders('other_anguan');
    assert.equal(r.total, 1);
    assert.equal(r.items[0].case_id, otherCase.id);
  });

  test('the new list filters check their input', async () => {
    assertError(await c.anguan.get('/api/v1/cases?unassigned=yes'), 400, 'validation_failed', 'unassigned');
    assertError(await c.anguan.get('/api/v1/cases?concluded_from=2025-02-30'), 400, 'validation_failed', 'concluded_from');
    assertError(await c.anguan.get('/api/v1/cases?status=opened'), 400, 'validation_failed', 'status');
    assertError(await c.anguan.get('/api/v1/deadlines?level=soon'), 400, 'validation_failed', 'level');
    assertError(await c.anguan.get('/api/v1/deadlines?kind=nope'), 400, 'validation_failed', 'kind');
    const bail = await listOf('anguan', 'deadlines', { scope: 'office', kind: 'bail_expiry' });
    assert.ok(bail.total > 0 && bail.items.every((d) => d.kind === 'bail_expiry'));
    const open = await listOf('anguan', 'cases', { status: 'open' }, 200);
    assert.ok(open.items.every((x) => ['under_review', 'returned'].includes(x.status)));
    assertError(await c.anguan.post('/api/v1/cases', { case_type: 'prosecution_review', title: '某案',
      source_agency: '缙云县公安局', received_on: today, department_id: depts['第一检察部'], assign: 'sometime',
      persons: [{ name: '某某', custody: 'none', charges: ['fraud'] }] }), 400, 'validation_failed', 'assign');
  });
});
