/* date.h: civil dates as day numbers (proleptic Gregorian calendar).
 *
 * A JwDate is the number of days since 1970-01-01 (day 0, a Thursday); negative values are earlier days. Adding or
 * subtracting days is plain integer arithmetic. The text form is always ISO "YYYY-MM-DD". Dates that come from
 * outside (import files, the API, the database) are parsed with date_parse(), which accepts only the years
 * JW_DATE_YEAR_MIN..JW_DATE_YEAR_MAX; the other functions work for any year 0..9999.
 *
 * Month arithmetic follows SPC Interp. Art.202(1) (DOMAIN.md rule P5), see date_add_months().
 * Pure functions: no I/O, no allocation, no global state.
 */
#ifndef JW_DATE_H
#define JW_DATE_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t JwDate;

#define JW_DATE_YEAR_MIN 1900
#define JW_DATE_YEAR_MAX 2199
#define JW_DATE_MIN      (-25567) /* 1900-01-01 */
#define JW_DATE_MAX      84005    /* 2199-12-31 */

/* Return 1 if year y is a Gregorian leap year (divisible by 4, and not by 100 unless by 400), else 0. */
int date_is_leap_year(int y);

/* Return the number of days (28..31) in month m (1..12) of year y, or 0 if m is out of range. */
int date_days_in_month(int y, int m);

/* Return 1 if (y, m, d) is a real date with y in 0..9999, m in 1..12 and d in 1..date_days_in_month(y, m); else 0. */
int date_is_valid_ymd(int y, int m, int d);

/* Return the day number of (y, m, d). The triple should be valid (date_is_valid_ymd); a day d outside the month is
 * not checked and simply counts from the first of the month (d = 0 is the last day of the previous month).
 * Month m must be 1..12.
 */
JwDate date_from_ymd(int y, int m, int d);

/* Store the year, month (1..12) and day (1..31) of date d in *py, *pm, *pd. Any pointer may be NULL. */
void date_to_ymd(JwDate d, int *py, int *pm, int *pd);

/* Return the ISO weekday of date d: 1 = Monday .. 6 = Saturday, 7 = Sunday. */
int date_weekday(JwDate d);

/* Parse exactly n bytes at z as "YYYY-MM-DD" (n must be 10, four-digit year, two-digit month and day, '-' separators,
 * no sign, no spaces) naming a real date in the years JW_DATE_YEAR_MIN..JW_DATE_YEAR_MAX. z need not be
 * NUL-terminated. On success store the date in *out and return 0; otherwise return -1 and leave *out unchanged.
 */
int date_parse(const char *z, size_t n, JwDate *out);

/* Write date d as "YYYY-MM-DD" plus a terminating NUL into out (11 bytes). A date whose year is outside 0..9999
 * is written as "0000-00-00" (month 00: never a real date).
 */
void date_format(JwDate d, char out[11]);

/* Return the date n months after `from` (n may be 0 or negative), by SPC Interp. Art.202(1) applied literally
 * (DOMAIN.md P5, P11, P12): the same day of the month n months later; if `from` is the last day of its month, the
 * last day of the target month; if the same day does not exist in the target month, the last day of the target
 * month. So 2025-01-31 + 1 = 2025-02-28, 2025-02-28 + 1 = 2025-03-31, 2024-01-31 + 1 = 2024-02-29,
 * 2025-03-31 - 1 = 2025-02-28. The caller keeps the result within years 0..9999.
 */
JwDate date_add_months(JwDate from, int n);

#endif /* JW_DATE_H */
