/* holidays.h: the legal calendar in force (the shipped 2024-2026 data plus every administrator import), due-date
 * computations on it, and imports.
 *
 * Each thread keeps its own copy of the calendar and reloads it when the newest import id in the database
 * (calendar_store_version) changes, so an import by one worker or by `jianwu calendar import` is seen by every worker
 * at its next request. */
#ifndef JW_HOLIDAYS_H
#define JW_HOLIDAYS_H
#include <jansson.h>
#include <stddef.h>

#include "app/audit.h"
#include "core/calendar.h"
#include "core/period.h"
#include "lib/err.h"
#include "store/db.h"

#define HOLIDAYS_IMPORT_MAX (256 * 1024) /* bytes of one import text */

/* The calendar in force for db (never NULL unless out of memory; then e is filled). Owned by the calling thread's
 * cache: valid until this thread's next call. With db NULL: the shipped calendar alone. */
const JwCalendar *holidays_current(Db *db, JwErr *e);

/* The result of a due-date question, as the API and the command line print it. */
typedef struct DueAnswer {
  char zDue[11];
  int provisional; /* a year without an official calendar was consulted */
} DueAnswer;

/* Computes the due day of a period from the text inputs "YYYY-MM-DD" and "Nd" / "Nm" / "Nwd". Errors name the field
 * ("from" or "length"). */
int holidays_due(const JwCalendar *cal, const char *zFrom, const char *zLength, int custodyBound, DueAnswer *out,
                 JwErr *e);

/* Imports a calendar text (docs/calendar-format.md): validates all of it, stores it, audits it. *out gets
 * {"years":[...],"days":N,"version":V}. Errors carry the line number in the message and field "text". */
int holidays_import(Db *db, const Actor *actor, const char *zText, size_t n, json_t **out, JwErr *e);

/* The listed days of one year and whether the year is covered:
 * {"year":Y,"covered":true,"days":[{"date","kind","name"}]} (new reference). */
json_t *holidays_year(const JwCalendar *cal, int year);

#endif
