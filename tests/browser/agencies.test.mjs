// agencies.test.mjs: the registry of agencies (机关名录, issue 10 section 1) in the browser: the list with its search
// (by name and by part of the credit code), kind filter and Excel export; an agency's page read-only for a clerk;
// a 行政检察 user adds an agency whose credit code is folded to its normal form and whose superior is chosen with the
// agency picker (typed, picked from the list with the keyboard), then edits it; a wrong code shows the server's
// message beside its field; the picker offers to add an agency that is not listed and picks the new one; hostile
// names and notes show as text in the list, the page and the picker.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client } from '../api/helpers.mjs';
import { PASSWORD, openPage, signIn, startWorld } from './browser.mjs';

let world;

before(async () => {
  world = await startWorld();
});

after(async () => {
  if (world) await world.stop();
});

const rowNames = (page) => page.$$eval('[data-testid=agencies-table] tbody tr td:first-child',
  (tds) => tds.map((td) => td.textContent.trim()));

test('the list: search by name and by credit code, kind filter, export; a clerk reads an agency', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'clerk');
  await page.click('[data-testid=nav-agencies]');
  await page.waitForSelector('[data-testid=agency-row-1]');
  assert.equal(await page.$('[data-testid=agencies-new]'), null, 'a clerk may not add agencies');
  await page.fill('[data-testid=agencies-q]', '派出所');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=agencies-table] tbody tr').length === 4);
  assert.ok((await rowNames(page)).every((n) => n.includes('派出所')));
  assert.match(page.url(), /q=%E6%B4%BE/);
  // part of the credit code of 缙云县市场监督管理局 (113311220025000A0D), typed in lower case
  await page.fill('[data-testid=agencies-q]', '25000a0');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=agencies-table] tbody tr').length === 1
    && document.querySelector('[data-testid=agencies-table] tbody').textContent.includes('市场监督管理局'));
  assert.match(await page.textContent('[data-testid=agencies-table] tbody'), /113311220025000A0D/);
  await page.click('[data-testid=agencies-reset]');
  await page.selectOption('[data-testid=agencies-kind]', 'township_government');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=agencies-table] tbody tr').length === 1
    && document.querySelector('[data-testid=agencies-table] tbody').textContent.includes('壶镇镇'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=agencies-export]')]);
  assert.match(download.suggestedFilename(), /^机关名录-\d{4}-\d{2}-\d{2}\.xlsx$/);
  // an agency's page: every field, read-only, the superior a link
  await page.click('[data-testid=agencies-table] tbody a >> text=缙云县壶镇镇人民政府');
  await page.waitForSelector('[data-testid=agency-form]');
  assert.equal(await page.inputValue('[data-testid=agency-name]'), '缙云县壶镇镇人民政府');
  assert.equal(await page.inputValue('[data-testid=agency-superior-input]'), '缙云县人民政府');
  assert.equal(await page.getAttribute('[data-testid=agency-name]', 'readonly'), '');
  assert.equal(await page.$('[data-testid=agency-submit]'), null);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('行政检察 adds an agency with the picker, a wrong code is refused beside its field, then edits it', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'xingjian');
  await page.goto(`${world.server.url}/#/agencies`);
  await page.click('[data-testid=agencies-new]');
  await page.waitForSelector('[data-testid=agency-form]');
  await page.fill('[data-testid=agency-name]', '缙云县文化和广电旅游体育局');
  await page.selectOption('[data-testid=agency-kind]', 'culture_tourism');
  await page.fill('[data-testid=agency-credit-code]', '113311220025003U38'); // the last character is wrong
  await page.fill('[data-testid=agency-contact-person]', '文某');
  await page.fill('[data-testid=agency-phone]', '0578-3123456');
  // the picker: type part of the name, move down to the match, Enter picks it
  await page.fill('[data-testid=agency-superior-input]', '缙云县人民政');
  await page.waitForFunction(() => {
    const opts = [...document.querySelectorAll('[data-testid=agency-superior-option]')];
    return opts.length === 1 && opts[0].textContent.startsWith('缙云县人民政府');
  });
  assert.equal(await page.getAttribute('[data-testid=agency-superior-input]', 'aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=agency-superior-list][hidden]', { state: 'attached' });
  assert.equal(await page.inputValue('[data-testid=agency-superior-input]'), '缙云县人民政府');
  assert.match(await page.textContent('[data-testid=agency-superior-status]'), /已选择：缙云县人民政府/);
  await page.click('[data-testid=agency-submit]');
  await page.waitForSelector('[data-field=credit_code] .field-error:not(:empty)');
  assert.match(await page.textContent('[data-field=credit_code] .field-error'), /校验位/);
  // corrected, in full-width lower case with spaces: the server folds it
  await page.fill('[data-testid=agency-credit-code]', ' １１３３１１２２００２５００３ｕ３９ ');
  await page.click('[data-testid=agency-submit]');
  await page.waitForFunction(() => /#\/agencies\/\d+$/.test(location.hash));
  await page.waitForSelector('[data-testid=agency-meta]');
  assert.equal(await page.inputValue('[data-testid=agency-credit-code]'), '113311220025003U39');
  assert.equal(await page.inputValue('[data-testid=agency-superior-input]'), '缙云县人民政府');
  assert.match(await page.textContent('h1'), /缙云县文化和广电旅游体育局/);
  // edit: clear the phone, change the contact
  await page.fill('[data-testid=agency-phone]', '');
  await page.fill('[data-testid=agency-contact-person]', '旅某');
  await page.click('[data-testid=agency-submit]');
  await page.waitForFunction(() => document.querySelector('[data-testid=agency-meta]')
    && !document.querySelector('[data-testid=agency-meta]').textContent.includes('最后修改 —'));
  assert.equal(await page.inputValue('[data-testid=agency-contact-person]'), '旅某');
  assert.equal(await page.inputValue('[data-testid=agency-phone]'), '');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the picker offers to add an agency that is not listed, and picks the new one', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'anguan');
  await page.goto(`${world.server.url}/#/agencies/new`);
  await page.waitForSelector('[data-testid=agency-form]');
  await page.fill('[data-testid=agency-superior-input]', '丽水市文化广电旅游局');
  await page.waitForSelector('[data-testid=agency-superior-add]');
  assert.match(await page.textContent('[data-testid=agency-superior-add]'), /新增机关“丽水市文化广电旅游局”/);
  await page.click('[data-testid=agency-superior-add]');
  await page.waitForSelector('[data-testid=agency-superior-add-form]');
  assert.equal(await page.inputValue('[data-testid=agency-superior-add-name]'), '丽水市文化广电旅游局');
  await page.selectOption('[data-testid=agency-superior-add-kind]', 'culture_tourism');
  await page.click('[data-testid=agency-superior-add-submit]');
  await page.waitForSelector('[data-testid=agency-superior-add-form]', { state: 'detached' });
  assert.match(await page.textContent('[data-testid=agency-superior-status]'), /已选择：丽水市文化广电旅游局/);
  // the new agency is in the registry; a name already listed is not offered for adding
  await page.fill('[data-testid=agency-name]', '缙云县文化馆');
  await page.selectOption('[data-testid=agency-kind]', 'culture_tourism');
  await page.click('[data-testid=agency-submit]');
  await page.waitForSelector('[data-testid=agency-meta]');
  assert.equal(await page.inputValue('[data-testid=agency-superior-input]'), '丽水市文化广电旅游局');
  await page.goto(`${world.server.url}/#/agencies/new`);
  await page.waitForSelector('[data-testid=agency-form]');
  await page.fill('[data-testid=agency-superior-input]', '丽水市文化广电旅游局');
  await page.waitForSelector('[data-testid=agency-superior-option]');
  assert.equal(await page.$('[data-testid=agency-superior-add]'), null);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('hostile names and notes are shown as text, never run', async () => {
  const anguan = await new Client(world.server.url).loginOk('anguan', PASSWORD);
  const evil = '<img src=x onerror="window.__xss=1">局';
  const sup = await anguan.post('/api/v1/agencies', { name: evil, kind: 'other', note: '<script>window.__xss=2</script>' });
  assert.equal(sup.status, 201, sup.text);
  const sub = await anguan.post('/api/v1/agencies', { name: '下级"><svg onload=window.__xss=3>', kind: 'other',
    superior_id: sup.body.id });
  assert.equal(sub.status, 201, sub.text);
  const page = await openPage(world);
  await signIn(page, world, 'clerk');
  await page.goto(`${world.server.url}/#/agencies?q=${encodeURIComponent('下级')}`);
  await page.waitForSelector(`[data-testid=agency-row-${sub.body.id}]`);
  assert.match(await page.textContent(`[data-testid=agency-row-${sub.body.id}]`), /<img src=x onerror=/);
  await page.goto(`${world.server.url}/#/agencies/${sup.body.id}`);
  await page.waitForSelector('[data-testid=agency-form]');
  assert.equal(await page.inputValue('[data-testid=agency-note]'), '<script>window.__xss=2</script>');
  await page.goto(`${world.server.url}/#/agencies/${sub.body.id}`);
  await page.waitForSelector('[data-testid=agency-form]');
  assert.equal(await page.inputValue('[data-testid=agency-superior-input]'), evil);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.$('img[src=x], svg[onload]'), null);
  assert.deepEqual(page.errors, []);
  await page.close();
});
