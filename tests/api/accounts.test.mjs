// accounts.test.mjs: organisations, departments, users, permissions and the audit log of those writes
// (docs/api.md "Organisations", "Departments", "Users", "Roles and permissions", "Audit log").
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  assertError, assertStatus, auditAll, auditVerify, makeWorld, rmTempDir, startServer, utcDate,
} from './helpers.mjs';

const ADMIN_PW = 'admin-pass-1';
// Every password this file sends: none may ever show up in the audit log.
const PASSWORDS = new Set([ADMIN_PW]);
function pw(p) {
  PASSWORDS.add(p);
  return p;
}

describe('accounts', { timeout: 180_000 }, () => {
  let w;
  let srv;
  let admin;
  let orgId;
  const made = { orgs: {}, depts: {}, users: {} };

  before(async () => {
    w = makeWorld({
      orgs: [{ code: 'jinyun', name: '缙云县人民检察院', level: 'county' }],
      users: [{ org: 'jinyun', login: 'admin', role: 'admin', name: '管理员', password: ADMIN_PW }],
    });
    orgId = w.orgIds.jinyun;
    srv = await startServer(w.db);
    admin = await srv.client().loginOk('admin', ADMIN_PW);
  });

  after(async () => {
    if (srv && !srv.exited) await srv.kill9();
    rmTempDir(w?.dir);
  });

  /** Audit total, users total, departments and orgs count: to prove a refused request wrote nothing. */
  async function counts() {
    return {
      audit: assertStatus(await admin.get('/api/v1/audit?limit=1'), 200).total,
      users: assertStatus(await admin.get('/api/v1/users?limit=1'), 200).total,
      depts: assertStatus(await admin.get('/api/v1/departments'), 200).items.length,
      orgs: assertStatus(await admin.get('/api/v1/orgs'), 200).items.length,
    };
  }

  /** The newest audit entry of an action (and entity id). */
  async function lastAudit(action, entityId) {
    const { items } = await auditAll(admin, `action=${action}`);
    const hit = items.find((e) => entityId === undefined || e.entity_id === String(entityId));
    assert.ok(hit, `audit entry ${action} ${entityId ?? ''} missing`);
    return hit;
  }

  describe('organisations', () => {
    it('lists own organisation and gets it by id', async () => {
      const list = assertStatus(await admin.get('/api/v1/orgs'), 200);
      assert.equal(list.items.length, 1);
      const o = list.items[0];
      assert.equal(o.id, orgId);
      assert.equal(o.code, 'jinyun');
      assert.equal(o.name, '缙云县人民检察院');
      assert.equal(o.level, 'county');
      assert.equal(o.parent_id, null);
      assert.match(o.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.deepEqual(assertStatus(await admin.get(`/api/v1/orgs/${orgId}`), 200), o);
      assertError(await admin.get('/api/v1/orgs/999999'), 404, 'not_found');
    });

    it('creates a sub-organisation (201) and one below it, with audit rows', async () => {
      const res = await admin.post('/api/v1/orgs', {
        code: 'jinyun-pz1', name: '缙云县人民检察院驻看守所检察室', level: 'county', parent_id: orgId,
      });
      const sub = assertStatus(res, 201);
      assert.equal(sub.code, 'jinyun-pz1');
      assert.equal(sub.parent_id, orgId);
      assert.equal(sub.level, 'county');
      assert.equal(typeof sub.id, 'number');
      made.orgs.sub = sub;
      const sub2 = assertStatus(
        await admin.post('/api/v1/orgs', { code: 'jinyun_pz1_a', name: '下级机构', level: 'county', parent_id: sub.id }),
        201,
      );
      assert.equal(sub2.parent_id, sub.id);
      made.orgs.sub2 = sub2;
      const list = assertStatus(await admin.get('/api/v1/orgs'), 200);
      assert.deepEqual(list.items.map((o) => o.id).sort((a, b) => a - b), [orgId, sub.id, sub2.id].sort((a, b) => a - b));
      assert.deepEqual(assertStatus(await admin.get(`/api/v1/orgs/${sub2.id}`), 200), sub2);

      const a = await lastAudit('org.create', sub.id);
      assert.equal(a.entity, 'org');
      assert.equal(a.user_id, admin.user.id);
      assert.equal(a.user_login, 'admin');
      assert.equal(a.before, null);
      assert.equal(a.after.code, 'jinyun-pz1');
      assert.equal(a.after.name, '缙云县人民检察院驻看守所检察室');
      assert.equal(a.after.parent_id, orgId);
    });

    it('duplicate code is 409 conflict (field code) and writes nothing', async () => {
      const c0 = await counts();
      const res = await admin.post('/api/v1/orgs', { code: 'jinyun-pz1', name: '重复', level: 'county', parent_id: orgId });
      assertError(res, 409, 'conflict', 'code');
      assertError(
        await admin.post('/api/v1/orgs', { code: 'jinyun', name: '重复', level: 'county', parent_id: orgId }),
        409, 'conflict', 'code',
      );
      assert.deepEqual(await counts(), c0);
    });

    it('invalid code, level, name or parent is 400 with the field, and writes nothing', async () => {
      const c0 = await counts();
      const base = { code: 'ok-code', name: '机构', level: 'county', parent_id: orgId };
      const cases = [
        [{ code: 'a' }, 'code'],
        [{ code: 'x'.repeat(33) }, 'code'],
        [{ code: 'Upper' }, 'code'],
        [{ code: 'has space' }, 'code'],
        [{ code: 'dot.not' }, 'code'],
        [{ code: '中文代码' }, 'code'],
        [{ code: 12 }, 'code'],
        [{ level: 'town' }, 'level'],
        [{ level: 'County' }, 'level'],
        [{ level: null }, 'level'],
        [{ name: '' }, 'name'],
        [{ name: '院'.repeat(101) }, 'name'],
        [{ name: 'a\nb' }, 'name'],
        [{ parent_id: 999999 }, 'parent_id'],
        [{ parent_id: 0 }, 'parent_id'],
        [{ parent_id: -1 }, 'parent_id'],
        [{ parent_id: String(orgId) }, 'parent_id'],
        [{ extra: 1 }, 'extra'],
      ];
      for (const [patch, field] of cases) {
        const res = await admin.post('/api/v1/orgs', { ...base, ...patch });
        assertError(res, 400, 'validation_failed', field);
      }
      for (const missing of ['code', 'name', 'level']) {
        const body = { ...base };
        delete body[missing];
        assertError(await admin.post('/api/v1/orgs', body), 400, 'validation_failed', missing);
      }
      assert.deepEqual(await counts(), c0);
      // The boundaries themselves are accepted: 100 characters of name, 32 of code, 2 of code.
      assertStatus(await admin.post('/api/v1/orgs', { ...base, code: 'y'.repeat(32), name: '院'.repeat(100) }), 201);
      assertStatus(await admin.post('/api/v1/orgs', { ...base, code: 'yz', level: 'province' }), 201);
    });

    it('updates the name (200) with an audit row holding before and after', async () => {
      const sub = made.orgs.sub;
      const res = await admin.put(`/api/v1/orgs/${sub.id}`, { name: '缙云县人民检察院驻所检察室' });
      const o = assertStatus(res, 200);
      assert.equal(o.name, '缙云县人民检察院驻所检察室');
      assert.equal(o.code, sub.code);
      assert.equal(assertStatus(await admin.get(`/api/v1/orgs/${sub.id}`), 200).name, '缙云县人民检察院驻所检察室');
      const a = await lastAudit('org.update', sub.id);
      assert.equal(a.entity, 'org');
      assert.equal(a.before.name, '缙云县人民检察院驻看守所检察室');
      assert.equal(a.after.name, '缙云县人民检察院驻所检察室');
      made.orgs.sub.name = o.name;
    });

    it('update refuses other fields, a bad name, and unknown ids', async () => {
      const c0 = await counts();
      const p = `/api/v1/orgs/${made.orgs.sub.id}`;
      assertError(await admin.put(p, { name: 'x', code: 'changed' }), 400, 'validation_failed', 'code');
      assertError(await admin.put(p, { level: 'city' }), 400, 'validation_failed', 'level');
      assertError(await admin.put(p, {}), 400, 'validation_failed', 'name');
      assertError(await admin.put(p, { name: '' }), 400, 'validation_failed', 'name');
      assertError(await admin.put('/api/v1/orgs/999999', { name: '不存在' }), 404, 'not_found');
      assert.deepEqual(await counts(), c0);
    });
  });

  describe('departments', () => {
    it('creates departments (201) with an audit row', async () => {
      const res = await admin.post('/api/v1/departments', { name: '第一检察部', kind: 'criminal' });
      const d = assertStatus(res, 201);
      assert.equal(d.name, '第一检察部');
      assert.equal(d.kind, 'criminal');
      assert.equal(d.user_count, 0);
      assert.equal(typeof d.id, 'number');
      assert.match(d.created_at, /Z$/);
      made.depts.first = d;
      made.depts.second = assertStatus(await admin.post('/api/v1/departments', { name: '第二检察部', kind: 'criminal' }), 201);
      made.depts.office = assertStatus(await admin.post('/api/v1/departments', { name: '办公室', kind: 'office' }), 201);
      const list = assertStatus(await admin.get('/api/v1/departments'), 200);
      assert.deepEqual(list.items.map((x) => x.name), ['第一检察部', '第二检察部', '办公室']);
      const a = await lastAudit('department.create', d.id);
      assert.equal(a.entity, 'department');
      assert.equal(a.before, null);
      assert.equal(a.after.name, '第一检察部');
      assert.equal(a.after.kind, 'criminal');
    });

    it('every documented kind is accepted', async () => {
      for (const kind of ['case_management', 'administrative', 'petition', 'political', 'leadership', 'other']) {
        assertStatus(await admin.post('/api/v1/departments', { name: `部门-${kind}`, kind }), 201);
      }
    });

    it('duplicate name is 409 conflict; bad kind 400 field kind; nothing written', async () => {
      const c0 = await counts();
      assertError(await admin.post('/api/v1/departments', { name: '第一检察部', kind: 'office' }), 409, 'conflict');
      assertError(await admin.post('/api/v1/departments', { name: '新部门', kind: 'secret' }), 400, 'validation_failed', 'kind');
      assertError(await admin.post('/api/v1/departments', { name: '新部门', kind: '' }), 400, 'validation_failed', 'kind');
      assertError(await admin.post('/api/v1/departments', { name: '新部门' }), 400, 'validation_failed', 'kind');
      assertError(await admin.post('/api/v1/departments', { kind: 'office' }), 400, 'validation_failed', 'name');
      assertError(await admin.post('/api/v1/departments', { name: '', kind: 'office' }), 400, 'validation_failed', 'name');
      assert.deepEqual(await counts(), c0);
    });

    it('updates name and kind (200) with before/after in the audit log', async () => {
      const d = made.depts.second;
      const r1 = assertStatus(await admin.put(`/api/v1/departments/${d.id}`, { name: '第二检察部（未成年人）' }), 200);
      assert.equal(r1.name, '第二检察部（未成年人）');
      assert.equal(r1.kind, 'criminal');
      const r2 = assertStatus(await admin.put(`/api/v1/departments/${d.id}`, { kind: 'administrative' }), 200);
      assert.equal(r2.name, '第二检察部（未成年人）');
      assert.equal(r2.kind, 'administrative');
      const a = await lastAudit('department.update', d.id);
      assert.equal(a.entity, 'department');
      assert.equal(a.before.kind, 'criminal');
      assert.equal(a.after.kind, 'administrative');
      assert.equal(a.before.name, '第二检察部（未成年人）');
      made.depts.second = r2;
    });

    it('update refuses a bad kind, a taken name and unknown ids; nothing written', async () => {
      const c0 = await counts();
      const p = `/api/v1/departments/${made.depts.second.id}`;
      assertError(await admin.put(p, { kind: 'nope' }), 400, 'validation_failed', 'kind');
      assertError(await admin.put(p, { name: '第一检察部' }), 409, 'conflict');
      assertError(await admin.put(p, { name: 'x', org_id: 2 }), 400, 'validation_failed', 'org_id');
      assertError(await admin.put('/api/v1/departments/999999', { name: '不存在' }), 404, 'not_found');
      assert.deepEqual(await counts(), c0);
      const list = assertStatus(await admin.get('/api/v1/departments'), 200);
      assert.equal(list.items.find((x) => x.id === made.depts.second.id).name, '第二检察部（未成年人）');
    });
  });

  describe('users', () => {
    it('creates users with roles and a department (201); the reply never carries the password', async () => {
      const body = {
        login: 'lisi', name: '李四', department_id: made.depts.first.id, roles: ['prosecutor', 'assistant'],
        password: pw('lisi-pass-1'),
      };
      const res = await admin.post('/api/v1/users', body);
      const u = assertStatus(res, 201);
      assert.equal(u.login, 'lisi');
      assert.equal(u.name, '李四');
      assert.equal(u.org_id, orgId);
      assert.equal(u.org_code, 'jinyun');
      assert.equal(u.department_id, made.depts.first.id);
      assert.equal(u.department_name, '第一检察部');
      assert.deepEqual([...u.roles].sort(), ['assistant', 'prosecutor']);
      assert.ok(u.permissions.includes('self') && u.permissions.includes('org.read'));
      assert.ok(!u.permissions.includes('admin.manage') && !u.permissions.includes('audit.read'));
      assert.equal(u.active, true);
      assert.doesNotMatch(res.text, /lisi-pass-1|argon2|password/i);
      made.users.lisi = u;
      made.users.leader = assertStatus(await admin.post('/api/v1/users', {
        login: 'wang.leader', name: '王检察长', department_id: null, roles: ['leader'], password: pw('leader-pass-1'),
      }), 201);
      assert.equal(made.users.leader.department_id, null);
      made.users.zhao = assertStatus(await admin.post('/api/v1/users', {
        login: 'zhao_6', name: '赵六', department_id: made.depts.second.id, roles: ['clerk'], password: pw('zhao-pass-1'),
      }), 201);
      made.users.qian = assertStatus(await admin.post('/api/v1/users', {
        login: 'qian-7', name: '钱七', department_id: made.depts.first.id, roles: ['prosecutor'], password: pw('qian-pass-1'),
      }), 201);
      const d = assertStatus(await admin.get('/api/v1/departments'), 200).items.find((x) => x.id === made.depts.first.id);
      assert.equal(d.user_count, 2);

      const a = await lastAudit('user.create', u.id);
      assert.equal(a.entity, 'user');
      assert.equal(a.before, null);
      assert.equal(a.after.login, 'lisi');
      assert.deepEqual([...a.after.roles].sort(), ['assistant', 'prosecutor']);
      assert.equal(a.after.department_id, made.depts.first.id);
    });

    it('refuses a taken login (409 field login), unknown or bad roles, a short password, a bad login', async () => {
      const c0 = await counts();
      const base = { login: 'newbie', name: '新人', roles: ['clerk'], password: pw('newbie-pass-1') };
      assertError(await admin.post('/api/v1/users', { ...base, login: 'lisi' }), 409, 'conflict', 'login');
      assertError(await admin.post('/api/v1/users', { ...base, login: 'admin' }), 409, 'conflict', 'login');
      const cases = [
        [{ roles: ['janitor'] }, 'roles'],
        [{ roles: ['clerk', 'janitor'] }, 'roles'],
        [{ roles: ['Admin'] }, 'roles'],
        [{ roles: [] }, 'roles'],
        [{ roles: ['clerk', 'clerk'] }, 'roles'],
        [{ roles: ['clerk', 1] }, 'roles'],
        [{ roles: 'clerk' }, 'roles'],
        [{ roles: Array(10).fill('clerk') }, 'roles'],
        [{ password: pw('short12') }, 'password'],
        [{ password: '密码密码密码密' }, 'password'], // 7 code points, 21 bytes
        [{ password: '检察院办案系统密码' }, 'password'], // 9 code points: one short of 10
        [{ password: '12345678' }, 'password'], // accepted before the 10-character rule
        [{ password: '        ' }, 'password'], // eight spaces
        [{ password: ' '.repeat(10) }, 'password'], // ten spaces: one character repeated
        [{ password: '1234567890' }, 'password'], // a run
        [{ password: 'Password@2026' }, 'password'], // "password" is in Debian's cracklib word list
        [{ password: 'administrator' }, 'password'],
        [{ password: 'p'.repeat(129) }, 'password'],
        [{ login: 'n' }, 'login'],
        [{ login: 'n'.repeat(33) }, 'login'],
        [{ login: 'NewBie' }, 'login'],
        [{ login: 'new bie' }, 'login'],
        [{ login: 'new@bie' }, 'login'],
        [{ login: '新人' }, 'login'],
        [{ name: '' }, 'name'],
        [{ department_id: 999999 }, 'department_id'],
        [{ department_id: 0 }, 'department_id'],
        [{ department_id: 'x' }, 'department_id'],
        [{ active: true }, 'active'],
        [{ org_id: orgId }, 'org_id'],
      ];
      for (const [patch, field] of cases) {
        assertError(await admin.post('/api/v1/users', { ...base, ...patch }), 400, 'validation_failed', field);
      }
      assert.deepEqual(await counts(), c0);
      // Boundaries: 10 and 128 code points of password, 2 and 32 characters of login, 9 distinct roles.
      const all9 = ['admin', 'leader', 'prosecutor', 'assistant', 'case_manager', 'admin_prosecutor', 'petition_officer',
        'political_officer', 'clerk'];
      assertStatus(await admin.post('/api/v1/users', { ...base, login: 'b8', password: pw('检察院办案系统的密码') }), 201);
      assertStatus(await admin.post('/api/v1/users', { ...base, login: 'b'.repeat(32), password: pw('pass-'.repeat(26).slice(0, 128)) }), 201);
      const all = assertStatus(await admin.post('/api/v1/users', { ...base, login: 'allroles', roles: all9 }), 201);
      assert.deepEqual([...all.roles].sort(), [...all9].sort());
    });

    it('concurrent creations of the same login or department name: one succeeds, the others are 409', async () => {
      const c0 = await counts();
      const users = await Promise.all(Array.from({ length: 4 }, () => admin.post('/api/v1/users', {
        login: 'racey', name: '并发', roles: ['clerk'], password: pw('racey-pass-1'),
      })));
      assert.deepEqual(users.map((r) => r.status).sort(), [201, 409, 409, 409], users.map((r) => r.text).join('\n'));
      for (const r of users.filter((x) => x.status === 409)) assertError(r, 409, 'conflict', 'login');
      const depts = await Promise.all(Array.from({ length: 4 }, () => admin.post('/api/v1/departments', {
        name: '并发部门', kind: 'other',
      })));
      assert.deepEqual(depts.map((r) => r.status).sort(), [201, 409, 409, 409], depts.map((r) => r.text).join('\n'));
      const c1 = await counts();
      assert.equal(c1.users, c0.users + 1);
      assert.equal(c1.depts, c0.depts + 1);
      assert.equal(c1.audit, c0.audit + 2, 'one audit row per successful write, none for the refused ones');
      made.users.racey = users.find((r) => r.status === 201).body;
      made.depts.racey = depts.find((r) => r.status === 201).body;
    });

    it('lists with q, role, department_id, active filters and paging with a total', async () => {
      const all = assertStatus(await admin.get('/api/v1/users'), 200);
      assert.equal(all.limit, 50);
      assert.equal(all.offset, 0);
      assert.equal(all.total, all.items.length);
      assert.ok(all.total >= 8, `total ${all.total}`);

      const byName = assertStatus(await admin.get(`/api/v1/users?q=${encodeURIComponent('李')}`), 200);
      assert.deepEqual(byName.items.map((u) => u.login), ['lisi']);
      assert.equal(byName.total, 1);
      const byLogin = assertStatus(await admin.get('/api/v1/users?q=leader'), 200);
      assert.deepEqual(byLogin.items.map((u) => u.login), ['wang.leader']);
      // ASCII case does not matter, on either backend (PostgreSQL's LIKE alone would care)
      const upper = assertStatus(await admin.get('/api/v1/users?q=LeAdEr'), 200);
      assert.deepEqual(upper.items.map((u) => u.login), ['wang.leader']);
      // q is a literal substring: LIKE wildcards in it are not wildcards.
      assert.equal(assertStatus(await admin.get('/api/v1/users?q=%25'), 200).total, 0);
      assert.deepEqual(assertStatus(await admin.get('/api/v1/users?q=_'), 200).items.map((u) => u.login), ['zhao_6']);

      const prosecutors = assertStatus(await admin.get('/api/v1/users?role=prosecutor'), 200);
      assert.deepEqual(prosecutors.items.map((u) => u.login).sort(), ['allroles', 'lisi', 'qian-7']);
      const inFirst = assertStatus(await admin.get(`/api/v1/users?department_id=${made.depts.first.id}`), 200);
      assert.deepEqual(inFirst.items.map((u) => u.login).sort(), ['lisi', 'qian-7']);
      const both = assertStatus(
        await admin.get(`/api/v1/users?department_id=${made.depts.first.id}&role=assistant`), 200,
      );
      assert.deepEqual(both.items.map((u) => u.login), ['lisi']);
      assert.equal(assertStatus(await admin.get('/api/v1/users?active=false'), 200).total, 0);
      assert.equal(assertStatus(await admin.get('/api/v1/users?active=true'), 200).total, all.total);

      const p1 = assertStatus(await admin.get('/api/v1/users?limit=3&offset=0'), 200);
      const p2 = assertStatus(await admin.get('/api/v1/users?limit=3&offset=3'), 200);
      assert.equal(p1.items.length, 3);
      assert.equal(p1.limit, 3);
      assert.equal(p2.offset, 3);
      assert.equal(p1.total, all.total);
      assert.equal(p2.total, all.total);
      const ids = [...p1.items, ...p2.items].map((u) => u.id);
      assert.equal(new Set(ids).size, ids.length, 'pages do not overlap');
      assert.deepEqual(ids, all.items.slice(0, ids.length).map((u) => u.id));
      const beyond = assertStatus(await admin.get('/api/v1/users?offset=1000'), 200);
      assert.deepEqual(beyond.items, []);
      assert.equal(beyond.total, all.total);
      assert.equal(assertStatus(await admin.get('/api/v1/users?limit=200'), 200).limit, 200);

      assertError(await admin.get('/api/v1/users?limit=0'), 400, 'validation_failed', 'limit');
      assertError(await admin.get('/api/v1/users?limit=201'), 400, 'validation_failed', 'limit');
      assertError(await admin.get('/api/v1/users?limit=abc'), 400, 'validation_failed', 'limit');
      assertError(await admin.get('/api/v1/users?offset=-1'), 400, 'validation_failed', 'offset');
      assertError(await admin.get('/api/v1/users?active=yes'), 400, 'validation_failed', 'active');
      assertError(await admin.get('/api/v1/users?department_id=x'), 400, 'validation_failed', 'department_id');
      assertError(await admin.get(`/api/v1/users?q=${'q'.repeat(51)}`), 400, 'validation_failed', 'q');
      assertError(await admin.get('/api/v1/users?q=a%01b'), 400, 'validation_failed', 'q');
    });

    it('gets one user; unknown id is 404', async () => {
      const u = assertStatus(await admin.get(`/api/v1/users/${made.users.lisi.id}`), 200);
      assert.equal(u.login, 'lisi');
      assert.equal(u.department_name, '第一检察部');
      assertError(await admin.get('/api/v1/users/999999'), 404, 'not_found');
    });

    it('updates name, roles, department and active (200) with before/after in the audit log', async () => {
      const id = made.users.zhao.id;
      const u = assertStatus(await admin.put(`/api/v1/users/${id}`, { name: '赵六六', roles: ['assistant', 'clerk'] }), 200);
      assert.equal(u.name, '赵六六');
      assert.deepEqual([...u.roles].sort(), ['assistant', 'clerk']);
      assert.equal(u.department_id, made.depts.second.id, 'fields not sent are kept');
      const a = await lastAudit('user.update', id);
      assert.equal(a.entity, 'user');
      assert.equal(a.before.name, '赵六');
      assert.equal(a.after.name, '赵六六');
      assert.deepEqual(a.before.roles, ['clerk']);
      assert.deepEqual([...a.after.roles].sort(), ['assistant', 'clerk']);

      const u2 = assertStatus(await admin.put(`/api/v1/users/${id}`, { department_id: null }), 200);
      assert.equal(u2.department_id, null);
      assert.equal(u2.name, '赵六六');
      const u3 = assertStatus(await admin.put(`/api/v1/users/${id}`, { department_id: made.depts.office.id }), 200);
      assert.equal(u3.department_name, '办公室');

      const c0 = await counts();
      assertError(await admin.put(`/api/v1/users/${id}`, { roles: ['wizard'] }), 400, 'validation_failed', 'roles');
      assertError(await admin.put(`/api/v1/users/${id}`, { roles: [] }), 400, 'validation_failed', 'roles');
      assertError(await admin.put(`/api/v1/users/${id}`, { active: 'no' }), 400, 'validation_failed', 'active');
      assertError(await admin.put(`/api/v1/users/${id}`, { login: 'renamed' }), 400, 'validation_failed', 'login');
      assertError(await admin.put(`/api/v1/users/${id}`, { password: 'zhao-pass-9' }), 400, 'validation_failed', 'password');
      assertError(await admin.put(`/api/v1/users/${id}`, { department_id: 999999 }), 400, 'validation_failed', 'department_id');
      assertError(await admin.put('/api/v1/users/999999', { name: '不存在' }), 404, 'not_found');
      assert.deepEqual(await counts(), c0);
    });

    it('disabling a user ends their sessions and stops their login; enabling restores it', async () => {
      const id = made.users.qian.id;
      const q = await srv.client().loginOk('qian-7', 'qian-pass-1');
      assertStatus(await q.get('/api/v1/session'), 200);
      const u = assertStatus(await admin.put(`/api/v1/users/${id}`, { active: false }), 200);
      assert.equal(u.active, false);
      assertError(await q.get('/api/v1/session'), 401, 'unauthenticated');
      assertError(await srv.client().login('qian-7', 'qian-pass-1'), 401, 'login_failed');
      const inactive = assertStatus(await admin.get('/api/v1/users?active=false'), 200);
      assert.deepEqual(inactive.items.map((x) => x.login), ['qian-7']);
      const a = await lastAudit('user.update', id);
      assert.equal(a.before.active, true);
      assert.equal(a.after.active, false);
      assertStatus(await admin.put(`/api/v1/users/${id}`, { active: true }), 200);
      await srv.client().loginOk('qian-7', 'qian-pass-1');
    });

    it('an admin cannot disable themselves or drop their own admin role', async () => {
      const c0 = await counts();
      const me = `/api/v1/users/${admin.user.id}`;
      assertError(await admin.put(me, { active: false }), 400, 'validation_failed', 'active');
      assertError(await admin.put(me, { roles: ['leader'] }), 400, 'validation_failed', 'roles');
      assertError(await admin.put(me, { roles: ['leader'], name: '新名字' }), 400, 'validation_failed', 'roles');
      assert.deepEqual(await counts(), c0);
      const self = assertStatus(await admin.get('/api/v1/session'), 200).user;
      assert.deepEqual(self.roles, ['admin']);
      assert.equal(self.name, '管理员');
      // Keeping admin while adding a role is fine.
      const u = assertStatus(await admin.put(me, { roles: ['admin', 'leader'] }), 200);
      assert.deepEqual([...u.roles].sort(), ['admin', 'leader']);
    });

    it('a change of roles takes effect on the next request of an open session', async () => {
      const u = assertStatus(await admin.post('/api/v1/users', {
        login: 'second.admin', name: '副管理员', roles: ['admin'], password: pw('second-admin-1'),
      }), 201);
      const second = await srv.client().loginOk('second.admin', 'second-admin-1');
      assertStatus(await second.get('/api/v1/audit?limit=1'), 200);
      assertStatus(await admin.put(`/api/v1/users/${u.id}`, { roles: ['clerk'] }), 200);
      assertError(await second.get('/api/v1/audit?limit=1'), 403, 'forbidden');
      assertError(await second.post('/api/v1/departments', { name: '降级后', kind: 'office' }), 403, 'forbidden');
      const me = assertStatus(await second.get('/api/v1/session'), 200).user;
      assert.deepEqual(me.roles, ['clerk']);
      assert.ok(!me.permissions.includes('admin.manage'));
      made.users.second = u;
    });

    it('an admin resets a password: sessions end, the old password stops working, the new one works', async () => {
      const id = made.users.lisi.id;
      const l = await srv.client().loginOk('lisi', 'lisi-pass-1');
      const c0 = await counts();
      assertError(await admin.post(`/api/v1/users/${id}/password`, { password: 'short' }), 400, 'validation_failed', 'password');
      assertError(await admin.post(`/api/v1/users/${id}/password`, {}), 400, 'validation_failed', 'password');
      assertError(
        await admin.post(`/api/v1/users/${id}/password`, { password: 'lisi-pass-2', extra: 1 }), 400, 'validation_failed', 'extra',
      );
      assertError(await admin.post('/api/v1/users/999999/password', { password: 'whatever-pass' }), 404, 'not_found');
      assert.deepEqual(await counts(), c0);
      assertStatus(await l.get('/api/v1/session'), 200);

      const res = await admin.post(`/api/v1/users/${id}/password`, { password: pw('lisi-pass-2') });
      assert.deepEqual(assertStatus(res, 200), { ok: true });
      assertError(await l.get('/api/v1/session'), 401, 'unauthenticated');
      assertError(await srv.client().login('lisi', 'lisi-pass-1'), 401, 'login_failed');
      await srv.client().loginOk('lisi', 'lisi-pass-2');
      const a = await lastAudit('user.password_reset', id);
      assert.equal(a.entity, 'user');
      assert.equal(a.user_id, admin.user.id);
      assert.equal(a.before, null);
      assert.equal(a.after, null);
    });
  });

  describe('permissions', () => {
    let pros;
    let leader;
    before(async () => {
      pros = await srv.client().loginOk('lisi', 'lisi-pass-2');
      leader = await srv.client().loginOk('wang.leader', 'leader-pass-1');
    });

    it('a prosecutor reads the directory but cannot manage or read the audit log (403 forbidden)', async () => {
      const c0 = await counts();
      assertStatus(await pros.get('/api/v1/users'), 200);
      assertStatus(await pros.get(`/api/v1/users/${admin.user.id}`), 200);
      assertStatus(await pros.get('/api/v1/departments'), 200);
      assertStatus(await pros.get('/api/v1/orgs'), 200);
      const user = { login: 'sneaky', name: '越权', roles: ['admin'], password: 'sneaky-pass-1' };
      assertError(await pros.post('/api/v1/users', user), 403, 'forbidden', null);
      assertError(await pros.get('/api/v1/audit'), 403, 'forbidden', null);
      assertError(await pros.post('/api/v1/departments', { name: '越权部门', kind: 'office' }), 403, 'forbidden');
      assertError(await pros.put(`/api/v1/departments/${made.depts.first.id}`, { name: '越权' }), 403, 'forbidden');
      assertError(await pros.put(`/api/v1/users/${pros.user.id}`, { roles: ['admin'] }), 403, 'forbidden');
      assertError(await pros.post(`/api/v1/users/${admin.user.id}/password`, { password: 'takeover-pass' }), 403, 'forbidden');
      assertError(await pros.post('/api/v1/orgs', { code: 'sneaky', name: '越权', level: 'county', parent_id: orgId }), 403, 'forbidden');
      assertError(await pros.put(`/api/v1/orgs/${orgId}`, { name: '越权' }), 403, 'forbidden');
      assert.deepEqual(await counts(), c0);
      assert.ok(!(await pros.get('/api/v1/session')).body.user.roles.includes('admin'));
    });

    it('a leader reads the audit log but cannot create users', async () => {
      const res = await leader.get('/api/v1/audit?limit=5');
      const page = assertStatus(res, 200);
      assert.ok(page.total > 0);
      const c0 = await counts();
      const user = { login: 'byleader', name: '领导建', roles: ['clerk'], password: 'leader-made-1' };
      assertError(await leader.post('/api/v1/users', user), 403, 'forbidden', null);
      assertError(await leader.post('/api/v1/departments', { name: '领导部门', kind: 'office' }), 403, 'forbidden');
      assert.deepEqual(await counts(), c0);
    });
  });

  describe('audit log', () => {
    let all;
    before(async () => {
      all = await auditAll(admin);
    });

    it('is newest first, with the documented entry shape', async () => {
      assert.equal(all.items.length, all.total);
      for (let i = 1; i < all.items.length; i++) assert.ok(all.items[i - 1].id > all.items[i].id, 'ids descending');
      for (const e of all.items) {
        assert.equal(typeof e.id, 'number');
        assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        assert.equal(typeof e.action, 'string');
        assert.equal(typeof e.entity, 'string');
        assert.ok(e.user_id === null || typeof e.user_id === 'number');
        assert.ok(e.entity_id === null || typeof e.entity_id === 'string');
        assert.ok('before' in e && 'after' in e);
      }
    });

    it('holds every kind of write made above', async () => {
      const actions = new Set(all.items.map((e) => e.action));
      for (const a of ['org.create', 'org.update', 'department.create', 'department.update', 'user.create', 'user.update',
        'user.password_reset', 'session.login', 'session.login_failed']) {
        assert.ok(actions.has(a), `action ${a} in the audit log`);
      }
      // Each API-created entity has its create row with the right entity id.
      for (const o of Object.values(made.orgs)) {
        assert.ok(all.items.some((e) => e.action === 'org.create' && e.entity === 'org' && e.entity_id === String(o.id)));
      }
      for (const d of Object.values(made.depts)) {
        assert.ok(all.items.some((e) => e.action === 'department.create' && e.entity_id === String(d.id)));
      }
      for (const u of Object.values(made.users)) {
        assert.ok(all.items.some((e) => e.action === 'user.create' && e.entity === 'user' && e.entity_id === String(u.id)));
      }
    });

    it('never contains a password or a hash', async () => {
      const text = JSON.stringify(all.items);
      for (const p of PASSWORDS) assert.ok(!text.includes(p), `password ${p} leaked into the audit log`);
      assert.doesNotMatch(text, /argon2|password_hash|"password"/i);
    });

    it('filters by action, entity, user_id, from and to', async () => {
      const byAction = await auditAll(admin, 'action=user.create');
      assert.ok(byAction.total > 0);
      assert.ok(byAction.items.every((e) => e.action === 'user.create'));
      assert.equal(byAction.total, all.items.filter((e) => e.action === 'user.create').length);

      const byEntity = await auditAll(admin, 'entity=department');
      assert.ok(byEntity.items.every((e) => e.entity === 'department'));
      assert.equal(byEntity.total, all.items.filter((e) => e.entity === 'department').length);

      const byLeader = await auditAll(admin, `user_id=${made.users.leader.id}`);
      assert.ok(byLeader.total > 0);
      assert.ok(byLeader.items.every((e) => e.user_id === made.users.leader.id));

      const combined = await auditAll(admin, `action=user.update&user_id=${admin.user.id}&entity=user`);
      assert.equal(combined.total, all.items.filter((e) => e.action === 'user.update' && e.user_id === admin.user.id).length);

      // Dates are inclusive days; the windows below hold whether the server reads them as UTC days or as days in
      // China Standard Time (UTC+8, the offices' zone), since every row here was written in the last minute.
      assert.equal((await auditAll(admin, `from=${utcDate(-1)}&to=${utcDate(1)}`)).total, all.total);
      assert.equal((await auditAll(admin, `from=${utcDate(-1)}`)).total, all.total);
      assert.equal((await auditAll(admin, `to=${utcDate(1)}`)).total, all.total);
      assert.equal((await auditAll(admin, `to=${utcDate(-2)}`)).total, 0);
      assert.equal((await auditAll(admin, `from=${utcDate(2)}`)).total, 0);
      // an inverted range is a mistake to say, not an empty answer (issue 9): the error names `to`
      assertError(await admin.get(`/api/v1/audit?from=${utcDate(1)}&to=${utcDate(-1)}`), 400, 'validation_failed', 'to');
      assert.equal((await auditAll(admin, 'action=no.such.action')).total, 0);

      assertError(await admin.get('/api/v1/audit?from=2026-13-01'), 400, 'validation_failed', 'from');
      assertError(await admin.get('/api/v1/audit?to=2026-02-30'), 400, 'validation_failed', 'to');
      assertError(await admin.get('/api/v1/audit?from=yesterday'), 400, 'validation_failed', 'from');
      assertError(await admin.get('/api/v1/audit?user_id=abc'), 400, 'validation_failed', 'user_id');
      assertError(await admin.get('/api/v1/audit?limit=500'), 400, 'validation_failed', 'limit');
    });

    it('pages with limit and offset', async () => {
      const p1 = assertStatus(await admin.get('/api/v1/audit?limit=2'), 200);
      const p2 = assertStatus(await admin.get('/api/v1/audit?limit=2&offset=2'), 200);
      assert.equal(p1.items.length, 2);
      assert.equal(p1.limit, 2);
      assert.equal(p2.offset, 2);
      assert.ok(p1.items[1].id > p2.items[0].id);
    });

    it('`jianwu audit verify` prints OK', () => {
      const r = auditVerify(w.db);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal(r.stdout.trim(), 'OK');
    });
  });

  it('server stops cleanly on SIGTERM: exit 0, no sanitizer report', async () => {
    await srv.stop();
  });
});
