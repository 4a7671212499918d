// browser.mjs: shared set-up for the browser tests: Debian's chromium driven by playwright-core, headless, against
// the real binary on a loopback port with the demo procuratorate (`jianwu demo-data`).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { cliOk, initDb, makeTempDir, rmTempDir, startServer } from '../api/helpers.mjs';

export const PASSWORD = 'Jianwu@2026';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Starts a server on a fresh demo database with nCases cases and a headless browser. */
export async function startWorld({ cases = 0 } = {}) {
  assert.ok(fs.existsSync(CHROMIUM), `chromium not found at ${CHROMIUM} (scripts/setup installs it)`);
  const dir = makeTempDir('jianwu-browser-');
  const db = path.join(dir, 'demo.db');
  initDb(db);
  cliOk(['demo-data', '--db', db, '--cases', String(cases)], { timeout: 120_000 });
  const server = await startServer(db);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    dir, db, server, browser,
    async stop() {
      await browser.close();
      await server.stop();
      rmTempDir(dir);
    },
  };
}

/**
 * Opens a page at 1366x768 that records JS errors and CSP violations (network 4xx "Failed to load resource" lines
 * are expected: the first GET /api/v1/session of a signed-out browser answers 401).
 */
export async function openPage(world, options = {}) {
  // options: extra playwright page options, e.g. { locale: 'en-US' } (the browser's language and date format)
  const page = await world.browser.newPage({ viewport: { width: 1366, height: 768 }, ...options });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) page.errors.push(`console: ${m.text()}`);
  });
  return page;
}

/** Signs in through the login form and waits for the home page. */
export async function signIn(page, world, login) {
  await page.goto(`${world.server.url}/`);
  await page.fill('#login-name', login);
  await page.fill('#login-password', PASSWORD);
  await page.click('#login-submit');
  await page.waitForSelector('[data-testid=home-profile]');
}

/** Picks an agency by its exact name in the agencyPicker() whose testid is testid: types it, clicks its option. */
export async function pickAgency(page, testid, name) {
  await page.fill(`[data-testid=${testid}-input]`, name);
  const option = page.locator(`[data-testid=${testid}-option]`, { hasText: name }).first();
  await option.waitFor();
  await option.dispatchEvent('mousedown');
  assert.equal(await page.inputValue(`[data-testid=${testid}-input]`), name);
}
