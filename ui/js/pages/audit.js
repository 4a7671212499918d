// pages/audit.js: the audit log (#/admin/audit?case_number=&person=&user_id=&action=&entity=&from=&to=&case_id=&offset=):
// filters, a paged table from GET /api/v1/audit (newest first) that names people and records (the user's name with the
// login beside it, the case's 案号), times in China Standard Time, and rows that expand to show the change as a table
// of field labels with the value before and after (codes as their Chinese labels, only the fields that changed).

import { el, field, selectField, pageHeader, section, fmtTime, clearErrors, fieldError, rolesText } from '../dom.js';
import * as api from '../api.js';
import { exportButton, pagedList } from '../list.js';
import { t, label, AUDIT_ACTIONS, AUDIT_ENTITIES } from '../i18n.js';

const FILTERS = ['case_number', 'person', 'user_id', 'action', 'entity', 'from', 'to', 'case_id'];
const COLS = 5;

// ---------------------------------------------------------------------------------------------------------------------
// A record as rows of '项目 / 值'

/** SKIP: internal ids and values derived from others (the names beside the ids say who and what). */
const SKIP = new Set(['id', 'org_id', 'user_id', 'department_id', 'prosecutor_id', 'parent_id', 'person_names',
  'in_custody', 'created_at', 'updated_at', 'proposed_by', 'decided_by', 'case_id', 'entity_id', 'person_id']);

/** CODE_KIND: the label() kind of a field whose values are codes (status, kind and level depend on the record). */
const CODE_KIND = {
  case_type: 'case_type', custody: 'custody', sentence_band: 'sentence_band', decision: 'decision',
  final_decision: 'decision', non_prosecution_type: 'npt', instance: 'instance', sex: 'sex',
  decision_kind: 'decision_kind', approver: 'approver', conclusion: 'conclusion', assign: 'assign_mode',
};
const ENTITY_CODE_KIND = {
  case: { status: 'case_status' }, approval: { status: 'approval_status' }, department: { kind: 'dept_kind' },
  org: { level: 'org_level' },
};

/** ORDER: the order fields are listed in, as on the case page (the stored JSON has its keys sorted by name). */
const ORDER = ['case_number', 'title', 'case_type', 'status', 'received_on', 'source_agency', 'source_number',
  'department_name', 'prosecutor_name', 'major_complex', 'summary_procedure', 'prior_returns', 'conclusion',
  'concluded_on', 'archived_on', 'transferred_on', 'jurisdiction_issue_on', 'login', 'code', 'name', 'short_name',
  'level', 'kind', 'roles', 'active', 'id_number', 'sex', 'birth_date', 'custody', 'custody_since', 'custody_history',
  'plea', 'sentence_band', 'charges', 'offence_on', 'decision', 'non_prosecution_type', 'decision_on', 'probation_months',
  'final_decision', 'final_on', 'judgment', 'judgment_on', 'sentence', 'instance', 'recommendation_adopted', 'consistent',
  'prosecution_withdrawn_on', 'clock_stops', 'persons'];
const rank = (k) => { const i = ORDER.indexOf(k); return i < 0 ? ORDER.length - 1 : i; };

/** fieldLabel: the Chinese label of a field name (the name itself for one the catalogue lacks). */
function fieldLabel(key) {
  return label('audit_field', key);
}

/** valueText: one value as text people read: codes as labels, booleans as 是/否, lists joined with '、'. */
export function valueText(key, v, entity) {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (key === 'roles' && Array.isArray(v)) return rolesText(v);
  if (key === 'charges' && Array.isArray(v)) return v.map((c) => (c && typeof c === 'object' ? c.name || c.code : String(c))).join('、');
  if (key === 'custody_history' && Array.isArray(v)) {
    return v.map((h) => [h.from_on, label('custody', h.custody)].filter(Boolean).join(' ')).join('；');
  }
  if (key === 'clock_stops' && Array.isArray(v)) {
    return v.map((s) => [label('stop_kind', s.kind), [s.from_on, s.to_on].filter(Boolean).join(' 至 '), s.reason]
      .filter(Boolean).join(' ')).join('；');
  }
  if (Array.isArray(v)) {
    return v.map((x) => (x && typeof x === 'object' ? objectText(x, entity) : valueText(key, x, entity))).join('、');
  }
  if (typeof v === 'object') return objectText(v, entity);
  const kind = (ENTITY_CODE_KIND[entity] || {})[key] || CODE_KIND[key];
  if (kind && typeof v === 'string') return label(kind, v);
  return String(v);
}

/** objectText: a small object inside a list as '项目：值，项目：值'. */
function objectText(o, entity) {
  return Object.entries(o).filter(([k, v]) => !SKIP.has(k) && v !== null && v !== '')
    .map(([k, v]) => fieldLabel(k) + '：' + valueText(k, v, entity)).join('，');
}

/**
 * flatten: a record (a case with its persons, a user, a setting...) as a Map from a stable key to {label, text}:
 * top-level fields by name, nested objects as '判决 · 判决日期', each person of a case under its id, labelled with its
 * name ('涉案人员 张某 · 强制措施').
 */
export function flatten(obj, entity, out = new Map(), keyPrefix = '', labelPrefix = '') {
  if (!obj || typeof obj !== 'object') return out;
  const entries = Object.entries(obj).sort((x, y) => rank(x[0]) - rank(y[0]));
  for (const [k, v] of entries) {
    if (SKIP.has(k)) continue;
    const key = keyPrefix + k;
    const lab = labelPrefix ? labelPrefix + ' · ' + fieldLabel(k) : fieldLabel(k);
    if (k === 'persons' && Array.isArray(v) && !keyPrefix) {
      v.forEach((p, i) => {
        if (!p || typeof p !== 'object') return;
        flatten(p, entity, out, 'persons.' + (p.id !== undefined ? p.id : 'n' + i) + '.',
          t('audit.person_label', { name: p.name || String(i + 1) }));
      });
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      flatten(v, entity, out, key + '.', lab);
    } else {
      out.set(key, { label: lab, text: valueText(k, v, entity) });
    }
  }
  return out;
}

/**
 * changeRows: the rows of an entry's before/after table: [{label, before, after}], only the fields whose text differs
 * (every field when there is no before or no after: a record created or removed). Keys come in the after's order,
 * then the before's own.
 */
export function changeRows(a) {
  const b = flatten(a.before, a.entity);
  const f = flatten(a.after, a.entity);
  const keys = [...f.keys()].concat([...b.keys()].filter((k) => !f.has(k)));
  const rows = [];
  for (const k of keys) {
    const before = b.has(k) ? b.get(k).text : '';
    const after = f.has(k) ? f.get(k).text : '';
    if (before === after) continue;
    rows.push({ key: k, label: (f.get(k) || b.get(k)).label, before, after });
  }
  return rows;
}

/**
 * changeTable: the before/after table of an entry (data-testid audit-change-{id}), or a note when nothing changed. A
 * record created (no before) shows its fields with the value after only; one removed, before only.
 */
function changeTable(a) {
  const rows = changeRows(a);
  if (!rows.length) return el('div', { class: 'muted', testid: 'audit-change-' + a.id, text: t('audit.no_change') });
  const showBefore = a.before !== null && a.before !== undefined;
  const showAfter = a.after !== null && a.after !== undefined;
  const cell = (cls, text) => el('td', { class: [cls, text ? null : 'muted'], text: text || t('audit.no_data') });
  return el('table', { class: 'table table-compact change-table', testid: 'audit-change-' + a.id },
    el('thead', null, el('tr', null,
      el('th', { class: 'col-field', text: t('audit.field') }),
      showBefore ? el('th', { text: t('audit.before') }) : null,
      showAfter ? el('th', { text: t('audit.after') }) : null)),
    el('tbody', null, rows.map((r) => el('tr', { dataset: { key: r.key } },
      el('th', { scope: 'row', class: 'col-field', text: r.label }),
      showBefore ? cell('change-before', r.before) : null,
      showAfter ? cell('change-after', r.after) : null))));
}

/** whoCell: the user's name, with the login beside it in small text (a row without a user: 系统). */
function whoCell(a) {
  if (!a.user_id) return el('td', { class: 'cell-who', text: t('audit.system') });
  return el('td', { class: 'cell-who', title: a.user_login || '' },
    el('span', { class: 'who-name', text: a.user_name || a.user_login || String(a.user_id) }),
    a.user_login ? el('span', { class: 'who-login small muted mono', text: a.user_login }) : null);
}

/** recordCell: the kind of record and the name people know it by (a case's 案号 links to the case). */
function recordCell(a) {
  const name = a.entity_name || (a.entity_id ? '#' + a.entity_id : '');
  const what = a.entity === 'case' && a.entity_id && a.entity_name
    ? el('a', { href: '#/cases/' + encodeURIComponent(a.entity_id), class: 'record-name', text: name, testid: 'audit-case-' + a.id })
    : el('span', { class: 'record-name', text: name });
  return el('td', { class: 'cell-record' }, el('span', { class: 'record-kind muted', text: label('audit_entity', a.entity) }),
    name ? what : null);
}

// ---------------------------------------------------------------------------------------------------------------------
// The page

/** render: the filter form, the table and the pager. */
export async function render(root, ctx) {
  const state = { offset: Math.max(0, parseInt(ctx.query.get('offset') || '0', 10) || 0) };
  for (const k of FILTERS) state[k] = ctx.query.get(k) || '';

  root.classList.add('print-landscape');
  root.appendChild(pageHeader(t('audit.title')));
  const all = { value: '', text: t('common.all') };
  const caseNo = field({ name: 'case_number', label: t('audit.case_number'), type: 'search', value: state.case_number,
    maxlength: 64, placeholder: t('audit.case_number_hint'), testid: 'audit-case-number' });
  const person = field({ name: 'person', label: t('audit.person'), type: 'search', value: state.person, maxlength: 50,
    placeholder: t('audit.person_hint'), testid: 'audit-person' });
  const user = selectField({ name: 'user_id', label: t('audit.user'), testid: 'audit-user', options: [all] });
  const action = selectField({ name: 'action', label: t('audit.action'), testid: 'audit-action', value: state.action,
    options: [all].concat(AUDIT_ACTIONS.map((a) => ({ value: a, text: label('audit_action', a) }))) });
  const entity = selectField({ name: 'entity', label: t('audit.entity'), testid: 'audit-entity', value: state.entity,
    options: [all].concat(AUDIT_ENTITIES.map((a) => ({ value: a, text: label('audit_entity', a) }))) });
  const from = field({ name: 'from', label: t('audit.from'), type: 'date', value: state.from, testid: 'audit-from' });
  const to = field({ name: 'to', label: t('audit.to'), type: 'date', value: state.to, testid: 'audit-to' });
  // A link from a case page shows that case's rows only (case_id), said above the table with a way back to all.
  const caseOnly = el('div', { class: 'alert alert-info case-only', testid: 'audit-case-only', hidden: !state.case_id });
  const form = el('form', { class: ['filter-bar', 'filter-bar-dense'], role: 'search', novalidate: true, testid: 'audit-filter' },
    caseNo, person, user, action, entity, from, to,
    el('div', { class: 'filter-buttons' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'audit-filter-submit', text: t('audit.filter_submit') }),
      el('button', { type: 'button', class: 'btn', testid: 'audit-reset', text: t('common.reset'), on: { click: resetFilters } })));

  const table = el('table', { class: 'table table-hover audit-table', testid: 'audit-table', 'aria-busy': 'false' },
    el('thead', null, el('tr', null,
      el('th', { class: 'col-time', text: t('audit.at') }), el('th', { text: t('audit.user') }),
      el('th', { text: t('audit.action') }), el('th', { text: t('audit.entity') }),
      el('th', { class: 'col-actions', dataset: { print: 'drop' }, text: t('audit.details') }))),
    el('tbody'));
  const pagerSlot = el('div', { class: 'pager-slot' });
  root.appendChild(section(null, form));
  root.appendChild(section(null, caseOnly, el('div', { class: 'table-wrap' }, table), pagerSlot));

  const { load } = pagedList({ table, pagerSlot, cols: COLS, path: '/audit', state, filters: FILTERS,
    route: '#/admin/audit', form, pagerTestid: 'audit-pager', row: auditRows });
  exportButton(table, 'audit-export');

  /** auditRows: the entry's row and its hidden detail row (before/after); clicking the row opens or closes it. */
  function auditRows(a) {
    if (state.case_id && a.entity === 'case' && a.case_number) showCaseOnly(a.case_number);
    const detailId = 'audit-detail-' + a.id;
    const btn = el('button', { type: 'button', class: 'btn btn-small btn-link', testid: 'audit-expand-' + a.id,
      'aria-expanded': 'false', 'aria-controls': detailId, text: t('audit.show') });
    let built = false;
    const cell = el('td', { colspan: String(COLS) });
    const detail = el('tr', { class: 'detail-row', id: detailId, hidden: true, testid: 'audit-detail-' + a.id }, cell);
    const toggle = () => {
      const open = detail.hidden;
      if (open && !built) { cell.appendChild(changeTable(a)); built = true; }
      detail.hidden = !open;
      row.classList.toggle('is-open', open);
      btn.setAttribute('aria-expanded', open ? 'true' : 'false');
      btn.textContent = open ? t('audit.hide') : t('audit.show');
    };
    const row = el('tr', { class: ['audit-row', a.action === 'session.login_failed' ? 'is-warning' : null],
      testid: 'audit-row-' + a.id, dataset: { id: String(a.id), action: a.action } },
    el('td', { class: 'nowrap mono cell-time', text: fmtTime(a.at), title: a.at }),
    whoCell(a),
    el('td', { class: 'cell-action', text: label('audit_action', a.action) }),
    recordCell(a),
    el('td', { class: 'col-actions', dataset: { print: 'drop' } }, btn));
    btn.addEventListener('click', (e) => { e.stopPropagation(); toggle(); });
    row.addEventListener('click', (e) => {
      if (e.target.closest('a')) return;
      if (!window.getSelection().toString()) toggle();
    });
    return [row, detail];
  }

  function showCaseOnly(caseNumber) {
    if (caseOnly.firstChild) return;
    caseOnly.append(el('span', { dataset: { printFilter: '' }, text: t('audit.case_only', { name: caseNumber }) }), ' ',
      el('a', { href: '#/admin/audit', testid: 'audit-case-only-clear', text: t('audit.case_only_clear') }));
  }

  function readFilters() {
    clearErrors(form);
    const next = { case_number: caseNo.control.value.trim(), person: person.control.value.trim(),
      user_id: user.control.value, action: action.control.value, entity: entity.control.value,
      from: from.control.value, to: to.control.value };
    if (next.from && next.to && next.from > next.to) {
      fieldError(form, 'to', t('valid.date_range'), true);
      return false;
    }
    Object.assign(state, next, { offset: 0 });
    return true;
  }

  function resetFilters() {
    for (const f of [caseNo, person, user, action, entity, from, to]) f.control.value = '';
    state.case_id = '';
    caseOnly.hidden = true;
    if (readFilters()) load();
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); if (readFilters()) load(); });
  for (const s of [action, entity, user]) s.control.addEventListener('change', () => { if (readFilters()) load(); });

  load();
  try {
    const users = await api.getAll('/users');
    users.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    for (const u of users) user.control.appendChild(el('option', { value: String(u.id), text: t('audit.user_option_name', { login: u.login, name: u.name }) }));
    user.control.value = state.user_id;
  } catch (err) {
    // Without the directory the user filter offers only 'all'; the log itself still loads.
  }
}
