// pages/users.js: the user list (#/admin/users?q=&department_id=&role=&active=&offset=): a filter bar and a paged
// table from GET /api/v1/users. The filters are mirrored into the hash (without a new history entry), so going back
// from a user's page returns to the same list.

import * as api from '../api.js';
import { el, selectField, field, pageHeader, section, fmtTime, rolesText } from '../dom.js';
import { exportButton, pagedList } from '../list.js';
import { t, label, ROLES } from '../i18n.js';

const FILTERS = ['q', 'department_id', 'role', 'active'];

/** render: the filter bar, the table and the pager; reloads the table whenever a filter changes. */
export async function render(root, ctx) {
  const state = { offset: Math.max(0, parseInt(ctx.query.get('offset') || '0', 10) || 0) };
  for (const k of FILTERS) state[k] = ctx.query.get(k) || '';

  root.appendChild(pageHeader(t('users.title'),
    el('a', { href: '#/admin/users/new', class: 'btn btn-primary', testid: 'users-new', text: t('users.new') })));

  const q = field({ name: 'q', label: t('users.search_label'), type: 'search', value: state.q, maxlength: 50,
    placeholder: t('users.search'), testid: 'users-q', id: 'users-q' });
  const dept = selectField({ name: 'department_id', label: t('users.department'), testid: 'users-department',
    options: [{ value: '', text: t('common.all') }] });
  const role = selectField({ name: 'role', label: t('users.role'), testid: 'users-role', value: state.role,
    options: [{ value: '', text: t('common.all') }].concat(ROLES.map((r) => ({ value: r, text: label('role', r) }))) });
  const active = selectField({ name: 'active', label: t('users.active'), testid: 'users-active', value: state.active,
    options: [{ value: '', text: t('common.all') }, { value: 'true', text: t('users.status_active') },
      { value: 'false', text: t('users.status_inactive') }] });
  const filterForm = el('form', { class: 'filter-bar', role: 'search', novalidate: true, testid: 'users-filter' },
    q, dept, role, active,
    el('div', { class: 'filter-buttons' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'users-search-submit', text: t('common.search') }),
      el('button', { type: 'button', class: 'btn', testid: 'users-reset', text: t('common.reset'), on: { click: resetFilters } })));

  const table = el('table', { class: 'table table-hover', testid: 'users-table', 'aria-busy': 'false' },
    el('thead', null, el('tr', null,
      el('th', { text: t('users.login') }), el('th', { text: t('users.name') }), el('th', { text: t('users.department') }),
      el('th', { text: t('users.roles') }), el('th', { text: t('users.status') }),
      el('th', { text: t('common.created_at') }), el('th', { class: 'col-actions', text: t('common.actions') }))),
    el('tbody'));
  const pagerSlot = el('div', { class: 'pager-slot' });
  root.appendChild(section(null, filterForm));
  root.appendChild(section(null, el('div', { class: 'table-wrap' }, table), pagerSlot));

  const { load } = pagedList({ table, pagerSlot, cols: 7, path: '/users', state, filters: FILTERS, route: '#/admin/users',
    pagerTestid: 'users-pager', row: userRow });
  exportButton(table, 'users-export');

  /** userRow: one user, with links to the user's page. */
  function userRow(u) {
    const href = '#/admin/users/' + encodeURIComponent(u.id);
    return el('tr', { testid: 'user-row-' + u.id, class: u.active ? null : 'is-inactive', dataset: { id: String(u.id) } },
      el('td', { class: 'mono' }, el('a', { href, text: u.login })),
      el('td', { text: u.name }),
      el('td', { text: u.department_name || t('users.no_department') }),
      el('td', { text: rolesText(u.roles) }),
      el('td', null, el('span', { class: ['badge', u.active ? 'badge-ok' : 'badge-off'],
        text: u.active ? t('users.status_active') : t('users.status_inactive') })),
      el('td', { class: 'nowrap', text: fmtTime(u.created_at) }),
      el('td', { class: 'col-actions' }, el('a', { href, class: 'btn btn-small btn-link', testid: 'user-edit-' + u.id,
        text: t('common.edit') })));
  }

  function readFilters() {
    state.q = q.control.value.trim();
    state.department_id = dept.control.value;
    state.role = role.control.value;
    state.active = active.control.value;
    state.offset = 0;
  }

  function resetFilters() {
    q.control.value = '';
    dept.control.value = '';
    role.control.value = '';
    active.control.value = '';
    readFilters();
    load();
    q.control.focus();
  }

  filterForm.addEventListener('submit', (e) => { e.preventDefault(); readFilters(); load(); });
  for (const s of [dept, role, active]) s.control.addEventListener('change', () => { readFilters(); load(); });
  let typing = 0;
  q.control.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { if (q.control.value.trim() !== state.q) { readFilters(); load(); } }, 350);
  });

  load();
  try {
    const depts = (await api.get('/departments')).items;
    for (const d of depts) dept.control.appendChild(el('option', { value: String(d.id), text: d.name }));
    dept.control.value = state.department_id;
  } catch (err) {
    // The list still works without the department filter; the error is shown by the table if the server is down.
  }
}
