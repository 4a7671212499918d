/* credit_code.c: the 统一社会信用代码, GB 32100-2015 (see credit_code.h). */
#include "core/credit_code.h"

#include <string.h>

static const char zSet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY"; /* 31 characters: no I O Z S V */

int credit_code_value(char c) {
  if (!c) return -1;
  const char *p = strchr(zSet, c);
  return p ? (int)(p - zSet) : -1;
}

/* GB 11714: a body character's value is the digit, or A=10 ... Z=35 (the letters are those of the credit code's
 * set, so I O Z S V cannot occur). */
static int org_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z' && credit_code_value(c) >= 0) return c - 'A' + 10;
  return -1;
}

char credit_code_org_check(const char *zBody) {
  static const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; i++) {
    int v = org_value(zBody[i]);
    if (v < 0) return 0;
    sum += v * w[i];
  }
  int c = 11 - sum % 11;
  return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

char credit_code_check(const char *zBody) {
  int sum = 0, w = 1;
  for (int i = 0; i < 17; i++) {
    int v = credit_code_value(zBody[i]);
    if (v < 0) return 0;
    sum += v * w;
    w = w * 3 % 31;
  }
  int c = 31 - sum % 31;
  return zSet[c == 31 ? 0 : c];
}

int credit_code_type_ok(char a, char t) {
  static const struct {
    char a;
    const char *zTypes;
  } table[] = {
      {'1', "1239"}, /* 机构编制: 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他 */
      {'2', "19"},   /* 外交: 外国常驻新闻机构, 其他 */
      {'3', "123459"}, /* 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他 */
      {'4', "19"},   /* 文化: 外国在华文化中心, 其他 */
      {'5', "1239"}, /* 民政: 社会团体, 民办非企业单位, 基金会, 其他 */
      {'6', "129"}, /* 旅游: 外国旅游部门常驻代表机构, 港澳台地区旅游部门常驻内地代表机构, 其他 */
      {'7', "129"},  /* 宗教: 宗教活动场所, 宗教院校, 其他 */
      {'8', "19"},   /* 工会: 基层工会, 其他 */
      {'9', "123"},  /* 工商: 企业, 个体工商户, 农民专业合作社 */
      {'A', "19"},   /* 中央军委改革和编制办公室: 军队事业单位, 其他 */
      {'N', "1239"}, /* 农业: 组级、村级、乡镇级集体经济组织, 其他 */
      {'Y', "1"},    /* 其他 */
  };
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
    if (table[i].a == a) return t && strchr(table[i].zTypes, t) != NULL;
  }
  return 0;
}

int credit_code_complete(const char *z16, char out[19]) {
  out[0] = 0;
  if (strlen(z16) != 16) return -1;
  for (int i = 0; i < 16; i++) {
    if (credit_code_value(z16[i]) < 0) return -1;
  }
  memcpy(out, z16, 16);
  out[16] = credit_code_org_check(z16 + 8);
  if (!out[16]) return -1;
  out[17] = credit_code_check(out);
  out[18] = 0;
  return out[17] ? 0 : -1;
}

/* Reads one UTF-8 character at z[0..n): its code point in *pCp and its length, or 0 when malformed. */
static size_t utf8_one(const unsigned char *z, size_t n, unsigned *pCp) {
  if (z[0] < 0x80) {
    *pCp = z[0];
    return 1;
  }
  size_t len = (z[0] & 0xE0) == 0xC0 ? 2 : (z[0] & 0xF0) == 0xE0 ? 3 : (z[0] & 0xF8) == 0xF0 ? 4 : 0;
  if (!len || len > n) return 0;
  unsigned cp = z[0] & (0x7F >> len);
  for (size_t i = 1; i < len; i++) {
    if ((z[i] & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (z[i] & 0x3F);
  }
  *pCp = cp;
  return len;
}

static int is_blank(unsigned cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000;
}

int credit_code_normalize(const char *zIn, size_t n, char out[19]) {
  out[0] = 0;
  unsigned cps[19];
  size_t count = 0;
  const unsigned char *z = (const unsigned char *)zIn;
  /* decode, folding full-width ASCII; keep at most 19 characters (more is a length error anyway) */
  size_t i = 0;
  int trailingBlanks = 0, sawChar = 0, tooLong = 0;
  while (i < n) {
    unsigned cp;
    size_t len = utf8_one(z + i, n - i, &cp);
    if (!len) return JW_CC_ECHAR;
    i += len;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    if (is_blank(cp)) {
      if (sawChar) trailingBlanks++;
      continue;
    }
    if (trailingBlanks) return JW_CC_ECHAR; /* a blank inside the code */
    sawChar = 1;
    if (count < 19) cps[count++] = cp;
    else tooLong = 1;
  }
  if (tooLong || count != 18) return JW_CC_ELENGTH;
  char code[19];
  for (size_t k = 0; k < 18; k++) {
    unsigned cp = cps[k];
    if (cp >= 'a' && cp <= 'z') cp -= 'a' - 'A';
    if (cp > 0x7F || credit_code_value((char)cp) < 0) return JW_CC_ECHAR;
    code[k] = (char)cp;
  }
  code[18] = 0;
  if (!strchr("123456789ANY", code[0])) return JW_CC_EAUTHORITY;
  if (!credit_code_type_ok(code[0], code[1])) return JW_CC_ETYPE;
  for (int k = 2; k < 8; k++) {
    if (code[k] < '0' || code[k] > '9') return JW_CC_EDIVISION;
  }
  if (credit_code_org_check(code + 8) != code[16]) return JW_CC_EORGCHECK;
  if (credit_code_check(code) != code[17]) return JW_CC_ECHECK;
  memcpy(out, code, 19);
  return JW_CC_OK;
}

const char *credit_code_error_message(int rc) {
  switch (rc) {
    case JW_CC_OK:
      return "统一社会信用代码有效";
    case JW_CC_ELENGTH:
      return "统一社会信用代码须为 18 位";
    case JW_CC_ECHAR:
      return "统一社会信用代码只能由数字和除 I、O、Z、S、V 以外的大写字母组成";
    case JW_CC_EAUTHORITY:
      return "统一社会信用代码第 1 位（登记管理部门代码）无效";
    case JW_CC_ETYPE:
      return "统一社会信用代码第 2 位（机构类别代码）与登记管理部门不符";
    case JW_CC_EDIVISION:
      return "统一社会信用代码第 3 至 8 位（行政区划码）须为 6 位数字";
    case JW_CC_EORGCHECK:
      return "统一社会信用代码第 9 至 17 位（组织机构代码）校验码错误";
    case JW_CC_ECHECK:
      return "统一社会信用代码校验位（第 18 位）错误";
    default:
      return "统一社会信用代码无效";
  }
}
