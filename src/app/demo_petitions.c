/* demo_petitions.c: the demo office's petitions (issue 13, 12309 检察服务中心): petitions in every state, from every
 * channel, a few with a reply period run out, one repeat petitioner and one 领导包案 matter with its progress notes,
 * written through the use cases (app/petitions.h), so they are validated, timed and audited like the UI's. They are
 * taken in by 郑控申 (控申); the 包案 leader is the 检察长. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/demo.h"
#include "app/petitions.h"
#include "core/idcard.h"
#include "lib/timeutil.h"
#include "store/accounts_store.h"
#include "store/petition_store.h"

/* One demo petition: its intake, then its history in days before today (0: the step is not taken). */
typedef struct DemoPetition {
  const char *zChannel, *zCategory, *zName, *zIdBody, *zPhone, *zMatter;
  const char *zRisk, *zRiskReason;
  int received;             /* days ago */
  const char *zDisposition; /* accept transfer reject litigation, or NULL */
  int disposed, procedural; /* the disposition and the procedural reply */
  int result, followup;     /* the result (progress) reply and a follow-up reply */
  int closed;               /* closed (satisfied, ceased) */
  int lead;                 /* 领导包案 with two progress notes */
} DemoPetition;

static const DemoPetition demo_petitions_list[] = {
    {"visit", "complaint", "周某", "33112219800215001", "13857800001", "反映邻居占用其宅基地建房，派出所未予处理。",
     NULL, NULL, 2, NULL, 0, 0, 0, 0, 0, 0},
    /* the 7-day reply ran out */
    {"letter", "report", "吴某", NULL, NULL, "举报某村委会在土地征收补偿中虚报冒领。", NULL, NULL, 12, NULL, 0, 0, 0, 0,
     0, 0},
    {"online", "criminal_appeal", "郑某", "33112219750720002", "13857800002",
     "不服法院对其子故意伤害案的判决，请求抗诉。", NULL, NULL, 40, "accept", 38, 37, 0, 0, 0, 0},
    /* answered at one month, then the first follow-up ran out */
    {"hotline", "civil_admin_appeal", "王某", "33112219681103003", "13857800003",
     "不服民事判决，认为一审认定借款事实错误，申请监督。", "medium", "多次来电，情绪激动", 160, "accept", 157, 156, 130,
     0, 0, 0},
    {"visit", "other", "陈某", NULL, "13857800004", "反映拖欠农民工工资问题。", NULL, NULL, 30, "transfer", 29, 29, 0,
     0, 0, 0},
    {"letter", "legal_advice", "林某", NULL, NULL, "咨询离婚财产分割的法律问题。", NULL, NULL, 20, "reject", 19, 19, 0,
     0, 0, 0},
    {"chief_reception", "complaint", "何某", "33112219900909004", "13857800005",
     "控告某公司负责人以虚构项目骗取其投资款。", NULL, NULL, 25, "litigation", 22, 22, 0, 0, 0, 0},
    {"video", "state_compensation", "孙某", "33112219720512005", "13857800006", "被错误羁押后申请国家赔偿。", NULL,
     NULL, 70, "accept", 66, 66, 30, 0, 10, 0},
    /* the same person again (by ID number), high risk, taken on by the 检察长 (领导包案) */
    {"visit", "civil_admin_appeal", "王某", "33112219681103003", "13857800003",
     "再次反映民事判决认定事实错误，称将赴省进京上访。", "high", "扬言越级上访，已多次重复信访", 50, "accept", 48, 47,
     0, 0, 0, 1},
    {"outreach", "public_interest", "赵某", NULL, "13857800007", "反映某河道被倾倒建筑垃圾，污染水源。", NULL, NULL, 8,
     "accept", 6, 5, 0, 0, 0, 0},
};

static Actor demo_pet_actor(Db *db, const char *zLogin) {
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

/* Takes one step (in consumed). 0, or -1 with e. */
static int demo_pet_step(Db *db, const Actor *a, int64_t id, json_t *in, JwErr *e) {
  json_t *out = NULL;
  int rc = petitions_event(db, a, id, in, &out, e);
  json_decref(in);
  json_decref(out);
  return rc;
}

int demo_petitions(Db *db, int64_t departmentId, FILE *fp, JwErr *e) {
  Actor ks = demo_pet_actor(db, "kongshen"), chief = demo_pet_actor(db, "leader");
  if (!ks.userId || !chief.userId) return err_internal(e, "demo users missing");
  int64_t caseId = petition_store_first_case(db, ks.orgId);
  if (caseId < 0) return err_internal(e, db_errmsg(db));
  char zToday[11], zOn[11];
  time_today_china(zToday);
  JwDate today;
  date_parse(zToday, 10, &today);
  int n = 0;
  for (size_t i = 0; i < sizeof demo_petitions_list / sizeof demo_petitions_list[0]; i++) {
    const DemoPetition *d = &demo_petitions_list[i];
    if (d->zDisposition && strcmp(d->zDisposition, "litigation") == 0 && !caseId) continue;
    json_t *person = json_pack("{s:s}", "name", d->zName);
    if (d->zIdBody) {
      char zId[19];
      snprintf(zId, sizeof zId, "%s%c", d->zIdBody, idcard_check_char(d->zIdBody));
      json_object_set_new(person, "id_number", json_string(zId));
    }
    if (d->zPhone) json_object_set_new(person, "phone", json_string(d->zPhone));
    date_format(today - d->received, zOn);
    json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:[o], s:[s]}", "channel", d->zChannel, "category", d->zCategory,
                           "matter", d->zMatter, "received_on", zOn, "petitioners", person, "attachments", "信访材料");
    if (d->zRisk) {
      json_object_set_new(in, "risk_level", json_string(d->zRisk));
      json_object_set_new(in, "risk_reason", json_string(d->zRiskReason));
    }
    json_t *out = NULL;
    int rc = petitions_create(db, &ks, in, &out, e);
    json_decref(in);
    if (rc) return -1;
    int64_t id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    n++;
    if (d->zDisposition) {
      date_format(today - d->disposed, zOn);
      json_t *step = json_pack("{s:s, s:s}", "kind", d->zDisposition, "on", zOn);
      if (strcmp(d->zDisposition, "accept") == 0)
        json_object_set_new(step, "department_id", json_integer(departmentId));
      if (strcmp(d->zDisposition, "transfer") == 0) {
        json_object_set_new(step, "agency_name", json_string("缙云县人力资源和社会保障局"));
        json_object_set_new(step, "receipt", json_string("缙人社信〔2026〕8号回执"));
      }
      if (strcmp(d->zDisposition, "reject") == 0)
        json_object_set_new(step, "reason", json_string("属法律咨询，已当场解答"));
      if (strcmp(d->zDisposition, "litigation") == 0) json_object_set_new(step, "case_id", json_integer(caseId));
      if (demo_pet_step(db, &ks, id, step, e)) return -1;
    }
    const struct {
      int ago;
      const char *zKind, *zText;
    } replies[] = {{d->procedural, "procedural", "已告知处理情况"},
                   {d->result, "progress", "已答复办理进展"},
                   {d->followup, "followup", "再次答复办理进展"}};
    for (size_t k = 0; k < sizeof replies / sizeof replies[0]; k++) {
      if (!replies[k].ago) continue;
      date_format(today - replies[k].ago, zOn);
      if (demo_pet_step(db, &ks, id,
                        json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", "reply", "on", zOn, "reply_kind",
                                  replies[k].zKind, "channel", "phone", "content", replies[k].zText),
                        e))
        return -1;
    }
    if (d->lead) {
      date_format(today - d->disposed + 1, zOn);
      if (demo_pet_step(db, &ks, id,
                        json_pack("{s:s, s:s, s:I, s:I, s:[s, s, s, s]}", "kind", "plan", "on", zOn, "leader_id",
                                  (json_int_t)chief.userId, "responsible_id", (json_int_t)ks.userId, "plans", "handle",
                                  "guide", "stabilise", "cease"),
                        e))
        return -1;
      const struct {
        int ago;
        const char *zNote;
      } notes[] = {{40, "检察长接访，听取诉求并释法说理"}, {20, "组织公开听证前的沟通，信访人同意参加听证"}};
      for (size_t k = 0; k < sizeof notes / sizeof notes[0]; k++) {
        date_format(today - notes[k].ago, zOn);
        if (demo_pet_step(db, &chief, id,
                          json_pack("{s:s, s:s, s:s}", "kind", "progress", "on", zOn, "note", notes[k].zNote), e))
          return -1;
      }
    }
    if (d->closed) {
      date_format(today - d->closed, zOn);
      if (demo_pet_step(
              db, &ks, id,
              json_pack("{s:s, s:s, s:s, s:b}", "kind", "close", "on", zOn, "satisfaction", "satisfied", "ceased", 1),
              e))
        return -1;
    }
  }
  fprintf(fp, "  已生成 %d 件演示信访件（各种状态，含逾期未答复、重复信访与领导包案）\n", n);
  return 0;
}
