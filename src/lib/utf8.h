/* utf8.h: UTF-8 validation and code-point counting for input limits. */
#ifndef JW_UTF8_H
#define JW_UTF8_H
#include <stddef.h>

/* Returns 1 when z[0..n) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF), else 0. */
int utf8_valid(const char *z, size_t n);
/* Number of code points in the well-formed UTF-8 string z[0..n). */
size_t utf8_length(const char *z, size_t n);
/* Returns 1 when z contains an ASCII control character (0x00-0x1F, 0x7F) other than those in zAllowed. */
int utf8_has_control(const char *z, size_t n, const char *zAllowed);

#endif
