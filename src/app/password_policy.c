/* password_policy.c: the password rules and the common-password word list (see password_policy.h).
 *
 * Process-wide state: the word list, loaded once under pthread_once and read-only afterwards: a sorted array of
 * lower-case words pointing into one heap block that lives until the process exits. */
#include "app/password_policy.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/mem.h"
#include "lib/utf8.h"

#define PASSWORD_WORDLIST_MAX_BYTES (16 * 1024 * 1024) /* refuse anything far larger than the real list */

static struct {
  pthread_once_t once;
  char *zText;   /* the whole file, words NUL-terminated in place */
  char **azWord; /* sorted (strcmp) */
  size_t nWord;  /* 0 when the list could not be read */
} password_words = {PTHREAD_ONCE_INIT, NULL, NULL, 0};

static int password_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lower-cases the ASCII letters of z in place. */
static void password_ascii_lower(char *z) {
  for (; *z; z++) {
    if (*z >= 'A' && *z <= 'Z') *z = (char)(*z - 'A' + 'a');
  }
}

/* Reads PASSWORD_WORDLIST: one word per line, lower-cased, empty lines skipped, sorted for bsearch. */
static void password_load(void) {
  FILE *fp = fopen(PASSWORD_WORDLIST, "rb");
  if (!fp) return;
  char *zText = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    if (n + 65536 + 1 > cap) {
      cap = cap ? cap * 2 : 1024 * 1024;
      zText = xrealloc(zText, cap);
    }
    size_t k = fread(zText + n, 1, cap - n - 1, fp);
    n += k;
    if (k == 0 || n > PASSWORD_WORDLIST_MAX_BYTES) break;
  }
  int bad = ferror(fp) || n > PASSWORD_WORDLIST_MAX_BYTES;
  fclose(fp);
  if (bad || !zText) {
    free(zText);
    return;
  }
  zText[n] = 0;
  size_t nLines = 1;
  for (size_t i = 0; i < n; i++) nLines += zText[i] == '\n';
  char **azWord = xcalloc(nLines, sizeof *azWord);
  size_t nWord = 0;
  for (char *p = zText; *p;) {
    char *zEnd = strchr(p, '\n');
    if (zEnd) *zEnd = 0;
    size_t len = strlen(p);
    if (len && p[len - 1] == '\r') p[--len] = 0;
    if (len) {
      password_ascii_lower(p);
      azWord[nWord++] = p;
    }
    if (!zEnd) break;
    p = zEnd + 1;
  }
  qsort(azWord, nWord, sizeof *azWord, password_cmp);
  password_words.zText = zText;
  password_words.azWord = azWord;
  password_words.nWord = nWord;
}

/* 1 when the lower-case z is in the word list. */
static int password_is_listed(const char *z) {
  if (!*z) return 0;
  return bsearch(&z, password_words.azWord, password_words.nWord, sizeof(char *), password_cmp) != NULL;
}

/* Decodes the well-formed UTF-8 z into code points (at most max of them); returns how many. */
static size_t password_code_points(const char *z, unsigned *aCp, size_t max) {
  const unsigned char *s = (const unsigned char *)z;
  size_t n = 0;
  while (*s && n < max) {
    unsigned c = *s, cp, len;
    if (c < 0x80) cp = c, len = 1;
    else if (c < 0xE0) cp = c & 0x1F, len = 2;
    else if (c < 0xF0) cp = c & 0x0F, len = 3;
    else cp = c & 0x07, len = 4;
    for (unsigned k = 1; k < len; k++) cp = (cp << 6) | (s[k] & 0x3F);
    aCp[n++] = cp;
    s += len;
  }
  return n;
}

/* 1 when the code points are all the same, or each is one more (or each one less) than the one before it; the
 * digits wrap around as on a keyboard ("1234567890", "0987654321"). */
static int password_is_run(const unsigned *aCp, size_t n) {
  int same = 1, up = 1, down = 1;
  for (size_t i = 1; i < n; i++) {
    unsigned a = aCp[i - 1], b = aCp[i];
    same &= b == aCp[0];
    up &= b == a + 1 || (a == '9' && b == '0');
    down &= b + 1 == a || (a == '0' && b == '9');
  }
  return same || up || down;
}

/* 1 when the lower-case z is a stretch of one row of a US keyboard, forwards or backwards ("qwertyuiop"). */
static int password_is_keyboard_row(const char *z) {
  static const char *const azRow[] = {"`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./",
                                      "=-0987654321`", "\\][poiuytrewq", "';lkjhgfdsa", "/.,mnbvcxz"};
  for (size_t i = 0; i < sizeof azRow / sizeof azRow[0]; i++) {
    if (strstr(azRow[i], z)) return 1;
  }
  return 0;
}

/* 1 for an ASCII letter, or any non-ASCII byte (a letter of another script is part of the core). */
static int password_is_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

int password_policy_check(const char *zPassword, const char *zField, JwErr *e) {
  size_t n = strlen(zPassword);
  if (!utf8_valid(zPassword, n)) return err_field(e, zField, "密码不是有效的 UTF-8 文本");
  size_t len = utf8_length(zPassword, n);
  if (len < PASSWORD_MIN_CHARS) return err_field(e, zField, "密码至少 %d 个字符", PASSWORD_MIN_CHARS);
  if (len > PASSWORD_MAX_CHARS) return err_field(e, zField, "密码最多 %d 个字符", PASSWORD_MAX_CHARS);
  unsigned aCp[PASSWORD_MAX_CHARS];
  if (password_is_run(aCp, password_code_points(zPassword, aCp, PASSWORD_MAX_CHARS))) {
    return err_field(e, zField, "密码过于简单：不能是同一个字符的重复或连续的字符序列");
  }
  pthread_once(&password_words.once, password_load);
  if (password_words.nWord == 0) {
    return err_set(e, 500, "internal", zField, "无法读取常用密码词表 %s（请安装 cracklib-runtime），暂时不能设置密码",
                   PASSWORD_WORDLIST);
  }
  char *zLower = xstrdup(zPassword);
  password_ascii_lower(zLower);
  char *zCore = zLower, *zEnd = zLower + n;
  while (*zCore && !password_is_letter((unsigned char)*zCore)) zCore++;
  while (zEnd > zCore && !password_is_letter((unsigned char)zEnd[-1])) zEnd--;
  int listed = password_is_listed(zLower) || password_is_keyboard_row(zLower);
  *zEnd = 0;
  listed = listed || password_is_listed(zCore);
  free(zLower);
  if (listed) return err_field(e, zField, "密码过于常见（去掉首尾的数字和符号后是常用密码词表中的词），请换一个");
  return 0;
}
