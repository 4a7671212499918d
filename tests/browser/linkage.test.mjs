// linkage.test.mjs: the 行刑反向衔接 pages in the browser (issue 10 §2): 吴行政检察官 finds an item the demo left
// transferred in the list (行刑衔接 in the nav, the state filter), opens it, registers it (the review period appears with
// its due day), records the 行政检察 opinion, proposes a 检察意见 to the agency with a penalty (the page says it went to
// the 检察长), and a refused step shows its reason beside the field; the case page links to the item.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openPage, PASSWORD, signIn, startWorld } from './browser.mjs';

let world, item;

before(async () => {
  world = await startWorld({ cases: 100 });
  const c = await world.server.client().loginOk('xingjian', PASSWORD);
  const list = (await c.get('/api/v1/linkage?state=transferred&limit=50')).body.items;
  assert.ok(list.length > 0, 'the demo leaves an item transferred');
  item = list[0];
});

after(async () => {
  if (world) await world.stop();
});

async function step(page, kind, fill) {
  const before = await page.locator('[data-testid=linkage-timeline] li').count();
  await page.click(`[data-testid=linkage-action-${kind}]`);
  await page.waitForSelector(`[data-testid=linkage-form-${kind}]`);
  if (fill) await fill();
  await page.click('[data-testid=lf-submit]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=linkage-timeline] li').length > n, before);
}

test('the list, an item registered, opinions, a 检察意见 proposed, a refusal beside its field', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'xingjian');
  // the home page's deadline queues link a linkage period to its item (the demo leaves some overdue)
  await page.waitForSelector('[data-testid=work-queues][aria-busy=false]');
  assert.ok(await page.locator('[data-testid=work-queues] a[href^="#/linkage/"]').count() > 0, 'a queue line links to an item');
  await page.click('[data-testid=nav-linkage]');
  await page.waitForSelector('[data-testid=linkage-table] tbody tr');
  await page.click('[data-testid=linkage-tab-all]');
  await page.selectOption('[data-testid=linkage-state]', 'transferred');
  await page.waitForSelector(`[data-testid=linkage-row-${item.id}]`);
  assert.ok(await page.locator('[data-testid=linkage-export]').isVisible(), 'the list exports');
  await page.click(`[data-testid=linkage-link-${item.id}]`);
  await page.waitForSelector('[data-testid=linkage-facts]');
  assert.equal(await page.textContent('[data-testid=linkage-state]'), '已移送待受理');
  assert.equal(await page.textContent('[data-testid=linkage-decision-on]'), item.decision_on);

  // registration: today; the review period appears, 10 working days on
  await step(page, 'register');
  await page.waitForSelector('[data-testid=linkage-due-linkage_review-1]');
  assert.equal(await page.textContent('[data-testid=linkage-state]'), '审查中');
  assert.match(await page.textContent('[data-testid=linkage-due-linkage_review-1]'), /^\d{4}-\d{2}-\d{2}/);
  assert.equal(await page.textContent('[data-testid=linkage-handler]'), '吴行政检察官');

  // a suspension is not offered: no 复议/复核/申诉/自诉 is pending
  assert.equal(await page.locator('[data-testid=linkage-action-suspend]').count(), 0);

  // the 行政检察 opinion, then the 检察意见 (a disciplinary sanction the traffic police cannot impose is refused)
  await step(page, 'opinion', async () => {
    await page.selectOption('[data-testid=lf-side]', 'administrative');
    await page.selectOption('[data-testid=lf-opinion]', 'penalty');
  });
  await page.click('[data-testid=linkage-action-procuratorial_opinion]');
  await page.waitForSelector('[data-testid=linkage-form-procuratorial_opinion]');
  await page.selectOption('[data-testid=lf-agency_id]', { label: '缙云县公安局交通警察大队' });
  await page.check('[data-testid=lf-penalty-disciplinary]');
  await page.fill('[data-testid=lf-facts]', '醉酒驾驶机动车，依法应当吊销机动车驾驶证');
  await page.fill('[data-testid=lf-reason]', '需要给予行政处罚');
  await page.click('[data-testid=lf-submit]');
  await page.waitForSelector('.field-error, [data-testid=form-error]');
  assert.match(await page.textContent('[data-testid=linkage-form-procuratorial_opinion]'), /无权给予/);
  await page.uncheck('[data-testid=lf-penalty-disciplinary]');
  await page.check('[data-testid=lf-penalty-licence_revocation]');
  const before = await page.locator('[data-testid=linkage-timeline] li').count();
  await page.click('[data-testid=lf-submit]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=linkage-timeline] li').length > n, before);
  await page.waitForSelector('[data-testid=linkage-approvals]');
  assert.match(await page.textContent('[data-testid=linkage-approvals]'), /检察意见.*待审批/);
  assert.equal(await page.textContent('[data-testid=linkage-state]'), '审查中', 'nothing issued before the approval');

  // the case page lists its person's item
  await page.click('[data-testid=linkage-case-link]');
  await page.waitForSelector(`[data-testid=case-linkage-link-${item.id}]`);
  await page.click(`[data-testid=case-linkage-link-${item.id}]`);
  await page.waitForSelector('[data-testid=linkage-facts]');
  assert.deepEqual(page.errors, []);
  await page.close();
});
