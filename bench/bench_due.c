/* bench_due.c: due-date computations per second, period_due() on the shipped calendar against plain date arithmetic.
 *
 *   build/release/bench/bench_due [--ops N]
 *
 * The inputs are generated here: random trigger days in 2024-01-01..2026-12-31 (the years the shipped calendar
 * covers; a 1-month period from late 2026 ends in 2027, which the calendar does not cover, so a few answers are
 * provisional as in production) and an even mix of the lengths the case rules use:
 *   7d custody-bound (arrest review, detained)   15d (arrest review, not detained)
 *   1m custody-bound (prosecution review)        1m not custody-bound          10wd (custody necessity review)
 * The baseline is the same loop over the same inputs doing the arithmetic without the calendar: from + n for days
 * (and for working days, counted as plain days), date_add_months() for months. Each measurement is repeated
 * ROUNDS times, alternating with its baseline, and the median round is printed; the ratio is period_due time per
 * operation over baseline time per operation. Every result goes into a checksum that is printed, so the loops cannot
 * be optimised away. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/holidays.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/period.h"

#define ROUNDS 5
#define INPUTS (1 << 20) /* distinct (from, length) pairs, cycled through */

typedef struct Len {
  const char *zName;
  JwLength len;
  int custodyBound;
} Len;

static const Len aLen[] = {
    {"7d custody-bound", {7, JW_UNIT_DAYS}, 1},   {"15d", {15, JW_UNIT_DAYS}, 0},
    {"1m custody-bound", {1, JW_UNIT_MONTHS}, 1}, {"1m not custody-bound", {1, JW_UNIT_MONTHS}, 0},
    {"10wd", {10, JW_UNIT_WORKDAYS}, 0},
};
#define NLEN ((int)(sizeof aLen / sizeof aLen[0]))

typedef struct Input {
  JwDate from;
  int k; /* index into aLen */
} Input;

static volatile int64_t sink; /* the checksum is stored here as well as printed */

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t rng_next(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t)(rng_state >> 11);
}

/* period_due over nOps inputs (cycling); returns elapsed seconds, adds to *pSum. */
static double run_period(const JwCalendar *cal, const Input *a, int64_t nOps, int64_t *pSum) {
  int64_t sum = 0;
  double t0 = now_s();
  for (int64_t i = 0; i < nOps; i++) {
    const Input *in = &a[i & (INPUTS - 1)];
    const Len *l = &aLen[in->k];
    JwDate due = 0;
    int prov = 0;
    if (period_due(cal, in->from, l->len, l->custodyBound, &due, &prov)) {
      fprintf(stderr, "bench_due: period_due failed\n");
      exit(1);
    }
    sum += due + prov;
  }
  double t = now_s() - t0;
  *pSum += sum;
  return t;
}

/* The baseline: the same loop, plain arithmetic without the calendar. */
static double run_plain(const Input *a, int64_t nOps, int64_t *pSum) {
  int64_t sum = 0;
  double t0 = now_s();
  for (int64_t i = 0; i < nOps; i++) {
    const Input *in = &a[i & (INPUTS - 1)];
    const Len *l = &aLen[in->k];
    JwDate due = l->len.unit == JW_UNIT_MONTHS ? date_add_months(in->from, l->len.n) : in->from + l->len.n;
    sum += due;
  }
  double t = now_s() - t0;
  *pSum += sum;
  return t;
}

/* holidays_due(): the text-in, text-out call the API and `jianwu due` make (parse, period_due, format). */
static double run_text(const JwCalendar *cal, char (*aFrom)[11], const Input *a, int64_t nOps, int64_t *pSum) {
  static const char *const azLen[] = {"7d", "15d", "1m", "1m", "10wd"};
  int64_t sum = 0;
  double t0 = now_s();
  for (int64_t i = 0; i < nOps; i++) {
    int64_t j = i & (INPUTS - 1);
    DueAnswer out;
    JwErr e;
    if (holidays_due(cal, aFrom[j], azLen[a[j].k], aLen[a[j].k].custodyBound, &out, &e)) {
      fprintf(stderr, "bench_due: holidays_due failed\n");
      exit(1);
    }
    sum += out.zDue[9] + out.zDue[8] * 10 + out.provisional;
  }
  double t = now_s() - t0;
  *pSum += sum;
  return t;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}
static double median(double *a, int n) {
  qsort(a, (size_t)n, sizeof *a, cmp_double);
  return n % 2 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

static void report(const char *zName, int64_t nOps, double *aT, double *aBase) {
  double t = median(aT, ROUNDS), b = median(aBase, ROUNDS);
  printf("%-34s %7.1f M ops/s   baseline %7.1f M ops/s   ratio %5.1f (time per op vs baseline)\n", zName,
         (double)nOps / t / 1e6, (double)nOps / b / 1e6, t / b);
}

int main(int argc, char **argv) {
  int64_t nOps = 5000000; /* per round of the mixed loop */
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--ops") == 0 && i + 1 < argc) {
      nOps = atoll(argv[++i]);
    } else {
      fprintf(stderr, "usage: bench_due [--ops N]\n");
      return 2;
    }
  }
  if (nOps < 1 || nOps > 1000000000) {
    fprintf(stderr, "bench_due: --ops must be 1..1000000000\n");
    return 2;
  }
  JwCalendar *cal = calendar_new();
  if (!cal || calendar_load_builtin(cal)) {
    fprintf(stderr, "bench_due: cannot load the shipped calendar\n");
    return 1;
  }
  JwDate lo = date_from_ymd(2024, 1, 1), hi = date_from_ymd(2026, 12, 31);
  Input *a = malloc(sizeof *a * INPUTS), *aOne = malloc(sizeof *aOne * INPUTS);
  char(*aFrom)[11] = malloc(11 * (size_t)INPUTS);
  if (!a || !aOne || !aFrom) return 1;
  for (int i = 0; i < INPUTS; i++) {
    a[i].from = lo + (JwDate)(rng_next() % (uint32_t)(hi - lo + 1));
    a[i].k = (int)(rng_next() % NLEN);
    date_format(a[i].from, aFrom[i]);
  }
  printf(
      "bench_due: %lld ops per round, %d rounds (median round shown), trigger days 2024-01-01..2026-12-31, "
      "shipped calendar\n",
      (long long)nOps, ROUNDS);
  int64_t sum = 0;
  double aT[ROUNDS], aB[ROUNDS];
  double tStart = now_s();
  for (int r = 0; r < ROUNDS; r++) {
    aB[r] = run_plain(a, nOps, &sum);
    aT[r] = run_period(cal, a, nOps, &sum);
  }
  report("period_due, mixed lengths", nOps, aT, aB);

  /* each length alone, a fifth of the operations each */
  int64_t nOne = nOps / NLEN > 0 ? nOps / NLEN : 1;
  for (int k = 0; k < NLEN; k++) {
    for (int i = 0; i < INPUTS; i++) aOne[i] = (Input){a[i].from, k};
    for (int r = 0; r < ROUNDS; r++) {
      aB[r] = run_plain(aOne, nOne, &sum);
      aT[r] = run_period(cal, aOne, nOne, &sum);
    }
    char zName[64];
    snprintf(zName, sizeof zName, "period_due, %s", aLen[k].zName);
    report(zName, nOne, aT, aB);
  }

  /* the text path of the API, a fifth of the operations */
  for (int r = 0; r < ROUNDS; r++) {
    aB[r] = run_plain(a, nOne, &sum);
    aT[r] = run_text(cal, aFrom, a, nOne, &sum);
  }
  report("holidays_due (text in/out), mixed", nOne, aT, aB);

  sink = sum;
  printf("checksum %lld, %.1f s in all\n", (long long)sink, now_s() - tStart);
  calendar_free(cal);
  free(a);
  free(aOne);
  free(aFrom);
  return 0;
}
