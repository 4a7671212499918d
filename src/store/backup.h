/* backup.h: a consistent copy of a live database with SQLite's online backup API, and an integrity check. */
#ifndef JW_BACKUP_H
#define JW_BACKUP_H
#include "lib/err.h"
#include "store/db.h"

/* Copies db into the new file zOut (which must not exist; created with mode 0600, owner only), while other
 * connections keep writing; the copy is the state of one moment, in rollback-journal mode so that it is one
 * self-contained file. 0 ok, -1 with e filled (and no partial file left). */
int backup_to_file(Db *db, const char *zOut, JwErr *e);
/* Runs PRAGMA integrity_check and foreign_key_check; 0 when both are clean, else -1 with the first problem in e. */
int backup_integrity_check(Db *db, JwErr *e);

#endif
