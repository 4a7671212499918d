// pages/approvals.js: the approval queue (#/approvals?tab=mine|proposed&status=&offset=, GET /api/v1/approvals?scope=
// &status=, paged). Two tabs: 待我审批 (scope=mine, for approval.decide: the 检察长 sees every approval, a 部门负责人
// those of their department sent to the department head) and 我提请的 (scope=proposed: the user's own proposals).
// Each row names the case (a link), the decision kind, the approver, the proposer, the reasons and the date; an
// approver approves (the legal date, today by default, may be earlier but never later) or returns it (with a reason),
// a proposer withdraws a pending one. The forms are those of approvals.js, opened in a row under the approval.

import * as api from '../api.js';
import { el, pageHeader, replace, fmtTime } from '../dom.js';
import { exportButton, pagedList } from '../list.js';
import { t, label } from '../i18n.js';
import { can } from '../session.js';
import { approvalCard, approvalStatusBadge, approverText, mayDecide, mayWithdraw } from '../approvals.js';

const STATUSES = ['pending', 'approved', 'returned', 'withdrawn'];
const COLS = 8;

/** render: tabs, the status filter and the paged table. */
export function render(root, ctx) {
  const tabsAllowed = [];
  if (can('approval.decide')) tabsAllowed.push('mine');
  if (can('case.decide')) tabsAllowed.push('proposed');
  const q = ctx.query;
  // ui: the tab and the status select ('' = the tab's default: pending for 待我审批, every status for 我提请的);
  // state: what pagedList sends (scope, status) and its offset.
  const ui = {
    tab: tabsAllowed.includes(q.get('tab')) ? q.get('tab') : tabsAllowed[0],
    status: STATUSES.includes(q.get('status')) || q.get('status') === 'all' ? q.get('status') : '',
  };
  const state = { scope: '', status: '', offset: Math.max(0, parseInt(q.get('offset') || '0', 10) || 0) };
  const sync = () => {
    state.scope = ui.tab;
    state.status = ui.status === 'all' ? '' : ui.status || (ui.tab === 'mine' ? 'pending' : '');
  };

  root.appendChild(pageHeader(t('approvals.title')));
  const tabs = tabsAllowed.map((k) => el('button', { type: 'button', role: 'tab', class: 'tab', testid: 'approvals-tab-' + k,
    dataset: { tab: k }, text: t('approvals.tab_' + k), on: { click: () => setTab(k) } }));
  const status = el('select', { class: 'input', testid: 'approvals-status', 'aria-label': t('approvals.status_label'),
    on: { change: () => { ui.status = status.value; state.offset = 0; load(); } } },
  STATUSES.map((s) => el('option', { value: s, text: label('approval_status', s) })),
  el('option', { value: 'all', text: t('approvals.status_all') }));
  const hint = el('p', { class: 'muted small', testid: 'approvals-hint' });

  const table = el('table', { class: 'table approvals-table', testid: 'approvals-table', 'aria-busy': 'false' },
    el('thead', null, el('tr', null,
      el('th', { text: t('approvals.col_case') }), el('th', { text: t('approvals.col_kind') }),
      el('th', { text: t('approvals.col_approver') }), el('th', { text: t('approvals.col_proposer') }),
      el('th', { text: t('approvals.col_reasons') }), el('th', { text: t('approvals.col_proposed_at') }),
      el('th', { text: t('approvals.col_status') }), el('th', { class: 'col-actions', text: t('common.actions') }))),
    el('tbody'));
  const pagerSlot = el('div', { class: 'pager-slot' });
  root.appendChild(el('div', { class: 'tabs', role: 'tablist', 'aria-label': t('approvals.tabs_label') }, tabs));
  root.appendChild(el('section', { class: 'panel', role: 'tabpanel' },
    el('div', { class: 'deadlines-toolbar' }, hint, status),
    el('div', { class: 'table-wrap' }, table), pagerSlot));

  const address = () => '#/approvals' + api.query({ tab: ui.tab === tabsAllowed[0] ? '' : ui.tab, status: ui.status,
    offset: state.offset || '' });
  const list = pagedList({ table, pagerSlot, cols: COLS, path: '/approvals', state, filters: ['scope', 'status'],
    hash: address, pagerTestid: 'approvals-pager', row: approvalRow,
    empty: () => t(ui.tab === 'mine' ? 'approvals.empty_mine' : 'approvals.empty_proposed') });
  exportButton(table, 'approvals-export');

  function load() {
    sync();
    drawControls();
    list.load();
  }

  function setTab(k) {
    if (ui.tab === k) return;
    ui.tab = k;
    ui.status = '';
    state.offset = 0;
    load();
  }

  function drawControls() {
    for (const b of tabs) {
      const on = b.dataset.tab === ui.tab;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
      b.classList.toggle('is-active', on);
    }
    status.value = ui.status || (ui.tab === 'mine' ? 'pending' : 'all');
    hint.textContent = ui.tab === 'mine'
      ? t(can('approval.chief') ? 'approvals.scope_hint_chief' : 'approvals.scope_hint_head') : '';
  }

  /** approvalRow: the approval's row, and under it a row for its approve / return form when one is open. */
  function approvalRow(a) {
    const formRow = el('tr', { class: 'approval-form-row', hidden: true }, el('td', { colspan: String(COLS) }));
    const href = a.entity_kind === 'suggestion' ? '#/suggestions/' + encodeURIComponent(a.entity_id)
      : '#/cases/' + encodeURIComponent(a.case_id || a.entity_id);
    const actions = mayDecide(a) || mayWithdraw(a)
      ? el('button', { type: 'button', class: 'btn btn-small', testid: 'approval-open-' + a.id, 'aria-expanded': 'false',
        text: mayDecide(a) ? t('approvals.approve') + ' / ' + t('approvals.return') : t('approvals.withdraw'),
        on: { click: (e) => toggle(e.currentTarget) } })
      : null;
    function toggle(btn) {
      const open = formRow.hidden;
      formRow.hidden = !open;
      btn.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (open) {
        replace(formRow.firstChild, approvalCard(a, { toast: ctx.toast, onChanged: () => list.load() }));
      }
    }
    return [
      el('tr', { testid: 'approval-row-' + a.id, dataset: { id: String(a.id), status: a.status } },
        el('td', { class: 'cell-title' }, el('a', { href, testid: 'approval-case-' + a.id, text: a.subject || t('approvals.open_case') })),
        el('td', { class: 'nowrap', text: label('decision_kind', a.decision_kind) }),
        el('td', { class: 'nowrap', text: approverText(a) }),
        el('td', { class: 'nowrap', text: a.proposed_by_name || t('common.dash') }),
        el('td', { class: 'cell-reasons', text: a.reasons || '' }),
        el('td', { class: 'nowrap', text: fmtTime(a.proposed_at) }),
        el('td', { class: 'nowrap' }, approvalStatusBadge(a.status, 'approval-status-' + a.id),
          a.legal_on ? el('div', { class: 'muted small', text: t('approvals.legal_on_text', { date: a.legal_on }) }) : null),
        el('td', { class: 'col-actions' }, actions)),
      formRow,
    ];
  }

  load();
}
