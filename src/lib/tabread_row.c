/* tabread_row.c: the row builder of tabread_row.h. */
#include <stdlib.h>
#include <string.h>

#include "lib/mem.h"
#include "lib/tabread_row.h"

char *tabrow_reserve(TabRow *r, size_t n) {
  if (r->n + n + 1 > r->cap) {
    size_t cap = r->cap ? r->cap : 4096;
    while (cap < r->n + n + 1) cap *= 2;
    r->p = xrealloc(r->p, cap);
    r->cap = cap;
  }
  return r->p + r->n;
}

void tabrow_commit(TabRow *r, size_t n) {
  r->aOff[r->nCol] = r->n;
  r->aLen[r->nCol] = n;
  r->p[r->n + n] = 0;
  r->n += n + 1;
  r->nCol++;
}

void tabrow_add(TabRow *r, const char *z, size_t n) {
  char *zDst = tabrow_reserve(r, n);
  if (n) memcpy(zDst, z, n);
  tabrow_commit(r, n);
}

int tabrow_emit(TabRow *r, TabRowFn xRow, void *pCtx, long rowNo) {
  char *az[TABREAD_MAX_COLUMNS];
  for (int i = 0; i < r->nCol; i++) az[i] = r->p + r->aOff[i];
  int rc = xRow ? xRow(pCtx, rowNo, r->nCol, az, r->aLen) : 0;
  r->n = 0;
  r->nCol = 0;
  return rc;
}

void tabrow_free(TabRow *r) {
  free(r->p);
  r->p = NULL;
  r->n = r->cap = 0;
  r->nCol = 0;
}
