// pages/cases.js: the case list (#/cases?q=&status=&case_type=&department_id=&prosecutor_id=&charge=&received_from=
// &received_to=&overdue=true&offset=): a filter bar and a paged table from GET /api/v1/cases. As on the users page, the
// filters are mirrored into the hash without a new history entry, so going back from a case returns to the same list.

import * as api from '../api.js';
import { el, field, selectField, pageHeader, section, clearErrors, fieldError, nextId } from '../dom.js';
import { exportButton, pagedList } from '../list.js';
import { t, label, CASE_TYPES, CASE_STATUSES } from '../i18n.js';
import { can } from '../session.js';
import { charges, levelBadge, levelClass, statusBadge } from '../casework.js';

const FILTERS = ['q', 'status', 'case_type', 'department_id', 'prosecutor_id', 'charge', 'received_from', 'received_to',
  'overdue', 'unassigned', 'concluded_from', 'concluded_to'];
const COLS = 8;

/** render: the filter bar, the table and the pager; reloads the table whenever a filter changes. */
export async function render(root, ctx) {
  const state = { offset: Math.max(0, parseInt(ctx.query.get('offset') || '0', 10) || 0) };
  for (const k of FILTERS) state[k] = ctx.query.get(k) || '';
  if (state.overdue !== 'true') state.overdue = '';
  // the home page's queues: 待分案 and 本月审结 (shown as a note with a button that clears them)
  if (state.unassigned !== 'true') state.unassigned = '';
  for (const k of ['concluded_from', 'concluded_to']) if (!/^\d{4}-\d{2}-\d{2}$/.test(state[k])) state[k] = '';

  root.appendChild(pageHeader(t('cases.title'),
    can('case.register')
      ? el('a', { href: '#/cases/new', class: 'btn btn-primary', testid: 'cases-new', text: t('cases.new') }) : null));

  const all = { value: '', text: t('common.all') };
  const q = field({ name: 'q', label: t('cases.search_label'), type: 'search', value: state.q, maxlength: 50,
    placeholder: t('cases.search'), testid: 'cases-q', id: 'cases-q' });
  const status = selectField({ name: 'status', label: t('case.status'), testid: 'cases-status', value: state.status,
    options: [all, { value: 'open', text: label('case_status', 'open') }]
      .concat(CASE_STATUSES.map((s) => ({ value: s, text: label('case_status', s) }))) });
  const type = selectField({ name: 'case_type', label: t('case.type'), testid: 'cases-type', value: state.case_type,
    options: [all].concat(CASE_TYPES.map((s) => ({ value: s, text: label('case_type', s) }))) });
  const dept = selectField({ name: 'department_id', label: t('case.department'), testid: 'cases-department',
    options: [all] });
  const pros = selectField({ name: 'prosecutor_id', label: t('case.prosecutor'), testid: 'cases-prosecutor',
    options: [all] });
  const charge = selectField({ name: 'charge', label: t('case.charge'), testid: 'cases-charge', options: [all] });
  const from = field({ name: 'received_from', label: t('cases.received_from'), type: 'date', value: state.received_from,
    testid: 'cases-received-from' });
  const to = field({ name: 'received_to', label: t('cases.received_to'), type: 'date', value: state.received_to,
    testid: 'cases-received-to' });
  const overdueId = nextId('cases-overdue');
  const overdue = el('input', { type: 'checkbox', id: overdueId, name: 'overdue', value: 'true', testid: 'cases-overdue',
    checked: state.overdue === 'true' });
  const overdueField = el('div', { class: ['field', 'field-check'], dataset: { field: 'overdue' } },
    el('label', { class: 'check check-alert', for: overdueId }, overdue, el('span', { text: t('cases.overdue_only') })),
    el('div', { class: 'field-error', 'aria-live': 'polite' }));
  const form = el('form', { class: ['filter-bar', 'filter-bar-dense'], role: 'search', novalidate: true,
    testid: 'cases-filter' },
  q, status, type, dept, pros, charge, from, to, overdueField,
  el('div', { class: 'filter-buttons' },
    el('button', { type: 'submit', class: 'btn btn-primary', testid: 'cases-search-submit', text: t('common.search') }),
    el('button', { type: 'button', class: 'btn', testid: 'cases-reset', text: t('common.reset'), on: { click: resetFilters } })));

  const table = el('table', { class: 'table table-hover cases-table', testid: 'cases-table', 'aria-busy': 'false' },
    el('thead', null, el('tr', null,
      el('th', { text: t('case.number') }), el('th', { text: t('case.title') }), el('th', { text: t('case.type') }),
      el('th', { text: t('case.persons') }), el('th', { text: t('case.prosecutor') }),
      el('th', { text: t('case.received_on') }), el('th', { text: t('case.status') }),
      el('th', { text: t('cases.next_due') }))),
    el('tbody'));
  const pagerSlot = el('div', { class: 'pager-slot' });
  const notes = [];
  if (state.unassigned) notes.push(t('cases.unassigned_only'));
  if (state.concluded_from) notes.push(t('cases.concluded_from') + ' ' + state.concluded_from);
  if (state.concluded_to) notes.push(t('cases.concluded_to') + ' ' + state.concluded_to);
  const note = notes.length ? el('p', { class: 'filter-note', testid: 'cases-extra-filter' }, el('span', { text: notes.join('，') }),
    el('button', { type: 'button', class: 'btn btn-small', testid: 'cases-extra-filter-clear', text: t('common.reset'),
      on: { click: () => { state.unassigned = state.concluded_from = state.concluded_to = ''; state.offset = 0; note.remove(); load(); } } }))
    : null;
  root.appendChild(section(null, form, note));
  root.appendChild(section(null, el('div', { class: 'table-wrap' }, table), pagerSlot));

  const { load } = pagedList({ table, pagerSlot, cols: COLS, path: '/cases', state, filters: FILTERS, route: '#/cases',
    form, pagerTestid: 'cases-pager', row: caseRow,
    empty: () => (FILTERS.some((k) => state[k]) ? t('cases.empty_filtered') : t('cases.empty')) });
  exportButton(table, 'cases-export');

  /** caseRow: one case, marked when its next deadline is due or overdue. */
  function caseRow(c) {
    const href = '#/cases/' + encodeURIComponent(c.id);
    return el('tr', { testid: 'case-row-' + c.id, dataset: { id: String(c.id) },
      class: c.level === 'overdue' || c.level === 'due' ? 'is-alert' : null },
    el('td', { class: 'nowrap' }, el('a', { href, text: c.case_number })),
    el('td', { class: 'cell-title' }, el('a', { href, class: 'plain-link', text: c.title }),
      c.summary_procedure ? el('span', { class: 'tag', text: t('case.flag_summary') }) : null,
      c.major_complex ? el('span', { class: 'tag tag-warn', text: t('case.flag_major') }) : null),
    el('td', { class: 'nowrap', text: label('case_type', c.case_type) }),
    el('td', { class: 'cell-persons', text: c.person_names || '' }),
    el('td', { class: 'nowrap', text: c.prosecutor_name || t('common.dash') }),
    el('td', { class: 'nowrap mono', text: c.received_on }),
    el('td', { class: 'nowrap' }, statusBadge(c.status)),
    el('td', { class: ['nowrap', 'cell-due', levelClass(c.level)] },
      c.next_due ? el('span', { class: 'mono due-date', text: c.next_due }) : el('span', { class: 'muted', text: t('common.dash') }),
      c.next_due ? levelBadge(c.level, 'case-level-' + c.id) : null));
  }

  function readFilters() {
    clearErrors(form);
    const next = {
      q: q.control.value.trim(), status: status.control.value, case_type: type.control.value,
      department_id: dept.control.value, prosecutor_id: pros.control.value, charge: charge.control.value,
      received_from: from.control.value, received_to: to.control.value, overdue: overdue.checked ? 'true' : '',
    };
    if (next.received_from && next.received_to && next.received_from > next.received_to) {
      fieldError(form, 'received_to', t('valid.date_range'), true);
      return false;
    }
    Object.assign(state, next, { offset: 0 });
    return true;
  }

  function resetFilters() {
    q.control.value = '';
    for (const f of [status, type, dept, pros, charge, from, to]) f.control.value = '';
    overdue.checked = false;
    if (readFilters()) load();
    q.control.focus();
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); if (readFilters()) load(); });
  for (const s of [status, type, dept, pros, charge]) s.control.addEventListener('change', () => { if (readFilters()) load(); });
  overdue.addEventListener('change', () => { if (readFilters()) load(); });
  let typing = 0;
  q.control.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { if (q.control.value.trim() !== state.q && readFilters()) load(); }, 350);
  });

  load();
  // The filters' option lists; each may fail on its own without breaking the list.
  const fill = (sel, items, value) => {
    for (const it of items) sel.control.appendChild(el('option', { value: String(it.value), text: it.text }));
    // A value from the address that is not in the list (an unknown id) stays selected, shown as itself.
    if (value && !items.some((it) => String(it.value) === value)) sel.control.appendChild(el('option', { value, text: value }));
    sel.control.value = value;
  };
  await Promise.all([
    api.get('/departments').then((r) => fill(dept, r.items.map((d) => ({ value: d.id, text: d.name })), state.department_id)),
    api.getAll('/users', { role: 'prosecutor' }).then((us) => fill(pros,
      us.map((u) => ({ value: u.id, text: u.active ? u.name : t('cases.inactive_user', { name: u.name }) })), state.prosecutor_id)),
    charges().then((cs) => fill(charge, cs.map((c) => ({ value: c.code, text: c.name })), state.charge)),
  ].map((p) => p.catch(() => {})));
}
