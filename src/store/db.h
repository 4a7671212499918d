/* db.h: the store's database interface: one connection (Db) with prepared-statement cache, bound values only,
 * and transactions, over one of two drivers: SQLite (a file path; db_sqlite.c) or PostgreSQL (a postgres:// or
 * postgresql:// URL; db_pg.c, through libpq). Nothing of either library shows above the store.
 *
 * SQL is always a string literal with ?1..?N placeholders, written once for both (docs/architecture.md "SQL for two
 * databases"); values are bound with db_bind_*(). db_prepare() returns a cached statement (prepared once per
 * connection, keyed by the SQL literal's address); call db_done() when finished with it. A malformed SQL literal is
 * a programming error: it is logged and the process aborts.
 *
 * One Db per thread: a Db must not be used by two threads at once. */
#ifndef JW_DB_H
#define JW_DB_H
#include <stdint.h>

#include "lib/err.h"

typedef struct Db Db;
typedef struct Stmt Stmt;

typedef enum { DB_SQLITE = 1, DB_POSTGRES = 2 } DbBackend;

enum { DB_ROW = 1, DB_DONE = 0, DB_ERROR = -1 };

/* The key of the PostgreSQL advisory lock every write transaction takes (db_begin). */
#define DB_WRITE_LOCK_KEY "7242010"

#define DB_OPEN_EXISTING 0 /* the file must exist and hold a Jianwu database */
#define DB_OPEN_CREATE   1 /* create the file if missing */
#define DB_OPEN_READONLY 2 /* inspect an existing file without changing it (see db_open) */

/* Opens zPath, applies the connection settings (WAL, synchronous=FULL, foreign keys, busy timeout, defensive) and
 * migrates the schema forward in one transaction. A database newer than this program is refused. On error fills e
 * and returns -1; on success *out is a new Db to close with db_close().
 *
 * DB_OPEN_READONLY changes nothing on disk: no journal-mode switch, no migration, no -wal or -shm created. It opens
 * the URI file:PATH?mode=ro, and adds immutable=1 when no -wal and no -journal file sits beside the database (no
 * connection has it open for writing, and a WAL-mode file would otherwise get -wal and -shm files created); with a
 * -wal present (a live server) it reads through the server's WAL. Only databases this program can read (schema
 * version 1..latest) are accepted; writes through such a Db fail. */
int db_open(const char *zPath, int flags, Db **out, JwErr *e);
/* 1 when zTarget names a PostgreSQL database (postgres:// or postgresql://), 0 for a file path. */
int db_target_is_postgres(const char *zTarget);
/* zTarget as it may be shown or logged: a URL without its password. Heap memory: free() it. */
char *db_target_display(const char *zTarget);
DbBackend db_backend(Db *db);
void db_close(Db *db);

Stmt *db_prepare(Db *db, const char *zSql);
/* Prepares SQL assembled at run time from literal fragments of the store (a list query's WHERE clause with only the
 * filters in use, so the planner can pick the index that serves them). Never from input: values are still bound.
 * Not cached: release it with db_finalize(). Malformed SQL aborts, as with db_prepare(). */
Stmt *db_prepare_uncached(Db *db, const char *zSql);
void db_finalize(Stmt *s);
/* As db_prepare_uncached(), but cached by the statement's text: the same filters in use give the same text, so a list
 * query is parsed (SQLite) or prepared and planned (PostgreSQL) once per connection, not per call. Owned by the cache
 * like db_prepare()'s: release it with db_done(), never db_finalize(). */
Stmt *db_prepare_assembled(Db *db, const char *zSql);
void db_bind_text(Stmt *s, int i, const char *z); /* NULL binds SQL NULL */
void db_bind_textn(Stmt *s, int i, const char *z, int n);
void db_bind_int(Stmt *s, int i, int64_t v);
void db_bind_null(Stmt *s, int i);
void db_bind_blob(Stmt *s, int i, const void *p, int n);
int db_step(Stmt *s);                    /* DB_ROW, DB_DONE or DB_ERROR (logged) */
const char *db_col_text(Stmt *s, int i); /* "" for NULL; valid until the next step */
int64_t db_col_int(Stmt *s, int i);
int db_col_is_null(Stmt *s, int i);
void db_done(Stmt *s); /* reset and clear bindings */

int db_exec(Db *db, const char *zSql); /* runs SQL with no parameters; 0 or -1 */
/* Begins a write transaction: one writer at a time for the whole database, on both backends (SQLite: BEGIN
 * IMMEDIATE; PostgreSQL: BEGIN and the transaction-scoped advisory lock DB_WRITE_LOCK, see docs/scaling.md). The
 * 案号 sequences, rotation, the sign-in counters and the audit hash chain rely on it. 0 or -1. */
int db_begin(Db *db);
int db_commit(Db *db); /* 0 or -1 (then rolled back) */
void db_rollback(Db *db);
int db_in_transaction(Db *db);
/* A bulk load (jianwu demo-data): db_bulk_begin() opens one write transaction (as db_begin) in which each later
 * db_begin / db_commit / db_rollback of a use case is a savepoint, its release and its rollback: many use cases commit
 * together, and one that fails is undone alone. db_bulk_commit() commits them all and ends bulk mode (-1: rolled
 * back). Never in the server. */
int db_bulk_begin(Db *db);
int db_bulk_commit(Db *db);
/* Settings for a one-off load (jianwu demo-data's bulk path), outside a transaction: on (1), SQLite keeps a 1 GiB page
 * cache and does not fsync at commit (synchronous=OFF), PostgreSQL commits without waiting for the WAL flush
 * (synchronous_commit=off); off (0) restores what db_open set. A crash during the load can lose its last commits,
 * never corrupt the file. Never in the server. 0 or -1. */
int db_load_settings(Db *db, int on);
/* For such a load on SQLite, outside a transaction: drops the secondary indexes of the case, deadline and audit tables
 * (not the UNIQUE ones) and returns their CREATE statements (heap text; NULL when none or on PostgreSQL, which keeps
 * its indexes). db_load_restore_indexes() re-creates them from that text and frees it (NULL: nothing to do); building
 * an index once over sorted rows is much cheaper than keeping it during a million inserts. 0 or -1. */
char *db_load_drop_indexes(Db *db);
int db_load_restore_indexes(Db *db, char *zCreate);
int db_changes(Db *db); /* rows changed by the last write statement */
const char *db_errmsg(Db *db);
int db_is_constraint(Db *db); /* last failure was a UNIQUE/CHECK/FK constraint */
/* 1 when the database could not be reached (PostgreSQL went away): the request answers 503. db_reconnect() tries
 * again (0 when the connection is good); the server calls it before each request that follows a failure. */
int db_unavailable(Db *db);
int db_reconnect(Db *db);
int db_schema_version(Db *db); /* 0 for a database without Jianwu's schema; -1 on error */
int db_table_count(Db *db);    /* tables in the database (the schema in use for PostgreSQL) */
int db_set_schema_version(Db *db, int v);
int db_busy_statements(Db *db); /* statements left unreset: 0 at the end of a request */
void db_reset_all(Db *db);

#endif
