/* test_store.c: unit tests for src/store and src/app on a real database, a SQLite file or, with JIANWU_TEST_PG, a
 * new PostgreSQL database (test_db.h): migrations, the newer-schema and foreign-database refusals, the audit hash
 * chain and tamper detection, account use cases with their validation and organisation scoping, sign-in lockout,
 * and online backup (SQLite only). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/accounts.h"
#include "app/agencies.h"
#include "app/audit.h"
#include "app/auth.h"
#include "store/accounts_store.h"
#include "store/backup.h"
#include "store/db.h"
#include "store/db_internal.h"
#include "store/schema.h"
#include "test_util.h"
#include "test_db.h"

typedef struct Fixture {
  char zDir[64];
  char zTarget[256]; /* the SQLite file or the PostgreSQL URL (test_db.h) */
  Db *db;
  int64_t orgA, orgB, adminA;
  Actor actorA, actorB;
} Fixture;

static int count_rows(Db *db, const char *zTable) {
  /* zTable is one of this file's literals */
  char zSql[96];
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM %s", zTable);
  Stmt *s = db_prepare_uncached(db, zSql);
  int n = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : -1;
  db_finalize(s);
  return n;
}

static int setup(void **state) {
  accounts_use_cheap_hashing_for_tests(); /* fast sign-ins; test_password_policy checks the product's cost */
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/jw-unit-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  assert_int_equal(test_db_new(f->zDir, "t.db", f->zTarget, sizeof f->zTarget), 0);
  JwErr e;
  assert_int_equal(db_open(f->zTarget, DB_OPEN_CREATE, &f->db, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orga", "甲县人民检察院", "county", NULL, &f->orgA, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orgb", "乙县人民检察院", "county", NULL, &f->orgB, &e), 0);
  assert_int_equal(accounts_user_bootstrap(f->db, "orga", "admina", "管理员甲", "admin", "password-a", &f->adminA, &e),
                   0);
  f->actorA = (Actor){.userId = f->adminA, .orgId = f->orgA, .zLogin = "admina"};
  f->actorB = (Actor){.userId = 0, .orgId = f->orgB, .zLogin = "system"};
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  db_close(f->db);
  if (test_db_drop(f->zTarget)) return -1;
  char zCmd[128];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", f->zDir);
  if (system(zCmd) != 0) return -1;
  free(f);
  return 0;
}

static void test_schema_is_current_and_hardened(void **state) {
  Fixture *f = *state;
  assert_int_equal(db_backend(f->db), test_db_is_pg() ? DB_POSTGRES : DB_SQLITE);
  assert_int_equal(db_schema_version(f->db), schema_latest());
  if (db_backend(f->db) == DB_SQLITE) { /* the connection settings of a SQLite file */
    Stmt *s = db_prepare_uncached(f->db, "PRAGMA journal_mode");
    assert_int_equal(db_step(s), DB_ROW);
    assert_string_equal(db_col_text(s, 0), "wal");
    db_finalize(s);
    s = db_prepare_uncached(f->db, "PRAGMA synchronous");
    assert_int_equal(db_step(s), DB_ROW);
    assert_int_equal(db_col_int(s, 0), 2); /* FULL */
    db_finalize(s);
    s = db_prepare_uncached(f->db, "PRAGMA foreign_keys");
    assert_int_equal(db_step(s), DB_ROW);
    assert_int_equal(db_col_int(s, 0), 1);
    db_finalize(s);
  } else {
    assert_null(db_sqlite(f->db));
  }
  /* foreign keys are enforced */
  assert_int_equal(dept_store_insert(f->db, 999, "x", "other", "2026-01-01T00:00:00Z"), -1);
  assert_true(db_is_constraint(f->db));
}

static void test_newer_schema_is_refused(void **state) {
  Fixture *f = *state;
  int pg = db_backend(f->db) == DB_POSTGRES;
  /* SQLite keeps the version in PRAGMA user_version, PostgreSQL in the table jianwu_schema */
  assert_int_equal(db_exec(f->db, pg ? "UPDATE jianwu_schema SET version = 99" : "PRAGMA user_version=999"), 0);
  Db *db2 = NULL;
  JwErr e;
  assert_int_equal(db_open(f->zTarget, DB_OPEN_EXISTING, &db2, &e), -1);
  assert_null(db2);
  assert_int_equal(e.status, 409);
  assert_non_null(strstr(e.message, pg ? "99" : "999"));
  char zSql[64];
  if (pg) snprintf(zSql, sizeof zSql, "UPDATE jianwu_schema SET version = %d", schema_latest());
  else snprintf(zSql, sizeof zSql, "PRAGMA user_version=%d", schema_latest());
  assert_int_equal(db_exec(f->db, zSql), 0);
  assert_int_equal(db_schema_version(f->db), schema_latest());
}

/* PostgreSQL: a database as version 1 of the program left it, with an organisation in it, built through libpq
 * with migration 1 as the driver retypes it. */
static void make_v1_pg_database(const char *zUrl) {
  char *zDdl = schema_pg_ddl(schema_migration(1));
  assert_int_equal(test_db_pg_exec(zUrl, zDdl), 0);
  free(zDdl);
  assert_int_equal(test_db_pg_exec(zUrl,
                                   "INSERT INTO org(code, name, level, created_at)"
                                   " VALUES ('old', '旧院', 'county', '2024-01-01T00:00:00Z');"
                                   "CREATE TABLE jianwu_schema(version BIGINT NOT NULL);"
                                   "INSERT INTO jianwu_schema(version) VALUES (1)"),
                   0);
}

static void test_older_database_is_migrated_forward_with_its_data(void **state) {
  Fixture *f = *state;
  char zOld[256];
  assert_int_equal(test_db_new(f->zDir, "v1.db", zOld, sizeof zOld), 0);
  if (test_db_is_pg()) {
    make_v1_pg_database(zOld);
  } else {
    sqlite3 *h;
    assert_int_equal(sqlite3_open(zOld, &h), SQLITE_OK);
    /* a database as version 1 of the program left it, with an organisation in it */
    assert_int_equal(sqlite3_exec(h, schema_migration(1), NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h,
                                  "INSERT INTO org(code, name, level, created_at)"
                                  " VALUES ('old', '旧院', 'county', '2024-01-01T00:00:00Z'); PRAGMA user_version=1;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
  }
  Db *db2 = NULL;
  JwErr e;
  assert_int_equal(db_open(zOld, DB_OPEN_EXISTING, &db2, &e), 0);
  assert_int_equal(db_schema_version(db2), schema_latest());
  assert_int_equal(count_rows(db2, "org"), 1);
  assert_int_equal(count_rows(db2, "case_record"), 0); /* the later migrations' tables exist */
  db_close(db2);
  if (test_db_is_pg()) assert_int_equal(test_db_drop(zOld), 0);
}

/* The text of the first column of the first row of zSql (this file's literals), "<none>" without a row. */
static const char *query_text(Db *db, const char *zSql) {
  static char z[1024];
  Stmt *s = db_prepare_uncached(db, zSql);
  int rc = db_step(s);
  assert_int_not_equal(rc, DB_ERROR);
  snprintf(z, sizeof z, "%s", rc != DB_ROW ? "<none>" : db_col_is_null(s, 0) ? "<null>" : db_col_text(s, 0));
  db_finalize(s);
  return z;
}

/* Migration 8 on a database at version 7 that holds two offices' cases: a person's charges are numbered in the order
 * they were read until then (by code), and each office's list of agencies holds the agencies its cases name, once
 * each, with the kind the name implies (NULL when it implies none) and the creation time of the first case. */
static void test_migration_8_numbers_charges_and_loads_agencies(void **state) {
  Fixture *f = *state;
  char zOld[256];
  assert_int_equal(test_db_new(f->zDir, "v7.db", zOld, sizeof zOld), 0);
  static const char zData[] =
      "INSERT INTO org(id, code, name, level, created_at) VALUES (1, 'a', '甲县院', 'county', '2024-01-01T00:00:00Z'),"
      " (2, 'b', '乙县院', 'county', '2024-01-01T00:00:00Z');"
      "INSERT INTO case_record(id, org_id, case_number, case_type, title, source_agency, received_on, status,"
      " created_at, updated_at) VALUES"
      " (1, 1, 'A1', 'prosecution_review', '甲案', '甲县公安局', '2024-02-01', 'under_review',"
      "  '2024-02-01T08:00:00Z', '2024-02-01T08:00:00Z'),"
      " (2, 1, 'A2', 'prosecution_review', '甲案二', '甲县公安局', '2024-01-15', 'under_review',"
      "  '2024-01-15T08:00:00Z', '2024-01-15T08:00:00Z'),"
      " (3, 1, 'A3', 'arrest_review', '甲案三', '甲县监察委员会', '2024-03-01', 'under_review',"
      "  '2024-03-01T08:00:00Z', '2024-03-01T08:00:00Z'),"
      " (4, 2, 'B1', 'prosecution_review', '乙案', '甲县公安局', '2024-03-01', 'under_review',"
      "  '2024-03-02T08:00:00Z', '2024-03-02T08:00:00Z'),"
      " (5, 2, 'B2', 'prosecution_review', '乙案二', '乙县林业局', '2024-03-01', 'under_review',"
      "  '2024-03-03T08:00:00Z', '2024-03-03T08:00:00Z');"
      "INSERT INTO case_person(id, org_id, case_id, name, custody) VALUES (1, 1, 1, '张某', 'none'),"
      " (2, 1, 1, '李某', 'none'), (3, 2, 4, '王某', 'none');"
      "INSERT INTO case_person_charge(person_id, charge, org_id) VALUES (1, 'theft', 1), (1, 'fraud', 1),"
      " (1, 'a277_2', 1), (2, 'robbery', 1), (3, 'theft', 2), (3, 'affray', 2);";
  if (test_db_is_pg()) {
    for (int v = 1; v <= 7; v++) {
      char *zDdl = schema_pg_ddl(schema_migration(v));
      assert_int_equal(test_db_pg_exec(zOld, zDdl), 0);
      free(zDdl);
    }
    assert_int_equal(test_db_pg_exec(zOld, zData), 0);
    assert_int_equal(test_db_pg_exec(zOld,
                                     "CREATE TABLE jianwu_schema(version BIGINT NOT NULL);"
                                     "INSERT INTO jianwu_schema(version) VALUES (7)"),
                     0);
  } else {
    sqlite3 *h;
    assert_int_equal(sqlite3_open(zOld, &h), SQLITE_OK);
    for (int v = 1; v <= 7; v++) assert_int_equal(sqlite3_exec(h, schema_migration(v), NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, zData, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "PRAGMA user_version=7", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
  }
  Db *db2 = NULL;
  JwErr e;
  assert_int_equal(db_open(zOld, DB_OPEN_EXISTING, &db2, &e), 0);
  assert_int_equal(db_schema_version(db2), schema_latest());
  assert_string_equal(query_text(db2,
                                 "SELECT group_concat(x, ',') FROM (SELECT person_id || ':' || charge || '='"
                                 " || position AS x FROM case_person_charge ORDER BY person_id, position) AS t"),
                      "1:a277_2=1,1:fraud=2,1:theft=3,2:robbery=1,3:affray=1,3:theft=2");
  assert_string_equal(
      query_text(db2,
                 "SELECT group_concat(x, '|') FROM (SELECT org_id || ' ' || name || ' '"
                 " || coalesce(kind, '-') || ' ' || created_at AS x FROM agency"
                 " ORDER BY org_id, created_at) AS t"),
      "1 甲县公安局 public_security 2024-01-15T08:00:00Z|1 甲县监察委员会 supervision 2024-03-01T08:00:00Z|"
      "2 甲县公安局 public_security 2024-03-02T08:00:00Z|2 乙县林业局 - 2024-03-03T08:00:00Z");
  /* the table takes new rows after the copied ones (PostgreSQL: its identity sequence moved past them) */
  Stmt *s = db_prepare_uncached(db2,
                                "INSERT INTO agency(org_id, name, created_at) VALUES (1, '甲县派出所', 'x')"
                                " RETURNING id");
  assert_int_equal(db_step(s), DB_ROW);
  assert_true(db_col_int(s, 0) > 4);
  db_finalize(s);
  /* the unique name per office holds */
  assert_int_equal(db_exec(db2, "INSERT INTO agency(org_id, name, created_at) VALUES (2, '乙县林业局', 'x')"), -1);
  db_close(db2);
  if (test_db_is_pg()) assert_int_equal(test_db_drop(zOld), 0);
}

/* issue 10 (agencies): migration 9 rebuilds the agency table (wider kinds, new columns) keeping every id, and the
 * identity moves past them. */
static void test_migration_9_keeps_agency_ids(void **state) {
  Fixture *f = *state;
  char zOld[256];
  assert_int_equal(test_db_new(f->zDir, "v8.db", zOld, sizeof zOld), 0);
  static const char zData[] =
      "INSERT INTO org(id, code, name, level, created_at) VALUES (1, 'a', '甲县院', 'county', '2024-01-01T00:00:00Z');"
      "INSERT INTO agency(id, org_id, name, kind, created_at) VALUES (3, 1, '甲县公安局', 'public_security', 'x'),"
      " (7, 1, '甲县林业局', NULL, 'y');";
  if (test_db_is_pg()) {
    for (int v = 1; v <= 8; v++) {
      char *zDdl = schema_pg_ddl(schema_migration(v));
      assert_int_equal(test_db_pg_exec(zOld, zDdl), 0);
      free(zDdl);
    }
    assert_int_equal(test_db_pg_exec(zOld, zData), 0);
    assert_int_equal(test_db_pg_exec(zOld,
                                     "CREATE TABLE jianwu_schema(version BIGINT NOT NULL);"
                                     "INSERT INTO jianwu_schema(version) VALUES (8)"),
                     0);
  } else {
    sqlite3 *h;
    assert_int_equal(sqlite3_open(zOld, &h), SQLITE_OK);
    for (int v = 1; v <= 8; v++) assert_int_equal(sqlite3_exec(h, schema_migration(v), NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, zData, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "PRAGMA user_version=8", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
  }
  Db *db2 = NULL;
  JwErr e;
  assert_int_equal(db_open(zOld, DB_OPEN_EXISTING, &db2, &e), 0);
  assert_int_equal(db_schema_version(db2), schema_latest());
  assert_string_equal(
      query_text(db2,
                 "SELECT group_concat(x, '|') FROM (SELECT id || ' ' || name || ' ' || coalesce(kind, '-')"
                 " || ' ' || coalesce(credit_code, '-') || ' ' || coalesce(superior_id, 0) AS x"
                 " FROM agency ORDER BY id) AS t"),
      "3 甲县公安局 public_security - 0|7 甲县林业局 - - 0");
  /* a new kind is accepted now; new rows come after the copied ids; the superior must exist */
  Stmt *s = db_prepare_uncached(db2,
                                "INSERT INTO agency(org_id, name, kind, superior_id, created_at)"
                                " VALUES (1, '甲县市场监督管理局', 'market_regulation', 3, 'z') RETURNING id");
  assert_int_equal(db_step(s), DB_ROW);
  assert_true(db_col_int(s, 0) > 7);
  db_finalize(s);
  assert_int_equal(db_exec(db2, "INSERT INTO agency(org_id, name, kind, created_at) VALUES (1, '乙', 'boss', 'z')"),
                   -1);
  assert_int_equal(db_exec(db2, "INSERT INTO agency(org_id, name, superior_id, created_at) VALUES (1, '丙', 99, 'z')"),
                   -1);
  db_close(db2);
  if (test_db_is_pg()) assert_int_equal(test_db_drop(zOld), 0);
}

/* issue 10 (agencies): the registry's use cases: the credit code is normalised, every refusal names its field and
 * writes nothing, duplicates are 409, a superior comes from the same office and never makes a cycle, an update is
 * audited with before and after, and another office's agency is not found. */
static void test_agency_registry(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *out = NULL;
  json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "name", "甲县人民政府", "kind", "county_government", "credit_code",
                         " 113311220025000j42 ", "phone", "0578-3123001");
  assert_int_equal(agencies_create(f->db, &f->actorA, in, &out, &e), 0);
  json_decref(in);
  int64_t gov = json_integer_value(json_object_get(out, "id"));
  assert_string_equal(json_string_value(json_object_get(out, "credit_code")), "113311220025000J42");
  assert_true(json_is_null(json_object_get(out, "superior_id")));
  json_decref(out);
  in = json_pack("{s:s, s:s, s:I}", "name", "甲县市场监督管理局", "kind", "market_regulation", "superior_id",
                 (json_int_t)gov);
  assert_int_equal(agencies_create(f->db, &f->actorA, in, &out, &e), 0);
  json_decref(in);
  int64_t market = json_integer_value(json_object_get(out, "id"));
  assert_string_equal(json_string_value(json_object_get(out, "superior_name")), "甲县人民政府");
  json_decref(out);

  int agencies = count_rows(f->db, "agency"), audits = count_rows(f->db, "audit_log");
  static const struct {
    const char *zJson, *zField;
    int status;
  } bad[] = {
      {"{\"kind\":\"taxation\"}", "name", 400},
      {"{\"name\":\"甲县税务局\"}", "kind", 400},
      {"{\"name\":\"甲县税务局\",\"kind\":\"boss\"}", "kind", 400},
      {"{\"name\":\"甲县税务局\",\"kind\":\"taxation\",\"credit_code\":\"113311220025000J43\"}", "credit_code", 400},
      {"{\"name\":\"甲县税务局\",\"kind\":\"taxation\",\"phone\":\"0578<script>\"}", "phone", 400},
      {"{\"name\":\" 甲县税务局\",\"kind\":\"taxation\"}", "name", 400},
      {"{\"name\":\"甲县税务局\",\"kind\":\"taxation\",\"superior_id\":99999}", "superior_id", 422},
      {"{\"name\":\"甲县人民政府\",\"kind\":\"taxation\"}", "name", 409},
      {"{\"name\":\"甲县税务局\",\"kind\":\"taxation\",\"credit_code\":\"113311220025000J42\"}", "credit_code", 409},
      {"{\"name\":\"甲县税务局\",\"kind\":\"taxation\",\"extra\":1}", "extra", 400},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    in = json_loads(bad[i].zJson, 0, NULL);
    assert_non_null(in);
    assert_int_equal(agencies_create(f->db, &f->actorA, in, &out, &e), -1);
    assert_string_equal(e.field, bad[i].zField);
    assert_int_equal(e.status, bad[i].status);
    json_decref(in);
  }
  /* no cycles: the government cannot sit under its own bureau, nor under itself */
  in = json_pack("{s:I}", "superior_id", (json_int_t)market);
  assert_int_equal(agencies_update(f->db, &f->actorA, gov, in, &out, &e), -1);
  assert_string_equal(e.field, "superior_id");
  assert_int_equal(e.status, 422);
  json_decref(in);
  in = json_pack("{s:I}", "superior_id", (json_int_t)gov);
  assert_int_equal(agencies_update(f->db, &f->actorA, gov, in, &out, &e), -1);
  assert_string_equal(e.field, "superior_id");
  json_decref(in);
  /* another office cannot see, change or point at the agency */
  assert_int_equal(agencies_get(f->db, &f->actorB, gov, &out, &e), -1);
  assert_int_equal(e.status, 404);
  in = json_pack("{s:s}", "address", "乙县");
  assert_int_equal(agencies_update(f->db, &f->actorB, gov, in, &out, &e), -1);
  assert_int_equal(e.status, 404);
  json_decref(in);
  in = json_pack("{s:s, s:s, s:I}", "name", "乙县市场监督管理局", "kind", "market_regulation", "superior_id",
                 (json_int_t)gov);
  assert_int_equal(agencies_create(f->db, &f->actorB, in, &out, &e), -1);
  assert_string_equal(e.field, "superior_id");
  json_decref(in);
  assert_int_equal(count_rows(f->db, "agency"), agencies);
  assert_int_equal(count_rows(f->db, "audit_log"), audits);
  assert_false(db_in_transaction(f->db));

  /* an update: a field present changes, null clears, the rest stays; audited with before and after */
  in = json_pack("{s:s, s:n}", "contact_person", "周某", "phone");
  assert_int_equal(agencies_update(f->db, &f->actorA, gov, in, &out, &e), 0);
  json_decref(in);
  assert_string_equal(json_string_value(json_object_get(out, "contact_person")), "周某");
  assert_true(json_is_null(json_object_get(out, "phone")));
  assert_string_equal(json_string_value(json_object_get(out, "credit_code")), "113311220025000J42");
  assert_string_equal(json_string_value(json_object_get(out, "kind")), "county_government");
  json_decref(out);
  assert_int_equal(count_rows(f->db, "audit_log"), audits + 1);
  assert_string_equal(query_text(f->db, "SELECT action || ' ' || entity FROM audit_log ORDER BY id DESC LIMIT 1"),
                      "agency.update agency");
  /* the list finds by part of the credit code and filters by kind */
  AgencyFilter lf = {.zQuery = "000j4", .limit = 50};
  assert_int_equal(agencies_list(f->db, &f->actorA, lf, &out, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 1);
  json_decref(out);
  lf = (AgencyFilter){.zKind = "market_regulation", .limit = 50};
  assert_int_equal(agencies_list(f->db, &f->actorA, lf, &out, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 1);
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(json_object_get(out, "items"), 0), "superior_name")),
      "甲县人民政府");
  json_decref(out);
  /* the reference check the records naming an agency use (agency_id of 行刑衔接 and 检察建议) */
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(agencies_check_ref(f->db, &f->actorA, market, "agency_id", &e), 0);
  assert_int_equal(agencies_check_ref(f->db, &f->actorB, market, "agency_id", &e), -1);
  assert_int_equal(e.status, 422);
  assert_string_equal(e.field, "agency_id");
  assert_int_equal(agencies_check_ref(f->db, &f->actorA, 0, "agency_id", &e), -1);
  assert_int_equal(agencies_check_ref(f->db, &f->actorA, 999999, "agency_id", &e), -1);
  db_rollback(f->db);
  lf = (AgencyFilter){.zKind = "boss", .limit = 50};
  assert_int_equal(agencies_list(f->db, &f->actorA, lf, &out, &e), -1);
  assert_string_equal(e.field, "kind");
}

/* PostgreSQL: a database that holds another program's table, and one that is empty (the equivalent of a missing
 * file: jianwu init has not run), are refused, and the empty one is left empty. */
static void foreign_and_empty_pg_databases_are_refused(Fixture *f) {
  char zOther[256];
  assert_int_equal(test_db_new(f->zDir, "other.db", zOther, sizeof zOther), 0);
  assert_int_equal(test_db_pg_exec(zOther, "CREATE TABLE t(x integer)"), 0);
  Db *db2 = NULL;
  JwErr e;
  assert_int_equal(db_open(zOther, DB_OPEN_EXISTING, &db2, &e), -1);
  assert_null(db2);
  assert_non_null(strstr(e.message, "不是检务数据库"));
  assert_int_equal(test_db_pg_int(zOther, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), 1);
  assert_int_equal(test_db_drop(zOther), 0);
  assert_int_equal(test_db_new(f->zDir, "missing.db", zOther, sizeof zOther), 0);
  assert_int_equal(db_open(zOther, DB_OPEN_EXISTING, &db2, &e), -1);
  assert_null(db2);
  assert_int_equal(e.status, 404);
  assert_int_equal(test_db_pg_int(zOther, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), 0);
  assert_int_equal(test_db_drop(zOther), 0);
}

static void test_foreign_and_missing_files_are_refused(void **state) {
  Fixture *f = *state;
  if (test_db_is_pg()) {
    foreign_and_empty_pg_databases_are_refused(f);
    return;
  }
  char zOther[128];
  snprintf(zOther, sizeof zOther, "%s/other.db", f->zDir);
  sqlite3 *h;
  sqlite3_open(zOther, &h);
  sqlite3_exec(h, "CREATE TABLE t(x)", NULL, NULL, NULL);
  sqlite3_close(h);
  Db *db2 = NULL;
  JwErr e;
  assert_int_equal(db_open(zOther, DB_OPEN_EXISTING, &db2, &e), -1);
  assert_non_null(strstr(e.message, "不是检务数据库"));
  snprintf(zOther, sizeof zOther, "%s/missing.db", f->zDir);
  assert_int_equal(db_open(zOther, DB_OPEN_EXISTING, &db2, &e), -1);
  assert_int_equal(access(zOther, F_OK), -1); /* not created by accident */
}

static void test_audit_chain_verifies_and_detects_tampering(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *in = json_pack("{s:s, s:s}", "name", "第一检察部", "kind", "criminal"), *out = NULL;
  assert_int_equal(accounts_dept_create(f->db, &f->actorA, in, &out, &e), 0);
  json_decref(in);
  json_decref(out);
  int64_t bad = -1, rows = 0;
  char zWhy[200];
  assert_int_equal(audit_verify(f->db, &bad, zWhy, sizeof zWhy, &rows), 0);
  assert_int_equal(rows, 4); /* 2 orgs, 1 user, 1 department */
  int pg = db_backend(f->db) == DB_POSTGRES;
  /* The log refuses UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) ... */
  assert_int_equal(db_exec(f->db, "UPDATE audit_log SET action='x' WHERE id=2"), -1);
  assert_int_equal(db_exec(f->db, "DELETE FROM audit_log WHERE id=2"), -1);
  if (pg) assert_int_equal(db_exec(f->db, "TRUNCATE audit_log"), -1);
  assert_int_equal(count_rows(f->db, "audit_log"), 4);
  /* ... and someone who drops the trigger and edits a row is caught by the chain. */
  assert_int_equal(db_exec(f->db, pg ? "DROP TRIGGER audit_log_no_update ON audit_log;"
                                       "UPDATE audit_log SET after_json='{\"name\":\"forged\"}' WHERE id=3"
                                     : "DROP TRIGGER audit_log_no_update;"
                                       "UPDATE audit_log SET after_json='{\"name\":\"forged\"}' WHERE id=3"),
                   0);
  assert_int_equal(audit_verify(f->db, &bad, zWhy, sizeof zWhy, &rows), 1);
  assert_int_equal(bad, 3);
}

/* A bulk load (db_bulk_begin): each use case is a savepoint of one transaction; one that fails is undone alone, also
 * after a failed statement (PostgreSQL's aborted transaction is recovered by the savepoint's rollback), and
 * db_bulk_commit() keeps the others with an audit chain that verifies. */
static void test_bulk_load_undoes_a_failed_use_case_alone(void **state) {
  Fixture *f = *state;
  JwErr e;
  int64_t id = 0;
  int orgs = count_rows(f->db, "org"), audits = count_rows(f->db, "audit_log");
  assert_int_equal(db_bulk_begin(f->db), 0);
  assert_true(db_in_transaction(f->db));
  assert_int_equal(db_bulk_begin(f->db), -1); /* not nested */
  assert_int_equal(accounts_org_bootstrap(f->db, "orgc", "丙县人民检察院", "county", NULL, &id, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orga", "重复的院", "county", NULL, &id, &e), -1);
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(db_exec(f->db, "INSERT INTO org(code) VALUES (NULL)"), -1); /* a failed statement */
  db_rollback(f->db);
  assert_true(db_in_transaction(f->db)); /* the bulk transaction goes on */
  assert_int_equal(accounts_org_bootstrap(f->db, "orgd", "丁县人民检察院", "county", NULL, &id, &e), 0);
  assert_int_equal(db_bulk_commit(f->db), 0);
  assert_false(db_in_transaction(f->db));
  assert_int_equal(count_rows(f->db, "org"), orgs + 2);
  assert_true(count_rows(f->db, "audit_log") > audits);
  int64_t bad = 0, rows = 0;
  char zWhy[256];
  assert_int_equal(audit_verify(f->db, &bad, zWhy, sizeof zWhy, &rows), 0);
  /* back to ordinary transactions */
  assert_int_equal(accounts_org_bootstrap(f->db, "orge", "戊县人民检察院", "county", NULL, &id, &e), 0);
  assert_false(db_in_transaction(f->db));
  assert_int_equal(count_rows(f->db, "org"), orgs + 3);
}

static void test_audit_append_needs_a_transaction(void **state) {
  Fixture *f = *state;
  JwErr e;
  assert_int_equal(audit_append(f->db, &f->actorA, "x", "y", NULL, NULL, NULL, &e), -1);
  assert_int_equal(e.status, 500);
}

static void test_user_create_validates_and_writes_nothing_on_error(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *out = NULL;
  int users = count_rows(f->db, "app_user"), audits = count_rows(f->db, "audit_log");
  static const struct {
    const char *zJson, *zField;
  } bad[] = {
      {"{\"login\":\"Zhang\",\"name\":\"张三\",\"roles\":[\"prosecutor\"],\"password\":\"zhang-pass-1\"}", "login"},
      {"{\"login\":\"zhang\",\"name\":\"张三\",\"roles\":[\"boss\"],\"password\":\"zhang-pass-1\"}", "roles"},
      {"{\"login\":\"zhang\",\"name\":\"张三\",\"roles\":[\"clerk\",\"clerk\"],\"password\":\"zhang-pass-1\"}",
       "roles"},
      {"{\"login\":\"zhang\",\"name\":\"张三\",\"roles\":[],\"password\":\"zhang-pass-1\"}", "roles"},
      {"{\"login\":\"zhang\",\"name\":\"张三\",\"roles\":[\"clerk\"],\"password\":\"1234567\"}", "password"},
      {"{\"login\":\"zhang\",\"name\":\"张三\",\"roles\":[\"clerk\"],\"password\":\"zhang-pass-1\",\"department_id\":"
       "77}",
       "department_id"},
      {"{\"login\":\"admina\",\"name\":\"张三\",\"roles\":[\"clerk\"],\"password\":\"zhang-pass-1\"}", "login"},
      {"{\"login\":\"zhang\",\"roles\":[\"clerk\"],\"password\":\"zhang-pass-1\"}", "name"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    json_t *in = json_loads(bad[i].zJson, 0, NULL);
    assert_non_null(in);
    assert_int_equal(accounts_user_create(f->db, &f->actorA, in, &out, &e), -1);
    assert_string_equal(e.field, bad[i].zField);
    json_decref(in);
  }
  assert_int_equal(count_rows(f->db, "app_user"), users);
  assert_int_equal(count_rows(f->db, "audit_log"), audits);
  assert_false(db_in_transaction(f->db));
}

static void test_records_of_another_org_are_not_found(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *in = json_pack("{s:s, s:s}", "name", "控告申诉检察部", "kind", "petition"), *out = NULL;
  assert_int_equal(accounts_dept_create(f->db, &f->actorA, in, &out, &e), 0);
  int64_t deptId = json_integer_value(json_object_get(out, "id"));
  json_decref(in);
  json_decref(out);
  out = NULL;
  in = json_pack("{s:s}", "name", "改名");
  assert_int_equal(accounts_dept_update(f->db, &f->actorB, deptId, in, &out, &e), -1);
  assert_int_equal(e.status, 404);
  assert_int_equal(accounts_user_update(f->db, &f->actorB, f->adminA, in, &out, &e), -1);
  assert_int_equal(e.status, 404);
  assert_int_equal(accounts_org_update(f->db, &f->actorB, f->orgA, in, &out, &e), -1);
  assert_int_equal(e.status, 404);
  json_decref(in);
  assert_null(user_store_get(f->db, f->orgB, f->adminA));
  assert_non_null(out = user_store_get(f->db, f->orgA, f->adminA));
  json_decref(out);
  /* a sub-organisation may only be created below one's own */
  in = json_pack("{s:s, s:s, s:s, s:I}", "code", "sub", "name", "下级院", "level", "county", "parent_id",
                 (json_int_t)f->orgA);
  assert_int_equal(accounts_org_create(f->db, &f->actorB, in, &out, &e), -1);
  assert_string_equal(e.field, "parent_id");
  json_decref(in);
}

static void test_admin_cannot_lock_themselves_out(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *out = NULL, *in = json_pack("{s:b}", "active", 0);
  assert_int_equal(accounts_user_update(f->db, &f->actorA, f->adminA, in, &out, &e), -1);
  assert_string_equal(e.field, "active");
  json_decref(in);
  in = json_pack("{s:[s]}", "roles", "clerk");
  assert_int_equal(accounts_user_update(f->db, &f->actorA, f->adminA, in, &out, &e), -1);
  assert_string_equal(e.field, "roles");
  json_decref(in);
}

static void test_login_locks_after_five_failures(void **state) {
  Fixture *f = *state;
  JwErr e;
  char zToken[65], zCsrf[65];
  json_t *user = NULL;
  json_t *bad = json_pack("{s:s, s:s}", "login", "admina", "password", "wrong-password");
  json_t *good = json_pack("{s:s, s:s}", "login", "admina", "password", "password-a");
  assert_int_equal(auth_login(f->db, good, "127.0.0.1", zToken, zCsrf, &user, &e), 0);
  AuthSession s;
  assert_int_equal(auth_session_check(f->db, zToken, &s), 1);
  assert_int_equal(s.actor.userId, f->adminA);
  assert_true(auth_csrf_ok(&s, zCsrf));
  assert_false(auth_csrf_ok(&s, zToken));
  assert_int_equal(auth_session_check(f->db, "00", &s), 0);
  json_decref(user);
  for (int i = 0; i < AUTH_MAX_FAILURES; i++) {
    assert_int_equal(auth_login(f->db, bad, "127.0.0.1", zToken, zCsrf, &user, &e), -1);
    assert_string_equal(e.code, "login_failed");
  }
  assert_int_equal(auth_login(f->db, good, "127.0.0.1", zToken, zCsrf, &user, &e), -1);
  assert_string_equal(e.code, "account_locked");
  assert_int_equal(e.status, 423);
  json_decref(bad);
  json_decref(good);
}

/* The lock is per (login, address), for unknown logins alike; the owner signs in from another address meanwhile. */
static void test_lockout_is_per_address_and_tells_nothing_about_logins(void **state) {
  Fixture *f = *state;
  JwErr e, eUnknown;
  char zToken[65], zCsrf[65];
  json_t *user = NULL;
  json_t *bad = json_pack("{s:s, s:s}", "login", "admina", "password", "wrong-password");
  json_t *ghost = json_pack("{s:s, s:s}", "login", "no-such-login", "password", "wrong-password");
  json_t *good = json_pack("{s:s, s:s}", "login", "admina", "password", "password-a");
  for (int i = 0; i < AUTH_MAX_FAILURES; i++) {
    assert_int_equal(auth_login(f->db, bad, "10.0.0.66", zToken, zCsrf, &user, &e), -1);
    assert_int_equal(auth_login(f->db, ghost, "10.0.0.66", zToken, zCsrf, &user, &eUnknown), -1);
    assert_int_equal(e.status, eUnknown.status);
    assert_string_equal(e.message, eUnknown.message);
  }
  assert_int_equal(auth_login(f->db, good, "10.0.0.66", zToken, zCsrf, &user, &e), -1);
  assert_int_equal(auth_login(f->db, ghost, "10.0.0.66", zToken, zCsrf, &user, &eUnknown), -1);
  assert_int_equal(e.status, 423);
  assert_int_equal(eUnknown.status, 423);
  assert_string_equal(e.code, eUnknown.code);
  assert_string_equal(e.message, eUnknown.message);
  /* the owner, from their own machine */
  assert_int_equal(auth_login(f->db, good, "10.0.0.7", zToken, zCsrf, &user, &e), 0);
  json_decref(user);
  /* an administrator's unlock lifts the lock at 10.0.0.66 */
  assert_int_equal(auth_unlock_user(f->db, &f->actorA, f->adminA, &e), 0);
  assert_int_equal(auth_login(f->db, good, "10.0.0.66", zToken, zCsrf, &user, &e), 0);
  json_decref(user);
  json_decref(bad);
  json_decref(ghost);
  json_decref(good);
}

/* Past AUTH_ADDRESS_FREE_FAILURES failures, one address must wait before each further attempt, whatever the login. */
static void test_an_address_spraying_logins_is_slowed_down(void **state) {
  Fixture *f = *state;
  JwErr e;
  char zToken[65], zCsrf[65];
  json_t *user = NULL;
  for (int i = 0; i <= AUTH_ADDRESS_FREE_FAILURES; i++) {
    char zLogin[32];
    snprintf(zLogin, sizeof zLogin, "spray%d", i);
    json_t *in = json_pack("{s:s, s:s}", "login", zLogin, "password", "wrong-password");
    assert_int_equal(auth_login(f->db, in, "10.0.0.99", zToken, zCsrf, &user, &e), -1);
    assert_int_equal(e.status, 401);
    json_decref(in);
  }
  json_t *good = json_pack("{s:s, s:s}", "login", "admina", "password", "password-a");
  assert_int_equal(auth_login(f->db, good, "10.0.0.99", zToken, zCsrf, &user, &e), -1);
  assert_int_equal(e.status, 429);
  assert_string_equal(e.code, "too_many_attempts");
  assert_int_equal(auth_login(f->db, good, "10.0.0.98", zToken, zCsrf, &user, &e), 0); /* another address */
  json_decref(user);
  json_decref(good);
}

/* db_prepare_assembled(): one statement per distinct text, reused, the least recently used released when the cache
 * is full and prepared again when it comes back, with the right answers throughout; on PostgreSQL a released
 * statement's server-side copy is deallocated, so the connection's prepared statements stay bounded. */
static void test_assembled_statements_are_cached_by_text(void **state) {
  Fixture *f = *state;
  char zA[64], zB[64];
  snprintf(zA, sizeof zA, "SELECT ?1 + %d", 1);
  snprintf(zB, sizeof zB, "SELECT ?1 + %d", 1);
  Stmt *a = db_prepare_assembled(f->db, zA); /* sql-safe: the test's own text */
  db_bind_int(a, 1, 41);
  assert_int_equal(db_step(a), DB_ROW);
  assert_int_equal(db_col_int(a, 0), 42);
  db_done(a);
  Stmt *b = db_prepare_assembled(f->db, zB); /* sql-safe: same text, another buffer */
  assert_ptr_equal(a, b);
  db_bind_int(b, 1, 1);
  assert_int_equal(db_step(b), DB_ROW);
  assert_int_equal(db_col_int(b, 0), 2);
  db_done(b);
  /* fill the cache past its size with other texts, each answering right */
  for (int i = 0; i < 3 * DB_ASSEMBLED_SLOTS; i++) {
    char z[64];
    snprintf(z, sizeof z, "SELECT ?1 + %d", 1000 + i);
    Stmt *s = db_prepare_assembled(f->db, z); /* sql-safe: the test's own text */
    db_bind_int(s, 1, i);
    assert_int_equal(db_step(s), DB_ROW);
    assert_int_equal(db_col_int(s, 0), 1000 + 2 * i);
    db_done(s);
  }
  Stmt *c = db_prepare_assembled(f->db, zA); /* sql-safe: released by now, prepared again */
  db_bind_int(c, 1, 9);
  assert_int_equal(db_step(c), DB_ROW);
  assert_int_equal(db_col_int(c, 0), 10);
  db_done(c);
  if (test_db_is_pg()) {
    Stmt *n = db_prepare(f->db, "SELECT count(*) FROM pg_prepared_statements");
    assert_int_equal(db_step(n), DB_ROW);
    assert_true(db_col_int(n, 0) <= f->db->nCached + DB_ASSEMBLED_SLOTS + 1);
    db_done(n);
  }
}

static void test_backup_is_a_verified_copy(void **state) {
  Fixture *f = *state;
  if (db_backend(f->db) != DB_SQLITE) skip(); /* the online backup copies a SQLite file (pg_dump's job on PostgreSQL) */
  JwErr e;
  char zOut[128];
  snprintf(zOut, sizeof zOut, "%s/backup.db", f->zDir);
  assert_int_equal(backup_to_file(f->db, zOut, &e), 0);
  assert_int_equal(backup_to_file(f->db, zOut, &e), -1); /* never overwrites */
  Db *copy = NULL;
  assert_int_equal(db_open(zOut, DB_OPEN_EXISTING, &copy, &e), 0);
  assert_int_equal(backup_integrity_check(copy, &e), 0);
  assert_int_equal(count_rows(copy, "app_user"), count_rows(f->db, "app_user"));
  int64_t bad;
  char zWhy[200];
  assert_int_equal(audit_verify(copy, &bad, zWhy, sizeof zWhy, NULL), 0);
  db_close(copy);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_schema_is_current_and_hardened, setup, teardown),
      cmocka_unit_test_setup_teardown(test_assembled_statements_are_cached_by_text, setup, teardown),
      cmocka_unit_test_setup_teardown(test_newer_schema_is_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(test_older_database_is_migrated_forward_with_its_data, setup, teardown),
      cmocka_unit_test_setup_teardown(test_migration_8_numbers_charges_and_loads_agencies, setup, teardown),
      cmocka_unit_test_setup_teardown(test_migration_9_keeps_agency_ids, setup, teardown),
      cmocka_unit_test_setup_teardown(test_agency_registry, setup, teardown),
      cmocka_unit_test_setup_teardown(test_foreign_and_missing_files_are_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(test_audit_chain_verifies_and_detects_tampering, setup, teardown),
      cmocka_unit_test_setup_teardown(test_audit_append_needs_a_transaction, setup, teardown),
      cmocka_unit_test_setup_teardown(test_bulk_load_undoes_a_failed_use_case_alone, setup, teardown),
      cmocka_unit_test_setup_teardown(test_user_create_validates_and_writes_nothing_on_error, setup, teardown),
      cmocka_unit_test_setup_teardown(test_records_of_another_org_are_not_found, setup, teardown),
      cmocka_unit_test_setup_teardown(test_admin_cannot_lock_themselves_out, setup, teardown),
      cmocka_unit_test_setup_teardown(test_login_locks_after_five_failures, setup, teardown),
      cmocka_unit_test_setup_teardown(test_lockout_is_per_address_and_tells_nothing_about_logins, setup, teardown),
      cmocka_unit_test_setup_teardown(test_an_address_spraying_logins_is_slowed_down, setup, teardown),
      cmocka_unit_test_setup_teardown(test_backup_is_a_verified_copy, setup, teardown),
  };
  return cmocka_run_group_tests_name("store and app", tests, NULL, NULL);
}
