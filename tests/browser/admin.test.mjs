// admin.test.mjs: the administrator signs in, sees the home page, creates a user, and finds both actions in the
// audit log; a wrong password shows the API's message; the 权力清单 page saves a changed approver; signing out returns
// to the login page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client } from '../api/helpers.mjs';
import { openPage, signIn, startWorld } from './browser.mjs';

let world;

before(async () => {
  world = await startWorld();
});

after(async () => {
  if (world) await world.stop();
});

test('a wrong password is refused on the login page', async () => {
  const page = await openPage(world);
  await page.goto(`${world.server.url}/`);
  await page.fill('#login-name', 'admin');
  await page.fill('#login-password', 'not-the-password');
  await page.click('#login-submit');
  await page.waitForSelector('[data-testid=form-error]:not(:empty)');
  assert.match(await page.textContent('[data-testid=form-error]'), /登录名或密码错误/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the admin signs in, creates a user and sees it in the audit log', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'admin');
  assert.match(await page.textContent('[data-testid=home-org]'), /缙云县人民检察院/);
  assert.match(await page.textContent('h1'), /系统管理员/);

  await page.click('[data-testid=nav-users]');
  await page.waitForSelector('[data-testid=users-table]');
  await page.click('[data-testid=users-new]');
  await page.fill('[data-testid=user-login]', 'xinren');
  await page.fill('[data-testid=user-name]', '新同事');
  await page.check('[data-testid=roles-clerk]');
  await page.fill('[data-testid=user-password]', 'Kaiting-2026x');
  await page.click('[data-testid=user-submit]');
  await page.waitForSelector('[data-testid=user-status]');

  await page.click('[data-testid=nav-audit]');
  await page.waitForSelector('[data-testid=audit-table] tbody tr');
  const rows = await page.$$eval('[data-testid=audit-table] tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(rows.some((t) => t.includes('新建用户')), `user creation in the audit log: ${rows.slice(0, 5)}`);
  assert.ok(rows.some((t) => t.includes('登录')), 'the sign-in in the audit log');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a form error appears beside its field', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'admin');
  await page.goto(`${world.server.url}/#/admin/users/new`);
  await page.fill('[data-testid=user-login]', 'Bad Login');
  await page.fill('[data-testid=user-name]', '某人');
  await page.check('[data-testid=roles-clerk]');
  await page.fill('[data-testid=user-password]', 'Kaiting-2026x');
  await page.click('[data-testid=user-submit]');
  const err = page.locator('.field-error:not(:empty), [data-field-error]:not(:empty)').first();
  await err.waitFor();
  assert.match(await err.textContent(), /login|登录名|小写/);
  await page.close();
});

test('the admin changes the 权力清单 and the change stays', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'admin');
  await page.click('[data-testid=nav-power-list]');
  await page.waitForSelector('[data-testid=power-table]');
  assert.equal(await page.inputValue('[data-testid=power-return]'), 'department_head');
  await page.selectOption('[data-testid=power-return]', 'chief');
  assert.match(await page.textContent('[data-testid=power-was-return]'), /原为 部门负责人/);
  await page.click('[data-testid=power-submit]');
  await page.waitForSelector('[data-testid=power-status]:has-text("已保存")');
  await page.reload();
  await page.waitForSelector('[data-testid=power-table]');
  assert.equal(await page.inputValue('[data-testid=power-return]'), 'chief');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the admin lifts a sign-in lock with the unlock button on the user page', async () => {
  // someone at 127.0.0.7 guesses clerk's password five times: that address is locked out of clerk
  const attacker = new Client(world.server.url, { localAddress: '127.0.0.7' });
  for (let i = 0; i < 5; i++) assert.equal((await attacker.login('clerk', `guess-${i}-pass`)).status, 401);
  assert.equal((await attacker.login('clerk', 'Jianwu@2026')).status, 423);
  const admin = await new Client(world.server.url).loginOk('admin', 'Jianwu@2026');
  const clerk = (await admin.get('/api/v1/users?q=clerk')).body.items.find((u) => u.login === 'clerk');
  const page = await openPage(world);
  await signIn(page, world, 'admin');
  await page.goto(`${world.server.url}/#/admin/users/${clerk.id}`);
  await page.waitForSelector('[data-testid=user-unlock]');
  assert.match(await page.textContent('[data-testid=user-locked]'), /锁定/);
  await page.click('[data-testid=user-unlock]');
  await page.waitForSelector('[data-testid=user-unlock]', { state: 'hidden' });
  assert.equal((await attacker.login('clerk', 'Jianwu@2026')).status, 200, 'unlocked');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('signing out returns to the login page', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'leader');
  await page.click('[data-testid=user-menu]');
  await page.click('[data-testid=logout]');
  await page.waitForSelector('#login-name');
  await page.goto(`${world.server.url}/#/`);
  await page.waitForSelector('#login-name');
  assert.deepEqual(page.errors, []);
  await page.close();
});
