/* linkage_store.c: SQL for 行刑反向衔接 items (see linkage_store.h). */
#include "store/linkage_store.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/mem.h"

/* The mutable columns, in the order of the UPDATE and of the SELECT after its six fixed columns. 'T' a fixed text
 * buffer (empty is NULL), 'H' a heap text, 'I' an id (0 is NULL), 'N' an integer (-1 is NULL), 'V' an integer. */
static const struct {
  char type;
  size_t off, size;
} cols[] = {
#define T(f) \
  { 'T', offsetof(LinkageRow, f), sizeof(((LinkageRow *)0)->f) }
#define H(f) \
  { 'H', offsetof(LinkageRow, f), 0 }
#define I(f) \
  { 'I', offsetof(LinkageRow, f), 0 }
#define N(f) \
  { 'N', offsetof(LinkageRow, f), 0 }
#define V(f) \
  { 'V', offsetof(LinkageRow, f), 0 }
    T(zState),
    I(prosecutorId),
    I(departmentId),
    I(handlerId),
    T(zTransferredOn),
    T(zRegisteredOn),
    T(zRequestKind),
    T(zRequestOn),
    T(zSuspendedOn),
    V(extensionDays),
    T(zCriminalOpinion),
    H(zCriminalOpinionText),
    T(zAdminOpinion),
    H(zAdminOpinionText),
    H(zDisagreement),
    T(zOutcome),
    T(zOutcomeOn),
    T(zTerminateReason),
    H(zTerminateText),
    I(agencyId),
    T(zPenalties),
    H(zFacts),
    T(zServedOn),
    T(zServiceMethod),
    V(replyMonths),
    T(zReplyOn),
    N(replyPenalised),
    T(zReplyPenalty),
    H(zReplyDecisionNumber),
    N(replyAmountFen),
    H(zReplyText),
    T(zUrgedOn),
    I(urgeDays),
    T(zFollowedUpOn),
    I(suggestionId),
    T(zClosedOn),
    T(zCloseReason),
#undef T
#undef H
#undef I
#undef N
#undef V
};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))

#define MUTABLE_COLUMNS                                                                                        \
  "state, prosecutor_id, department_id, handler_id, transferred_on, registered_on, request_kind, request_on,"  \
  " suspended_on, extension_days, criminal_opinion, criminal_opinion_text, admin_opinion, admin_opinion_text," \
  " disagreement_reason, outcome, outcome_on, terminate_reason, terminate_text, agency_id, penalties, facts,"  \
  " served_on, service_method, reply_months, reply_on, reply_penalised, reply_penalty, reply_decision_number," \
  " reply_amount_fen, reply_text, urged_on, urge_days, followed_up_on, suggestion_id, closed_on, close_reason"

void linkage_row_free(LinkageRow *r) {
  for (int i = 0; i < NCOLS; i++) {
    if (cols[i].type != 'H') continue;
    char **pz = (char **)((char *)r + cols[i].off);
    free(*pz);
    *pz = NULL;
  }
}

void linkage_row_set_text(char **pz, const char *z) {
  free(*pz);
  *pz = z ? xstrdup(z) : NULL;
}

/* Binds the mutable columns from parameter `first` on. */
static void bind_mutable(Stmt *s, const LinkageRow *r, int first) {
  for (int i = 0; i < NCOLS; i++) {
    const char *p = (const char *)r + cols[i].off;
    int k = first + i;
    switch (cols[i].type) {
      case 'T':
        db_bind_text(s, k, *p ? p : NULL);
        break;
      case 'H':
        db_bind_text(s, k, *(char *const *)p);
        break;
      case 'I':
        if (*(const int64_t *)p) db_bind_int(s, k, *(const int64_t *)p);
        else db_bind_null(s, k);
        break;
      case 'N':
        if (*(const int64_t *)p >= 0) db_bind_int(s, k, *(const int64_t *)p);
        else db_bind_null(s, k);
        break;
      default:
        db_bind_int(s, k, *(const int64_t *)p);
    }
  }
}

/* Reads the mutable columns from column `first` on. */
static void read_mutable(Stmt *s, LinkageRow *r, int first) {
  for (int i = 0; i < NCOLS; i++) {
    char *p = (char *)r + cols[i].off;
    int k = first + i;
    switch (cols[i].type) {
      case 'T':
        snprintf(p, cols[i].size, "%s", db_col_text(s, k));
        break;
      case 'H':
        *(char **)p = db_col_is_null(s, k) ? NULL : xstrdup(db_col_text(s, k));
        break;
      case 'N':
        *(int64_t *)p = db_col_is_null(s, k) ? -1 : db_col_int(s, k);
        break;
      default:
        *(int64_t *)p = db_col_is_null(s, k) ? 0 : db_col_int(s, k);
    }
  }
}

int64_t linkage_store_admin_department(Db *db, int64_t orgId) {
  Stmt *s =
      db_prepare(db, "SELECT id FROM department WHERE org_id = ?1 AND kind = 'administrative' ORDER BY id LIMIT 1");
  db_bind_int(s, 1, orgId);
  int rc = db_step(s);
  int64_t id = rc == DB_ROW ? db_col_int(s, 0) : 0;
  db_done(s);
  return rc == DB_ERROR ? -1 : id;
}

int64_t linkage_store_insert(Db *db, const LinkageRow *r, const char *zNow) {
  Stmt *s = db_prepare(
      db, "INSERT INTO linkage_item(org_id, case_id, person_id, non_prosecution_type, decision_on, " MUTABLE_COLUMNS
          ", created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5,"
          " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24,"
          " ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42,"
          " ?43, ?43) ON CONFLICT(person_id) DO NOTHING RETURNING id");
  db_bind_int(s, 1, r->orgId);
  db_bind_int(s, 2, r->caseId);
  db_bind_int(s, 3, r->personId);
  db_bind_text(s, 4, r->zNpt);
  db_bind_text(s, 5, r->zDecisionOn);
  bind_mutable(s, r, 6);
  db_bind_text(s, 43, zNow);
  int rc = db_step(s);
  int64_t id = rc == DB_ROW ? db_col_int(s, 0) : 0;
  db_done(s);
  return rc == DB_ERROR ? -1 : id;
}

int linkage_store_load(Db *db, int64_t orgId, int64_t id, LinkageRow *r) {
  memset(r, 0, sizeof *r);
  Stmt *s = db_prepare(db, "SELECT id, org_id, case_id, person_id, non_prosecution_type, decision_on, " MUTABLE_COLUMNS
                           " FROM linkage_item WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    r->id = db_col_int(s, 0);
    r->orgId = db_col_int(s, 1);
    r->caseId = db_col_int(s, 2);
    r->personId = db_col_int(s, 3);
    snprintf(r->zNpt, sizeof r->zNpt, "%s", db_col_text(s, 4));
    snprintf(r->zDecisionOn, sizeof r->zDecisionOn, "%s", db_col_text(s, 5));
    read_mutable(s, r, 6);
  }
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int linkage_store_save(Db *db, const LinkageRow *r, const char *zNow) {
  Stmt *s =
      db_prepare(db, "UPDATE linkage_item SET (" MUTABLE_COLUMNS
                     ", updated_at) = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                     " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27,"
                     " ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39) WHERE id = ?1 AND org_id = ?40");
  db_bind_int(s, 1, r->id);
  bind_mutable(s, r, 2);
  db_bind_text(s, 39, zNow);
  db_bind_int(s, 40, r->orgId);
  return store_step_done(s);
}

int64_t linkage_store_for_person(Db *db, int64_t orgId, int64_t personId) {
  Stmt *s = db_prepare(db, "SELECT id FROM linkage_item WHERE org_id = ?1 AND person_id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, personId);
  int rc = db_step(s);
  int64_t id = rc == DB_ROW ? db_col_int(s, 0) : 0;
  db_done(s);
  return rc == DB_ERROR ? -1 : id;
}

int64_t linkage_store_event_insert(Db *db, int64_t orgId, int64_t itemId, const char *zKind, const char *zOn,
                                   const json_t *data, int64_t userId, const char *zNow) {
  char *zData = data ? json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
  Stmt *s = db_prepare(db,
                       "INSERT INTO linkage_event(org_id, item_id, kind, on_date, data, user_id, at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, itemId);
  db_bind_text(s, 3, zKind);
  db_bind_text(s, 4, zOn);
  db_bind_text(s, 5, zData);
  if (userId) db_bind_int(s, 6, userId);
  db_bind_text(s, 7, zNow);
  int64_t id = store_insert_id(s);
  free(zData);
  return id;
}

/* ---- reads ------------------------------------------------------------------------------------------------ */

#define ITEM_SELECT                                                                                             \
  "SELECT l.id, l.case_id, c.case_number, c.title, l.person_id, p.name, p.id_number, l.non_prosecution_type,"   \
  " l.decision_on, l.state, l.prosecutor_id, pu.name, l.department_id, dp.name, l.handler_id, hu.name,"         \
  " l.transferred_on, l.registered_on, l.request_kind, l.request_on, l.suspended_on, l.extension_days,"         \
  " l.criminal_opinion, l.criminal_opinion_text, l.admin_opinion, l.admin_opinion_text, l.disagreement_reason," \
  " l.outcome, l.outcome_on, l.terminate_reason, l.terminate_text, l.agency_id, a.name, l.penalties, l.facts,"  \
  " l.served_on, l.service_method, l.reply_months, l.reply_on, l.reply_penalised, l.reply_penalty,"             \
  " l.reply_decision_number, l.reply_amount_fen, l.reply_text, l.urged_on, l.urge_days, l.followed_up_on,"      \
  " l.suggestion_id, l.closed_on, l.close_reason, l.created_at, l.updated_at, a.kind,"                          \
  " (SELECT min(d.due_on) FROM deadline d WHERE d.entity_kind = 'linkage' AND d.entity_id = l.id"               \
  "  AND d.status = 'open'), c.department_id FROM linkage_item l JOIN case_record c ON c.id = l.case_id"        \
  " JOIN case_person p ON p.id = l.person_id LEFT JOIN app_user pu ON pu.id = l.prosecutor_id"                  \
  " LEFT JOIN app_user hu ON hu.id = l.handler_id LEFT JOIN department dp ON dp.id = l.department_id"           \
  " LEFT JOIN agency a ON a.id = l.agency_id"

static json_t *penalty_list(const char *z) {
  json_t *a = json_array();
  while (z && *z) {
    size_t n = strcspn(z, ",");
    if (n) json_array_append_new(a, json_stringn(z, n));
    z += n;
    if (*z == ',') z++;
  }
  return a;
}

static int in_names(const char *z, const char *const *a) {
  for (; *a; a++) {
    if (strcmp(*a, z) == 0) return 1;
  }
  return 0;
}

static json_t *item_from_row(Stmt *s) {
  static const char *const names[] = {
      "id",
      "case_id",
      "case_number",
      "case_title",
      "person_id",
      "person_name",
      "person_id_number",
      "non_prosecution_type",
      "decision_on",
      "state",
      "prosecutor_id",
      "prosecutor_name",
      "department_id",
      "department_name",
      "handler_id",
      "handler_name",
      "transferred_on",
      "registered_on",
      "request_kind",
      "request_on",
      "suspended_on",
      "extension_days",
      "criminal_opinion",
      "criminal_opinion_text",
      "admin_opinion",
      "admin_opinion_text",
      "disagreement_reason",
      "outcome",
      "outcome_on",
      "terminate_reason",
      "terminate_text",
      "agency_id",
      "agency_name",
      "penalties",
      "facts",
      "served_on",
      "service_method",
      "reply_months",
      "reply_on",
      "reply_penalised",
      "reply_penalty",
      "reply_decision_number",
      "reply_amount_fen",
      "reply_text",
      "urged_on",
      "urge_days",
      "followed_up_on",
      "suggestion_id",
      "closed_on",
      "close_reason",
      "created_at",
      "updated_at",
      "agency_kind",
      "next_due_on",
      "case_department_id",
  };
  static const char *const ints[] = {"id",
                                     "case_id",
                                     "person_id",
                                     "prosecutor_id",
                                     "department_id",
                                     "handler_id",
                                     "extension_days",
                                     "agency_id",
                                     "reply_months",
                                     "reply_amount_fen",
                                     "urge_days",
                                     "suggestion_id",
                                     "case_department_id",
                                     NULL};
  json_t *o = json_object();
  for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++) {
    json_t *v;
    if (strcmp(names[i], "penalties") == 0) v = penalty_list(db_col_text(s, i));
    else if (strcmp(names[i], "reply_penalised") == 0)
      v = db_col_is_null(s, i) ? json_null() : json_boolean(db_col_int(s, i));
    else if (in_names(names[i], ints)) v = store_col_int_or_null(s, i);
    else v = store_col_text_or_null(s, i);
    json_object_set_new(o, names[i], v);
  }
  return o;
}

json_t *linkage_store_get(Db *db, int64_t orgId, int64_t id, int *pFound) {
  Stmt *s = db_prepare(db, ITEM_SELECT " WHERE l.org_id = ?1 AND l.id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  int rc = db_step(s);
  json_t *o = rc == DB_ROW ? item_from_row(s) : NULL;
  db_done(s);
  *pFound = rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
  return o;
}

json_t *linkage_store_events(Db *db, int64_t itemId) {
  Stmt *s = db_prepare(db,
                       "SELECT e.id, e.kind, e.on_date, e.data, e.user_id, u.name, e.at FROM linkage_event e"
                       " LEFT JOIN app_user u ON u.id = e.user_id WHERE e.item_id = ?1 ORDER BY e.id");
  db_bind_int(s, 1, itemId);
  json_t *a = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    json_t *data = db_col_is_null(s, 3) ? NULL : json_loads(db_col_text(s, 3), 0, NULL);
    json_array_append_new(a, json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:s}", "id", (json_int_t)db_col_int(s, 0),
                                       "kind", db_col_text(s, 1), "on", store_col_text_or_null(s, 2), "data",
                                       data ? data : json_object(), "user_id", store_col_int_or_null(s, 4), "user_name",
                                       store_col_text_or_null(s, 5), "at", db_col_text(s, 6)));
  }
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(a);
    return NULL;
  }
  return a;
}

json_t *linkage_store_deadlines(Db *db, int64_t itemId) {
  Stmt *s = db_prepare(db,
                       "SELECT id, kind, sequence, start_on, length, extra_days, stop_days, due_on, days_left, status,"
                       " closed_on, warn_days, rule FROM deadline WHERE entity_kind = 'linkage' AND entity_id = ?1"
                       " ORDER BY start_on, id");
  db_bind_int(s, 1, itemId);
  json_t *a = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    json_array_append_new(
        a, json_pack("{s:I, s:s, s:I, s:s, s:s, s:I, s:I, s:o, s:o, s:s, s:o, s:I, s:s}", "id",
                     (json_int_t)db_col_int(s, 0), "kind", db_col_text(s, 1), "sequence", (json_int_t)db_col_int(s, 2),
                     "start_on", db_col_text(s, 3), "length", db_col_text(s, 4), "extra_days",
                     (json_int_t)db_col_int(s, 5), "stop_days", (json_int_t)db_col_int(s, 6), "due_on",
                     store_col_text_or_null(s, 7), "days_left", store_col_int_or_null(s, 8), "status",
                     db_col_text(s, 9), "closed_on", store_col_text_or_null(s, 10), "warn_days",
                     (json_int_t)db_col_int(s, 11), "rule", db_col_text(s, 12)));
  }
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(a);
    return NULL;
  }
  return a;
}

int linkage_store_stops(Db *db, int64_t itemId, ClockStop *a, int max) {
  Stmt *s = db_prepare(db,
                       "SELECT from_on, to_on FROM clock_stop WHERE entity_kind = 'linkage' AND entity_id = ?1"
                       " ORDER BY from_on, id");
  db_bind_int(s, 1, itemId);
  int n = 0, rc;
  while ((rc = db_step(s)) == DB_ROW) {
    if (n == max) continue;
    ClockStop st = {0, 0};
    date_parse(db_col_text(s, 0), 10, &st.from);
    if (!db_col_is_null(s, 1)) date_parse(db_col_text(s, 1), 10, &st.to);
    a[n++] = st;
  }
  db_done(s);
  return rc == DB_ERROR ? -1 : n;
}

json_t *linkage_store_for_case(Db *db, int64_t orgId, int64_t caseId) {
  Stmt *s = db_prepare(db, ITEM_SELECT " WHERE l.org_id = ?1 AND l.case_id = ?2 ORDER BY l.id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, caseId);
  json_t *a = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) json_array_append_new(a, item_from_row(s));
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(a);
    return NULL;
  }
  return a;
}

int linkage_store_agency(Db *db, int64_t orgId, int64_t agencyId, char zKind[32], char zName[AGENCY_NAME_BYTES]) {
  Stmt *s = db_prepare(db, "SELECT kind, name FROM agency WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, agencyId);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    snprintf(zKind, 32, "%s", db_col_text(s, 0));
    snprintf(zName, AGENCY_NAME_BYTES, "%s", db_col_text(s, 1));
  }
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* ---- the list --------------------------------------------------------------------------------------------- */

/* ?1 org, ?2 user, ?3 department, ?4 state, ?5 today, ?6 agency, ?7 name or 案号 pattern. */
static void linkage_where(Buf *b, const LinkageFilter *f) {
  buf_puts(b, " WHERE l.org_id = ?1");
  if (f->userId) buf_puts(b, " AND (l.prosecutor_id = ?2 OR l.handler_id = ?2)");
  if (f->departmentId) buf_puts(b, " AND l.department_id = ?3");
  if (f->zState && strcmp(f->zState, "open") == 0) buf_puts(b, " AND l.state <> 'closed'");
  else if (f->zState) buf_puts(b, " AND l.state = ?4");
  if (f->overdue) {
    buf_puts(b,
             " AND EXISTS (SELECT 1 FROM deadline d WHERE d.entity_kind = 'linkage' AND d.entity_id = l.id"
             " AND d.status = 'open' AND d.due_on < ?5)");
  }
  if (f->agencyId) buf_puts(b, " AND l.agency_id = ?6");
  if (f->zQuery) {
    buf_puts(b,
             " AND (p.name LIKE ?7 ESCAPE '\\' OR c.case_number LIKE ?7 ESCAPE '\\'"
             " OR a.name LIKE ?7 ESCAPE '\\')");
  }
}

typedef struct ListCtx {
  const LinkageFilter *f;
  char *zPattern;
} ListCtx;

static void linkage_bind(Stmt *s, const void *ctx) {
  const ListCtx *x = ctx;
  const LinkageFilter *f = x->f;
  db_bind_int(s, 1, f->orgId);
  if (f->userId) db_bind_int(s, 2, f->userId);
  if (f->departmentId) db_bind_int(s, 3, f->departmentId);
  if (f->zState && strcmp(f->zState, "open") != 0) db_bind_text(s, 4, f->zState);
  if (f->overdue) db_bind_text(s, 5, f->zToday);
  if (f->agencyId) db_bind_int(s, 6, f->agencyId);
  if (x->zPattern) db_bind_text(s, 7, x->zPattern);
}

json_t *linkage_store_list(Db *db, const LinkageFilter *f) {
  Buf where = BUF_INIT;
  linkage_where(&where, f);
  ListCtx x = {f, f->zQuery ? store_like_pattern(f->zQuery) : NULL};
  StoreListQuery q = {
      "FROM linkage_item l JOIN case_record c ON c.id = l.case_id"
      " JOIN case_person p ON p.id = l.person_id LEFT JOIN agency a ON a.id = l.agency_id",
      ITEM_SELECT,
      " ORDER BY l.id DESC LIMIT ?8 OFFSET ?9",
      8,
      linkage_bind,
      &x,
      item_from_row,
      f->pExport};
  json_t *out = store_list(db, &q, &where, f->limit, f->offset);
  free(x.zPattern);
  buf_free(&where);
  return out;
}

/* The 检察意见 of the office by agency (issue 10 §5): per agency the opinions issued, those still open, those past
 * their running reply period (or 督促 period) on zToday, served, replied, replied with a penalty, and the days from
 * service to reply. */
json_t *linkage_store_by_agency(Db *db, int64_t orgId, const char *zToday) {
  Stmt *s = db_prepare(db,
                       "SELECT a.id, a.name, count(*),"
                       " sum(CASE WHEN l.state <> 'closed' THEN 1 ELSE 0 END),"
                       " sum(CASE WHEN EXISTS(SELECT 1 FROM deadline d WHERE d.entity_kind = 'linkage'"
                       "   AND d.entity_id = l.id AND d.kind = 'linkage_reply' AND d.status = 'open'"
                       "   AND d.due_on < ?2) THEN 1 ELSE 0 END),"
                       " sum(CASE WHEN l.served_on IS NOT NULL THEN 1 ELSE 0 END),"
                       " sum(CASE WHEN l.reply_on IS NOT NULL THEN 1 ELSE 0 END),"
                       " sum(CASE WHEN l.reply_on IS NOT NULL AND l.reply_penalised = 1 THEN 1 ELSE 0 END),"
                       " CAST(sum(CASE WHEN l.reply_on IS NOT NULL AND l.served_on IS NOT NULL"
                       "   THEN julianday(l.reply_on) - julianday(l.served_on) ELSE 0 END) AS INTEGER)"
                       " FROM linkage_item l JOIN agency a ON a.id = l.agency_id"
                       " WHERE l.org_id = ?1 AND l.outcome = 'opinion'"
                       " GROUP BY a.id, a.name ORDER BY a.name, a.id");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zToday);
  json_t *items = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    int64_t served = db_col_int(s, 5), replied = db_col_int(s, 6), penalised = db_col_int(s, 7);
    int64_t days = db_col_int(s, 8);
    json_t *o = json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "agency_id", (json_int_t)db_col_int(s, 0),
                          "agency_name", db_col_text(s, 1), "total", (json_int_t)db_col_int(s, 2), "open",
                          (json_int_t)db_col_int(s, 3), "overdue", (json_int_t)db_col_int(s, 4), "served",
                          (json_int_t)served, "replied", (json_int_t)replied, "penalised", (json_int_t)penalised);
    /* rates as fractions (0..1, 4 decimals), null when nothing to divide by, as the 检察建议's figures */
    json_object_set_new(o, "reply_rate", store_ratio(replied, served, 4));
    json_object_set_new(o, "penalty_rate", store_ratio(penalised, replied, 4));
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
