// pages/calendar.js: the legal holiday calendar (#/admin/calendar?year=YYYY, permission calendar.manage): a year's
// twelve months with the official rest days (放假, red) and 调休 working days (blue) from GET /api/v1/calendar?year=,
// a notice when the year has no official notice loaded (periods are then provisional: weekends and the fixed-date
// holidays only), and the import of the plain text format of docs/calendar-format.md (POST /api/v1/calendar/import).

import * as api from '../api.js';
import {
  el, pageHeader, section, errorBlock, loadingBlock, replace, busy, clearErrors, fieldError, showError, nextId, clearOnInput,
  keepHash,
} from '../dom.js';
import { t } from '../i18n.js';
import { todayCST, weekday, addDays, fixedHoliday } from '../casework.js';

const YEAR_MIN = 1900;
const YEAR_MAX = 2199;
const IMPORT_MAX = 256 * 1024;

/** render: year switcher, the year grid and the import form. */
export async function render(root, ctx) {
  const thisYear = Number(todayCST().slice(0, 4));
  let year = Number(ctx.query.get('year')) || thisYear;
  if (!(year >= YEAR_MIN && year <= YEAR_MAX)) year = thisYear;

  const yearSelect = el('select', { class: 'input year-select', id: nextId('f-year'), testid: 'calendar-year',
    'aria-label': t('calendar.year_label') });
  const prevBtn = el('button', { type: 'button', class: 'btn', testid: 'calendar-year-prev', text: t('calendar.year_prev'),
    on: { click: () => setYear(year - 1) } });
  const nextBtn = el('button', { type: 'button', class: 'btn', testid: 'calendar-year-next', text: t('calendar.year_next'),
    on: { click: () => setYear(year + 1) } });
  yearSelect.addEventListener('change', () => setYear(Number(yearSelect.value)));
  root.appendChild(pageHeader(t('calendar.title'),
    el('div', { class: 'year-switch' }, prevBtn, yearSelect, nextBtn)));

  const yearBody = el('div', { testid: 'calendar-year-body' });
  root.appendChild(yearBody);

  // Import form.
  const taId = nextId('f-text');
  const ta = el('textarea', { id: taId, name: 'text', class: 'input textarea mono calendar-text', rows: 14,
    spellcheck: false, testid: 'calendar-import-text', placeholder: t('calendar.import_placeholder'),
    'aria-describedby': taId + '-hint' });
  const result = el('div', { class: 'alert alert-success', role: 'status', testid: 'calendar-import-result', hidden: true });
  const fillBtn = el('button', { type: 'button', class: 'btn', testid: 'calendar-fill' });
  const form = el('form', { class: 'form form-stacked', novalidate: true, testid: 'calendar-import-form' },
    el('div', { class: ['field', 'field-wide'], dataset: { field: 'text' } },
      el('label', { class: 'field-label', for: taId }, t('calendar.import_text'),
        el('span', { class: 'required', 'aria-hidden': 'true', text: '*' })),
      ta,
      el('div', { class: 'field-error', id: taId + '-err', 'aria-live': 'polite', testid: 'calendar-import-error' }),
      el('div', { class: 'field-hint', id: taId + '-hint', text: t('calendar.import_hint') })),
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'calendar-import-submit', text: t('calendar.import_submit') }),
      fillBtn));
  root.appendChild(section(t('calendar.import_title'),
    el('p', { class: 'muted', text: t('calendar.import_intro') }), result, form));

  let current = null;
  let seq = 0;
  async function load() {
    const my = ++seq;
    keepHash(root, '#/admin/calendar' + (year === thisYear ? '' : '?year=' + year));
    drawYearSelect();
    fillBtn.textContent = t('calendar.fill', { year });
    fillBtn.disabled = true;
    yearBody.setAttribute('aria-busy', 'true');
    replace(yearBody, loadingBlock());
    try {
      const r = await api.get('/calendar', { year });
      if (my !== seq) return;
      current = r;
      replace(yearBody, drawYear(r));
      fillBtn.disabled = !r.covered;
    } catch (err) {
      if (my !== seq) return;
      current = null;
      replace(yearBody, errorBlock(err));
    } finally {
      if (my === seq) yearBody.setAttribute('aria-busy', 'false');
    }
  }

  function drawYearSelect() {
    const years = new Set();
    for (let y = thisYear - 3; y <= thisYear + 3; y++) years.add(y);
    years.add(year);
    replace(yearSelect, Array.from(years).sort((a, b) => a - b)
      .map((y) => el('option', { value: String(y), text: t('calendar.year_n', { year: y }) })));
    yearSelect.value = String(year);
    prevBtn.disabled = year <= YEAR_MIN;
    nextBtn.disabled = year >= YEAR_MAX;
  }

  function setYear(y) {
    if (!(y >= YEAR_MIN && y <= YEAR_MAX) || y === year) return;
    year = y;
    load();
  }

  fillBtn.addEventListener('click', () => {
    if (!current || !current.covered) return;
    ta.value = toText(current);
    ta.focus();
  });

  clearOnInput(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    result.hidden = true;
    const text = ta.value;
    if (!text.trim()) { fieldError(form, 'text', t('valid.required'), true); return; }
    if (new TextEncoder().encode(text).length > IMPORT_MAX) {
      fieldError(form, 'text', t('calendar.too_large'), true);
      return;
    }
    busy(form, true, t('calendar.importing'));
    try {
      const r = await api.post('/calendar/import', { text });
      busy(form, false);
      const years = (r.years || []).join('、');
      result.textContent = t('calendar.imported', { years, days: r.days });
      result.hidden = false;
      ctx.toast(t('calendar.imported', { years, days: r.days }));
      ta.value = '';
      if (r.years && r.years.length && !r.years.includes(year)) year = r.years[0];
      load();
    } catch (err) {
      busy(form, false);
      showError(form, err);
      if (err.field === 'text') selectLine(ta, err.message);
    }
  });

  load();
}

/** selectLine: select in textarea ta the line a message like '第 7 行：…' (or 'line 7: …') names. */
function selectLine(ta, message) {
  const m = /第\s*(\d+)\s*行|line\s+(\d+)/i.exec(message || '');
  if (!m) return;
  const n = Number(m[1] || m[2]);
  const lines = ta.value.split('\n');
  if (n < 1 || n > lines.length) return;
  let start = 0;
  for (let i = 0; i < n - 1; i++) start += lines[i].length + 1;
  ta.focus();
  ta.setSelectionRange(start, start + lines[n - 1].length);
  // Bring the line into view: about one line height per line.
  const lh = parseFloat(getComputedStyle(ta).lineHeight) || 20;
  ta.scrollTop = Math.max(0, (n - 3) * lh);
}

/** toText: a year's days in the import format, consecutive holidays of one name joined into ranges. */
function toText(r) {
  const out = ['year ' + r.year];
  const days = (r.days || []).slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    let end = d.date;
    if (d.kind === 'holiday') {
      while (i + 1 < days.length && days[i + 1].kind === 'holiday' && days[i + 1].name === d.name &&
        days[i + 1].date === addDays(end, 1)) {
        end = days[++i].date;
      }
    }
    out.push((end === d.date ? d.date : d.date + '..' + end) + ' ' + d.kind + (d.name ? ' ' + d.name : ''));
  }
  return out.join('\n') + '\n';
}

/** groups: the year's named holidays: [{name, holidays: [dates], workdays: [dates]}], by their first rest day. */
function groups(r) {
  const by = new Map();
  for (const d of (r.days || []).slice().sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const name = (d.name || '').replace(/调休$/, '') || t('calendar.unnamed');
    if (!by.has(name)) by.set(name, { name, holidays: [], workdays: [] });
    by.get(name)[d.kind === 'workday' ? 'workdays' : 'holidays'].push(d.date);
  }
  const first = (g) => g.holidays[0] || g.workdays[0];
  return Array.from(by.values()).sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
}

function md(date) {
  return t('calendar.md', { m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) });
}

/** rangesText: dates as '1月28日–2月4日（8 天）', consecutive days joined. */
function rangesText(dates) {
  const parts = [];
  for (let i = 0; i < dates.length; i++) {
    const s = dates[i];
    let e = s;
    while (i + 1 < dates.length && dates[i + 1] === addDays(e, 1)) e = dates[++i];
    const n = Math.round((Date.parse(e) - Date.parse(s)) / 86400000) + 1;
    parts.push(s === e ? md(s) + t('calendar.weekday_paren', { w: t('weekday_short.' + weekday(s)) })
      : t('calendar.range', { from: md(s), to: md(e), n }));
  }
  return parts.join('、');
}

/** drawYear: the coverage notice, the legend, the twelve months and the list of named holidays. */
function drawYear(r) {
  const days = new Map();
  for (const d of r.days || []) days.set(d.date, d);
  const holidays = (r.days || []).filter((d) => d.kind === 'holiday').length;
  const workdays = (r.days || []).filter((d) => d.kind === 'workday').length;
  const notice = r.covered
    ? el('div', { class: 'alert alert-info', testid: 'calendar-covered',
      text: t('calendar.covered', { year: r.year, holidays, workdays }) })
    : el('div', { class: 'alert alert-warn', role: 'note', testid: 'calendar-not-covered' },
      el('strong', { text: t('calendar.not_covered_title', { year: r.year }) }),
      el('div', { text: t('calendar.not_covered', { year: r.year }) }));
  const legend = el('ul', { class: 'legend', 'aria-label': t('calendar.legend') },
    el('li', null, el('span', { class: 'swatch is-holiday', 'aria-hidden': 'true' }), t('calendar.legend_holiday')),
    el('li', null, el('span', { class: 'swatch is-workday', 'aria-hidden': 'true' }), t('calendar.legend_workday')),
    el('li', null, el('span', { class: 'swatch is-weekend', 'aria-hidden': 'true' }), t('calendar.legend_weekend')),
    r.covered ? null : el('li', null, el('span', { class: 'swatch is-fixed', 'aria-hidden': 'true' }), t('calendar.legend_fixed')));
  const today = todayCST();
  const months = [];
  for (let m = 1; m <= 12; m++) {
    const first = r.year + '-' + (m < 10 ? '0' + m : m) + '-01';
    const lead = (weekday(first) + 6) % 7;
    const cells = [];
    for (let i = 0; i < lead; i++) cells.push(el('td', { class: 'mini-blank' }));
    for (let d = first; d.slice(5, 7) === first.slice(5, 7); d = addDays(d, 1)) {
      const info = days.get(d);
      const wd = weekday(d);
      const weekend = wd === 0 || wd === 6;
      const fixed = r.covered ? '' : fixedHoliday(d);
      const kind = info ? info.kind : fixed ? 'fixed' : weekend ? 'weekend' : 'work';
      const name = info ? info.name : fixed;
      const title = [d + ' ' + t('weekday.' + wd), kind === 'holiday' ? t('calendar.legend_holiday') : kind === 'workday'
        ? t('calendar.legend_workday') : kind === 'fixed' ? t('calendar.legend_fixed') : kind === 'weekend'
          ? t('calendar.legend_weekend') : '', name].filter(Boolean).join(' · ');
      cells.push(el('td', { class: ['mini-day', 'is-' + kind, d === today ? 'is-today' : null], title,
        testid: 'calendar-day-' + d, dataset: { date: d, kind } },
      el('span', { 'aria-hidden': 'true', text: String(Number(d.slice(8))) }),
      el('span', { class: 'sr-only', text: title })));
    }
    while (cells.length % 7) cells.push(el('td', { class: 'mini-blank' }));
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(el('tr', null, cells.slice(i, i + 7)));
    months.push(el('div', { class: 'mini-month', testid: 'calendar-month-' + m },
      el('h3', { class: 'mini-title', text: t('calendar.month_n', { m }) }),
      el('table', { class: 'mini-grid' },
        el('thead', null, el('tr', null, [1, 2, 3, 4, 5, 6, 0].map((w) => el('th', { scope: 'col',
          class: w === 0 || w === 6 ? 'is-weekend' : null, text: t('weekday_short.' + w) })))),
        el('tbody', null, rows))));
  }
  const list = groups(r);
  return el('div', null,
    notice,
    section(null, legend, el('div', { class: 'year-grid', testid: 'calendar-grid' }, months)),
    list.length ? section(t('calendar.list_title', { year: r.year }),
      el('table', { class: 'table holiday-table', testid: 'calendar-list' },
        el('thead', null, el('tr', null, el('th', { text: t('calendar.col_name') }), el('th', { text: t('calendar.col_rest') }),
          el('th', { text: t('calendar.col_work') }))),
        el('tbody', null, list.map((g) => el('tr', null,
          el('td', { class: 'nowrap', text: g.name }),
          el('td', { text: g.holidays.length ? rangesText(g.holidays) : t('common.dash') }),
          el('td', { text: g.workdays.length ? rangesText(g.workdays) : t('common.dash') })))))) : null);
}
