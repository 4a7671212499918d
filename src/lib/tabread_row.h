/* tabread_row.h: the row under construction, shared by the CSV and XLSX readers (internal to src/lib/tabread_*.c).
 * Cells are appended to one growable byte area (each followed by a NUL); at the end of the row tabrow_emit() builds
 * the pointer array and calls the caller's row function. */
#ifndef JW_TABREAD_ROW_H
#define JW_TABREAD_ROW_H
#include <stddef.h>

#include "lib/tabread.h"

typedef struct TabRow {
  char *p;
  size_t n, cap;
  int nCol;
  size_t aOff[TABREAD_MAX_COLUMNS];
  size_t aLen[TABREAD_MAX_COLUMNS];
} TabRow;

/* Appends a cell of n bytes (the caller checked nCol < TABREAD_MAX_COLUMNS). */
void tabrow_add(TabRow *r, const char *z, size_t n);
/* Room for a cell of up to n bytes written in place at the returned pointer, then tabrow_commit(r, bytesWritten). */
char *tabrow_reserve(TabRow *r, size_t n);
void tabrow_commit(TabRow *r, size_t n);
/* Calls xRow with the row's cells and empties the row; returns what xRow returned. */
int tabrow_emit(TabRow *r, TabRowFn xRow, void *pCtx, long rowNo);
void tabrow_free(TabRow *r);

#endif
