/* import_store.c: the SQL of import_store.h. */
#include <stdlib.h>
#include <string.h>

#include "lib/mem.h"
#include "store/import_store.h"
#include "store/store_util.h"

static void bind_opt(Stmt *s, int i, const char *z) {
  if (z && *z) db_bind_text(s, i, z);
  else db_bind_null(s, i);
}

static void bind_id(Stmt *s, int i, int64_t id) {
  if (id > 0) db_bind_int(s, i, id);
  else db_bind_null(s, i);
}

int64_t import_store_batch_by_hash(Db *db, int64_t orgId, const char *zKind, const char *zHash) {
  Stmt *s = db_prepare(db, "SELECT id FROM import_batch WHERE org_id = ?1 AND kind = ?2 AND file_hash = ?3");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zKind);
  db_bind_text(s, 3, zHash);
  int rc = db_step(s);
  int64_t id = rc == DB_ROW ? db_col_int(s, 0) : rc == DB_DONE ? 0 : -1;
  db_done(s);
  return id;
}

int import_store_mapping_get(Db *db, int64_t orgId, const char *zKind, const char *zSource, char **pzColumns,
                             int64_t *pId) {
  *pzColumns = NULL;
  Stmt *s = db_prepare(db, "SELECT id, columns FROM import_mapping WHERE org_id = ?1 AND kind = ?2 AND source = ?3");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zKind);
  db_bind_text(s, 3, zSource);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    if (pId) *pId = db_col_int(s, 0);
    *pzColumns = xstrdup(db_col_text(s, 1));
  }
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int64_t import_store_mapping_put(Db *db, int64_t orgId, const char *zKind, const char *zSource, const char *zColumns,
                                 int64_t userId, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO import_mapping(org_id, kind, source, columns, updated_by, updated_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(org_id, kind, source) DO UPDATE SET"
                       " columns = excluded.columns, updated_by = excluded.updated_by,"
                       " updated_at = excluded.updated_at RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zKind);
  db_bind_text(s, 3, zSource);
  db_bind_text(s, 4, zColumns);
  bind_id(s, 5, userId);
  db_bind_text(s, 6, zNow);
  return store_insert_id(s);
}

int64_t import_store_batch_insert(Db *db, const ImportBatchRow *r) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO import_batch(org_id, kind, source, file_name, file_hash, file_bytes, format,"
                       " encoding, sheet, mapping_id, created_by, created_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id");
  db_bind_int(s, 1, r->orgId);
  db_bind_text(s, 2, r->zKind);
  db_bind_text(s, 3, r->zSource);
  db_bind_text(s, 4, r->zFileName);
  db_bind_text(s, 5, r->zFileHash);
  db_bind_int(s, 6, r->fileBytes);
  db_bind_text(s, 7, r->zFormat);
  db_bind_text(s, 8, r->zEncoding);
  bind_opt(s, 9, r->zSheet);
  bind_id(s, 10, r->mappingId);
  bind_id(s, 11, r->createdBy);
  db_bind_text(s, 12, r->zCreatedAt);
  return store_insert_id(s);
}

int import_store_batch_finish(Db *db, int64_t batchId, long total, long accepted, long duplicate, long rejected,
                              const char *zNow) {
  Stmt *s = db_prepare(db,
                       "UPDATE import_batch SET rows_total = ?2, rows_accepted = ?3, rows_duplicate = ?4,"
                       " rows_rejected = ?5, finished_at = ?6 WHERE id = ?1");
  db_bind_int(s, 1, batchId);
  db_bind_int(s, 2, total);
  db_bind_int(s, 3, accepted);
  db_bind_int(s, 4, duplicate);
  db_bind_int(s, 5, rejected);
  db_bind_text(s, 6, zNow);
  return store_step_done(s);
}

int import_store_rejection_insert(Db *db, int64_t batchId, long rowNo, const char *zColumn, const char *zReason) {
  Stmt *s =
      db_prepare(db, "INSERT INTO import_rejection(batch_id, row_no, column_name, reason) VALUES (?1, ?2, ?3, ?4)");
  db_bind_int(s, 1, batchId);
  db_bind_int(s, 2, rowNo);
  db_bind_text(s, 3, zColumn);
  db_bind_text(s, 4, zReason);
  return store_step_done(s);
}

/* Steps an INSERT ... ON CONFLICT DO NOTHING: 1 when it inserted a row, 0 when the row was there, -1 on error. */
static int step_insert_or_skip(Db *db, Stmt *s) {
  int rc = store_step_done(s);
  if (rc) return -1;
  return db_changes(db) > 0 ? 1 : 0;
}

int import_store_licence_insert(Db *db, const ImportRecordRow *r) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO licence_record(org_id, batch_id, row_no, id_number, id_number_raw, name,"
                       " birth_date, licence_number, licence_class, status, status_on, reissued_on, agency_name,"
                       " natural_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
                       " ON CONFLICT(org_id, natural_key) DO NOTHING");
  db_bind_int(s, 1, r->orgId);
  db_bind_int(s, 2, r->batchId);
  db_bind_int(s, 3, r->rowNo);
  bind_opt(s, 4, r->zIdNumber);
  db_bind_text(s, 5, r->zIdNumberRaw);
  db_bind_text(s, 6, r->zName);
  bind_opt(s, 7, r->zBirthDate);
  db_bind_text(s, 8, r->zLicenceNumber);
  db_bind_text(s, 9, r->zLicenceClass);
  db_bind_text(s, 10, r->zStatus);
  bind_opt(s, 11, r->zStatusOn);
  bind_opt(s, 12, r->zReissuedOn);
  db_bind_text(s, 13, r->zAgencyName);
  db_bind_text(s, 14, r->zNaturalKey);
  return step_insert_or_skip(db, s);
}

int import_store_penalty_insert(Db *db, const ImportRecordRow *r) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO penalty_record(org_id, batch_id, row_no, id_number, id_number_raw, credit_code,"
                       " name, birth_date, agency_name, penalty_type, decision_number, decided_on, amount_fen,"
                       " natural_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
                       " ON CONFLICT(org_id, natural_key) DO NOTHING");
  db_bind_int(s, 1, r->orgId);
  db_bind_int(s, 2, r->batchId);
  db_bind_int(s, 3, r->rowNo);
  bind_opt(s, 4, r->zIdNumber);
  db_bind_text(s, 5, r->zIdNumberRaw);
  bind_opt(s, 6, r->zCreditCode);
  db_bind_text(s, 7, r->zName);
  bind_opt(s, 8, r->zBirthDate);
  db_bind_text(s, 9, r->zAgencyName);
  db_bind_text(s, 10, r->zPenaltyType);
  db_bind_text(s, 11, r->zDecisionNumber);
  db_bind_text(s, 12, r->zDecidedOn);
  if (r->hasAmount) db_bind_int(s, 13, r->amountFen);
  else db_bind_null(s, 13);
  db_bind_text(s, 14, r->zNaturalKey);
  return step_insert_or_skip(db, s);
}

int64_t import_store_batch_org(Db *db, int64_t batchId) {
  Stmt *s = db_prepare(db, "SELECT org_id FROM import_batch WHERE id = ?1");
  db_bind_int(s, 1, batchId);
  int rc = db_step(s);
  int64_t id = rc == DB_ROW ? db_col_int(s, 0) : rc == DB_DONE ? 0 : -1;
  db_done(s);
  return id;
}

int64_t import_store_single_org(Db *db) {
  Stmt *s = db_prepare(db, "SELECT min(id), count(*) FROM org");
  int rc = db_step(s);
  int64_t id = rc == DB_ROW ? (db_col_int(s, 1) == 1 ? db_col_int(s, 0) : 0) : -1;
  db_done(s);
  return id;
}

json_t *import_store_batch_get(Db *db, int64_t orgId, int64_t batchId, int limit) {
  Stmt *s = db_prepare(db,
                       "SELECT id, kind, source, file_name, file_hash, file_bytes, format, encoding, sheet,"
                       " rows_total, rows_accepted, rows_duplicate, rows_rejected, created_at, finished_at"
                       " FROM import_batch WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, batchId);
  json_t *o = NULL;
  if (db_step(s) == DB_ROW) {
    o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:I, s:I, s:I, s:I, s:s, s:o}", "id",
                  (json_int_t)db_col_int(s, 0), "kind", db_col_text(s, 1), "source", db_col_text(s, 2), "file_name",
                  db_col_text(s, 3), "file_hash", db_col_text(s, 4), "file_bytes", (json_int_t)db_col_int(s, 5),
                  "format", db_col_text(s, 6), "encoding", db_col_text(s, 7), "sheet", store_col_text_or_null(s, 8),
                  "rows_total", (json_int_t)db_col_int(s, 9), "rows_accepted", (json_int_t)db_col_int(s, 10),
                  "rows_duplicate", (json_int_t)db_col_int(s, 11), "rows_rejected", (json_int_t)db_col_int(s, 12),
                  "created_at", db_col_text(s, 13), "finished_at", store_col_text_or_null(s, 14));
  }
  db_done(s);
  if (!o) return NULL;
  json_t *a = json_array();
  Stmt *r = db_prepare(db,
                       "SELECT row_no, column_name, reason FROM import_rejection WHERE batch_id = ?1"
                       " ORDER BY row_no, id LIMIT ?2");
  db_bind_int(r, 1, batchId);
  db_bind_int(r, 2, limit);
  while (db_step(r) == DB_ROW) {
    json_array_append_new(a, json_pack("{s:I, s:s, s:s}", "row", (json_int_t)db_col_int(r, 0), "column",
                                       db_col_text(r, 1), "reason", db_col_text(r, 2)));
  }
  db_done(r);
  json_object_set_new(o, "rejections", a);
  return o;
}

/* ---- lists ---- */

static void list_bind(Stmt *s, const void *ctx) {
  const ImportListFilter *f = ctx;
  db_bind_int(s, 1, f->orgId);
  if (f->batchId) db_bind_int(s, 2, f->batchId);
  if (f->zKind) db_bind_text(s, 3, f->zKind);
  if (f->zIdNumber) db_bind_text(s, 4, f->zIdNumber);
  if (f->zStatus) db_bind_text(s, 5, f->zStatus);
}

static json_t *batch_from_row(Stmt *s) {
  return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:I, s:I, s:I, s:I, s:s, s:o, s:o}", "id",
                   (json_int_t)db_col_int(s, 0), "kind", db_col_text(s, 1), "source", db_col_text(s, 2), "file_name",
                   db_col_text(s, 3), "file_hash", db_col_text(s, 4), "file_bytes", (json_int_t)db_col_int(s, 5),
                   "format", db_col_text(s, 6), "encoding", db_col_text(s, 7), "sheet", store_col_text_or_null(s, 8),
                   "rows_total", (json_int_t)db_col_int(s, 9), "rows_accepted", (json_int_t)db_col_int(s, 10),
                   "rows_duplicate", (json_int_t)db_col_int(s, 11), "rows_rejected", (json_int_t)db_col_int(s, 12),
                   "created_at", db_col_text(s, 13), "finished_at", store_col_text_or_null(s, 14), "created_by_name",
                   store_col_text_or_null(s, 15));
}

json_t *import_store_batches_list(Db *db, const ImportListFilter *f) {
  Buf where = BUF_INIT;
  buf_puts(&where, " WHERE b.org_id = ?1");
  if (f->zKind) buf_puts(&where, " AND b.kind = ?3");
  StoreListQuery q = {"FROM import_batch b",
                      "SELECT b.id, b.kind, b.source, b.file_name, b.file_hash, b.file_bytes, b.format, b.encoding,"
                      " b.sheet, b.rows_total, b.rows_accepted, b.rows_duplicate, b.rows_rejected, b.created_at,"
                      " b.finished_at, u.name FROM import_batch b LEFT JOIN app_user u ON u.id = b.created_by",
                      " ORDER BY b.id DESC LIMIT ?6 OFFSET ?7",
                      6,
                      list_bind,
                      f,
                      batch_from_row,
                      f->pExport};
  json_t *out = store_list(db, &q, &where, f->limit, f->offset);
  buf_free(&where);
  return out;
}

static json_t *rejection_from_row(Stmt *s) {
  return json_pack("{s:I, s:s, s:s}", "row", (json_int_t)db_col_int(s, 0), "column", db_col_text(s, 1), "reason",
                   db_col_text(s, 2));
}

json_t *import_store_rejections_list(Db *db, const ImportListFilter *f) {
  Buf where = BUF_INIT;
  buf_puts(&where, " WHERE b.org_id = ?1 AND j.batch_id = ?2");
  StoreListQuery q = {"FROM import_rejection j JOIN import_batch b ON b.id = j.batch_id",
                      "SELECT j.row_no, j.column_name, j.reason"
                      " FROM import_rejection j JOIN import_batch b ON b.id = j.batch_id",
                      " ORDER BY j.row_no, j.id LIMIT ?6 OFFSET ?7",
                      6,
                      list_bind,
                      f,
                      rejection_from_row,
                      f->pExport};
  json_t *out = store_list(db, &q, &where, f->limit, f->offset);
  buf_free(&where);
  return out;
}

static json_t *licence_from_row(Stmt *s) {
  return json_pack("{s:I, s:I, s:I, s:o, s:s, s:s, s:o, s:s, s:s, s:s, s:o, s:o, s:s}", "id",
                   (json_int_t)db_col_int(s, 0), "batch_id", (json_int_t)db_col_int(s, 1), "row",
                   (json_int_t)db_col_int(s, 2), "id_number", store_col_text_or_null(s, 3), "id_number_raw",
                   db_col_text(s, 4), "name", db_col_text(s, 5), "birth_date", store_col_text_or_null(s, 6),
                   "licence_number", db_col_text(s, 7), "licence_class", db_col_text(s, 8), "status", db_col_text(s, 9),
                   "status_on", store_col_text_or_null(s, 10), "reissued_on", store_col_text_or_null(s, 11),
                   "agency_name", db_col_text(s, 12));
}

json_t *import_store_licence_list(Db *db, const ImportListFilter *f) {
  Buf where = BUF_INIT;
  buf_puts(&where, " WHERE l.org_id = ?1");
  if (f->batchId) buf_puts(&where, " AND l.batch_id = ?2");
  if (f->zIdNumber) buf_puts(&where, " AND l.id_number = ?4");
  if (f->zStatus) buf_puts(&where, " AND l.status = ?5");
  StoreListQuery q = {"FROM licence_record l",
                      "SELECT l.id, l.batch_id, l.row_no, l.id_number, l.id_number_raw, l.name, l.birth_date,"
                      " l.licence_number, l.licence_class, l.status, l.status_on, l.reissued_on, l.agency_name"
                      " FROM licence_record l",
                      " ORDER BY l.id LIMIT ?6 OFFSET ?7",
                      6,
                      list_bind,
                      f,
                      licence_from_row,
                      f->pExport};
  json_t *out = store_list_capped(db, &q, &where, f->limit, f->offset, STORE_COUNT_CAP);
  buf_free(&where);
  return out;
}

static json_t *penalty_from_row(Stmt *s) {
  json_t *o = json_pack("{s:I, s:I, s:I, s:o, s:s, s:o, s:s, s:o, s:s, s:s, s:s, s:s}", "id",
                        (json_int_t)db_col_int(s, 0), "batch_id", (json_int_t)db_col_int(s, 1), "row",
                        (json_int_t)db_col_int(s, 2), "id_number", store_col_text_or_null(s, 3), "id_number_raw",
                        db_col_text(s, 4), "credit_code", store_col_text_or_null(s, 5), "name", db_col_text(s, 6),
                        "birth_date", store_col_text_or_null(s, 7), "agency_name", db_col_text(s, 8), "penalty_type",
                        db_col_text(s, 9), "decision_number", db_col_text(s, 10), "decided_on", db_col_text(s, 11));
  json_object_set_new(o, "amount_fen", store_col_int_or_null(s, 12));
  return o;
}

json_t *import_store_penalty_list(Db *db, const ImportListFilter *f) {
  Buf where = BUF_INIT;
  buf_puts(&where, " WHERE p.org_id = ?1");
  if (f->batchId) buf_puts(&where, " AND p.batch_id = ?2");
  if (f->zIdNumber) buf_puts(&where, " AND p.id_number = ?4");
  StoreListQuery q = {"FROM penalty_record p",
                      "SELECT p.id, p.batch_id, p.row_no, p.id_number, p.id_number_raw, p.credit_code, p.name,"
                      " p.birth_date, p.agency_name, p.penalty_type, p.decision_number, p.decided_on, p.amount_fen"
                      " FROM penalty_record p",
                      " ORDER BY p.id LIMIT ?6 OFFSET ?7",
                      6,
                      list_bind,
                      f,
                      penalty_from_row,
                      f->pExport};
  json_t *out = store_list_capped(db, &q, &where, f->limit, f->offset, STORE_COUNT_CAP);
  buf_free(&where);
  return out;
}
