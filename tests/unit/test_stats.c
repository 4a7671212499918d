/* test_stats.c: every computed indicator (app/stats.c over core/stat_rules.c and store/stat_store.c) on a fixture of
 * cases, persons, 行刑衔接 items and 检察建议 written row by row, with each figure computed by hand in the comments;
 * a two-suspect case with different outcomes counts two persons; 同比 and 环比; the breakdown by department; a
 * prosecutor's own scope; the records behind a figure; the configuration of an [M] formula (audited); a closed
 * month's figures as reported beside a late record. With JIANWU_TEST_PG set the same tests run on PostgreSQL. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/accounts.h"
#include "app/agencies.h"
#include "app/stats.h"
#include "core/roles.h"
#include "store/accounts_store.h"
#include "store/db.h"
#include "test_util.h"
#include "test_actors.h"
#include "test_db.h"

#define NOW "2026-01-01T00:00:00Z"

typedef struct Fixture {
  char zDir[64];
  char zTarget[256];
  Db *db;
  int64_t orgA, orgB, d1, d2, p1, p2, agency;
  Actor leader, pros2, head1, admin;
} Fixture;

static void exec(Fixture *f, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));
static void exec(Fixture *f, const char *zFmt, ...) {
  char z[4096];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(z, sizeof z, zFmt, ap);
  va_end(ap);
  if (db_exec(f->db, z)) fail_msg("%s: %s", z, db_errmsg(f->db));
}

/* A case: id, org, type, department, prosecutor, received, concluded (or NULL), archived (or NULL). */
static void mk_case(Fixture *f, int id, int64_t org, const char *zType, int64_t dept, int64_t pros,
                    const char *zReceived, const char *zConcluded, const char *zArchived, const char *zCreated) {
  char zC[32] = "NULL", zA[32] = "NULL";
  if (zConcluded) snprintf(zC, sizeof zC, "'%s'", zConcluded);
  if (zArchived) snprintf(zA, sizeof zA, "'%s'", zArchived);
  exec(f,
       "INSERT INTO case_record(id, org_id, case_number, case_type, title, source_agency, received_on, department_id,"
       " prosecutor_id, status, concluded_on, archived_on, created_at, updated_at) VALUES (%d, %lld, '案%d', '%s',"
       " '案件%d', '甲县公安局', '%s', NULLIF(%lld, 0), NULLIF(%lld, 0), '%s', %s, %s, '%s', '%s')",
       id, (long long)org, id, zType, id, zReceived, (long long)dept, (long long)pros,
       zArchived    ? "archived"
       : zConcluded ? "concluded"
                    : "under_review",
       zC, zA, zCreated, zCreated);
}

/* A person of a case with its decision (or NULL), decision day, plea. */
static void mk_person(Fixture *f, int id, int64_t org, int caseId, const char *zDecision, const char *zNpt,
                      const char *zOn, int plea) {
  char zD[48] = "NULL", zN[48] = "NULL", zO[32] = "NULL";
  if (zDecision) snprintf(zD, sizeof zD, "'%s'", zDecision);
  if (zNpt) snprintf(zN, sizeof zN, "'%s'", zNpt);
  if (zOn) snprintf(zO, sizeof zO, "'%s'", zOn);
  exec(f,
       "INSERT INTO case_person(id, org_id, case_id, name, custody, plea, decision, non_prosecution_type, decision_on)"
       " VALUES (%d, %lld, %d, '某%d', 'none', %d, %s, %s, %s)",
       id, (long long)org, caseId, id, plea, zD, zN, zO);
}

static void mk_event(Fixture *f, int64_t org, int caseId, const char *zKind, const char *zOn) {
  exec(f, "INSERT INTO case_event(org_id, case_id, kind, on_date, at) VALUES (%lld, %d, '%s', '%s', '%sT00:00:00Z')",
       (long long)org, caseId, zKind, zOn, zOn);
}

static void mk_deadline(Fixture *f, int64_t org, const char *zEntity, int entityId, int personId, int caseId,
                        const char *zKind, const char *zDue) {
  char zCase[24] = "NULL";
  if (caseId) snprintf(zCase, sizeof zCase, "%d", caseId);
  exec(f,
       "INSERT INTO deadline(org_id, entity_kind, entity_id, person_id, case_id, kind, sequence, start_on, length,"
       " custody_bound, due_on, warn_key, warn_days, status, rule) VALUES (%lld, '%s', %d, %d, %s, '%s', 1,"
       " '2025-01-01', '1m', 0, '%s', '%s', 5, 'closed', '测试')",
       (long long)org, zEntity, entityId, personId, zCase, zKind, zDue, zKind);
}

static void fixture_rows(Fixture *f) {
  long long a = f->orgA, d1 = f->d1, d2 = f->d2, p1 = f->p1, p2 = f->p2;
  assert_int_equal(db_begin(f->db), 0);
  /* case 101 (审查起诉, D1/P1, received 02-01): two suspects with different outcomes */
  mk_case(f, 101, a, "prosecution_review", d1, p1, "2025-02-01", "2025-03-10", "2025-04-05", NOW);
  mk_person(f, 201, a, 101, "prosecute", NULL, "2025-03-10", 1);
  mk_person(f, 202, a, 101, "non_prosecution", "discretionary", "2025-03-05", 1);
  exec(f,
       "UPDATE case_person SET judgment_on = '2025-03-25', recommendation_adopted = 1, judgment_consistent = 1,"
       " sentence = '有期徒刑一年' WHERE id = 201");
  exec(f,
       "INSERT INTO case_custody(org_id, case_id, person_id, custody, from_on) VALUES (%lld, 101, 201,"
       " 'arrested', '2025-01-20'), (%lld, 101, 202, 'arrested', '2025-01-20')",
       a, a);
  mk_event(f, a, 101, "return", "2025-02-10");
  mk_event(f, a, 101, "extend", "2025-02-25");
  mk_deadline(f, a, "case", 101, 201, 101, "review", "2025-03-08"); /* decided 03-10: overdue */
  mk_deadline(f, a, "case", 101, 202, 101, "review", "2025-03-15");
  /* case 102 (审查起诉, D2/P2, received 03-01): prosecuted, then withdrawn (撤回起诉) */
  mk_case(f, 102, a, "prosecution_review", d2, p2, "2025-03-01", "2025-03-20", NULL, NOW);
  mk_person(f, 203, a, 102, "prosecute", NULL, "2025-03-20", 0);
  exec(f, "UPDATE case_person SET prosecution_withdrawn_on = '2025-03-28' WHERE id = 203");
  mk_event(f, a, 102, "extend", "2025-03-15");
  mk_deadline(f, a, "case", 102, 203, 102, "review", "2025-04-01");
  /* case 103 (审查逮捕, D1/P1, received 03-02): one arrested, one not */
  mk_case(f, 103, a, "arrest_review", d1, p1, "2025-03-02", "2025-03-08", NULL, NOW);
  mk_person(f, 204, a, 103, "approve_arrest", NULL, "2025-03-08", 0);
  mk_person(f, 205, a, 103, "reject_arrest", NULL, "2025-03-08", 0);
  mk_deadline(f, a, "case", 103, 204, 103, "review", "2025-03-09");
  /* case 104 (审查逮捕, D2/P2): a year earlier, for 同比 */
  mk_case(f, 104, a, "arrest_review", d2, p2, "2024-03-01", "2024-03-05", NULL, NOW);
  mk_person(f, 206, a, 104, "reject_arrest", NULL, "2024-03-05", 0);
  /* case 105 (审查起诉, D1/P1): prosecuted in February (环比), acquitted in March */
  mk_case(f, 105, a, "prosecution_review", d1, p1, "2025-01-10", "2025-02-20", "2025-03-01", NOW);
  mk_person(f, 207, a, 105, "prosecute", NULL, "2025-02-20", 1);
  exec(f,
       "UPDATE case_person SET judgment_on = '2025-03-12', recommendation_adopted = 0, judgment_consistent = 0,"
       " sentence = '宣告无罪' WHERE id = 207");
  /* case 106 (审查起诉, D2/P2, received 2024-12-01): 不起诉 on 03-03, archived on the last day allowed */
  mk_case(f, 106, a, "prosecution_review", d2, p2, "2024-12-01", "2025-03-03", "2025-04-03", NOW);
  mk_person(f, 208, a, 106, "non_prosecution", "statutory", "2025-03-03", 1);
  /* another office's case: never counted */
  mk_case(f, 190, f->orgB, "arrest_review", 0, 0, "2025-03-01", "2025-03-05", NULL, NOW);
  mk_person(f, 290, f->orgB, 190, "reject_arrest", NULL, "2025-03-05", 0);
  /* 行刑衔接: L1 transferred in time, served, replied with a penalty; L2 transferred late, served, no reply */
  exec(f,
       "INSERT INTO linkage_item(id, org_id, case_id, person_id, non_prosecution_type, decision_on, state,"
       " prosecutor_id, department_id, transferred_on, served_on, reply_on, reply_penalised, created_at, updated_at)"
       " VALUES (301, %lld, 101, 202, 'discretionary', '2025-03-05', 'replied', %lld, %lld, '2025-03-07',"
       " '2025-03-20', '2025-03-30', 1, '%s', '%s'),"
       " (302, %lld, 106, 208, 'statutory', '2025-03-03', 'awaiting_reply', %lld, %lld, '2025-03-12', '2025-03-25',"
       " NULL, NULL, '%s', '%s')",
       a, p1, d1, NOW, NOW, a, p2, d2, NOW, NOW);
  mk_deadline(f, a, "linkage", 301, 0, 101, "linkage_transfer", "2025-03-10");
  mk_deadline(f, a, "linkage", 302, 0, 106, "linkage_transfer", "2025-03-06");
  /* 检察建议: S1 served, replied in time, adopted, 办复; S2 served, no reply; S3 served in 2024, replied late
   * (部分采纳), closed otherwise */
  exec(f,
       "INSERT INTO suggestion(id, org_id, type, state, title, agency_id, department_id, prosecutor_id, facts, body,"
       " legal_basis, copies, reply_length, first_served_on, served_on, reply_on, adoption, closed_on, outcome,"
       " created_at, updated_at) VALUES"
       " (401, %lld, 'correction', 'closed', '建议一', %lld, %lld, %lld, '事实', '正文', '依据', '[]', '2m',"
       " '2025-03-03', '2025-03-03', '2025-03-20', 'adopted', '2025-03-28', 'handled', '%s', '%s'),"
       " (402, %lld, 'correction', 'served', '建议二', %lld, %lld, %lld, '事实', '正文', '依据', '[]', '2m',"
       " '2025-03-10', '2025-03-10', NULL, NULL, NULL, NULL, '%s', '%s'),"
       " (403, %lld, 'correction', 'closed', '建议三', %lld, %lld, %lld, '事实', '正文', '依据', '[]', '2m',"
       " '2024-12-01', '2024-12-01', '2025-03-05', 'partly', '2025-03-06', 'other', '%s', '%s')",
       a, (long long)f->agency, d1, p1, NOW, NOW, a, (long long)f->agency, d2, p2, NOW, NOW, a, (long long)f->agency,
       d1, p1, NOW, NOW);
  mk_deadline(f, a, "suggestion", 401, 0, 0, "suggestion_reply", "2025-05-03");
  mk_deadline(f, a, "suggestion", 402, 0, 0, "suggestion_reply", "2025-05-10");
  mk_deadline(f, a, "suggestion", 403, 0, 0, "suggestion_reply", "2025-02-01");
  assert_int_equal(db_commit(f->db), 0);
}

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/jw-stats-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  assert_int_equal(test_db_new(f->zDir, "t.db", f->zTarget, sizeof f->zTarget), 0);
  JwErr e;
  assert_int_equal(db_open(f->zTarget, DB_OPEN_CREATE, &f->db, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orga", "甲县人民检察院", "county", NULL, &f->orgA, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orgb", "乙县人民检察院", "county", NULL, &f->orgB, &e), 0);
  f->d1 = dept_store_insert(f->db, f->orgA, "第一检察部", "criminal", NOW);
  f->d2 = dept_store_insert(f->db, f->orgA, "第二检察部", "criminal", NOW);
  int64_t dm = dept_store_insert(f->db, f->orgA, "案件管理部", "case_management", NOW);
  f->p1 = mk_user(f->db, f->orgA, f->d1, "p1", "prosecutor");
  f->p2 = mk_user(f->db, f->orgA, f->d2, "p2", "prosecutor");
  f->pros2 = actor_of(f->db, f->orgA, f->p2, f->d2);
  f->leader = actor_of(f->db, f->orgA, mk_user(f->db, f->orgA, dm, "leader", "leader"), dm);
  f->head1 = actor_of(f->db, f->orgA, mk_user(f->db, f->orgA, f->d1, "head1", "department_head"), f->d1);
  f->admin = actor_of(f->db, f->orgA, mk_user(f->db, f->orgA, 0, "admin1", "admin"), 0);
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(agencies_note(f->db, f->orgA, "甲县市场监督管理局", &e), 0);
  assert_int_equal(db_commit(f->db), 0);
  Stmt *s = db_prepare(f->db, "SELECT id FROM agency WHERE org_id = ?1");
  db_bind_int(s, 1, f->orgA);
  assert_int_equal(db_step(s), DB_ROW);
  f->agency = db_col_int(s, 0);
  db_done(s);
  fixture_rows(f);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  assert_false(db_in_transaction(f->db));
  assert_int_equal(db_busy_statements(f->db), 0);
  db_close(f->db);
  if (test_db_drop(f->zTarget)) return -1;
  char zCmd[128];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", f->zDir);
  if (system(zCmd) != 0) return -1;
  free(f);
  return 0;
}

static StatsQuery query(const char *zPeriod, StatsScopeKind scope, int64_t id, StatsBy by) {
  StatsQuery q = {.scope = scope, .scopeId = id, .by = by};
  assert_int_equal(stat_period_parse(zPeriod, strlen(zPeriod), &q.period, NULL), 0);
  return q;
}

static json_t *report(Fixture *f, const Actor *a, StatsQuery q) {
  json_t *out = NULL;
  JwErr e;
  if (stats_report(f->db, a, &q, &out, &e)) fail_msg("report: %d %s", e.status, e.message);
  return out;
}

/* The cell of indicator zCode in column col, period zWhich ("current", "year_ago", "previous"). */
static json_t *cell(json_t *r, const char *zCode, int col, const char *zWhich) {
  json_t *inds = json_object_get(r, "indicators");
  size_t i;
  json_t *ind;
  json_array_foreach(inds, i, ind) {
    if (strcmp(json_string_value(json_object_get(ind, "code")), zCode) == 0) {
      json_t *c = json_array_get(json_object_get(ind, "cells"), (size_t)col);
      return zWhich ? json_object_get(c, zWhich) : c;
    }
  }
  fail_msg("no indicator %s", zCode);
  return NULL;
}

static void expect(json_t *r, const char *zCode, int col, const char *zWhich, int num, int den, double value) {
  json_t *c = cell(r, zCode, col, zWhich);
  assert_non_null(c);
  if (json_integer_value(json_object_get(c, "numerator")) != num ||
      json_integer_value(json_object_get(c, "denominator")) != den) {
    fail_msg("%s[%d].%s: %lld/%lld, want %d/%d", zCode, col, zWhich,
             (long long)json_integer_value(json_object_get(c, "numerator")),
             (long long)json_integer_value(json_object_get(c, "denominator")), num, den);
  }
  json_t *v = json_object_get(c, "value");
  if (isnan(value)) {
    assert_true(json_is_null(v));
  } else if (fabs(json_number_value(v) - value) > 1e-9) {
    fail_msg("%s[%d].%s value %f, want %f", zCode, col, zWhich, json_number_value(v), value);
  }
}

/* Every computed indicator of the office for 2025-03, by hand. */
static void test_office_month(void **state) {
  Fixture *f = *state;
  json_t *r = report(f, &f->leader, query("2025-03", STATS_SCOPE_OFFICE, 0, STATS_BY_NONE));
  assert_string_equal(json_string_value(json_object_get(json_object_get(r, "year_ago"), "text")), "2024-03");
  assert_string_equal(json_string_value(json_object_get(json_object_get(r, "previous"), "text")), "2025-02");
  assert_int_equal(json_array_size(json_object_get(r, "columns")), 1);
  /* 审查逮捕 in March: 204 approved, 205 rejected (the other office's 290 is not counted): 1/2; a year earlier 206
   * rejected: 1/1; none in February */
  expect(r, "non_arrest_rate", 0, "current", 1, 2, 0.5);
  expect(r, "non_arrest_rate", 0, "year_ago", 1, 1, 1.0);
  expect(r, "non_arrest_rate", 0, "previous", 0, 0, NAN);
  assert_true(fabs(json_real_value(json_object_get(cell(r, "non_arrest_rate", 0, NULL), "yoy")) + 0.5) < 1e-9);
  assert_true(json_is_null(json_object_get(cell(r, "non_arrest_rate", 0, NULL), "mom")));
  /* 审查起诉 concluded in March: 201 起诉, 202 不起诉 (the same case: two persons), 203 起诉, 208 不起诉 */
  expect(r, "non_prosecution_rate", 0, "current", 2, 4, 0.5);
  expect(r, "non_prosecution_rate", 0, "previous", 0, 1, 0.0); /* 207 起诉 in February */
  /* arrested before: 201 and 202; 202 not prosecuted */
  expect(r, "post_arrest_non_prosecution_rate", 0, "current", 1, 2, 0.5);
  /* 认罪认罚: 201, 202, 208 of the four */
  expect(r, "plea_leniency_rate", 0, "current", 3, 4, 0.75);
  /* judged in March: 201 (认罪认罚, adopted, consistent), 207 (认罪认罚, not adopted, inconsistent, 无罪) */
  expect(r, "sentencing_adoption_rate", 0, "current", 1, 2, 0.5);
  expect(r, "charge_judgment_mismatch_rate", 0, "current", 1, 2, 0.5);
  expect(r, "acquittal_rate", 0, "current", 1, 2, 0.5);
  /* prosecuted in March: 201, 203; 203 withdrawn. February: 207, not withdrawn */
  expect(r, "withdrawal_rate", 0, "current", 1, 2, 0.5);
  expect(r, "withdrawal_rate", 0, "previous", 0, 1, 0.0);
  /* case 101 was returned once (both its persons count), 101 and 102 extended */
  expect(r, "supplementary_investigation_rate", 0, "current", 2, 4, 0.5);
  expect(r, "extension_rate", 0, "current", 3, 4, 0.75);
  /* cases concluded in March: 101 (1 + return + extension = 3), 102 (1 + extension + withdrawal = 3), 103 (1),
   * 106 (1): 8 / 4 */
  expect(r, "case_item_ratio", 0, "current", 8, 4, 2.0);
  /* days from receipt to decision: 201 37, 202 32, 203 19, 208 92, 204 6, 205 6: sum 192 over 6 = 32.0; the
   * median of 6 6 19 32 37 92 is (19 + 32) / 2 */
  expect(r, "avg_handling_days", 0, "current", 192, 6, 32.0);
  expect(r, "median_handling_days", 0, "current", 192, 6, 25.5);
  /* overdue at the decision: only 201 (due 03-08, decided 03-10): 1/6 cut to 4 places */
  expect(r, "overdue_at_conclusion_rate", 0, "current", 1, 6, 0.1666);
  /* archived within a month of conclusion: 101 (04-05 <= 04-10), 106 (04-03, the last day); 102 and 103 not */
  expect(r, "archiving_on_time_rate", 0, "current", 2, 4, 0.5);
  /* 行刑衔接: 301 transferred by its due day, 302 after; both served in March, 301 replied with a penalty */
  expect(r, "linkage_transfer_on_time_rate", 0, "current", 1, 2, 0.5);
  expect(r, "opinion_reply_rate", 0, "current", 1, 2, 0.5);
  expect(r, "opinion_penalty_rate", 0, "current", 1, 1, 1.0);
  /* 检察建议: served in March 401 (replied in time) and 402 (not); replied in March 401 (adopted) and 403 (partly);
   * closed in March 401 (办复) and 403 (otherwise) */
  expect(r, "suggestion_on_time_reply_rate", 0, "current", 1, 2, 0.5);
  expect(r, "suggestion_adoption_rate", 0, "current", 1, 2, 0.5);
  expect(r, "suggestion_handled_rate", 0, "current", 1, 2, 0.5);
  /* not computable: the case card has no field for it */
  json_t *c = cell(r, "fixed_sentence_proposal_rate", 0, NULL);
  assert_null(c);
  assert_true(json_is_null(json_object_get(r, "closed")));
  json_decref(r);
}

/* By department, and the scopes each reader may see. */
static void test_by_department_and_scopes(void **state) {
  Fixture *f = *state;
  json_t *r = report(f, &f->leader, query("2025-03", STATS_SCOPE_OFFICE, 0, STATS_BY_DEPARTMENT));
  json_t *cols = json_object_get(r, "columns");
  assert_int_equal(json_array_size(cols), 3);
  assert_string_equal(json_string_value(json_object_get(json_array_get(cols, 1), "name")), "第一检察部");
  assert_string_equal(json_string_value(json_object_get(json_array_get(cols, 2), "name")), "第二检察部");
  expect(r, "non_prosecution_rate", 1, "current", 1, 2, 0.5); /* D1: 201, 202 */
  expect(r, "non_prosecution_rate", 2, "current", 1, 2, 0.5); /* D2: 203, 208 */
  expect(r, "non_arrest_rate", 1, "current", 1, 2, 0.5);
  json_decref(r);
  /* a prosecutor sees their own figures by default, and no one else's */
  r = report(f, &f->pros2, query("2025-03", STATS_SCOPE_DEFAULT, 0, STATS_BY_NONE));
  assert_string_equal(json_string_value(json_object_get(json_object_get(r, "scope"), "kind")), "prosecutor");
  expect(r, "non_prosecution_rate", 0, "current", 1, 2, 0.5);
  expect(r, "non_arrest_rate", 0, "current", 0, 0, NAN);
  expect(r, "non_arrest_rate", 0, "year_ago", 1, 1, 1.0);
  json_decref(r);
  JwErr e;
  json_t *out = NULL;
  StatsQuery q = query("2025-03", STATS_SCOPE_OFFICE, 0, STATS_BY_NONE);
  assert_int_equal(stats_report(f->db, &f->pros2, &q, &out, &e), -1);
  assert_int_equal(e.status, 403);
  q = query("2025-03", STATS_SCOPE_PROSECUTOR, f->p1, STATS_BY_NONE);
  assert_int_equal(stats_report(f->db, &f->pros2, &q, &out, &e), -1);
  assert_int_equal(e.status, 403);
  /* a department head: their department and its prosecutors, not the other department */
  r = report(f, &f->head1, query("2025-03", STATS_SCOPE_DEFAULT, 0, STATS_BY_NONE));
  assert_string_equal(json_string_value(json_object_get(json_object_get(r, "scope"), "kind")), "department");
  expect(r, "non_prosecution_rate", 0, "current", 1, 2, 0.5);
  json_decref(r);
  r = report(f, &f->head1, query("2025-03", STATS_SCOPE_PROSECUTOR, f->p1, STATS_BY_NONE));
  expect(r, "non_arrest_rate", 0, "current", 1, 2, 0.5);
  json_decref(r);
  q = query("2025-03", STATS_SCOPE_DEPARTMENT, f->d2, STATS_BY_NONE);
  assert_int_equal(stats_report(f->db, &f->head1, &q, &out, &e), -1);
  assert_int_equal(e.status, 403);
  /* the leader asking for a department of another office */
  q = query("2025-03", STATS_SCOPE_DEPARTMENT, 999999, STATS_BY_NONE);
  assert_int_equal(stats_report(f->db, &f->leader, &q, &out, &e), -1);
  assert_int_equal(e.status, 422);
  assert_string_equal(e.field, "id");
}

/* The records behind a figure are the figure's rows: numerator and denominator, each with its case. */
static void test_records(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *out = NULL;
  StatsQuery q = query("2025-03", STATS_SCOPE_OFFICE, 0, STATS_BY_NONE);
  assert_int_equal(stats_records(f->db, &f->leader, &q, "non_prosecution_rate", 1, NULL, 0, 50, 0, &out, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 2);
  json_t *items = json_object_get(out, "items");
  /* newest case first: 208 (case 106), 202 (case 101) */
  assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), 208);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 1), "id")), 202);
  assert_string_equal(json_string_value(json_object_get(json_array_get(items, 1), "case_number")), "案101");
  assert_string_equal(json_string_value(json_object_get(json_array_get(items, 1), "link")), "#/cases/101");
  json_decref(out);
  assert_int_equal(stats_records(f->db, &f->leader, &q, "non_prosecution_rate", 0, NULL, 0, 3, 1, &out, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 4);
  assert_int_equal(json_array_size(json_object_get(out, "items")), 3);
  json_decref(out);
  /* a column of the breakdown, and the 同比 period */
  char zCol[40];
  snprintf(zCol, sizeof zCol, "department:%lld", (long long)f->d2);
  q.by = STATS_BY_DEPARTMENT;
  assert_int_equal(stats_records(f->db, &f->leader, &q, "non_arrest_rate", 0, zCol, 1, 50, 0, &out, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 1);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(out, "items"), 0), "id")), 206);
  json_decref(out);
  /* days figures list each row's days; suggestions link to the suggestion */
  q.by = STATS_BY_NONE;
  assert_int_equal(stats_records(f->db, &f->leader, &q, "avg_handling_days", 0, NULL, 0, 50, 0, &out, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 6);
  json_decref(out);
  assert_int_equal(stats_records(f->db, &f->leader, &q, "suggestion_handled_rate", 1, NULL, 0, 50, 0, &out, &e), 0);
  assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(out, "items"), 0), "link")),
                      "#/suggestions/401");
  json_decref(out);
  assert_int_equal(stats_records(f->db, &f->leader, &q, "nope", 1, NULL, 0, 50, 0, &out, &e), -1);
  assert_string_equal(e.field, "indicator");
  assert_int_equal(stats_records(f->db, &f->leader, &q, "fixed_sentence_proposal_rate", 1, NULL, 0, 50, 0, &out, &e),
                   -1);
  assert_int_equal(e.status, 422);
}

static int64_t audit_rows(Fixture *f, const char *zAction) {
  Stmt *s = db_prepare(f->db, "SELECT count(*) FROM audit_log WHERE action = ?1");
  db_bind_text(s, 1, zAction);
  assert_int_equal(db_step(s), DB_ROW);
  int64_t n = db_col_int(s, 0);
  db_done(s);
  return n;
}

/* An [M] formula configured by the administrator: audited, applied to the figures; bad input refused, nothing
 * written. */
static void test_config(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *out = NULL;
  json_t *in = json_pack("{s:s, s:{s:i}}", "indicator", "suggestion_adoption_rate", "params", "partly_counts", 1);
  assert_int_equal(stats_config_put(f->db, &f->admin, in, &out, &e), 0);
  json_decref(in);
  json_decref(out);
  assert_int_equal(audit_rows(f, "stats.config"), 1);
  json_t *r = report(f, &f->leader, query("2025-03", STATS_SCOPE_OFFICE, 0, STATS_BY_NONE));
  expect(r, "suggestion_adoption_rate", 0, "current", 2, 2, 1.0); /* 403's 部分采纳 now counts */
  json_decref(r);
  in = json_pack("{s:s, s:{s:i}}", "indicator", "archiving_on_time_rate", "params", "months", 2);
  assert_int_equal(stats_config_put(f->db, &f->admin, in, &out, &e), 0);
  json_decref(in);
  json_decref(out);
  in = json_pack("{s:s, s:{s:s}}", "indicator", "acquittal_rate", "params", "acquittal_text", "𠀀");
  assert_int_equal(stats_config_put(f->db, &f->admin, in, &out, &e), 0);
  json_decref(in);
  json_decref(out);
  r = report(f, &f->leader, query("2025-03", STATS_SCOPE_OFFICE, 0, STATS_BY_NONE));
  expect(r, "acquittal_rate", 0, "current", 0, 2, 0.0);
  json_decref(r);
  /* 20 four-byte characters, the limit, fit whole */
  in = json_pack("{s:s, s:{s:s}}", "indicator", "acquittal_rate", "params", "acquittal_text",
                 "𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀");
  assert_int_equal(stats_config_put(f->db, &f->admin, in, &out, &e), 0);
  json_decref(in);
  json_decref(out);
  r = report(f, &f->leader, query("2025-03", STATS_SCOPE_OFFICE, 0, STATS_BY_NONE));
  json_decref(r);
  assert_int_equal(stats_config_get(f->db, &f->admin, &out, &e), 0);
  char *z = json_dumps(out, 0);
  assert_non_null(strstr(z, "\"name\": \"months\""));
  free(z);
  json_decref(out);
  /* refusals name the field and write nothing */
  const char *bad[] = {"{\"indicator\":\"nope\",\"params\":{}}",
                       "{\"indicator\":\"non_prosecution_rate\",\"params\":{}}", /* [C2]: not configurable */
                       "{\"indicator\":\"archiving_on_time_rate\",\"params\":{\"months\":7}}",
                       "{\"indicator\":\"archiving_on_time_rate\",\"params\":{\"weeks\":1}}",
                       "{\"indicator\":\"archiving_on_time_rate\",\"params\":{\"months\":\"1\"}}",
                       "{\"indicator\":\"acquittal_rate\",\"params\":{\"acquittal_text\":\"\"}}",
                       "{\"indicator\":\"acquittal_rate\",\"params\":{\"acquittal_text\":"
                       "\"𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀\"}}",
                       "{\"indicator\":\"acquittal_rate\",\"params\":[]}",
                       "{\"indicator\":\"acquittal_rate\",\"params\":{},\"x\":1}"};
  const char *fields[] = {"indicator",
                          "indicator",
                          "params.months",
                          "params.weeks",
                          "params.months",
                          "params.acquittal_text",
                          "params.acquittal_text",
                          "params",
                          "x"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    json_t *j = json_loads(bad[i], 0, NULL);
    assert_non_null(j);
    memset(&e, 0, sizeof e);
    assert_int_equal(stats_config_put(f->db, &f->admin, j, &out, &e), -1);
    assert_true(e.status >= 400 && e.status < 500);
    assert_string_equal(e.field, fields[i]);
    json_decref(j);
  }
  assert_int_equal(audit_rows(f, "stats.config"), 4);
}

/* A closed month keeps its figures as reported; a record entered after the close shows in the corrected view and
 * is counted. */
static void test_closed_month(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *out = NULL;
  json_t *in = json_pack("{s:s}", "period", "2025-03");
  assert_int_equal(stats_close_period(f->db, &f->pros2, in, &out, &e), -1); /* not office-wide */
  assert_int_equal(e.status, 403);
  assert_int_equal(stats_close_period(f->db, &f->leader, in, &out, &e), 0);
  json_decref(out);
  assert_int_equal(stats_close_period(f->db, &f->leader, in, &out, &e), -1);
  assert_int_equal(e.status, 409);
  json_decref(in);
  in = json_pack("{s:s}", "period", "2025-01-01..2025-01-31");
  assert_int_equal(stats_close_period(f->db, &f->leader, in, &out, &e), -1);
  assert_string_equal(e.field, "period");
  json_decref(in);
  in = json_pack("{s:s}", "period", "2199-01");
  assert_int_equal(stats_close_period(f->db, &f->leader, in, &out, &e), -1);
  assert_string_equal(e.field, "period");
  json_decref(in);
  assert_int_equal(audit_rows(f, "stats.close"), 1);
  /* a late 不起诉 decided on 03-30, entered after the close */
  assert_int_equal(db_begin(f->db), 0);
  mk_case(f, 107, f->orgA, "prosecution_review", f->d1, f->p1, "2025-03-01", "2025-03-30", NULL,
          "2099-01-01T00:00:00Z");
  mk_person(f, 209, f->orgA, 107, "non_prosecution", "discretionary", "2025-03-30", 0);
  assert_int_equal(db_commit(f->db), 0);
  json_t *r = report(f, &f->leader, query("2025-03", STATS_SCOPE_OFFICE, 0, STATS_BY_NONE));
  assert_string_equal(json_string_value(json_object_get(r, "view")), "corrected");
  expect(r, "non_prosecution_rate", 0, "current", 3, 5, 0.6);
  json_t *closed = json_object_get(r, "closed");
  assert_int_equal(json_integer_value(json_object_get(closed, "late_records")), 2); /* the person and the case */
  json_decref(r);
  StatsQuery q = query("2025-03", STATS_SCOPE_OFFICE, 0, STATS_BY_NONE);
  q.reported = 1;
  r = report(f, &f->leader, q);
  assert_string_equal(json_string_value(json_object_get(r, "view")), "reported");
  expect(r, "non_prosecution_rate", 0, "current", 2, 4, 0.5);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(r, "closed"), "late_records")), 2);
  json_decref(r);
  q = query("2025-04", STATS_SCOPE_OFFICE, 0, STATS_BY_NONE);
  q.reported = 1;
  assert_int_equal(stats_report(f->db, &f->leader, &q, &out, &e), -1);
  assert_int_equal(e.status, 409);
  assert_string_equal(e.field, "view");
  assert_int_equal(stats_snapshots(f->db, &f->leader, &out, &e), 0);
  assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
  json_decref(out);
}

/* A city office sees each county under it side by side, and their total. */
static void test_subordinate_offices(void **state) {
  Fixture *f = *state;
  JwErr e;
  int64_t city;
  assert_int_equal(accounts_org_bootstrap(f->db, "city", "某市人民检察院", "city", NULL, &city, &e), 0);
  exec(f, "UPDATE org SET parent_id = %lld WHERE id IN (%lld, %lld)", (long long)city, (long long)f->orgA,
       (long long)f->orgB);
  int64_t dm = dept_store_insert(f->db, city, "案件管理部", "case_management", NOW);
  Actor cm = actor_of(f->db, city, mk_user(f->db, city, dm, "citycm", "case_manager"), dm);
  json_t *r = report(f, &cm, query("2025-03", STATS_SCOPE_OFFICE, 0, STATS_BY_NONE));
  assert_string_equal(json_string_value(json_object_get(r, "by")), "org");
  json_t *cols = json_object_get(r, "columns");
  assert_int_equal(json_array_size(cols), 3);
  assert_string_equal(json_string_value(json_object_get(json_array_get(cols, 1), "name")), "甲县人民检察院");
  assert_string_equal(json_string_value(json_object_get(json_array_get(cols, 2), "name")), "乙县人民检察院");
  expect(r, "non_arrest_rate", 0, "current", 2, 3, 0.6666); /* 205 and 290 of 204, 205, 290 */
  expect(r, "non_arrest_rate", 1, "current", 1, 2, 0.5);
  expect(r, "non_arrest_rate", 2, "current", 1, 1, 1.0);
  json_decref(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_office_month, setup, teardown),
      cmocka_unit_test_setup_teardown(test_by_department_and_scopes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_records, setup, teardown),
      cmocka_unit_test_setup_teardown(test_config, setup, teardown),
      cmocka_unit_test_setup_teardown(test_closed_month, setup, teardown),
      cmocka_unit_test_setup_teardown(test_subordinate_offices, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
