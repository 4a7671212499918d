/* test_suggestion_rules.c: unit tests for the 检察建议's pure rules (src/core/suggestion.c; DOMAIN.md 5): the step
 * checks of every state (409 for a step the state refuses, 422 for a value that breaks a rule, naming the field),
 * the states the steps lead to, and the reply period on the shipped holiday calendar.
 *
 * Calendar: the shipped 2024-2026 data; the due days are DOMAIN.md 0.1's worked examples. */
#include "test_util.h"

#include "core/suggestion.h"

static SugFacts facts(SugState st, const char *zIssued, const char *zServed) {
  SugFacts f;
  memset(&f, 0, sizeof f);
  f.state = st;
  f.issuedOn = zIssued ? D(zIssued) : 0;
  f.servedOn = zServed ? D(zServed) : 0;
  return f;
}

/* Checks a step and returns its refusal (NULL: allowed), with the field and status. */
static const char *check(const SugFacts *f, SugStep s, const char **pField, int *pStatus) {
  return sug_check_step(f, &s, D("2026-06-30"), pField, pStatus);
}

static void test_service_and_reply_dates(void **state) {
  (void)state;
  const char *zField;
  int status;
  SugFacts draft = facts(SUG_DRAFT, NULL, NULL);
  /* a draft cannot be served: the state refuses it */
  assert_non_null(
      check(&draft, (SugStep){.kind = SUG_EV_SERVE, .on = D("2026-03-05"), .zMethod = "written"}, &zField, &status));
  assert_int_equal(status, 409);
  assert_null(zField);
  assert_null(check(&draft, (SugStep){.kind = SUG_EV_ISSUE, .on = D("2026-03-01")}, &zField, &status));

  SugFacts issued = facts(SUG_ISSUED, "2026-03-02", NULL);
  /* a service before the issue */
  assert_non_null(
      check(&issued, (SugStep){.kind = SUG_EV_SERVE, .on = D("2026-03-01"), .zMethod = "written"}, &zField, &status));
  assert_int_equal(status, 422);
  assert_string_equal(zField, "on");
  /* the issue day itself is allowed; an unknown method is not */
  assert_null(
      check(&issued, (SugStep){.kind = SUG_EV_SERVE, .on = D("2026-03-02"), .zMethod = "announced"}, &zField, &status));
  assert_non_null(
      check(&issued, (SugStep){.kind = SUG_EV_SERVE, .on = D("2026-03-02"), .zMethod = "fax"}, &zField, &status));
  assert_string_equal(zField, "method");
  /* a reply before the service: refused by the state */
  assert_non_null(
      check(&issued, (SugStep){.kind = SUG_EV_REPLY, .on = D("2026-03-10"), .zAdoption = "adopted"}, &zField, &status));
  assert_int_equal(status, 409);

  SugFacts served = facts(SUG_SERVED, "2026-03-02", "2026-03-05");
  /* a reply dated before the service day, or after today */
  assert_non_null(
      check(&served, (SugStep){.kind = SUG_EV_REPLY, .on = D("2026-03-04"), .zAdoption = "adopted"}, &zField, &status));
  assert_int_equal(status, 422);
  assert_string_equal(zField, "on");
  assert_non_null(
      check(&served, (SugStep){.kind = SUG_EV_REPLY, .on = D("2026-07-01"), .zAdoption = "adopted"}, &zField, &status));
  assert_string_equal(zField, "on");
  assert_null(
      check(&served, (SugStep){.kind = SUG_EV_REPLY, .on = D("2026-03-05"), .zAdoption = "partly"}, &zField, &status));
  assert_non_null(
      check(&served, (SugStep){.kind = SUG_EV_REPLY, .on = D("2026-03-06"), .zAdoption = "yes"}, &zField, &status));
  assert_string_equal(zField, "adoption");
  /* while an objection is pending, no reply */
  SugFacts objected = served;
  objected.state = SUG_OBJECTED;
  objected.objectionOn = D("2026-03-10");
  assert_non_null(check(&objected, (SugStep){.kind = SUG_EV_REPLY, .on = D("2026-03-11"), .zAdoption = "adopted"},
                        &zField, &status));
  assert_int_equal(status, 409);
  assert_non_null(check(&objected,
                        (SugStep){.kind = SUG_EV_OBJECTION_HANDLE, .on = D("2026-03-09"), .zResult = "amend"}, &zField,
                        &status));
  assert_string_equal(zField, "on");
}

static void test_objection_outcomes(void **state) {
  (void)state;
  SugFacts f = facts(SUG_OBJECTED, "2026-03-02", "2026-03-05");
  f.objectionOn = D("2026-03-10");
  SugStep amend = {.kind = SUG_EV_OBJECTION_HANDLE, .on = D("2026-03-12"), .zResult = "amend"};
  SugStep withdraw = {.kind = SUG_EV_OBJECTION_HANDLE, .on = D("2026-03-12"), .zResult = "withdraw"};
  SugStep rejected = {.kind = SUG_EV_OBJECTION_HANDLE, .on = D("2026-03-12"), .zResult = "rejected"};
  assert_int_equal(sug_next_state(&f, &amend), SUG_ISSUED);
  assert_int_equal(sug_next_state(&f, &withdraw), SUG_CLOSED);
  assert_int_equal(sug_next_state(&f, &rejected), SUG_SERVED);
  const char *zField;
  int status;
  SugStep bad = {.kind = SUG_EV_OBJECTION_HANDLE, .on = D("2026-03-12"), .zResult = "ignore"};
  assert_non_null(check(&f, bad, &zField, &status));
  assert_string_equal(zField, "result");
  /* only a served suggestion not yet answered takes an objection */
  SugFacts replied = facts(SUG_REPLIED, "2026-03-02", "2026-03-05");
  assert_non_null(check(&replied, (SugStep){.kind = SUG_EV_OBJECT, .on = D("2026-03-12")}, &zField, &status));
  assert_int_equal(status, 409);
}

static void test_closure(void **state) {
  (void)state;
  const char *zField;
  int status;
  SugFacts f = facts(SUG_REPLIED, "2026-03-02", "2026-03-05");
  f.replyOn = D("2026-04-01");
  f.zAdoption = "adopted";
  SugStep handled = {.kind = SUG_EV_CLOSE, .on = D("2026-05-01"), .zOutcome = "handled"};
  /* 办复 needs a 回访 that found the rectification done */
  assert_non_null(check(&f, handled, &zField, &status));
  assert_int_equal(status, 422);
  assert_string_equal(zField, "outcome");
  f.zLastVisitResult = "partly";
  f.lastVisitOn = D("2026-04-20");
  assert_non_null(check(&f, handled, &zField, &status));
  f.zLastVisitResult = "rectified";
  assert_null(check(&f, handled, &zField, &status));
  /* not before the 回访 */
  handled.on = D("2026-04-19");
  assert_non_null(check(&f, handled, &zField, &status));
  assert_string_equal(zField, "on");
  /* a visit before the reply day */
  assert_non_null(
      check(&f, (SugStep){.kind = SUG_EV_VISIT, .on = D("2026-03-31"), .zResult = "rectified"}, &zField, &status));
  assert_string_equal(zField, "on");
  /* a closed suggestion takes nothing, a second closure least of all */
  SugFacts closed = facts(SUG_CLOSED, "2026-03-02", "2026-03-05");
  assert_non_null(
      check(&closed, (SugStep){.kind = SUG_EV_CLOSE, .on = D("2026-05-01"), .zOutcome = "other"}, &zField, &status));
  assert_int_equal(status, 409);
  assert_non_null(check(&closed, (SugStep){.kind = SUG_EV_URGE, .on = D("2026-05-01")}, &zField, &status));
  /* a draft closes only as withdrawn; not_adopted_closed needs the reply */
  SugFacts draft = facts(SUG_DRAFT, NULL, NULL);
  assert_null(
      check(&draft, (SugStep){.kind = SUG_EV_CLOSE, .on = D("2026-05-01"), .zOutcome = "withdrawn"}, &zField, &status));
  assert_non_null(
      check(&draft, (SugStep){.kind = SUG_EV_CLOSE, .on = D("2026-05-01"), .zOutcome = "other"}, &zField, &status));
  SugFacts served = facts(SUG_SERVED, "2026-03-02", "2026-03-05");
  assert_non_null(check(&served,
                        (SugStep){.kind = SUG_EV_CLOSE, .on = D("2026-05-01"), .zOutcome = "not_adopted_closed"},
                        &zField, &status));
  assert_string_equal(zField, "outcome");
  /* escalation only after service, to a listed body */
  assert_null(
      check(&served, (SugStep){.kind = SUG_EV_ESCALATE, .on = D("2026-05-01"), .zTo = "npc"}, &zField, &status));
  assert_non_null(
      check(&served, (SugStep){.kind = SUG_EV_ESCALATE, .on = D("2026-05-01"), .zTo = "press"}, &zField, &status));
  assert_string_equal(zField, "to");
  SugFacts issued = facts(SUG_ISSUED, "2026-03-02", NULL);
  assert_non_null(check(&issued, (SugStep){.kind = SUG_EV_URGE, .on = D("2026-05-01")}, &zField, &status));
  assert_int_equal(status, 409);
}

static void test_reply_period(void **state) {
  const JwCalendar *cal = *state;
  JwLength two = sug_default_reply_length("correction", 0), urgent = sug_default_reply_length("public_interest", 1);
  assert_int_equal(two.n, 2);
  assert_int_equal(two.unit, JW_UNIT_MONTHS);
  assert_int_equal(urgent.n, 15);
  assert_int_equal(urgent.unit, JW_UNIT_DAYS);
  /* urgent only for 公益诉讼 */
  JwLength other = sug_default_reply_length("correction", 1);
  assert_int_equal(other.unit, JW_UNIT_MONTHS);
  JwDate due;
  int prov;
  /* 2 months from 2025-08-01 is 2025-10-01, inside 国庆+中秋 (10-01..10-08): the first working day after it */
  assert_int_equal(sug_reply_due(cal, D("2025-08-01"), two, &due, &prov), 0);
  assert_int_equal(due, D("2025-10-09"));
  /* 15 days from 2025-03-14 end on Saturday 03-29: Monday 03-31 (DOMAIN 0.1) */
  assert_int_equal(sug_reply_due(cal, D("2025-03-14"), urgent, &due, &prov), 0);
  assert_int_equal(due, D("2025-03-31"));
  /* month-end to month-end */
  assert_int_equal(sug_reply_due(cal, D("2025-03-31"), (JwLength){1, JW_UNIT_MONTHS}, &due, &prov), 0);
  assert_int_equal(due, D("2025-04-30"));
}

static void test_codes(void **state) {
  (void)state;
  SugState st;
  SugEventKind k;
  assert_int_equal(sug_state_parse("objected", &st), 0);
  assert_int_equal(st, SUG_OBJECTED);
  assert_int_equal(sug_state_parse("lost", &st), -1);
  assert_int_equal(sug_event_parse("objection_handle", &k), 0);
  assert_int_equal(k, SUG_EV_OBJECTION_HANDLE);
  assert_int_equal(sug_event_parse("", &k), -1);
  assert_true(sug_code_in(sug_type_codes, "social_governance"));
  assert_false(sug_code_in(sug_type_codes, NULL));
  assert_string_equal(sug_state_codes[SUG_CLOSED], "closed");
  assert_string_equal(sug_event_codes[SUG_EV_CLOSE], "close");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_service_and_reply_dates),
      cmocka_unit_test(test_objection_outcomes),
      cmocka_unit_test(test_closure),
      cmocka_unit_test_setup_teardown(test_reply_period, setup_builtin, teardown_calendar),
      cmocka_unit_test(test_codes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
