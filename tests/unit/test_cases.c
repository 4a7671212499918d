/* test_cases.c: unit tests for the case use cases (src/app/cases.c) and their store (src/store/case_store.c) on a
 * real database: registration (rows, numbering, rotation, fast track), nothing written on error, the 审查起诉
 * story with its deadline rows and derived history, custody, organisation isolation, handling permissions, and the
 * recomputation of open deadlines after a calendar import or a change of warning lead times. With JIANWU_TEST_PG
 * the same tests run on a new PostgreSQL database (test_db.h); the SQL of the checks here is written for both.
 *
 * Users are inserted through the store with a dummy password hash (no Argon2), so the whole file runs in seconds
 * under ASan. Dates are in 2025, a year whose official calendar ships with the program (DOMAIN.md section 3):
 * 2025-04-04..06 清明, 05-01..05 劳动节, 05-31..06-02 端午. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/accounts.h"
#include "app/agencies.h"
#include "app/audit.h"
#include "app/cases.h"
#include "app/deadlines.h"
#include "app/holidays.h"
#include "core/approvals.h"
#include "core/case_rules.h"
#include "core/roles.h"
#include "store/accounts_store.h"
#include "store/case_store.h"
#include "lib/buf.h"
#include "store/db.h"
#include "test_util.h"
#include "test_db.h"

#define NOW "2025-01-01T00:00:00Z"

typedef struct Fixture {
  char zDir[64];
  char zTarget[256]; /* the SQLite file or the PostgreSQL URL (test_db.h) */
  Db *db;
  int64_t orgA, orgB;
  /* org A: departments and users */
  int64_t dFirst, dSecond, dFast, dMgmt, dOffice;
  int64_t uAnguan, uPros1, uPros2, uAssistant, uClerk, uFast1, uFast2;
  /* org B */
  int64_t dB, uAnguanB, uProsB;
  Actor anguan, pros1, pros2, assistant, anguanB;
} Fixture;

/* ---- SQL helpers ------------------------------------------------------------------------------------------- */

/* The statement of a printf format (the values are the test's own integers and literals), run through db.h. */
static Stmt *q_prepare(Db *db, const char *zFmt, va_list ap) {
  Buf b = BUF_INIT;
  buf_vprintf(&b, zFmt, ap);
  Stmt *s = db_prepare_uncached(db, buf_cstr(&b));
  buf_free(&b);
  return s;
}

/* The integer of the first column of the first row; -999 when there is no row. */
static int64_t qi(Db *db, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  Stmt *s = q_prepare(db, zFmt, ap);
  va_end(ap);
  int rc = db_step(s);
  assert_int_not_equal(rc, DB_ERROR);
  int64_t v = rc == DB_ROW ? db_col_int(s, 0) : -999;
  db_finalize(s);
  return v;
}

/* The text of the first column of the first row, in a small ring of buffers (so several can appear in one
 * assertion); "<null>" for NULL, "<none>" when there is no row. */
static const char *qs(Db *db, const char *zFmt, ...) {
  static char aBuf[8][2048];
  static int iBuf = 0;
  char *out = aBuf[iBuf++ % 8];
  va_list ap;
  va_start(ap, zFmt);
  Stmt *s = q_prepare(db, zFmt, ap);
  va_end(ap);
  int rc = db_step(s);
  assert_int_not_equal(rc, DB_ERROR);
  if (rc != DB_ROW) snprintf(out, 2048, "<none>");
  else if (db_col_is_null(s, 0)) snprintf(out, 2048, "<null>");
  else snprintf(out, 2048, "%s", db_col_text(s, 0));
  db_finalize(s);
  return out;
}

static void exec_sql(Db *db, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  Buf b = BUF_INIT;
  buf_vprintf(&b, zFmt, ap);
  va_end(ap);
  assert_int_equal(db_exec(db, buf_cstr(&b)), 0);
  buf_free(&b);
}

/* The SQL expression of the text of the string member zKey of the JSON text in column zCol (SQLite's json_extract,
 * PostgreSQL's ->>), in a small ring of buffers. */
static const char *json_text(Db *db, const char *zCol, const char *zKey) {
  static char aBuf[4][96];
  static int iBuf = 0;
  char *out = aBuf[iBuf++ % 4];
  if (db_backend(db) == DB_POSTGRES) snprintf(out, 96, "(%s::json ->> '%s')", zCol, zKey);
  else snprintf(out, 96, "json_extract(%s, '$.%s')", zCol, zKey);
  return out;
}

/* Every deadline row of a case but the persons' custody terms (measure_terms_of), by kind then sequence, as one line:
 * "review#1 2025-03-05+1m=2025-04-07 open; supplementary#1 ...+1m=... cb closed 2025-04-15". */
static const char *deadlines_of(Db *db, int64_t caseId) {
  return qs(
      db,
      "SELECT coalesce(group_concat(x, '; '), '') FROM (SELECT kind || '#' || sequence"
      " || coalesce('[' || p.name || ']', '') || ' ' || start_on || '+'"
      " || length || CASE WHEN extra_days <> 0 THEN '+' || extra_days || 'd' ELSE '' END || '=' || coalesce(due_on, "
      "'-')"
      " || CASE WHEN custody_bound <> 0 THEN ' cb' ELSE '' END || ' ' || status || coalesce(' ' || closed_on, '') AS x"
      " FROM deadline d LEFT JOIN case_person p ON p.id = d.person_id WHERE d.case_id = %lld AND d.entity_kind = 'case'"
      " AND d.kind NOT IN ('bail_expiry', 'residential_expiry') ORDER BY kind, sequence, d.person_id) AS t",
      (long long)caseId);
}

/* The custody terms of a case's persons (取保候审 12 months, 监视居住 6 months, CPL 79) in the same form. */
static const char *measure_terms_of(Db *db, int64_t caseId) {
  return qs(db,
            "SELECT coalesce(group_concat(x, '; '), '') FROM (SELECT kind || '#' || sequence || '[' || p.name || '] '"
            " || start_on || '+' || length || '=' || due_on || ' ' || status || coalesce(' ' || closed_on, '') AS x"
            " FROM deadline d JOIN case_person p ON p.id = d.person_id WHERE d.case_id = %lld"
            " AND d.kind IN ('bail_expiry', 'residential_expiry') ORDER BY kind, sequence, d.person_id) AS t",
            (long long)caseId);
}

/* The row counts that a refused write must leave alone. */
typedef struct Snap {
  int64_t cases, persons, charges, events, deadlines, audits, sequences, sequenceSum;
} Snap;

static Snap snap(Db *db) {
  Snap s = {
      qi(db, "SELECT count(*) FROM case_record"),        qi(db, "SELECT count(*) FROM case_person"),
      qi(db, "SELECT count(*) FROM case_person_charge"), qi(db, "SELECT count(*) FROM case_event"),
      qi(db, "SELECT count(*) FROM deadline"),           qi(db, "SELECT count(*) FROM audit_log"),
      qi(db, "SELECT count(*) FROM case_sequence"),      qi(db, "SELECT coalesce(sum(last), 0) FROM case_sequence"),
  };
  return s;
}

static void assert_snap_equal(const Snap *a, const Snap *b) {
  assert_int_equal(a->cases, b->cases);
  assert_int_equal(a->persons, b->persons);
  assert_int_equal(a->charges, b->charges);
  assert_int_equal(a->events, b->events);
  assert_int_equal(a->deadlines, b->deadlines);
  assert_int_equal(a->audits, b->audits);
  assert_int_equal(a->sequences, b->sequences);
  assert_int_equal(a->sequenceSum, b->sequenceSum);
}

/* ---- fixture ----------------------------------------------------------------------------------------------- */

static int64_t mk_dept(Db *db, int64_t orgId, const char *zName, const char *zKind) {
  int64_t id = dept_store_insert(db, orgId, zName, zKind, NOW);
  assert_true(id > 0);
  return id;
}

/* A user with one role, inserted through the store with a dummy hash (nobody signs in here). */
static int64_t mk_user(Db *db, int64_t orgId, int64_t deptId, const char *zLogin, const char *zName,
                       const char *zRole) {
  int64_t id = user_store_insert(db, orgId, deptId, zLogin, zName, "$dummy$", NOW);
  assert_true(id > 0);
  json_t *roles = json_pack("[s]", zRole);
  assert_int_equal(user_store_set_roles(db, id, roles), 0);
  json_decref(roles);
  return id;
}

/* The actor of a user, as the web layer builds it from the session. */
static Actor actor_of(Db *db, int64_t orgId, int64_t userId) {
  json_t *u = user_store_get(db, orgId, userId);
  assert_non_null(u);
  Actor a = {.userId = userId,
             .orgId = orgId,
             .zLogin = "test",
             .perms = user_store_permissions(db, userId),
             .departmentId = json_integer_value(json_object_get(u, "department_id"))};
  json_decref(u);
  return a;
}

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/jw-cases-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  assert_int_equal(test_db_new(f->zDir, "t.db", f->zTarget, sizeof f->zTarget), 0);
  JwErr e;
  assert_int_equal(db_open(f->zTarget, DB_OPEN_CREATE, &f->db, &e), 0);
  assert_int_equal(db_backend(f->db), test_db_is_pg() ? DB_POSTGRES : DB_SQLITE);
  assert_int_equal(accounts_org_bootstrap(f->db, "orga", "甲县人民检察院", "county", NULL, &f->orgA, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orgb", "乙县人民检察院", "county", NULL, &f->orgB, &e), 0);
  Db *db = f->db;
  f->dFirst = mk_dept(db, f->orgA, "第一检察部", "criminal");
  f->dSecond = mk_dept(db, f->orgA, "第二检察部", "criminal");
  f->dFast = mk_dept(db, f->orgA, "轻微刑事案件办案组", "criminal");
  f->dMgmt = mk_dept(db, f->orgA, "案件管理部", "case_management");
  f->dOffice = mk_dept(db, f->orgA, "办公室", "office");
  f->uAnguan = mk_user(db, f->orgA, f->dMgmt, "anguan", "周案管", "case_manager");
  f->uClerk = mk_user(db, f->orgA, f->dFirst, "clerk", "钱书记员", "clerk");
  f->uPros1 = mk_user(db, f->orgA, f->dFirst, "prosecutor", "李检察官", "prosecutor");
  f->uAssistant = mk_user(db, f->orgA, f->dFirst, "assistant", "陈助理", "assistant");
  f->uPros2 = mk_user(db, f->orgA, f->dSecond, "prosecutor2", "赵检察官", "prosecutor");
  f->uFast1 = mk_user(db, f->orgA, f->dFast, "majc", "马检察官", "prosecutor");
  f->uFast2 = mk_user(db, f->orgA, f->dFast, "luojc", "罗检察官", "prosecutor");
  f->dB = mk_dept(db, f->orgB, "第一检察部", "criminal");
  f->uAnguanB = mk_user(db, f->orgB, f->dB, "anguanb", "乙案管", "case_manager");
  f->uProsB = mk_user(db, f->orgB, f->dB, "prosb", "乙检察官", "prosecutor");
  f->anguan = actor_of(db, f->orgA, f->uAnguan);
  f->pros1 = actor_of(db, f->orgA, f->uPros1);
  f->pros2 = actor_of(db, f->orgA, f->uPros2);
  f->assistant = actor_of(db, f->orgA, f->uAssistant);
  f->anguanB = actor_of(db, f->orgB, f->uAnguanB);
  /* these tests are about the mechanics of a case: org A's 权力清单 lets the 承办检察官 decide everything alone
   * (the approval queue has its own tests, on org B's default list) */
  json_t *alone = json_object();
  for (int i = 0; i < decision_kinds_count; i++)
    json_object_set_new(alone, decision_kinds[i].zCode, json_string("none"));
  assert_int_equal(org_setting_put(db, f->orgA, "power_list", alone), 0);
  json_decref(alone);
  assert_true(f->anguan.perms & PERM_CASE_REGISTER);
  assert_false(f->pros2.perms & PERM_CASE_REGISTER);
  assert_true(f->pros2.perms & PERM_CASE_HANDLE);
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

/* ---- use-case helpers -------------------------------------------------------------------------------------- */

/* JSON from a printf format (ids go in with %lld). */
static json_t *jf(const char *zFmt, ...) {
  char z[4096];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(z, sizeof z, zFmt, ap);
  va_end(ap);
  json_error_t err;
  json_t *v = json_loads(z, 0, &err);
  if (!v) fail_msg("bad test JSON: %s in %s", err.text, z);
  return v;
}

/* Registers a case from JSON text; returns its id, or -1 with e filled. */
static int64_t reg_json(Db *db, const Actor *a, JwErr *e, json_t *in) {
  json_t *out = NULL;
  int rc = cases_register(db, a, in, &out, e);
  json_decref(in);
  if (rc) {
    assert_null(out);
    return -1;
  }
  assert_non_null(out);
  int64_t id = json_integer_value(json_object_get(out, "id"));
  json_decref(out);
  assert_true(id > 0);
  return id;
}

/* Registers a one-person case handled by hand and asserts success. */
static int64_t reg_simple(Fixture *f, const char *zType, const char *zReceived, int64_t deptId, int64_t prosId,
                          const char *zCustody) {
  JwErr e;
  int64_t id = reg_json(f->db, &f->anguan, &e,
                        jf("{\"case_type\":\"%s\",\"title\":\"张某盗窃案\",\"source_agency\":\"甲县公安局\","
                           "\"received_on\":\"%s\",\"department_id\":%lld,\"prosecutor_id\":%lld,"
                           "\"persons\":[{\"name\":\"张某\",\"custody\":\"%s\",\"custody_since\":\"2025-01-02\","
                           "\"charges\":[\"theft\"]}]}",
                           zType, zReceived, (long long)deptId, (long long)prosId, zCustody));
  if (id < 0) fail_msg("register failed: %d %s %s", e.status, e.field, e.message);
  return id;
}

/* Posts one event (JSON text); returns the rc, e filled on failure. */
static int ev(Db *db, const Actor *a, int64_t caseId, JwErr *e, json_t *in) {
  json_t *out = NULL;
  int status = 0;
  int rc = cases_event(db, a, caseId, in, &out, &status, e);
  json_decref(in);
  if (!rc) assert_int_equal(status, 201); /* these tests run under a 权力清单 with no approvals (setup) */
  if (rc) assert_null(out);
  json_decref(out);
  return rc;
}

static void ev_ok(Fixture *f, const Actor *a, int64_t caseId, json_t *in) {
  JwErr e;
  if (ev(f->db, a, caseId, &e, in)) fail_msg("event refused: %d %s %s", e.status, e.field, e.message);
}

static int64_t person_id(Db *db, int64_t caseId, const char *zName) {
  return qi(db, "SELECT id FROM case_person WHERE case_id = %lld AND name = '%s'", (long long)caseId, zName);
}

static const char *day(JwDate d) {
  static char aBuf[4][11];
  static int i = 0;
  char *z = aBuf[i++ % 4];
  if (!d) return "0";
  date_format(d, z);
  return z;
}

/* ---- registration ------------------------------------------------------------------------------------------ */

static void test_register_writes_case_persons_charges_event_deadline_and_audit(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  json_t *out = NULL;
  json_t *in =
      jf("{\"case_type\":\"prosecution_review\",\"title\":\"张某等盗窃案\",\"source_agency\":\"甲县公安局\","
         "\"source_number\":\"甲公(刑)诉字〔2025〕101号\",\"received_on\":\"2025-03-05\",\"department_id\":%lld,"
         "\"prosecutor_id\":%lld,\"assign\":\"manual\",\"major_complex\":false,\"prior_returns\":0,\"persons\":["
         /* 15-digit legacy number: upgraded to 18 with the check character X */
         "{\"name\":\"张某\",\"id_number\":\"110105491231002\",\"custody\":\"bail\",\"custody_since\":\"2025-02-20\","
         "\"plea\":true,\"sentence_band\":\"under_1y\",\"charges\":[\"theft\",\"fraud\",\"theft\"]},"
         "{\"name\":\"李某\",\"id_number\":\"513101198201130014\",\"custody\":\"none\",\"charges\":[\"theft\"]},"
         "{\"name\":\"王某\",\"id_number\":null,\"custody\":\"residential\",\"custody_since\":\"2025-01-02\","
         "\"charges\":[\"fraud\"]}]}",
         (long long)f->dFirst, (long long)f->uPros1);
  assert_int_equal(cases_register(db, &f->anguan, in, &out, &e), 0);
  json_decref(in);
  int64_t id = json_integer_value(json_object_get(out, "id"));
  assert_string_equal(json_string_value(json_object_get(out, "case_number")), "甲检刑诉受〔2025〕1号");
  assert_int_equal(json_integer_value(json_object_get(out, "returns")), 0);
  assert_string_equal(json_string_value(json_object_get(out, "clock_start")), "2025-03-05");
  assert_int_equal(json_array_size(json_object_get(out, "persons")), 3);
  json_decref(out);
  assert_false(db_in_transaction(db));

  /* the case row */
  assert_string_equal(
      qs(db,
         "SELECT org_id || '|' || case_number || '|' || case_type || '|' || title || '|' || source_agency || '|'"
         " || source_number || '|' || received_on || '|' || department_id || '|' || prosecutor_id || '|' || status"
         " || '|' || major_complex || summary_procedure || prior_returns || '|' || coalesce(concluded_on, '-')"
         " || coalesce(archived_on, '-') || coalesce(transferred_on, '-') FROM case_record WHERE id = %lld",
         (long long)id),
      qs(db,
         "SELECT '%lld|甲检刑诉受〔2025〕1号|prosecution_review|张某等盗窃案|甲县公安局|甲公(刑)诉字〔2025〕101号"
         "|2025-03-05|%lld|%lld|under_review|000|---'",
         (long long)f->orgA, (long long)f->dFirst, (long long)f->uPros1));

  /* persons: normalised ID, derived sex and birth date */
  assert_int_equal(qi(db, "SELECT count(*) FROM case_person WHERE case_id = %lld AND org_id = %lld", (long long)id,
                      (long long)f->orgA),
                   3);
  assert_string_equal(qs(db,
                         "SELECT id_number || '|' || sex || '|' || birth_date || '|' || custody || '|' || custody_since"
                         " || '|' || plea || '|' || sentence_band || '|' || coalesce(decision, '-')"
                         " FROM case_person WHERE id = %lld",
                         (long long)person_id(db, id, "张某")),
                      "11010519491231002X|F|1949-12-31|bail|2025-02-20|1|under_1y|-");
  assert_string_equal(qs(db,
                         "SELECT id_number || '|' || sex || '|' || birth_date || '|' || custody || '|' || plea || '|'"
                         " || coalesce(sentence_band, '-') || '|' || coalesce(custody_since, '-')"
                         " FROM case_person WHERE id = %lld",
                         (long long)person_id(db, id, "李某")),
                      "513101198201130014|M|1982-01-13|none|0|-|-");
  assert_string_equal(qs(db,
                         "SELECT coalesce(id_number, '-') || coalesce(sex, '-') || coalesce(birth_date, '-') || custody"
                         " FROM case_person WHERE id = %lld",
                         (long long)person_id(db, id, "王某")),
                      "---residential");

  /* charges: one row per distinct code */
  assert_string_equal(qs(db,
                         "SELECT group_concat(charge, ',') FROM (SELECT charge FROM case_person_charge"
                         " WHERE person_id = %lld ORDER BY charge) AS t",
                         (long long)person_id(db, id, "张某")),
                      "fraud,theft");
  assert_int_equal(qi(db,
                      "SELECT count(*) FROM case_person_charge pc JOIN case_person p ON p.id = pc.person_id"
                      " WHERE p.case_id = %lld",
                      (long long)id),
                   4);

  /* the register event, dated on receipt, by the registrar */
  assert_int_equal(qi(db, "SELECT count(*) FROM case_event WHERE case_id = %lld", (long long)id), 1);
  assert_string_equal(
      qs(db,
         "SELECT kind || '|' || on_date || '|' || coalesce(CAST(person_id AS TEXT), '-') || '|' || user_id || '|'"
         " || org_id || '|' || data FROM case_event WHERE case_id = %lld",
         (long long)id),
      qs(db,
         "SELECT 'register|2025-03-05|-|%lld|%lld|{\"assign\":\"manual\",\"fast_track\":false,"
         "\"summary_procedure\":false}'",
         (long long)f->uAnguan, (long long)f->orgA));

  /* the review deadline: 1 month from 03-05 is 04-05, a Saturday inside 清明 (04-04..06), so 04-07 (CPL 105);
   * nobody is in custody, so it is not custody-bound; one period for each person (DOMAIN 1.2: custody per person) */
  assert_string_equal(deadlines_of(db, id),
                      "review#1[张某] 2025-03-05+1m=2025-04-07 open; review#1[李某] 2025-03-05+1m=2025-04-07 open; "
                      "review#1[王某] 2025-03-05+1m=2025-04-07 open");
  /* 张某 on 取保候审 since 02-20 and 王某 under 监视居住 since 01-02: their CPL 79 terms, in months; 2026-02-20 falls
   * in 春节 (02-15..23), so it rolls over to 02-24 (not in custody, CPL 105); 李某 (neither measure) has none */
  assert_string_equal(measure_terms_of(db, id),
                      "bail_expiry#1[张某] 2025-02-20+12m=2026-02-24 open; "
                      "residential_expiry#1[王某] 2025-01-02+6m=2025-07-02 open");
  assert_string_equal(qs(db,
                         "SELECT warn_days || '|' || extra_days || '|' || provisional || '|' || prosecutor_id || '|'"
                         " || department_id || '|' || org_id || '|' || rule FROM deadline WHERE case_id = %lld",
                         (long long)id),
                      qs(db, "SELECT '5|0|0|%lld|%lld|%lld|刑事诉讼法第一百七十二条'", (long long)f->uPros1,
                         (long long)f->dFirst, (long long)f->orgA));

  /* exactly one audit row, with the case after and nothing before */
  assert_int_equal(qi(db, "SELECT count(*) FROM audit_log WHERE entity = 'case'"), 1);
  assert_string_equal(qs(db,
                         "SELECT action || '|' || entity_id || '|' || org_id || '|' || user_id || '|'"
                         " || coalesce(before_json, '-') || '|' || %s FROM audit_log WHERE entity = 'case'",
                         json_text(db, "after_json", "case_number")),
                      qs(db, "SELECT 'case.register|%lld|%lld|%lld|-|甲检刑诉受〔2025〕1号'", (long long)id,
                         (long long)f->orgA, (long long)f->uAnguan));
  int64_t bad = -1;
  char zWhy[200];
  assert_int_equal(audit_verify(db, &bad, zWhy, sizeof zWhy, NULL), 0);
}

static void test_register_in_custody_gives_a_custody_bound_review(void **state) {
  Fixture *f = *state;
  /* 审查起诉 of a detained suspect: custody-bound, so 04-05 stays though it is 清明 (DOMAIN 0.1(2)) */
  int64_t id = reg_simple(f, "prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "detained");
  assert_string_equal(deadlines_of(f->db, id), "review#1[张某] 2025-03-05+1m=2025-04-05 cb open");
  /* 审查批准逮捕 of a detained suspect: 7 days, custody-bound; warned 2 days ahead */
  id = reg_simple(f, "arrest_review", "2025-03-05", f->dFirst, f->uPros1, "detained");
  assert_string_equal(deadlines_of(f->db, id), "review#1[张某] 2025-03-05+7d=2025-03-12 cb open");
  assert_int_equal(qi(f->db, "SELECT warn_days FROM deadline WHERE case_id = %lld", (long long)id), 2);
  /* not detained: 15 days, moved off a rest day: 2025-03-14 + 15 = 03-29 (a Saturday), so 03-31 */
  id = reg_simple(f, "arrest_review", "2025-03-14", f->dFirst, f->uPros1, "bail");
  assert_string_equal(deadlines_of(f->db, id), "review#1[张某] 2025-03-14+15d=2025-03-31 open");
}

static void test_case_numbers_follow_the_sequence_and_the_org_format(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  int64_t c1 = reg_simple(f, "prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "bail");
  int64_t c2 = reg_simple(f, "prosecution_review", "2025-12-31", f->dFirst, f->uPros1, "bail");
  int64_t c3 = reg_simple(f, "arrest_review", "2025-06-04", f->dFirst, f->uPros1, "bail");
  int64_t c4 = reg_simple(f, "prosecution_review", "2026-01-05", f->dFirst, f->uPros1, "bail");
  /* organisation B has its own sequence */
  int64_t b1 = reg_json(db, &f->anguanB, &e,
                        jf("{\"case_type\":\"prosecution_review\",\"title\":\"乙案\",\"source_agency\":\"乙县公安局\","
                           "\"received_on\":\"2025-03-05\",\"department_id\":%lld,\"prosecutor_id\":%lld,"
                           "\"persons\":[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\","
                           "\"charges\":[\"theft\"]}]}",
                           (long long)f->dB, (long long)f->uProsB));
  assert_true(b1 > 0);
  const char *zNum = "SELECT case_number FROM case_record WHERE id = %lld";
  assert_string_equal(qs(db, zNum, (long long)c1), "甲检刑诉受〔2025〕1号");
  assert_string_equal(qs(db, zNum, (long long)c2), "甲检刑诉受〔2025〕2号");
  assert_string_equal(qs(db, zNum, (long long)c3), "甲检刑捕受〔2025〕1号");
  assert_string_equal(qs(db, zNum, (long long)c4), "甲检刑诉受〔2026〕1号");
  assert_string_equal(qs(db, zNum, (long long)b1), "乙检刑诉受〔2025〕1号");
  assert_string_equal(qs(db,
                         "SELECT group_concat(x, ';') FROM (SELECT org_id || '/' || year || '/' || case_type || '='"
                         " || last AS x FROM case_sequence ORDER BY org_id, year, case_type) AS t"),
                      qs(db,
                         "SELECT '%lld/2025/arrest_review=1;%lld/2025/prosecution_review=2;"
                         "%lld/2026/prosecution_review=1;%lld/2025/prosecution_review=1'",
                         (long long)f->orgA, (long long)f->orgA, (long long)f->orgA, (long long)f->orgB));

  /* the organisation's template and short name */
  exec_sql(db,
           "UPDATE org SET case_number_format = '{year}年{type}第{n}号（{short}）', short_name = '缙云'"
           " WHERE id = %lld",
           (long long)f->orgA);
  int64_t c5 = reg_simple(f, "prosecution_review", "2025-07-01", f->dFirst, f->uPros1, "bail");
  assert_string_equal(qs(db, zNum, (long long)c5), "2025年刑诉第3号（缙云）");
  int64_t c6 = reg_simple(f, "complaint_review", "2025-07-01", f->dFirst, f->uPros1, "bail");
  assert_string_equal(qs(db, zNum, (long long)c6), "2025年刑申第1号（缙云）");

  /* a template without {n} collides on the second case: 409, and the sequence increment is rolled back */
  exec_sql(db, "UPDATE org SET case_number_format = '{short}检固定号' WHERE id = %lld", (long long)f->orgA);
  int64_t c7 = reg_simple(f, "prosecution_review", "2025-07-02", f->dFirst, f->uPros1, "bail");
  assert_string_equal(qs(db, zNum, (long long)c7), "缙云检固定号");
  Snap before = snap(db);
  assert_int_equal(
      reg_json(db, &f->anguan, &e,
               jf("{\"case_type\":\"prosecution_review\",\"title\":\"重号\",\"source_agency\":\"甲县公安局\","
                  "\"received_on\":\"2025-07-03\",\"department_id\":%lld,\"prosecutor_id\":%lld,"
                  "\"persons\":[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"charges\":["
                  "\"theft\"]}]}",
                  (long long)f->dFirst, (long long)f->uPros1)),
      -1);
  assert_int_equal(e.status, 409);
  Snap after = snap(db);
  assert_snap_equal(&before, &after);
  assert_int_equal(qi(db,
                      "SELECT last FROM case_sequence WHERE org_id = %lld AND year = 2025 AND"
                      " case_type = 'prosecution_review'",
                      (long long)f->orgA),
                   4);
  assert_false(db_in_transaction(db));
}

static void test_rotation_takes_prosecutors_in_turn_and_skips_the_others(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  int64_t dept = mk_dept(db, f->orgA, "第三检察部", "criminal");
  /* created first, so they would win a tie on id if rotation did not skip them */
  int64_t clerk = mk_user(db, f->orgA, dept, "clerk3", "书记员三", "clerk");
  int64_t idle = mk_user(db, f->orgA, dept, "idle3", "停用检察官", "prosecutor");
  assert_int_equal(user_store_update(db, f->orgA, idle, "停用检察官", dept, 0, NOW), 0);
  int64_t asst = mk_user(db, f->orgA, dept, "asst3", "助理三", "assistant");
  int64_t r1 = mk_user(db, f->orgA, dept, "r1", "甲检察官", "prosecutor");
  int64_t r2 = mk_user(db, f->orgA, dept, "r2", "乙检察官", "prosecutor");
  int64_t r3 = mk_user(db, f->orgA, dept, "r3", "丙检察官", "prosecutor");
  /* a case elsewhere does not count for this department's turn */
  reg_simple(f, "prosecution_review", "2025-03-01", f->dFirst, f->uPros1, "bail");

  json_t *peek = NULL;
  assert_int_equal(cases_rotation_peek(db, &f->anguan, dept, &peek, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(peek, "prosecutor_id")), r1);
  assert_string_equal(json_string_value(json_object_get(peek, "name")), "甲检察官");
  json_decref(peek);

  const char *zRot =
      "{\"case_type\":\"prosecution_review\",\"title\":\"轮案\",\"source_agency\":\"甲县公安局\","
      "\"received_on\":\"2025-03-%02d\",\"department_id\":%lld,\"assign\":\"rotation\","
      "\"persons\":[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"charges\":[\"theft\"]}]"
      "}";
  int64_t aExpect[] = {r1, r2, r3, r1};
  int dayNo = 2;
  for (size_t i = 0; i < sizeof aExpect / sizeof aExpect[0]; i++) {
    int64_t id = reg_json(db, &f->anguan, &e, jf(zRot, dayNo++, (long long)dept));
    assert_true(id > 0);
    assert_int_equal(qi(db, "SELECT prosecutor_id FROM case_record WHERE id = %lld", (long long)id), aExpect[i]);
    assert_int_equal(qi(db, "SELECT department_id FROM case_record WHERE id = %lld", (long long)id), dept);
    assert_string_equal(
        qs(db, "SELECT %s FROM case_event WHERE case_id = %lld", json_text(db, "data", "assign"), (long long)id),
        "rotation");
  }
  /* a case given to r2 by hand counts as r2's most recent one: r3 (oldest) is next */
  reg_simple(f, "prosecution_review", "2025-03-10", dept, r2, "bail");
  int64_t id = reg_json(db, &f->anguan, &e, jf(zRot, 11, (long long)dept));
  assert_int_equal(qi(db, "SELECT prosecutor_id FROM case_record WHERE id = %lld", (long long)id), r3);
  /* a new prosecutor, never assigned, comes first */
  int64_t r4 = mk_user(db, f->orgA, dept, "r4", "丁检察官", "prosecutor");
  id = reg_json(db, &f->anguan, &e, jf(zRot, 12, (long long)dept));
  assert_int_equal(qi(db, "SELECT prosecutor_id FROM case_record WHERE id = %lld", (long long)id), r4);
  /* then the oldest again: r1 (last had case 4 of this department) */
  id = reg_json(db, &f->anguan, &e, jf(zRot, 13, (long long)dept));
  assert_int_equal(qi(db, "SELECT prosecutor_id FROM case_record WHERE id = %lld", (long long)id), r1);
  /* a prosecutor made inactive drops out of the turn */
  assert_int_equal(user_store_update(db, f->orgA, r2, "乙检察官", dept, 0, NOW), 0);
  id = reg_json(db, &f->anguan, &e, jf(zRot, 14, (long long)dept));
  assert_int_equal(qi(db, "SELECT prosecutor_id FROM case_record WHERE id = %lld", (long long)id), r3);
  /* the clerk, the inactive prosecutor and the assistant never got a case */
  assert_int_equal(qi(db, "SELECT count(*) FROM case_record WHERE prosecutor_id IN (%lld, %lld, %lld)",
                      (long long)clerk, (long long)idle, (long long)asst),
                   0);

  /* a department where nobody can take cases: refused, nothing written */
  Snap before = snap(db);
  assert_int_equal(reg_json(db, &f->anguan, &e, jf(zRot, 15, (long long)f->dOffice)), -1);
  assert_int_equal(e.status, 400);
  assert_string_equal(e.field, "assign");
  assert_int_equal(cases_rotation_peek(db, &f->anguan, f->dOffice, &peek, &e), -1);
  assert_int_equal(e.status, 404);
  Snap after = snap(db);
  assert_snap_equal(&before, &after);
}

/* ---- fast track -------------------------------------------------------------------------------------------- */

/* Registers a prosecution review by hand to the first department with the given persons array. */
static int64_t reg_pr_persons(Fixture *f, const char *zType, const char *zPersons) {
  JwErr e;
  int64_t id = reg_json(f->db, &f->anguan, &e,
                        jf("{\"case_type\":\"%s\",\"title\":\"轻案\",\"source_agency\":\"甲县公安局\","
                           "\"received_on\":\"2025-03-05\",\"department_id\":%lld,\"prosecutor_id\":%lld,"
                           "\"assign\":\"manual\",\"persons\":%s}",
                           zType, (long long)f->dFirst, (long long)f->uPros1, zPersons));
  if (id < 0) fail_msg("register failed: %d %s %s", e.status, e.field, e.message);
  return id;
}

static void put_fast_track(Fixture *f, int enabled, const char *zMax) {
  JwErr e;
  json_t *out = NULL, *in =
                          jf("{\"enabled\":%s,\"department_id\":%lld,\"charges\":[\"dangerous_driving\",\"theft\"],"
                             "\"max_sentence_band\":\"%s\"}",
                             enabled ? "true" : "false", (long long)f->dFast, zMax);
  assert_int_equal(cases_fast_track_put(f->db, &f->anguan, in, &out, &e), 0);
  assert_true(json_equal(in, out));
  json_decref(in);
  json_decref(out);
}

static void assert_not_routed(Fixture *f, int64_t id) {
  assert_string_equal(qs(f->db,
                         "SELECT department_id || '|' || prosecutor_id || '|' || summary_procedure"
                         " FROM case_record WHERE id = %lld",
                         (long long)id),
                      qs(f->db, "SELECT '%lld|%lld|0'", (long long)f->dFirst, (long long)f->uPros1));
  /* every person's review period is the ordinary month (one row per person) */
  assert_int_equal(qi(f->db,
                      "SELECT count(*) FROM deadline WHERE case_id = %lld AND kind <> 'bail_expiry'"
                      " AND (kind <> 'review' OR length <> '1m'"
                      " OR due_on <> '2025-04-07' OR status <> 'open')",
                      (long long)id),
                   0);
  assert_true(qi(f->db, "SELECT count(*) FROM deadline WHERE case_id = %lld", (long long)id) >= 1);
  assert_string_equal(
      qs(f->db, "SELECT data FROM case_event WHERE case_id = %lld AND kind = 'register'", (long long)id),
      "{\"assign\":\"manual\",\"fast_track\":false,\"summary_procedure\":false}");
}

static void test_fast_track_routes_matching_prosecution_reviews(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  /* the default rule is disabled: nothing is routed */
  json_t *rule = cases_fast_track_get(db, &f->anguan);
  assert_false(json_is_true(json_object_get(rule, "enabled")));
  json_decref(rule);
  const char *zLight =
      "[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"plea\":true,\"sentence_band\":"
      "\"under_1y\","
      "\"charges\":[\"dangerous_driving\"]}]";
  assert_not_routed(f, reg_pr_persons(f, "prosecution_review", zLight));

  put_fast_track(f, 1, "1_3y");
  assert_int_equal(qi(db, "SELECT count(*) FROM audit_log WHERE action = 'setting.fast_track'"), 1);
  /* match, sentence at most 1 year: 速裁 10 days; 03-15 is a Saturday, so 03-17; rotation inside the team */
  int64_t m1 = reg_pr_persons(f, "prosecution_review", zLight);
  assert_string_equal(qs(db,
                         "SELECT department_id || '|' || prosecutor_id || '|' || summary_procedure"
                         " FROM case_record WHERE id = %lld",
                         (long long)m1),
                      qs(db, "SELECT '%lld|%lld|1'", (long long)f->dFast, (long long)f->uFast1));
  assert_string_equal(deadlines_of(db, m1), "review#1[张某] 2025-03-05+10d=2025-03-17 open");
  assert_string_equal(qs(db, "SELECT data FROM case_event WHERE case_id = %lld AND kind = 'register'", (long long)m1),
                      "{\"assign\":\"rotation\",\"fast_track\":true,\"summary_procedure\":true}");
  assert_string_equal(qs(db, "SELECT department_id FROM deadline WHERE case_id = %lld", (long long)m1),
                      qs(db, "SELECT '%lld'", (long long)f->dFast));
  /* two persons, all pleading, all charges listed, one likely sentence over 1 year: 15 days in total */
  int64_t m2 = reg_pr_persons(f, "prosecution_review",
                              "[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"plea\":true,"
                              "\"sentence_band\":\"fine_only\","
                              "\"charges\":[\"dangerous_driving\"]},{\"name\":\"李某\",\"custody\":\"bail\",\"custody_"
                              "since\":\"2025-01-02\",\"plea\":true,"
                              "\"sentence_band\":\"1_3y\",\"charges\":[\"theft\",\"dangerous_driving\"]}]");
  assert_string_equal(qs(db,
                         "SELECT department_id || '|' || prosecutor_id || '|' || summary_procedure"
                         " FROM case_record WHERE id = %lld",
                         (long long)m2),
                      qs(db, "SELECT '%lld|%lld|1'", (long long)f->dFast, (long long)f->uFast2));
  assert_string_equal(deadlines_of(db, m2),
                      "review#1[张某] 2025-03-05+15d=2025-03-20 open; review#1[李某] 2025-03-05+15d=2025-03-20 open");

  /* not routed: one person without a plea */
  assert_not_routed(
      f,
      reg_pr_persons(
          f, "prosecution_review",
          "[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"plea\":true,\"sentence_band\":"
          "\"under_1y\",\"charges\":[\"theft\"]},{\"name\":\"李某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-"
          "02\","
          "\"plea\":false,\"sentence_band\":\"under_1y\",\"charges\":[\"theft\"]}]"));
  /* not routed: a charge not in the rule's list */
  assert_not_routed(
      f,
      reg_pr_persons(
          f, "prosecution_review",
          "[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"plea\":true,\"sentence_band\":"
          "\"under_1y\",\"charges\":[\"theft\",\"fraud\"]}]"));
  /* not routed: likely sentence above the maximum (3 to 10 years) */
  assert_not_routed(
      f,
      reg_pr_persons(
          f, "prosecution_review",
          "[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"plea\":true,\"sentence_band\":"
          "\"3_10y\",\"charges\":[\"theft\"]}]"));
  /* not routed: no likely sentence given */
  assert_not_routed(
      f, reg_pr_persons(f, "prosecution_review",
                        "[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"plea\":true,"
                        "\"charges\":[\"theft\"]}]"));
  /* not routed: another case type */
  int64_t ar = reg_pr_persons(f, "arrest_review", zLight);
  assert_int_equal(qi(db, "SELECT department_id FROM case_record WHERE id = %lld", (long long)ar), f->dFirst);
  assert_int_equal(qi(db, "SELECT summary_procedure FROM case_record WHERE id = %lld", (long long)ar), 0);

  /* a lower maximum: 1 to 3 years is now above it */
  put_fast_track(f, 1, "under_1y");
  assert_not_routed(
      f,
      reg_pr_persons(
          f, "prosecution_review",
          "[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"plea\":true,\"sentence_band\":"
          "\"1_3y\",\"charges\":[\"theft\"]}]"));
  int64_t m3 = reg_pr_persons(f, "prosecution_review", zLight);
  assert_int_equal(qi(db, "SELECT summary_procedure FROM case_record WHERE id = %lld", (long long)m3), 1);
  assert_int_equal(qi(db, "SELECT department_id FROM case_record WHERE id = %lld", (long long)m3), f->dFast);
  /* disabled again: nothing routed */
  put_fast_track(f, 0, "1_3y");
  assert_not_routed(f, reg_pr_persons(f, "prosecution_review", zLight));
}

/* ---- nothing written on error ------------------------------------------------------------------------------ */

static void test_register_errors_write_nothing(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  /* one good case first, so the sequence table has a row whose value must not move */
  reg_simple(f, "prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "bail");
  Snap before = snap(db);
  const char *zHead =
      "{\"case_type\":\"%s\",\"title\":\"错误案\",\"source_agency\":\"甲县公安局\","
      "\"received_on\":\"%s\",\"department_id\":%lld,\"prosecutor_id\":%lld%s,\"persons\":%s}";
  const char *zOne =
      "[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"charges\":[\"theft\"]}]";

  struct {
    const char *zType, *zReceived;
    int64_t dept, pros;
    const char *zExtra, *zPersons;
    int status;
    const char *zField;
  } bad[] = {
      /* invalid ID number (check character) */
      {"prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "",
       "[{\"name\":\"张某\",\"id_number\":\"110105194912310021\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\","
       "\"charges\":[\"theft\"]}]",
       400, "persons.0.id_number"},
      /* unknown charge */
      {"prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "",
       "[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"charges\":[\"theft\",\"no_such_"
       "charge\"]}]",
       400, "persons.0.charges"},
      /* the same person twice: the 15-digit and the 18-digit (lower-case x) forms of one number */
      {"prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "",
       "[{\"name\":\"张某\",\"id_number\":\"110105491231002\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\","
       "\"charges\":[\"theft\"]},"
       "{\"name\":\"张三\",\"id_number\":\"11010519491231002x\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\","
       "\"charges\":[\"theft\"]}]",
       400, "persons.1.id_number"},
      /* the same name twice, neither with an ID number */
      {"prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "",
       "[{\"name\":\"王某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"charges\":[\"theft\"]},"
       "{\"name\":\"李某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"charges\":[\"theft\"]},"
       "{\"name\":\"王某\",\"custody\":\"none\",\"charges\":[\"fraud\"]}]",
       400, "persons.2.name"},
      /* impossible date */
      {"prosecution_review", "2025-02-30", f->dFirst, f->uPros1, "", zOne, 400, "received_on"},
      /* receipt in the future */
      {"prosecution_review", "2099-01-01", f->dFirst, f->uPros1, "", zOne, 400, "received_on"},
      /* custody since a future day */
      {"prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "",
       "[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2099-01-01\",\"charges\":[\"theft\"]}]", 400,
       "persons.0.custody_since"},
      /* unknown department; a department of another organisation */
      {"prosecution_review", "2025-03-05", 9999, f->uPros1, "", zOne, 400, "department_id"},
      {"prosecution_review", "2025-03-05", f->dB, f->uPros1, "", zOne, 400, "department_id"},
      /* prosecutor who is a clerk; who is of another organisation; who does not exist */
      {"prosecution_review", "2025-03-05", f->dFirst, f->uClerk, "", zOne, 400, "prosecutor_id"},
      {"prosecution_review", "2025-03-05", f->dFirst, f->uProsB, "", zOne, 400, "prosecutor_id"},
      {"prosecution_review", "2025-03-05", f->dFirst, 9999, "", zOne, 400, "prosecutor_id"},
      /* prior returns on a type that has no 退回补充侦查 */
      {"arrest_review", "2025-03-05", f->dFirst, f->uPros1, ",\"prior_returns\":1", zOne, 400, "prior_returns"},
      /* more prior returns than the law allows */
      {"prosecution_review", "2025-03-05", f->dFirst, f->uPros1, ",\"prior_returns\":3", zOne, 400, "prior_returns"},
      /* unknown case type; unknown field; unknown custody; bad assign */
      {"no_such_type", "2025-03-05", f->dFirst, f->uPros1, "", zOne, 400, "case_type"},
      {"prosecution_review", "2025-03-05", f->dFirst, f->uPros1, ",\"urgent\":true", zOne, 400, "urgent"},
      {"prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "",
       "[{\"name\":\"张某\",\"custody\":\"jail\",\"charges\":[\"theft\"]}]", 400, "persons.0.custody"},
      {"prosecution_review", "2025-03-05", f->dFirst, f->uPros1, ",\"assign\":\"lottery\"", zOne, 400, "assign"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    json_t *in = jf(zHead, bad[i].zType, bad[i].zReceived, (long long)bad[i].dept, (long long)bad[i].pros,
                    bad[i].zExtra, bad[i].zPersons);
    memset(&e, 0, sizeof e);
    int64_t id = reg_json(db, &f->anguan, &e, in);
    if (id != -1 || e.status != bad[i].status || strcmp(e.field, bad[i].zField) != 0) {
      fail_msg("bad input %zu: id %lld, status %d, field '%s' (expected %d '%s'): %s", i, (long long)id, e.status,
               e.field, bad[i].status, bad[i].zField, e.message);
    }
    assert_false(db_in_transaction(db));
    assert_int_equal(db_busy_statements(db), 0);
    Snap after = snap(db);
    assert_snap_equal(&before, &after);
  }
}

/* ---- the 审查起诉 story ------------------------------------------------------------------------------------- */

static void assert_history(Db *db, int64_t caseId, int nReturns, const char *zRet0, const char *zSub0,
                           const char *zRet1, const char *zSub1) {
  CaseHistory h;
  assert_int_equal(case_store_history(db, caseId, &h), 0);
  assert_int_equal(h.nReturns, nReturns);
  assert_string_equal(day(h.aReturn[0]), zRet0);
  assert_string_equal(day(h.aResubmit[0]), zSub0);
  assert_string_equal(day(h.aReturn[1]), zRet1);
  assert_string_equal(day(h.aResubmit[1]), zSub1);
  assert_int_equal(h.aExtended[0] + h.aExtended[1] + h.aExtended[2], 0);
  assert_int_equal(h.transferredOn, 0);
}

static const char *status_of(Db *db, int64_t id) {
  return qs(db,
            "SELECT status || '|' || coalesce(concluded_on, '-') || '|' || coalesce(archived_on, '-')"
            " FROM case_record WHERE id = %lld",
            (long long)id);
}

static void test_prosecution_review_story(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  const Actor *p = &f->pros1;
  int64_t id =
      reg_json(db, &f->anguan, &e,
               jf("{\"case_type\":\"prosecution_review\",\"title\":\"甲某等诈骗案\",\"source_agency\":"
                  "\"甲县公安局\",\"received_on\":\"2025-03-03\",\"department_id\":%lld,\"prosecutor_id\":%lld,"
                  "\"persons\":[{\"name\":\"甲某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"charges\":["
                  "\"fraud\"]},"
                  "{\"name\":\"乙某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"charges\":[\"fraud\"]}]}",
                  (long long)f->dFirst, (long long)f->uPros1));
  assert_true(id > 0);
  int64_t pA = person_id(db, id, "甲某"), pB = person_id(db, id, "乙某");
  assert_string_equal(deadlines_of(db, id),
                      "review#1[甲某] 2025-03-03+1m=2025-04-03 open; review#1[乙某] 2025-03-03+1m=2025-04-03 open");
  assert_history(db, id, 0, "0", "0", "0", "0");

  /* first return: the review clock stops, the police get a month (04-20 is a Sunday: 04-21) */
  ev_ok(f, p, id, jf("{\"kind\":\"return\",\"on\":\"2025-03-20\",\"reason\":\"事实不清\"}"));
  assert_string_equal(status_of(db, id), "returned|-|-");
  assert_string_equal(deadlines_of(db, id),
                      "review#1[甲某] 2025-03-03+1m=2025-04-03 closed 2025-03-20; review#1[乙某] "
                      "2025-03-03+1m=2025-04-03 closed 2025-03-20; supplementary#1 2025-03-20+1m=2025-04-21 open");
  assert_history(db, id, 1, "2025-03-20", "0", "0", "0");
  /* a decision while returned is refused */
  assert_int_equal(ev(db, p, id, &e,
                      jf("{\"kind\":\"decide\",\"on\":\"2025-03-25\",\"person_id\":%lld,"
                         "\"decision\":\"prosecute\"}",
                         (long long)pA)),
                   -1);
  assert_int_equal(e.status, 409);

  /* resubmission: a new full month from zero */
  ev_ok(f, p, id, jf("{\"kind\":\"resubmit\",\"on\":\"2025-04-15\"}"));
  assert_string_equal(status_of(db, id), "under_review|-|-");
  assert_string_equal(
      deadlines_of(db, id),
      "review#1[甲某] 2025-03-03+1m=2025-04-03 closed 2025-03-20; review#1[乙某] 2025-03-03+1m=2025-04-03 closed "
      "2025-03-20; review#2[甲某] 2025-04-15+1m=2025-05-15 open; review#2[乙某] 2025-04-15+1m=2025-05-15 open; "
      "supplementary#1 2025-03-20+1m=2025-04-21 closed 2025-04-15");
  assert_history(db, id, 1, "2025-03-20", "2025-04-15", "0", "0");
  json_t *c = NULL;
  assert_int_equal(cases_get(db, p, id, &c, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(c, "returns")), 1);
  assert_string_equal(json_string_value(json_object_get(c, "clock_start")), "2025-04-15");
  json_decref(c);

  /* second return and resubmission */
  ev_ok(f, p, id, jf("{\"kind\":\"return\",\"on\":\"2025-05-06\",\"reason\":\"证据不足\"}"));
  assert_string_equal(deadlines_of(db, id),
                      "review#1[甲某] 2025-03-03+1m=2025-04-03 closed 2025-03-20; review#1[乙某] "
                      "2025-03-03+1m=2025-04-03 closed 2025-03-20; review#2[甲某] 2025-04-15+1m=2025-05-15 closed "
                      "2025-05-06; review#2[乙某] 2025-04-15+1m=2025-05-15 closed 2025-05-06; supplementary#1 "
                      "2025-03-20+1m=2025-04-21 closed 2025-04-15; supplementary#2 2025-05-06+1m=2025-06-06 open");
  assert_history(db, id, 2, "2025-03-20", "2025-04-15", "2025-05-06", "0");
  ev_ok(f, p, id, jf("{\"kind\":\"resubmit\",\"on\":\"2025-05-26\",\"reason\":\"补充侦查完毕\"}"));
  const char *zAfterSecond =
      "review#1[甲某] 2025-03-03+1m=2025-04-03 closed 2025-03-20; review#1[乙某] 2025-03-03+1m=2025-04-03 closed "
      "2025-03-20; review#2[甲某] 2025-04-15+1m=2025-05-15 closed 2025-05-06; review#2[乙某] 2025-04-15+1m=2025-05-15 "
      "closed 2025-05-06; review#3[甲某] 2025-05-26+1m=2025-06-26 open; review#3[乙某] 2025-05-26+1m=2025-06-26 open; "
      "supplementary#1 2025-03-20+1m=2025-04-21 closed 2025-04-15; "
      "supplementary#2 2025-05-06+1m=2025-06-06 closed 2025-05-26";
  assert_string_equal(deadlines_of(db, id), zAfterSecond);
  assert_history(db, id, 2, "2025-03-20", "2025-04-15", "2025-05-06", "2025-05-26");

  /* a third return is refused (CPL 175(3)) and writes nothing */
  Snap before = snap(db);
  assert_int_equal(ev(db, p, id, &e, jf("{\"kind\":\"return\",\"on\":\"2025-06-03\",\"reason\":\"再次退回\"}")), -1);
  assert_int_equal(e.status, 409);
  assert_string_equal(e.code, "conflict");
  assert_non_null(strstr(e.message, "两次"));
  assert_false(db_in_transaction(db));
  Snap after = snap(db);
  assert_snap_equal(&before, &after);
  assert_string_equal(status_of(db, id), "under_review|-|-");
  assert_string_equal(deadlines_of(db, id), zAfterSecond);

  /* 不起诉 needs its type */
  assert_int_equal(ev(db, p, id, &e,
                      jf("{\"kind\":\"decide\",\"on\":\"2025-06-10\",\"person_id\":%lld,"
                         "\"decision\":\"non_prosecution\"}",
                         (long long)pA)),
                   -1);
  assert_string_equal(e.field, "non_prosecution_type");
  /* first person: 酌定不诉 on 06-10; the case stays under review */
  ev_ok(f, p, id,
        jf("{\"kind\":\"decide\",\"on\":\"2025-06-10\",\"person_id\":%lld,\"decision\":\"non_prosecution\","
           "\"non_prosecution_type\":\"discretionary\",\"reason\":\"犯罪情节轻微\"}",
           (long long)pA));
  assert_string_equal(qs(db,
                         "SELECT decision || '|' || non_prosecution_type || '|' || decision_on FROM case_person"
                         " WHERE id = %lld",
                         (long long)pA),
                      "non_prosecution|discretionary|2025-06-10");
  assert_string_equal(status_of(db, id), "under_review|-|-");
  /* 甲某's review period is met on 06-10 (a decided person no longer binds the others, DOMAIN 1.2); 乙某's runs on;
   * the 不起诉 opens the victim's 7 days (CPL 180) and, for 酌定不诉, 甲某's own (CPL 181): long run by today, so
   * written closed on their due day (they lapse, DOMAIN: a party's period is never overdue) */
  assert_string_equal(
      deadlines_of(db, id),
      "complaint_suspect#1[甲某] 2025-06-10+7d=2025-06-17 closed 2025-06-17; complaint_victim#1[甲某] "
      "2025-06-10+7d=2025-06-17 closed 2025-06-17; review#1[甲某] 2025-03-03+1m=2025-04-03 closed 2025-03-20; "
      "review#1[乙某] 2025-03-03+1m=2025-04-03 closed 2025-03-20; review#2[甲某] 2025-04-15+1m=2025-05-15 closed "
      "2025-05-06; review#2[乙某] 2025-04-15+1m=2025-05-15 closed 2025-05-06; review#3[甲某] 2025-05-26+1m=2025-06-26 "
      "closed 2025-06-10; review#3[乙某] 2025-05-26+1m=2025-06-26 open; supplementary#1 2025-03-20+1m=2025-04-21 "
      "closed 2025-04-15; supplementary#2 2025-05-06+1m=2025-06-06 closed 2025-05-26");
  /* the same person cannot be decided twice */
  assert_int_equal(ev(db, p, id, &e,
                      jf("{\"kind\":\"decide\",\"on\":\"2025-06-11\",\"person_id\":%lld,"
                         "\"decision\":\"prosecute\"}",
                         (long long)pA)),
                   -1);
  assert_int_equal(e.status, 409);
  /* second person decided on an earlier day, recorded later: concluded on the latest decision day, 06-10 */
  ev_ok(f, p, id,
        jf("{\"kind\":\"decide\",\"on\":\"2025-06-05\",\"person_id\":%lld,\"decision\":\"prosecute\"}", (long long)pB));
  assert_string_equal(qs(db,
                         "SELECT decision || '|' || coalesce(non_prosecution_type, '-') || '|' || decision_on"
                         " FROM case_person WHERE id = %lld",
                         (long long)pB),
                      "prosecute|-|2025-06-05");
  assert_string_equal(status_of(db, id), "concluded|2025-06-10|-");
  assert_string_equal(
      deadlines_of(db, id),
      "archiving#1 2025-06-10+1m=2025-07-10 open; complaint_suspect#1[甲某] 2025-06-10+7d=2025-06-17 closed "
      "2025-06-17; complaint_victim#1[甲某] 2025-06-10+7d=2025-06-17 closed 2025-06-17; review#1[甲某] "
      "2025-03-03+1m=2025-04-03 closed 2025-03-20; review#1[乙某] 2025-03-03+1m=2025-04-03 closed 2025-03-20; "
      "review#2[甲某] 2025-04-15+1m=2025-05-15 closed 2025-05-06; review#2[乙某] 2025-04-15+1m=2025-05-15 closed "
      "2025-05-06; review#3[甲某] 2025-05-26+1m=2025-06-26 closed 2025-06-10; review#3[乙某] 2025-05-26+1m=2025-06-26 "
      "closed 2025-06-05; supplementary#1 2025-03-20+1m=2025-04-21 closed 2025-04-15; supplementary#2 "
      "2025-05-06+1m=2025-06-06 closed 2025-05-26");
  /* archiving before the conclusion is refused; on 07-01 it is done */
  assert_int_equal(ev(db, p, id, &e, jf("{\"kind\":\"archive\",\"on\":\"2025-06-09\"}")), -1);
  assert_int_equal(e.status, 409);
  ev_ok(f, p, id, jf("{\"kind\":\"archive\",\"on\":\"2025-07-01\"}"));
  assert_string_equal(status_of(db, id), "archived|2025-06-10|2025-07-01");
  assert_string_equal(
      deadlines_of(db, id),
      "archiving#1 2025-06-10+1m=2025-07-10 closed 2025-07-01; complaint_suspect#1[甲某] 2025-06-10+7d=2025-06-17 "
      "closed 2025-06-17; complaint_victim#1[甲某] 2025-06-10+7d=2025-06-17 closed 2025-06-17; review#1[甲某] "
      "2025-03-03+1m=2025-04-03 closed "
      "2025-03-20; review#1[乙某] 2025-03-03+1m=2025-04-03 closed 2025-03-20; review#2[甲某] 2025-04-15+1m=2025-05-15 "
      "closed 2025-05-06; review#2[乙某] 2025-04-15+1m=2025-05-15 closed 2025-05-06; review#3[甲某] "
      "2025-05-26+1m=2025-06-26 closed 2025-06-10; review#3[乙某] 2025-05-26+1m=2025-06-26 closed 2025-06-05; "
      "supplementary#1 2025-03-20+1m=2025-04-21 closed 2025-04-15; supplementary#2 2025-05-06+1m=2025-06-06 closed "
      "2025-05-26");
  /* nothing of the case is left running; the parties' complaint periods lapse by themselves */
  assert_int_equal(qi(db,
                      "SELECT count(*) FROM deadline WHERE case_id = %lld AND entity_kind = 'case' AND status = 'open'"
                      " AND lapses = 0",
                      (long long)id),
                   0);
  /* linkage (issue 10): the 不起诉 of 甲某 on 06-10 opened 甲某's 行刑衔接 item in the same transaction, with its
   * transfer period (3 working days: 06-13) on the case's prosecutor; 乙某 (prosecuted) has none */
  assert_string_equal(
      qs(db,
         "SELECT l.state || '|' || l.decision_on || '|' || d.due_on || '|' || d.status FROM linkage_item l"
         " JOIN deadline d ON d.entity_kind = 'linkage' AND d.entity_id = l.id"
         " AND d.kind = 'linkage_transfer' WHERE l.person_id = %lld",
         (long long)pA),
      "pending_transfer|2025-06-10|2025-06-13|open");
  assert_int_equal(qi(db, "SELECT count(*) FROM linkage_item WHERE person_id = %lld", (long long)pB), 0);
  assert_history(db, id, 2, "2025-03-20", "2025-04-15", "2025-05-06", "2025-05-26");

  /* the timeline and the audit trail: one row per accepted step, none for the refused ones */
  assert_string_equal(qs(db,
                         "SELECT group_concat(kind || ' ' || on_date, ', ') FROM (SELECT kind, on_date"
                         " FROM case_event WHERE case_id = %lld ORDER BY id) AS t",
                         (long long)id),
                      "register 2025-03-03, return 2025-03-20, resubmit 2025-04-15, return 2025-05-06, "
                      "resubmit 2025-05-26, decide 2025-06-10, decide 2025-06-05, archive 2025-07-01");
  assert_string_equal(qs(db,
                         "SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log"
                         " WHERE entity = 'case' AND entity_id = '%lld' ORDER BY id) AS t",
                         (long long)id),
                      "case.register,case.return,case.resubmit,case.return,case.resubmit,case.decide,case.decide,"
                      "case.archive");
  int64_t bad = -1;
  char zWhy[200];
  assert_int_equal(audit_verify(db, &bad, zWhy, sizeof zWhy, NULL), 0);
  /* an archived case takes no more events */
  assert_int_equal(ev(db, p, id, &e, jf("{\"kind\":\"self_investigation\",\"on\":\"2025-07-02\",\"reason\":\"x\"}")),
                   -1);
  assert_int_equal(e.status, 409);
}

static void test_extension_is_available_again_after_resubmission(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  int64_t id = reg_simple(f, "prosecution_review", "2025-03-03", f->dFirst, f->uPros1, "bail");
  /* not major/complex: refused */
  assert_int_equal(ev(db, &f->pros1, id, &e, jf("{\"kind\":\"extend\",\"on\":\"2025-03-20\",\"reason\":\"复杂\"}")),
                   -1);
  assert_int_equal(e.status, 409);
  json_t *out = NULL, *in = jf("{\"major_complex\":true}");
  assert_int_equal(cases_update(db, &f->pros1, id, in, &out, &e), 0);
  json_decref(in);
  json_decref(out);
  ev_ok(f, &f->pros1, id, jf("{\"kind\":\"extend\",\"on\":\"2025-03-20\",\"reason\":\"案情复杂\"}"));
  /* 04-03 + 15 days = 04-18 (Friday) */
  assert_string_equal(deadlines_of(db, id), "review#1[张某] 2025-03-03+1m+15d=2025-04-18 open");
  assert_int_equal(ev(db, &f->pros1, id, &e, jf("{\"kind\":\"extend\",\"on\":\"2025-03-21\",\"reason\":\"再延\"}")),
                   -1);
  assert_int_equal(e.status, 409);
  ev_ok(f, &f->pros1, id, jf("{\"kind\":\"return\",\"on\":\"2025-03-25\",\"reason\":\"退补\"}"));
  ev_ok(f, &f->pros1, id, jf("{\"kind\":\"resubmit\",\"on\":\"2025-04-10\"}"));
  ev_ok(f, &f->pros1, id, jf("{\"kind\":\"extend\",\"on\":\"2025-04-20\",\"reason\":\"案情复杂\"}"));
  CaseHistory h;
  assert_int_equal(case_store_history(db, id, &h), 0);
  assert_int_equal(h.nReturns, 1);
  assert_int_equal(h.aExtendedSet[0], 1);
  assert_int_equal(h.aExtendedSet[1], 1);
  /* 04-10 + 1 month = 05-10, + 15 days = 05-25 (a Sunday), so 05-26 */
  assert_string_equal(deadlines_of(db, id),
                      "review#1[张某] 2025-03-03+1m+15d=2025-04-18 closed 2025-03-25; review#2[张某] "
                      "2025-04-10+1m+15d=2025-05-26 open; supplementary#1 2025-03-25+1m=2025-04-25 closed 2025-04-10");
}

/* ---- custody ----------------------------------------------------------------------------------------------- */

static void test_approve_arrest_makes_the_person_arrested(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  int64_t id = reg_simple(f, "arrest_review", "2025-06-04", f->dFirst, f->uPros1, "bail");
  int64_t pid = person_id(db, id, "张某");
  /* not detained: 15 days (06-19, a Thursday) */
  assert_string_equal(deadlines_of(db, id), "review#1[张某] 2025-06-04+15d=2025-06-19 open");
  ev_ok(f, &f->pros1, id,
        jf("{\"kind\":\"decide\",\"on\":\"2025-06-13\",\"person_id\":%lld,\"decision\":\"approve_arrest\"}",
           (long long)pid));
  assert_string_equal(qs(db,
                         "SELECT custody || '|' || custody_since || '|' || decision || '|' || decision_on"
                         " FROM case_person WHERE id = %lld",
                         (long long)pid),
                      "arrested|2025-06-13|approve_arrest|2025-06-13");
  assert_string_equal(status_of(db, id), "concluded|2025-06-13|-");
  json_t *c = NULL;
  JwErr e;
  assert_int_equal(cases_get(db, &f->pros1, id, &c, &e), 0);
  assert_true(json_is_true(json_object_get(json_array_get(json_object_get(c, "persons"), 0), "in_custody")));
  json_decref(c);
  /* a rejected arrest leaves custody alone */
  int64_t id2 = reg_simple(f, "arrest_review", "2025-06-04", f->dFirst, f->uPros1, "bail");
  ev_ok(f, &f->pros1, id2,
        jf("{\"kind\":\"decide\",\"on\":\"2025-06-13\",\"person_id\":%lld,\"decision\":\"reject_arrest\"}",
           (long long)person_id(db, id2, "张某")));
  assert_string_equal(qs(db, "SELECT custody FROM case_person WHERE case_id = %lld", (long long)id2), "bail");
  /* a prosecution decision is not allowed on an arrest review */
  int64_t id3 = reg_simple(f, "arrest_review", "2025-06-04", f->dFirst, f->uPros1, "bail");
  assert_int_equal(ev(db, &f->pros1, id3, &e,
                      jf("{\"kind\":\"decide\",\"on\":\"2025-06-13\",\"person_id\":%lld,\"decision\":\"prosecute\"}",
                         (long long)person_id(db, id3, "张某"))),
                   -1);
  assert_string_equal(e.field, "decision");
}

static void test_approve_arrest_keeps_the_review_period_the_suspect_had(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  /* The review ran while the suspect was on bail: 15 days, not custody-bound, met on 06-13. The arrest that follows
   * the approval does not turn that finished period into a 7-day custody-bound one (DOMAIN 0.1(6): custody is
   * evaluated at the time), which would make it look late (due 06-11, closed 06-13). */
  int64_t id = reg_simple(f, "arrest_review", "2025-06-04", f->dFirst, f->uPros1, "bail");
  ev_ok(f, &f->pros1, id,
        jf("{\"kind\":\"decide\",\"on\":\"2025-06-13\",\"person_id\":%lld,\"decision\":\"approve_arrest\"}",
           (long long)person_id(db, id, "张某")));
  /* archiving: 07-13 is a Sunday, so 07-14 */
  assert_string_equal(deadlines_of(db, id),
                      "archiving#1 2025-06-13+1m=2025-07-14 open; "
                      "review#1[张某] 2025-06-04+15d=2025-06-19 closed 2025-06-13");
}

static void test_custody_change_makes_the_open_review_custody_bound(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  int64_t id = reg_simple(f, "prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "bail");
  int64_t pid = person_id(db, id, "张某");
  assert_string_equal(deadlines_of(db, id), "review#1[张某] 2025-03-05+1m=2025-04-07 open");
  /* arrested: the period becomes custody-bound and ends on 04-05 though it is 清明 (CPL 105(4)) */
  ev_ok(
      f, &f->pros1, id,
      jf("{\"kind\":\"custody\",\"on\":\"2025-03-10\",\"person_id\":%lld,\"custody\":\"arrested\",\"reason\":\"逮捕\"}",
         (long long)pid));
  assert_string_equal(qs(db, "SELECT custody || '|' || custody_since FROM case_person WHERE id = %lld", (long long)pid),
                      "arrested|2025-03-10");
  assert_string_equal(deadlines_of(db, id), "review#1[张某] 2025-03-05+1m=2025-04-05 cb open");
  assert_string_equal(status_of(db, id), "under_review|-|-");
  /* released on bail again: back to the moved due day */
  ev_ok(f, &f->pros1, id,
        jf("{\"kind\":\"custody\",\"on\":\"2025-03-20\",\"person_id\":%lld,\"custody\":\"bail\"}", (long long)pid));
  assert_string_equal(deadlines_of(db, id), "review#1[张某] 2025-03-05+1m=2025-04-07 open");
  /* a person of another case is refused */
  int64_t other = reg_simple(f, "prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "bail");
  JwErr e;
  assert_int_equal(ev(db, &f->pros1, id, &e,
                      jf("{\"kind\":\"custody\",\"on\":\"2025-03-21\",\"person_id\":%lld,\"custody\":\"arrested\"}",
                         (long long)person_id(db, other, "张某"))),
                   -1);
  assert_string_equal(e.field, "person_id");
  assert_string_equal(qs(db, "SELECT custody FROM case_person WHERE case_id = %lld", (long long)other), "bail");
}

static void test_custody_change_leaves_closed_review_rounds_alone(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  int64_t id = reg_simple(f, "prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "bail");
  ev_ok(f, &f->pros1, id, jf("{\"kind\":\"return\",\"on\":\"2025-03-20\",\"reason\":\"退补\"}"));
  ev_ok(f, &f->pros1, id, jf("{\"kind\":\"resubmit\",\"on\":\"2025-04-10\"}"));
  /* round 2: 05-10 is a Saturday, so 05-12 */
  assert_string_equal(deadlines_of(db, id),
                      "review#1[张某] 2025-03-05+1m=2025-04-07 closed 2025-03-20; "
                      "review#2[张某] 2025-04-10+1m=2025-05-12 open; "
                      "supplementary#1 2025-03-20+1m=2025-04-21 closed 2025-04-10");
  /* arrested in round 2: the open round becomes custody-bound (05-10); round 1 ran and closed while the suspect was
   * on bail, so it keeps its period (DOMAIN 0.1(6): custody evaluated at the time) */
  ev_ok(f, &f->pros1, id,
        jf("{\"kind\":\"custody\",\"on\":\"2025-04-15\",\"person_id\":%lld,\"custody\":\"arrested\"}",
           (long long)person_id(db, id, "张某")));
  assert_string_equal(deadlines_of(db, id),
                      "review#1[张某] 2025-03-05+1m=2025-04-07 closed 2025-03-20; "
                      "review#2[张某] 2025-04-10+1m=2025-05-10 cb open; "
                      "supplementary#1 2025-03-20+1m=2025-04-21 closed 2025-04-10");
}

static void test_prior_returns_count_toward_the_limit(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  int64_t id =
      reg_json(db, &f->anguan, &e,
               jf("{\"case_type\":\"prosecution_review\",\"title\":\"改变管辖案\",\"source_agency\":\"丙县人民检察院\","
                  "\"received_on\":\"2025-03-03\",\"department_id\":%lld,\"prosecutor_id\":%lld,"
                  "\"prior_returns\":1,"
                  "\"persons\":[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"charges\":["
                  "\"theft\"]}]}",
                  (long long)f->dFirst, (long long)f->uPros1));
  assert_true(id > 0);
  assert_int_equal(qi(db, "SELECT prior_returns FROM case_record WHERE id = %lld", (long long)id), 1);
  ev_ok(f, &f->pros1, id, jf("{\"kind\":\"return\",\"on\":\"2025-03-10\",\"reason\":\"退补\"}"));
  ev_ok(f, &f->pros1, id, jf("{\"kind\":\"resubmit\",\"on\":\"2025-03-31\"}"));
  json_t *c = NULL;
  assert_int_equal(cases_get(db, &f->pros1, id, &c, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(c, "returns")), 2);
  json_decref(c);
  Snap before = snap(db);
  assert_int_equal(ev(db, &f->pros1, id, &e, jf("{\"kind\":\"return\",\"on\":\"2025-04-08\",\"reason\":\"再退\"}")),
                   -1);
  assert_int_equal(e.status, 409);
  Snap after = snap(db);
  assert_snap_equal(&before, &after);
  /* the supplementary rows are this office's: one */
  assert_int_equal(
      qi(db, "SELECT count(*) FROM deadline WHERE case_id = %lld AND kind = 'supplementary'", (long long)id), 1);
}

/* ---- isolation and permissions ----------------------------------------------------------------------------- */

static void test_another_organisation_gets_404(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  int64_t id = reg_simple(f, "prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "bail");
  Snap before = snap(db);
  json_t *out = NULL;
  assert_int_equal(cases_get(db, &f->anguanB, id, &out, &e), -1);
  assert_int_equal(e.status, 404);
  assert_null(out);
  assert_int_equal(ev(db, &f->anguanB, id, &e, jf("{\"kind\":\"return\",\"on\":\"2025-03-20\",\"reason\":\"x\"}")), -1);
  assert_int_equal(e.status, 404);
  assert_false(db_in_transaction(db));
  assert_int_equal(ev(db, &f->anguanB, id, &e,
                      jf("{\"kind\":\"assign\",\"on\":\"2025-03-20\",\"prosecutor_id\":%lld}", (long long)f->uProsB)),
                   -1);
  assert_int_equal(e.status, 404);
  json_t *in = jf("{\"title\":\"改名\"}");
  assert_int_equal(cases_update(db, &f->anguanB, id, in, &out, &e), -1);
  assert_int_equal(e.status, 404);
  assert_null(out);
  json_decref(in);
  assert_false(db_in_transaction(db));
  in = jf("{\"name\":\"新人\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"charges\":[\"theft\"]}");
  assert_int_equal(cases_add_person(db, &f->anguanB, id, in, &out, &e), -1);
  assert_int_equal(e.status, 404);
  json_decref(in);
  Snap after = snap(db);
  assert_snap_equal(&before, &after);
  assert_string_equal(qs(db, "SELECT title FROM case_record WHERE id = %lld", (long long)id), "张某盗窃案");
  json_t *none = NULL;
  assert_int_equal(case_store_get(db, f->orgB, id, "2025-03-06", &none), 0);
  assert_null(none);
  /* and a case of B is invisible to A */
  int64_t b1 = reg_json(db, &f->anguanB, &e,
                        jf("{\"case_type\":\"prosecution_review\",\"title\":\"乙案\",\"source_agency\":\"乙县公安局\","
                           "\"received_on\":\"2025-03-05\",\"department_id\":%lld,\"prosecutor_id\":%lld,"
                           "\"persons\":[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\","
                           "\"charges\":[\"theft\"]}]}",
                           (long long)f->dB, (long long)f->uProsB));
  assert_int_equal(cases_get(db, &f->anguan, b1, &out, &e), -1);
  assert_int_equal(e.status, 404);
}

/* ---- charge order and the office's agencies (issue 9, migration 8) ------------------------------------------ */

/* The codes of the charges of person i of a case as the API reads them: "theft,a277_2,fraud". */
static const char *charges_read(Fixture *f, int64_t caseId, size_t i) {
  static char z[256];
  JwErr e;
  json_t *out = NULL;
  assert_int_equal(cases_get(f->db, &f->anguan, caseId, &out, &e), 0);
  json_t *p = json_array_get(json_object_get(out, "persons"), i);
  assert_non_null(p);
  z[0] = 0;
  size_t k;
  json_t *c;
  json_array_foreach(json_object_get(p, "charges"), k, c) {
    if (k) strcat(z, ",");
    strcat(z, json_string_value(json_object_get(c, "code")));
  }
  json_decref(out);
  return z;
}

/* A person's charges come back in the order they were entered (the first is the main charge), not by code; a code
 * given twice keeps its first place; a replacement of the charges stores its own order. */
static void test_charges_keep_their_order(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  int64_t id =
      reg_json(db, &f->anguan, &e,
               jf("{\"case_type\":\"prosecution_review\",\"title\":\"张某等盗窃案\",\"source_agency\":\"甲县公安局\","
                  "\"received_on\":\"2025-03-05\",\"department_id\":%lld,\"prosecutor_id\":%lld,\"persons\":["
                  "{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-03-01\",\"charges\":[\"theft\","
                  "\"a277_2\",\"fraud\",\"theft\"]},"
                  "{\"name\":\"李某\",\"custody\":\"none\",\"charges\":[\"robbery\",\"affray\"]}]}",
                  (long long)f->dFirst, (long long)f->uPros1));
  assert_true(id > 0);
  assert_string_equal(charges_read(f, id, 0), "theft,a277_2,fraud");
  assert_string_equal(charges_read(f, id, 1), "robbery,affray");
  int64_t zhang = person_id(db, id, "张某");
  assert_string_equal(qs(db,
                         "SELECT group_concat(x, ',') FROM (SELECT charge || '=' || position AS x FROM"
                         " case_person_charge WHERE person_id = %lld ORDER BY position) AS t",
                         (long long)zhang),
                      "theft=1,a277_2=2,fraud=3");
  json_t *out = NULL;
  json_t *in = jf("{\"charges\":[\"fraud\",\"a133z2_1\",\"theft\"]}");
  assert_int_equal(cases_update_person(db, &f->pros1, id, zhang, in, &out, &e), 0);
  json_decref(in);
  json_decref(out);
  assert_string_equal(charges_read(f, id, 0), "fraud,a133z2_1,theft");
  /* the new charge names read back from the complete list */
  assert_int_equal(cases_get(db, &f->anguan, id, &out, &e), 0);
  json_t *second = json_array_get(json_object_get(json_array_get(json_object_get(out, "persons"), 0), "charges"), 1);
  assert_string_equal(json_string_value(json_object_get(second, "name")), "妨害安全驾驶罪");
  json_decref(out);
  /* the case list's charge filter finds the case by any of its charges, the new codes too */
  CaseFilter cf = {.orgId = f->orgA, .zToday = "2025-03-06", .limit = 50, .zCharge = "a133z2_1"};
  assert_int_equal(cases_list(db, &cf, &out, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 1);
  json_decref(out);
}

/* The agencies of the actor's office whose name holds zQuery: "name(kind)|name(kind)". */
static const char *agencies_of(Fixture *f, const Actor *a, const char *zQuery) {
  static char z[1024];
  JwErr e;
  json_t *out = NULL;
  AgencyFilter af = {.zQuery = zQuery, .limit = 50};
  assert_int_equal(agencies_list(f->db, a, af, &out, &e), 0);
  z[0] = 0;
  size_t i;
  json_t *it;
  json_array_foreach(json_object_get(out, "items"), i, it) {
    json_t *k = json_object_get(it, "kind");
    snprintf(z + strlen(z), sizeof z - strlen(z), "%s%s(%s)", i ? "|" : "",
             json_string_value(json_object_get(it, "name")), json_is_string(k) ? json_string_value(k) : "-");
  }
  assert_int_equal(json_integer_value(json_object_get(out, "total")), json_array_size(json_object_get(out, "items")));
  json_decref(out);
  return z;
}

static int64_t reg_agency(Fixture *f, const Actor *a, int64_t deptId, int64_t prosId, const char *zAgency) {
  JwErr e;
  int64_t id = reg_json(f->db, a, &e,
                        jf("{\"case_type\":\"prosecution_review\",\"title\":\"张某盗窃案\",\"source_agency\":\"%s\","
                           "\"received_on\":\"2025-03-05\",\"department_id\":%lld,\"prosecutor_id\":%lld,"
                           "\"persons\":[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-03-01\","
                           "\"charges\":[\"theft\"]}]}",
                           zAgency, (long long)deptId, (long long)prosId));
  if (id < 0) fail_msg("register failed: %d %s %s", e.status, e.field, e.message);
  return id;
}

/* A registration naming an agency not on the office's list adds it (once, whatever the number of cases naming it),
 * with the kind its name implies; a case update does the same; another office's list is its own; a refused
 * registration adds nothing. */
static void test_agencies_are_added_once_per_office(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  assert_string_equal(agencies_of(f, &f->anguan, NULL), "");
  reg_agency(f, &f->anguan, f->dFirst, f->uPros1, "甲县公安局交通警察大队");
  int64_t id = reg_agency(f, &f->anguan, f->dFirst, f->uPros1, "甲县公安局交通警察大队");
  assert_int_equal(qi(db, "SELECT count(*) FROM agency WHERE org_id = %lld", (long long)f->orgA), 1);
  reg_agency(f, &f->anguanB, f->dB, f->uProsB, "甲县公安局交通警察大队");
  reg_agency(f, &f->anguanB, f->dB, f->uProsB, "乙县林业局");
  assert_string_equal(agencies_of(f, &f->anguan, NULL), "甲县公安局交通警察大队(public_security)");
  assert_string_equal(agencies_of(f, &f->anguanB, NULL), "乙县林业局(forestry)|甲县公安局交通警察大队(public_security)");
  assert_int_not_equal(qi(db, "SELECT id FROM agency WHERE org_id = %lld", (long long)f->orgA),
                       qi(db, "SELECT min(id) FROM agency WHERE org_id = %lld", (long long)f->orgB));
  /* a case update to a new agency adds it; a refused update adds nothing */
  json_t *out = NULL;
  json_t *in = jf("{\"source_agency\":\"甲县监察委员会\"}");
  assert_int_equal(cases_update(db, &f->anguan, id, in, &out, &e), 0);
  json_decref(in);
  assert_string_equal(json_string_value(json_object_get(out, "source_agency")), "甲县监察委员会");
  json_decref(out);
  in = jf("{\"source_agency\":\"甲县国家安全局\",\"department_id\":999999}");
  assert_int_equal(cases_update(db, &f->anguan, id, in, &out, &e), -1);
  json_decref(in);
  assert_string_equal(e.field, "department_id");
  in = jf("{\"source_agency\":\"\"}");
  assert_int_equal(cases_update(db, &f->anguan, id, in, &out, &e), -1);
  json_decref(in);
  assert_string_equal(e.field, "source_agency");
  assert_string_equal(agencies_of(f, &f->anguan, NULL),
                      "甲县公安局交通警察大队(public_security)|甲县监察委员会(supervision)");
  /* a refused registration adds nothing */
  int64_t bad = reg_json(db, &f->anguan, &e,
                         jf("{\"case_type\":\"prosecution_review\",\"title\":\"x\",\"source_agency\":\"丁县公安局\","
                            "\"received_on\":\"2025-03-05\",\"department_id\":%lld,\"prosecutor_id\":%lld,"
                            "\"persons\":[{\"name\":\"张某\",\"custody\":\"bail\",\"custody_since\":\"2025-03-01\","
                            "\"charges\":[\"nope\"]}]}",
                            (long long)f->dFirst, (long long)f->uPros1));
  assert_int_equal(bad, -1);
  assert_int_equal(qi(db, "SELECT count(*) FROM agency WHERE name = '丁县公安局'"), 0);
  /* the search: any part of the name, the office's own only; LIKE's metacharacters match themselves */
  assert_string_equal(agencies_of(f, &f->anguan, "监察"), "甲县监察委员会(supervision)");
  assert_string_equal(agencies_of(f, &f->anguan, "交通警察"), "甲县公安局交通警察大队(public_security)");
  assert_string_equal(agencies_of(f, &f->anguan, "林业"), "");
  assert_string_equal(agencies_of(f, &f->anguanB, "林业"), "乙县林业局(forestry)");
  assert_string_equal(agencies_of(f, &f->anguan, "%"), "");
}

static void test_handling_is_limited_to_the_department_or_the_assignee(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  json_t *out = NULL, *in = NULL;
  int64_t id = reg_simple(f, "prosecution_review", "2025-03-05", f->dFirst, f->uPros1, "bail");
  Snap before = snap(db);
  /* a prosecutor of the second department, not assigned: 403 on events and edits, nothing written */
  assert_int_equal(ev(db, &f->pros2, id, &e, jf("{\"kind\":\"return\",\"on\":\"2025-03-20\",\"reason\":\"x\"}")), -1);
  assert_int_equal(e.status, 403);
  in = jf("{\"title\":\"改名\"}");
  assert_int_equal(cases_update(db, &f->pros2, id, in, &out, &e), -1);
  assert_int_equal(e.status, 403);
  json_decref(in);
  in = jf("{\"name\":\"新人\",\"custody\":\"bail\",\"custody_since\":\"2025-01-02\",\"charges\":[\"theft\"]}");
  assert_int_equal(cases_add_person(db, &f->pros2, id, in, &out, &e), -1);
  assert_int_equal(e.status, 403);
  json_decref(in);
  assert_false(db_in_transaction(db));
  Snap after = snap(db);
  assert_snap_equal(&before, &after);
  /* reading is not this layer's business: the route checks case.read */
  assert_int_equal(cases_get(db, &f->pros2, id, &out, &e), 0);
  json_decref(out);

  /* an assistant of the case's department may handle it, but never propose or take a decision of the 权力清单
   * (DOMAIN 0.6): 自行补充侦查 is one; recording a custody change is not */
  JwErr ea;
  assert_int_equal(
      ev(db, &f->assistant, id, &ea, jf("{\"kind\":\"self_investigation\",\"on\":\"2025-03-12\",\"reason\":\"核实\"}")),
      -1);
  assert_int_equal(ea.status, 403);
  ev_ok(f, &f->assistant, id,
        jf("{\"kind\":\"custody\",\"on\":\"2025-03-12\",\"person_id\":%lld,\"custody\":\"bail\"}",
           (long long)person_id(db, id, "张某")));
  /* the assigned prosecutor may handle it, but not reassign it */
  ev_ok(f, &f->pros1, id, jf("{\"kind\":\"self_investigation\",\"on\":\"2025-03-13\",\"reason\":\"核实\"}"));
  assert_int_equal(ev(db, &f->pros1, id, &e,
                      jf("{\"kind\":\"assign\",\"on\":\"2025-03-14\",\"prosecutor_id\":%lld}", (long long)f->uPros2)),
                   -1);
  assert_int_equal(e.status, 403);
  in = jf("{\"prosecutor_id\":%lld}", (long long)f->uPros2);
  assert_int_equal(cases_update(db, &f->pros1, id, in, &out, &e), -1);
  assert_int_equal(e.status, 403);
  json_decref(in);
  /* 案管 (case.register, another department) may handle any case, and reassign it */
  ev_ok(f, &f->anguan, id,
        jf("{\"kind\":\"custody\",\"on\":\"2025-03-14\",\"person_id\":%lld,\"custody\":\"residential\"}",
           (long long)person_id(db, id, "张某")));
  in = jf("{\"title\":\"张某盗窃案（改）\"}");
  assert_int_equal(cases_update(db, &f->anguan, id, in, &out, &e), 0);
  json_decref(in);
  json_decref(out);
  ev_ok(f, &f->anguan, id,
        jf("{\"kind\":\"assign\",\"on\":\"2025-03-15\",\"prosecutor_id\":%lld,\"reason\":\"回避\"}",
           (long long)f->uPros2));
  assert_int_equal(qi(db, "SELECT prosecutor_id FROM case_record WHERE id = %lld", (long long)id), f->uPros2);
  assert_int_equal(qi(db, "SELECT prosecutor_id FROM deadline WHERE case_id = %lld", (long long)id), f->uPros2);
  assert_string_equal(qs(db, "SELECT %s FROM case_event WHERE case_id = %lld AND kind = 'assign'",
                         json_text(db, "data", "prosecutor_name"), (long long)id),
                      "赵检察官");
  /* now assigned to them, the prosecutor of the other department may handle it */
  ev_ok(f, &f->pros2, id, jf("{\"kind\":\"return\",\"on\":\"2025-03-20\",\"reason\":\"证据不足\"}"));
  /* reassigning to a clerk is refused */
  assert_int_equal(ev(db, &f->anguan, id, &e,
                      jf("{\"kind\":\"assign\",\"on\":\"2025-03-21\",\"prosecutor_id\":%lld}", (long long)f->uClerk)),
                   -1);
  assert_string_equal(e.field, "prosecutor_id");
}

/* ---- recomputation ----------------------------------------------------------------------------------------- */

/* The shipped 2025 notice (国办发明电〔2024〕12号), with one more rest day on 04-03. */
static const char zCalendar2025[] =
    "year 2025 complete\n"
    "2025-01-01 holiday 元旦\n"
    "2025-01-28..2025-02-04 holiday 春节\n"
    "2025-01-26 workday 春节调休\n"
    "2025-02-08 workday 春节调休\n"
    "2025-04-03 holiday 测试假日\n"
    "2025-04-04..2025-04-06 holiday 清明节\n"
    "2025-05-01..2025-05-05 holiday 劳动节\n"
    "2025-04-27 workday 劳动节调休\n"
    "2025-05-31..2025-06-02 holiday 端午节\n"
    "2025-10-01..2025-10-08 holiday 国庆节、中秋节\n"
    "2025-09-28 workday 国庆节、中秋节调休\n"
    "2025-10-11 workday 国庆节、中秋节调休\n";

static const char *deadline_rows_with_ids(Db *db, int64_t caseId) {
  return qs(db,
            "SELECT group_concat(x, '; ') FROM (SELECT id || ':' || kind || '#' || sequence || '=' || due_on || ' '"
            " || status || ' ' || warn_days AS x FROM deadline WHERE case_id = %lld ORDER BY id) AS t",
            (long long)caseId);
}

static void test_calendar_import_moves_open_due_days_only(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  /* open: due 04-03 */
  int64_t cOpen = reg_simple(f, "prosecution_review", "2025-03-03", f->dFirst, f->uPros1, "bail");
  /* custody-bound and open: due 04-03, never moved */
  int64_t cBound = reg_simple(f, "prosecution_review", "2025-03-03", f->dFirst, f->uPros1, "detained");
  /* returned: the review (due 04-03) closed, the police month open */
  int64_t cRet = reg_simple(f, "prosecution_review", "2025-03-03", f->dFirst, f->uPros1, "bail");
  ev_ok(f, &f->pros1, cRet, jf("{\"kind\":\"return\",\"on\":\"2025-03-12\",\"reason\":\"退补\"}"));
  /* archived: every deadline closed, the archiving one due 04-03 */
  int64_t cArch = reg_simple(f, "prosecution_review", "2025-03-03", f->dFirst, f->uPros1, "bail");
  ev_ok(f, &f->pros1, cArch,
        jf("{\"kind\":\"decide\",\"on\":\"2025-03-03\",\"person_id\":%lld,\"decision\":\"prosecute\"}",
           (long long)person_id(db, cArch, "张某")));
  ev_ok(f, &f->pros1, cArch, jf("{\"kind\":\"archive\",\"on\":\"2025-03-20\"}"));

  assert_string_equal(deadlines_of(db, cOpen), "review#1[张某] 2025-03-03+1m=2025-04-03 open");
  assert_string_equal(deadlines_of(db, cBound), "review#1[张某] 2025-03-03+1m=2025-04-03 cb open");
  assert_string_equal(deadlines_of(db, cRet),
                      "review#1[张某] 2025-03-03+1m=2025-04-03 closed 2025-03-12; "
                      "supplementary#1 2025-03-12+1m=2025-04-14 open");
  assert_string_equal(deadlines_of(db, cArch),
                      "archiving#1 2025-03-03+1m=2025-04-03 closed 2025-03-20; review#1[张某] 2025-03-03+1m=2025-04-03 "
                      "closed 2025-03-03");
  char zArch[2048];
  snprintf(zArch, sizeof zArch, "%s", deadline_rows_with_ids(db, cArch));

  json_t *out = NULL;
  assert_int_equal(holidays_import(db, &f->anguan, zCalendar2025, strlen(zCalendar2025), &out, &e), 0);
  json_decref(out);
  assert_false(db_in_transaction(db));
  assert_int_equal(qi(db, "SELECT count(*) FROM audit_log WHERE action = 'calendar.import'"), 1);

  /* the open period due on the new rest day moves to the next working day: 04-03..06 rest, so 04-07 */
  assert_string_equal(deadlines_of(db, cOpen), "review#1[张某] 2025-03-03+1m=2025-04-07 open");
  /* a custody-bound period is never moved */
  assert_string_equal(deadlines_of(db, cBound), "review#1[张某] 2025-03-03+1m=2025-04-03 cb open");
  /* a case with no open deadline is not touched at all (same rows, same ids) */
  assert_string_equal(deadline_rows_with_ids(db, cArch), zArch);
  /* the open police month is unaffected; the closed review keeps the due day it had when it closed
   * ("changing the calendar recomputes every open deadline", DOMAIN 0.1(5), docs/api-cases.md) */
  assert_string_equal(deadlines_of(db, cRet),
                      "review#1[张某] 2025-03-03+1m=2025-04-03 closed 2025-03-12; "
                      "supplementary#1 2025-03-12+1m=2025-04-14 open");
}

static void test_warning_lead_times_change_open_rows(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  int64_t cPr = reg_simple(f, "prosecution_review", "2025-03-03", f->dFirst, f->uPros1, "bail");
  int64_t cRet = reg_simple(f, "prosecution_review", "2025-03-03", f->dFirst, f->uPros1, "bail");
  ev_ok(f, &f->pros1, cRet, jf("{\"kind\":\"return\",\"on\":\"2025-03-12\",\"reason\":\"退补\"}"));
  int64_t cAr = reg_simple(f, "arrest_review", "2025-03-03", f->dFirst, f->uPros1, "bail");
  int64_t cArch = reg_simple(f, "prosecution_review", "2025-03-03", f->dFirst, f->uPros1, "bail");
  ev_ok(f, &f->pros1, cArch,
        jf("{\"kind\":\"decide\",\"on\":\"2025-03-03\",\"person_id\":%lld,\"decision\":\"prosecute\"}",
           (long long)person_id(db, cArch, "张某")));
  ev_ok(f, &f->pros1, cArch, jf("{\"kind\":\"archive\",\"on\":\"2025-03-20\"}"));
  const char *zWarn = "SELECT warn_days FROM deadline WHERE case_id = %lld AND kind = '%s' AND status = '%s'";
  assert_int_equal(qi(db, zWarn, (long long)cPr, "review", "open"), 5);
  assert_int_equal(qi(db, zWarn, (long long)cRet, "supplementary", "open"), 5);
  assert_int_equal(qi(db, zWarn, (long long)cAr, "review", "open"), 2);

  /* out of range: refused, nothing changes */
  Snap before = snap(db);
  json_t *out = NULL, *in = jf("{\"prosecution_review\":61}");
  assert_int_equal(deadlines_warnings_put(db, &f->anguan, in, &out, &e), -1);
  assert_string_equal(e.field, "prosecution_review");
  json_decref(in);
  in = jf("{\"nonsense\":3}");
  assert_int_equal(deadlines_warnings_put(db, &f->anguan, in, &out, &e), -1);
  json_decref(in);
  Snap after = snap(db);
  assert_snap_equal(&before, &after);

  in = jf("{\"prosecution_review\":9,\"supplementary\":3}");
  assert_int_equal(deadlines_warnings_put(db, &f->anguan, in, &out, &e), 0);
  json_decref(in);
  json_t *expect =
      jf("{\"arrest_review\":2,\"arrest_decision\":2,\"prosecution_review\":9,\"custody_necessity\":3,"
         "\"complaint_review\":10,\"supplementary\":3,\"archiving\":5,\"probation\":10,\"complaint_victim\":2,"
         "\"complaint_suspect\":2,\"jurisdiction_transfer\":2,\"bail_expiry\":15,\"residential_expiry\":10,"
         "\"linkage_transfer\":1,\"linkage_review\":3,\"linkage_reply\":10,"
         "\"suggestion_reply\":10,"
         /* petitions (issue 13) */
         "\"petition_procedural\":2,\"petition_result\":10,\"petition_followup\":5}");
  assert_true(json_equal(out, expect));
  json_decref(out);
  out = deadlines_warnings_get(db, &f->anguan);
  assert_true(json_equal(out, expect));
  json_decref(out);
  json_decref(expect);
  assert_false(db_in_transaction(db));
  assert_int_equal(qi(db, "SELECT count(*) FROM audit_log WHERE action = 'setting.deadline_warnings'"), 1);

  assert_int_equal(qi(db, zWarn, (long long)cPr, "review", "open"), 9);
  assert_int_equal(qi(db, zWarn, (long long)cRet, "supplementary", "open"), 3);
  assert_int_equal(qi(db, zWarn, (long long)cAr, "review", "open"), 2);
  /* the archived case has no open deadline: untouched */
  assert_int_equal(qi(db,
                      "SELECT count(*) FROM deadline WHERE case_id = %lld AND warn_days <> CASE kind"
                      " WHEN 'bail_expiry' THEN 15 WHEN 'residential_expiry' THEN 10 ELSE 5 END",
                      (long long)cArch),
                   0);
  /* due days are not affected */
  assert_string_equal(deadlines_of(db, cPr), "review#1[张某] 2025-03-03+1m=2025-04-03 open");
  /* a case registered later gets the organisation's lead time */
  int64_t cNew = reg_simple(f, "prosecution_review", "2025-03-04", f->dFirst, f->uPros1, "bail");
  assert_int_equal(qi(db, zWarn, (long long)cNew, "review", "open"), 9);
  /* another organisation keeps the defaults */
  out = deadlines_warnings_get(db, &f->anguanB);
  assert_int_equal(json_integer_value(json_object_get(out, "prosecution_review")), 5);
  json_decref(out);
}

/* The month view (deadline_store_month) against the paged list: for each filter, each day's count is the list's total
 * for that day and its entries the list's first rows of it; the days sum to the month's list total; another office
 * sees nothing of org A. */
static void check_month_against_list(Db *db, DeadlineFilter f, const char *zFrom, const char *zTo, int nPerDay,
                                     int *pTotal) {
  f.zFrom = zFrom;
  f.zTo = zTo;
  json_t *m = deadline_store_month(db, &f, nPerDay);
  assert_non_null(m);
  DeadlineFilter all = f;
  all.limit = 1;
  json_t *whole = deadline_store_list(db, &all);
  assert_non_null(whole);
  assert_int_equal(json_integer_value(json_object_get(m, "total")),
                   json_integer_value(json_object_get(whole, "total")));
  json_decref(whole);
  size_t i;
  json_t *day;
  int sum = 0;
  json_array_foreach(json_object_get(m, "days"), i, day) {
    const char *zDay = json_string_value(json_object_get(day, "date"));
    assert_true(strcmp(zDay, zFrom) >= 0 && strcmp(zDay, zTo) <= 0);
    DeadlineFilter one = f;
    one.zFrom = one.zTo = zDay;
    one.limit = nPerDay;
    json_t *list = deadline_store_list(db, &one);
    assert_non_null(list);
    assert_int_equal(json_integer_value(json_object_get(day, "count")),
                     json_integer_value(json_object_get(list, "total")));
    json_t *items = json_object_get(day, "items"), *want = json_object_get(list, "items");
    assert_int_equal(json_array_size(items), json_array_size(want));
    for (size_t k = 0; k < json_array_size(want); k++) {
      assert_int_equal(json_integer_value(json_object_get(json_array_get(items, k), "id")),
                       json_integer_value(json_object_get(json_array_get(want, k), "id")));
      assert_string_equal(json_string_value(json_object_get(json_array_get(items, k), "due_on")), zDay);
    }
    sum += (int)json_integer_value(json_object_get(day, "count"));
    json_decref(list);
  }
  assert_int_equal(sum, json_integer_value(json_object_get(m, "total")));
  *pTotal = sum;
  json_decref(m);
}

static void test_month_view_counts_equal_the_list_per_day(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  JwErr e;
  /* org A: several cases a day on a few days, two prosecutors in two departments, two case types, one archived */
  const char *azDay[] = {"2025-03-03", "2025-03-03", "2025-03-03", "2025-03-04",
                         "2025-03-10", "2025-03-10", "2025-03-17", "2025-03-24"};
  for (int i = 0; i < 8; i++) {
    reg_simple(f, i % 3 == 2 ? "arrest_review" : "prosecution_review", azDay[i], i % 2 ? f->dSecond : f->dFirst,
               i % 2 ? f->uPros2 : f->uPros1, i % 3 == 2 ? "detained" : "bail");
  }
  int64_t cArch = reg_simple(f, "prosecution_review", "2025-03-03", f->dFirst, f->uPros1, "bail");
  ev_ok(f, &f->pros1, cArch,
        jf("{\"kind\":\"decide\",\"on\":\"2025-03-05\",\"person_id\":%lld,\"decision\":\"prosecute\"}",
           (long long)person_id(db, cArch, "张某")));
  /* org B: one case on the busiest day */
  int64_t idB =
      reg_json(db, &f->anguanB, &e,
               jf("{\"case_type\":\"prosecution_review\",\"title\":\"李某盗窃案\",\"source_agency\":\"乙县公安局\","
                  "\"received_on\":\"2025-03-03\",\"department_id\":%lld,\"prosecutor_id\":%lld,"
                  "\"persons\":[{\"name\":\"李某\",\"custody\":\"bail\",\"custody_since\":\"2025-03-01\",\"charges\":["
                  "\"theft\"]}]}",
                  (long long)f->dB, (long long)f->uProsB));
  assert_true(idB > 0);

  const char *azMonth[][2] = {{"2025-03-01", "2025-03-31"}, {"2025-04-01", "2025-04-30"}};
  int total = 0, n;
  for (int m = 0; m < 2; m++) {
    DeadlineFilter office = {.orgId = f->orgA, .zToday = "2025-04-08"};
    check_month_against_list(db, office, azMonth[m][0], azMonth[m][1], 2, &n);
    total += n;
    DeadlineFilter mine = office;
    mine.prosecutorId = f->uPros1;
    check_month_against_list(db, mine, azMonth[m][0], azMonth[m][1], 1, &n);
    DeadlineFilter dept = office;
    dept.departmentId = f->dSecond;
    check_month_against_list(db, dept, azMonth[m][0], azMonth[m][1], 3, &n);
    DeadlineFilter kind = office;
    kind.zKind = "archiving";
    check_month_against_list(db, kind, azMonth[m][0], azMonth[m][1], 3, &n);
    for (int lv = 0; lv < 4; lv++) {
      DeadlineFilter level = office;
      level.zLevel = (const char *[]){"overdue", "due", "warning", "normal"}[lv];
      check_month_against_list(db, level, azMonth[m][0], azMonth[m][1], 2, &n);
    }
  }
  /* the eight open reviews, the archived case's archiving period: all in March and April */
  assert_int_equal(total, 9);
  /* the busiest day shows 1 entry and counts them all (org B's case is not among them) */
  DeadlineFilter office = {.orgId = f->orgA, .zToday = "2025-04-08", .zFrom = "2025-03-01", .zTo = "2025-04-30"};
  json_t *mo = deadline_store_month(db, &office, 1);
  assert_non_null(mo);
  json_t *busiest = NULL, *day;
  size_t i;
  json_array_foreach(json_object_get(mo, "days"), i, day) {
    if (!busiest ||
        json_integer_value(json_object_get(day, "count")) > json_integer_value(json_object_get(busiest, "count"))) {
      busiest = day;
    }
  }
  assert_non_null(busiest);
  assert_true(json_integer_value(json_object_get(busiest, "count")) >= 2);
  assert_int_equal(json_array_size(json_object_get(busiest, "items")), 1);
  json_decref(mo);
  DeadlineFilter other = {.orgId = f->orgB, .zToday = "2025-04-08"};
  check_month_against_list(db, other, "2025-03-01", "2025-04-30", 3, &n);
  assert_int_equal(n, 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_register_writes_case_persons_charges_event_deadline_and_audit, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_register_in_custody_gives_a_custody_bound_review, setup, teardown),
      cmocka_unit_test_setup_teardown(test_case_numbers_follow_the_sequence_and_the_org_format, setup, teardown),
      cmocka_unit_test_setup_teardown(test_rotation_takes_prosecutors_in_turn_and_skips_the_others, setup, teardown),
      cmocka_unit_test_setup_teardown(test_fast_track_routes_matching_prosecution_reviews, setup, teardown),
      cmocka_unit_test_setup_teardown(test_register_errors_write_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(test_prosecution_review_story, setup, teardown),
      cmocka_unit_test_setup_teardown(test_extension_is_available_again_after_resubmission, setup, teardown),
      cmocka_unit_test_setup_teardown(test_approve_arrest_makes_the_person_arrested, setup, teardown),
      cmocka_unit_test_setup_teardown(test_approve_arrest_keeps_the_review_period_the_suspect_had, setup, teardown),
      cmocka_unit_test_setup_teardown(test_custody_change_makes_the_open_review_custody_bound, setup, teardown),
      cmocka_unit_test_setup_teardown(test_custody_change_leaves_closed_review_rounds_alone, setup, teardown),
      cmocka_unit_test_setup_teardown(test_prior_returns_count_toward_the_limit, setup, teardown),
      cmocka_unit_test_setup_teardown(test_another_organisation_gets_404, setup, teardown),
      cmocka_unit_test_setup_teardown(test_charges_keep_their_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_agencies_are_added_once_per_office, setup, teardown),
      cmocka_unit_test_setup_teardown(test_handling_is_limited_to_the_department_or_the_assignee, setup, teardown),
      cmocka_unit_test_setup_teardown(test_calendar_import_moves_open_due_days_only, setup, teardown),
      cmocka_unit_test_setup_teardown(test_warning_lead_times_change_open_rows, setup, teardown),
      cmocka_unit_test_setup_teardown(test_month_view_counts_equal_the_list_per_day, setup, teardown),
  };
  return cmocka_run_group_tests_name("cases", tests, NULL, NULL);
}
