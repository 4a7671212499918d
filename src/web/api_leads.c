/* api_leads.c: the data-matching models and leads routes (docs/api-leads.md). Handlers translate HTTP to
 * app/leads.c; every check happens there. */
#include <stdint.h>
#include <string.h>

#include "app/leads.h"
#include "web/api.h"
#include "web/api_export.h"

static int api_result(Req *r, int rc, int status, json_t *out, const JwErr *e) {
  return rc ? reply_error(r, e) : reply_json(r, status, out);
}

int api_models_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = leads_models(r->db, &r->session.actor, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_models_update(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = leads_model_update(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_models_run(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = json_object_size(r->in) ? err_field(&e, "body", "运行模型不需要请求内容") : 0;
  if (!rc) rc = leads_run(r->db, &r->session.actor, r->aPathId[0], NULL, "manual", &out, &e);
  return api_result(r, rc, 201, out, &e);
}

int api_models_runs(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = leads_runs(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, 200, out, &e);
}

/* The list's query: model_id, state, reason, agency_id, q. */
static int leads_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  int limit = 0, offset = 0;
  const char *zState = NULL, *zReason = NULL, *zQuery = NULL;
  int64_t modelId = 0, agencyId = 0;
  if ((!x && req_paging(r, &limit, &offset, e)) || req_query_str(r, "state", 16, &zState, e) ||
      req_query_str(r, "reason", 32, &zReason, e) || req_query_str(r, "q", 100, &zQuery, e) ||
      req_query_int(r, "model_id", 1, INT64_MAX, 0, &modelId, e) ||
      req_query_int(r, "agency_id", 1, INT64_MAX, 0, &agencyId, e)) {
    return -1;
  }
  if (zState && strcmp(zState, "new") != 0 && strcmp(zState, "confirmed") != 0 && strcmp(zState, "dismissed") != 0) {
    return err_field(e, "state", "参数 state 必须是 new、confirmed 或 dismissed");
  }
  if (zReason && strcmp(zReason, "not_revoked") != 0 && strcmp(zReason, "reissued_in_bar") != 0) {
    return err_field(e, "reason", "参数 reason 必须是 not_revoked 或 reissued_in_bar");
  }
  LeadFilter f = {0};
  f.modelId = modelId;
  f.agencyId = agencyId;
  f.zState = zState;
  f.zReason = zReason;
  f.zQuery = zQuery && *zQuery ? zQuery : NULL;
  f.limit = limit;
  f.offset = offset;
  f.pExport = x;
  return leads_list(r->db, &r->session.actor, f, out, e);
}

int api_leads_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = leads_query(r, NULL, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

static const char *label_lead_state(const char *z) {
  return strcmp(z, "new") == 0         ? "待核实"
         : strcmp(z, "confirmed") == 0 ? "属实"
         : strcmp(z, "dismissed") == 0 ? "排除"
                                       : NULL;
}
static const char *label_licence_status(const char *z) {
  static const char *const a[][2] = {
      {"valid", "有效"}, {"revoked", "吊销"}, {"suspended", "暂扣"}, {"cancelled", "注销"}};
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    if (strcmp(a[i][0], z) == 0) return a[i][1];
  }
  return NULL;
}
static const char *label_reason(const char *z) {
  return strcmp(z, "not_revoked") == 0 ? "逾期未吊销" : strcmp(z, "reissued_in_bar") == 0 ? "禁止期内重新取得" : NULL;
}

/* clang-format off */
static const XlsxColumn lead_columns[] = {
  {"name",              "姓名",         XLSX_TEXT, 12, NULL},
  {"id_number",         "公民身份号码", XLSX_TEXT, 20, NULL},
  {"case_number",       "案号",         XLSX_TEXT, 28, NULL},
  {"decision_on",       "决定日期",     XLSX_DATE, 12, NULL},
  {"licence_number",    "驾驶证号",     XLSX_TEXT, 20, NULL},
  {"licence_status",    "驾驶证状态",   XLSX_CODE, 10, label_licence_status},
  {"their_agency_name", "发证机关",     XLSX_TEXT, 24, NULL},
  {"reason",            "线索类型",     XLSX_CODE, 16, label_reason},
  {"state",             "核实结果",     XLSX_CODE, 8,  label_lead_state},
};
static const ExportParam lead_params[] = {
  {"state",     "核实结果", EXPORT_PARAM_CODE, label_lead_state, NULL},
  {"reason",    "线索类型", EXPORT_PARAM_CODE, label_reason, NULL},
  {"agency_id", "机关",     EXPORT_PARAM_TEXT, NULL, NULL},
};
static const ExportSpec export_leads = {{"线索人员名单", "leads", lead_columns, (int)(sizeof lead_columns / sizeof lead_columns[0])},
                                        "export.leads", "lead", lead_params, 3};
/* clang-format on */

int api_leads_export(Req *r) {
  return export_reply(r, &export_leads, leads_query);
}

int api_leads_get(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = leads_get(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_leads_verify(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = leads_verify(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_leads_suggest(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = leads_to_suggestion(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 201, out, &e);
}

int api_lead_candidates(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int limit = 0, offset = 0;
  const char *zState = NULL;
  int rc = req_paging(r, &limit, &offset, &e) || req_query_str(r, "state", 16, &zState, &e);
  if (!rc && zState && strcmp(zState, "new") != 0 && strcmp(zState, "confirmed") != 0 &&
      strcmp(zState, "rejected") != 0) {
    rc = err_field(&e, "state", "参数 state 必须是 new、confirmed 或 rejected");
  }
  if (!rc) rc = leads_candidates(r->db, &r->session.actor, zState, limit, offset, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_lead_candidate_decide(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = leads_candidate_decide(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}
