/* suggestion.c: the rules of a 检察建议 (see suggestion.h). */
#include "core/suggestion.h"

#include <string.h>

const char *const sug_type_codes[] = {"retrial", "correction", "public_interest", "social_governance", "other", NULL};
const char *const sug_state_codes[] = {"draft", "issued", "served", "objected", "replied", "closed", NULL};
const char *const sug_event_codes[] = {"issue",    "serve", "object", "objection_handle", "reply", "visit", "urge",
                                       "escalate", "close", NULL};
const char *const sug_service_methods[] = {"written", "announced", NULL};
const char *const sug_adoption_codes[] = {"adopted", "partly", "not_adopted", NULL};
const char *const sug_visit_results[] = {"rectified", "partly", "not_rectified", NULL};
const char *const sug_escalation_codes[] = {"upper_procuratorate", "superior", "party_committee", "npc", "government",
                                            "supervision",         NULL};
const char *const sug_outcome_codes[] = {"handled", "withdrawn", "not_adopted_closed", "public_interest_suit",
                                         "other",   NULL};
const char *const sug_objection_results[] = {"amend", "withdraw", "rejected", NULL};

int sug_code_in(const char *const *a, const char *z) {
  for (int i = 0; z && a[i]; i++) {
    if (strcmp(a[i], z) == 0) return 1;
  }
  return 0;
}

static int code_index(const char *const *a, const char *z) {
  for (int i = 0; z && a[i]; i++) {
    if (strcmp(a[i], z) == 0) return i;
  }
  return -1;
}

int sug_state_parse(const char *z, SugState *out) {
  int i = code_index(sug_state_codes, z);
  if (i < 0) return -1;
  *out = (SugState)i;
  return 0;
}

int sug_event_parse(const char *z, SugEventKind *out) {
  int i = code_index(sug_event_codes, z);
  if (i < 0) return -1;
  *out = (SugEventKind)i;
  return 0;
}

/* A refusal: the reason, its field and status. */
static const char *refuse(const char **pField, int *pStatus, const char *zField, int status, const char *zWhy) {
  *pField = zField;
  *pStatus = status;
  return zWhy;
}

/* 1 when the suggestion has been served and is not closed (a step that chases the recipient may be taken). */
static int chasing(SugState s) {
  return s == SUG_SERVED || s == SUG_OBJECTED || s == SUG_REPLIED;
}

const char *sug_check_step(const SugFacts *f, const SugStep *s, JwDate today, const char **pField, int *pStatus) {
  *pField = NULL;
  *pStatus = 409;
  if (f->state == SUG_CLOSED) {
    return refuse(pField, pStatus, NULL, 409,
                  s->kind == SUG_EV_CLOSE ? "检察建议已经结案，不能再次结案" : "检察建议已经结案，不能再办理");
  }
  if (s->on > today) return refuse(pField, pStatus, "on", 422, "日期不能晚于今天");
  switch (s->kind) {
    case SUG_EV_ISSUE:
      if (f->state != SUG_DRAFT) return refuse(pField, pStatus, NULL, 409, "只有草稿状态的检察建议可以签发");
      return NULL;
    case SUG_EV_SERVE:
      if (f->state != SUG_ISSUED) {
        return refuse(pField, pStatus, NULL, 409,
                      f->state == SUG_DRAFT ? "检察建议尚未签发，不能送达" : "检察建议已经送达");
      }
      if (s->on < f->issuedOn) return refuse(pField, pStatus, "on", 422, "送达日期不能早于签发日期");
      if (!sug_code_in(sug_service_methods, s->zMethod)) {
        return refuse(pField, pStatus, "method", 422, "送达方式必须是书面送达（written）或宣告送达（announced）");
      }
      return NULL;
    case SUG_EV_OBJECT:
      if (f->state != SUG_SERVED)
        return refuse(pField, pStatus, NULL, 409, "只有已送达、尚未回复的检察建议可以提出异议");
      if (s->on < f->servedOn) return refuse(pField, pStatus, "on", 422, "异议日期不能早于送达日期");
      return NULL;
    case SUG_EV_OBJECTION_HANDLE:
      if (f->state != SUG_OBJECTED) return refuse(pField, pStatus, NULL, 409, "没有待处理的异议");
      if (s->on < f->objectionOn) return refuse(pField, pStatus, "on", 422, "异议处理日期不能早于异议日期");
      if (!sug_code_in(sug_objection_results, s->zResult)) {
        return refuse(
            pField, pStatus, "result", 422,
            "异议处理结果必须是 amend（异议成立，修改）、withdraw（异议成立，撤回）或 rejected（异议不成立）");
      }
      return NULL;
    case SUG_EV_REPLY:
      if (f->state == SUG_OBJECTED) return refuse(pField, pStatus, NULL, 409, "被建议单位的异议尚未处理，不能登记回复");
      if (f->state == SUG_REPLIED) return refuse(pField, pStatus, NULL, 409, "已经登记回复");
      if (f->state != SUG_SERVED) return refuse(pField, pStatus, NULL, 409, "检察建议尚未送达，不能登记回复");
      if (s->on < f->servedOn) return refuse(pField, pStatus, "on", 422, "回复日期不能早于送达日期");
      if (!sug_code_in(sug_adoption_codes, s->zAdoption)) {
        return refuse(pField, pStatus, "adoption", 422,
                      "采纳情况必须是 adopted（采纳）、partly（部分采纳）或 not_adopted（不采纳）");
      }
      return NULL;
    case SUG_EV_VISIT:
      if (f->state != SUG_REPLIED) return refuse(pField, pStatus, NULL, 409, "被建议单位回复后才能回访");
      if (s->on < f->replyOn) return refuse(pField, pStatus, "on", 422, "回访日期不能早于回复日期");
      if (!sug_code_in(sug_visit_results, s->zResult)) {
        return refuse(pField, pStatus, "result", 422,
                      "回访结果必须是 rectified（已整改）、partly（部分整改）或 not_rectified（未整改）");
      }
      return NULL;
    case SUG_EV_URGE:
    case SUG_EV_ESCALATE:
      if (!chasing(f->state)) return refuse(pField, pStatus, NULL, 409, "检察建议送达后、结案前才能督促或上报");
      if (s->on < f->servedOn) return refuse(pField, pStatus, "on", 422, "日期不能早于送达日期");
      if (s->kind == SUG_EV_ESCALATE && !sug_code_in(sug_escalation_codes, s->zTo)) {
        return refuse(pField, pStatus, "to", 422,
                      "上报对象必须是 upper_procuratorate、superior、party_committee、npc、government 或 supervision");
      }
      return NULL;
    case SUG_EV_CLOSE:
      if (!sug_code_in(sug_outcome_codes, s->zOutcome)) {
        return refuse(pField, pStatus, "outcome", 422,
                      "结案方式必须是 handled（办复）、withdrawn、not_adopted_closed、public_interest_suit 或 other");
      }
      if (s->on < f->issuedOn) return refuse(pField, pStatus, "on", 422, "结案日期不能早于签发日期");
      if (strcmp(s->zOutcome, "handled") == 0) {
        if (f->state != SUG_REPLIED || !f->zLastVisitResult || strcmp(f->zLastVisitResult, "rectified") != 0) {
          return refuse(pField, pStatus, "outcome", 422, "只有整改落实回访确认已整改的检察建议才能以办复结案");
        }
        if (s->on < f->lastVisitOn) return refuse(pField, pStatus, "on", 422, "结案日期不能早于回访日期");
        return NULL;
      }
      if (strcmp(s->zOutcome, "not_adopted_closed") == 0 && f->state != SUG_REPLIED) {
        return refuse(pField, pStatus, "outcome", 422, "被建议单位回复后才能以不采纳结案");
      }
      if (f->state == SUG_DRAFT && strcmp(s->zOutcome, "withdrawn") != 0) {
        return refuse(pField, pStatus, "outcome", 422, "未签发的检察建议只能撤回");
      }
      return NULL;
    default:
      return refuse(pField, pStatus, "kind", 422, "未知的办理事项");
  }
}

SugState sug_next_state(const SugFacts *f, const SugStep *s) {
  switch (s->kind) {
    case SUG_EV_ISSUE:
      return SUG_ISSUED;
    case SUG_EV_SERVE:
      return SUG_SERVED;
    case SUG_EV_OBJECT:
      return SUG_OBJECTED;
    case SUG_EV_OBJECTION_HANDLE:
      if (strcmp(s->zResult, "amend") == 0) return SUG_ISSUED; /* the amended text is served anew */
      if (strcmp(s->zResult, "withdraw") == 0) return SUG_CLOSED;
      return SUG_SERVED;
    case SUG_EV_REPLY:
      return SUG_REPLIED;
    case SUG_EV_CLOSE:
      return SUG_CLOSED;
    default:
      return f->state;
  }
}

JwLength sug_default_reply_length(const char *zType, int urgent) {
  if (urgent && zType && strcmp(zType, "public_interest") == 0) return (JwLength){15, JW_UNIT_DAYS};
  return (JwLength){2, JW_UNIT_MONTHS};
}

int sug_reply_due(const JwCalendar *cal, JwDate servedOn, JwLength len, JwDate *pDue, int *pProvisional) {
  PeriodClock p = {servedOn, len, 0, NULL, 0, CUSTODY_NEVER, NULL, 0, 0};
  PeriodDue d;
  if (period_clock_due(cal, &p, &d)) return -1;
  *pDue = d.due;
  if (pProvisional) *pProvisional = d.provisional;
  return 0;
}
