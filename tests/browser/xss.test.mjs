// xss.test.mjs: stored XSS rendered in the browser (issue 15, section 2.4). Hostile text goes in through the API as a
// case title, an agency, a person's name and a proposal's reasons; the case list, the case page, the deadline list
// and the approvals page show it literally, and no script of it runs (window.__xss stays unset, no CSP report).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client } from '../api/helpers.mjs';
import { openPage, PASSWORD, signIn, startWorld } from './browser.mjs';

const HOSTILE = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload=window.__xss=3>',
];
let world, caseId;

before(async () => {
  world = await startWorld({ cases: 0 });
  const anguan = await new Client(world.server.url).loginOk('anguan', PASSWORD);
  const prosecutor = await new Client(world.server.url).loginOk('prosecutor', PASSWORD);
  const depts = (await anguan.get('/api/v1/departments')).body.items;
  const users = (await anguan.get('/api/v1/users?limit=200')).body.items;
  const res = await anguan.post('/api/v1/cases', { case_type: 'prosecution_review', title: `${HOSTILE[0]}案`,
    source_agency: HOSTILE[1], received_on: '2025-03-05', department_id: depts.find((d) => d.name === '第一检察部').id,
    assign: 'manual', prosecutor_id: users.find((u) => u.login === 'prosecutor').id,
    persons: [{ name: HOSTILE[2], custody: 'bail', custody_since: '2025-03-05', charges: ['fraud'] }] });
  assert.equal(res.status, 201, res.text);
  caseId = res.body.id;
  const p = await prosecutor.post(`/api/v1/cases/${caseId}/events`, { kind: 'decide', on: '2025-03-20',
    person_id: res.body.persons[0].id, decision: 'non_prosecution', non_prosecution_type: 'evidentiary',
    reason: HOSTILE[1] });
  assert.equal(p.status, 202, p.text);
});

after(async () => {
  if (world) await world.stop();
});

async function assertInert(page, what) {
  assert.equal(await page.evaluate(() => window.__xss), undefined, `${what}: a script of the data ran`);
  assert.equal(await page.locator('body img[src="x"], body svg[onload]').count(), 0, `${what}: markup of the data`);
  assert.deepEqual(page.errors, [], what);
}

test('hostile text shows literally on every page that lists it, and nothing of it runs', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'leader');
  await page.goto(`${world.server.url}/#/cases`);
  await page.waitForSelector(`text=${HOSTILE[0]}案`);
  await assertInert(page, 'case list');

  await page.goto(`${world.server.url}/#/cases/${caseId}`);
  await page.waitForSelector('[data-testid=timeline]');
  const text = await page.textContent('body');
  for (const h of HOSTILE) assert.ok(text.includes(h), `case page shows ${h} literally`);
  await assertInert(page, 'case page');

  await page.goto(`${world.server.url}/#/approvals`);
  await page.waitForFunction((h) => document.body.textContent.includes(h), HOSTILE[0]);
  await assertInert(page, 'approvals page');

  await page.goto(`${world.server.url}/#/deadlines?scope=office`);
  await page.waitForFunction((h) => document.body.textContent.includes(h), HOSTILE[0]);
  await assertInert(page, 'deadline list');
  await page.close();
});
