/* schema.h: the versioned schema. Migrations are SQL literals compiled into the binary; PRAGMA user_version holds
 * the number of migrations applied. */
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

#endif
