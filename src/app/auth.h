/* auth.h: sign-in, sessions and own-password change.
 *
 * A session token is 256 random bits (64 hex characters) given to the browser in an HttpOnly cookie; the database
 * keeps only its SHA-256. Each session has its own random CSRF token, which state-changing requests must echo in
 * the X-CSRF-Token header. Five failed sign-ins in a row lock the account for 15 minutes. A session ends 12 hours
 * after sign-in, or after 2 hours without a request. */
#ifndef JW_AUTH_H
#define JW_AUTH_H
#include <jansson.h>

#include "app/audit.h"
#include "lib/err.h"
#include "store/db.h"

#define AUTH_MAX_FAILURES    5
#define AUTH_LOCK_SECONDS    (15 * 60)
#define AUTH_SESSION_SECONDS (12 * 3600)
#define AUTH_IDLE_SECONDS    (2 * 3600)
#define AUTH_TOUCH_SECONDS   60 /* last_seen is written at most once a minute */
#define AUTH_TOKEN_HEX       64

typedef struct AuthSession {
  Actor actor; /* actor.zLogin points into zLogin */
  char zLogin[64];
  char zCsrf[AUTH_TOKEN_HEX + 1];
  char zTokenHash[AUTH_TOKEN_HEX + 1];
} AuthSession;

/* Signs in with {"login","password"}. On success fills zToken (the cookie value), zCsrf and *outUser (new reference)
 * and returns 0; on failure returns -1 with e: 401 login_failed, 423 account_locked, 400 validation_failed. */
int auth_login(Db *db, const json_t *in, char zToken[AUTH_TOKEN_HEX + 1], char zCsrf[AUTH_TOKEN_HEX + 1],
               json_t **outUser, JwErr *e);
/* Looks up the session of a cookie token. 1 when valid (out filled), 0 when not, -1 on a database error. */
int auth_session_check(Db *db, const char *zToken, AuthSession *out);
/* 1 when zGiven equals the session's CSRF token (constant-time), else 0. */
int auth_csrf_ok(const AuthSession *s, const char *zGiven);
int auth_logout(Db *db, const AuthSession *s, JwErr *e);
/* {"old_password","new_password"}; other sessions of the user end. */
int auth_change_password(Db *db, const AuthSession *s, const json_t *in, JwErr *e);

#endif
