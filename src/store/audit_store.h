/* audit_store.h: SQL for the append-only, hash-chained audit log (table audit_log). */
#ifndef JW_AUDIT_STORE_H
#define JW_AUDIT_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

/* One audit row as stored. Strings are owned by whoever filled the struct (see each function). */
typedef struct AuditRow {
  int64_t id;
  const char *zAt;
  int64_t orgId;  /* 0: none */
  int64_t userId; /* 0: none (system, command line) */
  const char *zAction;
  const char *zEntity;
  const char *zEntityId; /* may be NULL */
  const char *zBefore;   /* compact JSON or NULL */
  const char *zAfter;    /* compact JSON or NULL */
  const char *zPrevHash; /* 64 hex */
  const char *zHash;     /* 64 hex */
} AuditRow;

/* Copies the hash of the newest row into out (64 hex + NUL), or 64 zeros for an empty log. 0 ok, -1 error. */
int audit_store_last_hash(Db *db, char out[65]);
/* Inserts r (id is assigned). 0 ok, -1 error. */
int audit_store_insert(Db *db, const AuditRow *r);
/* Calls xRow for every row in id order, with strings valid only during the call; stops when xRow returns non-zero
 * and returns that value. Returns -1 on a database error. */
int audit_store_each(Db *db, int (*xRow)(const AuditRow *r, void *ctx), void *ctx);

typedef struct AuditFilter {
  int64_t orgId;       /* required */
  const char *zAction; /* NULL: any */
  const char *zEntity; /* NULL: any */
  int64_t userId;      /* 0: any */
  const char *zFrom;   /* 'YYYY-MM-DD' inclusive or NULL */
  const char *zTo;     /* 'YYYY-MM-DD' inclusive or NULL */
  int64_t caseId;      /* 0: any; else the rows of that case */
  const char *zCase;   /* NULL: any; else the rows of the cases whose 案号 contains it */
  const char *zPerson; /* NULL: any; else the rows of the cases with a person whose name contains it */
  int limit, offset;
  struct StoreExport *pExport; /* non-NULL: every row to it instead of a page (store_util.h) */
} AuditFilter;
/* A page of rows, newest first, as {"items":[AuditEntry],"total":N,"limit":L,"offset":O}; NULL on error. Each
 * entry carries the acting user's name and the record's name (entity_name; case_number for a case).
 * The caller owns the returned reference. */
json_t *audit_store_list(Db *db, const AuditFilter *f);

#endif
