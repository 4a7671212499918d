// dom.js: building elements safely, form helpers, and display formatting.
//
// All text from data enters the page through el() (which uses text nodes) or through textContent. Nothing here, and
// nothing in the pages, assigns innerHTML. Inline styles and inline event-handler attributes are refused by el(), since
// the server's Content-Security-Policy blocks them anyway.

import { t, label } from './i18n.js';
import { dateField } from './dateinput.js';

/**
 * el: create an element.
 *   tag       element name ('td', 'button', ...)
 *   attrs     optional object:
 *               class    string (or array of strings; falsy entries skipped)
 *               text     text content
 *               dataset  object copied into el.dataset
 *               on       object of event name -> handler
 *               testid   sets data-testid
 *               any key that is a DOM property of the element (value, checked, disabled, hidden, type, ...) is set as
 *               a property; anything else is set as an attribute. null, undefined and false skip the key.
 *   children  strings (become text nodes), nodes, arrays of these, null/undefined/false (skipped)
 * Returns the new element; the caller owns it.
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'style' || /^on[a-z]/.test(key)) throw new Error('el(): inline ' + key + ' is not allowed');
      if (key === 'class') {
        const list = Array.isArray(value) ? value.filter(Boolean) : String(value).split(/\s+/).filter(Boolean);
        node.classList.add(...list);
      } else if (key === 'text') {
        node.textContent = String(value);
      } else if (key === 'dataset') {
        Object.assign(node.dataset, value);
      } else if (key === 'on') {
        for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
      } else if (key === 'testid') {
        node.setAttribute('data-testid', String(value));
      } else if (isSettableProperty(node, key)) {
        node[key] = value;
      } else {
        node.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  append(node, children);
  return node;
}

/** isSettableProperty: whether key is a writable, non-method DOM property of node (else el() sets an attribute). */
function isSettableProperty(node, key) {
  if (key.includes('-') || !(key in node) || typeof node[key] === 'function') return false;
  for (let o = node; o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d) return d.writable === true || typeof d.set === 'function';
  }
  return false;
}

/** append: add children (strings, nodes, nested arrays; falsy skipped) to parent. Returns parent. */
export function append(parent, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (c instanceof Node) parent.appendChild(c);
    else parent.appendChild(document.createTextNode(String(c)));
  }
  return parent;
}

/** clear: remove every child of node. Returns node. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** replace: clear node, then append children. Returns node. */
export function replace(node, ...children) {
  clear(node);
  return append(node, children);
}

// ---------------------------------------------------------------------------------------------------------------------
// Formatting

function pad(n) { return n < 10 ? '0' + n : String(n); }

/** CST_MS: China Standard Time is UTC+8 all year (no daylight saving). */
const CST_MS = 8 * 3600 * 1000;

/**
 * fmtTime: a UTC ISO-8601 instant shown in China Standard Time, the offices' time whatever the browser's zone, as
 * 'YYYY-MM-DD HH:MM' ('' for none; a value that is not an instant as itself).
 */
export function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return String(iso);
  const c = new Date(d.getTime() + CST_MS);
  return c.getUTCFullYear() + '-' + pad(c.getUTCMonth() + 1) + '-' + pad(c.getUTCDate()) + ' ' +
    pad(c.getUTCHours()) + ':' + pad(c.getUTCMinutes());
}

/** fmtDate: the calendar date of an instant in China Standard Time as 'YYYY-MM-DD' ('' for none). */
export function fmtDate(iso) {
  return fmtTime(iso).slice(0, 10);
}

/** rolesText: a list of role codes as Chinese labels joined with '、'. */
export function rolesText(roles) {
  return (roles || []).map((r) => label('role', r)).join('、');
}

/** codePoints: the length of s in Unicode code points (how the API counts string limits). */
export function codePoints(s) {
  return Array.from(s || '').length;
}

// ---------------------------------------------------------------------------------------------------------------------
// The address

/**
 * keepHash: put hash ('#/cases?q=...') in the address bar without a history entry or a re-render, so that going back
 * to the page shows what it shows now. Nothing happens once node (part of the page) has left the document.
 */
export function keepHash(node, hash) {
  if (location.hash !== hash && node.isConnected) history.replaceState(history.state, '', hash);
}

// ---------------------------------------------------------------------------------------------------------------------
// Page building blocks

let fieldSeq = 0;

/** nextId: a fresh element id with the given prefix, for label/aria wiring. */
export function nextId(prefix) {
  fieldSeq += 1;
  return (prefix || 'f') + '-' + fieldSeq;
}

/**
 * pageHeader: the h1 of a page (data-testid="page-title") plus optional action elements on the right.
 * Also sets document.title. Returns the header element.
 */
export function pageHeader(title, ...actions) {
  document.title = title + ' - ' + t('app.title_suffix');
  return el('div', { class: 'page-header' },
    el('h1', { testid: 'page-title', text: title }),
    actions.length ? el('div', { class: 'page-actions' }, actions) : null);
}

/** section: a titled panel (h2 + body) used to group forms and tables. */
export function section(title, ...children) {
  return el('section', { class: 'panel' },
    title ? el('h2', { class: 'panel-title', text: title }) : null,
    children);
}

/** loadingBlock: a 'loading' placeholder. */
export function loadingBlock() {
  return el('div', { class: 'state state-loading', role: 'status', text: t('common.loading') });
}

/** errorBlock: a block describing an error (an ApiError or any Error). */
export function errorBlock(err) {
  return el('div', { class: 'alert alert-error', role: 'alert' }, errorMessage(err));
}

/** errorMessage: the text to show for an error: the API's own message, else the catalogue's label of its code. */
export function errorMessage(err) {
  if (!err) return t('error.unknown');
  if (err.message && err.name === 'ApiError') return err.message;
  if (err.code) return label('error', err.code);
  return err.message || t('error.unknown');
}

/** tableStateRow: one full-width row inside a tbody for the loading, empty or error state. */
export function tableStateRow(colspan, kind, text) {
  return el('tr', { class: 'state-row' },
    el('td', { colspan: String(colspan), class: 'state state-' + kind, text }));
}

/**
 * pager: the 'total / first / previous / page N of M / next / last' bar for a page reply {total, limit, offset}.
 * onPage(newOffset) is called when the user moves: by a button, or by typing a page number (Enter or leaving the
 * box). Returns the element.
 */
export function pager(page, onPage, testid) {
  // Long lists (cases, deadlines) count at most 10,000 rows, a case search 100,000: total_capped says there are more.
  const { total, limit, offset, total_capped: capped } = page;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  const summary = total === 0 ? t('pager.summary_empty')
    : t(capped ? 'pager.summary_capped' : 'pager.summary', { total, from, to });
  const pages = Math.max(1, Math.ceil(total / limit));
  const current = Math.min(pages, Math.floor(offset / limit) + 1);
  let moved = false;
  const go = (n) => {
    if (moved) return;
    moved = true;
    onPage((Math.min(Math.max(1, n), pages) - 1) * limit);
  };
  const box = el('input', {
    type: 'number', class: 'input pager-page', min: '1', max: String(pages), step: '1', value: String(current),
    inputmode: 'numeric', testid: 'pager-page', 'aria-label': t('pager.page_label'), disabled: pages <= 1,
  });
  const jump = () => {
    const n = parseInt(box.value, 10);
    if (Number.isInteger(n) && n >= 1 && n !== current) go(n);
    else box.value = String(current);
  };
  box.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); jump(); } });
  box.addEventListener('change', jump);
  const btn = (key, id, disabled, n) => el('button', {
    type: 'button', class: 'btn btn-small', text: t(key), disabled, testid: id, on: { click: () => go(n) },
  });
  return el('nav', { class: 'pager', 'aria-label': t('pager.label'), testid: testid || 'pager' },
    el('span', { class: 'pager-summary', text: summary }),
    btn('pager.first', 'pager-first', current <= 1, 1),
    el('button', {
      type: 'button', class: 'btn btn-small', text: t('pager.prev'), disabled: offset <= 0,
      testid: 'pager-prev', on: { click: () => { moved = true; onPage(Math.max(0, offset - limit)); } },
    }),
    el('span', { class: 'pager-jump' }, t('pager.page_before'), box,
      t(capped ? 'pager.page_after_capped' : 'pager.page_after', { pages })),
    el('button', {
      type: 'button', class: 'btn btn-small', text: t('pager.next'), disabled: offset + limit >= total,
      testid: 'pager-next', on: { click: () => { moved = true; onPage(offset + limit); } },
    }),
    btn('pager.last', 'pager-last', current >= pages, pages));
}

// ---------------------------------------------------------------------------------------------------------------------
// Forms
//
// A field is <div class="field" data-field="NAME"> holding a <label>, the control, an optional hint and an error slot
// (<div class="field-error">). Control names equal the API's field names, so an ApiError's `field` finds its field.

/**
 * field: a labelled input. opts: {name, label, type='text', value, required, hint, autocomplete, maxlength,
 * placeholder, testid, id, inputClass, attrs}. Returns the .field wrapper; the input is wrapper.control. A type 'date'
 * field is the shared date input of dateinput.js (a text input taking YYYY-MM-DD, with a picker button).
 */
export function field(opts) {
  // a date is typed and shown as YYYY-MM-DD whatever the browser's locale: the shared date input (dateinput.js)
  if (opts.type === 'date') return dateField(opts);
  const id = opts.id || nextId('f-' + opts.name);
  const control = el('input', Object.assign({
    id, name: opts.name, type: opts.type || 'text', class: ['input', opts.inputClass],
    value: opts.value === undefined || opts.value === null ? '' : String(opts.value),
    required: !!opts.required, autocomplete: opts.autocomplete || 'off', maxlength: opts.maxlength,
    placeholder: opts.placeholder, testid: opts.testid,
  }, opts.attrs || {}));
  return wrapField(opts, id, control);
}

/**
 * selectField: a labelled <select>. opts: {name, label, options: [{value, text}], value, required, hint, testid}.
 * Returns the .field wrapper; the select is wrapper.control.
 */
export function selectField(opts) {
  const id = opts.id || nextId('f-' + opts.name);
  const control = el('select', Object.assign({ id, name: opts.name, class: 'input', required: !!opts.required,
    testid: opts.testid }, opts.attrs || {}),
    opts.options.map((o) => el('option', { value: String(o.value), text: o.text })));
  if (opts.value !== undefined && opts.value !== null) control.value = String(opts.value);
  return wrapField(opts, id, control);
}

/**
 * checkboxGroup: a fieldset of checkboxes sharing one name. opts: {name, label, options: [{value, text}],
 * values: [...checked], required, testid}. Returns the .field wrapper (a fieldset).
 */
export function checkboxGroup(opts) {
  const checked = new Set((opts.values || []).map(String));
  const box = el('fieldset', { class: ['field', 'field-group'], dataset: { field: opts.name }, testid: opts.testid },
    el('legend', { class: 'field-label' }, opts.label, opts.required ? requiredMark() : null),
    el('div', { class: 'checks' }, opts.options.map((o) => {
      const id = nextId('f-' + opts.name);
      return el('label', { class: 'check', for: id },
        el('input', { type: 'checkbox', id, name: opts.name, value: String(o.value), checked: checked.has(String(o.value)),
          testid: opts.name + '-' + o.value }),
        el('span', { text: o.text }));
    })),
    el('div', { class: 'field-error', id: nextId('err'), 'aria-live': 'polite' }),
    opts.hint ? el('div', { class: 'field-hint', text: opts.hint }) : null);
  return box;
}

function requiredMark() {
  return el('span', { class: 'required', title: t('common.required'), 'aria-hidden': 'true', text: '*' });
}

function wrapField(opts, id, control) {
  const errId = id + '-err';
  const hintId = opts.hint ? id + '-hint' : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  const wrapper = el('div', { class: ['field', opts.wide ? 'field-wide' : null], dataset: { field: opts.name } },
    el('label', { class: ['field-label', opts.hideLabel ? 'sr-only' : null], for: id }, opts.label,
      opts.required && !opts.hideLabel ? requiredMark() : null),
    control,
    el('div', { class: 'field-error', id: errId, 'aria-live': 'polite' }),
    hintId ? el('div', { class: 'field-hint', id: hintId, text: opts.hint }) : null);
  wrapper.control = control;
  return wrapper;
}

/** checkedValues: the values of the checked checkboxes named name inside form. */
export function checkedValues(form, name) {
  return Array.from(form.querySelectorAll('input[type=checkbox][name="' + name + '"]'))
    .filter((i) => i.checked).map((i) => i.value);
}

/** clearErrors: remove every field error and the form-level error of form. */
export function clearErrors(form) {
  for (const f of form.querySelectorAll('.field.has-error')) f.classList.remove('has-error');
  for (const e of form.querySelectorAll('.field-error')) e.textContent = '';
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  const top = form.querySelector(':scope > .form-error');
  if (top) top.remove();
}

/** NAMED: the generic field messages and their variants naming the field ('此项不能为空' → '案件名称不能为空'). */
const NAMED = { 'valid.required': 'valid.required_named', 'valid.date': 'valid.date_named',
  'valid.not_future': 'valid.not_future_named' };

/** fieldLabel: the label text of a .field wrapper (its label or legend, without the required mark or counters). */
function fieldLabel(wrapper) {
  const head = wrapper.querySelector(':scope > .field-label, :scope > legend');
  if (!head) return '';
  return Array.from(head.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('')
    .trim();
}

/** namedMessage: a generic message beside a field says which field it is about; any other message is kept. */
function namedMessage(wrapper, message) {
  for (const [generic, named] of Object.entries(NAMED)) {
    if (message !== t(generic)) continue;
    const name = fieldLabel(wrapper);
    return name ? t(named, { label: name }) : message;
  }
  return message;
}

/**
 * fieldError: show message beside the field named name in form. A dotted API path ('roles.2') falls back to its
 * first segment. A generic message (此项不能为空, 日期无效, 不能晚于今天) names the field by its label ("受理日期不能为空").
 * Returns true when such a field exists (and focuses its control when focus is true).
 */
export function fieldError(form, name, message, focus) {
  let wrapper = null;
  if (name) {
    const parts = String(name).split('.');
    for (let n = parts.length; n > 0 && !wrapper; n--) {
      wrapper = form.querySelector('.field[data-field="' + cssEscape(parts.slice(0, n).join('.')) + '"]');
    }
  }
  if (!wrapper) return false;
  wrapper.classList.add('has-error');
  const slot = wrapper.querySelector('.field-error');
  slot.textContent = namedMessage(wrapper, message);
  const control = wrapper.querySelector('input, select, textarea');
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    const described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    if (slot.id && !described.includes(slot.id)) described.push(slot.id);
    control.setAttribute('aria-describedby', described.join(' '));
    if (focus) control.focus();
  }
  return true;
}

/**
 * clearOnInput: from now on, editing a control of form that shows a field error removes that error (the rest stay
 * until the next submit). Returns form.
 */
export function clearOnInput(form) {
  const handler = (e) => {
    const wrapper = e.target.closest && e.target.closest('.field.has-error');
    if (!wrapper || !form.contains(wrapper)) return;
    wrapper.classList.remove('has-error');
    const slot = wrapper.querySelector('.field-error');
    if (slot) slot.textContent = '';
    for (const c of wrapper.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  };
  form.addEventListener('input', handler);
  form.addEventListener('change', handler);
  return form;
}

/** focusFirstError: focus the first control marked invalid in form (in document order). */
export function focusFirstError(form) {
  const c = form.querySelector('[aria-invalid=true]');
  if (c) c.focus();
}

/** formError: show message at the top of form (for errors that belong to no single field). */
export function formError(form, message) {
  const old = form.querySelector(':scope > .form-error');
  if (old) old.remove();
  form.prepend(el('div', { class: ['alert', 'alert-error', 'form-error'], role: 'alert', testid: 'form-error', text: message }));
}

/** showError: put an ApiError (or other error) beside its field when it names one, else at the top of form. */
export function showError(form, err) {
  const msg = errorMessage(err);
  if (!(err && err.field && fieldError(form, err.field, msg, true))) formError(form, msg);
}

/**
 * busy: mark form as working (submit button disabled, its text replaced by busyText) or idle again.
 * Returns nothing.
 */
export function busy(form, on, busyText) {
  const btn = form.querySelector('button[type=submit]');
  form.classList.toggle('is-busy', on);
  form.setAttribute('aria-busy', on ? 'true' : 'false');
  if (!btn) return;
  if (on) {
    btn.dataset.label = btn.textContent;
    btn.textContent = busyText || t('common.saving');
    btn.disabled = true;
  } else {
    if (btn.dataset.label) btn.textContent = btn.dataset.label;
    btn.disabled = false;
  }
}

function cssEscape(s) {
  return window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/["\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------------------------
// The keyboard in data-entry forms

/** focusables: the controls Enter moves through in form, in document order (no hidden, disabled or helper ones). */
function focusables(form) {
  return Array.from(form.querySelectorAll('input, select, textarea, button[type=submit]')).filter((c) =>
    !c.disabled && c.type !== 'hidden' && c.tabIndex !== -1 && c.getClientRects().length > 0);
}

/**
 * formKeys: paper-speed keys for a data-entry form. Enter in a field moves to the next field (not in a textarea, not
 * when the field used the key itself, e.g. the charge filter adding a charge); on the last field it moves to the
 * submit button instead of submitting, so a form is only sent by a deliberate Enter on the button, a click or Ctrl+S.
 * Ctrl+S (or ⌘S) saves the form from anywhere on the page while the form is shown (the browser's own "save page" is
 * prevented). Returns form.
 */
export function formKeys(form) {
  form.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.isComposing) {
      return;
    }
    const c = e.target;
    if (!(c instanceof HTMLInputElement || c instanceof HTMLSelectElement)) return;
    if (c instanceof HTMLInputElement && ['button', 'submit', 'reset', 'file'].includes(c.type)) return;
    e.preventDefault();
    const all = focusables(form);
    const i = all.indexOf(c);
    const next = all.slice(i + 1).find((x) => x.tagName !== 'BUTTON') || form.querySelector('button[type=submit]');
    if (next) next.focus();
  });
  const onKey = (e) => {
    if (!form.isConnected) {
      document.removeEventListener('keydown', onKey);
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();
      if (form.getAttribute('aria-busy') === 'true') return;
      // leave the field being typed in and come back, as a click on the button would: its change (a date's
      // normalisation, dateinput.js) happens now, not after the checks have marked it
      const active = document.activeElement;
      if (active && form.contains(active) && typeof active.blur === 'function') {
        active.blur();
        active.focus();
      }
      form.requestSubmit();
    }
  };
  document.addEventListener('keydown', onKey);
  return form;
}
