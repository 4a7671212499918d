// imports.test.mjs: importing agency data through the real binary (issue 12 §1): the upload (raw body streamed to a
// file), the mapping step (preview), progress polling, the validation report as JSON and as XLSX (a cell starting
// with "=" stays text), the batch list, the record lists and their export; re-uploading the same file; every bad input
// refused naming the field with nothing written; permissions, CSRF and isolation between offices; and the command
// line `jianwu import` with its exit codes. Runs on SQLite, or on PostgreSQL with JIANWU_TEST_PG set.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { REPO, addOrg, addUser, assertError, auditVerify, initDb, makeTempDir, newDbTarget, rmTempDir, runCli,
  startServer } from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, xingjian, anguan, clerk, other;

const LICENCE_CSV = '\uFEFF序号,驾驶人姓名,公民身份号码,准驾车型,驾驶证状态,状态日期\r\n'
  + '1,张三,11010519491231002X,C1,吊销,2025/3/5\r\n'
  + '2,李四,110105491231002,C1,正常,2025年3月6日\r\n'
  + '3,,440524188001010014,C1,注销,2025-03-08\r\n'
  + '4,钱七,513101198201130014,C1,作废了,2025-02-30\r\n';

/** GB18030 bytes of a string, through iconv (glibc), as the agencies' exports are. */
function gb18030(text) {
  const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(text, 'utf8') });
  assert.equal(r.status, 0, String(r.stderr));
  return r.stdout;
}

function upload(c, query, body, opts = {}) {
  const q = new URLSearchParams(query).toString();
  return c.post(`/api/v1/imports${opts.preview ? '/preview' : ''}?${q}`, body,
    { contentType: 'application/octet-stream', ...opts });
}

function readXlsx(res) {
  assert.equal(res.status, 200, res.text.slice(0, 400));
  const file = path.join(dir, `report-${Date.now()}-${Math.random().toString(36).slice(2)}.xlsx`);
  fs.writeFileSync(file, res.raw);
  const r = spawnSync('/usr/bin/python3', [path.join(REPO, 'tests/api/xlsx_read.py'), file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function batchCount(c = xingjian) {
  const res = await c.get('/api/v1/imports?limit=1');
  assert.equal(res.status, 200, res.text);
  return res.body.total;
}

before(async () => {
  dir = makeTempDir('jianwu-imports-');
  db = newDbTarget(dir);
  initDb(db);
  addOrg(db, 'huyi', '鄠邑区人民检察院');
  addOrg(db, 'other', '乙县人民检察院');
  addUser(db, { org: 'huyi', login: 'xingjian', role: 'admin_prosecutor', password: PW });
  addUser(db, { org: 'huyi', login: 'anguan', role: 'case_manager', password: PW });
  addUser(db, { org: 'huyi', login: 'clerk', role: 'clerk', password: PW });
  addUser(db, { org: 'other', login: 'other_anguan', role: 'case_manager', password: PW });
  server = await startServer(db);
  const login = (l) => server.client().loginOk(l, PW);
  [xingjian, anguan, clerk, other] = await Promise.all(['xingjian', 'anguan', 'clerk', 'other_anguan'].map(login));
});

after(async () => {
  if (server) await server.stop();
  if (db) auditVerify(db);
  rmTempDir(dir);
});

describe('upload', () => {
  let batch;
  test('a UTF-8 CSV: accepted and rejected rows, the report with row and column', async () => {
    const res = await upload(xingjian, { kind: 'licence', source: '西安交警', file_name: '驾驶证.csv' }, LICENCE_CSV);
    assert.equal(res.status, 201, res.text);
    batch = res.body;
    assert.equal(batch.already_imported, false);
    assert.equal(batch.file_name, '驾驶证.csv');
    assert.equal(batch.format, 'csv');
    assert.equal(batch.encoding, 'utf-8');
    assert.equal(batch.rows_total, 4);
    assert.equal(batch.rows_accepted, 2);
    assert.equal(batch.rows_rejected, 2);
    assert.deepEqual(batch.rejections.map((j) => [j.row, j.column]), [[4, '驾驶人姓名'], [5, '驾驶证状态'], [5, '状态日期']]);
    const got = await xingjian.get(`/api/v1/imports/${batch.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.rows_accepted, 2);
    const list = await xingjian.get('/api/v1/imports');
    assert.equal(list.status, 200);
    assert.equal(list.body.items[0].id, batch.id);
    assert.equal(list.body.items[0].created_by_name, 'xingjian');
    const recs = await xingjian.get('/api/v1/licence-records?id_number=11010519491231002X');
    assert.equal(recs.status, 200, recs.text);
    assert.deepEqual(recs.body.items.map((x) => [x.name, x.status, x.id_number_raw]).sort(),
      [['张三', 'revoked', '11010519491231002X'], ['李四', 'valid', '110105491231002']]);
    const rej = await xingjian.get(`/api/v1/imports/${batch.id}/rejections?limit=2`);
    assert.equal(rej.status, 200);
    assert.equal(rej.body.total, 3);
    assert.equal(rej.body.items.length, 2);
  });

  test('the same file again: the earlier batch, nothing written', async () => {
    const n = await batchCount();
    const res = await upload(xingjian, { kind: 'licence', source: '西安交警' }, LICENCE_CSV);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.already_imported, true);
    assert.equal(res.body.id, batch.id);
    assert.equal(await batchCount(), n);
  });

  test('GB18030 with a progress token: polled to done; old rows are duplicates', async () => {
    const token = 'tok_' + Math.random().toString(36).slice(2, 12);
    const body = gb18030('姓名,身份证号,状态,状态日期\n张三,11010519491231002X,吊销,2025-03-05\n孙八,110105194912310021,正常,2025-04-01\n');
    const res = await upload(anguan, { kind: 'licence', source: '西安交警', progress: token }, body);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.encoding, 'gb18030');
    assert.equal(res.body.rows_accepted, 1);
    assert.equal(res.body.rows_duplicate, 1);
    const p = await anguan.get(`/api/v1/imports/progress?token=${token}`);
    assert.equal(p.status, 200, p.text);
    assert.equal(p.body.phase, 'done');
    assert.equal(p.body.percent, 100);
    assert.equal(p.body.batch_id, res.body.id);
    // another user does not see that progress; a bad token is named
    assertError(await xingjian.get(`/api/v1/imports/progress?token=${token}`), 404, 'not_found', 'token');
    assertError(await xingjian.get('/api/v1/imports/progress?token=a;b'), 400, 'validation_failed', 'token');
  });

  test('the mapping step: a header the synonyms do not know, then the mapping given and saved', async () => {
    const csv = '人员,编号甲,现状\n张三,11010519491231002X,吊销\n';
    const pre = await upload(xingjian, { kind: 'licence', source: '某大队' }, csv, { preview: true });
    assert.equal(pre.status, 200, pre.text);
    assert.deepEqual(pre.body.header, ['人员', '编号甲', '现状']);
    assert.deepEqual(pre.body.missing.sort(), ['id_number', 'name', 'status']);
    assert.equal(pre.body.saved, false);
    const n = await batchCount();
    assertError(await upload(xingjian, { kind: 'licence', source: '某大队' }, csv), 400, 'import_mapping_incomplete', 'mapping');
    assert.equal(await batchCount(), n);
    const mapping = 'name=人员,id_number=编号甲,status=现状';
    const pre2 = await upload(xingjian, { kind: 'licence', source: '某大队', mapping }, csv, { preview: true });
    assert.deepEqual(pre2.body.missing, []);
    assert.equal(pre2.body.fields.find((f) => f.code === 'id_number').column, '编号甲');
    const ok = await upload(xingjian, { kind: 'licence', source: '某大队', mapping }, csv);
    assert.equal(ok.status, 201, ok.text);
    const pre3 = await upload(xingjian, { kind: 'licence', source: '某大队' }, '人员,编号甲,现状\n李四,1,正常\n', { preview: true });
    assert.equal(pre3.body.saved, true);
    assert.deepEqual(pre3.body.missing, []);
  });

  test('the report as XLSX: a column named like a formula stays text', async () => {
    const csv = '姓名,身份证号,"=HYPERLINK(""http://x"")"\n张三,11010519491231002X,不知道\n';
    const res = await upload(xingjian, { kind: 'licence', source: '公式', mapping: 'status==HYPERLINK("http://x")' }, csv);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.rows_rejected, 1);
    const book = readXlsx(await xingjian.get(`/api/v1/imports/${res.body.id}/rejections/export.xlsx`));
    assert.equal(book.formulas, 0);
    const [head, row] = book.sheets[0].rows;
    assert.deepEqual(head.map((c) => c.v), ['行号', '列', '原因']);
    assert.equal(row[0].v, 2);
    assert.equal(row[1].t, 's');
    assert.equal(row[1].v, '=HYPERLINK("http://x")');
    const recs = readXlsx(await xingjian.get('/api/v1/licence-records/export.xlsx?id_number=11010519491231002X'));
    assert.ok(recs.sheets[0].rows.length >= 3);
  });

  test('penalty records: an XLSX upload is read as XLSX', async () => {
    const py = `
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = '处罚'
ws.append(['当事人姓名', '身份证号', '处罚机关', '处罚种类', '决定书文号', '处罚决定日期', '罚款金额（元）'])
ws.append(['张三', '11010519491231002X', '鄠邑区公安分局', '罚款', '鄠公行罚决字〔2025〕1号', 45721, 2000.5])
wb.save(sys.argv[1])`;
    const file = path.join(dir, 'pen.xlsx');
    const r = spawnSync('/usr/bin/python3', ['-c', py, file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const res = await upload(xingjian, { kind: 'penalty', source: '鄠邑公安' }, fs.readFileSync(file));
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.format, 'xlsx');
    assert.equal(res.body.sheet, '处罚');
    assert.equal(res.body.rows_accepted, 1);
    const recs = await xingjian.get('/api/v1/penalty-records');
    assert.equal(recs.body.items[0].decided_on, '2025-03-05');
    assert.equal(recs.body.items[0].amount_fen, 200050);
    assert.equal(recs.body.items[0].penalty_type, 'fine');
  });
});

describe('hostile cells', () => {
  test('SQL, HTML and 4-byte characters in cells are stored literally and read back byte for byte', async () => {
    const payloads = ["'; DROP TABLE licence_record; --", '" OR 1=1 --', '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>', '{{7*7}} ${7*7} %s%n', '𠀀'.repeat(200)];
    const q = (v) => `"${v.replace(/"/g, '""')}"`;
    const csv = '姓名,身份证号,状态,发证机关\n' + payloads.map((v, i) => `${q(v)},${i === 0 ? '110105194912310021' : ''},正常,${q(v)}`).join('\n');
    const res = await upload(xingjian, { kind: 'licence', source: '攻击' }, csv);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.rows_accepted, 1); // the rows without an ID number have no licence number either: rejected
    const recs = await xingjian.get(`/api/v1/licence-records?batch_id=${res.body.id}`);
    assert.equal(recs.body.items[0].name, payloads[0]);
    assert.equal(recs.body.items[0].agency_name, payloads[0]);
    const over = await upload(xingjian, { kind: 'licence', source: '攻击' },
      `姓名,身份证号,状态\n${'𠀀'.repeat(201)},110105194912310021,吊销\n`);
    assert.equal(over.status, 201, over.text);
    assert.equal(over.body.rows_rejected, 1);
    assert.match(over.body.rejections[0].reason, /超过 200 个字符/);
    const exact = await upload(xingjian, { kind: 'licence', source: '攻击' },
      `姓名,身份证号,状态\n${'𠀀'.repeat(200)},110105194912310021,注销\n`);
    assert.equal(exact.body.rows_accepted, 1);
  });
});

describe('bad input and access', () => {
  test('each refusal names its field, nothing written', async () => {
    const n = await batchCount();
    assertError(await upload(xingjian, { source: 'x' }, LICENCE_CSV), 400, 'validation_failed', 'kind');
    assertError(await upload(xingjian, { kind: 'cars' }, LICENCE_CSV), 400, 'validation_failed', 'kind');
    assertError(await upload(xingjian, { kind: 'licence' }, ''), 400, 'validation_failed', 'file');
    assertError(await upload(xingjian, { kind: 'licence' }, '姓名,状态\n张三,正常\n'), 400, 'import_mapping_incomplete', 'mapping');
    assertError(await upload(xingjian, { kind: 'licence' }, '姓名,身份证号,状态\n张三,1,"正常\n'), 400, 'import_file_invalid', 'file');
    assertError(await upload(xingjian, { kind: 'licence' }, Buffer.from('PK\x03\x04truncated')), 400, 'import_file_invalid', 'file');
    assertError(await upload(xingjian, { kind: 'licence', source: '𠀀'.repeat(101) }, LICENCE_CSV), 400, 'validation_failed', 'source');
    assertError(await upload(xingjian, { kind: 'licence', progress: 'short' }, LICENCE_CSV), 400, 'validation_failed', 'progress');
    assertError(await xingjian.get('/api/v1/licence-records?status=gone'), 400, 'validation_failed', 'status');
    assert.equal(await batchCount(), n);
  });

  test('permission, CSRF, session and the office scope', async () => {
    const n = await batchCount();
    assertError(await upload(clerk, { kind: 'licence' }, LICENCE_CSV), 403, 'forbidden');
    assertError(await clerk.get('/api/v1/imports'), 403, 'forbidden');
    assertError(await upload(xingjian, { kind: 'licence' }, LICENCE_CSV, { csrf: false }), 403, 'csrf_failed');
    assertError(await upload(xingjian, { kind: 'licence' }, LICENCE_CSV, { cookie: false }), 401, 'unauthenticated');
    assert.equal(await batchCount(), n);
    const mine = (await xingjian.get('/api/v1/imports?limit=1')).body.items[0].id;
    assertError(await other.get(`/api/v1/imports/${mine}`), 404, 'not_found');
    assertError(await other.get(`/api/v1/imports/${mine}/rejections`), 404, 'not_found');
    assert.equal((await other.get('/api/v1/licence-records')).body.total, 0);
    assert.equal((await other.get('/api/v1/imports')).body.total, 0);
  });
});

describe('command line', () => {
  test('jianwu import: imported, already imported, refused', () => {
    const file = path.join(dir, 'cli.csv');
    fs.writeFileSync(file, '姓名,身份证号,状态\n周九,110105194912310021,暂扣\n吴十,,\n');
    const a = runCli(['import', '--db', db, '--kind', 'licence', '--org', 'huyi', '--source', '命令行', file]);
    assert.equal(a.status, 0, a.stderr);
    assert.match(a.stdout, /数据行 2，接收 1，重复 0，拒收 1/);
    assert.match(a.stdout, /第 3 行 \[状态\] 驾驶证状态为空/);
    const b = runCli(['import', '--db', db, '--kind', 'licence', '--org', 'huyi', file]);
    assert.equal(b.status, 0, b.stderr);
    assert.match(b.stdout, /已导入过/);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '姓名,状态\n周九,暂扣\n');
    const c = runCli(['import', '--db', db, '--kind', 'licence', '--org', 'huyi', bad]);
    assert.equal(c.status, 2);
    assert.match(c.stderr, /公民身份号码/);
    assert.match(c.stderr, /未写入任何数据/);
    const d = runCli(['import', '--db', db, '--kind', 'licence', file]); // two offices: --org needed
    assert.equal(d.status, 2);
    assert.match(d.stderr, /--org/);
    const e = runCli(['import', '--db', db, file]);
    assert.equal(e.status, 2);
  });
});
