// pages/person.js: one staff member's 成长动态档案 (#/people/{id}, #/people/me; GET /api/v1/people/{id}/archive): the
// performance computed from the case data (cases by type, on-time rate) beside the entered specialties, posts,
// achievements, awards and evaluations; the 小轮岗 stints with their evaluations, the 副岗, mentoring and the year's
// training hours. One page a 政治部 officer prints for an appraisal (css/print.css: the one print stylesheet).

import * as api from '../api.js';
import { el, pageHeader, section, loadingBlock, errorBlock, replace } from '../dom.js';
import { t, label } from '../i18n.js';
import { currentUser } from '../session.js';
import { table, rating } from './people_common.js';

export async function render(root, ctx) {
  const id = ctx.params.id === 'me' ? currentUser().id : ctx.params.id;
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  let a;
  try {
    a = await api.get('/people/' + encodeURIComponent(id) + '/archive');
  } catch (err) {
    replace(body, errorBlock(err));
    return;
  }
  const printBtn = el('button', { type: 'button', class: 'btn', testid: 'archive-print', text: t('people.print') });
  printBtn.addEventListener('click', () => window.print());
  const entries = (kind) => a.entries.filter((x) => x.kind === kind);
  const p = a.performance;
  const rate = p.on_time_rate === null ? t('common.dash') : (p.on_time_rate * 100).toFixed(1) + '%';
  replace(body,
    pageHeader(t('people.archive_title', { name: a.user.name }), printBtn),
    el('p', { class: 'muted', dataset: { printFilter: '1' }, text: t('people.archive_year', { year: a.year }) }),
    section(t('people.performance'),
      el('p', { testid: 'archive-performance', text: t('people.performance_line', { cases: p.cases, closed: p.deadlines_closed, rate }) }),
      table([{ key: 'case_type', title: t('people.case_type'), render: (r) => label('case_type', r.case_type) },
        { key: 'count', title: t('people.cases'), num: true }, { key: 'concluded', title: t('people.concluded'), num: true }],
      p.cases_by_type, 'archive-cases')),
    section(t('people.specialties'), table([{ key: 'title', title: t('people.title') }, { key: 'body', title: t('people.note') }],
      entries('specialty'), 'archive-specialties')),
    section(t('people.posts'), table([{ key: 'title', title: t('people.post') }, { key: 'department_name', title: t('people.department') },
      { key: 'started_on', title: t('people.from') }, { key: 'ended_on', title: t('people.to'), render: (r) => r.ended_on || t('people.now') }],
    entries('post'), 'archive-posts')),
    section(t('people.achievements'), table([{ key: 'kind', title: t('people.kind'), render: (r) => label('people_entry', r.kind) },
      { key: 'title', title: t('people.title') }, { key: 'started_on', title: t('people.date') }],
    a.entries.filter((x) => x.kind === 'achievement' || x.kind === 'award'), 'archive-achievements')),
    section(t('people.evaluations'), table([{ key: 'title', title: t('people.title') }, { key: 'started_on', title: t('people.date') },
      { key: 'evaluator_name', title: t('people.evaluator') }, { key: 'rating', title: t('people.rating'), render: (r) => rating(r.rating) },
      { key: 'body', title: t('people.note') }], entries('evaluation'), 'archive-evaluations')),
    section(t('people.rotation'), table([{ key: 'department_name', title: t('people.department') },
      { key: 'start_on', title: t('people.from') }, { key: 'end_on', title: t('people.to') },
      { key: 'head_name', title: t('people.head') }, { key: 'rating', title: t('people.rating'), render: (r) => rating(r.rating) },
      { key: 'evaluation', title: t('people.note') }], a.rotation.flatMap((pl) => pl.stints), 'archive-stints')),
    section(t('people.secondary'), table([{ key: 'title', title: t('people.post') }, { key: 'department_name', title: t('people.department') },
      { key: 'responsible_name', title: t('people.responsible') }, { key: 'rating', title: t('people.rating'), render: (r) => rating(r.rating) }],
    a.secondary_posts, 'archive-secondary')),
    section(t('people.mentoring'), table([{ key: 'mentor_name', title: t('people.mentor') }, { key: 'mentee_name', title: t('people.mentee') },
      { key: 'started_on', title: t('people.from') }, { key: 'last_talk_on', title: t('people.last_talk') }], a.mentoring, 'archive-mentoring')),
    section(t('people.training'), el('p', { testid: 'archive-hours', text: t('people.training_line', { year: a.year, hours: a.training_hours }) })));
}
