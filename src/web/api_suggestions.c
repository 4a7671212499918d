/* api_suggestions.c: the 检察建议 routes (docs/api-suggestions.md). Handlers translate HTTP to app/suggestions.c;
 * every check happens there. */
#include <stdint.h>
#include <string.h>

#include "app/suggestions.h"
#include "core/suggestion.h"
#include "web/api.h"
#include "web/api_export.h"

static int api_result(Req *r, int rc, int status, json_t *out, const JwErr *e) {
  return rc ? reply_error(r, e) : reply_json(r, status, out);
}

/* The list's query (an ExportQuery): ?scope=mine|all, state (a state or "open"), type, agency_id, case_id,
 * overdue=true, q; the page, or with x every row. */
static int suggestions_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  int limit = 0, offset = 0;
  const char *zScope = NULL, *zState = NULL, *zType = NULL, *zOverdue = NULL, *zQuery = NULL;
  int64_t agencyId = 0, caseId = 0;
  if ((!x && req_paging(r, &limit, &offset, e)) || req_query_str(r, "scope", 16, &zScope, e) ||
      req_query_str(r, "state", 16, &zState, e) || req_query_str(r, "type", 24, &zType, e) ||
      req_query_str(r, "overdue", 8, &zOverdue, e) || req_query_str(r, "q", 100, &zQuery, e) ||
      req_query_int(r, "agency_id", 1, INT64_MAX, 0, &agencyId, e) ||
      req_query_int(r, "case_id", 1, INT64_MAX, 0, &caseId, e)) {
    return -1;
  }
  if (zScope && strcmp(zScope, "mine") != 0 && strcmp(zScope, "all") != 0) {
    return err_field(e, "scope", "参数 scope 必须是 mine 或 all");
  }
  SugState st;
  if (zState && strcmp(zState, "open") != 0 && sug_state_parse(zState, &st)) {
    return err_field(e, "state", "参数 state 必须是 open、draft、issued、served、objected、replied 或 closed");
  }
  if (zType && !sug_code_in(sug_type_codes, zType)) {
    return err_field(e, "type", "参数 type 必须是 retrial、correction、public_interest、social_governance 或 other");
  }
  if (zOverdue && strcmp(zOverdue, "true") != 0 && strcmp(zOverdue, "false") != 0) {
    return err_field(e, "overdue", "参数 overdue 必须是 true 或 false");
  }
  SuggestionFilter f = {0};
  f.prosecutorId = zScope && strcmp(zScope, "mine") == 0 ? r->session.actor.userId : 0;
  f.agencyId = agencyId;
  f.linkedCaseId = caseId;
  f.zState = zState;
  f.zType = zType;
  f.overdue = zOverdue && strcmp(zOverdue, "true") == 0;
  f.zQuery = zQuery && *zQuery ? zQuery : NULL;
  f.limit = limit;
  f.offset = offset;
  f.pExport = x;
  return suggestions_list(r->db, &r->session.actor, f, out, e);
}

int api_suggestions_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = suggestions_query(r, NULL, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_suggestions_export(Req *r) {
  return export_reply(r, &export_suggestions, suggestions_query);
}

int api_suggestions_by_agency(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = suggestions_by_agency(r->db, &r->session.actor, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_suggestions_get(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = suggestions_get(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_suggestions_create(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = suggestions_create(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 201, out, &e);
}

int api_suggestions_update(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = suggestions_update(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_suggestions_event(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int status = 201;
  int rc = suggestions_event(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &status, &e);
  return api_result(r, rc, status, out, &e);
}
