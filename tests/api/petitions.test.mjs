// petitions.test.mjs: the 信访 of the 12309 检察服务中心 through the real binary (issue 13; DOMAIN.md 0.2 and 6): the
// 7-day procedural reply in calendar days and in working days across 国庆 2025, the 3-month reply and two monthly
// follow-ups as deadline rows (in the deadline views, the home queue and the bell), repeat detection by ID number
// (linked) and by name and phone (a candidate), 首办 through a logged transfer, disposition and closure; the bad
// input of the issue refused naming the field with nothing written; permissions and isolation between offices; the
// Excel export. Runs on SQLite, or on PostgreSQL with JIANWU_TEST_PG set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { REPO, addOrg, addUser, assertError, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, rmTempDir, startServer } from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, kongshen, leader, prosecutor, buzhang, anguan, admin, otherChief, depts, users, caseId;

/* An 18-digit ID number of the given body (17 digits) with its GB 11643 check character. */
function idNumber(body) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}
const ID_A = idNumber('33112219800101001');
const ID_B = idNumber('33112219750505002');
const badCheck = (id) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

const ev = (c, id, body) => c.post(`/api/v1/petitions/${id}/events`, body);
const get = async (id, c = kongshen) => {
  const res = await c.get(`/api/v1/petitions/${id}`);
  assert.equal(res.status, 200, res.text);
  return res.body;
};
const visit = (over = {}) => ({ channel: 'visit', category: 'complaint', matter: '反映邻居侵占宅基地，派出所不予立案。',
  received_on: '2025-09-24', petitioners: [{ name: '张三', id_number: ID_A, phone: '13800000001' }], ...over });
async function create(body = visit(), c = kongshen) {
  const res = await c.post('/api/v1/petitions', body);
  assert.equal(res.status, 201, res.text);
  return res.body;
}
const dl = (p, kind, seq = 0) => p.deadlines.find((d) => d.kind === kind && (d.sequence ?? 0) === seq);
const auditTotal = async () => (await leader.get('/api/v1/audit?entity=petition&limit=1')).body.total;
const listTotal = async () => (await kongshen.get('/api/v1/petitions?limit=1')).body.total;

/* Asserts that a refused write wrote nothing: the petition (when given) and the audit trail are as before. */
async function refused(p, send, status, code, field) {
  const before = p ? await get(p.id) : null;
  const audits = await auditTotal();
  const total = await listTotal();
  assertError(await send(), status, code, field);
  if (p) {
    const now = await get(p.id);
    assert.equal(now.state, before.state);
    assert.equal(now.events.length, before.events.length, 'no step on the timeline');
    assert.equal(now.replies.length, before.replies.length, 'no reply');
    assert.deepEqual(now.deadlines, before.deadlines);
  }
  assert.equal(await auditTotal(), audits, 'no audit row');
  assert.equal(await listTotal(), total, 'no petition');
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'petitions.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  addUser(db, { org: 'jinyun', login: 'padmin', role: 'admin', password: PW });
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_chief', role: 'leader', password: PW });
  server = await startServer(db);
  const login = (l) => server.client().loginOk(l, PW);
  [kongshen, leader, prosecutor, buzhang, anguan, admin, otherChief] = await Promise.all(
    ['kongshen', 'leader', 'prosecutor', 'buzhang', 'anguan', 'padmin', 'other_chief'].map(login));
  depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
  const res = await anguan.post('/api/v1/cases', { case_type: 'prosecution_review', title: '张某故意伤害案',
    source_agency: '缙云县公安局', received_on: '2025-09-01', department_id: depts['第一检察部'], assign: 'manual',
    prosecutor_id: users.prosecutor, persons: [{ name: '张某', custody: 'bail', custody_since: '2025-09-01',
      charges: ['intentional_injury'] }] });
  assert.equal(res.status, 201, res.text);
  caseId = res.body.id;
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('the procedural reply: 7 days, in the unit the office chose', () => {
  test('calendar days across 国庆 2025, then working days for petitions taken in afterwards', async () => {
    assert.equal((await kongshen.get('/api/v1/petitions/settings')).body.procedural_unit, 'days');
    const p = await create(visit({ petitioners: [{ name: '李四', phone: '13900000009' }] }));
    assert.equal(p.state, 'registered');
    assert.equal(p.procedural_unit, 'days');
    assert.equal(p.first_handler_id, users.kongshen, 'the clerk who took it in is its first handler by default');
    // 2025-09-24 + 7 days = 10-01, inside 国庆+中秋 (10-01..10-08): the first working day after it
    assert.equal(dl(p, 'petition_procedural').due_on, '2025-10-09');
    assert.equal(dl(p, 'petition_result').due_on, '2025-12-24');
    assertError(await kongshen.put('/api/v1/petitions/settings', { procedural_unit: 'workdays' }), 403, 'forbidden');
    assertError(await admin.put('/api/v1/petitions/settings', { procedural_unit: 'weeks' }), 400, undefined,
      'procedural_unit');
    const s = await admin.put('/api/v1/petitions/settings', { procedural_unit: 'workdays' });
    assert.equal(s.status, 200, s.text);
    const q = await create(visit({ petitioners: [{ name: '王五', phone: '13900000010' }] }));
    assert.equal(q.procedural_unit, 'workdays');
    // 7 working days after 09-24: 09-25, 09-26, 09-28 (调休), 09-29, 09-30, 10-09, 10-10
    assert.equal(dl(q, 'petition_procedural').due_on, '2025-10-10');
    assert.equal(dl(await get(p.id), 'petition_procedural').due_on, '2025-10-09', 'an earlier petition keeps its unit');
    const back = await admin.put('/api/v1/petitions/settings', { procedural_unit: 'days' });
    assert.equal(back.status, 200, back.text);
  });
});

describe('a petition from intake to closure', () => {
  test('受理, the procedural reply, the 3-month reply and two monthly follow-ups, 首办 through a transfer, closure',
    async () => {
      const p = await create(visit({ attachments: ['信访材料3页', '身份证复印件'], cases: [{ id: caseId }],
        risk_level: 'medium', risk_reason: '情绪激动，扬言上访' }));
      assert.deepEqual(p.attachments, ['信访材料3页', '身份证复印件']);
      assert.equal(p.cases[0].id, caseId);
      assert.equal(p.risk_level, 'medium');
      assert.equal(p.petitioners[0].id_number, ID_A);
      // the deadline rows are in the deadline views and in the clerk's reminder bell, with the petition's entity
      const views = (await kongshen.get('/api/v1/deadlines?scope=mine&limit=200')).body.items;
      assert.ok(views.some((d) => d.entity_kind === 'petition' && d.entity_id === p.id &&
        d.kind === 'petition_result'), JSON.stringify(views.slice(0, 3)));
      const bell = (await kongshen.get('/api/v1/reminders')).body.items;
      assert.ok(bell.some((d) => d.entity_kind === 'petition' && d.entity_id === p.id));
      const work = (await kongshen.get('/api/v1/work')).body.queues;
      assert.ok(work.some((qu) => qu.key === 'my_overdue' && qu.items.some((d) => d.entity_id === p.id)));
      assert.ok(!views.some((d) => d.subject.includes('张三')), 'the subject names no petitioner');

      // 受理 to a department, the risk reassessed
      let res = await ev(kongshen, p.id, { kind: 'accept', on: '2025-09-26', department_id: depts['第一检察部'],
        risk_level: 'low', risk_reason: '经释法说理，情绪平稳' });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.body.state, 'accepted');
      assert.equal(res.body.accept_department_id, depts['第一检察部']);
      assert.equal(res.body.risk_level, 'low');
      assert.equal(res.body.events.at(-1).data.risk_before, 'medium');
      assertError(await ev(kongshen, p.id, { kind: 'reject', on: '2025-09-27', reason: '重复' }), 409, 'conflict');

      // the procedural reply answers the 7-day period, in time
      res = await ev(kongshen, p.id, { kind: 'reply', on: '2025-09-28', reply_kind: 'procedural', channel: 'phone',
        content: '已受理，转第一检察部办理。' });
      assert.equal(res.status, 201, res.text);
      let now = res.body;
      assert.equal(dl(now, 'petition_procedural').status, 'closed');
      assert.equal(dl(now, 'petition_procedural').closed_on, '2025-09-28');
      assert.equal(dl(now, 'petition_result').status, 'open', 'a procedural reply is not the result');

      // 首办 through a transfer: the first handler stays, the transfer is logged
      assertError(await ev(kongshen, p.id, { kind: 'handler', handler_id: 999999, reason: '移交' }), 422,
        'rule_violated', 'handler_id');
      res = await ev(kongshen, p.id, { kind: 'handler', handler_id: users.leader, reason: '领导包案，移交检察长' });
      assert.equal(res.status, 201, res.text);
      now = res.body;
      assert.equal(now.handler_id, users.leader);
      assert.equal(now.first_handler_id, users.kongshen, '首办责任人 stays answerable');
      const moved = now.events.at(-1);
      assert.equal(moved.kind, 'handler');
      assert.equal(moved.data.from_handler_id, users.kongshen);
      assert.equal(moved.data.handler_id, users.leader);
      // the first handler still finds it as theirs
      const mine = (await kongshen.get('/api/v1/petitions?scope=mine&limit=100')).body.items;
      assert.ok(mine.some((x) => x.id === p.id));

      // the result reply within 3 months, then two monthly follow-ups: the third follow-up runs
      for (const [on, kind] of [['2025-12-10', 'progress'], ['2026-01-20', 'followup'], ['2026-02-12', 'followup']]) {
        res = await ev(leader, p.id, { kind: 'reply', on, reply_kind: kind, channel: 'in_person',
          content: `${on} 当面答复办理进展。` });
        assert.equal(res.status, 201, res.text);
      }
      now = res.body;
      assert.equal(dl(now, 'petition_result').closed_on, '2025-12-10');
      assert.equal(dl(now, 'petition_followup', 1).due_on, '2026-01-26', '2026-01-24 is a Saturday');
      assert.equal(dl(now, 'petition_followup', 1).closed_on, '2026-01-20');
      assert.equal(dl(now, 'petition_followup', 2).due_on, '2026-02-24');
      assert.equal(dl(now, 'petition_followup', 2).closed_on, '2026-02-12');
      assert.equal(dl(now, 'petition_followup', 3).due_on, '2026-03-24');
      assert.equal(dl(now, 'petition_followup', 3).status, 'open');
      assert.equal(now.replies.length, 4);
      assert.equal(now.replies[1].user_id, users.leader);
      assert.equal(now.overdue, true, 'the third follow-up ran out');

      // closure: after the last reply, with satisfaction and 息诉罢访
      assertError(await ev(leader, p.id, { kind: 'close', on: '2026-02-11', satisfaction: 'satisfied', ceased: true }),
        422, 'rule_violated', 'on');
      res = await ev(leader, p.id, { kind: 'close', on: '2026-03-01', satisfaction: 'satisfied', ceased: true });
      assert.equal(res.status, 201, res.text);
      now = res.body;
      assert.equal(now.state, 'closed');
      assert.equal(now.satisfaction, 'satisfied');
      assert.equal(now.ceased, true);
      assert.equal(dl(now, 'petition_followup', 3).closed_on, '2026-03-01');
      assert.ok(now.deadlines.every((d) => d.status === 'closed'));
      assert.equal(now.overdue, false);
      assertError(await ev(leader, p.id, { kind: 'risk', risk_level: 'high', risk_reason: '再次' }), 409, 'conflict');
      const audits = (await leader.get(`/api/v1/audit?entity=petition&entity_id=${p.id}&limit=50`)).body.items;
      assert.ok(audits.some((a) => a.action === 'petition.close'));
      assert.ok(audits.some((a) => a.action === 'petition.handler'));
    });

  test('转办 with its date and receipt; 不予受理 with a reason; 涉法涉诉 routed to a case', async () => {
    const t = await create(visit({ petitioners: [{ organisation: '缙云县某某建材有限公司', name: '赵经理' }],
      category: 'report', matter: '举报某村干部侵占集体资金。' }));
    assert.equal(t.petitioner, '缙云县某某建材有限公司');
    let res = await ev(kongshen, t.id, { kind: 'transfer', on: '2025-09-25', agency_name: '缙云县纪委监委',
      receipt: '缙纪收〔2025〕12号' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.state, 'transferred');
    assert.equal(res.body.transfer_agency_name, '缙云县纪委监委');
    assert.equal(res.body.transfer_receipt, '缙纪收〔2025〕12号');
    assert.equal(dl(res.body, 'petition_result').status, 'closed', 'a transferred matter owes no result reply here');
    const r = await create(visit({ petitioners: [{ name: '钱七' }], category: 'legal_advice' }));
    assertError(await ev(kongshen, r.id, { kind: 'reject', on: '2025-09-25' }), 400, undefined, 'reason');
    res = await ev(kongshen, r.id, { kind: 'reject', on: '2025-09-25', reason: '不属于检察机关管辖' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.reject_reason, '不属于检察机关管辖');
    const l = await create(visit({ petitioners: [{ name: '孙八' }], category: 'criminal_appeal' }));
    assertError(await ev(kongshen, l.id, { kind: 'litigation', on: '2025-09-25', case_id: 99999 }), 422,
      'rule_violated', 'case_id');
    res = await ev(kongshen, l.id, { kind: 'litigation', on: '2025-09-25', case_id: caseId });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.state, 'litigation');
    assert.equal(res.body.case_id, caseId);
    assert.ok(res.body.cases.some((c) => c.id === caseId));
  });
});

describe('领导包案', () => {
  test('a leader, a responsible person, a plan and dated progress notes; on the leader\'s home page', async () => {
    const p = await create(visit({ petitioners: [{ name: '冯十二' }], category: 'criminal_appeal',
      matter: '多年申诉未果的积案。', risk_level: 'high', risk_reason: '多次越级上访' }));
    const plan = { kind: 'plan', on: '2025-10-08', leader_id: users.leader, responsible_id: users.kongshen,
      plans: ['handle', 'cease'] };
    await refused(p, () => ev(kongshen, p.id, { ...plan, leader_id: undefined }), 400, 'validation_failed',
      'leader_id');
    await refused(p, () => ev(kongshen, p.id, { ...plan, leader_id: users.kongshen }), 422, 'rule_violated',
      'leader_id');
    await refused(p, () => ev(kongshen, p.id, { ...plan, plans: ['pray'] }), 400, undefined, 'plans');
    await refused(p, () => ev(kongshen, p.id, { kind: 'progress', on: '2025-10-09', note: '约谈' }), 409, 'conflict');
    let res = await ev(kongshen, p.id, plan);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.lead.leader_id, users.leader);
    assert.equal(res.body.lead.responsible_id, users.kongshen);
    assert.deepEqual(res.body.lead.plans, ['handle', 'cease']);
    assert.equal(res.body.actions.find((a) => a.kind === 'plan').enabled, false);
    assertError(await ev(kongshen, p.id, plan), 409, 'conflict');
    for (const [on, note] of [['2025-10-15', '检察长接访，释法说理'], ['2025-11-20', '组织公开听证前的沟通']]) {
      res = await ev(leader, p.id, { kind: 'progress', on, note });
      assert.equal(res.status, 201, res.text);
    }
    const notes = res.body.events.filter((e) => e.kind === 'progress');
    assert.deepEqual(notes.map((e) => e.on), ['2025-10-15', '2025-11-20']);
    assert.equal(notes[1].data.note, '组织公开听证前的沟通');
    const led = (await leader.get('/api/v1/petitions?lead=mine&limit=100')).body.items;
    assert.ok(led.some((x) => x.id === p.id));
    assertError(await leader.get('/api/v1/petitions?lead=yours'), 400, undefined, 'lead');
    const q = Object.fromEntries((await leader.get('/api/v1/work')).body.queues.map((x) => [x.key, x]));
    assert.ok(q.led_petitions.items.some((x) => x.id === p.id), JSON.stringify(Object.keys(q)));
    assert.deepEqual(q.led_petitions.filter, { lead: 'mine', state: 'open' });
    assert.ok(q.high_risk_petitions.items.some((x) => x.id === p.id));
    const audits = (await leader.get(`/api/v1/audit?entity=petition&entity_id=${p.id}&limit=50`)).body.items;
    assert.ok(audits.some((a) => a.action === 'petition.plan') && audits.some((a) => a.action === 'petition.progress'));
  });
});

describe('repeat petitions', () => {
  test('the same ID number is linked at intake; the same name and phone only shown as a candidate', async () => {
    const first = await create(visit({ petitioners: [{ name: '周九', id_number: ID_B, phone: '13700000007' }] }));
    // before intake, the clerk looks up the petitioner (a 15-digit or lower-case form is the same number)
    const look = await kongshen.get(`/api/v1/petitions/repeats?id_number=${ID_B.toLowerCase()}`);
    assert.equal(look.status, 200, look.text);
    assert.ok(look.body.items.some((x) => x.petition_id === first.id && x.basis === 'id_number'));
    assertError(await kongshen.get(`/api/v1/petitions/repeats?id_number=${badCheck(ID_B)}`), 400, undefined,
      'id_number');
    const again = await create(visit({ received_on: '2025-10-20',
      petitioners: [{ name: '周九', id_number: ID_B, phone: '13700000007' }] }));
    assert.equal(again.repeat_of, first.id);
    assert.equal(again.repeat_basis, 'id_number');
    assert.ok(again.repeats.some((x) => x.petition_id === first.id));
    assert.ok((await get(first.id)).repeats.some((x) => x.petition_id === again.id), 'shown on the first one too');
    const cand = await create(visit({ received_on: '2025-10-21', petitioners: [{ name: '周九', phone: '13700000007' }] }));
    assert.equal(cand.repeat_of, null, 'a name and a phone are never merged without a human');
    assert.ok(cand.repeats.some((x) => x.petition_id === first.id && x.basis === 'name_phone'));
    const confirmed = await create(visit({ received_on: '2025-10-22', repeat_of: first.id,
      petitioners: [{ name: '周九', phone: '13700000007' }] }));
    assert.equal(confirmed.repeat_of, first.id);
    assert.equal(confirmed.repeat_basis, 'confirmed');
    const list = (await kongshen.get('/api/v1/petitions?repeat=true&limit=100')).body.items;
    assert.ok(list.some((x) => x.id === again.id) && list.every((x) => x.repeat_of !== null));
  });
});

describe('bad input: a 4xx naming the field, nothing written', () => {
  test('intake', async () => {
    await refused(null, () => kongshen.post('/api/v1/petitions', visit({ petitioners: [{ name: '甲', id_number:
      badCheck(ID_A) }] })), 400, 'validation_failed', 'petitioners.0.id_number');
    await refused(null, () => kongshen.post('/api/v1/petitions', visit({ petitioners: [{ phone: '13800000000' }] })),
      400, 'validation_failed', 'petitioners.0.name');
    await refused(null, () => kongshen.post('/api/v1/petitions', visit({ petitioners: [{ name: '甲' },
      { organisation: '某公司', credit_code: '91330000MA2XXXXXX0' }] })), 400, 'validation_failed',
    'petitioners.1.credit_code');
    await refused(null, () => kongshen.post('/api/v1/petitions', visit({ petitioners: [] })), 400, undefined,
      'petitioners');
    await refused(null, () => kongshen.post('/api/v1/petitions', visit({ channel: 'fax' })), 400, undefined, 'channel');
    await refused(null, () => kongshen.post('/api/v1/petitions', visit({ received_on: '2099-01-01' })), 422,
      'rule_violated', 'received_on');
    await refused(null, () => kongshen.post('/api/v1/petitions', visit({ risk_level: 'high' })), 400, undefined,
      'risk_reason');
    await refused(null, () => kongshen.post('/api/v1/petitions', visit({ first_handler_id: 999999 })), 422,
      'rule_violated', 'first_handler_id');
    await refused(null, () => kongshen.post('/api/v1/petitions', visit({ petitioners: [{ name: '𠀀'.repeat(51) }] })),
      400, undefined, 'petitioners.0.name');
    const ok = await create(visit({ petitioners: [{ name: '𠀀'.repeat(50), phone: '13600000000' }] }));
    assert.equal(ok.petitioners[0].name, '𠀀'.repeat(50));
  });

  test('steps', async () => {
    const p = await create(visit({ petitioners: [{ name: '吴十' }] }));
    await refused(p, () => ev(kongshen, p.id, { kind: 'reply', on: '2025-09-23', reply_kind: 'procedural',
      channel: 'phone', content: '答复' }), 422, 'rule_violated', 'on');
    await refused(p, () => ev(kongshen, p.id, { kind: 'close', on: '2025-10-01', satisfaction: 'satisfied',
      ceased: false }), 422, 'rule_violated', 'replies');
    await refused(p, () => ev(kongshen, p.id, { kind: 'reply', on: '2025-09-25', reply_kind: 'final',
      channel: 'phone', content: '答复' }), 400, undefined, 'reply_kind');
    await refused(p, () => ev(kongshen, p.id, { kind: 'accept', on: '2025-09-25' }), 400, undefined, 'department_id');
    await refused(p, () => ev(kongshen, p.id, { kind: 'transfer', on: '2025-09-25' }), 400, undefined, 'agency_id');
    await refused(p, () => ev(kongshen, p.id, { kind: 'risk', risk_level: 'high' }), 400, undefined, 'risk_reason');
    await refused(p, () => ev(kongshen, p.id, { kind: 'fly', on: '2025-09-25' }), 400, undefined, 'kind');
    await refused(p, () => ev(kongshen, p.id, { kind: 'reject', on: '2025-09-25', reason: '理由', content: 'x' }), 400,
      undefined, 'content');
    const a = p.actions.find((x) => x.kind === 'close');
    assert.equal(a.enabled, false);
  });
});

describe('permissions and isolation', () => {
  test('who reads and who handles; another office gets 404', async () => {
    const p = await create(visit({ petitioners: [{ name: '郑十一' }] }));
    assertError(await prosecutor.get('/api/v1/petitions'), 403, 'forbidden');
    assertError(await prosecutor.get(`/api/v1/petitions/${p.id}`), 403, 'forbidden');
    assert.equal((await buzhang.get(`/api/v1/petitions/${p.id}`)).status, 200, 'a department head reads');
    assert.equal((await anguan.get('/api/v1/petitions')).status, 200, '案管 reads');
    assertError(await buzhang.post('/api/v1/petitions', visit()), 403, 'forbidden');
    assertError(await otherChief.get(`/api/v1/petitions/${p.id}`), 404, 'not_found');
    assertError(await ev(otherChief, p.id, { kind: 'risk', risk_level: 'high', risk_reason: '测试' }), 404,
      'not_found');
    assert.equal((await otherChief.get('/api/v1/petitions')).body.total, 0);
    assert.equal((await leader.get(`/api/v1/petitions/${p.id}`)).status, 200);
  });

  test('the list filters and exports to Excel', async () => {
    const res = await kongshen.get('/api/v1/petitions?state=open&channel=visit&category=complaint&limit=100');
    assert.equal(res.status, 200, res.text);
    assert.ok(res.body.items.length > 0);
    assert.ok(res.body.items.every((x) => x.state !== 'closed' && x.channel === 'visit' && x.category === 'complaint'));
    assertError(await kongshen.get('/api/v1/petitions?state=nope'), 400, undefined, 'state');
    const over = (await kongshen.get('/api/v1/petitions?overdue=true&limit=100')).body.items;
    assert.ok(over.length > 0 && over.every((x) => x.overdue === true));
    const x = await kongshen.get('/api/v1/petitions/export.xlsx?state=closed');
    assert.equal(x.status, 200, x.text);
    const file = path.join(dir, 'petitions.xlsx');
    fs.writeFileSync(file, x.raw);
    const r = spawnSync('/usr/bin/python3', [path.join(REPO, 'tests/api/xlsx_read.py'), file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const book = JSON.parse(r.stdout);
    const [head, ...rows] = book.sheets[0].rows;
    const col = (name) => head.findIndex((c) => c.v === name);
    assert.ok(col('首办责任人') >= 0, JSON.stringify(head));
    assert.ok(rows.length >= 1);
    assert.ok(rows.every((row) => row[col('状态')].v === '已办结'));
  });
});

describe('statistics', () => {
  test('7-day and 3-month reply rates, repeat rate and 包案 resolution rate, by channel and by category', async () => {
    for (const by of ['channel', 'category']) {
      const res = await leader.get(`/api/v1/petitions/stats?by=${by}`);
      assert.equal(res.status, 200, res.text);
      const { items, total } = res.body;
      assert.equal(res.body.by, by);
      assert.equal(items.reduce((s, x) => s + x.total, 0), total.total);
      assert.equal(total.total, await listTotal());
      for (const x of [...items, total]) {
        assert.ok(x.procedural_met <= x.procedural_due && x.result_met <= x.result_due && x.led_closed <= x.led);
        for (const k of ['procedural_rate', 'result_rate', 'repeat_rate', 'lead_resolution_rate']) {
          assert.ok(x[k] === null || (x[k] >= 0 && x[k] <= 1), `${k} ${x[k]}`);
        }
      }
      assert.ok(total.repeat >= 2, 'the two linked repeats of the repeat test');
      assert.ok(total.led >= 1);
      assert.ok(total.procedural_due > 0 && total.procedural_met >= 1);
    }
    const visit = (await leader.get('/api/v1/petitions/stats')).body.items.find((x) => x.key === 'visit');
    assert.ok(visit && visit.total > 0);
    assertError(await leader.get('/api/v1/petitions/stats?by=month'), 400, undefined, 'by');
    assertError(await prosecutor.get('/api/v1/petitions/stats'), 403, 'forbidden');
    assert.equal((await otherChief.get('/api/v1/petitions/stats')).body.total.total, 0);
  });
});
