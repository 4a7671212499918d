/* cmd_migrate.c: jianwu migrate --from FILE.db --to postgres://...: moves an office's SQLite database into the
 * provincial PostgreSQL database (app/migrate.h; docs/operations.md "Moving an office to PostgreSQL"). Progress goes
 * to stderr (a bar per table on a terminal, a line per table otherwise); the table of counts to stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/migrate.h"
#include "cli/cli.h"
#include "store/db.h"

#define MIGRATE_BAR_WIDTH 20

typedef struct Progress {
  int tty;
  int open; /* a bar is on the terminal's line without its newline */
} Progress;

static void migrate_progress(void *pCtx, const CopyTable *t, int64_t nDone) {
  Progress *pr = pCtx;
  int64_t nAll = t->nSource > 0 ? t->nSource : 1;
  int pct = (int)(nDone * 100 / nAll);
  if (t->nSource == 0) pct = 100;
  int done = nDone >= t->nSource;
  if (pr->tty) {
    char zBar[MIGRATE_BAR_WIDTH + 1];
    int nHash = pct * MIGRATE_BAR_WIDTH / 100;
    for (int i = 0; i < MIGRATE_BAR_WIDTH; i++) zBar[i] = i < nHash ? '#' : '.';
    zBar[MIGRATE_BAR_WIDTH] = 0;
    fprintf(stderr, "\r[%s] %3d%% %s %lld/%lld%s", zBar, pct, t->zName, (long long)nDone, (long long)t->nSource,
            done ? "\n" : "");
    pr->open = !done;
  } else if (done) {
    fprintf(stderr, "%s %lld/%lld\n", t->zName, (long long)nDone, (long long)t->nSource);
  }
  fflush(stderr);
}

static const char *migrate_mode_note(const CopyTable *t) {
  switch (t->mode) {
    case COPY_SKIP_TRANSIENT:
      return "未复制（登录状态，用户重新登录即可）";
    case COPY_SKIP_TARGET_OWNS:
      return "未复制（目标库已有节假日安排，沿用目标库的）";
    case COPY_BY_CALLER:
      return "接续目标库的审计哈希链";
    default:
      return "";
  }
}

/* Prints z padded with spaces to nWidth terminal columns (a character outside ASCII takes two: these are Chinese). */
static void migrate_pad(const char *z, int nWidth, int right) {
  int w = 0;
  for (const unsigned char *p = (const unsigned char *)z; *p; p++) {
    if (*p < 0x80) w++;
    else if ((*p & 0xC0) != 0x80) w += 2;
  }
  if (!right) fputs(z, stdout);
  for (; w < nWidth; w++) fputc(' ', stdout);
  if (right) fputs(z, stdout);
}

static void migrate_print_counts(const MigrateResult *r) {
  static const char *const azHead[] = {"源行数", "已复制", "目标原有", "编号偏移"};
  migrate_pad("表", 20, 0);
  for (int i = 0; i < 4; i++) migrate_pad(azHead[i], 11, 1);
  fputc('\n', stdout);
  for (int i = 0; i < r->plan.nTable; i++) {
    const CopyTable *t = &r->plan.aTable[i];
    printf("%-20s %10lld %10lld %10lld %10lld  %s\n", t->zName, (long long)t->nSource, (long long)t->nCopied,
           (long long)t->nBefore, (long long)t->offset, migrate_mode_note(t));
  }
}

/* The file name without its directories: what the org.migrate audit row records. */
static const char *migrate_base_name(const char *zPath) {
  const char *z = strrchr(zPath, '/');
  return z ? z + 1 : zPath;
}

int cmd_migrate(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    printf(
        "用法: jianwu migrate --from FILE.db --to postgres://...\n\n"
        "把一个院自己的 SQLite 数据库迁入省级部署的 PostgreSQL 数据库，在目标库的一个事务中完成：\n"
        "先校验源库的审计哈希链（被破坏时拒绝）；目标库为空时先建立数据结构；目标库已有源库的机构代码或\n"
        "登录名时拒绝。各表的编号加上目标库已有的最大编号，审计日志接续目标库的哈希链，并记一条 org.migrate。\n"
        "复制后核对每张表的行数和目标库的审计链，全部通过才提交；任何错误都不会留下数据。\n"
        "不复制登录会话和登录失败计数（用户用原密码重新登录）；目标库已有节假日安排时不复制源库的。\n"
        "见 docs/operations.md \"Moving an office to PostgreSQL\"。\n");
    return 0;
  }
  static const char *const known[] = {"from", "to", NULL};
  char *aPos[1];
  int nPos;
  if (cli_parse(argc, argv, known, NULL, aPos, 0, &nPos)) return 2;
  const char *zFrom = cli_option(argc, argv, "from"), *zTo = cli_option(argc, argv, "to");
  if (!zFrom || !zTo) {
    fprintf(stderr, "jianwu migrate: --from FILE.db and --to postgres://... are required\n");
    return 2;
  }
  if (db_target_is_postgres(zFrom)) {
    fprintf(stderr, "jianwu migrate: --from 必须是 SQLite 数据库文件\n");
    return 1;
  }
  if (!db_target_is_postgres(zTo)) {
    fprintf(stderr, "jianwu migrate: --to must be a postgres:// URL（目标必须是 PostgreSQL 数据库地址）\n");
    return 1;
  }
  if (access(zFrom, F_OK) != 0) {
    fprintf(stderr, "jianwu migrate: 源数据库文件 %s 不存在\n", zFrom);
    return 1;
  }
  JwErr e;
  Db *src = NULL, *dst = NULL;
  MigrateSource ms;
  if (db_open(zFrom, DB_OPEN_EXISTING, &src, &e) || migrate_source_check(src, &ms, &e)) {
    fprintf(stderr, "jianwu migrate: %s\n", e.message);
    db_close(src);
    return 1;
  }
  /* an empty database is initialised; a Jianwu database at the current version is taken as it is */
  if (db_open(zTo, DB_OPEN_EXISTING, &dst, &e) && e.status == 404) dst = NULL, db_open(zTo, DB_OPEN_CREATE, &dst, &e);
  if (!dst) {
    fprintf(stderr, "jianwu migrate: %s\n", e.message);
    migrate_source_end(src);
    db_close(src);
    return 1;
  }
  Progress pr = {isatty(STDERR_FILENO), 0};
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  MigrateResult *r = calloc(1, sizeof *r);
  int rc = !r ? -1 : migrate_office(src, dst, &ms, migrate_base_name(zFrom), migrate_progress, &pr, r, &e);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (rc) {
    if (pr.open) fputc('\n', stderr);
    fprintf(stderr, "jianwu migrate: %s（未写入任何数据）\n", r ? e.message : "out of memory");
  } else {
    migrate_print_counts(r);
    char *zShow = db_target_display(zTo);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("已把 %s（机构 %s）迁入 %s，用时 %.1f 秒；审计日志校验通过%s\n", zFrom, r->plan.zOrgCodes, zShow, secs,
           r->rechained ? "（源库审计行已接续目标库的哈希链，另记 org.migrate 一条）" : "（原样复制）");
    free(zShow);
  }
  free(r);
  db_close(dst);
  db_close(src);
  return rc ? 1 : 0;
}
