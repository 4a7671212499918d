// cases.test.mjs: 案管 registers a case in the browser; the prosecutor returns it twice for supplementary
// investigation (each return proposed to and approved by the 部门负责人 under the default 权力清单), cannot return it a
// third time, proposes 不起诉 which the 检察长 approves, and sees the archiving deadline; a 不起诉 approved with a legal
// date earlier than today takes effect on that date; the deadlines page and the due-date calculator answer as the law
// says; the 期限 badge counts the office's deadlines for 案管 and a prosecutor's own for the prosecutor.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openPage, signIn, startWorld } from './browser.mjs';

let world;

before(async () => {
  world = await startWorld({ cases: 20 });
});

after(async () => {
  if (world) await world.stop();
});

/** Records one event through the case page's action bar and waits for the page to show it (or its proposal). */
async function act(page, kind, { on, reason, fill } = {}) {
  const before = await page.locator('[data-testid=timeline] li').count();
  await page.click(`[data-testid=event-${kind}]`);
  await page.waitForSelector('[data-testid=event-form]');
  if (on) await page.fill('[data-testid=event-on]', on);
  if (fill) await fill();
  if (reason) await page.fill('[data-testid=event-reason]', reason);
  await page.click('[data-testid=event-form-submit]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=timeline] li').length > n, before);
}

/** Records a decision the 权力清单 sends for approval, and checks the page says so (已提请审批) instead of taking it. */
async function propose(page, kind, approver, opts) {
  await act(page, kind, opts);
  await page.waitForSelector('[data-testid=event-proposed]');
  assert.match(await page.textContent('[data-testid=event-proposed-title]'), new RegExp(`已提请审批（${approver}）`));
  assert.match(await page.textContent('[data-testid=case-approvals-pending]'), /待审批/);
}

/** The approver approves the pending approval of caseNumber on the approvals page, with the legal date on. */
async function approve(page, world, caseNumber, on) {
  await page.goto(`${world.server.url}/#/approvals`);
  await page.reload(); // the list as it is now, also when the page already showed it
  await page.waitForSelector('[data-testid=approvals-tab-mine]');
  const row = page.locator('tr[data-testid^=approval-row-]', { hasText: caseNumber });
  await row.waitFor();
  const id = (await row.getAttribute('data-testid')).replace('approval-row-', '');
  await page.click(`[data-testid=approval-open-${id}]`);
  await page.click(`[data-testid=approval-approve-${id}]`);
  await page.fill('[data-testid=approval-on]', on);
  await page.click('[data-testid=approval-approve-submit]');
  await page.locator(`[data-testid=approval-row-${id}]`).waitFor({ state: 'detached' });
  return id;
}

/** Opens (or reloads) the case page at hash and waits for it. */
async function openCase(page, world, hash) {
  await page.goto(`${world.server.url}/${hash}`);
  await page.reload(); // the case as it is now, also when the page already showed it
  await page.waitForSelector('[data-testid=case-number]');
}

/** 案管 registers a 审查起诉 case of 李检察官 (第一检察部) with one person on bail; returns the case page's hash. */
async function registerCase(page, { title, received, person, idNumber }) {
  await page.click('[data-testid=nav-cases]');
  await page.waitForSelector('[data-testid=cases-table]');
  await page.click('[data-testid=cases-new]');
  await page.waitForSelector('[data-testid=case-form]');
  await page.selectOption('[data-testid=case-type]', 'prosecution_review');
  await page.fill('[data-testid=case-title]', title);
  await page.fill('[data-testid=case-source-agency]', '缙云县公安局');
  await page.fill('[data-testid=case-received]', received);
  await page.selectOption('[data-testid=case-department]', { label: '第一检察部' });
  await page.waitForSelector('[data-testid=case-prosecutor] option:has-text("李检察官")', { state: 'attached' });
  await page.selectOption('[data-testid=case-prosecutor]', { label: '李检察官' });
  await page.fill('[data-testid=person-name-0]', person);
  await page.fill('[data-testid=person-id-0]', idNumber);
  await page.selectOption('[data-testid=person-custody-0]', 'bail');
  await page.fill('[data-testid=person-custody-since-0]', received);
  await page.selectOption('[data-testid=person-charges-0]', 'fraud');
  await page.click('[data-testid=case-form-submit]');
  if (received < daysFromToday(-30)) {
    // a receipt more than 30 days back asks first (迟延登记): saving again registers it
    await page.waitForSelector('[data-testid=case-late-confirm]:not([hidden])');
    await page.click('[data-testid=case-form-submit]');
  }
  await page.waitForSelector('[data-testid=case-number]');
  return new URL(page.url()).hash;
}

/** A date n days from today in China Standard Time, as the server counts. */
function daysFromToday(n) {
  return new Date(Date.now() + 8 * 3600 * 1000 + n * 86400 * 1000).toISOString().slice(0, 10);
}

test('register, return twice (部门负责人 approves), refuse a third return, 不起诉 (检察长 approves), archiving deadline', async () => {
  const clerk = await openPage(world);
  const page = await openPage(world);
  const head = await openPage(world);
  const chief = await openPage(world);
  await signIn(clerk, world, 'anguan');
  const hash = await registerCase(clerk, { title: '钱某诈骗案', received: '2025-03-05', person: '钱某',
    idNumber: '370101190102039973' });
  const number = await clerk.textContent('[data-testid=case-number]');
  assert.match(number, /^缙检刑诉受〔2025〕\d+号$/);
  // 2025-03-05 + 1 month = 04-05 (清明): the not custody-bound period ends on 04-07
  assert.match(await clerk.textContent('[data-testid=deadline-review]'), /2025-04-07/);

  await signIn(page, world, 'prosecutor');
  await signIn(head, world, 'buzhang');
  await signIn(chief, world, 'leader');
  await openCase(page, world, hash);

  // 退回补充侦查 is the 部门负责人's under the default 权力清单: proposed, then approved on the day it was decided
  await propose(page, 'return', '部门负责人', { on: '2025-03-20', reason: '部分事实不清，退回补充侦查' });
  assert.match(await page.textContent('[data-testid=case-status]'), /审查中/);
  await approve(head, world, number, '2025-03-20');
  await openCase(page, world, hash);
  assert.match(await page.textContent('[data-testid=case-status]'), /退回补充侦查/);
  assert.match(await page.textContent('[data-testid=deadline-supplementary]'), /2025-04-21/);
  await act(page, 'resubmit', { on: '2025-04-15' });
  assert.match(await page.textContent('[data-testid=deadline-review]'), /2025-05-15/);
  await propose(page, 'return', '部门负责人', { on: '2025-04-25', reason: '补充鉴定意见' });
  await approve(head, world, number, '2025-04-25');
  await openCase(page, world, hash);
  await act(page, 'resubmit', { on: '2025-05-20' });

  // a third return is not offered: the button says why (the server's reason)
  const third = page.locator('[data-testid=event-return]');
  assert.equal(await third.isDisabled(), true);
  assert.match(await page.textContent('[data-testid=event-return-why]'), /两次/);

  await propose(page, 'decide', '检察长', {
    on: '2025-06-03',
    reason: '犯罪情节轻微',
    fill: async () => {
      await page.selectOption('[data-testid=event-decision]', 'non_prosecution');
      await page.selectOption('[data-testid=event-npt]', 'discretionary');
    },
  });
  await approve(chief, world, number, '2025-06-03');
  await openCase(page, world, hash);
  await page.waitForSelector('[data-testid=deadline-archiving]');
  // 卷宗一月一归档: 2025-06-03 + 1 month = 07-03
  assert.match(await page.textContent('[data-testid=deadline-archiving]'), /2025-07-03/);
  assert.match(await page.textContent('[data-testid=case-status]'), /审结/);
  for (const p of [clerk, page, head, chief]) {
    assert.deepEqual(p.errors, []);
    await p.close();
  }
});

test('a 不起诉 proposed by the prosecutor takes effect on the day the 检察长 approves it', async () => {
  const clerk = await openPage(world);
  const page = await openPage(world);
  const chief = await openPage(world);
  await signIn(clerk, world, 'anguan');
  const received = daysFromToday(-20);
  const approvedOn = daysFromToday(-3);
  const hash = await registerCase(clerk, { title: '孙某诈骗案', received, person: '孙某', idNumber: '110101199003074514' });
  const number = await clerk.textContent('[data-testid=case-number]');

  await signIn(page, world, 'prosecutor');
  await openCase(page, world, hash);
  const personId = await page.getAttribute('[data-testid^=person-row-]', 'data-id');
  // the form says before submitting that the 检察长 decides
  await page.click('[data-testid=event-decide]');
  await page.waitForSelector('[data-testid=event-form]');
  await page.selectOption('[data-testid=event-decision]', 'non_prosecution');
  await page.selectOption('[data-testid=event-npt]', 'discretionary');
  assert.match(await page.textContent('[data-testid=event-needs-approval]'), /检察长/);
  assert.match(await page.textContent('[data-testid=event-form-submit]'), /提请审批/);
  // a proposal needs its reasons
  await page.click('[data-testid=event-form-submit]');
  await page.waitForSelector('[data-field=reason].has-error');
  await page.click('[data-testid=event-form-cancel]');
  await propose(page, 'decide', '检察长', {
    reason: '犯罪情节轻微，依照刑法规定不需要判处刑罚',
    fill: async () => {
      await page.selectOption('[data-testid=event-decision]', 'non_prosecution');
      await page.selectOption('[data-testid=event-npt]', 'discretionary');
    },
  });
  // nothing took effect: still under review and undecided
  assert.match(await page.textContent('[data-testid=case-status]'), /审查中/);
  assert.match(await page.textContent(`[data-testid=person-decision-${personId}]`), /未决定/);
  assert.match(await page.textContent('[data-testid=timeline]'), /提请审批/);

  // the 检察长 sees it in 待我审批 (and the side bar's badge counts it), approves with an earlier legal date
  await signIn(chief, world, 'leader');
  await chief.waitForSelector('[data-testid=approval-badge]:not([hidden])');
  await approve(chief, world, number, approvedOn);

  await openCase(page, world, hash);
  assert.match(await page.textContent('[data-testid=case-status]'), /审结/);
  assert.match(await page.textContent(`[data-testid=person-decision-${personId}]`), /不起诉/);
  assert.equal((await page.textContent(`[data-testid=person-decision-on-${personId}]`)).trim(), approvedOn);
  const timeline = await page.textContent('[data-testid=timeline]');
  assert.match(timeline, /提请审批/);
  assert.match(await page.textContent('[data-testid=timeline-approved-by]'), /经 王检察长 审批同意/);
  const decided = page.locator('[data-testid=timeline] li[data-kind=decide]');
  assert.match(await decided.textContent(), new RegExp(approvedOn));
  // the approval's history on the case page gives the legal date
  assert.match(await page.textContent('[data-testid=case-approvals-history]'), new RegExp(`批准日期 ${approvedOn}`));
  for (const p of [clerk, page, chief]) {
    assert.deepEqual(p.errors, []);
    await p.close();
  }
});

test('the 部门负责人 returns a proposal with a reason; the prosecutor withdraws another', async () => {
  const clerk = await openPage(world);
  const page = await openPage(world);
  const head = await openPage(world);
  await signIn(clerk, world, 'anguan');
  const hash = await registerCase(clerk, { title: '周某诈骗案', received: daysFromToday(-10), person: '周某',
    idNumber: '110101199003074514' });
  const number = await clerk.textContent('[data-testid=case-number]');
  await signIn(page, world, 'prosecutor');
  await openCase(page, world, hash);
  await propose(page, 'self_investigation', '部门负责人', { reason: '核实被害人陈述' });
  await propose(page, 'decide', '检察长', {
    reason: '犯罪情节轻微',
    fill: async () => {
      await page.selectOption('[data-testid=event-decision]', 'non_prosecution');
      await page.selectOption('[data-testid=event-npt]', 'discretionary');
    },
  });

  // the 部门负责人 sees only the 自行补充侦查 (the 不起诉 is the 检察长's) and returns it
  await signIn(head, world, 'buzhang');
  await head.goto(`${world.server.url}/#/approvals`);
  const row = head.locator('tr[data-testid^=approval-row-]', { hasText: number });
  await row.waitFor();
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /自行补充侦查/);
  const id = (await row.getAttribute('data-testid')).replace('approval-row-', '');
  await head.click(`[data-testid=approval-open-${id}]`);
  await head.click(`[data-testid=approval-return-${id}]`);
  await head.click('[data-testid=approval-return-submit]');
  await head.waitForSelector('[data-field=reason].has-error');
  await head.fill('[data-testid=approval-return-reason]', '补充侦查事项不明确');
  await head.click('[data-testid=approval-return-submit]');
  await head.locator(`[data-testid=approval-row-${id}]`).waitFor({ state: 'detached' });

  // the prosecutor's 我提请的: the return with its reason, and the pending 不起诉 withdrawn
  await page.goto(`${world.server.url}/#/approvals`);
  await page.waitForSelector('[data-testid=approvals-tab-proposed][aria-selected=true]');
  assert.equal(await page.locator('[data-testid=approvals-tab-mine]').count(), 0);
  await page.waitForSelector(`[data-testid=approval-status-${id}][data-status=returned]`);
  const pending = page.locator('tr[data-testid^=approval-row-][data-status=pending]', { hasText: number });
  await pending.waitFor();
  const pid = (await pending.getAttribute('data-testid')).replace('approval-row-', '');
  page.once('dialog', (d) => d.accept());
  await page.click(`[data-testid=approval-open-${pid}]`);
  await page.click(`[data-testid=approval-withdraw-${pid}]`);
  await page.waitForSelector(`[data-testid=approval-status-${pid}][data-status=withdrawn]`);

  await openCase(page, world, hash);
  const timeline = await page.textContent('[data-testid=timeline]');
  assert.match(timeline, /审批退回/);
  assert.match(timeline, /补充侦查事项不明确/);
  assert.match(timeline, /撤回审批提请/);
  assert.equal(await page.locator('[data-testid=case-approvals-pending]').count(), 0);
  assert.match(await page.textContent('[data-testid=case-status]'), /审查中/);
  for (const p of [clerk, page, head]) {
    assert.deepEqual(p.errors, []);
    await p.close();
  }
});

test('the deadlines page lists my deadlines and the month view', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'anguan');
  await page.click('[data-testid=nav-deadlines]');
  await page.waitForSelector('[data-testid=deadlines-scope-office]');
  await page.click('[data-testid=deadlines-scope-office]');
  await page.waitForSelector('[data-testid=deadlines-table]');
  await page.click('[data-testid=deadlines-view-month]');
  await page.waitForSelector('[data-testid=month-prev]');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the due-date calculator answers the worked examples of DOMAIN.md 0.1', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'clerk');
  await page.goto(`${world.server.url}/#/tools/due`);
  await page.waitForSelector('[data-testid=due-from]');
  const ask = async (from, n, unit, custody) => {
    await page.fill('[data-testid=due-from]', from);
    await page.fill('[data-testid=due-n]', String(n));
    await page.selectOption('[data-testid=due-unit]', unit);
    if (custody) await page.check('[data-testid=due-custody]');
    else await page.uncheck('[data-testid=due-custody]');
    await page.click('[data-testid=due-submit]');
    await page.waitForFunction(() => /\d{4}-\d{2}-\d{2}/.test(
      document.querySelector('[data-testid=due-result-date]')?.textContent || ''));
    const text = await page.textContent('[data-testid=due-result-date]');
    await page.evaluate(() => { document.querySelector('[data-testid=due-result-date]').textContent = ''; });
    return text;
  };
  assert.match(await ask('2025-09-24', 7, 'd', true), /2025-10-01/);
  assert.match(await ask('2025-09-24', 7, 'd', false), /2025-10-09/);
  assert.match(await ask('2025-03-31', 1, 'm', false), /2025-04-30/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the 期限 badge counts the office\'s overdue and due-today deadlines for 案管, and the prosecutor\'s own for a prosecutor', async () => {
  const summary = (page, scope) => page.evaluate(async (sc) => {
    const r = await fetch(`/api/v1/deadlines/summary?scope=${sc}`, { credentials: 'same-origin' });
    return r.json();
  }, scope);
  for (const [login, scope] of [['anguan', 'office'], ['prosecutor', 'mine']]) {
    const page = await openPage(world);
    try {
      await signIn(page, world, login);
      const badge = page.locator('[data-testid=deadline-badge]:not([hidden])');
      await badge.waitFor();
      const s = await summary(page, scope);
      const want = (s.overdue || 0) + (s.due || 0);
      assert.equal(await badge.getAttribute('data-scope'), scope, login);
      assert.equal(Number(await badge.textContent()), want, `${login}: the badge shows ${scope}'s overdue + due today`);
      if (scope === 'office') {
        assert.ok(want > 0, 'the demo office has deadlines past due: the 案管 badge is not 0');
        assert.match(await badge.getAttribute('title'), /^全院逾期/);
      }
    } finally {
      await page.close();
    }
  }
});

test('a deadline due on a rest day is marked beside its weekday: 节假日 on the case page and in the deadline list', async () => {
  const page = await openPage(world);
  await signIn(page, world, 'anguan');
  // 审查批准逮捕 of a detained suspect received 2025-09-24: 7 days, custody-bound, so due on 2025-10-01 (国庆节),
  // which the period does not leave (CPL 105); the due-date calculator test above checks the same day
  const created = await page.evaluate(async () => {
    const api = await import('/js/api.js');
    const depts = await api.get('/departments');
    const first = (depts.items || depts).find((d) => d.name === '第一检察部');
    return api.post('/cases', {
      case_type: 'arrest_review', title: '节假日届满测试案', source_agency: '缙云县公安局', received_on: '2025-09-24',
      department_id: first.id, assign: 'rotation',
      persons: [{ name: '节某', custody: 'detained', custody_since: '2025-09-23', charges: ['theft'] }],
    });
  });
  await openCase(page, world, `#/cases/${created.id}`);
  const review = page.locator('[data-testid=deadline-review]');
  assert.match(await review.locator('[data-testid=deadline-due]').textContent(), /2025-10-01/);
  assert.match(await review.textContent(), /星期三/);
  const mark = review.locator('[data-testid=deadline-due-mark]:not([hidden])');
  await mark.waitFor();
  assert.equal(await mark.textContent(), '节假日');
  assert.equal(await mark.getAttribute('data-kind'), 'holiday');
  // the office's deadlines due that day (the list of one day, as "+N" in the month view opens it)
  await page.goto(`${world.server.url}/#/deadlines?scope=office&view=list&day=2025-10-01`);
  const row = page.locator('tr.deadline-row', { hasText: created.case_number });
  await row.waitFor();
  assert.match(await row.textContent(), /2025-10-01.*星期三/);
  const listMark = row.locator('[data-testid=deadline-due-mark]:not([hidden])');
  await listMark.waitFor();
  assert.equal(await listMark.textContent(), '节假日');
  assert.deepEqual(page.errors, []);
  await page.close();
});
