/* schema.h: the versioned schema, the same migrations on both backends. Migrations are SQL literals compiled into
 * the binary; the number applied is kept in PRAGMA user_version (SQLite) or the table jianwu_schema (PostgreSQL). */
#ifndef JW_SCHEMA_H
#define JW_SCHEMA_H
#include "store/db.h"

/* Number of migrations this program knows (the schema version it writes). */
int schema_latest(void);
/* The SQL of migration v (1-based), or NULL: for tests that build an older database. */
const char *schema_migration(int v);
/* Brings db up to schema_latest() in one transaction. Refuses a database newer than this program, and a file that
 * holds tables but no Jianwu schema. 0 ok, -1 with e filled. */
int schema_migrate(Db *db, JwErr *e);
/* The checks of a read-only open in place of the migration: a Jianwu database this program can read (zName names
 * it in the message). 0 or -1 with e filled. */
int schema_check_readable(Db *db, const char *zName, JwErr *e);
/* Migration SQL retyped for PostgreSQL (INTEGER becomes BIGINT, INTEGER PRIMARY KEY an identity column). Heap
 * memory: free() it. */
char *schema_pg_ddl(const char *zSql);
/* PostgreSQL: moves every identity sequence past its table's largest id (after rows were copied with their ids).
 * SQLite: nothing. 0 or -1. */
int schema_sync_sequences(Db *db);

/* The case search's dialect (migration 7; the one place it differs, as the audit log's triggers do). */
/* The case list's condition on c.id that finds the cases whose search document contains ?14 (a literal fragment of
 * 3+ characters, as schema_search_pattern() gave it): through FTS5's trigram index on SQLite, pg_trgm's on
 * PostgreSQL. */
const char *schema_search_condition(Db *db);
/* ?14 for zQuery: an FTS5 phrase (SQLite) or an ILIKE pattern (PostgreSQL) that matches the text literally. Heap
 * memory: free() it. */
char *schema_search_pattern(Db *db, const char *zQuery);
/* SQLite's FTS5 index over case_search is told of each change (no trigger may write a virtual table with
 * trusted_schema off): the statement removing case ?1's indexed text (run before its case_search row goes), and the
 * one indexing case ?1's text ?2. NULL on PostgreSQL (its GIN index follows the table by itself). */
const char *schema_search_fts_delete(Db *db);
const char *schema_search_fts_insert(Db *db);

#endif
