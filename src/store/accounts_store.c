/* accounts_store.c: SQL for organisations, departments, users, roles and sessions (see accounts_store.h). */
#include "store/accounts_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/roles.h"
#include "lib/mem.h"
#include "store/store_util.h"

/* ---- organisations ---------------------------------------------------------------------------------------- */

int64_t org_store_insert(Db *db, const char *zCode, const char *zName, const char *zLevel, int64_t parentId,
                         const char *zNow) {
  Stmt *s = db_prepare(
      db, "INSERT INTO org(code, name, level, parent_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
  db_bind_text(s, 1, zCode);
  db_bind_text(s, 2, zName);
  db_bind_text(s, 3, zLevel);
  if (parentId) db_bind_int(s, 4, parentId);
  db_bind_text(s, 5, zNow);
  return store_insert_id(s);
}

int org_store_update(Db *db, int64_t id, const char *zName, const char *zShortName, const char *zCaseNumberFormat) {
  Stmt *s = db_prepare(db,
                       "UPDATE org SET name = coalesce(?2, name), short_name = coalesce(?3, short_name),"
                       " case_number_format = coalesce(?4, case_number_format) WHERE id = ?1");
  db_bind_int(s, 1, id);
  db_bind_text(s, 2, zName);
  db_bind_text(s, 3, zShortName);
  db_bind_text(s, 4, zCaseNumberFormat);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

/* Builds an Org object from the current row of a statement selecting ORG_COLUMNS. */
#define ORG_COLUMNS "o.id, o.code, o.name, o.level, o.parent_id, o.created_at, o.short_name, o.case_number_format"
static json_t *org_from_row(Stmt *s) {
  return json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:o, s:s}", "id", (json_int_t)db_col_int(s, 0), "code",
                   db_col_text(s, 1), "name", db_col_text(s, 2), "level", db_col_text(s, 3), "parent_id",
                   db_col_is_null(s, 4) ? json_null() : json_integer(db_col_int(s, 4)), "created_at", db_col_text(s, 5),
                   "short_name", db_col_is_null(s, 6) ? json_null() : json_string(db_col_text(s, 6)),
                   "case_number_format", db_col_text(s, 7));
}

json_t *org_store_get(Db *db, int64_t id) {
  Stmt *s = db_prepare(db, "SELECT " ORG_COLUMNS " FROM org o WHERE o.id = ?1");
  db_bind_int(s, 1, id);
  json_t *o = db_step(s) == DB_ROW ? org_from_row(s) : NULL;
  db_done(s);
  return o;
}

int64_t org_store_id_by_code(Db *db, const char *zCode) {
  Stmt *s = db_prepare(db, "SELECT id FROM org WHERE code = ?1");
  db_bind_text(s, 1, zCode);
  int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
  db_done(s);
  return id;
}

/* The organisations at or below ?1, as a recursive walk down parent_id. */
#define ORG_WITHIN_CTE                                                                                           \
  "WITH RECURSIVE sub(id) AS (SELECT CAST(?1 AS BIGINT) UNION SELECT o.id FROM org o JOIN sub ON o.parent_id = " \
  "sub.id) "

int org_store_is_within(Db *db, int64_t rootId, int64_t id) {
  Stmt *s = db_prepare(db, ORG_WITHIN_CTE "SELECT 1 FROM sub WHERE id = ?2");
  db_bind_int(s, 1, rootId);
  db_bind_int(s, 2, id);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

json_t *org_store_list_within(Db *db, int64_t rootId) {
  Stmt *s = db_prepare(db, ORG_WITHIN_CTE "SELECT " ORG_COLUMNS
                                          " FROM org o JOIN sub USING(id)"
                                          " ORDER BY o.parent_id IS NOT NULL, o.parent_id, o.id");
  db_bind_int(s, 1, rootId);
  json_t *items = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) json_array_append_new(items, org_from_row(s));
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(items);
    return NULL;
  }
  return json_pack("{s:o}", "items", items);
}

/* ---- departments ------------------------------------------------------------------------------------------ */

int64_t dept_store_insert(Db *db, int64_t orgId, const char *zName, const char *zKind, const char *zNow) {
  Stmt *s =
      db_prepare(db, "INSERT INTO department(org_id, name, kind, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zName);
  db_bind_text(s, 3, zKind);
  db_bind_text(s, 4, zNow);
  return store_insert_id(s);
}

int dept_store_update(Db *db, int64_t orgId, int64_t id, const char *zName, const char *zKind) {
  Stmt *s = db_prepare(db,
                       "UPDATE department SET name = coalesce(?3, name), kind = coalesce(?4, kind)"
                       " WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  db_bind_text(s, 3, zName);
  db_bind_text(s, 4, zKind);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

#define DEPT_SELECT                            \
  "SELECT d.id, d.name, d.kind, d.created_at," \
  " (SELECT count(*) FROM app_user u WHERE u.department_id = d.id AND u.active = 1) FROM department d"

static json_t *dept_from_row(Stmt *s) {
  return json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)db_col_int(s, 0), "name", db_col_text(s, 1), "kind",
                   db_col_text(s, 2), "created_at", db_col_text(s, 3), "user_count", (json_int_t)db_col_int(s, 4));
}

json_t *dept_store_get(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(db, DEPT_SELECT " WHERE d.org_id = ?1 AND d.id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  json_t *o = db_step(s) == DB_ROW ? dept_from_row(s) : NULL;
  db_done(s);
  return o;
}

json_t *dept_store_list(Db *db, int64_t orgId) {
  Stmt *s = db_prepare(db, DEPT_SELECT " WHERE d.org_id = ?1 ORDER BY d.id");
  db_bind_int(s, 1, orgId);
  json_t *items = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) json_array_append_new(items, dept_from_row(s));
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(items);
    return NULL;
  }
  return json_pack("{s:o}", "items", items);
}

/* ---- users ------------------------------------------------------------------------------------------------ */

int64_t user_store_insert(Db *db, int64_t orgId, int64_t deptId, const char *zLogin, const char *zName,
                          const char *zPasswordHash, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO app_user(org_id, department_id, login, name, password_hash, created_at, updated_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING id");
  db_bind_int(s, 1, orgId);
  if (deptId) db_bind_int(s, 2, deptId);
  db_bind_text(s, 3, zLogin);
  db_bind_text(s, 4, zName);
  db_bind_text(s, 5, zPasswordHash);
  db_bind_text(s, 6, zNow);
  return store_insert_id(s);
}

int user_store_set_roles(Db *db, int64_t userId, const json_t *roles) {
  Stmt *s = db_prepare(db, "DELETE FROM user_role WHERE user_id = ?1");
  db_bind_int(s, 1, userId);
  int rc = db_step(s);
  db_done(s);
  if (rc != DB_DONE) return -1;
  size_t i;
  json_t *r;
  json_array_foreach(roles, i, r) {
    s = db_prepare(
        db,
        "INSERT INTO user_role(user_id, role, org_id) VALUES (?1, ?2, (SELECT org_id FROM app_user WHERE id = ?1))"
        " ON CONFLICT DO NOTHING");
    db_bind_int(s, 1, userId);
    db_bind_text(s, 2, json_string_value(r));
    rc = db_step(s);
    db_done(s);
    if (rc != DB_DONE) return -1;
  }
  return 0;
}

int user_store_update(Db *db, int64_t orgId, int64_t id, const char *zName, int64_t deptId, int active,
                      const char *zNow) {
  Stmt *s = db_prepare(db,
                       "UPDATE app_user SET name = ?3, department_id = ?4, active = ?5, updated_at = ?6"
                       " WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  db_bind_text(s, 3, zName);
  if (deptId) db_bind_int(s, 4, deptId);
  db_bind_int(s, 5, active ? 1 : 0);
  db_bind_text(s, 6, zNow);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

int user_store_set_password(Db *db, int64_t id, const char *zPasswordHash, const char *zNow) {
  Stmt *s = db_prepare(db, "UPDATE app_user SET password_hash = ?2, updated_at = ?3 WHERE id = ?1");
  db_bind_int(s, 1, id);
  db_bind_text(s, 2, zPasswordHash);
  db_bind_text(s, 3, zNow);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

/* Columns of a User row; the roles come as a comma-separated list in column 12. */
#define USER_SELECT                                                                                                 \
  "SELECT u.id, u.login, u.name, u.org_id, o.name, o.code, u.department_id, d.name, u.active, u.created_at,"        \
  " (SELECT coalesce(max(a.locked_until), 0) FROM login_attempt a WHERE a.login = u.login), u.updated_at,"          \
  " (SELECT group_concat(role, ',') FROM (SELECT role FROM user_role r WHERE r.user_id = u.id ORDER BY role) AS r)" \
  " FROM app_user u JOIN org o ON o.id = u.org_id LEFT JOIN department d ON d.id = u.department_id"

/* Adds one role of a user to the roles array and its permissions to the bits (ctx: UserRoles). */
typedef struct UserRoles {
  json_t *roles;
  uint32_t bits;
} UserRoles;
static void user_add_role(const char *zRole, void *ctx) {
  UserRoles *u = ctx;
  json_array_append_new(u->roles, json_string(zRole));
  u->bits |= role_permissions(zRole);
}

/* Builds a User object (roles and permissions included) from the current row of a USER_SELECT statement. */
static json_t *user_from_row(Stmt *s) {
  UserRoles ur = {json_array(), 0};
  json_t *perms = json_array();
  store_each_listed(db_col_text(s, 12), user_add_role, &ur);
  int64_t lockedUntil = db_col_int(s, 10); /* a lock that has run out is no lock */
  for (int i = 0; perm_all[i]; i++) {
    if (ur.bits & perm_all[i]) json_array_append_new(perms, json_string(perm_name(perm_all[i])));
  }
  return json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:o, s:o, s:b, s:s, s:I, s:s, s:o, s:o}", "id",
                   (json_int_t)db_col_int(s, 0), "login", db_col_text(s, 1), "name", db_col_text(s, 2), "org_id",
                   (json_int_t)db_col_int(s, 3), "org_name", db_col_text(s, 4), "org_code", db_col_text(s, 5),
                   "department_id", db_col_is_null(s, 6) ? json_null() : json_integer(db_col_int(s, 6)),
                   "department_name", db_col_is_null(s, 7) ? json_null() : json_string(db_col_text(s, 7)), "active",
                   (int)db_col_int(s, 8), "created_at", db_col_text(s, 9), "locked_until",
                   (json_int_t)(lockedUntil > (int64_t)time(NULL) ? lockedUntil : 0), "updated_at", db_col_text(s, 11),
                   "roles", ur.roles, "permissions", perms);
}

int user_store_find(Db *db, int64_t orgId, int64_t id, json_t **out) {
  Stmt *s = db_prepare(db, USER_SELECT " WHERE u.org_id = ?1 AND u.id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  int rc = db_step(s);
  *out = rc == DB_ROW ? user_from_row(s) : NULL;
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

json_t *user_store_get(Db *db, int64_t orgId, int64_t id) {
  json_t *o = NULL;
  user_store_find(db, orgId, id, &o);
  return o;
}

/* Filters shared by the count and the page. ?2 is a LIKE pattern with \ as escape. A filter bound NULL is off; the
 * CAST gives PostgreSQL the parameter's type where "?N IS NULL" alone says nothing of it. */
#define USER_WHERE                                                                                         \
  " WHERE u.org_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR lower(u.login) LIKE lower(?2) ESCAPE '\\'"        \
  " OR lower(u.name) LIKE lower(?2) ESCAPE '\\') AND (CAST(?3 AS BIGINT) IS NULL OR u.department_id = ?3)" \
  " AND (CAST(?4 AS BIGINT) IS NULL OR u.active = ?4)"                                                     \
  " AND (CAST(?5 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = ?5))"

typedef struct UserBind {
  const UserFilter *f;
  const char *zLike;
} UserBind;

static void user_bind_filter(Stmt *s, const void *ctx) {
  const UserFilter *f = ((const UserBind *)ctx)->f;
  const char *zLike = ((const UserBind *)ctx)->zLike;
  db_bind_int(s, 1, f->orgId);
  db_bind_text(s, 2, zLike);
  if (f->deptId) db_bind_int(s, 3, f->deptId);
  if (f->active >= 0) db_bind_int(s, 4, f->active);
  db_bind_text(s, 5, f->zRole);
}

json_t *user_store_list(Db *db, const UserFilter *f) {
  char *zLike = f->zQuery && *f->zQuery ? store_like_pattern(f->zQuery) : NULL;
  UserBind bind = {f, zLike};
  Buf where = BUF_INIT;
  buf_puts(&where, USER_WHERE);
  StoreListQuery q = {
      "FROM app_user u", USER_SELECT, " ORDER BY u.active DESC, u.id LIMIT ?6 OFFSET ?7", 6, user_bind_filter, &bind,
      user_from_row,     f->pExport};
  json_t *page = store_list(db, &q, &where, f->limit, f->offset);
  buf_free(&where);
  free(zLike);
  return page;
}

static int user_auth_from(Stmt *s, UserAuth *out) {
  int rc = db_step(s);
  if (rc == DB_ROW) {
    out->id = db_col_int(s, 0);
    out->orgId = db_col_int(s, 1);
    out->zHash = xstrdup(db_col_text(s, 2));
    out->active = (int)db_col_int(s, 3);
    out->failedLogins = (int)db_col_int(s, 4);
    out->lockedUntil = db_col_int(s, 5);
  }
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int user_store_auth_by_login(Db *db, const char *zLogin, UserAuth *out) {
  Stmt *s = db_prepare(db,
                       "SELECT id, org_id, password_hash, active, failed_logins, locked_until FROM app_user"
                       " WHERE login = ?1");
  db_bind_text(s, 1, zLogin);
  return user_auth_from(s, out);
}

int user_store_auth_by_id(Db *db, int64_t id, UserAuth *out) {
  Stmt *s = db_prepare(db,
                       "SELECT id, org_id, password_hash, active, failed_logins, locked_until FROM app_user"
                       " WHERE id = ?1");
  db_bind_int(s, 1, id);
  return user_auth_from(s, out);
}

/* ---- sign-in throttling ----------------------------------------------------------------------------------- */

int login_throttle_get(Db *db, const char *zLogin, const char *zAddress, LoginThrottle *out) {
  memset(out, 0, sizeof *out);
  Stmt *s =
      db_prepare(db, "SELECT failures, locked_until, updated_at FROM login_attempt WHERE login = ?1 AND address = ?2");
  db_bind_text(s, 1, zLogin);
  db_bind_text(s, 2, zAddress);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    out->pairFailures = (int)db_col_int(s, 0);
    out->pairLockedUntil = db_col_int(s, 1);
    out->pairUpdatedAt = db_col_int(s, 2);
  }
  db_done(s);
  if (rc == DB_ERROR) return -1;
  s = db_prepare(db, "SELECT failures, last_failure_at, blocked_until FROM login_address WHERE address = ?1");
  db_bind_text(s, 1, zAddress);
  rc = db_step(s);
  if (rc == DB_ROW) {
    out->addressFailures = (int)db_col_int(s, 0);
    out->addressLastFailure = db_col_int(s, 1);
    out->addressBlockedUntil = db_col_int(s, 2);
  }
  db_done(s);
  return rc == DB_ERROR ? -1 : 0;
}

int login_throttle_put(Db *db, const char *zLogin, const char *zAddress, const LoginThrottle *t, int64_t now) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO login_attempt(login, address, failures, locked_until, updated_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(login, address) DO UPDATE SET"
                       " failures = excluded.failures, locked_until = excluded.locked_until,"
                       " updated_at = excluded.updated_at");
  db_bind_text(s, 1, zLogin);
  db_bind_text(s, 2, zAddress);
  db_bind_int(s, 3, t->pairFailures);
  db_bind_int(s, 4, t->pairLockedUntil);
  db_bind_int(s, 5, now);
  int rc = db_step(s);
  db_done(s);
  if (rc != DB_DONE) return -1;
  s = db_prepare(db,
                 "INSERT INTO login_address(address, failures, last_failure_at, blocked_until) VALUES (?1, ?2, ?3, ?4)"
                 " ON CONFLICT(address) DO UPDATE SET failures = excluded.failures,"
                 " last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until");
  db_bind_text(s, 1, zAddress);
  db_bind_int(s, 2, t->addressFailures);
  db_bind_int(s, 3, t->addressLastFailure);
  db_bind_int(s, 4, t->addressBlockedUntil);
  rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

int login_throttle_success(Db *db, const char *zLogin, const char *zAddress, int freeFailures) {
  Stmt *s = db_prepare(db, "DELETE FROM login_attempt WHERE login = ?1 AND address = ?2");
  db_bind_text(s, 1, zLogin);
  db_bind_text(s, 2, zAddress);
  int rc = db_step(s);
  db_done(s);
  if (rc != DB_DONE) return -1;
  s = db_prepare(db,
                 "UPDATE login_address SET failures = CASE WHEN failures > 1 THEN failures - 1 ELSE 0 END,"
                 " blocked_until = CASE WHEN failures - 1 <= ?2 THEN 0 ELSE blocked_until END WHERE address = ?1");
  db_bind_text(s, 1, zAddress);
  db_bind_int(s, 2, freeFailures);
  rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

int login_throttle_clear_login(Db *db, const char *zLogin) {
  Stmt *s = db_prepare(db, "DELETE FROM login_attempt WHERE login = ?1");
  db_bind_text(s, 1, zLogin);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

int login_throttle_purge(Db *db, int64_t before) {
  Stmt *s = db_prepare(db, "DELETE FROM login_attempt WHERE updated_at < ?1 AND locked_until < ?1");
  db_bind_int(s, 1, before);
  int rc = db_step(s);
  db_done(s);
  if (rc != DB_DONE) return -1;
  s = db_prepare(db, "DELETE FROM login_address WHERE last_failure_at < ?1 AND blocked_until < ?1");
  db_bind_int(s, 1, before);
  rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

uint32_t user_store_permissions(Db *db, int64_t userId) {
  Stmt *s = db_prepare(db, "SELECT role FROM user_role WHERE user_id = ?1");
  db_bind_int(s, 1, userId);
  uint32_t bits = 0;
  while (db_step(s) == DB_ROW) bits |= role_permissions(db_col_text(s, 0));
  db_done(s);
  return bits;
}

/* ---- sessions --------------------------------------------------------------------------------------------- */

int session_store_insert(Db *db, const char *zTokenHash, int64_t userId, const char *zCsrf, int64_t now,
                         int64_t expiresAt) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO session(token_hash, user_id, csrf_token, created_at, last_seen, expires_at, org_id)"
                       " VALUES (?1, ?2, ?3, ?4, ?4, ?5, (SELECT org_id FROM app_user WHERE id = ?2))");
  db_bind_text(s, 1, zTokenHash);
  db_bind_int(s, 2, userId);
  db_bind_text(s, 3, zCsrf);
  db_bind_int(s, 4, now);
  db_bind_int(s, 5, expiresAt);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

int session_store_get(Db *db, const char *zTokenHash, SessionRow *out) {
  Stmt *s = db_prepare(db,
                       "SELECT s.user_id, u.org_id, u.login, s.csrf_token, s.last_seen, s.expires_at, u.active,"
                       " coalesce(u.department_id, 0)"
                       " FROM session s JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ?1");
  db_bind_text(s, 1, zTokenHash);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    out->userId = db_col_int(s, 0);
    out->orgId = db_col_int(s, 1);
    snprintf(out->zLogin, sizeof out->zLogin, "%s", db_col_text(s, 2));
    snprintf(out->zCsrf, sizeof out->zCsrf, "%s", db_col_text(s, 3));
    out->lastSeen = db_col_int(s, 4);
    out->expiresAt = db_col_int(s, 5);
    out->active = (int)db_col_int(s, 6);
    out->departmentId = db_col_int(s, 7);
  }
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int session_store_touch(Db *db, const char *zTokenHash, int64_t now) {
  Stmt *s = db_prepare(db, "UPDATE session SET last_seen = ?2 WHERE token_hash = ?1");
  db_bind_text(s, 1, zTokenHash);
  db_bind_int(s, 2, now);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

int session_store_delete(Db *db, const char *zTokenHash) {
  Stmt *s = db_prepare(db, "DELETE FROM session WHERE token_hash = ?1");
  db_bind_text(s, 1, zTokenHash);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

int session_store_delete_for_user(Db *db, int64_t userId, const char *zExceptTokenHash) {
  Stmt *s = db_prepare(db, "DELETE FROM session WHERE user_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR token_hash <> ?2)");
  db_bind_int(s, 1, userId);
  db_bind_text(s, 2, zExceptTokenHash);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

int session_store_purge_expired(Db *db, int64_t now) {
  Stmt *s = db_prepare(db, "DELETE FROM session WHERE expires_at <= ?1");
  db_bind_int(s, 1, now);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}
