/* deadlines.h: the one deadline capability (docs/architecture.md, "Adding a period"): every capability hands the
 * periods its records imply to deadlines_sync(); the views (mine / department / office, levels, month, badge), the
 * warnings, the reminder feed and the recomputation after a calendar change work for every kind without knowing it.
 *
 * A capability that adds a period: one row in deadline_kinds[] (core/deadline.c) with its default warning days and
 * article, then a call to deadlines_sync() with the rows its facts imply (computed with period_clock_due(), so
 * stopped clocks and custody are counted the one way). */
#ifndef JW_DEADLINES_H
#define JW_DEADLINES_H
#include <jansson.h>

#include "app/audit.h"
#include "lib/err.h"
#include "store/db.h"
#include "store/deadline_store.h"

/* Writes the owner's rows (deadline_store_sync), each with the office's own warning days for its warning key where
 * the office set them (DOMAIN 0.2: configurable). Runs inside the caller's transaction. */
int deadlines_sync(Db *db, const DeadlineOwner *o, DeadlineRow *a, int n, JwErr *e);

/* Recomputes the due day of every running deadline of every organisation on the calendar in force (after a
 * calendar change), from what each row keeps. Runs inside the caller's transaction. */
int deadlines_recompute_open(Db *db, JwErr *e);

/* The lists for the web layer. *out a new reference. */
int deadlines_list(Db *db, const DeadlineFilter *f, json_t **out, JwErr *e);
int deadlines_summary(Db *db, const DeadlineFilter *f, json_t **out, JwErr *e);
/* The month view: per due day in [f->zFrom, f->zTo], its count and first nPerDay rows (deadline_store_month). */
int deadlines_month(Db *db, const DeadlineFilter *f, int nPerDay, json_t **out, JwErr *e);

/* The warning lead times (days before the due day a deadline turns amber) of the actor's organisation, by warning
 * key: the review periods by case type, every other kind by its code: {"arrest_review":2, ..., "archiving":5}.
 * Defaults from DOMAIN.md 0.2 and deadline_kinds[]. Setting them updates the running rows; no due day moves. */
json_t *deadlines_warnings_get(Db *db, const Actor *actor);
int deadlines_warnings_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);

#endif
