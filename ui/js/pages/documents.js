// pages/documents.js: the office's 文书 (#/documents?type=&q=&offset=, GET /api/v1/documents, paged; case.read): 文号,
// 文书, 案号, 成文日期, 制发人, 状态, newest first; a type filter and a search over the 文号 and the text; the Excel
// export of the list in force; each 文号 opens the print view.

import * as api from '../api.js';
import { el, pageHeader } from '../dom.js';
import { exportButton, pagedList } from '../list.js';
import { t } from '../i18n.js';

const TYPES = ['non_prosecution', 'procuratorial_opinion', 'suggestion', 'review_suspension', 'review_termination',
  'urging_letter'];
const COLS = 6;

export function render(root, ctx) {
  const q = ctx.query;
  const state = { type: TYPES.includes(q.get('type')) ? q.get('type') : '', q: q.get('q') || '',
    offset: Math.max(0, parseInt(q.get('offset') || '0', 10) || 0) };
  root.appendChild(pageHeader(t('documents.list_title')));
  const type = el('select', { class: 'input', name: 'type', testid: 'documents-type', 'aria-label': t('documents.col_type'),
    on: { change: () => { state.type = type.value; state.offset = 0; list.load(); } } },
  el('option', { value: '', text: t('documents.all_types') }),
  TYPES.map((x) => el('option', { value: x, text: t('doctype.' + x) })));
  type.value = state.type;
  const search = el('input', { class: 'input', type: 'search', name: 'q', maxlength: 50, testid: 'documents-q',
    placeholder: t('documents.search'), 'aria-label': t('documents.search'), value: state.q });
  const form = el('form', { class: 'filters', testid: 'documents-filters',
    on: { submit: (e) => { e.preventDefault(); state.q = search.value.trim(); state.offset = 0; list.load(); } } },
  type, search, el('button', { type: 'submit', class: 'btn', text: t('common.search') }));
  const table = el('table', { class: 'table documents-table', testid: 'documents-table', 'aria-busy': 'false' },
    el('thead', null, el('tr', null,
      el('th', { text: t('documents.col_number') }), el('th', { text: t('documents.col_type') }),
      el('th', { text: t('documents.col_case') }), el('th', { text: t('documents.col_issued_on') }),
      el('th', { text: t('documents.col_issued_by') }), el('th', { text: t('documents.col_state') }))),
    el('tbody'));
  const pagerSlot = el('div', { class: 'pager-slot' });
  root.appendChild(el('section', { class: 'panel' }, form, el('div', { class: 'table-wrap' }, table), pagerSlot));
  const list = pagedList({ table, pagerSlot, cols: COLS, path: '/documents', state, filters: ['type', 'q'], form,
    route: '#/documents', pagerTestid: 'documents-pager', empty: () => t('documents.none'),
    row: (d) => el('tr', { testid: 'documents-row-' + d.id },
      el('td', { class: 'nowrap' }, el('a', { href: '#/documents/' + encodeURIComponent(d.id), text: d.number })),
      el('td', { text: d.type_name || t('doctype.' + d.type) }),
      el('td', null, d.case_id ? el('a', { href: '#/cases/' + encodeURIComponent(d.case_id), text: d.case_number || '' })
        : t('common.dash')),
      el('td', { class: 'nowrap', text: d.issued_on }),
      el('td', { class: 'nowrap', text: d.issued_by_name || t('common.dash') }),
      el('td', { class: 'nowrap' }, d.superseded_by ? el('span', { class: 'tag tag-warn', text: t('documents.superseded') })
        : el('span', { class: 'tag', text: t('documents.in_force') }))) });
  exportButton(table, 'documents-export');
  list.load();
}
