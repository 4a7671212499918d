// pages/document.js: one 文书 as a 公文 (#/documents/{id}, GET /api/v1/documents/{id}; permission case.read).
//
// The sheet is laid out as GB/T 9704-2012 lays out a 公文 (css/app.css and css/print.css, ".gongwen"): A4, margins
// 37 mm top, 28 mm left, 26 mm right, 35 mm bottom; the 发文机关 and the title in 2号 小标宋, the 文号, the body in 3号
// 仿宋, 22 lines of 28 characters; the 发文机关署名, the 成文日期 and the 印章 placeholder at the foot. The fonts are
// named locally (方正小标宋简体 / 仿宋_GB2312 where installed, else Debian's Noto Serif CJK SC and AR PL UMing): the
// browser's print of this page is the paper document. Above the sheet (not printed): print, the .docx download, and,
// for a user who handles cases, the reissue (a new 文号; this one is kept, marked 已重新制发, with a link to the new one).

import * as api from '../api.js';
import { el, errorBlock, errorMessage, loadingBlock, pageHeader, replace } from '../dom.js';
import { docxButton } from '../documents.js';
import { t } from '../i18n.js';
import { can } from '../session.js';

/** gongwen: the sheet of document d. */
export function gongwen(d) {
  const paragraphs = String(d.body || '').split('\n').filter((x) => x.length > 0);
  return el('article', { class: 'gongwen', testid: 'gongwen', lang: 'zh-CN' },
    el('div', { class: 'gw-org', testid: 'gw-org', text: d.org_name || '' }),
    el('h2', { class: 'gw-title', testid: 'gw-title', text: d.title }),
    el('div', { class: 'gw-number', testid: 'gw-number', text: d.number }),
    el('div', { class: 'gw-body', testid: 'gw-body' }, paragraphs.map((p) => el('p', { text: p }))),
    el('div', { class: 'gw-sign' },
      el('div', { class: 'gw-seal', 'aria-label': t('documents.seal'), text: t('documents.seal_text') }),
      el('div', { class: 'gw-sign-org', text: d.org_name || '' }),
      el('div', { class: 'gw-date', testid: 'gw-date', text: (d.fields && d.fields.date) || d.issued_on })));
}

/** render: load the document and draw the toolbar and the sheet. */
export async function render(root, ctx) {
  const body = el('div', { class: 'document-page' }, loadingBlock());
  root.appendChild(body);
  document.title = t('documents.page_title') + ' - ' + t('app.title_suffix');
  let d;
  try {
    d = await api.get('/documents/' + encodeURIComponent(ctx.params.id));
  } catch (err) {
    replace(body, pageHeader(t('documents.page_title')), errorBlock(err));
    return;
  }
  const note = el('span', { class: 'export-note', role: 'status', 'aria-live': 'polite', testid: 'document-reissue-note' });
  let confirmStep = false;
  const reissue = can('case.handle') && !d.superseded_by
    ? el('button', { type: 'button', class: 'btn', testid: 'document-reissue', text: t('documents.reissue'),
      on: { click: async (e) => {
        const btn = e.currentTarget;
        if (!confirmStep) {
          confirmStep = true;
          btn.textContent = t('documents.reissue_confirm');
          replace(note, t('documents.reissue_hint'));
          return;
        }
        btn.disabled = true;
        try {
          const n = await api.post('/documents/' + encodeURIComponent(d.id) + '/reissue');
          ctx.toast(t('documents.reissued', { number: n.number }));
          ctx.navigate('#/documents/' + encodeURIComponent(n.id));
        } catch (err) {
          replace(note, errorMessage(err));
          note.classList.add('is-error');
          btn.disabled = false;
        }
      } } })
    : null;
  const back = d.case_id ? el('a', { class: 'btn', href: '#/cases/' + encodeURIComponent(d.case_id), testid: 'document-case',
    text: t('documents.back_to_case') }) : null;
  replace(body,
    pageHeader(t('documents.page_title_of', { name: d.type_name, number: d.number }),
      el('button', { type: 'button', class: 'btn btn-primary', testid: 'document-print', text: t('documents.print'),
        on: { click: () => window.print() } }),
      docxButton(d.id, 'document-docx'), reissue, back),
    note,
    d.superseded_by ? el('div', { class: 'alert alert-warn', role: 'status', testid: 'document-superseded' },
      t('documents.superseded_by'), ' ',
      el('a', { href: '#/documents/' + encodeURIComponent(d.superseded_by), text: d.superseded_number || String(d.superseded_by) }))
      : null,
    d.supersedes ? el('p', { class: 'muted small', testid: 'document-supersedes' }, t('documents.supersedes'), ' ',
      el('a', { href: '#/documents/' + encodeURIComponent(d.supersedes), text: '#' + d.supersedes })) : null,
    el('p', { class: 'muted small document-meta', testid: 'document-meta', text: t('documents.meta', {
      by: d.issued_by_name || t('common.dash'), on: d.issued_on,
      version: d.template_version ? t('documents.version', { v: d.template_version }) : t('documents.version_builtin') }) }),
    el('div', { class: 'gongwen-wrap' }, gongwen(d)));
}
