/* db.c: the SQLite implementation of db.h. */
#include "store/db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "store/schema.h"

#define DB_CACHE_SLOTS     512 /* power of two; more distinct SQL literals than this fall back to a linear list */
#define DB_BUSY_TIMEOUT_MS 10000

typedef struct CacheEntry {
  const char *zSql; /* the literal's address: the key */
  sqlite3_stmt *pStmt;
} CacheEntry;

struct Db {
  sqlite3 *h;
  CacheEntry aCache[DB_CACHE_SLOTS];
  int nCached;
};

static unsigned db_hash_ptr(const void *p) {
  uintptr_t x = (uintptr_t)p;
  x ^= x >> 17;
  x *= 0x9E3779B97F4A7C15ull;
  return (unsigned)(x >> 32) & (DB_CACHE_SLOTS - 1);
}

/* Applies the connection settings every Jianwu connection uses (readOnly: only those that write nothing). */
static int db_configure(Db *db, int readOnly, JwErr *e) {
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
static int db_sibling_exists(const char *zPath, const char *zSuffix) {
  Buf b = BUF_INIT;
  buf_printf(&b, "%s%s", zPath, zSuffix);
  int exists = access(buf_cstr(&b), F_OK) == 0;
  buf_free(&b);
  return exists;
}

/* The URI that opens zPath read-only (see db_open): "file:" + the path with every byte other than [A-Za-z0-9/._~-]
 * percent-encoded, so '?', '#' and '%' in a file name stay part of it. Heap memory: free() it. */
static char *db_readonly_uri(const char *zPath) {
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
  if (!db_sibling_exists(zPath, "-wal") && !db_sibling_exists(zPath, "-journal")) buf_puts(&b, "&immutable=1");
  return buf_detach(&b);
}

/* The checks of a read-only open in place of the migration: a Jianwu database this program can read. */
static int db_check_readable(Db *db, const char *zPath, JwErr *e) {
  int version = db_schema_version(db);
  if (version < 0) return err_set(e, 500, "internal", "db", "无法读取数据库 %s：%s", zPath, db_errmsg(db));
  if (version == 0) return err_set(e, 409, "conflict", "db", "%s 不是检务数据库", zPath);
  if (version > schema_latest()) {
    return err_set(e, 409, "conflict", "db", "数据库版本 %d 比本程序支持的版本 %d 新：请使用更新版本的 jianwu", version,
                   schema_latest());
  }
  return 0;
}

int db_open(const char *zPath, int flags, Db **out, JwErr *e) {
  *out = NULL;
  if (flags != DB_OPEN_CREATE && access(zPath, F_OK) != 0) {
    return err_set(e, 404, "not_found", "db", "数据库文件 %s 不存在（先运行 jianwu init --db %s）", zPath, zPath);
  }
  Db *db = xcalloc(1, sizeof *db);
  int readOnly = flags == DB_OPEN_READONLY;
  int sflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (readOnly) sflags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
  else sflags |= SQLITE_OPEN_READWRITE;
  if (flags == DB_OPEN_CREATE) sflags |= SQLITE_OPEN_CREATE;
  char *zUri = readOnly ? db_readonly_uri(zPath) : NULL;
  int rc = sqlite3_open_v2(readOnly ? zUri : zPath, &db->h, sflags, NULL);
  free(zUri);
  if (rc != SQLITE_OK) {
    err_set(e, 500, "internal", "db", "无法打开数据库 %s：%s", zPath, db->h ? sqlite3_errmsg(db->h) : "?");
    db_close(db);
    return -1;
  }
  sqlite3_extended_result_codes(db->h, 1);
  if (db_configure(db, readOnly, e) || (readOnly ? db_check_readable(db, zPath, e) : schema_migrate(db, e))) {
    db_close(db);
    return -1;
  }
  *out = db;
  return 0;
}

void db_close(Db *db) {
  if (!db) return;
  for (int i = 0; i < DB_CACHE_SLOTS; i++) {
    if (db->aCache[i].pStmt) sqlite3_finalize(db->aCache[i].pStmt);
  }
  sqlite3_close(db->h);
  free(db);
}

Stmt *db_prepare(Db *db, const char *zSql) {
  unsigned h = db_hash_ptr(zSql);
  for (unsigned k = 0; k < DB_CACHE_SLOTS; k++) {
    CacheEntry *c = &db->aCache[(h + k) & (DB_CACHE_SLOTS - 1)];
    if (c->zSql == zSql) {
      sqlite3_reset(c->pStmt);
      sqlite3_clear_bindings(c->pStmt);
      return c->pStmt;
    }
    if (!c->zSql) {
      if (sqlite3_prepare_v3(db->h, zSql, -1, SQLITE_PREPARE_PERSISTENT, &c->pStmt, NULL) != SQLITE_OK) {
        log_error("SQL prepare failed: %s\nSQL: %s", sqlite3_errmsg(db->h), zSql);
        abort();
      }
      c->zSql = zSql;
      db->nCached++;
      return c->pStmt;
    }
  }
  log_error("statement cache full");
  abort();
}

Stmt *db_prepare_uncached(Db *db, const char *zSql) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db->h, zSql, -1, &s, NULL) != SQLITE_OK) {
    log_error("SQL prepare failed: %s\nSQL: %s", sqlite3_errmsg(db->h), zSql);
    abort();
  }
  return s;
}

void db_finalize(Stmt *s) {
  sqlite3_finalize(s);
}

void db_bind_text(Stmt *s, int i, const char *z) {
  if (z) sqlite3_bind_text(s, i, z, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(s, i);
}
void db_bind_textn(Stmt *s, int i, const char *z, int n) {
  sqlite3_bind_text(s, i, z, n, SQLITE_TRANSIENT);
}
void db_bind_int(Stmt *s, int i, int64_t v) {
  sqlite3_bind_int64(s, i, v);
}
void db_bind_null(Stmt *s, int i) {
  sqlite3_bind_null(s, i);
}
void db_bind_blob(Stmt *s, int i, const void *p, int n) {
  sqlite3_bind_blob(s, i, p, n, SQLITE_TRANSIENT);
}

int db_step(Stmt *s) {
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) return DB_ROW;
  if (rc == SQLITE_DONE) return DB_DONE;
  sqlite3 *h = sqlite3_db_handle(s);
  if ((rc & 0xff) != SQLITE_CONSTRAINT)
    log_error("SQL step failed (%d): %s\nSQL: %s", rc, sqlite3_errmsg(h), sqlite3_sql(s));
  return DB_ERROR;
}

const char *db_col_text(Stmt *s, int i) {
  const unsigned char *z = sqlite3_column_text(s, i);
  return z ? (const char *)z : "";
}
int64_t db_col_int(Stmt *s, int i) {
  return sqlite3_column_int64(s, i);
}
int db_col_is_null(Stmt *s, int i) {
  return sqlite3_column_type(s, i) == SQLITE_NULL;
}

void db_done(Stmt *s) {
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
}

int db_exec(Db *db, const char *zSql) {
  char *zErr = NULL;
  if (sqlite3_exec(db->h, zSql, NULL, NULL, &zErr) != SQLITE_OK) {
    log_error("SQL exec failed: %s\nSQL: %.200s", zErr ? zErr : "?", zSql);
    sqlite3_free(zErr);
    return -1;
  }
  return 0;
}

int db_begin(Db *db) {
  return db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(Db *db) {
  if (db_exec(db, "COMMIT")) {
    db_rollback(db);
    return -1;
  }
  return 0;
}

void db_rollback(Db *db) {
  if (!sqlite3_get_autocommit(db->h)) sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int db_in_transaction(Db *db) {
  return !sqlite3_get_autocommit(db->h);
}
int64_t db_last_id(Db *db) {
  return sqlite3_last_insert_rowid(db->h);
}
int db_changes(Db *db) {
  return sqlite3_changes(db->h);
}
const char *db_errmsg(Db *db) {
  return sqlite3_errmsg(db->h);
}
int db_errcode(Db *db) {
  return sqlite3_extended_errcode(db->h);
}
int db_is_constraint(Db *db) {
  return (sqlite3_extended_errcode(db->h) & 0xff) == SQLITE_CONSTRAINT;
}
struct sqlite3 *db_sqlite(Db *db) {
  return db->h;
}

int db_schema_version(Db *db) {
  Stmt *s = db_prepare(db, "PRAGMA user_version");
  int v = db_step(s) == DB_ROW ? (int)db_col_int(s, 0) : -1;
  db_done(s);
  return v;
}

int db_busy_statements(Db *db) {
  int n = 0;
  for (int i = 0; i < DB_CACHE_SLOTS; i++) {
    if (db->aCache[i].pStmt && sqlite3_stmt_busy(db->aCache[i].pStmt)) n++;
  }
  return n;
}

void db_reset_all(Db *db) {
  for (int i = 0; i < DB_CACHE_SLOTS; i++) {
    if (db->aCache[i].pStmt) sqlite3_reset(db->aCache[i].pStmt);
  }
}
