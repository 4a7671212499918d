/* migrate.h: moving an office's SQLite database into the provincial database (jianwu migrate; docs/operations.md
 * "Moving an office to PostgreSQL"). The tables are copied by the store (store/copy.h) with ids offset past the
 * target's; this layer checks the source's audit chain, refuses an office the target already holds, extends the
 * target's one audit chain with the source's rows, and checks the result before it commits. */
#ifndef JW_MIGRATE_H
#define JW_MIGRATE_H
#include "lib/err.h"
#include "store/copy.h"
#include "store/db.h"

typedef struct MigrateSource {
  int64_t auditRows;  /* rows of the source's audit log (verified) */
  char zLastHash[65]; /* the hash of its last row (64 zeros for an empty log) */
} MigrateSource;

/* Starts a read transaction on src (ended by migrate_office or migrate_source_end) and verifies its audit chain: a
 * broken chain is refused (409). 0 or -1 with e filled. */
int migrate_source_check(Db *src, MigrateSource *out, JwErr *e);
void migrate_source_end(Db *src);

typedef struct MigrateResult {
  CopyPlan plan; /* per table: source rows, rows copied, the target's rows before, the id offset */
  int rechained; /* the source's audit rows were appended to the target's chain (new ids, hashes, org.migrate) */
} MigrateResult;

/* Copies every table of src into dst in one transaction on dst and checks it (row counts per table, audit_verify)
 * before committing; on any error nothing is left in dst. zSourceName names the source in the org.migrate audit
 * row. A source org code or login the target already holds is refused (409) naming it. 0 or -1 with e filled. */
int migrate_office(Db *src, Db *dst, const MigrateSource *ms, const char *zSourceName, CopyProgress xProgress,
                   void *ctx, MigrateResult *r, JwErr *e);

#endif
