// documents.test.mjs: the 文书 in the browser (issue 10 §4; docs/ui-notes.md "文书"). A prosecutor issues the
// 不起诉决定书 of a non-prosecuted person from the case page, lands on its print view laid out as a 公文 (A4, the
// GB/T 9704 margins, 2号 title, 3号 body, fonts from Debian's packages), prints it (Chromium's PDF: A4, the 文号 and
// the name, none of the screen's controls) and downloads the .docx, whose word/document.xml (python3 zipfile) holds
// the 文号 and the name; the case page then lists it without the issue button. The administrator edits the 文号
// format and a template (an unknown placeholder refused beside the field).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { REPO } from '../api/helpers.mjs';
import { openPage, PASSWORD, signIn, startWorld } from './browser.mjs';

// the printed 公文 is left here as PDF and PNG for a person to look at (ignored by git, as print.test.mjs's)
const OUT = process.env.JIANWU_PRINT_OUT || path.join(REPO, 'tests', 'out', 'print');

let world, anguan, prosecutor, chief, c;
const squash = (s) => String(s).replace(/\s+/g, '');

function idNumber() {
  const body = '33112219850607101';
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

before(async () => {
  world = await startWorld({ cases: 0 });
  const login = (l) => world.server.client().loginOk(l, PASSWORD);
  [anguan, prosecutor, chief] = await Promise.all(['anguan', 'prosecutor', 'leader'].map(login));
  const depts = Object.fromEntries((await anguan.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  const users = Object.fromEntries((await anguan.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
  let res = await anguan.post('/api/v1/cases', {
    case_type: 'prosecution_review', title: '陈某某诈骗案', source_agency: '缙云县公安局', received_on: '2025-03-05',
    department_id: depts['第一检察部'], assign: 'manual', prosecutor_id: users.prosecutor,
    persons: [{ name: '陈某某', id_number: idNumber(), custody: 'bail', custody_since: '2025-03-05', plea: false,
      sentence_band: '1_3y', charges: ['fraud'] }] });
  assert.equal(res.status, 201, res.text);
  c = res.body;
  res = await prosecutor.post(`/api/v1/cases/${c.id}/events`, { kind: 'decide', on: '2025-03-25', person_id: c.persons[0].id,
    decision: 'non_prosecution', non_prosecution_type: 'discretionary', reason: '犯罪情节轻微，不需要判处刑罚' });
  assert.equal(res.status, 202, res.text);
  res = await chief.post(`/api/v1/approvals/${res.body.approval.id}/approve`, { on: '2025-03-28' });
  assert.equal(res.status, 200, res.text);
});

after(async () => {
  if (world) await world.stop();
});

test('issue a 不起诉决定书 from the case page, see it as a 公文, print it on A4 and download the .docx', async () => {
  const page = await openPage(world, { acceptDownloads: true });
  await signIn(page, world, 'prosecutor');
  await page.goto(`${world.server.url}/#/cases/${c.id}`);
  const pid = c.persons[0].id;
  await page.click(`[data-testid=document-issue-${pid}]`);
  await page.waitForSelector('[data-testid=gongwen]');
  assert.match(page.url(), /#\/documents\/\d+$/);
  const number = await page.textContent('[data-testid=gw-number]');
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  assert.equal(number, `缙检刑不诉〔${year}〕1号`);
  assert.equal(await page.textContent('[data-testid=gw-org]'), '缙云县人民检察院');
  assert.equal(await page.textContent('[data-testid=gw-title]'), '不起诉决定书');
  const text = await page.textContent('[data-testid=gw-body]');
  assert.ok(text.includes('被不起诉人陈某某，男，1985年6月7日出生'), text);
  assert.ok(text.includes('第一百七十七条第二款'), 'the 酌定不起诉 basis');

  // the sheet: A4 with the GB/T 9704 margins, 2号 title and 3号 body (1 mm = 96/25.4 px, 1 pt = 4/3 px)
  const m = await page.evaluate(() => {
    const s = getComputedStyle(document.querySelector('.gongwen'));
    const p = getComputedStyle(document.querySelector('.gw-body p'));
    const h = getComputedStyle(document.querySelector('.gw-title'));
    return { width: parseFloat(s.width), top: parseFloat(s.paddingTop), left: parseFloat(s.paddingLeft),
      right: parseFloat(s.paddingRight), bottom: parseFloat(s.paddingBottom), body: parseFloat(p.fontSize),
      title: parseFloat(h.fontSize), bodyFont: p.fontFamily, titleFont: h.fontFamily,
      serif: document.fonts.check('16pt "Noto Serif CJK SC"') };
  });
  const mm = (x) => (x * 96) / 25.4;
  const near = (a, b, what) => assert.ok(Math.abs(a - b) < 1, `${what}: ${a} vs ${b}`);
  near(m.width, mm(210), 'A4 width');
  near(m.top, mm(37), 'top margin');
  near(m.left, mm(28), 'left margin');
  near(m.right, mm(26), 'right margin');
  near(m.bottom, mm(35), 'bottom margin');
  near(m.body, (16 * 4) / 3, '3号 body');
  near(m.title, (22 * 4) / 3, '2号 title');
  assert.match(m.bodyFont, /^"?仿宋_GB2312"?,/);
  assert.match(m.titleFont, /^"?方正小标宋简体"?,/);
  assert.ok(m.bodyFont.includes('Noto Serif CJK SC'));
  assert.ok(m.serif, "Debian's Noto Serif CJK SC is installed and found locally");

  // printed: A4, the 文号 and the name, nothing of the screen
  fs.mkdirSync(OUT, { recursive: true });
  const out = path.join(OUT, 'gongwen.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: out, format: 'A4', preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  execFileSync('pdftoppm', ['-png', '-r', '60', out, path.join(OUT, 'gongwen')]);
  const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info);
  assert.deepEqual([Math.round(Number(w)), Math.round(Number(h))], [595, 842], 'A4 portrait');
  assert.equal(Number(/^Pages:\s+(\d+)/m.exec(info)[1]), 1, 'a short 文书 is one sheet (the seal does not run over)');
  const printed = squash(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }));
  assert.ok(printed.includes(squash(number)), `the 文号 is printed: ${printed.slice(0, 300)}`);
  assert.ok(printed.includes('陈某某'));
  assert.ok(printed.includes('—1—'), 'the page number of a 公文');
  for (const s of ['首页', '下载', '重新制发', '返回案件', '打印时间']) assert.ok(!printed.includes(s), `"${s}" is not printed`);

  // the .docx
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=document-docx]')]);
  assert.equal(download.suggestedFilename(), `${number}.docx`);
  const file = path.join(world.dir, 'doc.docx');
  await download.saveAs(file);
  const xml = execFileSync('python3', ['-c',
    'import sys, zipfile, xml.dom.minidom; t = zipfile.ZipFile(sys.argv[1]).read("word/document.xml"); '
    + 'xml.dom.minidom.parseString(t); sys.stdout.write(t.decode("utf-8"))', file], { encoding: 'utf8' });
  assert.ok(xml.includes(number), 'the 文号 in the .docx');
  assert.ok(xml.includes('被不起诉人陈某某'), 'the name in the .docx');

  // back on the case page: listed, in force, no second issue
  await page.click('[data-testid=document-case]');
  await page.waitForSelector(`[data-testid=documents-case_person-${pid}] [data-testid^=document-row-]`);
  assert.equal(await page.locator(`[data-testid=document-issue-${pid}]`).count(), 0);
  const row = await page.textContent(`[data-testid=documents-case_person-${pid}] tbody tr`);
  assert.ok(row.includes(number) && row.includes('在用'), row);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the administrator edits the 文号 format and a template; an unknown placeholder is refused beside the field', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'admin');
  await page.click('[data-testid=nav-document-templates]');
  await page.waitForSelector('[data-testid=doctpl-form]');
  await page.fill('[data-testid=doctpl-number-format]', '{short}检{abbr}〔{year}〕');
  await page.click('[data-testid=doctpl-number-save]');
  await page.waitForSelector('[data-field=number_format] .field-error:not(:empty)');
  await page.fill('[data-testid=doctpl-number-format]', '{short}检{abbr}字〔{year}〕第{n}号');
  await page.click('[data-testid=doctpl-number-save]');
  await page.waitForFunction(() => document.querySelector('[data-testid=doctpl-number-example]').textContent.includes('第1号'));
  await page.selectOption('[data-testid=doctpl-type]', 'urging_letter');
  assert.ok((await page.inputValue('[data-testid=doctpl-body]')).includes('{agency_name}'));
  await page.fill('[data-testid=doctpl-body]', '{person_name}：请回复。');
  await page.click('[data-testid=doctpl-save]');
  await page.waitForSelector('[data-field=body] .field-error:not(:empty)');
  assert.match(await page.textContent('[data-field=body] .field-error'), /person_name/);
  await page.fill('[data-testid=doctpl-body]', '');
  await page.click('[data-testid=doctpl-body]');
  await page.click('[data-testid=doctpl-ph-agency_name]');
  await page.type('[data-testid=doctpl-body]', '：请于十日内回复。');
  await page.click('[data-testid=doctpl-save]');
  await page.waitForFunction(() => document.querySelector('[data-testid=doctpl-version]').textContent.includes('第 1 版'));
  const tpl = (await world.server.client().loginOk('admin', PASSWORD).then((a) => a.get('/api/v1/document-templates')))
    .body.items.find((x) => x.type === 'urging_letter');
  assert.equal(tpl.body, '{agency_name}：请于十日内回复。');
  assert.deepEqual(page.errors, []);
  await page.close();
});
