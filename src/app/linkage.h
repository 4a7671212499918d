/* linkage.h: the 行刑反向衔接 capability (issue 10 §2; DOMAIN.md 4; rules in core/linkage.h). One item per person
 * not prosecuted, opened by the case capability in the transaction of the 不起诉 decision; its steps are events on
 * its timeline (POST /api/v1/linkage/{id}/events), each checked, audited, and followed by its deadlines. The
 * 检察长's decisions (延长审查期限 linkage_extend, 检察意见 procuratorial_opinion) go through the approval queue. */
#ifndef JW_LINKAGE_APP_H
#define JW_LINKAGE_APP_H
#include <jansson.h>

#include "app/audit.h"
#include "core/date.h"
#include "lib/err.h"
#include "store/db.h"
#include "store/linkage_store.h"

/* What the case capability knows when a person's 不起诉 takes effect. */
typedef struct LinkageOpen {
  int64_t caseId, personId;
  int64_t prosecutorId; /* the case's 承办检察官: the transfer deadline is theirs */
  const char *zNpt;     /* the 不起诉 type */
  const char *zDecisionOn;
} LinkageOpen;

/* Opens the person's item inside the caller's transaction (owner: the office's 行政检察 department, else none), with
 * its transfer deadline and an audit row. A person who has one already keeps it. 0, or -1 with e. */
int linkage_open(Db *db, const Actor *actor, const LinkageOpen *o, JwErr *e);

/* The office's items (f->orgId is set from the actor). *out a page, or with f->pExport the export's reply. */
int linkage_list(Db *db, const Actor *actor, LinkageFilter *f, json_t **out, JwErr *e);
/* One item with its timeline, deadlines, approvals and allowed actions ({kind, name, allowed, reason}). */
int linkage_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);
/* The office's 检察意见 by agency (linkage_store_by_agency), as of today in China. */
int linkage_by_agency(Db *db, const Actor *actor, json_t **out, JwErr *e);
/* Records a step {kind, on, ...} (docs/api-linkage.md). *pStatus 201 when taken, 202 when proposed to the
 * 检察长; *out the item. */
int linkage_event(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, int *pStatus, JwErr *e);
/* The approval queue's apply function for entity kind "linkage" (app/approvals.c). */
int linkage_apply_approved(Db *db, const Actor *approver, int64_t id, const json_t *payload, JwDate legalOn,
                           int64_t proposerId, JwErr *e);
/* A returned or withdrawn approval of the item on its timeline (zKind approval_returned / approval_withdrawn), inside
 * the approval's transaction. 0, or -1 with e. */
int linkage_note_approval(Db *db, const Actor *actor, int64_t id, const char *zKind, const char *zDecisionKind,
                          const char *zReason, JwErr *e);
/* The items of a case's persons, for the case page (an empty array when none or on error). */
json_t *linkage_for_case(Db *db, const Actor *actor, int64_t caseId);

#endif
