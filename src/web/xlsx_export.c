/* xlsx_export.c: the Excel writer of the lists' exports over libxlsxwriter (see xlsx_export.h). */
#include "web/xlsx_export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/date.h"
#include "lib/buf.h"
#include "lib/log.h"
#include "lib/mem.h"

struct XlsxExport {
  const XlsxList *list;
  char zPath[4096]; /* the temporary file, until it is unlinked */
  int fd;           /* open on zPath (0600) from the start: the file we send */
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *fHeader, *fDate, *fDateTime, *fText;
  int64_t rows;
  int failed;
};

#define XLSX_CUT_MARK "…（已截断）"

size_t xlsx_cell_text_len(const char *z, size_t n, int *pCut) {
  /* libxlsxwriter counts code points; Excel counts UTF-16 units: a character above U+FFFF counts 2, so count that */
  size_t units = 0, i = 0, keep = 0;
  size_t markUnits = 6; /* "…（已截断）": six characters of the BMP */
  *pCut = 0;
  while (i < n) {
    unsigned char c = (unsigned char)z[i];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + len > n) len = n - i;
    units += len == 4 ? 2 : 1;
    if (units <= XLSX_CELL_MAX_CHARS - markUnits) keep = i + len;
    if (units > XLSX_CELL_MAX_CHARS) {
      *pCut = 1;
      return keep;
    }
    i += len;
  }
  return n;
}

/* Writes text as a string cell (never a formula), cut to Excel's limit at a character boundary. */
static lxw_error xlsx_write_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *z, lxw_format *f) {
  size_t n = strlen(z);
  int cut;
  size_t keep = xlsx_cell_text_len(z, n, &cut);
  if (!cut) return worksheet_write_string(ws, row, col, z, f);
  Buf b = BUF_INIT;
  buf_append(&b, z, keep);
  buf_puts(&b, XLSX_CUT_MARK);
  lxw_error rc = worksheet_write_string(ws, row, col, buf_cstr(&b), f);
  buf_free(&b);
  return rc;
}

/* "YYYY-MM-DD" (the first 10 bytes of z) as a libxlsxwriter date; 0 ok, -1 not a date. */
static int xlsx_parse_date(const char *z, lxw_datetime *dt) {
  JwDate d;
  if (strlen(z) < 10 || date_parse(z, 10, &d)) return -1;
  memset(dt, 0, sizeof *dt);
  date_to_ymd(d, &dt->year, &dt->month, &dt->day);
  return 0;
}

/* A UTC instant "YYYY-MM-DDTHH:MM:SS..." as the date-time it is in China Standard Time (UTC+8); 0 ok, -1 not one. */
static int xlsx_parse_instant_china(const char *z, lxw_datetime *dt) {
  JwDate d;
  int h, m, s;
  if (strlen(z) < 19 || date_parse(z, 10, &d) || z[10] != 'T' || sscanf(z + 11, "%2d:%2d:%2d", &h, &m, &s) != 3 ||
      h > 23 || m > 59 || s > 60) {
    return -1;
  }
  h += 8;
  if (h >= 24) {
    h -= 24;
    d += 1;
  }
  memset(dt, 0, sizeof *dt);
  date_to_ymd(d, &dt->year, &dt->month, &dt->day);
  dt->hour = h;
  dt->min = m;
  dt->sec = s;
  return 0;
}

/* The text of a code or an array of codes: labels joined by "、". */
static void xlsx_code_text(Buf *b, const json_t *v, const char *(*xLabel)(const char *)) {
  if (json_is_array(v)) {
    for (size_t i = 0; i < json_array_size(v); i++) {
      if (i) buf_puts(b, "、");
      xlsx_code_text(b, json_array_get(v, i), xLabel);
    }
    return;
  }
  const char *z = json_string_value(v);
  if (!z) return;
  const char *zLabel = xLabel ? xLabel(z) : NULL;
  buf_puts(b, zLabel ? zLabel : z);
}

/* One cell of an item; a missing or null value leaves the cell empty. */
static lxw_error xlsx_write_cell(XlsxExport *x, lxw_row_t row, lxw_col_t col, const XlsxColumn *c, const json_t *v) {
  lxw_datetime dt;
  char zNum[32];
  if (!v || json_is_null(v)) return LXW_NO_ERROR;
  switch (c->type) {
    case XLSX_DATE:
      if (json_is_string(v) && xlsx_parse_date(json_string_value(v), &dt) == 0) {
        return worksheet_write_datetime(x->ws, row, col, &dt, x->fDate);
      }
      break;
    case XLSX_DATETIME:
      if (json_is_string(v) && xlsx_parse_instant_china(json_string_value(v), &dt) == 0) {
        return worksheet_write_datetime(x->ws, row, col, &dt, x->fDateTime);
      }
      break;
    case XLSX_INTEGER:
      if (json_is_integer(v)) return worksheet_write_number(x->ws, row, col, (double)json_integer_value(v), NULL);
      break;
    case XLSX_BOOLEAN:
      if (json_is_boolean(v)) return worksheet_write_string(x->ws, row, col, json_is_true(v) ? "是" : "否", NULL);
      break;
    case XLSX_CODE: {
      Buf b = BUF_INIT;
      xlsx_code_text(&b, v, c->xLabel);
      lxw_error rc = xlsx_write_text(x->ws, row, col, buf_cstr(&b), x->fText);
      buf_free(&b);
      return rc;
    }
    case XLSX_TEXT:
      break;
  }
  /* text, or a value of another shape than the column's: written as text, as it came */
  if (json_is_string(v)) return xlsx_write_text(x->ws, row, col, json_string_value(v), x->fText);
  if (json_is_integer(v)) {
    snprintf(zNum, sizeof zNum, "%lld", (long long)json_integer_value(v));
    return worksheet_write_string(x->ws, row, col, zNum, x->fText);
  }
  if (json_is_boolean(v)) return worksheet_write_string(x->ws, row, col, json_is_true(v) ? "是" : "否", NULL);
  char *z = json_dumps(v, JSON_COMPACT);
  lxw_error rc = z ? xlsx_write_text(x->ws, row, col, z, x->fText) : LXW_NO_ERROR;
  free(z);
  return rc;
}

XlsxExport *xlsx_export_open(const XlsxList *list, JwErr *e) {
  XlsxExport *x = xcalloc(1, sizeof *x);
  x->list = list;
  const char *zDir = getenv("TMPDIR");
  if (!zDir || !*zDir) zDir = "/tmp";
  snprintf(x->zPath, sizeof x->zPath, "%s/jianwu-export-XXXXXX", zDir);
  x->fd = mkstemp(x->zPath); /* created 0600 (no umask change: other threads create files too) */
  if (x->fd < 0) {
    log_error("export: mkstemp in %s: %s", zDir, strerror(errno));
    free(x);
    err_internal(e, "export temp file");
    return NULL;
  }
  lxw_workbook_options opt = {.constant_memory = 1, .tmpdir = (char *)zDir, .use_zip64 = 0};
  x->wb = workbook_new_opt(x->zPath, &opt);
  x->ws = x->wb ? workbook_add_worksheet(x->wb, list->zName) : NULL;
  if (!x->ws) {
    xlsx_export_abort(x);
    err_internal(e, "export workbook");
    return NULL;
  }
  x->fHeader = workbook_add_format(x->wb);
  format_set_bold(x->fHeader);
  format_set_bg_color(x->fHeader, 0xDDE4EE);
  format_set_bottom(x->fHeader, LXW_BORDER_THIN);
  x->fDate = workbook_add_format(x->wb);
  format_set_num_format(x->fDate, "yyyy-mm-dd");
  x->fDateTime = workbook_add_format(x->wb);
  format_set_num_format(x->fDateTime, "yyyy-mm-dd hh:mm:ss");
  x->fText = workbook_add_format(x->wb);
  format_set_num_format(x->fText, "@");
  for (int i = 0; i < list->nCol; i++) {
    worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, list->aCol[i].width, NULL);
    worksheet_write_string(x->ws, 0, (lxw_col_t)i, list->aCol[i].zHeader, x->fHeader);
  }
  worksheet_freeze_panes(x->ws, 1, 0);
  return x;
}

int xlsx_export_row(const json_t *row, void *ctx) {
  XlsxExport *x = ctx;
  lxw_row_t r = (lxw_row_t)(x->rows + 1);
  for (int i = 0; i < x->list->nCol; i++) {
    const XlsxColumn *c = &x->list->aCol[i];
    lxw_error rc = xlsx_write_cell(x, r, (lxw_col_t)i, c, json_object_get(row, c->zKey));
    if (rc != LXW_NO_ERROR) {
      log_error("export: row %lld column %s: %s", (long long)x->rows + 1, c->zKey, lxw_strerror(rc));
      x->failed = 1;
      return -1;
    }
  }
  x->rows++;
  return 0;
}

int64_t xlsx_export_rows(const XlsxExport *x) {
  return x->rows;
}

/* The "导出说明" sheet. */
static void xlsx_write_notes(XlsxExport *x, const XlsxNotes *n) {
  lxw_worksheet *ws = workbook_add_worksheet(x->wb, "导出说明");
  if (!ws) return;
  worksheet_set_column(ws, 0, 0, 12, NULL);
  worksheet_set_column(ws, 1, 1, 60, NULL);
  worksheet_write_string(ws, 0, 0, "项目", x->fHeader);
  worksheet_write_string(ws, 0, 1, "内容", x->fHeader);
  /* constant_memory: each row is written whole before the next */
  const char *azLabel[] = {"单位", "列表", "筛选条件", "导出人", "导出时间（北京时间）", "行数"};
  const char *azValue[] = {n->zOffice ? n->zOffice : "", x->list->zName,
                           n->zFilter && *n->zFilter ? n->zFilter : "全部", n->zExporter ? n->zExporter : ""};
  for (int i = 0; i < 6; i++) {
    lxw_row_t row = (lxw_row_t)(i + 1);
    worksheet_write_string(ws, row, 0, azLabel[i], NULL);
    lxw_datetime dt;
    if (i < 4) xlsx_write_text(ws, row, 1, azValue[i], x->fText);
    else if (i == 4 && n->zAt && xlsx_parse_instant_china(n->zAt, &dt) == 0) {
      worksheet_write_datetime(ws, row, 1, &dt, x->fDateTime);
    } else if (i == 5) worksheet_write_number(ws, row, 1, (double)x->rows, NULL);
  }
}

int xlsx_export_finish(XlsxExport *x, const XlsxNotes *notes, int *pFd, uint64_t *pSize, JwErr *e) {
  int nCol = x->list->nCol;
  /* the autofilter spans the header and every row (the header alone when there are none) */
  worksheet_autofilter(x->ws, 0, 0, (lxw_row_t)x->rows, (lxw_col_t)(nCol > 0 ? nCol - 1 : 0));
  xlsx_write_notes(x, notes);
  lxw_error rc = workbook_close(x->wb);
  x->wb = NULL;
  struct stat st;
  if (x->failed || rc != LXW_NO_ERROR || fstat(x->fd, &st) || lseek(x->fd, 0, SEEK_SET) != 0) {
    if (rc != LXW_NO_ERROR) log_error("export: workbook_close: %s", lxw_strerror(rc));
    xlsx_export_abort(x);
    return err_internal(e, "export write");
  }
  unlink(x->zPath);
  *pFd = x->fd;
  *pSize = (uint64_t)st.st_size;
  free(x);
  return 0;
}

void xlsx_export_abort(XlsxExport *x) {
  if (!x) return;
  if (x->wb) workbook_close(x->wb); /* frees it; the file is dropped below */
  if (x->fd >= 0) close(x->fd);
  unlink(x->zPath);
  free(x);
}

char *xlsx_content_disposition(const XlsxList *list, const char *zDay) {
  Buf name = BUF_INIT, b = BUF_INIT;
  buf_printf(&name, "%s-%s.xlsx", list->zName, zDay);
  buf_printf(&b, "attachment; filename=\"%s-%s.xlsx\"; filename*=UTF-8''", list->zAscii, zDay);
  static const char hex[] = "0123456789ABCDEF";
  for (size_t i = 0; i < name.n; i++) {
    unsigned char c = (unsigned char)name.z[i];
    /* RFC 5987 attr-char: ALPHA DIGIT ! # $ & + - . ^ _ ` | ~ */
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("!#$&+-.^_`|~", c)) {
      buf_append(&b, (const char *)&c, 1);
    } else {
      char z[3] = {'%', hex[c >> 4], hex[c & 15]};
      buf_append(&b, z, 3);
    }
  }
  buf_free(&name);
  char *z = xstrdup(buf_cstr(&b));
  buf_free(&b);
  return z;
}
