// imports.test.mjs: the upload page in the browser (issue 12 §1): 行政检察 chooses a licence file whose header the
// synonyms do not fully know, checks the proposed mapping, maps the missing column, imports it while the page's
// progress bar moves from the upload to done (watched through a MutationObserver: never backwards), and reads the
// validation report (rows accepted and rejected, each rejection with its row, column and reason, hostile text shown as
// text); the batch appears in the list and its report opens from there.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { openPage, signIn, startWorld } from './browser.mjs';

let world;

before(async () => {
  world = await startWorld({ cases: 0 });
});

after(async () => {
  if (world) await world.stop();
});

test('upload, mapping, progress and the report', async () => {
  const rows = ['驾驶人姓名,公民身份号码,现状,状态日期'];
  for (let i = 0; i < 20000; i++) rows.push(`张${i},11010519491231002X,正常,${i % 2 ? '2025/3/5' : '2025-03-06'}`);
  rows.push('<img src=x onerror=alert(1)>,110105194912310021,作废,2025-03-07');
  rows.push(',110105194912310021,吊销,2025-03-08');
  const file = path.join(world.dir, '交警驾驶证.csv');
  fs.writeFileSync(file, rows.join('\r\n') + '\r\n');

  const page = await openPage(world);
  await signIn(page, world, 'xingjian');
  await page.click('[data-testid=nav-imports]');
  await page.waitForSelector('[data-testid=imports-form]');
  await page.selectOption('[data-testid=imports-kind]', 'licence');
  await page.fill('[data-testid=imports-source]', '鄠邑交警');
  await page.setInputFiles('[data-testid=imports-file]', file);
  await page.click('[data-testid=imports-check]');
  await page.waitForSelector('[data-testid=imports-mapping]');
  assert.match(await page.textContent('[data-testid=imports-detected]'), /CSV，编码 utf-8/);
  assert.equal(await page.inputValue('[data-testid=imports-map-name]'), '驾驶人姓名');
  assert.equal(await page.inputValue('[data-testid=imports-map-id_number]'), '公民身份号码');
  assert.equal(await page.inputValue('[data-testid=imports-map-status]'), ''); // 现状: not a known name
  await page.selectOption('[data-testid=imports-map-status]', '现状');

  await page.evaluate(() => {
    const bar = document.querySelector('[data-testid=imports-progress]');
    window.__seen = [];
    new MutationObserver(() => window.__seen.push([bar.dataset.phase, Number(bar.value)]))
      .observe(bar, { attributes: true });
  });
  await page.click('[data-testid=imports-start]');
  await page.waitForSelector('[data-testid=imports-summary]');
  const seen = await page.evaluate(() => window.__seen);
  assert.equal(seen[0][0], 'upload');
  assert.deepEqual(seen[seen.length - 1], ['done', 100]);
  for (let i = 1; i < seen.length; i++) {
    if (seen[i][0] === seen[i - 1][0]) assert.ok(seen[i][1] >= seen[i - 1][1], `progress went back: ${JSON.stringify(seen)}`);
  }
  assert.equal(await page.getAttribute('[data-testid=imports-progress]', 'value'), '100');

  const summary = page.locator('[data-testid=imports-summary]');
  assert.equal(await summary.getAttribute('data-accepted'), '2'); // 20,000 rows of one licence: duplicates but two
  assert.equal(await summary.getAttribute('data-duplicate'), '19998');
  assert.equal(await summary.getAttribute('data-rejected'), '2');
  const rej = await page.$$eval('[data-testid=imports-rejection]', (trs) => trs.map((tr) =>
    Array.from(tr.cells).map((c) => c.textContent)));
  assert.deepEqual(rej.map((r) => [r[0], r[1]]), [['20002', '现状'], ['20003', '驾驶人姓名']]);
  assert.match(rej[0][2], /无法识别的驾驶证状态“作废”/);
  assert.equal(await page.locator('img[src=x]').count(), 0);

  // the batch in the list; its report opens from there
  await page.waitForSelector('[data-testid^=import-row-]');
  const id = await summary.getAttribute('data-batch');
  await page.reload();
  await page.waitForSelector(`[data-testid=import-row-${id}] a`);
  await page.click(`[data-testid=import-row-${id}] a`);
  await page.waitForSelector('[data-testid=imports-summary]');
  assert.match(await page.textContent('[data-testid=imports-summary]'), /交警驾驶证\.csv：数据行 20002，接收 2/);
  assert.deepEqual(page.errors, []);
});
