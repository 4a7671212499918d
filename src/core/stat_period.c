/* stat_period.c: report periods and their 同比 / 环比 (see stat_period.h). */
#include "core/stat_period.h"

#include <stdio.h>
#include <string.h>

/* 1 when the n bytes at z are all ASCII digits. */
static int all_digits(const char *z, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (z[i] < '0' || z[i] > '9') return 0;
  return n > 0;
}

static int num(const char *z, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; i++) v = v * 10 + (z[i] - '0');
  return v;
}

static StatPeriod unit_period(StatPeriodKind k, int y, int m) {
  StatPeriod p = {k, 0, 0};
  if (k == STAT_YEAR) {
    p.from = date_from_ymd(y, 1, 1);
    p.to = date_from_ymd(y, 12, 31);
  } else if (k == STAT_QUARTER) {
    int m0 = (m - 1) / 3 * 3 + 1;
    p.from = date_from_ymd(y, m0, 1);
    p.to = date_from_ymd(y, m0 + 2, date_days_in_month(y, m0 + 2));
  } else {
    p.from = date_from_ymd(y, m, 1);
    p.to = date_from_ymd(y, m, date_days_in_month(y, m));
  }
  return p;
}

static int year_ok(int y) {
  return y >= JW_DATE_YEAR_MIN && y <= JW_DATE_YEAR_MAX;
}

int stat_period_parse(const char *z, size_t n, StatPeriod *out, const char **pzWhy) {
  const char *zWhy = "统计期间格式应为 2025-03、2025-Q1、2025 或 2025-01-10..2025-02-09";
  if (!z) goto bad;
  if (n == 4 && all_digits(z, 4)) {
    int y = num(z, 4);
    if (!year_ok(y)) goto badyear;
    *out = unit_period(STAT_YEAR, y, 1);
    return 0;
  }
  if (n == 7 && all_digits(z, 4) && z[4] == '-' && z[5] == 'Q' && z[6] >= '1' && z[6] <= '4') {
    int y = num(z, 4);
    if (!year_ok(y)) goto badyear;
    *out = unit_period(STAT_QUARTER, y, (z[6] - '1') * 3 + 1);
    return 0;
  }
  if (n == 7 && all_digits(z, 4) && z[4] == '-' && all_digits(z + 5, 2)) {
    int y = num(z, 4), m = num(z + 5, 2);
    if (!year_ok(y)) goto badyear;
    if (m < 1 || m > 12) {
      zWhy = "月份应为 01 至 12";
      goto bad;
    }
    *out = unit_period(STAT_MONTH, y, m);
    return 0;
  }
  if (n == 22 && z[10] == '.' && z[11] == '.') {
    JwDate a, b;
    if (date_parse(z, 10, &a) || date_parse(z + 12, 10, &b)) {
      zWhy = "自定义期间的日期无效（YYYY-MM-DD..YYYY-MM-DD）";
      goto bad;
    }
    if (b < a) {
      zWhy = "自定义期间的结束日早于开始日";
      goto bad;
    }
    out->kind = STAT_CUSTOM;
    out->from = a;
    out->to = b;
    return 0;
  }
  goto bad;
badyear:
  zWhy = "年份超出范围";
bad:
  if (pzWhy) *pzWhy = zWhy;
  return -1;
}

int stat_period_from_range(JwDate from, JwDate to, StatPeriod *out) {
  if (to < from) return -1;
  int y1, m1, d1, y2, m2, d2;
  date_to_ymd(from, &y1, &m1, &d1);
  date_to_ymd(to, &y2, &m2, &d2);
  out->kind = STAT_CUSTOM;
  out->from = from;
  out->to = to;
  if (d1 == 1 && y1 == y2 && d2 == date_days_in_month(y2, m2)) {
    if (m1 == 1 && m2 == 12) out->kind = STAT_YEAR;
    else if (m1 == m2) out->kind = STAT_MONTH;
    else if ((m1 - 1) % 3 == 0 && m2 == m1 + 2) out->kind = STAT_QUARTER;
  }
  return 0;
}

/* The same day one year earlier; 02-29 becomes 02-28. */
static JwDate day_year_ago(JwDate d) {
  int y, m, dd;
  date_to_ymd(d, &y, &m, &dd);
  if (m == 2 && dd == 29) dd = 28;
  return date_from_ymd(y - 1, m, dd);
}

StatPeriod stat_period_year_ago(StatPeriod p) {
  int y, m;
  date_to_ymd(p.from, &y, &m, NULL);
  if (p.kind != STAT_CUSTOM) return unit_period(p.kind, y - 1, m);
  StatPeriod r = {STAT_CUSTOM, day_year_ago(p.from), day_year_ago(p.to)};
  return r;
}

StatPeriod stat_period_previous(StatPeriod p) {
  int y, m;
  date_to_ymd(p.from, &y, &m, NULL);
  switch (p.kind) {
    case STAT_YEAR:
      return unit_period(STAT_YEAR, y - 1, 1);
    case STAT_QUARTER:
      return m <= 3 ? unit_period(STAT_QUARTER, y - 1, 10) : unit_period(STAT_QUARTER, y, m - 3);
    case STAT_MONTH:
      return m == 1 ? unit_period(STAT_MONTH, y - 1, 12) : unit_period(STAT_MONTH, y, m - 1);
    default: {
      int n = stat_period_days(p);
      StatPeriod r = {STAT_CUSTOM, p.from - n, p.from - 1};
      return r;
    }
  }
}

int stat_period_days(StatPeriod p) {
  return (int)(p.to - p.from) + 1;
}

void stat_period_format(StatPeriod p, char out[STAT_PERIOD_TEXT_MAX]) {
  int y, m;
  date_to_ymd(p.from, &y, &m, NULL);
  switch (p.kind) {
    case STAT_YEAR:
      snprintf(out, STAT_PERIOD_TEXT_MAX, "%04d", y);
      break;
    case STAT_QUARTER:
      snprintf(out, STAT_PERIOD_TEXT_MAX, "%04d-Q%d", y, (m - 1) / 3 + 1);
      break;
    case STAT_MONTH:
      snprintf(out, STAT_PERIOD_TEXT_MAX, "%04d-%02d", y, m);
      break;
    default: {
      char a[11], b[11];
      date_format(p.from, a);
      date_format(p.to, b);
      snprintf(out, STAT_PERIOD_TEXT_MAX, "%s..%s", a, b);
    }
  }
}

const char *stat_period_kind_code(StatPeriodKind k) {
  switch (k) {
    case STAT_MONTH:
      return "month";
    case STAT_QUARTER:
      return "quarter";
    case STAT_YEAR:
      return "year";
    default:
      return "custom";
  }
}
