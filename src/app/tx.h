/* tx.h: how every use case ends its write transaction (one helper instead of a copy per file). */
#ifndef JW_TX_H
#define JW_TX_H
#include "lib/err.h"
#include "store/db.h"

/* Ends a write begun with db_begin(): on rc == 0 commits (a failed commit fills e and returns -1); otherwise rolls
 * back and returns -1 with e as the caller filled it. */
int app_finish_write(Db *db, int rc, JwErr *e);

#endif
