// list.js: the paged table of the list pages (users, cases, audit log, deadlines): one GET of a paged route per load,
// the rows, the loading / empty / error row and the pager, with the page's filters and offset kept in the address.

import * as api from './api.js';
import { append, el, errorMessage, fieldError, keepHash, pager, replace, tableStateRow } from './dom.js';
import { t } from './i18n.js';

// The options of each table's pagedList, for its export button (exportButton below).
const listOptions = new WeakMap();

/**
 * pagedList: drive one paged table. opts:
 *   table        the <table>; its first tbody receives the rows. It must be in the page when load() runs: a reply
 *                that comes back after the table left the page (another page or view) is dropped.
 *   pagerSlot    the element that holds the pager
 *   cols         the number of columns (the span of the loading, empty and error rows)
 *   path         the paged route below /api/v1 ('/users'); it answers {items, total, limit, offset}
 *   state        the page's state object: state.offset is the offset of the page shown (moved by the pager and by
 *                the move back when the list shrank); state[k] is the value of filter k
 *   filters      the state keys sent as query parameters ('' values are left out) and kept in the address
 *   params       optional fixed query parameters sent as well ({status: 'open'})
 *   route        the page's hash without a query ('#/cases'): the address becomes route?offset=&filters...
 *   hash         optional: a function giving the whole address instead (a page whose hash holds more than the list)
 *   row(item)    the row, or an array of rows, for one item
 *   empty        optional: a function giving the text shown when there is no item (default 'common.empty')
 *   form         optional: the filter form; an API error naming a field is also shown beside that field
 *   pagerTestid  the pager's data-testid
 *   limit        optional: the page size (default 50)
 *   drawn(page)  optional: called after a page reply was drawn (a results line), with the reply
 * Returns {load}: load() keeps the address in step (without a history entry), then asks for the page of the
 * current state. Only the reply to the latest load is drawn. While it runs the table is aria-busy; rows already shown
 * stay, dimmed (.is-loading), else the loading row shows. A page past the end (the list shrank) moves back to the
 * last page.
 */
export function pagedList(opts) {
  const { table, pagerSlot, cols, path, state } = opts;
  const filters = opts.filters || [];
  const limit = opts.limit || 50;
  const tbody = table.tBodies[0];
  let seq = 0;
  listOptions.set(table, opts);

  const filterValues = () => {
    const v = {};
    for (const k of filters) v[k] = state[k];
    return v;
  };
  const address = () => (opts.hash ? opts.hash()
    : opts.route + api.query(Object.assign({ offset: state.offset || '' }, filterValues())));

  async function load() {
    const my = ++seq;
    const params = Object.assign({ limit, offset: state.offset }, filterValues(), opts.params);
    keepHash(table, address());
    table.setAttribute('aria-busy', 'true');
    // Rows already shown stay (dimmed) until the reply; an empty table or a state row shows 'loading'.
    if (!tbody.firstChild || tbody.querySelector('.state-row')) replace(tbody, tableStateRow(cols, 'loading', t('common.loading')));
    else table.classList.add('is-loading');
    try {
      const page = await api.get(path, params);
      if (my !== seq || !table.isConnected) return;
      // A page past the end (the list shrank) moves back to the last page.
      if (page.items.length === 0 && page.total > 0 && state.offset > 0) {
        state.offset = Math.floor((page.total - 1) / limit) * limit;
        load();
        return;
      }
      draw(page);
    } catch (err) {
      if (my !== seq || !table.isConnected) return;
      replace(tbody, tableStateRow(cols, 'error', errorMessage(err)));
      replace(pagerSlot);
      if (opts.form && err.field) fieldError(opts.form, err.field, err.message);
    } finally {
      if (my === seq) {
        table.setAttribute('aria-busy', 'false');
        table.classList.remove('is-loading');
      }
    }
  }

  function draw(page) {
    replace(tbody);
    if (!page.items.length) tbody.appendChild(tableStateRow(cols, 'empty', opts.empty ? opts.empty() : t('common.empty')));
    for (const item of page.items) append(tbody, [opts.row(item)]);
    replace(pagerSlot, pager(page, (off) => { state.offset = off; load(); }, opts.pagerTestid));
    if (opts.drawn) opts.drawn(page);
  }

  return { load };
}

/**
 * exportButton: puts a "导出 Excel" button above the table of a pagedList. A click downloads the list's export
 * (GET <path>/export.xlsx, docs/api.md "Exports") with the filter in force: the list's filters as they are in the
 * page's state and its fixed params, without paging. While it runs the button is disabled; an error (more than
 * 100,000 rows, no permission) shows beside it. testid: the button's data-testid (default 'export-xlsx').
 */
export function exportButton(table, testid) {
  const opts = listOptions.get(table);
  const note = el('span', { class: 'export-note', role: 'status', 'aria-live': 'polite', testid: (testid || 'export-xlsx') + '-note' });
  const button = el('button', { type: 'button', class: 'btn', testid: testid || 'export-xlsx', text: t('export.button'),
    on: { click: run } });
  const bar = el('div', { class: 'export-bar' }, button, note);
  const anchor = table.closest('.table-wrap') || table;
  anchor.parentNode.insertBefore(bar, anchor);

  async function run() {
    const params = {};
    for (const k of opts.filters || []) params[k] = opts.state[k];
    Object.assign(params, opts.params);
    button.disabled = true;
    replace(note, t('export.busy'));
    note.classList.remove('is-error');
    try {
      const { blob, filename } = await api.download(opts.path + '/export.xlsx', params);
      const url = URL.createObjectURL(blob);
      const a = el('a', { href: url, download: filename, hidden: true });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      replace(note, t('export.done', { name: filename }));
    } catch (err) {
      replace(note, errorMessage(err));
      note.classList.add('is-error');
    } finally {
      button.disabled = false;
    }
  }
  return button;
}
