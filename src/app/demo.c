/* demo.c: the demo procuratorate (see demo.h). */
#include "app/demo.h"

#include <jansson.h>

#include "app/accounts.h"
#include "store/accounts_store.h"

typedef struct DemoDept {
  const char *zName, *zKind;
} DemoDept;

static const DemoDept demo_depts[] = {
    {"院领导", "leadership"},       {"第一检察部", "criminal"},       {"第二检察部", "criminal"},
    {"案件管理部", "case_management"}, {"行政检察部", "administrative"}, {"控告申诉检察部", "petition"},
    {"政治部", "political"},         {"办公室", "office"},
};

typedef struct DemoUser {
  const char *zLogin, *zName, *zRole;
  int dept; /* index into demo_depts */
} DemoUser;

static const DemoUser demo_users[] = {
    {"leader", "王检察长", "leader", 0},           {"prosecutor", "李检察官", "prosecutor", 1},
    {"prosecutor2", "赵检察官", "prosecutor", 2},   {"assistant", "陈助理", "assistant", 1},
    {"anguan", "周案管", "case_manager", 3},        {"xingjian", "吴行政检察官", "admin_prosecutor", 4},
    {"kongshen", "郑控申", "petition_officer", 5},  {"zhengzhi", "孙政工", "political_officer", 6},
    {"clerk", "钱书记员", "clerk", 7},
};

int demo_populate(Db *db, FILE *fp, JwErr *e) {
  int64_t cityId = 0, countyId = 0, adminId = 0;
  if (accounts_org_bootstrap(db, "lishui", "丽水市人民检察院", "city", NULL, &cityId, e) ||
      accounts_org_bootstrap(db, "jinyun", "缙云县人民检察院", "county", "lishui", &countyId, e) ||
      accounts_user_bootstrap(db, "jinyun", "admin", "系统管理员", "admin", DEMO_PASSWORD, &adminId, e)) {
    return -1;
  }
  Actor admin = {.userId = adminId, .orgId = countyId, .zLogin = "admin"};
  int64_t aDeptId[sizeof demo_depts / sizeof demo_depts[0]];
  for (size_t i = 0; i < sizeof demo_depts / sizeof demo_depts[0]; i++) {
    json_t *in = json_pack("{s:s, s:s}", "name", demo_depts[i].zName, "kind", demo_depts[i].zKind), *out = NULL;
    int rc = accounts_dept_create(db, &admin, in, &out, e);
    json_decref(in);
    if (rc) return -1;
    aDeptId[i] = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
  }
  json_t *in = json_pack("{s:I}", "department_id", (json_int_t)aDeptId[7]), *out = NULL;
  int rc = accounts_user_update(db, &admin, adminId, in, &out, e);
  json_decref(in);
  json_decref(out);
  if (rc) return -1;
  fprintf(fp, "  %-12s %s（%s）\n", "admin", "系统管理员", "admin");
  for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
    const DemoUser *u = &demo_users[i];
    in = json_pack("{s:s, s:s, s:I, s:[s], s:s}", "login", u->zLogin, "name", u->zName, "department_id",
                   (json_int_t)aDeptId[u->dept], "roles", u->zRole, "password", DEMO_PASSWORD);
    out = NULL;
    rc = accounts_user_create(db, &admin, in, &out, e);
    json_decref(in);
    json_decref(out);
    if (rc) return -1;
    fprintf(fp, "  %-12s %s（%s）\n", u->zLogin, u->zName, u->zRole);
  }
  fprintf(fp, "  所有演示账号的密码: %s\n", DEMO_PASSWORD);
  return 0;
}
