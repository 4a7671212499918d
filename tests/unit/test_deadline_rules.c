/* test_deadline_rules.c: unit tests for the one deadline capability's rules (src/core/deadline.c) and the hard
 * cases of the law that a review found wrong (issue: deadlines and approvals, section 3; DOMAIN.md 1.2, 1.3, 2):
 * custody judged on the nominal last day, an extension only while the period runs, the 审查逮捕 length fixed at
 * receipt, custody per person, stopped clocks (中止审查, 精神病鉴定), 附条件不起诉 and its probation, the complaint
 * periods after a 不起诉, the prompts of Rules 347 / CPL 175(4) / Rules 328, second judgments, and partial calendar
 * imports.
 *
 * Calendar: the shipped 2024-2026 data. Weekdays named in comments were checked with `date -d`. */
#include "test_util.h"

#include <stdio.h>

#include "core/calendar.h"
#include "core/case_rules.h"
#include "core/date.h"
#include "core/deadline.h"
#include "core/period.h"

/* A person pending decision whose custody history is the given changes ("2025-02-20", 1, ...; NULL ends). */
static CasePersonFacts person(long long id, const char *zOn, int inCustody, const char *zOn2, int inCustody2) {
  CasePersonFacts p;
  memset(&p, 0, sizeof p);
  p.id = id;
  p.sentenceRank = -1;
  p.aCustody[p.nCustody++] = (CustodyChange){D(zOn), inCustody, MEASURE_OTHER};
  if (zOn2) p.aCustody[p.nCustody++] = (CustodyChange){D(zOn2), inCustody2, MEASURE_OTHER};
  return p;
}

static CaseFacts facts(const char *zType, const char *zReceived, CasePersonFacts *a, int n) {
  CaseFacts f;
  memset(&f, 0, sizeof f);
  f.type = case_type_by_code(zType);
  assert_non_null(f.type);
  f.status = CASE_UNDER_REVIEW;
  f.receivedOn = f.clockStart = D(zReceived);
  f.aPerson = a;
  f.nPersons = n;
  for (int i = 0; i < n; i++) f.undecidedPersons += case_person_pending(&a[i]);
  return f;
}

/* The review deadline of person id in round seq, from case_deadlines(). */
static CaseDeadline review_of(const JwCalendar *cal, const CaseFacts *f, const CaseHistory *h, long long id, int seq) {
  static CaseDeadline out[CASE_MAX_DEADLINES];
  int n = case_deadlines(cal, f, h, out);
  assert_true(n > 0);
  for (int i = 0; i < n; i++) {
    if (out[i].kind == DEADLINE_REVIEW && out[i].personId == id && out[i].sequence == seq) return out[i];
  }
  fail_msg("no review deadline for person %lld round %d", id, seq);
  return out[0];
}

/* The deadline of a kind for person id (0: the case), or NULL. */
static const CaseDeadline *find_kind(const JwCalendar *cal, const CaseFacts *f, const CaseHistory *h, DeadlineKind k,
                                     long long id) {
  static CaseDeadline out[CASE_MAX_DEADLINES];
  int n = case_deadlines(cal, f, h, out);
  assert_true(n >= 0);
  for (int i = 0; i < n; i++) {
    if (out[i].kind == k && out[i].personId == id) return &out[i];
  }
  return NULL;
}

/* ---- the period clock ------------------------------------------------------------------------------------- */

/* DOMAIN 0.1's worked examples through the clock, and the stored-row recomputation giving the same day. */
static void test_clock_worked_examples(void **state) {
  JwCalendar *cal = *state;
  struct {
    const char *zFrom, *zLen;
    int bound;
    const char *zDue;
  } ex[] = {{"2025-03-05", "1m", 0, "2025-04-07"},
            {"2025-03-31", "1m", 0, "2025-04-30"},
            {"2025-09-24", "7d", 1, "2025-10-01"},
            {"2025-09-24", "7d", 0, "2025-10-09"},
            {"2025-03-14", "15d", 0, "2025-03-31"}};
  for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
    JwLength len;
    assert_int_equal(period_parse_length(ex[i].zLen, &len), 0);
    PeriodClock c = {D(ex[i].zFrom), len, 0, NULL, 0, ex[i].bound ? CUSTODY_ALWAYS : CUSTODY_NEVER, NULL, 0, 0};
    PeriodDue d;
    assert_int_equal(period_clock_due(cal, &c, &d), 0);
    assert_date(d.due, ex[i].zDue);
    JwDate stored;
    assert_int_equal(period_stored_due(cal, D(ex[i].zFrom), len, 0, 0, ex[i].bound, &stored, NULL), 0);
    assert_int_equal(stored, d.due);
  }
}

/* 中止审查 and 精神病鉴定: the days the clock stands are added; while suspended there is no due day. */
static void test_clock_stops(void **state) {
  JwCalendar *cal = *state;
  JwLength month = {1, JW_UNIT_MONTHS};
  /* 03-05 + 1 month = 04-05 (清明); suspended 03-10, resumed 03-20: +10 days = 04-15, a Tuesday */
  ClockStop s1 = {D("2025-03-10"), D("2025-03-20")};
  PeriodClock c = {D("2025-03-05"), month, 0, &s1, 1, CUSTODY_NEVER, NULL, 0, 0};
  PeriodDue d;
  assert_int_equal(period_clock_due(cal, &c, &d), 0);
  assert_date(d.due, "2025-04-15");
  assert_int_equal(d.stopDays, 10);
  assert_int_equal(d.suspended, 0);
  JwDate stored;
  assert_int_equal(period_stored_due(cal, D("2025-03-05"), month, 0, 10, 0, &stored, NULL), 0);
  assert_date(stored, "2025-04-15");
  /* still suspended: no due day; the days left when the clock stopped carry over (04-05 - 03-10 = 26) */
  ClockStop open = {D("2025-03-10"), 0};
  c.aStop = &open;
  assert_int_equal(period_clock_due(cal, &c, &d), 0);
  assert_int_equal(d.suspended, 1);
  assert_int_equal(d.daysLeft, 26);
  assert_int_equal(d.due, 0);
  /* 精神病鉴定 03-10..03-19 (10 days) is the stop [03-10, 03-20): the same shift */
  ClockStop ex = {D("2025-03-10"), D("2025-03-19") + 1};
  c.aStop = &ex;
  assert_int_equal(period_clock_due(cal, &c, &d), 0);
  assert_date(d.due, "2025-04-15");
  /* a stop that begins after the period ran out cannot stop a finished clock */
  ClockStop late = {D("2025-04-10"), D("2025-04-20")};
  c.aStop = &late;
  assert_int_equal(period_clock_due(cal, &c, &d), 0);
  assert_date(d.due, "2025-04-07");
  assert_int_equal(d.stopDays, 0);
}

/* The levels, with the new ones: suspended and lapsed (a party's period past its end is never "overdue"). */
static void test_levels(void **state) {
  (void)state;
  DeadlineState s = {1, 0, 0, D("2025-04-07"), 0, 5, 0};
  int left;
  assert_string_equal(deadline_state_level(&s, D("2025-04-08"), &left), "overdue");
  assert_int_equal(left, -1);
  s.lapses = 1;
  assert_string_equal(deadline_state_level(&s, D("2025-04-08"), &left), "lapsed");
  assert_string_equal(deadline_state_level(&s, D("2025-04-07"), &left), "due");
  s.lapses = 0;
  assert_string_equal(deadline_state_level(&s, D("2025-04-02"), &left), "warning");
  assert_string_equal(deadline_state_level(&s, D("2025-04-01"), &left), "normal");
  s.suspended = 1;
  s.daysLeft = 12;
  assert_string_equal(deadline_state_level(&s, D("2025-06-01"), &left), "suspended");
  assert_int_equal(left, 12);
  DeadlineState closed = {0, 0, 0, D("2025-04-07"), D("2025-04-08"), 5, 0};
  assert_string_equal(deadline_state_level(&closed, D("2025-04-20"), NULL), "late");
  closed.closedOn = D("2025-04-07");
  assert_string_equal(deadline_state_level(&closed, D("2025-04-20"), NULL), "met");
  /* a party's period that has run is written closed on its due day, and reads "lapsed" */
  assert_false(deadline_lapsed(1, 1, D("2025-04-07"), D("2025-04-07")));
  assert_true(deadline_lapsed(1, 1, D("2025-04-07"), D("2025-04-08")));
  assert_false(deadline_lapsed(0, 1, D("2025-04-07"), D("2025-04-08")));
  assert_false(deadline_lapsed(1, 0, D("2025-04-07"), D("2025-04-08")));
  closed.lapses = 1;
  assert_string_equal(deadline_state_level(&closed, D("2025-04-20"), NULL), "lapsed");
  /* every kind has its name, article and warning days */
  for (int i = 0; i < deadline_kinds_count; i++) {
    assert_non_null(deadline_kind_by_code(deadline_kinds[i].zCode));
    assert_true(deadline_kinds[i].zName[0] && deadline_kinds[i].zRule[0] && deadline_kinds[i].warnDays > 0);
  }
  for (int k = 0; k < DEADLINE_KIND_COUNT; k++) {
    assert_ptr_equal(deadline_kind_by_code(deadline_kind_code((DeadlineKind)k)), &deadline_kinds[k]);
  }
  assert_null(deadline_kind_by_code("nonsense"));
}

/* ---- 3.1 custody is judged on the day that matters --------------------------------------------------------- */

static void test_custody_on_the_nominal_last_day(void **state) {
  JwCalendar *cal = *state;
  CaseHistory h;
  memset(&h, 0, sizeof h);
  /* detained since 02-20; received 03-05; 1 month = Sat 04-05 (清明): custody-bound, it stays 04-05 */
  CasePersonFacts p = person(1, "2025-02-20", 1, NULL, 0);
  CaseFacts f = facts("prosecution_review", "2025-03-05", &p, 1);
  CaseDeadline d = review_of(cal, &f, &h, 1, 1);
  assert_int_equal(d.custodyBound, 1);
  assert_date(d.dueOn, "2025-04-05");
  /* released on bail on 04-10, after the period ran out in custody: it stays 04-05, still running late */
  p = person(1, "2025-02-20", 1, "2025-04-10", 0);
  f = facts("prosecution_review", "2025-03-05", &p, 1);
  d = review_of(cal, &f, &h, 1, 1);
  assert_int_equal(d.custodyBound, 1);
  assert_date(d.dueOn, "2025-04-05");
  assert_int_equal(d.open, 1);
  assert_string_equal(deadline_level(&d, D("2025-04-12"), NULL), "overdue");
  /* released on 04-05 itself: in custody that morning, so still custody-bound */
  p = person(1, "2025-02-20", 1, "2025-04-05", 0);
  f = facts("prosecution_review", "2025-03-05", &p, 1);
  assert_date(review_of(cal, &f, &h, 1, 1).dueOn, "2025-04-05");
  /* released before the nominal last day (04-01): the period rolls past 清明 to Mon 04-07 */
  p = person(1, "2025-02-20", 1, "2025-04-01", 0);
  f = facts("prosecution_review", "2025-03-05", &p, 1);
  d = review_of(cal, &f, &h, 1, 1);
  assert_int_equal(d.custodyBound, 0);
  assert_date(d.dueOn, "2025-04-07");
  /* detained on the nominal last day: in custody that day, custody-bound */
  p = person(1, "2025-03-05", 0, "2025-04-05", 1);
  f = facts("prosecution_review", "2025-03-05", &p, 1);
  assert_date(review_of(cal, &f, &h, 1, 1).dueOn, "2025-04-05");
  /* a period closed by its decision before the nominal day keeps the custody it ran under: the arrest that follows
   * 批准逮捕 on the decision day does not make a bailed suspect's period custody-bound */
  p = person(1, "2025-06-04", 0, "2025-06-13", 1);
  p.decidedOn = D("2025-06-13");
  f = facts("arrest_review", "2025-06-04", &p, 1);
  f.status = CASE_CONCLUDED;
  f.concludedOn = D("2025-06-13");
  d = review_of(cal, &f, &h, 1, 1);
  assert_int_equal(d.custodyBound, 0);
  assert_int_equal(d.open, 0);
  assert_string_equal(deadline_level(&d, D("2025-07-01"), NULL), "met");
}

/* ---- 3.2 an extension only while the period runs; Rules 297 特殊情况 --------------------------------------- */

static void test_extension_only_while_running(void **state) {
  JwCalendar *cal = *state;
  CaseHistory h;
  memset(&h, 0, sizeof h);
  CasePersonFacts p = person(1, "2025-03-01", 0, NULL, 0);
  CaseFacts f = facts("prosecution_review", "2025-03-05", &p, 1);
  f.majorComplex = 1;
  CaseDeadline aD[CASE_MAX_DEADLINES];
  int n = case_deadlines(cal, &f, &h, aD);
  CasePersonFacts *pp = &p;
  case_facts_set_review_due(&f, pp, &h, aD, n);
  assert_date(f.reviewDue, "2025-04-07");
  assert_date(p.reviewDue, "2025-04-07");
  const char *zField;
  assert_null(case_check_event(&f, EVENT_EXTEND, D("2025-04-07"), &zField));
  const char *zWhy = case_check_event(&f, EVENT_EXTEND, D("2025-04-08"), &zField);
  assert_non_null(zWhy);
  assert_string_equal(zField, "on");
  assert_non_null(strstr(zWhy, "届满"));
  /* 审查决定逮捕 of a detained suspect: 特殊情况 (Rules 297), no 重大复杂 needed; the named days count */
  CasePersonFacts q = person(1, "2025-09-20", 1, NULL, 0);
  CaseFacts g = facts("arrest_decision", "2025-09-21", &q, 1);
  g.reviewDue = D("2025-09-28");
  assert_null(case_check_event(&g, EVENT_EXTEND, D("2025-09-25"), &zField));
  assert_int_equal(case_extension_days_named(&g), 3); /* the extension names 1 to 3 days */
  assert_int_equal(case_extension_days_named(&f), 0); /* 审查起诉: the law's fixed 15 days */
  h.aExtendedSet[0] = 1;
  h.aExtended[0] = 2;
  /* Sun 09-21 + 7 + 2 = Tue 09-30, custody-bound */
  CaseDeadline d = review_of(cal, &g, &h, 1, 1);
  assert_date(d.dueOn, "2025-09-30");
  assert_int_equal(d.extraDays, 2);
  /* not detained: 15 days, 20 only for 重大、复杂 */
  CasePersonFacts r = person(1, "2025-09-01", 0, NULL, 0);
  CaseFacts b = facts("arrest_review", "2025-09-21", &r, 1);
  b.reviewDue = D("2025-10-09");
  assert_non_null(case_check_event(&b, EVENT_EXTEND, D("2025-09-25"), &zField));
  b.majorComplex = 1;
  assert_null(case_check_event(&b, EVENT_EXTEND, D("2025-09-25"), &zField));
}

/* ---- 3.3 审查逮捕: the length is fixed at receipt ---------------------------------------------------------- */

static void test_arrest_length_fixed_at_receipt(void **state) {
  JwCalendar *cal = *state;
  CaseHistory h;
  memset(&h, 0, sizeof h);
  /* on bail at receipt (03-05), detained on 03-10: still 15 days, so 03-20 (custody-bound now: not moved), never
   * before the detention as a 7-day period counted from receipt (03-12) would be */
  CasePersonFacts p = person(1, "2025-02-01", 0, "2025-03-10", 1);
  CaseFacts f = facts("arrest_review", "2025-03-05", &p, 1);
  CaseDeadline d = review_of(cal, &f, &h, 1, 1);
  assert_int_equal(d.length.n, 15);
  assert_date(d.dueOn, "2025-03-20");
  assert_int_equal(d.custodyBound, 1);
  /* detained on receipt (09-24), bailed on 09-28: still 7 days; the nominal day 10-01 finds the suspect out of
   * custody, so it rolls past 国庆+中秋 to 10-09 */
  p = person(1, "2025-09-22", 1, "2025-09-28", 0);
  f = facts("arrest_review", "2025-09-24", &p, 1);
  d = review_of(cal, &f, &h, 1, 1);
  assert_int_equal(d.length.n, 7);
  assert_int_equal(d.custodyBound, 0);
  assert_date(d.dueOn, "2025-10-09");
}

/* ---- 3.4 custody per person --------------------------------------------------------------------------------- */

static void test_custody_per_person(void **state) {
  JwCalendar *cal = *state;
  CaseHistory h;
  memset(&h, 0, sizeof h);
  CasePersonFacts a[2] = {person(1, "2025-02-20", 1, NULL, 0), person(2, "2025-02-20", 0, NULL, 0)};
  CaseFacts f = facts("prosecution_review", "2025-03-05", a, 2);
  assert_date(review_of(cal, &f, &h, 1, 1).dueOn, "2025-04-05"); /* detained: custody-bound */
  assert_date(review_of(cal, &f, &h, 2, 1).dueOn, "2025-04-07"); /* bailed: rolls */
  CaseDeadline aD[CASE_MAX_DEADLINES];
  int n = case_deadlines(cal, &f, &h, aD);
  case_facts_set_review_due(&f, a, &h, aD, n);
  assert_date(f.reviewDue, "2025-04-05"); /* the case shows the earliest */
  /* the detained one decided on 03-20: their period is met; the other's runs on, and binds nobody else */
  a[0].decidedOn = D("2025-03-20");
  f = facts("prosecution_review", "2025-03-05", a, 2);
  CaseDeadline d1 = review_of(cal, &f, &h, 1, 1);
  assert_int_equal(d1.open, 0);
  assert_date(d1.closedOn, "2025-03-20");
  CaseDeadline d2 = review_of(cal, &f, &h, 2, 1);
  assert_int_equal(d2.open, 1);
  assert_date(d2.dueOn, "2025-04-07");
  n = case_deadlines(cal, &f, &h, aD);
  case_facts_set_review_due(&f, a, &h, aD, n);
  assert_date(f.reviewDue, "2025-04-07");
}

/* ---- 3.7 附条件不起诉 -------------------------------------------------------------------------------------- */

static void test_conditional_non_prosecution(void **state) {
  JwCalendar *cal = *state;
  CaseHistory h;
  memset(&h, 0, sizeof h);
  CasePersonFacts p = person(1, "2025-03-01", 0, NULL, 0);
  p.birth = D("2008-06-01");
  CaseFacts f = facts("prosecution_review", "2025-03-05", &p, 1);
  const char *zField;
  PersonEventInput in = {"non_prosecution", "conditional", NULL, D("2025-05-01"), 6};
  /* 16 on the day of the offence: allowed */
  assert_null(case_check_person_event(&f, &p, EVENT_DECIDE, D("2025-06-10"), &in, &zField));
  /* 18 by then: refused, naming the offence date */
  in.offenceOn = D("2026-06-01");
  assert_non_null(case_check_person_event(&f, &p, EVENT_DECIDE, D("2026-06-10"), &in, &zField));
  assert_string_equal(zField, "offence_on");
  in.offenceOn = D("2026-05-31"); /* the day before the 18th birthday: still a minor */
  assert_null(case_check_person_event(&f, &p, EVENT_DECIDE, D("2026-06-10"), &in, &zField));
  /* no birth date known (no ID number): cannot be checked, refused */
  CasePersonFacts nobirth = p;
  nobirth.birth = 0;
  in.offenceOn = D("2025-05-01");
  assert_non_null(case_check_person_event(&f, &nobirth, EVENT_DECIDE, D("2025-06-10"), &in, &zField));
  /* the probation is 6 to 12 months (CPL 283) */
  in.probationMonths = 13;
  assert_non_null(case_check_person_event(&f, &p, EVENT_DECIDE, D("2025-06-10"), &in, &zField));
  assert_string_equal(zField, "probation_months");
  /* decided 06-10 with 6 months: the probation ends Wed 2025-12-10; the review period is met on 06-10; the person
   * stays pending until the final decision */
  p.decidedOn = D("2025-06-10");
  p.conditional = 1;
  p.nonProsecuted = 1;
  p.probationMonths = 6;
  f = facts("prosecution_review", "2025-03-05", &p, 1);
  assert_int_equal(f.undecidedPersons, 1);
  const CaseDeadline *pr = find_kind(cal, &f, &h, DEADLINE_PROBATION, 1);
  assert_non_null(pr);
  assert_date(pr->dueOn, "2025-12-10");
  assert_int_equal(pr->open, 1);
  assert_int_equal(review_of(cal, &f, &h, 1, 1).open, 0);
  /* the victim may complain against it (CPL 282(2) applies CPL 180): 7 days, lapsing */
  const CaseDeadline *cv = find_kind(cal, &f, &h, DEADLINE_COMPLAINT_VICTIM, 1);
  assert_non_null(cv);
  assert_date(cv->dueOn, "2025-06-17");
  assert_int_equal(cv->lapses, 1);
  assert_null(find_kind(cal, &f, &h, DEADLINE_COMPLAINT_SUSPECT, 1)); /* CPL 181 is for 酌定不诉 only */
  /* the final decision: 不起诉 only once the probation has run; 起诉 at any time */
  PersonEventInput fin = {"non_prosecution", "conditional", NULL, 0, 0};
  assert_non_null(case_check_person_event(&f, &p, EVENT_DECIDE, D("2025-12-09"), &fin, &zField));
  assert_null(case_check_person_event(&f, &p, EVENT_DECIDE, D("2025-12-10"), &fin, &zField));
  PersonEventInput pros = {"prosecute", NULL, NULL, 0, 0};
  assert_null(case_check_person_event(&f, &p, EVENT_DECIDE, D("2025-08-01"), &pros, &zField));
  /* the probation over without a final decision: the law prompts for it (CPL 284) */
  const char *az[CASE_MAX_PROMPTS];
  int np = case_prompts(&f, D("2025-12-11"), 0, az);
  assert_int_equal(np, 1);
  assert_non_null(strstr(az[0], "第二百八十四条"));
  assert_int_equal(case_prompts(&f, D("2025-12-01"), 0, az), 0);
  /* once decided finally, nobody is pending and the probation is closed */
  p.finalOn = D("2025-12-10");
  f = facts("prosecution_review", "2025-03-05", &p, 1);
  assert_int_equal(f.undecidedPersons, 0);
  pr = find_kind(cal, &f, &h, DEADLINE_PROBATION, 1);
  assert_int_equal(pr->open, 0);
  assert_string_equal(deadline_level(pr, D("2026-01-01"), NULL), "met");
}

/* ---- 3.8 中止审查, 撤案, 撤回起诉, complaint periods, prompts, second judgments ---------------------------- */

static void test_suspension_of_one_person(void **state) {
  JwCalendar *cal = *state;
  CaseHistory h;
  memset(&h, 0, sizeof h);
  CasePersonFacts a[2] = {person(1, "2025-03-01", 0, NULL, 0), person(2, "2025-03-01", 0, NULL, 0)};
  a[0].aStop[a[0].nStop++] = (ClockStop){D("2025-03-10"), 0}; /* 甲 absconded on 03-10 */
  CaseFacts f = facts("prosecution_review", "2025-03-05", a, 2);
  CaseDeadline d = review_of(cal, &f, &h, 1, 1);
  assert_int_equal(d.suspended, 1);
  assert_int_equal(d.daysLeft, 26);
  assert_string_equal(deadline_level(&d, D("2025-05-01"), NULL), "suspended");
  assert_date(review_of(cal, &f, &h, 2, 1).dueOn, "2025-04-07"); /* co-defendants continue */
  const char *zField;
  /* no decision on a suspended person; resumption not before the suspension */
  PersonEventInput in = {"prosecute", NULL, NULL, 0, 0};
  assert_non_null(case_check_person_event(&f, &a[0], EVENT_DECIDE, D("2025-03-20"), &in, &zField));
  assert_non_null(case_check_person_event(&f, &a[0], EVENT_RESUME, D("2025-03-09"), NULL, &zField));
  assert_null(case_check_person_event(&f, &a[0], EVENT_RESUME, D("2025-03-25"), NULL, &zField));
  assert_non_null(case_check_person_event(&f, &a[0], EVENT_SUSPEND, D("2025-03-25"), NULL, &zField));
  /* resumed 03-25: 15 days stood still: 04-05 + 15 = Sun 04-20, so Mon 04-21 */
  a[0].aStop[0].to = D("2025-03-25");
  f = facts("prosecution_review", "2025-03-05", a, 2);
  d = review_of(cal, &f, &h, 1, 1);
  assert_int_equal(d.suspended, 0);
  assert_int_equal(d.stopDays, 15);
  assert_date(d.dueOn, "2025-04-21");
  /* a suspension after the period ran out is refused: a finished clock cannot stop */
  CasePersonFacts late = person(3, "2025-03-01", 0, NULL, 0);
  late.reviewDue = D("2025-04-07");
  assert_non_null(case_check_person_event(&f, &late, EVENT_SUSPEND, D("2025-04-08"), NULL, &zField));
  assert_string_equal(zField, "on");
}

static void test_withdrawals_complaints_prompts_judgments(void **state) {
  JwCalendar *cal = *state;
  CaseHistory h;
  memset(&h, 0, sizeof h);
  const char *zField;
  /* 撤案: only on a returned case; it concludes the case, closing the police's month */
  CasePersonFacts p = person(1, "2025-03-01", 0, NULL, 0);
  CaseFacts f = facts("prosecution_review", "2025-03-05", &p, 1);
  assert_non_null(case_check_event(&f, EVENT_POLICE_WITHDRAW, D("2025-03-25"), &zField));
  f.status = CASE_RETURNED;
  f.returnedOn = D("2025-03-20");
  h.nReturns = 1;
  h.aReturn[0] = D("2025-03-20");
  assert_null(case_check_event(&f, EVENT_POLICE_WITHDRAW, D("2025-05-01"), &zField));
  /* Rules 347: the police's month (03-20 + 1 month = Mon 04-21) passed without resubmission */
  const char *az[CASE_MAX_PROMPTS];
  assert_int_equal(case_prompts(&f, D("2025-04-21"), D("2025-04-21"), az), 0);
  assert_int_equal(case_prompts(&f, D("2025-04-22"), D("2025-04-21"), az), 1);
  assert_non_null(strstr(az[0], "第三百四十七条"));
  f.status = CASE_CONCLUDED;
  f.concludedOn = f.withdrawnOn = D("2025-05-01");
  const CaseDeadline *sup = find_kind(cal, &f, &h, DEADLINE_SUPPLEMENTARY, 0);
  assert_int_equal(sup->open, 0);
  assert_date(sup->closedOn, "2025-05-01");
  assert_non_null(case_check_event(&f, EVENT_JUDGMENT, D("2025-06-01"), &zField)); /* no judgment after 撤案 */
  /* CPL 175(4): after the second return, a prompt for the mandatory 存疑不诉 */
  CaseFacts g = facts("prosecution_review", "2025-03-05", &p, 1);
  g.returns = 2;
  assert_int_equal(case_prompts(&g, D("2025-06-01"), 0, az), 1);
  assert_non_null(strstr(az[0], "第一百七十五条第四款"));
  /* Rules 328: found outside the jurisdiction: a 5-day deadline closed by the transfer, and a prompt */
  g.returns = 0;
  g.jurisdictionIssueOn = D("2025-03-10");
  const CaseDeadline *jt = find_kind(cal, &g, &h, DEADLINE_JURISDICTION, 0);
  assert_non_null(jt);
  assert_date(jt->dueOn, "2025-03-17"); /* 03-15 is a Saturday: the 5-day period rolls to Monday */
  assert_int_equal(case_prompts(&g, D("2025-03-11"), 0, az), 1);
  assert_non_null(case_check_event(&g, EVENT_JURISDICTION, D("2025-03-11"), &zField));
  /* 酌定不诉 opens both 7-day complaint periods (CPL 180, 181) */
  CasePersonFacts q = person(1, "2025-03-01", 0, NULL, 0);
  q.decidedOn = D("2025-06-10");
  q.nonProsecuted = q.discretionary = 1;
  CaseFacts k = facts("prosecution_review", "2025-03-05", &q, 1);
  const CaseDeadline *cs = find_kind(cal, &k, &h, DEADLINE_COMPLAINT_SUSPECT, 1);
  assert_non_null(cs);
  assert_date(cs->dueOn, "2025-06-17");
  assert_string_equal(deadline_level(cs, D("2025-06-18"), NULL), "lapsed");
  /* a second judgment is an appeal or a retrial, never a silent overwrite */
  CasePersonFacts j = person(1, "2025-03-01", 0, NULL, 0);
  j.decidedOn = D("2025-04-01");
  j.prosecuted = 1;
  PersonEventInput first = {NULL, NULL, "first", 0, 0}, appeal = {NULL, NULL, "appeal", 0, 0};
  CaseFacts c = facts("prosecution_review", "2025-03-05", &j, 1);
  assert_null(case_check_person_event(&c, &j, EVENT_JUDGMENT, D("2025-05-01"), &first, &zField));
  assert_non_null(case_check_person_event(&c, &j, EVENT_JUDGMENT, D("2025-05-01"), &appeal, &zField));
  j.judged = 1;
  assert_non_null(case_check_person_event(&c, &j, EVENT_JUDGMENT, D("2025-07-01"), &first, &zField));
  assert_string_equal(zField, "instance");
  assert_null(case_check_person_event(&c, &j, EVENT_JUDGMENT, D("2025-07-01"), &appeal, &zField));
  /* 撤回起诉 only before a judgment */
  assert_non_null(case_check_person_event(&c, &j, EVENT_WITHDRAW_PROSECUTION, D("2025-07-01"), NULL, &zField));
  j.judged = 0;
  assert_null(case_check_person_event(&c, &j, EVENT_WITHDRAW_PROSECUTION, D("2025-04-20"), NULL, &zField));
}

/* 3.5 and 3.6: a 不起诉 releases a detained suspect (CPL 178); 速裁 ends when a person is no longer eligible. */
static void test_release_and_summary_eligibility(void **state) {
  (void)state;
  assert_true(case_decision_releases("non_prosecution"));
  assert_false(case_decision_releases("prosecute"));
  assert_false(case_decision_releases("approve_arrest"));
  assert_false(case_decision_releases(NULL));
  CasePersonFacts a[2] = {person(1, "2025-03-01", 0, NULL, 0), person(2, "2025-03-01", 0, NULL, 0)};
  a[0].plea = a[1].plea = 1;
  a[0].sentenceRank = a[1].sentenceRank = sentence_band_rank("under_1y");
  CaseFacts f = facts("prosecution_review", "2025-03-05", a, 2);
  assert_null(case_summary_ineligible(&f)); /* not 速裁 */
  f.summaryProcedure = 1;
  assert_null(case_summary_ineligible(&f));
  a[1].sentenceRank = sentence_band_rank("1_3y");
  assert_null(case_summary_ineligible(&f)); /* up to three years */
  a[1].sentenceRank = sentence_band_rank("3_10y");
  assert_non_null(strstr(case_summary_ineligible(&f), "三年"));
  a[1].sentenceRank = sentence_band_rank("under_1y");
  a[0].plea = 0;
  assert_non_null(strstr(case_summary_ineligible(&f), "认罪认罚"));
  a[0].decidedOn = D("2025-03-10"); /* a decided person no longer counts */
  f = facts("prosecution_review", "2025-03-05", a, 2);
  f.summaryProcedure = 1;
  assert_null(case_summary_ineligible(&f));
}

/* The actions the UI offers: every kind, enabled or with its reason. */
static void test_actions(void **state) {
  (void)state;
  CasePersonFacts p = person(1, "2025-03-01", 0, NULL, 0);
  CaseFacts f = facts("prosecution_review", "2025-03-05", &p, 1);
  f.reviewDue = D("2025-04-07");
  CaseAction a[EVENT_KIND_COUNT];
  int n = case_actions(&f, D("2025-03-20"), a);
  assert_int_equal(n, EVENT_KIND_COUNT);
  int seen = 0;
  for (int i = 0; i < n; i++) {
    assert_true(a[i].enabled ? a[i].zWhy == NULL : a[i].zWhy != NULL && a[i].zWhy[0] != 0);
    if (a[i].kind == EVENT_RETURN) assert_true(a[i].enabled), seen++;
    if (a[i].kind == EVENT_ARCHIVE) assert_false(a[i].enabled), seen++;
    if (a[i].kind == EVENT_RESUME) assert_false(a[i].enabled), seen++;
    if (a[i].kind == EVENT_EXTEND) assert_false(a[i].enabled), seen++; /* not 重大复杂 */
  }
  assert_int_equal(seen, 4);
}

/* ---- 3.9 partial calendar imports ------------------------------------------------------------------------- */

static void test_calendar_import_check(void **state) {
  (void)state;
  const char *zPartial = "year 2027 complete\n2027-02-22 holiday 测试\n";
  const char *zUnmarked =
      "year 2027\n2027-01-01 holiday 元旦\n2027-05-01 holiday 劳动节\n2027-10-01..2027-10-07 holiday 国庆\n";
  const char *zWhole =
      "\xEF\xBB\xBFyear 2027   complete  # the whole notice\n2027-01-01 holiday 元旦\n2027-05-01 holiday 劳动节\n"
      "2027-10-01..2027-10-07 holiday 国庆\n";
  const char *az[] = {zPartial, zUnmarked, zWhole};
  int want[] = {-1, -1, 0};
  for (int i = 0; i < 3; i++) {
    JwCalendar *p = calendar_new();
    JwCalendarError err;
    assert_int_equal(calendar_parse(p, az[i], strlen(az[i]), &err), 0); /* the format takes all three */
    int rc = calendar_import_check(az[i], strlen(az[i]), p, &err);
    if (want[i]) {
      assert_int_not_equal(rc, 0);
      assert_non_null(err.zMsg);
    } else {
      assert_int_equal(rc, 0);
    }
    if (i == 1) assert_int_equal(err.line, 1);
    if (i == 0) assert_non_null(strstr(err.zMsg, "01-01"));
    calendar_free(p);
  }
}

/* ---- CPL 79: the terms of 取保候审 (12 months) and 监视居住 (6 months) --------------------------------------- */

/* The deadlines of kind k of person 1, in sequence order, into out (at most 4); their count. */
static int measure_terms(const JwCalendar *cal, const CaseFacts *f, DeadlineKind k, CaseDeadline *out) {
  static CaseDeadline all[CASE_MAX_DEADLINES];
  CaseHistory h;
  memset(&h, 0, sizeof h);
  int n = case_deadlines(cal, f, &h, all), m = 0;
  assert_true(n >= 0);
  for (int i = 0; i < n; i++) {
    if (all[i].kind != k || all[i].personId != 1) continue;
    assert_true(m < 4);
    out[m++] = all[i];
  }
  return m;
}

/* One person whose custody history is the given measures (custody codes) from the given days. */
static CasePersonFacts measures(const char *const *azCode, const char *const *azOn, int n) {
  CasePersonFacts p;
  memset(&p, 0, sizeof p);
  p.id = 1;
  p.sentenceRank = -1;
  for (int i = 0; i < n; i++) {
    p.aCustody[p.nCustody++] =
        (CustodyChange){D(azOn[i]), custody_is_in_custody(azCode[i]), custody_measure(azCode[i])};
  }
  return p;
}

/* The months of a measure's term follow DOMAIN 0.1 (P5): the same day N months later; from a month's last day, the
 * target month's last day; a day the target month lacks, its last day; leap years; never moved past rest days. */
static void test_measure_terms_month_arithmetic(void **state) {
  JwCalendar *cal = *state;
  assert_int_equal(custody_measure("bail"), MEASURE_BAIL);
  assert_int_equal(custody_measure("residential"), MEASURE_RESIDENTIAL);
  assert_int_equal(custody_measure("arrested"), MEASURE_OTHER);
  assert_int_equal(custody_measure(NULL), MEASURE_OTHER);
  static const struct {
    const char *zCode, *zStart, *zDue;
  } cases[] = {
      {"bail", "2025-01-31", "2026-02-02"},        /* 01-31 twelve months later, a Saturday: Monday */
      {"bail", "2025-03-15", "2026-03-16"},        /* a Sunday: Monday */
      {"residential", "2025-08-31", "2026-02-28"}, /* the 31st: February's last day, a 调休 working Saturday */
      {"residential", "2025-03-31", "2025-09-30"}, /* month end to month end */
      {"residential", "2025-02-28", "2025-09-01"}, /* February's end is a month end: 08-31, a Sunday (P5 literally) */
      {"residential", "2025-08-29", "2026-02-28"}, /* the 29th in a common year's February: its last day */
      {"residential", "2023-08-30", "2024-02-29"}, /* a leap year's February */
      {"bail", "2024-02-29", "2025-02-28"},        /* from a leap day to the next February's last day */
      {"bail", "2023-02-28", "2024-02-29"},        /* from February's end to the leap February's end */
      {"residential", "2024-10-05", "2025-04-07"}, /* 04-05 is 清明 (04-04..06): the next working day */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *azCode[] = {cases[i].zCode}, *azOn[] = {cases[i].zStart};
    CasePersonFacts p = measures(azCode, azOn, 1);
    CaseFacts f = facts("prosecution_review", "2025-01-02", &p, 1);
    int bail = strcmp(cases[i].zCode, "bail") == 0;
    CaseDeadline t[4];
    assert_int_equal(measure_terms(cal, &f, bail ? DEADLINE_BAIL : DEADLINE_RESIDENTIAL, t), 1);
    assert_int_equal(measure_terms(cal, &f, bail ? DEADLINE_RESIDENTIAL : DEADLINE_BAIL, t + 1), 0);
    if (strcmp(t[0].zWarnKey, bail ? "bail_expiry" : "residential_expiry") != 0) fail_msg("case %zu", i);
    char z[11];
    date_format(t[0].dueOn, z);
    if (strcmp(z, cases[i].zDue) != 0)
      fail_msg("%s from %s: due %s, want %s", cases[i].zCode, cases[i].zStart, z, cases[i].zDue);
    assert_int_equal(t[0].open, 1);
    assert_int_equal(t[0].custodyBound, 0); /* not 在押: the rest-day rule applies */
    assert_int_equal(t[0].length.n, bail ? 12 : 6);
    assert_int_equal(t[0].length.unit, JW_UNIT_MONTHS);
  }
  /* levels: amber within the kind's warning days (15 for 取保候审), red once past */
  const char *azCode[] = {"bail"}, *azOn[] = {"2025-01-31"};
  CasePersonFacts p = measures(azCode, azOn, 1);
  CaseFacts f = facts("prosecution_review", "2025-01-02", &p, 1);
  CaseDeadline t[4];
  assert_int_equal(measure_terms(cal, &f, DEADLINE_BAIL, t), 1);
  assert_date(t[0].dueOn, "2026-02-02");
  assert_string_equal(deadline_level(&t[0], D("2026-01-17"), NULL), "normal");
  assert_string_equal(deadline_level(&t[0], D("2026-01-18"), NULL), "warning");
  assert_string_equal(deadline_level(&t[0], D("2026-02-02"), NULL), "due");
  assert_string_equal(deadline_level(&t[0], D("2026-02-03"), NULL), "overdue");
  /* a person in custody has no such term */
  const char *azDet[] = {"detained", "arrested"}, *azDetOn[] = {"2025-01-01", "2025-01-08"};
  CasePersonFacts d = measures(azDet, azDetOn, 2);
  CaseFacts g = facts("prosecution_review", "2025-01-02", &d, 1);
  assert_int_equal(measure_terms(cal, &g, DEADLINE_BAIL, t), 0);
  assert_int_equal(measure_terms(cal, &g, DEADLINE_RESIDENTIAL, t), 0);
}

/* A term closes when the measure changes (the next custody entry), when the measure is decided again (a new term
 * from the new decision), on the person's decision, and when the case leaves the review. */
static void test_measure_terms_closure(void **state) {
  JwCalendar *cal = *state;
  CaseDeadline t[4];
  /* police 取保候审, then the procuratorate's own on receipt: two terms, the first closed, the second from 03-05 */
  const char *azA[] = {"bail", "bail"}, *azAOn[] = {"2025-01-10", "2025-03-05"};
  CasePersonFacts a = measures(azA, azAOn, 2);
  CaseFacts fa = facts("prosecution_review", "2025-03-05", &a, 1);
  assert_int_equal(measure_terms(cal, &fa, DEADLINE_BAIL, t), 2);
  assert_int_equal(t[0].sequence, 1);
  assert_int_equal(t[0].open, 0);
  assert_date(t[0].closedOn, "2025-03-05");
  assert_date(t[0].dueOn, "2026-01-12"); /* 01-10 is a Saturday */
  assert_string_equal(deadline_level(&t[0], D("2025-04-01"), NULL), "met");
  assert_int_equal(t[1].sequence, 2);
  assert_int_equal(t[1].open, 1);
  assert_date(t[1].dueOn, "2026-03-05");
  /* 取保候审 changed to 逮捕, later 监视居住: the bail term closes on the arrest; the new measure has its own term */
  const char *azB[] = {"bail", "arrested", "residential"}, *azBOn[] = {"2025-03-01", "2025-05-10", "2025-06-01"};
  CasePersonFacts b = measures(azB, azBOn, 3);
  CaseFacts fb = facts("prosecution_review", "2025-03-05", &b, 1);
  assert_int_equal(measure_terms(cal, &fb, DEADLINE_BAIL, t), 1);
  assert_int_equal(t[0].open, 0);
  assert_date(t[0].closedOn, "2025-05-10");
  assert_int_equal(measure_terms(cal, &fb, DEADLINE_RESIDENTIAL, t), 1);
  assert_int_equal(t[0].open, 1);
  assert_int_equal(t[0].sequence, 1);
  assert_date(t[0].dueOn, "2025-12-01");
  /* the person's decision ends the term (a 不起诉 lifts the measure; a 起诉 passes it to the court) */
  const char *azC[] = {"residential"}, *azCOn[] = {"2025-03-01"};
  CasePersonFacts c = measures(azC, azCOn, 1);
  c.decidedOn = D("2025-04-01");
  CaseFacts fc = facts("prosecution_review", "2025-03-05", &c, 1);
  assert_int_equal(measure_terms(cal, &fc, DEADLINE_RESIDENTIAL, t), 1);
  assert_int_equal(t[0].open, 0);
  assert_date(t[0].closedOn, "2025-04-01");
  /* the case concluded, transferred or withdrawn: every running term closes that day */
  CasePersonFacts e = measures(azC, azCOn, 1);
  CaseFacts fe = facts("prosecution_review", "2025-03-05", &e, 1);
  fe.status = CASE_CONCLUDED;
  fe.concludedOn = fe.withdrawnOn = D("2025-04-20");
  assert_int_equal(measure_terms(cal, &fe, DEADLINE_RESIDENTIAL, t), 1);
  assert_int_equal(t[0].open, 0);
  assert_date(t[0].closedOn, "2025-04-20");
  /* released: the term closes on the release */
  const char *azD[] = {"bail", "released"}, *azDOn[] = {"2025-03-01", "2025-07-01"};
  CasePersonFacts d = measures(azD, azDOn, 2);
  CaseFacts fd = facts("prosecution_review", "2025-03-05", &d, 1);
  assert_int_equal(measure_terms(cal, &fd, DEADLINE_BAIL, t), 1);
  assert_date(t[0].closedOn, "2025-07-01");
  assert_date(t[0].dueOn, "2026-03-02"); /* 03-01 is a Sunday */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_clock_worked_examples, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_clock_stops, setup_builtin, teardown_calendar),
      cmocka_unit_test(test_levels),
      cmocka_unit_test_setup_teardown(test_custody_on_the_nominal_last_day, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_extension_only_while_running, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_arrest_length_fixed_at_receipt, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_custody_per_person, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_conditional_non_prosecution, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_suspension_of_one_person, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_withdrawals_complaints_prompts_judgments, setup_builtin, teardown_calendar),
      cmocka_unit_test(test_release_and_summary_eligibility),
      cmocka_unit_test(test_actions),
      cmocka_unit_test(test_calendar_import_check),
      cmocka_unit_test_setup_teardown(test_measure_terms_month_arithmetic, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_measure_terms_closure, setup_builtin, teardown_calendar),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
