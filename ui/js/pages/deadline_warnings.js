// pages/deadline_warnings.js: the warning lead times of the office's deadlines (期限预警设置, #/admin/deadline-warnings,
// permission admin.manage): GET/PUT /api/v1/settings/deadline-warnings {"arrest_review":2,"arrest_decision":2,
// "prosecution_review":5,"custody_necessity":3,"complaint_review":10,"supplementary":5,"archiving":5,"probation":10,
// "complaint_victim":2,"complaint_suspect":2,"jurisdiction_transfer":2}.
//
// Each value is how many days (0..60) before its due day an open deadline turns amber (level 'warning'): review
// deadlines by case type, the 退回补充侦查, 归档, 附条件不起诉考验期, 申诉期 and 移送管辖 deadlines by kind. A save sends only the changed keys; the server then
// shows every open deadline with the new lead time at once. Reading the setting needs case.read, which the system
// administrator (the only role with admin.manage) may lack: then the form starts empty, a filled-in value is a change,
// and the reply to the save (the whole setting) fills the form.

import * as api from '../api.js';
import {
  el, field, busy, clearErrors, clearOnInput, fieldError, focusFirstError, showError, pageHeader, section, loadingBlock,
  errorBlock, replace,
} from '../dom.js';
import { t } from '../i18n.js';
import { refreshBadges } from '../nav.js';

/** GROUPS: the setting's keys as the form shows them: review deadlines by case type, then the other kinds. */
const GROUPS = [
  { title: 'warnings.group_review',
    keys: ['arrest_review', 'arrest_decision', 'prosecution_review', 'custody_necessity', 'complaint_review'] },
  { title: 'warnings.group_other', keys: ['supplementary', 'archiving', 'probation', 'complaint_victim', 'complaint_suspect',
    'jurisdiction_transfer', 'bail_expiry', 'residential_expiry'] },
];
const KEYS = GROUPS.flatMap((g) => g.keys);
const MAX_DAYS = 60;

/** render: load the setting, then draw the form and the explanation. */
export async function render(root, ctx) {
  root.appendChild(pageHeader(t('warnings.title')));
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  let saved; // the setting in force (GET needs only org.read)
  try {
    saved = await api.get('/settings/deadline-warnings');
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }

  const savedText = (key) => (saved[key] !== undefined && saved[key] !== null ? String(saved[key]) : '');
  const fields = {};
  const notes = {};
  for (const key of KEYS) {
    const f = field({ name: key, label: t('warnings.label.' + key), type: 'number', value: savedText(key),
      testid: 'warnings-' + key, inputClass: 'input-days',
      attrs: { min: '0', max: String(MAX_DAYS), step: '1', inputmode: 'numeric' } });
    // 届满前 [n] 日, and under it what the value was while it differs.
    const line = el('div', { class: 'input-unit' });
    f.control.replaceWith(line);
    line.append(el('span', { class: 'unit', 'aria-hidden': 'true', text: t('warnings.before_due') }), f.control,
      el('span', { class: 'unit', text: t('warnings.unit') }));
    notes[key] = el('div', { class: 'field-note', testid: 'warnings-was-' + key });
    f.querySelector('.field-error').after(notes[key]);
    fields[key] = f;
  }

  const status = el('div', { class: 'warnings-status', testid: 'warnings-status', role: 'status' });
  const form = el('form', { class: 'form warnings-form', novalidate: true, testid: 'warnings-form' },
    GROUPS.map((g) => el('fieldset', { class: 'warnings-group' },
      el('legend', { class: 'warnings-group-title', text: t(g.title) }),
      el('div', { class: 'form-grid warnings-grid' }, g.keys.map((k) => fields[k])))),
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'warnings-submit', text: t('warnings.submit') }),
      status));

  /** changedKeys: the keys whose input differs from the setting in force. */
  const changedKeys = () => KEYS.filter((k) => {
    const c = fields[k].control;
    return c.validity.badInput || c.value.trim() !== savedText(k);
  });

  /** drawChanges: mark the changed inputs, say what they were, and count them in the status line. */
  const drawChanges = () => {
    const changed = changedKeys();
    for (const k of KEYS) {
      const on = changed.includes(k);
      fields[k].classList.toggle('is-changed', on);
      notes[k].textContent = on && savedText(k) !== '' ? t('warnings.was', { n: savedText(k) }) : '';
    }
    status.classList.remove('is-saved');
    if (changed.length) status.textContent = t('warnings.status_dirty', { n: changed.length });
    else status.textContent = t('warnings.status_clean');
  };
  form.addEventListener('input', drawChanges);

  clearOnInput(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const changed = changedKeys();
    if (!changed.length) {
      status.textContent = t('common.no_changes');
      return;
    }
    const b = {};
    let ok = true;
    for (const k of changed) {
      const v = fields[k].control.value.trim();
      if (fields[k].control.validity.badInput || !/^\d{1,2}$/.test(v) || Number(v) > MAX_DAYS) {
        fieldError(form, k, t('valid.warn_days'));
        ok = false;
      } else {
        b[k] = Number(v);
      }
    }
    if (!ok) { focusFirstError(form); return; }
    busy(form, true);
    try {
      saved = await api.put('/settings/deadline-warnings', b);
      busy(form, false);
      for (const k of KEYS) fields[k].control.value = savedText(k);
      drawChanges();
      status.textContent = t('warnings.status_saved', { n: Object.keys(b).length });
      status.classList.add('is-saved');
      ctx.toast(t('warnings.saved'));
      refreshBadges(true);
    } catch (err) {
      busy(form, false);
      showError(form, err);
    }
  });

  const explain = section(t('warnings.explain_title'),
    el('div', { class: 'warnings-explain', testid: 'warnings-explain' },
      el('p', { text: t('warnings.explain_what') }),
      el('p', { text: t('warnings.explain_zero') }),
      el('p', { class: 'muted', text: t('warnings.explain_levels') }),
      el('p', { class: 'muted', text: t('warnings.explain_scope') })));

  drawChanges();
  replace(body, el('div', { class: 'warnings-layout' }, section(t('warnings.section_form'), form), explain));
}
