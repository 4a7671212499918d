/* tabread.h: streaming readers of tabular files from other agencies (issue 12 §1): CSV (libcsv) in UTF-8 or
 * GB18030/GBK, and XLSX (libzip + expat). Both hand the caller one row at a time, as UTF-8, and never hold the
 * whole file in memory: a CSV is read in 64 KiB chunks; an XLSX sheet is inflated and parsed as a stream (only the
 * workbook's shared-string table is kept, within a limit).
 *
 * Rows are numbered as a person sees them: the CSV's records from 1 (the header is row 1), the XLSX sheet's r
 * attribute (Excel's row number). Empty CSV lines and rows whose cells are all empty are still passed (the caller
 * skips them). A cell's text is NUL-terminated and valid UTF-8; its bytes are never interpreted (a cell starting with
 * "=" is text like any other: no formula is evaluated; an XLSX formula cell gives its formula text with a leading
 * "=").
 *
 * A file the reader cannot read (an open quote at the end, bytes that are not the detected encoding, a cell over
 * maxCell bytes, more than maxRows rows, a truncated or corrupt zip, an XLSX inflating beyond maxInflated bytes: a zip
 * bomb) stops the read: the function fills a JwErr (status 400 or 413, code "import_file_invalid" or
 * "import_too_large", field "file", a message in Chinese with the row when known) and returns -1. Pure apart from
 * reading the named file: no global state. */
#ifndef JW_TABREAD_H
#define JW_TABREAD_H
#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"

#define TABREAD_MAX_CELL     (1u << 20)     /* default bytes in one cell (1 MiB; a 30 MB cell is refused) */
#define TABREAD_MAX_COLUMNS  512            /* cells in one row; more is refused */
#define TABREAD_MAX_ROWS     10000000L      /* default rows in one file (issue 12: 10 M) */
#define TABREAD_MAX_INFLATED (4ull << 30)   /* default bytes an XLSX may inflate to, all parts together (4 GiB) */
#define TABREAD_MAX_SHARED   (512ull << 20) /* bytes of an XLSX's shared strings kept in memory (512 MiB) */

/* The encodings of a CSV file. */
typedef enum { TABREAD_UTF8 = 1, TABREAD_GB18030 = 2 } TabEncoding;

/* Called once per row: nCol cells azCol[0..nCol-1] (NUL-terminated UTF-8; anCol their byte lengths), valid only
 * during the call. Return 0 to go on, non-zero to stop reading (the reader then returns that value; fill your own
 * error first). */
typedef int (*TabRowFn)(void *pCtx, long rowNo, int nCol, char **azCol, const size_t *anCol);
/* Called now and then with the bytes read so far and the total expected (both of the input as stored). */
typedef void (*TabProgressFn)(void *pCtx, uint64_t done, uint64_t total);

typedef struct TabReadOpts {
  TabRowFn xRow;
  TabProgressFn xProgress; /* may be NULL */
  void *pCtx;              /* handed to both */
  size_t maxCell;          /* 0: TABREAD_MAX_CELL */
  long maxRows;            /* 0: TABREAD_MAX_ROWS */
  uint64_t maxInflated;    /* XLSX only; 0: TABREAD_MAX_INFLATED */
  const char *zSheet;      /* XLSX only: the sheet's name; NULL: the first sheet */
} TabReadOpts;

/* What the reader found. */
typedef struct TabReadInfo {
  TabEncoding encoding; /* CSV: detected; XLSX: always UTF-8 */
  int bom;              /* 1 when a byte-order mark was skipped */
  long rows;            /* rows passed to xRow */
  char zSheet[256];     /* XLSX: the sheet read (UTF-8) */
} TabReadInfo;

/* Detects the encoding of a CSV from its first n bytes (all of the file when atEnd): a UTF-8 BOM (EF BB BF) or a
 * GB18030 BOM (84 31 95 33) decides, and *pnBom is set to its length; otherwise the bytes are UTF-8 if they are valid
 * UTF-8 (a sequence cut by the end of the sample, when not atEnd, is allowed), else GB18030 (which includes GBK and
 * GB2312). A UTF-16 BOM (FF FE, FE FF) returns 0: not supported. */
TabEncoding tabread_detect_encoding(const unsigned char *p, size_t n, int atEnd, size_t *pnBom);

/* Reads the CSV file zPath (comma-separated, RFC 4180 quoting, CRLF or LF) row by row. 0, the non-zero value xRow
 * returned, or -1 with e filled. */
int tabread_csv_file(const char *zPath, const TabReadOpts *o, TabReadInfo *pInfo, JwErr *e);
/* The same over n bytes in memory (the tests and the fuzz target). */
int tabread_csv_buffer(const void *p, size_t n, const TabReadOpts *o, TabReadInfo *pInfo, JwErr *e);

/* Reads one sheet of the XLSX file zPath (o->zSheet, else the workbook's first) row by row. Shared strings, inline
 * strings, numbers (as written in the file: a date is its Excel serial number), booleans (1/0), error values (#N/A)
 * and formulas (their formula text after "=") are all given as text. 0, xRow's non-zero value, or -1 with e. */
int tabread_xlsx_file(const char *zPath, const TabReadOpts *o, TabReadInfo *pInfo, JwErr *e);
/* The same over n bytes in memory (the tests and the fuzz target); the bytes are not copied and must outlive the
 * call. */
int tabread_xlsx_buffer(const void *p, size_t n, const TabReadOpts *o, TabReadInfo *pInfo, JwErr *e);

/* 1 when the n bytes look like a zip (XLSX) file: they start with "PK\x03\x04". */
int tabread_is_zip(const void *p, size_t n);

#endif
