/* suggestions.h: the 检察建议 capability (issue 10 §3; DOMAIN.md 5; docs/api-suggestions.md).
 *
 * A suggestion is drafted by a 检察官 (or opened in one step from a 行刑衔接 item: 跟进监督), issued on the 检察长's
 * approval (decision kind suggestion_issue: the legal date is the approver's), served, and chased until 办复: the
 * recipient's objection and its handling (suggestion_objection, decided by the 检察长), the reply with its adoption,
 * the 整改落实回访, 督促 and escalation, closure. Every step is checked by core/suggestion.c (409 for a step the state
 * does not allow, 422 for a value that breaks a rule, 400 for malformed input, each naming the field), written with
 * its timeline event, its reply deadline (kind suggestion_reply) and its audit row in one transaction. Another
 * office's suggestion answers 404. */
#ifndef JW_SUGGESTIONS_H
#define JW_SUGGESTIONS_H
#include <jansson.h>

#include "app/audit.h"
#include "core/date.h"
#include "lib/err.h"
#include "store/db.h"
#include "store/suggestion_store.h"

/* A draft opened from another record (跟进监督 from a 行刑衔接 item). */
typedef struct SuggestionDraft {
  const char *zType;       /* a type code ("correction"); NULL: "other" */
  long long agencyId;      /* the recipient: an agency of the actor's office */
  const char *zLinkedKind; /* "linkage" (or "case", "lead") */
  long long linkedId;
  long long caseId;    /* the case it is shown with, 0 none */
  const char *zReason; /* why: the facts text of the draft */
} SuggestionDraft;

/* Inside the caller's transaction: creates a draft suggestion from d, linked to the record (and to the case), with
 * a "created" event and its audit row. *pId the new suggestion. 0, or -1 with e (422 naming agency_id for an unknown
 * agency or another office's). */
int suggestions_open_linked(Db *db, const Actor *actor, const SuggestionDraft *d, long long *pId, JwErr *e);

/* POST /suggestions: {type, urgent?, title, agency_id, facts, text, legal_basis, copies?:[{agency_id}|{name}],
 * links?:[{kind, id}], reply_length?}. *out the new suggestion. */
int suggestions_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
/* PUT /suggestions/{id}: the same fields but links, each optional, on a draft not awaiting approval. */
int suggestions_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
/* The suggestion with its timeline, its reply deadline, its approvals and its allowed actions [{kind, enabled, why}].
 */
int suggestions_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);
/* The office's list (f->orgId and f->zToday are set here). */
int suggestions_list(Db *db, const Actor *actor, SuggestionFilter f, json_t **out, JwErr *e);
/* The by-agency figures (open, overdue, reply rate, adoption rate, average days to reply). */
int suggestions_by_agency(Db *db, const Actor *actor, json_t **out, JwErr *e);
/* POST /suggestions/{id}/events {kind, on, ...}: *pStatus 201 when taken, 202 when proposed for approval (*out then
 * also holds "approval"). */
int suggestions_event(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, int *pStatus, JwErr *e);

/* The approvals' apply function (app/approvals.c approval_entities[]): runs the proposed step on the legal date,
 * inside the approval's transaction, with the approver as the actor. */
int suggestions_apply_approved(Db *db, const Actor *approver, int64_t id, const json_t *payload, JwDate legalOn,
                               int64_t proposerId, JwErr *e);
/* A returned or withdrawn proposal on the suggestion's timeline (zKind "approval_returned" / "approval_withdrawn"). */
int suggestions_note_approval(Db *db, const Actor *actor, int64_t id, const char *zKind, const char *zDecisionKind,
                              const char *zReason, JwErr *e);

#endif
