/* holidays.c: the legal calendar in force, due dates and imports (see holidays.h). */
#include "app/holidays.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/deadlines.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"
#include "store/calendar_store.h"

/* One thread's cached calendar and the version it was built from (-1: shipped data only). */
typedef struct HolidayCache {
  JwCalendar *pCal;
  int64_t version;
} HolidayCache;

static pthread_key_t holidays_key;
static pthread_once_t holidays_once = PTHREAD_ONCE_INIT;

static void holidays_cache_free(void *p) {
  HolidayCache *c = p;
  calendar_free(c->pCal);
  free(c);
}

static void holidays_key_init(void) {
  pthread_key_create(&holidays_key, holidays_cache_free);
}

/* Applies one stored import to the calendar being built. */
static int holidays_apply(const char *z, size_t n, void *ctx) {
  JwCalendarError err;
  return calendar_parse(ctx, z, n, &err) ? -2 : 0;
}

/* Builds the calendar for a version: shipped data, then every import in order. NULL on failure. */
static JwCalendar *holidays_build(Db *db) {
  JwCalendar *cal = calendar_new();
  if (!cal || calendar_load_builtin(cal)) {
    calendar_free(cal);
    return NULL;
  }
  if (db && calendar_store_each(db, holidays_apply, cal)) {
    calendar_free(cal);
    return NULL;
  }
  return cal;
}

const JwCalendar *holidays_current(Db *db, JwErr *e) {
  pthread_once(&holidays_once, holidays_key_init);
  HolidayCache *c = pthread_getspecific(holidays_key);
  if (!c) {
    c = calloc(1, sizeof *c);
    if (!c) {
      err_internal(e, "out of memory");
      return NULL;
    }
    c->version = -2;
    pthread_setspecific(holidays_key, c);
  }
  int64_t version = db ? calendar_store_version(db) : -1;
  if (db && version < 0) {
    err_internal(e, db_errmsg(db));
    return NULL;
  }
  if (c->pCal && c->version == version) return c->pCal;
  JwCalendar *cal = holidays_build(db);
  if (!cal) {
    err_internal(e, "cannot build the legal calendar");
    return NULL;
  }
  calendar_free(c->pCal);
  c->pCal = cal;
  c->version = version;
  return cal;
}

int holidays_due(const JwCalendar *cal, const char *zFrom, const char *zLength, int custodyBound, DueAnswer *out,
                 JwErr *e) {
  JwDate from, due;
  JwLength len;
  if (!zFrom || !*zFrom) return err_field(e, "from", "缺少起算日期 from（YYYY-MM-DD）");
  if (date_parse(zFrom, strlen(zFrom), &from)) {
    return err_field(e, "from", "起算日期 from 无效：须为 1900-2199 年间真实存在的日期，格式 YYYY-MM-DD");
  }
  if (!zLength || !*zLength) return err_field(e, "length", "缺少期间长度 length（如 7d、1m、10wd）");
  if (period_parse_length(zLength, &len)) {
    return err_field(e, "length", "期间长度 length 无效：须为 Nd（1-%d 日）、Nm（1-%d 个月）或 Nwd（1-%d 个工作日）",
                     JW_PERIOD_DAYS_MAX, JW_PERIOD_MONTHS_MAX, JW_PERIOD_WORKDAYS_MAX);
  }
  if (period_due(cal, from, len, custodyBound, &due, &out->provisional)) {
    return err_field(e, "length", "期限超出可计算的日期范围");
  }
  date_format(due, out->zDue);
  return 0;
}

json_t *holidays_year(const JwCalendar *cal, int year) {
  json_t *days = json_array();
  size_t n = calendar_count(cal);
  for (size_t i = 0; i < n; i++) {
    JwDate d;
    JwDayKind kind;
    const char *zName;
    int y, m, dd;
    calendar_get(cal, i, &d, &kind, &zName);
    date_to_ymd(d, &y, &m, &dd);
    if (y != year) continue;
    char zDate[11];
    date_format(d, zDate);
    json_array_append_new(days, json_pack("{s:s, s:s, s:s}", "date", zDate, "kind",
                                          kind == JW_DAY_HOLIDAY ? "holiday" : "workday", "name", zName));
  }
  return json_pack("{s:i, s:b, s:o}", "year", year, "covered", calendar_has_year(cal, year), "days", days);
}

int holidays_import(Db *db, const Actor *actor, const char *zText, size_t n, json_t **out, JwErr *e) {
  if (n > HOLIDAYS_IMPORT_MAX)
    return err_set(e, 413, "too_large", "text", "节假日数据过大（上限 %d 字节）", HOLIDAYS_IMPORT_MAX);
  if (!utf8_valid(zText, n)) return err_field(e, "text", "节假日数据不是有效的 UTF-8 文本");
  /* Parse alone first, to learn the years it declares and to refuse a bad text with its line number. */
  JwCalendar *probe = calendar_new();
  if (!probe) return err_internal(e, "out of memory");
  JwCalendarError err;
  if (calendar_parse(probe, zText, n, &err)) {
    calendar_free(probe);
    return err_field(e, "text", "第 %d 行：%s", err.line, err.zMsg);
  }
  /* a partial year would turn the holidays it leaves out into working days: refused unless marked complete */
  if (calendar_import_check(zText, n, probe, &err)) {
    calendar_free(probe);
    if (err.line) return err_field(e, "text", "第 %d 行：%s", err.line, err.zMsg);
    return err_field(e, "text", "%s", err.zMsg);
  }
  int aYear[64];
  size_t nYear = calendar_years(probe, aYear, 64);
  size_t nDays = calendar_count(probe);
  calendar_free(probe);
  if (nYear == 0) return err_field(e, "text", "没有声明任何年份（需要一行 year YYYY）");
  if (nYear > 64) return err_field(e, "text", "一次最多导入 64 个年份");
  Buf years = BUF_INIT;
  json_t *aj = json_array();
  for (size_t i = 0; i < nYear; i++) {
    buf_printf(&years, "%s%d", i ? "," : "", aYear[i]);
    json_array_append_new(aj, json_integer(aYear[i]));
  }
  char zNow[32];
  time_now_iso(zNow);
  char *zCopy = xstrndup(zText, n);
  int rc = 0;
  int64_t id = -1;
  if (db_begin(db)) rc = err_internal(e, db_errmsg(db));
  if (!rc && (id = calendar_store_insert(db, zNow, actor ? actor->userId : 0, buf_cstr(&years), zCopy)) < 0) {
    rc = err_internal(e, db_errmsg(db));
  }
  json_t *result = json_pack("{s:O, s:I, s:I}", "years", aj, "days", (json_int_t)nDays, "version", (json_int_t)id);
  if (!rc) rc = audit_append(db, actor, "calendar.import", "calendar", audit_id(id).z, NULL, result, e);
  /* DOMAIN 0.1(5): changing the calendar recomputes every open deadline, in the same transaction */
  if (!rc) rc = deadlines_recompute_open(db, e);
  if (rc) {
    db_rollback(db);
  } else if (db_commit(db)) {
    rc = err_internal(e, db_errmsg(db));
  }
  free(zCopy);
  buf_free(&years);
  json_decref(aj);
  if (rc) {
    json_decref(result);
    return -1;
  }
  *out = result;
  return 0;
}
