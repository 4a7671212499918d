// pages/home.js: the home page (#/): the work that comes to the user, from ONE request (GET /api/v1/work): the queues
// their roles give them (a prosecutor's own deadlines and cases; 案管's office deadlines, cases received today and cases
// waiting to be assigned; a leader's figures and the cases past a deadline), each with its first lines, each line
// linking to its record and each count to the list with the same filter. The profile and the quick links follow,
// smaller.

import * as api from '../api.js';
import { el, pageHeader, rolesText, replace, errorMessage } from '../dom.js';
import { t, label } from '../i18n.js';
import { reminderHref, visibleEntries } from '../nav.js';
import { currentUser } from '../session.js';
import { levelBadge, levelClass } from '../casework.js';

/** listHref: the address of the list a queue or figure counts ('deadlines', 'cases', 'approvals') with its filter. */
export function listHref(list, filter) {
  return '#/' + list + api.query(filter || {});
}

/** recordHref: the page of the record a line is about: a deadline's record with a page of its own (a 行刑衔接 item,
 * by the NAV entry of its entity kind), else its case, or the case itself. */
function recordHref(kind, item) {
  // a record with a page of its own (a 行刑衔接 item, a 检察建议) links there, as the bell does
  if (kind !== 'cases' && item.entity_kind && item.entity_kind !== 'case') return reminderHref(item);
  if (kind === 'petitions') return '#/petitions/' + encodeURIComponent(item.id); // petitions (issue 13)
  const id = kind === 'cases' ? item.id : item.case_id;
  return id ? '#/cases/' + encodeURIComponent(id) : listHref('deadlines', {});
}

/** render: the queues (drawn when the reply comes), then the profile and the quick links. */
export function render(root) {
  const user = currentUser();
  root.appendChild(pageHeader(t('home.greeting', { name: user.name })));
  document.title = t('home.title') + ' - ' + t('app.title_suffix');
  const work = el('div', { class: 'work-queues', testid: 'work-queues', 'aria-busy': 'true' },
    el('p', { class: 'muted', text: t('common.loading') }));
  root.appendChild(work);
  api.get('/work').then((w) => {
    if (!work.isConnected) return;
    work.setAttribute('aria-busy', 'false');
    const queues = w.queues || [];
    if (!queues.length) { replace(work); work.hidden = true; return; }
    replace(work, queues.map(queueNode));
  }, (err) => {
    if (!work.isConnected) return;
    work.setAttribute('aria-busy', 'false');
    replace(work, el('div', { class: 'alert alert-error', testid: 'work-error', text: errorMessage(err) }));
  });

  const links = visibleEntries().filter((n) => n.key !== 'home')
    .map((n) => ({ key: n.key, href: n.href, title: t(n.label), desc: n.desc ? t(n.desc) : '' }));
  links.push({ key: 'password', href: '#/password', title: t('menu.password'), desc: t('home.desc.password') });
  const item = (term, value, testid) => [el('dt', { text: term }), el('dd', { text: value, testid })];
  root.appendChild(el('div', { class: 'home-minor' },
    el('section', { class: 'panel panel-compact' },
      el('dl', { class: 'profile profile-compact', testid: 'home-profile' },
        item(t('home.org'), user.org_name || '', 'home-org'),
        item(t('home.department'), user.department_name || t('home.no_department'), 'home-department'),
        item(t('home.roles'), rolesText(user.roles), 'home-roles'),
        item(t('home.login'), user.login, 'home-login'))),
    el('section', { class: 'panel panel-compact' },
      el('h2', { class: 'panel-title', text: t('home.quick_links') }),
      links.length
        ? el('ul', { class: 'quick-links quick-links-compact', testid: 'quick-links' }, links.map((l) => el('li', null,
          el('a', { href: l.href, class: 'quick-link', testid: 'quick-' + l.key, title: l.desc },
            el('span', { class: 'quick-link-title', text: l.title })))))
        : el('p', { class: 'muted', text: t('home.no_links') }))));
}

/** queueNode: one queue: its title, its count linking to the full list, and its first lines (or the figures). */
function queueNode(q) {
  if (q.kind === 'figures') {
    return el('section', { class: 'panel work-queue work-figures', testid: 'queue-' + q.key, dataset: { key: q.key } },
      el('h2', { class: 'panel-title', text: t('work.queue.' + q.key) }),
      el('div', { class: 'figures' }, q.figures.map((f) => el('a', {
        class: ['figure', f.key === 'overdue_deadlines' && f.count > 0 ? 'is-alert' : null],
        href: listHref(f.list, f.filter), testid: 'figure-' + f.key, dataset: { count: String(f.count) } },
      el('span', { class: 'figure-count', text: countText(f.count, f.capped) }),
      el('span', { class: 'figure-label', text: t('work.figure.' + f.key) })))));
  }
  const href = listHref(q.list, q.filter);
  const alert = q.total > 0 && (q.key.endsWith('overdue') || q.key.endsWith('overdue_cases'));
  return el('section', { class: ['panel', 'work-queue', alert ? 'is-alert' : null], testid: 'queue-' + q.key,
    dataset: { key: q.key, total: String(q.total) } },
  el('h2', { class: 'panel-title work-queue-title' },
    el('span', { text: t('work.queue.' + q.key) }),
    el('a', { class: ['work-count', alert ? 'is-alert' : null], href, testid: 'queue-' + q.key + '-count',
      'aria-label': t('work.count_link', { n: countText(q.total, q.total_capped), title: t('work.queue.' + q.key) }),
      text: countText(q.total, q.total_capped) })),
  q.items.length
    ? el('ul', { class: 'work-lines' }, q.items.map((it) => lineNode(q, it)))
    : el('p', { class: 'muted work-empty', text: t('work.empty') }),
  q.total > q.items.length
    ? el('a', { class: 'work-more', href, testid: 'queue-' + q.key + '-more', text: t('work.more', { n: q.total }) })
    : null);
}

function countText(n, capped) {
  return capped ? n + '+' : String(n);
}

/** lineNode: one line of a queue: a deadline (due day, level, kind, case and person) or a case. */
function lineNode(q, it) {
  const href = recordHref(q.kind, it);
  if (q.kind === 'deadlines') {
    return el('li', { class: ['work-line', levelClass(it.level)], testid: 'queue-' + q.key + '-item-' + it.id },
      el('a', { href, class: 'work-line-link', testid: 'queue-' + q.key + '-link-' + it.id },
        el('span', { class: 'work-due nowrap', text: it.due_on || '' }),
        levelBadge(it.level),
        el('span', { class: 'work-kind', text: kindName(it) }),
        el('span', { class: 'work-subject', text: [it.case_number, it.case_title].filter(Boolean).join(' ') || it.subject }),
        it.person_name ? el('span', { class: 'muted', text: it.person_name }) : null,
        q.scope !== 'mine' && it.prosecutor_name ? el('span', { class: 'muted', text: it.prosecutor_name }) : null));
  }
  if (q.kind === 'petitions') { // petitions (issue 13): a 包案 or high-risk petition of the leader's home page
    return el('li', { class: ['work-line', it.overdue ? levelClass('overdue') : null],
      testid: 'queue-' + q.key + '-item-' + it.id },
    el('a', { href, class: 'work-line-link', testid: 'queue-' + q.key + '-link-' + it.id },
      el('span', { class: 'work-due nowrap', text: it.received_on || '' }),
      el('span', { class: 'work-kind', text: label('pet_category', it.category) + ' ' + t('pet.risk_mark',
        { level: label('pet_risk', it.risk_level) }) }),
      el('span', { class: 'work-subject', text: it.petitioner || '' }),
      it.overdue ? levelBadge('overdue') : null));
  }
  return el('li', { class: 'work-line', testid: 'queue-' + q.key + '-item-' + it.id },
    el('a', { href, class: 'work-line-link', testid: 'queue-' + q.key + '-link-' + it.id },
      el('span', { class: 'work-due nowrap', text: it.received_on || '' }),
      el('span', { class: 'work-subject', text: it.case_number + ' ' + it.title }),
      el('span', { class: 'muted', text: it.prosecutor_name || t('work.unassigned') }),
      it.level ? levelBadge(it.level) : null));
}

/** kindName: the kind's label, or the name the server gives a kind the UI has no label for. */
export function kindName(d) {
  const l = label('deadline_kind', d.kind);
  return l !== d.kind ? l : d.kind_name || d.kind;
}
