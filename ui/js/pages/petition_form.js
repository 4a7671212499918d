// pages/petition_form.js: taking a petition in (#/petitions/new; POST /api/v1/petitions). The fast 来访 form of the
// reception clerk asks only what intake needs: the channel (来访 preselected) and category, the day received (today),
// the petitioner's name, ID number and phone, and the matter; the rest (more petitioners, an organisation, the
// address, attachments, risk, the first handler) is under "更多信息". While the clerk types an ID number, or a name and
// a phone, the earlier petitions of that petitioner are shown (GET /petitions/repeats); the same ID number is linked
// by the server. Errors show beside their field (the API names it); the new petition opens on success.

import * as api from '../api.js';
import { el, field, selectField, pageHeader, replace, clearErrors, showError, busy, clearOnInput } from '../dom.js';
import { t, label, PETITION_CHANNELS, PETITION_CATEGORIES, PETITION_RISKS } from '../i18n.js';
import { todayCST } from '../casework.js';
import { textField } from './suggestion.js';
import { petStateBadge } from './petitions.js';

export async function render(root, ctx) {
  root.appendChild(pageHeader(t('pet.new_title')));
  const channel = selectField({ name: 'channel', label: t('pet.channel'), required: true, testid: 'pet-new-channel',
    value: 'visit', options: PETITION_CHANNELS.map((c) => ({ value: c, text: label('pet_channel', c) })) });
  const category = selectField({ name: 'category', label: t('pet.category'), required: true,
    testid: 'pet-new-category', options: PETITION_CATEGORIES.map((c) => ({ value: c, text: label('pet_category', c) })) });
  const received = field({ name: 'received_on', label: t('pet.received_on'), type: 'date', required: true,
    value: todayCST(), testid: 'pet-new-received' });
  const name = field({ name: 'petitioners.0.name', label: t('pet.petitioner_name'), required: true, maxlength: 50,
    testid: 'pet-new-name' });
  const idNumber = field({ name: 'petitioners.0.id_number', label: t('pet.id_number'), maxlength: 20,
    testid: 'pet-new-id-number' });
  const phone = field({ name: 'petitioners.0.phone', label: t('pet.phone'), maxlength: 30, testid: 'pet-new-phone' });
  const matter = textField('matter', t('pet.matter'), true, 'pet-new-matter');
  // 更多信息: not needed for a 来访
  const organisation = field({ name: 'petitioners.0.organisation', label: t('pet.organisation'), maxlength: 100,
    testid: 'pet-new-organisation' });
  const creditCode = field({ name: 'petitioners.0.credit_code', label: t('pet.credit_code'), maxlength: 18,
    testid: 'pet-new-credit-code' });
  const address = field({ name: 'petitioners.0.address', label: t('pet.address'), maxlength: 200,
    testid: 'pet-new-address' });
  const attachments = textField('attachments', t('pet.attachments_hint'), false, 'pet-new-attachments');
  const risk = selectField({ name: 'risk_level', label: t('pet.risk'), testid: 'pet-new-risk', value: 'low',
    options: PETITION_RISKS.map((c) => ({ value: c, text: label('pet_risk', c) })) });
  const riskReason = field({ name: 'risk_reason', label: t('pet.risk_reason'), maxlength: 500,
    testid: 'pet-new-risk-reason' });
  const more = el('details', { class: 'more-fields', testid: 'pet-new-more' },
    el('summary', { text: t('pet.more') }),
    el('div', { class: 'form-grid form-grid-4' }, organisation, creditCode, address, risk, riskReason, attachments));
  const repeats = el('div', { class: 'repeat-box', testid: 'pet-new-repeats', 'aria-live': 'polite' });
  const form = el('form', { class: 'form', novalidate: true, testid: 'pet-new-form' },
    el('div', { class: 'form-grid form-grid-4' }, channel, category, received, name, idNumber, phone, matter),
    repeats, more,
    el('div', { class: 'form-actions' },
      el('button', { type: 'submit', class: 'btn btn-primary', testid: 'pet-new-submit', text: t('pet.create') }),
      el('a', { href: '#/petitions', class: 'btn', text: t('common.cancel') })));
  clearOnInput(form);

  let seq = 0;
  async function lookUp() {
    const my = ++seq;
    const params = { id_number: idNumber.control.value.trim(), name: name.control.value.trim(),
      phone: phone.control.value.trim() };
    if (!params.id_number && !(params.name && params.phone)) { replace(repeats); return; }
    try {
      const r = await api.get('/petitions/repeats', params);
      if (my !== seq) return;
      replace(repeats, r.items.length ? el('div', { class: 'alert alert-warning', testid: 'pet-new-repeat-list' },
        el('strong', { text: t('pet.repeats_found', { n: r.items.length }) }),
        el('ul', null, r.items.map((x) => el('li', { testid: 'pet-new-repeat-' + x.petition_id },
          el('a', { href: '#/petitions/' + x.petition_id, target: '_blank', text: x.received_on + ' ' + (x.name || '') }),
          ' ', petStateBadge(x.state), ' ', el('span', { class: 'muted', text: label('pet_basis', x.basis) })))))
        : null);
    } catch {
      if (my === seq) replace(repeats); // an ID number still being typed: the field shows its error on submit
    }
  }
  for (const f of [idNumber, name, phone]) f.control.addEventListener('change', lookUp);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const v = (f) => f.control.value.trim();
    const person = {};
    for (const [k, f] of [['name', name], ['id_number', idNumber], ['phone', phone], ['organisation', organisation],
      ['credit_code', creditCode], ['address', address]]) if (v(f)) person[k] = v(f);
    const bodyIn = { channel: channel.control.value, category: category.control.value, received_on: v(received),
      matter: v(matter), petitioners: [person] };
    const att = attachments.control.value.split('\n').map((x) => x.trim()).filter(Boolean);
    if (att.length) bodyIn.attachments = att;
    if (risk.control.value !== 'low' || v(riskReason)) {
      bodyIn.risk_level = risk.control.value;
      bodyIn.risk_reason = v(riskReason);
    }
    busy(form, true);
    try {
      const p = await api.post('/petitions', bodyIn);
      ctx.toast(t('pet.created_toast'));
      ctx.navigate('#/petitions/' + p.id);
    } catch (err) {
      busy(form, false);
      if (err && err.field && /^petitioners\.0\.(organisation|credit_code|address)$|^risk|^attachments/.test(err.field)) {
        more.open = true;
      }
      showError(form, err);
    }
  });
  root.appendChild(el('section', { class: 'panel' }, form));
  name.control.focus();
}
