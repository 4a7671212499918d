/* test_suggestions.c: the 检察建议 use cases through the C API the other capabilities call (app/suggestions.h):
 * suggestions_open_linked() (跟进监督 from a 行刑衔接 item) inside the caller's transaction, its refusals, and that a
 * caller's rollback leaves nothing. With JIANWU_TEST_PG set the same tests run on a new PostgreSQL database
 * (test_db.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/accounts.h"
#include "app/agencies.h"
#include "app/audit.h"
#include "app/suggestions.h"
#include "core/roles.h"
#include "store/accounts_store.h"
#include "store/db.h"
#include "store/suggestion_store.h"
#include "test_util.h"
#include "test_actors.h"
#include "test_db.h"

#define NOW "2026-01-01T00:00:00Z"

typedef struct Fixture {
  char zDir[64];
  char zTarget[256];
  Db *db;
  int64_t orgA, orgB, agencyA, agencyB;
  Actor pros, clerk;
} Fixture;

static int64_t agency(Fixture *f, int64_t orgId, const char *zName) {
  JwErr e;
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(agencies_note(f->db, orgId, zName, &e), 0);
  assert_int_equal(db_commit(f->db), 0);
  int64_t id = suggestion_store_agency_id(f->db, orgId, zName);
  assert_true(id > 0);
  return id;
}

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/jw-sugg-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  assert_int_equal(test_db_new(f->zDir, "t.db", f->zTarget, sizeof f->zTarget), 0);
  JwErr e;
  assert_int_equal(db_open(f->zTarget, DB_OPEN_CREATE, &f->db, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orga", "甲县人民检察院", "county", NULL, &f->orgA, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orgb", "乙县人民检察院", "county", NULL, &f->orgB, &e), 0);
  int64_t dept = dept_store_insert(f->db, f->orgA, "行政检察部", "administrative", NOW);
  assert_true(dept > 0);
  f->pros = actor_of(f->db, f->orgA, mk_user(f->db, f->orgA, dept, "xingjian", "admin_prosecutor"), dept);
  f->clerk = actor_of(f->db, f->orgA, mk_user(f->db, f->orgA, dept, "clerk", "clerk"), dept);
  f->agencyA = agency(f, f->orgA, "甲县公安局交通警察大队");
  f->agencyB = agency(f, f->orgB, "乙县公安局");
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

/* The number of the office's suggestions. */
static int64_t count(Fixture *f, int64_t orgId) {
  SuggestionFilter q = {.orgId = orgId, .zToday = "2026-06-30", .limit = 50};
  json_t *page = suggestion_store_list(f->db, &q);
  assert_non_null(page);
  int64_t n = json_integer_value(json_object_get(page, "total"));
  json_decref(page);
  return n;
}

static void test_open_linked(void **state) {
  Fixture *f = *state;
  JwErr e;
  SuggestionDraft d = {
      "correction", f->agencyA, "linkage", 7, 0, "被不起诉人醉酒驾驶，公安机关逾期未作出吊销驾驶证的处罚"};
  long long id = 0;
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(suggestions_open_linked(f->db, &f->pros, &d, &id, &e), 0);
  assert_int_equal(db_commit(f->db), 0);
  assert_true(id > 0);
  int found = 0;
  json_t *s = suggestion_store_get(f->db, f->orgA, id, "2026-06-30", &found);
  assert_non_null(s);
  assert_string_equal(json_string_value(json_object_get(s, "state")), "draft");
  assert_string_equal(json_string_value(json_object_get(s, "type")), "correction");
  assert_string_equal(json_string_value(json_object_get(s, "agency_name")), "甲县公安局交通警察大队");
  assert_string_equal(json_string_value(json_object_get(s, "facts")), d.zReason);
  assert_string_equal(json_string_value(json_object_get(s, "reply_length")), "2m");
  json_t *links = json_object_get(s, "links");
  assert_int_equal(json_array_size(links), 1);
  assert_string_equal(json_string_value(json_object_get(json_array_get(links, 0), "kind")), "linkage");
  assert_int_equal(json_integer_value(json_object_get(json_array_get(links, 0), "id")), 7);
  json_t *events = json_object_get(s, "events");
  assert_int_equal(json_array_size(events), 1);
  assert_string_equal(json_string_value(json_object_get(json_array_get(events, 0), "kind")), "created");
  json_decref(s);
  /* the other office sees nothing of it */
  assert_null(suggestion_store_get(f->db, f->orgB, id, "2026-06-30", &found));
  assert_int_equal(found, 0);
  assert_int_equal(count(f, f->orgB), 0);
}

static void test_open_linked_refusals(void **state) {
  Fixture *f = *state;
  JwErr e;
  long long id = 0;
  int64_t before = count(f, f->orgA);
  assert_int_equal(db_begin(f->db), 0);
  /* another office's agency, an unknown one: 422 naming agency_id */
  SuggestionDraft d = {"correction", f->agencyB, "linkage", 8, 0, "理由"};
  assert_int_equal(suggestions_open_linked(f->db, &f->pros, &d, &id, &e), -1);
  assert_int_equal(e.status, 422);
  assert_string_equal(e.field, "agency_id");
  d.agencyId = 999999;
  assert_int_equal(suggestions_open_linked(f->db, &f->pros, &d, &id, &e), -1);
  assert_string_equal(e.field, "agency_id");
  /* an unknown case, a bad type, a bad kind of record */
  d.agencyId = f->agencyA;
  d.caseId = 999999;
  assert_int_equal(suggestions_open_linked(f->db, &f->pros, &d, &id, &e), -1);
  assert_string_equal(e.field, "case_id");
  d.caseId = 0;
  d.zType = "advice";
  assert_int_equal(suggestions_open_linked(f->db, &f->pros, &d, &id, &e), -1);
  assert_string_equal(e.field, "type");
  d.zType = NULL;
  d.zLinkedKind = "person";
  assert_int_equal(suggestions_open_linked(f->db, &f->pros, &d, &id, &e), -1);
  d.zLinkedKind = "linkage";
  /* a clerk reads suggestions but does not open them */
  assert_int_equal(suggestions_open_linked(f->db, &f->clerk, &d, &id, &e), -1);
  assert_int_equal(e.status, 403);
  /* a good one, then the caller's rollback: it leaves nothing */
  assert_int_equal(suggestions_open_linked(f->db, &f->pros, &d, &id, &e), 0);
  assert_true(id > 0);
  db_rollback(f->db);
  assert_int_equal(count(f, f->orgA), before);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_open_linked, setup, teardown),
      cmocka_unit_test_setup_teardown(test_open_linked_refusals, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
