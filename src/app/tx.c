/* tx.c: ending a write transaction (see tx.h). */
#include "app/tx.h"

int app_finish_write(Db *db, int rc, JwErr *e) {
  if (rc) {
    db_rollback(db);
    return -1;
  }
  if (db_commit(db)) return err_internal(e, db_errmsg(db));
  return 0;
}
