// pages/linkage_item.js: one 行刑反向衔接 item (#/linkage/{id}, GET /api/v1/linkage/{id}): who and what it is about,
// its state, the periods (transfer, review, reply) with their due days, the approvals, the timeline, and the forms of
// the steps the server allows now (`actions`: each step, whether it may be taken and why not). A step is
// POST /api/v1/linkage/{id}/events {kind, on, ...}; 201 redraws the item, 202 says it went to the 检察长. A refusal is
// shown beside the field it names (or at the top of the form). The amount of a reply is typed in 元 and sent in 分.

import * as api from '../api.js';
import {
  el, field, selectField, busy, clearErrors, showError, section, loadingBlock, errorBlock, replace, fmtTime, formKeys,
  pageHeader,
} from '../dom.js';
import { t, label } from '../i18n.js';
import { can } from '../session.js';
import { refreshBadges } from '../nav.js';
import { dueMark, todayCST } from '../casework.js';
import { stateBadge } from './linkage.js';
import { documentsBlock } from '../documents.js';
import { agencyPicker } from '../agency_picker.js';

const PENALTIES = ['fine', 'detention', 'licence_revocation', 'permit_suspension', 'permit_revocation', 'confiscation',
  'disciplinary', 'other'];
const options = (kind, codes) => codes.map((c) => ({ value: c, text: label(kind, c) }));

/** The fields of each step's form, in order: [name, type, required, extra]. */
const STEP_FIELDS = {
  transfer: [['reason', 'textarea', false]],
  register: [['reason', 'textarea', false]],
  request: [['request_kind', 'select', true, options('request_kind', ['reconsideration', 'review', 'complaint_victim',
    'complaint_person', 'private_prosecution'])], ['text', 'textarea', false]],
  suspend: [['reason', 'textarea', true]],
  resume: [['reason', 'textarea', false]],
  extend: [['days', 'number', true], ['reason', 'textarea', true]],
  opinion: [['side', 'select', true, options('linkage_side', ['criminal', 'administrative'])],
    ['opinion', 'select', true, options('linkage_opinion', ['penalty', 'no_penalty'])], ['text', 'textarea', false],
    ['reason', 'textarea', false]],
  terminate: [['reason_code', 'select', true, options('terminate_reason', ['already_penalised', 'time_barred',
    'no_legal_basis', 'deceased', 'other'])], ['text', 'textarea', false]],
  procuratorial_opinion: [['agency_id', 'agency', true], ['penalties', 'penalties', true], ['facts', 'textarea', true],
    ['reply_months', 'number', false], ['reason', 'textarea', true]],
  serve: [['method', 'select', true, options('service_method', ['in_person', 'mail', 'electronic', 'other'])],
    ['reply_months', 'number', false]],
  reply: [['penalised', 'checkbox', false], ['penalty', 'select', false, [{ value: '', text: t('common.dash') }]
    .concat(options('penalty', PENALTIES))], ['decision_number', 'text', false], ['amount_yuan', 'text', false],
  ['text', 'textarea', false]],
  urge: [['text', 'textarea', false], ['reply_days', 'number', false]],
  follow_up: [['reason', 'textarea', true]],
  close: [['reason', 'textarea', false]],
  decision_changed: [['change_kind', 'select', true, options('change_kind', ['reconsideration', 'review', 'complaint'])],
    ['text', 'textarea', false]],
};

export async function render(root, ctx) {
  const page = new ItemPage(root, ctx);
  await page.load();
}

class ItemPage {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.id = ctx.params.id;
    this.body = el('div');
    root.appendChild(this.body);
    this.agencies = null;
  }

  async load() {
    replace(this.body, loadingBlock());
    try {
      this.it = await api.get('/linkage/' + encodeURIComponent(this.id));
      this.draw();
    } catch (err) {
      replace(this.body, errorBlock(err));
    }
  }

  draw() {
    const it = this.it;
    this.formSlot = el('div', { class: 'event-form-slot', testid: 'linkage-form-slot' });
    replace(this.body,
      pageHeader(t('linkage.item_title', { name: it.person_name }),
        el('a', { href: '#/linkage', class: 'btn', text: t('linkage.title') })),
      this.factsPanel(),
      can('linkage.handle') ? this.actionPanel() : null,
      this.deadlinePanel(),
      documentsBlock('linkage', it.id),
      this.approvalPanel(),
      this.timelinePanel());
  }

  factsPanel() {
    const it = this.it;
    const item = (term, value, testid) => el('div', { class: 'fact' },
      el('dt', { text: term }), el('dd', { testid }, value === null || value === undefined || value === '' ? t('common.dash') : value));
    const opinion = (side) => it[side + '_opinion']
      ? label('linkage_opinion', it[side + '_opinion']) + (it[side + '_opinion_text'] ? '：' + it[side + '_opinion_text'] : '') : '';
    const outcome = it.outcome === 'terminated'
      ? label('linkage_state', 'terminated') + '（' + label('terminate_reason', it.terminate_reason) + (it.terminate_text ? '：' + it.terminate_text : '') + '）'
      : it.outcome === 'opinion' ? label('linkage_event', 'procuratorial_opinion') + ' ' + (it.outcome_on || '') : '';
    const reply = it.reply_on
      ? it.reply_on + ' ' + t(it.reply_penalised ? 'linkage.reply_penalised' : 'linkage.reply_not_penalised')
        + (it.reply_penalty ? ' ' + label('penalty', it.reply_penalty) : '') + (it.reply_decision_number ? ' ' + it.reply_decision_number : '')
        + (it.reply_amount_fen !== null && it.reply_amount_fen !== undefined ? ' ' + t('linkage.amount_yuan', { yuan: (it.reply_amount_fen / 100).toFixed(2) }) : '')
      : '';
    return el('section', { class: 'panel' },
      el('div', { class: 'case-number-line' }, stateBadge(it.state, 'linkage-state'),
        it.overdue ? el('span', { class: 'badge level-red', testid: 'linkage-overdue', text: t('linkage.overdue') }) : null),
      el('dl', { class: 'facts', testid: 'linkage-facts' },
        item(t('linkage.case'), el('a', { href: '#/cases/' + it.case_id, testid: 'linkage-case-link', text: it.case_number + ' ' + it.case_title })),
        item(t('linkage.npt'), label('npt', it.non_prosecution_type)),
        item(t('linkage.decision_on'), it.decision_on, 'linkage-decision-on'),
        item(t('linkage.prosecutor'), it.prosecutor_name),
        item(t('linkage.department'), it.department_name || t('linkage.unassigned'), 'linkage-department'),
        item(t('linkage.handler'), it.handler_name, 'linkage-handler'),
        item(t('linkage.registered_on'), it.registered_on),
        item(t('linkage.request'), it.request_on ? label('request_kind', it.request_kind) + ' ' + it.request_on : ''),
        item(t('linkage.opinions'), [opinion('criminal'), opinion('admin')].filter(Boolean).join('；')),
        item(t('linkage.outcome'), outcome, 'linkage-outcome'),
        item(t('linkage.agency'), it.agency_name, 'linkage-agency'),
        item(t('linkage.penalties'), (it.penalties || []).map((p) => label('penalty', p)).join('、')),
        item(t('linkage.served_on'), it.served_on ? it.served_on + ' ' + label('service_method', it.service_method) : ''),
        item(t('linkage.reply'), reply, 'linkage-reply'),
        item(t('linkage.follow_up'), it.suggestion_id
          ? el('a', { href: '#/suggestions/' + it.suggestion_id, testid: 'linkage-suggestion-link',
            text: t('linkage.follow_up_suggestion', { on: it.followed_up_on || '' }) }) : '', 'linkage-follow-up'),
        item(t('linkage.closed'), it.closed_on ? it.closed_on + ' ' + label('close_reason', it.close_reason) : '', 'linkage-closed')));
  }

  actionPanel() {
    const allowed = (this.it.actions || []).filter((a) => a.allowed);
    const buttons = allowed.map((a) => el('button', { type: 'button', class: 'btn', testid: 'linkage-action-' + a.kind,
      text: label('linkage_event', a.kind), on: { click: () => this.openForm(a.kind) } }));
    return section(t('linkage.actions'),
      buttons.length ? el('div', { class: 'action-bar', testid: 'linkage-actions' }, buttons)
        : el('p', { class: 'muted', testid: 'linkage-no-actions', text: t('linkage.no_actions') }),
      this.formSlot);
  }

  async openForm(kind) {
    const form = el('form', { class: 'form event-form', testid: 'linkage-form-' + kind, novalidate: true });
    form.appendChild(el('h3', { class: 'form-title', text: label('linkage_event', kind) }));
    form.appendChild(field({ name: 'on', label: t('linkage.field.on'), type: 'date', value: todayCST(), required: true, testid: 'lf-on' }));
    for (const [name, type, required, extra] of STEP_FIELDS[kind] || []) {
      const lbl = t('linkage.field.' + name);
      if (type === 'select') form.appendChild(selectField({ name, label: lbl, options: extra, required, testid: 'lf-' + name }));
      else if (type === 'agency') {
        form.pickers = form.pickers || {};
        form.pickers[name] = agencyPicker({ name, label: lbl, required, testid: 'lf-' + name });
        form.appendChild(form.pickers[name]);
      }
      else if (type === 'penalties') {
        form.appendChild(el('fieldset', { class: 'field checkbox-group', testid: 'lf-penalties' },
          el('legend', { text: lbl }),
          PENALTIES.map((p) => el('label', { class: 'checkbox' },
            el('input', { type: 'checkbox', name: 'penalties', value: p, testid: 'lf-penalty-' + p }), label('penalty', p)))));
      } else if (type === 'checkbox') {
        form.appendChild(el('label', { class: 'checkbox field' },
          el('input', { type: 'checkbox', name, testid: 'lf-' + name }), lbl));
      } else if (type === 'textarea') {
        form.appendChild(el('div', { class: 'field' }, el('label', { text: lbl }),
          el('textarea', { name, class: 'input', rows: 3, required, testid: 'lf-' + name, maxlength: name === 'facts' ? 5000 : 2000 })));
      } else {
        form.appendChild(field({ name, label: lbl, type: type === 'number' ? 'number' : 'text', required, testid: 'lf-' + name }));
      }
    }
    form.appendChild(el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'lf-submit', text: t('linkage.submit') })));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(kind, form); });
    formKeys(form);
    replace(this.formSlot, form);
    const first = form.querySelector('select, input:not([type=hidden]), textarea');
    if (first) first.focus();
  }

  payload(kind, form) {
    const b = { kind, on: form.elements.on.value.trim() };
    for (const [name, type] of STEP_FIELDS[kind] || []) {
      if (type === 'penalties') {
        b.penalties = Array.from(form.querySelectorAll('input[name=penalties]:checked')).map((x) => x.value);
        continue;
      }
      if (type === 'agency') {
        const id = form.pickers[name].value();
        if (id) b[name] = id;
        continue;
      }
      const c = form.elements[name];
      if (type === 'checkbox') { b[name] = c.checked; continue; }
      const v = c.value.trim();
      if (!v) continue;
      if (name === 'amount_yuan') {
        // yuan with at most two decimals → fen, exactly (no floating point); anything else goes as is and is refused
        const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(v);
        b.amount_fen = m ? parseInt(m[1], 10) * 100 + parseInt((m[2] || '').padEnd(2, '0'), 10) : v;
      } else if (type === 'number') b[name] = /^\d+$/.test(v) ? parseInt(v, 10) : v;
      else b[name] = v;
    }
    return b;
  }

  async submit(kind, form) {
    clearErrors(form);
    busy(form, true);
    try {
      const res = await api.post('/linkage/' + encodeURIComponent(this.id) + '/events', this.payload(kind, form));
      const last = (res.events || []).at(-1);
      // 202: the step went to the 检察长 (its last timeline row is the proposal)
      this.ctx.toast(last && last.kind === 'proposed' ? t('linkage.proposed') : t('linkage.done', { step: label('linkage_event', kind) }));
      refreshBadges();
      await this.load();
    } catch (err) {
      busy(form, false);
      showError(form, err.field === 'amount_fen' ? Object.assign(err, { field: 'amount_yuan' }) : err);
    }
  }

  deadlinePanel() {
    const rows = (this.it.deadlines || []).map((d) => el('tr', { testid: 'linkage-deadline-' + d.kind + '-' + d.sequence },
      el('td', { text: label('deadline_kind', d.kind) }),
      el('td', { class: 'mono', text: d.start_on }),
      el('td', { class: 'mono', testid: 'linkage-due-' + d.kind + '-' + d.sequence },
        d.due_on || t('common.dash'), d.due_on ? dueMark(d.due_on) : null),
      el('td', { text: d.stop_days ? '+' + d.stop_days : '' }),
      el('td', { testid: 'linkage-status-' + d.kind + '-' + d.sequence, text: label('linkage_deadline_status', d.status) }),
      el('td', { class: 'mono', text: d.closed_on || '' })));
    return el('section', { class: 'panel', testid: 'linkage-deadlines' },
      el('h2', { class: 'panel-title', text: t('linkage.deadlines') }),
      el('div', { class: 'table-wrap' }, el('table', { class: 'table' }, el('tbody', null, rows))));
  }

  approvalPanel() {
    const a = this.it.approvals || [];
    if (!a.length) return null;
    return section(t('linkage.approvals'), el('ul', { class: 'plain-list', testid: 'linkage-approvals' },
      a.map((x) => el('li', { testid: 'linkage-approval-' + x.id },
        label('decision_kind', x.decision_kind) + ' · ' + label('approval_status', x.status)
        + (x.legal_on ? ' · ' + x.legal_on : '') + (x.decided_by_name ? ' · ' + x.decided_by_name : '')))));
  }

  timelinePanel() {
    const items = (this.it.events || []).map((e) => el('li', { class: 'timeline-item', testid: 'linkage-event-' + e.id },
      el('div', { class: 'timeline-date mono', text: e.on || '' }),
      el('div', { class: 'timeline-body' },
        el('div', { class: 'timeline-head' }, el('span', { class: 'timeline-kind', text: label('linkage_event', e.kind) })),
        e.data && (e.data.reason || e.data.text) ? el('div', { class: 'muted', text: e.data.reason || e.data.text }) : null),
      el('div', { class: 'timeline-who muted' },
        el('div', { text: e.user_name || '' }), el('div', { class: 'small mono', text: fmtTime(e.at) }))));
    return el('section', { class: 'panel panel-timeline' },
      el('h2', { class: 'panel-title', text: t('linkage.timeline') }),
      el('ol', { class: 'timeline', testid: 'linkage-timeline' }, items));
  }
}
