/* cmd_import.c: jianwu import --db DB --kind KIND [--source NAME] [--mapping NAME|SPEC] [--sheet NAME] [--org CODE]
 * FILE: one agency data file imported through the import use case (app/imports.h), as the upload page does. On a
 * terminal a progress bar runs on stderr; the result (rows accepted, duplicate, rejected, the first rejections with
 * their row, column and reason) goes to stdout. Exit 0 when imported (rejected rows included) or already imported,
 * 2 for bad usage or a file refused (nothing written), 1 for any other failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/imports.h"
#include "cli/cli.h"
#include "core/roles.h"
#include "store/accounts_store.h"
#include "store/import_store.h"

#define IMPORT_CLI_REJECTIONS 20 /* rejections printed; the rest are in the report (web page, XLSX) */

typedef struct Bar {
  int last; /* the last percentage drawn */
} Bar;

static void draw_bar(void *pCtx, uint64_t done, uint64_t total) {
  Bar *b = pCtx;
  int pct = total ? (int)(done * 100 / total) : 0;
  if (pct > 100) pct = 100;
  if (pct == b->last) return;
  b->last = pct;
  char zBar[41];
  int k = pct * 40 / 100;
  memset(zBar, '#', (size_t)k);
  memset(zBar + k, '.', (size_t)(40 - k));
  zBar[40] = 0;
  fprintf(stderr, "\r导入中 [%s] %3d%%", zBar, pct);
  fflush(stderr);
}

int cmd_import(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    printf(
        "用法: jianwu import --db FILE|URL --kind licence|penalty [--source NAME] [--mapping NAME|字段=列名,...]\n"
        "                    [--sheet NAME] [--org CODE] FILE\n\n"
        "导入其他机关的数据文件（CSV：UTF-8 或 GB18030/GBK；XLSX：第一张或指定的工作表）。\n"
        "  --kind     licence（驾驶证信息）或 penalty（行政处罚信息）\n"
        "  --source   数据来源（如“某县公安局交警大队”）；列映射按来源保存，下次同来源的文件无需再指定\n"
        "  --mapping  使用另一来源保存的映射，或直接写出映射，如 id_number=证件号码,status=状态\n"
        "  --org      本院代码（数据库中只有一个机构时可省略）\n"
        "同一文件重复导入不会重复写入；文件无法读取、表头缺少必需列或超过限制（2 GB、1000 万行）时什么也不写入。\n");
    return 0;
  }
  static const char *const known[] = {"db", "kind", "source", "mapping", "sheet", "org", NULL};
  static const char *const flags[] = {NULL};
  char *aPos[1];
  int nPos;
  if (cli_parse(argc, argv, known, flags, aPos, 1, &nPos)) return 2;
  const char *zKind = cli_option(argc, argv, "kind");
  if (nPos != 1 || !zKind) {
    fprintf(stderr, "用法: jianwu import --db FILE|URL --kind licence|penalty [--source NAME] FILE\n");
    return 2;
  }
  const char *zDb = cli_db(argc, argv);
  if (!zDb) {
    fprintf(stderr, "jianwu import: --db FILE|URL is required (or JIANWU_DB)\n");
    return 2;
  }
  Db *db = NULL;
  JwErr e;
  if (db_open(zDb, DB_OPEN_EXISTING, &db, &e)) {
    fprintf(stderr, "jianwu import: %s\n", e.message);
    return 1;
  }
  const char *zOrg = cli_option(argc, argv, "org");
  int64_t orgId = zOrg ? org_store_id_by_code(db, zOrg) : import_store_single_org(db);
  if (orgId <= 0) {
    if (zOrg) fprintf(stderr, "jianwu import: 没有代码为 %s 的机构\n", zOrg);
    else fprintf(stderr, "jianwu import: 数据库中没有机构或有多个机构，请用 --org CODE 指定本院\n");
    db_close(db);
    return 2;
  }
  Actor op = {.userId = 0, .orgId = orgId, .zLogin = "cli", .perms = 0xFFFFFFFFu, .departmentId = 0};
  Bar bar = {-1};
  int tty = isatty(STDERR_FILENO);
  ImportRequest rq = {.zKind = zKind,
                      .zSource = cli_option(argc, argv, "source"),
                      .zMapping = cli_option(argc, argv, "mapping"),
                      .zSheet = cli_option(argc, argv, "sheet"),
                      .zPath = aPos[0],
                      .xProgress = tty ? draw_bar : NULL,
                      .pProgressCtx = &bar};
  ImportResult res;
  int rc = imports_run(db, &op, &rq, &res, &e);
  if (tty && bar.last >= 0) fprintf(stderr, "\n");
  if (rc) {
    if (e.field[0]) fprintf(stderr, "jianwu import: %s (%s)\n", e.message, e.field);
    else fprintf(stderr, "jianwu import: %s\n", e.message);
    fprintf(stderr, "jianwu import: 未写入任何数据\n");
    db_close(db);
    return e.status >= 400 && e.status < 500 ? 2 : 1;
  }
  if (res.alreadyImported) {
    printf("该文件已导入过（批次 %lld，SHA-256 %s），未重复写入\n", (long long)res.batchId, res.zHash);
    db_close(db);
    return 0;
  }
  printf("批次 %lld：%s，%s；数据行 %ld，接收 %ld，重复 %ld，拒收 %ld\n", (long long)res.batchId, res.zFormat,
         res.zEncoding, res.rowsTotal, res.rowsAccepted, res.rowsDuplicate, res.rowsRejected);
  if (res.idMissing)
    printf("其中 %ld 行公民身份号码缺失或无效：仅能按姓名和出生日期作为待人工确认的候选比对\n", res.idMissing);
  json_t *b = import_store_batch_get(db, orgId, res.batchId, IMPORT_CLI_REJECTIONS);
  json_t *a = b ? json_object_get(b, "rejections") : NULL;
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) {
    printf("  第 %lld 行 [%s] %s\n", (long long)json_integer_value(json_object_get(v, "row")),
           json_string_value(json_object_get(v, "column")), json_string_value(json_object_get(v, "reason")));
  }
  if (res.rowsRejected > IMPORT_CLI_REJECTIONS) printf("  ……（完整的校验报告见网页或其 XLSX 下载）\n");
  json_decref(b);
  db_close(db);
  return 0;
}
