// postgres.test.mjs: what is particular to a PostgreSQL database (run by scripts/run-tests api-pg; skipped on the
// SQLite run): every command takes a postgres:// URL (and JIANWU_DB); bad targets (a malformed URL, a refused
// password, a database that is not Jianwu's, a server that is down, a newer schema) get one clear line, exit 1, and
// nothing is created; `backup` points to pg_dump; a password in the URL never reaches a log; a request while the
// database is away answers 503 and the server recovers by itself.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  addOrg, addUser, assertStatus, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, PG_URL, psql, rmTempDir,
  runCli, sleep, startServer,
} from './helpers.mjs';

const PW = 'Pg-test-2026!';

/** A loopback port nothing listens on. */
function closedPort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The tables of the database at url (psql). */
const tableCount = (url) => Number(psql(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").stdout.trim());

/** url with its database name replaced. */
function withDb(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

describe('PostgreSQL', { skip: !PG_URL && 'runs on the PostgreSQL test cluster only (scripts/run-tests api-pg)', timeout: 180_000 }, () => {
  let dir;
  before(() => {
    dir = makeTempDir('jianwu-pg-');
  });
  after(() => rmTempDir(dir));

  it('every command works on a URL: init, org add, user add, demo-data, due --db, calendar show, audit verify', () => {
    const db = newDbTarget(dir);
    const init = cliOk(['init', '--db', db]);
    assert.match(init.stdout, /结构版本 \d+/);
    assert.ok(tableCount(db) >= 10, 'the schema is there');
    addOrg(db, 'pgorg', '测试县人民检察院');
    addUser(db, { org: 'pgorg', login: 'pgadmin', role: 'admin', password: PW });
    const demo = newDbTarget(dir);
    initDb(demo);
    cliOk(['demo-data', '--db', demo, '--cases', '30']);
    assert.equal(Number(psql(demo, 'SELECT count(*) FROM case_record').stdout.trim()), 30);
    const due = cliOk(['due', '2025-04-01', '15d', '--db', demo]);
    assert.match(due.stdout, /^\d{4}-\d{2}-\d{2}/);
    cliOk(['calendar', 'show', '--db', demo, '--year', '2025']);
    const v = auditVerify(demo);
    assert.equal(v.stdout.trim(), 'OK', v.stderr);
    // JIANWU_DB names the database when --db is absent
    const env = runCli(['audit', 'verify'], { env: { JIANWU_DB: demo } });
    assert.equal(env.stdout.trim(), 'OK', env.stderr);
  });

  it('init refuses a database that already has tables, and leaves it alone', () => {
    const db = newDbTarget(dir);
    psql(db, 'CREATE TABLE notes(x integer); INSERT INTO notes VALUES (1)');
    const r = runCli(['init', '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /已有数据表/);
    assert.equal(tableCount(db), 1);
    // and every other command refuses it as not Jianwu's
    const s = runCli(['serve', '--db', db, '--listen', '127.0.0.1:0', '--quiet'], { timeout: 15_000 });
    assert.equal(s.status, 1);
    assert.match(s.stderr, /不是检务数据库/);
    assert.equal(tableCount(db), 1, 'nothing created');
  });

  it('an empty database is not initialised by any command but init', () => {
    const db = newDbTarget(dir);
    for (const args of [['serve', '--db', db, '--listen', '127.0.0.1:0'], ['org', 'add', '--db', db, '--code', 'x', '--name', 'y']]) {
      const r = runCli(args, { timeout: 15_000 });
      assert.equal(r.status, 1, args.join(' '));
      assert.match(r.stderr, /尚未初始化/);
    }
    assert.equal(tableCount(db), 0);
  });

  it('a newer schema is refused by every command and left alone', () => {
    const db = newDbTarget(dir);
    initDb(db);
    psql(db, 'UPDATE jianwu_schema SET version = 99');
    for (const args of [['serve', '--db', db, '--listen', '127.0.0.1:0'], ['audit', 'verify', '--db', db]]) {
      const r = runCli(args, { timeout: 15_000 });
      assert.equal(r.status, 1, args.join(' '));
      assert.match(r.stderr, /版本 99/);
    }
    assert.equal(psql(db, 'SELECT version FROM jianwu_schema').stdout.trim(), '99');
  });

  it('a malformed URL, a refused password, a missing database and a server that is down: one line, exit 1', async () => {
    const port = await closedPort();
    const base = new URL(PG_URL);
    const cases = [
      ['postgres://u@[::1/x', /数据库地址 .* 无效/],
      ['postgresql://postgres@127.0.0.1:5432/db?sslmode=bogus', /无效|无法连接/],
      [`postgresql://jw_pw:wrong-password@127.0.0.1:${base.port}/postgres`, /无法连接数据库.*password authentication failed/],
      [withDb(PG_URL, 'no_such_database_here'), /无法连接数据库.*does not exist/],
      [`postgresql://postgres@127.0.0.1:${port}/postgres`, /无法连接数据库/],
    ];
    for (const [url, re] of cases) {
      for (const args of [['init', '--db', url], ['serve', '--db', url, '--listen', '127.0.0.1:0']]) {
        const r = runCli(args, { timeout: 30_000 });
        assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, re, args.join(' '));
        assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /wrong-password/, 'the password is never shown');
      }
    }
    assert.equal(psql(PG_URL, "SELECT count(*) FROM pg_database WHERE datname = 'no_such_database_here'").stdout.trim(), '0');
  });

  it('backup says to use pg_dump and writes nothing', () => {
    const db = newDbTarget(dir);
    initDb(db);
    const out = path.join(dir, 'never.db');
    const r = runCli(['backup', '--db', db, out]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /pg_dump/);
    assert.ok(!fs.existsSync(out));
  });

  it('a password in the URL reaches neither the log nor the access log', async () => {
    const db = newDbTarget(dir);
    initDb(db);
    psql(db, "ALTER ROLE jw_pw PASSWORD 'jw-secret'");
    psql(db, 'GRANT ALL ON ALL TABLES IN SCHEMA public TO jw_pw; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO jw_pw');
    const u = new URL(db);
    u.username = 'jw_pw';
    u.password = 'jw-secret';
    const log = path.join(dir, 'access.log');
    const srv = await startServer(u.toString(), { extraArgs: ['--access-log', log] });
    try {
      assertStatus(await srv.client().get('/api/v1/session'), 401);
      const who = psql(PG_URL, "SELECT count(*) FROM pg_stat_activity WHERE usename = 'jw_pw' AND application_name = 'jianwu'");
      assert.ok(Number(who.stdout.trim()) >= 1, 'the server is connected as the URL says, as application jianwu');
    } finally {
      await srv.stop();
    }
    assert.doesNotMatch(srv.stderr + srv.stdout, /jw-secret/);
    assert.doesNotMatch(fs.readFileSync(log, 'utf8'), /jw-secret/);
  });

  it('while the database is away a request answers 503, and the server recovers by itself', async () => {
    const db = newDbTarget(dir);
    initDb(db);
    addOrg(db, 'away', '断线县人民检察院');
    addUser(db, { org: 'away', login: 'awayadmin', role: 'admin', password: PW });
    const srv = await startServer(db, { extraArgs: ['--threads', '2'] });
    try {
      const c = await srv.client().loginOk('awayadmin', PW);
      assertStatus(await c.get('/api/v1/departments'), 200);
      // cut every connection of this database from the server side (as a restart of PostgreSQL does)
      const name = new URL(db).pathname.slice(1);
      psql(PG_URL, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND application_name = 'jianwu'`);
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await c.get('/api/v1/departments')).status);
      assert.ok(statuses.every((s) => s === 200 || s === 503), `only 200 or 503: ${statuses}`);
      assert.ok(statuses.includes(503), `the request that met the cut connection answers 503: ${statuses}`);
      let ok = false;
      for (let i = 0; i < 20 && !ok; i++) {
        ok = (await c.get('/api/v1/departments')).status === 200;
        if (!ok) await sleep(100);
      }
      assert.ok(ok, 'the server answers 200 again without a restart');
      assertStatus(await c.post('/api/v1/departments', { name: '恢复后部门', kind: 'office' }), 201);
      assert.equal(auditVerify(db).stdout.trim(), 'OK');
    } finally {
      await srv.stop();
    }
  });
});
