// agency_picker.js: the one way to pick an agency of the office's registry (机关名录, GET /api/v1/agencies) in any
// form: a text box that searches the registry as you type (name or part of the 统一社会信用代码) and lists up to 10
// matches under it (an ARIA combobox: ↑/↓ move, Enter picks, Esc closes); a pick sets the agency's id. When the
// typed name is not in the registry and the user holds agency.manage, the last option offers to add it: a small form
// (the name as typed, its kind) that POSTs it and picks the new agency. Without agency.manage only listed agencies can
// be picked. The chosen agency is the picker's value; clearing the text clears it.

import * as api from './api.js';
import { el, fieldError, nextId, replace, selectField, showError } from './dom.js';
import { t, label, AGENCY_KINDS } from './i18n.js';
import { can } from './session.js';

const LIMIT = 10;

/**
 * agencyPicker: opts {name ('agency_id' by default: the API field its errors name), label, value ({id, name} or null),
 * kind (a kind code: only agencies of that kind are offered, and a new one gets it), exclude (an id never offered:
 * an agency cannot be its own superior), required, hint, testid ('agency-picker' by default), allowAdd (default
 * can('agency.manage')), onChange(agency or null)}. Returns the .field wrapper; wrapper.value() is the chosen id or
 * null, wrapper.agency() the chosen {id, name, kind} or null, wrapper.control the text box, wrapper.set(agency) sets it.
 */
export function agencyPicker(opts) {
  const name = opts.name || 'agency_id';
  const testid = opts.testid || 'agency-picker';
  const allowAdd = opts.allowAdd === undefined ? can('agency.manage') : !!opts.allowAdd;
  const id = nextId('f-' + name);
  const listId = nextId('agency-list');
  let chosen = opts.value && opts.value.id ? { id: opts.value.id, name: opts.value.name, kind: opts.value.kind } : null;
  let options = []; // [{agency} | {add: text}]
  let active = -1;
  let seq = 0;
  let timer = 0;

  const input = el('input', {
    id, type: 'text', class: 'input input-wide', autocomplete: 'off', maxlength: 100, role: 'combobox',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, testid: testid + '-input',
    placeholder: t('agency_picker.placeholder'), value: chosen ? chosen.name : '',
  });
  const list = el('ul', { id: listId, class: 'picker-list', role: 'listbox', hidden: true, testid: testid + '-list',
    'aria-label': opts.label || t('agency_picker.label') });
  const status = el('span', { class: 'picker-status', role: 'status', 'aria-live': 'polite', testid: testid + '-status' });
  const addSlot = el('div', { class: 'picker-add-slot' });
  const wrap = el('div', { class: 'field picker', dataset: { field: name }, testid },
    el('label', { class: 'field-label', for: id }, opts.label || t('agency_picker.label'),
      opts.required ? el('span', { class: 'required', title: t('common.required'), 'aria-hidden': 'true', text: '*' })
        : null),
    el('div', { class: 'picker-box' }, input, list),
    opts.hint ? el('div', { class: 'field-hint', text: opts.hint }) : null,
    status, addSlot,
    el('div', { class: 'field-error', 'aria-live': 'polite' }));
  wrap.control = input;
  wrap.value = () => (chosen ? chosen.id : null);
  wrap.agency = () => chosen;
  wrap.set = (a) => { choose(a, false); };

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function choose(a, notify = true) {
    chosen = a ? { id: a.id, name: a.name, kind: a.kind } : null;
    input.value = chosen ? chosen.name : '';
    replace(status, chosen ? t('agency_picker.chosen', { name: chosen.name }) : '');
    close();
    if (notify && opts.onChange) opts.onChange(chosen);
  }

  function mark(i) {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute('aria-selected', k === i ? 'true' : 'false'));
    if (i >= 0 && list.children[i]) input.setAttribute('aria-activedescendant', list.children[i].id);
    else input.removeAttribute('aria-activedescendant');
  }

  function draw(text) {
    replace(list);
    options.forEach((o, i) => {
      const li = o.add !== undefined
        ? el('li', { id: listId + '-' + i, role: 'option', class: 'picker-option picker-add', testid: testid + '-add',
          text: t('agency_picker.add', { name: o.add }) })
        : el('li', { id: listId + '-' + i, role: 'option', class: 'picker-option', testid: testid + '-option',
          dataset: { id: String(o.agency.id) } },
        el('span', { class: 'picker-name', text: o.agency.name }),
        el('span', { class: 'picker-meta', text: [label('agency_kind', o.agency.kind), o.agency.credit_code]
          .filter(Boolean).join(' · ') }));
      // mousedown, not click: the text box keeps focus and its blur does not close the list first
      li.addEventListener('mousedown', (e) => { e.preventDefault(); pick(i); });
      list.appendChild(li);
    });
    if (!options.length) {
      list.appendChild(el('li', { class: 'picker-empty', role: 'option', 'aria-disabled': 'true',
        text: t('agency_picker.none', { q: text }) }));
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    mark(-1);
  }

  async function search() {
    const my = ++seq;
    const text = input.value.trim();
    const params = { limit: LIMIT };
    if (text) params.q = text;
    if (opts.kind) params.kind = opts.kind;
    try {
      const page = await api.get('/agencies', params);
      if (my !== seq || !wrap.isConnected) return;
      const found = page.items.filter((a) => a.id !== opts.exclude);
      options = found.map((a) => ({ agency: a }));
      if (allowAdd && text && !found.some((a) => a.name === text)) options.push({ add: text });
      draw(text);
      replace(status, t('agency_picker.count', { n: found.length, total: page.total }));
    } catch (err) {
      if (my !== seq) return;
      close();
      fieldError(wrap.closest('form') || wrap, name, err.message);
    }
  }

  function pick(i) {
    const o = options[i];
    if (!o) return;
    if (o.add !== undefined) openAdd(o.add);
    else choose(o.agency);
  }

  // the add form: the name as typed and its kind; POST /agencies, then the new agency is the pick
  function openAdd(text) {
    close();
    const kind = selectField({ name: 'kind', label: t('agencies.kind'), testid: testid + '-add-kind',
      value: opts.kind || 'other', options: AGENCY_KINDS.map((k) => ({ value: k, text: label('agency_kind', k) })) });
    const nameBox = el('input', { type: 'text', class: 'input input-wide', maxlength: 100, value: text,
      'aria-label': t('agencies.name'), testid: testid + '-add-name', name: 'name' });
    const box = el('div', { class: 'picker-add-form', role: 'group', 'aria-label': t('agency_picker.add_title'),
      testid: testid + '-add-form' },
    el('div', { class: 'field', dataset: { field: 'name' } }, nameBox, el('div', { class: 'field-error', role: 'alert' })),
    kind,
    el('div', { class: 'inline-actions' },
      el('button', { type: 'button', class: 'btn btn-small btn-primary', testid: testid + '-add-submit',
        text: t('agency_picker.add_submit'), on: { click: submit } }),
      el('button', { type: 'button', class: 'btn btn-small', text: t('common.cancel'),
        on: { click: () => { replace(addSlot); input.focus(); } } })));
    replace(addSlot, box);
    nameBox.focus();
    async function submit() {
      const b = { name: nameBox.value.trim(), kind: kind.control.value };
      if (!b.name) { fieldError(box, 'name', t('valid.required'), true); return; }
      try {
        const a = await api.post('/agencies', b);
        replace(addSlot);
        choose(a);
        input.focus();
      } catch (err) {
        showError(box, err);
      }
    }
  }

  input.addEventListener('input', () => {
    if (chosen && input.value.trim() !== chosen.name) {
      chosen = null;
      replace(status);
      if (opts.onChange) opts.onChange(null);
    }
    // the matches shown are for the old text: gone until the new ones come, so Enter never picks a stale one
    seq++;
    options = [];
    close();
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener('focus', () => {
    if (!chosen && !input.readOnly) { clearTimeout(timer); timer = setTimeout(search, 0); }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('keydown', (e) => {
    if (input.readOnly) return; // a read-only page shows the agency, it offers no other
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (list.hidden) { search(); return; }
      mark(Math.min(options.length - 1, active + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      mark(Math.max(0, active - 1));
    } else if (e.key === 'Enter' && !list.hidden && active >= 0) {
      e.preventDefault();
      e.stopPropagation();
      pick(active);
    } else if (e.key === 'Escape' && !list.hidden) {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  });
  if (chosen) replace(status, t('agency_picker.chosen', { name: chosen.name }));
  return wrap;
}
