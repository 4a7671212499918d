// pages/case.js: one case (#/cases/{id}, GET /api/v1/cases/{id}): its header, deadlines, persons and timeline, and, for
// case.handle, the acts that may be recorded next (POST /api/v1/cases/{id}/events), adding a person
// (POST /api/v1/cases/{id}/persons), editing the case (PUT /api/v1/cases/{id}: title, 重大复杂, 速裁, and for 案管 the
// department) and editing a person (PUT /api/v1/cases/{id}/persons/{pid}: name, 认罪认罚, likely sentence, charges).
// 案管 also reassigns the case (the 'assign' act, to an active prosecutor of the case's department). Every one of these
// answers with the whole Case, which redraws the page.
//
// Which acts are offered is the server's answer (the Case's `actions`: each kind, whether it may be taken now, and why
// not): the enabled ones form the action bar, the others are listed under 暂不可办理 with their reasons. The page also
// shows what the law asks now (`prompts`), the case's approvals (`approvals`: pending ones with their reasons, and the
// history), per-person review deadlines and stopped clocks. A decision the office's 权力清单 sends for approval answers
// 202 with the approval: the page says it was proposed (已提请审批), not taken. A 409 conflict is shown at the top of the
// act's form. The approvals panel and the legal prompts are drawn by case_approvals.js.

import * as api from '../api.js';
import {
  el, field, selectField, busy, clearErrors, fieldError, focusFirstError, showError, section, loadingBlock, errorBlock,
  replace, codePoints, nextId, fmtTime, errorMessage, clearOnInput,
  formKeys,
} from '../dom.js';
import { t, label, CUSTODY, NON_PROSECUTION_TYPES, SENTENCE_BANDS, INSTANCES } from '../i18n.js';
import { can, currentUser } from '../session.js';
import { refreshBadges } from '../nav.js';
import { refreshApprovalBadge } from '../approvals.js';
import {
  caseTypes, charges, chargePicker, fallbackType, levelBadge, levelClass, daysLeftText, lengthText, statusBadge, todayCST,
  weekdayText, isDate, MAX_CHARGES, dueMark,
} from '../casework.js';
import { personEditor } from './case_form.js';
import { promptsBox, approvalsPanel } from './case_approvals.js';
import { casePersonDocuments } from '../documents.js'; // documents (issue 10 §4)
import { stateBadge as linkageStateBadge } from './linkage.js';

/** linkageBlock: the 行刑衔接 items of the case's persons (one per person not prosecuted), each a link to its page. */
function linkageBlock(c) {
  if (!(c.linkage && c.linkage.length) || !can('linkage.read')) return null;
  return section(t('linkage.case_block'), el('ul', { class: 'plain-list', testid: 'case-linkage' },
    c.linkage.map((it) => el('li', { testid: 'case-linkage-' + it.id },
      el('a', { href: '#/linkage/' + it.id, testid: 'case-linkage-link-' + it.id, text: it.person_name }), ' ',
      linkageStateBadge(it.state), it.next_due_on ? ' ' + t('linkage.col_next_due') + ' ' + it.next_due_on : ''))));
}
import { suggestionsBlock } from '../suggestions_block.js'; // suggestions (issue 10)

const REASON_MAX = 200;
const SENTENCE_MAX = 200;
const AGENCY_MAX = 100;
const TITLE_MAX = 100;
const NAME_MAX = 50;

/** QUIET_FLAGS: event data flags not worth a line when false (a judgment's 否 answers do matter, and stay). */
const QUIET_FLAGS = ['fast_track', 'summary_procedure', 'major_complex'];

/** render: load the case (and the case types, for the decisions each allows), then draw it. */
export async function render(root, ctx) {
  const body = el('div', { class: 'case-page' }, loadingBlock());
  root.appendChild(body);
  document.title = t('case.page_title') + ' - ' + t('app.title_suffix');
  let c;
  let types;
  let power;
  try {
    [c, types, power] = await Promise.all([
      api.get('/cases/' + encodeURIComponent(ctx.params.id)),
      caseTypes().catch(() => []),
      powerList().catch(() => ({})),
    ]);
  } catch (err) {
    replace(body, el('div', { class: 'page-header' }, el('h1', { testid: 'page-title', text: t('case.page_title') }),
      el('div', { class: 'page-actions' }, el('a', { href: '#/cases', class: 'btn', text: t('cases.back_to_list') }))),
    errorBlock(err));
    return;
  }
  const page = new CasePage(body, ctx, types, power);
  page.draw(c);
}

let powerPromise = null;
/** powerList: the office's 权力清单 {code: approver} (GET /settings/power-list, cached; a failure is not cached). */
function powerList() {
  if (!powerPromise) {
    powerPromise = api.get('/settings/power-list').then((r) => r.power_list || {});
    powerPromise.catch(() => { powerPromise = null; });
  }
  return powerPromise;
}

/**
 * decisionKindOf: the 权力清单 code an act would be, for the form's notice that it needs approval (a hint: the
 * server's 202 says for certain). decision is the chosen decision of a decide act; person the person concerned.
 */
function decisionKindOf(kind, decision, person) {
  if (['extend', 'return', 'self_investigation', 'suspend', 'withdraw_prosecution'].includes(kind)) return kind;
  if (kind !== 'decide' || !decision) return null;
  if (decision === 'reject_arrest') return person && person.in_custody ? 'reject_arrest_detained' : 'reject_arrest';
  if (decision === 'release' || decision === 'maintain') return 'custody_necessity';
  if (decision === 'uphold' || decision === 'revoke') return 'complaint_review';
  return decision;
}

/**
 * facts: the case's review facts, {returns, extended, clockStart}. Taken from the Case when it carries them
 * (returns, extended, clock_start), else derived from its events: returns = prior_returns + 'return' events; the
 * current review period starts at the last 'resubmit' (else at receipt) and is extended when an 'extend' follows it.
 */
export function facts(c) {
  const events = c.events || [];
  let lastResubmit = -1;
  let lastExtend = -1;
  let returns = 0;
  let clockStart = c.received_on;
  events.forEach((e, i) => {
    if (e.kind === 'return') returns++;
    if (e.kind === 'resubmit') { lastResubmit = i; clockStart = e.on || clockStart; }
    if (e.kind === 'extend') lastExtend = i;
  });
  return {
    returns: typeof c.returns === 'number' ? c.returns : (c.prior_returns || 0) + returns,
    extended: typeof c.extended === 'boolean' ? c.extended : lastExtend > lastResubmit,
    clockStart: c.clock_start || clockStart,
  };
}

/** PERSON_KINDS: the acts that concern one person (the form asks which). */
const PERSON_KINDS = ['custody', 'decide', 'judgment', 'suspend', 'resume', 'assessment', 'withdraw_prosecution'];

/** REASON_REQUIRED: the acts whose reason the server requires (EventRule fields marked '!'). */
const REASON_REQUIRED = ['extend', 'return', 'self_investigation', 'suspend', 'police_withdraw', 'withdraw_prosecution',
  'jurisdiction'];

/** inProbation: whether person p is in (or past) 附条件不起诉 probation without the final decision yet. */
function inProbation(p) {
  return p.decision === 'non_prosecution' && p.non_prosecution_type === 'conditional' && !p.final_decision;
}

/** openSuspension: person p's open 中止审查 (a suspend clock stop without an end), or null. */
function openSuspension(p) {
  return (p.clock_stops || []).find((x) => x.kind === 'suspend' && !x.to_on) || null;
}

/**
 * likelyPersons: the persons an act most likely concerns, listed first in its form (a convenience only: the server
 * says whether the act may be taken, through the case's actions, and refuses a wrong person with a 409).
 */
function likelyPersons(kind, persons) {
  const pick = {
    decide: (p) => !p.decision || inProbation(p),
    judgment: (p) => p.decision === 'prosecute' || p.final_decision === 'prosecute',
    resume: (p) => !!openSuspension(p),
    suspend: (p) => !p.decision && !openSuspension(p),
    assessment: (p) => !p.decision,
    withdraw_prosecution: (p) => (p.decision === 'prosecute' || p.final_decision === 'prosecute') && !p.prosecution_withdrawn_on,
  }[kind];
  if (!pick) return persons;
  const first = persons.filter(pick);
  return first.length ? first.concat(persons.filter((p) => !pick(p))) : persons;
}

/**
 * actionsFor: the acts of case c as the server gives them (c.actions: [{kind, enabled, why}], the rules of
 * core/case_rules.c): [{kind, enabled, why, persons, count}] in the server's order. 改派 (assign) is offered to 案管
 * (case.register) only, whose permission it needs.
 */
export function actionsFor(c) {
  const persons = c.persons || [];
  const returns = typeof c.returns === 'number' ? c.returns : facts(c).returns;
  return (c.actions || []).filter((a) => a.kind !== 'assign' || can('case.register')).map((a) => ({
    kind: a.kind, enabled: !!a.enabled, why: a.enabled ? null : a.why || null,
    persons: PERSON_KINDS.includes(a.kind) ? likelyPersons(a.kind, persons) : null,
    count: a.kind === 'return' ? returns : null,
  }));
}

/**
 * mayHandle: whether the signed-in user may record acts on case c: case.handle, and either case.register (案管) or the
 * case is theirs or their department's (the server's rule; it answers 403 otherwise).
 */
export function mayHandle(c) {
  const user = currentUser();
  if (!user || !can('case.handle')) return false;
  if (can('case.register')) return true;
  return c.prosecutor_id === user.id || (!!user.department_id && c.department_id === user.department_id);
}

/**
 * mayEdit: whether the signed-in user may edit case c and its persons (PUT): they may handle it, and it is neither
 * archived nor transferred (the server answers 409 then).
 */
export function mayEdit(c) {
  return mayHandle(c) && c.status !== 'archived' && c.status !== 'transferred';
}

/** minOn: the earliest legal date of act kind on case c (the server refuses an earlier one). */
function minOn(c, kind) {
  let min = c.received_on;
  const later = (d) => { if (d && d > min) min = d; };
  if (['extend', 'return', 'decide', 'suspend', 'assessment'].includes(kind)) later(facts(c).clockStart);
  if (kind === 'resubmit' || kind === 'police_withdraw') {
    for (const e of c.events || []) if (e.kind === 'return') later(e.on);
  }
  if (kind === 'judgment' || kind === 'archive' || kind === 'withdraw_prosecution') later(c.concluded_on);
  return min;
}

class CasePage {
  constructor(body, ctx, types, power) {
    this.body = body;
    this.ctx = ctx;
    this.types = types;
    this.power = power || {};
    this.c = null;
    this.formSlot = null;
    this.editSlot = null;
    this.openKind = null;
    this.userNames = new Map();
  }

  type() {
    return this.types.find((x) => x.code === this.c.case_type) || fallbackType(this.c.case_type);
  }

  personName(id) {
    const p = (this.c.persons || []).find((x) => x.id === id);
    return p ? p.name : '';
  }

  /** draw: (re)build the whole page for case c. */
  draw(c) {
    this.c = c;
    this.openKind = null;
    document.title = c.case_number + ' - ' + t('app.title_suffix');
    const handle = mayHandle(c);
    const actions = handle ? actionsFor(c) : [];
    this.formSlot = el('div', { class: 'event-form-slot' });
    this.editSlot = el('div', { class: 'case-edit-slot' });
    replace(this.body,
      this.header(),
      can('case.handle') && !handle
        ? el('div', { class: 'alert alert-info', testid: 'case-not-mine', text: t('case.not_mine') }) : null,
      promptsBox(c),
      approvalsPanel(c, { personName: (id) => this.personName(id), toast: this.ctx.toast, onChanged: () => this.reload() }),
      linkageBlock(c), // linkage (issue 10)
      handle && actions.length ? this.actionPanel(actions) : null,
      this.deadlinePanel(),
      this.personPanel(actions),
      this.timelinePanel(),
      suggestionsBlock(c.id)); // suggestions (issue 10)
  }

  // ---- header

  header() {
    const c = this.c;
    const f = facts(c);
    const item = (term, value, testid) => el('div', { class: 'fact' },
      el('dt', { text: term }), el('dd', { testid }, value === null || value === undefined || value === '' ? t('common.dash') : value));
    const flags = [
      c.summary_procedure ? el('span', { class: 'tag', testid: 'case-flag-summary', text: t('case.flag_summary') }) : null,
      c.major_complex ? el('span', { class: 'tag tag-warn', testid: 'case-flag-major', text: t('case.flag_major') }) : null,
      f.extended ? el('span', { class: 'tag', testid: 'case-flag-extended', text: t('case.flag_extended') }) : null,
    ].filter(Boolean);
    return el('div', null,
      el('div', { class: 'page-header case-header' },
        el('div', { class: 'case-heading' },
          el('div', { class: 'case-number-line' },
            el('span', { class: 'case-number mono', testid: 'case-number', text: c.case_number }),
            statusBadge(c.status, 'case-status'), flags),
          el('h1', { testid: 'page-title', text: c.title })),
        el('div', { class: 'page-actions' },
          mayEdit(c) ? el('button', { type: 'button', class: 'btn', testid: 'case-edit', text: t('case.edit'),
            'aria-expanded': 'false', on: { click: () => this.openEdit() } }) : null,
          el('a', { href: '#/cases', class: 'btn', text: t('cases.back_to_list') }))),
      el('section', { class: 'panel' },
        el('dl', { class: 'facts', testid: 'case-facts' },
          item(t('case.type'), label('case_type', c.case_type), 'case-type-text'),
          item(t('case.department'), c.department_name, 'case-department-text'),
          item(t('case.prosecutor'), c.prosecutor_name, 'case-prosecutor-text'),
          item(t('case.received_on'), c.received_on, 'case-received-text'),
          item(t('case.source_agency'), c.source_agency),
          item(t('case.source_number'), c.source_number),
          item(t('case.clock_start'), f.clockStart),
          c.case_type === 'prosecution_review' || f.returns
            ? item(t('case.returns'), t('case.returns_n', { n: f.returns }), 'case-returns') : null,
          c.concluded_on ? item(t('case.concluded_on'), c.concluded_on) : null,
          c.conclusion ? item(t('case.conclusion'), label('conclusion', c.conclusion), 'case-conclusion') : null,
          c.jurisdiction_issue_on ? item(t('case.jurisdiction_issue_on'), c.jurisdiction_issue_on, 'case-jurisdiction') : null,
          c.archived_on ? item(t('case.archived_on'), c.archived_on) : null,
          c.transferred_on ? item(t('case.transferred_on'), c.transferred_on) : null),
        this.editSlot));
  }

  // ---- editing the case (PUT /cases/{id})

  /** openEdit: show the inline form that edits the case (title, 重大复杂, 速裁; the department for 案管). */
  async openEdit() {
    const c = this.c;
    const btn = this.body.querySelector('[data-testid=case-edit]');
    if (this.editSlot.firstChild) { this.closeEdit(); return; }
    const manager = can('case.register');
    let depts = [];
    if (manager) {
      const loading = loadingBlock();
      replace(this.editSlot, loading);
      try {
        depts = (await api.get('/departments')).items;
      } catch (err) {
        if (loading.isConnected) replace(this.editSlot, errorBlock(err));
        return;
      }
      if (!loading.isConnected) return; // closed (or the page redrawn) meanwhile
    }
    const isReview = c.case_type === 'prosecution_review';
    const title = field({ name: 'title', label: t('case.title'), required: true, maxlength: TITLE_MAX, value: c.title,
      testid: 'case-edit-title' });
    title.classList.add('field-span-2');
    let dept = null;
    if (manager) {
      const options = depts.map((d) => ({ value: d.id, text: d.name }));
      if (!depts.some((d) => d.id === c.department_id)) options.unshift({ value: c.department_id, text: c.department_name });
      dept = selectField({ name: 'department_id', label: t('case.department'), required: true, options,
        value: c.department_id, testid: 'case-edit-department', hint: t('case.department_hint') });
      dept.classList.add('field-span-2');
    }
    const major = checkField('major_complex', t('case.major_complex'), 'case-edit-major');
    major.box.checked = !!c.major_complex;
    major.wrapper.classList.add('field-span-2');
    major.wrapper.appendChild(el('div', { class: 'field-hint', text: t('case.major_hint') }));
    let summary = null;
    if (isReview || c.summary_procedure) {
      summary = checkField('summary_procedure', t('case.summary_procedure'), 'case-edit-summary');
      summary.box.checked = !!c.summary_procedure;
      summary.wrapper.classList.add('field-span-2');
      summary.wrapper.appendChild(el('div', { class: 'field-hint', text: t('case.summary_hint') }));
    }
    const heading = el('h3', { class: 'event-form-title', id: nextId('edit-title'), text: t('case.edit_title') });
    const form = el('form', { class: 'form event-form case-edit-form', novalidate: true, testid: 'case-edit-form',
      'aria-labelledby': heading.id },
    heading,
    el('div', { class: 'form-grid form-grid-4' }, title, dept),
    el('div', { class: 'form-grid form-grid-4 case-edit-flags' }, major.wrapper, summary ? summary.wrapper : null),
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'case-edit-submit', text: t('case.edit_submit') }),
      el('button', { type: 'button', class: 'btn', testid: 'case-edit-cancel', text: t('common.cancel'),
        on: { click: () => this.closeEdit() } })));
    form.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); this.closeEdit(); } });
    clearOnInput(form);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      // Only what changed is sent (the audit log then shows just that).
      const b = {};
      const newTitle = title.control.value.trim();
      if (!newTitle) { fieldError(form, 'title', t('valid.required'), true); return; }
      if (codePoints(newTitle) > TITLE_MAX) { fieldError(form, 'title', t('valid.max_length', { max: TITLE_MAX }), true); return; }
      if (newTitle !== c.title) b.title = newTitle;
      if (major.box.checked !== !!c.major_complex) b.major_complex = major.box.checked;
      if (summary && summary.box.checked !== !!c.summary_procedure) b.summary_procedure = summary.box.checked;
      if (dept && Number(dept.control.value) !== c.department_id) b.department_id = Number(dept.control.value);
      if (!Object.keys(b).length) {
        this.closeEdit();
        this.ctx.toast(t('common.no_changes'));
        return;
      }
      busy(form, true);
      try {
        const updated = await api.put('/cases/' + encodeURIComponent(c.id), b);
        this.ctx.toast(t('case.edit_saved'));
        refreshBadges(true);
        this.redraw(updated);
        // A new department: offer the reassignment to one of its prosecutors at once.
        if (b.department_id && updated.department_id === b.department_id) {
          this.openForm('assign', null, { note: t('case.assign_after_department', { department: updated.department_name }) });
        }
      } catch (err) {
        busy(form, false);
        showEventError(form, err, () => this.reload());
      }
    });
    replace(this.editSlot, form);
    if (btn) { btn.setAttribute('aria-expanded', 'true'); btn.classList.add('is-open'); }
    title.control.focus();
  }

  closeEdit() {
    replace(this.editSlot);
    const btn = this.body.querySelector('[data-testid=case-edit]');
    if (btn) { btn.setAttribute('aria-expanded', 'false'); btn.classList.remove('is-open'); btn.focus(); }
  }

  // ---- actions

  /**
   * actionPanel: the enabled acts as the action bar; the others, disabled, under 暂不可办理 (closed by default), each
   * with the server's reason beside it and as its tooltip.
   */
  actionPanel(actions) {
    const button = (a) => {
      const text = a.kind === 'return' ? t('action.return_n', { n: a.count }) : label('event_kind', a.kind);
      const whyId = a.why ? nextId('why') : null;
      const btn = el('button', { type: 'button', class: ['btn', 'action-btn'],
        testid: 'event-' + a.kind, disabled: !a.enabled, 'aria-describedby': whyId, title: a.why || null,
        dataset: { kind: a.kind }, text,
        on: { click: () => this.openForm(a.kind, null) } });
      return el('div', { class: 'action' }, btn,
        a.why ? el('div', { class: 'action-why', id: whyId, testid: 'event-' + a.kind + '-why', text: a.why }) : null);
    };
    const on = actions.filter((a) => a.enabled);
    const off = actions.filter((a) => !a.enabled);
    return section(t('case.actions'),
      on.length ? el('div', { class: 'action-bar', testid: 'case-actions' }, on.map(button))
        : el('p', { class: 'muted', testid: 'case-actions', text: t('case.actions_none') }),
      off.length ? el('details', { class: 'actions-disabled', testid: 'case-actions-disabled' },
        el('summary', { text: t('case.actions_disabled', { n: off.length }) }),
        el('div', { class: 'action-bar' }, off.map(button))) : null,
      this.formSlot);
  }

  /**
   * openForm: show the inline form for kind (with personId preselected), replacing any other open form. opts.note is
   * an extra notice shown at the top of the form.
   */
  openForm(kind, personId, opts) {
    const actions = actionsFor(this.c);
    const a = actions.find((x) => x.kind === kind);
    if (!a || !a.enabled) return;
    for (const b of this.body.querySelectorAll('.action-btn')) b.classList.toggle('is-open', b.dataset.kind === kind);
    this.openKind = kind;
    const form = this.eventForm(a, personId, opts || {});
    replace(this.formSlot, form);
    this.formSlot.scrollIntoView({ block: 'nearest' });
    const first = form.querySelector('input:not([type=hidden]):not(:disabled), select, textarea');
    if (first) first.focus();
  }

  closeForm() {
    const kind = this.openKind;
    this.openKind = null;
    replace(this.formSlot);
    for (const b of this.body.querySelectorAll('.action-btn')) b.classList.remove('is-open');
    const btn = kind && this.body.querySelector('[data-testid="event-' + kind + '"]');
    if (btn) btn.focus();
  }

  eventForm(a, personId, opts) {
    const c = this.c;
    const kind = a.kind;
    const today = todayCST();
    const controls = [];
    const earliest = minOn(c, kind);
    const on = field({ name: 'on', label: t('event.on.' + kind), type: 'date', required: true, value: today,
      testid: 'event-on', attrs: { min: earliest, max: today } });
    controls.push(on);

    let person = null;
    if (PERSON_KINDS.includes(kind)) {
      const pick = a.persons.find((p) => p.id === personId) ||
        (kind === 'judgment' ? a.persons.find((p) => !p.judgment) : null) || a.persons[0];
      person = selectField({ name: 'person_id', label: t('event.person'), required: true, testid: 'event-person',
        value: pick ? pick.id : '',
        options: a.persons.map((p) => ({ value: p.id,
          text: p.id_number ? t('event.person_option', { name: p.name, id: p.id_number }) : p.name })) });
      controls.push(person);
    }
    const currentPerson = () => (person ? c.persons.find((p) => String(p.id) === person.control.value) : null);

    // Kind-specific inputs.
    let custody = null;
    let custodyNow = null;
    let decision = null;
    let npt = null;
    let offence = null;
    let probation = null;
    let sentence = null;
    let adopted = null;
    let consistent = null;
    let instance = null;
    let agency = null;
    let prosecutor = null;
    let days = null;
    let until = null;
    if (kind === 'assign') {
      prosecutor = selectField({ name: 'prosecutor_id', label: t('event.prosecutor'), required: true,
        testid: 'event-prosecutor', options: [{ value: '', text: t('common.loading') }],
        hint: t('event.assign_other_department', { department: c.department_name }) });
      prosecutor.control.disabled = true;
      controls.push(prosecutor);
      this.loadProsecutors(prosecutor.control);
    }
    if (kind === 'extend' && c.case_type === 'arrest_decision') {
      // 特殊情况 of a detained suspect: one to three days (Rules 297); the server says when it is required.
      days = field({ name: 'days', label: t('event.days'), type: 'number', testid: 'event-days', inputClass: 'input-days',
        hint: t('event.days_hint'), attrs: { min: '1', max: '3', step: '1', inputmode: 'numeric' } });
      controls.push(days);
    }
    if (kind === 'custody') {
      custody = selectField({ name: 'custody', label: t('event.custody_to'), required: true, testid: 'event-custody-status',
        options: [{ value: '', text: t('common.choose') }].concat(CUSTODY.map((x) => ({ value: x, text: label('custody', x) }))) });
      custodyNow = el('div', { class: 'field-hint', testid: 'event-custody-now' });
      custody.appendChild(custodyNow);
      const drawNow = () => {
        const p = currentPerson();
        custodyNow.textContent = p ? t('event.custody_now', { custody: label('custody', p.custody) }) : '';
        for (const o of custody.control.options) o.disabled = !!p && o.value === p.custody;
        if (p && custody.control.value === p.custody) custody.control.value = '';
      };
      person.control.addEventListener('change', drawNow);
      drawNow();
      controls.push(custody);
    }
    if (kind === 'decide') {
      decision = selectField({ name: 'decision', label: t('event.decision'), required: true, testid: 'event-decision',
        options: [{ value: '', text: t('common.choose') }]
          .concat(this.type().decisions.map((d) => ({ value: d, text: label('decision', d) }))) });
      npt = selectField({ name: 'non_prosecution_type', label: t('person.npt'), required: true, testid: 'event-npt',
        options: [{ value: '', text: t('common.choose') }]
          .concat(NON_PROSECUTION_TYPES.map((x) => ({ value: x, text: label('npt', x) }))) });
      offence = field({ name: 'offence_on', label: t('event.offence_on'), type: 'date', required: true, testid: 'event-offence-on',
        hint: t('event.offence_on_hint'), attrs: { max: today } });
      probation = field({ name: 'probation_months', label: t('event.probation_months'), type: 'number', required: true,
        testid: 'event-probation-months', inputClass: 'input-days', hint: t('event.probation_hint'),
        attrs: { min: '6', max: '12', step: '1', inputmode: 'numeric' } });
      // 附条件不起诉 asks the date of the offence and the probation; the final decision after probation does not.
      const drawNpt = () => {
        const p = currentPerson();
        const nonPros = decision.control.value === 'non_prosecution';
        npt.hidden = !nonPros;
        const conditional = nonPros && npt.control.value === 'conditional' && !(p && inProbation(p));
        offence.hidden = !conditional;
        probation.hidden = !conditional;
      };
      decision.control.addEventListener('change', drawNpt);
      npt.control.addEventListener('change', drawNpt);
      person.control.addEventListener('change', drawNpt);
      drawNpt();
      controls.push(decision, npt, offence, probation);
    }
    if (kind === 'judgment') {
      instance = selectField({ name: 'instance', label: t('event.instance'), required: true, testid: 'event-instance',
        options: INSTANCES.map((x) => ({ value: x, text: label('instance', x) })) });
      sentence = field({ name: 'sentence', label: t('event.sentence'), required: true, maxlength: SENTENCE_MAX,
        testid: 'event-sentence', placeholder: t('event.sentence_placeholder'), wide: true });
      adopted = checkField('recommendation_adopted', t('event.adopted'), 'event-adopted');
      consistent = checkField('consistent', t('event.consistent'), 'event-consistent');
      const prefill = () => {
        const p = currentPerson();
        const j = p && p.judgment;
        sentence.control.value = j ? j.sentence || '' : '';
        adopted.box.checked = !!(j && j.recommendation_adopted);
        consistent.box.checked = !!(j && j.consistent);
        // A second judgment is an appeal or a retrial.
        instance.control.value = j ? 'appeal' : 'first';
        for (const o of instance.control.options) o.disabled = !!j && o.value === 'first';
      };
      person.control.addEventListener('change', prefill);
      prefill();
      controls.push(instance, sentence, adopted.wrapper, consistent.wrapper);
    }
    if (kind === 'assessment') {
      until = field({ name: 'until', label: t('event.until'), type: 'date', required: true, testid: 'event-until' });
      controls.push(until);
    }
    if (kind === 'transfer') {
      agency = field({ name: 'to_agency', label: t('event.to_agency'), required: true, maxlength: AGENCY_MAX,
        testid: 'event-to-agency', placeholder: t('event.to_agency_placeholder') });
      controls.push(agency);
    }
    const hasReason = kind !== 'judgment';
    let reason = null;
    let reasonMark = null;
    if (hasReason) {
      const id = nextId('f-reason');
      const ta = el('textarea', { id, name: 'reason', class: 'input textarea', rows: 2, maxlength: REASON_MAX,
        testid: 'event-reason' });
      reasonMark = el('span', { class: 'required', 'aria-hidden': 'true', text: '*' });
      reason = el('div', { class: ['field', 'field-wide'], dataset: { field: 'reason' } },
        el('label', { class: 'field-label', for: id }, t('event.reason.' + kind), reasonMark),
        ta, el('div', { class: 'field-error', id: id + '-err', 'aria-live': 'polite' }));
      reason.control = ta;
      controls.push(reason);
    }

    // The 权力清单: a decision it sends to an approver is proposed (its reasons required), not taken.
    const approverNow = () => {
      const code = decisionKindOf(kind, decision ? decision.control.value : null, currentPerson());
      const who = code ? this.power[code] : null;
      return who && who !== 'none' ? who : null;
    };
    const approvalNote = el('div', { class: 'alert alert-info', testid: 'event-needs-approval', hidden: true });
    const submit = el('button', { type: 'submit', class: 'btn btn-primary', testid: 'event-form-submit',
      text: t('event.submit.' + kind) });
    const reasonRequired = () => REASON_REQUIRED.includes(kind) || !!approverNow();
    const drawApproval = () => {
      const who = approverNow();
      approvalNote.hidden = !who;
      approvalNote.textContent = who ? t('event.needs_approval', { approver: label('approver', who) }) : '';
      submit.textContent = who ? t('event.submit_propose') : t('event.submit.' + kind);
      if (reason) {
        reason.control.required = reasonRequired();
        reasonMark.hidden = !reason.control.required;
      }
    };

    const note = this.noteFor(kind);
    const title = el('h3', { class: 'event-form-title', id: nextId('event-title'), text: label('event_kind', kind) });
    const form = el('form', { class: 'form event-form', novalidate: true, testid: 'event-form', dataset: { kind },
      'aria-labelledby': title.id },
    title,
    opts.note ? el('div', { class: 'alert alert-warn', testid: 'event-notice', text: opts.note }) : null,
    note ? el('p', { class: 'event-note', testid: 'event-note', text: note }) : null,
    approvalNote,
    el('div', { class: 'form-grid form-grid-3' }, controls),
    el('div', { class: 'form-actions' },
      submit,
      el('button', { type: 'button', class: 'btn', testid: 'event-form-cancel', text: t('common.cancel'),
        on: { click: () => this.closeForm() } })));
    form.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); this.closeForm(); } });
    form.addEventListener('change', drawApproval);
    drawApproval();
    clearOnInput(form);

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      const b = { kind, on: on.control.value };
      let ok = true;
      const bad = (k, msg) => { fieldError(form, k, msg); ok = false; };
      const intIn = (f, lo, hi) => {
        const v = f.control.value.trim();
        return /^\d{1,3}$/.test(v) && Number(v) >= lo && Number(v) <= hi ? Number(v) : null;
      };
      if (!b.on) bad('on', t('valid.required'));
      else if (!isDate(b.on)) bad('on', t('valid.date'));
      else if (b.on > today) bad('on', t('valid.not_future'));
      else if (b.on < earliest) bad('on', t('valid.not_before', { date: earliest }));
      if (person) {
        if (!person.control.value) bad('person_id', t('valid.required'));
        else b.person_id = Number(person.control.value);
      }
      if (prosecutor) {
        if (!prosecutor.control.value) bad('prosecutor_id', t('valid.required'));
        else b.prosecutor_id = Number(prosecutor.control.value);
      }
      if (days && days.control.value.trim() !== '') {
        b.days = intIn(days, 1, 3);
        if (b.days === null) bad('days', t('valid.days'));
      }
      if (custody) {
        b.custody = custody.control.value;
        if (!b.custody) bad('custody', t('valid.required'));
      }
      if (decision) {
        b.decision = decision.control.value;
        if (!b.decision) bad('decision', t('valid.required'));
        if (b.decision === 'non_prosecution') {
          b.non_prosecution_type = npt.control.value;
          if (!b.non_prosecution_type) bad('non_prosecution_type', t('valid.required'));
        }
        if (!offence.hidden) {
          b.offence_on = offence.control.value;
          if (!b.offence_on) bad('offence_on', t('valid.required'));
          else if (!isDate(b.offence_on)) bad('offence_on', t('valid.date'));
          b.probation_months = intIn(probation, 6, 12);
          if (b.probation_months === null) bad('probation_months', t('valid.probation_months'));
        }
      }
      if (sentence) {
        b.instance = instance.control.value;
        b.sentence = sentence.control.value.trim();
        b.recommendation_adopted = adopted.box.checked;
        b.consistent = consistent.box.checked;
        if (!b.sentence) bad('sentence', t('valid.required'));
        else if (codePoints(b.sentence) > SENTENCE_MAX) bad('sentence', t('valid.max_length', { max: SENTENCE_MAX }));
      }
      if (until) {
        b.until = until.control.value;
        if (!b.until) bad('until', t('valid.required'));
        else if (!isDate(b.until)) bad('until', t('valid.date'));
        else if (b.on && b.until < b.on) bad('until', t('valid.until_before'));
      }
      if (agency) {
        b.to_agency = agency.control.value.trim();
        if (!b.to_agency) bad('to_agency', t('valid.required'));
        else if (codePoints(b.to_agency) > AGENCY_MAX) bad('to_agency', t('valid.max_length', { max: AGENCY_MAX }));
      }
      if (reason) {
        const r = reason.control.value.trim();
        if (r) b.reason = r;
        if (reasonRequired() && !r) bad('reason', t('valid.required'));
        else if (codePoints(r) > REASON_MAX) bad('reason', t('valid.max_length', { max: REASON_MAX }));
      }
      if (!ok) { focusFirstError(form); return; }
      busy(form, true, t('common.submitting'));
      try {
        const updated = await api.post('/cases/' + encodeURIComponent(c.id) + '/events', b);
        refreshBadges(true);
        if (updated && updated.approval) {
          // 202: the 权力清单 sent it for approval; nothing took effect yet.
          const ap = updated.approval;
          const approver = label('approver', ap.approver);
          this.ctx.toast(t('event.proposed_toast', { approver, kind: label('decision_kind', ap.decision_kind) }));
          refreshApprovalBadge(true);
          this.redraw(updated);
          this.showProposed(ap);
        } else {
          this.ctx.toast(t('event.done', { kind: label('event_kind', kind) }));
          this.redraw(updated);
        }
      } catch (err) {
        busy(form, false);
        showEventError(form, err, () => this.reload());
      }
    });
    return form;
  }

  /** showProposed: after a 202, say in the action panel that the decision went for approval and is not in force. */
  showProposed(ap) {
    const approver = label('approver', ap.approver);
    replace(this.formSlot, el('div', { class: 'alert alert-info', role: 'status', testid: 'event-proposed' },
      el('strong', { class: 'alert-title', testid: 'event-proposed-title', text: t('event.proposed_title', { approver }) }),
      el('div', { text: t('event.proposed_text', { approver, kind: label('decision_kind', ap.decision_kind) }) })));
  }

  /**
   * loadProsecutors: fill select (the assign form's) with the active prosecutors of the case's department
   * (GET /users?role=prosecutor&department_id=&active=true); the current one is shown but cannot be chosen.
   */
  async loadProsecutors(select) {
    const c = this.c;
    let users;
    try {
      users = await api.getAll('/users', { role: 'prosecutor', department_id: c.department_id, active: 'true' });
    } catch (err) {
      replace(select, el('option', { value: '', text: errorMessage(err) }));
      return;
    }
    const others = users.filter((u) => u.id !== c.prosecutor_id);
    replace(select,
      el('option', { value: '', text: others.length ? t('common.choose') : t('event.no_prosecutors') }),
      users.map((u) => el('option', { value: String(u.id), disabled: u.id === c.prosecutor_id,
        text: u.id === c.prosecutor_id ? t('event.prosecutor_current', { name: u.name }) : u.name })));
    select.value = '';
    select.disabled = !others.length;
  }

  /** noteFor: the one-line legal note shown in the form of act kind ('' when the catalogue has none). */
  noteFor(kind) {
    const key = kind === 'extend' ? 'event.note.extend.' + this.c.case_type : 'event.note.' + kind;
    const text = t(key, { n: facts(this.c).returns });
    return text === key ? '' : text;
  }

  /** reload: fetch the case again (after a conflict showed the page was out of date) and redraw it. */
  async reload() {
    try {
      const c = await api.get('/cases/' + encodeURIComponent(this.c.id));
      this.redraw(c);
    } catch (err) {
      this.ctx.toast(errorMessage(err));
    }
  }

  /** redraw: draw the updated case, keeping the reader where they were. */
  redraw(c) {
    const y = window.scrollY;
    this.draw(c);
    window.scrollTo(0, y);
    const bar = this.body.querySelector('[data-testid=case-actions]');
    const target = bar ? bar.querySelector('button:not(:disabled)') : null;
    if (target) target.focus({ preventScroll: true });
  }

  // ---- deadlines

  deadlinePanel() {
    const list = this.c.deadlines || [];
    // The newest deadline of each kind (the highest id) carries data-testid deadline-<kind>.
    const newest = {};
    for (const d of list) if (!newest[d.kind] || d.id > newest[d.kind].id) newest[d.kind] = d;
    const rows = list.map((d) => {
      const open = d.status === 'open';
      const stopped = d.status === 'suspended';
      return el('tr', { testid: newest[d.kind] === d ? 'deadline-' + d.kind : 'deadline-row-' + d.id,
        class: ['deadline-row', levelClass(d.level), open ? null : 'is-closed'],
        dataset: { id: String(d.id), kind: d.kind, level: d.level || '', status: d.status } },
      el('td', { class: 'nowrap' }, el('span', { class: 'deadline-kind', text: label('deadline_kind', d.kind) }),
        d.lapses ? el('div', { class: 'muted small', text: t('deadline.lapses_hint') }) : null),
      el('td', { class: 'nowrap', testid: 'deadline-person', text: d.person_name || t('common.dash') }),
      el('td', { class: 'nowrap mono', text: d.start_on }),
      el('td', { class: 'nowrap', text: lengthText(d.length, d.extra_days) }),
      el('td', { class: 'nowrap' },
        d.due_on ? el('span', { class: 'mono due-date', testid: 'deadline-due', text: d.due_on })
          : el('span', { class: 'muted', testid: 'deadline-due', text: t('deadline.suspended_due') }),
        el('span', { class: 'weekday', text: weekdayText(d.due_on) }),
        dueMark(d.due_on, 'deadline-due-mark'),
        d.provisional ? el('span', { class: 'tag tag-warn', testid: 'deadline-provisional', title: t('deadline.provisional_hint'),
          text: t('deadline.provisional') }) : null),
      el('td', { class: 'nowrap', testid: 'deadline-days-left' },
        open || stopped ? daysLeftText(d) : el('span', { class: 'muted', text: t('deadline.closed_on', { date: d.closed_on || '' }) }),
        d.stop_days ? el('div', { class: 'muted small', text: t('deadline.stop_days', { n: d.stop_days }) }) : null),
      el('td', { class: 'nowrap', dataset: { warnDays: String(d.warn_days ?? '') },
        title: open && d.warn_days != null ? t('deadline.warn_days_title', { n: d.warn_days }) : null },
      levelBadge(d.level, 'deadline-level')),
      el('td', { class: 'nowrap' }, d.custody_bound
        ? el('span', { class: 'tag tag-custody', testid: 'deadline-custody', title: t('deadline.custody_hint'),
          text: t('deadline.custody_bound') })
        : el('span', { class: 'muted', text: t('deadline.rolls_over') })),
      el('td', { class: 'cell-rule', text: d.rule || '' }));
    });
    const provisional = list.some((d) => d.provisional && d.status === 'open');
    return el('section', { class: 'panel', testid: 'deadlines-panel' },
      el('h2', { class: 'panel-title', text: t('case.deadlines') }),
      provisional ? el('div', { class: 'alert alert-warn', testid: 'deadlines-provisional', text: t('deadline.provisional_note') }) : null,
      list.length
        ? el('div', { class: 'table-wrap' }, el('table', { class: 'table deadline-table' },
          el('thead', null, el('tr', null,
            el('th', { text: t('deadline.kind') }), el('th', { text: t('deadline.person') }),
            el('th', { text: t('deadline.start_on') }),
            el('th', { text: t('deadline.length') }), el('th', { text: t('deadline.due_on') }),
            el('th', { text: t('deadline.days') }), el('th', { text: t('deadline.level') }),
            el('th', { text: t('deadline.holiday_rule') }), el('th', { text: t('deadline.rule') }))),
          el('tbody', null, rows)))
        : el('div', { class: 'state state-empty', text: t('case.no_deadlines') }));
  }

  // ---- persons

  personPanel(actions) {
    const c = this.c;
    const handle = mayHandle(c);
    const kinds = new Map(actions.map((a) => [a.kind, a]));
    const canAdd = handle && (c.status === 'under_review' || c.status === 'returned');
    const addSlot = el('div', { class: 'person-add-slot' });
    const addBtn = canAdd ? el('button', { type: 'button', class: 'btn btn-small', testid: 'case-person-add',
      text: t('person.add_to_case'), on: { click: () => this.openPersonForm(addSlot, addBtn) } }) : null;
    const editable = mayEdit(c);
    const personButtons = (p) => {
      const out = [];
      if (editable) {
        out.push(el('button', { type: 'button', class: 'btn btn-small btn-link', testid: 'person-edit-' + p.id,
          text: t('person.edit'), 'aria-label': t('person.edit_for', { name: p.name }), 'aria-expanded': 'false',
          on: { click: () => this.openPersonEdit(p) } }));
      }
      const offer = (kind, ok) => {
        const a = kinds.get(kind);
        if (a && a.enabled && ok && a.persons.some((x) => x.id === p.id)) {
          out.push(el('button', { type: 'button', class: 'btn btn-small btn-link', testid: 'person-act-' + kind + '-' + p.id,
            text: t('person.act.' + kind), 'aria-label': t('person.act_for', { act: t('person.act.' + kind), name: p.name }),
            on: { click: () => this.openForm(kind, p.id) } }));
        }
      };
      offer('custody', true);
      offer('decide', !p.decision || inProbation(p));
      offer('judgment', p.decision === 'prosecute' || p.final_decision === 'prosecute');
      offer('suspend', !p.decision && !openSuspension(p));
      offer('resume', !!openSuspension(p));
      return out;
    };
    const cols = handle ? 10 : 9;
    const rows = (c.persons || []).flatMap((p) => [el('tr', { testid: 'person-row-' + p.id, dataset: { id: String(p.id) } },
      el('td', { class: 'cell-name', text: p.name }),
      el('td', { class: 'mono cell-id', text: p.id_number || t('common.dash') }),
      el('td', null, p.sex || p.birth_date
        ? [el('div', { text: label('sex', p.sex) || '' }), el('div', { class: 'nowrap', text: p.birth_date || '' })]
        : t('common.dash')),
      el('td', null,
        el('div', null, label('custody', p.custody),
          p.in_custody ? el('span', { class: 'tag tag-custody', text: t('person.in_custody') }) : null),
        p.custody_since ? el('div', { class: 'muted small nowrap', text: t('person.since', { date: p.custody_since }) }) : null),
      el('td', { class: 'nowrap', text: p.plea ? t('person.plea_yes') : t('person.plea_no') }),
      el('td', { text: p.sentence_band ? label('sentence_band', p.sentence_band) : t('common.dash') }),
      el('td', { class: 'cell-charges', text: (p.charges || []).map((x) => x.name || x.code || x).join('、') }),
      el('td', { testid: 'person-decision-' + p.id }, p.decision
        ? [el('div', { text: p.non_prosecution_type
          ? t('person.decision_npt', { decision: label('decision', p.decision), npt: label('npt', p.non_prosecution_type) })
          : label('decision', p.decision) }),
        p.decision_on ? el('div', { class: 'muted small', testid: 'person-decision-on-' + p.id, text: p.decision_on }) : null,
        decisionExtra(p)]
        : [el('span', { class: 'muted', text: t('person.undecided') }), decisionExtra(p)]),
      el('td', { testid: 'person-judgment-' + p.id }, p.judgment
        ? [el('div', { text: p.judgment.sentence || '' }),
          el('div', { class: 'muted small', text: [p.judgment.instance ? label('instance', p.judgment.instance) : '',
            p.judgment.judgment_on,
            p.judgment.recommendation_adopted ? t('person.adopted') : t('person.not_adopted'),
            p.judgment.consistent ? t('person.consistent') : t('person.inconsistent')].filter(Boolean).join(' · ') })]
        : el('span', { class: 'muted', text: t('common.dash') })),
      handle ? el('td', { class: 'col-actions' }, el('div', { class: 'inline-actions' }, personButtons(p))) : null),
    personExtraRow(p, cols)]);
    return el('section', { class: 'panel', testid: 'persons-panel' },
      el('div', { class: 'panel-head' },
        el('h2', { class: 'panel-title', text: t('case.persons_title', { n: (c.persons || []).length }) }), addBtn),
      el('div', { class: 'table-wrap' }, el('table', { class: 'table persons-table', testid: 'persons-table' },
        el('thead', null, el('tr', null,
          el('th', { text: t('person.name') }), el('th', { text: t('person.id_number') }),
          el('th', { text: t('person.sex_birth') }), el('th', { text: t('person.custody') }),
          el('th', { text: t('person.plea_short') }), el('th', { text: t('person.sentence_band') }),
          el('th', { text: t('person.charges') }), el('th', { text: t('person.decision') }),
          el('th', { text: t('person.judgment') }),
          handle ? el('th', { class: 'col-actions', text: t('common.actions') }) : null)),
        el('tbody', null, rows.length ? rows : el('tr', { class: 'state-row' },
          el('td', { colspan: handle ? '10' : '9', class: 'state state-empty', text: t('case.no_persons') }))))),
      addSlot,
      // documents (issue 10 §4): the 不起诉决定书 of each person whose 不起诉 is in force
      casePersonDocuments(c, { mayIssue: handle, navigate: this.ctx.navigate, toast: this.ctx.toast }));
  }

  /**
   * openPersonEdit: show, in a row under person p, the form that edits the person's name, 认罪认罚, likely sentence and
   * charges (PUT /cases/{id}/persons/{pid}); only what changed is sent. One such form is open at a time.
   */
  async openPersonEdit(p) {
    const row = this.body.querySelector('[data-testid="person-row-' + p.id + '"]');
    const btn = this.body.querySelector('[data-testid="person-edit-' + p.id + '"]');
    const open = this.body.querySelector('.person-edit-row');
    if (open) {
      const same = open.dataset.personId === String(p.id);
      this.closePersonEdit(!same);
      if (same) return;
    }
    if (!row) return;
    const cols = row.children.length;
    const cell = el('td', { colspan: String(cols) }, loadingBlock());
    const editRow = el('tr', { class: 'person-edit-row', dataset: { personId: String(p.id) } }, cell);
    row.after(editRow);
    if (btn) btn.setAttribute('aria-expanded', 'true');
    let list;
    try {
      list = await charges();
    } catch (err) {
      replace(cell, errorBlock(err));
      return;
    }
    if (!editRow.isConnected) return;
    const had = (p.charges || []).map((x) => x.code || x);
    const name = field({ name: 'name', label: t('person.name'), required: true, maxlength: NAME_MAX, value: p.name,
      testid: 'person-edit-name' });
    const plea = checkField('plea', t('person.plea'), 'person-edit-plea');
    plea.box.checked = !!p.plea;
    const band = selectField({ name: 'sentence_band', label: t('person.sentence_band'), testid: 'person-edit-sentence',
      value: p.sentence_band || '',
      options: [{ value: '', text: t('person.sentence_unknown') }]
        .concat(SENTENCE_BANDS.map((x) => ({ value: x, text: label('sentence_band', x) }))) });
    const chargesField = chargePicker({ name: 'charges', label: t('person.charges'), list, values: had, required: true,
      testid: 'person-edit-charges' });
    const heading = el('h3', { class: 'event-form-title', id: nextId('person-edit-title'),
      text: t('person.edit_title', { name: p.name }) });
    const form = el('form', { class: 'form event-form person-edit-form', novalidate: true, testid: 'person-edit-form',
      'aria-labelledby': heading.id, dataset: { personId: String(p.id) } },
    heading,
    this.c.summary_procedure ? el('p', { class: 'event-note', testid: 'person-edit-summary-note',
      text: t('person.edit_summary_note') }) : null,
    el('div', { class: 'form-grid form-grid-4' }, name, plea.wrapper, band),
    chargesField,
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'person-edit-submit', text: t('person.edit_submit') }),
      el('button', { type: 'button', class: 'btn', testid: 'person-edit-cancel', text: t('common.cancel'),
        on: { click: () => this.closePersonEdit(true) } })));
    form.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); this.closePersonEdit(true); } });
    clearOnInput(form);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      const newName = name.control.value.trim();
      const newCharges = chargesField.values();
      let ok = true;
      const bad = (k, msg) => { fieldError(form, k, msg); ok = false; };
      if (!newName) bad('name', t('valid.required'));
      else if (codePoints(newName) > NAME_MAX) bad('name', t('valid.max_length', { max: NAME_MAX }));
      if (!newCharges.length) bad('charges', t('valid.charges_required'));
      else if (newCharges.length > MAX_CHARGES) bad('charges', t('valid.charges_max', { max: MAX_CHARGES }));
      if (!ok) { focusFirstError(form); return; }
      const b = {};
      if (newName !== p.name) b.name = newName;
      if (plea.box.checked !== !!p.plea) b.plea = plea.box.checked;
      if ((band.control.value || null) !== (p.sentence_band || null)) b.sentence_band = band.control.value || null;
      const same = newCharges.length === had.length && newCharges.every((x) => had.includes(x));
      if (!same) b.charges = newCharges;
      if (!Object.keys(b).length) {
        this.closePersonEdit(true);
        this.ctx.toast(t('common.no_changes'));
        return;
      }
      busy(form, true);
      try {
        const updated = await api.put('/cases/' + encodeURIComponent(this.c.id) + '/persons/' + encodeURIComponent(p.id), b);
        this.ctx.toast(t('person.edit_saved', { name: newName }));
        this.redraw(updated);
        const again = this.body.querySelector('[data-testid="person-edit-' + p.id + '"]');
        if (again) again.focus({ preventScroll: true });
      } catch (err) {
        busy(form, false);
        showEventError(form, err, () => this.reload());
      }
    });
    replace(cell, form);
    name.control.focus();
  }

  /** closePersonEdit: remove the open person edit row; with focus, return focus to its 编辑 button. */
  closePersonEdit(focus) {
    const open = this.body.querySelector('.person-edit-row');
    if (!open) return;
    const btn = this.body.querySelector('[data-testid="person-edit-' + open.dataset.personId + '"]');
    open.remove();
    if (btn) {
      btn.setAttribute('aria-expanded', 'false');
      if (focus) btn.focus();
    }
  }

  async openPersonForm(slot, btn) {
    btn.disabled = true;
    replace(slot, loadingBlock());
    let list;
    try {
      list = await charges();
    } catch (err) {
      replace(slot, errorBlock(err));
      btn.disabled = false;
      return;
    }
    const ed = personEditor({ index: null, chargeList: list });
    const close = () => { replace(slot); btn.disabled = false; btn.focus(); };
    const form = el('form', { class: 'form person-form', novalidate: true, testid: 'person-form' },
      ed.node,
      el('div', { class: 'form-actions' },
        el('button', { type: 'submit', class: 'btn btn-primary', testid: 'person-form-submit', text: t('person.add_submit') }),
        el('button', { type: 'button', class: 'btn', text: t('common.cancel'), on: { click: close } })));
    form.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } });
    clearOnInput(form);
    formKeys(form); // Enter moves on, Ctrl+S adds the person, as in the registration form
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      if (!ed.check(form)) { focusFirstError(form); return; }
      busy(form, true);
      try {
        const updated = await api.post('/cases/' + encodeURIComponent(this.c.id) + '/persons', ed.read());
        this.ctx.toast(t('person.added', { name: ed.read().name }));
        refreshBadges(true);
        this.redraw(updated);
      } catch (err) {
        busy(form, false);
        showEventError(form, err, () => this.reload());
      }
    });
    replace(slot, form);
    ed.focus();
  }

  // ---- timeline

  /** userName: the name of user id, fetched once per page (GET /users/{id}); a failure gives '用户 {id}'. */
  userName(id) {
    if (!this.userNames.has(id)) {
      this.userNames.set(id, api.get('/users/' + encodeURIComponent(id)).then((u) => u.name,
        () => t('event.user_n', { id })));
    }
    return this.userNames.get(id);
  }

  /**
   * timelinePanel: the case's events in the order of their legal date, then of entry (the API's order): the date, the
   * act and its person, the details, and who recorded it when (the user's name; the login and the entry time, China
   * Standard Time, beside it). With audit.read, a link to the case's rows of the audit log.
   */
  timelinePanel() {
    const events = (this.c.events || []).slice();
    const items = events.map((e) => el('li', { class: ['timeline-item', 'event-' + e.kind], testid: 'timeline-event-' + e.id,
      dataset: { kind: e.kind } },
    el('div', { class: 'timeline-date mono', text: e.on || '' }),
    el('div', { class: 'timeline-body' },
      el('div', { class: 'timeline-head' },
        el('span', { class: 'timeline-kind', text: label('event_kind', e.kind) }),
        e.person_id ? el('span', { class: 'timeline-person', text: this.personName(e.person_id) }) : null),
      this.eventDetails(e)),
    el('div', { class: 'timeline-who muted', title: e.user_login || '' },
      el('div', { class: 'timeline-user', testid: 'timeline-user-' + e.id, text: e.user_name || e.user_login || '' }),
      el('div', { class: 'small mono', testid: 'timeline-at-' + e.id, text: fmtTime(e.at) }))));
    const auditLink = can('audit.read')
      ? el('a', { href: '#/admin/audit?case_id=' + encodeURIComponent(this.c.id), class: 'panel-link small',
        testid: 'case-audit-link', text: t('case.audit_link') }) : null;
    return el('section', { class: 'panel panel-timeline' },
      el('h2', { class: 'panel-title' }, el('span', { text: t('case.timeline') }), auditLink),
      items.length ? el('ol', { class: 'timeline', testid: 'timeline' }, items)
        : el('div', { class: 'state state-empty', testid: 'timeline', text: t('case.no_events') }));
  }

  /** eventDetails: an event's data as '项目：值' pairs, with enumeration codes as their labels. */
  eventDetails(e) {
    const data = e.data && typeof e.data === 'object' ? e.data : {};
    const pairs = [];
    // A decision taken on approval: who proposed it and who approved it (user ids; names looked up).
    if (data.approved_by) {
      const line = el('div', { class: 'timeline-approval', testid: 'timeline-approved-by' });
      Promise.all([this.userName(data.approved_by), data.proposed_by ? this.userName(data.proposed_by) : null]).then(([a, p]) => {
        line.textContent = t('event.approved_by', { name: a }) + (p ? ' · ' + t('event.proposed_by', { name: p }) : '');
      });
      pairs.push(line);
    }
    if (e.kind === 'custody_released') pairs.push(el('div', { class: 'event-note', text: t('event.custody_released_note') }));
    if (e.kind === 'summary_ended') pairs.push(el('div', { class: 'event-note', text: t('event.summary_ended_note') }));
    if (e.kind === 'assign' && data.prosecutor_id) {
      // The event keeps only the new prosecutor's id; the name is looked up (GET /users/{id}, org.read).
      const who = el('span', { class: 'detail-value', testid: 'timeline-assigned-to' });
      this.userName(data.prosecutor_id).then((n) => { who.textContent = n; });
      pairs.push(el('span', { class: 'detail' },
        el('span', { class: 'detail-key', text: t('event.detail_key', { key: t('event.assigned_to') }) }), who));
    }
    for (const [k, v] of Object.entries(data)) {
      if (v === null || v === undefined || v === '' || /_id$/.test(k) || /_by$/.test(k)) continue;
      if (v === false && QUIET_FLAGS.includes(k)) continue;
      let text;
      if (typeof v === 'boolean') text = v ? t('common.yes') : t('common.no');
      else if (k === 'decision') text = label('decision', v);
      else if (k === 'non_prosecution_type') text = label('npt', v);
      else if (k === 'decision_kind') text = label('decision_kind', v);
      else if (k === 'instance') text = label('instance', v);
      else if (k === 'custody' || k === 'from' || k === 'to' || k === 'custody_from' || k === 'custody_to') text = label('custody', v);
      else if (k === 'assign') text = label('assign_mode', v);
      else if (k === 'case_type') text = label('case_type', v);
      else if (typeof v === 'object') text = JSON.stringify(v);
      else text = String(v);
      pairs.push(el('span', { class: 'detail' },
        el('span', { class: 'detail-key', text: t('event.detail_key', { key: label('event_data', k) }) }),
        el('span', { class: 'detail-value', text })));
    }
    return pairs.length ? el('div', { class: 'timeline-details' }, pairs) : null;
  }
}

/** custodyHistory: the person's earlier 强制措施 (custody_history, oldest first) as a small list; null with one entry. */
function custodyHistory(p) {
  const h = p.custody_history || [];
  if (h.length < 2) return null;
  return el('details', { class: 'person-extra small', testid: 'person-custody-history-' + p.id },
    el('summary', { class: 'muted', text: t('person.custody_history') }),
    el('ul', { class: 'plain-list' }, h.map((x) => el('li', { text: x.from_on + ' ' + label('custody', x.custody) }))));
}

/**
 * decisionExtra: under a person's decision: 附条件不起诉's offence date and probation, the final decision after it, and
 * a withdrawn prosecution.
 */
function decisionExtra(p) {
  const lines = [];
  if (p.probation_months) {
    lines.push(t('person.probation', { n: p.probation_months }) + (inProbation(p) ? ' · ' + t('person.in_probation') : ''));
  }
  if (p.offence_on) lines.push(t('person.offence_on', { date: p.offence_on }));
  if (p.final_decision) {
    lines.push(t('person.final', { decision: label('decision', p.final_decision), date: p.final_on || '' }));
  }
  if (p.prosecution_withdrawn_on) lines.push(t('person.withdrawn', { date: p.prosecution_withdrawn_on }));
  if (!lines.length) return null;
  return el('div', { class: 'person-extra muted small', testid: 'person-extra-' + p.id }, lines.map((x) => el('div', { text: x })));
}

/**
 * personExtraRow: a row under person p, when there is something to show: the stopped clocks (中止审查, 精神病鉴定:
 * span and reason; the review period does not run meanwhile) and the earlier 强制措施 (custody_history).
 */
function personExtraRow(p, cols) {
  const stops = p.clock_stops || [];
  const history = p.custody_history || [];
  if (!stops.length && history.length < 2) return null;
  return el('tr', { class: 'person-extra-row', testid: 'person-extra-row-' + p.id },
    el('td', { colspan: String(cols) }, el('div', { class: 'person-extra small' },
      stops.length ? el('div', { testid: 'person-clock-stops-' + p.id },
        el('span', { class: 'detail-key', text: t('event.detail_key', { key: t('person.clock_stops') }) }),
        stops.map((x) => el('span', { class: ['detail', !x.to_on ? 'is-open' : null], dataset: { kind: x.kind },
          text: t('person.stop_line', { kind: label('stop_kind', x.kind), from: x.from_on, to: x.to_on || t('person.stop_open') })
            + (x.reason ? '（' + x.reason + '）' : '') }))) : null,
      history.length >= 2 ? el('div', { class: 'muted', testid: 'person-custody-history-' + p.id },
        el('span', { class: 'detail-key', text: t('event.detail_key', { key: t('person.custody_history') }) }),
        history.map((x) => el('span', { class: 'detail', text: x.from_on + ' ' + label('custody', x.custody) }))) : null)));
}

/** checkField: a labelled checkbox as a .field (for the grid); returns {wrapper, box}. */
function checkField(name, text, testid) {
  const box = el('input', { type: 'checkbox', id: nextId('f-' + name), name, testid });
  const wrapper = el('div', { class: ['field', 'field-check'], dataset: { field: name } },
    el('span', { class: 'field-label', 'aria-hidden': 'true', text: '\u00a0' }),
    el('label', { class: 'check', for: box.id }, box, el('span', { text })),
    el('div', { class: 'field-error', 'aria-live': 'polite' }));
  return { wrapper, box };
}

/**
 * showEventError: a refused act. A 409 conflict (the act is not allowed now) is shown prominently at the top of the
 * form with its reason; other errors go beside their field, else at the top.
 */
function showEventError(form, err, reload) {
  if (err && err.status === 409) {
    const old = form.querySelector(':scope > .form-error');
    if (old) old.remove();
    const box = el('div', { class: ['alert', 'alert-error', 'alert-conflict', 'form-error'], role: 'alert', testid: 'form-error' },
      el('strong', { class: 'alert-title', text: t('event.conflict_title') }),
      el('div', { testid: 'event-conflict', text: err.message || t('error.conflict') }),
      reload ? el('button', { type: 'button', class: 'btn btn-small conflict-reload', testid: 'event-conflict-reload',
        text: t('event.conflict_reload'), on: { click: reload } }) : null);
    form.prepend(box);
    // A conflict about one input (a date before the period began, a person already decided) marks that input too.
    if (err.field) fieldError(form, err.field, t('event.conflict_field'));
    box.scrollIntoView({ block: 'nearest' });
    return;
  }
  showError(form, err);
}
