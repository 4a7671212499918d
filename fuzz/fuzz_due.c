/* fuzz_due.c: libFuzzer target for the text inputs of a due-date question, as `jianwu due FROM LENGTH [--custody]`
 * and GET /api/v1/calendar/due take them: holidays_due() on the shipped calendar, with the date and length parsers
 * underneath. Besides "no crash", it checks the round trips and the rules that must hold for any accepted input:
 *   - a date that parses formats back to the same ten bytes; a length that parses formats back to the same text;
 *   - the due day is after the trigger day; a custody-bound period of N days ends exactly N days later, and a period
 *     that is not custody-bound ends on the same day or a later working day.
 * Input: FROM, a newline, LENGTH, and an optional third line "c" for custody-bound. */
#include <stdlib.h>
#include <string.h>

#include "app/holidays.h"
#include "core/date.h"
#include "core/period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok) {
  if (!ok) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 64) return 0;
  char z[65];
  memcpy(z, data, size);
  z[size] = 0;
  char *zFrom = z, *zLength = strchr(z, '\n'), *zFlag = NULL;
  if (zLength) {
    *zLength++ = 0;
    zFlag = strchr(zLength, '\n');
    if (zFlag) *zFlag++ = 0;
  }
  int custody = zFlag && strcmp(zFlag, "c") == 0;

  JwDate from;
  if (date_parse(zFrom, strlen(zFrom), &from) == 0) {
    char zBack[11];
    date_format(from, zBack);
    check(strlen(zFrom) == 10 && memcmp(zBack, zFrom, 10) == 0);
    check(from >= JW_DATE_MIN && from <= JW_DATE_MAX);
  }
  JwLength len;
  if (zLength && period_parse_length(zLength, &len) == 0) {
    char zBack[8];
    check(period_length_is_valid(len));
    check(period_format_length(len, zBack) == 0 && strcmp(zBack, zLength) == 0);
  }

  JwErr e;
  const JwCalendar *cal = holidays_current(NULL, &e);
  check(cal != NULL);
  DueAnswer a;
  if (holidays_due(cal, zFrom, zLength, custody, &a, &e) == 0) {
    /* accepted: both inputs parse, and the answer is period_due()'s, formatted */
    check(date_parse(zFrom, strlen(zFrom), &from) == 0 && period_parse_length(zLength, &len) == 0);
    JwDate due;
    int prov;
    check(period_due(cal, from, len, custody, &due, &prov) == 0 && prov == a.provisional);
    char zDue[11];
    date_format(due, zDue);
    check(strcmp(zDue, a.zDue) == 0);
    check(due > from);
    if (len.unit == JW_UNIT_DAYS && custody) check(due == from + len.n);
    if (len.unit == JW_UNIT_DAYS && !custody) check(due >= from + len.n && !calendar_is_rest_day(cal, due, NULL));
    if (len.unit == JW_UNIT_MONTHS && !custody) check(due >= date_add_months(from, len.n));
    if (len.unit == JW_UNIT_WORKDAYS || !custody) check(!calendar_is_rest_day(cal, due, NULL));
  } else {
    check((strcmp(e.field, "from") == 0 || strcmp(e.field, "length") == 0));
  }
  return 0;
}
