/* deadline_store.c: deadline rows of every kind, their lists, and clock stops (see deadline_store.h). */
#include "store/deadline_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "store/store_util.h"

/* ---- sync ------------------------------------------------------------------------------------------------- */

/* Deletes the entity's running rows whose key (kind:person:sequence) is not in keys, the rows the facts imply:
 * a handful of rows per entity, compared here so that the SQL stays the same on both backends. 0 or -1. */
static int deadline_store_drop_others(Db *db, const DeadlineOwner *o, const json_t *keys) {
  Stmt *s = db_prepare(db,
                       "SELECT id, kind || ':' || person_id || ':' || sequence FROM deadline"
                       " WHERE entity_kind = ?1 AND entity_id = ?2 AND status <> 'closed'");
  db_bind_text(s, 1, o->zEntityKind);
  db_bind_int(s, 2, o->entityId);
  int64_t *aDrop = NULL;
  int nDrop = 0, rc;
  while ((rc = db_step(s)) == DB_ROW) {
    const char *zKey = db_col_text(s, 1);
    int implied = 0;
    for (size_t i = 0; i < json_array_size(keys) && !implied; i++) {
      implied = strcmp(json_string_value(json_array_get(keys, i)), zKey) == 0;
    }
    if (!implied) {
      aDrop = xrealloc(aDrop, (size_t)(nDrop + 1) * sizeof *aDrop);
      aDrop[nDrop++] = db_col_int(s, 0);
    }
  }
  db_done(s);
  for (int i = 0; i < nDrop && rc != DB_ERROR; i++) {
    s = db_prepare(db, "DELETE FROM deadline WHERE id = ?1");
    db_bind_int(s, 1, aDrop[i]);
    if (store_step_done(s)) rc = DB_ERROR;
  }
  free(aDrop);
  return rc == DB_ERROR ? -1 : 0;
}

int deadline_store_sync(Db *db, const DeadlineOwner *o, const DeadlineRow *a, int n) {
  json_t *keys = json_array();
  int rc = 0;
  for (int i = 0; i < n && !rc; i++) {
    char zStart[11], zDue[11] = "", zClosed[11] = "", zLen[8], zKey[64];
    date_format(a[i].startOn, zStart);
    if (a[i].dueOn) date_format(a[i].dueOn, zDue);
    if (a[i].closedOn) date_format(a[i].closedOn, zClosed);
    period_format_length(a[i].length, zLen);
    snprintf(zKey, sizeof zKey, "%s:%lld:%d", a[i].zKind, (long long)a[i].personId, a[i].sequence);
    json_array_append_new(keys, json_string(zKey));
    const char *zStatus = !a[i].open ? "closed" : a[i].suspended ? "suspended" : "open";
    /* a closed row keeps what it was when it closed: only running rows are (re)computed */
    Stmt *s = db_prepare(
        db,
        "INSERT INTO deadline(org_id, entity_kind, entity_id, person_id, case_id, kind, sequence, subject, start_on,"
        " length, extra_days, stop_days, custody_bound, due_on, days_left, warn_key, warn_days, lapses, status,"
        " closed_on, provisional, rule, prosecutor_id, department_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
        " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)"
        " ON CONFLICT(entity_kind, entity_id, kind, person_id, sequence) DO UPDATE SET case_id = excluded.case_id,"
        " subject = excluded.subject, start_on = excluded.start_on, length = excluded.length,"
        " extra_days = excluded.extra_days, stop_days = excluded.stop_days, custody_bound = excluded.custody_bound,"
        " due_on = excluded.due_on, days_left = excluded.days_left, warn_key = excluded.warn_key,"
        " warn_days = excluded.warn_days, lapses = excluded.lapses, status = excluded.status,"
        " closed_on = excluded.closed_on, provisional = excluded.provisional, rule = excluded.rule,"
        " prosecutor_id = excluded.prosecutor_id, department_id = excluded.department_id"
        " WHERE deadline.status <> 'closed'");
    db_bind_int(s, 1, o->orgId);
    db_bind_text(s, 2, o->zEntityKind);
    db_bind_int(s, 3, o->entityId);
    db_bind_int(s, 4, a[i].personId);
    if (o->caseId) db_bind_int(s, 5, o->caseId);
    db_bind_text(s, 6, a[i].zKind);
    db_bind_int(s, 7, a[i].sequence);
    db_bind_text(s, 8, o->zSubject ? o->zSubject : "");
    db_bind_text(s, 9, zStart);
    db_bind_text(s, 10, zLen);
    db_bind_int(s, 11, a[i].extraDays);
    db_bind_int(s, 12, a[i].stopDays);
    db_bind_int(s, 13, a[i].custodyBound);
    db_bind_text(s, 14, zDue[0] ? zDue : NULL);
    if (a[i].suspended) db_bind_int(s, 15, a[i].daysLeft);
    db_bind_text(s, 16, a[i].zWarnKey);
    db_bind_int(s, 17, a[i].warnDays);
    db_bind_int(s, 18, a[i].lapses);
    db_bind_text(s, 19, zStatus);
    db_bind_text(s, 20, zClosed[0] ? zClosed : NULL);
    db_bind_int(s, 21, a[i].provisional);
    db_bind_text(s, 22, a[i].zRule);
    if (o->userId) db_bind_int(s, 23, o->userId);
    if (o->departmentId) db_bind_int(s, 24, o->departmentId);
    rc = store_step_done(s);
  }
  if (!rc) rc = deadline_store_drop_others(db, o, keys);
  if (!rc) {
    /* the subject is what the lists show: it follows the record on every row, closed ones too */
    Stmt *s = db_prepare(db,
                         "UPDATE deadline SET subject = ?3 WHERE entity_kind = ?1 AND entity_id = ?2"
                         " AND subject <> ?3");
    db_bind_text(s, 1, o->zEntityKind);
    db_bind_int(s, 2, o->entityId);
    db_bind_text(s, 3, o->zSubject ? o->zSubject : "");
    rc = store_step_done(s);
  }
  json_decref(keys);
  return rc;
}

/* ---- recomputation ---------------------------------------------------------------------------------------- */

DeadlineClock *deadline_store_open_clocks(Db *db, int *pn) {
  /* office by office, so each step is a range of deadline_office_counts (org_id, status, ...) rather than a full scan
   */
  Stmt *s = db_prepare(db,
                       "SELECT d.id, d.start_on, d.length, d.extra_days, d.stop_days, d.custody_bound, d.due_on"
                       " FROM org o CROSS JOIN deadline d WHERE d.org_id = o.id AND d.status = 'open'"
                       " ORDER BY o.id, d.id");
  int n = 0, cap = 64, rc;
  DeadlineClock *a = xmalloc(sizeof *a * (size_t)cap);
  while ((rc = db_step(s)) == DB_ROW) {
    if (n == cap) a = xrealloc(a, sizeof *a * (size_t)(cap *= 2));
    DeadlineClock *c = &a[n];
    memset(c, 0, sizeof *c);
    c->id = db_col_int(s, 0);
    if (date_parse(db_col_text(s, 1), 10, &c->startOn) || period_parse_length(db_col_text(s, 2), &c->length) ||
        date_parse(db_col_text(s, 6), 10, &c->dueOn)) {
      continue; /* not a row this program wrote: leave it as it is */
    }
    c->extraDays = (int)db_col_int(s, 3);
    c->stopDays = (int)db_col_int(s, 4);
    c->custodyBound = (int)db_col_int(s, 5);
    n++;
  }
  db_done(s);
  if (rc == DB_ERROR) {
    free(a);
    return NULL;
  }
  *pn = n;
  return a;
}

int deadline_store_set_due(Db *db, int64_t id, JwDate due, int provisional) {
  char zDue[11];
  date_format(due, zDue);
  Stmt *s = db_prepare(db, "UPDATE deadline SET due_on = ?2, provisional = ?3 WHERE id = ?1");
  db_bind_int(s, 1, id);
  db_bind_text(s, 2, zDue);
  db_bind_int(s, 3, provisional);
  return store_step_done(s);
}

int deadline_store_set_warn_days(Db *db, int64_t orgId, const char *zWarnKey, int days) {
  Stmt *s = db_prepare(db,
                       "UPDATE deadline SET warn_days = ?3 WHERE org_id = ?1 AND warn_key = ?2"
                       " AND status <> 'closed' AND warn_days <> ?3");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zWarnKey);
  db_bind_int(s, 3, days);
  return store_step_done(s);
}

/* ---- clock stops ------------------------------------------------------------------------------------------ */

int64_t clock_stop_insert(Db *db, int64_t orgId, const char *zEntityKind, int64_t entityId, const char *zKind,
                          const char *zFrom, const char *zTo, const char *zReason, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO clock_stop(org_id, entity_kind, entity_id, kind, from_on, to_on, reason,"
                       " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zEntityKind);
  db_bind_int(s, 3, entityId);
  db_bind_text(s, 4, zKind);
  db_bind_text(s, 5, zFrom);
  db_bind_text(s, 6, zTo);
  db_bind_text(s, 7, zReason ? zReason : "");
  db_bind_text(s, 8, zNow);
  return store_insert_id(s);
}

int clock_stop_close(Db *db, const char *zEntityKind, int64_t entityId, const char *zTo) {
  Stmt *s = db_prepare(db,
                       "UPDATE clock_stop SET to_on = ?3 WHERE entity_kind = ?1 AND entity_id = ?2"
                       " AND to_on IS NULL");
  db_bind_text(s, 1, zEntityKind);
  db_bind_int(s, 2, entityId);
  db_bind_text(s, 3, zTo);
  return store_step_done(s);
}

int clock_stop_for_case_persons(Db *db, int64_t caseId, void (*xStop)(int64_t entityId, ClockStop s, void *ctx),
                                void *ctx) {
  Stmt *s = db_prepare(db,
                       "SELECT cs.entity_id, cs.from_on, cs.to_on FROM case_person p"
                       " JOIN clock_stop cs ON cs.entity_kind = 'case_person' AND cs.entity_id = p.id"
                       " WHERE p.case_id = ?1 ORDER BY cs.entity_id, cs.from_on, cs.id");
  db_bind_int(s, 1, caseId);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    ClockStop st = {0, 0};
    date_parse(db_col_text(s, 1), 10, &st.from);
    if (!db_col_is_null(s, 2)) date_parse(db_col_text(s, 2), 10, &st.to);
    xStop(db_col_int(s, 0), st, ctx);
  }
  db_done(s);
  return rc == DB_ERROR ? -1 : 0;
}

/* One clock stop of a clock_stop_json_for_case_persons() row (column 0 is the person). */
static json_t *clock_stop_item(Stmt *s) {
  return json_pack("{s:I, s:s, s:s, s:o, s:s}", "id", (json_int_t)db_col_int(s, 1), "kind", db_col_text(s, 2),
                   "from_on", db_col_text(s, 3), "to_on", store_col_text_or_null(s, 4), "reason", db_col_text(s, 5));
}

json_t *clock_stop_json_for_case_persons(Db *db, int64_t caseId) {
  Stmt *s = db_prepare(db,
                       "SELECT cs.entity_id, cs.id, cs.kind, cs.from_on, cs.to_on, cs.reason FROM case_person p"
                       " JOIN clock_stop cs ON cs.entity_kind = 'case_person' AND cs.entity_id = p.id"
                       " WHERE p.case_id = ?1 ORDER BY cs.entity_id, cs.from_on, cs.id");
  db_bind_int(s, 1, caseId);
  return store_group_by_id(s, clock_stop_item);
}

/* ---- lists ------------------------------------------------------------------------------------------------ */

/* Today (China Standard Time, 'YYYY-MM-DD') is bound as ?20 in every query that computes levels. */
#define TODAY_PARAM 20

/* The level and days left of a row, computed in SQL from ?20 (today), as deadline_state_level() does in C. */
#define DEADLINE_LEVEL_SQL                                                                      \
  "CASE WHEN d.status = 'closed' THEN CASE WHEN d.lapses = 1 THEN 'lapsed'"                     \
  " WHEN d.closed_on <= d.due_on THEN 'met' ELSE 'late' END"                                    \
  " WHEN d.status = 'suspended' THEN 'suspended'"                                               \
  " WHEN d.due_on < ?20 THEN CASE WHEN d.lapses = 1 THEN 'lapsed' ELSE 'overdue' END"           \
  " WHEN d.due_on = ?20 THEN 'due'"                                                             \
  " WHEN julianday(d.due_on) - julianday(?20) <= d.warn_days THEN 'warning' ELSE 'normal' END," \
  " CASE WHEN d.status = 'suspended' THEN d.days_left"                                          \
  " ELSE CAST(julianday(d.due_on) - julianday(?20) AS INTEGER) END"

#define DEADLINE_SELECT                                                                                         \
  "SELECT d.id, d.entity_kind, d.entity_id, d.case_id, c.case_number, c.title, d.kind, d.sequence, d.start_on," \
  " d.length, d.extra_days, d.custody_bound, d.due_on, d.warn_days, d.status, d.closed_on, d.provisional,"      \
  " d.rule, d.prosecutor_id, u.name, d.department_id, d.subject, d.person_id, p.name, d.stop_days, "            \
  "d.lapses, " DEADLINE_LEVEL_SQL                                                                               \
  " FROM deadline d LEFT JOIN case_record c ON c.id = d.case_id LEFT JOIN app_user u ON u.id = d.prosecutor_id" \
  " LEFT JOIN case_person p ON p.id = d.person_id"

/* A Deadline object from a DEADLINE_SELECT row. */
static json_t *deadline_from_row(Stmt *s) {
  json_t *o = json_object();
  json_object_set_new(o, "id", json_integer(db_col_int(s, 0)));
  json_object_set_new(o, "entity_kind", json_string(db_col_text(s, 1)));
  json_object_set_new(o, "entity_id", json_integer(db_col_int(s, 2)));
  json_object_set_new(o, "case_id", store_col_int_or_null(s, 3));
  json_object_set_new(o, "case_number", store_col_text_or_null(s, 4));
  json_object_set_new(o, "case_title", store_col_text_or_null(s, 5));
  json_object_set_new(o, "kind", json_string(db_col_text(s, 6)));
  json_object_set_new(o, "sequence", json_integer(db_col_int(s, 7)));
  json_object_set_new(o, "start_on", json_string(db_col_text(s, 8)));
  json_object_set_new(o, "length", json_string(db_col_text(s, 9)));
  json_object_set_new(o, "extra_days", json_integer(db_col_int(s, 10)));
  json_object_set_new(o, "custody_bound", json_boolean(db_col_int(s, 11)));
  json_object_set_new(o, "due_on", store_col_text_or_null(s, 12));
  json_object_set_new(o, "warn_days", json_integer(db_col_int(s, 13)));
  json_object_set_new(o, "status", json_string(db_col_text(s, 14)));
  json_object_set_new(o, "closed_on", store_col_text_or_null(s, 15));
  json_object_set_new(o, "provisional", json_boolean(db_col_int(s, 16)));
  json_object_set_new(o, "rule", json_string(db_col_text(s, 17)));
  json_object_set_new(o, "prosecutor_id", store_col_int_or_null(s, 18));
  json_object_set_new(o, "prosecutor_name", store_col_text_or_null(s, 19));
  json_object_set_new(o, "department_id", store_col_int_or_null(s, 20));
  json_object_set_new(o, "subject", json_string(db_col_text(s, 21)));
  json_object_set_new(o, "person_id", db_col_int(s, 22) ? json_integer(db_col_int(s, 22)) : json_null());
  json_object_set_new(o, "person_name", store_col_text_or_null(s, 23));
  json_object_set_new(o, "stop_days", json_integer(db_col_int(s, 24)));
  json_object_set_new(o, "lapses", json_boolean(db_col_int(s, 25)));
  json_object_set_new(o, "level", json_string(db_col_text(s, 26)));
  json_object_set_new(o, "days_left", store_col_int_or_null(s, 27));
  return o;
}

/* The lists' WHERE clause, from the literal fragments of the filters in use, so the planner sees only those. The
 * level filters are due-day ranges on (org_id, [prosecutor_id | department_id,] status, due_on); the warning window
 * is bounded by the largest lead time an office may set (60 days) so it stays a range. A party's period that has
 * lapsed is no longer running: it shows on its record's page only. ?1 org, ?2 status, ?3 user, ?4 department, ?5
 * kind, ?6/?7 due range, ?20 today. */
static void deadline_where(Buf *b, const DeadlineFilter *f, int withLevel) {
  int suspendedOnly = withLevel && f->zLevel && strcmp(f->zLevel, "suspended") == 0;
  if (f->closed) buf_puts(b, " WHERE d.org_id = ?1 AND d.status = 'closed'");
  else if (suspendedOnly) buf_puts(b, " WHERE d.org_id = ?1 AND d.status = 'suspended'");
  else if (withLevel && f->zLevel) buf_puts(b, " WHERE d.org_id = ?1 AND d.status = 'open'");
  else buf_puts(b, " WHERE d.org_id = ?1 AND d.status IN ('open', 'suspended')");
  if (!f->closed) buf_puts(b, " AND (d.lapses = 0 OR d.due_on >= ?20)");
  if (f->prosecutorId) buf_puts(b, " AND d.prosecutor_id = ?3");
  if (f->departmentId) buf_puts(b, " AND d.department_id = ?4");
  if (f->zKind) buf_puts(b, " AND d.kind = ?5");
  if (withLevel && f->zLevel && !suspendedOnly) {
    if (strcmp(f->zLevel, "overdue") == 0) buf_puts(b, " AND d.due_on < ?20");
    else if (strcmp(f->zLevel, "attention") == 0) {
      /* the reminders: overdue, due today or within the warning days (the bell, app/work.c) */
      buf_puts(b,
               " AND d.due_on <= date(?20, '+60 days')"
               " AND (d.due_on <= ?20 OR julianday(d.due_on) - julianday(?20) <= d.warn_days)");
    } else if (strcmp(f->zLevel, "due") == 0) buf_puts(b, " AND d.due_on = ?20");
    else if (strcmp(f->zLevel, "warning") == 0) {
      buf_puts(b,
               " AND d.due_on > ?20 AND d.due_on <= date(?20, '+60 days')"
               " AND julianday(d.due_on) - julianday(?20) <= d.warn_days");
    } else {
      buf_puts(b, " AND d.due_on > ?20 AND julianday(d.due_on) - julianday(?20) > d.warn_days");
    }
  }
  if (withLevel && f->zFrom) buf_puts(b, " AND d.due_on >= ?6");
  if (withLevel && f->zTo) buf_puts(b, " AND d.due_on <= ?7");
}

static void deadline_bind_filter(Stmt *s, const void *ctx) {
  const DeadlineFilter *f = ctx;
  db_bind_int(s, 1, f->orgId);
  if (f->prosecutorId) db_bind_int(s, 3, f->prosecutorId);
  if (f->departmentId) db_bind_int(s, 4, f->departmentId);
  db_bind_text(s, 5, f->zKind);
  db_bind_text(s, 6, f->zFrom);
  db_bind_text(s, 7, f->zTo);
  db_bind_text(s, TODAY_PARAM, f->zToday);
}

json_t *deadline_store_list(Db *db, const DeadlineFilter *f) {
  Buf where = BUF_INIT;
  deadline_where(&where, f, 1);
  StoreListQuery q = {
      "FROM deadline d", DEADLINE_SELECT, " ORDER BY d.due_on, d.id LIMIT ?8 OFFSET ?9", 8, deadline_bind_filter, f,
      deadline_from_row, f->pExport};
  json_t *out = store_list_keyed(db, &q, "d.id", &where, f->limit, f->offset);
  buf_free(&where);
  return out;
}

json_t *deadline_store_summary(Db *db, const DeadlineFilter *f) {
  DeadlineFilter running = *f;
  running.closed = 0;
  Buf where = BUF_INIT, sql = BUF_INIT;
  deadline_where(&where, &running, 0);
  store_sql_join(&sql,
                 "SELECT count(*) FILTER (WHERE d.status = 'open' AND d.due_on < ?20),"
                 " count(*) FILTER (WHERE d.status = 'open' AND d.due_on = ?20),"
                 " count(*) FILTER (WHERE d.status = 'open' AND d.due_on > ?20"
                 "   AND julianday(d.due_on) - julianday(?20) <= d.warn_days),"
                 " count(*) FILTER (WHERE d.status = 'open' AND d.due_on >= ?20 AND d.due_on <= date(?20, '+6 days')),"
                 " count(*) FILTER (WHERE d.status = 'suspended'),"
                 " count(*) FROM deadline d",
                 &where, "");
  Stmt *s = db_prepare_assembled(db, buf_cstr(&sql)); /* sql-safe: literal fragments only */
  deadline_bind_filter(s, &running);
  json_t *o = NULL;
  if (db_step(s) == DB_ROW) {
    o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "overdue", (json_int_t)db_col_int(s, 0), "due",
                  (json_int_t)db_col_int(s, 1), "warning", (json_int_t)db_col_int(s, 2), "week",
                  (json_int_t)db_col_int(s, 3), "suspended", (json_int_t)db_col_int(s, 4), "open",
                  (json_int_t)db_col_int(s, 5));
  }
  db_done(s);
  buf_free(&where);
  buf_free(&sql);
  return o;
}

/* The month view: ?6/?7 bound the due days, ?8 the entries per day. The counts group the same rows the list gives
 * by due day, a range of (org_id, [prosecutor_id | department_id,] status, due_on); the first entries per day are
 * numbered by a window over the deadline rows alone, so only the rows shown are joined to their case and person. */
json_t *deadline_store_month(Db *db, const DeadlineFilter *f, int nPerDay) {
  Buf where = BUF_INIT, sql = BUF_INIT;
  deadline_where(&where, f, 1);
  store_sql_join(&sql, "SELECT d.due_on, count(*) FROM deadline d", &where, " GROUP BY d.due_on ORDER BY d.due_on");
  Stmt *s = db_prepare_uncached(db, buf_cstr(&sql)); /* sql-safe: literal fragments only */
  deadline_bind_filter(s, f);
  json_t *days = json_array(), *byDay = json_object();
  json_int_t total = 0;
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    if (db_col_is_null(s, 0)) continue; /* a stopped clock has no due day (the range leaves it out anyway) */
    json_int_t n = (json_int_t)db_col_int(s, 1);
    json_t *day = json_pack("{s:s, s:I, s:[]}", "date", db_col_text(s, 0), "count", n, "items");
    json_object_set(byDay, db_col_text(s, 0), day);
    json_array_append_new(days, day);
    total += n;
  }
  db_finalize(s);
  buf_reset(&sql);
  if (rc != DB_ERROR) {
    store_sql_join(&sql,
                   "WITH firsts AS (SELECT d.id, row_number() OVER (PARTITION BY d.due_on ORDER BY d.id) AS rn"
                   " FROM deadline d",
                   &where,
                   ") " DEADLINE_SELECT
                   " JOIN firsts ON firsts.id = d.id WHERE firsts.rn <= ?8"
                   " ORDER BY d.due_on, d.id");
    s = db_prepare_uncached(db, buf_cstr(&sql)); /* sql-safe: literal fragments only */
    deadline_bind_filter(s, f);
    db_bind_int(s, 8, nPerDay);
    while ((rc = db_step(s)) == DB_ROW) {
      json_t *day = json_object_get(byDay, db_col_text(s, 12));
      if (day) json_array_append_new(json_object_get(day, "items"), deadline_from_row(s));
    }
    db_finalize(s);
  }
  buf_free(&where);
  buf_free(&sql);
  json_decref(byDay);
  if (rc == DB_ERROR) {
    json_decref(days);
    return NULL;
  }
  return json_pack("{s:o, s:I}", "days", days, "total", total);
}

json_t *deadline_store_for_case(Db *db, int64_t caseId, const char *zToday) {
  Stmt *s = db_prepare(db, DEADLINE_SELECT " WHERE d.case_id = ?1 ORDER BY d.due_on IS NULL, d.due_on, d.id");
  db_bind_int(s, 1, caseId);
  db_bind_text(s, TODAY_PARAM, zToday);
  json_t *dl = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) json_array_append_new(dl, deadline_from_row(s));
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(dl);
    return NULL;
  }
  return dl;
}

/* suggestions (issue 10): the rows of one record (entity kind and id), as API objects, by due day. */
json_t *deadline_store_for_entity(Db *db, const char *zEntityKind, int64_t entityId, const char *zToday) {
  Stmt *s = db_prepare(db, DEADLINE_SELECT
                       " WHERE d.entity_kind = ?1 AND d.entity_id = ?2"
                       " ORDER BY d.due_on IS NULL, d.due_on, d.id");
  db_bind_text(s, 1, zEntityKind);
  db_bind_int(s, 2, entityId);
  db_bind_text(s, TODAY_PARAM, zToday);
  json_t *dl = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) json_array_append_new(dl, deadline_from_row(s));
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(dl);
    return NULL;
  }
  return dl;
}
