// nav.js: the navigation, as one array.
//
// Each entry is one page a user can reach from the side bar: key (gives the link data-testid "nav-<key>"), group (a
// heading from GROUPS, or null for the top), the i18n keys of its label and of its description on the home page, the
// hash it links to, the permission it needs (null, a code, or an array of codes of which any one suffices), and
// optionally a badge ('deadlines': the count of the user's overdue and due-today deadlines, see refreshBadges;
// 'approvals': the approvals waiting for the signed-in approver, see approvals.js), and optionally the entity kind of
// its records ('case': the bell links a reminder of that entity_kind to href/ID, see renderBell). A new
// capability (案件, 期限, 行刑衔接, 检察建议, 线索, 信访, 队伍, 统计) adds its group to GROUPS and its pages to NAV;
// the side bar, the home page's quick links and the route guard all follow from here.

import * as api from './api.js';
import { el, clear } from './dom.js';
import { t } from './i18n.js';
import { can, currentUser } from './session.js';
import { approvalBadgeNodes, refreshApprovalBadge } from './approvals.js';
import { levelClass } from './casework.js';

/** GROUPS: the headings of the side bar, in display order. */
export const GROUPS = [
  { key: 'cases', label: 'nav.group.cases' },
  { key: 'linkage', label: 'nav.group.linkage' }, // linkage (issue 10)
  // suggestions (issue 10)
  { key: 'supervision', label: 'nav.group.supervision' },
  { key: 'petitions', label: 'nav.group.petitions' }, // petitions (issue 13)
  { key: 'people', label: 'nav.group.people' }, // people (issue 14)
  { key: 'tools', label: 'nav.group.tools' },
  { key: 'admin', label: 'nav.group.admin' },
  { key: 'stats', label: 'nav.group.stats' }, // stats (issue 11)
];

/** NAV: every page in the navigation, in display order within its group. */
export const NAV = [
  { key: 'home', group: null, label: 'nav.home', href: '#/', permission: null },
  { key: 'cases', group: 'cases', label: 'nav.cases', desc: 'home.desc.cases', href: '#/cases', permission: 'case.read',
    entity: 'case' },
  { key: 'deadlines', group: 'cases', label: 'nav.deadlines', desc: 'home.desc.deadlines', href: '#/deadlines',
    permission: 'case.read', badge: 'deadlines' },
  { key: 'approvals', group: 'cases', label: 'nav.approvals', desc: 'home.desc.approvals', href: '#/approvals',
    permission: ['approval.decide', 'case.decide'], badge: 'approvals' },
  // linkage (issue 10): 行刑反向衔接 items; the bell links a reminder of entity_kind 'linkage' to #/linkage/ID
  { key: 'linkage', group: 'linkage', label: 'nav.linkage', desc: 'home.desc.linkage', href: '#/linkage',
    permission: 'linkage.read', entity: 'linkage' },
  // suggestions (issue 10): the bell links a reminder of a suggestion to #/suggestions/ID
  { key: 'suggestions', group: 'supervision', label: 'nav.suggestions', desc: 'home.desc.suggestions',
    href: '#/suggestions', permission: 'suggestion.read', entity: 'suggestion' },
  // imports (issue 12): other agencies' data files for data-matching supervision
  { key: 'imports', group: 'supervision', label: 'nav.imports', desc: 'home.desc.imports', href: '#/imports',
    permission: 'data.import' },
  // leads (issue 12 §3): the data-matching leads and models
  { key: 'leads', group: 'supervision', label: 'nav.leads', desc: 'home.desc.leads', href: '#/leads',
    permission: 'lead.read' },
  { key: 'match-models', group: 'supervision', label: 'nav.match_models', desc: 'home.desc.match_models',
    href: '#/match-models', permission: ['lead.read', 'model.manage'] },
  // petitions (issue 13): the bell links a reminder of a petition's reply period to #/petitions/ID
  { key: 'petitions', group: 'petitions', label: 'nav.petitions', desc: 'home.desc.petitions', href: '#/petitions',
    permission: 'petition.read', entity: 'petition' },
  // people (issue 14): 队伍建设; everyone reaches their own growth archive
  { key: 'my-archive', group: 'people', label: 'nav.my_archive', desc: 'home.desc.my_archive', href: '#/people/me',
    permission: 'self' },
  { key: 'people', group: 'people', label: 'nav.people', desc: 'home.desc.people', href: '#/people',
    permission: 'people.read' },
  { key: 'rotation', group: 'people', label: 'nav.rotation', desc: 'home.desc.rotation', href: '#/rotation',
    permission: 'people.read', entities: ['rotation_plan'] },
  { key: 'mentors', group: 'people', label: 'nav.mentors', desc: 'home.desc.mentors', href: '#/mentors',
    permission: 'people.read', entities: ['mentor_pair', 'mentor_pool'] },
  { key: 'courses', group: 'people', label: 'nav.courses', desc: 'home.desc.courses', href: '#/courses',
    permission: 'self' },
  { key: 'due', group: 'tools', label: 'nav.due', desc: 'home.desc.due', href: '#/tools/due', permission: 'self' },
  { key: 'orgs', group: 'admin', label: 'nav.orgs', desc: 'home.desc.orgs', href: '#/admin/orgs',
    permission: 'admin.manage' },
  { key: 'departments', group: 'admin', label: 'nav.departments', desc: 'home.desc.departments',
    href: '#/admin/departments', permission: 'admin.manage' },
  { key: 'users', group: 'admin', label: 'nav.users', desc: 'home.desc.users', href: '#/admin/users',
    permission: 'admin.manage' },
  { key: 'audit', group: 'admin', label: 'nav.audit', desc: 'home.desc.audit', href: '#/admin/audit',
    permission: ['admin.manage', 'audit.read'] },
  { key: 'calendar', group: 'admin', label: 'nav.calendar', desc: 'home.desc.calendar', href: '#/admin/calendar',
    permission: 'calendar.manage' },
  { key: 'fast-track', group: 'admin', label: 'nav.fast_track', desc: 'home.desc.fast_track', href: '#/admin/fast-track',
    permission: 'admin.manage' },
  { key: 'deadline-warnings', group: 'admin', label: 'nav.deadline_warnings', desc: 'home.desc.deadline_warnings',
    href: '#/admin/deadline-warnings', permission: 'admin.manage' },
  { key: 'power-list', group: 'admin', label: 'nav.power_list', desc: 'home.desc.power_list', href: '#/admin/power-list',
    permission: 'admin.manage' },
  // issue 10 (agencies): the registry of agencies, read by every user (org.read), kept by agency.manage
  { key: 'agencies', group: 'tools', label: 'nav.agencies', desc: 'home.desc.agencies', href: '#/agencies',
    permission: 'org.read' },
  // documents (issue 10 §4)
  { key: 'documents', group: 'cases', label: 'nav.documents', desc: 'home.desc.documents', href: '#/documents',
    permission: 'case.read' },
  { key: 'document-templates', group: 'admin', label: 'nav.document_templates', desc: 'home.desc.document_templates',
    href: '#/admin/document-templates', permission: 'document.template' },
  // stats (issue 11): the indicator report (how far each reader sees: app/stats.h) and the administrator's settings
  { key: 'stats', group: 'stats', label: 'nav.stats', desc: 'home.desc.stats', href: '#/stats', permission: 'stats.read' },
  { key: 'stats-config', group: 'admin', label: 'nav.stats_config', desc: 'home.desc.stats_config',
    href: '#/admin/stats-config', permission: 'stats.configure' },
];

/** navEntry: the NAV entry with the given key, or undefined. */
export function navEntry(key) {
  return NAV.find((n) => n.key === key);
}

/** visibleEntries: the NAV entries the signed-in user may use. */
export function visibleEntries() {
  return NAV.filter((n) => can(n.permission));
}

/**
 * renderNav: fill container (the side bar's <nav>) with the links the signed-in user may use, grouped under their
 * headings; the link whose key is activeKey is marked aria-current="page".
 */
export function renderNav(container, activeKey) {
  clear(container);
  const entries = visibleEntries();
  const link = (n) => el('li', null, el('a', {
    href: n.href, class: ['nav-link', n.key === activeKey ? 'is-active' : null], testid: 'nav-' + n.key,
    'aria-current': n.key === activeKey ? 'page' : null,
  }, el('span', { class: 'nav-text', text: t(n.label) }),
  n.badge === 'deadlines' ? badgeNodes() : null, n.badge === 'approvals' ? approvalBadgeNodes() : null));
  const top = entries.filter((n) => !n.group);
  if (top.length) container.appendChild(el('ul', { class: 'nav-list' }, top.map(link)));
  for (const g of GROUPS) {
    const items = entries.filter((n) => n.group === g.key);
    if (!items.length) continue;
    const headId = 'nav-group-' + g.key;
    container.appendChild(el('div', { class: 'nav-group', testid: 'nav-group-' + g.key },
      el('div', { class: 'nav-group-title', id: headId, text: t(g.label) }),
      el('ul', { class: 'nav-list', 'aria-labelledby': headId }, items.map(link))));
  }
  if (entries.some((n) => n.badge === 'deadlines')) refreshBadges(false);
  if (entries.some((n) => n.badge === 'approvals')) refreshApprovalBadge(false);
}

// ---------------------------------------------------------------------------------------------------------------------
// The 期限 badge: open deadlines that are overdue or due today, of the work the signed-in user answers for: the
// whole office's for 案管 and the office's leaders (who may read it: case.register or audit.read), their own for
// everyone else. From GET /api/v1/deadlines/summary?scope=office|mine. Fetched when the side bar is drawn and the last answer is older than a
// minute (or belongs to another user), every five minutes while the page is open, and at once after a page calls
// refreshBadges(true) (having recorded an event that may close or move a deadline).

const BADGE_TTL = 60 * 1000;
const BADGE_POLL = 5 * 60 * 1000;
const badge = { summary: null, scope: 'mine', userId: null, at: 0, loading: null, timer: 0 };

/** badgeNodes: the badge and its screen-reader text, drawn from the last known summary (hidden until there is one). */
function badgeNodes() {
  const s = badge.userId === (currentUser() || {}).id ? badge.summary : null;
  const n = s ? (s.overdue || 0) + (s.due || 0) : 0;
  return [
    el('span', { class: ['nav-badge', n > 0 ? 'is-alert' : null], testid: 'deadline-badge', 'aria-hidden': 'true',
      hidden: !s, text: String(n), dataset: { count: String(n), scope: badge.scope },
      title: s ? t(badge.scope === 'office' ? 'nav.deadline_badge_title_office' : 'nav.deadline_badge_title', s) : null }),
    el('span', { class: 'sr-only', text: s ? t('nav.deadline_badge_sr', { n }) : '' }),
  ];
}

function drawBadges() {
  for (const old of document.querySelectorAll('[data-testid=deadline-badge]')) {
    const sr = old.nextElementSibling;
    const [b, text] = badgeNodes();
    old.replaceWith(b);
    if (sr && sr.classList.contains('sr-only')) sr.replaceWith(text);
  }
}

/**
 * refreshBadges: fetch the deadline summary again when the cached one is stale, or always when force is true, and
 * redraw the badge. Failures leave the badge as it was.
 */
export function refreshBadges(force) {
  const user = currentUser();
  if (!user || !can('case.read')) return;
  const fresh = badge.userId === user.id && Date.now() - badge.at < BADGE_TTL;
  if (force) refreshBell(true); // an event was recorded: the reminders may have changed too
  if (!force && (fresh || badge.loading)) return;
  if (!badge.timer) {
    badge.timer = setInterval(() => { if (!document.hidden) refreshBadges(false); }, BADGE_POLL);
  }
  const scope = can('case.register') || can('audit.read') ? 'office' : 'mine';
  const mine = badge.loading = api.get('/deadlines/summary', { scope }).then((s) => {
    if (badge.loading !== mine) return;
    const now = currentUser();
    if (!now || now.id !== user.id) return;
    Object.assign(badge, { summary: s, scope, userId: user.id, at: Date.now() });
    drawBadges();
  }, () => {
    // Leave the badge as it was; the next navigation tries again.
  }).finally(() => { if (badge.loading === mine) badge.loading = null; });
}

// ---------------------------------------------------------------------------------------------------------------------
// The bell (top bar): the reminders, every deadline kind of deadline_kinds[] that is overdue, due today or within its
// warning days, in the 期限 badge's scope (the office for 案管 and leaders, one's own otherwise), and the reminders of
// rotation and mentoring that concern the user (people, issue 14: shown to every signed-in user), from ONE request
// GET /api/v1/reminders: its total and the most urgent lines, each linking to its record. Refreshed every minute while
// the tab is visible and at once when it becomes visible again (a refresh already under way is not repeated, so
// there is never more than one request at a time). A capability that adds a deadline kind shows in the bell with
// nothing to do here: the line names the kind by its label, or by the name the server gives it; it links to the
// record's case, or to the NAV entry whose `entity` is the deadline's entity_kind.

const BELL_POLL = 60 * 1000;
const bell = { data: null, userId: null, at: 0, loading: null, timer: 0, open: false, listening: false };

/** reminderHref: the page of a reminder's record. */
/** reminderHref: the page of a reminder's (or any deadline's) record; the home page's queues use it too. */
export function reminderHref(d) {
  // a record with its own page (a 行刑衔接 item, a 检察建议) links there; a case's period to the case
  const n = d.entity_kind && d.entity_kind !== 'case' && NAV.find((e) => e.entity && e.entity === d.entity_kind);
  if (n) return n.href + '/' + encodeURIComponent(d.entity_id);
  // a reminder about a record of a list page (a rotation plan, a mentor pairing: people, issue 14) links to that list
  // when the user may read it, else to their own growth archive, which shows their stints and mentoring
  const list = d.entity_kind && NAV.find((e) => (e.entities || []).includes(d.entity_kind));
  if (list) return !list.permission || can(list.permission) ? list.href : '#/people/me';
  if (d.case_id) return '#/cases/' + encodeURIComponent(d.case_id);
  return '#/deadlines';
}

function reminderKind(d) {
  const l = t('deadline_kind.' + d.kind);
  return l !== 'deadline_kind.' + d.kind ? l : d.kind_name || d.kind;
}

function setBellOpen(open) {
  bell.open = open;
  const btn = document.querySelector('[data-testid=bell]');
  const panel = document.querySelector('[data-testid=bell-list]');
  if (btn) btn.setAttribute('aria-expanded', open ? 'true' : 'false');
  if (panel) panel.hidden = !open;
}

/** bellNodes: the button with its count and the dropdown, drawn from the last known reminders. */
function bellNodes() {
  const r = bell.userId === (currentUser() || {}).id ? bell.data : null;
  const n = r ? r.total : 0;
  const alert = r && r.items.some((d) => d.level === 'overdue' || d.level === 'due');
  const btn = el('button', { type: 'button', class: 'bell-button', testid: 'bell', 'aria-haspopup': 'true',
    'aria-expanded': bell.open ? 'true' : 'false', 'aria-controls': 'bell-list',
    'aria-label': t('bell.label', { n: r ? (r.total_capped ? n + '+' : n) : '…' }), title: t('bell.label', { n }),
    on: { click: (e) => { e.stopPropagation(); setBellOpen(!bell.open); if (bell.open) refreshBell(false); } } },
  el('span', { class: 'bell-icon', 'aria-hidden': 'true' }),
  el('span', { class: 'bell-text', 'aria-hidden': 'true', text: t('bell.text') }),
  el('span', { class: ['bell-count', alert ? 'is-alert' : null], testid: 'bell-count', hidden: !r || n === 0,
    dataset: { count: String(n), scope: r ? r.scope : '' }, text: r && r.total_capped ? n + '+' : String(n) }));
  const items = r ? r.items : [];
  const panel = el('div', { id: 'bell-list', class: 'bell-list', testid: 'bell-list', hidden: !bell.open,
    on: { click: (e) => { if (e.target.closest('a')) setBellOpen(false); } } },
  el('div', { class: 'bell-head', text: r ? t(r.scope === 'office' ? 'bell.title_office' : 'bell.title') : t('common.loading') }),
  r && !items.length ? el('p', { class: 'muted bell-empty', testid: 'bell-empty', text: t('bell.empty') }) : null,
  items.length ? el('ul', { class: 'bell-items' }, items.map((d) => el('li', null,
    el('a', { href: reminderHref(d), class: ['bell-item', levelClass(d.level)], testid: 'bell-item-' + d.id,
      dataset: { level: d.level, kind: d.kind } },
    el('span', { class: 'bell-item-top' },
      el('span', { class: ['badge', 'level-badge', levelClass(d.level)], text: t('level.' + d.level) }),
      el('span', { class: 'bell-kind', text: reminderKind(d) }),
      el('span', { class: 'bell-due nowrap', text: d.due_on || '' })),
    el('span', { class: 'bell-subject', text: [d.case_number, d.person_name].filter(Boolean).join(' ') || d.subject }))))) : null,
  r && can('case.read') ? el('a', { class: 'bell-all', testid: 'bell-all', href: '#/deadlines' + api.query(
    { scope: r.filter.scope === 'mine' ? '' : r.filter.scope, level: r.filter.level }),
  text: t('bell.all', { n: r.total_capped ? n + '+' : n }) }) : null);
  return [btn, panel];
}

function drawBell() {
  const area = document.getElementById('bell-area');
  if (!area) return;
  const user = currentUser();
  area.hidden = !user;
  if (area.hidden) { clear(area); return; }
  clear(area);
  for (const n of bellNodes()) area.appendChild(n);
}

/**
 * renderBell: draw the bell in the top bar (#bell-area) from the last reminders, fetch them when older than a
 * minute (or another user's), and start the minute's refresh and the refresh on becoming visible (once).
 */
export function renderBell() {
  drawBell();
  const user = currentUser();
  if (!user) return;
  refreshBell(false);
  if (!bell.timer) {
    bell.timer = setInterval(() => { if (!document.hidden) refreshBell(true); }, BELL_POLL);
  }
  if (!bell.listening) {
    bell.listening = true;
    document.addEventListener('visibilitychange', () => { if (!document.hidden) refreshBell(true); });
    document.addEventListener('click', (e) => { if (bell.open && !e.target.closest('#bell-area')) setBellOpen(false); });
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !bell.open) return;
      setBellOpen(false);
      const b = document.querySelector('[data-testid=bell]');
      if (b) b.focus();
    });
  }
}

/**
 * refreshBell: fetch the reminders again when the last answer is stale (older than a minute or another user's), or
 * whenever force is true; never while a fetch is under way. Failures leave the bell as it was.
 */
export function refreshBell(force) {
  const user = currentUser();
  if (!user || bell.loading) return bell.loading || Promise.resolve();
  const fresh = bell.userId === user.id && Date.now() - bell.at < BELL_POLL;
  if (!force && fresh) return Promise.resolve();
  const mine = bell.loading = api.get('/reminders').then((r) => {
    const now = currentUser();
    if (!now || now.id !== user.id) return;
    Object.assign(bell, { data: r, userId: user.id, at: Date.now() });
    drawBell();
  }, () => {
    // Leave the bell as it was; the next minute tries again.
  }).finally(() => { if (bell.loading === mine) bell.loading = null; });
  return mine;
}
