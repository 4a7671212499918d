/* db_internal.h: what db.c shares with its two drivers, db_sqlite.c and db_pg.c. Nothing outside src/store includes
 * it: above the store a Db and a Stmt are opaque.
 *
 * db.c owns the statement cache and the calls every caller makes; each driver fills a Stmt and answers through
 * the functions declared here. The one place the SQL dialects differ in text is schema.c (the DDL); the DML is
 * written once, with ?1..?N placeholders that db_pg.c rewrites to $1..$N (db_sql_to_pg). */
#ifndef JW_DB_INTERNAL_H
#define JW_DB_INTERNAL_H
#include <stdint.h>

#include "store/db.h"

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

#define DB_CACHE_SLOTS 512 /* power of two */

struct Stmt {
  Db *db;
  int cached; /* 1: owned by the cache (db_done resets it); 0: released with db_finalize */
  /* SQLite */
  sqlite3_stmt *lite;
  /* PostgreSQL: the rewritten text, its parameters as text, the prepared name and the fetched result */
  char *zPgSql;
  int nParam;
  char **azParam;       /* NULL: SQL NULL */
  unsigned *aType;      /* parameter type OIDs: 0 (the server infers it) for each number used, text for a gap */
  unsigned preparedGen; /* the connection generation it was prepared on (0: not yet) */
  char zName[16];
  PGresult *res;
  int iRow, nRow, executed;
};

typedef struct CacheEntry {
  const char *zSql; /* the literal's address: the key */
  Stmt *pStmt;
} CacheEntry;

/* The cache of statements assembled at run time (db_prepare_assembled), keyed by their text; the least recently used
 * is released when it is full. A list has a few filter combinations in use at a time, so 64 hold them all. */
#define DB_ASSEMBLED_SLOTS 64

typedef struct AssembledEntry {
  char *zSql; /* a copy of the text: the key */
  uint64_t hash;
  uint64_t lastUse;
  Stmt *pStmt;
} AssembledEntry;

struct Db {
  DbBackend backend;
  char *zTarget; /* the path, or the PostgreSQL URL with any password removed (for messages) */
  CacheEntry aCache[DB_CACHE_SLOTS];
  int nCached;
  AssembledEntry aAssembled[DB_ASSEMBLED_SLOTS];
  uint64_t assembledClock;
  /* SQLite */
  sqlite3 *h;
  /* PostgreSQL */
  PGconn *pg;
  unsigned gen; /* bumped at every (re)connection: statements prepared before are gone */
  int nextName; /* prepared statement names s1, s2, ... */
  int nChanges;
  int bulk; /* inside db_bulk_begin(): db_begin and db_commit are savepoints */
  int unavailable; /* the server went away; db_reconnect() tries again */
  char zState[6];  /* SQLSTATE of the last failure */
  char zErr[512];  /* message of the last failure */
};

/* The underlying SQLite handle, NULL on PostgreSQL: for the store's SQLite-only parts (the online backup, reading a
 * file's own schema in copy.c), the tests and the benchmarks. */
struct sqlite3 *db_sqlite(Db *db);

/* SQLite driver */
int dbl_open(Db *db, const char *zPath, int flags, JwErr *e);
void dbl_close(Db *db);
int dbl_prepare(Db *db, Stmt *s, const char *zSql, int persistent);
void dbl_finalize(Stmt *s);
int dbl_schema_version(Db *db);
int dbl_table_count(Db *db);
int dbl_set_schema_version(Db *db, int v);

/* PostgreSQL driver */
int dbp_open(Db *db, const char *zUrl, int flags, JwErr *e);
void dbp_close(Db *db);
int dbp_prepare(Db *db, Stmt *s, const char *zSql);
void dbp_finalize(Stmt *s);
void dbp_deallocate(Stmt *s); /* forgets a cached statement's server-side prepared copy (before dbp_finalize) */
void dbp_bind(Stmt *s, int i, const char *z, int n);
int dbp_step(Stmt *s);
const char *dbp_col_text(Stmt *s, int i);
int dbp_col_is_null(Stmt *s, int i);
void dbp_done(Stmt *s);
int dbp_exec(Db *db, const char *zSql);
int dbp_schema_version(Db *db);
int dbp_table_count(Db *db);
int dbp_set_schema_version(Db *db, int v);
int dbp_reconnect(Db *db);
int dbp_in_transaction(Db *db);

#define DB_MAX_PARAM 99

/* Rewrites ?N placeholders to $N outside string literals, quoted identifiers and comments; *pnParam is the highest
 * N, and aUsed[N] is 1 for each N that occurs (a list query leaves out the numbers of the filters not in use).
 * A bare '?' or N outside 1..DB_MAX_PARAM is a programming error: returns NULL. Heap memory: free() it. */
char *db_sql_to_pg(const char *zSql, int *pnParam, unsigned char aUsed[DB_MAX_PARAM + 1]);

#endif
