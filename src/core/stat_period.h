/* stat_period.h: the periods a statistical report covers (issue 11 §2): a month, a quarter, a year or a custom
 * range of days, each with its 同比 (the same period a year earlier) and its 环比 (the period of the same kind just
 * before). Pure functions: no I/O, no allocation.
 *
 * Text forms (stat_period_parse): "2025-03" (a month), "2025-Q1" (a quarter, Q1..Q4, upper-case Q), "2025" (a
 * year), "2025-01-10..2025-02-09" (a custom range, both days inclusive, from <= to). Nothing else is accepted: no
 * spaces, no lower-case q, no single-digit month, no reversed range. */
#ifndef JW_STAT_PERIOD_H
#define JW_STAT_PERIOD_H

#include <stddef.h>

#include "core/date.h"

typedef enum { STAT_MONTH, STAT_QUARTER, STAT_YEAR, STAT_CUSTOM } StatPeriodKind;

typedef struct StatPeriod {
  StatPeriodKind kind;
  JwDate from; /* first day, inclusive */
  JwDate to;   /* last day, inclusive */
} StatPeriod;

#define STAT_PERIOD_TEXT_MAX 24 /* "2025-01-10..2025-02-09" plus the NUL */

/* Parses exactly n bytes at z (need not be NUL-terminated) in one of the forms above, years within date_parse()'s
 * range. 0 and *out set on success; -1 otherwise (*out unchanged) with *pzWhy (when not NULL) a Chinese reason. */
int stat_period_parse(const char *z, size_t n, StatPeriod *out, const char **pzWhy);

/* The period for an explicit range: a whole calendar month, quarter or year is recognised as such (so that
 * from=2025-01-01&to=2025-03-31 is the quarter 2025-Q1 and its 环比 is 2024-Q4); anything else is custom.
 * -1 when to < from. */
int stat_period_from_range(JwDate from, JwDate to, StatPeriod *out);

/* 同比: the same period one year earlier. A month, quarter or year is the same calendar unit a year before; a custom
 * range moves each end back one year, a 02-29 becoming 02-28 (so 2024-02-29 maps to 2023-02-28). */
StatPeriod stat_period_year_ago(StatPeriod p);

/* 环比: the previous period of the same kind: the month, quarter or year before; for a custom range, the same
 * number of days ending the day before p.from. */
StatPeriod stat_period_previous(StatPeriod p);

/* The number of days in p (to - from + 1). */
int stat_period_days(StatPeriod p);

/* The canonical text of p (the forms above) into out. */
void stat_period_format(StatPeriod p, char out[STAT_PERIOD_TEXT_MAX]);

/* "month", "quarter", "year", "custom". */
const char *stat_period_kind_code(StatPeriodKind k);

#endif /* JW_STAT_PERIOD_H */
