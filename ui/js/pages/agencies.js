// pages/agencies.js: the office's registry of agencies, 机关名录 (#/agencies?q=&kind=&offset=): a filter bar (name or
// part of the 统一社会信用代码, kind) and a paged table from GET /api/v1/agencies, with the Excel export and the print
// header every list has; "新增机关" for the holders of agency.manage. The filters are kept in the address.

import { el, field, selectField, pageHeader, section } from '../dom.js';
import { exportButton, pagedList } from '../list.js';
import { t, label, AGENCY_KINDS } from '../i18n.js';
import { can } from '../session.js';

const FILTERS = ['q', 'kind'];

/** render: the filter bar, the table and the pager; reloads the table whenever a filter changes. */
export async function render(root, ctx) {
  const state = { offset: Math.max(0, parseInt(ctx.query.get('offset') || '0', 10) || 0) };
  for (const k of FILTERS) state[k] = ctx.query.get(k) || '';

  root.appendChild(pageHeader(t('agencies.title'),
    can('agency.manage') ? el('a', { href: '#/agencies/new', class: 'btn btn-primary', testid: 'agencies-new',
      text: t('agencies.new') }) : null));

  const q = field({ name: 'q', label: t('agencies.search_label'), type: 'search', value: state.q, maxlength: 50,
    placeholder: t('agencies.search'), testid: 'agencies-q', id: 'agencies-q' });
  const kind = selectField({ name: 'kind', label: t('agencies.kind'), testid: 'agencies-kind', value: state.kind,
    options: [{ value: '', text: t('common.all') }]
      .concat(AGENCY_KINDS.map((k) => ({ value: k, text: label('agency_kind', k) }))) });
  const filterForm = el('form', { class: 'filter-bar', role: 'search', novalidate: true, testid: 'agencies-filter' },
    q, kind,
    el('div', { class: 'filter-buttons' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'agencies-search-submit', text: t('common.search') }),
      el('button', { type: 'button', class: 'btn', testid: 'agencies-reset', text: t('common.reset'),
        on: { click: resetFilters } })));

  const table = el('table', { class: 'table table-hover', testid: 'agencies-table', 'aria-busy': 'false' },
    el('thead', null, el('tr', null,
      el('th', { text: t('agencies.name') }), el('th', { text: t('agencies.kind') }),
      el('th', { text: t('agencies.credit_code') }), el('th', { text: t('agencies.superior') }),
      el('th', { text: t('agencies.contact_person') }), el('th', { text: t('agencies.phone') }))),
    el('tbody'));
  const pagerSlot = el('div', { class: 'pager-slot' });
  root.appendChild(section(null, filterForm));
  root.appendChild(section(null, el('div', { class: 'table-wrap' }, table), pagerSlot));

  const { load } = pagedList({ table, pagerSlot, cols: 6, path: '/agencies', state, filters: FILTERS, route: '#/agencies',
    pagerTestid: 'agencies-pager', row: agencyRow, form: filterForm });
  exportButton(table, 'agencies-export');

  /** agencyRow: one agency, its name linking to its page. */
  function agencyRow(a) {
    const dash = t('common.dash');
    return el('tr', { testid: 'agency-row-' + a.id, dataset: { id: String(a.id) } },
      el('td', null, el('a', { href: '#/agencies/' + encodeURIComponent(a.id), text: a.name })),
      el('td', { text: a.kind ? label('agency_kind', a.kind) : dash }),
      el('td', { class: 'mono', text: a.credit_code || dash }),
      el('td', null, a.superior_id
        ? el('a', { href: '#/agencies/' + encodeURIComponent(a.superior_id), text: a.superior_name }) : dash),
      el('td', { text: a.contact_person || dash }),
      el('td', { class: 'nowrap', text: a.phone || dash }));
  }

  function readFilters() {
    state.q = q.control.value.trim();
    state.kind = kind.control.value;
    state.offset = 0;
  }

  function resetFilters() {
    q.control.value = '';
    kind.control.value = '';
    readFilters();
    load();
    q.control.focus();
  }

  filterForm.addEventListener('submit', (e) => { e.preventDefault(); readFilters(); load(); });
  kind.control.addEventListener('change', () => { readFilters(); load(); });
  let typing = 0;
  q.control.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { if (q.control.value.trim() !== state.q) { readFilters(); load(); } }, 350);
  });
  load();
}
