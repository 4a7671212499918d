// migrate.test.mjs: `jianwu migrate --from FILE.db --to postgres://...` (docs/operations.md "Moving an office to
// PostgreSQL"): two offices that ran on their own SQLite files move into one PostgreSQL database.
//
// Runs on PostgreSQL only (scripts/run-tests api-pg): the sources are plain SQLite files in a temp dir, the target a
// new database of the test cluster. Office A is the demo (lishui, jinyun; 20 cases); office B is built with the
// command line and a server (qingtian, two cases). A is migrated into an empty database (a verbatim copy), then B
// into the same one (ids offset, B's audit rows appended to the one chain); A again is refused, and nothing changes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  addOrg, addUser, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, PG_URL, psql, rmTempDir, runCli, startServer,
} from './helpers.mjs';

const SQLITE3_BIN = ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].find((p) => fs.existsSync(p)) || null;
const PW_A = 'Jianwu@2026'; // the demo's password
const PW_B = 'Qingtian-pass-2026';
const TABLES = ['org', 'department', 'app_user', 'user_role', 'org_setting', 'case_sequence', 'case_record',
  'case_person', 'case_person_charge', 'case_event', 'case_custody', 'deadline', 'clock_stop', 'approval', 'audit_log',
  'calendar_import', 'agency'];

/** sqlite3 FILE SQL, asserting success; the output trimmed. */
function lite(file, sql) {
  const r = spawnSync(SQLITE3_BIN, [file, sql], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `sqlite3 ${sql}: ${r.stderr}`);
  return r.stdout.trim();
}

function pg(url, sql) {
  const r = psql(url, sql);
  assert.equal(r.status, 0, `psql ${sql}: ${r.stderr}`);
  return r.stdout.trim();
}

/** {table: rows} of a database (a file or a URL). */
function counts(db) {
  const out = {};
  for (const t of TABLES) out[t] = Number(/^postgres/.test(db) ? pg(db, `SELECT count(*) FROM ${t}`) : lite(db, `SELECT count(*) FROM ${t}`));
  return out;
}

/** The rows of the count table migrate prints: {table: [source, copied, before, offset]}. */
function printedCounts(stdout) {
  const out = {};
  for (const line of stdout.split('\n')) {
    const m = /^([a-z_]+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/.exec(line);
    if (m) out[m[1]] = m.slice(2, 6).map(Number);
  }
  return out;
}

async function listCases(server, login, password) {
  const c = await server.client().loginOk(login, password);
  const res = await c.get('/api/v1/cases?limit=200');
  assert.equal(res.status, 200, res.text);
  return { c, items: res.body.items, total: res.body.total };
}

describe('jianwu migrate', { skip: !PG_URL ? 'PostgreSQL only (scripts/run-tests api-pg)' : !SQLITE3_BIN && 'sqlite3 CLI not installed' }, () => {
  let dir, fileA, fileB, target, countsA, countsB, lastHashB, bCaseNumbers;

  before(async () => {
    dir = makeTempDir('jianwu-migrate-');
    fileA = path.join(dir, 'a.db');
    initDb(fileA);
    cliOk(['demo-data', '--db', fileA, '--cases', '20']);
    fileB = path.join(dir, 'qingtian.db');
    initDb(fileB);
    addOrg(fileB, 'qingtian', '青田县人民检察院');
    addUser(fileB, { org: 'qingtian', login: 'qt_admin', role: 'admin', password: PW_B });
    addUser(fileB, { org: 'qingtian', login: 'qt_anguan', role: 'case_manager', password: PW_B });
    const server = await startServer(fileB);
    try {
      const admin = await server.client().loginOk('qt_admin', PW_B);
      const dept = await admin.post('/api/v1/departments', { name: '第一检察部', kind: 'criminal' });
      assert.equal(dept.status, 201, dept.text);
      const pros = await admin.post('/api/v1/users', {
        login: 'qt_pros', name: '周检察官', department_id: dept.body.id, roles: ['prosecutor'], password: PW_B,
      });
      assert.equal(pros.status, 201, pros.text);
      const c = await server.client().loginOk('qt_anguan', PW_B);
      for (const title of ['吴某盗窃案', '郑某诈骗案']) {
        const res = await c.post('/api/v1/cases', {
          case_type: 'prosecution_review', title, source_agency: '青田县公安局', received_on: '2025-06-02',
          department_id: dept.body.id, assign: 'manual', prosecutor_id: pros.body.id,
          persons: [{ name: title.slice(0, 2), custody: 'bail', custody_since: '2025-06-02', plea: true, sentence_band: 'under_1y', charges: ['theft'] }],
        });
        assert.equal(res.status, 201, res.text);
      }
      // an agency of B's registry (audit entity "agency") and an export (audit entity "deadline", no entity id): both
      // must extend the target's chain like the rest
      const ag = await c.post('/api/v1/agencies', { name: '青田县交通运输局', kind: 'other' });
      assert.equal(ag.status, 201, ag.text);
      const xl = await c.get('/api/v1/deadlines/export.xlsx?scope=office');
      assert.equal(xl.status, 200, xl.text);
    } finally {
      await server.stop();
    }
    countsA = counts(fileA);
    countsB = counts(fileB);
    lastHashB = lite(fileB, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    bCaseNumbers = lite(fileB, 'SELECT case_number FROM case_record ORDER BY id').split('\n');
    target = newDbTarget(dir);
  });

  after(() => rmTempDir(dir));

  it('--help prints the usage', () => {
    const r = cliOk(['migrate', '--help']);
    assert.match(r.stdout, /用法: jianwu migrate --from FILE\.db --to postgres:\/\//);
  });

  it('copies the first office into an empty database as it is', async () => {
    const r = cliOk(['migrate', '--from', fileA, '--to', target]);
    const printed = printedCounts(r.stdout);
    const now = counts(target);
    for (const t of TABLES) {
      assert.equal(now[t], countsA[t], `${t}: target has ${now[t]}, source ${countsA[t]}`);
      assert.deepEqual(printed[t], [countsA[t], countsA[t], 0, 0], `printed counts of ${t}`);
    }
    assert.match(r.stdout, /session\s+0\s+0\s+0\s+0\s+未复制/);
    // an empty target gets the rows verbatim: the same ids and the same hashes
    assert.equal(pg(target, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1'),
      lite(fileA, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1'));
    assert.equal(pg(target, "SELECT count(*) FROM audit_log WHERE action = 'org.migrate'"), '0');
    const v = auditVerify(target);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.equal(v.stdout, 'OK\n');
  });

  it('serves the migrated cases to the migrated users with their passwords, and takes new ones', async () => {
    const server = await startServer(target);
    try {
      const { c, total, items } = await listCases(server, 'anguan', PW_A);
      const jinyun = Number(lite(fileA, "SELECT count(*) FROM case_record WHERE org_id = (SELECT id FROM org WHERE code = 'jinyun')"));
      assert.equal(total, jinyun);
      const first = items[items.length - 1];
      const one = await c.get(`/api/v1/cases/${first.id}`);
      assert.equal(one.status, 200, one.text);
      assert.equal(one.body.case_number, lite(fileA, `SELECT case_number FROM case_record WHERE id = ${first.id}`));
      // the identity sequences were moved past the copied ids: a new case gets a new id
      const res = await c.post('/api/v1/cases', {
        case_type: 'prosecution_review', title: '迁移后新案', source_agency: '缙云县公安局', received_on: '2025-06-03',
        department_id: first.department_id, assign: 'manual', prosecutor_id: first.prosecutor_id,
        persons: [{ name: '新某', custody: 'bail', custody_since: '2025-06-03', plea: true, sentence_band: 'under_1y', charges: ['theft'] }],
      });
      assert.equal(res.status, 201, res.text);
      assert.ok(res.body.id > Number(lite(fileA, 'SELECT max(id) FROM case_record')));
    } finally {
      await server.stop();
    }
    assert.equal(auditVerify(target).status, 0);
  });

  it('adds a second office with its ids offset and its audit rows on the one chain', async () => {
    const before = counts(target);
    const maxBefore = {
      org: Number(pg(target, 'SELECT max(id) FROM org')),
      user: Number(pg(target, 'SELECT max(id) FROM app_user')),
      kase: Number(pg(target, 'SELECT max(id) FROM case_record')),
      audit: Number(pg(target, 'SELECT max(id) FROM audit_log')),
    };
    const r = cliOk(['migrate', '--from', fileB, '--to', target]);
    const printed = printedCounts(r.stdout);
    assert.deepEqual(printed.case_record, [2, 2, before.case_record, maxBefore.kase]);
    const now = counts(target);
    for (const t of TABLES) {
      const extra = t === 'audit_log' ? 1 : 0; // the org.migrate row
      const fromB = t === 'calendar_import' ? 0 : countsB[t];
      assert.equal(now[t], before[t] + fromB + extra, `${t}: ${before[t]} + ${countsB[t]} -> ${now[t]}`);
    }
    // ids: B's rows come after the target's, and its references follow
    const qt = Number(pg(target, "SELECT id FROM org WHERE code = 'qingtian'"));
    assert.equal(qt, maxBefore.org + Number(lite(fileB, "SELECT id FROM org WHERE code = 'qingtian'")));
    assert.equal(pg(target, `SELECT count(*) FROM app_user WHERE org_id = ${qt}`), '3');
    assert.equal(pg(target, `SELECT count(*) FROM case_record WHERE org_id = ${qt}`), '2');
    assert.equal(pg(target, `SELECT count(*) FROM case_person p JOIN case_record c ON c.id = p.case_id WHERE c.org_id = ${qt} AND p.org_id = ${qt}`), '2');
    assert.equal(pg(target, `SELECT count(*) FROM deadline d JOIN case_record c ON c.id = d.entity_id AND d.entity_kind = 'case' WHERE c.org_id = ${qt}`),
      lite(fileB, "SELECT count(*) FROM deadline WHERE entity_kind = 'case'"));
    assert.ok(Number(pg(target, `SELECT min(id) FROM audit_log WHERE org_id = ${qt}`)) > maxBefore.audit);
    assert.equal(pg(target, `SELECT count(*) FROM audit_log WHERE id > ${maxBefore.audit} AND entity = 'case' AND entity_id::bigint NOT IN (SELECT id FROM case_record WHERE org_id = ${qt})`), '0');
    // the org.migrate row keeps the source chain's last hash, to check the archived file against
    const note = JSON.parse(pg(target, "SELECT after_json FROM audit_log WHERE action = 'org.migrate'"));
    assert.equal(note.source, 'qingtian.db');
    assert.equal(note.source_last_hash, lastHashB);
    assert.equal(note.source_audit_rows, countsB.audit_log);
    assert.equal(note.source_counts.case_record, 2);
    assert.equal(note.id_offsets.case_record, maxBefore.kase);
    const v = auditVerify(target);
    assert.equal(v.status, 0, v.stdout);
    assert.equal(v.stdout, 'OK\n');

    const server = await startServer(target);
    try {
      const b = await listCases(server, 'qt_anguan', PW_B);
      assert.equal(b.total, 2);
      assert.deepEqual(b.items.map((c) => c.case_number).sort(), [...bCaseNumbers].sort());
      const a = await listCases(server, 'anguan', PW_A);
      assert.ok(a.total > 2);
      assert.ok(a.items.every((c) => !bCaseNumbers.includes(c.case_number)), 'office A does not see B\'s cases');
      const aCase = await b.c.get(`/api/v1/cases/${a.items[0].id}`);
      assert.equal(aCase.status, 404, 'office B cannot open A\'s case');
      const bCase = await b.c.get(`/api/v1/cases/${b.items[0].id}`);
      assert.equal(bCase.status, 200, bCase.text);
      assert.ok(bCase.body.persons.length === 1 && bCase.body.deadlines.length > 0, bCase.text);
    } finally {
      await server.stop();
    }
  });

  it('refuses an office the target already holds, naming it, and changes nothing', () => {
    const before = counts(target);
    const hash = pg(target, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    const r = runCli(['migrate', '--from', fileA, '--to', target]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /机构代码 lishui/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.deepEqual(counts(target), before);
    assert.equal(pg(target, 'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1'), hash);
    // a login is unique over the whole database: another file with a login the target has is refused too
    const fileC = path.join(dir, 'c.db');
    initDb(fileC);
    addOrg(fileC, 'longquan', '龙泉市人民检察院');
    addUser(fileC, { org: 'longquan', login: 'qt_admin', role: 'admin', password: PW_B });
    const r2 = runCli(['migrate', '--from', fileC, '--to', target]);
    assert.equal(r2.status, 1);
    assert.match(r2.stderr, /登录名 qt_admin/);
    assert.deepEqual(counts(target), before);
  });

  it('refuses a SQLite --to, a missing --from and a source whose audit chain is broken', () => {
    const r1 = runCli(['migrate', '--from', fileA, '--to', path.join(dir, 'x.db')]);
    assert.equal(r1.status, 1);
    assert.match(r1.stderr, /--to must be a postgres:\/\/ URL/);
    assert.equal(fs.existsSync(path.join(dir, 'x.db')), false);

    const empty = newDbTarget(dir);
    const r2 = runCli(['migrate', '--from', path.join(dir, 'missing.db'), '--to', empty]);
    assert.equal(r2.status, 1);
    assert.match(r2.stderr, /missing\.db 不存在/);
    assert.equal(fs.existsSync(path.join(dir, 'missing.db')), false);

    const tampered = path.join(dir, 'tampered.db');
    cliOk(['backup', '--db', fileB, tampered]);
    lite(tampered, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'user.tampered' WHERE id = 2");
    const r3 = runCli(['migrate', '--from', tampered, '--to', empty]);
    assert.equal(r3.status, 1);
    assert.match(r3.stderr, /审计日志在第 2 行被破坏/);
    assert.equal(r3.stderr.trim().split('\n').length, 1, r3.stderr);
    // nothing written: the empty database is still empty
    assert.equal(pg(empty, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), '0');

    const r4 = runCli(['migrate', '--from', fileB]);
    assert.equal(r4.status, 2);
  });
});
