/* main.c: the jianwu command: dispatches to the subcommands in src/cli/. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const CliCommand commands[] = {
    {"init", "创建新的数据库", cmd_init},
    {"serve", "运行网页服务", cmd_serve},
    {"org", "机构管理（org add）", cmd_org},
    {"user", "用户管理（user add）", cmd_user},
    {"audit", "审计日志（audit verify）", cmd_audit},
    {"backup", "在线备份数据库", cmd_backup},
    {"due", "计算期限届满日", cmd_due},
    {"calendar", "节假日安排（calendar import / show）", cmd_calendar},
    {"demo-data", "写入演示数据", cmd_demo_data},
    {"migrate", "把本院的 SQLite 数据库迁入 PostgreSQL", cmd_migrate},
    {"idcard", "检查并规范公民身份号码", cmd_idcard},
    {"report", "输出统计指标报表（xlsx、csv 或 json）", cmd_report}, /* stats (issue 11) */
    {"import", "导入其他机关的数据（驾驶证、行政处罚）", cmd_import},
    {"match", "运行大数据法律监督模型，生成线索", cmd_match}, /* leads (issue 12 §3) */
};

static void main_usage(FILE *fp) {
  fprintf(fp, "检务 jianwu %s：基层检察院案件与监督管理系统\n\n用法: jianwu COMMAND [OPTIONS]\n\n命令:\n", JW_VERSION);
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    fprintf(fp, "  %-10s %s\n", commands[i].zName, commands[i].zSummary);
  }
  fprintf(fp,
          "\n选项:\n  -h, --help     显示帮助\n  -V, --version  显示版本\n\n"
          "每个命令的详细用法: jianwu COMMAND --help\n");
}

int main(int argc, char **argv) {
  if (sodium_init() < 0) {
    fprintf(stderr, "jianwu: cannot initialise libsodium\n");
    return 1;
  }
  if (argc < 2) {
    main_usage(stderr);
    return 2;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    main_usage(stdout);
    return 0;
  }
  if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
    printf("jianwu %s\n", JW_VERSION);
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    if (strcmp(argv[1], commands[i].zName) == 0) return commands[i].xRun(argc - 1, argv + 1);
  }
  fprintf(stderr, "jianwu: unknown command '%s' (see jianwu --help)\n", argv[1]);
  return 2;
}
