/* agencies.h: the office's registry of agencies (机关名录, issue 10 section 1): the 移送机关 the registration form
 * offers, and the administrative bodies, governments and committees a 检察意见 or 检察建议 goes to; the rule that a
 * case naming an agency not yet on it adds it, in the case's own transaction (docs/api-cases.md, "Agencies"). */
#ifndef JW_AGENCIES_H
#define JW_AGENCIES_H
#include <jansson.h>

#include "app/audit.h"
#include "lib/err.h"
#include "store/agency_store.h"
#include "store/db.h"

/* The actor's office's agencies matching f (f->orgId is set from the actor; f->zKind, when set, must be a kind code:
 * else 400 naming "kind"). *out: {"items":[...],"total",...} (agency_store_list()). */
int agencies_list(Db *db, const Actor *actor, AgencyFilter f, json_t **out, JwErr *e);
/* One agency of the actor's office with every field (agency_store_get()); 404 when the office has none with id. */
int agencies_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);
/* Adds an agency from the JSON in: name and kind required; credit_code (GB 32100, normalised), address,
 * contact_person, phone, superior_id (an agency of the office), note optional. Audited (agency.create). 409 naming
 * name or credit_code when the office has one already; 422 naming superior_id for an unknown superior. *out: the
 * agency as agencies_get() gives it. */
int agencies_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
/* Changes the fields present in in (null clears an optional one); the superior may not be the agency itself nor
 * one of its subordinates (no cycles: 422 naming superior_id). Audited with before and after (agency.update). */
int agencies_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
/* For the records that name an agency (行刑衔接's and 检察建议's agency_id, a superior): 0 when id is an agency of the
 * actor's office, else -1 with a 422 validation_failed naming zField ("须为本院机关名录中的机关"), or a 500 on a
 * database error. Reads only: call it inside the caller's transaction. */
int agencies_check_ref(Db *db, const Actor *actor, int64_t id, const char *zField, JwErr *e);
/* The kinds, in display order: {"items":[{"code","name"}]} (core/agency.h). */
json_t *agencies_kinds(void);
/* Inside the caller's transaction: adds zName to the office's list unless it is there, with the kind its name
 * implies (core/agency.h). 0, or -1 with e filled. */
int agencies_note(Db *db, int64_t orgId, const char *zName, JwErr *e);

#endif
