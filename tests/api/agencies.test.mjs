// agencies.test.mjs: the office's list of agencies (移送机关) and the charges reference with its search, through the
// real binary (docs/api-cases.md, "Agencies" and "Charges"; issue 9 section 5).
//
// The world is the demo procuratorate without cases (`jianwu demo-data --cases 0`): 缙云县人民检察院 with its list of
// 14 agencies; plus an unrelated organisation with its own case manager, for isolation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  addOrg, addUser, assertError, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, rmTempDir, startServer,
} from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, anguan, prosecutor, clerk, otherOrg, depts, users;

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
      assert.equal(res.body.total, 14);
      assert.equal(res.body.items.length, 14);
    }
    const all = (await anguan.get('/api/v1/agencies')).body.items;
    for (const a of all) {
      assert.deepEqual(Object.keys(a).sort(), ['id', 'kind', 'name']);
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
    assert.deepEqual(names(await anguan.get(`/api/v1/agencies?q=${encodeURIComponent('壶镇')}`)), ['缙云县公安局壶镇派出所']);
    assert.equal((await anguan.get(`/api/v1/agencies?q=${encodeURIComponent('法院')}`)).body.total, 0);
    assert.equal((await anguan.get('/api/v1/agencies?q=%25')).body.total, 0); // LIKE's % matches itself only
    const page = await anguan.get('/api/v1/agencies?limit=5');
    assert.equal(page.body.items.length, 5);
    assert.equal(page.body.total, 14);
    const rest = await anguan.get('/api/v1/agencies?limit=200&offset=5');
    assert.equal(rest.body.items.length, 9);
    assert.equal(new Set([...names(page), ...names(rest)]).size, 14);
  });

  test('bad parameters are refused, naming the parameter', async () => {
    for (const [query, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=abc', 'limit'],
      ['offset=-1', 'offset'], [`q=${encodeURIComponent('公'.repeat(51))}`, 'q'], ['q=%09x', 'q']]) {
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
    assert.equal((await anguan.get('/api/v1/agencies')).body.total, 15);
    // an agency already listed is not added again
    await register(newCase({ source_agency: '缙云县公安局' }));
    assert.equal((await anguan.get('/api/v1/agencies')).body.total, 15);
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
    assertError(await prosecutor.put(`/api/v1/cases/${c.id}`, { source_agency: '缙云县税务局', department_id: 999999 }),
      403, 'forbidden', 'department_id');
    assert.equal((await anguan.get(`/api/v1/agencies?q=${encodeURIComponent('税务')}`)).body.total, 0);
  });

  test("an office sees its own list only", async () => {
    const other = await otherOrg.get('/api/v1/agencies');
    assert.equal(other.status, 200, other.text);
    assert.equal(other.body.total, 0);
    assert.deepEqual(other.body.items, []);
    assert.equal((await otherOrg.get(`/api/v1/agencies?q=${encodeURIComponent('缙云')}`)).body.total, 0);
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
