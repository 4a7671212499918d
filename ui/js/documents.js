// documents.js: the 文书 of a record, for any capability's page (docs/ui-notes.md "文书").
//
// documentsBlock(entityKind, entityId) is a panel listing the record's documents (GET /documents?entity_kind=
// &entity_id=, newest first): 文号 (a link to the print view #/documents/{id}), 文书, 成文日期, 状态 (在用 / 已重新制发
// as the new 文号), and per row the print view and the .docx download. casePersonDocuments(c, opts) is the case page's
// block: for each person whose 不起诉 is in force, that person's documents and, while none is in force, the button
// that issues the 不起诉决定书 (POST /cases/{id}/persons/{pid}/documents) and opens its print view.

import * as api from './api.js';
import { el, errorMessage, replace, tableStateRow } from './dom.js';
import { t } from './i18n.js';

/** downloadDocx: fetch GET /documents/{id}/docx and save it under its 文号; resolves to the file name. */
export async function downloadDocx(id) {
  const { blob, filename } = await api.download('/documents/' + encodeURIComponent(id) + '/docx');
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: filename, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return filename;
}

/** docxButton: a button downloading document id's .docx, with its status (busy, done, error) in note. */
export function docxButton(id, testid) {
  const note = el('span', { class: 'export-note', role: 'status', 'aria-live': 'polite', testid: testid + '-note' });
  const button = el('button', { type: 'button', class: 'btn btn-small', testid, text: t('documents.docx'),
    on: { click: async () => {
      button.disabled = true;
      replace(note, t('export.busy'));
      note.classList.remove('is-error');
      try {
        replace(note, t('export.done', { name: await downloadDocx(id) }));
      } catch (err) {
        replace(note, errorMessage(err));
        note.classList.add('is-error');
      } finally {
        button.disabled = false;
      }
    } } });
  return el('span', { class: 'inline-actions' }, button, note);
}

/** documentRows: the rows of a document table for items (GET /documents?entity_kind= reply items). */
function documentRows(items) {
  return items.map((d) => el('tr', { testid: 'document-row-' + d.id, dataset: { id: String(d.id) } },
    el('td', { class: 'nowrap' }, el('a', { href: '#/documents/' + encodeURIComponent(d.id), testid: 'document-link-' + d.id,
      text: d.number })),
    el('td', { text: d.type_name || d.type }),
    el('td', { class: 'nowrap', text: d.issued_on }),
    el('td', { class: 'nowrap', testid: 'document-state-' + d.id }, d.superseded_by
      ? el('span', { class: 'tag tag-warn', text: t('documents.superseded') })
      : el('span', { class: 'tag', text: t('documents.in_force') })),
    el('td', { class: 'col-actions' }, el('div', { class: 'inline-actions' },
      el('a', { class: 'btn btn-small btn-link', href: '#/documents/' + encodeURIComponent(d.id), text: t('documents.print_view') }),
      docxButton(d.id, 'document-docx-' + d.id)))));
}

/** documentTable: an empty document table (its tbody filled by fill()). */
function documentTable(testid) {
  return el('table', { class: 'table documents-table', testid },
    el('thead', null, el('tr', null,
      el('th', { text: t('documents.col_number') }), el('th', { text: t('documents.col_type') }),
      el('th', { text: t('documents.col_issued_on') }), el('th', { text: t('documents.col_state') }),
      el('th', { class: 'col-actions', text: t('common.actions') }))),
    el('tbody', null, tableStateRow(5, 'loading', t('common.loading'))));
}

/**
 * documentsBlock: the panel of entityKind/entityId's documents. opts.title overrides the heading; opts.onLoaded(items)
 * is called after each load. Returns the element; element.reload() reloads it.
 */
export function documentsBlock(entityKind, entityId, opts = {}) {
  const table = documentTable('documents-' + entityKind + '-' + entityId);
  const tbody = table.tBodies[0];
  const block = el('section', { class: 'panel documents-block', testid: 'documents-block-' + entityKind + '-' + entityId },
    el('h2', { class: 'panel-title', text: opts.title || t('documents.block_title') }),
    el('div', { class: 'table-wrap' }, table));
  async function load() {
    try {
      const r = await api.get('/documents', { entity_kind: entityKind, entity_id: entityId });
      replace(tbody, r.items.length ? documentRows(r.items) : tableStateRow(5, 'empty', t('documents.none')));
      if (opts.onLoaded) opts.onLoaded(r.items);
    } catch (err) {
      replace(tbody, tableStateRow(5, 'error', errorMessage(err)));
    }
  }
  block.reload = load;
  load();
  return block;
}

/** nonProsecutionInForce: whether person p's 不起诉 is in force (for 附条件不起诉, its final 不起诉 after the probation). */
export function nonProsecutionInForce(p) {
  if (p.decision !== 'non_prosecution') return false;
  return p.non_prosecution_type !== 'conditional' || p.final_decision === 'non_prosecution';
}

/**
 * casePersonDocuments: the case page's 文书 panel: one documents table per person whose 不起诉 is in force, with the
 * "制发不起诉决定书" button while the person has none in force (opts.mayIssue: the user handles the case). opts.navigate
 * opens the print view of a new document. null when no person is 不起诉.
 */
export function casePersonDocuments(c, opts = {}) {
  const persons = (c.persons || []).filter(nonProsecutionInForce);
  if (!persons.length) return null;
  const parts = persons.map((p) => {
    const slot = el('div', { class: 'inline-actions' });
    const note = el('span', { class: 'export-note', role: 'status', 'aria-live': 'polite', testid: 'document-issue-note-' + p.id });
    const block = documentsBlock('case_person', p.id, {
      title: t('documents.person_title', { name: p.name }),
      onLoaded: (items) => {
        const live = items.some((d) => d.type === 'non_prosecution' && !d.superseded_by);
        replace(slot, opts.mayIssue && !live ? issueButton(p) : null, note);
      },
    });
    function issueButton(person) {
      const button = el('button', { type: 'button', class: 'btn btn-small btn-primary', testid: 'document-issue-' + person.id,
        text: t('documents.issue_non_prosecution'), on: { click: async () => {
          button.disabled = true;
          note.classList.remove('is-error');
          try {
            const d = await api.post('/cases/' + encodeURIComponent(c.id) + '/persons/' + encodeURIComponent(person.id) + '/documents',
              { type: 'non_prosecution' });
            if (opts.toast) opts.toast(t('documents.issued', { number: d.number }));
            if (opts.navigate) opts.navigate('#/documents/' + encodeURIComponent(d.id));
            else block.reload();
          } catch (err) {
            replace(note, errorMessage(err));
            note.classList.add('is-error');
            button.disabled = false;
          }
        } } });
      return button;
    }
    block.querySelector('.panel-title').after(slot);
    return block;
  });
  return el('div', { class: 'case-documents', testid: 'case-documents' }, parts);
}
