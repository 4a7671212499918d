// pages/departments.js: departments of the user's own procuratorate (#/admin/departments): the list with user counts,
// inline editing of name and kind (PUT /api/v1/departments/{id}), and a form to add one (POST /api/v1/departments).

import * as api from '../api.js';
import {
  el, field, selectField, busy, clearErrors, fieldError, showError, pageHeader, section, loadingBlock, errorBlock,
  tableStateRow, fmtTime, replace, codePoints,
} from '../dom.js';
import { t, label, DEPARTMENT_KINDS } from '../i18n.js';

const NAME_MAX = 100;
const kindOptions = () => DEPARTMENT_KINDS.map((k) => ({ value: k, text: label('dept_kind', k) }));

/** render: load the departments, then draw the table and the add form. */
export async function render(root, ctx) {
  root.appendChild(pageHeader(t('departments.title')));
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  let depts;
  try {
    depts = (await api.get('/departments')).items;
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }
  const tbody = el('tbody');
  const table = el('table', { class: 'table', testid: 'departments-table' },
    el('thead', null, el('tr', null,
      el('th', { text: t('departments.name') }), el('th', { text: t('departments.kind') }),
      el('th', { class: 'num', text: t('departments.user_count') }), el('th', { text: t('common.created_at') }),
      el('th', { class: 'col-actions', text: t('common.actions') }))),
    tbody);

  const drawRows = () => {
    replace(tbody);
    if (!depts.length) tbody.appendChild(tableStateRow(5, 'empty', t('common.empty')));
    for (const d of depts) tbody.appendChild(viewRow(d));
  };

  const viewRow = (d) => el('tr', { testid: 'department-row-' + d.id, dataset: { id: String(d.id) } },
    el('td', { text: d.name }),
    el('td', { text: label('dept_kind', d.kind) }),
    el('td', { class: 'num' }, el('a', {
      href: '#/admin/users?department_id=' + encodeURIComponent(d.id), text: String(d.user_count ?? 0),
      title: t('departments.view_users', { name: d.name }), 'aria-label': t('departments.view_users', { name: d.name }),
    })),
    el('td', { class: 'nowrap', text: fmtTime(d.created_at) }),
    el('td', { class: 'col-actions' }, el('button', {
      type: 'button', class: 'btn btn-small btn-link', testid: 'department-edit-' + d.id, text: t('common.edit'),
      on: { click: (e) => e.target.closest('tr').replaceWith(editRow(d)) },
    })));

  const editRow = (d) => {
    const formId = 'department-edit-form-' + d.id;
    const name = field({ name: 'name', label: t('departments.name'), value: d.name, hideLabel: true, required: true,
      maxlength: NAME_MAX, testid: 'department-edit-name', attrs: { form: formId } });
    const kind = selectField({ name: 'kind', label: t('departments.kind'), value: d.kind, hideLabel: true,
      options: kindOptions(), testid: 'department-edit-kind', attrs: { form: formId } });
    const cancel = () => tr.replaceWith(viewRow(d));
    const form = el('form', { id: formId, class: 'inline-actions', novalidate: true },
      el('button', { type: 'submit', class: 'btn btn-small btn-primary', testid: 'department-edit-submit',
        text: t('common.save') }),
      el('button', { type: 'button', class: 'btn btn-small', text: t('common.cancel'), on: { click: cancel } }));
    const tr = el('tr', { class: 'is-editing', testid: 'department-row-' + d.id },
      el('td', null, name), el('td', null, kind),
      el('td', { class: 'num', text: String(d.user_count ?? 0) }),
      el('td', { class: 'nowrap', text: fmtTime(d.created_at) }),
      el('td', { class: 'col-actions' }, form));
    tr.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); cancel(); } });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(tr);
      const b = { name: name.control.value.trim(), kind: kind.control.value };
      if (!b.name) { fieldError(tr, 'name', t('valid.required'), true); return; }
      if (codePoints(b.name) > NAME_MAX) { fieldError(tr, 'name', t('valid.max_length', { max: NAME_MAX }), true); return; }
      busy(form, true);
      try {
        const updated = await api.put('/departments/' + d.id, b);
        Object.assign(d, updated);
        tr.replaceWith(viewRow(d));
        ctx.toast(t('common.saved'));
      } catch (err) {
        busy(form, false);
        fieldError(tr, err.field || 'name', err.message, true);
      }
    });
    setTimeout(() => { name.control.focus(); name.control.select(); }, 0);
    return tr;
  };

  // The add form.
  const name = field({ name: 'name', label: t('departments.name'), required: true, maxlength: NAME_MAX,
    testid: 'department-name', inputClass: 'input-wide' });
  const kind = selectField({ name: 'kind', label: t('departments.kind'), required: true, options: kindOptions(),
    value: 'criminal', testid: 'department-kind' });
  const form = el('form', { class: 'form form-row', novalidate: true, testid: 'department-form' },
    el('div', { class: 'form-grid' }, name, kind),
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'department-submit', text: t('departments.submit') })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const b = { name: name.control.value.trim(), kind: kind.control.value };
    if (!b.name) { fieldError(form, 'name', t('valid.required'), true); return; }
    if (codePoints(b.name) > NAME_MAX) { fieldError(form, 'name', t('valid.max_length', { max: NAME_MAX }), true); return; }
    busy(form, true);
    try {
      const created = await api.post('/departments', b);
      if (created.user_count === undefined) created.user_count = 0;
      depts.push(created);
      busy(form, false);
      name.control.value = '';
      drawRows();
      ctx.toast(t('departments.created', { name: created.name }));
      name.control.focus();
    } catch (err) {
      busy(form, false);
      showError(form, err);
    }
  });

  drawRows();
  replace(body,
    section(null, el('div', { class: 'table-wrap' }, table)),
    section(t('departments.add_title'), form));
}
