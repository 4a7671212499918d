/* test_export.c: unit tests for the export of a list (store_export, store_util.h) on a real database, both backends
 * (test_db.h): for the case, deadline, user and audit lists and several filters, the rows an export hands over are
 * exactly the rows of the paged list under the same filter, in the same order; more rows than the cap are refused
 * before a single row is handed over; a callback that stops ends the export. And the writer's cut of text longer
 * than an Excel cell (xlsx_cell_text_len) never splits a character.
 *
 * The data is the demo procuratorate with 120 cases (demo_populate), written through the use cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/accounts.h"
#include "app/demo.h"
#include "lib/timeutil.h"
#include "store/accounts_store.h"
#include "store/audit_store.h"
#include "store/case_store.h"
#include "store/db.h"
#include "store/deadline_store.h"
#include "store/store_util.h"
#include "test_db.h"
#include "test_util.h"
#include "web/xlsx_export.h"

typedef struct Fixture {
  char zDir[64];
  char zTarget[256];
  Db *db;
  int64_t orgId;
  char zToday[11];
} Fixture;

static int setup(void **state) {
  accounts_use_cheap_hashing_for_tests();
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/jw-unit-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  assert_int_equal(test_db_new(f->zDir, "t.db", f->zTarget, sizeof f->zTarget), 0);
  JwErr e;
  assert_int_equal(db_open(f->zTarget, DB_OPEN_CREATE, &f->db, &e), 0);
  FILE *fp = fopen("/dev/null", "w");
  assert_int_equal(demo_populate(f->db, 120, fp, &e), 0);
  fclose(fp);
  Stmt *s = db_prepare_uncached(f->db, "SELECT org_id FROM case_record GROUP BY org_id ORDER BY count(*) DESC");
  assert_int_equal(db_step(s), DB_ROW);
  f->orgId = db_col_int(s, 0);
  db_finalize(s);
  time_today_china(f->zToday);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  db_close(f->db);
  if (test_db_drop(f->zTarget)) return -1;
  char zCmd[128];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", f->zDir);
  if (system(zCmd) != 0) return -1;
  free(f);
  return 0;
}

/* Collects the items an export hands over (and stops after stopAfter of them when it is positive). */
typedef struct Collect {
  json_t *items;
  int stopAfter;
} Collect;

static int collect_row(const json_t *row, void *ctx) {
  Collect *c = ctx;
  if (c->stopAfter > 0 && (int)json_array_size(c->items) == c->stopAfter) return 1;
  json_array_append(c->items, (json_t *)row);
  return 0;
}

/* A list function run on one filter: with pExport NULL a page (limit, offset), else the export. */
typedef json_t *(*ListFn)(Db *db, void *filter, StoreExport *x, int limit, int offset);

static json_t *run_cases(Db *db, void *filter, StoreExport *x, int limit, int offset) {
  CaseFilter f = *(CaseFilter *)filter;
  f.pExport = x;
  f.limit = limit;
  f.offset = offset;
  return case_store_list(db, &f);
}
static json_t *run_deadlines(Db *db, void *filter, StoreExport *x, int limit, int offset) {
  DeadlineFilter f = *(DeadlineFilter *)filter;
  f.pExport = x;
  f.limit = limit;
  f.offset = offset;
  return deadline_store_list(db, &f);
}
static json_t *run_users(Db *db, void *filter, StoreExport *x, int limit, int offset) {
  UserFilter f = *(UserFilter *)filter;
  f.pExport = x;
  f.limit = limit;
  f.offset = offset;
  return user_store_list(db, &f);
}
static json_t *run_audit(Db *db, void *filter, StoreExport *x, int limit, int offset) {
  AuditFilter f = *(AuditFilter *)filter;
  f.pExport = x;
  f.limit = limit;
  f.offset = offset;
  return audit_store_list(db, &f);
}

/* Every item of the paged list, page by page (pages of 37, so that page edges fall anywhere). */
static json_t *all_pages(Db *db, ListFn fn, void *filter) {
  json_t *all = json_array();
  for (int offset = 0;; offset += 37) {
    json_t *page = fn(db, filter, NULL, 37, offset);
    assert_non_null(page);
    json_t *items = json_object_get(page, "items");
    json_array_extend(all, items);
    size_t n = json_array_size(items);
    json_decref(page);
    if (n < 37) break;
  }
  return all;
}

/* The export of the filter hands over exactly the list's items, in order; returns how many (at least minRows). */
static size_t assert_export_equals_list(Db *db, ListFn fn, void *filter, size_t minRows) {
  json_t *pages = all_pages(db, fn, filter);
  Collect c = {json_array(), 0};
  StoreExport x = {.xRow = collect_row, .ctx = &c};
  json_t *out = fn(db, filter, &x, 0, 0);
  assert_non_null(out);
  assert_int_equal(json_integer_value(json_object_get(out, "rows")), json_array_size(pages));
  assert_int_equal(x.rows, json_array_size(pages));
  assert_true(json_array_size(pages) >= minRows);
  for (size_t i = 0; i < json_array_size(pages); i++) {
    char *zWant = json_dumps(json_array_get(pages, i), JSON_COMPACT | JSON_SORT_KEYS);
    char *zGot = json_dumps(json_array_get(c.items, i), JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(zGot, zWant);
    free(zWant);
    free(zGot);
  }
  size_t n = json_array_size(pages);
  json_decref(out);
  json_decref(pages);
  json_decref(c.items);
  return n;
}

static void test_case_export_is_the_list(void **state) {
  Fixture *f = *state;
  CaseFilter all = {.orgId = f->orgId, .zToday = f->zToday};
  size_t nAll = assert_export_equals_list(f->db, run_cases, &all, 120);
  assert_int_equal(nAll, 120);
  CaseFilter concluded = {.orgId = f->orgId, .zToday = f->zToday, .zStatus = "concluded"};
  size_t nConcluded = assert_export_equals_list(f->db, run_cases, &concluded, 1);
  assert_true(nConcluded < nAll);
  CaseFilter overdue = {.orgId = f->orgId, .zToday = f->zToday, .overdue = 1};
  assert_true(assert_export_equals_list(f->db, run_cases, &overdue, 1) < nAll);
  CaseFilter typed = {.orgId = f->orgId, .zToday = f->zToday, .zType = "prosecution_review"};
  assert_true(assert_export_equals_list(f->db, run_cases, &typed, 1) < nAll);
  CaseFilter byNumber = {.orgId = f->orgId, .zToday = f->zToday, .zQuery = "1号"};
  assert_export_equals_list(f->db, run_cases, &byNumber, 1);
  /* another office: nothing */
  CaseFilter other = {.orgId = f->orgId + 1000, .zToday = f->zToday};
  assert_int_equal(assert_export_equals_list(f->db, run_cases, &other, 0), 0);
}

static void test_deadline_user_audit_exports_are_their_lists(void **state) {
  Fixture *f = *state;
  DeadlineFilter running = {.orgId = f->orgId, .zToday = f->zToday};
  assert_export_equals_list(f->db, run_deadlines, &running, 10);
  DeadlineFilter closed = {.orgId = f->orgId, .zToday = f->zToday, .closed = 1};
  assert_export_equals_list(f->db, run_deadlines, &closed, 1);
  DeadlineFilter overdue = {.orgId = f->orgId, .zToday = f->zToday, .zLevel = "overdue"};
  assert_export_equals_list(f->db, run_deadlines, &overdue, 1);
  UserFilter users = {.orgId = f->orgId, .active = -1};
  assert_export_equals_list(f->db, run_users, &users, 5);
  UserFilter prosecutors = {.orgId = f->orgId, .active = 1, .zRole = "prosecutor"};
  assert_export_equals_list(f->db, run_users, &prosecutors, 1);
  AuditFilter audit = {.orgId = f->orgId};
  assert_export_equals_list(f->db, run_audit, &audit, 120);
  AuditFilter registrations = {.orgId = f->orgId, .zAction = "case.register"};
  assert_int_equal(assert_export_equals_list(f->db, run_audit, &registrations, 120), 120);
}

static void test_more_rows_than_the_cap_are_refused_before_any_row(void **state) {
  Fixture *f = *state;
  CaseFilter all = {.orgId = f->orgId, .zToday = f->zToday};
  Collect c = {json_array(), 0};
  StoreExport x = {.xRow = collect_row, .ctx = &c, .max = 119};
  json_t *out = run_cases(f->db, &all, &x, 0, 0);
  assert_non_null(out);
  assert_true(json_is_true(json_object_get(out, "too_many")));
  assert_int_equal(json_integer_value(json_object_get(out, "max")), 119);
  assert_int_equal(json_array_size(c.items), 0); /* not one row handed over */
  assert_int_equal(x.rows, 0);
  json_decref(out);
  /* exactly at the cap: every row */
  x.max = 120;
  out = run_cases(f->db, &all, &x, 0, 0);
  assert_int_equal(json_integer_value(json_object_get(out, "rows")), 120);
  assert_int_equal(json_array_size(c.items), 120);
  json_decref(out);
  /* without a cap of its own, the export's cap is STORE_EXPORT_MAX */
  json_array_clear(c.items);
  x.max = 0;
  out = run_cases(f->db, &all, &x, 0, 0);
  assert_int_equal(json_integer_value(json_object_get(out, "rows")), 120);
  json_decref(out);
  json_decref(c.items);
  assert_int_equal(STORE_EXPORT_MAX, 100000);
}

static void test_a_callback_that_stops_ends_the_export(void **state) {
  Fixture *f = *state;
  UserFilter users = {.orgId = f->orgId, .active = -1};
  Collect c = {json_array(), 3};
  StoreExport x = {.xRow = collect_row, .ctx = &c};
  assert_null(run_users(f->db, &users, &x, 0, 0));
  assert_true(x.stopped);
  assert_int_equal(x.rows, 3);
  assert_int_equal(db_busy_statements(f->db), 0); /* the statement was reset */
  json_decref(c.items);
}

static void test_text_longer_than_a_cell_is_cut_at_a_character(void **state) {
  (void)state;
  int cut;
  /* short text is kept whole */
  assert_int_equal(xlsx_cell_text_len("案件", 6, &cut), 6);
  assert_false(cut);
  /* 32,767 characters of the BMP fit exactly; one more does not */
  size_t n = XLSX_CELL_MAX_CHARS * 3;
  char *z = malloc(n + 4);
  for (size_t i = 0; i < XLSX_CELL_MAX_CHARS; i++) memcpy(z + 3 * i, "案", 3);
  assert_int_equal(xlsx_cell_text_len(z, n, &cut), n);
  assert_false(cut);
  memcpy(z + n, "案", 3);
  size_t keep = xlsx_cell_text_len(z, n + 3, &cut);
  assert_true(cut);
  assert_int_equal(keep % 3, 0);                       /* whole characters */
  assert_int_equal(keep / 3, XLSX_CELL_MAX_CHARS - 6); /* room for the six characters of the mark */
  free(z);
  /* a 4-byte character counts two UTF-16 units, as Excel counts: 16,384 of them are over the limit */
  size_t n4 = 16384 * 4;
  char *w = malloc(n4);
  for (size_t i = 0; i < 16384; i++) memcpy(w + 4 * i, "\xF0\xA0\x80\x80", 4); /* U+20000 */
  keep = xlsx_cell_text_len(w, n4, &cut);
  assert_true(cut);
  assert_int_equal(keep % 4, 0);
  assert_true(keep / 4 * 2 + 6 <= XLSX_CELL_MAX_CHARS);
  assert_int_equal(xlsx_cell_text_len(w, 16383 * 4, &cut), 16383 * 4); /* 32,766 units: whole */
  assert_false(cut);
  free(w);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_case_export_is_the_list, setup, teardown),
      cmocka_unit_test_setup_teardown(test_deadline_user_audit_exports_are_their_lists, setup, teardown),
      cmocka_unit_test_setup_teardown(test_more_rows_than_the_cap_are_refused_before_any_row, setup, teardown),
      cmocka_unit_test_setup_teardown(test_a_callback_that_stops_ends_the_export, setup, teardown),
      cmocka_unit_test(test_text_longer_than_a_cell_is_cut_at_a_character),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
