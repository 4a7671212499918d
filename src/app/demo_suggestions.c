/* demo_suggestions.c: the demo office's 检察建议 (issue 10 §3): suggestions in every state, several overdue, to two
 * agencies with different reply records (the 交警大队 replies and rectifies; the 市场监督管理局 lets them run out),
 * written through the use cases (app/suggestions.h), so they are validated and audited like the UI's. They are
 * 胡检察官's (第一检察部): the demo's 李检察官 keeps a case load whose queues the home page's tests know. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/agencies.h"
#include "app/approvals.h"
#include "app/demo.h"
#include "app/suggestions.h"
#include "lib/timeutil.h"
#include "store/accounts_store.h"
#include "store/suggestion_store.h"

/* One demo suggestion: its recipient (0 the 交警大队, 1 the 市场监督管理局), type, title and its history in days
 * before today (0: the step is not taken). */
typedef struct DemoSuggestion {
  int agency;
  const char *zType;
  int urgent;
  const char *zTitle;
  int issued, served, objected, replied, visited, closed;
  const char *zAdoption, *zVisit, *zOutcome;
  int urged, escalated, propose; /* propose: the issue left awaiting the 检察长 */
} DemoSuggestion;

static const DemoSuggestion demo_suggestions_list[] = {
    {0, "correction", 0, "关于醉驾被不起诉人驾驶证吊销衔接的检察建议", 0, 0, 0, 0, 0, 0, NULL, NULL, NULL, 0, 0, 0},
    {0, "social_governance", 0, "关于加强电动自行车交通安全治理的检察建议", 0, 0, 0, 0, 0, 0, NULL, NULL, NULL, 0, 0,
     1},
    {1, "correction", 0, "关于规范食品经营许可审查的检察建议", 20, 0, 0, 0, 0, 0, NULL, NULL, NULL, 0, 0, 0},
    {0, "correction", 0, "关于规范交通事故认定程序的检察建议", 15, 10, 0, 0, 0, 0, NULL, NULL, NULL, 0, 0, 0},
    {1, "social_governance", 0, "关于整治校园周边无证经营的检察建议", 100, 90, 0, 0, 0, 0, NULL, NULL, NULL, 20, 0, 0},
    {1, "public_interest", 1, "关于过期药品违规销售的诉前检察建议", 35, 30, 0, 0, 0, 0, NULL, NULL, NULL, 10, 5, 0},
    {1, "other", 0, "关于规范行政处罚案卷管理的检察建议", 45, 40, 35, 0, 0, 0, NULL, NULL, NULL, 0, 0, 0},
    {0, "social_governance", 0, "关于酒驾查处信息共享的检察建议", 90, 80, 0, 30, 10, 0, "adopted", "partly", NULL, 0, 0,
     0},
    {0, "correction", 0, "关于依法吊销醉驾人员驾驶证的检察建议", 210, 200, 0, 150, 120, 118, "adopted", "rectified",
     "handled", 0, 0, 0},
    {1, "correction", 0, "关于规范特种设备监督检查的检察建议", 210, 200, 0, 160, 0, 150, "not_adopted", NULL,
     "not_adopted_closed", 0, 0, 0},
};

static Actor demo_sug_actor(Db *db, const char *zLogin) {
  UserAuth u = {0};
  Actor a = {0};
  if (user_store_auth_by_login(db, zLogin, &u) != 1) return a;
  json_t *o = user_store_get(db, u.orgId, u.id);
  a = (Actor){.userId = u.id,
              .orgId = u.orgId,
              .zLogin = "demo",
              .perms = user_store_permissions(db, u.id),
              .departmentId = json_integer_value(json_object_get(o, "department_id"))};
  json_decref(o);
  free(u.zHash);
  return a;
}

/* The day `ago` days before today. */
static void demo_sug_day(JwDate today, int ago, char out[11]) {
  date_format(today - ago, out);
}

/* Takes one step (in consumed); *out not read back. 0, or -1 with e. */
static int demo_sug_step(Db *db, const Actor *a, int64_t id, json_t *in, JwErr *e) {
  int status = 0;
  int rc = suggestions_event(db, a, id, in, NULL, &status, e);
  json_decref(in);
  return rc;
}

int demo_suggestions(Db *db, FILE *fp, JwErr *e) {
  Actor pros = demo_sug_actor(db, "hujc"), chief = demo_sug_actor(db, "leader");
  if (!pros.userId || !chief.userId) return err_internal(e, "demo users missing");
  if (agencies_note(db, pros.orgId, "缙云县市场监督管理局", e)) return -1;
  int64_t aAgency[2] = {suggestion_store_agency_id(db, pros.orgId, "缙云县公安局交通警察大队"),
                        suggestion_store_agency_id(db, pros.orgId, "缙云县市场监督管理局")};
  if (aAgency[0] <= 0 || aAgency[1] <= 0) return err_internal(e, "demo agencies missing");
  char zToday[11], zOn[11];
  JwDate today;
  time_today_china(zToday);
  date_parse(zToday, 10, &today);
  int n = 0;
  for (size_t i = 0; i < sizeof demo_suggestions_list / sizeof demo_suggestions_list[0]; i++) {
    const DemoSuggestion *d = &demo_suggestions_list[i];
    json_t *in = json_pack("{s:s, s:b, s:s, s:I, s:s, s:s, s:s, s:[{s:s}]}", "type", d->zType, "urgent", d->urgent,
                           "title", d->zTitle, "agency_id", (json_int_t)aAgency[d->agency], "facts",
                           "本院在履行法律监督职责中发现，被建议单位在相关执法活动中存在履职不到位的问题。", "text",
                           "建议依法履行监督管理职责，及时整改，并将整改情况书面回复本院。", "legal_basis",
                           "《中华人民共和国人民检察院组织法》第二十一条；《人民检察院检察建议工作规定》", "copies",
                           "name", "缙云县人民政府");
    json_t *out = NULL;
    int rc = suggestions_create(db, &pros, in, &out, e);
    json_decref(in);
    if (rc) return -1;
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    n++;
    if (d->propose || d->issued) {
      int status = 0;
      out = NULL;
      json_t *ask = json_pack("{s:s, s:s}", "kind", "issue", "reason", "拟发出检察建议");
      rc = suggestions_event(db, &pros, id, ask, &out, &status, e);
      json_decref(ask);
      if (rc) return -1;
      int64_t apId = json_integer_value(json_object_get(json_object_get(out, "approval"), "id"));
      json_decref(out);
      if (d->issued && apId) {
        demo_sug_day(today, d->issued, zOn);
        json_t *ap = json_pack("{s:s}", "on", zOn);
        out = NULL;
        rc = approvals_approve(db, &chief, apId, ap, &out, e);
        json_decref(ap);
        json_decref(out);
        if (rc) return -1;
      }
    }
    if (d->served) {
      demo_sug_day(today, d->served, zOn);
      if (demo_sug_step(db, &pros, id, json_pack("{s:s, s:s, s:s}", "kind", "serve", "on", zOn, "method", "written"),
                        e))
        return -1;
    }
    if (d->objected) {
      demo_sug_day(today, d->objected, zOn);
      if (demo_sug_step(db, &pros, id,
                        json_pack("{s:s, s:s, s:s}", "kind", "object", "on", zOn, "text", "被建议单位认为已依法履职"),
                        e))
        return -1;
    }
    if (d->urged) {
      demo_sug_day(today, d->urged, zOn);
      if (demo_sug_step(db, &pros, id,
                        json_pack("{s:s, s:s, s:s}", "kind", "urge", "on", zOn, "text", "回复期限届满，督促书面回复"),
                        e))
        return -1;
    }
    if (d->escalated) {
      demo_sug_day(today, d->escalated, zOn);
      if (demo_sug_step(db, &pros, id,
                        json_pack("{s:s, s:s, s:s, s:s}", "kind", "escalate", "on", zOn, "to", "superior", "text",
                                  "督促后仍未整改，通报其上级主管部门"),
                        e))
        return -1;
    }
    if (d->replied) {
      demo_sug_day(today, d->replied, zOn);
      if (demo_sug_step(db, &pros, id,
                        json_pack("{s:s, s:s, s:s, s:s}", "kind", "reply", "on", zOn, "adoption", d->zAdoption, "text",
                                  "已收到检察建议并研究处理"),
                        e))
        return -1;
    }
    if (d->visited) {
      demo_sug_day(today, d->visited, zOn);
      if (demo_sug_step(db, &pros, id,
                        json_pack("{s:s, s:s, s:s, s:s}", "kind", "visit", "on", zOn, "result", d->zVisit, "evidence",
                                  "实地回访，查阅整改台账"),
                        e))
        return -1;
    }
    if (d->closed) {
      demo_sug_day(today, d->closed, zOn);
      if (demo_sug_step(db, &pros, id, json_pack("{s:s, s:s, s:s}", "kind", "close", "on", zOn, "outcome", d->zOutcome),
                        e))
        return -1;
    }
  }
  fprintf(fp, "  已生成 %d 件检察建议（草稿、待签发、已送达、逾期未回复、异议、已回复、办复结案等）\n", n);
  return 0;
}
