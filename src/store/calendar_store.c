/* calendar_store.c: SQL for the imported holiday calendars (see calendar_store.h). */
#include "store/calendar_store.h"

#include "store/store_util.h"

#include <string.h>

int64_t calendar_store_version(Db *db) {
  Stmt *s = db_prepare(db, "SELECT coalesce(max(id), 0) FROM calendar_import");
  int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
  db_done(s);
  return v;
}

int calendar_store_each(Db *db, int (*xText)(const char *z, size_t n, void *ctx), void *ctx) {
  Stmt *s = db_prepare(db, "SELECT text FROM calendar_import ORDER BY id");
  int rc, out = 0;
  while ((rc = db_step(s)) == DB_ROW) {
    const char *z = db_col_text(s, 0);
    out = xText(z, strlen(z), ctx);
    if (out) break;
  }
  db_done(s);
  return rc == DB_ERROR ? -1 : out;
}

int64_t calendar_store_insert(Db *db, const char *zAt, int64_t userId, const char *zYears, const char *zText) {
  Stmt *s =
      db_prepare(db, "INSERT INTO calendar_import(at, user_id, years, text) VALUES (?1, ?2, ?3, ?4) RETURNING id");
  db_bind_text(s, 1, zAt);
  if (userId) db_bind_int(s, 2, userId);
  db_bind_text(s, 3, zYears);
  db_bind_text(s, 4, zText);
  return store_insert_id(s);
}
