// pages/case_form.js: registering a case (受理, #/cases/new, POST /api/v1/cases, permission case.register): the case,
// its assignment (a chosen prosecutor of the department, or 轮案 rotation with a preview of who is next from
// GET /api/v1/cases/rotation), and 1 to 50 persons. After 201 the browser goes to the new case's page.
//
// Also exports personEditor, the block of inputs for one person (NewPerson), which the case page reuses to add a
// person to an existing case. The charge multi-select (chargePicker) lives in casework.js.

import * as api from '../api.js';
import {
  el, field, selectField, busy, clearErrors, fieldError, focusFirstError, showError, pageHeader, section, loadingBlock,
  errorBlock, replace, codePoints, nextId, errorMessage, clearOnInput,
} from '../dom.js';
import { t, label, CUSTODY, SENTENCE_BANDS } from '../i18n.js';
import { refreshBadges } from '../nav.js';
import { caseTypes, charges, chargePicker, idNumberInfo, todayCST, isDate, MAX_CHARGES } from '../casework.js';

const MAX_PERSONS = 50;
const TITLE_MAX = 100;
const NAME_MAX = 50;

// ---------------------------------------------------------------------------------------------------------------------
// Person editor

/**
 * personEditor: the inputs of one NewPerson. opts: {index (0-based, or null for a lone person), chargeList,
 * onRemove (shows a remove button)}. Field names are the API's paths: 'persons.<index>.name' in the register form,
 * plain 'name' for a lone person, so a field error from the API lands beside its input. Test ids end in the index
 * ('person-name-0'), or 'new' for a lone person. Returns {node, read(), check(form), setIndex(i), setRemovable(on),
 * focus()}.
 */
export function personEditor(opts) {
  const parts = [];
  const reg = (wrapper, key, testBase) => { parts.push({ wrapper, key, testBase }); return wrapper; };
  const name = reg(field({ name: 'name', label: t('person.name'), required: true, maxlength: NAME_MAX }), 'name', 'person-name');
  const idNo = reg(field({ name: 'id_number', label: t('person.id_number'), maxlength: 18, inputClass: 'mono',
    attrs: { inputmode: 'text', autocapitalize: 'characters', spellcheck: false } }), 'id_number', 'person-id');
  const idNote = el('div', { class: 'field-note', 'aria-live': 'polite' });
  idNo.appendChild(idNote);
  const custody = reg(selectField({ name: 'custody', label: t('person.custody'), required: true,
    options: [{ value: '', text: t('common.choose') }].concat(CUSTODY.map((c) => ({ value: c, text: label('custody', c) }))) }),
  'custody', 'person-custody');
  const since = reg(field({ name: 'custody_since', label: t('person.custody_since'), type: 'date',
    attrs: { max: todayCST() } }), 'custody_since', 'person-custody-since');
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

  const title = el('h3', { class: 'person-card-title', id: nextId('person-title') });
  const remove = el('button', { type: 'button', class: 'btn btn-small btn-danger', text: t('person.remove'),
    on: { click: () => opts.onRemove && opts.onRemove(editor) } });
  const node = el('div', { class: 'person-card', role: 'group', 'aria-labelledby': title.id },
    el('div', { class: 'person-card-head' }, title, opts.onRemove ? remove : null),
    el('div', { class: 'form-grid form-grid-4' }, name, idNo, custody, since, pleaField, band),
    chargesField);

  const drawSince = () => {
    const none = custody.control.value === 'none' || custody.control.value === '';
    since.control.disabled = custody.control.value === 'none';
    if (custody.control.value === 'none') since.control.value = '';
    since.classList.toggle('is-disabled', none);
  };
  custody.control.addEventListener('change', drawSince);
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
      remove.setAttribute('data-testid', 'person-remove-' + suffix);
      title.textContent = i === null || i === undefined ? t('person.new_title') : t('person.title', { n: i + 1 });
      remove.setAttribute('aria-label', t('person.remove_n', { n: (i || 0) + 1 }));
    },
    setRemovable(on) { remove.disabled = !on; },
    focus() { name.control.focus(); },
    /** read: the NewPerson body. */
    read() {
      return {
        name: name.control.value.trim(),
        id_number: idNo.control.value.trim() || null,
        custody: custody.control.value,
        custody_since: since.control.value || null,
        plea: plea.checked,
        sentence_band: band.control.value || null,
        charges: chargesField.values(),
      };
    },
    /** check: client-side checks; marks fields in form and returns true when all is well. */
    check(form) {
      const b = editor.read();
      const prefix = editor.index === null || editor.index === undefined ? '' : 'persons.' + editor.index + '.';
      let ok = true;
      const bad = (k, msg) => { fieldError(form, prefix + k, msg); ok = false; };
      if (!b.name) bad('name', t('valid.required'));
      else if (codePoints(b.name) > NAME_MAX) bad('name', t('valid.max_length', { max: NAME_MAX }));
      if (!b.custody) bad('custody', t('valid.required'));
      if (b.custody_since && b.custody_since > todayCST()) bad('custody_since', t('valid.not_future'));
      if (!b.charges.length) bad('charges', t('valid.charges_required'));
      else if (b.charges.length > MAX_CHARGES) bad('charges', t('valid.charges_max', { max: MAX_CHARGES }));
      return ok;
    },
  };
  editor.setIndex(opts.index);
  drawSince();
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
    placeholder: t('case_form.title_placeholder') });
  title.classList.add('field-span-2');
  const agency = field({ name: 'source_agency', label: t('case.source_agency'), required: true, maxlength: 100,
    testid: 'case-source-agency', placeholder: t('case_form.agency_placeholder') });
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
    testid: 'case-prosecutor', options: [] });
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

  const form = el('form', { class: 'form form-stacked case-form', novalidate: true, testid: 'case-form' },
    section(t('case_form.section_case'),
      el('div', { class: 'form-grid form-grid-4' }, type, received, agency, srcNo, title, major, prior),
      fastNote),
    section(t('case_form.section_assign'),
      el('div', { class: 'form-grid form-grid-4' }, dept, assign, pros, rotationField)),
    section(t('case_form.section_persons'), personsField,
      el('div', { class: 'form-actions' }, addBtn, personCount)),
    el('div', { class: 'form-actions form-actions-main' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'case-form-submit', text: t('case_form.submit') }),
      el('a', { href: '#/cases', class: 'btn', text: t('common.cancel') })));

  const mode = () => (form.querySelector('input[name=assign]:checked') || {}).value || 'manual';

  function drawType() {
    const isReview = type.control.value === 'prosecution_review';
    prior.hidden = !isReview;
    fastNote.hidden = !isReview;
  }

  function drawProsecutors() {
    const d = Number(dept.control.value);
    const keep = pros.control.value;
    const list = d ? prosecutors.filter((u) => u.department_id === d) : [];
    const head = !d ? t('case_form.choose_department_first') : list.length ? t('common.choose') : t('case_form.no_prosecutors');
    replace(pros.control, el('option', { value: '', text: head }),
      list.map((u) => el('option', { value: String(u.id), text: u.name })));
    pros.control.value = list.some((u) => String(u.id) === keep) ? keep : '';
    pros.control.disabled = !list.length;
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

  function renumber() {
    editors.forEach((ed, i) => { ed.setIndex(i); ed.setRemovable(editors.length > 1); });
    addBtn.disabled = editors.length >= MAX_PERSONS;
    personCount.textContent = t('person.count', { n: editors.length, max: MAX_PERSONS });
  }

  function addPerson(focus) {
    const ed = personEditor({ index: editors.length, chargeList, onRemove: (which) => {
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

  type.control.addEventListener('change', drawType);
  dept.control.addEventListener('change', () => { drawProsecutors(); if (mode() === 'rotation') drawRotation(); });
  for (const r of form.querySelectorAll('input[name=assign]')) r.addEventListener('change', drawMode);
  addBtn.addEventListener('click', () => addPerson(true));

  clearOnInput(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const b = {
      case_type: type.control.value,
      title: title.control.value.trim(),
      source_agency: agency.control.value.trim(),
      source_number: srcNo.control.value.trim() || null,
      received_on: received.control.value,
      department_id: dept.control.value ? Number(dept.control.value) : null,
      assign: mode(),
      major_complex: majorBox.checked,
      prior_returns: type.control.value === 'prosecution_review' ? Number(prior.control.value) : 0,
      persons: editors.map((ed) => ed.read()),
    };
    if (b.assign === 'manual') b.prosecutor_id = pros.control.value ? Number(pros.control.value) : null;
    let ok = true;
    const bad = (k, msg) => { fieldError(form, k, msg); ok = false; };
    if (!b.case_type) bad('case_type', t('valid.required'));
    if (!b.title) bad('title', t('valid.required'));
    else if (codePoints(b.title) > TITLE_MAX) bad('title', t('valid.max_length', { max: TITLE_MAX }));
    if (!b.source_agency) bad('source_agency', t('valid.required'));
    else if (codePoints(b.source_agency) > 100) bad('source_agency', t('valid.max_length', { max: 100 }));
    if (!b.received_on) bad('received_on', t('valid.required'));
    else if (!isDate(b.received_on)) bad('received_on', t('valid.date'));
    else if (b.received_on > todayCST()) bad('received_on', t('valid.not_future'));
    if (!b.department_id) bad('department_id', t('valid.required'));
    if (b.assign === 'manual' && !b.prosecutor_id) bad('prosecutor_id', t('valid.required'));
    for (const ed of editors) ok = ed.check(form) && ok;
    if (!ok) { focusFirstError(form); return; }
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
  replace(body, form);
  type.control.focus();
}
