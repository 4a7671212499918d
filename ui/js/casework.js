// casework.js: pieces shared by the case, deadline, calendar and settings pages: legal dates (China Standard Time),
// deadline level badges, period lengths, the reference lists (case types, charges), the charge multi-select
// (chargePicker) and the GB 11643 ID number check.
//
// Dates in the API are plain 'YYYY-MM-DD' strings; "today" is the date in China Standard Time (UTC+8), as on the
// server (docs/api-cases.md), whatever the browser's own time zone.

import * as api from './api.js';
import { el, replace, nextId } from './dom.js';
import { t, label } from './i18n.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n) { return n < 10 ? '0' + n : String(n); }

/** ymd: a Date's UTC calendar day as 'YYYY-MM-DD'. */
function ymd(d) {
  return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
}

/** parseDate: 'YYYY-MM-DD' as a Date at 00:00 UTC, or null when it is not a real date. */
export function parseDate(s) {
  const m = DATE_RE.exec(s || '');
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return ymd(d) === s ? d : null;
}

/** isDate: whether s is a real 'YYYY-MM-DD' date. */
export function isDate(s) {
  return parseDate(s) !== null;
}

/** todayCST: today's date in China Standard Time as 'YYYY-MM-DD'. */
export function todayCST() {
  return ymd(new Date(Date.now() + 8 * 3600 * 1000));
}

/** addDays: the date n days after s (n may be negative). */
export function addDays(s, n) {
  const d = parseDate(s);
  d.setUTCDate(d.getUTCDate() + n);
  return ymd(d);
}

/**
 * addMonths: the date n months after s, by SPC Interp. Art.202(1): the same day of the target month; from the last
 * day of a month, the last day of the target month; a day the target month lacks becomes its last day.
 */
export function addMonths(s, n) {
  const d = parseDate(s);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const lastOf = (yy, mm) => new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  const ty = y + Math.floor((m + n) / 12);
  const tm = ((m + n) % 12 + 12) % 12;
  const last = lastOf(ty, tm);
  const td = day === lastOf(y, m) ? last : Math.min(day, last);
  return ymd(new Date(Date.UTC(ty, tm, td)));
}

/** weekday: 0 (Sunday) to 6 (Saturday) for the date s. */
export function weekday(s) {
  return parseDate(s).getUTCDay();
}

/** weekdayText: '星期一' ... for the date s ('' for no date). */
export function weekdayText(s) {
  return isDate(s) ? t('weekday.' + weekday(s)) : '';
}

/** lengthText: a period length code ('1m', '15d', '10wd') plus extra days as Chinese ('1 个月 + 15 日'). */
export function lengthText(length, extraDays) {
  const m = /^(\d+)(d|m|wd)$/.exec(length || '');
  let s = m ? t('length.' + m[2], { n: m[1] }) : String(length || '');
  if (extraDays) s += t('length.extra', { n: extraDays });
  return s;
}

/**
 * FIXED_HOLIDAYS: the fixed-date statutory holidays (MM-DD -> catalogue key) the server falls back on for a year
 * without an official notice (docs/calendar-format.md): 元旦, 劳动节 and 国庆.
 */
const FIXED_HOLIDAYS = { '01-01': 'calendar.fixed_new_year', '05-01': 'calendar.fixed_labour',
  '05-02': 'calendar.fixed_labour', '10-01': 'calendar.fixed_national', '10-02': 'calendar.fixed_national',
  '10-03': 'calendar.fixed_national' };

/** fixedHoliday: the name of the fixed-date holiday on date s, or '' when it is none. */
export function fixedHoliday(s) {
  const key = FIXED_HOLIDAYS[String(s).slice(5)];
  return key ? t(key) : '';
}

const calendarYears = new Map();

/** calendarDays: the calendar's days of year y as {date: {kind, name}} (GET /calendar, cached; {} when unreadable). */
function calendarDays(y) {
  if (!calendarYears.has(y)) {
    calendarYears.set(y, api.get('/calendar', { year: y })
      .then((r) => Object.fromEntries((r.days || []).map((d) => [d.date, d])))
      .catch(() => ({})));
  }
  return calendarYears.get(y);
}

/**
 * dueMark: the mark beside a computed deadline's date: 节假日 (with the holiday's name as its title) or 休息日 when the
 * day is not a working day (a custody-bound period does not move off a holiday), nothing on a working day. The badge
 * fills in once the year's calendar is read (GET /calendar); before that, and for no date, it is hidden.
 */
export function dueMark(s, testid) {
  const mark = el('span', { class: 'due-mark', hidden: true, testid });
  if (!isDate(s)) return mark;
  calendarDays(s.slice(0, 4)).then((days) => {
    const d = days[s];
    let kind = '';
    let name = '';
    if (d && d.kind === 'holiday') { kind = 'holiday'; name = d.name || ''; }
    else if (d && d.kind === 'workday') kind = '';
    else if (fixedHoliday(s)) { kind = 'holiday'; name = fixedHoliday(s); }
    else if (weekday(s) === 0 || weekday(s) === 6) kind = 'weekend';
    if (!kind) return;
    mark.classList.add('due-mark-' + kind);
    mark.dataset.kind = kind;
    mark.textContent = t(kind === 'holiday' ? 'deadline.holiday_mark' : 'deadline.weekend_mark');
    if (name) mark.title = name;
    mark.hidden = false;
  });
  return mark;
}

/** LEVEL_CLASS: the colour class of each deadline level. */
const LEVEL_CLASS = {
  overdue: 'level-red', due: 'level-red', warning: 'level-amber', normal: 'level-green', met: 'level-met', late: 'level-late',
  suspended: 'level-suspended', lapsed: 'level-met',
};

/**
 * levelClass: 'level-red' | 'level-amber' | 'level-green' | 'level-met' | 'level-late' | 'level-suspended' | '' for a
 * level code (a party's complaint period that lapsed is grey, like one met).
 */
export function levelClass(level) {
  return LEVEL_CLASS[level] || '';
}

/** levelBadge: a coloured badge with the label of a deadline level; null for no level. */
export function levelBadge(level, testid) {
  if (!level) return null;
  return el('span', { class: ['badge', 'level-badge', levelClass(level)], dataset: { level }, testid,
    text: label('level', level) });
}

/**
 * daysLeftText: '剩 3 天', '今日届满', '逾期 2 天' for an open deadline; '中止时剩 3 天' for a suspended one (its clock
 * stopped); '' for a closed one.
 */
export function daysLeftText(d) {
  if (d.status === 'suspended') {
    return d.days_left === null || d.days_left === undefined ? t('deadline.suspended_due')
      : t('deadline.suspended_left', { n: d.days_left });
  }
  if (d.status !== 'open' || d.days_left === null || d.days_left === undefined) return '';
  if (d.days_left < 0) return t('deadline.days_over', { n: -d.days_left });
  if (d.days_left === 0) return t('deadline.days_today');
  return t('deadline.days_left', { n: d.days_left });
}

/** statusBadge: the badge for a case status code. */
export function statusBadge(status, testid) {
  return el('span', { class: ['badge', 'status-badge', 'status-' + status], dataset: { status }, testid,
    text: label('case_status', status) });
}

// ---------------------------------------------------------------------------------------------------------------------
// Reference lists, fetched once per page load.

/**
 * FALLBACK_TYPES: the decisions the case page offers for a case type when GET /reference/case-types cannot be read.
 * Which acts may be taken is never decided here: the Case's `actions` say so (core/case_rules.c).
 */
const FALLBACK_TYPES = {
  arrest_review: { decisions: ['approve_arrest', 'reject_arrest'] },
  arrest_decision: { decisions: ['approve_arrest', 'reject_arrest'] },
  prosecution_review: { decisions: ['prosecute', 'non_prosecution'] },
  custody_necessity: { decisions: ['release', 'maintain'] },
  complaint_review: { decisions: ['uphold', 'revoke'] },
};

/** fallbackType: the built-in description of a case type code (name from the catalogue). */
export function fallbackType(code) {
  const f = FALLBACK_TYPES[code] || { decisions: [] };
  return Object.assign({ code, name: label('case_type', code) }, f);
}

let caseTypesPromise = null;
let chargesPromise = null;

/** caseTypes: the case types [{code, name, abbr, allows_return, decisions}] (cached; a failure is not cached). */
export function caseTypes() {
  if (!caseTypesPromise) {
    caseTypesPromise = api.get('/reference/case-types').then((r) => r.items);
    caseTypesPromise.catch(() => { caseTypesPromise = null; });
  }
  return caseTypesPromise;
}

/** charges: the charge list [{code, name, article, initials, chapter}] (cached; a failure is not cached). */
export function charges() {
  if (!chargesPromise) {
    chargesPromise = api.get('/reference/charges').then((r) => r.items);
    chargesPromise.catch(() => { chargesPromise = null; });
  }
  return chargesPromise;
}

/** chargeList: the reference charge list for any signed-in page (GET /reference/charges needs only org.read). */
export function chargeList() {
  return charges();
}

// ---------------------------------------------------------------------------------------------------------------------
// Charge picker

/** MAX_CHARGES: the most charges one person may carry (NewPerson, PUT .../persons/{pid}). */
export const MAX_CHARGES = 10;

/**
 * chargePicker: a labelled multi-select of charges with a filter box and the chosen charges shown as removable chips,
 * in the order they were chosen: the first is the main charge (主罪名), marked so, and any other can be made the main
 * one. The filter matches the name, the code, the article and the pinyin initials ('dq' finds 盗窃罪) when the list
 * carries them (GET /reference/charges `initials`; without them the name, code and article still match).
 * The <select multiple> (data-testid testid) holds the value; a click toggles an option without Ctrl, Enter in the
 * filter box adds the first match (an empty filter lets Enter move on). opts: {name, label, list: [{code, name,
 * article, initials}], values, testid, filterTestid (default testid + '-filter'), required, max (default MAX_CHARGES;
 * null for no limit shown), size (rows, default 6), hint (default the usage hint), ordered (default true: mark the
 * main charge)}. A chosen code the list lacks is kept, shown by its catalogue label.
 * Returns the .field wrapper; wrapper.values() gives the chosen codes in the order chosen, wrapper.setValues(codes)
 * sets them (in that order).
 */
export function chargePicker(opts) {
  const id = nextId('f-charges');
  const hintId = id + '-hint';
  const max = opts.max === undefined ? MAX_CHARGES : opts.max;
  const ordered = opts.ordered !== false;
  const values = (opts.values || []).map(String);
  const list = opts.list.slice();
  for (const code of values) {
    if (!list.some((c) => c.code === code)) list.push({ code, name: code, article: '' });
  }
  const select = el('select', { id, name: opts.name, class: ['input', 'charge-select'], multiple: true, size: opts.size || 6,
    testid: opts.testid, 'aria-describedby': hintId },
  list.map((c) => el('option', { value: c.code, text: c.name, title: c.article || '',
    dataset: { search: [c.name, c.code, c.article || '', c.initials || ''].join(' ').toLowerCase(),
      initials: String(c.initials || '').toLowerCase() } })));
  const filter = el('input', { type: 'search', class: ['input', 'charge-filter'], placeholder: t('charges.filter'),
    'aria-label': t('charges.filter_label'), 'aria-controls': id, autocomplete: 'off',
    testid: opts.filterTestid || (opts.testid ? opts.testid + '-filter' : null) });
  const chips = el('div', { class: 'chips', 'aria-live': 'polite' });
  const count = el('span', { class: 'charge-count' });
  const none = el('div', { class: 'charge-none muted', hidden: true, text: t('charges.no_match') });
  let chosen = []; // codes in the order chosen

  const option = (code) => Array.from(select.options).find((o) => o.value === code);
  const sync = () => {
    const want = new Set(chosen);
    for (const o of select.options) o.selected = want.has(o.value);
  };
  const drawChips = () => {
    replace(chips, chosen.length ? chosen.map((code, i) => {
      const o = option(code);
      const name = o ? o.textContent : code;
      return el('span', { class: ['chip', ordered && i === 0 ? 'chip-main' : null], dataset: { code } },
        ordered && i === 0 ? el('span', { class: 'chip-tag', testid: 'charge-main', text: t('charges.main') }) : null,
        el('span', { text: name }),
        ordered && i > 0 ? el('button', { type: 'button', class: 'chip-up', text: t('charges.make_main_glyph'),
          title: t('charges.make_main', { name }), 'aria-label': t('charges.make_main', { name }),
          on: { click: () => { chosen.splice(i, 1); chosen.unshift(code); changed(); filter.focus(); } } }) : null,
        el('button', { type: 'button', class: 'chip-remove', 'aria-label': t('charges.remove', { name }),
          title: t('charges.remove', { name }), text: t('charges.remove_glyph'),
          on: { click: () => { chosen.splice(i, 1); changed(); filter.focus(); } } }));
    }) : el('span', { class: 'muted chips-empty', text: t('charges.none_chosen') }));
    count.textContent = max === null ? t('charges.count_nomax', { n: chosen.length })
      : t('charges.count', { n: chosen.length, max });
    count.classList.toggle('is-over', max !== null && chosen.length > max);
  };
  const changed = () => {
    sync();
    drawChips();
    select.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const toggle = (code) => {
    const i = chosen.indexOf(code);
    if (i >= 0) chosen.splice(i, 1);
    else chosen.push(code);
  };
  const applyFilter = () => {
    const q = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const o of select.options) {
      o.hidden = !!q && !o.dataset.search.includes(q);
      if (!o.hidden) shown++;
    }
    none.hidden = shown > 0;
  };
  select.addEventListener('mousedown', (e) => {
    const o = e.target.closest('option');
    if (!o || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    toggle(o.value);
    select.focus();
    changed();
  });
  // keyboard or Ctrl+click selection: new codes go to the end, dropped ones leave; the order of the rest is kept
  select.addEventListener('change', () => {
    const now = Array.from(select.selectedOptions).map((o) => o.value);
    chosen = chosen.filter((c) => now.includes(c)).concat(now.filter((c) => !chosen.includes(c)));
    drawChips();
  });
  filter.addEventListener('input', applyFilter);
  filter.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && filter.value.trim()) {
      e.preventDefault();
      const q = filter.value.trim().toLowerCase();
      const shown = Array.from(select.options).filter((o) => !o.hidden && !chosen.includes(o.value));
      // a name or initials typed whole wins over the first partial match
      const first = shown.find((o) => o.textContent.toLowerCase() === q || o.textContent.toLowerCase() === q + '罪')
        || shown.find((o) => o.dataset.initials === q) || shown[0];
      if (first) {
        chosen.push(first.value);
        filter.value = '';
        applyFilter();
        changed();
      }
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      select.focus();
    }
  });

  const wrapper = el('div', { class: ['field', 'field-wide', 'charge-picker'], dataset: { field: opts.name } },
    el('label', { class: 'field-label', for: id }, opts.label,
      opts.required ? el('span', { class: 'required', 'aria-hidden': 'true', text: '*' }) : null, count),
    chips,
    el('div', { class: 'charge-box' }, filter, select, none),
    el('div', { class: 'field-error', id: id + '-err', 'aria-live': 'polite' }),
    el('div', { class: 'field-hint', id: hintId, text: opts.hint || t('charges.hint') }));
  wrapper.values = () => chosen.slice();
  wrapper.setValues = (codes) => {
    const known = new Set(Array.from(select.options).map((o) => o.value));
    chosen = [];
    for (const c of (codes || []).map(String)) if (known.has(c) && !chosen.includes(c)) chosen.push(c);
    sync();
    drawChips();
  };
  wrapper.control = select;
  wrapper.filter = filter;
  wrapper.setValues(values);
  return wrapper;
}

// ---------------------------------------------------------------------------------------------------------------------
// 公民身份号码 (GB 11643-1999, DOMAIN.md section 10). A hint only: the server validates and normalises.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

function checkChar(body17) {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body17[i]) * ID_WEIGHTS[i];
  return '10X98765432'[s % 11];
}

/**
 * idNumberInfo: check an ID number as typed. Returns {ok: true, normalised, sex: 'M'|'F', birth} or
 * {ok: false, problem: message}. Full-width digits and a lower-case x are accepted; a 15-digit number is upgraded.
 */
export function idNumberInfo(raw) {
  let s = String(raw || '').trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[ｘＸx]$/, 'X');
  if (/^\d{15}$/.test(s)) {
    const body = s.slice(0, 6) + '19' + s.slice(6);
    s = body + checkChar(body);
  }
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, problem: t('id.bad_format') };
  const birth = s.slice(6, 10) + '-' + s.slice(10, 12) + '-' + s.slice(12, 14);
  if (!isDate(birth) || birth > todayCST()) return { ok: false, problem: t('id.bad_birth') };
  if (checkChar(s) !== s[17]) return { ok: false, problem: t('id.bad_check') };
  return { ok: true, normalised: s, birth, sex: Number(s[16]) % 2 === 1 ? 'M' : 'F' };
}
