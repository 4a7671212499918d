/* mem.c: xmalloc family and the Arena allocator (see mem.h). */
#include "lib/mem.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void mem_oom(size_t n) {
  fprintf(stderr, "jianwu: out of memory (%zu bytes)\n", n);
  abort();
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) mem_oom(n);
  return p;
}

void *xcalloc(size_t count, size_t n) {
  if (n && count > SIZE_MAX / n) mem_oom(SIZE_MAX);
  void *p = calloc(count ? count : 1, n ? n : 1);
  if (!p) mem_oom(count * n);
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) mem_oom(n);
  return q;
}

char *xstrdup(const char *z) {
  if (!z) return NULL;
  return xstrndup(z, strlen(z));
}

char *xstrndup(const char *z, size_t n) {
  char *p = xmalloc(n + 1);
  memcpy(p, z, n);
  p[n] = 0;
  return p;
}

/* One block of arena memory; `used` bytes of `size` are handed out. */
struct ArenaBlock {
  ArenaBlock *pNext;
  size_t size;
  size_t used;
  _Alignas(16) unsigned char data[];
};

#define ARENA_BLOCK_MIN 8192

void *arena_alloc(Arena *a, size_t n) {
  n = (n + 15) & ~(size_t)15;
  ArenaBlock *b = a->pHead;
  if (!b || b->size - b->used < n) {
    size_t size = n > ARENA_BLOCK_MIN ? n : ARENA_BLOCK_MIN;
    b = xmalloc(sizeof(ArenaBlock) + size);
    b->size = size;
    b->used = 0;
    b->pNext = a->pHead;
    a->pHead = b;
  }
  void *p = b->data + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

char *arena_strndup(Arena *a, const char *z, size_t n) {
  char *p = arena_alloc(a, n + 1);
  memcpy(p, z, n);
  p[n] = 0;
  return p;
}

char *arena_strdup(Arena *a, const char *z) {
  return z ? arena_strndup(a, z, strlen(z)) : NULL;
}

char *arena_printf(Arena *a, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  int n = vsnprintf(NULL, 0, zFmt, ap);
  va_end(ap);
  if (n < 0) return arena_strdup(a, "");
  char *p = arena_alloc(a, (size_t)n + 1);
  va_start(ap, zFmt);
  vsnprintf(p, (size_t)n + 1, zFmt, ap);
  va_end(ap);
  return p;
}

void arena_free(Arena *a) {
  ArenaBlock *b = a->pHead;
  while (b) {
    ArenaBlock *next = b->pNext;
    free(b);
    b = next;
  }
  a->pHead = NULL;
}
