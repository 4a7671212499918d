// permissions.test.mjs: the permission matrix, generated from the route table (src/web/routes.c) and the permission
// table of docs/permissions.md: every route × every role, in the actor's own office, in a subordinate office and in a
// sibling office. Each cell asserts what the docs say:
//   - a role without the route's permission gets the dispatcher's 403 ("没有执行此操作的权限");
//   - a role with it never does (the handler may still refuse the input, 400, or a record, 404, or answer a business
//     rule with another 403 message);
//   - a record of a sibling office is 404 for everyone; of a subordinate office too, except the org registry (GET and
//     PUT /orgs/{id}: a higher office keeps the registry of the offices below, docs/permissions.md).
// A new route whose permission docs/permissions.md does not list, or whose {id} this test cannot fill, fails the test.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { addOrg, addUser, auditVerify, cliOk, initDb, makeTempDir, REPO, rmTempDir, startServer, newDbTarget } from './helpers.mjs';

const PW = 'Jianwu@2026';
const ROLES = ['admin', 'leader', 'department_head', 'prosecutor', 'assistant', 'case_manager', 'admin_prosecutor',
  'petition_officer', 'political_officer', 'clerk'];
const DENIED = '没有执行此操作的权限';

/** The routes: [{method, path, perm, body}]: perm is the enum name (PERM_CASE_READ), body whether it takes one. */
function routeTable() {
  const src = fs.readFileSync(path.join(REPO, 'src/web/routes.c'), 'utf8');
  const out = [];
  for (const m of src.matchAll(/\{"(GET|POST|PUT|DELETE)",\s*"([^"]+)",\s*(PERM_[A-Z_]+),\s*\d,\s*([A-Z_0-9]+),/g)) {
    out.push({ method: m[1], path: m[2], perm: m[3], body: m[4] !== 'BODY_NONE' });
  }
  assert.ok(out.length > 30, 'the route table was read');
  return out;
}

/** PERM_X -> "x.y" from src/core/roles.c's perm_name(). */
function permNames() {
  const src = fs.readFileSync(path.join(REPO, 'src/core/roles.c'), 'utf8');
  const map = { PERM_PUBLIC: 'public' };
  for (const m of src.matchAll(/case (PERM_[A-Z_]+):\s*return "([a-z._]+)";/g)) map[m[1]] = m[2];
  return map;
}

/** "x.y" -> Set(roles) from the Permissions table of docs/permissions.md. */
function grantedByDocs() {
  const md = fs.readFileSync(path.join(REPO, 'docs/permissions.md'), 'utf8');
  const section = md.slice(md.indexOf('## Permissions'), md.indexOf('## Who may do what, per action'));
  const out = {};
  for (const line of section.split('\n')) {
    const m = /^\| `([a-z._]+)` \| ([^|]+) \|/.exec(line);
    if (!m) continue;
    const roles = m[2].trim() === 'every role' ? ROLES : m[2].split(',').map((x) => x.trim());
    for (const r of roles) assert.ok(ROLES.includes(r), `docs/permissions.md names an unknown role ${r} for ${m[1]}`);
    out[m[1]] = new Set(roles);
  }
  return out;
}

let dir, db, server, ids;
const clients = { county: {}, city: {} };

/** The path with its {id}s filled from one office's records (ids.own, ids.sibling ...). */
function fill(p, rec) {
  const seg = p.split('/');
  const outs = [];
  for (let i = 0; i < seg.length; i++) {
    if (seg[i] !== '{id}') { outs.push(seg[i]); continue; }
    const what = seg[i - 1];
    const v = { orgs: rec.org, departments: rec.dept, users: rec.user, cases: rec.case, persons: rec.person,
      approvals: rec.approval,
      agencies: rec.agency, // issue 10 (agencies)
      documents: rec.document, // issue 10 (documents)
      linkage: rec.linkage, // issue 10 (linkage)
      suggestions: rec.suggestion, // issue 10 (suggestions)
      imports: rec.import, // issue 12 (imports)
      petitions: rec.petition, // issue 13 (petitions)
      // issue 14 (people): a person is a user; the other records are unknown ids (the handler's 404 or 400)
      people: rec.user, 'rotation-plans': 987654, 'rotation-stints': 987654, 'secondary-posts': 987654,
      'mentor-pairs': 987654, courses: 987654, 'integrity-records': 987654,
      // issue 12 §3 (leads): unknown ids (the handler's 404)
      'match-models': 987654, leads: 987654, 'lead-candidates': 987654,
    }[what];
    assert.ok(v, `permissions.test.mjs cannot fill {id} after /${what}/ in ${p}: add the record to the world`);
    outs.push(String(v));
  }
  return outs.join('/');
}

/** The routes that end the caller's session or sign in: checked by their own suites, not in the matrix. */
const SKIP = new Set(['POST /api/v1/session', 'DELETE /api/v1/session', 'POST /api/v1/session/password']);

async function call(c, r, p) {
  const body = r.body ? {} : undefined;
  return c.request(r.method, p, body);
}

before(async () => {
  dir = makeTempDir();
  db = newDbTarget(dir, 'perm.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', '3']);
  addOrg(db, 'sibling', '另一县人民检察院', { level: 'county', parent: 'lishui' });
  for (const role of ROLES) {
    addUser(db, { org: 'jinyun', login: `m_${role}`, role, password: PW });
    addUser(db, { org: 'lishui', login: `c_${role}`, role, password: PW });
  }
  addUser(db, { org: 'sibling', login: 's_admin', role: 'admin', password: PW });
  addUser(db, { org: 'sibling', login: 's_case_manager', role: 'case_manager', password: PW });
  addUser(db, { org: 'sibling', login: 's_prosecutor', role: 'prosecutor', password: PW });
  server = await startServer(db);
  for (const role of ROLES) {
    clients.county[role] = await server.client().loginOk(`m_${role}`, PW);
    clients.city[role] = await server.client().loginOk(`c_${role}`, PW);
  }
  // the records of the county office (own), and of the sibling office
  const records = async (anguan, prosecutor) => {
    const me = (await anguan.get('/api/v1/session')).body.user;
    const depts = (await anguan.get('/api/v1/departments')).body.items;
    const users = (await anguan.get('/api/v1/users?limit=200')).body.items;
    const crim = depts.find((d) => d.kind === 'criminal') || depts[0];
    const pros = users.find((u) => u.roles.includes('prosecutor'));
    const c = (await anguan.post('/api/v1/cases', { case_type: 'prosecution_review', title: '权限测试案',
      source_agency: '公安局', received_on: '2025-03-05', department_id: crim.id, assign: 'manual',
      prosecutor_id: pros.id, persons: [{ name: '张某', custody: 'bail', custody_since: '2025-03-05', charges: ['fraud'] }] })).body;
    let approval = null;
    if (prosecutor) {
      const pc = await prosecutor.post(`/api/v1/cases/${c.id}/events`, { kind: 'return', on: '2025-03-20',
        reason: '证据不足' });
      approval = pc.body.approval ? pc.body.approval.id : null;
    }
    // issue 10 (agencies): the agency the registration added to the office's registry
    const agency = (await anguan.get(`/api/v1/agencies?q=${encodeURIComponent('公安局')}`)).body.items
      .find((a) => a.name === '公安局').id;
    // documents (issue 10 §4): a 不起诉决定书, for the document routes
    let document = null;
    if (prosecutor) {
      const np = (await anguan.post('/api/v1/cases', { case_type: 'prosecution_review', title: '权限测试不诉案',
        source_agency: '公安局', received_on: '2025-03-05', department_id: crim.id, assign: 'manual',
        prosecutor_id: pros.id, persons: [{ name: '李某', custody: 'bail', custody_since: '2025-03-05', charges: ['fraud'] }] })).body;
      const prop = await prosecutor.post(`/api/v1/cases/${np.id}/events`, { kind: 'decide', on: '2025-03-25',
        person_id: np.persons[0].id, decision: 'non_prosecution', non_prosecution_type: 'evidentiary', reason: '证据不足' });
      assert.equal(prop.status, 202, prop.text);
      const ok = await clients.county.leader.post(`/api/v1/approvals/${prop.body.approval.id}/approve`, { on: '2025-03-28' });
      assert.equal(ok.status, 200, ok.text);
      const d = await prosecutor.post(`/api/v1/cases/${np.id}/persons/${np.persons[0].id}/documents`, { type: 'non_prosecution' });
      assert.equal(d.status, 201, d.text);
      document = d.body.id;
    }
    // linkage: an item of the office opens only on a 不起诉 the 检察长 approves (tests/api/linkage.test.mjs); the
    // matrix needs only an id: an unknown one is 404 from the handler, never the dispatcher's 403
    return { org: me.org_id, dept: crim.id, user: pros.id, case: c.id, person: c.persons[0].id, approval, agency,
      document, linkage: 987654 };
  };
  const countyAnguan = await server.client().loginOk('anguan', PW);
  const countyPros = await server.client().loginOk('prosecutor', PW);
  // the department of the demo's `prosecutor` is where its case and proposal live
  ids = { own: await records(countyAnguan, countyPros) };
  const sAdmin = await server.client().loginOk('s_admin', PW);
  const made = await sAdmin.post('/api/v1/departments', { name: '第一检察部', kind: 'criminal' });
  assert.equal(made.status, 201, made.text);
  const sAnguan = await server.client().loginOk('s_case_manager', PW);
  ids.sibling = await records(sAnguan, null);
  ids.sibling.approval = ids.own.approval + 100000; // no approval exists there: any id of another office is unknown
  ids.sibling.document = ids.own.document + 100000; // likewise a document
  // suggestions (issue 10): a draft 检察建议 of the county's prosecutor; none in the sibling office
  const agency = (await countyPros.get('/api/v1/agencies?limit=1')).body.items[0];
  const sg = await countyPros.post('/api/v1/suggestions', { type: 'other', title: '权限测试', agency_id: agency.id,
    facts: '事实', text: '建议', legal_basis: '依据' });
  assert.equal(sg.status, 201, sg.text);
  ids.own.suggestion = sg.body.id;
  ids.sibling.suggestion = sg.body.id + 100000;
  // imports (issue 12): a licence file imported by the county's 案管; none in the sibling office
  const im = await countyAnguan.post('/api/v1/imports?kind=licence', '姓名,身份证号,状态\n张三,11010519491231002X,正常\n',
    { contentType: 'text/csv' });
  assert.equal(im.status, 201, im.text);
  ids.own.import = im.body.id;
  ids.sibling.import = im.body.id + 100000;
  // petitions (issue 13): a 来访 taken in by the county's 控申; none in the sibling office
  const countyKs = await server.client().loginOk('kongshen', PW);
  const pt = await countyKs.post('/api/v1/petitions', { channel: 'visit', category: 'complaint', matter: '权限测试',
    received_on: '2025-03-05', petitioners: [{ name: '权限测试人' }] });
  assert.equal(pt.status, 201, pt.text);
  ids.own.petition = pt.body.id;
  ids.sibling.petition = pt.body.id + 100000;
});

after(async () => {
  if (server) await server.stop();
  if (db) assert.equal(auditVerify(db).stdout.trim(), 'OK');
  rmTempDir(dir);
});

describe('the permission matrix', () => {
  test('every route is covered by docs/permissions.md', () => {
    const names = permNames(), docs = grantedByDocs();
    for (const r of routeTable()) {
      const name = names[r.perm];
      assert.ok(name, `${r.method} ${r.path}: ${r.perm} has no name in roles.c`);
      if (name === 'public') continue;
      assert.ok(docs[name], `${r.method} ${r.path} needs ${name}, which docs/permissions.md does not list`);
    }
  });

  test('own office: a role without the permission gets 403 from the dispatcher, one with it never does', async () => {
    const names = permNames(), docs = grantedByDocs();
    let cells = 0;
    for (const r of routeTable()) {
      const name = names[r.perm];
      if (name === 'public' || SKIP.has(`${r.method} ${r.path}`) || !r.path.startsWith('/api/')) continue;
      const p = fill(r.path, ids.own);
      for (const role of ROLES) {
        const res = await call(clients.county[role], r, p);
        const denied = res.status === 403 && res.body && res.body.error && res.body.error.message === DENIED;
        const allowed = docs[name].has(role);
        assert.notEqual(res.status, 401, `${role} ${r.method} ${p}: signed in`);
        assert.ok(res.status < 500, `${role} ${r.method} ${p}: ${res.status} ${res.text}`);
        if (allowed) assert.ok(!denied, `${role} ${r.method} ${p} has ${name} (docs) but was denied`);
        else assert.ok(denied, `${role} ${r.method} ${p} lacks ${name} (docs) but got ${res.status} ${res.text}`);
        cells++;
      }
    }
    assert.ok(cells > 300, `${cells} cells`);
  });

  test('a sibling office: every record is 404, for every role that may reach the route', async () => {
    const names = permNames(), docs = grantedByDocs();
    for (const r of routeTable()) {
      const name = names[r.perm];
      if (name === 'public' || !r.path.includes('{id}') || SKIP.has(`${r.method} ${r.path}`)) continue;
      const p = fill(r.path, ids.sibling);
      for (const role of ROLES) {
        if (!docs[name].has(role)) continue;
        const res = await call(clients.county[role], r, p);
        assert.ok(res.status === 404 || res.status === 400,
          `${role} ${r.method} ${p} (another office's record): ${res.status} ${res.text}`);
        if (res.status === 400) assert.equal(r.method === 'GET', false, `${role} GET ${p} must be 404`);
      }
    }
  });

  test('a subordinate office: the city sees the county in the org registry, none of its records', async () => {
    const names = permNames(), docs = grantedByDocs();
    for (const r of routeTable()) {
      const name = names[r.perm];
      if (name === 'public' || !r.path.includes('{id}') || SKIP.has(`${r.method} ${r.path}`)) continue;
      const p = fill(r.path, ids.own);
      for (const role of ROLES) {
        if (!docs[name].has(role)) continue;
        const res = await call(clients.city[role], r, p);
        if (r.path === '/api/v1/orgs/{id}') {
          assert.ok(res.status === 200 || res.status === 400, `${role} ${r.method} ${p}: ${res.status} ${res.text}`);
        } else {
          assert.ok(res.status === 404 || (res.status === 400 && r.method !== 'GET'),
            `${role} ${r.method} ${p} (a county's record seen from the city): ${res.status} ${res.text}`);
        }
      }
    }
  });
});
