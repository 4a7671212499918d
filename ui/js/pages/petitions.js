// pages/petitions.js: the 信访 list (#/petitions?tab=all|mine|overdue|repeat&state=&channel=&category=&risk=&q=&offset=;
// GET /api/v1/petitions, paged, docs/api-petitions.md). Tabs: 全部, 我的 (scope=mine: first handler or handler),
// 逾期未答复 (overdue=true) and 重复信访 (repeat=true). The list filters by state, channel, category and risk and
// searches the matter and the petitioners' names; it exports to Excel and prints (print.css). A user with
// petition.handle takes a new one in (#/petitions/new: the fast 来访 form).

import * as api from '../api.js';
import { el, field, selectField, pageHeader, replace, loadingBlock, errorBlock } from '../dom.js';
import { exportButton, pagedList } from '../list.js';
import { t, label, PETITION_STATES, PETITION_CHANNELS, PETITION_CATEGORIES, PETITION_RISKS } from '../i18n.js';
import { can } from '../session.js';
import { levelClass } from '../casework.js';

const TABS = ['all', 'mine', 'overdue', 'repeat', 'stats'];

/** pct: a fraction (0..1) as a percentage, or a dash. */
function pct(x) {
  return x === null || x === undefined ? t('common.dash') : (Math.round(x * 1000) / 10) + '%';
}
const COLS = 8;

/** petStateBadge: the badge of a petition's state. */
export function petStateBadge(state, testid) {
  return el('span', { class: ['badge', 'pet-state', 'pet-state-' + state], dataset: { state }, testid,
    text: label('pet_state', state) });
}

/** riskBadge: the risk level, amber for medium, red for high. */
export function riskBadge(level, testid) {
  const cls = level === 'high' ? levelClass('overdue') : level === 'medium' ? levelClass('warning') : null;
  return el('span', { class: ['badge', 'pet-risk', cls], testid, text: t('pet.risk_mark', { level: label('pet_risk', level) }) });
}

export function render(root, ctx) {
  const q = ctx.query;
  const ui = { tab: TABS.includes(q.get('tab')) ? q.get('tab') : 'all' };
  const state = { scope: '', lead: q.get('lead') === 'mine' ? 'mine' : '', overdue: '', repeat: '', state: q.get('state') || '', channel: q.get('channel') || '',
    category: q.get('category') || '', risk: q.get('risk') || '', q: q.get('q') || '',
    offset: Math.max(0, parseInt(q.get('offset') || '0', 10) || 0) };
  root.appendChild(pageHeader(t('pet.title'),
    can('petition.handle')
      ? el('a', { href: '#/petitions/new', class: 'btn btn-primary', testid: 'petitions-new', text: t('pet.new') })
      : null));
  const tabs = TABS.map((k) => el('button', { type: 'button', role: 'tab', class: 'tab', testid: 'petitions-tab-' + k,
    dataset: { tab: k }, text: t('pet.tab_' + k), on: { click: () => setTab(k) } }));
  root.appendChild(el('div', { class: 'tabs', role: 'tablist', 'aria-label': t('pet.title') }, tabs));
  const panel = el('section', { class: 'panel', role: 'tabpanel' });
  root.appendChild(panel);

  const all = { value: '', text: t('common.all') };
  const opts = (kind, codes) => [all].concat(codes.map((c) => ({ value: c, text: label(kind, c) })));
  const search = field({ name: 'q', label: t('pet.search'), type: 'search', value: state.q, maxlength: 50,
    testid: 'petitions-q' });
  const stateSel = selectField({ name: 'state', label: t('pet.state'), testid: 'petitions-state', value: state.state,
    options: [all, { value: 'open', text: label('pet_state', 'open') }]
      .concat(PETITION_STATES.map((s) => ({ value: s, text: label('pet_state', s) }))) });
  const channelSel = selectField({ name: 'channel', label: t('pet.channel'), testid: 'petitions-channel',
    value: state.channel, options: opts('pet_channel', PETITION_CHANNELS) });
  const categorySel = selectField({ name: 'category', label: t('pet.category'), testid: 'petitions-category',
    value: state.category, options: opts('pet_category', PETITION_CATEGORIES) });
  const riskSel = selectField({ name: 'risk', label: t('pet.risk'), testid: 'petitions-risk', value: state.risk,
    options: opts('pet_risk', PETITION_RISKS) });
  const filters = el('form', { class: 'filters form-grid form-grid-4', testid: 'petitions-filters',
    on: { submit: (e) => { e.preventDefault(); apply(); } } }, search, stateSel, channelSel, categorySel, riskSel);
  for (const s of [stateSel, channelSel, categorySel, riskSel]) s.control.addEventListener('change', apply);
  search.control.addEventListener('search', apply);
  search.control.addEventListener('change', apply);

  const table = el('table', { class: 'table petitions-table', testid: 'petitions-table', 'aria-busy': 'false' },
    el('thead', null, el('tr', null,
      ['col_received', 'col_petitioner', 'col_channel', 'col_category', 'col_matter', 'col_state', 'col_handler',
        'col_due'].map((k) => el('th', { text: t('pet.' + k) })))),
    el('tbody'));
  const pagerSlot = el('div', { class: 'pager-slot' });
  const listBox = el('div', null, filters, el('div', { class: 'table-wrap' }, table), pagerSlot);
  const statsBox = el('div', { testid: 'petitions-stats' });
  panel.append(listBox, statsBox);

  /** The figures by channel and by category (GET /petitions/stats). */
  async function drawStats() {
    const loading = loadingBlock();
    replace(statsBox, loading);
    history.replaceState(null, '', address());
    try {
      const [byChannel, byCategory] = await Promise.all([api.get('/petitions/stats', { by: 'channel' }),
        api.get('/petitions/stats', { by: 'category' })]);
      if (!loading.isConnected) return;
      const cols = ['key', 'total', 'procedural_rate', 'result_rate', 'repeat_rate', 'lead_resolution_rate'];
      const tbl = (reply, kind) => el('table', { class: 'table', testid: 'petitions-stats-' + reply.by },
        el('thead', null, el('tr', null, cols.map((k) => el('th', { text: k === 'key' ? t('pet.' + reply.by)
          : t('pet.stat_' + k) })))),
        el('tbody', null, reply.items.concat([Object.assign({ key: '' }, reply.total)]).map((x) =>
          el('tr', { testid: 'pet-stat-' + reply.by + '-' + (x.key || 'total') },
            el('td', { text: x.key ? label(kind, x.key) : t('pet.stat_total') }), el('td', { text: String(x.total) }),
            el('td', { text: pct(x.procedural_rate) }), el('td', { text: pct(x.result_rate) }),
            el('td', { text: pct(x.repeat_rate) }), el('td', { text: pct(x.lead_resolution_rate) })))));
      replace(statsBox, el('div', { class: 'table-wrap' }, tbl(byChannel, 'pet_channel')),
        el('div', { class: 'table-wrap' }, tbl(byCategory, 'pet_category')));
    } catch (err) {
      if (loading.isConnected) replace(statsBox, errorBlock(err));
    }
  }

  const address = () => '#/petitions' + api.query({ tab: ui.tab === 'all' ? '' : ui.tab, lead: state.lead,
    state: state.state,
    channel: state.channel, category: state.category, risk: state.risk, q: state.q, offset: state.offset || '' });
  const list = pagedList({ table, pagerSlot, cols: COLS, path: '/petitions', state,
    filters: ['scope', 'lead', 'overdue', 'repeat', 'state', 'channel', 'category', 'risk', 'q'], hash: address,
    pagerTestid: 'petitions-pager', row, form: filters, empty: () => t('pet.empty') });
  exportButton(table, 'petitions-export');

  function row(p) {
    const matter = p.matter && p.matter.length > 40 ? p.matter.slice(0, 40) + '…' : p.matter;
    return el('tr', { testid: 'petition-row-' + p.id, class: p.overdue ? 'is-overdue' : null },
      el('td', { class: 'nowrap', text: p.received_on }),
      el('td', null, el('a', { href: '#/petitions/' + p.id, testid: 'petition-link-' + p.id,
        text: p.petitioner || t('common.dash') }),
      p.repeat_of ? el('span', { class: 'tag', testid: 'petition-repeat-' + p.id, text: t('pet.repeat_mark') }) : null),
      el('td', { class: 'nowrap', text: label('pet_channel', p.channel) }),
      el('td', { class: 'nowrap', text: label('pet_category', p.category) }),
      el('td', { class: 'cell-title', text: matter }),
      el('td', { class: 'nowrap' }, petStateBadge(p.state, 'petition-state-' + p.id),
        p.risk_level !== 'low' ? riskBadge(p.risk_level) : null,
        p.overdue ? el('span', { class: ['badge', 'level-badge', levelClass('overdue')], testid: 'petition-overdue-' + p.id,
          text: t('pet.overdue') }) : null),
      el('td', { class: 'nowrap', text: p.handler_name + (p.handler_id !== p.first_handler_id
        ? t('pet.first_handler_mark', { name: p.first_handler_name }) : '') }),
      el('td', { class: 'nowrap', text: p.next_due_on || t('common.dash') }));
  }

  function apply() {
    state.q = search.control.value.trim();
    state.state = stateSel.control.value;
    state.channel = channelSel.control.value;
    state.category = categorySel.control.value;
    state.risk = riskSel.control.value;
    state.offset = 0;
    load();
  }

  function setTab(k) {
    if (ui.tab === k) return;
    ui.tab = k;
    state.offset = 0;
    load();
  }

  function load() {
    for (const b of tabs) {
      const on = b.dataset.tab === ui.tab;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
      b.classList.toggle('is-active', on);
    }
    const stats = ui.tab === 'stats';
    listBox.hidden = stats;
    statsBox.hidden = !stats;
    const bar = panel.querySelector('.export-bar');
    if (bar) bar.hidden = stats;
    if (stats) { drawStats(); return; }
    state.scope = ui.tab === 'mine' ? 'mine' : '';
    state.overdue = ui.tab === 'overdue' ? 'true' : '';
    state.repeat = ui.tab === 'repeat' ? 'true' : '';
    list.load();
  }

  load();
}
