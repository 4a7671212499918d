/* tabread_xlsx.c: the XLSX half of tabread.h. An .xlsx is a zip (libzip) of XML parts; each part is inflated in 64
 * KiB pieces straight into expat, so memory stays flat whatever the sheet's size. The parts read:
 *   xl/workbook.xml             the sheets' names and relationship ids (the first, or the one named);
 *   xl/_rels/workbook.xml.rels  the relationship id -> the sheet's part name;
 *   xl/sharedStrings.xml        the shared-string table (<si>, its <t> runs joined, phonetic <rPh> left out), kept in
 *                               memory up to TABREAD_MAX_SHARED bytes;
 *   the sheet                   <row r><c r t><v>|<is><t>|<f>: streamed row by row.
 * Every byte inflated, of every part, counts against maxInflated (the zip-bomb limit), checked as it is inflated:
 * the sizes a zip declares are not trusted. A DOCTYPE in any part stops the read (no entity can expand). */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "lib/tabread.h"
#include "lib/tabread_row.h"
#include "lib/utf8.h"

#define XLSX_CHUNK (64 * 1024)

typedef struct Xlsx {
  zip_t *zip;
  const TabReadOpts *o;
  TabReadInfo *pInfo;
  JwErr *e;
  uint64_t inflated, maxInflated;
  size_t maxCell;
  long maxRows;
  int rc;
  XML_Parser xp;
  /* the part being read, for progress */
  int progress;
  uint64_t partTotal, partDone;
  /* workbook */
  char zWantSheet[256];
  char zRelId[256];
  char zTarget[512];
  int sheetFound;
  /* shared strings */
  Buf sst;
  size_t *aSst;
  size_t nSst, capSst;
  int inSi, inT, inRPh;
  /* sheet */
  TabRow row;
  long rowNo, rowsSeen;
  int inRow, inCell, inV, inIs, inF, col;
  char zType[16];
  Buf text, formula;
} Xlsx;

static void x_fail(Xlsx *x, int status, const char *zCode, const char *zMsg) {
  if (!x->rc) {
    err_set(x->e, status, zCode, "file", "%s", zMsg);
    x->rc = -1;
  }
  if (x->xp) XML_StopParser(x->xp, XML_FALSE);
}

/* The local part of an XML name ("x:row" -> "row"). */
static const char *local_name(const char *z) {
  const char *c = strrchr(z, ':');
  return c ? c + 1 : z;
}

static const char *attr(const char **aAttr, const char *zLocal) {
  for (int i = 0; aAttr[i]; i += 2) {
    if (strcmp(local_name(aAttr[i]), zLocal) == 0) return aAttr[i + 1];
  }
  return NULL;
}

static void XMLCALL on_doctype(void *pUser, const XML_Char *zName, const XML_Char *zSys, const XML_Char *zPub,
                               int hasInternal) {
  (void)zName, (void)zSys, (void)zPub, (void)hasInternal;
  x_fail(pUser, 400, "import_file_invalid", "XLSX 文件无效：部件中含有 DOCTYPE 声明");
}

/* Inflates the part zName into expat with the given handlers. Returns 0, 1 when the part is missing (and !required),
 * -1 on error (x->rc set). */
static int x_parse_part(Xlsx *x, const char *zName, int required, XML_StartElementHandler xStart,
                        XML_EndElementHandler xEnd, XML_CharacterDataHandler xText) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(x->zip, zName, 0, &st) != 0) {
    if (!required) return 1;
    char zMsg[600];
    snprintf(zMsg, sizeof zMsg, "XLSX 文件无效：缺少部件 %s", zName);
    x_fail(x, 400, "import_file_invalid", zMsg);
    return -1;
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > x->maxInflated - x->inflated) {
    char zMsg[200];
    snprintf(zMsg, sizeof zMsg, "XLSX 文件解压后超过 %llu 字节（疑似压缩炸弹），已拒绝",
             (unsigned long long)x->maxInflated);
    x_fail(x, 413, "import_too_large", zMsg);
    return -1;
  }
  x->partTotal = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  x->partDone = 0;
  zip_file_t *f = zip_fopen(x->zip, zName, 0);
  if (!f) {
    x_fail(x, 400, "import_file_invalid", "XLSX 文件已损坏或已加密：无法解压");
    return -1;
  }
  x->xp = XML_ParserCreate("UTF-8");
  XML_SetUserData(x->xp, x);
  XML_SetElementHandler(x->xp, xStart, xEnd);
  if (xText) XML_SetCharacterDataHandler(x->xp, xText);
  XML_SetStartDoctypeDeclHandler(x->xp, on_doctype);
  char *aChunk = xmalloc(XLSX_CHUNK);
  for (;;) {
    zip_int64_t n = zip_fread(f, aChunk, XLSX_CHUNK);
    if (n < 0) {
      x_fail(x, 400, "import_file_invalid", "XLSX 文件已损坏：解压出错（文件被截断或校验和不符）");
      break;
    }
    x->inflated += (uint64_t)n;
    x->partDone += (uint64_t)n;
    if (x->inflated > x->maxInflated) {
      char zMsg[200];
      snprintf(zMsg, sizeof zMsg, "XLSX 文件解压后超过 %llu 字节（疑似压缩炸弹），已拒绝",
               (unsigned long long)x->maxInflated);
      x_fail(x, 413, "import_too_large", zMsg);
      break;
    }
    if (XML_Parse(x->xp, aChunk, (int)n, n == 0) != XML_STATUS_OK) {
      if (!x->rc) {
        char zMsg[700];
        snprintf(zMsg, sizeof zMsg, "XLSX 文件无效：%s 第 %lu 行 XML 错误（%s）", zName,
                 (unsigned long)XML_GetCurrentLineNumber(x->xp), XML_ErrorString(XML_GetErrorCode(x->xp)));
        x_fail(x, 400, "import_file_invalid", zMsg);
      }
      break;
    }
    if (x->rc) break;
    if (x->progress && x->o->xProgress) x->o->xProgress(x->o->pCtx, x->partDone, x->partTotal);
    if (n == 0) break;
  }
  free(aChunk);
  XML_ParserFree(x->xp);
  x->xp = NULL;
  zip_fclose(f);
  return x->rc ? -1 : 0;
}

/* ---- workbook and its relationships ---- */

static void XMLCALL wb_start(void *pUser, const XML_Char *zEl, const XML_Char **aAttr) {
  Xlsx *x = pUser;
  if (x->sheetFound || strcmp(local_name(zEl), "sheet") != 0) return;
  const char *zName = attr(aAttr, "name"), *zId = attr(aAttr, "id");
  if (!zName || !zId) return;
  if (x->zWantSheet[0] && strcmp(zName, x->zWantSheet) != 0) return;
  snprintf(x->pInfo->zSheet, sizeof x->pInfo->zSheet, "%s", zName);
  snprintf(x->zRelId, sizeof x->zRelId, "%s", zId);
  x->sheetFound = 1;
}

static void XMLCALL no_end(void *pUser, const XML_Char *zEl) {
  (void)pUser, (void)zEl;
}

static void XMLCALL rels_start(void *pUser, const XML_Char *zEl, const XML_Char **aAttr) {
  Xlsx *x = pUser;
  if (x->zTarget[0] || strcmp(local_name(zEl), "Relationship") != 0) return;
  const char *zId = attr(aAttr, "Id"), *zTarget = attr(aAttr, "Target");
  if (!zId || !zTarget || strcmp(zId, x->zRelId) != 0) return;
  if (zTarget[0] == '/') snprintf(x->zTarget, sizeof x->zTarget, "%s", zTarget + 1);
  else snprintf(x->zTarget, sizeof x->zTarget, "xl/%s", zTarget);
}

/* ---- shared strings ---- */

static void XMLCALL sst_start(void *pUser, const XML_Char *zEl, const XML_Char **aAttr) {
  (void)aAttr;
  Xlsx *x = pUser;
  const char *z = local_name(zEl);
  if (strcmp(z, "si") == 0) {
    x->inSi = 1;
    buf_reset(&x->text);
  } else if (strcmp(z, "rPh") == 0) {
    x->inRPh = 1;
  } else if (strcmp(z, "t") == 0 && x->inSi && !x->inRPh) {
    x->inT = 1;
  }
}

static void XMLCALL sst_end(void *pUser, const XML_Char *zEl) {
  Xlsx *x = pUser;
  const char *z = local_name(zEl);
  if (strcmp(z, "t") == 0) {
    x->inT = 0;
  } else if (strcmp(z, "rPh") == 0) {
    x->inRPh = 0;
  } else if (strcmp(z, "si") == 0 && x->inSi) {
    x->inSi = 0;
    if (x->sst.n + x->text.n + 1 > TABREAD_MAX_SHARED) {
      x_fail(x, 413, "import_too_large", "XLSX 文件的共享字符串表过大");
      return;
    }
    if (x->nSst == x->capSst) {
      x->capSst = x->capSst ? 2 * x->capSst : 1024;
      x->aSst = xrealloc(x->aSst, x->capSst * sizeof *x->aSst);
    }
    x->aSst[x->nSst++] = x->sst.n;
    buf_append(&x->sst, x->text.z ? x->text.z : "", x->text.n);
    buf_putc(&x->sst, 0);
  }
}

static void x_text_append(Xlsx *x, Buf *b, const char *z, int n) {
  if (b->n + (size_t)n > x->maxCell) {
    char zMsg[160];
    snprintf(zMsg, sizeof zMsg, "第 %ld 行有一个单元格超过 %zu 字节", x->rowNo, x->maxCell);
    x_fail(x, 413, "import_too_large", zMsg);
    return;
  }
  buf_append(b, z, (size_t)n);
}

static void XMLCALL sst_text(void *pUser, const XML_Char *z, int n) {
  Xlsx *x = pUser;
  if (x->inT) x_text_append(x, &x->text, z, n);
}

/* ---- the sheet ---- */

/* The 0-based column of a cell reference ("C5" -> 2), or -1 when it has no letters. */
static int ref_column(const char *zRef) {
  long c = 0;
  int k = 0;
  for (; zRef[k] >= 'A' && zRef[k] <= 'Z'; k++) {
    c = c * 26 + (zRef[k] - 'A' + 1);
    if (c > 100000) return 100000;
  }
  return k ? (int)c - 1 : -1;
}

static void XMLCALL sheet_start(void *pUser, const XML_Char *zEl, const XML_Char **aAttr) {
  Xlsx *x = pUser;
  if (x->rc) return;
  const char *z = local_name(zEl);
  if (strcmp(z, "row") == 0) {
    const char *zR = attr(aAttr, "r");
    long r = zR ? strtol(zR, NULL, 10) : 0;
    x->rowNo = r > x->rowNo ? r : x->rowNo + 1;
    x->inRow = 1;
    x->row.n = 0;
    x->row.nCol = 0;
  } else if (strcmp(z, "c") == 0 && x->inRow) {
    const char *zR = attr(aAttr, "r"), *zT = attr(aAttr, "t");
    int c = zR ? ref_column(zR) : -1;
    x->col = c >= 0 ? c : x->row.nCol;
    snprintf(x->zType, sizeof x->zType, "%s", zT ? zT : "n");
    x->inCell = 1;
    buf_reset(&x->text);
    buf_reset(&x->formula);
  } else if (x->inCell && strcmp(z, "v") == 0) {
    x->inV = 1;
  } else if (x->inCell && strcmp(z, "is") == 0) {
    x->inIs = 1;
  } else if (x->inCell && strcmp(z, "f") == 0) {
    x->inF = 1;
  } else if (x->inIs && strcmp(z, "rPh") == 0) {
    x->inRPh = 1;
  } else if (x->inIs && !x->inRPh && strcmp(z, "t") == 0) {
    x->inT = 1;
  }
}

static void cell_finish(Xlsx *x) {
  char zMsg[200];
  if (x->col >= TABREAD_MAX_COLUMNS) {
    snprintf(zMsg, sizeof zMsg, "第 %ld 行超过 %d 列", x->rowNo, TABREAD_MAX_COLUMNS);
    x_fail(x, 400, "import_file_invalid", zMsg);
    return;
  }
  if (x->col < x->row.nCol) { /* a cell out of order: Excel never writes one */
    snprintf(zMsg, sizeof zMsg, "XLSX 文件无效：第 %ld 行的单元格顺序错乱", x->rowNo);
    x_fail(x, 400, "import_file_invalid", zMsg);
    return;
  }
  while (x->row.nCol < x->col) tabrow_add(&x->row, "", 0);
  const char *zVal = x->text.z ? x->text.z : "";
  size_t nVal = x->text.n;
  if (x->formula.n) {
    Buf f = BUF_INIT;
    buf_putc(&f, '=');
    buf_append(&f, x->formula.z, x->formula.n);
    tabrow_add(&x->row, f.z, f.n);
    buf_free(&f);
    return;
  }
  if (strcmp(x->zType, "s") == 0) {
    char *zEnd;
    long i = strtol(zVal, &zEnd, 10);
    if (nVal == 0 || *zEnd || i < 0 || (size_t)i >= x->nSst) {
      snprintf(zMsg, sizeof zMsg, "XLSX 文件无效：第 %ld 行引用了不存在的共享字符串", x->rowNo);
      x_fail(x, 400, "import_file_invalid", zMsg);
      return;
    }
    const char *zS = x->sst.z + x->aSst[i];
    tabrow_add(&x->row, zS, strlen(zS));
    return;
  }
  tabrow_add(&x->row, zVal, nVal);
}

static void XMLCALL sheet_end(void *pUser, const XML_Char *zEl) {
  Xlsx *x = pUser;
  if (x->rc) return;
  const char *z = local_name(zEl);
  if (strcmp(z, "v") == 0) {
    x->inV = 0;
  } else if (strcmp(z, "f") == 0) {
    x->inF = 0;
  } else if (strcmp(z, "t") == 0) {
    x->inT = 0;
  } else if (strcmp(z, "rPh") == 0) {
    x->inRPh = 0;
  } else if (strcmp(z, "is") == 0) {
    x->inIs = 0;
  } else if (strcmp(z, "c") == 0 && x->inCell) {
    x->inCell = 0;
    cell_finish(x);
  } else if (strcmp(z, "row") == 0 && x->inRow) {
    x->inRow = 0;
    if (x->rowsSeen >= x->maxRows) {
      char zMsg[128];
      snprintf(zMsg, sizeof zMsg, "文件超过 %ld 行", x->maxRows);
      x_fail(x, 413, "import_too_large", zMsg);
      return;
    }
    x->rowsSeen++;
    x->pInfo->rows++;
    int rc = tabrow_emit(&x->row, x->o->xRow, x->o->pCtx, x->rowNo);
    if (rc) {
      x->rc = rc;
      XML_StopParser(x->xp, XML_FALSE);
    }
  }
}

static void XMLCALL sheet_text(void *pUser, const XML_Char *z, int n) {
  Xlsx *x = pUser;
  if (x->rc) return;
  if (x->inF) x_text_append(x, &x->formula, z, n);
  else if (x->inV || (x->inIs && x->inT)) x_text_append(x, &x->text, z, n);
}

static int xlsx_run(zip_source_t *src, const TabReadOpts *o, TabReadInfo *pInfo, JwErr *e) {
  TabReadInfo info0;
  if (!pInfo) pInfo = &info0;
  memset(pInfo, 0, sizeof *pInfo);
  pInfo->encoding = TABREAD_UTF8;
  Xlsx *x = xcalloc(1, sizeof *x);
  x->o = o;
  x->pInfo = pInfo;
  x->e = e;
  x->maxInflated = o->maxInflated ? o->maxInflated : TABREAD_MAX_INFLATED;
  x->maxCell = o->maxCell ? o->maxCell : TABREAD_MAX_CELL;
  x->maxRows = o->maxRows ? o->maxRows : TABREAD_MAX_ROWS;
  if (o->zSheet) snprintf(x->zWantSheet, sizeof x->zWantSheet, "%s", o->zSheet);
  zip_error_t ze;
  zip_error_init(&ze);
  x->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  zip_error_fini(&ze);
  if (!x->zip) {
    zip_source_free(src);
    x_fail(x, 400, "import_file_invalid", "不是有效的 XLSX 文件（zip 结构损坏或文件被截断）");
    goto out;
  }
  if (x_parse_part(x, "xl/workbook.xml", 1, wb_start, no_end, NULL)) goto out;
  if (!x->sheetFound) {
    char zMsg[400];
    if (x->zWantSheet[0]) snprintf(zMsg, sizeof zMsg, "工作簿中没有名为“%s”的工作表", x->zWantSheet);
    else snprintf(zMsg, sizeof zMsg, "工作簿中没有工作表");
    x_fail(x, 400, "import_file_invalid", zMsg);
    goto out;
  }
  if (x_parse_part(x, "xl/_rels/workbook.xml.rels", 1, rels_start, no_end, NULL)) goto out;
  if (!x->zTarget[0]) {
    x_fail(x, 400, "import_file_invalid", "XLSX 文件无效：找不到工作表的部件");
    goto out;
  }
  if (x_parse_part(x, "xl/sharedStrings.xml", 0, sst_start, sst_end, sst_text) < 0) goto out;
  x->progress = 1;
  x_parse_part(x, x->zTarget, 1, sheet_start, sheet_end, sheet_text);
out:;
  int rc = x->rc;
  if (x->zip) zip_discard(x->zip);
  buf_free(&x->sst);
  buf_free(&x->text);
  buf_free(&x->formula);
  free(x->aSst);
  tabrow_free(&x->row);
  free(x);
  return rc;
}

int tabread_xlsx_file(const char *zPath, const TabReadOpts *o, TabReadInfo *pInfo, JwErr *e) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_file_create(zPath, 0, -1, &ze);
  zip_error_fini(&ze);
  if (!src) return err_set(e, 400, "import_file_invalid", "file", "无法打开文件");
  return xlsx_run(src, o, pInfo, e);
}

int tabread_xlsx_buffer(const void *p, size_t n, const TabReadOpts *o, TabReadInfo *pInfo, JwErr *e) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(p, n, 0, &ze);
  zip_error_fini(&ze);
  if (!src) return err_set(e, 400, "import_file_invalid", "file", "不是有效的 XLSX 文件");
  return xlsx_run(src, o, pInfo, e);
}
