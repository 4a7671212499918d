/* accounts_store.h: SQL for organisations, departments, users, roles and sessions.
 *
 * Read functions return the API representation as a new jansson reference (the caller json_decref()s it), or NULL
 * when the record does not exist in the given organisation. Write functions return 0 (or a new id > 0) on success
 * and -1 on a database error; db_is_constraint() then tells a UNIQUE violation from a real failure. Every function
 * that reads or writes a record of an organisation takes that org_id and matches it, so a record of another
 * organisation is simply not found. */
#ifndef JW_ACCOUNTS_STORE_H
#define JW_ACCOUNTS_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

/* Organisations */
int64_t org_store_insert(Db *db, const char *zCode, const char *zName, const char *zLevel, int64_t parentId,
                         const char *zNow);
/* Changes the given fields (NULL: unchanged). */
int org_store_update(Db *db, int64_t id, const char *zName, const char *zShortName, const char *zCaseNumberFormat);
json_t *org_store_get(Db *db, int64_t id);
int64_t org_store_id_by_code(Db *db, const char *zCode); /* 0 when absent */
/* 1 when id is rootId or below it (children, grandchildren ...), 0 otherwise, -1 on error. */
int org_store_is_within(Db *db, int64_t rootId, int64_t id);
json_t *org_store_list_within(Db *db, int64_t rootId); /* {"items":[Org]} */

/* Departments */
int64_t dept_store_insert(Db *db, int64_t orgId, const char *zName, const char *zKind, const char *zNow);
int dept_store_update(Db *db, int64_t orgId, int64_t id, const char *zName, const char *zKind);
json_t *dept_store_get(Db *db, int64_t orgId, int64_t id);
json_t *dept_store_list(Db *db, int64_t orgId); /* {"items":[Department]} */

/* Users */
int64_t user_store_insert(Db *db, int64_t orgId, int64_t deptId, const char *zLogin, const char *zName,
                          const char *zPasswordHash, const char *zNow);
int user_store_set_roles(Db *db, int64_t userId, const json_t *roles); /* replaces all roles; roles: array of codes */
int user_store_update(Db *db, int64_t orgId, int64_t id, const char *zName, int64_t deptId, int active,
                      const char *zNow);
int user_store_set_password(Db *db, int64_t id, const char *zPasswordHash, const char *zNow);
json_t *user_store_get(Db *db, int64_t orgId, int64_t id); /* User, without secrets; NULL: not found or error */
/* The same telling the two apart: 1 found (*out a new reference), 0 not in this organisation, -1 database error. */
int user_store_find(Db *db, int64_t orgId, int64_t id, json_t **out);

typedef struct UserFilter {
  int64_t orgId;
  const char *zQuery; /* substring of login or name, or NULL */
  int64_t deptId;     /* 0: any */
  const char *zRole;  /* NULL: any */
  int active;         /* -1: any */
  int limit, offset;
  struct StoreExport *pExport; /* non-NULL: every row to it instead of a page (store_util.h) */
} UserFilter;
json_t *user_store_list(Db *db, const UserFilter *f); /* page of User */

/* What login needs to know about a user; zHash is heap memory the caller frees. */
typedef struct UserAuth {
  int64_t id;
  int64_t orgId;
  char *zHash;
  int active;
  int failedLogins;
  int64_t lockedUntil;
} UserAuth;
/* 1 found, 0 no such login, -1 error. */
int user_store_auth_by_login(Db *db, const char *zLogin, UserAuth *out);
int user_store_auth_by_id(Db *db, int64_t id, UserAuth *out);

/* Sign-in throttling state of one (login, client address) pair and of the address (zeros when no row). */
typedef struct LoginThrottle {
  int pairFailures;        /* failures counted for the pair since its last success, lock or quiet period */
  int64_t pairLockedUntil; /* Unix time; 0: never locked */
  int64_t pairUpdatedAt;   /* last change of the pair row */
  int addressFailures;     /* failures from the address, any login */
  int64_t addressLastFailure;
  int64_t addressBlockedUntil;
} LoginThrottle;
/* 0 ok (out filled), -1 error. */
int login_throttle_get(Db *db, const char *zLogin, const char *zAddress, LoginThrottle *out);
/* Writes both rows of t for the pair and the address (insert or replace); now is the pair's updated_at. */
int login_throttle_put(Db *db, const char *zLogin, const char *zAddress, const LoginThrottle *t, int64_t now);
/* After a successful sign-in: forgets the pair and takes back the attempt counted for the address (and the wait it
 * imposed, when the address is back within its freeFailures). */
int login_throttle_success(Db *db, const char *zLogin, const char *zAddress, int freeFailures);
/* Administrator's unlock: forgets every pair of the login (all addresses). */
int login_throttle_clear_login(Db *db, const char *zLogin);
/* Deletes pair and address rows not touched since before (their counts would restart anyway). */
int login_throttle_purge(Db *db, int64_t before);
/* The permission bits of a user's roles. */
uint32_t user_store_permissions(Db *db, int64_t userId);

/* Sessions: tokens are stored only as their SHA-256 (hex). */
int session_store_insert(Db *db, const char *zTokenHash, int64_t userId, const char *zCsrf, int64_t now,
                         int64_t expiresAt);
typedef struct SessionRow {
  int64_t userId;
  int64_t orgId;
  int64_t departmentId;
  char zLogin[64];
  char zCsrf[65];
  int64_t lastSeen;
  int64_t expiresAt;
  int active;
} SessionRow;
/* 1 found, 0 not found, -1 error. */
int session_store_get(Db *db, const char *zTokenHash, SessionRow *out);
int session_store_touch(Db *db, const char *zTokenHash, int64_t now);
int session_store_delete(Db *db, const char *zTokenHash);
int session_store_delete_for_user(Db *db, int64_t userId, const char *zExceptTokenHash);
int session_store_purge_expired(Db *db, int64_t now);

#endif
