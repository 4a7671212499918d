/* agency_store.h: SQL for the office's registry of agencies (table agency: migration 8, widened by migration 9).
 *
 * Conventions as in accounts_store.h: every function takes the organisation and matches it; reads return new jansson
 * references, writes 0 or -1 on a database error. */
#ifndef JW_AGENCY_STORE_H
#define JW_AGENCY_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

struct StoreExport;

/* Adds zName to the office's list unless it is there already (INSERT ... ON CONFLICT DO NOTHING: two registrations
 * naming a new agency at once add it once). zKind may be NULL. 0, or -1 on a database error. */
int agency_store_ensure(Db *db, int64_t orgId, const char *zName, const char *zKind, const char *zNow);

typedef struct AgencyFilter {
  int64_t orgId;
  const char *zQuery; /* part of the name or of the credit code, or NULL */
  const char *zKind;  /* a kind code, or NULL */
  int limit, offset;
  struct StoreExport *pExport; /* NULL: a page; else every row goes to it (store_util.h) */
} AgencyFilter;

/* The office's agencies, by name: {"items":[{"id","name","kind","credit_code","address","contact_person","phone",
 * "superior_id","superior_name"}],"total",...} (store_list()). NULL on error. */
json_t *agency_store_list(Db *db, const AgencyFilter *f);

/* One agency's columns; the text ones NULL when not set, superiorId 0 for none. */
typedef struct AgencyRow {
  const char *zName, *zKind, *zCreditCode, *zAddress, *zContact, *zPhone, *zNote;
  int64_t superiorId;
} AgencyRow;

/* The agency with every column and its superior's name ({"id","name","kind","credit_code","address",
 * "contact_person","phone","superior_id","superior_name","note","created_at","updated_at"}), or NULL when the office
 * has none with that id (or on a database error: db_errmsg tells). */
json_t *agency_store_get(Db *db, int64_t orgId, int64_t id);
/* Inserts an agency: the new id, or -1 on an error (db_is_constraint() for a duplicate name or code). */
int64_t agency_store_insert(Db *db, int64_t orgId, const AgencyRow *a, const char *zNow);
/* Replaces every column of agency id with a's (updated_at = zNow). 0, or -1 on an error. */
int agency_store_update(Db *db, int64_t orgId, int64_t id, const AgencyRow *a, const char *zNow);
/* The id of the office's agency named zName (or with the credit code zCode), 0 when none, -1 on an error. */
int64_t agency_store_id_by_name(Db *db, int64_t orgId, const char *zName);
int64_t agency_store_id_by_code(Db *db, int64_t orgId, const char *zCode);
/* 1 when the office has an agency with that id, 0 when not, -1 on an error. */
int agency_store_exists(Db *db, int64_t orgId, int64_t id);
/* The superior of agency id: its id, 0 when it has none or there is no such agency, -1 on an error. */
int64_t agency_store_superior(Db *db, int64_t orgId, int64_t id);

#endif
