/* test_db_sql.c: unit tests of the two SQL text rewrites the PostgreSQL driver makes, without a server:
 * db_sql_to_pg (src/store/db_sql.c: ?N placeholders to $N outside literals, quoted identifiers and -- comments, the
 * highest N and the numbers used, malformed placeholders refused) and schema_pg_ddl (src/store/schema.c: INTEGER
 * to BIGINT as a whole word outside string literals, INTEGER PRIMARY KEY to an identity column, the index name
 * session_user quoted). */
#include <stdio.h>
#include <stdlib.h>

#include "store/db_internal.h"
#include "store/schema.h"
#include "test_util.h"

/* Rewrites zSql and checks the text, the highest number and the numbers used (zUsed: "13" for ?1 and ?3). */
static void assert_pg(const char *zSql, const char *zWant, int nWant, const char *zUsed) {
  unsigned char aUsed[DB_MAX_PARAM + 1];
  memset(aUsed, 0xAA, sizeof aUsed); /* the rewrite must clear what it does not set */
  int n = -1;
  char *z = db_sql_to_pg(zSql, &n, aUsed);
  assert_non_null(z);
  assert_string_equal(z, zWant);
  assert_int_equal(n, nWant);
  /* the statements given here use ?1..?9 only (test_highest_number_and_gaps checks two-digit numbers) */
  for (int i = 0; i <= DB_MAX_PARAM; i++) {
    int want = i >= 1 && i <= 9 && strchr(zUsed, '0' + i) != NULL;
    if (aUsed[i] != want) fail_msg("%s: aUsed[%d] is %d, want %d", zSql, i, aUsed[i], want);
  }
  free(z);
}

static void test_placeholders_become_dollar_numbers(void **state) {
  (void)state;
  assert_pg("SELECT name FROM org WHERE id = ?1 AND code = ?2", "SELECT name FROM org WHERE id = $1 AND code = $2", 2,
            "12");
  assert_pg("UPDATE t SET a = ?2, b = ?1 WHERE c = ?1", "UPDATE t SET a = $2, b = $1 WHERE c = $1", 2, "12");
  assert_pg("SELECT ?1||?2", "SELECT $1||$2", 2, "12");
  assert_pg("SELECT count(*) FROM org", "SELECT count(*) FROM org", 0, "");
  assert_pg("", "", 0, "");
}

/* A list query leaves out the numbers of the filters not in use: the highest still counts, the gaps are not used. */
static void test_highest_number_and_gaps(void **state) {
  (void)state;
  assert_pg("SELECT * FROM t WHERE a = ?3 AND b = ?1", "SELECT * FROM t WHERE a = $3 AND b = $1", 3, "13");
  unsigned char aUsed[DB_MAX_PARAM + 1];
  int n = 0;
  char *z = db_sql_to_pg("SELECT ?12, ?99 LIMIT ?10", &n, aUsed);
  assert_non_null(z);
  assert_string_equal(z, "SELECT $12, $99 LIMIT $10"); /* ?12 is twelve, not ?1 and a 2 */
  assert_int_equal(n, 99);
  assert_int_equal(aUsed[10], 1);
  assert_int_equal(aUsed[12], 1);
  assert_int_equal(aUsed[99], 1);
  assert_int_equal(aUsed[1], 0);
  assert_int_equal(aUsed[11], 0);
  assert_int_equal(aUsed[98], 0);
  free(z);
}

static void test_literals_identifiers_and_comments_are_left_alone(void **state) {
  (void)state;
  /* string literals, with '' inside */
  assert_pg("SELECT '?1', x FROM t WHERE y = ?2", "SELECT '?1', x FROM t WHERE y = $2", 2, "2");
  assert_pg("SELECT 'it''s ?1 o''clock' || ?3", "SELECT 'it''s ?1 o''clock' || $3", 3, "3");
  assert_pg("SELECT coalesce(a, '') || '?2' || ?1", "SELECT coalesce(a, '') || '?2' || $1", 1, "1");
  assert_pg("SELECT ''''||?1", "SELECT ''''||$1", 1, "1");
  /* quoted identifiers, with "" inside */
  assert_pg("SELECT \"a?1\", \"b\"\"?2\" FROM t WHERE c = ?1", "SELECT \"a?1\", \"b\"\"?2\" FROM t WHERE c = $1", 1,
            "1");
  /* -- comments, up to the end of the line; a quote inside one does not open a literal */
  assert_pg("SELECT a -- don't use ?2 here\nFROM t WHERE b = ?1", "SELECT a -- don't use ?2 here\nFROM t WHERE b = $1",
            1, "1");
  assert_pg("SELECT 1 -- ?1 at the very end", "SELECT 1 -- ?1 at the very end", 0, "");
  /* a single minus is arithmetic, not a comment */
  assert_pg("SELECT ?1 - ?2", "SELECT $1 - $2", 2, "12");
}

static void test_malformed_placeholders_are_refused(void **state) {
  (void)state;
  static const char *const azBad[] = {
      "SELECT * FROM t WHERE a = ?",  /* bare */
      "SELECT * FROM t WHERE a = ? ", /* bare, then a space */
      "SELECT ?1, ?",                 /* a good one, then a bare one */
      "SELECT ?0",                    /* numbers start at 1 */
      "SELECT ?100",                  /* past DB_MAX_PARAM */
      "SELECT ?1000",
      "SELECT ?a",
  };
  for (size_t i = 0; i < sizeof azBad / sizeof azBad[0]; i++) {
    unsigned char aUsed[DB_MAX_PARAM + 1];
    int n = -7;
    char *z = db_sql_to_pg(azBad[i], &n, aUsed);
    if (z) fail_msg("accepted %s as %s", azBad[i], z);
  }
  /* a '?' inside a literal is not a placeholder */
  unsigned char aUsed[DB_MAX_PARAM + 1];
  int n = -1;
  char *z = db_sql_to_pg("SELECT 'why?' WHERE \"q?\" = ?1", &n, aUsed);
  assert_non_null(z);
  assert_string_equal(z, "SELECT 'why?' WHERE \"q?\" = $1");
  free(z);
}

/* Retypes zSql and checks the result. */
static void assert_ddl(const char *zSql, const char *zWant) {
  char *z = schema_pg_ddl(zSql);
  assert_non_null(z);
  assert_string_equal(z, zWant);
  free(z);
}

static void test_integer_primary_key_becomes_identity(void **state) {
  (void)state;
  assert_ddl("CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER NOT NULL)",
             "CREATE TABLE t(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n BIGINT NOT NULL)");
  /* a composite key's INTEGER columns are only widened */
  assert_ddl("CREATE TABLE s(a INTEGER NOT NULL, b TEXT, PRIMARY KEY(a, b))",
             "CREATE TABLE s(a BIGINT NOT NULL, b TEXT, PRIMARY KEY(a, b))");
}

static void test_integer_is_retyped_only_as_a_word_outside_literals(void **state) {
  (void)state;
  assert_ddl("CREATE TABLE t(a INTEGER, INTEGERS TEXT, xINTEGER TEXT, my_INTEGER TEXT, INTEGER_2 TEXT)",
             "CREATE TABLE t(a BIGINT, INTEGERS TEXT, xINTEGER TEXT, my_INTEGER TEXT, INTEGER_2 TEXT)");
  assert_ddl("CREATE TABLE t(k TEXT NOT NULL DEFAULT 'INTEGER', m TEXT DEFAULT 'it''s an INTEGER', n INTEGER)",
             "CREATE TABLE t(k TEXT NOT NULL DEFAULT 'INTEGER', m TEXT DEFAULT 'it''s an INTEGER', n BIGINT)");
  assert_ddl("CREATE TABLE t(k TEXT DEFAULT '', n INTEGER)", "CREATE TABLE t(k TEXT DEFAULT '', n BIGINT)");
  assert_ddl("ALTER TABLE t ADD COLUMN p INTEGER;", "ALTER TABLE t ADD COLUMN p BIGINT;");
}

static void test_session_user_index_is_quoted(void **state) {
  (void)state;
  assert_ddl("CREATE INDEX session_user ON session(user_id);", "CREATE INDEX \"session_user\" ON session(user_id);");
  assert_ddl("CREATE INDEX session_user_x ON session(user_id); CREATE INDEX my_session_user ON t(a);",
             "CREATE INDEX session_user_x ON session(user_id); CREATE INDEX my_session_user ON t(a);");
  assert_ddl("INSERT INTO t VALUES ('session_user')", "INSERT INTO t VALUES ('session_user')");
}

/* The shipped migrations, retyped: no INTEGER word left, an identity column per INTEGER PRIMARY KEY, and the one
 * reserved index name quoted. */
static void test_the_shipped_migrations_are_retyped_whole(void **state) {
  (void)state;
  int nIdentity = 0, nKeys = 0;
  for (int v = 1; v <= schema_latest(); v++) {
    const char *zSql = schema_migration(v);
    assert_non_null(zSql);
    for (const char *p = zSql; (p = strstr(p, "INTEGER PRIMARY KEY")) != NULL; p++) nKeys++;
    char *z = schema_pg_ddl(zSql);
    assert_null(strstr(z, "INTEGER"));
    for (const char *p = z; (p = strstr(p, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")) != NULL; p++)
      nIdentity++;
    if (v == 1) assert_non_null(strstr(z, "CREATE INDEX \"session_user\" ON session(user_id);"));
    free(z);
  }
  assert_true(nKeys > 0);
  assert_int_equal(nIdentity, nKeys);
  assert_null(schema_migration(0));
  assert_null(schema_migration(schema_latest() + 1));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_placeholders_become_dollar_numbers),
      cmocka_unit_test(test_highest_number_and_gaps),
      cmocka_unit_test(test_literals_identifiers_and_comments_are_left_alone),
      cmocka_unit_test(test_malformed_placeholders_are_refused),
      cmocka_unit_test(test_integer_primary_key_becomes_identity),
      cmocka_unit_test(test_integer_is_retyped_only_as_a_word_outside_literals),
      cmocka_unit_test(test_session_user_index_is_quoted),
      cmocka_unit_test(test_the_shipped_migrations_are_retyped_whole),
  };
  return cmocka_run_group_tests_name("SQL rewrites for PostgreSQL", tests, NULL, NULL);
}
