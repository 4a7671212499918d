// pages/suggestion.js: one 检察建议 (#/suggestions/:id; GET /api/v1/suggestions/{id}, docs/api-suggestions.md): its
// facts (type, agency, copies, linked records, dates), the facts and suggestion text, the reply deadline, its
// approvals, the timeline of its steps, and the action forms. Which steps are offered is the server's answer (the
// record's `actions`: each kind, whether it may be taken now, and why not); a step that is a decision of the 检察长
// (签发, 异议处理) is proposed for approval unless the user is the 检察长.

import * as api from '../api.js';
import { documentsBlock } from '../documents.js';
import { el, field, selectField, pageHeader, replace, loadingBlock, errorBlock, clearErrors, showError, busy, nextId,
  fmtTime } from '../dom.js';
import { t, label } from '../i18n.js';
import { can } from '../session.js';
import { lengthText, levelBadge, levelClass, todayCST } from '../casework.js';

/** The form of each step: its fields, in order ([name, kind, required, options-or-null]). */
const STEP_FIELDS = {
  issue: [['reason', 'text', true]],
  serve: [['on', 'date', true], ['method', 'select', true, ['written', 'announced']]],
  object: [['on', 'date', true], ['text', 'text', true]],
  objection_handle: [['result', 'select', true, ['amend', 'withdraw', 'rejected']], ['text', 'text', false],
    ['reason', 'text', true]],
  reply: [['on', 'date', true], ['adoption', 'select', true, ['adopted', 'partly', 'not_adopted']], ['text', 'text', false]],
  visit: [['on', 'date', true], ['result', 'select', true, ['rectified', 'partly', 'not_rectified']],
    ['evidence', 'text', true]],
  urge: [['on', 'date', true], ['text', 'text', true]],
  escalate: [['on', 'date', true], ['to', 'select', true, ['upper_procuratorate', 'superior', 'party_committee', 'npc',
    'government', 'supervision']], ['text', 'text', true]],
  close: [['on', 'date', true], ['outcome', 'select', true, ['handled', 'withdrawn', 'not_adopted_closed',
    'public_interest_suit', 'other']], ['text', 'text', false]],
};
/** The enumeration of each select field, per step (for its labels). */
const OPTION_KIND = { method: 'sug_method', adoption: 'sug_adoption', to: 'sug_escalation', outcome: 'sug_outcome' };

/** sugStateBadge: the badge of a suggestion's state. */
export function sugStateBadge(state, testid) {
  return el('span', { class: ['badge', 'sug-state', 'sug-state-' + state], dataset: { state }, testid,
    text: label('sug_state', state) });
}

/** textField: a labelled textarea in the .field shape of dom.js (errors found by name). */
function textField(name, labelText, required, testid, value) {
  const id = nextId('f-' + name);
  const control = el('textarea', { id, name, class: 'input textarea', rows: 3, maxlength: 5000, required, testid });
  if (value) control.value = value;
  const w = el('div', { class: ['field', 'field-span-2'], dataset: { field: name } },
    el('label', { class: 'field-label', for: id }, labelText,
      required ? el('span', { class: 'required', 'aria-hidden': 'true', text: '*' }) : null),
    control, el('div', { class: 'field-error', id: id + '-err', 'aria-live': 'polite' }));
  w.control = control;
  return w;
}

export { textField };

/** render: load the suggestion and draw it. */
export async function render(root, ctx) {
  const id = ctx.params.id;
  const body = el('div', { testid: 'suggestion-page' }, loadingBlock());
  root.appendChild(body);
  let s;

  async function reload() {
    try {
      s = await api.get('/suggestions/' + encodeURIComponent(id));
    } catch (err) {
      replace(body, pageHeader(t('sug.title')), errorBlock(err));
      return;
    }
    draw();
  }

  function draw() {
    document.title = s.title + ' - ' + t('app.title_suffix');
    const item = (term, value, testid) => el('div', { class: 'fact' }, el('dt', { text: term }),
      el('dd', { testid }, value === null || value === undefined || value === '' ? t('common.dash') : value));
    const copies = (s.copies || []).map((c) => c.name).join('、');
    const links = (s.links || []).map((l) => l.kind === 'case'
      ? el('a', { href: '#/cases/' + l.id, class: 'link-chip', text: (l.case_number || '') + ' ' + (l.title || '') })
      : l.kind === 'lead' // leads (issue 12 §3): the lead the suggestion was made from
        ? el('a', { href: '#/leads/' + l.id, class: 'link-chip', testid: 'suggestion-lead-' + l.id,
          text: label('sug_link', l.kind) + ' #' + l.id })
        : el('span', { class: 'link-chip', text: label('sug_link', l.kind) + ' #' + l.id }));
    const formSlot = el('div', { class: 'event-form-slot', testid: 'suggestion-form-slot' });
    const editSlot = el('div', { class: 'event-form-slot' });
    const enabled = (s.actions || []).filter((a) => a.enabled);
    const actionBar = can('suggestion.handle') && enabled.length
      ? el('section', { class: 'panel', testid: 'suggestion-actions' },
        el('h2', { class: 'panel-title', text: t('sug.actions') }),
        el('div', { class: 'action-buttons' }, enabled.map((a) => el('button', { type: 'button', class: 'btn',
          testid: 'suggestion-act-' + a.kind, text: label('sug_event', a.kind),
          on: { click: () => openForm(a.kind, formSlot) } }))),
        formSlot)
      : null;
    const deadlines = (s.deadlines || []).map((d) => el('tr', { testid: 'suggestion-deadline-' + d.sequence },
      el('td', { text: label('deadline_kind', d.kind) }), el('td', { class: 'nowrap', text: d.start_on }),
      el('td', { class: 'nowrap', testid: 'suggestion-due-' + d.sequence, text: d.due_on || t('common.dash') }),
      el('td', null, levelBadge(d.level)), el('td', { class: 'nowrap', text: d.closed_on || '' })));
    const events = (s.events || []).map((e) => el('li', { class: 'timeline-item', testid: 'suggestion-event-' + e.kind },
      el('div', { class: 'timeline-head' }, el('strong', { text: label('sug_event', e.kind) }),
        el('span', { class: 'muted small', text: ' ' + (e.on || fmtTime(e.at)) + ' ' + (e.user_name || '') })),
      eventDetail(e)));
    replace(body,
      el('div', { class: 'page-header' },
        el('div', null,
          el('div', { class: 'case-number-line' }, sugStateBadge(s.state, 'suggestion-state'),
            el('span', { class: 'tag', text: label('sug_type', s.type) }),
            s.urgent ? el('span', { class: 'tag tag-warn', text: t('sug.urgent') }) : null,
            s.overdue ? el('span', { class: ['badge', 'level-badge', levelClass('overdue')], testid: 'suggestion-overdue',
              text: t('sug.overdue') }) : null),
          el('h1', { testid: 'page-title', text: s.title })),
        el('div', { class: 'page-actions' },
          mayEditDraft() ? el('button', { type: 'button', class: 'btn', testid: 'suggestion-edit', text: t('sug.edit'),
            on: { click: () => openEdit(editSlot) } }) : null,
          el('a', { href: '#/suggestions', class: 'btn', text: t('sug.back') }))),
      editSlot,
      el('section', { class: 'panel' },
        el('dl', { class: 'facts', testid: 'suggestion-facts' },
          item(t('sug.agency'), s.agency_name, 'suggestion-agency'),
          item(t('sug.copies'), copies, 'suggestion-copies'),
          item(t('sug.prosecutor'), s.prosecutor_name),
          item(t('sug.department'), s.department_name),
          item(t('sug.issued_on'), s.issued_on, 'suggestion-issued-on'),
          item(t('sug.served_on'), s.served_on ? s.served_on + ' ' + label('sug_method', s.service_method) : null,
            'suggestion-served-on'),
          item(t('sug.reply_length'), lengthText(s.reply_length)),
          item(t('sug.reply_due_on'), s.reply_due_on, 'suggestion-reply-due'),
          item(t('sug.reply_on'), s.reply_on ? s.reply_on + ' ' + label('sug_adoption', s.adoption) : null,
            'suggestion-reply-on'),
          item(t('sug.visit'), s.visit_on ? s.visit_on + ' ' + label('sug_visit', s.visit_result) : null),
          item(t('sug.outcome'), s.outcome ? label('sug_outcome', s.outcome) + ' ' + s.closed_on : null,
            'suggestion-outcome'),
          item(t('sug.links'), links.length ? el('span', null, links) : null))),
      el('section', { class: 'panel' }, el('h2', { class: 'panel-title', text: t('sug.facts') }),
        el('p', { class: 'prewrap', testid: 'suggestion-facts-text', text: s.facts }),
        el('h2', { class: 'panel-title', text: t('sug.text') }),
        el('p', { class: 'prewrap', testid: 'suggestion-text', text: s.text || t('common.dash') }),
        el('h2', { class: 'panel-title', text: t('sug.legal_basis') }),
        el('p', { class: 'prewrap', text: s.legal_basis || t('common.dash') })),
      s.state !== 'draft' ? documentsBlock('suggestion', s.id) : null,
      (s.approvals || []).some((a) => a.status === 'pending')
        ? el('div', { class: 'alert alert-info', testid: 'suggestion-pending', text: t('sug.pending_approval') }) : null,
      actionBar,
      el('section', { class: 'panel' }, el('h2', { class: 'panel-title', text: t('sug.deadlines') }),
        deadlines.length ? el('div', { class: 'table-wrap' }, el('table', { class: 'table', testid: 'suggestion-deadlines' },
          el('thead', null, el('tr', null, ['dl_kind', 'dl_start', 'dl_due', 'dl_level', 'dl_closed']
            .map((k) => el('th', { text: t('sug.' + k) })))), el('tbody', null, deadlines)))
          : el('p', { class: 'muted', text: t('sug.no_deadline') })),
      el('section', { class: 'panel' }, el('h2', { class: 'panel-title', text: t('sug.timeline') }),
        el('ol', { class: 'timeline sug-timeline', testid: 'suggestion-timeline' }, events)));
  }

  /** A draft not awaiting approval may be edited by whoever may act on it (the server decides). */
  function mayEditDraft() {
    return s.state === 'draft' && can('suggestion.handle') && !(s.approvals || []).some((a) => a.status === 'pending') &&
      (s.actions || []).some((a) => a.kind === 'issue' && (a.enabled || a.why !== t('sug.not_mine_reason')));
  }

  /** openEdit: the draft's title, facts, text and legal basis (PUT /suggestions/{id}). */
  function openEdit(slot) {
    if (slot.firstChild) { replace(slot); return; }
    const title = field({ name: 'title', label: t('sug.field_title'), required: true, maxlength: 200, value: s.title,
      testid: 'sug-edit-title' });
    title.classList.add('field-span-2');
    const parts = [title, textField('facts', t('sug.facts'), true, 'sug-edit-facts', s.facts),
      textField('text', t('sug.text'), true, 'sug-edit-text', s.text),
      textField('legal_basis', t('sug.legal_basis'), true, 'sug-edit-basis', s.legal_basis)];
    const form = el('form', { class: 'form event-form', novalidate: true, testid: 'sug-edit-form' },
      el('h3', { class: 'event-form-title', text: t('sug.edit') }),
      el('div', { class: 'form-grid form-grid-4' }, parts),
      el('div', { class: 'form-actions' },
        el('button', { type: 'submit', class: 'btn btn-primary', testid: 'sug-edit-submit', text: t('sug.submit') }),
        el('button', { type: 'button', class: 'btn', text: t('common.cancel'), on: { click: () => replace(slot) } })));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      const bodyIn = {};
      for (const f of parts) {
        const v = f.control.value.trim();
        if (v) bodyIn[f.dataset.field] = v;
      }
      busy(form, true);
      try {
        s = await api.put('/suggestions/' + encodeURIComponent(id), bodyIn);
        ctx.toast(t('sug.saved_toast'));
        draw();
      } catch (err) {
        busy(form, false);
        showError(form, err);
      }
    });
    replace(slot, form);
  }

  function eventDetail(e) {
    const d = e.data || {};
    const parts = [];
    for (const k of ['method', 'adoption', 'result', 'to', 'outcome']) {
      if (d[k]) parts.push(label(k === 'result' ? (e.kind === 'visit' ? 'sug_visit' : 'sug_objection') : OPTION_KIND[k], d[k]));
    }
    for (const k of ['text', 'evidence', 'reason']) if (d[k]) parts.push(d[k]);
    return parts.length ? el('div', { class: 'timeline-body prewrap', text: parts.join('；') }) : null;
  }

  function openForm(kind, slot) {
    const fields = STEP_FIELDS[kind].map(([name, type, required, options]) => {
      const testid = 'sug-' + kind + '-' + name;
      const lbl = t('sug.field_' + name);
      if (type === 'date') return field({ name, label: lbl, type: 'date', required, value: todayCST(), testid });
      if (type === 'select') {
        const kindOf = name === 'result' ? (kind === 'visit' ? 'sug_visit' : 'sug_objection') : OPTION_KIND[name];
        return selectField({ name, label: lbl, required, testid,
          options: options.map((o) => ({ value: o, text: label(kindOf, o) })) });
      }
      return textField(name, lbl, required, testid);
    });
    const form = el('form', { class: 'form event-form', novalidate: true, testid: 'sug-form-' + kind },
      el('h3', { class: 'event-form-title', text: label('sug_event', kind) }),
      el('div', { class: 'form-grid form-grid-4' }, fields),
      el('div', { class: 'form-actions' },
        el('button', { type: 'submit', class: 'btn btn-primary', testid: 'sug-submit-' + kind, text: t('sug.submit') }),
        el('button', { type: 'button', class: 'btn', text: t('common.cancel'), on: { click: () => replace(slot) } })));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      const bodyIn = { kind };
      for (const f of fields) {
        const v = f.control.value.trim();
        if (v) bodyIn[f.dataset.field] = v;
      }
      busy(form, true);
      try {
        const res = await api.post('/suggestions/' + encodeURIComponent(id) + '/events', bodyIn);
        ctx.toast(res.approval ? t('sug.proposed_toast') : t('sug.saved_toast'));
        s = res;
        draw();
      } catch (err) {
        busy(form, false);
        showError(form, err);
      }
    });
    replace(slot, form);
    const first = form.querySelector('input, select, textarea');
    if (first) first.focus();
  }

  await reload();
}
