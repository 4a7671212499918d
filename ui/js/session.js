// session.js: the signed-in user, held in memory for the life of the page.
//
// The session itself is the server's HttpOnly cookie; this module keeps the User object and the CSRF token that came
// with it (from POST or GET /api/v1/session) and answers permission questions for the navigation and the router.

import { setCsrfToken } from './api.js';

let current = null;

/** setSession: remember {user, csrf_token} from a session reply (null to forget). */
export function setSession(reply) {
  current = reply && reply.user ? { user: reply.user, csrfToken: reply.csrf_token || '' } : null;
  setCsrfToken(current ? current.csrfToken : '');
}

/** updateUser: replace the remembered user (after the user's own record changed). */
export function updateUser(user) {
  if (current && user && user.id === current.user.id) current.user = user;
}

/** currentUser: the signed-in User, or null. */
export function currentUser() {
  return current ? current.user : null;
}

/**
 * can: whether the signed-in user may use something that requires perm. perm is null (anyone signed in), a permission
 * code, or an array of codes of which any one suffices.
 */
export function can(perm) {
  if (!current) return false;
  if (!perm) return true;
  const have = current.user.permissions || [];
  return Array.isArray(perm) ? perm.some((p) => have.includes(p)) : have.includes(perm);
}
