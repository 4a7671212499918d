// pages/login.js: the login page (#/login, optional ?next=<hash path> to return to after signing in).

import * as api from '../api.js';
import { el, field, busy, clearErrors, fieldError, formError, showError, pageHeader } from '../dom.js';
import { t } from '../i18n.js';
import { setSession } from '../session.js';

/** safeNext: the route to go to after login: ctx's ?next= when it is an in-app path, else '#/'. */
function safeNext(query) {
  const next = query.get('next') || '';
  return /^\/[^/\\]/.test(next) && !next.startsWith('/login') ? '#' + next : '#/';
}

/** render: the login form. On success stores the session and goes to the next route. */
export function render(root, ctx) {
  const login = field({ name: 'login', label: t('login.login'), required: true, autocomplete: 'username',
    testid: 'login-name', id: 'login-name', maxlength: 32, attrs: { autocapitalize: 'none' } });
  const password = field({ name: 'password', label: t('login.password'), type: 'password', required: true,
    autocomplete: 'current-password', testid: 'login-password', id: 'login-password', maxlength: 128 });
  const submit = el('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'login-submit',
    testid: 'login-submit', text: t('login.submit') });
  const form = el('form', { class: 'form form-stacked', novalidate: true, testid: 'login-form' }, login, password,
    el('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const body = { login: login.control.value.trim(), password: password.control.value };
    let bad = false;
    if (!body.login) bad = fieldError(form, 'login', t('valid.required'), true) || bad;
    if (!body.password) bad = fieldError(form, 'password', t('valid.required'), !bad) || bad;
    if (bad) return;
    busy(form, true, t('login.submitting'));
    try {
      const reply = await api.post('/session', body, { quiet401: true });
      setSession(reply);
      ctx.toast(null);
      ctx.navigate(safeNext(ctx.query), { replace: true });
    } catch (err) {
      busy(form, false);
      if (err.code === 'login_failed' || err.code === 'account_locked' || err.code === 'too_many_attempts') {
        formError(form, err.message);
        password.control.value = '';
        password.control.focus();
      } else {
        showError(form, err);
      }
    }
  });

  const header = pageHeader(t('login.heading'));
  document.title = t('login.title') + ' - ' + t('app.title_suffix');
  root.appendChild(el('div', { class: 'login-wrap' },
    el('div', { class: 'login-card' },
      el('div', { class: 'login-brand' },
        el('span', { class: 'brand-mark brand-mark-large', 'aria-hidden': 'true' }),
        el('div', null,
          el('div', { class: 'login-product', text: t('app.name') }),
          el('div', { class: 'login-subtitle', text: t('app.subtitle') }))),
      header,
      form),
    el('p', { class: 'login-footer muted', text: t('login.footer') })));
  login.control.focus();
}
