// bench-ui.mjs: the browser benchmark of issue 9 section 6 (`make bench-ui`, docs/benchmarks.md "Pages in the
// browser"). For each page a clerk uses every day it prints the time from the click (a hash change, as the side bar
// does) until the page's data is rendered, as the median of several runs, on an office of BENCH_UI_CASES cases
// (default 1,000,000) and on the 40-case demo office in the same command: the ratio is the figure.
//
// Data: `jianwu demo-data --cases N` into build/bench-ui/demo-N.db, reused when it exists (its generation time, kept
// beside it in demo-N.txt, is printed). Server: the release binary (`jianwu serve`, loopback, a free port). Browser:
// playwright-core driving Debian's chromium, headless, 1366x768. Nothing leaves 127.0.0.1.
//
// Environment: BENCH_UI_CASES (default 1000000), BENCH_UI_RUNS (default 7), JIANWU_BIN (default
// build/release/jianwu), CHROMIUM (default /usr/bin/chromium).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
process.env.JIANWU_BIN = process.env.JIANWU_BIN || path.join(REPO, 'build/release/jianwu');
const BIN = process.env.JIANWU_BIN;
const CASES = Number(process.env.BENCH_UI_CASES || 1000000);
const RUNS = Math.max(1, Number(process.env.BENCH_UI_RUNS || 7));
const BASE_CASES = 40;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PASSWORD = 'Jianwu@2026';
const DIR = path.join(REPO, 'build', 'bench-ui');

if (!Number.isInteger(CASES) || CASES < 1 || CASES > 1000000) {
  console.error('bench-ui: BENCH_UI_CASES must be 1 to 1000000');
  process.exit(2);
}
for (const f of [BIN, CHROMIUM]) {
  if (!fs.existsSync(f)) {
    console.error(`bench-ui: ${f} not found (make MODE=release build; scripts/setup installs chromium)`);
    process.exit(2);
  }
}

const { startServer } = await import(path.join(REPO, 'tests/api/helpers.mjs'));
const { chromium } = await import('playwright-core');

/** The demo office of n cases: the cached file, or a new one (generated under a temporary name, then renamed). */
function office(n) {
  fs.mkdirSync(DIR, { recursive: true });
  const db = path.join(DIR, `demo-${n}.db`);
  const note = path.join(DIR, `demo-${n}.txt`);
  if (fs.existsSync(db)) {
    const how = fs.existsSync(note) ? fs.readFileSync(note, 'utf8').trim() : 'generation time not recorded';
    console.log(`data:    ${n} cases: reusing ${path.relative(REPO, db)} (${how})`);
    return db;
  }
  const tmp = path.join(DIR, `tmp-${n}-${process.pid}.db`);
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  execFileSync(BIN, ['init', '--db', tmp], { stdio: 'ignore' });
  const t0 = process.hrtime.bigint();
  console.log(`data:    ${n} cases: generating with jianwu demo-data --cases ${n} ...`);
  execFileSync(BIN, ['demo-data', '--db', tmp, '--cases', String(n)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  // the audit chain of the load verifies (jianwu audit verify), then the file takes its cached name
  execFileSync(BIN, ['audit', 'verify', '--db', tmp], { stdio: 'ignore' });
  for (const ext of ['-wal', '-shm']) if (fs.existsSync(tmp + ext)) fs.renameSync(tmp + ext, db + ext);
  fs.renameSync(tmp, db);
  const how = `generated in ${s.toFixed(1)} s on ${new Date().toISOString().slice(0, 16)}Z, jianwu demo-data --cases ${n}`;
  fs.writeFileSync(note, how + '\n');
  console.log(`data:    ${n} cases: ${how}`);
  return db;
}

// The pages, each with the hash that opens it and what "its data is rendered" means there: the element that shows
// the data (a table's rows, or its "nothing found" row), and nothing on the page still busy (aria-busy="true") or
// loading (.state-loading).
const PAGES = [
  { name: 'home', hash: () => '#/', ready: 'main h1, main [data-testid^=home]' },
  { name: 'case list', hash: () => '#/cases', ready: '[data-testid=cases-table] tbody tr:not(.state-row)' },
  { name: 'case list search', hash: (w) => `#/cases?q=${encodeURIComponent(w.search)}`,
    ready: '[data-testid=cases-table] tbody tr' },
  { name: 'case page', hash: (w) => `#/cases/${w.caseId}`, ready: '[data-testid=persons-table] tbody tr' },
  { name: 'deadline list', hash: () => '#/deadlines?scope=office', ready: '[data-testid=deadlines-table] tbody tr' },
  { name: 'deadline month view', hash: () => '#/deadlines?scope=office&view=month',
    ready: '[data-testid=deadlines-calendar]' },
  { name: 'audit log', hash: () => '#/admin/audit', ready: '[data-testid=audit-table] tbody tr:not(.state-row)' },
  { name: 'users', hash: () => '#/admin/users', ready: '[data-testid=users-table] tbody tr:not(.state-row)', login: 'admin' },
];
const NEUTRAL = '#/tools/due'; // a page without data: each measured click starts from it

/** Time from setting location.hash to the ready state, in the page (performance.now, checked every frame). */
async function timeHash(page, hash, ready) {
  return page.evaluate(async ({ hash, ready }) => {
    // what the page showed before the click does not count (the page may rewrite its own hash, e.g. month=)
    for (const x of document.querySelectorAll(ready)) x.dataset.benchOld = '1';
    const done = () => [...document.querySelectorAll(ready)].some((x) => !x.dataset.benchOld) &&
      !document.querySelector('[aria-busy=true], .state-loading');
    const t0 = performance.now();
    location.hash = hash;
    await new Promise((resolve, reject) => {
      const limit = setTimeout(() => reject(new Error(`not ready after 60 s: ${hash}`)), 60000);
      const check = () => {
        if (done()) {
          clearTimeout(limit);
          resolve();
        } else {
          requestAnimationFrame(check);
        }
      };
      check();
    });
    return performance.now() - t0;
  }, { hash, ready });
}

async function signIn(page, url, login) {
  await page.goto(`${url}/`);
  await page.fill('#login-name', login);
  await page.fill('#login-password', PASSWORD);
  await page.click('#login-submit');
  await page.waitForFunction(() => !location.hash.startsWith('#/login') && document.querySelector('main'));
}

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Measures every page on one office: {name: [ms...]}. */
async function measure(browser, db) {
  const server = await startServer(db, { timeoutMs: 120_000 });
  try {
    const api = await server.client().loginOk('leader', PASSWORD);
    const list = (await api.get('/api/v1/cases?limit=1')).body;
    const first = list.items[0];
    const world = { caseId: first.id, search: (first.title || '').slice(0, 2) || '王' };
    const pages = {};
    for (const login of ['leader', 'admin']) {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await ctx.newPage();
      await signIn(page, server.url, login);
      for (const p of PAGES.filter((x) => (x.login || 'leader') === login)) {
        const times = [];
        for (let i = 0; i <= RUNS; i++) {
          await timeHash(page, NEUTRAL, '[data-testid=due-from]');
          const ms = await timeHash(page, p.hash(world), p.ready);
          if (i > 0) times.push(ms); // the first is a warm-up (modules, caches)
        }
        pages[p.name] = times;
      }
      await ctx.close();
    }
    return { pages, world, total: list.total, capped: list.total_capped };
  } finally {
    await server.stop({ timeoutMs: 60_000 });
  }
}

const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
let commit = '';
try {
  commit = execFileSync('git', ['-C', REPO, 'rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim();
} catch {
  commit = '?';
}
console.log(`date:    ${new Date().toISOString().replace('T', ' ').slice(0, 19)} UTC`);
console.log(`commit:  ${commit}`);
console.log(`binary:  ${execFileSync(BIN, ['--version'], { encoding: 'utf8' }).trim()} (${path.relative(REPO, BIN)})`);
console.log(`browser: ${CHROMIUM}, headless, 1366x768; ${RUNS} runs per page after a warm-up, median`);
console.log(`load:    ${load} (1, 5, 15 min, before the run)`);

const bigDb = office(CASES);
const baseDb = office(BASE_CASES);
const browser = await chromium.launch({ executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'] });
let base, big;
try {
  base = await measure(browser, baseDb);
  big = await measure(browser, bigDb);
} finally {
  await browser.close();
}
console.log(`office:  ${CASES} cases (case page: case ${big.world.caseId}, search "${big.world.search}"); ` +
  `baseline ${BASE_CASES} cases`);
console.log('');
const pad = (s, n) => String(s).padEnd(n);
const num = (v, n) => v.toFixed(1).padStart(n);
const head = (s, n) => String(s).padStart(n);
console.log(`${pad('page', 22)}${head(`${CASES} cases ms`, 20)}${head('max', 9)}${head(`${BASE_CASES} cases ms`, 16)}` +
  `${head('ratio', 8)}`);
for (const p of PAGES) {
  const a = big.pages[p.name];
  const b = base.pages[p.name];
  console.log(`${pad(p.name, 22)}${num(median(a), 20)}${num(Math.max(...a), 9)}${num(median(b), 16)}` +
    `${num(median(a) / median(b), 8)}`);
}
