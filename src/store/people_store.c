/* people_store.c: SQL of the people capability (see people_store.h). */
#include "store/people_store.h"

#include <stdio.h>
#include <string.h>

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

json_t *people_row(Stmt *s, const char *const *aSpec, int n) {
  json_t *o = json_object();
  for (int i = 0; i < n; i++) {
    const char *z = aSpec[i];
    switch (z[0]) {
      case '#':
        json_object_set_new(o, z + 1, json_integer(db_col_int(s, i)));
        break;
      case '%':
        json_object_set_new(o, z + 1, store_col_int_or_null(s, i));
        break;
      case '?':
        json_object_set_new(o, z + 1, store_col_text_or_null(s, i));
        break;
      case '!':
        json_object_set_new(o, z + 1, json_boolean(db_col_int(s, i) != 0));
        break;
      default:
        json_object_set_new(o, z, json_string(db_col_text(s, i)));
        break;
    }
  }
  return o;
}

json_t *people_rows(Stmt *s, const char *const *aSpec, int n) {
  json_t *a = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) json_array_append_new(a, people_row(s, aSpec, n));
  db_done(s);
  if (rc != DB_DONE) {
    json_decref(a);
    return NULL;
  }
  return a;
}

/* The first row of a bound statement, JSON null when none, NULL on error (resets s). */
static json_t *one_row(Stmt *s, const char *const *aSpec, int n) {
  int rc = db_step(s);
  json_t *o = rc == DB_ROW ? people_row(s, aSpec, n) : rc == DB_DONE ? json_null() : NULL;
  db_done(s);
  return o;
}

/* 1 / 0 / -1 from a bound "SELECT 1 ..." */
static int exists(Stmt *s) {
  int rc = db_step(s);
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static void bind_opt(Stmt *s, int i, const char *z) {
  if (z && *z) db_bind_text(s, i, z);
  else db_bind_null(s, i);
}

static void bind_id(Stmt *s, int i, int64_t v) {
  if (v) db_bind_int(s, i, v);
  else db_bind_null(s, i);
}

int people_store_user(Db *db, int64_t orgId, int64_t id, char *zName, size_t nName) {
  Stmt *s = db_prepare(db, "SELECT name FROM app_user WHERE id = ?1 AND org_id = ?2 AND active = 1");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  int rc = db_step(s);
  if (rc == DB_ROW && zName) snprintf(zName, nName, "%s", db_col_text(s, 0));
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int people_store_department(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(db, "SELECT 1 FROM department WHERE id = ?1 AND org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  return exists(s);
}

int people_store_case(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(db, "SELECT 1 FROM case_record WHERE id = ?1 AND org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  return exists(s);
}

/* ---- archive entries ---- */

int64_t people_store_entry_insert(Db *db, int64_t orgId, int64_t userId, const char *zKind, const char *zTitle,
                                  int64_t departmentId, const char *zStarted, const char *zEnded, const char *zRating,
                                  int64_t evaluatorId, const char *zBody, int64_t createdBy, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO staff_entry(org_id, user_id, kind, title, department_id, started_on, ended_on,"
                       " rating, evaluator_id, body, created_by, created_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  db_bind_text(s, 3, zKind);
  db_bind_text(s, 4, zTitle);
  bind_id(s, 5, departmentId);
  bind_opt(s, 6, zStarted);
  bind_opt(s, 7, zEnded);
  bind_opt(s, 8, zRating);
  bind_id(s, 9, evaluatorId);
  db_bind_text(s, 10, zBody ? zBody : "");
  bind_id(s, 11, createdBy);
  db_bind_text(s, 12, zNow);
  return store_insert_id(s);
}

json_t *people_store_entries(Db *db, int64_t orgId, int64_t userId) {
  static const char *const spec[] = {"#id",         "kind",      "title",   "%department_id", "?department_name",
                                     "?started_on", "?ended_on", "?rating", "%evaluator_id",  "?evaluator_name",
                                     "body"};
  Stmt *s = db_prepare(db,
                       "SELECT e.id, e.kind, e.title, e.department_id, d.name, e.started_on, e.ended_on, e.rating,"
                       " e.evaluator_id, u.name, e.body FROM staff_entry e"
                       " LEFT JOIN department d ON d.id = e.department_id"
                       " LEFT JOIN app_user u ON u.id = e.evaluator_id"
                       " WHERE e.org_id = ?1 AND e.user_id = ?2 ORDER BY e.kind, e.started_on, e.id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  return people_rows(s, spec, N(spec));
}

json_t *people_store_performance(Db *db, int64_t orgId, int64_t userId) {
  static const char *const spec[] = {"case_type", "#count", "#concluded"};
  Stmt *s = db_prepare(db,
                       "SELECT case_type, count(*),"
                       " sum(CASE WHEN status IN ('concluded','archived') THEN 1 ELSE 0 END)"
                       " FROM case_record WHERE org_id = ?1 AND prosecutor_id = ?2"
                       " GROUP BY case_type ORDER BY case_type");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  json_t *byType = people_rows(s, spec, N(spec));
  if (!byType) return NULL;
  int64_t nCases = 0;
  size_t i;
  json_t *v;
  json_array_foreach(byType, i, v) nCases += json_integer_value(json_object_get(v, "count"));
  Stmt *d = db_prepare(db,
                       "SELECT count(*), sum(CASE WHEN closed_on <= due_on THEN 1 ELSE 0 END) FROM deadline"
                       " WHERE org_id = ?1 AND prosecutor_id = ?2 AND status = 'closed'");
  db_bind_int(d, 1, orgId);
  db_bind_int(d, 2, userId);
  int rc = db_step(d);
  int64_t nClosed = rc == DB_ROW ? db_col_int(d, 0) : 0, nOnTime = rc == DB_ROW ? db_col_int(d, 1) : 0;
  db_done(d);
  if (rc != DB_ROW) {
    json_decref(byType);
    return NULL;
  }
  return json_pack("{s:o, s:I, s:I, s:I, s:o}", "cases_by_type", byType, "cases", (json_int_t)nCases,
                   "deadlines_closed", (json_int_t)nClosed, "deadlines_on_time", (json_int_t)nOnTime, "on_time_rate",
                   store_ratio(nOnTime, nClosed, 4));
}

/* ---- 小轮岗 ---- */

int64_t people_store_plan_insert(Db *db, int64_t orgId, int64_t userId, const char *zStart, int months,
                                 int64_t createdBy, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO rotation_plan(org_id, user_id, start_on, stint_months, created_by, created_at,"
                       " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  db_bind_text(s, 3, zStart);
  db_bind_int(s, 4, months);
  bind_id(s, 5, createdBy);
  db_bind_text(s, 6, zNow);
  return store_insert_id(s);
}

int64_t people_store_stint_insert(Db *db, int64_t orgId, int64_t planId, int64_t userId, int64_t departmentId,
                                  int64_t headId, const char *zStart, const char *zEnd) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO rotation_stint(org_id, plan_id, user_id, department_id, head_id, start_on, end_on)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, planId);
  db_bind_int(s, 3, userId);
  db_bind_int(s, 4, departmentId);
  db_bind_int(s, 5, headId);
  db_bind_text(s, 6, zStart);
  db_bind_text(s, 7, zEnd);
  return store_insert_id(s);
}

static const char *const stint_spec[] = {
    "#id",        "#plan_id", "#user_id", "?user_name", "#department_id", "?department_name", "#head_id",
    "?head_name", "start_on", "end_on",   "?rating",    "?evaluation",    "?evaluated_on",    "%evaluated_by"};
#define STINT_SELECT                                                                                             \
  "SELECT t.id, t.plan_id, t.user_id, u.name, t.department_id, d.name, t.head_id, h.name, t.start_on, t.end_on," \
  " t.rating, t.evaluation, t.evaluated_on, t.evaluated_by FROM rotation_stint t"                                \
  " JOIN app_user u ON u.id = t.user_id JOIN department d ON d.id = t.department_id"                             \
  " JOIN app_user h ON h.id = t.head_id"

json_t *people_store_stints_overlapping(Db *db, int64_t orgId, int64_t userId, const char *zStart, const char *zEnd) {
  Stmt *s = db_prepare(db, STINT_SELECT
                       " WHERE t.org_id = ?1 AND t.user_id = ?2 AND t.start_on <= ?4"
                       " AND t.end_on >= ?3 ORDER BY t.start_on, t.id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  db_bind_text(s, 3, zStart);
  db_bind_text(s, 4, zEnd);
  return people_rows(s, stint_spec, N(stint_spec));
}

static const char *const plan_spec[] = {"#id",
                                        "#user_id",
                                        "user_name",
                                        "start_on",
                                        "#stint_months",
                                        "%final_department_id",
                                        "?final_department_name",
                                        "?final_reasons",
                                        "?party_decision_on"};
#define PLAN_SELECT                                                                                             \
  "SELECT p.id, p.user_id, u.name, p.start_on, p.stint_months, p.final_department_id, d.name, p.final_reasons," \
  " p.party_decision_on FROM rotation_plan p JOIN app_user u ON u.id = p.user_id"                               \
  " LEFT JOIN department d ON d.id = p.final_department_id"

static int add_stints(Db *db, int64_t orgId, json_t *plan) {
  Stmt *s = db_prepare(db, STINT_SELECT " WHERE t.org_id = ?1 AND t.plan_id = ?2 ORDER BY t.start_on, t.id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, json_integer_value(json_object_get(plan, "id")));
  json_t *a = people_rows(s, stint_spec, N(stint_spec));
  if (!a) return -1;
  json_object_set_new(plan, "stints", a);
  return 0;
}

json_t *people_store_plan(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(db, PLAN_SELECT " WHERE p.id = ?1 AND p.org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  json_t *o = one_row(s, plan_spec, N(plan_spec));
  if (o && json_is_object(o) && add_stints(db, orgId, o)) {
    json_decref(o);
    return NULL;
  }
  return o;
}

json_t *people_store_plans(Db *db, int64_t orgId, int64_t userId) {
  Stmt *s = db_prepare(db, PLAN_SELECT " WHERE p.org_id = ?1 AND (?2 = 0 OR p.user_id = ?2) ORDER BY p.id DESC");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  json_t *a = people_rows(s, plan_spec, N(plan_spec));
  size_t i;
  json_t *v;
  if (a) {
    json_array_foreach(a, i, v) {
      if (add_stints(db, orgId, v)) {
        json_decref(a);
        return NULL;
      }
    }
  }
  return a;
}

json_t *people_store_stint(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(db, STINT_SELECT " WHERE t.id = ?1 AND t.org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  return one_row(s, stint_spec, N(stint_spec));
}

int people_store_stint_evaluate(Db *db, int64_t orgId, int64_t id, const char *zRating, const char *zText,
                                const char *zOn, int64_t by) {
  Stmt *s = db_prepare(db,
                       "UPDATE rotation_stint SET rating = ?3, evaluation = ?4, evaluated_on = ?5, evaluated_by = ?6"
                       " WHERE id = ?1 AND org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  db_bind_text(s, 3, zRating);
  db_bind_text(s, 4, zText);
  db_bind_text(s, 5, zOn);
  db_bind_int(s, 6, by);
  return store_step_done(s);
}

int people_store_plan_final(Db *db, int64_t orgId, int64_t id, int64_t departmentId, const char *zReasons,
                            const char *zPartyOn, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "UPDATE rotation_plan SET final_department_id = ?3, final_reasons = ?4, party_decision_on = ?5,"
                       " updated_at = ?6 WHERE id = ?1 AND org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  db_bind_int(s, 3, departmentId);
  db_bind_text(s, 4, zReasons);
  db_bind_text(s, 5, zPartyOn);
  db_bind_text(s, 6, zNow);
  return store_step_done(s);
}

json_t *people_store_stints_due(Db *db, int64_t orgId, int64_t headId, const char *zUntil) {
  Stmt *s = db_prepare(db, STINT_SELECT
                       " WHERE t.org_id = ?1 AND (?2 = 0 OR t.head_id = ?2) AND t.end_on <= ?3"
                       " AND t.evaluated_on IS NULL ORDER BY t.end_on, t.id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, headId);
  db_bind_text(s, 3, zUntil);
  return people_rows(s, stint_spec, N(stint_spec));
}

json_t *people_store_posts_since(Db *db, int64_t orgId, const char *zSince) {
  static const char *const spec[] = {
      "#id", "#user_id", "user_name", "title", "%department_id", "?department_name", "started_on"};
  Stmt *s = db_prepare(db,
                       "SELECT e.id, e.user_id, u.name, e.title, e.department_id, d.name, e.started_on"
                       " FROM staff_entry e JOIN app_user u ON u.id = e.user_id"
                       " LEFT JOIN department d ON d.id = e.department_id"
                       " WHERE e.org_id = ?1 AND e.kind = 'post' AND e.ended_on IS NULL AND e.started_on <= ?2"
                       " ORDER BY e.started_on, e.id");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zSince);
  return people_rows(s, spec, N(spec));
}

/* ---- 主副岗 ---- */

int64_t people_store_secondary_insert(Db *db, int64_t orgId, int64_t userId, int64_t departmentId, const char *zTitle,
                                      int64_t responsibleId, const char *zStarted, const char *zEnded,
                                      const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO staff_secondary(org_id, user_id, department_id, title, responsible_id, started_on,"
                       " ended_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  db_bind_int(s, 3, departmentId);
  db_bind_text(s, 4, zTitle);
  db_bind_int(s, 5, responsibleId);
  db_bind_text(s, 6, zStarted);
  bind_opt(s, 7, zEnded);
  db_bind_text(s, 8, zNow);
  return store_insert_id(s);
}

static const char *const secondary_spec[] = {
    "#id",     "#user_id",        "user_name",        "#department_id", "department_name",
    "title",   "#responsible_id", "responsible_name", "started_on",     "?ended_on",
    "?rating", "?evaluation",     "?evaluated_on"};
#define SECONDARY_SELECT                                                                                      \
  "SELECT x.id, x.user_id, u.name, x.department_id, d.name, x.title, x.responsible_id, r.name, x.started_on," \
  " x.ended_on, x.rating, x.evaluation, x.evaluated_on FROM staff_secondary x"                                \
  " JOIN app_user u ON u.id = x.user_id JOIN department d ON d.id = x.department_id"                          \
  " JOIN app_user r ON r.id = x.responsible_id"

json_t *people_store_secondaries(Db *db, int64_t orgId, int64_t userId) {
  Stmt *s = db_prepare(db, SECONDARY_SELECT
                       " WHERE x.org_id = ?1 AND (?2 = 0 OR x.user_id = ?2)"
                       " ORDER BY d.name, x.started_on, x.id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  return people_rows(s, secondary_spec, N(secondary_spec));
}

json_t *people_store_secondary(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(db, SECONDARY_SELECT " WHERE x.id = ?1 AND x.org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  return one_row(s, secondary_spec, N(secondary_spec));
}

int people_store_secondary_evaluate(Db *db, int64_t orgId, int64_t id, const char *zRating, const char *zText,
                                    const char *zOn) {
  Stmt *s = db_prepare(db,
                       "UPDATE staff_secondary SET rating = ?3, evaluation = ?4, evaluated_on = ?5"
                       " WHERE id = ?1 AND org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  db_bind_text(s, 3, zRating);
  db_bind_text(s, 4, zText);
  db_bind_text(s, 5, zOn);
  return store_step_done(s);
}

/* ---- 导师制 ---- */

int64_t people_store_mentor_insert(Db *db, int64_t orgId, int64_t userId, const char *zFields, const char *zAdmitted,
                                   const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO mentor_pool(org_id, user_id, fields, admitted_on, created_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  db_bind_text(s, 3, zFields);
  db_bind_text(s, 4, zAdmitted);
  db_bind_text(s, 5, zNow);
  return store_insert_id(s);
}

int people_store_is_mentor(Db *db, int64_t orgId, int64_t userId) {
  Stmt *s = db_prepare(db, "SELECT 1 FROM mentor_pool WHERE org_id = ?1 AND user_id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  return exists(s);
}

json_t *people_store_mentors(Db *db, int64_t orgId, int year) {
  static const char *const spec[] = {"#id", "#user_id", "name", "fields", "admitted_on", "#mentees", "#demos"};
  Stmt *s = db_prepare(db,
                       "SELECT m.id, m.user_id, u.name, m.fields, m.admitted_on,"
                       " (SELECT count(*) FROM mentor_pair p WHERE p.org_id = m.org_id AND p.mentor_id = m.user_id"
                       "   AND p.ended_on IS NULL),"
                       " (SELECT count(*) FROM mentor_demo x WHERE x.org_id = m.org_id AND x.mentor_id = m.user_id"
                       "   AND x.year = ?2)"
                       " FROM mentor_pool m JOIN app_user u ON u.id = m.user_id WHERE m.org_id = ?1"
                       " ORDER BY m.admitted_on, m.id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, year);
  return people_rows(s, spec, N(spec));
}

int64_t people_store_pair_insert(Db *db, int64_t orgId, int64_t mentorId, int64_t menteeId, const char *zStart,
                                 const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO mentor_pair(org_id, mentor_id, mentee_id, started_on, created_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, mentorId);
  db_bind_int(s, 3, menteeId);
  db_bind_text(s, 4, zStart);
  db_bind_text(s, 5, zNow);
  return store_insert_id(s);
}

static const char *const pair_spec[] = {"#id",         "#mentor_id", "mentor_name", "#mentee_id",
                                        "mentee_name", "started_on", "?ended_on",   "?last_talk_on"};
#define PAIR_SELECT                                                                         \
  "SELECT p.id, p.mentor_id, m.name, p.mentee_id, e.name, p.started_on, p.ended_on,"        \
  " (SELECT max(t.talked_on) FROM mentor_talk t WHERE t.pair_id = p.id) FROM mentor_pair p" \
  " JOIN app_user m ON m.id = p.mentor_id JOIN app_user e ON e.id = p.mentee_id"

json_t *people_store_pair(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(db, PAIR_SELECT " WHERE p.id = ?1 AND p.org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  return one_row(s, pair_spec, N(pair_spec));
}

json_t *people_store_pairs(Db *db, int64_t orgId, int64_t userId) {
  Stmt *s = db_prepare(db, PAIR_SELECT
                       " WHERE p.org_id = ?1 AND p.ended_on IS NULL"
                       " AND (?2 = 0 OR p.mentor_id = ?2 OR p.mentee_id = ?2) ORDER BY p.id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  return people_rows(s, pair_spec, N(pair_spec));
}

int64_t people_store_talk_insert(Db *db, int64_t orgId, int64_t pairId, const char *zOn, const char *zNote, int64_t by,
                                 const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO mentor_talk(org_id, pair_id, talked_on, note, created_by, created_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, pairId);
  db_bind_text(s, 3, zOn);
  db_bind_text(s, 4, zNote);
  bind_id(s, 5, by);
  db_bind_text(s, 6, zNow);
  return store_insert_id(s);
}

json_t *people_store_talks(Db *db, int64_t orgId, int64_t pairId) {
  static const char *const spec[] = {"#id", "talked_on", "note"};
  Stmt *s = db_prepare(db,
                       "SELECT id, talked_on, note FROM mentor_talk WHERE org_id = ?1 AND pair_id = ?2"
                       " ORDER BY talked_on DESC, id DESC");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, pairId);
  return people_rows(s, spec, N(spec));
}

int64_t people_store_demo_insert(Db *db, int64_t orgId, int64_t mentorId, int year, const char *zKind, int64_t caseId,
                                 int64_t menteeId, const char *zNote, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO mentor_demo(org_id, mentor_id, year, kind, case_id, mentee_id, note, created_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, mentorId);
  db_bind_int(s, 3, year);
  db_bind_text(s, 4, zKind);
  bind_id(s, 5, caseId);
  bind_id(s, 6, menteeId);
  db_bind_text(s, 7, zNote);
  db_bind_text(s, 8, zNow);
  return store_insert_id(s);
}

json_t *people_store_demos(Db *db, int64_t orgId, int64_t mentorId, int year) {
  static const char *const spec[] = {"#id",          "#mentor_id",  "#year",      "kind",         "%case_id",
                                     "?case_number", "?case_title", "%mentee_id", "?mentee_name", "note"};
  Stmt *s = db_prepare(db,
                       "SELECT x.id, x.mentor_id, x.year, x.kind, x.case_id, c.case_number, c.title, x.mentee_id,"
                       " u.name, x.note FROM mentor_demo x LEFT JOIN case_record c ON c.id = x.case_id"
                       " LEFT JOIN app_user u ON u.id = x.mentee_id"
                       " WHERE x.org_id = ?1 AND x.mentor_id = ?2 AND (?3 = 0 OR x.year = ?3) ORDER BY x.year, x.id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, mentorId);
  db_bind_int(s, 3, year);
  return people_rows(s, spec, N(spec));
}

/* ---- courses ---- */

int64_t people_store_course_insert(Db *db, int64_t orgId, const char *zTitle, int64_t lecturerId, const char *zOn,
                                   int hours, const char *zArea, const char *zMaterials, int64_t by, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO course(org_id, title, lecturer_id, held_on, hours, area, materials, created_by,"
                       " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zTitle);
  db_bind_int(s, 3, lecturerId);
  db_bind_text(s, 4, zOn);
  db_bind_int(s, 5, hours);
  db_bind_text(s, 6, zArea);
  db_bind_text(s, 7, zMaterials);
  bind_id(s, 8, by);
  db_bind_text(s, 9, zNow);
  return store_insert_id(s);
}

static const char *const course_spec[] = {"#id",    "title", "#lecturer_id", "lecturer_name", "held_on",
                                          "#hours", "area",  "materials",    "#attendees",    "%rating_avg_x10"};
#define COURSE_SELECT                                                                                     \
  "SELECT c.id, c.title, c.lecturer_id, u.name, c.held_on, c.hours, c.area, c.materials,"                 \
  " (SELECT count(*) FROM course_attendance a WHERE a.course_id = c.id AND a.attended = 1),"              \
  " (SELECT CAST(round(avg(a.rating) * 10) AS INTEGER) FROM course_attendance a WHERE a.course_id = c.id" \
  "   AND a.rating IS NOT NULL) FROM course c JOIN app_user u ON u.id = c.lecturer_id"

json_t *people_store_course(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(db, COURSE_SELECT " WHERE c.id = ?1 AND c.org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  json_t *o = one_row(s, course_spec, N(course_spec));
  if (!o || !json_is_object(o)) return o;
  static const char *const spec[] = {"#user_id", "name", "!attended", "%rating"};
  Stmt *a = db_prepare(db,
                       "SELECT a.user_id, u.name, a.attended, a.rating FROM course_attendance a"
                       " JOIN app_user u ON u.id = a.user_id WHERE a.org_id = ?1 AND a.course_id = ?2"
                       " ORDER BY a.user_id");
  db_bind_int(a, 1, orgId);
  db_bind_int(a, 2, id);
  json_t *rows = people_rows(a, spec, N(spec));
  if (!rows) {
    json_decref(o);
    return NULL;
  }
  json_object_set_new(o, "attendance", rows);
  return o;
}

json_t *people_store_courses(Db *db, int64_t orgId, int year) {
  char zFrom[11], zTo[11];
  snprintf(zFrom, sizeof zFrom, "%04d-01-01", year);
  snprintf(zTo, sizeof zTo, "%04d-12-31", year);
  Stmt *s = db_prepare(db, COURSE_SELECT
                       " WHERE c.org_id = ?1 AND c.held_on >= ?2 AND c.held_on <= ?3"
                       " ORDER BY c.held_on DESC, c.id DESC");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zFrom);
  db_bind_text(s, 3, zTo);
  return people_rows(s, course_spec, N(course_spec));
}

int people_store_attendance_put(Db *db, int64_t orgId, int64_t courseId, int64_t userId, int attended, int rating) {
  Stmt *d = db_prepare(db, "DELETE FROM course_attendance WHERE org_id = ?1 AND course_id = ?2 AND user_id = ?3");
  db_bind_int(d, 1, orgId);
  db_bind_int(d, 2, courseId);
  db_bind_int(d, 3, userId);
  if (store_step_done(d)) return -1;
  Stmt *s = db_prepare(db,
                       "INSERT INTO course_attendance(org_id, course_id, user_id, attended, rating)"
                       " VALUES (?1, ?2, ?3, ?4, ?5)");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, courseId);
  db_bind_int(s, 3, userId);
  db_bind_int(s, 4, attended);
  bind_id(s, 5, rating);
  return store_step_done(s);
}

json_t *people_store_hours(Db *db, int64_t orgId, int year, int64_t userId) {
  static const char *const spec[] = {"#user_id", "name", "#hours", "#courses"};
  char zFrom[11], zTo[11];
  snprintf(zFrom, sizeof zFrom, "%04d-01-01", year);
  snprintf(zTo, sizeof zTo, "%04d-12-31", year);
  Stmt *s = db_prepare(db,
                       "SELECT a.user_id, u.name, sum(c.hours), count(*) FROM course_attendance a"
                       " JOIN course c ON c.id = a.course_id JOIN app_user u ON u.id = a.user_id"
                       " WHERE a.org_id = ?1 AND a.attended = 1 AND c.held_on >= ?2 AND c.held_on <= ?3"
                       " AND (?4 = 0 OR a.user_id = ?4) GROUP BY a.user_id, u.name ORDER BY a.user_id");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zFrom);
  db_bind_text(s, 3, zTo);
  db_bind_int(s, 4, userId);
  return people_rows(s, spec, N(spec));
}

/* ---- 廉政谈话 / 廉洁家访 ---- */

int64_t people_store_integrity_insert(Db *db, int64_t orgId, int64_t userId, const char *zKind, const char *zOn,
                                      const char *zBy, const char *zBody, int64_t createdBy, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO integrity_talk(org_id, user_id, kind, held_on, held_by, body, created_by,"
                       " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  db_bind_text(s, 3, zKind);
  db_bind_text(s, 4, zOn);
  db_bind_text(s, 5, zBy);
  db_bind_text(s, 6, zBody);
  bind_id(s, 7, createdBy);
  db_bind_text(s, 8, zNow);
  return store_insert_id(s);
}

static const char *const integrity_spec[] = {"#id", "#user_id", "user_name", "kind", "held_on", "held_by", "body"};
#define INTEGRITY_SELECT                                                                       \
  "SELECT t.id, t.user_id, u.name, t.kind, t.held_on, t.held_by, t.body FROM integrity_talk t" \
  " JOIN app_user u ON u.id = t.user_id"

json_t *people_store_integrity(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(db, INTEGRITY_SELECT " WHERE t.id = ?1 AND t.org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  return one_row(s, integrity_spec, N(integrity_spec));
}

json_t *people_store_integrity_list(Db *db, int64_t orgId, int64_t userId) {
  Stmt *s = db_prepare(db, INTEGRITY_SELECT
                       " WHERE t.org_id = ?1 AND (?2 = 0 OR t.user_id = ?2)"
                       " ORDER BY t.held_on DESC, t.id DESC");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  return people_rows(s, integrity_spec, N(integrity_spec));
}
