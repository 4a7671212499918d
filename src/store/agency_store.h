/* agency_store.h: SQL for the office's list of agencies (移送机关, table agency, migration 8).
 *
 * Conventions as in accounts_store.h: every function takes the organisation and matches it; reads return new jansson
 * references, writes 0 or -1 on a database error. Issue 10 (行刑衔接) extends the rows with more columns. */
#ifndef JW_AGENCY_STORE_H
#define JW_AGENCY_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

/* Adds zName to the office's list unless it is there already (INSERT ... ON CONFLICT DO NOTHING: two registrations
 * naming a new agency at once add it once). zKind may be NULL. 0, or -1 on a database error. */
int agency_store_ensure(Db *db, int64_t orgId, const char *zName, const char *zKind, const char *zNow);

typedef struct AgencyFilter {
  int64_t orgId;
  const char *zQuery; /* part of the name, or NULL */
  int limit, offset;
} AgencyFilter;

/* The office's agencies, by name: {"items":[{"id","name","kind"}],"total",...} (store_list()). NULL on error. */
json_t *agency_store_list(Db *db, const AgencyFilter *f);

#endif
