// pages/orgs.js: organisations (#/admin/orgs): the user's own procuratorate and those below it as a tree-ordered
// table, inline editing of a name (PUT /api/v1/orgs/{id}), and a form to add a lower procuratorate (POST /api/v1/orgs).

import * as api from '../api.js';
import {
  el, field, selectField, busy, clearErrors, fieldError, showError, pageHeader, section, loadingBlock, errorBlock,
  tableStateRow, fmtTime, replace, codePoints,
} from '../dom.js';
import { t, label, ORG_LEVELS } from '../i18n.js';
import { currentUser } from '../session.js';

const CODE_RE = /^[a-z0-9_-]{2,32}$/;
const CHILD_LEVEL = { province: 'city', city: 'county', county: 'county' };

/**
 * treeOrder: orgs sorted parent-before-children (children by code), each annotated with depth (0 for the roots,
 * which are the orgs whose parent is not in the list). Returns a new array of {org, depth}.
 */
export function treeOrder(orgs) {
  const ids = new Set(orgs.map((o) => o.id));
  const kids = new Map();
  for (const o of orgs) {
    const p = o.parent_id !== null && ids.has(o.parent_id) ? o.parent_id : null;
    if (!kids.has(p)) kids.set(p, []);
    kids.get(p).push(o);
  }
  for (const list of kids.values()) list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const out = [];
  const walk = (p, depth) => {
    for (const o of kids.get(p) || []) {
      out.push({ org: o, depth });
      if (depth < 16) walk(o.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** render: load the orgs, then draw the table and the add form. */
export async function render(root, ctx) {
  root.appendChild(pageHeader(t('orgs.title')));
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  let orgs;
  try {
    orgs = (await api.get('/orgs')).items;
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const tbody = el('tbody');
  const table = el('table', { class: 'table', testid: 'orgs-table' },
    el('thead', null, el('tr', null,
      el('th', { text: t('orgs.name') }), el('th', { text: t('orgs.code') }), el('th', { text: t('orgs.level') }),
      el('th', { text: t('orgs.parent') }), el('th', { text: t('common.created_at') }),
      el('th', { class: 'col-actions', text: t('common.actions') }))),
    tbody);

  const drawRows = () => {
    replace(tbody);
    const rows = treeOrder(orgs);
    if (!rows.length) tbody.appendChild(tableStateRow(6, 'empty', t('common.empty')));
    for (const { org, depth } of rows) tbody.appendChild(viewRow(org, depth));
  };

  const viewRow = (org, depth) => {
    const parent = org.parent_id !== null ? byId.get(org.parent_id) : null;
    const own = org.id === currentUser().org_id;
    const tr = el('tr', { testid: 'org-row-' + org.id, dataset: { id: String(org.id) } },
      el('td', { class: ['tree-cell', 'depth-' + Math.min(depth, 4)] },
        el('span', { class: 'org-name', text: org.name }),
        own ? el('span', { class: 'tag', text: t('orgs.own') }) : null),
      el('td', { class: 'mono', text: org.code }),
      el('td', { text: label('org_level', org.level) }),
      el('td', { text: parent ? parent.name : '' }),
      el('td', { class: 'nowrap', text: fmtTime(org.created_at) }),
      el('td', { class: 'col-actions' }, el('button', {
        type: 'button', class: 'btn btn-small btn-link', testid: 'org-edit-' + org.id, text: t('common.edit'),
        on: { click: () => { tr.replaceWith(editRow(org, depth)); } },
      })));
    return tr;
  };

  const editRow = (org, depth) => {
    const formId = 'org-edit-form-' + org.id;
    const name = field({ name: 'name', label: t('orgs.name'), value: org.name, hideLabel: true, required: true,
      maxlength: 100, testid: 'org-edit-name', attrs: { form: formId } });
    const cancel = () => tr.replaceWith(viewRow(org, depth));
    const form = el('form', { id: formId, class: 'inline-actions', novalidate: true },
      el('button', { type: 'submit', class: 'btn btn-small btn-primary', testid: 'org-edit-submit', text: t('common.save') }),
      el('button', { type: 'button', class: 'btn btn-small', text: t('common.cancel'), on: { click: cancel } }));
    const tr = el('tr', { class: 'is-editing', testid: 'org-row-' + org.id },
      el('td', { class: ['tree-cell', 'depth-' + Math.min(depth, 4)] }, name),
      el('td', { class: 'mono', text: org.code }),
      el('td', { text: label('org_level', org.level) }),
      el('td', { text: org.parent_id !== null && byId.get(org.parent_id) ? byId.get(org.parent_id).name : '' }),
      el('td', { class: 'nowrap', text: fmtTime(org.created_at) }),
      el('td', { class: 'col-actions' }, form));
    tr.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); cancel(); } });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(tr);
      const v = name.control.value.trim();
      if (!v) { fieldError(tr, 'name', t('valid.required'), true); return; }
      if (codePoints(v) > 100) { fieldError(tr, 'name', t('valid.max_length', { max: 100 }), true); return; }
      busy(form, true);
      try {
        const updated = await api.put('/orgs/' + org.id, { name: v });
        Object.assign(org, updated);
        tr.replaceWith(viewRow(org, depth));
        ctx.toast(t('common.saved'));
        if (org.id === currentUser().org_id) {
          currentUser().org_name = org.name;
          ctx.refreshShell();
        }
      } catch (err) {
        busy(form, false);
        fieldError(tr, err.field || 'name', err.message, true);
      }
    });
    setTimeout(() => { name.control.focus(); name.control.select(); }, 0);
    return tr;
  };

  // The add form.
  const code = field({ name: 'code', label: t('orgs.code'), required: true, maxlength: 32, hint: t('orgs.code_hint'),
    testid: 'org-code', inputClass: 'mono' });
  const name = field({ name: 'name', label: t('orgs.name'), required: true, maxlength: 100, testid: 'org-name',
    inputClass: 'input-wide' });
  const parentOptions = () => treeOrder(orgs).map(({ org, depth }) =>
    ({ value: org.id, text: '\u3000'.repeat(depth) + org.name }));
  const parent = selectField({ name: 'parent_id', label: t('orgs.parent'), required: true, options: parentOptions(),
    value: currentUser().org_id, testid: 'org-parent' });
  const level = selectField({ name: 'level', label: t('orgs.level'), required: true,
    options: ORG_LEVELS.map((l) => ({ value: l, text: label('org_level', l) })), testid: 'org-level' });
  const syncLevel = () => {
    const p = byId.get(Number(parent.control.value));
    if (p) level.control.value = CHILD_LEVEL[p.level] || 'county';
  };
  parent.control.addEventListener('change', syncLevel);
  syncLevel();
  const form = el('form', { class: 'form form-row', novalidate: true, testid: 'org-form' },
    el('div', { class: 'form-grid' }, code, name, level, parent),
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'org-submit', text: t('orgs.submit') })));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const b = { code: code.control.value.trim(), name: name.control.value.trim(), level: level.control.value,
      parent_id: Number(parent.control.value) };
    let bad = false;
    if (!CODE_RE.test(b.code)) bad = fieldError(form, 'code', b.code ? t('valid.code_format') : t('valid.required'), true);
    if (!b.name) bad = fieldError(form, 'name', t('valid.required'), !bad) || bad;
    else if (codePoints(b.name) > 100) bad = fieldError(form, 'name', t('valid.max_length', { max: 100 }), !bad) || bad;
    if (bad) return;
    busy(form, true);
    try {
      const created = await api.post('/orgs', b);
      orgs.push(created);
      byId.set(created.id, created);
      busy(form, false);
      code.control.value = '';
      name.control.value = '';
      replace(parent.control, parentOptions().map((o) => el('option', { value: String(o.value), text: o.text })));
      parent.control.value = String(b.parent_id);
      drawRows();
      ctx.toast(t('orgs.created', { name: created.name }));
      code.control.focus();
    } catch (err) {
      busy(form, false);
      showError(form, err);
    }
  });

  drawRows();
  replace(body,
    section(null, el('div', { class: 'table-wrap' }, table)),
    section(t('orgs.add_title'), form));
}
