/* stats.h: the statistics capability (issue 11 §1, §2; DOMAIN.md 0.4 and 7; docs/indicators.md, docs/api-stats.md).
 *
 * A report computes every indicator of the catalogue (core/indicator.h) by its rule (core/stat_rules.h) over the
 * records of a scope (the office, a department or a 检察官) for a period (core/stat_period.h), beside its 同比 and
 * 环比 periods, optionally broken down by department or prosecutor; a city or provincial office sees each subordinate
 * office side by side and their total. Each figure's records are listed by stats_records(), through the same rule.
 * Who sees what: an actor with office-wide case rights (案管 PERM_CASE_REGISTER, 院领导 PERM_APPROVE_CHIEF) any scope
 * of the office and its subordinates; a 部门负责人 (PERM_APPROVE) their department and its prosecutors; anyone else
 * only their own figures. Reading writes nothing. */
#ifndef JW_STATS_H
#define JW_STATS_H
#include <jansson.h>

#include "app/audit.h"
#include "core/stat_period.h"
#include "lib/err.h"
#include "store/db.h"

typedef enum { STATS_SCOPE_DEFAULT, STATS_SCOPE_OFFICE, STATS_SCOPE_DEPARTMENT, STATS_SCOPE_PROSECUTOR } StatsScopeKind;
typedef enum { STATS_BY_NONE, STATS_BY_DEPARTMENT, STATS_BY_PROSECUTOR } StatsBy;

typedef struct StatsQuery {
  StatPeriod period;
  StatsScopeKind scope;
  int64_t scopeId; /* the department or prosecutor; 0 with STATS_SCOPE_DEPARTMENT/PROSECUTOR: the actor's own */
  StatsBy by;
  int reported; /* 1: a closed period's figures as reported (its snapshot) instead of as corrected */
  /* optional: called after each population of each office is read (done of total steps), for a progress bar */
  void (*xProgress)(int done, int total, void *ctx);
  void *pProgressCtx;
} StatsQuery;

/* The report (docs/api-stats.md "Report"). *out a new reference. 0, or -1 with e (403 for a scope the actor may not
 * see, 422 naming id for an unknown department or prosecutor, 409 naming view when the period has no snapshot). */
int stats_report(Db *db, const Actor *actor, const StatsQuery *q, json_t **out, JwErr *e);

/* The records behind one figure: zIndicator's numerator (numerator 1) or denominator rows in the query's scope, in
 * column zColumn ("total", "org:ID", "department:ID", "prosecutor:ID"; NULL: total), for which period (0 current,
 * 1 year ago, 2 previous); paged. *out {"items":[...],"total","limit","offset"} (docs/api-stats.md "Records"). */
int stats_records(Db *db, const Actor *actor, const StatsQuery *q, const char *zIndicator, int numerator,
                  const char *zColumn, int which, int limit, int offset, json_t **out, JwErr *e);

/* The indicator configuration: {"indicators":[{code, name, mark, configurable, computed, why, params:[{name, label,
 * type, min, max, value, default}]}]}. */
int stats_config_get(Db *db, const Actor *actor, json_t **out, JwErr *e);
/* PUT: {"indicator": code, "params": {name: value}}: sets an [M] indicator's parameters (those absent return to
 * their default), audited (action stats.config) in the same transaction. *out the new configuration. */
int stats_config_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);

/* Closes a period: {"period": "2025-03"} (a month, quarter or year that has ended) stores its office report as
 * reported; once per period (409 after). Office-wide actors only (403). Audited (stats.close). */
int stats_close_period(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
/* The office's closed periods. */
int stats_snapshots(Db *db, const Actor *actor, json_t **out, JwErr *e);

#endif /* JW_STATS_H */
