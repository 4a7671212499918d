// pages/stats.js: 统计报表 (#/stats, permission stats.read; issue 11 §2, docs/api-stats.md).
//
// A period (month 2025-03, quarter 2025-Q1, year 2025 or a custom range), a scope (the server decides how far each
// reader sees) and a breakdown; GET /api/v1/stats/report draws one row per indicator with, for each column, the
// current figure, its 同比 and 环比 figures and the changes. Every figure is a link: a click lists its records
// (GET /api/v1/stats/records, numerator or denominator), each linking to its case, 行刑衔接 item or 检察建议. Export
// buttons fetch the report as .xlsx or .csv; the page prints with the one print stylesheet (ui/css/print.css hides
// the form and the buttons).
// Text goes in through el()/textContent only.

import * as api from '../api.js';
import { el, field, selectField, pageHeader, section, loadingBlock, errorBlock, replace, clear } from '../dom.js';
import { t } from '../i18n.js';

const PERIODS = ['current', 'year_ago', 'previous'];

/** figureText: a figure's value as shown: ratios as percentages, days with one decimal, '—' for none. */
function figureText(unit, code, v) {
  if (v === null || v === undefined) return '—';
  if (code === 'case_item_ratio') return '1:' + v.toFixed(2);
  if (unit === 'ratio') return (v * 100).toFixed(2) + '%';
  return v.toFixed(1);
}

function changeText(unit, v) {
  if (v === null || v === undefined) return '—';
  const s = unit === 'ratio' ? (v * 100).toFixed(2) : v.toFixed(2);
  return v > 0 ? '+' + s : s;
}

/** render: the query form, then the report for the query in the hash (?period=&scope=&id=&by=&view=). */
export async function render(root, ctx) {
  const q = ctx.query;
  const now = new Date(Date.now() + 8 * 3600e3);
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const period = q.get('period') || lastMonth.toISOString().slice(0, 7);
  const params = { period, scope: q.get('scope') || '', id: q.get('id') || '', by: q.get('by') || '',
    view: q.get('view') || '' };

  const fPeriod = field({ name: 'period', label: t('stats.period'), value: period, hint: t('stats.period_hint'),
    testid: 'stats-period', maxlength: 22 });
  const fScope = selectField({ name: 'scope', label: t('stats.scope'), value: params.scope, testid: 'stats-scope',
    options: ['', 'office', 'department', 'prosecutor'].map((v) => ({ value: v, text: t('stats.scope.' + (v || 'default')) })) });
  const fId = field({ name: 'id', label: t('stats.scope_id'), value: params.id, testid: 'stats-id', maxlength: 18 });
  const fBy = selectField({ name: 'by', label: t('stats.by'), value: params.by, testid: 'stats-by',
    options: ['', 'department', 'prosecutor'].map((v) => ({ value: v, text: t('stats.by.' + (v || 'none')) })) });
  const fView = selectField({ name: 'view', label: t('stats.view'), value: params.view, testid: 'stats-view',
    options: ['', 'reported'].map((v) => ({ value: v, text: t('stats.view.' + (v || 'corrected')) })) });
  const form = el('form', { class: 'form form-inline', testid: 'stats-form', novalidate: true },
    fPeriod, fScope, fId, fBy, fView,
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'stats-run', text: t('stats.run') })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = { period: fPeriod.control.value.trim(), scope: fScope.control.value, id: fId.control.value.trim(),
      by: fBy.control.value, view: fView.control.value };
    ctx.navigate('#/stats' + api.query(next));
  });

  const exportBtn = (fmt, label) => el('button', { type: 'button', class: 'btn', testid: 'stats-export-' + fmt, text: t(label),
    on: { click: async () => {
      try {
        const { blob, filename } = await api.download('/stats/report.' + fmt, params);
        const a = el('a', { href: URL.createObjectURL(blob), download: filename });
        document.body.appendChild(a);
        a.click();
        a.remove();
      } catch (err) {
        ctx.toast(err.message || String(err));
      }
    } } });
  root.appendChild(pageHeader(t('stats.title'),
    el('button', { type: 'button', class: 'btn', testid: 'stats-print', text: t('stats.print'),
      on: { click: () => window.print() } }),
    exportBtn('xlsx', 'stats.export_xlsx'), exportBtn('csv', 'stats.export_csv')));
  root.appendChild(form);
  const body = el('div', { testid: 'stats-body' }, loadingBlock());
  const records = el('div', { testid: 'stats-records' });
  root.appendChild(body);
  root.appendChild(records);

  let r;
  try {
    r = await api.get('/stats/report', params);
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }
  const heading = el('p', { class: 'stats-heading', testid: 'stats-heading',
    text: t('stats.heading', { scope: r.scope.name, period: r.period.text, yoy: r.year_ago.text, mom: r.previous.text }) });
  const closed = r.closed ? el('p', { class: 'muted', testid: 'stats-closed',
    text: t('stats.closed', { at: r.closed.closed_at, n: r.closed.late_records }) }) : null;

  const head1 = el('tr', null, el('th', { rowspan: 2, text: t('stats.col_indicator') }),
    el('th', { rowspan: 2, text: t('stats.col_mark') }),
    r.columns.map((c) => el('th', { colspan: 5, class: 'stats-col', text: c.name })));
  const head2 = el('tr', null, r.columns.map(() => [t('stats.current'), t('stats.year_ago'), t('stats.previous'),
    t('stats.yoy'), t('stats.mom')].map((x) => el('th', { class: 'num', text: x }))));
  const rows = r.indicators.map((ind) => {
    const name = el('td', { text: ind.name, title: ind.numerator_text + ' / ' + ind.denominator_text });
    const mark = el('td', { class: 'muted', text: ind.mark });
    if (!ind.computed) {
      return el('tr', { testid: 'stats-row-' + ind.code }, name, mark,
        el('td', { colspan: 5 * r.columns.length, class: 'muted', text: t('stats.not_computed', { why: ind.why }) }));
    }
    const cells = ind.cells.map((cell, k) => {
      const col = r.columns[k];
      const link = (which) => {
        const f = cell[which];
        const a = el('a', { href: '#', class: 'stats-figure', testid: `stats-fig-${ind.code}-${col.key}-${which}`,
          text: figureText(ind.unit, ind.code, f.value),
          title: `${f.numerator} / ${f.denominator}`,
          on: { click: (e) => { e.preventDefault(); showRecords(ind, col, which, 'numerator', 0); } } });
        return el('td', { class: 'num' }, a, el('div', { class: 'muted small', text: `${f.numerator}/${f.denominator}` }));
      };
      return [...PERIODS.map(link), el('td', { class: 'num', text: changeText(ind.unit, cell.yoy) }),
        el('td', { class: 'num', text: changeText(ind.unit, cell.mom) })];
    });
    return el('tr', { testid: 'stats-row-' + ind.code }, name, mark, cells);
  });
  const table = el('div', { class: 'table-wrap' }, el('table', { class: 'table stats-table', testid: 'stats-table' },
    el('thead', null, head1, head2), el('tbody', null, rows)));
  replace(body, el('div', null, heading, closed, table));

  /** showRecords: the records behind one figure, one page at a time, numerator or denominator. */
  async function showRecords(ind, col, which, part, offset) {
    const limit = 50;
    replace(records, loadingBlock());
    let list;
    try {
      list = await api.get('/stats/records', { ...params, view: '', indicator: ind.code, part, which,
        column: col.key, limit, offset });
    } catch (err) {
      replace(records, errorBlock(err));
      return;
    }
    const other = part === 'numerator' ? 'denominator' : 'numerator';
    const rowsR = list.items.map((it) => el('tr', { testid: 'stats-record' },
      el('td', { text: t('stats.record_kind.' + it.kind) }),
      el('td', null, el('a', { href: it.link, text: it.case_number || String(it.id) })),
      el('td', { text: it.title }),
      el('td', { class: 'num', text: it.days === undefined ? '' : String(it.days) })));
    const tableR = el('table', { class: 'table', testid: 'stats-records-table' },
      el('thead', null, el('tr', null, el('th', { text: t('stats.record_kind') }), el('th', { text: t('stats.record_case') }),
        el('th', { text: t('stats.record_title') }), el('th', { class: 'num', text: t('stats.record_days') }))),
      el('tbody', null, rowsR.length ? rowsR : el('tr', null, el('td', { colspan: 4, class: 'muted', text: t('stats.empty') }))));
    const actions = el('div', { class: 'form-actions' },
      el('button', { type: 'button', class: 'btn', testid: 'stats-records-other', text: t('stats.part.' + other),
        on: { click: () => showRecords(ind, col, which, other, 0) } }),
      offset + limit < list.total ? el('button', { type: 'button', class: 'btn', testid: 'stats-records-more',
        text: t('stats.more'), on: { click: () => showRecords(ind, col, which, part, offset + limit) } }) : null);
    clear(records);
    records.appendChild(section(t('stats.records_title', { name: `${ind.name}（${col.name}，${r[which === 'current' ? 'period' : which].text}）`,
      part: t('stats.part.' + part), n: list.total }), tableR, actions));
  }
}
