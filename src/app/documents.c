/* documents.c: issuing, reading and reissuing 文书, and the office's templates and 文号 format (see documents.h). */
#include "app/documents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cases.h"
#include "app/tx.h"
#include "core/date.h"
#include "core/document.h"
#include "lib/jsonin.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"
#include "store/case_store.h"

#define DOC_SETTINGS_KEY "documents" /* org_setting: {"number_format": "..."} */
#define DOC_FIELD_MAX    10000       /* characters in one field value */
#define DOC_TITLE_MAX    60
#define DOC_BODY_MAX     20000

/* The office's 文号 format (its setting, else the default); heap. */
static char *number_format(Db *db, int64_t orgId) {
  json_t *v = org_setting_get(db, orgId, DOC_SETTINGS_KEY);
  const char *z = json_string_value(json_object_get(v, "number_format"));
  char *out = strdup(z && *z ? z : DOC_NUMBER_FORMAT_DEFAULT);
  json_decref(v);
  return out;
}

/* The type's template in force: the office's newest version, else the built-in one (version 0). */
static int template_in_force(Db *db, int64_t orgId, const DocType *t, int64_t *pVersion, char **pzTitle, char **pzBody,
                             JwErr *e) {
  int rc = document_store_template(db, orgId, t->zCode, pVersion, pzTitle, pzBody);
  if (rc < 0) return err_internal(e, db_errmsg(db));
  if (rc == 0) {
    *pVersion = 0;
    *pzTitle = strdup(t->zTitle);
    *pzBody = strdup(t->zBody);
  }
  return 0;
}

/* The caller's fields: an object whose keys are the type's placeholders and whose values are strings (valid, at most
 * DOC_FIELD_MAX characters), integers, null (a blank to fill by hand) or false (the line does not apply: doc_fill).
 * A capability passing anything else has a bug: 422 naming it. */
static int check_fields(const DocType *t, const json_t *fields, JwErr *e) {
  if (fields && !json_is_object(fields)) return err_field(e, "fields", "文书字段必须是对象");
  const char *k;
  json_t *v;
  json_object_foreach((json_t *)fields, k, v) {
    if (!doc_placeholder_allowed(t, k)) return err_field(e, "fields", "%s没有字段 %s", t->zName, k);
    if (json_is_string(v)) {
      const char *z = json_string_value(v);
      size_t n = json_string_length(v);
      if (!utf8_valid(z, n) || strlen(z) != n || utf8_length(z, n) > DOC_FIELD_MAX) {
        return err_field(e, "fields", "文书字段 %s 的内容无效或过长", k);
      }
    } else if (!json_is_integer(v) && !json_is_null(v) && !json_is_false(v)) {
      return err_field(e, "fields", "文书字段 %s 必须是文字或整数", k);
    }
  }
  return 0;
}

/* documents_issue(), with the document it supersedes (0: none) recorded on the new row. */
static int issue(Db *db, const Actor *actor, const DocIssue *in, int64_t supersedes, long long *pId, JwErr *e) {
  const DocType *t = doc_type_find(in->zType);
  if (!t) return err_field(e, "type", "未知的文书类型");
  if (!in->zEntityKind || !*in->zEntityKind || strlen(in->zEntityKind) > 32 || in->entityId <= 0) {
    return err_field(e, "entity_kind", "文书必须属于一条记录");
  }
  char zToday[11];
  time_today_china(zToday);
  const char *zOn = in->zOnDate && *in->zOnDate ? in->zOnDate : zToday;
  JwDate on;
  if (date_parse(zOn, strlen(zOn), &on)) return err_field(e, "issued_on", "成文日期必须是有效日期（YYYY-MM-DD）");
  if (strcmp(zOn, zToday) > 0) return err_field(e, "issued_on", "成文日期不能晚于今天");
  if (check_fields(t, in->pFields, e)) return -1;

  int64_t version = 0;
  char *zTitleT = NULL, *zBodyT = NULL, *zFormat = NULL, *zShort = NULL, *zOrg = NULL, *zCaseNo = NULL,
       *zCaseTitle = NULL;
  json_t *fields = in->pFields ? json_deep_copy(in->pFields) : json_object();
  int rc = template_in_force(db, actor->orgId, t, &version, &zTitleT, &zBodyT, e);
  if (!rc && document_store_org_names(db, actor->orgId, &zShort, &zOrg)) rc = err_internal(e, db_errmsg(db));
  if (!rc && in->caseId && document_store_case_names(db, actor->orgId, in->caseId, &zCaseNo, &zCaseTitle)) {
    rc = err_field(e, "case_id", "案件不存在");
  }
  int y, m, d;
  date_to_ymd(on, &y, &m, &d);
  int64_t seq = 0;
  char zNumber[DOC_NUMBER_BYTES], zDate[32];
  if (!rc) {
    zFormat = number_format(db, actor->orgId);
    seq = document_store_next_sequence(db, actor->orgId, t->zCode, y);
    if (seq < 0) rc = err_internal(e, db_errmsg(db));
  }
  if (!rc && doc_number_format(zFormat, zShort, t->zAbbr, y, seq, zNumber, sizeof zNumber)) {
    rc = err_set(e, 409, "conflict", "number_format", "按本院文号格式生成的文号过长，请管理员缩短文号格式或简称");
  }
  Buf title = BUF_INIT, body = BUF_INIT;
  char *zFields = NULL;
  if (!rc) {
    doc_date_chinese(zOn, zDate, sizeof zDate);
    json_object_set_new(fields, "org_name", json_string(zOrg));
    json_object_set_new(fields, "number", json_string(zNumber));
    json_object_set_new(fields, "date", json_string(zDate));
    json_object_set_new(fields, "case_number", zCaseNo ? json_string(zCaseNo) : json_null());
    json_object_set_new(fields, "case_title", zCaseTitle ? json_string(zCaseTitle) : json_null());
    doc_fill(zTitleT, fields, &title);
    doc_fill(zBodyT, fields, &body);
    zFields = json_dumps(fields, JSON_COMPACT | JSON_SORT_KEYS);
    char zNow[32];
    time_now_iso(zNow);
    DocumentRow row = {actor->orgId, t->zCode,         zNumber,      y,
                       seq,          in->zEntityKind,  in->entityId, in->caseId,
                       version,      buf_cstr(&title), zFields,      buf_cstr(&body),
                       zOn,          actor->userId,    zNow,         supersedes};
    int64_t id = document_store_insert(db, &row);
    if (id < 0) {
      rc = db_is_constraint(db)
               ? err_set(e, 409, "conflict", "number_format", "文号 %s 已被使用，请检查文号格式设置", zNumber)
               : err_internal(e, db_errmsg(db));
    } else {
      *pId = id;
      json_t *after = document_store_get(db, actor->orgId, id);
      json_object_del(after, "body"); /* the text is in the row; the audit keeps the number, fields and version */
      rc = audit_append(db, actor, "document.issue", "document", audit_id(id).z, NULL, after, e);
      json_decref(after);
    }
  }
  buf_free(&title);
  buf_free(&body);
  free(zFields);
  free(zTitleT);
  free(zBodyT);
  free(zFormat);
  free(zShort);
  free(zOrg);
  free(zCaseNo);
  free(zCaseTitle);
  json_decref(fields);
  return rc;
}

int documents_issue(Db *db, const Actor *actor, const DocIssue *in, long long *pId, JwErr *e) {
  return issue(db, actor, in, 0, pId, e);
}

static void add_type_names(json_t *a) {
  size_t i;
  json_t *it;
  json_array_foreach(a, i, it) {
    const DocType *t = doc_type_find(json_string_value(json_object_get(it, "type")));
    json_object_set_new(it, "type_name", json_string(t ? t->zName : ""));
  }
}

int documents_for_entity(Db *db, const Actor *actor, const char *zEntityKind, long long id, json_t **out, JwErr *e) {
  *out = document_store_for_entity(db, actor->orgId, zEntityKind, id);
  if (!*out) return err_internal(e, db_errmsg(db));
  add_type_names(*out);
  return 0;
}

int documents_get(Db *db, const Actor *actor, long long id, json_t **out, JwErr *e) {
  json_t *o = document_store_get(db, actor->orgId, id);
  if (!o) return err_set(e, 404, "not_found", NULL, "文书不存在");
  const DocType *t = doc_type_find(json_string_value(json_object_get(o, "type")));
  json_object_set_new(o, "type_name", json_string(t ? t->zName : ""));
  json_object_set(o, "org_name", json_object_get(json_object_get(o, "fields"), "org_name"));
  *out = o;
  return 0;
}

int documents_reissue(Db *db, const Actor *actor, long long id, json_t **out, JwErr *e) {
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  long long newId = 0;
  json_t *old = document_store_get(db, actor->orgId, id);
  if (!old) rc = err_set(e, 404, "not_found", NULL, "文书不存在");
  else if (!json_is_null(json_object_get(old, "superseded_by"))) {
    rc = err_set(e, 409, "conflict", "superseded_by", "该文书已被 %s 取代，请重新制发最新的一份",
                 json_string_value(json_object_get(old, "superseded_number")));
  }
  /* a case's document is reissued by the case's team, as it was issued */
  json_t *jCase = old ? json_object_get(old, "case_id") : NULL;
  if (!rc && json_is_integer(jCase)) {
    int may = cases_may_handle_id(db, actor, json_integer_value(jCase));
    if (may < 0) rc = err_internal(e, db_errmsg(db));
    else if (!may) rc = err_set(e, 403, "forbidden", NULL, "只有承办人、本部门或案件管理部门可以重新制发本案文书");
  }
  if (!rc) {
    json_t *caseId = json_object_get(old, "case_id");
    DocIssue in = {json_string_value(json_object_get(old, "type")),
                   json_string_value(json_object_get(old, "entity_kind")),
                   json_integer_value(json_object_get(old, "entity_id")),
                   json_is_integer(caseId) ? json_integer_value(caseId) : 0,
                   NULL,
                   json_object_get(old, "fields")};
    /* the common fields are the issue's own (number, date, names in force): they are filled again */
    static const char *const common[] = {"org_name", "number", "date", "case_number", "case_title"};
    for (int i = 0; i < 5; i++) json_object_del(in.pFields, common[i]);
    rc = issue(db, actor, &in, id, &newId, e);
  }
  if (!rc) {
    json_t *after = json_pack("{s:I, s:I}", "superseded_by", (json_int_t)newId, "id", (json_int_t)id);
    rc = audit_append(db, actor, "document.reissue", "document", audit_id(id).z, NULL, after, e);
    json_decref(after);
  }
  json_decref(old);
  rc = app_finish_write(db, rc, e);
  return rc ? rc : documents_get(db, actor, newId, out, e);
}

int documents_list(Db *db, const Actor *actor, DocumentFilter f, json_t **out, JwErr *e) {
  f.orgId = actor->orgId;
  if (f.zType && !doc_type_find(f.zType)) return err_field(e, "type", "未知的文书类型");
  *out = document_store_list(db, &f);
  if (!*out) return err_internal(e, db_errmsg(db));
  add_type_names(json_object_get(*out, "items"));
  return 0;
}

/* One type's entry of the template list. NULL with e on a database error. */
static json_t *template_entry(Db *db, int64_t orgId, const DocType *t, JwErr *e) {
  int64_t version;
  char *zTitle = NULL, *zBody = NULL;
  if (template_in_force(db, orgId, t, &version, &zTitle, &zBody, e)) return NULL;
  json_t *ph = json_array();
  for (const DocPlaceholder *p = t->aPh; p->zName; p++) {
    json_array_append_new(ph, json_pack("{s:s, s:s}", "name", p->zName, "label", p->zLabel));
  }
  for (const DocPlaceholder *p = doc_common_ph; p->zName; p++) {
    json_array_append_new(ph, json_pack("{s:s, s:s}", "name", p->zName, "label", p->zLabel));
  }
  json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:o}", "type", t->zCode, "name", t->zName, "abbr",
                        t->zAbbr, "version", (json_int_t)version, "title", zTitle, "body", zBody, "default_title",
                        t->zTitle, "default_body", t->zBody, "placeholders", ph);
  free(zTitle);
  free(zBody);
  return o;
}

/* The 文号 the office's format gives a type's first number this year (the editor shows it beside the format). */
static json_t *number_example(Db *db, int64_t orgId, const char *zFormat) {
  char *zShort = NULL, *zOrg = NULL, zToday[11], zNumber[DOC_NUMBER_BYTES];
  time_today_china(zToday);
  json_t *v = json_null();
  if (!document_store_org_names(db, orgId, &zShort, &zOrg) &&
      !doc_number_format(zFormat, zShort, doc_types[1].zAbbr, atoi(zToday), 1, zNumber, sizeof zNumber)) {
    v = json_string(zNumber);
  }
  free(zShort);
  free(zOrg);
  return v;
}

int documents_templates(Db *db, const Actor *actor, json_t **out, JwErr *e) {
  json_t *items = json_array();
  for (int i = 0; i < doc_type_count; i++) {
    json_t *o = template_entry(db, actor->orgId, &doc_types[i], e);
    if (!o) {
      json_decref(items);
      return -1;
    }
    json_array_append_new(items, o);
  }
  char *zFormat = number_format(db, actor->orgId);
  *out = json_pack("{s:o, s:s, s:s, s:o}", "items", items, "number_format", zFormat, "default_number_format",
                   DOC_NUMBER_FORMAT_DEFAULT, "number_example", number_example(db, actor->orgId, zFormat));
  free(zFormat);
  return 0;
}

static const JinLabel template_labels[] = {{"type", "文书类型"}, {"title", "文书标题"}, {"body", "模板正文"}};

int documents_template_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  static const JinField fields[] = {
      {"type", JIN_STRING, 1, 1, 32},
      {"title", JIN_STRING, 1, 1, DOC_TITLE_MAX},
      {"body", JIN_TEXT, 1, 1, DOC_BODY_MAX},
  };
  if (jin_check_labeled(in, fields, 3, template_labels, 3, e)) return -1;
  const DocType *t = doc_type_find(jin_str(in, "type"));
  if (!t) return err_field(e, "type", "未知的文书类型");
  char zWhy[160];
  if (doc_template_check(t, jin_str(in, "title"), zWhy, sizeof zWhy)) return err_field(e, "title", "%s", zWhy);
  if (doc_template_check(t, jin_str(in, "body"), zWhy, sizeof zWhy)) return err_field(e, "body", "%s", zWhy);
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  json_t *before = template_entry(db, actor->orgId, t, e), *after = NULL;
  int rc = before ? 0 : -1;
  char zNow[32];
  time_now_iso(zNow);
  int64_t version = 0;
  if (!rc && document_store_template_add(db, actor->orgId, t->zCode, jin_str(in, "title"), jin_str(in, "body"),
                                         actor->userId, zNow, &version)) {
    rc = err_internal(e, db_errmsg(db));
  }
  if (!rc && !(after = template_entry(db, actor->orgId, t, e))) rc = -1;
  if (!rc) {
    json_t *b = json_pack("{s:O, s:O, s:O}", "version", json_object_get(before, "version"), "title",
                          json_object_get(before, "title"), "body", json_object_get(before, "body"));
    json_t *a = json_pack("{s:O, s:O, s:O}", "version", json_object_get(after, "version"), "title",
                          json_object_get(after, "title"), "body", json_object_get(after, "body"));
    rc = audit_append(db, actor, "document_template.update", "document_template", t->zCode, b, a, e);
    json_decref(b);
    json_decref(a);
  }
  json_decref(before);
  rc = app_finish_write(db, rc, e);
  if (rc) json_decref(after);
  else *out = after;
  return rc;
}

int documents_settings_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  static const JinField fields[] = {{"number_format", JIN_STRING, 1, 1, DOC_NUMBER_FORMAT_MAX}};
  static const JinLabel labels[] = {{"number_format", "文号格式"}};
  if (jin_check_labeled(in, fields, 1, labels, 1, e)) return -1;
  char zWhy[200];
  const char *zFormat = jin_str(in, "number_format");
  if (doc_number_format_check(zFormat, zWhy, sizeof zWhy)) return err_field(e, "number_format", "%s", zWhy);
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  char *zBefore = number_format(db, actor->orgId);
  json_t *before = json_pack("{s:s}", "number_format", zBefore);
  free(zBefore);
  json_t *after = json_pack("{s:s}", "number_format", zFormat);
  int rc = org_setting_put(db, actor->orgId, DOC_SETTINGS_KEY, after) ? err_internal(e, db_errmsg(db)) : 0;
  if (!rc) rc = audit_append(db, actor, "document_settings.update", "org", audit_id(actor->orgId).z, before, after, e);
  json_decref(before);
  json_decref(after);
  rc = app_finish_write(db, rc, e);
  return rc ? rc : documents_templates(db, actor, out, e);
}
