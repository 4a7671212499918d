// access_log.test.mjs: the access log (--access-log FILE): one line per request with the client address, and "-"
// for what is not known, also for connections that die before their request is complete; nothing from the request
// can split or forge a line.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { makeWorld, rawRequest, rmTempDir, sleep, startServer } from './helpers.mjs';

const PW = 'admin-pass-1';
// ISO time, ACCESS, then: address method path status bytes duration user=login [aborted=why]
const LINE_RE =
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ACCESS (\S+) (\S+) (\S+) (\d{3}|-) (\d+|-) (\d+us|-) user=(\S+)( aborted=\w+| aborted)?$/;

describe('access log', { timeout: 60_000 }, () => {
  let w;
  let srv;
  let logFile;

  before(async () => {
    w = makeWorld({
      orgs: [{ code: 'jinyun', name: '缙云县人民检察院' }],
      users: [{ org: 'jinyun', login: 'admin', role: 'admin', password: PW }],
    });
    logFile = path.join(w.dir, 'access.log');
    srv = await startServer(w.db, { extraArgs: ['--access-log', logFile] });
  });

  after(async () => {
    if (srv) await srv.stop();
    rmTempDir(w?.dir);
  });

  const lines = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : []);

  /** Waits (bounded) until a log line satisfies pred; returns its LINE_RE match. */
  async function waitLine(pred, what) {
    for (let i = 0; i < 100; i++) {
      for (const l of lines()) {
        const m = LINE_RE.exec(l);
        if (m && pred(m)) return m;
      }
      await sleep(50);
    }
    assert.fail(`no access log line for ${what}:\n${lines().join('\n')}`);
  }

  /** Opens a raw connection from localAddress, writes text, and closes it without waiting for a reply. */
  async function sendAndDrop(localAddress, text) {
    const sock = net.connect({ host: '127.0.0.1', port: srv.port, localAddress });
    await new Promise((resolve, reject) => {
      sock.once('connect', resolve);
      sock.once('error', reject);
    });
    sock.write(text);
    await sleep(150);
    sock.destroy();
  }

  it('a complete request: address, method, path, status, bytes, duration, user', async () => {
    const c = srv.client();
    await c.loginOk('admin', PW);
    assert.equal((await c.get('/api/v1/session')).status, 200);
    assert.equal((await rawRequest(srv.url, { path: '/healthz' })).status, 200);
    const m = await waitLine((x) => x[3] === '/api/v1/session' && x[2] === 'GET', 'GET /api/v1/session');
    assert.equal(m[1], '127.0.0.1');
    assert.equal(m[4], '200');
    assert.ok(Number(m[5]) > 0);
    assert.equal(m[7], 'admin');
    assert.equal(m[8], undefined);
    const h = await waitLine((x) => x[3] === '/healthz', 'GET /healthz');
    assert.equal(h[7], '-');
    assert.ok(Number(h[6].replace('us', '')) < 30e6, `sane duration ${h[6]}`);
  });

  it('a connection that dies after the request line: its address, "-" for method, path, status and bytes', async () => {
    await sendAndDrop('127.0.0.2', 'GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const m = await waitLine((x) => x[1] === '127.0.0.2', 'the dropped connection');
    assert.deepEqual([m[2], m[3], m[4], m[5], m[7]], ['-', '-', '-', '-', '-']);
    assert.match(m[6], /^(\d+us)$/);
    assert.ok(Number(m[6].replace('us', '')) < 30e6, `a real duration, not garbage: ${m[6]}`);
    assert.match(m[8] || '', /aborted/);
  });

  it('a connection that dies after its head, before its body: method and path, no status', async () => {
    await sendAndDrop('127.0.0.3',
      'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"lo');
    const m = await waitLine((x) => x[1] === '127.0.0.3', 'the half-sent body');
    assert.deepEqual([m[2], m[3], m[4], m[5]], ['POST', '/api/v1/session', '-', '-']);
    assert.match(m[8] || '', /aborted/);
  });

  it('request text cannot split or forge a line, and no field is "(null)"', async () => {
    // %0A decodes to a newline in the path; a quote and a fake line try to forge an entry
    const res = await rawRequest(srv.url, { path: '/x%0A2026-01-01T00:00:00Z%20ACCESS%20forged%22' });
    assert.equal(res.status, 404);
    const m = await waitLine((x) => x[3].startsWith('/x'), 'the forged path');
    assert.equal(m[3], '/x%0A2026-01-01T00:00:00Z%20ACCESS%20forged%22');
    await sleep(100);
    const all = lines();
    for (const l of all) assert.match(l, LINE_RE, `every line has the format: ${l}`);
    assert.ok(!all.some((l) => l.includes('(null)')), all.join('\n'));
    assert.ok(!all.some((l) => / forged/.test(l)));
  });
});
