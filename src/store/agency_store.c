/* agency_store.c: SQL for the office's list of agencies (see agency_store.h). */
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

static json_t *agency_from_row(Stmt *s) {
  return json_pack("{s:I, s:s, s:o}", "id", (json_int_t)db_col_int(s, 0), "name", db_col_text(s, 1), "kind",
                   store_col_text_or_null(s, 2));
}

typedef struct AgencyBind {
  const AgencyFilter *f;
  const char *zLike;
} AgencyBind;

static void agency_bind(Stmt *s, const void *ctx) {
  const AgencyBind *b = ctx;
  db_bind_int(s, 1, b->f->orgId);
  if (b->zLike) db_bind_text(s, 2, b->zLike);
}

json_t *agency_store_list(Db *db, const AgencyFilter *f) {
  AgencyBind b = {f, f->zQuery ? store_like_pattern(f->zQuery) : NULL};
  Buf where = BUF_INIT;
  buf_puts(&where, " WHERE a.org_id = ?1");
  if (b.zLike) buf_puts(&where, " AND lower(a.name) LIKE lower(?2) ESCAPE '\\'");
  StoreListQuery q = {"FROM agency a",
                      "SELECT a.id, a.name, a.kind FROM agency a",
                      " ORDER BY a.name, a.id LIMIT ?3 OFFSET ?4",
                      3,
                      agency_bind,
                      &b,
                      agency_from_row,
                      NULL};
  json_t *out = store_list(db, &q, &where, f->limit, f->offset);
  buf_free(&where);
  free((char *)b.zLike);
  return out;
}
