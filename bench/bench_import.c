/* bench_import.c: import throughput (issue 12 §4): a generated GB18030 CSV of driving-licence records (default
 * 1,000,000 rows, valid 18-digit ID numbers, dates as 2025/3/5, statuses in Chinese) through the whole import use case
 * (app/imports.h: hash, encoding detection, libcsv, iconv, mapping, per-row validation and normalisation, natural-key
 * insert, one transaction), against its baseline in the same run: a bare prepared-INSERT loop writing the same rows'
 * values (already as the import stores them) into licence_record of another fresh database, in one transaction.
 *
 *   build/release/bench/bench_import [--rows N]
 *
 * Prints both wall times, rows per second and the ratio baseline/import (the import's share of the bare loop's
 * throughput; the target is at least 0.5). SQLite in a temporary directory, removed at the end. Exit 0 when the import
 * accepted every row. */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/accounts.h"
#include "app/imports.h"
#include "core/date.h"
#include "core/idcard.h"
#include "lib/buf.h"
#include "store/db.h"
#include "store/import_store.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Row i's ID number (valid, unique for i < 20,000,000) and birth date. */
static void row_id(long i, char zId[19], char zBirth[11]) {
  JwDate d = date_from_ymd(1950, 1, 1) + (JwDate)(i % 20000);
  int y, m, dd;
  date_to_ymd(d, &y, &m, &dd);
  snprintf(zId, 19, "110105%04d%02d%02d%03ld", y, m, dd, (i / 20000) % 1000);
  zId[17] = idcard_check_char(zId);
  zId[18] = 0;
  date_format(d, zBirth);
}

static int open_db(const char *zPath, Db **pDb, int64_t *pOrg) {
  JwErr e;
  if (db_open(zPath, DB_OPEN_CREATE, pDb, &e)) {
    fprintf(stderr, "bench_import: %s\n", e.message);
    return -1;
  }
  if (accounts_org_bootstrap(*pDb, "bench", "基准检察院", "county", NULL, pOrg, &e)) {
    fprintf(stderr, "bench_import: %s\n", e.message);
    return -1;
  }
  return 0;
}

int main(int argc, char **argv) {
  long nRows = 1000000;
  for (int i = 1; i + 1 < argc; i++) {
    if (strcmp(argv[i], "--rows") == 0) nRows = strtol(argv[i + 1], NULL, 10);
  }
  if (nRows < 1 || nRows > 20000000) {
    fprintf(stderr, "bench_import: --rows must be 1..20000000\n");
    return 2;
  }
  char zDir[] = "/tmp/jw-bench-import-XXXXXX";
  if (!mkdtemp(zDir)) return 1;
  char zCsv[128], zDbA[128], zDbB[128];
  snprintf(zCsv, sizeof zCsv, "%s/licence.csv", zDir);
  snprintf(zDbA, sizeof zDbA, "%s/import.db", zDir);
  snprintf(zDbB, sizeof zDbB, "%s/bare.db", zDir);

  /* the file: UTF-8 text converted to GB18030 in 1 MiB pieces (whole rows) */
  double t0 = now_s();
  FILE *f = fopen(zCsv, "wb");
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  Buf b = BUF_INIT;
  char *zOut = malloc(8u << 20);
  buf_puts(&b, "序号,驾驶人姓名,公民身份号码,准驾车型,驾驶证状态,状态日期,发证机关\r\n");
  for (long i = 0; i <= nRows; i++) {
    if (i < nRows) {
      char zId[19], zBirth[11];
      row_id(i, zId, zBirth);
      buf_printf(&b, "%ld,张%ld,%s,C1,%s,2025/3/%d,西安市公安局交通警察支队车辆管理所\r\n", i + 1, i, zId,
                 i % 3 ? "正常" : "吊销", (int)(i % 28) + 1);
    }
    if (b.n > (1u << 20) || i == nRows) {
      char *pIn = b.z, *pOut = zOut;
      size_t nIn = b.n, nOut = 8u << 20;
      if (iconv(cd, &pIn, &nIn, &pOut, &nOut) == (size_t)-1) return 1;
      fwrite(zOut, 1, (size_t)(pOut - zOut), f);
      buf_reset(&b);
    }
  }
  double mb = (double)ftell(f) / 1e6;
  fclose(f);
  iconv_close(cd);
  free(zOut);
  buf_free(&b);
  double tGen = now_s() - t0;

  /* the import */
  Db *a = NULL, *bare = NULL;
  int64_t orgA = 0, orgB = 0;
  if (open_db(zDbA, &a, &orgA) || open_db(zDbB, &bare, &orgB)) return 1;
  Actor op = {.userId = 0, .orgId = orgA, .zLogin = "bench", .perms = 0xFFFFFFFFu};
  ImportRequest rq = {.zKind = "licence", .zSource = "交警", .zPath = zCsv};
  ImportResult res;
  JwErr e;
  t0 = now_s();
  if (imports_run(a, &op, &rq, &res, &e)) {
    fprintf(stderr, "bench_import: %s\n", e.message);
    return 1;
  }
  double tImport = now_s() - t0;

  /* the baseline: the same rows' values, prepared INSERT per row, one transaction */
  t0 = now_s();
  if (db_begin(bare)) return 1;
  ImportBatchRow br = {.orgId = orgB,
                       .zKind = "licence",
                       .zSource = "交警",
                       .zFileName = "licence.csv",
                       .zFileHash = "0",
                       .fileBytes = 0,
                       .zFormat = "csv",
                       .zEncoding = "gb18030",
                       .zCreatedAt = "2026-01-01T00:00:00Z"};
  int64_t batch = import_store_batch_insert(bare, &br);
  for (long i = 0; i < nRows && batch > 0; i++) {
    char zId[19], zBirth[11], zName[32], zOn[11], zKey[64];
    row_id(i, zId, zBirth);
    snprintf(zName, sizeof zName, "张%ld", i);
    snprintf(zOn, sizeof zOn, "2025-03-%02d", (int)(i % 28) + 1);
    const char *zStatus = i % 3 ? "valid" : "revoked";
    snprintf(zKey, sizeof zKey, "L|%s|%s|%s", zId, zStatus, zOn);
    Stmt *s = db_prepare(bare,
                         "INSERT INTO licence_record(org_id, batch_id, row_no, id_number, id_number_raw, name,"
                         " birth_date, licence_number, licence_class, status, status_on, agency_name, natural_key)"
                         " VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?4, 'C1', ?7, ?8, ?9, ?10)");
    db_bind_int(s, 1, orgB);
    db_bind_int(s, 2, batch);
    db_bind_int(s, 3, i + 2);
    db_bind_text(s, 4, zId);
    db_bind_text(s, 5, zName);
    db_bind_text(s, 6, zBirth);
    db_bind_text(s, 7, zStatus);
    db_bind_text(s, 8, zOn);
    db_bind_text(s, 9, "西安市公安局交通警察支队车辆管理所");
    db_bind_text(s, 10, zKey);
    if (db_step(s) != DB_DONE) return 1;
    db_done(s);
  }
  if (db_commit(bare)) return 1;
  double tBare = now_s() - t0;
  db_close(a);
  db_close(bare);

  printf("bench_import: %ld rows, GB18030 CSV of %.1f MB generated in %.2f s\n", nRows, mb, tGen);
  printf("  import (whole use case):   %.2f s  %.0f rows/s  accepted %ld, rejected %ld\n", tImport, nRows / tImport,
         res.rowsAccepted, res.rowsRejected);
  printf("  bare prepared-insert loop: %.2f s  %.0f rows/s\n", tBare, nRows / tBare);
  printf("  ratio (import throughput / bare): %.2f (target >= 0.5)\n", tBare / tImport);
  char zCmd[160];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", zDir);
  if (system(zCmd) != 0) return 1;
  return res.rowsAccepted == nRows ? 0 : 1;
}
