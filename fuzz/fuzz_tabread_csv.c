/* fuzz_tabread_csv.c: libFuzzer target for the CSV reader (lib/tabread.h) on the bytes as given: encoding detection,
 * libcsv's quoting, the UTF-8 check and the GB18030 conversion. Besides "no crash, no leak", every cell handed to the
 * row function must be NUL-terminated valid UTF-8 of the length given, no row may have more than
 * TABREAD_MAX_COLUMNS cells, and rows are numbered 1, 2, 3 ... A small cell limit makes the limit paths reachable. */
#include <stdlib.h>
#include <string.h>

#include "lib/tabread.h"
#include "lib/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok) {
  if (!ok) abort();
}

static int on_row(void *pCtx, long rowNo, int nCol, char **azCol, const size_t *anCol) {
  long *pLast = pCtx;
  check(rowNo == *pLast + 1);
  *pLast = rowNo;
  check(nCol >= 0 && nCol <= TABREAD_MAX_COLUMNS);
  for (int i = 0; i < nCol; i++) {
    check(strlen(azCol[i]) == anCol[i]);
    check(utf8_valid(azCol[i], anCol[i]));
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  long last = 0;
  TabReadOpts o = {.xRow = on_row, .pCtx = &last, .maxCell = 4096, .maxRows = 1000};
  TabReadInfo info;
  JwErr e;
  int rc = tabread_csv_buffer(data, size, &o, &info, &e);
  check(rc == 0 || rc == -1);
  if (rc == 0) check(info.rows == last);
  else check(e.message[0] && utf8_valid(e.message, strlen(e.message)));
  return 0;
}
