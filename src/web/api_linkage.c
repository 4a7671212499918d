/* api_linkage.c: 行刑反向衔接 items (docs/api-linkage.md). Handlers translate HTTP to app/linkage.c; every check
 * happens there. */
#include <stdint.h>
#include <string.h>

#include "app/linkage.h"
#include "core/linkage.h"
#include "web/api.h"
#include "web/api_export.h"

/* The list's query (an ExportQuery): ?mine=1, state (a state code or open), overdue=1, agency_id, department_id, q. */
static int linkage_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  LinkageFilter f;
  memset(&f, 0, sizeof f);
  int64_t mine = 0, overdue = 0, agency = 0, dept = 0;
  const char *zState = NULL, *zQuery = NULL;
  if ((!x && req_paging(r, &f.limit, &f.offset, e)) || req_query_int(r, "mine", 0, 1, 0, &mine, e) ||
      req_query_int(r, "overdue", 0, 1, 0, &overdue, e) || req_query_int(r, "agency_id", 1, INT64_MAX, 0, &agency, e) ||
      req_query_int(r, "department_id", 1, INT64_MAX, 0, &dept, e) || req_query_str(r, "state", 24, &zState, e) ||
      req_query_str(r, "q", 50, &zQuery, e)) {
    return -1;
  }
  LinkageState st;
  if (zState && strcmp(zState, "open") != 0 && linkage_state_parse(zState, &st)) {
    return err_field(e, "state", "参数 state 不是有效的行刑衔接状态");
  }
  f.userId = mine ? r->session.actor.userId : 0;
  f.overdue = (int)overdue;
  f.agencyId = agency;
  f.departmentId = dept;
  f.zState = zState;
  f.zQuery = zQuery && *zQuery ? zQuery : NULL;
  f.pExport = x;
  return linkage_list(r->db, &r->session.actor, &f, out, e);
}

int api_linkage_by_agency(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = linkage_by_agency(r->db, &r->session.actor, &out, &e);
  return rc ? reply_error(r, &e) : reply_json(r, 200, out);
}

int api_linkage_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = linkage_query(r, NULL, &out, &e);
  return rc ? reply_error(r, &e) : reply_json(r, 200, out);
}

int api_linkage_export(Req *r) {
  return export_reply(r, &export_linkage, linkage_query);
}

int api_linkage_get(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = linkage_get(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return rc ? reply_error(r, &e) : reply_json(r, 200, out);
}

int api_linkage_event(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int status = 201;
  int rc = linkage_event(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &status, &e);
  return rc ? reply_error(r, &e) : reply_json(r, status, out);
}
