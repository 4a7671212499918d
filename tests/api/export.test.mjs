// export.test.mjs: the Excel export of every list (GET /api/v1/<list>/export.xlsx, docs/api.md "Exports") through the
// real binary, each file read back with a real reader (openpyxl, tests/api/xlsx_read.py): Chinese headers, the
// list's rows under the same filter and none other (filtered-out rows, another office's rows), dates as date cells,
// the frozen header and autofilter, the "导出说明" sheet, each list's permission, the audit row of every export, hostile
// text read back byte for byte as text (never a formula), and the refusal of more than 100,000 rows.
//
// World: the demo procuratorate without cases (`jianwu demo-data --cases 0`), an unrelated office with its own case
// manager and cases, and a third office holding 100,001 users (inserted by SQL) for the cap.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  addOrg, addUser, assertError, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, PG_URL, psql, REPO, rmTempDir,
  sqlite, startServer,
} from './helpers.mjs';

const PW = 'Jianwu@2026';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HOSTILE_FORMULA = "=cmd|' /C calc'!A0";
const HOSTILE_HTML = '<script>alert(1)</script>盗窃案';
const WIDE_AT_LIMIT = '𠀀'.repeat(99) + '案'; // 100 characters, the title's limit; 99 of them 4-byte UTF-8
let dir, db, server, anguan, prosecutor, leader, admin, otherCm, bigAdmin, depts, users;
const registered = [];

/** SQL on the world's database (sqlite3 shell or psql). */
function sql(stmt) {
  const r = PG_URL ? psql(db, stmt) : sqlite(db, stmt);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

/** The file of an export response, read back: {sheets:[{name, freeze, autofilter, widths, rows}], formulas}. */
function readXlsx(res) {
  assert.equal(res.status, 200, res.text.slice(0, 400));
  assert.equal(res.headers['content-type'], XLSX_TYPE);
  const file = path.join(dir, `export-${Date.now()}-${Math.random().toString(36).slice(2)}.xlsx`);
  fs.writeFileSync(file, res.raw);
  const r = spawnSync('/usr/bin/python3', [path.join(REPO, 'tests/api/xlsx_read.py'), file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** The first sheet's data rows as objects keyed by the Chinese headers (cells as {t, v}). */
function table(book) {
  const [head, ...rows] = book.sheets[0].rows;
  const keys = head.map((c) => c.v);
  return rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
}

/** The "导出说明" sheet as {项目: 内容}. */
function notes(book) {
  const s = book.sheets.find((x) => x.name === '导出说明');
  assert.ok(s, 'the notes sheet');
  return Object.fromEntries(s.rows.slice(1).map((r) => [r[0].v, r[1] && r[1].v]));
}

async function register(c, over = {}) {
  const body = {
    case_type: 'prosecution_review', title: '张某盗窃案', source_agency: '缙云县公安局', received_on: '2025-03-05',
    department_id: depts['第一检察部'], assign: 'manual', prosecutor_id: users.prosecutor,
    persons: [{ name: '张某', custody: 'bail', custody_since: '2025-02-01', plea: true, sentence_band: 'under_1y', charges: ['fraud'] }], ...over,
  };
  const res = await c.post('/api/v1/cases', body);
  assert.equal(res.status, 201, res.text);
  return res.body;
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'export.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_cm', role: 'case_manager', password: PW });
  addUser(db, { org: 'other', login: 'other_admin', role: 'admin', password: PW });
  addOrg(db, 'big', '大院');
  addUser(db, { org: 'big', login: 'big_admin', role: 'admin', password: PW });
  // 100,001 users in the big office, past the export's cap (each list goes through the same store_export)
  const bigOrg = sql("SELECT id FROM org WHERE code = 'big'");
  sql('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100001)'
    + ` INSERT INTO app_user(org_id, login, name, password_hash, created_at, updated_at)`
    + ` SELECT ${bigOrg}, 'big' || i, '用户' || i, 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n`);
  server = await startServer(db);
  const login = (l) => server.client().loginOk(l, PW);
  [anguan, prosecutor, leader, admin, otherCm, bigAdmin] = await Promise.all(
    ['anguan', 'prosecutor', 'leader', 'admin', 'other_cm', 'big_admin'].map(login));
  depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
  registered.push(await register(anguan, { title: HOSTILE_FORMULA, received_on: '2025-03-01' }));
  registered.push(await register(anguan, { title: HOSTILE_HTML, received_on: '2025-03-02' }));
  registered.push(await register(anguan, { title: WIDE_AT_LIMIT, received_on: '2025-03-03' }));
  registered.push(await register(anguan, { title: '李某诈骗案', received_on: '2025-02-10' }));
  registered.push(await register(anguan, { title: '王某故意伤害案', received_on: '2025-04-20',
    persons: [{ name: '王某', custody: 'detained', custody_since: '2025-04-18', plea: false, sentence_band: '1_3y', charges: ['intentional_injury'] }] }));
  // the other office: a department, a prosecutor and one case of its own
  const otherAdmin = await login('other_admin');
  const dept = (await otherAdmin.post('/api/v1/departments', { name: '刑事检察部', kind: 'criminal' })).body;
  const pro = (await otherAdmin.post('/api/v1/users', { login: 'other_pro', name: '别院检察官', department_id: dept.id,
    roles: ['prosecutor'], password: PW })).body;
  const res = await otherCm.post('/api/v1/cases', {
    case_type: 'prosecution_review', title: '别院案件', source_agency: '别县公安局', received_on: '2025-03-04',
    department_id: dept.id, assign: 'manual', prosecutor_id: pro.id,
    persons: [{ name: '赵某', custody: 'bail', custody_since: '2025-02-01', plea: false, sentence_band: 'under_1y', charges: ['fraud'] }],
  });
  registered.otherStatus = res.status;
  registered.other = res.body;
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('the case list', () => {
  const filter = 'received_from=2025-03-01&received_to=2025-03-31';

  test('the rows are the list\'s under the same filter, in its order, with Chinese headers and the notes', async () => {
    const list = (await anguan.get(`/api/v1/cases?${filter}&limit=200`)).body;
    assert.equal(list.total, 3);
    const res = await anguan.get(`/api/v1/cases/export.xlsx?${filter}`);
    const cd = res.headers['content-disposition'];
    assert.match(cd, /^attachment; filename="cases-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    const utf8Name = decodeURIComponent(cd.split("UTF-8''")[1]);
    assert.match(utf8Name, /^案件列表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = readXlsx(res);
    assert.deepEqual(book.sheets.map((s) => s.name), ['案件列表', '导出说明']);
    const head = book.sheets[0].rows[0].map((c) => c.v);
    for (const h of ['案号', '案件名称', '案件类别', '状态', '受理日期', '移送机关', '承办检察官', '涉案人员']) {
      assert.ok(head.includes(h), `header ${h} in ${head}`);
    }
    const rows = table(book);
    assert.equal(rows.length, list.total, 'row count equals the list\'s total');
    assert.deepEqual(rows.map((r) => r['案号'].v), list.items.map((c) => c.case_number), 'the list\'s rows, in order');
    // the filtered-out cases (February, April) and the other office's case are absent
    const numbers = rows.map((r) => r['案号'].v);
    assert.ok(!numbers.includes(registered[3].case_number));
    assert.ok(!numbers.includes(registered[4].case_number));
    assert.equal(registered.otherStatus, 201, JSON.stringify(registered.other));
    assert.ok(!numbers.includes(registered.other.case_number));
    assert.ok(!rows.some((r) => r['案件名称'].v === '别院案件'));
    // codes as their Chinese labels, dates as date cells
    assert.equal(rows[0]['案件类别'].v, '审查起诉');
    assert.equal(rows[0]['状态'].v, '审查中');
    const received = rows.find((r) => r['案号'].v === registered[0].case_number)['受理日期'];
    assert.equal(received.t, 'd', 'a date cell');
    assert.equal(received.v.slice(0, 10), '2025-03-01');
    assert.equal(received.fmt, 'yyyy-mm-dd');
    // the frozen header row, the autofilter over every row, widths
    assert.equal(book.sheets[0].freeze, 'A2');
    assert.match(book.sheets[0].autofilter, new RegExp(`^A1:[A-Z]+${rows.length + 1}$`));
    assert.ok(Object.keys(book.sheets[0].widths).length >= head.length);
    const n = notes(book);
    assert.equal(n['单位'], '缙云县人民检察院');
    assert.equal(n['列表'], '案件列表');
    assert.equal(n['筛选条件'], '受理日期起：2025-03-01；受理日期止：2025-03-31');
    assert.match(n['导出人'], /（anguan）$/);
    assert.equal(n['行数'], 3);
  });

  test('hostile text reads back byte for byte, as text and never a formula', async () => {
    const book = readXlsx(await anguan.get('/api/v1/cases/export.xlsx?received_from=2025-03-01&received_to=2025-03-03'));
    assert.equal(book.formulas, 0, 'no formula cell in the file');
    const titles = table(book).map((r) => r['案件名称']);
    for (const want of [HOSTILE_FORMULA, HOSTILE_HTML, WIDE_AT_LIMIT]) {
      const got = titles.find((c) => c && c.v === want);
      assert.ok(got, `title ${want.slice(0, 20)} read back exactly, got ${JSON.stringify(titles.map((c) => c.v))}`);
      assert.equal(got.t, 's');
      assert.equal(Buffer.from(got.v, 'utf8').compare(Buffer.from(want, 'utf8')), 0);
    }
  });

  test('a bad parameter is refused as the list refuses it, and writes no audit row', async () => {
    const before = (await leader.get('/api/v1/audit?action=export.cases&limit=200')).body.total;
    assertError(await anguan.get('/api/v1/cases/export.xlsx?status=bogus'), 400, 'validation_failed', 'status');
    assertError(await anguan.get('/api/v1/cases/export.xlsx?received_from=2025-02-30'), 400, 'validation_failed',
      'received_from');
    assert.equal((await leader.get('/api/v1/audit?action=export.cases&limit=200')).body.total, before);
  });

  test('HEAD is refused with 405 and Allow: GET: no file is built and no audit row says rows were taken', async () => {
    const before = (await leader.get('/api/v1/audit?action=export.cases&limit=200')).body.total;
    const res = await anguan.request('HEAD', '/api/v1/cases/export.xlsx');
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'GET');
    assert.equal((await leader.get('/api/v1/audit?action=export.cases&limit=200')).body.total, before);
  });

  test('another office exports its own cases only', async () => {
    const rows = table(readXlsx(await otherCm.get('/api/v1/cases/export.xlsx')));
    assert.deepEqual(rows.map((r) => r['案件名称'].v), ['别院案件']);
  });

  test('every export writes an audit row: who, which list, the filter and the row count', async () => {
    readXlsx(await prosecutor.get('/api/v1/cases/export.xlsx?status=under_review&received_from=2025-03-01'));
    const items = (await leader.get('/api/v1/audit?action=export.cases&limit=200')).body.items;
    const mine = items.find((a) => a.user_login === 'prosecutor');
    assert.ok(mine, JSON.stringify(items));
    assert.equal(mine.entity, 'case');
    assert.deepEqual(mine.after.filter, { status: 'under_review', received_from: '2025-03-01' });
    assert.equal(mine.after.rows, 4);
    assert.equal(mine.after.filter_text, '案件状态：审查中；受理日期起：2025-03-01');
    assert.equal(mine.after.format, 'xlsx');
  });
});

describe('each list', () => {
  test('deadlines: the office\'s running deadlines, dates as dates, the count of the list', async () => {
    const list = (await anguan.get('/api/v1/deadlines?scope=office&limit=200')).body;
    assert.ok(list.total >= 5);
    const book = readXlsx(await anguan.get('/api/v1/deadlines/export.xlsx?scope=office'));
    const rows = table(book);
    assert.equal(rows.length, list.total);
    assert.deepEqual(rows.map((r) => r['届满日'].v.slice(0, 10)), list.items.map((d) => d.due_on));
    assert.equal(rows[0]['届满日'].t, 'd');
    assert.equal(notes(book)['筛选条件'], '范围：全院；期限状态：进行中');
    // the list's own permission rule: a prosecutor may not take the whole office's deadlines
    assertError(await prosecutor.get('/api/v1/deadlines/export.xlsx?scope=office'), 403, 'forbidden', 'scope');
    const mine = (await prosecutor.get('/api/v1/deadlines?limit=200')).body;
    assert.equal(table(readXlsx(await prosecutor.get('/api/v1/deadlines/export.xlsx'))).length, mine.total);
  });

  test('audit: the leader exports the filtered log; a prosecutor and a case manager may not', async () => {
    const list = (await leader.get('/api/v1/audit?action=case.register&limit=200')).body;
    assert.equal(list.total, 5);
    const rows = table(readXlsx(await leader.get('/api/v1/audit/export.xlsx?action=case.register')));
    assert.equal(rows.length, 5);
    assert.ok(rows.every((r) => r['操作'].v === '受理案件'));
    assert.equal(rows[0]['时间（北京时间）'].t, 'd', 'a date-time cell');
    assertError(await prosecutor.get('/api/v1/audit/export.xlsx'), 403, 'forbidden');
    assertError(await anguan.get('/api/v1/audit/export.xlsx'), 403, 'forbidden');
  });

  test('users: the office\'s users under the filter, roles in Chinese', async () => {
    const list = (await admin.get('/api/v1/users?role=prosecutor&limit=200')).body;
    const rows = table(readXlsx(await admin.get('/api/v1/users/export.xlsx?role=prosecutor')));
    assert.equal(rows.length, list.total);
    assert.deepEqual(rows.map((r) => r['登录名'].v), list.items.map((u) => u.login));
    assert.ok(rows.every((r) => r['角色'].v.includes('检察官')));
    assert.ok(!rows.some((r) => r['登录名'].v === 'other_cm' || r['登录名'].v.startsWith('big')));
  });

  test('approvals: the leader\'s office-wide list; a prosecutor cannot take it', async () => {
    const c = registered[3];
    const res = await prosecutor.post(`/api/v1/cases/${c.id}/events`, { kind: 'decide', on: '2025-03-25',
      person_id: c.persons[0].id, decision: 'non_prosecution', non_prosecution_type: 'evidentiary',
      reason: '证据不足，不符合起诉条件' });
    assert.equal(res.status, 202, res.text);
    const list = (await leader.get('/api/v1/approvals?scope=all&limit=200')).body;
    assert.ok(list.total >= 1);
    const rows = table(readXlsx(await leader.get('/api/v1/approvals/export.xlsx?scope=all')));
    assert.equal(rows.length, list.total);
    assert.equal(rows[0]['状态'].v, '待审批');
    assert.equal(rows[0]['提请时间'].t, 'd');
    assertError(await prosecutor.get('/api/v1/approvals/export.xlsx?scope=all'), 403, 'forbidden', 'scope');
  });

  test('without a session: 401; a POST: 405', async () => {
    assertError(await server.client().get('/api/v1/cases/export.xlsx'), 401);
    assert.equal((await anguan.post('/api/v1/cases/export.xlsx', {})).status, 405);
  });
});

describe('the cap', () => {
  test('more than 100,000 rows are refused before anything is written, naming the filter', async () => {
    const before = (await bigAdmin.get('/api/v1/audit?limit=1')).body.total;
    const res = await bigAdmin.get('/api/v1/users/export.xlsx?active=true');
    assertError(res, 400, 'too_many_rows', null);
    assert.match(res.body.error.message, /超过 100000 行，请缩小筛选范围/);
    assert.match(res.body.error.message, /启用：是/);
    assert.equal((await bigAdmin.get('/api/v1/audit?limit=1')).body.total, before, 'no audit row for a refusal');
    // narrowed, it goes through
    const rows = table(readXlsx(await bigAdmin.get('/api/v1/users/export.xlsx?q=big9999')));
    assert.equal(rows.length, 11); // big9999 and big99990..big99999
  });
});
