/* fuzz_calendar.c: libFuzzer target for the holiday calendar import format (calendar_parse), followed by due-date
 * computations on whatever calendar resulted. */
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  JwCalendar *cal = calendar_new();
  if (!cal) return 0;
  JwCalendarError err;
  calendar_parse(cal, (const char *)data, size, &err);
  JwDate due;
  int prov;
  JwLength lens[] = {{7, JW_UNIT_DAYS}, {1, JW_UNIT_MONTHS}, {10, JW_UNIT_WORKDAYS}};
  for (int i = 0; i < 3; i++) period_due(cal, date_from_ymd(2025, 9, 24), lens[i], i == 0, &due, &prov);
  calendar_free(cal);
  return 0;
}
