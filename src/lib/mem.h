/* mem.h: allocation that aborts on failure (xmalloc family), and a per-request arena.
 *
 * Jianwu is an application, not a library: running out of memory is not recoverable, so every allocation goes
 * through xmalloc() and friends, which print a message and abort() on failure (as Fossil, Redis and h2o do).
 * An Arena hands out memory from large blocks and frees it all at once in arena_free(); a web request owns
 * one, so nothing a handler allocates from it has to be freed one by one. */
#ifndef JW_MEM_H
#define JW_MEM_H
#include <stddef.h>

void *xmalloc(size_t n);                 /* malloc or abort; never returns NULL */
void *xcalloc(size_t count, size_t n);   /* calloc or abort (checks count*n for overflow) */
void *xrealloc(void *p, size_t n);       /* realloc or abort */
char *xstrdup(const char *z);            /* strdup or abort; NULL in, NULL out */
char *xstrndup(const char *z, size_t n); /* copy of the first n bytes plus a NUL */

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
  ArenaBlock *pHead; /* newest block first */
} Arena;
#define ARENA_INIT \
  { 0 }

void *arena_alloc(Arena *a, size_t n);       /* n bytes, 16-aligned, zeroed; owned by the arena */
char *arena_strdup(Arena *a, const char *z); /* NULL in, NULL out */
char *arena_strndup(Arena *a, const char *z, size_t n);
char *arena_printf(Arena *a, const char *zFmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(Arena *a); /* frees every block; the arena can be reused */

#endif
