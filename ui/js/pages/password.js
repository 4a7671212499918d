// pages/password.js: change one's own password (#/password): POST /api/v1/session/password.

import * as api from '../api.js';
import { el, field, busy, clearErrors, fieldError, showError, pageHeader, section, codePoints } from '../dom.js';
import { t } from '../i18n.js';

/** passwordProblem: the message for a password that breaks the 10..128 rule, or ''. */
export function passwordProblem(pw) {
  const n = codePoints(pw);
  return n < 10 || n > 128 ? t('valid.password_length') : '';
}

/** render: the three-field form; checks length and repetition before sending. */
export function render(root, ctx) {
  const oldPw = field({ name: 'old_password', label: t('password.old'), type: 'password', required: true,
    autocomplete: 'current-password', testid: 'password-old', maxlength: 128 });
  const newPw = field({ name: 'new_password', label: t('password.new'), type: 'password', required: true,
    autocomplete: 'new-password', hint: t('password.hint'), testid: 'password-new', maxlength: 128 });
  const again = field({ name: 'new_password_repeat', label: t('password.repeat'), type: 'password', required: true,
    autocomplete: 'new-password', testid: 'password-repeat', maxlength: 128 });
  const status = el('div', { class: 'alert alert-success', role: 'status', testid: 'password-status', hidden: true });
  const form = el('form', { class: 'form form-stacked form-narrow', novalidate: true, testid: 'password-form' },
    oldPw, newPw, again,
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'password-submit', text: t('password.submit') })));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const o = oldPw.control.value;
    const n = newPw.control.value;
    const r = again.control.value;
    let bad = false;
    if (!o) bad = fieldError(form, 'old_password', t('valid.required'), !bad) || bad;
    const p = n ? passwordProblem(n) : t('valid.required');
    if (p) bad = fieldError(form, 'new_password', p, !bad) || bad;
    else if (n !== r) bad = fieldError(form, 'new_password_repeat', t('valid.password_mismatch'), !bad) || bad;
    if (bad) return;
    busy(form, true);
    try {
      await api.post('/session/password', { old_password: o, new_password: n });
      busy(form, false);
      form.reset();
      ctx.toast(t('password.done'));
      status.textContent = t('password.done');
      status.hidden = false;
      oldPw.control.focus();
    } catch (err) {
      busy(form, false);
      showError(form, err);
    }
  });

  root.appendChild(pageHeader(t('password.title')));
  root.appendChild(section(null, status, form));
  form.addEventListener('input', () => { status.hidden = true; });
  oldPw.control.focus();
}
