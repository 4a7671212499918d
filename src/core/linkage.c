/* linkage.c: the rules of 行刑反向衔接 (see linkage.h; DOMAIN.md 0.2, 4.2, 4.4). */
#include "core/linkage.h"

#include <string.h>

static const char *const state_codes[LINKAGE_STATE_COUNT] = {
    "pending_transfer", "transferred",    "under_review", "suspended", "terminated",
    "opinion_issued",   "awaiting_reply", "replied",      "follow_up", "closed",
};

const char *linkage_state_code(LinkageState s) {
  return s >= 0 && s < LINKAGE_STATE_COUNT ? state_codes[s] : "";
}

int linkage_state_parse(const char *z, LinkageState *out) {
  for (int i = 0; z && i < LINKAGE_STATE_COUNT; i++) {
    if (strcmp(state_codes[i], z) == 0) {
      *out = (LinkageState)i;
      return 0;
    }
  }
  return -1;
}

static const struct {
  const char *zCode, *zName;
} event_names[LEV_KIND_COUNT] = {
    [LEV_TRANSFER] = {"transfer", "移送行政检察部门"},
    [LEV_REGISTER] = {"register", "受理登记"},
    [LEV_REQUEST] = {"request", "登记复议、复核、申诉或自诉"},
    [LEV_SUSPEND] = {"suspend", "中止审查"},
    [LEV_RESUME] = {"resume", "恢复审查"},
    [LEV_EXTEND] = {"extend", "延长审查期限"},
    [LEV_OPINION] = {"opinion", "审查意见"},
    [LEV_TERMINATE] = {"terminate", "终结审查"},
    [LEV_PROCURATORIAL] = {"procuratorial_opinion", "提出检察意见"},
    [LEV_SERVE] = {"serve", "送达检察意见书"},
    [LEV_REPLY] = {"reply", "登记回复"},
    [LEV_URGE] = {"urge", "督促"},
    [LEV_FOLLOW_UP] = {"follow_up", "跟进监督"},
    [LEV_CLOSE] = {"close", "结案"},
    [LEV_DECISION_CHANGED] = {"decision_changed", "不起诉决定被变更"},
};

const char *linkage_event_code(LinkageEventKind k) {
  return k >= 0 && k < LEV_KIND_COUNT ? event_names[k].zCode : "";
}

const char *linkage_event_name(LinkageEventKind k) {
  return k >= 0 && k < LEV_KIND_COUNT ? event_names[k].zName : "";
}

int linkage_event_parse(const char *z, LinkageEventKind *out) {
  for (int i = 0; z && i < LEV_KIND_COUNT; i++) {
    if (strcmp(event_names[i].zCode, z) == 0) {
      *out = (LinkageEventKind)i;
      return 0;
    }
  }
  return -1;
}

/* ---- codes ------------------------------------------------------------------------------------------------ */

static int in_list(const char *z, const char *const *a) {
  for (; z && *a; a++) {
    if (strcmp(*a, z) == 0) return 1;
  }
  return 0;
}

int linkage_request_kind_valid(const char *z) {
  static const char *const a[] = {"reconsideration",     "review", "complaint_victim", "complaint_person",
                                  "private_prosecution", NULL};
  return in_list(z, a);
}

int linkage_terminate_reason_valid(const char *z) {
  static const char *const a[] = {"already_penalised", "time_barred", "no_legal_basis", "deceased", "other", NULL};
  return in_list(z, a);
}

int linkage_penalty_valid(const char *z) {
  static const char *const a[] = {"fine",
                                  "detention",
                                  "licence_revocation",
                                  "permit_suspension",
                                  "permit_revocation",
                                  "confiscation",
                                  "disciplinary",
                                  "other",
                                  NULL};
  return in_list(z, a);
}

int linkage_service_method_valid(const char *z) {
  static const char *const a[] = {"in_person", "mail", "electronic", "other", NULL};
  return in_list(z, a);
}

int linkage_change_kind_valid(const char *z) {
  static const char *const a[] = {"reconsideration", "review", "complaint", NULL};
  return in_list(z, a);
}

int linkage_penalty_fits(const char *zPenalty, const char *zAgencyKind) {
  if (!linkage_penalty_valid(zPenalty)) return 0;
  if (!zAgencyKind) return 1; /* a body whose kind the office did not record: the prosecutor's judgement */
  static const char *const judicial[] = {"court", "procuratorate", "prison", NULL};
  if (in_list(zAgencyKind, judicial)) return 0;
  if (strcmp(zPenalty, "disciplinary") == 0) return strcmp(zAgencyKind, "supervision") == 0;
  if (strcmp(zPenalty, "detention") == 0 || strcmp(zPenalty, "licence_revocation") == 0) {
    return strcmp(zAgencyKind, "public_security") == 0 || strcmp(zAgencyKind, "traffic_police") == 0;
  }
  /* a 监察委员会 imposes 政务处分, not administrative penalties */
  return strcmp(zAgencyKind, "supervision") != 0;
}

/* ---- steps ------------------------------------------------------------------------------------------------ */

#define WHY(field, msg) \
  do {                  \
    *pField = (field);  \
    return (msg);       \
  } while (0)

const char *linkage_check_event(const LinkageFacts *f, LinkageEventKind k, JwDate on, JwDate today,
                                const char **pField) {
  *pField = NULL;
  if (f->state == LINKAGE_CLOSED) WHY("kind", "该事项已经结案");
  if (on > today) WHY("on", "日期不能晚于今天");
  if (on < f->decisionOn) WHY("on", "日期早于不起诉决定生效的日期");
  LinkageState s = f->state;
  switch (k) {
    case LEV_TRANSFER:
      if (s != LINKAGE_PENDING_TRANSFER) WHY("kind", "该事项已经移送行政检察部门");
      return NULL;
    case LEV_REGISTER:
      if (s == LINKAGE_PENDING_TRANSFER) WHY("kind", "刑事检察部门尚未移送，行政检察部门不能受理登记");
      if (s != LINKAGE_TRANSFERRED) WHY("kind", "该事项已经受理登记");
      if (on < f->transferredOn) WHY("on", "受理登记日期早于移送日期");
      return NULL;
    case LEV_REQUEST:
      if (s != LINKAGE_PENDING_TRANSFER && s != LINKAGE_TRANSFERRED && s != LINKAGE_UNDER_REVIEW) {
        WHY("kind", "审查已经中止或已有审查结论，不能再登记复议、复核、申诉或自诉");
      }
      if (f->requestOn) WHY("kind", "已有待决的复议、复核、申诉或自诉");
      return NULL;
    case LEV_SUSPEND:
      if (s != LINKAGE_UNDER_REVIEW) WHY("kind", "只有审查中的事项可以中止审查");
      if (!f->requestOn) {
        WHY("kind", "没有待决的复议、复核、申诉或自诉，不能中止审查（行刑反向衔接工作指引第十三条）");
      }
      if (on < f->registeredOn) WHY("on", "中止审查日期早于受理登记日期");
      if (on < f->requestOn) WHY("on", "中止审查日期早于复议、复核、申诉或自诉的提出日期");
      return NULL;
    case LEV_RESUME:
      if (s != LINKAGE_SUSPENDED) WHY("kind", "审查没有中止，无须恢复");
      if (on < f->suspendedOn) WHY("on", "恢复审查日期早于中止审查日期");
      return NULL;
    case LEV_EXTEND:
      if (s != LINKAGE_UNDER_REVIEW) WHY("kind", "只有审查中的事项可以延长审查期限");
      if (on < f->registeredOn) WHY("on", "延长日期早于受理登记日期");
      return NULL;
    case LEV_OPINION:
      if (s != LINKAGE_TRANSFERRED && s != LINKAGE_UNDER_REVIEW && s != LINKAGE_SUSPENDED) {
        WHY("kind", "审查意见只能在移送后、审查结论作出前提出");
      }
      return NULL;
    case LEV_TERMINATE:
    case LEV_PROCURATORIAL:
      if (s == LINKAGE_PENDING_TRANSFER || s == LINKAGE_TRANSFERRED) WHY("kind", "行政检察部门尚未受理登记");
      if (s == LINKAGE_SUSPENDED) WHY("kind", "审查已经中止，恢复审查后才能作出审查结论");
      if (s != LINKAGE_UNDER_REVIEW) WHY("kind", "该事项已经作出审查结论");
      if (!f->adminOpinion) WHY("kind", "行政检察部门须先提出审查意见（同步审查）");
      if (k == LEV_TERMINATE && f->adminOpinion != 2) {
        WHY("kind", "行政检察部门的审查意见是需要行政处罚，应当提出检察意见");
      }
      if (k == LEV_PROCURATORIAL && f->adminOpinion != 1) {
        WHY("kind", "行政检察部门的审查意见是无需行政处罚，应当终结审查");
      }
      if (on < f->registeredOn) WHY("on", "审查结论的日期早于受理登记日期");
      return NULL;
    case LEV_SERVE:
      if (s != LINKAGE_OPINION_ISSUED) {
        WHY("kind", s == LINKAGE_AWAITING_REPLY || s == LINKAGE_REPLIED || s == LINKAGE_FOLLOW_UP
                        ? "检察意见书已经送达"
                        : "检察意见尚未经检察长批准制发，不能送达");
      }
      if (on < f->outcomeOn) WHY("on", "送达日期早于检察意见书的制发日期");
      return NULL;
    case LEV_REPLY:
      if (s == LINKAGE_REPLIED || f->replyOn) WHY("kind", "已经登记了回复");
      if (s != LINKAGE_AWAITING_REPLY && s != LINKAGE_FOLLOW_UP) {
        WHY("kind", "检察意见书尚未送达，不能登记回复");
      }
      if (on < f->servedOn) WHY("on", "回复日期早于检察意见书的送达日期");
      return NULL;
    case LEV_URGE:
      if (s != LINKAGE_AWAITING_REPLY) {
        WHY("kind", s == LINKAGE_FOLLOW_UP ? "已经督促过，逾期仍未回复的应当跟进监督" : "没有等待回复的检察意见");
      }
      if (f->replyDue && on <= f->replyDue) WHY("on", "回复期限尚未届满，不能督促");
      return NULL;
    case LEV_FOLLOW_UP:
      if (f->followedUpOn) WHY("kind", "已经跟进监督");
      if (!(s == LINKAGE_FOLLOW_UP && !f->replyOn) && !(s == LINKAGE_REPLIED && !f->replyPenalised)) {
        WHY("kind", "跟进监督须在督促后仍未回复，或回复未予处罚时进行");
      }
      if (on < f->urgedOn || on < f->replyOn) WHY("on", "跟进监督日期早于督促或回复日期");
      return NULL;
    case LEV_CLOSE:
      if (s == LINKAGE_PENDING_TRANSFER || s == LINKAGE_TRANSFERRED || s == LINKAGE_UNDER_REVIEW ||
          s == LINKAGE_SUSPENDED) {
        WHY("kind", "尚未作出审查结论（终结审查或检察意见），不能结案");
      }
      if (s == LINKAGE_OPINION_ISSUED || s == LINKAGE_AWAITING_REPLY) WHY("kind", "检察意见尚未得到回复，不能结案");
      if (s == LINKAGE_FOLLOW_UP && !f->followedUpOn) WHY("kind", "督促后尚未回复，须登记回复或跟进监督后结案");
      if (on < f->outcomeOn || on < f->replyOn || on < f->followedUpOn) WHY("on", "结案日期早于此前的办理步骤");
      return NULL;
    case LEV_DECISION_CHANGED:
      return NULL;
    default:
      WHY("kind", "未知的办理步骤");
  }
}

/* ---- periods ---------------------------------------------------------------------------------------------- */

static int add(const JwCalendar *cal, LinkageDeadline *d, LinkageDeadlineKind kind, const char *zKind, int seq,
               JwDate start, JwLength len, const ClockStop *aStop, int nStop, JwDate closedOn) {
  memset(d, 0, sizeof *d);
  d->kind = kind;
  d->zKind = zKind;
  d->sequence = seq;
  d->startOn = start;
  d->length = len;
  d->open = closedOn == 0;
  d->closedOn = closedOn;
  PeriodClock p = {start, len, 0, aStop, nStop, CUSTODY_NEVER, NULL, 0, closedOn};
  return period_clock_due(cal, &p, &d->due);
}

int linkage_deadlines(const JwCalendar *cal, const LinkageFacts *f, const ClockStop *aStop, int nStop,
                      LinkageDeadline *out) {
  int n = 0;
  JwDate end = f->closedOn; /* closing the item closes what still runs */
  if (f->decisionOn) {
    JwDate c = f->transferredOn ? f->transferredOn : end;
    if (add(cal, &out[n++], LDL_TRANSFER, "linkage_transfer", 1, f->decisionOn,
            (JwLength){LINKAGE_TRANSFER_WORKDAYS, JW_UNIT_WORKDAYS}, NULL, 0, c)) {
      return -1;
    }
  }
  if (f->registeredOn) {
    JwDate c = f->outcomeOn ? f->outcomeOn : end;
    if (add(cal, &out[n++], LDL_REVIEW, "linkage_review", 1, f->registeredOn,
            (JwLength){LINKAGE_REVIEW_WORKDAYS + f->extensionDays, JW_UNIT_WORKDAYS}, aStop, nStop, c)) {
      return -1;
    }
  }
  if (f->servedOn) {
    JwDate c = f->replyOn ? f->replyOn : f->urgedOn ? f->urgedOn : end;
    int months = f->replyMonths > 0 ? f->replyMonths : LINKAGE_REPLY_MONTHS;
    if (add(cal, &out[n++], LDL_REPLY, "linkage_reply", 1, f->servedOn, (JwLength){months, JW_UNIT_MONTHS}, NULL, 0,
            c)) {
      return -1;
    }
  }
  if (f->urgedOn) {
    JwDate c = f->replyOn ? f->replyOn : f->followedUpOn ? f->followedUpOn : end;
    int days = f->urgeDays > 0 ? f->urgeDays : LINKAGE_URGE_DAYS;
    if (add(cal, &out[n++], LDL_REPLY, "linkage_reply", 2, f->urgedOn, (JwLength){days, JW_UNIT_DAYS}, NULL, 0, c)) {
      return -1;
    }
  }
  return n;
}
