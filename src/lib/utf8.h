/* utf8.h: UTF-8 validation, code-point counting for input limits, and truncation that never cuts a character. */
#ifndef JW_UTF8_H
#define JW_UTF8_H
#include <stddef.h>

/* Returns 1 when z[0..n) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF), else 0. */
int utf8_valid(const char *z, size_t n);
/* Number of code points in the well-formed UTF-8 string z[0..n). */
size_t utf8_length(const char *z, size_t n);
/* Returns 1 when z contains an ASCII control character (0x00-0x1F, 0x7F) other than those in zAllowed. */
int utf8_has_control(const char *z, size_t n, const char *zAllowed);

/* The length of the longest prefix of z[0..n) that is at most max bytes and does not end inside a multi-byte
 * character (it backs up over continuation bytes). For well-formed input the prefix is well-formed too. */
size_t utf8_prefix(const char *z, size_t n, size_t max);
/* Copies the NUL-terminated zSrc into zDst (nDst bytes, nDst >= 4), always NUL-terminated. When zSrc does not fit,
 * copies the longest whole-character prefix that leaves room for "…" (U+2026, 3 bytes) and appends it. Returns 1
 * when it truncated, else 0. */
int utf8_copy(char *zDst, size_t nDst, const char *zSrc);
/* Replaces, in place, every byte of the NUL-terminated z that is not part of a well-formed UTF-8 sequence by '?',
 * so the result is always valid UTF-8 (and can go into JSON). Returns the number of bytes replaced. */
size_t utf8_scrub(char *z);

#endif
