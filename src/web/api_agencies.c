/* api_agencies.c: the office's registry of agencies (机关名录, docs/api-cases.md "Agencies"). Handlers translate HTTP
 * to the use cases in app/agencies.c; every check of the input happens there. */
#include "app/agencies.h"
#include "web/api.h"
#include "web/api_export.h"

static int api_result(Req *r, int rc, int status, json_t *out, const JwErr *e) {
  return rc ? reply_error(r, e) : reply_json(r, status, out);
}

/* The list's query (an ExportQuery, api_export.h): ?q= (part of the name or of the credit code), ?kind=, paging. */
static int agencies_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  AgencyFilter f = {.pExport = x};
  if ((!x && req_paging(r, &f.limit, &f.offset, e)) || req_query_str(r, "q", 50, &f.zQuery, e) ||
      req_query_str(r, "kind", 32, &f.zKind, e)) {
    return -1;
  }
  return agencies_list(r->db, &r->session.actor, f, out, e);
}

int api_agencies_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = agencies_query(r, NULL, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_agencies_export(Req *r) {
  return export_reply(r, &export_agencies, agencies_query);
}

int api_agencies_get(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = agencies_get(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_agencies_create(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = agencies_create(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 201, out, &e);
}

int api_agencies_update(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = agencies_update(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_reference_agency_kinds(Req *r) {
  return reply_json(r, 200, agencies_kinds());
}
