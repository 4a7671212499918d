/* cmd_calendar.c: jianwu due (the due day of a legal period) and jianwu calendar import / show.
 *
 * `jianwu due FROM LENGTH [--custody] [--db FILE|URL]` is a contract other tools rely on: it prints the due day as
 * YYYY-MM-DD and nothing else on stdout, exit 0; bad input gives a message on stderr and exit 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/holidays.h"
#include "cli/cli.h"
#include "store/db.h"

int cmd_due(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    printf(
        "用法: jianwu due FROM LENGTH [--custody] [--db FILE|URL]\n\n"
        "按刑事诉讼法第105条计算期限届满日，只输出 YYYY-MM-DD。\n"
        "  FROM     起算日（当日不计入），YYYY-MM-DD\n"
        "  LENGTH   Nd（日）、Nm（月）或 Nwd（工作日），如 7d、1m、10wd\n"
        "  --custody  羁押期限：届满日遇节假日不顺延\n"
        "  --db FILE|URL  使用该数据库中管理员导入的节假日；缺省只用程序内置的 2024-2026 年数据\n"
        "输入错误时在标准错误输出说明并返回 2。所涉年份没有官方节假日数据时，在标准错误输出警告。\n");
    return 0;
  }
  static const char *const known[] = {"db", NULL};
  static const char *const flags[] = {"custody", NULL};
  char *aPos[2];
  int nPos;
  if (cli_parse(argc, argv, known, flags, aPos, 2, &nPos)) return 2;
  if (nPos != 2) {
    fprintf(stderr, "jianwu due: FROM and LENGTH are required (jianwu due 2025-03-05 1m)\n");
    return 2;
  }
  Db *db = NULL;
  JwErr e;
  const char *zDb = cli_db(argc, argv);
  if (zDb && db_open(zDb, DB_OPEN_EXISTING, &db, &e)) {
    fprintf(stderr, "jianwu due: %s\n", e.message);
    return e.status == 404 ? 2 : 1; /* a --db that names no file is bad input */
  }
  const JwCalendar *cal = holidays_current(db, &e);
  DueAnswer a;
  int rc = 0;
  if (!cal) {
    fprintf(stderr, "jianwu due: %s\n", e.message);
    rc = 1;
  } else if (holidays_due(cal, aPos[0], aPos[1], cli_flag(argc, argv, "custody"), &a, &e)) {
    fprintf(stderr, "jianwu due: %s\n", e.message);
    rc = 2;
  } else {
    printf("%s\n", a.zDue);
    if (a.provisional)
      fprintf(stderr, "jianwu due: 警告：所涉年份没有官方节假日安排，结果为暂定（只按周末和固定日期节日计算）\n");
  }
  db_close(db);
  return rc;
}

/* Reads a whole file of at most max bytes into heap memory; NULL with a message on failure. */
static char *cmd_read_file(const char *zPath, size_t max, size_t *pn) {
  FILE *fp = fopen(zPath, "rb");
  if (!fp) {
    fprintf(stderr, "jianwu calendar import: cannot open %s\n", zPath);
    return NULL;
  }
  char *z = malloc(max + 1);
  size_t n = z ? fread(z, 1, max + 1, fp) : 0;
  fclose(fp);
  if (!z || n > max) {
    fprintf(stderr, "jianwu calendar import: %s is larger than %zu bytes\n", zPath, max);
    free(z);
    return NULL;
  }
  z[n] = 0;
  *pn = n;
  return z;
}

int cmd_calendar(int argc, char **argv) {
  int isImport = argc >= 2 && strcmp(argv[1], "import") == 0;
  int isShow = argc >= 2 && strcmp(argv[1], "show") == 0;
  if (cli_wants_help(argc, argv) || (!isImport && !isShow)) {
    printf(
        "用法: jianwu calendar import --db FILE|URL CALENDAR.txt\n"
        "      jianwu calendar show --db FILE|URL --year YYYY\n\n"
        "import: 导入节假日安排（格式见 docs/calendar-format.md）。文件中声明的年份整体替换，\n"
        "        其他年份不变；任何一行有误则全部不导入，并指出行号。\n"
        "show:   列出某一年的节假日和调休上班日。\n");
    return cli_wants_help(argc, argv) ? 0 : 2;
  }
  static const char *const known[] = {"db", "year", NULL};
  char *aPos[2];
  int nPos;
  if (cli_parse(argc - 1, argv + 1, known, NULL, aPos, isImport ? 1 : 0, &nPos)) return 2;
  const char *zDb = cli_db(argc, argv);
  if (!zDb || (isImport && nPos != 1)) {
    fprintf(stderr, "jianwu calendar: --db FILE%s is required\n", isImport ? " and CALENDAR.txt" : "");
    return 2;
  }
  Db *db = NULL;
  JwErr e;
  if (db_open(zDb, DB_OPEN_EXISTING, &db, &e)) {
    fprintf(stderr, "jianwu calendar: %s\n", e.message);
    return 1;
  }
  int rc = 0;
  if (isImport) {
    size_t n = 0;
    char *zText = cmd_read_file(aPos[0], HOLIDAYS_IMPORT_MAX, &n);
    json_t *out = NULL;
    if (!zText) {
      rc = 2;
    } else if (holidays_import(db, NULL, zText, n, &out, &e)) {
      fprintf(stderr, "jianwu calendar import: %s\n", e.message);
      rc = e.status == 500 ? 1 : 2;
    } else {
      char *z = json_dumps(json_object_get(out, "years"), JSON_COMPACT);
      printf("已导入 %s 年的节假日安排（%lld 天）\n", z ? z : "?",
             (long long)json_integer_value(json_object_get(out, "days")));
      free(z);
      json_decref(out);
    }
    free(zText);
  } else {
    const char *zYear = cli_option(argc, argv, "year");
    char *zEnd = NULL;
    long year = zYear ? strtol(zYear, &zEnd, 10) : 0;
    const JwCalendar *cal = NULL;
    if (!zYear || *zEnd || year < JW_DATE_YEAR_MIN || year > JW_DATE_YEAR_MAX) {
      fprintf(stderr, "jianwu calendar show: --year YYYY is required (1900-2199)\n");
      rc = 2;
    } else if (!(cal = holidays_current(db, &e))) {
      fprintf(stderr, "jianwu calendar show: %s\n", e.message);
      rc = 1;
    } else {
      json_t *y = holidays_year(cal, (int)year);
      printf("year %ld%s\n", year, json_is_true(json_object_get(y, "covered")) ? "" : "  # 无官方安排（暂定）");
      size_t i;
      json_t *d;
      json_array_foreach(json_object_get(y, "days"), i, d) {
        printf("%s %s %s\n", json_string_value(json_object_get(d, "date")),
               json_string_value(json_object_get(d, "kind")), json_string_value(json_object_get(d, "name")));
      }
      json_decref(y);
    }
  }
  db_close(db);
  return rc;
}
