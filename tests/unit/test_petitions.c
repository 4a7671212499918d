/* test_petitions.c: the 信访 use cases through the C API (app/petitions.h): intake with the office's unit of the 7-day
 * reply, the reply periods as deadline rows, the handler transfer keeping the first handler, 包案 and closure; the
 * refusals of the bad input writing nothing (no petition, no event, no audit row); another office's petition
 * is 404. With JIANWU_TEST_PG set the same tests run on a new PostgreSQL database (test_db.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/accounts.h"
#include "app/audit.h"
#include "app/petitions.h"
#include "core/idcard.h"
#include "core/roles.h"
#include "store/accounts_store.h"
#include "store/db.h"
#include "store/deadline_store.h"
#include "store/petition_store.h"
#include "test_util.h"
#include "test_actors.h"
#include "test_db.h"

#define NOW "2026-01-01T00:00:00Z"

typedef struct Fixture {
  char zDir[64];
  char zTarget[256];
  Db *db;
  int64_t orgA, orgB;
  Actor ks, chief, admin, other;
} Fixture;

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/jw-pet-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  assert_int_equal(test_db_new(f->zDir, "t.db", f->zTarget, sizeof f->zTarget), 0);
  JwErr e;
  assert_int_equal(db_open(f->zTarget, DB_OPEN_CREATE, &f->db, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orga", "甲县人民检察院", "county", NULL, &f->orgA, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orgb", "乙县人民检察院", "county", NULL, &f->orgB, &e), 0);
  int64_t dept = dept_store_insert(f->db, f->orgA, "控告申诉检察部", "petition", NOW);
  assert_true(dept > 0);
  f->ks = actor_of(f->db, f->orgA, mk_user(f->db, f->orgA, dept, "kongshen", "petition_officer"), dept);
  f->chief = actor_of(f->db, f->orgA, mk_user(f->db, f->orgA, 0, "chief", "leader"), 0);
  f->admin = actor_of(f->db, f->orgA, mk_user(f->db, f->orgA, 0, "admin", "admin"), 0);
  f->other = actor_of(f->db, f->orgB, mk_user(f->db, f->orgB, 0, "other", "leader"), 0);
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

/* An ID number of the 17-digit body with its check character. */
static void id_of(const char *zBody, char out[19]) {
  snprintf(out, 19, "%s%c", zBody, idcard_check_char(zBody));
}

static int64_t audit_rows(Fixture *f) {
  int64_t bad = 0, rows = 0;
  char zWhy[200];
  assert_int_equal(audit_verify(f->db, &bad, zWhy, sizeof zWhy, &rows), 0);
  return rows;
}

static int64_t petitions_total(Fixture *f, int64_t orgId) {
  PetitionFilter q = {.orgId = orgId, .zToday = "2026-06-30", .limit = 50};
  json_t *page = petition_store_list(f->db, &q);
  assert_non_null(page);
  int64_t n = json_integer_value(json_object_get(page, "total"));
  json_decref(page);
  return n;
}

/* The due day of the petition's deadline row of kind and sequence ("" none). */
static const char *due_of(json_t *p, const char *zKind, int seq) {
  size_t i;
  json_t *d;
  json_array_foreach(json_object_get(p, "deadlines"), i, d) {
    if (strcmp(json_string_value(json_object_get(d, "kind")), zKind) == 0 &&
        json_integer_value(json_object_get(d, "sequence")) == seq) {
      return json_string_value(json_object_get(d, "due_on"));
    }
  }
  return "";
}

static json_t *intake(Fixture *f, const char *zIdBody) {
  char zId[19];
  id_of(zIdBody, zId);
  json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:s}]}", "channel", "visit", "category", "complaint", "matter",
                         "反映𠀀问题", "received_on", "2025-09-24", "petitioners", "name", "𠀀某", "id_number", zId);
  json_t *out = NULL;
  JwErr e;
  int rc = petitions_create(f->db, &f->ks, in, &out, &e);
  json_decref(in);
  assert_int_equal(rc, 0);
  return out;
}

static json_t *step(Fixture *f, const Actor *a, int64_t id, json_t *in, int expectRc, JwErr *e) {
  json_t *out = NULL;
  int rc = petitions_event(f->db, a, id, in, &out, e);
  json_decref(in);
  assert_int_equal(rc, expectRc);
  return out;
}

static void test_intake_periods_and_closure(void **state) {
  Fixture *f = *state;
  JwErr e;
  /* working days: 7 after 2025-09-24 across 国庆 is 10-10 */
  json_t *set = json_pack("{s:s}", "procedural_unit", "workdays"), *out = NULL;
  assert_int_equal(petitions_settings_put(f->db, &f->admin, set, &out, &e), 0);
  json_decref(set);
  json_decref(out);
  json_t *p = intake(f, "33112219800101001");
  int64_t id = json_integer_value(json_object_get(p, "id"));
  assert_string_equal(due_of(p, "petition_procedural", 0), "2025-10-10");
  assert_string_equal(due_of(p, "petition_result", 0), "2025-12-24");
  assert_int_equal(json_integer_value(json_object_get(p, "first_handler_id")), f->ks.userId);
  json_decref(p);
  /* the handler changes, the first handler stays */
  p = step(f, &f->ks, id,
           json_pack("{s:s, s:I, s:s}", "kind", "handler", "handler_id", (json_int_t)f->chief.userId, "reason", "包案"),
           0, &e);
  assert_int_equal(json_integer_value(json_object_get(p, "handler_id")), f->chief.userId);
  assert_int_equal(json_integer_value(json_object_get(p, "first_handler_id")), f->ks.userId);
  json_decref(p);
  /* 包案, then a reply and the closure */
  p = step(f, &f->ks, id,
           json_pack("{s:s, s:s, s:I, s:I, s:[s]}", "kind", "plan", "on", "2025-09-30", "leader_id",
                     (json_int_t)f->chief.userId, "responsible_id", (json_int_t)f->ks.userId, "plans", "guide"),
           0, &e);
  assert_true(json_is_object(json_object_get(p, "lead")));
  json_decref(p);
  p = step(f, &f->chief, id,
           json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", "reply", "on", "2025-10-09", "reply_kind", "result",
                     "channel", "written", "content", "答复𠀀"),
           0, &e);
  json_decref(p);
  p = step(f, &f->chief, id,
           json_pack("{s:s, s:s, s:s, s:b}", "kind", "close", "on", "2025-10-20", "satisfaction", "basic", "ceased", 1),
           0, &e);
  assert_string_equal(json_string_value(json_object_get(p, "state")), "closed");
  size_t i;
  json_t *d;
  json_array_foreach(json_object_get(p, "deadlines"), i, d) {
    assert_string_equal(json_string_value(json_object_get(d, "status")), "closed");
  }
  json_decref(p);
  audit_rows(f); /* the chain verifies */
}

static void test_refusals_write_nothing(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *p = intake(f, "33112219750505002");
  int64_t id = json_integer_value(json_object_get(p, "id"));
  size_t nEvents = json_array_size(json_object_get(p, "events"));
  json_decref(p);
  int64_t audits = audit_rows(f), total = petitions_total(f, f->orgA);
  /* an ID number that fails its checksum */
  char zBad[19];
  id_of("33112219750505002", zBad);
  zBad[17] = zBad[17] == '0' ? '1' : '0';
  json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:[{s:s, s:s}]}", "channel", "visit", "category", "complaint", "matter",
                         "事项", "received_on", "2025-09-24", "petitioners", "name", "某", "id_number", zBad);
  json_t *out = NULL;
  assert_int_equal(petitions_create(f->db, &f->ks, in, &out, &e), -1);
  json_decref(in);
  assert_int_equal(e.status, 400);
  assert_string_equal(e.field, "petitioners.0.id_number");
  /* neither name nor organisation */
  in = json_pack("{s:s, s:s, s:s, s:s, s:[{s:s}]}", "channel", "visit", "category", "complaint", "matter", "事项",
                 "received_on", "2025-09-24", "petitioners", "phone", "13800000000");
  assert_int_equal(petitions_create(f->db, &f->ks, in, &out, &e), -1);
  json_decref(in);
  assert_string_equal(e.field, "petitioners.0.name");
  /* a closure without a reply; a reply dated before intake; a 包案 without a leader */
  step(f, &f->ks, id,
       json_pack("{s:s, s:s, s:s, s:b}", "kind", "close", "on", "2025-10-01", "satisfaction", "basic", "ceased", 0), -1,
       &e);
  assert_int_equal(e.status, 422);
  assert_string_equal(e.field, "replies");
  step(f, &f->ks, id,
       json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", "reply", "on", "2025-09-23", "reply_kind", "procedural",
                 "channel", "phone", "content", "x"),
       -1, &e);
  assert_string_equal(e.field, "on");
  step(f, &f->ks, id,
       json_pack("{s:s, s:s, s:I, s:[s]}", "kind", "plan", "on", "2025-09-30", "responsible_id",
                 (json_int_t)f->ks.userId, "plans", "guide"),
       -1, &e);
  assert_string_equal(e.field, "leader_id");
  assert_int_equal(audit_rows(f), audits);
  assert_int_equal(petitions_total(f, f->orgA), total);
  p = NULL;
  assert_int_equal(petitions_get(f->db, &f->ks, id, &p, &e), 0);
  assert_int_equal(json_array_size(json_object_get(p, "events")), nEvents);
  assert_int_equal(json_array_size(json_object_get(p, "replies")), 0);
  json_decref(p);
  /* another office: 404, and it sees none */
  assert_int_equal(petitions_get(f->db, &f->other, id, &p, &e), -1);
  assert_int_equal(e.status, 404);
  step(f, &f->other, id, json_pack("{s:s, s:s, s:s}", "kind", "risk", "risk_level", "high", "risk_reason", "x"), -1,
       &e);
  assert_int_equal(e.status, 404);
  assert_int_equal(petitions_total(f, f->orgB), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_intake_periods_and_closure, setup, teardown),
      cmocka_unit_test_setup_teardown(test_refusals_write_nothing, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
