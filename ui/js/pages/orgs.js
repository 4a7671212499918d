// pages/orgs.js: organisations (#/admin/orgs): the user's own procuratorate and those below it as a tree-ordered
// table, editing an organisation's name, short name (简称) and 案号 format in a row under it (PUT /api/v1/orgs/{id}, only
// what changed is sent), and a form to add a lower procuratorate (POST /api/v1/orgs).
//
// The 案号 of a new case is the org's case_number_format with {short} (the short name, or the first character of the
// name while none is set), {type} (the case type's 代字 such as 刑诉), {year} and {n} (the sequence) filled in; the
// table and the edit form show an example built the same way (formatNumber).

import * as api from '../api.js';
import {
  el, field, selectField, busy, clearErrors, clearOnInput, fieldError, focusFirstError, showError, pageHeader, section,
  loadingBlock, errorBlock, tableStateRow, fmtTime, replace, codePoints, nextId,
} from '../dom.js';
import { t, label, ORG_LEVELS } from '../i18n.js';
import { currentUser } from '../session.js';

const CODE_RE = /^[a-z0-9_-]{2,32}$/;
const CHILD_LEVEL = { province: 'city', city: 'county', county: 'county' };
const NAME_MAX = 100;
const SHORT_MAX = 4;
const FORMAT_MAX = 60;
/** REQUIRED_PLACEHOLDERS: what every 案号 format must contain (each number must differ). */
const REQUIRED_PLACEHOLDERS = ['{year}', '{n}'];
const COLS = 8;
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

/**
 * formatNumber: a 案号 from the template fmt as the server builds it: {short}, {type}, {year} and {n} replaced by
 * parts.short, parts.type, parts.year and parts.n, scanning left to right; any other text is kept as it is.
 */
export function formatNumber(fmt, parts) {
  return String(fmt || '').replace(/\{(short|type|year|n)\}/g, (m, k) => String(parts[k]));
}

/** firstChar: the first character (code point) of s, '' for none: the short name of an org that has not set one. */
function firstChar(s) {
  return Array.from(s || '')[0] || '';
}

/** sampleNumber: the example 案号 for the format fmt and the short name short (审查起诉, this year, number 12). */
function sampleNumber(fmt, short) {
  return formatNumber(fmt, { short, type: t('orgs.sample_type'), year: new Date().getFullYear(), n: 12 });
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
  const table = el('table', { class: 'table orgs-table', testid: 'orgs-table' },
    el('thead', null, el('tr', null,
      el('th', { text: t('orgs.name') }), el('th', { text: t('orgs.short_name') }), el('th', { text: t('orgs.code') }),
      el('th', { text: t('orgs.level') }), el('th', { text: t('orgs.parent') }), el('th', { text: t('orgs.format') }),
      el('th', { text: t('common.created_at') }), el('th', { class: 'col-actions', text: t('common.actions') }))),
    tbody);

  const drawRows = () => {
    replace(tbody);
    const rows = treeOrder(orgs);
    if (!rows.length) tbody.appendChild(tableStateRow(COLS, 'empty', t('common.empty')));
    for (const { org, depth } of rows) tbody.appendChild(viewRow(org, depth));
  };

  const viewRow = (org, depth) => {
    const parent = org.parent_id !== null ? byId.get(org.parent_id) : null;
    const own = org.id === currentUser().org_id;
    const short = org.short_name || firstChar(org.name);
    return el('tr', { testid: 'org-row-' + org.id, dataset: { id: String(org.id) } },
      el('td', { class: ['tree-cell', 'depth-' + Math.min(depth, 4)] },
        el('span', { class: 'org-name', text: org.name }),
        own ? el('span', { class: 'tag', text: t('orgs.own') }) : null),
      el('td', { class: 'nowrap', testid: 'org-short-name' }, org.short_name
        ? el('span', { text: org.short_name })
        : el('span', { class: 'muted', title: t('orgs.short_name_default'),
          text: t('orgs.short_name_auto', { char: short }) })),
      el('td', { class: 'mono', text: org.code }),
      el('td', { class: 'nowrap', text: label('org_level', org.level) }),
      el('td', { text: parent ? parent.name : '' }),
      el('td', { class: 'cell-format', testid: 'org-format' },
        el('div', { class: 'mono', text: org.case_number_format || '' }),
        org.case_number_format ? el('div', { class: 'format-sample', testid: 'org-format-sample',
          text: t('orgs.format_sample', { sample: sampleNumber(org.case_number_format, short) }) }) : null),
      el('td', { class: 'nowrap', text: fmtTime(org.created_at) }),
      el('td', { class: 'col-actions' }, el('button', {
        type: 'button', class: 'btn btn-small btn-link', testid: 'org-edit-' + org.id, text: t('common.edit'),
        'aria-expanded': 'false', 'aria-label': t('orgs.edit_for', { name: org.name }),
        on: { click: () => openEdit(org) },
      })));
  };

  /** closeEdit: remove the open edit row; with focus, return focus to its 修改 button. */
  const closeEdit = (focus) => {
    const open = tbody.querySelector('.org-edit-row');
    if (!open) return;
    const row = tbody.querySelector('[data-testid="org-row-' + open.dataset.id + '"]');
    const btn = tbody.querySelector('[data-testid="org-edit-' + open.dataset.id + '"]');
    open.remove();
    if (row) row.classList.remove('is-open');
    if (btn) {
      btn.setAttribute('aria-expanded', 'false');
      if (focus) btn.focus();
    }
  };

  /** openEdit: show, in a row under org, the form that edits its name, short name and 案号 format (one at a time). */
  const openEdit = (org) => {
    const open = tbody.querySelector('.org-edit-row');
    if (open) {
      const same = open.dataset.id === String(org.id);
      closeEdit(same);
      if (same) return;
    }
    const row = tbody.querySelector('[data-testid="org-row-' + org.id + '"]');
    const btn = tbody.querySelector('[data-testid="org-edit-' + org.id + '"]');
    if (!row) return;

    const name = field({ name: 'name', label: t('orgs.name'), value: org.name, required: true, maxlength: NAME_MAX,
      testid: 'org-edit-name' });
    const shortName = field({ name: 'short_name', label: t('orgs.short_name'), value: org.short_name,
      hint: t('orgs.short_name_hint'), testid: 'org-edit-short-name', inputClass: 'input-short' });
    const format = field({ name: 'case_number_format', label: t('orgs.format'), value: org.case_number_format,
      required: true, hint: t('orgs.format_hint'), testid: 'org-edit-format', inputClass: 'mono' });
    format.classList.add('field-span-2');
    const preview = el('div', { class: 'format-preview', id: nextId('org-format-preview'),
      testid: 'org-format-preview' });
    format.querySelector('.field-error').after(preview);
    format.control.setAttribute('aria-describedby',
      [preview.id, format.control.getAttribute('aria-describedby')].filter(Boolean).join(' '));

    // The live example of the next number, and the short name's default shown as its placeholder.
    const drawPreview = () => {
      const fallback = firstChar(name.control.value.trim());
      shortName.control.placeholder = fallback;
      const fmt = format.control.value.trim();
      const missing = REQUIRED_PLACEHOLDERS.filter((p) => !fmt.includes(p));
      preview.classList.toggle('is-warning', !!fmt && missing.length > 0);
      if (!fmt) {
        preview.textContent = t('orgs.format_preview_empty');
      } else if (missing.length) {
        preview.textContent = t('orgs.format_preview_missing', { placeholders: missing.join('、') });
      } else {
        preview.textContent = t('orgs.format_preview', {
          sample: sampleNumber(fmt, shortName.control.value.trim() || fallback) });
      }
    };
    for (const f of [name, shortName, format]) f.control.addEventListener('input', drawPreview);
    drawPreview();

    const heading = el('h3', { class: 'event-form-title', id: nextId('org-edit-title'),
      text: t('orgs.edit_title', { name: org.name }) });
    const form = el('form', { class: 'form event-form org-edit-form', novalidate: true, testid: 'org-edit-form',
      'aria-labelledby': heading.id },
    heading,
    el('p', { class: 'event-note', text: t('orgs.format_note') }),
    el('div', { class: 'form-grid form-grid-4' }, name, shortName, format),
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'org-edit-submit', text: t('common.save') }),
      el('button', { type: 'button', class: 'btn', testid: 'org-edit-cancel', text: t('common.cancel'),
        on: { click: () => closeEdit(true) } })));
    const editRow = el('tr', { class: 'org-edit-row', dataset: { id: String(org.id) } },
      el('td', { colspan: String(COLS) }, form));
    form.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); closeEdit(true); } });
    clearOnInput(form);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      const v = { name: name.control.value.trim(), short: shortName.control.value.trim(),
        fmt: format.control.value.trim() };
      let ok = true;
      const bad = (k, msg) => { fieldError(form, k, msg); ok = false; };
      if (!v.name) bad('name', t('valid.required'));
      else if (codePoints(v.name) > NAME_MAX) bad('name', t('valid.max_length', { max: NAME_MAX }));
      // The API takes a short name of 1..4 characters but cannot clear one: empty means "keep the default" only
      // while none is set.
      if (!v.short && org.short_name) bad('short_name', t('valid.short_name_clear'));
      else if (codePoints(v.short) > SHORT_MAX) bad('short_name', t('valid.max_length', { max: SHORT_MAX }));
      if (!v.fmt) bad('case_number_format', t('valid.required'));
      else if (codePoints(v.fmt) > FORMAT_MAX) bad('case_number_format', t('valid.max_length', { max: FORMAT_MAX }));
      else if (REQUIRED_PLACEHOLDERS.some((p) => !v.fmt.includes(p))) {
        bad('case_number_format', t('valid.format_placeholders'));
      }
      if (!ok) { focusFirstError(form); return; }
      const b = {};
      if (v.name !== org.name) b.name = v.name;
      if (v.short && v.short !== org.short_name) b.short_name = v.short;
      if (v.fmt !== org.case_number_format) b.case_number_format = v.fmt;
      if (!Object.keys(b).length) {
        closeEdit(true);
        ctx.toast(t('common.no_changes'));
        return;
      }
      busy(form, true);
      try {
        const updated = await api.put('/orgs/' + org.id, b);
        Object.assign(org, updated);
        drawRows(); // a new name also shows in the 上级院 column of the orgs below and in the add form's list
        drawParentOptions();
        const again = tbody.querySelector('[data-testid="org-edit-' + org.id + '"]');
        if (again) again.focus();
        ctx.toast(t('common.saved'));
        if (org.id === currentUser().org_id) {
          currentUser().org_name = org.name;
          ctx.refreshShell();
        }
      } catch (err) {
        busy(form, false);
        showError(form, err);
      }
    });
    row.classList.add('is-open');
    row.after(editRow);
    if (btn) btn.setAttribute('aria-expanded', 'true');
    name.control.focus();
  };

  // The add form.
  const code = field({ name: 'code', label: t('orgs.code'), required: true, maxlength: 32, hint: t('orgs.code_hint'),
    testid: 'org-code', inputClass: 'mono' });
  const name = field({ name: 'name', label: t('orgs.name'), required: true, maxlength: NAME_MAX, testid: 'org-name',
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
  /** drawParentOptions: refill the 上级院 list (after an org is added or renamed), keeping the choice. */
  const drawParentOptions = () => {
    const chosen = parent.control.value;
    replace(parent.control, parentOptions().map((o) => el('option', { value: String(o.value), text: o.text })));
    parent.control.value = chosen;
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
    else if (codePoints(b.name) > NAME_MAX) {
      bad = fieldError(form, 'name', t('valid.max_length', { max: NAME_MAX }), !bad) || bad;
    }
    if (bad) return;
    busy(form, true);
    try {
      const created = await api.post('/orgs', b);
      orgs.push(created);
      byId.set(created.id, created);
      busy(form, false);
      code.control.value = '';
      name.control.value = '';
      drawParentOptions();
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
