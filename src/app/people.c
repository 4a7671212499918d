/* people.c: the people capability's use cases (see people.h). */
#include "app/people.h"

#include <stdio.h>
#include <string.h>

#include "app/app_util.h"
#include "app/holidays.h"
#include "app/tx.h"
#include "core/people.h"
#include "core/roles.h"
#include "lib/jsonin.h"
#include "lib/timeutil.h"
#include "store/people_store.h"

#define ID_MAX   INT64_C(9007199254740991)
#define TEXT_MAX 4000
#define NF(a)    (sizeof(a) / sizeof((a)[0]))

static int need(const Actor *actor, uint32_t perm, JwErr *e) {
  if (actor->perms & perm) return 0;
  return err_set(e, 403, "forbidden", NULL, "您没有此项权限");
}

static void today(char z[11], JwDate *pd) {
  time_today_china(z);
  if (pd) date_parse(z, 10, pd);
}

/* An optional date field: 0 with *pd set (0 when absent), or -1 naming the field. */
static int opt_date(const json_t *in, const char *zName, JwDate *pd, JwErr *e) {
  const char *z = jin_str(in, zName);
  *pd = 0;
  if (!z) return 0;
  if (date_parse(z, strlen(z), pd)) return err_field(e, zName, "%s 必须是有效日期（YYYY-MM-DD）", zName);
  return 0;
}

static int req_date(const json_t *in, const char *zName, JwDate *pd, JwErr *e) {
  if (opt_date(in, zName, pd, e)) return -1;
  if (!*pd) return err_field(e, zName, "缺少日期 %s", zName);
  return 0;
}

/* A user of the actor's office named by field zField: 0, 422 naming it, or 500. */
static int check_user(Db *db, const Actor *actor, int64_t id, const char *zField, JwErr *e) {
  int rc = people_store_user(db, actor->orgId, id, NULL, 0);
  if (rc < 0) return app_db_fail(db, e);
  if (!rc) return err_rule(e, zField, "人员不在本院");
  return 0;
}

static int check_department(Db *db, const Actor *actor, int64_t id, const char *zField, JwErr *e) {
  int rc = people_store_department(db, actor->orgId, id);
  if (rc < 0) return app_db_fail(db, e);
  if (!rc) return err_rule(e, zField, "部门不在本院");
  return 0;
}

static int finish_audit(Db *db, const Actor *actor, int rc, const char *zAction, const char *zEntity, int64_t id,
                        json_t *after, JwErr *e) {
  if (!rc) rc = audit_append(db, actor, zAction, zEntity, audit_id(id).z, NULL, after, e);
  return app_finish_write(db, rc, e);
}

static int reply_null_404(json_t *o, json_t **out, Db *db, JwErr *e, const char *zWhat) {
  if (!o) return app_db_fail(db, e);
  if (json_is_null(o)) {
    json_decref(o);
    return err_set(e, 404, "not_found", NULL, "%s不存在", zWhat);
  }
  *out = o;
  return 0;
}

/* ---- growth archive ---- */

int people_archive(Db *db, const Actor *actor, int64_t userId, int year, json_t **out, JwErr *e) {
  char zName[512];
  int rc = people_store_user(db, actor->orgId, userId, zName, sizeof zName);
  if (rc < 0) return app_db_fail(db, e);
  if (!rc) return err_set(e, 404, "not_found", NULL, "人员不存在");
  if (userId != actor->userId && !(actor->perms & PERM_PEOPLE_READ)) {
    return err_set(e, 403, "forbidden", NULL, "您只能查看本人的成长档案");
  }
  char zToday[11];
  today(zToday, NULL);
  if (!year) year = (zToday[0] - '0') * 1000 + (zToday[1] - '0') * 100 + (zToday[2] - '0') * 10 + (zToday[3] - '0');
  json_t *o = json_object();
  json_object_set_new(o, "user", json_pack("{s:I, s:s}", "id", (json_int_t)userId, "name", zName));
  json_object_set_new(o, "year", json_integer(year));
  json_t *parts[] = {
      people_store_entries(db, actor->orgId, userId),     people_store_performance(db, actor->orgId, userId),
      people_store_plans(db, actor->orgId, userId),       people_store_secondaries(db, actor->orgId, userId),
      people_store_pairs(db, actor->orgId, userId),       people_store_demos(db, actor->orgId, userId, 0),
      people_store_hours(db, actor->orgId, year, userId),
  };
  static const char *const names[] = {"entries",   "performance", "rotation", "secondary_posts",
                                      "mentoring", "demos",       "training"};
  int bad = 0;
  for (size_t i = 0; i < NF(parts); i++) {
    if (!parts[i]) bad = 1;
    else json_object_set_new(o, names[i], parts[i]);
  }
  if (bad) {
    json_decref(o);
    return app_db_fail(db, e);
  }
  json_t *t = json_object_get(o, "training");
  json_object_set_new(
      o, "training_hours",
      json_integer(json_array_size(t) ? json_integer_value(json_object_get(json_array_get(t, 0), "hours")) : 0));
  *out = o;
  return 0;
}

static const JinField entry_fields[] = {
    {"kind", JIN_STRING, 1, 1, 16},           {"title", JIN_STRING, 1, 1, 200},
    {"department_id", JIN_INT, 0, 1, ID_MAX}, {"started_on", JIN_STRING, 0, 10, 10},
    {"ended_on", JIN_STRING, 0, 10, 10},      {"rating", JIN_STRING, 0, 1, 16},
    {"evaluator_id", JIN_INT, 0, 1, ID_MAX},  {"body", JIN_TEXT, 0, 0, TEXT_MAX},
};

int people_entry_create(Db *db, const Actor *actor, int64_t userId, const json_t *in, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_MANAGE, e) || jin_check(in, entry_fields, NF(entry_fields), e)) return -1;
  const char *zKind = jin_str(in, "kind");
  static const char *const kinds[] = {"specialty", "post", "achievement", "award", "evaluation"};
  int ok = 0;
  for (size_t i = 0; i < NF(kinds); i++) ok |= strcmp(kinds[i], zKind) == 0;
  if (!ok) return err_field(e, "kind", "kind 必须是 specialty、post、achievement、award 或 evaluation");
  JwDate started, ended, now;
  char zToday[11];
  today(zToday, &now);
  if (opt_date(in, "started_on", &started, e) || opt_date(in, "ended_on", &ended, e)) return -1;
  if (strcmp(zKind, "post") == 0 && !started) return err_field(e, "started_on", "岗位须有任职开始日期");
  if (ended && (!started || ended < started)) return err_field(e, "ended_on", "结束日期不能早于开始日期");
  if (started > now) return err_field(e, "started_on", "日期不能晚于今天");
  const char *zRating = jin_str(in, "rating");
  if (strcmp(zKind, "evaluation") == 0) {
    if (!people_rating_is_valid(zRating)) return err_field(e, "rating", "评价等次必须是 excellent、good、pass 或 fail");
    if (!jin_has(in, "evaluator_id")) return err_field(e, "evaluator_id", "评价须写明评价人");
    if (!started) return err_field(e, "started_on", "评价须有日期");
  } else if (zRating) {
    return err_field(e, "rating", "只有评价有等次");
  }
  if (db_begin(db)) return app_db_fail(db, e);
  int rc = check_user(db, actor, userId, "user_id", e);
  int64_t dept = jin_int(in, "department_id", 0), evaluator = jin_int(in, "evaluator_id", 0);
  if (!rc && dept) rc = check_department(db, actor, dept, "department_id", e);
  if (!rc && evaluator) rc = check_user(db, actor, evaluator, "evaluator_id", e);
  int64_t id = 0;
  char zNow[32];
  time_now_iso(zNow);
  if (!rc) {
    id = people_store_entry_insert(db, actor->orgId, userId, zKind, jin_str(in, "title"), dept,
                                   jin_str(in, "started_on"), jin_str(in, "ended_on"), zRating, evaluator,
                                   jin_str(in, "body"), actor->userId, zNow);
    if (id < 0) rc = app_db_fail(db, e);
  }
  json_t *after = json_deep_copy(in);
  json_object_set_new(after, "user_id", json_integer(userId));
  if (finish_audit(db, actor, rc, "people.entry.create", "staff_entry", id, after, e)) {
    json_decref(after);
    return -1;
  }
  json_object_set_new(after, "id", json_integer(id));
  *out = after;
  return 0;
}

/* ---- 小轮岗 ---- */

static const JinField plan_fields[] = {
    {"user_id", JIN_INT, 1, 1, ID_MAX},
    {"start_on", JIN_STRING, 1, 10, 10},
    {"stint_months", JIN_INT, 0, PEOPLE_STINT_MONTHS_MIN, PEOPLE_STINT_MONTHS_MAX},
    {"stints", JIN_OBJECTS, 1, 1, PEOPLE_STINTS_MAX},
};
static const JinField plan_stint_fields[] = {
    {"department_id", JIN_INT, 1, 1, ID_MAX},
    {"head_id", JIN_INT, 1, 1, ID_MAX},
};

/* The person's stints overlapping [zStart, zEnd]: 0 when none, 422 naming zField, 500. */
static int check_overlap(Db *db, const Actor *actor, int64_t userId, const char *zStart, const char *zEnd,
                         const char *zField, JwErr *e) {
  json_t *a = people_store_stints_overlapping(db, actor->orgId, userId, zStart, zEnd);
  if (!a) return app_db_fail(db, e);
  size_t n = json_array_size(a);
  if (n) {
    json_t *x = json_array_get(a, 0);
    err_set(e, 422, "rule_violated", zField, "与已有轮岗（%s，%s 至 %s）重叠",
            json_string_value(json_object_get(x, "department_name")), json_string_value(json_object_get(x, "start_on")),
            json_string_value(json_object_get(x, "end_on")));
  }
  json_decref(a);
  return n ? -1 : 0;
}

int people_plan_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_MANAGE, e) || jin_check(in, plan_fields, NF(plan_fields), e)) return -1;
  const json_t *stints = json_object_get(in, "stints");
  size_t i;
  json_t *v;
  json_array_foreach(stints, i, v) {
    char zField[32];
    snprintf(zField, sizeof zField, "stints[%zu]", i);
    if (jin_check(v, plan_stint_fields, NF(plan_stint_fields), e)) {
      char zInner[ERR_FIELD_SIZE];
      snprintf(zInner, sizeof zInner, "%s", e->field);
      snprintf(e->field, sizeof e->field, "%s.%.60s", zField, zInner);
      return -1;
    }
  }
  JwDate start;
  if (req_date(in, "start_on", &start, e)) return -1;
  int months = (int)jin_int(in, "stint_months", PEOPLE_STINT_MONTHS_DEF);
  const JwCalendar *cal = holidays_current(db, e);
  if (!cal) return -1;
  PeopleStint sched[PEOPLE_STINTS_MAX];
  int n = (int)json_array_size(stints);
  if (people_schedule(cal, start, n, (JwLength){months, JW_UNIT_MONTHS}, sched)) {
    return err_field(e, "stints", "轮岗安排无效");
  }
  int64_t userId = jin_int(in, "user_id", 0);
  if (db_begin(db)) return app_db_fail(db, e);
  int rc = check_user(db, actor, userId, "user_id", e);
  for (int k = 0; !rc && k < n; k++) {
    const json_t *s = json_array_get(stints, (size_t)k);
    char zField[48];
    snprintf(zField, sizeof zField, "stints[%d].department_id", k);
    rc = check_department(db, actor, jin_int(s, "department_id", 0), zField, e);
    snprintf(zField, sizeof zField, "stints[%d].head_id", k);
    if (!rc) rc = check_user(db, actor, jin_int(s, "head_id", 0), zField, e);
  }
  char zFirst[11], zLast[11];
  date_format(sched[0].start, zFirst);
  date_format(sched[n - 1].end, zLast);
  if (!rc) rc = check_overlap(db, actor, userId, zFirst, zLast, "start_on", e);
  char zNow[32];
  time_now_iso(zNow);
  int64_t id = 0;
  if (!rc) {
    id = people_store_plan_insert(db, actor->orgId, userId, jin_str(in, "start_on"), months, actor->userId, zNow);
    if (id < 0) rc = app_db_fail(db, e);
  }
  for (int k = 0; !rc && k < n; k++) {
    const json_t *s = json_array_get(stints, (size_t)k);
    char zS[11], zE[11];
    date_format(sched[k].start, zS);
    date_format(sched[k].end, zE);
    if (people_store_stint_insert(db, actor->orgId, id, userId, jin_int(s, "department_id", 0),
                                  jin_int(s, "head_id", 0), zS, zE) < 0) {
      rc = app_db_fail(db, e);
    }
  }
  json_t *after = json_deep_copy(in);
  if (finish_audit(db, actor, rc, "people.rotation.create", "rotation_plan", id, after, e)) {
    json_decref(after);
    return -1;
  }
  json_decref(after);
  return people_plan_get(db, actor, id, out, e);
}

int people_plan_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  json_t *o = people_store_plan(db, actor->orgId, id);
  if (o && json_is_object(o) && json_integer_value(json_object_get(o, "user_id")) != actor->userId &&
      !(actor->perms & PERM_PEOPLE_READ)) {
    json_decref(o);
    return err_set(e, 403, "forbidden", NULL, "您没有此项权限");
  }
  return reply_null_404(o, out, db, e, "轮岗计划");
}

int people_plans_list(Db *db, const Actor *actor, int64_t userId, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_READ, e)) return -1;
  json_t *a = people_store_plans(db, actor->orgId, userId);
  if (!a) return app_db_fail(db, e);
  *out = json_pack("{s:o}", "items", a);
  return 0;
}

static const JinField stint_fields[] = {
    {"department_id", JIN_INT, 1, 1, ID_MAX},
    {"head_id", JIN_INT, 1, 1, ID_MAX},
    {"start_on", JIN_STRING, 1, 10, 10},
    {"end_on", JIN_STRING, 1, 10, 10},
};

int people_stint_add(Db *db, const Actor *actor, int64_t planId, const json_t *in, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_MANAGE, e) || jin_check(in, stint_fields, NF(stint_fields), e)) return -1;
  JwDate s, t;
  if (req_date(in, "start_on", &s, e) || req_date(in, "end_on", &t, e)) return -1;
  if (t < s) return err_field(e, "end_on", "结束日期不能早于开始日期");
  if (db_begin(db)) return app_db_fail(db, e);
  json_t *plan = people_store_plan(db, actor->orgId, planId);
  int rc = 0;
  if (!plan) rc = app_db_fail(db, e);
  else if (json_is_null(plan)) rc = err_set(e, 404, "not_found", NULL, "轮岗计划不存在");
  int64_t userId = plan && json_is_object(plan) ? json_integer_value(json_object_get(plan, "user_id")) : 0;
  json_decref(plan);
  if (!rc) rc = check_department(db, actor, jin_int(in, "department_id", 0), "department_id", e);
  if (!rc) rc = check_user(db, actor, jin_int(in, "head_id", 0), "head_id", e);
  if (!rc) rc = check_overlap(db, actor, userId, jin_str(in, "start_on"), jin_str(in, "end_on"), "start_on", e);
  int64_t id = 0;
  if (!rc) {
    id = people_store_stint_insert(db, actor->orgId, planId, userId, jin_int(in, "department_id", 0),
                                   jin_int(in, "head_id", 0), jin_str(in, "start_on"), jin_str(in, "end_on"));
    if (id < 0) rc = app_db_fail(db, e);
  }
  json_t *after = json_deep_copy(in);
  json_object_set_new(after, "plan_id", json_integer(planId));
  rc = finish_audit(db, actor, rc, "people.stint.create", "rotation_stint", id, after, e);
  json_decref(after);
  if (rc) return -1;
  return people_plan_get(db, actor, planId, out, e);
}

static const JinField evaluation_fields[] = {
    {"rating", JIN_STRING, 1, 1, 16},
    {"text", JIN_TEXT, 1, 1, TEXT_MAX},
    {"on", JIN_STRING, 0, 10, 10},
};

/* Checks an evaluation's input; *zOn gets its date (today when absent). */
static int check_evaluation(const json_t *in, char zOn[11], JwErr *e) {
  if (jin_check(in, evaluation_fields, NF(evaluation_fields), e)) return -1;
  if (!people_rating_is_valid(jin_str(in, "rating"))) {
    return err_field(e, "rating", "评价等次必须是 excellent、good、pass 或 fail");
  }
  JwDate on, now;
  char zToday[11];
  today(zToday, &now);
  if (opt_date(in, "on", &on, e)) return -1;
  if (on > now) return err_field(e, "on", "评价日期不能晚于今天");
  if (on) date_format(on, zOn);
  else memcpy(zOn, zToday, 11);
  return 0;
}

int people_stint_evaluate(Db *db, const Actor *actor, int64_t stintId, const json_t *in, json_t **out, JwErr *e) {
  char zOn[11];
  if (check_evaluation(in, zOn, e)) return -1;
  if (db_begin(db)) return app_db_fail(db, e);
  json_t *st = people_store_stint(db, actor->orgId, stintId);
  int rc = 0;
  if (!st) rc = app_db_fail(db, e);
  else if (json_is_null(st)) rc = err_set(e, 404, "not_found", NULL, "轮岗不存在");
  else if (json_integer_value(json_object_get(st, "head_id")) != actor->userId) {
    rc = err_set(e, 403, "not_responsible", "evaluator", "只有该部门的培养责任人（部门负责人）可以评价这段轮岗");
  }
  int64_t planId = st && json_is_object(st) ? json_integer_value(json_object_get(st, "plan_id")) : 0;
  json_decref(st);
  if (!rc && people_store_stint_evaluate(db, actor->orgId, stintId, jin_str(in, "rating"), jin_str(in, "text"), zOn,
                                         actor->userId)) {
    rc = app_db_fail(db, e);
  }
  json_t *after = json_deep_copy(in);
  rc = finish_audit(db, actor, rc, "people.stint.evaluate", "rotation_stint", stintId, after, e);
  json_decref(after);
  if (rc) return -1;
  json_t *plan = people_store_plan(db, actor->orgId, planId);
  return reply_null_404(plan, out, db, e, "轮岗计划");
}

static const JinField final_fields[] = {
    {"department_id", JIN_INT, 1, 1, ID_MAX},
    {"reasons", JIN_TEXT, 1, 1, TEXT_MAX},
    {"party_decision_on", JIN_STRING, 1, 10, 10},
};

int people_plan_final(Db *db, const Actor *actor, int64_t planId, const json_t *in, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_MANAGE, e) || jin_check(in, final_fields, NF(final_fields), e)) return -1;
  JwDate on, now;
  char zToday[11];
  today(zToday, &now);
  if (req_date(in, "party_decision_on", &on, e)) return -1;
  if (on > now) return err_field(e, "party_decision_on", "党组决定日期不能晚于今天");
  if (db_begin(db)) return app_db_fail(db, e);
  json_t *plan = people_store_plan(db, actor->orgId, planId);
  int rc = 0;
  if (!plan) rc = app_db_fail(db, e);
  else if (json_is_null(plan)) rc = err_set(e, 404, "not_found", NULL, "轮岗计划不存在");
  json_decref(plan);
  if (!rc) rc = check_department(db, actor, jin_int(in, "department_id", 0), "department_id", e);
  char zNow[32];
  time_now_iso(zNow);
  if (!rc && people_store_plan_final(db, actor->orgId, planId, jin_int(in, "department_id", 0), jin_str(in, "reasons"),
                                     jin_str(in, "party_decision_on"), zNow)) {
    rc = app_db_fail(db, e);
  }
  json_t *after = json_deep_copy(in);
  rc = finish_audit(db, actor, rc, "people.rotation.assign", "rotation_plan", planId, after, e);
  json_decref(after);
  if (rc) return -1;
  return people_plan_get(db, actor, planId, out, e);
}

int people_cycle(Db *db, const Actor *actor, int months, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_READ, e)) return -1;
  if (!months) months = PEOPLE_CYCLE_MONTHS_DEF;
  if (months < PEOPLE_CYCLE_MONTHS_MIN || months > PEOPLE_CYCLE_MONTHS_MAX) {
    return err_field(e, "months", "大轮岗周期必须在 24 到 36 个月之间");
  }
  JwDate now;
  char zToday[11], zSince[11];
  today(zToday, &now);
  date_format(date_add_months(now, -months), zSince);
  json_t *a = people_store_posts_since(db, actor->orgId, zSince);
  if (!a) return app_db_fail(db, e);
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) {
    const char *z = json_string_value(json_object_get(v, "started_on"));
    JwDate since = 0;
    char zDue[11];
    date_parse(z, strlen(z), &since);
    date_format(people_cycle_on(since, months), zDue);
    json_object_set_new(v, "cycle_reached_on", json_string(zDue));
  }
  *out = json_pack("{s:i, s:o}", "months", months, "items", a);
  return 0;
}

/* ---- 主副岗 ---- */

static const JinField secondary_fields[] = {
    {"user_id", JIN_INT, 1, 1, ID_MAX},    {"department_id", JIN_INT, 1, 1, ID_MAX},
    {"title", JIN_STRING, 1, 1, 200},      {"responsible_id", JIN_INT, 1, 1, ID_MAX},
    {"started_on", JIN_STRING, 1, 10, 10}, {"ended_on", JIN_STRING, 0, 10, 10},
};

int people_secondary_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_MANAGE, e) || jin_check(in, secondary_fields, NF(secondary_fields), e)) return -1;
  JwDate s, t;
  if (req_date(in, "started_on", &s, e) || opt_date(in, "ended_on", &t, e)) return -1;
  if (t && t < s) return err_field(e, "ended_on", "结束日期不能早于开始日期");
  if (jin_int(in, "responsible_id", 0) == jin_int(in, "user_id", 0)) {
    return err_field(e, "responsible_id", "培养责任人不能是本人");
  }
  if (db_begin(db)) return app_db_fail(db, e);
  int rc = check_user(db, actor, jin_int(in, "user_id", 0), "user_id", e);
  if (!rc) rc = check_department(db, actor, jin_int(in, "department_id", 0), "department_id", e);
  if (!rc) rc = check_user(db, actor, jin_int(in, "responsible_id", 0), "responsible_id", e);
  char zNow[32];
  time_now_iso(zNow);
  int64_t id = 0;
  if (!rc) {
    id = people_store_secondary_insert(db, actor->orgId, jin_int(in, "user_id", 0), jin_int(in, "department_id", 0),
                                       jin_str(in, "title"), jin_int(in, "responsible_id", 0),
                                       jin_str(in, "started_on"), jin_str(in, "ended_on"), zNow);
    if (id < 0) rc = app_db_fail(db, e);
  }
  json_t *after = json_deep_copy(in);
  rc = finish_audit(db, actor, rc, "people.secondary.create", "staff_secondary", id, after, e);
  json_decref(after);
  if (rc) return -1;
  return reply_null_404(people_store_secondary(db, actor->orgId, id), out, db, e, "副岗");
}

int people_secondary_list(Db *db, const Actor *actor, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_READ, e)) return -1;
  json_t *a = people_store_secondaries(db, actor->orgId, 0);
  if (!a) return app_db_fail(db, e);
  *out = json_pack("{s:o}", "items", a);
  return 0;
}

int people_secondary_evaluate(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  char zOn[11];
  if (check_evaluation(in, zOn, e)) return -1;
  if (db_begin(db)) return app_db_fail(db, e);
  json_t *x = people_store_secondary(db, actor->orgId, id);
  int rc = 0;
  if (!x) rc = app_db_fail(db, e);
  else if (json_is_null(x)) rc = err_set(e, 404, "not_found", NULL, "副岗不存在");
  else if (json_integer_value(json_object_get(x, "responsible_id")) != actor->userId) {
    rc = err_set(e, 403, "not_responsible", "evaluator", "只有该副岗的培养责任人可以评价");
  }
  json_decref(x);
  if (!rc && people_store_secondary_evaluate(db, actor->orgId, id, jin_str(in, "rating"), jin_str(in, "text"), zOn)) {
    rc = app_db_fail(db, e);
  }
  json_t *after = json_deep_copy(in);
  rc = finish_audit(db, actor, rc, "people.secondary.evaluate", "staff_secondary", id, after, e);
  json_decref(after);
  if (rc) return -1;
  return reply_null_404(people_store_secondary(db, actor->orgId, id), out, db, e, "副岗");
}

/* ---- 导师制 ---- */

static const JinField mentor_fields[] = {
    {"user_id", JIN_INT, 1, 1, ID_MAX},
    {"fields", JIN_STRING, 1, 1, 200},
    {"admitted_on", JIN_STRING, 1, 10, 10},
};

int people_mentor_add(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_MANAGE, e) || jin_check(in, mentor_fields, NF(mentor_fields), e)) return -1;
  JwDate on, now;
  char zToday[11];
  today(zToday, &now);
  if (req_date(in, "admitted_on", &on, e)) return -1;
  if (on > now) return err_field(e, "admitted_on", "入库日期不能晚于今天");
  int64_t userId = jin_int(in, "user_id", 0);
  if (db_begin(db)) return app_db_fail(db, e);
  int rc = check_user(db, actor, userId, "user_id", e);
  if (!rc) {
    int m = people_store_is_mentor(db, actor->orgId, userId);
    if (m < 0) rc = app_db_fail(db, e);
    else if (m) rc = err_set(e, 409, "conflict", "user_id", "此人已在导师人才库中");
  }
  char zNow[32];
  time_now_iso(zNow);
  int64_t id = 0;
  if (!rc) {
    id = people_store_mentor_insert(db, actor->orgId, userId, jin_str(in, "fields"), jin_str(in, "admitted_on"), zNow);
    if (id < 0) rc = app_db_fail(db, e);
  }
  json_t *after = json_deep_copy(in);
  if (finish_audit(db, actor, rc, "people.mentor.create", "mentor_pool", id, after, e)) {
    json_decref(after);
    return -1;
  }
  json_object_set_new(after, "id", json_integer(id));
  *out = after;
  return 0;
}

/* Adds to each open pair its talk status: talk_due_on, talk_missed. */
static void pair_status(json_t *pairs, JwDate now) {
  size_t i;
  json_t *v;
  json_array_foreach(pairs, i, v) {
    const char *zLast = json_string_value(json_object_get(v, "last_talk_on"));
    const char *zStart = json_string_value(json_object_get(v, "started_on"));
    const char *z = zLast ? zLast : zStart;
    JwDate d = 0;
    date_parse(z, strlen(z), &d);
    char zDue[11];
    date_format(people_talk_due(d), zDue);
    json_object_set_new(v, "talk_due_on", json_string(zDue));
    json_object_set_new(v, "talk_missed", json_boolean(people_talk_missed(d, now)));
  }
}

int people_mentors(Db *db, const Actor *actor, int year, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_READ, e)) return -1;
  JwDate now;
  char zToday[11];
  today(zToday, &now);
  int y;
  date_to_ymd(now, &y, NULL, NULL);
  if (!year) year = y;
  json_t *a = people_store_mentors(db, actor->orgId, year);
  json_t *pairs = people_store_pairs(db, actor->orgId, 0);
  if (!a || !pairs) {
    json_decref(a);
    json_decref(pairs);
    return app_db_fail(db, e);
  }
  pair_status(pairs, now);
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) {
    int nDemo = (int)json_integer_value(json_object_get(v, "demos"));
    json_object_set_new(v, "demo_warning", json_boolean(people_demo_warning(year, nDemo, now)));
    int64_t uid = json_integer_value(json_object_get(v, "user_id"));
    int missed = 0;
    size_t j;
    json_t *p;
    json_array_foreach(pairs, j, p) {
      if (json_integer_value(json_object_get(p, "mentor_id")) == uid && json_is_true(json_object_get(p, "talk_missed")))
        missed++;
    }
    json_object_set_new(v, "missed_talks", json_integer(missed));
    /* 考核: a mentor passes the year with a 示范 record and no mentee a month without a talk */
    json_object_set_new(v, "compliant", json_boolean(nDemo > 0 && missed == 0));
  }
  *out = json_pack("{s:i, s:o, s:o}", "year", year, "items", a, "pairs", pairs);
  return 0;
}

static const JinField pair_fields[] = {
    {"mentor_id", JIN_INT, 1, 1, ID_MAX},
    {"mentee_id", JIN_INT, 1, 1, ID_MAX},
    {"started_on", JIN_STRING, 1, 10, 10},
};

int people_pair_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_MANAGE, e) || jin_check(in, pair_fields, NF(pair_fields), e)) return -1;
  int64_t mentor = jin_int(in, "mentor_id", 0), mentee = jin_int(in, "mentee_id", 0);
  if (mentor == mentee) return err_field(e, "mentee_id", "导师不能与本人结对");
  JwDate on, now;
  char zToday[11];
  today(zToday, &now);
  if (req_date(in, "started_on", &on, e)) return -1;
  if (on > now) return err_field(e, "started_on", "结对日期不能晚于今天");
  if (db_begin(db)) return app_db_fail(db, e);
  int rc = check_user(db, actor, mentor, "mentor_id", e);
  if (!rc) rc = check_user(db, actor, mentee, "mentee_id", e);
  if (!rc) {
    int m = people_store_is_mentor(db, actor->orgId, mentor);
    if (m < 0) rc = app_db_fail(db, e);
    else if (!m) rc = err_rule(e, "mentor_id", "导师须先入导师人才库");
  }
  char zNow[32];
  time_now_iso(zNow);
  int64_t id = 0;
  if (!rc) {
    id = people_store_pair_insert(db, actor->orgId, mentor, mentee, jin_str(in, "started_on"), zNow);
    if (id < 0) rc = app_db_fail(db, e);
  }
  json_t *after = json_deep_copy(in);
  rc = finish_audit(db, actor, rc, "people.pair.create", "mentor_pair", id, after, e);
  json_decref(after);
  if (rc) return -1;
  return reply_null_404(people_store_pair(db, actor->orgId, id), out, db, e, "结对");
}

static const JinField talk_fields[] = {
    {"talked_on", JIN_STRING, 1, 10, 10},
    {"note", JIN_TEXT, 1, 1, TEXT_MAX},
};

int people_talk_add(Db *db, const Actor *actor, int64_t pairId, const json_t *in, json_t **out, JwErr *e) {
  if (jin_check(in, talk_fields, NF(talk_fields), e)) return -1;
  JwDate on, now;
  char zToday[11];
  today(zToday, &now);
  if (req_date(in, "talked_on", &on, e)) return -1;
  if (db_begin(db)) return app_db_fail(db, e);
  json_t *p = people_store_pair(db, actor->orgId, pairId);
  int rc = 0;
  if (!p) rc = app_db_fail(db, e);
  else if (json_is_null(p)) rc = err_set(e, 404, "not_found", NULL, "结对不存在");
  else if (json_integer_value(json_object_get(p, "mentor_id")) != actor->userId &&
           !(actor->perms & PERM_PEOPLE_MANAGE)) {
    rc = err_set(e, 403, "forbidden", NULL, "只有导师本人或政治部可以记录谈心");
  }
  if (!rc) {
    const char *zStart = json_string_value(json_object_get(p, "started_on"));
    JwDate start = 0;
    date_parse(zStart, strlen(zStart), &start);
    const char *zWhy = people_check_talk(on, start, now);
    if (zWhy) rc = err_rule(e, "talked_on", zWhy);
  }
  json_decref(p);
  char zNow[32];
  time_now_iso(zNow);
  int64_t id = 0;
  if (!rc) {
    id = people_store_talk_insert(db, actor->orgId, pairId, jin_str(in, "talked_on"), jin_str(in, "note"),
                                  actor->userId, zNow);
    if (id < 0) rc = app_db_fail(db, e);
  }
  json_t *after = json_deep_copy(in);
  json_object_set_new(after, "pair_id", json_integer(pairId));
  if (finish_audit(db, actor, rc, "people.talk.create", "mentor_talk", id, after, e)) {
    json_decref(after);
    return -1;
  }
  json_object_set_new(after, "id", json_integer(id));
  *out = after;
  return 0;
}

static const JinField demo_fields[] = {
    {"mentor_id", JIN_INT, 1, 1, ID_MAX}, {"year", JIN_INT, 1, 2000, 2100},     {"kind", JIN_STRING, 1, 1, 8},
    {"case_id", JIN_INT, 0, 1, ID_MAX},   {"mentee_id", JIN_INT, 0, 1, ID_MAX}, {"note", JIN_TEXT, 0, 0, TEXT_MAX},
};

int people_demo_add(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (jin_check(in, demo_fields, NF(demo_fields), e)) return -1;
  const char *zKind = jin_str(in, "kind");
  int isCase = strcmp(zKind, "case") == 0;
  if (!isCase && strcmp(zKind, "officer") != 0) return err_field(e, "kind", "kind 必须是 case 或 officer");
  if (isCase && !jin_has(in, "case_id")) return err_field(e, "case_id", "示范案件须关联案件");
  if (!isCase && !jin_has(in, "mentee_id")) return err_field(e, "mentee_id", "示范干警须写明干警");
  int64_t mentor = jin_int(in, "mentor_id", 0);
  if (mentor != actor->userId && !(actor->perms & PERM_PEOPLE_MANAGE)) {
    return err_set(e, 403, "forbidden", NULL, "只有导师本人或政治部可以登记示范");
  }
  if (db_begin(db)) return app_db_fail(db, e);
  int rc = 0;
  int m = people_store_is_mentor(db, actor->orgId, mentor);
  if (m < 0) rc = app_db_fail(db, e);
  else if (!m) rc = err_rule(e, "mentor_id", "此人不在导师人才库中");
  if (!rc && isCase) {
    int c = people_store_case(db, actor->orgId, jin_int(in, "case_id", 0));
    if (c < 0) rc = app_db_fail(db, e);
    else if (!c) rc = err_rule(e, "case_id", "案件不存在");
  }
  if (!rc && !isCase) rc = check_user(db, actor, jin_int(in, "mentee_id", 0), "mentee_id", e);
  char zNow[32];
  time_now_iso(zNow);
  int64_t id = 0;
  if (!rc) {
    id = people_store_demo_insert(db, actor->orgId, mentor, (int)jin_int(in, "year", 0), zKind,
                                  isCase ? jin_int(in, "case_id", 0) : 0, isCase ? 0 : jin_int(in, "mentee_id", 0),
                                  jin_str(in, "note") ? jin_str(in, "note") : "", zNow);
    if (id < 0) rc = app_db_fail(db, e);
  }
  json_t *after = json_deep_copy(in);
  if (finish_audit(db, actor, rc, "people.demo.create", "mentor_demo", id, after, e)) {
    json_decref(after);
    return -1;
  }
  json_object_set_new(after, "id", json_integer(id));
  *out = after;
  return 0;
}

static void add_reminder(json_t *a, const char *zKind, const char *zDue, const char *zText, const char *zEntityKind,
                         int64_t entityId) {
  json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:I}", "kind", zKind, "due_on", zDue, "text", zText,
                                     "entity_kind", zEntityKind, "entity_id", (json_int_t)entityId));
}

int people_reminders(Db *db, const Actor *actor, json_t **out, JwErr *e) {
  int all = (actor->perms & PERM_PEOPLE_MANAGE) != 0;
  JwDate now;
  char zToday[11], zUntil[11];
  today(zToday, &now);
  date_format(now + 7, zUntil); /* a stint's evaluation shows a week before it falls due */
  int year;
  date_to_ymd(now, &year, NULL, NULL);
  json_t *stints = people_store_stints_due(db, actor->orgId, all ? 0 : actor->userId, zUntil);
  json_t *pairs = people_store_pairs(db, actor->orgId, all ? 0 : actor->userId);
  json_t *mentors = people_store_mentors(db, actor->orgId, year);
  if (!stints || !pairs || !mentors) {
    json_decref(stints);
    json_decref(pairs);
    json_decref(mentors);
    return app_db_fail(db, e);
  }
  json_t *items = json_array();
  size_t i;
  json_t *v;
  char zText[1200];
  json_array_foreach(stints, i, v) {
    snprintf(zText, sizeof zText, "%s在%s的轮岗待评价", json_string_value(json_object_get(v, "user_name")),
             json_string_value(json_object_get(v, "department_name")));
    add_reminder(items, "stint_evaluation", json_string_value(json_object_get(v, "end_on")), zText, "rotation_plan",
                 json_integer_value(json_object_get(v, "plan_id")));
  }
  pair_status(pairs, now);
  json_array_foreach(pairs, i, v) {
    if (!json_is_true(json_object_get(v, "talk_missed"))) continue;
    if (!all && json_integer_value(json_object_get(v, "mentor_id")) != actor->userId) continue;
    snprintf(zText, sizeof zText, "导师%s已逾一个月未与%s谈心", json_string_value(json_object_get(v, "mentor_name")),
             json_string_value(json_object_get(v, "mentee_name")));
    add_reminder(items, "talk_missed", json_string_value(json_object_get(v, "talk_due_on")), zText, "mentor_pair",
                 json_integer_value(json_object_get(v, "id")));
  }
  json_array_foreach(mentors, i, v) {
    int nDemo = (int)json_integer_value(json_object_get(v, "demos"));
    if (!people_demo_warning(year, nDemo, now)) continue;
    if (!all && json_integer_value(json_object_get(v, "user_id")) != actor->userId) continue;
    char zDue[11];
    snprintf(zDue, sizeof zDue, "%04d-12-31", year);
    snprintf(zText, sizeof zText, "导师%s本年度尚无示范案件或示范干警", json_string_value(json_object_get(v, "name")));
    add_reminder(items, "demo_missing", zDue, zText, "mentor_pool", json_integer_value(json_object_get(v, "id")));
  }
  json_decref(stints);
  json_decref(pairs);
  json_decref(mentors);
  *out = json_pack("{s:o}", "items", items);
  return 0;
}

/* ---- courses ---- */

static const JinField course_fields[] = {
    {"title", JIN_STRING, 1, 1, 200},   {"lecturer_id", JIN_INT, 1, 1, ID_MAX},
    {"held_on", JIN_STRING, 1, 10, 10}, {"hours", JIN_INT, 1, 1, PEOPLE_HOURS_MAX},
    {"area", JIN_STRING, 1, 1, 100},    {"materials", JIN_TEXT, 0, 0, TEXT_MAX},
};

int people_course_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_MANAGE, e) || jin_check(in, course_fields, NF(course_fields), e)) return -1;
  JwDate on;
  if (req_date(in, "held_on", &on, e)) return -1;
  if (db_begin(db)) return app_db_fail(db, e);
  int rc = check_user(db, actor, jin_int(in, "lecturer_id", 0), "lecturer_id", e);
  char zNow[32];
  time_now_iso(zNow);
  int64_t id = 0;
  if (!rc) {
    id = people_store_course_insert(db, actor->orgId, jin_str(in, "title"), jin_int(in, "lecturer_id", 0),
                                    jin_str(in, "held_on"), (int)jin_int(in, "hours", 0), jin_str(in, "area"),
                                    jin_str(in, "materials") ? jin_str(in, "materials") : "", actor->userId, zNow);
    if (id < 0) rc = app_db_fail(db, e);
  }
  json_t *after = json_deep_copy(in);
  rc = finish_audit(db, actor, rc, "people.course.create", "course", id, after, e);
  json_decref(after);
  if (rc) return -1;
  return people_course_get(db, actor, id, out, e);
}

int people_course_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  return reply_null_404(people_store_course(db, actor->orgId, id), out, db, e, "课程");
}

int people_courses(Db *db, const Actor *actor, int year, json_t **out, JwErr *e) {
  if (!year) {
    JwDate now;
    char zToday[11];
    today(zToday, &now);
    date_to_ymd(now, &year, NULL, NULL);
  }
  json_t *a = people_store_courses(db, actor->orgId, year);
  if (!a) return app_db_fail(db, e);
  *out = json_pack("{s:i, s:o}", "year", year, "items", a);
  return 0;
}

static const JinField attendance_fields[] = {{"attendees", JIN_OBJECTS, 1, 1, 500}};
static const JinField attendee_fields[] = {
    {"user_id", JIN_INT, 1, 1, ID_MAX},
    {"attended", JIN_BOOL, 1, 0, 0},
    {"rating", JIN_INT, 0, PEOPLE_RATING_MIN, PEOPLE_RATING_MAX},
};

int people_attendance(Db *db, const Actor *actor, int64_t courseId, const json_t *in, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_MANAGE, e) || jin_check(in, attendance_fields, NF(attendance_fields), e)) return -1;
  const json_t *a = json_object_get(in, "attendees");
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) {
    if (jin_check(v, attendee_fields, NF(attendee_fields), e)) {
      char zInner[ERR_FIELD_SIZE];
      snprintf(zInner, sizeof zInner, "%s", e->field);
      snprintf(e->field, sizeof e->field, "attendees[%zu].%.60s", i, zInner);
      return -1;
    }
  }
  if (db_begin(db)) return app_db_fail(db, e);
  json_t *c = people_store_course(db, actor->orgId, courseId);
  int rc = 0;
  if (!c) rc = app_db_fail(db, e);
  else if (json_is_null(c)) rc = err_set(e, 404, "not_found", NULL, "课程不存在");
  json_decref(c);
  json_array_foreach(a, i, v) {
    if (rc) break;
    char zField[48];
    snprintf(zField, sizeof zField, "attendees[%zu].user_id", i);
    rc = check_user(db, actor, jin_int(v, "user_id", 0), zField, e);
    if (!rc &&
        people_store_attendance_put(db, actor->orgId, courseId, jin_int(v, "user_id", 0),
                                    json_is_true(json_object_get(v, "attended")), (int)jin_int(v, "rating", 0))) {
      rc = app_db_fail(db, e);
    }
  }
  json_t *after = json_deep_copy(in);
  rc = finish_audit(db, actor, rc, "people.course.attendance", "course", courseId, after, e);
  json_decref(after);
  if (rc) return -1;
  return people_course_get(db, actor, courseId, out, e);
}

int people_hours(Db *db, const Actor *actor, int year, json_t **out, JwErr *e) {
  if (need(actor, PERM_PEOPLE_READ, e)) return -1;
  if (!year) {
    JwDate now;
    char zToday[11];
    today(zToday, &now);
    date_to_ymd(now, &year, NULL, NULL);
  }
  json_t *a = people_store_hours(db, actor->orgId, year, 0);
  if (!a) return app_db_fail(db, e);
  *out = json_pack("{s:i, s:o}", "year", year, "items", a);
  return 0;
}

/* ---- 廉政谈话 / 廉洁家访: 404 to anyone without integrity.read ---- */

static int integrity_hidden(const Actor *actor, JwErr *e) {
  if (actor->perms & PERM_INTEGRITY_READ) return 0;
  return err_set(e, 404, "not_found", NULL, "资源不存在");
}

static const JinField integrity_fields[] = {
    {"user_id", JIN_INT, 1, 1, ID_MAX}, {"kind", JIN_STRING, 1, 1, 16},     {"held_on", JIN_STRING, 1, 10, 10},
    {"held_by", JIN_STRING, 1, 1, 200}, {"body", JIN_TEXT, 1, 1, TEXT_MAX},
};

int people_integrity_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (integrity_hidden(actor, e) || need(actor, PERM_PEOPLE_MANAGE, e)) return -1;
  if (jin_check(in, integrity_fields, NF(integrity_fields), e)) return -1;
  const char *zKind = jin_str(in, "kind");
  if (strcmp(zKind, "talk") != 0 && strcmp(zKind, "home_visit") != 0) {
    return err_field(e, "kind", "kind 必须是 talk 或 home_visit");
  }
  JwDate on, now;
  char zToday[11];
  today(zToday, &now);
  if (req_date(in, "held_on", &on, e)) return -1;
  if (on > now) return err_field(e, "held_on", "日期不能晚于今天");
  if (db_begin(db)) return app_db_fail(db, e);
  int rc = check_user(db, actor, jin_int(in, "user_id", 0), "user_id", e);
  char zNow[32];
  time_now_iso(zNow);
  int64_t id = 0;
  if (!rc) {
    id = people_store_integrity_insert(db, actor->orgId, jin_int(in, "user_id", 0), zKind, jin_str(in, "held_on"),
                                       jin_str(in, "held_by"), jin_str(in, "body"), actor->userId, zNow);
    if (id < 0) rc = app_db_fail(db, e);
  }
  /* the audit row names the record, not its content */
  json_t *after = json_pack("{s:I, s:s, s:s}", "user_id", (json_int_t)jin_int(in, "user_id", 0), "kind", zKind,
                            "held_on", jin_str(in, "held_on"));
  rc = finish_audit(db, actor, rc, "integrity.create", "integrity_talk", id, after, e);
  json_decref(after);
  if (rc) return -1;
  return reply_null_404(people_store_integrity(db, actor->orgId, id), out, db, e, "记录");
}

int people_integrity_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  if (integrity_hidden(actor, e)) return -1;
  json_t *o = people_store_integrity(db, actor->orgId, id);
  if (!o) return app_db_fail(db, e);
  if (json_is_null(o)) {
    json_decref(o);
    return err_set(e, 404, "not_found", NULL, "资源不存在");
  }
  /* every read of one is itself audited, in a transaction of its own */
  if (db_begin(db)) {
    json_decref(o);
    return app_db_fail(db, e);
  }
  int rc = audit_append(db, actor, "integrity.read", "integrity_talk", audit_id(id).z, NULL, NULL, e);
  if (app_finish_write(db, rc, e)) {
    json_decref(o);
    return -1;
  }
  *out = o;
  return 0;
}

int people_integrity_list(Db *db, const Actor *actor, json_t **out, JwErr *e) {
  if (integrity_hidden(actor, e)) return -1;
  json_t *a = people_store_integrity_list(db, actor->orgId, 0);
  if (!a) return app_db_fail(db, e);
  /* the list shows who, when and what kind; the content only through an audited read of one */
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) json_object_del(v, "body");
  *out = json_pack("{s:o}", "items", a);
  return 0;
}
