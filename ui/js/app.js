// app.js: boot, the hash router and the page shell (header, side bar, user menu, toast).
//
// Boot asks GET /api/v1/session whether a session exists, then renders the route in location.hash. Routes are
// '#/path?query'; each route names its page module, its navigation key (for the highlighted side-bar link and, through
// nav.js, its required permission) and whether it is public. A page module exports render(root, ctx): root is a fresh
// <div> that replaces the previous page (so a late reply for a page the user has left lands in a detached element),
// ctx = {params, query, navigate(hash, {replace}), toast(text), refreshShell()}.

import * as api from './api.js';
import { el, clear, replace, errorMessage } from './dom.js';
import { t } from './i18n.js';
import { navEntry, renderBell, renderNav } from './nav.js';
import { installPrint } from './print.js';
import { setSession, currentUser, can } from './session.js';

import * as loginPage from './pages/login.js';
import * as homePage from './pages/home.js';
import * as passwordPage from './pages/password.js';
import * as orgsPage from './pages/orgs.js';
import * as departmentsPage from './pages/departments.js';
import * as usersPage from './pages/users.js';
import * as userFormPage from './pages/user_form.js';
import * as auditPage from './pages/audit.js';
import * as casesPage from './pages/cases.js';
import * as caseFormPage from './pages/case_form.js';
import * as casePage from './pages/case.js';
import * as deadlinesPage from './pages/deadlines.js';
import * as calendarPage from './pages/calendar.js';
import * as duePage from './pages/due.js';
import * as fastTrackPage from './pages/fast_track.js';
import * as deadlineWarningsPage from './pages/deadline_warnings.js';
import * as powerListPage from './pages/power_list.js';
import * as approvalsPage from './pages/approvals.js';
import * as agenciesPage from './pages/agencies.js'; // issue 10 (agencies)
import * as agencyFormPage from './pages/agency_form.js';
// documents (issue 10 §4)
import * as documentPage from './pages/document.js';
import * as documentsPage from './pages/documents.js';
import * as documentTemplatesPage from './pages/document_templates.js';
import * as linkagePage from './pages/linkage.js'; // linkage (issue 10)
import * as linkageItemPage from './pages/linkage_item.js';
// suggestions (issue 10)
import * as suggestionsPage from './pages/suggestions.js';
import * as suggestionPage from './pages/suggestion.js';
import * as suggestionFormPage from './pages/suggestion_form.js';
// stats (issue 11)
import * as statsPage from './pages/stats.js';
import * as statsConfigPage from './pages/stats_config.js';
// imports (issue 12)
import * as importsPage from './pages/imports.js';
// petitions (issue 13)
import * as petitionsPage from './pages/petitions.js';
import * as petitionPage from './pages/petition.js';
import * as petitionFormPage from './pages/petition_form.js';
// people (issue 14)
import * as peoplePage from './pages/people.js';
import * as personPage from './pages/person.js';
// leads (issue 12 §3): data-matching models and leads
import * as leadsPage from './pages/leads.js';

/** ROUTES: path pattern (':name' captures one segment), page module, nav key, permission override, public flag. */
const ROUTES = [
  { path: '/login', page: loginPage, public: true },
  { path: '/', page: homePage, nav: 'home' },
  { path: '/password', page: passwordPage },
  { path: '/admin/orgs', page: orgsPage, nav: 'orgs' },
  { path: '/admin/departments', page: departmentsPage, nav: 'departments' },
  { path: '/admin/users', page: usersPage, nav: 'users' },
  { path: '/admin/users/new', page: userFormPage, nav: 'users' },
  { path: '/admin/users/:id', page: userFormPage, nav: 'users' },
  { path: '/admin/audit', page: auditPage, nav: 'audit' },
  { path: '/admin/calendar', page: calendarPage, nav: 'calendar' },
  { path: '/admin/fast-track', page: fastTrackPage, nav: 'fast-track' },
  { path: '/admin/deadline-warnings', page: deadlineWarningsPage, nav: 'deadline-warnings' },
  { path: '/admin/power-list', page: powerListPage, nav: 'power-list' },
  { path: '/approvals', page: approvalsPage, nav: 'approvals' },
  { path: '/cases', page: casesPage, nav: 'cases' },
  { path: '/cases/new', page: caseFormPage, nav: 'cases', permission: 'case.register' },
  { path: '/cases/:id', page: casePage, nav: 'cases' },
  { path: '/deadlines', page: deadlinesPage, nav: 'deadlines' },
  { path: '/tools/due', page: duePage, nav: 'due' },
  // issue 10 (agencies): the registry of agencies
  { path: '/agencies', page: agenciesPage, nav: 'agencies' },
  { path: '/agencies/new', page: agencyFormPage, nav: 'agencies', permission: 'agency.manage' },
  { path: '/agencies/:id', page: agencyFormPage, nav: 'agencies' },
  // documents (issue 10 §4)
  { path: '/documents', page: documentsPage, nav: 'documents' },
  { path: '/documents/:id', page: documentPage, nav: 'documents' },
  { path: '/admin/document-templates', page: documentTemplatesPage, nav: 'document-templates' },
  // linkage (issue 10)
  { path: '/linkage', page: linkagePage, nav: 'linkage' },
  { path: '/linkage/:id', page: linkageItemPage, nav: 'linkage' },
  // suggestions (issue 10)
  { path: '/suggestions', page: suggestionsPage, nav: 'suggestions' },
  { path: '/suggestions/new', page: suggestionFormPage, nav: 'suggestions', permission: 'suggestion.handle' },
  { path: '/suggestions/:id', page: suggestionPage, nav: 'suggestions' },
  // stats (issue 11)
  { path: '/stats', page: statsPage, nav: 'stats' },
  { path: '/admin/stats-config', page: statsConfigPage, nav: 'stats-config' },
  // imports (issue 12)
  { path: '/imports', page: importsPage, nav: 'imports', permission: 'data.import' },
  // petitions (issue 13)
  { path: '/petitions', page: petitionsPage, nav: 'petitions' },
  { path: '/petitions/new', page: petitionFormPage, nav: 'petitions', permission: 'petition.handle' },
  { path: '/petitions/:id', page: petitionPage, nav: 'petitions' },
  // people (issue 14): the staff, one growth archive (anyone reads their own: #/people/me), the lists
  { path: '/people', page: peoplePage, nav: 'people' },
  { path: '/people/:id', page: personPage, nav: 'my-archive', permission: 'self' },
  { path: '/rotation', page: { render: peoplePage.renderRotation }, nav: 'rotation' },
  { path: '/mentors', page: { render: peoplePage.renderMentors }, nav: 'mentors' },
  { path: '/courses', page: { render: peoplePage.renderCourses }, nav: 'courses' },
  // leads (issue 12 §3): the leads, one lead, the models
  { path: '/leads', page: leadsPage, nav: 'leads', permission: 'lead.read' },
  { path: '/leads/:id', page: { render: leadsPage.renderLead }, nav: 'leads', permission: 'lead.read' },
  { path: '/match-models', page: { render: leadsPage.renderModels }, nav: 'match-models',
    permission: ['lead.read', 'model.manage'] },
];

const $ = (id) => document.getElementById(id);
let toastTimer = 0;
let menuOpen = false;

/** parseHash: split location.hash into {path, query (URLSearchParams), raw}. '' and '#' mean '/'. */
function parseHash() {
  let raw = location.hash.replace(/^#/, '');
  if (!raw.startsWith('/')) raw = '/' + raw;
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)).replace(/\/+$/, '') || '/';
  const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  return { path, query, raw };
}

/** matchRoute: the route and captured params for path, or null. */
function matchRoute(path) {
  const segs = path.split('/').filter(Boolean);
  for (const r of ROUTES) {
    const pat = r.path.split('/').filter(Boolean);
    if (pat.length !== segs.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < pat.length && ok; i++) {
      if (pat[i].startsWith(':')) params[pat[i].slice(1)] = decodeURIComponent(segs[i]);
      else ok = pat[i] === segs[i];
    }
    if (ok) return { route: r, params };
  }
  return null;
}

/** navigate: go to hash ('#/...'); with replace, without a new history entry. Re-renders even if hash is unchanged. */
export function navigate(hash, opts) {
  if (location.hash === hash || (hash === '#/' && (location.hash === '' || location.hash === '#'))) {
    render();
  } else if (opts && opts.replace) {
    location.replace(hash);
  } else {
    location.hash = hash;
  }
}

/** toast: show a short confirmation at the bottom of the screen for a few seconds (a falsy text hides it now). */
export function toast(text) {
  const box = $('toast');
  if (!text) {
    clearTimeout(toastTimer);
    box.hidden = true;
    return;
  }
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, 4000);
}

function loginHashFor(parsed) {
  const next = parsed.raw === '/' || parsed.path === '/login' ? '' : parsed.raw;
  return '#/login' + (next ? '?next=' + encodeURIComponent(next) : '');
}

// ---------------------------------------------------------------------------------------------------------------------
// Shell

function setMenu(open) {
  const btn = $('user-menu');
  const list = $('user-menu-list');
  if (!btn || !list) return;
  menuOpen = open;
  btn.setAttribute('aria-expanded', open ? 'true' : 'false');
  list.hidden = !open;
}

async function logout() {
  setMenu(false);
  try {
    await api.del('/session', { quiet401: true });
  } catch (e) {
    // The session is gone either way; the login page is the right place to be.
  }
  setSession(null);
  navigate('#/login');
}

/** renderShell: header text, user menu and side bar for the current session and navigation key. */
function renderShell(navKey) {
  const user = currentUser();
  $('brand-name').textContent = t('app.name');
  $('brand-sub').textContent = user ? user.org_name || '' : t('app.subtitle');
  $('brand').setAttribute('aria-label', t('app.name'));
  $('nav').setAttribute('aria-label', t('nav.label'));
  document.body.classList.toggle('signed-in', !!user);
  $('sidebar').hidden = !user;
  $('user-area').hidden = !user;
  if (!user) {
    clear($('user-area'));
    clear($('nav'));
    renderBell();
    return;
  }
  renderNav($('nav'), navKey);
  renderBell();
  const area = $('user-area');
  if (!$('user-menu') || area.dataset.userId !== String(user.id) || area.dataset.userName !== user.name) {
    area.dataset.userId = String(user.id);
    area.dataset.userName = user.name;
    const btn = el('button', {
      type: 'button', id: 'user-menu', class: 'user-menu-button', testid: 'user-menu', 'aria-haspopup': 'true',
      'aria-expanded': 'false', 'aria-controls': 'user-menu-list', title: t('menu.user'),
      on: { click: (e) => { e.stopPropagation(); setMenu(!menuOpen); if (menuOpen) $('menu-password').focus(); } },
    }, el('span', { class: 'user-avatar', 'aria-hidden': 'true', text: Array.from(user.name || user.login)[0] || '' }),
    el('span', { class: 'user-name', text: user.name }),
    el('span', { class: 'caret', 'aria-hidden': 'true' }));
    const list = el('ul', { id: 'user-menu-list', class: 'user-menu-list', role: 'menu', hidden: true },
      el('li', { role: 'none', class: 'user-menu-info' },
        el('div', { class: 'user-menu-login', text: user.login }),
        el('div', { class: 'user-menu-dept', text: user.department_name || '' })),
      el('li', { role: 'none' }, el('a', {
        role: 'menuitem', id: 'menu-password', href: '#/password', testid: 'menu-password', text: t('menu.password'),
        on: { click: () => setMenu(false) },
      })),
      el('li', { role: 'none' }, el('button', {
        role: 'menuitem', type: 'button', id: 'logout', testid: 'logout', text: t('menu.logout'),
        on: { click: logout },
      })));
    replace(area, el('div', { class: 'user-menu' }, btn, list));
    menuOpen = false;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Router

function messagePage(title, hint, withHomeLink) {
  document.title = title + ' - ' + t('app.title_suffix');
  return el('div', { class: 'message-page' },
    el('h1', { testid: 'page-title', text: title }),
    el('p', { class: 'muted', text: hint }),
    withHomeLink ? el('p', null, el('a', { href: '#/', class: 'btn', text: t('app.back_home') })) : null);
}

/** render: draw the page for the current hash. */
function render() {
  setMenu(false);
  const parsed = parseHash();
  const match = matchRoute(parsed.path);
  const user = currentUser();
  const main = $('app');

  if (match && match.route.public && user) {
    // Signed in already: the login page has nothing to offer.
    navigate('#/', { replace: true });
    return;
  }
  if (!user && !(match && match.route.public)) {
    navigate(loginHashFor(parsed), { replace: true });
    return;
  }

  const route = match ? match.route : null;
  renderShell(route ? route.nav : null);
  const root = el('div', { class: 'page' });
  if (route && route.public) root.classList.add('page-public');
  replace(main, root);
  main.classList.toggle('main-public', !!(route && route.public));

  if (!route) {
    root.appendChild(messagePage(t('app.not_found'), t('app.not_found_hint', { path: parsed.raw }), true));
    return;
  }
  const perm = route.permission !== undefined ? route.permission : (route.nav ? navEntry(route.nav).permission : null);
  if (!route.public && !can(perm)) {
    root.appendChild(messagePage(t('app.forbidden'), t('app.forbidden_hint'), true));
    return;
  }
  const ctx = { params: match.params, query: parsed.query, navigate, toast, refreshShell: () => renderShell(route.nav) };
  try {
    const p = route.page.render(root, ctx);
    if (p && typeof p.catch === 'function') {
      p.catch((err) => { if (root.isConnected) root.appendChild(el('div', { class: 'alert alert-error', role: 'alert', text: errorMessage(err) })); });
    }
  } catch (err) {
    root.appendChild(el('div', { class: 'alert alert-error', role: 'alert', text: errorMessage(err) }));
  }
  if (!main.contains(document.activeElement)) main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

// ---------------------------------------------------------------------------------------------------------------------
// Boot

async function boot() {
  renderShell(null);
  const main = $('app');
  replace(main, el('div', { class: 'state state-loading boot', role: 'status', text: t('app.loading') }));
  try {
    const reply = await api.get('/session', null, { quiet401: true });
    setSession(reply);
  } catch (err) {
    if (!(err.status === 401)) {
      document.title = t('app.boot_failed') + ' - ' + t('app.title_suffix');
      replace(main, el('div', { class: 'message-page' },
        el('h1', { testid: 'page-title', text: t('app.boot_failed') }),
        el('p', { class: 'muted', text: err.status ? errorMessage(err) : t('app.boot_failed_hint') }),
        el('p', null, el('button', { type: 'button', class: 'btn btn-primary', text: t('app.retry'), on: { click: boot } }))));
      return;
    }
    setSession(null);
  }
  render();
}

api.onUnauthenticated(() => {
  if (!currentUser()) return;
  setSession(null);
  toast(t('app.session_expired'));
  navigate(loginHashFor(parseHash()), { replace: true });
});

window.addEventListener('hashchange', render);
document.addEventListener('click', (e) => {
  if (menuOpen && !e.target.closest('.user-menu')) setMenu(false);
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && menuOpen) {
    setMenu(false);
    const btn = $('user-menu');
    if (btn) btn.focus();
  }
});

installPrint();
boot();
