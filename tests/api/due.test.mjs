// due.test.mjs: the `jianwu due` command-line contract that other tools rely on (issue #3): the due day as
// YYYY-MM-DD and nothing else on stdout, exit 0; bad input a message on stderr and exit 2; --db uses the calendar
// imported into that database. The worked examples are DOMAIN.md 0.1's.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { cliOk, initDb, makeTempDir, rmTempDir, runCli, newDbTarget } from './helpers.mjs';

let dir, db;

before(() => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'due.db');
  initDb(db);
});

after(() => rmTempDir(dir));

describe('jianwu due', () => {
  const cases = [
    [['2025-03-05', '1m'], '2025-04-07'], // 04-05 is 清明 (04-04..04-06)
    [['2025-03-31', '1m'], '2025-04-30'], // month end to month end
    [['2025-09-24', '7d', '--custody'], '2025-10-01'], // custody-bound: never moved, though 10-01 is 国庆
    [['2025-09-24', '7d'], '2025-10-09'], // 10-01..10-08 is 国庆+中秋
    [['2025-03-14', '15d'], '2025-03-31'], // 03-29 Saturday, 03-30 Sunday
    [['2025-02-28', '1m'], '2025-03-31'], // P12: the last day of February to the last day of March
    [['2025-09-26', '3wd'], '2025-09-30'], // 09-27 Saturday rests, 09-28 Sunday is a 调休 working day: 09-28, 09-29, 09-30
    [['2025-09-29', '3wd'], '2025-10-10'], // 09-30, then 10-01..10-08 rest: 10-09, 10-10
  ];
  for (const [args, want] of cases) {
    it(`${args.join(' ')} -> ${want}`, () => {
      const r = runCli(['due', ...args]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `${want}\n`);
      assert.equal(r.stderr, '');
    });
  }

  it('bad input: a message on stderr, nothing on stdout, exit 2', () => {
    for (const args of [['2025-02-30', '1d'], ['2025-01-01', '0d'], ['2025-01-01', '7x'], ['2025-01-01'],
      ['2025-1-1', '1d'], ['2025-01-01', '1d', '--custody=yes'], ['2025-01-01', '1d', '--db', path.join(dir, 'none.db')]]) {
      const r = runCli(['due', ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.length > 0);
    }
  });

  it('a year without an official calendar: the answer, and a warning on stderr', () => {
    const r = runCli(['due', '2027-04-30', '1d']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '2027-05-03\n'); // 05-01 and 05-02 are the fixed 劳动节 days, 05-03 a Monday
    assert.match(r.stderr, /暂定/);
  });

  it('--db uses the calendar imported into that database', () => {
    const file = path.join(dir, '2027.txt');
    fs.writeFileSync(file, 'year 2027 complete\n2027-01-01 holiday 元旦\n2027-05-01..2027-05-05 holiday 劳动节\n' +
      '2027-04-25 workday 劳动节调休\n2027-10-01..2027-10-07 holiday 国庆节\n');
    cliOk(['calendar', 'import', '--db', db, file]);
    const r = runCli(['due', '2027-04-30', '1d', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '2027-05-06\n');
    assert.equal(r.stderr, '');
    const bad = path.join(dir, 'bad.txt');
    fs.writeFileSync(bad, 'year 2028 complete\n2028-02-30 holiday 不存在\n');
    const rb = runCli(['calendar', 'import', '--db', db, bad]);
    assert.equal(rb.status, 2);
    assert.match(rb.stderr, /第 2 行/);
  });
});
