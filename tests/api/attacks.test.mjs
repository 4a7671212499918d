// attacks.test.mjs: SQL and HTML payloads, and 4-byte characters at the length limits, in every text field of every
// write route (issue 15, section 2.4). The routes come from the route table (src/web/routes.c): every write route must
// appear below with a valid body and its text fields, or in NO_TEXT with the reason it takes none, so a new route is
// covered or fails this test. For each field and payload the server answers 2xx or 4xx (never 5xx); an accepted
// value reads back byte for byte; a refused one wrote nothing (the audit log did not grow); and at the end the tables
// are all there and the audit chain verifies.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  auditVerify, cliOk, initDb, makeTempDir, rawRequest, REPO, rmTempDir, sqlite, SQLITE3, startServer, newDbTarget,
} from './helpers.mjs';

const PW = 'Jianwu@2026';
const PAYLOADS = [
  "'; DROP TABLE case_record; --",
  "\" OR 1=1 --",
  "x') ; DELETE FROM audit_log; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}} ${7*7} %s%n',
  '../../etc/passwd',
  '𠀀𠀁𠀂',
];

let dir, db, server, admin, anguan, prosecutor, chief, ids;
let serial = 0;

/** The write routes and, for each, who calls it, a valid body maker, its text fields (dotted) and their limits. */
function writeRoutes() {
  const person = () => ({ name: `张某${++serial}`, custody: 'bail', custody_since: '2025-03-05', charges: ['fraud'] });
  const kase = () => ({ case_type: 'prosecution_review', title: '攻击测试案', source_agency: '缙云县公安局',
    source_number: '缙公刑诉〔2026〕1号', received_on: '2025-03-05', department_id: ids.dept, assign: 'manual',
    prosecutor_id: ids.prosecutor, persons: [person()] });
  return {
    'POST /api/v1/orgs': { as: () => admin, body: () => ({ code: `o${++serial}`, name: '某县人民检察院', level: 'county',
      parent_id: ids.org }), fields: { name: 100 }, read: (b) => `/api/v1/orgs/${b.id}` },
    'PUT /api/v1/orgs/{id}': { as: () => admin, path: () => `/api/v1/orgs/${ids.org}`, body: () => ({ name: '缙云县人民检察院' }),
      fields: { name: 100 }, read: () => `/api/v1/orgs/${ids.org}` },
    'POST /api/v1/departments': { as: () => admin, body: () => ({ name: `部门${++serial}`, kind: 'other' }),
      fields: { name: 50 }, read: null },
    'PUT /api/v1/departments/{id}': { as: () => admin, path: () => `/api/v1/departments/${ids.spareDept}`,
      body: () => ({ name: `部门${++serial}`, kind: 'other' }), fields: { name: 50 }, read: null },
    'POST /api/v1/users': { as: () => admin, body: () => ({ login: `u${++serial}`, name: '新用户', roles: ['clerk'],
      password: 'Stronger#Pass2026' }), fields: { name: 50 }, read: (b) => `/api/v1/users/${b.id}` },
    'PUT /api/v1/users/{id}': { as: () => admin, path: () => `/api/v1/users/${ids.clerk}`, body: () => ({ name: '钱书记员' }),
      fields: { name: 50 }, read: () => `/api/v1/users/${ids.clerk}` },
    'POST /api/v1/cases': { as: () => anguan, body: kase, fields: { title: 100, source_agency: 100, source_number: 100,
      'persons.0.name': 50 }, read: (b) => `/api/v1/cases/${b.id}` },
    'PUT /api/v1/cases/{id}': { as: () => anguan, path: () => `/api/v1/cases/${ids.case}`, body: () => ({ title: '改名案' }),
      fields: { title: 100 }, read: () => `/api/v1/cases/${ids.case}` },
    'POST /api/v1/cases/{id}/persons': { as: () => anguan, path: () => `/api/v1/cases/${ids.case}/persons`, body: person,
      fields: { name: 50 }, read: () => `/api/v1/cases/${ids.case}` },
    'PUT /api/v1/cases/{id}/persons/{id}': { as: () => anguan,
      path: () => `/api/v1/cases/${ids.case}/persons/${ids.person}`, body: () => ({ name: '李某' }), fields: { name: 50 },
      read: () => `/api/v1/cases/${ids.case}` },
    'POST /api/v1/cases/{id}/events': { as: () => anguan, path: () => `/api/v1/cases/${ids.case}/events`,
      body: () => ({ kind: 'custody', on: '2026-11-20', person_id: ids.person, custody: 'bail', reason: '变更' }),
      fields: { reason: 200 }, read: () => `/api/v1/cases/${ids.case}` },
    'POST /api/v1/approvals/{id}/return': { as: () => chief, path: () => `/api/v1/approvals/${ids.approval}/return`,
      body: () => ({ reason: '退回理由' }), fields: { reason: 500 }, read: null, once: true },
    // issue 10: the registry of agencies
    'POST /api/v1/agencies': { as: () => anguan, body: () => ({ name: `攻击测试机关${++serial}`, kind: 'other' }),
      fields: { name: 100, address: 200, contact_person: 50, note: 1000 }, read: (b) => `/api/v1/agencies/${b.id}` },
    'PUT /api/v1/agencies/{id}': { as: () => anguan, path: () => `/api/v1/agencies/${ids.agency}`,
      body: () => ({ name: '靶机关', kind: 'other' }), fields: { name: 100, address: 200, note: 1000 },
      read: () => `/api/v1/agencies/${ids.agency}` },
    // issue 10: the 文书 templates and the 文号 format (a format or template with an unknown {placeholder} is refused)
    'PUT /api/v1/document-templates': { as: () => admin,
      body: () => ({ type: 'urging_letter', title: '督促函', body: '{agency_name}：请回复。' }),
      fields: { title: 60, body: 0 }, read: null },
    'PUT /api/v1/settings/documents': { as: () => admin, body: () => ({ number_format: '{short}检{abbr}〔{year}〕{n}号' }),
      fields: { number_format: 0 }, read: null },
    // issue 10: 行刑衔接 steps run once each: every attempt gets a fresh item (a 不起诉 the 检察长 approved)
    'POST /api/v1/linkage/{id}/events': { as: () => ids.xingjian, prepare: freshLinkageItem,
      path: () => `/api/v1/linkage/${ids.linkage}/events`, body: () => ({ kind: 'transfer', on: '2026-11-20', reason: '移送' }),
      fields: { reason: 500 }, read: null },
    // issue 10: 检察建议 (a draft, and a served one whose 督促 is logged as often as it is sent)
    'POST /api/v1/suggestions': { as: () => prosecutor, body: () => ({ type: 'other', title: '攻击测试建议',
      agency_id: ids.agency, facts: '事实', text: '建议', legal_basis: '依据' }),
      fields: { title: 200, facts: 5000, text: 5000, legal_basis: 1000 }, read: (b) => `/api/v1/suggestions/${b.id}` },
    'PUT /api/v1/suggestions/{id}': { as: () => prosecutor, path: () => `/api/v1/suggestions/${ids.suggestion}`,
      body: () => ({ title: '靶建议' }), fields: { title: 200, facts: 5000 },
      read: () => `/api/v1/suggestions/${ids.suggestion}` },
    'POST /api/v1/suggestions/{id}/events': { as: () => prosecutor, path: () => `/api/v1/suggestions/${ids.served}/events`,
      body: () => ({ kind: 'urge', on: '2026-11-25', text: '请及时回复' }), fields: { text: 5000 }, read: null },
    // issue 11 (stats): the one text parameter of an [M] formula (20 characters)
    'PUT /api/v1/stats/config': { as: () => admin,
      body: () => ({ indicator: 'acquittal_rate', params: { acquittal_text: '无罪' } }),
      fields: { 'params.acquittal_text': 20 }, read: null },
    // issue 14: people (archive entries, rotation, 主副岗, mentors, courses, 廉政 records)
    'POST /api/v1/people/{id}/entries': { as: () => ids.zhengzhi, path: () => `/api/v1/people/${ids.prosecutor}/entries`,
      body: () => ({ kind: 'award', title: '办案能手', body: '说明' }), fields: { title: 200, body: 4000 }, read: null },
    'PUT /api/v1/rotation-plans/{id}/final': { as: () => ids.zhengzhi, path: () => `/api/v1/rotation-plans/${ids.plan}/final`,
      body: () => ({ department_id: ids.dept, reasons: '评价优秀', party_decision_on: '2026-01-20' }),
      fields: { reasons: 4000 }, read: null },
    'POST /api/v1/rotation-stints/{id}/evaluation': { as: () => ids.zhengzhi,
      path: () => `/api/v1/rotation-stints/${ids.stint}/evaluation`, body: () => ({ rating: 'good', text: '良好' }),
      fields: { text: 4000 }, read: null },
    'POST /api/v1/secondary-posts': { as: () => ids.zhengzhi, body: () => ({ user_id: ids.prosecutor, department_id: ids.dept,
      title: '副岗', responsible_id: ids.zhengzhiId, started_on: '2025-03-01' }), fields: { title: 200 }, read: null },
    'POST /api/v1/secondary-posts/{id}/evaluation': { as: () => ids.zhengzhi,
      path: () => `/api/v1/secondary-posts/${ids.secondary}/evaluation`, body: () => ({ rating: 'good', text: '良好' }),
      fields: { text: 4000 }, read: null },
    'POST /api/v1/mentors': { as: () => ids.zhengzhi, body: () => ({ user_id: ids.clerk, fields: '审查起诉',
      admitted_on: '2024-01-10' }), fields: { fields: 200 }, read: null },
    'POST /api/v1/mentor-pairs/{id}/talks': { as: () => ids.zhengzhi, path: () => `/api/v1/mentor-pairs/${ids.pair}/talks`,
      body: () => ({ talked_on: '2026-01-10', note: '谈心' }), fields: { note: 4000 }, read: null },
    'POST /api/v1/mentor-demos': { as: () => ids.zhengzhi, body: () => ({ mentor_id: ids.prosecutor, year: 2026, kind: 'officer',
      mentee_id: ids.clerk, note: '示范' }), fields: { note: 4000 }, read: null },
    'POST /api/v1/courses': { as: () => ids.zhengzhi, body: () => ({ title: '课程', lecturer_id: ids.prosecutor,
      held_on: '2026-01-10', hours: 2, area: '刑事检察', materials: '讲义' }), fields: { title: 200, area: 100, materials: 4000 },
      read: (b) => `/api/v1/courses/${b.id}` },
    'POST /api/v1/integrity-records': { as: () => ids.zhengzhi, body: () => ({ user_id: ids.clerk, kind: 'talk',
      held_on: '2026-01-10', held_by: '孙政工', body: '谈话' }), fields: { held_by: 200, body: 4000 },
      read: (b) => `/api/v1/integrity-records/${b.id}` },
    'POST /api/v1/calendar/import': { as: () => admin, body: () => ({ text: 'year 2031 complete\n2031-01-01 holiday 元旦\n' +
      '2031-05-01 holiday 劳动节\n2031-10-01..2031-10-03 holiday 国庆节\n' }), fields: { text: 0 }, read: null },
    // issue 13: petitions (a 来访 taken in by 控申, and a reply to the target petition)
    'POST /api/v1/petitions': { as: () => ids.kongshen, body: () => ({ channel: 'visit', category: 'complaint',
      matter: '信访事项', received_on: '2025-09-24', risk_level: 'medium', risk_reason: '理由',
      petitioners: [{ name: '信访人', phone: '13800000000', address: '某村', organisation: '某公司' }] }),
    fields: { matter: 5000, risk_reason: 500, 'petitioners.0.name': 50, 'petitioners.0.phone': 30,
      'petitioners.0.address': 200, 'petitioners.0.organisation': 100 }, read: (b) => `/api/v1/petitions/${b.id}` },
    'POST /api/v1/petitions/{id}/events': { as: () => ids.kongshen, path: () => `/api/v1/petitions/${ids.petition}/events`,
      body: () => ({ kind: 'reply', on: '2025-09-25', reply_kind: 'progress', channel: 'phone', content: '答复' }),
      fields: { content: 5000 }, read: null },
  };
}

/** Write routes with no free text, each with why (checked elsewhere). */
const NO_TEXT = {
  'POST /api/v1/session': 'login and password only: session.test.mjs',
  'DELETE /api/v1/session': 'no body',
  'POST /api/v1/session/password': 'passwords: session.test.mjs, test_password_policy.c',
  'POST /api/v1/users/{id}/password': 'a password: accounts.test.mjs',
  'POST /api/v1/users/{id}/unlock': 'no body',
  'PUT /api/v1/settings/deadline-warnings': 'integers only: cases.test.mjs',
  'PUT /api/v1/settings/fast-track': 'codes and ids only, checked against the reference lists',
  'PUT /api/v1/settings/power-list': 'codes only: approvals.test.mjs',
  'POST /api/v1/approvals/{id}/approve': 'a date and a comment: approvals.test.mjs (the comment is a JIN_TEXT like return\'s reason)',
  'POST /api/v1/approvals/{id}/withdraw': 'no body',
  'POST /api/v1/documents/{id}/reissue': 'no body: the reissue copies the frozen fields',
  'POST /api/v1/stats/snapshots': 'a period code only (2025-03): stats.test.mjs, test_stats.c', // issue 11 (stats)
  'PUT /api/v1/petitions/settings': 'one code (days or workdays): petitions.test.mjs',
  // issue 14 (people): ids, dates and codes only, checked in people.test.mjs
  'POST /api/v1/rotation-plans': 'ids and dates only: people.test.mjs',
  'POST /api/v1/rotation-plans/{id}/stints': 'ids and dates only: people.test.mjs',
  'POST /api/v1/mentor-pairs': 'ids and a date only: people.test.mjs',
  'PUT /api/v1/courses/{id}/attendance': 'ids, booleans and ratings only: people.test.mjs',
  'POST /api/v1/cases/{id}/persons/{id}/documents': 'a type and the facts of one 不起诉决定书 per person: documents.test.mjs '
    + 'fills hostile text into it and reads it back escaped in the .docx (test_documents.c too)',
  // imports (issue 12): the body is a data file, not JSON; its options are query parameters
  'POST /api/v1/imports': 'a raw CSV/XLSX body: imports.test.mjs uploads these payloads as cells and reads them back '
    + 'literally, and a formula-like cell stays text in the XLSX report; test_imports.c, fuzz_tabread_*',
  'POST /api/v1/imports/preview': 'a raw CSV/XLSX body, nothing written: imports.test.mjs',
  // leads (issue 12 §3): their records come from a model run over fixture data (no lead exists in this world)
  'PUT /api/v1/match-models/{id}': 'a parameters object of integers, a boolean and class codes: test_leads.c, leads.test.mjs',
  'POST /api/v1/match-models/{id}/runs': 'an empty body: leads.test.mjs',
  'POST /api/v1/leads/{id}/verification': 'a code and a note (JIN_TEXT, 500): leads.test.mjs sends hostile text, 𠀀 at '
    + 'the limit and one over, a control character, and reads the note back literally',
  'POST /api/v1/lead-suggestions': 'ids and a type code only: leads.test.mjs',
  'POST /api/v1/lead-candidates/{id}/decision': 'a code only: test_leads.c',
};

/** A new 行刑衔接 item, pending transfer: a case whose person's 不起诉 the 检察长 approved. */
async function freshLinkageItem() {
  const c = await anguan.post('/api/v1/cases', { case_type: 'prosecution_review', title: `衔接靶案${++serial}`,
    source_agency: '公安局', received_on: '2026-10-08', department_id: ids.dept, assign: 'manual',
    prosecutor_id: ids.prosecutor, persons: [{ name: '赵某', custody: 'bail', custody_since: '2026-10-08', charges: ['fraud'] }] });
  assert.equal(c.status, 201, c.text);
  const p = await prosecutor.post(`/api/v1/cases/${c.body.id}/events`, { kind: 'decide', on: '2026-11-02',
    person_id: c.body.persons[0].id, decision: 'non_prosecution', non_prosecution_type: 'discretionary', reason: '情节轻微' });
  assert.equal(p.status, 202, p.text);
  const a = await chief.post(`/api/v1/approvals/${p.body.approval.id}/approve`, { on: '2026-11-03' });
  assert.equal(a.status, 200, a.text);
  const items = (await ids.xingjian.get('/api/v1/linkage?state=pending_transfer&limit=200')).body.items;
  ids.linkage = items.find((x) => x.case_id === c.body.id).id;
}

function routesOfTable() {
  const src = fs.readFileSync(path.join(REPO, 'src/web/routes.c'), 'utf8');
  return [...src.matchAll(/\{"(POST|PUT|DELETE)",\s*"([^"]+)",/g)].map((m) => `${m[1]} ${m[2]}`);
}

function setField(body, dotted, value) {
  const keys = dotted.split('.');
  let o = body;
  for (const k of keys.slice(0, -1)) o = o[k];
  o[keys.at(-1)] = value;
}
function getField(obj, dotted) {
  return dotted.split('.').reduce((o, k) => (o == null ? o : o[k]), obj);
}

async function auditCount() {
  return (await admin.get('/api/v1/audit?limit=1')).body.total;
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'attacks.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '0']);
  server = await startServer(db);
  [admin, anguan, prosecutor, chief] = await Promise.all(['admin', 'anguan', 'prosecutor', 'leader']
    .map((l) => server.client().loginOk(l, PW)));
  const depts = (await anguan.get('/api/v1/departments')).body.items;
  const users = (await anguan.get('/api/v1/users?limit=200')).body.items;
  const dept = depts.find((d) => d.name === '第一检察部').id;
  const spare = await admin.post('/api/v1/departments', { name: '备用部门', kind: 'other' });
  ids = { org: admin.user.org_id, dept, spareDept: spare.body.id, prosecutor: users.find((u) => u.login === 'prosecutor').id,
    clerk: users.find((u) => u.login === 'clerk').id };
  const c = await anguan.post('/api/v1/cases', { case_type: 'prosecution_review', title: '靶案', source_agency: '公安局',
    received_on: '2025-03-05', department_id: dept, assign: 'manual', prosecutor_id: ids.prosecutor,
    persons: [{ name: '王某', custody: 'bail', custody_since: '2025-03-05', charges: ['fraud'] }] });
  assert.equal(c.status, 201, c.text);
  ids.case = c.body.id;
  ids.person = c.body.persons[0].id;
  // issue 10: an agency, a draft 检察建议 and a served one; the 行政检察 officer
  const ag = await anguan.post('/api/v1/agencies', { name: '靶机关', kind: 'other' });
  assert.equal(ag.status, 201, ag.text);
  ids.agency = ag.body.id;
  const sg = () => prosecutor.post('/api/v1/suggestions', { type: 'other', title: '靶建议', agency_id: ids.agency,
    facts: '事实', text: '建议', legal_basis: '依据' });
  ids.suggestion = (await sg()).body.id;
  ids.served = (await sg()).body.id;
  const pr = await prosecutor.post(`/api/v1/suggestions/${ids.served}/events`, { kind: 'issue', on: '2026-11-20', reason: '签发' });
  assert.equal(pr.status, 202, pr.text);
  assert.equal((await chief.post(`/api/v1/approvals/${pr.body.approval.id}/approve`, { on: '2026-11-20' })).status, 200);
  const sv = await prosecutor.post(`/api/v1/suggestions/${ids.served}/events`, { kind: 'serve', on: '2026-11-23', method: 'written' });
  assert.equal(sv.status, 201, sv.text);
  ids.xingjian = await server.client().loginOk('xingjian', PW);
  // issue 13: 控申 and a petition to reply to
  ids.kongshen = await server.client().loginOk('kongshen', PW);
  const pt = await ids.kongshen.post('/api/v1/petitions', { channel: 'visit', category: 'complaint', matter: '靶信访',
    received_on: '2025-09-24', petitioners: [{ name: '靶信访人' }] });
  assert.equal(pt.status, 201, pt.text);
  ids.petition = pt.body.id;
  // issue 14 (people): a plan whose stint 政治部's officer evaluates, a 副岗, a mentor with a pairing
  ids.zhengzhi = await server.client().loginOk('zhengzhi', PW);
  ids.zhengzhiId = users.find((u) => u.login === 'zhengzhi').id;
  const plan = await ids.zhengzhi.post('/api/v1/rotation-plans', { user_id: ids.clerk, start_on: '2025-01-02',
    stints: [{ department_id: dept, head_id: ids.zhengzhiId }] });
  assert.equal(plan.status, 201, plan.text);
  ids.plan = plan.body.id;
  ids.stint = plan.body.stints[0].id;
  const sec = await ids.zhengzhi.post('/api/v1/secondary-posts', { user_id: ids.clerk, department_id: dept, title: '靶副岗',
    responsible_id: ids.zhengzhiId, started_on: '2025-03-01' });
  assert.equal(sec.status, 201, sec.text);
  ids.secondary = sec.body.id;
  assert.equal((await ids.zhengzhi.post('/api/v1/mentors', { user_id: ids.prosecutor, fields: '审查起诉',
    admitted_on: '2024-01-10' })).status, 201);
  const pair = await ids.zhengzhi.post('/api/v1/mentor-pairs', { mentor_id: ids.prosecutor, mentee_id: ids.clerk,
    started_on: '2025-01-02' });
  assert.equal(pair.status, 201, pair.text);
  ids.pair = pair.body.id;
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('payloads in every text field of every write route', () => {
  test('every write route of the table is covered here or says why it takes no text', () => {
    const covered = new Set([...Object.keys(writeRoutes()), ...Object.keys(NO_TEXT)]);
    for (const r of routesOfTable()) assert.ok(covered.has(r), `${r}: add it to attacks.test.mjs (a body and its text fields)`);
  });

  test('SQL and HTML are stored literally or refused, never executed; 4-byte characters fit the limits whole', async () => {
    const routes = writeRoutes();
    let accepted = 0, refused = 0;
    for (const [key, r] of Object.entries(routes)) {
      const [method, tmpl] = key.split(' ');
      for (const [field, limit] of Object.entries(r.fields)) {
        const values = [...PAYLOADS];
        if (limit) values.push('𠀀'.repeat(limit), '𠀀'.repeat(limit + 1));
        for (const v of values) {
          if (r.once && !ids.approvalPending) {
            // each accepted return ends a proposal: make a fresh one to return
            const p = await prosecutor.post(`/api/v1/cases/${ids.case}/events`, { kind: 'return', on: '2025-03-20',
              reason: '证据不足' });
            assert.equal(p.status, 202, p.text);
            ids.approval = p.body.approval.id;
            ids.approvalPending = true;
          }
          if (r.prepare) await r.prepare();
          const body = r.body();
          setField(body, field, v);
          const before = await auditCount();
          const res = await r.as().request(method, r.path ? r.path() : tmpl, body);
          assert.ok(res.status < 500, `${key} ${field}=${JSON.stringify(v).slice(0, 40)}: ${res.status} ${res.text}`);
          if (res.status >= 400) {
            refused++;
            assert.equal(await auditCount(), before, `${key} ${field}: a refused write wrote an audit row`);
            assert.ok(res.body && res.body.error && res.body.error.message, `${key}: a JSON error with a message`);
            if (limit && [...v].length > limit) assert.equal(res.body.error.field, field, `${key}: the field is named`);
            continue;
          }
          accepted++;
          if (r.once) ids.approvalPending = false;
          assert.ok(!(limit && [...v].length > limit), `${key} ${field}: ${[...v].length} characters accepted over ${limit}`);
          if (r.read && field !== 'reason') {
            const back = (await r.as().get(r.read(res.body))).body;
            const stored = field.startsWith('persons.') ? back.persons.at(-1).name
              : key.includes('/persons') ? back.persons.find((x) => x.name === v)?.name : getField(back, field);
            assert.equal(stored, v, `${key} ${field}: stored as sent`);
          }
        }
      }
    }
    assert.ok(accepted > 40 && refused > 5, `${accepted} accepted, ${refused} refused`);
    if (SQLITE3) {
      const tables = sqlite(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('case_record',"
        + " 'audit_log', 'deadline', 'app_user')").stdout.trim();
      assert.equal(tables, '4');
      assert.equal(sqlite(db, 'PRAGMA integrity_check').stdout.trim(), 'ok');
    }
  });
});

describe('session fixation', () => {
  test('a session id chosen by an attacker before sign-in is never adopted', async () => {
    const planted = 'a'.repeat(64);
    const login = await rawRequest(server.url, { method: 'POST', path: '/api/v1/session',
      headers: { 'Content-Type': 'application/json', Cookie: `jw_session=${planted}` },
      body: JSON.stringify({ login: 'clerk', password: PW }) });
    assert.equal(login.status, 200, login.text);
    const set = [].concat(login.headers['set-cookie'] || []).map((c) => /^jw_session=([^;]*)/.exec(c)).find(Boolean);
    assert.ok(set, 'a new session cookie is set');
    assert.notEqual(set[1], planted, 'the server issues its own token');
    assert.match(set[1], /^[0-9a-f]{64}$/);
    const withPlanted = await rawRequest(server.url, { path: '/api/v1/session', headers: { Cookie: `jw_session=${planted}` } });
    assert.equal(withPlanted.status, 401, 'the planted id is no session');
    const withIssued = await rawRequest(server.url, { path: '/api/v1/session', headers: { Cookie: `jw_session=${set[1]}` } });
    assert.equal(withIssued.status, 200);
  });
});
