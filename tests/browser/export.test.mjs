// export.test.mjs: the "导出 Excel" button of the list pages (ui/js/list.js exportButton). 案管 filters the case list
// by status, clicks the button, and the downloaded file, read back with openpyxl (tests/api/xlsx_read.py), holds
// exactly the list's cases under that filter with the filter stated on its "导出说明" sheet; the deadline and user
// lists have the button too; a refusal (a bad filter) shows its message beside the button.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { REPO } from '../api/helpers.mjs';
import { openPage, signIn, startWorld } from './browser.mjs';

let world;

before(async () => {
  world = await startWorld({ cases: 40 });
});

after(async () => {
  if (world) await world.stop();
});

function readXlsx(file) {
  const r = spawnSync('/usr/bin/python3', [path.join(REPO, 'tests/api/xlsx_read.py'), file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('案管 exports the filtered case list and the file holds exactly those cases', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'anguan');
  await page.goto(`${world.server.url}/#/cases`);
  await page.waitForSelector('[data-testid=cases-table] tbody tr');
  await page.selectOption('[data-testid=cases-status]', 'concluded');
  await page.click('[data-testid=cases-search-submit]');
  await page.waitForFunction(() => /status=concluded/.test(location.hash));
  await page.waitForSelector('[data-testid=cases-table][aria-busy=false]');
  const list = await page.evaluate(async () => (await fetch('/api/v1/cases?status=concluded&limit=200')).json());
  assert.ok(list.total > 0 && list.total < 40, `some cases are concluded, not all: ${list.total}`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=cases-export]')]);
  assert.match(download.suggestedFilename(), /^案件列表-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = path.join(world.dir, 'cases.xlsx');
  await download.saveAs(file);
  await page.waitForFunction(() => /已下载/.test(document.querySelector('[data-testid=cases-export-note]').textContent));

  const book = readXlsx(file);
  const [head, ...rows] = book.sheets[0].rows;
  assert.equal(head[0].v, '案号');
  assert.equal(rows.length, list.total, 'the rows of the filtered list');
  assert.deepEqual(rows.map((r) => r[0].v), list.items.map((c) => c.case_number));
  const statusCol = head.findIndex((c) => c.v === '状态');
  assert.ok(rows.every((r) => r[statusCol].v === '已审结'));
  assert.equal(book.sheets[0].freeze, 'A2');
  const notes = Object.fromEntries(book.sheets[1].rows.slice(1).map((r) => [r[0].v, r[1] && r[1].v]));
  assert.equal(notes['筛选条件'], '案件状态：已审结');
  assert.equal(notes['行数'], list.total);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the deadline and user lists have the button; a refused export says why beside it', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'anguan');
  await page.goto(`${world.server.url}/#/deadlines?scope=office`);
  await page.waitForSelector('[data-testid=deadlines-export]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=deadlines-export]')]);
  assert.match(download.suggestedFilename(), /^期限列表-/);
  const file = path.join(world.dir, 'deadlines.xlsx');
  await download.saveAs(file);
  const office = await page.evaluate(async () => (await fetch('/api/v1/deadlines?scope=office&status=open&limit=1')).json());
  assert.equal(readXlsx(file).sheets[0].rows.length - 1, office.total);

  // a filter the server refuses (an address typed by hand): the message shows beside the button, nothing downloads
  await page.goto(`${world.server.url}/#/cases?received_from=2025-02-30`);
  await page.waitForSelector('[data-testid=cases-export]');
  await page.click('[data-testid=cases-export]');
  await page.waitForSelector('[data-testid=cases-export-note].is-error');
  assert.match(await page.textContent('[data-testid=cases-export-note]'), /[\u4e00-\u9fff]/);
  await page.close();
  // the administrator's user list
  const admin = await openPage(world);
  await signIn(admin, world, 'admin');
  await admin.goto(`${world.server.url}/#/admin/users`);
  await admin.waitForSelector('[data-testid=users-export]');
  const [users] = await Promise.all([admin.waitForEvent('download'), admin.click('[data-testid=users-export]')]);
  assert.match(users.suggestedFilename(), /^用户列表-/);
  assert.deepEqual(admin.errors, []);
  await admin.close();
});
