// nav.js: the navigation, as one array.
//
// Each entry is one page a user can reach from the side bar: key (gives the link data-testid "nav-<key>"), group (a
// heading from GROUPS, or null for the top), the i18n keys of its label and of its description on the home page, the
// hash it links to, the permission it needs (null, a code, or an array of codes of which any one suffices), and
// optionally a badge ('deadlines': the count of the user's overdue and due-today deadlines, see refreshBadges;
// 'approvals': the approvals waiting for the signed-in approver, see approvals.js). A new
// capability (案件, 期限, 行刑衔接, 检察建议, 线索, 信访, 队伍, 统计) adds its group to GROUPS and its pages to NAV;
// the side bar, the home page's quick links and the route guard all follow from here.

import * as api from './api.js';
import { el, clear } from './dom.js';
import { t } from './i18n.js';
import { can, currentUser } from './session.js';
import { approvalBadgeNodes, refreshApprovalBadge } from './approvals.js';

/** GROUPS: the headings of the side bar, in display order. */
export const GROUPS = [
  { key: 'cases', label: 'nav.group.cases' },
  { key: 'tools', label: 'nav.group.tools' },
  { key: 'admin', label: 'nav.group.admin' },
];

/** NAV: every page in the navigation, in display order within its group. */
export const NAV = [
  { key: 'home', group: null, label: 'nav.home', href: '#/', permission: null },
  { key: 'cases', group: 'cases', label: 'nav.cases', desc: 'home.desc.cases', href: '#/cases', permission: 'case.read' },
  { key: 'deadlines', group: 'cases', label: 'nav.deadlines', desc: 'home.desc.deadlines', href: '#/deadlines',
    permission: 'case.read', badge: 'deadlines' },
  { key: 'approvals', group: 'cases', label: 'nav.approvals', desc: 'home.desc.approvals', href: '#/approvals',
    permission: ['approval.decide', 'case.decide'], badge: 'approvals' },
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
