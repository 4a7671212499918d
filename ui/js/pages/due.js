// pages/due.js: the period calculator (#/tools/due?from=&length=&custody=, any signed-in user): the last day of a
// period counted by CPL Art.105 and SPC Interp. Art.202 against the holiday calendar, from GET /api/v1/calendar/due.
// The inputs are kept in the address, so a result can be linked to or bookmarked.

import * as api from '../api.js';
import {
  el, field, selectField, pageHeader, section, busy, clearErrors, fieldError, focusFirstError, showError, replace, nextId,
  clearOnInput, keepHash,
} from '../dom.js';
import { t, label } from '../i18n.js';
import { todayCST, isDate, weekdayText, addDays, addMonths, lengthText, dueMark } from '../casework.js';

/** MAX: the largest length per unit the server accepts (src/core/period.h). */
const MAX = { d: 3650, m: 120, wd: 1000 };
/** PRESETS: common periods of DOMAIN.md 0.2 as [i18n key, n, unit, custody-bound]. */
const PRESETS = [
  ['due.preset.prosecution', 1, 'm', false],
  ['due.preset.arrest_detained', 7, 'd', true],
  ['due.preset.arrest_free', 15, 'd', false],
  ['due.preset.summary', 10, 'd', false],
  ['due.preset.supplementary', 1, 'm', false],
  ['due.preset.transfer', 3, 'wd', false],
  ['due.preset.archiving', 1, 'm', false],
];

/** render: the form, the presets and the result. */
export function render(root, ctx) {
  root.appendChild(pageHeader(t('due.title')));
  const q = ctx.query;
  const lm = /^(\d+)(d|m|wd)$/.exec(q.get('length') || '');
  const from = field({ name: 'from', label: t('due.from'), type: 'date', required: true,
    value: isDate(q.get('from')) ? q.get('from') : todayCST(), testid: 'due-from', hint: t('due.from_hint') });
  const n = field({ name: 'n', label: t('due.n'), type: 'number', required: true, value: lm ? lm[1] : '1',
    testid: 'due-n', attrs: { min: '1', max: String(MAX.d), step: '1', inputmode: 'numeric' } });
  const unit = selectField({ name: 'unit', label: t('due.unit'), testid: 'due-unit', value: lm ? lm[2] : 'm',
    options: ['d', 'm', 'wd'].map((u) => ({ value: u, text: label('unit', u) })) });
  const custodyId = nextId('f-custody');
  const custodyHintId = custodyId + '-hint';
  const custody = el('input', { type: 'checkbox', id: custodyId, name: 'custody', testid: 'due-custody',
    checked: q.get('custody') === 'true', 'aria-describedby': custodyHintId });
  const custodyField = el('div', { class: ['field', 'field-wide'], dataset: { field: 'custody' } },
    el('label', { class: 'check check-inline', for: custodyId }, custody, el('span', { text: t('due.custody') })),
    el('div', { class: 'field-hint', id: custodyHintId, testid: 'due-custody-hint', text: t('due.custody_hint') }),
    el('div', { class: 'field-error', 'aria-live': 'polite' }));
  const drawMax = () => { n.control.max = String(MAX[unit.control.value] || MAX.d); };
  unit.control.addEventListener('change', drawMax);
  drawMax();

  const result = el('div', { class: 'due-result', testid: 'due-result', 'aria-live': 'polite', hidden: true });
  const form = el('form', { class: 'form form-stacked due-form', novalidate: true, testid: 'due-form' },
    el('div', { class: 'form-grid due-grid' }, from, n, unit),
    custodyField,
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'due-submit', text: t('due.submit') })));

  const presets = el('div', { class: 'presets', role: 'group', 'aria-label': t('due.presets') },
    el('span', { class: 'muted presets-label', text: t('due.presets_label') }),
    PRESETS.map(([key, pn, pu, pc], i) => el('button', { type: 'button', class: 'btn btn-small', testid: 'due-preset-' + i,
      text: t(key),
      title: t('due.preset_title', { length: lengthText(pn + pu), custody: pc ? t('due.custody_yes') : t('due.custody_no') }),
      on: { click: () => {
        n.control.value = String(pn);
        unit.control.value = pu;
        custody.checked = pc;
        drawMax();
        form.requestSubmit();
      } } })));

  root.appendChild(el('div', { class: 'due-layout' },
    section(null, presets, form),
    el('section', { class: 'panel due-result-panel' }, el('h2', { class: 'panel-title', text: t('due.result_title') }),
      el('div', { class: 'state state-empty', testid: 'due-result-empty', text: t('due.result_empty') }), result),
    section(t('due.rules_title'), el('ul', { class: 'rules' },
      ['due.rule_1', 'due.rule_2', 'due.rule_3', 'due.rule_4', 'due.rule_5'].map((k) => el('li', { text: t(k) }))))));
  const empty = root.querySelector('[data-testid=due-result-empty]');

  let seq = 0;
  clearOnInput(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const b = { from: from.control.value, n: n.control.value.trim(), unit: unit.control.value, custody: custody.checked };
    let ok = true;
    if (!b.from) ok = !fieldError(form, 'from', t('valid.required')) && ok;
    else if (!isDate(b.from)) ok = !fieldError(form, 'from', t('valid.date')) && ok;
    const num = Number(b.n);
    if (!b.n) ok = !fieldError(form, 'n', t('valid.required')) && ok;
    else if (!/^\d+$/.test(b.n) || num < 1 || num > MAX[b.unit]) {
      ok = !fieldError(form, 'n', t('due.n_range', { max: MAX[b.unit], unit: label('unit', b.unit) })) && ok;
    }
    if (!ok) { focusFirstError(form); return; }
    const length = num + b.unit;
    const my = ++seq;
    keepHash(root, '#/tools/due' + api.query({ from: b.from, length, custody: b.custody ? 'true' : '' }));
    busy(form, true, t('due.computing'));
    try {
      const r = await api.get('/calendar/due', { from: b.from, length, custody: b.custody ? 'true' : 'false' });
      if (my !== seq) return;
      busy(form, false);
      drawResult(r, num, b.unit);
    } catch (err) {
      if (my !== seq) return;
      busy(form, false);
      // The API names 'length' for a bad number or unit: show it beside the number.
      if (err.field === 'length') err.field = 'n';
      showError(form, err);
    }
  });

  function drawResult(r, num, u) {
    empty.hidden = true;
    result.hidden = false;
    // The nominal last day (before any roll-over), for days and months; a working-day count has none.
    let nominal = null;
    if (u === 'd') nominal = addDays(r.from, num);
    else if (u === 'm') nominal = addMonths(r.from, num);
    const moved = nominal && nominal !== r.due;
    replace(result,
      el('div', { class: 'due-big' },
        el('span', { class: 'due-date-big mono', testid: 'due-result-date', text: r.due }),
        el('span', { class: 'due-weekday', testid: 'due-result-weekday', text: weekdayText(r.due) }),
        dueMark(r.due, 'due-result-mark')),
      el('p', { class: 'due-explain', text: t('due.explain', { from: r.from, length: lengthText(r.length) }) }),
      moved ? el('p', { class: 'due-moved', testid: 'due-result-moved',
        text: t('due.moved', { nominal, weekday: weekdayText(nominal), due: r.due }) }) : null,
      r.custody ? el('p', { class: 'due-custody-note', testid: 'due-result-custody', text: t('due.custody_result') }) : null,
      r.provisional ? el('div', { class: 'alert alert-warn', role: 'note', testid: 'due-result-provisional',
        text: t('due.provisional') }) : null);
  }

  if (lm && isDate(q.get('from'))) form.requestSubmit();
}
