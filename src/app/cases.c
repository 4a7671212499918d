/* cases.c: registering and handling criminal cases, and keeping their deadlines (see cases.h). */
#include "app/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/holidays.h"
#include "core/case_rules.h"
#include "core/idcard.h"
#include "core/roles.h"
#include "lib/buf.h"
#include "lib/jsonin.h"
#include "lib/mem.h"
#include "lib/timeutil.h"
#include "store/accounts_store.h"
#include "store/case_store.h"

/* ---- small helpers ---------------------------------------------------------------------------------------- */

/* Ends a write: commits, or rolls back and returns -1. */
static int finish_write(Db *db, int rc, JwErr *e) {
  if (rc) {
    db_rollback(db);
    return -1;
  }
  if (db_commit(db)) return err_internal(e, db_errmsg(db));
  return 0;
}

/* Parses an optional legal date field; "" or absent leaves *out 0. Checks it is not after today (China time). */
static int parse_date_field(const json_t *in, const char *zField, const char *zLabel, int required, JwDate *out,
                            JwErr *e) {
  const char *z = jin_str(in, zField);
  *out = 0;
  if (!z || !*z) return required ? err_field(e, zField, "缺少%s", zLabel) : 0;
  if (date_parse(z, strlen(z), out)) return err_field(e, zField, "%s不是有效日期（YYYY-MM-DD）", zLabel);
  char zToday[11];
  JwDate today;
  time_today_china(zToday);
  date_parse(zToday, 10, &today);
  if (*out > today) return err_field(e, zField, "%s不能晚于今天（%s）", zLabel, zToday);
  return 0;
}

/* Prefixes e->field with "persons.N." so the UI can put the message beside the right input. */
static int person_field_error(JwErr *e, int index) {
  char z[sizeof e->field + 24];
  snprintf(z, sizeof z, "persons.%d.%s", index, e->field);
  snprintf(e->field, sizeof e->field, "%.*s", (int)sizeof e->field - 1, z);
  return -1;
}

/* ---- persons ---------------------------------------------------------------------------------------------- */

/* Checks that every code of a charges array is on the reference list (core/case_rules.c). */
static int check_charges(const json_t *aCharge, JwErr *e) {
  size_t i;
  json_t *c;
  json_array_foreach(aCharge, i, c) {
    if (!charge_by_code(json_string_value(c))) return err_field(e, "charges", "未知罪名 %s", json_string_value(c));
  }
  return 0;
}

static const JinField person_fields[] = {
    {"name", JIN_STRING, 1, 1, 50},     {"id_number", JIN_STRING_OR_NULL, 0, 0, 32},
    {"custody", JIN_STRING, 1, 1, 16},  {"custody_since", JIN_STRING_OR_NULL, 0, 0, 10},
    {"plea", JIN_BOOL, 0, 0, 0},        {"sentence_band", JIN_STRING_OR_NULL, 0, 0, 16},
    {"charges", JIN_STRINGS, 1, 1, 10},
};

/* A person validated and normalised, ready to insert. Strings point into the JSON input or into the struct. */
typedef struct PersonInput {
  const char *zName;
  char zIdNumber[19]; /* "" when none */
  char zSex[2];
  char zBirth[11];
  const char *zCustody;
  char zCustodySince[11];
  int plea;
  const char *zSentenceBand; /* NULL when none */
  const json_t *charges;
} PersonInput;

/* Validates one person object (fields as in docs/api-cases.md). Errors name the plain field; the caller prefixes. */
static int person_parse(const json_t *in, PersonInput *p, JwErr *e) {
  memset(p, 0, sizeof *p);
  if (jin_check(in, person_fields, sizeof person_fields / sizeof person_fields[0], e)) return -1;
  p->zName = jin_str(in, "name");
  const char *zId = jin_str(in, "id_number");
  if (zId && *zId) {
    char zToday[11];
    JwDate today;
    JwIdInfo info;
    time_today_china(zToday);
    date_parse(zToday, 10, &today);
    int rc = idcard_normalize(zId, strlen(zId), today, p->zIdNumber, &info);
    if (rc) return err_field(e, "id_number", "%s", idcard_error_message(rc));
    p->zSex[0] = info.sex == 'M' ? 'M' : 'F';
    date_format(info.birth, p->zBirth);
  }
  p->zCustody = jin_str(in, "custody");
  if (!custody_is_valid(p->zCustody)) return err_field(e, "custody", "强制措施状态无效");
  JwDate since;
  if (parse_date_field(in, "custody_since", "强制措施起始日期", 0, &since, e)) return -1;
  if (since) date_format(since, p->zCustodySince);
  p->plea = json_is_true(json_object_get(in, "plea"));
  p->zSentenceBand = jin_str(in, "sentence_band");
  if (p->zSentenceBand && !*p->zSentenceBand) p->zSentenceBand = NULL;
  if (p->zSentenceBand && !sentence_band_is_valid(p->zSentenceBand)) {
    return err_field(e, "sentence_band", "可能判处的刑罚档次无效");
  }
  p->charges = json_object_get(in, "charges");
  return check_charges(p->charges, e);
}

/* Refuses the same person twice in one case: the same ID number, or the same name when neither has an ID number. */
static int person_is_duplicate(const PersonInput *p, const PersonRow *aOld, int nOld, const PersonInput *aNew, int nNew,
                               const char **pzWhy) {
  for (int i = 0; i < nOld + nNew; i++) {
    const char *zId = i < nOld ? aOld[i].zIdNumber : aNew[i - nOld].zIdNumber;
    const char *zName = i < nOld ? aOld[i].zName : aNew[i - nOld].zName;
    if (p->zIdNumber[0] && strcmp(zId, p->zIdNumber) == 0) {
      *pzWhy = "id_number";
      return 1;
    }
    if (!p->zIdNumber[0] && !zId[0] && strcmp(zName, p->zName) == 0) {
      *pzWhy = "name";
      return 1;
    }
  }
  return 0;
}

static int64_t person_insert(Db *db, int64_t orgId, int64_t caseId, const PersonInput *p, JwErr *e) {
  int64_t id = case_store_person_insert(db, orgId, caseId, p->zName, p->zIdNumber, p->zSex, p->zBirth, p->zCustody,
                                        p->zCustodySince, p->plea, p->zSentenceBand);
  if (id < 0 || case_store_person_set_charges(db, id, p->charges)) {
    err_internal(e, db_errmsg(db));
    return -1;
  }
  return id;
}

/* ---- facts and deadlines ---------------------------------------------------------------------------------- */

/* Builds the facts the rules need from the case row, its persons and its history. */
static void case_facts(const CaseRow *c, const PersonRow *aP, int nP, const CaseHistory *h, CaseFacts *f) {
  memset(f, 0, sizeof *f);
  f->type = case_type_by_code(c->zType);
  case_status_parse(c->zStatus, &f->status);
  date_parse(c->zReceived, strlen(c->zReceived), &f->receivedOn);
  if (c->zConcluded[0]) date_parse(c->zConcluded, 10, &f->concludedOn);
  if (c->zArchived[0]) date_parse(c->zArchived, 10, &f->archivedOn);
  f->clockStart = h->nReturns && h->aResubmit[h->nReturns - 1] ? h->aResubmit[h->nReturns - 1] : f->receivedOn;
  f->returnedOn = h->nReturns && !h->aResubmit[h->nReturns - 1] ? h->aReturn[h->nReturns - 1] : 0;
  f->majorComplex = c->majorComplex;
  f->summaryProcedure = c->summaryProcedure;
  f->extended = h->aExtended[h->nReturns];
  f->returns = c->priorReturns + h->nReturns;
  int over1y = sentence_band_rank("1_3y");
  for (int i = 0; i < nP; i++) {
    if (custody_is_in_custody(aP[i].zCustody)) f->inCustody = 1;
    if (sentence_band_rank(aP[i].zSentenceBand) >= over1y) f->sentenceOverOneYear = 1;
    if (!aP[i].zDecision[0]) f->undecidedPersons++;
  }
}

/* Loads everything about a case the rules need. 1 found, 0 not found (e: 404), -1 error. */
static int case_load_all(Db *db, int64_t orgId, int64_t id, CaseRow *c, PersonRow *aP, int *pnP, CaseHistory *h,
                         CaseFacts *f, JwErr *e) {
  int found = case_store_load(db, orgId, id, c);
  if (found == 0) {
    err_set(e, 404, "not_found", NULL, "案件不存在");
    return 0;
  }
  if (found < 0 || case_store_persons(db, id, aP, pnP) || case_store_history(db, id, h)) {
    err_internal(e, db_errmsg(db));
    return -1;
  }
  case_facts(c, aP, *pnP, h, f);
  return 1;
}

/* Recomputes and stores the deadlines of a case from the store's current state. */
static int case_refresh_deadlines(Db *db, int64_t orgId, int64_t id, JwErr *e) {
  CaseRow c;
  PersonRow aP[CASE_MAX_PERSONS];
  int nP = 0;
  CaseHistory h;
  CaseFacts f;
  if (case_load_all(db, orgId, id, &c, aP, &nP, &h, &f, e) != 1) return -1;
  const JwCalendar *cal = holidays_current(db, e);
  if (!cal) return -1;
  CaseDeadline aD[CASE_MAX_DEADLINES];
  int n = case_deadlines(cal, &f, &h, aD);
  if (n < 0) return err_field(e, "on", "期限超出可计算的日期范围");
  /* the organisation's own warning lead times, where it set them (DOMAIN 0.2: configurable) */
  json_t *warn = org_setting_get(db, orgId, "deadline_warnings");
  for (int i = 0; warn && i < n; i++) {
    const char *zKey = aD[i].kind == DEADLINE_REVIEW ? c.zType : deadline_kind_code(aD[i].kind);
    json_t *v = json_object_get(warn, zKey);
    if (json_is_integer(v)) aD[i].warnDays = (int)json_integer_value(v);
  }
  json_decref(warn);
  if (case_store_deadlines_sync(db, &c, aD, n)) return err_internal(e, db_errmsg(db));
  return 0;
}

int cases_recompute_open_deadlines(Db *db, JwErr *e) {
  int n = 0;
  int64_t *aId = case_store_cases_with_open_deadlines(db, &n);
  if (!aId) return err_internal(e, db_errmsg(db));
  int rc = 0;
  for (int i = 0; i < n && !rc; i++) rc = case_refresh_deadlines(db, aId[2 * i], aId[2 * i + 1], e);
  free(aId);
  return rc;
}

/* The case as the audit log keeps it: the API form without events and deadlines. */
static json_t *case_audit_view(Db *db, int64_t orgId, int64_t id) {
  char zToday[11];
  time_today_china(zToday);
  json_t *v = case_store_get(db, orgId, id, zToday);
  if (v) {
    json_object_del(v, "events");
    json_object_del(v, "deadlines");
    json_object_del(v, "next_due");
    json_object_del(v, "level");
    json_object_del(v, "updated_at");
  }
  return v;
}

int cases_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  char zToday[11];
  time_today_china(zToday);
  *out = case_store_get(db, actor->orgId, id, zToday);
  if (!*out) return err_set(e, 404, "not_found", NULL, "案件不存在");
  /* what the rules derive from the history: returns (with those before a change of jurisdiction), whether the
   * current round is extended, and where the current review period started */
  CaseRow c;
  PersonRow aP[CASE_MAX_PERSONS];
  int nP = 0;
  CaseHistory h;
  CaseFacts f;
  if (case_load_all(db, actor->orgId, id, &c, aP, &nP, &h, &f, e) != 1) {
    json_decref(*out);
    *out = NULL;
    return -1;
  }
  char zClock[11];
  date_format(f.clockStart, zClock);
  json_object_set_new(*out, "returns", json_integer(f.returns));
  json_object_set_new(*out, "extended", json_boolean(f.extended));
  json_object_set_new(*out, "clock_start", json_string(zClock));
  return 0;
}

/* Finishes a case write: refresh deadlines, audit with before/after, commit, and return the case. */
static int case_finish(Db *db, const Actor *actor, int64_t id, const char *zAction, json_t *before, int rc,
                       json_t **out, JwErr *e) {
  json_t *after = NULL;
  if (!rc) rc = case_refresh_deadlines(db, actor->orgId, id, e);
  if (!rc) {
    after = case_audit_view(db, actor->orgId, id);
    rc = audit_append(db, actor, zAction, "case", audit_id(id).z, before, after, e);
  }
  json_decref(before);
  json_decref(after);
  if (finish_write(db, rc, e)) return -1;
  return cases_get(db, actor, id, out, e);
}

/* Records an edit on the case's timeline (event kinds "update", "update_person"; the data is what was changed),
 * dated today in China time. */
static int case_timeline_note(Db *db, const Actor *actor, int64_t id, const char *zKind, int64_t personId,
                              const json_t *changes, const char *zNow, JwErr *e) {
  char zToday[11];
  time_today_china(zToday);
  if (case_store_event_insert(db, actor->orgId, id, zKind, zToday, personId, changes, actor->userId, zNow) < 0) {
    return err_internal(e, db_errmsg(db));
  }
  return 0;
}

/* Whether the actor may handle this case: case managers any case; prosecutors and assistants the cases of their
 * department or assigned to them. */
static int case_may_handle(const Actor *actor, const CaseRow *c) {
  if (actor->perms & PERM_CASE_REGISTER) return 1;
  return c->prosecutorId == actor->userId || (actor->departmentId && c->departmentId == actor->departmentId);
}

/* ---- registration ----------------------------------------------------------------------------------------- */

static const JinField register_fields[] = {
    {"case_type", JIN_STRING, 1, 1, 32},
    {"title", JIN_STRING, 1, 1, 100},
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

/* Formats a case number from the organisation's template: {short} {type} {year} {n}. */
static void case_format_number(const char *zFormat, const char *zShort, const char *zAbbr, int year, int64_t n,
                               char *out, size_t nOut) {
  Buf b = BUF_INIT;
  for (const char *p = zFormat; *p;) {
    if (strncmp(p, "{short}", 7) == 0) buf_puts(&b, zShort), p += 7;
    else if (strncmp(p, "{type}", 6) == 0) buf_puts(&b, zAbbr), p += 6;
    else if (strncmp(p, "{year}", 6) == 0) buf_printf(&b, "%d", year), p += 6;
    else if (strncmp(p, "{n}", 3) == 0) buf_printf(&b, "%lld", (long long)n), p += 3;
    else buf_putc(&b, *p++);
  }
  snprintf(out, nOut, "%s", buf_cstr(&b));
  buf_free(&b);
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
  if (jin_check(in, register_fields, sizeof register_fields / sizeof register_fields[0], e)) return -1;
  const CaseTypeRule *type = case_type_by_code(jin_str(in, "case_type"));
  if (!type) return err_field(e, "case_type", "案件类别无效");
  JwDate received;
  if (parse_date_field(in, "received_on", "受理日期", 1, &received, e)) return -1;
  const char *zAssign = jin_str(in, "assign") ? jin_str(in, "assign") : "manual";
  int rotation = strcmp(zAssign, "rotation") == 0;
  if (!rotation && strcmp(zAssign, "manual") != 0) return err_field(e, "assign", "分案方式必须是 manual 或 rotation");
  int64_t deptId = jin_int(in, "department_id", 0), prosecutorId = jin_int(in, "prosecutor_id", 0);
  if (!deptId) return err_field(e, "department_id", "请选择承办部门");
  if (!rotation && !prosecutorId) return err_field(e, "prosecutor_id", "请选择承办检察官，或选择轮案");
  int priorReturns = (int)jin_int(in, "prior_returns", 0);
  if (priorReturns && !type->allowsReturn) return err_field(e, "prior_returns", "该类案件没有退回补充侦查");
  json_t *persons = json_object_get(in, "persons");
  int nP = (int)json_array_size(persons);
  PersonInput *aP = xcalloc((size_t)nP, sizeof *aP);
  int rc = 0;
  for (int i = 0; i < nP && !rc; i++) {
    const char *zWhy;
    if (person_parse(json_array_get(persons, (size_t)i), &aP[i], e)) rc = person_field_error(e, i);
    else if (person_is_duplicate(&aP[i], NULL, 0, aP, i, &zWhy)) {
      rc = err_field(e, zWhy, "同一案件中不能重复录入同一犯罪嫌疑人");
      person_field_error(e, i);
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
    if (deptId != fastDept || rotation) {
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
  } else if (!rc && case_store_is_handler(db, actor->orgId, prosecutorId) != 1) {
    rc = err_field(e, "prosecutor_id", "承办人必须是本院在职的检察官或检察官助理");
  }
  c.prosecutorId = prosecutorId;
  char *zFormat = NULL, *zShort = NULL;
  if (!rc && case_store_numbering(db, actor->orgId, &zFormat, &zShort)) rc = err_internal(e, db_errmsg(db));
  int y, m, dd;
  date_to_ymd(received, &y, &m, &dd);
  int64_t seq = rc ? 0 : case_store_next_sequence(db, actor->orgId, y, type->zCode);
  if (!rc && seq < 0) rc = err_internal(e, db_errmsg(db));
  if (!rc) {
    case_format_number(zFormat, zShort, type->zAbbr, y, seq, c.zNumber, sizeof c.zNumber);
    if (case_store_number_exists(db, actor->orgId, c.zNumber) != 0) {
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
  for (int i = 0; i < nP && !rc; i++) {
    if (person_insert(db, actor->orgId, c.id, &aP[i], e) < 0) rc = -1;
  }
  if (!rc) {
    json_t *data = json_pack("{s:s, s:b, s:b}", "assign", rotation ? "rotation" : "manual", "fast_track", fastTrack,
                             "summary_procedure", c.summaryProcedure);
    if (case_store_event_insert(db, actor->orgId, c.id, "register", c.zReceived, 0, data, actor->userId, zNow) < 0) {
      rc = err_internal(e, db_errmsg(db));
    }
    json_decref(data);
  }
  free(aP);
  return case_finish(db, actor, c.id, "case.register", NULL, rc, out, e);
}

/* ---- editing ---------------------------------------------------------------------------------------------- */

int cases_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  static const JinField fields[] = {
      {"title", JIN_STRING, 0, 1, 100},           {"major_complex", JIN_BOOL, 0, 0, 0},
      {"department_id", JIN_ID_OR_NULL, 0, 0, 0}, {"prosecutor_id", JIN_ID_OR_NULL, 0, 0, 0},
      {"summary_procedure", JIN_BOOL, 0, 0, 0},
  };
  if (jin_check(in, fields, sizeof fields / sizeof fields[0], e)) return -1;
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
  if (!rc) rc = case_timeline_note(db, actor, id, "update", 0, in, zNow, e);
  return case_finish(db, actor, id, "case.update", before, rc, out, e);
}

int cases_add_person(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  PersonInput p;
  if (person_parse(in, &p, e)) return -1;
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  CaseRow c;
  PersonRow aP[CASE_MAX_PERSONS];
  int nP = 0, rc = 0;
  CaseHistory h;
  CaseFacts f;
  int found = case_load_all(db, actor->orgId, id, &c, aP, &nP, &h, &f, e);
  if (found != 1) rc = -1;
  if (!rc && !case_may_handle(actor, &c)) rc = err_set(e, 403, "forbidden", NULL, "只能办理本部门或分配给本人的案件");
  if (!rc && f.status != CASE_UNDER_REVIEW && f.status != CASE_RETURNED) {
    rc = err_set(e, 409, "conflict", NULL, "案件已审结，不能再追加犯罪嫌疑人");
  }
  if (!rc && nP >= CASE_MAX_PERSONS)
    rc = err_set(e, 413, "too_large", NULL, "一个案件最多 %d 名犯罪嫌疑人", CASE_MAX_PERSONS);
  const char *zWhy;
  if (!rc && person_is_duplicate(&p, aP, nP, NULL, 0, &zWhy)) rc = err_field(e, zWhy, "该犯罪嫌疑人已在本案中");
  json_t *before = rc ? NULL : case_audit_view(db, actor->orgId, id);
  if (!rc && person_insert(db, actor->orgId, id, &p, e) < 0) rc = -1;
  char zNow[32], zToday[11];
  time_now_iso(zNow);
  time_today_china(zToday);
  if (!rc) {
    json_t *data = json_pack("{s:s}", "name", p.zName);
    if (case_store_event_insert(db, actor->orgId, id, "add_person", zToday, 0, data, actor->userId, zNow) < 0) {
      rc = err_internal(e, db_errmsg(db));
    }
    json_decref(data);
  }
  return case_finish(db, actor, id, "case.add_person", before, rc, out, e);
}

int cases_update_person(Db *db, const Actor *actor, int64_t id, int64_t personId, const json_t *in, json_t **out,
                        JwErr *e) {
  static const JinField fields[] = {
      {"name", JIN_STRING, 0, 1, 50},
      {"plea", JIN_BOOL, 0, 0, 0},
      {"sentence_band", JIN_STRING_OR_NULL, 0, 0, 16},
      {"charges", JIN_STRINGS, 0, 1, 10},
  };
  if (jin_check(in, fields, sizeof fields / sizeof fields[0], e)) return -1;
  const char *zBand = jin_str(in, "sentence_band");
  if (zBand && *zBand && !sentence_band_is_valid(zBand)) return err_field(e, "sentence_band", "可能判处的刑罚档次无效");
  json_t *ch = json_object_get(in, "charges");
  if (check_charges(ch, e)) return -1;
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  CaseRow c;
  PersonRow aP[CASE_MAX_PERSONS];
  int nP = 0, rc = 0;
  CaseHistory h;
  CaseFacts f;
  if (case_load_all(db, actor->orgId, id, &c, aP, &nP, &h, &f, e) != 1) rc = -1;
  if (!rc && !case_may_handle(actor, &c)) rc = err_set(e, 403, "forbidden", NULL, "只能办理本部门或分配给本人的案件");
  if (!rc && (f.status == CASE_ARCHIVED || f.status == CASE_TRANSFERRED)) {
    rc = err_set(e, 409, "conflict", NULL, "案件已归档或已移送，不能修改");
  }
  PersonRow *p = NULL;
  for (int k = 0; !rc && k < nP; k++) {
    if (aP[k].id == personId) p = &aP[k];
  }
  if (!rc && !p) rc = err_set(e, 404, "not_found", NULL, "犯罪嫌疑人不存在");
  json_t *before = rc ? NULL : case_audit_view(db, actor->orgId, id);
  if (!rc) {
    const char *zName = jin_str(in, "name") ? jin_str(in, "name") : p->zName;
    int plea = json_object_get(in, "plea") ? json_is_true(json_object_get(in, "plea")) : p->plea;
    const char *zSb = json_object_get(in, "sentence_band") ? zBand : p->zSentenceBand;
    if (case_store_person_update(db, id, personId, zName, plea, zSb) ||
        (ch && case_store_person_set_charges(db, personId, ch))) {
      rc = err_internal(e, db_errmsg(db));
    }
  }
  char zNow[32];
  time_now_iso(zNow);
  if (!rc) rc = case_timeline_note(db, actor, id, "update_person", personId, in, zNow, e);
  return case_finish(db, actor, id, "case.update_person", before, rc, out, e);
}

/* ---- events ----------------------------------------------------------------------------------------------- */

static const JinField event_fields[] = {
    {"kind", JIN_STRING, 1, 1, 32},         {"on", JIN_STRING, 1, 1, 10},
    {"person_id", JIN_ID_OR_NULL, 0, 0, 0}, {"prosecutor_id", JIN_ID_OR_NULL, 0, 0, 0},
    {"reason", JIN_TEXT, 0, 0, 200},        {"custody", JIN_STRING, 0, 1, 16},
    {"decision", JIN_STRING, 0, 1, 32},     {"non_prosecution_type", JIN_STRING_OR_NULL, 0, 0, 32},
    {"sentence", JIN_STRING, 0, 1, 200},    {"recommendation_adopted", JIN_BOOL, 0, 0, 0},
    {"consistent", JIN_BOOL, 0, 0, 0},      {"to_agency", JIN_STRING, 0, 1, 100},
};

/* The fields each event kind takes besides kind and on; '!' marks a required one. */
static const char *const event_extra[EVENT_KIND_COUNT] = {
    [EVENT_ASSIGN] = "!prosecutor_id reason",
    [EVENT_EXTEND] = "!reason",
    [EVENT_RETURN] = "!reason",
    [EVENT_RESUBMIT] = "reason",
    [EVENT_SELF_INVESTIGATION] = "!reason",
    [EVENT_CUSTODY] = "!person_id !custody reason",
    [EVENT_DECIDE] = "!person_id !decision non_prosecution_type reason",
    [EVENT_JUDGMENT] = "!person_id !sentence !recommendation_adopted !consistent",
    [EVENT_TRANSFER] = "!to_agency reason",
    [EVENT_ARCHIVE] = "reason",
};

/* 1 when zName appears in the space-separated spec (with or without its '!'). */
static int event_spec_has(const char *zSpec, const char *zName) {
  size_t n = strlen(zName);
  for (const char *p = zSpec; *p;) {
    if (*p == '!') p++;
    size_t k = strcspn(p, " ");
    if (k == n && strncmp(p, zName, n) == 0) return 1;
    p += k;
    while (*p == ' ') p++;
  }
  return 0;
}

/* Checks that the input has exactly the fields its kind takes. */
static int event_check_fields(const json_t *in, CaseEventKind k, JwErr *e) {
  const char *zSpec = event_extra[k];
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)in, key, v) {
    if (strcmp(key, "kind") == 0 || strcmp(key, "on") == 0) continue;
    if (!event_spec_has(zSpec, key)) return err_field(e, key, "字段 %s 不适用于该事件", key);
  }
  for (const char *p = zSpec; (p = strchr(p, '!')) != NULL;) {
    p++;
    size_t n = strcspn(p, " ");
    char zName[32];
    snprintf(zName, sizeof zName, "%.*s", (int)n, p);
    if (!json_object_get(in, zName) || json_is_null(json_object_get(in, zName))) {
      return err_field(e, zName, "缺少字段 %s", zName);
    }
    p += n;
  }
  return 0;
}

int cases_event(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  if (jin_check(in, event_fields, sizeof event_fields / sizeof event_fields[0], e)) return -1;
  CaseEventKind kind;
  if (case_event_parse(jin_str(in, "kind"), &kind))
    return err_field(e, "kind", "未知的事件类型 %s", jin_str(in, "kind"));
  if (event_check_fields(in, kind, e)) return -1;
  JwDate on;
  if (parse_date_field(in, "on", "日期", 1, &on, e)) return -1;
  const char *zCustody = jin_str(in, "custody"), *zDecision = jin_str(in, "decision");
  const char *zNpt = jin_str(in, "non_prosecution_type");
  if (zCustody && !custody_is_valid(zCustody)) return err_field(e, "custody", "强制措施状态无效");
  if (zDecision && strcmp(zDecision, "non_prosecution") == 0 && !(zNpt && non_prosecution_type_is_valid(zNpt))) {
    return err_field(e, "non_prosecution_type", "不起诉决定须注明不起诉类型（法定、酌定、存疑、附条件或特殊）");
  }
  if (zNpt && *zNpt && !(zDecision && strcmp(zDecision, "non_prosecution") == 0)) {
    return err_field(e, "non_prosecution_type", "只有不起诉决定需要不起诉类型");
  }
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  CaseRow c;
  PersonRow aP[CASE_MAX_PERSONS];
  int nP = 0, rc = 0;
  CaseHistory h;
  CaseFacts f;
  if (case_load_all(db, actor->orgId, id, &c, aP, &nP, &h, &f, e) != 1) rc = -1;
  if (!rc && !case_may_handle(actor, &c)) rc = err_set(e, 403, "forbidden", NULL, "只能办理本部门或分配给本人的案件");
  const char *zField = NULL, *zWhy = rc ? NULL : case_check_event(&f, kind, on, &zField);
  if (!rc && zWhy) rc = err_set(e, 409, "conflict", zField, "%s", zWhy);
  /* the person the event is about */
  int64_t personId = jin_int(in, "person_id", 0);
  PersonRow *p = NULL;
  for (int i = 0; !rc && personId && i < nP; i++) {
    if (aP[i].id == personId) p = &aP[i];
  }
  if (!rc && personId && !p) rc = err_field(e, "person_id", "犯罪嫌疑人不属于本案");
  char zOn[11];
  date_format(on, zOn);
  if (!rc && kind == EVENT_DECIDE) {
    if (p->zDecision[0]) rc = err_set(e, 409, "conflict", "person_id", "该犯罪嫌疑人已经作出决定");
    else if (!case_decision_allowed(f.type, zDecision)) {
      rc = err_field(e, "decision", "%s案件不能作出该决定", f.type->zName);
    }
  }
  if (!rc && kind == EVENT_JUDGMENT && strcmp(p->zDecision, "prosecute") != 0) {
    rc = err_set(e, 409, "conflict", "person_id", "只有决定起诉的被告人才能录入判决");
  }
  if (!rc && kind == EVENT_ASSIGN) {
    if (!(actor->perms & PERM_CASE_REGISTER)) rc = err_set(e, 403, "forbidden", NULL, "只有案管人员可以改派承办人");
    else if (case_store_is_handler(db, actor->orgId, jin_int(in, "prosecutor_id", 0)) != 1) {
      rc = err_field(e, "prosecutor_id", "承办人必须是本院在职的检察官或检察官助理");
    }
  }
  json_t *before = rc ? NULL : case_audit_view(db, actor->orgId, id);
  /* apply */
  if (!rc) {
    switch (kind) {
      case EVENT_ASSIGN:
        c.prosecutorId = jin_int(in, "prosecutor_id", 0);
        break;
      case EVENT_RETURN:
        snprintf(c.zStatus, sizeof c.zStatus, "returned");
        break;
      case EVENT_RESUBMIT:
        snprintf(c.zStatus, sizeof c.zStatus, "under_review");
        break;
      case EVENT_TRANSFER:
        snprintf(c.zStatus, sizeof c.zStatus, "transferred");
        memcpy(c.zTransferred, zOn, 11);
        break;
      case EVENT_ARCHIVE:
        snprintf(c.zStatus, sizeof c.zStatus, "archived");
        memcpy(c.zArchived, zOn, 11);
        break;
      case EVENT_CUSTODY:
        if (case_store_person_set_custody(db, id, personId, zCustody, zOn)) rc = err_internal(e, db_errmsg(db));
        break;
      case EVENT_DECIDE:
        if (case_store_person_decide(db, id, personId, zDecision, zNpt, zOn)) rc = err_internal(e, db_errmsg(db));
        if (!rc && f.undecidedPersons == 1) {
          /* the last undecided person: the case is concluded (审结) on the latest decision day */
          char zLatest[11];
          memcpy(zLatest, zOn, 11);
          for (int i = 0; i < nP; i++) {
            if (aP[i].zDecisionOn[0] && strcmp(aP[i].zDecisionOn, zLatest) > 0) memcpy(zLatest, aP[i].zDecisionOn, 11);
          }
          snprintf(c.zStatus, sizeof c.zStatus, "concluded");
          memcpy(c.zConcluded, zLatest, 11);
        }
        break;
      case EVENT_JUDGMENT:
        if (case_store_person_judgment(db, id, personId, zOn, jin_str(in, "sentence"),
                                       json_is_true(json_object_get(in, "recommendation_adopted")),
                                       json_is_true(json_object_get(in, "consistent")))) {
          rc = err_internal(e, db_errmsg(db));
        }
        break;
      case EVENT_EXTEND:
      case EVENT_SELF_INVESTIGATION:
      case EVENT_KIND_COUNT:
        break; /* recorded as an event; the deadlines follow from the history */
    }
  }
  char zNow[32];
  time_now_iso(zNow);
  if (!rc && case_store_update(db, &c, zNow)) rc = err_internal(e, db_errmsg(db));
  if (!rc) {
    json_t *data = json_deep_copy(in);
    json_object_del(data, "kind");
    json_object_del(data, "on");
    json_object_del(data, "person_id");
    if (kind == EVENT_ASSIGN) {
      json_t *u = user_store_get(db, actor->orgId, c.prosecutorId);
      json_object_set(data, "prosecutor_name", json_object_get(u, "name"));
      json_decref(u);
    }
    if (case_store_event_insert(db, actor->orgId, id, case_event_code(kind), zOn, personId, data, actor->userId, zNow) <
        0) {
      rc = err_internal(e, db_errmsg(db));
    }
    json_decref(data);
  }
  /* 批准逮捕: the police execute the arrest, so the person is in custody as arrested from that day. The review
   * period is settled first, with the custody it ran under (DOMAIN 0.1(6): custody at the time). */
  if (!rc && kind == EVENT_DECIDE && strcmp(zDecision, "approve_arrest") == 0) {
    rc = case_refresh_deadlines(db, actor->orgId, id, e);
    if (!rc && case_store_person_set_custody(db, id, personId, "arrested", zOn)) rc = err_internal(e, db_errmsg(db));
  }
  char zAction[48];
  snprintf(zAction, sizeof zAction, "case.%s", case_event_code(kind));
  return case_finish(db, actor, id, zAction, before, rc, out, e);
}

/* ---- settings --------------------------------------------------------------------------------------------- */

json_t *cases_warnings_get(Db *db, const Actor *actor) {
  json_t *v = json_object(), *set = org_setting_get(db, actor->orgId, "deadline_warnings");
  for (int i = 0; i < CASE_TYPE_COUNT; i++)
    json_object_set_new(v, case_types[i].zCode, json_integer(case_types[i].warnDays));
  json_object_set_new(v, "supplementary", json_integer(5));
  json_object_set_new(v, "archiving", json_integer(5));
  if (set) json_object_update_existing(v, set);
  json_decref(set);
  return v;
}

int cases_warnings_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  JinField fields[CASE_TYPE_COUNT + 2];
  for (int i = 0; i < CASE_TYPE_COUNT; i++) fields[i] = (JinField){case_types[i].zCode, JIN_INT, 0, 0, 60};
  fields[CASE_TYPE_COUNT] = (JinField){"supplementary", JIN_INT, 0, 0, 60};
  fields[CASE_TYPE_COUNT + 1] = (JinField){"archiving", JIN_INT, 0, 0, 60};
  if (jin_check(in, fields, CASE_TYPE_COUNT + 2, e)) return -1;
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  json_t *before = cases_warnings_get(db, actor), *merged = json_deep_copy(before);
  json_object_update(merged, (json_t *)in);
  int rc = org_setting_put(db, actor->orgId, "deadline_warnings", merged) ? err_internal(e, db_errmsg(db)) : 0;
  if (!rc)
    rc = audit_append(db, actor, "setting.deadline_warnings", "org", audit_id(actor->orgId).z, before, merged, e);
  /* no due day moves: the open rows only take the new lead times */
  for (int i = 0; !rc && i < CASE_TYPE_COUNT; i++) {
    int days = (int)jin_int(merged, case_types[i].zCode, case_types[i].warnDays);
    if (case_store_set_warn_days(db, actor->orgId, "review", case_types[i].zCode, days))
      rc = err_internal(e, db_errmsg(db));
  }
  for (int k = DEADLINE_SUPPLEMENTARY; !rc && k < DEADLINE_KIND_COUNT; k++) {
    const char *zKind = deadline_kind_code((DeadlineKind)k);
    if (case_store_set_warn_days(db, actor->orgId, zKind, NULL, (int)jin_int(merged, zKind, 5))) {
      rc = err_internal(e, db_errmsg(db));
    }
  }
  json_decref(before);
  json_decref(merged);
  if (finish_write(db, rc, e)) return -1;
  *out = cases_warnings_get(db, actor);
  return 0;
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
  if (check_charges(json_object_get(in, "charges"), e)) return -1;
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
  if (finish_write(db, rc, e)) return -1;
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
