/* test_copy.c: unit tests for src/store/copy.c, the table copier of jianwu migrate, between two SQLite databases
 * (the copier takes any target; the command only offers PostgreSQL): the plan's offsets and modes, every kind of
 * reference remapped (declared foreign keys, entity_id by entity_kind, deadline.person_id 0 kept, ids inside JSON),
 * a verbatim copy into an empty target, refusals of unknown entity kinds and conflicting org codes. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/copy.h"
#include "store/db.h"
#include "store/db_internal.h"
#include "test_util.h"

typedef struct Fixture {
  char zDir[64];
  Db *src, *dst;
} Fixture;

static void exec_ok(Db *db, const char *zSql) {
  char *zErr = NULL;
  int rc = sqlite3_exec(db_sqlite(db), zSql, NULL, NULL, &zErr);
  if (rc != SQLITE_OK) fail_msg("%s: %s", zSql, zErr ? zErr : "?");
}

static int64_t int_of(Db *db, const char *zSql) {
  sqlite3_stmt *s;
  assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), zSql, -1, &s, NULL), SQLITE_OK);
  int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  return v;
}

static void text_of(Db *db, const char *zSql, char *zOut, size_t n) {
  sqlite3_stmt *s;
  assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), zSql, -1, &s, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  snprintf(zOut, n, "%s", (const char *)sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
}

/* One office: an org, a department, a user, a case with a person, a deadline of the case and one of the person, a
 * clock stop, a pending approval whose payload names the person, an event that names the approval. */
static const char zOffice[] =
    "INSERT INTO org(id, code, name, level, created_at) VALUES (1, '%s', '某县院', 'county', 'T');"
    "INSERT INTO department(id, org_id, name, kind, created_at) VALUES (1, 1, '第一检察部', 'criminal', 'T');"
    "INSERT INTO app_user(id, org_id, department_id, login, name, password_hash, created_at, updated_at)"
    "  VALUES (1, 1, 1, '%s', '甲', 'x', 'T', 'T');"
    "INSERT INTO user_role(user_id, role) VALUES (1, 'prosecutor');"
    "INSERT INTO case_record(id, org_id, case_number, case_type, title, source_agency, received_on, department_id,"
    "  prosecutor_id, status, created_at, updated_at)"
    "  VALUES (1, 1, 'N1', 'prosecution_review', '某案', '公安局', '2025-01-02', 1, 1, 'under_review', 'T', 'T');"
    "INSERT INTO case_person(id, org_id, case_id, name, custody) VALUES (1, 1, 1, '某甲', 'bail');"
    "INSERT INTO deadline(id, org_id, entity_kind, entity_id, person_id, case_id, kind, sequence, start_on, length,"
    "  custody_bound, warn_key, warn_days, status, rule, prosecutor_id, department_id) VALUES"
    "  (1, 1, 'case', 1, 0, 1, 'review', 1, '2025-01-02', '1m', 0, 'k', 3, 'open', 'r', 1, 1),"
    "  (2, 1, 'case', 1, 1, 1, 'review', 1, '2025-01-02', '1m', 0, 'k', 3, 'open', 'r', 1, 1);"
    "INSERT INTO clock_stop(id, org_id, entity_kind, entity_id, kind, from_on, reason, created_at)"
    "  VALUES (1, 1, 'case_person', 1, 'suspend', '2025-01-05', '因故', 'T');"
    "INSERT INTO approval(id, org_id, entity_kind, entity_id, case_id, decision_kind, approver, subject, payload,"
    "  reasons, proposed_by, proposed_at, status) VALUES (1, 1, 'case', 1, 1, 'return', 'chief', 's',"
    "  '{\"kind\":\"decide\",\"person_id\":1}', 'r', 1, 'T', 'pending');"
    "INSERT INTO case_event(id, org_id, case_id, kind, on_date, person_id, data, user_id, at)"
    "  VALUES (1, 1, 1, 'proposed', '2025-01-06', 1, '{\"approval_id\":1,\"reason\":\"x\"}', 1, 'T');";

static void add_office(Db *db, const char *zCode, const char *zLogin) {
  char zSql[sizeof zOffice + 64];
  snprintf(zSql, sizeof zSql, zOffice, zCode, zLogin);
  exec_ok(db, zSql);
}

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/jw-copy-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  char zPath[96];
  JwErr e;
  snprintf(zPath, sizeof zPath, "%s/src.db", f->zDir);
  assert_int_equal(db_open(zPath, DB_OPEN_CREATE, &f->src, &e), 0);
  snprintf(zPath, sizeof zPath, "%s/dst.db", f->zDir);
  assert_int_equal(db_open(zPath, DB_OPEN_CREATE, &f->dst, &e), 0);
  add_office(f->src, "src_org", "src_user");
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  db_close(f->src);
  db_close(f->dst);
  char zCmd[96];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", f->zDir);
  int rc = system(zCmd);
  free(f);
  return rc == 0 ? 0 : -1;
}

/* Plans and copies every COPY_ROWS table in one transaction on dst; returns the first failure. */
static int copy_all(Fixture *f, CopyPlan *p, JwErr *e) {
  if (copy_plan(f->src, f->dst, p, e)) return -1;
  assert_int_equal(db_begin(f->dst), 0);
  for (int i = 0; i < p->nTable; i++) {
    if (copy_table_rows(f->src, f->dst, p, &p->aTable[i], NULL, NULL, e)) {
      db_rollback(f->dst);
      return -1;
    }
  }
  assert_int_equal(db_commit(f->dst), 0);
  return 0;
}

static void test_empty_target_copies_verbatim(void **state) {
  Fixture *f = *state;
  CopyPlan p;
  JwErr e;
  assert_int_equal(copy_all(f, &p, &e), 0);
  for (int i = 0; i < p.nTable; i++) assert_int_equal(p.aTable[i].offset, 0);
  assert_int_equal(copy_table(&p, "session")->mode, COPY_SKIP_TRANSIENT);
  assert_int_equal(copy_table(&p, "audit_log")->mode, COPY_ROWS); /* nothing to remap: verbatim */
  assert_int_equal(copy_table(&p, "deadline")->nCopied, 2);
  char z[128];
  text_of(f->dst, "SELECT payload FROM approval WHERE id = 1", z, sizeof z);
  assert_string_equal(z, "{\"kind\":\"decide\",\"person_id\":1}");
  /* the tables come referenced-first: org before department before app_user before case_record */
  int iOrg = -1, iDept = -1, iUser = -1, iCase = -1;
  for (int i = 0; i < p.nTable; i++) {
    const char *zName = p.aTable[i].zName;
    if (!strcmp(zName, "org")) iOrg = i;
    if (!strcmp(zName, "department")) iDept = i;
    if (!strcmp(zName, "app_user")) iUser = i;
    if (!strcmp(zName, "case_record")) iCase = i;
  }
  assert_true(iOrg < iDept && iDept < iUser && iUser < iCase);
}

static void test_ids_are_offset_past_the_target(void **state) {
  Fixture *f = *state;
  add_office(f->dst, "dst_org", "dst_user");
  exec_ok(f->dst, "INSERT INTO org(id, code, name, level, created_at) VALUES (5, 'dst2', '另一院', 'county', 'T')");
  CopyPlan p;
  JwErr e;
  char zWhat[64];
  assert_int_equal(copy_find_conflict(f->src, f->dst, zWhat, sizeof zWhat), 0);
  assert_int_equal(copy_all(f, &p, &e), 0);
  assert_int_equal(copy_table(&p, "org")->offset, 5);
  assert_int_equal(copy_table(&p, "case_person")->offset, 1);
  assert_int_equal(copy_table(&p, "audit_log")->mode, COPY_BY_CALLER);
  assert_int_equal(copy_remap(&p, "org", 1), 6);
  assert_int_equal(copy_remap(&p, "org", 0), 0);
  assert_int_equal(int_of(f->dst, "SELECT org_id FROM app_user WHERE login = 'src_user'"), 6);
  assert_int_equal(int_of(f->dst, "SELECT department_id FROM app_user WHERE login = 'src_user'"), 2);
  assert_int_equal(int_of(f->dst, "SELECT count(*) FROM case_record WHERE id = 2 AND org_id = 6 AND prosecutor_id = 2"),
                   1);
  /* references without a foreign key: entity_id by kind, person_id (0 stays 0), prosecutor and department */
  assert_int_equal(int_of(f->dst,
                          "SELECT count(*) FROM deadline WHERE id = 3 AND entity_id = 2 AND person_id = 0"
                          " AND prosecutor_id = 2 AND department_id = 2 AND case_id = 2"),
                   1);
  assert_int_equal(int_of(f->dst, "SELECT person_id FROM deadline WHERE id = 4"), 2);
  assert_int_equal(int_of(f->dst, "SELECT entity_id FROM clock_stop WHERE id = 2"), 2);
  char z[128];
  text_of(f->dst, "SELECT payload FROM approval WHERE id = 2", z, sizeof z);
  assert_string_equal(z, "{\"kind\":\"decide\",\"person_id\":2}");
  text_of(f->dst, "SELECT data FROM case_event WHERE id = 2", z, sizeof z);
  assert_string_equal(z, "{\"approval_id\":2,\"reason\":\"x\"}");
  assert_int_equal(int_of(f->dst, "PRAGMA foreign_key_check"), -1); /* no row: every reference resolves */
}

static void test_conflicts_and_unknown_kinds_are_refused(void **state) {
  Fixture *f = *state;
  add_office(f->dst, "src_org", "other_user");
  char zWhat[64];
  assert_int_equal(copy_find_conflict(f->src, f->dst, zWhat, sizeof zWhat), 1);
  assert_non_null(strstr(zWhat, "src_org"));
  exec_ok(f->dst, "UPDATE org SET code = 'renamed'; UPDATE app_user SET login = 'src_user'");
  assert_int_equal(copy_find_conflict(f->src, f->dst, zWhat, sizeof zWhat), 1);
  assert_non_null(strstr(zWhat, "src_user"));
  /* a kind of record this program does not know cannot be remapped: refused, nothing left */
  exec_ok(f->src, "UPDATE clock_stop SET entity_kind = 'mystery'");
  exec_ok(f->dst,
          "DELETE FROM case_event; DELETE FROM approval; DELETE FROM clock_stop; DELETE FROM deadline;"
          "DELETE FROM case_person; DELETE FROM case_record; DELETE FROM user_role; DELETE FROM app_user;"
          "DELETE FROM department; DELETE FROM org");
  exec_ok(f->dst, "INSERT INTO org(id, code, name, level, created_at) VALUES (3, 'x', 'x', 'county', 'T')");
  CopyPlan p;
  JwErr e;
  assert_int_equal(copy_all(f, &p, &e), -1);
  assert_non_null(strstr(e.message, "mystery"));
  assert_int_equal(int_of(f->dst, "SELECT count(*) FROM case_record"), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_empty_target_copies_verbatim, setup, teardown),
      cmocka_unit_test_setup_teardown(test_ids_are_offset_past_the_target, setup, teardown),
      cmocka_unit_test_setup_teardown(test_conflicts_and_unknown_kinds_are_refused, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
