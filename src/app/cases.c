/* cases.c: registering cases, reading them, editing them, and the office's case settings (see cases.h). */
#include "app/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/agencies.h"
#include "app/approvals.h"
#include "app/linkage.h"
#include "app/case_internal.h"
#include "app/tx.h"
#include "core/case_rules.h"
#include "core/roles.h"
#include "lib/buf.h"
#include "lib/jsonin.h"
#include "lib/mem.h"
#include "lib/timeutil.h"
#include "store/accounts_store.h"
#include "store/case_search.h"
#include "store/case_store.h"

/* ---- reads ------------------------------------------------------------------------------------------------ */

int cases_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  char zToday[11];
  time_today_china(zToday);
  int found = case_store_get(db, actor->orgId, id, zToday, out);
  if (found < 0) return err_internal(e, db_errmsg(db));
  if (!found) return err_set(e, 404, "not_found", NULL, "案件不存在");
  CaseState *st = case_state_load(db, actor->orgId, id, e);
  if (!st) {
    json_decref(*out);
    *out = NULL;
    return -1;
  }
  /* what the rules derive from the history: returns (with those before a change of jurisdiction), whether the
   * current round is extended, and where the current review period started */
  char zClock[11];
  date_format(st->f.clockStart, zClock);
  json_object_set_new(*out, "returns", json_integer(st->f.returns));
  json_object_set_new(*out, "extended", json_boolean(st->f.extended));
  json_object_set_new(*out, "clock_start", json_string(zClock));
  /* what can be done now, each with the reason it cannot (computed by core: the UI repeats no rule) */
  JwDate today = case_today();
  CaseAction aAct[EVENT_KIND_COUNT];
  int nAct = case_actions(&st->f, today, aAct);
  json_t *actions = json_array();
  for (int i = 0; i < nAct; i++) {
    json_array_append_new(actions, json_pack("{s:s, s:b, s:s*}", "kind", case_event_code(aAct[i].kind), "enabled",
                                             aAct[i].enabled, "why", aAct[i].zWhy));
  }
  json_object_set_new(*out, "actions", actions);
  /* what the law asks now */
  JwDate suppDue = 0;
  for (int i = 0; i < st->nD; i++) {
    if (st->aD[i].kind == DEADLINE_SUPPLEMENTARY && st->aD[i].open) suppDue = st->aD[i].dueOn;
  }
  const char *azPrompt[CASE_MAX_PROMPTS];
  int nPrompt = case_prompts(&st->f, today, suppDue, azPrompt);
  json_t *prompts = json_array();
  for (int i = 0; i < nPrompt; i++) json_array_append_new(prompts, json_string(azPrompt[i]));
  json_object_set_new(*out, "prompts", prompts);
  json_object_set_new(*out, "approvals", approvals_for_record(db, actor, "case", id));
  /* linkage (issue 10): the 行刑衔接 items of the case's persons */
  json_object_set_new(*out, "linkage", linkage_for_case(db, actor, id));
  case_state_free(st);
  return 0;
}

int cases_list(Db *db, const CaseFilter *f, json_t **out, JwErr *e) {
  *out = case_store_list(db, f);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

/* ---- registration ----------------------------------------------------------------------------------------- */

static const JinField register_fields[] = {
    {"case_type", JIN_STRING, 1, 1, 32},
    {"title", JIN_STRING, 1, 1, CASE_TITLE_MAX_CHARS},
    {"source_agency", JIN_STRING, 1, 1, 100},
    {"source_number", JIN_STRING_OR_NULL, 0, 0, 100},
    {"received_on", JIN_STRING, 1, 1, 10},
    {"department_id", JIN_ID_OR_NULL, 1, 0, 0},
    {"assign", JIN_STRING, 0, 1, 16},
    {"prosecutor_id", JIN_ID_OR_NULL, 0, 0, 0},
    {"major_complex", JIN_BOOL, 0, 0, 0},
    {"prior_returns", JIN_INT, 0, 0, CASE_MAX_RETURNS},
    {"persons", JIN_OBJECTS, 1, 1, CASE_MAX_PERSONS},
};

/* The Chinese labels of the case's input fields, as the registration and edit forms show them. */
static const JinLabel case_labels[] = {
    {"case_type", "案件类型"},
    {"title", "案件名称"},
    {"source_agency", "移送机关"},
    {"source_number", "移送文书文号"},
    {"received_on", "受理日期"},
    {"department_id", "承办部门"},
    {"assign", "分案方式"},
    {"prosecutor_id", "承办检察官"},
    {"major_complex", "重大、复杂案件"},
    {"prior_returns", "改变管辖前已退回次数"},
    {"persons", "涉案人员"},
    {"summary_procedure", "适用速裁程序"},
};
#define CASE_LABELS case_labels, sizeof case_labels / sizeof case_labels[0]

/* Formats a case number from the organisation's template: {short} {type} {year} {n}. -1 when it does not fit out
 * (never cut: a cut number would collide with the next one). */
int case_format_number(const char *zFormat, const char *zShort, const char *zAbbr, int year, int64_t n, char *out,
                       size_t nOut) {
  Buf b = BUF_INIT;
  for (const char *p = zFormat; *p;) {
    if (strncmp(p, "{short}", 7) == 0) buf_puts(&b, zShort), p += 7;
    else if (strncmp(p, "{type}", 6) == 0) buf_puts(&b, zAbbr), p += 6;
    else if (strncmp(p, "{year}", 6) == 0) buf_printf(&b, "%d", year), p += 6;
    else if (strncmp(p, "{n}", 3) == 0) buf_printf(&b, "%lld", (long long)n), p += 3;
    else buf_putc(&b, *p++);
  }
  int fits = b.n < nOut;
  if (fits) memcpy(out, buf_cstr(&b), b.n + 1);
  buf_free(&b);
  return fits ? 0 : -1;
}

/* Whether the organisation's fast-track rule takes this prosecution review case; fills its department. */
static int fast_track_matches(Db *db, int64_t orgId, const PersonInput *aP, int nP, int64_t *pDept) {
  json_t *rule = org_setting_get(db, orgId, "fast_track");
  int match = rule && json_is_true(json_object_get(rule, "enabled"));
  const char *zMax = json_string_value(json_object_get(rule, "max_sentence_band"));
  json_t *allowed = json_object_get(rule, "charges");
  for (int i = 0; match && i < nP; i++) {
    if (!aP[i].plea || !aP[i].zSentenceBand) match = 0;
    else if (sentence_band_rank(aP[i].zSentenceBand) > sentence_band_rank(zMax ? zMax : "1_3y")) match = 0;
    size_t k, j;
    json_t *c, *a;
    json_array_foreach(aP[i].charges, k, c) {
      int found = 0;
      json_array_foreach(allowed, j, a) found |= json_equal(a, c);
      if (!found) match = 0;
    }
  }
  if (match) *pDept = json_integer_value(json_object_get(rule, "department_id"));
  json_decref(rule);
  return match && *pDept > 0;
}

int cases_register(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (jin_check_labeled(in, register_fields, sizeof register_fields / sizeof register_fields[0], CASE_LABELS, e)) {
    return -1;
  }
  const CaseTypeRule *type = case_type_by_code(jin_str(in, "case_type"));
  if (!type) return err_field(e, "case_type", "案件类别无效");
  JwDate received;
  if (case_parse_date(in, "received_on", "受理日期", 1, &received, e)) return -1;
  const char *zAssign = jin_str(in, "assign") ? jin_str(in, "assign") : "manual";
  /* later (待分案): received now, assigned afterwards by the assign event; the home page lists such cases for 案管 */
  int rotation = strcmp(zAssign, "rotation") == 0, later = strcmp(zAssign, "later") == 0;
  if (!rotation && !later && strcmp(zAssign, "manual") != 0) {
    return err_field(e, "assign", "分案方式必须是 manual、rotation 或 later");
  }
  int64_t deptId = jin_int(in, "department_id", 0), prosecutorId = later ? 0 : jin_int(in, "prosecutor_id", 0);
  if (!deptId) return err_field(e, "department_id", "请选择承办部门");
  if (!rotation && !later && !prosecutorId) return err_field(e, "prosecutor_id", "请选择承办检察官，或选择轮案");
  int priorReturns = (int)jin_int(in, "prior_returns", 0);
  if (priorReturns && !type->allowsReturn) return err_field(e, "prior_returns", "该类案件没有退回补充侦查");
  json_t *persons = json_object_get(in, "persons");
  int nP = (int)json_array_size(persons);
  PersonInput *aP = xcalloc((size_t)nP, sizeof *aP);
  int rc = 0;
  for (int i = 0; i < nP && !rc; i++) {
    const char *zWhy;
    if (case_person_parse(json_array_get(persons, (size_t)i), &aP[i], e)) rc = case_person_field_error(e, i);
    else if (case_person_is_duplicate(&aP[i], NULL, 0, aP, i, &zWhy)) {
      rc = err_field(e, zWhy, "同一案件中不能重复录入同一犯罪嫌疑人");
      case_person_field_error(e, i);
    }
  }
  if (rc) {
    free(aP);
    return -1;
  }
  if (db_begin(db)) {
    free(aP);
    return err_internal(e, db_errmsg(db));
  }
  CaseRow c;
  memset(&c, 0, sizeof c);
  c.orgId = actor->orgId;
  snprintf(c.zType, sizeof c.zType, "%s", type->zCode);
  snprintf(c.zTitle, sizeof c.zTitle, "%s", jin_str(in, "title"));
  snprintf(c.zStatus, sizeof c.zStatus, "under_review");
  date_format(received, c.zReceived);
  c.majorComplex = json_is_true(json_object_get(in, "major_complex"));
  c.priorReturns = priorReturns;
  json_t *d = dept_store_get(db, actor->orgId, deptId);
  if (!d) rc = err_field(e, "department_id", "部门不存在");
  json_decref(d);
  int64_t fastDept = 0;
  int fastTrack =
      !rc && type->type == CASE_PROSECUTION_REVIEW && fast_track_matches(db, actor->orgId, aP, nP, &fastDept);
  if (fastTrack) {
    /* 轻微刑事案件办案组 集中受理: routed to the fast-track department, with 速裁 periods; a prosecutor chosen by hand
     * keeps the case only if they are in that team, otherwise rotation inside the team picks one */
    if (later) {
      /* assigned afterwards, inside the team */
    } else if (deptId != fastDept || rotation) {
      rotation = 1;
    } else {
      json_t *u = user_store_get(db, actor->orgId, prosecutorId);
      if (!u || jin_int(u, "department_id", 0) != fastDept) rotation = 1;
      json_decref(u);
    }
    deptId = fastDept;
    c.summaryProcedure = 1;
  }
  c.departmentId = deptId;
  char zPicked[64] = "";
  if (!rc && rotation) {
    int found = case_store_rotation_pick(db, actor->orgId, deptId, &prosecutorId, zPicked, sizeof zPicked);
    if (found < 0) rc = err_internal(e, db_errmsg(db));
    else if (!found) rc = err_field(e, fastTrack ? "department_id" : "assign", "该部门没有可轮案的检察官");
  } else if (!rc && !later) {
    int handler = case_store_is_handler(db, actor->orgId, prosecutorId);
    if (handler < 0) rc = err_internal(e, db_errmsg(db));
    else if (!handler) rc = err_field(e, "prosecutor_id", "承办人必须是本院在职的检察官或检察官助理");
  }
  c.prosecutorId = prosecutorId;
  char *zFormat = NULL, *zShort = NULL;
  if (!rc && case_store_numbering(db, actor->orgId, &zFormat, &zShort)) rc = err_internal(e, db_errmsg(db));
  int y, m, dd;
  date_to_ymd(received, &y, &m, &dd);
  int64_t seq = rc ? 0 : case_store_next_sequence(db, actor->orgId, y, type->zCode);
  if (!rc && seq < 0) rc = err_internal(e, db_errmsg(db));
  if (!rc) {
    if (case_format_number(zFormat, zShort, type->zAbbr, y, seq, c.zNumber, sizeof c.zNumber)) {
      rc =
          err_set(e, 409, "conflict", "case_number_format", "按本院案号格式生成的案号过长，请管理员缩短案号格式或简称");
    } else if (case_store_number_exists(db, actor->orgId, c.zNumber) != 0) {
      rc = err_set(e, 409, "conflict", NULL, "案号 %s 已存在，请检查案号格式设置", c.zNumber);
    }
  }
  free(zFormat);
  free(zShort);
  char zNow[32];
  time_now_iso(zNow);
  if (!rc) {
    c.id = case_store_insert(db, &c, jin_str(in, "title"), jin_str(in, "source_agency"), jin_str(in, "source_number"),
                             zNow);
    if (c.id < 0) rc = err_internal(e, db_errmsg(db));
  }
  if (!rc) rc = agencies_note(db, actor->orgId, jin_str(in, "source_agency"), e); /* a new agency joins the list */
  for (int i = 0; i < nP && !rc; i++) {
    if (case_person_insert(db, actor->orgId, c.id, &aP[i], c.zReceived, e) < 0) rc = -1;
  }
  if (!rc) {
    json_t *data = json_pack("{s:s, s:b, s:b}", "assign",
                             rotation ? "rotation"
                             : later  ? "later"
                                      : "manual",
                             "fast_track", fastTrack, "summary_procedure", c.summaryProcedure);
    if (case_store_event_insert(db, actor->orgId, c.id, "register", c.zReceived, 0, data, actor->userId, zNow) < 0) {
      rc = err_internal(e, db_errmsg(db));
    }
    json_decref(data);
  }
  free(aP);
  if (!rc && case_search_refresh(db, c.id)) rc = err_internal(e, db_errmsg(db)); /* in this transaction */
  return case_finish(db, actor, c.id, "case.register", NULL, rc, out, e);
}

/* ---- editing ---------------------------------------------------------------------------------------------- */

int cases_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  static const JinField fields[] = {
      {"title", JIN_STRING, 0, 1, CASE_TITLE_MAX_CHARS}, {"major_complex", JIN_BOOL, 0, 0, 0},
      {"department_id", JIN_ID_OR_NULL, 0, 0, 0},        {"prosecutor_id", JIN_ID_OR_NULL, 0, 0, 0},
      {"summary_procedure", JIN_BOOL, 0, 0, 0},          {"source_agency", JIN_STRING, 0, 1, 100},
  };
  if (jin_check_labeled(in, fields, sizeof fields / sizeof fields[0], CASE_LABELS, e)) return -1;
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  CaseRow c;
  int rc = 0, found = case_store_load(db, actor->orgId, id, &c);
  if (found <= 0) rc = found < 0 ? err_internal(e, db_errmsg(db)) : err_set(e, 404, "not_found", NULL, "案件不存在");
  if (!rc && !case_may_handle(actor, &c)) rc = err_set(e, 403, "forbidden", NULL, "只能办理本部门或分配给本人的案件");
  if (!rc && (strcmp(c.zStatus, "archived") == 0 || strcmp(c.zStatus, "transferred") == 0)) {
    rc = err_set(e, 409, "conflict", NULL, "案件已归档或已移送，不能修改");
  }
  json_t *before = rc ? NULL : case_audit_view(db, actor->orgId, id);
  if (!rc && json_object_get(in, "major_complex")) c.majorComplex = json_is_true(json_object_get(in, "major_complex"));
  if (!rc && json_object_get(in, "summary_procedure")) {
    int sp = json_is_true(json_object_get(in, "summary_procedure"));
    if (sp && strcmp(c.zType, "prosecution_review") != 0)
      rc = err_field(e, "summary_procedure", "只有审查起诉案件可以适用速裁");
    c.summaryProcedure = sp;
  }
  if (!rc && jin_int(in, "department_id", 0) && jin_int(in, "department_id", 0) != c.departmentId &&
      !(actor->perms & PERM_CASE_REGISTER)) {
    rc = err_set(e, 403, "forbidden", "department_id", "只有案管人员可以变更承办部门");
  }
  if (!rc && jin_int(in, "department_id", 0)) {
    json_t *d = dept_store_get(db, actor->orgId, jin_int(in, "department_id", 0));
    if (!d) rc = err_field(e, "department_id", "部门不存在");
    else c.departmentId = jin_int(in, "department_id", 0);
    json_decref(d);
  }
  if (!rc && jin_int(in, "prosecutor_id", 0)) {
    if (!(actor->perms & PERM_CASE_REGISTER))
      rc = err_set(e, 403, "forbidden", "prosecutor_id", "只有案管人员可以改派承办人");
    else if (case_store_is_handler(db, actor->orgId, jin_int(in, "prosecutor_id", 0)) != 1) {
      rc = err_field(e, "prosecutor_id", "承办人必须是本院在职的检察官或检察官助理");
    } else {
      c.prosecutorId = jin_int(in, "prosecutor_id", 0);
    }
  }
  char zNow[32];
  time_now_iso(zNow);
  if (!rc && case_store_update(db, &c, zNow)) rc = err_internal(e, db_errmsg(db));
  if (!rc && jin_str(in, "title") && case_store_update_title(db, actor->orgId, id, jin_str(in, "title"))) {
    rc = err_internal(e, db_errmsg(db));
  }
  const char *zAgency = jin_str(in, "source_agency");
  if (!rc && zAgency && case_store_update_source_agency(db, actor->orgId, id, zAgency)) {
    rc = err_internal(e, db_errmsg(db));
  }
  if (!rc && zAgency) rc = agencies_note(db, actor->orgId, zAgency, e);
  /* the search document holds the title and the agency */
  if (!rc && (jin_str(in, "title") || zAgency) && case_search_refresh(db, id)) rc = err_internal(e, db_errmsg(db));
  if (!rc) rc = case_timeline_note(db, actor, id, "update", 0, in, NULL, e);
  return case_finish(db, actor, id, "case.update", before, rc, out, e);
}

/* ---- fast track and rotation ------------------------------------------------------------------------------ */

json_t *cases_fast_track_get(Db *db, const Actor *actor) {
  json_t *v = org_setting_get(db, actor->orgId, "fast_track");
  if (!v) v = json_pack("{s:b, s:n, s:[], s:s}", "enabled", 0, "department_id", "charges", "max_sentence_band", "1_3y");
  return v;
}

int cases_fast_track_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  static const JinField fields[] = {
      {"enabled", JIN_BOOL, 1, 0, 0},
      {"department_id", JIN_ID_OR_NULL, 1, 0, 0},
      {"charges", JIN_STRINGS, 1, 0, 100},
      {"max_sentence_band", JIN_STRING, 1, 1, 16},
  };
  if (jin_check(in, fields, sizeof fields / sizeof fields[0], e)) return -1;
  const char *zMax = jin_str(in, "max_sentence_band");
  if (!sentence_band_is_valid(zMax) || sentence_band_rank(zMax) > sentence_band_rank("1_3y")) {
    return err_field(e, "max_sentence_band", "轻微刑事案件的可能刑罚不超过三年有期徒刑");
  }
  if (case_check_charges(json_object_get(in, "charges"), e)) return -1;
  int enabled = json_is_true(json_object_get(in, "enabled"));
  int64_t deptId = jin_int(in, "department_id", 0);
  if (enabled && !deptId) return err_field(e, "department_id", "启用时须指定办案组所在部门");
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  if (deptId) {
    json_t *d = dept_store_get(db, actor->orgId, deptId);
    if (!d) rc = err_field(e, "department_id", "部门不存在");
    json_decref(d);
  }
  json_t *before = cases_fast_track_get(db, actor);
  if (!rc && org_setting_put(db, actor->orgId, "fast_track", in)) rc = err_internal(e, db_errmsg(db));
  if (!rc) rc = audit_append(db, actor, "setting.fast_track", "org", audit_id(actor->orgId).z, before, in, e);
  json_decref(before);
  if (app_finish_write(db, rc, e)) return -1;
  *out = cases_fast_track_get(db, actor);
  return 0;
}

int cases_rotation_peek(Db *db, const Actor *actor, int64_t departmentId, json_t **out, JwErr *e) {
  int64_t userId = 0;
  char zName[64];
  int found = case_store_rotation_pick(db, actor->orgId, departmentId, &userId, zName, sizeof zName);
  if (found < 0) return err_internal(e, db_errmsg(db));
  if (!found) return err_set(e, 404, "not_found", "department_id", "该部门没有可轮案的检察官");
  *out = json_pack("{s:I, s:s}", "prosecutor_id", (json_int_t)userId, "name", zName);
  return 0;
}
