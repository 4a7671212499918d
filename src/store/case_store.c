/* case_store.c: SQL for cases, persons, charges, custody and events (see case_store.h). */
#include "store/case_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "store/deadline_store.h"
#include "store/store_util.h"

/* Copies column i (or "" for NULL) into a fixed buffer. The buffers hold the longest value the validation allows;
 * should a longer one be in the database, it is cut at a character boundary, never inside a UTF-8 sequence. */
static void col_copy(Stmt *s, int i, char *out, size_t n) {
  const char *z = db_col_text(s, i);
  size_t len = strlen(z);
  if (len >= n) {
    len = n - 1;
    while (len > 0 && ((unsigned char)z[len] & 0xC0) == 0x80) len--;
  }
  memcpy(out, z, len);
  out[len] = 0;
}

/* Binds z, or NULL when z is NULL or empty. */
static void bind_opt(Stmt *s, int i, const char *z) {
  db_bind_text(s, i, z && *z ? z : NULL);
}

/* Finishes a write statement: 0 when done, -1 otherwise. */
static int step_done(Stmt *s) {
  int rc = db_step(s);
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}

/* ---- numbering -------------------------------------------------------------------------------------------- */

int64_t case_store_next_sequence(Db *db, int64_t orgId, int year, const char *zType) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO case_sequence(org_id, year, case_type, last) VALUES (?1, ?2, ?3, 1)"
                       " ON CONFLICT(org_id, year, case_type) DO UPDATE SET last = last + 1 RETURNING last");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, year);
  db_bind_text(s, 3, zType);
  int64_t v = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
  db_done(s);
  return v;
}

int case_store_numbering(Db *db, int64_t orgId, char **pzFormat, char **pzShort) {
  Stmt *s =
      db_prepare(db, "SELECT case_number_format, coalesce(short_name, substr(name, 1, 1)) FROM org WHERE id = ?1");
  db_bind_int(s, 1, orgId);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    *pzFormat = xstrdup(db_col_text(s, 0));
    *pzShort = xstrdup(db_col_text(s, 1));
  }
  db_done(s);
  return rc == DB_ROW ? 0 : -1;
}

/* ---- cases ------------------------------------------------------------------------------------------------ */

int64_t case_store_insert(Db *db, const CaseRow *c, const char *zTitle, const char *zSourceAgency,
                          const char *zSourceNumber, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO case_record(org_id, case_number, case_type, title, source_agency, source_number,"
                       " received_on, department_id, prosecutor_id, status, major_complex, summary_procedure,"
                       " prior_returns, created_at, updated_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)");
  db_bind_int(s, 1, c->orgId);
  db_bind_text(s, 2, c->zNumber);
  db_bind_text(s, 3, c->zType);
  db_bind_text(s, 4, zTitle);
  db_bind_text(s, 5, zSourceAgency);
  bind_opt(s, 6, zSourceNumber);
  db_bind_text(s, 7, c->zReceived);
  if (c->departmentId) db_bind_int(s, 8, c->departmentId);
  if (c->prosecutorId) db_bind_int(s, 9, c->prosecutorId);
  db_bind_text(s, 10, c->zStatus);
  db_bind_int(s, 11, c->majorComplex);
  db_bind_int(s, 12, c->summaryProcedure);
  db_bind_int(s, 13, c->priorReturns);
  db_bind_text(s, 14, zNow);
  return step_done(s) ? -1 : db_last_id(db);
}

int case_store_update(Db *db, const CaseRow *c, const char *zNow) {
  Stmt *s =
      db_prepare(db,
                 "UPDATE case_record SET status = ?3, department_id = ?4, prosecutor_id = ?5, major_complex = ?6,"
                 " summary_procedure = ?7, concluded_on = ?8, archived_on = ?9, transferred_on = ?10,"
                 " updated_at = ?11, conclusion = ?12, jurisdiction_issue_on = ?13 WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, c->orgId);
  db_bind_int(s, 2, c->id);
  db_bind_text(s, 3, c->zStatus);
  if (c->departmentId) db_bind_int(s, 4, c->departmentId);
  if (c->prosecutorId) db_bind_int(s, 5, c->prosecutorId);
  db_bind_int(s, 6, c->majorComplex);
  db_bind_int(s, 7, c->summaryProcedure);
  bind_opt(s, 8, c->zConcluded);
  bind_opt(s, 9, c->zArchived);
  bind_opt(s, 10, c->zTransferred);
  db_bind_text(s, 11, zNow);
  bind_opt(s, 12, c->zConclusion);
  bind_opt(s, 13, c->zJurisdiction);
  return step_done(s);
}

int case_store_update_title(Db *db, int64_t orgId, int64_t id, const char *zTitle) {
  Stmt *s = db_prepare(db, "UPDATE case_record SET title = ?3 WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  db_bind_text(s, 3, zTitle);
  return step_done(s);
}

int case_store_load(Db *db, int64_t orgId, int64_t id, CaseRow *out) {
  Stmt *s = db_prepare(
      db,
      "SELECT id, org_id, coalesce(department_id, 0), coalesce(prosecutor_id, 0), case_number,"
      " case_type, status, received_on, concluded_on, archived_on, transferred_on, major_complex,"
      " summary_procedure, prior_returns, coalesce(conclusion, ''), coalesce(jurisdiction_issue_on, ''), title"
      " FROM case_record WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    memset(out, 0, sizeof *out);
    out->id = db_col_int(s, 0);
    out->orgId = db_col_int(s, 1);
    out->departmentId = db_col_int(s, 2);
    out->prosecutorId = db_col_int(s, 3);
    col_copy(s, 4, out->zNumber, sizeof out->zNumber);
    col_copy(s, 5, out->zType, sizeof out->zType);
    col_copy(s, 6, out->zStatus, sizeof out->zStatus);
    col_copy(s, 7, out->zReceived, sizeof out->zReceived);
    col_copy(s, 8, out->zConcluded, sizeof out->zConcluded);
    col_copy(s, 9, out->zArchived, sizeof out->zArchived);
    col_copy(s, 10, out->zTransferred, sizeof out->zTransferred);
    out->majorComplex = (int)db_col_int(s, 11);
    out->summaryProcedure = (int)db_col_int(s, 12);
    out->priorReturns = (int)db_col_int(s, 13);
    col_copy(s, 14, out->zConclusion, sizeof out->zConclusion);
    col_copy(s, 15, out->zJurisdiction, sizeof out->zJurisdiction);
    col_copy(s, 16, out->zTitle, sizeof out->zTitle);
  }
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int case_store_number_exists(Db *db, int64_t orgId, const char *zNumber) {
  Stmt *s = db_prepare(db, "SELECT 1 FROM case_record WHERE org_id = ?1 AND case_number = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zNumber);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* ---- persons ---------------------------------------------------------------------------------------------- */

int case_store_persons(Db *db, int64_t caseId, PersonRow *a, int *pn) {
  Stmt *s = db_prepare(db,
                       "SELECT id, name, coalesce(id_number, ''), custody, plea, coalesce(sentence_band, ''),"
                       " coalesce(decision, ''), coalesce(decision_on, ''), coalesce(birth_date, ''),"
                       " coalesce(non_prosecution_type, ''), coalesce(probation_months, 0),"
                       " coalesce(final_decision, ''), coalesce(final_on, ''), coalesce(prosecution_withdrawn_on, ''),"
                       " judgment_on IS NOT NULL FROM case_person WHERE case_id = ?1 ORDER BY id");
  db_bind_int(s, 1, caseId);
  int n = 0, rc;
  while ((rc = db_step(s)) == DB_ROW && n < CASE_MAX_PERSONS) {
    PersonRow *p = &a[n++];
    p->id = db_col_int(s, 0);
    col_copy(s, 1, p->zName, sizeof p->zName);
    col_copy(s, 2, p->zIdNumber, sizeof p->zIdNumber);
    col_copy(s, 3, p->zCustody, sizeof p->zCustody);
    p->plea = (int)db_col_int(s, 4);
    col_copy(s, 5, p->zSentenceBand, sizeof p->zSentenceBand);
    col_copy(s, 6, p->zDecision, sizeof p->zDecision);
    col_copy(s, 7, p->zDecisionOn, sizeof p->zDecisionOn);
    col_copy(s, 8, p->zBirth, sizeof p->zBirth);
    col_copy(s, 9, p->zNpType, sizeof p->zNpType);
    p->probationMonths = (int)db_col_int(s, 10);
    col_copy(s, 11, p->zFinalDecision, sizeof p->zFinalDecision);
    col_copy(s, 12, p->zFinalOn, sizeof p->zFinalOn);
    col_copy(s, 13, p->zWithdrawnOn, sizeof p->zWithdrawnOn);
    p->judged = (int)db_col_int(s, 14);
  }
  db_done(s);
  *pn = n;
  return rc == DB_ERROR ? -1 : 0;
}

int64_t case_store_person_insert(Db *db, int64_t orgId, int64_t caseId, const char *zName, const char *zIdNumber,
                                 const char *zSex, const char *zBirth, const char *zCustody, const char *zCustodySince,
                                 int plea, const char *zSentenceBand) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO case_person(org_id, case_id, name, id_number, sex, birth_date, custody,"
                       " custody_since, plea, sentence_band) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, caseId);
  db_bind_text(s, 3, zName);
  bind_opt(s, 4, zIdNumber);
  bind_opt(s, 5, zSex);
  bind_opt(s, 6, zBirth);
  db_bind_text(s, 7, zCustody);
  bind_opt(s, 8, zCustodySince);
  db_bind_int(s, 9, plea);
  bind_opt(s, 10, zSentenceBand);
  return step_done(s) ? -1 : db_last_id(db);
}

int case_store_person_update(Db *db, int64_t caseId, int64_t personId, const char *zName, int plea,
                             const char *zSentenceBand) {
  Stmt *s = db_prepare(db,
                       "UPDATE case_person SET name = ?3, plea = ?4, sentence_band = ?5"
                       " WHERE case_id = ?1 AND id = ?2");
  db_bind_int(s, 1, caseId);
  db_bind_int(s, 2, personId);
  db_bind_text(s, 3, zName);
  db_bind_int(s, 4, plea);
  bind_opt(s, 5, zSentenceBand);
  return step_done(s);
}

int case_store_person_set_custody(Db *db, int64_t orgId, int64_t caseId, int64_t personId, const char *zCustody,
                                  const char *zSince) {
  Stmt *s = db_prepare(db, "UPDATE case_person SET custody = ?3, custody_since = ?4 WHERE case_id = ?1 AND id = ?2");
  db_bind_int(s, 1, caseId);
  db_bind_int(s, 2, personId);
  db_bind_text(s, 3, zCustody);
  bind_opt(s, 4, zSince);
  if (step_done(s)) return -1;
  return case_store_custody_append(db, orgId, caseId, personId, zCustody, zSince);
}

int case_store_custody_append(Db *db, int64_t orgId, int64_t caseId, int64_t personId, const char *zCustody,
                              const char *zFrom) {
  Stmt *s = db_prepare(
      db, "INSERT INTO case_custody(org_id, case_id, person_id, custody, from_on) VALUES (?1, ?2, ?3, ?4, ?5)");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, caseId);
  db_bind_int(s, 3, personId);
  db_bind_text(s, 4, zCustody);
  db_bind_text(s, 5, zFrom);
  return step_done(s);
}

int case_store_custody_history(Db *db, int64_t caseId, CasePersonFacts *a, int n) {
  Stmt *s = db_prepare(db,
                       "SELECT person_id, custody, from_on FROM case_custody WHERE case_id = ?1"
                       " ORDER BY person_id, from_on, id");
  db_bind_int(s, 1, caseId);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    int64_t pid = db_col_int(s, 0);
    for (int i = 0; i < n; i++) {
      if (a[i].id != pid) continue;
      CustodyChange ch = {0, custody_is_in_custody(db_col_text(s, 1))};
      date_parse(db_col_text(s, 2), 10, &ch.on);
      if (a[i].nCustody < CASE_MAX_CUSTODY) a[i].aCustody[a[i].nCustody++] = ch;
      else a[i].aCustody[CASE_MAX_CUSTODY - 1] = ch; /* keep the latest when the history is long */
    }
  }
  db_done(s);
  return rc == DB_ERROR ? -1 : 0;
}

int case_store_person_decide(Db *db, int64_t caseId, int64_t personId, const char *zDecision, const char *zType,
                             const char *zOn, const char *zOffenceOn, int probationMonths) {
  Stmt *s = db_prepare(db,
                       "UPDATE case_person SET decision = ?3, non_prosecution_type = ?4, decision_on = ?5,"
                       " offence_on = ?6, probation_months = ?7 WHERE case_id = ?1 AND id = ?2");
  db_bind_int(s, 1, caseId);
  db_bind_int(s, 2, personId);
  db_bind_text(s, 3, zDecision);
  bind_opt(s, 4, zType);
  db_bind_text(s, 5, zOn);
  bind_opt(s, 6, zOffenceOn);
  if (probationMonths) db_bind_int(s, 7, probationMonths);
  return step_done(s);
}

int case_store_person_final(Db *db, int64_t caseId, int64_t personId, const char *zDecision, const char *zOn) {
  Stmt *s = db_prepare(db, "UPDATE case_person SET final_decision = ?3, final_on = ?4 WHERE case_id = ?1 AND id = ?2");
  db_bind_int(s, 1, caseId);
  db_bind_int(s, 2, personId);
  db_bind_text(s, 3, zDecision);
  db_bind_text(s, 4, zOn);
  return step_done(s);
}

int case_store_person_withdraw(Db *db, int64_t caseId, int64_t personId, const char *zOn) {
  Stmt *s = db_prepare(db, "UPDATE case_person SET prosecution_withdrawn_on = ?3 WHERE case_id = ?1 AND id = ?2");
  db_bind_int(s, 1, caseId);
  db_bind_int(s, 2, personId);
  db_bind_text(s, 3, zOn);
  return step_done(s);
}

int case_store_person_judgment(Db *db, int64_t caseId, int64_t personId, const char *zOn, const char *zSentence,
                               int adopted, int consistent, const char *zInstance) {
  Stmt *s = db_prepare(db,
                       "UPDATE case_person SET judgment_on = ?3, sentence = ?4, recommendation_adopted = ?5,"
                       " judgment_consistent = ?6, judgment_instance = ?7 WHERE case_id = ?1 AND id = ?2");
  db_bind_text(s, 7, zInstance);
  db_bind_int(s, 1, caseId);
  db_bind_int(s, 2, personId);
  db_bind_text(s, 3, zOn);
  db_bind_text(s, 4, zSentence);
  db_bind_int(s, 5, adopted);
  db_bind_int(s, 6, consistent);
  return step_done(s);
}

int case_store_person_set_charges(Db *db, int64_t personId, const json_t *aCharge) {
  Stmt *s = db_prepare(db, "DELETE FROM case_person_charge WHERE person_id = ?1");
  db_bind_int(s, 1, personId);
  if (step_done(s)) return -1;
  size_t i;
  json_t *c;
  json_array_foreach(aCharge, i, c) {
    s = db_prepare(db, "INSERT OR IGNORE INTO case_person_charge(person_id, charge) VALUES (?1, ?2)");
    db_bind_int(s, 1, personId);
    db_bind_text(s, 2, json_string_value(c));
    if (step_done(s)) return -1;
  }
  return 0;
}

/* ---- events ----------------------------------------------------------------------------------------------- */

int64_t case_store_event_insert(Db *db, int64_t orgId, int64_t caseId, const char *zKind, const char *zOn,
                                int64_t personId, const json_t *data, int64_t userId, const char *zAt) {
  char *zData = data ? json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
  Stmt *s = db_prepare(db,
                       "INSERT INTO case_event(org_id, case_id, kind, on_date, person_id, data, user_id, at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, caseId);
  db_bind_text(s, 3, zKind);
  db_bind_text(s, 4, zOn);
  if (personId) db_bind_int(s, 5, personId);
  db_bind_text(s, 6, zData);
  if (userId) db_bind_int(s, 7, userId);
  db_bind_text(s, 8, zAt);
  int rc = step_done(s);
  free(zData);
  return rc ? -1 : db_last_id(db);
}

int case_store_history(Db *db, int64_t caseId, CaseHistory *h) {
  memset(h, 0, sizeof *h);
  Stmt *s = db_prepare(db,
                       "SELECT kind, on_date, data FROM case_event WHERE case_id = ?1"
                       " AND kind IN ('return', 'resubmit', 'extend', 'transfer') ORDER BY id");
  db_bind_int(s, 1, caseId);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    const char *zKind = db_col_text(s, 0);
    JwDate d = 0;
    date_parse(db_col_text(s, 1), 10, &d);
    if (strcmp(zKind, "return") == 0 && h->nReturns < CASE_MAX_RETURNS) {
      h->aReturn[h->nReturns++] = d;
    } else if (strcmp(zKind, "resubmit") == 0 && h->nReturns > 0) {
      h->aResubmit[h->nReturns - 1] = d;
    } else if (strcmp(zKind, "extend") == 0) {
      json_t *data = json_loads(db_col_text(s, 2), 0, NULL);
      h->aExtendedSet[h->nReturns] = 1;
      h->aExtended[h->nReturns] = (int)json_integer_value(json_object_get(data, "days"));
      json_decref(data);
    } else if (strcmp(zKind, "transfer") == 0) {
      h->transferredOn = d;
    }
  }
  db_done(s);
  return rc == DB_ERROR ? -1 : 0;
}

/* ---- API reads -------------------------------------------------------------------------------------------- */

/* Today (China Standard Time, 'YYYY-MM-DD') is bound as ?20 in every query that computes deadline levels, so the
 * shared SQL fragments below can be combined with filters numbered ?1.. upwards. */
#define TODAY_PARAM 20

static json_t *opt_text(Stmt *s, int i) {
  return db_col_is_null(s, i) ? json_null() : json_string(db_col_text(s, i));
}
static json_t *opt_int(Stmt *s, int i) {
  return db_col_is_null(s, i) ? json_null() : json_integer(db_col_int(s, i));
}

/* Adds {"code","name"} of one charge code to the array ctx. */
static void person_add_charge(const char *zCode, void *ctx) {
  const Charge *c = charge_by_code(zCode);
  json_array_append_new(ctx, json_pack("{s:s, s:s}", "code", zCode, "name", c ? c->zName : zCode));
}

/* The custody history of a case's persons: {"<person id>": [{"custody","from_on"}...]}. NULL on error. */
static json_t *case_custody_json(Db *db, int64_t caseId) {
  Stmt *s = db_prepare(db,
                       "SELECT person_id, custody, from_on FROM case_custody WHERE case_id = ?1"
                       " ORDER BY person_id, from_on, id");
  db_bind_int(s, 1, caseId);
  json_t *o = json_object();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    char zKey[24];
    snprintf(zKey, sizeof zKey, "%lld", (long long)db_col_int(s, 0));
    json_t *a = json_object_get(o, zKey);
    if (!a) json_object_set_new(o, zKey, a = json_array());
    json_array_append_new(a, json_pack("{s:s, s:s}", "custody", db_col_text(s, 1), "from_on", db_col_text(s, 2)));
  }
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(o);
    return NULL;
  }
  return o;
}

/* Persons of a case with their charges, custody history and clock stops, as API objects. */
static json_t *case_persons_json(Db *db, int64_t caseId) {
  json_t *custody = case_custody_json(db, caseId);
  if (!custody) return NULL;
  Stmt *s = db_prepare(db,
                       "SELECT p.id, p.name, p.id_number, p.sex, p.birth_date, p.custody, p.custody_since, p.plea,"
                       " p.sentence_band, p.decision, p.non_prosecution_type, p.decision_on, p.judgment_on,"
                       " p.sentence, p.recommendation_adopted, p.judgment_consistent,"
                       " (SELECT group_concat(charge, ',') FROM (SELECT charge FROM case_person_charge pc"
                       "   WHERE pc.person_id = p.id ORDER BY charge)),"
                       " p.offence_on, p.probation_months, p.final_decision, p.final_on, p.prosecution_withdrawn_on,"
                       " p.judgment_instance"
                       " FROM case_person p WHERE p.case_id = ?1 ORDER BY p.id");
  db_bind_int(s, 1, caseId);
  json_t *items = json_array();
  while (db_step(s) == DB_ROW) {
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(db_col_int(s, 0)));
    json_object_set_new(o, "name", json_string(db_col_text(s, 1)));
    json_object_set_new(o, "id_number", opt_text(s, 2));
    json_object_set_new(o, "sex", opt_text(s, 3));
    json_object_set_new(o, "birth_date", opt_text(s, 4));
    json_object_set_new(o, "custody", json_string(db_col_text(s, 5)));
    json_object_set_new(o, "custody_since", opt_text(s, 6));
    json_object_set_new(o, "in_custody", json_boolean(custody_is_in_custody(db_col_text(s, 5))));
    json_object_set_new(o, "plea", json_boolean(db_col_int(s, 7)));
    json_object_set_new(o, "sentence_band", opt_text(s, 8));
    json_object_set_new(o, "decision", opt_text(s, 9));
    json_object_set_new(o, "non_prosecution_type", opt_text(s, 10));
    json_object_set_new(o, "decision_on", opt_text(s, 11));
    if (db_col_is_null(s, 12)) {
      json_object_set_new(o, "judgment", json_null());
    } else {
      json_object_set_new(
          o, "judgment",
          json_pack("{s:s, s:s, s:b, s:b, s:s}", "judgment_on", db_col_text(s, 12), "sentence", db_col_text(s, 13),
                    "recommendation_adopted", (int)db_col_int(s, 14), "consistent", (int)db_col_int(s, 15), "instance",
                    db_col_is_null(s, 22) ? "first" : db_col_text(s, 22)));
    }
    json_object_set_new(o, "offence_on", opt_text(s, 17));
    json_object_set_new(o, "probation_months", opt_int(s, 18));
    json_object_set_new(o, "final_decision", opt_text(s, 19));
    json_object_set_new(o, "final_on", opt_text(s, 20));
    json_object_set_new(o, "prosecution_withdrawn_on", opt_text(s, 21));
    json_t *ch = json_array();
    store_each_listed(db_col_text(s, 16), person_add_charge, ch);
    json_object_set_new(o, "charges", ch);
    char zKey[24];
    snprintf(zKey, sizeof zKey, "%lld", (long long)db_col_int(s, 0));
    json_t *hist = json_object_get(custody, zKey);
    json_object_set(o, "custody_history", hist ? hist : json_array());
    json_object_set_new(o, "clock_stops", clock_stop_json(db, "case_person", db_col_int(s, 0)));
    json_array_append_new(items, o);
  }
  db_done(s);
  json_decref(custody);
  return items;
}

static json_t *case_events_json(Db *db, int64_t caseId) {
  Stmt *s = db_prepare(db,
                       "SELECT e.id, e.kind, e.on_date, e.person_id, e.data, u.login, e.at FROM case_event e"
                       " LEFT JOIN app_user u ON u.id = e.user_id WHERE e.case_id = ?1 ORDER BY e.id");
  db_bind_int(s, 1, caseId);
  json_t *items = json_array();
  while (db_step(s) == DB_ROW) {
    json_t *data = db_col_is_null(s, 4) ? NULL : json_loads(db_col_text(s, 4), 0, NULL);
    json_array_append_new(
        items, json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:s}", "id", (json_int_t)db_col_int(s, 0), "kind",
                         db_col_text(s, 1), "on", db_col_text(s, 2), "person_id", opt_int(s, 3), "data",
                         data ? data : json_object(), "user_login", opt_text(s, 5), "at", db_col_text(s, 6)));
  }
  db_done(s);
  return items;
}

/* The columns of a case summary, with ?20 as today. */
#define CASE_SELECT                                                                                                 \
  "SELECT c.id, c.case_number, c.case_type, c.title, c.source_agency, c.source_number, c.received_on,"              \
  " c.department_id, dp.name, c.prosecutor_id, u.name, c.status, c.major_complex, c.summary_procedure,"             \
  " c.prior_returns, c.concluded_on, c.archived_on, c.transferred_on, c.created_at, c.updated_at,"                  \
  " (SELECT group_concat(name, '、') FROM (SELECT name FROM case_person p WHERE p.case_id = c.id ORDER BY p.id))," \
  " (SELECT min(due_on) FROM deadline d WHERE d.case_id = c.id AND d.status = 'open' AND d.lapses = 0),"            \
  " (SELECT CASE WHEN min(d.due_on) < ?20 THEN 'overdue' WHEN min(d.due_on) = ?20 THEN 'due'"                       \
  "   WHEN min(julianday(d.due_on) - julianday(?20) - d.warn_days) <= 0 THEN 'warning' ELSE 'normal' END"           \
  "   FROM deadline d WHERE d.case_id = c.id AND d.status = 'open' AND d.lapses = 0 HAVING count(*) > 0),"          \
  " c.conclusion, c.jurisdiction_issue_on"                                                                          \
  " FROM case_record c LEFT JOIN department dp ON dp.id = c.department_id"                                          \
  " LEFT JOIN app_user u ON u.id = c.prosecutor_id"

static json_t *case_summary_from_row(Stmt *s) {
  json_t *o = json_object();
  json_object_set_new(o, "id", json_integer(db_col_int(s, 0)));
  json_object_set_new(o, "case_number", json_string(db_col_text(s, 1)));
  json_object_set_new(o, "case_type", json_string(db_col_text(s, 2)));
  json_object_set_new(o, "title", json_string(db_col_text(s, 3)));
  json_object_set_new(o, "source_agency", json_string(db_col_text(s, 4)));
  json_object_set_new(o, "source_number", opt_text(s, 5));
  json_object_set_new(o, "received_on", json_string(db_col_text(s, 6)));
  json_object_set_new(o, "department_id", opt_int(s, 7));
  json_object_set_new(o, "department_name", opt_text(s, 8));
  json_object_set_new(o, "prosecutor_id", opt_int(s, 9));
  json_object_set_new(o, "prosecutor_name", opt_text(s, 10));
  json_object_set_new(o, "status", json_string(db_col_text(s, 11)));
  json_object_set_new(o, "major_complex", json_boolean(db_col_int(s, 12)));
  json_object_set_new(o, "summary_procedure", json_boolean(db_col_int(s, 13)));
  json_object_set_new(o, "prior_returns", json_integer(db_col_int(s, 14)));
  json_object_set_new(o, "concluded_on", opt_text(s, 15));
  json_object_set_new(o, "archived_on", opt_text(s, 16));
  json_object_set_new(o, "transferred_on", opt_text(s, 17));
  json_object_set_new(o, "created_at", json_string(db_col_text(s, 18)));
  json_object_set_new(o, "updated_at", json_string(db_col_text(s, 19)));
  json_object_set_new(o, "person_names", json_string(db_col_text(s, 20)));
  json_object_set_new(o, "next_due", opt_text(s, 21));
  json_object_set_new(o, "level", opt_text(s, 22));
  json_object_set_new(o, "conclusion", opt_text(s, 23));
  json_object_set_new(o, "jurisdiction_issue_on", opt_text(s, 24));
  return o;
}

int case_store_get(Db *db, int64_t orgId, int64_t id, const char *zToday, json_t **out) {
  *out = NULL;
  Stmt *s = db_prepare(db, CASE_SELECT " WHERE c.org_id = ?1 AND c.id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  db_bind_text(s, TODAY_PARAM, zToday);
  int rc = db_step(s);
  json_t *o = rc == DB_ROW ? case_summary_from_row(s) : NULL;
  db_done(s);
  if (!o) return rc == DB_DONE ? 0 : -1;
  json_t *persons = case_persons_json(db, id), *events = case_events_json(db, id);
  json_t *dl = deadline_store_for_case(db, id, zToday);
  if (!persons || !events || !dl) {
    json_decref(o);
    json_decref(persons);
    json_decref(events);
    json_decref(dl);
    return -1;
  }
  json_object_set_new(o, "persons", persons);
  json_object_set_new(o, "events", events);
  json_object_set_new(o, "deadlines", dl);
  *out = o;
  return 1;
}

/* Writes zHead, the assembled clause, and zTail into out: a statement made of literal fragments only. */
static void sql_join(Buf *out, const char *zHead, Buf *clause, const char *zTail) {
  buf_puts(out, zHead);
  buf_append(out, buf_cstr(clause), clause->n);
  buf_puts(out, zTail);
}

/* The case list's WHERE clause, assembled from the literal fragments of the filters in use, so the planner sees only
 * those and picks the index that serves them (a generic "(?N IS NULL OR col = ?N)" clause defeats every index).
 * Parameter numbers are fixed per filter: ?1 org, ?2 status, ?3 type, ?4/?5 received range, ?6 charge, ?7 LIKE
 * pattern, ?8 normalised ID number, ?9 department, ?10 prosecutor, ?20 today. Unused numbers are simply absent. */
static void case_where(Buf *b, const CaseFilter *f, const char *zLike, int byPerson) {
  /* A person search finds its few cases through case_person; the unary + keeps the planner from walking every case
   * of the office on the org_id index instead. */
  buf_puts(b, byPerson ? " WHERE +c.org_id = ?1" : " WHERE c.org_id = ?1");
  if (f->zStatus) buf_puts(b, " AND c.status = ?2");
  if (f->zType) buf_puts(b, " AND c.case_type = ?3");
  if (f->zFrom) buf_puts(b, " AND c.received_on >= ?4");
  if (f->zTo) buf_puts(b, " AND c.received_on <= ?5");
  if (f->zCharge) {
    buf_puts(b,
             " AND EXISTS (SELECT 1 FROM case_person p JOIN case_person_charge pc ON pc.person_id = p.id"
             " WHERE p.case_id = c.id AND pc.charge = ?6)");
  }
  if (f->zIdNumber) {
    /* an ID number is matched exactly through its index, never by walking the cases */
    buf_puts(b, " AND c.id IN (SELECT p.case_id FROM case_person p WHERE p.org_id = ?1 AND p.id_number = ?8)");
  } else if (zLike) {
    /* a fragment of a case number ("〔2025〕12号"): a substring search over the office's case numbers */
    buf_puts(b, " AND c.case_number LIKE ?7 ESCAPE '\\'");
  } else if (f->zQuery) {
    /* a person's name, from its beginning ("张某"): a range of the (org_id, name) index */
    buf_puts(b,
             " AND c.id IN (SELECT p.case_id FROM case_person p WHERE p.org_id = ?1 AND p.name >= ?7"
             " AND p.name < ?7 || char(1114111))");
  }
  if (f->departmentId) buf_puts(b, " AND c.department_id = ?9");
  if (f->prosecutorId) buf_puts(b, " AND c.prosecutor_id = ?10");
  if (f->overdue) {
    buf_puts(b,
             " AND EXISTS (SELECT 1 FROM deadline d WHERE d.case_id = c.id AND d.status = 'open'"
             " AND d.lapses = 0 AND d.due_on < ?20)");
  }
}

/* Binds the values of the filters case_where() wrote (binding a number the statement lacks is a no-op). ?7 is the
 * LIKE pattern of a case-number search, or the name prefix of a name search. */
static void case_bind_filter(Stmt *s, const CaseFilter *f, const char *zLike) {
  db_bind_int(s, 1, f->orgId);
  db_bind_text(s, 2, f->zStatus);
  db_bind_text(s, 3, f->zType);
  db_bind_text(s, 4, f->zFrom);
  db_bind_text(s, 5, f->zTo);
  db_bind_text(s, 6, f->zCharge);
  db_bind_text(s, 7, zLike ? zLike : f->zIdNumber ? NULL : f->zQuery);
  db_bind_text(s, 8, f->zIdNumber);
  if (f->departmentId) db_bind_int(s, 9, f->departmentId);
  if (f->prosecutorId) db_bind_int(s, 10, f->prosecutorId);
  db_bind_text(s, TODAY_PARAM, f->zToday);
}

/* 1 when a search text looks like part of a case number (it has a digit, or the brackets 〔〕, or 号 / 检):
 * names have none of these. */
static int case_query_is_number(const char *z) {
  return strpbrk(z, "0123456789") || strstr(z, "〔") || strstr(z, "〕") || strstr(z, "号") || strstr(z, "检");
}

json_t *case_store_list(Db *db, const CaseFilter *f) {
  int byNumber = f->zQuery && *f->zQuery && !f->zIdNumber && case_query_is_number(f->zQuery);
  char *zLike = byNumber ? store_like_pattern(f->zQuery) : NULL;
  int byPerson = f->zIdNumber || (f->zQuery && *f->zQuery && !byNumber);
  Buf where = BUF_INIT, count = BUF_INIT, page = BUF_INIT;
  case_where(&where, f, zLike, byPerson);
  sql_join(&count, "SELECT count(*) FROM (SELECT 1 FROM case_record c", &where, " LIMIT " STORE_COUNT_CAP_SQL ")");
  /* with a person search, "+" also keeps the sort from choosing the received-order index */
  sql_join(&page, CASE_SELECT, &where,
           byPerson ? " ORDER BY +c.received_on DESC, c.id DESC LIMIT ?12 OFFSET ?13"
                    : " ORDER BY c.received_on DESC, c.id DESC LIMIT ?12 OFFSET ?13");
  Stmt *pCount = db_prepare_uncached(db, buf_cstr(&count)); /* sql-safe: literal fragments only */
  Stmt *pPage = db_prepare_uncached(db, buf_cstr(&page));   /* sql-safe: literal fragments only */
  case_bind_filter(pCount, f, zLike);
  case_bind_filter(pPage, f, zLike);
  db_bind_int(pPage, 12, f->limit);
  db_bind_int(pPage, 13, f->offset);
  json_t *out = store_page(pCount, pPage, case_summary_from_row, f->limit, f->offset);
  db_finalize(pCount);
  db_finalize(pPage);
  buf_free(&where);
  buf_free(&count);
  buf_free(&page);
  free(zLike);
  return out;
}

int case_store_rotation_pick(Db *db, int64_t orgId, int64_t departmentId, int64_t *pUserId, char *zName, size_t nName) {
  Stmt *s = db_prepare(db,
                       "SELECT u.id, u.name FROM app_user u"
                       " WHERE u.org_id = ?1 AND u.department_id = ?2 AND u.active = 1"
                       " AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'prosecutor')"
                       " ORDER BY (SELECT max(c.id) FROM case_record c WHERE c.org_id = ?1 AND c.department_id = ?2"
                       "   AND c.prosecutor_id = u.id) NULLS FIRST, u.id LIMIT 1");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, departmentId);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    *pUserId = db_col_int(s, 0);
    snprintf(zName, nName, "%s", db_col_text(s, 1));
  }
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int case_store_is_handler(Db *db, int64_t orgId, int64_t userId) {
  Stmt *s = db_prepare(db,
                       "SELECT 1 FROM app_user u WHERE u.org_id = ?1 AND u.id = ?2 AND u.active = 1"
                       " AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id"
                       "   AND r.role IN ('prosecutor', 'assistant', 'department_head'))");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, userId);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

json_t *org_setting_get(Db *db, int64_t orgId, const char *zKey) {
  Stmt *s = db_prepare(db, "SELECT value FROM org_setting WHERE org_id = ?1 AND key = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zKey);
  json_t *v = db_step(s) == DB_ROW ? json_loads(db_col_text(s, 0), 0, NULL) : NULL;
  db_done(s);
  return v;
}

int org_setting_put(Db *db, int64_t orgId, const char *zKey, const json_t *value) {
  char *z = json_dumps(value, JSON_COMPACT | JSON_SORT_KEYS);
  Stmt *s = db_prepare(db,
                       "INSERT INTO org_setting(org_id, key, value) VALUES (?1, ?2, ?3)"
                       " ON CONFLICT(org_id, key) DO UPDATE SET value = excluded.value");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zKey);
  db_bind_text(s, 3, z);
  int rc = step_done(s);
  free(z);
  return rc;
}
