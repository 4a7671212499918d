/* lead_store.c: SQL for the models, runs, leads and candidate pairs (see lead_store.h). */
#include "store/lead_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lead.h"
#include "lib/buf.h"

static void bind_id(Stmt *s, int i, int64_t v) {
  if (v) db_bind_int(s, i, v);
  else db_bind_null(s, i);
}

static void copy_str(char *zDst, size_t n, const char *zSrc) {
  snprintf(zDst, n, "%s", zSrc ? zSrc : "");
}

int lead_store_seed_models(Db *db, int64_t orgId, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO match_model(org_id, code, name, rule, params, enabled, updated_at)"
                       " SELECT ?1, ?2, ?3, ?4, ?5, 1, ?6 WHERE NOT EXISTS"
                       " (SELECT 1 FROM match_model m WHERE m.org_id = ?1 AND m.code = ?2)");
  if (!s) return -1;
  for (int i = 0; i < lead_model_seed_count; i++) {
    const LeadModelSeed *m = &lead_model_seeds[i];
    db_bind_int(s, 1, orgId);
    db_bind_text(s, 2, m->zCode);
    db_bind_text(s, 3, m->zName);
    db_bind_text(s, 4, lead_rule_codes[m->rule]);
    db_bind_text(s, 5, m->zParams);
    db_bind_text(s, 6, zNow);
    if (store_step_done(s)) return -1;
  }
  return 0;
}

static json_t *run_from_row(Stmt *s, int c) {
  if (db_col_is_null(s, c)) return json_null();
  json_t *inputs = json_loads(db_col_text(s, c + 6), 0, NULL);
  return json_pack("{s:I, s:s, s:o, s:o, s:s, s:I, s:o, s:I, s:I, s:I, s:I}", "id", (json_int_t)db_col_int(s, c),
                   "trigger", db_col_text(s, c + 1), "started_by", store_col_int_or_null(s, c + 2), "started_by_name",
                   store_col_text_or_null(s, c + 3), "started_at", db_col_text(s, c + 4), "duration_ms",
                   (json_int_t)db_col_int(s, c + 5), "inputs", inputs ? inputs : json_array(), "rows_matched",
                   (json_int_t)db_col_int(s, c + 7), "leads_found", (json_int_t)db_col_int(s, c + 8), "leads_new",
                   (json_int_t)db_col_int(s, c + 9), "candidates_new", (json_int_t)db_col_int(s, c + 10));
}

#define RUN_COLUMNS                                                                                    \
  "r.id, r.trigger_kind, r.started_by, u.name, r.started_at, r.duration_ms, r.inputs, r.rows_matched," \
  " r.leads_found, r.leads_new, r.candidates_new"

json_t *lead_store_models(Db *db, int64_t orgId) {
  Stmt *s =
      db_prepare(db, "SELECT m.id, m.code, m.name, m.rule, m.params, m.enabled, m.updated_at, " RUN_COLUMNS
                     ", (SELECT count(*) FROM lead l WHERE l.org_id = m.org_id AND l.model_id = m.id"
                     " AND l.state = 'new')"
                     " FROM match_model m"
                     " LEFT JOIN match_run r ON r.id = (SELECT max(x.id) FROM match_run x WHERE x.model_id = m.id)"
                     " LEFT JOIN app_user u ON u.id = r.started_by"
                     " WHERE m.org_id = ?1 ORDER BY m.id");
  if (!s) return NULL;
  db_bind_int(s, 1, orgId);
  json_t *a = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    json_t *params = json_loads(db_col_text(s, 4), 0, NULL);
    json_array_append_new(
        a, json_pack("{s:I, s:s, s:s, s:s, s:o, s:b, s:s, s:o, s:I}", "id", (json_int_t)db_col_int(s, 0), "code",
                     db_col_text(s, 1), "name", db_col_text(s, 2), "rule", db_col_text(s, 3), "params",
                     params ? params : json_object(), "enabled", (int)db_col_int(s, 5), "updated_at", db_col_text(s, 6),
                     "last_run", run_from_row(s, 7), "leads_open", (json_int_t)db_col_int(s, 18)));
  }
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(a);
    return NULL;
  }
  return a;
}

int lead_store_model_get(Db *db, int64_t orgId, int64_t id, const char *zCode, LeadModelRow *r) {
  memset(r, 0, sizeof *r);
  static const char zByCode[] = "SELECT id, code, name, rule, params FROM match_model WHERE org_id = ?1 AND code = ?3";
  static const char zById[] = "SELECT id, code, name, rule, params FROM match_model WHERE org_id = ?1 AND id = ?2";
  Stmt *s = db_prepare(db, zCode ? zByCode : zById); /* sql-safe: one of the two literals above */
  if (!s) return -1;
  db_bind_int(s, 1, orgId);
  if (zCode) db_bind_text(s, 3, zCode);
  else db_bind_int(s, 2, id);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    r->id = db_col_int(s, 0);
    copy_str(r->zCode, sizeof r->zCode, db_col_text(s, 1));
    copy_str(r->zName, sizeof r->zName, db_col_text(s, 2));
    copy_str(r->zRule, sizeof r->zRule, db_col_text(s, 3));
    r->zParams = strdup(db_col_text(s, 4));
  }
  db_done(s);
  if (rc == DB_ROW && !r->zParams) return -1;
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int lead_store_model_set_params(Db *db, int64_t orgId, int64_t id, const char *zParams, int64_t userId,
                                const char *zNow) {
  Stmt *s = db_prepare(db,
                       "UPDATE match_model SET params = ?3, updated_by = ?4, updated_at = ?5"
                       " WHERE org_id = ?1 AND id = ?2");
  if (!s) return -1;
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  db_bind_text(s, 3, zParams);
  bind_id(s, 4, userId);
  db_bind_text(s, 5, zNow);
  return store_step_done(s);
}

/* The join's columns: ours, then theirs. */
#define MATCH_COLUMNS                                                                                             \
  "p.id, p.case_id, cr.case_number, p.name, p.id_number, p.birth_date, p.decision, p.non_prosecution_type,"       \
  " p.decision_on, p.judgment_on, l.id, l.licence_number, l.licence_class, l.status, l.status_on, l.reissued_on," \
  " l.agency_name, l.agency_id, b.file_name, l.row_no, l.name, l.id_number"
#define MATCH_PERSONS                                                                   \
  " JOIN case_person_charge c ON c.person_id = p.id AND c.charge = 'dangerous_driving'" \
  " JOIN case_record cr ON cr.id = p.case_id"
#define MATCH_DECIDED \
  " AND ((p.decision IN ('prosecute', 'non_prosecution') AND p.decision_on IS NOT NULL) OR p.judgment_on IS NOT NULL)"

int lead_store_match_licence(Db *db, int64_t orgId, int64_t modelId, int (*xRow)(const LicenceMatch *m, void *ctx),
                             void *ctx, int64_t *pRows) {
  *pRows = 0;
  Stmt *s = db_prepare(
      db, "SELECT " MATCH_COLUMNS ", 0 FROM case_person p" MATCH_PERSONS
          " JOIN licence_record l ON l.org_id = p.org_id AND l.id_number = p.id_number"
          " JOIN import_batch b ON b.id = l.batch_id"
          " WHERE p.org_id = ?1 AND p.id_number IS NOT NULL" MATCH_DECIDED " UNION ALL SELECT " MATCH_COLUMNS
          ", 1 FROM lead_candidate k"
          " JOIN case_person p ON p.id = k.person_id" MATCH_PERSONS
          " JOIN licence_record l ON l.id = k.licence_id"
          " JOIN import_batch b ON b.id = l.batch_id"
          " WHERE k.org_id = ?1 AND k.model_id = ?2 AND k.state = 'confirmed'" MATCH_DECIDED " ORDER BY 1, 11");
  if (!s) return -1;
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, modelId);
  int rc, stop = 0;
  while (!stop && (rc = db_step(s)) == DB_ROW) {
    LicenceMatch m = {
        .personId = db_col_int(s, 0),
        .caseId = db_col_int(s, 1),
        .zCaseNumber = db_col_text(s, 2),
        .zName = db_col_text(s, 3),
        .zIdNumber = db_col_text(s, 4),
        .zBirthDate = db_col_text(s, 5),
        .zDecision = db_col_text(s, 6),
        .zNpType = db_col_text(s, 7),
        .zDecisionOn = db_col_text(s, 8),
        .zJudgmentOn = db_col_text(s, 9),
        .licenceId = db_col_int(s, 10),
        .zLicenceNumber = db_col_text(s, 11),
        .zClass = db_col_text(s, 12),
        .zStatus = db_col_text(s, 13),
        .zStatusOn = db_col_text(s, 14),
        .zReissuedOn = db_col_text(s, 15),
        .zAgencyName = db_col_text(s, 16),
        .agencyId = db_col_int(s, 17),
        .zFileName = db_col_text(s, 18),
        .rowNo = db_col_int(s, 19),
        .zTheirName = db_col_text(s, 20),
        .zTheirId = db_col_text(s, 21),
        .viaCandidate = (int)db_col_int(s, 22),
    };
    (*pRows)++;
    stop = xRow(&m, ctx);
  }
  db_done(s);
  if (stop) return -1;
  return rc == DB_DONE ? 0 : -1;
}

int lead_store_licence_candidates(Db *db, int64_t orgId, int64_t modelId, int64_t runId, const char *zNow,
                                  int64_t *pNew) {
  *pNew = 0;
  Stmt *s = db_prepare(db,
                       "INSERT INTO lead_candidate(org_id, model_id, person_id, licence_id, name, birth_date, state,"
                       " run_id, created_at)"
                       " SELECT p.org_id, ?2, p.id, l.id, p.name, p.birth_date, 'new', ?3, ?4 FROM case_person p"
                       " JOIN case_person_charge c ON c.person_id = p.id AND c.charge = 'dangerous_driving'"
                       " JOIN licence_record l ON l.org_id = p.org_id AND l.name = p.name"
                       " AND l.birth_date = p.birth_date"
                       " WHERE p.org_id = ?1 AND p.birth_date IS NOT NULL"
                       " AND (p.id_number IS NULL OR l.id_number IS NULL)" MATCH_DECIDED
                       " AND NOT EXISTS (SELECT 1 FROM lead_candidate k WHERE k.org_id = ?1 AND k.model_id = ?2"
                       " AND k.person_id = p.id AND k.licence_id = l.id)");
  if (!s) return -1;
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, modelId);
  db_bind_int(s, 3, runId);
  db_bind_text(s, 4, zNow);
  if (store_step_done(s)) return -1;
  *pNew = db_changes(db);
  return 0;
}

int lead_store_upsert(Db *db, const LeadRow *r) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO lead(org_id, model_id, subject_key, reason, person_id, case_id, licence_id,"
                       " penalty_id, agency_id, name, id_number, evidence, state, first_run_id, last_run_id,"
                       " created_at, updated_at)"
                       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'new', ?13, ?13, ?14, ?14)"
                       " ON CONFLICT(org_id, model_id, subject_key) DO UPDATE SET last_run_id = excluded.last_run_id,"
                       " reason = CASE WHEN lead.state = 'new' THEN excluded.reason ELSE lead.reason END,"
                       " evidence = CASE WHEN lead.state = 'new' THEN excluded.evidence ELSE lead.evidence END,"
                       " licence_id = CASE WHEN lead.state = 'new' THEN excluded.licence_id ELSE lead.licence_id"
                       " END, updated_at = excluded.updated_at");
  if (!s) return -1;
  db_bind_int(s, 1, r->orgId);
  db_bind_int(s, 2, r->modelId);
  db_bind_text(s, 3, r->zSubjectKey);
  db_bind_text(s, 4, r->zReason);
  bind_id(s, 5, r->personId);
  bind_id(s, 6, r->caseId);
  bind_id(s, 7, r->licenceId);
  bind_id(s, 8, r->penaltyId);
  bind_id(s, 9, r->agencyId);
  db_bind_text(s, 10, r->zName);
  db_bind_text(s, 11, r->zIdNumber && *r->zIdNumber ? r->zIdNumber : NULL);
  db_bind_text(s, 12, r->zEvidence);
  db_bind_int(s, 13, r->runId);
  db_bind_text(s, 14, r->zNow);
  return store_step_done(s);
}

int64_t lead_store_count(Db *db, int64_t orgId, int64_t modelId) {
  static const char zOfModel[] = "SELECT count(*) FROM lead WHERE org_id = ?1 AND model_id = ?2";
  static const char zAll[] = "SELECT count(*) FROM lead WHERE org_id = ?1";
  Stmt *s = db_prepare(db, modelId ? zOfModel : zAll); /* sql-safe: one of the two literals above */
  if (!s) return -1;
  db_bind_int(s, 1, orgId);
  if (modelId) db_bind_int(s, 2, modelId);
  int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
  db_done(s);
  return n;
}

int64_t lead_store_run_insert(Db *db, int64_t orgId, int64_t modelId, const char *zTrigger, int64_t userId,
                              const char *zNow, const char *zParams, const char *zInputs) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO match_run(org_id, model_id, trigger_kind, started_by, started_at, duration_ms,"
                       " params, inputs, rows_matched, leads_found, leads_new, candidates_new)"
                       " VALUES(?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, 0, 0, 0, 0) RETURNING id");
  if (!s) return -1;
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, modelId);
  db_bind_text(s, 3, zTrigger);
  bind_id(s, 4, userId);
  db_bind_text(s, 5, zNow);
  db_bind_text(s, 6, zParams);
  db_bind_text(s, 7, zInputs);
  return store_insert_id(s);
}

int lead_store_run_finish(Db *db, int64_t runId, int64_t durationMs, int64_t rows, int64_t found, int64_t added,
                          int64_t candidates) {
  Stmt *s = db_prepare(db,
                       "UPDATE match_run SET duration_ms = ?2, rows_matched = ?3, leads_found = ?4, leads_new = ?5,"
                       " candidates_new = ?6 WHERE id = ?1");
  if (!s) return -1;
  db_bind_int(s, 1, runId);
  db_bind_int(s, 2, durationMs);
  db_bind_int(s, 3, rows);
  db_bind_int(s, 4, found);
  db_bind_int(s, 5, added);
  db_bind_int(s, 6, candidates);
  return store_step_done(s);
}

json_t *lead_store_inputs(Db *db, int64_t orgId, const char *zKind) {
  Stmt *s = db_prepare(db,
                       "SELECT id, file_name, file_hash, source, rows_accepted FROM import_batch"
                       " WHERE org_id = ?1 AND kind = ?2 ORDER BY id");
  if (!s) return NULL;
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zKind);
  json_t *a = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:I}", "batch_id", (json_int_t)db_col_int(s, 0),
                                       "file_name", db_col_text(s, 1), "file_hash", db_col_text(s, 2), "source",
                                       db_col_text(s, 3), "rows", (json_int_t)db_col_int(s, 4)));
  }
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(a);
    return NULL;
  }
  return a;
}

json_t *lead_store_runs(Db *db, int64_t orgId, int64_t modelId) {
  Stmt *s = db_prepare(db, "SELECT " RUN_COLUMNS
                           " FROM match_run r LEFT JOIN app_user u ON u.id = r.started_by"
                           " WHERE r.org_id = ?1 AND r.model_id = ?2 ORDER BY r.id DESC LIMIT 100");
  if (!s) return NULL;
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, modelId);
  json_t *a = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) json_array_append_new(a, run_from_row(s, 0));
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(a);
    return NULL;
  }
  return a;
}

#define LEAD_COLUMNS                                                                                                  \
  "l.id, l.model_id, m.code, m.name, l.reason, l.state, l.name, l.id_number, l.person_id, l.case_id, cr.case_number," \
  " l.agency_id, a.name, l.licence_id, l.suggestion_id, l.verify_note, l.verified_by, u.name, l.verified_at,"         \
  " l.first_run_id, l.last_run_id, l.created_at, l.updated_at, l.evidence"
#define LEAD_JOINS                                                                                     \
  " FROM lead l JOIN match_model m ON m.id = l.model_id LEFT JOIN case_record cr ON cr.id = l.case_id" \
  " LEFT JOIN agency a ON a.id = l.agency_id LEFT JOIN app_user u ON u.id = l.verified_by"

static json_t *lead_from_row(Stmt *s) {
  static const char *const names[] = {"id",          "model_id",    "model_code",       "model_name",  "reason",
                                      "state",       "name",        "id_number",        "person_id",   "case_id",
                                      "case_number", "agency_id",   "agency_name",      "licence_id",  "suggestion_id",
                                      "verify_note", "verified_by", "verified_by_name", "verified_at", "first_run_id",
                                      "last_run_id", "created_at",  "updated_at"};
  static const char ints[] = {1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0};
  json_t *o = json_object();
  for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++) {
    json_object_set_new(o, names[i], ints[i] ? store_col_int_or_null(s, i) : store_col_text_or_null(s, i));
  }
  json_t *ev = json_loads(db_col_text(s, 23), 0, NULL);
  if (!ev) ev = json_object();
  /* flat copies of the evidence for the list and its export (the agency's list of persons) */
  json_t *ours = json_object_get(ev, "ours"), *theirs = json_object_get(ev, "theirs");
  json_object_set(o, "decision_on", json_object_get(ours, "decision_on") ?: json_null());
  json_object_set(o, "licence_number", json_object_get(theirs, "licence_number") ?: json_null());
  json_object_set(o, "licence_status", json_object_get(theirs, "status") ?: json_null());
  json_object_set(o, "their_agency_name", json_object_get(theirs, "agency_name") ?: json_null());
  json_object_set_new(o, "evidence", ev);
  return o;
}

typedef struct LeadBind {
  const LeadFilter *f;
  const char *zLike;
} LeadBind;

static void lead_bind(Stmt *s, const void *ctx) {
  const LeadBind *b = ctx;
  db_bind_int(s, 1, b->f->orgId);
  if (b->f->modelId) db_bind_int(s, 2, b->f->modelId);
  if (b->f->zState) db_bind_text(s, 3, b->f->zState);
  if (b->f->zReason) db_bind_text(s, 4, b->f->zReason);
  if (b->f->agencyId) db_bind_int(s, 5, b->f->agencyId);
  if (b->zLike) db_bind_text(s, 6, b->zLike);
}

json_t *lead_store_list(Db *db, const LeadFilter *f) {
  LeadBind b = {f, f->zQuery ? store_like_pattern(f->zQuery) : NULL};
  Buf where = BUF_INIT;
  buf_puts(&where, " WHERE l.org_id = ?1");
  if (f->modelId) buf_puts(&where, " AND l.model_id = ?2");
  if (f->zState) buf_puts(&where, " AND l.state = ?3");
  if (f->zReason) buf_puts(&where, " AND l.reason = ?4");
  if (f->agencyId) buf_puts(&where, " AND l.agency_id = ?5");
  if (b.zLike) buf_puts(&where, " AND (l.name LIKE ?6 ESCAPE '\\' OR l.id_number LIKE ?6 ESCAPE '\\')");
  StoreListQuery q = {"FROM lead l",
                      "SELECT " LEAD_COLUMNS LEAD_JOINS,
                      " ORDER BY l.id DESC LIMIT ?7 OFFSET ?8",
                      7,
                      lead_bind,
                      &b,
                      lead_from_row,
                      f->pExport};
  json_t *out = store_list(db, &q, &where, f->limit, f->offset);
  buf_free(&where);
  free((char *)b.zLike);
  return out;
}

json_t *lead_store_get(Db *db, int64_t orgId, int64_t id, int *pFound) {
  *pFound = 0;
  Stmt *s = db_prepare(db, "SELECT " LEAD_COLUMNS LEAD_JOINS " WHERE l.org_id = ?1 AND l.id = ?2");
  if (!s) {
    *pFound = -1;
    return NULL;
  }
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  int rc = db_step(s);
  json_t *o = rc == DB_ROW ? lead_from_row(s) : NULL;
  db_done(s);
  *pFound = rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
  return o;
}

int lead_store_state(Db *db, int64_t orgId, int64_t id, char zState[16], int64_t *pSuggestionId, int64_t *pAgencyId) {
  Stmt *s = db_prepare(db, "SELECT state, suggestion_id, agency_id FROM lead WHERE org_id = ?1 AND id = ?2");
  if (!s) return -1;
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    copy_str(zState, 16, db_col_text(s, 0));
    if (pSuggestionId) *pSuggestionId = db_col_int(s, 1);
    if (pAgencyId) *pAgencyId = db_col_int(s, 2);
  }
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int lead_store_set_state(Db *db, int64_t orgId, int64_t id, const char *zState, const char *zNote, int64_t userId,
                         const char *zNow) {
  Stmt *s = db_prepare(db,
                       "UPDATE lead SET state = ?3, verify_note = ?4, verified_by = ?5, verified_at = ?6,"
                       " updated_at = ?6 WHERE org_id = ?1 AND id = ?2");
  if (!s) return -1;
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  db_bind_text(s, 3, zState);
  db_bind_text(s, 4, zNote && *zNote ? zNote : NULL);
  bind_id(s, 5, userId);
  db_bind_text(s, 6, zNow);
  return store_step_done(s);
}

int lead_store_set_suggestion(Db *db, int64_t orgId, int64_t id, int64_t suggestionId, const char *zNow) {
  Stmt *s = db_prepare(db, "UPDATE lead SET suggestion_id = ?3, updated_at = ?4 WHERE org_id = ?1 AND id = ?2");
  if (!s) return -1;
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  db_bind_int(s, 3, suggestionId);
  db_bind_text(s, 4, zNow);
  return store_step_done(s);
}

static json_t *candidate_from_row(Stmt *s) {
  return json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:o, s:o, s:o, s:s}", "id",
                   (json_int_t)db_col_int(s, 0), "person_id", (json_int_t)db_col_int(s, 1), "name", db_col_text(s, 2),
                   "birth_date", db_col_text(s, 3), "state", db_col_text(s, 4), "our_id_number",
                   store_col_text_or_null(s, 5), "case_number", store_col_text_or_null(s, 6), "their_name",
                   db_col_text(s, 7), "their_id_number_raw", db_col_text(s, 8), "licence_number",
                   store_col_text_or_null(s, 9), "licence_status", store_col_text_or_null(s, 10), "licence_id",
                   store_col_int_or_null(s, 11), "created_at", db_col_text(s, 12));
}

typedef struct CandBind {
  int64_t orgId;
  const char *zState;
} CandBind;

static void cand_bind(Stmt *s, const void *ctx) {
  const CandBind *b = ctx;
  db_bind_int(s, 1, b->orgId);
  if (b->zState) db_bind_text(s, 2, b->zState);
}

json_t *lead_store_candidates(Db *db, int64_t orgId, const char *zState, int limit, int offset) {
  CandBind b = {orgId, zState};
  Buf where = BUF_INIT;
  buf_puts(&where, " WHERE k.org_id = ?1");
  if (zState) buf_puts(&where, " AND k.state = ?2");
  StoreListQuery q = {"FROM lead_candidate k",
                      "SELECT k.id, k.person_id, k.name, k.birth_date, k.state, p.id_number, cr.case_number, lr.name,"
                      " lr.id_number_raw, lr.licence_number, lr.status, k.licence_id, k.created_at"
                      " FROM lead_candidate k JOIN case_person p ON p.id = k.person_id"
                      " JOIN case_record cr ON cr.id = p.case_id LEFT JOIN licence_record lr ON lr.id = k.licence_id",
                      " ORDER BY k.id DESC LIMIT ?3 OFFSET ?4",
                      3,
                      cand_bind,
                      &b,
                      candidate_from_row,
                      NULL};
  json_t *out = store_list(db, &q, &where, limit, offset);
  buf_free(&where);
  return out;
}

int lead_store_candidate_state(Db *db, int64_t orgId, int64_t id, char zState[16]) {
  Stmt *s = db_prepare(db, "SELECT state FROM lead_candidate WHERE org_id = ?1 AND id = ?2");
  if (!s) return -1;
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  int rc = db_step(s);
  if (rc == DB_ROW) copy_str(zState, 16, db_col_text(s, 0));
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int lead_store_candidate_decide(Db *db, int64_t orgId, int64_t id, const char *zState, int64_t userId,
                                const char *zNow) {
  Stmt *s = db_prepare(db,
                       "UPDATE lead_candidate SET state = ?3, decided_by = ?4, decided_at = ?5"
                       " WHERE org_id = ?1 AND id = ?2");
  if (!s) return -1;
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  db_bind_text(s, 3, zState);
  bind_id(s, 4, userId);
  db_bind_text(s, 5, zNow);
  return store_step_done(s);
}
