/* pg_load.c: bench only: a generated SQLite bench database copied into an empty PostgreSQL database (pg_load.h).
 *
 * The schema is the shipped one: db_open(DB_OPEN_CREATE) runs the migrations on the empty database. The secondary
 * indexes (every index that backs no constraint) are dropped and re-created after the load from their own pg_indexes
 * definitions, so the schema ends exactly as shipped. Each table that both databases hold is read with the sqlite3
 * API (SELECT of the columns PRAGMA table_info lists, in rowid order) and streamed to the server with COPY ... FROM
 * STDIN in text format (PQputCopyData, 1 MiB at a time), all tables in one transaction. For the load only, the
 * session sets session_replication_role = replica, which skips the foreign-key triggers (the generator keeps the
 * references right; the SQLite load runs with foreign_keys=OFF likewise), and a larger maintenance_work_mem for the
 * index builds. Then VACUUM (ANALYZE): the statistics, and the visibility map that index-only scans need (without
 * it every count over an index visits the table too, and autovacuum would do it during the measurements instead);
 * and schema_sync_sequences() moves each identity sequence past the largest copied id. Dropping the secondary
 * indexes and re-creating them after the COPY was measured against loading with them in place: at 200,000 cases
 * 18.1 s against 21.1 s for the COPY and the indexes. */
#include "pg_load.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/err.h"
#include "store/db.h"
#include "store/schema.h"

#define COPY_CHUNK  (1 << 20)
#define MAX_TABLES  64
#define MAX_INDEXES 64

static double pl_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int pl_fail(char *zErr, size_t nErr, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zErr, nErr, zFmt, ap);
  va_end(ap);
  return -1;
}

/* Runs zSql (no result rows wanted). 0, or -1 with zErr filled. */
static int pl_exec(PGconn *pg, const char *zSql, char *zErr, size_t nErr) {
  PGresult *r = PQexec(pg, zSql);
  ExecStatusType st = PQresultStatus(r);
  int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : -1;
  if (rc) pl_fail(zErr, nErr, "%s: %s", zSql, PQresultErrorMessage(r));
  PQclear(r);
  return rc;
}

/* The COPY buffer: text-format rows, sent whenever it holds COPY_CHUNK bytes. */
typedef struct CopyBuf {
  PGconn *pg;
  char *z;
  size_t n;
  int failed;
} CopyBuf;

static void cb_flush(CopyBuf *b) {
  if (b->n && !b->failed && PQputCopyData(b->pg, b->z, (int)b->n) != 1) b->failed = 1;
  b->n = 0;
}

static void cb_put(CopyBuf *b, const char *z, size_t n) {
  if (b->n + n > COPY_CHUNK) cb_flush(b);
  while (n > COPY_CHUNK) { /* a value larger than the buffer goes straight out */
    if (!b->failed && PQputCopyData(b->pg, z, COPY_CHUNK) != 1) b->failed = 1;
    z += COPY_CHUNK;
    n -= COPY_CHUNK;
  }
  memcpy(b->z + b->n, z, n);
  b->n += n;
}

/* One value in COPY's text format: backslash, tab, newline and carriage return escaped. */
static void cb_value(CopyBuf *b, const unsigned char *z, int n) {
  int start = 0;
  for (int i = 0; i < n; i++) {
    const char *zEsc = z[i] == '\\' ? "\\\\" : z[i] == '\t' ? "\\t" : z[i] == '\n' ? "\\n" : z[i] == '\r' ? "\\r" : 0;
    if (!zEsc) continue;
    cb_put(b, (const char *)z + start, (size_t)(i - start));
    cb_put(b, zEsc, 2);
    start = i + 1;
  }
  cb_put(b, (const char *)z + start, (size_t)(n - start));
}

/* An identifier quoted for PostgreSQL, appended to zOut (size n). */
static void pl_ident(PGconn *pg, const char *zName, char *zOut, size_t n) {
  char *q = PQescapeIdentifier(pg, zName, strlen(zName));
  size_t k = strlen(zOut);
  snprintf(zOut + k, n - k, "%s", q ? q : "\"?\"");
  PQfreemem(q);
}

/* Streams table zTab from h into pg. Returns the rows copied, or -1 with zErr filled. */
static int64_t pl_copy_table(sqlite3 *h, PGconn *pg, const char *zTab, char *buf, char *zErr, size_t nErr) {
  char zCopy[4096] = "COPY ", zSelect[4096] = "SELECT ";
  pl_ident(pg, zTab, zCopy, sizeof zCopy);
  strcat(zCopy, " (");
  char *zPragma = sqlite3_mprintf("PRAGMA table_info(%Q)", zTab);
  sqlite3_stmt *s = NULL;
  sqlite3_prepare_v2(h, zPragma, -1, &s, NULL);
  sqlite3_free(zPragma);
  int nCol = 0;
  while (s && sqlite3_step(s) == SQLITE_ROW) {
    const char *zCol = (const char *)sqlite3_column_text(s, 1);
    if (nCol) strcat(zCopy, ", ");
    pl_ident(pg, zCol, zCopy, sizeof zCopy);
    char *q = sqlite3_mprintf("%s\"%w\"", nCol ? ", " : "", zCol);
    snprintf(zSelect + strlen(zSelect), sizeof zSelect - strlen(zSelect), "%s", q);
    sqlite3_free(q);
    nCol++;
  }
  sqlite3_finalize(s);
  if (!nCol) return pl_fail(zErr, nErr, "no columns in %s", zTab);
  strcat(zCopy, ") FROM STDIN");
  char *q = sqlite3_mprintf(" FROM \"%w\" ORDER BY rowid", zTab);
  snprintf(zSelect + strlen(zSelect), sizeof zSelect - strlen(zSelect), "%s", q);
  sqlite3_free(q);
  if (sqlite3_prepare_v2(h, zSelect, -1, &s, NULL) != SQLITE_OK) {
    return pl_fail(zErr, nErr, "%s: %s", zSelect, sqlite3_errmsg(h));
  }
  PGresult *r = PQexec(pg, zCopy);
  if (PQresultStatus(r) != PGRES_COPY_IN) {
    pl_fail(zErr, nErr, "%s: %s", zCopy, PQresultErrorMessage(r));
    PQclear(r);
    sqlite3_finalize(s);
    return -1;
  }
  PQclear(r);
  CopyBuf b = {pg, buf, 0, 0};
  int64_t nRows = 0;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW && !b.failed) {
    for (int i = 0; i < nCol; i++) {
      if (i) cb_put(&b, "\t", 1);
      if (sqlite3_column_type(s, i) == SQLITE_NULL) cb_put(&b, "\\N", 2);
      else cb_value(&b, sqlite3_column_text(s, i), sqlite3_column_bytes(s, i));
    }
    cb_put(&b, "\n", 1);
    nRows++;
  }
  cb_flush(&b);
  sqlite3_finalize(s);
  const char *zAbort = rc != SQLITE_DONE ? "reading the SQLite table failed" : NULL;
  if (PQputCopyEnd(pg, b.failed ? "sending failed" : zAbort) != 1 || b.failed) {
    return pl_fail(zErr, nErr, "COPY %s: %s", zTab, PQerrorMessage(pg));
  }
  int bad = 0;
  while ((r = PQgetResult(pg)) != NULL) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && !bad) {
      pl_fail(zErr, nErr, "COPY %s: %s", zTab, PQresultErrorMessage(r));
      bad = 1;
    }
    PQclear(r);
  }
  if (zAbort && !bad) return pl_fail(zErr, nErr, "%s %s: %s", zAbort, zTab, sqlite3_errmsg(h));
  return bad ? -1 : nRows;
}

/* Opens zUrl through the store (db_open with flags: DB_OPEN_CREATE runs the migrations); with bSync, moves the
 * identity sequences. 0, or -1 with zErr filled. */
static int pl_store_open(const char *zUrl, int flags, int bSync, char *zErr, size_t nErr) {
  Db *db = NULL;
  JwErr e;
  if (db_open(zUrl, flags, &db, &e)) return pl_fail(zErr, nErr, "db_open: %s", e.message);
  int rc = bSync ? schema_sync_sequences(db) : 0;
  if (rc) pl_fail(zErr, nErr, "schema_sync_sequences: %s", db_errmsg(db));
  db_close(db);
  return rc;
}

int pg_load(const char *zPath, const char *zUrl, PgLoadStats *st, char *zErr, size_t nErr) {
  memset(st, 0, sizeof *st);
  double t0 = pl_now();
  if (pl_store_open(zUrl, DB_OPEN_CREATE, 0, zErr, nErr)) return -1;
  st->tSchema = pl_now() - t0;

  sqlite3 *h = NULL;
  if (sqlite3_open_v2(zPath, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
    pl_fail(zErr, nErr, "cannot open %s: %s", zPath, h ? sqlite3_errmsg(h) : "?");
    sqlite3_close(h);
    return -1;
  }
  PGconn *pg = PQconnectdb(zUrl);
  char *buf = malloc(COPY_CHUNK);
  char *azIdxName[MAX_INDEXES] = {0}, *azIdxDef[MAX_INDEXES] = {0}, *azTab[MAX_TABLES] = {0};
  int nTab = 0, rc = -1;
  if (PQstatus(pg) != CONNECTION_OK || !buf) {
    pl_fail(zErr, nErr, "cannot connect: %s", PQerrorMessage(pg));
    goto done;
  }
  if (pl_exec(pg, "SET session_replication_role = replica", zErr, nErr) ||
      pl_exec(pg, "SET maintenance_work_mem = '512MB'", zErr, nErr)) {
    goto done;
  }
  /* the tables of the PostgreSQL schema: the SQLite tables copied are those it holds too */
  PGresult *r = PQexec(pg, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1");
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    pl_fail(zErr, nErr, "pg_tables: %s", PQresultErrorMessage(r));
    PQclear(r);
    goto done;
  }
  for (int i = 0; i < PQntuples(r) && nTab < MAX_TABLES; i++) azTab[nTab++] = strdup(PQgetvalue(r, i, 0));
  PQclear(r);
  /* the secondary indexes: those that back no constraint (primary keys and UNIQUE constraints stay) */
  r = PQexec(pg,
             "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema()"
             " AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
             "  WHERE k.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)"
             " ORDER BY i.tablename, i.indexname");
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    pl_fail(zErr, nErr, "pg_indexes: %s", PQresultErrorMessage(r));
    PQclear(r);
    goto done;
  }
  for (int i = 0; i < PQntuples(r) && st->nIndexes < MAX_INDEXES; i++) {
    azIdxName[st->nIndexes] = strdup(PQgetvalue(r, i, 0));
    azIdxDef[st->nIndexes++] = strdup(PQgetvalue(r, i, 1));
  }
  PQclear(r);

  double t1 = pl_now();
  if (pl_exec(pg, "BEGIN", zErr, nErr)) goto done;
  for (int i = 0; i < st->nIndexes; i++) {
    char zDrop[512] = "DROP INDEX ";
    pl_ident(pg, azIdxName[i], zDrop, sizeof zDrop);
    if (pl_exec(pg, zDrop, zErr, nErr)) goto done;
  }
  sqlite3_stmt *s = NULL;
  sqlite3_prepare_v2(h,
                     "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY rowid",
                     -1, &s, NULL);
  while (s && sqlite3_step(s) == SQLITE_ROW) {
    const char *zTab = (const char *)sqlite3_column_text(s, 0);
    int inPg = 0;
    for (int i = 0; i < nTab; i++) inPg |= strcmp(azTab[i], zTab) == 0;
    if (!inPg) continue;
    int64_t n = pl_copy_table(h, pg, zTab, buf, zErr, nErr);
    if (n < 0) {
      sqlite3_finalize(s);
      goto done;
    }
    st->nRows += n;
    st->nTables++;
  }
  sqlite3_finalize(s);
  if (pl_exec(pg, "COMMIT", zErr, nErr)) goto done;
  double t2 = pl_now();
  st->tCopy = t2 - t1;

  size_t nTimes = 0;
  for (int i = 0; i < st->nIndexes; i++) {
    double ti = pl_now();
    if (pl_exec(pg, azIdxDef[i], zErr, nErr)) goto done;
    if (nTimes < sizeof st->zIndexTimes) {
      nTimes += (size_t)snprintf(st->zIndexTimes + nTimes, sizeof st->zIndexTimes - nTimes, "%s%s %.1f s",
                                 i ? ", " : "", azIdxName[i], pl_now() - ti);
    }
  }
  double t3 = pl_now();
  st->tIndex = t3 - t2;
  if (pl_exec(pg, "VACUUM (ANALYZE)", zErr, nErr)) goto done;
  double t4 = pl_now();
  st->tAnalyze = t4 - t3;
  if (pl_store_open(zUrl, DB_OPEN_EXISTING, 1, zErr, nErr)) goto done;
  st->tSeq = pl_now() - t4;
  rc = 0;
done:
  for (int i = 0; i < MAX_INDEXES; i++) free(azIdxName[i]), free(azIdxDef[i]);
  for (int i = 0; i < nTab; i++) free(azTab[i]);
  free(buf);
  PQfinish(pg);
  sqlite3_close(h);
  return rc;
}
