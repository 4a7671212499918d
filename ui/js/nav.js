// nav.js: the navigation, as one array.
//
// Each entry is one page a user can reach from the side bar: key (gives the link data-testid "nav-<key>"), group (a
// heading from GROUPS, or null for the top), the i18n keys of its label and of its description on the home page, the
// hash it links to, and the permission it needs (null, a code, or an array of codes of which any one suffices). A new
// capability (案件, 期限, 行刑衔接, 检察建议, 线索, 信访, 队伍, 统计) adds its group to GROUPS and its pages to NAV;
// the side bar, the home page's quick links and the route guard all follow from here.

import { el, clear } from './dom.js';
import { t } from './i18n.js';
import { can } from './session.js';

/** GROUPS: the headings of the side bar, in display order. */
export const GROUPS = [
  { key: 'admin', label: 'nav.group.admin' },
];

/** NAV: every page in the navigation, in display order within its group. */
export const NAV = [
  { key: 'home', group: null, label: 'nav.home', href: '#/', permission: null },
  { key: 'orgs', group: 'admin', label: 'nav.orgs', desc: 'home.desc.orgs', href: '#/admin/orgs',
    permission: 'admin.manage' },
  { key: 'departments', group: 'admin', label: 'nav.departments', desc: 'home.desc.departments',
    href: '#/admin/departments', permission: 'admin.manage' },
  { key: 'users', group: 'admin', label: 'nav.users', desc: 'home.desc.users', href: '#/admin/users',
    permission: 'admin.manage' },
  { key: 'audit', group: 'admin', label: 'nav.audit', desc: 'home.desc.audit', href: '#/admin/audit',
    permission: ['admin.manage', 'audit.read'] },
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
    'aria-current': n.key === activeKey ? 'page' : null, text: t(n.label),
  }));
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
}
