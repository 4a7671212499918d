// pages/home.js: the home page (#/): who is signed in, links to what they can do, and for an approver a notice of the
// approvals waiting for them (linking to #/approvals).

import { el, pageHeader, rolesText } from '../dom.js';
import { t } from '../i18n.js';
import { visibleEntries } from '../nav.js';
import { currentUser, can } from '../session.js';
import { refreshApprovalBadge } from '../approvals.js';

/** render: greeting, the user's organisation, department and roles, and one card per page the user may open. */
export function render(root) {
  const user = currentUser();
  const links = visibleEntries().filter((n) => n.key !== 'home')
    .map((n) => ({ key: n.key, href: n.href, title: t(n.label), desc: n.desc ? t(n.desc) : '' }));
  links.push({ key: 'password', href: '#/password', title: t('menu.password'), desc: t('home.desc.password') });

  root.appendChild(pageHeader(t('home.greeting', { name: user.name })));
  document.title = t('home.title') + ' - ' + t('app.title_suffix');
  const item = (term, value, testid) => [el('dt', { text: term }), el('dd', { text: value, testid })];
  root.appendChild(el('section', { class: 'panel' },
    el('dl', { class: 'profile', testid: 'home-profile' },
      item(t('home.org'), user.org_name || '', 'home-org'),
      item(t('home.department'), user.department_name || t('home.no_department'), 'home-department'),
      item(t('home.roles'), rolesText(user.roles), 'home-roles'),
      item(t('home.login'), user.login, 'home-login'))));
  if (can('approval.decide')) {
    const notice = el('div', { class: 'alert alert-warn', testid: 'home-approvals', hidden: true });
    root.appendChild(notice);
    refreshApprovalBadge(true).then((n) => {
      if (!n || !notice.isConnected) return;
      notice.appendChild(el('a', { href: '#/approvals', testid: 'home-approvals-link', text: t('home.approvals_pending', { n }) }));
      notice.hidden = false;
    });
  }
  root.appendChild(el('section', { class: 'panel' },
    el('h2', { class: 'panel-title', text: t('home.quick_links') }),
    links.length
      ? el('ul', { class: 'quick-links', testid: 'quick-links' }, links.map((l) => el('li', null,
        el('a', { href: l.href, class: 'quick-link', testid: 'quick-' + l.key },
          el('span', { class: 'quick-link-title', text: l.title }),
          el('span', { class: 'quick-link-desc', text: l.desc })))))
      : el('p', { class: 'muted', text: t('home.no_links') })));
}
