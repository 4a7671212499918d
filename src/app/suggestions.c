/* suggestions.c: the 检察建议 use cases (see suggestions.h). */
#include "app/suggestions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_util.h"
#include "app/approvals.h"
#include "app/leads.h"
#include "app/suggestion_documents.h"
#include "app/deadlines.h"
#include "app/holidays.h"
#include "app/tx.h"
#include "core/agency.h"
#include "core/roles.h"
#include "core/suggestion.h"
#include "lib/jsonin.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"
#include "store/approval_store.h"
#include "store/deadline_store.h"
#include "store/linkage_store.h"

#define SUG_ID_MAX   ((int64_t)1 << 53)
#define SUG_TEXT_MAX 5000

static void copy_str(char *out, size_t n, const char *z) {
  snprintf(out, n, "%s", z ? z : "");
}

/* Replaces a heap string of the row. */
static void set_text(char **pz, const char *z) {
  size_t n = strlen(z) + 1;
  char *p = malloc(n);
  if (!p) return; /* keeps the old text; the write still succeeds with it */
  memcpy(p, z, n);
  free(*pz);
  *pz = p;
}

/* The 承办检察官, the department, or a 院领导 (the 检察长 signs every suggestion) may record its steps. */
static int may_handle(const Actor *a, const SuggestionRow *r) {
  if (a->perms & PERM_APPROVE_CHIEF) return 1;
  return r->prosecutorId == a->userId || (a->departmentId && r->departmentId == a->departmentId);
}

static void facts_of(const SuggestionRow *r, SugFacts *f) {
  memset(f, 0, sizeof *f);
  if (sug_state_parse(r->zState, &f->state)) f->state = SUG_DRAFT;
  f->issuedOn = app_day_of(r->zIssuedOn);
  f->servedOn = app_day_of(r->zServedOn);
  f->objectionOn = app_day_of(r->zObjectionOn);
  f->replyOn = app_day_of(r->zReplyOn);
  f->lastVisitOn = app_day_of(r->zVisitOn);
  f->zLastVisitResult = r->zVisitResult[0] ? r->zVisitResult : NULL;
  f->zAdoption = r->zAdoption[0] ? r->zAdoption : NULL;
}

/* The record as the audit row keeps it: the API view without the timeline. NULL on error. */
static json_t *audit_view(Db *db, int64_t orgId, int64_t id) {
  char zToday[11];
  app_today(zToday);
  int found = 0;
  json_t *o = suggestion_store_get(db, orgId, id, zToday, &found);
  if (o) json_object_del(o, "events");
  return o;
}

/* Appends one step to the timeline. */
static int note(Db *db, const Actor *actor, int64_t id, const char *zKind, const char *zOn, const json_t *data,
                JwErr *e) {
  char zNow[32];
  time_now_iso(zNow);
  if (suggestion_store_event_insert(db, actor->orgId, id, zKind, zOn, data, actor->userId, zNow) < 0) {
    return app_db_fail(db, e);
  }
  return 0;
}

/* ---- the reply deadline -------------------------------------------------------------------------------------- */

/* Brings the reply deadline row of the current service round in line with the row: running while the suggestion
 * is served and unanswered (served / objected); closed on zClosedOn when the step ended it (reply, amendment,
 * withdrawal, closure). wasRunning: the period ran before the step. */
static int sync_reply(Db *db, const SuggestionRow *r, int wasRunning, const char *zClosedOn, JwErr *e) {
  int running = strcmp(r->zState, "served") == 0 || strcmp(r->zState, "objected") == 0;
  if (!running && !wasRunning) return 0; /* nothing runs, and earlier rounds' rows are closed already */
  JwDate served = app_day_of(r->zServedOn);
  if (!served) return 0;
  const JwCalendar *cal = holidays_current(db, e);
  if (!cal) return -1;
  JwLength len;
  if (period_parse_length(r->zReplyLength, &len)) len = sug_default_reply_length(r->zType, r->urgent);
  JwDate due = 0;
  int prov = 0;
  if (sug_reply_due(cal, served, len, &due, &prov)) return err_rule(e, "on", "日期超出可计算的范围");
  const DeadlineKindRule *k = deadline_kind_by_code("suggestion_reply");
  DeadlineRow row = {0};
  row.zKind = "suggestion_reply";
  row.sequence = r->serviceRound;
  row.startOn = served;
  row.length = len;
  row.dueOn = due;
  row.provisional = prov;
  row.open = running;
  row.closedOn = running ? 0 : app_day_of(zClosedOn);
  row.zWarnKey = "suggestion_reply";
  row.warnDays = k ? k->warnDays : 10;
  row.zRule = k ? k->zRule : "";
  char zSubject[600];
  snprintf(zSubject, sizeof zSubject, "检察建议：%s", r->zTitle);
  DeadlineOwner o = {r->orgId, "suggestion", r->id, r->caseId, zSubject, r->prosecutorId, r->departmentId};
  return deadlines_sync(db, &o, &row, 1, e);
}

/* ---- create -------------------------------------------------------------------------------------------------- */

static const JinField create_fields[] = {
    {"type", JIN_STRING, 1, 1, 24},          {"urgent", JIN_BOOL, 0, 0, 0},
    {"title", JIN_STRING, 1, 1, 200},        {"agency_id", JIN_INT, 1, 1, SUG_ID_MAX},
    {"facts", JIN_TEXT, 1, 1, SUG_TEXT_MAX}, {"text", JIN_TEXT, 1, 1, SUG_TEXT_MAX},
    {"legal_basis", JIN_TEXT, 1, 1, 1000},   {"copies", JIN_OBJECTS, 0, 0, 20},
    {"links", JIN_OBJECTS, 0, 0, 50},        {"reply_length", JIN_STRING, 0, 1, 8},
};
/* PUT: the same fields, each optional, on a draft */
static const JinField update_fields[] = {
    {"type", JIN_STRING, 0, 1, 24},          {"urgent", JIN_BOOL, 0, 0, 0},
    {"title", JIN_STRING, 0, 1, 200},        {"agency_id", JIN_INT, 0, 1, SUG_ID_MAX},
    {"facts", JIN_TEXT, 0, 1, SUG_TEXT_MAX}, {"text", JIN_TEXT, 0, 1, SUG_TEXT_MAX},
    {"legal_basis", JIN_TEXT, 0, 1, 1000},   {"copies", JIN_OBJECTS, 0, 0, 20},
    {"reply_length", JIN_STRING, 0, 1, 8},
};
static const JinLabel sug_labels[] = {
    {"type", "建议类型"},     {"urgent", "紧急"},           {"title", "标题"},           {"agency_id", "被建议单位"},
    {"facts", "事实"},        {"text", "建议内容"},         {"legal_basis", "法律依据"}, {"copies", "抄送单位"},
    {"links", "关联记录"},    {"reply_length", "回复期限"}, {"kind", "办理事项"},        {"on", "日期"},
    {"reason", "理由"},       {"method", "送达方式"},       {"adoption", "采纳情况"},    {"result", "结果"},
    {"evidence", "整改证据"}, {"to", "上报对象"},           {"outcome", "结案方式"},     {"note", "备注"},
};
#define NLABELS (sizeof sug_labels / sizeof sug_labels[0])

/* Checks the type, urgency and reply length of the input against each other (row: what is there already). */
static int check_terms(const json_t *in, const SuggestionRow *r, JwErr *e) {
  const char *zType = jin_str(in, "type") ? jin_str(in, "type") : r->zType;
  if (!sug_code_in(sug_type_codes, zType)) {
    return err_field(e, "type",
                     "建议类型必须是 retrial（再审）、correction（纠正违法）、public_interest（公益诉讼）、"
                     "social_governance（社会治理）或 other（其他）");
  }
  int urgent = jin_has(in, "urgent") ? json_is_true(json_object_get(in, "urgent")) : r->urgent;
  if (urgent && strcmp(zType, "public_interest") != 0) {
    return err_rule(e, "urgent", "只有公益诉讼检察建议可以紧急（十五日内回复）");
  }
  const char *zLen = jin_str(in, "reply_length");
  JwLength len;
  if (zLen && (period_parse_length(zLen, &len) || len.unit == JW_UNIT_WORKDAYS)) {
    return err_field(e, "reply_length", "回复期限须写作日数或月数，如 15d、2m");
  }
  return 0;
}

/* The copies (抄送) of the input as stored: [{agency_id, name}] or [{name}]. *out a new reference. */
static int check_copies_into(Db *db, int64_t orgId, const json_t *a, json_t *out, JwErr *e) {
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) {
    char zField[48];
    const char *key;
    json_t *x;
    json_t *id = json_object_get(v, "agency_id"), *name = json_object_get(v, "name");
    json_object_foreach(v, key, x) {
      if (strcmp(key, "agency_id") != 0 && strcmp(key, "name") != 0) {
        snprintf(zField, sizeof zField, "copies.%zu.%s", i, key);
        return err_field(e, zField, "抄送单位只能写 agency_id 或 name");
      }
    }
    if ((id != NULL) == (name != NULL)) {
      snprintf(zField, sizeof zField, "copies.%zu", i);
      return err_field(e, zField, "抄送单位须写明机关（agency_id）或名称（name），二者选一");
    }
    if (id) {
      snprintf(zField, sizeof zField, "copies.%zu.agency_id", i);
      char zName[AGENCY_NAME_BYTES];
      if (!json_is_integer(id) || json_integer_value(id) < 1) return err_field(e, zField, "抄送机关的 id 必须是正整数");
      int found = suggestion_store_agency_name(db, orgId, json_integer_value(id), zName, sizeof zName);
      if (found < 0) return app_db_fail(db, e);
      if (!found) return err_rule(e, zField, "抄送机关不在本院机关名录中");
      json_array_append_new(out,
                            json_pack("{s:I, s:s}", "agency_id", (json_int_t)json_integer_value(id), "name", zName));
    } else {
      snprintf(zField, sizeof zField, "copies.%zu.name", i);
      const char *z = json_string_value(name);
      size_t n = z ? utf8_length(z, strlen(z)) : 0;
      if (!z || !n || n > 100 || utf8_has_control(z, strlen(z), NULL)) {
        return err_field(e, zField, "抄送单位名称须为 1 至 100 字的一行文字");
      }
      json_array_append_new(out, json_pack("{s:s}", "name", z));
    }
  }
  return 0;
}

/* The copies (抄送) of the input as stored: [{agency_id, name}] or [{name}]. *out a new reference (NULL on error). */
static int check_copies(Db *db, int64_t orgId, const json_t *a, json_t **out, JwErr *e) {
  json_t *copies = json_array();
  int rc = check_copies_into(db, orgId, a, copies, e);
  if (rc) json_decref(copies);
  *out = rc ? NULL : copies;
  return rc;
}

/* The links of the input: each {kind: case|linkage|lead, id}; a case must be the office's. */
static int check_links(Db *db, int64_t orgId, const json_t *a, JwErr *e) {
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) {
    char zField[48];
    const char *zKind = json_string_value(json_object_get(v, "kind"));
    json_t *id = json_object_get(v, "id");
    snprintf(zField, sizeof zField, "links.%zu.kind", i);
    if (json_object_size(v) != 2 || !zKind ||
        (strcmp(zKind, "case") != 0 && strcmp(zKind, "linkage") != 0 && strcmp(zKind, "lead") != 0)) {
      return err_field(e, zField, "关联记录须写作 {kind, id}，kind 为 case、linkage 或 lead");
    }
    snprintf(zField, sizeof zField, "links.%zu.id", i);
    if (!json_is_integer(id) || json_integer_value(id) < 1) return err_field(e, zField, "关联记录的 id 必须是正整数");
    if (strcmp(zKind, "case") == 0) {
      int found = suggestion_store_case_exists(db, orgId, json_integer_value(id));
      if (found < 0) return app_db_fail(db, e);
      if (!found) return err_rule(e, zField, "关联案件不存在");
    }
    if (strcmp(zKind, "linkage") == 0) {
      int found = 0;
      json_t *item = linkage_store_get(db, orgId, json_integer_value(id), &found);
      json_decref(item);
      if (found < 0) return app_db_fail(db, e);
      if (!found) return err_rule(e, zField, "关联的行刑衔接事项不存在");
    }
    /* a lead (线索, issue 12 §3): the office's, confirmed (调查核实) */
    if (strcmp(zKind, "lead") == 0) {
      int found = leads_confirmed_exists(db, orgId, json_integer_value(id));
      if (found < 0) return app_db_fail(db, e);
      if (!found) return err_rule(e, zField, "关联线索不存在或尚未核实属实");
    }
  }
  return 0;
}

/* The recipient: an agency of the actor's office. */
static int check_agency(Db *db, int64_t orgId, int64_t agencyId, JwErr *e) {
  char zName[AGENCY_NAME_BYTES];
  int found = suggestion_store_agency_name(db, orgId, agencyId, zName, sizeof zName);
  if (found < 0) return app_db_fail(db, e);
  if (!found) return err_rule(e, "agency_id", "被建议单位不在本院机关名录中");
  return 0;
}

/* Inserts the draft r with its links, its "created" event and its audit row (inside the transaction). */
static int insert_draft(Db *db, const Actor *actor, SuggestionRow *r, const json_t *links, int64_t *pId, JwErr *e) {
  char zNow[32];
  time_now_iso(zNow);
  r->orgId = actor->orgId;
  r->prosecutorId = actor->userId;
  r->departmentId = actor->departmentId;
  copy_str(r->zState, sizeof r->zState, "draft");
  size_t i;
  json_t *v;
  json_array_foreach(links, i, v) {
    if (!r->caseId && strcmp(json_string_value(json_object_get(v, "kind")), "case") == 0) {
      r->caseId = json_integer_value(json_object_get(v, "id"));
    }
  }
  int64_t id = suggestion_store_insert(db, r, zNow);
  if (id < 0) return app_db_fail(db, e);
  r->id = id;
  json_array_foreach(links, i, v) {
    if (suggestion_store_link(db, actor->orgId, id, json_string_value(json_object_get(v, "kind")),
                              json_integer_value(json_object_get(v, "id")))) {
      return app_db_fail(db, e);
    }
  }
  if (note(db, actor, id, "created", NULL, NULL, e)) return -1;
  json_t *after = audit_view(db, actor->orgId, id);
  if (!after) return app_db_fail(db, e);
  int rc = audit_append(db, actor, "suggestion.create", "suggestion", audit_id(id).z, NULL, after, e);
  json_decref(after);
  *pId = id;
  return rc;
}

int suggestions_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (jin_check_labeled(in, create_fields, sizeof create_fields / sizeof create_fields[0], sug_labels, NLABELS, e)) {
    return -1;
  }
  SuggestionRow r;
  memset(&r, 0, sizeof r);
  if (check_terms(in, &r, e)) return -1;
  json_t *empty = json_array();
  const json_t *links = json_object_get(in, "links") ? json_object_get(in, "links") : empty;
  if (db_begin(db)) {
    json_decref(empty);
    return app_db_fail(db, e);
  }
  json_t *copies = NULL;
  int rc = check_agency(db, actor->orgId, jin_int(in, "agency_id", 0), e);
  if (!rc)
    rc = check_copies(db, actor->orgId, json_object_get(in, "copies") ? json_object_get(in, "copies") : empty, &copies,
                      e);
  if (!rc) rc = check_links(db, actor->orgId, links, e);
  int64_t id = 0;
  if (!rc) {
    copy_str(r.zType, sizeof r.zType, jin_str(in, "type"));
    r.urgent = json_is_true(json_object_get(in, "urgent"));
    r.agencyId = jin_int(in, "agency_id", 0);
    r.zTitle = (char *)jin_str(in, "title");
    r.zFacts = (char *)jin_str(in, "facts");
    r.zBody = (char *)jin_str(in, "text");
    r.zLegalBasis = (char *)jin_str(in, "legal_basis");
    r.zCopies = json_dumps(copies, JSON_COMPACT);
    const char *zLen = jin_str(in, "reply_length");
    JwLength dflt = sug_default_reply_length(r.zType, r.urgent);
    if (zLen) copy_str(r.zReplyLength, sizeof r.zReplyLength, zLen);
    else period_format_length(dflt, r.zReplyLength);
    rc = insert_draft(db, actor, &r, links, &id, e);
    free(r.zCopies);
  }
  json_decref(copies);
  json_decref(empty);
  if (app_finish_write(db, rc, e)) return -1;
  return suggestions_get(db, actor, id, out, e);
}

int suggestions_open_linked(Db *db, const Actor *actor, const SuggestionDraft *d, long long *pId, JwErr *e) {
  *pId = 0;
  if (!(actor->perms & PERM_SUGGESTION_HANDLE)) return err_set(e, 403, "forbidden", NULL, "您没有办理检察建议的权限");
  const char *zType = d->zType ? d->zType : "other";
  if (!sug_code_in(sug_type_codes, zType)) return err_field(e, "type", "建议类型无效");
  if (!d->zLinkedKind || (strcmp(d->zLinkedKind, "linkage") != 0 && strcmp(d->zLinkedKind, "case") != 0 &&
                          strcmp(d->zLinkedKind, "lead") != 0)) {
    return err_field(e, "kind", "关联记录类型必须是 linkage、case 或 lead");
  }
  if (d->linkedId < 1) return err_field(e, "id", "关联记录的 id 必须是正整数");
  char zAgency[AGENCY_NAME_BYTES];
  int found = suggestion_store_agency_name(db, actor->orgId, d->agencyId, zAgency, sizeof zAgency);
  if (found < 0) return app_db_fail(db, e);
  if (!found) return err_rule(e, "agency_id", "被建议单位不在本院机关名录中");
  if (d->caseId) {
    found = suggestion_store_case_exists(db, actor->orgId, d->caseId);
    if (found < 0) return app_db_fail(db, e);
    if (!found) return err_rule(e, "case_id", "关联案件不存在");
  }
  json_t *links = json_array();
  json_array_append_new(links, json_pack("{s:s, s:I}", "kind", d->zLinkedKind, "id", (json_int_t)d->linkedId));
  if (d->caseId && strcmp(d->zLinkedKind, "case") != 0) {
    json_array_append_new(links, json_pack("{s:s, s:I}", "kind", "case", "id", (json_int_t)d->caseId));
  }
  char zTitle[600];
  snprintf(zTitle, sizeof zTitle, "关于%s的跟进监督检察建议", zAgency);
  SuggestionRow r;
  memset(&r, 0, sizeof r);
  copy_str(r.zType, sizeof r.zType, zType);
  r.agencyId = d->agencyId;
  r.caseId = d->caseId;
  r.zTitle = zTitle;
  r.zFacts = (char *)(d->zReason ? d->zReason : "");
  r.zBody = "";
  r.zLegalBasis = "";
  r.zCopies = "[]";
  period_format_length(sug_default_reply_length(zType, 0), r.zReplyLength);
  int64_t id = 0;
  int rc = insert_draft(db, actor, &r, links, &id, e);
  json_decref(links);
  if (!rc) *pId = id;
  return rc;
}

int suggestions_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  if (jin_check_labeled(in, update_fields, sizeof update_fields / sizeof update_fields[0], sug_labels, NLABELS, e)) {
    return -1;
  }
  if (db_begin(db)) return app_db_fail(db, e);
  SuggestionRow r;
  int found = suggestion_store_load(db, actor->orgId, id, &r);
  int rc = found < 0 ? app_db_fail(db, e) : !found ? err_set(e, 404, "not_found", NULL, "检察建议不存在") : 0;
  if (!rc && !may_handle(actor, &r)) rc = err_set(e, 403, "forbidden", NULL, "只能办理本部门或本人的检察建议");
  if (!rc && strcmp(r.zState, "draft") != 0)
    rc = err_set(e, 409, "conflict", NULL, "只有草稿可以修改；已签发的检察建议经异议处理修改");
  if (!rc) {
    int pending = approval_store_pending_exists(db, "suggestion", id, "suggestion_issue", 0);
    if (pending < 0) rc = app_db_fail(db, e);
    else if (pending) rc = err_set(e, 409, "conflict", NULL, "已提请签发，等待审批，不能修改");
  }
  if (!rc) rc = check_terms(in, &r, e);
  if (!rc && jin_has(in, "agency_id")) rc = check_agency(db, actor->orgId, jin_int(in, "agency_id", 0), e);
  json_t *copies = NULL;
  if (!rc && jin_has(in, "copies")) rc = check_copies(db, actor->orgId, json_object_get(in, "copies"), &copies, e);
  json_t *before = rc ? NULL : audit_view(db, actor->orgId, id);
  if (!rc) {
    if (jin_str(in, "type")) copy_str(r.zType, sizeof r.zType, jin_str(in, "type"));
    if (jin_has(in, "urgent")) r.urgent = json_is_true(json_object_get(in, "urgent"));
    if (jin_has(in, "agency_id")) r.agencyId = jin_int(in, "agency_id", 0);
    if (jin_str(in, "title")) set_text(&r.zTitle, jin_str(in, "title"));
    if (jin_str(in, "facts")) set_text(&r.zFacts, jin_str(in, "facts"));
    if (jin_str(in, "text")) set_text(&r.zBody, jin_str(in, "text"));
    if (jin_str(in, "legal_basis")) set_text(&r.zLegalBasis, jin_str(in, "legal_basis"));
    if (copies) {
      free(r.zCopies);
      r.zCopies = json_dumps(copies, JSON_COMPACT);
    }
    if (jin_str(in, "reply_length")) copy_str(r.zReplyLength, sizeof r.zReplyLength, jin_str(in, "reply_length"));
    else if (jin_has(in, "type") || jin_has(in, "urgent")) {
      period_format_length(sug_default_reply_length(r.zType, r.urgent), r.zReplyLength);
    }
    char zNow[32];
    time_now_iso(zNow);
    if (!r.zCopies || suggestion_store_update(db, &r, zNow)) rc = app_db_fail(db, e);
  }
  if (!rc) rc = note(db, actor, id, "edited", NULL, in, e);
  json_t *after = rc ? NULL : audit_view(db, actor->orgId, id);
  if (!rc) rc = audit_append(db, actor, "suggestion.update", "suggestion", audit_id(id).z, before, after, e);
  json_decref(before);
  json_decref(after);
  json_decref(copies);
  if (found == 1) suggestion_row_free(&r);
  if (app_finish_write(db, rc, e)) return -1;
  return suggestions_get(db, actor, id, out, e);
}

/* ---- steps --------------------------------------------------------------------------------------------------- */

static const JinField event_fields[] = {
    {"kind", JIN_STRING, 1, 1, 32},    {"on", JIN_STRING, 0, 1, 10},           {"reason", JIN_TEXT, 0, 0, 500},
    {"method", JIN_STRING, 0, 1, 16},  {"text", JIN_TEXT, 0, 1, SUG_TEXT_MAX}, {"adoption", JIN_STRING, 0, 1, 16},
    {"result", JIN_STRING, 0, 1, 16},  {"evidence", JIN_TEXT, 0, 1, 2000},     {"to", JIN_STRING, 0, 1, 32},
    {"outcome", JIN_STRING, 0, 1, 32}, {"reply_length", JIN_STRING, 0, 1, 8},  {"note", JIN_TEXT, 0, 0, 500},
};

/* Per step: the fields it takes besides kind ('!' required). The two decisions take the approver's date: their
 * `on` is optional (today when the 检察长 takes it directly). */
static const char *const event_specs[SUG_EV_COUNT] = {
    [SUG_EV_ISSUE] = "on reason",          [SUG_EV_SERVE] = "!on !method reply_length note",
    [SUG_EV_OBJECT] = "!on !text",         [SUG_EV_OBJECTION_HANDLE] = "on !result text reason",
    [SUG_EV_REPLY] = "!on !adoption text", [SUG_EV_VISIT] = "!on !result !evidence",
    [SUG_EV_URGE] = "!on !text",           [SUG_EV_ESCALATE] = "!on !to !text",
    [SUG_EV_CLOSE] = "!on !outcome text",
};

/* 1 when zName appears in the space-separated spec (with or without its '!'). */
static int spec_has(const char *zSpec, const char *zName, int *pRequired) {
  size_t n = strlen(zName);
  for (const char *p = zSpec; *p;) {
    int req = *p == '!';
    if (req) p++;
    size_t k = strcspn(p, " ");
    if (k == n && strncmp(p, zName, n) == 0) {
      if (pRequired) *pRequired = req;
      return 1;
    }
    p += k;
    while (*p == ' ') p++;
  }
  return 0;
}

static const char *label_of(const char *zName) {
  for (size_t i = 0; i < NLABELS; i++) {
    if (strcmp(sug_labels[i].zName, zName) == 0) return sug_labels[i].zLabel;
  }
  return zName;
}

/* Validates a step's input apart from the record. *pKind the step, *pOn its date (0 when absent). */
static int event_parse(const json_t *in, SugEventKind *pKind, JwDate *pOn, JwErr *e) {
  if (jin_check_labeled(in, event_fields, sizeof event_fields / sizeof event_fields[0], sug_labels, NLABELS, e)) {
    return -1;
  }
  if (sug_event_parse(jin_str(in, "kind"), pKind))
    return err_field(e, "kind", "未知的办理事项 %s", jin_str(in, "kind"));
  const char *zSpec = event_specs[*pKind];
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)in, key, v) {
    if (strcmp(key, "kind") != 0 && !spec_has(zSpec, key, NULL)) {
      return err_field(e, key, "%s不适用于该办理事项", label_of(key));
    }
  }
  for (int i = 0; i < (int)(sizeof event_fields / sizeof event_fields[0]); i++) {
    int req = 0;
    const char *zName = event_fields[i].zName;
    if (spec_has(zSpec, zName, &req) && req && !jin_has(in, zName)) {
      return err_field(e, zName, "缺少%s", label_of(zName));
    }
  }
  *pOn = 0;
  const char *zOn = jin_str(in, "on");
  if (zOn && date_parse(zOn, strlen(zOn), pOn)) return err_field(e, "on", "日期不是有效日期（YYYY-MM-DD）");
  const char *zLen = jin_str(in, "reply_length");
  JwLength len;
  if (zLen && (period_parse_length(zLen, &len) || len.unit == JW_UNIT_WORKDAYS)) {
    return err_field(e, "reply_length", "回复期限须写作日数或月数，如 15d、2m");
  }
  const char *zResult = jin_str(in, "result");
  if (*pKind == SUG_EV_OBJECTION_HANDLE && zResult && strcmp(zResult, "withdraw") != 0 && !jin_str(in, "text")) {
    return err_field(e, "text",
                     strcmp(zResult, "amend") == 0 ? "异议成立修改检察建议，须写明修改后的建议内容"
                                                   : "异议不成立，须写明向被建议单位的说明");
  }
  const char *zOutcome = jin_str(in, "outcome");
  if (*pKind == SUG_EV_CLOSE && zOutcome && strcmp(zOutcome, "other") == 0 && !jin_str(in, "text")) {
    return err_field(e, "text", "以其他方式结案须写明情况");
  }
  return 0;
}

/* The decision of the 权力清单 a step is, or NULL. */
static const char *decision_of(SugEventKind k) {
  return k == SUG_EV_ISSUE ? "suggestion_issue" : k == SUG_EV_OBJECTION_HANDLE ? "suggestion_objection" : NULL;
}

/* Applies the checked step to the row. */
static void apply_step(SuggestionRow *r, const SugFacts *f, const SugStep *s, const json_t *in, const char *zOn) {
  SugState next = sug_next_state(f, s);
  copy_str(r->zState, sizeof r->zState, sug_state_codes[next]);
  switch (s->kind) {
    case SUG_EV_ISSUE:
      copy_str(r->zIssuedOn, sizeof r->zIssuedOn, zOn);
      break;
    case SUG_EV_SERVE:
      r->serviceRound++;
      copy_str(r->zServedOn, sizeof r->zServedOn, zOn);
      if (!r->zFirstServedOn[0]) copy_str(r->zFirstServedOn, sizeof r->zFirstServedOn, zOn);
      copy_str(r->zMethod, sizeof r->zMethod, s->zMethod);
      if (jin_str(in, "reply_length")) copy_str(r->zReplyLength, sizeof r->zReplyLength, jin_str(in, "reply_length"));
      break;
    case SUG_EV_OBJECT:
      copy_str(r->zObjectionOn, sizeof r->zObjectionOn, zOn);
      break;
    case SUG_EV_OBJECTION_HANDLE:
      if (strcmp(s->zResult, "amend") == 0) set_text(&r->zBody, jin_str(in, "text"));
      if (strcmp(s->zResult, "withdraw") == 0) {
        copy_str(r->zOutcome, sizeof r->zOutcome, "withdrawn");
        copy_str(r->zClosedOn, sizeof r->zClosedOn, zOn);
      }
      break;
    case SUG_EV_REPLY:
      copy_str(r->zReplyOn, sizeof r->zReplyOn, zOn);
      copy_str(r->zAdoption, sizeof r->zAdoption, s->zAdoption);
      break;
    case SUG_EV_VISIT:
      copy_str(r->zVisitOn, sizeof r->zVisitOn, zOn);
      copy_str(r->zVisitResult, sizeof r->zVisitResult, s->zResult);
      break;
    case SUG_EV_CLOSE:
      copy_str(r->zOutcome, sizeof r->zOutcome, s->zOutcome);
      copy_str(r->zClosedOn, sizeof r->zClosedOn, zOn);
      break;
    default:
      break; /* 督促 and escalation are logged steps */
  }
}

/* Runs a step (input checked by event_parse) inside the caller's transaction on day `on`. With proposerId 0 the
 * actor records it and a decision of the 权力清单 is proposed instead (returns 1, *pApprovalId); with proposerId set
 * it is applied on approval by the approver. 0 applied, -1 with e. */
static int sug_run(Db *db, const Actor *actor, int64_t id, SugEventKind kind, const json_t *in, JwDate on,
                   int64_t proposerId, int64_t *pApprovalId, JwErr *e) {
  SuggestionRow r;
  int found = suggestion_store_load(db, actor->orgId, id, &r);
  if (found < 0) return app_db_fail(db, e);
  if (!found) return err_set(e, 404, "not_found", NULL, "检察建议不存在");
  int rc = 0;
  if (!proposerId && !may_handle(actor, &r)) rc = err_set(e, 403, "forbidden", NULL, "只能办理本部门或本人的检察建议");
  char zToday[11];
  JwDate today = app_today(zToday);
  if (!on) on = today;
  char zOn[11];
  date_format(on, zOn);
  SugFacts f;
  facts_of(&r, &f);
  SugStep s = {kind,
               on,
               jin_str(in, "method"),
               jin_str(in, "adoption"),
               jin_str(in, "result"),
               jin_str(in, "to"),
               jin_str(in, "outcome")};
  const char *zField = NULL;
  int status = 0;
  const char *zWhy = rc ? NULL : sug_check_step(&f, &s, today, &zField, &status);
  if (zWhy) rc = status == 409 ? err_set(e, 409, "conflict", zField, "%s", zWhy) : err_rule(e, zField, zWhy);
  if (!rc && kind == SUG_EV_ISSUE && (!r.zBody[0] || !r.zLegalBasis[0])) {
    rc = err_rule(e, r.zBody[0] ? "legal_basis" : "text", "签发前须写明建议内容和法律依据");
  }
  const char *zDecision = rc ? NULL : decision_of(kind);
  if (zDecision && !proposerId) {
    char zSubject[600];
    snprintf(zSubject, sizeof zSubject, "检察建议：%s", r.zTitle);
    json_t *payload = json_deep_copy(in);
    json_object_del(payload, "on");
    ApprovalRequest req = {"suggestion", id,       r.caseId, r.departmentId,       0,
                           zDecision,    zSubject, payload,  jin_str(in, "reason")};
    int routed = approvals_route(db, actor, &req, pApprovalId, e);
    json_decref(payload);
    if (routed < 0) rc = -1;
    else if (routed == 1) {
      json_t *data = json_pack("{s:s, s:I, s:s*}", "decision_kind", zDecision, "approval_id", (json_int_t)*pApprovalId,
                               "reason", jin_str(in, "reason"));
      rc = note(db, actor, id, "proposed", NULL, data, e);
      json_decref(data);
      suggestion_row_free(&r);
      return rc ? -1 : 1;
    }
  }
  if (!rc) {
    int wasRunning = f.state == SUG_SERVED || f.state == SUG_OBJECTED;
    apply_step(&r, &f, &s, in, zOn);
    char zNow[32];
    time_now_iso(zNow);
    if (suggestion_store_update(db, &r, zNow)) rc = app_db_fail(db, e);
    if (!rc) rc = sync_reply(db, &r, wasRunning, zOn, e);
    int amended = kind == SUG_EV_OBJECTION_HANDLE && strcmp(s.zResult, "amend") == 0;
    /* an amended text is served anew: the next service starts the next round's period */
    if (!rc && amended) {
      r.zServedOn[0] = 0;
      r.zObjectionOn[0] = 0;
      if (suggestion_store_update(db, &r, zNow)) rc = app_db_fail(db, e);
    }
    /* the 检察建议书: on its 签发, and under a new 文号 for an amended text (the first one kept as issued) */
    if (!rc && (kind == SUG_EV_ISSUE || amended)) rc = suggestion_issue_document(db, actor, &r, zOn, e);
  }
  if (!rc) {
    json_t *data = json_deep_copy(in);
    json_object_del(data, "kind");
    json_object_del(data, "on");
    if (proposerId) {
      json_object_set_new(data, "proposed_by", json_integer(proposerId));
      json_object_set_new(data, "approved_by", json_integer(actor->userId));
    }
    rc = note(db, actor, id, sug_event_codes[kind], zOn, data, e);
    json_decref(data);
  }
  suggestion_row_free(&r);
  return rc;
}

int suggestions_event(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, int *pStatus, JwErr *e) {
  SugEventKind kind;
  JwDate on;
  if (event_parse(in, &kind, &on, e)) return -1;
  if (db_begin(db)) return app_db_fail(db, e);
  json_t *before = audit_view(db, actor->orgId, id);
  int64_t approvalId = 0;
  int rc = before ? sug_run(db, actor, id, kind, in, on, 0, &approvalId, e)
                  : err_set(e, 404, "not_found", NULL, "检察建议不存在");
  if (rc == 1) {
    json_decref(before);
    if (app_finish_write(db, 0, e)) return -1;
    *pStatus = 202;
    if (!out) return 0;
    if (suggestions_get(db, actor, id, out, e)) return -1;
    json_t *approval = NULL;
    if (approvals_get(db, actor, approvalId, &approval, e)) return -1;
    json_object_set_new(*out, "approval", approval);
    return 0;
  }
  json_t *after = rc ? NULL : audit_view(db, actor->orgId, id);
  char zAction[48];
  snprintf(zAction, sizeof zAction, "suggestion.%s", sug_event_codes[kind]);
  if (!rc) rc = audit_append(db, actor, zAction, "suggestion", audit_id(id).z, before, after, e);
  json_decref(before);
  json_decref(after);
  if (app_finish_write(db, rc, e)) return -1;
  *pStatus = 201;
  return out ? suggestions_get(db, actor, id, out, e) : 0;
}

int suggestions_apply_approved(Db *db, const Actor *approver, int64_t id, const json_t *payload, JwDate legalOn,
                               int64_t proposerId, JwErr *e) {
  json_t *in = json_deep_copy(payload);
  char zOn[11];
  date_format(legalOn, zOn);
  json_object_set_new(in, "on", json_string(zOn));
  SugEventKind kind;
  JwDate on;
  int rc = event_parse(in, &kind, &on, e);
  json_t *before = rc ? NULL : audit_view(db, approver->orgId, id);
  int64_t unused = 0;
  if (!rc) rc = sug_run(db, approver, id, kind, in, legalOn, proposerId, &unused, e);
  json_decref(in);
  json_t *after = rc ? NULL : audit_view(db, approver->orgId, id);
  char zAction[48];
  snprintf(zAction, sizeof zAction, "suggestion.%s", sug_event_codes[kind]);
  if (!rc) rc = audit_append(db, approver, zAction, "suggestion", audit_id(id).z, before, after, e);
  json_decref(before);
  json_decref(after);
  return rc;
}

int suggestions_note_approval(Db *db, const Actor *actor, int64_t id, const char *zKind, const char *zDecisionKind,
                              const char *zReason, JwErr *e) {
  json_t *data = json_pack("{s:s, s:s*}", "decision_kind", zDecisionKind, "reason", zReason);
  int rc = note(db, actor, id, zKind, NULL, data, e);
  json_decref(data);
  return rc;
}

/* ---- reads --------------------------------------------------------------------------------------------------- */

/* The allowed actions of the record for the actor: each step with whether it may be taken today and why not. */
static json_t *actions_of(Db *db, const Actor *actor, const SuggestionRow *r) {
  json_t *a = json_array();
  SugFacts f;
  facts_of(r, &f);
  char zToday[11];
  JwDate today = app_today(zToday);
  int handle = (actor->perms & PERM_SUGGESTION_HANDLE) && may_handle(actor, r);
  for (int k = 0; k < SUG_EV_COUNT; k++) {
    /* each step judged by the state alone: its values are the form's to choose */
    SugStep s = {(SugEventKind)k,       today,      "written", "adopted", k == SUG_EV_VISIT ? "rectified" : "rejected",
                 "upper_procuratorate", "withdrawn"};
    const char *zField = NULL;
    int status = 0;
    const char *zWhy = handle ? NULL : "只能办理本部门或本人的检察建议";
    if (!zWhy) zWhy = sug_check_step(&f, &s, today, &zField, &status);
    if (!zWhy && k == SUG_EV_ISSUE && (!r->zBody[0] || !r->zLegalBasis[0])) zWhy = "签发前须写明建议内容和法律依据";
    if (!zWhy && decision_of((SugEventKind)k)) {
      int pending = approval_store_pending_exists(db, "suggestion", r->id, decision_of((SugEventKind)k), 0);
      if (pending > 0) zWhy = "已提请审批，正在等待检察长审批";
    }
    json_array_append_new(
        a, json_pack("{s:s, s:b, s:s*}", "kind", sug_event_codes[k], "enabled", zWhy == NULL, "why", zWhy));
  }
  return a;
}

int suggestions_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  char zToday[11];
  app_today(zToday);
  int found = 0;
  json_t *o = suggestion_store_get(db, actor->orgId, id, zToday, &found);
  if (!o) return found ? app_db_fail(db, e) : err_set(e, 404, "not_found", NULL, "检察建议不存在");
  SuggestionRow r;
  if (suggestion_store_load(db, actor->orgId, id, &r) != 1) {
    json_decref(o);
    return app_db_fail(db, e);
  }
  json_object_set_new(o, "text", json_incref(json_object_get(o, "body")));
  json_object_del(o, "body");
  json_object_set_new(o, "actions", actions_of(db, actor, &r));
  json_object_set_new(o, "approvals", approvals_for_record(db, actor, "suggestion", id));
  json_t *d = deadline_store_for_entity(db, "suggestion", id, zToday);
  json_object_set_new(o, "deadlines", d ? d : json_array());
  suggestion_row_free(&r);
  *out = o;
  return 0;
}

int suggestions_list(Db *db, const Actor *actor, SuggestionFilter f, json_t **out, JwErr *e) {
  char zToday[11];
  app_today(zToday);
  f.orgId = actor->orgId;
  f.zToday = zToday;
  *out = suggestion_store_list(db, &f);
  return *out ? 0 : app_db_fail(db, e);
}

int suggestions_by_agency(Db *db, const Actor *actor, json_t **out, JwErr *e) {
  char zToday[11];
  app_today(zToday);
  *out = suggestion_store_by_agency(db, actor->orgId, zToday);
  return *out ? 0 : app_db_fail(db, e);
}
