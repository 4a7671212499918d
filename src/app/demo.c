/* demo.c: the demo procuratorate (see demo.h). */
#include "app/demo.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts.h"
#include "app/agencies.h"
#include "app/approvals.h"
#include "app/case_internal.h"
#include "app/cases.h"
#include "app/holidays.h"
#include "app/linkage.h"
#include "core/approvals.h"
#include "core/case_rules.h"
#include "core/idcard.h"
#include "core/period.h"
#include "core/roles.h"
#include "lib/mem.h"
#include "lib/timeutil.h"
#include "store/accounts_store.h"
#include "store/case_search.h"
#include "store/case_store.h"

typedef struct DemoDept {
  const char *zName, *zKind;
} DemoDept;

enum { D_LEADERS, D_FIRST, D_SECOND, D_FAST, D_CASE_MGMT, D_ADMIN_PROS, D_PETITION, D_POLITICAL, D_OFFICE, D_COUNT };

static const DemoDept demo_depts[D_COUNT] = {
    [D_LEADERS] = {"院领导", "leadership"},
    [D_FIRST] = {"第一检察部", "criminal"},
    [D_SECOND] = {"第二检察部", "criminal"},
    [D_FAST] = {"轻微刑事案件办案组", "criminal"},
    [D_CASE_MGMT] = {"案件管理部", "case_management"},
    [D_ADMIN_PROS] = {"行政检察部", "administrative"},
    [D_PETITION] = {"控告申诉检察部", "petition"},
    [D_POLITICAL] = {"政治部", "political"},
    [D_OFFICE] = {"办公室", "office"},
};

typedef struct DemoUser {
  const char *zLogin, *zName, *zRole;
  int dept;
} DemoUser;

static const DemoUser demo_users[] = {
    {"leader", "王检察长", "leader", D_LEADERS},
    {"prosecutor", "李检察官", "prosecutor", D_FIRST},
    {"prosecutor2", "赵检察官", "prosecutor", D_SECOND},
    {"assistant", "陈助理", "assistant", D_FIRST},
    {"anguan", "周案管", "case_manager", D_CASE_MGMT},
    {"xingjian", "吴行政检察官", "admin_prosecutor", D_ADMIN_PROS},
    {"kongshen", "郑控申", "petition_officer", D_PETITION},
    {"zhengzhi", "孙政工", "political_officer", D_POLITICAL},
    {"clerk", "钱书记员", "clerk", D_OFFICE},
    {"buzhang", "冯部长", "department_head", D_FIRST},
    /* more prosecutors, so that rotation has someone to rotate among (not printed) */
    {"hujc", "胡检察官", "prosecutor", D_FIRST},
    {"linjc", "林检察官", "prosecutor", D_FIRST},
    {"hejc", "何检察官", "prosecutor", D_SECOND},
    {"guojc", "郭检察官", "prosecutor", D_SECOND},
    {"majc", "马检察官", "prosecutor", D_FAST},
    {"luojc", "罗检察官", "prosecutor", D_FAST},
    /* the other department heads (部门负责人): they approve what the 权力清单 gives the department head */
    {"erbu", "韩部长", "department_head", D_SECOND},
    {"susai", "蒋组长", "department_head", D_FAST},
};
#define DEMO_PRINTED_USERS 10
#define DEMO_LEADER        0 /* index of the 检察长 in demo_users */

/* Cases per transaction of a bulk load: 1000 on SQLite; on PostgreSQL 8, which keeps a transaction under the 64
 * subtransactions (savepoints) a backend caches (past them every visibility check slows down: measured slower than one
 * transaction per use case with 1000). */
#define DEMO_BATCH_SQLITE 1000
#define DEMO_BATCH_PG     8

/* The bulk path (demo_case_bulk): from DEMO_BULK_FROM cases on (DEMO_PATH_AUTO), all but the newest DEMO_BULK_TAIL
 * random cases, DEMO_BULK_BATCH cases to a transaction (no savepoints: a case that fails fails the load). */
#define DEMO_BULK_FROM  10000
#define DEMO_BULK_TAIL  1000
#define DEMO_BULK_BATCH 10000

/* ---- a small deterministic generator ---------------------------------------------------------------------- */

typedef struct Rng {
  uint64_t s;
} Rng;

static uint32_t rng_next(Rng *r) {
  r->s ^= r->s << 13;
  r->s ^= r->s >> 7;
  r->s ^= r->s << 17;
  return (uint32_t)(r->s >> 11);
}
static int rng_int(Rng *r, int lo, int hi) {
  return lo + (int)(rng_next(r) % (uint32_t)(hi - lo + 1));
}
static int rng_pct(Rng *r, int pct) {
  return rng_int(r, 1, 100) <= pct;
}

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                       "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "郑",
                                       "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭",
                                       "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "叶"};
static const char *const given[] = {"伟",   "芳",   "娜",   "敏",   "静",   "强",   "磊",   "军",   "洋",
                                    "勇",   "艳",   "杰",   "涛",   "明",   "超",   "霞",   "平",   "刚",
                                    "建华", "志强", "海燕", "晓东", "国庆", "春梅", "立新", "文斌", "丽娟",
                                    "永康", "建平", "雪梅", "小龙", "红霞", "宇航", "子豪", "浩然"};
/* The office's list of agencies (移送机关): the county's police (bureau, its 大队 and 派出所), the 监察委员会 (职务犯罪
 * cases), the city's bureau. Cases are registered from the first DEMO_CASE_AGENCIES (the police); the others are on
 * the list from the start, as an office keeps them. */
static const char *const agencies[] = {
    "缙云县公安局",
    "缙云县公安局交通警察大队",
    "缙云县公安局壶镇派出所",
    "缙云县森林公安局",
    "缙云县公安局五云派出所",
    "缙云县公安局新建派出所",
    "缙云县公安局东渡派出所",
    "缙云县公安局刑事侦查大队",
    "缙云县公安局禁毒大队",
    "缙云县公安局经济犯罪侦查大队",
    "缙云县公安局治安管理大队",
    "缙云县监察委员会",
    "丽水市公安局",
    "丽水市监察委员会",
};
#define DEMO_CASE_AGENCIES 10

/* Charges weighted roughly as a county office sees them: 危险驾驶, 盗窃, 帮信 and 诈骗 lead. */
static const char *const charge_pool[] = {"dangerous_driving",
                                          "dangerous_driving",
                                          "dangerous_driving",
                                          "dangerous_driving",
                                          "theft",
                                          "theft",
                                          "theft",
                                          "aiding_cybercrime",
                                          "aiding_cybercrime",
                                          "fraud",
                                          "fraud",
                                          "intentional_injury",
                                          "picking_quarrels",
                                          "traffic_accident",
                                          "gambling_den",
                                          "concealing_proceeds",
                                          "drug_trafficking",
                                          "affray",
                                          "illegal_logging",
                                          "refusing_to_pay_wages",
                                          "extortion",
                                          "contract_fraud"};
static const char *const light_charges[] = {"dangerous_driving", "theft", "aiding_cybercrime", "intentional_injury"};

/* A valid 公民身份号码 of someone registered in 缙云县 (331122), born between 1960 and 2005. */
static void demo_id_number(Rng *r, char out[19]) {
  int y = rng_int(r, 1960, 2005), m = rng_int(r, 1, 12), d = rng_int(r, 1, 28);
  snprintf(out, 19, "331122%04d%02d%02d%03d", y, m, d, rng_int(r, 1, 999));
  out[17] = idcard_check_char(out);
  out[18] = 0;
}

/* ---- organisation and users ------------------------------------------------------------------------------- */

static int demo_users_create(Db *db, const Actor *admin, const int64_t *aDept, int64_t *aUserId, FILE *fp, JwErr *e) {
  for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
    const DemoUser *u = &demo_users[i];
    json_t *in = json_pack("{s:s, s:s, s:I, s:[s], s:s}", "login", u->zLogin, "name", u->zName, "department_id",
                           (json_int_t)aDept[u->dept], "roles", u->zRole, "password", DEMO_PASSWORD),
           *out = NULL;
    int rc = accounts_user_create(db, admin, in, &out, e);
    json_decref(in);
    if (rc) return -1;
    aUserId[i] = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    if (i < DEMO_PRINTED_USERS) fprintf(fp, "  %-12s %s（%s）\n", u->zLogin, u->zName, u->zRole);
  }
  return 0;
}

/* ---- cases ------------------------------------------------------------------------------------------------ */

/* The actor of a handling prosecutor: their id, department and permissions. */
static Actor demo_actor(Db *db, int64_t orgId, int64_t userId) {
  json_t *u = user_store_get(db, orgId, userId);
  Actor a = {.userId = userId,
             .orgId = orgId,
             .zLogin = "demo",
             .perms = user_store_permissions(db, userId),
             .departmentId = json_integer_value(json_object_get(u, "department_id"))};
  json_decref(u);
  return a;
}

/* The handling prosecutors' actors, read once each (a bulk load asks for them at every case). */
static struct {
  int64_t aId[32];
  Actor aActor[32];
  int n;
} demo_handlers;

static Actor demo_handler(Db *db, int64_t orgId, int64_t userId) {
  for (int i = 0; i < demo_handlers.n; i++) {
    if (demo_handlers.aId[i] == userId) return demo_handlers.aActor[i];
  }
  Actor a = demo_actor(db, orgId, userId);
  if (demo_handlers.n < 32) {
    demo_handlers.aId[demo_handlers.n] = userId;
    demo_handlers.aActor[demo_handlers.n++] = a;
  }
  return a;
}

/* Who approves in the demo office: the 检察长, and the head of each department (user id 0: none). */
typedef struct DemoApprovers {
  Actor chief;
  int64_t aHead[D_COUNT];
  Actor aHeadActor[D_COUNT]; /* the actor of aHead[i] (read once) */
  int leavePending; /* this case's proposals stay in the queue (recent cases: the leader's queue is not empty) */
} DemoApprovers;
static DemoApprovers demo_approvers;

/* The pending approval of a case the last event proposed: its id, department and approver. 0 when none. */
static int64_t demo_pending_approval(Db *db, const Actor *a, int64_t caseId, int64_t *pDept, int *pChief) {
  json_t *items = approvals_for_record(db, a, "case", caseId), *ap;
  size_t i;
  int64_t id = 0;
  json_array_foreach(items, i, ap) {
    if (strcmp(json_string_value(json_object_get(ap, "status")), "pending") != 0) continue;
    id = json_integer_value(json_object_get(ap, "id"));
    *pDept = json_integer_value(json_object_get(ap, "department_id"));
    *pChief = strcmp(json_string_value(json_object_get(ap, "approver")), "department_head") != 0;
  }
  json_decref(items);
  return id;
}

/* Posts one event (nothing is read back: a bulk load); a decision the 权力清单 sends for approval is approved at once,
 * on the same legal date, by the department head or the 检察长 (as most are). 0 when it took effect, 1 when it waits
 * for approval (demo_approvers.leavePending), -1 when the rules refused it (which the generator treats as "this case
 * stops here"). */
static int demo_event(Db *db, const Actor *a, int64_t caseId, json_t *in) {
  JwErr e;
  int status = 0;
  int rc = cases_event(db, a, caseId, in, NULL, &status, &e);
  if (!rc && status == 202 && demo_approvers.leavePending) {
    json_decref(in);
    return 1; /* waits for the 检察长 or the department head, as a few always do */
  }
  if (!rc && status == 202) {
    int64_t dept = 0;
    int chief = 1;
    int64_t apId = demo_pending_approval(db, a, caseId, &dept, &chief);
    Actor approver = demo_approvers.chief;
    for (int i = 0; !chief && i < D_COUNT; i++) {
      if (demo_approvers.aHead[i] && demo_approvers.aHeadActor[i].departmentId == dept) {
        approver = demo_approvers.aHeadActor[i];
      }
    }
    json_t *body = json_pack("{s:s}", "on", json_string_value(json_object_get(in, "on"))), *done = NULL;
    rc = apId ? approvals_approve(db, &approver, apId, body, &done, &e) : -1;
    json_decref(body);
    json_decref(done);
  }
  json_decref(in);
  return rc ? -1 : 0;
}

static void demo_date(JwDate d, char out[11]) {
  date_format(d, out);
}

/* The sentence of a judgment. */
static const char *demo_sentence(Rng *r) {
  return rng_pct(r, 50) ? "拘役三个月，缓刑六个月，并处罚金人民币五千元" : "有期徒刑一年，并处罚金人民币一万元";
}

/* Registers one case received on `received` and moves it along as far as its age allows. */
static int demo_case(Db *db, Rng *r, const Actor *registrar, const int64_t *aDept, JwDate received, JwDate today,
                     JwErr *e) {
  int pick = rng_int(r, 1, 100);
  const char *zType = pick <= 58   ? "prosecution_review"
                      : pick <= 90 ? "arrest_review"
                      : pick <= 95 ? "custody_necessity"
                      : pick <= 98 ? "arrest_decision"
                                   : "complaint_review";
  int prosecution = strcmp(zType, "prosecution_review") == 0, arrest = strncmp(zType, "arrest", 6) == 0;
  int nPersons = rng_pct(r, 80) ? 1 : rng_int(r, 2, 3);
  json_t *persons = json_array();
  char zTitle[160] = "", zFirstName[32] = "";
  const char *zMainCharge = charge_pool[rng_int(r, 0, (int)(sizeof charge_pool / sizeof charge_pool[0]) - 1)];
  int light = 0;
  for (size_t k = 0; k < sizeof light_charges / sizeof light_charges[0]; k++)
    light |= strcmp(zMainCharge, light_charges[k]) == 0;
  for (int i = 0; i < nPersons; i++) {
    char zName[32], zId[19], zSince[11];
    const char *zSurname = surnames[rng_int(r, 0, (int)(sizeof surnames / sizeof surnames[0]) - 1)];
    snprintf(zName, sizeof zName, "%s某%s", zSurname,
             i ? given[rng_int(r, 0, (int)(sizeof given / sizeof given[0]) - 1)] : "");
    if (i == 0) snprintf(zFirstName, sizeof zFirstName, "%s", zName);
    demo_id_number(r, zId);
    const char *zCustody = arrest           ? (rng_pct(r, 85) ? "detained" : "bail")
                           : rng_pct(r, 35) ? "arrested"
                           : rng_pct(r, 90) ? "bail"
                                            : "residential";
    demo_date(received - rng_int(r, 1, 20), zSince);
    int plea = prosecution ? rng_pct(r, 82) : rng_pct(r, 50);
    const char *zBand = light ? (rng_pct(r, 70) ? "under_1y" : "1_3y") : (rng_pct(r, 60) ? "1_3y" : "3_10y");
    if (strcmp(zMainCharge, "dangerous_driving") == 0) zBand = rng_pct(r, 80) ? "under_1y" : "fine_only";
    json_array_append_new(persons, json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:[s]}", "name", zName, "id_number", zId,
                                             "custody", zCustody, "custody_since", zSince, "plea", plea,
                                             "sentence_band", zBand, "charges", zMainCharge));
  }
  const Charge *ch = charge_by_code(zMainCharge);
  snprintf(zTitle, sizeof zTitle, "%s%s%s案", zFirstName, nPersons > 1 ? "等" : "", ch ? ch->zName : "");
  /* strip the trailing 罪 of the charge name: 张某危险驾驶案 */
  char *zZui = strstr(zTitle, "罪案");
  if (zZui) memmove(zZui, zZui + strlen("罪"), strlen(zZui + strlen("罪")) + 1);
  char zReceived[11];
  demo_date(received, zReceived);
  /* drawn in this order (the bulk path draws the same: a function's arguments have no order of evaluation) */
  const char *zAgency = agencies[rng_int(r, 0, DEMO_CASE_AGENCIES - 1)];
  int64_t deptId = aDept[rng_pct(r, 50) ? D_FIRST : D_SECOND];
  int major = rng_pct(r, 8);
  json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:b, s:o}", "case_type", zType, "title", zTitle,
                         "source_agency", zAgency, "received_on", zReceived, "department_id", (json_int_t)deptId,
                         "assign", "rotation", "major_complex", major, "persons", persons);
  json_t *c = NULL;
  int rc = cases_register(db, registrar, in, &c, e);
  json_decref(in);
  if (rc) return -1;
  int64_t caseId = json_integer_value(json_object_get(c, "id"));
  Actor handler = demo_handler(db, registrar->orgId, json_integer_value(json_object_get(c, "prosecutor_id")));
  int underReview = 1; /* the case's status as the events leave it (nothing is read back) */
  JwDate clock = received;
  char zOn[11];
  demo_approvers.leavePending = today - received < 60 && rng_pct(r, 60);
  /* a few recent cases are left alone past their deadline: the overdue ones 案管 chases this month */
  if (today - received < 45 && rng_pct(r, 12)) {
    json_decref(c);
    return 0;
  }
  if (json_is_true(json_object_get(c, "major_complex")) && today - clock > 20) {
    demo_date(clock + rng_int(r, 10, 20), zOn);
    demo_event(db, &handler, caseId,
               json_pack("{s:s, s:s, s:s}", "kind", "extend", "on", zOn, "reason", "案情重大复杂，需延长审查期限"));
  }
  /* 退回补充侦查 for some prosecution reviews, and the police resubmit within the month */
  for (int round = 0; prosecution && round < 2 && rng_pct(r, round ? 25 : 18); round++) {
    JwDate ret = clock + rng_int(r, 12, 25);
    if (ret > today) break;
    demo_date(ret, zOn);
    int st = demo_event(
        db, &handler, caseId,
        json_pack("{s:s, s:s, s:s}", "kind", "return", "on", zOn, "reason", "部分事实不清、证据不足，退回补充侦查"));
    if (st) break; /* refused, or the return waits for approval: still under review */
    underReview = 0;
    JwDate back = ret + rng_int(r, 15, 30);
    if (back > today) break;
    demo_date(back, zOn);
    if (demo_event(db, &handler, caseId, json_pack("{s:s, s:s}", "kind", "resubmit", "on", zOn))) break;
    underReview = 1;
    clock = back;
  }
  if (!underReview) {
    json_decref(c);
    return 0;
  }
  /* decisions, within the period for most cases */
  JwDate decided = clock + (arrest ? rng_int(r, 3, 6) : prosecution ? rng_int(r, 8, 28) : rng_int(r, 5, 12));
  if (decided > today) {
    json_decref(c);
    return 0;
  }
  demo_date(decided, zOn);
  json_t *ps = json_deep_copy(json_object_get(c, "persons"));
  size_t i;
  json_t *p;
  json_array_foreach(ps, i, p) {
    json_t *ev = json_pack("{s:s, s:s, s:I, s:s}", "kind", "decide", "on", zOn, "person_id",
                           json_integer_value(json_object_get(p, "id")), "reason", "经审查，事实清楚，依法作出决定");
    if (arrest) {
      json_object_set_new(ev, "decision", json_string(rng_pct(r, 78) ? "approve_arrest" : "reject_arrest"));
    } else if (prosecution) {
      int np = rng_pct(r, 24);
      json_object_set_new(ev, "decision", json_string(np ? "non_prosecution" : "prosecute"));
      if (np) {
        int t = rng_int(r, 1, 100);
        json_object_set_new(ev, "non_prosecution_type",
                            json_string(t <= 66   ? "discretionary"
                                        : t <= 88 ? "evidentiary"
                                                  : "statutory"));
      }
    } else if (strcmp(zType, "custody_necessity") == 0) {
      json_object_set_new(ev, "decision", json_string(rng_pct(r, 60) ? "release" : "maintain"));
    } else {
      json_object_set_new(ev, "decision", json_string(rng_pct(r, 85) ? "uphold" : "revoke"));
    }
    demo_event(db, &handler, caseId, ev);
  }
  /* judgments for prosecuted persons, some weeks later */
  JwDate judged = decided + rng_int(r, 25, 60);
  if (prosecution && judged <= today && rng_pct(r, 75)) {
    demo_date(judged, zOn);
    json_array_foreach(ps, i, p) {
      if (!rng_pct(r, 100)) continue;
      const char *zSentence = demo_sentence(r);
      int adopted = rng_pct(r, 92), consistent = rng_pct(r, 97);
      json_t *ev = json_pack("{s:s, s:s, s:I, s:s, s:b, s:b}", "kind", "judgment", "on", zOn, "person_id",
                             json_integer_value(json_object_get(p, "id")), "sentence", zSentence,
                             "recommendation_adopted", adopted, "consistent", consistent);
      demo_event(db, &handler, caseId, ev);
    }
  }
  json_decref(ps);
  /* 卷宗一月一归档: most files are archived within the month, a few late, some not yet */
  JwDate archived = decided + (rng_pct(r, 90) ? rng_int(r, 5, 28) : rng_int(r, 32, 45));
  if (archived <= today) {
    demo_date(archived, zOn);
    demo_event(db, &handler, caseId, json_pack("{s:s, s:s}", "kind", "archive", "on", zOn));
  }
  json_decref(c);
  return 0;
}

/* ---- the bulk path (demo_populate with bulk on: a large office) ------------------------------------------ */

/* The same story as demo_case() (the same draws from the generator in the same order, so the same cases, persons,
 * dates and decisions), written straight to the store: the case is registered as cases_register() writes it (number
 * from the office's sequence and format, persons with charges and custody history, rotation inside the department,
 * the fast-track rule), every event is checked by the same core rules on a CaseState held in memory (no read back)
 * and changes the rows as its apply function in case_events.c does, then the deadlines are derived from that state
 * (case_state_derive: case_deadlines() on the calendar in force) and written as case_refresh() writes them, and one
 * audit row per case (case.register, the case as it ends) keeps the chain. What the bulk path does not write: the
 * approvals the 权力清单 sends to the department head or the 检察长 (a decision takes effect on its legal date as the
 * approval would make it, without the approval row and the 已提请审批 note), and the proposals of the recent cases
 * the per-case path leaves pending (the bulk path leaves those steps out). The search documents are built per batch
 * (case_search_rebuild_range). */

typedef struct BulkCase {
  Db *db;
  const Actor *registrar, *handler;
  const JwCalendar *cal;
  CaseState *st; /* the case as the rows now are */
  char zNow[32];
  int leavePending;
} BulkCase;

/* The demo office's fast-track rule (demo_populate sets it: the light charges, 认罪认罚, at most 1_3y) for persons. */
static int bulk_fast_track(const PersonInput *aP, int nP) {
  for (int i = 0; i < nP; i++) {
    if (!aP[i].plea || !aP[i].zSentenceBand || sentence_band_rank(aP[i].zSentenceBand) > sentence_band_rank("1_3y"))
      return 0;
    size_t k;
    json_t *c;
    json_array_foreach(aP[i].charges, k, c) {
      int found = 0;
      for (size_t j = 0; j < sizeof light_charges / sizeof light_charges[0]; j++)
        found |= strcmp(json_string_value(c), light_charges[j]) == 0;
      if (!found) return 0;
    }
  }
  return 1;
}

/* approvals_required() of each decision kind, read once per load (it parses the office's 权力清单 setting; the load
 * does not change it). */
static struct {
  int64_t orgId;
  int aKnown[32];
  Approver aApprover[32];
} bulk_approvers;

static Approver bulk_approver(Db *db, int64_t orgId, const char *zDecisionKind) {
  const DecisionKindRule *k = decision_kind_by_code(zDecisionKind);
  int i = k ? (int)(k - decision_kinds) : -1;
  if (i < 0 || i >= 32) return approvals_required(db, orgId, zDecisionKind);
  if (bulk_approvers.orgId != orgId) memset(&bulk_approvers, 0, sizeof bulk_approvers), bulk_approvers.orgId = orgId;
  if (!bulk_approvers.aKnown[i]) {
    bulk_approvers.aApprover[i] = approvals_required(db, orgId, zDecisionKind);
    bulk_approvers.aKnown[i] = 1;
  }
  return bulk_approvers.aApprover[i];
}

/* Rotation (轮案) as case_store_rotation_pick() picks, kept in memory: in the department, the prosecutor whose latest
 * case there is the oldest (one without a case first), then by id. The SQL pick reads every case of the department
 * for each of its prosecutors (case_record_department has no prosecutor column), which grows with the office: at a
 * million cases it is most of the load's time. The demo's prosecutors (demo_users) start with no case. */
static struct {
  int64_t aDept[32], aUser[32], aLast[32];
  int n;
} bulk_rotation;

static void bulk_rotation_init(const int64_t *aDept, const int64_t *aUserId) {
  memset(&bulk_rotation, 0, sizeof bulk_rotation);
  for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0] && bulk_rotation.n < 32; i++) {
    if (strcmp(demo_users[i].zRole, "prosecutor") != 0) continue;
    bulk_rotation.aDept[bulk_rotation.n] = aDept[demo_users[i].dept];
    bulk_rotation.aUser[bulk_rotation.n++] = aUserId[i];
  }
}

static int64_t bulk_rotation_pick(int64_t deptId) {
  int best = -1;
  for (int i = 0; i < bulk_rotation.n; i++) {
    if (bulk_rotation.aDept[i] != deptId) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    int64_t l = bulk_rotation.aLast[i], bl = bulk_rotation.aLast[best];
    int earlier = l == 0 ? bl != 0 : bl != 0 && l < bl; /* NULLS FIRST, then the older latest case */
    if (earlier || (l == bl && bulk_rotation.aUser[i] < bulk_rotation.aUser[best])) best = i;
  }
  return best < 0 ? 0 : bulk_rotation.aUser[best];
}

static void bulk_rotation_took(int64_t userId, int64_t caseId) {
  for (int i = 0; i < bulk_rotation.n; i++) {
    if (bulk_rotation.aUser[i] == userId) bulk_rotation.aLast[i] = caseId;
  }
}

/* One custody change of person i, in the rows and in the state (case_store_person_set_custody). */
static int bulk_set_custody(BulkCase *b, int i, const char *zCustody, JwDate on, const char *zOn) {
  CaseState *st = b->st;
  if (case_store_person_set_custody(b->db, st->c.orgId, st->c.id, st->aP[i].id, zCustody, zOn)) return -1;
  snprintf(st->aP[i].zCustody, sizeof st->aP[i].zCustody, "%s", zCustody);
  CasePersonFacts *pf = &st->aPF[i];
  if (pf->nCustody < CASE_MAX_CUSTODY) {
    pf->aCustody[pf->nCustody++] =
        (CustodyChange){.on = on, .inCustody = custody_is_in_custody(zCustody), .measure = custody_measure(zCustody)};
  }
  return 0;
}

/* Records one event as case_event_run() does when it takes effect (see above). in is consumed. 0 taken, 1 left out
 * (a proposal the per-case path would leave pending), -1 refused by the rules (nothing written), -2 database error
 * (e filled). */
static int bulk_event(BulkCase *b, json_t *in, JwErr *e) {
  CaseState *st = b->st;
  CaseEventKind kind = EVENT_KIND_COUNT;
  for (int k = 0; k < EVENT_KIND_COUNT; k++) {
    if (strcmp(case_event_code((CaseEventKind)k), json_string_value(json_object_get(in, "kind"))) == 0)
      kind = (CaseEventKind)k;
  }
  const char *zOn = json_string_value(json_object_get(in, "on"));
  JwDate on = 0;
  date_parse(zOn, 10, &on);
  int64_t personId = json_integer_value(json_object_get(in, "person_id"));
  int pi = -1;
  for (int i = 0; i < st->nP; i++) {
    if (st->aP[i].id == personId) pi = i;
  }
  int rc = 0;
  const char *zField = NULL, *zDecision = json_string_value(json_object_get(in, "decision"));
  if (case_state_derive(st, b->cal, e)) rc = -1;
  if (!rc && case_check_event(&st->f, kind, on, &zField)) rc = -1;
  if (!rc && pi >= 0) {
    PersonEventInput pin = {zDecision, json_string_value(json_object_get(in, "non_prosecution_type")),
                            json_string_value(json_object_get(in, "instance")), 0, 0};
    if (case_check_person_event(&st->f, &st->aPF[pi], kind, on, &pin, &zField)) rc = -1;
    if (!rc && kind == EVENT_DECIDE && !case_decision_allowed(st->f.type, zDecision)) rc = -1;
  }
  /* a decision of the 权力清单 the handler may not take alone is proposed: left out where the per-case path leaves
   * the proposal pending, else taken on its legal date in the approver's name (as cases_apply_approved does) */
  const char *zDecisionKind = NULL;
  if (kind == EVENT_EXTEND) zDecisionKind = "extend";
  else if (kind == EVENT_RETURN) zDecisionKind = "return";
  else if (kind == EVENT_DECIDE && strcmp(zDecision, "non_prosecution") == 0) zDecisionKind = "non_prosecution";
  else if (kind == EVENT_DECIDE && strcmp(zDecision, "prosecute") == 0) zDecisionKind = "prosecute";
  else if (kind == EVENT_DECIDE && strcmp(zDecision, "approve_arrest") == 0) zDecisionKind = "approve_arrest";
  else if (kind == EVENT_DECIDE && strcmp(zDecision, "reject_arrest") == 0) {
    zDecisionKind = case_person_in_custody_on(&st->aPF[pi], on) ? "reject_arrest_detained" : "reject_arrest";
  } else if (kind == EVENT_DECIDE && (strcmp(zDecision, "release") == 0 || strcmp(zDecision, "maintain") == 0)) {
    zDecisionKind = "custody_necessity";
  } else if (kind == EVENT_DECIDE) zDecisionKind = "complaint_review";
  Approver approver = !rc && zDecisionKind ? bulk_approver(b->db, st->c.orgId, zDecisionKind) : APPROVER_NONE;
  if (!rc && approver != APPROVER_NONE && b->leavePending) rc = 1;
  if (rc) {
    json_decref(in);
    return rc;
  }
  const Actor *who = b->handler;
  if (approver == APPROVER_CHIEF) who = &demo_approvers.chief;
  for (int i = 0; approver == APPROVER_DEPARTMENT_HEAD && i < D_COUNT; i++) {
    if (demo_approvers.aHead[i] && demo_approvers.aHeadActor[i].departmentId == st->c.departmentId)
      who = &demo_approvers.aHeadActor[i];
  }
  if (approver == APPROVER_DEPARTMENT_HEAD && who == b->handler) who = &demo_approvers.chief;
  CaseRow *c = &st->c;
  CaseHistory *h = &st->h;
  switch (kind) {
    case EVENT_EXTEND:
      h->aExtendedSet[h->nReturns] = 1;
      break;
    case EVENT_RETURN:
      snprintf(c->zStatus, sizeof c->zStatus, "returned");
      h->aReturn[h->nReturns] = on;
      h->aResubmit[h->nReturns++] = 0;
      break;
    case EVENT_RESUBMIT:
      snprintf(c->zStatus, sizeof c->zStatus, "under_review");
      h->aResubmit[h->nReturns - 1] = on;
      break;
    case EVENT_DECIDE: {
      PersonRow *p = &st->aP[pi];
      const char *zNpt = json_string_value(json_object_get(in, "non_prosecution_type"));
      if (case_store_person_decide(b->db, c->id, p->id, zDecision, zNpt, zOn, NULL, 0)) rc = -2;
      snprintf(p->zDecision, sizeof p->zDecision, "%s", zDecision);
      snprintf(p->zNpType, sizeof p->zNpType, "%s", zNpt ? zNpt : "");
      memcpy(p->zDecisionOn, zOn, 11);
      if (!rc && case_decision_releases(zDecision) && case_person_in_custody_on(&st->aPF[pi], on)) {
        json_t *data = json_pack("{s:s, s:s}", "custody", "released", "rule",
                                 "刑事诉讼法第一百七十八条：被不起诉人在押的，应当立即释放");
        if (bulk_set_custody(b, pi, "released", on, zOn) ||
            case_store_event_insert(b->db, c->orgId, c->id, "custody_released", zOn, p->id, data, who->userId,
                                    b->zNow) < 0) {
          rc = -2;
        }
        json_decref(data);
      }
      if (!rc && strcmp(zDecision, "approve_arrest") == 0 && bulk_set_custody(b, pi, "arrested", on, zOn)) rc = -2;
      /* a 不起诉 opens the person's 行刑反向衔接 item, as the case capability does (no 附条件不起诉 in the stories) */
      if (!rc && strcmp(zDecision, "non_prosecution") == 0) {
        LinkageOpen lo = {c->id, p->id, c->prosecutorId, zNpt, zOn};
        if (linkage_open(b->db, who, &lo, e)) rc = -2;
      }
      if (st->f.undecidedPersons == 1) { /* no 附条件不起诉 in the demo's stories */
        snprintf(c->zStatus, sizeof c->zStatus, "concluded");
        memcpy(c->zConcluded, zOn, 11);
        for (int i = 0; i < st->nP; i++) {
          if (st->aP[i].zDecisionOn[0] && strcmp(st->aP[i].zDecisionOn, c->zConcluded) > 0)
            memcpy(c->zConcluded, st->aP[i].zDecisionOn, 11);
        }
      }
      break;
    }
    case EVENT_JUDGMENT:
      if (case_store_person_judgment(b->db, c->id, personId, zOn, json_string_value(json_object_get(in, "sentence")),
                                     json_is_true(json_object_get(in, "recommendation_adopted")),
                                     json_is_true(json_object_get(in, "consistent")), "first")) {
        rc = -2;
      }
      st->aP[pi].judged = 1;
      break;
    case EVENT_ARCHIVE:
      snprintf(c->zStatus, sizeof c->zStatus, "archived");
      memcpy(c->zArchived, zOn, 11);
      break;
    default:
      break;
  }
  json_t *data = json_deep_copy(in);
  json_object_del(data, "kind");
  json_object_del(data, "on");
  json_object_del(data, "person_id");
  if (approver != APPROVER_NONE) {
    json_object_set_new(data, "proposed_by", json_integer(b->handler->userId));
    json_object_set_new(data, "approved_by", json_integer(who->userId));
  }
  if (!rc && case_store_event_insert(b->db, c->orgId, c->id, case_event_code(kind), zOn, personId, data, who->userId,
                                     b->zNow) < 0) {
    rc = -2;
  }
  json_decref(data);
  json_decref(in);
  if (rc) err_internal(e, db_errmsg(b->db));
  return rc;
}

/* demo_case() through the bulk path: the same draws, the rows written directly (see above). */
static int demo_case_bulk(Db *db, Rng *r, const Actor *registrar, const int64_t *aDept, const JwCalendar *cal,
                          const char *zFormat, const char *zShort, JwDate received, JwDate today, int64_t *pId,
                          JwErr *e) {
  int pick = rng_int(r, 1, 100);
  const char *zType = pick <= 58   ? "prosecution_review"
                      : pick <= 90 ? "arrest_review"
                      : pick <= 95 ? "custody_necessity"
                      : pick <= 98 ? "arrest_decision"
                                   : "complaint_review";
  int prosecution = strcmp(zType, "prosecution_review") == 0, arrest = strncmp(zType, "arrest", 6) == 0;
  int nPersons = rng_pct(r, 80) ? 1 : rng_int(r, 2, 3);
  json_t *persons = json_array();
  char zTitle[160] = "", zFirstName[32] = "";
  const char *zMainCharge = charge_pool[rng_int(r, 0, (int)(sizeof charge_pool / sizeof charge_pool[0]) - 1)];
  int light = 0;
  for (size_t k = 0; k < sizeof light_charges / sizeof light_charges[0]; k++)
    light |= strcmp(zMainCharge, light_charges[k]) == 0;
  for (int i = 0; i < nPersons; i++) {
    char zName[32], zId[19], zSince[11];
    const char *zSurname = surnames[rng_int(r, 0, (int)(sizeof surnames / sizeof surnames[0]) - 1)];
    snprintf(zName, sizeof zName, "%s某%s", zSurname,
             i ? given[rng_int(r, 0, (int)(sizeof given / sizeof given[0]) - 1)] : "");
    if (i == 0) snprintf(zFirstName, sizeof zFirstName, "%s", zName);
    demo_id_number(r, zId);
    const char *zCustody = arrest           ? (rng_pct(r, 85) ? "detained" : "bail")
                           : rng_pct(r, 35) ? "arrested"
                           : rng_pct(r, 90) ? "bail"
                                            : "residential";
    demo_date(received - rng_int(r, 1, 20), zSince);
    int plea = prosecution ? rng_pct(r, 82) : rng_pct(r, 50);
    const char *zBand = light ? (rng_pct(r, 70) ? "under_1y" : "1_3y") : (rng_pct(r, 60) ? "1_3y" : "3_10y");
    if (strcmp(zMainCharge, "dangerous_driving") == 0) zBand = rng_pct(r, 80) ? "under_1y" : "fine_only";
    json_array_append_new(persons, json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:[s]}", "name", zName, "id_number", zId,
                                             "custody", zCustody, "custody_since", zSince, "plea", plea,
                                             "sentence_band", zBand, "charges", zMainCharge));
  }
  const Charge *ch = charge_by_code(zMainCharge);
  snprintf(zTitle, sizeof zTitle, "%s%s%s案", zFirstName, nPersons > 1 ? "等" : "", ch ? ch->zName : "");
  char *zZui = strstr(zTitle, "罪案");
  if (zZui) memmove(zZui, zZui + strlen("罪"), strlen(zZui + strlen("罪")) + 1);
  const char *zAgency = agencies[rng_int(r, 0, DEMO_CASE_AGENCIES - 1)];
  int64_t deptId = aDept[rng_pct(r, 50) ? D_FIRST : D_SECOND];
  int major = rng_pct(r, 8);

  /* the registration, as cases_register() writes it */
  CaseState *st = xcalloc(1, sizeof *st);
  BulkCase b = {db, registrar, NULL, cal, st, "", 0};
  time_now_iso(b.zNow);
  PersonInput aP[3];
  int rc = 0;
  for (int i = 0; i < nPersons && !rc; i++) rc = case_person_parse(json_array_get(persons, (size_t)i), &aP[i], e);
  CaseRow *c = &st->c;
  c->orgId = registrar->orgId;
  snprintf(c->zType, sizeof c->zType, "%s", zType);
  snprintf(c->zTitle, sizeof c->zTitle, "%s", zTitle);
  snprintf(c->zStatus, sizeof c->zStatus, "under_review");
  demo_date(received, c->zReceived);
  c->majorComplex = major;
  int fastTrack = !rc && prosecution && bulk_fast_track(aP, nPersons);
  if (fastTrack) deptId = aDept[D_FAST];
  c->summaryProcedure = fastTrack;
  c->departmentId = deptId;
  if (!rc && !(c->prosecutorId = bulk_rotation_pick(deptId))) rc = err_internal(e, "demo: no prosecutor to rotate to");
  int y, m, d;
  date_to_ymd(received, &y, &m, &d);
  int64_t seq = rc ? 0 : case_store_next_sequence(db, c->orgId, y, zType);
  if (!rc && (seq < 0 || case_format_number(zFormat, zShort, case_type_by_code(zType)->zAbbr, y, seq, c->zNumber,
                                            sizeof c->zNumber))) {
    rc = err_internal(e, db_errmsg(db));
  }
  if (!rc && (c->id = case_store_insert(db, c, zTitle, zAgency, NULL, b.zNow)) < 0) rc = err_internal(e, db_errmsg(db));
  if (!rc) bulk_rotation_took(c->prosecutorId, c->id);
  for (int i = 0; i < nPersons && !rc; i++) {
    PersonRow *p = &st->aP[i];
    if ((p->id = case_person_insert(db, c->orgId, c->id, &aP[i], c->zReceived, e)) < 0) {
      rc = -1;
      break;
    }
    snprintf(p->zName, sizeof p->zName, "%s", aP[i].zName);
    snprintf(p->zIdNumber, sizeof p->zIdNumber, "%s", aP[i].zIdNumber);
    snprintf(p->zBirth, sizeof p->zBirth, "%s", aP[i].zBirth);
    snprintf(p->zCustody, sizeof p->zCustody, "%s", aP[i].zCustody);
    p->plea = aP[i].plea;
    snprintf(p->zSentenceBand, sizeof p->zSentenceBand, "%s", aP[i].zSentenceBand ? aP[i].zSentenceBand : "");
    CasePersonFacts *pf = &st->aPF[i];
    pf->id = p->id;
    for (int k = 0; k < aP[i].nCustody && pf->nCustody < CASE_MAX_CUSTODY; k++) {
      JwDate from = 0;
      date_parse(aP[i].aCustody[k].zFrom, 10, &from);
      pf->aCustody[pf->nCustody++] = (CustodyChange){.on = from,
                                                     .inCustody = custody_is_in_custody(aP[i].aCustody[k].zCustody),
                                                     .measure = custody_measure(aP[i].aCustody[k].zCustody)};
    }
    if (!aP[i].nCustody) {
      pf->aCustody[pf->nCustody++] = (CustodyChange){.on = received,
                                                     .inCustody = custody_is_in_custody(aP[i].zCustody),
                                                     .measure = custody_measure(aP[i].zCustody)};
    }
    st->nP++;
  }
  if (!rc) {
    json_t *data = json_pack("{s:s, s:b, s:b}", "assign", "rotation", "fast_track", fastTrack, "summary_procedure",
                             c->summaryProcedure);
    if (case_store_event_insert(db, c->orgId, c->id, "register", c->zReceived, 0, data, registrar->userId, b.zNow) < 0)
      rc = err_internal(e, db_errmsg(db));
    json_decref(data);
  }
  json_decref(persons);
  if (rc) {
    case_state_free(st);
    return -1;
  }
  Actor handler = demo_handler(db, registrar->orgId, c->prosecutorId);
  b.handler = &handler;
  *pId = c->id;

  /* the story: demo_case()'s, draw for draw */
  int underReview = 1;
  JwDate clock = received;
  char zOn[11];
  b.leavePending = today - received < 60 && rng_pct(r, 60);
  int quiet = today - received < 45 && rng_pct(r, 12);
  int st1;
  if (!quiet && major && today - clock > 20) {
    demo_date(clock + rng_int(r, 10, 20), zOn);
    if (bulk_event(&b,
                   json_pack("{s:s, s:s, s:s}", "kind", "extend", "on", zOn, "reason", "案情重大复杂，需延长审查期限"),
                   e) == -2)
      goto fail;
  }
  for (int round = 0; !quiet && prosecution && round < 2 && rng_pct(r, round ? 25 : 18); round++) {
    JwDate ret = clock + rng_int(r, 12, 25);
    if (ret > today) break;
    demo_date(ret, zOn);
    st1 = bulk_event(
        &b, json_pack("{s:s, s:s, s:s}", "kind", "return", "on", zOn, "reason", "部分事实不清、证据不足，退回补充侦查"),
        e);
    if (st1 == -2) goto fail;
    if (st1) break;
    underReview = 0;
    JwDate back = ret + rng_int(r, 15, 30);
    if (back > today) break;
    demo_date(back, zOn);
    st1 = bulk_event(&b, json_pack("{s:s, s:s}", "kind", "resubmit", "on", zOn), e);
    if (st1 == -2) goto fail;
    if (st1) break;
    underReview = 1;
    clock = back;
  }
  JwDate decided = clock;
  if (!quiet && underReview) {
    decided = clock + (arrest ? rng_int(r, 3, 6) : prosecution ? rng_int(r, 8, 28) : rng_int(r, 5, 12));
  }
  if (!quiet && underReview && decided <= today) {
    demo_date(decided, zOn);
    for (int i = 0; i < st->nP; i++) {
      json_t *ev = json_pack("{s:s, s:s, s:I, s:s}", "kind", "decide", "on", zOn, "person_id", (json_int_t)st->aP[i].id,
                             "reason", "经审查，事实清楚，依法作出决定");
      if (arrest) {
        json_object_set_new(ev, "decision", json_string(rng_pct(r, 78) ? "approve_arrest" : "reject_arrest"));
      } else if (prosecution) {
        int np = rng_pct(r, 24);
        json_object_set_new(ev, "decision", json_string(np ? "non_prosecution" : "prosecute"));
        if (np) {
          int t = rng_int(r, 1, 100);
          json_object_set_new(ev, "non_prosecution_type",
                              json_string(t <= 66   ? "discretionary"
                                          : t <= 88 ? "evidentiary"
                                                    : "statutory"));
        }
      } else if (strcmp(zType, "custody_necessity") == 0) {
        json_object_set_new(ev, "decision", json_string(rng_pct(r, 60) ? "release" : "maintain"));
      } else {
        json_object_set_new(ev, "decision", json_string(rng_pct(r, 85) ? "uphold" : "revoke"));
      }
      if (bulk_event(&b, ev, e) == -2) goto fail;
    }
    JwDate judged = decided + rng_int(r, 25, 60);
    if (prosecution && judged <= today && rng_pct(r, 75)) {
      demo_date(judged, zOn);
      for (int i = 0; i < st->nP; i++) {
        if (!rng_pct(r, 100)) continue;
        const char *zSentence = demo_sentence(r);
        int adopted = rng_pct(r, 92), consistent = rng_pct(r, 97);
        json_t *ev = json_pack("{s:s, s:s, s:I, s:s, s:b, s:b}", "kind", "judgment", "on", zOn, "person_id",
                               (json_int_t)st->aP[i].id, "sentence", zSentence, "recommendation_adopted", adopted,
                               "consistent", consistent);
        if (bulk_event(&b, ev, e) == -2) goto fail;
      }
    }
    JwDate archived = decided + (rng_pct(r, 90) ? rng_int(r, 5, 28) : rng_int(r, 32, 45));
    if (archived <= today) {
      demo_date(archived, zOn);
      if (bulk_event(&b, json_pack("{s:s, s:s}", "kind", "archive", "on", zOn), e) == -2) goto fail;
    }
  }
  /* the case row as the events left it, its deadlines (case_refresh's write), one audit row */
  if (case_store_update(db, c, b.zNow)) {
    err_internal(e, db_errmsg(db));
    goto fail;
  }
  if (case_state_derive(st, cal, e) || case_state_sync_deadlines(db, registrar, st, e)) goto fail;
  json_t *after = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:i, s:s}", "id", (json_int_t)c->id,
                            "case_number", c->zNumber, "case_type", c->zType, "title", c->zTitle, "status", c->zStatus,
                            "received_on", c->zReceived, "department_id", (json_int_t)c->departmentId, "prosecutor_id",
                            (json_int_t)c->prosecutorId, "persons", st->nP, "source_agency", zAgency);
  rc = audit_append(db, registrar, "case.register", "case", audit_id(c->id).z, NULL, after, e);
  json_decref(after);
  case_state_free(st);
  return rc;
fail:
  case_state_free(st);
  return -1;
}

/* ---- the work queues' own cases ---------------------------------------------------------------------------- */

/* A day a measure of `months` may have started on for its term to end (rolled over rest days, CPL 105) between lo
 * and hi, on the calendar in force; 0 when none does (a window of rest days only). */
static JwDate demo_measure_start(const JwCalendar *cal, JwDate lo, JwDate hi, int months) {
  for (JwDate s = lo - months * 31 - 2; s <= hi; s++) {
    JwDate due;
    int prov = 0;
    if (!period_due(cal, s, (JwLength){months, JW_UNIT_MONTHS}, 0, &due, &prov) && due >= lo && due <= hi) return s;
  }
  return 0;
}

/* A case received `ago` days before today with one suspect on 取保候审 (bail) or 监视居住 (residential) whose term
 * ends between lo and hi days from today (negative: past; the nearest days after when the window holds no working
 * day), assigned by hand to prosecutorId or left unassigned (0). */
static int demo_work_case(Db *db, Rng *r, const Actor *registrar, int64_t deptId, int64_t prosecutorId, JwDate today,
                          int ago, const char *zCustody, int lo, int hi, const char *zName, const char *zCharge,
                          JwErr *e) {
  char zReceived[11], zSince[11], zId[19], zTitle[160];
  demo_date(today - ago, zReceived);
  int bail = strcmp(zCustody, "bail") == 0, custodial = strcmp(zCustody, "detained") == 0;
  JwDate since = today - ago - 2;
  if (!custodial) {
    const JwCalendar *cal = holidays_current(db, e);
    if (!cal) return -1;
    int months = bail ? BAIL_MONTHS : RESIDENTIAL_MONTHS;
    since = demo_measure_start(cal, today + lo, today + hi, months);
    if (!since) since = demo_measure_start(cal, today + lo, today + hi + 10, months);
    if (!since) since = today - ago - 2;
  }
  demo_date(since, zSince);
  demo_id_number(r, zId);
  const Charge *ch = charge_by_code(zCharge);
  snprintf(zTitle, sizeof zTitle, "%s%s案", zName, ch ? ch->zName : "");
  char *zZui = strstr(zTitle, "罪案");
  if (zZui) memmove(zZui, zZui + strlen("罪"), strlen(zZui + strlen("罪")) + 1);
  json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:[{s:s, s:s, s:s, s:s, s:b, s:s, s:[s]}]}", "case_type",
                         "prosecution_review", "title", zTitle, "source_agency", agencies[0], "received_on", zReceived,
                         "department_id", (json_int_t)deptId, "assign", prosecutorId ? "manual" : "later", "persons",
                         "name", zName, "id_number", zId, "custody", zCustody, "custody_since", zSince, "plea", 0,
                         "sentence_band", "3_10y", "charges", zCharge);
  if (prosecutorId) json_object_set_new(in, "prosecutor_id", json_integer(prosecutorId));
  json_t *c = NULL;
  int rc = cases_register(db, registrar, in, &c, e);
  json_decref(in);
  json_decref(c);
  return rc;
}

#define DEMO_WORK_CASES 6 /* the cases demo_work_cases() registers */

/* Cases that give every work queue of the demo office lines whatever the day: terms of 取保候审 and 监视居住 past,
 * at and near their end for 李检察官, cases received today, cases waiting to be assigned (待分案). */
static int demo_work_cases(Db *db, Rng *r, const Actor *registrar, const int64_t *aDept, int64_t prosecutorId,
                           JwDate today, JwErr *e) {
  return demo_work_case(db, r, registrar, aDept[D_FIRST], prosecutorId, today, 0, "bail", 8, 12, "钟某", "fraud", e) ||
         demo_work_case(db, r, registrar, aDept[D_FIRST], prosecutorId, today, 4, "residential", -25, -15, "卢某",
                        "extortion", e) ||
         demo_work_case(db, r, registrar, aDept[D_FIRST], prosecutorId, today, 2, "bail", 1, 6, "汪某",
                        "contract_fraud", e) ||
         demo_work_case(db, r, registrar, aDept[D_FIRST], prosecutorId, today, 1, "residential", 0, 0, "石某",
                        "gambling_den", e) ||
         demo_work_case(db, r, registrar, aDept[D_SECOND], 0, today, 0, "bail", -10, -1, "姚某", "fraud", e) ||
         demo_work_case(db, r, registrar, aDept[D_FIRST], 0, today, 1, "detained", 0, 0, "谭某", "intentional_injury",
                        e);
}

int demo_populate(Db *db, int nCases, FILE *fp, JwErr *e) {
  return demo_populate_path(db, nCases, DEMO_PATH_AUTO, fp, e);
}

/* Writes the random cases [from, to) through the bulk path, DEMO_BULK_BATCH cases to a transaction, each batch's
 * search documents built before its commit. */
static int demo_bulk_cases(Db *db, Rng *r, const Actor *registrar, const int64_t *aDept, const int64_t *aUserId,
                           JwDate today, int from, int to, int nRandom, int nCases, FILE *fp, JwErr *e) {
  const JwCalendar *cal = holidays_current(db, e);
  if (!cal) return -1;
  memset(&bulk_approvers, 0, sizeof bulk_approvers);
  bulk_rotation_init(aDept, aUserId);
  char *zFormat = NULL, *zShort = NULL;
  if (case_store_numbering(db, registrar->orgId, &zFormat, &zShort)) return err_internal(e, db_errmsg(db));
  int rc = db_load_settings(db, 1) ? err_internal(e, db_errmsg(db)) : 0;
  /* SQLite: the secondary indexes go during the load and are built once after it */
  char *zIndexes = rc ? NULL : db_load_drop_indexes(db);
  int64_t firstId = 0, lastId = 0;
  for (int i = from; i < to && !rc; i += DEMO_BULK_BATCH) {
    int end = i + DEMO_BULK_BATCH < to ? i + DEMO_BULK_BATCH : to;
    if (db_begin(db)) {
      rc = err_internal(e, db_errmsg(db));
      break;
    }
    for (int k = i; k < end && !rc; k++) {
      JwDate received = today - 365 + (JwDate)((int64_t)k * 365 / nRandom);
      rc = demo_case_bulk(db, r, registrar, aDept, cal, zFormat, zShort, received, today, &lastId, e);
      if (!firstId) firstId = lastId;
    }
    if (rc) {
      db_rollback(db);
      break;
    }
    if (db_commit(db)) rc = err_internal(e, db_errmsg(db));
    if (!rc && (fp != stdout || nCases >= 10000)) fprintf(fp, "  %d / %d\n", end, nCases);
    fflush(fp);
  }
  free(zFormat);
  free(zShort);
  if (db_load_restore_indexes(db, zIndexes) && !rc) rc = err_internal(e, db_errmsg(db));
  /* the search documents of the loaded cases, in one transaction */
  if (!rc && firstId) {
    if (db_begin(db)) rc = err_internal(e, db_errmsg(db));
    else if (case_search_rebuild_range(db, firstId, lastId)) {
      rc = err_internal(e, db_errmsg(db));
      db_rollback(db);
    } else if (db_commit(db)) rc = err_internal(e, db_errmsg(db));
  }
  if (db_load_settings(db, 0) && !rc) rc = err_internal(e, db_errmsg(db));
  return rc;
}

int demo_populate_path(Db *db, int nCases, DemoPath path, FILE *fp, JwErr *e) {
  int64_t cityId = 0, countyId = 0, adminId = 0;
  if (accounts_org_bootstrap(db, "lishui", "丽水市人民检察院", "city", NULL, &cityId, e) ||
      accounts_org_bootstrap(db, "jinyun", "缙云县人民检察院", "county", "lishui", &countyId, e) ||
      accounts_user_bootstrap(db, "jinyun", "admin", "系统管理员", "admin", DEMO_PASSWORD, &adminId, e)) {
    return -1;
  }
  Actor admin = {.userId = adminId, .orgId = countyId, .zLogin = "admin", .perms = user_store_permissions(db, adminId)};
  int64_t aDept[D_COUNT];
  for (int i = 0; i < D_COUNT; i++) {
    json_t *in = json_pack("{s:s, s:s}", "name", demo_depts[i].zName, "kind", demo_depts[i].zKind), *out = NULL;
    int rc = accounts_dept_create(db, &admin, in, &out, e);
    json_decref(in);
    if (rc) return -1;
    aDept[i] = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
  }
  json_t *in = json_pack("{s:I}", "department_id", (json_int_t)aDept[D_OFFICE]), *out = NULL;
  int rc = accounts_user_update(db, &admin, adminId, in, &out, e);
  json_decref(in);
  json_decref(out);
  if (rc) return -1;
  fprintf(fp, "  %-12s %s（%s）\n", "admin", "系统管理员", "admin");
  int64_t aUserId[sizeof demo_users / sizeof demo_users[0]];
  if (demo_users_create(db, &admin, aDept, aUserId, fp, e)) return -1;
  fprintf(fp, "  所有演示账号的密码: %s\n", DEMO_PASSWORD);
  memset(&demo_approvers, 0, sizeof demo_approvers);
  demo_approvers.chief = demo_actor(db, countyId, aUserId[DEMO_LEADER]);
  for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
    if (strcmp(demo_users[i].zRole, "department_head") == 0) {
      demo_approvers.aHead[demo_users[i].dept] = aUserId[i];
      demo_approvers.aHeadActor[demo_users[i].dept] = demo_actor(db, countyId, aUserId[i]);
    }
  }
  memset(&demo_handlers, 0, sizeof demo_handlers);
  /* the fast-track team takes light cases with a guilty plea (轻微刑事案件办案组 集中受理) */
  in = json_pack("{s:b, s:I, s:[s,s,s,s], s:s}", "enabled", 1, "department_id", (json_int_t)aDept[D_FAST], "charges",
                 "dangerous_driving", "theft", "aiding_cybercrime", "intentional_injury", "max_sentence_band", "1_3y");
  out = NULL;
  rc = cases_fast_track_put(db, &admin, in, &out, e);
  json_decref(in);
  json_decref(out);
  if (rc) return -1;
  for (size_t i = 0; i < sizeof agencies / sizeof agencies[0]; i++) {
    if (agencies_note(db, countyId, agencies[i], e)) return -1;
  }
  if (demo_agencies(db, &admin, countyId, e)) return -1; /* issue 10 (agencies) */
  if (nCases <= 0) return 0;
  Actor registrar = demo_actor(db, countyId, aUserId[4]); /* anguan, 案管 */
  char zToday[11];
  JwDate today;
  time_today_china(zToday);
  date_parse(zToday, 10, &today);
  Rng r = {0x9E3779B97F4A7C15ull ^ (uint64_t)nCases};
  /* N cases in all: the work queues' own (DEMO_WORK_CASES, when N leaves room for them), then the rest at random, a
   * batch of cases to a transaction (db_bulk_begin): each use case is a savepoint in it, so a refused event is undone
   * alone, and the load does not pay a commit per use case */
  int nRandom = nCases >= DEMO_WORK_CASES ? nCases - DEMO_WORK_CASES : nCases;
  const int batch = db_backend(db) == DB_POSTGRES ? DEMO_BATCH_PG : DEMO_BATCH_SQLITE;
  /* a large office: all but the newest DEMO_BULK_TAIL random cases through the bulk path (the same stories), the
   * newest through the use cases, so that the approval queue and the recent timelines are as the UI makes them */
  int nBulk = path == DEMO_PATH_BULK                               ? nRandom
              : path == DEMO_PATH_AUTO && nCases >= DEMO_BULK_FROM ? nRandom - DEMO_BULK_TAIL
                                                                   : 0;
  if (nBulk > 0 && demo_bulk_cases(db, &r, &registrar, aDept, aUserId, today, 0, nBulk, nRandom, nCases, fp, e))
    return -1;
  const int first = nBulk > 0 ? nBulk : 0;
  for (int i = first; i < nRandom; i++) {
    if ((i == first || i % batch == 0) && db_bulk_begin(db)) return err_internal(e, db_errmsg(db));
    /* received over the past year, evenly, oldest first */
    JwDate received = today - 365 + (JwDate)((int64_t)i * 365 / nRandom);
    rc = demo_case(db, &r, &registrar, aDept, received, today, e);
    if (rc || i % batch == batch - 1 || i == nRandom - 1) {
      if (db_bulk_commit(db) && !rc) return err_internal(e, db_errmsg(db));
      if (rc) return -1;
      if ((i + 1) % 1000 == 0 && (fp != stdout || nCases >= 10000)) fprintf(fp, "  %d / %d\n", i + 1, nCases);
      fflush(fp);
    }
  }
  if (nRandom < nCases && demo_work_cases(db, &r, &registrar, aDept, aUserId[1], today, e)) return -1; /* 李检察官 */
  if (demo_documents(db, &registrar, fp, e)) return -1; /* documents (issue 10 §4) */
  if (demo_linkage(db, countyId, aUserId[DEMO_LEADER], aUserId[5], today, e)) return -1; /* linkage: 吴行政检察官 */
  if (demo_suggestions(db, fp, e)) return -1; /* suggestions (issue 10) */
  if (demo_imports(db, fp, e)) return -1; /* imports (issue 12) */
  if (demo_petitions(db, aDept[D_FIRST], fp, e)) return -1; /* petitions (issue 13) */
  /* people (issue 14) */
  if (demo_people(db, fp, e)) return -1;
  if (demo_leads(db, fp, e)) return -1; /* leads (issue 12 §3): model (a) over the demo licence file */
  fprintf(fp, "  已生成 %d 件演示案件（近一年受理，含审查中、退补、审结、归档、逾期等各种状态）\n", nCases);
  return 0;
}
