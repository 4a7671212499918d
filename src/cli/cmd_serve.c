/* cmd_serve.c: jianwu serve: run the web server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "lib/log.h"
#include "store/db.h"
#include "web/server.h"

int cmd_serve(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    printf(
        "用法: jianwu serve --db FILE|URL [--listen 127.0.0.1:8080] [--threads 4] [--access-log FILE] [--per-client "
        "32]\n"
        "                   [--quiet]\n\n"
        "在 --listen 地址上提供网页界面和 /api/v1/ 接口。默认只监听本机 (127.0.0.1)；要让内网访问，\n"
        "显式指定 --listen 0.0.0.0:8080 或本机内网地址。端口 0 表示任选空闲端口。\n"
        "--per-client: 同一客户端地址最多同时连接数（默认 "
        "32）；部署在反向代理之后时，所有请求都来自代理地址，应调大。\n"
        "收到 SIGINT 或 SIGTERM 时停止。\n");
    return 0;
  }
  static const char *const known[] = {"db", "listen", "threads", "access-log", "per-client", NULL};
  static const char *const flags[] = {"quiet", NULL};
  char *aPos[1];
  int nPos;
  if (cli_parse(argc, argv, known, flags, aPos, 0, &nPos)) return 2;
  ServerConfig cfg = {
      .zDbPath = cli_db(argc, argv),
      .zListen = cli_option(argc, argv, "listen"),
      .nThreads = 4,
      .zAccessLog = cli_option(argc, argv, "access-log"),
  };
  if (!cfg.zDbPath) {
    fprintf(stderr, "jianwu serve: --db FILE|URL is required (or JIANWU_DB)\n");
    return 2;
  }
  if (!cfg.zListen) cfg.zListen = "127.0.0.1:8080";
  const char *zThreads = cli_option(argc, argv, "threads");
  if (zThreads) {
    char *zEnd;
    long n = strtol(zThreads, &zEnd, 10);
    if (*zEnd || n < 1 || n > 64) {
      fprintf(stderr, "jianwu serve: --threads must be 1 to 64\n");
      return 2;
    }
    cfg.nThreads = (int)n;
  }
  const char *zPer = cli_option(argc, argv, "per-client");
  if (zPer) {
    char *zEnd;
    long n = strtol(zPer, &zEnd, 10);
    if (!*zPer || *zEnd || n < 1 || n > SERVER_MAX_CONNECTIONS) {
      fprintf(stderr, "jianwu serve: --per-client must be 1 to %d\n", SERVER_MAX_CONNECTIONS);
      return 2;
    }
    cfg.nPerClient = (int)n;
  }
  if (cli_flag(argc, argv, "quiet")) log_set_quiet(1);
  /* Open once in the main thread: migrates the schema before any worker starts, and fails early. */
  Db *db = NULL;
  JwErr e;
  if (db_open(cfg.zDbPath, DB_OPEN_EXISTING, &db, &e)) {
    fprintf(stderr, "jianwu serve: %s\n", e.message);
    return 1;
  }
  db_close(db);
  if (server_run(&cfg, &e)) {
    fprintf(stderr, "jianwu serve: %s\n", e.message);
    return e.status == 400 ? 2 : 1;
  }
  return 0;
}
