/* cases.h: use cases for criminal cases and their deadlines (docs/api-cases.md; DOMAIN.md 0.2, 2, 2.1).
 *
 * Every write validates its JSON input, applies the rules of core/case_rules.c, writes the case, persons and event
 * through the store, recomputes the case's deadline rows on the calendar in force, and appends the audit row, all in
 * one transaction. Illegal transitions answer 409 conflict with the reason; bad input 400 naming the field
 * (persons.N.field for persons). Records of another organisation answer 404. */
#ifndef JW_CASES_H
#define JW_CASES_H
#include <jansson.h>

#include "app/audit.h"
#include "lib/err.h"
#include "store/case_store.h"
#include "store/db.h"

/* *out receives a new reference (the whole Case) on success. */
int cases_register(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
int cases_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);
int cases_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
int cases_add_person(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
int cases_update_person(Db *db, const Actor *actor, int64_t id, int64_t personId, const json_t *in, json_t **out,
                        JwErr *e);
int cases_event(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);

/* Recomputes every open deadline of every organisation (after a calendar change). Runs inside the caller's
 * transaction. 0 ok, -1 with e filled. */
int cases_recompute_open_deadlines(Db *db, JwErr *e);

/* The fast-track (轻微刑事案件办案组) rule of the actor's organisation: {"enabled","department_id","charges",
 * "max_sentence_band"}; the default is disabled. */
json_t *cases_fast_track_get(Db *db, const Actor *actor);
int cases_fast_track_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);

/* The warning lead times (days before the due day a deadline turns amber) of the actor's organisation:
 * {"arrest_review":2,"prosecution_review":5,...,"supplementary":5,"archiving":5}: review deadlines by case type, the
 * other kinds by name. Defaults from DOMAIN.md 0.2. Setting them recomputes every open deadline. */
json_t *cases_warnings_get(Db *db, const Actor *actor);
int cases_warnings_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);

/* Who rotation would assign next in a department: {"prosecutor_id","name"}; 404 when nobody can take cases. */
int cases_rotation_peek(Db *db, const Actor *actor, int64_t departmentId, json_t **out, JwErr *e);

#endif
