/* suggestion_store.c: SQL for the 检察建议 (see suggestion_store.h). */
#include "store/suggestion_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"

void suggestion_row_free(SuggestionRow *r) {
  free(r->zTitle);
  free(r->zFacts);
  free(r->zBody);
  free(r->zLegalBasis);
  free(r->zCopies);
  r->zTitle = r->zFacts = r->zBody = r->zLegalBasis = r->zCopies = NULL;
}

/* Binds z, or NULL for "" (an unset date or code). */
static void bind_opt(Stmt *s, int i, const char *z) {
  if (z && *z) db_bind_text(s, i, z);
  else db_bind_null(s, i);
}

static void bind_id(Stmt *s, int i, int64_t v) {
  if (v) db_bind_int(s, i, v);
  else db_bind_null(s, i);
}

static char *dup_text(const char *z) {
  size_t n = strlen(z) + 1;
  char *p = malloc(n);
  if (p) memcpy(p, z, n);
  return p;
}

/* Binds the columns a step may change, as ?2..?23 (the update's and the insert's common part). */
static void bind_mutable(Stmt *s, const SuggestionRow *r) {
  db_bind_text(s, 2, r->zState);
  db_bind_text(s, 3, r->zTitle);
  db_bind_int(s, 4, r->agencyId);
  bind_id(s, 5, r->caseId);
  db_bind_text(s, 6, r->zFacts);
  db_bind_text(s, 7, r->zBody);
  db_bind_text(s, 8, r->zLegalBasis);
  db_bind_text(s, 9, r->zCopies);
  db_bind_text(s, 10, r->zReplyLength);
  db_bind_int(s, 11, r->serviceRound);
  bind_opt(s, 12, r->zIssuedOn);
  bind_opt(s, 13, r->zServedOn);
  bind_opt(s, 14, r->zMethod);
  bind_opt(s, 15, r->zObjectionOn);
  bind_opt(s, 16, r->zReplyOn);
  bind_opt(s, 17, r->zAdoption);
  bind_opt(s, 18, r->zFirstServedOn);
  bind_opt(s, 19, r->zVisitOn);
  bind_opt(s, 20, r->zVisitResult);
  bind_opt(s, 21, r->zOutcome);
  bind_opt(s, 22, r->zClosedOn);
  db_bind_int(s, 23, r->urgent);
}

int64_t suggestion_store_insert(Db *db, const SuggestionRow *r, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO suggestion(org_id, state, title, agency_id, case_id, facts, body, legal_basis,"
                       " copies, reply_length, service_round, issued_on, served_on, service_method,"
                       " objection_on, reply_on, adoption, first_served_on, visit_on, visit_result, outcome,"
                       " closed_on, urgent, type, department_id, prosecutor_id, created_at, updated_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
                       " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?27) RETURNING id");
  db_bind_int(s, 1, r->orgId);
  bind_mutable(s, r);
  db_bind_text(s, 24, r->zType);
  bind_id(s, 25, r->departmentId);
  bind_id(s, 26, r->prosecutorId);
  db_bind_text(s, 27, zNow);
  return store_insert_id(s);
}

int suggestion_store_update(Db *db, const SuggestionRow *r, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "UPDATE suggestion SET state = ?2, title = ?3, agency_id = ?4, case_id = ?5, facts = ?6,"
                       " body = ?7, legal_basis = ?8, copies = ?9, reply_length = ?10, service_round = ?11,"
                       " issued_on = ?12, served_on = ?13, service_method = ?14,"
                       " objection_on = ?15, reply_on = ?16, adoption = ?17, first_served_on = ?18, visit_on = ?19,"
                       " visit_result = ?20, outcome = ?21, closed_on = ?22, urgent = ?23, updated_at = ?24"
                       " WHERE id = ?1 AND org_id = ?25");
  db_bind_int(s, 1, r->id);
  bind_mutable(s, r);
  db_bind_text(s, 24, zNow);
  db_bind_int(s, 25, r->orgId);
  return store_step_done(s);
}

static void col_copy(Stmt *s, int i, char *out, size_t n) {
  snprintf(out, n, "%s", db_col_text(s, i));
}

int suggestion_store_load(Db *db, int64_t orgId, int64_t id, SuggestionRow *r) {
  memset(r, 0, sizeof *r);
  Stmt *s = db_prepare(db,
                       "SELECT id, org_id, agency_id, case_id, department_id, prosecutor_id, type, state, urgent,"
                       " service_round, title, facts, body, legal_basis, copies, reply_length, issued_on, served_on,"
                       " service_method, objection_on, reply_on, adoption, first_served_on, visit_on,"
                       " visit_result, outcome, closed_on FROM suggestion WHERE id = ?1 AND org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    r->id = db_col_int(s, 0);
    r->orgId = db_col_int(s, 1);
    r->agencyId = db_col_int(s, 2);
    r->caseId = db_col_int(s, 3);
    r->departmentId = db_col_int(s, 4);
    r->prosecutorId = db_col_int(s, 5);
    col_copy(s, 6, r->zType, sizeof r->zType);
    col_copy(s, 7, r->zState, sizeof r->zState);
    r->urgent = (int)db_col_int(s, 8);
    r->serviceRound = (int)db_col_int(s, 9);
    r->zTitle = dup_text(db_col_text(s, 10));
    r->zFacts = dup_text(db_col_text(s, 11));
    r->zBody = dup_text(db_col_text(s, 12));
    r->zLegalBasis = dup_text(db_col_text(s, 13));
    r->zCopies = dup_text(db_col_text(s, 14));
    col_copy(s, 15, r->zReplyLength, sizeof r->zReplyLength);
    col_copy(s, 16, r->zIssuedOn, sizeof r->zIssuedOn);
    col_copy(s, 17, r->zServedOn, sizeof r->zServedOn);
    col_copy(s, 18, r->zMethod, sizeof r->zMethod);
    col_copy(s, 19, r->zObjectionOn, sizeof r->zObjectionOn);
    col_copy(s, 20, r->zReplyOn, sizeof r->zReplyOn);
    col_copy(s, 21, r->zAdoption, sizeof r->zAdoption);
    col_copy(s, 22, r->zFirstServedOn, sizeof r->zFirstServedOn);
    col_copy(s, 23, r->zVisitOn, sizeof r->zVisitOn);
    col_copy(s, 24, r->zVisitResult, sizeof r->zVisitResult);
    col_copy(s, 25, r->zOutcome, sizeof r->zOutcome);
    col_copy(s, 26, r->zClosedOn, sizeof r->zClosedOn);
  }
  db_done(s);
  if (rc == DB_ERROR) return -1;
  if (rc != DB_ROW) return 0;
  if (!r->zTitle || !r->zFacts || !r->zBody || !r->zLegalBasis || !r->zCopies) {
    suggestion_row_free(r);
    return -1;
  }
  return 1;
}

int suggestion_store_link(Db *db, int64_t orgId, int64_t suggestionId, const char *zKind, int64_t entityId) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO suggestion_link(suggestion_id, org_id, entity_kind, entity_id)"
                       " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
  db_bind_int(s, 1, suggestionId);
  db_bind_int(s, 2, orgId);
  db_bind_text(s, 3, zKind);
  db_bind_int(s, 4, entityId);
  return store_step_done(s);
}

int64_t suggestion_store_event_insert(Db *db, int64_t orgId, int64_t suggestionId, const char *zKind, const char *zOn,
                                      const json_t *data, int64_t userId, const char *zNow) {
  char *zData = data ? json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
  Stmt *s = db_prepare(db,
                       "INSERT INTO suggestion_event(org_id, suggestion_id, kind, on_date, data, user_id, at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, suggestionId);
  db_bind_text(s, 3, zKind);
  bind_opt(s, 4, zOn);
  db_bind_text(s, 5, zData ? zData : "{}");
  bind_id(s, 6, userId);
  db_bind_text(s, 7, zNow);
  int64_t id = store_insert_id(s);
  free(zData);
  return id;
}

/* ---- reads ------------------------------------------------------------------------------------------------ */

/* The due day of the running reply period (the deadline row; NULL when none runs) */
#define SUGGESTION_DUE                                                                              \
  "(SELECT max(d.due_on) FROM deadline d WHERE d.entity_kind = 'suggestion' AND d.entity_id = s.id" \
  " AND d.kind = 'suggestion_reply' AND d.status = 'open')"
/* The columns of a list row and of the record's head, in this order (suggestion_from_row). */
#define SUGGESTION_COLUMNS                                                                                   \
  "s.id, s.title, s.type, s.urgent, s.state, s.agency_id, a.name, s.prosecutor_id, u.name, s.department_id," \
  " dp.name, s.case_id, s.issued_on, s.served_on, s.service_method, " SUGGESTION_DUE                         \
  ", s.reply_on, s.adoption,"                                                                                \
  " s.visit_on, s.visit_result, s.outcome, s.closed_on, s.objection_on, s.reply_length, s.created_at,"       \
  " CASE WHEN " SUGGESTION_DUE " < ?2 AND s.state IN ('served','objected') THEN 1 ELSE 0 END"
#define SUGGESTION_JOINS                                                                                  \
  " FROM suggestion s JOIN agency a ON a.id = s.agency_id LEFT JOIN app_user u ON u.id = s.prosecutor_id" \
  " LEFT JOIN department dp ON dp.id = s.department_id"

static json_t *suggestion_from_row(Stmt *s) {
  json_t *o = json_object();
  static const char *const names[] = {"id",
                                      "title",
                                      "type",
                                      "urgent",
                                      "state",
                                      "agency_id",
                                      "agency_name",
                                      "prosecutor_id",
                                      "prosecutor_name",
                                      "department_id",
                                      "department_name",
                                      "case_id",
                                      "issued_on",
                                      "served_on",
                                      "service_method",
                                      "reply_due_on",
                                      "reply_on",
                                      "adoption",
                                      "visit_on",
                                      "visit_result",
                                      "outcome",
                                      "closed_on",
                                      "objection_on",
                                      "reply_length",
                                      "created_at",
                                      "overdue"};
  static const char ints[] = {1, 0, 0, 2, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
  for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++) {
    json_t *v = ints[i] == 2   ? json_boolean(db_col_int(s, i) != 0)
                : ints[i] == 1 ? store_col_int_or_null(s, i)
                               : store_col_text_or_null(s, i);
    json_object_set_new(o, names[i], v);
  }
  return o;
}

typedef struct SuggestionBind {
  const SuggestionFilter *f;
  const char *zLike;
} SuggestionBind;

static void suggestion_bind(Stmt *s, const void *ctx) {
  const SuggestionBind *b = ctx;
  db_bind_int(s, 1, b->f->orgId);
  db_bind_text(s, 2, b->f->zToday);
  if (b->f->prosecutorId) db_bind_int(s, 3, b->f->prosecutorId);
  if (b->f->agencyId) db_bind_int(s, 4, b->f->agencyId);
  if (b->f->zState && strcmp(b->f->zState, "open") != 0) db_bind_text(s, 5, b->f->zState);
  if (b->f->zType) db_bind_text(s, 6, b->f->zType);
  if (b->zLike) db_bind_text(s, 7, b->zLike);
  if (b->f->linkedCaseId) db_bind_int(s, 8, b->f->linkedCaseId);
}

json_t *suggestion_store_list(Db *db, const SuggestionFilter *f) {
  SuggestionBind b = {f, f->zQuery ? store_like_pattern(f->zQuery) : NULL};
  Buf where = BUF_INIT;
  /* ?2 (today) is used by the overdue column of every row; the count names it too so both bind the same numbers */
  buf_puts(&where, " WHERE s.org_id = ?1 AND CAST(?2 AS TEXT) IS NOT NULL");
  if (f->prosecutorId) buf_puts(&where, " AND s.prosecutor_id = ?3");
  if (f->agencyId) buf_puts(&where, " AND s.agency_id = ?4");
  if (f->zState && strcmp(f->zState, "open") == 0) buf_puts(&where, " AND s.state <> 'closed'");
  else if (f->zState) buf_puts(&where, " AND s.state = ?5");
  if (f->zType) buf_puts(&where, " AND s.type = ?6");
  if (f->overdue) buf_puts(&where, " AND s.state IN ('served','objected') AND " SUGGESTION_DUE " < ?2");
  if (b.zLike) {
    buf_puts(&where, " AND (s.title LIKE ?7 ESCAPE '\\' OR s.body LIKE ?7 ESCAPE '\\' OR a.name LIKE ?7 ESCAPE '\\')");
  }
  if (f->linkedCaseId) {
    buf_puts(&where,
             " AND s.id IN (SELECT l.suggestion_id FROM suggestion_link l WHERE l.org_id = ?1"
             " AND l.entity_kind = 'case' AND l.entity_id = ?8)");
  }
  StoreListQuery q = {"FROM suggestion s JOIN agency a ON a.id = s.agency_id",
                      "SELECT " SUGGESTION_COLUMNS SUGGESTION_JOINS,
                      " ORDER BY s.id DESC LIMIT ?9 OFFSET ?10",
                      9,
                      suggestion_bind,
                      &b,
                      suggestion_from_row,
                      f->pExport};
  json_t *out = store_list(db, &q, &where, f->limit, f->offset);
  buf_free(&where);
  free((char *)b.zLike);
  return out;
}

static json_t *event_from_row(Stmt *s) {
  json_t *data = json_loads(db_col_text(s, 3), 0, NULL);
  return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:s}", "id", (json_int_t)db_col_int(s, 0), "kind", db_col_text(s, 1),
                   "on", store_col_text_or_null(s, 2), "data", data ? data : json_object(), "user_id",
                   store_col_int_or_null(s, 4), "user_name", store_col_text_or_null(s, 5), "at", db_col_text(s, 6));
}

json_t *suggestion_store_get(Db *db, int64_t orgId, int64_t id, const char *zToday, int *pFound) {
  *pFound = 0;
  Stmt *s = db_prepare(db, "SELECT " SUGGESTION_COLUMNS ", s.facts, s.body, s.legal_basis, s.copies" SUGGESTION_JOINS
                           " WHERE s.org_id = ?1 AND s.id = ?3");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zToday);
  db_bind_int(s, 3, id);
  int rc = db_step(s);
  json_t *o = NULL;
  if (rc == DB_ROW) {
    o = suggestion_from_row(s);
    json_object_set_new(o, "facts", json_string(db_col_text(s, 26)));
    json_object_set_new(o, "body", json_string(db_col_text(s, 27)));
    json_object_set_new(o, "legal_basis", json_string(db_col_text(s, 28)));
    json_t *copies = json_loads(db_col_text(s, 29), 0, NULL);
    json_object_set_new(o, "copies", copies ? copies : json_array());
  }
  db_done(s);
  if (rc == DB_ERROR) return NULL;
  if (!o) return NULL;
  *pFound = 1;
  /* the links, with a case's number and title */
  s = db_prepare(db,
                 "SELECT l.entity_kind, l.entity_id, c.case_number, c.title FROM suggestion_link l"
                 " LEFT JOIN case_record c ON l.entity_kind = 'case' AND c.id = l.entity_id AND c.org_id = l.org_id"
                 " WHERE l.suggestion_id = ?1 AND l.org_id = ?2 ORDER BY l.entity_kind, l.entity_id");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  json_t *links = json_array();
  while ((rc = db_step(s)) == DB_ROW) {
    json_array_append_new(
        links, json_pack("{s:s, s:I, s:o, s:o}", "kind", db_col_text(s, 0), "id", (json_int_t)db_col_int(s, 1),
                         "case_number", store_col_text_or_null(s, 2), "title", store_col_text_or_null(s, 3)));
  }
  db_done(s);
  json_object_set_new(o, "links", links);
  if (rc == DB_ERROR) {
    json_decref(o);
    *pFound = 0;
    return NULL;
  }
  s = db_prepare(db,
                 "SELECT e.id, e.kind, e.on_date, e.data, e.user_id, u.name, e.at FROM suggestion_event e"
                 " LEFT JOIN app_user u ON u.id = e.user_id WHERE e.suggestion_id = ?1 AND e.org_id = ?2"
                 " ORDER BY e.id");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  json_t *events = json_array();
  while ((rc = db_step(s)) == DB_ROW) json_array_append_new(events, event_from_row(s));
  db_done(s);
  json_object_set_new(o, "events", events);
  if (rc == DB_ERROR) {
    json_decref(o);
    *pFound = 0;
    return NULL;
  }
  return o;
}

int suggestion_store_agency_name(Db *db, int64_t orgId, int64_t agencyId, char *out, size_t nOut) {
  Stmt *s = db_prepare(db, "SELECT name FROM agency WHERE id = ?1 AND org_id = ?2");
  db_bind_int(s, 1, agencyId);
  db_bind_int(s, 2, orgId);
  int rc = db_step(s);
  if (rc == DB_ROW) snprintf(out, nOut, "%s", db_col_text(s, 0));
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int64_t suggestion_store_agency_id(Db *db, int64_t orgId, const char *zName) {
  Stmt *s = db_prepare(db, "SELECT id FROM agency WHERE org_id = ?1 AND name = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zName);
  int rc = db_step(s);
  int64_t id = rc == DB_ROW ? db_col_int(s, 0) : 0;
  db_done(s);
  return rc == DB_ERROR ? -1 : id;
}

int suggestion_store_case_subject(Db *db, int64_t orgId, int64_t caseId, char *out, size_t nOut) {
  Stmt *s = db_prepare(db, "SELECT case_number, title FROM case_record WHERE id = ?1 AND org_id = ?2");
  db_bind_int(s, 1, caseId);
  db_bind_int(s, 2, orgId);
  int rc = db_step(s);
  if (rc == DB_ROW && out) snprintf(out, nOut, "%s %s", db_col_text(s, 0), db_col_text(s, 1));
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int suggestion_store_case_exists(Db *db, int64_t orgId, int64_t caseId) {
  return suggestion_store_case_subject(db, orgId, caseId, NULL, 0);
}

json_t *suggestion_store_by_agency(Db *db, int64_t orgId, const char *zToday) {
  Stmt *s = db_prepare(db,
                       "SELECT a.id, a.name, count(*),"
                       " sum(CASE WHEN s.state <> 'closed' THEN 1 ELSE 0 END),"
                       " sum(CASE WHEN s.state IN ('served','objected') AND " SUGGESTION_DUE
                       " < ?2 THEN 1 ELSE 0 END),"
                       " sum(CASE WHEN s.first_served_on IS NOT NULL THEN 1 ELSE 0 END),"
                       " sum(CASE WHEN s.reply_on IS NOT NULL THEN 1 ELSE 0 END),"
                       " sum(CASE WHEN s.adoption IN ('adopted','partly') THEN 1 ELSE 0 END),"
                       " CAST(sum(CASE WHEN s.reply_on IS NOT NULL AND s.served_on IS NOT NULL"
                       "   THEN julianday(s.reply_on) - julianday(s.served_on) ELSE 0 END) AS INTEGER)"
                       " FROM suggestion s JOIN agency a ON a.id = s.agency_id WHERE s.org_id = ?1"
                       " GROUP BY a.id, a.name ORDER BY a.name, a.id");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zToday);
  json_t *items = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    int64_t served = db_col_int(s, 5), replied = db_col_int(s, 6), adopted = db_col_int(s, 7);
    int64_t days = db_col_int(s, 8);
    json_t *o = json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "agency_id", (json_int_t)db_col_int(s, 0),
                          "agency_name", db_col_text(s, 1), "total", (json_int_t)db_col_int(s, 2), "open",
                          (json_int_t)db_col_int(s, 3), "overdue", (json_int_t)db_col_int(s, 4), "served",
                          (json_int_t)served, "replied", (json_int_t)replied, "adopted", (json_int_t)adopted);
    /* rates as fractions (0..1, 4 decimals), null when nothing to divide by */
    json_object_set_new(o, "reply_rate", store_ratio(replied, served, 4));
    json_object_set_new(o, "adoption_rate", store_ratio(adopted, replied, 4));
    json_object_set_new(o, "avg_reply_days", store_ratio(days, replied, 1));
    json_array_append_new(items, o);
  }
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(items);
    return NULL;
  }
  return json_pack("{s:o}", "items", items);
}
