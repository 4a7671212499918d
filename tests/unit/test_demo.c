/* test_demo.c: the demo office's two ways of writing its random cases (src/app/demo.c) make the same data. The same
 * N cases go once through the use cases (DEMO_PATH_USE_CASES: cases_register, cases_event, approvals_approve) and
 * once through the bulk path (DEMO_PATH_BULK: the same stories written straight to the store), each into a fresh
 * database, and the two are compared row by row: the cases (number, type, status, department, prosecutor, dates),
 * the persons (custody, decisions, judgments), the custody histories, the charges, the events that record facts,
 * every deadline row (start, length, due day, status, closing day: the bulk path derives them in memory, the use
 * cases from the rows they read back) and the search documents; the audit chain of both verifies. What the bulk
 * path leaves out by design (demo.h) is checked to be only that: approval rows, and the 已提请审批 / 审批 notes on the
 * timeline. With JIANWU_TEST_PG the same test runs on PostgreSQL (test_db.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/demo.h"
#include "lib/buf.h"
#include "store/db.h"
#include "test_db.h"
#include "test_util.h"

#define N_CASES 240 /* a few hundred: every state of demo_case(), with returns, extensions, judgments, archiving */

typedef struct Fixture {
  char zDir[64];
  char zTargetA[256], zTargetB[256];
  Db *a, *b; /* a: through the use cases; b: through the bulk path */
} Fixture;

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/jw-demo-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  assert_int_equal(test_db_new(f->zDir, "a.db", f->zTargetA, sizeof f->zTargetA), 0);
  assert_int_equal(test_db_new(f->zDir, "b.db", f->zTargetB, sizeof f->zTargetB), 0);
  JwErr e;
  if (db_open(f->zTargetA, DB_OPEN_CREATE, &f->a, &e)) fail_msg("db_open: %s", e.message);
  if (db_open(f->zTargetB, DB_OPEN_CREATE, &f->b, &e)) fail_msg("db_open: %s", e.message);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  db_close(f->a);
  db_close(f->b);
  if (test_db_drop(f->zTargetA) || test_db_drop(f->zTargetB)) return -1;
  char zCmd[128];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", f->zDir);
  if (system(zCmd) != 0) return -1;
  free(f);
  return 0;
}

/* Every row of zSql (one text column) as lines. */
static char *rows_of(Db *db, const char *zSql) {
  Buf b = BUF_INIT;
  Stmt *s = db_prepare_uncached(db, zSql);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    buf_puts(&b, db_col_text(s, 0));
    buf_putc(&b, '\n');
  }
  db_finalize(s);
  assert_int_equal(rc, DB_DONE);
  return buf_detach(&b);
}

static long count_of(Db *db, const char *zSql) {
  Stmt *s = db_prepare_uncached(db, zSql);
  assert_int_equal(db_step(s), DB_ROW);
  long n = (long)db_col_int(s, 0);
  db_finalize(s);
  return n;
}

/* Fails with the first line that differs between the two databases' answers to zSql. */
static void assert_same_rows(Fixture *f, const char *zWhat, const char *zSql) {
  char *zA = rows_of(f->a, zSql), *zB = rows_of(f->b, zSql);
  if (strcmp(zA, zB) != 0) {
    const char *p = zA, *q = zB;
    while (*p && *p == *q) p++, q++;
    while (p > zA && p[-1] != '\n') p--, q--;
    fail_msg("%s differ: use cases \"%.*s\", bulk \"%.*s\"", zWhat, (int)strcspn(p, "\n"), p, (int)strcspn(q, "\n"), q);
  }
  assert_true(strlen(zA) > 0);
  free(zA);
  free(zB);
}

#define T(x) "COALESCE(CAST(" x " AS TEXT), '-')"

static void test_the_bulk_path_writes_what_the_use_cases_write(void **state) {
  Fixture *f = *state;
  JwErr e;
  FILE *quiet = fopen("/dev/null", "w");
  assert_non_null(quiet);
  if (demo_populate_path(f->a, N_CASES, DEMO_PATH_USE_CASES, quiet, &e)) fail_msg("use cases: %s", e.message);
  if (demo_populate_path(f->b, N_CASES, DEMO_PATH_BULK, quiet, &e)) fail_msg("bulk: %s", e.message);
  fclose(quiet);

  static const char *const azTable[] = {"case_record", "case_person", "case_custody", "case_person_charge",
                                        "deadline",    "case_search", "agency",       "app_user"};
  for (size_t i = 0; i < sizeof azTable / sizeof azTable[0]; i++) {
    char zSql[96];
    snprintf(zSql, sizeof zSql, "SELECT count(*) FROM %s", azTable[i]);
    long nA = count_of(f->a, zSql), nB = count_of(f->b, zSql);
    if (nA != nB) fail_msg("%s: %ld rows through the use cases, %ld through the bulk path", azTable[i], nA, nB);
  }
  assert_int_equal(count_of(f->b, "SELECT count(*) FROM case_record"), N_CASES);

  assert_same_rows(f, "cases",
                   "SELECT case_number || '|' || case_type || '|' || title || '|' || status || '|' || " T(
                       "department_id") " || '|' || " T("prosecutor_id") " || '|' || received_on || '|' || " T(
                       "concluded_on") " || '|' || " T("archived_on") " || '|' || " T(
                       "major_complex") " || '|' || " T("summary_procedure") " || '|' || source_agency"
                                                                             " FROM case_record ORDER BY id");
  assert_same_rows(f, "persons",
                   "SELECT " T("case_id") " || '|' || name || '|' || " T("id_number") " || '|' || " T(
                       "custody") " || '|' || " T("custody_since") " || '|' || " T("plea") " || '|' || " T(
                       "sentence_band") " || '|' || " T("decision") " || '|' || " T(
                       "non_prosecution_type") " || '|' || " T("decision_on") " || '|' || " T(
                       "judgment_on") " || '|' || " T("sentence") " FROM case_person ORDER BY id");
  assert_same_rows(f, "custody histories",
                   "SELECT " T("person_id") " || '|' || custody || '|' || from_on FROM case_custody"
                                            " ORDER BY person_id, from_on, custody");
  assert_same_rows(f, "charges",
                   "SELECT " T("person_id") " || '|' || charge FROM case_person_charge ORDER BY person_id, charge");
  /* the events that record facts; the approval notes are the use cases' alone */
  assert_same_rows(f, "events",
                   "SELECT " T("case_id") " || '|' || kind || '|' || on_date || '|' || " T(
                       "person_id") " FROM case_event WHERE kind NOT IN ('proposed', 'approved', 'rejected')"
                                    " ORDER BY case_id, on_date, kind, person_id");
  assert_same_rows(f, "deadlines",
                   "SELECT " T("entity_id") " || '|' || " T("person_id") " || '|' || kind || '|' || " T(
                       "sequence") " || '|' || subject || '|' || start_on || '|' || length || '|' || " T(
                       "extra_days") " || '|' || " T("custody_bound") " || '|' || " T("due_on") " || '|' || " T(
                       "days_left") " || '|' || status || '|' || " T("closed_on") " || '|' || " T(
                       "warn_key") " || '|' || " T("lapses") " || '|' || " T("prosecutor_id") " || '|' || " T(
                       "department_id") " FROM deadline ORDER BY entity_id, kind, person_id, sequence");
  /* the stories reach every state */
  static const char *const azStatus[] = {"under_review", "concluded", "archived"};
  for (size_t i = 0; i < sizeof azStatus / sizeof azStatus[0]; i++) {
    char zSql[128];
    snprintf(zSql, sizeof zSql, "SELECT count(*) FROM case_record WHERE status = '%s'", azStatus[i]);
    if (count_of(f->b, zSql) < 1) fail_msg("no case is %s", azStatus[i]);
  }
  assert_true(count_of(f->b, "SELECT count(*) FROM case_event WHERE kind = 'return'") > 0);
  assert_true(count_of(f->b, "SELECT count(*) FROM case_event WHERE kind = 'judgment'") > 0);
  /* what only the use cases write: the approvals (the bulk path writes none) and their timeline notes */
  assert_true(count_of(f->a, "SELECT count(*) FROM approval") > 0);
  assert_int_equal(count_of(f->b, "SELECT count(*) FROM approval WHERE entity_kind = 'case'"), 0);
  /* one audit row per bulk case on top of the office's own set-up rows, and both chains verify */
  long setupRows = count_of(f->b, "SELECT count(*) FROM audit_log WHERE action NOT LIKE 'case.%'");
  assert_int_equal(count_of(f->b, "SELECT count(*) FROM audit_log") - setupRows, N_CASES);
  /* imports (issue 12): the demo's licence file gives some decided drunk drivers a licence still valid a month after
   * the decision (what model (a) finds) and revokes the others' */
  static const char zUnrevoked[] =
      "SELECT count(DISTINCT p.id) FROM case_person p JOIN case_person_charge c ON c.person_id = p.id"
      " JOIN licence_record l ON l.org_id = p.org_id AND l.id_number = p.id_number"
      " WHERE c.charge = 'dangerous_driving' AND p.decision_on IS NOT NULL AND l.status = ?1"
      " AND l.status_on > p.decision_on";
  Db *aDb[2] = {f->a, f->b};
  for (int i = 0; i < 2; i++) {
    Stmt *s = db_prepare_uncached(aDb[i], zUnrevoked);
    db_bind_text(s, 1, "valid");
    assert_int_equal(db_step(s), DB_ROW);
    assert_true(db_col_int(s, 0) > 0);
    db_finalize(s);
    s = db_prepare_uncached(aDb[i], zUnrevoked);
    db_bind_text(s, 1, "revoked");
    assert_int_equal(db_step(s), DB_ROW);
    assert_true(db_col_int(s, 0) > 0);
    db_finalize(s);
    assert_int_equal(count_of(aDb[i], "SELECT count(*) FROM import_batch WHERE rows_rejected = 1"), 2);
  }
  int64_t bad = 0, rows = 0;
  char zWhy[256] = "";
  if (audit_verify(f->a, &bad, zWhy, sizeof zWhy, &rows))
    fail_msg("use cases' audit: row %lld %s", (long long)bad, zWhy);
  if (audit_verify(f->b, &bad, zWhy, sizeof zWhy, &rows)) fail_msg("bulk audit: row %lld %s", (long long)bad, zWhy);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_the_bulk_path_writes_what_the_use_cases_write, setup, teardown),
  };
  return cmocka_run_group_tests_name("demo data", tests, NULL, NULL);
}
