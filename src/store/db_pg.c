/* db_pg.c: the PostgreSQL driver of db.h, through libpq.
 *
 * A connection is opened from a postgres:// or postgresql:// URL (libpq's own environment, PGPASSWORD and the rest,
 * applies), with application_name=jianwu, a statement timeout and UTF-8. Statements are the store's literals with
 * ?N rewritten to $N (db_sql.c); a cached statement is prepared on the server at its first use on a connection
 * (named s1, s2, ...) and executed with text parameters whose types the server infers; an uncached one (a list query
 * assembled from fragments) goes in one round trip with PQexecParams. A result is fetched whole: the store's
 * statements return a page or a handful of rows.
 *
 * When the server goes away (a restart, a failover), the failing statement returns DB_ERROR and db_unavailable()
 * says so; the request answers 503, and db_reconnect() before the next request re-opens the connection (every
 * statement is prepared again, lazily). */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/mem.h"
#include "lib/utf8.h"
#include "store/db_internal.h"
#include "store/schema.h"

#define DBP_STATEMENT_TIMEOUT_MS "30000"
#define DBP_CONNECT_TIMEOUT_S    "10"
#define DBP_TEXTOID              25 /* pg_type.oid of text */

/* The first line of libpq's message, without trailing blanks, into db->zErr, and the SQLSTATE into db->zState. */
static void dbp_set_error(Db *db, const char *zMsg, const char *zState) {
  if (!zMsg || !*zMsg) zMsg = "PostgreSQL error";
  /* the first line (libpq adds LINE and a caret for syntax errors), cut at a character boundary to fit */
  size_t n = utf8_prefix(zMsg, strcspn(zMsg, "\n"), sizeof db->zErr - 1);
  memcpy(db->zErr, zMsg, n);
  db->zErr[n] = 0;
  while (n && (db->zErr[n - 1] == '\r' || db->zErr[n - 1] == ' ')) db->zErr[--n] = 0;
  snprintf(db->zState, sizeof db->zState, "%s", zState ? zState : "");
}

/* Records a failed result (r may be NULL: out of memory or no connection) and whether the server is gone. */
static void dbp_fail(Db *db, PGresult *r, const char *zSql) {
  const char *zState = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
  dbp_set_error(db, r ? PQresultErrorMessage(r) : PQerrorMessage(db->pg), zState);
  int gone = PQstatus(db->pg) != CONNECTION_OK ||
             (zState && (strncmp(zState, "08", 2) == 0 || strncmp(zState, "57P", 3) == 0));
  if (gone) db->unavailable = 1;
  if (!(zState && strncmp(zState, "23", 2) == 0)) {
    const char *z = zSql ? zSql : ""; /* at most 300 bytes of it, never cut inside a character */
    log_error("SQL failed (%s): %s\nSQL: %.*s", db->zState[0] ? db->zState : "-", db->zErr,
              (int)utf8_prefix(z, strlen(z), 300), z);
  }
}

/* 1 when the connection can take a statement; else records the loss (db_unavailable, SQLSTATE 08006) and 0. */
static int dbp_usable(Db *db) {
  if (!db->unavailable && PQstatus(db->pg) == CONNECTION_OK) return 1;
  db->unavailable = 1;
  dbp_set_error(db, "database connection lost", "08006");
  return 0;
}

/* Server notices ("relation already exists, skipping" and the like) are not errors: they are dropped, not printed. */
static void dbp_notice(void *arg, const char *zMessage) {
  (void)arg;
  (void)zMessage;
}

/* Connects: the URL first, then the settings Jianwu always uses (they take precedence over the URL's). */
static PGconn *dbp_connect(const char *zUrl) {
  const char *azKey[] = {"dbname", "application_name", "connect_timeout", "client_encoding", "options", NULL};
  const char *azVal[] = {zUrl,
                         "jianwu",
                         DBP_CONNECT_TIMEOUT_S,
                         "UTF8",
                         "-c statement_timeout=" DBP_STATEMENT_TIMEOUT_MS " -c DateStyle=ISO",
                         NULL};
  return PQconnectdbParams(azKey, azVal, 1);
}

int dbp_open(Db *db, const char *zUrl, int flags, JwErr *e) {
  char *zParseErr = NULL;
  PQconninfoOption *opts = PQconninfoParse(zUrl, &zParseErr);
  if (!opts) {
    char zMsg[256];
    snprintf(zMsg, sizeof zMsg, "%s", zParseErr ? zParseErr : "?");
    zMsg[strcspn(zMsg, "\n")] = 0;
    PQfreemem(zParseErr);
    return err_set(e, 400, "invalid", "db", "数据库地址 %s 无效：%s", db->zTarget, zMsg);
  }
  PQconninfoFree(opts);
  db->pg = dbp_connect(zUrl);
  if (!db->pg || PQstatus(db->pg) != CONNECTION_OK) {
    dbp_set_error(db, db->pg ? PQerrorMessage(db->pg) : "out of memory", NULL);
    char *zNl = strchr(db->zErr, '\n');
    if (zNl) *zNl = 0;
    return err_set(e, 503, "unavailable", "db", "无法连接数据库 %s：%s", db->zTarget, db->zErr);
  }
  PQsetNoticeProcessor(db->pg, dbp_notice, NULL);
  db->gen = 1;
  if (flags == DB_OPEN_READONLY) {
    if (dbp_exec(db, "SET default_transaction_read_only = on")) {
      return err_set(e, 500, "internal", "db", "无法设置只读数据库连接：%s", db->zErr);
    }
    return schema_check_readable(db, db->zTarget, e);
  }
  if (flags == DB_OPEN_CREATE && dbp_table_count(db) != 0) { /* jianwu init: as for a file that exists */
    return err_set(e, 409, "conflict", "db", "数据库 %s 已有数据表，不会覆盖（init 需要一个空数据库）", db->zTarget);
  }
  if (flags == DB_OPEN_EXISTING) {
    int v = dbp_schema_version(db);
    if (v == 0 && dbp_table_count(db) == 0) {
      return err_set(e, 404, "not_found", "db", "数据库 %s 尚未初始化（先运行 jianwu init --db URL）", db->zTarget);
    }
  }
  return schema_migrate(db, e);
}

void dbp_close(Db *db) {
  if (db->pg) PQfinish(db->pg);
  db->pg = NULL;
}

int dbp_reconnect(Db *db) {
  if (!db->unavailable && PQstatus(db->pg) == CONNECTION_OK) return 0;
  PQreset(db->pg);
  if (PQstatus(db->pg) != CONNECTION_OK) {
    db->unavailable = 1;
    return -1;
  }
  db->gen++; /* the server forgot every prepared statement */
  db->unavailable = 0;
  log_info("reconnected to %s", db->zTarget);
  return 0;
}

int dbp_prepare(Db *db, Stmt *s, const char *zSql) {
  unsigned char aUsed[DB_MAX_PARAM + 1];
  s->zPgSql = db_sql_to_pg(zSql, &s->nParam, aUsed);
  if (!s->zPgSql) {
    dbp_set_error(db, "bad placeholder (use ?1..?N)", NULL);
    return -1;
  }
  if (s->nParam) {
    s->azParam = xcalloc((size_t)s->nParam, sizeof *s->azParam);
    s->aType = xcalloc((size_t)s->nParam, sizeof *s->aType);
    for (int i = 1; i <= s->nParam; i++) s->aType[i - 1] = aUsed[i] ? 0 : DBP_TEXTOID;
  }
  if (s->cached) snprintf(s->zName, sizeof s->zName, "s%d", ++db->nextName);
  return 0;
}

static void dbp_clear_params(Stmt *s) {
  for (int i = 0; i < s->nParam; i++) {
    free(s->azParam[i]);
    s->azParam[i] = NULL;
  }
}

void dbp_finalize(Stmt *s) {
  if (s->res) PQclear(s->res);
  s->res = NULL;
  dbp_clear_params(s);
  free(s->azParam);
  free(s->aType);
  free(s->zPgSql);
}

void dbp_deallocate(Stmt *s) {
  Db *db = s->db;
  /* only a copy prepared on this connection exists on the server; in a failed transaction the server refuses every
   * command but ROLLBACK, and the copy stays until the connection ends (a name is never reused) */
  if (!s->cached || s->preparedGen != db->gen || !dbp_usable(db) || PQtransactionStatus(db->pg) == PQTRANS_INERROR) {
    return;
  }
  char zSql[32];
  snprintf(zSql, sizeof zSql, "DEALLOCATE %s", s->zName); /* sql-safe: the statement's own generated name */
  PGresult *r = PQexec(db->pg, zSql);
  PQclear(r);
}

void dbp_bind(Stmt *s, int i, const char *z, int n) {
  if (i < 1 || i > s->nParam) return; /* as SQLite: a parameter the statement does not have is ignored */
  free(s->azParam[i - 1]);
  s->azParam[i - 1] = z ? xstrndup(z, (size_t)n) : NULL;
}

int dbp_step(Stmt *s) {
  Db *db = s->db;
  if (s->executed) {
    if (s->res && ++s->iRow < s->nRow) return DB_ROW;
    return DB_DONE;
  }
  s->executed = 1;
  if (!dbp_usable(db)) return DB_ERROR;
  const char *const *azVal = (const char *const *)s->azParam;
  PGresult *r;
  if (s->cached) {
    if (s->preparedGen != db->gen) {
      r = PQprepare(db->pg, s->zName, s->zPgSql, s->nParam, s->aType);
      if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        dbp_fail(db, r, s->zPgSql);
        PQclear(r);
        return DB_ERROR;
      }
      PQclear(r);
      s->preparedGen = db->gen;
    }
    r = PQexecPrepared(db->pg, s->zName, s->nParam, azVal, NULL, NULL, 0);
  } else {
    r = PQexecParams(db->pg, s->zPgSql, s->nParam, s->aType, azVal, NULL, NULL, 0);
  }
  ExecStatusType st = PQresultStatus(r);
  if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
    db->nChanges = atoi(PQcmdTuples(r));
    if (st == PGRES_TUPLES_OK && PQntuples(r) > 0) {
      s->res = r;
      s->nRow = PQntuples(r);
      s->iRow = 0;
      return DB_ROW;
    }
    PQclear(r);
    return DB_DONE;
  }
  dbp_fail(db, r, s->zPgSql);
  PQclear(r);
  return DB_ERROR;
}

const char *dbp_col_text(Stmt *s, int i) {
  if (!s->res || i < 0 || i >= PQnfields(s->res)) return "";
  return PQgetvalue(s->res, s->iRow, i);
}

int dbp_col_is_null(Stmt *s, int i) {
  if (!s->res || i < 0 || i >= PQnfields(s->res)) return 1;
  return PQgetisnull(s->res, s->iRow, i);
}

void dbp_done(Stmt *s) {
  if (s->res) PQclear(s->res);
  s->res = NULL;
  s->executed = 0;
  s->nRow = s->iRow = 0;
  dbp_clear_params(s);
}

int dbp_exec(Db *db, const char *zSql) {
  if (!dbp_usable(db)) return -1;
  PGresult *r = PQexec(db->pg, zSql);
  ExecStatusType st = PQresultStatus(r);
  int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : -1;
  /* COMMIT of a transaction a statement made fail ends it with ROLLBACK and no error: that is a failed commit. */
  if (rc == 0 && strcmp(zSql, "COMMIT") == 0 && strcmp(PQcmdStatus(r), "ROLLBACK") == 0) {
    dbp_set_error(db, "the transaction was rolled back", "40000");
    rc = -1;
  } else if (rc) {
    dbp_fail(db, r, zSql);
  }
  PQclear(r);
  return rc;
}

int dbp_in_transaction(Db *db) {
  PGTransactionStatusType t = PQtransactionStatus(db->pg);
  return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

/* One integer from a query without parameters, or -1. */
static int dbp_int_query(Db *db, const char *zSql) {
  PGresult *r = PQexec(db->pg, zSql);
  int v = -1;
  if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) v = atoi(PQgetvalue(r, 0, 0));
  else dbp_fail(db, r, zSql);
  PQclear(r);
  return v;
}

int dbp_schema_version(Db *db) {
  int exists = dbp_int_query(db,
                             "SELECT count(*) FROM pg_catalog.pg_tables"
                             " WHERE schemaname = current_schema() AND tablename = 'jianwu_schema'");
  if (exists <= 0) return exists;
  return dbp_int_query(db, "SELECT coalesce(max(version), 0) FROM jianwu_schema");
}

int dbp_table_count(Db *db) {
  return dbp_int_query(db, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()");
}

int dbp_set_schema_version(Db *db, int v) {
  char zSql[160];
  snprintf(zSql, sizeof zSql, /* sql-safe: program constant */
           "CREATE TABLE IF NOT EXISTS jianwu_schema(version INTEGER NOT NULL);"
           "DELETE FROM jianwu_schema; INSERT INTO jianwu_schema(version) VALUES (%d)",
           v);
  return dbp_exec(db, zSql); /* sql-safe: built just above */
}
