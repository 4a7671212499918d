// isolation.test.mjs: organisations never see each other's records (docs/api.md: "404 not_found ... a record that
// does not exist or belongs to another organisation"; users, departments and the audit log are of the user's own
// organisation; organisations: own and below).
//
// World: A (city) with sub-organisation A1 (county) below it, and an unrelated B (county); an admin in each.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { assertError, assertStatus, auditAll, makeWorld, rmTempDir, startServer } from './helpers.mjs';

const PW = { a: 'admin-a-pass', a1: 'admin-a1-pass', b: 'admin-b-pass' };

describe('isolation between organisations', { timeout: 180_000 }, () => {
  let w;
  let srv;
  let A;
  let A1;
  let B;
  let ids; // org ids
  const rec = {}; // records made through the API

  before(async () => {
    w = makeWorld({
      orgs: [
        { code: 'orga', name: '甲市人民检察院', level: 'city' },
        { code: 'orga1', name: '甲市乙县人民检察院', level: 'county', parent: 'orga' },
        { code: 'orgb', name: '丙县人民检察院', level: 'county' },
      ],
      users: [
        { org: 'orga', login: 'admin.a', role: 'admin', name: '甲管理员', password: PW.a },
        { org: 'orga1', login: 'admin.a1', role: 'admin', name: '乙管理员', password: PW.a1 },
        { org: 'orgb', login: 'admin.b', role: 'admin', name: '丙管理员', password: PW.b },
      ],
    });
    ids = w.orgIds;
    srv = await startServer(w.db);
    [A, A1, B] = await Promise.all([
      srv.client().loginOk('admin.a', PW.a),
      srv.client().loginOk('admin.a1', PW.a1),
      srv.client().loginOk('admin.b', PW.b),
    ]);
    rec.deptA = assertStatus(await A.post('/api/v1/departments', { name: '第一检察部', kind: 'criminal' }), 201);
    rec.deptA1 = assertStatus(await A1.post('/api/v1/departments', { name: '第一检察部', kind: 'criminal' }), 201);
    rec.deptB = assertStatus(await B.post('/api/v1/departments', { name: '第一检察部', kind: 'criminal' }), 201);
    rec.userA = assertStatus(await A.post('/api/v1/users', {
      login: 'a.user', name: '甲用户', department_id: rec.deptA.id, roles: ['prosecutor'], password: 'a-user-pass-1',
    }), 201);
    rec.userB = assertStatus(await B.post('/api/v1/users', {
      login: 'b.user', name: '丙用户', department_id: rec.deptB.id, roles: ['prosecutor'], password: 'b-user-pass-1',
    }), 201);
    rec.subB = assertStatus(
      await B.post('/api/v1/orgs', { code: 'orgb-sub', name: '丙县派驻室', level: 'county', parent_id: ids.orgb }), 201,
    );
    assertStatus(await B.put(`/api/v1/departments/${rec.deptB.id}`, { kind: 'other' }), 200);
    // A failed login of a B user is B's business only.
    assertError(await srv.client().login('b.user', 'wrong-b-pass'), 401, 'login_failed');
  });

  after(async () => {
    if (srv && !srv.exited) await srv.kill9();
    rmTempDir(w?.dir);
  });

  async function snapshot() {
    const [ua, ub, da, db, aa, ab] = await Promise.all([
      A.get('/api/v1/users?limit=200'), B.get('/api/v1/users?limit=200'), A.get('/api/v1/departments'),
      B.get('/api/v1/departments'), A.get('/api/v1/audit?limit=1'), B.get('/api/v1/audit?limit=1'),
    ]);
    return {
      usersA: assertStatus(ua, 200).items,
      usersB: assertStatus(ub, 200).items,
      deptsA: assertStatus(da, 200).items,
      deptsB: assertStatus(db, 200).items,
      auditA: assertStatus(aa, 200).total,
      auditB: assertStatus(ab, 200).total,
      orgA: assertStatus(await A.get(`/api/v1/orgs/${ids.orga}`), 200),
      orgA1: assertStatus(await A.get(`/api/v1/orgs/${ids.orga1}`), 200),
    };
  }

  it("A's admin sees A and A1 in /orgs, not B", async () => {
    const list = assertStatus(await A.get('/api/v1/orgs'), 200);
    assert.deepEqual(list.items.map((o) => o.code).sort(), ['orga', 'orga1']);
    const a1 = assertStatus(await A.get(`/api/v1/orgs/${ids.orga1}`), 200);
    assert.equal(a1.parent_id, ids.orga);
    assertError(await A.get(`/api/v1/orgs/${ids.orgb}`), 404, 'not_found');
    assertError(await A.get(`/api/v1/orgs/${rec.subB.id}`), 404, 'not_found');
  });

  it("A1's admin sees A1 only: the parent A is not visible", async () => {
    const list = assertStatus(await A1.get('/api/v1/orgs'), 200);
    assert.deepEqual(list.items.map((o) => o.code), ['orga1']);
    assertError(await A1.get(`/api/v1/orgs/${ids.orga}`), 404, 'not_found');
    assertError(await A1.put(`/api/v1/orgs/${ids.orga}`, { name: '篡改' }), 404, 'not_found');
    assertError(
      await A1.post('/api/v1/orgs', { code: 'a1-up', name: '越级', level: 'county', parent_id: ids.orga }),
      400, 'validation_failed', 'parent_id',
    );
  });

  it("B's admin gets 404 for A's and A1's organisations (GET and PUT), and A stays unchanged", async () => {
    const before0 = await snapshot();
    const list = assertStatus(await B.get('/api/v1/orgs'), 200);
    assert.deepEqual(list.items.map((o) => o.code).sort(), ['orgb', 'orgb-sub']);
    for (const id of [ids.orga, ids.orga1]) {
      assertError(await B.get(`/api/v1/orgs/${id}`), 404, 'not_found');
      assertError(await B.put(`/api/v1/orgs/${id}`, { name: '被篡改' }), 404, 'not_found');
    }
    assert.deepEqual(await snapshot(), before0);
  });

  it("B's admin cannot create a sub-organisation under A or A1 (400 field parent_id)", async () => {
    const before0 = await snapshot();
    for (const parent of [ids.orga, ids.orga1]) {
      assertError(
        await B.post('/api/v1/orgs', { code: `b-under-${parent}`, name: '越权机构', level: 'county', parent_id: parent }),
        400, 'validation_failed', 'parent_id',
      );
    }
    assert.deepEqual(await snapshot(), before0);
    assert.deepEqual(assertStatus(await A.get('/api/v1/orgs'), 200).items.map((o) => o.code).sort(), ['orga', 'orga1']);
  });

  it("B's admin gets 404 for A's users (GET, PUT, password reset) and nothing changes", async () => {
    const before0 = await snapshot();
    for (const id of [rec.userA.id, A.user.id, A1.user.id]) {
      assertError(await B.get(`/api/v1/users/${id}`), 404, 'not_found');
      assertError(await B.put(`/api/v1/users/${id}`, { name: '被篡改' }), 404, 'not_found');
      assertError(await B.put(`/api/v1/users/${id}`, { active: false }), 404, 'not_found');
      assertError(await B.put(`/api/v1/users/${id}`, { roles: ['clerk'] }), 404, 'not_found');
      assertError(await B.post(`/api/v1/users/${id}/password`, { password: 'taken-over-1' }), 404, 'not_found');
    }
    assert.deepEqual(await snapshot(), before0);
    // A reset would have ended A's sessions: they are alive.
    assertStatus(await A.get('/api/v1/session'), 200);
    assertStatus(await A1.get('/api/v1/session'), 200);
  });

  it("B's admin gets 404 for A's departments and cannot attach users to them", async () => {
    const before0 = await snapshot();
    for (const d of [rec.deptA, rec.deptA1]) {
      assertError(await B.put(`/api/v1/departments/${d.id}`, { name: '被篡改' }), 404, 'not_found');
      assertError(await B.put(`/api/v1/departments/${d.id}`, { kind: 'office' }), 404, 'not_found');
      assertError(
        await B.post('/api/v1/users', {
          login: `b.in.a${d.id}`, name: '越权', department_id: d.id, roles: ['clerk'], password: 'b-into-a-pass',
        }),
        400, 'validation_failed', 'department_id',
      );
      assertError(await B.put(`/api/v1/users/${rec.userB.id}`, { department_id: d.id }), 400, 'validation_failed', 'department_id');
      const filtered = assertStatus(await B.get(`/api/v1/users?department_id=${d.id}`), 200);
      assert.equal(filtered.total, 0);
    }
    assert.deepEqual(await snapshot(), before0);
    assert.deepEqual(assertStatus(await B.get('/api/v1/departments'), 200).items.map((d) => d.id), [rec.deptB.id]);
  });

  it("A's user list never contains B's (or A1's) users, whatever the filter", async () => {
    const foreign = new Set([B.user.id, rec.userB.id, A1.user.id]);
    const queries = ['', 'q=b.user', 'q=admin', `q=${encodeURIComponent('丙')}`, 'role=prosecutor', 'role=admin',
      'active=true', 'active=false', `department_id=${rec.deptB.id}`, 'limit=200'];
    for (const q of queries) {
      const page = assertStatus(await A.get(`/api/v1/users?${q}`), 200);
      for (const u of page.items) {
        assert.ok(!foreign.has(u.id), `foreign user ${u.login} listed for ?${q}`);
        assert.equal(u.org_id, ids.orga);
      }
    }
    const all = assertStatus(await A.get('/api/v1/users?limit=200'), 200);
    assert.deepEqual(all.items.map((u) => u.login).sort(), ['a.user', 'admin.a']);
    assert.equal(all.total, 2);
    assertError(await A.get(`/api/v1/users/${A1.user.id}`), 404, 'not_found');
    const bAll = assertStatus(await B.get('/api/v1/users?limit=200'), 200);
    assert.deepEqual(bAll.items.map((u) => u.login).sort(), ['admin.b', 'b.user']);
  });

  it("A's departments exclude A1's and B's", async () => {
    const list = assertStatus(await A.get('/api/v1/departments'), 200);
    assert.deepEqual(list.items.map((d) => d.id), [rec.deptA.id]);
    assertError(await A.put(`/api/v1/departments/${rec.deptA1.id}`, { name: '越权' }), 404, 'not_found');
  });

  it("A's audit log never shows B's rows, and B's never shows A's", async () => {
    const a = await auditAll(A);
    const b = await auditAll(B);
    assert.ok(a.total > 0 && b.total > 0);
    const aIds = new Set(a.items.map((e) => e.id));
    for (const e of b.items) assert.ok(!aIds.has(e.id), `row ${e.id} in both logs`);
    const bUsers = new Set([B.user.id, rec.userB.id]);
    const aUsers = new Set([A.user.id, rec.userA.id]);
    for (const e of a.items) {
      assert.ok(!bUsers.has(e.user_id), `A sees B's row ${JSON.stringify(e)}`);
      assert.doesNotMatch(JSON.stringify(e), /orgb|丙|b\.user|admin\.b/);
    }
    for (const e of b.items) {
      assert.ok(!aUsers.has(e.user_id), `B sees A's row ${JSON.stringify(e)}`);
      assert.doesNotMatch(JSON.stringify(e), /orga|甲|a\.user|admin\.a/);
    }
    // B's own writes are in B's log.
    assert.ok(b.items.some((e) => e.action === 'org.create' && e.entity_id === String(rec.subB.id)));
    assert.ok(b.items.some((e) => e.action === 'user.create' && e.entity_id === String(rec.userB.id)));
    assert.ok(b.items.some((e) => e.action === 'department.update' && e.entity_id === String(rec.deptB.id)));
    assert.ok(b.items.some((e) => e.action === 'session.login_failed' && e.user_id === rec.userB.id));
    // Filters do not reach across either.
    assert.equal((await auditAll(A, `user_id=${B.user.id}`)).total, 0);
    assert.equal((await auditAll(A, `user_id=${rec.userB.id}`)).total, 0);
    assert.equal((await auditAll(A, 'action=session.login_failed')).total, 0);
    // A1's rows are A1's: not in A's log.
    const a1 = await auditAll(A1);
    const a1Ids = new Set(a1.items.map((e) => e.id));
    for (const e of a.items) assert.ok(!a1Ids.has(e.id));
    assert.equal((await auditAll(A, `user_id=${A1.user.id}`)).total, 0);
  });

  it('codes and logins are unique across the deployment (409), without revealing the other record', async () => {
    const before0 = await snapshot();
    const res = await B.post('/api/v1/users', { login: 'a.user', name: '重名', roles: ['clerk'], password: 'dup-login-pass' });
    assertError(res, 409, 'conflict', 'login');
    assert.doesNotMatch(res.text, /甲|orga/);
    const r2 = await B.post('/api/v1/orgs', { code: 'orga1', name: '重码', level: 'county', parent_id: ids.orgb });
    assertError(r2, 409, 'conflict', 'code');
    assert.doesNotMatch(r2.text, /甲|乙/);
    assert.deepEqual(await snapshot(), before0);
  });

  it('server stops cleanly on SIGTERM: exit 0, no sanitizer report', async () => {
    await srv.stop();
  });
});
