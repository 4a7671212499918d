/* stats_export.h: a statistics report (app/stats.h stats_report(), docs/api-stats.md) written as an Excel workbook or
 * a CSV file (issue 11 §5), for the web's export routes and `jianwu report`.
 *
 * XLSX (libxlsxwriter): sheet 统计报表 with two frozen header rows (the column and period, then 分子 / 分母 / 值), one
 * row per indicator; each value is a FORMULA over its numerator and denominator cells (=IF(den=0,"",num/den)),
 * formatted 0.00% for ratios and 0.0 for days, except the median (a number: it is no quotient); 同比 / 环比 changes
 * are formulas over the value cells. Sheet 指标定义: each indicator's formula, population, period date, source and
 * mark. CSV: UTF-8 with a BOM (what Excel on Chinese Windows opens), one row per indicator and column. */
#ifndef JW_STATS_EXPORT_H
#define JW_STATS_EXPORT_H
#include <jansson.h>
#include <stdio.h>

#include "lib/err.h"

/* Writes the workbook to zPath (created or replaced). 0, or -1 with e (500). */
int stats_export_xlsx(const json_t *report, const char *zPath, JwErr *e);
/* Writes the CSV to f. 0, or -1 with e when writing fails. */
int stats_export_csv(const json_t *report, FILE *f, JwErr *e);

#endif
