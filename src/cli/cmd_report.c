/* cmd_report.c: jianwu report (issue 11 §5): an office's indicator report for a period, as .xlsx, .csv or JSON.
 *
 * `jianwu report --db DB --from DATE --to DATE [--org CODE] [--by department|prosecutor] --format xlsx|csv|json
 * --out FILE`: the office's report (scope office: with the offices below it), computed as the web's
 * GET /api/v1/stats/report computes it (app/stats.c), written by app/stats_export.c. A progress bar on stderr when it
 * is a terminal. Exit 0, 1 on failure, 2 on bad usage. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/stats.h"
#include "app/stats_export.h"
#include "cli/cli.h"
#include "core/roles.h"
#include "store/db.h"
#include "store/stat_store.h"

static void progress(int done, int total, void *ctx) {
  (void)ctx;
  int width = 30, n = total ? done * width / total : width;
  fprintf(stderr, "\r统计中 [%.*s%*s] %d/%d", n, "##############################", width - n, "", done, total);
  if (done == total) fputc('\n', stderr);
  fflush(stderr);
}

int cmd_report(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    printf(
        "用法: jianwu report --db DB --from DATE --to DATE [--org CODE] [--by department|prosecutor]\n"
        "                    --format xlsx|csv|json --out FILE\n\n"
        "输出本院（含下级院）在该期间的统计指标报表，含同比、环比（口径见 docs/indicators.md）。\n"
        "  --org CODE   机构编码；缺省为最上级机构\n"
        "  --by         按部门或按检察官分列\n");
    return 0;
  }
  static const char *const known[] = {"db", "from", "to", "org", "by", "format", "out", NULL};
  static const char *const flags[] = {NULL};
  char *aPos[1];
  int nPos;
  if (cli_parse(argc, argv, known, flags, aPos, 1, &nPos)) return 2;
  const char *zDb = cli_db(argc, argv), *zFrom = cli_option(argc, argv, "from"), *zTo = cli_option(argc, argv, "to");
  const char *zFormat = cli_option(argc, argv, "format"), *zOut = cli_option(argc, argv, "out");
  const char *zBy = cli_option(argc, argv, "by"), *zOrg = cli_option(argc, argv, "org");
  JwDate from, to;
  StatsQuery q = {.scope = STATS_SCOPE_OFFICE};
  if (nPos || !zDb || !zFrom || !zTo || !zFormat || !zOut) {
    fprintf(stderr, "jianwu report: --db, --from, --to, --format and --out are required (jianwu report --help)\n");
    return 2;
  }
  if (strlen(zFrom) != 10 || date_parse(zFrom, 10, &from) || strlen(zTo) != 10 || date_parse(zTo, 10, &to) ||
      stat_period_from_range(from, to, &q.period)) {
    fprintf(stderr, "jianwu report: --from and --to must be YYYY-MM-DD days, from <= to\n");
    return 2;
  }
  if (zBy && strcmp(zBy, "department") == 0) q.by = STATS_BY_DEPARTMENT;
  else if (zBy && strcmp(zBy, "prosecutor") == 0) q.by = STATS_BY_PROSECUTOR;
  else if (zBy) {
    fprintf(stderr, "jianwu report: --by must be department or prosecutor\n");
    return 2;
  }
  int fmt = strcmp(zFormat, "xlsx") == 0 ? 0 : strcmp(zFormat, "csv") == 0 ? 1 : strcmp(zFormat, "json") == 0 ? 2 : -1;
  if (fmt < 0) {
    fprintf(stderr, "jianwu report: --format must be xlsx, csv or json\n");
    return 2;
  }
  Db *db = NULL;
  JwErr e;
  if (db_open(zDb, DB_OPEN_EXISTING, &db, &e)) {
    fprintf(stderr, "jianwu report: %s\n", e.message);
    return e.status == 404 ? 2 : 1;
  }
  int64_t orgId = stat_store_org_id(db, zOrg);
  if (orgId <= 0) {
    fprintf(stderr, "jianwu report: %s\n", orgId < 0 ? db_errmsg(db) : "no such office (--org)");
    db_close(db);
    return orgId < 0 ? 1 : 2;
  }
  /* the command line acts for the office as its 案管 would: office-wide figures */
  Actor actor = {.userId = 0, .orgId = orgId, .zLogin = "cli", .perms = PERM_STATS_READ | PERM_CASE_REGISTER};
  if (isatty(2)) q.xProgress = progress;
  json_t *report = NULL;
  int rc = 0;
  if (stats_report(db, &actor, &q, &report, &e)) {
    fprintf(stderr, "jianwu report: %s\n", e.message);
    rc = 1;
  } else if (fmt == 0) {
    if (stats_export_xlsx(report, zOut, &e)) rc = 1;
  } else {
    FILE *f = fopen(zOut, "wb");
    if (!f) {
      perror(zOut);
      rc = 1;
    } else {
      if (fmt == 1 ? stats_export_csv(report, f, &e) : json_dumpf(report, f, JSON_INDENT(1))) rc = 1;
      if (fclose(f)) rc = 1;
    }
  }
  if (rc && report) fprintf(stderr, "jianwu report: cannot write %s\n", zOut);
  json_decref(report);
  db_close(db);
  return rc;
}
