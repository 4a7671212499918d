/* fuzz_tabread_xlsx.c: libFuzzer target for the XLSX reader (lib/tabread.h): the bytes are taken as a zip (libzip)
 * whose parts expat parses (workbook, relationships, shared strings, the sheet). Besides "no crash, no leak", every
 * cell must be NUL-terminated valid UTF-8 of the length given (expat hands out UTF-8), at most TABREAD_MAX_COLUMNS
 * cells a row, and a refusal must carry a message. A small inflate limit (1 MiB) keeps a generated zip bomb cheap
 * and makes the limit path reachable. Seeds: any .xlsx (fuzz/corpus/tabread_xlsx). */
#include <stdlib.h>
#include <string.h>

#include "lib/tabread.h"
#include "lib/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok) {
  if (!ok) abort();
}

static int on_row(void *pCtx, long rowNo, int nCol, char **azCol, const size_t *anCol) {
  (void)pCtx;
  check(rowNo >= 1);
  check(nCol >= 0 && nCol <= TABREAD_MAX_COLUMNS);
  for (int i = 0; i < nCol; i++) {
    check(strlen(azCol[i]) == anCol[i]);
    check(utf8_valid(azCol[i], anCol[i]));
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t *p = malloc(size ? size : 1); /* an exact-size copy: ASan sees any overread */
  memcpy(p, data, size);
  TabReadOpts o = {.xRow = on_row, .maxCell = 1u << 16, .maxRows = 10000, .maxInflated = 1u << 20};
  JwErr e;
  int rc = tabread_xlsx_buffer(p, size, &o, NULL, &e);
  check(rc == 0 || rc == -1);
  if (rc) check(e.message[0] != 0);
  free(p);
  return 0;
}
