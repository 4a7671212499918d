// pages/petition.js: one petition (#/petitions/:id; GET /api/v1/petitions/{id}, docs/api-petitions.md): its facts
// (channel, category, 12309 function, 首办责任人 and handler, risk with its reason, disposition), the petitioners, the
// matter and its attachments' list, the linked cases, the repeats of the same petitioner, the reply periods, the
// replies, the timeline and the step forms. Which steps are offered is the server's answer (`actions`).

import * as api from '../api.js';
import { el, field, selectField, checkboxGroup, checkedValues, replace, loadingBlock, errorBlock, pageHeader, clearErrors, showError, busy,
  fmtTime } from '../dom.js';
import { t, label, PETITION_RISKS } from '../i18n.js';
import { can } from '../session.js';
import { levelBadge, levelClass, todayCST } from '../casework.js';
import { textField } from './suggestion.js';
import { petStateBadge, riskBadge } from './petitions.js';

/** The form of each step: its fields, in order ([name, kind, required, options-or-null]). */
const STEP_FIELDS = {
  reply: [['on', 'date', true], ['reply_kind', 'select', true, ['procedural', 'result', 'progress', 'followup']],
    ['channel', 'select', true, ['written', 'phone', 'in_person', 'online', 'sms']], ['content', 'text', true]],
  accept: [['on', 'date', true], ['department_id', 'department', true], ['note', 'text', false]],
  transfer: [['on', 'date', true], ['agency_name', 'line', true], ['receipt', 'line', false], ['note', 'text', false]],
  reject: [['on', 'date', true], ['reason', 'text', true]],
  litigation: [['on', 'date', true], ['case_id', 'number', true], ['note', 'text', false]],
  handler: [['handler_id', 'user', true], ['reason', 'text', true]],
  risk: [],
  close: [['on', 'date', true], ['satisfaction', 'select', true, ['satisfied', 'basic', 'unsatisfied', 'unknown']],
    ['ceased', 'select', true, ['true', 'false']], ['note', 'text', false]],
  // 领导包案: the leader, the responsible person, the plan; then dated progress notes
  plan: [['on', 'date', true], ['leader_id', 'user', true], ['responsible_id', 'user', true],
    ['plans', 'multi', true, ['handle', 'guide', 'stabilise', 'cease']], ['note', 'text', false]],
  progress: [['on', 'date', true], ['note', 'text', true]],
};
const OPTION_KIND = { reply_kind: 'pet_reply_kind', channel: 'pet_reply_channel', satisfaction: 'pet_satisfaction',
  ceased: 'pet_ceased' };

export async function render(root, ctx) {
  const id = ctx.params.id;
  const body = el('div', { testid: 'petition-page' }, loadingBlock());
  root.appendChild(body);
  let p, depts = null, users = null;

  async function reload() {
    try {
      p = await api.get('/petitions/' + encodeURIComponent(id));
    } catch (err) {
      replace(body, pageHeader(t('pet.title')), errorBlock(err));
      return;
    }
    draw();
  }

  function draw() {
    document.title = t('pet.detail_title', { id: p.id }) + ' - ' + t('app.title_suffix');
    const item = (term, value, testid) => el('div', { class: 'fact' }, el('dt', { text: term }),
      el('dd', { testid }, value === null || value === undefined || value === '' ? t('common.dash') : value));
    const disposition = p.state === 'accepted' ? label('pet_state', p.state) + ' ' + (p.accept_department_name || '')
      : p.state === 'transferred' ? label('pet_state', p.state) + ' ' + p.transfer_agency_name +
        (p.transfer_receipt ? t('pet.receipt_mark', { receipt: p.transfer_receipt }) : '')
        : p.state === 'rejected' ? label('pet_state', p.state) + '：' + p.reject_reason
          : p.state === 'litigation' ? label('pet_state', p.state) : null;
    const formSlot = el('div', { class: 'event-form-slot', testid: 'petition-form-slot' });
    const enabled = (p.actions || []).filter((a) => a.enabled);
    const actionBar = can('petition.handle') && enabled.length
      ? el('section', { class: 'panel no-print', testid: 'petition-actions' },
        el('h2', { class: 'panel-title', text: t('pet.actions') }),
        el('div', { class: 'action-buttons' }, enabled.map((a) => el('button', { type: 'button', class: 'btn',
          testid: 'petition-act-' + a.kind, text: label('pet_event', a.kind),
          on: { click: () => openForm(a.kind, formSlot) } }))),
        formSlot)
      : null;
    const persons = (p.petitioners || []).map((x, i) => el('tr', { testid: 'petitioner-' + i },
      el('td', { text: x.organisation || x.name || '' }), el('td', { text: x.organisation ? (x.name || '') : '' }),
      el('td', { class: 'nowrap', text: x.id_number || x.credit_code || t('common.dash') }),
      el('td', { class: 'nowrap', text: x.phone || t('common.dash') }), el('td', { text: x.address || '' })));
    const deadlines = (p.deadlines || []).map((d) => el('tr', { testid: 'petition-deadline-' + d.kind + '-' + d.sequence },
      el('td', { text: label('deadline_kind', d.kind) + (d.sequence ? t('pet.followup_n', { n: d.sequence }) : '') }),
      el('td', { class: 'nowrap', testid: 'petition-due-' + d.kind + '-' + d.sequence, text: d.due_on || t('common.dash') }),
      el('td', null, levelBadge(d.level)), el('td', { class: 'nowrap', text: d.closed_on || '' })));
    const replies = (p.replies || []).map((r) => el('tr', { testid: 'petition-reply-' + r.id },
      el('td', { class: 'nowrap', text: r.on }), el('td', { class: 'nowrap', text: label('pet_reply_kind', r.kind) }),
      el('td', { class: 'nowrap', text: label('pet_reply_channel', r.channel) }),
      el('td', { class: 'prewrap', text: r.content }), el('td', { class: 'nowrap', text: r.user_name || '' })));
    const events = (p.events || []).map((e) => el('li', { class: 'timeline-item', testid: 'petition-event-' + e.kind },
      el('div', { class: 'timeline-head' }, el('strong', { text: label('pet_event', e.kind) }),
        el('span', { class: 'muted small', text: ' ' + (e.on || fmtTime(e.at)) + ' ' + (e.user_name || '') })),
      eventDetail(e)));
    const repeats = (p.repeats || []).map((x) => el('li', { testid: 'petition-repeat-of-' + x.petition_id },
      el('a', { href: '#/petitions/' + x.petition_id, text: t('pet.detail_title', { id: x.petition_id }) }),
      ' ' + x.received_on + ' ', petStateBadge(x.state), ' ', el('span', { class: 'muted', text: label('pet_basis', x.basis) })));
    const cases = (p.cases || []).map((c) => el('a', { href: '#/cases/' + c.id, class: 'link-chip',
      text: (c.case_number || '') + ' ' + (c.title || '') }));
    const table = (testid, cols, rows, none) => rows.length
      ? el('div', { class: 'table-wrap' }, el('table', { class: 'table', testid },
        el('thead', null, el('tr', null, cols.map((k) => el('th', { text: t('pet.' + k) })))), el('tbody', null, rows)))
      : el('p', { class: 'muted', text: t(none) });
    replace(body,
      el('div', { class: 'page-header' },
        el('div', null,
          el('div', { class: 'case-number-line' }, petStateBadge(p.state, 'petition-state'),
            el('span', { class: 'tag', text: label('pet_channel', p.channel) }),
            el('span', { class: 'tag', text: label('pet_category', p.category) }),
            riskBadge(p.risk_level, 'petition-risk'),
            p.repeat_of ? el('a', { class: 'tag', href: '#/petitions/' + p.repeat_of, testid: 'petition-repeat-link',
              text: t('pet.repeat_of', { id: p.repeat_of }) }) : null,
            p.overdue ? el('span', { class: ['badge', 'level-badge', levelClass('overdue')], testid: 'petition-overdue',
              text: t('pet.overdue') }) : null),
          el('h1', { testid: 'page-title', text: t('pet.detail_title', { id: p.id }) + ' ' + (p.petitioner || '') })),
        el('div', { class: 'page-actions no-print' },
          el('button', { type: 'button', class: 'btn', text: t('pet.print'), on: { click: () => window.print() } }),
          el('a', { href: '#/petitions', class: 'btn', text: t('pet.back') }))),
      el('section', { class: 'panel' },
        el('dl', { class: 'facts', testid: 'petition-facts' },
          item(t('pet.received_on'), p.received_on, 'petition-received'),
          item(t('pet.function'), label('pet_function', p.function)),
          item(t('pet.first_handler'), p.first_handler_name, 'petition-first-handler'),
          item(t('pet.handler'), p.handler_name + (p.department_name ? '（' + p.department_name + '）' : ''),
            'petition-handler'),
          item(t('pet.risk_reason'), p.risk_reason, 'petition-risk-reason'),
          item(t('pet.disposition'), disposition ? disposition + ' ' + (p.disposition_on || '') : null,
            'petition-disposition'),
          item(t('pet.unit'), label('pet_unit', p.procedural_unit)),
          item(t('pet.closed'), p.closed_on ? p.closed_on + ' ' + label('pet_satisfaction', p.satisfaction) +
            (p.ceased === true ? ' ' + t('pet.ceased_yes') : p.ceased === false ? ' ' + t('pet.ceased_no') : '') : null,
          'petition-closed'),
          item(t('pet.cases'), cases.length ? el('span', null, cases) : null),
          item(t('pet.lead'), p.lead ? t('pet.lead_text', { leader: p.lead.leader_name, person: p.lead.responsible_name,
            plans: p.lead.plans.map((c) => label('pet_plan', c)).join('、'), on: p.lead.on }) : null, 'petition-lead'))),
      el('section', { class: 'panel' }, el('h2', { class: 'panel-title', text: t('pet.petitioners') }),
        table('petition-petitioners', ['pp_name', 'pp_contact', 'pp_number', 'pp_phone', 'pp_address'], persons,
          'common.empty')),
      el('section', { class: 'panel' }, el('h2', { class: 'panel-title', text: t('pet.matter') }),
        el('p', { class: 'prewrap', testid: 'petition-matter', text: p.matter }),
        (p.attachments || []).length ? el('div', null, el('h3', { class: 'panel-subtitle', text: t('pet.attachments') }),
          el('ul', { testid: 'petition-attachments' }, p.attachments.map((a) => el('li', { text: a })))) : null),
      repeats.length ? el('section', { class: 'panel', testid: 'petition-repeats' },
        el('h2', { class: 'panel-title', text: t('pet.repeats') }), el('ul', null, repeats)) : null,
      actionBar,
      el('section', { class: 'panel' }, el('h2', { class: 'panel-title', text: t('pet.replies') }),
        table('petition-replies', ['r_on', 'r_kind', 'r_channel', 'r_content', 'r_who'], replies, 'pet.no_reply')),
      el('section', { class: 'panel' }, el('h2', { class: 'panel-title', text: t('pet.deadlines') }),
        table('petition-deadlines', ['dl_kind', 'dl_due', 'dl_level', 'dl_closed'], deadlines, 'pet.no_deadline')),
      el('section', { class: 'panel' }, el('h2', { class: 'panel-title', text: t('pet.timeline') }),
        el('ol', { class: 'timeline pet-timeline', testid: 'petition-timeline' }, events)));
  }

  function eventDetail(e) {
    const d = e.data || {};
    const parts = [];
    if (d.reply_kind) parts.push(label('pet_reply_kind', d.reply_kind));
    if (d.agency_name) parts.push(d.agency_name);
    if (d.risk_level) parts.push(t('pet.risk_mark', { level: label('pet_risk', d.risk_level) }));
    if (d.plans) parts.push(d.plans.map((c) => label('pet_plan', c)).join('、'));
    for (const k of ['content', 'reason', 'receipt', 'risk_reason', 'note']) if (d[k]) parts.push(d[k]);
    return parts.length ? el('div', { class: 'timeline-body prewrap', text: parts.join('；') }) : null;
  }

  async function openForm(kind, slot) {
    if (STEP_FIELDS[kind].some(([, type]) => type === 'department') && !depts) {
      depts = (await api.get('/departments')).items;
    }
    if (STEP_FIELDS[kind].some(([, type]) => type === 'user') && !users) {
      users = (await api.get('/users', { limit: 200 })).items;
    }
    const fields = STEP_FIELDS[kind].map(([name, type, required, options]) => {
      const testid = 'pet-' + kind + '-' + name;
      const lbl = t('pet.field_' + name);
      if (type === 'date') return field({ name, label: lbl, type: 'date', required, value: todayCST(), testid });
      if (type === 'select') {
        return selectField({ name, label: lbl, required, testid,
          options: options.map((o) => ({ value: o, text: label(OPTION_KIND[name], o) })) });
      }
      if (type === 'multi') {
        const g = checkboxGroup({ name, label: lbl, required, testid,
          options: options.map((o) => ({ value: o, text: label('pet_plan', o) })) });
        g.multi = true;
        return g;
      }
      if (type === 'department' || type === 'user') {
        const items = type === 'department' ? depts
          : users.filter((u) => name !== 'handler_id' || u.id !== p.handler_id);
        return selectField({ name, label: lbl, required, testid,
          options: [{ value: '', text: t('common.choose') }].concat(items.map((x) => ({ value: x.id, text: x.name }))) });
      }
      if (type === 'line' || type === 'number') {
        return field({ name, label: lbl, required, testid, maxlength: 200, type: type === 'number' ? 'number' : 'text' });
      }
      return textField(name, lbl, required, testid);
    });
    // every step may reassess the risk (required for the risk step itself)
    const riskLevel = selectField({ name: 'risk_level', label: t('pet.risk'), testid: 'pet-' + kind + '-risk_level',
      options: (kind === 'risk' ? [] : [{ value: '', text: t('pet.risk_unchanged') }])
        .concat(PETITION_RISKS.map((c) => ({ value: c, text: label('pet_risk', c) }))) });
    const riskReason = field({ name: 'risk_reason', label: t('pet.risk_reason'), maxlength: 500,
      testid: 'pet-' + kind + '-risk_reason', required: kind === 'risk' });
    fields.push(riskLevel, riskReason);
    const form = el('form', { class: 'form event-form', novalidate: true, testid: 'pet-form-' + kind },
      el('h3', { class: 'event-form-title', text: label('pet_event', kind) }),
      el('div', { class: 'form-grid form-grid-4' }, fields),
      el('div', { class: 'form-actions' },
        el('button', { type: 'submit', class: 'btn btn-primary', testid: 'pet-submit-' + kind, text: t('pet.submit') }),
        el('button', { type: 'button', class: 'btn', text: t('common.cancel'), on: { click: () => replace(slot) } })));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearErrors(form);
      const bodyIn = { kind };
      for (const f of fields) {
        const n = f.dataset.field;
        if (f.multi) {
          const vs = checkedValues(form, n);
          if (vs.length) bodyIn[n] = vs;
          continue;
        }
        const v = f.control.value.trim();
        if (!v) continue;
        bodyIn[n] = ['department_id', 'handler_id', 'case_id', 'leader_id', 'responsible_id'].includes(n) ? Number(v)
          : n === 'ceased' ? v === 'true' : v;
      }
      busy(form, true);
      try {
        p = await api.post('/petitions/' + encodeURIComponent(id) + '/events', bodyIn);
        ctx.toast(t('pet.saved_toast'));
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
