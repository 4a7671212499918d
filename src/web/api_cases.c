/* api_cases.c: cases, deadlines, reference lists and the fast-track setting (docs/api-cases.md). Handlers translate
 * HTTP to the use cases in app/cases.c; every check of the input happens there. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "app/cases.h"
#include "app/deadlines.h"
#include "core/case_rules.h"
#include "core/idcard.h"
#include "core/roles.h"
#include "lib/timeutil.h"
#include "web/api.h"
#include "web/api_export.h"

static int api_result(Req *r, int rc, int status, json_t *out, const JwErr *e) {
  return rc ? reply_error(r, e) : reply_json(r, status, out);
}

int api_reference_case_types(Req *r) {
  json_t *items = json_array();
  for (int i = 0; i < CASE_TYPE_COUNT; i++) {
    const CaseTypeRule *t = &case_types[i];
    json_t *dec = json_array();
    for (const char *const *p = t->azDecisions; *p; p++) json_array_append_new(dec, json_string(*p));
    json_array_append_new(
        items, json_pack("{s:s, s:s, s:s, s:b, s:o, s:s}", "code", t->zCode, "name", t->zName, "abbr", t->zAbbr,
                         "allows_return", t->allowsReturn, "decisions", dec, "rule", t->zRule));
  }
  return reply_json(r, 200, json_pack("{s:o}", "items", items));
}

int api_reference_deadline_kinds(Req *r) {
  json_t *items = json_array();
  for (int i = 0; i < deadline_kinds_count; i++) {
    const DeadlineKindRule *k = &deadline_kinds[i];
    json_array_append_new(items, json_pack("{s:s, s:s, s:i, s:b, s:s}", "code", k->zCode, "name", k->zName, "warn_days",
                                           k->warnDays, "lapses", k->lapses, "rule", k->zRule));
  }
  return reply_json(r, 200, json_pack("{s:o}", "items", items));
}

/* The charges, in the order of the Criminal Law, or those matching ?q= (part of the name, or the start of the pinyin
 * initials: 袭警, xjz). */
int api_reference_charges(Req *r) {
  JwErr e;
  const char *zQuery = NULL;
  if (req_query_str(r, "q", 50, &zQuery, &e)) return reply_error(r, &e);
  json_t *items = json_array();
  for (size_t i = 0; i < charges_count; i++) {
    const Charge *c = &charges[i];
    if (!charge_matches(c, zQuery)) continue;
    json_array_append_new(
        items, json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", c->zCode, "name", c->zName, "article", c->zArticle,
                         "initials", c->zInitials, "chapter", charge_chapters[c->chapter]));
  }
  return reply_json(r, 200, json_pack("{s:o}", "items", items));
}

/* The case list's query (an ExportQuery, api_export.h): the page, or with x every row of the same filter. */
static int cases_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  char zToday[11], zId[19];
  time_today_china(zToday);
  CaseFilter f = {.orgId = r->session.actor.orgId, .zToday = zToday, .pExport = x};
  const char *zOverdue = NULL, *zUnassigned = NULL, *zDir = NULL;
  if (req_query_str(r, "unassigned", 5, &zUnassigned, e) || req_query_date(r, "concluded_from", &f.zConcludedFrom, e) ||
      req_query_date(r, "concluded_to", &f.zConcludedTo, e)) {
    return -1;
  }
  if (zUnassigned && strcmp(zUnassigned, "true") != 0 && strcmp(zUnassigned, "false") != 0) {
    return err_field(e, "unassigned", "参数 unassigned 必须是 true 或 false");
  }
  f.unassigned = zUnassigned && strcmp(zUnassigned, "true") == 0;
  if ((!x && req_paging(r, &f.limit, &f.offset, e)) || req_query_str(r, "status", 16, &f.zStatus, e) ||
      req_query_str(r, "case_type", 32, &f.zType, e) || req_query_str(r, "charge", 64, &f.zCharge, e) ||
      req_query_date(r, "received_from", &f.zFrom, e) || req_query_date(r, "received_to", &f.zTo, e) ||
      req_query_str(r, "q", 50, &f.zQuery, e) || req_query_str(r, "overdue", 5, &zOverdue, e) ||
      req_query_int(r, "department_id", 1, INT64_MAX / 2, 0, &f.departmentId, e) ||
      req_query_int(r, "prosecutor_id", 1, INT64_MAX / 2, 0, &f.prosecutorId, e) ||
      req_query_str(r, "sort", 32, &f.zSort, e) || req_query_str(r, "dir", 16, &zDir, e)) {
    return -1;
  }
  if (f.zSort && !case_store_sort_known(f.zSort)) {
    return err_field(e, "sort", "参数 sort 必须是以下列之一：" CASE_SORT_COLUMNS);
  }
  if (zDir && strcmp(zDir, "asc") != 0 && strcmp(zDir, "desc") != 0) {
    return err_field(e, "dir", "参数 dir 必须是 asc（升序）或 desc（降序）");
  }
  f.ascending = zDir && strcmp(zDir, "asc") == 0;
  CaseStatus st;
  if (f.zStatus && strcmp(f.zStatus, "open") != 0 && case_status_parse(f.zStatus, &st)) /* open: in work */
    return err_field(e, "status", "案件状态无效");
  if (f.zType && !case_type_by_code(f.zType)) return err_field(e, "case_type", "案件类别无效");
  if (f.zCharge && !charge_by_code(f.zCharge)) return err_field(e, "charge", "未知罪名");
  if (zOverdue && strcmp(zOverdue, "true") != 0 && strcmp(zOverdue, "false") != 0) {
    return err_field(e, "overdue", "参数 overdue 必须是 true 或 false");
  }
  f.overdue = zOverdue && strcmp(zOverdue, "true") == 0;
  if (f.zQuery) {
    JwIdInfo info;
    JwDate today;
    date_parse(zToday, 10, &today);
    if (idcard_normalize(f.zQuery, strlen(f.zQuery), today, zId, &info) == 0) f.zIdNumber = zId;
  }
  return cases_list(r->db, &f, out, e);
}

int api_cases_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = cases_query(r, NULL, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_cases_export(Req *r) {
  return export_reply(r, &export_cases, cases_query);
}

int api_cases_create(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = cases_register(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 201, out, &e);
}

int api_cases_get(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = cases_get(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_cases_update(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = cases_update(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_cases_add_person(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = cases_add_person(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, 201, out, &e);
}

int api_cases_update_person(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = cases_update_person(r->db, &r->session.actor, r->aPathId[0], r->aPathId[1], r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_cases_event(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int status = 201;
  int rc = cases_event(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &status, &e);
  return api_result(r, rc, status, out, &e);
}

int api_cases_rotation(Req *r) {
  JwErr e;
  int64_t dept;
  json_t *out = NULL;
  if (req_query_int(r, "department_id", 1, INT64_MAX / 2, 0, &dept, &e)) return reply_error(r, &e);
  if (!dept) return reply_err(r, 400, "validation_failed", "department_id", "缺少参数 department_id");
  int rc = cases_rotation_peek(r->db, &r->session.actor, dept, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

/* Fills the deadline filter's scope from ?scope=mine|department|office. */
static int deadline_scope(Req *r, DeadlineFilter *f, JwErr *e) {
  const char *zScope;
  if (req_query_str(r, "scope", 16, &zScope, e)) return -1;
  const Actor *a = &r->session.actor;
  if (!zScope || strcmp(zScope, "mine") == 0) {
    f->prosecutorId = a->userId;
  } else if (strcmp(zScope, "department") == 0) {
    if (!a->departmentId) return err_field(e, "scope", "您没有所属部门");
    f->departmentId = a->departmentId;
  } else if (strcmp(zScope, "office") == 0) {
    if (!(a->perms & (PERM_CASE_REGISTER | PERM_AUDIT_READ))) {
      return err_set(e, 403, "forbidden", "scope", "只有案管人员和院领导可以查看全院期限");
    }
  } else {
    return err_field(e, "scope", "参数 scope 必须是 mine、department 或 office");
  }
  return 0;
}

/* The filters the deadline list and its month view share: scope, level, kind and status (open or closed). */
static int deadline_filters(Req *r, DeadlineFilter *f, JwErr *e) {
  const char *zStatus = NULL;
  if (deadline_scope(r, f, e) || req_query_str(r, "level", 16, &f->zLevel, e) ||
      req_query_str(r, "kind", 32, &f->zKind, e) || req_query_str(r, "status", 8, &zStatus, e)) {
    return -1;
  }
  /* attention: overdue, due or warning, the bell's reminders (app/work.c) */
  static const char *const levels[] = {"overdue", "due", "warning", "normal", "suspended", "attention"};
  int ok = !f->zLevel;
  for (int i = 0; i < 6 && !ok; i++) ok = strcmp(f->zLevel, levels[i]) == 0;
  if (!ok) return err_field(e, "level", "参数 level 必须是 overdue、due、warning、normal、suspended 或 attention");
  if (f->zKind && !*f->zKind) f->zKind = NULL;
  if (f->zKind && !deadline_kind_by_code(f->zKind)) return err_field(e, "kind", "参数 kind 不是有效的期限种类");
  if (zStatus && strcmp(zStatus, "open") != 0 && strcmp(zStatus, "closed") != 0) {
    return err_field(e, "status", "参数 status 必须是 open 或 closed");
  }
  f->closed = zStatus && strcmp(zStatus, "closed") == 0;
  return 0;
}

/* The deadline list's query (an ExportQuery, api_export.h): the page, or with x every row of the same filter. */
static int deadlines_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  char zToday[11];
  time_today_china(zToday);
  DeadlineFilter f = {.orgId = r->session.actor.orgId, .zToday = zToday, .pExport = x};
  if (deadline_filters(r, &f, e) || (!x && req_paging(r, &f.limit, &f.offset, e)) ||
      req_query_date(r, "from", &f.zFrom, e) || req_query_date(r, "to", &f.zTo, e)) {
    return -1;
  }
  return deadlines_list(r->db, &f, out, e);
}

int api_deadlines_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = deadlines_query(r, NULL, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_deadlines_export(Req *r) {
  return export_reply(r, &export_deadlines, deadlines_query);
}

#define MONTH_PER_DAY_MAX 20

/* GET /api/v1/deadlines/month?month=YYYY-MM&per_day=N and the list's filters: one reply for the month view. */
int api_deadlines_month(Req *r) {
  JwErr e;
  char zToday[11], zFrom[11], zTo[11];
  time_today_china(zToday);
  DeadlineFilter f = {.orgId = r->session.actor.orgId, .zToday = zToday};
  const char *zMonth = NULL;
  int64_t perDay;
  if (deadline_filters(r, &f, &e) || req_query_str(r, "month", 7, &zMonth, &e) ||
      req_query_int(r, "per_day", 1, MONTH_PER_DAY_MAX, 3, &perDay, &e)) {
    return reply_error(r, &e);
  }
  if (!zMonth || !*zMonth) return reply_err(r, 400, "validation_failed", "month", "缺少参数 month（YYYY-MM）");
  JwDate first;
  char zFirst[11];
  snprintf(zFirst, sizeof zFirst, "%s-01", zMonth);
  if (strlen(zMonth) != 7 || zMonth[4] != '-' || date_parse(zFirst, 10, &first)) {
    return reply_err(r, 400, "validation_failed", "month", "参数 month 必须是有效月份（YYYY-MM）");
  }
  date_format(first, zFrom);
  date_format(date_add_months(first, 1) - 1, zTo);
  f.zFrom = zFrom;
  f.zTo = zTo;
  json_t *out = NULL;
  int rc = deadlines_month(r->db, &f, (int)perDay, &out, &e);
  if (!rc) {
    json_object_set_new(out, "month", json_string(zMonth));
    json_object_set_new(out, "from", json_string(zFrom));
    json_object_set_new(out, "to", json_string(zTo));
    json_object_set_new(out, "per_day", json_integer(perDay));
    json_object_set_new(out, "today", json_string(zToday));
  }
  return api_result(r, rc, 200, out, &e);
}

int api_deadlines_summary(Req *r) {
  JwErr e;
  char zToday[11];
  time_today_china(zToday);
  DeadlineFilter f = {.orgId = r->session.actor.orgId, .zToday = zToday};
  if (deadline_scope(r, &f, &e)) return reply_error(r, &e);
  json_t *o = NULL;
  if (deadlines_summary(r->db, &f, &o, &e)) return reply_error(r, &e);
  json_object_set_new(o, "today", json_string(zToday));
  return reply_json(r, 200, o);
}

int api_settings_warnings_get(Req *r) {
  return reply_json(r, 200, deadlines_warnings_get(r->db, &r->session.actor));
}

int api_settings_warnings_put(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = deadlines_warnings_put(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_settings_fast_track_get(Req *r) {
  return reply_json(r, 200, cases_fast_track_get(r->db, &r->session.actor));
}

int api_settings_fast_track_put(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = cases_fast_track_put(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}
