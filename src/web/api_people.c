/* api_people.c: the people routes (issue 14; docs/api-people.md). Handlers translate HTTP to app/people.c; every
 * check happens there. */
#include <stdint.h>

#include "app/people.h"
#include "web/api.h"

static int result(Req *r, int rc, int status, json_t *out, const JwErr *e) {
  return rc ? reply_error(r, e) : reply_json(r, status, out);
}

static int query_year(Req *r, int *pYear, JwErr *e) {
  int64_t y = 0;
  if (req_query_int(r, "year", 2000, 2100, 0, &y, e)) return -1;
  *pYear = (int)y;
  return 0;
}

#define HANDLER_GET_YEAR(name, fn)                              \
  int name(Req *r) {                                            \
    JwErr e;                                                    \
    json_t *out = NULL;                                         \
    int year = 0;                                               \
    int rc = query_year(r, &year, &e);                          \
    if (!rc) rc = fn(r->db, &r->session.actor, year, &out, &e); \
    return result(r, rc, 200, out, &e);                         \
  }
#define HANDLER_GET(name, fn)                        \
  int name(Req *r) {                                 \
    JwErr e;                                         \
    json_t *out = NULL;                              \
    int rc = fn(r->db, &r->session.actor, &out, &e); \
    return result(r, rc, 200, out, &e);              \
  }
#define HANDLER_GET_ID(name, fn)                                    \
  int name(Req *r) {                                                \
    JwErr e;                                                        \
    json_t *out = NULL;                                             \
    int rc = fn(r->db, &r->session.actor, r->aPathId[0], &out, &e); \
    return result(r, rc, 200, out, &e);                             \
  }
#define HANDLER_POST(name, fn, status)                      \
  int name(Req *r) {                                        \
    JwErr e;                                                \
    json_t *out = NULL;                                     \
    int rc = fn(r->db, &r->session.actor, r->in, &out, &e); \
    return result(r, rc, status, out, &e);                  \
  }
#define HANDLER_POST_ID(name, fn, status)                                  \
  int name(Req *r) {                                                       \
    JwErr e;                                                               \
    json_t *out = NULL;                                                    \
    int rc = fn(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e); \
    return result(r, rc, status, out, &e);                                 \
  }

int api_people_archive(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int year = 0;
  int rc = query_year(r, &year, &e);
  if (!rc) rc = people_archive(r->db, &r->session.actor, r->aPathId[0], year, &out, &e);
  return result(r, rc, 200, out, &e);
}

int api_people_plans_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int64_t userId = 0;
  int rc = req_query_int(r, "user_id", 1, INT64_MAX, 0, &userId, &e);
  if (!rc) rc = people_plans_list(r->db, &r->session.actor, userId, &out, &e);
  return result(r, rc, 200, out, &e);
}

int api_people_cycle(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int64_t months = 0;
  int rc = req_query_int(r, "months", 1, 120, 0, &months, &e);
  if (!rc) rc = people_cycle(r->db, &r->session.actor, (int)months, &out, &e);
  return result(r, rc, 200, out, &e);
}

HANDLER_POST_ID(api_people_entry_create, people_entry_create, 201)
HANDLER_POST(api_people_plan_create, people_plan_create, 201)
HANDLER_GET_ID(api_people_plan_get, people_plan_get)
HANDLER_POST_ID(api_people_stint_add, people_stint_add, 201)
HANDLER_POST_ID(api_people_stint_evaluate, people_stint_evaluate, 200)
HANDLER_POST_ID(api_people_plan_final, people_plan_final, 200)
HANDLER_POST(api_people_secondary_create, people_secondary_create, 201)
HANDLER_GET(api_people_secondary_list, people_secondary_list)
HANDLER_POST_ID(api_people_secondary_evaluate, people_secondary_evaluate, 200)
HANDLER_POST(api_people_mentor_add, people_mentor_add, 201)
HANDLER_GET_YEAR(api_people_mentors, people_mentors)
HANDLER_POST(api_people_pair_create, people_pair_create, 201)
HANDLER_POST_ID(api_people_talk_add, people_talk_add, 201)
HANDLER_POST(api_people_demo_add, people_demo_add, 201)
HANDLER_GET(api_people_reminders, people_reminders)
HANDLER_POST(api_people_course_create, people_course_create, 201)
HANDLER_GET_ID(api_people_course_get, people_course_get)
HANDLER_GET_YEAR(api_people_courses, people_courses)
HANDLER_POST_ID(api_people_attendance, people_attendance, 200)
HANDLER_GET_YEAR(api_people_hours, people_hours)
HANDLER_POST(api_people_integrity_create, people_integrity_create, 201)
HANDLER_GET_ID(api_people_integrity_get, people_integrity_get)
HANDLER_GET(api_people_integrity_list, people_integrity_list)
