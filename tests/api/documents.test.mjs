// documents.test.mjs: the 文书 (issue 10 §4, docs/api-documents.md) through the real binary: a person's 不起诉决定书
// issued from the record, numbered from the office's 文号 sequence, frozen once issued (a template edit leaves it as
// it was), reissued under a new number with the old one kept, downloaded as a .docx whose XML holds the 文号 and
// the name (read back with python3's zipfile and parsed), converted to PDF by LibreOffice headless; the templates
// and the 文号 format edited by the administrator only, refusals naming the field with nothing written, numbers
// unique under concurrent issues, and isolation between offices.
//
// World: the demo procuratorate without cases, plus an unrelated office with its own case manager.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  addOrg, addUser, assertError, auditVerify, cliOk, initDb, makeTempDir, newDbTarget, rmTempDir, startServer,
} from './helpers.mjs';

const PW = 'Jianwu@2026';
let dir, db, server, anguan, prosecutor, prosecutor2, chief, admin, clerk, otherOrg, depts, users;
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear(); // the 成文日期 is today in China

/** A valid 公民身份号码 (GB 11643) of a man born 1990-04-02 in 缙云县, the n-th of that day. */
let idSeq = 0;
function idNumber() {
  const body = `33112219900402${String(101 + 2 * (idSeq++ % 400)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

function newCase(name = '张某', over = {}) {
  return {
    case_type: 'prosecution_review', title: `${name}诈骗案`, source_agency: '缙云县公安局', received_on: '2025-03-05',
    department_id: depts['第一检察部'], assign: 'manual', prosecutor_id: users.prosecutor,
    persons: [{ name, custody: 'bail', custody_since: '2025-03-05', plea: false, sentence_band: '1_3y', charges: ['fraud'],
      id_number: idNumber() }], ...over,
  };
}

/** A registered case whose person's 存疑不起诉 the 检察长 approved. */
async function nonProsecuted(name = '张某') {
  let res = await anguan.post('/api/v1/cases', newCase(name));
  assert.equal(res.status, 201, res.text);
  const c = res.body;
  res = await prosecutor.post(`/api/v1/cases/${c.id}/events`, { kind: 'decide', on: '2025-03-25',
    person_id: c.persons[0].id, decision: 'non_prosecution', non_prosecution_type: 'evidentiary',
    reason: '证据不足，不符合起诉条件' });
  assert.equal(res.status, 202, res.text);
  res = await chief.post(`/api/v1/approvals/${res.body.approval.id}/approve`, { on: '2025-03-28' });
  assert.equal(res.status, 200, res.text);
  return c;
}

const issue = (c, body = { type: 'non_prosecution' }, who = prosecutor) =>
  who.post(`/api/v1/cases/${c.id}/persons/${c.persons[0].id}/documents`, body);
const docsOf = async (c) => (await prosecutor.get(`/api/v1/documents?entity_kind=case_person&entity_id=${c.persons[0].id}`)).body.items;
/** The audit rows of the 文书 (document.*), so the count does not depend on what a case registration writes. */
const auditCount = async () =>
  (await admin.get('/api/v1/audit?limit=200')).body.items.filter((a) => a.action.startsWith('document')).length;

/** The parts of a .docx (a zip) as text, read by python3's zipfile; each XML part parsed (well-formed or it throws). */
function unzipDocx(buf) {
  const file = path.join(dir, `d-${Date.now()}-${Math.random()}.docx`);
  fs.writeFileSync(file, buf);
  const out = execFileSync('python3', ['-c', `
import json, sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
parts = {}
for n in z.namelist():
    t = z.read(n).decode('utf-8')
    if n.endswith('.xml') or n.endswith('.rels'):
        xml.dom.minidom.parseString(t.encode('utf-8'))
    parts[n] = t
print(json.dumps(parts))
`, file]);
  return { file, parts: JSON.parse(out.toString('utf8')) };
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'documents.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  addOrg(db, 'other', '另一县人民检察院');
  addUser(db, { org: 'other', login: 'other_cm', role: 'case_manager', password: PW });
  server = await startServer(db);
  const login = (l) => server.client().loginOk(l, PW);
  [anguan, prosecutor, prosecutor2, chief, admin, clerk, otherOrg] = await Promise.all(
    ['anguan', 'prosecutor', 'prosecutor2', 'leader', 'admin', 'clerk', 'other_cm'].map(login));
  depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('issuing', () => {
  test("a person's 不起诉决定书: numbered from the office's sequence, filled from the record, audited", async () => {
    const c = await nonProsecuted('李四');
    const before = await auditCount();
    const res = await issue(c, { type: 'non_prosecution', facts: '经审查，现有证据不能证明李四实施了诈骗行为。' });
    assert.equal(res.status, 201, res.text);
    const d = res.body;
    assert.equal(d.type, 'non_prosecution');
    assert.equal(d.type_name, '不起诉决定书');
    assert.match(d.number, new RegExp(`^缙检刑不诉〔${YEAR}〕\\d+号$`));
    assert.equal(d.org_name, '缙云县人民检察院');
    assert.equal(d.entity_kind, 'case_person');
    assert.equal(d.entity_id, c.persons[0].id);
    assert.equal(d.case_id, c.id);
    assert.equal(d.case_number, c.case_number);
    assert.equal(d.template_version, 0, 'the built-in template');
    assert.equal(d.superseded_by, null);
    assert.equal(d.issued_by, users.prosecutor);
    assert.equal(d.fields.person_name, '李四');
    assert.equal(d.fields.charges, '诈骗罪');
    assert.equal(d.fields.non_prosecution_type, '存疑不起诉');
    assert.equal(d.fields.decision_on, '2025年3月28日');
    assert.match(d.body, /被不起诉人李四，男，1990年4月2日出生/);
    assert.match(d.body, /缙云县公安局侦查终结/);
    assert.match(d.body, /第一百七十五条第四款/);
    assert.match(d.body, /现有证据不能证明李四/);
    assert.ok(!d.body.includes('{'), 'every placeholder filled');
    // the next one of the year takes the next number
    const c2 = await nonProsecuted('王五');
    const d2 = (await issue(c2)).body;
    assert.equal(Number(/〕(\d+)号/.exec(d2.number)[1]), Number(/〕(\d+)号/.exec(d.number)[1]) + 1);
    assert.match(d2.body, new RegExp('＿＿＿＿'), 'facts not given: a blank line for the clerk');
    // audited, readable, listed
    assert.equal(await auditCount(), before + 2, 'two issues');
    const audit = (await admin.get('/api/v1/audit?limit=20')).body.items.filter((a) => a.action === 'document.issue');
    assert.ok(audit.some((a) => a.entity_id === String(d.id) && a.after.number === d.number));
    assert.equal(audit.find((a) => a.entity_id === String(d.id)).entity_name, d.number, 'the audit log names it by its 文号');
    assert.deepEqual((await docsOf(c)).map((x) => x.id), [d.id]);
    const one = await clerk.get(`/api/v1/documents/${d.id}`);
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body.body, d.body);
    const list = (await prosecutor.get(`/api/v1/documents?q=${encodeURIComponent('李四')}`)).body;
    assert.deepEqual(list.items.map((x) => x.id), [d.id]);
    assert.equal((await prosecutor.get('/api/v1/documents?type=non_prosecution&limit=200')).body.items.length >= 2, true);
  });

  test('refusals name the field and write nothing', async () => {
    let res = await anguan.post('/api/v1/cases', newCase('赵六'));
    const undecided = res.body;
    const before = await auditCount();
    assertError(await issue(undecided), 409, 'conflict', 'decision');
    assertError(await issue(undecided, { type: 'urging_letter' }), 400, 'validation_failed', 'type');
    assertError(await issue(undecided, {}), 400, 'validation_failed', 'type');
    assertError(await issue(undecided, { type: 'non_prosecution', facts: 'x'.repeat(5001) }), 400, 'validation_failed', 'facts');
    assertError(await issue(undecided, { type: 'non_prosecution', extra: 1 }), 400, 'validation_failed', 'extra');
    assertError(await prosecutor.post(`/api/v1/cases/${undecided.id}/persons/999999/documents`, { type: 'non_prosecution' }),
      404, 'not_found');
    assertError(await issue(undecided, { type: 'non_prosecution' }, clerk), 403, 'forbidden');
    const c = await nonProsecuted('钱七');
    const n = await auditCount();
    assert.equal(n, before, 'the refusals wrote nothing');
    // another office cannot issue for this office's case
    assertError(await issue(c, { type: 'non_prosecution' }, otherOrg), 404, 'not_found');
    const first = (await issue(c)).body;
    // one in force per person: a correction is a reissue
    res = await issue(c);
    assertError(res, 409, 'conflict', 'type');
    assert.match(res.body.error.message, new RegExp(first.number.replace(/[〔〕]/g, '.')));
    assert.equal((await docsOf(undecided)).length, 0);
    assert.equal((await docsOf(c)).length, 1);
    assert.equal(await auditCount(), n + 1, 'only the one issue was written');
  });
});

describe('freezing and reissue', () => {
  test('a template edit leaves issued documents as they were; a reissue takes a new number and keeps the old', async () => {
    const c = await nonProsecuted('孙八');
    const d = (await issue(c)).body;
    // the administrator edits the template: a new version
    const tpl = { type: 'non_prosecution', title: '不起诉决定书', body: '新模板：被不起诉人{person_name}，案号{case_number}。' };
    assertError(await prosecutor.put('/api/v1/document-templates', tpl), 403, 'forbidden');
    assertError(await admin.put('/api/v1/document-templates', { ...tpl, body: '{person_name}{agency_name}' }),
      400, 'validation_failed', 'body');
    assertError(await admin.put('/api/v1/document-templates', { ...tpl, type: 'nope' }), 400, 'validation_failed', 'type');
    assertError(await admin.put('/api/v1/document-templates', { ...tpl, title: '' }), 400, 'validation_failed', 'title');
    let res = await admin.put('/api/v1/document-templates', tpl);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.version, 1);
    assert.equal(res.body.body, tpl.body);
    const listed = (await clerk.get('/api/v1/document-templates')).body;
    assert.equal(listed.items.length, 6);
    assert.equal(listed.items.find((t) => t.type === 'non_prosecution').version, 1);
    assert.ok(listed.items.find((t) => t.type === 'procuratorial_opinion').placeholders.some((p) => p.name === 'agency_name'));
    const audit = (await admin.get('/api/v1/audit?limit=5')).body.items.find((a) => a.action === 'document_template.update');
    assert.equal(audit.before.version, 0);
    assert.equal(audit.after.version, 1);
    assert.equal(audit.after.body, tpl.body);
    // the issued one is frozen
    const again = (await prosecutor.get(`/api/v1/documents/${d.id}`)).body;
    assert.equal(again.body, d.body);
    assert.equal(again.number, d.number);
    assert.equal(again.template_version, 0);
    // a prosecutor of another department does not handle the case: neither issue nor reissue
    assertError(await prosecutor2.post(`/api/v1/documents/${d.id}/reissue`), 403, 'forbidden');
    assert.equal((await docsOf(c)).length, 1, 'the refused reissue wrote nothing');
    // reissue: a new number from the template in force, the old one marked
    res = await prosecutor.post(`/api/v1/documents/${d.id}/reissue`);
    assert.equal(res.status, 201, res.text);
    const r = res.body;
    assert.notEqual(r.number, d.number);
    assert.equal(r.supersedes, d.id);
    assert.equal(r.template_version, 1);
    assert.equal(r.body, `新模板：被不起诉人孙八，案号${c.case_number}。`);
    const old = (await prosecutor.get(`/api/v1/documents/${d.id}`)).body;
    assert.equal(old.superseded_by, r.id);
    assert.equal(old.superseded_number, r.number);
    assert.equal(old.body, d.body, 'the old text is kept');
    assertError(await prosecutor.post(`/api/v1/documents/${d.id}/reissue`), 409, 'conflict', 'superseded_by');
    assertError(await clerk.post(`/api/v1/documents/${r.id}/reissue`), 403, 'forbidden');
    assert.deepEqual((await docsOf(c)).map((x) => x.id), [r.id, d.id]);
    // put the built-in text back for the other tests
    const dflt = listed.items.find((t) => t.type === 'non_prosecution');
    assert.equal((await admin.put('/api/v1/document-templates', { type: 'non_prosecution', title: dflt.default_title,
      body: dflt.default_body })).status, 200);
  });

  test("the 文号 format is the office's, checked like the 案号 format, set by the administrator", async () => {
    assertError(await admin.put('/api/v1/settings/documents', { number_format: '{short}检{abbr}〔{year}〕号' }),
      400, 'validation_failed', 'number_format');
    assertError(await admin.put('/api/v1/settings/documents', { number_format: '{short}{type}〔{year}〕{n}号' }),
      400, 'validation_failed', 'number_format');
    assertError(await admin.put('/api/v1/settings/documents', { number_format: 'x'.repeat(61) + '{year}{n}' }),
      400, 'validation_failed', 'number_format');
    assertError(await prosecutor.put('/api/v1/settings/documents', { number_format: '{year}{n}' }), 403, 'forbidden');
    const res = await admin.put('/api/v1/settings/documents', { number_format: '{short}检{abbr}字〔{year}〕第{n}号' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.number_format, '{short}检{abbr}字〔{year}〕第{n}号');
    assert.equal(res.body.number_example, `缙检行意字〔${YEAR}〕第1号`);
    const c = await nonProsecuted('周九');
    const d = (await issue(c)).body;
    assert.match(d.number, new RegExp(`^缙检刑不诉字〔${YEAR}〕第\\d+号$`));
    assert.equal((await admin.put('/api/v1/settings/documents', { number_format: '{short}检{abbr}〔{year}〕{n}号' })).status, 200);
  });

  test('concurrent issues never share a number and leave no gap', async () => {
    const cases = [];
    for (let i = 0; i < 6; i++) cases.push(await nonProsecuted(`并发${i}`));
    const res = await Promise.all(cases.map((c) => issue(c)));
    for (const r of res) assert.equal(r.status, 201, r.text);
    const seq = res.map((r) => Number(/〕(\d+)号/.exec(r.body.number)[1])).sort((a, b) => a - b);
    assert.equal(new Set(seq).size, 6);
    assert.equal(seq[5] - seq[0], 5, 'consecutive');
  });
});

describe('docx and isolation', () => {
  test('the .docx holds the 文号 and the name, escaped, in valid OOXML; LibreOffice converts it to PDF', async () => {
    const c = await nonProsecuted('吴十');
    const r0 = await issue(c, { type: 'non_prosecution', facts: '事实</w:t><w:t>注入 & {number} "引号" \'单\'' });
    assert.equal(r0.status, 201, r0.text);
    const d = r0.body;
    assert.ok(d.body.includes('{number}'), 'a value is never expanded again');
    const res = await clerk.get(`/api/v1/documents/${d.id}/docx`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="document-\d+\.docx"; filename\*=UTF-8''/);
    const { file, parts } = unzipDocx(res.raw || Buffer.from(res.text, 'latin1'));
    for (const p of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/fontTable.xml']) {
      assert.ok(parts[p], `part ${p}`);
    }
    const xml = parts['word/document.xml'];
    assert.ok(xml.includes(d.number), 'the 文号');
    assert.ok(xml.includes('被不起诉人吴十'), 'the name');
    assert.ok(xml.includes('事实&lt;/w:t&gt;&lt;w:t&gt;注入 &amp; {number} &quot;引号&quot; &apos;单&apos;'),
      'hostile text stays text');
    assert.ok(parts['word/styles.xml'].includes('仿宋_GB2312') && parts['word/styles.xml'].includes('方正小标宋简体'));
    assert.ok(xml.includes('w:top="2098"') && xml.includes('w:left="1587"'), 'GB/T 9704 margins');
    // LibreOffice (Debian's libreoffice-writer-nogui, installed by scripts/setup)
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
    assert.ok(soffice, 'LibreOffice is installed by scripts/setup (libreoffice-writer-nogui)');
    const outDir = path.join(dir, 'pdf');
    const lo = spawnSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
      '--convert-to', 'pdf', '--outdir', outDir, file], { timeout: 180_000, encoding: 'utf8' });
    assert.equal(lo.status, 0, `soffice: ${lo.stdout} ${lo.stderr}`);
    const pdf = path.join(outDir, path.basename(file).replace(/\.docx$/, '.pdf'));
    assert.ok(fs.existsSync(pdf), `no PDF: ${lo.stdout} ${lo.stderr}`);
    const text = execFileSync('pdftotext', [pdf, '-']).toString('utf8');
    assert.ok(text.replace(/\s/g, '').includes(d.number), 'the PDF shows the 文号');
    assert.ok(text.includes('不起诉决定书'));
  });

  test('another office sees none of it', async () => {
    const c = await nonProsecuted('郑十一');
    const d = (await issue(c)).body;
    assertError(await otherOrg.get(`/api/v1/documents/${d.id}`), 404, 'not_found');
    assertError(await otherOrg.get(`/api/v1/documents/${d.id}/docx`), 404, 'not_found');
    assertError(await otherOrg.post(`/api/v1/documents/${d.id}/reissue`), 404, 'not_found');
    assert.equal((await otherOrg.get('/api/v1/documents')).body.total, 0);
    assert.deepEqual((await otherOrg.get(`/api/v1/documents?entity_kind=case_person&entity_id=${c.persons[0].id}`)).body.items, []);
    assertError(await prosecutor.get('/api/v1/documents?entity_kind=case_person'), 400, 'validation_failed', 'entity_id');
    assertError(await prosecutor.get('/api/v1/documents?type=nope'), 400, 'validation_failed', 'type');
    assertError(await server.client().get(`/api/v1/documents/${d.id}`), 401);
  });

  test('the office list exports to Excel', async () => {
    const res = await prosecutor.get('/api/v1/documents/export.xlsx?type=non_prosecution');
    assert.equal(res.status, 200, res.text);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
  });
});
