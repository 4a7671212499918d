/* agencies.c: the office's list of agencies (see agencies.h). */
#include "app/agencies.h"

#include "core/agency.h"
#include "lib/timeutil.h"

int agencies_list(Db *db, const Actor *actor, AgencyFilter f, json_t **out, JwErr *e) {
  f.orgId = actor->orgId;
  *out = agency_store_list(db, &f);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

int agencies_note(Db *db, int64_t orgId, const char *zName, JwErr *e) {
  char zNow[32];
  time_now_iso(zNow);
  if (agency_store_ensure(db, orgId, zName, agency_kind_guess(zName), zNow)) return err_internal(e, db_errmsg(db));
  return 0;
}
