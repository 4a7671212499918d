// pages/fast_track.js: the fast-track rule of the office (轻微刑事案件办案组规则, #/admin/fast-track, permission
// admin.manage): GET/PUT /api/v1/settings/fast-track {"enabled","department_id","charges","max_sentence_band"}.
//
// When the rule is enabled, a prosecution review case whose persons all plead guilty (认罪认罚), whose charges are all in
// the rule's list and whose likely sentences are all at most the chosen band is routed to the team's department at
// registration and handled under the 速裁 procedure (docs/api-cases.md). The page shows the rule in force, explains it,
// and edits it. The system administrator has no case.read, so the charge list may come from the catalogue's copy
// (casework.chargeList).

import * as api from '../api.js';
import {
  el, selectField, busy, clearErrors, fieldError, focusFirstError, showError, pageHeader, section, loadingBlock,
  errorBlock, replace, nextId, clearOnInput,
} from '../dom.js';
import { t, label, FAST_TRACK_BANDS } from '../i18n.js';
import { chargeList, chargePicker } from '../casework.js';

/** render: load the rule, the departments and the charge list, then draw the status, the explanation and the form. */
export async function render(root, ctx) {
  root.appendChild(pageHeader(t('fast_track.title')));
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  let rule;
  let depts;
  let list;
  try {
    [rule, depts, list] = await Promise.all([
      api.get('/settings/fast-track'), api.get('/departments').then((r) => r.items), chargeList(),
    ]);
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }

  const deptName = (id) => {
    const d = depts.find((x) => x.id === id);
    return d ? d.name : t('fast_track.department_unknown', { id });
  };

  // The rule in force (redrawn after a save).
  const status = el('div', { class: 'fast-track-status', testid: 'fast-track-status', role: 'status' });
  const drawStatus = () => {
    const on = !!rule.enabled;
    status.dataset.enabled = on ? 'true' : 'false';
    replace(status,
      el('span', { class: ['badge', on ? 'badge-ok' : 'badge-off'], text: on ? t('fast_track.badge_on') : t('fast_track.badge_off') }),
      el('span', { class: 'fast-track-status-text', text: on
        ? t('fast_track.status_on', { department: deptName(rule.department_id) }) : t('fast_track.status_off') }),
      on ? el('span', { class: 'muted', text: t('fast_track.status_detail', { n: (rule.charges || []).length,
        band: t('fast_track.max.' + rule.max_sentence_band) }) }) : null);
  };

  const explain = section(t('fast_track.explain_title'),
    el('div', { class: 'fast-track-explain', testid: 'fast-track-explain' },
      el('p', { text: t('fast_track.explain_intro') }),
      el('ol', { class: 'rules' },
        el('li', { text: t('fast_track.explain_plea') }),
        el('li', { text: t('fast_track.explain_charges') }),
        el('li', { text: t('fast_track.explain_band') })),
      el('p', { class: 'fast-track-period', text: t('fast_track.explain_period') }),
      el('p', { class: 'muted', text: t('fast_track.explain_assign') })));

  // The form.
  const enabledBox = el('input', { type: 'checkbox', id: nextId('f-enabled'), name: 'enabled', testid: 'fast-track-enabled',
    checked: !!rule.enabled });
  const enabled = el('div', { class: ['field', 'field-check'], dataset: { field: 'enabled' } },
    el('span', { class: 'field-label', 'aria-hidden': 'true', text: '\u00a0' }),
    el('label', { class: 'check', for: enabledBox.id }, enabledBox, el('span', { text: t('fast_track.enabled') })),
    el('div', { class: 'field-error', 'aria-live': 'polite' }));
  const deptOptions = [{ value: '', text: t('fast_track.department_none') }]
    .concat(depts.map((d) => ({ value: d.id, text: d.name })));
  if (rule.department_id && !depts.some((d) => d.id === rule.department_id)) {
    deptOptions.push({ value: rule.department_id, text: deptName(rule.department_id) });
  }
  const dept = selectField({ name: 'department_id', label: t('fast_track.department'), testid: 'fast-track-department',
    options: deptOptions, value: rule.department_id || '', hint: t('fast_track.department_hint') });
  const prosNote = el('div', { class: 'field-note', testid: 'fast-track-prosecutors', 'aria-live': 'polite' });
  dept.appendChild(prosNote);
  const bands = FAST_TRACK_BANDS.includes(rule.max_sentence_band) || !rule.max_sentence_band
    ? FAST_TRACK_BANDS : FAST_TRACK_BANDS.concat([rule.max_sentence_band]);
  const max = selectField({ name: 'max_sentence_band', label: t('fast_track.max'), testid: 'fast-track-max',
    options: bands.map((b) => ({ value: b, text: label('fast_track.max', b) })),
    value: rule.max_sentence_band || '1_3y', hint: t('fast_track.max_hint') });
  const chargesField = chargePicker({ name: 'charges', label: t('fast_track.charges'), list, values: rule.charges || [],
    testid: 'fast-track-charges', max: null, size: 10, hint: t('fast_track.charges_hint') });

  const form = el('form', { class: 'form fast-track-form', novalidate: true, testid: 'fast-track-form' },
    el('div', { class: 'form-grid form-grid-3' }, enabled, dept, max),
    chargesField,
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'fast-track-submit', text: t('fast_track.submit') })));

  // Who would take the cases: the active prosecutors of the chosen department (rotation picks among them).
  let prosSeq = 0;
  const drawProsecutors = async () => {
    const my = ++prosSeq;
    const d = dept.control.value;
    prosNote.className = 'field-note';
    prosNote.textContent = '';
    if (!d) return;
    try {
      const users = await api.getAll('/users', { role: 'prosecutor', department_id: d, active: 'true' });
      if (my !== prosSeq) return;
      if (users.length) {
        prosNote.textContent = t('fast_track.prosecutors', { n: users.length, names: users.map((u) => u.name).join('、') });
      } else {
        prosNote.textContent = t('fast_track.no_prosecutors');
        prosNote.classList.add('is-warning');
      }
    } catch (err) {
      // Only a hint: the save does not depend on it.
    }
  };
  dept.control.addEventListener('change', drawProsecutors);

  clearOnInput(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const b = {
      enabled: enabledBox.checked,
      department_id: dept.control.value ? Number(dept.control.value) : null,
      charges: chargesField.values(),
      max_sentence_band: max.control.value,
    };
    let ok = true;
    if (b.enabled && !b.department_id) { fieldError(form, 'department_id', t('valid.fast_track_department')); ok = false; }
    if (b.enabled && !b.charges.length) { fieldError(form, 'charges', t('valid.fast_track_charges')); ok = false; }
    if (!ok) { focusFirstError(form); return; }
    busy(form, true);
    try {
      rule = await api.put('/settings/fast-track', b);
      busy(form, false);
      drawStatus();
      ctx.toast(t('fast_track.saved'));
    } catch (err) {
      busy(form, false);
      showError(form, err);
    }
  });

  drawStatus();
  drawProsecutors();
  replace(body,
    el('section', { class: 'panel fast-track-status-panel' }, status),
    el('div', { class: 'fast-track-layout' }, section(t('fast_track.section_rule'), form), explain));
}
