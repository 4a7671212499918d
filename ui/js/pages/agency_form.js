// pages/agency_form.js: one agency of the registry (#/agencies/{id}) and a new one (#/agencies/new). Holders of
// agency.manage edit it (PUT /api/v1/agencies/{id}: only the fields changed are sent; an emptied optional field is
// cleared) or add one (POST /api/v1/agencies); everyone else sees the same fields read-only. The 统一社会信用代码 is
// checked on the server (GB 32100) and comes back normalised; the superior body is picked with agencyPicker() from the
// same registry (never the agency itself; the server refuses a cycle).

import * as api from '../api.js';
import {
  el, field, selectField, busy, clearErrors, fieldError, focusFirstError, showError, pageHeader, section, loadingBlock,
  errorBlock, replace, codePoints, fmtTime, nextId,
} from '../dom.js';
import { t, label, AGENCY_KINDS } from '../i18n.js';
import { can } from '../session.js';
import { agencyPicker } from '../agency_picker.js';

const LIMITS = { name: 100, credit_code: 40, address: 200, contact_person: 50, phone: 40, note: 1000 };
const TEXT_FIELDS = ['name', 'credit_code', 'address', 'contact_person', 'phone', 'note'];

/** render: the new form without :id, else the agency's page. */
export async function render(root, ctx) {
  const isNew = ctx.params.id === undefined;
  let agency = null;
  const body = el('div', null, loadingBlock());
  if (!isNew) {
    root.appendChild(pageHeader(t('agencies.title'), backLink()));
    root.appendChild(body);
    try {
      agency = await api.get('/agencies/' + encodeURIComponent(ctx.params.id));
    } catch (err) {
      replace(body, errorBlock(err));
      return;
    }
    root.firstChild.replaceWith(pageHeader(agency.name, backLink()));
  } else {
    root.appendChild(pageHeader(t('agencies.create_title'), backLink()));
    root.appendChild(body);
  }
  const editable = can('agency.manage');
  const a = agency || {};
  const ro = !editable;
  const text = (name, opts = {}) => field(Object.assign({ name, label: t('agencies.' + name), value: a[name] ?? '',
    maxlength: LIMITS[name], testid: 'agency-' + name.replace('_', '-'), attrs: ro ? { readonly: true } : {} }, opts));
  const name = text('name', { required: true, inputClass: 'input-wide' });
  const kind = selectField({ name: 'kind', label: t('agencies.kind'), required: true, testid: 'agency-kind',
    value: a.kind || '', attrs: ro ? { disabled: true } : {},
    options: [{ value: '', text: t('common.choose') }]
      .concat(AGENCY_KINDS.map((k) => ({ value: k, text: label('agency_kind', k) }))) });
  const code = text('credit_code', { hint: t('agencies.credit_code_hint'), inputClass: 'mono' });
  const address = text('address', { inputClass: 'input-wide' });
  const contact = text('contact_person');
  const phone = text('phone');
  const superior = agencyPicker({ name: 'superior_id', label: t('agencies.superior'), testid: 'agency-superior',
    value: a.superior_id ? { id: a.superior_id, name: a.superior_name } : null, exclude: a.id,
    allowAdd: editable, hint: t('agencies.superior_hint') });
  if (ro) superior.control.readOnly = true;
  const noteId = nextId('f-note');
  const noteBox = el('textarea', { id: noteId, name: 'note', class: 'input textarea', rows: 3, maxlength: LIMITS.note,
    testid: 'agency-note', readonly: ro });
  noteBox.value = a.note || '';
  const note = el('div', { class: 'field field-wide', dataset: { field: 'note' } },
    el('label', { class: 'field-label', for: noteId, text: t('agencies.note') }), noteBox,
    el('div', { class: 'field-error', 'aria-live': 'polite' }));
  const meta = agency ? el('p', { class: 'muted', testid: 'agency-meta', text: t('agencies.meta', {
    created: fmtTime(agency.created_at), updated: agency.updated_at ? fmtTime(agency.updated_at) : t('common.dash') }) })
    : null;
  const form = el('form', { class: 'form form-stacked', novalidate: true, testid: 'agency-form' },
    el('div', { class: 'form-grid form-grid-2' }, name, kind, code, superior, address, contact, phone), note,
    editable ? el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'agency-submit',
        text: isNew ? t('agencies.create_submit') : t('common.save') }),
      el('a', { href: '#/agencies', class: 'btn', text: t('common.cancel') })) : null);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!editable) return;
    clearErrors(form);
    const values = {
      name: name.control.value.trim(), kind: kind.control.value, credit_code: code.control.value.trim(),
      address: address.control.value.trim(), contact_person: contact.control.value.trim(),
      phone: phone.control.value.trim(), note: noteBox.value.trim(), superior_id: superior.value(),
    };
    let bad = false;
    if (!values.name) bad = fieldError(form, 'name', t('valid.required')) || bad;
    if (!values.kind) bad = fieldError(form, 'kind', t('valid.required')) || bad;
    for (const k of TEXT_FIELDS) {
      if (codePoints(values[k]) > LIMITS[k]) bad = fieldError(form, k, t('valid.max_length', { max: LIMITS[k] })) || bad;
    }
    if (superior.control.value.trim() && !values.superior_id) {
      bad = fieldError(form, 'superior_id', t('agencies.superior_pick')) || bad;
    }
    if (bad) { focusFirstError(form); return; }
    // a new agency sends what is filled in; an edit sends what changed, '' as null (cleared)
    const b = {};
    for (const k of Object.keys(values)) {
      const v = values[k] === '' ? null : values[k];
      if (isNew ? v !== null : v !== (a[k] ?? null)) b[k] = v;
    }
    if (!isNew && !Object.keys(b).length) { ctx.toast(t('common.no_changes')); return; }
    busy(form, true);
    try {
      const saved = isNew ? await api.post('/agencies', b) : await api.put('/agencies/' + a.id, b);
      ctx.toast(isNew ? t('agencies.created', { name: saved.name }) : t('common.saved'));
      ctx.navigate('#/agencies/' + saved.id);
    } catch (err) {
      busy(form, false);
      showError(form, err);
      focusFirstError(form);
    }
  });
  replace(body, section(null, form), meta);
}

function backLink() {
  return el('a', { href: '#/agencies', class: 'btn', testid: 'agency-back', text: t('agencies.back_to_list') });
}
