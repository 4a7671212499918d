/* test_leads.c: the data-matching models (issue 12 §3): model (a)'s rule (core/lead.h) on its own, then a run on a
 * fixture written with SQL (our dangerous_driving persons, their licence records) whose expected leads are known:
 * the leads and candidate pairs found, a re-run that duplicates nothing, verification, a candidate confirmed and
 * matched at the next run, confirmed leads turned into one 检察建议 linked both ways, the refusals (nothing written)
 * and another office's leads. With JIANWU_TEST_PG set the same tests run on PostgreSQL (test_db.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/accounts.h"
#include "app/agencies.h"
#include "app/app_util.h"
#include "app/audit.h"
#include "app/leads.h"
#include "core/lead.h"
#include "core/roles.h"
#include "store/accounts_store.h"
#include "store/db.h"
#include "store/lead_store.h"
#include "store/store_util.h"
#include "store/suggestion_store.h"
#include "test_util.h"
#include "web/match_schedule.h"
#include "test_actors.h"
#include "test_db.h"

#define NOW "2026-01-01T00:00:00Z"

/* ---- the rule ---------------------------------------------------------------------------------------------- */

static LicenceParams defaults(void) {
  json_t *p = json_loads(lead_model_seeds[0].zParams, 0, NULL);
  LicenceParams lp;
  const char *zField, *zWhy;
  assert_int_equal(lead_params_check(LEAD_RULE_LICENCE, p, &lp, &zField, &zWhy), 0);
  json_decref(p);
  return lp;
}

static void test_rule(void **state) {
  (void)state;
  LicenceParams p = defaults();
  assert_int_equal(p.graceDays, 30);
  assert_int_equal(p.barYears, 5);
  JwDate d = date_from_ymd(2025, 1, 10), due, bar;
  LicenceFacts f = {.decidedOn = d, .zStatus = "valid", .zClass = "C1"};
  /* valid on day 30 after the decision: not yet; day 31: a lead */
  assert_int_equal(lead_licence_check(&p, &f, d + 30, &due, &bar), LEAD_NONE);
  assert_int_equal(due, d + 30);
  assert_int_equal(lead_licence_check(&p, &f, d + 31, &due, &bar), LEAD_NOT_REVOKED);
  f.zStatus = "suspended";
  assert_int_equal(lead_licence_check(&p, &f, d + 31, &due, &bar), LEAD_NOT_REVOKED);
  f.zStatus = "revoked";
  assert_int_equal(lead_licence_check(&p, &f, d + 400, &due, &bar), LEAD_NONE);
  f.zStatus = "cancelled";
  assert_int_equal(lead_licence_check(&p, &f, d + 400, &due, &bar), LEAD_NONE);
  /* re-issued inside the five-year bar (from the revocation date), and just after it */
  f.zStatus = "valid";
  f.statusOn = date_from_ymd(2025, 2, 1);
  f.reissuedOn = date_from_ymd(2026, 3, 1);
  assert_int_equal(lead_licence_check(&p, &f, d + 500, &due, &bar), LEAD_REISSUED_IN_BAR);
  f.reissuedOn = date_from_ymd(2030, 2, 1);
  assert_int_equal(lead_licence_check(&p, &f, date_from_ymd(2030, 3, 1), &due, &bar), LEAD_NONE);
  assert_int_equal(bar, date_from_ymd(2030, 1, 10));
  /* 营运 classes: ten years */
  f.zClass = "A1";
  assert_int_equal(lead_licence_check(&p, &f, date_from_ymd(2030, 3, 1), &due, &bar), LEAD_REISSUED_IN_BAR);
  /* lifetime: any re-issue */
  p.lifetime = 1;
  f.reissuedOn = date_from_ymd(2045, 1, 1);
  assert_int_equal(lead_licence_check(&p, &f, date_from_ymd(2045, 3, 1), &due, &bar), LEAD_REISSUED_IN_BAR);
  assert_int_equal(bar, 0);
}

static void test_params(void **state) {
  (void)state;
  const char *zField, *zWhy;
  LicenceParams p;
  json_t *v = json_pack("{s:i}", "grace_days", -1);
  assert_int_equal(lead_params_check(LEAD_RULE_LICENCE, v, &p, &zField, &zWhy), -1);
  assert_string_equal(zField, "params.grace_days");
  json_decref(v);
  v = json_pack("{s:i}", "graceDays", 3);
  assert_int_equal(lead_params_check(LEAD_RULE_LICENCE, v, &p, &zField, &zWhy), -1);
  assert_string_equal(zField, "params");
  json_decref(v);
  v = json_pack("{s:[s]}", "commercial_classes", "a1;");
  assert_int_equal(lead_params_check(LEAD_RULE_LICENCE, v, &p, &zField, &zWhy), -1);
  assert_string_equal(zField, "params.commercial_classes");
  json_decref(v);
  v = json_pack("{s:i, s:b}", "grace_days", 10, "lifetime", 1);
  assert_int_equal(lead_params_check(LEAD_RULE_LICENCE, v, &p, &zField, &zWhy), 0);
  assert_int_equal(p.graceDays, 10);
  assert_int_equal(p.lifetime, 1);
  assert_int_equal(p.barYears, 5);
  json_decref(v);
}

/* The nightly schedule: the next 02:00 China Standard Time (18:00 UTC). */
static void test_schedule_delay(void **state) {
  (void)state;
  long long midnightUtc = 1767225600; /* 2026-01-01T00:00:00Z = 08:00 CST */
  assert_int_equal(match_schedule_delay(midnightUtc), 18 * 3600);
  assert_int_equal(match_schedule_delay(midnightUtc + 18 * 3600), 86400); /* exactly 02:00: the next night's */
  assert_int_equal(match_schedule_delay(midnightUtc + 18 * 3600 - 1), 1);
  assert_int_equal(match_schedule_delay(midnightUtc + 19 * 3600), 23 * 3600);
}

/* ---- a run on a fixture ------------------------------------------------------------------------------------- */

typedef struct Fixture {
  char zDir[64];
  char zTarget[256];
  Db *db;
  int64_t orgA, orgB, agencyA, batchA;
  Actor pros, manager, pros_b;
  int64_t p1, p3, p6;
} Fixture;

static void exec1(Db *db, const char *zSql, const char *const *az, int n, int64_t *pId) {
  Stmt *s = db_prepare(db, zSql);
  assert_non_null(s);
  for (int i = 0; i < n; i++) db_bind_text(s, i + 1, az[i] && *az[i] ? az[i] : NULL);
  if (pId) {
    *pId = store_insert_id(s);
    assert_true(*pId > 0);
  } else {
    assert_int_equal(store_step_done(s), 0);
  }
}

/* A case with one person (charge, decision) in office zOrg. */
static int64_t person(Fixture *f, int64_t orgId, const char *zNo, const char *zName, const char *zId,
                      const char *zBirth, const char *zCharge, const char *zDecision, const char *zOn) {
  char zOrg[24];
  snprintf(zOrg, sizeof zOrg, "%lld", (long long)orgId);
  int64_t caseId = 0, pid = 0;
  const char *a[] = {zOrg, zNo};
  exec1(f->db,
        "INSERT INTO case_record(org_id, case_number, case_type, title, source_agency, received_on, status,"
        " created_at, updated_at) VALUES(CAST(?1 AS INTEGER), ?2, 'prosecution_review', '危险驾驶案', '公安局',"
        " '2024-12-01', 'concluded', '" NOW "', '" NOW "') RETURNING id",
        a, 2, &caseId);
  char zCase[24];
  snprintf(zCase, sizeof zCase, "%lld", (long long)caseId);
  const char *b[] = {zOrg, zCase, zName, zId, zBirth, zDecision, zOn};
  exec1(f->db,
        "INSERT INTO case_person(org_id, case_id, name, id_number, birth_date, custody, decision, decision_on)"
        " VALUES(CAST(?1 AS INTEGER), CAST(?2 AS INTEGER), ?3, ?4, ?5, 'none', ?6, ?7) RETURNING id",
        b, 7, &pid);
  char zPid[24];
  snprintf(zPid, sizeof zPid, "%lld", (long long)pid);
  const char *c[] = {zPid, zCharge};
  exec1(f->db, "INSERT INTO case_person_charge(person_id, charge) VALUES(CAST(?1 AS INTEGER), ?2)", c, 2, NULL);
  return pid;
}

static void licence(Fixture *f, int64_t orgId, int64_t batchId, const char *zId, const char *zRaw, const char *zName,
                    const char *zBirth, const char *zNo, const char *zStatus, const char *zOn, const char *zRe) {
  char zOrg[24], zBatch[24];
  snprintf(zOrg, sizeof zOrg, "%lld", (long long)orgId);
  snprintf(zBatch, sizeof zBatch, "%lld", (long long)batchId);
  const char *a[] = {zOrg, zBatch, zId, zRaw, zName, zBirth, zNo, zStatus, zOn, zRe};
  exec1(f->db,
        "INSERT INTO licence_record(org_id, batch_id, row_no, id_number, id_number_raw, name, birth_date,"
        " licence_number, licence_class, status, status_on, reissued_on, agency_name, natural_key)"
        " VALUES(CAST(?1 AS INTEGER), CAST(?2 AS INTEGER), 1, ?3, ?4, ?5, ?6, ?7, 'C1', ?8, ?9, ?10,"
        " '甲县公安局交通警察大队', ?7)",
        a, 10, NULL);
}

static int64_t batch(Fixture *f, int64_t orgId) {
  char zOrg[24];
  snprintf(zOrg, sizeof zOrg, "%lld", (long long)orgId);
  const char *a[] = {zOrg};
  int64_t id = 0;
  exec1(f->db,
        "INSERT INTO import_batch(org_id, kind, source, file_name, file_hash, file_bytes, format, encoding,"
        " rows_total, rows_accepted, created_at) VALUES(CAST(?1 AS INTEGER), 'licence', '交警大队', '驾驶证.csv',"
        " 'abc123', 100, 'csv', 'utf-8', 6, 6, '" NOW "') RETURNING id",
        a, 1, &id);
  return id;
}

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  snprintf(f->zDir, sizeof f->zDir, "/tmp/jw-leads-XXXXXX");
  assert_non_null(mkdtemp(f->zDir));
  assert_int_equal(test_db_new(f->zDir, "t.db", f->zTarget, sizeof f->zTarget), 0);
  JwErr e;
  assert_int_equal(db_open(f->zTarget, DB_OPEN_CREATE, &f->db, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orga", "甲县人民检察院", "county", NULL, &f->orgA, &e), 0);
  assert_int_equal(accounts_org_bootstrap(f->db, "orgb", "乙县人民检察院", "county", NULL, &f->orgB, &e), 0);
  int64_t dept = dept_store_insert(f->db, f->orgA, "行政检察部", "administrative", NOW);
  f->pros = actor_of(f->db, f->orgA, mk_user(f->db, f->orgA, dept, "xingjian", "admin_prosecutor"), dept);
  f->manager = actor_of(f->db, f->orgA, mk_user(f->db, f->orgA, dept, "anguan", "case_manager"), dept);
  int64_t deptB = dept_store_insert(f->db, f->orgB, "行政检察部", "administrative", NOW);
  f->pros_b = actor_of(f->db, f->orgB, mk_user(f->db, f->orgB, deptB, "xingjianb", "admin_prosecutor"), deptB);
  assert_int_equal(db_begin(f->db), 0);
  assert_int_equal(agencies_note(f->db, f->orgA, "甲县公安局交通警察大队", &e), 0);
  assert_int_equal(db_commit(f->db), 0);
  f->agencyA = suggestion_store_agency_id(f->db, f->orgA, "甲县公安局交通警察大队");
  char zToday[11], zRecent[11];
  JwDate today = app_today(zToday);
  date_format(today - 5, zRecent);
  assert_int_equal(db_begin(f->db), 0);
  f->batchA = batch(f, f->orgA);
  /* P1: prosecuted, licence still valid → not_revoked */
  f->p1 = person(f, f->orgA, "甲检刑诉〔2025〕1号", "李𠀀", "110105198001010018", "1980-01-01", "dangerous_driving",
                 "prosecute", "2025-01-10");
  licence(f, f->orgA, f->batchA, "110105198001010018", "110105198001010018", "李𠀀", "1980-01-01", "L1", "valid", "",
          "");
  /* P2: not prosecuted, revoked: nothing */
  person(f, f->orgA, "甲检刑不诉〔2025〕2号", "王二", "110105198102020027", "1981-02-02", "dangerous_driving",
         "non_prosecution", "2025-02-01");
  licence(f, f->orgA, f->batchA, "110105198102020027", "110105198102020027", "王二", "1981-02-02", "L2", "revoked",
          "2025-02-20", "");
  /* P3: revoked then re-issued inside the five-year bar → reissued_in_bar */
  f->p3 = person(f, f->orgA, "甲检刑诉〔2025〕3号", "赵三", "110105198203030036", "1982-03-03", "dangerous_driving",
                 "prosecute", "2025-01-05");
  licence(f, f->orgA, f->batchA, "110105198203030036", "110105198203030036", "赵三", "1982-03-03", "L3", "valid",
          "2025-01-20", "2025-06-01");
  /* P4: decided five days ago, still inside the grace days: nothing yet */
  person(f, f->orgA, "甲检刑诉〔2025〕4号", "孙四", "110105198304040045", "1983-04-04", "dangerous_driving",
         "prosecute", zRecent);
  licence(f, f->orgA, f->batchA, "110105198304040045", "110105198304040045", "孙四", "1983-04-04", "L4", "valid", "",
          "");
  /* P5: theft, valid licence: not this model's */
  person(f, f->orgA, "甲检刑诉〔2025〕5号", "周五", "110105198405050054", "1984-05-05", "theft", "prosecute",
         "2025-01-01");
  licence(f, f->orgA, f->batchA, "110105198405050054", "110105198405050054", "周五", "1984-05-05", "L5", "valid", "",
          "");
  /* P6: no ID number in our case; their record's ID is invalid: a name + birth date candidate only */
  f->p6 = person(f, f->orgA, "甲检刑诉〔2025〕6号", "吴六", "", "1990-06-06", "dangerous_driving", "prosecute",
                 "2025-01-01");
  licence(f, f->orgA, f->batchA, "", "11010519900606006", "吴六", "1990-06-06", "L6", "valid", "", "");
  /* office B: the same person as P1 decided there, but office A's licence data is not B's */
  person(f, f->orgB, "乙检刑诉〔2025〕1号", "李𠀀", "110105198001010018", "1980-01-01", "dangerous_driving",
         "prosecute", "2025-01-10");
  assert_int_equal(db_commit(f->db), 0);
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

static json_t *list(Fixture *f, const Actor *a, const char *zState) {
  JwErr e;
  json_t *out = NULL;
  LeadFilter q = {.zState = zState, .limit = 50};
  assert_int_equal(leads_list(f->db, a, q, &out, &e), 0);
  return out;
}

static int64_t lead_of(json_t *page, int64_t personId, const char **pReason) {
  size_t i;
  json_t *v;
  json_array_foreach(json_object_get(page, "items"), i, v) {
    if (json_integer_value(json_object_get(v, "person_id")) == personId) {
      if (pReason) *pReason = json_string_value(json_object_get(v, "reason"));
      return json_integer_value(json_object_get(v, "id"));
    }
  }
  return 0;
}

static int64_t scalar(Fixture *f, const char *zSql) {
  Stmt *s = db_prepare(f->db, zSql);
  assert_non_null(s);
  assert_int_equal(db_step(s), DB_ROW);
  int64_t n = db_col_int(s, 0);
  db_done(s);
  return n;
}

static void test_run(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *run = NULL;
  assert_int_equal(leads_run(f->db, &f->pros, 0, "drunk_licence", "manual", &run, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(run, "leads_found")), 2);
  assert_int_equal(json_integer_value(json_object_get(run, "leads_new")), 2);
  assert_int_equal(json_integer_value(json_object_get(run, "candidates_new")), 1);
  assert_int_equal(json_integer_value(json_object_get(run, "rows_matched")), 4); /* P1-P4 join on the ID */
  json_t *in0 = json_array_get(json_object_get(run, "inputs"), 0);
  assert_string_equal(json_string_value(json_object_get(in0, "file_hash")), "abc123");
  json_decref(run);
  json_t *page = list(f, &f->manager, NULL);
  assert_int_equal(json_integer_value(json_object_get(page, "total")), 2);
  const char *zWhy = NULL;
  int64_t l1 = lead_of(page, f->p1, &zWhy);
  assert_true(l1 > 0);
  assert_string_equal(zWhy, "not_revoked");
  int64_t l3 = lead_of(page, f->p3, &zWhy);
  assert_true(l3 > 0);
  assert_string_equal(zWhy, "reissued_in_bar");
  json_decref(page);
  /* the evidence side by side */
  json_t *lead = NULL;
  assert_int_equal(leads_get(f->db, &f->manager, l1, &lead, &e), 0);
  json_t *ev = json_object_get(lead, "evidence");
  assert_string_equal(json_string_value(json_object_get(json_object_get(ev, "ours"), "case_number")),
                      "甲检刑诉〔2025〕1号");
  assert_string_equal(json_string_value(json_object_get(json_object_get(ev, "theirs"), "status")), "valid");
  assert_string_equal(json_string_value(json_object_get(json_object_get(ev, "rule"), "revoke_due_on")), "2025-02-09");
  json_decref(lead);
  /* a re-run duplicates nothing */
  assert_int_equal(leads_run(f->db, &f->pros, 0, "drunk_licence", "manual", &run, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(run, "leads_found")), 2);
  assert_int_equal(json_integer_value(json_object_get(run, "leads_new")), 0);
  assert_int_equal(json_integer_value(json_object_get(run, "candidates_new")), 0);
  json_decref(run);
  assert_int_equal(scalar(f, "SELECT count(*) FROM lead"), 2);
  assert_int_equal(scalar(f, "SELECT count(*) FROM lead_candidate"), 1);
  assert_int_equal(scalar(f, "SELECT count(*) FROM match_run"), 2);
  assert_int_equal(scalar(f, "SELECT count(*) FROM audit_log WHERE action = 'model.run'"), 2);
  /* office B sees none of A's leads, and A's lead answers 404 there */
  page = list(f, &f->pros_b, NULL);
  assert_int_equal(json_integer_value(json_object_get(page, "total")), 0);
  json_decref(page);
  assert_int_equal(leads_get(f->db, &f->pros_b, l1, &lead, &e), -1);
  assert_int_equal(e.status, 404);
  /* office B's run finds nothing: it has no licence data */
  assert_int_equal(leads_run(f->db, &f->pros_b, 0, "drunk_licence", "manual", &run, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(run, "leads_found")), 0);
  json_decref(run);
}

static void test_verify_and_suggest(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *run = NULL, *out = NULL;
  assert_int_equal(leads_run(f->db, &f->pros, 0, "drunk_licence", "manual", &run, &e), 0);
  json_decref(run);
  json_t *page = list(f, &f->pros, NULL);
  int64_t l1 = lead_of(page, f->p1, NULL), l3 = lead_of(page, f->p3, NULL);
  json_decref(page);
  int64_t audits = scalar(f, "SELECT count(*) FROM audit_log");
  /* refusals: a dismissal without its reason, an unknown result, a lead not confirmed into a suggestion */
  json_t *in = json_pack("{s:s}", "result", "dismissed");
  assert_int_equal(leads_verify(f->db, &f->pros, l1, in, &out, &e), -1);
  assert_int_equal(e.status, 400);
  assert_string_equal(e.field, "note");
  json_decref(in);
  in = json_pack("{s:s}", "result", "maybe");
  assert_int_equal(leads_verify(f->db, &f->pros, l1, in, &out, &e), -1);
  assert_string_equal(e.field, "result");
  json_decref(in);
  in = json_pack("{s:[I], s:I}", "lead_ids", (json_int_t)l1, "agency_id", (json_int_t)f->agencyA);
  assert_int_equal(leads_to_suggestion(f->db, &f->pros, in, &out, &e), -1);
  assert_int_equal(e.status, 422);
  assert_string_equal(e.field, "lead_ids.0");
  json_decref(in);
  assert_int_equal(scalar(f, "SELECT count(*) FROM audit_log"), audits);
  assert_int_equal(scalar(f, "SELECT count(*) FROM suggestion"), 0);
  /* confirm both */
  in = json_pack("{s:s, s:s}", "result", "confirmed", "note", "经向车管所核实，驾驶证仍有效");
  assert_int_equal(leads_verify(f->db, &f->pros, l1, in, &out, &e), 0);
  assert_string_equal(json_string_value(json_object_get(out, "state")), "confirmed");
  json_decref(out);
  assert_int_equal(leads_verify(f->db, &f->pros, l3, in, &out, &e), 0);
  json_decref(out);
  assert_int_equal(leads_verify(f->db, &f->pros, l3, in, &out, &e), -1);
  assert_int_equal(e.status, 409);
  json_decref(in);
  /* a re-run keeps the verified state */
  assert_int_equal(leads_run(f->db, &f->pros, 0, "drunk_licence", "manual", &run, &e), 0);
  json_decref(run);
  page = list(f, &f->pros, "confirmed");
  assert_int_equal(json_integer_value(json_object_get(page, "total")), 2);
  json_decref(page);
  /* another office's agency is refused, nothing written */
  in = json_pack("{s:[I, I], s:I}", "lead_ids", (json_int_t)l1, (json_int_t)l3, "agency_id", (json_int_t)999999);
  assert_int_equal(leads_to_suggestion(f->db, &f->pros, in, &out, &e), -1);
  assert_string_equal(e.field, "agency_id");
  json_decref(in);
  assert_int_equal(scalar(f, "SELECT count(*) FROM suggestion"), 0);
  assert_int_equal(scalar(f, "SELECT count(*) FROM lead WHERE suggestion_id IS NOT NULL"), 0);
  /* both leads → one suggestion, linked both ways */
  in = json_pack("{s:[I, I], s:I}", "lead_ids", (json_int_t)l1, (json_int_t)l3, "agency_id", (json_int_t)f->agencyA);
  assert_int_equal(leads_to_suggestion(f->db, &f->pros, in, &out, &e), 0);
  int64_t sid = json_integer_value(json_object_get(out, "suggestion_id"));
  assert_true(sid > 0);
  json_decref(out);
  assert_int_equal(scalar(f, "SELECT count(*) FROM suggestion"), 1);
  assert_int_equal(scalar(f, "SELECT count(*) FROM suggestion_link WHERE entity_kind = 'lead'"), 2);
  assert_int_equal(scalar(f, "SELECT count(DISTINCT suggestion_id) FROM lead WHERE suggestion_id IS NOT NULL"), 1);
  /* a second time: already in a suggestion */
  assert_int_equal(leads_to_suggestion(f->db, &f->pros, in, &out, &e), -1);
  assert_int_equal(e.status, 422);
  json_decref(in);
  assert_int_equal(scalar(f, "SELECT count(*) FROM suggestion"), 1);
}

static void test_candidates(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *run = NULL, *out = NULL;
  assert_int_equal(leads_run(f->db, &f->pros, 0, "drunk_licence", "manual", &run, &e), 0);
  json_decref(run);
  assert_int_equal(leads_candidates(f->db, &f->pros, "new", 50, 0, &out, &e), 0);
  json_t *c = json_array_get(json_object_get(out, "items"), 0);
  assert_int_equal(json_integer_value(json_object_get(c, "person_id")), f->p6);
  int64_t cid = json_integer_value(json_object_get(c, "id"));
  json_decref(out);
  /* never merged automatically: no lead for P6 until a person confirms the pair */
  json_t *page = list(f, &f->pros, NULL);
  assert_int_equal(lead_of(page, f->p6, NULL), 0);
  json_decref(page);
  json_t *in = json_pack("{s:s}", "result", "confirmed");
  assert_int_equal(leads_candidate_decide(f->db, &f->pros_b, cid, in, &out, &e), -1);
  assert_int_equal(e.status, 404);
  assert_int_equal(leads_candidate_decide(f->db, &f->pros, cid, in, &out, &e), 0);
  json_decref(out);
  assert_int_equal(leads_candidate_decide(f->db, &f->pros, cid, in, &out, &e), -1);
  assert_int_equal(e.status, 409);
  json_decref(in);
  assert_int_equal(leads_run(f->db, &f->pros, 0, "drunk_licence", "manual", &run, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(run, "leads_new")), 1);
  json_decref(run);
  page = list(f, &f->pros, NULL);
  assert_true(lead_of(page, f->p6, NULL) > 0);
  json_decref(page);
}

static void test_model_params(void **state) {
  Fixture *f = *state;
  JwErr e;
  json_t *out = NULL;
  assert_int_equal(leads_models(f->db, &f->manager, &out, &e), 0);
  json_t *m = json_array_get(json_object_get(out, "items"), 0);
  int64_t id = json_integer_value(json_object_get(m, "id"));
  assert_string_equal(json_string_value(json_object_get(m, "code")), "drunk_licence");
  json_decref(out);
  json_t *in = json_pack("{s:{s:i}}", "params", "grace_days", 400);
  assert_int_equal(leads_model_update(f->db, &f->pros, id, in, &out, &e), -1);
  assert_string_equal(e.field, "params.grace_days");
  json_decref(in);
  assert_int_equal(scalar(f, "SELECT count(*) FROM audit_log WHERE action = 'model.update'"), 0);
  /* a grace of 500 days: P1's licence is not due yet */
  in = json_pack("{s:{s:i}}", "params", "grace_days", 365);
  assert_int_equal(leads_model_update(f->db, &f->pros, id, in, &out, &e), 0);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(out, "params"), "grace_days")), 365);
  json_decref(out);
  json_decref(in);
  assert_int_equal(scalar(f, "SELECT count(*) FROM audit_log WHERE action = 'model.update'"), 1);
  in = json_pack("{s:{}}", "params");
  assert_int_equal(leads_model_update(f->db, &f->pros_b, id, in, &out, &e), -1);
  assert_int_equal(e.status, 404);
  json_decref(in);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rule),
      cmocka_unit_test(test_params),
      cmocka_unit_test(test_schedule_delay),
      cmocka_unit_test_setup_teardown(test_run, setup, teardown),
      cmocka_unit_test_setup_teardown(test_verify_and_suggest, setup, teardown),
      cmocka_unit_test_setup_teardown(test_candidates, setup, teardown),
      cmocka_unit_test_setup_teardown(test_model_params, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
