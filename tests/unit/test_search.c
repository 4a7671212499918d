/* test_search.c: unit tests for the case list's search and sort (src/store/case_read_store.c case_store_list, the
 * search documents of src/store/case_search.c, migration 7) on a real database: every field found by a fragment
 * from its middle, the index moved by each write in that write's transaction (and left alone by a rolled-back one),
 * another office's cases never found, hostile text matched literally, 4-byte characters, the paths of 1- and
 * 2-character searches, the filters combined with a search, every sort order, and migration 7 building the index
 * of a database that had cases before it. With JIANWU_TEST_PG the same tests run on a new PostgreSQL database
 * (test_db.h).
 *
 * Users are inserted through the store with a dummy password hash (no Argon2). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/accounts.h"
#include "app/cases.h"
#include "core/roles.h"
#include "lib/buf.h"
#include "store/accounts_store.h"
#include "store/case_search.h"
#include "store/case_store.h"
#include "store/db.h"
#include "store/schema.h"
#include "store/store_util.h"
#include "test_util.h"
#include "test_db.h"

#define NOW   "2025-01-01T00:00:00Z"
#define TODAY "2025-03-20"

typedef struct Fixture {
  char zDir[64];
  char zTarget[256];
  Db *db;
  int64_t orgA, orgB, dA, dA2, dB, uAnguan, uPros1, uPros2, uAnguanB, uProsB;
  Actor anguan, anguanB;
} Fixture;

static int64_t mk_user(Db *db, int64_t orgId, int64_t deptId, const char *zLogin, const char *zName,
                       const char *zRole) {
  int64_t id = user_store_insert(db, orgId, deptId, zLogin, zName, "$dummy$", NOW);
  assert_true(id > 0);
  json_t *roles = json_pack("[s]", zRole);
  assert_int_equal(user_store_set_roles(db, id, roles), 0);
  json_decref(roles);
  return id;
}

static Actor actor_of(Db *db, int64_t orgId, int64_t userId) {
  json_t *u = user_store_get(db, orgId, userId);
  assert_non_null(u);
  Actor a = {.userId = userId,
             .orgId = orgId,
             .zLogin = "test",
             .perms = user_store_permissions(db, userId),
             .departmentId = json_integer_value(json_object_get(u, "department_id"))};
  json_decref(u);
  return a;
}

static int open_fixture(Fixture *f, int flags) {
  JwErr e;
  if (db_open(f->zTarget, flags, &f->db, &e)) fail_msg("db_open: %s", e.message);
  return 0;
}

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/jw-search-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  assert_int_equal(test_db_new(f->zDir, "t.db", f->zTarget, sizeof f->zTarget), 0);
  open_fixture(f, DB_OPEN_CREATE);
  JwErr e;
  Db *db = f->db;
  assert_int_equal(accounts_org_bootstrap(db, "orga", "甲县人民检察院", "county", NULL, &f->orgA, &e), 0);
  assert_int_equal(accounts_org_bootstrap(db, "orgb", "乙县人民检察院", "county", NULL, &f->orgB, &e), 0);
  f->dA = dept_store_insert(db, f->orgA, "第一检察部", "criminal", NOW);
  f->dA2 = dept_store_insert(db, f->orgA, "第二检察部", "criminal", NOW);
  f->dB = dept_store_insert(db, f->orgB, "第一检察部", "criminal", NOW);
  f->uAnguan = mk_user(db, f->orgA, f->dA, "anguan", "周案管", "case_manager");
  f->uPros1 = mk_user(db, f->orgA, f->dA, "pros1", "李检察官", "prosecutor");
  f->uPros2 = mk_user(db, f->orgA, f->dA2, "pros2", "赵检察官", "prosecutor");
  f->uAnguanB = mk_user(db, f->orgB, f->dB, "anguanb", "乙案管", "case_manager");
  f->uProsB = mk_user(db, f->orgB, f->dB, "prosb", "乙检察官", "prosecutor");
  f->anguan = actor_of(db, f->orgA, f->uAnguan);
  f->anguanB = actor_of(db, f->orgB, f->uAnguanB);
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

/* JSON from a printf format. */
static json_t *jf(const char *zFmt, ...) {
  char z[4096];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(z, sizeof z, zFmt, ap);
  va_end(ap);
  json_error_t err;
  json_t *v = json_loads(z, 0, &err);
  if (!v) fail_msg("bad test JSON: %s in %s", err.text, z);
  return v;
}

/* Registers a case (the JSON's persons and charges as given, handled by hand) and returns its id. */
static int64_t reg(Fixture *f, const Actor *a, json_t *in) {
  json_t *out = NULL;
  JwErr e;
  int rc = cases_register(f->db, a, in, &out, &e);
  json_decref(in);
  if (rc) fail_msg("register failed: %d %s %s", e.status, e.field ? e.field : "", e.message);
  int64_t id = json_integer_value(json_object_get(out, "id"));
  json_decref(out);
  assert_true(id > 0);
  return id;
}

/* A case of org A: title, agency, source number, received day, prosecutor (0: none) and one person. */
static int64_t reg_a(Fixture *f, const char *zTitle, const char *zAgency, const char *zNumber, const char *zReceived,
                     int64_t deptId, int64_t prosId, const char *zName, const char *zIdNumber, const char *zCharge) {
  char zPros[32], zDept[32], zId[40], zSrc[300];
  snprintf(zPros, sizeof zPros, prosId ? "%lld" : "null", (long long)prosId);
  snprintf(zDept, sizeof zDept, deptId ? "%lld" : "null", (long long)deptId);
  snprintf(zId, sizeof zId, zIdNumber ? "\"%s\"" : "null", zIdNumber);
  snprintf(zSrc, sizeof zSrc, zNumber ? "\"%s\"" : "null", zNumber);
  json_t *in =
      json_pack("{s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:[{s:s, s:o, s:s, s:[s]}]}", "case_type", "prosecution_review",
                "title", zTitle, "source_agency", zAgency, "source_number", json_loads(zSrc, JSON_DECODE_ANY, NULL),
                "received_on", zReceived, "department_id", json_loads(zDept, JSON_DECODE_ANY, NULL), "prosecutor_id",
                json_loads(zPros, JSON_DECODE_ANY, NULL), "persons", "name", zName, "id_number",
                json_loads(zId, JSON_DECODE_ANY, NULL), "custody", "none", "charges", zCharge);
  assert_non_null(in);
  return reg(f, &f->anguan, in);
}

/* The ids of the list's items, "3,1,2", in a small ring of buffers; "<error>" when the store failed. */
static const char *ids_of(json_t *list) {
  static char aBuf[4][512];
  static int i = 0;
  char *z = aBuf[i++ % 4];
  if (!list) return "<error>";
  Buf b = BUF_INIT;
  size_t k;
  json_t *it;
  json_array_foreach(json_object_get(list, "items"), k, it) {
    buf_printf(&b, "%s%lld", k ? "," : "", (long long)json_integer_value(json_object_get(it, "id")));
  }
  snprintf(z, 512, "%s", buf_cstr(&b));
  buf_free(&b);
  json_decref(list);
  return z;
}

/* The ids found by a search of office orgId (no other filter), newest first. */
static const char *find_in(Fixture *f, int64_t orgId, const char *zQuery) {
  CaseFilter cf = {.orgId = orgId, .zQuery = zQuery, .zToday = TODAY, .limit = 50};
  return ids_of(case_store_list(f->db, &cf));
}

static const char *find(Fixture *f, const char *zQuery) {
  return find_in(f, f->orgA, zQuery);
}

static const char *idstr(int64_t a) {
  static char aBuf[4][32];
  static int i = 0;
  char *z = aBuf[i++ % 4];
  snprintf(z, 32, "%lld", (long long)a);
  return z;
}

/* The case number of a case. */
static const char *case_number(Fixture *f, int64_t id) {
  static char z[CASE_NUMBER_MAX_BYTES];
  CaseRow c;
  assert_int_equal(case_store_load(f->db, f->orgA, id, &c), 1);
  snprintf(z, sizeof z, "%s", c.zNumber);
  return z;
}

/* ---- every field ------------------------------------------------------------------------------------------- */

static void test_every_field_is_found_by_a_fragment_from_its_middle(void **state) {
  Fixture *f = *state;
  int64_t a = reg_a(f, "王某某等人非法吸收公众存款案", "甲县公安局经济犯罪侦查大队", "甲公经诉字〔2025〕0417号",
                    "2025-03-01", f->dA, f->uPros1, "欧阳修远", "110105199003071239", "fraud");
  int64_t b = reg_a(f, "李某故意伤害案", "甲县公安局城关派出所", "甲公城诉字〔2025〕0009号", "2025-03-02", f->dA,
                    f->uPros1, "李四", "320583198511114560", "intentional_injury");
  const char *zA = idstr(a), *zB = idstr(b);
  assert_string_equal(find(f, "非法吸收"), zA);         /* title */
  assert_string_equal(find(f, "经济犯罪侦查"), zA);     /* 移送机关 */
  assert_string_equal(find(f, "经诉字〔2025〕04"), zA); /* 移送文号 */
  assert_string_equal(find(f, "阳修远"), zA);           /* a name, not from its beginning */
  assert_string_equal(find(f, "0519900307"), zA);       /* part of an ID number */
  assert_string_equal(find(f, "诈骗"), "");             /* 2 characters: no trigram, and no name begins so */
  assert_string_equal(find(f, "诈骗罪"), zA);           /* the name of a charge */
  assert_string_equal(find(f, "故意伤"), zB);
  assert_string_equal(find(f, "城关派出"), zB);
  assert_string_equal(find(f, "1114560"), zB);
  /* the 案号 (甲检刑受〔2025〕1号 and 〔2025〕2号): a fragment from its middle */
  const char *zNum = case_number(f, a);
  assert_non_null(strstr(zNum, "受〔2025〕"));
  assert_string_equal(find(f, strstr(zNum, "受〔2025〕")), zA);
  /* a fragment both share: newest received first */
  char zBoth[64];
  snprintf(zBoth, sizeof zBoth, "%s,%s", zB, zA);
  assert_string_equal(find(f, "甲县公安局"), zBoth);
  assert_string_equal(find(f, "〔2025〕"), zBoth);
  /* the ID number's letter X in either case */
  int64_t c =
      reg_a(f, "赵某盗窃案", "甲县公安局", NULL, "2025-03-03", f->dA, f->uPros1, "赵某", "110105491231002", "theft");
  (void)c;
  assert_string_equal(find(f, "231002x"), idstr(c));
  assert_string_equal(find(f, "231002X"), idstr(c));
  assert_string_equal(find(f, "没有这样的案件"), "");
}

/* A search combines with every other filter, and the office is always applied. */
static void test_a_search_combines_with_the_filters(void **state) {
  Fixture *f = *state;
  int64_t a = reg_a(f, "钱某盗窃案", "甲县公安局", NULL, "2025-03-01", f->dA, f->uPros1, "钱某", NULL, "theft");
  int64_t b = reg_a(f, "孙某盗窃案", "甲县公安局", NULL, "2025-03-05", f->dA2, f->uPros2, "孙某", NULL, "fraud");
  CaseFilter cf = {.orgId = f->orgA, .zQuery = "盗窃案", .zToday = TODAY, .limit = 50};
  char zBoth[64];
  snprintf(zBoth, sizeof zBoth, "%lld,%lld", (long long)b, (long long)a);
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), zBoth);
  cf.departmentId = f->dA2;
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), idstr(b));
  cf.departmentId = 0;
  cf.prosecutorId = f->uPros1;
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), idstr(a));
  cf.prosecutorId = 0;
  cf.zCharge = "fraud";
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), idstr(b));
  cf.zCharge = NULL;
  cf.zFrom = "2025-03-02";
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), idstr(b));
  cf.zFrom = NULL;
  cf.zTo = "2025-03-02";
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), idstr(a));
  cf.zTo = NULL;
  cf.zStatus = "concluded";
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), "");
  cf.zStatus = "under_review";
  cf.zType = "prosecution_review";
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), zBoth);
  cf.zType = "arrest_review";
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), "");
  /* the count is the search's, capped as every list's */
  cf.zType = NULL;
  json_t *l = case_store_list(f->db, &cf);
  assert_int_equal(json_integer_value(json_object_get(l, "total")), 2);
  assert_false(json_is_true(json_object_get(l, "total_capped")));
  json_decref(l);
}

/* ---- the write rule ---------------------------------------------------------------------------------------- */

static void test_every_write_moves_the_index_in_its_transaction(void **state) {
  Fixture *f = *state;
  Db *db = f->db;
  int64_t a = reg_a(f, "周某危险驾驶案", "甲县公安局交通警察大队", NULL, "2025-03-01", f->dA, f->uPros1, "周伯通", NULL,
                    "dangerous_driving");
  const char *zA = idstr(a);
  assert_string_equal(find(f, "危险驾驶案"), zA);
  JwErr e;
  json_t *out = NULL;
  /* the title */
  json_t *in = jf("{\"title\":\"周某交通肇事案\"}");
  assert_int_equal(cases_update(db, &f->anguan, a, in, &out, &e), 0);
  json_decref(in);
  json_decref(out);
  assert_string_equal(find(f, "危险驾驶案"), "");
  assert_string_equal(find(f, "交通肇事案"), zA);
  /* a person's name and charges */
  assert_int_equal(cases_get(db, &f->anguan, a, &out, &e), 0);
  int64_t p = json_integer_value(json_object_get(json_array_get(json_object_get(out, "persons"), 0), "id"));
  json_decref(out);
  assert_true(p > 0);
  in = jf("{\"name\":\"周芷若\",\"charges\":[\"traffic_accident\"]}");
  assert_int_equal(cases_update_person(db, &f->anguan, a, p, in, &out, &e), 0);
  json_decref(in);
  json_decref(out);
  assert_string_equal(find(f, "周伯通"), "");
  assert_string_equal(find(f, "周芷若"), zA);
  assert_string_equal(find(f, "危险驾驶罪"), "");
  assert_string_equal(find(f, "交通肇事罪"), zA);
  /* a person added */
  in = jf("{\"name\":\"张无忌\",\"id_number\":\"440306197702147890\",\"custody\":\"none\",\"charges\":[\"theft\"]}");
  assert_int_equal(cases_add_person(db, &f->anguan, a, in, &out, &e), 0);
  json_decref(in);
  json_decref(out);
  assert_string_equal(find(f, "张无忌"), zA);
  assert_string_equal(find(f, "19770214"), zA);
  assert_string_equal(find(f, "盗窃罪"), zA);
  /* a refused write (another office's actor) leaves the index alone */
  in = jf("{\"title\":\"改不了的标题\"}");
  assert_int_not_equal(cases_update(db, &f->anguanB, a, in, &out, &e), 0);
  json_decref(in);
  assert_string_equal(find(f, "改不了的标题"), "");
  assert_string_equal(find(f, "交通肇事案"), zA);
  /* inside a transaction the new text is found at once; rolled back, the index is as it was */
  assert_int_equal(db_begin(db), 0);
  assert_int_equal(case_store_update_title(db, f->orgA, a, "周某寻衅滋事案"), 0);
  assert_int_equal(case_search_refresh(db, a), 0);
  assert_string_equal(find(f, "寻衅滋事案"), zA);
  assert_string_equal(find(f, "交通肇事案"), "");
  db_rollback(db);
  assert_string_equal(find(f, "寻衅滋事案"), "");
  assert_string_equal(find(f, "交通肇事案"), zA);
  /* one document per case, whatever the writes */
  CaseFilter cf = {.orgId = f->orgA, .zToday = TODAY, .limit = 50};
  assert_string_equal(ids_of(case_store_list(db, &cf)), zA);
  assert_int_equal(case_search_rebuild(db), 0); /* idempotent */
  assert_string_equal(find(f, "周芷若"), zA);
  assert_string_equal(find(f, "交通肇事案"), zA);
}

/* ---- isolation --------------------------------------------------------------------------------------------- */

static void test_another_offices_cases_are_never_found(void **state) {
  Fixture *f = *state;
  int64_t a =
      reg_a(f, "吴某诈骗案", "甲县公安局", NULL, "2025-03-01", f->dA, f->uPros1, "吴用", "110105199003071239", "fraud");
  json_t *in =
      jf("{\"case_type\":\"prosecution_review\",\"title\":\"吴某诈骗案\",\"source_agency\":\"乙县公安局\","
         "\"received_on\":\"2025-03-02\",\"department_id\":%lld,\"prosecutor_id\":%lld,\"persons\":["
         "{\"name\":\"吴用\",\"id_number\":\"110105199003071239\",\"custody\":\"none\","
         "\"charges\":[\"fraud\"]}]}",
         (long long)f->dB, (long long)f->uProsB);
  int64_t b = reg(f, &f->anguanB, in);
  const char *zA = idstr(a), *zB = idstr(b);
  assert_string_equal(find(f, "吴某诈骗案"), zA);
  assert_string_equal(find_in(f, f->orgB, "吴某诈骗案"), zB);
  assert_string_equal(find(f, "乙县公安局"), "");
  assert_string_equal(find(f, "吴用"), zA); /* the short name path */
  assert_string_equal(find_in(f, f->orgB, "吴"), zB);
  assert_string_equal(find(f, "07123"), zA);
  /* the exact ID number path */
  CaseFilter cf = {.orgId = f->orgA,
                   .zQuery = "110105199003071239",
                   .zIdNumber = "110105199003071239",
                   .zToday = TODAY,
                   .limit = 50};
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), zA);
  cf.orgId = f->orgB;
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), zB);
  /* sorting does not widen it */
  cf = (CaseFilter){
      .orgId = f->orgA, .zQuery = "诈骗案", .zSort = "title", .ascending = 1, .zToday = TODAY, .limit = 50};
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), zA);
}

/* ---- literal text ------------------------------------------------------------------------------------------ */

static void test_hostile_strings_are_matched_literally(void **state) {
  Fixture *f = *state;
  int64_t a = reg_a(f, "\"引号\" AND OR NOT NEAR(x y) * ^前缀 -减 100%_下划\\线", "甲县公安局", NULL, "2025-03-01",
                    f->dA, f->uPros1, "郑某", NULL, "theft");
  int64_t b = reg_a(f, "郑某盗窃案", "甲县公安局", NULL, "2025-03-02", f->dA, f->uPros1, "郑某", NULL, "theft");
  const char *zA = idstr(a);
  assert_string_equal(find(f, "\"引号\""), zA);
  assert_string_equal(find(f, "\"引号\" AND"), zA);
  assert_string_equal(find(f, "AND OR NOT"), zA);
  assert_string_equal(find(f, "NEAR(x y)"), zA);
  assert_string_equal(find(f, "* ^前缀"), zA);
  assert_string_equal(find(f, "-减 "), zA);
  assert_string_equal(find(f, "100%_"), zA);
  assert_string_equal(find(f, "%_下"), zA);
  assert_string_equal(find(f, "下划\\线"), zA);
  /* syntax that would match something else, were it syntax, matches only itself (nothing here) */
  assert_string_equal(find(f, "郑某 OR 引号"), "");
  assert_string_equal(find(f, "盗窃*"), "");
  assert_string_equal(find(f, "郑%案"), "");
  assert_string_equal(find(f, "郑_盗"), "");
  assert_string_equal(find(f, "___"), "");
  assert_string_equal(find(f, "%%%"), "");
  assert_string_equal(find(f, "\"\"\""), "");
  assert_string_equal(find(f, "NEAR(郑某 盗窃)"), "");
  assert_string_equal(find(f, "doc:郑某"), "");
  assert_string_equal(find(f, "\\\\\\"), "");
  assert_string_equal(find(f, "郑某盗窃案"), idstr(b));
  /* short hostile text on the short paths: literal too */
  assert_string_equal(find(f, "%"), "");
  assert_string_equal(find(f, "_"), "");
  assert_string_equal(find(f, "1%"), ""); /* a digit: the case-number path */
}

static void test_four_byte_characters(void **state) {
  Fixture *f = *state;
  /* U+20BB7 𠮷 and U+20000 𠀀 (4 bytes each in UTF-8), in the title and in a name */
  int64_t a = reg_a(f, "\xF0\xA0\xAE\xB7野家\xF0\xA0\x80\x80盗窃案", "甲县公安局", NULL, "2025-03-01", f->dA, f->uPros1,
                    "\xF0\xA0\xAE\xB7\xF0\xA0\x80\x80\xF0\xA0\xAE\xB7", NULL, "theft");
  const char *zA = idstr(a);
  assert_string_equal(find(f, "\xF0\xA0\xAE\xB7野家"), zA);
  assert_string_equal(find(f, "野家\xF0\xA0\x80\x80"), zA);
  assert_string_equal(find(f, "\xF0\xA0\x80\x80\xF0\xA0\xAE\xB7"), ""); /* 2 characters, not a name's beginning */
  assert_string_equal(find(f, "\xF0\xA0\xAE\xB7\xF0\xA0\x80\x80\xF0\xA0\xAE\xB7"), zA); /* the whole name, 3 chars */
  assert_string_equal(find(f, "\xF0\xA0\xAE\xB7\xF0\xA0\x80\x80"), zA);                 /* a 2-character name prefix */
  assert_string_equal(find(f, "\xF0\xA0\xAE\xB7野\xF0\xA0\x80\x80"), "");
}

/* ---- short searches ---------------------------------------------------------------------------------------- */

static void test_short_searches_keep_their_indexed_paths(void **state) {
  Fixture *f = *state;
  int64_t a = reg_a(f, "某甲盗窃案", "甲县公安局", NULL, "2025-03-01", f->dA, f->uPros1, "张三丰", NULL, "theft");
  int64_t b = reg_a(f, "某乙盗窃案", "甲县公安局", NULL, "2025-03-02", f->dA, f->uPros1, "张三", NULL, "theft");
  int64_t c = reg_a(f, "某丙盗窃案", "甲县公安局", NULL, "2025-03-03", f->dA, f->uPros1, "李张三", NULL, "theft");
  char z[64];
  snprintf(z, sizeof z, "%lld,%lld", (long long)b, (long long)a);
  assert_string_equal(find(f, "张三"), z); /* a name from its beginning */
  snprintf(z, sizeof z, "%lld,%lld,%lld", (long long)c, (long long)b, (long long)a);
  assert_string_equal(find(f, "张三丰"), idstr(a)); /* 3 characters: anywhere */
  assert_string_equal(find(f, "李张三"), idstr(c));
  assert_string_equal(find(f, "李"), idstr(c));
  assert_string_equal(find(f, "三丰"), ""); /* 2 characters from a name's middle: not a prefix (documented) */
  /* short case-number fragments (a digit, 号, 〔 or 检): part of the 案号 */
  assert_string_equal(find(f, "2号"), idstr(b));
  assert_string_equal(find(f, "3"), idstr(c));
  snprintf(z, sizeof z, "%lld,%lld,%lld", (long long)c, (long long)b, (long long)a);
  assert_string_equal(find(f, "号"), z);
  assert_string_equal(find(f, "甲检"), z);
  /* the store uses the (org_id, name) index for the prefix: its plan names it (SQLite) */
  if (db_backend(f->db) == DB_SQLITE) {
    Stmt *s = db_prepare_uncached(
        f->db,
        "EXPLAIN QUERY PLAN SELECT p.case_id FROM case_person p WHERE p.org_id = 1 AND p.name >= '张三'"
        " AND p.name < '张三\xF4\x8F\xBF\xBF'");
    int rc, used = 0;
    while ((rc = db_step(s)) == DB_ROW) used |= strstr(db_col_text(s, 3), "case_person_name") != NULL;
    db_finalize(s);
    assert_true(used);
  }
}

/* ---- sorting ----------------------------------------------------------------------------------------------- */

static const char *sorted(Fixture *f, const char *zSort, int ascending) {
  CaseFilter cf = {.orgId = f->orgA, .zSort = zSort, .ascending = ascending, .zToday = TODAY, .limit = 50};
  return ids_of(case_store_list(f->db, &cf));
}

static void test_every_sort_order(void **state) {
  Fixture *f = *state;
  /* a: 03-01 李检察官 第一检察部 "丙"; b: 03-03 赵检察官 第二检察部 "甲"; c: 03-02 no prosecutor, no department
   * "乙"; d: 03-02 李检察官 "丁" (same day as c: the tie goes by id) */
  int64_t a = reg_a(f, "丙案", "甲县公安局", NULL, "2025-03-01", f->dA, f->uPros1, "甲一", NULL, "theft");
  int64_t b = reg_a(f, "甲案", "甲县公安局", NULL, "2025-03-03", f->dA2, f->uPros2, "甲二", NULL, "theft");
  int64_t c = reg_a(f, "乙案", "甲县公安局", NULL, "2025-03-02", f->dA, f->uPros1, "甲三", NULL, "theft");
  /* registration asks for both: a case without them is one from before that rule, or moved by hand */
  Stmt *s =
      db_prepare_uncached(f->db, "UPDATE case_record SET department_id = NULL, prosecutor_id = NULL WHERE id = ?1");
  db_bind_int(s, 1, c);
  assert_int_equal(db_step(s), DB_DONE);
  db_finalize(s);
  int64_t d = reg_a(f, "丁案", "甲县公安局", NULL, "2025-03-02", f->dA, f->uPros1, "甲四", NULL, "theft");
  char z[64];
#define IDS4(w, x, y, v) \
  (snprintf(z, sizeof z, "%lld,%lld,%lld,%lld", (long long)(w), (long long)(x), (long long)(y), (long long)(v)), z)
  assert_string_equal(sorted(f, NULL, 0), IDS4(b, d, c, a)); /* the default: received, newest first */
  assert_string_equal(sorted(f, "received_on", 0), IDS4(b, d, c, a));
  assert_string_equal(sorted(f, "received_on", 1), IDS4(a, c, d, b));
  assert_string_equal(sorted(f, "case_number", 1), IDS4(a, b, c, d)); /* numbered in registration order */
  assert_string_equal(sorted(f, "case_number", 0), IDS4(d, c, b, a));
  /* titles in code-point order: 丁 U+4E01, 丙 U+4E19, 乙 U+4E59, 甲 U+7532 */
  assert_string_equal(sorted(f, "title", 1), IDS4(d, a, c, b));
  assert_string_equal(sorted(f, "title", 0), IDS4(b, c, a, d));
  /* prosecutor by name (李 U+674E before 赵 U+8D75), none last in both directions, ties by id */
  assert_string_equal(sorted(f, "prosecutor", 1), IDS4(a, d, b, c));
  assert_string_equal(sorted(f, "prosecutor", 0), IDS4(b, d, a, c));
  /* department by name (第一 before 第二: 一 U+4E00, 二 U+4E8C), none last */
  assert_string_equal(sorted(f, "department", 1), IDS4(a, d, b, c));
  assert_string_equal(sorted(f, "department", 0), IDS4(b, d, a, c));
  /* one type, one status: the ties go by id */
  assert_string_equal(sorted(f, "case_type", 1), IDS4(a, b, c, d));
  assert_string_equal(sorted(f, "status", 0), IDS4(d, c, b, a));
  /* the next deadline follows receipt here (one review period each, from receipt) */
  assert_string_equal(sorted(f, "next_due", 1), IDS4(a, c, d, b));
  assert_string_equal(sorted(f, "next_due", 0), IDS4(b, d, c, a));
  /* a sort with a search */
  CaseFilter cf = {.orgId = f->orgA,
                   .zQuery = "甲县公安",
                   .zSort = "title",
                   .ascending = 1,
                   .zToday = TODAY,
                   .limit = 2,
                   .offset = 2};
  snprintf(z, sizeof z, "%lld,%lld", (long long)c, (long long)b);
  assert_string_equal(ids_of(case_store_list(f->db, &cf)), z); /* the second page */
  assert_true(case_store_sort_known("next_due"));
  assert_false(case_store_sort_known("c.id; DROP TABLE case_record"));
  assert_false(case_store_sort_known(NULL));
#undef IDS4
}

/* ---- counts ------------------------------------------------------------------------------------------------ */

/* A search's total is exact up to 100,000 (STORE_SEARCH_COUNT_CAP); the whole office's list stops at 10,000. */
static void test_a_search_counts_past_ten_thousand(void **state) {
  Fixture *f = *state;
  char zSql[1024];
  snprintf(zSql, sizeof zSql,
           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10050)"
           " INSERT INTO case_record(org_id, case_number, case_type, title, source_agency, received_on, status,"
           " created_at, updated_at) SELECT %lld, 'B' || i, 'prosecution_review', '批量案件' || i, '甲县公安局',"
           " '2024-01-01', 'under_review', '" NOW "', '" NOW "' FROM n",
           (long long)f->orgA);
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(db_exec(f->db, zSql), 0);
  assert_int_equal(case_search_rebuild(f->db), 0);
  assert_int_equal(db_commit(f->db), 0);
  CaseFilter cf = {.orgId = f->orgA, .zQuery = "批量案件", .zToday = TODAY, .limit = 5};
  json_t *l = case_store_list(f->db, &cf);
  assert_non_null(l);
  assert_int_equal(json_integer_value(json_object_get(l, "total")), 10050);
  assert_false(json_is_true(json_object_get(l, "total_capped")));
  assert_int_equal(json_array_size(json_object_get(l, "items")), 5);
  json_decref(l);
  cf.zQuery = NULL;
  l = case_store_list(f->db, &cf);
  assert_int_equal(json_integer_value(json_object_get(l, "total")), STORE_COUNT_CAP);
  assert_true(json_is_true(json_object_get(l, "total_capped")));
  json_decref(l);
  /* the last page of the search, sorted by title: 批量案件9999 is the largest in code-point order */
  cf = (CaseFilter){.orgId = f->orgA,
                    .zQuery = "批量案件",
                    .zSort = "title",
                    .ascending = 1,
                    .zToday = TODAY,
                    .limit = 1,
                    .offset = 10049};
  l = case_store_list(f->db, &cf);
  assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(l, "items"), 0), "title")),
                      "批量案件9999");
  json_decref(l);
}

/* ---- migration 7 ------------------------------------------------------------------------------------------- */

static void test_migration_7_builds_the_index_of_existing_cases(void **state) {
  Fixture *f = *state;
  int64_t a = reg_a(f, "冯某贩卖毒品案", "甲县公安局禁毒大队", "甲公禁诉字〔2025〕77号", "2025-03-01", f->dA, f->uPros1,
                    "冯宝宝", "110105199003071239", "drug_trafficking");
  /* the database as version 6 left it: no search table, none of migration 8 (charge positions, agencies), nor the
   * tables of the later ones (issue 10: documents, 行刑衔接, 检察建议; issue 12: agency data), dropped after what
   * refers to them */
  static const char *const later[] = {
      /* issue 12 §3: leads (they refer to licence records and suggestions: dropped first) */
      "lead_candidate", "lead", "match_run", "match_model",
      /* issue 11: stats */
      "stat_snapshot", "stat_indicator_config",
      /* issue 13: petitions */
      "petition_setting", "petition_event", "petition_reply", "petition_case", "petition_person", "petition",
      /* issue 14: people */
      "integrity_talk", "course_attendance", "course", "mentor_demo", "mentor_talk", "mentor_pair", "mentor_pool",
      "staff_secondary", "rotation_stint", "rotation_plan", "staff_entry",
      /* issue 12: agency data */
      "penalty_record", "licence_record", "import_rejection", "import_batch", "import_mapping",
      /* issue 10 */
      "suggestion_event", "suggestion_link", "suggestion", "linkage_event", "linkage_item", "document",
      "document_sequence", "document_template"};
  for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
    char zSql[64];
    snprintf(zSql, sizeof zSql, "DROP TABLE %s", later[i]);
    assert_int_equal(db_exec(f->db, zSql), 0);
  }
  if (db_backend(f->db) == DB_SQLITE) assert_int_equal(db_exec(f->db, "DROP TABLE case_search_fts"), 0);
  assert_int_equal(db_exec(f->db, "DROP TABLE case_search"), 0);
  assert_int_equal(db_exec(f->db, "DROP TABLE agency"), 0);
  assert_int_equal(db_exec(f->db, "DROP INDEX case_person_charge_position"), 0);
  assert_int_equal(db_exec(f->db, "DROP INDEX case_record_rotation"), 0);   /* migration 14 (issue 9) */
  assert_int_equal(db_exec(f->db, "DROP INDEX deadline_office_counts"), 0); /* migration 15 (issue 9) */
  assert_int_equal(db_exec(f->db, "DROP INDEX case_record_concluded"), 0);  /* migration 16 (issue 9) */
  assert_int_equal(db_exec(f->db, "ALTER TABLE case_person_charge DROP COLUMN position"), 0);
  assert_int_equal(db_set_schema_version(f->db, 6), 0);
  db_close(f->db);
  open_fixture(f, DB_OPEN_EXISTING); /* migrates to the latest version */
  assert_int_equal(db_schema_version(f->db), schema_latest());
  const char *zA = idstr(a);
  assert_string_equal(find(f, "贩卖毒品案"), zA);
  assert_string_equal(find(f, "禁毒大队"), zA);
  assert_string_equal(find(f, "禁诉字〔2025〕77"), zA);
  assert_string_equal(find(f, "宝宝"), ""); /* 2 characters from the middle: the prefix path */
  assert_string_equal(find(f, "冯宝宝"), zA);
  assert_string_equal(find(f, "9900307"), zA);
  assert_string_equal(find(f, "运输、制造"), zA); /* the charge's name */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_every_field_is_found_by_a_fragment_from_its_middle, setup, teardown),
      cmocka_unit_test_setup_teardown(test_a_search_combines_with_the_filters, setup, teardown),
      cmocka_unit_test_setup_teardown(test_every_write_moves_the_index_in_its_transaction, setup, teardown),
      cmocka_unit_test_setup_teardown(test_another_offices_cases_are_never_found, setup, teardown),
      cmocka_unit_test_setup_teardown(test_hostile_strings_are_matched_literally, setup, teardown),
      cmocka_unit_test_setup_teardown(test_four_byte_characters, setup, teardown),
      cmocka_unit_test_setup_teardown(test_short_searches_keep_their_indexed_paths, setup, teardown),
      cmocka_unit_test_setup_teardown(test_every_sort_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_a_search_counts_past_ten_thousand, setup, teardown),
      cmocka_unit_test_setup_teardown(test_migration_7_builds_the_index_of_existing_cases, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
