/* test_petition_rules.c: unit tests for the petition's pure rules (src/core/petition.c; DOMAIN.md 0.2 and 6): the
 * codes and labels, the state checks of each step, the procedural reply in both units across 国庆 2025, and the
 * result reply with its monthly follow-ups derived from the replies and the closing day.
 *
 * Calendar: the shipped 2024-2026 data (国庆+中秋 2025: 10-01..10-08 off, 09-28 and 10-11 worked). */
#include "test_util.h"

#include "core/petition.h"

static void test_codes(void **state) {
  (void)state;
  assert_true(pet_code_in(pet_channel_codes, "visit"));
  assert_false(pet_code_in(pet_channel_codes, "fax"));
  assert_false(pet_code_in(pet_channel_codes, NULL));
  assert_string_equal(pet_label(pet_channel_codes, "visit"), "来访");
  assert_string_equal(pet_label(pet_category_codes, "criminal_appeal"), "刑事申诉");
  assert_string_equal(pet_label(pet_function_codes, "women_children"), "妇女儿童权益保护");
  assert_string_equal(pet_label(pet_state_codes, "closed"), "已办结");
  assert_string_equal(pet_label(pet_risk_codes, "unknown"), "unknown");
  int n = 0;
  while (pet_function_codes[n]) n++;
  assert_int_equal(n, 8); /* the eight functions of the 12309 center */
  n = 0;
  while (pet_category_codes[n]) n++;
  assert_int_equal(n, 9);
  PetState st;
  assert_int_equal(pet_state_parse("litigation", &st), 0);
  assert_int_equal(st, PET_LITIGATION);
  assert_int_equal(pet_state_parse("nope", &st), -1);
  assert_string_equal(pet_default_function("public_interest"), "public_interest");
  assert_string_equal(pet_default_function("complaint"), "complaint_intake");
}

static void test_state_checks(void **state) {
  (void)state;
  PetState to;
  assert_int_equal(pet_disposition_state("transfer", &to), 0);
  assert_int_equal(to, PET_TRANSFERRED);
  assert_int_equal(pet_disposition_state("reply", &to), -1);
  assert_null(pet_check_state(PET_REGISTERED, "accept"));
  assert_null(pet_check_state(PET_REGISTERED, "reply"));
  assert_non_null(pet_check_state(PET_ACCEPTED, "reject")); /* one disposition only */
  assert_null(pet_check_state(PET_ACCEPTED, "reply"));
  assert_null(pet_check_state(PET_TRANSFERRED, "handler"));
  assert_non_null(pet_check_state(PET_CLOSED, "reply")); /* a closed petition takes no step */
  assert_non_null(pet_check_state(PET_CLOSED, "risk"));
}

static void test_procedural(void **state) {
  const JwCalendar *cal = *state;
  JwDate due;
  int prov;
  /* 7 days from 2025-09-24 end on 10-01 (国庆): moved to the first working day, 10-09 */
  assert_int_equal(pet_procedural_due(cal, D("2025-09-24"), 0, &due, &prov), 0);
  assert_int_equal(due, D("2025-10-09"));
  /* 7 working days: 09-25, 09-26, 09-28 (调休 Sunday), 09-29, 09-30, 10-09, 10-10 */
  assert_int_equal(pet_procedural_due(cal, D("2025-09-24"), 1, &due, &prov), 0);
  assert_int_equal(due, D("2025-10-10"));
  JwLength len = pet_procedural_length(1);
  assert_int_equal(len.n, 7);
  assert_int_equal(len.unit, JW_UNIT_WORKDAYS);
}

static void test_periods(void **state) {
  const JwCalendar *cal = *state;
  PetPeriod a[PET_MAX_PERIODS];
  int n;
  JwDate R = D("2025-09-24");
  /* no reply: the 3-month period runs alone */
  assert_int_equal(pet_reply_periods(cal, R, NULL, 0, 0, a, PET_MAX_PERIODS, &n), 0);
  assert_int_equal(n, 1);
  assert_int_equal(a[0].sequence, 0);
  assert_int_equal(a[0].due, D("2025-12-24"));
  assert_true(a[0].open);
  /* a result reply in time, then two monthly follow-ups: the third follow-up runs */
  JwDate r3[] = {D("2025-12-10"), D("2026-01-20"), D("2026-02-12")};
  assert_int_equal(pet_reply_periods(cal, R, r3, 3, 0, a, PET_MAX_PERIODS, &n), 0);
  assert_int_equal(n, 4);
  assert_int_equal(a[0].closedOn, D("2025-12-10"));
  assert_int_equal(a[1].due, D("2026-01-26")); /* 01-24 is a Saturday */
  assert_int_equal(a[1].closedOn, D("2026-01-20"));
  assert_int_equal(a[2].due, D("2026-02-24"));
  assert_int_equal(a[2].closedOn, D("2026-02-12"));
  assert_int_equal(a[3].sequence, 3);
  assert_int_equal(a[3].due, D("2026-03-24"));
  assert_true(a[3].open);
  /* a reply on the nominal last day of the 3-month period answers that period only */
  JwDate onDue[] = {D("2025-12-24")};
  assert_int_equal(pet_reply_periods(cal, R, onDue, 1, 0, a, PET_MAX_PERIODS, &n), 0);
  assert_int_equal(n, 2);
  assert_true(a[1].open);
  /* a late reply (2026-02-10) answers every period begun before it; the next runs */
  JwDate late[] = {D("2026-02-10")};
  assert_int_equal(pet_reply_periods(cal, R, late, 1, 0, a, PET_MAX_PERIODS, &n), 0);
  assert_int_equal(n, 4);
  assert_int_equal(a[0].closedOn, D("2026-02-10"));
  assert_int_equal(a[1].closedOn, D("2026-02-10"));
  assert_int_equal(a[2].closedOn, D("2026-02-10")); /* begun after 01-24, due 02-24: in time */
  assert_true(a[3].open);
  /* closed on 2026-01-05 after a reply in time: the first follow-up began before and ends with the closure */
  JwDate one[] = {D("2025-12-01")};
  assert_int_equal(pet_reply_periods(cal, R, one, 1, D("2026-01-05"), a, PET_MAX_PERIODS, &n), 0);
  assert_int_equal(n, 2);
  assert_false(a[1].open);
  assert_int_equal(a[1].closedOn, D("2026-01-05"));
  /* closed within the 3 months: one period, closed by its reply */
  assert_int_equal(pet_reply_periods(cal, R, one, 1, D("2025-12-02"), a, PET_MAX_PERIODS, &n), 0);
  assert_int_equal(n, 1);
  assert_int_equal(a[0].closedOn, D("2025-12-01"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_codes),
      cmocka_unit_test(test_state_checks),
      cmocka_unit_test_setup_teardown(test_procedural, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_periods, setup_builtin, teardown_calendar),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
