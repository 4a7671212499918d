/* period.c: due days of legal periods (see period.h for the rules and their articles). */
#include "core/period.h"

#include <string.h>

/* Most days period_due() scans for n working days before giving up (20 years; 1000 working days need about 1400). */
#define PERIOD_SCAN_MAX 7305

int period_length_is_valid(JwLength len) {
  switch (len.unit) {
    case JW_UNIT_DAYS:
      return len.n >= 1 && len.n <= JW_PERIOD_DAYS_MAX;
    case JW_UNIT_MONTHS:
      return len.n >= 1 && len.n <= JW_PERIOD_MONTHS_MAX;
    case JW_UNIT_WORKDAYS:
      return len.n >= 1 && len.n <= JW_PERIOD_WORKDAYS_MAX;
    default:
      return 0;
  }
}

int period_parse_length(const char *z, JwLength *out) {
  JwLength len = {0, JW_UNIT_DAYS};
  size_t i = 0;
  if (z == NULL || out == NULL || z[0] < '1' || z[0] > '9') return -1; /* no sign, space or leading zero */
  for (; z[i] >= '0' && z[i] <= '9'; i++) {
    if (i == 4) return -1; /* no valid length has more than 4 digits */
    len.n = len.n * 10 + (z[i] - '0');
  }
  if (strcmp(z + i, "d") == 0) len.unit = JW_UNIT_DAYS;
  else if (strcmp(z + i, "m") == 0) len.unit = JW_UNIT_MONTHS;
  else if (strcmp(z + i, "wd") == 0) len.unit = JW_UNIT_WORKDAYS;
  else return -1;
  if (!period_length_is_valid(len)) return -1;
  *out = len;
  return 0;
}

int period_format_length(JwLength len, char out[8]) {
  char aDigit[4];
  int nDigit = 0, v = len.n, k = 0;
  out[0] = '\0';
  if (!period_length_is_valid(len)) return -1;
  do {
    aDigit[nDigit++] = (char)('0' + v % 10);
    v /= 10;
  } while (v > 0);
  while (nDigit > 0) out[k++] = aDigit[--nDigit];
  if (len.unit == JW_UNIT_WORKDAYS) out[k++] = 'w';
  out[k++] = len.unit == JW_UNIT_MONTHS ? 'm' : 'd';
  out[k] = '\0';
  return 0;
}

int period_roll_forward(const JwCalendar *p, JwDate d, JwDate *out, int *pProvisional) {
  int prov = 0;
  for (int i = 0; i <= JW_PERIOD_DAYS_MAX; i++, d++) {
    int provDay;
    int rest = calendar_is_rest_day(p, d, &provDay);
    prov |= provDay;
    if (!rest) {
      *out = d;
      if (pProvisional) *pProvisional = prov;
      return 0;
    }
  }
  if (pProvisional) *pProvisional = prov;
  return -1;
}

/* Store in *pDue the n-th working day after `from` (from itself not counted), and in *pProv whether any day scanned
 * lies in an uncovered year. Return 0, or -1 if not found within PERIOD_SCAN_MAX days. */
static int period_nth_workday(const JwCalendar *p, JwDate from, int n, JwDate *pDue, int *pProv) {
  int prov = 0, count = 0;
  JwDate d = from;
  for (int i = 0; i < PERIOD_SCAN_MAX; i++) {
    int provDay;
    d++;
    if (!calendar_is_rest_day(p, d, &provDay)) count++;
    prov |= provDay;
    if (count == n) {
      *pDue = d;
      *pProv = prov;
      return 0;
    }
  }
  *pProv = prov;
  return -1;
}

int period_due(const JwCalendar *p, JwDate from, JwLength len, int custody_bound, JwDate *pDue, int *pProvisional) {
  JwDate due = from;
  int prov = 0, rc = 0;
  if (pDue == NULL || !period_length_is_valid(len) || from < JW_DATE_MIN || from > JW_DATE_MAX) return -1;
  switch (len.unit) {
    case JW_UNIT_WORKDAYS:
      rc = period_nth_workday(p, from, len.n, &due, &prov); /* DOMAIN.md 0.1 rule 4 */
      break;
    case JW_UNIT_MONTHS:
      due = date_add_months(from, len.n); /* SPC Interp. Art.202(1) */
      break;
    default:
      due = from + len.n; /* CPL Art.105(2): the trigger day is not counted */
      break;
  }
  if (rc == 0 && len.unit != JW_UNIT_WORKDAYS && !custody_bound) {
    rc = period_roll_forward(p, due, &due, &prov); /* CPL Art.105(4); custody-bound periods are never moved */
  }
  if (pProvisional) *pProvisional = prov;
  if (rc) return -1;
  *pDue = due;
  return 0;
}
