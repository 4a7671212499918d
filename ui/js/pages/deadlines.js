// pages/deadlines.js: open deadlines (#/deadlines?scope=mine|department|office&level=&kind=&view=list|month
// &month=YYYY-MM&day=YYYY-MM-DD&offset=): tabs for whose deadlines (mine, my department, the whole office: the last for case.register
// or leaders), level chips with counts from GET /api/v1/deadlines/summary (including 已中止: a review period whose clock
// stopped, which has no due day while stopped), a kind filter (GET /api/v1/reference/deadline-kinds), and either a paged
// list by due day or a month calendar that puts each deadline on its due day: one request,
// GET /api/v1/deadlines/month, gives each day's count and its first entries, and "+N" on a busy day opens the list of
// that one day (view=list&day=, the paged list with from=to=day); rest days from GET /api/v1/calendar. Review periods
// run per person: each row names its person (person_name).

import * as api from '../api.js';
import { el, pageHeader, errorMessage, keepHash, replace } from '../dom.js';
import { exportButton, pagedList } from '../list.js';
import { t, label } from '../i18n.js';
import { can, currentUser } from '../session.js';
import {
  levelBadge, levelClass, daysLeftText, lengthText, todayCST, weekdayText, parseDate, addMonths, isDate, weekday,
  fixedHoliday, dueMark,
} from '../casework.js';

// attention: overdue, due today or within the warning days, what the bell counts (nav.js)
const LEVELS = ['attention', 'overdue', 'due', 'warning', 'normal', 'suspended'];
const COLS = 9;
const PER_DAY = 3; // entries a month cell shows before "+N"

/** scopes: the scopes the signed-in user may choose: the whole office for 案管 (case.register) and 院领导. */
function scopes() {
  const user = currentUser();
  const out = ['mine', 'department'];
  if (can('case.register') || can('audit.read') || (user && (user.roles || []).includes('leader'))) out.push('office');
  return out;
}

/** render: tabs, chips, view switch and the list or the month. */
export async function render(root, ctx) {
  const allowed = scopes();
  const q = ctx.query;
  const state = {
    scope: allowed.includes(q.get('scope')) ? q.get('scope') : 'mine',
    level: LEVELS.includes(q.get('level')) ? q.get('level') : '',
    kind: /^[a-z_]{1,32}$/.test(q.get('kind') || '') ? q.get('kind') : '',
    view: q.get('view') === 'month' ? 'month' : 'list',
    month: /^\d{4}-\d{2}$/.test(q.get('month') || '') && isDate(q.get('month') + '-01') ? q.get('month') : todayCST().slice(0, 7),
    offset: Math.max(0, parseInt(q.get('offset') || '0', 10) || 0),
    // a due-day range, from the home page's queues (本周到期): the list only
    from: isDate(q.get('from') || '') ? q.get('from') : '',
    to: isDate(q.get('to') || '') ? q.get('to') : '',
    day: isDate(q.get('day') || '') ? q.get('day') : '',
  };
  // The list of one day ("+N" in the month): the list's from and to.
  const syncDay = () => { state.from = state.day; state.to = state.day; };
  if (state.day) syncDay(); /* else the due-day range of the address (from the home page's queues), if any */

  // View switch.
  const viewBtn = (v) => el('button', { type: 'button', class: 'seg-btn', testid: 'deadlines-view-' + v,
    text: t('deadlines.view_' + v),
    on: { click: () => { if (state.view !== v || state.day) { state.view = v; state.day = ''; syncDay(); state.offset = 0; drawControls(); load(); } } } });
  const viewList = viewBtn('list');
  const viewMonth = viewBtn('month');
  root.appendChild(pageHeader(t('deadlines.title'),
    el('div', { class: 'seg', role: 'group', 'aria-label': t('deadlines.view_label') }, viewList, viewMonth)));

  // Scope tabs (arrow keys move between them).
  const tabs = allowed.map((s) => el('button', { type: 'button', role: 'tab', class: 'tab', testid: 'deadlines-scope-' + s,
    dataset: { scope: s }, text: t('deadlines.scope_' + s),
    on: { click: () => setScope(s) } }));
  const tabList = el('div', { class: 'tabs', role: 'tablist', 'aria-label': t('deadlines.scope_label') }, tabs);
  tabList.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(document.activeElement);
    if (i < 0) return;
    let j = null;
    if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = tabs.length - 1;
    if (j === null) return;
    e.preventDefault();
    tabs[j].focus();
    setScope(allowed[j]);
  });

  // Level chips.
  const chipCount = {};
  const chip = (lv) => {
    const count = el('span', { class: 'chip-count' });
    chipCount[lv || 'all'] = count;
    return el('button', { type: 'button', class: ['level-chip', lv ? levelClass(lv) : null], testid: 'deadlines-level-' + (lv || 'all'),
      dataset: { level: lv }, on: { click: () => { state.level = lv; state.offset = 0; drawControls(); load(); } } },
    el('span', { text: lv ? label('level', lv) : t('deadlines.level_all') }), count);
  };
  const chips = [chip('')].concat(LEVELS.map(chip));
  const chipBar = el('div', { class: 'level-chips', role: 'group', 'aria-label': t('deadlines.level_label') }, chips);
  const kindSelect = el('select', { class: 'input input-small', testid: 'deadlines-kind', 'aria-label': t('deadlines.kind_label'),
    on: { change: () => { state.kind = kindSelect.value; state.offset = 0; load(); } } },
  el('option', { value: '', text: t('deadlines.kind_all') }));
  if (state.kind) kindSelect.appendChild(el('option', { value: state.kind, text: label('deadline_kind', state.kind) }));
  kindSelect.value = state.kind;
  api.get('/reference/deadline-kinds').then((r) => {
    replace(kindSelect, el('option', { value: '', text: t('deadlines.kind_all') }),
      (r.items || []).map((k) => el('option', { value: k.code, text: k.name || label('deadline_kind', k.code) })));
    kindSelect.value = state.kind;
  }, () => {});

  const rangeNote = state.from || state.to ? el('span', { class: 'filter-note', testid: 'deadlines-range' },
    el('span', { text: t('deadlines.due_range', { from: state.from || '…', to: state.to || '…' }) }),
    el('button', { type: 'button', class: 'btn btn-small', testid: 'deadlines-range-clear', text: t('deadlines.due_range_clear'),
      on: { click: () => { state.from = state.to = ''; state.offset = 0; rangeNote.remove(); load(); } } })) : null;
  const content = el('div', { class: 'deadlines-content' });
  const panel = el('section', { class: 'panel deadlines-panel-page', role: 'tabpanel' },
    el('div', { class: 'deadlines-toolbar' }, chipBar, kindSelect, rangeNote), content);
  root.appendChild(tabList);
  root.appendChild(panel);

  function setScope(s) {
    if (state.scope === s) return;
    state.scope = s;
    state.offset = 0;
    drawControls();
    loadSummary();
    load();
  }

  function drawControls() {
    for (const b of tabs) {
      const on = b.dataset.scope === state.scope;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
      b.classList.toggle('is-active', on);
    }
    panel.setAttribute('aria-label', t('deadlines.scope_' + state.scope));
    for (const c of chips) {
      const on = (c.dataset.level || '') === state.level;
      c.setAttribute('aria-pressed', on ? 'true' : 'false');
      c.classList.toggle('is-active', on);
    }
    for (const [b, v] of [[viewList, 'list'], [viewMonth, 'month']]) {
      b.setAttribute('aria-pressed', state.view === v ? 'true' : 'false');
      b.classList.toggle('is-active', state.view === v);
    }
  }

  /** address: the hash for the state: tab, level, view, and the month or the list's offset. */
  function address() {
    return '#/deadlines' + api.query({ scope: state.scope === 'mine' ? '' : state.scope, level: state.level, kind: state.kind,
      from: state.view === 'list' && !state.day ? state.from : '', to: state.view === 'list' && !state.day ? state.to : '',
      view: state.view === 'list' ? '' : state.view, month: state.view === 'month' || state.day ? state.month : '',
      day: state.view === 'list' ? state.day : '', offset: state.view === 'list' && state.offset ? state.offset : '' });
  }

  let summarySeq = 0;
  async function loadSummary() {
    const my = ++summarySeq;
    for (const c of Object.values(chipCount)) c.textContent = '';
    try {
      const s = await api.get('/deadlines/summary', { scope: state.scope });
      if (my !== summarySeq) return;
      const normal = Math.max(0, (s.open || 0) - (s.overdue || 0) - (s.due || 0) - (s.warning || 0) - (s.suspended || 0));
      const n = { all: s.open, attention: (s.overdue || 0) + (s.due || 0) + (s.warning || 0), overdue: s.overdue, due: s.due,
        warning: s.warning, normal, suspended: s.suspended };
      for (const [k, c] of Object.entries(chipCount)) c.textContent = n[k] === undefined ? '' : String(n[k]);
    } catch (err) {
      // The chips still filter without their counts.
    }
  }

  // The month's replies are drawn only for the latest load (list or month); the list drops its own stale replies.
  let seq = 0;
  function load() {
    const my = ++seq;
    if (state.view === 'list') return listView().load();
    keepHash(root, address());
    return loadMonth(my);
  }

  // ---- list

  let list = null;
  /** listView: the list's table and pager (drawn anew after the month view), driven by pagedList. */
  function listView() {
    if (list && content.contains(list.table) && list.day === state.day) return list;
    const table = el('table', { class: 'table table-hover', testid: 'deadlines-table', 'aria-busy': 'false' },
      el('thead', null, el('tr', null,
        el('th', { text: t('deadline.due_on') }), el('th', { text: t('deadline.days') }),
        el('th', { text: t('deadline.level') }), el('th', { text: t('deadline.kind') }),
        el('th', { text: t('case.number') }), el('th', { text: t('case.title') }),
        el('th', { text: t('deadline.person') }),
        el('th', { text: t('case.prosecutor') }), el('th', { text: t('deadlines.period') }))),
      el('tbody'));
    const pagerSlot = el('div', { class: 'pager-slot' });
    const dayBar = state.day ? el('div', { class: 'deadlines-day-bar', testid: 'deadlines-day-bar' },
      el('span', { text: t('deadlines.day_only', { date: state.day, weekday: weekdayText(state.day) }) }),
      el('button', { type: 'button', class: 'btn btn-small', testid: 'deadlines-day-month', text: t('deadlines.day_back'),
        on: { click: () => { state.month = state.day.slice(0, 7); state.day = ''; syncDay(); state.view = 'month'; drawControls(); load(); } } }),
      el('button', { type: 'button', class: 'btn btn-small', testid: 'deadlines-day-clear', text: t('deadlines.day_clear'),
        on: { click: () => { state.day = ''; syncDay(); state.offset = 0; load(); } } })) : null;
    replace(content, dayBar, el('div', { class: 'table-wrap' }, table), pagerSlot);
    const { load: loadList } = pagedList({ table, pagerSlot, cols: COLS, path: '/deadlines', state,
      filters: ['scope', 'level', 'kind', 'from', 'to'], params: { status: 'open' }, hash: address, pagerTestid: 'deadlines-pager',
      row: deadlineRow, empty: () => (state.level ? t('deadlines.empty_level') : t('deadlines.empty')) });
    exportButton(table, 'deadlines-export');
    list = { table, load: loadList, day: state.day };
    return list;
  }

  function deadlineRow(d) {
    const href = '#/cases/' + encodeURIComponent(d.case_id);
    return el('tr', { testid: 'deadline-row-' + d.id, class: ['deadline-row', levelClass(d.level)],
      dataset: { id: String(d.id), level: d.level || '', kind: d.kind } },
    el('td', { class: 'nowrap' },
      d.due_on ? el('span', { class: 'mono due-date', text: d.due_on })
        : el('span', { class: 'muted', text: t('deadline.suspended_due') }),
      el('span', { class: 'weekday', text: weekdayText(d.due_on) }),
      dueMark(d.due_on, 'deadline-due-mark'),
      d.provisional ? el('span', { class: 'tag tag-warn', title: t('deadline.provisional_hint'), text: t('deadline.provisional') }) : null),
    el('td', { class: 'nowrap', text: daysLeftText(d) }),
    el('td', { class: 'nowrap' }, levelBadge(d.level)),
    el('td', { class: 'nowrap' }, label('deadline_kind', d.kind),
      d.custody_bound
        ? el('span', { class: 'tag tag-custody', title: t('deadline.custody_hint'), text: t('deadline.custody_short') })
        : null),
    el('td', { class: 'nowrap' }, el('a', { href, text: d.case_number })),
    el('td', { class: 'cell-title' }, el('a', { href, class: 'plain-link', text: d.case_title || d.subject || '' })),
    el('td', { class: 'nowrap', testid: 'deadline-person', text: d.person_name || t('common.dash') }),
    el('td', { class: 'nowrap', text: d.prosecutor_name || t('common.dash') }),
    el('td', { class: 'nowrap muted',
      text: t('deadlines.period_text', { start: d.start_on, length: lengthText(d.length, d.extra_days) }) }));
  }

  // ---- month

  const yearCache = new Map();
  function yearDays(year) {
    if (!yearCache.has(year)) {
      const p = api.get('/calendar', { year }).then((r) => {
        const m = new Map();
        for (const d of r.days || []) m.set(d.date, d);
        return { covered: !!r.covered, days: m };
      });
      p.catch(() => yearCache.delete(year));
      yearCache.set(year, p);
    }
    return yearCache.get(year);
  }

  async function loadMonth(my) {
    list = null;
    const first = state.month + '-01';
    const last = addMonths(first, 1);
    const lastDay = new Date(parseDate(last) - 86400000).toISOString().slice(0, 10);
    const prev = addMonths(first, -1).slice(0, 7);
    const next = last.slice(0, 7);
    const [yy, mm] = state.month.split('-').map(Number);
    const go = (m) => { state.month = m; load(); };
    const nav = el('div', { class: 'month-nav' },
      el('button', { type: 'button', class: 'btn btn-small', testid: 'month-prev', text: t('deadlines.month_prev'),
        'aria-label': t('deadlines.month_prev_label'), on: { click: () => go(prev) } }),
      el('h2', { class: 'month-title', testid: 'month-title', 'aria-live': 'polite', text: t('deadlines.month_title', { y: yy, m: mm }) }),
      el('button', { type: 'button', class: 'btn btn-small', testid: 'month-next', text: t('deadlines.month_next'),
        'aria-label': t('deadlines.month_next_label'), on: { click: () => go(next) } }),
      el('button', { type: 'button', class: 'btn btn-small', testid: 'month-today', text: t('deadlines.month_today'),
        disabled: state.month === todayCST().slice(0, 7), on: { click: () => go(todayCST().slice(0, 7)) } }));
    const gridSlot = el('div', { class: 'month-slot', 'aria-busy': 'true' },
      el('div', { class: 'state state-loading', role: 'status', text: t('common.loading') }));
    // Month buttons are redrawn with the month: keep the keyboard on the one that was used.
    const active = document.activeElement;
    const focusKeep = active && content.contains(active) && active.dataset ? active.dataset.testid : null;
    replace(content, nav, gridSlot);
    if (focusKeep && /^month-/.test(focusKeep)) {
      const again = nav.querySelector('[data-testid=' + focusKeep + ']');
      if (again && !again.disabled) again.focus();
    }
    let month;
    let cal = null;
    try {
      [month, cal] = await Promise.all([
        api.get('/deadlines/month', { scope: state.scope, level: state.level, kind: state.kind, status: 'open',
          month: state.month, per_day: PER_DAY }),
        yearDays(yy).catch(() => null),
      ]);
    } catch (err) {
      if (my !== seq) return;
      replace(gridSlot, el('div', { class: 'alert alert-error', role: 'alert', text: errorMessage(err) }));
      gridSlot.setAttribute('aria-busy', 'false');
      return;
    }
    if (my !== seq) return;
    const byDay = new Map();
    for (const d of month.days || []) byDay.set(d.date, d);
    const openDay = (date) => { state.day = date; syncDay(); state.view = 'list'; state.offset = 0; drawControls(); load(); };
    replace(gridSlot, monthGrid(first, lastDay, byDay, cal, openDay),
      month.total ? null : el('div', { class: 'state state-empty month-empty', text: t('deadlines.month_empty') }),
      cal && !cal.covered ? el('div', { class: 'alert alert-warn', text: t('deadlines.year_provisional', { year: yy }) }) : null);
    gridSlot.setAttribute('aria-busy', 'false');
  }

  load();
  drawControls();
  loadSummary();
}

/** monthGrid: a Monday-first month table; each day lists its first deadlines as links coloured by level, and "+N"
 * (openDay) for the rest of a busy day. byDay: date -> {count, items}. */
function monthGrid(first, lastDay, byDay, cal, openDay) {
  const today = todayCST();
  const lead = (weekday(first) + 6) % 7;
  const days = Number(lastDay.slice(8, 10));
  const cells = [];
  for (let i = 0; i < lead; i++) cells.push(el('td', { class: 'cal-cell is-blank', 'aria-hidden': 'true' }));
  for (let n = 1; n <= days; n++) {
    const date = first.slice(0, 8) + (n < 10 ? '0' + n : String(n));
    const wd = weekday(date);
    let info = cal ? cal.days.get(date) : null;
    // A year without an official notice: the server counts the fixed-date holidays only (shown as such).
    if (!info && cal && !cal.covered && fixedHoliday(date)) info = { kind: 'holiday', name: fixedHoliday(date) };
    const rest = info ? info.kind === 'holiday' : (wd === 0 || wd === 6);
    const day = byDay.get(date) || { count: 0, items: [] };
    const list = day.items;
    const more = day.count - list.length;
    cells.push(el('td', { class: ['cal-cell', rest ? 'is-rest' : null, info && info.kind === 'workday' ? 'is-workday' : null,
      date === today ? 'is-today' : null, list.length ? 'has-items' : null], testid: 'cal-day-' + date, dataset: { date } },
    el('div', { class: 'cal-day-head' },
      el('span', { class: 'cal-day-num', text: String(n) }),
      info && info.name ? el('span', { class: 'cal-day-name',
        text: info.kind === 'workday' ? t('calendar.workday_short') : info.name }) : null,
      date === today ? el('span', { class: 'sr-only', text: t('deadlines.today') }) : null),
    list.length ? el('ul', { class: 'cal-items' }, list.map((d) => el('li', null,
      el('a', { href: '#/cases/' + encodeURIComponent(d.case_id), class: ['cal-item', levelClass(d.level)],
        testid: 'cal-deadline-' + d.id, dataset: { level: d.level || '' },
        title: t('deadlines.cal_item_title', { number: d.case_number, title: [d.case_title, d.person_name].filter(Boolean).join(' · '),
          kind: label('deadline_kind', d.kind),
          level: label('level', d.level), prosecutor: d.prosecutor_name || '' }) },
      el('span', { class: 'cal-item-kind', text: label('deadline_kind_short', d.kind) }),
      el('span', { class: 'cal-item-text', text: d.case_number }))))) : null,
    more > 0 ? el('button', { type: 'button', class: 'cal-more', testid: 'cal-more-' + date,
      'aria-label': t('deadlines.cal_more_label', { date, n: day.count }), text: t('deadlines.cal_more', { n: more }),
      on: { click: () => openDay(date) } }) : null));
  }
  while (cells.length % 7) cells.push(el('td', { class: 'cal-cell is-blank', 'aria-hidden': 'true' }));
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(el('tr', null, cells.slice(i, i + 7)));
  const heads = [1, 2, 3, 4, 5, 6, 0].map((d) => el('th', { scope: 'col', class: d === 0 || d === 6 ? 'is-weekend' : null,
    text: t('weekday_short.' + d) }));
  return el('table', { class: 'month-grid', testid: 'deadlines-calendar' },
    el('thead', null, el('tr', null, heads)), el('tbody', null, rows));
}
