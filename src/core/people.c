/* people.c: the pure rules of the people capability (see people.h). */
#include "core/people.h"

#include <stddef.h>
#include <string.h>

const char *const people_rating_codes[] = {"excellent", "good", "pass", "fail", NULL};

int people_schedule(const JwCalendar *cal, JwDate start, int n, JwLength len, PeopleStint *aOut) {
  if (n < 1 || n > PEOPLE_STINTS_MAX || len.unit != JW_UNIT_MONTHS || len.n < PEOPLE_STINT_MONTHS_MIN ||
      len.n > PEOPLE_STINT_MONTHS_MAX || !aOut) {
    return -1;
  }
  JwDate s = start;
  for (int i = 0; i < n; i++) {
    JwDate end = 0;
    int prov = 0, prov2 = 0;
    if (period_due(cal, s - 1, len, 0, &end, &prov)) return -1;
    aOut[i].start = s;
    aOut[i].end = end;
    JwDate next = 0;
    if (period_roll_forward(cal, end + 1, &next, &prov2)) return -1;
    aOut[i].provisional = prov || prov2;
    s = next;
  }
  return 0;
}

int people_ranges_overlap(JwDate aStart, JwDate aEnd, JwDate bStart, JwDate bEnd) {
  int aOpen = aEnd == 0, bOpen = bEnd == 0;
  if (!bOpen && bEnd < aStart) return 0;
  if (!aOpen && aEnd < bStart) return 0;
  return 1;
}

JwDate people_cycle_on(JwDate since, int cycleMonths) {
  return date_add_months(since, cycleMonths);
}

int people_cycle_due(JwDate since, int cycleMonths, JwDate today) {
  return people_cycle_on(since, cycleMonths) <= today;
}

JwDate people_talk_due(JwDate lastTalkOrStart) {
  return date_add_months(lastTalkOrStart, 1);
}

int people_talk_missed(JwDate lastTalkOrStart, JwDate today) {
  return today > people_talk_due(lastTalkOrStart);
}

int people_demo_warning(int year, int nDemo, JwDate today) {
  if (nDemo > 0) return 0;
  return today >= date_from_ymd(year, PEOPLE_DEMO_WARN_MONTH, 1);
}

const char *people_check_talk(JwDate talkedOn, JwDate pairStart, JwDate today) {
  if (talkedOn > today) return "谈心日期不能晚于今天";
  if (talkedOn < pairStart) return "谈心日期不能早于结对开始日期";
  return NULL;
}

int people_rating_is_valid(const char *zRating) {
  if (!zRating) return 0;
  for (int i = 0; people_rating_codes[i]; i++) {
    if (strcmp(people_rating_codes[i], zRating) == 0) return 1;
  }
  return 0;
}
