/* approval_store.h: SQL for the approval queue (检察官权力清单): proposed decisions awaiting the 部门负责人 or the
 * 检察长, and their outcome. Conventions as in case_store.h. */
#ifndef JW_APPROVAL_STORE_H
#define JW_APPROVAL_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

typedef struct ApprovalRow {
  int64_t id, orgId, entityId, caseId, departmentId, proposedBy, decidedBy;
  char zEntityKind[32];
  char zDecisionKind[32];
  char zApprover[16];
  char zStatus[12];
  json_t *payload; /* owned: json_decref() it (approval_row_free) */
} ApprovalRow;

void approval_row_free(ApprovalRow *r);

int64_t approval_store_insert(Db *db, const ApprovalRow *r, const char *zSubject, const char *zReasons,
                              const char *zNow);
/* 1 found, 0 not in this organisation, -1 error. */
int approval_store_load(Db *db, int64_t orgId, int64_t id, ApprovalRow *out);
/* 1 when the record has a pending approval of this decision kind (for this person, 0: any), 0 none, -1 error. */
int approval_store_pending_exists(Db *db, const char *zEntityKind, int64_t entityId, const char *zDecisionKind,
                                  int64_t personId);
/* Moves a pending approval to zStatus (approved, returned, withdrawn); 1 when it was pending, 0 when not, -1 error. */
int approval_store_decide(Db *db, int64_t id, const char *zStatus, int64_t userId, const char *zNow,
                          const char *zLegalOn, const char *zComment);

typedef struct ApprovalFilter {
  int64_t orgId;
  const char *zStatus;     /* pending approved returned withdrawn, or NULL */
  int chiefQueue;          /* every approval (the 检察长's queue) */
  int64_t departmentQueue; /* else only the 部门负责人 approvals of this department (0: no queue filter) */
  int64_t proposedBy;      /* only these proposals (0: any) */
  int64_t entityId;        /* with zEntityKind: one record's approvals */
  const char *zEntityKind;
  int limit, offset;
  struct StoreExport *pExport; /* non-NULL: every row to it instead of a page (store_util.h) */
} ApprovalFilter;
/* Paged list (store_page shape). NULL on error. */
json_t *approval_store_list(Db *db, const ApprovalFilter *f);
/* One approval as an API object: 1 found, 0 not found, -1 error. */
int approval_store_get(Db *db, int64_t orgId, int64_t id, json_t **out);

#endif
