/* stat_store.c: the statistics' SQL (see stat_store.h). Each row query reads one population with every field its
 * indicators need (core/stat_rules.h names them), filtered by office, optional department and prosecutor, and the
 * union of the row's period dates; the indicator rules then decide in C which period and figure a row belongs to. */
#include "store/stat_store.h"

#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "store/store_util.h"

/* The person query: ?1 org, ?2 lo, ?3 hi, then the optional filters. */
static const char zPersonSelect[] =
    "SELECT c.org_id, coalesce(c.department_id, 0), coalesce(c.prosecutor_id, 0), p.id, c.id, c.case_type,"
    " c.received_on, p.decision, p.non_prosecution_type, p.decision_on, p.final_decision, p.final_on, p.plea,"
    " CASE WHEN EXISTS (SELECT 1 FROM case_custody k WHERE k.case_id = c.id AND k.person_id = p.id AND k.custody = "
    "'arrested')"
    "   THEN 1 ELSE 0 END,"
    " (SELECT count(*) FROM case_event e WHERE e.case_id = c.id AND e.kind = 'return'),"
    " (SELECT count(*) FROM case_event e WHERE e.case_id = c.id AND e.kind = 'extend'),"
    " (SELECT max(d.due_on) FROM deadline d WHERE d.entity_kind = 'case' AND d.entity_id = c.id"
    "   AND d.kind = 'review' AND d.person_id = p.id),"
    " p.judgment_on, p.recommendation_adopted, p.judgment_consistent, p.sentence, p.prosecution_withdrawn_on,"
    " coalesce((SELECT max(e.at) FROM case_event e WHERE e.case_id = c.id AND e.person_id = p.id"
    "   AND e.kind IN ('decide', 'judgment', 'withdraw_prosecution')), c.created_at)"
    " FROM case_person p JOIN case_record c ON c.id = p.case_id"
    " WHERE c.org_id = ?1 AND (p.decision_on BETWEEN ?2 AND ?3 OR p.final_on BETWEEN ?2 AND ?3"
    "   OR p.judgment_on BETWEEN ?2 AND ?3)";
static const char zCaseSelect[] =
    "SELECT c.org_id, coalesce(c.department_id, 0), coalesce(c.prosecutor_id, 0), c.id, c.concluded_on,"
    " c.archived_on,"
    " (SELECT count(*) FROM case_event e WHERE e.case_id = c.id AND e.kind = 'return'),"
    " (SELECT count(*) FROM case_event e WHERE e.case_id = c.id AND e.kind = 'extend'),"
    " (SELECT count(*) FROM case_person p WHERE p.case_id = c.id AND p.prosecution_withdrawn_on IS NOT NULL),"
    " c.updated_at"
    " FROM case_record c WHERE c.org_id = ?1 AND c.concluded_on BETWEEN ?2 AND ?3";
static const char zLinkageSelect[] =
    "SELECT l.org_id, coalesce(l.department_id, 0), coalesce(l.prosecutor_id, 0), l.id, l.case_id, l.decision_on,"
    " l.transferred_on,"
    " (SELECT min(d.due_on) FROM deadline d WHERE d.entity_kind = 'linkage' AND d.entity_id = l.id"
    "   AND d.kind = 'linkage_transfer'),"
    " l.served_on, l.reply_on, l.reply_penalised, l.updated_at"
    " FROM linkage_item l WHERE l.org_id = ?1 AND (l.decision_on BETWEEN ?2 AND ?3 OR l.served_on BETWEEN ?2 AND ?3)";
static const char zSuggestionSelect[] =
    "SELECT s.org_id, coalesce(s.department_id, 0), coalesce(s.prosecutor_id, 0), s.id, coalesce(s.case_id, 0),"
    " coalesce(s.first_served_on, s.served_on), s.reply_on,"
    " (SELECT d.due_on FROM deadline d WHERE d.entity_kind = 'suggestion' AND d.entity_id = s.id"
    "   AND d.kind = 'suggestion_reply' ORDER BY d.sequence DESC LIMIT 1),"
    " s.adoption, s.closed_on, s.outcome, s.updated_at"
    " FROM suggestion s WHERE s.org_id = ?1 AND (coalesce(s.first_served_on, s.served_on) BETWEEN ?2 AND ?3"
    "   OR s.reply_on BETWEEN ?2 AND ?3 OR s.closed_on BETWEEN ?2 AND ?3)";

static JwDate col_date(Stmt *s, int i) {
  JwDate d = 0;
  const char *z = db_col_text(s, i);
  if (strlen(z) == 10 && date_parse(z, 10, &d)) d = 0;
  return d;
}

static int col_tri(Stmt *s, int i) {
  return db_col_is_null(s, i) ? -1 : db_col_int(s, i) != 0;
}

static void read_person(Stmt *s, StatRow *r) {
  const char *zType = db_col_text(s, 5);
  r->stage = strcmp(zType, "prosecution_review") == 0                                       ? STAT_STAGE_PROSECUTION
             : strcmp(zType, "arrest_review") == 0 || strcmp(zType, "arrest_decision") == 0 ? STAT_STAGE_ARREST
                                                                                            : STAT_STAGE_NONE;
  r->ownInvestigation = strcmp(zType, "arrest_decision") == 0;
  r->receivedOn = col_date(s, 6);
  const char *zD = db_col_text(s, 7);
  r->decision = strcmp(zD, "approve_arrest") == 0    ? 'a'
                : strcmp(zD, "reject_arrest") == 0   ? 'r'
                : strcmp(zD, "prosecute") == 0       ? 'p'
                : strcmp(zD, "non_prosecution") == 0 ? 'n'
                                                     : 0;
  r->conditional = strcmp(db_col_text(s, 8), "conditional") == 0;
  r->decisionOn = col_date(s, 9);
  const char *zF = db_col_text(s, 10);
  r->finalDecision = strcmp(zF, "prosecute") == 0 ? 'p' : strcmp(zF, "non_prosecution") == 0 ? 'n' : 0;
  r->finalOn = col_date(s, 11);
  r->plea = db_col_int(s, 12) != 0;
  r->arrested = db_col_int(s, 13) != 0;
  r->returns = (int)db_col_int(s, 14);
  r->extensions = (int)db_col_int(s, 15);
  r->reviewDue = col_date(s, 16);
  r->judgmentOn = col_date(s, 17);
  r->adopted = col_tri(s, 18);
  r->consistent = col_tri(s, 19);
  snprintf(r->zSentence, sizeof r->zSentence, "%s", db_col_text(s, 20));
  r->withdrawnOn = col_date(s, 21);
}

int stat_store_rows(Db *db, const StatScope *scope, StatRowKind kind, const char *zLo, const char *zHi,
                    int (*xRow)(const StatRow *row, const char *zEnteredAt, void *ctx), void *ctx) {
  const char *zSelect = kind == STAT_ROW_PERSON    ? zPersonSelect
                        : kind == STAT_ROW_CASE    ? zCaseSelect
                        : kind == STAT_ROW_LINKAGE ? zLinkageSelect
                                                   : zSuggestionSelect;
  const char *zAlias = kind == STAT_ROW_PERSON || kind == STAT_ROW_CASE ? "c" : kind == STAT_ROW_LINKAGE ? "l" : "s";
  Buf sql = BUF_INIT;
  buf_append(&sql, zSelect, strlen(zSelect));
  int n = 3;
  if (scope->departmentId) buf_printf(&sql, " AND %s.department_id = ?%d", zAlias, ++n);
  if (scope->prosecutorId) buf_printf(&sql, " AND %s.prosecutor_id = ?%d", zAlias, ++n);
  buf_printf(&sql, " ORDER BY %s.id", zAlias);
  Stmt *s = db_prepare_assembled(db, buf_cstr(&sql)); /* sql-safe: literal fragments and the literal alias only */
  buf_free(&sql);
  if (!s) return -1;
  db_bind_int(s, 1, scope->orgId);
  db_bind_text(s, 2, zLo);
  db_bind_text(s, 3, zHi);
  n = 3;
  if (scope->departmentId) db_bind_int(s, ++n, scope->departmentId);
  if (scope->prosecutorId) db_bind_int(s, ++n, scope->prosecutorId);
  int rc = 0, step;
  StatRow *r = xcalloc(1, sizeof *r);
  while ((step = db_step(s)) == DB_ROW) {
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->orgId = db_col_int(s, 0);
    r->departmentId = db_col_int(s, 1);
    r->prosecutorId = db_col_int(s, 2);
    r->id = db_col_int(s, 3);
    const char *zAt = "";
    switch (kind) {
      case STAT_ROW_PERSON:
        r->caseId = db_col_int(s, 4);
        read_person(s, r);
        zAt = db_col_text(s, 22);
        break;
      case STAT_ROW_CASE:
        r->caseId = r->id;
        r->concludedOn = col_date(s, 4);
        r->archivedOn = col_date(s, 5);
        r->returns = (int)db_col_int(s, 6);
        r->extensions = (int)db_col_int(s, 7);
        r->withdrawals = (int)db_col_int(s, 8);
        zAt = db_col_text(s, 9);
        break;
      case STAT_ROW_LINKAGE:
        r->caseId = db_col_int(s, 4);
        r->npDecisionOn = col_date(s, 5);
        r->transferredOn = col_date(s, 6);
        r->transferDue = col_date(s, 7);
        r->servedOn = col_date(s, 8);
        r->replyOn = col_date(s, 9);
        r->penalised = col_tri(s, 10);
        zAt = db_col_text(s, 11);
        break;
      default: {
        r->caseId = db_col_int(s, 4);
        r->servedOn = col_date(s, 5);
        r->replyOn = col_date(s, 6);
        r->replyDue = col_date(s, 7);
        const char *zA = db_col_text(s, 8);
        r->adoption = strcmp(zA, "adopted") == 0       ? 'a'
                      : strcmp(zA, "partly") == 0      ? 'p'
                      : strcmp(zA, "not_adopted") == 0 ? 'n'
                                                       : 0;
        r->closedOn = col_date(s, 9);
        r->handled = strcmp(db_col_text(s, 10), "handled") == 0;
        zAt = db_col_text(s, 11);
      }
    }
    if (xRow(r, zAt, ctx)) break;
  }
  if (step == DB_ERROR) rc = -1;
  free(r);
  db_done(s);
  return rc;
}

json_t *stat_store_children(Db *db, int64_t orgId) {
  Stmt *s = db_prepare(db, "SELECT id, code, name FROM org WHERE parent_id = ?1 ORDER BY code");
  db_bind_int(s, 1, orgId);
  json_t *a = json_array();
  int step;
  while ((step = db_step(s)) == DB_ROW) {
    json_array_append_new(a, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)db_col_int(s, 0), "code", db_col_text(s, 1),
                                       "name", db_col_text(s, 2)));
  }
  db_done(s);
  if (step == DB_ERROR) {
    json_decref(a);
    return NULL;
  }
  return a;
}

/* zSql: one of the two literal statements below (departments, users), never assembled */
static json_t *names(Db *db, const char *zSql, int64_t orgId) {
  Stmt *s = db_prepare(db, zSql); /* sql-safe: a literal of the two callers */
  db_bind_int(s, 1, orgId);
  json_t *o = json_object();
  int step;
  while ((step = db_step(s)) == DB_ROW) {
    char zId[24];
    snprintf(zId, sizeof zId, "%lld", (long long)db_col_int(s, 0));
    json_object_set_new(o, zId, json_string(db_col_text(s, 1)));
  }
  db_done(s);
  if (step == DB_ERROR) {
    json_decref(o);
    return NULL;
  }
  return o;
}

json_t *stat_store_department_names(Db *db, int64_t orgId) {
  return names(db, "SELECT id, name FROM department WHERE org_id = ?1", orgId);
}

json_t *stat_store_user_names(Db *db, int64_t orgId) {
  return names(db, "SELECT id, name FROM app_user WHERE org_id = ?1", orgId);
}

int stat_store_case_label(Db *db, int64_t orgId, int64_t caseId, char *zNumber, size_t nNumber, char *zTitle,
                          size_t nTitle) {
  Stmt *s = db_prepare(db, "SELECT case_number, title FROM case_record WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, caseId);
  zNumber[0] = zTitle[0] = 0;
  int step = db_step(s);
  if (step == DB_ROW) {
    snprintf(zNumber, nNumber, "%s", db_col_text(s, 0));
    snprintf(zTitle, nTitle, "%s", db_col_text(s, 1));
  }
  db_done(s);
  return step == DB_ERROR ? -1 : 0;
}

json_t *stat_store_config_get(Db *db, int64_t orgId) {
  Stmt *s = db_prepare(db, "SELECT indicator, params FROM stat_indicator_config WHERE org_id = ?1");
  db_bind_int(s, 1, orgId);
  json_t *o = json_object();
  int step;
  while ((step = db_step(s)) == DB_ROW) {
    json_t *v = json_loads(db_col_text(s, 1), 0, NULL);
    if (json_is_object(v)) json_object_set_new(o, db_col_text(s, 0), v);
    else json_decref(v);
  }
  db_done(s);
  if (step == DB_ERROR) {
    json_decref(o);
    return NULL;
  }
  return o;
}

int stat_store_config_put(Db *db, int64_t orgId, const char *zIndicator, const json_t *params, int64_t userId,
                          const char *zNow) {
  char *zJson = json_dumps(params, JSON_COMPACT | JSON_SORT_KEYS);
  Stmt *s = db_prepare(db, "DELETE FROM stat_indicator_config WHERE org_id = ?1 AND indicator = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zIndicator);
  int rc = store_step_done(s);
  if (!rc) {
    s = db_prepare(db,
                   "INSERT INTO stat_indicator_config(org_id, indicator, params, updated_by, updated_at)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)");
    db_bind_int(s, 1, orgId);
    db_bind_text(s, 2, zIndicator);
    db_bind_text(s, 3, zJson);
    db_bind_int(s, 4, userId);
    db_bind_text(s, 5, zNow);
    rc = store_step_done(s);
  }
  free(zJson);
  return rc;
}

int stat_store_snapshot_get(Db *db, int64_t orgId, const char *zPeriod, json_t **pReport, char zClosedAt[32]) {
  Stmt *s = db_prepare(db, "SELECT report, closed_at FROM stat_snapshot WHERE org_id = ?1 AND period = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zPeriod);
  int step = db_step(s), rc = 1;
  if (step == DB_ROW) {
    *pReport = json_loads(db_col_text(s, 0), 0, NULL);
    snprintf(zClosedAt, 32, "%s", db_col_text(s, 1));
    rc = *pReport ? 0 : -1;
  } else if (step == DB_ERROR) {
    rc = -1;
  }
  db_done(s);
  return rc;
}

int stat_store_snapshot_put(Db *db, int64_t orgId, const char *zPeriod, const json_t *report, int64_t userId,
                            const char *zNow) {
  char *zJson = json_dumps(report, JSON_COMPACT);
  Stmt *s = db_prepare(db,
                       "INSERT INTO stat_snapshot(org_id, period, report, closed_by, closed_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5)");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zPeriod);
  db_bind_text(s, 3, zJson);
  db_bind_int(s, 4, userId);
  db_bind_text(s, 5, zNow);
  int rc = store_step_done(s);
  free(zJson);
  return rc;
}

json_t *stat_store_snapshot_list(Db *db, int64_t orgId) {
  Stmt *s = db_prepare(db, "SELECT period, closed_at FROM stat_snapshot WHERE org_id = ?1 ORDER BY closed_at DESC");
  db_bind_int(s, 1, orgId);
  json_t *a = json_array();
  int step;
  while ((step = db_step(s)) == DB_ROW) {
    json_array_append_new(a, json_pack("{s:s, s:s}", "period", db_col_text(s, 0), "closed_at", db_col_text(s, 1)));
  }
  db_done(s);
  if (step == DB_ERROR) {
    json_decref(a);
    return NULL;
  }
  return a;
}

int64_t stat_store_user_department(Db *db, int64_t orgId, int64_t userId) {
  Stmt *s = db_prepare(db, "SELECT coalesce(department_id, 0) FROM app_user WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
  db_done(s);
  return v;
}

int stat_store_department_in_org(Db *db, int64_t orgId, int64_t deptId) {
  Stmt *s = db_prepare(db, "SELECT 1 FROM department WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, deptId);
  int step = db_step(s);
  db_done(s);
  return step == DB_ROW ? 1 : step == DB_DONE ? 0 : -1;
}

void stat_store_org_name(Db *db, int64_t orgId, char *zName, size_t nName) {
  Stmt *s = db_prepare(db, "SELECT name FROM org WHERE id = ?1");
  db_bind_int(s, 1, orgId);
  zName[0] = 0;
  if (db_step(s) == DB_ROW) snprintf(zName, nName, "%s", db_col_text(s, 0));
  db_done(s);
}

int64_t stat_store_org_id(Db *db, const char *zCode) {
  Stmt *s = zCode ? db_prepare(db, "SELECT id FROM org WHERE code = ?1")
                  : db_prepare(db, "SELECT id FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1");
  if (zCode) db_bind_text(s, 1, zCode);
  int step = db_step(s);
  int64_t v = step == DB_ROW ? db_col_int(s, 0) : step == DB_DONE ? 0 : -1;
  db_done(s);
  return v;
}
