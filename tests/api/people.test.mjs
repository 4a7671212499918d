// people.test.mjs: the people capability through the real binary (issue 14; DOMAIN.md 0.5): a 小轮岗 schedule
// generated across 劳动节 and 国庆 on the legal calendar, a stint that overlaps another refused, the stint evaluation by
// the department head only, the final assignment; the growth archive (own, others', performance from the cases);
// 主副岗 evaluated by its 培养责任人 only; the mentor pool, pairings, the missed-talk reminder, a talk in the future
// refused, the fourth-quarter 示范 warning; courses with attendance and hours per person, negative hours refused;
// the restricted 廉政 records (404 to every other role, absent from every list, each read audited). Every refusal
// names the field and writes nothing. Runs on SQLite, or on PostgreSQL with JIANWU_TEST_PG set.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { addOrg, addUser, assertError, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, rmTempDir, startServer } from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, c, depts, users, otherChief;

const chinaDate = (deltaDays = 0) => new Date(Date.now() + 8 * 3600e3 + deltaDays * 86400e3).toISOString().slice(0, 10);
const auditTotal = async (entity) => (await c.leader.get(`/api/v1/audit?entity=${entity}&limit=1`)).body.total;

/* Asserts that the refused write wrote nothing: the audit rows of the entity and what fn reads are unchanged. */
async function refused(entity, read, res, status, code, field) {
  const before = await read();
  const audits = await auditTotal(entity);
  assertError(await res(), status, code, field);
  assert.deepEqual(await read(), before, 'nothing written');
  assert.equal(await auditTotal(entity), audits, 'no audit row');
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'people.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_chief', role: 'leader', password: PW });
  server = await startServer(db);
  const logins = ['zhengzhi', 'leader', 'buzhang', 'erbu', 'prosecutor', 'prosecutor2', 'assistant', 'anguan', 'xingjian',
    'kongshen', 'clerk', 'hujc'];
  c = Object.fromEntries(await Promise.all(logins.map(async (l) => [l, await server.client().loginOk(l, PW)])));
  otherChief = await server.client().loginOk('other_chief', PW);
  depts = Object.fromEntries((await c.anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await c.anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('小轮岗', () => {
  let plan;
  test('a schedule of 4-month stints generated on the legal calendar, across 劳动节 and 国庆', async () => {
    const res = await c.zhengzhi.post('/api/v1/rotation-plans', { user_id: users.assistant, start_on: '2025-01-02',
      stints: [{ department_id: depts['第一检察部'], head_id: users.buzhang },
        { department_id: depts['第二检察部'], head_id: users.erbu },
        { department_id: depts['第一检察部'], head_id: users.buzhang }] });
    assert.equal(res.status, 201, res.text);
    plan = res.body;
    assert.equal(plan.stint_months, 4);
    assert.deepEqual(plan.stints.map((s) => [s.start_on, s.end_on]), [
      ['2025-01-02', '2025-05-06'], // 2025-05-01 is 劳动节 (05-01..05-05)
      ['2025-05-07', '2025-09-08'], // 09-06 is a Saturday
      ['2025-09-09', '2026-01-08']]);
    assert.equal(plan.stints[1].head_name, '韩部长');
    // a stint ending on 国庆 moves to 10-09; the next starts on 10-10
    const res2 = await c.zhengzhi.post('/api/v1/rotation-plans', { user_id: users.clerk, start_on: '2025-06-02',
      stints: [{ department_id: depts['第一检察部'], head_id: users.buzhang }, { department_id: depts['第二检察部'], head_id: users.erbu }] });
    assert.equal(res2.status, 201, res2.text);
    assert.deepEqual(res2.body.stints.map((s) => s.start_on), ['2025-06-02', '2025-10-10']);
    assert.equal(res2.body.stints[0].end_on, '2025-10-09');
  });

  test('a stint that overlaps another is refused naming start_on, nothing written', async () => {
    const read = async () => (await c.zhengzhi.get(`/api/v1/rotation-plans/${plan.id}`)).body;
    await refused('rotation_stint', read, () => c.zhengzhi.post(`/api/v1/rotation-plans/${plan.id}/stints`,
      { department_id: depts['第二检察部'], head_id: users.erbu, start_on: '2025-05-01', end_on: '2025-06-30' }),
    422, 'rule_violated', 'start_on');
    // a whole new plan overlapping the first is refused too
    const plans = async () => (await c.zhengzhi.get(`/api/v1/rotation-plans?user_id=${users.assistant}`)).body;
    await refused('rotation_plan', plans, () => c.zhengzhi.post('/api/v1/rotation-plans', { user_id: users.assistant,
      start_on: '2025-12-01', stints: [{ department_id: depts['第一检察部'], head_id: users.buzhang }] }),
    422, 'rule_violated', 'start_on');
    // the day after the last stint is free
    const ok = await c.zhengzhi.post(`/api/v1/rotation-plans/${plan.id}/stints`,
      { department_id: depts['第二检察部'], head_id: users.erbu, start_on: '2026-01-09', end_on: '2026-03-31' });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.stints.length, 4);
    // bad input: end before start, a bad date, a department of nowhere
    assertError(await c.zhengzhi.post(`/api/v1/rotation-plans/${plan.id}/stints`, { department_id: depts['第二检察部'],
      head_id: users.erbu, start_on: '2027-01-09', end_on: '2027-01-01' }), 400, 'validation_failed', 'end_on');
    assertError(await c.zhengzhi.post('/api/v1/rotation-plans', { user_id: users.assistant, start_on: '2025-02-30',
      stints: [{ department_id: depts['第一检察部'], head_id: users.buzhang }] }), 400, 'validation_failed', 'start_on');
    assertError(await c.zhengzhi.post('/api/v1/rotation-plans', { user_id: users.assistant, start_on: '2027-02-01',
      stints: [{ department_id: 999999, head_id: users.buzhang }] }), 422, 'rule_violated', 'stints[0].department_id');
    assertError(await c.zhengzhi.post('/api/v1/rotation-plans', { user_id: users.assistant, start_on: '2027-02-01',
      stint_months: 0, stints: [{ department_id: depts['第一检察部'], head_id: users.buzhang }] }), 400, 'validation_failed', 'stint_months');
  });

  test('only the department head evaluates a stint; a reminder until then', async () => {
    const stint = plan.stints[0];
    const reminders = async (cl) => (await cl.get('/api/v1/people/reminders')).body.items;
    assert.ok((await reminders(c.buzhang)).some((r) => r.kind === 'stint_evaluation' && r.entity_id === plan.id));
    assert.ok(!(await reminders(c.erbu)).some((r) => r.kind === 'stint_evaluation' && r.due_on === stint.end_on && r.text.includes('第一检察部')));
    const read = async () => (await c.zhengzhi.get(`/api/v1/rotation-plans/${plan.id}`)).body;
    for (const who of ['erbu', 'zhengzhi', 'prosecutor']) {
      await refused('rotation_stint', read, () => c[who].post(`/api/v1/rotation-stints/${stint.id}/evaluation`,
        { rating: 'good', text: '表现良好' }), 403, 'not_responsible', 'evaluator');
    }
    await refused('rotation_stint', read, () => c.buzhang.post(`/api/v1/rotation-stints/${stint.id}/evaluation`,
      { rating: 'superb', text: '表现良好' }), 400, 'validation_failed', 'rating');
    await refused('rotation_stint', read, () => c.buzhang.post(`/api/v1/rotation-stints/${stint.id}/evaluation`,
      { rating: 'good', text: '表现良好', on: chinaDate(1) }), 400, 'validation_failed', 'on');
    const res = await c.buzhang.post(`/api/v1/rotation-stints/${stint.id}/evaluation`, { rating: 'excellent', text: '办案认真，文书规范' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.stints[0].rating, 'excellent');
    assert.equal(res.body.stints[0].evaluated_by, users.buzhang);
    assert.ok(!(await reminders(c.buzhang)).some((r) => r.kind === 'stint_evaluation' && r.due_on === stint.end_on));
    assertError(await otherChief.get(`/api/v1/rotation-plans/${plan.id}`), 404, 'not_found');
    assertError(await c.prosecutor.get(`/api/v1/rotation-plans/${plan.id}`), 403, 'forbidden');
    assert.equal((await c.assistant.get(`/api/v1/rotation-plans/${plan.id}`)).status, 200, 'one reads one\'s own plan');
  });

  test('the final assignment with its reasons and the 党组 decision date', async () => {
    const read = async () => (await c.zhengzhi.get(`/api/v1/rotation-plans/${plan.id}`)).body;
    await refused('rotation_plan', read, () => c.zhengzhi.put(`/api/v1/rotation-plans/${plan.id}/final`,
      { department_id: depts['第一检察部'], reasons: '评价优秀', party_decision_on: chinaDate(2) }), 400, 'validation_failed', 'party_decision_on');
    assertError(await c.leader.put(`/api/v1/rotation-plans/${plan.id}/final`,
      { department_id: depts['第一检察部'], reasons: '评价优秀', party_decision_on: '2026-01-20' }), 403, 'forbidden');
    const res = await c.zhengzhi.put(`/api/v1/rotation-plans/${plan.id}/final`,
      { department_id: depts['第一检察部'], reasons: '各部门评价优秀，擅长审查起诉', party_decision_on: '2026-01-20' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.final_department_name, '第一检察部');
    assert.equal(res.body.party_decision_on, '2026-01-20');
  });
});

describe('growth archive, 大轮岗 and 主副岗', () => {
  test('entries, the archive (own and others\'), performance from the cases', async () => {
    const post = (body) => c.zhengzhi.post(`/api/v1/people/${users.prosecutor}/entries`, body);
    assert.equal((await post({ kind: 'specialty', title: '𠀀'.repeat(200) })).status, 201, 'a 200-character title of 4-byte characters');
    assertError(await post({ kind: 'specialty', title: '𠀀'.repeat(201) }), 400, 'validation_failed', 'title');
    assertError(await post({ kind: 'hobby', title: '书法' }), 400, 'validation_failed', 'kind');
    assertError(await post({ kind: 'post', title: '员额检察官' }), 400, 'validation_failed', 'started_on');
    assertError(await post({ kind: 'evaluation', title: '年度考核', rating: 'good', started_on: '2025-12-30' }), 400, 'validation_failed', 'evaluator_id');
    assertError(await c.buzhang.post(`/api/v1/people/${users.prosecutor}/entries`, { kind: 'award', title: '办案能手' }), 403, 'forbidden');
    for (const body of [{ kind: 'post', title: '员额检察官', department_id: depts['第一检察部'], started_on: '2022-03-01' },
      { kind: 'award', title: '全市优秀公诉人', started_on: '2025-06-01' },
      { kind: 'achievement', title: '办理的危险驾驶案入选典型案例', started_on: '2025-09-01' },
      { kind: 'evaluation', title: '2025 年度考核', rating: 'excellent', evaluator_id: users.leader, started_on: '2025-12-30', body: '优秀' }]) {
      const res = await post(body);
      assert.equal(res.status, 201, res.text);
    }
    const mine = await c.prosecutor.get(`/api/v1/people/${users.prosecutor}/archive`);
    assert.equal(mine.status, 200, mine.text);
    assert.equal(mine.body.user.name, '李检察官');
    assert.deepEqual(mine.body.entries.map((x) => x.kind).sort(), ['achievement', 'award', 'evaluation', 'post', 'specialty']);
    assert.equal(mine.body.entries.find((x) => x.kind === 'evaluation').evaluator_name, '王检察长');
    assert.ok('on_time_rate' in mine.body.performance && Array.isArray(mine.body.performance.cases_by_type));
    assertError(await c.prosecutor2.get(`/api/v1/people/${users.prosecutor}/archive`), 403, 'forbidden');
    assert.equal((await c.buzhang.get(`/api/v1/people/${users.prosecutor}/archive`)).status, 200);
    assertError(await otherChief.get(`/api/v1/people/${users.prosecutor}/archive`), 404, 'not_found');
    // the 大轮岗 flag: the post held since 2022-03-01 has passed a 3-year cycle (and a 2-year one)
    const cyc = await c.leader.get('/api/v1/people/cycle?months=36');
    assert.equal(cyc.status, 200, cyc.text);
    const flagged = cyc.body.items.find((x) => x.user_id === users.prosecutor);
    assert.equal(flagged.cycle_reached_on, '2025-03-01');
    assertError(await c.leader.get('/api/v1/people/cycle?months=48'), 400, 'validation_failed', 'months');
    assertError(await c.prosecutor.get('/api/v1/people/cycle'), 403, 'forbidden');
  });

  test('主副岗: a 培养责任人 who alone evaluates it', async () => {
    const body = { user_id: users.prosecutor2, department_id: depts['第一检察部'], title: '未成年人检察副岗',
      responsible_id: users.buzhang, started_on: '2025-03-01' };
    assertError(await c.zhengzhi.post('/api/v1/secondary-posts', { ...body, responsible_id: users.prosecutor2 }), 400, 'validation_failed', 'responsible_id');
    const res = await c.zhengzhi.post('/api/v1/secondary-posts', body);
    assert.equal(res.status, 201, res.text);
    const read = async () => (await c.leader.get('/api/v1/secondary-posts')).body;
    await refused('staff_secondary', read, () => c.erbu.post(`/api/v1/secondary-posts/${res.body.id}/evaluation`,
      { rating: 'good', text: '尚可' }), 403, 'not_responsible', 'evaluator');
    const ok = await c.buzhang.post(`/api/v1/secondary-posts/${res.body.id}/evaluation`, { rating: 'good', text: '能独立办理未检案件' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.rating, 'good');
    const list = (await read()).items;
    assert.equal(list.find((x) => x.id === res.body.id).responsible_name, '冯部长');
  });
});

describe('导师制', () => {
  let pair;
  test('the pool and pairings; a mentor cannot pair with oneself', async () => {
    assertError(await c.zhengzhi.post('/api/v1/mentors', { user_id: users.hujc, fields: '审查起诉', admitted_on: chinaDate(1) }),
      400, 'validation_failed', 'admitted_on');
    const m = await c.zhengzhi.post('/api/v1/mentors', { user_id: users.hujc, fields: '审查起诉、出庭公诉', admitted_on: '2024-01-10' });
    assert.equal(m.status, 201, m.text);
    assertError(await c.zhengzhi.post('/api/v1/mentors', { user_id: users.hujc, fields: '审查起诉', admitted_on: '2024-01-10' }), 409, 'conflict', 'user_id');
    const read = async () => (await c.zhengzhi.get('/api/v1/mentors')).body;
    await refused('mentor_pair', read, () => c.zhengzhi.post('/api/v1/mentor-pairs',
      { mentor_id: users.hujc, mentee_id: users.hujc, started_on: '2025-01-01' }), 400, 'validation_failed', 'mentee_id');
    await refused('mentor_pair', read, () => c.zhengzhi.post('/api/v1/mentor-pairs',
      { mentor_id: users.prosecutor2, mentee_id: users.assistant, started_on: '2025-01-01' }), 422, 'rule_violated', 'mentor_id');
    const res = await c.zhengzhi.post('/api/v1/mentor-pairs', { mentor_id: users.hujc, mentee_id: users.assistant, started_on: chinaDate(-60) });
    assert.equal(res.status, 201, res.text);
    pair = res.body;
  });

  test('the missed-talk reminder, a talk in the future refused, a talk clearing the reminder', async () => {
    const missed = async (cl) => (await cl.get('/api/v1/people/reminders')).body.items.filter((r) => r.kind === 'talk_missed' && r.entity_id === pair.id);
    assert.equal((await missed(c.hujc)).length, 1, 'two months without a talk');
    assert.equal((await missed(c.zhengzhi)).length, 1, '政治部 sees the office\'s');
    assert.equal((await missed(c.prosecutor)).length, 0);
    // the same reminder is a line of the one feed, the bell (GET /api/v1/reminders), for whoever it concerns: the
    // mentor and 政治部 (who reads no case: the bell carries no deadline of theirs), not another prosecutor
    const bellLine = async (cl) => (await cl.get('/api/v1/reminders')).body;
    for (const who of ['hujc', 'zhengzhi']) {
      const b = await bellLine(c[who]);
      const line = b.items.find((d) => d.kind === 'talk_missed' && d.entity_id === pair.id);
      assert.ok(line, `${who}: ${JSON.stringify(b.items)}`);
      assert.equal(line.entity_kind, 'mentor_pair');
      assert.equal(line.kind_name, '导师谈心');
      assert.equal(line.level, line.due_on < chinaDate(0) ? 'overdue' : line.due_on === chinaDate(0) ? 'due' : 'warning');
      assert.match(line.subject, /未与.*谈心/);
      assert.ok(b.total >= b.items.length);
      for (let i = 1; i < b.items.length; i++) assert.ok(b.items[i - 1].due_on <= b.items[i].due_on, 'by due day');
    }
    assert.ok(!(await bellLine(c.prosecutor)).items.some((d) => d.kind === 'talk_missed' && d.entity_id === pair.id));
    const pairs = (await c.zhengzhi.get('/api/v1/mentors')).body.pairs;
    assert.equal(pairs.find((p) => p.id === pair.id).talk_missed, true);
    const read = async () => (await c.zhengzhi.get('/api/v1/mentors')).body;
    await refused('mentor_talk', read, () => c.hujc.post(`/api/v1/mentor-pairs/${pair.id}/talks`,
      { talked_on: chinaDate(1), note: '谈心' }), 422, 'rule_violated', 'talked_on');
    await refused('mentor_talk', read, () => c.hujc.post(`/api/v1/mentor-pairs/${pair.id}/talks`,
      { talked_on: chinaDate(-61), note: '谈心' }), 422, 'rule_violated', 'talked_on');
    await refused('mentor_talk', read, () => c.prosecutor.post(`/api/v1/mentor-pairs/${pair.id}/talks`,
      { talked_on: chinaDate(), note: '谈心' }), 403, 'forbidden');
    const t = await c.hujc.post(`/api/v1/mentor-pairs/${pair.id}/talks`, { talked_on: chinaDate(-40), note: '讨论审查报告写作' });
    assert.equal(t.status, 201, t.text);
    assert.equal((await missed(c.hujc)).length, 1, 'a talk 40 days ago still leaves a month without one');
    const t2 = await c.hujc.post(`/api/v1/mentor-pairs/${pair.id}/talks`, { talked_on: chinaDate(), note: '谈心：出庭准备' });
    assert.equal(t2.status, 201, t2.text);
    assert.equal((await missed(c.hujc)).length, 0);
    // and the bell's line goes with it
    assert.ok(!(await bellLine(c.hujc)).items.some((d) => d.kind === 'talk_missed' && d.entity_id === pair.id));
  });

  test('the fourth-quarter warning for a mentor without a 示范案件 or 示范干警', async () => {
    const year = Number(chinaDate().slice(0, 4));
    const inQ4 = Number(chinaDate().slice(5, 7)) >= 10;
    const mentor = async (y) => (await c.zhengzhi.get(`/api/v1/mentors?year=${y}`)).body.items.find((m) => m.user_id === users.hujc);
    // last year is over: a mentor with none that year is warned whatever today is
    assert.equal((await mentor(year - 1)).demo_warning, true);
    assert.equal((await mentor(year)).demo_warning, inQ4);
    const demo = async (cl) => (await cl.get('/api/v1/people/reminders')).body.items.filter((r) => r.kind === 'demo_missing');
    assert.equal((await demo(c.hujc)).length, inQ4 ? 1 : 0);
    const caseRes = await c.anguan.post('/api/v1/cases', { case_type: 'prosecution_review', title: '危险驾驶案',
      source_agency: '缙云县公安局交通警察大队', received_on: '2026-01-05', department_id: depts['第一检察部'], assign: 'manual',
      prosecutor_id: users.hujc, persons: [{ name: '张某', custody: 'bail', custody_since: '2026-01-05', plea: true,
        sentence_band: 'under_1y', charges: ['dangerous_driving'] }] });
    assert.equal(caseRes.status, 201, caseRes.text);
    assertError(await c.hujc.post('/api/v1/mentor-demos', { mentor_id: users.hujc, year, kind: 'case' }), 400, 'validation_failed', 'case_id');
    assertError(await c.prosecutor.post('/api/v1/mentor-demos', { mentor_id: users.hujc, year, kind: 'case', case_id: caseRes.body.id }), 403, 'forbidden');
    const d = await c.hujc.post('/api/v1/mentor-demos', { mentor_id: users.hujc, year, kind: 'case', case_id: caseRes.body.id, note: '示范审查' });
    assert.equal(d.status, 201, d.text);
    assert.equal((await mentor(year)).demo_warning, false);
    assert.equal((await mentor(year)).compliant, true);
    assert.equal((await demo(c.hujc)).length, 0);
  });
});

describe('检察官教检察官 courses', () => {
  test('negative hours refused; attendance, ratings and hours per person per year', async () => {
    const body = { title: '认罪认罚案件量刑建议', lecturer_id: users.hujc, held_on: '2025-04-10', hours: 3, area: '刑事检察',
      materials: '讲义\n典型案例汇编' };
    const read = async () => (await c.zhengzhi.get('/api/v1/courses?year=2025')).body;
    await refused('course', read, () => c.zhengzhi.post('/api/v1/courses', { ...body, hours: -2 }), 400, 'validation_failed', 'hours');
    await refused('course', read, () => c.zhengzhi.post('/api/v1/courses', { ...body, hours: 0 }), 400, 'validation_failed', 'hours');
    const res = await c.zhengzhi.post('/api/v1/courses', body);
    assert.equal(res.status, 201, res.text);
    const res2 = await c.zhengzhi.post('/api/v1/courses', { ...body, title: '电子数据审查', held_on: '2025-06-12', hours: 2 });
    assert.equal(res2.status, 201, res2.text);
    assertError(await c.zhengzhi.put(`/api/v1/courses/${res.body.id}/attendance`,
      { attendees: [{ user_id: users.prosecutor, attended: true, rating: 6 }] }), 400, 'validation_failed', 'attendees[0].rating');
    const a = await c.zhengzhi.put(`/api/v1/courses/${res.body.id}/attendance`, { attendees: [
      { user_id: users.prosecutor, attended: true, rating: 5 }, { user_id: users.prosecutor2, attended: true, rating: 4 },
      { user_id: users.assistant, attended: false }] });
    assert.equal(a.status, 200, a.text);
    assert.equal(a.body.attendees, 2);
    assert.equal(a.body.rating_avg_x10, 45);
    assert.equal((await c.zhengzhi.put(`/api/v1/courses/${res2.body.id}/attendance`,
      { attendees: [{ user_id: users.prosecutor, attended: true }] })).status, 200);
    const hours = (await c.leader.get('/api/v1/people/hours?year=2025')).body.items;
    assert.equal(hours.find((h) => h.user_id === users.prosecutor).hours, 5);
    assert.equal(hours.find((h) => h.user_id === users.prosecutor2).hours, 3);
    assert.ok(!hours.some((h) => h.user_id === users.assistant));
    const arch = (await c.prosecutor.get(`/api/v1/people/${users.prosecutor}/archive?year=2025`)).body;
    assert.equal(arch.training_hours, 5);
  });
});

describe('廉政谈话 / 廉洁家访 (restricted)', () => {
  const SECRET = '家访记录：家属反映情况正常';
  let rec;
  test('recorded by 政治部, read by 院领导, each read audited', async () => {
    assertError(await c.zhengzhi.post('/api/v1/integrity-records', { user_id: users.prosecutor, kind: 'visit', held_on: '2025-05-01',
      held_by: '孙政工', body: SECRET }), 400, 'validation_failed', 'kind');
    const res = await c.zhengzhi.post('/api/v1/integrity-records', { user_id: users.prosecutor, kind: 'home_visit',
      held_on: '2025-05-01', held_by: '孙政工、王检察长', body: SECRET });
    assert.equal(res.status, 201, res.text);
    rec = res.body;
    const reads = async () => (await c.leader.get('/api/v1/audit?action=integrity.read&limit=100')).body.items
      .filter((a) => a.entity_id === String(rec.id)).length;
    const before = await reads();
    const got = await c.leader.get(`/api/v1/integrity-records/${rec.id}`);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.body.body, SECRET);
    assert.equal(await reads(), before + 1, 'the read is audited');
    const list = await c.leader.get('/api/v1/integrity-records');
    assert.equal(list.body.items.length, 1);
    assert.ok(!list.text.includes(SECRET), 'the list holds no content');
    assertError(await c.leader.post('/api/v1/integrity-records', { user_id: users.prosecutor, kind: 'talk', held_on: '2025-05-01',
      held_by: 'x', body: 'x' }), 403, 'forbidden');
  });

  test('every other role gets 404, and nothing leaks through the other lists', async () => {
    for (const who of ['buzhang', 'erbu', 'prosecutor', 'prosecutor2', 'assistant', 'anguan', 'xingjian', 'kongshen', 'clerk', 'hujc']) {
      assertError(await c[who].get(`/api/v1/integrity-records/${rec.id}`), 404, 'not_found');
      assertError(await c[who].get('/api/v1/integrity-records'), 404, 'not_found');
      assertError(await c[who].post('/api/v1/integrity-records', { user_id: users.prosecutor, kind: 'talk', held_on: '2025-05-01',
        held_by: 'x', body: 'x' }), 404, 'not_found');
    }
    assertError(await otherChief.get(`/api/v1/integrity-records/${rec.id}`), 404, 'not_found');
    assert.equal((await otherChief.get('/api/v1/integrity-records')).body.items.length, 0);
    for (const [cl, p] of [[c.prosecutor, `/api/v1/people/${users.prosecutor}/archive`], [c.leader, `/api/v1/people/${users.prosecutor}/archive`],
      [c.leader, '/api/v1/rotation-plans'], [c.leader, '/api/v1/mentors'], [c.leader, '/api/v1/secondary-posts'],
      [c.leader, '/api/v1/people/reminders'], [c.zhengzhi, '/api/v1/people/reminders'], [c.leader, '/api/v1/courses'],
      [c.leader, `/api/v1/cases?q=${encodeURIComponent('家访')}`], [c.prosecutor, '/api/v1/work']]) {
      const res = await cl.get(p);
      assert.ok(!res.text.includes(SECRET) && !res.text.includes('home_visit'), `${p} holds no 廉政 record`);
    }
  });
});
