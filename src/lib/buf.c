/* buf.c: the growable byte buffer (see buf.h). */
#include "lib/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/mem.h"

static void buf_reserve(Buf *b, size_t nMore) {
  size_t need = b->n + nMore + 1;
  if (need <= b->nAlloc) return;
  size_t a = b->nAlloc ? b->nAlloc * 2 : 256;
  while (a < need) a *= 2;
  b->z = xrealloc(b->z, a);
  b->nAlloc = a;
}

void buf_append(Buf *b, const void *p, size_t n) {
  buf_reserve(b, n);
  if (n) memcpy(b->z + b->n, p, n);
  b->n += n;
  b->z[b->n] = 0;
}

void buf_puts(Buf *b, const char *z) {
  buf_append(b, z, strlen(z));
}

void buf_putc(Buf *b, char c) {
  buf_append(b, &c, 1);
}

void buf_vprintf(Buf *b, const char *zFmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, zFmt, ap2);
  va_end(ap2);
  if (n <= 0) return;
  buf_reserve(b, (size_t)n);
  vsnprintf(b->z + b->n, (size_t)n + 1, zFmt, ap);
  b->n += (size_t)n;
}

void buf_printf(Buf *b, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  buf_vprintf(b, zFmt, ap);
  va_end(ap);
}

void buf_reset(Buf *b) {
  b->n = 0;
  if (b->z) b->z[0] = 0;
}

void buf_free(Buf *b) {
  free(b->z);
  b->z = NULL;
  b->n = b->nAlloc = 0;
}

char *buf_detach(Buf *b) {
  char *z = b->z ? b->z : xstrdup("");
  b->z = NULL;
  b->n = b->nAlloc = 0;
  return z;
}

const char *buf_cstr(Buf *b) {
  return b->z ? b->z : "";
}
