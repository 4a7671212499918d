/* suggestion.h: the pure rules of a 检察建议 (DOMAIN.md 5; 《人民检察院检察建议工作规定》 2019): its five types, its
 * states and the steps that move it, the check of each step against the facts of the suggestion, and its reply
 * period (2 months from service; 15 days for an urgent 公益诉讼 suggestion; configurable per suggestion).
 *
 * States: draft → (issue, on the 检察长's approval) issued → (serve) served → (object) objected → (objection
 * handled: upheld and amended → issued again, to be served anew; upheld and withdrawn → closed; rejected → served)
 * → (reply) replied → (visit, 整改落实回访, any number) → (close) closed. 督促 (urge) and escalation are logged steps
 * of a served, objected or replied suggestion. Closure as 办复 (outcome "handled") only after a 回访 that found the
 * rectification done; every other outcome closes it otherwise; a closed suggestion takes no step.
 *
 * Pure functions: no I/O, no allocation. */
#ifndef JW_SUGGESTION_H
#define JW_SUGGESTION_H

#include "core/calendar.h"
#include "core/date.h"
#include "core/deadline.h"
#include "core/period.h"

typedef enum { SUG_DRAFT, SUG_ISSUED, SUG_SERVED, SUG_OBJECTED, SUG_REPLIED, SUG_CLOSED, SUG_STATE_COUNT } SugState;

typedef enum {
  SUG_EV_ISSUE,            /* 签发 (a decision of the 检察长: suggestion_issue) */
  SUG_EV_SERVE,            /* 送达: method written (书面) or announced (宣告送达) */
  SUG_EV_OBJECT,           /* 异议 of the recipient */
  SUG_EV_OBJECTION_HANDLE, /* 异议处理 (a decision of the 检察长: suggestion_objection) */
  SUG_EV_REPLY,            /* 书面回复, with its adoption */
  SUG_EV_VISIT,            /* 整改落实回访 */
  SUG_EV_URGE,             /* 督促 */
  SUG_EV_ESCALATE,         /* 上报、通报、报告 */
  SUG_EV_CLOSE,            /* 结案 */
  SUG_EV_COUNT
} SugEventKind;

/* The codes, for the API and the store. */
extern const char *const sug_type_codes[];        /* retrial correction public_interest social_governance other */
extern const char *const sug_state_codes[];       /* SugState order */
extern const char *const sug_event_codes[];       /* SugEventKind order */
extern const char *const sug_service_methods[];   /* written announced */
extern const char *const sug_adoption_codes[];    /* adopted partly not_adopted */
extern const char *const sug_visit_results[];     /* rectified partly not_rectified */
extern const char *const sug_escalation_codes[];  /* upper_procuratorate superior party_committee npc government
                                                     supervision */
extern const char *const sug_outcome_codes[];     /* handled withdrawn not_adopted_closed public_interest_suit other */
extern const char *const sug_objection_results[]; /* amend withdraw rejected */

/* 1 when z is one of the NULL-terminated list a. */
int sug_code_in(const char *const *a, const char *z);
int sug_state_parse(const char *z, SugState *out);     /* 0, or -1 for an unknown code */
int sug_event_parse(const char *z, SugEventKind *out); /* 0, or -1 */

/* What a step is checked against. Dates are 0 when not (yet) recorded. */
typedef struct SugFacts {
  SugState state;
  JwDate issuedOn, servedOn, objectionOn, replyOn, lastVisitOn;
  const char *zLastVisitResult; /* the latest 回访's result, or NULL */
  const char *zAdoption;        /* the reply's adoption, or NULL */
} SugFacts;

/* A step's input, as far as the rules look at it (NULL / 0 when absent). */
typedef struct SugStep {
  SugEventKind kind;
  JwDate on;
  const char *zMethod, *zAdoption, *zResult, *zTo, *zOutcome;
} SugStep;

/* NULL when the step may be taken on these facts today (`today`), else the reason in Chinese with *pField the
 * input field at fault (NULL: the state) and *pStatus 409 (the state does not allow the step) or 422 (a value
 * breaks a rule: a date before the one it follows, a future date, a 办复 without a verified rectification). */
const char *sug_check_step(const SugFacts *f, const SugStep *s, JwDate today, const char **pField, int *pStatus);

/* The state a step leads to (s checked). */
SugState sug_next_state(const SugFacts *f, const SugStep *s);

/* The default reply period: 2 months (工作规定 Art.19), 15 days for an urgent 公益诉讼 suggestion (两高公益诉讼解释
 * Art.21). */
JwLength sug_default_reply_length(const char *zType, int urgent);

/* The due day of the reply to one service (deadline kind "suggestion_reply"): from the service day (not counted),
 * len, moved off rest days (not custody-bound, DOMAIN 0.1). 0, or -1 when a date is out of range. */
int sug_reply_due(const JwCalendar *cal, JwDate servedOn, JwLength len, JwDate *pDue, int *pProvisional);

#endif
