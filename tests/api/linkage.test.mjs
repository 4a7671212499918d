// linkage.test.mjs: 行刑反向衔接 through the real binary (issue 10 §2; DOMAIN.md 4): a 不起诉 opens the person's
// item; the walk registration → 中止审查 → 恢复审查 (the review deadline moved by the suspended days) → 检察意见 (the
// 检察长's approval) → service → an overdue reply → 督促 → 跟进监督 → reply → closure; the bad inputs of the issue, each
// with a check that nothing was written; isolation between offices and the permissions.
//
// World: the demo procuratorate without cases (行政检察部 with 吴行政检察官 "xingjian"), plus an unrelated office.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { addOrg, addUser, assertError, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, rmTempDir, startServer } from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, anguan, prosecutor, xingjian, chief, assistant, clerk, other, depts, users;
let n = 0;

function newCase(over = {}) {
  n += 1;
  return { case_type: 'prosecution_review', title: `危险驾驶案${n}`, source_agency: '缙云县公安局交通警察大队',
    received_on: '2026-02-02', department_id: depts['第一检察部'], assign: 'manual', prosecutor_id: users.prosecutor,
    persons: [{ name: `李某${n}`, custody: 'bail', custody_since: '2026-02-02', plea: false, sentence_band: '1_3y',
      charges: ['dangerous_driving'] }], ...over };
}

// A case whose person's 不起诉 (酌定不诉) took effect on `on`, approved by the 检察长: its linkage item.
async function nonProsecuted(on = '2026-03-02') {
  const res = await anguan.post('/api/v1/cases', newCase());
  assert.equal(res.status, 201, res.text);
  const c = res.body;
  const p = await prosecutor.post(`/api/v1/cases/${c.id}/events`, { kind: 'decide', on, person_id: c.persons[0].id,
    decision: 'non_prosecution', non_prosecution_type: 'discretionary', reason: '情节轻微，不需要判处刑罚' });
  assert.equal(p.status, 202, p.text);
  const a = await chief.post(`/api/v1/approvals/${p.body.approval.id}/approve`, { on });
  assert.equal(a.status, 200, a.text);
  const after = (await prosecutor.get(`/api/v1/cases/${c.id}`)).body;
  assert.equal(after.linkage.length, 1, 'the case page lists the person\'s item');
  return { c, item: after.linkage[0] };
}

const ev = (client, id, body) => client.post(`/api/v1/linkage/${id}/events`, body);
const get = async (id, client = xingjian) => {
  const res = await client.get(`/api/v1/linkage/${id}`);
  assert.equal(res.status, 200, res.text);
  return res.body;
};
const dl = (item, kind, seq = 1) => item.deadlines.find((d) => d.kind === kind && d.sequence === seq);
const addDays = (s, k) => { const d = new Date(`${s}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + k); return d.toISOString().slice(0, 10); };

// What a refused step must leave alone: the item, its timeline, its deadlines, the approvals.
async function snapshot(id) {
  const it = await get(id);
  const appr = (await chief.get('/api/v1/approvals?scope=all&limit=200')).body.total;
  return JSON.stringify({ ...it, actions: undefined, appr });
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'linkage.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_pros', role: 'admin_prosecutor', password: PW });
  server = await startServer(db);
  const login = (l) => server.client().loginOk(l, PW);
  [anguan, prosecutor, xingjian, chief, assistant, clerk, other] = await Promise.all(
    ['anguan', 'prosecutor', 'xingjian', 'leader', 'assistant', 'clerk', 'other_pros'].map(login));
  depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('the walk', () => {
  test('不起诉 → registration → suspension → resumption → 检察意见 → service → overdue → 督促 → 跟进监督 → reply → closure', async () => {
    const { c, item: opened } = await nonProsecuted('2026-03-02');
    let it = await get(opened.id);
    assert.equal(it.state, 'pending_transfer');
    assert.equal(it.person_name, c.persons[0].name);
    assert.equal(it.decision_on, '2026-03-02');
    assert.equal(it.department_name, '行政检察部', 'owned by the office\'s 行政检察 department');
    assert.equal(it.prosecutor_id, users.prosecutor);
    assert.equal(it.events[0].kind, 'opened');
    // transfer: 3 working days from the decision, on the criminal prosecutor
    assert.deepEqual([dl(it, 'linkage_transfer').due_on, dl(it, 'linkage_transfer').status], ['2026-03-05', 'open']);
    const mine = (await prosecutor.get('/api/v1/deadlines?scope=mine&limit=200')).body.items;
    assert.ok(mine.some((d) => d.kind === 'linkage_transfer' && d.entity_id === it.id), 'in the prosecutor\'s deadlines');

    // 行政检察 cannot register before the transfer; the transfer is 刑检's
    assertError(await ev(xingjian, it.id, { kind: 'register', on: '2026-03-04' }), 409, 'conflict', 'kind');
    assertError(await ev(xingjian, it.id, { kind: 'transfer', on: '2026-03-04' }), 403, 'forbidden');
    let res = await ev(prosecutor, it.id, { kind: 'transfer', on: '2026-03-04' });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual([dl(res.body, 'linkage_transfer').status, dl(res.body, 'linkage_transfer').closed_on], ['closed', '2026-03-04']);
    res = await ev(xingjian, it.id, { kind: 'register', on: '2026-03-05' });
    assert.equal(res.status, 201, res.text);
    it = res.body;
    assert.equal(it.state, 'under_review');
    assert.equal(it.handler_id, users.xingjian);
    // review: 10 working days from registration
    const reviewDue = dl(it, 'linkage_review').due_on;
    assert.equal(reviewDue, '2026-03-19');

    // 中止审查 needs a pending request; the request, then the suspension (the clock stands), then resumption
    assertError(await ev(xingjian, it.id, { kind: 'suspend', on: '2026-03-09', reason: '公安机关要求复议' }), 409, 'conflict', 'kind');
    res = await ev(xingjian, it.id, { kind: 'request', on: '2026-03-06', request_kind: 'reconsideration', text: '公安机关要求复议' });
    assert.equal(res.status, 201, res.text);
    res = await ev(xingjian, it.id, { kind: 'suspend', on: '2026-03-09', reason: '公安机关要求复议' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.state, 'suspended');
    assert.equal(dl(res.body, 'linkage_review').status, 'suspended');
    assert.equal(dl(res.body, 'linkage_review').due_on, null);
    res = await ev(xingjian, it.id, { kind: 'resume', on: '2026-03-16', reason: '复议决定维持不起诉' });
    assert.equal(res.status, 201, res.text);
    it = res.body;
    assert.equal(it.state, 'under_review');
    const moved = dl(it, 'linkage_review');
    assert.equal(moved.stop_days, 7);
    assert.equal(moved.due_on, addDays(reviewDue, 7), 'the due day moved by the 7 suspended days');

    // 同步审查: both opinions; the outcome follows the 行政检察 opinion
    assertError(await ev(xingjian, it.id, { kind: 'procuratorial_opinion', on: '2026-03-20', agency_id: it.id, penalties: ['fine'], facts: '事实', reason: '理由' }),
      409, 'conflict', 'kind');
    res = await ev(prosecutor, it.id, { kind: 'opinion', on: '2026-03-17', side: 'criminal', opinion: 'penalty', text: '应吊销驾驶证' });
    assert.equal(res.status, 201, res.text);
    assertError(await ev(xingjian, it.id, { kind: 'opinion', on: '2026-03-18', side: 'administrative', opinion: 'no_penalty' }),
      400, 'validation_failed', 'reason');
    res = await ev(xingjian, it.id, { kind: 'opinion', on: '2026-03-18', side: 'administrative', opinion: 'penalty', text: '同意' });
    assert.equal(res.status, 201, res.text);

    // 检察意见: proposed to the 检察长, issued on the day the 检察长 signs
    const agency = (await xingjian.get(`/api/v1/agencies?q=${encodeURIComponent('交通警察')}`)).body.items[0];
    assert.ok(agency, 'the case registration added the agency');
    res = await ev(xingjian, it.id, { kind: 'procuratorial_opinion', on: '2026-03-20', agency_id: agency.id,
      penalties: ['licence_revocation', 'fine'], facts: '醉酒驾驶机动车，情节轻微，依法应吊销机动车驾驶证', reason: '需要给予行政处罚' });
    assert.equal(res.status, 202, res.text);
    assert.equal(res.body.state, 'under_review', 'nothing issued before the approval');
    const approval = res.body.approvals[0];
    assert.equal(approval.decision_kind, 'procuratorial_opinion');
    assert.equal(approval.status, 'pending');
    res = await chief.post(`/api/v1/approvals/${approval.id}/approve`, { on: '2026-03-23' });
    assert.equal(res.status, 200, res.text);
    it = await get(it.id);
    assert.equal(it.state, 'opinion_issued');
    assert.equal(it.outcome_on, '2026-03-23');
    assert.equal(it.agency_name, agency.name);
    assert.deepEqual(it.penalties, ['licence_revocation', 'fine']);
    assert.equal(dl(it, 'linkage_review').status, 'closed');

    // service: not before the issue date; then the reply period (2 months)
    assertError(await ev(xingjian, it.id, { kind: 'serve', on: '2026-03-20', method: 'in_person' }), 422, 'validation_failed', 'on');
    assertError(await ev(xingjian, it.id, { kind: 'reply', on: '2026-03-24', penalised: false }), 409, 'conflict', 'kind');
    res = await ev(xingjian, it.id, { kind: 'serve', on: '2026-03-25', method: 'in_person' });
    assert.equal(res.status, 201, res.text);
    it = res.body;
    assert.equal(it.state, 'awaiting_reply');
    assert.equal(dl(it, 'linkage_reply').due_on, '2026-05-25');
    assert.equal(it.overdue, true, 'the reply period has run (today is later)');
    const overdue = (await xingjian.get('/api/v1/linkage?overdue=1&limit=200')).body.items.map((x) => x.id);
    assert.ok(overdue.includes(it.id));

    // 督促 only once the reply period has run
    assertError(await ev(xingjian, it.id, { kind: 'urge', on: '2026-05-20' }), 422, 'validation_failed', 'on');
    res = await ev(xingjian, it.id, { kind: 'urge', on: '2026-06-01', text: '请于十五日内回复', reply_days: 15 });
    assert.equal(res.status, 201, res.text);
    it = res.body;
    assert.equal(it.state, 'follow_up');
    assert.deepEqual([dl(it, 'linkage_reply').status, dl(it, 'linkage_reply', 2).due_on], ['closed', '2026-06-16']);
    assertError(await ev(xingjian, it.id, { kind: 'urge', on: '2026-06-20' }), 409, 'conflict', 'kind');
    // 跟进监督, then the reply that finally came, then closure (once)
    res = await ev(xingjian, it.id, { kind: 'follow_up', on: '2026-06-20', reason: '督促后仍未回复，制发检察建议' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.followed_up_on, '2026-06-20');
    // 跟进监督 opened a draft 纠正违法检察建议 to the same agency, linked both ways
    const sid = res.body.suggestion_id;
    assert.ok(Number.isInteger(sid) && sid > 0, res.text);
    const sg = await xingjian.get(`/api/v1/suggestions/${sid}`);
    assert.equal(sg.status, 200, sg.text);
    assert.deepEqual([sg.body.type, sg.body.state, sg.body.agency_id], ['correction', 'draft', res.body.agency_id]);
    assert.ok(sg.body.links.some((l) => l.kind === 'linkage' && l.id === it.id), JSON.stringify(sg.body.links));
    // each step with a 文书 issued it under the office's 文号, with the person's name in it
    const docs = (await xingjian.get(`/api/v1/documents?entity_kind=linkage&entity_id=${it.id}`)).body.items;
    assert.deepEqual(docs.map((d) => d.type).sort(),
      ['procuratorial_opinion', 'review_suspension', 'urging_letter']);
    for (const d of docs) assert.match(d.number, /〔2026〕\d+号$/);
    const op = (await xingjian.get(`/api/v1/documents/${docs.find((d) => d.type === 'procuratorial_opinion').id}`)).body;
    assert.ok(op.body.includes(res.body.person_name), op.body);
    res = await ev(xingjian, it.id, { kind: 'reply', on: '2026-07-01', penalised: true, penalty: 'licence_revocation',
      decision_number: '缙公交决字〔2026〕88号', amount_fen: 0 });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.state, 'replied');
    assert.equal(res.body.reply_penalised, true);
    res = await ev(xingjian, it.id, { kind: 'close', on: '2026-07-02' });
    assert.equal(res.status, 201, res.text);
    it = res.body;
    assert.equal(it.state, 'closed');
    assert.equal(it.close_reason, 'completed');
    assert.ok(it.deadlines.every((d) => d.status === 'closed'));
    const kinds = it.events.map((e) => e.kind);
    assert.deepEqual(kinds, ['opened', 'transfer', 'register', 'request', 'suspend', 'resume', 'opinion', 'opinion', 'proposed',
      'procuratorial_opinion', 'serve', 'urge', 'follow_up', 'reply', 'close']);
    // a second closure writes nothing
    const snap = await snapshot(it.id);
    assertError(await ev(xingjian, it.id, { kind: 'close', on: '2026-07-03' }), 409, 'conflict', 'kind');
    assert.equal(await snapshot(it.id), snap);
    // every step is audited
    const audit = (await chief.get(`/api/v1/audit?entity=linkage&entity_id=${it.id}&limit=200`)).body.items || [];
    assert.ok(audit.length >= 13, `audited steps: ${audit.length}`);
  });

  test('by agency: the 检察意见 issued, open, overdue, replied and penalised, counted from the items themselves', async () => {
    const res = await xingjian.get('/api/v1/linkage/by-agency');
    assert.equal(res.status, 200, res.text);
    const ids = (await xingjian.get('/api/v1/linkage?limit=200')).body.items.map((x) => x.id);
    const items = await Promise.all(ids.map(async (id) => (await xingjian.get(`/api/v1/linkage/${id}`)).body));
    const opinions = items.filter((x) => x.outcome === 'opinion' && x.agency_id);
    assert.ok(opinions.length >= 1, 'the walk issued one');
    const agencies = [...new Set(opinions.map((x) => x.agency_id))];
    assert.equal(res.body.items.length, agencies.length);
    for (const row of res.body.items) {
      const mine = opinions.filter((x) => x.agency_id === row.agency_id);
      const served = mine.filter((x) => x.served_on).length;
      const replied = mine.filter((x) => x.reply_on).length;
      const penalised = mine.filter((x) => x.reply_on && x.reply_penalised).length;
      assert.deepEqual([row.total, row.open, row.served, row.replied, row.penalised],
        [mine.length, mine.filter((x) => x.state !== 'closed').length, served, replied, penalised], row.agency_name);
      assert.equal(row.reply_rate, served ? Math.floor((replied * 10000) / served) / 10000 : null);
      assert.equal(row.penalty_rate, replied ? Math.floor((penalised * 10000) / replied) / 10000 : null);
    }
    // another office sees none of them
    assert.deepEqual((await other.get('/api/v1/linkage/by-agency')).body.items, []);
  });
});

describe('bad input writes nothing', () => {
  let it, agencyId;
  before(async () => {
    it = (await nonProsecuted('2026-04-01')).item;
    assert.equal((await ev(prosecutor, it.id, { kind: 'transfer', on: '2026-04-02' })).status, 201);
    assert.equal((await ev(xingjian, it.id, { kind: 'register', on: '2026-04-03' })).status, 201);
    agencyId = (await xingjian.get(`/api/v1/agencies?q=${encodeURIComponent('交通警察')}`)).body.items[0].id;
  });

  const refused = async (client, body, status, code, field) => {
    const snap = await snapshot(it.id);
    assertError(await ev(client, it.id, body), status, code, field);
    assert.equal(await snapshot(it.id), snap, `nothing written for ${JSON.stringify(body)}`);
  };

  test('a suspension without a pending 复议/复核/申诉/自诉', async () => {
    await refused(xingjian, { kind: 'suspend', on: '2026-04-07', reason: '中止' }, 409, 'conflict', 'kind');
  });
  test('a date in the future, an unknown kind, a field the step does not take', async () => {
    await refused(xingjian, { kind: 'request', on: '2099-01-01', request_kind: 'review' }, 422, 'validation_failed', 'on');
    await refused(xingjian, { kind: 'nonsense', on: '2026-04-07' }, 400, 'validation_failed', 'kind');
    await refused(xingjian, { kind: 'request', on: '2026-04-07', request_kind: 'review', amount_fen: 1 }, 400, 'validation_failed', 'amount_fen');
    await refused(xingjian, { kind: 'request', on: '2026-04-07', request_kind: 'appeal' }, 400, 'validation_failed', 'request_kind');
  });
  test('an unknown agency, another office\'s agency, a penalty the agency cannot impose', async () => {
    assert.equal((await ev(xingjian, it.id, { kind: 'opinion', on: '2026-04-07', side: 'administrative', opinion: 'penalty' })).status, 201);
    const base = { kind: 'procuratorial_opinion', on: '2026-04-08', penalties: ['fine'], facts: '事实', reason: '理由' };
    await refused(xingjian, { ...base, agency_id: 99999999 }, 400, 'validation_failed', 'agency_id');
    const foreign = (await other.get('/api/v1/agencies')).body.items;
    if (foreign.length) await refused(xingjian, { ...base, agency_id: foreign[0].id }, 400, 'validation_failed', 'agency_id');
    await refused(xingjian, { ...base, agency_id: agencyId, penalties: ['disciplinary'] }, 400, 'validation_failed', 'penalties');
    await refused(xingjian, { ...base, agency_id: agencyId, penalties: ['prison'] }, 400, 'validation_failed', 'penalties');
  });
  test('a reply before service, before the 检察意见, with a negative or fractional amount, in the future', async () => {
    await refused(xingjian, { kind: 'reply', on: '2026-04-08', penalised: false }, 409, 'conflict', 'kind');
    const base = { kind: 'procuratorial_opinion', on: '2026-04-08', agency_id: agencyId, penalties: ['fine'], facts: '事实', reason: '理由' };
    const p = await ev(xingjian, it.id, base);
    assert.equal(p.status, 202, p.text);
    assert.equal((await chief.post(`/api/v1/approvals/${p.body.approvals[0].id}/approve`, { on: '2026-04-09' })).status, 200);
    assert.equal((await ev(xingjian, it.id, { kind: 'serve', on: '2026-04-10', method: 'mail' })).status, 201);
    const reply = { kind: 'reply', penalised: true, penalty: 'fine', decision_number: '缙公决字〔2026〕1号' };
    await refused(xingjian, { ...reply, on: '2026-04-09' }, 422, 'validation_failed', 'on');
    await refused(xingjian, { ...reply, on: '2099-04-09' }, 422, 'validation_failed', 'on');
    await refused(xingjian, { ...reply, on: '2026-04-20', amount_fen: -1 }, 400, 'validation_failed', 'amount_fen');
    await refused(xingjian, { ...reply, on: '2026-04-20', amount_fen: 150.5 }, 400, 'validation_failed', 'amount_fen');
    await refused(xingjian, { ...reply, on: '2026-04-20', amount_fen: '100' }, 400, 'validation_failed', 'amount_fen');
    await refused(xingjian, { ...reply, on: '2026-04-20', penalty: 'disciplinary' }, 400, 'validation_failed', 'penalty');
    await refused(xingjian, { kind: 'reply', on: '2026-04-20', penalised: true, penalty: 'fine' }, 400, 'validation_failed', 'decision_number');
    await refused(xingjian, { kind: 'close', on: '2026-04-20' }, 409, 'conflict', 'kind');
    const ok = await ev(xingjian, it.id, { ...reply, on: '2026-04-20', amount_fen: 200000 });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.reply_amount_fen, 200000);
  });
});

// A valid 18-digit 公民身份号码 (GB 11643: the check character from the weighted sum mod 11).
function idNumber(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((a, c, i) => a + Number(c) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}

async function decide(c, body, on) {
  const p = await prosecutor.post(`/api/v1/cases/${c.id}/events`, { kind: 'decide', on, person_id: c.persons[0].id, ...body });
  assert.equal(p.status, 202, p.text);
  const a = await chief.post(`/api/v1/approvals/${p.body.approval.id}/approve`, { on });
  assert.equal(a.status, 200, a.text);
  return (await prosecutor.get(`/api/v1/cases/${c.id}`)).body;
}

describe('other paths', () => {
  test('附条件不起诉 opens no item; the final 不起诉 after the probation does', async () => {
    const body = newCase();
    body.persons[0] = { ...body.persons[0], id_number: idNumber('33112220100101123') };
    const res = await anguan.post('/api/v1/cases', body);
    assert.equal(res.status, 201, res.text);
    let c = await decide(res.body, { decision: 'non_prosecution', non_prosecution_type: 'conditional', offence_on: '2026-01-10',
      probation_months: 6, reason: '未成年人，附条件不起诉' }, '2026-02-10');
    assert.equal(c.linkage.length, 0, 'the person is on probation: no 不起诉 has taken effect yet');
    c = await decide(c, { decision: 'non_prosecution', non_prosecution_type: 'conditional', reason: '考验期满，作出不起诉决定' }, '2026-08-11');
    assert.equal(c.linkage.length, 1);
    assert.equal(c.linkage[0].decision_on, '2026-08-11');
    assert.equal(c.linkage[0].non_prosecution_type, 'conditional');
  });


  test('a 不起诉 changed on 复议 closes the item with that reason', async () => {
    const { item } = await nonProsecuted('2026-05-06');
    const res = await ev(prosecutor, item.id, { kind: 'decision_changed', on: '2026-05-20', change_kind: 'reconsideration', text: '复议后撤销不起诉决定' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.state, 'closed');
    assert.equal(res.body.close_reason, 'decision_revoked');
    assert.ok(res.body.deadlines.every((d) => d.status === 'closed'));
  });

  test('终结审查 with a reason code; other needs a text', async () => {
    const { item } = await nonProsecuted('2026-05-11');
    await ev(prosecutor, item.id, { kind: 'transfer', on: '2026-05-12' });
    await ev(xingjian, item.id, { kind: 'register', on: '2026-05-13' });
    await ev(xingjian, item.id, { kind: 'opinion', on: '2026-05-14', side: 'administrative', opinion: 'no_penalty' });
    assertError(await ev(xingjian, item.id, { kind: 'terminate', on: '2026-05-15', reason_code: 'other' }), 400, 'validation_failed', 'text');
    assertError(await ev(xingjian, item.id, { kind: 'terminate', on: '2026-05-15', reason_code: 'forgotten' }), 400, 'validation_failed', 'reason_code');
    let res = await ev(xingjian, item.id, { kind: 'terminate', on: '2026-05-15', reason_code: 'time_barred' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.state, 'terminated');
    res = await ev(xingjian, item.id, { kind: 'close', on: '2026-05-15' });
    assert.equal(res.status, 201, res.text);
  });

  test('a 检察意见 the 检察长 returns shows on the timeline and may be proposed again; a 检察长 extends at once', async () => {
    const { item } = await nonProsecuted('2026-06-01');
    await ev(prosecutor, item.id, { kind: 'transfer', on: '2026-06-02' });
    await ev(xingjian, item.id, { kind: 'register', on: '2026-06-03' });
    await ev(xingjian, item.id, { kind: 'opinion', on: '2026-06-04', side: 'administrative', opinion: 'penalty' });
    const agencyId = (await xingjian.get(`/api/v1/agencies?q=${encodeURIComponent('交通警察')}`)).body.items[0].id;
    const body = { kind: 'procuratorial_opinion', on: '2026-06-05', agency_id: agencyId, penalties: ['fine'], facts: '事实', reason: '理由' };
    let res = await ev(xingjian, item.id, body);
    assert.equal(res.status, 202, res.text);
    assertError(await ev(xingjian, item.id, body), 409, 'conflict');
    const ret = await chief.post(`/api/v1/approvals/${res.body.approvals[0].id}/return`, { reason: '事实部分须补充' });
    assert.equal(ret.status, 200, ret.text);
    let it = await get(item.id);
    assert.equal(it.events.at(-1).kind, 'approval_returned');
    assert.equal(it.events.at(-1).data.reason, '事实部分须补充');
    assert.equal(it.state, 'under_review');
    res = await ev(xingjian, item.id, body);
    assert.equal(res.status, 202, res.text);
    // the 检察长 holds the authority: an extension is taken at once (5 working days more)
    const due = dl(it, 'linkage_review').due_on;
    res = await ev(chief, item.id, { kind: 'extend', on: '2026-06-05', days: 5, reason: '案情复杂' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.extension_days, 5);
    assert.notEqual(dl(res.body, 'linkage_review').due_on, due);
    assert.equal(dl(res.body, 'linkage_review').length, '15wd');
  });

  test('the list: mine, state, q; the export; isolation and permissions', async () => {
    const all = (await xingjian.get('/api/v1/linkage?limit=200')).body;
    assert.ok(all.total >= 4);
    const mine = (await prosecutor.get('/api/v1/linkage?mine=1&limit=200')).body;
    assert.equal(mine.total, all.total, 'every item is on the criminal prosecutor');
    const closed = (await xingjian.get('/api/v1/linkage?state=closed&limit=200')).body.items;
    assert.ok(closed.length >= 3 && closed.every((x) => x.state === 'closed'));
    const q = (await xingjian.get(`/api/v1/linkage?q=${encodeURIComponent(all.items[0].person_name)}`)).body.items;
    assert.ok(q.some((x) => x.id === all.items[0].id));
    assertError(await xingjian.get('/api/v1/linkage?state=bogus'), 400, 'validation_failed', 'state');
    const x = await xingjian.request('GET', '/api/v1/linkage/export.xlsx?state=closed');
    assert.equal(x.status, 200);
    // another office sees nothing and cannot act
    assert.equal((await other.get('/api/v1/linkage')).body.total, 0);
    assertError(await other.get(`/api/v1/linkage/${all.items[0].id}`), 404, 'not_found');
    assertError(await ev(other, all.items[0].id, { kind: 'close', on: '2026-07-01' }), 404, 'not_found');
    // a clerk reads but does not act; an assistant cannot act
    assert.equal((await clerk.get(`/api/v1/linkage/${all.items[0].id}`)).status, 200);
    assertError(await ev(clerk, all.items[0].id, { kind: 'close', on: '2026-07-01' }), 403, 'forbidden');
    assertError(await ev(assistant, all.items[0].id, { kind: 'close', on: '2026-07-01' }), 403, 'forbidden');
  });
});
