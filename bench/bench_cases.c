/* bench_cases.c: latency of the case and deadline reads at a million cases, against bare indexed queries, on
 * SQLite and (with --pg) on PostgreSQL.
 *
 *   build/release/bench/bench_cases [--cases N] [--runs N] [--budget S] [--today YYYY-MM-DD] [--keep] [--db PATH]
 *                                   [--pg URL]
 *
 * 1. Builds a fresh database in a temporary directory through the real schema (db_open with DB_OPEN_CREATE runs the
 *    migrations), then loads it with plain sqlite3 (prepared statements, one transaction, synchronous=OFF and the
 *    journal in memory for the load only; the secondary indexes of the loaded tables are dropped first and
 *    re-created from their own schema text afterwards, so the schema is exactly the shipped one): one organisation,
 *    four departments, 50 prosecutors, N cases (default 1,000,000) with 1-2 persons each (names, valid ID numbers,
 *    custody with its one case_custody row from registration, decisions), their charges, their events, and their
 *    deadline rows as case_refresh() writes them: case_deadlines() on the shipped calendar from the generated case
 *    and per-person facts (CasePersonFacts, as case_build_facts() derives them), so one review row per person and
 *    round, and the persons' probation and complaint periods. About 3% of the cases are under review and overdue,
 *    5% under review and due in the coming weeks, 1.5% concluded and waiting to be archived, 0.5% transferred and
 *    the rest archived (18% of archived prosecution reviews went through 退回补充侦查). Received days run from 2016
 *    to "today" (--today, default 2025-11-14, fixed so that runs compare).
 * 2. Reopens the file with db_open(DB_OPEN_EXISTING), i.e. with the production connection settings (WAL,
 *    synchronous=FULL, mmap, default page cache), and measures the store functions the web API calls, each against
 *    a bare indexed query run in the same process on the same data. A measurement runs up to --runs times (default
 *    30) after one warm-up run, stopping early after --budget seconds (default 5, but at least 3 runs: the slowest
 *    calls take seconds each); its baseline runs 100 times. Printed: median, p95 (nearest rank: with few runs it is
 *    the slowest run), baseline median, ratio = median / baseline median.
 * 3. Runs each store function once more with a statement profile (sqlite3_trace_v2): each statement's own time,
 *    its full-scan steps, sorts and VM steps; then EXPLAIN QUERY PLAN of each distinct statement, with full scans
 *    and whole-organisation index ranges flagged.
 * 4. Times deadlines_recompute_open() (run by a calendar import) once, in a transaction that is rolled back.
 * 5. Times the query shapes docs/benchmarks.md suggests, on the same data (plain SQL, for comparison only), and
 *    checks that they give the same totals and counts as the store functions.
 * 6. Counts the statements of the case page (cases with 1, 2 and more persons) and of list pages of 10, 50 and 200
 *    rows (SQLite: statements started, by sqlite3_trace_v2; PostgreSQL: round trips, by the libpq calls the driver
 *    sends statements with, wrapped at link time: see the Makefile). A count that grows with the persons or the rows
 *    is a statement per person or per row.
 * 7. With --pg URL (an empty PostgreSQL database the bench may fill): copies the same rows into it (bench/pg_load.c:
 *    the shipped schema through db_open(DB_OPEN_CREATE), COPY of every table from the SQLite file, secondary indexes
 *    re-created after the load, VACUUM (ANALYZE), sequences moved), reopens it with db_open(DB_OPEN_EXISTING) and runs
 * the measurements of part 2 and the counts of part 6 there, each baseline the same bare query through db_prepare and
 *    db_step (prepared once per connection, as the store's statements are). Then one table: each line's median on
 *    both backends, each against its own baseline, and the ratio PostgreSQL / SQLite. Parts 3-5 stay SQLite only.
 * The temporary directory (under $TMPDIR, else /tmp; about 2.2 GB at a million cases) is removed at the end unless
 * --keep; --db PATH measures an existing bench database instead of generating one. Exit status 0 when every measured
 * call returned a result and every check agreed. */
#include <jansson.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/cases.h"
#include "app/deadlines.h"
#include "core/calendar.h"
#include "core/case_rules.h"
#include "core/date.h"
#include "core/idcard.h"
#include "core/period.h"
#include "lib/err.h"
#include "store/case_search.h"
#include "store/case_store.h"
#include "store/deadline_store.h"
#include "store/store_util.h"
#include "store/db.h"
#include "store/db_internal.h"

#include "pg_load.h"

#define N_PROSECUTORS 50
#define BASELINE_RUNS 100
#define PAGE          50

/* ---- small helpers ---------------------------------------------------------------------------------------- */

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The generated database's directory and files, removed at exit, on a fatal error and on a signal unless --keep
 * (paths prepared in advance: the signal handler only calls unlink, rmdir and _exit). */
static char zTmpDir[512], azTmpFile[4][600];
static int tmpKeep;

static void tmp_remove(void) {
  if (tmpKeep || !zTmpDir[0]) return;
  for (int i = 0; i < 4; i++) unlink(azTmpFile[i]);
  rmdir(zTmpDir);
}

static void tmp_on_signal(int sig) {
  tmp_remove();
  _exit(128 + sig);
}

static void die(const char *zMsg, sqlite3 *h) {
  fprintf(stderr, "bench_cases: %s%s%s\n", zMsg, h ? ": " : "", h ? sqlite3_errmsg(h) : "");
  exit(1);
}

typedef struct Rng {
  uint64_t s;
} Rng;

static Rng rng_seed(uint64_t seed) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ull; /* splitmix64, so nearby seeds give unrelated streams */
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return (Rng){z ? z : 1};
}
static uint32_t rng_next(Rng *r) {
  r->s ^= r->s << 13;
  r->s ^= r->s >> 7;
  r->s ^= r->s << 17;
  return (uint32_t)(r->s >> 11);
}
static int rng_int(Rng *r, int lo, int hi) {
  return lo + (int)(rng_next(r) % (uint32_t)(hi - lo + 1));
}
static int rng_pct(Rng *r, int pct) {
  return rng_int(r, 1, 100) <= pct;
}
#define PICK(r, a) ((a)[rng_int((r), 0, (int)(sizeof(a) / sizeof((a)[0])) - 1)])

static void exec_sql(sqlite3 *h, const char *zSql) {
  char *zErr = NULL;
  if (sqlite3_exec(h, zSql, NULL, NULL, &zErr) != SQLITE_OK) {
    fprintf(stderr, "bench_cases: %s\nSQL: %s\n", zErr ? zErr : "?", zSql);
    exit(1);
  }
}

static sqlite3_stmt *prep(sqlite3 *h, const char *zSql) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(h, zSql, -1, &s, NULL) != SQLITE_OK) {
    fprintf(stderr, "bench_cases: prepare failed: %s\nSQL: %s\n", sqlite3_errmsg(h), zSql);
    exit(1);
  }
  return s;
}

static void step_done(sqlite3 *h, sqlite3_stmt *s) {
  if (sqlite3_step(s) != SQLITE_DONE) die("insert failed", h);
  sqlite3_reset(s);
}

static void bind_text(sqlite3_stmt *s, int i, const char *z) {
  if (z && *z) sqlite3_bind_text(s, i, z, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(s, i);
}

static void bind_date(sqlite3_stmt *s, int i, JwDate d) {
  char z[11];
  if (!d) {
    sqlite3_bind_null(s, i);
    return;
  }
  date_format(d, z);
  sqlite3_bind_text(s, i, z, 10, SQLITE_TRANSIENT);
}

static void iso_at(JwDate d, char out[32]) {
  char z[11];
  date_format(d, z);
  snprintf(out, 32, "%sT02:%02d:00Z", z, (int)(d % 60 + 60) % 60);
}

/* ---- generated data --------------------------------------------------------------------------------------- */

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                       "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "郑",
                                       "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭",
                                       "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "叶"};
static const char *const givenChars[] = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰",
                                         "涛", "明", "超", "霞", "平", "刚", "华", "志", "海", "燕", "晓", "东",
                                         "国", "庆", "春", "梅", "立", "新", "文", "斌", "丽", "娟", "永", "康",
                                         "建", "雪", "小", "龙", "红", "宇", "航", "子", "豪", "浩", "然", "俊",
                                         "鹏", "辉", "玉", "兰", "秀", "英", "德", "福", "亮", "成", "金", "林"};
static const char *const agencies[] = {"缙云县公安局",           "缙云县公安局交通警察大队",
                                       "缙云县公安局壶镇派出所", "缙云县森林公安局",
                                       "丽水市公安局",           "缙云县监察委员会"};
static const char *const regions[] = {"331122", "331102", "330102", "330782", "110105", "440305", "510107", "362502"};
/* the charges a county office meets most, weighted (DOMAIN: 危险驾驶, 盗窃, 帮信 and 诈骗 lead) */
static const char *const chargePool[] = {"dangerous_driving",
                                         "dangerous_driving",
                                         "dangerous_driving",
                                         "dangerous_driving",
                                         "theft",
                                         "theft",
                                         "theft",
                                         "aiding_cybercrime",
                                         "aiding_cybercrime",
                                         "fraud",
                                         "fraud",
                                         "intentional_injury",
                                         "picking_quarrels",
                                         "traffic_accident",
                                         "gambling_den",
                                         "concealing_proceeds",
                                         "drug_trafficking",
                                         "affray",
                                         "illegal_logging",
                                         "refusing_to_pay_wages",
                                         "extortion",
                                         "contract_fraud",
                                         "personal_information",
                                         "illegal_business"};
static const char *const bands[] = {"fine_only", "under_1y", "under_1y", "1_3y", "1_3y", "3_10y"};

enum { CAT_ARCHIVED, CAT_CONCLUDED, CAT_TRANSFERRED, CAT_OVERDUE, CAT_UPCOMING };

typedef struct Gen {
  JwDate received;
  uint32_t seed;
  uint8_t cat;
} Gen;

static int gen_cmp(const void *a, const void *b) {
  const Gen *x = a, *y = b;
  if (x->received != y->received) return x->received < y->received ? -1 : 1;
  return x->seed < y->seed ? -1 : x->seed > y->seed;
}

typedef struct Person {
  char zName[32], zId[19], zBirth[11];
  char cSex;
  const char *zCustody;    /* custody now (after a 批准逮捕: arrested) */
  JwDate custodySince;     /* since when */
  const char *zCustodyReg; /* custody on registration: the one case_custody row */
  JwDate custodyRegSince;
  int plea;
  const char *zBand;
  const char *aCharge[2];
  int nCharge;
  const char *zDecision, *zNpt;
  JwDate decidedOn;
  int probationMonths; /* 附条件不起诉 */
  const char *zFinal;  /* the final decision after the probation */
  JwDate finalOn;
  JwDate judgment;
  int adopted, consistent;
} Person;

static void gen_person(Rng *r, Person *p, const char *zMainCharge, JwDate received, const CaseTypeRule *t) {
  memset(p, 0, sizeof *p);
  int nGiven = rng_pct(r, 70) ? 2 : 1;
  snprintf(p->zName, sizeof p->zName, "%s%s%s", PICK(r, surnames), PICK(r, givenChars),
           nGiven == 2 ? PICK(r, givenChars) : "");
  int y = rng_int(r, 1955, 2005), m = rng_int(r, 1, 12), d = rng_int(r, 1, 28), seq = rng_int(r, 1, 999);
  snprintf(p->zId, sizeof p->zId, "%s%04d%02d%02d%03d", PICK(r, regions), y, m, d, seq);
  p->zId[17] = idcard_check_char(p->zId);
  p->zId[18] = 0;
  snprintf(p->zBirth, sizeof p->zBirth, "%04d-%02d-%02d", y, m, d);
  p->cSex = seq % 2 ? 'M' : 'F';
  switch (t->type) {
    case CASE_ARREST_REVIEW:
    case CASE_ARREST_DECISION:
      p->zCustody = rng_pct(r, 85) ? "detained" : "bail";
      break;
    case CASE_PROSECUTION_REVIEW:
      p->zCustody = rng_pct(r, 35) ? "arrested" : rng_pct(r, 90) ? "bail" : "residential";
      break;
    case CASE_CUSTODY_NECESSITY:
      p->zCustody = "arrested";
      break;
    default:
      p->zCustody = "released";
      break;
  }
  p->custodySince = received - rng_int(r, 1, 20);
  p->zCustodyReg = p->zCustody;
  p->custodyRegSince = p->custodySince;
  p->plea = t->type == CASE_PROSECUTION_REVIEW ? rng_pct(r, 82) : rng_pct(r, 50);
  p->zBand =
      strcmp(zMainCharge, "dangerous_driving") == 0 ? (rng_pct(r, 80) ? "under_1y" : "fine_only") : PICK(r, bands);
  p->aCharge[p->nCharge++] = zMainCharge;
  if (rng_pct(r, 10)) {
    const char *z = charges[rng_int(r, 0, (int)charges_count - 1)].zCode;
    if (strcmp(z, zMainCharge) != 0) p->aCharge[p->nCharge++] = z;
  }
}

/* The person's facts as case_build_facts() (src/app/case_facts.c) derives them from the rows: the custody history
 * is the one case_custody row written on registration. */
static void person_facts(const Person *p, int64_t id, CasePersonFacts *pf) {
  memset(pf, 0, sizeof *pf);
  pf->id = id;
  pf->aCustody[0] = (CustodyChange){p->custodyRegSince, custody_is_in_custody(p->zCustodyReg)};
  pf->nCustody = 1;
  date_parse(p->zBirth, 10, &pf->birth);
  pf->plea = p->plea;
  pf->sentenceRank = sentence_band_rank(p->zBand);
  pf->decidedOn = p->zDecision ? p->decidedOn : 0;
  int np = p->zDecision && strcmp(p->zDecision, "non_prosecution") == 0;
  pf->conditional = np && p->zNpt && strcmp(p->zNpt, "conditional") == 0;
  pf->probationMonths = p->probationMonths;
  pf->finalOn = p->finalOn;
  pf->prosecuted =
      (p->zDecision && strcmp(p->zDecision, "prosecute") == 0) || (p->zFinal && strcmp(p->zFinal, "prosecute") == 0);
  pf->nonProsecuted = np && !pf->prosecuted;
  pf->discretionary = np && p->zNpt && strcmp(p->zNpt, "discretionary") == 0;
  pf->judged = p->judgment != 0;
}

typedef struct Load {
  sqlite3 *h;
  sqlite3_stmt *sCase, *sPerson, *sCustody, *sCharge, *sEvent, *sDeadline;
  int64_t aUser[N_PROSECUTORS], aUserDept[N_PROSECUTORS], fastDept;
  int64_t nPersons, nCustody, nCharges, nEvents, nDeadlines, nReview, nOpenOverdue, nOpenLapsed, nOpenOther, nClosed;
  int aSeq[20][CASE_TYPE_COUNT]; /* case numbers per (year - 2010, type) */
} Load;

static void put_event(Load *L, int64_t orgId, int64_t caseId, const char *zKind, JwDate on, int64_t personId,
                      const char *zData, int64_t userId) {
  sqlite3_stmt *s = L->sEvent;
  char zAt[32];
  iso_at(on, zAt);
  sqlite3_bind_int64(s, 1, orgId);
  sqlite3_bind_int64(s, 2, caseId);
  sqlite3_bind_text(s, 3, zKind, -1, SQLITE_STATIC);
  bind_date(s, 4, on);
  if (personId) sqlite3_bind_int64(s, 5, personId);
  else sqlite3_bind_null(s, 5);
  sqlite3_bind_text(s, 6, zData, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(s, 7, userId);
  sqlite3_bind_text(s, 8, zAt, -1, SQLITE_TRANSIENT);
  step_done(L->h, s);
  L->nEvents++;
}

/* Generates and inserts one case with its persons, custody, charges, events and deadlines. */
static void load_case(Load *L, const JwCalendar *cal, int64_t orgId, const Gen *g, JwDate today) {
  Rng r = rng_seed(g->seed);
  int pick = rng_int(&r, 1, 100);
  CaseType tt = pick <= 58   ? CASE_PROSECUTION_REVIEW
                : pick <= 90 ? CASE_ARREST_REVIEW
                : pick <= 95 ? CASE_CUSTODY_NECESSITY
                : pick <= 98 ? CASE_ARREST_DECISION
                             : CASE_COMPLAINT_REVIEW;
  const CaseTypeRule *t = &case_types[tt];
  int u = rng_int(&r, 0, N_PROSECUTORS - 1);
  int64_t userId = L->aUser[u], deptId = L->aUserDept[u];
  const char *zMain = PICK(&r, chargePool);
  int nP = rng_pct(&r, 80) ? 1 : 2;
  Person aP[2];
  CasePersonFacts aPF[2];
  for (int i = 0; i < nP; i++) gen_person(&r, &aP[i], zMain, g->received, t);
  for (int i = 0; i < nP; i++) person_facts(&aP[i], i + 1, &aPF[i]); /* ids for now; the rows' ids below */

  CaseFacts f;
  CaseHistory h;
  memset(&f, 0, sizeof f);
  memset(&h, 0, sizeof h);
  f.type = t;
  f.status = CASE_UNDER_REVIEW;
  f.receivedOn = f.clockStart = g->received;
  for (int i = 0; i < nP; i++) f.inCustody |= custody_is_in_custody(aP[i].zCustody);
  f.majorComplex = rng_pct(&r, 8);
  f.summaryProcedure = tt == CASE_PROSECUTION_REVIEW && deptId == L->fastDept;
  for (int i = 0; i < nP; i++) f.sentenceOverOneYear |= sentence_band_rank(aP[i].zBand) >= 2;
  f.undecidedPersons = nP;
  f.aPerson = aPF;
  f.nPersons = nP;

  JwDate concluded = 0, archived = 0, transferred = 0;
  if (g->cat == CAT_ARCHIVED && tt == CASE_PROSECUTION_REVIEW && !f.summaryProcedure && rng_pct(&r, 18)) {
    /* 退回补充侦查 once, sometimes twice; the police resubmit within the month */
    JwDate clock = g->received;
    for (int k = 0; k < CASE_MAX_RETURNS && (k == 0 || rng_pct(&r, 25)); k++) {
      h.aReturn[k] = clock + rng_int(&r, 12, 25);
      h.aResubmit[k] = h.aReturn[k] + rng_int(&r, 15, 30);
      h.nReturns = k + 1;
      clock = h.aResubmit[k];
    }
    f.returns = h.nReturns;
    f.clockStart = clock;
  }
  CaseDeadline aD[CASE_MAX_DEADLINES];
  int nD = case_deadlines(cal, &f, &h, aD);
  if (nD < 1) die("case_deadlines failed", NULL);
  case_facts_set_review_due(&f, aPF, &h, aD, nD);
  JwDate reviewDue = f.reviewDue; /* the earliest due day of the open round's review periods (one per person) */
  if (!reviewDue) die("no open review period", NULL);
  if (g->cat == CAT_ARCHIVED || g->cat == CAT_CONCLUDED) {
    JwDate decided; /* the review decisions: every person the same day */
    if (g->cat == CAT_CONCLUDED) {
      decided = f.clockStart + rng_int(&r, 3, 7);
    } else if (rng_pct(&r, 98)) {
      int span = reviewDue - f.clockStart;
      decided = f.clockStart + rng_int(&r, span < 3 ? span : 3, span);
    } else {
      decided = reviewDue + rng_int(&r, 1, 10); /* concluded late */
    }
    if (decided > today) decided = today;
    concluded = decided; /* the latest decision day; a final decision after a probation is later */
    for (int i = 0; i < nP; i++) {
      Person *p = &aP[i];
      p->decidedOn = decided;
      switch (tt) {
        case CASE_ARREST_REVIEW:
        case CASE_ARREST_DECISION:
          p->zDecision = rng_pct(&r, 78) ? "approve_arrest" : "reject_arrest";
          break;
        case CASE_PROSECUTION_REVIEW:
          p->zDecision = rng_pct(&r, 76) ? "prosecute" : "non_prosecution";
          if (strcmp(p->zDecision, "non_prosecution") == 0) {
            int k = rng_int(&r, 1, 100);
            p->zNpt = k <= 62 ? "discretionary" : k <= 82 ? "evidentiary" : k <= 92 ? "statutory" : "conditional";
          }
          break;
        case CASE_CUSTODY_NECESSITY:
          p->zDecision = rng_pct(&r, 60) ? "release" : "maintain";
          break;
        default:
          p->zDecision = rng_pct(&r, 85) ? "uphold" : "revoke";
          break;
      }
      if (p->zNpt && strcmp(p->zNpt, "conditional") == 0) {
        /* 附条件不起诉: 6 to 12 months of probation, then the final decision (mostly 不起诉, CPL 284); the case
         * concludes on it. Only an archived case whose probation ended well before today keeps it. */
        p->probationMonths = rng_int(&r, PROBATION_MONTHS_MIN, PROBATION_MONTHS_MAX);
        p->finalOn = date_add_months(decided, p->probationMonths) + rng_int(&r, 1, 10);
        if (g->cat != CAT_ARCHIVED || p->finalOn + 45 > today) {
          p->zNpt = "discretionary";
          p->probationMonths = 0;
          p->finalOn = 0;
        } else {
          p->zFinal = rng_pct(&r, 95) ? "non_prosecution" : "prosecute";
          if (p->finalOn > concluded) concluded = p->finalOn;
        }
      }
      if (strcmp(p->zDecision, "approve_arrest") == 0) {
        p->zCustody = "arrested";
        p->custodySince = decided;
      }
      JwDate j = decided + rng_int(&r, 25, 60);
      if (strcmp(p->zDecision, "prosecute") == 0 && j <= today && rng_pct(&r, 75)) {
        p->judgment = j;
        p->adopted = rng_pct(&r, 92);
        p->consistent = rng_pct(&r, 97);
      }
    }
    f.status = CASE_CONCLUDED;
    f.concludedOn = concluded;
    f.undecidedPersons = 0;
    if (g->cat == CAT_ARCHIVED) {
      archived = concluded + (rng_pct(&r, 90) ? rng_int(&r, 5, 28) : rng_int(&r, 32, 45));
      if (archived > today) archived = today;
      f.status = CASE_ARCHIVED;
      f.archivedOn = archived;
    }
  } else if (g->cat == CAT_TRANSFERRED) {
    transferred = g->received + rng_int(&r, 2, 10);
    f.status = CASE_TRANSFERRED;
    h.transferredOn = transferred;
  }

  /* the case */
  int y, m, d;
  date_to_ymd(g->received, &y, &m, &d);
  int yi = y - 2010 < 0 ? 0 : y - 2010 > 19 ? 19 : y - 2010;
  char zNumber[128], zTitle[256], zSource[96], zAt[32];
  snprintf(zNumber, sizeof zNumber, "缙检%s受〔%d〕%d号", t->zAbbr, y, ++L->aSeq[yi][tt]);
  const Charge *ch = charge_by_code(zMain);
  snprintf(zTitle, sizeof zTitle, "%s%s%s案", aP[0].zName, nP > 1 ? "等" : "", ch ? ch->zName : "");
  char *zZui = strstr(zTitle, "罪案");
  if (zZui) memmove(zZui, zZui + strlen("罪"), strlen(zZui + strlen("罪")) + 1);
  snprintf(zSource, sizeof zSource, "缙公（刑）%s字〔%d〕%d号", tt == CASE_PROSECUTION_REVIEW ? "诉" : "捕", y,
           rng_int(&r, 1, 9999));
  iso_at(g->received, zAt);
  const char *zStatus = case_status_code(f.status);
  sqlite3_stmt *s = L->sCase;
  sqlite3_bind_int64(s, 1, orgId);
  sqlite3_bind_text(s, 2, zNumber, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 3, t->zCode, -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 4, zTitle, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 5, PICK(&r, agencies), -1, SQLITE_STATIC);
  bind_text(s, 6, tt == CASE_COMPLAINT_REVIEW ? NULL : zSource);
  bind_date(s, 7, g->received);
  sqlite3_bind_int64(s, 8, deptId);
  sqlite3_bind_int64(s, 9, userId);
  sqlite3_bind_text(s, 10, zStatus, -1, SQLITE_STATIC);
  sqlite3_bind_int(s, 11, f.majorComplex);
  sqlite3_bind_int(s, 12, f.summaryProcedure);
  sqlite3_bind_int(s, 13, 0);
  bind_date(s, 14, concluded);
  bind_date(s, 15, archived);
  bind_date(s, 16, transferred);
  sqlite3_bind_text(s, 17, zAt, -1, SQLITE_TRANSIENT);
  step_done(L->h, s);
  int64_t caseId = sqlite3_last_insert_rowid(L->h);

  /* persons, their custody on registration (case_store_custody_append) and charges */
  int64_t aPersonId[2];
  for (int i = 0; i < nP; i++) {
    Person *p = &aP[i];
    s = L->sPerson;
    sqlite3_bind_int64(s, 1, orgId);
    sqlite3_bind_int64(s, 2, caseId);
    sqlite3_bind_text(s, 3, p->zName, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, p->zId, 18, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, p->cSex == 'M' ? "M" : "F", 1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, p->zBirth, 10, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 7, p->zCustody, -1, SQLITE_STATIC);
    bind_date(s, 8, p->custodySince);
    sqlite3_bind_int(s, 9, p->plea);
    bind_text(s, 10, p->zBand);
    bind_text(s, 11, p->zDecision);
    bind_text(s, 12, p->zNpt);
    bind_date(s, 13, p->zDecision ? p->decidedOn : 0);
    bind_date(s, 14, p->judgment);
    bind_text(s, 15, p->judgment ? "有期徒刑一年，并处罚金人民币一万元" : NULL);
    if (p->judgment) {
      sqlite3_bind_int(s, 16, p->adopted);
      sqlite3_bind_int(s, 17, p->consistent);
    } else {
      sqlite3_bind_null(s, 16);
      sqlite3_bind_null(s, 17);
    }
    if (p->probationMonths) sqlite3_bind_int(s, 18, p->probationMonths);
    else sqlite3_bind_null(s, 18);
    bind_text(s, 19, p->zFinal);
    bind_date(s, 20, p->finalOn);
    bind_text(s, 21, p->judgment ? "first" : NULL);
    step_done(L->h, s);
    aPersonId[i] = sqlite3_last_insert_rowid(L->h);
    aPF[i].id = aPersonId[i];
    L->nPersons++;
    s = L->sCustody;
    sqlite3_bind_int64(s, 1, orgId);
    sqlite3_bind_int64(s, 2, caseId);
    sqlite3_bind_int64(s, 3, aPersonId[i]);
    sqlite3_bind_text(s, 4, p->zCustodyReg, -1, SQLITE_STATIC);
    bind_date(s, 5, p->custodyRegSince);
    step_done(L->h, s);
    L->nCustody++;
    for (int k = 0; k < p->nCharge; k++) {
      sqlite3_bind_int64(L->sCharge, 1, aPersonId[i]);
      sqlite3_bind_text(L->sCharge, 2, p->aCharge[k], -1, SQLITE_STATIC);
      step_done(L->h, L->sCharge);
      L->nCharges++;
    }
  }

  /* events, as cases_register() and cases_event() record them */
  char zData[200];
  snprintf(zData, sizeof zData, "{\"assign\":\"rotation\",\"fast_track\":%s,\"summary_procedure\":%s}",
           f.summaryProcedure ? "true" : "false", f.summaryProcedure ? "true" : "false");
  put_event(L, orgId, caseId, "register", g->received, 0, zData, userId);
  for (int k = 0; k < h.nReturns; k++) {
    put_event(L, orgId, caseId, "return", h.aReturn[k], 0, "{\"reason\":\"部分事实不清、证据不足，退回补充侦查\"}",
              userId);
    put_event(L, orgId, caseId, "resubmit", h.aResubmit[k], 0, "{}", userId);
  }
  for (int i = 0; i < nP && concluded; i++) {
    const Person *p = &aP[i];
    char zProb[40] = "";
    if (p->probationMonths) snprintf(zProb, sizeof zProb, ",\"probation_months\":%d", p->probationMonths);
    snprintf(zData, sizeof zData, "{\"decision\":\"%s\"%s%s%s%s}", p->zDecision,
             p->zNpt ? ",\"non_prosecution_type\":\"" : "", p->zNpt ? p->zNpt : "", p->zNpt ? "\"" : "", zProb);
    put_event(L, orgId, caseId, "decide", p->decidedOn, aPersonId[i], zData, userId);
    if (p->zFinal) {
      snprintf(zData, sizeof zData, "{\"decision\":\"%s\"}", p->zFinal);
      put_event(L, orgId, caseId, "decide", p->finalOn, aPersonId[i], zData, userId);
    }
  }
  for (int i = 0; i < nP; i++) {
    if (!aP[i].judgment) continue;
    snprintf(zData, sizeof zData,
             "{\"consistent\":%s,\"instance\":\"first\",\"recommendation_adopted\":%s,\"sentence\":\"%s\"}",
             aP[i].consistent ? "true" : "false", aP[i].adopted ? "true" : "false",
             "有期徒刑一年，并处罚金人民币一万元");
    put_event(L, orgId, caseId, "judgment", aP[i].judgment, aPersonId[i], zData, userId);
  }
  if (archived) put_event(L, orgId, caseId, "archive", archived, 0, "{}", userId);
  if (transferred) put_event(L, orgId, caseId, "transfer", transferred, 0, "{\"reason\":\"改变管辖\"}", userId);

  /* deadlines: the final facts with the persons' row ids, computed by case_deadlines() and written as case_refresh()
   * hands them to deadline_store_sync() (no office warning settings in the bench: the defaults) */
  for (int i = 0; i < nP; i++) person_facts(&aP[i], aPersonId[i], &aPF[i]);
  nD = case_deadlines(cal, &f, &h, aD);
  if (nD < 1) die("case_deadlines failed", NULL);
  char zSubject[sizeof zNumber + sizeof zTitle + 2];
  snprintf(zSubject, sizeof zSubject, "%s %s", zNumber, zTitle);
  /* as case_refresh() does when the case was last written (its last event): a party's period that had run by then
   * is written closed on its due day */
  JwDate lastWrite = archived ? archived : concluded ? concluded : transferred ? transferred : g->received;
  for (int i = 0; i < nD; i++) {
    CaseDeadline *x = &aD[i];
    if (deadline_lapsed(x->lapses, x->open, x->dueOn, lastWrite)) {
      x->open = 0;
      x->closedOn = x->dueOn;
    }
    char zLen[8];
    period_format_length(x->length, zLen);
    s = L->sDeadline;
    sqlite3_bind_int64(s, 1, orgId);
    sqlite3_bind_text(s, 2, "case", 4, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, caseId);
    sqlite3_bind_int64(s, 4, x->personId);
    sqlite3_bind_int64(s, 5, caseId);
    sqlite3_bind_text(s, 6, deadline_kind_code(x->kind), -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 7, x->sequence);
    sqlite3_bind_text(s, 8, zSubject, -1, SQLITE_TRANSIENT);
    bind_date(s, 9, x->startOn);
    sqlite3_bind_text(s, 10, zLen, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 11, x->extraDays);
    sqlite3_bind_int(s, 12, x->stopDays);
    sqlite3_bind_int(s, 13, x->custodyBound);
    bind_date(s, 14, x->dueOn);
    if (x->suspended) sqlite3_bind_int(s, 15, x->daysLeft);
    else sqlite3_bind_null(s, 15);
    sqlite3_bind_text(s, 16, x->zWarnKey, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 17, x->warnDays);
    sqlite3_bind_int(s, 18, x->lapses);
    sqlite3_bind_text(s, 19, !x->open ? "closed" : x->suspended ? "suspended" : "open", -1, SQLITE_STATIC);
    bind_date(s, 20, x->open ? 0 : x->closedOn);
    sqlite3_bind_int(s, 21, x->provisional);
    sqlite3_bind_text(s, 22, x->zRule, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 23, userId);
    sqlite3_bind_int64(s, 24, deptId);
    step_done(L->h, s);
    L->nDeadlines++;
    if (x->kind == DEADLINE_REVIEW) L->nReview++;
    if (!x->open) L->nClosed++;
    else if (x->dueOn < today && x->lapses) L->nOpenLapsed++;
    else if (x->dueOn < today) L->nOpenOverdue++;
    else L->nOpenOther++;
  }
}

static int64_t insert_returning_id(sqlite3 *h, sqlite3_stmt *s) {
  step_done(h, s);
  return sqlite3_last_insert_rowid(h);
}

/* Loads everything into the freshly migrated database db. Returns the organisation id. */
static int64_t load_all(Db *db, int nCases, JwDate today) {
  sqlite3 *h = db_sqlite(db);
  double t0 = now_s();
  /* load-only settings: rollback journal in memory (the file is new, so there is next to nothing to journal), no
   * fsync, a large page cache, two sorter threads, no foreign key lookups (the generator keeps the references
   * right); the measurement reopens the file with the production settings */
  exec_sql(h, "PRAGMA journal_mode=DELETE"); /* out of WAL first; OFF is refused on a defensive connection */
  sqlite3_stmt *s = prep(h, "PRAGMA journal_mode=MEMORY");
  if (sqlite3_step(s) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(s, 0), "memory") != 0) {
    fprintf(stderr, "bench_cases: journal_mode is %s, not memory\n", (const char *)sqlite3_column_text(s, 0));
    exit(1);
  }
  sqlite3_finalize(s);
  exec_sql(h, "PRAGMA synchronous=OFF");
  exec_sql(h, "PRAGMA foreign_keys=OFF");
  exec_sql(h, "PRAGMA cache_size=-4194304"); /* 4 GiB: the whole file stays in the page cache during the load */
  exec_sql(h, "PRAGMA threads=2");           /* the index builds sort on both cores */

  /* drop the secondary indexes of the bulk tables; re-created from their own text after the load */
  enum { MAX_INDEX = 32 };
  char *azIndexSql[MAX_INDEX], *azIndexName[MAX_INDEX];
  int nIndex = 0;
  s = prep(h,
           "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name"
           " IN ('case_record','case_person','case_custody','case_person_charge','case_event','deadline')"
           " ORDER BY rowid");
  while (sqlite3_step(s) == SQLITE_ROW && nIndex < MAX_INDEX) {
    azIndexName[nIndex] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(s, 0));
    azIndexSql[nIndex] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(s, 1));
    nIndex++;
  }
  sqlite3_finalize(s);
  exec_sql(h, "BEGIN");
  for (int i = 0; i < nIndex; i++) {
    char *z = sqlite3_mprintf("DROP INDEX %w", azIndexName[i]);
    exec_sql(h, z);
    sqlite3_free(z);
  }

  Load L;
  memset(&L, 0, sizeof L);
  L.h = h;
  const char *zNow = "2025-01-01T00:00:00Z";
  s = prep(h, "INSERT INTO org(code, name, level, created_at) VALUES ('jinyun', '缙云县人民检察院', 'county', ?1)");
  sqlite3_bind_text(s, 1, zNow, -1, SQLITE_STATIC);
  int64_t orgId = insert_returning_id(h, s);
  sqlite3_finalize(s);
  static const char *const aDept[][2] = {{"第一检察部", "criminal"},
                                         {"第二检察部", "criminal"},
                                         {"轻微刑事案件办案组", "criminal"},
                                         {"案件管理部", "case_management"}};
  int64_t aDeptId[4];
  s = prep(h, "INSERT INTO department(org_id, name, kind, created_at) VALUES (?1, ?2, ?3, ?4)");
  for (int i = 0; i < 4; i++) {
    sqlite3_bind_int64(s, 1, orgId);
    sqlite3_bind_text(s, 2, aDept[i][0], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, aDept[i][1], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, zNow, -1, SQLITE_STATIC);
    aDeptId[i] = insert_returning_id(h, s);
  }
  sqlite3_finalize(s);
  L.fastDept = aDeptId[2];
  s = prep(h,
           "INSERT INTO app_user(org_id, department_id, login, name, password_hash, created_at, updated_at)"
           " VALUES (?1, ?2, ?3, ?4, 'bench-no-login', ?5, ?5)");
  sqlite3_stmt *sRole = prep(h, "INSERT INTO user_role(user_id, role) VALUES (?1, 'prosecutor')");
  Rng r = rng_seed(1);
  for (int i = 0; i < N_PROSECUTORS; i++) {
    char zLogin[32], zName[64];
    snprintf(zLogin, sizeof zLogin, "jcg%02d", i + 1);
    snprintf(zName, sizeof zName, "%s%s检察官", PICK(&r, surnames), PICK(&r, givenChars));
    int64_t dept = aDeptId[i < 20 ? 0 : i < 40 ? 1 : 2];
    sqlite3_bind_int64(s, 1, orgId);
    sqlite3_bind_int64(s, 2, dept);
    sqlite3_bind_text(s, 3, zLogin, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, zName, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, zNow, -1, SQLITE_STATIC);
    L.aUser[i] = insert_returning_id(h, s);
    L.aUserDept[i] = dept;
    sqlite3_bind_int64(sRole, 1, L.aUser[i]);
    step_done(h, sRole);
  }
  sqlite3_finalize(s);
  sqlite3_finalize(sRole);

  JwCalendar *cal = calendar_new();
  if (!cal || calendar_load_builtin(cal)) die("cannot load the shipped calendar", NULL);
  /* received days and categories first, sorted, so that ids follow the order of receipt as in production */
  Gen *aGen = malloc(sizeof *aGen * (size_t)nCases);
  if (!aGen) die("out of memory", NULL);
  JwDate first = date_from_ymd(2016, 1, 1), lastArchived = today - 200;
  for (int i = 0; i < nCases; i++) {
    Gen *g = &aGen[i];
    g->seed = (uint32_t)i * 2654435761u + 12345u;
    int k = rng_int(&r, 0, 999);
    g->cat = k < 30    ? CAT_OVERDUE
             : k < 80  ? CAT_UPCOMING
             : k < 95  ? CAT_CONCLUDED
             : k < 100 ? CAT_TRANSFERRED
                       : CAT_ARCHIVED;
    switch (g->cat) {
      case CAT_OVERDUE:
        g->received = today - rng_int(&r, 100, 365);
        break;
      case CAT_UPCOMING:
        g->received = today - rng_int(&r, 0, 6);
        break;
      case CAT_CONCLUDED:
        g->received = today - rng_int(&r, 8, 35);
        break;
      default:
        g->received = first + rng_int(&r, 0, lastArchived - first);
        break;
    }
  }
  qsort(aGen, (size_t)nCases, sizeof *aGen, gen_cmp);

  L.sCase = prep(h,
                 "INSERT INTO case_record(org_id, case_number, case_type, title, source_agency, source_number,"
                 " received_on, department_id, prosecutor_id, status, major_complex, summary_procedure, prior_returns,"
                 " concluded_on, archived_on, transferred_on, created_at, updated_at)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)");
  L.sPerson = prep(h,
                   "INSERT INTO case_person(org_id, case_id, name, id_number, sex, birth_date, custody, custody_since,"
                   " plea, sentence_band, decision, non_prosecution_type, decision_on, judgment_on, sentence,"
                   " recommendation_adopted, judgment_consistent, probation_months, final_decision, final_on,"
                   " judgment_instance) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                   " ?17, ?18, ?19, ?20, ?21)");
  L.sCustody = prep(h,
                    "INSERT INTO case_custody(org_id, case_id, person_id, custody, from_on)"
                    " VALUES (?1, ?2, ?3, ?4, ?5)");
  L.sCharge = prep(h, "INSERT OR IGNORE INTO case_person_charge(person_id, charge) VALUES (?1, ?2)");
  L.sEvent = prep(h,
                  "INSERT INTO case_event(org_id, case_id, kind, on_date, person_id, data, user_id, at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  L.sDeadline = prep(h,
                     "INSERT INTO deadline(org_id, entity_kind, entity_id, person_id, case_id, kind, sequence,"
                     " subject, start_on, length, extra_days, stop_days, custody_bound, due_on, days_left, warn_key,"
                     " warn_days, lapses, status, closed_on, provisional, rule, prosecutor_id, department_id)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
                     " ?20, ?21, ?22, ?23, ?24)");
  for (int i = 0; i < nCases; i++) load_case(&L, cal, orgId, &aGen[i], today);
  s = prep(h, "INSERT INTO case_sequence(org_id, year, case_type, last) VALUES (?1, ?2, ?3, ?4)");
  for (int yi = 0; yi < 20; yi++) {
    for (int k = 0; k < CASE_TYPE_COUNT; k++) {
      if (!L.aSeq[yi][k]) continue;
      sqlite3_bind_int64(s, 1, orgId);
      sqlite3_bind_int(s, 2, 2010 + yi);
      sqlite3_bind_text(s, 3, case_types[k].zCode, -1, SQLITE_STATIC);
      sqlite3_bind_int(s, 4, L.aSeq[yi][k]);
      step_done(h, s);
    }
  }
  sqlite3_finalize(s);
  sqlite3_finalize(L.sCase);
  sqlite3_finalize(L.sPerson);
  sqlite3_finalize(L.sCustody);
  sqlite3_finalize(L.sCharge);
  sqlite3_finalize(L.sEvent);
  sqlite3_finalize(L.sDeadline);
  double t1 = now_s();
  char zIdx[1024] = "";
  size_t nIdx = 0;
  for (int i = 0; i < nIndex; i++) {
    double ti = now_s();
    exec_sql(h, azIndexSql[i]);
    if (nIdx < sizeof zIdx) {
      nIdx +=
          (size_t)snprintf(zIdx + nIdx, sizeof zIdx - nIdx, "%s%s %.1f s", i ? ", " : "", azIndexName[i], now_s() - ti);
    }
    sqlite3_free(azIndexSql[i]);
    sqlite3_free(azIndexName[i]);
  }
  exec_sql(h, "COMMIT");
  double t2 = now_s();
  int64_t nRows = nCases + L.nPersons + L.nCustody + L.nCharges + L.nEvents + L.nDeadlines;
  printf(
      "load: %d cases, %lld persons, %lld custody rows, %lld charges, %lld events, %lld deadlines (%lld per-person "
      "review periods; %lld open and overdue, %lld open and not yet due, %lld open parties' complaint periods "
      "that have lapsed, %lld closed)\n",
      nCases, (long long)L.nPersons, (long long)L.nCustody, (long long)L.nCharges, (long long)L.nEvents,
      (long long)L.nDeadlines, (long long)L.nReview, (long long)L.nOpenOverdue, (long long)L.nOpenOther,
      (long long)L.nOpenLapsed, (long long)L.nClosed);
  printf(
      "load: %.1f s for %lld rows (%.0f rows/s, one transaction, prepared statements), %.1f s to build the %d "
      "secondary indexes, %.1f s in all\n",
      t1 - t0, (long long)nRows, (double)nRows / (t1 - t0), t2 - t1, nIndex, t2 - t0);
  printf("load: index builds: %s\n", zIdx);
  free(aGen);
  calendar_free(cal);
  return orgId;
}

/* ---- measurement ------------------------------------------------------------------------------------------ */

typedef struct Ctx {
  Db *db;
  sqlite3 *h;
  int64_t orgId, prosecutorId;
  char zToday[11];
  char zName[64], zIdNumber[19];
  char zTitleFrag[64], zNameFrag[64], zIdFrag[19]; /* the trigram searches (b5-b7) */
  int64_t aCaseId[BASELINE_RUNS];
  int64_t countCaseId; /* the case and page size of the statement counts (count_statements) */
  int countLimit;
  int failed;
} Ctx;

typedef json_t *(*RunFn)(Ctx *c, int run);
#define MAX_ARGS 3
typedef struct Args {
  int kind[MAX_ARGS + 1]; /* 0 unbound, 1 integer, 2 text */
  int64_t i[MAX_ARGS + 1];
  const char *z[MAX_ARGS + 1];
  int n[MAX_ARGS + 1];
} Args;
typedef void (*BindFn)(Ctx *c, Args *a, int run);

static json_t *run_list_all(Ctx *c, int run) {
  (void)run;
  CaseFilter f = {.orgId = c->orgId, .zToday = c->zToday, .limit = PAGE};
  return case_store_list(c->db, &f);
}
static json_t *run_list_status(Ctx *c, int run) {
  (void)run;
  CaseFilter f = {.orgId = c->orgId, .zStatus = "under_review", .zToday = c->zToday, .limit = PAGE};
  return case_store_list(c->db, &f);
}
static json_t *run_list_name(Ctx *c, int run) {
  (void)run;
  /* as api_cases_list(): q is not an ID number, so only the LIKE pattern is set */
  CaseFilter f = {.orgId = c->orgId, .zQuery = c->zName, .zToday = c->zToday, .limit = PAGE};
  return case_store_list(c->db, &f);
}
static json_t *run_list_id(Ctx *c, int run) {
  (void)run;
  /* as api_cases_list(): q is a valid ID number, so it is both the LIKE pattern and the exact ID number */
  CaseFilter f = {
      .orgId = c->orgId, .zQuery = c->zIdNumber, .zIdNumber = c->zIdNumber, .zToday = c->zToday, .limit = PAGE};
  return case_store_list(c->db, &f);
}
/* The trigram searches (any fragment of 3+ characters: store/case_search.h), as api_cases_list() passes them. */
static json_t *run_list_text(Ctx *c, const char *zQuery) {
  CaseFilter f = {.orgId = c->orgId, .zQuery = zQuery, .zToday = c->zToday, .limit = PAGE};
  return case_store_list(c->db, &f);
}
static json_t *run_list_title_frag(Ctx *c, int run) {
  (void)run;
  return run_list_text(c, c->zTitleFrag);
}
static json_t *run_list_id_frag(Ctx *c, int run) {
  (void)run;
  return run_list_text(c, c->zIdFrag);
}
static json_t *run_list_name_frag(Ctx *c, int run) {
  (void)run;
  return run_list_text(c, c->zNameFrag);
}
static json_t *run_list_common_frag(Ctx *c, int run) {
  (void)run;
  return run_list_text(c, "盗窃罪"); /* the most common charge: the count reaches its cap */
}
/* The count of the unfiltered case list alone, as store_list() runs it, capped at 10,001 and at 100,001 rows: what
 * raising STORE_COUNT_CAP costs (docs/benchmarks.md "The count cap"). */
static json_t *run_count(Ctx *c, const char *zSql) {
  Stmt *s = db_prepare(c->db, zSql);
  db_bind_int(s, 1, c->orgId);
  int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
  db_done(s);
  return n < 0 ? NULL : json_integer(n);
}
static json_t *run_count_10k(Ctx *c, int run) {
  (void)run;
  return run_count(c, "SELECT count(*) FROM (SELECT 1 FROM case_record c WHERE c.org_id = ?1 LIMIT 10001) AS capped");
}
static json_t *run_count_100k(Ctx *c, int run) {
  (void)run;
  return run_count(c, "SELECT count(*) FROM (SELECT 1 FROM case_record c WHERE c.org_id = ?1 LIMIT 100001) AS capped");
}
static json_t *run_list_mine(Ctx *c, int run) {
  (void)run;
  CaseFilter f = {.orgId = c->orgId, .prosecutorId = c->prosecutorId, .zToday = c->zToday, .limit = PAGE};
  return case_store_list(c->db, &f);
}
static json_t *run_my_overdue(Ctx *c, int run) {
  (void)run;
  DeadlineFilter f = {
      .orgId = c->orgId, .prosecutorId = c->prosecutorId, .zLevel = "overdue", .zToday = c->zToday, .limit = PAGE};
  return deadline_store_list(c->db, &f);
}
static json_t *run_summary_mine(Ctx *c, int run) {
  (void)run;
  DeadlineFilter f = {.orgId = c->orgId, .prosecutorId = c->prosecutorId, .zToday = c->zToday};
  return deadline_store_summary(c->db, &f);
}
static json_t *run_summary_office(Ctx *c, int run) {
  (void)run;
  DeadlineFilter f = {.orgId = c->orgId, .zToday = c->zToday};
  return deadline_store_summary(c->db, &f);
}
static json_t *run_case_get(Ctx *c, int run) {
  json_t *o = NULL;
  if (case_store_get(c->db, c->orgId, c->aCaseId[run % BASELINE_RUNS], c->zToday, &o) == 1) return o;
  json_decref(o);
  return NULL;
}
/* The first step of deadlines_recompute_open(): the open rows to recompute (deadline_store_open_clocks). */
static json_t *run_open_clocks(Ctx *c, int run) {
  (void)run;
  int n = 0;
  DeadlineClock *a = deadline_store_open_clocks(c->db, &n);
  free(a);
  return a ? json_integer(n) : NULL;
}
/* The calls of the statement counts: one given case, and pages of a given size. */
static json_t *run_case_get_counted(Ctx *c, int run) {
  (void)run;
  json_t *o = NULL;
  if (case_store_get(c->db, c->orgId, c->countCaseId, c->zToday, &o) == 1) return o;
  json_decref(o);
  return NULL;
}
static json_t *run_list_counted(Ctx *c, int run) {
  (void)run;
  CaseFilter f = {.orgId = c->orgId, .zToday = c->zToday, .limit = c->countLimit};
  return case_store_list(c->db, &f);
}
static json_t *run_overdue_counted(Ctx *c, int run) {
  (void)run;
  DeadlineFilter f = {.orgId = c->orgId,
                      .prosecutorId = c->prosecutorId,
                      .zLevel = "overdue",
                      .zToday = c->zToday,
                      .limit = c->countLimit};
  return deadline_store_list(c->db, &f);
}

/* The values a baseline statement binds, by parameter number (1..3), so that one binder serves both backends. */
static void arg_int(Args *a, int i, int64_t v) {
  a->kind[i] = 1;
  a->i[i] = v;
}
static void arg_text(Args *a, int i, const char *z, int n) {
  a->kind[i] = 2;
  a->z[i] = z;
  a->n[i] = n;
}
static void args_bind_sqlite(const Args *a, sqlite3_stmt *s) {
  for (int i = 1; i <= MAX_ARGS; i++) {
    if (a->kind[i] == 1) sqlite3_bind_int64(s, i, a->i[i]);
    else if (a->kind[i] == 2) sqlite3_bind_text(s, i, a->z[i], a->n[i], SQLITE_TRANSIENT);
  }
}
static void args_bind_db(const Args *a, Stmt *s) {
  for (int i = 1; i <= MAX_ARGS; i++) {
    if (a->kind[i] == 1) db_bind_int(s, i, a->i[i]);
    else if (a->kind[i] == 2) db_bind_textn(s, i, a->z[i], a->n[i]);
  }
}

static void bind_org(Ctx *c, Args *a, int run) {
  (void)run;
  arg_int(a, 1, c->orgId);
}
static void bind_org_pros_today(Ctx *c, Args *a, int run) {
  (void)run;
  arg_int(a, 1, c->orgId);
  arg_int(a, 2, c->prosecutorId);
  arg_text(a, 3, c->zToday, 10);
}
static void bind_org_today(Ctx *c, Args *a, int run) {
  (void)run;
  arg_int(a, 1, c->orgId);
  arg_text(a, 3, c->zToday, 10);
}
static void bind_org_case(Ctx *c, Args *a, int run) {
  arg_int(a, 1, c->orgId);
  arg_int(a, 2, c->aCaseId[run % BASELINE_RUNS]);
}
static void bind_org_status(Ctx *c, Args *a, int run) {
  (void)run;
  arg_int(a, 1, c->orgId);
  arg_text(a, 2, "under_review", -1);
}
static void bind_org_id(Ctx *c, Args *a, int run) {
  (void)run;
  arg_int(a, 1, c->orgId);
  arg_text(a, 2, c->zIdNumber, -1);
}
static void bind_org_name(Ctx *c, Args *a, int run) {
  (void)run;
  arg_int(a, 1, c->orgId);
  arg_text(a, 2, c->zName, -1);
}
static void bind_org_pros(Ctx *c, Args *a, int run) {
  (void)run;
  arg_int(a, 1, c->orgId);
  arg_int(a, 2, c->prosecutorId);
}

#define SQL_BASE_CASES "SELECT id FROM case_record WHERE org_id=?1 ORDER BY received_on DESC, id DESC LIMIT 50"
/* The baselines give the store's answers: a party's period that has lapsed (lapses = 1, past its due day) is no
 * longer running and is left out of the lists and the summary (deadline_where() in src/store/deadline_store.c). */
#define SQL_BASE_OVERDUE                                                                                          \
  "SELECT id FROM deadline WHERE org_id=?1 AND prosecutor_id=?2 AND status='open' AND due_on < ?3 AND lapses = 0" \
  " ORDER BY due_on LIMIT 50"
#define SQL_SUMMARY_COUNTS                                                                   \
  "SELECT count(*) FILTER (WHERE due_on < ?3), count(*) FILTER (WHERE due_on = ?3),"         \
  " count(*) FILTER (WHERE due_on > ?3 AND julianday(due_on) - julianday(?3) <= warn_days)," \
  " count(*) FILTER (WHERE due_on >= ?3 AND due_on <= date(?3, '+6 days')), count(*) FROM deadline"
#define SQL_RUNNING             " AND status IN ('open', 'suspended') AND (lapses = 0 OR due_on >= ?3)"
#define SQL_BASE_SUMMARY_MINE   SQL_SUMMARY_COUNTS " WHERE org_id=?1 AND prosecutor_id=?2" SQL_RUNNING
#define SQL_BASE_SUMMARY_OFFICE SQL_SUMMARY_COUNTS " WHERE org_id=?1" SQL_RUNNING
#define SQL_BASE_CASE           "SELECT id FROM case_record WHERE org_id=?1 AND id=?2"

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}
static double pct_of(double *a, int n, double p) { /* a sorted; nearest rank */
  int k = (int)(p * n + 0.999999);
  if (k < 1) k = 1;
  if (k > n) k = n;
  return a[k - 1];
}

/* Steps a raw statement through all its rows; returns the number of rows. */
static int step_all(Ctx *c, sqlite3_stmt *s) {
  int rc, n = 0;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) n++;
  if (rc != SQLITE_DONE) {
    fprintf(stderr, "bench_cases: step failed: %s\n", sqlite3_errmsg(c->h));
    c->failed = 1;
  }
  sqlite3_reset(s);
  return n;
}

/* Runs a baseline statement once with the values of run: through sqlite3 on SQLite, else through the store's
 * db.h API (db_prepare: prepared once per connection, as the store's own statements; zSql is a literal). Returns the
 * number of rows. */
static int run_sql(Ctx *c, const char *zSql, sqlite3_stmt *s, BindFn bind, int run) {
  Args a = {0};
  bind(c, &a, run);
  if (s) {
    args_bind_sqlite(&a, s);
    return step_all(c, s);
  }
  Stmt *st = db_prepare(c->db, zSql);
  args_bind_db(&a, st);
  int rc, n = 0;
  while ((rc = db_step(st)) == DB_ROW) n++;
  if (rc != DB_DONE) {
    fprintf(stderr, "bench_cases: step failed: %s\n", db_errmsg(c->db));
    c->failed = 1;
  }
  db_done(st);
  return n;
}

/* Median (ms) of up to BASELINE_RUNS runs of a plain statement, stopping after budget seconds (at least 3 runs).
 * *pRows: rows of the warm-up run; *pRuns: runs timed. */
static double measure_sql(Ctx *c, const char *zSql, BindFn bind, double budget, int *pRows, int *pRuns) {
  sqlite3_stmt *s = c->h ? prep(c->h, zSql) : NULL;
  double a[BASELINE_RUNS];
  int n = 0;
  *pRows = run_sql(c, zSql, s, bind, 0); /* warm-up */
  double tStart = now_s();
  for (int i = 0; i < BASELINE_RUNS; i++) {
    if (i >= 3 && now_s() - tStart > budget) break;
    double t0 = now_s();
    run_sql(c, zSql, s, bind, i);
    a[n++] = (now_s() - t0) * 1e3;
  }
  sqlite3_finalize(s);
  qsort(a, (size_t)n, sizeof a[0], cmp_double);
  *pRuns = n;
  return pct_of(a, n, 0.5);
}

#define MIN_RUNS 3
static int gMaxRuns = 30;
static double gBudget = 5.0;

/* One measured line on one backend (ok = 0 when the call failed). */
typedef struct Result {
  double med, p95, base;
  int ok;
} Result;

/* Times fn (the store call plus freeing its result) and prints one line against the baseline. */
static Result measure(Ctx *c, const char *zName, RunFn fn, const char *zBaseSql, BindFn bind, const char *zNote) {
  Result res = {0, 0, 0, 0};
  double *a = malloc(sizeof *a * (size_t)gMaxRuns);
  if (!a) die("out of memory", NULL);
  json_t *o = fn(c, 0); /* warm-up; also shows what the call found */
  if (!o) {
    fprintf(stderr, "bench_cases: %s returned NULL\n", zName);
    c->failed = 1;
    free(a);
    return res;
  }
  json_t *total = json_object_get(o, "total"), *items = json_object_get(o, "items");
  char zFound[96] = "";
  if (total) {
    snprintf(zFound, sizeof zFound, "; total %lld, %zu items", (long long)json_integer_value(total),
             json_array_size(items));
  } else if (json_object_get(o, "open")) {
    snprintf(zFound, sizeof zFound, "; open %lld, overdue %lld",
             (long long)json_integer_value(json_object_get(o, "open")),
             (long long)json_integer_value(json_object_get(o, "overdue")));
  }
  json_decref(o);
  int n = 0;
  double tStart = now_s();
  for (int i = 0; i < gMaxRuns; i++) {
    if (i >= MIN_RUNS && now_s() - tStart > gBudget) break;
    double t0 = now_s();
    o = fn(c, i + 1);
    if (!o) {
      fprintf(stderr, "bench_cases: %s returned NULL\n", zName);
      c->failed = 1;
      break;
    }
    json_decref(o);
    a[n++] = (now_s() - t0) * 1e3;
  }
  if (n == 0) {
    free(a);
    return res;
  }
  qsort(a, (size_t)n, sizeof a[0], cmp_double);
  int rows, nBase;
  double base = measure_sql(c, zBaseSql, bind, 3.0, &rows, &nBase);
  double med = pct_of(a, n, 0.5), p95 = pct_of(a, n, 0.95), ratio = base > 0 ? med / base : 0;
  printf("%s: median %.2f ms, p95 %.2f ms, baseline %.3f ms, ratio %.*f  (%d runs%s; baseline, %d runs: %s)\n", zName,
         med, p95, base, ratio >= 100 ? 0 : 1, ratio, n, zFound, nBase, zNote);
  fflush(stdout);
  free(a);
  return (Result){med, p95, base, 1};
}

/* ---- statement profile and query plans -------------------------------------------------------------------- */

#define MAX_TRACED 16
typedef struct Traced {
  char *zSql;
  double ms;
  int fullscan, sort, autoindex, vmstep;
} Traced;
static Traced aTraced[MAX_TRACED];
static int nTraced;

/* start times of the running statements (SQLite's own profile time has millisecond resolution) */
static sqlite3_stmt *apStarted[MAX_TRACED];
static double aStartedAt[MAX_TRACED];

static int trace_cb(unsigned type, void *ctx, void *p, void *x) {
  (void)ctx;
  sqlite3_stmt *s = p;
  if (type == SQLITE_TRACE_STMT) {
    if (strncmp((const char *)x, "--", 2) == 0) return 0; /* a trigger program inside the statement */
    for (int i = 0; i < MAX_TRACED; i++) {
      if (!apStarted[i] || apStarted[i] == s) {
        apStarted[i] = s;
        aStartedAt[i] = now_s();
        break;
      }
    }
    return 0;
  }
  if (type != SQLITE_TRACE_PROFILE || nTraced >= MAX_TRACED) return 0;
  double tEnd = now_s();
  Traced *t = &aTraced[nTraced++];
  t->zSql = sqlite3_mprintf("%s", sqlite3_sql(s));
  t->ms = (double)*(sqlite3_int64 *)x / 1e6;
  for (int i = 0; i < MAX_TRACED; i++) {
    if (apStarted[i] == s) {
      t->ms = (tEnd - aStartedAt[i]) * 1e3;
      apStarted[i] = NULL;
      aStartedAt[i] = 0;
      break;
    }
  }
  t->fullscan = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
  t->sort = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_SORT, 1);
  t->autoindex = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_AUTOINDEX, 1);
  t->vmstep = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 1);
  return 0;
}

/* The table an alias (or table name) of zSql stands for, among the big tables; NULL when none. */
static const char *alias_table(const char *zSql, const char *zAlias, size_t nAlias) {
  static const char *const aTab[] = {"case_record",  "case_person_charge", "case_person",
                                     "case_custody", "case_event",         "deadline"};
  for (size_t i = 0; i < sizeof aTab / sizeof aTab[0]; i++) {
    size_t nTab = strlen(aTab[i]);
    if (nAlias == nTab && strncmp(zAlias, aTab[i], nAlias) == 0) return aTab[i];
    for (const char *z = strstr(zSql, aTab[i]); z; z = strstr(z + 1, aTab[i])) {
      const char *a = z + nTab;
      if (*a == ' ' && strncmp(a + 1, zAlias, nAlias) == 0) {
        char e = a[1 + nAlias];
        if (e == ' ' || e == 0 || e == ',' || e == ')') return aTab[i];
      }
    }
  }
  return NULL;
}

/* Prints EXPLAIN QUERY PLAN of zSql as a tree; flags scans of the big tables, whole-organisation ranges, sorts. */
static int print_plan(sqlite3 *h, const char *zSql) {
  char *zEqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", zSql);
  sqlite3_stmt *s = prep(h, zEqp);
  sqlite3_free(zEqp);
  int aId[256], aDepth[256], n = 0, nFlag = 0;
  while (sqlite3_step(s) == SQLITE_ROW) {
    int id = sqlite3_column_int(s, 0), parent = sqlite3_column_int(s, 1), depth = 0;
    const char *zDetail = (const char *)sqlite3_column_text(s, 3);
    for (int i = 0; i < n; i++) {
      if (aId[i] == parent) depth = aDepth[i] + 1;
    }
    if (n < 256) aId[n] = id, aDepth[n] = depth, n++;
    const char *zFlag = "";
    char zBuf[160];
    int isScan = strncmp(zDetail, "SCAN ", 5) == 0, isSearch = strncmp(zDetail, "SEARCH ", 7) == 0;
    if (isScan || isSearch) {
      const char *zA = zDetail + (isScan ? 5 : 7);
      size_t nA = strcspn(zA, " ");
      const char *zTab = alias_table(zSql, zA, nA);
      if (zTab && isScan && strstr(zDetail, " USING ")) {
        snprintf(zBuf, sizeof zBuf, "   <-- SCAN: every %s row, in index order (stops early only under LIMIT)", zTab);
        zFlag = zBuf;
      } else if (zTab && isScan) {
        snprintf(zBuf, sizeof zBuf, "   <-- FULL TABLE SCAN of %s", zTab);
        zFlag = zBuf;
      } else if (zTab && strstr(zDetail, "(org_id=?)")) {
        snprintf(zBuf, sizeof zBuf, "   <-- range = every %s row of the organisation (all of them here)", zTab);
        zFlag = zBuf;
      } else if (zTab && strstr(zDetail, "(org_id=? AND status=?)")) {
        snprintf(zBuf, sizeof zBuf, "   <-- range = every %s row of the organisation with that status", zTab);
        zFlag = zBuf;
      }
    } else if (strstr(zDetail, "USE TEMP B-TREE")) {
      zFlag = "   <-- sort";
    }
    if (*zFlag) nFlag++;
    printf("      %*s%s%s\n", 2 * depth, "", zDetail, zFlag);
  }
  sqlite3_finalize(s);
  return nFlag;
}

/* Squeezes runs of spaces and cuts zSql to n characters for display (UTF-8 safe cut). */
static void sql_short(const char *zSql, char *out, size_t n) {
  size_t k = 0;
  for (const char *p = zSql; *p && k + 4 < n; p++) {
    if (*p == ' ' && k > 0 && out[k - 1] == ' ') continue;
    out[k++] = *p;
  }
  while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80) k--; /* no half character */
  if (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0xC0) k--;
  out[k] = 0;
  if (strlen(zSql) > k) strcat(out, "...");
}

#define MAX_PLANNED 32
static char *azPlanned[MAX_PLANNED];
static const char *azPlannedBy[MAX_PLANNED];
static int nPlanned;

static void profile(Ctx *c, const char *zName, RunFn fn, const char *zBaseSql) {
  /* reset the counters of every cached statement, then record each statement this call runs */
  for (sqlite3_stmt *s = sqlite3_next_stmt(c->h, NULL); s; s = sqlite3_next_stmt(c->h, s)) {
    sqlite3_stmt_status(s, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
    sqlite3_stmt_status(s, SQLITE_STMTSTATUS_SORT, 1);
    sqlite3_stmt_status(s, SQLITE_STMTSTATUS_AUTOINDEX, 1);
    sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 1);
  }
  nTraced = 0;
  memset(apStarted, 0, sizeof apStarted);
  sqlite3_trace_v2(c->h, SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE, trace_cb, NULL);
  double t0 = now_s();
  json_t *o = fn(c, 7);
  double ms = (now_s() - t0) * 1e3;
  sqlite3_trace_v2(c->h, 0, NULL, NULL);
  json_decref(o);
  printf("\n%s (one call, %.2f ms):\n", zName, ms);
  for (int i = 0; i < nTraced; i++) {
    Traced *t = &aTraced[i];
    char zShort[120];
    sql_short(t->zSql, zShort, sizeof zShort);
    printf("  stmt %d: %8.2f ms, full-scan steps %d, sorts %d, VM steps %d: %s\n", i + 1, t->ms, t->fullscan, t->sort,
           t->vmstep, zShort);
  }
  for (int i = 0; i < nTraced; i++) {
    Traced *t = &aTraced[i];
    int seen = -1;
    for (int k = 0; k < nPlanned; k++) {
      if (strcmp(azPlanned[k], t->zSql) == 0) seen = k;
    }
    if (seen >= 0) {
      printf("  plan of stmt %d: as printed for %s\n", i + 1, azPlannedBy[seen]);
    } else {
      printf("  plan of stmt %d:\n", i + 1);
      print_plan(c->h, t->zSql);
      if (nPlanned < MAX_PLANNED) {
        azPlanned[nPlanned] = sqlite3_mprintf("%s", t->zSql);
        azPlannedBy[nPlanned++] = zName;
      }
    }
    sqlite3_free(t->zSql);
  }
  int seen = -1;
  for (int k = 0; k < nPlanned; k++) {
    if (strcmp(azPlanned[k], zBaseSql) == 0) seen = k;
  }
  if (seen >= 0) {
    printf("  baseline: as for %s\n", azPlannedBy[seen]);
  } else {
    printf("  baseline: %s\n", zBaseSql);
    print_plan(c->h, zBaseSql);
    if (nPlanned < MAX_PLANNED) {
      azPlanned[nPlanned] = sqlite3_mprintf("%s", zBaseSql);
      azPlannedBy[nPlanned++] = zName;
    }
  }
}

/* ---- suggested shapes ------------------------------------------------------------------------------------- */

typedef struct Alt {
  const char *zName, *zSql;
  BindFn bind;
  const char *zFor;
} Alt;

static void bind_org_surname(Ctx *c, Args *a, int run) {
  (void)run;
  arg_int(a, 1, c->orgId);
  size_t n = 1;
  while (c->zName[n] && ((unsigned char)c->zName[n] & 0xC0) == 0x80) n++; /* the first character: the surname */
  arg_text(a, 2, c->zName, (int)n);
}

/* The summary's five counts, each over an index range of due_on (WHO is the scope; the status is added here). The
 * warning range is bounded by the longest lead time an office may configure (PUT /api/v1/settings/deadline-warnings:
 * 0..60 days), so that it is a range too. Past due, the lapsed parties' periods are left out (lapses = 0): that
 * needs the table row of every row in the range. The running total is the sum of three ranges. */
#define SQL_RANGE_COUNTS(WHO)                                               \
  "SELECT (SELECT count(*) FROM deadline WHERE " WHO                        \
  " AND status='open' AND due_on < ?3 AND lapses = 0),"                     \
  " (SELECT count(*) FROM deadline WHERE " WHO                              \
  " AND status='open' AND due_on = ?3),"                                    \
  " (SELECT count(*) FROM deadline WHERE " WHO                              \
  " AND status='open' AND due_on > ?3 AND due_on <= date(?3, '+60 days')"   \
  " AND julianday(due_on) - julianday(?3) <= warn_days),"                   \
  " (SELECT count(*) FROM deadline WHERE " WHO                              \
  " AND status='open' AND due_on >= ?3 AND due_on <= date(?3, '+6 days'))," \
  " (SELECT count(*) FROM deadline WHERE " WHO                              \
  " AND status='open' AND due_on >= ?3)"                                    \
  " + (SELECT count(*) FROM deadline WHERE " WHO                            \
  " AND status='open' AND due_on < ?3 AND lapses = 0)"                      \
  " + (SELECT count(*) FROM deadline WHERE " WHO " AND status='suspended')"

static const Alt aAlt[] = {
    {"total capped at 1001 (\"1000+\")", "SELECT count(*) FROM (SELECT 1 FROM case_record WHERE org_id=?1 LIMIT 1001)",
     bind_org, "a"},
    {"exact count(*) on a covering index", "SELECT count(*) FROM case_record WHERE org_id=?1", bind_org, "a"},
    {"status page on case_record_status",
     "SELECT id FROM case_record WHERE org_id=?1 AND status=?2 ORDER BY received_on DESC, id DESC LIMIT 50",
     bind_org_status, "b1"},
    {"status count on case_record_status", "SELECT count(*) FROM case_record WHERE org_id=?1 AND status=?2",
     bind_org_status, "b1"},
    {"exact name, driven from case_person_name",
     "SELECT DISTINCT c.id, c.received_on FROM case_person p CROSS JOIN case_record c ON c.id = p.case_id"
     " WHERE p.org_id=?1 AND p.name=?2 AND c.org_id=?1 ORDER BY c.received_on DESC, c.id DESC LIMIT 50",
     bind_org_name, "b2"},
    {"surname prefix (range on case_person_name)",
     "SELECT DISTINCT c.id, c.received_on FROM case_person p CROSS JOIN case_record c ON c.id = p.case_id"
     " WHERE p.org_id=?1 AND p.name >= ?2 AND p.name < ?2 || char(1114111) AND c.org_id=?1"
     " ORDER BY c.received_on DESC, c.id DESC LIMIT 50",
     bind_org_surname, "b2"},
    {"ID number, driven from case_person_id_number",
     "SELECT c.id FROM case_person p CROSS JOIN case_record c ON c.id = p.case_id"
     " WHERE p.org_id=?1 AND p.id_number=?2 AND c.org_id=?1 ORDER BY c.received_on DESC, c.id DESC LIMIT 50",
     bind_org_id, "b3"},
    {"ID number as IN (...): the planner still scans",
     "SELECT c.id FROM case_record c WHERE c.org_id=?1 AND c.id IN (SELECT case_id FROM case_person WHERE org_id=?1"
     " AND id_number=?2) ORDER BY c.received_on DESC, c.id DESC LIMIT 50",
     bind_org_id, "b3"},
    {"my cases page, prosecutor_id without OR",
     "SELECT id FROM case_record WHERE org_id=?1 AND prosecutor_id=?2 ORDER BY received_on DESC, id DESC LIMIT 50",
     bind_org_pros, "b4"},
    {"my cases count on case_record_prosecutor",
     "SELECT count(*) FROM case_record WHERE org_id=?1 AND prosecutor_id=?2", bind_org_pros, "b4"},
    {"my overdue count on deadline_prosecutor",
     "SELECT count(*) FROM deadline WHERE org_id=?1 AND prosecutor_id=?2 AND status='open' AND due_on < ?3"
     " AND lapses = 0",
     bind_org_pros_today, "c"},
    {"summary as range counts, one prosecutor", SQL_RANGE_COUNTS("org_id=?1 AND prosecutor_id=?2"), bind_org_pros_today,
     "d1"},
    {"summary as range counts, whole office", SQL_RANGE_COUNTS("org_id=?1"), bind_org_today, "d2"},
    {"open deadline rows of one office",
     "SELECT id, start_on, length, extra_days, stop_days, custody_bound, due_on FROM deadline"
     " WHERE org_id=?1 AND status='open' ORDER BY id",
     bind_org, "w"},
};

_Static_assert(sizeof aAlt / sizeof aAlt[0] == 14, "check_alternatives() refers to aAlt[] entries by index");

/* Column col of the first row of zSql (-1 when there is none). */
static int64_t sql_int(Ctx *c, const char *zSql, BindFn bind, int col) {
  sqlite3_stmt *s = prep(c->h, zSql);
  Args a = {0};
  bind(c, &a, 0);
  args_bind_sqlite(&a, s);
  int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, col) : -1;
  sqlite3_finalize(s);
  return v;
}

static int64_t json_int_at(json_t *o, const char *zKey) {
  json_t *v = json_object_get(o, zKey);
  return v ? json_integer_value(v) : -1;
}

/* A full count as the store reports it: list totals are capped at STORE_COUNT_CAP (store_util.h). */
static int64_t as_store_total(int64_t n) {
  return n > STORE_COUNT_CAP ? STORE_COUNT_CAP : n;
}

/* The suggested shapes must give the answers the store gives: the totals and counts are compared here. */
static void check_alternatives(Ctx *c) {
  int nBad = 0, nCheck = 0;
  json_t *o;
#define CHECK(zWhat, got, want)                                                                                        \
  do {                                                                                                                 \
    int64_t g_ = (got), w_ = (want);                                                                                   \
    nCheck++;                                                                                                          \
    if (g_ != w_) {                                                                                                    \
      printf("check MISMATCH: %s: suggested shape gives %lld, the store %lld\n", zWhat, (long long)g_, (long long)w_); \
      nBad++;                                                                                                          \
    }                                                                                                                  \
  } while (0)
  o = run_list_status(c, 0);
  CHECK("b1 status count", as_store_total(sql_int(c, aAlt[3].zSql, aAlt[3].bind, 0)), json_int_at(o, "total"));
  json_decref(o);
  o = run_list_mine(c, 0);
  CHECK("b4 my cases count", as_store_total(sql_int(c, aAlt[9].zSql, aAlt[9].bind, 0)), json_int_at(o, "total"));
  json_decref(o);
  o = run_list_id(c, 0);
  json_t *first = json_array_get(json_object_get(o, "items"), 0);
  CHECK("b3 case found by ID number", sql_int(c, aAlt[6].zSql, aAlt[6].bind, 0), first ? json_int_at(first, "id") : -1);
  json_decref(o);
  o = run_my_overdue(c, 0);
  CHECK("c my overdue count", as_store_total(sql_int(c, aAlt[10].zSql, aAlt[10].bind, 0)), json_int_at(o, "total"));
  json_decref(o);
  static const char *const azKey[] = {"overdue", "due", "warning", "week", "open"};
  for (int who = 0; who < 2; who++) {
    o = who ? run_summary_office(c, 0) : run_summary_mine(c, 0);
    const Alt *a = &aAlt[11 + who];
    for (int k = 0; k < 5; k++) {
      char zWhat[64];
      snprintf(zWhat, sizeof zWhat, "%s summary %s", who ? "d2" : "d1", azKey[k]);
      CHECK(zWhat, sql_int(c, a->zSql, a->bind, k), json_int_at(o, azKey[k]));
    }
    json_decref(o);
  }
  o = run_open_clocks(c, 0);
  int rows, runs;
  measure_sql(c, aAlt[13].zSql, aAlt[13].bind, 0.0, &rows, &runs);
  CHECK("w open deadline rows (one office here)", rows, json_integer_value(o));
  json_decref(o);
#undef CHECK
  printf("checks: %d of %d answers of the suggested shapes equal the store's\n", nCheck - nBad, nCheck);
  if (nBad) c->failed = 1;
}

/* ---- the write that touches every open deadline ---------------------------------------------------------- */

/* A calendar import runs deadlines_recompute_open() inside its write transaction (holidays_import): the write lock
 * is held for the whole recomputation. It reads every open row (deadline_store_open_clocks), recomputes its due day
 * from what the row keeps and writes only the rows whose day moved; the bench's rows were computed on the calendar
 * in force, so none moves here and what is timed is the read and the computation. Timed once, then rolled back; the
 * baseline is one UPDATE that rewrites every open deadline row in place (the floor of touching those rows, which an
 * import that moves every day would approach), also rolled back. */
static void measure_recompute(Ctx *c) {
  JwErr e;
  int n = 0;
  double t0 = now_s();
  DeadlineClock *a = deadline_store_open_clocks(c->db, &n);
  double tScan = now_s() - t0;
  free(a);
  if (db_begin(c->db)) die("BEGIN failed", c->h);
  t0 = now_s();
  int rc = deadlines_recompute_open(c->db, &e);
  double t = now_s() - t0;
  db_rollback(c->db);
  if (rc) {
    fprintf(stderr, "bench_cases: deadlines_recompute_open failed: %s\n", e.message);
    c->failed = 1;
    return;
  }
  if (db_begin(c->db)) die("BEGIN failed", c->h);
  t0 = now_s();
  exec_sql(c->h, "UPDATE deadline SET due_on = due_on WHERE status = 'open'");
  double tBase = now_s() - t0;
  db_rollback(c->db);
  printf(
      "recompute open deadlines: %.2f s holding the write lock for %d open rows (%.4f ms per row; its first query, "
      "the open rows, takes %.0f ms alone), baseline %.3f s, ratio %.2f  (one run; no due day moves on the same "
      "calendar; baseline: one UPDATE of every open deadline row; both rolled back)\n",
      t, n, n ? t * 1e3 / n : 0.0, tScan * 1e3, tBase, tBase > 0 ? t / tBase : 0.0);
}

/* ---- statements per call ---------------------------------------------------------------------------------- */

/* PostgreSQL round trips: bench_cases is linked with -Wl,--wrap for the four libpq calls the driver (db_pg.c) sends
 * statements with, each one round trip; these count them and call libpq. */
static long gRoundTrips;
PGresult *__real_PQexec(PGconn *conn, const char *zQuery);
PGresult *__real_PQexecParams(PGconn *conn, const char *zCmd, int nParams, const Oid *aTypes,
                              const char *const *azValues, const int *anLength, const int *aFormat, int resultFormat);
PGresult *__real_PQexecPrepared(PGconn *conn, const char *zName, int nParams, const char *const *azValues,
                                const int *anLength, const int *aFormat, int resultFormat);
PGresult *__real_PQprepare(PGconn *conn, const char *zName, const char *zQuery, int nParams, const Oid *aTypes);
PGresult *__wrap_PQexec(PGconn *conn, const char *zQuery);
PGresult *__wrap_PQexecParams(PGconn *conn, const char *zCmd, int nParams, const Oid *aTypes,
                              const char *const *azValues, const int *anLength, const int *aFormat, int resultFormat);
PGresult *__wrap_PQexecPrepared(PGconn *conn, const char *zName, int nParams, const char *const *azValues,
                                const int *anLength, const int *aFormat, int resultFormat);
PGresult *__wrap_PQprepare(PGconn *conn, const char *zName, const char *zQuery, int nParams, const Oid *aTypes);

PGresult *__wrap_PQexec(PGconn *conn, const char *zQuery) {
  gRoundTrips++;
  return __real_PQexec(conn, zQuery);
}
PGresult *__wrap_PQexecParams(PGconn *conn, const char *zCmd, int nParams, const Oid *aTypes,
                              const char *const *azValues, const int *anLength, const int *aFormat, int resultFormat) {
  gRoundTrips++;
  return __real_PQexecParams(conn, zCmd, nParams, aTypes, azValues, anLength, aFormat, resultFormat);
}
PGresult *__wrap_PQexecPrepared(PGconn *conn, const char *zName, int nParams, const char *const *azValues,
                                const int *anLength, const int *aFormat, int resultFormat) {
  gRoundTrips++;
  return __real_PQexecPrepared(conn, zName, nParams, azValues, anLength, aFormat, resultFormat);
}
PGresult *__wrap_PQprepare(PGconn *conn, const char *zName, const char *zQuery, int nParams, const Oid *aTypes) {
  gRoundTrips++;
  return __real_PQprepare(conn, zName, zQuery, nParams, aTypes);
}

static int count_cb(unsigned type, void *ctx, void *p, void *x) {
  (void)p;
  if (type == SQLITE_TRACE_STMT && strncmp((const char *)x, "--", 2) != 0) (*(long *)ctx)++;
  return 0;
}

/* Statements one call of fn runs, after a warm-up call (so PostgreSQL's statements are prepared already): on
 * SQLite the statements started (sqlite3_trace_v2), on PostgreSQL the round trips to the server. -1 on failure. */
static long count_statements(Ctx *c, RunFn fn) {
  json_decref(fn(c, 0));
  long n = 0, before = gRoundTrips;
  if (c->h) sqlite3_trace_v2(c->h, SQLITE_TRACE_STMT, count_cb, &n);
  json_t *o = fn(c, 0);
  if (c->h) sqlite3_trace_v2(c->h, 0, NULL, NULL);
  else n = gRoundTrips - before;
  if (!o) return -1;
  json_decref(o);
  return n;
}

/* The calls whose statements are counted: the case page for cases with more and more persons, and list pages of
 * growing size; a count that grows with the persons or the rows is a statement per person or per row (N+1). */
#define N_COUNTS 8
typedef struct CountTarget {
  int64_t caseId;
  int nPersons;
} CountTarget;
static CountTarget aCountCase[3]; /* a case with 1, 2 and the most persons found among the measured ones */

static const char *const azCountName[N_COUNTS] = {"case_get, case with 1 person",   "case_get, case with 2 persons",
                                                  "case_get, most persons (below)", "case_list page of 10 rows",
                                                  "case_list page of 50 rows",      "case_list page of 200 rows",
                                                  "my overdue list, 10 rows",       "my overdue list, 50 rows"};

static void pick_count_targets(Ctx *c) {
  sqlite3_stmt *s = prep(c->h, "SELECT count(*) FROM case_person WHERE case_id = ?1");
  for (int i = 0; i < BASELINE_RUNS; i++) {
    sqlite3_bind_int64(s, 1, c->aCaseId[i]);
    int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_reset(s);
    CountTarget t = {c->aCaseId[i], n};
    if (n == 1 && !aCountCase[0].caseId) aCountCase[0] = t;
    if (n == 2 && !aCountCase[1].caseId) aCountCase[1] = t;
    if (n > aCountCase[2].nPersons) aCountCase[2] = t;
  }
  sqlite3_finalize(s);
}

static void count_all(Ctx *c, long aOut[N_COUNTS]) {
  for (int i = 0; i < 3; i++) {
    c->countCaseId = aCountCase[i].caseId;
    aOut[i] = c->countCaseId ? count_statements(c, run_case_get_counted) : -1;
  }
  static const int aLimit[] = {10, 50, 200};
  for (int i = 0; i < 3; i++) {
    c->countLimit = aLimit[i];
    aOut[3 + i] = count_statements(c, run_list_counted);
  }
  for (int i = 0; i < 2; i++) {
    c->countLimit = aLimit[i];
    aOut[6 + i] = count_statements(c, run_overdue_counted);
  }
}

/* ---- main ------------------------------------------------------------------------------------------------- */

static void pick_targets(Ctx *c) {
  sqlite3_stmt *s = prep(c->h, "SELECT min(id), max(id), count(*) FROM case_record WHERE org_id=?1");
  sqlite3_bind_int64(s, 1, c->orgId);
  if (sqlite3_step(s) != SQLITE_ROW) die("no cases", c->h);
  int64_t lo = sqlite3_column_int64(s, 0), hi = sqlite3_column_int64(s, 1);
  sqlite3_finalize(s);
  Rng r = rng_seed(42);
  for (int i = 0; i < BASELINE_RUNS; i++) c->aCaseId[i] = lo + (int64_t)(rng_next(&r) % (uint64_t)(hi - lo + 1));
  /* the first person of the case in the middle: the name and ID number searched for */
  s = prep(c->h, "SELECT name, id_number FROM case_person WHERE case_id=?1 ORDER BY id LIMIT 1");
  sqlite3_bind_int64(s, 1, lo + (hi - lo) / 2);
  if (sqlite3_step(s) != SQLITE_ROW) die("no person in the middle case", c->h);
  snprintf(c->zName, sizeof c->zName, "%s", (const char *)sqlite3_column_text(s, 0));
  snprintf(c->zIdNumber, sizeof c->zIdNumber, "%s", (const char *)sqlite3_column_text(s, 1));
  sqlite3_finalize(s);
  /* the trigram searches: from the first case after the middle whose first person has a 3-character name, 4
   * characters of its title from the second on, that name, and 8 digits from the middle of its ID number */
  s = prep(c->h,
           "SELECT substr(c.title, 2, 4), p.name, substr(p.id_number, 7, 8) FROM case_person p"
           " JOIN case_record c ON c.id = p.case_id WHERE p.case_id >= ?1 AND length(p.name) = 3"
           " AND p.id_number IS NOT NULL ORDER BY p.case_id LIMIT 1");
  sqlite3_bind_int64(s, 1, lo + (hi - lo) / 2);
  if (sqlite3_step(s) != SQLITE_ROW) die("no 3-character name after the middle case", c->h);
  snprintf(c->zTitleFrag, sizeof c->zTitleFrag, "%s", (const char *)sqlite3_column_text(s, 0));
  snprintf(c->zNameFrag, sizeof c->zNameFrag, "%s", (const char *)sqlite3_column_text(s, 1));
  snprintf(c->zIdFrag, sizeof c->zIdFrag, "%s", (const char *)sqlite3_column_text(s, 2));
  sqlite3_finalize(s);
  s = prep(c->h,
           "SELECT min(u.id) FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'prosecutor'"
           " WHERE u.org_id = ?1");
  sqlite3_bind_int64(s, 1, c->orgId);
  if (sqlite3_step(s) != SQLITE_ROW || sqlite3_column_type(s, 0) == SQLITE_NULL) die("no prosecutor", c->h);
  c->prosecutorId = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
}

static void usage(void) {
  fprintf(stderr,
          "usage: bench_cases [--cases N] [--runs N] [--budget SECONDS] [--today YYYY-MM-DD] [--keep] "
          "[--db PATH] [--pg URL]\n");
  exit(2);
}

int main(int argc, char **argv) {
  int nCases = 1000000, keep = 0;
  const char *zReuse = NULL, *zPg = NULL, *zToday = "2025-11-14";
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--cases") == 0 && i + 1 < argc) nCases = atoi(argv[++i]);
    else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) gMaxRuns = atoi(argv[++i]);
    else if (strcmp(argv[i], "--budget") == 0 && i + 1 < argc) gBudget = atof(argv[++i]);
    else if (strcmp(argv[i], "--today") == 0 && i + 1 < argc) zToday = argv[++i];
    else if (strcmp(argv[i], "--keep") == 0) keep = 1;
    else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) zReuse = argv[++i];
    else if (strcmp(argv[i], "--pg") == 0 && i + 1 < argc) zPg = argv[++i];
    else usage();
  }
  JwDate today;
  if ((zPg && !db_target_is_postgres(zPg)) || nCases < 100 || nCases > 20000000 || gMaxRuns < MIN_RUNS ||
      gMaxRuns > 10000 || gBudget <= 0 || gBudget > 600 || date_parse(zToday, strlen(zToday), &today) ||
      today < date_from_ymd(2024, 6, 1) || today > date_from_ymd(2026, 12, 31)) {
    fprintf(stderr,
            "bench_cases: --pg postgresql://..., --cases 100..20000000, --runs 3..10000, --budget 0..600, --today in "
            "2024-06-01..2026-12-31\n");
    return 2;
  }
  double tAll = now_s();
  char zDir[512] = "", zPath[600];
  if (zReuse) {
    snprintf(zPath, sizeof zPath, "%s", zReuse);
  } else {
    const char *zTmp = getenv("TMPDIR");
    snprintf(zDir, sizeof zDir, "%s/jianwu-bench-XXXXXX", zTmp && *zTmp ? zTmp : "/tmp");
    if (!mkdtemp(zDir)) die("cannot create a temporary directory", NULL);
    snprintf(zPath, sizeof zPath, "%s/bench.db", zDir);
    static const char *const azSuffix[] = {"", "-wal", "-shm", "-journal"};
    for (int i = 0; i < 4; i++) snprintf(azTmpFile[i], sizeof azTmpFile[i], "%s%s", zPath, azSuffix[i]);
    snprintf(zTmpDir, sizeof zTmpDir, "%s", zDir);
    tmpKeep = keep;
    atexit(tmp_remove);
    signal(SIGINT, tmp_on_signal);
    signal(SIGTERM, tmp_on_signal);
    signal(SIGHUP, tmp_on_signal);
    signal(SIGPIPE, tmp_on_signal);
  }
  Db *db = NULL;
  JwErr e;
  Ctx c;
  memset(&c, 0, sizeof c);
  snprintf(c.zToday, sizeof c.zToday, "%s", zToday);
  if (!zReuse) {
    printf("bench_cases: %d cases, today %s, database %s\n", nCases, zToday, zPath);
    fflush(stdout);
    if (db_open(zPath, DB_OPEN_CREATE, &db, &e)) {
      fprintf(stderr, "bench_cases: %s\n", e.message);
      return 1;
    }
    c.orgId = load_all(db, nCases, today);
    /* the search documents (migration 7's table) of the loaded cases, as the migration builds them */
    double tSearch = now_s();
    if (db_begin(db) || case_search_rebuild(db) || db_commit(db)) die("building the search documents", NULL);
    printf("load: search documents (case_search_rebuild, FTS5 trigram) %.1f s\n", now_s() - tSearch);
    db_close(db);
  } else {
    printf("bench_cases: existing database %s, today %s\n", zPath, zToday);
  }
  /* measure with the production connection settings */
  if (db_open(zPath, DB_OPEN_EXISTING, &db, &e)) {
    fprintf(stderr, "bench_cases: %s\n", e.message);
    return 1;
  }
  c.db = db;
  c.h = db_sqlite(db);
  if (zReuse) {
    sqlite3_stmt *s = prep(c.h, "SELECT min(id) FROM org");
    if (sqlite3_step(s) != SQLITE_ROW) die("no organisation", c.h);
    c.orgId = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
  }
  struct stat st;
  if (stat(zPath, &st) == 0) printf("database: %.0f MB\n", (double)st.st_size / 1048576.0);
  pick_targets(&c);
  printf("targets: org %lld, prosecutor %lld, name searched \"%s\", ID number searched %s\n", (long long)c.orgId,
         (long long)c.prosecutorId, c.zName, c.zIdNumber);
  printf("targets: trigram searches: title fragment \"%s\", name \"%s\", ID number fragment \"%s\"\n", c.zTitleFrag,
         c.zNameFrag, c.zIdFrag);
  printf("\n== latency (store call incl. JSON; up to %d runs or %.0f s each; baseline: %d runs of the bare query) ==\n",
         gMaxRuns, gBudget, BASELINE_RUNS);
  fflush(stdout);

  typedef struct Bench {
    const char *zName;
    RunFn fn;
    const char *zBase;
    BindFn bind;
    const char *zNote;
  } Bench;
  static const Bench aBench[] = {
      {"a  case_list first page", run_list_all, SQL_BASE_CASES, bind_org, "indexed first page of ids"},
      {"b1 case_list status=under_review", run_list_status, SQL_BASE_CASES, bind_org, "as a"},
      {"b2 case_list q=<person name>", run_list_name, SQL_BASE_CASES, bind_org, "as a"},
      {"b3 case_list q=<ID number>", run_list_id, SQL_BASE_CASES, bind_org, "as a"},
      {"b4 case_list prosecutor=<one>", run_list_mine, SQL_BASE_CASES, bind_org, "as a"},
      {"b5 case_list q=<title fragment>", run_list_title_frag, SQL_BASE_CASES, bind_org, "as a"},
      {"b6 case_list q=<ID number fragment>", run_list_id_frag, SQL_BASE_CASES, bind_org, "as a"},
      {"b7 case_list q=<3-character name>", run_list_name_frag, SQL_BASE_CASES, bind_org, "as a"},
      {"b8 case_list q=盗窃罪 (count capped)", run_list_common_frag, SQL_BASE_CASES, bind_org, "as a"},
      {"k1 unfiltered count, cap 10,000", run_count_10k, SQL_BASE_CASES, bind_org, "as a"},
      {"k2 unfiltered count, cap 100,000", run_count_100k, SQL_BASE_CASES, bind_org, "as a"},
      {"c  my overdue deadlines", run_my_overdue, SQL_BASE_OVERDUE, bind_org_pros_today,
       "indexed overdue ids of the prosecutor"},
      {"d1 deadline summary, one prosecutor", run_summary_mine, SQL_BASE_SUMMARY_MINE, bind_org_pros_today,
       "the same counts on deadline_prosecutor"},
      {"d2 deadline summary, whole office", run_summary_office, SQL_BASE_SUMMARY_OFFICE, bind_org_today,
       "the same counts on deadline_office_counts"},
      {"e  case_get (case page)", run_case_get, SQL_BASE_CASE, bind_org_case, "point lookup of the case row"},
  };
  enum { MAX_BENCH = 16 };
  int nBench = (int)(sizeof aBench / sizeof aBench[0]);
  Result aRes[2][MAX_BENCH];
  memset(aRes, 0, sizeof aRes);
  for (int i = 0; i < nBench && i < MAX_BENCH; i++) {
    aRes[0][i] = measure(&c, aBench[i].zName, aBench[i].fn, aBench[i].zBase, aBench[i].bind, aBench[i].zNote);
  }
  long aCount[2][N_COUNTS];
  memset(aCount, 0xff, sizeof aCount); /* -1: not counted */
  pick_count_targets(&c);
  count_all(&c, aCount[0]);

  printf("\n== writes ==\n");
  measure_recompute(&c);
  fflush(stdout);

  printf(
      "\n== statements and EXPLAIN QUERY PLAN (one profiled call each) ==\n"
      "Per statement: its own time, SQLite's counters for that execution (full-scan steps = rows stepped in full\n"
      "table scans; VM steps = bytecode instructions run, a measure of rows touched). Plan lines are flagged when a\n"
      "table or index is walked whole or over a whole-organisation range (this database holds one organisation, so\n"
      "that is every row); such a walk ends early only when a LIMIT is reached with no sort after it.\n");
  for (int i = 0; i < nBench; i++) profile(&c, aBench[i].zName, aBench[i].fn, aBench[i].zBase);
  profile(&c, "w  recompute: the open deadline rows", run_open_clocks, aAlt[13].zSql);

  printf("\n== query shapes suggested in docs/benchmarks.md (plain SQL on the same data; up to %d runs or 1.5 s) ==\n",
         BASELINE_RUNS);
  for (size_t i = 0; i < sizeof aAlt / sizeof aAlt[0]; i++) {
    int rows, n;
    double ms = measure_sql(&c, aAlt[i].zSql, aAlt[i].bind, 1.5, &rows, &n);
    printf("for %-4s %-46s median %9.3f ms  (%d runs, %d rows)\n", aAlt[i].zFor, aAlt[i].zName, ms, n, rows);
    printf("      %s\n", aAlt[i].zSql);
    print_plan(c.h, aAlt[i].zSql);
  }
  check_alternatives(&c);
  for (int k = 0; k < nPlanned; k++) sqlite3_free(azPlanned[k]);

  db_close(db);

  /* the same store calls on PostgreSQL, on the same rows */
  int pgMeasured = 0;
  if (zPg) {
    char *zShown = db_target_display(zPg);
    printf("\n== PostgreSQL %s: the same rows, the same store calls ==\n", zShown);
    free(zShown);
    fflush(stdout);
    PgLoadStats ls;
    char zErr[1024];
    if (pg_load(zPath, zPg, &ls, zErr, sizeof zErr)) {
      fprintf(stderr, "bench_cases: loading PostgreSQL: %s\n", zErr);
      c.failed = 1;
    } else {
      printf(
          "load: %lld rows of %d tables: schema %.1f s, COPY %.1f s (%.0f rows/s), %d secondary indexes re-created in "
          "%.1f s, VACUUM (ANALYZE) %.1f s, sequences %.2f s; %.1f s in all\n",
          (long long)ls.nRows, ls.nTables, ls.tSchema, ls.tCopy, ls.tCopy > 0 ? (double)ls.nRows / ls.tCopy : 0.0,
          ls.nIndexes, ls.tIndex, ls.tAnalyze, ls.tSeq, ls.tSchema + ls.tCopy + ls.tIndex + ls.tAnalyze + ls.tSeq);
      printf("load: index builds: %s\n", ls.zIndexTimes);
      printf("\n== latency on PostgreSQL (as above; baseline: the same bare query through db_prepare/db_step) ==\n");
      fflush(stdout);
      Db *pdb = NULL;
      if (db_open(zPg, DB_OPEN_EXISTING, &pdb, &e)) {
        fprintf(stderr, "bench_cases: %s\n", e.message);
        c.failed = 1;
      } else {
        Ctx p = c;
        p.db = pdb;
        p.h = NULL;
        for (int i = 0; i < nBench && i < MAX_BENCH; i++) {
          aRes[1][i] = measure(&p, aBench[i].zName, aBench[i].fn, aBench[i].zBase, aBench[i].bind, aBench[i].zNote);
        }
        count_all(&p, aCount[1]);
        c.failed |= p.failed;
        db_close(pdb);
        pgMeasured = 1;
      }
    }
  }

  printf("\n== statements per call (SQLite: statements run; PostgreSQL: round trips; after a warm-up call) ==\n");
  printf("%-34s %8s %12s\n", "call", "SQLite", "PostgreSQL");
  for (int i = 0; i < N_COUNTS; i++) {
    char zPgCount[16] = "-";
    if (pgMeasured) snprintf(zPgCount, sizeof zPgCount, "%ld", aCount[1][i]);
    printf("%-34s %8ld %12s\n", azCountName[i], aCount[0][i], zPgCount);
  }
  printf("(most persons among the %d measured cases: %d)\n", BASELINE_RUNS, aCountCase[2].nPersons);

  if (pgMeasured) {
    printf(
        "\n== SQLite and PostgreSQL side by side (medians in ms; x base = median / that backend's baseline median) "
        "==\n");
    printf("%-40s %10s %8s %12s %8s %10s\n", "line", "SQLite", "x base", "PostgreSQL", "x base", "PG/SQLite");
    for (int i = 0; i < nBench && i < MAX_BENCH; i++) {
      Result *a = &aRes[0][i], *b = &aRes[1][i];
      if (!a->ok || !b->ok) {
        printf("%-40s %s\n", aBench[i].zName, "(failed)");
        continue;
      }
      printf("%-40s %10.3f %8.1f %12.3f %8.1f %10.2f\n", aBench[i].zName, a->med, a->base > 0 ? a->med / a->base : 0,
             b->med, b->base > 0 ? b->med / b->base : 0, a->med > 0 ? b->med / a->med : 0);
    }
  }
  if (!zReuse && keep) printf("\nkept %s\n", zPath);
  tmp_remove(); /* also at exit; removing twice is harmless */
  printf("\nbench_cases: %.0f s in all%s\n", now_s() - tAll, c.failed ? "; FAILED (see above)" : "");
  return c.failed ? 1 : 0;
}
