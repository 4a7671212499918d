// pages/leads.js: data-matching supervision (issue 12 §3, docs/api-leads.md): the leads list (#/leads?state=&reason=
// &q=&offset=; select several confirmed leads → one 检察建议 to an agency), one lead with its evidence side by side
// and 调查核实 (#/leads/:id), and the models page with their parameters, a run on demand and the runs history
// (#/match-models). Output through dom.js el() only.

import * as api from '../api.js';
import { el, field, selectField, pageHeader, replace, loadingBlock, errorBlock, errorMessage, section } from '../dom.js';
import { exportButton, pagedList } from '../list.js';
import { t } from '../i18n.js';
import { can } from '../session.js';

const STATES = ['new', 'confirmed', 'dismissed'];
const REASONS = ['not_revoked', 'reissued_in_bar'];
const LIC = { valid: 'lead.lic_valid', revoked: 'lead.lic_revoked', suspended: 'lead.lic_suspended',
  cancelled: 'lead.lic_cancelled' };
const dash = (v) => (v === null || v === undefined || v === '' ? t('common.dash') : String(v));

function stateBadge(s, testid) {
  return el('span', { class: ['badge', 'lead-state-' + s], testid, text: t('lead.state_' + s) });
}

/** render: the leads list. */
export function render(root, ctx) {
  const q = ctx.query;
  const state = { state: q.get('state') || '', reason: q.get('reason') || '', q: q.get('q') || '',
    offset: Math.max(0, parseInt(q.get('offset') || '0', 10) || 0) };
  root.appendChild(pageHeader(t('lead.title'),
    can('model.manage') || can('lead.read')
      ? el('a', { href: '#/match-models', class: 'btn', testid: 'leads-models', text: t('lead.models') }) : null));
  const all = { value: '', text: t('common.all') };
  const search = field({ name: 'q', label: t('lead.search'), type: 'search', value: state.q, maxlength: 50,
    testid: 'leads-q' });
  const stateSel = selectField({ name: 'state', label: t('lead.state'), testid: 'leads-state', value: state.state,
    options: [all].concat(STATES.map((s) => ({ value: s, text: t('lead.state_' + s) }))) });
  const reasonSel = selectField({ name: 'reason', label: t('lead.reason'), testid: 'leads-reason', value: state.reason,
    options: [all].concat(REASONS.map((s) => ({ value: s, text: t('lead.reason_' + s) }))) });
  const filters = el('form', { class: 'filters form-grid form-grid-4', testid: 'leads-filters',
    on: { submit: (e) => { e.preventDefault(); apply(); } } }, search, stateSel, reasonSel);
  stateSel.control.addEventListener('change', apply);
  reasonSel.control.addEventListener('change', apply);
  search.control.addEventListener('change', apply);

  const selected = new Set();
  const table = el('table', { class: 'table leads-table', testid: 'leads-table', 'aria-busy': 'false' },
    el('thead', null, el('tr', null, ['col_pick', 'col_name', 'col_id', 'col_case', 'col_reason', 'col_licence',
      'col_state'].map((k) => el('th', { text: t('lead.' + k) })))),
    el('tbody'));
  const pagerSlot = el('div', { class: 'pager-slot' });
  const agencySel = selectField({ name: 'agency_id', label: t('lead.agency'), testid: 'leads-agency', options: [] });
  const msg = el('p', { class: 'form-error', testid: 'leads-suggest-error', role: 'alert' });
  const suggestBtn = el('button', { type: 'button', class: 'btn btn-primary', testid: 'leads-suggest',
    text: t('lead.suggest'), on: { click: suggest } });
  const bar = can('lead.handle') && can('suggestion.handle')
    ? el('div', { class: 'form-grid form-grid-4 no-print', testid: 'leads-suggest-bar' }, agencySel,
      el('div', { class: 'field' }, suggestBtn), msg) : null;
  root.append(filters, bar || '', el('div', { class: 'table-wrap' }, table), pagerSlot);
  const list = pagedList({ table, pagerSlot, cols: 7, path: '/leads', state, filters: ['state', 'reason', 'q'],
    route: '#/leads', pagerTestid: 'leads-pager', row, form: filters, empty: () => t('lead.empty') });
  exportButton(table, 'leads-export');
  if (bar) {
    api.getAll('/agencies').then((items) => {
      replace(agencySel.control, ...items.map((a) => el('option', { value: String(a.id), text: a.name })));
    }).catch(() => {});
  }

  function row(l) {
    const pick = el('input', { type: 'checkbox', testid: 'lead-pick-' + l.id,
      disabled: l.state !== 'confirmed' || !!l.suggestion_id, 'aria-label': l.name });
    pick.checked = selected.has(l.id);
    pick.addEventListener('change', () => { if (pick.checked) selected.add(l.id); else selected.delete(l.id); });
    return el('tr', { testid: 'lead-row-' + l.id },
      el('td', null, pick),
      el('td', null, el('a', { href: '#/leads/' + l.id, testid: 'lead-link-' + l.id, text: l.name })),
      el('td', { class: 'nowrap', text: dash(l.id_number) }),
      el('td', { class: 'nowrap', text: dash(l.case_number) }),
      el('td', { text: t('lead.reason_' + l.reason) }),
      el('td', { class: 'nowrap', text: dash(l.licence_number) + ' ' + (LIC[l.licence_status] ? t(LIC[l.licence_status]) : '') }),
      el('td', { class: 'nowrap' }, stateBadge(l.state, 'lead-state-' + l.id),
        l.suggestion_id ? el('a', { href: '#/suggestions/' + l.suggestion_id, class: 'badge', text: t('lead.in_suggestion') }) : null));
  }

  async function suggest() {
    msg.textContent = '';
    if (!selected.size) { msg.textContent = t('lead.pick_some'); return; }
    try {
      const r = await api.post('/lead-suggestions', { lead_ids: [...selected], agency_id: Number(agencySel.control.value) });
      ctx.toast(t('lead.suggested'));
      ctx.navigate('#/suggestions/' + r.suggestion_id);
    } catch (err) {
      msg.textContent = errorMessage(err);
    }
  }

  function apply() {
    state.q = search.control.value.trim();
    state.state = stateSel.control.value;
    state.reason = reasonSel.control.value;
    state.offset = 0;
    list.load();
  }
  list.load();
}

function kv(rows, testid) {
  return el('dl', { class: 'kv', testid }, rows.map(([k, v]) => [el('dt', { text: k }), el('dd', { text: dash(v) })]));
}

/** renderLead: one lead, the evidence side by side, 调查核实. */
export function renderLead(root, ctx) {
  const id = ctx.params.id;
  const box = el('div');
  root.appendChild(box);
  async function draw() {
    replace(box, loadingBlock());
    let l;
    try { l = await api.get('/leads/' + id); } catch (err) { replace(box, errorBlock(err)); return; }
    const o = l.evidence.ours || {}, th = l.evidence.theirs || {}, r = l.evidence.rule || {};
    const ours = section(t('lead.ours'), kv([[t('lead.col_case'), o.case_number], [t('lead.col_name'), o.name],
      [t('lead.col_id'), o.id_number], [t('lead.decision_on'), o.decision_on || o.judgment_on]], 'lead-ours'));
    const theirs = section(t('lead.theirs'), kv([[t('lead.col_name'), th.name], [t('lead.col_id'), th.id_number],
      [t('lead.col_licence'), th.licence_number], [t('lead.lic_status'), LIC[th.status] ? t(LIC[th.status]) : th.status],
      [t('lead.status_on'), th.status_on], [t('lead.reissued_on'), th.reissued_on], [t('lead.issuer'), th.agency_name],
      [t('lead.file'), (th.file_name || '') + ' #' + (th.row_no || '')]], 'lead-theirs'));
    const rule = section(t('lead.rule'), kv([[t('lead.reason'), r.text], [t('lead.article'), r.article],
      [t('lead.due'), r.revoke_due_on], [t('lead.bar_end'), r.bar_ends_on]], 'lead-rule'));
    const parts = [pageHeader(l.name + ' · ' + t('lead.reason_' + l.reason), stateBadge(l.state, 'lead-state')),
      el('div', { class: 'evidence-grid form-grid form-grid-3', testid: 'lead-evidence' }, ours, theirs, rule)];
    if (l.verify_note) parts.push(el('p', { testid: 'lead-note', text: t('lead.note') + '：' + l.verify_note }));
    if (l.suggestion_id) {
      parts.push(el('p', null, el('a', { href: '#/suggestions/' + l.suggestion_id, testid: 'lead-suggestion',
        text: t('lead.in_suggestion') })));
    }
    const verify = (l.actions || []).find((a) => a.kind === 'verify');
    if (verify && verify.enabled) {
      const note = field({ name: 'note', label: t('lead.note'), maxlength: 500, testid: 'lead-verify-note' });
      const err = el('p', { class: 'form-error', role: 'alert', testid: 'lead-verify-error' });
      const go = (result) => async () => {
        err.textContent = '';
        try {
          await api.post('/leads/' + id + '/verification', { result, note: note.control.value });
          ctx.toast(t('lead.verified'));
          draw();
        } catch (e) { err.textContent = errorMessage(e); }
      };
      parts.push(section(t('lead.verify'), note,
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'btn btn-primary', testid: 'lead-confirm', text: t('lead.confirm'),
            on: { click: go('confirmed') } }),
          el('button', { type: 'button', class: 'btn', testid: 'lead-dismiss', text: t('lead.dismiss'),
            on: { click: go('dismissed') } })), err));
    }
    replace(box, ...parts);
  }
  draw();
}

/** renderModels: the models, their parameters, a run on demand, the runs history. */
export function renderModels(root, ctx) {
  root.appendChild(pageHeader(t('lead.models')));
  const box = el('div');
  root.appendChild(box);
  async function draw() {
    replace(box, loadingBlock());
    let models;
    try { models = (await api.get('/match-models')).items; } catch (err) { replace(box, errorBlock(err)); return; }
    replace(box, ...models.map((m) => {
      const err = el('p', { class: 'form-error', role: 'alert', testid: 'model-error-' + m.code });
      const inputs = ['grace_days', 'bar_years', 'commercial_years'].map((k) => field({ name: k, type: 'number',
        label: t('lead.p_' + k), value: m.params[k], testid: 'model-' + m.code + '-' + k }));
      const runs = el('div', { testid: 'model-runs-' + m.code });
      const actions = el('div', { class: 'actions' },
        can('model.manage') ? el('button', { type: 'button', class: 'btn', testid: 'model-save-' + m.code,
          text: t('lead.save'), on: { click: save } }) : null,
        can('model.manage') ? el('button', { type: 'button', class: 'btn btn-primary', testid: 'model-run-' + m.code,
          text: t('lead.run'), on: { click: run } }) : null);
      async function save() {
        err.textContent = '';
        const params = { ...m.params };
        for (const f of inputs) params[f.control.name] = Number(f.control.value);
        try { await api.put('/match-models/' + m.id, { params }); ctx.toast(t('lead.saved')); draw(); } catch (e) { err.textContent = errorMessage(e); }
      }
      async function run() {
        err.textContent = '';
        try {
          const r = await api.post('/match-models/' + m.id + '/runs', {});
          ctx.toast(t('lead.ran', { found: r.leads_found, added: r.leads_new }));
          draw();
        } catch (e) { err.textContent = errorMessage(e); }
      }
      if (can('lead.read')) {
        api.get('/match-models/' + m.id + '/runs').then((r) => {
          replace(runs, el('table', { class: 'table' },
            el('thead', null, el('tr', null, ['run_at', 'run_by', 'run_rows', 'run_found', 'run_new', 'run_ms']
              .map((k) => el('th', { text: t('lead.' + k) })))),
            el('tbody', null, r.items.map((x) => el('tr', { testid: 'model-run-row-' + x.id },
              el('td', { text: x.started_at }), el('td', { text: dash(x.started_by_name || x.trigger) }),
              el('td', { text: String(x.rows_matched) }), el('td', { text: String(x.leads_found) }),
              el('td', { text: String(x.leads_new) }), el('td', { text: String(x.duration_ms) }))))));
        }).catch(() => {});
      }
      return section(m.name + '（' + m.code + '）', el('div', { class: 'form-grid form-grid-3' }, inputs), actions, err,
        el('p', null, el('a', { href: '#/leads?state=new', text: t('lead.open_leads', { n: m.leads_open }) })), runs);
    }));
  }
  draw();
}
