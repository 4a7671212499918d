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

#endif
