/* demo_people.c: the demo office's people records (issue 14): a post and a specialty for each member of staff (the
 * ones the tests enter themselves left out), a 小轮岗 plan with its first stint evaluated, a 副岗, two mentors (one
 * who talks every month and has a 示范干警, one who stopped talking 45 days ago and has no 示范: the reminders), a
 * year of 检察官教检察官 courses with attendance and ratings, and one 廉政谈话. Written through the use cases
 * (app/people.h), so every row is checked and audited as a user's would be. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/demo.h"
#include "app/people.h"
#include "lib/timeutil.h"
#include "store/accounts_store.h"

static Actor demo_people_actor(Db *db, const char *zLogin, int64_t *pDept) {
  UserAuth u = {0};
  Actor a = {0};
  if (user_store_auth_by_login(db, zLogin, &u) != 1) return a;
  json_t *o = user_store_get(db, u.orgId, u.id);
  a = (Actor){.userId = u.id,
              .orgId = u.orgId,
              .zLogin = "demo",
              .perms = user_store_permissions(db, u.id),
              .departmentId = json_integer_value(json_object_get(o, "department_id"))};
  if (pDept) *pDept = a.departmentId;
  json_decref(o);
  free(u.zHash);
  return a;
}

/* Runs one use case on a new input (consumed); the reply is dropped. */
typedef int (*DemoCall)(Db *, const Actor *, const json_t *, json_t **, JwErr *);
static int demo_call(Db *db, const Actor *a, DemoCall fn, json_t *in, int64_t *pId, JwErr *e) {
  json_t *out = NULL;
  int rc = fn(db, a, in, &out, e);
  if (!rc && pId) *pId = json_integer_value(json_object_get(out, "id"));
  json_decref(in);
  json_decref(out);
  return rc;
}

static void day(JwDate today, int ago, char out[11]) {
  date_format(today - ago, out);
}

/* staff the demo describes (the tests' own subjects, prosecutor, prosecutor2, assistant and clerk, are left out) */
static const struct {
  const char *zLogin, *zPost, *zSpecialty;
  int sinceYear;
} demo_staff[] = {
    {"leader", "检察长", "检察业务管理", 2019},
    {"anguan", "案件管理", "流程监控", 2021},
    {"xingjian", "行政检察官", "行政非诉执行监督", 2022},
    {"kongshen", "控告申诉", "信访接待", 2020},
    {"zhengzhi", "政治部主任", "干部人事", 2018},
    {"buzhang", "第一检察部主任", "审查起诉", 2021},
    {"hujc", "员额检察官", "出庭公诉", 2020},
    {"linjc", "员额检察官", "电子数据审查", 2024},
    {"hejc", "员额检察官", "未成年人检察", 2022},
    {"guojc", "员额检察官", "职务犯罪", 2023},
    {"majc", "员额检察官", "认罪认罚", 2021},
    {"luojc", "员额检察官", "速裁程序", 2025},
    {"erbu", "第二检察部主任", "经济犯罪", 2022},
    {"susai", "速裁组组长", "轻罪治理", 2023},
};
#define NSTAFF (sizeof demo_staff / sizeof demo_staff[0])

int demo_people(Db *db, FILE *fp, JwErr *e) {
  Actor zz = demo_people_actor(db, "zhengzhi", NULL);
  if (!zz.userId) return err_internal(e, "demo users missing");
  char zToday[11], zOn[11];
  JwDate today;
  time_today_china(zToday);
  date_parse(zToday, 10, &today);
  int64_t aId[NSTAFF], aDept[NSTAFF];
  for (size_t i = 0; i < NSTAFF; i++) {
    Actor a = demo_people_actor(db, demo_staff[i].zLogin, &aDept[i]);
    aId[i] = a.userId;
    if (!aId[i]) return err_internal(e, "demo users missing");
    char zSince[11];
    snprintf(zSince, sizeof zSince, "%04d-03-01", demo_staff[i].sinceYear);
    json_t *post = json_pack("{s:s, s:s, s:s}", "kind", "post", "title", demo_staff[i].zPost, "started_on", zSince);
    if (aDept[i]) json_object_set_new(post, "department_id", json_integer(aDept[i]));
    json_t *out = NULL;
    int rc = people_entry_create(db, &zz, aId[i], post, &out, e);
    json_decref(post);
    json_decref(out);
    if (rc) return -1;
    json_t *sp = json_pack("{s:s, s:s}", "kind", "specialty", "title", demo_staff[i].zSpecialty);
    rc = people_entry_create(db, &zz, aId[i], sp, &out, e);
    json_decref(sp);
    json_decref(out);
    if (rc) return -1;
  }
  int64_t dFirst = aDept[5], dSecond = aDept[12], dFast = aDept[13];
  /* 小轮岗 of 林检察官 through three departments, the first stint evaluated by its head */
  day(today, 300, zOn);
  json_t *plan = NULL;
  json_t *in = json_pack("{s:I, s:s, s:[{s:I, s:I}, {s:I, s:I}, {s:I, s:I}]}", "user_id", (json_int_t)aId[7],
                         "start_on", zOn, "stints", "department_id", (json_int_t)dFirst, "head_id", (json_int_t)aId[5],
                         "department_id", (json_int_t)dSecond, "head_id", (json_int_t)aId[12], "department_id",
                         (json_int_t)dFast, "head_id", (json_int_t)aId[13]);
  int rc = people_plan_create(db, &zz, in, &plan, e);
  json_decref(in);
  if (rc) return -1;
  int64_t stint = json_integer_value(json_object_get(json_array_get(json_object_get(plan, "stints"), 0), "id"));
  json_decref(plan);
  Actor head = demo_people_actor(db, "buzhang", NULL);
  json_t *out = NULL;
  in = json_pack("{s:s, s:s}", "rating", "excellent", "text", "审查报告规范，出庭准备充分");
  rc = people_stint_evaluate(db, &head, stint, in, &out, e);
  json_decref(in);
  json_decref(out);
  if (rc) return -1;
  /* 主副岗: 何检察官 holds a 未检 副岗 in 第一检察部 */
  day(today, 200, zOn);
  if (demo_call(
          db, &zz, people_secondary_create,
          json_pack("{s:I, s:I, s:s, s:I, s:s}", "user_id", (json_int_t)aId[8], "department_id", (json_int_t)dFirst,
                    "title", "未成年人检察副岗", "responsible_id", (json_int_t)aId[5], "started_on", zOn),
          NULL, e))
    return -1;
  /* 导师: 马检察官 talks to 罗检察官 every month; 郭检察官 stopped talking to 何检察官 45 days ago */
  static const int mentor[2] = {10, 9}, mentee[2] = {11, 8}, lastAgo[2] = {5, 45};
  for (int m = 0; m < 2; m++) {
    if (demo_call(db, &zz, people_mentor_add,
                  json_pack("{s:I, s:s, s:s}", "user_id", (json_int_t)aId[mentor[m]], "fields",
                            demo_staff[mentor[m]].zSpecialty, "admitted_on", "2023-06-01"),
                  NULL, e))
      return -1;
    day(today, 330, zOn);
    int64_t pair = 0;
    if (demo_call(db, &zz, people_pair_create,
                  json_pack("{s:I, s:I, s:s}", "mentor_id", (json_int_t)aId[mentor[m]], "mentee_id",
                            (json_int_t)aId[mentee[m]], "started_on", zOn),
                  &pair, e))
      return -1;
    Actor me = demo_people_actor(db, demo_staff[mentor[m]].zLogin, NULL);
    for (int ago = 320; ago >= lastAgo[m]; ago -= 28) {
      day(today, ago, zOn);
      in = json_pack("{s:s, s:s}", "talked_on", zOn, "note", "谈心：办案心得与职业规划");
      rc = people_talk_add(db, &me, pair, in, &out, e);
      json_decref(in);
      json_decref(out);
      if (rc) return -1;
    }
    if (m == 0) {
      int y;
      date_to_ymd(today, &y, NULL, NULL);
      if (demo_call(db, &me, people_demo_add,
                    json_pack("{s:I, s:i, s:s, s:I, s:s}", "mentor_id", (json_int_t)aId[mentor[m]], "year", y, "kind",
                              "officer", "mentee_id", (json_int_t)aId[mentee[m]], "note", "带出的示范干警"),
                    NULL, e))
        return -1;
    }
  }
  /* 检察官教检察官: six courses over the year, attended by the staff above */
  static const struct {
    const char *zTitle, *zArea;
    int lecturer, hours, ago;
  } courses[] = {
      {"认罪认罚案件量刑建议", "刑事检察", 10, 3, 330}, {"电子数据的审查与运用", "刑事检察", 7, 2, 270},
      {"行政非诉执行监督实务", "行政检察", 2, 2, 210},  {"出庭公诉技巧", "刑事检察", 6, 3, 150},
      {"未成年人检察工作", "未成年人检察", 8, 2, 90},   {"检察业务数据分析", "案件管理", 0, 2, 30},
  };
  for (size_t c = 0; c < sizeof courses / sizeof courses[0]; c++) {
    day(today, courses[c].ago, zOn);
    int64_t course = 0;
    if (demo_call(db, &zz, people_course_create,
                  json_pack("{s:s, s:I, s:s, s:i, s:s, s:s}", "title", courses[c].zTitle, "lecturer_id",
                            (json_int_t)aId[courses[c].lecturer], "held_on", zOn, "hours", courses[c].hours, "area",
                            courses[c].zArea, "materials", "讲义\n典型案例"),
                  &course, e))
      return -1;
    json_t *att = json_array();
    for (size_t i = 0; i < NSTAFF; i++) {
      int attended = (i + c) % 5 != 0;
      json_t *row = json_pack("{s:I, s:b}", "user_id", (json_int_t)aId[i], "attended", attended);
      if (attended) json_object_set_new(row, "rating", json_integer(4 + (int)((i + c) % 2)));
      json_array_append_new(att, row);
    }
    rc = people_attendance(db, &zz, course, in = json_pack("{s:o}", "attendees", att), &out, e);
    json_decref(in);
    json_decref(out);
    if (rc) return -1;
  }
  /* one 廉洁家访 (restricted) */
  day(today, 60, zOn);
  if (demo_call(db, &zz, people_integrity_create,
                json_pack("{s:I, s:s, s:s, s:s, s:s}", "user_id", (json_int_t)aId[7], "kind", "home_visit", "held_on",
                          zOn, "held_by", "孙政工", "body", "家访：家属支持工作，无异常情况"),
                NULL, e))
    return -1;
  fprintf(fp, "  已生成队伍建设演示数据（%zu 名干警的岗位与特长、轮岗、导师结对、6 次授课）\n", NSTAFF);
  return 0;
}
