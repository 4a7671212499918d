/* bench_export.c: the Excel export of 100,000 cases (store_export streaming each row into the xlsx writer, as
 * GET /api/v1/cases/export.xlsx does) against its baseline, the JSON list of the same rows (case_store_list with a
 * page of 100,000 and json_dumps, the same query and the same row objects), on SQLite.
 *
 *   build/release/bench/bench_export [--cases N] [--runs N]
 *
 * Builds a fresh database in a temporary directory through the real schema, with one office and N cases (default
 * 100,000, the export's cap), each with one person, loaded by one INSERT ... SELECT of a recursive count. Each
 * measurement runs in a child process of its own (fork), --runs times (default 3): the time is the child's wall
 * time and CPU time (user + system), the peak RSS its ru_maxrss (wait4), so the two paths' memory is measured apart.
 * Printed: median wall and CPU time, peak RSS, file or text size, and the ratios export / JSON. The temporary directory
 * is removed at the end. Exit status 0 when every run produced its N rows. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/accounts.h"
#include "lib/timeutil.h"
#include "store/case_store.h"
#include "store/db.h"
#include "store/store_util.h"
#include "web/xlsx_export.h"
#include "web/api_export.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* What a child reports through its pipe. */
typedef struct Result {
  int64_t rows;
  uint64_t bytes;
} Result;

/* The export: every case through store_export into the xlsx writer; the file's size. */
static Result run_export(Db *db, int64_t orgId, const char *zToday) {
  Result res = {-1, 0};
  JwErr e;
  XlsxExport *x = xlsx_export_open(&export_cases.list, &e);
  if (!x) return res;
  StoreExport sink = {.xRow = xlsx_export_row, .ctx = x};
  CaseFilter f = {.orgId = orgId, .zToday = zToday, .pExport = &sink};
  json_t *out = case_store_list(db, &f);
  if (!out || json_object_get(out, "too_many")) {
    json_decref(out);
    xlsx_export_abort(x);
    return res;
  }
  json_decref(out);
  char zAt[32];
  time_now_iso(zAt);
  XlsxNotes notes = {"基准院", "全部", "bench", zAt};
  int64_t rows = xlsx_export_rows(x);
  int fd;
  uint64_t size;
  if (xlsx_export_finish(x, &notes, &fd, &size, &e)) return res;
  close(fd);
  res.rows = rows;
  res.bytes = size;
  return res;
}

/* The baseline: the same rows as one JSON list (a page of every row) and its text. */
static Result run_json(Db *db, int64_t orgId, const char *zToday, int n) {
  Result res = {-1, 0};
  CaseFilter f = {.orgId = orgId, .zToday = zToday, .limit = n, .offset = 0};
  json_t *page = case_store_list(db, &f);
  if (!page) return res;
  char *z = json_dumps(page, JSON_COMPACT);
  res.rows = (int64_t)json_array_size(json_object_get(page, "items"));
  res.bytes = z ? strlen(z) : 0;
  free(z);
  json_decref(page);
  return res;
}

/* Runs one measurement in a child: its wall time, peak RSS (KiB) and result. 0, or -1 when the child failed. */
static int measure(const char *zDb, int64_t orgId, const char *zToday, int n, int isExport, double *pSec, double *pCpu,
                   long *pRssKb, Result *pRes) {
  int fds[2];
  if (pipe(fds)) return -1;
  double t0 = now_s();
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    close(fds[0]);
    Db *db;
    JwErr e;
    Result r = {-1, 0};
    if (db_open(zDb, DB_OPEN_EXISTING, &db, &e) == 0) {
      r = isExport ? run_export(db, orgId, zToday) : run_json(db, orgId, zToday, n);
      db_close(db);
    }
    ssize_t w = write(fds[1], &r, sizeof r);
    _exit(w == (ssize_t)sizeof r ? 0 : 1);
  }
  close(fds[1]);
  Result r = {-1, 0};
  ssize_t got = read(fds[0], &r, sizeof r);
  close(fds[0]);
  int status;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  *pSec = now_s() - t0;
  *pCpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
          (double)ru.ru_stime.tv_usec / 1e6;
  *pRssKb = ru.ru_maxrss;
  *pRes = r;
  return got == (ssize_t)sizeof r ? 0 : -1;
}

int main(int argc, char **argv) {
  int nCases = 100000, runs = 3;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--cases") == 0 && i + 1 < argc) nCases = atoi(argv[++i]);
    else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = atoi(argv[++i]);
    else {
      fprintf(stderr, "usage: bench_export [--cases N] [--runs N]\n");
      return 2;
    }
  }
  if (nCases < 1 || nCases > STORE_EXPORT_MAX || runs < 1 || runs > 50) {
    fprintf(stderr, "bench_export: --cases 1..%d, --runs 1..50\n", STORE_EXPORT_MAX);
    return 2;
  }
  const char *zTmp = getenv("TMPDIR");
  char zDir[512], zDb[600];
  snprintf(zDir, sizeof zDir, "%s/jianwu-bench-export-XXXXXX", zTmp && *zTmp ? zTmp : "/tmp");
  if (!mkdtemp(zDir)) return 1;
  snprintf(zDb, sizeof zDb, "%s/bench.db", zDir);
  Db *db;
  JwErr e;
  int64_t orgId;
  accounts_use_cheap_hashing_for_tests();
  if (db_open(zDb, DB_OPEN_CREATE, &db, &e) ||
      accounts_org_bootstrap(db, "bench", "基准县人民检察院", "county", NULL, &orgId, &e)) {
    fprintf(stderr, "bench_export: %s\n", e.message);
    return 1;
  }
  double t0 = now_s();
  char zSql[2048];
  /* N cases received over ten years, every status, with hostile-looking and long titles among them; one person each */
  snprintf(zSql, sizeof zSql,
           "BEGIN;"
           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
           " INSERT INTO case_record(org_id, case_number, case_type, title, source_agency, source_number, received_on,"
           " status, major_complex, prior_returns, concluded_on, created_at, updated_at)"
           " SELECT %lld, '基检刑诉受〔' || (2016 + i %% 10) || '〕' || i || '号', 'prosecution_review',"
           " CASE WHEN i %% 97 = 0 THEN '=HYPERLINK(\"x\")' ELSE '王某' || i || '等盗窃案' END, '基准县公安局',"
           " '基公刑诉字〔2025〕' || i || '号', date('2016-01-01', '+' || (i %% 3650) || ' days'),"
           " CASE i %% 4 WHEN 0 THEN 'under_review' WHEN 1 THEN 'concluded' WHEN 2 THEN 'archived' ELSE 'returned' END,"
           " i %% 7 = 0, i %% 3, CASE WHEN i %% 4 = 1 THEN date('2016-02-01', '+' || (i %% 3650) || ' days') END,"
           " '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM n;"
           "INSERT INTO case_person(org_id, case_id, name, custody, plea)"
           " SELECT org_id, id, '王某' || id, 'bail', 1 FROM case_record;"
           "COMMIT;",
           nCases, (long long)orgId);
  if (db_exec(db, zSql)) {
    fprintf(stderr, "bench_export: load failed: %s\n", db_errmsg(db));
    return 1;
  }
  db_close(db);
  char zToday[11];
  time_today_china(zToday);
  printf("== bench_export: %d cases, %d runs each (child processes; RSS = peak of the child) ==\n", nCases, runs);
  printf("load: %.1f s\n", now_s() - t0);
  double aSec[2][50], aCpu[2][50];
  long aRss[2][50];
  Result aRes[2];
  int ok = 1;
  for (int r = 0; r < runs; r++) {
    for (int k = 0; k < 2; k++) {
      Result res;
      if (measure(zDb, orgId, zToday, nCases, k == 0, &aSec[k][r], &aCpu[k][r], &aRss[k][r], &res) ||
          res.rows != nCases) {
        fprintf(stderr, "bench_export: %s run %d failed (rows %lld)\n", k ? "json" : "export", r, (long long)res.rows);
        ok = 0;
      }
      aRes[k] = res;
    }
  }
  double med[2], cpu[2];
  long rss[2];
  for (int k = 0; k < 2; k++) {
    double s[50];
    memcpy(s, aSec[k], sizeof(double) * (size_t)runs);
    qsort(s, (size_t)runs, sizeof s[0], cmp_double);
    med[k] = s[runs / 2];
    memcpy(s, aCpu[k], sizeof(double) * (size_t)runs);
    qsort(s, (size_t)runs, sizeof s[0], cmp_double);
    cpu[k] = s[runs / 2];
    rss[k] = 0;
    for (int r = 0; r < runs; r++)
      if (aRss[k][r] > rss[k]) rss[k] = aRss[k][r];
  }
  printf("%-36s %9s %9s %13s %11s\n", "", "wall s", "CPU s", "peak RSS MiB", "output MiB");
  printf("%-36s %9.2f %9.2f %13.1f %11.1f\n", "xlsx export (store_export + writer)", med[0], cpu[0], rss[0] / 1024.0,
         aRes[0].bytes / 1048576.0);
  printf("%-36s %9.2f %9.2f %13.1f %11.1f\n", "baseline: JSON list of the same rows", med[1], cpu[1], rss[1] / 1024.0,
         aRes[1].bytes / 1048576.0);
  printf("ratio export / JSON: wall %.2f, CPU %.2f, peak RSS %.2f\n", med[0] / med[1], cpu[0] / cpu[1],
         (double)rss[0] / (double)rss[1]);
  char zCmd[600];
  snprintf(zCmd, sizeof zCmd, "rm -rf '%s'", zDir);
  if (system(zCmd) != 0) ok = 0;
  return ok ? 0 : 1;
}
