/* test_tabread.c: the CSV and XLSX readers (lib/tabread.h) and the import rules (core/import_rules.h): UTF-8 and
 * GB18030 files (with and without a BOM), quoting, a quote left open, mixed encodings, a 30 MB cell, the row limit;
 * XLSX with shared strings, inline strings, dates as serials, formulas, gaps, a named sheet, a truncated file, a zip
 * bomb and a DOCTYPE; dates, statuses, penalty types, amounts and the proposed mapping. */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "core/import_rules.h"
#include "lib/buf.h"
#include "lib/tabread.h"
#include "test_util.h"

/* Collects rows as "a|b|c\n" lines. */
typedef struct Rows {
  Buf b;
  long lastRow;
  int stopAt;
} Rows;

static int collect(void *pCtx, long rowNo, int nCol, char **azCol, const size_t *anCol) {
  Rows *r = pCtx;
  r->lastRow = rowNo;
  buf_printf(&r->b, "%ld:", rowNo);
  for (int i = 0; i < nCol; i++) {
    assert_int_equal(strlen(azCol[i]), anCol[i]);
    buf_printf(&r->b, "%s%s", i ? "|" : "", azCol[i]);
  }
  buf_putc(&r->b, '\n');
  return r->stopAt && rowNo >= r->stopAt ? 7 : 0;
}

static int read_csv(const char *p, size_t n, Rows *r, TabReadInfo *pInfo, JwErr *e, size_t maxCell, long maxRows) {
  TabReadOpts o = {.xRow = collect, .pCtx = r, .maxCell = maxCell, .maxRows = maxRows};
  return tabread_csv_buffer(p, n, &o, pInfo, e);
}

/* UTF-8 text as GB18030 bytes (heap, *pn bytes). */
static char *to_gb18030(const char *z, size_t *pn) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  assert_true(cd != (iconv_t)-1);
  size_t nIn = strlen(z), nOut = 4 * nIn + 8;
  char *zOut = malloc(nOut), *pOut = zOut, *pIn = (char *)z;
  assert_true(iconv(cd, &pIn, &nIn, &pOut, &nOut) != (size_t)-1);
  iconv_close(cd);
  *pn = (size_t)(pOut - zOut);
  return zOut;
}

static void test_csv_utf8(void **state) {
  (void)state;
  const char z[] =
      "\xEF\xBB\xBF姓名,身份证号,备注\r\n张三,11010519491231002X,\"含,逗号\"\r\n\"李\"\"四\",x,\"两\n行\"\n";
  Rows r = {BUF_INIT, 0, 0};
  TabReadInfo info;
  JwErr e;
  assert_int_equal(read_csv(z, sizeof z - 1, &r, &info, &e, 0, 0), 0);
  assert_int_equal(info.encoding, TABREAD_UTF8);
  assert_int_equal(info.bom, 1);
  assert_int_equal(info.rows, 3);
  assert_string_equal(r.b.z, "1:姓名|身份证号|备注\n2:张三|11010519491231002X|含,逗号\n3:李\"四|x|两\n行\n");
  buf_free(&r.b);
  /* the last record without a newline, and a formula-looking cell kept as text */
  const char z2[] = "a,b\n=cmd|' /C calc'!A0,@SUM(1)";
  Rows r2 = {BUF_INIT, 0, 0};
  assert_int_equal(read_csv(z2, sizeof z2 - 1, &r2, &info, &e, 0, 0), 0);
  assert_string_equal(r2.b.z, "1:a|b\n2:=cmd|' /C calc'!A0|@SUM(1)\n");
  buf_free(&r2.b);
}

static void test_csv_gb18030(void **state) {
  (void)state;
  size_t n;
  char *z = to_gb18030("姓名,身份证号\n王五,110105194912310021\n𠀀赵,\"引号,内\"\n", &n);
  Rows r = {BUF_INIT, 0, 0};
  TabReadInfo info;
  JwErr e;
  assert_int_equal(read_csv(z, n, &r, &info, &e, 0, 0), 0);
  assert_int_equal(info.encoding, TABREAD_GB18030);
  assert_int_equal(info.bom, 0);
  assert_string_equal(r.b.z, "1:姓名|身份证号\n2:王五|110105194912310021\n3:𠀀赵|引号,内\n");
  buf_free(&r.b);
  free(z);
  /* with the GB18030 BOM */
  char *zb = to_gb18030(
      "\xEF\xBB\xBF"
      "名,号\n",
      &n); /* U+FEFF encodes as 84 31 95 33 */
  Rows r2 = {BUF_INIT, 0, 0};
  assert_int_equal(read_csv(zb, n, &r2, &info, &e, 0, 0), 0);
  assert_int_equal(info.encoding, TABREAD_GB18030);
  assert_int_equal(info.bom, 1);
  assert_string_equal(r2.b.z, "1:名|号\n");
  buf_free(&r2.b);
  free(zb);
}

static void test_csv_detect(void **state) {
  (void)state;
  size_t nBom;
  assert_int_equal(tabread_detect_encoding((const unsigned char *)"abc", 3, 1, &nBom), TABREAD_UTF8);
  /* a UTF-8 character cut by the end of the sample is still UTF-8, unless the file ends there */
  assert_int_equal(tabread_detect_encoding((const unsigned char *)"a\xE5\xBC", 3, 0, &nBom), TABREAD_UTF8);
  assert_int_equal(tabread_detect_encoding((const unsigned char *)"a\xE5\xBC", 3, 1, &nBom), TABREAD_GB18030);
  assert_int_equal(tabread_detect_encoding((const unsigned char *)"\xD5\xC5", 2, 1, &nBom), TABREAD_GB18030);
  assert_int_equal(tabread_detect_encoding((const unsigned char *)"\xFF\xFE"
                                                                  "a",
                                           3, 1, &nBom),
                   0);
  Rows r = {BUF_INIT, 0, 0};
  JwErr e;
  assert_int_equal(read_csv("\xFF\xFE"
                            "a\0",
                            4, &r, NULL, &e, 0, 0),
                   -1);
  assert_non_null(strstr(e.message, "UTF-16"));
  buf_free(&r.b);
}

static void test_csv_bad(void **state) {
  (void)state;
  JwErr e;
  Rows r = {BUF_INIT, 0, 0};
  /* a quote left open at the end */
  const char zOpen[] = "a,b\n1,2\n3,\"open\n4,5\n";
  assert_int_equal(read_csv(zOpen, sizeof zOpen - 1, &r, NULL, &e, 0, 0), -1);
  assert_int_equal(e.status, 400);
  assert_string_equal(e.field, "file");
  assert_non_null(strstr(e.message, "引号未闭合"));
  assert_non_null(strstr(e.message, "第 3 行"));
  /* a stray quote after a quoted field */
  buf_reset(&r.b);
  const char zStray[] = "a,b\n\"x\"y,2\n";
  assert_int_equal(read_csv(zStray, sizeof zStray - 1, &r, NULL, &e, 0, 0), -1);
  assert_non_null(strstr(e.message, "第 2 行"));
  /* mixed encodings: a UTF-8 file with a GBK row after the first 64 KiB (the sample that decides the encoding) */
  buf_reset(&r.b);
  Buf mixed = BUF_INIT;
  buf_puts(&mixed, "姓名,号\n");
  for (int i = 0; i < 10000; i++) buf_puts(&mixed, "张三,1\n");
  buf_puts(&mixed, "\xD5\xC5\xC8\xFD,2\n");
  assert_int_equal(read_csv(mixed.z, mixed.n, &r, NULL, &e, 0, 0), -1);
  buf_free(&mixed);
  assert_non_null(strstr(e.message, "第 10002 行第 1 列"));
  assert_non_null(strstr(e.message, "UTF-8"));
  /* a NUL byte */
  buf_reset(&r.b);
  assert_int_equal(read_csv("a,b\nc\0d,e\n", 10, &r, NULL, &e, 0, 0), -1);
  assert_non_null(strstr(e.message, "空字节"));
  /* the row limit: 3 rows allowed, 4 given */
  buf_reset(&r.b);
  const char zRows[] = "h\n1\n2\n3\n";
  assert_int_equal(read_csv(zRows, sizeof zRows - 1, &r, NULL, &e, 0, 4), 0);
  buf_reset(&r.b);
  assert_int_equal(read_csv(zRows, sizeof zRows - 1, &r, NULL, &e, 0, 3), -1);
  assert_int_equal(e.status, 413);
  assert_string_equal(e.code, "import_too_large");
  /* the cell limit exceeded by one byte, and met exactly (a 4-byte character at the limit) */
  buf_reset(&r.b);
  assert_int_equal(read_csv("a,𠀀𠀀\n", 11, &r, NULL, &e, 8, 0), 0);
  buf_reset(&r.b);
  assert_int_equal(read_csv("a,𠀀𠀀x\n", 12, &r, NULL, &e, 8, 0), -1);
  assert_int_equal(e.status, 413);
  /* 30 MB in one cell: refused with the default limit, before the whole cell is held */
  size_t nBig = 30u << 20;
  char *zBig = malloc(nBig + 16);
  memcpy(zBig, "a,\"", 3);
  memset(zBig + 3, 'x', nBig);
  memcpy(zBig + 3 + nBig, "\"\n", 2);
  buf_reset(&r.b);
  assert_int_equal(read_csv(zBig, nBig + 5, &r, NULL, &e, 0, 0), -1);
  assert_int_equal(e.status, 413);
  assert_non_null(strstr(e.message, "第 1 行第 2 列"));
  free(zBig);
  /* the row function stops the read */
  buf_reset(&r.b);
  r.stopAt = 2;
  assert_int_equal(read_csv(zRows, sizeof zRows - 1, &r, NULL, &e, 0, 0), 7);
  assert_int_equal(r.lastRow, 2);
  buf_free(&r.b);
}

/* ---- XLSX fixtures, built with libzip ---- */

static const char wb_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"说明\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"驾驶证\" sheetId=\"2\" r:id=\"rId2\"/>"
    "</sheets></workbook>";
static const char rels_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"x\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>";
static const char sst_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>姓名</t></si><si><t>身份证号</t></si><si><r><t>张</t></r><r><t xml:space=\"preserve\">三</t></r>"
    "<rPh><t>ZHANG</t></rPh></si><si><t>吊销</t></si><si><t>&lt;a&amp;b&gt;</t></si></sst>";
static const char sheet1_xml[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>第一张表</t></is></c></row></sheetData></worksheet>";
static const char sheet2_xml[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"inlineStr\">"
    "<is><t>状态</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>日期</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"str\"><v>11010519491231002X</v></c>"
    "<c r=\"C2\" t=\"s\"><v>3</v></c><c r=\"D2\"><v>45721</v></c></row>"
    "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>4</v></c><c r=\"D4\"><f>HYPERLINK(\"x\")</f><v>0</v></c>"
    "<c r=\"E4\" t=\"b\"><v>1</v></c></row></sheetData></worksheet>";

typedef struct Part {
  const char *zName;
  const char *zData;
  size_t n; /* 0: strlen */
} Part;

/* Writes a zip of the parts to zPath; returns its bytes (heap) and size. */
static char *make_zip(const char *zPath, const Part *aPart, int nPart, size_t *pn) {
  int err;
  unlink(zPath);
  zip_t *z = zip_open(zPath, ZIP_CREATE | ZIP_TRUNCATE, &err);
  assert_non_null(z);
  for (int i = 0; i < nPart; i++) {
    size_t n = aPart[i].n ? aPart[i].n : strlen(aPart[i].zData);
    zip_source_t *s = zip_source_buffer(z, aPart[i].zData, n, 0);
    assert_non_null(s);
    assert_true(zip_file_add(z, aPart[i].zName, s, ZIP_FL_ENC_UTF_8) >= 0);
  }
  assert_int_equal(zip_close(z), 0);
  FILE *f = fopen(zPath, "rb");
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  rewind(f);
  char *p = malloc((size_t)n);
  assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  *pn = (size_t)n;
  return p;
}

static void test_xlsx(void **state) {
  (void)state;
  char zPath[] = "/tmp/jw-tabread-XXXXXX.xlsx";
  int fd = mkstemps(zPath, 5);
  assert_true(fd >= 0);
  close(fd);
  Part a[] = {{"xl/workbook.xml", wb_xml, 0},
              {"xl/_rels/workbook.xml.rels", rels_xml, 0},
              {"xl/sharedStrings.xml", sst_xml, 0},
              {"xl/worksheets/sheet1.xml", sheet1_xml, 0},
              {"xl/worksheets/sheet2.xml", sheet2_xml, 0}};
  size_t n;
  char *p = make_zip(zPath, a, 5, &n);
  assert_true(tabread_is_zip(p, n));
  Rows r = {BUF_INIT, 0, 0};
  TabReadInfo info;
  JwErr e;
  /* the first sheet */
  TabReadOpts o = {.xRow = collect, .pCtx = &r};
  assert_int_equal(tabread_xlsx_file(zPath, &o, &info, &e), 0);
  assert_string_equal(info.zSheet, "说明");
  assert_string_equal(r.b.z, "1:第一张表\n");
  /* the named one: shared strings (rich text joined, phonetic left out, entities decoded), a gap, a formula, a
   * boolean, a date as its serial number */
  buf_reset(&r.b);
  o.zSheet = "驾驶证";
  assert_int_equal(tabread_xlsx_buffer(p, n, &o, &info, &e), 0);
  assert_string_equal(info.zSheet, "驾驶证");
  assert_int_equal(info.rows, 3);
  assert_string_equal(r.b.z,
                      "1:姓名|身份证号|状态|日期\n2:张三|11010519491231002X|吊销|45721\n"
                      "4:|<a&b>||=HYPERLINK(\"x\")|1\n");
  JwDate d;
  assert_int_equal(import_parse_date("45721", 5, &d), 0);
  assert_date(d, "2025-03-05");
  /* a sheet that is not there */
  o.zSheet = "没有";
  assert_int_equal(tabread_xlsx_buffer(p, n, &o, &info, &e), -1);
  assert_non_null(strstr(e.message, "没有"));
  o.zSheet = "驾驶证";
  /* truncated: every cut refused, none crashes */
  for (size_t cut = 0; cut < n; cut += n / 37 + 1) {
    JwErr e2;
    int rc = tabread_xlsx_buffer(p, cut, &o, &info, &e2);
    assert_int_equal(rc, -1);
    assert_string_equal(e2.field, "file");
  }
  /* corrupt bytes in the middle of the compressed data: refused (CRC or inflate error), never a crash */
  char *pBad = malloc(n);
  memcpy(pBad, p, n);
  for (size_t i = n / 3; i < n / 3 + 40; i++) pBad[i] ^= 0x5A;
  assert_int_equal(tabread_xlsx_buffer(pBad, n, &o, &info, &e), -1);
  free(pBad);
  free(p);
  buf_free(&r.b);
  unlink(zPath);
}

static void test_xlsx_bomb(void **state) {
  (void)state;
  char zPath[] = "/tmp/jw-tabread-XXXXXX.xlsx";
  int fd = mkstemps(zPath, 5);
  close(fd);
  /* a sheet of 8 MiB of blanks: compresses to a few KiB */
  size_t nSheet = 8u << 20;
  char *zSheet = malloc(nSheet);
  const char zHead[] = "<worksheet><sheetData>";
  memcpy(zSheet, zHead, sizeof zHead - 1);
  memset(zSheet + sizeof zHead - 1, ' ', nSheet - (sizeof zHead - 1) - 25);
  memcpy(zSheet + nSheet - 25, "</sheetData></worksheet> ", 25);
  Part a[] = {{"xl/workbook.xml", wb_xml, 0},
              {"xl/_rels/workbook.xml.rels", rels_xml, 0},
              {"xl/worksheets/sheet1.xml", zSheet, nSheet}};
  size_t n;
  char *p = make_zip(zPath, a, 3, &n);
  assert_true(n < nSheet / 100);
  Rows r = {BUF_INIT, 0, 0};
  JwErr e;
  TabReadOpts o = {.xRow = collect, .pCtx = &r, .maxInflated = 1u << 20};
  assert_int_equal(tabread_xlsx_buffer(p, n, &o, NULL, &e), -1);
  assert_int_equal(e.status, 413);
  assert_non_null(strstr(e.message, "压缩炸弹"));
  o.maxInflated = 0; /* the default limit lets it through: it is only blanks */
  assert_int_equal(tabread_xlsx_buffer(p, n, &o, NULL, &e), 0);
  free(p);
  free(zSheet);
  /* a DOCTYPE (an entity bomb would need one) is refused */
  const char zDoc[] =
      "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData>"
      "<row><c t=\"inlineStr\"><is><t>&a;</t></is></c></row></sheetData></worksheet>";
  Part b[] = {{"xl/workbook.xml", wb_xml, 0},
              {"xl/_rels/workbook.xml.rels", rels_xml, 0},
              {"xl/worksheets/sheet1.xml", zDoc, 0}};
  p = make_zip(zPath, b, 3, &n);
  assert_int_equal(tabread_xlsx_buffer(p, n, &o, NULL, &e), -1);
  assert_non_null(strstr(e.message, "DOCTYPE"));
  free(p);
  /* not a zip at all */
  assert_int_equal(tabread_xlsx_buffer("hello", 5, &o, NULL, &e), -1);
  assert_int_equal(e.status, 400);
  buf_free(&r.b);
  unlink(zPath);
}

static void test_dates(void **state) {
  (void)state;
  static const struct {
    const char *z;
    const char *zWant;
  } ok[] = {{"2025-03-05", "2025-03-05"},
            {"2025/3/5", "2025-03-05"},
            {"2025.03.05", "2025-03-05"},
            {"2025年3月5日", "2025-03-05"},
            {"20250305", "2025-03-05"},
            {" 2025-3-5 ", "2025-03-05"},
            {"2025-03-05 12:30:00", "2025-03-05"},
            {"2025/3/5 8:00", "2025-03-05"},
            {"45721", "2025-03-05"},
            {"45721.75", "2025-03-05"},
            {"61", "1900-03-01"},
            {"59", "1900-02-28"},
            {"1", "1900-01-01"},
            {"2024-02-29", "2024-02-29"},
            {"\xE3\x80\x80"
             "2025-03-05",
             "2025-03-05"}};
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    JwDate d;
    if (import_parse_date(ok[i].z, strlen(ok[i].z), &d)) fail_msg("refused: %s", ok[i].z);
    assert_date(d, ok[i].zWant);
  }
  static const char *const bad[] = {"",           "2025-02-29",    "2025-13-01",  "2025/3", "2025年3月5", "60",
                                    "0",          "abc",           "2025-03-05x", "25-3-5", "2025-3/5",   "99999999",
                                    "1899-12-31", "2025-03-05 25", "-1",          "2958466"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    JwDate d = 12345;
    assert_int_equal(import_parse_date(bad[i], strlen(bad[i]), &d), -1);
    assert_int_equal(d, 12345);
  }
}

static void test_values(void **state) {
  (void)state;
  static const struct {
    const char *z;
    const char *zWant;
  } st[] = {{"正常", "valid"},        {"有效", "valid"},     {"吊销", "revoked"},      {"已吊销", "revoked"},
            {"撤销", "revoked"},      {"暂扣", "suspended"}, {"注销", "cancelled"},    {"已注销", "cancelled"},
            {" revoked ", "revoked"}, {"valid", "valid"},    {"停止使用", "cancelled"}};
  for (size_t i = 0; i < sizeof st / sizeof st[0]; i++) {
    const char *z = import_licence_status(st[i].z, strlen(st[i].z));
    assert_non_null(z);
    assert_string_equal(z, st[i].zWant);
  }
  assert_null(import_licence_status("", 0));
  assert_null(import_licence_status("未知", strlen("未知")));
  assert_string_equal(import_penalty_type("罚款", strlen("罚款")), "fine");
  assert_string_equal(import_penalty_type("吊销机动车驾驶证", strlen("吊销机动车驾驶证")), "licence_revocation");
  assert_string_equal(import_penalty_type("行政拘留十日", strlen("行政拘留十日")), "detention");
  assert_string_equal(import_penalty_type("警告", strlen("警告")), "warning");
  assert_string_equal(import_penalty_type("没收违法所得", strlen("没收违法所得")), "confiscation");
  assert_string_equal(import_penalty_type("责令停产停业", strlen("责令停产停业")), "business_restriction");
  assert_string_equal(import_penalty_type("fine", 4), "fine");
  assert_string_equal(import_penalty_type("其他", strlen("其他")), "other");
  assert_null(import_penalty_type(" ", 1));
  for (int i = 0; import_penalty_types[i].zCode; i++) {
    assert_string_equal(import_penalty_type_name(import_penalty_types[i].zCode), import_penalty_types[i].zName);
  }
  int64_t fen;
  assert_int_equal(import_parse_amount_fen("1200", 4, &fen), 0);
  assert_int_equal(fen, 120000);
  assert_int_equal(import_parse_amount_fen("1,200.5元", strlen("1,200.5元"), &fen), 0);
  assert_int_equal(fen, 120050);
  assert_int_equal(import_parse_amount_fen("￥0.07", strlen("￥0.07"), &fen), 0);
  assert_int_equal(fen, 7);
  static const char *const badAmount[] = {"", "-5", "1.234", "abc", "1.", ",1", "12345678901234", "1元2"};
  for (size_t i = 0; i < sizeof badAmount / sizeof badAmount[0]; i++) {
    assert_int_equal(import_parse_amount_fen(badAmount[i], strlen(badAmount[i]), &fen), -1);
  }
}

static void test_mapping(void **state) {
  (void)state;
  char zKey[64];
  import_header_key(" 罚款金额（元）", strlen(" 罚款金额（元）"), zKey, sizeof zKey);
  assert_string_equal(zKey, "罚款金额");
  import_header_key("*姓 名\xE3\x80\x80", strlen("*姓 名\xE3\x80\x80"), zKey, sizeof zKey);
  assert_string_equal(zKey, "姓名");
  import_header_key("ID_Number", 9, zKey, sizeof zKey);
  assert_string_equal(zKey, "id_number");
  import_header_key("𠀀𠀀", 8, zKey, 6); /* cut at a character boundary */
  assert_string_equal(zKey, "𠀀");
  char *azHead[] = {"序号", "驾驶人姓名", "公民身份号码", "准驾车型", "驾驶证状态", "状态日期", "发证机关", "姓名"};
  size_t anHead[8];
  for (int i = 0; i < 8; i++) anHead[i] = strlen(azHead[i]);
  int aCol[IMPORT_MAX_FIELDS];
  import_propose_mapping(IMPORT_KIND_LICENCE, 8, azHead, anHead, aCol);
  assert_int_equal(aCol[import_field_index(IMPORT_KIND_LICENCE, "name")], 1);
  assert_int_equal(aCol[import_field_index(IMPORT_KIND_LICENCE, "id_number")], 2);
  assert_int_equal(aCol[import_field_index(IMPORT_KIND_LICENCE, "licence_class")], 3);
  assert_int_equal(aCol[import_field_index(IMPORT_KIND_LICENCE, "status")], 4);
  assert_int_equal(aCol[import_field_index(IMPORT_KIND_LICENCE, "status_on")], 5);
  assert_int_equal(aCol[import_field_index(IMPORT_KIND_LICENCE, "agency_name")], 6);
  assert_int_equal(aCol[import_field_index(IMPORT_KIND_LICENCE, "licence_number")], -1);
  assert_int_equal(import_kind("licence"), IMPORT_KIND_LICENCE);
  assert_int_equal(import_kind("penalty"), IMPORT_KIND_PENALTY);
  assert_int_equal(import_kind("cars"), 0);
  int nField;
  assert_true(import_fields(IMPORT_KIND_PENALTY, &nField) != NULL && nField <= IMPORT_MAX_FIELDS);
  assert_true(import_fields(IMPORT_KIND_LICENCE, &nField) != NULL && nField <= IMPORT_MAX_FIELDS);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_csv_utf8), cmocka_unit_test(test_csv_gb18030), cmocka_unit_test(test_csv_detect),
      cmocka_unit_test(test_csv_bad),  cmocka_unit_test(test_xlsx),        cmocka_unit_test(test_xlsx_bomb),
      cmocka_unit_test(test_dates),    cmocka_unit_test(test_values),      cmocka_unit_test(test_mapping),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
