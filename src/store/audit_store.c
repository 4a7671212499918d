/* audit_store.c: SQL for the audit log (see audit_store.h). */
#include "store/audit_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

#include "lib/buf.h"
#include "store/store_util.h"

int audit_store_last_hash(Db *db, char out[65]) {
  Stmt *s = db_prepare(db, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
  int rc = db_step(s);
  if (rc == DB_ROW) {
    const char *z = db_col_text(s, 0);
    size_t n = strlen(z);
    if (n != 64) n = 0;
    memcpy(out, z, n);
    out[n] = 0;
  } else {
    memset(out, '0', 64);
    out[64] = 0;
  }
  db_done(s);
  return rc == DB_ERROR ? -1 : 0;
}

int audit_store_insert(Db *db, const AuditRow *r) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO audit_log(at, org_id, user_id, action, entity, entity_id, before_json, after_json,"
                       " prev_hash, hash, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  db_bind_text(s, 1, r->zAt);
  if (r->orgId) db_bind_int(s, 2, r->orgId);
  if (r->userId) db_bind_int(s, 3, r->userId);
  db_bind_text(s, 4, r->zAction);
  db_bind_text(s, 5, r->zEntity);
  db_bind_text(s, 6, r->zEntityId);
  db_bind_text(s, 7, r->zBefore);
  db_bind_text(s, 8, r->zAfter);
  db_bind_text(s, 9, r->zPrevHash);
  db_bind_text(s, 10, r->zHash);
  db_bind_int(s, 11, r->id);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

int audit_store_each(Db *db, int (*xRow)(const AuditRow *r, void *ctx), void *ctx) {
  Stmt *s = db_prepare(db,
                       "SELECT id, at, org_id, user_id, action, entity, entity_id, before_json, after_json,"
                       " prev_hash, hash FROM audit_log ORDER BY id");
  int rc, out = 0;
  while ((rc = db_step(s)) == DB_ROW) {
    AuditRow r = {
        .id = db_col_int(s, 0),
        .zAt = db_col_text(s, 1),
        .orgId = db_col_int(s, 2),
        .userId = db_col_int(s, 3),
        .zAction = db_col_text(s, 4),
        .zEntity = db_col_text(s, 5),
        .zEntityId = db_col_is_null(s, 6) ? NULL : db_col_text(s, 6),
        .zBefore = db_col_is_null(s, 7) ? NULL : db_col_text(s, 7),
        .zAfter = db_col_is_null(s, 8) ? NULL : db_col_text(s, 8),
        .zPrevHash = db_col_text(s, 9),
        .zHash = db_col_text(s, 10),
    };
    out = xRow(&r, ctx);
    if (out) break;
  }
  if (rc == DB_ERROR) out = -1;
  db_done(s);
  return out;
}

/* The WHERE clause shared by the count and the page: each filter is bound, and a NULL binding disables it (the CAST
 * tells PostgreSQL the parameter's type). The
 * from/to dates are days in China Standard Time (UTC+8), the offices' time zone; instants are stored in UTC.
 * ?7 is a case id (as the text stored in entity_id), ?8 a LIKE pattern of part of a 案号 and ?9 of part of a
 * person's name: the three select the rows of the cases they name (entity 'case'), of this office only. */
#define AUDIT_WHERE                                                                                         \
  " WHERE a.org_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR a.action = ?2)"                                    \
  " AND (CAST(?3 AS TEXT) IS NULL OR a.entity = ?3) AND (CAST(?4 AS BIGINT) IS NULL OR a.user_id = ?4)"     \
  " AND (CAST(?5 AS TEXT) IS NULL OR a.at >= ?5) AND (CAST(?6 AS TEXT) IS NULL OR a.at < ?6)"               \
  " AND (CAST(?7 AS TEXT) IS NULL OR (a.entity = 'case' AND a.entity_id = ?7))"                             \
  " AND (CAST(?8 AS TEXT) IS NULL OR (a.entity = 'case' AND a.entity_id IN (SELECT CAST(c.id AS TEXT)"      \
  " FROM case_record c WHERE c.org_id = ?1 AND lower(c.case_number) LIKE lower(?8) ESCAPE '\\')))"          \
  " AND (CAST(?9 AS TEXT) IS NULL OR (a.entity = 'case' AND a.entity_id IN (SELECT CAST(p.case_id AS TEXT)" \
  " FROM case_person p WHERE p.org_id = ?1 AND p.name LIKE ?9 ESCAPE '\\')))"

/* The UTC instant at which day zDay (YYYY-MM-DD) + dayOffset begins in China Standard Time: 16:00Z the day before. */
static void audit_day_start_utc(const char *zDay, int dayOffset, char out[21]) {
  JwDate d;
  if (date_parse(zDay, strlen(zDay), &d)) d = 0;
  char zDate[11];
  date_format(d + dayOffset - 1, zDate);
  snprintf(out, 21, "%sT16:00:00Z", zDate);
}

/* The audit filter and the LIKE patterns of its case-number and person filters (owned by audit_store_list). */
typedef struct AuditBind {
  const AuditFilter *f;
  char *zCase;
  char *zPerson;
} AuditBind;

static void audit_bind_filter(Stmt *s, const void *ctx) {
  const AuditBind *p = ctx;
  const AuditFilter *f = p->f;
  db_bind_int(s, 1, f->orgId);
  db_bind_text(s, 2, f->zAction);
  db_bind_text(s, 3, f->zEntity);
  if (f->userId) db_bind_int(s, 4, f->userId);
  char zFrom[21], zTo[21];
  if (f->zFrom) audit_day_start_utc(f->zFrom, 0, zFrom);
  if (f->zTo) audit_day_start_utc(f->zTo, 1, zTo);
  db_bind_text(s, 5, f->zFrom ? zFrom : NULL);
  db_bind_text(s, 6, f->zTo ? zTo : NULL);
  char zCaseId[24];
  snprintf(zCaseId, sizeof zCaseId, "%lld", (long long)f->caseId);
  db_bind_text(s, 7, f->caseId ? zCaseId : NULL);
  db_bind_text(s, 8, p->zCase);
  db_bind_text(s, 9, p->zPerson);
}

/* Adds the JSON text z to obj under zKey, parsed, or null when z is NULL or unparsable. */
static void audit_set_json(json_t *obj, const char *zKey, const char *z, int isNull) {
  json_t *v = isNull ? NULL : json_loads(z, 0, NULL);
  json_object_set_new(obj, zKey, v ? v : json_null());
}

/* An AuditEntry from a row of the page query below. */
static json_t *audit_from_row(Stmt *s) {
  json_t *o = json_object();
  json_object_set_new(o, "id", json_integer(db_col_int(s, 0)));
  json_object_set_new(o, "at", json_string(db_col_text(s, 1)));
  json_object_set_new(o, "user_id", db_col_is_null(s, 2) ? json_null() : json_integer(db_col_int(s, 2)));
  json_object_set_new(o, "user_login", db_col_is_null(s, 3) ? json_null() : json_string(db_col_text(s, 3)));
  json_object_set_new(o, "user_name", store_col_text_or_null(s, 9));
  json_object_set_new(o, "action", json_string(db_col_text(s, 4)));
  json_object_set_new(o, "entity", json_string(db_col_text(s, 5)));
  json_object_set_new(o, "entity_id", db_col_is_null(s, 6) ? json_null() : json_string(db_col_text(s, 6)));
  audit_set_json(o, "before", db_col_text(s, 7), db_col_is_null(s, 7));
  audit_set_json(o, "after", db_col_text(s, 8), db_col_is_null(s, 8));
  return o;
}

/* The statement that finds the name people know a record by, for the entities that have one: a case's 案号, a
 * user's, a department's or an office's name, an approval's subject, a document's 文号, each in the office's own
 * rows (?1 the office, ?2 the record). NULL for an entity without a name. */
static Stmt *audit_name_stmt(Db *db, const char *zEntity) {
  if (strcmp(zEntity, "case") == 0)
    return db_prepare(db, "SELECT case_number FROM case_record WHERE org_id = ?1 AND id = ?2");
  if (strcmp(zEntity, "user") == 0) return db_prepare(db, "SELECT name FROM app_user WHERE org_id = ?1 AND id = ?2");
  if (strcmp(zEntity, "department") == 0)
    return db_prepare(db, "SELECT name FROM department WHERE org_id = ?1 AND id = ?2");
  if (strcmp(zEntity, "org") == 0) return db_prepare(db, "SELECT name FROM org WHERE id = ?1 AND id = ?2");
  if (strcmp(zEntity, "approval") == 0)
    return db_prepare(db, "SELECT subject FROM approval WHERE org_id = ?1 AND id = ?2");
  /* documents (issue 10 §4): a 文书 by its 文号 */
  if (strcmp(zEntity, "document") == 0)
    return db_prepare(db, "SELECT number FROM document WHERE org_id = ?1 AND id = ?2");
  return NULL;
}

/* Adds "entity_name" (the name above, or null) and "case_number" (a case's 案号, else null) to each entry. 0 or -1. */
static int audit_add_names(Db *db, int64_t orgId, json_t *items) {
  size_t i;
  json_t *o;
  json_array_foreach(items, i, o) {
    const char *zEntity = json_string_value(json_object_get(o, "entity"));
    const char *zId = json_string_value(json_object_get(o, "entity_id"));
    json_t *name = json_null();
    char *zEnd = NULL;
    long long id = zId && *zId >= '1' && *zId <= '9' ? strtoll(zId, &zEnd, 10) : 0;
    Stmt *s = id > 0 && !*zEnd ? audit_name_stmt(db, zEntity) : NULL;
    if (s) {
      db_bind_int(s, 1, orgId);
      db_bind_int(s, 2, id);
      int rc = db_step(s);
      if (rc == DB_ROW) {
        json_decref(name);
        name = json_string(db_col_text(s, 0));
      }
      db_done(s);
      if (rc == DB_ERROR) {
        json_decref(name);
        return -1;
      }
    }
    json_object_set_new(o, "case_number", strcmp(zEntity, "case") == 0 ? json_incref(name) : json_null());
    json_object_set_new(o, "entity_name", name);
  }
  return 0;
}

/* An export's rows carry the same names as a page's: each row gets them, then goes on to the caller's callback. */
typedef struct AuditExportNames {
  Db *db;
  int64_t orgId;
  StoreExport *pOuter;
} AuditExportNames;

static int audit_export_row(const json_t *row, void *ctx) {
  AuditExportNames *n = ctx;
  json_t *one = json_pack("[O]", row);
  int rc = audit_add_names(n->db, n->orgId, one);
  if (rc == 0) rc = n->pOuter->xRow(json_array_get(one, 0), n->pOuter->ctx);
  json_decref(one);
  return rc;
}

json_t *audit_store_list(Db *db, const AuditFilter *f) {
  AuditExportNames names = {db, f->orgId, f->pExport};
  StoreExport inner = f->pExport ? *f->pExport : (StoreExport){0};
  inner.xRow = audit_export_row;
  inner.ctx = &names;
  AuditBind p = {f, f->zCase ? store_like_pattern(f->zCase) : NULL, f->zPerson ? store_like_pattern(f->zPerson) : NULL};
  Buf where = BUF_INIT;
  buf_puts(&where, AUDIT_WHERE);
  StoreListQuery q = {"FROM audit_log a",
                      "SELECT a.id, a.at, a.user_id, u.login, a.action, a.entity, a.entity_id, a.before_json,"
                      " a.after_json, u.name FROM audit_log a LEFT JOIN app_user u ON u.id = a.user_id",
                      " ORDER BY a.id DESC LIMIT ?10 OFFSET ?11",
                      10,
                      audit_bind_filter,
                      &p,
                      audit_from_row,
                      f->pExport ? &inner : NULL};
  json_t *out = store_list(db, &q, &where, f->limit, f->offset);
  if (f->pExport) {
    f->pExport->rows = inner.rows;
    f->pExport->stopped = inner.stopped;
  }
  buf_free(&where);
  free(p.zCase);
  free(p.zPerson);
  if (out && !f->pExport && audit_add_names(db, f->orgId, json_object_get(out, "items"))) {
    json_decref(out);
    return NULL;
  }
  return out;
}
