/* agencies.c: the office's registry of agencies (see agencies.h). */
#include "app/agencies.h"

#include <stdlib.h>
#include <string.h>

#include "app/tx.h"
#include "core/agency.h"
#include "core/credit_code.h"
#include "lib/jsonin.h"
#include "lib/timeutil.h"

/* Superiors are followed at most this far when looking for a cycle: a county's bodies nest two or three deep. */
#define AGENCY_MAX_DEPTH 32

int agencies_list(Db *db, const Actor *actor, AgencyFilter f, json_t **out, JwErr *e) {
  if (f.zKind && !*f.zKind) f.zKind = NULL;
  if (f.zKind && !agency_kind_by_code(f.zKind)) return err_field(e, "kind", "参数 kind 不是有效的机关类别");
  f.orgId = actor->orgId;
  *out = agency_store_list(db, &f);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

int agencies_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  *out = agency_store_get(db, actor->orgId, id);
  return *out ? 0 : err_set(e, 404, "not_found", NULL, "机关不存在");
}

int agencies_check_ref(Db *db, const Actor *actor, int64_t id, const char *zField, JwErr *e) {
  int64_t found = id > 0 ? agency_store_exists(db, actor->orgId, id) : 0;
  if (found < 0) return err_internal(e, db_errmsg(db));
  if (!found) return err_set(e, 422, "validation_failed", zField, "机关不存在（须为本院机关名录中的机关）");
  return 0;
}

json_t *agencies_kinds(void) {
  json_t *items = json_array();
  for (size_t i = 0; i < agency_kinds_count; i++) {
    json_array_append_new(items, json_pack("{s:s, s:s}", "code", agency_kinds[i].zCode, "name", agency_kinds[i].zName));
  }
  return json_pack("{s:o}", "items", items);
}

static const JinField agency_fields[] = {
    {"name", JIN_STRING, 1, 1, 100},
    {"kind", JIN_STRING, 1, 1, 32},
    {"credit_code", JIN_STRING_OR_NULL, 0, 0, 40},
    {"address", JIN_STRING_OR_NULL, 0, 0, 200},
    {"contact_person", JIN_STRING_OR_NULL, 0, 0, 50},
    {"phone", JIN_STRING_OR_NULL, 0, 0, 40},
    {"superior_id", JIN_ID_OR_NULL, 0, 0, 0},
    {"note", JIN_TEXT, 0, 0, 1000},
};
static const JinLabel agency_labels[] = {
    {"name", "机关名称"},         {"kind", "机关类别"},  {"credit_code", "统一社会信用代码"}, {"address", "地址"},
    {"contact_person", "联系人"}, {"phone", "联系电话"}, {"superior_id", "上级机关"},         {"note", "备注"},
};
#define NFIELDS (sizeof agency_fields / sizeof agency_fields[0])
#define NLABELS (sizeof agency_labels / sizeof agency_labels[0])

/* The input's text field, or the fallback when absent; "" and null read as NULL (not set). */
static const char *field_or(const json_t *in, const char *zName, const char *zFallback) {
  if (!json_object_get(in, zName)) return zFallback;
  const char *z = jin_str(in, zName);
  return z && *z ? z : NULL;
}

/* 1 when z has leading or trailing ASCII blanks. */
static int has_outer_blanks(const char *z) {
  size_t n = strlen(z);
  return n && (z[0] == ' ' || z[n - 1] == ' ');
}

/* Checks the values of a (already merged with the stored row on an update); normalises the credit code into zCode
 * and points a->zCreditCode at it. 0, or -1 with e naming the field. */
static int agency_check(Db *db, const Actor *actor, int64_t selfId, AgencyRow *a, char zCode[19], JwErr *e) {
  if (!a->zName || !*a->zName) return err_field(e, "name", "机关名称不能为空");
  if (has_outer_blanks(a->zName)) return err_field(e, "name", "机关名称首尾不能有空格");
  if (!a->zKind || !agency_kind_by_code(a->zKind)) return err_field(e, "kind", "机关类别无效");
  if (a->zCreditCode) {
    int rc = credit_code_normalize(a->zCreditCode, strlen(a->zCreditCode), zCode);
    if (rc) return err_field(e, "credit_code", "%s", credit_code_error_message(rc));
    a->zCreditCode = zCode;
  }
  if (a->zPhone) {
    for (const char *p = a->zPhone; *p; p++) {
      if (!((*p >= '0' && *p <= '9') || strchr("-+() ,", *p) || strncmp(p, "转", strlen("转")) == 0)) {
        return err_field(e, "phone", "联系电话只能包含数字、空格和 - + ( ) , 转");
      }
      if (strncmp(p, "转", strlen("转")) == 0) p += strlen("转") - 1;
    }
  }
  if (a->superiorId > 0) {
    if (a->superiorId == selfId) return err_set(e, 422, "validation_failed", "superior_id", "上级机关不能是本机关");
    /* the superior is the office's, and walking up from it never reaches this agency */
    int64_t id = a->superiorId;
    if (agencies_check_ref(db, actor, id, "superior_id", e)) return -1;
    for (int depth = 0; id > 0; depth++) {
      if (id == selfId) return err_set(e, 422, "validation_failed", "superior_id", "上级机关不能是本机关的下级机关");
      if (depth >= AGENCY_MAX_DEPTH) return err_set(e, 422, "validation_failed", "superior_id", "上级机关层级过深");
      id = agency_store_superior(db, actor->orgId, id);
      if (id < 0) return err_internal(e, db_errmsg(db));
    }
  }
  /* duplicates: a clear 409 naming the field (the UNIQUE constraints catch a race) */
  int64_t other = agency_store_id_by_name(db, actor->orgId, a->zName);
  if (other < 0) return err_internal(e, db_errmsg(db));
  if (other && other != selfId) return err_set(e, 409, "conflict", "name", "本院机关名录中已有同名机关");
  if (a->zCreditCode) {
    other = agency_store_id_by_code(db, actor->orgId, a->zCreditCode);
    if (other < 0) return err_internal(e, db_errmsg(db));
    if (other && other != selfId) {
      return err_set(e, 409, "conflict", "credit_code", "本院机关名录中已有机关使用统一社会信用代码 %s",
                     a->zCreditCode);
    }
  }
  return 0;
}

static int agency_write_failed(Db *db, JwErr *e) {
  return db_is_constraint(db) ? err_set(e, 409, "conflict", "name", "本院机关名录中已有同名或同代码的机关")
                              : err_internal(e, db_errmsg(db));
}

int agencies_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (jin_check_labeled(in, agency_fields, NFIELDS, agency_labels, NLABELS, e)) return -1;
  AgencyRow a = {field_or(in, "name", NULL),    field_or(in, "kind", NULL),           field_or(in, "credit_code", NULL),
                 field_or(in, "address", NULL), field_or(in, "contact_person", NULL), field_or(in, "phone", NULL),
                 field_or(in, "note", NULL),    jin_int(in, "superior_id", 0)};
  char zCode[19], zNow[32];
  time_now_iso(zNow);
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = agency_check(db, actor, 0, &a, zCode, e);
  int64_t id = 0;
  json_t *o = NULL;
  if (!rc && (id = agency_store_insert(db, actor->orgId, &a, zNow)) < 0) rc = agency_write_failed(db, e);
  if (!rc) {
    o = agency_store_get(db, actor->orgId, id);
    if (!o) rc = err_internal(e, db_errmsg(db));
  }
  if (!rc) rc = audit_append(db, actor, "agency.create", "agency", audit_id(id).z, NULL, o, e);
  rc = app_finish_write(db, rc, e);
  if (rc == 0) *out = o;
  else json_decref(o);
  return rc;
}

/* The stored value of a text field of the agency before, or NULL. */
static const char *stored(const json_t *before, const char *zName) {
  return json_string_value(json_object_get(before, zName));
}

int agencies_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  JinField fields[NFIELDS];
  memcpy(fields, agency_fields, sizeof fields);
  for (size_t i = 0; i < NFIELDS; i++) fields[i].required = 0;
  if (jin_check_labeled(in, fields, NFIELDS, agency_labels, NLABELS, e)) return -1;
  char zCode[19], zNow[32];
  time_now_iso(zNow);
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  json_t *before = agency_store_get(db, actor->orgId, id), *after = NULL;
  if (!before) rc = err_set(e, 404, "not_found", NULL, "机关不存在");
  if (!rc) {
    json_t *sup = json_object_get(in, "superior_id");
    AgencyRow a = {
        field_or(in, "name", stored(before, "name")),
        field_or(in, "kind", stored(before, "kind")),
        field_or(in, "credit_code", stored(before, "credit_code")),
        field_or(in, "address", stored(before, "address")),
        field_or(in, "contact_person", stored(before, "contact_person")),
        field_or(in, "phone", stored(before, "phone")),
        field_or(in, "note", stored(before, "note")),
        sup ? jin_int(in, "superior_id", 0) : (int64_t)json_integer_value(json_object_get(before, "superior_id"))};
    if (json_object_get(in, "name") && !field_or(in, "name", NULL)) rc = err_field(e, "name", "机关名称不能为空");
    if (!rc) rc = agency_check(db, actor, id, &a, zCode, e);
    if (!rc && agency_store_update(db, actor->orgId, id, &a, zNow)) rc = agency_write_failed(db, e);
  }
  if (!rc) {
    after = agency_store_get(db, actor->orgId, id);
    if (!after) rc = err_internal(e, db_errmsg(db));
  }
  if (!rc) rc = audit_append(db, actor, "agency.update", "agency", audit_id(id).z, before, after, e);
  json_decref(before);
  rc = app_finish_write(db, rc, e);
  if (rc == 0) *out = after;
  else json_decref(after);
  return rc;
}

int agencies_note(Db *db, int64_t orgId, const char *zName, JwErr *e) {
  char zNow[32];
  time_now_iso(zNow);
  if (agency_store_ensure(db, orgId, zName, agency_kind_guess(zName), zNow)) return err_internal(e, db_errmsg(db));
  return 0;
}
