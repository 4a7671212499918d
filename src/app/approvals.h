/* approvals.h: the one approval queue (检察官权力清单, DOMAIN.md 0.6; docs/permissions.md).
 *
 * A decision that the office's 权力清单 gives to the 部门负责人 or the 检察长 is recorded as proposed, with the
 * proposer's reasons, and waits in the approver's queue. The approver approves it with the legal date (the day they
 * signed, which may be earlier than the click), and the decision then takes effect on that date through the
 * capability's apply function; or returns it with reasons; or the proposer withdraws it. Every step is audited and
 * shown on the record's timeline.
 *
 * A capability that adds a decision needing approval: one row in decision_kinds[] (core/approvals.c); a call to
 * approvals_route() before applying the decision; and its apply function in approval_entities[] (approvals.c). */
#ifndef JW_APPROVALS_APP_H
#define JW_APPROVALS_APP_H
#include <jansson.h>

#include "app/audit.h"
#include "core/approvals.h"
#include "lib/err.h"
#include "store/db.h"
#include "store/store_util.h"

typedef struct ApprovalRequest {
  const char *zEntityKind; /* "case" */
  int64_t entityId;
  int64_t caseId;       /* the case it is shown with (0 none) */
  int64_t departmentId; /* the record's department: its head approves department-level decisions */
  int64_t personId;     /* the person the decision is about (0 none): one pending proposal per person and kind */
  const char *zDecisionKind;
  const char *zSubject;  /* what the queue shows */
  const json_t *payload; /* what the apply function takes (the decision's input, without its date) */
  const char *zReasons;  /* the proposer's reasons */
} ApprovalRequest;

/* The approver the office's 权力清单 names for a decision kind. */
Approver approvals_required(Db *db, int64_t orgId, const char *zDecisionKind);

/* Inside the caller's transaction: 0 when the actor takes the decision now (it needs no approval, or the actor holds
 * the approver's authority), 1 when it was recorded as proposed (*pId the approval), -1 on error (403 when the actor
 * may not propose decisions; 409 when the same decision is already awaiting approval). */
int approvals_route(Db *db, const Actor *actor, const ApprovalRequest *r, int64_t *pId, JwErr *e);

/* The queue and the proposals: ?status=pending|approved|returned|withdrawn, ?scope=mine (to approve) | proposed (my
 * proposals) | all (the office, for leaders). *out a page, or with pExport every row to it (store_util.h). */
int approvals_list(Db *db, const Actor *actor, const char *zStatus, const char *zScope, int limit, int offset,
                   StoreExport *pExport, json_t **out, JwErr *e);
/* A record's approvals (newest first), for its page. */
json_t *approvals_for_record(Db *db, const Actor *actor, const char *zEntityKind, int64_t entityId);
int approvals_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);

/* {"on": legal date, "comment"}: applies the decision on that date. *out the approval. */
int approvals_approve(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
/* {"reason"}: returns it to the proposer. */
int approvals_return(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
/* The proposer takes it back. */
int approvals_withdraw(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);

/* The office's 权力清单: {"non_prosecution":"chief", ...} with the defaults where the office set nothing; and the
 * catalogue [{code,name,default,rule}] for the settings page. Setting it is audited. */
json_t *approvals_power_list_get(Db *db, const Actor *actor);
int approvals_power_list_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);

#endif
