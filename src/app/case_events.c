/* case_events.c: the procedural events of a case (DOMAIN.md 2.1): one table row per kind with the fields it takes,
 * the decision of the 权力清单 it is (if any), and its apply function (see cases.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/approvals.h"
#include "app/case_internal.h"
#include "app/cases.h"
#include "app/linkage.h"
#include "app/tx.h"
#include "core/roles.h"
#include "lib/jsonin.h"
#include "lib/timeutil.h"
#include "store/accounts_store.h"
#include "store/deadline_store.h"

static const JinField event_fields[] = {
    {"kind", JIN_STRING, 1, 1, 32},
    {"on", JIN_STRING, 1, 1, 10},
    {"person_id", JIN_ID_OR_NULL, 0, 0, 0},
    {"prosecutor_id", JIN_ID_OR_NULL, 0, 0, 0},
    {"reason", JIN_TEXT, 0, 0, 200},
    {"custody", JIN_STRING, 0, 1, 16},
    {"decision", JIN_STRING, 0, 1, 32},
    {"non_prosecution_type", JIN_STRING_OR_NULL, 0, 0, 32},
    {"sentence", JIN_STRING, 0, 1, 200},
    {"recommendation_adopted", JIN_BOOL, 0, 0, 0},
    {"consistent", JIN_BOOL, 0, 0, 0},
    {"to_agency", JIN_STRING, 0, 1, 100},
    {"days", JIN_INT, 0, 1, 30},
    {"until", JIN_STRING, 0, 1, 10},
    {"offence_on", JIN_STRING, 0, 1, 10},
    {"probation_months", JIN_INT, 0, 1, 120},
    {"instance", JIN_STRING, 0, 1, 16},
};

/* The Chinese labels of the event fields, as the event forms show them (the date and the reason by their general
 * names: each form titles them after its act). */
static const JinLabel event_labels[] = {
    {"kind", "事项"},
    {"on", "日期"},
    {"person_id", "涉案人员"},
    {"prosecutor_id", "承办检察官"},
    {"reason", "理由"},
    {"custody", "强制措施"},
    {"decision", "决定"},
    {"non_prosecution_type", "不起诉类型"},
    {"sentence", "判处刑罚"},
    {"recommendation_adopted", "量刑建议被采纳"},
    {"consistent", "判决与起诉指控一致"},
    {"to_agency", "移送机关"},
    {"days", "延长日数"},
    {"until", "鉴定结束日期"},
    {"offence_on", "犯罪时间"},
    {"probation_months", "考验期（月）"},
    {"instance", "审级"},
};

/* What an apply function works on. */
typedef struct EventCtx {
  Db *db;
  const Actor *actor;
  CaseState *st;
  const json_t *in;
  CaseEventKind kind;
  JwDate on;
  char zOn[11];
  int64_t personId;
  PersonRow *p;
  CasePersonFacts *pf;
  JwErr *e;
} EventCtx;

typedef int (*EventApply)(EventCtx *x);

static int db_fail(EventCtx *x) {
  return err_internal(x->e, db_errmsg(x->db));
}

static void set_status(EventCtx *x, const char *zStatus) {
  snprintf(x->st->c.zStatus, sizeof x->st->c.zStatus, "%s", zStatus);
}

/* ---- apply functions, one per kind ------------------------------------------------------------------------ */

static int apply_assign(EventCtx *x) {
  int64_t uid = jin_int(x->in, "prosecutor_id", 0);
  if (!(x->actor->perms & PERM_CASE_REGISTER)) {
    return err_set(x->e, 403, "forbidden", NULL, "只有案管人员可以改派承办人");
  }
  if (case_store_is_handler(x->db, x->actor->orgId, uid) != 1) {
    return err_field(x->e, "prosecutor_id", "承办人必须是本院在职的检察官或检察官助理");
  }
  x->st->c.prosecutorId = uid;
  return 0;
}

/* The extension's days: 审查决定逮捕 of a detained suspect names 1 to 3 days (Rules 297, 特殊情况); every other
 * extension is the law's fixed one and takes no days. Checked before a proposal is made. */
static int check_extend(EventCtx *x) {
  int named = case_extension_days_named(&x->st->f);
  int64_t days = jin_int(x->in, "days", 0);
  if (named && (days < 1 || days > named)) {
    return err_field(x->e, "days", "延长审查决定逮捕期限须写明延长的日数（一至%d日，规则第二百九十七条）", named);
  }
  if (!named && days) return err_field(x->e, "days", "该期限的延长由法律规定，不须写明日数");
  return 0;
}

static int apply_return(EventCtx *x) {
  set_status(x, "returned");
  return 0;
}

static int apply_resubmit(EventCtx *x) {
  set_status(x, "under_review");
  return 0;
}

static int apply_nothing(EventCtx *x) {
  (void)x;
  return 0; /* recorded as an event; the deadlines follow from the history */
}

static int apply_custody(EventCtx *x) {
  const char *zCustody = jin_str(x->in, "custody");
  if (case_store_person_set_custody(x->db, x->actor->orgId, x->st->c.id, x->personId, zCustody, x->zOn)) {
    return db_fail(x);
  }
  return 0;
}

/* The latest decision day of the case's persons, with zOn: the day the case concludes (审结). */
static void latest_decision(const CaseState *st, const char *zOn, char out[11]) {
  memcpy(out, zOn, 11);
  for (int i = 0; i < st->nP; i++) {
    const char *z = st->aP[i].zFinalOn[0] ? st->aP[i].zFinalOn : st->aP[i].zDecisionOn;
    if (z[0] && strcmp(z, out) > 0) memcpy(out, z, 11);
  }
}

static int apply_decide(EventCtx *x) {
  const char *zDecision = jin_str(x->in, "decision"), *zNpt = jin_str(x->in, "non_prosecution_type");
  int nonProsecution = strcmp(zDecision, "non_prosecution") == 0;
  int probation = x->pf->conditional && !x->pf->finalOn;
  int conditional = !probation && nonProsecution && zNpt && strcmp(zNpt, "conditional") == 0;
  if (probation) {
    /* the final decision after 附条件不起诉 (CPL 284) */
    if (case_store_person_final(x->db, x->st->c.id, x->personId, zDecision, x->zOn)) return db_fail(x);
  } else if (case_store_person_decide(x->db, x->st->c.id, x->personId, zDecision, zNpt, x->zOn,
                                      jin_str(x->in, "offence_on"),
                                      conditional ? (int)jin_int(x->in, "probation_months", 0) : 0)) {
    return db_fail(x);
  }
  /* CPL 178: 不起诉的决定……被不起诉人在押的，应当立即释放: the custody record ends that day */
  if (case_decision_releases(zDecision) && case_person_in_custody_on(x->pf, x->on)) {
    if (case_store_person_set_custody(x->db, x->actor->orgId, x->st->c.id, x->personId, "released", x->zOn)) {
      return db_fail(x);
    }
    json_t *data = json_pack("{s:s, s:s}", "custody", "released", "rule",
                             "刑事诉讼法第一百七十八条：被不起诉人在押的，应当立即释放");
    int rc = case_timeline_note(x->db, x->actor, x->st->c.id, "custody_released", x->personId, data, x->zOn, x->e);
    json_decref(data);
    if (rc) return -1;
  }
  /* 批准逮捕: the police execute the arrest, so the person is in custody as arrested from that day */
  if (strcmp(zDecision, "approve_arrest") == 0 &&
      case_store_person_set_custody(x->db, x->actor->orgId, x->st->c.id, x->personId, "arrested", x->zOn)) {
    return db_fail(x);
  }
  /* the last pending person decided (a 附条件不起诉 keeps the person pending until the final decision): the case is
   * concluded (审结) on the latest decision day */
  if (!conditional && x->st->f.undecidedPersons == 1) {
    set_status(x, "concluded");
    latest_decision(x->st, x->zOn, x->st->c.zConcluded);
  }
  return 0;
}

static int apply_judgment(EventCtx *x) {
  const char *zInstance = jin_str(x->in, "instance") ? jin_str(x->in, "instance") : "first";
  if (case_store_person_judgment(x->db, x->st->c.id, x->personId, x->zOn, jin_str(x->in, "sentence"),
                                 json_is_true(json_object_get(x->in, "recommendation_adopted")),
                                 json_is_true(json_object_get(x->in, "consistent")), zInstance)) {
    return db_fail(x);
  }
  return 0;
}

static int apply_transfer(EventCtx *x) {
  set_status(x, "transferred");
  memcpy(x->st->c.zTransferred, x->zOn, 11);
  return 0;
}

static int apply_archive(EventCtx *x) {
  set_status(x, "archived");
  memcpy(x->st->c.zArchived, x->zOn, 11);
  return 0;
}

static int apply_suspend(EventCtx *x) {
  char zNow[32];
  time_now_iso(zNow);
  if (clock_stop_insert(x->db, x->actor->orgId, "case_person", x->personId, "suspend", x->zOn, NULL,
                        jin_str(x->in, "reason"), zNow) < 0) {
    return db_fail(x);
  }
  return 0;
}

static int apply_resume(EventCtx *x) {
  if (clock_stop_close(x->db, "case_person", x->personId, x->zOn)) return db_fail(x);
  return 0;
}

/* 精神病鉴定 from `on` to `until` (both days inside the assessment): the days do not count (CPL 149), the stop
 * [on, until + 1). */
static int check_assessment(EventCtx *x) {
  JwDate until;
  if (case_parse_date(x->in, "until", "鉴定结束日期", 1, &until, x->e)) return -1;
  if (until < x->on) return err_field(x->e, "until", "鉴定结束日期早于开始日期");
  return 0;
}

static int apply_assessment(EventCtx *x) {
  JwDate until = 0;
  case_parse_date(x->in, "until", "鉴定结束日期", 1, &until, x->e); /* checked by check_assessment */
  char zTo[11], zNow[32];
  date_format(until + 1, zTo);
  time_now_iso(zNow);
  if (clock_stop_insert(x->db, x->actor->orgId, "case_person", x->personId, "exclude", x->zOn, zTo,
                        jin_str(x->in, "reason"), zNow) < 0) {
    return db_fail(x);
  }
  return 0;
}

static int apply_police_withdraw(EventCtx *x) {
  set_status(x, "concluded");
  memcpy(x->st->c.zConcluded, x->zOn, 11);
  snprintf(x->st->c.zConclusion, sizeof x->st->c.zConclusion, "withdrawn");
  return 0;
}

static int apply_withdraw_prosecution(EventCtx *x) {
  if (case_store_person_withdraw(x->db, x->st->c.id, x->personId, x->zOn)) return db_fail(x);
  return 0;
}

static int apply_jurisdiction(EventCtx *x) {
  memcpy(x->st->c.zJurisdiction, x->zOn, 11);
  return 0;
}

/* ---- the table -------------------------------------------------------------------------------------------- */

/* The decision of the 权力清单 an event is, or NULL when it only records a fact. */
static const char *decision_of(const EventCtx *x) {
  switch (x->kind) {
    case EVENT_EXTEND:
      return "extend";
    case EVENT_RETURN:
      return "return";
    case EVENT_SELF_INVESTIGATION:
      return "self_investigation";
    case EVENT_SUSPEND:
      return "suspend";
    case EVENT_WITHDRAW_PROSECUTION:
      return "withdraw_prosecution";
    case EVENT_DECIDE: {
      const char *z = jin_str(x->in, "decision");
      if (strcmp(z, "non_prosecution") == 0) return "non_prosecution";
      if (strcmp(z, "prosecute") == 0) return "prosecute";
      if (strcmp(z, "approve_arrest") == 0) return "approve_arrest";
      if (strcmp(z, "reject_arrest") == 0) {
        return case_person_in_custody_on(x->pf, x->on) ? "reject_arrest_detained" : "reject_arrest";
      }
      if (strcmp(z, "release") == 0 || strcmp(z, "maintain") == 0) return "custody_necessity";
      return "complaint_review";
    }
    default:
      return NULL;
  }
}

/* Per kind: the fields it takes besides kind and on ('!' marks a required one), the check of its input against the
 * case that runs before a proposal is made (NULL: none), and its apply function. */
static const struct EventRule {
  const char *zFields;
  EventApply xApply;
  EventApply xCheck;
} event_rules[EVENT_KIND_COUNT] = {
    [EVENT_ASSIGN] = {"!prosecutor_id reason", apply_assign, NULL},
    [EVENT_EXTEND] = {"!reason days", apply_nothing, check_extend},
    [EVENT_RETURN] = {"!reason", apply_return, NULL},
    [EVENT_RESUBMIT] = {"reason", apply_resubmit, NULL},
    [EVENT_SELF_INVESTIGATION] = {"!reason", apply_nothing, NULL},
    [EVENT_CUSTODY] = {"!person_id !custody reason", apply_custody, NULL},
    [EVENT_DECIDE] = {"!person_id !decision non_prosecution_type reason offence_on probation_months", apply_decide,
                      NULL},
    [EVENT_JUDGMENT] = {"!person_id !sentence !recommendation_adopted !consistent instance", apply_judgment, NULL},
    [EVENT_TRANSFER] = {"!to_agency reason", apply_transfer, NULL},
    [EVENT_ARCHIVE] = {"reason", apply_archive, NULL},
    [EVENT_SUSPEND] = {"!person_id !reason", apply_suspend, NULL},
    [EVENT_RESUME] = {"!person_id reason", apply_resume, NULL},
    [EVENT_ASSESSMENT] = {"!person_id !until reason", apply_assessment, check_assessment},
    [EVENT_POLICE_WITHDRAW] = {"!reason", apply_police_withdraw, NULL},
    [EVENT_WITHDRAW_PROSECUTION] = {"!person_id !reason", apply_withdraw_prosecution, NULL},
    [EVENT_JURISDICTION] = {"!reason", apply_jurisdiction, NULL},
};

/* 1 when zName appears in the space-separated spec (with or without its '!'). */
static int event_spec_has(const char *zSpec, const char *zName) {
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

/* Checks that the input has exactly the fields its kind takes. */
static int event_check_fields(const json_t *in, CaseEventKind k, JwErr *e) {
  const char *zSpec = event_rules[k].zFields;
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)in, key, v) {
    if (strcmp(key, "kind") == 0 || strcmp(key, "on") == 0) continue;
    if (!event_spec_has(zSpec, key)) return err_field(e, key, "字段 %s 不适用于该事件", key);
  }
  for (const char *p = zSpec; (p = strchr(p, '!')) != NULL;) {
    p++;
    size_t n = strcspn(p, " ");
    char zName[32];
    snprintf(zName, sizeof zName, "%.*s", (int)n, p);
    if (!json_object_get(in, zName) || json_is_null(json_object_get(in, zName))) {
      return err_field(e, zName, "缺少字段 %s", zName);
    }
    p += n;
  }
  return 0;
}

/* Validates an event's input apart from the case: fields, kind, enumerations. *pKind the kind. */
static int event_parse(const json_t *in, CaseEventKind *pKind, JwErr *e) {
  if (jin_check_labeled(in, event_fields, sizeof event_fields / sizeof event_fields[0], event_labels,
                        sizeof event_labels / sizeof event_labels[0], e)) {
    return -1;
  }
  if (case_event_parse(jin_str(in, "kind"), pKind)) {
    return err_field(e, "kind", "未知的事件类型 %s", jin_str(in, "kind"));
  }
  if (event_check_fields(in, *pKind, e)) return -1;
  const char *zCustody = jin_str(in, "custody"), *zDecision = jin_str(in, "decision");
  const char *zNpt = jin_str(in, "non_prosecution_type");
  if (zCustody && !custody_is_valid(zCustody)) return err_field(e, "custody", "强制措施状态无效");
  if (zDecision && strcmp(zDecision, "non_prosecution") == 0 && !(zNpt && non_prosecution_type_is_valid(zNpt))) {
    return err_field(e, "non_prosecution_type", "不起诉决定须注明不起诉类型（法定、酌定、存疑、附条件或特殊）");
  }
  if (zNpt && *zNpt && !(zDecision && strcmp(zDecision, "non_prosecution") == 0)) {
    return err_field(e, "non_prosecution_type", "只有不起诉决定需要不起诉类型");
  }
  const char *zInstance = jin_str(in, "instance");
  if (zInstance && strcmp(zInstance, "first") != 0 && strcmp(zInstance, "appeal") != 0 &&
      strcmp(zInstance, "retrial") != 0) {
    return err_field(e, "instance", "审级必须是 first（一审）、appeal（二审）或 retrial（再审）");
  }
  return 0;
}

/* Runs an event (its input checked by event_parse(), which gave kind) inside the caller's transaction on day `on`. With
 * proposerId 0 the actor records it, and a decision the 权力清单 gives to an approver is proposed instead (returns 1,
 * *pApprovalId); with proposerId set it is applied on approval by the approving actor. Returns 0 when applied, -1 with
 * e filled. */
static int case_event_run(Db *db, const Actor *actor, int64_t id, CaseEventKind kind, const json_t *in, JwDate on,
                          int64_t proposerId, int64_t *pApprovalId, JwErr *e) {
  CaseState *st = case_state_load(db, actor->orgId, id, e);
  if (!st) return -1;
  EventCtx x = {db, actor, st, in, kind, on, "", jin_int(in, "person_id", 0), NULL, NULL, e};
  date_format(on, x.zOn);
  int rc = 0;
  /* the approver acts by authority of the 权力清单, not as the case's handler */
  if (!proposerId && !case_may_handle(actor, &st->c)) {
    rc = err_set(e, 403, "forbidden", NULL, "只能办理本部门或分配给本人的案件");
  }
  const char *zField = NULL, *zWhy = rc ? NULL : case_check_event(&st->f, kind, on, &zField);
  if (!rc && zWhy) rc = err_set(e, 409, "conflict", zField, "%s", zWhy);
  if (!rc && x.personId && !(x.p = case_state_person(st, x.personId, &x.pf))) {
    rc = err_field(e, "person_id", "犯罪嫌疑人不属于本案");
  }
  if (!rc && x.p) {
    JwDate offence = 0;
    const char *zOffence = jin_str(in, "offence_on");
    if (zOffence && date_parse(zOffence, strlen(zOffence), &offence)) {
      rc = err_field(e, "offence_on", "犯罪日期不是有效日期（YYYY-MM-DD）");
    }
    PersonEventInput pin = {jin_str(in, "decision"), jin_str(in, "non_prosecution_type"), jin_str(in, "instance"),
                            offence, (int)jin_int(in, "probation_months", 0)};
    if (!rc && (zWhy = case_check_person_event(&st->f, x.pf, kind, on, &pin, &zField))) {
      rc = err_set(e, 409, "conflict", zField, "%s", zWhy);
    }
    if (!rc && kind == EVENT_DECIDE && !(x.pf->conditional && !x.pf->finalOn) &&
        !case_decision_allowed(st->f.type, jin_str(in, "decision"))) {
      rc = err_field(e, "decision", "%s案件不能作出该决定", st->f.type->zName);
    }
  }
  if (!rc && event_rules[kind].xCheck) rc = event_rules[kind].xCheck(&x);
  /* a decision of the 权力清单: taken now, or proposed to the approver */
  const char *zDecisionKind = rc ? NULL : decision_of(&x);
  if (!rc && zDecisionKind && !proposerId) {
    char zSubject[sizeof st->c.zNumber + sizeof st->c.zTitle + 2];
    snprintf(zSubject, sizeof zSubject, "%s %s", st->c.zNumber, st->c.zTitle);
    ApprovalRequest req = {"case",        id,       id, st->c.departmentId,   x.personId,
                           zDecisionKind, zSubject, in, jin_str(in, "reason")};
    int routed = approvals_route(db, actor, &req, pApprovalId, e);
    if (routed < 0) rc = -1;
    else if (routed == 1) {
      json_t *data = json_pack("{s:s, s:I, s:s*}", "decision_kind", zDecisionKind, "approval_id",
                               (json_int_t)*pApprovalId, "reason", jin_str(in, "reason"));
      rc = case_timeline_note(db, actor, id, "proposed", x.personId, data, NULL, e);
      json_decref(data);
      case_state_free(st);
      return rc ? -1 : 1;
    }
  }
  /* linkage (issue 10): a 不起诉 that takes effect (directly or on approval; for 附条件不起诉 the final one) opens
   * the person's 行刑反向衔接 item in this transaction */
  int opensLinkage = !rc && kind == EVENT_DECIDE && strcmp(jin_str(in, "decision"), "non_prosecution") == 0 &&
                     ((x.pf->conditional && !x.pf->finalOn) ||
                      !(jin_str(in, "non_prosecution_type") &&
                        strcmp(jin_str(in, "non_prosecution_type"), "conditional") == 0));
  if (!rc) rc = event_rules[kind].xApply(&x);
  if (opensLinkage && !rc) {
    LinkageOpen lo = {id, x.personId, st->c.prosecutorId, jin_str(in, "non_prosecution_type"), x.zOn};
    rc = linkage_open(db, actor, &lo, e);
  }
  char zNow[32];
  time_now_iso(zNow);
  if (!rc && case_store_update(db, &st->c, zNow)) rc = err_internal(e, db_errmsg(db));
  if (!rc) {
    json_t *data = json_deep_copy(in);
    json_object_del(data, "kind");
    json_object_del(data, "on");
    json_object_del(data, "person_id");
    if (kind == EVENT_ASSIGN) {
      json_t *u = user_store_get(db, actor->orgId, st->c.prosecutorId);
      json_object_set(data, "prosecutor_name", json_object_get(u, "name"));
      json_decref(u);
    }
    if (proposerId) {
      json_object_set_new(data, "proposed_by", json_integer(proposerId));
      json_object_set_new(data, "approved_by", json_integer(actor->userId));
    }
    if (case_store_event_insert(db, actor->orgId, id, case_event_code(kind), x.zOn, x.personId, data, actor->userId,
                                zNow) < 0) {
      rc = err_internal(e, db_errmsg(db));
    }
    json_decref(data);
  }
  case_state_free(st);
  return rc;
}

int cases_event(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, int *pStatus, JwErr *e) {
  CaseEventKind kind;
  if (event_parse(in, &kind, e)) return -1;
  JwDate on;
  if (case_parse_date(in, "on", "日期", 1, &on, e)) return -1;
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  json_t *before = case_audit_view(db, actor->orgId, id);
  int64_t approvalId = 0;
  int rc = case_event_run(db, actor, id, kind, in, on, 0, &approvalId, e);
  if (rc == 1) {
    /* proposed: nothing of the case changed but its timeline; the approval's own audit row records the step */
    json_decref(before);
    if (app_finish_write(db, 0, e)) return -1;
    *pStatus = 202;
    if (!out) return 0; /* a bulk load (demo.c) reads the approval itself */
    if (cases_get(db, actor, id, out, e)) return -1;
    json_t *approval = NULL;
    if (approvals_get(db, actor, approvalId, &approval, e)) return -1;
    json_object_set_new(*out, "approval", approval);
    *pStatus = 202;
    return 0;
  }
  *pStatus = 201;
  char zAction[48];
  snprintf(zAction, sizeof zAction, "case.%s", case_event_code(kind));
  return case_finish(db, actor, id, zAction, before, rc, out, e);
}

int cases_apply_approved(Db *db, const Actor *approver, int64_t id, const json_t *payload, JwDate legalOn,
                         int64_t proposerId, JwErr *e) {
  json_t *in = json_deep_copy(payload);
  char zOn[11];
  date_format(legalOn, zOn);
  json_object_set_new(in, "on", json_string(zOn));
  /* the stored proposal is checked again: the rules apply on the legal date, with the approver as the actor */
  CaseEventKind kind = EVENT_KIND_COUNT;
  if (event_parse(in, &kind, e)) {
    json_decref(in);
    return -1;
  }
  json_t *before = case_audit_view(db, approver->orgId, id);
  int64_t unused = 0;
  int rc = case_event_run(db, approver, id, kind, in, legalOn, proposerId, &unused, e);
  json_decref(in);
  json_t *after = NULL;
  if (!rc) rc = case_refresh(db, approver, id, e);
  if (!rc && !(after = case_audit_view(db, approver->orgId, id))) rc = err_internal(e, db_errmsg(db));
  char zAction[48];
  snprintf(zAction, sizeof zAction, "case.%s", case_event_code(kind));
  if (!rc) rc = audit_append(db, approver, zAction, "case", audit_id(id).z, before, after, e);
  json_decref(before);
  json_decref(after);
  return rc;
}

int cases_note_approval(Db *db, const Actor *actor, int64_t id, const char *zKind, const char *zDecisionKind,
                        const char *zReason, JwErr *e) {
  json_t *data = json_pack("{s:s, s:s*}", "decision_kind", zDecisionKind, "reason", zReason);
  int rc = case_timeline_note(db, actor, id, zKind, 0, data, NULL, e);
  json_decref(data);
  return rc;
}
