/* test_calendar.c: unit tests for the holiday calendar (src/core/calendar.c, calendar_builtin.c) and for due-day
 * counting (src/core/period.c): DOMAIN.md 0.1 worked examples, P11/P12, every holiday range of 2024-2026, 调休
 * working weekends, working-day periods, provisional answers, and the import format's errors.
 * Expected dates were computed by hand and their weekdays checked with `date -d`. */
#include "test_util.h"

#include <stdio.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/period.h"

static const JwLength DAYS7 = {7, JW_UNIT_DAYS};

/* Return the due day of (zFrom, len, custody); assert success and that *pProv is as wanted (-1 = don't care). */
static JwDate due(const JwCalendar *p, const char *zFrom, JwLength len, int custody, int wantProv) {
  JwDate d = 0;
  int prov = -7;
  assert_int_equal(period_due(p, D(zFrom), len, custody, &d, &prov), 0);
  assert_true(prov == 0 || prov == 1);
  if (wantProv >= 0) assert_int_equal(prov, wantProv);
  return d;
}

/* Shorthand for a length. */
static JwLength len_of(int n, JwUnit unit) {
  JwLength len = {n, unit};
  return len;
}

/* ---- the shipped data ------------------------------------------------------------------------------------- */

/* The shipped calendar covers exactly 2024-2026, lists 108 days in date order, and has the legal number of rest
 * days (weekends + statutory days: 104 + 11 in 2024, 104 + 13 in 2025 and 2026). */
static void test_builtin_shape(void **state) {
  JwCalendar *p = *state;
  int aYear[8];
  assert_int_equal(calendar_years(p, aYear, 8), 3);
  assert_int_equal(aYear[0], 2024);
  assert_int_equal(aYear[1], 2025);
  assert_int_equal(aYear[2], 2026);
  assert_int_equal(calendar_years(p, NULL, 0), 3);
  assert_false(calendar_has_year(p, 2023));
  assert_false(calendar_has_year(p, 2027));
  assert_false(calendar_has_year(NULL, 2025));
  assert_int_equal(calendar_count(p), 36 + 33 + 39);

  JwDate d, dPrev = INT32_MIN;
  JwDayKind kind;
  const char *zName;
  for (size_t i = 0; i < calendar_count(p); i++) {
    assert_int_equal(calendar_get(p, i, &d, &kind, &zName), 0);
    assert_true(d > dPrev);
    assert_true(kind == JW_DAY_HOLIDAY || kind == JW_DAY_WORKDAY);
    assert_true(zName[0] != '\0');
    if (kind == JW_DAY_WORKDAY) assert_true(date_weekday(d) >= 6);
    dPrev = d;
  }
  assert_int_equal(calendar_get(p, calendar_count(p), &d, &kind, &zName), -1);
  assert_int_equal(calendar_get(p, 0, &d, &kind, &zName), 0);
  assert_date(d, "2024-01-01");
  assert_int_equal(kind, JW_DAY_HOLIDAY);
  assert_string_equal(zName, "元旦");
  assert_int_equal(calendar_get(p, 1, &d, &kind, NULL), 0);
  assert_date(d, "2024-02-04");
  assert_int_equal(kind, JW_DAY_WORKDAY);
  assert_int_equal(calendar_get(p, calendar_count(p) - 1, &d, NULL, &zName), 0);
  assert_date(d, "2026-10-10");
  assert_string_equal(zName, "国庆节调休");

  static const int aRest[3] = {115, 117, 117};
  for (int y = 2024; y <= 2026; y++) {
    int nRest = 0;
    for (JwDate x = date_from_ymd(y, 1, 1); x < date_from_ymd(y + 1, 1, 1); x++) {
      int prov = -1;
      nRest += calendar_is_rest_day(p, x, &prov);
      assert_int_equal(prov, 0);
    }
    assert_int_equal(nRest, aRest[y - 2024]);
  }
}

/* The holiday ranges of DOMAIN.md section 3, with the first working day after each (checked with `date -d`). */
static const struct {
  const char *zFirst, *zLast, *zNext;
} aRange[] = {
    {"2024-01-01", "2024-01-01", "2024-01-02"}, /* 元旦, Mon; Tue */
    {"2024-02-10", "2024-02-17", "2024-02-18"}, /* 春节; 02-18 is a 调休 Sunday */
    {"2024-04-04", "2024-04-06", "2024-04-07"}, /* 清明; 04-07 is a 调休 Sunday */
    {"2024-05-01", "2024-05-05", "2024-05-06"}, /* 劳动节; Mon */
    {"2024-06-10", "2024-06-10", "2024-06-11"}, /* 端午, Mon; Tue */
    {"2024-09-15", "2024-09-17", "2024-09-18"}, /* 中秋; Wed */
    {"2024-10-01", "2024-10-07", "2024-10-08"}, /* 国庆; Tue */
    {"2025-01-01", "2025-01-01", "2025-01-02"}, /* 元旦, Wed; Thu */
    {"2025-01-28", "2025-02-04", "2025-02-05"}, /* 春节; Wed */
    {"2025-04-04", "2025-04-06", "2025-04-07"}, /* 清明; Mon */
    {"2025-05-01", "2025-05-05", "2025-05-06"}, /* 劳动节; Tue */
    {"2025-05-31", "2025-06-02", "2025-06-03"}, /* 端午; Tue */
    {"2025-10-01", "2025-10-08", "2025-10-09"}, /* 国庆+中秋; Thu */
    {"2026-01-01", "2026-01-03", "2026-01-04"}, /* 元旦; 01-04 is a 调休 Sunday */
    {"2026-02-15", "2026-02-23", "2026-02-24"}, /* 春节; Tue */
    {"2026-04-04", "2026-04-06", "2026-04-07"}, /* 清明; Tue */
    {"2026-05-01", "2026-05-05", "2026-05-06"}, /* 劳动节; Wed */
    {"2026-06-19", "2026-06-21", "2026-06-22"}, /* 端午; Mon */
    {"2026-09-25", "2026-09-27", "2026-09-28"}, /* 中秋; Mon */
    {"2026-10-01", "2026-10-07", "2026-10-08"}, /* 国庆; Thu */
};

/* The 调休上班 days of DOMAIN.md section 3 (all Saturdays or Sundays). */
static const char *const azWorkday[] = {
    "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
    "2024-10-12", "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11", "2026-01-04",
    "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
};

/* Every day of every range is a rest day, the day after is a working day, every 调休 day is a working day. */
static void test_builtin_days(void **state) {
  JwCalendar *p = *state;
  int prov = -1;
  for (size_t i = 0; i < sizeof(aRange) / sizeof(aRange[0]); i++) {
    for (JwDate d = D(aRange[i].zFirst); d <= D(aRange[i].zLast); d++) {
      assert_true(calendar_is_rest_day(p, d, &prov));
      assert_int_equal(prov, 0);
    }
    assert_false(calendar_is_rest_day(p, D(aRange[i].zNext), &prov));
  }
  for (size_t i = 0; i < sizeof(azWorkday) / sizeof(azWorkday[0]); i++) {
    JwDate d = D(azWorkday[i]);
    assert_true(date_weekday(d) >= 6);
    assert_false(calendar_is_rest_day(p, d, &prov));
    assert_int_equal(prov, 0);
  }
  /* ordinary days */
  assert_true(calendar_is_rest_day(p, D("2025-03-29"), NULL));  /* Saturday */
  assert_true(calendar_is_rest_day(p, D("2025-03-30"), NULL));  /* Sunday */
  assert_false(calendar_is_rest_day(p, D("2025-03-31"), NULL)); /* Monday */
  assert_true(calendar_is_rest_day(p, D("2025-09-27"), NULL));  /* Saturday next to a 调休 Sunday */
  assert_false(calendar_is_rest_day(p, D("2025-09-28"), NULL)); /* the 调休 Sunday */
}

/* ---- DOMAIN.md 0.1 -------------------------------------------------------------------------------------- */

/* The five worked examples of DOMAIN.md 0.1. */
static void test_domain_worked_examples(void **state) {
  JwCalendar *p = *state;
  const JwLength oneMonth = {1, JW_UNIT_MONTHS}, days15 = {15, JW_UNIT_DAYS};
  assert_date(due(p, "2025-03-05", oneMonth, 0, 0), "2025-04-07"); /* 04-05 is in 清明 04-04..04-06 */
  assert_date(due(p, "2025-03-31", oneMonth, 0, 0), "2025-04-30"); /* month-end to month-end */
  assert_date(due(p, "2025-09-24", DAYS7, 1, 0), "2025-10-01");    /* custody-bound: never moved */
  assert_date(due(p, "2025-09-24", DAYS7, 0, 0), "2025-10-09");    /* 10-01..10-08 国庆+中秋 */
  assert_date(due(p, "2025-03-14", days15, 0, 0), "2025-03-31");   /* 03-29 Sat, 03-30 Sun */
}

/* DOMAIN.md P11 and P12 (nominal ends: custody-bound, so nothing is moved), and the same with roll-over. */
static void test_domain_p11_p12(void **state) {
  JwCalendar *p = *state;
  const JwLength m1 = {1, JW_UNIT_MONTHS};
  assert_date(due(p, "2025-03-05", m1, 1, 0), "2025-04-05");
  assert_date(due(p, "2025-03-31", m1, 1, 0), "2025-04-30");
  assert_date(due(p, "2025-01-31", m1, 1, 0), "2025-02-28"); /* Friday */
  assert_date(due(p, "2025-01-31", m1, 0, 0), "2025-02-28");
  assert_date(due(p, "2025-02-28", m1, 1, 0), "2025-03-31"); /* P12: 03-31, not 03-28 */
  assert_date(due(p, "2025-02-28", m1, 0, 0), "2025-03-31"); /* Monday */
}

/* Month ends and leap years through period_due, with and without custody. */
static void test_month_end_and_leap(void **state) {
  JwCalendar *p = *state;
  const JwLength m1 = {1, JW_UNIT_MONTHS};
  assert_date(due(p, "2024-01-31", m1, 1, 0), "2024-02-29"); /* Thursday */
  assert_date(due(p, "2024-01-31", m1, 0, 0), "2024-02-29");
  assert_date(due(p, "2024-02-29", m1, 1, 0), "2024-03-31"); /* Sunday: kept when custody-bound */
  assert_date(due(p, "2024-02-29", m1, 0, 0), "2024-04-01"); /* rolled to Monday */
  assert_date(due(p, "2024-02-28", m1, 1, 0), "2024-03-28");
  assert_date(due(p, "2024-02-29", len_of(12, JW_UNIT_MONTHS), 1, 0), "2025-02-28");
  assert_date(due(p, "2025-04-30", m1, 1, 0), "2025-05-31"); /* month-end -> 05-31, a Saturday in 端午 */
  assert_date(due(p, "2025-04-30", m1, 0, 0), "2025-06-03"); /* 端午 05-31..06-02 -> Tuesday */
  assert_date(due(p, "2025-05-30", m1, 0, 0), "2025-06-30"); /* Monday */
  assert_date(due(p, "2025-12-31", m1, 1, 0), "2026-01-31"); /* Saturday, kept */
  assert_date(due(p, "2025-12-31", m1, 0, 0), "2026-02-02"); /* -> Monday */
}

/* Custody-bound versus not (CPL Art.105(4)), holidays inside a period (P8), half a month, and the CPL 172
 * extension composed by a caller (1 month + 15 days, then the roll-over). */
static void test_custody_flag(void **state) {
  JwCalendar *p = *state;
  /* The same nominal day moves only when not custody-bound. */
  assert_date(due(p, "2025-09-26", DAYS7, 1, 0), "2025-10-03");
  assert_date(due(p, "2025-09-26", DAYS7, 0, 0), "2025-10-09");
  assert_date(due(p, "2025-03-22", DAYS7, 1, 0), "2025-03-29"); /* Saturday, kept */
  assert_date(due(p, "2025-03-22", DAYS7, 0, 0), "2025-03-31");
  /* A working day is never moved. */
  assert_date(due(p, "2025-03-20", DAYS7, 0, 0), "2025-03-27");
  assert_date(due(p, "2025-03-20", DAYS7, 1, 0), "2025-03-27");
  /* Holidays inside a period are counted (P8): 7 days over 清明 2025 end on a working day. */
  assert_date(due(p, "2025-04-02", DAYS7, 0, 0), "2025-04-09");
  /* Half a month is 15 days. */
  assert_date(due(p, "2025-06-16", len_of(15, JW_UNIT_DAYS), 0, 0), "2025-07-01");
  /* 审查起诉 received Sun 2025-08-17, extended once: 09-17 + 15 days = 10-02 (国庆) -> 10-09; detained: 10-02. */
  JwDate end = date_add_months(D("2025-08-17"), 1) + 15, got = 0;
  int prov = -1;
  assert_date(end, "2025-10-02");
  assert_int_equal(period_roll_forward(p, end, &got, &prov), 0);
  assert_date(got, "2025-10-09");
  assert_int_equal(prov, 0);
}

/* 调休 working weekends are working days: a due day on one is not moved, and they count as working days. */
static void test_adjusted_workdays(void **state) {
  JwCalendar *p = *state;
  assert_date(due(p, "2025-09-27", len_of(1, JW_UNIT_DAYS), 0, 0), "2025-09-28"); /* Sunday, 调休上班 */
  assert_date(due(p, "2025-09-21", DAYS7, 0, 0), "2025-09-28");
  assert_date(due(p, "2025-10-04", DAYS7, 0, 0), "2025-10-11"); /* Saturday, 调休上班 */
  assert_date(due(p, "2025-10-05", DAYS7, 0, 0), "2025-10-13"); /* Sunday 10-12 -> Mon */
  assert_date(due(p, "2024-02-11", DAYS7, 0, 0), "2024-02-18"); /* in 春节, lands on 调休 */
  assert_date(due(p, "2025-09-26", len_of(1, JW_UNIT_WORKDAYS), 0, 0), "2025-09-28");
  assert_date(due(p, "2026-02-12", len_of(2, JW_UNIT_WORKDAYS), 0, 0), "2026-02-14");
}

/* Working-day periods across 国庆 2025 and 春节 2026. */
static void test_workday_periods(void **state) {
  JwCalendar *p = *state;
  const JwUnit wd = JW_UNIT_WORKDAYS;
  /* From Fri 2025-09-26: 09-27 Sat rest; 09-28 Sun 调休 (1); 09-29 (2); 09-30 (3); 10-01..10-08 holiday;
   * 10-09 (4); 10-10 (5); 10-11 Sat 调休 (6); 10-12 Sun rest; 10-13 (7). */
  assert_date(due(p, "2025-09-26", len_of(1, wd), 0, 0), "2025-09-28");
  assert_date(due(p, "2025-09-26", len_of(3, wd), 0, 0), "2025-09-30");
  assert_date(due(p, "2025-09-26", len_of(4, wd), 0, 0), "2025-10-09");
  assert_date(due(p, "2025-09-26", len_of(5, wd), 0, 0), "2025-10-10");
  assert_date(due(p, "2025-09-26", len_of(6, wd), 0, 0), "2025-10-11");
  assert_date(due(p, "2025-09-26", len_of(7, wd), 0, 0), "2025-10-13");
  assert_date(due(p, "2025-09-26", len_of(7, wd), 1, 0), "2025-10-13"); /* custody makes no difference */
  /* 3 working days from a 不起诉 decision on a holiday (行刑反向衔接): from 10-01: 10-09, 10-10, 10-11. */
  assert_date(due(p, "2025-10-01", len_of(3, wd), 0, 0), "2025-10-11");
  /* 10 working days from registration on Thu 2025-09-25: 09-26 (1), 09-28 (2), 09-29 (3), 09-30 (4), 10-09 (5),
   * 10-10 (6), 10-11 (7), 10-13 (8), 10-14 (9), 10-15 (10). */
  assert_date(due(p, "2025-09-25", len_of(10, wd), 0, 0), "2025-10-15");
  /* From Thu 2026-02-12: 02-13 (1); 02-14 Sat 调休 (2); 02-15..02-23 春节; 02-24 (3); 02-25 (4); 02-26 (5);
   * 02-27 (6); 02-28 Sat 调休 (7); 03-01 Sun rest; 03-02 (8); 03-03 (9); 03-04 (10). */
  assert_date(due(p, "2026-02-12", len_of(3, wd), 0, 0), "2026-02-24");
  assert_date(due(p, "2026-02-12", len_of(7, wd), 0, 0), "2026-02-28");
  assert_date(due(p, "2026-02-12", len_of(10, wd), 0, 0), "2026-03-04");
  /* A whole year of working days: 2025 has 365 - 117 = 248. From 2024-12-31: the 248th is 2025-12-31 (Wed). */
  assert_date(due(p, "2024-12-31", len_of(248, wd), 0, 0), "2025-12-31");
}

/* A due day on any day of any holiday range of 2024-2026 rolls forward to the first working day after the range;
 * custody-bound it stays. Checked for 7-day, 10-day and (where the day exists) 1-month periods. */
static void test_every_holiday_range(void **state) {
  JwCalendar *p = *state;
  for (size_t i = 0; i < sizeof(aRange) / sizeof(aRange[0]); i++) {
    JwDate next = D(aRange[i].zNext);
    for (JwDate d = D(aRange[i].zFirst); d <= D(aRange[i].zLast); d++) {
      for (int n = 7; n <= 10; n += 3) {
        JwDate got = 0;
        int prov = -1;
        assert_int_equal(period_due(p, d - n, len_of(n, JW_UNIT_DAYS), 0, &got, &prov), 0);
        assert_date(got, aRange[i].zNext);
        assert_int_equal(got, next);
        assert_int_equal(prov, 0);
        assert_int_equal(period_due(p, d - n, len_of(n, JW_UNIT_DAYS), 1, &got, &prov), 0);
        assert_int_equal(got, d);
      }
      JwDate from = date_add_months(d, -1);
      if (date_add_months(from, 1) == d) {
        JwDate got = 0;
        assert_int_equal(period_due(p, from, len_of(1, JW_UNIT_MONTHS), 0, &got, NULL), 0);
        assert_int_equal(got, next);
      }
    }
  }
  /* A few spelled out, as the hand computation reads. */
  assert_date(due(p, "2024-02-03", DAYS7, 0, 0), "2024-02-18"); /* 02-10 春节 -> 调休 Sunday 02-18 */
  assert_date(due(p, "2024-03-28", DAYS7, 0, 0), "2024-04-07"); /* 04-04 清明 -> 调休 Sunday 04-07 */
  assert_date(due(p, "2025-05-24", DAYS7, 0, 0), "2025-06-03"); /* 05-31 端午 -> Tue 06-03 */
  assert_date(due(p, "2025-12-25", DAYS7, 0, 0), "2026-01-04"); /* 01-01 元旦 2026 -> 调休 Sunday 01-04 */
  assert_date(due(p, "2026-01-15", len_of(1, JW_UNIT_MONTHS), 0, 0), "2026-02-24"); /* 02-15 春节 */
  assert_date(due(p, "2026-08-25", len_of(1, JW_UNIT_MONTHS), 0, 0), "2026-09-28"); /* 09-25 中秋 */
}

/* Years the calendar does not cover: weekends plus 01-01, 05-01..05-02, 10-01..10-03, flagged provisional. */
static void test_provisional(void **state) {
  JwCalendar *p = *state;
  int prov = -1;
  /* 2027-01-01 is a Friday: fixed 元旦, then the weekend. */
  assert_date(due(p, "2026-12-25", DAYS7, 0, 1), "2027-01-04");
  assert_date(due(p, "2026-12-25", DAYS7, 1, 0), "2027-01-01"); /* custody-bound: nothing consulted */
  assert_date(due(p, "2026-12-24", DAYS7, 0, 0), "2026-12-31"); /* Thursday in 2026: not provisional */
  assert_date(due(p, "2026-12-28", DAYS7, 0, 1), "2027-01-04"); /* a working day, but in an uncovered year */
  /* 2027-10-01 Fri .. 10-03 Sun, then Monday; 2027-05-01 Sat, 05-02 Sun, 05-03 Mon. */
  assert_date(due(p, "2027-09-24", DAYS7, 0, 1), "2027-10-04");
  assert_date(due(p, "2027-04-24", DAYS7, 0, 1), "2027-05-03");
  assert_true(calendar_is_rest_day(p, D("2027-05-02"), &prov));
  assert_int_equal(prov, 1);
  assert_false(calendar_is_rest_day(p, D("2027-05-03"), &prov));
  assert_int_equal(prov, 1);
  assert_false(calendar_is_rest_day(p, D("2027-10-04"), &prov));
  assert_true(calendar_is_rest_day(p, D("2023-10-03"), &prov)); /* before the covered years too */
  assert_int_equal(prov, 1);
  /* Working days that reach into 2027 are provisional; those that stay in 2026 are not. */
  assert_date(due(p, "2026-12-30", len_of(2, JW_UNIT_WORKDAYS), 0, 1), "2027-01-04");
  assert_date(due(p, "2026-12-29", len_of(2, JW_UNIT_WORKDAYS), 0, 0), "2026-12-31");
  /* A NULL calendar covers nothing: every answer is provisional, 2025 清明 is unknown. */
  JwDate got = 0;
  assert_int_equal(period_due(NULL, D("2025-03-05"), len_of(1, JW_UNIT_MONTHS), 0, &got, &prov), 0);
  assert_date(got, "2025-04-07"); /* 04-05 is a Saturday anyway */
  assert_int_equal(prov, 1);
  assert_int_equal(period_due(NULL, D("2025-09-24"), DAYS7, 0, &got, &prov), 0);
  assert_date(got, "2025-10-06"); /* fallback: 10-01..10-03 Wed-Fri, 10-04/05 weekend */
  assert_int_equal(prov, 1);
  assert_true(calendar_is_rest_day(NULL, D("2025-05-02"), &prov));
  assert_false(calendar_is_rest_day(NULL, D("2025-05-05"), &prov));
}

/* period_due refuses bad arguments and leaves *pDue alone. */
static void test_period_due_bad_args(void **state) {
  JwCalendar *p = *state;
  JwDate got = 42;
  assert_int_equal(period_due(p, D("2025-01-01"), len_of(0, JW_UNIT_DAYS), 0, &got, NULL), -1);
  assert_int_equal(period_due(p, D("2025-01-01"), len_of(3651, JW_UNIT_DAYS), 0, &got, NULL), -1);
  assert_int_equal(period_due(p, D("2025-01-01"), len_of(121, JW_UNIT_MONTHS), 0, &got, NULL), -1);
  assert_int_equal(period_due(p, D("2025-01-01"), len_of(1001, JW_UNIT_WORKDAYS), 0, &got, NULL), -1);
  assert_int_equal(period_due(p, D("2025-01-01"), len_of(-1, JW_UNIT_DAYS), 0, &got, NULL), -1);
  assert_int_equal(period_due(p, D("2025-01-01"), len_of(1, (JwUnit)7), 0, &got, NULL), -1);
  assert_int_equal(period_due(p, JW_DATE_MIN - 1, DAYS7, 0, &got, NULL), -1);
  assert_int_equal(period_due(p, JW_DATE_MAX + 1, DAYS7, 0, &got, NULL), -1);
  assert_int_equal(period_due(p, D("2025-01-01"), DAYS7, 0, NULL, NULL), -1);
  assert_int_equal(got, 42);
  /* the extremes work */
  assert_int_equal(period_due(p, JW_DATE_MAX, len_of(3650, JW_UNIT_DAYS), 0, &got, NULL), 0);
  assert_int_equal(period_due(p, JW_DATE_MAX, len_of(120, JW_UNIT_MONTHS), 0, &got, NULL), 0);
  assert_int_equal(period_due(p, JW_DATE_MIN, len_of(1000, JW_UNIT_WORKDAYS), 0, &got, NULL), 0);
  assert_int_equal(period_due(p, D("2024-01-01"), len_of(1000, JW_UNIT_WORKDAYS), 0, &got, NULL), 0);
  JwDate r = 0;
  int prov = -1;
  assert_int_equal(period_roll_forward(p, D("2025-10-01"), &r, &prov), 0);
  assert_date(r, "2025-10-09");
  assert_int_equal(prov, 0);
}

/* ---- lengths -------------------------------------------------------------------------------------------- */

/* period_parse_length: accepted forms, ranges, and the refused edge cases. */
static void test_parse_length(void **state) {
  (void)state;
  JwLength len = {99, JW_UNIT_MONTHS};
  static const char *const azBad[] = {
      "0d",   "01d", "3651d", "7",      "d",           "7x",   "-1d",    " 7d", "7d ",
      "+7d",  "7D",  "7dd",   "0m",     "121m",        "0wd",  "1001wd", "7w",  "7 d",
      "7wdd", "",    "00d",   "99999d", "2147483648d", "1.5m", "7d\n",   "１d", "7ｄ",
  };
  for (size_t i = 0; i < sizeof(azBad) / sizeof(azBad[0]); i++) {
    assert_int_equal(period_parse_length(azBad[i], &len), -1);
    assert_int_equal(len.n, 99);
    assert_int_equal(len.unit, JW_UNIT_MONTHS);
  }
  assert_int_equal(period_parse_length(NULL, &len), -1);
  assert_int_equal(period_parse_length("7d", NULL), -1);
  assert_int_equal(period_parse_length("7d", &len), 0);
  assert_int_equal(len.n, 7);
  assert_int_equal(len.unit, JW_UNIT_DAYS);
  assert_int_equal(period_parse_length("1d", &len), 0);
  assert_int_equal(period_parse_length("3650d", &len), 0);
  assert_int_equal(len.n, 3650);
  assert_int_equal(period_parse_length("1m", &len), 0);
  assert_int_equal(len.unit, JW_UNIT_MONTHS);
  assert_int_equal(period_parse_length("120m", &len), 0);
  assert_int_equal(period_parse_length("10wd", &len), 0);
  assert_int_equal(len.n, 10);
  assert_int_equal(len.unit, JW_UNIT_WORKDAYS);
  assert_int_equal(period_parse_length("1000wd", &len), 0);
}

/* period_format_length and period_parse_length round-trip every valid length. */
static void test_format_length(void **state) {
  (void)state;
  static const struct {
    JwUnit unit;
    int max;
  } aUnit[] = {{JW_UNIT_DAYS, JW_PERIOD_DAYS_MAX},
               {JW_UNIT_MONTHS, JW_PERIOD_MONTHS_MAX},
               {JW_UNIT_WORKDAYS, JW_PERIOD_WORKDAYS_MAX}};
  char z[8];
  for (size_t u = 0; u < 3; u++) {
    for (int n = 0; n <= aUnit[u].max + 1; n++) {
      JwLength len = {n, aUnit[u].unit}, back = {0, JW_UNIT_DAYS};
      int ok = n >= 1 && n <= aUnit[u].max;
      assert_int_equal(period_format_length(len, z), ok ? 0 : -1);
      if (!ok) {
        assert_string_equal(z, "");
        continue;
      }
      assert_int_equal(period_parse_length(z, &back), 0);
      assert_int_equal(back.n, n);
      assert_int_equal(back.unit, len.unit);
    }
  }
  assert_int_equal(period_format_length(len_of(1000, JW_UNIT_WORKDAYS), z), 0);
  assert_string_equal(z, "1000wd");
  assert_int_equal(period_format_length(len_of(1, JW_UNIT_MONTHS), z), 0);
  assert_string_equal(z, "1m");
  assert_int_equal(period_format_length(len_of(15, JW_UNIT_DAYS), z), 0);
  assert_string_equal(z, "15d");
}

/* ---- the import format ---------------------------------------------------------------------------------- */

/* Parse zText into the shipped calendar p; assert it fails with code and line, and that p is unchanged. */
static void assert_parse_fails(JwCalendar *p, const char *zText, int wantCode, int wantLine) {
  JwCalendarError err = {-1, -1, NULL};
  size_t nBefore = calendar_count(p);
  assert_int_equal(calendar_parse(p, zText, strlen(zText), &err), wantCode);
  assert_int_equal(err.code, wantCode);
  assert_int_equal(err.line, wantLine);
  assert_non_null(err.zMsg);
  assert_non_null(strchr(err.zMsg, '(')); /* Chinese, then English in parentheses */
  assert_int_equal(calendar_count(p), nBefore);
  assert_int_equal(calendar_years(p, NULL, 0), 3);
  assert_false(calendar_has_year(p, 2027));
  assert_false(calendar_has_year(p, 2030));
  /* 2025 still has its own data */
  assert_true(calendar_is_rest_day(p, D("2025-10-08"), NULL));
  assert_false(calendar_is_rest_day(p, D("2025-09-28"), NULL));
}

/* Bad lines: the right code and line number, and nothing added (2027 stays uncovered, 2025 unchanged). */
static void test_parse_errors(void **state) {
  JwCalendar *p = *state;
  const char *zHead = "# test\n\nyear 2027\n2027-01-01 holiday 元旦\n"; /* lines 1-4 are fine */
  char z[512];
  static const struct {
    const char *zLine;
    int code;
  } aCase[] = {
      {"2027-02-30 holiday 春节", JW_CAL_EINVAL},            /* bad date */
      {"2027-2-03 holiday 春节", JW_CAL_EINVAL},             /* bad date */
      {"2027-02-03..2027-02-3 holiday 春节", JW_CAL_EINVAL}, /* bad range end */
      {"2027-02-03...2027-02-05 holiday 春节", JW_CAL_EINVAL},
      {"2027-02-03 vacation 春节", JW_CAL_EINVAL}, /* bad kind */
      {"2027-02-03 Holiday 春节", JW_CAL_EINVAL},
      {"2027-02-03", JW_CAL_EINVAL}, /* missing kind */
      {"2027-02-03 holiday春节", JW_CAL_EINVAL},
      {"2028-02-03 holiday 春节", JW_CAL_EYEAR},              /* outside the declared years */
      {"2027-12-31..2028-01-02 holiday 元旦", JW_CAL_EYEAR},  /* range leaves the declared year */
      {"2025-10-01 holiday 国庆", JW_CAL_EYEAR},              /* a year p covers does not count */
      {"2027-01-01 workday 元旦", JW_CAL_ECONFLICT},          /* conflicts with line 4 (and is a Friday) */
      {"2027-01-04 workday 调休", JW_CAL_EWEEKDAY},           /* a Monday */
      {"2027-02-10..2027-02-05 holiday 春节", JW_CAL_EINVAL}, /* reversed */
      {"2027-01-01..2027-02-01 holiday 长假", JW_CAL_EINVAL}, /* 32 days */
      {"2027-02-06 holiday 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", JW_CAL_ENAME},
      {"2027-02-06 holiday abcdefghijklmnopqrstuvwxyzABCDEFG", JW_CAL_ENAME}, /* 33 ASCII */
      {"2027-02-06 holiday bad\x01name", JW_CAL_ENAME},
      {"2027-02-06 holiday bad\tname", JW_CAL_ENAME},
      {"2027-02-06 holiday \xE6\x98", JW_CAL_ENAME},     /* truncated UTF-8 */
      {"2027-02-06 holiday \xC0\xAF", JW_CAL_ENAME},     /* overlong */
      {"2027-02-06 holiday \xED\xA0\x80", JW_CAL_ENAME}, /* surrogate */
      {"year 1899", JW_CAL_EYEAR},
      {"year 2200", JW_CAL_EYEAR},
      {"year 27", JW_CAL_EINVAL},
      {"year 2027 2028", JW_CAL_EINVAL},
      {"year", JW_CAL_EINVAL},
      {"year2027", JW_CAL_EINVAL},
      {"years 2027", JW_CAL_EINVAL},
  };
  for (size_t i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    snprintf(z, sizeof(z), "%s%s\n2027-05-01 holiday 劳动节\n", zHead, aCase[i].zLine);
    assert_parse_fails(p, z, aCase[i].code, 5);
  }
  /* The year must be declared above its entries. */
  assert_parse_fails(p, "2027-01-01 holiday 元旦\nyear 2027\n", JW_CAL_EYEAR, 1);
  /* Line numbers count CRLF lines, comments and blank lines; an error on the last line without a newline. */
  assert_parse_fails(p, "year 2027\r\n# c\r\n\r\n   \r\n2027-01-01 holiday 元旦 # ok\r\n2027-13-01 holiday x",
                     JW_CAL_EINVAL, 6);
  /* An error after a good year that p would otherwise replace: 2025 is untouched. */
  assert_parse_fails(p, "year 2025\n2025-01-01 holiday 元旦\n2025-02-30 holiday 春节\n", JW_CAL_EINVAL, 3);
  /* A conflict inside one text, between a range and a later workday. */
  assert_parse_fails(p,
                     "year 2027\n2027-10-01..2027-10-07 holiday 国庆\n2027-10-09 workday 调休\n2027-10-02 workday x\n",
                     JW_CAL_ECONFLICT, 4);
  /* Bad arguments */
  JwCalendarError err;
  assert_int_equal(calendar_parse(NULL, "", 0, &err), JW_CAL_EINVAL);
  assert_int_equal(calendar_parse(p, NULL, 3, &err), JW_CAL_EINVAL);
  assert_int_equal(err.line, 0);
  assert_int_equal(calendar_parse(p, NULL, 0, NULL), 0);
}

/* Accepted syntax: comments, trailing comments, CRLF, BOM, tabs, no final newline, optional names, duplicates with
 * the same kind (first name kept), 32-character names, a year with no entries. */
static void test_parse_syntax(void **state) {
  (void)state;
  JwCalendar *p = calendar_new();
  JwCalendarError err = {-1, -1, "x"};
  const char *zText =
      "\xEF\xBB\xBF# a comment\r\n"
      "year 2027\r\n"
      "\tyear\t2028  # second year\r\n"
      "year 2027\n"
      "2027-01-01\tholiday\t元旦\n"
      "2027-01-01 holiday 另一个名字\n"
      "  2027-02-06..2027-02-13   holiday   春节 假期  # inner space kept\n"
      "2027-02-20 workday\n"
      "2027-10-01..2027-10-07 holiday 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二\n"
      "2028-01-01 holiday abcdefghijklmnopqrstuvwxyzABCDEF";
  assert_int_equal(calendar_parse(p, zText, strlen(zText), &err), 0);
  assert_int_equal(err.line, 0);
  assert_int_equal(err.code, 0);
  assert_null(err.zMsg);
  assert_true(calendar_has_year(p, 2027));
  assert_true(calendar_has_year(p, 2028));
  assert_int_equal(calendar_count(p), 1 + 8 + 1 + 7 + 1);
  JwDate d;
  JwDayKind kind;
  const char *zName;
  assert_int_equal(calendar_get(p, 0, &d, &kind, &zName), 0);
  assert_date(d, "2027-01-01");
  assert_string_equal(zName, "元旦");
  assert_int_equal(calendar_get(p, 1, &d, &kind, &zName), 0);
  assert_date(d, "2027-02-06");
  assert_string_equal(zName, "春节 假期");
  assert_int_equal(calendar_get(p, 9, &d, &kind, &zName), 0);
  assert_date(d, "2027-02-20");
  assert_int_equal(kind, JW_DAY_WORKDAY);
  assert_string_equal(zName, "");
  assert_int_equal(calendar_get(p, 17, &d, &kind, &zName), 0);
  assert_string_equal(zName, "abcdefghijklmnopqrstuvwxyzABCDEF");
  int prov = -1;
  assert_false(calendar_is_rest_day(p, D("2027-02-20"), &prov)); /* Saturday, 调休 */
  assert_int_equal(prov, 0);
  assert_false(calendar_is_rest_day(p, D("2027-05-03"), &prov));
  assert_int_equal(prov, 0);
  /* 2028 is covered with only 01-01 listed: 05-01 (Monday) is a working day, not provisional */
  assert_false(calendar_is_rest_day(p, D("2028-05-01"), &prov));
  assert_int_equal(prov, 0);
  /* empty text and comment-only text change nothing */
  assert_int_equal(calendar_parse(p, "", 0, &err), 0);
  assert_int_equal(calendar_parse(p, "# nothing\n\n", 11, &err), 0);
  assert_int_equal(calendar_count(p), 18);
  calendar_free(p);
}

/* Merging: a year in the text replaces that year; other years stay; loading twice is idempotent. */
static void test_parse_merge(void **state) {
  JwCalendar *p = *state;
  JwCalendarError err;
  assert_int_equal(calendar_load_builtin(p), 0);
  assert_int_equal(calendar_count(p), 108);
  const char *zFix = "year 2025\n2025-01-01 holiday 元旦\n2025-10-01..2025-10-03 holiday 国庆\n";
  assert_int_equal(calendar_parse(p, zFix, strlen(zFix), &err), 0);
  assert_int_equal(calendar_count(p), 36 + 4 + 39);
  assert_false(calendar_is_rest_day(p, D("2025-10-08"), NULL)); /* replaced */
  assert_true(calendar_is_rest_day(p, D("2025-09-28"), NULL));  /* the 调休 day is gone: a plain Sunday */
  assert_true(calendar_is_rest_day(p, D("2024-10-07"), NULL));  /* other years kept */
  assert_true(calendar_is_rest_day(p, D("2026-02-23"), NULL));
  const char *zNew = "year 2027\n2027-02-06..2027-02-13 holiday 春节\n";
  assert_int_equal(calendar_parse(p, zNew, strlen(zNew), &err), 0);
  assert_int_equal(calendar_years(p, NULL, 0), 4);
  assert_true(calendar_is_rest_day(p, D("2027-02-08"), NULL));
  assert_int_equal(calendar_load_builtin(p), 0); /* restores 2025, keeps 2027 */
  assert_int_equal(calendar_count(p), 108 + 8);
  assert_true(calendar_is_rest_day(p, D("2025-10-08"), NULL));
  assert_true(calendar_has_year(p, 2027));
  size_t n = 0;
  const char *z = calendar_builtin_text(&n);
  assert_int_equal(strlen(z), n);
}

/* The programmatic API: years, days and their errors. */
static void test_api(void **state) {
  (void)state;
  JwCalendar *p = calendar_new();
  assert_non_null(p);
  int prov = -1;
  assert_int_equal(calendar_count(p), 0);
  assert_true(calendar_is_rest_day(p, D("2030-01-01"), &prov)); /* empty: fallback */
  assert_int_equal(prov, 1);
  assert_int_equal(calendar_add_day(p, D("2030-01-01"), JW_DAY_HOLIDAY, "元旦"), JW_CAL_EYEAR);
  assert_int_equal(calendar_add_year(p, 1899), JW_CAL_EYEAR);
  assert_int_equal(calendar_add_year(p, 2200), JW_CAL_EYEAR);
  assert_int_equal(calendar_add_year(NULL, 2030), JW_CAL_EINVAL);
  assert_int_equal(calendar_add_year(p, 2030), 0);
  assert_int_equal(calendar_add_year(p, 2030), 0);
  assert_false(calendar_is_rest_day(p, D("2030-01-01"), &prov)); /* covered, nothing listed: a Tuesday */
  assert_int_equal(prov, 0);
  assert_int_equal(calendar_add_day(p, D("2030-01-01"), JW_DAY_HOLIDAY, "元旦"), 0);
  assert_true(calendar_is_rest_day(p, D("2030-01-01"), NULL));
  assert_int_equal(calendar_add_day(p, D("2030-01-01"), JW_DAY_HOLIDAY, "other"), 0);
  assert_int_equal(calendar_add_day(p, D("2030-01-01"), JW_DAY_WORKDAY, "x"), JW_CAL_ECONFLICT);
  assert_int_equal(calendar_add_day(p, D("2030-01-02"), JW_DAY_WORKDAY, "x"), JW_CAL_EWEEKDAY);
  assert_int_equal(calendar_add_day(p, D("2030-01-05"), (JwDayKind)0, "x"), JW_CAL_EINVAL);
  assert_int_equal(calendar_add_day(p, D("2030-01-05"), JW_DAY_WORKDAY, " x"), JW_CAL_ENAME);
  assert_int_equal(calendar_add_day(p, D("2030-01-05"), JW_DAY_WORKDAY, "a#b"), JW_CAL_ENAME);
  assert_int_equal(calendar_add_day(p, D("2030-01-05"), JW_DAY_WORKDAY, NULL), 0); /* a Saturday */
  assert_false(calendar_is_rest_day(p, D("2030-01-05"), NULL));
  assert_int_equal(calendar_count(p), 2);
  /* Years far apart widen the lookup span; the gap stays uncovered. */
  assert_int_equal(calendar_add_year(p, 1950), 0);
  assert_int_equal(calendar_add_year(p, 2199), 0);
  assert_int_equal(calendar_add_year(p, 1900), 0);
  assert_true(calendar_has_year(p, 1900));
  assert_false(calendar_has_year(p, 2000));
  assert_true(calendar_is_rest_day(p, D("2000-10-02"), &prov)); /* fallback inside the span */
  assert_int_equal(prov, 1);
  assert_true(calendar_is_rest_day(p, D("2030-01-01"), NULL)); /* kept across the widening */
  assert_false(calendar_is_rest_day(p, D("2030-01-05"), NULL));
  assert_false(calendar_is_rest_day(p, D("2199-12-31"), &prov)); /* a Tuesday, covered */
  assert_int_equal(prov, 0);
  int aYear[2];
  assert_int_equal(calendar_years(p, aYear, 2), 4);
  assert_int_equal(aYear[0], 1900);
  assert_int_equal(aYear[1], 1950);
  /* Removing a year forgets its entries and makes it provisional again. */
  assert_int_equal(calendar_remove_year(p, 2030), 0);
  assert_int_equal(calendar_remove_year(p, 2030), 0);
  assert_int_equal(calendar_remove_year(p, 1000), JW_CAL_EYEAR);
  assert_false(calendar_has_year(p, 2030));
  assert_int_equal(calendar_count(p), 0);
  assert_true(calendar_is_rest_day(p, D("2030-01-01"), &prov)); /* fixed 元旦 by the fallback */
  assert_int_equal(prov, 1);
  assert_true(calendar_is_rest_day(p, D("2030-01-05"), NULL)); /* a plain Saturday again */
  calendar_free(p);
  calendar_free(NULL);
  assert_int_equal(calendar_count(NULL), 0);
  assert_int_equal(calendar_get(NULL, 0, NULL, NULL, NULL), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_builtin_shape, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_builtin_days, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_domain_worked_examples, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_domain_p11_p12, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_month_end_and_leap, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_custody_flag, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_adjusted_workdays, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_workday_periods, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_every_holiday_range, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_provisional, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_period_due_bad_args, setup_builtin, teardown_calendar),
      cmocka_unit_test(test_parse_length),
      cmocka_unit_test(test_format_length),
      cmocka_unit_test_setup_teardown(test_parse_errors, setup_builtin, teardown_calendar),
      cmocka_unit_test(test_parse_syntax),
      cmocka_unit_test_setup_teardown(test_parse_merge, setup_builtin, teardown_calendar),
      cmocka_unit_test(test_api),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
