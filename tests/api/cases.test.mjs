// cases.test.mjs: cases and statutory deadlines through the real binary (docs/api-cases.md, DOMAIN.md 0-2).
//
// The world is the demo procuratorate without cases (`jianwu demo-data --cases 0`): 缙云县人民检察院 with its
// departments, a case manager (anguan), prosecutors in two departments and the fast-track team; plus an unrelated
// organisation with its own case manager, for isolation.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  addOrg, addUser, assertError, auditVerify, cliOk, initDb, makeTempDir, rmTempDir, sqlite, SQLITE3, startServer, newDbTarget,
} from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, anguan, prosecutor, prosecutor2, clerk, otherOrg, depts, users, chief, head;

/** A person as the API takes it (诈骗 is not on the demo's fast-track list, so these cases stay where they are put). */
function person(over = {}) {
  return {
    name: '张某', id_number: '11010519491231002X', custody: 'bail', plea: true, sentence_band: 'under_1y',
    charges: ['fraud'], ...over,
  };
}

/**
 * A prosecution review case received on 2025-03-05 in 第一检察部, assigned to `prosecutor` by hand. A person's
 * coercive measure without a date (and without a custody history) is dated the receipt day, as the tests before
 * dates were required assumed.
 */
function newCase(over = {}) {
  const body = {
    case_type: 'prosecution_review', title: '张某盗窃案', source_agency: '缙云县公安局', received_on: '2025-03-05',
    department_id: depts['第一检察部'], assign: 'manual', prosecutor_id: users.prosecutor, persons: [person()], ...over,
  };
  return { ...body, persons: datedPersons(body.persons, body.received_on) };
}

/** The persons with custody_since set to `on` where a coercive measure has no date (see newCase). */
function datedPersons(persons, on) {
  if (!Array.isArray(persons)) return persons;
  return persons.map((p) => (p && typeof p === 'object' && ['detained', 'arrested', 'bail', 'residential'].includes(p.custody)
    && p.custody_since === undefined && p.custody_history === undefined ? { ...p, custody_since: on } : p));
}

async function register(body) {
  const res = await anguan.post('/api/v1/cases', body);
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function event(c, id, body) {
  return c.post(`/api/v1/cases/${id}/events`, body);
}

const deadline = (kase, kind, seq = 1) => kase.deadlines.find((d) => d.kind === kind && d.sequence === seq);

/** A decision of the 权力清单: proposed by `c` (202), approved by `approver` on the same legal date. Returns the case
 * as a response (status 201 when it took effect), so callers read it like a direct event. */
async function viaApproval(c, id, body, approver) {
  const res = await event(c, id, body);
  if (res.status !== 202) return res;
  assert.equal(res.body.approval.status, 'pending');
  const ok = await approver.post(`/api/v1/approvals/${res.body.approval.id}/approve`, { on: body.on });
  if (ok.status !== 200) return ok;
  const after = await c.get(`/api/v1/cases/${id}`);
  return { status: 201, body: after.body, text: after.text };
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'cases.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_cm', role: 'case_manager', password: PW });
  server = await startServer(db);
  anguan = await server.client().loginOk('anguan', PW);
  prosecutor = await server.client().loginOk('prosecutor', PW);
  prosecutor2 = await server.client().loginOk('prosecutor2', PW);
  clerk = await server.client().loginOk('clerk', PW);
  chief = await server.client().loginOk('leader', PW);
  head = await server.client().loginOk('buzhang', PW);
  otherOrg = await server.client().loginOk('other_cm', PW);
  depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('registration', () => {
  test('a case gets its number, its persons and its review deadline (CPL 105: rolls past 清明 2025)', async () => {
    const c = await register(newCase());
    assert.match(c.case_number, /^缙检刑诉受〔2025〕\d+号$/);
    assert.equal(c.status, 'under_review');
    assert.equal(c.prosecutor_id, users.prosecutor);
    assert.equal(c.persons[0].sex, 'F');
    assert.equal(c.persons[0].birth_date, '1949-12-31');
    assert.deepEqual(c.persons[0].charges.map((x) => x.code), ['fraud']);
    const d = deadline(c, 'review');
    // 2025-03-05 + 1 month = 04-05, inside 清明 (04-04..04-06): not custody-bound, so 04-07
    assert.equal(d.due_on, '2025-04-07');
    assert.equal(d.custody_bound, false);
    assert.equal(d.level, 'overdue');
    assert.equal(c.events[0].kind, 'register');
  });

  test('a suspect in custody makes the review period custody-bound: never moved', async () => {
    const c = await register(newCase({ persons: [person({ custody: 'arrested', custody_since: '2025-02-20' })] }));
    const d = deadline(c, 'review');
    assert.equal(d.custody_bound, true);
    assert.equal(d.due_on, '2025-04-05');
  });

  test('case numbers follow a per-year, per-type sequence', async () => {
    const a = await register(newCase({ received_on: '2024-06-03' }));
    const b = await register(newCase({ received_on: '2024-06-04', persons: [person({ id_number: '440524188001010014' })] }));
    const na = Number(/〔2024〕(\d+)号/.exec(a.case_number)[1]);
    const nb = Number(/〔2024〕(\d+)号/.exec(b.case_number)[1]);
    assert.equal(nb, na + 1);
    const arrest = await register(newCase({ case_type: 'arrest_review', received_on: '2024-06-05' }));
    assert.match(arrest.case_number, /^缙检刑捕受〔2024〕1号$/);
  });

  test('rotation assigns the department prosecutors in turn', async () => {
    const peek = await anguan.get(`/api/v1/cases/rotation?department_id=${depts['第二检察部']}`);
    assert.equal(peek.status, 200);
    const picked = [];
    for (let i = 0; i < 3; i++) {
      const c = await register(newCase({ department_id: depts['第二检察部'], assign: 'rotation', prosecutor_id: null,
        persons: [person({ id_number: null, name: `轮案${i}`, charges: ['fraud'], plea: false })] }));
      picked.push(c.prosecutor_id);
    }
    assert.equal(picked[0], peek.body.prosecutor_id);
    assert.equal(new Set(picked).size, 3, `three prosecutors of 第二检察部 in turn: ${picked}`);
  });

  test('the fast-track rule routes a light guilty-plea case to the team with 速裁 periods', async () => {
    const c = await register(newCase({ persons: [person({ charges: ['dangerous_driving'], sentence_band: 'under_1y' })] }));
    assert.equal(c.department_id, depts['轻微刑事案件办案组']);
    assert.equal(c.summary_procedure, true);
    // 速裁: 10 days from 2025-03-05 = 03-15, a Saturday: rolls to Monday 03-17
    assert.equal(deadline(c, 'review').due_on, '2025-03-17');
    const longer = await register(newCase({ persons: [person({ charges: ['theft'], sentence_band: '1_3y' })] }));
    // more than one year likely: 15 days in total = 03-20
    assert.equal(deadline(longer, 'review').due_on, '2025-03-20');
  });

  test('bad input is refused naming the field, and nothing is written', async () => {
    const before = (await anguan.get('/api/v1/cases?limit=1')).body.total;
    const cases = [
      [newCase({ persons: [person({ id_number: '110105194912310021' })] }), 'persons.0.id_number'],
      [newCase({ persons: [person({ charges: ['no_such_charge'] })] }), 'persons.0.charges'],
      [newCase({ persons: [person(), person({ name: '张某某' })] }), 'persons.1.id_number'],
      [newCase({ received_on: '2025-02-30' }), 'received_on'],
      [newCase({ received_on: '2999-01-01' }), 'received_on'],
      [newCase({ case_type: 'murder_trial' }), 'case_type'],
      [newCase({ persons: [] }), 'persons'],
      [newCase({ persons: [person({ custody: 'jailed' })] }), 'persons.0.custody'],
      [newCase({ prosecutor_id: users.clerk }), 'prosecutor_id'],
      [newCase({ title: "'); DROP TABLE case_record;--".repeat(5) }), 'title'],
      [{ ...newCase(), extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await anguan.post('/api/v1/cases', body);
      assertError(res, 400, 'validation_failed', field);
    }
    assert.equal((await anguan.get('/api/v1/cases?limit=1')).body.total, before);
  });

  test('SQL and HTML in a title are stored verbatim', async () => {
    const title = `<script>alert(1)</script>'); DROP TABLE case_record;--`;
    const c = await register(newCase({ title, persons: [person({ id_number: '513101198201130014' })] }));
    assert.equal((await anguan.get(`/api/v1/cases/${c.id}`)).body.title, title);
  });
});

describe('entry: custody histories and messages that name the field', () => {
  const ref = (id, name) => ({ ...person({ id_number: id, name }) });

  test('a custody history entered with each person is kept in order; custody and custody_since are its last line', async () => {
    const c = await register(newCase({ persons: [
      { ...ref('110101199003074514', '王某某'), custody: undefined, custody_history: [
        { custody: 'detained', from_on: '2025-02-10' }, { custody: 'arrested', from_on: '2025-02-20' }] },
      { ...ref('370101190102039973', '李某'), custody: 'bail', custody_since: '2025-02-25' },
    ] }));
    const [a, b] = c.persons;
    assert.equal(a.custody, 'arrested');
    assert.equal(a.custody_since, '2025-02-20');
    assert.equal(a.in_custody, true);
    assert.deepEqual(a.custody_history.map((h) => [h.custody, h.from_on]),
      [['detained', '2025-02-10'], ['arrested', '2025-02-20']]);
    assert.deepEqual(b.custody_history.map((h) => [h.custody, h.from_on]), [['bail', '2025-02-25']]);
    // 在押: the review period is custody-bound (2025-03-05 + 1 month = 04-05, not moved off the 清明 holiday)
    const review = c.deadlines.find((d) => d.kind === 'review' && d.person_id === a.id);
    assert.equal(review.due_on, '2025-04-05');
    // read back the same
    const again = (await anguan.get(`/api/v1/cases/${c.id}`)).body;
    assert.deepEqual(again.persons[0].custody_history, a.custody_history);
  });

  test('a coercive measure without a date is refused beside its field, and nothing is written', async () => {
    const before = (await anguan.get('/api/v1/cases?limit=1')).body.total;
    const bad = [
      // the single measure without custody_since
      [{ ...person(), custody: 'detained', custody_since: null }, 'persons.0.custody_since', /^采取刑事拘留的日期不能为空$/],
      [{ ...person(), custody: 'bail', custody_since: '' }, 'persons.0.custody_since', /^采取取保候审的日期不能为空$/],
      // a line of the history without its date, or before the line above
      [{ ...person(), custody: undefined, custody_history: [{ custody: 'detained', from_on: '2025-02-10' },
        { custody: 'arrested' }] }, 'persons.0.custody_history.1.from_on', /^采取逮捕的日期不能为空$/],
      [{ ...person(), custody: undefined, custody_history: [{ custody: 'detained', from_on: '2025-02-10' },
        { custody: 'arrested', from_on: '2025-02-01' }] }, 'persons.0.custody_history.1.from_on', /不能早于上一项强制措施（2025-02-10）/],
      [{ ...person(), custody: undefined, custody_history: [{ custody: 'detained', from_on: '2025-02-30' }] },
        'persons.0.custody_history.0.from_on', /^采取日期不是有效日期/],
      [{ ...person(), custody: undefined, custody_history: [{ custody: 'none', from_on: '2025-02-10' }] },
        'persons.0.custody_history.0.custody', /强制措施状态无效/],
      [{ ...person(), custody: 'bail', custody_history: [{ custody: 'detained', from_on: '2025-02-10' }] },
        'persons.0.custody', /不一致/],
      [{ ...person(), custody: undefined }, 'persons.0.custody', /^缺少强制措施$/],
    ];
    for (const [p, field, message] of bad) {
      const res = await anguan.post('/api/v1/cases', { ...newCase(), persons: [p] });
      assertError(res, 400, 'validation_failed', field);
      assert.match(res.body.error.message, message, field);
    }
    assert.equal((await anguan.get('/api/v1/cases?limit=1')).body.total, before);
    // 未采取强制措施 needs no date
    const c = await register(newCase({ persons: [{ ...person({ id_number: '440524188001010014' }), custody: 'none' }] }));
    assert.equal(c.persons[0].custody, 'none');
  });

  test('a person added to a case takes a custody history too', async () => {
    const c = await register(newCase({ persons: [person({ id_number: '513101198201130014' })] }));
    const res = await anguan.post(`/api/v1/cases/${c.id}/persons`, { name: '赵某', charges: ['fraud'], custody_history: [
      { custody: 'detained', from_on: '2025-03-01' }, { custody: 'bail', from_on: '2025-03-04' }] });
    assert.equal(res.status, 201, res.text);
    const added = res.body.persons.find((p) => p.name === '赵某');
    assert.deepEqual(added.custody_history.map((h) => [h.custody, h.from_on]), [['detained', '2025-03-01'], ['bail', '2025-03-04']]);
    assert.equal(added.custody, 'bail');
    const none = await anguan.post(`/api/v1/cases/${c.id}/persons`, { name: '钱某', charges: ['fraud'], custody: 'arrested' });
    assertError(none, 400, 'validation_failed', 'custody_since');
    assert.equal(none.body.error.message, '采取逮捕的日期不能为空');
  });

  test('the server names the field by its Chinese label', async () => {
    const cases = [
      [newCase({ title: '王某\t盗窃案' }), 'title', '案件名称含有控制字符'],
      [newCase({ title: '' }), 'title', '案件名称不能为空'],
      [newCase({ title: undefined }), 'title', '缺少案件名称'],
      [newCase({ title: '案'.repeat(101) }), 'title', '案件名称超过 100 个字符'],
      [newCase({ source_agency: '缙云县\u0007公安局' }), 'source_agency', '移送机关含有控制字符'],
      [newCase({ received_on: '2025-02-30' }), 'received_on', '受理日期不是有效日期（YYYY-MM-DD）'],
      [newCase({ major_complex: 'yes' }), 'major_complex', '重大、复杂案件必须是 true 或 false'],
      [newCase({ persons: [person({ name: '' })] }), 'persons.0.name', '姓名不能为空'],
      [newCase({ persons: [person({ name: '张\t某' })] }), 'persons.0.name', '姓名含有控制字符'],
      [newCase({ persons: [person({ charges: [] })] }), 'persons.0.charges', '罪名至少需要 1 项'],
    ];
    for (const [body, field, message] of cases) {
      const res = await anguan.post('/api/v1/cases', body);
      assertError(res, 400, 'validation_failed', field);
      assert.equal(res.body.error.message, message, field);
    }
    const c = await register(newCase({ persons: [person({ id_number: '11010519491231002X', name: '孙某' })] }));
    const res = await anguan.put(`/api/v1/cases/${c.id}`, { title: '孙某\t诈骗案' });
    assertError(res, 400, 'validation_failed', 'title');
    assert.equal(res.body.error.message, '案件名称含有控制字符');
    const pid = c.persons[0].id;
    const p = await anguan.put(`/api/v1/cases/${c.id}/persons/${pid}`, { name: '' });
    assertError(p, 400, 'validation_failed', 'name');
    assert.equal(p.body.error.message, '姓名不能为空');
    // an event's fields too
    const ev = await event(anguan, c.id, { kind: 'self_investigation', on: '2025-03-06', reason: '核实\u0007证言' });
    assertError(ev, 400, 'validation_failed', 'reason');
    assert.equal(ev.body.error.message, '理由含有控制字符');
    // a field without a label is still named by its key
    const unknown = await anguan.post('/api/v1/cases', { ...newCase(), extra: 1 });
    assert.equal(unknown.body.error.message, '未知字段 extra');
  });
});

describe('the 审查起诉 procedure', () => {
  test('return twice, a third return is refused, decide 不起诉, the archiving deadline appears', async () => {
    let c = await register(newCase({ persons: [person({ id_number: '370101190102039973', charges: ['fraud'], plea: false })] }));
    const id = c.id;
    let res = await viaApproval(prosecutor, id, { kind: 'return', on: '2025-03-20', reason: '证据不足' }, head);
    assert.equal(res.status, 201, res.text);
    c = res.body;
    assert.equal(c.status, 'returned');
    assert.equal(deadline(c, 'review').status, 'closed');
    // the police's month: 2025-03-20 + 1 month = 04-20, a Sunday: 04-21
    assert.equal(deadline(c, 'supplementary').due_on, '2025-04-21');
    // no decision while the file is with the police
    res = await event(prosecutor, id, { kind: 'decide', on: '2025-03-25', person_id: c.persons[0].id, decision: 'prosecute' });
    assertError(res, 409, 'conflict');
    res = await event(prosecutor, id, { kind: 'resubmit', on: '2025-04-15' });
    assert.equal(res.status, 201, res.text);
    // the clock restarts from zero: 04-15 + 1 month = 05-15
    assert.equal(deadline(res.body, 'review', 2).due_on, '2025-05-15');
    res = await viaApproval(prosecutor, id, { kind: 'return', on: '2025-04-25', reason: '补充鉴定' }, head);
    assert.equal(res.status, 201, res.text);
    res = await event(prosecutor, id, { kind: 'resubmit', on: '2025-05-20' });
    assert.equal(res.status, 201, res.text);
    const eventsBefore = res.body.events.length;
    res = await event(prosecutor, id, { kind: 'return', on: '2025-05-25', reason: '第三次' });
    assertError(res, 409, 'conflict');
    assert.match(res.body.error.message, /两次/);
    c = (await prosecutor.get(`/api/v1/cases/${id}`)).body;
    assert.equal(c.events.length, eventsBefore, 'the refused return wrote nothing');
    assert.equal(c.status, 'under_review');
    // a decision before the round's start is refused
    res = await event(prosecutor, id, { kind: 'decide', on: '2025-05-01', person_id: c.persons[0].id,
      decision: 'non_prosecution', non_prosecution_type: 'evidentiary' });
    assertError(res, 409, 'conflict', 'on');
    // non-prosecution needs its type
    res = await event(prosecutor, id, { kind: 'decide', on: '2025-06-03', person_id: c.persons[0].id, decision: 'non_prosecution' });
    assertError(res, 400, 'validation_failed', 'non_prosecution_type');
    res = await viaApproval(prosecutor, id, { kind: 'decide', on: '2025-06-03', person_id: c.persons[0].id,
      decision: 'non_prosecution', non_prosecution_type: 'evidentiary', reason: '证据不足，不符合起诉条件' }, chief);
    assert.equal(res.status, 201, res.text);
    c = res.body;
    assert.equal(c.status, 'concluded');
    assert.equal(c.concluded_on, '2025-06-03');
    assert.equal(c.persons[0].non_prosecution_type, 'evidentiary');
    // 卷宗一月一归档: 2025-06-03 + 1 month = 07-03
    const arch = deadline(c, 'archiving');
    assert.equal(arch.due_on, '2025-07-03');
    assert.equal(arch.status, 'open');
    // a decision on a closed case is refused
    res = await event(prosecutor, id, { kind: 'decide', on: '2025-06-04', person_id: c.persons[0].id, decision: 'prosecute' });
    assertError(res, 409, 'conflict');
    res = await event(prosecutor, id, { kind: 'archive', on: '2025-06-20' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.status, 'archived');
    assert.equal(deadline(res.body, 'archiving').level, 'met');
    // the whole story is in the audit log
    const audit = await server.client().loginOk('admin', PW);
    const rows = (await audit.get('/api/v1/audit?entity=case&limit=200')).body.items.filter((r) => r.entity_id === String(id));
    assert.deepEqual(rows.map((r) => r.action).reverse(),
      ['case.register', 'case.return', 'case.resubmit', 'case.return', 'case.resubmit', 'case.decide', 'case.archive']);
  });

  test('extension: once, only for 重大复杂 cases: 1 month + 15 days', async () => {
    let c = await register(newCase({ major_complex: false, persons: [person({ id_number: '11010519491231002x' })] }));
    let res = await event(prosecutor, c.id, { kind: 'extend', on: '2025-03-20', reason: '案情复杂' });
    assertError(res, 409, 'conflict');
    c = await register(newCase({ major_complex: true, received_on: '2025-09-01', persons: [person({ id_number: '11010519491231002x' })] }));
    res = await viaApproval(prosecutor, c.id, { kind: 'extend', on: '2025-09-20', reason: '案情重大复杂' }, chief);
    assert.equal(res.status, 201, res.text);
    // 2025-09-01 + 1 month = 10-01, + 15 days = 10-16 (a Thursday)
    assert.equal(deadline(res.body, 'review').due_on, '2025-10-16');
    res = await event(prosecutor, c.id, { kind: 'extend', on: '2025-09-21', reason: '再次延长' });
    assertError(res, 409, 'conflict');
  });

  test('审查逮捕 of a detained suspect: 7 days, custody-bound; approval makes the person arrested', async () => {
    let c = await register(newCase({ case_type: 'arrest_review', received_on: '2025-09-24',
      persons: [person({ custody: 'detained', custody_since: '2025-09-21' })] }));
    assert.equal(deadline(c, 'review').due_on, '2025-10-01');
    let res = await event(prosecutor, c.id, { kind: 'return', on: '2025-09-25', reason: 'x' });
    assertError(res, 409, 'conflict');
    res = await event(prosecutor, c.id, { kind: 'decide', on: '2025-09-30', person_id: c.persons[0].id, decision: 'prosecute' });
    assertError(res, 400, 'validation_failed', 'decision');
    res = await event(prosecutor, c.id, { kind: 'decide', on: '2025-09-30', person_id: c.persons[0].id, decision: 'approve_arrest' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.persons[0].custody, 'arrested');
    assert.equal(res.body.status, 'concluded');
    assert.equal(deadline(res.body, 'review').level, 'met');
  });

  test('event input is checked: unknown kind, foreign person, future date, irrelevant field', async () => {
    const c = await register(newCase({ persons: [person({ id_number: '440524188001010014' })] }));
    assertError(await event(prosecutor, c.id, { kind: 'explode', on: '2025-03-06' }), 400, 'validation_failed', 'kind');
    assertError(await event(prosecutor, c.id, { kind: 'custody', on: '2025-03-06', person_id: 999999, custody: 'bail' }),
      400, 'validation_failed', 'person_id');
    assertError(await event(prosecutor, c.id, { kind: 'resubmit', on: '2999-01-01' }), 400, 'validation_failed', 'on');
    assertError(await event(prosecutor, c.id, { kind: 'return', on: '2025-03-06', reason: 'x', decision: 'prosecute' }),
      400, 'validation_failed', 'decision');
    assertError(await event(prosecutor, c.id, { kind: 'return', on: '2025-03-01', reason: 'before receipt' }),
      409, 'conflict', 'on');
  });
});

describe('permissions and isolation', () => {
  test('who may do what', async () => {
    const c = await register(newCase({ persons: [person({ id_number: '513101198201130014' })] }));
    assertError(await prosecutor.post('/api/v1/cases', newCase()), 403, 'forbidden');
    assertError(await event(clerk, c.id, { kind: 'self_investigation', on: '2025-03-06', reason: 'x' }), 403, 'forbidden');
    // a prosecutor of another department may read but not handle the case
    assert.equal((await prosecutor2.get(`/api/v1/cases/${c.id}`)).status, 200);
    assertError(await event(prosecutor2, c.id, { kind: 'self_investigation', on: '2025-03-06', reason: 'x' }), 403, 'forbidden');
    // 自行补充侦查 goes to the department head (权力清单); the head of the department takes it alone
    assert.equal((await event(prosecutor, c.id, { kind: 'self_investigation', on: '2025-03-06', reason: '复核证人证言' })).status, 202);
    assert.equal((await event(head, c.id, { kind: 'self_investigation', on: '2025-03-07', reason: '复核鉴定意见' })).status, 201);
    // the handling prosecutor edits the case, but only 案管 moves it to another department
    assertError(await prosecutor.put(`/api/v1/cases/${c.id}`, { department_id: depts['第二检察部'] }), 403, 'forbidden',
      'department_id');
    const edited = await prosecutor.put(`/api/v1/cases/${c.id}`, { title: '张某诈骗案（补正）' });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.events.at(-1).kind, 'update');
    // reference lists are readable by every signed-in user, the administrator included
    const admin = await server.client().loginOk('admin', PW);
    assert.ok((await admin.get('/api/v1/reference/charges')).body.items.length >= 40);
    assert.equal((await clerk.get('/api/v1/settings/fast-track')).status, 200);
  });

  test("another organisation's case is not found", async () => {
    const c = await register(newCase({ persons: [person({ id_number: '370101190102039973' })] }));
    assertError(await otherOrg.get(`/api/v1/cases/${c.id}`), 404, 'not_found');
    assertError(await event(otherOrg, c.id, { kind: 'archive', on: '2025-03-06' }), 404, 'not_found');
    const list = (await otherOrg.get('/api/v1/cases')).body;
    assert.equal(list.total, 0);
    assert.equal((await otherOrg.get('/api/v1/deadlines?scope=office')).body.total, 0);
  });
});

describe('deadline views', () => {
  test('mine, department, office, and the summary badge', async () => {
    const mine = (await prosecutor.get('/api/v1/deadlines?scope=mine&limit=200')).body;
    assert.ok(mine.total > 0);
    assert.ok(mine.items.every((d) => d.prosecutor_id === users.prosecutor));
    const overdue = (await prosecutor.get('/api/v1/deadlines?scope=mine&level=overdue&limit=200')).body;
    assert.ok(overdue.items.every((d) => d.level === 'overdue' && d.status === 'open'));
    const sum = (await prosecutor.get('/api/v1/deadlines/summary?scope=mine')).body;
    assert.equal(sum.overdue, overdue.total);
    assertError(await prosecutor.get('/api/v1/deadlines?scope=office'), 403, 'forbidden');
    const office = (await anguan.get('/api/v1/deadlines?scope=office&limit=1')).body;
    assert.ok(office.total >= mine.total);
    assertError(await prosecutor.get('/api/v1/deadlines?level=purple'), 400, 'validation_failed', 'level');
  });

  test('case list filters and search', async () => {
    const byNumber = (await anguan.get('/api/v1/cases?limit=1')).body.items[0];
    const q = encodeURIComponent(byNumber.case_number);
    assert.equal((await anguan.get(`/api/v1/cases?q=${q}`)).body.items[0].id, byNumber.id);
    const byId = (await anguan.get('/api/v1/cases?q=11010519491231002x')).body;
    assert.ok(byId.total >= 1, 'search by (normalised) ID number');
    const theft = (await anguan.get('/api/v1/cases?charge=theft&limit=200')).body;
    assert.ok(theft.items.length > 0);
    const fraud = (await anguan.get('/api/v1/cases?charge=fraud&limit=200')).body;
    assert.ok(fraud.items.length > theft.items.length);
    const archived = (await anguan.get('/api/v1/cases?status=archived')).body;
    assert.ok(archived.items.every((c) => c.status === 'archived'));
    const overdue = (await anguan.get('/api/v1/cases?overdue=true&limit=200')).body;
    assert.ok(overdue.items.every((c) => c.level === 'overdue'));
    assertError(await anguan.get('/api/v1/cases?status=lost'), 400, 'validation_failed', 'status');
  });

  test('warning lead times are the office\'s to set, and apply to open deadlines at once', async () => {
    const admin = await server.client().loginOk('admin', PW);
    const now = (await anguan.get('/api/v1/settings/deadline-warnings')).body;
    assert.equal(now.prosecution_review, 5);
    assert.equal(now.arrest_review, 2);
    assertError(await admin.put('/api/v1/settings/deadline-warnings', { prosecution_review: 61 }), 400,
      'validation_failed', 'prosecution_review');
    assertError(await admin.put('/api/v1/settings/deadline-warnings', { murder: 3 }), 400, 'validation_failed', 'murder');
    assertError(await anguan.put('/api/v1/settings/deadline-warnings', { prosecution_review: 7 }), 403, 'forbidden');
    const c = await register(newCase({ received_on: '2025-01-06', persons: [person({ id_number: '513101198201130014' })] }));
    assert.equal(deadline(c, 'review').warn_days, 5);
    const res = await admin.put('/api/v1/settings/deadline-warnings', { prosecution_review: 7 });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.prosecution_review, 7);
    assert.equal(res.body.arrest_review, 2);
    assert.equal(deadline((await anguan.get(`/api/v1/cases/${c.id}`)).body, 'review').warn_days, 7);
  });

  test('importing a calendar recomputes open deadlines', async () => {
    // 不起诉申诉复查: 3 months from 2026-11-20 = 2027-02-20, a Saturday; 2027 has no official calendar yet
    const c = await register(newCase({ case_type: 'complaint_review', received_on: '2026-11-20',
      persons: [person({ id_number: '440524188001010014' })] }));
    let d = deadline(c, 'review');
    assert.equal(d.due_on, '2027-02-22');
    assert.equal(d.provisional, true);
    const admin = await server.client().loginOk('admin', PW);
    // a year that leaves 国庆 out is refused (it would turn 10-01 into a working day), and so is a year not marked
    // complete; nothing is stored
    let res = await admin.post('/api/v1/calendar/import', { text: 'year 2027 complete\n2027-02-22 holiday 测试假日\n' });
    assertError(res, 400, 'validation_failed', 'text');
    assert.match(res.body.error.message, /01-01/);
    const whole = '2027-01-01 holiday 元旦\n2027-02-22 holiday 测试假日\n2027-05-01..2027-05-05 holiday 劳动节\n' +
      '2027-10-01..2027-10-07 holiday 国庆节\n';
    res = await admin.post('/api/v1/calendar/import', { text: 'year 2027\n' + whole });
    assertError(res, 400, 'validation_failed', 'text');
    assert.match(res.body.error.message, /第 1 行.*complete/);
    res = await admin.post('/api/v1/calendar/import', { text: 'year 2027 complete\n' + whole });
    assert.equal(res.status, 201, res.text);
    d = deadline((await anguan.get(`/api/v1/cases/${c.id}`)).body, 'review');
    assert.equal(d.due_on, '2027-02-23');
    assert.equal(d.provisional, false);
    if (SQLITE3) assert.equal(sqlite(db, 'SELECT count(*) FROM calendar_import').stdout.trim(), '1');
  });
});

describe('case numbers', () => {
  test('the office sets its 案号 format; a format without {n} or {year} is refused', async () => {
    const admin = await server.client().loginOk('admin', PW);
    const org = admin.user.org_id;
    assertError(await admin.put(`/api/v1/orgs/${org}`, { case_number_format: '{short}检{type}受{n}号' }), 400,
      'validation_failed', 'case_number_format');
    assertError(await admin.put(`/api/v1/orgs/${org}`, { short_name: '缙云县院' + '很长' }), 400, 'validation_failed',
      'short_name');
    let res = await admin.put(`/api/v1/orgs/${org}`, { short_name: '缙云', case_number_format: '{short}检{type}〔{year}〕第{n}号' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.case_number_format, '{short}检{type}〔{year}〕第{n}号');
    const c = await register(newCase({ received_on: '2023-05-08', persons: [person({ id_number: '440524188001010014' })] }));
    assert.equal(c.case_number, '缙云检刑诉〔2023〕第1号');
    res = await admin.put(`/api/v1/orgs/${org}`, { short_name: '缙', case_number_format: '{short}检{type}受〔{year}〕{n}号' });
    assert.equal(res.status, 200, res.text);
  });

  test('a format of 4-byte characters at the length limit makes whole numbers, never a cut one', async () => {
    const admin = await server.client().loginOk('admin', PW);
    const org = admin.user.org_id;
    const fmt = '𠀀'.repeat(51) + '{year}{n}'; // 60 characters, 213 bytes
    let res = await admin.put(`/api/v1/orgs/${org}`, { case_number_format: fmt });
    assert.equal(res.status, 200, res.text);
    const a = await register(newCase({ received_on: '2022-05-08', persons: [person({ id_number: '440524188001010014' })] }));
    const b = await register(newCase({ received_on: '2022-05-09', persons: [person({ id_number: '440524188001010014' })] }));
    assert.equal(a.case_number, '𠀀'.repeat(51) + '20221');
    assert.equal(b.case_number, '𠀀'.repeat(51) + '20222');
    res = await admin.put(`/api/v1/orgs/${org}`, { case_number_format: '{short}检{type}受〔{year}〕{n}号' });
    assert.equal(res.status, 200, res.text);
  });

  test("the city's administrator keeps the names of the offices below, but not their 简称 and 案号 format", async () => {
    addUser(db, { org: 'lishui', login: 'city_admin', role: 'admin', password: PW });
    const city = await server.client().loginOk('city_admin', PW);
    const county = (await anguan.get('/api/v1/session')).body.user.org_id;
    assertError(await city.put(`/api/v1/orgs/${county}`, { case_number_format: '{year}{n}' }), 403, 'forbidden',
      'case_number_format');
    assertError(await city.put(`/api/v1/orgs/${county}`, { short_name: '云' }), 403, 'forbidden', 'short_name');
    const before = (await city.get(`/api/v1/orgs/${county}`)).body;
    const res = await city.put(`/api/v1/orgs/${county}`, { name: '缙云县人民检察院' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.short_name, before.short_name);
    assert.equal(res.body.case_number_format, before.case_number_format);
  });
});
