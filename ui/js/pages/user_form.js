// pages/user_form.js: creating a user (#/admin/users/new, POST /api/v1/users) and editing one (#/admin/users/{id}:
// PUT /api/v1/users/{id} for name, department and roles, PUT {active} to disable or enable, and
// POST /api/v1/users/{id}/password to set a new password, which also unlocks the account; POST /api/v1/users/{id}/unlock
// to lift the sign-in locks alone).

import * as api from '../api.js';
import {
  el, field, selectField, checkboxGroup, checkedValues, busy, clearErrors, fieldError, focusFirstError, showError,
  pageHeader, section, loadingBlock, errorBlock, replace, codePoints, fmtTime,
} from '../dom.js';
import { t, label, ROLES } from '../i18n.js';
import { currentUser, updateUser } from '../session.js';
import { passwordProblem } from './password.js';

const LOGIN_RE = /^[a-z0-9_.-]{2,32}$/;
const NAME_MAX = 50;

function departmentOptions(depts) {
  return [{ value: '', text: t('users.no_department') }].concat(depts.map((d) => ({ value: d.id, text: d.name })));
}

function roleOptions() {
  return ROLES.map((r) => ({ value: r, text: label('role', r) }));
}

/** checkProfile: client-side checks shared by both forms; marks fields and returns true when all is well. */
function checkProfile(form, b) {
  let bad = false;
  if (!b.name) bad = fieldError(form, 'name', t('valid.required')) || bad;
  else if (codePoints(b.name) > NAME_MAX) bad = fieldError(form, 'name', t('valid.max_length', { max: NAME_MAX })) || bad;
  if (!b.roles.length) bad = fieldError(form, 'roles', t('valid.roles_required')) || bad;
  return !bad;
}

/** render: the create form when there is no :id, else the edit page. */
export async function render(root, ctx) {
  if (ctx.params.id === undefined) return renderNew(root, ctx);
  return renderEdit(root, ctx);
}

async function renderNew(root, ctx) {
  root.appendChild(pageHeader(t('users.create_title'),
    el('a', { href: '#/admin/users', class: 'btn', text: t('users.back_to_list') })));
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  let depts;
  try {
    depts = (await api.get('/departments')).items;
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }
  const login = field({ name: 'login', label: t('users.login'), required: true, maxlength: 32, hint: t('users.login_hint'),
    testid: 'user-login', inputClass: 'mono', attrs: { autocapitalize: 'none' } });
  const name = field({ name: 'name', label: t('users.name'), required: true, maxlength: NAME_MAX, testid: 'user-name' });
  const dept = selectField({ name: 'department_id', label: t('users.department'), options: departmentOptions(depts),
    testid: 'user-department' });
  const roles = checkboxGroup({ name: 'roles', label: t('users.roles'), required: true, options: roleOptions(),
    testid: 'user-roles' });
  const password = field({ name: 'password', label: t('users.password_initial'), type: 'password', required: true,
    maxlength: 128, hint: t('password.hint'), autocomplete: 'new-password', testid: 'user-password' });
  const form = el('form', { class: 'form form-stacked', novalidate: true, testid: 'user-form' },
    el('div', { class: 'form-grid form-grid-2' }, login, name, dept, password), roles,
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'user-submit', text: t('users.create_submit') }),
      el('a', { href: '#/admin/users', class: 'btn', text: t('common.cancel') })));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const b = {
      login: login.control.value.trim(), name: name.control.value.trim(),
      department_id: dept.control.value ? Number(dept.control.value) : null,
      roles: checkedValues(form, 'roles'), password: password.control.value,
    };
    let ok = true;
    if (!LOGIN_RE.test(b.login)) ok = !fieldError(form, 'login', b.login ? t('valid.login_format') : t('valid.required'));
    ok = checkProfile(form, b) && ok;
    const p = b.password ? passwordProblem(b.password) : t('valid.required');
    if (p) ok = !fieldError(form, 'password', p) && ok;
    if (!ok) { focusFirstError(form); return; }
    busy(form, true);
    try {
      const created = await api.post('/users', b);
      ctx.toast(t('users.created', { name: created.name }));
      ctx.navigate('#/admin/users/' + encodeURIComponent(created.id));
    } catch (err) {
      busy(form, false);
      showError(form, err);
    }
  });
  replace(body, section(null, form));
  login.control.focus();
}

async function renderEdit(root, ctx) {
  const header = el('div', null, pageHeader(t('users.title'),
    el('a', { href: '#/admin/users', class: 'btn', text: t('users.back_to_list') })));
  root.appendChild(header);
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  let user;
  let depts;
  try {
    [user, depts] = await Promise.all([
      api.get('/users/' + encodeURIComponent(ctx.params.id)),
      api.get('/departments').then((r) => r.items),
    ]);
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }
  const self = user.id === currentUser().id;
  const setTitle = () => replace(header, pageHeader(t('users.edit_title', { name: user.name }),
    el('a', { href: '#/admin/users', class: 'btn', text: t('users.back_to_list') })));
  setTitle();

  // Profile: name, department, roles.
  const name = field({ name: 'name', label: t('users.name'), required: true, maxlength: NAME_MAX, value: user.name,
    testid: 'user-name' });
  const dept = selectField({ name: 'department_id', label: t('users.department'), options: departmentOptions(depts),
    value: user.department_id === null || user.department_id === undefined ? '' : user.department_id,
    testid: 'user-department' });
  const roles = checkboxGroup({ name: 'roles', label: t('users.roles'), required: true, options: roleOptions(),
    values: user.roles, testid: 'user-roles' });
  if (self) {
    const adminBox = roles.querySelector('input[value="admin"]');
    if (adminBox && adminBox.checked) adminBox.disabled = true;
  }
  const readonly = (term, value, testid) => el('div', { class: 'field' },
    el('div', { class: 'field-label', text: term }), el('div', { class: 'field-static', text: value, testid }));
  const form = el('form', { class: 'form form-stacked', novalidate: true, testid: 'user-form' },
    el('div', { class: 'form-grid form-grid-2' },
      readonly(t('users.login'), user.login, 'user-login-static'),
      readonly(t('common.created_at'), fmtTime(user.created_at), null),
      name, dept),
    roles,
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'user-submit', text: t('users.edit_submit') })));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const roleList = checkedValues(form, 'roles');
    // A disabled checkbox is still the user's role: keep it.
    for (const box of form.querySelectorAll('input[name=roles]:disabled:checked')) {
      if (!roleList.includes(box.value)) roleList.push(box.value);
    }
    const b = { name: name.control.value.trim(), department_id: dept.control.value ? Number(dept.control.value) : null,
      roles: ROLES.filter((r) => roleList.includes(r)) };
    if (!checkProfile(form, b)) { focusFirstError(form); return; }
    busy(form, true);
    try {
      user = await api.put('/users/' + user.id, b);
      busy(form, false);
      setTitle();
      ctx.toast(t('common.saved'));
      if (self) { updateUser(user); ctx.refreshShell(); }
    } catch (err) {
      busy(form, false);
      showError(form, err);
    }
  });

  // Status: disable or enable.
  const statusText = el('span', { class: 'status-text', testid: 'user-status' });
  const toggle = el('button', { type: 'button', class: 'btn', testid: 'user-toggle-active' });
  const statusError = el('div', { class: 'field-error', role: 'alert' });
  const drawStatus = () => {
    statusText.textContent = user.active ? t('users.status_now_active') : t('users.status_now_inactive');
    statusText.className = 'status-text ' + (user.active ? 'is-active' : 'is-inactive');
    toggle.textContent = user.active ? t('users.deactivate') : t('users.activate');
    toggle.className = 'btn ' + (user.active ? 'btn-danger' : 'btn-primary');
    toggle.disabled = self && user.active;
  };
  toggle.addEventListener('click', async () => {
    statusError.textContent = '';
    toggle.disabled = true;
    try {
      user = await api.put('/users/' + user.id, { active: !user.active });
      ctx.toast(user.active ? t('users.activated') : t('users.deactivated'));
    } catch (err) {
      statusError.textContent = err.message;
    }
    drawStatus();
  });
  drawStatus();

  // Sign-in lock: shown while any address is locked out of this login; an administrator lifts it (audited).
  const lockNote = el('span', { class: 'status-text is-inactive', testid: 'user-locked', text: t('users.locked_note') });
  const unlock = el('button', { type: 'button', class: 'btn', testid: 'user-unlock', text: t('users.unlock') });
  const lockLine = el('div', { class: 'status-line' }, lockNote, unlock);
  const drawLock = () => {
    lockLine.hidden = !(user.locked_until > Date.now() / 1000);
  };
  unlock.addEventListener('click', async () => {
    statusError.textContent = '';
    unlock.disabled = true;
    try {
      user = await api.request('POST', '/users/' + user.id + '/unlock');
      ctx.toast(t('users.unlocked'));
    } catch (err) {
      statusError.textContent = err.message;
    }
    unlock.disabled = false;
    drawLock();
  });
  drawLock();

  // Password reset.
  const pw = field({ name: 'password', label: t('users.reset_password_new'), type: 'password', required: true,
    maxlength: 128, hint: t('users.reset_password_hint'), autocomplete: 'new-password', testid: 'reset-password' });
  const pwForm = el('form', { class: 'form form-row', novalidate: true, testid: 'reset-password-form' },
    el('div', { class: 'form-grid form-grid-1' }, pw),
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn', testid: 'reset-password-submit', text: t('users.reset_password_submit') })));
  pwForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(pwForm);
    const p = pw.control.value ? passwordProblem(pw.control.value) : t('valid.required');
    if (p) { fieldError(pwForm, 'password', p, true); return; }
    busy(pwForm, true);
    try {
      await api.post('/users/' + user.id + '/password', { password: pw.control.value });
      busy(pwForm, false);
      pw.control.value = '';
      ctx.toast(t('users.password_reset_done'));
    } catch (err) {
      busy(pwForm, false);
      showError(pwForm, err);
    }
  });

  replace(body,
    self ? el('div', { class: 'alert alert-info', testid: 'user-self-note', text: t('users.self_note') }) : null,
    section(t('users.section_profile'), form),
    el('div', { class: 'panel-row' },
      section(t('users.section_status'),
        el('div', { class: 'status-line' }, statusText, toggle), lockLine, statusError),
      section(t('users.section_password'), pwForm)));
}
