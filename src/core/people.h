/* people.h: the pure rules of the people capability (issue 14; DOMAIN.md 0.5): the 小轮岗 schedule on the legal
 * calendar, overlapping stints, the 大轮岗 cycle flag, the 导师制 rules (a talk every month, a 示范案件 or 示范干警 per
 * mentor per year, warned from the fourth quarter) and the bounds of the entered values. No I/O, no allocation.
 *
 * The schedule: stint i starts on start_i (stint 0 on the plan's start day); it lasts `len` (4 months by default)
 * counted as a period (core/period.h) whose trigger day is the day before start_i, so its last day is start_i - 1 +
 * len, moved forward to the first working day when it is a rest day (never custody-bound). That last day is the day
 * the department head's evaluation falls due. Stint i+1 starts on the first working day after stint i's last day. */
#ifndef JW_PEOPLE_H
#define JW_PEOPLE_H
#include "core/calendar.h"
#include "core/date.h"
#include "core/period.h"

#define PEOPLE_STINTS_MAX       12 /* departments in one 小轮岗 schedule */
#define PEOPLE_STINT_MONTHS_DEF 4  /* DOMAIN.md 0.5 */
#define PEOPLE_STINT_MONTHS_MIN 1
#define PEOPLE_STINT_MONTHS_MAX 12
#define PEOPLE_CYCLE_MONTHS_MIN 24 /* 大轮岗: 2 to 3 years */
#define PEOPLE_CYCLE_MONTHS_MAX 36
#define PEOPLE_CYCLE_MONTHS_DEF 36
#define PEOPLE_HOURS_MAX        200 /* 学时 of one course */
#define PEOPLE_RATING_MIN       1   /* ratings (evaluations, course ratings): 1..5 */
#define PEOPLE_RATING_MAX       5
#define PEOPLE_DEMO_WARN_MONTH  10 /* the fourth quarter starts in October */

typedef struct PeopleStint {
  JwDate start;
  JwDate end;      /* last day in the department: the evaluation's due day */
  int provisional; /* a day consulted lies in a year the calendar does not cover */
} PeopleStint;

/* Fills aOut[0..n) with the schedule of n stints (1..PEOPLE_STINTS_MAX) of len (1..12 months) from `start` (header
 * comment). Return 0, or -1 on a bad argument. */
int people_schedule(const JwCalendar *cal, JwDate start, int n, JwLength len, PeopleStint *aOut);

/* 1 when the inclusive ranges [aStart, aEnd] and [bStart, bEnd] share a day, else 0. An open end is 0 (no end). */
int people_ranges_overlap(JwDate aStart, JwDate aEnd, JwDate bStart, JwDate bEnd);

/* 大轮岗: 1 when a post held since `since` has reached the cycle of cycleMonths (since + cycleMonths <= today). */
int people_cycle_due(JwDate since, int cycleMonths, JwDate today);
/* The day the cycle of a post held since `since` is reached. */
JwDate people_cycle_on(JwDate since, int cycleMonths);

/* 导师制: the day by which the next talk is due, one month after the last talk (or after the pairing's start when no
 * talk is recorded yet). */
JwDate people_talk_due(JwDate lastTalkOrStart);
/* 1 when a month has passed without a talk: today is after people_talk_due(). */
int people_talk_missed(JwDate lastTalkOrStart, JwDate today);
/* 1 when a mentor with nDemo 示范 records in year `year` is warned on `today`: none yet, and today lies in the fourth
 * quarter of that year (or after it). */
int people_demo_warning(int year, int nDemo, JwDate today);

/* Validation of one talk: not in the future, not before the pairing's start. NULL when valid, else the message. */
const char *people_check_talk(JwDate talkedOn, JwDate pairStart, JwDate today);
/* 1 when zRating is a valid rating code: "excellent", "good", "pass", "fail" (优秀 称职 基本称职 不称职). */
int people_rating_is_valid(const char *zRating);
extern const char *const people_rating_codes[]; /* NULL-terminated */

#endif
