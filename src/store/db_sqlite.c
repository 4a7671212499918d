/* db_sqlite.c: the SQLite driver of db.h: opening a file with Jianwu's connection settings (WAL, synchronous=FULL,
 * foreign keys, busy timeout, defensive), read-only inspection, and the schema version in PRAGMA user_version. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/log.h"
#include "store/db_internal.h"
#include "store/schema.h"

#define DB_BUSY_TIMEOUT_MS 10000

/* Applies the connection settings every Jianwu connection uses (readOnly: only those that write nothing). */
static int dbl_configure(Db *db, int readOnly, JwErr *e) {
  int on = 1;
  sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, &on);
  sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &on);
  sqlite3_db_config(db->h, SQLITE_DBCONFIG_DQS_DML, 0, &on);
  sqlite3_db_config(db->h, SQLITE_DBCONFIG_DQS_DDL, 0, &on);
  sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &on);
  sqlite3_busy_timeout(db->h, DB_BUSY_TIMEOUT_MS);
  if (readOnly) {
    if (db_exec(db, "PRAGMA query_only=ON")) {
      return err_set(e, 500, "internal", NULL, "无法设置只读数据库连接：%s", sqlite3_errmsg(db->h));
    }
    return 0;
  }
  static const char *aPragma[] = {
      "PRAGMA journal_mode=WAL",    "PRAGMA synchronous=FULL",  "PRAGMA foreign_keys=ON",
      "PRAGMA mmap_size=268435456", "PRAGMA temp_store=MEMORY",
  };
  for (size_t i = 0; i < sizeof aPragma / sizeof aPragma[0]; i++) {
    if (db_exec(db, aPragma[i])) {
      return err_set(e, 500, "internal", NULL, "无法设置数据库连接（%s）：%s", aPragma[i], sqlite3_errmsg(db->h));
    }
  }
  return 0;
}

/* 1 when the file zPath + zSuffix exists. */
static int dbl_sibling_exists(const char *zPath, const char *zSuffix) {
  Buf b = BUF_INIT;
  buf_printf(&b, "%s%s", zPath, zSuffix);
  int exists = access(buf_cstr(&b), F_OK) == 0;
  buf_free(&b);
  return exists;
}

/* The URI that opens zPath read-only (see db_open): "file:" + the path with every byte other than [A-Za-z0-9/._~-]
 * percent-encoded, so '?', '#' and '%' in a file name stay part of it. Heap memory: free() it. */
static char *dbl_readonly_uri(const char *zPath) {
  Buf b = BUF_INIT;
  buf_puts(&b, "file:");
  for (const unsigned char *p = (const unsigned char *)zPath; *p; p++) {
    unsigned c = *p;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("/._~-", (int)c)) {
      buf_append(&b, (const char *)p, 1);
    } else {
      buf_printf(&b, "%%%02X", c);
    }
  }
  buf_puts(&b, "?mode=ro");
  if (!dbl_sibling_exists(zPath, "-wal") && !dbl_sibling_exists(zPath, "-journal")) buf_puts(&b, "&immutable=1");
  return buf_detach(&b);
}

/* Process-wide settings, before SQLite initialises itself at the first open. Memory statistics off: with them on,
 * every allocation SQLite makes takes one global mutex, which the server's threads then queue on (perf showed the
 * mutex and sqlite3StatusUp among the top symbols of the case page under load). Nothing reads the statistics. */
static void dbl_global_config(void) {
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* SQLITE_MISUSE if something initialised SQLite first: harmless */
}

int dbl_open(Db *db, const char *zPath, int flags, JwErr *e) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, dbl_global_config);
  if (flags != DB_OPEN_CREATE && access(zPath, F_OK) != 0) {
    return err_set(e, 404, "not_found", "db", "数据库文件 %s 不存在（先运行 jianwu init --db %s）", zPath, zPath);
  }
  int readOnly = flags == DB_OPEN_READONLY;
  int sflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (readOnly) sflags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
  else sflags |= SQLITE_OPEN_READWRITE;
  if (flags == DB_OPEN_CREATE) sflags |= SQLITE_OPEN_CREATE;
  char *zUri = readOnly ? dbl_readonly_uri(zPath) : NULL;
  int rc = sqlite3_open_v2(readOnly ? zUri : zPath, &db->h, sflags, NULL);
  free(zUri);
  if (rc != SQLITE_OK) {
    return err_set(e, 500, "internal", "db", "无法打开数据库 %s：%s", zPath, db->h ? sqlite3_errmsg(db->h) : "?");
  }
  sqlite3_extended_result_codes(db->h, 1);
  if (dbl_configure(db, readOnly, e)) return -1;
  return readOnly ? schema_check_readable(db, zPath, e) : schema_migrate(db, e);
}

void dbl_close(Db *db) {
  if (db->h) sqlite3_close(db->h);
  db->h = NULL;
}

int dbl_prepare(Db *db, Stmt *s, const char *zSql, int persistent) {
  return sqlite3_prepare_v3(db->h, zSql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &s->lite, NULL) == SQLITE_OK
             ? 0
             : -1;
}

void dbl_finalize(Stmt *s) {
  sqlite3_finalize(s->lite);
}

int dbl_schema_version(Db *db) {
  Stmt *s = db_prepare(db, "PRAGMA user_version");
  int v = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : -1;
  db_done(s);
  return v;
}

int dbl_table_count(Db *db) {
  Stmt *s = db_prepare(db, "SELECT count(*) FROM sqlite_schema WHERE type='table'");
  int n = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : -1;
  db_done(s);
  return n;
}

int dbl_set_schema_version(Db *db, int v) {
  /* PRAGMA takes no bound parameters; the value is this program's own constant. */
  char zSql[40];
  snprintf(zSql, sizeof zSql, "PRAGMA user_version=%d", v); /* sql-safe: program constant */
  return db_exec(db, zSql);                                 /* sql-safe: built just above */
}
