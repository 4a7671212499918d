/* test_documents.c: unit tests for the 文书 (issue 10 §4): the 文号 format's check and rendering (core/document.c),
 * the template check and fill with hostile text, the 公文 date, the .docx parts well-formed as expat parses them and
 * the zip as libzip reads it back (web/docx.c), and documents_issue() through the C API on the store: the sequence
 * per (office, type, year) taken in the caller's transaction (a rollback gives the number back: no gap), unknown
 * types and fields refused with nothing written, offices apart. On SQLite, or PostgreSQL with JIANWU_TEST_PG. */
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "app/accounts.h"
#include "app/documents.h"
#include "core/document.h"
#include "lib/buf.h"
#include "store/accounts_store.h"
#include "store/db.h"
#include "test_util.h"
#include "test_db.h"
#include "web/docx.h"

/* ---- core ------------------------------------------------------------------------------------------------- */

static void test_number_format_check(void **state) {
  (void)state;
  char zWhy[200];
  assert_int_equal(doc_number_format_check(DOC_NUMBER_FORMAT_DEFAULT, zWhy, sizeof zWhy), 0);
  assert_int_equal(doc_number_format_check("{year}{n}", zWhy, sizeof zWhy), 0);
  assert_int_equal(doc_number_format_check("{short}检{abbr}〔{year}〕号", zWhy, sizeof zWhy), -1);
  assert_non_null(strstr(zWhy, "{n}"));
  assert_int_equal(doc_number_format_check("{short}检{abbr}〔〕{n}号", zWhy, sizeof zWhy), -1);
  assert_int_equal(doc_number_format_check("{type}{year}{n}", zWhy, sizeof zWhy), -1);
  assert_non_null(strstr(zWhy, "{type}"));
  assert_int_equal(doc_number_format_check("", zWhy, sizeof zWhy), -1);
  assert_int_equal(doc_number_format_check("{year}\n{n}", zWhy, sizeof zWhy), -1);
  assert_int_equal(doc_number_format_check("\xE6\x96{year}{n}", zWhy, sizeof zWhy), -1); /* cut UTF-8 */
  /* 60 characters at most: 54 Chinese characters + {year}{n} is 63 */
  Buf b = BUF_INIT;
  for (int i = 0; i < 51; i++) buf_puts(&b, "检");
  buf_puts(&b, "{n}{year}"); /* 51 + 9 = 60 */
  assert_int_equal(doc_number_format_check(buf_cstr(&b), zWhy, sizeof zWhy), 0);
  buf_puts(&b, "号");
  assert_int_equal(doc_number_format_check(buf_cstr(&b), zWhy, sizeof zWhy), -1);
  buf_free(&b);
  /* an unmatched brace is ordinary text */
  assert_int_equal(doc_number_format_check("{{year}{n}}", zWhy, sizeof zWhy), 0);
}

static void test_number_format_render(void **state) {
  (void)state;
  char z[64];
  assert_int_equal(doc_number_format(DOC_NUMBER_FORMAT_DEFAULT, "缙", "行意", 2026, 3, z, sizeof z), 0);
  assert_string_equal(z, "缙检行意〔2026〕3号");
  assert_int_equal(doc_number_format("{short}{short}-{n}/{year}", "缙云", "x", 2025, 1234567, z, sizeof z), 0);
  assert_string_equal(z, "缙云缙云-1234567/2025");
  /* never cut: too long is refused */
  assert_int_equal(doc_number_format(DOC_NUMBER_FORMAT_DEFAULT, "缙", "行意", 2026, 3, z, 10), -1);
}

static void test_types(void **state) {
  (void)state;
  static const char *const codes[] = {"non_prosecution",   "procuratorial_opinion", "suggestion",
                                      "review_suspension", "review_termination",    "urging_letter"};
  assert_int_equal(doc_type_count, 6);
  char zWhy[200];
  for (int i = 0; i < 6; i++) {
    const DocType *t = doc_type_find(codes[i]);
    assert_non_null(t);
    /* every built-in template uses only its type's placeholders */
    assert_int_equal(doc_template_check(t, t->zBody, zWhy, sizeof zWhy), 0);
    assert_int_equal(doc_template_check(t, t->zTitle, zWhy, sizeof zWhy), 0);
  }
  assert_string_equal(doc_type_find("procuratorial_opinion")->zAbbr, "行意");
  assert_string_equal(doc_type_find("procuratorial_opinion")->zName, "检察意见书");
  assert_null(doc_type_find("nope"));
  assert_null(doc_type_find(NULL));
  const DocType *np = doc_type_find("non_prosecution");
  assert_int_equal(doc_template_check(np, "{person_name}{agency_name}", zWhy, sizeof zWhy), -1);
  assert_non_null(strstr(zWhy, "{agency_name}"));
  assert_int_equal(doc_template_check(np, "{ person_name} {Name} {} {x", zWhy, sizeof zWhy), 0);
}

static void test_fill_hostile_text(void **state) {
  (void)state;
  const DocType *np = doc_type_find("non_prosecution");
  (void)np;
  json_t *f = json_pack("{s:s, s:s, s:i, s:n, s:s}", "person_name", "{number}<b>&\"'", "number",
                        "缙检刑不诉〔2026〕1号", "decision_on", 20260101, "facts", "charges", "");
  Buf b = BUF_INIT;
  doc_fill("甲{person_name}乙{number}丙{decision_on}丁{facts}戊{charges}己{unknown}{ person_name}{", f, &b);
  assert_string_equal(buf_cstr(&b), "甲{number}<b>&\"'乙缙检刑不诉〔2026〕1号丙20260101丁" DOC_BLANK "戊" DOC_BLANK
                                    "己" DOC_BLANK "{ person_name}{");
  buf_free(&b);
  json_decref(f);
}

/* A field set to false leaves out the whole template line it stands on: first, middle and last lines, text on the
 * line before and after the placeholder, and a line break kept between the lines that stay. */
static void test_fill_line_left_out(void **state) {
  (void)state;
  json_t *f = json_pack("{s:s, s:b, s:b}", "facts", "事实", "copies_to", 0, "charges", 0);
  Buf b = BUF_INIT;
  doc_fill("甲{facts}\n抄送：{copies_to}。\n乙", f, &b);
  assert_string_equal(buf_cstr(&b), "甲事实\n乙");
  buf_reset(&b);
  doc_fill("甲{facts}\n抄送：{copies_to}", f, &b);
  assert_string_equal(buf_cstr(&b), "甲事实");
  buf_reset(&b);
  doc_fill("{charges}罪\n{facts}", f, &b);
  assert_string_equal(buf_cstr(&b), "事实");
  buf_reset(&b);
  doc_fill("{copies_to}", f, &b);
  assert_string_equal(buf_cstr(&b), "");
  buf_reset(&b);
  /* appended to what out held: only the template's own line goes */
  buf_puts(&b, "前文\n");
  doc_fill("{facts}{copies_to}\n后", f, &b);
  assert_string_equal(buf_cstr(&b), "前文\n后");
  doc_fill("\n{copies_to}", f, &b);
  assert_string_equal(buf_cstr(&b), "前文\n后");
  buf_reset(&b);
  buf_puts(&b, "前文\n");
  doc_fill("{copies_to}", f, &b);
  assert_string_equal(buf_cstr(&b), "前文\n");
  buf_free(&b);
  json_decref(f);
}

static void test_date_chinese(void **state) {
  (void)state;
  char z[32];
  assert_int_equal(doc_date_chinese("2026-12-02", z, sizeof z), 0);
  assert_string_equal(z, "2026年12月2日");
  assert_int_equal(doc_date_chinese("2025-01-31", z, sizeof z), 0);
  assert_string_equal(z, "2025年1月31日");
  assert_int_equal(doc_date_chinese("2025-02-30", z, sizeof z), -1);
  assert_int_equal(doc_date_chinese(NULL, z, sizeof z), -1);
}

/* ---- docx ------------------------------------------------------------------------------------------------- */

typedef struct XmlText {
  Buf text;
  int elements;
} XmlText;

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  (void)name;
  (void)atts;
  ((XmlText *)ud)->elements++;
}
static void XMLCALL on_end(void *ud, const XML_Char *name) {
  (void)ud;
  (void)name;
}
static void XMLCALL on_text(void *ud, const XML_Char *s, int n) {
  buf_append(&((XmlText *)ud)->text, s, (size_t)n);
}

/* Parses z with expat: 0 when well-formed; the character data in t. */
static int parse_xml(const char *z, size_t n, XmlText *t) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, t);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  int ok = XML_Parse(p, z, (int)n, 1) == XML_STATUS_OK;
  if (!ok) print_error("expat: %s at line %lu\n", XML_ErrorString(XML_GetErrorCode(p)), XML_GetCurrentLineNumber(p));
  XML_ParserFree(p);
  return ok ? 0 : -1;
}

static const DocxDoc hostile = {"缙云县人民检察院", "不起诉决定书<&>", "缙检刑不诉〔2026〕1号",
                                "第一段</w:t></w:r><w:r><w:t>注入\n\n第二段 & \"引号\" '单' \x01\x1f\t制表\n]]>",
                                "2026年12月2日"};

static void test_docx_xml_is_well_formed(void **state) {
  (void)state;
  Buf b = BUF_INIT;
  docx_document_xml(&hostile, &b);
  XmlText t = {BUF_INIT, 0};
  assert_int_equal(parse_xml(b.z, b.n, &t), 0);
  const char *z = buf_cstr(&t.text);
  assert_non_null(strstr(z, "缙检刑不诉〔2026〕1号"));
  assert_non_null(strstr(z, "不起诉决定书<&>"));
  assert_non_null(strstr(z, "第一段</w:t></w:r><w:r><w:t>注入")); /* text, not markup */
  assert_non_null(strstr(z, "第二段 & \"引号\" '单' \t制表"));    /* controls dropped, tab kept */
  assert_non_null(strstr(z, "]]>"));
  assert_null(strchr(z, '\x01'));
  assert_non_null(strstr(b.z, "w:top=\"2098\""));  /* 37 mm */
  assert_non_null(strstr(b.z, "w:left=\"1587\"")); /* 28 mm */
  buf_free(&t.text);
  buf_free(&b);
}

static void test_docx_zip_reads_back(void **state) {
  (void)state;
  char zPath[] = "/tmp/jw-docx-XXXXXX";
  int fd = mkstemp(zPath);
  assert_true(fd >= 0);
  close(fd);
  JwErr e;
  assert_int_equal(docx_write(&hostile, zPath, &e), 0);
  int zerr = 0;
  zip_t *za = zip_open(zPath, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  assert_non_null(za);
  static const char *const parts[] = {"[Content_Types].xml", "_rels/.rels",     "word/_rels/document.xml.rels",
                                      "word/document.xml",   "word/styles.xml", "word/fontTable.xml",
                                      "docProps/core.xml"};
  assert_int_equal(zip_get_num_entries(za, 0), 7);
  for (int i = 0; i < 7; i++) {
    zip_stat_t st;
    assert_int_equal(zip_stat(za, parts[i], 0, &st), 0);
    char *buf = malloc(st.size + 1);
    zip_file_t *zf = zip_fopen(za, parts[i], 0);
    assert_non_null(zf);
    assert_int_equal(zip_fread(zf, buf, st.size), (zip_int64_t)st.size);
    zip_fclose(zf);
    XmlText t = {BUF_INIT, 0};
    if (parse_xml(buf, st.size, &t)) fail_msg("%s is not well-formed", parts[i]);
    assert_true(t.elements > 0);
    if (strcmp(parts[i], "word/styles.xml") == 0) {
      buf[st.size] = 0;
      assert_non_null(strstr(buf, "仿宋_GB2312"));
      assert_non_null(strstr(buf, "方正小标宋简体"));
    }
    buf_free(&t.text);
    free(buf);
  }
  zip_close(za);
  unlink(zPath);
}

/* ---- documents_issue on the store --------------------------------------------------------------------------- */

typedef struct Fixture {
  char zDir[64];
  char zTarget[256];
  Db *db;
  Actor a, b;
} Fixture;

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/jw-documents-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  assert_int_equal(test_db_new(f->zDir, "t.db", f->zTarget, sizeof f->zTarget), 0);
  JwErr e;
  if (db_open(f->zTarget, DB_OPEN_CREATE, &f->db, &e)) fail_msg("db_open: %s", e.message);
  int64_t orgA, orgB;
  assert_int_equal(accounts_org_bootstrap(f->db, "orga", "缙云县人民检察院", "county", NULL, &orgA, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orgb", "乙县人民检察院", "county", NULL, &orgB, &e), 0);
  f->a = (Actor){.orgId = orgA, .zLogin = "cli"};
  f->b = (Actor){.orgId = orgB, .zLogin = "cli"};
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  assert_false(db_in_transaction(f->db));
  assert_int_equal(db_busy_statements(f->db), 0);
  db_close(f->db);
  if (test_db_drop(f->zTarget)) return -1;
  char zCmd[128];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", f->zDir);
  if (system(zCmd) != 0) return -1;
  free(f);
  return 0;
}

/* Issues one document in a transaction of its own (commit or rollback) and returns its 文号 (static). */
static const char *issue(Fixture *f, const Actor *a, const char *zType, const char *zOn, int commit) {
  static char zNumber[128];
  JwErr e;
  json_t *fields = json_object();
  const DocType *t = doc_type_find(zType);
  if (doc_placeholder_allowed(t, "person_name")) json_object_set_new(fields, "person_name", json_string("张三"));
  if (doc_placeholder_allowed(t, "agency_name")) {
    json_object_set_new(fields, "agency_name", json_string("缙云县公安局交通警察大队"));
  }
  DocIssue in = {zType, "linkage", 7, 0, zOn, fields};
  long long id = 0;
  assert_int_equal(db_begin(f->db), 0);
  if (documents_issue(f->db, a, &in, &id, &e)) fail_msg("issue: %d %s", e.status, e.message);
  assert_true(id > 0);
  json_t *d = NULL;
  assert_int_equal(documents_get(f->db, a, id, &d, &e), 0);
  snprintf(zNumber, sizeof zNumber, "%s", json_string_value(json_object_get(d, "number")));
  json_decref(d);
  json_decref(fields);
  if (commit) assert_int_equal(db_commit(f->db), 0);
  else db_rollback(f->db);
  return zNumber;
}

static void test_sequence_per_type_and_year_without_gaps(void **state) {
  Fixture *f = *state;
  assert_string_equal(issue(f, &f->a, "procuratorial_opinion", "2025-03-02", 1), "缙检行意〔2025〕1号");
  /* rolled back: the number is given back */
  assert_string_equal(issue(f, &f->a, "procuratorial_opinion", "2025-03-03", 0), "缙检行意〔2025〕2号");
  assert_string_equal(issue(f, &f->a, "procuratorial_opinion", "2025-03-04", 1), "缙检行意〔2025〕2号");
  /* each type and each year has its own sequence; each office its own */
  assert_string_equal(issue(f, &f->a, "urging_letter", "2025-03-04", 1), "缙检行督〔2025〕1号");
  assert_string_equal(issue(f, &f->a, "procuratorial_opinion", "2024-12-31", 1), "缙检行意〔2024〕1号");
  assert_string_equal(issue(f, &f->b, "procuratorial_opinion", "2025-03-04", 1), "乙检行意〔2025〕1号");
  assert_string_equal(issue(f, &f->a, "procuratorial_opinion", "2025-12-31", 1), "缙检行意〔2025〕3号");
  json_t *list = NULL;
  JwErr e;
  assert_int_equal(documents_for_entity(f->db, &f->a, "linkage", 7, &list, &e), 0);
  assert_int_equal(json_array_size(list), 5);
  assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "type_name")), "检察意见书");
  json_decref(list);
  assert_int_equal(documents_for_entity(f->db, &f->b, "linkage", 7, &list, &e), 0);
  assert_int_equal(json_array_size(list), 1);
  json_decref(list);
}

static void test_issue_fills_and_freezes(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *fields =
      json_pack("{s:s, s:s, s:s}", "agency_name", "缙云县市场监督管理局", "person_name", "李四", "penalties", "罚款");
  DocIssue in = {"procuratorial_opinion", "linkage", 9, 0, "2026-05-06", fields};
  long long id = 0;
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(documents_issue(f->db, &f->a, &in, &id, &e), 0);
  assert_int_equal(db_commit(f->db), 0);
  json_t *d = NULL;
  assert_int_equal(documents_get(f->db, &f->a, id, &d, &e), 0);
  const char *zBody = json_string_value(json_object_get(d, "body"));
  assert_non_null(strstr(zBody, "缙云县市场监督管理局："));
  assert_non_null(strstr(zBody, "给予罚款"));
  assert_non_null(strstr(zBody, "对被不起诉人李四"));
  assert_string_equal(json_string_value(json_object_get(json_object_get(d, "fields"), "date")), "2026年5月6日");
  assert_string_equal(json_string_value(json_object_get(d, "org_name")), "缙云县人民检察院");
  json_decref(d);
  /* frozen in the database itself: no UPDATE, no DELETE, on either backend */
  assert_int_equal(db_exec(f->db, "UPDATE document SET body = 'x'"), -1);
  assert_int_equal(db_exec(f->db, "DELETE FROM document"), -1);
  assert_int_equal(documents_get(f->db, &f->a, id, &d, &e), 0);
  assert_non_null(strstr(json_string_value(json_object_get(d, "body")), "给予罚款"));
  json_decref(d);
  /* another office does not see it */
  assert_int_equal(documents_get(f->db, &f->b, id, &d, &e), -1);
  assert_int_equal(e.status, 404);
  json_decref(fields);
}

static void test_bad_input_writes_nothing(void **state) {
  Fixture *f = *state;
  JwErr e;
  long long id = 0;
  json_t *bad = json_pack("{s:s}", "no_such_field", "x");
  json_t *arr = json_pack("{s:[i]}", "person_name", 1);
  json_t *ok = json_object();
  const DocIssue cases[] = {
      {"nope", "linkage", 1, 0, NULL, ok},
      {"urging_letter", "", 1, 0, NULL, ok},
      {"urging_letter", "linkage", 0, 0, NULL, ok},
      {"urging_letter", "linkage", 1, 0, "2026-02-30", ok},
      {"urging_letter", "linkage", 1, 0, NULL, bad},
      {"urging_letter", "linkage", 1, 0, NULL, arr},
      {"urging_letter", "linkage", 1, 999, NULL, ok},
      {"urging_letter", "linkage", 1, 0, "2999-01-01", ok},
  };
  static const char *const fieldsWant[] = {"type",   "entity_kind", "entity_kind", "issued_on",
                                           "fields", "fields",      "case_id",     "issued_on"};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    assert_int_equal(db_begin(f->db), 0);
    assert_int_equal(documents_issue(f->db, &f->a, &cases[i], &id, &e), -1);
    assert_int_equal(e.status, 400);
    assert_string_equal(e.field, fieldsWant[i]);
    db_rollback(f->db);
  }
  json_decref(bad);
  json_decref(arr);
  json_decref(ok);
  /* nothing was numbered: the first real one is number 1 */
  assert_string_equal(issue(f, &f->a, "urging_letter", "2025-01-05", 1), "缙检行督〔2025〕1号");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_number_format_check),
      cmocka_unit_test(test_number_format_render),
      cmocka_unit_test(test_types),
      cmocka_unit_test(test_fill_hostile_text),
      cmocka_unit_test(test_fill_line_left_out),
      cmocka_unit_test(test_date_chinese),
      cmocka_unit_test(test_docx_xml_is_well_formed),
      cmocka_unit_test(test_docx_zip_reads_back),
      cmocka_unit_test_setup_teardown(test_sequence_per_type_and_year_without_gaps, setup, teardown),
      cmocka_unit_test_setup_teardown(test_issue_fills_and_freezes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_bad_input_writes_nothing, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
