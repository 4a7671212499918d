// agencies.test.mjs: the office's list of agencies (移送机关) and the charges reference with its search, through the
// real binary (docs/api-cases.md, "Agencies" and "Charges"; issue 9 section 5).
//
// The world is the demo procuratorate without cases (`jianwu demo-data --cases 0`): 缙云县人民检察院 with its list of
// 14 移送机关 and the 14 bodies of the registry (issue 10: 28 in all); plus an unrelated organisation with its own case
// manager, for isolation. The registry (机关名录: credit code, contact, superior; issue 10 section 1) is tested at the
// end.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  REPO, addOrg, addUser, assertError, auditAll, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, rmTempDir,
  startServer,
} from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, anguan, prosecutor, clerk, otherOrg, depts, users, admin, leader, xingjian;

function newCase(over = {}) {
  return {
    case_type: 'prosecution_review', title: '张某诈骗案', source_agency: '缙云县公安局', received_on: '2025-03-05',
    department_id: depts['第一检察部'], assign: 'manual', prosecutor_id: users.prosecutor,
    persons: [{ name: '张某', custody: 'bail', custody_since: '2025-03-01', charges: ['fraud'] }], ...over,
  };
}

async function register(body) {
  const res = await anguan.post('/api/v1/cases', body);
  assert.equal(res.status, 201, res.text);
  return res.body;
}

const names = (res) => res.body.items.map((a) => a.name);

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'agencies.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_cm', role: 'case_manager', password: PW });
  server = await startServer(db);
  anguan = await server.client().loginOk('anguan', PW);
  prosecutor = await server.client().loginOk('prosecutor', PW);
  clerk = await server.client().loginOk('clerk', PW);
  otherOrg = await server.client().loginOk('other_cm', PW);
  admin = await server.client().loginOk('admin', PW);
  leader = await server.client().loginOk('leader', PW);
  xingjian = await server.client().loginOk('xingjian', PW);
  depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('agencies', () => {
  test("the demo office's list: every signed-in user reads it, with each agency's kind", async () => {
    for (const c of [anguan, prosecutor, clerk]) {
      const res = await c.get('/api/v1/agencies');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.total, 28);
      assert.equal(res.body.items.length, 28);
    }
    const all = (await anguan.get('/api/v1/agencies')).body.items;
    for (const a of all) {
      assert.deepEqual(Object.keys(a).sort(), ['address', 'contact_person', 'credit_code', 'id', 'kind', 'name', 'phone',
        'superior_id', 'superior_name']);
      assert.equal(typeof a.id, 'number');
    }
    assert.equal(all.find((a) => a.name === '缙云县监察委员会').kind, 'supervision');
    assert.equal(all.find((a) => a.name === '缙云县公安局交通警察大队').kind, 'public_security');
    assertError(await server.client().get('/api/v1/agencies'), 401);
  });

  test('q finds any part of the name; limit and offset page the list, total counts the matches', async () => {
    const pcs = await anguan.get(`/api/v1/agencies?q=${encodeURIComponent('派出所')}`);
    assert.equal(pcs.status, 200, pcs.text);
    assert.deepEqual(names(pcs).sort(),
      ['缙云县公安局东渡派出所', '缙云县公安局五云派出所', '缙云县公安局壶镇派出所', '缙云县公安局新建派出所'].sort());
    assert.equal(pcs.body.total, 4);
    assert.ok(pcs.body.items.every((a) => a.kind === 'public_security'));
    assert.deepEqual(names(await anguan.get(`/api/v1/agencies?q=${encodeURIComponent('监察')}`)).sort(),
      ['丽水市监察委员会', '缙云县监察委员会'].sort());
    assert.deepEqual(names(await anguan.get(`/api/v1/agencies?q=${encodeURIComponent('壶镇')}`)),
      ['缙云县公安局壶镇派出所', '缙云县壶镇镇人民政府']);
    assert.deepEqual(names(await anguan.get(`/api/v1/agencies?q=${encodeURIComponent('法院')}`)), ['缙云县人民法院']);
    assert.equal((await anguan.get('/api/v1/agencies?q=%25')).body.total, 0); // LIKE's % matches itself only
    const page = await anguan.get('/api/v1/agencies?limit=5');
    assert.equal(page.body.items.length, 5);
    assert.equal(page.body.total, 28);
    const rest = await anguan.get('/api/v1/agencies?limit=200&offset=5');
    assert.equal(rest.body.items.length, 23);
    assert.equal(new Set([...names(page), ...names(rest)]).size, 28);
  });

  test('bad parameters are refused, naming the parameter', async () => {
    for (const [query, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=abc', 'limit'],
      ['offset=-1', 'offset'], [`q=${encodeURIComponent('公'.repeat(51))}`, 'q'], ['q=%09x', 'q'], ['kind=boss', 'kind'],
      ['kind=%09', 'kind']]) {
      assertError(await anguan.get(`/api/v1/agencies?${query}`), 400, 'validation_failed', field);
    }
  });

  test('a registration naming a new agency adds it to the list, once, even from concurrent registrations', async () => {
    const name = '缙云县公安局前路派出所';
    const results = await Promise.all([1, 2, 3, 4].map((i) => anguan.post('/api/v1/cases',
      newCase({ title: `并发${i}诈骗案`, source_agency: name }))));
    for (const r of results) assert.equal(r.status, 201, r.text);
    const found = await anguan.get(`/api/v1/agencies?q=${encodeURIComponent('前路')}`);
    assert.deepEqual(found.body.items.map((a) => [a.name, a.kind]), [[name, 'public_security']]);
    assert.equal((await anguan.get('/api/v1/agencies')).body.total, 29);
    // an agency already listed is not added again
    await register(newCase({ source_agency: '缙云县公安局' }));
    assert.equal((await anguan.get('/api/v1/agencies')).body.total, 29);
  });

  test('a case update naming a new agency adds it; a refused update adds nothing', async () => {
    const c = await register(newCase());
    const res = await prosecutor.put(`/api/v1/cases/${c.id}`, { source_agency: '丽水市公安局刑事侦查支队' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.source_agency, '丽水市公安局刑事侦查支队');
    assert.equal((await anguan.get(`/api/v1/agencies?q=${encodeURIComponent('支队')}`)).body.total, 1);
    assertError(await prosecutor.put(`/api/v1/cases/${c.id}`, { source_agency: '' }), 400, 'validation_failed',
      'source_agency');
    assertError(await prosecutor.put(`/api/v1/cases/${c.id}`, { source_agency: '某'.repeat(101) }), 400,
      'validation_failed', 'source_agency');
    assertError(await prosecutor.put(`/api/v1/cases/${c.id}`, { source_agency: '缙云县财政局', department_id: 999999 }),
      403, 'forbidden', 'department_id');
    assert.equal((await anguan.get(`/api/v1/agencies?q=${encodeURIComponent('财政')}`)).body.total, 0);
  });

  test("an office sees its own list only", async () => {
    const other = await otherOrg.get('/api/v1/agencies');
    assert.equal(other.status, 200, other.text);
    assert.equal(other.body.total, 0);
    assert.deepEqual(other.body.items, []);
    assert.equal((await otherOrg.get(`/api/v1/agencies?q=${encodeURIComponent('缙云')}`)).body.total, 0);
  });
});

// An independent check of a 统一社会信用代码 (GB 32100-2015 and GB 11714), to judge the server's codes by.
const CC_SET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCodeValid(code) {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  const orgW = [3, 7, 9, 10, 5, 8, 4, 2];
  const orgV = (c) => (/[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  const o = 11 - (orgW.reduce((sum, w, i) => sum + w * orgV(code[8 + i]), 0) % 11);
  if (code[16] !== (o === 10 ? 'X' : o === 11 ? '0' : String(o))) return false;
  let sum = 0;
  for (let i = 0, w = 1; i < 17; i++, w = (w * 3) % 31) sum += CC_SET.indexOf(code[i]) * w;
  return code[17] === CC_SET[(31 - (sum % 31)) % 31];
}

/** The file of an export response read back by openpyxl (tests/api/xlsx_read.py): rows as objects by header. */
function readXlsxRows(res) {
  assert.equal(res.status, 200, res.text.slice(0, 400));
  const file = path.join(dir, `agencies-${Date.now()}.xlsx`);
  fs.writeFileSync(file, res.raw);
  const r = spawnSync('/usr/bin/python3', [path.join(REPO, 'tests/api/xlsx_read.py'), file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [head, ...rows] = JSON.parse(r.stdout).sheets[0].rows;
  return rows.map((row) => Object.fromEntries(head.map((c, i) => [c.v, row[i] ? row[i].v : null])));
}

const byName = async (c, name) => (await c.get(`/api/v1/agencies?q=${encodeURIComponent(name)}`)).body.items
  .find((a) => a.name === name);

describe('the registry of agencies (机关名录)', () => {
  test('the kinds: the 移送机关 and the administrative bodies, in Chinese', async () => {
    const res = await clerk.get('/api/v1/reference/agency-kinds');
    assert.equal(res.status, 200, res.text);
    const kinds = Object.fromEntries(res.body.items.map((k) => [k.code, k.name]));
    assert.equal(kinds.public_security, '公安机关');
    assert.equal(kinds.market_regulation, '市场监督管理部门');
    assert.equal(kinds.township_government, '乡镇人民政府');
    assert.equal(kinds.people_congress, '人大及其常委会');
    assert.equal(res.body.items.at(-1).code, 'other');
    assert.equal(res.body.items.length, 29);
  });

  test("the demo registry: valid codes, contacts and superiors; GET one has every field", async () => {
    const all = (await clerk.get('/api/v1/agencies?limit=200')).body.items;
    const coded = all.filter((a) => a.credit_code);
    assert.ok(coded.length >= 12, `${coded.length} agencies with a code`);
    for (const a of coded) assert.ok(creditCodeValid(a.credit_code), `${a.name} ${a.credit_code}`);
    assert.equal(new Set(coded.map((a) => a.credit_code)).size, coded.length);
    const market = all.find((a) => a.name === '缙云县市场监督管理局');
    assert.equal(market.kind, 'market_regulation');
    assert.equal(market.superior_name, '缙云县人民政府');
    assert.equal(market.superior_id, all.find((a) => a.name === '缙云县人民政府').id);
    assert.ok(market.contact_person && market.phone);
    const one = await clerk.get(`/api/v1/agencies/${market.id}`);
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(Object.keys(one.body).sort(), ['address', 'contact_person', 'created_at', 'credit_code', 'id', 'kind',
      'name', 'note', 'phone', 'superior_id', 'superior_name', 'updated_at']);
    assert.equal(one.body.credit_code, market.credit_code);
    assertError(await clerk.get('/api/v1/agencies/999999'), 404, 'not_found');
    // q finds a part of the credit code, in lower case too; kind filters
    const byCode = await clerk.get(`/api/v1/agencies?q=${market.credit_code.slice(10, 16).toLowerCase()}`);
    assert.deepEqual(names(byCode), ['缙云县市场监督管理局']);
    const gov = await clerk.get('/api/v1/agencies?kind=township_government');
    assert.deepEqual(names(gov), ['缙云县壶镇镇人民政府']);
    const pcs = (await clerk.get(`/api/v1/agencies?q=${encodeURIComponent('派出所')}`)).body.total;
    assert.ok(pcs >= 4);
    assert.equal((await clerk.get(`/api/v1/agencies?kind=public_security&q=${encodeURIComponent('派出所')}`)).body.total,
      pcs);
    assert.equal((await clerk.get(`/api/v1/agencies?kind=court&q=${encodeURIComponent('派出所')}`)).body.total, 0);
  });

  test('agency.manage: admin, 案管, 行政检察 and 检察长 add and edit; the others may not', async () => {
    const me = (await xingjian.get('/api/v1/session')).body;
    assert.ok(me.user.permissions.includes('agency.manage'), JSON.stringify(me.user.permissions));
    const created = [];
    for (const [c, name] of [[admin, '缙云县教育局'], [anguan, '缙云县卫生健康局'], [xingjian, '缙云县交通运输局'],
      [leader, '缙云县水利局']]) {
      const res = await c.post('/api/v1/agencies', { name, kind: 'other' });
      assert.equal(res.status, 201, res.text);
      created.push(res.body);
    }
    for (const c of [prosecutor, clerk]) {
      assertError(await c.post('/api/v1/agencies', { name: '缙云县文化和广电旅游体育局', kind: 'culture_tourism' }), 403,
        'forbidden');
      assertError(await c.put(`/api/v1/agencies/${created[0].id}`, { kind: 'education' }), 403, 'forbidden');
    }
    assertError(await server.client().post('/api/v1/agencies', { name: 'x', kind: 'other' }), 401);
    assert.equal((await byName(anguan, '缙云县文化和广电旅游体育局')), undefined);
    for (const [a, kind] of [[created[0], 'education'], [created[1], 'health'], [created[2], 'transport'],
      [created[3], 'water_resources']]) {
      const res = await xingjian.put(`/api/v1/agencies/${a.id}`, { kind });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.kind, kind);
    }
  });

  test('POST: the credit code is normalised; every field kept; audited', async () => {
    const gov = await byName(anguan, '缙云县人民政府');
    const res = await xingjian.post('/api/v1/agencies', {
      name: '缙云县林业局', kind: 'forestry', credit_code: ' 113311220025003u39 ', address: '缙云县五云街道林业路1号',
      contact_person: '林某', phone: '0578-3123999 转 8', superior_id: gov.id, note: '第一行\n第二行',
    });
    assert.equal(res.status, 201, res.text);
    const a = res.body;
    assert.equal(a.credit_code, '113311220025003U39');
    assert.ok(creditCodeValid(a.credit_code));
    assert.deepEqual([a.name, a.kind, a.address, a.contact_person, a.phone, a.superior_id, a.superior_name, a.note],
      ['缙云县林业局', 'forestry', '缙云县五云街道林业路1号', '林某', '0578-3123999 转 8', gov.id, '缙云县人民政府',
        '第一行\n第二行']);
    assert.deepEqual((await anguan.get(`/api/v1/agencies/${a.id}`)).body, a);
    const audit = (await auditAll(admin, 'entity=agency')).items.filter((x) => x.entity_id === String(a.id));
    assert.equal(audit.length, 1);
    assert.equal(audit[0].action, 'agency.create');
    assert.equal(audit[0].after.credit_code, '113311220025003U39');
  });

  test('bad input is refused naming the field, and nothing is written', async () => {
    const gov = await byName(anguan, '缙云县人民政府');
    const otherAgency = await otherOrg.post('/api/v1/agencies', { name: '另一县人民政府', kind: 'county_government' });
    assert.equal(otherAgency.status, 201, otherAgency.text);
    const total = (await anguan.get('/api/v1/agencies')).body.total;
    const audits = (await auditAll(admin)).total;
    const ok = { name: '缙云县人力资源和社会保障局', kind: 'human_resources' };
    for (const [body, status, field] of [
      [{ kind: 'human_resources' }, 400, 'name'],
      [{ ...ok, name: '' }, 400, 'name'],
      [{ ...ok, name: '局'.repeat(101) }, 400, 'name'],
      [{ ...ok, name: ' 缙云县人社局' }, 400, 'name'],
      [{ ...ok, name: '缙云县\u0007人社局' }, 400, 'name'],
      [{ name: ok.name }, 400, 'kind'],
      [{ ...ok, kind: 'ministry' }, 400, 'kind'],
      [{ ...ok, kind: 3 }, 400, 'kind'],
      [{ ...ok, credit_code: '11331122002500' }, 400, 'credit_code'],
      [{ ...ok, credit_code: '113311220025003U3F' }, 400, 'credit_code'],
      [{ ...ok, credit_code: '113311220025003U4E' }, 400, 'credit_code'],
      [{ ...ok, credit_code: '1133112200250O3U3E' }, 400, 'credit_code'],
      [{ ...ok, credit_code: 'B13311220025003U3E' }, 400, 'credit_code'],
      [{ ...ok, phone: '0578-3123<b>' }, 400, 'phone'],
      [{ ...ok, phone: '1'.repeat(41) }, 400, 'phone'],
      [{ ...ok, address: '路'.repeat(201) }, 400, 'address'],
      [{ ...ok, contact_person: '某'.repeat(51) }, 400, 'contact_person'],
      [{ ...ok, note: '注'.repeat(1001) }, 400, 'note'],
      [{ ...ok, superior_id: 'x' }, 400, 'superior_id'],
      [{ ...ok, superior_id: 999999 }, 422, 'superior_id'],
      [{ ...ok, superior_id: otherAgency.body.id }, 422, 'superior_id'],
      [{ ...ok, founded: '1949' }, 400, 'founded'],
      [{ ...ok, name: '缙云县人民政府' }, 409, 'name'],
      [{ ...ok, credit_code: gov.credit_code.toLowerCase() }, 409, 'credit_code'],
    ]) {
      const res = await anguan.post('/api/v1/agencies', body);
      assertError(res, status, undefined, field);
      if (status === 409) assert.equal(res.body.error.code, 'conflict');
      else assert.equal(res.body.error.code, 'validation_failed');
    }
    assert.equal((await anguan.get('/api/v1/agencies')).body.total, total);
    assert.equal((await auditAll(admin)).total, audits);
    assert.equal((await byName(anguan, ok.name)), undefined);
  });

  test('PUT: fields change, null clears, the superior never makes a cycle; audited with before and after', async () => {
    const gov = await byName(anguan, '缙云县人民政府');
    const market = await byName(anguan, '缙云县市场监督管理局');
    const res = await anguan.put(`/api/v1/agencies/${market.id}`, { contact_person: '李某', phone: null, note: '新备注' });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual([res.body.contact_person, res.body.phone, res.body.note, res.body.credit_code, res.body.superior_id],
      ['李某', null, '新备注', market.credit_code, gov.id]);
    assert.ok(res.body.updated_at);
    const audit = (await auditAll(admin, 'entity=agency')).items.filter((x) => x.entity_id === String(market.id)
      && x.action === 'agency.update').at(-1);
    assert.equal(audit.before.contact_person, market.contact_person);
    assert.equal(audit.after.contact_person, '李某');
    assert.equal(audit.after.phone, null);
    const before = (await anguan.get(`/api/v1/agencies/${gov.id}`)).body;
    const audits = (await auditAll(admin)).total;
    for (const [id, body, status, field] of [
      [gov.id, { superior_id: market.id }, 422, 'superior_id'], // the government under its own bureau
      [gov.id, { superior_id: gov.id }, 422, 'superior_id'],
      [gov.id, { superior_id: 999999 }, 422, 'superior_id'],
      [gov.id, { name: '缙云县市场监督管理局' }, 409, 'name'],
      [gov.id, { credit_code: market.credit_code }, 409, 'credit_code'],
      [gov.id, { credit_code: '113311220025000J43' }, 400, 'credit_code'],
      [gov.id, { name: null }, 400, 'name'],
      [gov.id, { kind: null }, 400, 'kind'],
      [gov.id, { kind: 'boss' }, 400, 'kind'],
    ]) {
      assertError(await anguan.put(`/api/v1/agencies/${id}`, body), status, undefined, field);
    }
    assertError(await anguan.put('/api/v1/agencies/999999', { note: 'x' }), 404, 'not_found');
    assert.deepEqual((await anguan.get(`/api/v1/agencies/${gov.id}`)).body, before);
    assert.equal((await auditAll(admin)).total, audits);
    // clearing the superior and the code
    const cleared = await anguan.put(`/api/v1/agencies/${market.id}`, { superior_id: null, credit_code: null });
    assert.equal(cleared.status, 200, cleared.text);
    assert.equal(cleared.body.superior_id, null);
    assert.equal(cleared.body.superior_name, null);
    assert.equal(cleared.body.credit_code, null);
    // and a deeper cycle: 县政府 → 市场监管 → 县政府 refused once the bureau is under the government again
    assert.equal((await anguan.put(`/api/v1/agencies/${market.id}`, { superior_id: gov.id })).status, 200);
    const huzhen = await byName(anguan, '缙云县壶镇镇人民政府');
    assert.equal((await anguan.put(`/api/v1/agencies/${huzhen.id}`, { superior_id: market.id })).status, 200);
    assertError(await anguan.put(`/api/v1/agencies/${gov.id}`, { superior_id: huzhen.id }), 422, 'validation_failed',
      'superior_id');
  });

  test("offices: each keeps its own registry; the same name and code in another office is another agency", async () => {
    const gov = await byName(anguan, '缙云县人民政府');
    assertError(await otherOrg.get(`/api/v1/agencies/${gov.id}`), 404, 'not_found');
    assertError(await otherOrg.put(`/api/v1/agencies/${gov.id}`, { note: '改' }), 404, 'not_found');
    const res = await otherOrg.post('/api/v1/agencies', { name: '缙云县人民政府', kind: 'county_government',
      credit_code: gov.credit_code });
    assert.equal(res.status, 201, res.text);
    assert.notEqual(res.body.id, gov.id);
    assert.deepEqual(names(await otherOrg.get('/api/v1/agencies')).sort(), ['另一县人民政府', '缙云县人民政府'].sort());
    assert.equal((await anguan.get(`/api/v1/agencies/${gov.id}`)).body.note, null);
  });

  test('export.xlsx: the list with its filter, kinds in Chinese; audited', async () => {
    const list = (await clerk.get('/api/v1/agencies?kind=public_security&limit=200')).body.items;
    const rows = readXlsxRows(await clerk.get('/api/v1/agencies/export.xlsx?kind=public_security'));
    assert.deepEqual(rows.map((r) => r['机关名称']), list.map((a) => a.name));
    assert.ok(rows.every((r) => r['类别'] === '公安机关'));
    const police = rows.find((r) => r['机关名称'] === '缙云县公安局交通警察大队');
    assert.equal(police['上级机关'], '缙云县公安局');
    assert.ok(creditCodeValid(police['统一社会信用代码']));
    const audit = (await auditAll(admin, 'action=export.agencies')).items;
    assert.ok(audit.length >= 1);
    assert.equal(audit.at(-1).after.rows, list.length);
  });
});

describe('charges', () => {
  test('the complete list: 483 charges with code, name, article, initials and chapter', async () => {
    const res = await clerk.get('/api/v1/reference/charges');
    assert.equal(res.status, 200, res.text);
    const items = res.body.items;
    assert.equal(items.length, 483);
    for (const c of items) {
      assert.deepEqual(Object.keys(c).sort(), ['article', 'chapter', 'code', 'initials', 'name']);
      assert.match(c.name, /罪$/);
      assert.match(c.initials, /^[a-z]+$/);
    }
    assert.equal(new Set(items.map((c) => c.code)).size, 483);
    assert.deepEqual(items.find((c) => c.code === 'theft'),
      { code: 'theft', name: '盗窃罪', article: '刑法第二百六十四条', initials: 'dqz', chapter: '侵犯财产罪' });
  });

  test('q by part of the name and by pinyin initials', async () => {
    const xj = {
      code: 'a277_2', name: '袭警罪', article: '刑法第二百七十七条第五款', initials: 'xjz', chapter: '妨害社会管理秩序罪',
    };
    assert.deepEqual((await clerk.get(`/api/v1/reference/charges?q=${encodeURIComponent('袭警')}`)).body.items, [xj]);
    assert.deepEqual((await clerk.get('/api/v1/reference/charges?q=xjz')).body.items, [xj]);
    assert.deepEqual((await clerk.get('/api/v1/reference/charges?q=XJZ')).body.items, [xj]);
    const drive = (await clerk.get(`/api/v1/reference/charges?q=${encodeURIComponent('驾驶')}`)).body.items;
    assert.deepEqual(drive.map((c) => c.name), ['危险驾驶罪', '妨害安全驾驶罪']);
    assert.deepEqual((await clerk.get('/api/v1/reference/charges?q=fhaqjs')).body.items.map((c) => c.code), ['a133z2_1']);
    const dq = (await clerk.get('/api/v1/reference/charges?q=dq')).body.items;
    assert.ok(dq.some((c) => c.name === '盗窃罪'));
    assert.ok(dq.every((c) => c.initials.startsWith('dq')), dq.map((c) => c.name).join(','));
    assert.equal((await clerk.get(`/api/v1/reference/charges?q=${encodeURIComponent('不存在')}`)).body.items.length, 0);
    assertError(await clerk.get(`/api/v1/reference/charges?q=${encodeURIComponent('罪'.repeat(51))}`), 400,
      'validation_failed', 'q');
  });

  test("a person's charges keep the order they were entered in; the case list filters by a new code", async () => {
    const c = await register(newCase({
      persons: [{ name: '王某', custody: 'bail', custody_since: '2025-03-01', charges: ['theft', 'a277_2', 'fraud'] }],
    }));
    assert.deepEqual(c.persons[0].charges.map((x) => x.code), ['theft', 'a277_2', 'fraud']);
    assert.deepEqual(c.persons[0].charges.map((x) => x.name), ['盗窃罪', '袭警罪', '诈骗罪']);
    const again = (await anguan.get(`/api/v1/cases/${c.id}`)).body;
    assert.deepEqual(again.persons[0].charges.map((x) => x.code), ['theft', 'a277_2', 'fraud']);
    const upd = await prosecutor.put(`/api/v1/cases/${c.id}/persons/${c.persons[0].id}`,
      { charges: ['a133z2_1', 'theft'] });
    assert.equal(upd.status, 200, upd.text);
    assert.deepEqual((await anguan.get(`/api/v1/cases/${c.id}`)).body.persons[0].charges.map((x) => x.code),
      ['a133z2_1', 'theft']);
    const list = (await anguan.get('/api/v1/cases?charge=a133z2_1')).body;
    assert.deepEqual(list.items.map((x) => x.id), [c.id]);
    assertError(await anguan.get('/api/v1/cases?charge=a999_1'), 400, 'validation_failed', 'charge');
    assertError(await anguan.post('/api/v1/cases', newCase({
      persons: [{ name: '王某', custody: 'bail', custody_since: '2025-03-01', charges: ['a999_1'] }],
    })), 400, 'validation_failed');
  });
});
