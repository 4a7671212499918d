// stats.test.mjs: the 统计报表 page in the browser on the demo office (issue 11 §2): the leader picks a year, the
// table shows every indicator with 同比/环比 columns, a figure opens its records and a record opens its case; the
// figures on the page are the API's; the administrator changes an [M] formula on the settings page. No console error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openPage, signIn, startWorld } from './browser.mjs';

let world;

before(async () => {
  world = await startWorld({ cases: 60 });
});

after(async () => {
  if (world) await world.stop();
});

test('the report, a figure\'s records, a record\'s case', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'leader');
  await page.click('[data-testid=nav-stats]');
  await page.waitForSelector('[data-testid=stats-form]');
  const year = String(new Date().getUTCFullYear());
  await page.fill('[data-testid=stats-period] input, input[data-testid=stats-period]', year);
  await page.click('[data-testid=stats-run]');
  await page.waitForSelector('[data-testid=stats-table]');
  const heading = await page.textContent('[data-testid=stats-heading]');
  assert.ok(heading.includes(year) && heading.includes(String(Number(year) - 1)), heading);
  // the page's figure is the API's
  const api = await page.evaluate(async (y) => (await fetch(`/api/v1/stats/report?period=${y}`)).json(), year);
  const np = api.indicators.find((i) => i.code === 'non_prosecution_rate').cells[0].current;
  const shown = await page.textContent('[data-testid=stats-fig-non_prosecution_rate-total-current]');
  assert.equal(shown, np.value === null ? '—' : (np.value * 100).toFixed(2) + '%');
  assert.equal(await page.locator('[data-testid^=stats-row-]').count(), 22);
  assert.match(await page.textContent('[data-testid=stats-row-fixed_sentence_proposal_rate]'), /未计算/);
  // a figure with records: its denominator list, then a case
  const withRows = api.indicators.find((i) => i.computed && i.cells[0].current.denominator > 0);
  assert.ok(withRows, 'the demo has concluded records this year');
  await page.click(`[data-testid=stats-fig-${withRows.code}-total-current]`);
  await page.waitForSelector('[data-testid=stats-records-table]');
  if (withRows.cells[0].current.numerator === 0) await page.click('[data-testid=stats-records-other]');
  await page.waitForSelector('[data-testid=stats-record] a');
  const n = await page.locator('[data-testid=stats-record]').count();
  assert.ok(n >= 1 && n <= 50);
  const href = await page.getAttribute('[data-testid=stats-record] a', 'href');
  assert.match(href, /^#\/(cases|linkage|suggestions)\/\d+$/);
  await page.click('[data-testid=stats-record] a');
  await page.waitForFunction((h) => location.hash === h, href);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a prosecutor sees their own figures; the administrator sets a formula', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'prosecutor');
  await page.click('[data-testid=nav-stats]');
  await page.waitForSelector('[data-testid=stats-table]');
  assert.match(await page.textContent('[data-testid=stats-heading]'), /李检察官/);
  assert.deepEqual(page.errors, []);
  await page.close();

  const admin = await openPage(world);
  await signIn(admin, world, 'admin');
  await admin.click('[data-testid=nav-stats-config]');
  await admin.waitForSelector('[data-testid=stats-config-archiving_on_time_rate]');
  await admin.fill('[data-testid=stats-param-archiving_on_time_rate-months]', '2');
  await admin.click('[data-testid=stats-save-archiving_on_time_rate]');
  await admin.waitForSelector('text=已保存');
  const cfg = await admin.evaluate(async () => (await fetch('/api/v1/stats/config')).json());
  const p = cfg.indicators.find((i) => i.code === 'archiving_on_time_rate').params[0];
  assert.equal(p.value, 2);
  // out of range: the error beside the field, nothing saved
  await admin.fill('[data-testid=stats-param-archiving_on_time_rate-months]', '9');
  await admin.click('[data-testid=stats-save-archiving_on_time_rate]');
  await admin.waitForSelector('[data-testid=stats-config-archiving_on_time_rate] .field-error, [data-testid=stats-config-archiving_on_time_rate] .form-error');
  assert.deepEqual(admin.errors, []);
  await admin.close();
});
