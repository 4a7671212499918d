/* test_db.h: the database fixture the store and app unit tests share, so that each runs on both backends. Without
 * JIANWU_TEST_PG a test gets a SQLite file path in its temp dir, as before; with JIANWU_TEST_PG set to the URL of a
 * PostgreSQL maintenance database (scripts/run-tests unit-pg), it gets a new empty database on that cluster,
 * jw_unit_<pid>_<n>, dropped again by test_db_drop() after db_close(). Static inline, as test_util.h. */
#ifndef JW_TEST_DB_H
#define JW_TEST_DB_H
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The maintenance URL of the PostgreSQL test cluster, or NULL: the tests run on SQLite. */
static inline const char *test_db_pg_url(void) {
  const char *z = getenv("JIANWU_TEST_PG");
  return z && *z ? z : NULL;
}

/* 1 when the tests run on PostgreSQL. */
static inline int test_db_is_pg(void) {
  return test_db_pg_url() != NULL;
}

/* A libpq notice processor that drops the notice ("... does not exist, skipping" and the like). */
static inline void test_db_pg_quiet(void *arg, const char *zMsg) {
  (void)arg;
  (void)zMsg;
}

/* Runs zSql (no parameters, one or more statements) on the database zUrl through libpq. 0, or -1 with the server's
 * message on stderr. For fixtures and for building a database by hand, as a test of SQLite does with sqlite3_exec. */
static inline int test_db_pg_exec(const char *zUrl, const char *zSql) {
  PGconn *c = PQconnectdb(zUrl);
  if (PQstatus(c) != CONNECTION_OK) {
    fprintf(stderr, "test_db: cannot connect to %s: %s", zUrl, PQerrorMessage(c));
    PQfinish(c);
    return -1;
  }
  PQsetNoticeProcessor(c, test_db_pg_quiet, NULL);
  PGresult *r = PQexec(c, zSql);
  ExecStatusType st = PQresultStatus(r);
  int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : -1;
  if (rc) fprintf(stderr, "test_db: %s failed: %s", zSql, PQresultErrorMessage(r));
  PQclear(r);
  PQfinish(c);
  return rc;
}

/* The integer in the first column of the first row of zSql on the database zUrl, or -1 (with the message on
 * stderr) when the query fails or returns no row. */
static inline long test_db_pg_int(const char *zUrl, const char *zSql) {
  PGconn *c = PQconnectdb(zUrl);
  long v = -1;
  if (PQstatus(c) != CONNECTION_OK) {
    fprintf(stderr, "test_db: cannot connect to %s: %s", zUrl, PQerrorMessage(c));
  } else {
    PGresult *r = PQexec(c, zSql);
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) v = strtol(PQgetvalue(r, 0, 0), NULL, 10);
    else fprintf(stderr, "test_db: %s failed: %s", zSql, PQresultErrorMessage(r));
    PQclear(r);
  }
  PQfinish(c);
  return v;
}

/* zUrl with its database name replaced by zName (the query string, if any, kept), into zOut. 0, or -1 when it does
 * not fit. */
static inline int test_db_url_with_name(const char *zUrl, const char *zName, char *zOut, size_t nOut) {
  const char *zAuth = strstr(zUrl, "://");
  zAuth = zAuth ? zAuth + 3 : zUrl;
  const char *zSlash = strchr(zAuth, '/');
  const char *zQuery = strchr(zAuth, '?');
  if (zQuery && zSlash && zSlash > zQuery) zSlash = NULL; /* a '/' inside the query string */
  size_t nPrefix = zSlash ? (size_t)(zSlash - zUrl) : zQuery ? (size_t)(zQuery - zUrl) : strlen(zUrl);
  int n = snprintf(zOut, nOut, "%.*s/%s%s", (int)nPrefix, zUrl, zName, zQuery ? zQuery : "");
  return n > 0 && (size_t)n < nOut ? 0 : -1;
}

/* A fresh empty database target into zOut (nOut bytes): on PostgreSQL the URL of a new database (CREATE DATABASE on
 * the cluster of JIANWU_TEST_PG, a name unique across processes), otherwise the path zDir/zFile, which does not
 * exist yet. 0 or -1. */
static inline int test_db_new(const char *zDir, const char *zFile, char *zOut, size_t nOut) {
  const char *zUrl = test_db_pg_url();
  if (!zUrl) {
    int n = snprintf(zOut, nOut, "%s/%s", zDir, zFile);
    return n > 0 && (size_t)n < nOut ? 0 : -1;
  }
  static unsigned counter = 0;
  char zName[64], zSql[192];
  snprintf(zName, sizeof zName, "jw_unit_%ld_%u", (long)getpid(), ++counter);
  if (test_db_url_with_name(zUrl, zName, zOut, nOut)) return -1;
  /* a leftover of an earlier process that had this pid and died before its cleanup */
  snprintf(zSql, sizeof zSql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", zName);
  if (test_db_pg_exec(zUrl, zSql)) return -1;
  snprintf(zSql, sizeof zSql, "CREATE DATABASE %s", zName);
  return test_db_pg_exec(zUrl, zSql);
}

/* The cleanup of test_db_new(), after every Db on zTarget is closed: on PostgreSQL DROP DATABASE (forced, so a
 * connection a failed test left open does not keep it); a SQLite file goes with the test's temp dir. 0 or -1. */
static inline int test_db_drop(const char *zTarget) {
  const char *zUrl = test_db_pg_url();
  if (!zUrl || strncmp(zTarget, "postgres", 8) != 0) return 0;
  const char *zAuth = strstr(zTarget, "://");
  const char *zName = zAuth ? strchr(zAuth + 3, '/') : NULL; /* as test_db_new() built it: before any query */
  if (!zName) return -1;
  zName++;
  char zSql[192];
  snprintf(zSql, sizeof zSql, "DROP DATABASE IF EXISTS %.*s WITH (FORCE)", (int)strcspn(zName, "?"), zName);
  return test_db_pg_exec(zUrl, zSql);
}
#endif
