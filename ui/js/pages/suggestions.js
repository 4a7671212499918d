// pages/suggestions.js: the 检察建议 list (#/suggestions?tab=all|mine|overdue|agency&state=&type=&q=&offset=; GET
// /api/v1/suggestions, paged, docs/api-suggestions.md). Tabs: 全部, 我的 (scope=mine), 逾期未回复 (overdue=true) and
// 按单位统计 (GET /suggestions/by-agency: open, overdue, reply rate, adoption rate, average days to reply). The list
// filters by state, type and a search of title, text and agency; it exports to Excel and prints (print.css). A user
// with suggestion.handle drafts a new one (#/suggestions/new).

import * as api from '../api.js';
import { el, field, selectField, pageHeader, replace, loadingBlock, errorBlock } from '../dom.js';
import { exportButton, pagedList } from '../list.js';
import { t, label, SUGGESTION_STATES, SUGGESTION_TYPES } from '../i18n.js';
import { can } from '../session.js';
import { sugStateBadge } from './suggestion.js';
import { levelClass } from '../casework.js';

const TABS = ['all', 'mine', 'overdue', 'agency'];
const COLS = 8;

/** pct: a fraction (0..1) as a percentage, or a dash. */
function pct(x) {
  return x === null || x === undefined ? t('common.dash') : (Math.round(x * 1000) / 10) + '%';
}

/** render: the tabs, the filters and the table (or the by-agency figures). */
export function render(root, ctx) {
  const q = ctx.query;
  const ui = { tab: TABS.includes(q.get('tab')) ? q.get('tab') : 'all' };
  const state = { scope: '', overdue: '', state: q.get('state') || '', type: q.get('type') || '', q: q.get('q') || '',
    offset: Math.max(0, parseInt(q.get('offset') || '0', 10) || 0) };
  root.appendChild(pageHeader(t('sug.title'),
    can('suggestion.handle')
      ? el('a', { href: '#/suggestions/new', class: 'btn btn-primary', testid: 'suggestions-new', text: t('sug.new') })
      : null));
  const tabs = TABS.map((k) => el('button', { type: 'button', role: 'tab', class: 'tab', testid: 'suggestions-tab-' + k,
    dataset: { tab: k }, text: t('sug.tab_' + k), on: { click: () => setTab(k) } }));
  root.appendChild(el('div', { class: 'tabs', role: 'tablist', 'aria-label': t('sug.title') }, tabs));
  const panel = el('section', { class: 'panel', role: 'tabpanel' });
  root.appendChild(panel);

  const all = { value: '', text: t('common.all') };
  const search = field({ name: 'q', label: t('sug.search'), type: 'search', value: state.q, maxlength: 50,
    testid: 'suggestions-q' });
  const stateSel = selectField({ name: 'state', label: t('sug.state'), testid: 'suggestions-state', value: state.state,
    options: [all, { value: 'open', text: label('sug_state', 'open') }]
      .concat(SUGGESTION_STATES.map((s) => ({ value: s, text: label('sug_state', s) }))) });
  const typeSel = selectField({ name: 'type', label: t('sug.type'), testid: 'suggestions-type', value: state.type,
    options: [all].concat(SUGGESTION_TYPES.map((s) => ({ value: s, text: label('sug_type', s) }))) });
  const filters = el('form', { class: 'filters form-grid form-grid-4', testid: 'suggestions-filters',
    on: { submit: (e) => { e.preventDefault(); apply(); } } }, search, stateSel, typeSel);
  stateSel.control.addEventListener('change', apply);
  typeSel.control.addEventListener('change', apply);
  search.control.addEventListener('search', apply);
  search.control.addEventListener('change', apply);

  const table = el('table', { class: 'table suggestions-table', testid: 'suggestions-table', 'aria-busy': 'false' },
    el('thead', null, el('tr', null,
      ['col_title', 'col_type', 'col_agency', 'col_state', 'col_prosecutor', 'col_served', 'col_due', 'col_reply']
        .map((k) => el('th', { text: t('sug.' + k) })))),
    el('tbody'));
  const pagerSlot = el('div', { class: 'pager-slot' });
  const listBox = el('div', null, filters, el('div', { class: 'table-wrap' }, table), pagerSlot);
  const agencyBox = el('div', { testid: 'suggestions-by-agency' });
  panel.append(listBox, agencyBox);

  const address = () => '#/suggestions' + api.query({ tab: ui.tab === 'all' ? '' : ui.tab, state: state.state,
    type: state.type, q: state.q, offset: state.offset || '' });
  const list = pagedList({ table, pagerSlot, cols: COLS, path: '/suggestions', state,
    filters: ['scope', 'overdue', 'state', 'type', 'q'], hash: address, pagerTestid: 'suggestions-pager', row,
    form: filters, empty: () => t('sug.empty') });
  exportButton(table, 'suggestions-export');

  function row(s) {
    return el('tr', { testid: 'suggestion-row-' + s.id, class: s.overdue ? 'is-overdue' : null },
      el('td', { class: 'cell-title' }, el('a', { href: '#/suggestions/' + s.id, testid: 'suggestion-link-' + s.id,
        text: s.title })),
      el('td', { class: 'nowrap', text: label('sug_type', s.type) + (s.urgent ? t('sug.urgent_mark') : '') }),
      el('td', { text: s.agency_name }),
      el('td', { class: 'nowrap' }, sugStateBadge(s.state, 'suggestion-state-' + s.id),
        s.overdue ? el('span', { class: ['badge', 'level-badge', levelClass('overdue')], testid: 'suggestion-overdue-' + s.id,
          text: t('sug.overdue') }) : null),
      el('td', { class: 'nowrap', text: s.prosecutor_name || t('common.dash') }),
      el('td', { class: 'nowrap', text: s.served_on || t('common.dash') }),
      el('td', { class: 'nowrap', text: s.reply_due_on || t('common.dash') }),
      el('td', { class: 'nowrap', text: s.reply_on ? s.reply_on + ' ' + label('sug_adoption', s.adoption) : t('common.dash') }));
  }

  function apply() {
    state.q = search.control.value.trim();
    state.state = stateSel.control.value;
    state.type = typeSel.control.value;
    state.offset = 0;
    load();
  }

  function setTab(k) {
    if (ui.tab === k) return;
    ui.tab = k;
    state.offset = 0;
    load();
  }

  async function drawAgencies() {
    const loading = loadingBlock();
    replace(agencyBox, loading);
    history.replaceState(null, '', address());
    try {
      const reply = await api.get('/suggestions/by-agency');
      if (!loading.isConnected) return;
      const tbl = el('table', { class: 'table', testid: 'suggestions-agency-table' },
        el('thead', null, el('tr', null, ['agency', 'total', 'open', 'overdue', 'reply_rate', 'adoption_rate',
          'avg_reply_days'].map((k) => el('th', { text: t('sug.stat_' + k) })))),
        el('tbody', null, reply.items.length ? reply.items.map((a) => el('tr', { testid: 'agency-stat-' + a.agency_id },
          el('td', { text: a.agency_name }), el('td', { text: String(a.total) }), el('td', { text: String(a.open) }),
          el('td', { class: a.overdue ? 'text-danger' : null, text: String(a.overdue) }),
          el('td', { text: pct(a.reply_rate) }), el('td', { text: pct(a.adoption_rate) }),
          el('td', { text: a.avg_reply_days === null ? t('common.dash') : String(a.avg_reply_days) }))) 
          : el('tr', null, el('td', { colspan: '7', class: 'muted', text: t('sug.empty') }))));
      replace(agencyBox, el('div', { class: 'table-wrap' }, tbl));
    } catch (err) {
      if (loading.isConnected) replace(agencyBox, errorBlock(err));
    }
  }

  function load() {
    for (const b of tabs) {
      const on = b.dataset.tab === ui.tab;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
      b.classList.toggle('is-active', on);
    }
    const byAgency = ui.tab === 'agency';
    listBox.hidden = byAgency;
    agencyBox.hidden = !byAgency;
    const bar = panel.querySelector('.export-bar');
    if (bar) bar.hidden = byAgency;
    if (byAgency) { drawAgencies(); return; }
    state.scope = ui.tab === 'mine' ? 'mine' : '';
    state.overdue = ui.tab === 'overdue' ? 'true' : '';
    list.load();
  }

  load();
}
