/* buf.h: Buf, the one growable, length-carrying byte buffer for all output and string building.
 *
 * A Buf always keeps a NUL after its content, so b.z can be used as a C string. Appends may move b.z: never keep
 * a pointer into a Buf across an append. Buf memory is heap memory owned by the Buf; buf_free() releases it and
 * leaves an empty Buf that can be reused. */
#ifndef JW_BUF_H
#define JW_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct Buf {
  char *z;  /* content, NUL-terminated; NULL while nothing was ever appended */
  size_t n; /* bytes of content */
  size_t nAlloc;
} Buf;
#define BUF_INIT \
  { 0 }

void buf_append(Buf *b, const void *p, size_t n);
void buf_puts(Buf *b, const char *z);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *zFmt, va_list ap);
void buf_reset(Buf *b);       /* empties, keeps memory */
void buf_free(Buf *b);        /* releases memory */
char *buf_detach(Buf *b);     /* hands the heap string to the caller (free() it); Buf becomes empty */
const char *buf_cstr(Buf *b); /* content as a C string ("" when empty) */

#endif
