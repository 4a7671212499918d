/* test_date.c: unit tests for src/core/date.c (civil dates, month arithmetic by SPC Interp. Art.202). */
#include "test_util.h"

#include "core/date.h"

/* Known day numbers (checked with `date -u -d X +%s` / 86400) and the exported range constants. */
static void test_known_day_numbers(void **state) {
  (void)state;
  assert_int_equal(date_from_ymd(1970, 1, 1), 0);
  assert_int_equal(date_from_ymd(1969, 12, 31), -1);
  assert_int_equal(date_from_ymd(2025, 1, 1), 20089);
  assert_int_equal(date_from_ymd(2024, 1, 1), 19723);
  assert_int_equal(date_from_ymd(2025, 9, 28), 20359);
  assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
  assert_int_equal(date_from_ymd(1900, 1, 1), JW_DATE_MIN);
  assert_int_equal(date_from_ymd(2199, 12, 31), JW_DATE_MAX);
  assert_int_equal(date_from_ymd(1900, 1, 1), -25567);
  assert_int_equal(date_from_ymd(0, 3, 1), -719468);
  int y, m, d;
  date_to_ymd(0, &y, &m, &d);
  assert_int_equal(y, 1970);
  assert_int_equal(m, 1);
  assert_int_equal(d, 1);
  date_to_ymd(20359, &y, &m, &d);
  assert_int_equal(y * 10000 + m * 100 + d, 20250928);
  date_to_ymd(-1, NULL, NULL, &d); /* NULL outputs are allowed */
  assert_int_equal(d, 31);
}

/* Weekdays of known dates (1 = Monday .. 7 = Sunday). */
static void test_weekday(void **state) {
  (void)state;
  assert_int_equal(date_weekday(0), 4);               /* 1970-01-01 Thursday */
  assert_int_equal(date_weekday(-1), 3);              /* 1969-12-31 Wednesday */
  assert_int_equal(date_weekday(D("2025-09-28")), 7); /* Sunday (a 调休 working day) */
  assert_int_equal(date_weekday(D("2025-10-11")), 6); /* Saturday */
  assert_int_equal(date_weekday(D("2024-02-29")), 4); /* Thursday */
  assert_int_equal(date_weekday(D("2025-03-29")), 6);
  assert_int_equal(date_weekday(D("2025-03-31")), 1);
  assert_int_equal(date_weekday(D("1900-01-01")), 1); /* Monday */
  assert_int_equal(date_weekday(D("2199-12-31")), 2); /* Tuesday */
  assert_int_equal(date_weekday(D("2027-01-01")), 5); /* Friday */
  assert_int_equal(date_weekday(INT32_MIN), date_weekday(INT32_MIN + 7));
}

/* Leap years and month lengths. */
static void test_leap_and_month_length(void **state) {
  (void)state;
  assert_true(date_is_leap_year(2024));
  assert_true(date_is_leap_year(2000));
  assert_true(date_is_leap_year(2400));
  assert_false(date_is_leap_year(1900));
  assert_false(date_is_leap_year(2100));
  assert_false(date_is_leap_year(2025));
  assert_int_equal(date_days_in_month(2024, 2), 29);
  assert_int_equal(date_days_in_month(2025, 2), 28);
  assert_int_equal(date_days_in_month(1900, 2), 28);
  assert_int_equal(date_days_in_month(2000, 2), 29);
  assert_int_equal(date_days_in_month(2025, 1), 31);
  assert_int_equal(date_days_in_month(2025, 4), 30);
  assert_int_equal(date_days_in_month(2025, 12), 31);
  assert_int_equal(date_days_in_month(2025, 0), 0);
  assert_int_equal(date_days_in_month(2025, 13), 0);
  assert_true(date_is_valid_ymd(2024, 2, 29));
  assert_false(date_is_valid_ymd(2025, 2, 29));
  assert_false(date_is_valid_ymd(2025, 4, 31));
  assert_false(date_is_valid_ymd(2025, 0, 1));
  assert_false(date_is_valid_ymd(2025, 1, 0));
  assert_false(date_is_valid_ymd(-1, 1, 1));
  assert_false(date_is_valid_ymd(10000, 1, 1));
  assert_true(date_is_valid_ymd(0, 1, 1));
  assert_true(date_is_valid_ymd(9999, 12, 31));
}

/* Every day from 1890 to 2210: ymd round trip, consecutive days are consecutive dates, weekdays cycle, and the text
 * form round-trips through date_parse inside the parse range. */
static void test_exhaustive_round_trip(void **state) {
  (void)state;
  JwDate dFrom = date_from_ymd(1890, 1, 1), dTo = date_from_ymd(2210, 12, 31);
  int py, pm, pd;
  date_to_ymd(dFrom - 1, &py, &pm, &pd);
  for (JwDate d = dFrom; d <= dTo; d++) {
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    assert_true(date_is_valid_ymd(y, m, dd));
    assert_int_equal(date_from_ymd(y, m, dd), d);
    if (dd == 1) { /* first of a month follows the last day of the previous month */
      assert_int_equal(pd, date_days_in_month(py, pm));
      assert_int_equal(y * 12 + m, py * 12 + pm + 1);
    } else {
      assert_int_equal(y * 10000 + m * 100 + dd, py * 10000 + pm * 100 + pd + 1);
    }
    assert_int_equal(date_weekday(d), date_weekday(d - 1) % 7 + 1);
    char z[11];
    date_format(d, z);
    JwDate back = 0;
    if (y >= JW_DATE_YEAR_MIN && y <= JW_DATE_YEAR_MAX) {
      assert_int_equal(date_parse(z, 10, &back), 0);
      assert_int_equal(back, d);
    } else {
      assert_int_equal(date_parse(z, 10, &back), -1);
    }
    py = y;
    pm = m;
    pd = dd;
  }
}

/* date_parse accepts exactly YYYY-MM-DD naming a real date in 1900..2199, and leaves *out alone otherwise. */
static void test_parse(void **state) {
  (void)state;
  static const char *const azBad[] = {
      "2025-02-29",   "2023-02-29", "1900-02-29",     "2025-04-31", "2025-00-10",
      "2025-13-01",   "2025-01-00", "2025-01-32",     "1899-12-31", "2200-01-01",
      "0000-01-01",   "2025-1-01",  "2025-01-1",      "2025/01/01", "2025-01-01 ",
      " 2025-01-01",  "+025-01-01", "2025-+1-01",     "2025-01--1", "20250101",
      "2025-01-011",  "",           "２０２５-01-01", "2025-0a-01", "2025_01_01",
      "2025-01-01\n",
  };
  JwDate d = 12345;
  for (size_t i = 0; i < sizeof(azBad) / sizeof(azBad[0]); i++) {
    assert_int_equal(date_parse(azBad[i], strlen(azBad[i]), &d), -1);
    assert_int_equal(d, 12345);
  }
  assert_int_equal(date_parse(NULL, 10, &d), -1);
  assert_int_equal(date_parse("2025-01-01", 10, NULL), -1);
  /* n counts: the first 10 bytes of a longer buffer are fine when n = 10, and a short n is refused */
  assert_int_equal(date_parse("2025-01-01xyz", 10, &d), 0);
  assert_int_equal(d, 20089);
  assert_int_equal(date_parse("2025-01-01", 9, &d), -1);
  assert_int_equal(date_parse("2024-02-29", 10, &d), 0);
  assert_date(d, "2024-02-29");
  assert_int_equal(date_parse("2000-02-29", 10, &d), 0);
  assert_int_equal(date_parse("1900-01-01", 10, &d), 0);
  assert_int_equal(d, JW_DATE_MIN);
  assert_int_equal(date_parse("2199-12-31", 10, &d), 0);
  assert_int_equal(d, JW_DATE_MAX);
}

/* date_format writes zero-padded years, and "0000-00-00" outside 0..9999. */
static void test_format(void **state) {
  (void)state;
  assert_date(0, "1970-01-01");
  assert_date(date_from_ymd(5, 3, 7), "0005-03-07");
  assert_date(date_from_ymd(0, 1, 1), "0000-01-01");
  assert_date(date_from_ymd(9999, 12, 31), "9999-12-31");
  assert_date(date_from_ymd(9999, 12, 31) + 1, "0000-00-00");
  assert_date(date_from_ymd(0, 1, 1) - 1, "0000-00-00");
  assert_date(INT32_MAX, "0000-00-00");
  assert_date(INT32_MIN, "0000-00-00");
}

/* Assert date_add_months(zFrom, n) == zWant. */
static void assert_add_months(const char *zFrom, int n, const char *zWant) {
  assert_date(date_add_months(D(zFrom), n), zWant);
}

/* SPC Interp. Art.202(1) applied literally: DOMAIN.md P5, P11, P12, month ends and leap years. */
static void test_add_months(void **state) {
  (void)state;
  /* P11 */
  assert_add_months("2025-03-05", 1, "2025-04-05");
  assert_add_months("2025-03-31", 1, "2025-04-30");
  assert_add_months("2025-01-31", 1, "2025-02-28");
  /* P12: 02-28 is the last day of February 2025, so the end is the last day of March */
  assert_add_months("2025-02-28", 1, "2025-03-31");
  /* month-end to month-end, whatever the length */
  assert_add_months("2025-04-30", 1, "2025-05-31");
  assert_add_months("2025-06-30", 2, "2025-08-31");
  assert_add_months("2025-09-30", 1, "2025-10-31");
  assert_add_months("2025-11-30", 3, "2026-02-28");
  /* a day that does not exist is clamped; a day that exists is kept */
  assert_add_months("2025-03-30", 1, "2025-04-30");
  assert_add_months("2025-05-31", 1, "2025-06-30");
  assert_add_months("2025-01-30", 1, "2025-02-28");
  assert_add_months("2025-01-29", 1, "2025-02-28");
  assert_add_months("2025-01-28", 1, "2025-02-28");
  assert_add_months("2025-01-27", 1, "2025-02-27");
  assert_add_months("2025-03-30", 2, "2025-05-30");
  /* leap years */
  assert_add_months("2024-01-31", 1, "2024-02-29");
  assert_add_months("2024-01-29", 1, "2024-02-29");
  assert_add_months("2024-01-30", 1, "2024-02-29");
  assert_add_months("2024-02-29", 1, "2024-03-31"); /* last day of February (leap) -> last day of March */
  assert_add_months("2024-02-28", 1, "2024-03-28"); /* not the last day in a leap year */
  assert_add_months("2024-02-29", 12, "2025-02-28");
  assert_add_months("2023-02-28", 12, "2024-02-29"); /* last day -> last day, even across a leap year */
  assert_add_months("2099-02-28", 12, "2100-02-28"); /* 2100 is not a leap year */
  assert_add_months("2000-01-31", 1, "2000-02-29");
  /* year boundaries, zero and negative n */
  assert_add_months("2025-12-15", 1, "2026-01-15");
  assert_add_months("2025-12-31", 1, "2026-01-31");
  assert_add_months("2025-11-15", 14, "2027-01-15");
  assert_add_months("2025-03-05", 0, "2025-03-05");
  assert_add_months("2025-02-28", 0, "2025-02-28");
  assert_add_months("2025-03-31", -1, "2025-02-28");
  assert_add_months("2025-02-28", -1, "2025-01-31");
  assert_add_months("2025-01-15", -1, "2024-12-15");
  assert_add_months("2025-01-15", -13, "2023-12-15");
  assert_add_months("2025-03-15", 120, "2035-03-15");
}

/* Property check of date_add_months over 2023..2027 and n in -25..25 against the rule restated independently. */
static void test_add_months_property(void **state) {
  (void)state;
  for (JwDate from = D("2023-01-01"); from <= D("2027-12-31"); from++) {
    int y, m, d;
    date_to_ymd(from, &y, &m, &d);
    int isLast = d == date_days_in_month(y, m);
    for (int n = -25; n <= 25; n++) {
      int ty, tm, td;
      date_to_ymd(date_add_months(from, n), &ty, &tm, &td);
      assert_int_equal(ty * 12 + (tm - 1), y * 12 + (m - 1) + n);
      int last = date_days_in_month(ty, tm);
      int want = isLast ? last : (d < last ? d : last);
      assert_int_equal(td, want);
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_known_day_numbers),
      cmocka_unit_test(test_weekday),
      cmocka_unit_test(test_leap_and_month_length),
      cmocka_unit_test(test_exhaustive_round_trip),
      cmocka_unit_test(test_parse),
      cmocka_unit_test(test_format),
      cmocka_unit_test(test_add_months),
      cmocka_unit_test(test_add_months_property),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
