// petitions.test.mjs: the 信访 pages in the browser on the demo office: the reception clerk (控申) files a 来访 with
// the fast form (only name, phone and the matter typed; hostile text shown as text), sees the earlier petition of the
// same ID number while typing, lands on the petition with its 7-day reply period, records the procedural reply
// through the action form (a missing content refused beside its field), and finds the petition in the list.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PASSWORD, openPage, signIn, startWorld } from './browser.mjs';

let world;

before(async () => {
  world = await startWorld({ cases: 0 });
});

after(async () => {
  if (world) await world.stop();
});

async function waitList(page, table) {
  await page.waitForFunction((tid) => {
    const t = document.querySelector(`[data-testid=${tid}]`);
    return t && t.getAttribute('aria-busy') === 'false' && !t.querySelector('.state-loading');
  }, table);
}

/** An 18-digit ID number of the given body (17 digits) with its GB 11643 check character. */
function idNumber(body) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

test('the reception clerk files a 来访 and records the reply', async () => {
  const id = idNumber('33112219700303003');
  // an earlier petition of the same person, taken in through the API
  const ks = await world.server.client().loginOk('kongshen', PASSWORD);
  const first = await ks.post('/api/v1/petitions', { channel: 'letter', category: 'complaint', matter: '在先来信',
    received_on: '2025-06-02', petitioners: [{ name: '陈某', id_number: id }] });
  assert.equal(first.status, 201, first.text);

  const page = await openPage(world);
  await signIn(page, world, 'kongshen');
  await page.click('[data-testid=nav-petitions]');
  await waitList(page, 'petitions-table');
  await page.click('[data-testid=petitions-new]');
  await page.waitForSelector('[data-testid=pet-new-form]');
  assert.equal(await page.inputValue('[data-testid=pet-new-channel]'), 'visit', '来访 is preselected');
  await page.fill('[data-testid=pet-new-name]', '陈某');
  await page.fill('[data-testid=pet-new-id-number]', id);
  await page.fill('[data-testid=pet-new-phone]', '13500000005');
  await page.press('[data-testid=pet-new-phone]', 'Tab');
  await page.waitForSelector(`[data-testid=pet-new-repeat-${first.body.id}]`);
  await page.fill('[data-testid=pet-new-matter]', '<img src=x onerror="window.__xss=1">反映其子被打伤，要求追究责任。');
  await page.click('[data-testid=pet-new-submit]');
  await page.waitForSelector('[data-testid=petition-state][data-state=registered]');
  assert.match(await page.textContent('[data-testid=petition-matter]'), /^<img src=x/);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.match(await page.textContent('[data-testid=petition-first-handler]'), /郑控申/);
  await page.waitForSelector('[data-testid=petition-repeat-link]');
  await page.waitForSelector('[data-testid=petition-deadline-petition_procedural-0]');
  const pid = new URL(page.url()).hash.replace('#/petitions/', '');
  assert.match(pid, /^\d+$/);

  // the reply: without its content it is refused beside the field, then recorded
  await page.click('[data-testid=petition-act-reply]');
  await page.waitForSelector('[data-testid=pet-form-reply]');
  await page.selectOption('[data-testid=pet-reply-reply_kind]', 'procedural');
  await page.selectOption('[data-testid=pet-reply-channel]', 'in_person');
  await page.click('[data-testid=pet-submit-reply]');
  await page.waitForSelector('[data-testid=pet-form-reply] [data-field=content].has-error');
  await page.fill('[data-testid=pet-reply-content]', '当面告知：已受理，七日内转办案部门审查。');
  await page.click('[data-testid=pet-submit-reply]');
  await page.waitForSelector('[data-testid=petition-replies] [data-testid^=petition-reply-]');
  assert.match(await page.textContent('[data-testid=petition-replies]'), /当面告知/);
  const level = await page.textContent('[data-testid=petition-deadline-petition_procedural-0]');
  assert.doesNotMatch(level, /逾期/);
  await page.waitForSelector('[data-testid=petition-event-reply]');

  // the list shows it, a repeat
  await page.click('[data-testid=nav-petitions]');
  await waitList(page, 'petitions-table');
  await page.waitForSelector(`[data-testid=petition-repeat-${pid}]`);
  // the figures: two 来访-or-来信 petitions, the 7-day rate of the one answered
  await page.click('[data-testid=petitions-tab-stats]');
  await page.waitForSelector('[data-testid=pet-stat-channel-total]');
  assert.match(await page.textContent('[data-testid=pet-stat-channel-visit]'), /^来访1/);
  await page.waitForSelector('[data-testid=pet-stat-category-complaint]');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a 包案 petition is on the leader\'s home page and opens from there', async () => {
  const ks = await world.server.client().loginOk('kongshen', PASSWORD);
  const users = Object.fromEntries((await ks.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
  const p = await ks.post('/api/v1/petitions', { channel: 'visit', category: 'criminal_appeal', matter: '积案申诉',
    received_on: '2025-06-02', risk_level: 'high', risk_reason: '扬言越级上访', petitioners: [{ name: '包某' }] });
  assert.equal(p.status, 201, p.text);
  const plan = await ks.post(`/api/v1/petitions/${p.body.id}/events`, { kind: 'plan', on: '2025-06-05',
    leader_id: users.leader, responsible_id: users.kongshen, plans: ['handle', 'stabilise'] });
  assert.equal(plan.status, 201, plan.text);
  const page = await openPage(world);
  await signIn(page, world, 'leader');
  await page.waitForSelector(`[data-testid=queue-led_petitions-link-${p.body.id}]`);
  await page.waitForSelector(`[data-testid=queue-high_risk_petitions-link-${p.body.id}]`);
  await page.click(`[data-testid=queue-led_petitions-link-${p.body.id}]`);
  await page.waitForSelector('[data-testid=petition-lead]');
  assert.match(await page.textContent('[data-testid=petition-lead]'), /包处理、包稳控/);
  // a dated progress note through the action form
  await page.click('[data-testid=petition-act-progress]');
  await page.waitForSelector('[data-testid=pet-form-progress]');
  await page.fill('[data-testid=pet-progress-note]', '检察长接访，释法说理');
  await page.click('[data-testid=pet-submit-progress]');
  await page.waitForSelector('[data-testid=petition-event-progress]');
  assert.deepEqual(page.errors, []);
  await page.close();
});
