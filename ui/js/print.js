// print.js: the header of every printed page (css/print.css shows it only on paper): the office, the page's title, the
// filter in force and the print time in China Standard Time. One helper for every page: it reads the page as it is
// when printing starts (beforeprint, which Chromium also fires for a PDF made by the browser), so a page has nothing
// to do but keep its filters in a filter form (form.filter-bar) or mark a line that says what it shows with
// data-print-filter. The filter in force is the one in the address (the list pages keep their filters there), each
// named by its field's label and shown as the user sees it (a select's option text, a checkbox's label).

import { fmtTime } from './dom.js';
import { t } from './i18n.js';
import { currentUser } from './session.js';

/** fieldLabel: the visible label of a filter control ('' when it has none). */
function fieldLabel(control) {
  const f = control.closest('.field');
  const l = f && f.querySelector('.field-label');
  if (l) return l.textContent.trim();
  const byFor = control.id ? document.querySelector('label[for="' + CSS.escape(control.id) + '"]') : null;
  return byFor ? byFor.textContent.trim() : '';
}

/**
 * filterParts: the filters in force on the page in main, as '标签：值' texts; null for a page that has no filter (no
 * filter form, no tabs, nothing marked data-print-filter).
 */
export function filterParts(main) {
  if (!main.querySelector('form.filter-bar, [role=tab], [role=group] [aria-pressed], select[aria-label], [data-print-filter]')) {
    return null;
  }
  const parts = [];
  const hash = location.hash || '';
  const q = new URLSearchParams(hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '');
  const seen = new Set();
  for (const form of main.querySelectorAll('form.filter-bar')) {
    for (const c of form.querySelectorAll('input[name], select[name]')) {
      if (seen.has(c.name) || c.type === 'hidden' || c.type === 'submit' || c.type === 'button') continue;
      seen.add(c.name);
      const v = q.has(c.name) ? q.get(c.name) : (c.type === 'checkbox' ? (c.checked ? c.value : '') : c.value);
      if (!v) continue;
      let text;
      if (c.type === 'checkbox') {
        if (v !== c.value) continue;
        text = (c.closest('label') || c.parentElement).textContent.trim();
        parts.push(text);
        continue;
      }
      if (c.tagName === 'SELECT') {
        const o = [...c.options].find((x) => x.value === v);
        text = o ? o.textContent.trim() : v;
      } else {
        text = v;
      }
      const l = fieldLabel(c);
      parts.push(l ? l + '：' + text : text);
    }
  }
  // tabs, toggle groups and lone selects that filter a page without a form (the deadlines page), named by their
  // aria-label
  const named = (n, fallback) => {
    const l = n && n.getAttribute('aria-label');
    return l ? l.trim() : fallback;
  };
  const buttonText = (b) => named(b, (b.firstElementChild || b).textContent.trim());
  for (const tab of main.querySelectorAll('[role=tab][aria-selected=true]')) {
    parts.push(named(tab.closest('[role=tablist]'), t('print.tab')) + '：' + buttonText(tab));
  }
  for (const g of main.querySelectorAll('[role=group][aria-label]')) {
    const on = g.querySelector('[aria-pressed=true]');
    if (on) parts.push(named(g) + '：' + buttonText(on));
  }
  for (const c of main.querySelectorAll('select[aria-label]')) {
    if (c.closest('form.filter-bar') || !c.value) continue;
    const o = c.options[c.selectedIndex];
    parts.push(named(c) + '：' + (o ? o.textContent.trim() : c.value));
  }
  for (const n of main.querySelectorAll('[data-print-filter]')) {
    if (!n.closest('[hidden]') && n.textContent.trim()) parts.push(n.textContent.trim());
  }
  return parts;
}

/** pageTitle: the page's h1, else the document's title without the product name. */
function pageTitle(main) {
  const h = main.querySelector('[data-testid=page-title]') || main.querySelector('h1');
  if (h && h.textContent.trim()) return h.textContent.trim();
  return document.title.replace(new RegExp('\\s*-\\s*' + t('app.title_suffix') + '$'), '');
}

/** line: one '标签：值' line of the header. */
function line(cls, key, value, testid) {
  const d = document.createElement('div');
  d.className = cls;
  if (testid) d.dataset.testid = testid;
  const k = document.createElement('span');
  k.className = 'print-key';
  k.textContent = t(key) + '：';
  const v = document.createElement('span');
  v.className = 'print-value';
  v.textContent = value;
  d.append(k, v);
  return d;
}

/** updatePrintHeader: fills #print-header from the page as it is now. */
export function updatePrintHeader() {
  const head = document.getElementById('print-header');
  const main = document.getElementById('app');
  if (!head || !main) return;
  const user = currentUser();
  const office = document.createElement('div');
  office.className = 'print-office';
  office.dataset.testid = 'print-office';
  office.textContent = (user && user.org_name) || t('app.subtitle');
  const title = document.createElement('div');
  title.className = 'print-title';
  title.dataset.testid = 'print-title';
  title.textContent = pageTitle(main);
  const parts = filterParts(main);
  const meta = document.createElement('div');
  meta.className = 'print-meta';
  meta.append(parts ? line('print-filter', 'print.filter', parts.length ? parts.join('；') : t('print.filter_none'), 'print-filter')
    : document.createElement('div'),
  line('print-time', 'print.time', t('print.time_value', { time: fmtTime(new Date().toISOString()) }), 'print-time'));
  head.replaceChildren(office, title, meta);
}

/** installPrint: keep the header current whenever printing starts (the print dialog or a PDF). */
export function installPrint() {
  window.addEventListener('beforeprint', updatePrintHeader);
  if (window.matchMedia) {
    const m = window.matchMedia('print');
    if (m.addEventListener) m.addEventListener('change', (e) => { if (e.matches) updatePrintHeader(); });
  }
}
