/* stats_export.c: the report as .xlsx or .csv (see stats_export.h). */
#include "app/stats_export.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static const char *const aPeriodKey[3] = {"current", "year_ago", "previous"};
static const char *const aPeriodName[3] = {"本期", "同比期", "环比期"};

static const char *str(const json_t *o, const char *k) {
  const char *z = json_string_value(json_object_get(o, k));
  return z ? z : "";
}

/* "A1"-style name of (row, col), zero-based, into z. */
static void cell_name(int row, int col, char z[16]) {
  char letters[8];
  int n = 0;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) letters[n++] = (char)('A' + (c - 1) % 26);
  int k = 0;
  while (n) z[k++] = letters[--n];
  snprintf(z + k, (size_t)(16 - k), "%d", row + 1);
}

int stats_export_xlsx(const json_t *report, const char *zPath, JwErr *e) {
  lxw_workbook *wb = workbook_new(zPath);
  if (!wb) return err_internal(e, "report workbook");
  lxw_worksheet *ws = workbook_add_worksheet(wb, "统计报表");
  lxw_worksheet *wd = workbook_add_worksheet(wb, "指标定义");
  lxw_format *fHead = workbook_add_format(wb);
  format_set_bold(fHead);
  format_set_bg_color(fHead, 0xDDE4EE);
  format_set_border(fHead, LXW_BORDER_THIN);
  format_set_align(fHead, LXW_ALIGN_CENTER);
  format_set_text_wrap(fHead);
  lxw_format *fInt = workbook_add_format(wb);
  format_set_num_format(fInt, "0");
  lxw_format *fPct = workbook_add_format(wb);
  format_set_num_format(fPct, "0.00%");
  lxw_format *fDays = workbook_add_format(wb);
  format_set_num_format(fDays, "0.0");
  lxw_format *fRatio = workbook_add_format(wb);
  format_set_num_format(fRatio, "0.00");

  const json_t *cols = json_object_get(report, "columns"), *inds = json_object_get(report, "indicators");
  size_t nCol = json_array_size(cols);
  /* the title row above the headers: scope and periods */
  char zTitle[512];
  snprintf(zTitle, sizeof zTitle, "%s　%s（同比 %s，环比 %s）", str(json_object_get(report, "scope"), "name"),
           str(json_object_get(report, "period"), "text"), str(json_object_get(report, "year_ago"), "text"),
           str(json_object_get(report, "previous"), "text"));
  worksheet_write_string(ws, 0, 0, zTitle, NULL);
  /* header rows 1 and 2 */
  worksheet_write_string(ws, 1, 0, "指标", fHead);
  worksheet_write_string(ws, 2, 0, "", fHead);
  worksheet_write_string(ws, 1, 1, "编码", fHead);
  worksheet_write_string(ws, 2, 1, "", fHead);
  worksheet_set_column(ws, 0, 0, 28, NULL);
  worksheet_set_column(ws, 1, 1, 22, NULL);
  int per = 3 * 3 + 2; /* per column: 3 periods x (分子 分母 值), 同比增减, 环比增减 */
  for (size_t k = 0; k < nCol; k++) {
    const char *zName = str(json_array_get(cols, k), "name");
    for (int p = 0; p < 3; p++) {
      int c = 2 + (int)k * per + p * 3;
      char z[300];
      snprintf(z, sizeof z, "%s %s", zName, aPeriodName[p]);
      worksheet_merge_range(ws, 1, (lxw_col_t)c, 1, (lxw_col_t)(c + 2), z, fHead);
      worksheet_write_string(ws, 2, (lxw_col_t)c, "分子", fHead);
      worksheet_write_string(ws, 2, (lxw_col_t)(c + 1), "分母", fHead);
      worksheet_write_string(ws, 2, (lxw_col_t)(c + 2), "值", fHead);
    }
    int c = 2 + (int)k * per + 9;
    char z[300];
    snprintf(z, sizeof z, "%s 同比增减", zName);
    worksheet_write_string(ws, 1, (lxw_col_t)c, z, fHead);
    worksheet_write_string(ws, 2, (lxw_col_t)c, "", fHead);
    snprintf(z, sizeof z, "%s 环比增减", zName);
    worksheet_write_string(ws, 1, (lxw_col_t)(c + 1), z, fHead);
    worksheet_write_string(ws, 2, (lxw_col_t)(c + 1), "", fHead);
  }
  worksheet_freeze_panes(ws, 3, 2);
  size_t i;
  const json_t *ind;
  int row = 3;
  json_array_foreach(inds, i, ind) {
    const char *zCode = str(ind, "code"), *zUnit = str(ind, "unit");
    int median = strcmp(zCode, "median_handling_days") == 0;
    lxw_format *fVal = strcmp(zCode, "case_item_ratio") == 0 ? fRatio : strcmp(zUnit, "ratio") == 0 ? fPct : fDays;
    worksheet_write_string(ws, (lxw_row_t)row, 0, str(ind, "name"), NULL);
    worksheet_write_string(ws, (lxw_row_t)row, 1, zCode, NULL);
    const json_t *cells = json_object_get(ind, "cells");
    if (!json_is_true(json_object_get(ind, "computed"))) {
      char z[600];
      snprintf(z, sizeof z, "未计算：%s", str(ind, "why"));
      worksheet_write_string(ws, (lxw_row_t)row, 2, z, NULL);
    }
    for (size_t k = 0; k < json_array_size(cells); k++) {
      const json_t *cell = json_array_get(cells, k);
      char aVal[3][16];
      for (int p = 0; p < 3; p++) {
        const json_t *f = json_object_get(cell, aPeriodKey[p]);
        int c = 2 + (int)k * per + p * 3;
        json_int_t num = json_integer_value(json_object_get(f, "numerator"));
        json_int_t den = json_integer_value(json_object_get(f, "denominator"));
        worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)c, (double)num, fInt);
        worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(c + 1), (double)den, fInt);
        char zN[16], zD[16], zF[64];
        cell_name(row, c, zN);
        cell_name(row, c + 1, zD);
        cell_name(row, c + 2, aVal[p]);
        const json_t *v = json_object_get(f, "value");
        if (median) {
          if (json_is_number(v))
            worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(c + 2), json_number_value(v), fVal);
        } else {
          /* the cached result is the report's own (LibreOffice shows it without recalculating) */
          snprintf(zF, sizeof zF, "=IF(%s=0,\"\",%s/%s)", zD, zN, zD);
          if (json_is_number(v)) {
            worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)(c + 2), zF, fVal, json_number_value(v));
          } else {
            worksheet_write_formula_str(ws, (lxw_row_t)row, (lxw_col_t)(c + 2), zF, fVal, "");
          }
        }
      }
      int c = 2 + (int)k * per + 9;
      for (int p = 1; p < 3; p++) {
        char zF[96];
        snprintf(zF, sizeof zF, "=IF(OR(%s=\"\",%s=\"\"),\"\",%s-%s)", aVal[0], aVal[p], aVal[0], aVal[p]);
        const json_t *d = json_object_get(cell, p == 1 ? "yoy" : "mom");
        lxw_format *fd = fVal == fPct ? fPct : fRatio;
        if (json_is_number(d)) {
          worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)(c + p - 1), zF, fd, json_number_value(d));
        } else {
          worksheet_write_formula_str(ws, (lxw_row_t)row, (lxw_col_t)(c + p - 1), zF, fd, "");
        }
      }
    }
    row++;
  }
  /* definitions */
  static const char *const aDefHead[] = {"编码", "名称", "分子", "分母", "单位", "依据标记", "是否可配置", "是否计算"};
  for (int c = 0; c < 8; c++) worksheet_write_string(wd, 0, (lxw_col_t)c, aDefHead[c], fHead);
  worksheet_set_column(wd, 0, 0, 30, NULL);
  worksheet_set_column(wd, 1, 3, 36, NULL);
  worksheet_freeze_panes(wd, 1, 0);
  json_array_foreach(inds, i, ind) {
    lxw_row_t r = (lxw_row_t)(i + 1);
    worksheet_write_string(wd, r, 0, str(ind, "code"), NULL);
    worksheet_write_string(wd, r, 1, str(ind, "name"), NULL);
    worksheet_write_string(wd, r, 2, str(ind, "numerator_text"), NULL);
    worksheet_write_string(wd, r, 3, str(ind, "denominator_text"), NULL);
    worksheet_write_string(wd, r, 4, str(ind, "unit"), NULL);
    worksheet_write_string(wd, r, 5, str(ind, "mark"), NULL);
    worksheet_write_string(wd, r, 6, json_is_true(json_object_get(ind, "configurable")) ? "是" : "否", NULL);
    worksheet_write_string(wd, r, 7, json_is_true(json_object_get(ind, "computed")) ? "是" : str(ind, "why"), NULL);
  }
  worksheet_write_string(wd, (lxw_row_t)(json_array_size(inds) + 2), 0,
                         "口径见 docs/indicators.md；按人计数，审结人群（DOMAIN.md 0.4）。", NULL);
  lxw_error rc = workbook_close(wb);
  if (rc != LXW_NO_ERROR) return err_internal(e, lxw_strerror(rc));
  return 0;
}

/* Writes z as one CSV field (quoted when it holds a comma, a quote or a line break). */
static void csv_field(FILE *f, const char *z) {
  if (strpbrk(z, ",\"\r\n")) {
    fputc('"', f);
    for (; *z; z++) {
      if (*z == '"') fputc('"', f);
      fputc(*z, f);
    }
    fputc('"', f);
  } else {
    fputs(z, f);
  }
}

static void csv_number(FILE *f, const json_t *v) {
  if (json_is_integer(v)) fprintf(f, ",%lld", (long long)json_integer_value(v));
  else if (json_is_real(v)) fprintf(f, ",%.4f", json_real_value(v));
  else fputs(",", f);
}

int stats_export_csv(const json_t *report, FILE *f, JwErr *e) {
  fputs("\xEF\xBB\xBF", f);
  fputs("指标,编码,列,本期分子,本期分母,本期值,同比分子,同比分母,同比值,环比分子,环比分母,环比值,同比增减,环比增减\r\n",
        f);
  const json_t *cols = json_object_get(report, "columns"), *inds = json_object_get(report, "indicators");
  size_t i;
  const json_t *ind;
  json_array_foreach(inds, i, ind) {
    const json_t *cells = json_object_get(ind, "cells");
    for (size_t k = 0; k < json_array_size(cells); k++) {
      const json_t *cell = json_array_get(cells, k);
      csv_field(f, str(ind, "name"));
      fputc(',', f);
      csv_field(f, str(ind, "code"));
      fputc(',', f);
      csv_field(f, str(json_array_get(cols, k), "name"));
      for (int p = 0; p < 3; p++) {
        const json_t *fig = json_object_get(cell, aPeriodKey[p]);
        csv_number(f, json_object_get(fig, "numerator"));
        csv_number(f, json_object_get(fig, "denominator"));
        csv_number(f, json_object_get(fig, "value"));
      }
      csv_number(f, json_object_get(cell, "yoy"));
      csv_number(f, json_object_get(cell, "mom"));
      fputs("\r\n", f);
    }
  }
  if (ferror(f)) return err_internal(e, "report csv");
  return 0;
}
