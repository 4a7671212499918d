/* cases.h: use cases for criminal cases and their deadlines (docs/api-cases.md; DOMAIN.md 0.2, 0.6, 1, 2, 2.1).
 *
 * Every write validates its JSON input, applies the rules of core/case_rules.c, writes the case, persons and event
 * through the store, recomputes the case's deadline rows on the calendar in force (app/deadlines.h), and appends the
 * audit row, all in one transaction. A decision the office's 权力清单 gives to the 部门负责人 or the 检察长 is
 * recorded as proposed (app/approvals.h) and takes effect on the approval date. Illegal transitions answer 409
 * conflict with the reason and the article; bad input 400 naming the field (persons.N.field for persons). Records of
 * another organisation answer 404.
 *
 * The capability is split by concern: cases.c (registration, reads, editing, settings), case_persons.c (persons),
 * case_events.c (the procedural events, one apply function per kind), case_facts.c (the state the rules see, the
 * deadline rows, the end of every write). */
#ifndef JW_CASES_H
#define JW_CASES_H
#include <jansson.h>

#include "app/audit.h"
#include "core/date.h"
#include "lib/err.h"
#include "store/case_store.h"
#include "store/db.h"

/* *out receives a new reference (the whole Case) on success. */
int cases_register(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
/* The case with what the rules derive: returns, extension, clock start, allowed actions (each with the reason it is
 * refused), prompts of the law, approvals. */
int cases_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);
int cases_list(Db *db, const CaseFilter *f, json_t **out, JwErr *e);
int cases_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
int cases_add_person(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
int cases_update_person(Db *db, const Actor *actor, int64_t id, int64_t personId, const json_t *in, json_t **out,
                        JwErr *e);
/* Records an event; *pStatus is 201 when it took effect, 202 when it was proposed for approval (*out then also
 * holds "approval"). out NULL: nothing is read back (a bulk load). */
int cases_event(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, int *pStatus, JwErr *e);

/* The approvals' apply function for cases (app/approvals.c): applies a proposed event on the legal date, inside
 * the approval's transaction, with the approver as the actor. */
int cases_apply_approved(Db *db, const Actor *approver, int64_t id, const json_t *payload, JwDate legalOn,
                         int64_t proposerId, JwErr *e);
/* A note of an approval step on the case's timeline (returned, withdrawn), inside the caller's transaction. */
int cases_note_approval(Db *db, const Actor *actor, int64_t id, const char *zKind, const char *zDecisionKind,
                        const char *zReason, JwErr *e);

/* The fast-track (轻微刑事案件办案组) rule of the actor's organisation: {"enabled","department_id","charges",
 * "max_sentence_band"}; the default is disabled. */
json_t *cases_fast_track_get(Db *db, const Actor *actor);
int cases_fast_track_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);

/* Who rotation would assign next in a department: {"prosecutor_id","name"}; 404 when nobody can take cases. */
int cases_rotation_peek(Db *db, const Actor *actor, int64_t departmentId, json_t **out, JwErr *e);
/* documents (issue 10 §4, case_documents.c): issues a person's 不起诉决定书 {type:"non_prosecution", facts?} once the
 * person's 不起诉 decision is recorded (for 附条件不起诉, the final 不起诉); *out is the document (documents_get). */
int cases_person_document(Db *db, const Actor *actor, int64_t caseId, int64_t personId, const json_t *in,
                          json_t **out, JwErr *e);
/* documents: 1 when the actor may handle the office's case caseId (case_may_handle: its team, or a case manager), 0
 * when not (or the case is not the office's), -1 on a database error. A case's documents are reissued by its team. */
int cases_may_handle_id(Db *db, const Actor *actor, int64_t caseId);

#endif
