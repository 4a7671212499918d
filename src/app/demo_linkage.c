/* demo_linkage.c: the demo's 行刑反向衔接 items (issue 10): the items the demo's 不起诉 decisions opened are taken,
 * through the same use case as the UI (linkage_event, the 检察长's approvals), to every state in turn — pending
 * transfer, transferred, under review, suspended, 终结审查, 检察意见 issued, awaiting the reply, replied, 督促 /
 * 跟进监督, closed — with the 检察意见 going to two agencies with different reply records (缙云县公安局交通警察大队
 * replies with a penalty; 缙云县公安局治安管理大队 replies late or not at all). The older items' periods have run, so
 * several are overdue. A step whose date would fall after today is not taken: the item stays where it is. */
#include <stdio.h>
#include <string.h>

#include "app/approvals.h"
#include "app/demo.h"
#include "app/linkage.h"
#include "core/date.h"
#include "store/accounts_store.h"
#include "store/agency_store.h"
#include "store/linkage_store.h"

static Actor actor_of(Db *db, int64_t orgId, int64_t userId) {
  json_t *u = user_store_get(db, orgId, userId);
  Actor a = {.userId = userId,
             .orgId = orgId,
             .zLogin = "demo",
             .perms = user_store_permissions(db, userId),
             .departmentId = json_integer_value(json_object_get(u, "department_id"))};
  json_decref(u);
  return a;
}

/* The id of the office's agency named zName, 0 when it has none. */
static int64_t agency_named(Db *db, int64_t orgId, const char *zName) {
  AgencyFilter f = {.orgId = orgId, .zQuery = zName, .limit = 5};
  json_t *page = agency_store_list(db, &f);
  int64_t id = 0;
  size_t i;
  json_t *v;
  json_array_foreach(json_object_get(page, "items"), i, v) {
    if (strcmp(json_string_value(json_object_get(v, "name")), zName) == 0)
      id = json_integer_value(json_object_get(v, "id"));
  }
  json_decref(page);
  return id;
}

typedef struct Walk {
  Db *db;
  int64_t id;
  JwDate today;
  JwErr *e;
  json_t *out; /* the item after the last step */
} Walk;

/* One step on day d (consumes in): 1 taken, 0 refused or in the future (the walk stops), -1 on an internal error. */
static int step(Walk *w, const Actor *a, JwDate d, json_t *in) {
  if (d > w->today) {
    json_decref(in);
    return 0;
  }
  char zOn[11];
  date_format(d, zOn);
  json_object_set_new(in, "on", json_string(zOn));
  int status = 0;
  json_t *out = NULL;
  int rc = linkage_event(w->db, a, w->id, in, &out, &status, w->e);
  json_decref(in);
  if (rc) return w->e->status >= 500 ? -1 : 0;
  json_decref(w->out);
  w->out = out;
  return 1;
}

/* Approves the item's pending approval on day d as the 检察长. 1, 0, or -1 as step(). */
static int approve(Walk *w, const Actor *chief, JwDate d) {
  json_t *ap = json_array_get(json_object_get(w->out, "approvals"), 0);
  if (!ap || d > w->today) return 0;
  char zOn[11];
  date_format(d, zOn);
  json_t *in = json_pack("{s:s}", "on", zOn), *out = NULL;
  int rc = approvals_approve(w->db, chief, json_integer_value(json_object_get(ap, "id")), in, &out, w->e);
  json_decref(in);
  json_decref(out);
  if (rc) return w->e->status >= 500 ? -1 : 0;
  return 1;
}

#define STEP(a, d, in)                 \
  do {                                 \
    int s_ = step(&w, (a), (d), (in)); \
    if (s_ < 0) rc = -1;               \
    if (s_ <= 0) goto done;            \
  } while (0)

int demo_linkage(Db *db, int64_t orgId, int64_t chiefId, int64_t adminProsecutorId, JwDate today, JwErr *e) {
  LinkageFilter f = {.orgId = orgId, .limit = 200};
  json_t *page = linkage_store_list(db, &f);
  if (!page) return err_internal(e, db_errmsg(db));
  Actor chief = actor_of(db, orgId, chiefId), adm = actor_of(db, orgId, adminProsecutorId);
  int64_t agency[2] = {agency_named(db, orgId, "缙云县公安局交通警察大队"),
                       agency_named(db, orgId, "缙云县公安局治安管理大队")};
  int rc = 0;
  json_t *items = json_object_get(page, "items");
  for (size_t i = 0; i < json_array_size(items) && !rc; i++) {
    json_t *it = json_array_get(items, i);
    int target = (int)(i % 10), which = (int)(i / 10 % 2);
    JwDate d;
    if (date_parse(json_string_value(json_object_get(it, "decision_on")), 10, &d)) continue;
    Actor pros = actor_of(db, orgId, json_integer_value(json_object_get(it, "prosecutor_id")));
    Walk w = {db, json_integer_value(json_object_get(it, "id")), today, e, NULL};
    if (target == 0 || !agency[which]) continue; /* pending transfer: overdue once 3 working days have passed */
    STEP(&pros, d + 1, json_pack("{s:s}", "kind", "transfer"));
    if (target == 1) goto done;
    STEP(&adm, d + 2, json_pack("{s:s}", "kind", "register"));
    if (target == 2) goto done;
    if (target == 3) {
      STEP(&adm, d + 3,
           json_pack("{s:s, s:s, s:s}", "kind", "request", "request_kind", "complaint_person", "text",
                     "被不起诉人提出申诉"));
      STEP(&adm, d + 4, json_pack("{s:s, s:s}", "kind", "suspend", "reason", "被不起诉人申诉，中止审查"));
      goto done;
    }
    int penalty = target != 4;
    STEP(&pros, d + 3,
         json_pack("{s:s, s:s, s:s}", "kind", "opinion", "side", "criminal", "opinion",
                   penalty ? "penalty" : "no_penalty"));
    STEP(&adm, d + 3,
         json_pack("{s:s, s:s, s:s, s:s}", "kind", "opinion", "side", "administrative", "opinion",
                   penalty ? "penalty" : "no_penalty", "text", penalty ? "需要给予行政处罚" : "已受行政处罚"));
    if (!penalty) {
      STEP(&adm, d + 5, json_pack("{s:s, s:s}", "kind", "terminate", "reason_code", "already_penalised"));
      goto done;
    }
    STEP(&adm, d + 5,
         json_pack("{s:s, s:I, s:[s], s:s, s:s}", "kind", "procuratorial_opinion", "agency_id",
                   (json_int_t)agency[which], "penalties", "fine", "facts",
                   "被不起诉人的行为违反治安管理处罚法，依法应当给予行政处罚", "reason", "需要给予行政处罚"));
    int ap = approve(&w, &chief, d + 6);
    if (ap < 0) rc = -1;
    if (ap <= 0) goto done;
    if (target == 5) goto done;
    STEP(&adm, d + 8, json_pack("{s:s, s:s}", "kind", "serve", "method", which ? "mail" : "in_person"));
    if (target == 6) goto done;
    if (target == 7 || target == 9) {
      /* the traffic police reply within the month with a fine; the public-order brigade late and without one */
      JwDate on = which ? d + 80 : d + 30;
      json_t *in = which ? json_pack("{s:s, s:b, s:s}", "kind", "reply", "penalised", 0, "text", "经审查，不予处罚")
                         : json_pack("{s:s, s:b, s:s, s:s, s:I}", "kind", "reply", "penalised", 1, "penalty", "fine",
                                     "decision_number", "缙公交罚决字〔2026〕17号", "amount_fen", (json_int_t)200000);
      STEP(&adm, on, in);
      if (target == 9) STEP(&adm, on + 2, json_pack("{s:s}", "kind", "close"));
      goto done;
    }
    /* 8: overdue → 督促, then 跟进监督 when the reminder ran out too */
    STEP(&adm, d + 75, json_pack("{s:s, s:s}", "kind", "urge", "text", "请于十五日内书面回复"));
    STEP(&adm, d + 95, json_pack("{s:s, s:s}", "kind", "follow_up", "reason", "督促后仍未回复，依法跟进监督"));
  done:
    json_decref(w.out);
  }
  json_decref(page);
  return rc;
}
