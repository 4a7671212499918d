/* test_imports.c: the import use case (app/imports.h) end to end on files: UTF-8 and GB18030 CSV, XLSX with shared
 * strings and dates, malformed rows with their row and column, 15-digit IDs (valid and impossible), a file imported
 * twice, the same records from two files, a failure halfway (nothing written), a header without the ID column, the
 * saved mapping, the limits (rows, bytes, a zip bomb), a formula kept as text, the permission and the office scope.
 * With JIANWU_TEST_PG set the same tests run on a new PostgreSQL database (test_db.h). */
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "app/accounts.h"
#include "app/audit.h"
#include "app/imports.h"
#include "core/roles.h"
#include "lib/buf.h"
#include "store/accounts_store.h"
#include "store/db.h"
#include "test_util.h"
#include "test_db.h"

#define NOW "2026-01-01T00:00:00Z"

typedef struct Fixture {
  char zDir[64];
  char zTarget[256];
  Db *db;
  int64_t orgA, orgB;
  Actor xingjian, clerk, other;
  int nFile;
} Fixture;

static int64_t mk_user(Db *db, int64_t orgId, const char *zLogin, const char *zRole) {
  int64_t id = user_store_insert(db, orgId, 0, zLogin, zLogin, "$dummy$", NOW);
  assert_true(id > 0);
  json_t *roles = json_pack("[s]", zRole);
  assert_int_equal(user_store_set_roles(db, id, roles), 0);
  json_decref(roles);
  return id;
}

static Actor actor_of(Db *db, int64_t orgId, int64_t userId) {
  Actor a = {.userId = userId, .orgId = orgId, .zLogin = "test", .perms = user_store_permissions(db, userId)};
  return a;
}

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/jw-imports-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  assert_int_equal(test_db_new(f->zDir, "t.db", f->zTarget, sizeof f->zTarget), 0);
  JwErr e;
  assert_int_equal(db_open(f->zTarget, DB_OPEN_CREATE, &f->db, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orga", "甲县人民检察院", "county", NULL, &f->orgA, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orgb", "乙县人民检察院", "county", NULL, &f->orgB, &e), 0);
  f->xingjian = actor_of(f->db, f->orgA, mk_user(f->db, f->orgA, "xingjian", "admin_prosecutor"));
  f->clerk = actor_of(f->db, f->orgA, mk_user(f->db, f->orgA, "clerk", "clerk"));
  f->other = actor_of(f->db, f->orgB, mk_user(f->db, f->orgB, "anguan_b", "case_manager"));
  assert_true(f->xingjian.perms & PERM_DATA_IMPORT);
  assert_false(f->clerk.perms & PERM_DATA_IMPORT);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  assert_false(db_in_transaction(f->db));
  db_close(f->db);
  test_db_drop(f->zTarget);
  char zCmd[128];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", f->zDir);
  assert_int_equal(system(zCmd), 0);
  free(f);
  return 0;
}

/* Writes n bytes to a new file in the fixture's directory; returns its path (static per call site: copy it). */
static const char *write_file(Fixture *f, const char *zExt, const void *p, size_t n) {
  static char zPath[128];
  snprintf(zPath, sizeof zPath, "%s/f%d.%s", f->zDir, ++f->nFile, zExt);
  FILE *fp = fopen(zPath, "wb");
  assert_non_null(fp);
  assert_int_equal(fwrite(p, 1, n, fp), n);
  fclose(fp);
  return zPath;
}

static const char *write_text(Fixture *f, const char *z) {
  return write_file(f, "csv", z, strlen(z));
}

static char *to_gb18030(const char *z, size_t *pn) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  size_t nIn = strlen(z), nOut = 4 * nIn + 8;
  char *zOut = malloc(nOut), *pOut = zOut, *pIn = (char *)z;
  assert_true(iconv(cd, &pIn, &nIn, &pOut, &nOut) != (size_t)-1);
  iconv_close(cd);
  *pn = (size_t)(pOut - zOut);
  return zOut;
}

static long count(Db *db, const char *zSql) {
  Stmt *s = db_prepare(db, zSql);
  assert_int_equal(db_step(s), DB_ROW);
  long n = (long)db_col_int(s, 0);
  db_done(s);
  return n;
}

/* Everything an import writes, as one number per table: a refused import must change none. */
typedef struct Counts {
  long batch, rejection, licence, penalty, mapping, audit;
} Counts;

static Counts counts(Db *db) {
  Counts c = {count(db, "SELECT count(*) FROM import_batch"),   count(db, "SELECT count(*) FROM import_rejection"),
              count(db, "SELECT count(*) FROM licence_record"), count(db, "SELECT count(*) FROM penalty_record"),
              count(db, "SELECT count(*) FROM import_mapping"), count(db, "SELECT count(*) FROM audit_log")};
  return c;
}

static void assert_same_counts(Counts a, Counts b) {
  assert_int_equal(a.batch, b.batch);
  assert_int_equal(a.rejection, b.rejection);
  assert_int_equal(a.licence, b.licence);
  assert_int_equal(a.penalty, b.penalty);
  assert_int_equal(a.mapping, b.mapping);
  assert_int_equal(a.audit, b.audit);
}

static ImportRequest req(const char *zKind, const char *zSource, const char *zPath) {
  ImportRequest r = {.zKind = zKind, .zSource = zSource, .zPath = zPath, .today = D("2026-01-01")};
  return r;
}

/* A licence record's columns as "id|raw|name|birth|number|class|status|status_on|reissued|agency". */
static void licence_row(Db *db, long rowNo, int64_t batchId, Buf *out) {
  Stmt *s = db_prepare(db,
                       "SELECT coalesce(id_number, '-'), id_number_raw, name, coalesce(birth_date, '-'),"
                       " licence_number, licence_class, status, coalesce(status_on, '-'), coalesce(reissued_on, '-'),"
                       " agency_name FROM licence_record WHERE batch_id = ?1 AND row_no = ?2");
  db_bind_int(s, 1, batchId);
  db_bind_int(s, 2, rowNo);
  buf_reset(out);
  if (db_step(s) == DB_ROW) {
    for (int i = 0; i < 10; i++) buf_printf(out, "%s%s", i ? "|" : "", db_col_text(s, i));
  }
  db_done(s);
}

static const char licence_csv[] =
    "\xEF\xBB\xBF序号,驾驶人姓名,公民身份号码,准驾车型,驾驶证状态,状态日期,重新取得日期,发证机关\r\n"
    "1,张三,11010519491231002X,C1,吊销,2025/3/5,,西安市公安局交通警察支队车辆管理所\r\n"
    "2,李四,110105491231002,C1,正常,2025年3月6日,,\r\n"            /* 15 digits, upgraded */
    "3,王五,110105491331002,A2,有效,45721,,\r\n"                   /* 15 digits, month 13: kept, no ID */
    "4,赵六,11010519491231002x,B2,暂扣,2025-03-07,2026-01-01,\r\n" /* lower-case x, the same person as 张三 */
    "5,,440524188001010014,C1,注销,2025-03-08,,\r\n"               /* no name */
    "6,钱七,513101198201130014,C1,作废了,2025-02-30,,\r\n"         /* status and date both bad */
    ",,,,,,,\r\n"                                                  /* an empty row: skipped */
    "8,\"=cmd|' /C calc'!A0\",370101190102039973,C1,正常,2025-03-09,,\r\n";

static void test_licence_csv(void **state) {
  Fixture *f = *state;
  ImportRequest r = req("licence", "西安交警", write_text(f, licence_csv));
  ImportResult res;
  JwErr e;
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), 0);
  assert_false(res.alreadyImported);
  assert_string_equal(res.zFormat, "csv");
  assert_string_equal(res.zEncoding, "utf-8");
  assert_int_equal(res.rowsTotal, 7);
  assert_int_equal(res.rowsAccepted, 5);
  assert_int_equal(res.rowsDuplicate, 0);
  assert_int_equal(res.rowsRejected, 2);
  assert_int_equal(res.idMissing, 1);
  Buf b = BUF_INIT;
  licence_row(f->db, 2, res.batchId, &b);
  assert_string_equal(b.z,
                      "11010519491231002X|11010519491231002X|张三|1949-12-31|11010519491231002X|C1|revoked|"
                      "2025-03-05|-|西安市公安局交通警察支队车辆管理所");
  licence_row(f->db, 3, res.batchId, &b);
  assert_string_equal(b.z,
                      "11010519491231002X|110105491231002|李四|1949-12-31|11010519491231002X|C1|valid|2025-03-06|-|"
                      "西安交警");
  licence_row(f->db, 4, res.batchId, &b); /* invalid: no ID, the raw text kept; the licence number falls back to it */
  assert_string_equal(b.z, "-|110105491331002|王五|-|110105491331002|A2|valid|2025-03-05|-|西安交警");
  licence_row(f->db, 5, res.batchId, &b);
  assert_string_equal(b.z,
                      "11010519491231002X|11010519491231002x|赵六|1949-12-31|11010519491231002X|B2|suspended|"
                      "2025-03-07|2026-01-01|西安交警");
  licence_row(f->db, 9, res.batchId, &b); /* a formula is text */
  assert_string_equal(b.z,
                      "370101190102039973|370101190102039973|=cmd|' /C calc'!A0|1901-02-03|370101190102039973|C1|"
                      "valid|2025-03-09|-|西安交警");
  buf_free(&b);
  /* the report */
  json_t *o;
  assert_int_equal(imports_batch_get(f->db, &f->xingjian, res.batchId, 100, &o, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(o, "rows_rejected")), 2);
  json_t *a = json_object_get(o, "rejections");
  assert_int_equal(json_array_size(a), 3);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 0), "row")), 6);
  assert_string_equal(json_string_value(json_object_get(json_array_get(a, 0), "column")), "驾驶人姓名");
  assert_string_equal(json_string_value(json_object_get(json_array_get(a, 0), "reason")), "姓名为空");
  assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 1), "row")), 7);
  assert_string_equal(json_string_value(json_object_get(json_array_get(a, 1), "column")), "驾驶证状态");
  assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 2), "row")), 7);
  assert_string_equal(json_string_value(json_object_get(json_array_get(a, 2), "column")), "状态日期");
  json_decref(o);
  /* the mapping was saved for the source; the audit row written */
  assert_int_equal(count(f->db, "SELECT count(*) FROM import_mapping WHERE source = '西安交警'"), 1);
  assert_int_equal(count(f->db, "SELECT count(*) FROM audit_log WHERE action = 'import.create' AND entity = 'import'"),
                   1);
  /* another office does not see the batch */
  assert_int_equal(imports_batch_get(f->db, &f->other, res.batchId, 100, &o, &e), -1);
  assert_int_equal(e.status, 404);
}

static void test_gb18030_and_duplicates(void **state) {
  Fixture *f = *state;
  ImportResult res, res2, res3;
  JwErr e;
  ImportRequest r = req("licence", "西安交警", write_text(f, licence_csv));
  char zFirst[128];
  snprintf(zFirst, sizeof zFirst, "%s", r.zPath);
  r.zPath = zFirst;
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), 0);
  Counts before = counts(f->db);
  /* the same file again: nothing written, the earlier batch answered */
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res2, &e), 0);
  assert_true(res2.alreadyImported);
  assert_int_equal(res2.batchId, res.batchId);
  assert_same_counts(before, counts(f->db));
  /* the same records in GB18030 (no BOM) and one new row: a new batch, old rows duplicates */
  size_t n;
  char *zGb = to_gb18030(
      "姓名,身份证号,状态,状态日期\n张三,11010519491231002X,吊销,2025-03-05\n"
      "孙八,110105194912310021,正常,2025-04-01\n",
      &n);
  ImportRequest r3 = req("licence", "西安交警", write_file(f, "csv", zGb, n));
  free(zGb);
  assert_int_equal(imports_run(f->db, &f->xingjian, &r3, &res3, &e), 0);
  assert_string_equal(res3.zEncoding, "gb18030");
  assert_false(res3.alreadyImported);
  assert_int_equal(res3.rowsTotal, 2);
  assert_int_equal(res3.rowsAccepted, 1);
  assert_int_equal(res3.rowsDuplicate, 1);
  assert_int_equal(count(f->db, "SELECT count(*) FROM licence_record WHERE name = '孙八' AND status = 'valid'"), 1);
  assert_int_equal(count(f->db, "SELECT count(*) FROM import_batch WHERE encoding = 'gb18030' AND rows_duplicate = 1"),
                   1);
  /* the same file imported by another office is that office's own */
  ImportResult res4;
  assert_int_equal(imports_run(f->db, &f->other, &r, &res4, &e), 0);
  assert_false(res4.alreadyImported);
  assert_int_equal(res4.rowsAccepted, 5);
}

static void test_failure_halfway(void **state) {
  Fixture *f = *state;
  Counts before = counts(f->db);
  /* good rows, then (after the first 64 KiB, which decided UTF-8) a row in GBK: the file is refused, nothing kept */
  Buf b = BUF_INIT;
  buf_puts(&b, "姓名,身份证号,状态\n");
  for (int i = 0; i < 3000; i++) buf_printf(&b, "张%d,11010519491231002X,正常,%d\n", i, i);
  buf_puts(&b, "\xD5\xC5\xC8\xFD,11010519491231002X,\xD5\xFD\xB3\xA3\n");
  buf_puts(&b, "李四,11010519491231002X,正常\n");
  ImportRequest r = req("licence", "西安交警", write_file(f, "csv", b.z, b.n));
  buf_free(&b);
  ImportResult res;
  JwErr e;
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), -1);
  assert_int_equal(e.status, 400);
  assert_string_equal(e.field, "file");
  assert_non_null(strstr(e.message, "第 3002 行第 1 列"));
  assert_int_equal(res.batchId, 0);
  assert_same_counts(before, counts(f->db));
  assert_false(db_in_transaction(f->db));
  /* a quote left open at the end */
  ImportRequest r2 = req("licence", "西安交警", write_text(f, "姓名,身份证号,状态\n张三,11010519491231002X,\"正常\n"));
  assert_int_equal(imports_run(f->db, &f->xingjian, &r2, &res, &e), -1);
  assert_non_null(strstr(e.message, "引号未闭合"));
  assert_same_counts(before, counts(f->db));
}

static void test_header_and_mapping(void **state) {
  Fixture *f = *state;
  Counts before = counts(f->db);
  ImportResult res;
  JwErr e;
  /* no ID column */
  ImportRequest r = req("licence", "交警", write_text(f, "姓名,状态\n张三,正常\n"));
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), -1);
  assert_int_equal(e.status, 400);
  assert_string_equal(e.code, "import_mapping_incomplete");
  assert_string_equal(e.field, "mapping");
  assert_non_null(strstr(e.message, "公民身份号码"));
  assert_same_counts(before, counts(f->db));
  /* headers the synonyms do not know: an explicit mapping, saved for the source */
  static const char zOdd[] = "人员,编号甲,现状\n张三,11010519491231002X,吊销\n";
  ImportRequest r2 = req("licence", "某交警大队", write_text(f, zOdd));
  assert_int_equal(imports_run(f->db, &f->xingjian, &r2, &res, &e), -1);
  assert_string_equal(e.field, "mapping");
  r2.zMapping = "name=人员,id_number=编号甲,status=现状";
  assert_int_equal(imports_run(f->db, &f->xingjian, &r2, &res, &e), 0);
  assert_int_equal(res.rowsAccepted, 1);
  /* next month's file from that source: no mapping needed */
  ImportRequest r3 = req("licence", "某交警大队", write_text(f, "人员,编号甲,现状\n李四,110105194912310021,正常\n"));
  assert_int_equal(imports_run(f->db, &f->xingjian, &r3, &res, &e), 0);
  assert_int_equal(res.rowsAccepted, 1);
  /* another source using that source's mapping by name */
  ImportRequest r4 = req("licence", "别的大队", write_text(f, "人员,编号甲,现状\n王五,440524188001010014,注销\n"));
  r4.zMapping = "某交警大队";
  assert_int_equal(imports_run(f->db, &f->xingjian, &r4, &res, &e), 0);
  assert_int_equal(res.rowsAccepted, 1);
  /* mapping errors name the field */
  r4.zMapping = "没有这个来源";
  assert_int_equal(imports_run(f->db, &f->xingjian, &r4, &res, &e), -1);
  assert_string_equal(e.field, "mapping");
  r4.zPath = write_text(f, "人员,编号甲,现状\n赵六,440524188001010014,注销\n"); /* a file not imported yet */
  r4.zMapping = "colour=人员";
  assert_int_equal(imports_run(f->db, &f->xingjian, &r4, &res, &e), -1);
  assert_string_equal(e.field, "mapping");
  r4.zMapping = "name=不存在的列";
  assert_int_equal(imports_run(f->db, &f->xingjian, &r4, &res, &e), -1);
  assert_string_equal(e.field, "mapping");
}

static void test_bad_requests(void **state) {
  Fixture *f = *state;
  Counts before = counts(f->db);
  ImportResult res;
  JwErr e;
  const char *zPath = write_text(f, "姓名,身份证号,状态\n张三,11010519491231002X,正常\n");
  char zGood[128];
  snprintf(zGood, sizeof zGood, "%s", zPath);
  ImportRequest r = req("licence", "交警", zGood);
  assert_int_equal(imports_run(f->db, &f->clerk, &r, &res, &e), -1);
  assert_int_equal(e.status, 403);
  r.zKind = "cars";
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), -1);
  assert_string_equal(e.field, "kind");
  r.zKind = "licence";
  /* the source: at most 100 characters (4-byte ones counted as one) */
  char zSource[4 * 101 + 1] = "";
  for (int i = 0; i < 100; i++) strcat(zSource, "𠀀");
  r.zSource = zSource;
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), 0);
  Counts after = counts(f->db);
  strcat(zSource, "𠀀");
  r.zPath = write_text(f, "姓名,身份证号,状态\n李四,11010519491231002X,正常\n");
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), -1);
  assert_string_equal(e.field, "source");
  r.zSource = "交警";
  /* the row limit: 2 allowed, 3 given */
  r.zPath = write_text(f, "姓名,身份证号,状态\n甲,1,正常\n乙,2,正常\n丙,3,正常\n");
  r.maxRows = 2;
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), -1);
  assert_int_equal(e.status, 413);
  assert_non_null(strstr(e.message, "2 行"));
  r.maxRows = 0;
  /* the byte limit, and the 2 GiB default on a sparse file one byte over */
  r.maxBytes = 10;
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), -1);
  assert_int_equal(e.status, 413);
  r.maxBytes = 0;
  char zSparse[128];
  snprintf(zSparse, sizeof zSparse, "%s/sparse.csv", f->zDir);
  int fd = open(zSparse, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  assert_true(fd >= 0);
  assert_int_equal(ftruncate(fd, IMPORT_MAX_FILE_BYTES + 1), 0);
  close(fd);
  r.zPath = zSparse;
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), -1);
  assert_int_equal(e.status, 413);
  assert_string_equal(e.field, "file");
  unlink(zSparse);
  /* an empty file, a missing one, a header only */
  r.zPath = write_text(f, "");
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), -1);
  assert_string_equal(e.field, "file");
  r.zPath = "/nonexistent/x.csv";
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), -1);
  assert_string_equal(e.field, "file");
  r.zPath = write_text(f, "\n\n,,\n");
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), -1);
  assert_string_equal(e.field, "file");
  assert_same_counts(after, counts(f->db));
  assert_true(after.batch == before.batch + 1);
}

/* ---- XLSX ---- */

typedef struct Part {
  const char *zName;
  const char *zData;
  size_t n;
} Part;

static const char *write_zip(Fixture *f, const Part *a, int nPart) {
  static char zPath[128];
  snprintf(zPath, sizeof zPath, "%s/f%d.xlsx", f->zDir, ++f->nFile);
  int err;
  zip_t *z = zip_open(zPath, ZIP_CREATE | ZIP_TRUNCATE, &err);
  assert_non_null(z);
  for (int i = 0; i < nPart; i++) {
    zip_source_t *s = zip_source_buffer(z, a[i].zData, a[i].n ? a[i].n : strlen(a[i].zData), 0);
    assert_true(zip_file_add(z, a[i].zName, s, ZIP_FL_ENC_UTF_8) >= 0);
  }
  assert_int_equal(zip_close(z), 0);
  return zPath;
}

static const char wb_xml[] =
    "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"处罚\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels_xml[] =
    "<Relationships><Relationship Id=\"rId1\" Type=\"x\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
static const char sst_xml[] =
    "<sst><si><t>当事人姓名</t></si><si><t>身份证号</t></si><si><t>处罚机关</t></si><si><t>处罚种类</t></si>"
    "<si><t>行政处罚决定书文号</t></si><si><t>处罚决定日期</t></si><si><t>罚款金额（元）</t></si>"
    "<si><t>张三</t></si><si><t>鄠邑区公安分局</t></si><si><t>罚款</t></si><si><t>鄠公（交）行罚决字〔2025〕1号</t></"
    "si>"
    "<si><t>统一社会信用代码</t></si></sst>";
static const char sheet_xml[] =
    "<worksheet><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
    "<c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c>"
    "<c r=\"G1\" t=\"s\"><v>6</v></c><c r=\"H1\" t=\"s\"><v>11</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v></c><c r=\"B2\" t=\"str\"><v>11010519491231002X</v></c>"
    "<c r=\"C2\" t=\"s\"><v>8</v></c><c r=\"D2\" t=\"s\"><v>9</v></c><c r=\"E2\" t=\"s\"><v>10</v></c>"
    "<c r=\"F2\"><v>45721</v></c><c r=\"G2\"><v>2000.5</v></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>某某有限公司</t></is></c><c r=\"C3\" t=\"s\"><v>8</v></c>"
    "<c r=\"D3\" t=\"inlineStr\"><is><t>警告</t></is></c><c r=\"E3\" t=\"inlineStr\"><is><t>第2号</t></is></c>"
    "<c r=\"F3\" t=\"inlineStr\"><is><t>2025/4/1</t></is></c>"
    "<c r=\"H3\" t=\"inlineStr\"><is><t>91350100M000100Y43</t></is></c></row>"
    "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>李四</t></is></c><c r=\"B5\" t=\"inlineStr\"><is><t>1101051949"
    "12310021</t></is></c><c r=\"D5\" t=\"inlineStr\"><is><t>罚款</t></is></c>"
    "<c r=\"E5\" t=\"inlineStr\"><is><t>第3号</t></is></c><c r=\"F5\"><v>abc</v></c><c r=\"G5\"><v>-3</v></c></row>"
    "</sheetData></worksheet>";

static void test_penalty_xlsx(void **state) {
  Fixture *f = *state;
  Part a[] = {{"xl/workbook.xml", wb_xml, 0},
              {"xl/_rels/workbook.xml.rels", rels_xml, 0},
              {"xl/sharedStrings.xml", sst_xml, 0},
              {"xl/worksheets/sheet1.xml", sheet_xml, 0}};
  ImportRequest r = req("penalty", "鄠邑公安", write_zip(f, a, 4));
  ImportResult res;
  JwErr e;
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), 0);
  assert_string_equal(res.zFormat, "xlsx");
  assert_int_equal(res.rowsTotal, 3);
  assert_int_equal(res.rowsAccepted, 2);
  assert_int_equal(res.rowsRejected, 1);
  assert_int_equal(res.idMissing, 0);
  Stmt *s = db_prepare(f->db,
                       "SELECT id_number, name, birth_date, agency_name, penalty_type, decision_number, decided_on,"
                       " amount_fen FROM penalty_record WHERE row_no = 2 AND batch_id = ?1");
  db_bind_int(s, 1, res.batchId);
  assert_int_equal(db_step(s), DB_ROW);
  assert_string_equal(db_col_text(s, 0), "11010519491231002X");
  assert_string_equal(db_col_text(s, 1), "张三");
  assert_string_equal(db_col_text(s, 2), "1949-12-31");
  assert_string_equal(db_col_text(s, 3), "鄠邑区公安分局");
  assert_string_equal(db_col_text(s, 4), "fine");
  assert_string_equal(db_col_text(s, 5), "鄠公（交）行罚决字〔2025〕1号");
  assert_string_equal(db_col_text(s, 6), "2025-03-05");
  assert_int_equal(db_col_int(s, 7), 200050);
  db_done(s);
  assert_int_equal(count(f->db,
                         "SELECT count(*) FROM penalty_record WHERE credit_code = '91350100M000100Y43'"
                         " AND id_number IS NULL AND penalty_type = 'warning' AND amount_fen IS NULL"
                         " AND agency_name = '鄠邑区公安分局'"),
                   1);
  json_t *o;
  assert_int_equal(imports_batch_get(f->db, &f->xingjian, res.batchId, 100, &o, &e), 0);
  json_t *rej = json_object_get(o, "rejections");
  assert_int_equal(json_array_size(rej), 2); /* row 5: the date and the amount */
  assert_int_equal(json_integer_value(json_object_get(json_array_get(rej, 0), "row")), 5);
  assert_string_equal(json_string_value(json_object_get(json_array_get(rej, 0), "column")), "处罚决定日期");
  assert_string_equal(json_string_value(json_object_get(json_array_get(rej, 1), "column")), "罚款金额（元）");
  json_decref(o);
}

static void test_bad_xlsx(void **state) {
  Fixture *f = *state;
  Counts before = counts(f->db);
  ImportResult res;
  JwErr e;
  /* a zip bomb: a sheet that inflates past the limit */
  size_t nBig = 4u << 20;
  char *zBig = malloc(nBig);
  memset(zBig, ' ', nBig);
  memcpy(zBig, "<worksheet><sheetData>", 22);
  memcpy(zBig + nBig - 24, "</sheetData></worksheet>", 24);
  Part a[] = {{"xl/workbook.xml", wb_xml, 0},
              {"xl/_rels/workbook.xml.rels", rels_xml, 0},
              {"xl/worksheets/sheet1.xml", zBig, nBig}};
  ImportRequest r = req("penalty", "鄠邑公安", write_zip(f, a, 3));
  free(zBig);
  r.maxInflated = 1u << 20;
  assert_int_equal(imports_run(f->db, &f->xingjian, &r, &res, &e), -1);
  assert_int_equal(e.status, 413);
  assert_string_equal(e.field, "file");
  /* truncated */
  Part b[] = {{"xl/workbook.xml", wb_xml, 0},
              {"xl/_rels/workbook.xml.rels", rels_xml, 0},
              {"xl/sharedStrings.xml", sst_xml, 0},
              {"xl/worksheets/sheet1.xml", sheet_xml, 0}};
  const char *zPath = write_zip(f, b, 4);
  FILE *fp = fopen(zPath, "rb");
  char aBytes[8192];
  size_t n = fread(aBytes, 1, sizeof aBytes, fp);
  fclose(fp);
  ImportRequest r2 = req("penalty", "鄠邑公安", write_file(f, "xlsx", aBytes, n / 2));
  assert_int_equal(imports_run(f->db, &f->xingjian, &r2, &res, &e), -1);
  assert_int_equal(e.status, 400);
  assert_string_equal(e.field, "file");
  assert_same_counts(before, counts(f->db));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_licence_csv, setup, teardown),
      cmocka_unit_test_setup_teardown(test_gb18030_and_duplicates, setup, teardown),
      cmocka_unit_test_setup_teardown(test_failure_halfway, setup, teardown),
      cmocka_unit_test_setup_teardown(test_header_and_mapping, setup, teardown),
      cmocka_unit_test_setup_teardown(test_bad_requests, setup, teardown),
      cmocka_unit_test_setup_teardown(test_penalty_xlsx, setup, teardown),
      cmocka_unit_test_setup_teardown(test_bad_xlsx, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
