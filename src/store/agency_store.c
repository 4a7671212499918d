/* agency_store.c: SQL for the office's registry of agencies (see agency_store.h). */
#include "store/agency_store.h"

#include <stdlib.h>

#include "lib/buf.h"
#include "store/store_util.h"

int agency_store_ensure(Db *db, int64_t orgId, const char *zName, const char *zKind, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO agency(org_id, name, kind, created_at) VALUES (?1, ?2, ?3, ?4)"
                       " ON CONFLICT(org_id, name) DO NOTHING");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zName);
  db_bind_text(s, 3, zKind);
  db_bind_text(s, 4, zNow);
  return store_step_done(s);
}

#define AGENCY_SELECT \
  "SELECT a.id, a.name, a.kind, a.credit_code, a.address, a.contact_person, a.phone, a.superior_id, s.name"
#define AGENCY_FROM " FROM agency a LEFT JOIN agency s ON s.id = a.superior_id"

static json_t *agency_from_row(Stmt *s) {
  return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)db_col_int(s, 0), "name",
                   db_col_text(s, 1), "kind", store_col_text_or_null(s, 2), "credit_code", store_col_text_or_null(s, 3),
                   "address", store_col_text_or_null(s, 4), "contact_person", store_col_text_or_null(s, 5), "phone",
                   store_col_text_or_null(s, 6), "superior_id", store_col_int_or_null(s, 7), "superior_name",
                   store_col_text_or_null(s, 8));
}

typedef struct AgencyBind {
  const AgencyFilter *f;
  const char *zLike;
} AgencyBind;

static void agency_bind(Stmt *s, const void *ctx) {
  const AgencyBind *b = ctx;
  db_bind_int(s, 1, b->f->orgId);
  if (b->zLike) db_bind_text(s, 2, b->zLike);
  if (b->f->zKind) db_bind_text(s, 3, b->f->zKind);
}

json_t *agency_store_list(Db *db, const AgencyFilter *f) {
  AgencyBind b = {f, f->zQuery ? store_like_pattern(f->zQuery) : NULL};
  Buf where = BUF_INIT;
  buf_puts(&where, " WHERE a.org_id = ?1");
  if (b.zLike) {
    buf_puts(&where,
             " AND (lower(a.name) LIKE lower(?2) ESCAPE '\\' OR lower(a.credit_code) LIKE lower(?2) ESCAPE '\\')");
  }
  if (f->zKind) buf_puts(&where, " AND a.kind = ?3");
  StoreListQuery q = {"FROM agency a",
                      AGENCY_SELECT AGENCY_FROM,
                      " ORDER BY a.name, a.id LIMIT ?4 OFFSET ?5",
                      4,
                      agency_bind,
                      &b,
                      agency_from_row,
                      f->pExport};
  json_t *out = store_list(db, &q, &where, f->limit, f->offset);
  buf_free(&where);
  free((char *)b.zLike);
  return out;
}

json_t *agency_store_get(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(
      db, AGENCY_SELECT ", a.note, a.created_at, a.updated_at" AGENCY_FROM " WHERE a.org_id = ?1 AND a.id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  json_t *o = NULL;
  if (db_step(s) == DB_ROW) {
    o = agency_from_row(s);
    json_object_set_new(o, "note", store_col_text_or_null(s, 9));
    json_object_set_new(o, "created_at", json_string(db_col_text(s, 10)));
    json_object_set_new(o, "updated_at", store_col_text_or_null(s, 11));
  }
  db_done(s);
  return o;
}

static void agency_bind_row(Stmt *s, const AgencyRow *a) {
  db_bind_text(s, 3, a->zName);
  db_bind_text(s, 4, a->zKind);
  db_bind_text(s, 5, a->zCreditCode);
  db_bind_text(s, 6, a->zAddress);
  db_bind_text(s, 7, a->zContact);
  db_bind_text(s, 8, a->zPhone);
  if (a->superiorId > 0) db_bind_int(s, 9, a->superiorId);
  else db_bind_null(s, 9);
  db_bind_text(s, 10, a->zNote);
}

int64_t agency_store_insert(Db *db, int64_t orgId, const AgencyRow *a, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO agency(org_id, created_at, name, kind, credit_code, address, contact_person, phone,"
                       " superior_id, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zNow);
  agency_bind_row(s, a);
  return store_insert_id(s);
}

int agency_store_update(Db *db, int64_t orgId, int64_t id, const AgencyRow *a, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "UPDATE agency SET name = ?3, kind = ?4, credit_code = ?5, address = ?6, contact_person = ?7,"
                       " phone = ?8, superior_id = ?9, note = ?10, updated_at = ?11 WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  agency_bind_row(s, a);
  db_bind_text(s, 11, zNow);
  return store_step_done(s);
}

/* The id a one-row id query found, 0 for none, -1 on an error. */
static int64_t agency_id_query(Stmt *s) {
  int rc = db_step(s);
  int64_t id = rc == DB_ROW ? db_col_int(s, 0) : rc == DB_DONE ? 0 : -1;
  db_done(s);
  return id;
}

int64_t agency_store_id_by_name(Db *db, int64_t orgId, const char *zName) {
  Stmt *s = db_prepare(db, "SELECT id FROM agency WHERE org_id = ?1 AND name = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zName);
  return agency_id_query(s);
}

int64_t agency_store_id_by_code(Db *db, int64_t orgId, const char *zCode) {
  Stmt *s = db_prepare(db, "SELECT id FROM agency WHERE org_id = ?1 AND credit_code = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zCode);
  return agency_id_query(s);
}

int64_t agency_store_superior(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(db, "SELECT coalesce(superior_id, 0) FROM agency WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  return agency_id_query(s);
}

int agency_store_exists(Db *db, int64_t orgId, int64_t id) {
  Stmt *s = db_prepare(db, "SELECT 1 FROM agency WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  return (int)agency_id_query(s);
}
