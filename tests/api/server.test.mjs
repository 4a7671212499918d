// server.test.mjs: the HTTP layer (security headers, the embedded UI with ETags, keep-alive under 128 concurrent
// connections) and crash safety (kill -9 in the middle of writes, JIANWU_KILL_CYCLES times on the same database: the
// audit chain, the data and a backup survive).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  assertError, assertStatus, auditAll, auditVerify, BACKEND, cliOk, makeWorld, newDbTarget, rawRequest, rmTempDir,
  runCli, SQLITE3, sleep, sqlite, startServer,
} from './helpers.mjs';

const ADMIN_PW = 'admin-pass-1';
// kill -9 cycles of the crash-safety test: 3 in make test, 20 in make reliability (JIANWU_KILL_CYCLES).
const KILL_CYCLES = Math.max(1, Number.parseInt(process.env.JIANWU_KILL_CYCLES || '3', 10) || 3);

function assertSecurityHeaders(res, what) {
  const h = res.headers;
  const csp = String(h['content-security-policy'] || '');
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP ${csp}`);
  assert.match(csp, /default-src 'self'/, `${what}: CSP ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: CSP ${csp}`);
  assert.equal(h['x-content-type-options'], 'nosniff', what);
  assert.ok(
    ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(h['referrer-policy']),
    `${what}: Referrer-Policy ${h['referrer-policy']}`,
  );
}

describe('server', { timeout: 180_000 + KILL_CYCLES * 15_000 }, () => {
  let w;
  let srv;
  let admin;

  before(async () => {
    w = makeWorld({
      orgs: [{ code: 'jinyun', name: '缙云县人民检察院' }],
      users: [{ org: 'jinyun', login: 'admin', role: 'admin', name: '管理员', password: ADMIN_PW }],
    });
    srv = await startServer(w.db);
    admin = await srv.client().loginOk('admin', ADMIN_PW);
  });

  after(async () => {
    if (srv && !srv.exited) await srv.kill9();
    rmTempDir(w?.dir);
  });

  describe('security headers', () => {
    it('are on API replies, successes and errors alike, with Cache-Control no-store', async () => {
      const replies = {
        healthz: await admin.get('/healthz'),
        session: await admin.get('/api/v1/session'),
        users: await admin.get('/api/v1/users'),
        unauthenticated: await srv.client().get('/api/v1/users'),
        notFound: await admin.get('/api/v1/nope'),
        methodNotAllowed: await admin.request('PATCH', '/api/v1/users'),
        badJson: await admin.post('/api/v1/departments', '{'),
        tooLarge: await admin.request('GET', '/healthz', 'body'),
        uriTooLong: await admin.get(`/healthz?${'x'.repeat(2100)}`),
      };
      for (const [what, res] of Object.entries(replies)) {
        assertSecurityHeaders(res, what);
        assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8/, what);
        assert.match(String(res.headers['cache-control']), /no-store/, what);
      }
      assert.equal(replies.users.status, 200);
      assert.equal(replies.unauthenticated.status, 401);
    });

    it('are on the UI page /', async () => {
      const res = await rawRequest(srv.url, { path: '/' });
      assert.equal(res.status, 200);
      assertSecurityHeaders(res, '/');
      assert.equal(res.headers['x-frame-options'], 'DENY');
    });
  });

  describe('embedded UI', () => {
    it('/ serves HTML with an ETag; If-None-Match with it answers 304 with no body', async () => {
      const res = await rawRequest(srv.url, { path: '/' });
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(res.text, /<html|<!doctype html/i);
      const etag = res.headers.etag;
      assert.match(String(etag), /^(W\/)?"[^"]+"$/, `ETag ${etag}`);

      const again = await rawRequest(srv.url, { path: '/', headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304);
      assert.equal(again.raw.length, 0);
      assert.equal(again.headers.etag, etag);
      assertSecurityHeaders(again, '304');

      const other = await rawRequest(srv.url, { path: '/', headers: { 'If-None-Match': '"not-the-etag"' } });
      assert.equal(other.status, 200);
      assert.equal(other.text, res.text);

      const index = await rawRequest(srv.url, { path: '/index.html' });
      assert.equal(index.status, 200);
      assert.equal(index.headers.etag, etag, '/ is /index.html');
    });

    it('the page works without a session and a missing file is a 404 JSON error', async () => {
      const res = await rawRequest(srv.url, { path: '/no-such-file.js' });
      assertError(res, 404, 'not_found');
      assertSecurityHeaders(res, '404');
      const head = await rawRequest(srv.url, { method: 'HEAD', path: '/healthz' });
      assert.equal(head.status, 200);
      assert.equal(head.raw.length, 0);
    });
  });

  describe('oversized request heads', () => {
    // Over the per-connection memory (64 KiB), libmicrohttpd answers by itself (414/431 with a small HTML page, no
    // JSON error and no security headers: see the report); checked here only for refusing and staying up.
    it('a 70 KB URI or header is refused with a 4xx and the server keeps serving', async () => {
      const longUri = await rawRequest(srv.url, { path: `/healthz?${'a'.repeat(70_000)}` });
      assert.ok(longUri.status >= 400 && longUri.status < 500, `status ${longUri.status}`);
      const bigHeader = await rawRequest(srv.url, { path: '/healthz', headers: { 'X-Big': 'b'.repeat(70_000) } });
      assert.ok(bigHeader.status >= 400 && bigHeader.status < 500, `status ${bigHeader.status}`);
      assertStatus(await admin.get('/healthz'), 200);
    });
  });

  describe('keep-alive', () => {
    it('128 concurrent keep-alive connections, 3 rounds each: all 200, connections reused', async () => {
      const N = 128;
      const ROUNDS = 3;
      // One client address holds at most 32 connections (SERVER_MAX_PER_CLIENT): 4 addresses of 32 each, none of them
      // 127.0.0.1, which the other tests of this file use (a closing connection there would count against the cap).
      const agents = [1, 2, 3, 4].map((k) => new http.Agent({ keepAlive: true, maxSockets: N / 4, localAddress: `127.0.0.${10 + k}` }));
      const sockets = new Set();
      const statuses = [];
      const reused = [];
      const port = srv.port;
      try {
        for (let round = 0; round < ROUNDS; round++) {
          const results = await Promise.all(Array.from({ length: N }, (_, i) => new Promise((resolve, reject) => {
            const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: agents[i % 4] }, (res) => {
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (d) => { body += d; });
              res.on('end', () => resolve({ status: res.statusCode, body, reused: req.reusedSocket }));
              res.on('error', reject);
            });
            req.on('socket', (s) => sockets.add(s));
            req.setTimeout(30_000, () => req.destroy(new Error('keep-alive request timed out')));
            req.on('error', reject);
          })));
          statuses.push(results.map((r) => r.status));
          reused.push(results.filter((r) => r.reused).length);
          for (const r of results) assert.deepEqual(JSON.parse(r.body), { status: 'ok', version: '0.1.0' });
        }
      } finally {
        for (const a of agents) a.destroy();
      }
      for (const s of statuses) assert.ok(s.every((x) => x === 200), `statuses ${s}`);
      assert.equal(reused[0], 0, 'first round opens fresh connections');
      assert.equal(sockets.size, N, `${sockets.size} distinct sockets for ${N * ROUNDS} requests`);
      assert.deepEqual(reused.slice(1), Array(ROUNDS - 1).fill(N), `reused per round: ${reused}`);
      // The server is still fine afterwards.
      assertStatus(await admin.get('/api/v1/session'), 200);
    });
  });

  describe(`crash safety (kill -9 during writes, ${KILL_CYCLES} cycles)`, () => {
    let cw;
    let victim;
    let restarted;
    const created = []; // names of departments that got 201, over all cycles
    let attempts = 0;

    before(async () => {
      cw = makeWorld({
        orgs: [{ code: 'crash', name: '崩溃测试院' }],
        users: [{ org: 'crash', login: 'admin', role: 'admin', password: ADMIN_PW }],
      });
    });

    after(async () => {
      if (victim && !victim.exited) await victim.kill9();
      if (restarted && !restarted.exited) await restarted.kill9();
      rmTempDir(cw?.dir);
    });

    for (let cycle = 1; cycle <= KILL_CYCLES; cycle++) {
      it(`cycle ${cycle}: what earlier cycles acknowledged is there; writes from 3 loops, SIGKILL mid-stream; audit chain and integrity_check hold`, async (t) => {
        victim = await startServer(cw.db);
        const c = await victim.client().loginOk('admin', ADMIN_PW);
        const present = new Set(assertStatus(await c.get('/api/v1/departments'), 200).items.map((d) => d.name));
        const lost = created.filter((n) => !present.has(n));
        assert.deepEqual(lost, [], `${lost.length} of ${created.length} acknowledged writes lost by earlier kills`);
        const createdBefore = created.length;
        let stop = false;
        const loop = async (k) => {
          for (let n = 0; n < 10_000 && !stop; n++) {
            const name = `崩溃部门-${cycle}-${k}-${n}`;
            attempts++;
            let res;
            try {
              res = await c.post('/api/v1/departments', { name, kind: 'other' });
            } catch {
              return; // the server is gone
            }
            if (res.status === 201) created.push(name);
            else if (!stop) assert.fail(`unexpected ${res.status} ${res.text}`);
          }
        };
        const loops = [0, 1, 2].map(loop);
        // Mid-stream: once at least 3 writes of this cycle were acknowledged (a slow backend under load may need
        // more than a second for them; bounded at 20 s), then a different moment each cycle.
        for (let waited = 0; created.length - createdBefore < 3 && waited < 20_000; waited += 20) await sleep(20);
        await sleep(cycle === 1 ? 700 : Math.floor(Math.random() * 900));
        await victim.kill9();
        stop = true;
        await Promise.all(loops);
        assert.equal(victim.exited.signal, 'SIGKILL');
        assert.ok(created.length - createdBefore >= 3, `only ${created.length - createdBefore} writes before the kill`);
        if (BACKEND === 'sqlite') assert.ok(fs.existsSync(`${cw.db}-wal`), 'killed in WAL mode: the -wal file is left behind');
        const r = auditVerify(cw.db);
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.equal(r.stdout.trim(), 'OK');
        if (!SQLITE3) {
          t.diagnostic('sqlite3 CLI not installed: integrity_check not run');
          return;
        }
        const ic = sqlite(cw.db, 'PRAGMA integrity_check');
        assert.equal(ic.status, 0, ic.stderr);
        assert.equal(ic.stdout.trim(), 'ok');
      });
    }

    it('a new server on the same database has every department that was acknowledged, each with its audit row', async () => {
      restarted = await startServer(cw.db);
      const c = await restarted.client().loginOk('admin', ADMIN_PW);
      const list = assertStatus(await c.get('/api/v1/departments'), 200);
      const names = new Set(list.items.map((d) => d.name));
      const missing = created.filter((n) => !names.has(n));
      assert.deepEqual(missing, [], `${missing.length} of ${created.length} acknowledged writes lost`);
      assert.ok(list.items.length <= attempts);
      // Data and audit trail committed together: one department.create row per department, and no orphan rows.
      const { items } = await auditAll(c, 'action=department.create');
      const audited = new Set(items.map((e) => e.entity_id));
      assert.equal(items.length, list.items.length);
      for (const d of list.items) assert.ok(audited.has(String(d.id)), `department ${d.id} has no audit row`);
      // And the server takes writes again.
      assertStatus(await c.post('/api/v1/departments', { name: '重启后部门', kind: 'office' }), 201);
    });

    it('`jianwu backup` of the recovered database verifies too', async (t) => {
      if (BACKEND === 'postgres') {
        // PostgreSQL is backed up with its own tools: jianwu says so and writes nothing; a pg_dump of the live
        // database restored into a new one holds the same departments and its audit chain verifies.
        const never = path.join(cw.dir, 'never.db');
        const refused = runCli(['backup', '--db', cw.db, never]);
        assert.equal(refused.status, 1);
        assert.match(refused.stderr, /pg_dump/);
        assert.ok(!fs.existsSync(never));
        const dump = path.join(cw.dir, 'jianwu.dump');
        const d = spawnSync('pg_dump', ['-Fc', '-f', dump, cw.db], { encoding: 'utf8' });
        assert.equal(d.status, 0, d.stderr);
        const copy = newDbTarget(cw.dir);
        const rs = spawnSync('pg_restore', ['--no-owner', '-d', copy, dump], { encoding: 'utf8' });
        assert.equal(rs.status, 0, rs.stderr);
        const r = auditVerify(copy);
        assert.equal(r.stdout.trim(), 'OK', r.stdout + r.stderr);
        const c = await restarted.client().loginOk('admin', ADMIN_PW);
        const live = assertStatus(await c.get('/api/v1/departments'), 200).items.length;
        assert.equal(Number(sqlite(copy, 'SELECT count(*) FROM department').stdout.trim()), live);
        return;
      }
      const out = path.join(cw.dir, 'backup.db');
      const b = cliOk(['backup', '--db', cw.db, out]);
      assert.match(b.stdout, /backup\.db/);
      assert.ok(fs.existsSync(out));
      // A backup is one self-contained file: nothing of it lives in a -wal file beside it.
      assert.ok(!fs.existsSync(`${out}-wal`) || fs.statSync(`${out}-wal`).size === 0, 'backup left a -wal file');
      const r = auditVerify(out);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal(r.stdout.trim(), 'OK');
      // The backup holds the same departments (the live server is still running).
      const c = await restarted.client().loginOk('admin', ADMIN_PW);
      const live = assertStatus(await c.get('/api/v1/departments'), 200).items.length;
      if (!SQLITE3) {
        t.diagnostic('sqlite3 CLI not installed: backup contents and integrity_check not inspected');
        return;
      }
      const ic = sqlite(out, 'PRAGMA integrity_check');
      assert.equal(ic.stdout.trim(), 'ok');
      const n = sqlite(out, 'SELECT count(*) FROM department');
      assert.equal(Number(n.stdout.trim()), live);
    });

    it('the restarted server stops cleanly on SIGTERM: exit 0, no sanitizer report', async () => {
      await restarted.stop();
    });
  });

  it('server stops cleanly on SIGTERM: exit 0, no sanitizer report', async () => {
    await srv.stop();
  });
});
