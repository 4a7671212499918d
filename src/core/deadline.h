/* deadline.h: the one deadline capability's pure rules (DOMAIN.md 0.1, 1.2, 1.3): a period's due day with its clock
 * stopped or spans excluded, custody judged on the day that matters, the level (red / amber / green) of a deadline,
 * and the registry of deadline kinds every capability adds its periods to.
 *
 * A period runs from a trigger day (not counted) for a length (days, months or working days), plus extra days granted
 * by an extension. Its clock can stop:
 *   - suspended and resumed (中止审查 of a case or of a 行刑衔接 item): the days left at the suspension carry over,
 *     so the due day moves by the days the clock stood still; while suspended there is no due day, only days left;
 *   - a span excluded (精神病鉴定, CPL 149; Rules 142-143): the days of the span do not count.
 * Both are a stop [from, to): the days from `from` up to the day before `to` do not count, and the due day moves by
 * (to - from) days (DOMAIN 1.2: "shifted day-for-day"). An excluded span of the days a..b is the stop [a, b + 1).
 *
 * Custody-bound (CPL 105(4)): a period of a person in custody ends on its nominal last day, never moved past rest
 * days. Custody is judged on the nominal last day itself (DOMAIN 1.2: "at the deadline, not at receipt"): in
 * custody at any moment of that day (before a release recorded that day, or after a detention recorded that day).
 * So a release before that day lets the period roll over; a release recorded after the period ran out changes
 * nothing.
 *
 * Pure functions: no I/O, no allocation. */
#ifndef JW_DEADLINE_H
#define JW_DEADLINE_H

#include "core/calendar.h"
#include "core/date.h"
#include "core/period.h"

/* ---- kinds ------------------------------------------------------------------------------------------------ */

/* A kind of deadline, one row per kind: adding a period to a capability starts here. */
typedef struct DeadlineKindRule {
  const char *zCode; /* "review": stored in deadline.kind and shown by the UI's catalogue */
  const char *zName; /* 审查期限 */
  int warnDays;      /* default warning lead time (DOMAIN 0.2); the office may set its own */
  int lapses;        /* 1: a period of a party or another body (申诉期): it lapses at its end, never "overdue" */
  const char *zRule; /* the article the period comes from */
} DeadlineKindRule;

extern const DeadlineKindRule deadline_kinds[];
extern const int deadline_kinds_count;

/* The rule for a kind code, or NULL. */
const DeadlineKindRule *deadline_kind_by_code(const char *zCode);

/* ---- due day ---------------------------------------------------------------------------------------------- */

/* One stop of a period's clock: [from, to); to == 0 while the clock still stands (suspended). */
typedef struct ClockStop {
  JwDate from, to;
} ClockStop;

/* The non-custodial coercive measures with a maximum term (CPL 79): 取保候审 12 months, 监视居住 6 months. */
typedef enum { MEASURE_OTHER = 0, MEASURE_BAIL, MEASURE_RESIDENTIAL } CustodyMeasure;

/* One change of a person's custody: from this day on, in custody (拘留/逮捕) or not, and under which measure when it
 * is one with a maximum term (MEASURE_OTHER for the rest). In date order. */
typedef struct CustodyChange {
  JwDate on;
  int inCustody;
  CustodyMeasure measure;
} CustodyChange;

/* How a period's custody-bound flag is judged. */
typedef enum {
  CUSTODY_NEVER,   /* the period rolls over rest days (periods for exercising a right, police periods) */
  CUSTODY_ALWAYS,  /* custody-bound whatever the custody (a caller that judged it already) */
  CUSTODY_HISTORY, /* custody-bound when the person is in custody on the nominal last day (aCustody) */
} CustodyMode;

typedef struct PeriodClock {
  JwDate start;    /* trigger day, not counted */
  JwLength length; /* base length */
  int extraDays;   /* days added after the base by an extension (CPL 172: 1 month + 15 days) */
  const ClockStop *aStop;
  int nStop; /* stops in date order; only those that begin on or before the running due day count */
  CustodyMode custody;
  const CustodyChange *aCustody;
  int nCustody;
  JwDate closedOn; /* the day the period closed, 0 while running: when it closed on or before the nominal last day,
                      custody is judged by the custody in force at the start of that day (what came with the
                      closing decision does not count) */
} PeriodClock;

typedef struct PeriodDue {
  JwDate nominal;   /* last day before the rest-day rule: start + length + extra + stopped days */
  JwDate due;       /* the due day (0 while suspended) */
  int stopDays;     /* days the closed stops added */
  int custodyBound; /* judged on the nominal last day */
  int suspended;    /* the clock stands now (an open stop) */
  int daysLeft;     /* while suspended: the days left when the clock stopped */
  int provisional;  /* a year without an official calendar was consulted */
} PeriodDue;

/* 1 when the custody history puts the person in custody at the start of day d (changes dated d not yet made). */
int custody_before_day(const CustodyChange *a, int n, JwDate d);
/* 1 when the custody history puts the person in custody at any moment of day d. */
int custody_on_day(const CustodyChange *a, int n, JwDate d);

/* Computes the due day of a period (header comment). Returns 0, or -1 when a date falls outside the range the
 * calendar functions take (then *out is zeroed). */
int period_clock_due(const JwCalendar *cal, const PeriodClock *p, PeriodDue *out);

/* The same due day from what a stored deadline row keeps: start, length, extra days, the days its closed stops added
 * and the custody-bound flag judged when it was computed (used to recompute open rows after a calendar change
 * without knowing the capability). */
int period_stored_due(const JwCalendar *cal, JwDate start, JwLength length, int extraDays, int stopDays,
                      int custodyBound, JwDate *pDue, int *pProvisional);

/* ---- level ------------------------------------------------------------------------------------------------ */

/* A lapsing period (a party's 申诉期) whose due day is before today has ended by itself: it is written closed on its
 * due day, so the office's lists and indexes never carry it as running. 1 when it has. */
int deadline_lapsed(int lapses, int open, JwDate due, JwDate today);

/* The level of a deadline on day `today`:
 *   open:       "overdue" (past due), "due" (today), "warning" (within warnDays), "normal";
 *               a lapsing period past its due day: "lapsed";
 *   suspended:  "suspended";
 *   closed:     "met" (closed on or before the due day) or "late"; a lapsing period closed: "lapsed".
 * *pDaysLeft = due - today (or the days left of a suspended period). */
typedef struct DeadlineState {
  int open, suspended, lapses;
  JwDate due, closedOn;
  int warnDays, daysLeft;
} DeadlineState;
const char *deadline_state_level(const DeadlineState *d, JwDate today, int *pDaysLeft);

#endif
