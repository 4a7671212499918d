/* api_documents.c: the 文书 routes (docs/api-documents.md): the office's documents and a record's, one document, its
 * reissue and its .docx, the templates and the 文号 format, and the 不起诉决定书 of a case's person. Handlers
 * translate HTTP to app/documents.c and app/cases.c; every check of the input happens there. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/cases.h"
#include "app/documents.h"
#include "core/document.h"
#include "lib/log.h"
#include "web/api.h"
#include "web/api_export.h"
#include "web/docx.h"

static int api_result(Req *r, int rc, int status, json_t *out, const JwErr *e) {
  return rc ? reply_error(r, e) : reply_json(r, status, out);
}

static const char *label_doc_type(const char *zCode) {
  const DocType *t = doc_type_find(zCode);
  return t ? t->zName : NULL;
}

/* The office's documents (paged, filtered by type, q, issued_from, issued_to), as a page or with x an export. */
static int documents_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  DocumentFilter f = {.pExport = x};
  if ((!x && req_paging(r, &f.limit, &f.offset, e)) || req_query_str(r, "type", 32, &f.zType, e) ||
      req_query_str(r, "q", 50, &f.zQuery, e) || req_query_date(r, "issued_from", &f.zFrom, e) ||
      req_query_date(r, "issued_to", &f.zTo, e)) {
    return -1;
  }
  return documents_list(r->db, &r->session.actor, f, out, e);
}

/* GET /api/v1/documents: with entity_kind and entity_id, that record's documents ({"items":[...]}, newest first);
 * otherwise the office's list. */
int api_documents_list(Req *r) {
  JwErr e;
  const char *zKind = NULL;
  int64_t entityId = 0;
  if (req_query_str(r, "entity_kind", 32, &zKind, &e) ||
      req_query_int(r, "entity_id", 1, INT64_MAX / 2, 0, &entityId, &e)) {
    return reply_error(r, &e);
  }
  json_t *out = NULL;
  if (zKind || entityId) {
    if (!zKind || !entityId) {
      err_field(&e, zKind ? "entity_id" : "entity_kind", "entity_kind 和 entity_id 须一起给出");
      return reply_error(r, &e);
    }
    json_t *items = NULL;
    int rc = documents_for_entity(r->db, &r->session.actor, zKind, entityId, &items, &e);
    if (!rc) out = json_pack("{s:o}", "items", items);
    return api_result(r, rc, 200, out, &e);
  }
  int rc = documents_query(r, NULL, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

/* clang-format off */
static const XlsxColumn document_columns[] = {
  {"number",         "文号",     XLSX_TEXT, 26, NULL},
  {"type",           "文书类型", XLSX_CODE, 16, label_doc_type},
  {"case_number",    "案号",     XLSX_TEXT, 26, NULL},
  {"issued_on",      "成文日期", XLSX_DATE, 12, NULL},
  {"issued_by_name", "制发人",   XLSX_TEXT, 12, NULL},
  {"superseded_by",  "已被重新制发（新文书编号）", XLSX_TEXT, 14, NULL},
};
static const ExportParam document_params[] = {
  {"type",        "文书类型",   EXPORT_PARAM_CODE, label_doc_type, NULL},
  {"q",           "搜索",       EXPORT_PARAM_TEXT, NULL, NULL},
  {"issued_from", "成文日期起", EXPORT_PARAM_TEXT, NULL, NULL},
  {"issued_to",   "成文日期止", EXPORT_PARAM_TEXT, NULL, NULL},
};
static const ExportSpec export_documents = {
  {"文书列表", "documents", document_columns, sizeof document_columns / sizeof document_columns[0]},
  "export.documents", "document", document_params, sizeof document_params / sizeof document_params[0]};
/* clang-format on */

int api_documents_export(Req *r) {
  return export_reply(r, &export_documents, documents_query);
}

int api_documents_get(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = documents_get(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_documents_reissue(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = documents_reissue(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, 201, out, &e);
}

/* Content-Disposition for the .docx: an ASCII name, and the 文号 as the UTF-8 name (RFC 5987). */
static const char *docx_disposition(Req *r, int64_t id, const char *zNumber) {
  Buf b = BUF_INIT;
  buf_printf(&b, "attachment; filename=\"document-%lld.docx\"; filename*=UTF-8''", (long long)id);
  static const char hex[] = "0123456789ABCDEF";
  Buf name = BUF_INIT;
  buf_printf(&name, "%s.docx", zNumber);
  for (size_t i = 0; i < name.n; i++) {
    unsigned char c = (unsigned char)name.z[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("!#$&+-.^_`|~", c)) {
      buf_putc(&b, (char)c);
    } else {
      char z[3] = {'%', hex[c >> 4], hex[c & 15]};
      buf_append(&b, z, 3);
    }
  }
  buf_free(&name);
  const char *z = arena_strdup(&r->arena, buf_cstr(&b));
  buf_free(&b);
  return z;
}

int api_documents_docx(Req *r) {
  JwErr e;
  json_t *doc = NULL;
  if (documents_get(r->db, &r->session.actor, r->aPathId[0], &doc, &e)) return reply_error(r, &e);
  DocxDoc d = {json_string_value(json_object_get(doc, "org_name")), json_string_value(json_object_get(doc, "title")),
               json_string_value(json_object_get(doc, "number")), json_string_value(json_object_get(doc, "body")),
               json_string_value(json_object_get(json_object_get(doc, "fields"), "date"))};
  if (!d.zDate) d.zDate = json_string_value(json_object_get(doc, "issued_on"));
  const char *zDir = getenv("TMPDIR");
  if (!zDir || !*zDir) zDir = "/tmp";
  char zPath[512];
  snprintf(zPath, sizeof zPath, "%s/jianwu-docx-XXXXXX", zDir);
  int fd = mkstemp(zPath);
  if (fd < 0) {
    log_error("docx: mkstemp in %s: %s", zDir, strerror(errno));
    json_decref(doc);
    err_internal(&e, "docx temp file");
    return reply_error(r, &e);
  }
  close(fd);
  int rc = docx_write(&d, zPath, &e);
  struct stat st;
  fd = rc ? -1 : open(zPath, O_RDONLY | O_CLOEXEC);
  unlink(zPath);
  if (!rc && (fd < 0 || fstat(fd, &st))) {
    if (fd >= 0) close(fd);
    rc = err_internal(&e, "docx reopen");
  }
  const char *zDisp = rc ? NULL : docx_disposition(r, r->aPathId[0], d.zNumber);
  json_decref(doc);
  if (rc) return reply_error(r, &e);
  return reply_fd(r, 200, fd, (uint64_t)st.st_size,
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document", zDisp);
}

int api_document_templates_get(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = documents_templates(r->db, &r->session.actor, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_document_templates_put(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = documents_template_put(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_document_settings_put(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = documents_settings_put(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_cases_person_document(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = cases_person_document(r->db, &r->session.actor, r->aPathId[0], r->aPathId[1], r->in, &out, &e);
  return api_result(r, rc, 201, out, &e);
}
