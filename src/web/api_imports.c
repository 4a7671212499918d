/* api_imports.c: the import routes (docs/api-imports.md). The upload routes take the file as the raw request body,
 * streamed to a temporary file by the server (router.h BODY_FILE_MAX), with the options in the query string; the
 * handlers translate to app/imports.c, where every check happens. */
#include <stdint.h>
#include <string.h>

#include "app/imports.h"
#include "core/import_rules.h"
#include "store/import_store.h"
#include "web/api.h"
#include "web/api_export.h"
#include "web/import_progress.h"

#define IMPORT_REPORT_INLINE 200 /* rejections in the upload's reply and GET /imports/{id}; the rest: paged list */

typedef struct Progress {
  int64_t userId;
  const char *zToken;
} Progress;

static void on_progress(void *pCtx, uint64_t done, uint64_t total) {
  Progress *p = pCtx;
  import_progress_set(p->userId, p->zToken, "import", done, total, 0);
}

/* The upload's options from the query string, into *q. 0, or -1 with e naming the parameter. */
static int upload_request(Req *r, ImportRequest *q, const char **pzToken, JwErr *e) {
  memset(q, 0, sizeof *q);
  const char *zToken = NULL;
  if (req_query_str(r, "kind", 16, &q->zKind, e) || req_query_str(r, "source", IMPORT_SOURCE_MAX, &q->zSource, e) ||
      req_query_str(r, "mapping", 2000, &q->zMapping, e) || req_query_str(r, "sheet", 100, &q->zSheet, e) ||
      req_query_str(r, "file_name", IMPORT_FILE_NAME_MAX, &q->zFileName, e) ||
      req_query_str(r, "progress", IMPORT_PROGRESS_TOKEN, &zToken, e)) {
    return -1;
  }
  if (!q->zKind) return err_field(e, "kind", "缺少参数 kind（licence 或 penalty）");
  if (zToken && !import_progress_token_ok(zToken)) {
    return err_field(e, "progress", "参数 progress 必须是 8 到 64 个字母、数字、_ 或 -");
  }
  if (r->uploadFailed) return err_internal(e, "the upload could not be written to a temporary file");
  if (!r->zUploadPath[0] || r->uploadBytes == 0) return err_field(e, "file", "没有上传文件（请求体为空）");
  q->zPath = r->zUploadPath;
  if (!q->zFileName) q->zFileName = "upload";
  *pzToken = zToken;
  return 0;
}

int api_imports_create(Req *r) {
  JwErr e;
  ImportRequest q;
  const char *zToken = NULL;
  if (upload_request(r, &q, &zToken, &e)) return reply_error(r, &e);
  Progress p = {r->session.actor.userId, zToken};
  if (zToken) {
    q.xProgress = on_progress;
    q.pProgressCtx = &p;
    import_progress_set(p.userId, zToken, "import", 0, r->uploadBytes, 0);
  }
  ImportResult res;
  if (imports_run(r->db, &r->session.actor, &q, &res, &e)) {
    if (zToken) import_progress_set(p.userId, zToken, "failed", 0, 0, 0);
    return reply_error(r, &e);
  }
  if (zToken) import_progress_set(p.userId, zToken, "done", r->uploadBytes, r->uploadBytes, res.batchId);
  json_t *b = NULL;
  if (imports_batch_get(r->db, &r->session.actor, res.batchId, IMPORT_REPORT_INLINE, &b, &e)) return reply_error(r, &e);
  json_object_set_new(b, "already_imported", json_boolean(res.alreadyImported));
  if (!res.alreadyImported) json_object_set_new(b, "id_missing", json_integer(res.idMissing));
  return reply_json(r, res.alreadyImported ? 200 : 201, b);
}

int api_imports_preview(Req *r) {
  JwErr e;
  ImportRequest q;
  const char *zToken = NULL;
  if (upload_request(r, &q, &zToken, &e)) return reply_error(r, &e);
  json_t *out = NULL;
  if (imports_preview(r->db, &r->session.actor, &q, &out, &e)) return reply_error(r, &e);
  return reply_json(r, 200, out);
}

int api_imports_progress(Req *r) {
  JwErr e;
  const char *zToken = NULL;
  if (req_query_str(r, "token", IMPORT_PROGRESS_TOKEN, &zToken, &e)) return reply_error(r, &e);
  if (!zToken || !import_progress_token_ok(zToken)) {
    return reply_err(r, 400, "validation_failed", "token", "参数 token 必须是 8 到 64 个字母、数字、_ 或 -");
  }
  json_t *o = import_progress_get(r->session.actor.userId, zToken);
  if (!o) return reply_err(r, 404, "not_found", "token", "没有这个导入进度（尚未开始或已过期）");
  return reply_json(r, 200, o);
}

int api_imports_get(Req *r) {
  JwErr e;
  json_t *out = NULL;
  if (imports_batch_get(r->db, &r->session.actor, r->aPathId[0], IMPORT_REPORT_INLINE, &out, &e)) {
    return reply_error(r, &e);
  }
  return reply_json(r, 200, out);
}

/* The lists: one query function each (an ExportQuery, so that an export runs the list's own query). */
static int list_query(Req *r, const char *zList, StoreExport *x, json_t **out, JwErr *e) {
  ImportListFilter f = {0};
  const char *zKind = NULL, *zId = NULL, *zStatus = NULL;
  int64_t batchId = 0;
  if ((!x && req_paging(r, &f.limit, &f.offset, e)) || req_query_str(r, "kind", 16, &zKind, e) ||
      req_query_str(r, "id_number", 18, &zId, e) || req_query_str(r, "status", 16, &zStatus, e) ||
      req_query_int(r, "batch_id", 1, INT64_MAX, 0, &batchId, e)) {
    return -1;
  }
  if (zKind && !import_kind(zKind)) return err_field(e, "kind", "参数 kind 必须是 licence 或 penalty");
  if (zStatus && strcmp(zStatus, "valid") != 0 && strcmp(zStatus, "revoked") != 0 &&
      strcmp(zStatus, "suspended") != 0 && strcmp(zStatus, "cancelled") != 0) {
    return err_field(e, "status", "参数 status 必须是 valid、revoked、suspended 或 cancelled");
  }
  f.zKind = zKind;
  f.zIdNumber = zId;
  f.zStatus = zStatus;
  f.batchId = strcmp(zList, "rejections") == 0 ? r->aPathId[0] : batchId;
  f.pExport = x;
  return imports_list(r->db, &r->session.actor, zList, f, out, e);
}

static int batches_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  return list_query(r, "batches", x, out, e);
}
static int rejections_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  return list_query(r, "rejections", x, out, e);
}
static int licence_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  return list_query(r, "licence", x, out, e);
}
static int penalty_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  return list_query(r, "penalty", x, out, e);
}

static int list_reply(Req *r, ExportQuery xQuery) {
  JwErr e;
  json_t *out = NULL;
  if (xQuery(r, NULL, &out, &e)) return reply_error(r, &e);
  return reply_json(r, 200, out);
}

int api_imports_list(Req *r) {
  return list_reply(r, batches_query);
}
int api_imports_rejections(Req *r) {
  return list_reply(r, rejections_query);
}
int api_licence_records_list(Req *r) {
  return list_reply(r, licence_query);
}
int api_penalty_records_list(Req *r) {
  return list_reply(r, penalty_query);
}

/* ---- the validation report and the record lists as XLSX ---- */

static const char *label_licence_status(const char *z) {
  static const char *const a[][2] = {
      {"valid", "有效"}, {"revoked", "吊销"}, {"suspended", "暂扣"}, {"cancelled", "注销"}};
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    if (strcmp(a[i][0], z) == 0) return a[i][1];
  }
  return NULL;
}

/* clang-format off */
static const XlsxColumn rejection_columns[] = {
  {"row",    "行号", XLSX_INTEGER, 8,  NULL},
  {"column", "列",   XLSX_TEXT,    20, NULL},
  {"reason", "原因", XLSX_TEXT,    70, NULL},
};
static const XlsxColumn licence_columns[] = {
  {"id_number",      "公民身份号码",     XLSX_TEXT, 20, NULL},
  {"id_number_raw",  "原始证件号码",     XLSX_TEXT, 20, NULL},
  {"name",           "姓名",             XLSX_TEXT, 12, NULL},
  {"birth_date",     "出生日期",         XLSX_DATE, 12, NULL},
  {"licence_number", "驾驶证号",         XLSX_TEXT, 20, NULL},
  {"licence_class",  "准驾车型",         XLSX_TEXT, 10, NULL},
  {"status",         "状态",             XLSX_CODE, 8,  label_licence_status},
  {"status_on",      "状态日期",         XLSX_DATE, 12, NULL},
  {"reissued_on",    "重新取得日期",     XLSX_DATE, 12, NULL},
  {"agency_name",    "发证机关",         XLSX_TEXT, 24, NULL},
};
static const XlsxColumn penalty_columns[] = {
  {"id_number",       "公民身份号码",     XLSX_TEXT, 20, NULL},
  {"credit_code",     "统一社会信用代码", XLSX_TEXT, 20, NULL},
  {"name",            "姓名或名称",       XLSX_TEXT, 16, NULL},
  {"agency_name",     "处罚机关",         XLSX_TEXT, 24, NULL},
  {"penalty_type",    "处罚种类",         XLSX_CODE, 16, import_penalty_type_name},
  {"decision_number", "决定书文号",       XLSX_TEXT, 28, NULL},
  {"decided_on",      "处罚决定日期",     XLSX_DATE, 12, NULL},
  {"amount_fen",      "罚款金额（分）",   XLSX_INTEGER, 12, NULL},
};
static const ExportParam record_params[] = {
  {"batch_id",  "导入批次",     EXPORT_PARAM_TEXT, NULL, NULL},
  {"id_number", "公民身份号码", EXPORT_PARAM_TEXT, NULL, NULL},
  {"status",    "状态",         EXPORT_PARAM_CODE, label_licence_status, NULL},
};
#define NCOL(a) ((int)(sizeof(a) / sizeof((a)[0])))
static const ExportSpec export_import_rejections = {{"导入校验报告", "import-report", rejection_columns,
                                                     NCOL(rejection_columns)}, "export.import_rejections", "import",
                                                    NULL, 0};
static const ExportSpec export_licence_records = {{"驾驶证信息", "licence-records", licence_columns,
                                                   NCOL(licence_columns)}, "export.licence_records", "import",
                                                  record_params, NCOL(record_params)};
static const ExportSpec export_penalty_records = {{"行政处罚信息", "penalty-records", penalty_columns,
                                                   NCOL(penalty_columns)}, "export.penalty_records", "import",
                                                  record_params, 2};
/* clang-format on */

int api_imports_rejections_export(Req *r) {
  return export_reply(r, &export_import_rejections, rejections_query);
}
int api_licence_records_export(Req *r) {
  return export_reply(r, &export_licence_records, licence_query);
}
int api_penalty_records_export(Req *r) {
  return export_reply(r, &export_penalty_records, penalty_query);
}
