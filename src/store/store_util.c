/* store_util.c: LIKE patterns, paged list replies and rows grouped by id (see store_util.h). */
#include "store/store_util.h"

#include <stdio.h>
#include <string.h>

#include "lib/mem.h"

char *store_like_pattern(const char *zQuery) {
  size_t n = strlen(zQuery);
  char *z = xmalloc(2 * n + 3), *p = z;
  *p++ = '%';
  for (size_t i = 0; i < n; i++) {
    if (zQuery[i] == '%' || zQuery[i] == '_' || zQuery[i] == '\\') *p++ = '\\';
    *p++ = zQuery[i];
  }
  *p++ = '%';
  *p = 0;
  return z;
}

void store_each_listed(const char *zList, void (*xItem)(const char *zItem, void *ctx), void *ctx) {
  while (*zList) {
    const char *zComma = strchr(zList, ',');
    size_t n = zComma ? (size_t)(zComma - zList) : strlen(zList);
    char zItem[64];
    if (n < sizeof zItem) {
      memcpy(zItem, zList, n);
      zItem[n] = 0;
      xItem(zItem, ctx);
    }
    zList += n + (zComma ? 1 : 0);
  }
}

json_t *store_page(Stmt *pCount, Stmt *pPage, json_t *(*xRow)(Stmt *s), int limit, int offset) {
  return store_page_capped(pCount, pPage, xRow, limit, offset, STORE_COUNT_CAP);
}

json_t *store_page_capped(Stmt *pCount, Stmt *pPage, json_t *(*xRow)(Stmt *s), int limit, int offset, int cap) {
  int64_t total = db_step(pCount) == DB_ROW ? db_col_int(pCount, 0) : -1;
  db_done(pCount);
  if (total < 0) {
    db_done(pPage);
    return NULL;
  }
  json_t *items = json_array();
  int rc;
  while ((rc = db_step(pPage)) == DB_ROW) json_array_append_new(items, xRow(pPage));
  db_done(pPage);
  if (rc == DB_ERROR) {
    json_decref(items);
    return NULL;
  }
  int capped = total > cap;
  if (capped) total = cap;
  return json_pack("{s:o, s:I, s:i, s:i, s:b}", "items", items, "total", (json_int_t)total, "limit", limit, "offset",
                   offset, "total_capped", capped);
}

int store_step_done(Stmt *s) {
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

int64_t store_insert_id(Stmt *s) {
  int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
  db_done(s);
  return id;
}

json_t *store_group_by_id(Stmt *s, json_t *(*xItem)(Stmt *s)) {
  json_t *o = json_object();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    char zKey[24];
    snprintf(zKey, sizeof zKey, "%lld", (long long)db_col_int(s, 0));
    json_t *a = json_object_get(o, zKey);
    if (!a) json_object_set_new(o, zKey, a = json_array());
    json_array_append_new(a, xItem(s));
  }
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(o);
    return NULL;
  }
  return o;
}

json_t *store_col_text_or_null(Stmt *s, int i) {
  return db_col_is_null(s, i) ? json_null() : json_string(db_col_text(s, i));
}

json_t *store_col_int_or_null(Stmt *s, int i) {
  return db_col_is_null(s, i) ? json_null() : json_integer(db_col_int(s, i));
}

json_t *store_ratio(int64_t num, int64_t den, int places) {
  if (!den) return json_null();
  int64_t scale = 1;
  for (int i = 0; i < places; i++) scale *= 10;
  return json_real((double)(num * scale / den) / (double)scale);
}

void store_sql_join(Buf *out, const char *zHead, const Buf *clause, const char *zTail) {
  buf_puts(out, zHead);
  buf_append(out, clause->z ? clause->z : "", clause->n);
  buf_puts(out, zTail);
}

static json_t *store_list_page(Db *db, const StoreListQuery *q, const char *zKey, const Buf *where, int limit,
                               int offset, int cap);

json_t *store_list(Db *db, const StoreListQuery *q, const Buf *where, int limit, int offset) {
  return store_list_page(db, q, NULL, where, limit, offset, STORE_COUNT_CAP);
}

json_t *store_list_keyed(Db *db, const StoreListQuery *q, const char *zKey, const Buf *where, int limit, int offset) {
  return store_list_page(db, q, zKey, where, limit, offset, STORE_COUNT_CAP);
}

json_t *store_list_capped(Db *db, const StoreListQuery *q, const Buf *where, int limit, int offset, int cap) {
  return store_list_page(db, q, NULL, where, limit, offset, cap);
}

static json_t *store_list_page(Db *db, const StoreListQuery *q, const char *zKey, const Buf *where, int limit,
                               int offset, int cap) {
  if (q->pExport) return store_export(db, q, where, q->pExport);
  Buf count = BUF_INIT, page = BUF_INIT;
  char zTail[48]; /* the cap is the program's constant, never input */
  snprintf(zTail, sizeof zTail, " LIMIT %d) AS capped", cap + 1);
  buf_puts(&count, "SELECT count(*) FROM (SELECT 1 ");
  store_sql_join(&count, q->zFrom, where, zTail);
  if (zKey) {
    /* the page's keys first, then their joins, in the same order (zOrder without its LIMIT and OFFSET) */
    const char *zLimit = strstr(q->zOrder, " LIMIT ");
    buf_puts(&page, q->zSelect); /* the literal fragments of the list, and its key (a literal column name) */
    buf_puts(&page, " WHERE ");
    buf_puts(&page, zKey);
    buf_puts(&page, " IN (SELECT ");
    buf_puts(&page, zKey);
    buf_puts(&page, " ");
    store_sql_join(&page, q->zFrom, where, q->zOrder);
    buf_puts(&page, ")");
    buf_append(&page, q->zOrder, zLimit ? (size_t)(zLimit - q->zOrder) : strlen(q->zOrder));
  } else {
    store_sql_join(&page, q->zSelect, where, q->zOrder);
  }
  Stmt *pCount = db_prepare_assembled(db, buf_cstr(&count)); /* sql-safe: literal fragments only */
  Stmt *pPage = db_prepare_assembled(db, buf_cstr(&page));   /* sql-safe: literal fragments only */
  q->xBind(pCount, q->ctx);
  q->xBind(pPage, q->ctx);
  db_bind_int(pPage, q->limitParam, limit);
  db_bind_int(pPage, q->limitParam + 1, offset);
  json_t *out = store_page_capped(pCount, pPage, q->xRow, limit, offset, cap);
  buf_free(&count);
  buf_free(&page);
  return out;
}

json_t *store_export(Db *db, const StoreListQuery *q, const Buf *where, StoreExport *x) {
  x->rows = 0;
  x->stopped = 0;
  /* the count first, capped one past the limit: a list too long is refused before a single row is handed over */
  Buf count = BUF_INIT, all = BUF_INIT;
  buf_puts(&count, "SELECT count(*) FROM (SELECT 1 ");
  store_sql_join(&count, q->zFrom, where, " LIMIT " STORE_EXPORT_MAX_SQL ") AS capped");
  Stmt *pCount = db_prepare_uncached(db, buf_cstr(&count)); /* sql-safe: literal fragments only */
  q->xBind(pCount, q->ctx);
  int64_t total = db_step(pCount) == DB_ROW ? db_col_int(pCount, 0) : -1;
  db_done(pCount);
  db_finalize(pCount);
  buf_free(&count);
  if (total < 0) return NULL;
  int64_t max = x->max > 0 && x->max < STORE_EXPORT_MAX ? x->max : STORE_EXPORT_MAX;
  if (total > max) return json_pack("{s:b, s:I}", "too_many", 1, "max", (json_int_t)max);
  /* the page's own statement, its LIMIT the cap and its OFFSET 0: the list's order, row by row */
  store_sql_join(&all, q->zSelect, where, q->zOrder);
  Stmt *pAll = db_prepare_uncached(db, buf_cstr(&all)); /* sql-safe: literal fragments only */
  q->xBind(pAll, q->ctx);
  db_bind_int(pAll, q->limitParam, max);
  db_bind_int(pAll, q->limitParam + 1, 0);
  int rc;
  while ((rc = db_step(pAll)) == DB_ROW) {
    json_t *row = q->xRow(pAll);
    int stop = x->xRow(row, x->ctx);
    json_decref(row);
    if (stop) {
      x->stopped = 1;
      break;
    }
    x->rows++;
  }
  db_done(pAll);
  db_finalize(pAll);
  buf_free(&all);
  if (rc == DB_ERROR || x->stopped) return NULL;
  return json_pack("{s:I}", "rows", (json_int_t)x->rows);
}
