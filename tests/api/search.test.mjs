// search.test.mjs: the case list's search box and sort through the real binary (docs/api-cases.md "GET /api/v1/cases":
// q, sort, dir): any fragment of 3+ characters of a title, name, ID number, 案号, 移送机关, 移送文号 or charge name;
// the short paths; hostile text taken literally; every write moving the index; another office never found; sort
// validated and applied, stable by id, across pages.
//
// The world is the demo procuratorate without cases (`jianwu demo-data --cases 0`) plus an unrelated organisation
// with its own department, prosecutor and case manager.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { addOrg, addUser, assertError, assertStatus, cliOk, initDb, makeTempDir, newDbTarget, rmTempDir, startServer }
  from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, anguan, other, depts, users;
const ids = {};

function newCase(over = {}) {
  return {
    case_type: 'prosecution_review', title: '张某盗窃案', source_agency: '缙云县公安局', received_on: '2025-03-05',
    department_id: depts['第一检察部'], assign: 'manual', prosecutor_id: users.prosecutor,
    persons: [{ name: '张某', custody: 'none', charges: ['theft'] }], ...over,
  };
}

async function register(c, body) {
  return assertStatus(await c.post('/api/v1/cases', body), 201);
}

/** The ids a list query finds, in order. */
async function found(c, query) {
  const res = await c.get('/api/v1/cases?' + new URLSearchParams(query));
  assert.equal(res.status, 200, res.text);
  return res.body.items.map((it) => it.id);
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'search.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_admin', role: 'admin', password: PW });
  addUser(db, { org: 'other', login: 'other_cm', role: 'case_manager', password: PW });
  server = await startServer(db);
  anguan = await server.client().loginOk('anguan', PW);
  depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
  const otherAdmin = await server.client().loginOk('other_admin', PW);
  const od = assertStatus(await otherAdmin.post('/api/v1/departments', { name: '第一检察部', kind: 'criminal' }), 201);
  const op = assertStatus(await otherAdmin.post('/api/v1/users', {
    login: 'other_pros', name: '另检察官', department_id: od.id, roles: ['prosecutor'], password: 'other-pros-pass-1',
  }), 201);
  other = await server.client().loginOk('other_cm', PW);

  ids.a = (await register(anguan, newCase({
    title: '欧阳某某非法吸收公众存款案', source_agency: '缙云县公安局经济犯罪侦查大队',
    source_number: '缙公经诉字〔2025〕0417号', received_on: '2025-03-01',
    persons: [{ name: '欧阳修远', id_number: '110105199003071239', custody: 'none', charges: ['fraud'] }],
  }))).id;
  ids.b = (await register(anguan, newCase({
    title: '李某故意伤害案', source_agency: '缙云县公安局城关派出所', received_on: '2025-03-02',
    persons: [{ name: '李四', id_number: '320583198511114560', custody: 'none', charges: ['intentional_injury'] }],
  }))).id;
  ids.c = (await register(anguan, newCase({
    title: '"引号" OR 100%_下划\\线 *', received_on: '2025-03-03', department_id: depts['第二检察部'],
    prosecutor_id: users.prosecutor2, persons: [{ name: '张三丰', custody: 'none', charges: ['theft'] }],
  }))).id;
  // the same words in another office
  ids.other = (await register(other, newCase({
    title: '欧阳某某非法吸收公众存款案', source_agency: '另一县公安局', department_id: od.id, prosecutor_id: op.id,
    persons: [{ name: '欧阳修远', id_number: '110105199003071239', custody: 'none', charges: ['fraud'] }],
  }))).id;
});

after(async () => {
  if (server) await server.stop();
  rmTempDir(dir);
});

describe('GET /api/v1/cases: q finds any part', () => {
  test('each field by a fragment from its middle', async () => {
    assert.deepEqual(await found(anguan, { q: '非法吸收' }), [ids.a]);
    assert.deepEqual(await found(anguan, { q: '阳修远' }), [ids.a]);
    assert.deepEqual(await found(anguan, { q: '19900307' }), [ids.a]);
    assert.deepEqual(await found(anguan, { q: '经济犯罪侦查' }), [ids.a]);
    assert.deepEqual(await found(anguan, { q: '经诉字〔2025〕04' }), [ids.a]);
    assert.deepEqual(await found(anguan, { q: '诈骗罪' }), [ids.a]);
    assert.deepEqual(await found(anguan, { q: '故意伤' }), [ids.b]);
    assert.deepEqual(await found(anguan, { q: '11114560' }), [ids.b]);
    const kase = assertStatus(await anguan.get(`/api/v1/cases/${ids.b}`), 200);
    const mid = [...kase.case_number].slice(2, -1).join(''); // without its first two characters and its last
    assert.ok([...mid].length >= 3, kase.case_number);
    assert.deepEqual(await found(anguan, { q: mid }), [ids.b]);
    // a valid ID number in full: the exact path, as before
    assert.deepEqual(await found(anguan, { q: '320583198511114560' }), [ids.b]);
    // the results and their count
    const res = assertStatus(await anguan.get('/api/v1/cases?q=' + encodeURIComponent('缙云县公安局')), 200);
    assert.deepEqual(res.items.map((it) => it.id), [ids.c, ids.b, ids.a]);
    assert.equal(res.total, 3);
    assert.equal(res.total_capped, false);
  });

  test('short searches: a name from its beginning, a fragment of a 案号', async () => {
    assert.deepEqual(await found(anguan, { q: '张三' }), [ids.c]);
    assert.deepEqual(await found(anguan, { q: '三丰' }), []); // two characters from the middle: no trigram
    assert.deepEqual(await found(anguan, { q: '李' }), [ids.b]);
    assert.deepEqual((await found(anguan, { q: '号' })).length, 3);
  });

  test('hostile text is matched literally', async () => {
    assert.deepEqual(await found(anguan, { q: '"引号" OR' }), [ids.c]);
    assert.deepEqual(await found(anguan, { q: '100%_' }), [ids.c]);
    assert.deepEqual(await found(anguan, { q: '下划\\线 *' }), [ids.c]);
    for (const q of ['张某 OR 李某', '盗窃*', '%%%', '___', '"""', 'NEAR(李某 张某)', '(李某)', '^李某', '-李某', '\\\\\\']) {
      assert.deepEqual(await found(anguan, { q }), [], q);
    }
    // 4-byte characters are text too
    assertError(await anguan.get('/api/v1/cases?q=' + encodeURIComponent('a\tb')), 400, 'validation_failed', 'q');
    assert.deepEqual(await found(anguan, { q: '\u{20BB7}\u{20000}\u{20BB7}' }), []);
  });

  test('another office is never found, and finds only its own', async () => {
    for (const q of ['非法吸收', '欧阳修远', '欧阳', '07123', '110105199003071239']) {
      assert.deepEqual(await found(anguan, { q }), [ids.a], q);
      assert.deepEqual(await found(other, { q }), [ids.other], q);
    }
    assert.deepEqual(await found(anguan, { q: '另一县公安局' }), []);
    assert.deepEqual(await found(anguan, { q: '非法吸收', sort: 'title', dir: 'asc' }), [ids.a]);
  });

  test('a search combines with the other filters', async () => {
    assert.deepEqual(await found(anguan, { q: '缙云县公安局', department_id: depts['第二检察部'] }), [ids.c]);
    assert.deepEqual(await found(anguan, { q: '缙云县公安局', charge: 'fraud' }), [ids.a]);
    assert.deepEqual(await found(anguan, { q: '缙云县公安局', received_from: '2025-03-02', received_to: '2025-03-02' }),
      [ids.b]);
    assert.deepEqual(await found(anguan, { q: '缙云县公安局', status: 'concluded' }), []);
  });

  test('an edit moves the index at once', async () => {
    const d = await register(anguan, newCase({ title: '周某危险驾驶案', received_on: '2025-02-01',
      persons: [{ name: '周伯通', custody: 'none', charges: ['dangerous_driving'] }] }));
    assert.deepEqual(await found(anguan, { q: '危险驾驶案' }), [d.id]);
    assertStatus(await anguan.put(`/api/v1/cases/${d.id}`, { title: '周某交通肇事案' }), 200);
    assert.deepEqual(await found(anguan, { q: '危险驾驶案' }), []);
    assert.deepEqual(await found(anguan, { q: '交通肇事案' }), [d.id]);
    assertStatus(await anguan.put(`/api/v1/cases/${d.id}/persons/${d.persons[0].id}`, { name: '周芷若' }), 200);
    assert.deepEqual(await found(anguan, { q: '周伯通' }), []);
    assert.deepEqual(await found(anguan, { q: '周芷若' }), [d.id]);
    assertStatus(await anguan.post(`/api/v1/cases/${d.id}/persons`,
      { name: '张无忌', id_number: '440306197702147890', custody: 'none', charges: ['theft'] }), 201);
    assert.deepEqual(await found(anguan, { q: '19770214' }), [d.id]);
    // a refused edit changes nothing
    assertError(await anguan.put(`/api/v1/cases/${d.id}`, { title: '' }), 400, 'validation_failed', 'title');
    assert.deepEqual(await found(anguan, { q: '交通肇事案' }), [d.id]);
    ids.d = d.id;
  });
});

describe('GET /api/v1/cases: sort and dir', () => {
  test('unknown columns and directions are refused, naming the parameter', async () => {
    for (const sort of ['id', 'c.id', 'title;', 'received_on desc', 'TITLE']) {
      const res = await anguan.get('/api/v1/cases?sort=' + encodeURIComponent(sort));
      assertError(res, 400, 'validation_failed', 'sort');
      assert.match(res.body.error.message, /sort/);
      assert.match(res.body.error.message, /received_on/);
    }
    for (const dir of ['up', 'ASC', 'descending']) {
      const res = await anguan.get('/api/v1/cases?dir=' + encodeURIComponent(dir));
      assertError(res, 400, 'validation_failed', 'dir');
      assert.match(res.body.error.message, /asc/);
    }
  });

  test('every column, both directions, stable by id across pages', async () => {
    const all = await found(anguan, { limit: 50 });
    assert.deepEqual(all, [ids.c, ids.b, ids.a, ids.d]); // received, newest first
    assert.deepEqual(await found(anguan, { sort: 'received_on', dir: 'asc' }), [ids.d, ids.a, ids.b, ids.c]);
    assert.deepEqual(await found(anguan, { sort: 'received_on', dir: 'desc' }), all);
    // code-point order of the titles: 周 U+5468, 李 U+674E, 欧 U+6B27, '"' first
    assert.deepEqual(await found(anguan, { sort: 'title', dir: 'asc' }), [ids.c, ids.d, ids.b, ids.a]);
    assert.deepEqual(await found(anguan, { sort: 'title', dir: 'desc' }), [ids.a, ids.b, ids.d, ids.c]);
    assert.deepEqual(await found(anguan, { sort: 'case_number', dir: 'asc' }), [ids.a, ids.b, ids.c, ids.d]);
    // one type and status: the ties go by id in the direction asked
    assert.deepEqual(await found(anguan, { sort: 'case_type', dir: 'asc' }), [ids.a, ids.b, ids.c, ids.d]);
    assert.deepEqual(await found(anguan, { sort: 'status', dir: 'desc' }), [ids.d, ids.c, ids.b, ids.a]);
    // 第一检察部 before 第二检察部; the prosecutors' names
    assert.deepEqual(await found(anguan, { sort: 'department', dir: 'asc' }), [ids.a, ids.b, ids.d, ids.c]);
    const pros = await anguan.get('/api/v1/cases?sort=prosecutor&dir=asc');
    const names = pros.body.items.map((it) => it.prosecutor_name);
    assert.deepEqual(names, [...names].sort());
    const due = (await anguan.get('/api/v1/cases?sort=next_due&dir=asc')).body.items.map((it) => it.next_due);
    assert.deepEqual(due, [...due].sort());
    // pages of 2 in title order
    assert.deepEqual(await found(anguan, { sort: 'title', dir: 'asc', limit: 2, offset: 0 }), [ids.c, ids.d]);
    assert.deepEqual(await found(anguan, { sort: 'title', dir: 'asc', limit: 2, offset: 2 }), [ids.b, ids.a]);
    // with a search
    assert.deepEqual(await found(anguan, { q: '缙云县公安局', sort: 'title', dir: 'desc' }), [ids.a, ids.b, ids.d, ids.c]);
  });
});
