// pages/people.js: the people lists (issue 14): #/people the staff with a link to each growth archive (GET /users),
// #/rotation the 小轮岗 plans (GET /rotation-plans), #/mentors the mentor pool with its compliance and the open
// pairings (GET /mentors), #/courses the year's 检察官教检察官 courses (GET /courses). Printable through the one print
// stylesheet.

import * as api from '../api.js';
import { el, pageHeader, section, loadingBlock, errorBlock, replace } from '../dom.js';
import { t } from '../i18n.js';
import { table } from './people_common.js';

const link = (href, text, testid) => el('a', { href, text, testid });
const yesNo = (v) => (v ? t('common.yes') : t('common.no'));

async function load(root, title, path, draw) {
  root.appendChild(pageHeader(title));
  const body = el('div', null, loadingBlock());
  root.appendChild(body);
  try {
    replace(body, draw(await api.get(path)));
  } catch (err) {
    replace(body, errorBlock(err));
  }
}

/** render: #/people, the staff; rotation, mentors and courses are the other lists (app.js registers each). */
export async function render(root) {
  {
    return load(root, t('nav.people'), '/users?limit=200', (r) => table([
      { key: 'name', title: t('people.name'), render: (u) => link('#/people/' + u.id, u.name, 'person-link-' + u.id) },
      { key: 'department_name', title: t('people.department') }], r.items, 'people-table', (u) => 'person-row-' + u.id));
  }
}

export async function renderRotation(root) {
  {
    return load(root, t('nav.rotation'), '/rotation-plans', (r) => table([
      { key: 'user_name', title: t('people.name'), render: (p) => link('#/people/' + p.user_id, p.user_name) },
      { key: 'start_on', title: t('people.from') },
      { key: 'stints', title: t('people.rotation'), render: (p) => p.stints.map((s) => `${s.department_name}（${s.start_on}～${s.end_on}）`).join('；') },
      { key: 'final_department_name', title: t('people.final') }, { key: 'party_decision_on', title: t('people.party_date') }],
    r.items, 'rotation-table', (p) => 'rotation-row-' + p.id));
  }
}

export async function renderMentors(root) {
  {
    return load(root, t('nav.mentors'), '/mentors', (r) => el('div', null,
      section(t('people.pool'), table([{ key: 'name', title: t('people.mentor') }, { key: 'fields', title: t('people.fields') },
        { key: 'mentees', title: t('people.mentees'), num: true }, { key: 'demos', title: t('people.demos'), num: true },
        { key: 'missed_talks', title: t('people.missed_talks'), num: true },
        { key: 'demo_warning', title: t('people.demo_warning'), render: (m) => yesNo(m.demo_warning) },
        { key: 'compliant', title: t('people.compliant'), render: (m) => yesNo(m.compliant) }], r.items, 'mentors-table')),
      section(t('people.pairs'), table([{ key: 'mentor_name', title: t('people.mentor') }, { key: 'mentee_name', title: t('people.mentee') },
        { key: 'last_talk_on', title: t('people.last_talk') }, { key: 'talk_due_on', title: t('people.talk_due') },
        { key: 'talk_missed', title: t('people.talk_missed'), render: (p) => yesNo(p.talk_missed) }], r.pairs, 'pairs-table'))));
  }
}

export async function renderCourses(root) {
  return load(root, t('nav.courses'), '/courses', (r) => table([{ key: 'held_on', title: t('people.date') },
    { key: 'title', title: t('people.title') }, { key: 'lecturer_name', title: t('people.lecturer') }, { key: 'area', title: t('people.area') },
    { key: 'hours', title: t('people.hours'), num: true }, { key: 'attendees', title: t('people.attendees'), num: true }],
  r.items, 'courses-table'));
}
