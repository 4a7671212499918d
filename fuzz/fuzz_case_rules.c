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
  /* 1 to 4 persons with their custody histories, stops and decisions */
  static CasePersonFacts aP[4];
  memset(aP, 0, sizeof aP);
  int nP = 1 + (int)take(&b, 4);
  for (int i = 0; i < nP; i++) {
    CasePersonFacts *p = &aP[i];
    p->id = i + 1;
    p->sentenceRank = (int)take(&b, 6) - 1;
    p->plea = take(&b, 2);
    p->birth = take(&b, 2) ? date_from_ymd(1990, 1, 1) + (JwDate)take(&b, 8000) : 0;
    JwDate c = f.receivedOn - 30;
    p->nCustody = 1 + (int)take(&b, 3);
    for (int k = 0; k < p->nCustody; k++) {
      int in = (int)take(&b, 2);
      /* a measure with a maximum term (取保候审, 监视居住) only out of custody, as the store gives them */
      p->aCustody[k] = (CustodyChange){c += (JwDate)take(&b, 40), in, in ? MEASURE_OTHER : (CustodyMeasure)take(&b, 3)};
    }
    JwDate s = f.receivedOn;
    p->nStop = (int)take(&b, 3);
    for (int k = 0; k < p->nStop; k++) {
      p->aStop[k].from = s += (JwDate)take(&b, 40);
      p->aStop[k].to = k + 1 < p->nStop || take(&b, 2) ? (s += 1 + (JwDate)take(&b, 40)) : 0;
    }
    if (take(&b, 2)) {
      p->decidedOn = f.receivedOn + (JwDate)take(&b, 200);
      p->nonProsecuted = take(&b, 2);
      p->discretionary = p->nonProsecuted && take(&b, 2);
      p->conditional = p->nonProsecuted && take(&b, 2);
      p->probationMonths = p->conditional ? 6 + (int)take(&b, 7) : 0;
      p->finalOn = p->conditional && take(&b, 2) ? p->decidedOn + (JwDate)take(&b, 400) : 0;
      p->prosecuted = !p->nonProsecuted;
      p->judged = p->prosecuted && take(&b, 2);
    }
    f.undecidedPersons += case_person_pending(p);
  }
  f.aPerson = aP;
  f.nPersons = nP;
  f.jurisdictionIssueOn = take(&b, 2) ? f.receivedOn + (JwDate)take(&b, 30) : 0;

  /* the history: returns and resubmissions in date order after receipt */
  CaseHistory h;
  memset(&h, 0, sizeof h);
  JwDate d = f.receivedOn;
  h.nReturns = f.type->allowsReturn ? (int)take(&b, CASE_MAX_RETURNS + 1) : 0;
  for (int i = 0; i < h.nReturns; i++) {
    h.aExtendedSet[i] = take(&b, 2);
    h.aExtended[i] = (int)take(&b, 4);
    h.aReturn[i] = d += (JwDate)take(&b, 120);
    int resubmitted = i + 1 < h.nReturns || take(&b, 2);
    if (resubmitted) h.aResubmit[i] = d += (JwDate)take(&b, 60);
  }
  h.aExtendedSet[h.nReturns] = f.extended;
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

  if (f.status == CASE_CONCLUDED && take(&b, 2)) f.withdrawnOn = f.concludedOn ? f.concludedOn : f.receivedOn;
  CaseDeadline out[CASE_MAX_DEADLINES];
  int n = case_deadlines(cal, &f, &h, out);
  check(n >= -1 && n <= CASE_MAX_DEADLINES);
  if (n > 0) case_facts_set_review_due(&f, aP, &h, out, n);

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
    static const char *const azDec[] = {"prosecute", "non_prosecution", "approve_arrest", "reject_arrest", NULL};
    static const char *const azNpt[] = {"statutory", "discretionary", "evidentiary", "conditional", "special", NULL};
    static const char *const azInst[] = {"first", "appeal", "retrial", "bogus", NULL};
    PersonEventInput in = {azDec[take(&b, 4)], azNpt[take(&b, 5)], azInst[take(&b, 4)],
                           take(&b, 2) ? f.receivedOn - (JwDate)take(&b, 9000) : 0, (int)take(&b, 15)};
    zField = "unset";
    zWhy = case_check_person_event(&f, &aP[take(&b, (uint64_t)nP)], (CaseEventKind)k, on, take(&b, 2) ? &in : NULL,
                                   &zField);
    if (zWhy) check(*zWhy != 0 && zField != NULL);
  }
  CaseAction acts[EVENT_KIND_COUNT];
  int na = case_actions(&f, f.receivedOn + (JwDate)take(&b, 500), acts);
  check(na == EVENT_KIND_COUNT);
  for (int i = 0; i < na; i++) check(acts[i].enabled ? acts[i].zWhy == NULL : acts[i].zWhy && *acts[i].zWhy);
  const char *azPrompt[CASE_MAX_PROMPTS];
  int np = case_prompts(&f, f.receivedOn + (JwDate)take(&b, 800), f.receivedOn + (JwDate)take(&b, 100), azPrompt);
  check(np >= 0 && np <= CASE_MAX_PROMPTS);
  for (int i = 0; i < np; i++) check(azPrompt[i] && *azPrompt[i]);
  CaseStatus st;
  check(case_status_parse(case_status_code(f.status), &st) == 0 && st == f.status);

  static const char *const levels[] = {"overdue", "due",    "warning",   "normal", "met",
                                       "late",    "lapsed", "suspended", NULL};
  JwDate today = f.receivedOn + (JwDate)take(&b, 1000);
  for (int i = 0; i < n; i++) {
    const CaseDeadline *x = &out[i];
    check(x->kind >= 0 && x->kind < DEADLINE_KIND_COUNT && deadline_kind_code(x->kind) != NULL);
    check(x->sequence >= 1 && x->extraDays >= 0 && x->stopDays >= 0 && x->zRule && x->warnDays >= 0 && x->zWarnKey);
    /* a suspended clock has no due day, only the days left; every other period ends after it starts */
    if (x->suspended) check(x->dueOn == 0 && x->open);
    else check(x->dueOn > x->startOn);
    int left;
    const char *zLevel = deadline_level(x, today, &left);
    check(zLevel && is_one_of(zLevel, levels));
    if (!x->suspended) check(left == x->dueOn - today);
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
