/* test_case_rules.c: unit tests for the law of a criminal case (src/core/case_rules.c): the review period of every
 * case type in and out of custody (DOMAIN.md 0.2, section 2), the CPL 172 extension, 速裁, the rounds of
 * 退回补充侦查 (CPL 175(3): the clock restarts from zero), conclusion, archiving (一月一归档),
 * transfer (改变管辖), deadline levels, which events are legal in which state (DOMAIN.md 2.1), and the reference
 * data (charges, codes).
 *
 * Every expected due day was computed by hand from DOMAIN.md 0.1 and the holiday table of DOMAIN.md section 3, and
 * the weekday of every date named in a comment was checked with `date -d YYYY-MM-DD +%a`. The comment next to each
 * assertion says why the due day is what it is. Calendar used: the shipped 2024-2026 data (calendar_load_builtin). */
#include "test_util.h"

#include <stdio.h>

#include "core/calendar.h"
#include "core/agency.h"
#include "core/case_rules.h"
#include "core/date.h"
#include "core/period.h"

/* The facts of a fresh case of type zType received on zReceived: under review, round 1, one undecided person. */
static CaseFacts facts(const char *zType, const char *zReceived, int inCustody) {
  CaseFacts f;
  memset(&f, 0, sizeof f);
  f.type = case_type_by_code(zType);
  assert_non_null(f.type);
  f.status = CASE_UNDER_REVIEW;
  f.receivedOn = D(zReceived);
  f.clockStart = f.receivedOn;
  f.inCustody = inCustody;
  f.undecidedPersons = 1;
  return f;
}

/* The case's persons as the flags of a test describe them: undecidedPersons pending persons (at least one), each in
 * custody since before receipt when f->inCustody (so custody is the same on every day), or one person decided on the
 * conclusion (or the clock start) when none is pending. The per-person rules (custody on the nominal last day,
 * custody at receipt, stops) have their own tests below with persons built by hand. */
static CasePersonFacts ring_persons[8][4];
static int ring_next;
static CaseFacts with_persons(const CaseFacts *in) {
  CaseFacts f = *in;
  if (f.nPersons) return f; /* built by hand */
  CasePersonFacts *a = ring_persons[ring_next++ % 8];
  int n = f.undecidedPersons > 0 ? (f.undecidedPersons < 4 ? f.undecidedPersons : 4) : 1;
  memset(a, 0, sizeof ring_persons[0]);
  for (int i = 0; i < n; i++) {
    a[i].id = i + 1;
    a[i].nCustody = 1;
    a[i].aCustody[0] = (CustodyChange){f.receivedOn - 30, f.inCustody, MEASURE_OTHER};
    a[i].sentenceRank = -1;
    if (f.undecidedPersons == 0) a[i].decidedOn = f.concludedOn ? f.concludedOn : f.clockStart;
  }
  f.aPerson = a;
  f.nPersons = n;
  if (!f.reviewDue) f.reviewDue = JW_DATE_MAX; /* a review period is running unless a test says when it ends */
  return f;
}

/* The old history flag "round i extended" as the history now keeps it: extended, with the spec's days. */
static CaseHistory with_extensions(const CaseHistory *in) {
  CaseHistory h = *in;
  for (int r = 0; r <= CASE_MAX_RETURNS; r++) {
    if (h.aExtended[r] && !h.aExtendedSet[r]) {
      h.aExtendedSet[r] = 1;
      h.aExtended[r] = 0;
    }
  }
  return h;
}

static const char *check_event(const CaseFacts *pf, CaseEventKind k, JwDate on, const char **pField) {
  CaseFacts f = with_persons(pf);
  return case_check_event(&f, k, on, pField);
}

/* An empty history: no return, no extension, no transfer. */
static CaseHistory history(void) {
  CaseHistory h;
  memset(&h, 0, sizeof h);
  return h;
}

/* Run case_deadlines into out (pre-filled with garbage so that unwritten fields show) and return the count. */
static int deadlines(const JwCalendar *cal, const CaseFacts *f, const CaseHistory *h, CaseDeadline *out) {
  memset(out, 0xA5, sizeof(CaseDeadline) * CASE_MAX_DEADLINES);
  CaseFacts ff = with_persons(f);
  CaseHistory hh = with_extensions(h);
  int n = case_deadlines(cal, &ff, &hh, out);
  assert_true(n >= -1 && n <= CASE_MAX_DEADLINES);
  return n;
}

/* Assert the shape of one deadline: kind, sequence, start, due, custody flag, open/closed. */
static void assert_deadline(const CaseDeadline *d, DeadlineKind kind, int seq, const char *zStart, const char *zDue,
                            int custodyBound, const char *zClosed) {
  assert_int_equal(d->kind, kind);
  assert_int_equal(d->sequence, seq);
  assert_date(d->startOn, zStart);
  assert_date(d->dueOn, zDue);
  assert_int_equal(d->custodyBound, custodyBound);
  assert_int_equal(d->provisional, 0);
  assert_non_null(d->zRule);
  assert_true(d->zRule[0] != '\0');
  assert_true(d->warnDays > 0);
  if (zClosed == NULL) {
    assert_int_equal(d->open, 1);
    assert_int_equal(d->closedOn, 0);
  } else {
    assert_int_equal(d->open, 0);
    assert_date(d->closedOn, zClosed);
  }
}

/* The single open review deadline of a case with no history except that round 1 may be extended. */
static CaseDeadline review_only(const JwCalendar *cal, const CaseFacts *f, int extended) {
  CaseHistory h = history();
  CaseDeadline out[CASE_MAX_DEADLINES];
  h.aExtended[0] = extended;
  assert_int_equal(deadlines(cal, f, &h, out), 1);
  assert_int_equal(out[0].kind, DEADLINE_REVIEW);
  assert_int_equal(out[0].sequence, 1);
  assert_int_equal(out[0].startOn, f->receivedOn);
  assert_int_equal(out[0].open, 1);
  assert_int_equal(out[0].closedOn, 0);
  assert_int_equal(out[0].provisional, 0);
  assert_int_equal(out[0].warnDays, f->type->warnDays);
  assert_non_null(out[0].zRule);
  assert_true(out[0].zRule[0] != '\0');
  return out[0];
}

/* The due day of that review deadline, checking its custody flag. */
static JwDate review_due(const JwCalendar *cal, const CaseFacts *f, int extended, int wantCustodyBound) {
  CaseDeadline d = review_only(cal, f, extended);
  assert_int_equal(d.custodyBound, wantCustodyBound);
  return d.dueOn;
}

/* Assert that an event is legal (and print the refusal when it is not). */
#define ASSERT_ALLOWED(pf, k, on)                                  \
  do {                                                             \
    const char *zF_ = "unset";                                     \
    const char *zM_ = check_event((pf), (k), (on), &zF_);          \
    if (zM_ != NULL) print_error("unexpected refusal: %s\n", zM_); \
    assert_null(zM_);                                              \
  } while (0)

/* Assert that an event is refused with a non-empty message naming field zField (NULL: no field). */
#define ASSERT_REFUSED(pf, k, on, zField)                 \
  do {                                                    \
    const char *zF_ = "unset";                            \
    const char *zM_ = check_event((pf), (k), (on), &zF_); \
    assert_non_null(zM_);                                 \
    assert_true(zM_[0] != '\0');                          \
    if ((zField) == NULL) assert_null(zF_);               \
    else {                                                \
      assert_non_null(zF_);                               \
      assert_string_equal(zF_, (zField));                 \
    }                                                     \
  } while (0)

/* Assert that an event is refused because of the case's state (archived / transferred): no specific input is at
 * fault, so the field is NULL or "kind". */
#define ASSERT_REFUSED_STATE(pf, k, on)                   \
  do {                                                    \
    const char *zF_ = "unset";                            \
    const char *zM_ = check_event((pf), (k), (on), &zF_); \
    assert_non_null(zM_);                                 \
    assert_true(zM_[0] != '\0');                          \
    assert_true(zF_ == NULL || strcmp(zF_, "kind") == 0); \
  } while (0)

/* The refusal message of an event that must be refused (for checking its wording). */
static const char *refusal(const CaseFacts *f, CaseEventKind k, JwDate on) {
  const char *zField = NULL;
  const char *zMsg = check_event(f, k, on, &zField);
  assert_non_null(zMsg);
  return zMsg;
}

/* ---- case types ------------------------------------------------------------------------------------------- */

/* The table: one row per type, in enum order, codes unique, every text filled, the flags of DOMAIN.md 0.2. */
static void test_case_type_table(void **state) {
  (void)state;
  static const char *const azCode[CASE_TYPE_COUNT] = {"arrest_review", "arrest_decision", "prosecution_review",
                                                      "custody_necessity", "complaint_review"};
  for (int i = 0; i < CASE_TYPE_COUNT; i++) {
    const CaseTypeRule *t = &case_types[i];
    assert_int_equal(t->type, i);
    assert_string_equal(t->zCode, azCode[i]);
    assert_ptr_equal(case_type_by_code(azCode[i]), t);
    assert_true(t->zName && t->zName[0]);
    assert_true(t->zAbbr && t->zAbbr[0]);
    assert_true(t->zRule && t->zRule[0]);
    assert_non_null(t->azDecisions);
    assert_non_null(t->azDecisions[0]);
    assert_true(t->warnDays > 0);
    assert_true(period_length_is_valid(t->inCustody.base));
    assert_true(period_length_is_valid(t->notInCustody.base));
    for (int j = 0; j < i; j++) assert_string_not_equal(case_types[j].zCode, t->zCode);
  }
  assert_null(case_type_by_code("unknown"));
  assert_null(case_type_by_code(""));
  assert_null(case_type_by_code("Arrest_review"));
  assert_null(case_type_by_code("prosecution_review "));
  assert_null(case_type_by_code(NULL));
  /* Only 审查起诉 can be returned for 补充侦查 (CPL 175(3)). */
  assert_false(case_types[CASE_ARREST_REVIEW].allowsReturn);
  assert_false(case_types[CASE_ARREST_DECISION].allowsReturn);
  assert_true(case_types[CASE_PROSECUTION_REVIEW].allowsReturn);
  assert_false(case_types[CASE_CUSTODY_NECESSITY].allowsReturn);
  assert_false(case_types[CASE_COMPLAINT_REVIEW].allowsReturn);
  /* Custody-bound (CPL 105(4) proviso) only for periods that are custody limits; a complaint period is not
   * (DOMAIN.md 0.1 rule 6). */
  assert_true(case_types[CASE_ARREST_REVIEW].custodyBound);
  assert_true(case_types[CASE_ARREST_DECISION].custodyBound);
  assert_true(case_types[CASE_PROSECUTION_REVIEW].custodyBound);
  assert_false(case_types[CASE_COMPLAINT_REVIEW].custodyBound);
  /* Warnings (DOMAIN.md 0.2): 5 days ahead for 审查起诉, 2 days ahead for 审查逮捕. */
  assert_int_equal(case_types[CASE_PROSECUTION_REVIEW].warnDays, 5);
  assert_int_equal(case_types[CASE_ARREST_REVIEW].warnDays, 2);
  assert_int_equal(case_types[CASE_ARREST_DECISION].warnDays, 2);
  assert_string_equal(case_types[CASE_PROSECUTION_REVIEW].zName, "审查起诉");
}

/* The decisions each type allows, and no other type's. */
static void test_case_decision_allowed(void **state) {
  (void)state;
  const CaseTypeRule *ar = case_type_by_code("arrest_review"), *ad = case_type_by_code("arrest_decision"),
                     *pr = case_type_by_code("prosecution_review"), *cn = case_type_by_code("custody_necessity"),
                     *cr = case_type_by_code("complaint_review");
  assert_true(case_decision_allowed(ar, "approve_arrest"));
  assert_true(case_decision_allowed(ar, "reject_arrest"));
  assert_false(case_decision_allowed(ar, "prosecute"));
  assert_true(case_decision_allowed(ad, "approve_arrest"));
  assert_true(case_decision_allowed(ad, "reject_arrest"));
  assert_false(case_decision_allowed(ad, "non_prosecution"));
  assert_true(case_decision_allowed(pr, "prosecute"));
  assert_true(case_decision_allowed(pr, "non_prosecution"));
  assert_false(case_decision_allowed(pr, "approve_arrest"));
  assert_false(case_decision_allowed(pr, "release"));
  assert_true(case_decision_allowed(cn, "release"));
  assert_true(case_decision_allowed(cn, "maintain"));
  assert_false(case_decision_allowed(cn, "prosecute"));
  assert_true(case_decision_allowed(cr, "uphold"));
  assert_true(case_decision_allowed(cr, "revoke"));
  assert_false(case_decision_allowed(cr, "release"));
  for (int i = 0; i < CASE_TYPE_COUNT; i++) {
    assert_false(case_decision_allowed(&case_types[i], NULL));
    assert_false(case_decision_allowed(&case_types[i], ""));
    assert_false(case_decision_allowed(&case_types[i], "PROSECUTE"));
    for (const char *const *p = case_types[i].azDecisions; *p; p++) {
      assert_true(case_decision_allowed(&case_types[i], *p));
    }
  }
}

/* ---- review periods --------------------------------------------------------------------------------------- */

/* 审查批准逮捕 (CPL 91(3), Rules 282): detained 7 days, custody-bound, no extension; not detained 15 days, 20 for
 * 重大、复杂, rolled past rest days. */
static void test_arrest_review_periods(void **state) {
  JwCalendar *cal = *state;
  CaseFacts f = facts("arrest_review", "2025-09-24", 1);
  /* Wed 09-24 + 7 = Wed 10-01, the first day of 国庆+中秋 (10-01..10-08): custody-bound, it stays. */
  CaseDeadline d = review_only(cal, &f, 0);
  assert_date(d.dueOn, "2025-10-01");
  assert_int_equal(d.custodyBound, 1);
  assert_int_equal(d.length.n, 7);
  assert_int_equal(d.length.unit, JW_UNIT_DAYS);
  assert_int_equal(d.extraDays, 0);
  assert_int_equal(d.warnDays, 2);
  /* In custody there is no extension: an "extended" flag in the history changes nothing. */
  f.majorComplex = 1;
  assert_date(review_due(cal, &f, 1, 1), "2025-10-01");
  /* Sat 03-22 + 7 = Sat 03-29: custody-bound, a plain Saturday stays too. */
  f = facts("arrest_review", "2025-03-22", 1);
  assert_date(review_due(cal, &f, 0, 1), "2025-03-29");

  /* Not detained: Fri 03-14 + 15 = Sat 03-29 -> Sun 03-30 -> Mon 03-31 (DOMAIN.md 0.1 worked example). */
  f = facts("arrest_review", "2025-03-14", 0);
  d = review_only(cal, &f, 0);
  assert_date(d.dueOn, "2025-03-31");
  assert_int_equal(d.custodyBound, 0);
  assert_int_equal(d.length.n, 15);
  assert_int_equal(d.length.unit, JW_UNIT_DAYS);
  /* Tue 09-16 + 15 = Wed 10-01 (国庆+中秋 10-01..10-08) -> Thu 10-09. */
  f = facts("arrest_review", "2025-09-16", 0);
  assert_date(review_due(cal, &f, 0, 0), "2025-10-09");
  /* Sat 09-13 + 15 = Sun 09-28, a 调休上班 day: a working day, not moved. */
  f = facts("arrest_review", "2025-09-13", 0);
  assert_date(review_due(cal, &f, 0, 0), "2025-09-28");
  /* Wed 03-05 + 15 = Thu 03-20, a working day. */
  f = facts("arrest_review", "2025-03-05", 0);
  assert_date(review_due(cal, &f, 0, 0), "2025-03-20");

  /* Not detained, 重大、复杂, extended: 20 days in all. Sun 03-09 + 20 = Sat 03-29 -> Mon 03-31. */
  f = facts("arrest_review", "2025-03-09", 0);
  f.majorComplex = 1;
  d = review_only(cal, &f, 1);
  assert_date(d.dueOn, "2025-03-31");
  assert_int_equal(d.custodyBound, 0);
  assert_int_equal(d.length.n + d.extraDays, 20);
  /* Thu 09-11 + 20 = Wed 10-01 -> Thu 10-09. */
  f = facts("arrest_review", "2025-09-11", 0);
  f.majorComplex = 1;
  assert_date(review_due(cal, &f, 1, 0), "2025-10-09");
  /* The same case not extended: 09-11 + 15 = Fri 09-26, a working day. */
  assert_date(review_due(cal, &f, 0, 0), "2025-09-26");
}

/* 审查决定逮捕 (Rules 297): detained 7 days (+3 in special cases, Jianwu grants the 3), custody-bound;
 * not detained 15 days, at most 20, rolled. */
static void test_arrest_decision_periods(void **state) {
  JwCalendar *cal = *state;
  CaseFacts f = facts("arrest_decision", "2025-09-21", 1);
  /* Sun 09-21 + 7 = Sun 09-28 (a 调休上班 day; custody-bound anyway): 09-28. */
  CaseDeadline d = review_only(cal, &f, 0);
  assert_date(d.dueOn, "2025-09-28");
  assert_int_equal(d.custodyBound, 1);
  assert_int_equal(d.warnDays, 2);
  /* Extended by 3 days: 09-21 + 10 = Wed 10-01, 国庆: custody-bound, stays. */
  f.majorComplex = 1;
  d = review_only(cal, &f, 1);
  assert_date(d.dueOn, "2025-10-01");
  assert_int_equal(d.custodyBound, 1);
  assert_int_equal(d.length.n, 7);
  assert_int_equal(d.extraDays, 3);
  /* Not detained: Tue 09-16 + 15 = Wed 10-01 -> Thu 10-09. */
  f = facts("arrest_decision", "2025-09-16", 0);
  assert_date(review_due(cal, &f, 0, 0), "2025-10-09");
  /* Not detained, extended to 20: Sun 03-09 + 20 = Sat 03-29 -> Mon 03-31. */
  f = facts("arrest_decision", "2025-03-09", 0);
  f.majorComplex = 1;
  assert_date(review_due(cal, &f, 1, 0), "2025-03-31");
}

/* 审查起诉 (CPL 172(1)): 1 month, custody-bound when detained; +15 days once for 重大、复杂: the 15 days are
 * added to the nominal end of the month and only then is the day rolled (DOMAIN.md 1.2). */
static void test_prosecution_review_periods(void **state) {
  JwCalendar *cal = *state;
  /* Not detained: Wed 03-05 + 1 month = Sat 04-05, inside 清明 (04-04..04-06) -> Mon 04-07. */
  CaseFacts f = facts("prosecution_review", "2025-03-05", 0);
  CaseDeadline d = review_only(cal, &f, 0);
  assert_date(d.dueOn, "2025-04-07");
  assert_int_equal(d.custodyBound, 0);
  assert_int_equal(d.length.n, 1);
  assert_int_equal(d.length.unit, JW_UNIT_MONTHS);
  assert_int_equal(d.extraDays, 0);
  assert_int_equal(d.warnDays, 5);
  /* Detained: custody-bound, the nominal Sat 04-05 stays. */
  f.inCustody = 1;
  d = review_only(cal, &f, 0);
  assert_date(d.dueOn, "2025-04-05");
  assert_int_equal(d.custodyBound, 1);

  /* Extended (CPL 172: 1 month + 15 days). Not detained: 04-05 + 15 = Sun 04-20 -> Mon 04-21 (not 04-07 + 15 =
   * 04-22: the month's end is not rolled before the 15 days are added). */
  f = facts("prosecution_review", "2025-03-05", 0);
  f.majorComplex = 1;
  d = review_only(cal, &f, 1);
  assert_date(d.dueOn, "2025-04-21");
  assert_int_equal(d.custodyBound, 0);
  assert_int_equal(d.length.n, 1);
  assert_int_equal(d.length.unit, JW_UNIT_MONTHS);
  assert_int_equal(d.extraDays, 15);
  /* Detained: 04-05 + 15 = Sun 04-20, kept. */
  f.inCustody = 1;
  d = review_only(cal, &f, 1);
  assert_date(d.dueOn, "2025-04-20");
  assert_int_equal(d.custodyBound, 1);
  assert_int_equal(d.extraDays, 15);
  /* Mon 09-01 + 1 month = Wed 10-01 (国庆); not extended, not detained -> Thu 10-09; extended: 10-01 + 15 = Thu
   * 10-16, a working day (rolling the month first would give 10-09 + 15 = 10-24). */
  f = facts("prosecution_review", "2025-09-01", 0);
  f.majorComplex = 1;
  assert_date(review_due(cal, &f, 0, 0), "2025-10-09");
  assert_date(review_due(cal, &f, 1, 0), "2025-10-16");
  f.inCustody = 1;
  assert_date(review_due(cal, &f, 0, 1), "2025-10-01");
  assert_date(review_due(cal, &f, 1, 1), "2025-10-16");
  /* Month ends (SPC Interp. 202): 03-31 + 1 month = Wed 04-30. */
  f = facts("prosecution_review", "2025-03-31", 0);
  assert_date(review_due(cal, &f, 0, 0), "2025-04-30");
}

/* 速裁 (CPL 172(1)): 10 days; 15 days in total when the likely sentence exceeds one year; custody as for
 * 审查起诉; the CPL 172 extension does not apply. */
static void test_summary_procedure_periods(void **state) {
  JwCalendar *cal = *state;
  CaseFacts f = facts("prosecution_review", "2025-09-21", 0);
  f.summaryProcedure = 1;
  /* Sun 09-21 + 10 = Wed 10-01 (国庆+中秋 10-01..10-08) -> Thu 10-09. */
  CaseDeadline d = review_only(cal, &f, 0);
  assert_date(d.dueOn, "2025-10-09");
  assert_int_equal(d.length.n, 10);
  assert_int_equal(d.length.unit, JW_UNIT_DAYS);
  assert_int_equal(d.extraDays, 0);
  assert_int_equal(d.custodyBound, 0);
  /* Detained: 10-01, kept. */
  f.inCustody = 1;
  assert_date(review_due(cal, &f, 0, 1), "2025-10-01");
  /* An extension flag in the history does not lengthen a 速裁 period. */
  f.majorComplex = 1;
  d = review_only(cal, &f, 1);
  assert_date(d.dueOn, "2025-10-01");
  assert_int_equal(d.length.n, 10);
  assert_int_equal(d.extraDays, 0);

  /* Likely sentence over one year: 15 days in total (not 10 + 15). Fri 03-14 + 15 = Sat 03-29 -> Mon 03-31. */
  f = facts("prosecution_review", "2025-03-14", 0);
  f.summaryProcedure = 1;
  f.sentenceOverOneYear = 1;
  d = review_only(cal, &f, 0);
  assert_date(d.dueOn, "2025-03-31");
  assert_int_equal(d.length.n, 15);
  assert_int_equal(d.length.unit, JW_UNIT_DAYS);
  assert_int_equal(d.extraDays, 0);
  /* Detained: Sat 03-29, kept. */
  f.inCustody = 1;
  assert_date(review_due(cal, &f, 0, 1), "2025-03-29");
  /* The same case, sentence up to one year: 03-14 + 10 = Mon 03-24. */
  f.sentenceOverOneYear = 0;
  assert_date(review_due(cal, &f, 0, 1), "2025-03-24");
}

/* 羁押必要性审查: 10 working days ([M], 2016 试行 rules), the same in or out of custody. */
static void test_custody_necessity_period(void **state) {
  JwCalendar *cal = *state;
  /* From Wed 2026-02-11: 02-12 Thu (1), 02-13 Fri (2), 02-14 Sat 调休上班 (3), 02-15..02-23 春节, 02-24 Tue (4),
   * 02-25 (5), 02-26 (6), 02-27 Fri (7), 02-28 Sat 调休上班 (8), 03-01 Sun rest, 03-02 Mon (9), 03-03 Tue (10). */
  for (int custody = 0; custody <= 1; custody++) {
    CaseFacts f = facts("custody_necessity", "2026-02-11", custody);
    CaseDeadline d = review_only(cal, &f, 0);
    assert_date(d.dueOn, "2026-03-03");
    assert_int_equal(d.length.n, 10);
    assert_int_equal(d.length.unit, JW_UNIT_WORKDAYS);
    assert_int_equal(d.custodyBound, 0);
    /* No extension is modelled: a stray flag changes nothing. */
    f.majorComplex = 1;
    assert_date(review_due(cal, &f, 1, 0), "2026-03-03");
  }
}

/* 不起诉申诉复查 (Rules 386): 3 months, complex cases at most 6; not custody-bound even when someone is in
 * custody (a complaint period is not a custody limit, DOMAIN.md 0.1 rule 6). */
static void test_complaint_review_period(void **state) {
  JwCalendar *cal = *state;
  for (int custody = 0; custody <= 1; custody++) {
    /* Fri 2025-08-15 + 3 months = Sat 11-15 -> Mon 11-17. */
    CaseFacts f = facts("complaint_review", "2025-08-15", custody);
    CaseDeadline d = review_only(cal, &f, 0);
    assert_date(d.dueOn, "2025-11-17");
    assert_int_equal(d.length.n, 3);
    assert_int_equal(d.length.unit, JW_UNIT_MONTHS);
    assert_int_equal(d.custodyBound, 0);
    /* Extended: 6 months in total: Sun 2026-02-15, 春节 (02-15..02-23) -> Tue 02-24. */
    f.majorComplex = 1;
    d = review_only(cal, &f, 1);
    assert_date(d.dueOn, "2026-02-24");
    assert_int_equal(d.length.n, 6);
    assert_int_equal(d.length.unit, JW_UNIT_MONTHS);
    assert_int_equal(d.extraDays, 0);
    assert_int_equal(d.custodyBound, 0);
  }
  /* Sat 07-05 + 3 months = Sun 10-05, 国庆+中秋 -> Thu 10-09. */
  CaseFacts f = facts("complaint_review", "2025-07-05", 0);
  assert_date(review_due(cal, &f, 0, 0), "2025-10-09");
}

/* ---- returns (退回补充侦查) ------------------------------------------------------------------------------- */

/* One return and resubmission, not in custody. */
static void test_one_return(void **state) {
  JwCalendar *cal = *state;
  CaseFacts f = facts("prosecution_review", "2025-03-05", 0);
  CaseHistory h = history();
  CaseDeadline out[CASE_MAX_DEADLINES];

  /* Returned on Thu 03-20 and still out: round 1 closed by the return, the police's month open. */
  f.status = CASE_RETURNED;
  f.returnedOn = D("2025-03-20");
  f.returns = 1;
  h.nReturns = 1;
  h.aReturn[0] = D("2025-03-20");
  assert_int_equal(deadlines(cal, &f, &h, out), 2);
  /* Round 1: 03-05 + 1 month = Sat 04-05 (清明) -> Mon 04-07; closed on the return day. */
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-03-05", "2025-04-07", 0, "2025-03-20");
  /* Supplementary: Thu 03-20 + 1 month = Sun 04-20 -> Mon 04-21; open while the file is out. */
  assert_deadline(&out[1], DEADLINE_SUPPLEMENTARY, 1, "2025-03-20", "2025-04-21", 0, NULL);
  assert_int_equal(out[1].length.n, 1);
  assert_int_equal(out[1].length.unit, JW_UNIT_MONTHS);
  assert_int_equal(out[1].extraDays, 0);

  /* Resubmitted on Tue 04-15: round 2 starts from zero with the full month: 04-15 + 1 month = Thu 05-15. */
  f.status = CASE_UNDER_REVIEW;
  f.clockStart = D("2025-04-15");
  f.returnedOn = 0;
  h.aResubmit[0] = D("2025-04-15");
  assert_int_equal(deadlines(cal, &f, &h, out), 3);
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-03-05", "2025-04-07", 0, "2025-03-20");
  assert_deadline(&out[1], DEADLINE_REVIEW, 2, "2025-04-15", "2025-05-15", 0, NULL);
  assert_int_equal(out[1].length.n, 1);
  assert_int_equal(out[1].length.unit, JW_UNIT_MONTHS);
  assert_int_equal(out[1].extraDays, 0);
  assert_deadline(&out[2], DEADLINE_SUPPLEMENTARY, 1, "2025-03-20", "2025-04-21", 0, "2025-04-15");
  /* The closed ones were met. */
  assert_string_equal(deadline_level(&out[0], D("2025-05-01"), NULL), "met");
  assert_string_equal(deadline_level(&out[2], D("2025-05-01"), NULL), "met");

  /* Round 2 extended (the extension is available again after a resubmission, DOMAIN.md 2.1); round 1 was not:
   * 05-15 + 15 = Fri 05-30. */
  f.majorComplex = 1;
  h.aExtended[1] = 1;
  assert_int_equal(deadlines(cal, &f, &h, out), 3);
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-03-05", "2025-04-07", 0, "2025-03-20");
  assert_int_equal(out[0].extraDays, 0);
  assert_deadline(&out[1], DEADLINE_REVIEW, 2, "2025-04-15", "2025-05-30", 0, NULL);
  assert_int_equal(out[1].extraDays, 15);

  /* A late resubmission (after the police's month): the supplementary period is closed late. Resubmitted on Tue
   * 04-22, one day after 04-21. */
  h.aResubmit[0] = D("2025-04-22");
  f.clockStart = D("2025-04-22");
  h.aExtended[1] = 0;
  assert_int_equal(deadlines(cal, &f, &h, out), 3);
  /* 04-22 + 1 month = Thu 05-22. */
  assert_deadline(&out[1], DEADLINE_REVIEW, 2, "2025-04-22", "2025-05-22", 0, NULL);
  assert_deadline(&out[2], DEADLINE_SUPPLEMENTARY, 1, "2025-03-20", "2025-04-21", 0, "2025-04-22");
  assert_string_equal(deadline_level(&out[2], D("2025-05-01"), NULL), "late");
}

/* Two returns in custody, rounds 1 and 3 extended: each round restarts from zero with its own extension; the
 * police's months are never custody-bound (DOMAIN.md 0.2). */
static void test_two_returns_in_custody(void **state) {
  JwCalendar *cal = *state;
  CaseFacts f = facts("prosecution_review", "2025-01-10", 1);
  CaseHistory h = history();
  CaseDeadline out[CASE_MAX_DEADLINES];
  f.majorComplex = 1;
  f.returns = 2;
  f.clockStart = D("2025-04-18");
  f.extended = 1;
  h.nReturns = 2;
  h.aReturn[0] = D("2025-02-05");
  h.aResubmit[0] = D("2025-03-03");
  h.aReturn[1] = D("2025-03-20");
  h.aResubmit[1] = D("2025-04-18");
  h.aExtended[0] = 1;
  h.aExtended[2] = 1;
  assert_int_equal(deadlines(cal, &f, &h, out), 5);
  /* Round 1, extended: Fri 01-10 + 1 month = Mon 02-10, + 15 = Tue 02-25; custody-bound; closed by the return. */
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-01-10", "2025-02-25", 1, "2025-02-05");
  assert_int_equal(out[0].extraDays, 15);
  /* Round 2, not extended: Mon 03-03 + 1 month = Thu 04-03; closed by the second return. */
  assert_deadline(&out[1], DEADLINE_REVIEW, 2, "2025-03-03", "2025-04-03", 1, "2025-03-20");
  assert_int_equal(out[1].extraDays, 0);
  /* Round 3, extended: Fri 04-18 + 1 month = Sun 05-18, + 15 = Mon 06-02 (端午 05-31..06-02): custody-bound, kept. */
  assert_deadline(&out[2], DEADLINE_REVIEW, 3, "2025-04-18", "2025-06-02", 1, NULL);
  assert_int_equal(out[2].extraDays, 15);
  /* Return 1: Wed 02-05 + 1 month = Wed 03-05; closed by the resubmission on 03-03. */
  assert_deadline(&out[3], DEADLINE_SUPPLEMENTARY, 1, "2025-02-05", "2025-03-05", 0, "2025-03-03");
  /* Return 2: Thu 03-20 + 1 month = Sun 04-20 -> Mon 04-21 (not custody-bound although the suspect is detained);
   * closed on 04-18. */
  assert_deadline(&out[4], DEADLINE_SUPPLEMENTARY, 2, "2025-03-20", "2025-04-21", 0, "2025-04-18");

  /* The same history with the suspect released: round 3 rolls: 06-02 (端午) -> Tue 06-03; round 1: Tue 02-25. */
  f.inCustody = 0;
  assert_int_equal(deadlines(cal, &f, &h, out), 5);
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-01-10", "2025-02-25", 0, "2025-02-05");
  assert_deadline(&out[2], DEADLINE_REVIEW, 3, "2025-04-18", "2025-06-03", 0, NULL);

  /* No third return (CPL 175(3)). */
  f.inCustody = 1;
  const char *zMsg = refusal(&f, EVENT_RETURN, D("2025-05-01"));
  assert_non_null(strstr(zMsg, "两次"));
}

/* ---- conclusion, archiving, transfer ---------------------------------------------------------------------- */

/* Conclusion closes the review period; archiving is due one month after conclusion (rolled) and closed by
 * archiving. */
static void test_conclusion_and_archiving(void **state) {
  JwCalendar *cal = *state;
  CaseFacts f = facts("prosecution_review", "2025-03-05", 0);
  CaseHistory h = history();
  CaseDeadline out[CASE_MAX_DEADLINES];
  int left = 0;

  /* Concluded Fri 03-28: review (due Mon 04-07) met; archiving: 03-28 + 1 month = Mon 04-28, open. */
  f.status = CASE_CONCLUDED;
  f.concludedOn = D("2025-03-28");
  f.undecidedPersons = 0;
  assert_int_equal(deadlines(cal, &f, &h, out), 2);
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-03-05", "2025-04-07", 0, "2025-03-28");
  assert_string_equal(deadline_level(&out[0], D("2025-05-01"), &left), "met");
  assert_int_equal(left, D("2025-04-07") - D("2025-05-01"));
  assert_deadline(&out[1], DEADLINE_ARCHIVING, 1, "2025-03-28", "2025-04-28", 0, NULL);
  assert_int_equal(out[1].length.n, 1);
  assert_int_equal(out[1].length.unit, JW_UNIT_MONTHS);
  assert_string_equal(deadline_level(&out[1], D("2025-04-28"), &left), "due");
  assert_int_equal(left, 0);
  assert_string_equal(deadline_level(&out[1], D("2025-04-29"), &left), "overdue");

  /* Concluded late (after the due day 04-07): the review period is closed late. */
  f.concludedOn = D("2025-04-08");
  assert_int_equal(deadlines(cal, &f, &h, out), 2);
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-03-05", "2025-04-07", 0, "2025-04-08");
  assert_string_equal(deadline_level(&out[0], D("2025-04-08"), NULL), "late");
  /* Concluded on the due day itself: met. */
  f.concludedOn = D("2025-04-07");
  assert_int_equal(deadlines(cal, &f, &h, out), 2);
  assert_string_equal(deadline_level(&out[0], D("2025-04-07"), NULL), "met");

  /* Received Fri 08-01 (1 month = Mon 09-01), concluded Mon 09-01 (the due day: met). Archiving: 09-01 + 1 month =
   * Wed 10-01 (国庆+中秋 10-01..10-08) -> Thu 10-09 (not custody-bound, though the suspect is detained). */
  f = facts("prosecution_review", "2025-08-01", 1);
  f.status = CASE_CONCLUDED;
  f.concludedOn = D("2025-09-01");
  f.undecidedPersons = 0;
  assert_int_equal(deadlines(cal, &f, &h, out), 2);
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-08-01", "2025-09-01", 1, "2025-09-01");
  assert_string_equal(deadline_level(&out[0], D("2025-09-01"), NULL), "met");
  assert_deadline(&out[1], DEADLINE_ARCHIVING, 1, "2025-09-01", "2025-10-09", 0, NULL);
  /* Archived on the due day: met. */
  f.status = CASE_ARCHIVED;
  f.archivedOn = D("2025-10-09");
  assert_int_equal(deadlines(cal, &f, &h, out), 2);
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-08-01", "2025-09-01", 1, "2025-09-01");
  assert_deadline(&out[1], DEADLINE_ARCHIVING, 1, "2025-09-01", "2025-10-09", 0, "2025-10-09");
  assert_string_equal(deadline_level(&out[1], D("2025-12-01"), NULL), "met");
  /* Archived a day late. */
  f.archivedOn = D("2025-10-10");
  assert_int_equal(deadlines(cal, &f, &h, out), 2);
  assert_deadline(&out[1], DEADLINE_ARCHIVING, 1, "2025-09-01", "2025-10-09", 0, "2025-10-10");
  assert_string_equal(deadline_level(&out[1], D("2025-12-01"), NULL), "late");

  /* After a return: round 1 closed by the return, round 2 by the conclusion, the supplementary by the
   * resubmission, then archiving. Received 03-05, returned Thu 03-20, resubmitted Tue 04-15, concluded Fri 05-09:
   * round 2 due Thu 05-15 (met); archiving 05-09 + 1 month = Mon 06-09. */
  f = facts("prosecution_review", "2025-03-05", 0);
  f.status = CASE_CONCLUDED;
  f.returns = 1;
  f.clockStart = D("2025-04-15");
  f.concludedOn = D("2025-05-09");
  f.undecidedPersons = 0;
  h.nReturns = 1;
  h.aReturn[0] = D("2025-03-20");
  h.aResubmit[0] = D("2025-04-15");
  assert_int_equal(deadlines(cal, &f, &h, out), 4);
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-03-05", "2025-04-07", 0, "2025-03-20");
  assert_deadline(&out[1], DEADLINE_REVIEW, 2, "2025-04-15", "2025-05-15", 0, "2025-05-09");
  assert_deadline(&out[2], DEADLINE_SUPPLEMENTARY, 1, "2025-03-20", "2025-04-21", 0, "2025-04-15");
  assert_deadline(&out[3], DEADLINE_ARCHIVING, 1, "2025-05-09", "2025-06-09", 0, NULL);
}

/* 改变管辖 out of this office closes the current review period on the transfer day; nothing else opens. */
static void test_transfer(void **state) {
  JwCalendar *cal = *state;
  CaseFacts f = facts("prosecution_review", "2025-03-05", 0);
  CaseHistory h = history();
  CaseDeadline out[CASE_MAX_DEADLINES];
  f.status = CASE_TRANSFERRED;
  h.transferredOn = D("2025-03-20");
  assert_int_equal(deadlines(cal, &f, &h, out), 1);
  /* 03-05 + 1 month = Sat 04-05 (清明) -> Mon 04-07, closed on the transfer day Thu 03-20. */
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-03-05", "2025-04-07", 0, "2025-03-20");
  assert_string_equal(deadline_level(&out[0], D("2025-03-20"), NULL), "met");

  /* Transferred while returned: round 1 closed by the return (Thu 03-20), the police's month (due Mon 04-21)
   * closed by the transfer on Tue 04-01; no archiving. */
  f.returns = 1;
  h.nReturns = 1;
  h.aReturn[0] = D("2025-03-20");
  h.transferredOn = D("2025-04-01");
  assert_int_equal(deadlines(cal, &f, &h, out), 2);
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-03-05", "2025-04-07", 0, "2025-03-20");
  assert_deadline(&out[1], DEADLINE_SUPPLEMENTARY, 1, "2025-03-20", "2025-04-21", 0, "2025-04-01");

  /* Transferred in round 2: round 2 (from Tue 04-15: Thu 05-15) closed on the transfer day Fri 05-02. */
  h.aResubmit[0] = D("2025-04-15");
  h.transferredOn = D("2025-05-02");
  f.clockStart = D("2025-04-15");
  assert_int_equal(deadlines(cal, &f, &h, out), 3);
  assert_deadline(&out[0], DEADLINE_REVIEW, 1, "2025-03-05", "2025-04-07", 0, "2025-03-20");
  assert_deadline(&out[1], DEADLINE_REVIEW, 2, "2025-04-15", "2025-05-15", 0, "2025-05-02");
  assert_deadline(&out[2], DEADLINE_SUPPLEMENTARY, 1, "2025-03-20", "2025-04-21", 0, "2025-04-15");
}

/* ---- levels, provisional answers, range ------------------------------------------------------------------- */

/* Open deadlines: overdue, due, warning within warnDays, normal; days left = due - today. */
static void test_deadline_level(void **state) {
  JwCalendar *cal = *state;
  CaseFacts f = facts("prosecution_review", "2025-03-05", 0);
  CaseDeadline d = review_only(cal, &f, 0); /* due Mon 04-07, warn 5 days */
  int left = 99;
  assert_string_equal(deadline_level(&d, D("2025-04-09"), &left), "overdue");
  assert_int_equal(left, -2);
  assert_string_equal(deadline_level(&d, D("2025-04-08"), &left), "overdue");
  assert_int_equal(left, -1);
  assert_string_equal(deadline_level(&d, D("2025-04-07"), &left), "due");
  assert_int_equal(left, 0);
  assert_string_equal(deadline_level(&d, D("2025-04-06"), &left), "warning");
  assert_int_equal(left, 1);
  assert_string_equal(deadline_level(&d, D("2025-04-02"), &left), "warning");
  assert_int_equal(left, 5);
  assert_string_equal(deadline_level(&d, D("2025-04-01"), &left), "normal");
  assert_int_equal(left, 6);
  assert_string_equal(deadline_level(&d, D("2025-03-05"), &left), "normal");
  assert_int_equal(left, 33);
  assert_string_equal(deadline_level(&d, D("2025-04-02"), NULL), "warning"); /* NULL days-left allowed */

  /* 审查逮捕 warns 2 days ahead: due Wed 10-01 (detained, from 09-24). */
  f = facts("arrest_review", "2025-09-24", 1);
  d = review_only(cal, &f, 0);
  assert_string_equal(deadline_level(&d, D("2025-09-29"), &left), "warning");
  assert_int_equal(left, 2);
  assert_string_equal(deadline_level(&d, D("2025-09-28"), &left), "normal");
  assert_int_equal(left, 3);

  /* Closed: met on or before the due day, late after it; days left still reported. */
  CaseDeadline c = d;
  c.open = 0;
  c.closedOn = D("2025-10-01");
  assert_string_equal(deadline_level(&c, D("2025-10-05"), &left), "met");
  assert_int_equal(left, -4);
  c.closedOn = D("2025-09-25");
  assert_string_equal(deadline_level(&c, D("2025-10-05"), NULL), "met");
  c.closedOn = D("2025-10-02");
  assert_string_equal(deadline_level(&c, D("2025-10-05"), NULL), "late");
}

/* A year the calendar does not cover makes a rolled answer provisional; a date outside the supported range fails. */
static void test_provisional_and_range(void **state) {
  JwCalendar *cal = *state;
  CaseHistory h = history();
  CaseDeadline out[CASE_MAX_DEADLINES];
  /* Sat 2026-12-05 + 1 month = Tue 2027-01-05: 2027 is not loaded, so a rolled period is provisional. */
  CaseFacts f = facts("prosecution_review", "2026-12-05", 0);
  assert_int_equal(deadlines(cal, &f, &h, out), 1);
  assert_date(out[0].dueOn, "2027-01-05");
  assert_int_equal(out[0].provisional, 1);
  /* Custody-bound: no day is consulted, not provisional. */
  f.inCustody = 1;
  assert_int_equal(deadlines(cal, &f, &h, out), 1);
  assert_date(out[0].dueOn, "2027-01-05");
  assert_int_equal(out[0].provisional, 0);
  /* Out of range: -1. */
  f.receivedOn = JW_DATE_MAX + 1;
  f.clockStart = f.receivedOn;
  assert_int_equal(deadlines(cal, &f, &h, out), -1);
  f.receivedOn = JW_DATE_MIN - 1;
  f.clockStart = f.receivedOn;
  assert_int_equal(deadlines(cal, &f, &h, out), -1);
}

/* ---- legal events ----------------------------------------------------------------------------------------- */

/* Archived (except a judgment), transferred, or a date before receipt: refused for every event kind. */
static void test_check_general(void **state) {
  (void)state;
  CaseFacts f = facts("prosecution_review", "2025-03-05", 1);
  for (int k = 0; k < EVENT_KIND_COUNT; k++) {
    /* a day before receipt: field "on" */
    ASSERT_REFUSED(&f, (CaseEventKind)k, D("2025-03-04"), "on");
  }
  CaseFacts a = f;
  a.status = CASE_ARCHIVED;
  a.concludedOn = D("2025-03-28");
  a.archivedOn = D("2025-04-10");
  a.undecidedPersons = 0;
  for (int k = 0; k < EVENT_KIND_COUNT; k++) {
    if (k == EVENT_JUDGMENT) ASSERT_ALLOWED(&a, EVENT_JUDGMENT, D("2025-05-01"));
    else ASSERT_REFUSED_STATE(&a, (CaseEventKind)k, D("2025-05-01"));
  }
  CaseFacts t = f;
  t.status = CASE_TRANSFERRED;
  for (int k = 0; k < EVENT_KIND_COUNT; k++) ASSERT_REFUSED_STATE(&t, (CaseEventKind)k, D("2025-05-01"));
  /* An unknown event kind. */
  ASSERT_REFUSED(&f, EVENT_KIND_COUNT, D("2025-03-10"), "kind");
  /* Assignment: any time during the case, on the receipt day too. */
  ASSERT_ALLOWED(&f, EVENT_ASSIGN, D("2025-03-05"));
  f.status = CASE_RETURNED;
  f.returnedOn = D("2025-03-20");
  ASSERT_ALLOWED(&f, EVENT_ASSIGN, D("2025-03-25"));
}

/* 延长 (CPL 172, Rules 282/297/386): only under review, only 重大、复杂, once per round, never for 速裁, and
 * only where the type has an extension in the current custody state. */
static void test_check_extend(void **state) {
  (void)state;
  CaseFacts f = facts("prosecution_review", "2025-03-05", 1);
  f.majorComplex = 1;
  ASSERT_ALLOWED(&f, EVENT_EXTEND, D("2025-03-05"));
  ASSERT_ALLOWED(&f, EVENT_EXTEND, D("2025-04-05"));
  f.inCustody = 0;
  ASSERT_ALLOWED(&f, EVENT_EXTEND, D("2025-04-07"));
  /* not 重大、复杂 */
  CaseFacts g = f;
  g.majorComplex = 0;
  ASSERT_REFUSED(&g, EVENT_EXTEND, D("2025-03-20"), "kind");
  /* already extended in this round */
  g = f;
  g.extended = 1;
  ASSERT_REFUSED(&g, EVENT_EXTEND, D("2025-03-20"), "kind");
  /* 速裁, with or without the over-one-year sentence */
  g = f;
  g.summaryProcedure = 1;
  ASSERT_REFUSED(&g, EVENT_EXTEND, D("2025-03-10"), "kind");
  assert_non_null(strstr(refusal(&g, EVENT_EXTEND, D("2025-03-10")), "速裁"));
  g.sentenceOverOneYear = 1;
  ASSERT_REFUSED(&g, EVENT_EXTEND, D("2025-03-10"), "kind");
  /* not under review */
  g = f;
  g.status = CASE_RETURNED;
  g.returnedOn = D("2025-03-20");
  ASSERT_REFUSED(&g, EVENT_EXTEND, D("2025-03-25"), "kind");
  g = f;
  g.status = CASE_CONCLUDED;
  g.concludedOn = D("2025-03-28");
  ASSERT_REFUSED(&g, EVENT_EXTEND, D("2025-03-30"), "kind");
  /* a new round after a resubmission: extension available again, not before the round's start */
  g = f;
  g.returns = 1;
  g.clockStart = D("2025-04-15");
  ASSERT_ALLOWED(&g, EVENT_EXTEND, D("2025-04-15"));
  ASSERT_REFUSED(&g, EVENT_EXTEND, D("2025-04-14"), "on");

  /* 审查批准逮捕: detained, no extension at all (CPL 91(3)); not detained, 重大、复杂: to 20 days. */
  CaseFacts ar = facts("arrest_review", "2025-09-24", 1);
  ar.majorComplex = 1;
  ASSERT_REFUSED(&ar, EVENT_EXTEND, D("2025-09-25"), "kind");
  ar.inCustody = 0;
  ASSERT_ALLOWED(&ar, EVENT_EXTEND, D("2025-09-25"));
  ar.majorComplex = 0;
  ASSERT_REFUSED(&ar, EVENT_EXTEND, D("2025-09-25"), "kind");
  /* 审查决定逮捕: detained +3 days, not detained to 20 days. */
  CaseFacts ad = facts("arrest_decision", "2025-09-21", 1);
  ad.majorComplex = 1;
  ASSERT_ALLOWED(&ad, EVENT_EXTEND, D("2025-09-25"));
  ad.inCustody = 0;
  ASSERT_ALLOWED(&ad, EVENT_EXTEND, D("2025-09-25"));
  ad.extended = 1;
  ASSERT_REFUSED(&ad, EVENT_EXTEND, D("2025-09-25"), "kind");
  /* 羁押必要性审查: no extension in either custody state. */
  for (int custody = 0; custody <= 1; custody++) {
    CaseFacts cn = facts("custody_necessity", "2026-02-11", custody);
    cn.majorComplex = 1;
    ASSERT_REFUSED(&cn, EVENT_EXTEND, D("2026-02-12"), "kind");
  }
  /* 申诉复查: complex cases to 6 months. */
  CaseFacts cr = facts("complaint_review", "2025-08-15", 0);
  cr.majorComplex = 1;
  ASSERT_ALLOWED(&cr, EVENT_EXTEND, D("2025-10-15"));
  cr.majorComplex = 0;
  ASSERT_REFUSED(&cr, EVENT_EXTEND, D("2025-10-15"), "kind");
}

/* 退回补充侦查 (CPL 175(3)): prosecution review only, under review only, at most twice per case counting returns
 * before a change of jurisdiction, not before the current round started. */
static void test_check_return(void **state) {
  (void)state;
  CaseFacts f = facts("prosecution_review", "2025-03-05", 1);
  ASSERT_ALLOWED(&f, EVENT_RETURN, D("2025-03-05"));
  ASSERT_ALLOWED(&f, EVENT_RETURN, D("2025-03-20"));
  f.returns = 1;
  f.clockStart = D("2025-04-15");
  ASSERT_ALLOWED(&f, EVENT_RETURN, D("2025-04-20"));
  ASSERT_REFUSED(&f, EVENT_RETURN, D("2025-04-14"), "on");
  /* a third return: refused, with the rule in the message */
  f.returns = 2;
  ASSERT_REFUSED(&f, EVENT_RETURN, D("2025-04-20"), "kind");
  assert_non_null(strstr(refusal(&f, EVENT_RETURN, D("2025-04-20")), "两次"));
  /* the two returns were before a change of jurisdiction: this office received the case fresh and has no return
   * in its history, but the limit still holds */
  CaseFacts moved = facts("prosecution_review", "2025-06-02", 1);
  moved.returns = 2;
  ASSERT_REFUSED(&moved, EVENT_RETURN, D("2025-06-10"), "kind");
  assert_non_null(strstr(refusal(&moved, EVENT_RETURN, D("2025-06-10")), "两次"));
  moved.returns = 1;
  ASSERT_ALLOWED(&moved, EVENT_RETURN, D("2025-06-10"));
  /* not under review */
  CaseFacts g = facts("prosecution_review", "2025-03-05", 1);
  g.status = CASE_RETURNED;
  g.returns = 1;
  g.returnedOn = D("2025-03-20");
  ASSERT_REFUSED(&g, EVENT_RETURN, D("2025-03-25"), "kind");
  g.status = CASE_CONCLUDED;
  g.concludedOn = D("2025-03-28");
  ASSERT_REFUSED(&g, EVENT_RETURN, D("2025-03-30"), "kind");
  /* other case types cannot be returned */
  static const char *const azNoReturn[] = {"arrest_review", "arrest_decision", "custody_necessity", "complaint_review"};
  for (size_t i = 0; i < sizeof azNoReturn / sizeof azNoReturn[0]; i++) {
    CaseFacts o = facts(azNoReturn[i], "2025-03-05", 0);
    ASSERT_REFUSED(&o, EVENT_RETURN, D("2025-03-06"), "kind");
  }
}

/* 重新移送: only while returned, not before the return day. */
static void test_check_resubmit(void **state) {
  (void)state;
  CaseFacts f = facts("prosecution_review", "2025-03-05", 0);
  ASSERT_REFUSED(&f, EVENT_RESUBMIT, D("2025-03-20"), "kind");
  f.status = CASE_RETURNED;
  f.returns = 1;
  f.returnedOn = D("2025-03-20");
  ASSERT_ALLOWED(&f, EVENT_RESUBMIT, D("2025-03-20"));
  ASSERT_ALLOWED(&f, EVENT_RESUBMIT, D("2025-04-15"));
  ASSERT_ALLOWED(&f, EVENT_RESUBMIT, D("2025-05-30")); /* late: still recorded (Rules 347 is the follow-up) */
  ASSERT_REFUSED(&f, EVENT_RESUBMIT, D("2025-03-19"), "on");
  ASSERT_REFUSED(&f, EVENT_RESUBMIT, D("2025-03-04"), "on");
  f.status = CASE_CONCLUDED;
  f.concludedOn = D("2025-03-28");
  ASSERT_REFUSED(&f, EVENT_RESUBMIT, D("2025-04-01"), "kind");
}

/* Decisions: only under review, only while someone is undecided, not before the round started. */
static void test_check_decide(void **state) {
  (void)state;
  CaseFacts f = facts("prosecution_review", "2025-03-05", 1);
  ASSERT_ALLOWED(&f, EVENT_DECIDE, D("2025-03-05"));
  ASSERT_ALLOWED(&f, EVENT_DECIDE, D("2025-04-20"));
  f.undecidedPersons = 0;
  ASSERT_REFUSED(&f, EVENT_DECIDE, D("2025-03-20"), "kind");
  f.undecidedPersons = 2;
  f.returns = 1;
  f.clockStart = D("2025-04-15");
  ASSERT_ALLOWED(&f, EVENT_DECIDE, D("2025-04-15"));
  ASSERT_REFUSED(&f, EVENT_DECIDE, D("2025-04-14"), "on");
  /* while returned: the file is with the police */
  CaseFacts g = facts("prosecution_review", "2025-03-05", 1);
  g.status = CASE_RETURNED;
  g.returns = 1;
  g.returnedOn = D("2025-03-20");
  ASSERT_REFUSED(&g, EVENT_DECIDE, D("2025-03-25"), "kind");
  assert_non_null(strstr(refusal(&g, EVENT_DECIDE, D("2025-03-25")), "退回"));
  /* concluded */
  g.status = CASE_CONCLUDED;
  g.concludedOn = D("2025-03-28");
  g.undecidedPersons = 0;
  ASSERT_REFUSED(&g, EVENT_DECIDE, D("2025-03-30"), "kind");
  /* other types decide under review too */
  for (int i = 0; i < CASE_TYPE_COUNT; i++) {
    CaseFacts o = facts(case_types[i].zCode, "2025-03-05", 0);
    ASSERT_ALLOWED(&o, EVENT_DECIDE, D("2025-03-06"));
  }
}

/* 自行补充侦查 (Rules 348: inside the current review period, so only under review), custody changes (while the
 * case is under review or returned) and transfer (改变管辖, before conclusion). */
static void test_check_self_investigation_custody_transfer(void **state) {
  (void)state;
  CaseFacts f = facts("prosecution_review", "2025-03-05", 1);
  ASSERT_ALLOWED(&f, EVENT_SELF_INVESTIGATION, D("2025-03-10"));
  ASSERT_ALLOWED(&f, EVENT_CUSTODY, D("2025-03-10"));
  ASSERT_ALLOWED(&f, EVENT_TRANSFER, D("2025-03-10"));
  CaseFacts r = f;
  r.status = CASE_RETURNED;
  r.returns = 1;
  r.returnedOn = D("2025-03-20");
  ASSERT_REFUSED(&r, EVENT_SELF_INVESTIGATION, D("2025-03-25"), "kind");
  ASSERT_ALLOWED(&r, EVENT_CUSTODY, D("2025-03-25"));
  ASSERT_ALLOWED(&r, EVENT_TRANSFER, D("2025-03-25"));
  CaseFacts c = f;
  c.status = CASE_CONCLUDED;
  c.concludedOn = D("2025-03-28");
  c.undecidedPersons = 0;
  ASSERT_REFUSED(&c, EVENT_SELF_INVESTIGATION, D("2025-03-30"), "kind");
  ASSERT_REFUSED(&c, EVENT_CUSTODY, D("2025-03-30"), "kind");
  ASSERT_REFUSED(&c, EVENT_TRANSFER, D("2025-03-30"), "kind");
}

/* Judgment (only after conclusion, also once archived, not before the conclusion day) and archiving (only when
 * concluded, not before the conclusion day). */
static void test_check_judgment_archive(void **state) {
  (void)state;
  CaseFacts f = facts("prosecution_review", "2025-03-05", 1);
  ASSERT_REFUSED(&f, EVENT_JUDGMENT, D("2025-03-20"), "kind");
  ASSERT_REFUSED(&f, EVENT_ARCHIVE, D("2025-03-20"), "kind");
  CaseFacts r = f;
  r.status = CASE_RETURNED;
  r.returns = 1;
  r.returnedOn = D("2025-03-20");
  ASSERT_REFUSED(&r, EVENT_JUDGMENT, D("2025-03-25"), "kind");
  ASSERT_REFUSED(&r, EVENT_ARCHIVE, D("2025-03-25"), "kind");
  CaseFacts c = f;
  c.status = CASE_CONCLUDED;
  c.concludedOn = D("2025-03-28");
  c.undecidedPersons = 0;
  ASSERT_ALLOWED(&c, EVENT_JUDGMENT, D("2025-03-28"));
  ASSERT_ALLOWED(&c, EVENT_JUDGMENT, D("2025-06-10"));
  ASSERT_REFUSED(&c, EVENT_JUDGMENT, D("2025-03-27"), "on");
  ASSERT_ALLOWED(&c, EVENT_ARCHIVE, D("2025-03-28"));
  ASSERT_ALLOWED(&c, EVENT_ARCHIVE, D("2025-05-10")); /* late, but allowed: the deadline shows "late" */
  ASSERT_REFUSED(&c, EVENT_ARCHIVE, D("2025-03-27"), "on");
  CaseFacts a = c;
  a.status = CASE_ARCHIVED;
  a.archivedOn = D("2025-04-10");
  ASSERT_ALLOWED(&a, EVENT_JUDGMENT, D("2025-06-10"));
  ASSERT_REFUSED(&a, EVENT_JUDGMENT, D("2025-03-27"), "on");
  ASSERT_REFUSED_STATE(&a, EVENT_ARCHIVE, D("2025-06-10"));
  CaseFacts t = f;
  t.status = CASE_TRANSFERRED;
  ASSERT_REFUSED_STATE(&t, EVENT_JUDGMENT, D("2025-06-10"));
  ASSERT_REFUSED_STATE(&t, EVENT_ARCHIVE, D("2025-06-10"));
}

/* ---- reference data --------------------------------------------------------------------------------------- */

/* The codes of the first charge list (55): stored data uses them, they must stay. */
static const char *const first_charge_codes[] = {
    "dangerous_driving",
    "theft",
    "fraud",
    "aiding_cybercrime",
    "intentional_injury",
    "picking_quarrels",
    "drug_trafficking",
    "traffic_accident",
    "gambling_den",
    "gambling",
    "concealing_proceeds",
    "robbery",
    "affray",
    "harboring_drug_use",
    "illegal_drug_possession",
    "forcible_seizure",
    "occupational_embezzlement",
    "contract_fraud",
    "illegal_deposit_taking",
    "fundraising_fraud",
    "credit_card_fraud",
    "intentional_homicide",
    "rape",
    "obstructing_official_duty",
    "illegal_logging",
    "illegal_fishing",
    "illegal_mining",
    "environmental_pollution",
    "counterfeit_products",
    "toxic_food",
    "trademark_counterfeiting",
    "pyramid_selling",
    "illegal_business",
    "refusing_to_pay_wages",
    "intentional_destruction",
    "extortion",
    "personal_information",
    "illegal_detention",
    "accepting_bribes",
    "offering_bribes",
    "graft",
    "misappropriating_public_funds",
    "negligent_homicide",
    "arson",
    "illegal_firearms",
    "refusing_judgment",
    "perjury",
    "forging_official_documents",
    "illegal_border_crossing",
    "harboring_prostitution",
    "computer_system_sabotage",
    "illegal_hunting",
    "endangered_wildlife",
    "negligent_fire",
    "major_liability_accident",
};

/* The characters of a name that have an initial: all but 、 and the brackets of 国（边）境. */
static size_t charge_name_chars(const char *zName) {
  size_t n = 0;
  for (const char *p = zName; *p;) {
    if (strncmp(p, "、", 3) == 0 || strncmp(p, "（", 3) == 0 || strncmp(p, "）", 3) == 0) {
      p += 3;
      continue;
    }
    n++;
    p++;
    while ((*p & 0xC0) == 0x80) p++;
  }
  return n;
}

/* Charges: the whole list (483 after 刑法修正案（十一）), codes and names unique, names ending in 罪, each with its
 * article, its chapter and its initials (a-z, one per character of the name); the first list's codes all present;
 * the charges 刑法修正案（十一） added present with their articles; codes made by the documented rule. */
static void test_charges(void **state) {
  (void)state;
  assert_int_equal(charges_count, 483);
  for (size_t i = 0; i < charges_count; i++) {
    const Charge *c = &charges[i];
    assert_true(c->zCode && c->zCode[0]);
    assert_true(c->zName && c->zName[0]);
    assert_true(c->zArticle && c->zArticle[0]);
    assert_true(strncmp(c->zArticle, "刑法第", strlen("刑法第")) == 0 || strcmp(c->zCode, "d1998_1") == 0);
    /* a charge name ends in 罪 (3 bytes in UTF-8) */
    size_t n = strlen(c->zName);
    assert_true(n > 3);
    assert_string_equal(c->zName + n - 3, "罪");
    for (const char *p = c->zCode; *p; p++) {
      assert_true((*p >= 'a' && *p <= 'z') || *p == '_' || (*p >= '0' && *p <= '9'));
    }
    for (const char *p = c->zInitials; *p; p++) assert_true(*p >= 'a' && *p <= 'z');
    if (strlen(c->zInitials) != charge_name_chars(c->zName)) {
      print_error("initials %s do not fit %s\n", c->zInitials, c->zName);
      fail();
    }
    assert_int_equal(c->zInitials[strlen(c->zInitials) - 1], 'z'); /* 罪 */
    assert_true(c->chapter >= 1 && c->chapter <= CHARGE_CHAPTER_COUNT);
    assert_true(i == 0 || c->chapter >= charges[i - 1].chapter); /* in the order of the 分则 */
    assert_ptr_equal(charge_by_code(c->zCode), c);
    for (size_t j = 0; j < i; j++) {
      if (strcmp(charges[j].zCode, c->zCode) == 0 || strcmp(charges[j].zName, c->zName) == 0) {
        print_error("duplicate charge: %s / %s\n", c->zCode, c->zName);
        fail();
      }
    }
  }
  for (size_t i = 0; i < sizeof first_charge_codes / sizeof first_charge_codes[0]; i++) {
    if (!charge_by_code(first_charge_codes[i])) {
      print_error("first list code lost: %s\n", first_charge_codes[i]);
      fail();
    }
  }
  assert_int_equal(sizeof first_charge_codes / sizeof first_charge_codes[0], 55);
  const Charge *c = charge_by_code("dangerous_driving");
  assert_non_null(c);
  assert_string_equal(c->zName, "危险驾驶罪");
  assert_string_equal(c->zArticle, "刑法第一百三十三条之一");
  assert_string_equal(c->zInitials, "wxjsz");
  assert_string_equal(charge_chapters[c->chapter], "危害公共安全罪");
  c = charge_by_code("theft");
  assert_non_null(c);
  assert_string_equal(c->zName, "盗窃罪");
  assert_string_equal(c->zInitials, "dqz");
  assert_string_equal(charge_chapters[c->chapter], "侵犯财产罪");
  /* 刑法修正案（十一）: 袭警罪 (article 277, paragraph 5) and 妨害安全驾驶罪 (article 133-2), codes by the rule */
  c = charge_by_code("a277_2");
  assert_non_null(c);
  assert_string_equal(c->zName, "袭警罪");
  assert_string_equal(c->zArticle, "刑法第二百七十七条第五款");
  assert_string_equal(c->zInitials, "xjz");
  c = charge_by_code("a133z2_1");
  assert_non_null(c);
  assert_string_equal(c->zName, "妨害安全驾驶罪");
  assert_string_equal(c->zArticle, "刑法第一百三十三条之二");
  assert_string_equal(c->zInitials, "fhaqjsz");
  /* polyphonic characters read as in the word */
  int found = 0;
  for (size_t i = 0; i < charges_count; i++) {
    if (strcmp(charges[i].zName, "重婚罪") == 0) found += strcmp(charges[i].zInitials, "chz") == 0;
    if (strcmp(charges[i].zName, "投降罪") == 0) found += strcmp(charges[i].zInitials, "txz") == 0;
    if (strcmp(charges[i].zName, "行贿罪") == 0) found += strcmp(charges[i].zInitials, "xhz") == 0;
  }
  assert_int_equal(found, 3);
  assert_null(charge_by_code("unknown"));
  assert_null(charge_by_code(""));
  assert_null(charge_by_code("Theft"));
  assert_null(charge_by_code(NULL));
}

/* Charge search: part of the name, or the start of the initials in either case; nothing else. */
static void test_charge_matches(void **state) {
  (void)state;
  const Charge *xj = charge_by_code("a277_2");
  const Charge *dq = charge_by_code("theft");
  assert_true(charge_matches(xj, "袭警"));
  assert_true(charge_matches(xj, "警"));
  assert_true(charge_matches(xj, "xjz"));
  assert_true(charge_matches(xj, "XJ"));
  assert_true(charge_matches(xj, ""));
  assert_true(charge_matches(xj, NULL));
  assert_false(charge_matches(xj, "jz")); /* initials match from their start */
  assert_false(charge_matches(xj, "xjzz"));
  assert_false(charge_matches(xj, "盗窃"));
  assert_true(charge_matches(dq, "dq"));
  assert_false(charge_matches(dq, "d1"));
  size_t n = 0;
  for (size_t i = 0; i < charges_count; i++) n += charge_matches(&charges[i], "诈骗");
  assert_int_equal(n, 10); /* 诈骗, 合同, 集资, 贷款, 票据, 金融凭证, 信用证, 信用卡, 有价证券, 保险 */
}

/* Agency kinds: the kind a name implies, the 监察委员会 before the police words, NULL when the name says nothing; every
 * guessed kind is a known code. */
static void test_agency_kind_guess(void **state) {
  (void)state;
  assert_string_equal(agency_kind_guess("缙云县公安局"), "public_security");
  assert_string_equal(agency_kind_guess("缙云县公安局壶镇派出所"), "public_security");
  assert_string_equal(agency_kind_guess("丽水市交警支队"), "public_security");
  assert_string_equal(agency_kind_guess("缙云县监察委员会"), "supervision");
  assert_string_equal(agency_kind_guess("丽水市国家安全局"), "state_security");
  assert_string_equal(agency_kind_guess("浙江省第一监狱"), "prison");
  assert_string_equal(agency_kind_guess("杭州海关缉私局"), "customs");
  assert_string_equal(agency_kind_guess("温州海警局"), "coast_guard");
  /* issue 10 (agencies): the administrative bodies, after migration 8's words */
  assert_string_equal(agency_kind_guess("缙云县林业局"), "forestry");
  assert_string_equal(agency_kind_guess("缙云县森林公安局"), "public_security");
  assert_string_equal(agency_kind_guess("缙云县市场监督管理局"), "market_regulation");
  assert_string_equal(agency_kind_guess("国家税务总局缙云县税务局"), "taxation");
  assert_string_equal(agency_kind_guess("缙云县住房和城乡建设局"), "housing_construction");
  assert_string_equal(agency_kind_guess("缙云县壶镇镇人民政府"), "township_government");
  assert_string_equal(agency_kind_guess("缙云县人民政府"), "county_government");
  assert_string_equal(agency_kind_guess("缙云县人民法院"), "court");
  assert_string_equal(agency_kind_guess("中共缙云县委员会"), "party_committee");
  assert_string_equal(agency_kind_guess("缙云县人民代表大会常务委员会"), "people_congress");
  assert_string_equal(agency_kind_guess("缙云县五云街道办事处"), "subdistrict_office");
  assert_null(agency_kind_guess("缙云县财政局"));
  assert_null(agency_kind_guess(""));
  assert_null(agency_kind_guess(NULL));
  const char *aName[] = {"公安", "监委", "检察院", "法院", "海警", "海关", "监狱", "国家安全"};
  for (size_t i = 0; i < sizeof aName / sizeof aName[0]; i++)
    assert_non_null(agency_kind_by_code(agency_kind_guess(aName[i])));
  assert_non_null(agency_kind_by_code("other"));
  assert_null(agency_kind_by_code("police"));
  assert_null(agency_kind_by_code(NULL));
}

/* Custody codes, sentence bands, non-prosecution types. */
static void test_enumerations(void **state) {
  (void)state;
  static const char *const azCustody[] = {"detained", "arrested", "bail", "residential", "released", "none"};
  for (size_t i = 0; i < 6; i++) {
    assert_true(custody_is_valid(azCustody[i]));
    /* 在押 = 拘留 or 逮捕 only */
    assert_int_equal(custody_is_in_custody(azCustody[i]), i < 2);
  }
  assert_false(custody_is_valid("jailed"));
  assert_false(custody_is_valid(""));
  assert_false(custody_is_valid(NULL));
  assert_false(custody_is_in_custody("Detained"));
  assert_false(custody_is_in_custody(""));
  assert_false(custody_is_in_custody(NULL));

  static const char *const azBand[] = {"fine_only", "under_1y", "1_3y", "3_10y", "over_10y"};
  for (int i = 0; i < 5; i++) {
    assert_true(sentence_band_is_valid(azBand[i]));
    assert_int_equal(sentence_band_rank(azBand[i]), i);
  }
  assert_true(sentence_band_rank("fine_only") < sentence_band_rank("under_1y"));
  assert_true(sentence_band_rank("3_10y") < sentence_band_rank("over_10y"));
  assert_false(sentence_band_is_valid("life"));
  assert_false(sentence_band_is_valid(NULL));
  assert_int_equal(sentence_band_rank("life"), -1);
  assert_int_equal(sentence_band_rank(""), -1);
  assert_int_equal(sentence_band_rank(NULL), -1);

  static const char *const azNpt[] = {"statutory", "discretionary", "evidentiary", "conditional", "special"};
  for (int i = 0; i < 5; i++) assert_true(non_prosecution_type_is_valid(azNpt[i]));
  assert_false(non_prosecution_type_is_valid("other"));
  assert_false(non_prosecution_type_is_valid(""));
  assert_false(non_prosecution_type_is_valid(NULL));
}

/* Status, event and deadline-kind codes: code -> parse -> code round trips, unknown codes refused. */
static void test_codes_round_trip(void **state) {
  (void)state;
  static const char *const azStatus[] = {"under_review", "returned", "concluded", "archived", "transferred"};
  for (int s = CASE_UNDER_REVIEW; s <= CASE_TRANSFERRED; s++) {
    const char *z = case_status_code((CaseStatus)s);
    assert_non_null(z);
    assert_string_equal(z, azStatus[s]);
    CaseStatus out = (CaseStatus)-1;
    assert_int_equal(case_status_parse(z, &out), 0);
    assert_int_equal(out, s);
    assert_string_equal(case_status_code(out), z);
  }
  CaseStatus st = CASE_ARCHIVED;
  assert_int_equal(case_status_parse("closed", &st), -1);
  assert_int_equal(case_status_parse("", &st), -1);
  assert_int_equal(case_status_parse("Returned", &st), -1);
  assert_int_equal(case_status_parse(NULL, &st), -1);
  assert_int_equal(st, CASE_ARCHIVED); /* unchanged */

  static const char *const azEvent[EVENT_KIND_COUNT] = {
      "assign",      "extend", "return",     "resubmit",        "self_investigation",
      "custody",     "decide", "judgment",   "transfer",        "archive",
      "suspend",     "resume", "assessment", "police_withdraw", "withdraw_prosecution",
      "jurisdiction"};
  for (int k = 0; k < EVENT_KIND_COUNT; k++) {
    const char *z = case_event_code((CaseEventKind)k);
    assert_non_null(z);
    assert_string_equal(z, azEvent[k]);
    CaseEventKind out = EVENT_KIND_COUNT;
    assert_int_equal(case_event_parse(z, &out), 0);
    assert_int_equal(out, k);
    assert_string_equal(case_event_code(out), z);
  }
  CaseEventKind ev = EVENT_ARCHIVE;
  assert_int_equal(case_event_parse("appeal_judgment", &ev), -1);
  assert_int_equal(case_event_parse("", &ev), -1);
  assert_int_equal(case_event_parse("EXTEND", &ev), -1);
  assert_int_equal(case_event_parse(NULL, &ev), -1);
  assert_int_equal(ev, EVENT_ARCHIVE);

  assert_string_equal(deadline_kind_code(DEADLINE_REVIEW), "review");
  assert_string_equal(deadline_kind_code(DEADLINE_SUPPLEMENTARY), "supplementary");
  assert_string_equal(deadline_kind_code(DEADLINE_ARCHIVING), "archiving");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_case_type_table),
      cmocka_unit_test(test_case_decision_allowed),
      cmocka_unit_test_setup_teardown(test_arrest_review_periods, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_arrest_decision_periods, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_prosecution_review_periods, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_summary_procedure_periods, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_custody_necessity_period, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_complaint_review_period, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_one_return, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_two_returns_in_custody, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_conclusion_and_archiving, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_transfer, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_deadline_level, setup_builtin, teardown_calendar),
      cmocka_unit_test_setup_teardown(test_provisional_and_range, setup_builtin, teardown_calendar),
      cmocka_unit_test(test_check_general),
      cmocka_unit_test(test_check_extend),
      cmocka_unit_test(test_check_return),
      cmocka_unit_test(test_check_resubmit),
      cmocka_unit_test(test_check_decide),
      cmocka_unit_test(test_check_self_investigation_custody_transfer),
      cmocka_unit_test(test_check_judgment_archive),
      cmocka_unit_test(test_charges),
      cmocka_unit_test(test_charge_matches),
      cmocka_unit_test(test_agency_kind_guess),
      cmocka_unit_test(test_enumerations),
      cmocka_unit_test(test_codes_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
