/* auth.h: sign-in, sessions and own-password change.
 *
 * A session token is 256 random bits (64 hex characters) given to the browser in an HttpOnly cookie; the database
 * keeps only its SHA-256. Each session has its own random CSRF token, which state-changing requests must echo in
 * the X-CSRF-Token header. A session ends 12 hours after sign-in, or after 2 hours without a request.
 *
 * Sign-in limits (docs/api.md "Sign-in limits"), the same for logins that exist and logins that do not, so the
 * answers tell nothing about which logins exist:
 *  - per (login, client address) pair: the 5th failure in a row locks the pair for 15 minutes (423
 *    account_locked); the account stays usable from every other address, so someone guessing from one machine
 *    cannot lock its owner out. A success forgets the pair; an administrator's unlock or password reset forgets
 *    every pair of the login.
 *  - per client address, any login: 20 failures in an hour are free; each further one makes the address wait
 *    2, 4, 8 ... seconds (at most 15 minutes) before its next attempt (429 too_many_attempts).
 * Each attempt is counted in the same write transaction as the check, before the password is verified, so a
 * parallel burst gets exactly the allowed number of guesses checked. */
#ifndef JW_AUTH_H
#define JW_AUTH_H
#include <jansson.h>

#include "app/audit.h"
#include "lib/err.h"
#include "store/db.h"

#define AUTH_MAX_FAILURES          5         /* per (login, address): the 5th failure in a row locks the pair */
#define AUTH_LOCK_SECONDS          (15 * 60) /* and for this long; a quiet pair also restarts its count */
#define AUTH_ADDRESS_FREE_FAILURES 20        /* per address in AUTH_ADDRESS_WINDOW before the back-off */
#define AUTH_ADDRESS_WINDOW        3600      /* a failure older than this restarts the address count */
#define AUTH_ADDRESS_MAX_WAIT      (15 * 60) /* the back-off doubles from 1 s up to this */
#define AUTH_SESSION_SECONDS       (12 * 3600)
#define AUTH_IDLE_SECONDS          (2 * 3600)
#define AUTH_TOUCH_SECONDS         60 /* last_seen is written at most once a minute */
#define AUTH_TOKEN_HEX             64

typedef struct AuthSession {
  Actor actor; /* actor.zLogin points into zLogin */
  char zLogin[64];
  char zCsrf[AUTH_TOKEN_HEX + 1];
  char zTokenHash[AUTH_TOKEN_HEX + 1];
} AuthSession;

/* Signs in with {"login","password"} from the client address zAddress (text, as the server sees the peer). On
 * success fills zToken (the cookie value), zCsrf and *outUser (new reference) and returns 0; on failure returns -1
 * with e: 401 login_failed, 423 account_locked, 429 too_many_attempts, 400 validation_failed. */
int auth_login(Db *db, const json_t *in, const char *zAddress, char zToken[AUTH_TOKEN_HEX + 1],
               char zCsrf[AUTH_TOKEN_HEX + 1], json_t **outUser, JwErr *e);
/* An administrator unlocks a user of their organisation: every (login, address) lock of the user's login is
 * forgotten; audited as user.unlock. 404 when the user is not in the actor's organisation. */
int auth_unlock_user(Db *db, const Actor *actor, int64_t userId, JwErr *e);
/* Looks up the session of a cookie token. 1 when valid (out filled), 0 when not, -1 on a database error. */
int auth_session_check(Db *db, const char *zToken, AuthSession *out);
/* 1 when zGiven equals the session's CSRF token (constant-time), else 0. */
int auth_csrf_ok(const AuthSession *s, const char *zGiven);
int auth_logout(Db *db, const AuthSession *s, JwErr *e);
/* {"old_password","new_password"}; other sessions of the user end. */
int auth_change_password(Db *db, const AuthSession *s, const json_t *in, JwErr *e);

#endif
