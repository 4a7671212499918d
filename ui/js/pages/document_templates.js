// pages/document_templates.js: the office's 文书 templates and 文号 format (#/admin/document-templates; the page and
// its saves need document.template, the administrator's). GET /api/v1/document-templates lists every type with the
// template in force (version 0: the built-in text), its placeholders and the office's 文号 format with an example.
//
// The 文号 format form: PUT /api/v1/settings/documents {number_format} ({short} 简称, {abbr} 文书代字, {year}, {n};
// {year} and {n} required). The template form, one type at a time (a select): title and body (a textarea; one
// paragraph a line), the placeholders as buttons that insert "{name}" at the cursor, "恢复内置文本" to start again from
// the built-in text; a save (PUT /api/v1/document-templates {type,title,body}) makes a new version: documents issued
// earlier keep the text they were issued with.

import * as api from '../api.js';
import {
  busy, clearErrors, clearOnInput, el, errorBlock, field, loadingBlock, pageHeader, replace, section, selectField, showError,
} from '../dom.js';
import { t } from '../i18n.js';

export async function render(root, ctx) {
  root.appendChild(pageHeader(t('doctpl.title')));
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  let data;
  try {
    data = await api.get('/document-templates');
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }

  // ---- the 文号 format
  const fmt = field({ name: 'number_format', label: t('doctpl.number_format'), value: data.number_format,
    testid: 'doctpl-number-format', maxlength: 60, hint: t('doctpl.number_format_hint') });
  const example = el('p', { class: 'muted small', testid: 'doctpl-number-example' });
  const showExample = (d) => replace(example, t('doctpl.number_example', { example: d.number_example || t('common.dash') }));
  showExample(data);
  const fmtForm = el('form', { class: 'form', testid: 'doctpl-number-form', novalidate: true,
    on: { submit: async (e) => {
      e.preventDefault();
      clearErrors(fmtForm);
      busy(fmtForm, true);
      try {
        data = await api.put('/settings/documents', { number_format: fmt.control.value });
        showExample(data);
        ctx.toast(t('doctpl.saved_format'));
      } catch (err) {
        showError(fmtForm, err);
      } finally {
        busy(fmtForm, false);
      }
    } } }, fmt, example,
  el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'btn btn-primary', testid: 'doctpl-number-save',
    text: t('common.save') })));
  clearOnInput(fmtForm);

  // ---- one type's template
  const typeSel = selectField({ name: 'type', label: t('doctpl.type'), testid: 'doctpl-type',
    options: data.items.map((x) => ({ value: x.type, text: x.name })) });
  const title = field({ name: 'title', label: t('doctpl.doc_title'), testid: 'doctpl-title', maxlength: 60, required: true });
  const textId = 'doctpl-body-input';
  const text = el('textarea', { id: textId, name: 'body', class: 'input doctpl-body', rows: 16, maxlength: 20000,
    testid: 'doctpl-body', required: true });
  const textField = el('div', { class: 'field', dataset: { field: 'body' } },
    el('label', { class: 'field-label', for: textId, text: t('doctpl.body') }), text,
    el('div', { class: 'field-hint', text: t('doctpl.body_hint') }),
    el('div', { class: 'field-error', role: 'alert' }));
  const phBox = el('div', { class: 'doctpl-placeholders', testid: 'doctpl-placeholders' });
  const versionNote = el('p', { class: 'muted small', testid: 'doctpl-version' });
  const current = () => data.items.find((x) => x.type === typeSel.control.value);
  function fill() {
    const x = current();
    title.control.value = x.title;
    text.value = x.body;
    replace(versionNote, x.version ? t('doctpl.version', { v: x.version }) : t('doctpl.version_builtin'));
    replace(phBox, el('span', { class: 'muted small', text: t('doctpl.placeholders') }),
      x.placeholders.map((p) => el('button', { type: 'button', class: 'btn btn-small btn-link', testid: 'doctpl-ph-' + p.name,
        title: '{' + p.name + '}', text: p.label, on: { click: () => insert('{' + p.name + '}') } })));
  }
  function insert(s) {
    const a = text.selectionStart ?? text.value.length;
    const b = text.selectionEnd ?? a;
    text.value = text.value.slice(0, a) + s + text.value.slice(b);
    text.focus();
    text.selectionStart = text.selectionEnd = a + s.length;
  }
  typeSel.control.addEventListener('change', () => { clearErrors(tplForm); fill(); });
  const tplForm = el('form', { class: 'form', testid: 'doctpl-form', novalidate: true,
    on: { submit: async (e) => {
      e.preventDefault();
      clearErrors(tplForm);
      busy(tplForm, true);
      try {
        const saved = await api.put('/document-templates', { type: typeSel.control.value, title: title.control.value,
          body: text.value });
        data.items = data.items.map((x) => (x.type === saved.type ? saved : x));
        fill();
        ctx.toast(t('doctpl.saved', { v: saved.version }));
      } catch (err) {
        showError(tplForm, err);
      } finally {
        busy(tplForm, false);
      }
    } } }, typeSel, versionNote, title, phBox, textField,
  el('div', { class: 'form-actions' },
    el('button', { type: 'submit', class: 'btn btn-primary', testid: 'doctpl-save', text: t('common.save') }),
    el('button', { type: 'button', class: 'btn', testid: 'doctpl-default', text: t('doctpl.restore_default'),
      on: { click: () => { const x = current(); title.control.value = x.default_title; text.value = x.default_body; } } })));
  clearOnInput(tplForm);
  fill();
  replace(body, section(t('doctpl.number_section'), fmtForm), section(t('doctpl.template_section'),
    el('p', { class: 'muted small', text: t('doctpl.freeze_hint') }), tplForm));
}
