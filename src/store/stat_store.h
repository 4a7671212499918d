/* stat_store.h: the SQL behind the statistics (app/stats.h): the rows each indicator reads (core/stat_rules.h), one
 * per case person, case, 行刑衔接 item or 检察建议 of an office whose period dates meet a range; the office tree;
 * the administrator's indicator configuration; closed-month snapshots. Bound parameters only; one SQL text for
 * both backends. */
#ifndef JW_STAT_STORE_H
#define JW_STAT_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "core/stat_rules.h"
#include "store/db.h"

/* Which records: one office, optionally one department and one 承办检察官 (0: all). */
typedef struct StatScope {
  int64_t orgId;
  int64_t departmentId;
  int64_t prosecutorId;
} StatScope;

/* Calls xRow for each row of kind `kind` in scope whose period dates (any of them) fall in [zLo, zHi]
 * ('YYYY-MM-DD'); zEnteredAt is when the row's deciding fact was recorded (UTC ISO-8601), for closed periods.
 * The row is valid during the call. Stops when xRow returns non-zero. 0, or -1 on a database error. */
int stat_store_rows(Db *db, const StatScope *scope, StatRowKind kind, const char *zLo, const char *zHi,
                    int (*xRow)(const StatRow *row, const char *zEnteredAt, void *ctx), void *ctx);

/* The office's subordinate offices (org.parent_id = orgId), as [{"id","code","name"}] in code order; NULL on error. */
json_t *stat_store_children(Db *db, int64_t orgId);
/* {"<id>": "name"} of the office's departments, or of its users; NULL on error. */
json_t *stat_store_department_names(Db *db, int64_t orgId);
json_t *stat_store_user_names(Db *db, int64_t orgId);
/* The case number and title of case id in office orgId into the buffers ("" when absent). */
int stat_store_case_label(Db *db, int64_t orgId, int64_t caseId, char *zNumber, size_t nNumber, char *zTitle,
                          size_t nTitle);

/* The office's configuration: {"<indicator>": {"<param>": value}} (an empty object when nothing is set); NULL on a
 * database error. */
json_t *stat_store_config_get(Db *db, int64_t orgId);
/* Sets the parameters of one indicator (params: its whole object). 0 or -1. */
int stat_store_config_put(Db *db, int64_t orgId, const char *zIndicator, const json_t *params, int64_t userId,
                          const char *zNow);

/* A closed period's figures as reported: *pReport (new reference) and *zClosedAt, or 0 found / 1 not found / -1. */
int stat_store_snapshot_get(Db *db, int64_t orgId, const char *zPeriod, json_t **pReport, char zClosedAt[32]);
/* Records a period's snapshot (once: a second one for the same period is a constraint failure). 0 or -1. */
int stat_store_snapshot_put(Db *db, int64_t orgId, const char *zPeriod, const json_t *report, int64_t userId,
                            const char *zNow);
/* [{"period","closed_at"}] of the office's snapshots, newest first; NULL on error. */
json_t *stat_store_snapshot_list(Db *db, int64_t orgId);

/* The department of user userId when the user belongs to office orgId (0: none), or -1 when not (or on error). */
int64_t stat_store_user_department(Db *db, int64_t orgId, int64_t userId);
/* 1 when department deptId belongs to office orgId, 0 when not, -1 on error. */
int stat_store_department_in_org(Db *db, int64_t orgId, int64_t deptId);
/* The office's name into zName ("" when absent). */
void stat_store_org_name(Db *db, int64_t orgId, char *zName, size_t nName);
/* The id of the office with code zCode, or (zCode NULL) of the top office (no parent; the lowest id); 0 when none,
 * -1 on error. */
int64_t stat_store_org_id(Db *db, const char *zCode);

#endif /* JW_STAT_STORE_H */
