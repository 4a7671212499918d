/* approvals.c: the approval queue (see approvals.h). */
#include "app/approvals.h"

#include <string.h>

#include "app/cases.h"
#include "app/linkage.h"
#include "app/suggestions.h"
#include "app/tx.h"
#include "core/roles.h"
#include "lib/jsonin.h"
#include "lib/timeutil.h"
#include "store/approval_store.h"
#include "store/case_store.h"

/* What applies an approved decision, per kind of record: runs inside the approval's transaction, with the legal
 * date the approver entered. A capability whose decisions need approval adds its row here. */
typedef int (*ApprovalApply)(Db *db, const Actor *approver, int64_t entityId, const json_t *payload, JwDate legalOn,
                             int64_t proposerId, JwErr *e);
static const struct {
  const char *zEntityKind;
  ApprovalApply xApply;
} approval_entities[] = {
    {"case", cases_apply_approved},
    /* linkage (issue 10): 延长审查期限 and 检察意见 of a 行刑衔接 item */
    {"linkage", linkage_apply_approved},
    /* suggestions (issue 10) */
    {"suggestion", suggestions_apply_approved},
};

static ApprovalApply approval_apply_for(const char *zKind) {
  for (size_t i = 0; i < sizeof approval_entities / sizeof approval_entities[0]; i++) {
    if (strcmp(approval_entities[i].zEntityKind, zKind) == 0) return approval_entities[i].xApply;
  }
  return NULL;
}

Approver approvals_required(Db *db, int64_t orgId, const char *zDecisionKind) {
  const DecisionKindRule *k = decision_kind_by_code(zDecisionKind);
  Approver a = k ? k->approver : APPROVER_CHIEF; /* an unknown decision is never taken alone */
  json_t *set = org_setting_get(db, orgId, "power_list");
  Approver mine;
  if (set && approver_parse(json_string_value(json_object_get(set, zDecisionKind)), &mine) == 0) a = mine;
  json_decref(set);
  return a;
}

/* 1 when the actor holds the authority of approver a for a record of department deptId. */
static int actor_has_authority(const Actor *actor, Approver a, int64_t deptId) {
  if (a == APPROVER_NONE) return 1;
  if (actor->perms & PERM_APPROVE_CHIEF) return 1;
  return a == APPROVER_DEPARTMENT_HEAD && (actor->perms & PERM_APPROVE) && actor->departmentId &&
         actor->departmentId == deptId;
}

int approvals_route(Db *db, const Actor *actor, const ApprovalRequest *r, int64_t *pId, JwErr *e) {
  *pId = 0;
  if (!(actor->perms & PERM_CASE_DECIDE)) {
    return err_set(e, 403, "forbidden", NULL,
                   "只有检察官可以提出或作出该决定（检察官助理可以准备，不能提出或作出决定）");
  }
  Approver a = approvals_required(db, actor->orgId, r->zDecisionKind);
  if (actor_has_authority(actor, a, r->departmentId)) return 0;
  int pending = approval_store_pending_exists(db, r->zEntityKind, r->entityId, r->zDecisionKind, r->personId);
  if (pending < 0) return err_internal(e, db_errmsg(db));
  if (pending) return err_set(e, 409, "conflict", "kind", "该决定已经提请审批，正在等待审批");
  if (!r->zReasons || !*r->zReasons) return err_field(e, "reason", "提请审批须写明理由");
  ApprovalRow row;
  memset(&row, 0, sizeof row);
  row.orgId = actor->orgId;
  snprintf(row.zEntityKind, sizeof row.zEntityKind, "%s", r->zEntityKind);
  row.entityId = r->entityId;
  row.caseId = r->caseId;
  row.departmentId = r->departmentId;
  row.proposedBy = actor->userId;
  snprintf(row.zDecisionKind, sizeof row.zDecisionKind, "%s", r->zDecisionKind);
  snprintf(row.zApprover, sizeof row.zApprover, "%s", approver_code(a));
  row.payload = (json_t *)r->payload;
  char zNow[32];
  time_now_iso(zNow);
  int64_t id = approval_store_insert(db, &row, r->zSubject, r->zReasons, zNow);
  if (id < 0) return err_internal(e, db_errmsg(db));
  json_t *after = NULL;
  if (approval_store_get(db, actor->orgId, id, &after) != 1) return err_internal(e, db_errmsg(db));
  int rc = audit_append(db, actor, "approval.propose", "approval", audit_id(id).z, NULL, after, e);
  json_decref(after);
  if (rc) return -1;
  *pId = id;
  return 1;
}

int approvals_list(Db *db, const Actor *actor, const char *zStatus, const char *zScope, int limit, int offset,
                   StoreExport *pExport, json_t **out, JwErr *e) {
  ApprovalFilter f = {.orgId = actor->orgId, .zStatus = zStatus, .limit = limit, .offset = offset, .pExport = pExport};
  if (!zScope || strcmp(zScope, "mine") == 0) {
    if (!(actor->perms & PERM_APPROVE)) return err_set(e, 403, "forbidden", "scope", "您没有审批权限");
    f.chiefQueue = (actor->perms & PERM_APPROVE_CHIEF) != 0;
    f.departmentQueue = actor->departmentId ? actor->departmentId : -1;
  } else if (strcmp(zScope, "proposed") == 0) {
    f.proposedBy = actor->userId;
  } else if (strcmp(zScope, "all") == 0) {
    if (!(actor->perms & (PERM_APPROVE_CHIEF | PERM_AUDIT_READ))) {
      return err_set(e, 403, "forbidden", "scope", "只有院领导可以查看全院审批");
    }
  } else {
    return err_field(e, "scope", "参数 scope 必须是 mine、proposed 或 all");
  }
  *out = approval_store_list(db, &f);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

json_t *approvals_for_record(Db *db, const Actor *actor, const char *zEntityKind, int64_t entityId) {
  ApprovalFilter f = {.orgId = actor->orgId, .zEntityKind = zEntityKind, .entityId = entityId, .limit = 100};
  json_t *page = approval_store_list(db, &f);
  json_t *items = json_incref(json_object_get(page, "items"));
  json_decref(page);
  return items ? items : json_array();
}

int approvals_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  int found = approval_store_get(db, actor->orgId, id, out);
  if (found < 0) return err_internal(e, db_errmsg(db));
  if (!found) return err_set(e, 404, "not_found", NULL, "审批事项不存在");
  return 0;
}

/* Loads a pending approval the actor may decide, inside the transaction. 0 ok, -1 with e filled. */
static int approval_load_pending(Db *db, const Actor *actor, int64_t id, ApprovalRow *row, int approving, JwErr *e) {
  int found = approval_store_load(db, actor->orgId, id, row);
  if (found < 0) return err_internal(e, db_errmsg(db));
  if (!found) return err_set(e, 404, "not_found", NULL, "审批事项不存在");
  if (strcmp(row->zStatus, "pending") != 0) return err_set(e, 409, "conflict", NULL, "该审批事项已经办结");
  if (!approving) return 0;
  Approver a = APPROVER_CHIEF;
  approver_parse(row->zApprover, &a);
  if (!actor_has_authority(actor, a, row->departmentId) || a == APPROVER_NONE) {
    return err_set(e, 403, "forbidden", NULL,
                   a == APPROVER_CHIEF ? "该决定须由检察长审批" : "该决定须由本部门负责人或院领导审批");
  }
  if (row->proposedBy == actor->userId) return err_set(e, 403, "forbidden", NULL, "不能审批本人提请的事项");
  return 0;
}

/* Ends an approval step: audit with before/after, commit, and return the approval. */
static int approval_finish(Db *db, const Actor *actor, int64_t id, const char *zAction, json_t *before, int rc,
                           json_t **out, JwErr *e) {
  json_t *after = NULL;
  if (!rc && approval_store_get(db, actor->orgId, id, &after) != 1) rc = err_internal(e, db_errmsg(db));
  if (!rc) rc = audit_append(db, actor, zAction, "approval", audit_id(id).z, before, after, e);
  json_decref(before);
  json_decref(after);
  if (app_finish_write(db, rc, e)) return -1;
  return approvals_get(db, actor, id, out, e);
}

int approvals_approve(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  static const JinField fields[] = {{"on", JIN_STRING, 1, 1, 10}, {"comment", JIN_TEXT, 0, 0, 500}};
  if (jin_check(in, fields, sizeof fields / sizeof fields[0], e)) return -1;
  JwDate legalOn;
  const char *zOn = jin_str(in, "on");
  if (date_parse(zOn, strlen(zOn), &legalOn)) return err_field(e, "on", "审批日期不是有效日期（YYYY-MM-DD）");
  char zToday[11];
  JwDate today;
  time_today_china(zToday);
  date_parse(zToday, 10, &today);
  if (legalOn > today) return err_field(e, "on", "审批日期不能晚于今天（%s）", zToday);
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  ApprovalRow row = {0};
  json_t *before = NULL;
  int rc = approval_load_pending(db, actor, id, &row, 1, e);
  if (!rc && approval_store_get(db, actor->orgId, id, &before) != 1) rc = err_internal(e, db_errmsg(db));
  ApprovalApply xApply = rc ? NULL : approval_apply_for(row.zEntityKind);
  if (!rc && !xApply) rc = err_internal(e, "no apply function for this kind of record");
  /* the decision takes effect on the day the approver signed: the capability re-checks it on that date */
  if (!rc) rc = xApply(db, actor, row.entityId, row.payload, legalOn, row.proposedBy, e);
  char zNow[32];
  time_now_iso(zNow);
  if (!rc) {
    int moved = approval_store_decide(db, id, "approved", actor->userId, zNow, zOn, jin_str(in, "comment"));
    if (moved <= 0)
      rc = moved < 0 ? err_internal(e, db_errmsg(db)) : err_set(e, 409, "conflict", NULL, "该审批事项已经办结");
  }
  approval_row_free(&row);
  return approval_finish(db, actor, id, "approval.approve", before, rc, out, e);
}

int approvals_return(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  static const JinField fields[] = {{"reason", JIN_TEXT, 1, 1, 500}};
  if (jin_check(in, fields, sizeof fields / sizeof fields[0], e)) return -1;
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  ApprovalRow row = {0};
  json_t *before = NULL;
  int rc = approval_load_pending(db, actor, id, &row, 1, e);
  if (!rc && approval_store_get(db, actor->orgId, id, &before) != 1) rc = err_internal(e, db_errmsg(db));
  char zNow[32];
  time_now_iso(zNow);
  if (!rc && approval_store_decide(db, id, "returned", actor->userId, zNow, NULL, jin_str(in, "reason")) != 1) {
    rc = err_internal(e, db_errmsg(db));
  }
  if (!rc && strcmp(row.zEntityKind, "case") == 0) {
    rc = cases_note_approval(db, actor, row.entityId, "approval_returned", row.zDecisionKind, jin_str(in, "reason"), e);
  }
  if (!rc && strcmp(row.zEntityKind, "linkage") == 0) { /* linkage: the item's timeline shows it too */
    rc = linkage_note_approval(db, actor, row.entityId, "approval_returned", row.zDecisionKind, jin_str(in, "reason"),
                               e);
  }
  if (!rc && strcmp(row.zEntityKind, "suggestion") == 0) { /* suggestions (issue 10) */
    rc = suggestions_note_approval(db, actor, row.entityId, "approval_returned", row.zDecisionKind,
                                   jin_str(in, "reason"), e);
  }
  approval_row_free(&row);
  return approval_finish(db, actor, id, "approval.return", before, rc, out, e);
}

int approvals_withdraw(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  ApprovalRow row = {0};
  json_t *before = NULL;
  int rc = approval_load_pending(db, actor, id, &row, 0, e);
  if (!rc && row.proposedBy != actor->userId) rc = err_set(e, 403, "forbidden", NULL, "只有提请人可以撤回");
  if (!rc && approval_store_get(db, actor->orgId, id, &before) != 1) rc = err_internal(e, db_errmsg(db));
  char zNow[32];
  time_now_iso(zNow);
  if (!rc && approval_store_decide(db, id, "withdrawn", actor->userId, zNow, NULL, NULL) != 1) {
    rc = err_internal(e, db_errmsg(db));
  }
  if (!rc && strcmp(row.zEntityKind, "case") == 0) {
    rc = cases_note_approval(db, actor, row.entityId, "approval_withdrawn", row.zDecisionKind, NULL, e);
  }
  if (!rc && strcmp(row.zEntityKind, "linkage") == 0) { /* linkage */
    rc = linkage_note_approval(db, actor, row.entityId, "approval_withdrawn", row.zDecisionKind, NULL, e);
  }
  if (!rc && strcmp(row.zEntityKind, "suggestion") == 0) { /* suggestions (issue 10) */
    rc = suggestions_note_approval(db, actor, row.entityId, "approval_withdrawn", row.zDecisionKind, NULL, e);
  }
  approval_row_free(&row);
  return approval_finish(db, actor, id, "approval.withdraw", before, rc, out, e);
}

json_t *approvals_power_list_get(Db *db, const Actor *actor) {
  json_t *list = json_object(), *catalogue = json_array();
  for (int i = 0; i < decision_kinds_count; i++) {
    const DecisionKindRule *k = &decision_kinds[i];
    json_object_set_new(list, k->zCode, json_string(approver_code(approvals_required(db, actor->orgId, k->zCode))));
    json_array_append_new(catalogue, json_pack("{s:s, s:s, s:s, s:s}", "code", k->zCode, "name", k->zName, "default",
                                               approver_code(k->approver), "rule", k->zRule));
  }
  return json_pack("{s:o, s:o}", "power_list", list, "decisions", catalogue);
}

int approvals_power_list_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  JinField fields[64];
  int n = decision_kinds_count < 64 ? decision_kinds_count : 64;
  for (int i = 0; i < n; i++) fields[i] = (JinField){decision_kinds[i].zCode, JIN_STRING, 0, 1, 16};
  if (jin_check(in, fields, (size_t)n, e)) return -1;
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)in, key, v) {
    Approver a;
    if (approver_parse(json_string_value(v), &a))
      return err_field(e, key, "审批人必须是 none、department_head 或 chief");
  }
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  json_t *whole = approvals_power_list_get(db, actor);
  json_t *before = json_incref(json_object_get(whole, "power_list"));
  json_decref(whole);
  json_t *merged = json_deep_copy(before);
  json_object_update(merged, (json_t *)in);
  int rc = org_setting_put(db, actor->orgId, "power_list", merged) ? err_internal(e, db_errmsg(db)) : 0;
  if (!rc) rc = audit_append(db, actor, "setting.power_list", "org", audit_id(actor->orgId).z, before, merged, e);
  json_decref(before);
  json_decref(merged);
  if (app_finish_write(db, rc, e)) return -1;
  *out = approvals_power_list_get(db, actor);
  return 0;
}
