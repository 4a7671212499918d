// linkage.test.mjs: the 行刑反向衔接 pages in the browser (issue 10 §2): 吴行政检察官 finds an item the demo left
// transferred in the list (行刑衔接 in the nav, the state filter), opens it, registers it (the review period appears with
// its due day), records the 行政检察 opinion, proposes a 检察意见 to the agency with a penalty (the page says it went to
// the 检察长), and a refused step shows its reason beside the field; on the 检察长's approval the 检察意见书 is listed,
// its print view shows the 文号, and its .docx holds the 文号 and the name (and converts to PDF in LibreOffice); the
// case page links to the item.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { openPage, PASSWORD, pickAgency, signIn, startWorld } from './browser.mjs';

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
  await pickAgency(page, 'lf-agency_id', '缙云县公安局交通警察大队');
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
  assert.equal(await page.locator(`[data-testid=documents-block-linkage-${item.id}] [data-testid^=document-row-]`).count(), 0);

  // the 检察长 approves: the 检察意见书 is issued under the office's 文号 and listed on the item's page
  const chief = await world.server.client().loginOk('leader', PASSWORD);
  const approval = (await chief.get('/api/v1/approvals?scope=mine&limit=200')).body.items
    .find((a) => a.entity_kind === 'linkage' && a.entity_id === item.id);
  assert.ok(approval, 'the 检察意见 waits in the 检察长\'s queue');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const ok = await chief.post(`/api/v1/approvals/${approval.id}/approve`, { on: today });
  assert.equal(ok.status, 200, ok.text);
  await page.reload();
  const rowSel = `[data-testid=documents-block-linkage-${item.id}] [data-testid^=document-row-]`;
  await page.waitForSelector(rowSel);
  assert.equal(await page.textContent('[data-testid=linkage-state]'), '检察意见已制发');
  const docId = await page.locator(rowSel).first().getAttribute('data-id');
  await page.click(`[data-testid=document-link-${docId}]`);
  await page.waitForSelector('[data-testid=gw-body]');
  assert.equal(await page.textContent('[data-testid=gw-title]'), '检察意见书');
  const number = await page.textContent('[data-testid=gw-number]');
  assert.match(number, new RegExp(`^缙检行意〔${today.slice(0, 4)}〕\\d+号$`));
  const body = await page.textContent('[data-testid=gw-body]');
  assert.ok(body.includes('缙云县公安局交通警察大队') && body.includes(item.person_name), body);
  assert.ok(body.includes('吊销机动车驾驶证'), 'the penalty sought, in words');

  // the .docx: the 文号 and the person's name in its XML, and LibreOffice makes a PDF of it
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=document-docx]')]);
  const file = path.join(world.dir, 'opinion.docx');
  await download.saveAs(file);
  const xml = execFileSync('python3', ['-c',
    'import sys, zipfile, xml.dom.minidom; t = zipfile.ZipFile(sys.argv[1]).read("word/document.xml"); '
    + 'xml.dom.minidom.parseString(t); sys.stdout.write(t.decode("utf-8"))', file], { encoding: 'utf8' });
  assert.ok(xml.includes(number), 'the 文号 in the .docx');
  assert.ok(xml.includes(item.person_name), 'the name in the .docx');
  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((f) => fs.existsSync(f));
  assert.ok(soffice, 'LibreOffice is installed by scripts/setup');
  const lo = spawnSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(world.dir, 'lo')}`,
    '--convert-to', 'pdf', '--outdir', path.join(world.dir, 'pdf'), file], { timeout: 180_000, encoding: 'utf8' });
  assert.equal(lo.status, 0, `soffice: ${lo.stdout} ${lo.stderr}`);
  const pdfText = execFileSync('pdftotext', [path.join(world.dir, 'pdf', 'opinion.pdf'), '-'], { encoding: 'utf8' });
  assert.ok(pdfText.replace(/\s/g, '').includes(number), 'the PDF shows the 文号');
  await page.evaluate((id) => { location.hash = '#/linkage/' + id; }, item.id);
  await page.waitForSelector('[data-testid=linkage-facts]');

  // 按机关统计: the traffic police's 检察意见 (the demo's and this one) with their reply figures
  await page.click('[data-testid=nav-linkage]');
  await page.click('[data-testid=linkage-tab-agency]');
  await page.waitForSelector('[data-testid=linkage-agency-table] tbody tr');
  const stats = await page.textContent('[data-testid=linkage-agency-table]');
  assert.ok(stats.includes('缙云县公安局交通警察大队') && stats.includes('回复率'), stats);
  assert.match(page.url(), /tab=agency/);
  await page.evaluate((id) => { location.hash = '#/linkage/' + id; }, item.id);
  await page.waitForSelector('[data-testid=linkage-facts]');

  // the case page lists its person's item
  await page.click('[data-testid=linkage-case-link]');
  await page.waitForSelector(`[data-testid=case-linkage-link-${item.id}]`);
  await page.click(`[data-testid=case-linkage-link-${item.id}]`);
  await page.waitForSelector('[data-testid=linkage-facts]');
  assert.deepEqual(page.errors, []);
  await page.close();
});
