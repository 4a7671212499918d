/* demo_leads.c: the demo's data-matching step (issue 12 §3): after the demo's imports, model (a) (drunk_licence) runs
 * over the demo licence file as 吴行政检察官 (xingjian), so the demo shows the leads of its unrevoked drunk drivers
 * (the file demo_imports.c writes leaves every other one valid, some re-issued inside the bar). */
#include <stdio.h>
#include <stdlib.h>

#include "app/demo.h"
#include "app/leads.h"
#include "store/accounts_store.h"

int demo_leads(Db *db, FILE *fp, JwErr *e) {
  UserAuth u = {0};
  if (user_store_auth_by_login(db, "xingjian", &u) != 1) return 0; /* no demo office: nothing to match */
  Actor a = {.userId = u.id, .orgId = u.orgId, .zLogin = "demo", .perms = user_store_permissions(db, u.id)};
  free(u.zHash);
  Stmt *s = db_prepare(db, "SELECT count(*) FROM licence_record WHERE org_id = ?1");
  if (!s) return err_internal(e, db_errmsg(db));
  db_bind_int(s, 1, a.orgId);
  int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
  db_done(s);
  if (n == 0) return 0;
  json_t *run = NULL;
  if (leads_run(db, &a, 0, "drunk_licence", "manual", &run, e)) return -1;
  if (fp) {
    fprintf(fp, "运行数据模型“醉驾未吊销驾驶证”：线索 %lld 条\n",
            (long long)json_integer_value(json_object_get(run, "leads_found")));
  }
  json_decref(run);
  return 0;
}
