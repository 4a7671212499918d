/* calendar_store.h: SQL for the imported holiday calendars (table calendar_import). */
#ifndef JW_CALENDAR_STORE_H
#define JW_CALENDAR_STORE_H
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* The id of the newest import (0 when none): changes whenever the calendar in force changes. -1 on error. */
int64_t calendar_store_version(Db *db);
/* Calls xText for every import in id order, with the text valid only during the call; stops at the first non-zero
 * return and returns it. -1 on a database error. */
int calendar_store_each(Db *db, int (*xText)(const char *z, size_t n, void *ctx), void *ctx);
/* Stores an import; returns its id, or -1. */
int64_t calendar_store_insert(Db *db, const char *zAt, int64_t userId, const char *zYears, const char *zText);

#endif
