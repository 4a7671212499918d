/* app_util.c: the use cases' shared helpers (see app_util.h). */
#include "app/app_util.h"

#include <string.h>

#include "lib/timeutil.h"

int app_db_fail(Db *db, JwErr *e) {
  return err_internal(e, db_errmsg(db));
}

JwDate app_today(char zToday[11]) {
  time_today_china(zToday);
  JwDate d = 0;
  if (date_parse(zToday, 10, &d)) d = 0;
  return d;
}

JwDate app_day_of(const char *z) {
  JwDate d = 0;
  if (z && *z && date_parse(z, strlen(z), &d)) d = 0;
  return d;
}
