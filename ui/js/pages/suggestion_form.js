// pages/suggestion_form.js: drafting a 检察建议 (#/suggestions/new[?case_id=]; POST /api/v1/suggestions): type (urgent
// only for 公益诉讼), title, the recipient (searched in the office's registry with agencyPicker()), copies (抄送:
// agencies of the list and named bodies, one per line), the facts, the suggestion text and the legal basis. A case id
// in the address links the case.
// Errors show beside their field (the API names it); the new draft opens on success.

import * as api from '../api.js';
import { el, field, selectField, pageHeader, replace, loadingBlock, errorBlock, clearErrors, showError, busy,
  clearOnInput, nextId } from '../dom.js';
import { t, label, SUGGESTION_TYPES } from '../i18n.js';
import { agencyPicker } from '../agency_picker.js';
import { textField } from './suggestion.js';

export async function render(root, ctx) {
  root.appendChild(pageHeader(t('sug.new_title')));
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  let agencies;
  try {
    agencies = await api.getAll('/agencies');
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }
  const caseId = parseInt(ctx.query.get('case_id') || '', 10);
  const type = selectField({ name: 'type', label: t('sug.type'), required: true, testid: 'sug-new-type',
    options: SUGGESTION_TYPES.map((s) => ({ value: s, text: label('sug_type', s) })) });
  const urgentId = nextId('sug-urgent');
  const urgentBox = el('input', { type: 'checkbox', id: urgentId, name: 'urgent', testid: 'sug-new-urgent' });
  const urgent = el('div', { class: ['field', 'field-check'], dataset: { field: 'urgent' } },
    el('label', { class: 'check', for: urgentId }, urgentBox, el('span', { text: t('sug.urgent_label') })),
    el('div', { class: 'field-error', 'aria-live': 'polite' }));
  const title = field({ name: 'title', label: t('sug.field_title'), required: true, maxlength: 200,
    testid: 'sug-new-title' });
  title.classList.add('field-span-2');
  const agency = agencyPicker({ name: 'agency_id', label: t('sug.agency'), required: true, testid: 'sug-new-agency' });
  const copies = el('select', { name: 'copies', class: 'input', multiple: true, size: 4, testid: 'sug-new-copies',
    id: nextId('sug-copies') }, agencies.map((a) => el('option', { value: String(a.id), text: a.name })));
  const copiesField = el('div', { class: 'field', dataset: { field: 'copies' } },
    el('label', { class: 'field-label', for: copies.id, text: t('sug.copies') }), copies,
    el('div', { class: 'field-error', 'aria-live': 'polite' }),
    el('div', { class: 'field-hint', text: t('sug.copies_hint') }));
  const named = textField('copy_names', t('sug.copy_names'), false, 'sug-new-copy-names');
  const facts = textField('facts', t('sug.facts'), true, 'sug-new-facts');
  const text = textField('text', t('sug.text'), true, 'sug-new-text');
  const basis = textField('legal_basis', t('sug.legal_basis'), true, 'sug-new-basis');
  const form = el('form', { class: 'form', novalidate: true, testid: 'sug-new-form' },
    el('div', { class: 'form-grid form-grid-4' }, type, urgent, title, agency, copiesField, named, facts, text, basis),
    Number.isFinite(caseId) ? el('p', { class: 'muted', testid: 'sug-new-case', text: t('sug.linked_case', { id: caseId }) })
      : null,
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'sug-new-submit', text: t('sug.create') }),
      el('a', { href: '#/suggestions', class: 'btn', text: t('common.cancel') })));
  clearOnInput(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const copyList = Array.from(copies.selectedOptions).map((o) => ({ agency_id: Number(o.value) }))
      .concat(named.control.value.split('\n').map((x) => x.trim()).filter(Boolean).map((name) => ({ name })));
    const bodyIn = { type: type.control.value, urgent: urgentBox.checked, title: title.control.value.trim(),
      agency_id: agency.value() || 0, facts: facts.control.value.trim(),
      text: text.control.value.trim(), legal_basis: basis.control.value.trim(), copies: copyList };
    if (Number.isFinite(caseId)) bodyIn.links = [{ kind: 'case', id: caseId }];
    busy(form, true);
    try {
      const s = await api.post('/suggestions', bodyIn);
      ctx.toast(t('sug.created_toast'));
      ctx.navigate('#/suggestions/' + s.id);
    } catch (err) {
      busy(form, false);
      showError(form, err);
    }
  });
  replace(body, el('section', { class: 'panel' }, form));
}
