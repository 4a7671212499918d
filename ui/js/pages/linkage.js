// pages/linkage.js: the 行刑反向衔接 list (#/linkage?tab=mine|queue|overdue|all&state=&q=&offset=, GET /api/v1/linkage,
// paged, with its Excel export). Tabs: 我的事项 (mine=1: the items whose 刑检 prosecutor or 行政检察 handler the user
// is), 行政检察待办 (the user's department, not closed), 逾期 (an open period past due), 全部. A state select and a
// search (name, 案号, agency) narrow any tab. Each row links to the item page (pages/linkage_item.js). The tab 按机关统计
// (tab=agency) shows the 检察意见 by agency instead (GET /api/v1/linkage/by-agency: issued, open, overdue, reply rate,
// penalty rate, average days to reply).

import * as api from '../api.js';
import { el, errorBlock, loadingBlock, pageHeader, replace } from '../dom.js';
import { exportButton, pagedList } from '../list.js';
import { t, label } from '../i18n.js';
import { currentUser } from '../session.js';
import { dueMark } from '../casework.js';

export const LINKAGE_STATES = ['pending_transfer', 'transferred', 'under_review', 'suspended', 'terminated',
  'opinion_issued', 'awaiting_reply', 'replied', 'follow_up', 'closed'];
const TABS = ['mine', 'queue', 'overdue', 'all', 'agency'];
const COLS = 7;

/** stateBadge: an item's state as a badge (closed greyed, the overdue flag red). */
export function stateBadge(state, testid) {
  return el('span', { class: ['badge', state === 'closed' ? 'badge-off' : 'badge-ok'], testid, text: label('linkage_state', state) });
}

export function render(root, ctx) {
  const q = ctx.query;
  const ui = { tab: TABS.includes(q.get('tab')) ? q.get('tab') : 'mine' };
  const state = { mine: '', department_id: '', overdue: '', state: q.get('state') || '', q: q.get('q') || '',
    offset: Math.max(0, parseInt(q.get('offset') || '0', 10) || 0) };
  const me = currentUser() || {};
  const sync = () => {
    state.mine = ui.tab === 'mine' ? '1' : '';
    state.overdue = ui.tab === 'overdue' ? '1' : '';
    state.department_id = ui.tab === 'queue' && me.department_id ? String(me.department_id) : '';
    if (ui.tab === 'queue' && !state.state) state.state = 'open';
  };

  root.appendChild(pageHeader(t('linkage.title')));
  const tabs = TABS.map((k) => el('button', { type: 'button', role: 'tab', class: 'tab', testid: 'linkage-tab-' + k,
    dataset: { tab: k }, text: t('linkage.tab_' + k), on: { click: () => { ui.tab = k; state.state = ''; state.offset = 0; load(); } } }));
  const stateSel = el('select', { class: 'input', testid: 'linkage-state', 'aria-label': t('linkage.state_label'),
    on: { change: () => { state.state = stateSel.value; state.offset = 0; load(); } } },
  el('option', { value: '', text: t('linkage.state_any') }),
  el('option', { value: 'open', text: label('linkage_state', 'open') }),
  LINKAGE_STATES.map((s) => el('option', { value: s, text: label('linkage_state', s) })));
  const search = el('input', { type: 'search', class: 'input', testid: 'linkage-search', placeholder: t('linkage.search'),
    'aria-label': t('linkage.search'), value: state.q, maxlength: 50,
    on: { change: () => { state.q = search.value.trim(); state.offset = 0; load(); } } });
  const table = el('table', { class: 'table linkage-table', testid: 'linkage-table', 'aria-busy': 'false' },
    el('thead', null, el('tr', null,
      el('th', { text: t('linkage.col_person') }), el('th', { text: t('linkage.col_case') }),
      el('th', { text: t('linkage.col_decision_on') }), el('th', { text: t('linkage.col_state') }),
      el('th', { text: t('linkage.col_agency') }), el('th', { text: t('linkage.col_next_due') }),
      el('th', { text: t('linkage.col_handler'), 'data-print': 'drop' }))),
    el('tbody'));
  const pagerSlot = el('div', { class: 'pager-slot' });
  root.appendChild(el('div', { class: 'tabs', role: 'tablist', 'aria-label': t('linkage.title') }, tabs));
  const listPanel = el('section', { class: 'panel', role: 'tabpanel' },
    el('div', { class: 'deadlines-toolbar' }, search, stateSel),
    el('div', { class: 'table-wrap' }, table), pagerSlot);
  const agencyPanel = el('section', { class: 'panel', role: 'tabpanel', testid: 'linkage-by-agency', hidden: true });
  root.appendChild(listPanel);
  root.appendChild(agencyPanel);

  const address = () => '#/linkage' + api.query({ tab: ui.tab === 'mine' ? '' : ui.tab,
    state: state.state === 'open' && ui.tab === 'queue' ? '' : state.state, q: state.q, offset: state.offset || '' });
  const list = pagedList({ table, pagerSlot, cols: COLS, path: '/linkage', state,
    filters: ['mine', 'department_id', 'overdue', 'state', 'q'], hash: address, pagerTestid: 'linkage-pager',
    row, empty: () => t('linkage.empty') });
  exportButton(table, 'linkage-export');

  function row(it) {
    return el('tr', { testid: 'linkage-row-' + it.id, dataset: { id: String(it.id), state: it.state } },
      el('td', { class: 'cell-title' }, el('a', { href: '#/linkage/' + it.id, testid: 'linkage-link-' + it.id, text: it.person_name })),
      el('td', { class: 'mono nowrap', text: it.case_number }),
      el('td', { class: 'mono nowrap', text: it.decision_on }),
      el('td', { class: 'nowrap' }, stateBadge(it.state, 'linkage-state-' + it.id)),
      el('td', { text: it.agency_name || t('common.dash') }),
      el('td', { class: 'nowrap mono' }, it.next_due_on || t('common.dash'),
        it.next_due_on ? dueMark(it.next_due_on, 'linkage-due-' + it.id) : null),
      el('td', { class: 'nowrap', 'data-print': 'drop', text: it.handler_name || it.prosecutor_name || t('common.dash') }));
  }

  const pct = (x) => (x === null || x === undefined ? t('common.dash') : (x * 100).toFixed(1) + '%');
  async function drawAgencies() {
    const loading = loadingBlock();
    replace(agencyPanel, loading);
    history.replaceState(null, '', '#/linkage?tab=agency');
    try {
      const reply = await api.get('/linkage/by-agency');
      if (!loading.isConnected) return;
      const cols = ['agency', 'total', 'open', 'overdue', 'replied', 'reply_rate', 'penalty_rate', 'avg_reply_days'];
      const tbl = el('table', { class: 'table', testid: 'linkage-agency-table' },
        el('thead', null, el('tr', null, cols.map((k) => el('th', { text: t('linkage.stat_' + k) })))),
        el('tbody', null, reply.items.length ? reply.items.map((a) => el('tr', { testid: 'linkage-agency-' + a.agency_id },
          el('td', { text: a.agency_name }), el('td', { text: String(a.total) }), el('td', { text: String(a.open) }),
          el('td', { class: a.overdue ? 'text-danger' : null, text: String(a.overdue) }),
          el('td', { text: String(a.replied) }), el('td', { text: pct(a.reply_rate) }), el('td', { text: pct(a.penalty_rate) }),
          el('td', { text: a.avg_reply_days === null ? t('common.dash') : String(a.avg_reply_days) })))
          : el('tr', null, el('td', { colspan: String(cols.length), class: 'muted', text: t('linkage.stat_empty') }))));
      replace(agencyPanel, el('div', { class: 'table-wrap' }, tbl));
    } catch (err) {
      if (loading.isConnected) replace(agencyPanel, errorBlock(err));
    }
  }

  function load() {
    sync();
    for (const b of tabs) {
      const on = b.dataset.tab === ui.tab;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.classList.toggle('is-active', on);
    }
    const byAgency = ui.tab === 'agency';
    listPanel.hidden = byAgency;
    agencyPanel.hidden = !byAgency;
    if (byAgency) { drawAgencies(); return; }
    stateSel.value = state.state;
    list.load();
  }
  load();
}
