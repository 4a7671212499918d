// dateinput.js: the one date input of the UI. A text input (inputmode numeric, pattern YYYY-MM-DD) that accepts what a
// clerk types from paper — 2025-3-5, 2025/3/5, 2025.3.5, 2025年3月5日, 20250305 — and normalises it to 2025-03-05 on
// Enter, on leaving the field and on a change, with a picker button beside it (the browser's own calendar in a hidden
// <input type=date>, used only to pick: the value is always shown as YYYY-MM-DD whatever the browser's locale, where
// Chromium's <input type=date> shows mm/dd/yyyy in en-US).
//
// dom.js field() hands every {type: 'date'} here, so each date field of every page is this one.
// dateField(opts) takes the options of dom.js field() (name, label, value, required, hint, testid, attrs...) plus max
// and min ('YYYY-MM-DD', given to the picker) and returns the same .field wrapper; wrapper.control is the text input,
// whose value is the normalised date, or what was typed when it is no date (the page's check says so).

import { el, field } from './dom.js';
import { t } from './i18n.js';

function pad(n) { return n < 10 ? '0' + n : String(n); }

/** realDate: 'YYYY-MM-DD' when y, m, d make a real calendar date, else null. */
function realDate(y, m, d) {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > last ? null : y + '-' + pad(m) + '-' + pad(d);
}

/**
 * normalizeDate: a typed date as 'YYYY-MM-DD' ('2025/3/5', '2025-3-5', '2025.3.5', '2025年3月5日', '20250305', full-width
 * digits too), or null when it is not a real date. '' stays ''.
 */
export function normalizeDate(raw) {
  const s = String(raw || '').trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!s) return '';
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? realDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** normalizeControl: rewrite a date input's value as YYYY-MM-DD when it is a date (else leave what was typed). */
function normalizeControl(input) {
  const v = normalizeDate(input.value);
  if (v && v !== input.value) {
    input.value = v;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

/** dateField: a labelled date input with a picker button (see the file comment). */
export function dateField(opts) {
  const attrs = Object.assign({ inputmode: 'numeric', pattern: '\\d{4}-\\d{2}-\\d{2}', spellcheck: false,
    'data-date': '', title: t('date.format_hint') }, opts.attrs || {});
  delete attrs.max;
  delete attrs.min;
  const wrapper = field(Object.assign({}, opts, { type: 'text', attrs, maxlength: 12, inputClass: 'mono',
    placeholder: opts.placeholder || t('date.placeholder') }));
  const input = wrapper.control;
  input.classList.add('date-input');
  const max = opts.max || (opts.attrs && opts.attrs.max) || null;
  const min = opts.min || (opts.attrs && opts.attrs.min) || null;
  const picker = el('input', { type: 'date', class: 'date-picker-native', tabindex: '-1', 'aria-hidden': 'true',
    max, min });
  const button = el('button', { type: 'button', class: ['btn', 'btn-small', 'date-picker-btn'], tabindex: '-1',
    'aria-label': t('date.pick', { label: opts.label }), title: t('date.pick', { label: opts.label }),
    testid: opts.testid ? opts.testid + '-pick' : null, text: t('date.pick_glyph') });
  button.addEventListener('click', () => {
    picker.value = normalizeDate(input.value) || '';
    if (typeof picker.showPicker === 'function') {
      try { picker.showPicker(); return; } catch (e) { /* not allowed here: focus the text instead */ }
    }
    input.focus();
  });
  picker.addEventListener('change', () => {
    if (!picker.value) return;
    input.value = picker.value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    input.focus();
  });
  input.addEventListener('blur', () => normalizeControl(input));
  input.addEventListener('change', () => normalizeControl(input));
  // before the form's Enter handling (implicit submission or moving on) sees the value
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') normalizeControl(input); });
  const box = el('div', { class: 'date-box' });
  input.replaceWith(box);
  box.append(input, button, picker);
  return wrapper;
}
