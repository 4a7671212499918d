/* db.c: the calls of db.h that do not depend on the backend (the statement cache, binding, dispatch) and the choice
 * of driver from the target: a postgres:// or postgresql:// URL opens PostgreSQL (db_pg.c), anything else a SQLite
 * file (db_sqlite.c). */
#include "store/db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/utf8.h"
#include "store/db_internal.h"

static unsigned db_hash_ptr(const void *p) {
  uintptr_t x = (uintptr_t)p;
  x ^= x >> 17;
  x *= 0x9E3779B97F4A7C15ull;
  return (unsigned)(x >> 32) & (DB_CACHE_SLOTS - 1);
}

int db_target_is_postgres(const char *zTarget) {
  return zTarget && (strncmp(zTarget, "postgres://", 11) == 0 || strncmp(zTarget, "postgresql://", 13) == 0);
}

char *db_target_display(const char *zTarget) {
  if (!db_target_is_postgres(zTarget)) return xstrdup(zTarget ? zTarget : "");
  /* scheme://[user[:password]@]host...: drop ":password" from the userinfo; a password=... parameter too */
  const char *zAuth = strstr(zTarget, "://") + 3;
  const char *zAt = strchr(zAuth, '@');
  const char *zSlash = strchr(zAuth, '/');
  Buf b = BUF_INIT;
  if (zAt && (!zSlash || zAt < zSlash)) {
    const char *zColon = memchr(zAuth, ':', (size_t)(zAt - zAuth));
    buf_append(&b, zTarget, (size_t)((zColon ? zColon : zAt) - zTarget));
    buf_puts(&b, zAt);
  } else {
    buf_puts(&b, zTarget);
  }
  char *z = buf_detach(&b);
  char *zPw = strstr(z, "password=");
  if (zPw) {
    char *zEnd = zPw + 9 + strcspn(zPw + 9, "&");
    memmove(zPw + 9, zEnd, strlen(zEnd) + 1);
  }
  return z;
}

int db_open(const char *zTarget, int flags, Db **out, JwErr *e) {
  *out = NULL;
  Db *db = xcalloc(1, sizeof *db);
  db->zTarget = db_target_display(zTarget);
  int rc;
  if (db_target_is_postgres(zTarget)) {
    db->backend = DB_POSTGRES;
    rc = dbp_open(db, zTarget, flags, e);
  } else {
    db->backend = DB_SQLITE;
    rc = dbl_open(db, zTarget, flags, e);
  }
  if (rc) {
    db_close(db);
    return -1;
  }
  *out = db;
  return 0;
}

DbBackend db_backend(Db *db) {
  return db->backend;
}

static void db_stmt_free(Stmt *s) {
  if (!s) return;
  if (s->db->backend == DB_POSTGRES) dbp_finalize(s);
  else dbl_finalize(s);
  free(s);
}

void db_close(Db *db) {
  if (!db) return;
  for (int i = 0; i < DB_CACHE_SLOTS; i++) db_stmt_free(db->aCache[i].pStmt);
  for (int i = 0; i < DB_ASSEMBLED_SLOTS; i++) {
    db_stmt_free(db->aAssembled[i].pStmt);
    free(db->aAssembled[i].zSql);
  }
  if (db->backend == DB_POSTGRES) dbp_close(db);
  else dbl_close(db);
  free(db->zTarget);
  free(db);
}

/* A new statement for zSql, or abort: a literal that does not prepare is a bug in the program. */
static Stmt *db_stmt_new(Db *db, const char *zSql, int cached) {
  Stmt *s = xcalloc(1, sizeof *s);
  s->db = db;
  s->cached = cached;
  int rc = db->backend == DB_POSTGRES ? dbp_prepare(db, s, zSql) : dbl_prepare(db, s, zSql, cached);
  if (rc) {
    log_error("SQL prepare failed: %s\nSQL: %s", db_errmsg(db), zSql);
    abort();
  }
  return s;
}

Stmt *db_prepare(Db *db, const char *zSql) {
  unsigned h = db_hash_ptr(zSql);
  for (unsigned k = 0; k < DB_CACHE_SLOTS; k++) {
    CacheEntry *c = &db->aCache[(h + k) & (DB_CACHE_SLOTS - 1)];
    if (c->zSql == zSql) {
      db_done(c->pStmt);
      return c->pStmt;
    }
    if (!c->zSql) {
      c->pStmt = db_stmt_new(db, zSql, 1);
      c->zSql = zSql;
      db->nCached++;
      return c->pStmt;
    }
  }
  log_error("statement cache full");
  abort();
}

Stmt *db_prepare_uncached(Db *db, const char *zSql) {
  return db_stmt_new(db, zSql, 0);
}

void db_finalize(Stmt *s) {
  db_stmt_free(s);
}

/* FNV-1a, 64 bits: the key of an assembled statement's text. */
static uint64_t db_hash_text(const char *z) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *z; z++) h = (h ^ (unsigned char)*z) * 0x100000001b3ull;
  return h;
}

Stmt *db_prepare_assembled(Db *db, const char *zSql) {
  uint64_t h = db_hash_text(zSql);
  AssembledEntry *pFree = NULL, *pOldest = NULL;
  for (int i = 0; i < DB_ASSEMBLED_SLOTS; i++) {
    AssembledEntry *a = &db->aAssembled[i];
    if (!a->pStmt) {
      if (!pFree) pFree = a;
      continue;
    }
    if (a->hash == h && strcmp(a->zSql, zSql) == 0) {
      a->lastUse = ++db->assembledClock;
      db_done(a->pStmt);
      return a->pStmt;
    }
    if (!pOldest || a->lastUse < pOldest->lastUse) pOldest = a;
  }
  AssembledEntry *a = pFree ? pFree : pOldest;
  if (a->pStmt) { /* full: release the least recently used */
    if (db->backend == DB_POSTGRES) dbp_deallocate(a->pStmt);
    db_stmt_free(a->pStmt);
    free(a->zSql);
  }
  a->pStmt = db_stmt_new(db, zSql, 1);
  a->zSql = xstrdup(zSql);
  a->hash = h;
  a->lastUse = ++db->assembledClock;
  return a->pStmt;
}

void db_bind_text(Stmt *s, int i, const char *z) {
  if (!z) db_bind_null(s, i);
  else db_bind_textn(s, i, z, (int)strlen(z));
}

void db_bind_textn(Stmt *s, int i, const char *z, int n) {
  if (s->db->backend == DB_POSTGRES) dbp_bind(s, i, z, n);
  else sqlite3_bind_text(s->lite, i, z, n, SQLITE_TRANSIENT);
}

void db_bind_int(Stmt *s, int i, int64_t v) {
  if (s->db->backend == DB_POSTGRES) {
    char z[24];
    int n = snprintf(z, sizeof z, "%lld", (long long)v);
    dbp_bind(s, i, z, n);
  } else {
    sqlite3_bind_int64(s->lite, i, v);
  }
}

void db_bind_null(Stmt *s, int i) {
  if (s->db->backend == DB_POSTGRES) dbp_bind(s, i, NULL, 0);
  else sqlite3_bind_null(s->lite, i);
}

int db_step(Stmt *s) {
  if (s->db->backend == DB_POSTGRES) return dbp_step(s);
  int rc = sqlite3_step(s->lite);
  if (rc == SQLITE_ROW) return DB_ROW;
  if (rc == SQLITE_DONE) {
    s->db->nChanges = sqlite3_changes(s->db->h);
    return DB_DONE;
  }
  if ((rc & 0xff) != SQLITE_CONSTRAINT)
    log_error("SQL step failed (%d): %s\nSQL: %s", rc, sqlite3_errmsg(s->db->h), sqlite3_sql(s->lite));
  return DB_ERROR;
}

const char *db_col_text(Stmt *s, int i) {
  if (s->db->backend == DB_POSTGRES) return dbp_col_text(s, i);
  const unsigned char *z = sqlite3_column_text(s->lite, i);
  return z ? (const char *)z : "";
}

int64_t db_col_int(Stmt *s, int i) {
  if (s->db->backend != DB_POSTGRES) return sqlite3_column_int64(s->lite, i);
  const char *z = dbp_col_text(s, i);
  if (z[0] == 't' && z[1] == 0) return 1; /* a PostgreSQL boolean */
  return strtoll(z, NULL, 10);
}

int db_col_is_null(Stmt *s, int i) {
  if (s->db->backend == DB_POSTGRES) return dbp_col_is_null(s, i);
  return sqlite3_column_type(s->lite, i) == SQLITE_NULL;
}

void db_done(Stmt *s) {
  if (s->db->backend == DB_POSTGRES) {
    dbp_done(s);
  } else {
    sqlite3_reset(s->lite);
    sqlite3_clear_bindings(s->lite);
  }
}

int db_exec(Db *db, const char *zSql) {
  if (db->backend == DB_POSTGRES) return dbp_exec(db, zSql);
  char *zErr = NULL;
  if (sqlite3_exec(db->h, zSql, NULL, NULL, &zErr) != SQLITE_OK) {
    log_error("SQL exec failed: %s\nSQL: %.*s", zErr ? zErr : "?", (int)utf8_prefix(zSql, strlen(zSql), 200),
              zSql); /* never cut inside a character */
    sqlite3_free(zErr);
    return -1;
  }
  return 0;
}

int db_begin(Db *db) {
  if (db->bulk) return db_exec(db, "SAVEPOINT jw_bulk_tx");
  if (db->backend == DB_POSTGRES) {
    /* One writer at a time, as SQLite: see db.h and docs/scaling.md ("How writes are serialised"). */
    return dbp_exec(db, "BEGIN; SELECT pg_advisory_xact_lock(" DB_WRITE_LOCK_KEY ")");
  }
  return db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(Db *db) {
  if (db->bulk) {
    if (!db_exec(db, "RELEASE jw_bulk_tx")) return 0;
    db_rollback(db);
    return -1;
  }
  if (db_exec(db, "COMMIT")) {
    db_rollback(db);
    return -1;
  }
  return 0;
}

void db_rollback(Db *db) {
  if (db->bulk) {
    /* the use case's savepoint only; the bulk transaction goes on */
    if (db_in_transaction(db)) db_exec(db, "ROLLBACK TO jw_bulk_tx; RELEASE jw_bulk_tx");
    return;
  }
  if (db->backend == DB_POSTGRES) {
    if (db->pg && dbp_in_transaction(db)) dbp_exec(db, "ROLLBACK");
  } else if (!sqlite3_get_autocommit(db->h)) {
    sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
  }
}

int db_bulk_begin(Db *db) {
  if (db->bulk || db_begin(db)) return -1;
  db->bulk = 1;
  return 0;
}

int db_bulk_commit(Db *db) {
  db->bulk = 0;
  return db_commit(db);
}

int db_load_settings(Db *db, int on) {
  if (db->backend == DB_POSTGRES) {
    return db_exec(db, on ? "SET synchronous_commit = off" : "SET synchronous_commit = on");
  }
  /* 1 GiB of page cache while loading (the indexes of a million cases stay in memory), no fsync per commit; then
   * the production settings of db_open again */
  if (on) return db_exec(db, "PRAGMA synchronous=OFF") || db_exec(db, "PRAGMA cache_size=-1048576") ? -1 : 0;
  return db_exec(db, "PRAGMA synchronous=FULL") || db_exec(db, "PRAGMA cache_size=-2000") ? -1 : 0;
}

char *db_load_drop_indexes(Db *db) {
  if (db->backend == DB_POSTGRES) return NULL; /* PostgreSQL keeps its indexes (not measured there) */
  /* the tables a demo load fills; UNIQUE indexes stay (the writes look rows up by them: ON CONFLICT, the sync of a
   * record's deadline rows), the rest are re-created from their own text by db_load_restore_indexes() */
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db->h,
                         "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"
                         " AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ('case_record', 'case_person',"
                         " 'case_custody', 'case_person_charge', 'case_event', 'deadline', 'audit_log')"
                         " ORDER BY rowid",
                         -1, &s, NULL) != SQLITE_OK) {
    return NULL;
  }
  Buf create = BUF_INIT, drop = BUF_INIT;
  buf_puts(&drop, "BEGIN;");
  while (sqlite3_step(s) == SQLITE_ROW) {
    buf_printf(&drop, "DROP INDEX \"%s\";", (const char *)sqlite3_column_text(s, 0));
    buf_printf(&create, "%s;", (const char *)sqlite3_column_text(s, 1));
  }
  sqlite3_finalize(s);
  buf_puts(&drop, "COMMIT;");
  int rc = create.n ? db_exec(db, buf_cstr(&drop)) : 0;     /* sql-safe: index names read from the schema itself */
  if (rc && db_in_transaction(db)) db_exec(db, "ROLLBACK"); /* all the indexes stay */
  buf_free(&drop);
  if (rc || !create.n) {
    buf_free(&create);
    return NULL;
  }
  return buf_detach(&create);
}

int db_load_restore_indexes(Db *db, char *zCreate) {
  if (!zCreate) return 0;
  int rc = db_exec(db, zCreate); /* sql-safe: the indexes' own CREATE text, read from the schema */
  free(zCreate);
  return rc;
}

int db_in_transaction(Db *db) {
  if (db->backend == DB_POSTGRES) return db->pg && dbp_in_transaction(db);
  return !sqlite3_get_autocommit(db->h);
}

int db_changes(Db *db) {
  return db->nChanges;
}

const char *db_errmsg(Db *db) {
  if (db->backend == DB_POSTGRES) return db->zErr;
  return sqlite3_errmsg(db->h);
}

int db_is_constraint(Db *db) {
  if (db->backend == DB_POSTGRES) return db->zState[0] == '2' && db->zState[1] == '3'; /* class 23 */
  return (sqlite3_extended_errcode(db->h) & 0xff) == SQLITE_CONSTRAINT;
}

int db_unavailable(Db *db) {
  return db->backend == DB_POSTGRES && db->unavailable;
}

int db_reconnect(Db *db) {
  if (db->backend != DB_POSTGRES) return 0;
  return dbp_reconnect(db);
}

struct sqlite3 *db_sqlite(Db *db) {
  return db->backend == DB_SQLITE ? db->h : NULL;
}

int db_schema_version(Db *db) {
  return db->backend == DB_POSTGRES ? dbp_schema_version(db) : dbl_schema_version(db);
}

int db_table_count(Db *db) {
  return db->backend == DB_POSTGRES ? dbp_table_count(db) : dbl_table_count(db);
}

int db_set_schema_version(Db *db, int v) {
  return db->backend == DB_POSTGRES ? dbp_set_schema_version(db, v) : dbl_set_schema_version(db, v);
}

int db_busy_statements(Db *db) {
  int n = 0;
  for (int i = 0; i < DB_CACHE_SLOTS; i++) {
    Stmt *s = db->aCache[i].pStmt;
    if (!s) continue;
    if (db->backend == DB_POSTGRES ? s->executed : sqlite3_stmt_busy(s->lite)) n++;
  }
  return n;
}

void db_reset_all(Db *db) {
  for (int i = 0; i < DB_CACHE_SLOTS; i++) {
    if (db->aCache[i].pStmt) db_done(db->aCache[i].pStmt);
  }
}
