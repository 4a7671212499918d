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

/* ---- numbering -------------------------------------------------------------------------------------------- */

int64_t case_store_next_sequence(Db *db, int64_t orgId, int year, const char *zType) {
  Stmt *s =
      db_prepare(db,
                 "INSERT INTO case_sequence(org_id, year, case_type, last) VALUES (?1, ?2, ?3, 1)"
                 " ON CONFLICT(org_id, year, case_type) DO UPDATE SET last = case_sequence.last + 1 RETURNING last");
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
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) RETURNING id");
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
  return store_insert_id(s);
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
  return store_step_done(s);
}

int case_store_update_title(Db *db, int64_t orgId, int64_t id, const char *zTitle) {
  Stmt *s = db_prepare(db, "UPDATE case_record SET title = ?3 WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  db_bind_text(s, 3, zTitle);
  return store_step_done(s);
}

int case_store_update_source_agency(Db *db, int64_t orgId, int64_t id, const char *zAgency) {
  Stmt *s = db_prepare(db, "UPDATE case_record SET source_agency = ?3 WHERE org_id = ?1 AND id = ?2");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, id);
  db_bind_text(s, 3, zAgency);
  return store_step_done(s);
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
  Stmt *s =
      db_prepare(db,
                 "INSERT INTO case_person(org_id, case_id, name, id_number, sex, birth_date, custody,"
                 " custody_since, plea, sentence_band) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id");
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
  return store_insert_id(s);
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
  return store_step_done(s);
}

int case_store_person_set_custody(Db *db, int64_t orgId, int64_t caseId, int64_t personId, const char *zCustody,
                                  const char *zSince) {
  Stmt *s = db_prepare(db, "UPDATE case_person SET custody = ?3, custody_since = ?4 WHERE case_id = ?1 AND id = ?2");
  db_bind_int(s, 1, caseId);
  db_bind_int(s, 2, personId);
  db_bind_text(s, 3, zCustody);
  bind_opt(s, 4, zSince);
  if (store_step_done(s)) return -1;
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
  return store_step_done(s);
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
      CustodyChange ch = {0, custody_is_in_custody(db_col_text(s, 1)), custody_measure(db_col_text(s, 1))};
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
  return store_step_done(s);
}

int case_store_person_final(Db *db, int64_t caseId, int64_t personId, const char *zDecision, const char *zOn) {
  Stmt *s = db_prepare(db, "UPDATE case_person SET final_decision = ?3, final_on = ?4 WHERE case_id = ?1 AND id = ?2");
  db_bind_int(s, 1, caseId);
  db_bind_int(s, 2, personId);
  db_bind_text(s, 3, zDecision);
  db_bind_text(s, 4, zOn);
  return store_step_done(s);
}

int case_store_person_withdraw(Db *db, int64_t caseId, int64_t personId, const char *zOn) {
  Stmt *s = db_prepare(db, "UPDATE case_person SET prosecution_withdrawn_on = ?3 WHERE case_id = ?1 AND id = ?2");
  db_bind_int(s, 1, caseId);
  db_bind_int(s, 2, personId);
  db_bind_text(s, 3, zOn);
  return store_step_done(s);
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
  return store_step_done(s);
}

int case_store_person_set_charges(Db *db, int64_t personId, const json_t *aCharge) {
  Stmt *s = db_prepare(db, "DELETE FROM case_person_charge WHERE person_id = ?1");
  db_bind_int(s, 1, personId);
  if (store_step_done(s)) return -1;
  size_t i;
  json_t *c;
  json_array_foreach(aCharge, i, c) {
    s = db_prepare(db,
                   "INSERT INTO case_person_charge(person_id, charge, org_id, position)"
                   " VALUES (?1, ?2, (SELECT org_id FROM case_person WHERE id = ?1), ?3) ON CONFLICT DO NOTHING");
    db_bind_int(s, 1, personId);
    db_bind_text(s, 2, json_string_value(c));
    db_bind_int(s, 3, (int64_t)i + 1); /* the input order; a repeated code keeps its first place */
    if (store_step_done(s)) return -1;
  }
  return 0;
}

/* ---- events ----------------------------------------------------------------------------------------------- */

int64_t case_store_event_insert(Db *db, int64_t orgId, int64_t caseId, const char *zKind, const char *zOn,
                                int64_t personId, const json_t *data, int64_t userId, const char *zAt) {
  char *zData = data ? json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
  Stmt *s = db_prepare(db,
                       "INSERT INTO case_event(org_id, case_id, kind, on_date, person_id, data, user_id, at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, caseId);
  db_bind_text(s, 3, zKind);
  db_bind_text(s, 4, zOn);
  if (personId) db_bind_int(s, 5, personId);
  db_bind_text(s, 6, zData);
  if (userId) db_bind_int(s, 7, userId);
  db_bind_text(s, 8, zAt);
  int64_t id = store_insert_id(s);
  free(zData);
  return id;
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
  int rc = store_step_done(s);
  free(z);
  return rc;
}
