/* period.h: counting a legal period (期间) to its due day; the one function of DOMAIN.md 0.1, used everywhere.
 *
 * A period has a trigger day `from` (the day of the event: receipt, decision, service) and a length of N days,
 * N months or N working days. The rules, and where they come from:
 *   - The trigger day is not counted (CPL Art.105(2)): N days end on from + N.
 *   - Months end on the same day N months later; a month-end start ends on the target month's last day; a missing
 *     day is clamped to the target month's last day (SPC Interp. Art.202(1), applied literally: date_add_months).
 *     Half a month is 15 days: write it as "15d".
 *   - If the last day is a rest day (节假日, which includes Saturdays and Sundays that are not 调休上班 days), the
 *     period ends on the first working day after it (CPL Art.105(4); DOMAIN.md P4, P9, P10). A custody-bound
 *     period (期限 of a person in custody, 在押) is never moved (CPL Art.105(4) proviso).
 *   - N working days: only working days after `from` are counted; the Nth is the due day (DOMAIN.md 0.1 rule 4;
 *     used for the 行刑反向衔接 periods). It is a working day already, so custody makes no difference.
 * Rest days come from a JwCalendar. When a day the answer depends on lies in a year the calendar does not cover,
 * the answer is provisional: it may change once that year's notice is loaded.
 *
 * Length text form (stored in the database and the API): "<N>d", "<N>m" or "<N>wd", N written in decimal without
 * sign, spaces or leading zeros; N is 1..3650 for days, 1..120 for months, 1..1000 for working days.
 * Pure functions: no I/O, no allocation. */
#ifndef JW_PERIOD_H
#define JW_PERIOD_H

#include "core/calendar.h"
#include "core/date.h"

typedef enum {
  JW_UNIT_DAYS,     /* calendar days (日) */
  JW_UNIT_MONTHS,   /* months (月), SPC Interp. Art.202(1) */
  JW_UNIT_WORKDAYS, /* working days (工作日) */
} JwUnit;

typedef struct JwLength {
  int n;
  JwUnit unit;
} JwLength;

#define JW_PERIOD_DAYS_MAX     3650
#define JW_PERIOD_MONTHS_MAX   120
#define JW_PERIOD_WORKDAYS_MAX 1000

/* Return 1 if len has a known unit and 1 <= len.n <= the maximum for that unit, else 0. */
int period_length_is_valid(JwLength len);

/* Parse the NUL-terminated text z as a length ("7d", "1m", "10wd"; header comment). On success store it in *out and
 * return 0; otherwise return -1 and leave *out unchanged. */
int period_parse_length(const char *z, JwLength *out);

/* Write len in its text form plus a NUL into out (at most "1000wd", 7 bytes). Return 0, or -1 (writing "") if len
 * is not valid. */
int period_format_length(JwLength len, char out[8]);

/* Store in *out the first working day on or after d, by the calendar p (NULL = no data). If pProvisional is not
 * NULL, set it to 1 when any day examined lies in a year p does not cover, else 0. Return 0, or -1 if no working
 * day was found within JW_PERIOD_DAYS_MAX days (only possible with absurd calendar data). */
int period_roll_forward(const JwCalendar *p, JwDate d, JwDate *out, int *pProvisional);

/* Compute the due day (last day) of a period of length len triggered on day `from` (not counted), by the rules of
 * the header comment: days: from + n; months: date_add_months(from, n); if not custody_bound, a resulting rest day
 * rolls forward to the first working day; working days: the n-th working day after from. Store it in *pDue. If
 * pProvisional is not NULL, set it to 1 when any day consulted lies in a year the calendar does not cover (a
 * custody-bound day or month period consults no day), else 0. `from` must lie in years
 * JW_DATE_YEAR_MIN..JW_DATE_YEAR_MAX and len must be valid (period_length_is_valid). Return 0, or -1 on a bad
 * argument (then *pDue is unchanged). */
int period_due(const JwCalendar *p, JwDate from, JwLength len, int custody_bound, JwDate *pDue, int *pProvisional);

#endif /* JW_PERIOD_H */
