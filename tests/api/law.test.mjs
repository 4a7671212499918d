// law.test.mjs: the hard cases of the law a review found wrong, through the real binary (DOMAIN.md 1.2, 1.3, 2, 2.1;
// the deadlines-and-approvals issue, section 3). Each test reproduces the wrong case and shows the right date or the
// 409 with the article. Decisions of the 权力清单 go through the approval queue as an office runs them: the
// prosecutor proposes, the 部门负责人 (buzhang) or the 检察长 (leader) approves on a legal date.
//
// World: the demo procuratorate without cases (`jianwu demo-data --cases 0`).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { assertError, auditVerify, cliOk, initDb, makeTempDir, rmTempDir, startServer, newDbTarget } from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, anguan, prosecutor, chief, head, depts, users;

/** A valid 18-digit 公民身份号码 for a birth date (GB 11643 check digit), region 110105, sequence 00N. */
function idFor(birth, seq = 1) {
  const body = `110105${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

let serial = 0;
/** A suspect (诈骗: not on the demo's fast-track list), with a fresh ID number unless given. */
function person(over = {}) {
  serial += 1;
  return { name: `嫌疑人${serial}`, id_number: idFor('1980-01-01', serial % 900 + 1), custody: 'bail', plea: false,
    sentence_band: '1_3y', charges: ['fraud'], ...over };
}

/** A case received on 2025-03-05; a coercive measure without a date is dated the receipt day. */
function newCase(over = {}) {
  const body = { case_type: 'prosecution_review', title: '诈骗案', source_agency: '缙云县公安局', received_on: '2025-03-05',
    department_id: depts['第一检察部'], assign: 'manual', prosecutor_id: users.prosecutor, persons: [person()], ...over };
  return { ...body, persons: body.persons.map((p) => (p.custody !== 'none' && p.custody_since === undefined
    ? { ...p, custody_since: body.received_on } : p)) };
}

async function register(body) {
  const res = await anguan.post('/api/v1/cases', body);
  assert.equal(res.status, 201, res.text);
  return res.body;
}

const event = (c, id, body) => c.post(`/api/v1/cases/${id}/events`, body);
const get = async (id) => (await prosecutor.get(`/api/v1/cases/${id}`)).body;

/** Proposed by the prosecutor (202), approved by `approver` on `legalOn` (default: the proposal's date). */
async function approved(id, body, approver, legalOn = body.on) {
  const res = await event(prosecutor, id, body);
  assert.equal(res.status, 202, res.text);
  const ok = await approver.post(`/api/v1/approvals/${res.body.approval.id}/approve`, { on: legalOn });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.status, 'approved');
  return get(id);
}

const review = (c, personId, seq = 1) =>
  c.deadlines.find((d) => d.kind === 'review' && d.person_id === personId && d.sequence === seq);
const kind = (c, k) => c.deadlines.filter((d) => d.kind === k);

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'law.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  server = await startServer(db);
  anguan = await server.client().loginOk('anguan', PW);
  prosecutor = await server.client().loginOk('prosecutor', PW);
  chief = await server.client().loginOk('leader', PW);
  head = await server.client().loginOk('buzhang', PW);
  depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('3.1 custody is judged on the day that matters', () => {
  test('a period that ran out in custody stays late when a release is recorded afterwards', async () => {
    const c = await register(newCase({ persons: [person({ custody: 'detained', custody_since: '2025-02-20' })] }));
    const p = c.persons[0].id;
    // 03-05 + 1 month = Sat 04-05 (清明), in custody: never moved
    assert.equal(review(c, p).due_on, '2025-04-05');
    assert.equal(review(c, p).custody_bound, true);
    const res = await event(prosecutor, c.id, { kind: 'custody', on: '2025-04-10', person_id: p, custody: 'bail' });
    assert.equal(res.status, 201, res.text);
    const d = review(res.body, p);
    assert.equal(d.due_on, '2025-04-05', 'a release after the due day must not move it');
    assert.equal(d.custody_bound, true);
    assert.equal(d.status, 'open');
    assert.equal(d.level, 'overdue');
  });

  test('a release before the nominal last day lets the period roll past the holiday', async () => {
    const c = await register(newCase({ persons: [person({ custody: 'detained', custody_since: '2025-02-20' })] }));
    const p = c.persons[0].id;
    const res = await event(prosecutor, c.id, { kind: 'custody', on: '2025-04-01', person_id: p, custody: 'bail' });
    assert.equal(res.status, 201, res.text);
    assert.equal(review(res.body, p).due_on, '2025-04-07');
    assert.equal(review(res.body, p).custody_bound, false);
    const hist = res.body.persons[0].custody_history.map((h) => `${h.custody}@${h.from_on}`);
    assert.deepEqual(hist, ['detained@2025-02-20', 'bail@2025-04-01']);
    // custody changes are kept in date order: an earlier one is refused
    assertError(await event(prosecutor, c.id, { kind: 'custody', on: '2025-03-20', person_id: p, custody: 'arrested' }),
      409, 'conflict', 'on');
  });
});

describe('3.2 an extension only while the period runs', () => {
  test('延长 dated after the due day is refused with the article; on the due day it is granted', async () => {
    const c = await register(newCase({ major_complex: true, received_on: '2025-09-01' }));
    const p = c.persons[0].id;
    // 09-01 + 1 month = 10-01 (国庆+中秋 10-01..10-08), not in custody: 10-09
    assert.equal(review(c, p).due_on, '2025-10-09');
    const late = await event(prosecutor, c.id, { kind: 'extend', on: '2025-10-10', reason: '案情重大复杂' });
    assertError(late, 409, 'conflict', 'on');
    assert.match(late.body.error.message, /届满.*第一百七十二条/);
    // proposed in time but signed by the 检察长 after the period ran out: refused on the legal date
    const prop = await event(prosecutor, c.id, { kind: 'extend', on: '2025-10-08', reason: '案情重大复杂' });
    assert.equal(prop.status, 202, prop.text);
    assertError(await chief.post(`/api/v1/approvals/${prop.body.approval.id}/approve`, { on: '2025-10-10' }),
      409, 'conflict', 'on');
    const ok = await chief.post(`/api/v1/approvals/${prop.body.approval.id}/approve`, { on: '2025-10-09' });
    assert.equal(ok.status, 200, ok.text);
    // 10-01 + 15 days = 10-16
    assert.equal(review(await get(c.id), p).due_on, '2025-10-16');
  });

  test('审查决定逮捕 of a detained suspect: +1 to 3 days in 特殊情况 (Rules 297), no 重大复杂 needed', async () => {
    const c = await register(newCase({ case_type: 'arrest_decision', received_on: '2025-09-21',
      persons: [person({ custody: 'detained', custody_since: '2025-09-20' })] }));
    const p = c.persons[0].id;
    assert.equal(review(c, p).due_on, '2025-09-28');
    assertError(await event(prosecutor, c.id, { kind: 'extend', on: '2025-09-25', reason: '特殊情况' }),
      400, 'validation_failed', 'days');
    assertError(await event(prosecutor, c.id, { kind: 'extend', on: '2025-09-25', reason: '特殊情况', days: 4 }),
      400, 'validation_failed', 'days');
    const after = await approved(c.id, { kind: 'extend', on: '2025-09-25', reason: '特殊情况', days: 2 }, chief);
    // Sun 09-21 + 7 + 2 = Tue 09-30, custody-bound
    assert.equal(review(after, p).due_on, '2025-09-30');
    assert.equal(review(after, p).extra_days, 2);
  });
});

describe('3.3 审查逮捕: the length is fixed at receipt', () => {
  test('not detained on receipt: 15 days, and a later detention never puts the due day before it', async () => {
    const c = await register(newCase({ case_type: 'arrest_review', received_on: '2025-03-05',
      persons: [person({ custody: 'bail', custody_since: '2025-02-01' })] }));
    const p = c.persons[0].id;
    assert.equal(review(c, p).due_on, '2025-03-20');
    const res = await event(prosecutor, c.id, { kind: 'custody', on: '2025-03-10', person_id: p, custody: 'detained' });
    assert.equal(res.status, 201, res.text);
    assert.equal(review(res.body, p).due_on, '2025-03-20', 'not 03-12 (7 days from receipt, before the detention)');
    assert.equal(review(res.body, p).length, '15d');
  });
});

describe('3.4 custody-bound per person', () => {
  test('a detained and a bailed suspect: each follows their own custody; the case shows the earliest', async () => {
    const c = await register(newCase({ persons: [person({ custody: 'detained', custody_since: '2025-02-20' }),
      person({ custody: 'bail' })] }));
    const [a, b] = c.persons.map((x) => x.id);
    assert.equal(review(c, a).due_on, '2025-04-05');
    assert.equal(review(c, b).due_on, '2025-04-07');
    assert.equal(c.next_due, '2025-04-05');
    // the detained one decided (起诉 needs no approval): the other no longer bound by them
    const res = await event(prosecutor, c.id, { kind: 'decide', on: '2025-03-20', person_id: a, decision: 'prosecute' });
    assert.equal(res.status, 201, res.text);
    assert.equal(review(res.body, a).status, 'closed');
    assert.equal(review(res.body, a).level, 'met');
    assert.equal(res.body.next_due, '2025-04-07');
    assert.equal(res.body.status, 'under_review');
  });
});

describe('3.5 不起诉 releases the suspect (CPL 178)', () => {
  test('the decision ends the custody record that day and says so on the timeline', async () => {
    const c = await register(newCase({ persons: [person({ custody: 'arrested', custody_since: '2025-02-20' })] }));
    const p = c.persons[0].id;
    const after = await approved(c.id, { kind: 'decide', on: '2025-03-25', person_id: p, decision: 'non_prosecution',
      non_prosecution_type: 'discretionary', reason: '犯罪情节轻微' }, chief);
    assert.equal(after.persons[0].custody, 'released');
    assert.equal(after.persons[0].custody_since, '2025-03-25');
    const note = after.events.find((e) => e.kind === 'custody_released');
    assert.ok(note, 'custody_released on the timeline');
    assert.match(note.data.rule, /第一百七十八条/);
    assert.equal(after.status, 'concluded');
    // the parties' 7 days to complain (CPL 180 victim; CPL 181 for 酌定不诉), lapsing periods
    assert.equal(kind(after, 'complaint_victim')[0].due_on, '2025-04-01');
    assert.equal(kind(after, 'complaint_suspect')[0].due_on, '2025-04-01');
    assert.equal(kind(after, 'complaint_victim')[0].level, 'lapsed');
    // a lapsed party period is no office deadline: not overdue in the case list
    const list = (await anguan.get('/api/v1/cases?overdue=true&limit=200')).body.items.map((x) => x.id);
    assert.ok(!list.includes(c.id) || after.deadlines.some((d) => d.level === 'overdue'));
  });
});

describe('3.6 速裁 follows eligibility (Rules 273)', () => {
  test('withdrawing 认罪认罚 ends 速裁: 1 month from receipt, logged with the article', async () => {
    const c = await register(newCase({ persons: [person({ charges: ['dangerous_driving'], sentence_band: 'under_1y',
      plea: true })] }));
    assert.equal(c.summary_procedure, true);
    const p = c.persons[0].id;
    // 速裁: 10 days from 03-05 = Sat 03-15 -> Mon 03-17
    assert.equal(review(c, p).due_on, '2025-03-17');
    // the case went to the fast-track team; 案管 records the change the team reports
    const res = await anguan.put(`/api/v1/cases/${c.id}/persons/${p}`, { plea: false });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.summary_procedure, false);
    assert.equal(review(res.body, p).due_on, '2025-04-07');
    assert.equal(review(res.body, p).length, '1m');
    const note = res.body.events.find((e) => e.kind === 'summary_ended');
    assert.ok(note);
    assert.match(note.data.rule, /第二百七十三条/);
  });

  test('a likely sentence over three years ends 速裁 too', async () => {
    const c = await register(newCase({ persons: [person({ charges: ['theft'], sentence_band: 'under_1y', plea: true })] }));
    assert.equal(c.summary_procedure, true);
    const res = await anguan.put(`/api/v1/cases/${c.id}/persons/${c.persons[0].id}`, { sentence_band: '3_10y' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.summary_procedure, false);
  });
});

describe('3.7 附条件不起诉 (CPL 282-284)', () => {
  test('only for a suspect under 18 at the time of the offence', async () => {
    const c = await register(newCase());
    const p = c.persons[0].id; // born 1980
    const res = await event(prosecutor, c.id, { kind: 'decide', on: '2025-03-20', person_id: p,
      decision: 'non_prosecution', non_prosecution_type: 'conditional', offence_on: '2025-01-10', probation_months: 6,
      reason: '认罪悔罪' });
    assertError(res, 409, 'conflict', 'offence_on');
    assert.match(res.body.error.message, /十八周岁.*第二百八十二条/);
  });

  test('opens the probation as a deadline; the case concludes with the final decision after it', async () => {
    const c = await register(newCase({ persons: [person({ id_number: idFor('2008-06-01', 7) })] }));
    const p = c.persons[0].id;
    assertError(await event(prosecutor, c.id, { kind: 'decide', on: '2025-06-10', person_id: p,
      decision: 'non_prosecution', non_prosecution_type: 'conditional', offence_on: '2025-01-10', probation_months: 13,
      reason: '认罪悔罪' }), 409, 'conflict', 'probation_months');
    let k = await approved(c.id, { kind: 'decide', on: '2025-06-10', person_id: p, decision: 'non_prosecution',
      non_prosecution_type: 'conditional', offence_on: '2025-01-10', probation_months: 6, reason: '未成年人认罪悔罪' },
    chief);
    assert.equal(k.status, 'under_review', 'not concluded at the 附条件 decision');
    assert.equal(k.persons[0].probation_months, 6);
    const prob = kind(k, 'probation')[0];
    assert.equal(prob.due_on, '2025-12-10');
    assert.equal(prob.status, 'open');
    assert.equal(review(k, p).status, 'closed');
    assert.ok(k.prompts.some((m) => /第二百八十四条/.test(m)), 'the probation is over: the final decision is due');
    // 不起诉 as the final decision only once the probation has run
    assertError(await event(prosecutor, c.id, { kind: 'decide', on: '2025-12-09', person_id: p,
      decision: 'non_prosecution', non_prosecution_type: 'conditional', reason: '考验期满' }), 409, 'conflict', 'on');
    k = await approved(c.id, { kind: 'decide', on: '2025-12-10', person_id: p, decision: 'non_prosecution',
      non_prosecution_type: 'conditional', reason: '考验期满，没有违反规定' }, chief);
    assert.equal(k.status, 'concluded');
    assert.equal(k.concluded_on, '2025-12-10');
    assert.equal(k.persons[0].final_decision, 'non_prosecution');
    assert.equal(kind(k, 'probation')[0].level, 'met');
  });
});

describe('3.8 the procedures a prosecutor needs', () => {
  test('中止审查 stops one person\'s clock; resumption carries the days left over', async () => {
    const c = await register(newCase({ persons: [person(), person()] }));
    const [a, b] = c.persons.map((x) => x.id);
    let k = await approved(c.id, { kind: 'suspend', on: '2025-03-10', person_id: a, reason: '犯罪嫌疑人在逃' }, chief);
    assert.equal(review(k, a).status, 'suspended');
    assert.equal(review(k, a).level, 'suspended');
    assert.equal(review(k, a).due_on, null);
    assert.equal(review(k, a).days_left, 26);
    assert.equal(review(k, b).due_on, '2025-04-07', 'co-defendants continue');
    assertError(await event(prosecutor, c.id, { kind: 'decide', on: '2025-03-20', person_id: a, decision: 'prosecute' }),
      409, 'conflict', 'person_id');
    const res = await event(prosecutor, c.id, { kind: 'resume', on: '2025-03-25', person_id: a });
    assert.equal(res.status, 201, res.text);
    // 15 days stood still: 04-05 + 15 = Sun 04-20 -> Mon 04-21
    assert.equal(review(res.body, a).due_on, '2025-04-21');
    assert.equal(review(res.body, a).stop_days, 15);
    assert.equal(res.body.persons.find((x) => x.id === a).clock_stops.length, 1);
    const sus = (await anguan.get('/api/v1/deadlines?scope=office&level=suspended')).body;
    assert.ok(sus.items.every((d) => d.status === 'suspended'));
  });

  test('精神病鉴定: the span does not count (CPL 149)', async () => {
    const c = await register(newCase());
    const p = c.persons[0].id;
    const res = await event(prosecutor, c.id, { kind: 'assessment', on: '2025-03-10', until: '2025-03-19', person_id: p,
      reason: '精神病鉴定' });
    assert.equal(res.status, 201, res.text);
    assert.equal(review(res.body, p).due_on, '2025-04-15');
    assertError(await event(prosecutor, c.id, { kind: 'assessment', on: '2025-03-25', until: '2025-03-20',
      person_id: p, reason: 'x' }), 400, 'validation_failed', 'until');
  });

  test('撤案: the police withdraw a returned case they never resubmitted; Rules 347 prompts first', async () => {
    const c = await register(newCase());
    let k = await approved(c.id, { kind: 'return', on: '2025-03-20', reason: '证据不足' }, head);
    assert.equal(k.status, 'returned');
    assert.ok(k.prompts.some((m) => /第三百四十七条/.test(m)), 'the police month (to 04-21) has passed');
    assertError(await event(prosecutor, c.id, { kind: 'police_withdraw', on: '2025-03-19', reason: '撤案' }),
      409, 'conflict', 'on');
    const res = await event(prosecutor, c.id, { kind: 'police_withdraw', on: '2025-05-06', reason: '公安机关撤销案件' });
    assert.equal(res.status, 201, res.text);
    k = res.body;
    assert.equal(k.status, 'concluded');
    assert.equal(k.conclusion, 'withdrawn');
    assert.equal(kind(k, 'supplementary')[0].status, 'closed');
    assert.equal(kind(k, 'archiving')[0].due_on, '2025-06-06');
  });

  test('after the second return CPL 175(4) prompts for 存疑不诉; Rules 328 for a case outside the jurisdiction', async () => {
    const c = await register(newCase());
    await approved(c.id, { kind: 'return', on: '2025-03-20', reason: '一退' }, head);
    await event(prosecutor, c.id, { kind: 'resubmit', on: '2025-04-10' });
    await approved(c.id, { kind: 'return', on: '2025-04-20', reason: '二退' }, head);
    const k = (await event(prosecutor, c.id, { kind: 'resubmit', on: '2025-05-10' })).body;
    assert.ok(k.prompts.some((m) => /第一百七十五条第四款/.test(m)));
    const j = await register(newCase());
    let res = await event(prosecutor, j.id, { kind: 'jurisdiction', on: '2025-03-10', reason: '犯罪地不在本县' });
    assert.equal(res.status, 201, res.text);
    assert.ok(res.body.prompts.some((m) => /第三百二十八条/.test(m)));
    // 03-10 + 5 = Sat 03-15 -> Mon 03-17
    assert.equal(kind(res.body, 'jurisdiction_transfer')[0].due_on, '2025-03-17');
    res = await event(anguan, j.id, { kind: 'transfer', on: '2025-03-14', to_agency: '丽水市莲都区人民检察院' });
    assert.equal(res.status, 201, res.text);
    assert.equal(kind(res.body, 'jurisdiction_transfer')[0].level, 'met');
  });

  test('a second judgment is an appeal or retrial event, never a silent overwrite; 撤回起诉 only before it', async () => {
    const c = await register(newCase());
    const p = c.persons[0].id;
    await event(prosecutor, c.id, { kind: 'decide', on: '2025-03-20', person_id: p, decision: 'prosecute' });
    const j = { kind: 'judgment', on: '2025-05-10', person_id: p, sentence: '有期徒刑一年', recommendation_adopted: true,
      consistent: true };
    assert.equal((await event(prosecutor, c.id, j)).status, 201);
    const again = await event(prosecutor, c.id, { ...j, on: '2025-07-10', sentence: '有期徒刑十个月' });
    assertError(again, 409, 'conflict', 'instance');
    const appeal = await event(prosecutor, c.id, { ...j, on: '2025-07-10', sentence: '有期徒刑十个月', instance: 'appeal' });
    assert.equal(appeal.status, 201, appeal.text);
    assert.equal(appeal.body.persons[0].judgment.instance, 'appeal');
    assert.equal(appeal.body.events.filter((e) => e.kind === 'judgment').length, 2, 'both judgments on the timeline');
    assertError(await event(prosecutor, c.id, { kind: 'withdraw_prosecution', on: '2025-07-11', person_id: p,
      reason: 'x' }), 409, 'conflict');
  });

  test('the case page lists what can be done, each refusal with its reason', async () => {
    const c = await register(newCase());
    const byKind = Object.fromEntries(c.actions.map((a) => [a.kind, a]));
    assert.equal(byKind.return.enabled, true);
    assert.equal(byKind.archive.enabled, false);
    assert.match(byKind.archive.why, /审结/);
    assert.equal(byKind.extend.enabled, false);
    assert.match(byKind.extend.why, /重大、复杂/);
    assert.equal(byKind.police_withdraw.enabled, false);
  });
});
