/* api_calendar.c: the legal calendar: due-date questions, a year's holidays, imports (docs/api.md, "Calendar"). */
#include <string.h>

#include "app/holidays.h"
#include "core/date.h"
#include "lib/jsonin.h"
#include "web/api.h"

/* GET /api/v1/calendar/due?from=YYYY-MM-DD&length=7d&custody=true */
int api_calendar_due(Req *r) {
  JwErr e;
  const char *zFrom, *zLength, *zCustody;
  if (req_query_str(r, "from", 10, &zFrom, &e) || req_query_str(r, "length", 6, &zLength, &e) ||
      req_query_str(r, "custody", 5, &zCustody, &e)) {
    return reply_error(r, &e);
  }
  int custody = 0;
  if (zCustody && strcmp(zCustody, "true") == 0) custody = 1;
  else if (zCustody && strcmp(zCustody, "false") != 0) {
    return reply_err(r, 400, "validation_failed", "custody", "参数 custody 必须是 true 或 false");
  }
  const JwCalendar *cal = holidays_current(r->db, &e);
  DueAnswer a;
  if (!cal || holidays_due(cal, zFrom, zLength, custody, &a, &e)) return reply_error(r, &e);
  return reply_json(r, 200,
                    json_pack("{s:s, s:s, s:b, s:s, s:b}", "from", zFrom, "length", zLength, "custody", custody, "due",
                              a.zDue, "provisional", a.provisional));
}

/* GET /api/v1/calendar?year=2026 */
int api_calendar_year(Req *r) {
  JwErr e;
  int64_t year;
  if (req_query_int(r, "year", JW_DATE_YEAR_MIN, JW_DATE_YEAR_MAX, 0, &year, &e)) return reply_error(r, &e);
  if (!year) return reply_err(r, 400, "validation_failed", "year", "缺少参数 year");
  const JwCalendar *cal = holidays_current(r->db, &e);
  if (!cal) return reply_error(r, &e);
  return reply_json(r, 200, holidays_year(cal, (int)year));
}

/* POST /api/v1/calendar/import {"text": "..."} */
int api_calendar_import(Req *r) {
  static const JinField fields[] = {{"text", JIN_TEXT, 1, 1, HOLIDAYS_IMPORT_MAX}};
  JwErr e;
  if (jin_check(r->in, fields, 1, &e)) return reply_error(r, &e);
  json_t *text = json_object_get(r->in, "text"), *out = NULL;
  if (holidays_import(r->db, &r->session.actor, json_string_value(text), json_string_length(text), &out, &e)) {
    return reply_error(r, &e);
  }
  return reply_json(r, 201, out);
}
