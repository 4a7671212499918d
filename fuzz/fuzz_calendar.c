/* fuzz_calendar.c: libFuzzer target for the holiday calendar import format (calendar_parse), merged into the shipped
 * calendar as an administrator's import is, followed by due-date computations on whatever calendar resulted.
 * Besides "no crash", it checks the documented contract: a refused text leaves the calendar unchanged and reports
 * its code and a message; an accepted one lists only holidays that are rest days and workdays that are working
 * Saturdays or Sundays, in date order, and importing the same text again changes nothing. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok) {
  if (!ok) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  JwCalendar *cal = calendar_new();
  if (!cal) return 0;
  check(calendar_load_builtin(cal) == 0);
  size_t before = calendar_count(cal);
  JwCalendarError err;
  int rc = calendar_parse(cal, (const char *)data, size, &err);
  if (rc) {
    check(rc < 0 && err.code == rc && err.zMsg != NULL && calendar_count(cal) == before);
  } else {
    size_t n = calendar_count(cal);
    JwDate prev = JW_DATE_MIN - 1;
    for (size_t i = 0; i < n; i++) {
      JwDate d;
      JwDayKind kind;
      const char *zName;
      check(calendar_get(cal, i, &d, &kind, &zName) == 0 && zName != NULL);
      check(d > prev);
      prev = d;
      int y;
      date_to_ymd(d, &y, NULL, NULL);
      check(calendar_has_year(cal, y));
      int prov = -1;
      int rest = calendar_is_rest_day(cal, d, &prov);
      check(prov == 0);
      if (kind == JW_DAY_HOLIDAY) check(rest);
      else check(kind == JW_DAY_WORKDAY && !rest && date_weekday(d) >= 6);
    }
    check(calendar_parse(cal, (const char *)data, size, &err) == 0 && calendar_count(cal) == n);
  }
  JwDate due;
  int prov;
  JwLength lens[] = {{7, JW_UNIT_DAYS}, {1, JW_UNIT_MONTHS}, {10, JW_UNIT_WORKDAYS}};
  for (int i = 0; i < 3; i++) period_due(cal, date_from_ymd(2025, 9, 24), lens[i], i == 0, &due, &prov);
  calendar_free(cal);
  return 0;
}
