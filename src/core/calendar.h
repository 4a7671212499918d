/* calendar.h: the official rest-day calendar (放假调休), the data behind every deadline (DOMAIN.md 0.1, section 3).
 *
 * A JwCalendar holds, for each year it covers, the official holiday days (放假) and the 调休上班 working days
 * (weekend days the 国务院办公厅 notice makes working days). A day is a rest day (CPL Art.105(4) "节假日", read
 * with DOMAIN.md P9/P10) when it is
 *   - a holiday day of a covered year, or
 *   - a Saturday or Sunday that is not a declared working day.
 * For a year the calendar does not cover, the fallback is weekends plus the fixed-date statutory holidays of
 * 《全国年节及纪念日放假办法》 (元旦 01-01, 劳动节 05-01..05-02, 国庆 10-01..10-03), and the answer is reported
 * provisional: the real notice, with its 调休 days and lunar holidays, is not loaded yet.
 *
 * Plain import format (UTF-8 text, also in docs/calendar-format.md), one entry per line:
 *   year 2025                                   declares that the file covers 2025
 *   2025-01-01 holiday 元旦                      one rest day
 *   2025-01-28..2025-02-04 holiday 春节          an inclusive range of rest days (at most 31 days)
 *   2025-01-26 workday 春节调休                   a 调休上班 day (must be a Saturday or Sunday)
 * Fields are separated by spaces or tabs. '#' starts a comment that runs to the end of the line; blank lines are
 * ignored; a UTF-8 BOM and CR before LF are accepted. The name is the rest of the line (optional, at most 32
 * characters, no control characters, no '#'). A `year` line must come before the entries of that year, and every
 * date must fall in a year declared in the same text. The same date may be listed twice with the same kind (the
 * first name is kept); listing it as both holiday and workday is an error.
 *
 * Lookups are O(1): the calendar keeps one flag byte per day over the span of its covered years. Names and kinds
 * are kept in a sorted array for listing. A calendar is not thread-safe while it is modified; concurrent lookups
 * on an unchanging calendar are safe. No I/O; memory comes from malloc and is released by calendar_free(). */
#ifndef JW_CALENDAR_H
#define JW_CALENDAR_H

#include <stddef.h>

#include "core/date.h"

typedef enum {
  JW_DAY_HOLIDAY = 1, /* an official rest day (放假) */
  JW_DAY_WORKDAY = 2, /* a 调休上班 Saturday or Sunday */
} JwDayKind;

/* Return codes (0 = OK). */
#define JW_CAL_OK        0
#define JW_CAL_EINVAL    (-1) /* bad argument, or a line that does not follow the format */
#define JW_CAL_ENOMEM    (-2) /* out of memory; the calendar is unchanged */
#define JW_CAL_EYEAR     (-3) /* year outside JW_DATE_YEAR_MIN..MAX, or a date in a year not declared */
#define JW_CAL_ECONFLICT (-4) /* the same date as both holiday and workday */
#define JW_CAL_ENAME     (-5) /* name too long, not UTF-8, or with control characters */
#define JW_CAL_EWEEKDAY  (-6) /* a workday that is not a Saturday or Sunday */

#define JW_CAL_NAME_MAX  32 /* characters (Unicode code points) in a name */
#define JW_CAL_RANGE_MAX 31 /* days in one holiday range of the import format */

typedef struct JwCalendar JwCalendar;

/* Where calendar_parse() failed: the 1-based line (0 when the failure is not tied to a line, e.g. out of memory),
 * the JW_CAL_E* code, and a static message in Chinese followed by English in parentheses. */
typedef struct JwCalendarError {
  int line;
  int code;
  const char *zMsg;
} JwCalendarError;

/* Allocate an empty calendar (no year covered). Return NULL if out of memory. Free it with calendar_free(). */
JwCalendar *calendar_new(void);

/* Free the calendar p and everything it owns. NULL is allowed. */
void calendar_free(JwCalendar *p);

/* Declare that the calendar covers year y (JW_DATE_YEAR_MIN..MAX): its weekends become rest days, and lookups
 * in it are no longer provisional. Declaring a covered year again does nothing. Return 0, JW_CAL_EYEAR or
 * JW_CAL_ENOMEM (then nothing changed). */
int calendar_add_year(JwCalendar *p, int y);

/* Remove year y from the calendar: forget its entries, and treat it as uncovered again. Return 0 (also when y was
 * not covered) or JW_CAL_EYEAR when y is out of range. */
int calendar_remove_year(JwCalendar *p, int y);

/* Return 1 if the calendar covers year y, else 0. A NULL calendar covers nothing. */
int calendar_has_year(const JwCalendar *p, int y);

/* Store up to nMax covered years, in increasing order, in aYear and return how many years are covered (which may be
 * more than nMax). aYear may be NULL when nMax is 0. */
size_t calendar_years(const JwCalendar *p, int *aYear, size_t nMax);

/* Add day d of kind JW_DAY_HOLIDAY or JW_DAY_WORKDAY with name zName (NULL or "" for none; copied) to the
 * calendar. The year of d must be covered (calendar_add_year). A workday must fall on a Saturday or Sunday. If d
 * is already listed with the same kind this does nothing (the first name is kept). Return 0, JW_CAL_EINVAL (bad
 * kind), JW_CAL_EYEAR, JW_CAL_ECONFLICT, JW_CAL_EWEEKDAY, JW_CAL_ENAME or JW_CAL_ENOMEM; on error nothing
 * changed. */
int calendar_add_day(JwCalendar *p, JwDate d, JwDayKind kind, const char *zName);

/* Return 1 if d is a rest day, 0 if it is a working day (rules in the header comment). If pProvisional is not
 * NULL, set *pProvisional to 1 when the year of d is not covered (the fallback rule was used), else to 0. A NULL
 * calendar covers no year. */
int calendar_is_rest_day(const JwCalendar *p, JwDate d, int *pProvisional);

/* Return the number of listed days (holiday and workday entries, one per date). */
size_t calendar_count(const JwCalendar *p);

/* Store the i-th listed day (in date order, 0-based) in *pDate, *pKind and *pzName (the name, "" when none; valid
 * until the calendar is next changed). Any output pointer may be NULL. Return 0, or -1 if i >= calendar_count(). */
int calendar_get(const JwCalendar *p, size_t i, JwDate *pDate, JwDayKind *pKind, const char **pzName);

/* Parse n bytes of text at z in the plain import format (header comment) and merge it into p: each year the text
 * declares replaces that year's data in p (so importing a corrected file for a year is safe to repeat); other years
 * of p are kept. All or nothing: if any line is bad, or memory runs out, p is unchanged, *pErr (when not NULL)
 * tells the line and reason, and the JW_CAL_E* code is returned. Return 0 on success (pErr->line = 0). */
int calendar_parse(JwCalendar *p, const char *z, size_t n, JwCalendarError *pErr);

/* The calendar data that ships with the program (2024, 2025, 2026; DOMAIN.md section 3), in the import format.
 * Store its length in *pn when pn is not NULL. Defined in calendar_builtin.c. */
const char *calendar_builtin_text(size_t *pn);

/* The checks an administrator's import must pass besides the format (calendar_parse): every `year` line is marked
 * `complete` (the text lists the whole year's notice), and in every year of the parsed calendar the days the law
 * fixes (01-01 元旦, 05-01 劳动节, 10-01..10-03 国庆) are rest days. A partial year would turn the holidays it leaves
 * out into working days. Return 0, or JW_CAL_EINVAL with *pErr (line 0 when not tied to a line). The message of a
 * year check lives in a thread-local buffer, valid until the same thread calls again. */
int calendar_import_check(const char *z, size_t n, const JwCalendar *parsed, JwCalendarError *pErr);

/* Merge the shipped years into p, as calendar_parse(p, calendar_builtin_text()). Return 0 or a JW_CAL_E* code.
 * Defined in calendar_builtin.c. */
int calendar_load_builtin(JwCalendar *p);

#endif /* JW_CALENDAR_H */
