/* app_util.h: the small helpers every use case shares (one copy instead of one per file): the database error as a
 * 500, today in China Standard Time, and a stored date as a day. */
#ifndef JW_APP_UTIL_H
#define JW_APP_UTIL_H
#include "core/date.h"
#include "lib/err.h"
#include "store/db.h"

/* The database's last error as a 500 "internal" (logged, not shown): returns -1. */
int app_db_fail(Db *db, JwErr *e);
/* Today in China Standard Time into zToday ("YYYY-MM-DD"), and as a day. */
JwDate app_today(char zToday[11]);
/* A stored date ("YYYY-MM-DD"; NULL or "" for none) as a day; 0 for none or a value that is not a date. */
JwDate app_day_of(const char *z);

#endif
