// pages/people_common.js: what the people pages (issue 14) share: a plain table of rows from column specs, and the
// labels of ratings. Every value is set as text through dom.js's el() (never HTML).

import { el, tableStateRow } from '../dom.js';
import { t, label } from '../i18n.js';

/**
 * table: a <table class="table"> with the given columns [{key, title, num?, render?(row) -> Node|string}] and rows;
 * an empty body says so. testid names the table, rowId(row) each row's data-testid.
 */
export function table(columns, rows, testid, rowId) {
  const tbody = el('tbody');
  if (!rows.length) tbody.appendChild(tableStateRow(columns.length, 'empty', t('common.empty')));
  for (const r of rows) {
    tbody.appendChild(el('tr', rowId ? { testid: rowId(r) } : null,
      columns.map((c) => {
        const v = c.render ? c.render(r) : r[c.key];
        return el('td', c.num ? { class: 'num' } : null, v === null || v === undefined ? t('common.dash') : v);
      })));
  }
  return el('table', { class: 'table', testid },
    el('thead', null, el('tr', null, columns.map((c) => el('th', c.num ? { class: 'num', text: c.title } : { text: c.title })))),
    tbody);
}

/** rating: the Chinese label of a rating code (优秀 称职 基本称职 不称职), or a dash. */
export const rating = (code) => (code ? label('people_rating', code) : t('common.dash'));
