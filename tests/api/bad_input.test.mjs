// bad_input.test.mjs: hostile and malformed input on the write routes, the router's answers to odd requests, and the
// error shape (docs/api.md "Conventions": errors, limits, body sizes, content type).
//
// Every refused write is checked to have written nothing: users, departments and audit rows are counted before and
// after each case.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { assertError, assertErrorShape, assertStatus, makeWorld, rawRequest, rmTempDir, startServer } from './helpers.mjs';

const ADMIN_PW = 'admin-pass-1';
const MiB = 1024 * 1024;

describe('bad input', { timeout: 180_000 }, () => {
  let w;
  let srv;
  let admin;
  let anon; // no session: for POST /api/v1/session
  let dept;
  let seq = 0;
  const uniq = (p) => `${p}${++seq}`;

  before(async () => {
    w = makeWorld({
      orgs: [{ code: 'jinyun', name: '缙云县人民检察院' }],
      users: [{ org: 'jinyun', login: 'admin', role: 'admin', name: '管理员', password: ADMIN_PW }],
    });
    srv = await startServer(w.db);
    admin = await srv.client().loginOk('admin', ADMIN_PW);
    anon = srv.client();
    dept = assertStatus(await admin.post('/api/v1/departments', { name: '第一检察部', kind: 'criminal' }), 201);
  });

  after(async () => {
    if (srv && !srv.exited) await srv.kill9();
    rmTempDir(w?.dir);
  });

  async function counts() {
    const [u, d, a] = await Promise.all([
      admin.get('/api/v1/users?limit=1'), admin.get('/api/v1/departments'), admin.get('/api/v1/audit?limit=1'),
    ]);
    return {
      users: assertStatus(u, 200).total,
      depts: assertStatus(d, 200).items.length,
      audit: assertStatus(a, 200).total,
    };
  }

  /** Runs fn (which must refuse the request) and asserts the counts did not move. */
  async function refusedWritesNothing(fn) {
    const c0 = await counts();
    await fn();
    assert.deepEqual(await counts(), c0, 'a refused request wrote something');
  }

  // The three routes under test: how to send, a valid body, and its fields.
  const ROUTES = {
    users: {
      path: '/api/v1/users',
      send: (body, opts) => admin.post('/api/v1/users', body, opts),
      valid: () => ({ login: uniq('user'), name: '张三', department_id: dept.id, roles: ['clerk'], password: 'valid-pass-1' }),
      required: ['login', 'name', 'roles', 'password'],
      wrongTypes: [['login', 42], ['login', null], ['roles', 'clerk'], ['roles', { 0: 'clerk' }], ['name', {}],
        ['name', ['张三']], ['password', 12345678], ['department_id', '1'], ['department_id', 1.5], ['department_id', true]],
    },
    departments: {
      path: '/api/v1/departments',
      send: (body, opts) => admin.post('/api/v1/departments', body, opts),
      valid: () => ({ name: uniq('部门'), kind: 'office' }),
      required: ['name', 'kind'],
      wrongTypes: [['name', 1], ['name', {}], ['name', true], ['name', null], ['kind', []], ['kind', 3]],
    },
    session: {
      path: '/api/v1/session',
      send: (body, opts) => anon.post('/api/v1/session', body, opts),
      valid: () => ({ login: 'nobody', password: 'not-the-password' }), // unknown login: no lock, no audit row
      required: ['login', 'password'],
      wrongTypes: [['login', 42], ['login', null], ['login', ['admin']], ['password', {}], ['password', 12345678]],
    },
  };

  for (const [name, R] of Object.entries(ROUTES)) {
    describe(`POST ${R.path}`, () => {
      it('malformed JSON is 400 bad_json', async () => {
        const bodies = ['{"login":', "{'login':'x'}", '{"a":1,}', '{"a":1}{"b":2}', '{"a":1} x', 'nul', '{"a":tru}',
          '{"a":"unterminated}', '{"a":"\\x41"}', '{"a":01}', '', ' '];
        await refusedWritesNothing(async () => {
          for (const b of bodies) assertError(await R.send(b), 400, 'bad_json', null);
        });
      });

      it('duplicate keys are refused (400)', async () => {
        const v = R.valid();
        const k = Object.keys(v)[0];
        const text = `{${JSON.stringify(k)}:${JSON.stringify(v[k])},${JSON.stringify(v).slice(1)}`;
        await refusedWritesNothing(async () => {
          const res = await R.send(text);
          assertError(res, 400);
        });
      });

      it('a top-level array (or other non-object) is 400', async () => {
        const bodies = ['[]', JSON.stringify([R.valid()]), '"text"', '42', 'null', 'true'];
        await refusedWritesNothing(async () => {
          for (const b of bodies) {
            const res = await R.send(b);
            assertError(res, 400);
            assert.ok(['bad_json', 'validation_failed'].includes(res.body.error.code), res.text);
          }
        });
      });

      it('wrong types are 400 validation_failed naming the field', async () => {
        await refusedWritesNothing(async () => {
          for (const [field, value] of R.wrongTypes) {
            const res = await R.send({ ...R.valid(), [field]: value });
            assertError(res, 400, 'validation_failed', field);
          }
        });
      });

      it('a missing field is 400 naming it', async () => {
        await refusedWritesNothing(async () => {
          for (const field of R.required) {
            const body = R.valid();
            delete body[field];
            assertError(await R.send(body), 400, 'validation_failed', field);
          }
          assertError(await R.send({}), 400, 'validation_failed');
        });
      });

      it('an unknown field is 400 naming it', async () => {
        await refusedWritesNothing(async () => {
          assertError(await R.send({ ...R.valid(), is_admin: true }), 400, 'validation_failed', 'is_admin');
          assertError(await R.send({ ...R.valid(), org_id: 2 }), 400, 'validation_failed', 'org_id');
          assertError(await R.send({ ...R.valid(), Login: 'x' }), 400, 'validation_failed', 'Login');
          // Odd unknown keys: long, with control characters, non-ASCII. Refused, with some field named.
          for (const key of ['k'.repeat(40), 'k'.repeat(41), 'k'.repeat(1000), 'a\u0001b', '字段'.repeat(30), '']) {
            const res = await R.send({ ...R.valid(), [key]: 1 });
            assertError(res, 400, 'validation_failed');
            assert.ok((res.body.error.field ?? '').length <= 64, res.text.slice(0, 300));
            assert.ok(!(res.body.error.field ?? '').includes('\u0001'), 'no control characters echoed');
          }
        });
      });

      it('control characters in a one-line field are 400', async () => {
        const field = name === 'session' ? 'login' : 'name';
        await refusedWritesNothing(async () => {
          for (const bad of ['a\u0001b', 'a\nb', 'a\rb', 'a\tb', 'a\u007fb', '\u001b[31m', 'a\u001fb']) {
            assertError(await R.send({ ...R.valid(), [field]: bad }), 400, 'validation_failed', field);
          }
          // NUL: refused by the JSON parser itself (bad_json) or by the field check; 400 either way.
          const nul = await R.send({ ...R.valid(), [field]: 'a\u0000b' });
          assertError(nul, 400);
          assert.ok(['bad_json', 'validation_failed'].includes(nul.body.error.code), nul.text);
        });
      });

      it('invalid UTF-8 in the body is 400 bad_json', async () => {
        const v = R.valid();
        const field = name === 'session' ? 'login' : 'name';
        const json = JSON.stringify({ ...v, [field]: 'XX' });
        const [pre, post] = json.split('XX');
        const bad = [
          [0xff], [0xfe], [0x80], // invalid bytes, lone continuation
          [0xc0, 0xaf], [0xe0, 0x80, 0xaf], // overlong encodings of '/'
          [0xed, 0xa0, 0x80], // UTF-16 surrogate D800 encoded in UTF-8
          [0xe6, 0x96], // truncated 3-byte sequence
          [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
          [0xf8, 0x88, 0x80, 0x80, 0x80], // 5-byte form
        ];
        await refusedWritesNothing(async () => {
          for (const bytes of bad) {
            const body = Buffer.concat([Buffer.from(pre), Buffer.from(bytes), Buffer.from(post)]);
            assertError(await R.send(body), 400, 'bad_json', null);
          }
          // Invalid UTF-8 in a key, and a lone surrogate as a JSON escape.
          assertError(await R.send(Buffer.concat([Buffer.from('{"'), Buffer.from([0xff]), Buffer.from('":1}')])), 400, 'bad_json');
          assertError(await R.send(`${pre}\\ud800${post}`), 400);
        });
      });

      it('JSON nested 17 levels is 400 bad_json; 16 levels is not refused for depth', async () => {
        const nest = (k) => `${JSON.stringify(R.valid()).slice(0, -1)},"deep":${'['.repeat(k)}${']'.repeat(k)}}`;
        const objNest = (k) => `${JSON.stringify(R.valid()).slice(0, -1)},"deep":${'{"a":'.repeat(k - 1)}{}${'}'.repeat(k - 1)}}`;
        await refusedWritesNothing(async () => {
          assertError(await R.send(nest(16)), 400, 'bad_json', null); // 1 (top) + 16 = 17
          assertError(await R.send(objNest(16)), 400, 'bad_json', null);
          assertError(await R.send(nest(200)), 400, 'bad_json', null);
          // 16 levels parse; the request is then refused for its unknown field, not for depth.
          assertError(await R.send(nest(15)), 400, 'validation_failed', 'deep');
          assertError(await R.send(objNest(15)), 400, 'validation_failed', 'deep');
        });
      });

      it('a body over the route limit is 413 too_large; exactly the limit is not', async () => {
        const limit = name === 'session' ? 4096 : MiB;
        const base = JSON.stringify(R.valid());
        const n = Buffer.byteLength(base);
        await refusedWritesNothing(async () => {
          const over = base + ' '.repeat(limit + 1 - n);
          assert.equal(Buffer.byteLength(over), limit + 1);
          assertError(await R.send(over), 413, 'too_large', null);
          if (name === 'session') assertError(await R.send(base + ' '.repeat(MiB)), 413, 'too_large', null);
          else assertError(await R.send(base + ' '.repeat(2 * MiB)), 413, 'too_large', null);
        });
        // Exactly at the limit: parsed and handled normally.
        const exact = base + ' '.repeat(limit - n);
        assert.equal(Buffer.byteLength(exact), limit);
        const atLimit = await R.send(exact);
        if (name === 'session') assertError(atLimit, 401, 'login_failed');
        else assertStatus(atLimit, 201);
      });

      it('a body that is not application/json is 415', async () => {
        const body = JSON.stringify(R.valid());
        await refusedWritesNothing(async () => {
          for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
            'application/jsonp', 'text/json', null]) {
            assertError(await R.send(body, { contentType: ct }), 415, 'unsupported_media_type', null);
          }
        });
        // Parameters and case in the media type are fine.
        const ok = await R.send(JSON.stringify(R.valid()), { contentType: 'application/json; charset=utf-8' });
        assert.ok(ok.status !== 415, ok.text);
      });
    });
  }

  describe('depth and transfer details', () => {
    it('brackets inside strings (with escaped quotes and backslashes) do not count as nesting', async () => {
      const name = `[{"\\${'['.repeat(20)}${'{'.repeat(20)}`;
      const d = assertStatus(await admin.post('/api/v1/departments', { name, kind: 'office' }), 201);
      assert.equal(d.name, name);
      // A string ending in an escaped backslash, followed by real nesting: still counted (17 levels refused).
      const text = `{"name":"x\\\\","kind":"office","deep":${'['.repeat(16)}${']'.repeat(16)}}`;
      await refusedWritesNothing(async () => {
        assertError(await admin.post('/api/v1/departments', text), 400, 'bad_json', null);
      });
    });

    it('a chunked body (no Content-Length) is handled, and its size limit holds too', async () => {
      const headers = { Cookie: `jw_session=${admin.cookie}`, 'X-CSRF-Token': admin.csrf, 'Content-Type': 'application/json' };
      const ok = await rawRequest(srv.url, {
        method: 'POST', path: '/api/v1/departments', headers, body: JSON.stringify({ name: uniq('分块'), kind: 'office' }),
      });
      assertStatus(ok, 201);
      await refusedWritesNothing(async () => {
        const big = JSON.stringify({ name: uniq('分块'), kind: 'office' }) + ' '.repeat(MiB);
        const res = await rawRequest(srv.url, { method: 'POST', path: '/api/v1/departments', headers, body: big });
        assertError(res, 413, 'too_large', null);
      });
    });
  });

  describe('string limits count Unicode code points', () => {
    it('user name: 50 Chinese characters accepted, 51 refused', async () => {
      const ok = await admin.post('/api/v1/users', {
        login: uniq('cjk'), name: '检'.repeat(50), roles: ['clerk'], password: 'valid-pass-1',
      });
      assert.equal(assertStatus(ok, 201).name, '检'.repeat(50));
      await refusedWritesNothing(async () => {
        const res = await admin.post('/api/v1/users', {
          login: uniq('cjk'), name: '检'.repeat(51), roles: ['clerk'], password: 'valid-pass-1',
        });
        assertError(res, 400, 'validation_failed', 'name');
      });
    });

    it('user name: 50 characters outside the BMP (100 UTF-16 units, 200 bytes) accepted, 51 refused', async () => {
      const ok = await admin.post('/api/v1/users', {
        login: uniq('astral'), name: '𠀀'.repeat(50), roles: ['clerk'], password: 'valid-pass-1',
      });
      assert.equal(assertStatus(ok, 201).name, '𠀀'.repeat(50));
      await refusedWritesNothing(async () => {
        const res = await admin.post('/api/v1/users', {
          login: uniq('astral'), name: '𠀀'.repeat(51), roles: ['clerk'], password: 'valid-pass-1',
        });
        assertError(res, 400, 'validation_failed', 'name');
      });
    });

    it('department name: 50 accepted, 51 refused (also when escaped as \\uXXXX)', async () => {
      assertStatus(await admin.post('/api/v1/departments', { name: '部'.repeat(49) + '甲', kind: 'office' }), 201);
      assertStatus(await admin.post('/api/v1/departments', { name: '😀'.repeat(50), kind: 'office' }), 201);
      await refusedWritesNothing(async () => {
        assertError(await admin.post('/api/v1/departments', { name: '部'.repeat(51), kind: 'office' }), 400, 'validation_failed', 'name');
        assertError(await admin.post('/api/v1/departments', { name: '😀'.repeat(51), kind: 'office' }), 400, 'validation_failed', 'name');
        const escaped = `{"name":"${'\\u90e8'.repeat(51)}","kind":"office"}`;
        assertError(await admin.post('/api/v1/departments', escaped), 400, 'validation_failed', 'name');
      });
    });

    it('login: 32 characters accepted, 33 refused; session login over 64 and password over 1024 refused', async () => {
      await refusedWritesNothing(async () => {
        assertError(await admin.post('/api/v1/users', {
          login: 'l'.repeat(33), name: '长', roles: ['clerk'], password: 'valid-pass-1',
        }), 400, 'validation_failed', 'login');
        assertError(await anon.post('/api/v1/session', { login: 'l'.repeat(65), password: 'x' }), 400, 'validation_failed', 'login');
        assertError(await anon.post('/api/v1/session', { login: 'admin', password: 'p'.repeat(1025) }), 400, 'validation_failed', 'password');
      });
    });

    it('more than 1000 list items is 413 too_large; 65-character role items are 400', async () => {
      await refusedWritesNothing(async () => {
        const res = await admin.post('/api/v1/users', {
          login: uniq('many'), name: '多', roles: Array(1001).fill('clerk'), password: 'valid-pass-1',
        });
        assertError(res, 413, 'too_large');
        assertError(await admin.post('/api/v1/users', {
          login: uniq('long'), name: '长', roles: ['r'.repeat(65)], password: 'valid-pass-1',
        }), 400, 'validation_failed', 'roles');
      });
    });

    it('numbers that do not fit are refused (400)', async () => {
      await refusedWritesNothing(async () => {
        for (const num of ['99999999999999999999999', '1e400', '-0', '1.0']) {
          const body = `{"login":"${uniq('num')}","name":"数","department_id":${num},"roles":["clerk"],"password":"valid-pass-1"}`;
          assertError(await admin.post('/api/v1/users', body), 400);
        }
      });
    });
  });

  describe('stored verbatim: SQL and HTML metacharacters are data', () => {
    const NASTY = [
      "'); DROP TABLE app_user;--",
      '<script>alert(1)</script>',
      "' OR '1'='1",
      'Robert"); DELETE FROM audit_log; --',
      '"\\ %_ ` $(id) ${x} {{7*7}}',
      '&lt;b&gt; &amp; <img src=x onerror=alert(1)>',
    ];

    it('department names round-trip unchanged', async () => {
      for (const n of NASTY) {
        const d = assertStatus(await admin.post('/api/v1/departments', { name: n, kind: 'other' }), 201);
        assert.equal(d.name, n);
        const list = assertStatus(await admin.get('/api/v1/departments'), 200);
        assert.equal(list.items.find((x) => x.id === d.id).name, n);
        const upd = assertStatus(await admin.put(`/api/v1/departments/${d.id}`, { name: `${n}!` }), 200);
        assert.equal(upd.name, `${n}!`);
      }
    });

    it('user names round-trip unchanged, are searchable literally, and the tables are intact', async () => {
      const made = [];
      for (const n of NASTY.slice(0, 3)) {
        const u = assertStatus(await admin.post('/api/v1/users', {
          login: uniq('nasty'), name: n, roles: ['clerk'], password: 'valid-pass-1',
        }), 201);
        assert.equal(u.name, n);
        made.push(u);
        const got = await admin.get(`/api/v1/users/${u.id}`);
        assert.equal(assertStatus(got, 200).name, n);
        assert.match(got.headers['content-type'], /^application\/json/);
      }
      const hits = assertStatus(await admin.get(`/api/v1/users?q=${encodeURIComponent("' OR '1'='1")}`), 200);
      assert.deepEqual(hits.items.map((u) => u.id), [made[2].id]);
      const hits2 = assertStatus(await admin.get(`/api/v1/users?q=${encodeURIComponent('DROP TABLE')}`), 200);
      assert.deepEqual(hits2.items.map((u) => u.id), [made[0].id]);
      // app_user still exists and answers; the audit log still verifies its shape.
      assert.ok(assertStatus(await admin.get('/api/v1/users?limit=200'), 200).total >= 4);
      const audit = assertStatus(await admin.get('/api/v1/audit?action=user.create&limit=3'), 200);
      assert.equal(audit.items[0].after.name, NASTY[2]);
    });

    it('a login attempt with SQL in the login is just a failed login', async () => {
      for (const login of ["admin' --", "' OR 1=1 --", 'admin"; --']) {
        assertError(await anon.post('/api/v1/session', { login, password: 'anything-at-all' }), 401, 'login_failed');
      }
    });
  });

  describe('router', () => {
    it('an unknown route is 404 not_found as JSON', async () => {
      for (const [method, p] of [['GET', '/api/v1/nope'], ['GET', '/api/v2/users'], ['POST', '/api/v1/nope'],
        ['GET', '/api/v1/users/'], ['GET', '/api/v1'], ['GET', '/nope.html'], ['GET', '/api/v1/users/1/roles'],
        ['DELETE', '/api/v1/nope']]) {
        const res = await admin.request(method, p, method === 'POST' ? {} : undefined);
        assertError(res, 404, 'not_found', null);
      }
    });

    it('a known path with the wrong method is 405 with an Allow header', async () => {
      const cases = [
        ['DELETE', '/api/v1/users', ['GET', 'POST']],
        ['PUT', '/api/v1/users', ['GET', 'POST']],
        ['PATCH', '/api/v1/users/1', ['GET', 'PUT']],
        ['DELETE', '/api/v1/users/1', ['GET', 'PUT']],
        ['GET', '/api/v1/users/1/password', ['POST']],
        ['GET', '/api/v1/session/password', ['POST']],
        ['PUT', '/api/v1/session', ['GET', 'POST', 'DELETE']],
        ['POST', '/healthz', ['GET']],
        ['DELETE', '/api/v1/audit', ['GET']],
        ['OPTIONS', '/api/v1/departments', ['GET', 'POST']],
      ];
      await refusedWritesNothing(async () => {
        for (const [method, p, allow] of cases) {
          const res = await admin.request(method, p);
          assertError(res, 405, 'method_not_allowed', null);
          const got = String(res.headers.allow || '').split(',').map((s) => s.trim()).filter(Boolean).sort();
          assert.deepEqual(got, [...allow].sort(), `Allow for ${method} ${p}: ${res.headers.allow}`);
        }
      });
    });

    it('a path id that is not a positive decimal integer is 404', async () => {
      for (const id of ['abc', '0', '-1', '1.5', '01', '1e3', '0x1', '9999999999999999', '1%20', '%2e%2e', '']) {
        assertError(await admin.get(`/api/v1/users/${id}`), 404, 'not_found');
      }
      await refusedWritesNothing(async () => {
        assertError(await admin.put('/api/v1/departments/abc', { name: 'x' }), 404, 'not_found');
        assertError(await admin.put('/api/v1/users/0', { name: 'x' }), 404, 'not_found');
        assertError(await admin.post('/api/v1/users/1x/password', { password: 'whatever-123' }), 404, 'not_found');
      });
    });

    it('a URI longer than 2000 bytes is 414; 2000 bytes is fine', async () => {
      const base = '/healthz?pad=';
      const ok = await admin.get(base + 'a'.repeat(2000 - base.length));
      assertStatus(ok, 200);
      assertError(await admin.get(base + 'a'.repeat(2001 - base.length)), 414, undefined, null);
      assertError(await admin.get(`/api/v1/users?q=${'a'.repeat(3000)}`), 414);
      await refusedWritesNothing(async () => {
        const res = await admin.post(`/api/v1/departments?x=${'b'.repeat(2100)}`, { name: uniq('长地址'), kind: 'office' });
        assertError(res, 414);
      });
    });

    it('query parameters with invalid UTF-8 or control characters are 400 naming them', async () => {
      assertError(await admin.get('/api/v1/users?q=%FF'), 400, 'validation_failed', 'q');
      assertError(await admin.get('/api/v1/users?q=%C0%AF'), 400, 'validation_failed', 'q');
      assertError(await admin.get('/api/v1/users?role=%1B'), 400, 'validation_failed', 'role');
      assertError(await admin.get(`/api/v1/audit?action=${'a'.repeat(65)}`), 400, 'validation_failed', 'action');
      assertError(await admin.get('/api/v1/audit?entity=%0A'), 400, 'validation_failed', 'entity');
    });

    it('a body on a route that takes none is 413', async () => {
      assertError(await admin.request('GET', '/api/v1/users', '{}'), 413, 'too_large', null);
      assertError(await admin.request('GET', '/healthz', 'x'), 413, 'too_large', null);
      assertError(await admin.request('GET', '/api/v1/audit', '{}', { contentType: 'text/plain' }), 413, 'too_large');
      await refusedWritesNothing(async () => {
        assertError(await admin.request('DELETE', '/api/v1/session', '{}'), 413, 'too_large', null);
      });
      assertStatus(await admin.get('/api/v1/session'), 200); // the session was not ended
    });

    it('the 4 KiB limit also holds on the password routes', async () => {
      const big = JSON.stringify({ old_password: 'x'.repeat(5000), new_password: 'y'.repeat(10) });
      await refusedWritesNothing(async () => {
        assertError(await admin.post('/api/v1/session/password', big), 413, 'too_large');
        assertError(await admin.post(`/api/v1/users/${admin.user.id}/password`, JSON.stringify({ password: 'p'.repeat(5000) })), 413, 'too_large');
      });
    });

    it('an empty body on a write route is 400 bad_json', async () => {
      await refusedWritesNothing(async () => {
        assertError(await admin.request('POST', '/api/v1/departments', ''), 400, 'bad_json');
        const noBody = await rawRequest(srv.url, {
          method: 'POST', path: '/api/v1/departments',
          headers: { Cookie: `jw_session=${admin.cookie}`, 'X-CSRF-Token': admin.csrf, 'Content-Type': 'application/json' },
        });
        assertError(noBody, 400, 'bad_json');
      });
    });
  });

  // assertError() checks the error shape on every error reply of this file; this sweeps the statuses once more.
  describe('error shape', () => {
    it('{"error":{"code","message"[,"field"]}} with a Chinese message holds for 401, 403, 404, 405, 413, 414, 415 alike', async () => {
      const replies = [
        await anon.get('/api/v1/users'),
        await admin.post('/api/v1/departments', { name: 'x', kind: 'office' }, { csrf: false }),
        await admin.get('/api/v1/nothing'),
        await admin.request('PATCH', '/api/v1/departments'),
        await admin.request('GET', '/healthz', '{}'),
        await admin.get(`/healthz?${'z'.repeat(2100)}`),
        await admin.post('/api/v1/departments', 'x', { contentType: 'text/plain' }),
        await admin.post('/api/v1/departments', '{'),
        await admin.post('/api/v1/departments', { name: 'x' }),
      ];
      assert.deepEqual(replies.map((r) => r.status), [401, 403, 404, 405, 413, 414, 415, 400, 400]);
      for (const r of replies) {
        assertErrorShape(r);
        assert.ok(r.body.error.message.length > 0);
      }
      assert.equal(replies[8].body.error.field, 'kind');
    });
  });

  it('server stops cleanly on SIGTERM: exit 0, no sanitizer report', async () => {
    await srv.stop();
  });
});
