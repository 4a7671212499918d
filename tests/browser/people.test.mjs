// people.test.mjs: the growth archive in the browser (issue 14): 政治部 records a person's post, award and evaluation
// (through the API, as the demo does), opens the person's 成长动态档案 from the staff list, sees the performance from
// the case data beside the entered records, and prints it: Chromium makes the A4 PDF (page.pdf, as the print dialog
// would), pdftotext reads it back and pdftoppm renders it (left in $JIANWU_PRINT_OUT, default tests/out/print/).
// Also: a prosecutor opens their own archive from the side bar, and the mentor and rotation lists render.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { REPO } from '../api/helpers.mjs';
import { PASSWORD, openPage, signIn, startWorld } from './browser.mjs';

const OUT = process.env.JIANWU_PRINT_OUT || path.join(REPO, 'tests', 'out', 'print');
let world, users, depts;

before(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  world = await startWorld({ cases: 20 });
  const zz = await world.server.client().loginOk('zhengzhi', PASSWORD);
  users = Object.fromEntries((await zz.get('/api/v1/users?limit=200')).body.items.map((u) => [u.login, u.id]));
  depts = Object.fromEntries((await zz.get('/api/v1/departments')).body.items.map((d) => [d.name, d.id]));
  for (const body of [{ kind: 'post', title: '员额检察官', department_id: depts['第一检察部'], started_on: '2022-03-01' },
    { kind: 'specialty', title: '电子数据审查' }, { kind: 'award', title: '全市优秀公诉人', started_on: '2025-06-01' },
    { kind: 'evaluation', title: '2025 年度考核', rating: 'excellent', evaluator_id: users.leader, started_on: '2025-12-30', body: '业绩突出' }]) {
    const r = await zz.post(`/api/v1/people/${users.prosecutor}/entries`, body);
    assert.equal(r.status, 201, r.text);
  }
  const plan = await zz.post('/api/v1/rotation-plans', { user_id: users.assistant, start_on: '2025-01-02',
    stints: [{ department_id: depts['第一检察部'], head_id: users.buzhang }, { department_id: depts['第二检察部'], head_id: users.erbu }] });
  assert.equal(plan.status, 201, plan.text);
  assert.equal((await zz.post('/api/v1/mentors', { user_id: users.hujc, fields: '审查起诉', admitted_on: '2024-01-10' })).status, 201);
  assert.equal((await zz.post('/api/v1/mentor-pairs', { mentor_id: users.hujc, mentee_id: users.prosecutor, started_on: '2025-01-02' })).status, 201);
});

after(async () => {
  if (world) await world.stop();
});

const squash = (s) => String(s).replace(/\s+/g, '');

test('政治部 opens a growth archive from the staff list and prints it on A4', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'zhengzhi');
  await page.click('[data-testid=nav-people]');
  await page.click(`[data-testid=person-link-${users.prosecutor}]`);
  await page.waitForSelector('[data-testid=archive-performance]');
  assert.equal(await page.textContent('[data-testid=page-title]'), '李检察官的成长动态档案');
  const perf = await page.textContent('[data-testid=archive-performance]');
  assert.match(perf, /承办案件 \d+ 件/);
  assert.ok((await page.textContent('[data-testid=archive-posts]')).includes('员额检察官'));
  assert.ok((await page.textContent('[data-testid=archive-evaluations]')).includes('优秀'));
  assert.ok((await page.textContent('[data-testid=archive-mentoring]')).includes('胡检察官'));

  const pdf = path.join(OUT, 'people-archive.pdf');
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  assert.ok(pages >= 1);
  const text = squash(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }));
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(OUT, 'people-archive')]);
  assert.ok(text.startsWith('缙云县人民检察院'), `the office heads the page: ${text.slice(0, 80)}`);
  for (const s of ['李检察官的成长动态档案', '员额检察官', '全市优秀公诉人', '2025年度考核', '优秀', '电子数据审查', '胡检察官',
    `第1页/共${pages}页`]) {
    assert.ok(text.includes(squash(s)), `"${s}" is printed`);
  }
  for (const s of ['退出', '导师制', '首页']) assert.ok(!text.includes(s), `"${s}" (the screen's controls) is not printed`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a prosecutor opens their own archive; another\'s is refused; the lists render', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'prosecutor');
  await page.click('[data-testid=nav-my-archive]');
  await page.waitForSelector('[data-testid=archive-performance]');
  assert.equal(await page.textContent('[data-testid=page-title]'), '李检察官的成长动态档案');
  assert.equal(await page.$('[data-testid=nav-people]'), null, 'the staff list is 政治部\'s');
  await page.goto(`${world.server.url}/#/people/${users.prosecutor2}`);
  await page.waitForSelector('.alert-error');
  await page.close();

  const p2 = await openPage(world);
  await signIn(p2, world, 'leader');
  await p2.click('[data-testid=nav-rotation]');
  await p2.waitForSelector('[data-testid^=rotation-row-]');
  assert.ok((await p2.textContent('[data-testid=rotation-table]')).includes('2025-01-02～2025-05-06'));
  await p2.click('[data-testid=nav-mentors]');
  await p2.waitForSelector('[data-testid=pairs-table]');
  assert.ok((await p2.textContent('[data-testid=pairs-table]')).includes('胡检察官'));
  assert.deepEqual(p2.errors, []);
  await p2.close();
});

test('the bell carries the missed talk to 政治部, who reads no case, and to the mentor, each with the right link', async () => {
  for (const [login, href] of [['zhengzhi', '#/mentors'], ['hujc', '#/people/me']]) {
    const page = await openPage(world);
    await signIn(page, world, login);
    await page.waitForSelector('[data-testid=bell-count]:not([hidden])');
    await page.click('[data-testid=bell]');
    const line = page.locator('[data-testid^=bell-item-people-talk_missed-]').first();
    await line.waitFor();
    assert.equal(await line.getAttribute('href'), href, login);
    assert.match(await line.textContent(), /导师谈心.*胡检察官已逾一个月未与李检察官谈心/);
    // 政治部 reads no deadline list: the bell offers no link to one
    if (login === 'zhengzhi') assert.equal(await page.locator('[data-testid=bell-all]').count(), 0);
    await line.click();
    await page.waitForFunction((h) => location.hash === h, href);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});
