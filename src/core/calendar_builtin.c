/* calendar_builtin.c: the holiday calendars that ship with Jianwu (2024, 2025, 2026), as import-format text.
 *
 * The data is DOMAIN.md section 3, copied from the 国务院办公厅 notices:
 *   2024: notice of 2023-10-25;
 *   2025: 国办发明电〔2024〕12号 (first year under the 2024-11-10 revision of 《全国年节及纪念日放假办法》);
 *   2026: notice of 2025-11-04.
 * Holiday ranges are inclusive. Every "workday" line is a 调休上班 Saturday or Sunday (checked by calendar_add_day).
 * Later years are loaded by an administrator in the same format (docs/calendar-format.md).
 */
#include "core/calendar.h"

static const char cal_zBuiltin[] =
    "# Jianwu built-in holiday calendar (DOMAIN.md section 3)\n"
    "\n"
    "year 2024  # 国务院办公厅 2023-10-25\n"
    "2024-01-01 holiday 元旦\n"
    "2024-02-10..2024-02-17 holiday 春节\n"
    "2024-02-04 workday 春节调休\n"
    "2024-02-18 workday 春节调休\n"
    "2024-04-04..2024-04-06 holiday 清明节\n"
    "2024-04-07 workday 清明节调休\n"
    "2024-05-01..2024-05-05 holiday 劳动节\n"
    "2024-04-28 workday 劳动节调休\n"
    "2024-05-11 workday 劳动节调休\n"
    "2024-06-10 holiday 端午节\n"
    "2024-09-15..2024-09-17 holiday 中秋节\n"
    "2024-09-14 workday 中秋节调休\n"
    "2024-10-01..2024-10-07 holiday 国庆节\n"
    "2024-09-29 workday 国庆节调休\n"
    "2024-10-12 workday 国庆节调休\n"
    "\n"
    "year 2025  # 国办发明电〔2024〕12号\n"
    "2025-01-01 holiday 元旦\n"
    "2025-01-28..2025-02-04 holiday 春节\n"
    "2025-01-26 workday 春节调休\n"
    "2025-02-08 workday 春节调休\n"
    "2025-04-04..2025-04-06 holiday 清明节\n"
    "2025-05-01..2025-05-05 holiday 劳动节\n"
    "2025-04-27 workday 劳动节调休\n"
    "2025-05-31..2025-06-02 holiday 端午节\n"
    "2025-10-01..2025-10-08 holiday 国庆节、中秋节\n"
    "2025-09-28 workday 国庆节、中秋节调休\n"
    "2025-10-11 workday 国庆节、中秋节调休\n"
    "\n"
    "year 2026  # 国务院办公厅 2025-11-04\n"
    "2026-01-01..2026-01-03 holiday 元旦\n"
    "2026-01-04 workday 元旦调休\n"
    "2026-02-15..2026-02-23 holiday 春节\n"
    "2026-02-14 workday 春节调休\n"
    "2026-02-28 workday 春节调休\n"
    "2026-04-04..2026-04-06 holiday 清明节\n"
    "2026-05-01..2026-05-05 holiday 劳动节\n"
    "2026-05-09 workday 劳动节调休\n"
    "2026-06-19..2026-06-21 holiday 端午节\n"
    "2026-09-25..2026-09-27 holiday 中秋节\n"
    "2026-10-01..2026-10-07 holiday 国庆节\n"
    "2026-09-20 workday 国庆节调休\n"
    "2026-10-10 workday 国庆节调休\n";

const char *calendar_builtin_text(size_t *pn) {
  if (pn) *pn = sizeof(cal_zBuiltin) - 1;
  return cal_zBuiltin;
}

int calendar_load_builtin(JwCalendar *p) {
  size_t n;
  const char *z = calendar_builtin_text(&n);
  return calendar_parse(p, z, n, NULL);
}
