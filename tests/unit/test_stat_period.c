/* test_stat_period.c: report periods (src/core/stat_period.c): the four text forms, refusals, and 同比 / 环比 with
 * values computed by hand (leap years, quarters across the year end, custom ranges). */
#include "test_util.h"

#include "core/stat_period.h"

static StatPeriod parse_ok(const char *z) {
  StatPeriod p;
  const char *zWhy = NULL;
  if (stat_period_parse(z, strlen(z), &p, &zWhy)) fail_msg("%s refused: %s", z, zWhy);
  return p;
}

static void expect(StatPeriod p, StatPeriodKind k, const char *zFrom, const char *zTo) {
  char a[11], b[11];
  date_format(p.from, a);
  date_format(p.to, b);
  assert_int_equal(p.kind, k);
  assert_string_equal(a, zFrom);
  assert_string_equal(b, zTo);
}

static void test_parse(void **state) {
  (void)state;
  expect(parse_ok("2025-03"), STAT_MONTH, "2025-03-01", "2025-03-31");
  expect(parse_ok("2024-02"), STAT_MONTH, "2024-02-01", "2024-02-29");
  expect(parse_ok("2025-Q1"), STAT_QUARTER, "2025-01-01", "2025-03-31");
  expect(parse_ok("2025-Q4"), STAT_QUARTER, "2025-10-01", "2025-12-31");
  expect(parse_ok("2025"), STAT_YEAR, "2025-01-01", "2025-12-31");
  expect(parse_ok("2025-01-10..2025-02-09"), STAT_CUSTOM, "2025-01-10", "2025-02-09");
  expect(parse_ok("2025-01-10..2025-01-10"), STAT_CUSTOM, "2025-01-10", "2025-01-10");
  const char *bad[] = {"",
                       "2025-3",
                       "2025-q1",
                       "2025-Q5",
                       "2025-Q0",
                       "2025-13",
                       "2025-00",
                       " 2025",
                       "2025 ",
                       "20255",
                       "1899",
                       "2025-1-10..2025-02-09",
                       "2025-02-10..2025-01-01",
                       "2025-02-30..2025-03-01",
                       "2025-01-10...2025-02-09",
                       "2025-01-10—2025-02-09",
                       "二〇二五"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    StatPeriod p = {STAT_YEAR, 7, 7};
    const char *zWhy = NULL;
    if (stat_period_parse(bad[i], strlen(bad[i]), &p, &zWhy) == 0) fail_msg("%s accepted", bad[i]);
    assert_non_null(zWhy);
    assert_int_equal(p.from, 7); /* unchanged */
  }
  StatPeriod p;
  assert_int_equal(stat_period_parse(NULL, 0, &p, NULL), -1);
  /* not NUL-terminated: only n bytes are read */
  assert_int_equal(stat_period_parse("2025-03xyz", 7, &p, NULL), 0);
  expect(p, STAT_MONTH, "2025-03-01", "2025-03-31");
}

static void test_year_ago(void **state) {
  (void)state;
  expect(stat_period_year_ago(parse_ok("2025-03")), STAT_MONTH, "2024-03-01", "2024-03-31");
  expect(stat_period_year_ago(parse_ok("2024-02")), STAT_MONTH, "2023-02-01", "2023-02-28");
  expect(stat_period_year_ago(parse_ok("2025-02")), STAT_MONTH, "2024-02-01", "2024-02-29");
  expect(stat_period_year_ago(parse_ok("2025-Q1")), STAT_QUARTER, "2024-01-01", "2024-03-31");
  expect(stat_period_year_ago(parse_ok("2025")), STAT_YEAR, "2024-01-01", "2024-12-31");
  expect(stat_period_year_ago(parse_ok("2024-02-10..2024-02-29")), STAT_CUSTOM, "2023-02-10", "2023-02-28");
  expect(stat_period_year_ago(parse_ok("2024-02-29..2024-03-05")), STAT_CUSTOM, "2023-02-28", "2023-03-05");
  expect(stat_period_year_ago(parse_ok("2025-01-10..2025-02-09")), STAT_CUSTOM, "2024-01-10", "2024-02-09");
}

static void test_previous(void **state) {
  (void)state;
  expect(stat_period_previous(parse_ok("2025-03")), STAT_MONTH, "2025-02-01", "2025-02-28");
  expect(stat_period_previous(parse_ok("2024-03")), STAT_MONTH, "2024-02-01", "2024-02-29");
  expect(stat_period_previous(parse_ok("2025-01")), STAT_MONTH, "2024-12-01", "2024-12-31");
  expect(stat_period_previous(parse_ok("2025-Q1")), STAT_QUARTER, "2024-10-01", "2024-12-31");
  expect(stat_period_previous(parse_ok("2025-Q3")), STAT_QUARTER, "2025-04-01", "2025-06-30");
  expect(stat_period_previous(parse_ok("2025")), STAT_YEAR, "2024-01-01", "2024-12-31");
  /* custom: the same number of days before (31 days: Dec 10..31 is 22, Jan 1..9 is 9) */
  StatPeriod c = parse_ok("2025-01-10..2025-02-09");
  assert_int_equal(stat_period_days(c), 31);
  expect(stat_period_previous(c), STAT_CUSTOM, "2024-12-10", "2025-01-09");
  /* 20 days in a leap February: Jan 21..31 is 11, Feb 1..9 is 9 */
  expect(stat_period_previous(parse_ok("2024-02-10..2024-02-29")), STAT_CUSTOM, "2024-01-21", "2024-02-09");
}

static void test_from_range_and_format(void **state) {
  (void)state;
  StatPeriod p;
  char z[STAT_PERIOD_TEXT_MAX];
  assert_int_equal(stat_period_from_range(date_from_ymd(2025, 1, 1), date_from_ymd(2025, 3, 31), &p), 0);
  assert_int_equal(p.kind, STAT_QUARTER);
  stat_period_format(p, z);
  assert_string_equal(z, "2025-Q1");
  assert_int_equal(stat_period_from_range(date_from_ymd(2024, 2, 1), date_from_ymd(2024, 2, 29), &p), 0);
  assert_int_equal(p.kind, STAT_MONTH);
  stat_period_format(p, z);
  assert_string_equal(z, "2024-02");
  assert_int_equal(stat_period_from_range(date_from_ymd(2024, 2, 1), date_from_ymd(2024, 2, 28), &p), 0);
  assert_int_equal(p.kind, STAT_CUSTOM);
  assert_int_equal(stat_period_from_range(date_from_ymd(2025, 1, 1), date_from_ymd(2025, 12, 31), &p), 0);
  assert_int_equal(p.kind, STAT_YEAR);
  stat_period_format(p, z);
  assert_string_equal(z, "2025");
  assert_int_equal(stat_period_from_range(date_from_ymd(2025, 2, 1), date_from_ymd(2025, 4, 30), &p), 0);
  assert_int_equal(p.kind, STAT_CUSTOM);
  stat_period_format(p, z);
  assert_string_equal(z, "2025-02-01..2025-04-30");
  assert_int_equal(stat_period_from_range(date_from_ymd(2025, 2, 2), date_from_ymd(2025, 2, 1), &p), -1);
  assert_string_equal(stat_period_kind_code(STAT_QUARTER), "quarter");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse),
      cmocka_unit_test(test_year_ago),
      cmocka_unit_test(test_previous),
      cmocka_unit_test(test_from_range_and_format),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
