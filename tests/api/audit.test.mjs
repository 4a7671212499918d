// audit.test.mjs: the audit log people can read (docs/api.md "Audit log"): each entry names the acting user
// (user_name) and the record (entity_name; case_number for a case); the log filters by case (case_id, part of the
// 案号), by person (part of a 涉案人员's name), by user and by day (China Standard Time), each filter bound on the server
// and checked with an error naming the parameter; another office's rows never appear under any filter. The case
// timeline comes in the order of the legal date, then of the entry time, with the recorder's name.
//
// The world is the demo procuratorate without cases plus an unrelated office whose case manager registers a case
// with a person of the same name, so that every filter has a row of the other office to leave out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  addOrg, addUser, assertError, assertStatus, auditAll, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, rmTempDir,
  startServer,
} from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, anguan, leader, otherCm, otherLeader, depts, users, caseA, caseB, caseOther;

function newCase(over = {}) {
  return {
    case_type: 'prosecution_review', title: '审计测试案', source_agency: '缙云县公安局', received_on: '2025-03-05',
    department_id: depts['第一检察部'], assign: 'manual', prosecutor_id: users.prosecutor,
    persons: [{ name: '欧阳审计', id_number: '11010519491231002X', custody: 'bail', custody_since: '2025-03-01', plea: false, charges: ['fraud'] }],
    ...over,
  };
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'audit.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_cm', role: 'case_manager', name: '别院案管', password: PW });
  addUser(db, { org: 'other', login: 'other_leader', role: 'leader', name: '别院检察长', password: PW });
  addUser(db, { org: 'other', login: 'other_admin', role: 'admin', name: '别院管理员', password: PW });
  server = await startServer(db);
  anguan = await server.client().loginOk('anguan', PW);
  leader = await server.client().loginOk('leader', PW);
  otherCm = await server.client().loginOk('other_cm', PW);
  otherLeader = await server.client().loginOk('other_leader', PW);
  depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
  caseA = assertStatus(await anguan.post('/api/v1/cases', newCase()), 201);
  caseB = assertStatus(await anguan.post('/api/v1/cases', newCase({
    title: '另一审计案', persons: [{ name: '司马另', custody: 'none', plea: false, charges: ['theft'] }],
  })), 201);
  // the other office: a case with a person of the same name, so name and number filters have rows to leave out
  const otherAdmin = await server.client().loginOk('other_admin', PW);
  const otherDept = assertStatus(await otherAdmin.post('/api/v1/departments', { name: '第一检察部', kind: 'criminal' }), 201);
  const otherPros = assertStatus(await otherAdmin.post('/api/v1/users', {
    login: 'other_pros', name: '别院检察官', department_id: otherDept.id, roles: ['prosecutor'], password: PW,
  }), 201);
  const r = await otherCm.post('/api/v1/cases', newCase({ department_id: otherDept.id, prosecutor_id: otherPros.id }));
  caseOther = assertStatus(r, 201);
  // A title edit of case A by 案管 gives a case.update row with a before and an after.
  assertStatus(await anguan.put(`/api/v1/cases/${caseA.id}`, { title: '审计测试案（改）' }), 200);
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('audit entries name people and records', () => {
  test('a case entry carries the user name, the login and the 案号', async () => {
    const { items } = await auditAll(leader, `case_id=${caseA.id}`);
    const upd = items.find((a) => a.action === 'case.update');
    assert.ok(upd, 'the title edit is in the log');
    assert.equal(upd.user_name, '周案管');
    assert.equal(upd.user_login, 'anguan');
    assert.equal(upd.entity, 'case');
    assert.equal(upd.entity_id, String(caseA.id));
    assert.equal(upd.case_number, caseA.case_number);
    assert.equal(upd.entity_name, caseA.case_number);
    assert.equal(upd.before.title, '审计测试案');
    assert.equal(upd.after.title, '审计测试案（改）');
  });

  test('a user entry names the user; a sign-in names who signed in; other entries have no case number', async () => {
    const { items } = await auditAll(leader, 'action=session.login');
    const mine = items.find((a) => a.user_login === 'anguan');
    assert.ok(mine);
    assert.equal(mine.entity_name, '周案管');
    assert.equal(mine.case_number, null);
    for (const a of items) assert.ok('user_name' in a && 'entity_name' in a && 'case_number' in a);
  });
});

describe('audit filters', () => {
  test('case_id selects the rows of that case only', async () => {
    const { items, total } = await auditAll(leader, `case_id=${caseA.id}`);
    assert.equal(total, items.length);
    assert.deepEqual([...new Set(items.map((a) => a.action))].sort(), ['case.register', 'case.update']);
    for (const a of items) assert.equal(a.entity_id, String(caseA.id));
  });

  test('case_number matches part of a 案号, of this office only', async () => {
    const part = caseB.case_number.slice(-6); // e.g. "〕2号" with the year's bracket: unique to case B
    const { items } = await auditAll(leader, `case_number=${encodeURIComponent(part)}`);
    assert.ok(items.length >= 1);
    for (const a of items) assert.equal(a.case_number, caseB.case_number);
    // the whole number and the 检 of every number: both of the office's cases, none of the other office
    const all = await auditAll(leader, `case_number=${encodeURIComponent('检')}`);
    const ids = new Set(all.items.map((a) => a.entity_id));
    assert.ok(ids.has(String(caseA.id)) && ids.has(String(caseB.id)));
    if (caseOther) assert.ok(!ids.has(String(caseOther.id)));
    // LIKE's own characters are matched literally
    assert.equal((await auditAll(leader, `case_number=${encodeURIComponent('%')}`)).total, 0);
    assert.equal((await auditAll(leader, `case_number=${encodeURIComponent('_')}`)).total, 0);
  });

  test('person matches part of a person\'s name; the other office\'s case with the same name never shows', async () => {
    const { items } = await auditAll(leader, `person=${encodeURIComponent('欧阳')}`);
    assert.ok(items.length >= 2);
    for (const a of items) assert.equal(a.entity_id, String(caseA.id));
    assert.equal((await auditAll(leader, `person=${encodeURIComponent('司马')}`)).items.every((a) => a.entity_id === String(caseB.id)), true);
    assert.equal((await auditAll(leader, `person=${encodeURIComponent('无此人')}`)).total, 0);
    if (caseOther) {
      const other = await auditAll(otherLeader, `person=${encodeURIComponent('欧阳')}`);
      assert.ok(other.items.length >= 1, 'the other office finds its own');
      for (const a of other.items) assert.equal(a.entity_id, String(caseOther.id));
    }
  });

  test('user_id, dates and case combine; dates are days in China Standard Time', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // the day in CST
    const both = await auditAll(leader, `case_id=${caseA.id}&user_id=${users.anguan}&from=${today}&to=${today}`);
    assert.equal(both.items.length, 2);
    assert.equal((await auditAll(leader, `case_id=${caseA.id}&user_id=${users.leader}`)).total, 0);
    assert.equal((await auditAll(leader, `case_id=${caseA.id}&to=2020-01-01`)).total, 0);
    assert.equal((await auditAll(leader, `case_id=${caseA.id}&from=2099-01-01`)).total, 0);
  });

  test('another office\'s case id, number or user finds nothing', async () => {
    if (caseOther) {
      assert.equal((await auditAll(leader, `case_id=${caseOther.id}`)).total, 0);
      assert.equal((await auditAll(leader, `case_number=${encodeURIComponent(caseOther.case_number)}`)).total,
        caseOther.case_number === caseA.case_number ? 2 : 0);
    }
    const otherUser = (await otherCm.get('/api/v1/session')).body.user.id;
    assert.equal((await auditAll(leader, `user_id=${otherUser}`)).total, 0);
    // and the other office's leader never sees this office's rows, whatever the filter
    const theirs = await auditAll(otherLeader, `case_id=${caseA.id}`);
    assert.equal(theirs.total, 0);
    const everything = await auditAll(otherLeader);
    for (const a of everything.items) assert.notEqual(a.user_login, 'anguan');
  });

  test('bad filters are refused with an error naming the parameter', async () => {
    assertError(await leader.get('/api/v1/audit?case_id=abc'), 400, 'validation_failed', 'case_id');
    assertError(await leader.get('/api/v1/audit?case_id=0'), 400, 'validation_failed', 'case_id');
    assertError(await leader.get(`/api/v1/audit?case_number=${encodeURIComponent('号'.repeat(65))}`), 400, 'validation_failed', 'case_number');
    assertError(await leader.get(`/api/v1/audit?person=${encodeURIComponent('张'.repeat(51))}`), 400, 'validation_failed', 'person');
    assertError(await leader.get(`/api/v1/audit?person=${encodeURIComponent('a\tb')}`), 400, 'validation_failed', 'person');
    assertError(await leader.get('/api/v1/audit?from=2025-02-30'), 400, 'validation_failed', 'from');
    const res = await leader.get('/api/v1/audit?from=2025-03-02&to=2025-03-01');
    assertError(res, 400, 'validation_failed', 'to');
    assert.match(res.body.error.message, /to.*from/);
    // 案管 has no audit.read
    assertError(await anguan.get('/api/v1/audit'), 403);
  });
});

describe('the case timeline', () => {
  test('events come in the order of their legal date, then of entry; each names its recorder', async () => {
    const prosecutor = await server.client().loginOk('prosecutor', PW);
    // Case A: registered (legal date 2025-03-05), its title edited today, then a custody change dated 2025-03-10:
    // entered last, it comes before the edit.
    const pid = caseA.persons[0].id;
    assertStatus(await prosecutor.post(`/api/v1/cases/${caseA.id}/events`,
      { kind: 'custody', on: '2025-03-10', person_id: pid, custody: 'residential', reason: '变更' }), 201);
    const k = assertStatus(await prosecutor.get(`/api/v1/cases/${caseA.id}`), 200);
    assert.deepEqual(k.events.map((e) => e.kind), ['register', 'custody', 'update']);
    const ons = k.events.map((e) => e.on);
    assert.deepEqual(ons, [...ons].sort());
    assert.equal(k.events[0].user_name, '周案管');
    assert.equal(k.events[0].user_login, 'anguan');
    assert.equal(k.events[1].user_name, '李检察官');
    assert.equal(k.events[1].person_id, pid);
    // the same legal date: the entry time decides (two edits today keep their order)
    assertStatus(await anguan.put(`/api/v1/cases/${caseA.id}`, { title: '审计测试案（再改）' }), 200);
    const k2 = assertStatus(await prosecutor.get(`/api/v1/cases/${caseA.id}`), 200);
    const edits = k2.events.filter((e) => e.kind === 'update');
    assert.equal(edits.length, 2);
    assert.ok(edits[0].id < edits[1].id && edits[0].at <= edits[1].at);
    assert.equal(k2.events.at(-1).id, edits[1].id);
  });
});
