/* test_people_rules.c: unit tests for the people capability's pure rules (src/core/people.c; DOMAIN.md 0.5): the
 * 小轮岗 schedule across 劳动节 on the shipped calendar, overlapping ranges, the 大轮岗 cycle, the missed-talk rule,
 * the fourth-quarter 示范 warning and the talk checks. */
#include "test_util.h"

#include "core/people.h"

static void test_schedule_across_holiday(void **state) {
  const JwCalendar *cal = *state;
  PeopleStint a[3];
  assert_int_equal(people_schedule(cal, D("2025-01-02"), 3, (JwLength){4, JW_UNIT_MONTHS}, a), 0);
  assert_date(a[0].start, "2025-01-02");
  /* 2025-01-01 + 4 months = 2025-05-01, inside 劳动节 (05-01..05-05): the stint ends on 05-06 */
  assert_date(a[0].end, "2025-05-06");
  assert_date(a[1].start, "2025-05-07");
  /* 05-06 + 4 months = 09-06, a Saturday: moved to Monday 09-08 */
  assert_date(a[1].end, "2025-09-08");
  assert_date(a[2].start, "2025-09-09");
  assert_date(a[2].end, "2026-01-08");
  assert_int_equal(a[0].provisional, 0);
  /* a stint ending on 2025-10-01 (国庆) moves to 10-09 and the next starts on 10-10 (10-11 is a 调休 Saturday) */
  assert_int_equal(people_schedule(cal, D("2025-06-02"), 2, (JwLength){4, JW_UNIT_MONTHS}, a), 0);
  assert_date(a[0].end, "2025-10-09");
  assert_date(a[1].start, "2025-10-10");
}

static void test_schedule_bounds(void **state) {
  const JwCalendar *cal = *state;
  PeopleStint a[PEOPLE_STINTS_MAX + 1];
  assert_int_equal(people_schedule(cal, D("2025-01-02"), 0, (JwLength){4, JW_UNIT_MONTHS}, a), -1);
  assert_int_equal(people_schedule(cal, D("2025-01-02"), PEOPLE_STINTS_MAX + 1, (JwLength){4, JW_UNIT_MONTHS}, a), -1);
  assert_int_equal(people_schedule(cal, D("2025-01-02"), 2, (JwLength){13, JW_UNIT_MONTHS}, a), -1);
  assert_int_equal(people_schedule(cal, D("2025-01-02"), 2, (JwLength){30, JW_UNIT_DAYS}, a), -1);
  assert_int_equal(people_schedule(cal, D("2025-01-02"), PEOPLE_STINTS_MAX, (JwLength){1, JW_UNIT_MONTHS}, a), 0);
  /* a year outside the shipped calendar is provisional */
  assert_int_equal(people_schedule(cal, D("2026-10-01"), 2, (JwLength){4, JW_UNIT_MONTHS}, a), 0);
  assert_int_equal(a[1].provisional, 1);
}

static void test_overlap(void **state) {
  (void)state;
  assert_true(people_ranges_overlap(D("2025-01-01"), D("2025-04-30"), D("2025-04-30"), D("2025-08-31")));
  assert_false(people_ranges_overlap(D("2025-01-01"), D("2025-04-30"), D("2025-05-01"), D("2025-08-31")));
  assert_false(people_ranges_overlap(D("2025-05-01"), D("2025-08-31"), D("2025-01-01"), D("2025-04-30")));
  /* an open end overlaps everything after its start */
  assert_true(people_ranges_overlap(D("2025-01-01"), 0, D("2030-01-01"), D("2030-02-01")));
  assert_false(people_ranges_overlap(D("2025-01-01"), 0, D("2024-01-01"), D("2024-12-31")));
}

static void test_cycle(void **state) {
  (void)state;
  assert_date(people_cycle_on(D("2023-03-31"), 36), "2026-03-31");
  assert_false(people_cycle_due(D("2023-12-02"), 36, D("2026-12-01")));
  assert_true(people_cycle_due(D("2023-12-02"), 36, D("2026-12-02")));
  assert_true(people_cycle_due(D("2024-06-01"), 24, D("2026-12-02")));
}

static void test_mentoring(void **state) {
  (void)state;
  assert_date(people_talk_due(D("2025-01-31")), "2025-02-28");
  assert_false(people_talk_missed(D("2025-01-31"), D("2025-02-28")));
  assert_true(people_talk_missed(D("2025-01-31"), D("2025-03-01")));
  /* the 示范 warning: from 10-01 of the year, only while the mentor has none */
  assert_false(people_demo_warning(2025, 0, D("2025-09-30")));
  assert_true(people_demo_warning(2025, 0, D("2025-10-01")));
  assert_true(people_demo_warning(2025, 0, D("2026-01-05")));
  assert_false(people_demo_warning(2025, 1, D("2025-12-31")));
  assert_non_null(people_check_talk(D("2025-03-02"), D("2025-01-01"), D("2025-03-01")));
  assert_non_null(people_check_talk(D("2024-12-31"), D("2025-01-01"), D("2025-03-01")));
  assert_null(people_check_talk(D("2025-03-01"), D("2025-01-01"), D("2025-03-01")));
  assert_true(people_rating_is_valid("excellent"));
  assert_false(people_rating_is_valid("great"));
  assert_false(people_rating_is_valid(NULL));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_schedule_across_holiday, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_schedule_bounds, setup_builtin, teardown_calendar),
      cmocka_unit_test(test_overlap),
      cmocka_unit_test(test_cycle),
      cmocka_unit_test(test_mentoring),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
