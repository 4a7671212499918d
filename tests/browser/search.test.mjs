// search.test.mjs: the case list's search box, sorting and paging in the browser (docs/ui-notes.md "Case list"): `/`
// focuses the box; part of a title and part of an ID number find their case, and the results line says what was
// searched; a column header sorts (a second click reverses); the pager jumps to a typed page and to the first and last;
// the placeholder fits its box.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openPage, signIn, startWorld } from './browser.mjs';

let world;

before(async () => {
  world = await startWorld({ cases: 120 });
});

after(async () => {
  if (world) await world.stop();
});

/** GET of the API from the signed-in page (its session cookie). */
async function apiGet(page, path) {
  return page.evaluate(async (p) => (await fetch('/api/v1' + p)).json(), path);
}

/** The ids of the rows the table shows, once it is no longer loading. */
async function rowIds(page) {
  await page.waitForSelector('[data-testid=cases-table][aria-busy=false]');
  return page.$$eval('[data-testid=cases-table] tbody tr[data-id]', (rows) => rows.map((r) => Number(r.dataset.id)));
}

/** Types q into the search box (focused with `/`) and waits for the results line to show it. */
async function search(page, q) {
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'cases-q');
  await page.keyboard.type(q);
  await page.keyboard.press('Enter');
  await page.waitForFunction((text) => {
    const line = document.querySelector('[data-testid=cases-results]');
    return line && line.textContent.includes('搜索“' + text + '”');
  }, q);
}

test('search by part of a title and part of an ID number, sort by a column, jump to a page', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'anguan');
  await page.click('[data-testid=nav-cases]');
  await page.waitForSelector('[data-testid=cases-table]');
  assert.equal((await rowIds(page)).length, 50);
  assert.match(await page.textContent('[data-testid=cases-results]'), /^共 120 件$/);

  // the placeholder fits its box (the text's width in the input's font, within the box's content width)
  const fit = await page.$eval('[data-testid=cases-q]', (input) => {
    const cs = getComputedStyle(input);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
    const inner = input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return { text: ctx.measureText(input.placeholder).width, inner, placeholder: input.placeholder };
  });
  assert.ok(fit.text <= fit.inner, `placeholder "${fit.placeholder}" ${fit.text}px in ${fit.inner}px`);

  // a case of the middle of the list and its first person with an ID number
  const list = await apiGet(page, '/cases?limit=50&offset=60');
  let target = null;
  let idNumber = null;
  for (const it of list.items) {
    const kase = await apiGet(page, '/cases/' + it.id);
    const p = kase.persons.find((x) => x.id_number);
    if (p && [...kase.title].length >= 5) {
      target = kase;
      idNumber = p.id_number;
      break;
    }
  }
  assert.ok(target, 'a case with a person with an ID number');

  // part of the title: from its second character, four characters
  const titlePart = [...target.title].slice(1, 5).join('');
  await search(page, titlePart);
  assert.ok((await rowIds(page)).includes(target.id), `${titlePart} finds ${target.title}`);
  const line = await page.textContent('[data-testid=cases-results]');
  assert.match(line, new RegExp(`^搜索“${titlePart}”：共 \\d+ 件$`));
  assert.match(new URL(page.url()).hash, new RegExp('q=' + encodeURIComponent(titlePart)));

  // part of the ID number: 10 digits from its middle
  await page.fill('[data-testid=cases-q]', '');
  const idPart = idNumber.slice(4, 14);
  await search(page, idPart);
  assert.deepEqual(await rowIds(page), [target.id]);
  assert.match(await page.textContent('[data-testid=cases-results]'), new RegExp(`^搜索“${idPart}”：共 1 件$`));
  // two characters: the results line says what such a short text finds
  await page.fill('[data-testid=cases-q]', '');
  await search(page, idPart.slice(0, 2));
  assert.match(await page.textContent('[data-testid=cases-results]'), /少于 3 个字时只查姓名的开头和案号/);
  // a `/` typed in the box is text, not the shortcut
  await page.fill('[data-testid=cases-q]', '');
  await page.focus('[data-testid=cases-q]');
  await page.keyboard.type('1/2');
  assert.equal(await page.inputValue('[data-testid=cases-q]'), '1/2');

  // back to every case; sort by title, then the other way
  await page.click('[data-testid=cases-reset]');
  await page.waitForFunction(() => /^共 120 件$/.test(document.querySelector('[data-testid=cases-results]').textContent));
  const titles = async () => {
    await page.waitForSelector('[data-testid=cases-table][aria-busy=false]');
    return page.$$eval('[data-testid=cases-table] tbody tr[data-id] td.cell-title a', (as) => as.map((a) => a.textContent));
  };
  const cp = (a, b) => (a < b ? -1 : a > b ? 1 : 0); // code-point order, as the server sorts
  await page.click('[data-testid=cases-sort-title]');
  await page.waitForFunction(() => document.querySelector('th[data-sort=title]').getAttribute('aria-sort') === 'ascending');
  await page.waitForFunction(() => /按案件名称升序/.test(document.querySelector('[data-testid=cases-results]').textContent));
  let ts = await titles();
  assert.deepEqual(ts, [...ts].sort(cp));
  const all = (await apiGet(page, '/cases?sort=title&dir=asc&limit=50')).items.map((it) => it.title);
  assert.deepEqual(ts, all);
  await page.click('[data-testid=cases-sort-title]');
  await page.waitForFunction(() => document.querySelector('th[data-sort=title]').getAttribute('aria-sort') === 'descending');
  await page.waitForFunction(() => /按案件名称降序/.test(document.querySelector('[data-testid=cases-results]').textContent));
  ts = await titles();
  assert.deepEqual(ts, [...ts].sort(cp).reverse());
  assert.match(new URL(page.url()).hash, /sort=title/);
  assert.match(new URL(page.url()).hash, /dir=desc/);

  // jump to page 3 (cases 101-120), then the first and the last page
  const pageBox = page.locator('[data-testid=cases-pager] [data-testid=pager-page]');
  await pageBox.fill('3');
  await pageBox.press('Enter');
  await page.waitForFunction(() => /第 101–120 条/.test(document.querySelector('[data-testid=cases-pager]').textContent));
  assert.equal((await rowIds(page)).length, 20);
  assert.match(new URL(page.url()).hash, /offset=100/);
  assert.equal(await pageBox.inputValue(), '3');
  assert.ok(await page.isDisabled('[data-testid=cases-pager] [data-testid=pager-last]'));
  const desc = (await apiGet(page, '/cases?sort=title&dir=desc&limit=50&offset=100')).items.map((it) => it.id);
  assert.deepEqual(await rowIds(page), desc);
  await page.click('[data-testid=cases-pager] [data-testid=pager-first]');
  await page.waitForFunction(() => /第 1–50 条/.test(document.querySelector('[data-testid=cases-pager]').textContent));
  assert.equal(await pageBox.inputValue(), '1');
  await page.click('[data-testid=cases-pager] [data-testid=pager-last]');
  await page.waitForFunction(() => /第 101–120 条/.test(document.querySelector('[data-testid=cases-pager]').textContent));
  // a page past the end goes to the last
  await pageBox.fill('99');
  await pageBox.press('Enter');
  await page.waitForSelector('[data-testid=cases-table][aria-busy=false]');
  assert.match(await page.textContent('[data-testid=cases-pager]'), /第 101–120 条/);
  assert.deepEqual(page.errors, []);
});
