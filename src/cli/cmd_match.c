/* cmd_match.c: jianwu match --db DB --model CODE [--org CODE]: runs a data-matching model (app/leads.h) as the
 * API's run does, recorded as a "cli" run. Prints the run's counts; exit 0 when run, 2 for bad usage or an unknown
 * model, 1 for any other failure. */
#include <stdio.h>
#include <string.h>

#include "app/leads.h"
#include "cli/cli.h"
#include "store/accounts_store.h"
#include "store/import_store.h"

int cmd_match(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    printf(
        "用法: jianwu match --db FILE|URL --model CODE [--org CODE]\n\n"
        "运行大数据法律监督模型（如 drunk_licence：醉驾未吊销驾驶证），把发现的线索写入本院线索库。\n"
        "同一线索重复运行不会重复写入；每次运行都有记录（输入批次及其文件哈希、条数、用时）。\n"
        "  --org  本院代码（数据库中只有一个机构时可省略）\n");
    return 0;
  }
  static const char *const known[] = {"db", "model", "org", NULL};
  static const char *const flags[] = {NULL};
  char *aPos[1];
  int nPos;
  if (cli_parse(argc, argv, known, flags, aPos, 1, &nPos)) return 2;
  const char *zModel = cli_option(argc, argv, "model");
  const char *zDb = cli_db(argc, argv);
  if (nPos != 0 || !zModel || !zDb) {
    fprintf(stderr, "用法: jianwu match --db FILE|URL --model CODE [--org CODE]\n");
    return 2;
  }
  Db *db = NULL;
  JwErr e;
  if (db_open(zDb, DB_OPEN_EXISTING, &db, &e)) {
    fprintf(stderr, "jianwu match: %s\n", e.message);
    return 1;
  }
  const char *zOrg = cli_option(argc, argv, "org");
  int64_t orgId = zOrg ? org_store_id_by_code(db, zOrg) : import_store_single_org(db);
  if (orgId <= 0) {
    if (zOrg) fprintf(stderr, "jianwu match: 没有代码为 %s 的机构\n", zOrg);
    else fprintf(stderr, "jianwu match: 数据库中没有机构或有多个机构，请用 --org CODE 指定本院\n");
    db_close(db);
    return 2;
  }
  Actor op = {.userId = 0, .orgId = orgId, .zLogin = "cli", .perms = 0xFFFFFFFFu, .departmentId = 0};
  json_t *run = NULL;
  if (leads_run(db, &op, 0, zModel, "cli", &run, &e)) {
    fprintf(stderr, "jianwu match: %s\n", e.message);
    db_close(db);
    return e.status >= 400 && e.status < 500 ? 2 : 1;
  }
  printf("模型 %s 运行 %lld：比对 %lld 条，线索 %lld 条（新增 %lld），待确认比对对象新增 %lld，用时 %lld 毫秒\n",
         zModel, (long long)json_integer_value(json_object_get(run, "id")),
         (long long)json_integer_value(json_object_get(run, "rows_matched")),
         (long long)json_integer_value(json_object_get(run, "leads_found")),
         (long long)json_integer_value(json_object_get(run, "leads_new")),
         (long long)json_integer_value(json_object_get(run, "candidates_new")),
         (long long)json_integer_value(json_object_get(run, "duration_ms")));
  json_decref(run);
  db_close(db);
  return 0;
}
