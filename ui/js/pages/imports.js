// pages/imports.js: importing other agencies' data (#/imports; issue 12 §1, docs/api-imports.md). Three steps on one
// page: choose the kind, the source and the file; check the column mapping the server proposes from the header
// (POST /imports/preview: each field with a select of the file's columns, required ones marked); import it with a
// progress bar (the upload's own progress, then the server's, polled from GET /imports/progress with a random token)
// and read the validation report (accepted, duplicate and rejected rows; each rejection with its row, column and
// reason; the report as Excel). Below, the office's batches; choosing one shows its report. Text from the file is
// shown through textContent only (dom.js).

import * as api from '../api.js';
import { el, clear, replace, pageHeader, section, selectField, field, fmtTime, errorMessage } from '../dom.js';
import { pagedList } from '../list.js';
import { t, label } from '../i18n.js';

const KINDS = ['licence', 'penalty'];

/** A random progress token (8-64 of [A-Za-z0-9_-]). */
function token() {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return 'p' + Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** render: the upload form, the mapping step, the progress and report area, the batch list. */
export async function render(root) {
  root.appendChild(pageHeader(t('imports.title')));
  const kind = selectField({ name: 'kind', label: t('imports.kind'), testid: 'imports-kind', value: 'licence',
    options: KINDS.map((k) => ({ value: k, text: label('import_kind', k) })) });
  const source = field({ name: 'source', label: t('imports.source'), maxlength: 100, testid: 'imports-source',
    placeholder: t('imports.source_hint') });
  const file = field({ name: 'file', label: t('imports.file'), type: 'file', testid: 'imports-file',
    attrs: { accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
  const error = el('p', { class: 'form-error', role: 'alert', testid: 'imports-error', hidden: true });
  const checkBtn = el('button', { type: 'submit', class: 'btn btn-primary', testid: 'imports-check',
    text: t('imports.check') });
  const form = el('form', { class: 'form', novalidate: true, testid: 'imports-form' }, kind, source, file, error,
    el('div', { class: 'form-actions' }, checkBtn));
  const mappingSlot = el('div', { testid: 'imports-mapping-slot' });
  const progress = el('progress', { max: '100', value: '0', testid: 'imports-progress', hidden: true,
    'aria-label': t('imports.progress') });
  const progressText = el('span', { testid: 'imports-progress-text', 'aria-live': 'polite' });
  const reportSlot = el('div', { testid: 'imports-report-slot' });
  root.appendChild(section(t('imports.step_file'), form));
  root.appendChild(section(t('imports.step_mapping'), mappingSlot));
  root.appendChild(section(t('imports.step_result'), el('div', { class: 'import-progress' }, progress, ' ', progressText),
    reportSlot));

  const table = el('table', { class: 'table table-hover', testid: 'imports-table', 'aria-busy': 'false' },
    el('thead', null, el('tr', null, ...['created_at', 'kind', 'source', 'file_name', 'rows_accepted',
      'rows_duplicate', 'rows_rejected'].map((k) => el('th', { text: t('imports.col.' + k) })))),
    el('tbody'));
  const pagerSlot = el('div', { class: 'pager-slot' });
  root.appendChild(section(t('imports.batches'), el('div', { class: 'table-wrap' }, table), pagerSlot));
  const state = { offset: 0 };
  const { load } = pagedList({ table, pagerSlot, cols: 7, path: '/imports', state, filters: [], route: '#/imports',
    pagerTestid: 'imports-pager', row: batchRow });
  load();

  function batchRow(b) {
    return el('tr', { testid: 'import-row-' + b.id },
      el('td', { class: 'nowrap', text: fmtTime(b.created_at) }),
      el('td', { text: label('import_kind', b.kind) }),
      el('td', { text: b.source }),
      el('td', null, el('a', { href: '#/imports', text: b.file_name,
        on: { click: (e) => { e.preventDefault(); showBatch(b.id); } } })),
      el('td', { class: 'num', text: String(b.rows_accepted) }),
      el('td', { class: 'num', text: String(b.rows_duplicate) }),
      el('td', { class: 'num', text: String(b.rows_rejected) }));
  }

  function showError(err) {
    error.hidden = !err;
    error.textContent = err ? errorMessage(err) : '';
  }

  function params(extra) {
    return Object.assign({ kind: kind.control.value, source: source.control.value.trim(),
      file_name: file.control.files[0] ? file.control.files[0].name : '' }, extra || {});
  }

  /** The mapping step: one select per field, preset to the proposed column. */
  function showMapping(pre) {
    const selects = {};
    const rows = pre.fields.map((f) => {
      const sel = el('select', { class: 'input', testid: 'imports-map-' + f.code, 'aria-label': f.label },
        el('option', { value: '', text: t('imports.not_mapped') }),
        pre.header.map((h) => el('option', { value: h, text: h })));
      sel.value = f.column || '';
      selects[f.code] = sel;
      return el('tr', null, el('td', { text: f.label + (f.required ? ' *' : f.one_of ? ' †' : '') }),
        el('td', { class: 'mono', text: f.code }), el('td', null, sel));
    });
    const go = el('button', { type: 'button', class: 'btn btn-primary', testid: 'imports-start', text: t('imports.start') });
    replace(mappingSlot,
      el('p', { testid: 'imports-detected', text: t('imports.detected', { format: pre.format.toUpperCase(),
        encoding: pre.encoding, sheet: pre.sheet || '—', saved: pre.saved ? t('imports.saved_yes') : '' }) }),
      el('table', { class: 'table', testid: 'imports-mapping' },
        el('thead', null, el('tr', null, el('th', { text: t('imports.field') }), el('th', { text: t('imports.code') }),
          el('th', { text: t('imports.column') }))),
        el('tbody', null, rows)),
      el('p', { class: 'hint', text: t('imports.mapping_hint') }),
      el('div', { class: 'form-actions' }, go));
    go.addEventListener('click', () => {
      const spec = Object.entries(selects).filter(([, s]) => s.value && !s.value.includes(','))
        .map(([code, s]) => code + '=' + s.value).join(',');
      startImport(spec, go);
    });
  }

  async function startImport(spec, go) {
    const f = file.control.files[0];
    if (!f) return;
    go.disabled = true;
    showError(null);
    clear(reportSlot);
    const tok = token();
    progress.hidden = false;
    progress.value = 0;
    progress.dataset.phase = 'upload';
    progressText.textContent = t('imports.uploading', { percent: 0 });
    let polling = true;
    const poll = async () => {
      while (polling) {
        await new Promise((r) => setTimeout(r, 400));
        if (!polling) break;
        try {
          const p = await api.get('/imports/progress', { token: tok });
          if (polling && p.phase === 'import') {
            progress.dataset.phase = 'import';
            progress.value = p.percent;
            progressText.textContent = t('imports.importing', { percent: p.percent });
          }
        } catch (e) { /* not started yet */ }
      }
    };
    const sent = (done, total) => {
      if (progress.dataset.phase !== 'upload') return;
      const pct = total ? Math.floor((done * 100) / total) : 0;
      progress.value = pct;
      progressText.textContent = t('imports.uploading', { percent: pct });
    };
    poll();
    try {
      const res = await api.uploadFile('/imports', params({ mapping: spec, progress: tok }), f, sent);
      polling = false;
      progress.value = 100;
      progress.dataset.phase = 'done';
      progressText.textContent = t('imports.done');
      showReport(res.body);
      load();
    } catch (err) {
      polling = false;
      progress.dataset.phase = 'failed';
      progressText.textContent = t('imports.failed');
      showError(err);
    } finally {
      go.disabled = false;
    }
  }

  /** The validation report of a batch. */
  function showReport(b) {
    const rej = b.rejections || [];
    const dl = el('button', { type: 'button', class: 'btn', testid: 'imports-report-xlsx', text: t('imports.report_xlsx'),
      on: { click: async () => {
        const { blob, filename } = await api.download(`/imports/${b.id}/rejections/export.xlsx`);
        const a = el('a', { href: URL.createObjectURL(blob), download: filename });
        document.body.appendChild(a);
        a.click();
        a.remove();
      } } });
    replace(reportSlot,
      el('p', { testid: 'imports-summary', dataset: { batch: String(b.id), accepted: String(b.rows_accepted),
        rejected: String(b.rows_rejected), duplicate: String(b.rows_duplicate) },
      text: (b.already_imported ? t('imports.already') + ' ' : '') + t('imports.summary', { file: b.file_name,
        total: b.rows_total, accepted: b.rows_accepted, duplicate: b.rows_duplicate, rejected: b.rows_rejected }) }),
      b.id_missing ? el('p', { class: 'hint', testid: 'imports-id-missing',
        text: t('imports.id_missing', { n: b.id_missing }) }) : null,
      rej.length ? el('table', { class: 'table', testid: 'imports-rejections' },
        el('thead', null, el('tr', null, el('th', { text: t('imports.col.row') }), el('th', { text: t('imports.col.column') }),
          el('th', { text: t('imports.col.reason') }))),
        el('tbody', null, rej.map((j) => el('tr', { testid: 'imports-rejection' },
          el('td', { class: 'num', text: String(j.row) }), el('td', { text: j.column }), el('td', { text: j.reason })))))
        : el('p', { text: t('imports.no_rejections') }),
      b.rows_rejected > rej.length ? el('p', { class: 'hint', text: t('imports.more_rejections') }) : null,
      b.rows_rejected ? el('div', { class: 'form-actions' }, dl) : null);
  }

  async function showBatch(id) {
    try {
      showReport(await api.get(`/imports/${id}`));
    } catch (err) {
      showError(err);
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(null);
    clear(mappingSlot);
    const f = file.control.files[0];
    if (!f) {
      showError(new api.ApiError(400, 'validation_failed', t('imports.no_file'), 'file'));
      return;
    }
    checkBtn.disabled = true;
    try {
      const res = await api.uploadFile('/imports/preview', params(), f, null);
      showMapping(res.body);
    } catch (err) {
      showError(err);
    } finally {
      checkBtn.disabled = false;
    }
  });
}
