// approvals.test.mjs: the approval queue and the office's 权力清单 through the real binary (DOMAIN.md 0.6,
// docs/permissions.md): who may propose, who approves, the legal date, returns and withdrawals, the audit trail, and
// isolation between offices.
//
// World: the demo procuratorate without cases, plus an unrelated office with its own leader.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { addOrg, addUser, assertError, auditVerify, cliOk, initDb, makeTempDir, rmTempDir, startServer, newDbTarget } from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, anguan, prosecutor, prosecutor2, assistant, chief, head, admin, otherChief, depts, users;

function newCase(over = {}) {
  return { case_type: 'prosecution_review', title: '诈骗案', source_agency: '缙云县公安局', received_on: '2025-03-05',
    department_id: depts['第一检察部'], assign: 'manual', prosecutor_id: users.prosecutor,
    persons: [{ name: '张某', custody: 'bail', custody_since: '2025-03-05', plea: false, sentence_band: '1_3y', charges: ['fraud'] }], ...over };
}

async function register(body = newCase()) {
  const res = await anguan.post('/api/v1/cases', body);
  assert.equal(res.status, 201, res.text);
  return res.body;
}

const event = (c, id, body) => c.post(`/api/v1/cases/${id}/events`, body);
const np = (c, on = '2025-03-25') => ({ kind: 'decide', on, person_id: c.persons[0].id, decision: 'non_prosecution',
  non_prosecution_type: 'evidentiary', reason: '证据不足，不符合起诉条件' });

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'approvals.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_chief', role: 'leader', password: PW });
  server = await startServer(db);
  const login = (l) => server.client().loginOk(l, PW);
  [anguan, prosecutor, prosecutor2, assistant, chief, head, admin, otherChief] = await Promise.all(
    ['anguan', 'prosecutor', 'prosecutor2', 'assistant', 'leader', 'buzhang', 'admin', 'other_chief'].map(login));
  depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('proposing', () => {
  test('an 检察官助理 and 案管 may prepare but never propose or take a decision', async () => {
    const c = await register();
    assertError(await event(assistant, c.id, np(c)), 403, 'forbidden');
    assertError(await event(anguan, c.id, np(c)), 403, 'forbidden');
    assertError(await event(assistant, c.id, { kind: 'decide', on: '2025-03-25', person_id: c.persons[0].id,
      decision: 'prosecute' }), 403, 'forbidden');
    const after = (await prosecutor.get(`/api/v1/cases/${c.id}`)).body;
    assert.equal(after.status, 'under_review');
    assert.equal(after.approvals.length, 0);
  });

  test('a 不起诉 proposed by the prosecutor waits in the 检察长\'s queue, with reasons required', async () => {
    const c = await register();
    const { reason, ...noReason } = np(c);
    assert.ok(reason);
    assertError(await event(prosecutor, c.id, noReason), 400, 'validation_failed', 'reason');
    const res = await event(prosecutor, c.id, np(c));
    assert.equal(res.status, 202, res.text);
    assert.equal(res.body.status, 'under_review', 'nothing took effect');
    assert.equal(res.body.persons[0].decision, null);
    const a = res.body.approval;
    assert.equal(a.status, 'pending');
    assert.equal(a.decision_kind, 'non_prosecution');
    assert.equal(a.approver, 'chief');
    assert.equal(a.proposed_by, users.prosecutor);
    assert.equal(res.body.events.at(-1).kind, 'proposed');
    // the same decision twice is refused while it waits
    assertError(await event(prosecutor, c.id, np(c)), 409, 'conflict');
    // in the 检察长's queue, not in the department head's (it is not theirs to approve)
    const mine = (await chief.get('/api/v1/approvals?scope=mine&status=pending')).body.items.map((x) => x.id);
    assert.ok(mine.includes(a.id));
    const headQueue = (await head.get('/api/v1/approvals?scope=mine&status=pending')).body.items.map((x) => x.id);
    assert.ok(!headQueue.includes(a.id));
    assertError(await head.post(`/api/v1/approvals/${a.id}/approve`, { on: '2025-03-26' }), 403, 'forbidden');
    assertError(await prosecutor.post(`/api/v1/approvals/${a.id}/approve`, { on: '2025-03-26' }), 403, 'forbidden');
    // the proposer sees it among their proposals
    const proposed = (await prosecutor.get('/api/v1/approvals?scope=proposed')).body.items.map((x) => x.id);
    assert.ok(proposed.includes(a.id));
    assertError(await prosecutor.get('/api/v1/approvals?scope=mine'), 403, 'forbidden');
  });
});

describe('approving', () => {
  test('the decision takes legal effect on the approval date entered, earlier than the click', async () => {
    const c = await register();
    const a = (await event(prosecutor, c.id, np(c, '2025-03-25'))).body.approval;
    assertError(await chief.post(`/api/v1/approvals/${a.id}/approve`, {}), 400, 'validation_failed', 'on');
    assertError(await chief.post(`/api/v1/approvals/${a.id}/approve`, { on: '2999-01-01' }), 400, 'validation_failed', 'on');
    assertError(await chief.post(`/api/v1/approvals/${a.id}/approve`, { on: '2025-03-01' }), 409, 'conflict', 'on');
    const ok = await chief.post(`/api/v1/approvals/${a.id}/approve`, { on: '2025-03-28', comment: '同意' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.status, 'approved');
    assert.equal(ok.body.legal_on, '2025-03-28');
    assert.equal(ok.body.decided_by, users.leader);
    const k = (await prosecutor.get(`/api/v1/cases/${c.id}`)).body;
    assert.equal(k.persons[0].decision, 'non_prosecution');
    assert.equal(k.persons[0].decision_on, '2025-03-28', 'effective on the day the 检察长 signed');
    assert.equal(k.status, 'concluded');
    assert.equal(k.concluded_on, '2025-03-28');
    const ev = k.events.find((e) => e.kind === 'decide');
    assert.equal(ev.on, '2025-03-28');
    assert.equal(ev.data.proposed_by, users.prosecutor);
    assert.equal(ev.data.approved_by, users.leader);
    assertError(await chief.post(`/api/v1/approvals/${a.id}/approve`, { on: '2025-03-28' }), 409, 'conflict');
    // every step audited
    const audit = (await admin.get('/api/v1/audit?limit=200')).body.items;
    const actions = audit.filter((r) => (r.entity === 'approval' && r.entity_id === String(a.id)) ||
      (r.entity === 'case' && r.entity_id === String(c.id))).map((r) => r.action).reverse();
    assert.deepEqual(actions, ['case.register', 'approval.propose', 'case.decide', 'approval.approve']);
  });

  test('退回补充侦查 goes to the head of the case\'s department; the head of another department cannot approve', async () => {
    const c = await register();
    const a = (await event(prosecutor, c.id, { kind: 'return', on: '2025-03-20', reason: '证据不足' })).body.approval;
    assert.equal(a.approver, 'department_head');
    assert.equal(a.department_id, depts['第一检察部']);
    const erbu = await server.client().loginOk('erbu', PW); // head of 第二检察部
    assertError(await erbu.post(`/api/v1/approvals/${a.id}/approve`, { on: '2025-03-20' }), 403, 'forbidden');
    const ok = await head.post(`/api/v1/approvals/${a.id}/approve`, { on: '2025-03-21' });
    assert.equal(ok.status, 200, ok.text);
    const k = (await prosecutor.get(`/api/v1/cases/${c.id}`)).body;
    assert.equal(k.status, 'returned');
    assert.equal(k.deadlines.find((d) => d.kind === 'supplementary').start_on, '2025-03-21');
    // the department head decides department-level matters of their department alone
    const mine = await register();
    const direct = await event(head, mine.id, { kind: 'self_investigation', on: '2025-03-10', reason: '复核证据' });
    assert.equal(direct.status, 201, direct.text);
  });

  test('returned with reasons, or withdrawn by the proposer: nothing takes effect', async () => {
    const c = await register();
    let a = (await event(prosecutor, c.id, np(c))).body.approval;
    assertError(await chief.post(`/api/v1/approvals/${a.id}/return`, {}), 400, 'validation_failed', 'reason');
    const ret = await chief.post(`/api/v1/approvals/${a.id}/return`, { reason: '证据尚可补强，建议退回补充侦查' });
    assert.equal(ret.status, 200, ret.text);
    assert.equal(ret.body.status, 'returned');
    assert.equal(ret.body.comment, '证据尚可补强，建议退回补充侦查');
    let k = (await prosecutor.get(`/api/v1/cases/${c.id}`)).body;
    assert.equal(k.persons[0].decision, null);
    assert.equal(k.events.at(-1).kind, 'approval_returned');
    // proposed again, then withdrawn; only the proposer may withdraw
    a = (await event(prosecutor, c.id, np(c))).body.approval;
    assertError(await chief.post(`/api/v1/approvals/${a.id}/withdraw`), 403, 'forbidden');
    const w = await prosecutor.post(`/api/v1/approvals/${a.id}/withdraw`);
    assert.equal(w.status, 200, w.text);
    assert.equal(w.body.status, 'withdrawn');
    assertError(await chief.post(`/api/v1/approvals/${a.id}/approve`, { on: '2025-03-26' }), 409, 'conflict');
    k = (await prosecutor.get(`/api/v1/cases/${c.id}`)).body;
    assert.equal(k.status, 'under_review');
    assert.deepEqual(k.approvals.map((x) => x.status), ['withdrawn', 'returned']);
  });

  test('another office sees and decides none of it', async () => {
    const c = await register();
    const a = (await event(prosecutor, c.id, np(c))).body.approval;
    assertError(await otherChief.get(`/api/v1/approvals/${a.id}`), 404, 'not_found');
    assertError(await otherChief.post(`/api/v1/approvals/${a.id}/approve`, { on: '2025-03-26' }), 404, 'not_found');
    const q = (await otherChief.get('/api/v1/approvals?scope=mine')).body;
    assert.equal(q.total, 0);
  });
});

describe('the 权力清单 as data', () => {
  test('defaults per DOMAIN 0.6; an administrator changes one entry, audited; the prosecutor then decides alone', async () => {
    const pl = (await prosecutor.get('/api/v1/settings/power-list')).body;
    assert.equal(pl.power_list.non_prosecution, 'chief');
    assert.equal(pl.power_list.return, 'department_head');
    assert.equal(pl.power_list.prosecute, 'none');
    assert.ok(pl.decisions.every((d) => d.name && d.rule && d.default));
    assertError(await prosecutor.put('/api/v1/settings/power-list', { prosecute: 'chief' }), 403, 'forbidden');
    assertError(await admin.put('/api/v1/settings/power-list', { prosecute: 'nobody' }), 400, 'validation_failed', 'prosecute');
    assertError(await admin.put('/api/v1/settings/power-list', { fly: 'chief' }), 400, 'validation_failed', 'fly');
    const put = await admin.put('/api/v1/settings/power-list', { self_investigation: 'none', prosecute: 'chief' });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.power_list.self_investigation, 'none');
    const c = await register();
    assert.equal((await event(prosecutor, c.id, { kind: 'self_investigation', on: '2025-03-10', reason: '复核' })).status, 201);
    const pr = await event(prosecutor, c.id, { kind: 'decide', on: '2025-03-20', person_id: c.persons[0].id,
      decision: 'prosecute', reason: '事实清楚，证据确实充分' });
    assert.equal(pr.status, 202, pr.text);
    assert.equal(pr.body.approval.approver, 'chief');
    const audit = (await admin.get('/api/v1/audit?limit=50')).body.items;
    assert.ok(audit.some((r) => r.action === 'setting.power_list'));
    await admin.put('/api/v1/settings/power-list', { self_investigation: 'department_head', prosecute: 'none' });
  });
});
