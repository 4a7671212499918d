// pages/audit.js: the audit log (#/admin/audit?action=&entity=&user_id=&from=&to=&offset=): filters, a paged table
// from GET /api/v1/audit (newest first), and rows that expand to show the record before and after the change.

import * as api from '../api.js';
import { el, field, selectField, pageHeader, section, fmtTime, clearErrors, fieldError } from '../dom.js';
import { exportButton, pagedList } from '../list.js';
import { t, label, AUDIT_ACTIONS, AUDIT_ENTITIES } from '../i18n.js';

const FILTERS = ['action', 'entity', 'user_id', 'from', 'to'];
const COLS = 6;

/** pretty: a before/after value as indented JSON text, or the catalogue's 'none' for null/absent. */
export function pretty(value) {
  if (value === null || value === undefined) return t('audit.no_data');
  return JSON.stringify(value, null, 2);
}

/** render: the filter form, the table and the pager. */
export async function render(root, ctx) {
  const state = { offset: Math.max(0, parseInt(ctx.query.get('offset') || '0', 10) || 0) };
  for (const k of FILTERS) state[k] = ctx.query.get(k) || '';

  root.appendChild(pageHeader(t('audit.title')));
  const all = { value: '', text: t('common.all') };
  const action = selectField({ name: 'action', label: t('audit.action'), testid: 'audit-action', value: state.action,
    options: [all].concat(AUDIT_ACTIONS.map((a) => ({ value: a, text: label('audit_action', a) }))) });
  const entity = selectField({ name: 'entity', label: t('audit.entity'), testid: 'audit-entity', value: state.entity,
    options: [all].concat(AUDIT_ENTITIES.map((a) => ({ value: a, text: label('audit_entity', a) }))) });
  const user = selectField({ name: 'user_id', label: t('audit.user'), testid: 'audit-user', options: [all] });
  const from = field({ name: 'from', label: t('audit.from'), type: 'date', value: state.from, testid: 'audit-from' });
  const to = field({ name: 'to', label: t('audit.to'), type: 'date', value: state.to, testid: 'audit-to' });
  const form = el('form', { class: 'filter-bar', novalidate: true, testid: 'audit-filter' },
    action, entity, user, from, to,
    el('div', { class: 'filter-buttons' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'audit-filter-submit', text: t('audit.filter_submit') }),
      el('button', { type: 'button', class: 'btn', testid: 'audit-reset', text: t('common.reset'), on: { click: resetFilters } })));

  const table = el('table', { class: 'table table-hover audit-table', testid: 'audit-table', 'aria-busy': 'false' },
    el('thead', null, el('tr', null,
      el('th', { class: 'col-time', text: t('audit.at') }), el('th', { text: t('audit.user') }),
      el('th', { text: t('audit.action') }), el('th', { text: t('audit.entity') }),
      el('th', { text: t('audit.entity_id') }), el('th', { class: 'col-actions', text: t('audit.details') }))),
    el('tbody'));
  const pagerSlot = el('div', { class: 'pager-slot' });
  root.appendChild(section(null, form));
  root.appendChild(section(null, el('div', { class: 'table-wrap' }, table), pagerSlot));

  const { load } = pagedList({ table, pagerSlot, cols: COLS, path: '/audit', state, filters: FILTERS,
    route: '#/admin/audit', form, pagerTestid: 'audit-pager', row: auditRows });
  exportButton(table, 'audit-export');

  /** auditRows: the entry's row and its hidden detail row (before/after); clicking the row opens or closes it. */
  function auditRows(a) {
    const detailId = 'audit-detail-' + a.id;
    const btn = el('button', { type: 'button', class: 'btn btn-small btn-link', testid: 'audit-expand-' + a.id,
      'aria-expanded': 'false', 'aria-controls': detailId, text: t('audit.show') });
    const detail = el('tr', { class: 'detail-row', id: detailId, hidden: true, testid: 'audit-detail-' + a.id },
      el('td', { colspan: String(COLS) },
        el('div', { class: 'diff' },
          el('div', { class: 'diff-side' },
            el('div', { class: 'diff-title', text: t('audit.before') }),
            el('pre', { class: 'json', testid: 'audit-before', text: pretty(a.before) })),
          el('div', { class: 'diff-side' },
            el('div', { class: 'diff-title', text: t('audit.after') }),
            el('pre', { class: 'json', testid: 'audit-after', text: pretty(a.after) })))));
    const toggle = () => {
      const open = detail.hidden;
      detail.hidden = !open;
      row.classList.toggle('is-open', open);
      btn.setAttribute('aria-expanded', open ? 'true' : 'false');
      btn.textContent = open ? t('audit.hide') : t('audit.show');
    };
    const row = el('tr', { class: ['audit-row', a.action === 'session.login_failed' ? 'is-warning' : null],
      testid: 'audit-row-' + a.id, dataset: { id: String(a.id) } },
    el('td', { class: 'nowrap mono', text: fmtTime(a.at), title: a.at }),
    el('td', { class: 'mono', text: a.user_login || t('common.dash') }),
    el('td', { text: label('audit_action', a.action) }),
    el('td', { text: label('audit_entity', a.entity) }),
    el('td', { class: 'mono', text: a.entity_id === null || a.entity_id === undefined ? '' : String(a.entity_id) }),
    el('td', { class: 'col-actions' }, btn));
    btn.addEventListener('click', (e) => { e.stopPropagation(); toggle(); });
    row.addEventListener('click', (e) => { if (!window.getSelection().toString()) toggle(); });
    return [row, detail];
  }

  function readFilters() {
    clearErrors(form);
    const next = { action: action.control.value, entity: entity.control.value, user_id: user.control.value,
      from: from.control.value, to: to.control.value };
    if (next.from && next.to && next.from > next.to) {
      fieldError(form, 'to', t('valid.date_range'), true);
      return false;
    }
    Object.assign(state, next, { offset: 0 });
    return true;
  }

  function resetFilters() {
    for (const f of [action, entity, user, from, to]) f.control.value = '';
    if (readFilters()) load();
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); if (readFilters()) load(); });
  for (const s of [action, entity, user]) s.control.addEventListener('change', () => { if (readFilters()) load(); });

  load();
  try {
    const users = await api.getAll('/users');
    users.sort((a, b) => (a.login < b.login ? -1 : a.login > b.login ? 1 : 0));
    for (const u of users) user.control.appendChild(el('option', { value: String(u.id), text: t('audit.user_option', { login: u.login, name: u.name }) }));
    user.control.value = state.user_id;
  } catch (err) {
    // Without the directory the user filter offers only 'all'; the log itself still loads.
  }
}
