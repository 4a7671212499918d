/* api_stats.c: the statistics routes (docs/api-stats.md). Handlers parse the query into a StatsQuery and call
 * app/stats.c, where every check on scope and permission happens. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/stats.h"
#include "app/stats_export.h"
#include "lib/mem.h"
#include "web/api.h"

static int api_result(Req *r, int rc, int status, json_t *out, const JwErr *e) {
  return rc ? reply_error(r, e) : reply_json(r, status, out);
}

/* ?period= (2025-03, 2025-Q1, 2025, 2025-01-10..2025-02-09) or ?from=&to=, scope, id, by, view. */
int api_stats_query(Req *r, StatsQuery *q, JwErr *e) {
  const char *zPeriod = NULL, *zFrom = NULL, *zTo = NULL, *zScope = NULL, *zBy = NULL, *zView = NULL;
  int64_t id = 0;
  if (req_query_str(r, "period", 24, &zPeriod, e) || req_query_str(r, "from", 10, &zFrom, e) ||
      req_query_str(r, "to", 10, &zTo, e) || req_query_str(r, "scope", 16, &zScope, e) ||
      req_query_str(r, "by", 16, &zBy, e) || req_query_str(r, "view", 16, &zView, e) ||
      req_query_int(r, "id", 1, INT64_MAX, 0, &id, e)) {
    return -1;
  }
  memset(q, 0, sizeof *q);
  const char *zWhy = NULL;
  if (zPeriod) {
    if (zFrom || zTo) return err_field(e, "period", "period 与 from/to 只能给出一种");
    if (stat_period_parse(zPeriod, strlen(zPeriod), &q->period, &zWhy)) return err_field(e, "period", "%s", zWhy);
  } else {
    JwDate a, b;
    if (!zFrom) return err_field(e, "from", "请给出统计期间（period，或 from 和 to）");
    if (strlen(zFrom) != 10 || date_parse(zFrom, 10, &a)) return err_field(e, "from", "日期格式应为 YYYY-MM-DD");
    if (!zTo) return err_field(e, "to", "请给出统计期间的结束日");
    if (strlen(zTo) != 10 || date_parse(zTo, 10, &b)) return err_field(e, "to", "日期格式应为 YYYY-MM-DD");
    if (stat_period_from_range(a, b, &q->period)) return err_field(e, "to", "结束日早于开始日");
  }
  if (!zScope) q->scope = STATS_SCOPE_DEFAULT;
  else if (strcmp(zScope, "office") == 0) q->scope = STATS_SCOPE_OFFICE;
  else if (strcmp(zScope, "department") == 0) q->scope = STATS_SCOPE_DEPARTMENT;
  else if (strcmp(zScope, "prosecutor") == 0) q->scope = STATS_SCOPE_PROSECUTOR;
  else return err_field(e, "scope", "参数 scope 必须是 office、department 或 prosecutor");
  if (id && (q->scope == STATS_SCOPE_DEFAULT || q->scope == STATS_SCOPE_OFFICE)) {
    return err_field(e, "id", "scope 为 department 或 prosecutor 时才能给出 id");
  }
  q->scopeId = id;
  if (!zBy) q->by = STATS_BY_NONE;
  else if (strcmp(zBy, "department") == 0) q->by = STATS_BY_DEPARTMENT;
  else if (strcmp(zBy, "prosecutor") == 0) q->by = STATS_BY_PROSECUTOR;
  else return err_field(e, "by", "参数 by 必须是 department 或 prosecutor");
  if (zView && strcmp(zView, "reported") != 0 && strcmp(zView, "corrected") != 0) {
    return err_field(e, "view", "参数 view 必须是 reported 或 corrected");
  }
  q->reported = zView && strcmp(zView, "reported") == 0;
  return 0;
}

int api_stats_report(Req *r) {
  JwErr e;
  StatsQuery q;
  json_t *out = NULL;
  int rc = api_stats_query(r, &q, &e);
  if (!rc) rc = stats_report(r->db, &r->session.actor, &q, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_stats_records(Req *r) {
  JwErr e;
  StatsQuery q;
  json_t *out = NULL;
  int limit = 0, offset = 0;
  const char *zInd = NULL, *zPart = NULL, *zColumn = NULL, *zWhich = NULL;
  int rc = api_stats_query(r, &q, &e);
  if (!rc && (req_paging(r, &limit, &offset, &e) || req_query_str(r, "indicator", 40, &zInd, &e) ||
              req_query_str(r, "part", 16, &zPart, &e) || req_query_str(r, "column", 40, &zColumn, &e) ||
              req_query_str(r, "which", 16, &zWhich, &e))) {
    rc = -1;
  }
  int which = 0;
  if (!rc && !zInd) rc = err_field(&e, "indicator", "请给出指标");
  if (!rc && zPart && strcmp(zPart, "numerator") != 0 && strcmp(zPart, "denominator") != 0) {
    rc = err_field(&e, "part", "参数 part 必须是 numerator 或 denominator");
  }
  if (!rc && zWhich) {
    if (strcmp(zWhich, "current") == 0) which = 0;
    else if (strcmp(zWhich, "year_ago") == 0) which = 1;
    else if (strcmp(zWhich, "previous") == 0) which = 2;
    else rc = err_field(&e, "which", "参数 which 必须是 current、year_ago 或 previous");
  }
  if (!rc && q.reported) rc = err_field(&e, "view", "记录列表只有更正后的数据");
  if (!rc) {
    rc = stats_records(r->db, &r->session.actor, &q, zInd, !zPart || strcmp(zPart, "numerator") == 0, zColumn, which,
                       limit, offset, &out, &e);
  }
  return api_result(r, rc, 200, out, &e);
}

int api_stats_config_get(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = stats_config_get(r->db, &r->session.actor, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_stats_config_put(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = stats_config_put(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_stats_snapshots_create(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = stats_close_period(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 201, out, &e);
}

int api_stats_snapshots_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = stats_snapshots(r->db, &r->session.actor, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

/* GET /stats/report.xlsx and /stats/report.csv: the report of the same query as a file (app/stats_export.h), audited
 * as export.stats before it leaves (as every export: docs/api.md "Exports"). */
static int stats_file(Req *r, int xlsx) {
  JwErr e;
  StatsQuery q;
  json_t *report = NULL;
  if (api_stats_query(r, &q, &e) || stats_report(r->db, &r->session.actor, &q, &report, &e)) return reply_error(r, &e);
  const char *zDir = getenv("TMPDIR");
  if (!zDir || !*zDir) zDir = "/tmp";
  char zPath[512];
  snprintf(zPath, sizeof zPath, "%s/jianwu-stats-XXXXXX", zDir);
  int fd = mkstemp(zPath); /* 0600 */
  int rc = fd < 0 ? err_internal(&e, "stats export temp file") : 0;
  if (!rc && xlsx) {
    rc = stats_export_xlsx(report, zPath, &e);
  } else if (!rc) {
    FILE *f = fopen(zPath, "wb");
    rc = f ? stats_export_csv(report, f, &e) : err_internal(&e, "stats export csv");
    if (f && fclose(f) && !rc) rc = err_internal(&e, "stats export csv");
  }
  char zPeriod[STAT_PERIOD_TEXT_MAX];
  stat_period_format(q.period, zPeriod);
  if (!rc) {
    json_t *after = json_pack("{s:s, s:O, s:s}", "period", zPeriod, "scope", json_object_get(report, "scope"), "format",
                              xlsx ? "xlsx" : "csv");
    rc = audit_export(r->db, &r->session.actor, "export.stats", "stat_report", after, &e);
    json_decref(after);
  }
  json_decref(report);
  int fdRead = -1;
  struct stat st;
  if (!rc && ((fdRead = open(zPath, O_RDONLY)) < 0 || fstat(fdRead, &st))) rc = err_internal(&e, "stats export");
  if (fd >= 0) {
    close(fd);
    unlink(zPath);
  }
  if (rc) {
    if (fdRead >= 0) close(fdRead);
    return reply_error(r, &e);
  }
  char zDisp[256];
  snprintf(
      zDisp, sizeof zDisp,
      "attachment; filename=\"stats-%s.%s\"; filename*=UTF-8''%%E7%%BB%%9F%%E8%%AE%%A1%%E6%%8A%%A5%%E8%%A1%%A8-%s.%s",
      zPeriod, xlsx ? "xlsx" : "csv", zPeriod, xlsx ? "xlsx" : "csv");
  return reply_fd(
      r, 200, fdRead, (uint64_t)st.st_size,
      xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
      arena_strdup(&r->arena, zDisp));
}

int api_stats_report_xlsx(Req *r) {
  return stats_file(r, 1);
}

int api_stats_report_csv(Req *r) {
  return stats_file(r, 0);
}
