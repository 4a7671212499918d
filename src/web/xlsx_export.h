/* xlsx_export.h: the one Excel writer of every list's export (libxlsxwriter, constant_memory mode: rows are streamed
 * to disk as they come, so 100,000 rows cost the memory of one).
 *
 * A list describes its columns once (XlsxColumn: the JSON key of the list item, the Chinese header, how the value is
 * written, the width); xlsx_export_row() is the StoreExport callback that writes one list item as one row. The file
 * has two sheets: the list (header row frozen, autofilter over the rows, widths) and "导出说明" (office, list,
 * filter in force, who exported, when, row count). It is written to a private temporary file (0600, unlinked once
 * finished), whose descriptor the caller sends and closes.
 *
 * Values are written as Excel would keep them: text always through worksheet_write_string (a leading '=' stays text,
 * never a formula), cut at a character boundary with a mark when longer than Excel's 32,767 characters; dates as
 * real date cells (yyyy-mm-dd); instants, stored in UTC, as date-time cells in China Standard Time. */
#ifndef JW_XLSX_EXPORT_H
#define JW_XLSX_EXPORT_H
#include <jansson.h>
#include <stdint.h>

#include "lib/err.h"

typedef enum XlsxType {
  XLSX_TEXT,     /* a string (a number is written as its digits, as text) */
  XLSX_DATE,     /* "YYYY-MM-DD": a date cell */
  XLSX_DATETIME, /* "YYYY-MM-DDTHH:MM:SSZ" (UTC): a date-time cell in China Standard Time */
  XLSX_INTEGER,  /* a number cell */
  XLSX_BOOLEAN,  /* 是 / 否 */
  XLSX_CODE      /* a code (or an array of codes) shown by its Chinese label, xLabel(code); unknown codes as is */
} XlsxType;

typedef struct XlsxColumn {
  const char *zKey;    /* the key in the list's JSON item */
  const char *zHeader; /* the Chinese header */
  XlsxType type;
  double width;                             /* in characters (a Chinese character is about 2) */
  const char *(*xLabel)(const char *zCode); /* XLSX_CODE: the label, or NULL for an unknown code */
} XlsxColumn;

typedef struct XlsxList {
  const char *zName;  /* "案件列表": the first sheet's name and the file name's start */
  const char *zAscii; /* "cases": the ASCII fallback file name's start */
  const XlsxColumn *aCol;
  int nCol;
} XlsxList;

/* What the "导出说明" sheet says. */
typedef struct XlsxNotes {
  const char *zOffice;   /* the office's name */
  const char *zFilter;   /* the filter in force, in Chinese ("全部" when none) */
  const char *zExporter; /* "张三（zhangsan）" */
  const char *zAt;       /* when, UTC "YYYY-MM-DDTHH:MM:SSZ" (shown in China Standard Time) */
} XlsxNotes;

/* Excel's limit on a cell's text, in characters. */
#define XLSX_CELL_MAX_CHARS 32767

typedef struct XlsxExport XlsxExport;

/* Starts a workbook for the list in a private temporary file. NULL with e filled (500) when it cannot. */
XlsxExport *xlsx_export_open(const XlsxList *list, JwErr *e);
/* The StoreExport callback (ctx: the XlsxExport): writes one item. 0, or -1 when the file cannot be written. */
int xlsx_export_row(const json_t *row, void *ctx);
/* Rows written so far. */
int64_t xlsx_export_rows(const XlsxExport *x);
/* Writes the notes sheet, closes the workbook and frees x. On success *pFd is the open, unlinked file at offset 0 and
 * *pSize its size; the caller closes it (or hands it to libmicrohttpd, reply_fd). -1 with e filled otherwise. */
int xlsx_export_finish(XlsxExport *x, const XlsxNotes *notes, int *pFd, uint64_t *pSize, JwErr *e);
/* Drops an unfinished workbook and its file. */
void xlsx_export_abort(XlsxExport *x);

/* The file name "案件列表-2026-12-02.xlsx" as a Content-Disposition value with the RFC 5987 UTF-8 form and an ASCII
 * fallback: attachment; filename="cases-2026-12-02.xlsx"; filename*=UTF-8''%E6%A1%88... (zDay: China Standard Time
 * "YYYY-MM-DD"). Heap memory the caller frees. */
char *xlsx_content_disposition(const XlsxList *list, const char *zDay);

/* Text cut to at most XLSX_CELL_MAX_CHARS characters at a character boundary, with "…（已截断）" at its end when it
 * was cut: the length in bytes of the part kept (*pCut 1 when cut). Exposed for the unit tests. */
size_t xlsx_cell_text_len(const char *z, size_t n, int *pCut);

#endif
