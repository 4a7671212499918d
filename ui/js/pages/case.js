// pages/case.js: one case (#/cases/{id}, GET /api/v1/cases/{id}): its header, deadlines, persons and timeline, and, for
// case.handle, the acts that may be recorded next (POST /api/v1/cases/{id}/events), adding a person
// (POST /api/v1/cases/{id}/persons), editing the case (PUT /api/v1/cases/{id}: title, 重大复杂, 速裁, and for 案管 the
// department) and editing a person (PUT /api/v1/cases/{id}/persons/{pid}: name, 认罪认罚, likely sentence, charges).
// 案管 also reassigns the case (the 'assign' act, to an active prosecutor of the case's department). Every one of these
// answers with the whole Case, which redraws the page.
//
// Which acts are offered follows the events table of docs/api-cases.md: an act the case's status or type rules out is
// not shown; one that is ruled out by something else (two returns already, not major/complex, already extended) is
// shown disabled with the reason. The server decides in the end: a 409 conflict is shown at the top of the act's form.

import * as api from '../api.js';
import {
  el, field, selectField, busy, clearErrors, fieldError, focusFirstError, showError, section, loadingBlock, errorBlock,
  replace, codePoints, nextId, fmtTime, errorMessage, clearOnInput,
} from '../dom.js';
import { t, label, CUSTODY, NON_PROSECUTION_TYPES, SENTENCE_BANDS } from '../i18n.js';
import { can, currentUser } from '../session.js';
import { refreshBadges } from '../nav.js';
import {
  caseTypes, charges, chargePicker, fallbackType, levelBadge, levelClass, daysLeftText, lengthText, statusBadge, todayCST,
  weekdayText, isDate, MAX_CHARGES,
} from '../casework.js';
import { personEditor } from './case_form.js';

const REASON_MAX = 200;
const SENTENCE_MAX = 200;
const AGENCY_MAX = 100;
const TITLE_MAX = 100;
const NAME_MAX = 50;

/** QUIET_FLAGS: event data flags not worth a line when false (a judgment's 否 answers do matter, and stay). */
const QUIET_FLAGS = ['fast_track', 'summary_procedure', 'major_complex'];

/** PERSON_KINDS: the acts that concern one person (the form asks which). */
const PERSON_KINDS = ['custody', 'decide', 'judgment'];

/** render: load the case (and the case types, for the decisions each allows), then draw it. */
export async function render(root, ctx) {
  const body = el('div', { class: 'case-page' }, loadingBlock());
  root.appendChild(body);
  document.title = t('case.page_title') + ' - ' + t('app.title_suffix');
  let c;
  let types;
  try {
    [c, types] = await Promise.all([
      api.get('/cases/' + encodeURIComponent(ctx.params.id)),
      caseTypes().catch(() => []),
    ]);
  } catch (err) {
    replace(body, el('div', { class: 'page-header' }, el('h1', { testid: 'page-title', text: t('case.page_title') }),
      el('div', { class: 'page-actions' }, el('a', { href: '#/cases', class: 'btn', text: t('cases.back_to_list') }))),
    errorBlock(err));
    return;
  }
  const page = new CasePage(body, ctx, types);
  page.draw(c);
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

/** EXTENDABLE: the case types whose review period can be extended (for 重大、复杂 cases; DOMAIN.md 2). */
const EXTENDABLE = ['prosecution_review', 'arrest_review', 'arrest_decision', 'complaint_review'];

/**
 * actionsFor: the acts to offer for case c of type ct: [{kind, enabled, why, persons, count}] in display order. An act
 * the status or the case type rules out is left out; one ruled out by anything else comes disabled, with why.
 */
export function actionsFor(c, ct) {
  const out = [];
  const st = c.status;
  const active = st === 'under_review' || st === 'returned';
  const persons = c.persons || [];
  const anyIn = persons.some((p) => p.in_custody);
  const f = facts(c);
  const push = (kind, extra) => out.push(Object.assign({ kind, enabled: true, why: null, persons: null }, extra));

  if (st === 'under_review' && EXTENDABLE.includes(c.case_type)) {
    let why = null;
    if (c.summary_procedure) why = t('action.why.summary');
    else if (c.case_type === 'arrest_review' && anyIn) why = t('action.why.arrest_in_custody');
    else if (!c.major_complex) why = t('action.why.not_major');
    else if (f.extended) why = t('action.why.extended');
    push('extend', { enabled: !why, why });
  }
  if (st === 'under_review' && ct.allows_return) {
    const why = f.returns >= 2 ? t('action.why.two_returns') : null;
    push('return', { enabled: !why, why, count: f.returns });
  }
  if (st === 'returned') push('resubmit');
  if (st === 'under_review') push('self_investigation');
  if (active && persons.length) push('custody', { persons });
  if (st === 'under_review') {
    const undecided = persons.filter((p) => !p.decision);
    if (undecided.length && ct.decisions.length) push('decide', { persons: undecided });
  }
  // A judgment follows the conclusion (审结) of the case, for each person decided 起诉.
  const prosecuted = persons.filter((p) => p.decision === 'prosecute');
  if ((st === 'concluded' || st === 'archived') && prosecuted.length) push('judgment', { persons: prosecuted });
  if (active) push('transfer');
  if (st === 'concluded') push('archive');
  // Reassignment (改派) is for 案管 only, on any case not archived or transferred.
  if (can('case.register') && mayEdit(c)) push('assign');
  return out;
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
  if (kind === 'extend' || kind === 'return' || kind === 'decide') later(facts(c).clockStart);
  if (kind === 'resubmit') {
    for (const e of c.events || []) if (e.kind === 'return') later(e.on);
  }
  if (kind === 'judgment' || kind === 'archive') later(c.concluded_on);
  return min;
}

class CasePage {
  constructor(body, ctx, types) {
    this.body = body;
    this.ctx = ctx;
    this.types = types;
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
    const actions = handle ? actionsFor(c, this.type()) : [];
    this.formSlot = el('div', { class: 'event-form-slot' });
    this.editSlot = el('div', { class: 'case-edit-slot' });
    replace(this.body,
      this.header(),
      can('case.handle') && !handle
        ? el('div', { class: 'alert alert-info', testid: 'case-not-mine', text: t('case.not_mine') }) : null,
      handle && actions.length ? this.actionPanel(actions) : null,
      this.deadlinePanel(),
      this.personPanel(actions),
      this.timelinePanel());
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

  actionPanel(actions) {
    const buttons = actions.map((a) => {
      const text = a.kind === 'return' ? t('action.return_n', { n: a.count }) : label('event_kind', a.kind);
      const whyId = a.why ? nextId('why') : null;
      const btn = el('button', { type: 'button', class: ['btn', 'action-btn'],
        testid: 'event-' + a.kind, disabled: !a.enabled, 'aria-describedby': whyId, title: a.why || null,
        dataset: { kind: a.kind }, text,
        on: { click: () => this.openForm(a.kind, null) } });
      return el('div', { class: 'action' }, btn,
        a.why ? el('div', { class: 'action-why', id: whyId, testid: 'event-' + a.kind + '-why', text: a.why }) : null);
    });
    return section(t('case.actions'), el('div', { class: 'action-bar', testid: 'case-actions' }, buttons), this.formSlot);
  }

  /**
   * openForm: show the inline form for kind (with personId preselected), replacing any other open form. opts.note is
   * an extra notice shown at the top of the form.
   */
  openForm(kind, personId, opts) {
    const actions = actionsFor(this.c, this.type());
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
    let sentence = null;
    let adopted = null;
    let consistent = null;
    let agency = null;
    let prosecutor = null;
    if (kind === 'assign') {
      prosecutor = selectField({ name: 'prosecutor_id', label: t('event.prosecutor'), required: true,
        testid: 'event-prosecutor', options: [{ value: '', text: t('common.loading') }],
        hint: t('event.assign_other_department', { department: c.department_name }) });
      prosecutor.control.disabled = true;
      controls.push(prosecutor);
      this.loadProsecutors(prosecutor.control);
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
      const drawNpt = () => { npt.hidden = decision.control.value !== 'non_prosecution'; };
      decision.control.addEventListener('change', drawNpt);
      drawNpt();
      controls.push(decision, npt);
    }
    if (kind === 'judgment') {
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
        if (j && j.judgment_on) on.control.value = j.judgment_on;
      };
      person.control.addEventListener('change', prefill);
      prefill();
      controls.push(sentence, adopted.wrapper, consistent.wrapper);
    }
    if (kind === 'transfer') {
      agency = field({ name: 'to_agency', label: t('event.to_agency'), required: true, maxlength: AGENCY_MAX,
        testid: 'event-to-agency', placeholder: t('event.to_agency_placeholder') });
      controls.push(agency);
    }
    // The server's field list per act: a reason is required for these, optional for the rest but judgment.
    const reasonRequired = ['extend', 'return', 'self_investigation'].includes(kind);
    const hasReason = kind !== 'judgment';
    let reason = null;
    if (hasReason) {
      const id = nextId('f-reason');
      const ta = el('textarea', { id, name: 'reason', class: 'input textarea', rows: 2, maxlength: REASON_MAX,
        testid: 'event-reason', required: reasonRequired });
      reason = el('div', { class: ['field', 'field-wide'], dataset: { field: 'reason' } },
        el('label', { class: 'field-label', for: id }, t('event.reason.' + kind),
          reasonRequired ? el('span', { class: 'required', 'aria-hidden': 'true', text: '*' }) : null),
        ta, el('div', { class: 'field-error', id: id + '-err', 'aria-live': 'polite' }));
      reason.control = ta;
      controls.push(reason);
    }

    const note = this.noteFor(kind);
    const title = el('h3', { class: 'event-form-title', id: nextId('event-title'), text: label('event_kind', kind) });
    const form = el('form', { class: 'form event-form', novalidate: true, testid: 'event-form', dataset: { kind },
      'aria-labelledby': title.id },
    title,
    opts.note ? el('div', { class: 'alert alert-warn', testid: 'event-notice', text: opts.note }) : null,
    note ? el('p', { class: 'event-note', testid: 'event-note', text: note }) : null,
    el('div', { class: 'form-grid form-grid-3' }, controls),
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'event-form-submit', text: t('event.submit.' + kind) }),
      el('button', { type: 'button', class: 'btn', testid: 'event-form-cancel', text: t('common.cancel'),
        on: { click: () => this.closeForm() } })));
    form.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); this.closeForm(); } });
    clearOnInput(form);

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      const b = { kind, on: on.control.value };
      let ok = true;
      const bad = (k, msg) => { fieldError(form, k, msg); ok = false; };
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
      }
      if (sentence) {
        b.sentence = sentence.control.value.trim();
        b.recommendation_adopted = adopted.box.checked;
        b.consistent = consistent.box.checked;
        if (!b.sentence) bad('sentence', t('valid.required'));
        else if (codePoints(b.sentence) > SENTENCE_MAX) bad('sentence', t('valid.max_length', { max: SENTENCE_MAX }));
      }
      if (agency) {
        b.to_agency = agency.control.value.trim();
        if (!b.to_agency) bad('to_agency', t('valid.required'));
        else if (codePoints(b.to_agency) > AGENCY_MAX) bad('to_agency', t('valid.max_length', { max: AGENCY_MAX }));
      }
      if (reason) {
        const r = reason.control.value.trim();
        if (r) b.reason = r;
        if (reasonRequired && !r) bad('reason', t('valid.required'));
        else if (codePoints(r) > REASON_MAX) bad('reason', t('valid.max_length', { max: REASON_MAX }));
      }
      if (!ok) { focusFirstError(form); return; }
      busy(form, true, t('common.submitting'));
      try {
        const updated = await api.post('/cases/' + encodeURIComponent(c.id) + '/events', b);
        this.ctx.toast(t('event.done', { kind: label('event_kind', kind) }));
        refreshBadges(true);
        this.redraw(updated);
      } catch (err) {
        busy(form, false);
        showEventError(form, err, () => this.reload());
      }
    });
    return form;
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
      return el('tr', { testid: newest[d.kind] === d ? 'deadline-' + d.kind : 'deadline-row-' + d.id,
        class: ['deadline-row', levelClass(d.level), open ? null : 'is-closed'],
        dataset: { id: String(d.id), kind: d.kind, level: d.level || '', status: d.status } },
      el('td', { class: 'nowrap' }, el('span', { class: 'deadline-kind', text: label('deadline_kind', d.kind) })),
      el('td', { class: 'nowrap mono', text: d.start_on }),
      el('td', { class: 'nowrap', text: lengthText(d.length, d.extra_days) }),
      el('td', { class: 'nowrap' },
        el('span', { class: 'mono due-date', testid: 'deadline-due', text: d.due_on }),
        el('span', { class: 'weekday', text: weekdayText(d.due_on) }),
        d.provisional ? el('span', { class: 'tag tag-warn', testid: 'deadline-provisional', title: t('deadline.provisional_hint'),
          text: t('deadline.provisional') }) : null),
      el('td', { class: 'nowrap', testid: 'deadline-days-left' },
        open ? daysLeftText(d) : el('span', { class: 'muted', text: t('deadline.closed_on', { date: d.closed_on || '' }) })),
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
            el('th', { text: t('deadline.kind') }), el('th', { text: t('deadline.start_on') }),
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
      offer('decide', !p.decision);
      offer('judgment', p.decision === 'prosecute');
      return out;
    };
    const rows = (c.persons || []).map((p) => el('tr', { testid: 'person-row-' + p.id, dataset: { id: String(p.id) } },
      el('td', { class: 'nowrap', text: p.name }),
      el('td', { class: 'mono nowrap', text: p.id_number || t('common.dash') }),
      el('td', { class: 'nowrap', text: [label('sex', p.sex), p.birth_date].filter(Boolean).join(' · ') || t('common.dash') }),
      el('td', null,
        el('div', { class: 'nowrap' }, label('custody', p.custody),
          p.in_custody ? el('span', { class: 'tag tag-custody', text: t('person.in_custody') }) : null),
        p.custody_since ? el('div', { class: 'muted small nowrap', text: t('person.since', { date: p.custody_since }) }) : null),
      el('td', { class: 'nowrap', text: p.plea ? t('person.plea_yes') : t('person.plea_no') }),
      el('td', { class: 'nowrap', text: p.sentence_band ? label('sentence_band', p.sentence_band) : t('common.dash') }),
      el('td', { class: 'cell-charges', text: (p.charges || []).map((x) => x.name || x.code || x).join('、') }),
      el('td', { testid: 'person-decision-' + p.id }, p.decision
        ? [el('div', { class: 'nowrap', text: p.non_prosecution_type
          ? t('person.decision_npt', { decision: label('decision', p.decision), npt: label('npt', p.non_prosecution_type) })
          : label('decision', p.decision) }),
        p.decision_on ? el('div', { class: 'muted small', text: p.decision_on }) : null]
        : el('span', { class: 'muted', text: t('person.undecided') })),
      el('td', { testid: 'person-judgment-' + p.id }, p.judgment
        ? [el('div', { text: p.judgment.sentence || '' }),
          el('div', { class: 'muted small', text: [p.judgment.judgment_on,
            p.judgment.recommendation_adopted ? t('person.adopted') : t('person.not_adopted'),
            p.judgment.consistent ? t('person.consistent') : t('person.inconsistent')].filter(Boolean).join(' · ') })]
        : el('span', { class: 'muted', text: t('common.dash') })),
      handle ? el('td', { class: 'col-actions' }, el('div', { class: 'inline-actions' }, personButtons(p))) : null));
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
      addSlot);
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
    el('div', { class: 'timeline-who muted', title: fmtTime(e.at) },
      el('div', { class: 'mono', text: e.user_login || '' }), el('div', { class: 'small', text: fmtTime(e.at) }))));
    return el('section', { class: 'panel' },
      el('h2', { class: 'panel-title', text: t('case.timeline') }),
      items.length ? el('ol', { class: 'timeline', testid: 'timeline' }, items)
        : el('div', { class: 'state state-empty', testid: 'timeline', text: t('case.no_events') }));
  }

  /** eventDetails: an event's data as '项目：值' pairs, with enumeration codes as their labels. */
  eventDetails(e) {
    const data = e.data && typeof e.data === 'object' ? e.data : {};
    const pairs = [];
    if (e.kind === 'assign' && data.prosecutor_id) {
      // The event keeps only the new prosecutor's id; the name is looked up (GET /users/{id}, org.read).
      const who = el('span', { class: 'detail-value', testid: 'timeline-assigned-to' });
      this.userName(data.prosecutor_id).then((n) => { who.textContent = n; });
      pairs.push(el('span', { class: 'detail' },
        el('span', { class: 'detail-key', text: t('event.detail_key', { key: t('event.assigned_to') }) }), who));
    }
    for (const [k, v] of Object.entries(data)) {
      if (v === null || v === undefined || v === '' || /_id$/.test(k)) continue;
      if (v === false && QUIET_FLAGS.includes(k)) continue;
      let text;
      if (typeof v === 'boolean') text = v ? t('common.yes') : t('common.no');
      else if (k === 'decision') text = label('decision', v);
      else if (k === 'non_prosecution_type') text = label('npt', v);
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
