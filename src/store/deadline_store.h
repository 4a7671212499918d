/* deadline_store.h: SQL for the one deadline capability: the materialised deadline rows of every kind of record,
 * their lists and summaries, and the clock stops (中止 / 扣除) of records.
 *
 * A row belongs to an entity (entity_kind, entity_id: the record whose capability computes it, e.g. "case" 12) and
 * optionally binds one person (person_id, 0 for none) and is shown with a case (case_id). Nothing here knows what a
 * kind means: the capability computes its rows (core) and hands them to deadline_store_sync(). */
#ifndef JW_DEADLINE_STORE_H
#define JW_DEADLINE_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "core/deadline.h"
#include "store/db.h"

/* One computed period, as a capability hands it over. */
typedef struct DeadlineRow {
  const char *zKind; /* a code of deadline_kinds[] */
  int64_t personId;  /* 0: none */
  int sequence;
  JwDate startOn;
  JwLength length;
  int extraDays, stopDays, custodyBound;
  JwDate dueOn; /* 0 while suspended */
  int suspended, daysLeft, provisional;
  int open; /* 0: closed on closedOn */
  JwDate closedOn;
  const char *zWarnKey; /* the office setting of its warning days */
  int warnDays, lapses;
  const char *zRule;
} DeadlineRow;

/* The record the rows belong to, and what every row of it shows. */
typedef struct DeadlineOwner {
  int64_t orgId;
  const char *zEntityKind;
  int64_t entityId;
  int64_t caseId;       /* 0: not shown with a case */
  const char *zSubject; /* what the lists show: "缙检刑诉受〔2025〕1号 张某盗窃案" */
  int64_t userId;       /* the user responsible (承办人), 0 none */
  int64_t departmentId; /* 0 none */
} DeadlineOwner;

/* Brings the owner's rows in line with a[0..n): open rows are inserted or recomputed (and close when a[i] is
 * closed); a row already closed keeps what it was when it closed (custody, calendar, warning days, responsible user
 * of that time); open rows of the owner no longer implied are removed. 0 ok, -1 error. */
int deadline_store_sync(Db *db, const DeadlineOwner *o, const DeadlineRow *a, int n);

/* The open (running, not suspended) rows, office by office, for recomputation after a calendar change. */
typedef struct DeadlineClock {
  int64_t id;
  JwDate startOn;
  JwLength length;
  int extraDays, stopDays, custodyBound;
  JwDate dueOn;
} DeadlineClock;
/* A heap array of every open row (*pn of them); NULL on error. */
DeadlineClock *deadline_store_open_clocks(Db *db, int *pn);
int deadline_store_set_due(Db *db, int64_t id, JwDate due, int provisional);

/* Sets the warning lead time of the organisation's running rows with this warning key. */
int deadline_store_set_warn_days(Db *db, int64_t orgId, const char *zWarnKey, int days);

/* ---- clock stops ------------------------------------------------------------------------------------------ */

/* Opens a stop of an entity's clock from zFrom; zTo NULL while it stands (suspend), or the day counting resumes
 * (exclude: the stop [from, to)). Returns the new id or -1. */
int64_t clock_stop_insert(Db *db, int64_t orgId, const char *zEntityKind, int64_t entityId, const char *zKind,
                          const char *zFrom, const char *zTo, const char *zReason, const char *zNow);
/* Ends the entity's open stop on zTo. 0 ok (also when none was open), -1 error. */
int clock_stop_close(Db *db, const char *zEntityKind, int64_t entityId, const char *zTo);
/* Calls xStop for each stop of the entities of kind zEntityKind whose ids the SQL subquery of the caller selects:
 * here, the persons of a case. In (entity_id, from_on, id) order. */
int clock_stop_for_case_persons(Db *db, int64_t caseId, void (*xStop)(int64_t entityId, ClockStop s, void *ctx),
                                void *ctx);
/* The stops of a case's persons as API objects, in one statement: {"<person id>": [{id, kind, from_on, to_on,
 * reason}...]} (persons without stops are absent). NULL on error. */
json_t *clock_stop_json_for_case_persons(Db *db, int64_t caseId);

/* ---- lists ------------------------------------------------------------------------------------------------ */

typedef struct DeadlineFilter {
  int64_t orgId;
  int64_t prosecutorId;    /* responsible user, 0: any */
  int64_t departmentId;    /* 0: any */
  const char *zLevel;      /* overdue due warning normal suspended, attention (overdue, due or warning), or NULL */
  const char *zFrom, *zTo; /* due day range, or NULL */
  const char *zKind;       /* one kind, or NULL */
  int closed;              /* 0 running (open or suspended), 1 closed */
  const char *zToday;
  int limit, offset;
  struct StoreExport *pExport; /* non-NULL: every row to it instead of a page (store_util.h) */
} DeadlineFilter;
json_t *deadline_store_list(Db *db, const DeadlineFilter *f);    /* NULL on a database error */
json_t *deadline_store_summary(Db *db, const DeadlineFilter *f); /* NULL on a database error */
/* The month view of the list under the same filter (f->zFrom, f->zTo: the month's first and last day): each due day
 * with rows, its count and its first nPerDay rows in the list's order (due day, id): {"days":[{"date", "count",
 * "items":[Deadline...]}...], "total":N}. NULL on a database error. */
json_t *deadline_store_month(Db *db, const DeadlineFilter *f, int nPerDay);
/* Every deadline shown with a case, as API objects, by due day. NULL on error. */
json_t *deadline_store_for_case(Db *db, int64_t caseId, const char *zToday);
/* suggestions (issue 10): every deadline of one record (entity kind and id), as API objects. NULL on error. */
json_t *deadline_store_for_entity(Db *db, const char *zEntityKind, int64_t entityId, const char *zToday);

#endif
