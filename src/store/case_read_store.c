/* case_read_store.c: the case reads of the API: one case with its persons, events and deadlines, and the case
 * list with its filters and searches (see case_store.h, "API reads"). Writes and the rules' loads are case_store.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "lib/utf8.h"
#include "store/case_store.h"
#include "store/deadline_store.h"
#include "store/schema.h"
#include "store/store_util.h"

/* ---- API reads -------------------------------------------------------------------------------------------- */

/* Today (China Standard Time, 'YYYY-MM-DD') is bound as ?20 in every query that computes deadline levels, so the
 * shared SQL fragments below can be combined with filters numbered ?1.. upwards. */
#define TODAY_PARAM 20

/* Adds {"code","name"} of one charge code to the array ctx. */
static void person_add_charge(const char *zCode, void *ctx) {
  const Charge *c = charge_by_code(zCode);
  json_array_append_new(ctx, json_pack("{s:s, s:s}", "code", zCode, "name", c ? c->zName : zCode));
}

/* One custody entry of a case_custody_json() row (column 0 is the person). */
static json_t *custody_item(Stmt *s) {
  return json_pack("{s:s, s:s}", "custody", db_col_text(s, 1), "from_on", db_col_text(s, 2));
}

/* The custody history of a case's persons: {"<person id>": [{"custody","from_on"}...]}. NULL on error. */
static json_t *case_custody_json(Db *db, int64_t caseId) {
  Stmt *s = db_prepare(db,
                       "SELECT person_id, custody, from_on FROM case_custody WHERE case_id = ?1"
                       " ORDER BY person_id, from_on, id");
  db_bind_int(s, 1, caseId);
  return store_group_by_id(s, custody_item);
}

/* Persons of a case with their charges, custody history and clock stops, as API objects: three statements whatever
 * the number of persons. */
static json_t *case_persons_json(Db *db, int64_t caseId) {
  json_t *custody = case_custody_json(db, caseId);
  if (!custody) return NULL;
  json_t *stops = clock_stop_json_for_case_persons(db, caseId);
  if (!stops) {
    json_decref(custody);
    return NULL;
  }
  Stmt *s = db_prepare(db,
                       "SELECT p.id, p.name, p.id_number, p.sex, p.birth_date, p.custody, p.custody_since, p.plea,"
                       " p.sentence_band, p.decision, p.non_prosecution_type, p.decision_on, p.judgment_on,"
                       " p.sentence, p.recommendation_adopted, p.judgment_consistent,"
                       " (SELECT group_concat(charge, ',') FROM (SELECT charge FROM case_person_charge pc"
                       "   WHERE pc.person_id = p.id ORDER BY position, charge) AS pc),"
                       " p.offence_on, p.probation_months, p.final_decision, p.final_on, p.prosecution_withdrawn_on,"
                       " p.judgment_instance"
                       " FROM case_person p WHERE p.case_id = ?1 ORDER BY p.id");
  db_bind_int(s, 1, caseId);
  json_t *items = json_array();
  while (db_step(s) == DB_ROW) {
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(db_col_int(s, 0)));
    json_object_set_new(o, "name", json_string(db_col_text(s, 1)));
    json_object_set_new(o, "id_number", store_col_text_or_null(s, 2));
    json_object_set_new(o, "sex", store_col_text_or_null(s, 3));
    json_object_set_new(o, "birth_date", store_col_text_or_null(s, 4));
    json_object_set_new(o, "custody", json_string(db_col_text(s, 5)));
    json_object_set_new(o, "custody_since", store_col_text_or_null(s, 6));
    json_object_set_new(o, "in_custody", json_boolean(custody_is_in_custody(db_col_text(s, 5))));
    json_object_set_new(o, "plea", json_boolean(db_col_int(s, 7)));
    json_object_set_new(o, "sentence_band", store_col_text_or_null(s, 8));
    json_object_set_new(o, "decision", store_col_text_or_null(s, 9));
    json_object_set_new(o, "non_prosecution_type", store_col_text_or_null(s, 10));
    json_object_set_new(o, "decision_on", store_col_text_or_null(s, 11));
    if (db_col_is_null(s, 12)) {
      json_object_set_new(o, "judgment", json_null());
    } else {
      json_object_set_new(
          o, "judgment",
          json_pack("{s:s, s:s, s:b, s:b, s:s}", "judgment_on", db_col_text(s, 12), "sentence", db_col_text(s, 13),
                    "recommendation_adopted", (int)db_col_int(s, 14), "consistent", (int)db_col_int(s, 15), "instance",
                    db_col_is_null(s, 22) ? "first" : db_col_text(s, 22)));
    }
    json_object_set_new(o, "offence_on", store_col_text_or_null(s, 17));
    json_object_set_new(o, "probation_months", store_col_int_or_null(s, 18));
    json_object_set_new(o, "final_decision", store_col_text_or_null(s, 19));
    json_object_set_new(o, "final_on", store_col_text_or_null(s, 20));
    json_object_set_new(o, "prosecution_withdrawn_on", store_col_text_or_null(s, 21));
    json_t *ch = json_array();
    store_each_listed(db_col_text(s, 16), person_add_charge, ch);
    json_object_set_new(o, "charges", ch);
    char zKey[24];
    snprintf(zKey, sizeof zKey, "%lld", (long long)db_col_int(s, 0));
    json_t *hist = json_object_get(custody, zKey);
    json_object_set_new(o, "custody_history", hist ? json_incref(hist) : json_array());
    json_t *personStops = json_object_get(stops, zKey);
    json_object_set_new(o, "clock_stops", personStops ? json_incref(personStops) : json_array());
    json_array_append_new(items, o);
  }
  db_done(s);
  json_decref(custody);
  json_decref(stops);
  return items;
}

/* A case's timeline: its events in the order of their legal date (on_date), then of their entry time, each with the
 * login and the name of the user who recorded it. */
static json_t *case_events_json(Db *db, int64_t caseId) {
  Stmt *s = db_prepare(db,
                       "SELECT e.id, e.kind, e.on_date, e.person_id, e.data, u.login, e.at, u.name FROM case_event e"
                       " LEFT JOIN app_user u ON u.id = e.user_id WHERE e.case_id = ?1 ORDER BY e.on_date, e.at, e.id");
  db_bind_int(s, 1, caseId);
  json_t *items = json_array();
  while (db_step(s) == DB_ROW) {
    json_t *data = db_col_is_null(s, 4) ? NULL : json_loads(db_col_text(s, 4), 0, NULL);
    json_array_append_new(
        items, json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "id", (json_int_t)db_col_int(s, 0), "kind",
                         db_col_text(s, 1), "on", db_col_text(s, 2), "person_id", store_col_int_or_null(s, 3), "data",
                         data ? data : json_object(), "user_login", store_col_text_or_null(s, 5), "user_name",
                         store_col_text_or_null(s, 7), "at", db_col_text(s, 6)));
  }
  db_done(s);
  return items;
}

/* The columns of a case summary, with ?20 as today. */
#define CASE_SELECT                                                                                                   \
  "SELECT c.id, c.case_number, c.case_type, c.title, c.source_agency, c.source_number, c.received_on,"                \
  " c.department_id, dp.name, c.prosecutor_id, u.name, c.status, c.major_complex, c.summary_procedure,"               \
  " c.prior_returns, c.concluded_on, c.archived_on, c.transferred_on, c.created_at, c.updated_at,"                    \
  " (SELECT group_concat(name, '、') FROM (SELECT name FROM case_person p WHERE p.case_id = c.id ORDER BY p.id) AS " \
  "p),"                                                                                                               \
  " (SELECT min(due_on) FROM deadline d WHERE d.case_id = c.id AND d.status = 'open' AND d.lapses = 0),"              \
  " (SELECT CASE WHEN min(d.due_on) < ?20 THEN 'overdue' WHEN min(d.due_on) = ?20 THEN 'due'"                         \
  "   WHEN min(julianday(d.due_on) - julianday(?20) - d.warn_days) <= 0 THEN 'warning' ELSE 'normal' END"             \
  "   FROM deadline d WHERE d.case_id = c.id AND d.status = 'open' AND d.lapses = 0 HAVING count(*) > 0),"            \
  " c.conclusion, c.jurisdiction_issue_on"                                                                            \
  " FROM case_record c LEFT JOIN department dp ON dp.id = c.department_id"                                            \
  " LEFT JOIN app_user u ON u.id = c.prosecutor_id"

static json_t *case_summary_from_row(Stmt *s) {
  json_t *o = json_object();
  json_object_set_new(o, "id", json_integer(db_col_int(s, 0)));
  json_object_set_new(o, "case_number", json_string(db_col_text(s, 1)));
  json_object_set_new(o, "case_type", json_string(db_col_text(s, 2)));
  json_object_set_new(o, "title", json_string(db_col_text(s, 3)));
  json_object_set_new(o, "source_agency", json_string(db_col_text(s, 4)));
  json_object_set_new(o, "source_number", store_col_text_or_null(s, 5));
  json_object_set_new(o, "received_on", json_string(db_col_text(s, 6)));
  json_object_set_new(o, "department_id", store_col_int_or_null(s, 7));
  json_object_set_new(o, "department_name", store_col_text_or_null(s, 8));
  json_object_set_new(o, "prosecutor_id", store_col_int_or_null(s, 9));
  json_object_set_new(o, "prosecutor_name", store_col_text_or_null(s, 10));
  json_object_set_new(o, "status", json_string(db_col_text(s, 11)));
  json_object_set_new(o, "major_complex", json_boolean(db_col_int(s, 12)));
  json_object_set_new(o, "summary_procedure", json_boolean(db_col_int(s, 13)));
  json_object_set_new(o, "prior_returns", json_integer(db_col_int(s, 14)));
  json_object_set_new(o, "concluded_on", store_col_text_or_null(s, 15));
  json_object_set_new(o, "archived_on", store_col_text_or_null(s, 16));
  json_object_set_new(o, "transferred_on", store_col_text_or_null(s, 17));
  json_object_set_new(o, "created_at", json_string(db_col_text(s, 18)));
  json_object_set_new(o, "updated_at", json_string(db_col_text(s, 19)));
  json_object_set_new(o, "person_names", json_string(db_col_text(s, 20)));
  json_object_set_new(o, "next_due", store_col_text_or_null(s, 21));
  json_object_set_new(o, "level", store_col_text_or_null(s, 22));
  json_object_set_new(o, "conclusion", store_col_text_or_null(s, 23));
  json_object_set_new(o, "jurisdiction_issue_on", store_col_text_or_null(s, 24));
  return o;
}

int case_store_get(Db *db, int64_t orgId, int64_t id, const char *zToday, json_t **out) {
  *out = NULL;
  Stmt *s = db_prepare(db, CASE_SELECT " WHERE c.org_id = ?1 AND c.id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  db_bind_text(s, TODAY_PARAM, zToday);
  int rc = db_step(s);
  json_t *o = rc == DB_ROW ? case_summary_from_row(s) : NULL;
  db_done(s);
  if (!o) return rc == DB_DONE ? 0 : -1;
  json_t *persons = case_persons_json(db, id), *events = case_events_json(db, id);
  json_t *dl = deadline_store_for_case(db, id, zToday);
  if (!persons || !events || !dl) {
    json_decref(o);
    json_decref(persons);
    json_decref(events);
    json_decref(dl);
    return -1;
  }
  json_object_set_new(o, "persons", persons);
  json_object_set_new(o, "events", events);
  json_object_set_new(o, "deadlines", dl);
  *out = o;
  return 1;
}

/* How the case list's search text is matched (see CaseFilter in case_store.h). */
typedef enum { SEARCH_NONE, SEARCH_ID, SEARCH_TRIGRAM, SEARCH_NUMBER, SEARCH_NAME } SearchMode;

/* Trigrams need a fragment of 3 characters (code points) or more. */
#define SEARCH_TRIGRAM_MIN 3

/* 1 when a search text looks like part of a case number (it has a digit, or the brackets 〔〕, or 号 / 检):
 * names have none of these. */
static int case_query_is_number(const char *z) {
  return strpbrk(z, "0123456789") || strstr(z, "〔") || strstr(z, "〕") || strstr(z, "号") || strstr(z, "检");
}

static SearchMode case_search_mode(const CaseFilter *f) {
  if (f->zIdNumber) return SEARCH_ID;
  if (!f->zQuery || !*f->zQuery) return SEARCH_NONE;
  if (utf8_length(f->zQuery, strlen(f->zQuery)) >= SEARCH_TRIGRAM_MIN) return SEARCH_TRIGRAM;
  return case_query_is_number(f->zQuery) ? SEARCH_NUMBER : SEARCH_NAME;
}

/* The case list's WHERE clause, assembled from the literal fragments of the filters in use, so the planner sees only
 * those and picks the index that serves them (a generic "(?N IS NULL OR col = ?N)" clause defeats every index).
 * Parameter numbers are fixed per filter: ?1 org, ?2 status, ?3 type, ?4/?5 received range, ?6 charge, ?7 LIKE
 * pattern or name prefix (short searches), ?8 normalised ID number, ?9 department, ?10 prosecutor, ?11 the end of a
 * name prefix's range, ?12/?13 limit and offset, ?14 the trigram search (in zSearch, schema_search_condition():
 * the one dialect switch, kept in schema.c), ?20 today, ?21/?22 the conclusion range. Unused numbers are simply
 * absent. The office (?1) is always the first condition. */
static void case_where(Buf *b, const CaseFilter *f, SearchMode mode, const char *zSearch) {
  /* A person or text search finds its few cases through its index; the unary + keeps the planner from walking every
   * case of the office on the org_id index instead. */
  buf_puts(b, mode == SEARCH_NONE || mode == SEARCH_NUMBER ? " WHERE c.org_id = ?1" : " WHERE +c.org_id = ?1");
  if (f->zStatus && strcmp(f->zStatus, "open") == 0) buf_puts(b, " AND c.status IN ('under_review', 'returned')");
  else if (f->zStatus) buf_puts(b, " AND c.status = ?2");
  if (f->zType) buf_puts(b, " AND c.case_type = ?3");
  if (f->zFrom) buf_puts(b, " AND c.received_on >= ?4");
  if (f->zTo) buf_puts(b, " AND c.received_on <= ?5");
  if (f->zCharge) {
    buf_puts(b,
             " AND EXISTS (SELECT 1 FROM case_person p JOIN case_person_charge pc ON pc.person_id = p.id"
             " WHERE p.case_id = c.id AND pc.charge = ?6)");
  }
  switch (mode) {
    case SEARCH_ID: /* an ID number is matched exactly through its index, never by walking the cases */
      buf_puts(b, " AND c.id IN (SELECT p.case_id FROM case_person p WHERE p.org_id = ?1 AND p.id_number = ?8)");
      break;
    case SEARCH_TRIGRAM: /* any fragment of the case's search document, through the trigram index */
      buf_puts(b, zSearch);
      break;
    case SEARCH_NUMBER: /* a short fragment of a case number ("12"): a substring search over the office's numbers */
      buf_puts(b, " AND lower(c.case_number) LIKE lower(?7) ESCAPE '\\'");
      break;
    case SEARCH_NAME: /* a short name, from its beginning ("张三"): a range of the (org_id, name) index */
      buf_puts(b,
               " AND c.id IN (SELECT p.case_id FROM case_person p WHERE p.org_id = ?1 AND p.name >= ?7"
               " AND p.name < ?11)");
      break;
    case SEARCH_NONE:
      break;
  }
  if (f->departmentId) buf_puts(b, " AND c.department_id = ?9");
  if (f->prosecutorId) buf_puts(b, " AND c.prosecutor_id = ?10");
  /* the work queues' filters (?21/?22 the conclusion range): an unassigned case is one still open */
  if (f->unassigned) buf_puts(b, " AND c.prosecutor_id IS NULL AND c.status IN ('under_review', 'returned')");
  if (f->zConcludedFrom) buf_puts(b, " AND c.concluded_on >= ?21");
  if (f->zConcludedTo) buf_puts(b, " AND c.concluded_on <= ?22");
  if (f->overdue) {
    buf_puts(b,
             " AND EXISTS (SELECT 1 FROM deadline d WHERE d.case_id = c.id AND d.status = 'open'"
             " AND d.lapses = 0 AND d.due_on < ?20)");
  }
}

/* Binds the values of the filters case_where() wrote (binding a number the statement lacks is a no-op). */
typedef struct CaseBind {
  const CaseFilter *f;
  const char *zShort;   /* ?7: the LIKE pattern of a short case-number search, or the prefix of a name search */
  const char *zNameEnd; /* ?11: the name prefix followed by U+10FFFF: the end of its range */
  const char *zText;    /* ?14: the trigram search */
} CaseBind;

static void case_bind_filter(Stmt *s, const void *ctx) {
  const CaseBind *cb = ctx;
  const CaseFilter *f = cb->f;
  db_bind_int(s, 1, f->orgId);
  db_bind_text(s, 2, f->zStatus);
  db_bind_text(s, 3, f->zType);
  db_bind_text(s, 4, f->zFrom);
  db_bind_text(s, 5, f->zTo);
  db_bind_text(s, 6, f->zCharge);
  db_bind_text(s, 7, cb->zShort);
  db_bind_text(s, 8, f->zIdNumber);
  if (f->departmentId) db_bind_int(s, 9, f->departmentId);
  if (f->prosecutorId) db_bind_int(s, 10, f->prosecutorId);
  db_bind_text(s, 11, cb->zNameEnd);
  db_bind_text(s, 14, cb->zText);
  db_bind_text(s, TODAY_PARAM, f->zToday);
  db_bind_text(s, 21, f->zConcludedFrom);
  db_bind_text(s, 22, f->zConcludedTo);
}

/* The sortable columns: the API's name, the expression, and whether it can be NULL (NULLs come last in both
 * directions and on both backends: SQLite puts them first when ascending, PostgreSQL last). */
static const struct {
  const char *zName, *zExpr;
  int nullable;
} aCaseSort[] = {
    {"received_on", "c.received_on", 0},
    {"case_number", "c.case_number", 0},
    {"title", "c.title", 0},
    /* the order of the procedure, not of the codes */
    {"status",
     "CASE c.status WHEN 'under_review' THEN 1 WHEN 'returned' THEN 2 WHEN 'concluded' THEN 3"
     " WHEN 'archived' THEN 4 ELSE 5 END",
     0},
    {"next_due", "(SELECT min(due_on) FROM deadline d WHERE d.case_id = c.id AND d.status = 'open' AND d.lapses = 0)",
     1},
    {"prosecutor", "u.name", 1},
    {"department", "dp.name", 1},
    {"case_type", "c.case_type", 0},
};

static int case_sort_index(const char *zSort) {
  for (size_t i = 0; i < sizeof aCaseSort / sizeof aCaseSort[0]; i++) {
    if (strcmp(aCaseSort[i].zName, zSort ? zSort : "received_on") == 0) return (int)i;
  }
  return -1;
}

int case_store_sort_known(const char *zSort) {
  return zSort && case_sort_index(zSort) >= 0;
}

/* " ORDER BY <column> <dir>, c.id <dir>" from literal fragments only. With noIndex, "|| ''" keeps SQLite from walking
 * an index of the whole office in the sort's order and testing each case against the few wanted (a unary + is the
 * SQLite idiom, but PostgreSQL has no + for text). */
static void case_order(Buf *b, const CaseFilter *f, int noIndex) {
  int i = case_sort_index(f->zSort);
  if (i < 0) i = 0;
  const char *zDir = f->ascending ? " ASC" : " DESC";
  buf_puts(b, " ORDER BY ");
  if (aCaseSort[i].nullable) {
    buf_puts(b, aCaseSort[i].zExpr);
    buf_puts(b, " IS NULL, ");
  }
  buf_puts(b, aCaseSort[i].zExpr);
  if (noIndex && !aCaseSort[i].nullable && strncmp(aCaseSort[i].zExpr, "c.", 2) == 0) buf_puts(b, " || ''");
  buf_puts(b, zDir);
  buf_puts(b, ", c.id");
  buf_puts(b, zDir);
}

json_t *case_store_list(Db *db, const CaseFilter *f) {
  SearchMode mode = case_search_mode(f);
  char *zShort = NULL, *zText = NULL;
  Buf nameEnd = BUF_INIT;
  if (mode == SEARCH_NUMBER) zShort = store_like_pattern(f->zQuery);
  if (mode == SEARCH_NAME) {
    zShort = xstrdup(f->zQuery);
    buf_printf(&nameEnd, "%s\xF4\x8F\xBF\xBF", f->zQuery);
  }
  if (mode == SEARCH_TRIGRAM) zText = schema_search_pattern(db, f->zQuery);
  Buf where = BUF_INIT, select = BUF_INIT, order = BUF_INIT;
  case_where(&where, f, mode, schema_search_condition(db));
  /* The page in two steps: the ids of the page first (sorting only the sort key and the id of every case found),
   * then the summary columns, whose subqueries (persons, next deadline, level) then run for the page's rows only,
   * not for every row the sort sees. */
  int i = case_sort_index(f->zSort);
  int joins =
      i >= 0 && (strcmp(aCaseSort[i].zName, "prosecutor") == 0 || strcmp(aCaseSort[i].zName, "department") == 0);
  buf_puts(&select, CASE_SELECT " WHERE c.id IN (SELECT c.id FROM case_record c");
  if (joins) {
    buf_puts(&select,
             " LEFT JOIN department dp ON dp.id = c.department_id LEFT JOIN app_user u ON u.id = c.prosecutor_id");
  }
  case_order(&order, f, mode != SEARCH_NONE && mode != SEARCH_NUMBER);
  buf_puts(&order, " LIMIT ?12 OFFSET ?13)");
  case_order(&order, f, 1); /* the page's rows in the same order */
  CaseBind bind = {f, zShort, mode == SEARCH_NAME ? buf_cstr(&nameEnd) : NULL, zText};
  StoreListQuery q = {"FROM case_record c",  buf_cstr(&select), buf_cstr(&order), 12, case_bind_filter, &bind,
                      case_summary_from_row, f->pExport};
  /* a search's total is exact up to 100,000; the whole office's, up to 10,000 (store_util.h) */
  json_t *out = store_list_capped(db, &q, &where, f->limit, f->offset,
                                  f->countCap > 0       ? f->countCap
                                  : mode != SEARCH_NONE ? STORE_SEARCH_COUNT_CAP
                                                        : STORE_COUNT_CAP);
  buf_free(&where);
  buf_free(&select);
  buf_free(&order);
  buf_free(&nameEnd);
  free(zShort);
  free(zText);
  return out;
}
