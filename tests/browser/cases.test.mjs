// cases.test.mjs: 案管 registers a case in the browser, returns it twice for supplementary investigation, cannot
// return it a third time, records a 不起诉 decision and sees the archiving deadline; the deadlines page and the
// due-date calculator answer as the law says.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openPage, signIn, startWorld } from './browser.mjs';

let world;

before(async () => {
  world = await startWorld({ cases: 20 });
});

after(async () => {
  if (world) await world.stop();
});

/** Records one event through the case page's action bar and waits for the page to show it. */
async function act(page, kind, { on, reason, fill } = {}) {
  const before = await page.locator('[data-testid=timeline] li').count();
  await page.click(`[data-testid=event-${kind}]`);
  await page.waitForSelector('[data-testid=event-form]');
  if (on) await page.fill('[data-testid=event-on]', on);
  if (fill) await fill();
  if (reason) await page.fill('[data-testid=event-reason]', reason);
  await page.click('[data-testid=event-form-submit]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=timeline] li').length > n, before);
}

test('register, return twice, refuse a third return, decide 不起诉, archiving deadline', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'anguan');
  await page.click('[data-testid=nav-cases]');
  await page.waitForSelector('[data-testid=cases-table]');
  await page.click('[data-testid=cases-new]');
  await page.waitForSelector('[data-testid=case-form]');
  await page.selectOption('[data-testid=case-type]', 'prosecution_review');
  await page.fill('[data-testid=case-title]', '钱某诈骗案');
  await page.fill('[data-testid=case-source-agency]', '缙云县公安局');
  await page.fill('[data-testid=case-received]', '2025-03-05');
  await page.selectOption('[data-testid=case-department]', { label: '第一检察部' });
  await page.waitForSelector('[data-testid=case-prosecutor] option:has-text("李检察官")', { state: 'attached' });
  await page.selectOption('[data-testid=case-prosecutor]', { label: '李检察官' });
  await page.fill('[data-testid=person-name-0]', '钱某');
  await page.fill('[data-testid=person-id-0]', '370101190102039973');
  await page.selectOption('[data-testid=person-custody-0]', 'bail');
  await page.selectOption('[data-testid=person-charges-0]', 'fraud');
  await page.click('[data-testid=case-form-submit]');

  await page.waitForSelector('[data-testid=case-number]');
  assert.match(await page.textContent('[data-testid=case-number]'), /^缙检刑诉受〔2025〕\d+号$/);
  // 2025-03-05 + 1 month = 04-05 (清明): the not custody-bound period ends on 04-07
  assert.match(await page.textContent('[data-testid=deadline-review]'), /2025-04-07/);

  await act(page, 'return', { on: '2025-03-20', reason: '部分事实不清，退回补充侦查' });
  assert.match(await page.textContent('[data-testid=deadline-supplementary]'), /2025-04-21/);
  await act(page, 'resubmit', { on: '2025-04-15' });
  assert.match(await page.textContent('[data-testid=deadline-review]'), /2025-05-15/);
  await act(page, 'return', { on: '2025-04-25', reason: '补充鉴定意见' });
  await act(page, 'resubmit', { on: '2025-05-20' });

  // a third return is not offered: the button says why
  const third = page.locator('[data-testid=event-return]');
  assert.equal(await third.isDisabled(), true);
  assert.match(await page.textContent('[data-testid=event-return-why]'), /两次/);

  await act(page, 'decide', {
    on: '2025-06-03',
    reason: '犯罪情节轻微',
    fill: async () => {
      await page.selectOption('[data-testid=event-decision]', 'non_prosecution');
      await page.selectOption('[data-testid=event-npt]', 'discretionary');
    },
  });
  await page.waitForSelector('[data-testid=deadline-archiving]');
  // 卷宗一月一归档: 2025-06-03 + 1 month = 07-03
  assert.match(await page.textContent('[data-testid=deadline-archiving]'), /2025-07-03/);
  assert.match(await page.textContent('[data-testid=case-status]'), /审结/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the deadlines page lists my deadlines and the month view', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'anguan');
  await page.click('[data-testid=nav-deadlines]');
  await page.waitForSelector('[data-testid=deadlines-scope-office]');
  await page.click('[data-testid=deadlines-scope-office]');
  await page.waitForSelector('[data-testid=deadlines-table]');
  await page.click('[data-testid=deadlines-view-month]');
  await page.waitForSelector('[data-testid=month-prev]');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the due-date calculator answers the worked examples of DOMAIN.md 0.1', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'clerk');
  await page.goto(`${world.server.url}/#/tools/due`);
  await page.waitForSelector('[data-testid=due-from]');
  const ask = async (from, n, unit, custody) => {
    await page.fill('[data-testid=due-from]', from);
    await page.fill('[data-testid=due-n]', String(n));
    await page.selectOption('[data-testid=due-unit]', unit);
    if (custody) await page.check('[data-testid=due-custody]');
    else await page.uncheck('[data-testid=due-custody]');
    await page.click('[data-testid=due-submit]');
    await page.waitForFunction(() => /\d{4}-\d{2}-\d{2}/.test(
      document.querySelector('[data-testid=due-result-date]')?.textContent || ''));
    const text = await page.textContent('[data-testid=due-result-date]');
    await page.evaluate(() => { document.querySelector('[data-testid=due-result-date]').textContent = ''; });
    return text;
  };
  assert.match(await ask('2025-09-24', 7, 'd', true), /2025-10-01/);
  assert.match(await ask('2025-09-24', 7, 'd', false), /2025-10-09/);
  assert.match(await ask('2025-03-31', 1, 'm', false), /2025-04-30/);
  assert.deepEqual(page.errors, []);
  await page.close();
});
