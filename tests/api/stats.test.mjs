// stats.test.mjs: the statistics API through the real binary (issue 11 §1, §2; docs/api-stats.md): the report's
// figures equal the hand-computed ones of the fixture (the same records as tests/unit/test_stats.c, written row by
// row), with 同比 and 环比; the breakdown by department; the records behind a figure; who sees what; bad input
// refused naming the field; the administrator's audited configuration; a closed month as reported. Runs on SQLite, or
// on PostgreSQL with JIANWU_TEST_PG set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { addOrg, addUser, assertError, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, rmTempDir, runCli, sqlite,
  startServer } from './helpers.mjs';

const PW = 'Jianwu@2026';
const NOW = '2026-01-01T00:00:00Z';
let dir, db, server, admin, leader, p1c, p2c, head1, ids;

/** The fixture of tests/unit/test_stats.c (its comments give every figure by hand). */
function seedSql({ org, orgB, d1, d2, p1, p2, agency }) {
  const kase = (id, o, type, dept, pros, received, concluded, archived) =>
    `INSERT INTO case_record(id, org_id, case_number, case_type, title, source_agency, received_on, department_id,` +
    ` prosecutor_id, status, concluded_on, archived_on, created_at, updated_at) VALUES (${id}, ${o}, '案${id}',` +
    ` '${type}', '案件${id}', '甲县公安局', '${received}', ${dept ?? 'NULL'}, ${pros ?? 'NULL'},` +
    ` '${archived ? 'archived' : 'concluded'}', '${concluded}', ${archived ? `'${archived}'` : 'NULL'}, '${NOW}',` +
    ` '${NOW}');`;
  const person = (id, o, caseId, decision, npt, on, plea) =>
    `INSERT INTO case_person(id, org_id, case_id, name, custody, plea, decision, non_prosecution_type, decision_on)` +
    ` VALUES (${id}, ${o}, ${caseId}, '某${id}', 'none', ${plea}, '${decision}', ${npt ? `'${npt}'` : 'NULL'},` +
    ` '${on}');`;
  const event = (caseId, kind, on) =>
    `INSERT INTO case_event(org_id, case_id, kind, on_date, at) VALUES (${org}, ${caseId}, '${kind}', '${on}',` +
    ` '${on}T00:00:00Z');`;
  const deadline = (entity, entityId, personId, caseId, kind, due) =>
    `INSERT INTO deadline(org_id, entity_kind, entity_id, person_id, case_id, kind, sequence, start_on, length,` +
    ` custody_bound, due_on, warn_key, warn_days, status, rule) VALUES (${org}, '${entity}', ${entityId},` +
    ` ${personId}, ${caseId ?? 'NULL'}, '${kind}', 1, '2025-01-01', '1m', 0, '${due}', '${kind}', 5, 'closed',` +
    ` '测试');`;
  return [
    kase(101, org, 'prosecution_review', d1, p1, '2025-02-01', '2025-03-10', '2025-04-05'),
    person(201, org, 101, 'prosecute', null, '2025-03-10', 1),
    person(202, org, 101, 'non_prosecution', 'discretionary', '2025-03-05', 1),
    `UPDATE case_person SET judgment_on = '2025-03-25', recommendation_adopted = 1, judgment_consistent = 1,` +
      ` sentence = '有期徒刑一年' WHERE id = 201;`,
    `INSERT INTO case_custody(org_id, case_id, person_id, custody, from_on) VALUES (${org}, 101, 201, 'arrested',` +
      ` '2025-01-20'), (${org}, 101, 202, 'arrested', '2025-01-20');`,
    event(101, 'return', '2025-02-10'), event(101, 'extend', '2025-02-25'),
    deadline('case', 101, 201, 101, 'review', '2025-03-08'), deadline('case', 101, 202, 101, 'review', '2025-03-15'),
    kase(102, org, 'prosecution_review', d2, p2, '2025-03-01', '2025-03-20', null),
    person(203, org, 102, 'prosecute', null, '2025-03-20', 0),
    `UPDATE case_person SET prosecution_withdrawn_on = '2025-03-28' WHERE id = 203;`,
    event(102, 'extend', '2025-03-15'), deadline('case', 102, 203, 102, 'review', '2025-04-01'),
    kase(103, org, 'arrest_review', d1, p1, '2025-03-02', '2025-03-08', null),
    person(204, org, 103, 'approve_arrest', null, '2025-03-08', 0),
    person(205, org, 103, 'reject_arrest', null, '2025-03-08', 0),
    deadline('case', 103, 204, 103, 'review', '2025-03-09'),
    kase(104, org, 'arrest_review', d2, p2, '2024-03-01', '2024-03-05', null),
    person(206, org, 104, 'reject_arrest', null, '2024-03-05', 0),
    kase(105, org, 'prosecution_review', d1, p1, '2025-01-10', '2025-02-20', '2025-03-01'),
    person(207, org, 105, 'prosecute', null, '2025-02-20', 1),
    `UPDATE case_person SET judgment_on = '2025-03-12', recommendation_adopted = 0, judgment_consistent = 0,` +
      ` sentence = '宣告无罪' WHERE id = 207;`,
    kase(106, org, 'prosecution_review', d2, p2, '2024-12-01', '2025-03-03', '2025-04-03'),
    person(208, org, 106, 'non_prosecution', 'statutory', '2025-03-03', 1),
    kase(190, orgB, 'arrest_review', null, null, '2025-03-01', '2025-03-05', null),
    person(290, orgB, 190, 'reject_arrest', null, '2025-03-05', 0),
    `INSERT INTO linkage_item(id, org_id, case_id, person_id, non_prosecution_type, decision_on, state,` +
      ` prosecutor_id, department_id, transferred_on, served_on, reply_on, reply_penalised, created_at, updated_at)` +
      ` VALUES (301, ${org}, 101, 202, 'discretionary', '2025-03-05', 'replied', ${p1}, ${d1}, '2025-03-07',` +
      ` '2025-03-20', '2025-03-30', 1, '${NOW}', '${NOW}'), (302, ${org}, 106, 208, 'statutory', '2025-03-03',` +
      ` 'awaiting_reply', ${p2}, ${d2}, '2025-03-12', '2025-03-25', NULL, NULL, '${NOW}', '${NOW}');`,
    deadline('linkage', 301, 0, 101, 'linkage_transfer', '2025-03-10'),
    deadline('linkage', 302, 0, 106, 'linkage_transfer', '2025-03-06'),
    `INSERT INTO suggestion(id, org_id, type, state, title, agency_id, department_id, prosecutor_id, facts, body,` +
      ` legal_basis, copies, reply_length, first_served_on, served_on, reply_on, adoption, closed_on, outcome,` +
      ` created_at, updated_at) VALUES` +
      ` (401, ${org}, 'correction', 'closed', '建议一', ${agency}, ${d1}, ${p1}, '事实', '正文', '依据', '[]', '2m',` +
      ` '2025-03-03', '2025-03-03', '2025-03-20', 'adopted', '2025-03-28', 'handled', '${NOW}', '${NOW}'),` +
      ` (402, ${org}, 'correction', 'served', '建议二', ${agency}, ${d2}, ${p2}, '事实', '正文', '依据', '[]', '2m',` +
      ` '2025-03-10', '2025-03-10', NULL, NULL, NULL, NULL, '${NOW}', '${NOW}'),` +
      ` (403, ${org}, 'correction', 'closed', '建议三', ${agency}, ${d1}, ${p1}, '事实', '正文', '依据', '[]', '2m',` +
      ` '2024-12-01', '2024-12-01', '2025-03-05', 'partly', '2025-03-06', 'other', '${NOW}', '${NOW}');`,
    deadline('suggestion', 401, 0, null, 'suggestion_reply', '2025-05-03'),
    deadline('suggestion', 402, 0, null, 'suggestion_reply', '2025-05-10'),
    deadline('suggestion', 403, 0, null, 'suggestion_reply', '2025-02-01'),
  ].join('\n');
}

function run(sql) {
  const r = sqlite(db, sql);
  assert.ok(r, 'the sqlite3 shell or psql is needed');
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'stats.db');
  initDb(db);
  const org = addOrg(db, 'jia', '甲县人民检察院');
  const orgB = addOrg(db, 'yi', '乙县人民检察院');
  addUser(db, { org: 'jia', login: 'admin1', role: 'admin', password: PW });
  server = await startServer(db);
  admin = await server.client().loginOk('admin1', PW);
  const dept = async (name, kind) => (await admin.post('/api/v1/departments', { name, kind })).body.id;
  const d1 = await dept('第一检察部', 'criminal');
  const d2 = await dept('第二检察部', 'criminal');
  const dm = await dept('案件管理部', 'case_management');
  const user = async (login, name, department_id, role) => {
    const res = await admin.post('/api/v1/users', { login, name, department_id, roles: [role], password: PW });
    assert.equal(res.status, 201, res.text);
    return res.body.id;
  };
  const p1 = await user('p1', '李检察官', d1, 'prosecutor');
  const p2 = await user('p2', '赵检察官', d2, 'prosecutor');
  await user('leader', '王检察长', dm, 'leader');
  await user('head1', '冯部长', d1, 'department_head');
  run(`INSERT INTO agency(org_id, name, created_at) VALUES (${org}, '甲县市场监督管理局',` +
    ` '${NOW}')`);
  const agency = Number(run(`SELECT id FROM agency WHERE org_id = ${org}`));
  ids = { org, orgB, d1, d2, p1, p2, agency };
  run(seedSql(ids));
  [leader, p1c, p2c, head1] = await Promise.all(['leader', 'p1', 'p2', 'head1'].map((l) => server.client().loginOk(l, PW)));
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

const ind = (report, code) => report.indicators.find((i) => i.code === code);
const fig = (report, code, col = 0, which = 'current') => {
  const c = ind(report, code).cells[col][which];
  return [c.numerator, c.denominator, c.value];
};

describe('the report', () => {
  test('every computed figure of the office for 2025-03 equals the hand-computed one', async () => {
    const res = await leader.get('/api/v1/stats/report?period=2025-03');
    assert.equal(res.status, 200, res.text);
    const r = res.body;
    assert.deepEqual([r.period.text, r.year_ago.text, r.previous.text], ['2025-03', '2024-03', '2025-02']);
    assert.equal(r.scope.kind, 'office');
    assert.equal(r.view, 'corrected');
    const want = {
      non_arrest_rate: [1, 2, 0.5], non_prosecution_rate: [2, 4, 0.5], post_arrest_non_prosecution_rate: [1, 2, 0.5],
      plea_leniency_rate: [3, 4, 0.75], sentencing_adoption_rate: [1, 2, 0.5], charge_judgment_mismatch_rate: [1, 2, 0.5],
      withdrawal_rate: [1, 2, 0.5], acquittal_rate: [1, 2, 0.5], supplementary_investigation_rate: [2, 4, 0.5],
      extension_rate: [3, 4, 0.75], case_item_ratio: [8, 4, 2], avg_handling_days: [192, 6, 32],
      median_handling_days: [192, 6, 25.5], overdue_at_conclusion_rate: [1, 6, 0.1666],
      archiving_on_time_rate: [2, 4, 0.5], linkage_transfer_on_time_rate: [1, 2, 0.5], opinion_reply_rate: [1, 2, 0.5],
      opinion_penalty_rate: [1, 1, 1], suggestion_on_time_reply_rate: [1, 2, 0.5], suggestion_adoption_rate: [1, 2, 0.5],
      suggestion_handled_rate: [1, 2, 0.5],
    };
    for (const [code, v] of Object.entries(want)) assert.deepEqual(fig(r, code), v, code);
    assert.deepEqual(fig(r, 'non_arrest_rate', 0, 'year_ago'), [1, 1, 1]);
    assert.deepEqual(fig(r, 'non_arrest_rate', 0, 'previous'), [0, 0, null]);
    assert.equal(ind(r, 'non_arrest_rate').cells[0].yoy, -0.5);
    assert.equal(ind(r, 'non_arrest_rate').cells[0].mom, null);
    assert.deepEqual(fig(r, 'withdrawal_rate', 0, 'previous'), [0, 1, 0]);
    const fixed = ind(r, 'fixed_sentence_proposal_rate');
    assert.equal(fixed.computed, false);
    assert.match(fixed.why, /确定刑/);
    assert.equal(r.indicators.length, 22);
  });

  test('the same figures by from/to, by department, and for a prosecutor', async () => {
    const q = await leader.get('/api/v1/stats/report?from=2025-01-01&to=2025-03-31&by=department');
    assert.equal(q.status, 200, q.text);
    assert.equal(q.body.period.text, '2025-Q1');
    assert.equal(q.body.previous.text, '2024-Q4');
    const res = await leader.get('/api/v1/stats/report?period=2025-03&by=department');
    const r = res.body;
    assert.deepEqual(r.columns.map((c) => c.name), ['合计', '第一检察部', '第二检察部']);
    assert.deepEqual(fig(r, 'non_prosecution_rate', 1), [1, 2, 0.5]);
    assert.deepEqual(fig(r, 'non_prosecution_rate', 2), [1, 2, 0.5]);
    const mine = (await p2c.get('/api/v1/stats/report?period=2025-03')).body;
    assert.equal(mine.scope.kind, 'prosecutor');
    assert.equal(mine.scope.name, '赵检察官');
    assert.deepEqual(fig(mine, 'non_prosecution_rate'), [1, 2, 0.5]);
    assert.deepEqual(fig(mine, 'non_arrest_rate', 0, 'year_ago'), [1, 1, 1]);
  });

  test('each reader sees only what the role allows', async () => {
    assertError(await p2c.get('/api/v1/stats/report?period=2025-03&scope=office'), 403, 'forbidden');
    assertError(await p2c.get(`/api/v1/stats/report?period=2025-03&scope=prosecutor&id=${ids.p1}`), 403, 'forbidden');
    assertError(await head1.get(`/api/v1/stats/report?period=2025-03&scope=department&id=${ids.d2}`), 403, 'forbidden');
    const own = await head1.get('/api/v1/stats/report?period=2025-03');
    assert.equal(own.body.scope.kind, 'department');
    assertError(await admin.get('/api/v1/stats/report?period=2025-03'), 403); // the administrator reads no figures
    assertError(await leader.get('/api/v1/stats/report?period=2025-03&scope=department&id=999999'), 422, 'invalid', 'id');
  });

  test('bad input is refused naming the parameter', async () => {
    const bad = [['period=2025-13', 'period'], ['period=2025-q1', 'period'], ['period=2025-02-10..2025-01-01', 'period'],
      ['from=2025-01-01', 'to'], ['to=2025-01-01', 'from'], ['from=2025-1-1&to=2025-01-31', 'from'],
      ['period=2025&from=2025-01-01&to=2025-01-02', 'period'], ['period=2025&scope=city', 'scope'],
      ['period=2025&by=org', 'by'], ['period=2025&view=draft', 'view'], ['period=2025&id=3', 'id'],
      ['period=2025&scope=department&id=0', 'id'], ['', 'from']];
    for (const [q, field] of bad) assertError(await leader.get(`/api/v1/stats/report?${q}`), 400, undefined, field);
  });
});

describe('the records behind a figure', () => {
  test('numerator and denominator, each row linking to its case', async () => {
    const n = (await leader.get('/api/v1/stats/records?period=2025-03&indicator=non_prosecution_rate&part=numerator')).body;
    assert.equal(n.total, 2);
    assert.deepEqual(n.items.map((i) => i.id), [208, 202]);
    assert.equal(n.items[1].link, '#/cases/101');
    assert.equal(n.items[1].case_number, '案101');
    const d = (await leader.get('/api/v1/stats/records?period=2025-03&indicator=non_prosecution_rate&part=denominator&limit=3')).body;
    assert.equal(d.total, 4);
    assert.equal(d.items.length, 3);
    const col = `department:${ids.d2}`;
    const y = (await leader.get(`/api/v1/stats/records?period=2025-03&by=department&column=${col}&indicator=non_arrest_rate&part=denominator&which=year_ago`)).body;
    assert.deepEqual(y.items.map((i) => i.id), [206]);
    assertError(await leader.get('/api/v1/stats/records?period=2025-03'), 400, undefined, 'indicator');
    assertError(await leader.get('/api/v1/stats/records?period=2025-03&indicator=nope'), 400, undefined, 'indicator');
    assertError(await leader.get('/api/v1/stats/records?period=2025-03&indicator=non_arrest_rate&part=x'), 400, undefined, 'part');
    assertError(await leader.get('/api/v1/stats/records?period=2025-03&indicator=non_arrest_rate&which=x'), 400, undefined, 'which');
    // a prosecutor's list holds only their own records
    const mine = (await p1c.get('/api/v1/stats/records?period=2025-03&indicator=non_prosecution_rate&part=denominator')).body;
    assert.deepEqual(mine.items.map((i) => i.id).sort(), [201, 202]);
  });
});

describe('exports', () => {
  /** LibreOffice Calc's CSV of the workbook's first sheet (formulas as computed), as rows of cells. */
  function calcCsv(file) {
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((f) => fs.existsSync(f));
    assert.ok(soffice, 'LibreOffice is installed by scripts/setup');
    const out = path.join(dir, 'csv');
    const lo = spawnSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'lo')}`,
      '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false', '--outdir', out, file],
    { timeout: 180_000, encoding: 'utf8' });
    assert.equal(lo.status, 0, `soffice: ${lo.stdout} ${lo.stderr}`);
    const text = fs.readFileSync(path.join(out, path.basename(file).replace(/\.xlsx$/, '.csv')), 'utf8');
    return text.split(/\r?\n/).filter(Boolean).map((l) => l.split(','));
  }

  test('the workbook, opened by LibreOffice, holds the JSON report\'s numbers; ratios are formulas', async () => {
    const json = (await leader.get('/api/v1/stats/report?period=2025-03&by=department')).body;
    const res = await leader.get('/api/v1/stats/report.xlsx?period=2025-03&by=department');
    assert.equal(res.status, 200, res.text);
    assert.match(String(res.headers['content-disposition']), /stats-2025-03\.xlsx/);
    const file = path.join(dir, 'report.xlsx');
    fs.writeFileSync(file, res.raw);
    // the value cells are formulas over their numerator and denominator cells
    const py = spawnSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]);'
      + ' sys.stdout.write(z.read("xl/workbook.xml").decode() + "\\n" + z.read("xl/worksheets/sheet1.xml").decode())', file],
    { encoding: 'utf8' });
    assert.equal(py.status, 0, py.stderr);
    assert.match(py.stdout, /<sheet name="统计报表"[^>]*\/><sheet name="指标定义"/);
    assert.match(py.stdout, /<c r="E4"[^>]*><f>IF\(D4=0,"",C4\/D4\)<\/f>/);
    assert.match(py.stdout, /<pane xSplit="2" ySplit="3" topLeftCell="C4" activePane="bottomRight" state="frozen"\/>/);
    const rows = calcCsv(file);
    const per = 11;
    for (const ind of json.indicators.filter((i) => i.computed)) {
      const row = rows.find((r) => r[1] === ind.code);
      assert.ok(row, ind.code);
      ind.cells.forEach((cell, k) => {
        ['current', 'year_ago', 'previous'].forEach((w, p) => {
          const c = 2 + k * per + p * 3;
          const f = cell[w];
          assert.equal(Number(row[c]), f.numerator, `${ind.code} ${k} ${w} numerator`);
          assert.equal(Number(row[c + 1]), f.denominator, `${ind.code} ${k} ${w} denominator`);
          if (f.value === null) assert.equal(row[c + 2], '', `${ind.code} ${k} ${w} empty`);
          else {
            // the cell as shown (0.00% or 0.0): within its rounding of the JSON value (cut to 4 decimals)
            const shown = row[c + 2].endsWith('%') ? Number(row[c + 2].slice(0, -1)) / 100 : Number(row[c + 2]);
            assert.ok(Math.abs(shown - f.value) < 2e-4, `${ind.code} ${k} ${w}: ${row[c + 2]} vs ${f.value}`);
          }
        });
      });
    }
    const audit = (await admin.get('/api/v1/audit?limit=100')).body.items.filter((a) => a.action === 'export.stats');
    assert.ok(audit.length >= 1);
  });

  test('the CSV is UTF-8 with a BOM; jianwu report writes the same figures as the API', async () => {
    const res = await leader.get('/api/v1/stats/report.csv?period=2025-03');
    assert.equal(res.status, 200);
    assert.deepEqual([...res.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = res.text.replace(/^\ufeff/, '').split('\r\n');
    assert.match(lines[0], /^指标,编码,列,本期分子,本期分母,本期值/);
    assert.ok(lines.some((l) => l.startsWith('不诉率,non_prosecution_rate,合计,2,4,0.5000')), lines.join('\n'));
    const out = path.join(dir, 'cli.json');
    cliOk(['report', '--db', db, '--from', '2025-03-01', '--to', '2025-03-31', '--org', 'jia', '--format', 'json',
      '--out', out]);
    const cli = JSON.parse(fs.readFileSync(out, 'utf8'));
    const api = (await leader.get('/api/v1/stats/report?period=2025-03')).body;
    assert.deepEqual(cli.indicators, api.indicators);
    cliOk(['report', '--db', db, '--from', '2025-03-01', '--to', '2025-03-31', '--format', 'xlsx', '--out',
      path.join(dir, 'cli.xlsx')]);
    assert.ok(fs.statSync(path.join(dir, 'cli.xlsx')).size > 1000);
    assert.equal(runCli(['report', '--db', db, '--from', '2025-03-31', '--to', '2025-03-01', '--format', 'json',
      '--out', out]).status, 2);
    assert.equal(runCli(['report', '--db', db, '--from', '2025-03-01', '--to', '2025-03-31', '--format', 'pdf',
      '--out', out]).status, 2);
  });
});

describe('configuration and closed periods', () => {
  test('the administrator sets an [M] formula; audited; readers see it; others may not set it', async () => {
    const cfg = await leader.get('/api/v1/stats/config');
    assert.equal(cfg.status, 200);
    const arch = cfg.body.indicators.find((i) => i.code === 'archiving_on_time_rate');
    assert.deepEqual(arch.params.map((p) => [p.name, p.value, p.default]), [['months', 1, 1]]);
    assertError(await leader.put('/api/v1/stats/config', { indicator: 'suggestion_adoption_rate', params: { partly_counts: 1 } }), 403);
    assertError(await admin.put('/api/v1/stats/config', { indicator: 'suggestion_adoption_rate', params: { partly_counts: 2 } }), 422, 'invalid', 'params.partly_counts');
    assertError(await admin.put('/api/v1/stats/config', { indicator: 'non_prosecution_rate', params: {} }), 422, 'invalid', 'indicator');
    assertError(await admin.put('/api/v1/stats/config', { indicator: 'x', params: {} }), 400, undefined, 'indicator');
    const ok = await admin.put('/api/v1/stats/config', { indicator: 'suggestion_adoption_rate', params: { partly_counts: 1 } });
    assert.equal(ok.status, 200, ok.text);
    const r = (await leader.get('/api/v1/stats/report?period=2025-03')).body;
    assert.deepEqual(fig(r, 'suggestion_adoption_rate'), [2, 2, 1]);
    const audit = (await admin.get('/api/v1/audit?limit=50')).body.items.filter((a) => a.action === 'stats.config');
    assert.equal(audit.length, 1);
    await admin.put('/api/v1/stats/config', { indicator: 'suggestion_adoption_rate', params: {} }); // back to the default
  });

  test('a closed month keeps its figures as reported; a late record shows as corrected', async () => {
    assertError(await p1c.post('/api/v1/stats/snapshots', { period: '2025-03' }), 403, 'forbidden');
    assertError(await leader.post('/api/v1/stats/snapshots', { period: '2025-3' }), 400, undefined, 'period');
    assertError(await leader.post('/api/v1/stats/snapshots', { period: '2025-03', x: 1 }), 400, undefined, 'x');
    const c = await leader.post('/api/v1/stats/snapshots', { period: '2025-03' });
    assert.equal(c.status, 201, c.text);
    assertError(await leader.post('/api/v1/stats/snapshots', { period: '2025-03' }), 409, 'conflict', 'period');
    run(`INSERT INTO case_record(id, org_id, case_number, case_type, title, source_agency, received_on, department_id,` +
      ` prosecutor_id, status, concluded_on, created_at, updated_at) VALUES (107, ${ids.org}, '案107',` +
      ` 'prosecution_review', '案件107', '甲县公安局', '2025-03-01', ${ids.d1}, ${ids.p1}, 'concluded', '2025-03-30',` +
      ` '2099-01-01T00:00:00Z', '2099-01-01T00:00:00Z'); INSERT INTO case_person(id, org_id, case_id, name, custody,` +
      ` plea, decision, non_prosecution_type, decision_on) VALUES (209, ${ids.org}, 107, '某209', 'none', 0,` +
      ` 'non_prosecution', 'discretionary', '2025-03-30');`);
    const corrected = (await leader.get('/api/v1/stats/report?period=2025-03')).body;
    assert.deepEqual(fig(corrected, 'non_prosecution_rate'), [3, 5, 0.6]);
    assert.equal(corrected.closed.late_records, 2);
    const reported = (await leader.get('/api/v1/stats/report?period=2025-03&view=reported')).body;
    assert.equal(reported.view, 'reported');
    assert.deepEqual(fig(reported, 'non_prosecution_rate'), [2, 4, 0.5]);
    assert.equal(reported.closed.late_records, 2);
    assertError(await leader.get('/api/v1/stats/report?period=2025-04&view=reported'), 409, 'conflict', 'view');
    const list = (await leader.get('/api/v1/stats/snapshots')).body.items;
    assert.deepEqual(list.map((s) => s.period), ['2025-03']);
  });
});
