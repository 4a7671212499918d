/* cmd_admin.c: jianwu init, org add, user add, audit verify, backup: the administrator's commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/accounts.h"
#include "app/audit.h"
#include "app/demo.h"
#include "cli/cli.h"
#include "store/backup.h"
#include "store/db.h"

/* Opens the database named by --db; prints the error. */
static Db *cmd_open_db(int argc, char **argv, int flags) {
  const char *zDb = cli_db(argc, argv);
  if (!zDb) {
    fprintf(stderr, "jianwu %s: --db FILE|URL is required (or JIANWU_DB)\n", argv[0]);
    return NULL;
  }
  Db *db = NULL;
  JwErr e;
  if (db_open(zDb, flags, &db, &e)) {
    fprintf(stderr, "jianwu %s: %s\n", argv[0], e.message);
    return NULL;
  }
  return db;
}

static void cmd_print_err(const char *zCmd, const JwErr *e) {
  if (e->field[0]) fprintf(stderr, "jianwu %s: %s (%s)\n", zCmd, e->message, e->field);
  else fprintf(stderr, "jianwu %s: %s\n", zCmd, e->message);
}

int cmd_init(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    printf(
        "用法: jianwu init --db FILE|URL\n\n创建一个新的检务数据库文件（文件已存在时拒绝），\n或在一个空的 PostgreSQL "
        "数据库（--db postgres://用户@主机:端口/库名）中建立检务的表（已有表时拒绝）。\n"
        "随后用 jianwu org add 建立本院，用 jianwu user add 建立第一个管理员。\n");
    return 0;
  }
  static const char *const known[] = {"db", NULL};
  char *aPos[1];
  int nPos;
  if (cli_parse(argc, argv, known, NULL, aPos, 0, &nPos)) return 2;
  const char *zDb = cli_db(argc, argv);
  if (!zDb) {
    fprintf(stderr, "jianwu init: --db FILE|URL is required (or JIANWU_DB)\n");
    return 2;
  }
  if (!db_target_is_postgres(zDb) && access(zDb, F_OK) == 0) {
    fprintf(stderr, "jianwu init: %s 已存在，不会覆盖\n", zDb);
    return 1;
  }
  Db *db = cmd_open_db(argc, argv, DB_OPEN_CREATE);
  if (!db) return 1;
  printf("已创建数据库 %s（结构版本 %d）\n", zDb, db_schema_version(db));
  db_close(db);
  return 0;
}

int cmd_org(int argc, char **argv) {
  if (argc < 2 || cli_wants_help(argc, argv) || strcmp(argv[1], "add") != 0) {
    printf(
        "用法: jianwu org add --db FILE|URL --code CODE --name NAME [--level county|city|province] [--parent CODE]\n\n"
        "建立一个检察院（机构）。CODE 为 2-32 位小写字母、数字、- 或 _。\n");
    return argc < 2 || !cli_wants_help(argc, argv) ? 2 : 0;
  }
  static const char *const known[] = {"db", "code", "name", "level", "parent", NULL};
  char *aPos[1];
  int nPos;
  if (cli_parse(argc - 1, argv + 1, known, NULL, aPos, 0, &nPos)) return 2;
  const char *zCode = cli_option(argc, argv, "code"), *zName = cli_option(argc, argv, "name");
  const char *zLevel = cli_option(argc, argv, "level");
  if (!zCode || !zName) {
    fprintf(stderr, "jianwu org add: --code and --name are required\n");
    return 2;
  }
  Db *db = cmd_open_db(argc, argv, DB_OPEN_EXISTING);
  if (!db) return 1;
  int64_t id = 0;
  JwErr e;
  int rc =
      accounts_org_bootstrap(db, zCode, zName, zLevel ? zLevel : "county", cli_option(argc, argv, "parent"), &id, &e);
  if (rc) cmd_print_err("org add", &e);
  else printf("已建立机构 %s（编号 %lld）\n", zCode, (long long)id);
  db_close(db);
  return rc ? (e.status == 400 || e.status == 409 ? 2 : 1) : 0;
}

int cmd_user(int argc, char **argv) {
  if (argc < 2 || cli_wants_help(argc, argv) || strcmp(argv[1], "add") != 0) {
    printf(
        "用法: jianwu user add --db FILE|URL --org CODE --login NAME --role ROLE [--name 姓名]\n\n"
        "建立一个用户（通常是第一个管理员）。密码从标准输入读取一行，或在终端上提示输入两次；\n"
        "密码从不写在命令行上。ROLE: admin leader prosecutor assistant case_manager admin_prosecutor\n"
        "petition_officer political_officer clerk\n");
    return argc < 2 || !cli_wants_help(argc, argv) ? 2 : 0;
  }
  static const char *const known[] = {"db", "org", "login", "role", "name", NULL};
  char *aPos[1];
  int nPos;
  if (cli_parse(argc - 1, argv + 1, known, NULL, aPos, 0, &nPos)) return 2;
  const char *zOrg = cli_option(argc, argv, "org"), *zLogin = cli_option(argc, argv, "login");
  const char *zRole = cli_option(argc, argv, "role"), *zName = cli_option(argc, argv, "name");
  if (!zOrg || !zLogin || !zRole) {
    fprintf(stderr, "jianwu user add: --org, --login and --role are required\n");
    return 2;
  }
  Db *db = cmd_open_db(argc, argv, DB_OPEN_EXISTING);
  if (!db) return 1;
  char *zPassword = cli_read_password("密码");
  int rc = 2;
  if (!zPassword) {
    fprintf(stderr, "jianwu user add: 没有读到密码\n");
  } else {
    int64_t id = 0;
    JwErr e;
    rc = accounts_user_bootstrap(db, zOrg, zLogin, zName ? zName : zLogin, zRole, zPassword, &id, &e);
    if (rc) {
      cmd_print_err("user add", &e);
      rc = e.status == 400 || e.status == 409 ? 2 : 1;
    } else {
      printf("已建立用户 %s（编号 %lld）\n", zLogin, (long long)id);
    }
    memset(zPassword, 0, strlen(zPassword));
    free(zPassword);
  }
  db_close(db);
  return rc;
}

int cmd_audit(int argc, char **argv) {
  if (argc < 2 || cli_wants_help(argc, argv) || strcmp(argv[1], "verify") != 0) {
    printf(
        "用法: jianwu audit verify --db FILE|URL\n\n"
        "重新计算审计日志的哈希链。完好时输出 OK 并返回 0；否则输出第一条被破坏的记录并返回 1。\n");
    return argc < 2 || !cli_wants_help(argc, argv) ? 2 : 0;
  }
  static const char *const known[] = {"db", NULL};
  char *aPos[1];
  int nPos;
  if (cli_parse(argc - 1, argv + 1, known, NULL, aPos, 0, &nPos)) return 2;
  /* Read-only: verifying a backup must not change it (no WAL switch, no migration, no -wal/-shm files). */
  Db *db = cmd_open_db(argc, argv, DB_OPEN_READONLY);
  if (!db) return 1;
  int64_t badId = 0, rows = 0;
  char zWhy[200];
  int rc = audit_verify(db, &badId, zWhy, sizeof zWhy, &rows);
  db_close(db);
  if (rc == 0) {
    printf("OK\n");
    fprintf(stderr, "%lld audit rows verified\n", (long long)rows);
    return 0;
  }
  if (rc > 0) printf("BROKEN at row %lld: %s\n", (long long)badId, zWhy);
  else printf("ERROR reading the audit log\n");
  return 1;
}

int cmd_backup(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    printf(
        "用法: jianwu backup --db FILE|URL OUT\n\n"
        "用 SQLite 在线备份接口把数据库一致地复制到新文件 OUT，服务运行时也可以执行。\n"
        "恢复：停止服务，把 OUT 复制为数据库文件（删除旧的 -wal 和 -shm 文件），再启动。见 docs/operations.md。\n");
    return 0;
  }
  static const char *const known[] = {"db", NULL};
  char *aPos[1];
  int nPos;
  if (cli_parse(argc, argv, known, NULL, aPos, 1, &nPos)) return 2;
  if (nPos != 1) {
    fprintf(stderr, "jianwu backup: OUT is required (jianwu backup --db FILE|URL OUT)\n");
    return 2;
  }
  if (db_target_is_postgres(cli_db(argc, argv))) {
    fprintf(stderr,
            "jianwu backup: PostgreSQL 数据库请用 pg_dump 备份（pg_dump -Fc -f OUT URL），见 docs/operations.md\n");
    return 1;
  }
  Db *db = cmd_open_db(argc, argv, DB_OPEN_EXISTING);
  if (!db) return 1;
  JwErr e;
  int rc = backup_to_file(db, aPos[0], &e);
  if (rc) cmd_print_err("backup", &e);
  else printf("已备份到 %s\n", aPos[0]);
  db_close(db);
  return rc ? 1 : 0;
}

int cmd_demo_data(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    printf(
        "用法: jianwu demo-data --db FILE|URL [--cases N]\n\n"
        "向一个刚创建的空数据库写入演示数据：丽水市院、其下的缙云县院、各部门、每种角色的用户，\n"
        "以及近一年受理的 N 件案件（默认 300，最多 1000000），覆盖审查中、退回补充侦查、审结、判决、归档和逾期等状态。\n"
        "每件案件都经过与接口相同的受理、办理和审批规则，每 1000 件一个事务；1 万件以上时打印进度。\n"
        "1 万件以上时，除最近的 1000 件外，案件按同样的规则和期限计算直接批量写入（每件一条审计记录，不生成审批记录），\n"
        "一百万件在 SQLite 上约需数分钟。\n");
    return 0;
  }
  static const char *const known[] = {"db", "cases", NULL};
  char *aPos[1];
  int nPos;
  if (cli_parse(argc, argv, known, NULL, aPos, 0, &nPos)) return 2;
  const char *zCases = cli_option(argc, argv, "cases");
  char *zEnd = NULL;
  long nCases = zCases ? strtol(zCases, &zEnd, 10) : 300;
  if (zCases && (*zEnd || zEnd == zCases || nCases < 0 || nCases > 1000000)) {
    fprintf(stderr, "jianwu demo-data: --cases 必须是 0 到 1000000 的整数\n");
    return 2;
  }
  Db *db = cmd_open_db(argc, argv, DB_OPEN_EXISTING);
  if (!db) return 1;
  /* A fresh demo database is a bulk load: skip the per-commit fsync here only (the server always uses FULL). */
  if (db_backend(db) == DB_POSTGRES) db_exec(db, "SET synchronous_commit = off");
  else db_exec(db, "PRAGMA synchronous=OFF");
  JwErr e;
  int rc = demo_populate(db, (int)nCases, stdout, &e);
  if (rc) cmd_print_err("demo-data", &e);
  db_close(db);
  return rc ? 1 : 0;
}
