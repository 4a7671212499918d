/* document_store.c: SQL for the 文书 (see document_store.h). */
#include "store/document_store.h"

#include <stdlib.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "store/store_util.h"

int document_store_template(Db *db, int64_t orgId, const char *zType, int64_t *pVersion, char **pzTitle,
                            char **pzBody) {
  Stmt *s = db_prepare(db,
                       "SELECT version, title, body FROM document_template WHERE org_id = ?1 AND doc_type = ?2"
                       " ORDER BY version DESC LIMIT 1");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zType);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    *pVersion = db_col_int(s, 0);
    *pzTitle = xstrdup(db_col_text(s, 1));
    *pzBody = xstrdup(db_col_text(s, 2));
  }
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int document_store_template_add(Db *db, int64_t orgId, const char *zType, const char *zTitle, const char *zBody,
                                int64_t userId, const char *zNow, int64_t *pVersion) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO document_template(org_id, doc_type, version, title, body, created_by, created_at)"
                       " SELECT ?1, ?2, coalesce(max(version), 0) + 1, ?3, ?4, ?5, ?6 FROM document_template"
                       " WHERE org_id = ?1 AND doc_type = ?2 RETURNING version");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zType);
  db_bind_text(s, 3, zTitle);
  db_bind_text(s, 4, zBody);
  if (userId) db_bind_int(s, 5, userId);
  db_bind_text(s, 6, zNow);
  int64_t v = store_insert_id(s);
  if (v < 0) return -1;
  *pVersion = v;
  return 0;
}

int64_t document_store_next_sequence(Db *db, int64_t orgId, const char *zType, int year) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO document_sequence(org_id, doc_type, year, last) VALUES (?1, ?2, ?3, 1)"
                       " ON CONFLICT(org_id, doc_type, year) DO UPDATE SET last = document_sequence.last + 1"
                       " RETURNING last");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zType);
  db_bind_int(s, 3, year);
  int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
  db_done(s);
  return v;
}

int document_store_org_names(Db *db, int64_t orgId, char **pzShort, char **pzName) {
  Stmt *s = db_prepare(db, "SELECT coalesce(short_name, substr(name, 1, 1)), name FROM org WHERE id = ?1");
  db_bind_int(s, 1, orgId);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    *pzShort = xstrdup(db_col_text(s, 0));
    *pzName = xstrdup(db_col_text(s, 1));
  }
  db_done(s);
  return rc == DB_ROW ? 0 : -1;
}

int document_store_case_names(Db *db, int64_t orgId, int64_t caseId, char **pzNumber, char **pzTitle) {
  Stmt *s = db_prepare(db, "SELECT case_number, title FROM case_record WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, caseId);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    *pzNumber = xstrdup(db_col_text(s, 0));
    *pzTitle = xstrdup(db_col_text(s, 1));
  }
  db_done(s);
  return rc == DB_ROW ? 0 : -1;
}

int64_t document_store_insert(Db *db, const DocumentRow *d) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO document(org_id, doc_type, number, year, seq, entity_kind, entity_id, case_id,"
                       " template_version, title, fields_json, body, issued_on, issued_by, issued_at, supersedes)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id");
  db_bind_int(s, 1, d->orgId);
  db_bind_text(s, 2, d->zType);
  db_bind_text(s, 3, d->zNumber);
  db_bind_int(s, 4, d->year);
  db_bind_int(s, 5, d->seq);
  db_bind_text(s, 6, d->zEntityKind);
  db_bind_int(s, 7, d->entityId);
  if (d->caseId) db_bind_int(s, 8, d->caseId);
  db_bind_int(s, 9, d->templateVersion);
  db_bind_text(s, 10, d->zTitle);
  db_bind_text(s, 11, d->zFieldsJson);
  db_bind_text(s, 12, d->zBody);
  db_bind_text(s, 13, d->zIssuedOn);
  if (d->issuedBy) db_bind_int(s, 14, d->issuedBy);
  db_bind_text(s, 15, d->zIssuedAt);
  if (d->supersedes) db_bind_int(s, 16, d->supersedes);
  return store_insert_id(s);
}

#define DOC_COLUMNS                                                                                               \
  "d.id, d.doc_type, d.number, d.title, d.entity_kind, d.entity_id, d.case_id, c.case_number, d.issued_on,"       \
  " u.name, n.id, d.year, d.seq, d.template_version, d.fields_json, d.body, d.issued_by, d.issued_at," \
  " d.supersedes, n.number"
#define DOC_FROM                                                                                            \
  " FROM document d LEFT JOIN case_record c ON c.id = d.case_id LEFT JOIN app_user u ON u.id = d.issued_by" \
  " LEFT JOIN document n ON n.supersedes = d.id"

static json_t *doc_item(Stmt *s) {
  return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:o, s:o, s:s, s:o, s:o}", "id", (json_int_t)db_col_int(s, 0),
                   "type", db_col_text(s, 1), "number", db_col_text(s, 2), "title", db_col_text(s, 3), "entity_kind",
                   db_col_text(s, 4), "entity_id", (json_int_t)db_col_int(s, 5), "case_id", store_col_int_or_null(s, 6),
                   "case_number", store_col_text_or_null(s, 7), "issued_on", db_col_text(s, 8), "issued_by_name",
                   store_col_text_or_null(s, 9), "superseded_by", store_col_int_or_null(s, 10));
}

json_t *document_store_get(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(db, "SELECT " DOC_COLUMNS DOC_FROM " WHERE d.org_id = ?1 AND d.id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  json_t *o = NULL;
  if (db_step(s) == DB_ROW) {
    o = doc_item(s);
    json_t *fields = json_loads(db_col_text(s, 14), 0, NULL);
    json_object_set_new(o, "year", json_integer(db_col_int(s, 11)));
    json_object_set_new(o, "seq", json_integer(db_col_int(s, 12)));
    json_object_set_new(o, "template_version", json_integer(db_col_int(s, 13)));
    json_object_set_new(o, "fields", fields ? fields : json_object());
    json_object_set_new(o, "body", json_string(db_col_text(s, 15)));
    json_object_set_new(o, "issued_by", store_col_int_or_null(s, 16));
    json_object_set_new(o, "issued_at", json_string(db_col_text(s, 17)));
    json_object_set_new(o, "supersedes", store_col_int_or_null(s, 18));
    json_object_set_new(o, "superseded_number", store_col_text_or_null(s, 19));
  }
  db_done(s);
  return o;
}

json_t *document_store_for_entity(Db *db, int64_t orgId, const char *zEntityKind, int64_t entityId) {
  Stmt *s = db_prepare(db, "SELECT " DOC_COLUMNS DOC_FROM
                           " WHERE d.org_id = ?1 AND d.entity_kind = ?2 AND d.entity_id = ?3 ORDER BY d.id DESC");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zEntityKind);
  db_bind_int(s, 3, entityId);
  json_t *a = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) json_array_append_new(a, doc_item(s));
  db_done(s);
  if (rc != DB_DONE) {
    json_decref(a);
    return NULL;
  }
  return a;
}

typedef struct DocBind {
  const DocumentFilter *f;
  const char *zLike;
} DocBind;

static void doc_bind(Stmt *s, const void *ctx) {
  const DocBind *b = ctx;
  db_bind_int(s, 1, b->f->orgId);
  if (b->f->zType) db_bind_text(s, 2, b->f->zType);
  if (b->zLike) db_bind_text(s, 3, b->zLike);
  if (b->f->zFrom) db_bind_text(s, 4, b->f->zFrom);
  if (b->f->zTo) db_bind_text(s, 5, b->f->zTo);
}

json_t *document_store_list(Db *db, const DocumentFilter *f) {
  DocBind b = {f, f->zQuery ? store_like_pattern(f->zQuery) : NULL};
  Buf where = BUF_INIT;
  buf_puts(&where, " WHERE d.org_id = ?1");
  if (f->zType) buf_puts(&where, " AND d.doc_type = ?2");
  if (b.zLike) buf_puts(&where, " AND (d.number LIKE ?3 ESCAPE '\\' OR d.body LIKE ?3 ESCAPE '\\')");
  if (f->zFrom) buf_puts(&where, " AND d.issued_on >= ?4");
  if (f->zTo) buf_puts(&where, " AND d.issued_on <= ?5");
  StoreListQuery q = {"FROM document d",
                      "SELECT " DOC_COLUMNS DOC_FROM,
                      " ORDER BY d.issued_on DESC, d.id DESC LIMIT ?6 OFFSET ?7",
                      6,
                      doc_bind,
                      &b,
                      doc_item,
                      f->pExport};
  json_t *out = store_list(db, &q, &where, f->limit, f->offset);
  buf_free(&where);
  free((char *)b.zLike);
  return out;
}

json_t *document_store_person(Db *db, int64_t orgId, int64_t caseId, int64_t personId) {
  Stmt *s = db_prepare(db,
                       "SELECT p.name, p.sex, p.birth_date, p.id_number, p.decision, p.non_prosecution_type,"
                       " p.decision_on, p.final_decision, p.final_on, c.source_agency"
                       " FROM case_person p JOIN case_record c ON c.id = p.case_id"
                       " WHERE p.org_id = ?1 AND p.case_id = ?2 AND p.id = ?3");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, caseId);
  db_bind_int(s, 3, personId);
  json_t *o = NULL;
  if (db_step(s) == DB_ROW) {
    static const char *const names[] = {
        "name",           "sex",      "birth_date",   "id_number", "decision", "non_prosecution_type", "decision_on",
        "final_decision", "final_on", "source_agency"};
    o = json_object();
    for (int i = 0; i < 10; i++) json_object_set_new(o, names[i], store_col_text_or_null(s, i));
  }
  db_done(s);
  if (!o) return NULL;
  json_t *charges = json_array();
  s = db_prepare(db, "SELECT charge FROM case_person_charge WHERE person_id = ?1 ORDER BY position, charge");
  db_bind_int(s, 1, personId);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) json_array_append_new(charges, json_string(db_col_text(s, 0)));
  db_done(s);
  json_object_set_new(o, "charges", charges);
  if (rc != DB_DONE) {
    json_decref(o);
    return NULL;
  }
  return o;
}

int document_store_unissued_non_prosecuted(Db *db, int64_t orgId, int n, int64_t *aCase, int64_t *aPerson) {
  Stmt *s =
      db_prepare(db,
                 "SELECT p.case_id, p.id FROM case_person p WHERE p.org_id = ?1 AND p.decision = 'non_prosecution'"
                 " AND (p.non_prosecution_type IS NULL OR p.non_prosecution_type <> 'conditional'"
                 "      OR p.final_decision = 'non_prosecution')"
                 " AND NOT EXISTS (SELECT 1 FROM document d WHERE d.org_id = p.org_id"
                 "   AND d.entity_kind = 'case_person' AND d.entity_id = p.id)"
                 " ORDER BY p.decision_on, p.id LIMIT ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, n);
  int k = 0, rc;
  while ((rc = db_step(s)) == DB_ROW && k < n) {
    aCase[k] = db_col_int(s, 0);
    aPerson[k] = db_col_int(s, 1);
    k++;
  }
  db_done(s);
  return rc == DB_ERROR ? -1 : k;
}
