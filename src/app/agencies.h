/* agencies.h: the office's list of agencies (移送机关): the list the registration form offers, and the rule that a
 * case naming an agency not yet on it adds it, in the case's own transaction (docs/api-cases.md, "Agencies"). */
#ifndef JW_AGENCIES_H
#define JW_AGENCIES_H
#include <jansson.h>

#include "app/audit.h"
#include "lib/err.h"
#include "store/agency_store.h"
#include "store/db.h"

/* The actor's office's agencies matching f (f->orgId is set from the actor). *out: {"items":[{id,name,kind}],
 * "total",...}. */
int agencies_list(Db *db, const Actor *actor, AgencyFilter f, json_t **out, JwErr *e);
/* Inside the caller's transaction: adds zName to the office's list unless it is there, with the kind its name
 * implies (core/agency.h). 0, or -1 with e filled. */
int agencies_note(Db *db, int64_t orgId, const char *zName, JwErr *e);

#endif
