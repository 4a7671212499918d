/* api_work.c: the home page's work queues and the bell's reminders (docs/api-cases.md, "Work queues and
 * reminders"). What each user sees is decided in app/work.c from the permissions of their roles. */
#include "app/work.h"
#include "lib/timeutil.h"
#include "web/api.h"

int api_work(Req *r) {
  char zToday[11];
  time_today_china(zToday);
  json_t *out = NULL;
  JwErr e;
  if (work_queues(r->db, &r->session.actor, zToday, &out, &e)) return reply_error(r, &e);
  return reply_json(r, 200, out);
}

int api_reminders(Req *r) {
  char zToday[11];
  time_today_china(zToday);
  json_t *out = NULL;
  JwErr e;
  if (work_reminders(r->db, &r->session.actor, zToday, &out, &e)) return reply_error(r, &e);
  return reply_json(r, 200, out);
}
