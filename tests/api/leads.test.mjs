// leads.test.mjs: the data-matching models and leads through the real binary (issue 12 §3, DOMAIN.md 8.1): our
// 危险驾驶 persons written with SQL, their licence file uploaded through the imports route; model (a) run on demand
// with its run recorded (inputs with the file hash), the leads whose expected set is known, a re-run that duplicates
// nothing, the evidence side by side, verification (a dismissal needs its reason), confirmed leads turned into one
// 检察建议 linked both ways, the agency's list of persons as XLSX, the parameters edited (audited), bad input refused
// naming the field with nothing written, permissions and isolation between offices. SQLite, or PostgreSQL with
// JIANWU_TEST_PG set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { REPO, runCli, addOrg, addUser, assertError, auditVerify, initDb, makeTempDir, newDbTarget, rmTempDir, sqlite,
  startServer } from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, xingjian, anguan, clerk, leader, admin, other, orgId, agencyId, model;

/** An 18-digit ID number with its GB 11643 check digit. */
function idnum(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}
const chinaDay = (delta = 0) => new Date(Date.now() + 8 * 3600e3 + delta * 86400e3).toISOString().slice(0, 10);

const P = {
  li: { name: '李𠀀', id: idnum('11010519800101001'), decision: 'prosecute', on: '2025-01-10', charge: 'dangerous_driving' },
  wang: { name: '王二', id: idnum('11010519810202002'), decision: 'non_prosecution', on: '2025-02-01', charge: 'dangerous_driving' },
  zhao: { name: '赵三', id: idnum('11010519820303003'), decision: 'prosecute', on: '2025-01-05', charge: 'dangerous_driving' },
  sun: { name: '孙四', id: idnum('11010519830404004'), decision: 'prosecute', on: chinaDay(-5), charge: 'dangerous_driving' },
  zhou: { name: '周五', id: idnum('11010519840505005'), decision: 'prosecute', on: '2025-01-01', charge: 'theft' },
};

function sql(s) {
  const r = sqlite(db, s);
  assert.ok(r, 'sqlite3 or psql is needed');
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

function addPerson(org, no, p) {
  sql(`INSERT INTO case_record(org_id, case_number, case_type, title, source_agency, received_on, status, created_at,
    updated_at) VALUES(${org}, '${no}', 'prosecution_review', '危险驾驶案', '公安局', '2024-12-01', 'concluded',
    '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`);
  sql(`INSERT INTO case_person(org_id, case_id, name, id_number, birth_date, custody, decision, decision_on)
    VALUES(${org}, (SELECT id FROM case_record WHERE org_id = ${org} AND case_number = '${no}'), '${p.name}', '${p.id}',
    '${p.id.slice(6, 10)}-${p.id.slice(10, 12)}-${p.id.slice(12, 14)}', 'none', '${p.decision}', '${p.on}')`);
  sql(`INSERT INTO case_person_charge(person_id, charge) SELECT p.id, '${p.charge}' FROM case_person p
    JOIN case_record c ON c.id = p.case_id WHERE c.org_id = ${org} AND c.case_number = '${no}'`);
}

const LICENCE_CSV = [
  '序号,驾驶人姓名,公民身份号码,驾驶证档案编号,准驾车型,驾驶证状态,状态日期,重新取得日期,发证机关',
  `1,${P.li.name},${P.li.id},330001,C1,正常,,,缙云县公安局交通警察大队车辆管理所`,
  `2,${P.wang.name},${P.wang.id},330002,C1,吊销,2025-02-20,,缙云县公安局交通警察大队车辆管理所`,
  `3,${P.zhao.name},${P.zhao.id},330003,C1,正常,2025-01-20,2025-06-01,缙云县公安局交通警察大队车辆管理所`,
  `4,${P.sun.name},${P.sun.id},330004,C1,正常,,,缙云县公安局交通警察大队车辆管理所`,
  `5,${P.zhou.name},${P.zhou.id},330005,C1,正常,,,缙云县公安局交通警察大队车辆管理所`,
].join('\r\n') + '\r\n';

async function leadsOf(c = xingjian, q = '') {
  const res = await c.get(`/api/v1/leads?limit=50${q}`);
  assert.equal(res.status, 200, res.text);
  return res.body;
}
const byName = (page, name) => page.items.find((l) => l.name === name);
const count = (table) => Number(sql(`SELECT count(*) FROM ${table}`));

before(async () => {
  dir = makeTempDir('jianwu-leads-');
  db = newDbTarget(dir);
  initDb(db);
  orgId = addOrg(db, 'jinyun', '缙云县人民检察院');
  const otherOrg = addOrg(db, 'other', '乙县人民检察院');
  addUser(db, { org: 'jinyun', login: 'xingjian', role: 'admin_prosecutor', password: PW });
  addUser(db, { org: 'jinyun', login: 'anguan', role: 'case_manager', password: PW });
  addUser(db, { org: 'jinyun', login: 'clerk', role: 'clerk', password: PW });
  addUser(db, { org: 'jinyun', login: 'leader', role: 'leader', password: PW });
  addUser(db, { org: 'jinyun', login: 'admin1', role: 'admin', password: PW });
  addUser(db, { org: 'other', login: 'other_x', role: 'admin_prosecutor', password: PW });
  let n = 1;
  for (const p of Object.values(P)) addPerson(orgId, `缙检刑诉〔2025〕${n++}号`, p);
  addPerson(otherOrg, '乙检刑诉〔2025〕1号', P.li);
  server = await startServer(db);
  const login = (l) => server.client().loginOk(l, PW);
  [xingjian, anguan, clerk, leader, admin, other] = await Promise.all(
    ['xingjian', 'anguan', 'clerk', 'leader', 'admin1', 'other_x'].map(login));
  const up = await xingjian.post('/api/v1/imports?kind=licence&source=%E7%BC%99%E4%BA%91%E4%BA%A4%E8%AD%A6&file_name=licence.csv',
    LICENCE_CSV, { contentType: 'application/octet-stream' });
  assert.equal(up.status, 201, up.text);
  assert.equal(up.body.rows_accepted, 5, up.text);
  const ag = await xingjian.post('/api/v1/agencies', { name: '缙云县公安局交通警察大队', kind: 'public_security' });
  assert.equal(ag.status, 201, ag.text);
  agencyId = ag.body.id;
  const models = await xingjian.get('/api/v1/match-models');
  assert.equal(models.status, 200, models.text);
  model = models.body.items.find((m) => m.code === 'drunk_licence');
  assert.ok(model);
});

after(async () => {
  if (server) await server.stop();
  if (db) {
    const r = auditVerify(db);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  }
  rmTempDir(dir);
});

describe('model (a): 醉驾 licence not revoked', () => {
  test('a run finds the expected leads and records itself', async () => {
    assert.deepEqual(model.params.grace_days, 30);
    const res = await xingjian.post(`/api/v1/match-models/${model.id}/runs`, {});
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.leads_found, 2);
    assert.equal(res.body.leads_new, 2);
    assert.equal(res.body.trigger, 'manual');
    assert.equal(res.body.inputs.length, 1);
    assert.match(res.body.inputs[0].file_hash, /^[0-9a-f]{64}$/);
    const page = await leadsOf(anguan);
    assert.equal(page.total, 2);
    assert.equal(byName(page, P.li.name).reason, 'not_revoked');
    assert.equal(byName(page, P.zhao.name).reason, 'reissued_in_bar');
    assert.equal(byName(page, P.sun.name), undefined, 'inside the grace days');
    assert.equal(byName(page, P.wang.name), undefined, 'revoked');
    assert.equal(byName(page, P.zhou.name), undefined, 'theft is not this model');
    // the evidence side by side
    const l = await anguan.get(`/api/v1/leads/${byName(page, P.li.name).id}`);
    assert.equal(l.status, 200, l.text);
    assert.equal(l.body.evidence.ours.id_number, P.li.id);
    assert.equal(l.body.evidence.theirs.status, 'valid');
    assert.equal(l.body.evidence.theirs.licence_number, '330001');
    assert.equal(l.body.evidence.rule.revoke_due_on, '2025-02-09');
    assert.equal(l.body.evidence.rule.article, '道路交通安全法第九十一条');
  });

  test('a re-run never duplicates a lead; the runs history', async () => {
    const res = await leader.post(`/api/v1/match-models/${model.id}/runs`, {});
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.leads_found, 2);
    assert.equal(res.body.leads_new, 0);
    assert.equal((await leadsOf()).total, 2);
    const runs = await anguan.get(`/api/v1/match-models/${model.id}/runs`);
    assert.equal(runs.status, 200, runs.text);
    assert.equal(runs.body.items.length, 2);
    assert.equal(runs.body.items[0].started_by_name, 'leader');
  });

  test('another office sees none of them', async () => {
    const page = await leadsOf(other);
    assert.equal(page.total, 0);
    const id = byName(await leadsOf(), P.li.name).id;
    assertError(await other.get(`/api/v1/leads/${id}`), 404, 'not_found');
    assertError(await other.post(`/api/v1/leads/${id}/verification`, { result: 'confirmed' }), 404, 'not_found');
    assertError(await other.put(`/api/v1/match-models/${model.id}`, { params: {} }), 404, 'not_found');
  });

  test('permissions', async () => {
    assertError(await clerk.get('/api/v1/leads'), 403, 'forbidden');
    assertError(await clerk.get('/api/v1/match-models'), 403, 'forbidden');
    assertError(await anguan.post(`/api/v1/match-models/${model.id}/runs`, {}), 403, 'forbidden');
    const id = byName(await leadsOf(), P.li.name).id;
    assertError(await anguan.post(`/api/v1/leads/${id}/verification`, { result: 'confirmed' }), 403, 'forbidden');
    // the administrator keeps the parameters but reads no leads
    assert.equal((await admin.get('/api/v1/match-models')).status, 200);
    assertError(await admin.get('/api/v1/leads'), 403, 'forbidden');
  });

  test('bad input is refused naming the field, nothing written', async () => {
    const id = byName(await leadsOf(), P.li.name).id;
    const audits = count('audit_log');
    assertError(await xingjian.post(`/api/v1/leads/${id}/verification`, { result: 'dismissed' }), 400,
      'validation_failed', 'note');
    assertError(await xingjian.post(`/api/v1/leads/${id}/verification`, { result: 'maybe' }), 400,
      'validation_failed', 'result');
    assertError(await xingjian.post(`/api/v1/leads/${id}/verification`, { result: 'confirmed', extra: 1 }), 400,
      'validation_failed', 'extra');
    assertError(await xingjian.post(`/api/v1/leads/${id}/verification`, { result: 'confirmed', note: '𠀀'.repeat(501) }),
      400, 'validation_failed', 'note');
    assertError(await xingjian.post(`/api/v1/leads/${id}/verification`, { result: 'confirmed', note: 'a\u0001b' }),
      400, 'validation_failed', 'note');
    assertError(await xingjian.post('/api/v1/lead-suggestions', { lead_ids: [id], agency_id: agencyId }), 422,
      'rule_violated', 'lead_ids.0');
    assertError(await xingjian.post('/api/v1/lead-suggestions', { lead_ids: ['x'], agency_id: agencyId }), 400,
      'validation_failed', 'lead_ids.0');
    assertError(await xingjian.post('/api/v1/lead-suggestions', { lead_ids: [], agency_id: agencyId }), 400,
      'validation_failed', 'lead_ids');
    assertError(await admin.put(`/api/v1/match-models/${model.id}`, { params: { grace_days: 'x' } }), 400,
      'validation_failed', 'params.grace_days');
    assertError(await admin.put(`/api/v1/match-models/${model.id}`, { params: { unknown: 1 } }), 400,
      'validation_failed', 'params');
    assertError(await xingjian.get('/api/v1/leads?state=bogus'), 400, 'validation_failed', 'state');
    assert.equal(count('audit_log'), audits, 'no audit row');
    assert.equal(Number(sql("SELECT count(*) FROM lead WHERE state <> 'new'")), 0);
  });

  test('verify, then confirmed leads become one 检察建议 linked both ways', async () => {
    const page = await leadsOf();
    const a = byName(page, P.li.name).id, b = byName(page, P.zhao.name).id;
    const notes = { [a]: '<script>alert(1)</script>\'; DROP TABLE lead; --', [b]: '𠀀'.repeat(500) };
    for (const id of [a, b]) {
      const res = await xingjian.post(`/api/v1/leads/${id}/verification`, { result: 'confirmed', note: notes[id] });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.state, 'confirmed');
      assert.equal(res.body.verify_note, notes[id], 'the note reads back literally');
    }
    assertError(await xingjian.post(`/api/v1/leads/${a}/verification`, { result: 'confirmed' }), 409, 'conflict');
    const res = await xingjian.post('/api/v1/lead-suggestions', { lead_ids: [a, b], agency_id: agencyId });
    assert.equal(res.status, 201, res.text);
    const sid = res.body.suggestion_id;
    const s = await xingjian.get(`/api/v1/suggestions/${sid}`);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.body.state, 'draft');
    assert.equal(s.body.agency_id, agencyId);
    assert.match(s.body.facts, /李𠀀/);
    assert.match(s.body.facts, /赵三/);
    assert.equal(s.body.links.filter((l) => l.kind === 'lead').length, 2);
    const l = await xingjian.get(`/api/v1/leads/${a}`);
    assert.equal(l.body.suggestion_id, sid);
    assertError(await xingjian.post('/api/v1/lead-suggestions', { lead_ids: [a], agency_id: agencyId }), 422,
      'rule_violated', 'lead_ids.0');
    // a confirmed lead may be linked from a suggestion's own create path too
    const s2 = await xingjian.post('/api/v1/suggestions', { type: 'other', title: '关于醉驾人员驾驶证管理的检察建议',
      agency_id: agencyId, facts: '经核实。', text: '建议依法吊销。', legal_basis: '道路交通安全法第九十一条',
      links: [{ kind: 'lead', id: b }] });
    assert.equal(s2.status, 201, s2.text);
    assertError(await xingjian.post('/api/v1/suggestions', { type: 'other', title: 't', agency_id: agencyId,
      facts: 'f', text: 't', legal_basis: 'l', links: [{ kind: 'lead', id: 999999 }] }), 422, 'rule_violated',
    'links.0.id');
  });

  test('the agency\'s list of persons as XLSX', async () => {
    const res = await xingjian.get(`/api/v1/leads/export.xlsx?state=confirmed`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    const file = path.join(dir, 'leads.xlsx');
    fs.writeFileSync(file, res.raw);
    const r = spawnSync('/usr/bin/python3', [path.join(REPO, 'tests/api/xlsx_read.py'), file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const text = r.stdout;
    assert.match(text, /李𠀀/);
    assert.match(text, new RegExp(P.zhao.id));
  });

  test('parameters edited by an administrator, audited; the run follows them', async () => {
    const res = await admin.put(`/api/v1/match-models/${model.id}`, { params: { grace_days: 10, bar_years: 5 } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.params.grace_days, 10);
    assert.equal(Number(sql("SELECT count(*) FROM audit_log WHERE action = 'model.update'")), 1);
    const run = await xingjian.post(`/api/v1/match-models/${model.id}/runs`, {});
    assert.equal(run.status, 201, run.text);
    assert.equal(run.body.leads_found, 2);
  });

  test('jianwu match runs a model from the command line', async () => {
    const r = runCli(['match', '--db', db, '--model', 'drunk_licence', '--org', 'jinyun']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /线索 2 条（新增 0）/);
    const bad = runCli(['match', '--db', db, '--model', 'nope', '--org', 'jinyun']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /数据模型不存在/);
    assert.equal(Number(sql("SELECT count(*) FROM match_run WHERE trigger_kind = 'cli'")), 1);
  });
});
