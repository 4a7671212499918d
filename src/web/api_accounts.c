/* api_accounts.c: organisations, departments and users (docs/api.md). Handlers translate HTTP to the use cases in
 * app/accounts.c and back; every check of the input happens there. */
#include <stdint.h>
#include <string.h>

#include "app/accounts.h"
#include "app/audit.h"
#include "store/accounts_store.h"
#include "web/api.h"
#include "web/api_export.h"

/* Replies with *out (201 or 200) or the error. */
static int api_result(Req *r, int rc, int status, json_t *out, const JwErr *e) {
  return rc ? reply_error(r, e) : reply_json(r, status, out);
}

int api_orgs_list(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = accounts_org_list(r->db, &r->session.actor, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_orgs_get(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = accounts_org_get(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_orgs_create(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = accounts_org_create(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 201, out, &e);
}

int api_orgs_update(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = accounts_org_update(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_departments_list(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = accounts_dept_list(r->db, &r->session.actor, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_departments_create(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = accounts_dept_create(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 201, out, &e);
}

int api_departments_update(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = accounts_dept_update(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

/* The user list's query (an ExportQuery, api_export.h): the page, or with x every row of the same filter. */
static int users_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  UserFilter f = {.orgId = r->session.actor.orgId, .active = -1, .pExport = x};
  int64_t dept = 0, active = -1;
  const char *zActive = req_query(r, "active");
  if ((!x && req_paging(r, &f.limit, &f.offset, e)) || req_query_str(r, "q", 50, &f.zQuery, e) ||
      req_query_int(r, "department_id", 1, INT64_MAX / 2, 0, &dept, e) || req_query_str(r, "role", 32, &f.zRole, e)) {
    return -1;
  }
  if (zActive && *zActive) {
    if (strcmp(zActive, "true") == 0) active = 1;
    else if (strcmp(zActive, "false") == 0) active = 0;
    else return err_field(e, "active", "参数 active 必须是 true 或 false");
  }
  f.deptId = dept;
  f.active = (int)active;
  return accounts_user_list(r->db, &f, out, e);
}

int api_users_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = users_query(r, NULL, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_users_export(Req *r) {
  return export_reply(r, &export_users, users_query);
}

int api_users_get(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = accounts_user_get(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_users_create(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = accounts_user_create(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 201, out, &e);
}

int api_users_update(Req *r) {
  json_t *out = NULL;
  JwErr e;
  int rc = accounts_user_update(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_users_password(Req *r) {
  JwErr e;
  if (accounts_user_reset_password(r->db, &r->session.actor, r->aPathId[0], r->in, &e)) return reply_error(r, &e);
  return reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

/* POST /api/v1/users/{id}/unlock: forgets the user's sign-in locks at every address; answers the User. */
int api_users_unlock(Req *r) {
  JwErr e;
  if (auth_unlock_user(r->db, &r->session.actor, r->aPathId[0], &e)) return reply_error(r, &e);
  json_t *out = NULL;
  int rc = accounts_user_get(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, 200, out, &e);
}

/* The audit log's query (an ExportQuery, api_export.h): the page, or with x every row of the same filter. Filters:
 * action, entity, user_id, case_id, case_number (part of a 案号), person (part of a person's name), from/to (days in
 * China Standard Time, from not after to). */
static int audit_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  AuditFilter f = {.orgId = r->session.actor.orgId, .pExport = x};
  if ((!x && req_paging(r, &f.limit, &f.offset, e)) || req_query_str(r, "action", 64, &f.zAction, e) ||
      req_query_str(r, "entity", 64, &f.zEntity, e) || req_query_int(r, "user_id", 1, INT64_MAX / 2, 0, &f.userId, e) ||
      req_query_int(r, "case_id", 1, INT64_MAX / 2, 0, &f.caseId, e) ||
      req_query_str(r, "case_number", 64, &f.zCase, e) || req_query_str(r, "person", 50, &f.zPerson, e) ||
      req_query_date(r, "from", &f.zFrom, e) || req_query_date(r, "to", &f.zTo, e)) {
    return -1;
  }
  if (f.zFrom && f.zTo && strcmp(f.zFrom, f.zTo) > 0) {
    return err_field(e, "to", "参数 to（结束日期 %s）不能早于 from（开始日期 %s）", f.zTo, f.zFrom);
  }
  return audit_list(r->db, &f, out, e);
}

/* GET /api/v1/audit: a page of the office's audit log (the filters of audit_query). */
int api_audit_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = audit_query(r, NULL, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_audit_export(Req *r) {
  return export_reply(r, &export_audit, audit_query);
}
