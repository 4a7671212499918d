// suggestions_block.js: the 检察建议 linked to a case, for the case page (issue 10): a small table (title, agency,
// state, reply due day), each row a link to the suggestion, and, for a user with suggestion.handle, a link that drafts
// one linked to the case (#/suggestions/new?case_id=). Shown only to users with suggestion.read; nothing when the
// case has none and the user cannot draft one.

import * as api from './api.js';
import { el, replace } from './dom.js';
import { t, label } from './i18n.js';
import { can } from './session.js';

/** suggestionsBlock: the block for case caseId (filled when GET /suggestions?case_id= answers), or null. */
export function suggestionsBlock(caseId) {
  if (!can('suggestion.read')) return null;
  const body = el('div', { class: 'muted', text: t('common.loading') });
  const box = el('section', { class: 'panel', testid: 'case-suggestions', hidden: true },
    el('h2', { class: 'panel-title', text: t('sug.case_block') }), body);
  (async () => {
    try {
      const page = await api.get('/suggestions', { case_id: caseId, limit: 50 });
      if (!page.items.length && !can('suggestion.handle')) return;
      box.hidden = false;
      const rows = page.items.map((s) => el('tr', { testid: 'case-suggestion-' + s.id },
        el('td', null, el('a', { href: '#/suggestions/' + s.id, text: s.title })),
        el('td', { text: s.agency_name }), el('td', { text: label('sug_state', s.state) }),
        el('td', { class: 'nowrap', text: s.reply_due_on || t('common.dash') })));
      replace(body,
        rows.length ? el('div', { class: 'table-wrap' }, el('table', { class: 'table' }, el('tbody', null, rows)))
          : el('p', { class: 'muted', text: t('sug.case_none') }),
        can('suggestion.handle') ? el('a', { href: '#/suggestions/new?case_id=' + encodeURIComponent(caseId),
          class: 'btn btn-small', testid: 'case-suggestion-new', text: t('sug.new') }) : null);
      body.classList.remove('muted');
    } catch (err) {
      box.hidden = true; // the case page stays usable without it
    }
  })();
  return box;
}
