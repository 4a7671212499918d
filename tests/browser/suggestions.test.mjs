// suggestions.test.mjs: the 检察建议 pages in the browser on the demo office: the list (its tabs, the overdue badge,
// the by-agency figures), drafting a suggestion with the form (hostile text shown as text), proposing its issue, the
// 检察长's approval, then service, reply, a refused 回访 dated tomorrow (the error beside the date), the 回访 and 办复
// through the action forms, each reflected on the page without a reload.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PASSWORD, openPage, pickAgency, signIn, startWorld } from './browser.mjs';

let world;

before(async () => {
  world = await startWorld({ cases: 3 });
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

/** Opens a step's form, fills it (name → value; selects by value) and submits it. */
async function step(page, kind, values) {
  await page.click(`[data-testid=suggestion-act-${kind}]`);
  await page.waitForSelector(`[data-testid=sug-form-${kind}]`);
  for (const [name, value] of Object.entries(values)) {
    const sel = `[data-testid=sug-${kind}-${name}]`;
    const tag = await page.$eval(sel, (e) => e.tagName);
    if (tag === 'SELECT') await page.selectOption(sel, value);
    else await page.fill(sel, value);
  }
  await page.click(`[data-testid=sug-submit-${kind}]`);
}

async function stateIs(page, state) {
  await page.waitForSelector(`[data-testid=suggestion-state][data-state=${state}]`);
}

test('the list, a draft, approval, service, reply, 回访 and 办复', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'prosecutor');
  await page.click('[data-testid=nav-suggestions]');
  await waitList(page, 'suggestions-table');
  assert.ok(await page.locator('[data-testid^=suggestion-row-]').count() >= 10);
  // 逾期未回复: every row overdue
  await page.click('[data-testid=suggestions-tab-overdue]');
  await waitList(page, 'suggestions-table');
  const overdueRows = await page.locator('[data-testid^=suggestion-row-]').count();
  assert.ok(overdueRows >= 2);
  assert.equal(await page.locator('[data-testid^=suggestion-overdue-]').count(), overdueRows);
  // 按单位统计: the two demo agencies, the 市场监督管理局 with overdue suggestions
  await page.click('[data-testid=suggestions-tab-agency]');
  await page.waitForSelector('[data-testid=suggestions-agency-table]');
  const stats = await page.$$eval('[data-testid^=agency-stat-]', (rows) => rows.map((r) =>
    Array.from(r.cells).map((c) => c.textContent)));
  assert.equal(stats.length, 2);
  const market = stats.find((r) => r[0] === '缙云县市场监督管理局');
  assert.ok(Number(market[3]) >= 2, JSON.stringify(stats));

  // a new draft
  await page.click('[data-testid=suggestions-new]');
  await page.waitForSelector('[data-testid=sug-new-form]');
  await page.selectOption('[data-testid=sug-new-type]', 'correction');
  await page.fill('[data-testid=sug-new-title]', '关于吊销醉驾人员驾驶证的检察建议');
  await pickAgency(page, 'sug-new-agency', '缙云县公安局交通警察大队');
  await page.fill('[data-testid=sug-new-copy-names]', '缙云县人大常委会');
  await page.fill('[data-testid=sug-new-facts]', '<img src=x onerror="window.__xss=1">被不起诉人醉酒驾驶');
  await page.fill('[data-testid=sug-new-text]', '建议依法吊销其机动车驾驶证。');
  await page.fill('[data-testid=sug-new-basis]', '《中华人民共和国人民检察院组织法》第二十一条');
  await page.click('[data-testid=sug-new-submit]');
  await stateIs(page, 'draft');
  assert.equal(await page.textContent('[data-testid=suggestion-agency]'), '缙云县公安局交通警察大队');
  assert.equal(await page.textContent('[data-testid=suggestion-copies]'), '缙云县人大常委会');
  assert.match(await page.textContent('[data-testid=suggestion-facts-text]'), /^<img src=x/);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  const id = new URL(page.url()).hash.replace('#/suggestions/', '');
  assert.match(id, /^\d+$/);

  // the draft edited before it is proposed
  await page.click('[data-testid=suggestion-edit]');
  await page.fill('[data-testid=sug-edit-title]', '关于依法吊销醉驾人员驾驶证的检察建议');
  await page.click('[data-testid=sug-edit-submit]');
  await page.waitForFunction(() => document.querySelector('[data-testid=page-title]').textContent
    === '关于依法吊销醉驾人员驾驶证的检察建议');

  // proposed for the 检察长's signature
  await step(page, 'issue', { reason: '拟发出纠正违法检察建议' });
  await page.waitForSelector('[data-testid=suggestion-pending]');
  assert.equal(await page.locator('[data-testid=suggestion-act-issue]').count(), 0);
  assert.equal(await page.locator('[data-testid=suggestion-edit]').count(), 0, 'no edit while it awaits approval');
  const chief = await world.server.client().loginOk('leader', PASSWORD);
  const s = (await chief.get(`/api/v1/suggestions/${id}`)).body;
  const ap = s.approvals.find((a) => a.status === 'pending');
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  assert.equal((await chief.post(`/api/v1/approvals/${ap.id}/approve`, { on: today })).status, 200);
  await page.reload();
  await stateIs(page, 'issued');
  assert.equal(await page.textContent('[data-testid=suggestion-issued-on]'), today);

  // service: the reply period appears
  await step(page, 'serve', { method: 'announced' });
  await stateIs(page, 'served');
  await page.waitForSelector('[data-testid=suggestion-deadline-1]');
  const due = (await chief.get(`/api/v1/calendar/due?from=${today}&length=2m`)).body.due;
  assert.equal(await page.textContent('[data-testid=suggestion-due-1]'), due);
  // the reply
  await step(page, 'reply', { adoption: 'adopted', text: '已吊销驾驶证' });
  await stateIs(page, 'replied');
  // a 回访 dated tomorrow is refused beside its date, nothing changes
  const tomorrow = new Date(Date.now() + 8 * 3600e3 + 86400e3).toISOString().slice(0, 10);
  await step(page, 'visit', { on: tomorrow, result: 'rectified', evidence: '吊销决定书' });
  await page.waitForSelector('[data-testid=sug-form-visit] [data-field=on].has-error');
  assert.match(await page.textContent('[data-testid=sug-form-visit] [data-field=on] .field-error'), /晚于今天/);
  await page.fill('[data-testid=sug-visit-on]', today);
  await page.click('[data-testid=sug-submit-visit]');
  await page.waitForSelector('[data-testid=suggestion-event-visit]');
  // 办复
  await step(page, 'close', { outcome: 'handled' });
  await stateIs(page, 'closed');
  assert.match(await page.textContent('[data-testid=suggestion-outcome]'), /办复/);
  assert.equal(await page.locator('[data-testid=suggestion-actions]').count(), 0);
  const kinds = await page.$$eval('[data-testid=suggestion-timeline] li', (l) => l.map((x) => x.dataset.testid));
  assert.deepEqual(kinds, ['created', 'edited', 'proposed', 'issue', 'serve', 'reply', 'visit', 'close']
    .map((k) => 'suggestion-event-' + k));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the case page lists its suggestions and drafts one linked to it', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'prosecutor');
  const pros = await world.server.client().loginOk('prosecutor', PASSWORD);
  const c = (await pros.get('/api/v1/cases?limit=1')).body.items[0];
  await page.goto(`${world.server.url}/#/cases/${c.id}`);
  await page.waitForSelector('[data-testid=case-suggestions]:not([hidden])');
  await page.click('[data-testid=case-suggestion-new]');
  await page.waitForSelector('[data-testid=sug-new-case]');
  await page.fill('[data-testid=sug-new-title]', '本案关联的检察建议');
  await pickAgency(page, 'sug-new-agency', '缙云县市场监督管理局');
  await page.fill('[data-testid=sug-new-facts]', '事实');
  await page.fill('[data-testid=sug-new-text]', '建议');
  await page.fill('[data-testid=sug-new-basis]', '依据');
  await page.click('[data-testid=sug-new-submit]');
  await stateIs(page, 'draft');
  const id = new URL(page.url()).hash.replace('#/suggestions/', '');
  await page.goto(`${world.server.url}/#/cases/${c.id}`);
  await page.waitForSelector(`[data-testid=case-suggestion-${id}]`);
  assert.match(await page.textContent(`[data-testid=case-suggestion-${id}]`), /本案关联的检察建议/);
  assert.deepEqual(page.errors, []);
  await page.close();
});
