// print.test.mjs: pages printed on A4 (css/print.css, js/print.js; docs/ui-notes.md "Printing"). Chromium makes the
// PDF (page.pdf, as the print dialog would, with the page's own @page size), pdftotext reads it back and pdftoppm turns
// each page into a PNG for a person to look at: they are left in $JIANWU_PRINT_OUT (default tests/out/print/, ignored
// by git). Checked: the paper size and orientation, the page count against the "第 N 页 / 共 M 页" of every page, the
// print header (office, page title, the filter in force, the print time in China Standard Time), every column header
// of the printed tables, the values of the first and the last column of every row (no column cut), and that the
// navigation, buttons and filter forms are not printed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { REPO } from '../api/helpers.mjs';
import { openPage, PASSWORD, signIn, startWorld } from './browser.mjs';

const OUT = process.env.JIANWU_PRINT_OUT || path.join(REPO, 'tests', 'out', 'print');
const A4 = { short: 595, long: 842 }; // points, rounded

let world;

before(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  world = await startWorld({ cases: 120 });
});

after(async () => {
  if (world) await world.stop();
});

/** squash: text without white space, so that a value wrapped or spaced by the layout still matches. */
const squash = (s) => String(s).replace(/\s+/g, '');

/**
 * printPdf: the page as Chromium prints it, written to OUT/name.pdf and OUT/name-N.png. Returns {pages, width,
 * height, pageTexts (one -layout text per page), flat (all text squashed)}.
 */
async function printPdf(page, name) {
  const pdf = path.join(OUT, name + '.pdf');
  for (const f of fs.readdirSync(OUT)) if (f.startsWith(name + '-') && f.endsWith('.png')) fs.rmSync(path.join(OUT, f));
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(OUT, name)]);
  const pageTexts = text.split('\f').slice(0, pages);
  return { pages, width: Math.round(Number(w)), height: Math.round(Number(h)), pageTexts, flat: squash(text) };
}

/** The checks every printed page passes: page numbers, no navigation or controls, the header. */
function assertPrinted(p, { title, filter }) {
  assert.ok(p.pages >= 1);
  p.pageTexts.forEach((txt, i) => {
    assert.ok(squash(txt).includes(squash(`第 ${i + 1} 页 / 共 ${p.pages} 页`)), `page ${i + 1} is numbered: ${txt.slice(-200)}`);
  });
  const first = squash(p.pageTexts[0]);
  assert.ok(first.startsWith('缙云县人民检察院'), `the office heads the first page: ${first.slice(0, 80)}`);
  assert.ok(first.includes(squash(title)), 'the page title is printed');
  assert.match(first, /打印时间：\d{4}-\d{2}-\d{2}\d{2}:\d{2}（北京时间）/);
  if (filter) assert.ok(first.includes(squash('筛选条件：' + filter)), `the filter is printed: ${first.slice(0, 200)}`);
  // navigation, the user menu and the buttons of the screen are not on paper
  for (const s of ['首页', '审计日志', '期限计算', '退出', '重置', '受理案件', '只看逾期', '展开']) {
    if (s === title) continue;
    assert.ok(!p.flat.includes(s), `"${s}" is not printed`);
  }
}

/** The CST time the header says, as a Date, is within a few minutes of now. */
function assertPrintTime(p) {
  const m = /打印时间：(\d{4})-(\d{2})-(\d{2})(\d{2}):(\d{2})/.exec(squash(p.pageTexts[0]));
  const printed = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5]);
  assert.ok(Math.abs(printed - Date.now()) < 5 * 60_000, `print time ${m[0]} is now in China Standard Time`);
}

test('the case list with a filter prints on A4 landscape, every column and every row whole', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'anguan');
  await page.goto(`${world.server.url}/#/cases?case_type=prosecution_review`);
  await page.waitForSelector('[data-testid^=case-row-]');
  await page.waitForFunction(() => document.querySelector('[data-testid=cases-type]').value === 'prosecution_review');
  // a sortable header prints its plain label (the button is screen-only)
  const headers = await page.$$eval('[data-testid=cases-table] thead th',
    (ths) => ths.map((th) => (th.querySelector('.th-print-label') || th).textContent.trim()));
  const rows = await page.$$eval('[data-testid^=case-row-]', (trs) => trs.map((tr) =>
    [...tr.cells].map((td) => td.textContent.trim())));
  assert.equal(headers.length, 8);
  assert.ok(rows.length >= 30, `enough rows for several pages: ${rows.length}`);

  const p = await printPdf(page, 'cases');
  assert.deepEqual([p.width, p.height], [A4.long, A4.short], 'A4 landscape');
  assert.ok(p.pages >= 2 && p.pages <= Math.ceil(rows.length / 10), `page count ${p.pages} for ${rows.length} rows`);
  assertPrinted(p, { title: '案件', filter: '案件类型：审查起诉' });
  assertPrintTime(p);
  // every column header on every page (the header row repeats), each row's first and last column whole
  p.pageTexts.forEach((txt, i) => {
    for (const h of headers) assert.ok(squash(txt).includes(squash(h)), `column "${h}" on page ${i + 1}`);
  });
  for (const r of rows) {
    assert.ok(p.flat.includes(squash(r[0])), `case number ${r[0]} printed whole`);
    assert.ok(p.flat.includes(squash(r[7])), `last column "${r[7]}" of ${r[0]} printed`);
    assert.ok(p.flat.includes(squash(r[5])), `received date of ${r[0]} printed`);
  }
  // the status and level badges print their text (legible without colour)
  assert.ok(p.flat.includes('逾期') || p.flat.includes('正常'));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a case page with several persons prints on A4 portrait with its deadlines, persons and timeline', async () => {
  const anguan = await world.server.client().loginOk('anguan', PASSWORD);
  const depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  const users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
  const res = await anguan.post('/api/v1/cases', {
    case_type: 'prosecution_review', title: '阿卜杜热合曼·买买提依明等盗窃、诈骗、掩饰隐瞒犯罪所得案',
    source_agency: '缙云县公安局', received_on: '2026-11-20', department_id: depts['第一检察部'], assign: 'manual',
    prosecutor_id: users.prosecutor,
    persons: [
      { name: '阿卜杜热合曼·买买提依明', id_number: '11010519491231002X', custody: 'arrested', custody_since: '2026-11-18',
        plea: true, sentence_band: '1_3y', charges: ['theft', 'fraud'] },
      { name: '王某某', id_number: '110105198001010016', custody: 'bail', custody_since: '2026-11-18', plea: false, charges: ['fraud'] },
      { name: '李某', custody: 'residential', custody_since: '2026-11-18', plea: true, sentence_band: 'under_1y', charges: ['theft'] },
    ],
  });
  assert.equal(res.status, 201, res.text);
  const c = res.body;

  const page = await openPage(world);
  await signIn(page, world, 'prosecutor');
  await page.goto(`${world.server.url}/#/cases/${c.id}`);
  await page.waitForSelector('[data-testid=persons-table]');
  const personHeaders = await page.$$eval('[data-testid=persons-table] thead th:not(.col-actions)',
    (ths) => ths.map((th) => th.textContent.trim()));
  const deadlineHeaders = await page.$$eval('.deadline-table thead th', (ths) => ths.map((th) => th.textContent.trim()));
  assert.equal(personHeaders.length, 9);
  assert.ok(await page.isVisible('[data-testid=case-actions]'), 'the prosecutor sees the acts on screen');

  const p = await printPdf(page, 'case');
  assert.deepEqual([p.width, p.height], [A4.short, A4.long], 'A4 portrait');
  assert.ok(p.pages >= 1 && p.pages <= 2, `page count ${p.pages}`);
  assertPrinted(p, { title: c.title });
  assert.ok(!p.flat.includes('筛选条件'), 'a page without filters prints no filter line');
  assert.ok(p.flat.includes(squash(c.case_number)));
  for (const h of personHeaders.concat(deadlineHeaders)) assert.ok(p.flat.includes(squash(h)), `column "${h}" printed`);
  // every person's row whole: its name (first column), ID number, charges, and the last column (判决: '—' for none)
  for (const person of c.persons) {
    assert.ok(p.flat.includes(squash(person.name)), `person ${person.name}`);
    if (person.id_number) assert.ok(p.flat.includes(person.id_number), `ID ${person.id_number}`);
    for (const ch of person.charges) assert.ok(p.flat.includes(squash(ch.name)), `charge ${ch.name}`);
  }
  assert.equal((p.flat.match(/未决定/g) || []).length, 3, 'the decision column of each person');
  // every deadline row's last column (依据) starts where it should
  for (const d of c.deadlines) assert.ok(p.flat.includes(squash(d.rule).slice(0, 8)), `rule of ${d.kind}`);
  // the case's acts, the person buttons and the add button are screen-only
  for (const s of ['办理', '追加涉案人员', '变更强制措施', '编辑']) {
    assert.ok(!p.flat.replace('办理经过', '').replace('办理期限', '').includes(s), `"${s}" is not printed`);
  }
  assert.ok(p.flat.includes('办理经过') && p.flat.includes('周案管'), 'the timeline with the recorder\'s name');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the other pages print with their header: deadlines, month view, audit log, users, approvals', async () => {
  const pages = [
    { name: 'deadlines', as: 'leader', hash: '#/deadlines?scope=office', ready: '[data-testid^=deadline-row-]',
      title: '期限', filter: '范围：全院', landscape: true },
    { name: 'month', as: 'leader', hash: '#/deadlines?scope=office&view=month', ready: '[data-testid^=cal-deadline-]',
      title: '期限', filter: '范围：全院；显示方式：月历', landscape: true },
    { name: 'audit', as: 'leader', hash: '#/admin/audit?action=session.login', ready: '[data-testid^=audit-row-]',
      title: '审计日志', filter: '操作：登录', landscape: true },
    { name: 'approvals', as: 'leader', hash: '#/approvals', ready: '[data-testid=approvals-table]', title: '审批' },
    { name: 'users', as: 'admin', hash: '#/admin/users', ready: '[data-testid=users-table] tbody tr[data-testid]',
      title: '用户' },
  ];
  let page = null;
  let who = null;
  for (const x of pages) {
    if (who !== x.as) {
      if (page) {
        assert.deepEqual(page.errors, []);
        await page.close();
      }
      page = await openPage(world);
      await signIn(page, world, x.as);
      who = x.as;
    }
    await page.goto(`${world.server.url}/${x.hash}`);
    await page.waitForSelector(x.ready);
    await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'));
    const headers = await page.$$eval('main table thead th', (ths) => ths
      .filter((th) => getComputedStyle(th).display !== 'none' && !th.classList.contains('col-actions') && th.dataset.print !== 'drop')
      .map((th) => th.textContent.trim()).filter(Boolean));
    const p = await printPdf(page, x.name);
    assert.deepEqual([p.width, p.height], x.landscape ? [A4.long, A4.short] : [A4.short, A4.long], `${x.name}: orientation`);
    assertPrinted(p, { title: x.title, filter: x.filter });
    for (const h of headers) assert.ok(p.flat.includes(squash(h)), `${x.name}: column "${h}" printed`);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});
