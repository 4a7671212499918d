// concurrency.test.mjs: two `jianwu serve` processes on one PostgreSQL database (docs/scaling.md "How writes are
// serialised"). Every write transaction takes the advisory lock DB_WRITE_LOCK_KEY, so what one server process could
// keep right with its own threads stays right across processes: the 案号 sequence of a year and type has no
// duplicate and no gap, rotation (轮案) gives the department's prosecutors cases in turn, the audit hash chain
// verifies, and the sign-in counters lose no update when two servers count failures of one (login, address) at once.
//
// PostgreSQL only (scripts/run-tests api-pg sets JIANWU_TEST_PG): with a SQLite file the two processes would share
// the file's own lock, which the single-server tests already cover.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { auditVerify, cliOk, initDb, newDbTarget, makeTempDir, PG_URL, psql, rmTempDir, startServer } from './helpers.mjs';

const PW = 'Jianwu@2026';
const PER_SERVER = 42; // cases registered through each server (a multiple of 3: 第二检察部 has three prosecutors)
const IN_FLIGHT = 4; // requests in flight at once per server
const N = 2 * PER_SERVER;

describe('two servers on one PostgreSQL database', {
  skip: PG_URL ? false : 'PostgreSQL only: set JIANWU_TEST_PG (scripts/run-tests api-pg)',
  timeout: 240_000,
}, () => {
  let dir;
  let db;
  let servers = [];
  let depts;
  let users;

  /** A rotation case of 第二检察部 (诈骗, no plea: not on the fast-track list, so it stays in the department). */
  const rotationCase = (tag) => ({
    case_type: 'prosecution_review', title: `并发${tag}诈骗案`, source_agency: '缙云县公安局', received_on: '2025-03-05',
    department_id: depts['第二检察部'], assign: 'rotation', prosecutor_id: null,
    persons: [{ name: `并发${tag}`, id_number: null, custody: 'bail', custody_since: '2025-03-05', plea: false, sentence_band: 'under_1y', charges: ['fraud'] }],
  });

  before(async () => {
    dir = makeTempDir();
    db = newDbTarget(dir, 'concurrency.db');
    initDb(db);
    cliOk(['demo-data', '--db', db, '--cases', '0']);
    servers = await Promise.all([0, 1].map(() => startServer(db, { extraArgs: ['--threads', '8'] })));
    const c = await servers[0].client().loginOk('anguan', PW);
    depts = Object.fromEntries((await c.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
    users = Object.fromEntries((await c.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
  });

  after(async () => {
    for (const s of servers) await s.stop();
    if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
    rmTempDir(dir);
  });

  it(`${N} registrations through both servers at once: every 案号 once, 1..${N}, rotation in turn, one audit row each`, async (t) => {
    // a 案管 signed in on each server
    const managers = await Promise.all(servers.map((s) => s.client().loginOk('anguan', PW)));
    const seqBefore = psql(db, "SELECT count(*) FROM case_sequence WHERE year = 2025 AND case_type = 'prosecution_review'");
    assert.equal(seqBefore.stdout.trim(), '0', 'the year and type start unused');
    const results = []; // {server, status, body}
    const started = Date.now();
    // each server: IN_FLIGHT workers, each registering its share one after another (bounded loops)
    await Promise.all(managers.flatMap((m, si) => Array.from({ length: IN_FLIGHT }, async (_, w) => {
      for (let k = w; k < PER_SERVER; k += IN_FLIGHT) {
        const res = await m.post('/api/v1/cases', rotationCase(`${si}-${k}`));
        results.push({ server: si, status: res.status, body: res.body, text: res.text });
      }
    })));
    const ms = Date.now() - started;
    t.diagnostic(`${N} registrations, 2 servers x ${IN_FLIGHT} in flight: ${ms} ms (${Math.round((N * 1000) / ms)}/s)`);

    assert.equal(results.length, N);
    for (const r of results) assert.equal(r.status, 201, `server ${r.server}: ${r.status} ${r.text}`);
    for (const si of [0, 1]) assert.equal(results.filter((r) => r.server === si).length, PER_SERVER);

    // no duplicate 案号, and the numbers of 2025 / 审查起诉 are exactly 1..N
    const numbers = results.map((r) => r.body.case_number);
    assert.equal(new Set(numbers).size, N, 'duplicate case numbers');
    const seqs = numbers.map((n) => {
      const m = /^缙检刑诉受〔2025〕(\d+)号$/.exec(n);
      assert.ok(m, `case number ${n}`);
      return Number(m[1]);
    }).sort((a, b) => a - b);
    assert.deepEqual(seqs, Array.from({ length: N }, (_, i) => i + 1), 'sequence numbers are 1..N with no gap');
    const last = psql(db, "SELECT last FROM case_sequence WHERE year = 2025 AND case_type = 'prosecution_review'");
    assert.equal(last.stdout.trim(), String(N), 'case_sequence.last');
    const stored = psql(db, "SELECT count(*), count(DISTINCT case_number) FROM case_record WHERE case_number LIKE '%〔2025〕%'");
    assert.equal(stored.stdout.trim(), `${N}|${N}`);

    // rotation: the department's three prosecutors in turn, across both servers (the same fairness cases.test.mjs
    // asserts for one server: consecutive registrations go to different prosecutors), counted in registration order
    const second = ['prosecutor2', 'hejc', 'guojc'].map((l) => users[l]);
    const byId = results.map((r) => r.body).sort((a, b) => a.id - b.id);
    const picked = byId.map((c) => c.prosecutor_id);
    for (const p of picked) assert.ok(second.includes(p), `prosecutor ${p} is not of 第二检察部`);
    for (let i = 0; i + 2 < N; i++) {
      assert.equal(new Set(picked.slice(i, i + 3)).size, 3, `cases ${i}..${i + 2} in id order went to ${picked.slice(i, i + 3)}`);
    }
    for (const p of second) assert.equal(picked.filter((x) => x === p).length, N / 3, `cases of prosecutor ${p}`);
    // the case number order is the registration order too: a lower sequence number never has a higher id
    const seqOf = (c) => Number(/〔2025〕(\d+)号/.exec(c.case_number)[1]);
    assert.deepEqual(byId.map(seqOf), Array.from({ length: N }, (_, i) => i + 1), 'case ids and numbers in one order');

    // the audit log: one case.register row per case, and the hash chain verifies
    const audit = psql(db, "SELECT entity_id FROM audit_log WHERE action = 'case.register' AND entity = 'case' ORDER BY id");
    assert.equal(audit.status, 0, audit.stderr);
    const audited = audit.stdout.trim().split('\n').map(Number);
    assert.equal(audited.length, N, 'one case.register row per case');
    assert.deepEqual([...audited].sort((a, b) => a - b), byId.map((c) => c.id));
    const v = auditVerify(db);
    assert.equal(v.status, 0, v.stderr);
    assert.equal(v.stdout.trim(), 'OK');
  });

  it('sign-in failures of one login and address counted by both servers: no lost update', async () => {
    // K = 4 wrong passwords at once, two through each server, from one address: below the lock, all counted
    const address = '127.0.0.60';
    const clients = servers.map((s) => s.client({ localAddress: address }));
    const four = await Promise.all([0, 1, 2, 3].map((i) => clients[i % 2].login('assistant', `wrong-four-${i}`)));
    assert.deepEqual(four.map((r) => r.status), [401, 401, 401, 401], four.map((r) => r.text).join('\n'));
    const pair = psql(db, `SELECT failures, locked_until FROM login_attempt WHERE login = 'assistant' AND address = '${address}'`);
    assert.equal(pair.stdout.trim(), '4|0', 'the pair counted exactly 4 failures, not locked');
    const addr = psql(db, `SELECT failures FROM login_address WHERE address = '${address}'`);
    assert.equal(addr.stdout.trim(), '4', 'the address counted exactly 4 failures');
    // the right password still signs in (4 < 5), through either server
    await clients[1].loginOk('assistant', PW);

    // 8 wrong passwords at once, four through each server, for another login: exactly 5 are checked (the 5th
    // locks the pair), 3 are refused as locked, as session.test.mjs asserts for one server
    const address2 = '127.0.0.61';
    const c2 = servers.map((s) => s.client({ localAddress: address2 }));
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => c2[i % 2].login('clerk', `wrong-burst-${i}`)));
    assert.deepEqual(burst.map((r) => r.status).sort(), [401, 401, 401, 401, 401, 423, 423, 423],
      burst.map((r) => r.text).join('\n'));
    const locked = psql(db, `SELECT failures, locked_until > extract(epoch FROM now()) FROM login_attempt WHERE login = 'clerk' AND address = '${address2}'`);
    assert.equal(locked.stdout.trim(), '5|t', 'exactly 5 failures counted, and the pair is locked');
    const rows = psql(db, `SELECT after_json FROM audit_log WHERE action = 'session.login_failed' AND after_json LIKE '%${address2}%' ORDER BY id`);
    const after = rows.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(after.length, 5, 'one audit row per checked guess');
    assert.equal(after.filter((a) => a.locked).length, 1, 'the 5th locked the pair');
    // locked on both servers, even with the right password
    for (const c of c2) assert.equal((await c.login('clerk', PW)).status, 423);
    const v = auditVerify(db);
    assert.equal(v.stdout.trim(), 'OK');
  });
});
