/* case_rules.h: the law of a criminal case in the procuratorate, as pure data and functions (DOMAIN.md 0.2, 2, 2.1):
 * the case types and their review periods, the charges reference list, the states and which events are legal in
 * each, and the deadlines a case's facts give rise to.
 *
 * Nothing here does I/O. The app layer loads a case's facts from the store into a CaseFacts, asks case_check_event()
 * whether an event is legal, and asks case_deadlines() for the periods now open, then writes the result. */
#ifndef JW_CASE_RULES_H
#define JW_CASE_RULES_H
#include <stddef.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/deadline.h"
#include "core/period.h"

/* ---- case types ------------------------------------------------------------------------------------------- */

typedef enum {
  CASE_ARREST_REVIEW,      /* 审查批准逮捕 (police request): CPL 91(3), Rules 282 */
  CASE_ARREST_DECISION,    /* 审查决定逮捕 (own investigation, 自侦): Rules 297 */
  CASE_PROSECUTION_REVIEW, /* 审查起诉: CPL 172, 175 */
  CASE_CUSTODY_NECESSITY,  /* 羁押必要性审查: 10 working days [M] (2016 试行 rules) */
  CASE_COMPLAINT_REVIEW,   /* 不起诉申诉复查: 3 months, Rules 386 */
  CASE_TYPE_COUNT
} CaseType;

/* A review period: its base length, and what an extension (延长, for 重大、复杂 cases) does: add extraDays after the
 * base (CPL 172: 1 month + 15 days), or make the whole period extendedTotal. Neither: no extension. */
typedef struct PeriodSpec {
  JwLength base;
  int extraDays;
  JwLength extendedTotal;
  int extendNeedsMajor; /* 1: only 重大、复杂 cases (CPL 172, Rules 282); 0: 特殊情况 with a reason (Rules 297) */
} PeriodSpec;

typedef struct CaseTypeRule {
  CaseType type;
  const char *zCode;              /* "prosecution_review" */
  const char *zName;              /* 审查起诉 */
  const char *zAbbr;              /* 刑诉: the type part of the case number */
  PeriodSpec inCustody;           /* review period when a suspect is in custody (在押) */
  PeriodSpec notInCustody;        /* review period otherwise */
  int custodyBound;               /* the review period is custody-bound when a suspect is in custody */
  int allowsReturn;               /* 退回补充侦查 possible */
  int warnDays;                   /* default warning lead time (DOMAIN 0.2) */
  const char *zRule;              /* the article the period comes from */
  const char *const *azDecisions; /* NULL-terminated decision codes allowed for this type */
} CaseTypeRule;

extern const CaseTypeRule case_types[CASE_TYPE_COUNT];

/* The rule for a type code, or NULL. */
const CaseTypeRule *case_type_by_code(const char *zCode);

/* ---- charges (罪名) ---------------------------------------------------------------------------------------- */

/* The complete list of charge names under the 两高 罪名 provisions (case_rules.c says which, and how codes are made),
 * in the order of the Criminal Law's 分则. */
typedef struct Charge {
  const char *zCode;     /* "dangerous_driving"; "a277_2" (the rule in case_rules.c) */
  const char *zName;     /* 危险驾驶罪, as the provisions word it */
  const char *zArticle;  /* 刑法第一百三十三条之一 */
  const char *zInitials; /* wxjsz: the pinyin initial of each character of the name, punctuation skipped */
  int chapter;           /* 1..CHARGE_CHAPTER_COUNT, the chapter of the 分则 */
} Charge;

#define CHARGE_CHAPTER_COUNT 10
extern const Charge charges[];
extern const size_t charges_count;
/* The chapters' names (危害公共安全罪), indexed 1..CHARGE_CHAPTER_COUNT; [0] is "". */
extern const char *const charge_chapters[CHARGE_CHAPTER_COUNT + 1];
const Charge *charge_by_code(const char *zCode);
/* 1 when the charge matches a search: zQuery is part of the name, or a prefix of the initials (ASCII letters, any
 * case). An empty or NULL query matches every charge. */
int charge_matches(const Charge *c, const char *zQuery);

/* ---- enumerations ----------------------------------------------------------------------------------------- */

/* 1 when zCode is one of the codes of that enumeration. */
int custody_is_valid(const char *zCode);              /* detained arrested bail residential released none */
int custody_is_in_custody(const char *zCode);         /* detained, arrested: 在押 */
CustodyMeasure custody_measure(const char *zCode);    /* bail, residential: the measures with a term (CPL 79) */
int sentence_band_is_valid(const char *zCode);        /* fine_only under_1y 1_3y 3_10y over_10y */
int sentence_band_rank(const char *zCode);            /* 0..4 in that order, -1 unknown */
int non_prosecution_type_is_valid(const char *zCode); /* statutory discretionary evidentiary conditional special */
int case_decision_allowed(const CaseTypeRule *t, const char *zDecision);

/* ---- states and events ------------------------------------------------------------------------------------ */

typedef enum {
  CASE_UNDER_REVIEW, /* 审查中 */
  CASE_RETURNED,     /* 退回补充侦查: the review clock is stopped */
  CASE_CONCLUDED,    /* 已审结: every person decided, or the police withdrew the case (撤案) */
  CASE_ARCHIVED,     /* 已归档 */
  CASE_TRANSFERRED,  /* 改变管辖, moved out of this office */
} CaseStatus;

const char *case_status_code(CaseStatus s);
int case_status_parse(const char *zCode, CaseStatus *out); /* 0 ok, -1 unknown */

#define CASE_MAX_RETURNS     2  /* CPL 175(3): 退回补充侦查以二次为限 */
#define CASE_MAX_PERSONS     50 /* persons in one case */
#define CASE_MAX_CUSTODY     16 /* custody changes kept per person */
#define CASE_MAX_STOPS       8  /* clock stops (中止审查, 精神病鉴定) per person */
#define PROBATION_MONTHS_MIN 6  /* CPL 283: 考验期为六个月以上一年以下 */
#define PROBATION_MONTHS_MAX 12
#define COMPLAINT_DAYS       7  /* CPL 180, 181: 七日以内 */
#define JURISDICTION_DAYS    5  /* Rules 328: 五日以内经由案件管理部门移送 */
#define BAIL_MONTHS          12 /* CPL 79: 取保候审最长不得超过十二个月 */
#define RESIDENTIAL_MONTHS   6  /* CPL 79: 监视居住最长不得超过六个月 */

/* What the rules need to know about one person of a case. Dates are 0 when not applicable. */
typedef struct CasePersonFacts {
  long long id;
  CustodyChange aCustody[CASE_MAX_CUSTODY]; /* custody history in date order (case_custody) */
  int nCustody;
  ClockStop aStop[CASE_MAX_STOPS]; /* 中止审查 and excluded spans of the person's review period, in date order */
  int nStop;
  JwDate decidedOn;         /* the decision that closes the person's review period, 0 while undecided */
  int conditional;          /* that decision is 附条件不起诉: the probation runs from decidedOn */
  int probationMonths;      /* 6..12 */
  JwDate finalOn;           /* the final decision after the probation (不起诉 or 起诉), 0 while pending */
  int nonProsecuted;        /* the person's outcome so far is a 不起诉 (final or 附条件) */
  int discretionary;        /* 酌定不诉: the person may complain within 7 days (CPL 181) */
  int prosecuted;           /* decided 起诉 (at the review or as the final decision) */
  int judged;               /* a judgment is recorded */
  int prosecutionWithdrawn; /* 撤回起诉 recorded */
  JwDate birth;             /* from the ID number, 0 when unknown */
  int plea;                 /* 认罪认罚 */
  int sentenceRank;         /* sentence_band_rank(), -1 unknown */
  JwDate reviewDue;         /* due day of the person's running review period (case_facts_set_review_due), 0 none */
} CasePersonFacts;

/* 1 when the person has no decision yet, or is on probation without the final decision: the case cannot conclude. */
int case_person_pending(const CasePersonFacts *p);
/* 1 when the person's review clock stands (an open 中止审查 stop). */
int case_person_suspended(const CasePersonFacts *p);
/* 1 when the person is in custody on day d by the custody history. */
int case_person_in_custody_on(const CasePersonFacts *p, JwDate d);

/* What the rules need to know about a case. Dates are 0 when not applicable. */
typedef struct CaseFacts {
  const CaseTypeRule *type;
  CaseStatus status;
  JwDate receivedOn;  /* receipt at this office (案管受理) */
  JwDate clockStart;  /* start of the current review period: receipt, or the last resubmission */
  JwDate returnedOn;  /* the current return, when status is CASE_RETURNED */
  JwDate concludedOn; /* when status is concluded or archived */
  JwDate archivedOn;
  JwDate withdrawnOn;         /* the police withdrew the case (撤案), concluding it */
  JwDate jurisdictionIssueOn; /* found outside the office's jurisdiction (Rules 328), 0 none */
  int inCustody;              /* some undecided suspect is in custody (拘留/逮捕) now */
  int majorComplex;           /* 重大、复杂 */
  int extended;               /* the extension of the current review period is used */
  int returns;                /* returns so far, including those before a change of jurisdiction */
  int summaryProcedure;       /* 速裁 (prosecution review only) */
  int sentenceOverOneYear;    /* a likely sentence exceeds one year (速裁: 15 days in total) */
  int undecidedPersons;       /* persons pending (case_person_pending) */
  JwDate reviewDue;           /* the earliest due day of the current round's running review periods, 0 none */
  const CasePersonFacts *aPerson;
  int nPersons;
} CaseFacts;

typedef enum {
  EVENT_ASSIGN,
  EVENT_EXTEND,
  EVENT_RETURN,
  EVENT_RESUBMIT,
  EVENT_SELF_INVESTIGATION,
  EVENT_CUSTODY,
  EVENT_DECIDE,
  EVENT_JUDGMENT,
  EVENT_TRANSFER,
  EVENT_ARCHIVE,
  EVENT_SUSPEND,              /* 中止审查 of a person (absconded, gravely ill): the clock stops */
  EVENT_RESUME,               /* 恢复审查: the clock goes on with the days left */
  EVENT_ASSESSMENT,           /* 精神病鉴定 from `on` to `until`: the span does not count (CPL 149) */
  EVENT_POLICE_WITHDRAW,      /* 撤案: the police withdraw a returned case they never resubmitted */
  EVENT_WITHDRAW_PROSECUTION, /* 撤回起诉 of a prosecuted person before judgment (Rules 424) */
  EVENT_JURISDICTION,         /* 发现不属于本院管辖: transfer via 案管 within 5 days (Rules 328) */
  EVENT_KIND_COUNT
} CaseEventKind;

const char *case_event_code(CaseEventKind k);
int case_event_parse(const char *zCode, CaseEventKind *out); /* 0 ok, -1 unknown */

/* Whether an event is legal on a case with these facts, on the date `on`. Returns 0 when it is; otherwise a static
 * Chinese message saying why (with the article), and *pField the input field at fault ("on", "kind" or NULL). The
 * person-level checks are case_check_person_event()'s. */
const char *case_check_event(const CaseFacts *f, CaseEventKind k, JwDate on, const char **pField);

/* The days an extension must name: 1 to this many for 审查决定逮捕 of a detained suspect (Rules 297, 特殊情况: the
 * days the 检察长 grants); 0 when the extension the law gives is fixed (CPL 172, Rules 282) and names none. */
int case_extension_days_named(const CaseFacts *f);

/* The person-level checks of an event about person p (decide, custody, suspend, resume, assessment, judgment,
 * withdraw_prosecution): zDecision / zNpType for decide, zInstance ("first", "appeal", "retrial") for judgment,
 * offenceOn for a 附条件不起诉 (the suspect must be under 18 on that day, CPL 282). Same contract as
 * case_check_event(). */
typedef struct PersonEventInput {
  const char *zDecision, *zNpType, *zInstance;
  JwDate offenceOn;
  int probationMonths;
} PersonEventInput;
const char *case_check_person_event(const CaseFacts *f, const CasePersonFacts *p, CaseEventKind k, JwDate on,
                                    const PersonEventInput *in, const char **pField);

/* The events the UI offers on a case (every kind but those about one person only), each enabled or with the reason
 * it is refused on day `today`. Returns the count written to out (EVENT_KIND_COUNT at most). */
typedef struct CaseAction {
  CaseEventKind kind;
  int enabled;
  const char *zWhy; /* NULL when enabled */
} CaseAction;
int case_actions(const CaseFacts *f, JwDate today, CaseAction *out);

/* 速裁 follows eligibility (Rules 273): when a pending person no longer pleads guilty (认罪认罚) or may be sentenced to
 * more than three years, 速裁 ends and the ordinary period applies from receipt. The reason, or NULL while eligible
 * (or not 速裁). */
const char *case_summary_ineligible(const CaseFacts *f);

/* CPL 178: a 不起诉 decision releases a suspect in custody that day. 1 when the decision does. */
int case_decision_releases(const char *zDecision);

/* What the law asks the prosecutor to do now (Rules 347, CPL 175(4), Rules 328, CPL 284): static Chinese messages,
 * at most CASE_MAX_PROMPTS. supplementaryDue is the due day of the outstanding return's police month (0 none). */
#define CASE_MAX_PROMPTS 6
int case_prompts(const CaseFacts *f, JwDate today, JwDate supplementaryDue, const char **out);

/* ---- deadlines -------------------------------------------------------------------------------------------- */

/* The deadline kinds of a case, in the order of deadline_kinds[] (core/deadline.c). */
typedef enum {
  DEADLINE_REVIEW,            /* 审查期限, per person and round */
  DEADLINE_SUPPLEMENTARY,     /* 退回补充侦查期限 (the police's month) */
  DEADLINE_ARCHIVING,         /* 归档期限 (卷宗一月一归档) */
  DEADLINE_PROBATION,         /* 附条件不起诉考验期, per person */
  DEADLINE_COMPLAINT_VICTIM,  /* 被害人申诉期, per person not prosecuted */
  DEADLINE_COMPLAINT_SUSPECT, /* 被不起诉人申诉期 (酌定不诉), per person */
  DEADLINE_JURISDICTION,      /* 移送管辖期限 (Rules 328) */
  DEADLINE_BAIL,        /* 取保候审期限: 12 months from the measure's start (CPL 79), per person and measure */
  DEADLINE_RESIDENTIAL, /* 监视居住期限: 6 months (CPL 79), per person and measure */
  DEADLINE_KIND_COUNT
} DeadlineKind;

const char *deadline_kind_code(DeadlineKind k);

typedef struct CaseDeadline {
  DeadlineKind kind;
  long long personId; /* the person the period binds, 0 for a case period */
  int sequence;       /* which review / return period this is (1-based): a new one after each return */
  JwDate startOn;     /* the trigger day (not counted) */
  JwLength length;
  int extraDays;    /* days added by an extension (CPL 172: 1 month + 15 days) */
  int stopDays;     /* days added by closed clock stops */
  int custodyBound; /* judged on the nominal last day */
  JwDate dueOn;     /* 0 while suspended */
  int suspended;    /* the clock stands */
  int daysLeft;     /* while suspended: days left when it stopped */
  int provisional;  /* a year without an official calendar was consulted */
  int open;         /* 1: running (or suspended); 0: closed (met) by the facts */
  JwDate closedOn;  /* when closed */
  int warnDays;
  int lapses;           /* a party's period: lapses at its end */
  const char *zWarnKey; /* the office setting that sets its warning days: the case type for review periods */
  const char *zRule;
} CaseDeadline;

#define CASE_MAX_DEADLINES (CASE_MAX_PERSONS * (CASE_MAX_RETURNS + 4 + CASE_MAX_CUSTODY) + CASE_MAX_RETURNS + 2)

/* The dated history of a case's review rounds: round 0 starts at receipt; each return ends a round and each
 * resubmission starts the next one (the clock restarts from zero, CPL 175(3), Rules 346(3)). */
typedef struct CaseHistory {
  int nReturns;                        /* returns recorded at this office (prior returns elsewhere not included) */
  JwDate aReturn[CASE_MAX_RETURNS];    /* day of each return */
  JwDate aResubmit[CASE_MAX_RETURNS];  /* day of each resubmission; 0 while that return is outstanding */
  int aExtended[CASE_MAX_RETURNS + 1]; /* days granted by the extension of review round i (1..3 for 审查决定逮捕
                                          in custody, Rules 297), 0 none; any other type takes its spec */
  int aExtendedSet[CASE_MAX_RETURNS + 1]; /* whether review round i was extended */
  JwDate transferredOn;                   /* 改变管辖 out of this office, or 0 */
} CaseHistory;

/* Computes every deadline the facts and history imply, open and closed, in a stable order: for each review round
 * and each person, the person's review period (its length fixed by the custody on receipt for 审查逮捕, Rules 282
 * and 297; custody-bound when the person is in custody on its nominal last day; closed by the person's decision, a
 * return, the conclusion, a withdrawal or a transfer; stopped by the person's 中止审查 and 精神病鉴定 spans); each
 * return's supplementary period; the archiving period after conclusion; the probation of a 附条件不起诉; the
 * parties' complaint periods after a 不起诉; the Rules 328 transfer period; the CPL 79 terms of each 取保候审 and
 * 监视居住 in the persons' custody histories. Returns the number written to out (at
 * most CASE_MAX_DEADLINES), or -1 when a date falls outside the calendar's range. */
int case_deadlines(const JwCalendar *cal, const CaseFacts *f, const CaseHistory *h, CaseDeadline *out);

/* Sets f->reviewDue and each person's reviewDue (aPerson is f->aPerson, writable) from computed deadlines: the
 * due days of the current round's running review periods, f->reviewDue the earliest. */
void case_facts_set_review_due(CaseFacts *f, CasePersonFacts *aPerson, const CaseHistory *h, const CaseDeadline *a,
                               int n);

/* The level of a deadline on day `today` (deadline_state_level()). *pDaysLeft = due - today. */
const char *deadline_level(const CaseDeadline *d, JwDate today, int *pDaysLeft);

#endif
