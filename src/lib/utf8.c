/* utf8.c: UTF-8 checks (see utf8.h). */
#include "lib/utf8.h"

#include <string.h>

int utf8_valid(const char *z, size_t n) {
  const unsigned char *s = (const unsigned char *)z;
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
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
    if (i + len > n) return 0;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
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
