// pages/stats_config.js: 统计指标设置 (#/admin/stats-config, permission stats.configure; docs/api-stats.md
// "Configuration"). GET /api/v1/stats/config lists every indicator with its definition and its parameters; an [M]
// indicator's parameters are edited in place and saved with PUT /api/v1/stats/config {indicator, params} (audited).

import * as api from '../api.js';
import { el, pageHeader, section, loadingBlock, errorBlock, replace, showError, clearErrors } from '../dom.js';
import { t } from '../i18n.js';

export async function render(root, ctx) {
  root.appendChild(pageHeader(t('stats.config_title')));
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  let cfg;
  try {
    cfg = await api.get('/stats/config');
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }
  const blocks = cfg.indicators.map((ind) => {
    const head = el('p', { class: 'muted', text: `${ind.numerator_text} / ${ind.denominator_text}；${ind.population}；` +
      `${ind.period_date}；${ind.source} ${ind.mark}` });
    if (!ind.params.length) {
      return section(ind.name, head, el('p', { class: 'muted', text: ind.configurable ? '' : t('stats.config_fixed') }));
    }
    const inputs = {};
    const form = el('form', { class: 'form', novalidate: true, testid: 'stats-config-' + ind.code },
      ind.params.map((p) => {
        const input = el('input', { class: 'input', name: p.name, testid: `stats-param-${ind.code}-${p.name}`,
          type: p.type === 'integer' ? 'number' : 'text', value: String(p.value),
          min: p.type === 'integer' ? p.min : null, max: p.type === 'integer' ? p.max : null,
          maxlength: p.type === 'text' ? p.max : null });
        inputs[p.name] = { input, p };
        return el('div', { class: 'field', dataset: { name: 'params.' + p.name } },
          el('label', { text: p.label }), input,
          el('div', { class: 'field-note', text: `${t('stats.config_default')}：${p.default}` }));
      }),
      el('div', { class: 'form-actions' },
        el('button', { type: 'submit', class: 'btn btn-primary', testid: 'stats-save-' + ind.code,
          text: t('stats.config_save') })));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      const params = {};
      for (const [name, { input, p }] of Object.entries(inputs)) {
        params[name] = p.type === 'integer' ? Number(input.value) : input.value;
      }
      try {
        await api.put('/stats/config', { indicator: ind.code, params });
        ctx.toast(t('stats.config_saved'));
      } catch (err) {
        showError(form, err);
      }
    });
    return section(ind.name, head, form);
  });
  replace(body, el('div', { testid: 'stats-config' }, blocks));
}
