/* audit.h: the audit trail. Every write in Jianwu calls audit_append() inside its own transaction, so the data
 * change and its audit row commit or roll back together. Each row stores the SHA-256 of the previous row's hash and
 * its own content (a hash chain); audit_verify() recomputes the chain and reports the first row that breaks it. */
#ifndef JW_AUDIT_H
#define JW_AUDIT_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"
#include "store/audit_store.h"
#include "store/db.h"

/* Who is acting: the signed-in user (web) or the operator of the command line (userId 0). */
typedef struct Actor {
  int64_t userId;
  int64_t orgId;
  const char *zLogin;
  uint32_t perms;       /* permission bits from the user's roles */
  int64_t departmentId; /* the user's department, or 0 */
} Actor;

/* Appends one audit row. Must run inside a transaction (db_begin). before/after may be NULL; they are not consumed.
 * Never put secrets in before/after. 0 ok, -1 with e filled. */
int audit_append(Db *db, const Actor *actor, const char *zAction, const char *zEntity, const char *zEntityId,
                 const json_t *before, const json_t *after, JwErr *e);

/* A record id as the text stored in audit_log.entity_id: audit_id(42).z is "42" (valid to the end of the full
 * expression that calls it). */
typedef struct AuditId {
  char z[24];
} AuditId;
AuditId audit_id(int64_t id);

/* Computes a row's hash (64 lowercase hex + NUL) from its content and prev_hash. */
void audit_row_hash(const AuditRow *r, char out[65]);

/* Checks the whole chain. Returns 0 when intact; 1 when broken, with *pBadId the first bad row and zWhy a reason;
 * -1 on a database error. */
int audit_verify(Db *db, int64_t *pBadId, char *zWhy, size_t nWhy, int64_t *pRows);

/* Records that actor took a list out of the system (an Excel export): action zAction ("export.cases") on entity
 * zEntity, with after = {"filter":{...},"rows":N,"file":"..."}, in a transaction of its own. 0, or -1 with e. */
int audit_export(Db *db, const Actor *actor, const char *zAction, const char *zEntity, const json_t *after, JwErr *e);

/* The audit log for the web layer: a page of rows (audit_store_list), 500 on a database error. */
int audit_list(Db *db, const AuditFilter *f, json_t **out, JwErr *e);

#endif
