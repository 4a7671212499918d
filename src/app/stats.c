/* stats.c: the statistics use cases (see stats.h). One pass over each population per office: every row is put in
 * every indicator, period (current, 同比, 环比) and column it belongs to by core/stat_rules.c; the records list of a
 * figure runs the same pass keeping the rows instead of counting them. */
#include "app/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/tx.h"
#include "core/indicator.h"
#include "core/roles.h"
#include "core/stat_rules.h"
#include "lib/jsonin.h"
#include "lib/mem.h"
#include "lib/timeutil.h"
#include "store/stat_store.h"
#include "store/store_util.h"

#define STATS_MAX_ORGS    512 /* offices under one province: far more than exist */
#define STATS_PERIODS     3   /* current, year ago (同比), previous (环比) */
#define STATS_COLUMN_KEY  40
#define STATS_RECORDS_MAX 1000000

static const char *const period_keys[STATS_PERIODS] = {"current", "year_ago", "previous"};

typedef struct Acc {
  int64_t num, den;
  int64_t *aDays; /* the days of each row, for the median */
  size_t nDays, nAlloc;
} Acc;

typedef struct Column {
  char zKey[STATS_COLUMN_KEY]; /* "total", "org:5", "department:3", "prosecutor:7" */
  const char *zKind;           /* "total", "org", "department", "prosecutor" */
  int64_t id;
  Acc *aAcc; /* indicator_count * STATS_PERIODS */
} Column;

typedef struct RecordRef {
  StatRowKind kind;
  int64_t id, caseId, orgId, days;
  int inNumerator;
} RecordRef;

typedef struct Calc {
  const StatsQuery *q;
  StatConfig cfg;
  StatPeriod aP[STATS_PERIODS];
  int64_t scopeDept, scopePros;
  int byOrg;
  int64_t aOrg[STATS_MAX_ORGS]; /* the offices counted, with the column (org:ID) each counts in */
  int aOrgTop[STATS_MAX_ORGS];  /* index into aOrg of the column's office (a direct subordinate, or the office) */
  int nOrg;
  Column *aCol;
  int nCol;
  char zClosedAt[32];
  int64_t late;
  /* records mode */
  const Indicator *pInd;
  int numerator, which;
  const char *zColumn;
  RecordRef *aRec;
  size_t nRec, nRecAlloc;
} Calc;

static Column *column_get(Calc *c, const char *zKind, int64_t id) {
  char zKey[STATS_COLUMN_KEY];
  if (strcmp(zKind, "total") == 0) snprintf(zKey, sizeof zKey, "total");
  else snprintf(zKey, sizeof zKey, "%s:%lld", zKind, (long long)id);
  for (int i = 0; i < c->nCol; i++)
    if (strcmp(c->aCol[i].zKey, zKey) == 0) return &c->aCol[i];
  c->aCol = xrealloc(c->aCol, (size_t)(c->nCol + 1) * sizeof *c->aCol);
  Column *col = &c->aCol[c->nCol++];
  memset(col, 0, sizeof *col);
  memcpy(col->zKey, zKey, sizeof zKey);
  col->zKind = zKind;
  col->id = id;
  col->aAcc = xcalloc(indicator_count * STATS_PERIODS, sizeof *col->aAcc);
  return col;
}

static void acc_add(Acc *a, const Indicator *ind, StatHit h) {
  a->den += h.den;
  a->num += h.num;
  if (ind->unit == IND_UNIT_DAYS) {
    if (a->nDays == a->nAlloc) {
      a->nAlloc = a->nAlloc ? a->nAlloc * 2 : 16;
      a->aDays = xrealloc(a->aDays, a->nAlloc * sizeof *a->aDays);
    }
    a->aDays[a->nDays++] = h.days;
  }
}

static void calc_free(Calc *c) {
  for (int i = 0; i < c->nCol; i++) {
    for (size_t k = 0; k < indicator_count * STATS_PERIODS; k++) free(c->aCol[i].aAcc[k].aDays);
    free(c->aCol[i].aAcc);
  }
  free(c->aCol);
  free(c->aRec);
}

/* The column a row counts in besides the total, or NULL (no breakdown). */
static Column *row_column(Calc *c, const StatRow *r) {
  if (c->q->by == STATS_BY_DEPARTMENT) return column_get(c, "department", r->departmentId);
  if (c->q->by == STATS_BY_PROSECUTOR) return column_get(c, "prosecutor", r->prosecutorId);
  if (c->byOrg) {
    for (int i = 0; i < c->nOrg; i++)
      if (c->aOrg[i] == r->orgId) return column_get(c, "org", c->aOrg[c->aOrgTop[i]]);
  }
  return NULL;
}

static int on_row(const StatRow *r, const char *zEnteredAt, void *ctx) {
  Calc *c = ctx;
  int counted = 0;
  if (c->pInd) {
    StatHit h = stat_eval(c->pInd, r, &c->cfg, c->aP[c->which]);
    if (!h.den || (c->numerator && !h.num)) return 0;
    if (c->zColumn && strcmp(c->zColumn, "total") != 0) {
      Column *col = row_column(c, r);
      if (!col || strcmp(col->zKey, c->zColumn) != 0) return 0;
    }
    if (c->nRec == STATS_RECORDS_MAX) return 1;
    if (c->nRec == c->nRecAlloc) {
      c->nRecAlloc = c->nRecAlloc ? c->nRecAlloc * 2 : 64;
      c->aRec = xrealloc(c->aRec, c->nRecAlloc * sizeof *c->aRec);
    }
    c->aRec[c->nRec++] = (RecordRef){r->kind, r->id, r->caseId, r->orgId, h.days, h.num > 0};
    return 0;
  }
  column_get(c, "total", 0);
  Column *col = row_column(c, r), *total = column_get(c, "total", 0); /* no new column after col: both stay valid */
  for (size_t i = 0; i < indicator_count; i++) {
    const Indicator *ind = &indicator_table[i];
    if (stat_row_kind(ind) != r->kind) continue;
    for (int p = 0; p < STATS_PERIODS; p++) {
      StatHit h = stat_eval(ind, r, &c->cfg, c->aP[p]);
      if (!h.den) continue;
      if (p == 0) counted = 1;
      acc_add(&total->aAcc[i * STATS_PERIODS + p], ind, h);
      if (col) acc_add(&col->aAcc[i * STATS_PERIODS + p], ind, h);
    }
  }
  if (counted && c->zClosedAt[0] && strcmp(zEnteredAt, c->zClosedAt) > 0) c->late++;
  return 0;
}

/* The office's configuration applied over the defaults (a stored value no longer valid is ignored). */
static int load_config(Db *db, int64_t orgId, StatConfig *cfg, JwErr *e) {
  stat_config_default(cfg);
  json_t *o = stat_store_config_get(db, orgId);
  if (!o) return err_internal(e, db_errmsg(db));
  const char *zInd;
  json_t *params;
  json_object_foreach(o, zInd, params) {
    const char *zName;
    json_t *v;
    json_object_foreach(params, zName, v) {
      const char *zWhy;
      (void)stat_config_set(cfg, zInd, zName, json_is_integer(v) ? json_integer_value(v) : 0,
                            json_is_string(v) ? json_string_value(v) : NULL, &zWhy);
    }
  }
  json_decref(o);
  return 0;
}

static int office_wide(const Actor *a) {
  return (a->perms & (PERM_CASE_REGISTER | PERM_APPROVE_CHIEF)) != 0;
}

/* Resolves the query's scope for the actor into c (scopeDept, scopePros, the offices) and names it in *pScope. */
static int resolve_scope(Db *db, const Actor *a, const StatsQuery *q, Calc *c, json_t **pScope, JwErr *e) {
  StatsScopeKind k = q->scope;
  int wide = office_wide(a), head = (a->perms & PERM_APPROVE) != 0 && a->departmentId;
  if (k == STATS_SCOPE_DEFAULT) k = wide ? STATS_SCOPE_OFFICE : head ? STATS_SCOPE_DEPARTMENT : STATS_SCOPE_PROSECUTOR;
  int64_t id = q->scopeId;
  c->nOrg = 1;
  c->aOrg[0] = a->orgId;
  c->aOrgTop[0] = 0;
  if (k == STATS_SCOPE_OFFICE) {
    if (!wide) return err_set(e, 403, "forbidden", "scope", "只能查看本人或本部门的统计");
    /* the office and every office under it, each counted in the column of the office directly under this one */
    for (int i = 0; i < c->nOrg; i++) {
      json_t *kids = stat_store_children(db, c->aOrg[i]);
      if (!kids) return err_internal(e, db_errmsg(db));
      size_t j;
      json_t *kid;
      json_array_foreach(kids, j, kid) {
        if (c->nOrg == STATS_MAX_ORGS) break;
        c->aOrg[c->nOrg] = json_integer_value(json_object_get(kid, "id"));
        c->aOrgTop[c->nOrg] = i == 0 ? c->nOrg : c->aOrgTop[i];
        c->nOrg++;
      }
      json_decref(kids);
    }
    c->byOrg = c->nOrg > 1 && q->by == STATS_BY_NONE;
    char zName[256];
    stat_store_org_name(db, a->orgId, zName, sizeof zName);
    *pScope = json_pack("{s:s, s:I, s:s}", "kind", "office", "id", (json_int_t)a->orgId, "name", zName);
    return 0;
  }
  if (k == STATS_SCOPE_DEPARTMENT) {
    if (!id) id = a->departmentId;
    if (!id) return err_field(e, "id", "请指定部门");
    if (!wide && !(head && id == a->departmentId)) {
      return err_set(e, 403, "forbidden", "id", "只能查看本人或本部门的统计");
    }
    int in = stat_store_department_in_org(db, a->orgId, id);
    if (in < 0) return err_internal(e, db_errmsg(db));
    if (!in) return err_set(e, 422, "invalid", "id", "本院没有这个部门");
    c->scopeDept = id;
    json_t *names = stat_store_department_names(db, a->orgId);
    char zId[24];
    snprintf(zId, sizeof zId, "%lld", (long long)id);
    *pScope = json_pack("{s:s, s:I, s:s}", "kind", "department", "id", (json_int_t)id, "name",
                        names ? json_string_value(json_object_get(names, zId)) : "");
    json_decref(names);
    return 0;
  }
  if (!id) id = a->userId;
  int64_t dept = stat_store_user_department(db, a->orgId, id);
  if (dept < 0) {
    if (!wide && id != a->userId) return err_set(e, 403, "forbidden", "id", "只能查看本人或本部门的统计");
    return err_set(e, 422, "invalid", "id", "本院没有这个检察官");
  }
  if (!wide && id != a->userId && !(head && dept == a->departmentId)) {
    return err_set(e, 403, "forbidden", "id", "只能查看本人或本部门的统计");
  }
  c->scopePros = id;
  json_t *names = stat_store_user_names(db, a->orgId);
  char zId[24];
  snprintf(zId, sizeof zId, "%lld", (long long)id);
  *pScope = json_pack("{s:s, s:I, s:s}", "kind", "prosecutor", "id", (json_int_t)id, "name",
                      names ? json_string_value(json_object_get(names, zId)) : "");
  json_decref(names);
  return 0;
}

/* Runs the pass over every population (or only the records' indicator's) for every office of c. */
static int calc_run(Db *db, Calc *c, JwErr *e) {
  JwDate lo = c->aP[0].from, hi = c->aP[0].to;
  for (int p = 1; p < STATS_PERIODS; p++) {
    if (c->aP[p].from < lo) lo = c->aP[p].from;
    if (c->aP[p].to > hi) hi = c->aP[p].to;
  }
  char zLo[11], zHi[11];
  date_format(lo, zLo);
  date_format(hi, zHi);
  for (int o = 0; o < c->nOrg; o++) {
    StatScope sc = {c->aOrg[o], c->scopeDept, c->scopePros};
    for (int k = 0; k < STAT_ROW_KIND_COUNT; k++) {
      if (c->pInd && stat_row_kind(c->pInd) != (StatRowKind)k) continue;
      if (stat_store_rows(db, &sc, (StatRowKind)k, zLo, zHi, on_row, c)) return err_internal(e, db_errmsg(db));
      if (c->q->xProgress)
        c->q->xProgress(o * STAT_ROW_KIND_COUNT + k + 1, c->nOrg * STAT_ROW_KIND_COUNT, c->q->pProgressCtx);
    }
  }
  return 0;
}

static int cmp_days(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

/* The figure's value (JSON null when there is nothing to divide by). */
static json_t *acc_value(const Indicator *ind, Acc *a) {
  if (!a->den) return json_null();
  if (strcmp(ind->zCode, "median_handling_days") == 0) {
    qsort(a->aDays, a->nDays, sizeof *a->aDays, cmp_days);
    size_t n = a->nDays;
    return json_real(n % 2 ? (double)a->aDays[n / 2] : (double)(a->aDays[n / 2 - 1] + a->aDays[n / 2]) / 2.0);
  }
  return store_ratio(a->num, a->den, ind->unit == IND_UNIT_DAYS ? 1 : 4);
}

static json_t *change(json_t *cur, json_t *other) {
  if (!json_is_number(cur) || !json_is_number(other)) return json_null();
  return json_real(round((json_number_value(cur) - json_number_value(other)) * 10000.0) / 10000.0);
}

static json_t *period_json(StatPeriod p) {
  char z[STAT_PERIOD_TEXT_MAX], a[11], b[11];
  stat_period_format(p, z);
  date_format(p.from, a);
  date_format(p.to, b);
  return json_pack("{s:s, s:s, s:s, s:s}", "text", z, "kind", stat_period_kind_code(p.kind), "from", a, "to", b);
}

static const char *column_name(Db *db, const Column *col, json_t *depts, json_t *users, json_t *orgs, char *z,
                               size_t n) {
  char zId[24];
  snprintf(zId, sizeof zId, "%lld", (long long)col->id);
  const char *zName = NULL;
  if (strcmp(col->zKind, "total") == 0) zName = "合计";
  else if (strcmp(col->zKind, "department") == 0)
    zName = col->id ? json_string_value(json_object_get(depts, zId)) : "未分配部门";
  else if (strcmp(col->zKind, "prosecutor") == 0)
    zName = col->id ? json_string_value(json_object_get(users, zId)) : "未分配检察官";
  else zName = json_string_value(json_object_get(orgs, zId));
  if (!zName && strcmp(col->zKind, "org") == 0) {
    stat_store_org_name(db, col->id, z, n);
    return z;
  }
  snprintf(z, n, "%s", zName ? zName : zId);
  return z;
}

static int cmp_columns(const void *a, const void *b) {
  const Column *x = a, *y = b;
  int tx = strcmp(x->zKind, "total") == 0, ty = strcmp(y->zKind, "total") == 0;
  if (tx != ty) return ty - tx;
  return x->id < y->id ? -1 : x->id > y->id;
}

static json_t *calc_json(Db *db, const Actor *actor, Calc *c, json_t *scope) {
  qsort(c->aCol, (size_t)c->nCol, sizeof *c->aCol, cmp_columns);
  json_t *depts = stat_store_department_names(db, actor->orgId), *users = stat_store_user_names(db, actor->orgId);
  json_t *orgs = json_object();
  json_t *cols = json_array();
  for (int i = 0; i < c->nCol; i++) {
    char z[256];
    column_name(db, &c->aCol[i], depts, users, orgs, z, sizeof z);
    json_array_append_new(cols, json_pack("{s:s, s:s, s:I, s:s}", "key", c->aCol[i].zKey, "kind", c->aCol[i].zKind,
                                          "id", (json_int_t)c->aCol[i].id, "name", z));
  }
  json_t *inds = json_array();
  for (size_t i = 0; i < indicator_count; i++) {
    const Indicator *ind = &indicator_table[i];
    const char *zWhy;
    int computed = stat_computed(ind, &zWhy);
    json_t *cells = json_array();
    for (int k = 0; k < c->nCol && computed; k++) {
      json_t *cell = json_object();
      json_t *v[STATS_PERIODS];
      for (int p = 0; p < STATS_PERIODS; p++) {
        Acc *a = &c->aCol[k].aAcc[i * STATS_PERIODS + p];
        v[p] = acc_value(ind, a);
        json_object_set_new(cell, period_keys[p],
                            json_pack("{s:I, s:I, s:O}", "numerator", (json_int_t)a->num, "denominator",
                                      (json_int_t)a->den, "value", v[p]));
      }
      json_object_set_new(cell, "yoy", change(v[0], v[1]));
      json_object_set_new(cell, "mom", change(v[0], v[2]));
      for (int p = 0; p < STATS_PERIODS; p++) json_decref(v[p]);
      json_array_append_new(cells, cell);
    }
    json_array_append_new(
        inds, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:s*, s:o}", "code", ind->zCode, "name", ind->zName,
                        "unit", indicator_unit_code(ind->unit), "mark", indicator_mark_text(ind->mark),
                        "numerator_text", ind->zNumerator, "denominator_text", ind->zDenominator, "configurable",
                        ind->configurable, "computed", computed, "why", zWhy, "cells", cells));
  }
  json_decref(depts);
  json_decref(users);
  json_decref(orgs);
  const char *zBy = c->q->by == STATS_BY_DEPARTMENT   ? "department"
                    : c->q->by == STATS_BY_PROSECUTOR ? "prosecutor"
                    : c->byOrg                        ? "org"
                                                      : NULL;
  return json_pack("{s:o, s:o, s:o, s:o, s:s*, s:o, s:o}", "period", period_json(c->aP[0]), "year_ago",
                   period_json(c->aP[1]), "previous", period_json(c->aP[2]), "scope", scope, "by", zBy, "columns", cols,
                   "indicators", inds);
}

static void calc_init(Calc *c, const StatsQuery *q) {
  memset(c, 0, sizeof *c);
  c->q = q;
  c->aP[0] = q->period;
  c->aP[1] = stat_period_year_ago(q->period);
  c->aP[2] = stat_period_previous(q->period);
}

int stats_report(Db *db, const Actor *actor, const StatsQuery *q, json_t **out, JwErr *e) {
  Calc c;
  calc_init(&c, q);
  json_t *scope = NULL, *snap = NULL;
  char zPeriod[STAT_PERIOD_TEXT_MAX];
  stat_period_format(q->period, zPeriod);
  int rc = load_config(db, actor->orgId, &c.cfg, e);
  if (!rc) rc = resolve_scope(db, actor, q, &c, &scope, e);
  int found = 1;
  if (!rc) {
    found = stat_store_snapshot_get(db, actor->orgId, zPeriod, &snap, c.zClosedAt);
    if (found < 0) rc = err_internal(e, db_errmsg(db));
  }
  if (!rc && q->reported && (found || strcmp(json_string_value(json_object_get(scope, "kind")), "office") != 0)) {
    rc = err_set(e, 409, "conflict", "view", "该期间尚未结账，或该范围没有上报时的数据");
  }
  if (!rc) rc = calc_run(db, &c, e);
  if (!rc) {
    json_t *live = calc_json(db, actor, &c, scope);
    scope = NULL;
    json_t *closed =
        found ? json_null() : json_pack("{s:s, s:I}", "closed_at", c.zClosedAt, "late_records", (json_int_t)c.late);
    if (q->reported) {
      /* as reported: the snapshot's figures, with today's count of records entered after the close */
      json_object_set(snap, "closed", closed);
      json_object_set_new(snap, "view", json_string("reported"));
      json_decref(live);
      *out = snap;
      snap = NULL;
    } else {
      json_object_set(live, "closed", closed);
      json_object_set_new(live, "view", json_string("corrected"));
      *out = live;
    }
    json_decref(closed);
  }
  json_decref(scope);
  json_decref(snap);
  calc_free(&c);
  return rc;
}

static int cmp_records(const void *a, const void *b) {
  const RecordRef *x = a, *y = b;
  if (x->caseId != y->caseId) return x->caseId < y->caseId ? 1 : -1; /* newest case first */
  return x->id < y->id ? -1 : x->id > y->id;
}

static const char *kind_code(StatRowKind k) {
  return k == STAT_ROW_PERSON    ? "person"
         : k == STAT_ROW_CASE    ? "case"
         : k == STAT_ROW_LINKAGE ? "linkage"
                                 : "suggestion";
}

int stats_records(Db *db, const Actor *actor, const StatsQuery *q, const char *zIndicator, int numerator,
                  const char *zColumn, int which, int limit, int offset, json_t **out, JwErr *e) {
  const Indicator *ind = indicator_find(zIndicator);
  const char *zWhy;
  if (!ind) return err_field(e, "indicator", "未知的指标 %s", zIndicator ? zIndicator : "");
  if (!stat_computed(ind, &zWhy)) return err_set(e, 422, "invalid", "indicator", "%s", zWhy);
  Calc c;
  calc_init(&c, q);
  c.pInd = ind;
  c.numerator = numerator;
  c.which = which;
  c.zColumn = zColumn;
  json_t *scope = NULL;
  int rc = load_config(db, actor->orgId, &c.cfg, e);
  if (!rc) rc = resolve_scope(db, actor, q, &c, &scope, e);
  if (!rc) rc = calc_run(db, &c, e);
  if (!rc) {
    qsort(c.aRec, c.nRec, sizeof *c.aRec, cmp_records);
    json_t *items = json_array();
    for (size_t i = (size_t)offset; i < c.nRec && i < (size_t)offset + (size_t)limit; i++) {
      RecordRef *r = &c.aRec[i];
      char zNumber[256], zTitle[1024], zLink[64];
      if (r->caseId && stat_store_case_label(db, r->orgId, r->caseId, zNumber, sizeof zNumber, zTitle, sizeof zTitle)) {
        rc = err_internal(e, db_errmsg(db));
        break;
      }
      if (!r->caseId) zNumber[0] = zTitle[0] = 0;
      if (r->kind == STAT_ROW_LINKAGE) snprintf(zLink, sizeof zLink, "#/linkage/%lld", (long long)r->id);
      else if (r->kind == STAT_ROW_SUGGESTION) snprintf(zLink, sizeof zLink, "#/suggestions/%lld", (long long)r->id);
      else snprintf(zLink, sizeof zLink, "#/cases/%lld", (long long)r->caseId);
      json_t *item = json_pack("{s:s, s:I, s:I, s:I, s:s, s:s, s:s, s:b}", "kind", kind_code(r->kind), "id",
                               (json_int_t)r->id, "case_id", (json_int_t)r->caseId, "org_id", (json_int_t)r->orgId,
                               "case_number", zNumber, "title", zTitle, "link", zLink, "in_numerator", r->inNumerator);
      if (ind->unit == IND_UNIT_DAYS) json_object_set_new(item, "days", json_integer(r->days));
      json_array_append_new(items, item);
    }
    if (!rc) {
      *out = json_pack("{s:o, s:I, s:i, s:i, s:s, s:s, s:o}", "items", items, "total", (json_int_t)c.nRec, "limit",
                       limit, "offset", offset, "indicator", ind->zCode, "part",
                       numerator ? "numerator" : "denominator", "scope", scope);
      scope = NULL;
    } else {
      json_decref(items);
    }
  }
  json_decref(scope);
  calc_free(&c);
  return rc;
}

/* ---- configuration --------------------------------------------------------------------------------------- */

static json_t *config_json(const StatConfig *cfg) {
  StatConfig def;
  stat_config_default(&def);
  json_t *a = json_array();
  for (size_t i = 0; i < indicator_count; i++) {
    const Indicator *ind = &indicator_table[i];
    const char *zWhy;
    int computed = stat_computed(ind, &zWhy);
    json_t *params = json_array();
    for (int k = 0; k < stat_param_count; k++) {
      const StatParam *p = &stat_params[k];
      if (strcmp(p->zIndicator, ind->zCode) != 0) continue;
      int64_t v, dv;
      const char *zv, *zdv;
      stat_config_get(cfg, p, &v, &zv);
      stat_config_get(&def, p, &dv, &zdv);
      json_array_append_new(params, json_pack("{s:s, s:s, s:s, s:i, s:i, s:o, s:o}", "name", p->zName, "label",
                                              p->zLabel, "type", p->isText ? "text" : "integer", "min", p->min, "max",
                                              p->max, "value", zv ? json_string(zv) : json_integer(v), "default",
                                              zdv ? json_string(zdv) : json_integer(dv)));
    }
    json_array_append_new(
        a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:s*, s:o}", "code", ind->zCode, "name",
                     ind->zName, "numerator_text", ind->zNumerator, "denominator_text", ind->zDenominator, "population",
                     indicator_population_text(ind->population), "period_date", ind->zPeriodDate, "source",
                     ind->zSource, "mark", indicator_mark_text(ind->mark), "configurable", ind->configurable,
                     "computed", computed, "why", zWhy, "params", params));
  }
  return json_pack("{s:o}", "indicators", a);
}

int stats_config_get(Db *db, const Actor *actor, json_t **out, JwErr *e) {
  StatConfig cfg;
  if (load_config(db, actor->orgId, &cfg, e)) return -1;
  *out = config_json(&cfg);
  return 0;
}

int stats_config_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (!json_is_object(in)) return err_field(e, "indicator", "请求体应为 JSON 对象");
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)in, key, v) {
    if (strcmp(key, "indicator") != 0 && strcmp(key, "params") != 0) return err_field(e, key, "未知的字段 %s", key);
  }
  json_t *jInd = json_object_get(in, "indicator"), *params = json_object_get(in, "params");
  const Indicator *ind = json_is_string(jInd) ? indicator_find(json_string_value(jInd)) : NULL;
  if (!ind) return err_field(e, "indicator", "未知的指标");
  if (!ind->configurable) return err_set(e, 422, "invalid", "indicator", "该指标的公式不可配置");
  if (!json_is_object(params)) return err_field(e, "params", "params 应为对象");
  StatConfig cfg;
  stat_config_default(&cfg);
  json_object_foreach(params, key, v) {
    const char *zWhy = NULL;
    int isText = json_is_string(v);
    char zField[64];
    snprintf(zField, sizeof zField, "params.%.40s", key);
    if (!isText && !json_is_integer(v)) return err_field(e, zField, "参数 %.40s 应为整数或文字", key);
    if (stat_config_set(&cfg, ind->zCode, key, isText ? 0 : json_integer_value(v), isText ? json_string_value(v) : NULL,
                        &zWhy)) {
      return err_set(e, 422, "invalid", zField, "参数 %.40s：%s", key, zWhy);
    }
  }
  json_t *before = stat_store_config_get(db, actor->orgId);
  if (!before) return err_internal(e, db_errmsg(db));
  json_t *beforeInd = json_object_get(before, ind->zCode);
  char zNow[32];
  time_now_iso(zNow);
  int rc = db_begin(db) ? err_internal(e, db_errmsg(db)) : 0;
  if (!rc) {
    if (stat_store_config_put(db, actor->orgId, ind->zCode, params, actor->userId, zNow)) {
      rc = err_internal(e, db_errmsg(db));
    }
    json_t *after = json_pack("{s:s, s:O}", "indicator", ind->zCode, "params", params);
    json_t *bef =
        json_pack("{s:s, s:o}", "indicator", ind->zCode, "params", beforeInd ? json_incref(beforeInd) : json_object());
    if (!rc) rc = audit_append(db, actor, "stats.config", "stat_indicator_config", ind->zCode, bef, after, e);
    json_decref(after);
    json_decref(bef);
    rc = app_finish_write(db, rc, e);
  }
  json_decref(before);
  if (rc) return -1;
  return stats_config_get(db, actor, out, e);
}

/* ---- closed periods -------------------------------------------------------------------------------------- */

int stats_close_period(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (!office_wide(actor)) return err_set(e, 403, "forbidden", NULL, "只有案件管理部门或院领导可以结账");
  if (!json_is_object(in)) return err_field(e, "period", "请求体应为 JSON 对象");
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)in, key, v) {
    if (strcmp(key, "period") != 0) return err_field(e, key, "未知的字段 %s", key);
  }
  json_t *jp = json_object_get(in, "period");
  StatPeriod p;
  const char *zWhy = "期间应为文字";
  if (!json_is_string(jp) || stat_period_parse(json_string_value(jp), strlen(json_string_value(jp)), &p, &zWhy)) {
    return err_field(e, "period", "%s", zWhy);
  }
  if (p.kind == STAT_CUSTOM) return err_set(e, 422, "invalid", "period", "只能对月、季度或年度结账");
  char zToday[11];
  time_today_china(zToday);
  JwDate today;
  if (date_parse(zToday, 10, &today) == 0 && p.to >= today) {
    return err_set(e, 422, "invalid", "period", "该期间尚未结束，不能结账");
  }
  char zPeriod[STAT_PERIOD_TEXT_MAX];
  stat_period_format(p, zPeriod);
  json_t *snap = NULL;
  char zClosedAt[32];
  int found = stat_store_snapshot_get(db, actor->orgId, zPeriod, &snap, zClosedAt);
  json_decref(snap);
  if (found < 0) return err_internal(e, db_errmsg(db));
  if (found == 0) return err_set(e, 409, "conflict", "period", "该期间已于 %s 结账", zClosedAt);
  StatsQuery q = {.period = p, .scope = STATS_SCOPE_OFFICE, .by = STATS_BY_DEPARTMENT};
  json_t *report = NULL;
  if (stats_report(db, actor, &q, &report, e)) return -1;
  json_object_del(report, "closed");
  json_object_del(report, "view");
  char zNow[32];
  time_now_iso(zNow);
  int rc = db_begin(db) ? err_internal(e, db_errmsg(db)) : 0;
  if (!rc && stat_store_snapshot_put(db, actor->orgId, zPeriod, report, actor->userId, zNow)) {
    rc = db_is_constraint(db) ? err_set(e, 409, "conflict", "period", "该期间已结账") : err_internal(e, db_errmsg(db));
  }
  if (!rc) {
    json_t *after = json_pack("{s:s, s:s}", "period", zPeriod, "closed_at", zNow);
    rc = audit_append(db, actor, "stats.close", "stat_snapshot", zPeriod, NULL, after, e);
    json_decref(after);
  }
  rc = app_finish_write(db, rc, e);
  json_decref(report);
  if (rc) return -1;
  *out = json_pack("{s:s, s:s}", "period", zPeriod, "closed_at", zNow);
  return 0;
}

int stats_snapshots(Db *db, const Actor *actor, json_t **out, JwErr *e) {
  json_t *a = stat_store_snapshot_list(db, actor->orgId);
  if (!a) return err_internal(e, db_errmsg(db));
  *out = json_pack("{s:o}", "items", a);
  return 0;
}
