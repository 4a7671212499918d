/* auth.c: sign-in, sessions and own-password change (see auth.h). */
#include "app/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts.h"
#include "lib/jsonin.h"
#include "lib/timeutil.h"
#include "store/accounts_store.h"

/* Fills out with 64 hex characters of fresh randomness. */
static void auth_random_hex(char out[AUTH_TOKEN_HEX + 1]) {
  unsigned char b[AUTH_TOKEN_HEX / 2];
  randombytes_buf(b, sizeof b);
  sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, b, sizeof b);
}

/* SHA-256 of a token, as 64 hex characters. */
static void auth_token_hash(const char *zToken, char out[AUTH_TOKEN_HEX + 1]) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, (const unsigned char *)zToken, strlen(zToken));
  sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, h, sizeof h);
}

/* A valid Argon2id hash of a random password, verified against when the login does not exist, so that an unknown
 * login takes as long as a wrong password. Computed once. */
static const char *auth_dummy_hash(void) {
  static char zDummy[crypto_pwhash_STRBYTES];
  static int done;
  if (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
    char zPw[AUTH_TOKEN_HEX + 1], zTmp[crypto_pwhash_STRBYTES];
    auth_random_hex(zPw);
    if (accounts_hash_password(zPw, zTmp) == 0) {
      memcpy(zDummy, zTmp, sizeof zTmp);
      __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
    }
  }
  return zDummy;
}

/* The 423 for a locked (login, address) pair: the same words for every login, existing or not. */
static int auth_locked_error(JwErr *e, int64_t lockedUntil, int64_t now) {
  return err_set(e, 423, "account_locked", NULL,
                 "登录失败次数过多，该账号在本机已锁定，请 %lld 分钟后再试，或请管理员解锁",
                 (long long)((lockedUntil - now + 59) / 60));
}

/* Counts one sign-in attempt for (zLogin, zAddress) before its password is checked, in one write transaction with
 * the check: refuses (-1, e: 429 or 423) when the address must wait or the pair is locked; otherwise records the
 * attempt as a failure (a success takes it back), locks the pair when this is its AUTH_MAX_FAILURES-th failure in a
 * row, and returns 0 with *pLocks set when it did. */
static int auth_count_attempt(Db *db, const char *zLogin, const char *zAddress, int64_t now, int *pLocks, JwErr *e) {
  *pLocks = 0;
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  LoginThrottle t;
  if (login_throttle_get(db, zLogin, zAddress, &t)) {
    db_rollback(db);
    return err_internal(e, db_errmsg(db));
  }
  if (t.addressBlockedUntil > now) {
    db_rollback(db);
    return err_set(e, 429, "too_many_attempts", NULL, "本机登录尝试过于频繁，请 %lld 秒后再试",
                   (long long)(t.addressBlockedUntil - now));
  }
  if (t.pairLockedUntil > now) {
    db_rollback(db);
    return auth_locked_error(e, t.pairLockedUntil, now);
  }
  /* A lock that ran out, or a pair quiet for a lock period, starts counting again. */
  if (t.pairLockedUntil || t.pairUpdatedAt + AUTH_LOCK_SECONDS <= now) t.pairFailures = 0;
  t.pairLockedUntil = 0;
  if (++t.pairFailures >= AUTH_MAX_FAILURES) {
    t.pairLockedUntil = now + AUTH_LOCK_SECONDS;
    *pLocks = 1;
  }
  if (t.addressLastFailure + AUTH_ADDRESS_WINDOW <= now) t.addressFailures = 0;
  t.addressLastFailure = now;
  int over = ++t.addressFailures - AUTH_ADDRESS_FREE_FAILURES;
  t.addressBlockedUntil = 0;
  if (over > 0) {
    int64_t wait = over >= 20 ? AUTH_ADDRESS_MAX_WAIT : (int64_t)1 << over; /* 2, 4, 8 ... seconds */
    t.addressBlockedUntil = now + (wait < AUTH_ADDRESS_MAX_WAIT ? wait : AUTH_ADDRESS_MAX_WAIT);
  }
  if (login_throttle_put(db, zLogin, zAddress, &t, now) || db_commit(db)) {
    db_rollback(db);
    return err_internal(e, db_errmsg(db));
  }
  return 0;
}

/* Audits a failed sign-in of an existing user (locked: this failure locked the pair). Best effort: the attempt is
 * already counted. */
static void auth_audit_failure(Db *db, const UserAuth *u, const char *zLogin, const char *zAddress, int locked) {
  JwErr ignore;
  if (db_begin(db)) return;
  Actor who = {.userId = u->id, .orgId = u->orgId, .zLogin = zLogin};
  json_t *after = json_pack("{s:s, s:s, s:b}", "login", zLogin, "address", zAddress, "locked", locked);
  if (audit_append(db, &who, "session.login_failed", "user", audit_id(u->id).z, NULL, after, &ignore) == 0) {
    db_commit(db);
  } else {
    db_rollback(db);
  }
  json_decref(after);
}

int auth_login(Db *db, const json_t *in, const char *zAddress, char zToken[AUTH_TOKEN_HEX + 1],
               char zCsrf[AUTH_TOKEN_HEX + 1], json_t **outUser, JwErr *e) {
  static const JinField fields[] = {{"login", JIN_STRING, 1, 1, 64}, {"password", JIN_STRING, 1, 1, 1024}};
  if (jin_check(in, fields, 2, e)) return -1;
  const char *zLogin = jin_str(in, "login"), *zPassword = jin_str(in, "password");
  if (!zAddress || !*zAddress) zAddress = "-";
  int64_t now = time_now();
  int locks = 0;
  if (auth_count_attempt(db, zLogin, zAddress, now, &locks, e)) return -1;
  UserAuth u = {0};
  int found = user_store_auth_by_login(db, zLogin, &u);
  if (found < 0) return err_internal(e, db_errmsg(db));
  /* Verify outside any transaction: Argon2id is slow and must not hold the write lock. An unknown login is verified
   * against a dummy hash, so it takes as long. */
  int ok = crypto_pwhash_str_verify(found ? u.zHash : auth_dummy_hash(), zPassword, strlen(zPassword)) == 0;
  free(u.zHash);
  if (!found || !ok || !u.active) {
    if (found) auth_audit_failure(db, &u, zLogin, zAddress, locks);
    return err_set(e, 401, "login_failed", NULL, "登录名或密码错误");
  }
  char zHash[AUTH_TOKEN_HEX + 1];
  auth_random_hex(zToken);
  auth_random_hex(zCsrf);
  auth_token_hash(zToken, zHash);
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  Actor who = {.userId = u.id, .orgId = u.orgId, .zLogin = zLogin};
  int rc = 0;
  /* Re-check inside the write transaction: the account may have been disabled while the password was verified. */
  UserAuth fresh = {0};
  if (user_store_auth_by_id(db, u.id, &fresh) != 1) rc = err_internal(e, db_errmsg(db));
  else if (!fresh.active) rc = err_set(e, 401, "login_failed", NULL, "登录名或密码错误");
  free(fresh.zHash);
  if (!rc && (login_throttle_success(db, zLogin, zAddress, AUTH_ADDRESS_FREE_FAILURES) ||
              session_store_purge_expired(db, now) || login_throttle_purge(db, now - 24 * 3600) ||
              session_store_insert(db, zHash, u.id, zCsrf, now, now + AUTH_SESSION_SECONDS))) {
    rc = err_internal(e, db_errmsg(db));
  }
  if (!rc) rc = audit_append(db, &who, "session.login", "user", audit_id(u.id).z, NULL, NULL, e);
  if (rc) {
    db_rollback(db);
    return -1;
  }
  if (db_commit(db)) return err_internal(e, db_errmsg(db));
  *outUser = user_store_get(db, u.orgId, u.id);
  return 0;
}

int auth_unlock_user(Db *db, const Actor *actor, int64_t userId, JwErr *e) {
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  json_t *u = user_store_get(db, actor->orgId, userId);
  if (!u) rc = err_set(e, 404, "not_found", NULL, "用户不存在");
  json_t *before =
      u ? json_pack("{s:I}", "locked_until", json_integer_value(json_object_get(u, "locked_until"))) : NULL;
  if (!rc && login_throttle_clear_login(db, json_string_value(json_object_get(u, "login")))) {
    rc = err_internal(e, db_errmsg(db));
  }
  if (!rc) rc = audit_append(db, actor, "user.unlock", "user", audit_id(userId).z, before, NULL, e);
  json_decref(before);
  json_decref(u);
  if (rc) {
    db_rollback(db);
    return -1;
  }
  return db_commit(db) ? err_internal(e, db_errmsg(db)) : 0;
}

int auth_session_check(Db *db, const char *zToken, AuthSession *out) {
  if (!zToken || strlen(zToken) != AUTH_TOKEN_HEX) return 0;
  for (const char *p = zToken; *p; p++) {
    if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return 0;
  }
  char zHash[AUTH_TOKEN_HEX + 1];
  auth_token_hash(zToken, zHash);
  SessionRow row;
  int found = session_store_get(db, zHash, &row);
  if (found != 1) return found;
  int64_t now = time_now();
  if (!row.active || row.expiresAt <= now || row.lastSeen + AUTH_IDLE_SECONDS <= now) return 0;
  if (row.lastSeen + AUTH_TOUCH_SECONDS <= now && session_store_touch(db, zHash, now)) return -1;
  memset(out, 0, sizeof *out);
  snprintf(out->zLogin, sizeof out->zLogin, "%s", row.zLogin);
  memcpy(out->zCsrf, row.zCsrf, sizeof out->zCsrf);
  memcpy(out->zTokenHash, zHash, sizeof zHash);
  out->actor.userId = row.userId;
  out->actor.orgId = row.orgId;
  out->actor.departmentId = row.departmentId;
  out->actor.zLogin = out->zLogin;
  out->actor.perms = user_store_permissions(db, row.userId);
  return 1;
}

int auth_csrf_ok(const AuthSession *s, const char *zGiven) {
  if (!zGiven || strlen(zGiven) != AUTH_TOKEN_HEX) return 0;
  return sodium_memcmp(s->zCsrf, zGiven, AUTH_TOKEN_HEX) == 0;
}

int auth_logout(Db *db, const AuthSession *s, JwErr *e) {
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  if (session_store_delete(db, s->zTokenHash) ||
      audit_append(db, &s->actor, "session.logout", "user", audit_id(s->actor.userId).z, NULL, NULL, e)) {
    db_rollback(db);
    return err_internal(e, db_errmsg(db));
  }
  return db_commit(db) ? err_internal(e, db_errmsg(db)) : 0;
}

int auth_change_password(Db *db, const AuthSession *s, const json_t *in, JwErr *e) {
  static const JinField fields[] = {{"old_password", JIN_STRING, 1, 1, 1024}, {"new_password", JIN_STRING, 1, 1, 1024}};
  if (jin_check(in, fields, 2, e)) return -1;
  const char *zOld = jin_str(in, "old_password"), *zNew = jin_str(in, "new_password");
  if (accounts_check_password(zNew, "new_password", e)) return -1;
  if (strcmp(zOld, zNew) == 0) return err_field(e, "new_password", "新密码不能与原密码相同");
  UserAuth u = {0};
  if (user_store_auth_by_id(db, s->actor.userId, &u) != 1) {
    free(u.zHash);
    return err_internal(e, "session user vanished");
  }
  int ok = crypto_pwhash_str_verify(u.zHash, zOld, strlen(zOld)) == 0;
  free(u.zHash);
  if (!ok) return err_field(e, "old_password", "原密码不正确");
  char zHash[crypto_pwhash_STRBYTES], zNow[32];
  if (accounts_hash_password(zNew, zHash)) return err_internal(e, "password hashing failed");
  time_now_iso(zNow);
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  if (user_store_set_password(db, s->actor.userId, zHash, zNow) ||
      session_store_delete_for_user(db, s->actor.userId, s->zTokenHash)) {
    rc = err_internal(e, db_errmsg(db));
  }
  if (!rc)
    rc = audit_append(db, &s->actor, "session.password_change", "user", audit_id(s->actor.userId).z, NULL, NULL, e);
  if (rc) {
    db_rollback(db);
    return -1;
  }
  return db_commit(db) ? err_internal(e, db_errmsg(db)) : 0;
}
