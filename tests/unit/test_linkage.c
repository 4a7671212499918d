/* test_linkage.c: unit tests for the 行刑反向衔接 rules (src/core/linkage.c; DOMAIN.md 0.2, 4.2, 4.4): which step is
 * legal in which state and on which day, the penalties an agency can impose, and the three periods on the holiday
 * calendar, with 中止审查 moving the review's due day by the days the clock stood still.
 *
 * Calendar: the shipped 2024-2026 data (2026: 中秋 09-25..09-27, 国庆 10-01..10-07, 10-10 a working Saturday). */
#include "test_util.h"

#include "core/calendar.h"
#include "core/date.h"
#include "core/deadline.h"
#include "core/linkage.h"

static LinkageFacts under_review(const char *zDecided, const char *zRegistered) {
  LinkageFacts f;
  memset(&f, 0, sizeof f);
  f.state = LINKAGE_UNDER_REVIEW;
  f.decisionOn = D(zDecided);
  f.transferredOn = f.registeredOn = D(zRegistered);
  return f;
}

static const LinkageDeadline *find(const LinkageDeadline *a, int n, const char *zKind, int seq) {
  for (int i = 0; i < n; i++) {
    if (strcmp(a[i].zKind, zKind) == 0 && a[i].sequence == seq) return &a[i];
  }
  return NULL;
}

static void test_periods(void **state) {
  const JwCalendar *cal = *state;
  LinkageDeadline a[LINKAGE_MAX_DEADLINES];
  /* a 不起诉 on Monday 2026-03-02: transfer within 3 working days (03-05); registered 03-05: review 10 working
   * days (03-19) */
  LinkageFacts f = under_review("2026-03-02", "2026-03-05");
  f.transferredOn = D("2026-03-04");
  int n = linkage_deadlines(cal, &f, NULL, 0, a);
  assert_int_equal(n, 2);
  const LinkageDeadline *t = find(a, n, "linkage_transfer", 1), *r = find(a, n, "linkage_review", 1);
  assert_int_equal(t->due.due, D("2026-03-05"));
  assert_false(t->open);
  assert_int_equal(t->closedOn, D("2026-03-04"));
  assert_int_equal(r->due.due, D("2026-03-19"));
  assert_true(r->open);
  /* over 国庆: registered Monday 2026-09-28, the 10th working day is Friday 10-16 (10-10 a working Saturday) */
  f = under_review("2026-09-25", "2026-09-28");
  n = linkage_deadlines(cal, &f, NULL, 0, a);
  assert_int_equal(find(a, n, "linkage_review", 1)->due.due, D("2026-10-16"));
  /* the transfer period from a 不起诉 inside 中秋 counts working days only: 09-28, 09-29, 09-30 */
  assert_int_equal(find(a, n, "linkage_transfer", 1)->due.due, D("2026-09-30"));
  /* an extension by the 检察长 of 5 working days: 10-23 */
  f.extensionDays = 5;
  n = linkage_deadlines(cal, &f, NULL, 0, a);
  assert_int_equal(find(a, n, "linkage_review", 1)->due.due, D("2026-10-23"));
}

static void test_suspension_moves_the_due_day(void **state) {
  const JwCalendar *cal = *state;
  LinkageDeadline a[LINKAGE_MAX_DEADLINES];
  /* registered 2026-03-05, due 03-19; suspended 03-09, resumed 03-16: the 7 days carry the due day to 03-26 */
  LinkageFacts f = under_review("2026-03-02", "2026-03-05");
  ClockStop stop = {D("2026-03-09"), D("2026-03-16")};
  int n = linkage_deadlines(cal, &f, &stop, 1, a);
  const LinkageDeadline *r = find(a, n, "linkage_review", 1);
  assert_int_equal(r->due.due, D("2026-03-26"));
  assert_int_equal(r->due.stopDays, 7);
  /* while suspended: no due day, the days left at the stop (03-19 - 03-09) */
  ClockStop open = {D("2026-03-09"), 0};
  n = linkage_deadlines(cal, &f, &open, 1, a);
  r = find(a, n, "linkage_review", 1);
  assert_true(r->due.suspended);
  assert_int_equal(r->due.due, 0);
  assert_int_equal(r->due.daysLeft, 10);
  /* on the holiday calendar: registered Monday 2026-09-21, due 10-12 (09-25..27 and 10-01..07 skipped, 10-10
   * counted); 5 suspended days put the nominal day on Saturday 10-17, rolled to Monday 10-19 (CPL 105) */
  f = under_review("2026-09-18", "2026-09-21");
  n = linkage_deadlines(cal, &f, NULL, 0, a);
  assert_int_equal(find(a, n, "linkage_review", 1)->due.due, D("2026-10-12"));
  ClockStop five = {D("2026-09-22"), D("2026-09-27")};
  n = linkage_deadlines(cal, &f, &five, 1, a);
  r = find(a, n, "linkage_review", 1);
  assert_int_equal(r->due.nominal, D("2026-10-17"));
  assert_int_equal(r->due.due, D("2026-10-19"));
}

static void test_reply_periods(void **state) {
  const JwCalendar *cal = *state;
  LinkageDeadline a[LINKAGE_MAX_DEADLINES];
  LinkageFacts f = under_review("2026-03-02", "2026-03-05");
  f.state = LINKAGE_AWAITING_REPLY;
  f.outcomeOn = D("2026-03-23");
  f.servedOn = D("2026-03-25");
  f.replyMonths = 2;
  int n = linkage_deadlines(cal, &f, NULL, 0, a);
  const LinkageDeadline *r = find(a, n, "linkage_reply", 1);
  assert_int_equal(r->due.due, D("2026-05-25"));
  assert_false(find(a, n, "linkage_review", 1)->open);
  /* served 2026-02-28 (a working Saturday, the month's last day): 3 months configured end on the last day of May
   * (DOMAIN 0.1), Sunday 05-31, rolled to Monday 06-01 */
  f.servedOn = D("2026-02-28");
  f.replyMonths = 3;
  n = linkage_deadlines(cal, &f, NULL, 0, a);
  assert_int_equal(find(a, n, "linkage_reply", 1)->due.due, D("2026-06-01"));
  /* a 督促 closes the first period and gives its own days (15 from 06-01: 06-16) */
  f.servedOn = D("2026-03-25");
  f.replyMonths = 2;
  f.state = LINKAGE_FOLLOW_UP;
  f.urgedOn = D("2026-06-01");
  f.urges = 1;
  f.urgeDays = 15;
  n = linkage_deadlines(cal, &f, NULL, 0, a);
  assert_int_equal(find(a, n, "linkage_reply", 1)->closedOn, D("2026-06-01"));
  assert_int_equal(find(a, n, "linkage_reply", 2)->due.due, D("2026-06-16"));
  /* the reply closes what runs */
  f.replyOn = D("2026-06-10");
  n = linkage_deadlines(cal, &f, NULL, 0, a);
  assert_false(find(a, n, "linkage_reply", 2)->open);
}

static void test_steps(void **state) {
  (void)state;
  const char *zField;
  JwDate today = D("2026-12-02");
  LinkageFacts f = under_review("2026-03-02", "2026-03-05");
  /* 中止审查 needs a pending 复议/复核/申诉/自诉, recorded before the suspension */
  assert_non_null(linkage_check_event(&f, LEV_SUSPEND, D("2026-03-09"), today, &zField));
  assert_string_equal(zField, "kind");
  f.requestOn = D("2026-03-10");
  assert_non_null(linkage_check_event(&f, LEV_SUSPEND, D("2026-03-09"), today, &zField));
  assert_string_equal(zField, "on");
  assert_null(linkage_check_event(&f, LEV_SUSPEND, D("2026-03-10"), today, &zField));
  /* no date in the future, none before the 不起诉 */
  assert_non_null(linkage_check_event(&f, LEV_SUSPEND, D("2026-12-03"), today, &zField));
  assert_string_equal(zField, "on");
  assert_non_null(linkage_check_event(&f, LEV_REQUEST, D("2026-03-01"), today, &zField));
  /* registration only after the transfer */
  LinkageFacts p = f;
  p.state = LINKAGE_PENDING_TRANSFER;
  assert_non_null(linkage_check_event(&p, LEV_REGISTER, D("2026-03-05"), today, &zField));
  assert_null(linkage_check_event(&p, LEV_TRANSFER, D("2026-03-04"), today, &zField));
  /* an outcome follows the 行政检察 opinion */
  assert_non_null(linkage_check_event(&f, LEV_PROCURATORIAL, D("2026-03-20"), today, &zField));
  f.adminOpinion = 1;
  assert_null(linkage_check_event(&f, LEV_PROCURATORIAL, D("2026-03-20"), today, &zField));
  assert_non_null(linkage_check_event(&f, LEV_TERMINATE, D("2026-03-20"), today, &zField));
  /* closure: not before an outcome, not while the reply is awaited, only once */
  assert_non_null(linkage_check_event(&f, LEV_CLOSE, D("2026-03-20"), today, &zField));
  f.state = LINKAGE_AWAITING_REPLY;
  f.outcomeOn = D("2026-03-23");
  f.servedOn = D("2026-03-25");
  f.replyDue = D("2026-05-25");
  assert_non_null(linkage_check_event(&f, LEV_CLOSE, D("2026-04-20"), today, &zField));
  /* a reply not before the service; 督促 only after the reply period */
  assert_non_null(linkage_check_event(&f, LEV_REPLY, D("2026-03-24"), today, &zField));
  assert_string_equal(zField, "on");
  assert_null(linkage_check_event(&f, LEV_REPLY, D("2026-03-25"), today, &zField));
  assert_non_null(linkage_check_event(&f, LEV_URGE, D("2026-05-25"), today, &zField));
  assert_null(linkage_check_event(&f, LEV_URGE, D("2026-05-26"), today, &zField));
  f.state = LINKAGE_REPLIED;
  f.replyOn = D("2026-04-20");
  assert_non_null(linkage_check_event(&f, LEV_REPLY, D("2026-04-21"), today, &zField));
  assert_non_null(linkage_check_event(&f, LEV_CLOSE, D("2026-04-19"), today, &zField));
  assert_null(linkage_check_event(&f, LEV_CLOSE, D("2026-04-21"), today, &zField));
  f.state = LINKAGE_CLOSED;
  assert_non_null(linkage_check_event(&f, LEV_CLOSE, D("2026-04-22"), today, &zField));
  assert_non_null(linkage_check_event(&f, LEV_DECISION_CHANGED, D("2026-04-22"), today, &zField));
}

static void test_codes(void **state) {
  (void)state;
  assert_true(linkage_penalty_fits("disciplinary", "supervision"));
  assert_false(linkage_penalty_fits("disciplinary", "public_security"));
  assert_true(linkage_penalty_fits("licence_revocation", "public_security"));
  assert_false(linkage_penalty_fits("licence_revocation", "other"));
  assert_false(linkage_penalty_fits("fine", "court"));
  assert_false(linkage_penalty_fits("fine", "supervision"));
  assert_true(linkage_penalty_fits("fine", NULL));
  assert_false(linkage_penalty_fits("prison", NULL));
  assert_true(linkage_terminate_reason_valid("time_barred"));
  assert_false(linkage_terminate_reason_valid("forgotten"));
  LinkageEventKind k;
  assert_int_equal(linkage_event_parse("procuratorial_opinion", &k), 0);
  assert_int_equal(k, LEV_PROCURATORIAL);
  assert_int_equal(linkage_event_parse("bogus", &k), -1);
  LinkageState s;
  assert_int_equal(linkage_state_parse("follow_up", &s), 0);
  assert_string_equal(linkage_state_code(s), "follow_up");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_periods, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_suspension_moves_the_due_day, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_reply_periods, setup_builtin, teardown_calendar),
      cmocka_unit_test(test_steps),
      cmocka_unit_test(test_codes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
