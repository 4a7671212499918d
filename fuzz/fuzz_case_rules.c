/* fuzz_case_rules.c: libFuzzer target for the rule engine of a criminal case (core/case_rules.c): whether each event
 * is legal on a case (case_check_event), the deadlines the facts imply (case_deadlines) and their warning levels
 * (deadline_level), on the shipped legal calendar.
 *
 * The bytes are read as the facts and history of one case, kept within what the app layer can hand the rules (a
 * known type and status, dates in order after receipt within the calendar's range, at most two returns), so that a
 * failure is a bug in the rules and not a caller breaking a precondition. Besides "no crash" it checks: every answer
 * names a field the API knows; the deadlines are at most CASE_MAX_DEADLINES, of a known kind, each due after its
 * trigger day and closed only on or after it; every level is one of the documented words; and the code and parse
 * functions of statuses and events are inverse. The tail of the input is also fed to the code parsers. */
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/case_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct Bytes {
  const uint8_t *p;
  size_t n;
} Bytes;

static unsigned take(Bytes *b, unsigned mod) {
  unsigned v = 0;
  if (b->n) {
    v = b->p[0];
    if (b->n > 1 && mod > 256) v = v << 8 | b->p[1], b->p++, b->n--;
    b->p++;
    b->n--;
  }
  return mod ? v % mod : v;
}

static void check(int ok) {
  if (!ok) abort();
}

static JwCalendar *rules_calendar(void) {
  static JwCalendar *cal;
  if (!cal) {
    cal = calendar_new();
    check(cal && calendar_load_builtin(cal) == 0);
  }
  return cal;
}

static int is_one_of(const char *z, const char *const *az) {
  for (; *az; az++) {
    if (strcmp(z, *az) == 0) return 1;
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Bytes b = {data, size};
  const JwCalendar *cal = rules_calendar();
  CaseFacts f;
  memset(&f, 0, sizeof f);
  f.type = &case_types[take(&b, CASE_TYPE_COUNT)];
  f.status = (CaseStatus)take(&b, CASE_TRANSFERRED + 1);
  f.receivedOn = date_from_ymd(2020, 1, 1) + (JwDate)take(&b, 4000);
  f.inCustody = take(&b, 2);
  f.majorComplex = take(&b, 2);
  f.extended = take(&b, 2);
  f.returns = (int)take(&b, CASE_MAX_RETURNS + 1);
  f.summaryProcedure = f.type->type == CASE_PROSECUTION_REVIEW && take(&b, 2);
  f.sentenceOverOneYear = take(&b, 2);
  f.undecidedPersons = (int)take(&b, 4);

  /* the history: returns and resubmissions in date order after receipt */
  CaseHistory h;
  memset(&h, 0, sizeof h);
  JwDate d = f.receivedOn;
  h.nReturns = f.type->allowsReturn ? (int)take(&b, CASE_MAX_RETURNS + 1) : 0;
  for (int i = 0; i < h.nReturns; i++) {
    h.aExtended[i] = take(&b, 2);
    h.aReturn[i] = d += (JwDate)take(&b, 120);
    int resubmitted = i + 1 < h.nReturns || take(&b, 2);
    if (resubmitted) h.aResubmit[i] = d += (JwDate)take(&b, 60);
  }
  h.aExtended[h.nReturns] = f.extended;
  f.clockStart = h.nReturns && h.aResubmit[h.nReturns - 1] ? h.aResubmit[h.nReturns - 1] : f.receivedOn;
  if (h.nReturns && !h.aResubmit[h.nReturns - 1]) {
    f.status = CASE_RETURNED;
    f.returnedOn = h.aReturn[h.nReturns - 1];
  } else if (f.status == CASE_RETURNED) {
    f.status = CASE_UNDER_REVIEW;
  }
  if (f.status == CASE_CONCLUDED || f.status == CASE_ARCHIVED) f.concludedOn = d += (JwDate)take(&b, 200);
  if (f.status == CASE_ARCHIVED) f.archivedOn = d += (JwDate)take(&b, 60);
  if (f.status == CASE_TRANSFERRED) h.transferredOn = d += (JwDate)take(&b, 60);

  /* every event on a day around the facts */
  for (int k = 0; k < EVENT_KIND_COUNT; k++) {
    JwDate on = f.receivedOn - 5 + (JwDate)take(&b, 1000);
    const char *zField = "unset";
    const char *zWhy = case_check_event(&f, (CaseEventKind)k, on, &zField);
    if (zWhy) {
      check(*zWhy != 0);
      check(!zField || strcmp(zField, "on") == 0 || strcmp(zField, "kind") == 0);
    }
    CaseEventKind back;
    check(case_event_parse(case_event_code((CaseEventKind)k), &back) == 0 && back == (CaseEventKind)k);
  }
  CaseStatus st;
  check(case_status_parse(case_status_code(f.status), &st) == 0 && st == f.status);

  CaseDeadline out[CASE_MAX_DEADLINES];
  int n = case_deadlines(cal, &f, &h, out);
  check(n >= -1 && n <= CASE_MAX_DEADLINES);
  static const char *const levels[] = {"overdue", "due", "warning", "normal", "met", "late", NULL};
  JwDate today = f.receivedOn + (JwDate)take(&b, 1000);
  for (int i = 0; i < n; i++) {
    const CaseDeadline *x = &out[i];
    check(x->kind >= 0 && x->kind < DEADLINE_KIND_COUNT && deadline_kind_code(x->kind) != NULL);
    check(x->sequence >= 1 && x->dueOn > x->startOn && x->extraDays >= 0 && x->zRule && x->warnDays >= 0);
    if (!x->open) check(x->closedOn >= x->startOn);
    int left;
    const char *zLevel = deadline_level(x, today, &left);
    check(zLevel && is_one_of(zLevel, levels) && left == x->dueOn - today);
  }

  /* the rest of the input as codes */
  char z[40];
  size_t m = b.n < sizeof z - 1 ? b.n : sizeof z - 1;
  memcpy(z, b.p, m);
  z[m] = 0;
  CaseEventKind k;
  if (case_event_parse(z, &k) == 0) check(strcmp(case_event_code(k), z) == 0);
  if (case_status_parse(z, &st) == 0) check(strcmp(case_status_code(st), z) == 0);
  const CaseTypeRule *t = case_type_by_code(z);
  if (t) check(strcmp(t->zCode, z) == 0);
  custody_is_valid(z);
  sentence_band_rank(z);
  non_prosecution_type_is_valid(z);
  case_decision_allowed(f.type, z);
  charge_by_code(z);
  return 0;
}
