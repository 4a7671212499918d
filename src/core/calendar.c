/* calendar.c: the official rest-day calendar and its plain import format (see calendar.h).
 *
 * Representation. The listed days are kept in aEntry, sorted by date with one entry per date; they are the source
 * of truth for listing and merging. For fast lookups the calendar also keeps aDay, one flag byte per day, over the
 * span of whole years from yFirst-01-01 to yLast-12-31 where yFirst and yLast are the smallest and largest covered
 * years. A byte holds CAL_REST (the day is a rest day) and CAL_PROV (the day's year is not covered, so CAL_REST came
 * from the fallback rule). Uncovered years inside the span are filled with the fallback rule; days outside the span
 * are computed on the fly. Invariant: every entry lies in a covered year, and aDay agrees with the entries.
 */
#include "core/calendar.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define CAL_REST 0x01 /* a rest day */
#define CAL_PROV 0x02 /* the year is not covered: decided by the fallback rule */

#define CAL_NAME_BYTES (JW_CAL_NAME_MAX * 4) /* a UTF-8 code point takes at most 4 bytes */

/* One listed day. */
typedef struct CalEntry {
  JwDate date;
  unsigned char kind;             /* JW_DAY_HOLIDAY or JW_DAY_WORKDAY */
  char zName[CAL_NAME_BYTES + 1]; /* NUL-terminated, "" when none */
} CalEntry;

struct JwCalendar {
  CalEntry *aEntry;    /* listed days, sorted by date, unique dates */
  size_t nEntry;       /* entries in use */
  size_t nAlloc;       /* entries allocated */
  int yFirst;          /* first year of the span of aDay (valid when nDay > 0) */
  int yLast;           /* last year of the span */
  JwDate dFirst;       /* yFirst-01-01 */
  unsigned char *aDay; /* one flag byte per day of the span, aDay[0] for dFirst */
  size_t nDay;         /* days in the span; 0 when no year was ever covered */
};

/* The fixed-date statutory holidays used for years the calendar does not cover: 《全国年节及纪念日放假办法》
 * (revised 2024-11-10) Art.2: 元旦 1 day (01-01), 劳动节 2 days (05-01, 05-02), 国庆 3 days (10-01..10-03).
 * 春节, 清明, 端午 and 中秋 follow the lunar calendar or solar terms and are only known from the yearly notice. */
static const unsigned char cal_aFixed[][2] = {{1, 1}, {5, 1}, {5, 2}, {10, 1}, {10, 2}, {10, 3}};

/* Return 1 if month m, day d is one of the fixed-date statutory holidays (cal_aFixed), else 0. */
static int cal_is_fixed_holiday(int m, int d) {
  for (size_t i = 0; i < sizeof(cal_aFixed) / sizeof(cal_aFixed[0]); i++) {
    if (cal_aFixed[i][0] == m && cal_aFixed[i][1] == d) return 1;
  }
  return 0;
}

/* Return the flag byte of day d by the fallback rule for an uncovered year: CAL_PROV, plus CAL_REST when d is a
 * Saturday, a Sunday or a fixed-date statutory holiday. */
static unsigned char cal_fallback_flags(JwDate d) {
  int m, dd;
  unsigned char f = CAL_PROV;
  date_to_ymd(d, NULL, &m, &dd);
  if (date_weekday(d) >= 6 || cal_is_fixed_holiday(m, dd)) f |= CAL_REST;
  return f;
}

/* Return 1 if y is a year a calendar may cover (JW_DATE_YEAR_MIN..JW_DATE_YEAR_MAX), else 0. */
static int cal_year_ok(int y) {
  return y >= JW_DATE_YEAR_MIN && y <= JW_DATE_YEAR_MAX;
}

/* Return the flag byte of day d: from aDay inside the span, else by the fallback rule. p may be NULL. */
static unsigned char cal_flags(const JwCalendar *p, JwDate d) {
  if (p != NULL && p->nDay > 0) {
    int64_t off = (int64_t)d - p->dFirst;
    if (off >= 0 && off < (int64_t)p->nDay) return p->aDay[off];
  }
  return cal_fallback_flags(d);
}

/* Fill the flag bytes of year y, which must lie inside the span: weekends are rest days; when `covered` is 0 the
 * fixed-date holidays are rest days too and every byte carries CAL_PROV. Entries are not applied. */
static void cal_fill_year(JwCalendar *p, int y, int covered) {
  JwDate d = date_from_ymd(y, 1, 1);
  int wd = date_weekday(d);
  unsigned char *a = p->aDay + (d - p->dFirst);
  for (int m = 1; m <= 12; m++) {
    int nDim = date_days_in_month(y, m);
    for (int dd = 1; dd <= nDim; dd++) {
      unsigned char f = wd >= 6 ? CAL_REST : 0;
      if (!covered) {
        f |= CAL_PROV;
        if (cal_is_fixed_holiday(m, dd)) f |= CAL_REST;
      }
      *a++ = f;
      wd = wd == 7 ? 1 : wd + 1;
    }
  }
}

/* Return the index of the first entry whose date is >= d (nEntry if none), by binary search. */
static size_t cal_lower_bound(const JwCalendar *p, JwDate d) {
  size_t lo = 0, hi = p->nEntry;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (p->aEntry[mid].date < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* Check that the n bytes at z are an acceptable name: valid UTF-8 (no overlong forms, no surrogates, nothing above
 * U+10FFFF), no C0 control character (tab included), DEL or '#', no leading or trailing space, at most
 * JW_CAL_NAME_MAX code points. Return 0 or JW_CAL_ENAME. */
static int cal_name_check(const char *z, size_t n) {
  const unsigned char *a = (const unsigned char *)z;
  size_t i = 0, nChar = 0;
  if (n > 0 && (a[0] == ' ' || a[n - 1] == ' ')) return JW_CAL_ENAME;
  while (i < n) {
    unsigned c = a[i];
    size_t nCont;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the first continuation byte */
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F || c == '#') return JW_CAL_ENAME;
      nCont = 0;
    } else if (c >= 0xC2 && c <= 0xDF) {
      nCont = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      nCont = 2;
      if (c == 0xE0) lo = 0xA0; /* overlong */
      if (c == 0xED) hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
      nCont = 3;
      if (c == 0xF0) lo = 0x90; /* overlong */
      if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
    } else {
      return JW_CAL_ENAME;
    }
    if (n - i - 1 < nCont) return JW_CAL_ENAME;
    for (size_t k = 1; k <= nCont; k++) {
      unsigned b = a[i + k];
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return JW_CAL_ENAME;
    }
    i += 1 + nCont;
    if (++nChar > JW_CAL_NAME_MAX) return JW_CAL_ENAME;
  }
  return 0;
}

JwCalendar *calendar_new(void) {
  return calloc(1, sizeof(JwCalendar));
}

void calendar_free(JwCalendar *p) {
  if (p == NULL) return;
  free(p->aEntry);
  free(p->aDay);
  free(p);
}

int calendar_has_year(const JwCalendar *p, int y) {
  if (p == NULL || p->nDay == 0 || y < p->yFirst || y > p->yLast) return 0;
  return (p->aDay[date_from_ymd(y, 1, 1) - p->dFirst] & CAL_PROV) == 0;
}

/* Widen the span of aDay so that it includes year y, filling the added years as uncovered. Return 0 or
 * JW_CAL_ENOMEM (then p is unchanged). */
static int cal_widen(JwCalendar *p, int y) {
  int yFirst = y, yLast = y;
  if (p->nDay > 0) {
    if (y >= p->yFirst && y <= p->yLast) return 0;
    if (p->yFirst < yFirst) yFirst = p->yFirst;
    if (p->yLast > yLast) yLast = p->yLast;
  }
  JwDate dFirst = date_from_ymd(yFirst, 1, 1);
  size_t nDay = (size_t)(date_from_ymd(yLast + 1, 1, 1) - dFirst);
  unsigned char *aDay = malloc(nDay);
  if (aDay == NULL) return JW_CAL_ENOMEM;
  unsigned char *aOld = p->aDay;
  size_t nOld = p->nDay;
  int yOldFirst = p->yFirst, yOldLast = p->yLast;
  JwDate dOldFirst = p->dFirst;
  p->aDay = aDay;
  p->nDay = nDay;
  p->yFirst = yFirst;
  p->yLast = yLast;
  p->dFirst = dFirst;
  for (int yy = yFirst; yy <= yLast; yy++) {
    if (nOld == 0 || yy < yOldFirst || yy > yOldLast) cal_fill_year(p, yy, 0);
  }
  if (nOld > 0) memcpy(aDay + (dOldFirst - dFirst), aOld, nOld);
  free(aOld);
  return 0;
}

int calendar_add_year(JwCalendar *p, int y) {
  if (p == NULL) return JW_CAL_EINVAL;
  if (!cal_year_ok(y)) return JW_CAL_EYEAR;
  if (calendar_has_year(p, y)) return 0;
  int rc = cal_widen(p, y);
  if (rc) return rc;
  cal_fill_year(p, y, 1); /* an uncovered year has no entries, so weekends are all there is */
  return 0;
}

int calendar_remove_year(JwCalendar *p, int y) {
  if (p == NULL) return JW_CAL_EINVAL;
  if (!cal_year_ok(y)) return JW_CAL_EYEAR;
  if (!calendar_has_year(p, y)) return 0;
  size_t i = cal_lower_bound(p, date_from_ymd(y, 1, 1));
  size_t j = cal_lower_bound(p, date_from_ymd(y + 1, 1, 1));
  memmove(p->aEntry + i, p->aEntry + j, (p->nEntry - j) * sizeof(CalEntry));
  p->nEntry -= j - i;
  cal_fill_year(p, y, 0);
  return 0;
}

size_t calendar_years(const JwCalendar *p, int *aYear, size_t nMax) {
  size_t n = 0;
  if (p == NULL || p->nDay == 0) return 0;
  for (int y = p->yFirst; y <= p->yLast; y++) {
    if (!calendar_has_year(p, y)) continue;
    if (n < nMax) aYear[n] = y;
    n++;
  }
  return n;
}

int calendar_add_day(JwCalendar *p, JwDate d, JwDayKind kind, const char *zName) {
  int y;
  if (p == NULL || (kind != JW_DAY_HOLIDAY && kind != JW_DAY_WORKDAY)) return JW_CAL_EINVAL;
  if (zName == NULL) zName = "";
  date_to_ymd(d, &y, NULL, NULL);
  if (!calendar_has_year(p, y)) return JW_CAL_EYEAR;
  size_t nName = strlen(zName);
  if (cal_name_check(zName, nName)) return JW_CAL_ENAME;
  size_t i = cal_lower_bound(p, d);
  if (i < p->nEntry && p->aEntry[i].date == d) {
    return p->aEntry[i].kind == kind ? 0 : JW_CAL_ECONFLICT;
  }
  if (kind == JW_DAY_WORKDAY && date_weekday(d) < 6) return JW_CAL_EWEEKDAY;
  if (p->nEntry == p->nAlloc) {
    size_t nNew = p->nAlloc ? p->nAlloc * 2 : 64;
    CalEntry *aNew = realloc(p->aEntry, nNew * sizeof(CalEntry));
    if (aNew == NULL) return JW_CAL_ENOMEM;
    p->aEntry = aNew;
    p->nAlloc = nNew;
  }
  memmove(p->aEntry + i + 1, p->aEntry + i, (p->nEntry - i) * sizeof(CalEntry));
  p->nEntry++;
  CalEntry *pE = &p->aEntry[i];
  memset(pE, 0, sizeof(*pE));
  pE->date = d;
  pE->kind = (unsigned char)kind;
  memcpy(pE->zName, zName, nName + 1); /* nName <= CAL_NAME_BYTES by cal_name_check */
  unsigned char *pFlag = &p->aDay[d - p->dFirst];
  if (kind == JW_DAY_HOLIDAY) *pFlag |= CAL_REST;
  else *pFlag &= (unsigned char)~CAL_REST;
  return 0;
}

int calendar_is_rest_day(const JwCalendar *p, JwDate d, int *pProvisional) {
  unsigned char f = cal_flags(p, d);
  if (pProvisional) *pProvisional = (f & CAL_PROV) != 0;
  return (f & CAL_REST) != 0;
}

size_t calendar_count(const JwCalendar *p) {
  return p ? p->nEntry : 0;
}

int calendar_get(const JwCalendar *p, size_t i, JwDate *pDate, JwDayKind *pKind, const char **pzName) {
  if (p == NULL || i >= p->nEntry) return -1;
  const CalEntry *pE = &p->aEntry[i];
  if (pDate) *pDate = pE->date;
  if (pKind) *pKind = (JwDayKind)pE->kind;
  if (pzName) *pzName = pE->zName;
  return 0;
}

/* ---- The plain import format ---------------------------------------------------------------------------- */

/* Messages for parse errors: Chinese, then English in parentheses. */
#define CAL_MSG_DATE      "日期格式错误，应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD (bad date, expected YYYY-MM-DD)"
#define CAL_MSG_KIND      "类型错误，应为 holiday 或 workday (bad kind, expected holiday or workday)"
#define CAL_MSG_YEARLINE  "年份行格式错误，应为 year YYYY (bad year line, expected year YYYY)"
#define CAL_MSG_YEARRANGE "年份超出 1900–2199 (year outside 1900..2199)"
#define CAL_MSG_REVERSED  "日期范围的结束日早于开始日 (range ends before it starts)"
#define CAL_MSG_TOOLONG   "日期范围超过 31 天 (range longer than 31 days)"
#define CAL_MSG_UNDECLARED \
  "日期不在已声明的年份内，请先写 year YYYY (date outside the declared years; add year YYYY above)"
#define CAL_MSG_CONFLICT "同一日期既是放假日又是调休上班日 (same date declared both holiday and workday)"
#define CAL_MSG_NAME     "名称无效：最多 32 个字符，不能含控制字符 (bad name: at most 32 characters, no control characters)"
#define CAL_MSG_WEEKDAY  "调休上班日必须是星期六或星期日 (a workday must be a Saturday or Sunday)"
#define CAL_MSG_NOMEM    "内存不足 (out of memory)"

/* Return 1 if c separates fields (space or tab), else 0. */
static int cal_is_blank(char c) {
  return c == ' ' || c == '\t';
}

/* Return the length of the field starting at z (n bytes available): the bytes up to the first blank or the end. */
static size_t cal_field_len(const char *z, size_t n) {
  size_t k = 0;
  while (k < n && !cal_is_blank(z[k])) k++;
  return k;
}

/* Return the number of leading blanks in the n bytes at z. */
static size_t cal_skip_blanks(const char *z, size_t n) {
  size_t k = 0;
  while (k < n && cal_is_blank(z[k])) k++;
  return k;
}

/* Parse a "year YYYY" line whose text after the keyword is the n bytes at z (leading blanks included) and declare
 * the year in p. Return 0, or a JW_CAL_E* code with *pzMsg set. */
static int cal_parse_year_line(JwCalendar *p, const char *z, size_t n, const char **pzMsg) {
  size_t k = cal_skip_blanks(z, n);
  int y = 0;
  /* "year YYYY complete": the mark an import needs (calendar_import_check); the calendar itself takes both */
  if (n - k > 4 && cal_is_blank(z[k + 4])) {
    size_t j = k + 4 + cal_skip_blanks(z + k + 4, n - k - 4);
    if (n - j == 8 && memcmp(z + j, "complete", 8) == 0) n = k + 4;
  }
  if (k == 0 || n - k != 4) {
    *pzMsg = CAL_MSG_YEARLINE;
    return JW_CAL_EINVAL;
  }
  for (size_t i = k; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') {
      *pzMsg = CAL_MSG_YEARLINE;
      return JW_CAL_EINVAL;
    }
    y = y * 10 + (z[i] - '0');
  }
  int rc = calendar_add_year(p, y);
  if (rc) *pzMsg = rc == JW_CAL_EYEAR ? CAL_MSG_YEARRANGE : CAL_MSG_NOMEM;
  return rc;
}

/* Parse the date field of an entry (n bytes at z): "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD". Store the first and
 * last day in *pStart and *pEnd. Return 0, or a JW_CAL_E* code with *pzMsg set. */
static int cal_parse_dates(const char *z, size_t n, JwDate *pStart, JwDate *pEnd, const char **pzMsg) {
  *pzMsg = CAL_MSG_DATE;
  if (n == 10) {
    if (date_parse(z, 10, pStart)) return JW_CAL_EINVAL;
    *pEnd = *pStart;
  } else if (n == 22 && z[10] == '.' && z[11] == '.') {
    if (date_parse(z, 10, pStart) || date_parse(z + 12, 10, pEnd)) return JW_CAL_EINVAL;
  } else {
    return JW_CAL_EINVAL;
  }
  if (*pEnd < *pStart) {
    *pzMsg = CAL_MSG_REVERSED;
    return JW_CAL_EINVAL;
  }
  if (*pEnd - *pStart + 1 > JW_CAL_RANGE_MAX) {
    *pzMsg = CAL_MSG_TOOLONG;
    return JW_CAL_EINVAL;
  }
  return 0;
}

/* Parse one line (n bytes at z, without its LF) and apply it to p. Comments, blank lines and a trailing CR are
 * skipped. Return 0, or a JW_CAL_E* code with *pzMsg set to the message. */
static int cal_parse_line(JwCalendar *p, const char *z, size_t n, const char **pzMsg) {
  const char *zHash = memchr(z, '#', n);
  if (zHash) n = (size_t)(zHash - z);
  while (n > 0 && (cal_is_blank(z[n - 1]) || z[n - 1] == '\r')) n--;
  size_t k = cal_skip_blanks(z, n);
  z += k;
  n -= k;
  if (n == 0) return 0;

  size_t nField = cal_field_len(z, n);
  if (nField == 4 && memcmp(z, "year", 4) == 0) return cal_parse_year_line(p, z + 4, n - 4, pzMsg);

  JwDate dStart, dEnd;
  int rc = cal_parse_dates(z, nField, &dStart, &dEnd, pzMsg);
  if (rc) return rc;
  z += nField;
  n -= nField;

  k = cal_skip_blanks(z, n);
  z += k;
  n -= k;
  nField = cal_field_len(z, n);
  JwDayKind kind;
  if (nField == 7 && memcmp(z, "holiday", 7) == 0) kind = JW_DAY_HOLIDAY;
  else if (nField == 7 && memcmp(z, "workday", 7) == 0) kind = JW_DAY_WORKDAY;
  else {
    *pzMsg = CAL_MSG_KIND;
    return JW_CAL_EINVAL;
  }
  z += nField;
  n -= nField;

  k = cal_skip_blanks(z, n);
  z += k;
  n -= k;
  char zName[CAL_NAME_BYTES + 1];
  if (cal_name_check(z, n)) {
    *pzMsg = CAL_MSG_NAME;
    return JW_CAL_ENAME;
  }
  memcpy(zName, z, n);
  zName[n] = '\0';

  for (JwDate d = dStart; d <= dEnd; d++) {
    rc = calendar_add_day(p, d, kind, zName);
    switch (rc) {
      case 0:
        break;
      case JW_CAL_EYEAR:
        *pzMsg = CAL_MSG_UNDECLARED;
        return rc;
      case JW_CAL_ECONFLICT:
        *pzMsg = CAL_MSG_CONFLICT;
        return rc;
      case JW_CAL_EWEEKDAY:
        *pzMsg = CAL_MSG_WEEKDAY;
        return rc;
      case JW_CAL_ENOMEM:
        *pzMsg = CAL_MSG_NOMEM;
        return rc;
      default:
        *pzMsg = CAL_MSG_NAME;
        return rc;
    }
  }
  return 0;
}

/* Build in a new calendar the result of merging pIn into p: every year covered by either, the entries of pIn, and
 * the entries of p in years pIn does not cover. Then swap it into p. Return 0, or JW_CAL_ENOMEM with p unchanged. */
static int cal_merge(JwCalendar *p, const JwCalendar *pIn) {
  JwCalendar *pNew = calendar_new();
  int rc = pNew ? 0 : JW_CAL_ENOMEM;
  for (int y = JW_DATE_YEAR_MIN; rc == 0 && y <= JW_DATE_YEAR_MAX; y++) {
    if (calendar_has_year(p, y) || calendar_has_year(pIn, y)) rc = calendar_add_year(pNew, y);
  }
  for (size_t i = 0; rc == 0 && i < p->nEntry; i++) {
    const CalEntry *pE = &p->aEntry[i];
    int y;
    date_to_ymd(pE->date, &y, NULL, NULL);
    if (!calendar_has_year(pIn, y)) rc = calendar_add_day(pNew, pE->date, (JwDayKind)pE->kind, pE->zName);
  }
  for (size_t i = 0; rc == 0 && i < pIn->nEntry; i++) {
    const CalEntry *pE = &pIn->aEntry[i];
    rc = calendar_add_day(pNew, pE->date, (JwDayKind)pE->kind, pE->zName);
  }
  if (rc == 0) {
    JwCalendar tmp = *p;
    *p = *pNew;
    *pNew = tmp;
  }
  calendar_free(pNew);
  return rc;
}

/* Parse the text (n bytes at z, BOM skipped) into a new calendar, then merge that into p. On error fill *pErr and
 * return the JW_CAL_E* code; p is unchanged. */
static int cal_parse_text(JwCalendar *p, const char *z, size_t n, JwCalendarError *pErr) {
  JwCalendar *pTmp = calendar_new();
  int rc = 0;
  if (pTmp == NULL) {
    pErr->code = JW_CAL_ENOMEM;
    pErr->zMsg = CAL_MSG_NOMEM;
    return JW_CAL_ENOMEM;
  }
  size_t i = 0;
  if (n >= 3 && memcmp(z, "\xEF\xBB\xBF", 3) == 0) i = 3; /* UTF-8 BOM */
  for (int line = 1; rc == 0 && i < n; line++) {
    const char *zEnd = memchr(z + i, '\n', n - i);
    size_t nLine = zEnd ? (size_t)(zEnd - (z + i)) : n - i;
    const char *zMsg = NULL;
    rc = cal_parse_line(pTmp, z + i, nLine, &zMsg);
    if (rc) {
      pErr->line = line;
      pErr->zMsg = zMsg;
    }
    i += nLine + 1;
  }
  if (rc == 0 && pTmp->nDay > 0) {
    rc = cal_merge(p, pTmp);
    if (rc) pErr->zMsg = CAL_MSG_NOMEM;
  }
  pErr->code = rc;
  calendar_free(pTmp);
  return rc;
}

int calendar_parse(JwCalendar *p, const char *z, size_t n, JwCalendarError *pErr) {
  JwCalendarError err = {0, 0, NULL};
  int rc;
  if (p == NULL || (z == NULL && n > 0)) {
    rc = err.code = JW_CAL_EINVAL;
    err.zMsg = "参数错误 (bad argument)";
  } else {
    rc = cal_parse_text(p, z, n, &err);
  }
  if (pErr) *pErr = err;
  return rc;
}

/* ---- import checks ---------------------------------------------------------------------------------------- */

/* The days every year's notice keeps as rest days, whatever else it moves (《全国年节及纪念日放假办法》: 元旦,
 * 劳动节, 国庆). A year whose calendar makes one of them a working day was imported in part. */
static const struct {
  int m, d;
  const char *zName;
} cal_fixed_days[] = {{1, 1, "元旦"}, {5, 1, "劳动节"}, {10, 1, "国庆节"}, {10, 2, "国庆节"}, {10, 3, "国庆节"}};

int calendar_import_check(const char *z, size_t n, const JwCalendar *parsed, JwCalendarError *pErr) {
  static _Thread_local char zMsg[160];
  size_t i = 0;
  if (n >= 3 && memcmp(z, "\xEF\xBB\xBF", 3) == 0) i = 3;
  for (int line = 1; i < n; line++) {
    const char *zLine = z + i, *zEnd = memchr(zLine, '\n', n - i);
    size_t nLine = zEnd ? (size_t)(zEnd - zLine) : n - i;
    i += nLine + 1;
    const char *zHash = memchr(zLine, '#', nLine);
    if (zHash) nLine = (size_t)(zHash - zLine);
    while (nLine > 0 && (cal_is_blank(zLine[nLine - 1]) || zLine[nLine - 1] == '\r')) nLine--;
    size_t k = cal_skip_blanks(zLine, nLine);
    if (nLine - k < 4 || memcmp(zLine + k, "year", 4) != 0) continue;
    size_t nTail = 8;
    if (nLine < nTail || memcmp(zLine + nLine - nTail, "complete", nTail) != 0 ||
        !cal_is_blank(zLine[nLine - nTail - 1])) {
      pErr->line = line;
      pErr->code = JW_CAL_EINVAL;
      pErr->zMsg =
          "年份未注明 complete：导入须列出该年全部放假调休安排并写 year YYYY "
          "complete，只导入部分安排会把未列出的节日（如国庆）"
          "当作工作日 (year not marked complete)";
      return JW_CAL_EINVAL;
    }
  }
  int aYear[64];
  size_t nYear = calendar_years(parsed, aYear, 64);
  for (size_t y = 0; y < nYear && y < 64; y++) {
    for (size_t f = 0; f < sizeof cal_fixed_days / sizeof cal_fixed_days[0]; f++) {
      JwDate d = date_from_ymd(aYear[y], cal_fixed_days[f].m, cal_fixed_days[f].d);
      if (!calendar_is_rest_day(parsed, d, NULL)) {
        snprintf(zMsg, sizeof zMsg, "%d 年的 %02d-%02d（%s）被当作工作日：放假安排不完整 (incomplete year)", aYear[y],
                 cal_fixed_days[f].m, cal_fixed_days[f].d, cal_fixed_days[f].zName);
        pErr->line = 0;
        pErr->code = JW_CAL_EINVAL;
        pErr->zMsg = zMsg;
        return JW_CAL_EINVAL;
      }
    }
  }
  return 0;
}
