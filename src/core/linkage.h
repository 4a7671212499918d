/* linkage.h: the pure rules of 行刑反向衔接 (DOMAIN.md 0.2, 4.2, 4.4): one item per person not prosecuted, its states,
 * which step is legal when (with the rule it breaks when not), the codes each step takes, and its three periods:
 *   linkage_transfer  3 working days from the 不起诉 decision: 刑检 transfers the case to 行政检察 (指引, transfer);
 *   linkage_review    10 working days from registration (指引 Art.12), extended by the 检察长, its clock stopped by
 *                     中止审查 while a 复议/复核/申诉/自诉 is pending (Art.13) and going on with the days left;
 *   linkage_reply     2 months from service of the 检察意见书 (高检发释字〔2021〕4号; configurable per item), then
 *                     after each 督促 the days the reminder gave.
 *
 * States (DOMAIN 4.4, names ours): pending_transfer → transferred → under_review ⇄ suspended → {terminated (终结审查)
 * | opinion_issued (检察意见 approved)} → awaiting_reply (served) → {replied | follow_up (督促 / 跟进监督)} → closed.
 * A 不起诉 changed by a 复议/复核/申诉复查 closes the item from any open state (close reason decision_revoked).
 *
 * Pure functions: no I/O, no allocation. */
#ifndef JW_LINKAGE_H
#define JW_LINKAGE_H

#include "core/calendar.h"
#include "core/date.h"
#include "core/deadline.h"
#include "core/period.h"

typedef enum {
  LINKAGE_PENDING_TRANSFER,
  LINKAGE_TRANSFERRED,
  LINKAGE_UNDER_REVIEW,
  LINKAGE_SUSPENDED,
  LINKAGE_TERMINATED,
  LINKAGE_OPINION_ISSUED,
  LINKAGE_AWAITING_REPLY,
  LINKAGE_REPLIED,
  LINKAGE_FOLLOW_UP,
  LINKAGE_CLOSED,
  LINKAGE_STATE_COUNT
} LinkageState;

const char *linkage_state_code(LinkageState s);
int linkage_state_parse(const char *z, LinkageState *out); /* 0 ok, -1 unknown */

typedef enum {
  LEV_TRANSFER,         /* 移送 (刑检) */
  LEV_REGISTER,         /* 受理登记 (行政检察) */
  LEV_REQUEST,          /* a 复议/复核/申诉/自诉 is lodged (recorded with its date) */
  LEV_SUSPEND,          /* 中止审查 */
  LEV_RESUME,           /* 恢复审查: the decision on the request (unchanged) received */
  LEV_EXTEND,           /* 延长审查期限 (检察长: decision linkage_extend) */
  LEV_OPINION,          /* a department's opinion (同步审查) */
  LEV_TERMINATE,        /* 终结审查 */
  LEV_PROCURATORIAL,    /* 检察意见 (检察长: decision procuratorial_opinion) */
  LEV_SERVE,            /* 送达检察意见书 */
  LEV_REPLY,            /* the agency's reply */
  LEV_URGE,             /* 督促 */
  LEV_FOLLOW_UP,        /* 跟进监督 (a 检察建议) */
  LEV_CLOSE,            /* 结案 */
  LEV_DECISION_CHANGED, /* the 不起诉 changed by 复议/复核/申诉复查: the item closes */
  LEV_KIND_COUNT
} LinkageEventKind;

const char *linkage_event_code(LinkageEventKind k);
int linkage_event_parse(const char *z, LinkageEventKind *out); /* 0 ok, -1 unknown */
/* The Chinese name of a step (移送, 受理登记 ...). */
const char *linkage_event_name(LinkageEventKind k);

/* ---- codes ------------------------------------------------------------------------------------------------ */

/* 1 when z is one of the list's codes. */
int linkage_request_kind_valid(const char *z); /* reconsideration 复议, review 复核, complaint_victim 被害人申诉,
                                                  complaint_person 被不起诉人申诉, private_prosecution 自诉 */
int linkage_terminate_reason_valid(const char *z); /* already_penalised, time_barred (行政处罚法第三十六条),
                                                      no_legal_basis, deceased, other (with text) */
int linkage_penalty_valid(const char *z);          /* fine, detention, licence_revocation, permit_suspension,
                                                      permit_revocation, confiscation, disciplinary, other */
int linkage_service_method_valid(const char *z); /* in_person 直接送达, mail 邮寄送达, electronic 电子送达, other */
int linkage_change_kind_valid(const char *z); /* reconsideration, review, complaint: who changed the 不起诉 */

/* 1 when an agency of kind zAgencyKind (agency.kind; NULL when unknown) can impose the penalty: 政务处分 only a
 * 监察委员会 (政务处分法 Art.3) or a body without a known kind; 行政拘留 and 吊销驾驶证 only 公安 (治安管理处罚法,
 * 道路交通安全法); nothing from a court, a procuratorate or a prison (they impose no administrative penalty). */
int linkage_penalty_fits(const char *zPenalty, const char *zAgencyKind);

/* ---- the item --------------------------------------------------------------------------------------------- */

/* What the rules see of an item (dates 0 when not yet). */
typedef struct LinkageFacts {
  LinkageState state;
  JwDate decisionOn; /* the 不起诉 (for 附条件不起诉 the final one) took effect */
  JwDate transferredOn, registeredOn;
  JwDate requestOn;    /* a pending 复议/复核/申诉/自诉 (0 none) */
  JwDate suspendedOn;  /* the open suspension (0 none) */
  int extensionDays;   /* working days added to the review period by the 检察长 */
  int criminalOpinion; /* 0 none, 1 penalty needed, 2 no penalty: 刑检's opinion */
  int adminOpinion;    /* the same for 行政检察 */
  JwDate outcomeOn;    /* 终结审查 or the 检察意见 issued */
  JwDate servedOn;
  int replyMonths; /* the reply period (default 2) */
  JwDate replyOn;
  int replyPenalised;
  int urges;           /* 督促 sent */
  JwDate urgedOn;      /* the latest */
  int urgeDays;        /* the days that 督促 gave for the reply */
  JwDate followedUpOn; /* 跟进监督 */
  JwDate closedOn;
  JwDate replyDue; /* the running reply deadline's due day (0 none), for the 督促 rule */
} LinkageFacts;

#define LINKAGE_REVIEW_WORKDAYS   10 /* 指引 Art.12 */
#define LINKAGE_TRANSFER_WORKDAYS 3  /* 指引: 三个工作日内 */
#define LINKAGE_REPLY_MONTHS      2  /* 高检发释字〔2021〕4号: 两个月以内 (configurable per item) */
#define LINKAGE_URGE_DAYS         15 /* a 督促 gives the agency 15 more days by default [M] */

/* Whether step k is legal on day `on` (today is the date in China): NULL when it is, else the reason (a static
 * Chinese message naming the rule) and *pField the field it concerns ("on" for a date, "kind" for the state). */
const char *linkage_check_event(const LinkageFacts *f, LinkageEventKind k, JwDate on, JwDate today,
                                const char **pField);

/* The periods of an item. */
typedef enum { LDL_TRANSFER, LDL_REVIEW, LDL_REPLY } LinkageDeadlineKind;

typedef struct LinkageDeadline {
  LinkageDeadlineKind kind;
  const char *zKind; /* linkage_transfer, linkage_review, linkage_reply */
  int sequence;      /* linkage_reply: 1 the 检察意见's period, 2.. after each 督促 */
  JwDate startOn;
  JwLength length;
  PeriodDue due;
  int open;
  JwDate closedOn;
} LinkageDeadline;

#define LINKAGE_MAX_DEADLINES 16

/* The periods the facts imply, open and closed, with the review period's stops (aStop, in date order; an open one
 * is the running 中止审查). Returns how many were written (at most LINKAGE_MAX_DEADLINES), -1 when a date is out of
 * the calendar's range. */
int linkage_deadlines(const JwCalendar *cal, const LinkageFacts *f, const ClockStop *aStop, int nStop,
                      LinkageDeadline *out);

#endif
