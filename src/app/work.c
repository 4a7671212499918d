/* work.c: the home page's work queues and the bell's reminders (see work.h). */
#include "app/work.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/approvals.h"
#include "app/cases.h"
#include "app/deadlines.h"
#include "app/people.h"    /* people (issue 14): the reminders of rotation and mentoring */
#include "app/petitions.h" /* petitions (issue 13): the leader's petitions */
#include "core/date.h"
#include "core/deadline.h"
#include "core/roles.h"
#include "lib/mem.h"

/* The name of each deadline item's kind ("kind_name"), so the UI shows a kind it has no label for (a capability's
 * new kind) by the name deadline_kinds[] gives it. */
static void name_kinds(json_t *items) {
  size_t i;
  json_t *d;
  json_array_foreach(items, i, d) {
    const DeadlineKindRule *k = deadline_kind_by_code(json_string_value(json_object_get(d, "kind")));
    json_object_set_new(d, "kind_name", json_string(k ? k->zName : ""));
  }
}

/* Appends a queue made of a list page: {key, kind, scope, list, filter, total, total_capped, items}. Consumes
 * filter and page. */
static void add_queue(json_t *queues, const char *zKey, const char *zKind, const char *zScope, json_t *filter,
                      json_t *page) {
  json_t *items = json_object_get(page, "items");
  if (strcmp(zKind, "deadlines") == 0) name_kinds(items);
  json_array_append_new(
      queues, json_pack("{s:s, s:s, s:s, s:s, s:o, s:O, s:O, s:O}", "key", zKey, "kind", zKind, "scope", zScope, "list",
                        zKind, "filter", filter, "total", json_object_get(page, "total"), "total_capped",
                        json_object_get(page, "total_capped"), "items", items));
  json_decref(page);
}

/* A deadline queue: the deadline list (running rows) of the scope with the level or due range of the filter. */
static int deadline_queue(Db *db, const Actor *a, json_t *queues, const char *zKey, const char *zScope,
                          const char *zLevel, const char *zFrom, const char *zTo, const char *zToday, int limit,
                          JwErr *e) {
  DeadlineFilter f = {
      .orgId = a->orgId, .zLevel = zLevel, .zFrom = zFrom, .zTo = zTo, .zToday = zToday, .limit = limit};
  if (strcmp(zScope, "mine") == 0) f.prosecutorId = a->userId;
  else if (strcmp(zScope, "department") == 0) f.departmentId = a->departmentId;
  json_t *page = NULL;
  if (deadlines_list(db, &f, &page, e)) return -1;
  json_t *filter = json_pack("{s:s}", "scope", zScope);
  if (zLevel) json_object_set_new(filter, "level", json_string(zLevel));
  if (zFrom) json_object_set_new(filter, "from", json_string(zFrom));
  if (zTo) json_object_set_new(filter, "to", json_string(zTo));
  add_queue(queues, zKey, "deadlines", zScope, filter, page);
  return 0;
}

/* A case queue: the case list with the filter f (its query parameters in filter, consumed). */
static int case_queue(Db *db, json_t *queues, const char *zKey, const char *zScope, CaseFilter *f, json_t *filter,
                      JwErr *e) {
  json_t *page = NULL;
  f->countCap = WORK_COUNT_CAP;
  if (cases_list(db, f, &page, e)) {
    json_decref(filter);
    return -1;
  }
  add_queue(queues, zKey, "cases", zScope, filter, page);
  return 0;
}

/* The query parameters of a case filter, as the case list takes them (GET /api/v1/cases). */
static json_t *case_filter_json(const CaseFilter *f) {
  json_t *o = json_object();
  if (f->zStatus) json_object_set_new(o, "status", json_string(f->zStatus));
  if (f->prosecutorId) json_object_set_new(o, "prosecutor_id", json_integer(f->prosecutorId));
  if (f->departmentId) json_object_set_new(o, "department_id", json_integer(f->departmentId));
  if (f->zFrom) json_object_set_new(o, "received_from", json_string(f->zFrom));
  if (f->zTo) json_object_set_new(o, "received_to", json_string(f->zTo));
  if (f->zConcludedFrom) json_object_set_new(o, "concluded_from", json_string(f->zConcludedFrom));
  if (f->zConcludedTo) json_object_set_new(o, "concluded_to", json_string(f->zConcludedTo));
  if (f->unassigned) json_object_set_new(o, "unassigned", json_string("true"));
  if (f->overdue) json_object_set_new(o, "overdue", json_string("true"));
  return o;
}

/* The total of a case filter (a page of one line). -1 on error. */
static json_int_t case_count(Db *db, CaseFilter f, int *pCapped, JwErr *e) {
  f.limit = 1;
  f.countCap = WORK_COUNT_CAP;
  json_t *page = NULL;
  if (cases_list(db, &f, &page, e)) return -1;
  json_int_t n = json_integer_value(json_object_get(page, "total"));
  *pCapped = json_is_true(json_object_get(page, "total_capped"));
  json_decref(page);
  return n;
}

static json_t *figure(const char *zKey, json_int_t n, int capped, const char *zList, json_t *filter) {
  return json_pack("{s:s, s:I, s:b, s:s, s:o}", "key", zKey, "count", n, "capped", capped, "list", zList, "filter",
                   filter);
}

/* The figures of a leader (zScope office) or a department head (department): open cases, overdue deadlines,
 * concluded this month, approvals waiting for them; then the queue of the cases past a deadline. */
static int leader_queues(Db *db, const Actor *a, json_t *queues, const char *zScope, const char *zToday, JwErr *e) {
  int64_t dept = strcmp(zScope, "department") == 0 ? a->departmentId : 0;
  json_t *figs = json_array();
  int capped = 0;
  CaseFilter open = {.orgId = a->orgId, .zToday = zToday, .zStatus = "open", .departmentId = dept};
  json_int_t n = case_count(db, open, &capped, e);
  if (n < 0) goto fail;
  json_array_append_new(figs, figure("open_cases", n, capped, "cases", case_filter_json(&open)));

  DeadlineFilter df = {.orgId = a->orgId, .departmentId = dept, .zLevel = "overdue", .zToday = zToday, .limit = 1};
  json_t *page = NULL;
  if (deadlines_list(db, &df, &page, e)) goto fail;
  json_array_append_new(figs, figure("overdue_deadlines", json_integer_value(json_object_get(page, "total")),
                                     json_is_true(json_object_get(page, "total_capped")), "deadlines",
                                     json_pack("{s:s, s:s}", "scope", zScope, "level", "overdue")));
  json_decref(page);

  char zMonth[11];
  memcpy(zMonth, zToday, 8);
  memcpy(zMonth + 8, "01", 3);
  CaseFilter done = {
      .orgId = a->orgId, .zToday = zToday, .departmentId = dept, .zConcludedFrom = zMonth, .zConcludedTo = zToday};
  if ((n = case_count(db, done, &capped, e)) < 0) goto fail;
  json_array_append_new(figs, figure("concluded_month", n, capped, "cases", case_filter_json(&done)));

  if (a->perms & PERM_APPROVE) {
    page = NULL;
    if (approvals_list(db, a, "pending", "mine", 1, 0, NULL, &page, e)) goto fail;
    json_array_append_new(figs, figure("approvals_waiting", json_integer_value(json_object_get(page, "total")),
                                       json_is_true(json_object_get(page, "total_capped")), "approvals",
                                       json_pack("{s:s}", "status", "pending")));
    json_decref(page);
  }
  json_array_append_new(queues, json_pack("{s:s, s:s, s:s, s:o}", "key", dept ? "department_figures" : "office_figures",
                                          "kind", "figures", "scope", zScope, "figures", figs));
  CaseFilter late = {
      .orgId = a->orgId, .zToday = zToday, .departmentId = dept, .overdue = 1, .limit = WORK_QUEUE_LINES};
  return case_queue(db, queues, dept ? "department_overdue_cases" : "office_overdue_cases", zScope, &late,
                    case_filter_json(&late), e);
fail:
  json_decref(figs);
  return -1;
}

int work_queues(Db *db, const Actor *a, const char *zToday, json_t **out, JwErr *e) {
  json_t *queues = json_array();
  uint32_t p = a->perms;
  int rc = 0;
  JwDate today;
  if (date_parse(zToday, 10, &today)) return err_internal(e, "today");
  char zTomorrow[11], zWeekEnd[11];
  date_format(today + 1, zTomorrow);
  date_format(today + 6, zWeekEnd); /* the week: today and the six days after it, as the summary's "week" */
  if (p & PERM_CASE_READ) {
    int handles =
        ((p & PERM_CASE_HANDLE) && !(p & PERM_CASE_REGISTER)) || ((p & PERM_CASE_DECIDE) && !(p & PERM_APPROVE_CHIEF));
    if (handles) {
      const int n = WORK_QUEUE_LINES;
      rc = deadline_queue(db, a, queues, "my_overdue", "mine", "overdue", NULL, NULL, zToday, n, e) ||
           deadline_queue(db, a, queues, "my_due", "mine", "due", NULL, NULL, zToday, n, e) ||
           deadline_queue(db, a, queues, "my_week", "mine", NULL, zTomorrow, zWeekEnd, zToday, n, e);
      CaseFilter mine = {.orgId = a->orgId, .zToday = zToday, .zStatus = "open", .prosecutorId = a->userId, .limit = n};
      if (!rc) rc = case_queue(db, queues, "my_cases", "mine", &mine, case_filter_json(&mine), e);
    }
    if (!rc && (p & PERM_CASE_REGISTER)) {
      const int n = WORK_QUEUE_LINES;
      rc = deadline_queue(db, a, queues, "office_overdue", "office", "overdue", NULL, NULL, zToday, n, e) ||
           deadline_queue(db, a, queues, "office_due", "office", "due", NULL, NULL, zToday, n, e) ||
           deadline_queue(db, a, queues, "office_warning", "office", "warning", NULL, NULL, zToday, n, e);
      CaseFilter received = {.orgId = a->orgId, .zToday = zToday, .zFrom = zToday, .zTo = zToday, .limit = n};
      if (!rc) rc = case_queue(db, queues, "received_today", "office", &received, case_filter_json(&received), e);
      CaseFilter unassigned = {.orgId = a->orgId, .zToday = zToday, .unassigned = 1, .limit = n};
      if (!rc) rc = case_queue(db, queues, "unassigned", "office", &unassigned, case_filter_json(&unassigned), e);
    }
    /* petitions (issue 13): 控申's own reply periods (the deadline rows of the petitions it handles) */
    if (!rc && !handles && (p & PERM_PETITION_HANDLE) && !(p & PERM_APPROVE)) {
      const int n = WORK_QUEUE_LINES;
      rc = deadline_queue(db, a, queues, "my_overdue", "mine", "overdue", NULL, NULL, zToday, n, e) ||
           deadline_queue(db, a, queues, "my_due", "mine", "due", NULL, NULL, zToday, n, e) ||
           deadline_queue(db, a, queues, "my_week", "mine", NULL, zTomorrow, zWeekEnd, zToday, n, e);
    }
    if (!rc && (p & PERM_APPROVE_CHIEF)) rc = leader_queues(db, a, queues, "office", zToday, e);
    else if (!rc && (p & PERM_APPROVE) && a->departmentId) rc = leader_queues(db, a, queues, "department", zToday, e);
    /* petitions (issue 13): a 院领导's 包案 matters, and the office's high-risk petitions, still open */
    if (!rc && (p & PERM_APPROVE_CHIEF) && (p & PERM_PETITION_READ)) {
      PetitionFilter led = {.leaderId = a->userId, .zState = "open", .limit = WORK_QUEUE_LINES};
      PetitionFilter risky = {.zRisk = "high", .zState = "open", .limit = WORK_QUEUE_LINES};
      json_t *page = NULL;
      rc = petitions_list(db, a, led, &page, e);
      if (!rc)
        add_queue(queues, "led_petitions", "petitions", "mine",
                  json_pack("{s:s, s:s}", "lead", "mine", "state", "open"), page);
      page = NULL;
      if (!rc) rc = petitions_list(db, a, risky, &page, e);
      if (!rc)
        add_queue(queues, "high_risk_petitions", "petitions", "office",
                  json_pack("{s:s, s:s}", "risk", "high", "state", "open"), page);
    }
  }
  if (rc) {
    json_decref(queues);
    return -1;
  }
  *out = json_pack("{s:s, s:o}", "today", zToday, "queues", queues);
  return 0;
}

/* The Chinese name of a people reminder's kind (app/people.h). */
static const char *people_kind_name(const char *zKind) {
  if (strcmp(zKind, "stint_evaluation") == 0) return "轮岗评价";
  if (strcmp(zKind, "talk_missed") == 0) return "导师谈心";
  if (strcmp(zKind, "demo_missing") == 0) return "示范案件";
  return zKind;
}

/* The people reminders of the actor (people_reminders: the stints they evaluate, their missed talks, their missing
 * 示范; the office's for people.manage) as bell lines beside the deadlines: {id, kind, kind_name, level, due_on,
 * subject, entity_kind, entity_id}, the level from the due day as a deadline's. Appended to items; their count. */
static int people_lines(Db *db, const Actor *a, const char *zToday, json_t *items, json_int_t *pCount, JwErr *e) {
  json_t *pr = NULL;
  if (people_reminders(db, a, &pr, e)) return -1;
  size_t i;
  json_t *v;
  json_array_foreach(json_object_get(pr, "items"), i, v) {
    const char *zKind = json_string_value(json_object_get(v, "kind"));
    const char *zDue = json_string_value(json_object_get(v, "due_on"));
    json_int_t id = json_integer_value(json_object_get(v, "entity_id"));
    if (!zKind || !zDue) continue;
    int c = strcmp(zDue, zToday);
    char zId[96];
    snprintf(zId, sizeof zId, "people-%s-%lld", zKind, (long long)id);
    json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:O, s:O, s:I}", "id", zId, "kind", zKind,
                                           "kind_name", people_kind_name(zKind), "level",
                                           c < 0    ? "overdue"
                                           : c == 0 ? "due"
                                                    : "warning",
                                           "due_on", zDue, "subject", json_object_get(v, "text"), "entity_kind",
                                           json_object_get(v, "entity_kind"), "entity_id", id));
    ++*pCount;
  }
  json_decref(pr);
  return 0;
}

/* qsort: bell lines by due day, then as they came (the deadlines first). */
typedef struct BellLine {
  json_t *item;
  size_t order;
} BellLine;

static int bell_line_cmp(const void *pa, const void *pb) {
  const BellLine *a = pa, *b = pb;
  const char *za = json_string_value(json_object_get(a->item, "due_on"));
  const char *zb = json_string_value(json_object_get(b->item, "due_on"));
  int c = strcmp(za ? za : "", zb ? zb : "");
  return c ? c : a->order < b->order ? -1 : a->order > b->order;
}

/* The first WORK_QUEUE_LINES of items by due day: a new array (items is released). */
static json_t *bell_first_lines(json_t *items) {
  size_t n = json_array_size(items);
  BellLine *a = n ? xcalloc(n, sizeof *a) : NULL;
  for (size_t i = 0; i < n; i++) a[i] = (BellLine){json_array_get(items, i), i};
  if (n > 1) qsort(a, n, sizeof *a, bell_line_cmp);
  json_t *out = json_array();
  for (size_t i = 0; i < n && i < WORK_QUEUE_LINES; i++) json_array_append(out, a[i].item);
  free(a);
  json_decref(items);
  return out;
}

int work_reminders(Db *db, const Actor *a, const char *zToday, json_t **out, JwErr *e) {
  const char *zScope = a->perms & (PERM_CASE_REGISTER | PERM_AUDIT_READ) ? "office" : "mine";
  json_t *items = json_array();
  json_int_t total = 0;
  int capped = 0;
  if (a->perms & PERM_CASE_READ) {
    DeadlineFilter f = {.orgId = a->orgId, .zLevel = "attention", .zToday = zToday, .limit = WORK_QUEUE_LINES};
    if (strcmp(zScope, "mine") == 0) f.prosecutorId = a->userId;
    json_t *page = NULL;
    if (deadlines_list(db, &f, &page, e)) {
      json_decref(items);
      return -1;
    }
    json_array_extend(items, json_object_get(page, "items"));
    total = json_integer_value(json_object_get(page, "total"));
    capped = json_is_true(json_object_get(page, "total_capped"));
    json_decref(page);
    name_kinds(items);
  }
  /* people (issue 14): the one feed also carries the reminders of rotation and mentoring, for whoever they concern */
  if (people_lines(db, a, zToday, items, &total, e)) {
    json_decref(items);
    return -1;
  }
  *out = json_pack("{s:s, s:s, s:I, s:b, s:s, s:{s:s, s:s}, s:o}", "today", zToday, "scope", zScope, "total", total,
                   "total_capped", capped, "list", "deadlines", "filter", "scope", zScope, "level", "attention",
                   "items", bell_first_lines(items));
  return 0;
}
