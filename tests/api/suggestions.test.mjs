// suggestions.test.mjs: the 检察建议 through the real binary (issue 10 §3, DOMAIN.md 5): a suggestion walked from its
// draft through the 检察长's approval, service, an objection upheld and amended (the reply period restarting from the
// new service), the reply, two 回访 and 办复; every bad input of the issue's list refused naming the field, with
// nothing written; the lists, the by-agency figures, the export, permissions and isolation between offices. Runs on
// SQLite, or on PostgreSQL with JIANWU_TEST_PG set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { REPO, addOrg, addUser, assertError, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, rmTempDir, startServer } from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, anguan, prosecutor, prosecutor2, chief, clerk, otherChief, depts, users, agencyA, agencyB, caseId;

const ev = (c, id, body) => c.post(`/api/v1/suggestions/${id}/events`, body);
const get = async (id, c = prosecutor) => {
  const res = await c.get(`/api/v1/suggestions/${id}`);
  assert.equal(res.status, 200, res.text);
  return res.body;
};
const tomorrow = () => {
  const d = new Date(Date.now() + 8 * 3600e3 + 86400e3); // China time, plus a day
  return d.toISOString().slice(0, 10);
};

function draft(over = {}) {
  return { type: 'correction', title: '关于规范行政处罚程序的检察建议', agency_id: agencyA,
    facts: '本院在办理案件中发现，该局对<b>醉驾</b>案件当事人未依法吊销驾驶证。', text: '建议依法作出吊销驾驶证的行政处罚。',
    legal_basis: '《中华人民共和国人民检察院组织法》第二十一条', copies: [{ agency_id: agencyB }, { name: '缙云县人大常委会' }],
    links: [{ kind: 'case', id: caseId }], ...over };
}

async function create(c = prosecutor, body = draft()) {
  const res = await c.post('/api/v1/suggestions', body);
  assert.equal(res.status, 201, res.text);
  return res.body;
}

/* Issues a draft through the 检察长's approval on the legal date `on`. */
async function issue(s, on) {
  const res = await ev(prosecutor, s.id, { kind: 'issue', reason: '拟向被建议单位发出检察建议' });
  assert.equal(res.status, 202, res.text);
  const ok = await chief.post(`/api/v1/approvals/${res.body.approval.id}/approve`, { on });
  assert.equal(ok.status, 200, ok.text);
  return get(s.id);
}

/* Asserts that a refused step wrote nothing: the record's state, timeline and audit rows are as before. */
async function refusedUnchanged(s, res, status, code, field) {
  const before = await get(s.id);
  const audits = (await chief.get(`/api/v1/audit?entity=suggestion&limit=200`)).body.total;
  const r = await res();
  assertError(r, status, code, field);
  const now = await get(s.id);
  assert.equal(now.state, before.state);
  assert.equal(now.events.length, before.events.length, 'no step was added to the timeline');
  assert.deepEqual(now.deadlines, before.deadlines);
  assert.equal((await chief.get(`/api/v1/audit?entity=suggestion&limit=200`)).body.total, audits, 'no audit row');
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'suggestions.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_chief', role: 'leader', password: PW });
  server = await startServer(db);
  const login = (l) => server.client().loginOk(l, PW);
  [anguan, prosecutor, prosecutor2, chief, clerk, otherChief] = await Promise.all(
    ['anguan', 'prosecutor', 'prosecutor2', 'leader', 'clerk', 'other_chief'].map(login));
  depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
  // two agencies of the office, through the registration of cases that name them
  for (const source of ['缙云县公安局交通警察大队', '缙云县市场监督管理局']) {
    const res = await anguan.post('/api/v1/cases', { case_type: 'prosecution_review', title: '危险驾驶案',
      source_agency: source, received_on: '2026-01-05', department_id: depts['第一检察部'], assign: 'manual',
      prosecutor_id: users.prosecutor, persons: [{ name: '张某', custody: 'bail', custody_since: '2026-01-05',
        plea: true, sentence_band: 'under_1y', charges: ['dangerous_driving'] }] });
    assert.equal(res.status, 201, res.text);
    caseId = caseId || res.body.id;
  }
  const ag = Object.fromEntries((await anguan.get('/api/v1/agencies?limit=50')).body.items.map((a) => [a.name, a.id]));
  agencyA = ag['缙云县公安局交通警察大队'];
  agencyB = ag['缙云县市场监督管理局'];
  assert.ok(agencyA && agencyB);
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('a suggestion from draft to 办复', () => {
  test('approval, service, objection amended, reply, 回访 and 办复, each on the timeline and audited', async () => {
    const s = await create();
    assert.equal(s.state, 'draft');
    assert.equal(s.agency_name, '缙云县公安局交通警察大队');
    assert.equal(s.reply_length, '2m');
    assert.deepEqual(s.copies.map((c) => c.name), ['缙云县市场监督管理局', '缙云县人大常委会']);
    assert.equal(s.links[0].kind, 'case');
    assert.equal(s.case_id, caseId);
    assert.equal(s.prosecutor_id, users.prosecutor);
    assert.equal(s.actions.find((a) => a.kind === 'issue').enabled, true);
    assert.equal(s.actions.find((a) => a.kind === 'serve').enabled, false);

    // issuing is the 检察长's decision: proposed, then approved with the legal date of the approver
    const proposed = await ev(prosecutor, s.id, { kind: 'issue', reason: '拟发出检察建议' });
    assert.equal(proposed.status, 202, proposed.text);
    assert.equal(proposed.body.state, 'draft', 'nothing took effect');
    assert.equal(proposed.body.approval.decision_kind, 'suggestion_issue');
    assert.equal(proposed.body.approval.approver, 'chief');
    assert.equal(proposed.body.events.at(-1).kind, 'proposed');
    const waiting = await get(s.id);
    assert.equal(waiting.actions.find((a) => a.kind === 'issue').enabled, false);
    assertError(await ev(prosecutor, s.id, { kind: 'issue', reason: '再次提请' }), 409, 'conflict');
    const queue = (await chief.get('/api/v1/approvals?scope=mine')).body.items;
    assert.ok(queue.some((a) => a.id === proposed.body.approval.id && a.subject.includes('检察建议')));
    const ok = await chief.post(`/api/v1/approvals/${proposed.body.approval.id}/approve`, { on: '2026-03-02' });
    assert.equal(ok.status, 200, ok.text);
    let now = await get(s.id);
    assert.equal(now.state, 'issued');
    assert.equal(now.issued_on, '2026-03-02');
    const issued = now.events.at(-1);
    assert.equal(issued.kind, 'issue');
    assert.equal(issued.data.approved_by, users.leader);
    assert.equal(issued.data.proposed_by, users.prosecutor);
    // the 签发 issued the 检察建议书 under the office's 文号 (代字 建), with the suggestion's text in it
    const docs = async () => (await prosecutor.get(`/api/v1/documents?entity_kind=suggestion&entity_id=${s.id}`)).body.items;
    const first = await docs();
    assert.equal(first.length, 1, JSON.stringify(first));
    assert.equal(first[0].type, 'suggestion');
    assert.match(first[0].number, /建〔2026〕\d+号$/);
    assert.equal(first[0].issued_on, '2026-03-02');
    // its last line names the bodies it is copied to (抄送), in the order given
    const firstDoc = (await prosecutor.get(`/api/v1/documents/${first[0].id}`)).body;
    assert.equal(firstDoc.body.split('\n').at(-1), '抄送：缙云县市场监督管理局、缙云县人大常委会', firstDoc.body);

    // service: the reply period of 2 months runs from it, off rest days
    let res = await ev(prosecutor, s.id, { kind: 'serve', on: '2026-03-10', method: 'written' });
    assert.equal(res.status, 201, res.text);
    now = res.body;
    assert.equal(now.state, 'served');
    const due1 = (await prosecutor.get('/api/v1/calendar/due?from=2026-03-10&length=2m')).body.due;
    assert.ok(due1 >= '2026-05-10');
    assert.equal(now.reply_due_on, due1);
    assert.equal(now.deadlines.length, 1);
    assert.equal(now.deadlines[0].kind, 'suggestion_reply');
    assert.equal(now.deadlines[0].due_on, due1);
    // it is long past: the suggestion is overdue, in the list's overdue filter and the office's deadline list
    assert.equal(now.overdue, true);
    const overdue = (await prosecutor.get('/api/v1/suggestions?overdue=true')).body.items;
    assert.ok(overdue.some((x) => x.id === s.id));
    const dl = (await chief.get('/api/v1/deadlines?scope=office&kind=suggestion_reply&limit=200')).body.items;
    const mine = dl.find((d) => d.entity_kind === 'suggestion' && d.entity_id === s.id);
    assert.ok(mine, JSON.stringify(dl.slice(0, 2)));
    assert.equal(mine.level, 'overdue');
    assert.equal(mine.prosecutor_id, users.prosecutor);
    // the bell of its 承办检察官 lists it (issue 10 §5), and not another department's prosecutor's
    const bell = (await prosecutor.get('/api/v1/reminders')).body.items;
    assert.ok(bell.some((d) => d.entity_kind === 'suggestion' && d.entity_id === s.id), JSON.stringify(bell.slice(0, 2)));
    const other = (await prosecutor2.get('/api/v1/reminders')).body.items;
    assert.ok(!other.some((d) => d.entity_kind === 'suggestion' && d.entity_id === s.id));

    // the recipient objects; while it is pending no reply can be recorded
    res = await ev(prosecutor, s.id, { kind: 'object', on: '2026-03-20', text: '被建议单位认为已依法处理' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.state, 'objected');
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'reply', on: '2026-03-25', adoption: 'adopted' }),
      409, 'conflict');
    // the objection upheld in part: the 检察长 decides to amend the text
    res = await ev(prosecutor, s.id, { kind: 'objection_handle', result: 'amend', text: '建议依法作出暂扣驾驶证的处罚。',
      reason: '异议部分成立' });
    assert.equal(res.status, 202, res.text);
    assert.equal(res.body.approval.decision_kind, 'suggestion_objection');
    assert.equal((await chief.post(`/api/v1/approvals/${res.body.approval.id}/approve`, { on: '2026-03-25' })).status, 200);
    now = await get(s.id);
    assert.equal(now.state, 'issued', 'the amended suggestion is served anew');
    assert.equal(now.text, '建议依法作出暂扣驾驶证的处罚。');
    // the amended text is a new 检察建议书 under a new 文号; the first stays as it was issued
    const both = await docs();
    assert.equal(both.length, 2);
    assert.notEqual(both[0].number, both[1].number);
    const amended = (await prosecutor.get(`/api/v1/documents/${both[0].id}`)).body;
    assert.ok(amended.body.includes('建议依法作出暂扣驾驶证的处罚。'), amended.body);
    assert.equal(now.served_on, null);
    assert.equal(now.deadlines.length, 1);
    assert.equal(now.deadlines[0].status, 'closed');
    assert.equal(now.deadlines[0].closed_on, '2026-03-25');

    // served again by 宣告送达: a new period from the new service
    res = await ev(prosecutor, s.id, { kind: 'serve', on: '2026-04-01', method: 'announced' });
    assert.equal(res.status, 201, res.text);
    const due2 = (await prosecutor.get('/api/v1/calendar/due?from=2026-04-01&length=2m')).body.due;
    assert.equal(res.body.reply_due_on, due2);
    assert.equal(res.body.deadlines.length, 2);
    assert.equal(res.body.deadlines.filter((d) => d.status === 'open').length, 1);

    // the reply, partly adopted
    res = await ev(prosecutor, s.id, { kind: 'reply', on: '2026-05-20', adoption: 'partly', text: '已暂扣驾驶证' });
    assert.equal(res.status, 201, res.text);
    now = res.body;
    assert.equal(now.state, 'replied');
    assert.equal(now.adoption, 'partly');
    assert.equal(now.reply_due_on, null);
    assert.ok(now.deadlines.every((d) => d.status === 'closed'));
    assert.equal(now.overdue, false);

    // 督促 and escalation are logged steps
    res = await ev(prosecutor, s.id, { kind: 'urge', on: '2026-05-25', text: '督促落实整改' });
    assert.equal(res.status, 201, res.text);
    res = await ev(prosecutor, s.id, { kind: 'escalate', on: '2026-05-26', to: 'superior', text: '通报其上级主管部门' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.events.at(-1).data.to, 'superior');

    // 办复 only after a 回访 that found the rectification done
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'close', on: '2026-06-01', outcome: 'handled' }),
      422, 'rule_violated', 'outcome');
    res = await ev(prosecutor, s.id, { kind: 'visit', on: '2026-06-15', result: 'partly', evidence: '现场查看，部分整改' });
    assert.equal(res.status, 201, res.text);
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'close', on: '2026-06-16', outcome: 'handled' }),
      422, 'rule_violated', 'outcome');
    res = await ev(prosecutor, s.id, { kind: 'visit', on: '2026-07-01', result: 'rectified', evidence: '整改报告及照片' });
    assert.equal(res.status, 201, res.text);
    res = await ev(prosecutor, s.id, { kind: 'close', on: '2026-07-02', outcome: 'handled' });
    assert.equal(res.status, 201, res.text);
    now = res.body;
    assert.equal(now.state, 'closed');
    assert.equal(now.outcome, 'handled');
    assert.equal(now.closed_on, '2026-07-02');
    assert.ok(now.actions.every((a) => !a.enabled));
    assert.deepEqual(now.events.map((e) => e.kind), ['created', 'proposed', 'issue', 'serve', 'object', 'proposed',
      'objection_handle', 'serve', 'reply', 'urge', 'escalate', 'visit', 'visit', 'close']);

    // a second closure is refused
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'close', on: '2026-07-03', outcome: 'other', text: 'x' }),
      409, 'conflict');

    // every step is audited with its before and after
    const audit = (await chief.get(`/api/v1/audit?entity=suggestion&limit=200`)).body.items
      .filter((a) => a.entity_id === String(s.id)).map((a) => a.action);
    for (const a of ['suggestion.create', 'suggestion.issue', 'suggestion.serve', 'suggestion.object',
      'suggestion.objection_handle', 'suggestion.reply', 'suggestion.visit', 'suggestion.urge', 'suggestion.escalate',
      'suggestion.close']) {
      assert.ok(audit.includes(a), `${a} audited`);
    }
  });

  test('an agency named with 100 four-byte characters is kept whole as recipient, copy and in the 检察建议书', async () => {
    const name = '𠀀'.repeat(100); // 100 characters of 4 bytes: the registry's limit, 400 bytes
    const ag = await anguan.post('/api/v1/agencies', { name, kind: 'other' });
    assert.equal(ag.status, 201, ag.text);
    const s = await create(prosecutor, draft({ agency_id: ag.body.id, copies: [{ agency_id: ag.body.id }], title: '长名建议' }));
    assert.equal(s.agency_name, name);
    assert.equal(s.copies[0].name, name, 'the copy keeps the whole name');
    await issue(s, '2026-04-03');
    const docs = (await prosecutor.get(`/api/v1/documents?entity_kind=suggestion&entity_id=${s.id}`)).body.items;
    const doc = (await prosecutor.get(`/api/v1/documents/${docs[0].id}`)).body;
    assert.ok(doc.body.startsWith(name + '：'), 'the 检察建议书 is addressed to the whole name');
    assert.ok(doc.body.endsWith('\n抄送：' + name), 'and copied to the whole name');
  });

  test('an urgent 公益诉讼 suggestion gets 15 days; a per-suggestion length overrides the default', async () => {
    const s = await create(prosecutor, draft({ type: 'public_interest', urgent: true, title: '关于河道污染的诉前检察建议' }));
    assert.equal(s.reply_length, '15d');
    await issue(s, '2026-04-01');
    const res = await ev(prosecutor, s.id, { kind: 'serve', on: '2026-04-02', method: 'written' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.reply_due_on, (await prosecutor.get('/api/v1/calendar/due?from=2026-04-02&length=15d')).body.due);
    assertError(await prosecutor.post('/api/v1/suggestions', draft({ type: 'correction', urgent: true })), 422,
      'rule_violated', 'urgent');
    const t = await create(prosecutor, draft({ reply_length: '1m', title: '一个月回复' }));
    assert.equal(t.reply_length, '1m');
    assertError(await prosecutor.post('/api/v1/suggestions', draft({ reply_length: '10wd' })), 400,
      'validation_failed', 'reply_length');
  });

  test('a returned proposal is on the timeline and the draft may be edited and proposed again', async () => {
    const s = await create(prosecutor, draft({ title: '退回的提请' }));
    const res = await ev(prosecutor, s.id, { kind: 'issue', reason: '拟发出' });
    assert.equal(res.status, 202, res.text);
    assertError(await prosecutor.put(`/api/v1/suggestions/${s.id}`, { title: '改' }), 409, 'conflict');
    const back = await chief.post(`/api/v1/approvals/${res.body.approval.id}/return`, { reason: '事实部分需补充' });
    assert.equal(back.status, 200, back.text);
    let now = await get(s.id);
    assert.equal(now.state, 'draft');
    assert.equal(now.events.at(-1).kind, 'approval_returned');
    assert.equal(now.events.at(-1).data.reason, '事实部分需补充');
    const edited = await prosecutor.put(`/api/v1/suggestions/${s.id}`, { facts: '补充后的事实', agency_id: agencyA });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.facts, '补充后的事实');
    assert.equal(edited.body.agency_id, agencyA);
    assertError(await prosecutor.put(`/api/v1/suggestions/${s.id}`, { agency_id: 999999 }), 422, 'rule_violated',
      'agency_id');
    now = await issue(s, '2026-04-01');
    assert.equal(now.state, 'issued');
  });

  test('an objection upheld and withdrawn closes it; one rejected returns it to served', async () => {
    const s = await create(prosecutor, draft({ title: '撤回的检察建议' }));
    await issue(s, '2026-04-01');
    assert.equal((await ev(prosecutor, s.id, { kind: 'serve', on: '2026-04-02', method: 'written' })).status, 201);
    assert.equal((await ev(prosecutor, s.id, { kind: 'object', on: '2026-04-03', text: '异议' })).status, 201);
    // the 检察长 takes it directly (no approval of his own decision)
    let res = await ev(chief, s.id, { kind: 'objection_handle', on: '2026-04-05', result: 'withdraw', reason: '异议成立' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.state, 'closed');
    assert.equal(res.body.outcome, 'withdrawn');
    const t = await create(prosecutor, draft({ title: '异议不成立' }));
    await issue(t, '2026-04-01');
    await ev(prosecutor, t.id, { kind: 'serve', on: '2026-04-02', method: 'written' });
    await ev(prosecutor, t.id, { kind: 'object', on: '2026-04-03', text: '异议' });
    assertError(await ev(chief, t.id, { kind: 'objection_handle', on: '2026-04-05', result: 'rejected' }), 400,
      'validation_failed', 'text');
    res = await ev(chief, t.id, { kind: 'objection_handle', on: '2026-04-05', result: 'rejected', text: '经审查异议不成立' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.state, 'served');
    assert.equal(res.body.deadlines.filter((d) => d.status === 'open').length, 1, 'the period goes on');
  });
});

describe('bad input: refused naming the field, nothing written', () => {
  let s;
  before(async () => {
    s = await create(prosecutor, draft({ title: '坏输入' }));
  });

  test('a service before the issue, or of a draft', async () => {
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'serve', on: '2026-04-02', method: 'written' }),
      409, 'conflict');
    await issue(s, '2026-04-10');
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'serve', on: '2026-04-09', method: 'written' }),
      422, 'rule_violated', 'on');
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'serve', on: '2026-04-12', method: 'email' }),
      422, 'rule_violated', 'method');
  });

  test('a reply before service, before the service day, or in the future', async () => {
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'reply', on: '2026-04-12', adoption: 'adopted' }),
      409, 'conflict');
    assert.equal((await ev(prosecutor, s.id, { kind: 'serve', on: '2026-04-12', method: 'written' })).status, 201);
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'reply', on: '2026-04-11', adoption: 'adopted' }),
      422, 'rule_violated', 'on');
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'reply', on: tomorrow(), adoption: 'adopted' }),
      422, 'rule_violated', 'on');
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'reply', on: '2026-04-20', adoption: 'maybe' }),
      422, 'rule_violated', 'adoption');
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'reply', on: '2026-02-30', adoption: 'adopted' }),
      400, 'validation_failed', 'on');
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'reply', on: '2026-04-20' }),
      400, 'validation_failed', 'adoption');
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'reply', on: '2026-04-20', adoption: 'adopted',
      outcome: 'handled' }), 400, 'validation_failed', 'outcome');
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'visit', on: '2026-04-20', result: 'rectified',
      evidence: '照片' }), 409, 'conflict');
    await refusedUnchanged(s, () => ev(prosecutor, s.id, { kind: 'teleport', on: '2026-04-20' }),
      400, 'validation_failed', 'kind');
  });

  test('an unknown agency, another office\'s, an unknown copy or case', async () => {
    const count = (await prosecutor.get('/api/v1/suggestions?limit=200')).body.total;
    assertError(await prosecutor.post('/api/v1/suggestions', draft({ agency_id: 999999 })), 422, 'rule_violated',
      'agency_id');
    assertError(await prosecutor.post('/api/v1/suggestions', draft({ agency_id: 1.5 })), 400, 'validation_failed',
      'agency_id');
    assertError(await prosecutor.post('/api/v1/suggestions', draft({ copies: [{ agency_id: 999999 }] })), 422,
      'rule_violated', 'copies.0.agency_id');
    assertError(await prosecutor.post('/api/v1/suggestions', draft({ links: [{ kind: 'case', id: 999999 }] })), 422,
      'rule_violated', 'links.0.id');
    assertError(await prosecutor.post('/api/v1/suggestions', draft({ type: 'advice' })), 400, 'validation_failed',
      'type');
    assertError(await prosecutor.post('/api/v1/suggestions', draft({ title: '' })), 400, 'validation_failed', 'title');
    assertError(await prosecutor.post('/api/v1/suggestions', draft({ title: 'x'.repeat(201) })), 400,
      'validation_failed', 'title');
    assert.equal((await prosecutor.get('/api/v1/suggestions?limit=200')).body.total, count, 'nothing was written');
    // a draft's edit checks the same
    assertError(await prosecutor.put(`/api/v1/suggestions/${s.id}`, { title: '改' }), 409, 'conflict');
  });
});

describe('lists, figures, permissions and isolation', () => {
  test('the list filters, the by-agency figures and the export', async () => {
    const mine = (await prosecutor.get('/api/v1/suggestions?scope=mine&limit=200')).body;
    assert.ok(mine.total >= 5);
    assert.ok(mine.items.every((x) => x.prosecutor_id === users.prosecutor));
    assert.equal((await prosecutor2.get('/api/v1/suggestions?scope=mine')).body.total, 0);
    const closed = (await prosecutor.get('/api/v1/suggestions?state=closed&limit=200')).body.items;
    assert.ok(closed.length >= 2 && closed.every((x) => x.state === 'closed'));
    const pi = (await prosecutor.get('/api/v1/suggestions?type=public_interest')).body.items;
    assert.ok(pi.length >= 1 && pi.every((x) => x.type === 'public_interest'));
    const q = (await prosecutor.get(`/api/v1/suggestions?q=${encodeURIComponent('河道')}`)).body.items;
    assert.deepEqual(q.map((x) => x.title), ['关于河道污染的诉前检察建议']);
    assert.equal((await prosecutor.get(`/api/v1/suggestions?agency_id=${agencyB}`)).body.total, 0);
    assert.ok((await prosecutor.get(`/api/v1/suggestions?case_id=${caseId}`)).body.total >= 5);
    assertError(await prosecutor.get('/api/v1/suggestions?state=lost'), 400, 'validation_failed', 'state');
    assertError(await prosecutor.get('/api/v1/suggestions?overdue=maybe'), 400, 'validation_failed', 'overdue');

    // a second agency with a different record: one suggestion, served, never answered
    const other = await create(prosecutor, draft({ agency_id: agencyB, title: '市场监管建议', copies: [] }));
    await issue(other, '2026-02-01');
    // copied to no one: the 检察建议书 has no 抄送 line (not a blank to fill), and ends with the reply request
    const otherDocs = (await prosecutor.get(`/api/v1/documents?entity_kind=suggestion&entity_id=${other.id}`)).body.items;
    const otherDoc = (await prosecutor.get(`/api/v1/documents/${otherDocs[0].id}`)).body;
    assert.ok(!otherDoc.body.includes('抄送'), otherDoc.body);
    assert.ok(otherDoc.body.endsWith('书面回复本院。'), otherDoc.body);
    await ev(prosecutor, other.id, { kind: 'serve', on: '2026-02-02', method: 'written' });
    const fig = Object.fromEntries((await chief.get('/api/v1/suggestions/by-agency')).body.items.map((x) => [x.agency_id, x]));
    const a = fig[agencyA], b = fig[agencyB];
    assert.equal(b.total, 1);
    assert.equal(b.overdue, 1);
    assert.equal(b.replied, 0);
    assert.equal(b.reply_rate, 0);
    assert.equal(b.adoption_rate, null);
    assert.ok(a.total >= 5);
    assert.equal(a.replied, 1);
    assert.equal(a.adopted, 1);
    assert.equal(a.adoption_rate, 1);
    assert.equal(a.avg_reply_days, 49, '2026-04-01 → 2026-05-20');
    assert.ok(a.reply_rate > 0 && a.reply_rate < 1);

    const x = await prosecutor.get('/api/v1/suggestions/export.xlsx?state=closed');
    assert.equal(x.status, 200);
    assert.match(String(x.headers['content-type']), /spreadsheetml/);
    // read back with openpyxl: the closed suggestions, with their Chinese labels, and the filter stated
    const file = path.join(dir, 'suggestions.xlsx');
    fs.writeFileSync(file, x.raw);
    const r = spawnSync('/usr/bin/python3', [path.join(REPO, 'tests/api/xlsx_read.py'), file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const book = JSON.parse(r.stdout);
    const [head, ...rows] = book.sheets[0].rows;
    const col = (name) => head.findIndex((c) => c.v === name);
    assert.ok(col('标题') >= 0 && col('结案方式') >= 0, JSON.stringify(head));
    assert.equal(rows.length, closed.length);
    assert.ok(rows.some((row) => row[col('结案方式')].v === '办复'));
    assert.ok(rows.every((row) => row[col('状态')].v === '已结案'));
    const notes = book.sheets.find((sh) => sh.name === '导出说明');
    assert.ok(JSON.stringify(notes.rows).includes('状态：已结案'));
    const exp = (await chief.get('/api/v1/audit?action=export.suggestions')).body.items;
    assert.equal(exp.length, 1);
  });

  test('who may read and write, and another office sees nothing', async () => {
    const s = await create(prosecutor, draft({ title: '权限' }));
    assert.equal((await clerk.get(`/api/v1/suggestions/${s.id}`)).status, 200, 'a clerk reads');
    assertError(await clerk.post('/api/v1/suggestions', draft()), 403, 'forbidden');
    assertError(await anguan.post('/api/v1/suggestions', draft()), 403, 'forbidden');
    // another department's prosecutor may read but not act on it
    assertError(await ev(prosecutor2, s.id, { kind: 'issue', reason: 'x' }), 403, 'forbidden');
    assertError(await prosecutor2.put(`/api/v1/suggestions/${s.id}`, { title: '改' }), 403, 'forbidden');
    // the owner edits the draft
    const res = await prosecutor.put(`/api/v1/suggestions/${s.id}`, { title: '权限（修改）', legal_basis: '组织法第二十一条' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.title, '权限（修改）');
    // another office: 404 for the record, nothing in its lists, and its own agencies only
    assertError(await otherChief.get(`/api/v1/suggestions/${s.id}`), 404, 'not_found');
    assertError(await ev(otherChief, s.id, { kind: 'issue', reason: 'x' }), 404, 'not_found');
    assert.equal((await otherChief.get('/api/v1/suggestions')).body.total, 0);
    assert.deepEqual((await otherChief.get('/api/v1/suggestions/by-agency')).body.items, []);
    assertError(await otherChief.post('/api/v1/suggestions', draft({ links: [] })), 422, 'rule_violated', 'agency_id');
  });
});
