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

typedef struct Charge {
  const char *zCode;    /* "dangerous_driving" */
  const char *zName;    /* 危险驾驶罪 */
  const char *zArticle; /* 刑法第一百三十三条之一 */
} Charge;

extern const Charge charges[];
extern const size_t charges_count;
const Charge *charge_by_code(const char *zCode);

/* ---- enumerations ----------------------------------------------------------------------------------------- */

/* 1 when zCode is one of the codes of that enumeration. */
int custody_is_valid(const char *zCode);              /* detained arrested bail residential released none */
int custody_is_in_custody(const char *zCode);         /* detained, arrested: 在押 */
int sentence_band_is_valid(const char *zCode);        /* fine_only under_1y 1_3y 3_10y over_10y */
int sentence_band_rank(const char *zCode);            /* 0..4 in that order, -1 unknown */
int non_prosecution_type_is_valid(const char *zCode); /* statutory discretionary evidentiary conditional special */
int case_decision_allowed(const CaseTypeRule *t, const char *zDecision);

/* ---- states and events ------------------------------------------------------------------------------------ */

typedef enum {
  CASE_UNDER_REVIEW, /* 审查中 */
  CASE_RETURNED,     /* 退回补充侦查: the review clock is stopped */
  CASE_CONCLUDED,    /* 已审结: every person decided */
  CASE_ARCHIVED,     /* 已归档 */
  CASE_TRANSFERRED,  /* 改变管辖, moved out of this office */
} CaseStatus;

const char *case_status_code(CaseStatus s);
int case_status_parse(const char *zCode, CaseStatus *out); /* 0 ok, -1 unknown */

#define CASE_MAX_RETURNS 2 /* CPL 175(3): 退回补充侦查以二次为限 */

/* What the rules need to know about a case. Dates are 0 when not applicable. */
typedef struct CaseFacts {
  const CaseTypeRule *type;
  CaseStatus status;
  JwDate receivedOn;  /* receipt at this office (案管受理) */
  JwDate clockStart;  /* start of the current review period: receipt, or the last resubmission */
  JwDate returnedOn;  /* the current return, when status is CASE_RETURNED */
  JwDate concludedOn; /* when status is concluded or archived */
  JwDate archivedOn;
  int inCustody;           /* some suspect is in custody (拘留/逮捕) now */
  int majorComplex;        /* 重大、复杂 */
  int extended;            /* the extension of the current review period is used */
  int returns;             /* returns so far, including those before a change of jurisdiction */
  int summaryProcedure;    /* 速裁 (prosecution review only) */
  int sentenceOverOneYear; /* a likely sentence exceeds one year (速裁: 15 days in total) */
  int undecidedPersons;    /* persons without a decision */
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
  EVENT_KIND_COUNT
} CaseEventKind;

const char *case_event_code(CaseEventKind k);
int case_event_parse(const char *zCode, CaseEventKind *out); /* 0 ok, -1 unknown */

/* Whether an event is legal on a case with these facts, on the date `on`. Returns 0 when it is; otherwise a static
 * Chinese message saying why (with the article), and *pField the input field at fault ("on", "kind" or NULL). The
 * person-level checks (person decided, decision allowed) are the caller's, with case_decision_allowed(). */
const char *case_check_event(const CaseFacts *f, CaseEventKind k, JwDate on, const char **pField);

/* ---- deadlines -------------------------------------------------------------------------------------------- */

typedef enum {
  DEADLINE_REVIEW,        /* 审查期限 */
  DEADLINE_SUPPLEMENTARY, /* 退回补充侦查期限 (the police's month) */
  DEADLINE_ARCHIVING,     /* 归档期限 (卷宗一月一归档) */
  DEADLINE_KIND_COUNT
} DeadlineKind;

const char *deadline_kind_code(DeadlineKind k);

typedef struct CaseDeadline {
  DeadlineKind kind;
  int sequence;   /* which review / return period this is (1-based): a new one after each return */
  JwDate startOn; /* the trigger day (not counted) */
  JwLength length;
  int extraDays; /* days added by an extension (CPL 172: 1 month + 15 days) */
  int custodyBound;
  JwDate dueOn;
  int provisional; /* a year without an official calendar was consulted */
  int open;        /* 1: running; 0: closed (met) by the facts */
  JwDate closedOn; /* when closed */
  int warnDays;
  const char *zRule;
} CaseDeadline;

#define CASE_MAX_DEADLINES 8

/* The dated history of a case's review rounds: round 0 starts at receipt; each return ends a round and each
 * resubmission starts the next one (the clock restarts from zero, CPL 175(3), Rules 346(3)). */
typedef struct CaseHistory {
  int nReturns;                        /* returns recorded at this office (prior returns elsewhere not included) */
  JwDate aReturn[CASE_MAX_RETURNS];    /* day of each return */
  JwDate aResubmit[CASE_MAX_RETURNS];  /* day of each resubmission; 0 while that return is outstanding */
  int aExtended[CASE_MAX_RETURNS + 1]; /* whether review round i was extended */
  JwDate transferredOn;                /* 改变管辖 out of this office, or 0 */
} CaseHistory;

/* Computes every deadline the facts and history imply, open and closed, in a stable order (kind, then sequence):
 * the review period of each round (closed by a return, by conclusion or by transfer), each return's supplementary
 * period (closed by the resubmission), and the archiving period after conclusion (closed by archiving). Custody is
 * taken as it is now (f->inCustody) for every round: the store keeps a closed deadline as it was when it closed
 * (case_store_deadlines_sync), so only open periods follow the present custody. Returns the number written to out (at
 * most CASE_MAX_DEADLINES), or -1 when a date falls outside the calendar's range. */
int case_deadlines(const JwCalendar *cal, const CaseFacts *f, const CaseHistory *h, CaseDeadline *out);

/* The level of a deadline on day `today`: "overdue", "due", "warning", "normal" for open ones; "met" or "late" for
 * closed ones. *pDaysLeft = due - today. */
const char *deadline_level(const CaseDeadline *d, JwDate today, int *pDaysLeft);

#endif
