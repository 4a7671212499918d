/* deadlines.c: the one deadline capability (see deadlines.h). */
#include "app/deadlines.h"

#include <stdlib.h>
#include <string.h>

#include "app/holidays.h"
#include "app/tx.h"
#include "core/case_rules.h"
#include "lib/jsonin.h"
#include "store/case_store.h"

#define WARN_DAYS_MAX 60 /* the lists bound the warning window by this (deadline_store.c) */

/* The warning keys and their defaults: the review period of each case type (its own lead time, DOMAIN 0.2: 案管
 * warns 5 days ahead for 审查起诉, 2 for 审查逮捕), then every other kind by its code. This is the one place that
 * knows review periods are keyed by case type. */
static int warn_keys(const char **azKey, int *aDays, int nMax) {
  int n = 0;
  for (int i = 0; i < CASE_TYPE_COUNT && n < nMax; i++) {
    azKey[n] = case_types[i].zCode;
    aDays[n++] = case_types[i].warnDays;
  }
  for (int i = 0; i < deadline_kinds_count && n < nMax; i++) {
    if (strcmp(deadline_kinds[i].zCode, "review") == 0) continue;
    azKey[n] = deadline_kinds[i].zCode;
    aDays[n++] = deadline_kinds[i].warnDays;
  }
  return n;
}

#define WARN_KEYS_MAX 64

int deadlines_sync(Db *db, const DeadlineOwner *o, DeadlineRow *a, int n, JwErr *e) {
  json_t *warn = org_setting_get(db, o->orgId, "deadline_warnings");
  for (int i = 0; warn && i < n; i++) {
    json_t *v = json_object_get(warn, a[i].zWarnKey);
    if (json_is_integer(v)) a[i].warnDays = (int)json_integer_value(v);
  }
  json_decref(warn);
  if (deadline_store_sync(db, o, a, n)) return err_internal(e, db_errmsg(db));
  return 0;
}

int deadlines_recompute_open(Db *db, JwErr *e) {
  const JwCalendar *cal = holidays_current(db, e);
  if (!cal) return -1;
  int n = 0;
  DeadlineClock *a = deadline_store_open_clocks(db, &n);
  if (!a) return err_internal(e, db_errmsg(db));
  int rc = 0;
  for (int i = 0; i < n && !rc; i++) {
    JwDate due;
    int prov = 0;
    if (period_stored_due(cal, a[i].startOn, a[i].length, a[i].extraDays, a[i].stopDays, a[i].custodyBound, &due,
                          &prov)) {
      continue; /* out of the calendar's range: the row keeps its day */
    }
    if (due != a[i].dueOn && deadline_store_set_due(db, a[i].id, due, prov)) rc = err_internal(e, db_errmsg(db));
  }
  free(a);
  return rc;
}

int deadlines_list(Db *db, const DeadlineFilter *f, json_t **out, JwErr *e) {
  *out = deadline_store_list(db, f);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

int deadlines_month(Db *db, const DeadlineFilter *f, int nPerDay, json_t **out, JwErr *e) {
  *out = deadline_store_month(db, f, nPerDay);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

int deadlines_summary(Db *db, const DeadlineFilter *f, json_t **out, JwErr *e) {
  *out = deadline_store_summary(db, f);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

json_t *deadlines_warnings_get(Db *db, const Actor *actor) {
  const char *azKey[WARN_KEYS_MAX];
  int aDays[WARN_KEYS_MAX];
  int n = warn_keys(azKey, aDays, WARN_KEYS_MAX);
  json_t *v = json_object(), *set = org_setting_get(db, actor->orgId, "deadline_warnings");
  for (int i = 0; i < n; i++) json_object_set_new(v, azKey[i], json_integer(aDays[i]));
  if (set) json_object_update_existing(v, set);
  json_decref(set);
  return v;
}

int deadlines_warnings_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  const char *azKey[WARN_KEYS_MAX];
  int aDays[WARN_KEYS_MAX];
  int n = warn_keys(azKey, aDays, WARN_KEYS_MAX);
  JinField fields[WARN_KEYS_MAX];
  for (int i = 0; i < n; i++) fields[i] = (JinField){azKey[i], JIN_INT, 0, 0, WARN_DAYS_MAX};
  if (jin_check(in, fields, (size_t)n, e)) return -1;
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  json_t *before = deadlines_warnings_get(db, actor), *merged = json_deep_copy(before);
  json_object_update(merged, (json_t *)in);
  int rc = org_setting_put(db, actor->orgId, "deadline_warnings", merged) ? err_internal(e, db_errmsg(db)) : 0;
  if (!rc) {
    rc = audit_append(db, actor, "setting.deadline_warnings", "org", audit_id(actor->orgId).z, before, merged, e);
  }
  /* no due day moves: the running rows only take the new lead times */
  for (int i = 0; !rc && i < n; i++) {
    if (deadline_store_set_warn_days(db, actor->orgId, azKey[i], (int)jin_int(merged, azKey[i], aDays[i]))) {
      rc = err_internal(e, db_errmsg(db));
    }
  }
  json_decref(before);
  json_decref(merged);
  if (app_finish_write(db, rc, e)) return -1;
  *out = deadlines_warnings_get(db, actor);
  return 0;
}
