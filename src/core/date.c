/* date.c: civil dates as day numbers since 1970-01-01 (see date.h).
 *
 * The conversions between (year, month, day) and day numbers use the era-based algorithm published by Howard
 * Hinnant ("chrono-compatible low-level date algorithms"): years are shifted to start on 1 March so that the leap
 * day is the last day of the shifted year, and 400-year eras of 146097 days make the arithmetic exact for every
 * year. Intermediate values are 64-bit so that no input can overflow.
 */
#include "core/date.h"

#include <string.h>

/* Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
#define DATE_EPOCH_SHIFT 719468

/* Floor division of a by b (b > 0). */
static int64_t date_floordiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b) != 0 && a < 0) q--;
  return q;
}

int date_is_leap_year(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m) {
  static const unsigned char aDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && date_is_leap_year(y)) return 29;
  return aDays[m - 1];
}

int date_is_valid_ymd(int y, int m, int d) {
  if (y < 0 || y > 9999) return 0;
  if (m < 1 || m > 12) return 0;
  return d >= 1 && d <= date_days_in_month(y, m);
}

JwDate date_from_ymd(int y, int m, int d) {
  int64_t yy = (int64_t)y - (m <= 2); /* the year that starts on 1 March */
  int64_t era = date_floordiv(yy, 400);
  int64_t yoe = yy - era * 400;                                           /* year of the era, 0..399 */
  int64_t doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* day of that year, 0..365 */
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                    /* day of the era, 0..146096 */
  return (JwDate)(era * 146097 + doe - DATE_EPOCH_SHIFT);
}

void date_to_ymd(JwDate d, int *py, int *pm, int *pd) {
  int64_t z = (int64_t)d + DATE_EPOCH_SHIFT;
  int64_t era = date_floordiv(z, 146097);
  int64_t doe = z - era * 146097;                                      /* day of the era, 0..146096 */
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* year of the era, 0..399 */
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* day of the March year, 0..365 */
  int64_t mp = (5 * doy + 2) / 153;                                    /* 0 = March .. 11 = February */
  int day = (int)(doy - (153 * mp + 2) / 5 + 1);
  int month = (int)(mp < 10 ? mp + 3 : mp - 9);
  int year = (int)(yoe + era * 400 + (month <= 2));
  if (py) *py = year;
  if (pm) *pm = month;
  if (pd) *pd = day;
}

int date_weekday(JwDate d) {
  int64_t r = ((int64_t)d + 3) % 7; /* day 0 (1970-01-01) is a Thursday */
  if (r < 0) r += 7;
  return (int)r + 1;
}

/* Parse n ASCII digits at z into *pv; return 0, or -1 if any byte is not a digit. */
static int date_digits(const char *z, int n, int *pv) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return -1;
    v = v * 10 + (z[i] - '0');
  }
  *pv = v;
  return 0;
}

int date_parse(const char *z, size_t n, JwDate *out) {
  int y, m, d;
  if (z == NULL || out == NULL || n != 10) return -1;
  if (z[4] != '-' || z[7] != '-') return -1;
  if (date_digits(z, 4, &y) || date_digits(z + 5, 2, &m) || date_digits(z + 8, 2, &d)) return -1;
  if (y < JW_DATE_YEAR_MIN || y > JW_DATE_YEAR_MAX) return -1;
  if (!date_is_valid_ymd(y, m, d)) return -1;
  *out = date_from_ymd(y, m, d);
  return 0;
}

/* Write the n lowest decimal digits of v (v >= 0) at z, most significant first. */
static void date_put_digits(char *z, int n, int v) {
  for (int i = n - 1; i >= 0; i--) {
    z[i] = (char)('0' + v % 10);
    v /= 10;
  }
}

void date_format(JwDate d, char out[11]) {
  int y, m, dd;
  date_to_ymd(d, &y, &m, &dd);
  if (y < 0 || y > 9999) {
    memcpy(out, "0000-00-00", 11); /* not a real date: date_parse() rejects it */
    return;
  }
  date_put_digits(out, 4, y);
  out[4] = '-';
  date_put_digits(out + 5, 2, m);
  out[7] = '-';
  date_put_digits(out + 8, 2, dd);
  out[10] = '\0';
}

JwDate date_add_months(JwDate from, int n) {
  int y, m, d;
  date_to_ymd(from, &y, &m, &d);
  int64_t total = (int64_t)y * 12 + (m - 1) + n; /* months since year 0, January */
  int ty = (int)date_floordiv(total, 12);
  int tm = (int)(total - (int64_t)ty * 12) + 1;
  int last = date_days_in_month(ty, tm);
  if (d == date_days_in_month(y, m) || d > last) d = last; /* month-end -> month-end; clamp a missing day */
  return date_from_ymd(ty, tm, d);
}
