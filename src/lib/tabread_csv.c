/* tabread_csv.c: the CSV half of tabread.h. libcsv (Debian libcsv-dev) splits the bytes into fields and records in
 * strict mode (a quote left open at the end of the file, or a stray quote, is an error); each field is checked or
 * converted to UTF-8 as it arrives: UTF-8 input is validated (a byte that is not UTF-8 is an encoding mixed into the
 * file), GB18030 input goes through glibc's iconv. GB18030's trailing bytes are never a comma, quote, CR or LF
 * (two-byte: 0x40..0xFE; four-byte: 0x30..0x39), so splitting before converting is safe. */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "lib/tabread.h"
#include "lib/tabread_row.h"
#include "lib/utf8.h"

#define CSV_CHUNK (64 * 1024)

typedef struct CsvState {
  const TabReadOpts *o;
  TabReadInfo *pInfo;
  JwErr *e;
  size_t maxCell;
  long maxRows;
  TabEncoding enc;
  iconv_t cd;
  TabRow row;
  long rowNo; /* rows completed */
  int rc;     /* 0 while reading; else the value to return */
} CsvState;

TabEncoding tabread_detect_encoding(const unsigned char *p, size_t n, int atEnd, size_t *pnBom) {
  *pnBom = 0;
  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
    *pnBom = 3;
    return TABREAD_UTF8;
  }
  if (n >= 4 && p[0] == 0x84 && p[1] == 0x31 && p[2] == 0x95 && p[3] == 0x33) {
    *pnBom = 4;
    return TABREAD_GB18030;
  }
  if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) return 0;
  size_t m = n;
  if (!atEnd) {
    /* back up over a sequence the end of the sample may have cut: at most 3 bytes of a 4-byte character */
    size_t k = 0;
    while (k < 3 && k < m && (p[m - 1 - k] & 0xC0) == 0x80) k++;
    if (k < m && p[m - 1 - k] >= 0xC0) m -= k + 1;
  }
  return utf8_valid((const char *)p, m) ? TABREAD_UTF8 : TABREAD_GB18030;
}

static void csv_fail(CsvState *s, int status, const char *zCode, const char *zMsg) {
  if (s->rc) return;
  err_set(s->e, status, zCode, "file", "%s", zMsg);
  s->rc = -1;
}

static void csv_on_field(void *pField, size_t n, void *pCtx) {
  CsvState *s = pCtx;
  if (s->rc) return;
  const char *z = pField ? pField : "";
  char zMsg[256];
  int col = s->row.nCol + 1;
  if (s->row.nCol >= TABREAD_MAX_COLUMNS) {
    snprintf(zMsg, sizeof zMsg, "第 %ld 行超过 %d 列", s->rowNo + 1, TABREAD_MAX_COLUMNS);
    csv_fail(s, 400, "import_file_invalid", zMsg);
    return;
  }
  if (n > s->maxCell) {
    snprintf(zMsg, sizeof zMsg, "第 %ld 行第 %d 列超过 %zu 字节", s->rowNo + 1, col, s->maxCell);
    csv_fail(s, 413, "import_too_large", zMsg);
    return;
  }
  if (memchr(z, 0, n)) {
    snprintf(zMsg, sizeof zMsg, "第 %ld 行第 %d 列含有空字节（不是文本文件？）", s->rowNo + 1, col);
    csv_fail(s, 400, "import_file_invalid", zMsg);
    return;
  }
  if (s->enc == TABREAD_UTF8) {
    if (!utf8_valid(z, n)) {
      snprintf(zMsg, sizeof zMsg, "第 %ld 行第 %d 列不是有效的 UTF-8 文本（文件中混有其他编码）", s->rowNo + 1, col);
      csv_fail(s, 400, "import_file_invalid", zMsg);
      return;
    }
    tabrow_add(&s->row, z, n);
    return;
  }
  /* GB18030 -> UTF-8: at most 2 output bytes per input byte (2 -> 3, 4 -> 4, 1 -> 1) */
  char *zOut = tabrow_reserve(&s->row, 2 * n + 4);
  char *pIn = (char *)z, *pOut = zOut;
  size_t nIn = n, nOut = 2 * n + 4;
  iconv(s->cd, NULL, NULL, NULL, NULL);
  if (iconv(s->cd, &pIn, &nIn, &pOut, &nOut) == (size_t)-1 || iconv(s->cd, NULL, NULL, &pOut, &nOut) == (size_t)-1) {
    snprintf(zMsg, sizeof zMsg, "第 %ld 行第 %d 列不是有效的 GB18030 文本（文件中混有其他编码）", s->rowNo + 1, col);
    csv_fail(s, 400, "import_file_invalid", zMsg);
    return;
  }
  size_t nUtf8 = (size_t)(pOut - zOut);
  if (memchr(zOut, 0, nUtf8) || !utf8_valid(zOut, nUtf8)) {
    snprintf(zMsg, sizeof zMsg, "第 %ld 行第 %d 列不是有效的 GB18030 文本", s->rowNo + 1, col);
    csv_fail(s, 400, "import_file_invalid", zMsg);
    return;
  }
  tabrow_commit(&s->row, nUtf8);
}

static void csv_on_row(int c, void *pCtx) {
  (void)c;
  CsvState *s = pCtx;
  if (s->rc) return;
  if (s->rowNo >= s->maxRows) {
    char zMsg[128];
    snprintf(zMsg, sizeof zMsg, "文件超过 %ld 行", s->maxRows);
    csv_fail(s, 413, "import_too_large", zMsg);
    return;
  }
  s->rowNo++;
  s->pInfo->rows++;
  int rc = tabrow_emit(&s->row, s->o->xRow, s->o->pCtx, s->rowNo);
  if (rc) s->rc = rc;
}

/* The reader over a pull function: xRead fills up to n bytes at p and returns how many (0 at the end, -1 on error). */
typedef long (*CsvPull)(void *pSrc, unsigned char *p, size_t n);

static int csv_run(CsvPull xRead, void *pSrc, uint64_t total, const TabReadOpts *o, TabReadInfo *pInfo, JwErr *e) {
  TabReadInfo info0;
  if (!pInfo) pInfo = &info0;
  memset(pInfo, 0, sizeof *pInfo);
  CsvState s;
  memset(&s, 0, sizeof s);
  s.o = o;
  s.pInfo = pInfo;
  s.e = e;
  s.maxCell = o->maxCell ? o->maxCell : TABREAD_MAX_CELL;
  s.maxRows = o->maxRows ? o->maxRows : TABREAD_MAX_ROWS;
  s.cd = (iconv_t)-1;
  unsigned char *aChunk = xmalloc(CSV_CHUNK);
  struct csv_parser p;
  int haveParser = 0;
  uint64_t done = 0;
  long n = xRead(pSrc, aChunk, CSV_CHUNK);
  if (n < 0) {
    csv_fail(&s, 400, "import_file_invalid", "无法读取文件");
    goto out;
  }
  size_t nBom = 0;
  s.enc = tabread_detect_encoding(aChunk, (size_t)n, (size_t)n < CSV_CHUNK, &nBom);
  if (!s.enc) {
    csv_fail(&s, 400, "import_file_invalid", "不支持 UTF-16 编码的文件：请另存为 UTF-8 或 GB18030 编码的 CSV");
    goto out;
  }
  pInfo->encoding = s.enc;
  pInfo->bom = nBom > 0;
  if (s.enc == TABREAD_GB18030) {
    s.cd = iconv_open("UTF-8", "GB18030");
    if (s.cd == (iconv_t)-1) {
      csv_fail(&s, 500, "internal", "本机的 iconv 不支持 GB18030");
      goto out;
    }
  }
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    csv_fail(&s, 500, "internal", "无法初始化 CSV 解析器");
    goto out;
  }
  haveParser = 1;
  size_t off = nBom;
  while (n > 0 && !s.rc) {
    size_t len = (size_t)n - off;
    size_t used = csv_parse(&p, aChunk + off, len, csv_on_field, csv_on_row, &s);
    if (s.rc) break;
    if (used != len) {
      char zMsg[160];
      snprintf(zMsg, sizeof zMsg, "第 %ld 行：CSV 格式错误（%s）", s.rowNo + 1,
               csv_error(&p) == CSV_EPARSE ? "引号使用不正确" : "内存不足或字段过大");
      csv_fail(&s, 400, "import_file_invalid", zMsg);
      break;
    }
    if (p.entry_pos > s.maxCell) { /* a field still growing: refuse before it takes the memory */
      char zMsg[160];
      snprintf(zMsg, sizeof zMsg, "第 %ld 行第 %d 列超过 %zu 字节", s.rowNo + 1, s.row.nCol + 1, s.maxCell);
      csv_fail(&s, 413, "import_too_large", zMsg);
      break;
    }
    done += (uint64_t)n;
    if (o->xProgress) o->xProgress(o->pCtx, done, total);
    off = 0;
    n = xRead(pSrc, aChunk, CSV_CHUNK);
    if (n < 0) csv_fail(&s, 400, "import_file_invalid", "读取文件时出错");
  }
  if (!s.rc && csv_fini(&p, csv_on_field, csv_on_row, &s) != 0 && !s.rc) {
    char zMsg[160];
    snprintf(zMsg, sizeof zMsg, "第 %ld 行：引号未闭合（文件在带引号的字段中结束）", s.rowNo + 1);
    csv_fail(&s, 400, "import_file_invalid", zMsg);
  }
out:
  if (haveParser) csv_free(&p);
  if (s.cd != (iconv_t)-1) iconv_close(s.cd);
  tabrow_free(&s.row);
  free(aChunk);
  return s.rc;
}

static long pull_file(void *pSrc, unsigned char *p, size_t n) {
  FILE *f = pSrc;
  size_t got = fread(p, 1, n, f);
  if (got < n && ferror(f)) return -1;
  return (long)got;
}

typedef struct MemSrc {
  const unsigned char *p;
  size_t n, off;
} MemSrc;

static long pull_mem(void *pSrc, unsigned char *p, size_t n) {
  MemSrc *m = pSrc;
  size_t k = m->n - m->off < n ? m->n - m->off : n;
  if (k) memcpy(p, m->p + m->off, k);
  m->off += k;
  return (long)k;
}

int tabread_csv_file(const char *zPath, const TabReadOpts *o, TabReadInfo *pInfo, JwErr *e) {
  FILE *f = fopen(zPath, "rb");
  if (!f) return err_set(e, 400, "import_file_invalid", "file", "无法打开文件：%s", strerror(errno));
  uint64_t total = 0;
  if (fseek(f, 0, SEEK_END) == 0) {
    long end = ftell(f);
    if (end > 0) total = (uint64_t)end;
    rewind(f);
  }
  int rc = csv_run(pull_file, f, total, o, pInfo, e);
  fclose(f);
  return rc;
}

int tabread_csv_buffer(const void *p, size_t n, const TabReadOpts *o, TabReadInfo *pInfo, JwErr *e) {
  MemSrc m = {p, n, 0};
  return csv_run(pull_mem, &m, n, o, pInfo, e);
}

int tabread_is_zip(const void *p, size_t n) {
  return n >= 4 && memcmp(p, "PK\x03\x04", 4) == 0;
}
