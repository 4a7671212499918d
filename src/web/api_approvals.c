/* api_approvals.c: the approval queue and the office's 权力清单 (docs/api-cases.md, "Approvals"). Handlers translate
 * HTTP to app/approvals.c; every check happens there. */
#include <stdint.h>
#include <string.h>

#include "app/approvals.h"
#include "web/api.h"
#include "web/api_export.h"

static int api_result(Req *r, int rc, json_t *out, const JwErr *e) {
  return rc ? reply_error(r, e) : reply_json(r, 200, out);
}

/* The approval list's query (an ExportQuery, api_export.h): the page, or with x every row of the same filter. */
static int approvals_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  int limit = 0, offset = 0;
  const char *zStatus = NULL, *zScope = NULL;
  if ((!x && req_paging(r, &limit, &offset, e)) || req_query_str(r, "status", 16, &zStatus, e) ||
      req_query_str(r, "scope", 16, &zScope, e)) {
    return -1;
  }
  static const char *const statuses[] = {"pending", "approved", "returned", "withdrawn"};
  int ok = !zStatus;
  for (int i = 0; i < 4 && !ok; i++) ok = strcmp(zStatus, statuses[i]) == 0;
  if (!ok) return err_field(e, "status", "参数 status 必须是 pending、approved、returned 或 withdrawn");
  return approvals_list(r->db, &r->session.actor, zStatus, zScope, limit, offset, x, out, e);
}

int api_approvals_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = approvals_query(r, NULL, &out, &e);
  return api_result(r, rc, out, &e);
}

int api_approvals_export(Req *r) {
  return export_reply(r, &export_approvals, approvals_query);
}

int api_approvals_get(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = approvals_get(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, out, &e);
}

int api_approvals_approve(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = approvals_approve(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, out, &e);
}

int api_approvals_return(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = approvals_return(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, out, &e);
}

int api_approvals_withdraw(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = approvals_withdraw(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, out, &e);
}

int api_settings_power_list_get(Req *r) {
  return reply_json(r, 200, approvals_power_list_get(r->db, &r->session.actor));
}

int api_settings_power_list_put(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = approvals_power_list_put(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, out, &e);
}
