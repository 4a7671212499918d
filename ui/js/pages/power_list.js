// pages/power_list.js: the office's 权力清单 (#/admin/power-list, permission admin.manage): who decides each kind of
// decision. GET /api/v1/settings/power-list → {power_list: {code: approver}, decisions: [{code, name, default, rule}]};
// PUT with only the changed codes {code: "none"|"department_head"|"chief"} answers the same shape.
//
// One select per decision kind (检察官自行决定 / 部门负责人 / 检察长), its default and its legal basis beside it; changed rows
// are marked with what they were, as on the deadline-warnings page.

import * as api from '../api.js';
import {
  el, selectField, busy, clearErrors, clearOnInput, showError, pageHeader, section, loadingBlock, errorBlock, replace,
} from '../dom.js';
import { t, label, APPROVERS } from '../i18n.js';

/** render: load the setting, then draw the table form and the explanation. */
export async function render(root, ctx) {
  root.appendChild(pageHeader(t('power.title')));
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  let reply;
  try {
    reply = await api.get('/settings/power-list');
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }
  const decisions = reply.decisions || [];
  let saved = reply.power_list || {};
  const selects = {};
  const notes = {};
  const rows = decisions.map((d) => {
    const f = selectField({ name: d.code, label: d.name || label('decision_kind', d.code), hideLabel: true,
      testid: 'power-' + d.code, value: saved[d.code] || d.default,
      options: APPROVERS.map((a) => ({ value: a, text: label('approver', a) })) });
    selects[d.code] = f;
    notes[d.code] = el('div', { class: 'field-note', testid: 'power-was-' + d.code });
    f.appendChild(notes[d.code]);
    return el('tr', { testid: 'power-row-' + d.code, dataset: { code: d.code } },
      el('td', { text: d.name || label('decision_kind', d.code) }),
      el('td', null, f),
      el('td', { class: 'nowrap muted', text: label('approver', d.default) }),
      el('td', { class: 'cell-rule', text: d.rule || '' }));
  });

  const status = el('div', { class: 'warnings-status', testid: 'power-status', role: 'status' });
  const form = el('form', { class: 'form power-form', novalidate: true, testid: 'power-form' },
    el('div', { class: 'table-wrap' }, el('table', { class: 'table power-table', testid: 'power-table' },
      el('thead', null, el('tr', null,
        el('th', { text: t('power.col_decision') }), el('th', { text: t('power.col_approver') }),
        el('th', { text: t('power.col_default') }), el('th', { text: t('power.col_rule') }))),
      el('tbody', null, rows))),
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'power-submit', text: t('power.submit') }),
      status));

  const changedCodes = () => decisions.map((d) => d.code)
    .filter((c) => selects[c].control.value !== (saved[c] || ''));
  const drawChanges = () => {
    const changed = changedCodes();
    for (const d of decisions) {
      const on = changed.includes(d.code);
      selects[d.code].classList.toggle('is-changed', on);
      notes[d.code].textContent = on && saved[d.code] ? t('power.was', { name: label('approver', saved[d.code]) }) : '';
    }
    status.classList.remove('is-saved');
    status.textContent = changed.length ? t('power.status_dirty', { n: changed.length }) : t('power.status_clean');
  };
  form.addEventListener('change', drawChanges);
  clearOnInput(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const changed = changedCodes();
    if (!changed.length) {
      status.textContent = t('common.no_changes');
      return;
    }
    const b = {};
    for (const c of changed) b[c] = selects[c].control.value;
    busy(form, true);
    try {
      const r = await api.put('/settings/power-list', b);
      saved = (r && r.power_list) || Object.assign({}, saved, b);
      busy(form, false);
      for (const d of decisions) selects[d.code].control.value = saved[d.code] || d.default;
      drawChanges();
      status.textContent = t('power.status_saved', { n: changed.length });
      status.classList.add('is-saved');
      ctx.toast(t('power.saved'));
    } catch (err) {
      busy(form, false);
      showError(form, err);
    }
  });

  const explain = section(t('power.explain_title'),
    el('div', { class: 'warnings-explain', testid: 'power-explain' },
      el('p', { text: t('power.explain_what') }),
      el('p', { class: 'muted', text: t('power.explain_pending') })));
  drawChanges();
  replace(body, el('div', { class: 'warnings-layout' }, section(t('power.section_form'), form), explain));
}
