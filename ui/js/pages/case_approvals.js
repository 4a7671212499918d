// pages/case_approvals.js: two panels of the case page (#/cases/{id}): what the law asks now (the Case's `prompts`,
// e.g. 规则第三百四十七条, 刑事诉讼法第一百七十五条第四款, 规则第三百二十八条, 刑事诉讼法第二百八十四条) as a notice box, and the
// case's approvals (the Case's `approvals`, newest first): the pending ones (待审批: decision kind, proposer, reasons,
// date, with approve / return for an approver and withdraw for the proposer) above the history.

import { el } from '../dom.js';
import { t } from '../i18n.js';
import { approvalCard } from '../approvals.js';

/** promptsBox: the legal prompts of case c as a notice box, or null when there are none. */
export function promptsBox(c) {
  const list = (c.prompts || []).filter(Boolean);
  if (!list.length) return null;
  return el('div', { class: 'alert alert-warn case-prompts', role: 'note', testid: 'case-prompts' },
    el('strong', { class: 'alert-title', text: t('case.prompts_title') }),
    el('ul', null, list.map((p) => el('li', { testid: 'case-prompt', text: p }))));
}

/**
 * approvalsPanel: the approvals of case c, or null when it has none. opts: {personName(id), onChanged() (reload the
 * case after an approval step), toast}.
 */
export function approvalsPanel(c, opts) {
  const list = c.approvals || [];
  if (!list.length) return null;
  const pending = list.filter((a) => a.status === 'pending');
  const done = list.filter((a) => a.status !== 'pending');
  const card = (a) => approvalCard(a, { personName: opts.personName, toast: opts.toast, onChanged: opts.onChanged });
  return el('section', { class: 'panel', testid: 'case-approvals' },
    el('h2', { class: 'panel-title', text: t('case.approvals_title') }),
    pending.length ? el('div', { testid: 'case-approvals-pending' },
      el('h3', { class: 'panel-subtitle', text: t('case.approvals_pending') }), pending.map(card)) : null,
    done.length ? el('details', { class: 'approval-history', testid: 'case-approvals-history', open: !pending.length },
      el('summary', { text: t('case.approvals_history') + '（' + done.length + '）' }), done.map(card)) : null);
}
