// helpers.mjs: shared machinery for the API tests (node:test, no npm packages).
//
// Each test file builds its own world: a temp directory, a fresh database made with the real binary's command line
// (`jianwu init`, `org add`, `user add`), and its own `jianwu serve` on a free loopback port. The server's stderr is
// captured; stopping it fails when the process did not exit cleanly or printed a sanitizer report (the binary under
// test is the ASan+UBSan build).
//
// The binary comes from $JIANWU_BIN (default build/asan/jianwu, relative to the repository root).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.resolve(REPO, process.env.JIANWU_BIN || 'build/asan/jianwu');
/**
 * The backend under test. scripts/run-tests api-pg starts a throwaway PostgreSQL cluster (scripts/pg-cluster) and
 * sets JIANWU_TEST_PG to the URL of its maintenance database; every world then lives in a new database of that
 * cluster instead of a file. Checks that only mean something for a SQLite file are skipped there (SQLITE3 is null).
 */
export const PG_URL = process.env.JIANWU_TEST_PG || null;
export const BACKEND = PG_URL ? 'postgres' : 'sqlite';
export const SQLITE3 = PG_URL ? null : ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].find((p) => fs.existsSync(p)) || null;

/** `psql URL -c SQL` (unaligned, tuples only: rows as "a|b" lines, as the sqlite3 shell prints them). */
export function psql(url, sql) {
  const r = spawnSync('psql', [url, '-qAtX', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dbSeq = 0;
/**
 * A new, empty database for `jianwu init`: the file dir/name (SQLite), or a new database of the test cluster
 * (PostgreSQL), named after this process so that test files running side by side never share one.
 */
export function newDbTarget(dir, name = 'jianwu.db') {
  if (!PG_URL) return path.join(dir, name);
  const db = `jw_${process.pid}_${++dbSeq}`;
  const r = psql(PG_URL, `CREATE DATABASE ${db}`);
  if (r.status !== 0) throw new Error(`CREATE DATABASE ${db} failed: ${r.stderr}`);
  const u = new URL(PG_URL);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Environment for every child process: sanitizer settings as scripts/run-tests sets them, unless already set. */
export const CHILD_ENV = {
  ...process.env,
  ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1:abort_on_error=0:halt_on_error=1',
  UBSAN_OPTIONS: process.env.UBSAN_OPTIONS || 'print_stacktrace=1:halt_on_error=1',
};

const SANITIZER_RE = /ERROR: \w*Sanitizer|runtime error:|SUMMARY: \w*Sanitizer/;

/** Fails when text holds a sanitizer report. */
export function assertNoSanitizer(text, what = 'process') {
  const m = SANITIZER_RE.exec(text || '');
  if (m) {
    const start = Math.max(0, m.index - 200);
    assert.fail(`${what} printed a sanitizer report:\n${text.slice(start, start + 4000)}`);
  }
}

if (!fs.existsSync(BIN)) {
  throw new Error(`binary under test not found: ${BIN} (build it with: make MODE=asan build, or set JIANWU_BIN)`);
}

/** A new temporary directory; removed by rmTempDir. */
export function makeTempDir(prefix = 'jianwu-api-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function rmTempDir(dir) {
  if (dir && dir.startsWith(os.tmpdir())) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs the binary synchronously. Returns {status, stdout, stderr}. `input` goes to stdin (a string; the password for
 * `user add`); `env` adds variables to the child's environment. Always checks that no sanitizer report was printed.
 */
export function runCli(args, { input, timeout = 60_000, cwd, env } = {}) {
  const r = spawnSync(BIN, args, {
    input: input ?? '',
    encoding: 'utf8',
    timeout,
    env: env ? { ...CHILD_ENV, ...env } : CHILD_ENV,
    cwd,
  });
  if (r.error) throw r.error;
  assertNoSanitizer(r.stderr, `jianwu ${args.join(' ')}`);
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Like runCli but asserts exit status 0 (with stderr in the message). */
export function cliOk(args, opts) {
  const r = runCli(args, opts);
  assert.equal(r.status, 0, `jianwu ${args.join(' ')} exited ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

export function initDb(db) {
  return cliOk(['init', '--db', db]);
}

export function addOrg(db, code, name, { level, parent } = {}) {
  const args = ['org', 'add', '--db', db, '--code', code, '--name', name];
  if (level) args.push('--level', level);
  if (parent) args.push('--parent', parent);
  const r = cliOk(args);
  const m = /编号 (\d+)/.exec(r.stdout);
  return m ? Number(m[1]) : undefined;
}

export function addUser(db, { org, login, role, name, password }) {
  const args = ['user', 'add', '--db', db, '--org', org, '--login', login, '--role', role];
  if (name) args.push('--name', name);
  const r = cliOk(args, { input: `${password}\n` });
  const m = /编号 (\d+)/.exec(r.stdout);
  return m ? Number(m[1]) : undefined;
}

/** Runs `jianwu audit verify`; returns {status, stdout, stderr}. */
export function auditVerify(db) {
  return runCli(['audit', 'verify', '--db', db]);
}

/** SQL against the database under test: `sqlite3 FILE SQL` (when the CLI exists; else null), or psql. */
export function sqlite(db, sql) {
  if (PG_URL && /^postgres(ql)?:\/\//.test(db)) return psql(db, sql);
  if (!SQLITE3) return null;
  const r = spawnSync(SQLITE3, [db, sql], { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Creates a temp dir and a database with the given organisations and CLI-bootstrapped users.
 *   orgs:  [{code, name, level?, parent?}]
 *   users: [{org, login, role, name?, password}]
 * Returns {dir, db, orgIds: {code: id}, userIds: {login: id}}.
 */
export function makeWorld({ orgs = [], users = [] } = {}) {
  const dir = makeTempDir();
  const db = newDbTarget(dir);
  initDb(db);
  const orgIds = {};
  for (const o of orgs) orgIds[o.code] = addOrg(db, o.code, o.name, o);
  const userIds = {};
  for (const u of users) userIds[u.login] = addUser(db, u);
  return { dir, db, orgIds, userIds };
}

/** A running `jianwu serve`. */
export class Server {
  constructor(proc, port) {
    this.proc = proc;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.stderr = '';
    this.stdout = '';
    this.exited = null; // {code, signal} once exited
    this.exitPromise = new Promise((resolve) => {
      proc.on('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve(this.exited);
      });
    });
  }

  client(opts) {
    return new Client(this.url, opts);
  }

  /** SIGTERM, wait for exit (timeout), and check it stopped cleanly without a sanitizer report. */
  async stop({ timeoutMs = 15_000 } = {}) {
    if (!this.exited) this.proc.kill('SIGTERM');
    let timer;
    const res = await Promise.race([
      this.exitPromise,
      new Promise((resolve) => {
        timer = setTimeout(() => resolve(null), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!res) {
      this.proc.kill('SIGKILL');
      await this.exitPromise;
      assert.fail(`server did not stop within ${timeoutMs} ms of SIGTERM\nstderr:\n${this.stderr.slice(-4000)}`);
    }
    assertNoSanitizer(this.stderr, 'jianwu serve');
    assert.equal(res.code, 0, `server exited with ${JSON.stringify(res)}\nstderr:\n${this.stderr.slice(-4000)}`);
  }

  /** SIGKILL (simulated crash); resolves once the process is gone. */
  async kill9() {
    if (!this.exited) this.proc.kill('SIGKILL');
    return this.exitPromise;
  }
}

/**
 * Starts `jianwu serve --db DB --listen 127.0.0.1:0 --quiet [extra]` and waits for "listening on http://HOST:PORT"
 * on stdout. Rejects (after killing the process) on timeout or early exit.
 */
export function startServer(db, { extraArgs = [], timeoutMs = 20_000 } = {}) {
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--quiet', ...extraArgs], {
    env: CHILD_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let server = null;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not print its listening line within ${timeoutMs} ms\nstderr:\n${stderr}`));
    }, timeoutMs);
    proc.stderr.setEncoding('utf8');
    proc.stdout.setEncoding('utf8');
    proc.stderr.on('data', (d) => {
      stderr += d;
      if (server) server.stderr += d;
    });
    proc.stdout.on('data', (d) => {
      stdout += d;
      if (server) {
        server.stdout += d;
        return;
      }
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        server = new Server(proc, Number(m[1]));
        server.stderr = stderr;
        server.stdout = stdout;
        resolve(server);
      }
    });
    proc.on('exit', (code, signal) => {
      if (!server) {
        clearTimeout(timer);
        reject(new Error(`server exited early (${code ?? signal})\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      }
    });
    proc.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/**
 * One raw HTTP request with node:http (full control over method, headers and body bytes).
 * Returns {status, headers, text, body} where body is the parsed JSON or null.
 */
export function rawRequest(baseUrl, {
  method = 'GET', path: p = '/', headers = {}, body, agent = false, timeoutMs = 30_000, localAddress,
}) {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method, path: p, headers, agent, ...(localAddress ? { localAddress } : {}) },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          const text = buf.toString('utf8');
          let json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode, headers: res.headers, text, raw: buf, body: json, reusedSocket: req.reusedSocket });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`request ${method} ${p} timed out`)));
    req.on('error', reject);
    if (body !== undefined && body !== null) req.write(body);
    req.end();
  });
}

/**
 * Client: a browser-like session holder (cookie + CSRF token). localAddress: the loopback source address its
 * connections use (127.0.0.2 ...), to act as another machine; default 127.0.0.1's choice by the kernel.
 */
export class Client {
  constructor(baseUrl, { localAddress } = {}) {
    this.baseUrl = baseUrl;
    this.localAddress = localAddress;
    this.cookie = null; // token value of jw_session
    this.csrf = null;
    this.user = null;
  }

  /**
   * Sends a request. body: a JS value (sent as JSON), a string or Buffer (sent as is). Options:
   *   csrf: true (default: the session's token on state-changing methods), false (omit), or a string to send.
   *   contentType: overrides "application/json" (null to omit).
   *   headers: extra headers.
   *   cookie: false to omit the session cookie.
   *   agent: an http.Agent (default: a fresh connection per request).
   */
  async request(method, p, body, { csrf = true, contentType, headers = {}, cookie = true, agent = false } = {}) {
    const h = { ...headers };
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' || Buffer.isBuffer(body) || body instanceof Uint8Array ? body : JSON.stringify(body);
      const ct = contentType === undefined ? 'application/json' : contentType;
      if (ct !== null) h['Content-Type'] = ct;
      h['Content-Length'] = Buffer.byteLength(payload);
    } else if (contentType) {
      h['Content-Type'] = contentType;
    }
    if (cookie && this.cookie) h.Cookie = `jw_session=${this.cookie}`;
    const stateChanging = !['GET', 'HEAD'].includes(method);
    if (stateChanging && csrf !== false) {
      const tok = typeof csrf === 'string' ? csrf : this.csrf;
      if (tok) h['X-CSRF-Token'] = tok;
    }
    return rawRequest(this.baseUrl, { method, path: p, headers: h, body: payload, agent, localAddress: this.localAddress });
  }

  get(p, opts) {
    return this.request('GET', p, undefined, opts);
  }
  post(p, body, opts) {
    return this.request('POST', p, body, opts);
  }
  put(p, body, opts) {
    return this.request('PUT', p, body, opts);
  }
  del(p, opts) {
    return this.request('DELETE', p, undefined, opts);
  }

  /** POST /api/v1/session; on 200 keeps the cookie and CSRF token. Returns the response. */
  async login(login, password, { agent = false } = {}) {
    const res = await this.request('POST', '/api/v1/session', { login, password }, { csrf: false, cookie: false, agent });
    if (res.status === 200) {
      const setCookie = [].concat(res.headers['set-cookie'] || []);
      const c = setCookie.map((s) => /^jw_session=([^;]*)/.exec(s)).find(Boolean);
      this.cookie = c ? c[1] : null;
      this.csrf = res.body.csrf_token;
      this.user = res.body.user;
    }
    return res;
  }

  /** login() that must succeed. */
  async loginOk(login, password) {
    const res = await this.login(login, password);
    assert.equal(res.status, 200, `login ${login} failed: ${res.status} ${res.text}`);
    return this;
  }
}

/**
 * Asserts an error reply: the status, the code, the field (undefined: not checked; null: must be absent), and the
 * error shape {"error":{"code","message"[,"field"]}} with a non-empty Chinese message, as JSON.
 */
export function assertError(res, status, code, field) {
  const ctx = `${res.status} ${res.text}`;
  assert.equal(res.status, status, `status: ${ctx}`);
  assertErrorShape(res);
  if (code !== undefined) assert.equal(res.body.error.code, code, `code: ${ctx}`);
  if (field === null) assert.equal(res.body.error.field, undefined, `no field expected: ${ctx}`);
  else if (field !== undefined) assert.equal(res.body.error.field, field, `field: ${ctx}`);
}

/** The shape every error reply must have. */
export function assertErrorShape(res) {
  const ctx = `${res.status} ${res.text}`;
  assert.match(String(res.headers['content-type']), /^application\/json/, `content type: ${ctx}`);
  assert.ok(res.body && typeof res.body === 'object', `JSON body: ${ctx}`);
  assert.deepEqual(Object.keys(res.body), ['error'], `only "error" at top level: ${ctx}`);
  const e = res.body.error;
  assert.equal(typeof e.code, 'string', ctx);
  assert.match(e.code, /^[a-z_]+$/, ctx);
  assert.equal(typeof e.message, 'string', ctx);
  assert.match(e.message, /[\u4e00-\u9fff]/, `message must be Chinese: ${ctx}`);
  for (const k of Object.keys(e)) assert.ok(['code', 'message', 'field'].includes(k), `unexpected key ${k}: ${ctx}`);
  if ('field' in e) {
    assert.equal(typeof e.field, 'string', ctx);
    assert.ok(e.field.length > 0, ctx);
  }
}

/** Asserts a 2xx/expected status with the body shown on failure. */
export function assertStatus(res, status) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status} ${res.text}`);
  return res.body;
}

/** All audit entries visible to client c (pages through), newest first. */
export async function auditAll(c, query = '') {
  const items = [];
  for (let offset = 0; ; offset += 200) {
    const sep = query ? `&${query}` : '';
    const res = await c.get(`/api/v1/audit?limit=200&offset=${offset}${sep}`);
    assertStatus(res, 200);
    items.push(...res.body.items);
    if (res.body.items.length < 200 || offset > 100_000) return { items, total: res.body.total };
  }
}

/** Today's date (UTC) as YYYY-MM-DD, plus/minus days. */
export function utcDate(deltaDays = 0) {
  return new Date(Date.now() + deltaDays * 86_400_000).toISOString().slice(0, 10);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// JIANWU_TEST_SERVER_ERRORS=FILE: every server's ERROR lines are appended to FILE (to debug a backend).
if (process.env.JIANWU_TEST_SERVER_ERRORS) {
  const orig = Server.prototype.stop;
  Server.prototype.stop = async function stop(...args) {
    const lines = this.stderr.split('\n').filter((l) => /ERROR|^SQL:/.test(l));
    if (lines.length) fs.appendFileSync(process.env.JIANWU_TEST_SERVER_ERRORS, `${lines.join('\n')}\n`);
    return orig.apply(this, args);
  };
}
