/* utf8.c: UTF-8 checks and character-safe truncation (see utf8.h). */
#include "lib/utf8.h"

#include <string.h>

/* The length in bytes of the well-formed UTF-8 sequence at s[0..n), or 0 when it is not one. */
static size_t utf8_sequence(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned cp;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else return 0;
  if (len > n) return 0;
  for (size_t k = 1; k < len; k++) {
    if ((s[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[k] & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  return len;
}

int utf8_valid(const char *z, size_t n) {
  const unsigned char *s = (const unsigned char *)z;
  size_t i = 0;
  while (i < n) {
    size_t len = utf8_sequence(s + i, n - i);
    if (!len) return 0;
    i += len;
  }
  return 1;
}

size_t utf8_length(const char *z, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    if (((unsigned char)z[i] & 0xC0) != 0x80) count++;
  }
  return count;
}

int utf8_has_control(const char *z, size_t n, const char *zAllowed) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)z[i];
    if ((c < 0x20 || c == 0x7F) && !(c && zAllowed && strchr(zAllowed, c))) return 1;
  }
  return 0;
}

size_t utf8_prefix(const char *z, size_t n, size_t max) {
  if (n <= max) return n;
  size_t k = max;
  /* z[k] starts the first character left out; back up while it is a continuation byte */
  while (k > 0 && ((unsigned char)z[k] & 0xC0) == 0x80) k--;
  return k;
}

int utf8_copy(char *zDst, size_t nDst, const char *zSrc) {
  static const char zEllipsis[] = "\xE2\x80\xA6"; /* U+2026 */
  size_t n = strlen(zSrc);
  if (n < nDst) {
    memcpy(zDst, zSrc, n + 1);
    return 0;
  }
  size_t k = utf8_prefix(zSrc, n, nDst - sizeof zEllipsis);
  memcpy(zDst, zSrc, k);
  memcpy(zDst + k, zEllipsis, sizeof zEllipsis); /* with its NUL */
  return 1;
}

size_t utf8_scrub(char *z) {
  unsigned char *s = (unsigned char *)z;
  size_t n = strlen(z), i = 0, replaced = 0;
  while (i < n) {
    size_t len = utf8_sequence(s + i, n - i);
    if (len) {
      i += len;
    } else {
      s[i++] = '?';
      replaced++;
    }
  }
  return replaced;
}
