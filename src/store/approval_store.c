/* approval_store.c: SQL for the approval queue (see approval_store.h). */
#include "store/approval_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "store/store_util.h"

void approval_row_free(ApprovalRow *r) {
  json_decref(r->payload);
  r->payload = NULL;
}

int64_t approval_store_insert(Db *db, const ApprovalRow *r, const char *zSubject, const char *zReasons,
                              const char *zNow) {
  char *zPayload = json_dumps(r->payload, JSON_COMPACT | JSON_SORT_KEYS);
  Stmt *s = db_prepare(db,
                       "INSERT INTO approval(org_id, entity_kind, entity_id, case_id, decision_kind, approver,"
                       " department_id, subject, payload, reasons, proposed_by, proposed_at, status)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'pending') RETURNING id");
  db_bind_int(s, 1, r->orgId);
  db_bind_text(s, 2, r->zEntityKind);
  db_bind_int(s, 3, r->entityId);
  if (r->caseId) db_bind_int(s, 4, r->caseId);
  db_bind_text(s, 5, r->zDecisionKind);
  db_bind_text(s, 6, r->zApprover);
  if (r->departmentId) db_bind_int(s, 7, r->departmentId);
  db_bind_text(s, 8, zSubject);
  db_bind_text(s, 9, zPayload);
  db_bind_text(s, 10, zReasons);
  db_bind_int(s, 11, r->proposedBy);
  db_bind_text(s, 12, zNow);
  int64_t id = store_insert_id(s);
  free(zPayload);
  return id;
}

int approval_store_load(Db *db, int64_t orgId, int64_t id, ApprovalRow *out) {
  Stmt *s = db_prepare(db,
                       "SELECT id, org_id, entity_kind, entity_id, coalesce(case_id, 0), decision_kind, approver,"
                       " coalesce(department_id, 0), payload, proposed_by, status, coalesce(decided_by, 0)"
                       " FROM approval WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    memset(out, 0, sizeof *out);
    out->id = db_col_int(s, 0);
    out->orgId = db_col_int(s, 1);
    snprintf(out->zEntityKind, sizeof out->zEntityKind, "%s", db_col_text(s, 2));
    out->entityId = db_col_int(s, 3);
    out->caseId = db_col_int(s, 4);
    snprintf(out->zDecisionKind, sizeof out->zDecisionKind, "%s", db_col_text(s, 5));
    snprintf(out->zApprover, sizeof out->zApprover, "%s", db_col_text(s, 6));
    out->departmentId = db_col_int(s, 7);
    out->payload = json_loads(db_col_text(s, 8), 0, NULL);
    out->proposedBy = db_col_int(s, 9);
    snprintf(out->zStatus, sizeof out->zStatus, "%s", db_col_text(s, 10));
    out->decidedBy = db_col_int(s, 11);
  }
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int approval_store_pending_exists(Db *db, const char *zEntityKind, int64_t entityId, const char *zDecisionKind,
                                  int64_t personId) {
  Stmt *s = db_prepare(db,
                       "SELECT payload FROM approval WHERE entity_kind = ?1 AND entity_id = ?2 AND status = 'pending'"
                       " AND decision_kind = ?3");
  db_bind_text(s, 1, zEntityKind);
  db_bind_int(s, 2, entityId);
  db_bind_text(s, 3, zDecisionKind);
  int rc, found = 0;
  while (!found && (rc = db_step(s)) == DB_ROW) {
    json_t *p = json_loads(db_col_text(s, 0), 0, NULL);
    int64_t pid = json_integer_value(json_object_get(p, "person_id"));
    found = !personId || !pid || pid == personId;
    json_decref(p);
  }
  if (found) rc = DB_ROW;
  db_done(s);
  return found ? 1 : rc == DB_ERROR ? -1 : 0;
}

int approval_store_decide(Db *db, int64_t id, const char *zStatus, int64_t userId, const char *zNow,
                          const char *zLegalOn, const char *zComment) {
  Stmt *s = db_prepare(db,
                       "UPDATE approval SET status = ?2, decided_by = ?3, decided_at = ?4, legal_on = ?5, comment = ?6"
                       " WHERE id = ?1 AND status = 'pending'");
  db_bind_int(s, 1, id);
  db_bind_text(s, 2, zStatus);
  db_bind_int(s, 3, userId);
  db_bind_text(s, 4, zNow);
  db_bind_text(s, 5, zLegalOn);
  db_bind_text(s, 6, zComment);
  if (store_step_done(s)) return -1;
  return db_changes(db) > 0 ? 1 : 0;
}

#define APPROVAL_SELECT                                                                                              \
  "SELECT a.id, a.entity_kind, a.entity_id, a.case_id, a.decision_kind, a.approver, a.department_id,"                \
  " dp.name, a.subject, a.payload, a.reasons, a.proposed_by, pu.name, a.proposed_at, a.status, a.decided_by,"        \
  " du.name, a.decided_at, a.legal_on, a.comment FROM approval a LEFT JOIN department dp ON dp.id = a.department_id" \
  " LEFT JOIN app_user pu ON pu.id = a.proposed_by LEFT JOIN app_user du ON du.id = a.decided_by"

static json_t *approval_from_row(Stmt *s) {
  json_t *o = json_object();
  json_object_set_new(o, "id", json_integer(db_col_int(s, 0)));
  json_object_set_new(o, "entity_kind", json_string(db_col_text(s, 1)));
  json_object_set_new(o, "entity_id", json_integer(db_col_int(s, 2)));
  json_object_set_new(o, "case_id", store_col_int_or_null(s, 3));
  json_object_set_new(o, "decision_kind", json_string(db_col_text(s, 4)));
  json_object_set_new(o, "approver", json_string(db_col_text(s, 5)));
  json_object_set_new(o, "department_id", store_col_int_or_null(s, 6));
  json_object_set_new(o, "department_name", store_col_text_or_null(s, 7));
  json_object_set_new(o, "subject", json_string(db_col_text(s, 8)));
  json_t *payload = json_loads(db_col_text(s, 9), 0, NULL);
  json_object_set_new(o, "payload", payload ? payload : json_object());
  json_object_set_new(o, "reasons", json_string(db_col_text(s, 10)));
  json_object_set_new(o, "proposed_by", json_integer(db_col_int(s, 11)));
  json_object_set_new(o, "proposed_by_name", store_col_text_or_null(s, 12));
  json_object_set_new(o, "proposed_at", json_string(db_col_text(s, 13)));
  json_object_set_new(o, "status", json_string(db_col_text(s, 14)));
  json_object_set_new(o, "decided_by", store_col_int_or_null(s, 15));
  json_object_set_new(o, "decided_by_name", store_col_text_or_null(s, 16));
  json_object_set_new(o, "decided_at", store_col_text_or_null(s, 17));
  json_object_set_new(o, "legal_on", store_col_text_or_null(s, 18));
  json_object_set_new(o, "comment", store_col_text_or_null(s, 19));
  return o;
}

/* The WHERE clause of the filters in use (literal fragments only): ?1 org, ?2 status, ?3 department queue, ?4
 * proposer, ?5 entity kind, ?6 entity id. The queue is the approvals this approver may decide. */
static void approval_where(Buf *b, const ApprovalFilter *f) {
  buf_puts(b, " WHERE a.org_id = ?1");
  if (f->zStatus) buf_puts(b, " AND a.status = ?2");
  /* a 检察长 decides every approval; a 部门负责人 those of their department given to the department head */
  if (!f->chiefQueue && f->departmentQueue) {
    buf_puts(b, " AND a.approver = 'department_head' AND a.department_id = ?3");
  }
  if (f->proposedBy) buf_puts(b, " AND a.proposed_by = ?4");
  if (f->zEntityKind) buf_puts(b, " AND a.entity_kind = ?5 AND a.entity_id = ?6");
}

static void approval_bind(Stmt *s, const void *ctx) {
  const ApprovalFilter *f = ctx;
  db_bind_int(s, 1, f->orgId);
  db_bind_text(s, 2, f->zStatus);
  if (!f->chiefQueue && f->departmentQueue) db_bind_int(s, 3, f->departmentQueue);
  if (f->proposedBy) db_bind_int(s, 4, f->proposedBy);
  db_bind_text(s, 5, f->zEntityKind);
  if (f->zEntityKind) db_bind_int(s, 6, f->entityId);
}

json_t *approval_store_list(Db *db, const ApprovalFilter *f) {
  Buf where = BUF_INIT;
  approval_where(&where, f);
  StoreListQuery q = {"FROM approval a", APPROVAL_SELECT, " ORDER BY a.id DESC LIMIT ?8 OFFSET ?9", 8, approval_bind, f,
                      approval_from_row, f->pExport};
  json_t *out = store_list(db, &q, &where, f->limit, f->offset);
  buf_free(&where);
  return out;
}

int approval_store_get(Db *db, int64_t orgId, int64_t id, json_t **out) {
  Stmt *s = db_prepare(db, APPROVAL_SELECT " WHERE a.org_id = ?1 AND a.id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  int rc = db_step(s);
  *out = rc == DB_ROW ? approval_from_row(s) : NULL;
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}
