// approvals.js: the pieces of the approval queue (审批, docs/api-cases.md "Approvals") shared by the approvals page and
// the case page: who may decide an approval, its status badge, one approval drawn as a card with its approve / return /
// withdraw forms (POST /api/v1/approvals/{id}/approve|return|withdraw), and the pending count shown as the side bar's
// 审批 badge (GET /api/v1/approvals?status=pending&scope=mine, total only).

import * as api from './api.js';
import {
  el, field, busy, clearErrors, fieldError, showError, replace, nextId, fmtTime, codePoints, clearOnInput,
} from './dom.js';
import { t, label } from './i18n.js';
import { can, currentUser } from './session.js';
import { isDate, todayCST } from './casework.js';

const COMMENT_MAX = 500;

/**
 * mayDecide: whether the signed-in user may approve or return approval a (the server's rule, for showing buttons):
 * it is pending, not their own, and either they hold approval.chief (检察长: all) or approval.decide for a
 * department_head approval of their own department.
 */
export function mayDecide(a) {
  const user = currentUser();
  if (!user || a.status !== 'pending' || a.proposed_by === user.id) return false;
  if (can('approval.chief')) return true;
  return can('approval.decide') && a.approver === 'department_head' && a.department_id === user.department_id;
}

/** mayWithdraw: whether the signed-in user may withdraw approval a (their own pending proposal). */
export function mayWithdraw(a) {
  const user = currentUser();
  return !!user && a.status === 'pending' && a.proposed_by === user.id;
}

/** approvalStatusBadge: the badge of an approval's status. */
export function approvalStatusBadge(status, testid) {
  const cls = { pending: 'level-amber', approved: 'level-green', returned: 'level-late', withdrawn: 'level-met' }[status];
  return el('span', { class: ['badge', cls], dataset: { status }, testid, text: label('approval_status', status) });
}

/** approverText: '检察长' / '部门负责人（第一检察部）' for approval a. */
export function approverText(a) {
  const who = label('approver', a.approver);
  return a.approver === 'department_head' && a.department_name ? who + '（' + a.department_name + '）' : who;
}

/**
 * approvalCard: approval a as a block: decision kind, status, approver, proposer and date, the reasons, the outcome
 * (who decided when, the legal date or the return reason), and the actions the user may take. opts: {personName(id)
 * optional, caseLink (show a link to the case), onChanged(approval) called after a step succeeded, toast(text)}.
 */
export function approvalCard(a, opts) {
  const o = opts || {};
  const pending = a.status === 'pending';
  const kind = label('decision_kind', a.decision_kind);
  const personId = a.payload && a.payload.person_id;
  const person = personId && o.personName ? o.personName(personId) : '';
  const formSlot = el('div', { class: 'approval-form-slot' });
  const actions = [];
  if (mayDecide(a)) {
    actions.push(el('button', { type: 'button', class: 'btn btn-primary btn-small', testid: 'approval-approve-' + a.id,
      text: t('approvals.approve'), on: { click: () => replace(formSlot, approveForm(a, o, formSlot)) } }));
    actions.push(el('button', { type: 'button', class: 'btn btn-small', testid: 'approval-return-' + a.id,
      text: t('approvals.return'), on: { click: () => replace(formSlot, returnForm(a, o, formSlot)) } }));
  }
  if (mayWithdraw(a)) {
    actions.push(el('button', { type: 'button', class: 'btn btn-small', testid: 'approval-withdraw-' + a.id,
      text: t('approvals.withdraw'), on: { click: (e) => withdraw(a, o, e.currentTarget) } }));
  }
  let outcome = null;
  if (!pending && a.decided_at) {
    const parts = [label('approval_status', a.status), t('approvals.decided', { name: a.decided_by_name || '', time: fmtTime(a.decided_at) })];
    if (a.legal_on) parts.push(t('approvals.legal_on_text', { date: a.legal_on }));
    outcome = el('div', { class: 'approval-meta small', testid: 'approval-outcome-' + a.id }, parts.join(' · '),
      a.comment ? el('div', { class: 'muted', text: t('event.detail_key', { key: a.status === 'returned'
        ? t('approvals.return_reason') : t('approvals.comment') }) + a.comment }) : null);
  }
  return el('div', { class: ['approval-item', pending ? 'is-pending' : null], testid: 'approval-' + a.id,
    dataset: { id: String(a.id), status: a.status, kind: a.decision_kind } },
  el('div', { class: 'approval-head' },
    el('span', { class: 'approval-kind', testid: 'approval-kind', text: kind }),
    approvalStatusBadge(a.status, 'approval-status'),
    el('span', { class: 'muted', text: t('case.approval_to', { approver: approverText(a) }) }),
    person ? el('span', { text: t('approvals.person', { name: person }) }) : null,
    o.caseLink ? el('a', { href: '#/cases/' + encodeURIComponent(a.case_id || a.entity_id), testid: 'approval-case-link',
      text: a.subject || t('approvals.open_case') }) : null),
  el('div', { class: 'approval-meta muted small', text: [t('event.proposed_by', { name: a.proposed_by_name || '' }),
    fmtTime(a.proposed_at)].join(' · ') }),
  a.reasons ? el('p', { class: 'approval-reasons', testid: 'approval-reasons', text: a.reasons }) : null,
  outcome,
  actions.length ? el('div', { class: 'approval-actions' }, actions) : null,
  formSlot);
}

/** approveForm: the legal date (today by default; never later) and an optional comment. */
function approveForm(a, o, slot) {
  const today = todayCST();
  const on = field({ name: 'on', label: t('approvals.legal_on'), type: 'date', required: true, value: today,
    testid: 'approval-on', hint: t('approvals.legal_on_hint'), attrs: { max: today } });
  const comment = textArea('comment', t('approvals.comment'), false, 'approval-comment');
  const form = el('form', { class: 'form approval-form', novalidate: true, testid: 'approval-approve-form' },
    el('div', { class: 'form-grid form-grid-3' }, on, comment),
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'approval-approve-submit', text: t('approvals.approve_submit') }),
      el('button', { type: 'button', class: 'btn', text: t('common.cancel'), on: { click: () => replace(slot) } })));
  clearOnInput(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const b = { on: on.control.value };
    const c = comment.control.value.trim();
    if (!b.on) { fieldError(form, 'on', t('valid.required'), true); return; }
    if (!isDate(b.on)) { fieldError(form, 'on', t('valid.date'), true); return; }
    if (b.on > today) { fieldError(form, 'on', t('valid.not_future'), true); return; }
    if (codePoints(c) > COMMENT_MAX) { fieldError(form, 'comment', t('valid.max_length', { max: COMMENT_MAX }), true); return; }
    if (c) b.comment = c;
    await step(form, o, () => api.post('/approvals/' + encodeURIComponent(a.id) + '/approve', b),
      t('approvals.approved_toast', { kind: label('decision_kind', a.decision_kind), date: b.on }));
  });
  setTimeout(() => on.control.focus(), 0);
  return form;
}

/** returnForm: the reason the approver sends the proposal back. */
function returnForm(a, o, slot) {
  const reason = textArea('reason', t('approvals.return_reason'), true, 'approval-return-reason');
  const form = el('form', { class: 'form approval-form', novalidate: true, testid: 'approval-return-form' },
    el('div', { class: 'form-grid form-grid-3' }, reason),
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'approval-return-submit', text: t('approvals.return_submit') }),
      el('button', { type: 'button', class: 'btn', text: t('common.cancel'), on: { click: () => replace(slot) } })));
  clearOnInput(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const r = reason.control.value.trim();
    if (!r) { fieldError(form, 'reason', t('valid.required'), true); return; }
    if (codePoints(r) > COMMENT_MAX) { fieldError(form, 'reason', t('valid.max_length', { max: COMMENT_MAX }), true); return; }
    await step(form, o, () => api.post('/approvals/' + encodeURIComponent(a.id) + '/return', { reason: r }),
      t('approvals.returned_toast', { kind: label('decision_kind', a.decision_kind) }));
  });
  setTimeout(() => reason.control.focus(), 0);
  return form;
}

async function withdraw(a, o, btn) {
  const kind = label('decision_kind', a.decision_kind);
  if (!window.confirm(t('approvals.withdraw_confirm', { kind }))) return;
  btn.disabled = true;
  try {
    // No body at all: the route takes none.
    const updated = await api.request('POST', '/approvals/' + encodeURIComponent(a.id) + '/withdraw');
    if (o.toast) o.toast(t('approvals.withdrawn_toast', { kind }));
    refreshApprovalBadge(true);
    if (o.onChanged) o.onChanged(updated);
  } catch (err) {
    btn.disabled = false;
    if (o.toast) o.toast(err.message || String(err));
  }
}

async function step(form, o, call, doneText) {
  busy(form, true, t('common.submitting'));
  try {
    const updated = await call();
    if (o.toast) o.toast(doneText);
    refreshApprovalBadge(true);
    if (o.onChanged) o.onChanged(updated);
  } catch (err) {
    busy(form, false);
    showError(form, err);
  }
}

function textArea(name, text, required, testid) {
  const id = nextId('f-' + name);
  const ta = el('textarea', { id, name, class: 'input textarea', rows: 2, maxlength: COMMENT_MAX, testid, required });
  const wrapper = el('div', { class: ['field', 'field-wide'], dataset: { field: name } },
    el('label', { class: 'field-label', for: id }, text,
      required ? el('span', { class: 'required', 'aria-hidden': 'true', text: '*' }) : null),
    ta, el('div', { class: 'field-error', id: id + '-err', 'aria-live': 'polite' }));
  wrapper.control = ta;
  return wrapper;
}

// ---------------------------------------------------------------------------------------------------------------------
// The 审批 badge: how many approvals wait for the signed-in approver. Fetched with the side bar (at most once a
// minute) and at once after an approval step.

const BADGE_TTL = 60 * 1000;
const badge = { n: null, userId: null, at: 0, loading: null };

/** approvalBadgeNodes: the badge (hidden until known, and when zero) and its screen-reader text. */
export function approvalBadgeNodes() {
  const n = badge.userId === (currentUser() || {}).id ? badge.n : null;
  return [
    el('span', { class: ['nav-badge', n ? 'is-alert' : null], testid: 'approval-badge', 'aria-hidden': 'true',
      hidden: !n, text: String(n || 0), title: n ? t('nav.approval_badge_title', { n }) : null,
      dataset: { count: String(n || 0) } }),
    el('span', { class: 'sr-only', text: n ? t('nav.approval_badge_sr', { n }) : '' }),
  ];
}

function drawApprovalBadge() {
  for (const old of document.querySelectorAll('[data-testid=approval-badge]')) {
    const sr = old.nextElementSibling;
    const [b, text] = approvalBadgeNodes();
    old.replaceWith(b);
    if (sr && sr.classList.contains('sr-only')) sr.replaceWith(text);
  }
}

/** pendingCount: the last known number of approvals waiting for the user (null when not known). */
export function pendingCount() {
  return badge.userId === (currentUser() || {}).id ? badge.n : null;
}

/** refreshApprovalBadge: fetch the pending count when stale (or always with force) and redraw the badge. */
export function refreshApprovalBadge(force) {
  const user = currentUser();
  if (!user || !can('approval.decide')) return Promise.resolve(null);
  const fresh = badge.userId === user.id && Date.now() - badge.at < BADGE_TTL;
  if (!force && fresh) return Promise.resolve(badge.n);
  if (!force && badge.loading) return badge.loading;
  const mine = badge.loading = api.get('/approvals', { status: 'pending', scope: 'mine', limit: 1 }).then((p) => {
    const now = currentUser();
    if (badge.loading !== mine || !now || now.id !== user.id) return null;
    Object.assign(badge, { n: p.total, userId: user.id, at: Date.now() });
    drawApprovalBadge();
    return p.total;
  }, () => null).finally(() => { if (badge.loading === mine) badge.loading = null; });
  return mine;
}
