// cli.test.mjs: the jianwu command line (exit status 0 success, 1 failure, 2 bad usage or bad input; cli.h).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  addOrg, assertStatus, auditVerify, cliOk, initDb, makeTempDir, rmTempDir, runCli, SQLITE3, sqlite, startServer,
} from './helpers.mjs';

const COMMANDS = ['init', 'serve', 'org', 'user', 'audit', 'backup', 'idcard'];
const sha = (f) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('command line', { timeout: 180_000 }, () => {
  let dir;
  let n = 0;
  const newDbPath = () => path.join(dir, `db${++n}.db`);

  before(() => {
    dir = makeTempDir('jianwu-cli-');
  });

  after(() => {
    rmTempDir(dir);
  });

  describe('version and help', () => {
    it('--version and -V print "jianwu 0.1.0"', () => {
      for (const flag of ['--version', '-V']) {
        const r = runCli([flag]);
        assert.equal(r.status, 0);
        assert.equal(r.stdout, 'jianwu 0.1.0\n');
      }
    });

    it('--help exits 0 and lists every command', () => {
      for (const flag of ['--help', '-h', 'help']) {
        const r = runCli([flag]);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /用法/);
        for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`\\b${c}\\b`), `${c} in the help`);
      }
    });

    it('each command has --help (exit 0, usage on stdout)', () => {
      for (const c of COMMANDS) {
        const r = runCli([c, '--help']);
        assert.equal(r.status, 0, `${c} --help: ${r.stderr}`);
        assert.match(r.stdout, /用法: jianwu/, `${c} --help: ${r.stdout}`);
        assert.match(r.stdout, new RegExp(`jianwu ${c}`), `${c} --help: ${r.stdout}`);
      }
    });

    it('no command, an unknown command or an unknown option exits 2', () => {
      const none = runCli([]);
      assert.equal(none.status, 2);
      assert.match(none.stderr, /用法/);
      const unknown = runCli(['frobnicate']);
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /frobnicate/);
      const opt = runCli(['init', '--db', newDbPath(), '--bogus']);
      assert.equal(opt.status, 2);
      assert.match(opt.stderr, /--bogus/);
      assert.equal(runCli(['org', 'remove', '--db', 'x']).status, 2);
      assert.equal(runCli(['audit']).status, 2);
      assert.equal(runCli(['init']).status, 2, 'init without --db');
    });
  });

  describe('init', () => {
    it('creates a database, and refuses an existing file without touching it', () => {
      const db = newDbPath();
      const r = initDb(db);
      assert.match(r.stdout, /已创建数据库/);
      const before0 = sha(db);
      const again = runCli(['init', '--db', db]);
      assert.notEqual(again.status, 0);
      assert.match(again.stderr, /已存在/);
      assert.equal(sha(db), before0);
      // Not even a file that is not a database is overwritten.
      const other = path.join(dir, 'notes.txt');
      fs.writeFileSync(other, '重要文件\n');
      const r2 = runCli(['init', '--db', other]);
      assert.notEqual(r2.status, 0);
      assert.equal(fs.readFileSync(other, 'utf8'), '重要文件\n');
    });

    it('commands other than init need an existing database', () => {
      const missing = path.join(dir, 'missing.db');
      const r = runCli(['org', 'add', '--db', missing, '--code', 'xx', '--name', '院']);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /不存在/);
      assert.ok(!fs.existsSync(missing), 'no file created');
      assert.notEqual(runCli(['audit', 'verify', '--db', missing]).status, 0);
      assert.ok(!fs.existsSync(missing));
    });

    it('a database with a newer schema is refused with a clear message', (t) => {
      if (!SQLITE3) {
        t.skip('sqlite3 CLI not installed');
        return;
      }
      const db = newDbPath();
      initDb(db);
      assert.equal(sqlite(db, 'PRAGMA user_version=99').status, 0);
      for (const args of [['org', 'add', '--db', db, '--code', 'xx', '--name', '院'], ['audit', 'verify', '--db', db],
        ['serve', '--db', db, '--listen', '127.0.0.1:0', '--quiet'], ['backup', '--db', db, path.join(dir, 'never.db')]]) {
        const r = runCli(args, { timeout: 15_000 });
        assert.equal(r.status, 1, `${args.join(' ')}: ${r.status} ${r.stderr}`);
        assert.match(r.stderr, /99/, `${args[0]}: message names the version: ${r.stderr}`);
        assert.match(r.stderr, /新/, `${args[0]}: message says newer: ${r.stderr}`);
      }
      assert.equal(sqlite(db, 'PRAGMA user_version').stdout.trim(), '99', 'the database was left alone');
      assert.ok(!fs.existsSync(path.join(dir, 'never.db')));
    });

    it('a SQLite file that is not a Jianwu database is refused', (t) => {
      if (!SQLITE3) {
        t.skip('sqlite3 CLI not installed');
        return;
      }
      const db = path.join(dir, 'foreign.db');
      assert.equal(sqlite(db, 'CREATE TABLE notes(x); INSERT INTO notes VALUES (1);').status, 0);
      const r = runCli(['org', 'add', '--db', db, '--code', 'xx', '--name', '院']);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /不是检务数据库/);
      assert.equal(sqlite(db, "SELECT count(*) FROM sqlite_schema WHERE type='table'").stdout.trim(), '1');
    });
  });

  describe('org add and user add', () => {
    let db;
    before(() => {
      db = newDbPath();
      initDb(db);
      addOrg(db, 'jinyun', '缙云县人民检察院');
    });

    it('org add validates its input (exit 2)', () => {
      const bad = [
        ['--code', 'X', '--name', '院'],
        ['--code', 'Bad Code', '--name', '院'],
        ['--code', 'jinyun', '--name', '重复'],
        ['--code', 'okcode', '--name', '院', '--level', 'town'],
        ['--code', 'okcode', '--name', '院', '--parent', 'nowhere'],
        ['--code', 'okcode', '--name', ''],
        ['--code', 'okcode', '--name', '院'.repeat(101)],
        ['--code', 'okcode'],
      ];
      for (const args of bad) {
        const r = runCli(['org', 'add', '--db', db, ...args]);
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.status} ${r.stderr}`);
        assert.ok(r.stderr.length > 0);
      }
      const ok = runCli(['org', 'add', '--db', db, '--code', 'jinyun-sub', '--name', '派驻室', '--level', 'county',
        '--parent', 'jinyun']);
      assert.equal(ok.status, 0, ok.stderr);
    });

    it('user add reads the password from stdin; the user can sign in with it', async () => {
      const r = cliOk(['user', 'add', '--db', db, '--org', 'jinyun', '--login', 'admin', '--role', 'admin',
        '--name', '管理员'], { input: 'stdin-pass-1\n' });
      assert.match(r.stdout, /已建立用户 admin/);
      assert.doesNotMatch(r.stdout + r.stderr, /stdin-pass-1/);
      cliOk(['user', 'add', '--db', db, '--org', 'jinyun', '--login', 'crlf', '--role', 'clerk'], { input: 'crlf-pass-1\r\n' });
      const srv = await startServer(db);
      try {
        const c = srv.client();
        const res = await c.login('admin', 'stdin-pass-1');
        assertStatus(res, 200);
        assert.equal(res.body.user.name, '管理员');
        assert.deepEqual(res.body.user.roles, ['admin']);
        assertStatus(await srv.client().login('crlf', 'crlf-pass-1'), 200); // the line ending is not part of it
      } finally {
        await srv.stop();
      }
    });

    it('user add refuses a too-short password (exit 2) and creates nothing', () => {
      const args = ['user', 'add', '--db', db, '--org', 'jinyun', '--login', 'shorty', '--role', 'clerk'];
      const r = runCli(args, { input: 'short7\n' });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /密码/);
      const again = runCli(args, { input: '密码密码密码密\n' }); // 7 code points
      assert.equal(again.status, 2, again.stderr);
      const empty = runCli(args, { input: '' });
      assert.equal(empty.status, 2, empty.stderr);
      // The login is still free: nothing was written.
      cliOk(args, { input: 'long-enough-1\n' });
    });

    it('user add validates login, role, org and uniqueness (exit 2)', () => {
      const base = ['user', 'add', '--db', db];
      const bad = [
        ['--org', 'jinyun', '--login', 'Bad Login', '--role', 'clerk'],
        ['--org', 'jinyun', '--login', 'okuser', '--role', 'janitor'],
        ['--org', 'nowhere', '--login', 'okuser', '--role', 'clerk'],
        ['--org', 'jinyun', '--login', 'admin', '--role', 'clerk'],
        ['--org', 'jinyun', '--login', 'okuser'],
      ];
      for (const args of bad) {
        const r = runCli([...base, ...args], { input: 'valid-pass-1\n' });
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.status} ${r.stderr}`);
      }
    });

    it('audit verify prints OK on a healthy database', () => {
      const r = auditVerify(db);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, 'OK\n');
    });

    it('audit verify reports a tampered row: "BROKEN at row N", exit 1', (t) => {
      if (!SQLITE3) {
        t.skip('sqlite3 CLI not installed');
        return;
      }
      const copy = path.join(dir, 'tampered.db');
      cliOk(['backup', '--db', db, copy]);
      // The log is append-only by trigger; a tamperer with file access drops the trigger first.
      const upd = sqlite(copy, 'UPDATE audit_log SET action = action WHERE id = 2');
      assert.notEqual(upd.status, 0, 'the append-only trigger refuses updates');
      const del = sqlite(copy, 'DELETE FROM audit_log WHERE id = 2');
      assert.notEqual(del.status, 0, 'the append-only trigger refuses deletes');
      const r0 = sqlite(copy, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'user.tampered' WHERE id = 3");
      assert.equal(r0.status, 0, r0.stderr);
      const r = auditVerify(copy);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /^BROKEN at row 3: /);
    });
  });

  describe('serve and backup', () => {
    let db;
    before(() => {
      db = newDbPath();
      initDb(db);
    });

    it('serve with a bad --listen exits 2 with a message', () => {
      for (const listen of ['nonsense', '127.0.0.1', '127.0.0.1:99999', '127.0.0.1:-1', '127.0.0.1:80x', ':8080',
        'localhost:8080', '999.1.1.1:80', '127.0.0.1:']) {
        const r = runCli(['serve', '--db', db, '--listen', listen, '--quiet'], { timeout: 15_000 });
        assert.equal(r.status, 2, `--listen ${listen}: ${r.status} ${r.signal ?? ''} ${r.stderr}`);
        assert.match(r.stderr, /监听地址|listen/, `--listen ${listen}: ${r.stderr}`);
        assert.doesNotMatch(r.stdout, /listening on/);
      }
    });

    it('serve refuses bad --threads, a missing --db and a missing file', () => {
      for (const t of ['0', '65', 'many', '']) {
        const r = runCli(['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', t], { timeout: 15_000 });
        assert.equal(r.status, 2, `--threads ${t}: ${r.status} ${r.stderr}`);
      }
      assert.equal(runCli(['serve', '--listen', '127.0.0.1:0'], { timeout: 15_000 }).status, 2);
      const missing = runCli(['serve', '--db', path.join(dir, 'nope.db'), '--listen', '127.0.0.1:0'], { timeout: 15_000 });
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /不存在/);
    });

    it('backup refuses an existing OUT and needs OUT', () => {
      const out = path.join(dir, 'exists.bak');
      fs.writeFileSync(out, 'keep me');
      const r = runCli(['backup', '--db', db, out]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /已存在/);
      assert.equal(fs.readFileSync(out, 'utf8'), 'keep me');
      assert.equal(runCli(['backup', '--db', db]).status, 2);
      const fresh = path.join(dir, 'fresh.bak');
      cliOk(['backup', '--db', db, fresh]);
      const v = auditVerify(fresh);
      assert.equal(v.status, 0, v.stderr);
    });

    it('backup writes a file readable by the owner only (0600), whatever the umask', () => {
      const out = path.join(dir, 'private.bak');
      const old = process.umask(0o000); // the child inherits it: the most permissive umask
      try {
        cliOk(['backup', '--db', db, out]);
      } finally {
        process.umask(old);
      }
      assert.equal(fs.statSync(out).mode & 0o777, 0o600);
      assert.ok(!fs.existsSync(`${out}-journal`), 'no journal left beside the backup');
    });

    it('audit verify leaves the file it checks exactly as it was: bytes, mtime, no -wal or -shm', async () => {
      const out = path.join(dir, 'untouched.bak');
      cliOk(['backup', '--db', db, out]);
      const before = { sha: sha(out), mtime: fs.statSync(out).mtimeMs, size: fs.statSync(out).size };
      await new Promise((r) => setTimeout(r, 20)); // a rewrite would show a later mtime
      for (let i = 0; i < 2; i++) {
        const v = auditVerify(out);
        assert.equal(v.status, 0, v.stderr);
        assert.equal(v.stdout, 'OK\n');
      }
      assert.equal(sha(out), before.sha, 'same bytes');
      assert.equal(fs.statSync(out).mtimeMs, before.mtime, 'same mtime');
      assert.equal(fs.statSync(out).size, before.size);
      for (const suffix of ['-wal', '-shm', '-journal']) assert.ok(!fs.existsSync(`${out}${suffix}`), `no ${suffix}`);
      // the header still says rollback journal (bytes 18 and 19 are 1), not WAL (2)
      const head = fs.readFileSync(out).subarray(18, 20);
      assert.deepEqual([...head], [1, 1]);
      // a name with URI characters is a file name, not a query
      const odd = path.join(dir, 'odd?mode=rwc#x%20.bak');
      cliOk(['backup', '--db', db, odd]);
      const oddSha = sha(odd);
      assert.equal(auditVerify(odd).status, 0);
      assert.equal(sha(odd), oddSha);
      assert.ok(!fs.existsSync(`${odd}-wal`));
    });

    it('audit verify of a WAL-mode database at rest creates no -wal or -shm', () => {
      // the live database itself: jianwu init left it in WAL mode with no -wal file once closed
      const before = sha(db);
      assert.equal(auditVerify(db).status, 0);
      assert.equal(sha(db), before);
      for (const suffix of ['-wal', '-shm']) assert.ok(!fs.existsSync(`${db}${suffix}`), `no ${suffix}`);
    });

    it('audit verify refuses a file that is not a Jianwu database, and changes nothing', () => {
      const other = path.join(dir, 'other.bin');
      fs.writeFileSync(other, '');
      const r = auditVerify(other);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /不是检务数据库/);
      assert.equal(fs.statSync(other).size, 0);
    });
  });
});

// jianwu idcard NUMBER (issue 12 §2): an exact contract. Valid: `NORMALISED_18 YYYY-MM-DD male|female` on one line,
// exit 0; invalid: the reason on stderr, nothing on stdout, exit 1; no number: usage on stderr, exit 2.
describe('jianwu idcard', () => {
  const ok = (input, line) => {
    const r = cliOk(['idcard', input]);
    assert.equal(r.stdout, `${line}\n`, `jianwu idcard ${JSON.stringify(input)}`);
  };
  const refused = (input, reason) => {
    const r = runCli(['idcard', input]);
    assert.equal(r.status, 1, `jianwu idcard ${JSON.stringify(input)}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, reason);
  };

  it('prints the normal form, the birth date and the sex of a valid number', () => {
    ok('110105199003071239', '110105199003071239 1990-03-07 male');
    ok('11010519491231002X', '11010519491231002X 1949-12-31 female');
  });

  it('normalises a lower-case x, full-width characters and surrounding blanks', () => {
    ok('11010519491231002x', '11010519491231002X 1949-12-31 female');
    ok('１１０１０５１９４９１２３１００２ｘ', '11010519491231002X 1949-12-31 female');
    ok(' \t11010519491231002X\u3000', '11010519491231002X 1949-12-31 female');
  });

  it('upgrades a 15-digit number to 18 (19 inserted before the birth date, the check character computed)', () => {
    ok('110105491231002', '11010519491231002X 1949-12-31 female');
    ok('110105900307123', '110105199003071239 1990-03-07 male');
  });

  it('refuses a bad checksum, an impossible or future birth date, a wrong form, with the reason', () => {
    refused('110105199003071238', /校验位/);
    refused('110105491331002', /出生日期/); // month 13 in a 15-digit number
    refused('110105199002301234', /出生日期/); // 30 February
    const y = new Date().getUTCFullYear() + 1;
    refused(`110105${y}0101100`, /.+/); // 17 characters: a wrong form
    refused('1101051990030712', /.+/);
    refused('11010519900307123A', /.+/);
    refused('1101 05199003071239', /.+/); // a blank inside
  });

  it('refuses a birth date after today', () => {
    const y = new Date().getUTCFullYear() + 1;
    // any check character: the birth date is checked first
    refused(`110105${y}01011230`, /晚于今天/);
  });

  it('asks for exactly one number', () => {
    for (const args of [['idcard'], ['idcard', '110105199003071239', 'extra']]) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /jianwu idcard/);
    }
  });
});
