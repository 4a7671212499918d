/* accounts.c: organisations, departments and users (see accounts.h). */
#include "app/accounts.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/password_policy.h"
#include "app/tx.h"
#include "core/roles.h"
#include "lib/jsonin.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"
#include "store/accounts_store.h"

static const char *const org_levels[] = {"province", "city", "county", NULL};
static const char *const dept_kinds[] = {"criminal",   "case_management", "administrative", "petition", "political",
                                         "leadership", "office",          "other",          NULL};

/* 1 when z is one of the NULL-terminated list a. */
static int in_list(const char *z, const char *const *a) {
  for (; *a; a++) {
    if (strcmp(z, *a) == 0) return 1;
  }
  return 0;
}

/* Checks that z is n..m characters of [a-z0-9] plus the characters in zExtra. */
static int check_code(const char *z, const char *zExtra, size_t min, size_t max, const char *zField, JwErr *e) {
  size_t n = strlen(z);
  if (n < min || n > max) return err_field(e, zField, "%s 长度须为 %zu 到 %zu 个字符", zField, min, max);
  for (size_t i = 0; i < n; i++) {
    char c = z[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr(zExtra, c))) {
      return err_field(e, zField, "%s 只能包含小写字母、数字和 %s", zField, zExtra);
    }
  }
  return 0;
}

int accounts_check_password(const char *zPassword, const char *zField, JwErr *e) {
  return password_policy_check(zPassword, zField, e);
}

/* Set only by accounts_use_cheap_hashing_for_tests(); process-wide, before any thread starts. */
static int accounts_cheap_hashing;

int accounts_hash_password(const char *zPassword, char *out) {
  unsigned long long ops = accounts_cheap_hashing ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  size_t mem = accounts_cheap_hashing ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  return crypto_pwhash_str(out, zPassword, strlen(zPassword), ops, mem) == 0 ? 0 : -1;
}

void accounts_use_cheap_hashing_for_tests(void) {
  accounts_cheap_hashing = 1;
}

/* Checks a roles array: known codes, no duplicates. */
static int check_roles(const json_t *roles, JwErr *e) {
  size_t i, k;
  json_t *r;
  json_array_foreach(roles, i, r) {
    const char *z = json_string_value(r);
    if (!role_is_valid(z)) return err_field(e, "roles", "未知角色 %s", z);
    for (k = 0; k < i; k++) {
      if (strcmp(json_string_value(json_array_get(roles, k)), z) == 0) {
        return err_field(e, "roles", "角色 %s 重复", z);
      }
    }
  }
  return 0;
}

/* ---- organisations ---------------------------------------------------------------------------------------- */

static const JinField org_create_fields[] = {
    {"code", JIN_STRING, 1, 2, 32},
    {"name", JIN_STRING, 1, 1, 100},
    {"level", JIN_STRING, 1, 1, 16},
    {"parent_id", JIN_ID_OR_NULL, 0, 0, 0},
};

/* Inserts an organisation and its audit row; the caller holds the transaction. */
static int org_insert(Db *db, const Actor *actor, const char *zCode, const char *zName, const char *zLevel,
                      int64_t parentId, json_t **out, JwErr *e) {
  char zNow[32];
  time_now_iso(zNow);
  if (org_store_id_by_code(db, zCode)) return err_set(e, 409, "conflict", "code", "机构代码 %s 已存在", zCode);
  int64_t id = org_store_insert(db, zCode, zName, zLevel, parentId, zNow);
  if (id < 0) return err_internal(e, db_errmsg(db));
  json_t *o = org_store_get(db, id);
  int rc = audit_append(db, actor, "org.create", "org", audit_id(id).z, NULL, o, e);
  if (rc == 0 && out) *out = o;
  else json_decref(o);
  return rc;
}

int accounts_org_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (jin_check(in, org_create_fields, 4, e)) return -1;
  const char *zCode = jin_str(in, "code"), *zName = jin_str(in, "name"), *zLevel = jin_str(in, "level");
  int64_t parentId = jin_int(in, "parent_id", actor->orgId);
  if (check_code(zCode, "_-", 2, 32, "code", e)) return -1;
  if (!in_list(zLevel, org_levels)) return err_field(e, "level", "级别必须是 province、city 或 county");
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  if (org_store_is_within(db, actor->orgId, parentId) != 1) {
    rc = err_field(e, "parent_id", "上级机构不存在或不在本院管辖范围内");
  }
  if (!rc) rc = org_insert(db, actor, zCode, zName, zLevel, parentId, out, e);
  return app_finish_write(db, rc, e);
}

int accounts_org_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  if (org_store_is_within(db, actor->orgId, id) != 1) return err_set(e, 404, "not_found", NULL, "机构不存在");
  *out = org_store_get(db, id);
  return *out ? 0 : err_set(e, 404, "not_found", NULL, "机构不存在");
}

int accounts_org_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  static const JinField fields[] = {
      {"name", JIN_STRING, 0, 1, 100},
      {"short_name", JIN_STRING, 0, 1, 4},
      {"case_number_format", JIN_STRING, 0, 1, 60},
  };
  if (jin_check(in, fields, 3, e)) return -1;
  if (json_object_size(in) == 0) return err_field(e, "name", "没有要修改的内容");
  const char *zFormat = jin_str(in, "case_number_format");
  /* 案号 template: every number must be different, so the sequence and the year are required */
  if (zFormat && (!strstr(zFormat, "{n}") || !strstr(zFormat, "{year}"))) {
    return err_field(e, "case_number_format", "案号格式须包含 {year} 和 {n}（可用 {short} 简称、{type} 案件类别代字）");
  }
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  json_t *before = NULL, *after = NULL;
  if (org_store_is_within(db, actor->orgId, id) != 1 || !(before = org_store_get(db, id))) {
    rc = err_set(e, 404, "not_found", NULL, "机构不存在");
  }
  /* docs/permissions.md: a higher office's administrator keeps the registry of the offices below it (their names);
   * an office's 简称 and 案号 format number that office's cases, so only its own administrator sets them */
  if (!rc && id != actor->orgId && (jin_has(in, "short_name") || jin_has(in, "case_number_format"))) {
    rc = err_set(e, 403, "forbidden", jin_has(in, "short_name") ? "short_name" : "case_number_format",
                 "简称和案号格式只能由本院管理员设置");
  }
  if (!rc && org_store_update(db, id, jin_str(in, "name"), jin_str(in, "short_name"), zFormat)) {
    rc = err_internal(e, db_errmsg(db));
  }
  if (!rc) {
    after = org_store_get(db, id);
    rc = audit_append(db, actor, "org.update", "org", audit_id(id).z, before, after, e);
  }
  json_decref(before);
  rc = app_finish_write(db, rc, e);
  if (rc == 0) *out = after;
  else json_decref(after);
  return rc;
}

int accounts_org_bootstrap(Db *db, const char *zCode, const char *zName, const char *zLevel, const char *zParentCode,
                           int64_t *pId, JwErr *e) {
  if (check_code(zCode, "_-", 2, 32, "code", e)) return -1;
  if (!utf8_valid(zName, strlen(zName)) || utf8_length(zName, strlen(zName)) < 1 ||
      utf8_length(zName, strlen(zName)) > 100 || utf8_has_control(zName, strlen(zName), NULL)) {
    return err_field(e, "name", "机构名称须为 1 到 100 个字符");
  }
  if (!in_list(zLevel, org_levels)) return err_field(e, "level", "级别必须是 province、city 或 county");
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  int64_t parentId = 0;
  if (zParentCode && !(parentId = org_store_id_by_code(db, zParentCode))) {
    rc = err_field(e, "parent", "上级机构 %s 不存在", zParentCode);
  }
  json_t *o = NULL;
  if (!rc) rc = org_insert(db, NULL, zCode, zName, zLevel, parentId, &o, e);
  if (!rc) *pId = json_integer_value(json_object_get(o, "id"));
  json_decref(o);
  return app_finish_write(db, rc, e);
}

/* ---- departments ------------------------------------------------------------------------------------------ */

int accounts_dept_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  static const JinField fields[] = {{"name", JIN_STRING, 1, 1, 50}, {"kind", JIN_STRING, 1, 1, 32}};
  if (jin_check(in, fields, 2, e)) return -1;
  if (!in_list(jin_str(in, "kind"), dept_kinds)) return err_field(e, "kind", "部门类别无效");
  char zNow[32];
  time_now_iso(zNow);
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  json_t *o = NULL;
  int64_t id = dept_store_insert(db, actor->orgId, jin_str(in, "name"), jin_str(in, "kind"), zNow);
  if (id < 0) {
    rc =
        db_is_constraint(db) ? err_set(e, 409, "conflict", "name", "本院已有同名部门") : err_internal(e, db_errmsg(db));
  }
  if (!rc) {
    o = dept_store_get(db, actor->orgId, id);
    rc = audit_append(db, actor, "department.create", "department", audit_id(id).z, NULL, o, e);
  }
  rc = app_finish_write(db, rc, e);
  if (rc == 0) *out = o;
  else json_decref(o);
  return rc;
}

int accounts_dept_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  static const JinField fields[] = {{"name", JIN_STRING, 0, 1, 50}, {"kind", JIN_STRING, 0, 1, 32}};
  if (jin_check(in, fields, 2, e)) return -1;
  if (jin_str(in, "kind") && !in_list(jin_str(in, "kind"), dept_kinds)) return err_field(e, "kind", "部门类别无效");
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  json_t *before = dept_store_get(db, actor->orgId, id), *after = NULL;
  if (!before) rc = err_set(e, 404, "not_found", NULL, "部门不存在");
  if (!rc && dept_store_update(db, actor->orgId, id, jin_str(in, "name"), jin_str(in, "kind"))) {
    rc =
        db_is_constraint(db) ? err_set(e, 409, "conflict", "name", "本院已有同名部门") : err_internal(e, db_errmsg(db));
  }
  if (!rc) {
    after = dept_store_get(db, actor->orgId, id);
    rc = audit_append(db, actor, "department.update", "department", audit_id(id).z, before, after, e);
  }
  json_decref(before);
  rc = app_finish_write(db, rc, e);
  if (rc == 0) *out = after;
  else json_decref(after);
  return rc;
}

/* ---- users ------------------------------------------------------------------------------------------------ */

/* The audit form of a user: the API form without volatile fields. */
static json_t *user_audit_view(json_t *user) {
  json_t *v = json_deep_copy(user);
  json_object_del(v, "permissions");
  json_object_del(v, "locked_until");
  json_object_del(v, "updated_at");
  return v;
}

/* Inserts a user with roles and its audit row; the caller holds the transaction and has hashed the password
 * before opening it (Argon2id takes ~0.1 s and must not hold the write lock). */
static int user_insert(Db *db, const Actor *actor, int64_t orgId, int64_t deptId, const char *zLogin, const char *zName,
                       const json_t *roles, const char *zHash, json_t **out, JwErr *e) {
  char zNow[32];
  time_now_iso(zNow);
  if (deptId) {
    json_t *d = dept_store_get(db, orgId, deptId);
    if (!d) return err_field(e, "department_id", "部门不存在");
    json_decref(d);
  }
  UserAuth existing = {0};
  int found = user_store_auth_by_login(db, zLogin, &existing);
  free(existing.zHash);
  if (found) return err_set(e, 409, "conflict", "login", "登录名 %s 已被使用", zLogin);
  int64_t id = user_store_insert(db, orgId, deptId, zLogin, zName, zHash, zNow);
  if (id < 0) return err_internal(e, db_errmsg(db));
  if (user_store_set_roles(db, id, roles)) return err_internal(e, db_errmsg(db));
  json_t *u = user_store_get(db, orgId, id), *view = user_audit_view(u);
  int rc = audit_append(db, actor, "user.create", "user", audit_id(id).z, NULL, view, e);
  json_decref(view);
  if (rc == 0 && out) *out = u;
  else json_decref(u);
  return rc;
}

static const JinField user_create_fields[] = {
    {"login", JIN_STRING, 1, 2, 32},
    {"name", JIN_STRING, 1, 1, 50},
    {"department_id", JIN_ID_OR_NULL, 0, 0, 0},
    {"roles", JIN_STRINGS, 1, 1, ROLE_COUNT},
    {"password", JIN_STRING, 1, 1, 1024},
};

int accounts_user_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (jin_check(in, user_create_fields, 5, e)) return -1;
  const char *zLogin = jin_str(in, "login");
  if (check_code(zLogin, "_.-", 2, 32, "login", e) || check_roles(json_object_get(in, "roles"), e) ||
      accounts_check_password(jin_str(in, "password"), "password", e)) {
    return -1;
  }
  char zHash[crypto_pwhash_STRBYTES];
  if (accounts_hash_password(jin_str(in, "password"), zHash)) return err_internal(e, "password hashing failed");
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = user_insert(db, actor, actor->orgId, jin_int(in, "department_id", 0), zLogin, jin_str(in, "name"),
                       json_object_get(in, "roles"), zHash, out, e);
  if (rc && out && *out) {
    json_decref(*out);
    *out = NULL;
  }
  return app_finish_write(db, rc, e);
}

int accounts_user_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  static const JinField fields[] = {
      {"name", JIN_STRING, 0, 1, 50},
      {"department_id", JIN_ID_OR_NULL, 0, 0, 0},
      {"roles", JIN_STRINGS, 0, 1, ROLE_COUNT},
      {"active", JIN_BOOL, 0, 0, 0},
  };
  if (jin_check(in, fields, 4, e)) return -1;
  const json_t *roles = json_object_get(in, "roles");
  if (roles && check_roles(roles, e)) return -1;
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  char zNow[32];
  time_now_iso(zNow);
  json_t *before = user_store_get(db, actor->orgId, id), *after = NULL;
  if (!before) rc = err_set(e, 404, "not_found", NULL, "用户不存在");
  const char *zName = NULL;
  int64_t deptId = 0;
  int active = 1;
  if (!rc) {
    zName = jin_has(in, "name") ? jin_str(in, "name") : json_string_value(json_object_get(before, "name"));
    deptId =
        json_object_get(in, "department_id") ? jin_int(in, "department_id", 0) : jin_int(before, "department_id", 0);
    active = json_object_get(in, "active") ? json_is_true(json_object_get(in, "active"))
                                           : json_is_true(json_object_get(before, "active"));
    if (id == actor->userId && !active) rc = err_field(e, "active", "不能停用自己的账号");
  }
  if (!rc && id == actor->userId && roles) {
    int keepsAdmin = 0;
    size_t i;
    json_t *r;
    json_array_foreach(roles, i, r) keepsAdmin |= strcmp(json_string_value(r), "admin") == 0;
    if (!keepsAdmin) rc = err_field(e, "roles", "不能取消自己的管理员角色");
  }
  if (!rc && deptId) {
    json_t *d = dept_store_get(db, actor->orgId, deptId);
    if (!d) rc = err_field(e, "department_id", "部门不存在");
    json_decref(d);
  }
  if (!rc && user_store_update(db, actor->orgId, id, zName, deptId, active, zNow)) rc = err_internal(e, db_errmsg(db));
  if (!rc && roles && user_store_set_roles(db, id, roles)) rc = err_internal(e, db_errmsg(db));
  if (!rc && !active && session_store_delete_for_user(db, id, NULL)) rc = err_internal(e, db_errmsg(db));
  if (!rc) {
    after = user_store_get(db, actor->orgId, id);
    json_t *vb = user_audit_view(before), *va = user_audit_view(after);
    rc = audit_append(db, actor, "user.update", "user", audit_id(id).z, vb, va, e);
    json_decref(vb);
    json_decref(va);
  }
  json_decref(before);
  rc = app_finish_write(db, rc, e);
  if (rc == 0) *out = after;
  else json_decref(after);
  return rc;
}

int accounts_user_reset_password(Db *db, const Actor *actor, int64_t id, const json_t *in, JwErr *e) {
  static const JinField fields[] = {{"password", JIN_STRING, 1, 1, 1024}};
  if (jin_check(in, fields, 1, e) || accounts_check_password(jin_str(in, "password"), "password", e)) return -1;
  char zHash[crypto_pwhash_STRBYTES], zNow[32];
  if (accounts_hash_password(jin_str(in, "password"), zHash)) return err_internal(e, "password hashing failed");
  time_now_iso(zNow);
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  json_t *u = user_store_get(db, actor->orgId, id);
  if (!u) rc = err_set(e, 404, "not_found", NULL, "用户不存在");
  /* a new password also forgets the sign-in locks of the login, at every address */
  if (!rc && (user_store_set_password(db, id, zHash, zNow) || session_store_delete_for_user(db, id, NULL) ||
              login_throttle_clear_login(db, json_string_value(json_object_get(u, "login"))))) {
    rc = err_internal(e, db_errmsg(db));
  }
  if (!rc) rc = audit_append(db, actor, "user.password_reset", "user", audit_id(id).z, NULL, NULL, e);
  json_decref(u);
  return app_finish_write(db, rc, e);
}

int accounts_user_bootstrap(Db *db, const char *zOrgCode, const char *zLogin, const char *zName, const char *zRole,
                            const char *zPassword, int64_t *pId, JwErr *e) {
  if (check_code(zLogin, "_.-", 2, 32, "login", e)) return -1;
  if (!role_is_valid(zRole)) return err_field(e, "role", "未知角色 %s", zRole);
  if (accounts_check_password(zPassword, "password", e)) return -1;
  size_t nName = strlen(zName);
  if (!utf8_valid(zName, nName) || utf8_length(zName, nName) < 1 || utf8_length(zName, nName) > 50 ||
      utf8_has_control(zName, nName, NULL)) {
    return err_field(e, "name", "姓名须为 1 到 50 个字符");
  }
  char zHash[crypto_pwhash_STRBYTES];
  if (accounts_hash_password(zPassword, zHash)) return err_internal(e, "password hashing failed");
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  int64_t orgId = org_store_id_by_code(db, zOrgCode);
  if (!orgId) rc = err_field(e, "org", "机构 %s 不存在", zOrgCode);
  json_t *roles = json_pack("[s]", zRole), *u = NULL;
  Actor system = {.orgId = orgId};
  if (!rc) rc = user_insert(db, &system, orgId, 0, zLogin, zName, roles, zHash, &u, e);
  if (!rc) *pId = json_integer_value(json_object_get(u, "id"));
  json_decref(roles);
  json_decref(u);
  return app_finish_write(db, rc, e);
}

/* ---- reads for the web layer ------------------------------------------------------------------------------ */

int accounts_org_list(Db *db, const Actor *actor, json_t **out, JwErr *e) {
  *out = org_store_list_within(db, actor->orgId);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

int accounts_dept_list(Db *db, const Actor *actor, json_t **out, JwErr *e) {
  *out = dept_store_list(db, actor->orgId);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

int accounts_user_list(Db *db, const UserFilter *f, json_t **out, JwErr *e) {
  *out = user_store_list(db, f);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

int accounts_user_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  int found = user_store_find(db, actor->orgId, id, out);
  if (found < 0) return err_internal(e, db_errmsg(db));
  if (!found) return err_set(e, 404, "not_found", NULL, "用户不存在");
  return 0;
}
