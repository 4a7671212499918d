/* linkage.c: the 行刑反向衔接 use cases (see linkage.h). Every step: load the item, check who acts, check the step
 * against the rules (core/linkage.c: 409 for the state, 422 for a date), check its values (422 naming the field),
 * route a 检察长 decision to the approval queue, write the item, its timeline row, its deadlines and the audit row in
 * one transaction. */
#include "app/app_util.h"
#include "app/linkage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/approvals.h"
#include "app/deadlines.h"
#include "app/holidays.h"
#include "app/linkage_documents.h"
#include "app/suggestions.h"
#include "app/tx.h"
#include "core/deadline.h"
#include "core/linkage.h"
#include "core/roles.h"
#include "lib/buf.h"
#include "lib/jsonin.h"
#include "lib/mem.h"
#include "lib/timeutil.h"
#include "store/deadline_store.h"

static const JinField event_fields[] = {
    {"kind", JIN_STRING, 1, 1, 32},
    {"on", JIN_STRING, 1, 1, 10},
    {"reason", JIN_TEXT, 0, 1, 500},
    {"text", JIN_TEXT, 0, 1, 2000},
    {"request_kind", JIN_STRING, 0, 1, 32},
    {"change_kind", JIN_STRING, 0, 1, 32},
    {"side", JIN_STRING, 0, 1, 16},
    {"opinion", JIN_STRING, 0, 1, 16},
    {"reason_code", JIN_STRING, 0, 1, 32},
    {"days", JIN_INT, 0, 1, 30},
    {"agency_id", JIN_INT, 0, 1, INT64_MAX},
    {"penalties", JIN_STRINGS, 0, 1, 8},
    {"facts", JIN_TEXT, 0, 1, 5000},
    {"method", JIN_STRING, 0, 1, 16},
    {"reply_months", JIN_INT, 0, 1, 12},
    {"penalised", JIN_BOOL, 0, 0, 0},
    {"penalty", JIN_STRING, 0, 1, 32},
    {"decision_number", JIN_STRING, 0, 1, 100},
    {"amount_fen", JIN_INT, 0, 0, 100000000000000LL},
    {"reply_days", JIN_INT, 0, 1, 90},
};

static const JinLabel event_labels[] = {
    {"kind", "办理步骤"},
    {"on", "日期"},
    {"reason", "理由"},
    {"text", "说明"},
    {"request_kind", "复议、复核、申诉或自诉的种类"},
    {"change_kind", "变更不起诉决定的程序"},
    {"side", "提出意见的部门"},
    {"opinion", "审查意见"},
    {"reason_code", "终结审查的理由"},
    {"days", "延长的工作日数"},
    {"agency_id", "主管机关"},
    {"penalties", "建议的处罚种类"},
    {"facts", "事实和理由"},
    {"method", "送达方式"},
    {"reply_months", "回复期限（月）"},
    {"penalised", "是否给予处罚"},
    {"penalty", "处罚种类"},
    {"decision_number", "处罚决定书文号"},
    {"amount_fen", "罚没金额（分）"},
    {"reply_days", "督促回复期限（日）"},
};

/* Per kind: the fields it takes besides kind and on ('!' marks a required one). */
static const char *const event_specs[LEV_KIND_COUNT] = {
    [LEV_TRANSFER] = "reason",
    [LEV_REGISTER] = "reason",
    [LEV_REQUEST] = "!request_kind text",
    [LEV_SUSPEND] = "!reason",
    [LEV_RESUME] = "reason",
    [LEV_EXTEND] = "!days !reason",
    [LEV_OPINION] = "!side !opinion text reason",
    [LEV_TERMINATE] = "!reason_code text",
    [LEV_PROCURATORIAL] = "!agency_id !penalties !facts reason reply_months",
    [LEV_SERVE] = "!method reply_months",
    [LEV_REPLY] = "!penalised penalty decision_number amount_fen text",
    [LEV_URGE] = "text reply_days",
    [LEV_FOLLOW_UP] = "!reason",
    [LEV_CLOSE] = "reason",
    [LEV_DECISION_CHANGED] = "!change_kind text",
};

static int spec_has(const char *zSpec, const char *zName) {
  size_t n = strlen(zName);
  for (const char *p = zSpec; *p;) {
    if (*p == '!') p++;
    size_t k = strcspn(p, " ");
    if (k == n && strncmp(p, zName, n) == 0) return 1;
    p += k;
    while (*p == ' ') p++;
  }
  return 0;
}

static const char *label_of(const char *zName) {
  for (size_t i = 0; i < sizeof event_labels / sizeof event_labels[0]; i++) {
    if (strcmp(event_labels[i].zName, zName) == 0) return event_labels[i].zLabel;
  }
  return zName;
}

/* The input's fields against its kind, and the kind. */
static int event_parse(const json_t *in, LinkageEventKind *pKind, JwDate *pOn, JwErr *e) {
  if (jin_check_labeled(in, event_fields, sizeof event_fields / sizeof event_fields[0], event_labels,
                        sizeof event_labels / sizeof event_labels[0], e)) {
    return -1;
  }
  if (linkage_event_parse(jin_str(in, "kind"), pKind)) {
    return err_field(e, "kind", "未知的办理步骤 %s", jin_str(in, "kind"));
  }
  const char *zSpec = event_specs[*pKind];
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)in, key, v) {
    if (strcmp(key, "kind") == 0 || strcmp(key, "on") == 0) continue;
    if (!spec_has(zSpec, key)) return err_field(e, key, "%s不适用于该办理步骤", label_of(key));
  }
  for (const char *p = zSpec; (p = strchr(p, '!')) != NULL;) {
    p++;
    size_t n = strcspn(p, " ");
    char zName[32];
    snprintf(zName, sizeof zName, "%.*s", (int)n, p);
    if (!json_object_get(in, zName) || json_is_null(json_object_get(in, zName))) {
      return err_field(e, zName, "缺少%s", label_of(zName));
    }
    p += n;
  }
  const char *zOn = jin_str(in, "on");
  if (date_parse(zOn, strlen(zOn), pOn)) return err_field(e, "on", "日期不是有效日期（YYYY-MM-DD）");
  return 0;
}

static JwDate today_china(void) {
  char z[11];
  JwDate d = 0;
  time_today_china(z);
  date_parse(z, 10, &d);
  return d;
}

static int opinion_code(const char *z) {
  return !z || !*z ? 0 : strcmp(z, "penalty") == 0 ? 1 : 2;
}

static void facts_of(const LinkageRow *r, LinkageFacts *f) {
  memset(f, 0, sizeof *f);
  linkage_state_parse(r->zState, &f->state);
  f->decisionOn = app_day_of(r->zDecisionOn);
  f->transferredOn = app_day_of(r->zTransferredOn);
  f->registeredOn = app_day_of(r->zRegisteredOn);
  f->requestOn = app_day_of(r->zRequestOn);
  f->suspendedOn = app_day_of(r->zSuspendedOn);
  f->extensionDays = (int)r->extensionDays;
  f->criminalOpinion = opinion_code(r->zCriminalOpinion);
  f->adminOpinion = opinion_code(r->zAdminOpinion);
  f->outcomeOn = app_day_of(r->zOutcomeOn);
  f->servedOn = app_day_of(r->zServedOn);
  f->replyMonths = (int)r->replyMonths;
  f->replyOn = app_day_of(r->zReplyOn);
  f->replyPenalised = r->replyPenalised == 1;
  f->urgedOn = app_day_of(r->zUrgedOn);
  f->urges = f->urgedOn != 0;
  f->urgeDays = (int)r->urgeDays;
  f->followedUpOn = app_day_of(r->zFollowedUpOn);
  f->closedOn = app_day_of(r->zClosedOn);
}

/* The item's periods from its facts and stops; f->replyDue set from the first reply period. n or -1 (e set). */
static int compute_deadlines(Db *db, const LinkageRow *r, LinkageFacts *f, LinkageDeadline *out, JwErr *e) {
  const JwCalendar *cal = holidays_current(db, e);
  if (!cal) return -1;
  ClockStop aStop[32];
  int nStop = linkage_store_stops(db, r->id, aStop, 32);
  if (nStop < 0) return err_internal(e, db_errmsg(db));
  int n = linkage_deadlines(cal, f, aStop, nStop, out);
  if (n < 0) return err_field(e, "on", "日期超出了可以计算期限的范围");
  f->replyDue = 0;
  for (int i = 0; i < n; i++) {
    if (out[i].kind == LDL_REPLY && out[i].sequence == 1) f->replyDue = out[i].due.due;
  }
  return n;
}

/* Brings the item's deadline rows in line with its facts: the transfer period is the 刑检 prosecutor's until the
 * transfer, the rest the 行政检察 handler's (a closed row keeps whose it was). */
static int sync_deadlines(Db *db, const LinkageRow *r, const json_t *item, JwErr *e) {
  LinkageFacts f;
  facts_of(r, &f);
  LinkageDeadline a[LINKAGE_MAX_DEADLINES];
  int n = compute_deadlines(db, r, &f, a, e);
  if (n < 0) return -1;
  DeadlineRow rows[LINKAGE_MAX_DEADLINES];
  for (int i = 0; i < n; i++) {
    const DeadlineKindRule *k = deadline_kind_by_code(a[i].zKind);
    rows[i] = (DeadlineRow){a[i].zKind,
                            0,
                            a[i].sequence,
                            a[i].startOn,
                            a[i].length,
                            0,
                            a[i].due.stopDays,
                            0,
                            a[i].due.due,
                            a[i].due.suspended,
                            a[i].due.daysLeft,
                            a[i].due.provisional,
                            a[i].open,
                            a[i].closedOn,
                            a[i].zKind,
                            k ? k->warnDays : 3,
                            0,
                            k ? k->zRule : ""};
  }
  char zSubject[512];
  snprintf(zSubject, sizeof zSubject, "%s %s 行刑衔接", json_string_value(json_object_get(item, "case_number")),
           json_string_value(json_object_get(item, "person_name")));
  int pending = strcmp(r->zState, "pending_transfer") == 0;
  DeadlineOwner o = {r->orgId,
                     "linkage",
                     r->id,
                     r->caseId,
                     zSubject,
                     pending ? r->prosecutorId : r->handlerId,
                     pending ? json_integer_value(json_object_get(item, "case_department_id")) : r->departmentId};
  return deadlines_sync(db, &o, rows, n, e);
}

static json_t *item_view(Db *db, int64_t orgId, int64_t id) {
  int found = 0;
  return linkage_store_get(db, orgId, id, &found);
}

int linkage_open(Db *db, const Actor *actor, const LinkageOpen *o, JwErr *e) {
  int64_t dept = linkage_store_admin_department(db, actor->orgId);
  if (dept < 0) return err_internal(e, db_errmsg(db));
  LinkageRow r;
  memset(&r, 0, sizeof r);
  r.orgId = actor->orgId;
  r.caseId = o->caseId;
  r.personId = o->personId;
  snprintf(r.zNpt, sizeof r.zNpt, "%s", o->zNpt ? o->zNpt : "");
  snprintf(r.zDecisionOn, sizeof r.zDecisionOn, "%s", o->zDecisionOn);
  snprintf(r.zState, sizeof r.zState, "pending_transfer");
  r.prosecutorId = o->prosecutorId;
  r.departmentId = dept;
  r.replyMonths = LINKAGE_REPLY_MONTHS;
  r.replyPenalised = -1;
  r.replyAmountFen = -1;
  char zNow[32];
  time_now_iso(zNow);
  int64_t id = linkage_store_insert(db, &r, zNow);
  if (id < 0) return err_internal(e, db_errmsg(db));
  if (id == 0) return 0; /* the person's item exists already */
  r.id = id;
  json_t *data = json_pack("{s:s, s:s}", "non_prosecution_type", r.zNpt, "decision_on", r.zDecisionOn);
  int rc = linkage_store_event_insert(db, r.orgId, id, "opened", r.zDecisionOn, data, actor->userId, zNow) < 0
               ? err_internal(e, db_errmsg(db))
               : 0;
  json_decref(data);
  json_t *after = rc ? NULL : item_view(db, r.orgId, id);
  if (!rc && !after) rc = err_internal(e, db_errmsg(db));
  if (!rc) rc = sync_deadlines(db, &r, after, e);
  if (!rc) rc = audit_append(db, actor, "linkage.open", "linkage", audit_id(id).z, NULL, after, e);
  json_decref(after);
  return rc;
}

/* ---- steps ------------------------------------------------------------------------------------------------ */

/* 1 when the actor may record step k on the item: 刑检 (the case's prosecutor, or a 部门负责人 / leader) transfers
 * and gives its opinion; 行政检察 (a user of the item's department; any handler while the office has none) does the
 * rest; a 检察长 may do anything. */
static int may_act(const Actor *a, const LinkageRow *r, LinkageEventKind k, const json_t *in, const char **pWhy) {
  if (a->perms & PERM_APPROVE_CHIEF) return 1;
  int criminal = k == LEV_TRANSFER || (k == LEV_OPINION && in && strcmp(jin_str(in, "side"), "criminal") == 0);
  if (criminal || k == LEV_DECISION_CHANGED) {
    if (a->userId == r->prosecutorId || (a->perms & PERM_APPROVE)) return 1;
    if (criminal) {
      *pWhy = "只有承办该不起诉案件的检察官可以办理该步骤";
      return 0;
    }
  }
  if (!r->departmentId || (a->departmentId && a->departmentId == r->departmentId)) return 1;
  *pWhy = "只有行政检察部门可以办理该步骤";
  return 0;
}

/* The values of a step beyond its fields' types: codes, the agency, the penalties, the disagreement rule. */
static int check_values(Db *db, const Actor *actor, const LinkageRow *r, LinkageEventKind k, const json_t *in,
                        JwErr *e) {
  switch (k) {
    case LEV_REQUEST:
      if (!linkage_request_kind_valid(jin_str(in, "request_kind"))) {
        return err_field(e, "request_kind",
                         "种类必须是 reconsideration（复议）、review（复核）、complaint_victim（被害人申诉）、"
                         "complaint_person（被不起诉人申诉）或 private_prosecution（自诉）");
      }
      return 0;
    case LEV_DECISION_CHANGED:
      if (!linkage_change_kind_valid(jin_str(in, "change_kind"))) {
        return err_field(e, "change_kind",
                         "程序必须是 reconsideration（复议）、review（复核）或 complaint（申诉复查）");
      }
      return 0;
    case LEV_OPINION: {
      const char *zSide = jin_str(in, "side"), *zOp = jin_str(in, "opinion");
      int criminal = strcmp(zSide, "criminal") == 0;
      if (!criminal && strcmp(zSide, "administrative") != 0) {
        return err_field(e, "side", "部门必须是 criminal（刑事检察）或 administrative（行政检察）");
      }
      if (strcmp(zOp, "penalty") != 0 && strcmp(zOp, "no_penalty") != 0) {
        return err_field(e, "opinion", "审查意见必须是 penalty（需要行政处罚）或 no_penalty（无需行政处罚）");
      }
      if ((criminal ? r->zCriminalOpinion : r->zAdminOpinion)[0]) {
        return err_set(e, 409, "conflict", "side", "该部门已经提出审查意见");
      }
      const char *zOther = criminal ? r->zAdminOpinion : r->zCriminalOpinion;
      if (zOther[0] && strcmp(zOther, zOp) != 0 && !(jin_str(in, "reason") && *jin_str(in, "reason"))) {
        return err_field(e, "reason", "两部门的审查意见不一致，须写明理由（行刑反向衔接工作指引第十四条）");
      }
      return 0;
    }
    case LEV_TERMINATE: {
      const char *zCode = jin_str(in, "reason_code");
      if (!linkage_terminate_reason_valid(zCode)) {
        return err_field(e, "reason_code",
                         "理由必须是 already_penalised（已受处罚）、time_barred（超过行政处罚法第三十六条的时效）、"
                         "no_legal_basis（无处罚依据）、deceased（当事人死亡）或 other（其他）");
      }
      if (strcmp(zCode, "other") == 0 && !(jin_str(in, "text") && *jin_str(in, "text"))) {
        return err_field(e, "text", "其他理由须写明说明");
      }
      return 0;
    }
    case LEV_PROCURATORIAL: {
      char zKind[32], zName[AGENCY_NAME_BYTES];
      int found = linkage_store_agency(db, actor->orgId, jin_int(in, "agency_id", 0), zKind, zName);
      if (found < 0) return err_internal(e, db_errmsg(db));
      if (!found) return err_field(e, "agency_id", "主管机关不在本院的机关名录中");
      json_t *a = json_object_get(in, "penalties");
      size_t i;
      json_t *v;
      json_array_foreach(a, i, v) {
        const char *z = json_string_value(v);
        if (!linkage_penalty_valid(z)) {
          return err_field(e, "penalties",
                           "处罚种类必须是 fine、detention、licence_revocation、permit_suspension、"
                           "permit_revocation、confiscation、disciplinary 或 other");
        }
        if (!linkage_penalty_fits(z, zKind[0] ? zKind : NULL)) {
          return err_field(e, "penalties", "%s无权给予所建议的处罚（%s）", zName, z);
        }
        for (size_t j = 0; j < i; j++) {
          if (strcmp(json_string_value(json_array_get(a, j)), z) == 0) {
            return err_field(e, "penalties", "处罚种类重复：%s", z);
          }
        }
      }
      return 0;
    }
    case LEV_SERVE:
      if (!linkage_service_method_valid(jin_str(in, "method"))) {
        return err_field(e, "method",
                         "送达方式必须是 in_person（直接送达）、mail（邮寄送达）、electronic（电子送达）或 other");
      }
      return 0;
    case LEV_REPLY: {
      int penalised = json_is_true(json_object_get(in, "penalised"));
      const char *zPenalty = jin_str(in, "penalty");
      if (penalised) {
        if (!zPenalty) return err_field(e, "penalty", "给予处罚的回复须写明处罚种类");
        if (!linkage_penalty_valid(zPenalty)) return err_field(e, "penalty", "处罚种类无效：%s", zPenalty);
        char zKind[32] = "", zName[AGENCY_NAME_BYTES] = "";
        if (r->agencyId && linkage_store_agency(db, actor->orgId, r->agencyId, zKind, zName) < 0) {
          return err_internal(e, db_errmsg(db));
        }
        if (!linkage_penalty_fits(zPenalty, zKind[0] ? zKind : NULL)) {
          return err_field(e, "penalty", "%s无权给予该处罚（%s）", zName, zPenalty);
        }
        if (!jin_str(in, "decision_number"))
          return err_field(e, "decision_number", "给予处罚的回复须写明处罚决定书文号");
      } else if (zPenalty || jin_has(in, "amount_fen") || jin_str(in, "decision_number")) {
        const char *zField = zPenalty ? "penalty" : jin_has(in, "amount_fen") ? "amount_fen" : "decision_number";
        return err_field(e, zField, "未给予处罚的回复不能有%s", label_of(zField));
      }
      return 0;
    }
    default:
      return 0;
  }
}

static void put_text(char *dst, size_t n, const char *z) {
  snprintf(dst, n, "%s", z ? z : "");
}

/* Applies step k on day `on` to the row (its checks passed). */
static int apply(Db *db, const Actor *actor, LinkageRow *r, LinkageEventKind k, const json_t *in, const char *zOn,
                 JwErr *e) {
  char zNow[32];
  time_now_iso(zNow);
  const char *zState = NULL;
  switch (k) {
    case LEV_TRANSFER:
      put_text(r->zTransferredOn, sizeof r->zTransferredOn, zOn);
      zState = "transferred";
      break;
    case LEV_REGISTER:
      put_text(r->zRegisteredOn, sizeof r->zRegisteredOn, zOn);
      r->handlerId = actor->userId;
      if (!r->departmentId) r->departmentId = actor->departmentId;
      zState = "under_review";
      break;
    case LEV_REQUEST:
      put_text(r->zRequestKind, sizeof r->zRequestKind, jin_str(in, "request_kind"));
      put_text(r->zRequestOn, sizeof r->zRequestOn, zOn);
      break;
    case LEV_SUSPEND:
      if (clock_stop_insert(db, r->orgId, "linkage", r->id, "suspend", zOn, NULL, jin_str(in, "reason"), zNow) < 0) {
        return err_internal(e, db_errmsg(db));
      }
      put_text(r->zSuspendedOn, sizeof r->zSuspendedOn, zOn);
      zState = "suspended";
      break;
    case LEV_RESUME:
      if (clock_stop_close(db, "linkage", r->id, zOn)) return err_internal(e, db_errmsg(db));
      r->zSuspendedOn[0] = r->zRequestOn[0] = r->zRequestKind[0] = 0;
      zState = "under_review";
      break;
    case LEV_EXTEND:
      r->extensionDays += jin_int(in, "days", 0);
      break;
    case LEV_OPINION:
      if (strcmp(jin_str(in, "side"), "criminal") == 0) {
        put_text(r->zCriminalOpinion, sizeof r->zCriminalOpinion, jin_str(in, "opinion"));
        linkage_row_set_text(&r->zCriminalOpinionText, jin_str(in, "text"));
      } else {
        put_text(r->zAdminOpinion, sizeof r->zAdminOpinion, jin_str(in, "opinion"));
        linkage_row_set_text(&r->zAdminOpinionText, jin_str(in, "text"));
      }
      if (jin_str(in, "reason")) linkage_row_set_text(&r->zDisagreement, jin_str(in, "reason"));
      break;
    case LEV_TERMINATE:
      put_text(r->zOutcome, sizeof r->zOutcome, "terminated");
      put_text(r->zOutcomeOn, sizeof r->zOutcomeOn, zOn);
      put_text(r->zTerminateReason, sizeof r->zTerminateReason, jin_str(in, "reason_code"));
      linkage_row_set_text(&r->zTerminateText, jin_str(in, "text"));
      zState = "terminated";
      break;
    case LEV_PROCURATORIAL: {
      put_text(r->zOutcome, sizeof r->zOutcome, "opinion");
      put_text(r->zOutcomeOn, sizeof r->zOutcomeOn, zOn);
      r->agencyId = jin_int(in, "agency_id", 0);
      Buf b = BUF_INIT;
      size_t i;
      json_t *v;
      json_array_foreach(json_object_get(in, "penalties"), i, v) {
        if (i) buf_puts(&b, ",");
        buf_puts(&b, json_string_value(v));
      }
      put_text(r->zPenalties, sizeof r->zPenalties, b.n ? b.z : "");
      buf_free(&b);
      linkage_row_set_text(&r->zFacts, jin_str(in, "facts"));
      if (jin_has(in, "reply_months")) r->replyMonths = jin_int(in, "reply_months", LINKAGE_REPLY_MONTHS);
      zState = "opinion_issued";
      break;
    }
    case LEV_SERVE:
      put_text(r->zServedOn, sizeof r->zServedOn, zOn);
      put_text(r->zServiceMethod, sizeof r->zServiceMethod, jin_str(in, "method"));
      if (jin_has(in, "reply_months")) r->replyMonths = jin_int(in, "reply_months", LINKAGE_REPLY_MONTHS);
      zState = "awaiting_reply";
      break;
    case LEV_REPLY:
      put_text(r->zReplyOn, sizeof r->zReplyOn, zOn);
      r->replyPenalised = json_is_true(json_object_get(in, "penalised"));
      put_text(r->zReplyPenalty, sizeof r->zReplyPenalty, jin_str(in, "penalty"));
      linkage_row_set_text(&r->zReplyDecisionNumber, jin_str(in, "decision_number"));
      r->replyAmountFen = jin_has(in, "amount_fen") ? jin_int(in, "amount_fen", 0) : -1;
      linkage_row_set_text(&r->zReplyText, jin_str(in, "text"));
      zState = "replied";
      break;
    case LEV_URGE:
      put_text(r->zUrgedOn, sizeof r->zUrgedOn, zOn);
      r->urgeDays = jin_int(in, "reply_days", LINKAGE_URGE_DAYS);
      zState = "follow_up";
      break;
    case LEV_FOLLOW_UP:
      put_text(r->zFollowedUpOn, sizeof r->zFollowedUpOn, zOn);
      /* 跟进监督 in one step: a draft 纠正违法检察建议 to the same agency, linked both ways (the suggestion's link row
       * names this item; the item keeps the suggestion's id); it then goes through the 检察长's approval as any */
      {
        long long sid = 0;
        SuggestionDraft d = {.zType = "correction",
                             .agencyId = r->agencyId,
                             .zLinkedKind = "linkage",
                             .linkedId = r->id,
                             .caseId = r->caseId,
                             .zReason = jin_str(in, "reason")};
        if (suggestions_open_linked(db, actor, &d, &sid, e)) return -1;
        r->suggestionId = sid;
      }
      zState = "follow_up";
      break;
    case LEV_CLOSE:
      put_text(r->zClosedOn, sizeof r->zClosedOn, zOn);
      put_text(r->zCloseReason, sizeof r->zCloseReason, "completed");
      zState = "closed";
      break;
    case LEV_DECISION_CHANGED:
      if (r->zSuspendedOn[0] && clock_stop_close(db, "linkage", r->id, zOn)) return err_internal(e, db_errmsg(db));
      put_text(r->zClosedOn, sizeof r->zClosedOn, zOn);
      put_text(r->zCloseReason, sizeof r->zCloseReason, "decision_revoked");
      zState = "closed";
      break;
    default:
      break;
  }
  if (zState) put_text(r->zState, sizeof r->zState, zState);
  return 0;
}

static const char *decision_of(LinkageEventKind k) {
  return k == LEV_EXTEND ? "linkage_extend" : k == LEV_PROCURATORIAL ? "procuratorial_opinion" : NULL;
}

/* Runs a step inside the caller's transaction. With proposerId 0 the actor records it, and a 检察长 decision is
 * proposed instead (returns 1, *pApprovalId); with proposerId set it is applied on approval. 0 when applied. */
static int event_run(Db *db, const Actor *actor, int64_t id, LinkageEventKind k, const json_t *in, JwDate on,
                     int64_t proposerId, int64_t *pApprovalId, JwErr *e) {
  LinkageRow r;
  int found = linkage_store_load(db, actor->orgId, id, &r);
  if (found < 0) return err_internal(e, db_errmsg(db));
  if (!found) return err_set(e, 404, "not_found", NULL, "行刑衔接事项不存在");
  json_t *item = NULL;
  int rc = 0;
  const char *zWhy = NULL, *zField = NULL;
  if (!proposerId && !may_act(actor, &r, k, in, &zWhy)) rc = err_set(e, 403, "forbidden", NULL, "%s", zWhy);
  LinkageFacts f;
  facts_of(&r, &f);
  LinkageDeadline dl[LINKAGE_MAX_DEADLINES];
  if (!rc && compute_deadlines(db, &r, &f, dl, e) < 0) rc = -1;
  if (!rc && (zWhy = linkage_check_event(&f, k, on, today_china(), &zField))) {
    int dateRule = zField && strcmp(zField, "on") == 0;
    rc = err_set(e, dateRule ? 422 : 409, dateRule ? "validation_failed" : "conflict", zField, "%s", zWhy);
  }
  if (!rc) rc = check_values(db, actor, &r, k, in, e);
  if (!rc && !(item = item_view(db, actor->orgId, id))) rc = err_internal(e, db_errmsg(db));
  char zOn[11];
  date_format(on, zOn);
  const char *zDecision = decision_of(k);
  if (!rc && zDecision && !proposerId) {
    char zSubject[512];
    snprintf(zSubject, sizeof zSubject, "%s %s %s", json_string_value(json_object_get(item, "case_number")),
             json_string_value(json_object_get(item, "person_name")), linkage_event_name(k));
    const char *zReason = jin_str(in, "reason");
    ApprovalRequest req = {"linkage", id, r.caseId, r.departmentId, 0, zDecision, zSubject, in, zReason};
    int routed = approvals_route(db, actor, &req, pApprovalId, e);
    if (routed < 0) rc = -1;
    else if (routed == 1) {
      char zNow[32];
      time_now_iso(zNow);
      json_t *data = json_pack("{s:s, s:I, s:s*}", "decision_kind", zDecision, "approval_id", (json_int_t)*pApprovalId,
                               "reason", zReason);
      if (linkage_store_event_insert(db, actor->orgId, id, "proposed", NULL, data, actor->userId, zNow) < 0) {
        rc = err_internal(e, db_errmsg(db));
      }
      json_decref(data);
      json_decref(item);
      linkage_row_free(&r);
      return rc ? -1 : 1;
    }
  }
  if (!rc) rc = apply(db, actor, &r, k, in, zOn, e);
  char zNow[32];
  time_now_iso(zNow);
  if (!rc && linkage_store_save(db, &r, zNow)) rc = err_internal(e, db_errmsg(db));
  if (!rc) {
    json_t *data = json_deep_copy(in);
    json_object_del(data, "kind");
    json_object_del(data, "on");
    if (proposerId) {
      json_object_set_new(data, "proposed_by", json_integer(proposerId));
      json_object_set_new(data, "approved_by", json_integer(actor->userId));
    }
    if (linkage_store_event_insert(db, actor->orgId, id, linkage_event_code(k), zOn, data, actor->userId, zNow) < 0) {
      rc = err_internal(e, db_errmsg(db));
    }
    json_decref(data);
  }
  if (!rc) rc = sync_deadlines(db, &r, item, e);
  if (!rc) rc = linkage_step_document(db, actor, id, k, in, zOn, e); /* its 文书, when the step has one */
  json_decref(item);
  linkage_row_free(&r);
  return rc;
}

/* The audit row of a step, with the item before and after. */
static int audit_step(Db *db, const Actor *actor, int64_t id, LinkageEventKind k, json_t *before, JwErr *e) {
  json_t *after = item_view(db, actor->orgId, id);
  char zAction[48];
  snprintf(zAction, sizeof zAction, "linkage.%s", linkage_event_code(k));
  int rc = after ? audit_append(db, actor, zAction, "linkage", audit_id(id).z, before, after, e)
                 : err_internal(e, db_errmsg(db));
  json_decref(after);
  return rc;
}

int linkage_event(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, int *pStatus, JwErr *e) {
  LinkageEventKind k;
  JwDate on;
  if (event_parse(in, &k, &on, e)) return -1;
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  json_t *before = item_view(db, actor->orgId, id);
  int64_t approvalId = 0;
  int rc = event_run(db, actor, id, k, in, on, 0, &approvalId, e);
  int proposed = rc == 1;
  if (proposed) rc = 0;
  else if (!rc) rc = audit_step(db, actor, id, k, before, e);
  json_decref(before);
  if (app_finish_write(db, rc, e)) return -1;
  *pStatus = proposed ? 202 : 201;
  return linkage_get(db, actor, id, out, e);
}

int linkage_apply_approved(Db *db, const Actor *approver, int64_t id, const json_t *payload, JwDate legalOn,
                           int64_t proposerId, JwErr *e) {
  json_t *in = json_deep_copy(payload);
  char zOn[11];
  date_format(legalOn, zOn);
  json_object_set_new(in, "on", json_string(zOn));
  LinkageEventKind k;
  JwDate on;
  int rc = event_parse(in, &k, &on, e);
  json_t *before = rc ? NULL : item_view(db, approver->orgId, id);
  int64_t unused = 0;
  if (!rc) rc = event_run(db, approver, id, k, in, legalOn, proposerId, &unused, e);
  if (!rc) rc = audit_step(db, approver, id, k, before, e);
  json_decref(before);
  json_decref(in);
  return rc;
}

/* ---- reads ------------------------------------------------------------------------------------------------ */

int linkage_list(Db *db, const Actor *actor, LinkageFilter *f, json_t **out, JwErr *e) {
  char zToday[11];
  time_today_china(zToday);
  f->orgId = actor->orgId;
  f->zToday = zToday;
  *out = linkage_store_list(db, f);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

int linkage_by_agency(Db *db, const Actor *actor, json_t **out, JwErr *e) {
  char zToday[11];
  time_today_china(zToday);
  *out = linkage_store_by_agency(db, actor->orgId, zToday);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

/* Each step with whether the actor may take it today, and why not. */
static json_t *actions_of(Db *db, const Actor *actor, const LinkageRow *r, const LinkageFacts *f) {
  json_t *a = json_array();
  JwDate today = today_china();
  for (int k = 0; k < LEV_KIND_COUNT; k++) {
    const char *zWhy = NULL, *zField = NULL;
    json_t *probe = k == LEV_OPINION ? json_pack("{s:s}", "side", "criminal") : NULL;
    int ok = (actor->perms & PERM_LINKAGE_HANDLE) != 0;
    if (!ok) zWhy = "您没有办理行刑衔接事项的权限";
    if (ok && !may_act(actor, r, (LinkageEventKind)k, probe, &zWhy)) {
      /* an opinion: the actor may give the other department's */
      json_decref(probe);
      probe = k == LEV_OPINION ? json_pack("{s:s}", "side", "administrative") : NULL;
      ok = k == LEV_OPINION && may_act(actor, r, (LinkageEventKind)k, probe, &zWhy);
    }
    json_decref(probe);
    if (ok && (zWhy = linkage_check_event(f, (LinkageEventKind)k, today, today, &zField))) ok = 0;
    (void)db;
    json_array_append_new(
        a, json_pack("{s:s, s:s, s:b, s:s*}", "kind", linkage_event_code((LinkageEventKind)k), "name",
                     linkage_event_name((LinkageEventKind)k), "allowed", ok, "reason", ok ? NULL : zWhy));
  }
  return a;
}

int linkage_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  int found = 0;
  json_t *o = linkage_store_get(db, actor->orgId, id, &found);
  if (found < 0) return err_internal(e, db_errmsg(db));
  if (!found) return err_set(e, 404, "not_found", NULL, "行刑衔接事项不存在");
  LinkageRow r;
  if (linkage_store_load(db, actor->orgId, id, &r) != 1) {
    json_decref(o);
    return err_internal(e, db_errmsg(db));
  }
  LinkageFacts f;
  facts_of(&r, &f);
  LinkageDeadline dl[LINKAGE_MAX_DEADLINES];
  if (compute_deadlines(db, &r, &f, dl, e) < 0) {
    linkage_row_free(&r);
    json_decref(o);
    return -1;
  }
  json_t *events = linkage_store_events(db, id), *deadlines = linkage_store_deadlines(db, id);
  if (!events || !deadlines) {
    json_decref(events);
    json_decref(deadlines);
    linkage_row_free(&r);
    json_decref(o);
    return err_internal(e, db_errmsg(db));
  }
  char zToday[11];
  time_today_china(zToday);
  int overdue = 0;
  size_t i;
  json_t *d;
  json_array_foreach(deadlines, i, d) {
    const char *zDue = json_string_value(json_object_get(d, "due_on"));
    if (strcmp(json_string_value(json_object_get(d, "status")), "open") == 0 && zDue && strcmp(zDue, zToday) < 0) {
      overdue = 1;
    }
  }
  json_object_set_new(o, "overdue", json_boolean(overdue));
  json_object_set_new(o, "events", events);
  json_object_set_new(o, "deadlines", deadlines);
  json_object_set_new(o, "approvals", approvals_for_record(db, actor, "linkage", id));
  json_object_set_new(o, "actions", actions_of(db, actor, &r, &f));
  linkage_row_free(&r);
  *out = o;
  return 0;
}

int linkage_note_approval(Db *db, const Actor *actor, int64_t id, const char *zKind, const char *zDecisionKind,
                          const char *zReason, JwErr *e) {
  char zNow[32];
  time_now_iso(zNow);
  json_t *data = json_pack("{s:s, s:s*}", "decision_kind", zDecisionKind, "reason", zReason);
  int rc = linkage_store_event_insert(db, actor->orgId, id, zKind, NULL, data, actor->userId, zNow) < 0
               ? err_internal(e, db_errmsg(db))
               : 0;
  json_decref(data);
  return rc;
}

json_t *linkage_for_case(Db *db, const Actor *actor, int64_t caseId) {
  json_t *a = linkage_store_for_case(db, actor->orgId, caseId);
  return a ? a : json_array();
}
