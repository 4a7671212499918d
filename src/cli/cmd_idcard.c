/* cmd_idcard.c: jianwu idcard NUMBER, the 公民身份号码 checked and normalised from the command line (issue 12 §2).
 *
 * A contract other tools rely on: for a valid number it prints `NORMALISED_18_DIGITS YYYY-MM-DD male|female` on
 * one line and exits 0; for an invalid one it prints the reason on stderr and exits 1; a missing or extra argument
 * prints the usage on stderr and exits 2. The rules are core/idcard.h's, the ones every ID number entered anywhere
 * else goes through; "today" (the latest possible birth date) is China Standard Time's. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "core/idcard.h"
#include "lib/timeutil.h"

int cmd_idcard(int argc, char **argv) {
  if (cli_wants_help(argc, argv)) {
    printf(
        "用法: jianwu idcard NUMBER\n\n"
        "检查并规范一个公民身份号码（GB 11643）：18 位或 15 位（升为 18 位），可含全角数字、小写 x 和首尾空格。\n"
        "有效时输出一行“18位号码 出生日期 male|female”并返回 0；无效时在标准错误输出原因并返回 1。\n");
    return 0;
  }
  static const char *const known[] = {NULL};
  static const char *const flags[] = {NULL};
  char *aPos[1];
  int nPos;
  if (cli_parse(argc, argv, known, flags, aPos, 1, &nPos)) return 2;
  if (nPos != 1) {
    fprintf(stderr, "用法: jianwu idcard NUMBER（例如 jianwu idcard 11010519491231002X）\n");
    return 2;
  }
  char zToday[11];
  time_today_china(zToday);
  JwDate today;
  if (date_parse(zToday, 10, &today)) {
    fprintf(stderr, "jianwu idcard: 无法取得今天的日期\n");
    return 1;
  }
  char zId[19], zBirth[11];
  JwIdInfo info;
  int rc = idcard_normalize(aPos[0], strlen(aPos[0]), today, zId, &info);
  if (rc != JW_ID_OK) {
    fprintf(stderr, "jianwu idcard: %s\n", idcard_error_message(rc));
    return 1;
  }
  date_format(info.birth, zBirth);
  printf("%s %s %s\n", zId, zBirth, info.sex == 'M' ? "male" : "female");
  return 0;
}
