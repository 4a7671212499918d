/* idcard.c: normalising and validating the 公民身份号码 (see idcard.h). */
#include "core/idcard.h"

#include <string.h>

/* GB/T 2260 province-level codes (first two digits of the address code), as inclusive ranges. 71 is 台湾省;
 * 81, 82 and 83 are 香港, 澳门 and 台湾 (used in the numbers of their residents' 居住证). */
static const unsigned char id_aProvince[][2] = {
    {11, 15}, {21, 23}, {31, 37}, {41, 46}, {50, 54}, {61, 65}, {71, 71}, {81, 83},
};

/* Return 1 if the two-digit code c is a province code of id_aProvince, else 0. */
static int id_province_ok(int c) {
  for (size_t i = 0; i < sizeof(id_aProvince) / sizeof(id_aProvince[0]); i++) {
    if (c >= id_aProvince[i][0] && c <= id_aProvince[i][1]) return 1;
  }
  return 0;
}

/* Return 1 if c is an ASCII blank trimmed around the input (space, tab, CR, LF), else 0. */
static int id_is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* 1 when the three bytes at p are U+3000 (IDEOGRAPHIC SPACE, E3 80 80 in UTF-8). */
static int id_is_ideographic_space(const unsigned char *p) {
  return p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80;
}

/* Fold the n bytes at a to ASCII characters in z (room for 18 plus a NUL): ASCII digits stay, 'x' and 'X' become
 * 'X', the UTF-8 full-width digits U+FF10..U+FF19 become '0'..'9' and full-width U+FF38/U+FF58 become 'X'. Return
 * the number of characters written, or -1 if a byte sequence is anything else or there are more than 18. */
static int id_fold(const unsigned char *a, size_t n, char *z) {
  int k = 0;
  size_t i = 0;
  while (i < n) {
    char c;
    if (a[i] >= '0' && a[i] <= '9') {
      c = (char)a[i];
      i += 1;
    } else if (a[i] == 'x' || a[i] == 'X') {
      c = 'X';
      i += 1;
    } else if (n - i >= 3 && a[i] == 0xEF && a[i + 1] == 0xBC && a[i + 2] >= 0x90 && a[i + 2] <= 0x99) {
      c = (char)('0' + (a[i + 2] - 0x90)); /* ０..９ = EF BC 90..99 */
      i += 3;
    } else if (n - i >= 3 && ((a[i] == 0xEF && a[i + 1] == 0xBC && a[i + 2] == 0xB8) ||
                              (a[i] == 0xEF && a[i + 1] == 0xBD && a[i + 2] == 0x98))) {
      c = 'X'; /* Ｘ = EF BC B8, ｘ = EF BD 98 */
      i += 3;
    } else {
      return -1;
    }
    if (k == 18) return -1;
    z[k++] = c;
  }
  z[k] = '\0';
  return k;
}

/* Return 1 if the n bytes at z are all ASCII digits, else 0. */
static int id_all_digits(const char *z, int n) {
  for (int i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return 0;
  }
  return 1;
}

/* Return the value of the n ASCII digits at z. */
static int id_number(const char *z, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) v = v * 10 + (z[i] - '0');
  return v;
}

char idcard_check_char(const char *zBody) {
  static const unsigned char aWeight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char zMap[] = "10X98765432";
  int s = 0;
  for (int i = 0; i < 17; i++) {
    if (zBody[i] < '0' || zBody[i] > '9') return 0;
    s += (zBody[i] - '0') * aWeight[i];
  }
  return zMap[s % 11];
}

int idcard_normalize(const char *zIn, size_t n, JwDate today, char out[19], JwIdInfo *pInfo) {
  const unsigned char *a = (const unsigned char *)zIn;
  char zRaw[19], zId[19];
  int nRaw;

  out[0] = '\0';
  if (zIn == NULL) return JW_ID_EFORMAT;
  for (;;) { /* leading ASCII blanks and ideographic spaces */
    if (n > 0 && id_is_blank(a[0])) {
      a++;
      n--;
    } else if (n >= 3 && id_is_ideographic_space(a)) {
      a += 3;
      n -= 3;
    } else {
      break;
    }
  }
  for (;;) { /* trailing ones */
    if (n > 0 && id_is_blank(a[n - 1])) {
      n--;
    } else if (n >= 3 && id_is_ideographic_space(a + n - 3)) {
      n -= 3;
    } else {
      break;
    }
  }
  nRaw = id_fold(a, n, zRaw);
  if (nRaw == 18) {
    if (!id_all_digits(zRaw, 17)) return JW_ID_EFORMAT; /* 'X' only as the check character */
    memcpy(zId, zRaw, 19);
  } else if (nRaw == 15) {
    if (!id_all_digits(zRaw, 15)) return JW_ID_EFORMAT; /* a legacy number has no check character */
    memcpy(zId, zRaw, 6);                               /* address code */
    memcpy(zId + 6, "19", 2);                           /* century, always 19 (DOMAIN.md section 10) */
    memcpy(zId + 8, zRaw + 6, 9);                       /* YYMMDD and sequence */
    zId[17] = idcard_check_char(zId);
    zId[18] = '\0';
  } else {
    return JW_ID_EFORMAT;
  }

  if (!id_province_ok(id_number(zId, 2))) return JW_ID_EREGION;
  int y = id_number(zId + 6, 4), m = id_number(zId + 10, 2), d = id_number(zId + 12, 2);
  if (y < JW_ID_BIRTH_YEAR_MIN || !date_is_valid_ymd(y, m, d)) return JW_ID_EBIRTH;
  JwDate birth = date_from_ymd(y, m, d);
  if (birth > today) return JW_ID_EFUTURE;
  if (idcard_check_char(zId) != zId[17]) return JW_ID_ECHECKSUM;

  memcpy(out, zId, 19);
  if (pInfo) {
    pInfo->sex = ((zId[16] - '0') % 2) ? 'M' : 'F';
    pInfo->birth = birth;
  }
  return JW_ID_OK;
}

const char *idcard_error_message(int rc) {
  switch (rc) {
    case JW_ID_OK:
      return "公民身份号码有效";
    case JW_ID_EFORMAT:
      return "公民身份号码格式错误：应为18位（或旧15位）数字，末位可为X";
    case JW_ID_EREGION:
      return "公民身份号码地址码错误";
    case JW_ID_EBIRTH:
      return "公民身份号码中的出生日期无效";
    case JW_ID_EFUTURE:
      return "公民身份号码中的出生日期晚于今天";
    case JW_ID_ECHECKSUM:
      return "公民身份号码校验位错误";
    default:
      return "公民身份号码无效";
  }
}
