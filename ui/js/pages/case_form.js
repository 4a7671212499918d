// pages/case_form.js: registering a case (受理, #/cases/new, POST /api/v1/cases, permission case.register): the case,
// its assignment (a chosen prosecutor — any handler of the office, the department's first — or 轮案 rotation with a
// preview of who is next from GET /api/v1/cases/rotation), and 1 to 50 persons, each with a custody history and
// ordered charges. After 201 the browser goes to the new case's page.
//
// Entry as fast as paper (docs/ui-notes.md): the title is derived from the first person and the main charge until the
// user writes one; the department's kind gives a default case type; a prosecutor chosen first brings their
// department; 移送机关 suggests the office's agencies; "同第一名犯罪嫌疑人" copies the charges; a receipt more than 30
// days back is confirmed by saving twice; Enter moves to the next field and Ctrl+S saves (dom.js formKeys).
//
// Also exports personEditor, the block of inputs for one person (NewPerson), which the case page reuses to add a
// person to an existing case. The charge multi-select (chargePicker) lives in casework.js.

import * as api from '../api.js';
import {
  el, field, selectField, busy, clearErrors, fieldError, focusFirstError, showError, pageHeader, section, loadingBlock,
  errorBlock, replace, codePoints, nextId, errorMessage, clearOnInput, formKeys,
} from '../dom.js';
import { normalizeDate } from '../dateinput.js';
import { t, label, CUSTODY, SENTENCE_BANDS } from '../i18n.js';
import { refreshBadges } from '../nav.js';
import { caseTypes, charges, chargePicker, idNumberInfo, todayCST, addDays, MAX_CHARGES } from '../casework.js';

const MAX_PERSONS = 50;
const TITLE_MAX = 100;
const NAME_MAX = 50;

// ---------------------------------------------------------------------------------------------------------------------
// Person editor

/** NEXT_MEASURE: the measure a new line of the custody history starts with after the one before (拘留 → 逮捕). */
const NEXT_MEASURE = { detained: 'arrested' };
const MAX_CUSTODY_LINES = 10;

/** hasControl: whether s holds a control character (the server refuses them; the client says so first). */
function hasControl(s) {
  return /[\u0000-\u001f\u007f]/.test(s || '');
}

/**
 * custodyHistory: the custody history of one person as lines (measure + the day it was taken), 拘留 on one date,
 * 逮捕 on another, then 取保候审... The first line may be 未采取强制措施 (no date, no further line). Field names are the
 * API's: '<prefix>custody_history.<k>.custody' and '.from_on'. Returns {node, read(), check(bad), setPrefix(prefix,
 * suffix), focus()}.
 */
function custodyHistory() {
  const lines = [];
  const list = el('div', { class: 'custody-lines' });
  const add = el('button', { type: 'button', class: 'btn btn-small', text: t('person.custody_add') });
  const box = el('div', { class: ['field', 'field-wide', 'custody-history'], dataset: { field: 'custody_history' } },
    el('div', { class: 'field-label' }, t('person.custody_history'),
      el('span', { class: 'required', 'aria-hidden': 'true', text: '*' })),
    list,
    el('div', { class: 'field-error', 'aria-live': 'polite' }),
    el('div', { class: 'form-actions custody-actions' }, add));
  let prefix = '';
  let suffix = 'new';

  const options = (first) => [{ value: '', text: t('common.choose') }]
    .concat(CUSTODY.filter((c) => first || c !== 'none').map((c) => ({ value: c, text: label('custody', c) })));

  function draw() {
    lines.forEach((ln, k) => {
      const base = prefix + 'custody_history.' + k + '.';
      ln.measure.dataset.field = base + 'custody';
      ln.measure.control.name = base + 'custody';
      ln.date.dataset.field = base + 'from_on';
      ln.date.control.name = base + 'from_on';
      const tail = k === 0 ? suffix : suffix + '-' + k;
      ln.measure.control.setAttribute('data-testid', 'person-custody-' + tail);
      ln.date.control.setAttribute('data-testid', 'person-custody-since-' + tail);
      ln.remove.setAttribute('data-testid', 'person-custody-remove-' + tail);
      ln.remove.hidden = k === 0;
      const none = ln.measure.control.value === 'none';
      ln.date.control.disabled = none;
      if (none) ln.date.control.value = '';
      ln.date.classList.toggle('is-disabled', none);
    });
    const first = lines[0].measure.control.value;
    add.hidden = first === 'none' || lines.length >= MAX_CUSTODY_LINES;
    add.setAttribute('data-testid', 'person-custody-add-' + suffix);
  }

  function addLine(measure, focus) {
    const k = lines.length;
    const measureField = selectField({ name: 'custody', label: k === 0 ? t('person.custody') : t('person.custody_then'),
      required: true, options: options(k === 0), value: measure || '' });
    const dateField = field({ name: 'from_on', label: t('person.custody_since'), type: 'date', required: true,
      attrs: { max: todayCST() } });
    const ln = { measure: measureField, date: dateField, remove: null };
    ln.remove = el('button', { type: 'button', class: 'btn btn-small btn-link', text: t('person.custody_remove'),
      on: { click: () => {
        lines.splice(lines.indexOf(ln), 1);
        ln.node.remove();
        draw();
        (lines[lines.length - 1]).date.control.focus();
      } } });
    ln.node = el('div', { class: 'custody-line form-grid form-grid-4' }, measureField, dateField,
      el('div', { class: 'field custody-line-remove' }, el('span', { class: 'field-label', 'aria-hidden': 'true',
        text: '\u00a0' }), ln.remove));
    measureField.control.addEventListener('change', draw);
    lines.push(ln);
    list.appendChild(ln.node);
    draw();
    if (focus) (measure ? dateField : measureField).control.focus();
  }

  add.addEventListener('click', () => {
    const last = lines[lines.length - 1].measure.control.value;
    addLine(NEXT_MEASURE[last] || '', true);
  });
  addLine('', false);

  return {
    node: box,
    setPrefix(p, sfx) {
      prefix = p;
      suffix = sfx;
      box.dataset.field = p + 'custody_history';
      draw();
    },
    focus() { lines[0].measure.control.focus(); },
    /** read: {custody: 'none'} or {custody_history: [{custody, from_on}]}, as NewPerson takes them. */
    read() {
      if (lines[0].measure.control.value === 'none') return { custody: 'none', custody_since: null };
      return { custody_history: lines.map((ln) => ({ custody: ln.measure.control.value,
        from_on: normalizeDate(ln.date.control.value) || ln.date.control.value.trim() || null })) };
    },
    /** check: each measure chosen with a real date, not in the future, none before the line above. */
    check(bad) {
      let prev = '';
      lines.forEach((ln, k) => {
        const base = 'custody_history.' + k + '.';
        const m = ln.measure.control.value;
        const d = normalizeDate(ln.date.control.value);
        if (!m) { bad(base + 'custody', t('valid.choose_named', { label: t('person.custody') })); return; }
        if (m === 'none') return;
        if (d === '') bad(base + 'from_on', t('valid.custody_date', { measure: label('custody', m) }));
        else if (d === null) bad(base + 'from_on', t('valid.date_named', { label: t('person.custody_since') }));
        else if (d > todayCST()) bad(base + 'from_on', t('valid.not_future_named', { label: t('person.custody_since') }));
        else if (prev && d < prev) bad(base + 'from_on', t('valid.custody_order', { date: prev }));
        if (d) prev = d;
      });
    },
  };
}

/**
 * personEditor: the inputs of one NewPerson. opts: {index (0-based, or null for a lone person), chargeList,
 * onRemove (shows a remove button), onChange (called when the name or the charges change), copyCharges (a function
 * giving the first suspect's charges: shows the "同第一名犯罪嫌疑人" button on the second person and later)}.
 * Field names are the API's paths: 'persons.<index>.name' in the register form, plain 'name' for a lone person, so a
 * field error from the API lands beside its input. Test ids end in the index ('person-name-0'), or 'new' for a lone
 * person. Returns {node, read(), check(form), setIndex(i), setRemovable(on), focus(), charges()}.
 */
export function personEditor(opts) {
  const parts = [];
  const reg = (wrapper, key, testBase) => { parts.push({ wrapper, key, testBase }); return wrapper; };
  const name = reg(field({ name: 'name', label: t('person.name'), required: true, maxlength: NAME_MAX }), 'name', 'person-name');
  const idNo = reg(field({ name: 'id_number', label: t('person.id_number'), maxlength: 18, inputClass: 'mono',
    attrs: { inputmode: 'text', autocapitalize: 'characters', spellcheck: false } }), 'id_number', 'person-id');
  const idNote = el('div', { class: 'field-note', 'aria-live': 'polite' });
  idNo.appendChild(idNote);
  const custody = custodyHistory();
  const plea = el('input', { type: 'checkbox', id: nextId('f-plea'), name: 'plea' });
  const pleaField = el('div', { class: ['field', 'field-check'], dataset: { field: 'plea' } },
    el('span', { class: 'field-label', 'aria-hidden': 'true', text: '\u00a0' }),
    el('label', { class: 'check', for: plea.id }, plea, el('span', { text: t('person.plea') })),
    el('div', { class: 'field-error', 'aria-live': 'polite' }));
  parts.push({ wrapper: pleaField, key: 'plea', testBase: 'person-plea', control: plea });
  const band = reg(selectField({ name: 'sentence_band', label: t('person.sentence_band'),
    options: [{ value: '', text: t('person.sentence_unknown') }]
      .concat(SENTENCE_BANDS.map((b) => ({ value: b, text: label('sentence_band', b) }))) }),
  'sentence_band', 'person-sentence');
  const chargesField = chargePicker({ name: 'charges', label: t('person.charges'), list: opts.chargeList, required: true });
  parts.push({ wrapper: chargesField, key: 'charges', testBase: 'person-charges' });
  const copy = el('button', { type: 'button', class: 'btn btn-small charge-copy', text: t('person.same_charges'),
    hidden: true, on: { click: () => {
      chargesField.setValues(opts.copyCharges ? opts.copyCharges() : []);
      chargesField.control.dispatchEvent(new Event('input', { bubbles: true }));
      if (opts.onChange) opts.onChange();
    } } });
  chargesField.querySelector('.field-label').appendChild(copy);

  const title = el('h3', { class: 'person-card-title', id: nextId('person-title') });
  const remove = el('button', { type: 'button', class: 'btn btn-small btn-danger', text: t('person.remove'),
    on: { click: () => opts.onRemove && opts.onRemove(editor) } });
  const node = el('div', { class: 'person-card', role: 'group', 'aria-labelledby': title.id },
    el('div', { class: 'person-card-head' }, title, opts.onRemove ? remove : null),
    el('div', { class: 'form-grid form-grid-4' }, name, idNo, pleaField, band),
    custody.node,
    chargesField);

  const drawId = (final) => {
    const v = idNo.control.value.trim();
    idNote.className = 'field-note';
    if (!v) { idNote.textContent = ''; return; }
    const info = idNumberInfo(v);
    if (info.ok) {
      idNote.textContent = t('person.id_derived', { sex: label('sex', info.sex), birth: info.birth });
    } else if (final || v.length >= 18) {
      idNote.textContent = t('person.id_warning', { problem: info.problem });
      idNote.classList.add('is-warning');
    } else {
      idNote.textContent = '';
    }
  };
  idNo.control.addEventListener('input', () => drawId(false));
  idNo.control.addEventListener('blur', () => drawId(true));
  const changed = () => { if (opts.onChange) opts.onChange(); };
  name.control.addEventListener('input', changed);
  chargesField.control.addEventListener('input', changed);
  chargesField.control.addEventListener('change', changed);

  const editor = {
    node,
    index: opts.index,
    setIndex(i) {
      editor.index = i;
      const prefix = i === null || i === undefined ? '' : 'persons.' + i + '.';
      const suffix = i === null || i === undefined ? 'new' : String(i);
      for (const p of parts) {
        p.wrapper.dataset.field = prefix + p.key;
        const c = p.control || p.wrapper.control;
        c.name = prefix + p.key;
        c.setAttribute('data-testid', p.testBase + '-' + suffix);
        if (p.key === 'charges') {
          const f = p.wrapper.querySelector('.charge-filter');
          f.setAttribute('data-testid', 'person-charges-filter-' + suffix);
        }
      }
      custody.setPrefix(prefix, suffix);
      copy.hidden = !opts.copyCharges || !i;
      copy.setAttribute('data-testid', 'person-same-charges-' + suffix);
      remove.setAttribute('data-testid', 'person-remove-' + suffix);
      title.textContent = i === null || i === undefined ? t('person.new_title') : t('person.title', { n: i + 1 });
      remove.setAttribute('aria-label', t('person.remove_n', { n: (i || 0) + 1 }));
    },
    setRemovable(on) { remove.disabled = !on; },
    focus() { name.control.focus(); },
    charges() { return chargesField.values(); },
    name() { return name.control.value.trim(); },
    /** read: the NewPerson body. */
    read() {
      return Object.assign({
        name: name.control.value.trim(),
        id_number: idNo.control.value.trim() || null,
      }, custody.read(), {
        plea: plea.checked,
        sentence_band: band.control.value || null,
        charges: chargesField.values(),
      });
    },
    /** check: client-side checks; marks every bad field in form (messages name the field) and returns true when all is well. */
    check(form) {
      const b = editor.read();
      const prefix = editor.index === null || editor.index === undefined ? '' : 'persons.' + editor.index + '.';
      let ok = true;
      const bad = (k, msg) => { fieldError(form, prefix + k, msg); ok = false; };
      const lbl = t('person.name');
      if (!b.name) bad('name', t('valid.required_named', { label: lbl }));
      else if (codePoints(b.name) > NAME_MAX) bad('name', t('valid.max_length_named', { label: lbl, max: NAME_MAX }));
      custody.check(bad);
      if (!b.charges.length) bad('charges', t('valid.charges_required'));
      else if (b.charges.length > MAX_CHARGES) bad('charges', t('valid.charges_max', { max: MAX_CHARGES }));
      return ok;
    },
  };
  editor.setIndex(opts.index);
  return editor;
}

// ---------------------------------------------------------------------------------------------------------------------
// The register form

/** showFormError: showError, and bring a form-level message into view (the form is taller than the screen). */
export function showFormError(form, err) {
  showError(form, err);
  const top = form.querySelector(':scope > .form-error');
  if (top && !form.querySelector('[aria-invalid=true]')) top.scrollIntoView({ block: 'center' });
}

/**
 * DEPT_DEFAULT_TYPE: the case type a department of each kind registers most (刑事检察部门: 审查起诉; 控告申诉: 不起诉申诉
 * 复查), chosen when a department is picked and the type was not chosen by hand. There is no department setting for
 * it (department rows have only a name and a kind).
 */
const DEPT_DEFAULT_TYPE = { criminal: 'prosecution_review', petition: 'complaint_review' };
/** LATE_DAYS: a receipt date more than this many days back asks for confirmation (迟延登记 is legal but rare). */
const LATE_DAYS = 30;

/** chargeTitleName: a charge's name without the trailing 罪 (盗窃罪 → 盗窃), as case titles use it. */
function chargeTitleName(list, code) {
  const c = list.find((x) => x.code === code);
  return c ? c.name.replace(/罪$/, '') : '';
}

/** deriveTitle: 王某某盗窃案 for one person, 王某某等盗窃案 for more (the first person and their main charge). */
export function deriveTitle(names, mainCharge) {
  if (!names.length || !names[0] || !mainCharge) return '';
  return names[0] + (names.length > 1 ? '等' : '') + mainCharge + '案';
}

/** render: load the reference lists, then draw the form. */
export async function render(root, ctx) {
  root.appendChild(pageHeader(t('case_form.title'),
    el('a', { href: '#/cases', class: 'btn', text: t('cases.back_to_list') })));
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  let types;
  let chargeList;
  let depts;
  let prosecutors;
  try {
    [types, chargeList, depts, prosecutors] = await Promise.all([
      caseTypes(), charges(), api.get('/departments').then((r) => r.items),
      api.getAll('/users', { role: 'prosecutor', active: 'true' }),
    ]);
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }
  const today = todayCST();

  // Case.
  const type = selectField({ name: 'case_type', label: t('case.type'), required: true, testid: 'case-type',
    options: [{ value: '', text: t('common.choose') }].concat(types.map((c) => ({ value: c.code, text: c.name }))) });
  const title = field({ name: 'title', label: t('case.title'), required: true, maxlength: TITLE_MAX, testid: 'case-title',
    placeholder: t('case_form.title_placeholder'), hint: t('case_form.title_hint') });
  title.classList.add('field-span-2');
  const agencyList = el('datalist', { id: nextId('agencies'), testid: 'case-agency-list' });
  const agency = field({ name: 'source_agency', label: t('case.source_agency'), required: true, maxlength: 100,
    testid: 'case-source-agency', placeholder: t('case_form.agency_placeholder'), attrs: { list: agencyList.id } });
  agency.appendChild(agencyList);
  const srcNo = field({ name: 'source_number', label: t('case.source_number'), maxlength: 100,
    testid: 'case-source-number' });
  const received = field({ name: 'received_on', label: t('case.received_on'), type: 'date', required: true,
    value: today, testid: 'case-received', attrs: { max: today } });
  const majorBox = el('input', { type: 'checkbox', id: nextId('f-major'), name: 'major_complex', testid: 'case-major' });
  const major = el('div', { class: ['field', 'field-check'], dataset: { field: 'major_complex' } },
    el('span', { class: 'field-label', 'aria-hidden': 'true', text: '\u00a0' }),
    el('label', { class: 'check', for: majorBox.id }, majorBox, el('span', { text: t('case.major_complex') })),
    el('div', { class: 'field-error', 'aria-live': 'polite' }));
  const prior = selectField({ name: 'prior_returns', label: t('case.prior_returns'), testid: 'case-prior-returns',
    value: '0', hint: t('case_form.prior_returns_hint'),
    options: [0, 1, 2].map((n) => ({ value: n, text: t('case_form.times', { n }) })) });
  const fastNote = el('div', { class: 'alert alert-info note-small', testid: 'case-fast-track-note', hidden: true,
    text: t('case_form.fast_track_note') });

  // Assignment.
  const dept = selectField({ name: 'department_id', label: t('case.department'), required: true,
    testid: 'case-department',
    options: [{ value: '', text: t('common.choose') }].concat(depts.map((d) => ({ value: d.id, text: d.name }))) });
  const radio = (value, text, testid, checked) => {
    const id = nextId('f-assign');
    return el('label', { class: 'check', for: id },
      el('input', { type: 'radio', id, name: 'assign', value, testid, checked }), el('span', { text }));
  };
  const assign = el('fieldset', { class: ['field', 'field-group'], dataset: { field: 'assign' } },
    el('legend', { class: 'field-label', text: t('case_form.assign') }),
    el('div', { class: 'checks', role: 'radiogroup' },
      radio('manual', t('case_form.assign_manual'), 'case-assign-manual', true),
      radio('rotation', t('case_form.assign_rotation'), 'case-assign-rotation', false)),
    el('div', { class: 'field-error', 'aria-live': 'polite' }));
  const pros = selectField({ name: 'prosecutor_id', label: t('case.prosecutor'), required: true,
    testid: 'case-prosecutor', options: [], hint: t('case_form.prosecutor_hint') });
  const rotationInfo = el('div', { class: 'rotation-info', testid: 'case-rotation-next', role: 'status',
    'aria-live': 'polite', hidden: true });
  const rotationField = el('div', { class: 'field', dataset: { field: 'rotation' }, hidden: true },
    el('div', { class: 'field-label', text: t('case_form.rotation_next') }), rotationInfo,
    el('div', { class: 'field-error', 'aria-live': 'polite' }));

  // Persons.
  const editors = [];
  const personList = el('div', { class: 'person-list' });
  const addBtn = el('button', { type: 'button', class: 'btn', testid: 'person-add', text: t('person.add') });
  const personCount = el('span', { class: 'muted' });
  const personsField = el('div', { class: 'field', dataset: { field: 'persons' } },
    el('div', { class: 'field-error', 'aria-live': 'polite' }), personList);

  // A late registration (receipt more than LATE_DAYS back) is confirmed by saving a second time.
  const late = el('div', { class: 'alert alert-warn', testid: 'case-late-confirm', role: 'alert', hidden: true });
  let lateConfirmed = '';

  const form = el('form', { class: 'form form-stacked case-form', novalidate: true, testid: 'case-form' },
    section(t('case_form.section_case'),
      el('div', { class: 'form-grid form-grid-4' }, type, received, agency, srcNo, title, major, prior),
      fastNote),
    section(t('case_form.section_assign'),
      el('div', { class: 'form-grid form-grid-4' }, pros, dept, assign, rotationField)),
    section(t('case_form.section_persons'), personsField,
      el('div', { class: 'form-actions' }, addBtn, personCount)),
    late,
    el('div', { class: 'form-actions form-actions-main' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'case-form-submit', text: t('case_form.submit') }),
      el('span', { class: 'muted key-hint', text: t('case_form.keys_hint') }),
      el('a', { href: '#/cases', class: 'btn', text: t('common.cancel') })));

  const mode = () => (form.querySelector('input[name=assign]:checked') || {}).value || 'manual';

  function drawType() {
    const isReview = type.control.value === 'prosecution_review';
    prior.hidden = !isReview;
    fastNote.hidden = !isReview;
  }

  // The type follows the department until the user picks one by hand.
  let typeByHand = false;
  function defaultType() {
    if (typeByHand) return;
    const d = depts.find((x) => String(x.id) === dept.control.value);
    const code = d && DEPT_DEFAULT_TYPE[d.kind];
    if (code && types.some((x) => x.code === code)) {
      type.control.value = code;
      drawType();
    }
  }

  // Every handler of the office, grouped by department; the chosen department's group first.
  function drawProsecutors() {
    const d = Number(dept.control.value);
    const keep = pros.control.value;
    const groups = depts.map((x) => ({ d: x, users: prosecutors.filter((u) => u.department_id === x.id) }))
      .filter((g) => g.users.length);
    const others = prosecutors.filter((u) => !depts.some((x) => x.id === u.department_id));
    if (others.length) groups.push({ d: { id: 0, name: t('case_form.no_department') }, users: others });
    groups.sort((a, b) => (b.d.id === d) - (a.d.id === d));
    replace(pros.control, el('option', { value: '', text: prosecutors.length ? t('common.choose') : t('case_form.no_prosecutors') }),
      groups.map((g) => el('optgroup', { label: g.d.name },
        g.users.map((u) => el('option', { value: String(u.id), text: u.name, dataset: { dept: String(u.department_id || '') } })))));
    pros.control.value = prosecutors.some((u) => String(u.id) === keep) ? keep : '';
    pros.control.disabled = !prosecutors.length;
  }

  let rotationSeq = 0;
  async function drawRotation() {
    const my = ++rotationSeq;
    const d = dept.control.value;
    rotationInfo.className = 'rotation-info';
    if (!d) {
      rotationInfo.textContent = t('case_form.choose_department_first');
      rotationInfo.classList.add('muted');
      return;
    }
    rotationInfo.textContent = t('common.loading');
    rotationInfo.classList.add('muted');
    try {
      const r = await api.get('/cases/rotation', { department_id: d });
      if (my !== rotationSeq) return;
      rotationInfo.className = 'rotation-info';
      rotationInfo.textContent = r.name;
      rotationInfo.dataset.prosecutorId = String(r.prosecutor_id);
    } catch (err) {
      if (my !== rotationSeq) return;
      rotationInfo.className = 'rotation-info is-error';
      rotationInfo.textContent = errorMessage(err);
    }
  }

  function drawMode() {
    const rot = mode() === 'rotation';
    pros.hidden = rot;
    rotationField.hidden = !rot;
    rotationInfo.hidden = !rot;
    if (rot) drawRotation();
  }

  // The title follows the first person and their main charge until the user writes one (emptying it gives it back).
  let titleByHand = false;
  const titleHint = title.querySelector('.field-hint');
  function drawTitle() {
    if (titleByHand) return;
    const names = editors.map((ed) => ed.name()).filter(Boolean);
    const first = editors[0];
    const main = first && first.name() ? chargeTitleName(chargeList, first.charges()[0]) : '';
    title.control.value = deriveTitle(first && first.name() ? names : [], main);
    title.control.dataset.derived = 'true';
  }
  title.control.addEventListener('input', () => {
    titleByHand = title.control.value.trim() !== '';
    title.control.dataset.derived = titleByHand ? 'false' : 'true';
    if (titleHint) titleHint.textContent = titleByHand ? t('case_form.title_by_hand') : t('case_form.title_hint');
    if (!titleByHand) drawTitle();
  });

  function renumber() {
    editors.forEach((ed, i) => { ed.setIndex(i); ed.setRemovable(editors.length > 1); });
    addBtn.disabled = editors.length >= MAX_PERSONS;
    personCount.textContent = t('person.count', { n: editors.length, max: MAX_PERSONS });
    drawTitle();
  }

  function addPerson(focus) {
    const ed = personEditor({ index: editors.length, chargeList, onChange: drawTitle,
      copyCharges: () => editors[0].charges(),
      onRemove: (which) => {
        const i = editors.indexOf(which);
        if (i < 0 || editors.length <= 1) return;
        editors.splice(i, 1);
        which.node.remove();
        renumber();
        (editors[Math.min(i, editors.length - 1)]).focus();
      } });
    editors.push(ed);
    personList.appendChild(ed.node);
    renumber();
    if (focus) ed.focus();
  }

  // 移送机关: the office's agencies as suggestions (GET /agencies); free text is allowed and the server adds a new
  // name to the list. Without the list (an older server) the field is plain free text.
  let agencySeq = 0;
  async function loadAgencies(q) {
    const my = ++agencySeq;
    try {
      const r = await api.get('/agencies', Object.assign({ limit: 50 }, q ? { q } : {}));
      if (my !== agencySeq) return;
      replace(agencyList, (r.items || []).map((a) => el('option', { value: a.name })));
    } catch (err) {
      // no agency list: free text only
    }
  }
  let agencyTimer = 0;
  agency.control.addEventListener('input', () => {
    clearTimeout(agencyTimer);
    agencyTimer = setTimeout(() => loadAgencies(agency.control.value.trim()), 200);
  });

  // a change event comes only from the user (the default type is set as a value, which fires none)
  type.control.addEventListener('change', () => { typeByHand = !!type.control.value; drawType(); });
  dept.control.addEventListener('change', () => {
    drawProsecutors();
    defaultType();
    if (mode() === 'rotation') drawRotation();
  });
  // A prosecutor chosen before the department brings their department (and its default case type).
  pros.control.addEventListener('change', () => {
    const o = pros.control.selectedOptions[0];
    if (!dept.control.value && o && o.dataset.dept) {
      dept.control.value = o.dataset.dept;
      dept.control.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
  for (const r of form.querySelectorAll('input[name=assign]')) r.addEventListener('change', drawMode);
  addBtn.addEventListener('click', () => addPerson(true));
  received.control.addEventListener('input', () => { late.hidden = true; });

  clearOnInput(form);
  formKeys(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const receivedOn = normalizeDate(received.control.value);
    const b = {
      case_type: type.control.value,
      title: title.control.value.trim(),
      source_agency: agency.control.value.trim(),
      source_number: srcNo.control.value.trim() || null,
      received_on: receivedOn || received.control.value.trim(),
      department_id: dept.control.value ? Number(dept.control.value) : null,
      assign: mode(),
      major_complex: majorBox.checked,
      prior_returns: type.control.value === 'prosecution_review' ? Number(prior.control.value) : 0,
      persons: editors.map((ed) => ed.read()),
    };
    if (b.assign === 'manual') b.prosecutor_id = pros.control.value ? Number(pros.control.value) : null;
    let ok = true;
    const bad = (k, msg) => { fieldError(form, k, msg); ok = false; };
    const need = (k, lbl) => bad(k, t('valid.required_named', { label: lbl }));
    const choose = (k, lbl) => bad(k, t('valid.choose_named', { label: lbl }));
    if (!b.case_type) choose('case_type', t('case.type'));
    if (!b.title) need('title', t('case.title'));
    else if (codePoints(b.title) > TITLE_MAX) bad('title', t('valid.max_length_named', { label: t('case.title'), max: TITLE_MAX }));
    if (!b.source_agency) need('source_agency', t('case.source_agency'));
    else if (codePoints(b.source_agency) > 100) {
      bad('source_agency', t('valid.max_length_named', { label: t('case.source_agency'), max: 100 }));
    } else if (hasControl(b.source_agency)) {
      bad('source_agency', t('valid.control_named', { label: t('case.source_agency') }));
    }
    if (receivedOn === '') need('received_on', t('case.received_on'));
    else if (receivedOn === null) bad('received_on', t('valid.date_named', { label: t('case.received_on') }));
    else if (receivedOn > todayCST()) bad('received_on', t('valid.not_future_named', { label: t('case.received_on') }));
    if (!b.department_id) choose('department_id', t('case.department'));
    if (b.assign === 'manual' && !b.prosecutor_id) choose('prosecutor_id', t('case.prosecutor'));
    for (const ed of editors) ok = ed.check(form) && ok;
    if (!ok) { focusFirstError(form); return; }
    if (receivedOn < addDays(todayCST(), -LATE_DAYS) && lateConfirmed !== receivedOn) {
      lateConfirmed = receivedOn;
      replace(late, t('case_form.late_confirm', { date: receivedOn, days: LATE_DAYS }));
      late.hidden = false;
      late.scrollIntoView({ block: 'center' });
      form.querySelector('button[type=submit]').focus();
      return;
    }
    busy(form, true);
    try {
      const created = await api.post('/cases', b);
      // A registration sets 速裁 only through the fast-track rule (NewCase has no such field): say where it went.
      ctx.toast(created.summary_procedure
        ? t('case_form.created_fast', { number: created.case_number, department: created.department_name })
        : t('case_form.created', { number: created.case_number }));
      refreshBadges(true);
      ctx.navigate('#/cases/' + encodeURIComponent(created.id));
    } catch (err) {
      busy(form, false);
      showFormError(form, err);
    }
  });

  addPerson(false);
  drawType();
  drawProsecutors();
  drawMode();
  loadAgencies('');
  replace(body, form);
  type.control.focus();
}
