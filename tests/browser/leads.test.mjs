// leads.test.mjs: the data-matching pages in the browser (issue 12 §3): on the demo office, a drunk driver of our
// cases and a licence record still valid (written with SQL as a fixture); model (a) run from the models page (the
// run appears in its history), the lead opened with its evidence side by side, confirmed (调查核实), then selected
// in the list and turned into one 检察建议 whose page opens.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { openPage, signIn, startWorld } from './browser.mjs';

let world;

function sql(db, s) {
  const r = spawnSync('/usr/bin/sqlite3', [db, s], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

before(async () => {
  world = await startWorld({ cases: 3 });
  const org = sql(world.db, "SELECT org_id FROM app_user WHERE login = 'xingjian'");
  const id = '110105198001010018';
  sql(world.db, `INSERT INTO case_record(org_id, case_number, case_type, title, source_agency, received_on, status,
    created_at, updated_at) VALUES(${org}, '缙检刑诉〔2025〕901号', 'prosecution_review', '危险驾驶案', '公安局',
    '2024-12-01', 'concluded', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
    INSERT INTO case_person(org_id, case_id, name, id_number, birth_date, custody, decision, decision_on)
    VALUES(${org}, (SELECT id FROM case_record WHERE case_number = '缙检刑诉〔2025〕901号'), '测试<b>醉驾</b>人', '${id}',
    '1980-01-01', 'none', 'prosecute', '2025-01-10');
    INSERT INTO case_person_charge(person_id, charge) SELECT id, 'dangerous_driving' FROM case_person
    WHERE id_number = '${id}' AND org_id = ${org};
    INSERT INTO import_batch(org_id, kind, source, file_name, file_hash, file_bytes, format, encoding, created_at)
    VALUES(${org}, 'licence', '交警', '驾驶证.csv', 'f00d', 10, 'csv', 'utf-8', '2025-01-01T00:00:00Z');
    INSERT INTO licence_record(org_id, batch_id, row_no, id_number, id_number_raw, name, birth_date, licence_number,
    licence_class, status, agency_name, natural_key) VALUES(${org}, (SELECT max(id) FROM import_batch), 1, '${id}',
    '${id}', '测试<b>醉驾</b>人', '1980-01-01', 'LIC901', 'C1', 'valid', '缙云县公安局交通警察大队', 'k901');`);
});

after(async () => {
  if (world) await world.stop();
});

test('run model (a), confirm a lead, turn it into a 检察建议', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'xingjian');
  await page.click('[data-testid=nav-match-models]');
  await page.click('[data-testid=model-run-drunk_licence]');
  await page.waitForSelector('[data-testid^=model-run-row-]');
  await page.click('[data-testid=nav-leads]');
  const row = page.locator('[data-testid^=lead-row-]', { hasText: 'LIC901' });
  await row.waitFor();
  // hostile text is shown as text
  assert.equal(await row.locator('a').textContent(), '测试<b>醉驾</b>人');
  await row.locator('a').click();
  await page.waitForSelector('[data-testid=lead-evidence]');
  assert.match(await page.textContent('[data-testid=lead-ours]'), /缙检刑诉〔2025〕901号/);
  assert.match(await page.textContent('[data-testid=lead-theirs]'), /LIC901/);
  assert.match(await page.textContent('[data-testid=lead-rule]'), /道路交通安全法第九十一条/);
  await page.fill('[data-testid=lead-verify-note]', '经核实驾驶证仍有效');
  await page.click('[data-testid=lead-confirm]');
  await page.waitForSelector('[data-testid=lead-note]');
  await page.click('[data-testid=nav-leads]');
  const row2 = page.locator('[data-testid^=lead-row-]', { hasText: 'LIC901' });
  await row2.waitFor();
  await row2.locator('input[type=checkbox]').check();
  await page.selectOption('[data-testid=leads-agency]', { label: '缙云县公安局交通警察大队' }).catch(async () => {
    // the demo registry names the 交警大队 otherwise: the first agency will do
    const first = await page.$eval('[data-testid=leads-agency] option', (o) => o.value);
    await page.selectOption('[data-testid=leads-agency]', first);
  });
  await page.click('[data-testid=leads-suggest]');
  await page.waitForURL(/#\/suggestions\/\d+/);
  await page.waitForSelector('[data-testid=suggestion-state]');
  // linked both ways: the suggestion links back to the lead
  await page.click('[data-testid^=suggestion-lead-]');
  await page.waitForSelector('[data-testid=lead-suggestion]');
  assert.deepEqual(page.errors, []);
});
