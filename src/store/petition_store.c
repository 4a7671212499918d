/* petition_store.c: SQL for the petitions (see petition_store.h). */
#include "store/petition_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "lib/buf.h"

void petition_row_free(PetitionRow *r) {
  free(r->zMatter);
  free(r->zAttachments);
  r->zMatter = r->zAttachments = NULL;
}

/* Binds z, or NULL for "" or NULL. */
static void bind_opt(Stmt *s, int i, const char *z) {
  if (z && *z) db_bind_text(s, i, z);
  else db_bind_null(s, i);
}

static void bind_id(Stmt *s, int i, int64_t v) {
  if (v) db_bind_int(s, i, v);
  else db_bind_null(s, i);
}

static char *dup_text(const char *z) {
  size_t n = strlen(z) + 1;
  char *p = malloc(n);
  if (p) memcpy(p, z, n);
  return p;
}

static void col_copy(Stmt *s, int i, char *out, size_t n) {
  snprintf(out, n, "%s", db_col_text(s, i));
}

/* The columns a step may change, as ?2..?19 (the 包案 columns: bind_lead). */
static void bind_mutable(Stmt *s, const PetitionRow *r) {
  db_bind_text(s, 2, r->zState);
  db_bind_int(s, 3, r->handlerId);
  bind_id(s, 4, r->departmentId);
  db_bind_text(s, 5, r->zRiskLevel);
  db_bind_text(s, 6, r->zRiskReason);
  bind_id(s, 7, r->repeatOf);
  bind_opt(s, 8, r->zRepeatBasis);
  bind_opt(s, 9, r->zDispositionOn);
  bind_id(s, 10, r->acceptDepartmentId);
  bind_id(s, 11, r->transferAgencyId);
  bind_opt(s, 12, r->zTransferAgencyName);
  bind_opt(s, 13, r->zTransferReceipt);
  bind_opt(s, 14, r->zRejectReason);
  bind_id(s, 15, r->caseId);
  bind_opt(s, 16, r->zClosedOn);
  bind_opt(s, 17, r->zSatisfaction);
  if (r->ceased < 0) db_bind_null(s, 18);
  else db_bind_int(s, 18, r->ceased);
  db_bind_text(s, 19, r->zAttachments ? r->zAttachments : "[]");
}

/* The 包案 columns, as ?first..?first+3. */
static void bind_lead(Stmt *s, int first, const PetitionRow *r) {
  bind_id(s, first, r->leadLeaderId);
  bind_id(s, first + 1, r->leadResponsibleId);
  bind_opt(s, first + 2, r->zLeadPlans);
  bind_opt(s, first + 3, r->zLeadOn);
}

int64_t petition_store_insert(Db *db, const PetitionRow *r, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO petition(org_id, state, handler_id, department_id, risk_level, risk_reason,"
                       " repeat_of, repeat_basis, disposition_on, accept_department_id, transfer_agency_id,"
                       " transfer_agency_name, transfer_receipt, reject_reason, case_id, closed_on, satisfaction,"
                       " ceased, attachments, channel, category, service_function, matter, received_on, received_by,"
                       " first_handler_id, procedural_unit, created_at, updated_at, lead_leader_id,"
                       " lead_responsible_id, lead_plans, lead_on)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
                       " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?28, ?29, ?30, ?31, ?32) RETURNING id");
  db_bind_int(s, 1, r->orgId);
  bind_mutable(s, r);
  db_bind_text(s, 20, r->zChannel);
  db_bind_text(s, 21, r->zCategory);
  db_bind_text(s, 22, r->zFunction);
  db_bind_text(s, 23, r->zMatter);
  db_bind_text(s, 24, r->zReceivedOn);
  bind_id(s, 25, r->receivedBy);
  db_bind_int(s, 26, r->firstHandlerId);
  db_bind_text(s, 27, r->zUnit);
  db_bind_text(s, 28, zNow);
  bind_lead(s, 29, r);
  return store_insert_id(s);
}

int petition_store_update(Db *db, const PetitionRow *r, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "UPDATE petition SET state = ?2, handler_id = ?3, department_id = ?4, risk_level = ?5,"
                       " risk_reason = ?6, repeat_of = ?7, repeat_basis = ?8, disposition_on = ?9,"
                       " accept_department_id = ?10, transfer_agency_id = ?11, transfer_agency_name = ?12,"
                       " transfer_receipt = ?13, reject_reason = ?14, case_id = ?15, closed_on = ?16,"
                       " satisfaction = ?17, ceased = ?18, attachments = ?19, updated_at = ?20,"
                       " lead_leader_id = ?22, lead_responsible_id = ?23, lead_plans = ?24, lead_on = ?25"
                       " WHERE id = ?1 AND org_id = ?21");
  db_bind_int(s, 1, r->id);
  bind_mutable(s, r);
  db_bind_text(s, 20, zNow);
  db_bind_int(s, 21, r->orgId);
  bind_lead(s, 22, r);
  return store_step_done(s);
}

int petition_store_load(Db *db, int64_t orgId, int64_t id, PetitionRow *r) {
  memset(r, 0, sizeof *r);
  Stmt *s = db_prepare(db,
                       "SELECT id, org_id, received_by, first_handler_id, handler_id, department_id, repeat_of,"
                       " accept_department_id, transfer_agency_id, case_id, channel, category, service_function,"
                       " state, risk_level, procedural_unit, received_on, disposition_on, closed_on, satisfaction,"
                       " repeat_basis, ceased, risk_reason, transfer_agency_name, transfer_receipt, reject_reason,"
                       " matter, attachments, CASE WHEN ceased IS NULL THEN 1 ELSE 0 END,"
                       " lead_leader_id, lead_responsible_id, lead_plans, lead_on"
                       " FROM petition WHERE id = ?1 AND org_id = ?2");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  int rc = db_step(s);
  if (rc == DB_ROW) {
    int64_t *aId[] = {&r->id,           &r->orgId,    &r->receivedBy,         &r->firstHandlerId,   &r->handlerId,
                      &r->departmentId, &r->repeatOf, &r->acceptDepartmentId, &r->transferAgencyId, &r->caseId};
    for (int i = 0; i < 10; i++) *aId[i] = db_col_int(s, i);
    col_copy(s, 10, r->zChannel, sizeof r->zChannel);
    col_copy(s, 11, r->zCategory, sizeof r->zCategory);
    col_copy(s, 12, r->zFunction, sizeof r->zFunction);
    col_copy(s, 13, r->zState, sizeof r->zState);
    col_copy(s, 14, r->zRiskLevel, sizeof r->zRiskLevel);
    col_copy(s, 15, r->zUnit, sizeof r->zUnit);
    col_copy(s, 16, r->zReceivedOn, sizeof r->zReceivedOn);
    col_copy(s, 17, r->zDispositionOn, sizeof r->zDispositionOn);
    col_copy(s, 18, r->zClosedOn, sizeof r->zClosedOn);
    col_copy(s, 19, r->zSatisfaction, sizeof r->zSatisfaction);
    col_copy(s, 20, r->zRepeatBasis, sizeof r->zRepeatBasis);
    r->ceased = db_col_int(s, 28) ? -1 : (int)db_col_int(s, 21);
    col_copy(s, 22, r->zRiskReason, sizeof r->zRiskReason);
    col_copy(s, 23, r->zTransferAgencyName, sizeof r->zTransferAgencyName);
    col_copy(s, 24, r->zTransferReceipt, sizeof r->zTransferReceipt);
    col_copy(s, 25, r->zRejectReason, sizeof r->zRejectReason);
    r->zMatter = dup_text(db_col_text(s, 26));
    r->zAttachments = dup_text(db_col_text(s, 27));
    r->leadLeaderId = db_col_int(s, 29);
    r->leadResponsibleId = db_col_int(s, 30);
    col_copy(s, 31, r->zLeadPlans, sizeof r->zLeadPlans);
    col_copy(s, 32, r->zLeadOn, sizeof r->zLeadOn);
  }
  db_done(s);
  if (rc == DB_ERROR) return -1;
  if (rc != DB_ROW) return 0;
  if (!r->zMatter || !r->zAttachments) {
    petition_row_free(r);
    return -1;
  }
  return 1;
}

int petition_store_person_insert(Db *db, int64_t orgId, int64_t petitionId, const PetitionPerson *p) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO petition_person(org_id, petition_id, name, organisation, id_number, credit_code,"
                       " phone, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, petitionId);
  bind_opt(s, 3, p->zName);
  bind_opt(s, 4, p->zOrganisation);
  bind_opt(s, 5, p->zIdNumber);
  bind_opt(s, 6, p->zCreditCode);
  bind_opt(s, 7, p->zPhone);
  bind_opt(s, 8, p->zAddress);
  return store_step_done(s);
}

int petition_store_case_link(Db *db, int64_t orgId, int64_t petitionId, int64_t caseId) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO petition_case(petition_id, org_id, case_id) VALUES (?1, ?2, ?3)"
                       " ON CONFLICT DO NOTHING");
  db_bind_int(s, 1, petitionId);
  db_bind_int(s, 2, orgId);
  db_bind_int(s, 3, caseId);
  return store_step_done(s);
}

int64_t petition_store_reply_insert(Db *db, int64_t orgId, int64_t petitionId, const char *zKind, const char *zOn,
                                    const char *zChannel, const char *zContent, int64_t userId, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO petition_reply(org_id, petition_id, kind, on_date, channel, content, user_id,"
                       " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, petitionId);
  db_bind_text(s, 3, zKind);
  db_bind_text(s, 4, zOn);
  db_bind_text(s, 5, zChannel);
  db_bind_text(s, 6, zContent);
  bind_id(s, 7, userId);
  db_bind_text(s, 8, zNow);
  return store_insert_id(s);
}

int64_t petition_store_event_insert(Db *db, int64_t orgId, int64_t petitionId, const char *zKind, const char *zOn,
                                    const json_t *data, int64_t userId, const char *zNow) {
  char *zData = data ? json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
  Stmt *s = db_prepare(db,
                       "INSERT INTO petition_event(org_id, petition_id, kind, on_date, data, user_id, at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
  db_bind_int(s, 1, orgId);
  db_bind_int(s, 2, petitionId);
  db_bind_text(s, 3, zKind);
  bind_opt(s, 4, zOn);
  db_bind_text(s, 5, zData ? zData : "{}");
  bind_id(s, 6, userId);
  db_bind_text(s, 7, zNow);
  int64_t id = store_insert_id(s);
  free(zData);
  return id;
}

int petition_store_reply_days(Db *db, int64_t orgId, int64_t petitionId, int procedural, int32_t *a, int max, int *pn) {
  *pn = 0;
  Stmt *s = db_prepare(db,
                       "SELECT on_date FROM petition_reply WHERE petition_id = ?1 AND org_id = ?2"
                       " AND (?3 = 1 OR kind <> 'procedural') ORDER BY on_date, id");
  db_bind_int(s, 1, petitionId);
  db_bind_int(s, 2, orgId);
  db_bind_int(s, 3, procedural ? 1 : 0);
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    JwDate d = 0;
    const char *z = db_col_text(s, 0);
    if (*pn < max && date_parse(z, strlen(z), &d) == 0) a[(*pn)++] = d;
  }
  db_done(s);
  return rc == DB_ERROR ? -1 : 0;
}

/* ---- reads ------------------------------------------------------------------------------------------------ */

/* The due day of the earliest running reply period (NULL when none runs) */
#define PETITION_DUE                                                                              \
  "(SELECT min(d.due_on) FROM deadline d WHERE d.entity_kind = 'petition' AND d.entity_id = p.id" \
  " AND d.status = 'open')"
#define PETITION_PETITIONER                                                                        \
  "(SELECT coalesce(pp.organisation, pp.name) FROM petition_person pp WHERE pp.petition_id = p.id" \
  " ORDER BY pp.id LIMIT 1)"
/* The columns of a list row and of the record's head, in this order (petition_from_row). */
#define PETITION_COLUMNS                                                                                          \
  "p.id, p.channel, p.category, p.service_function, p.state, p.risk_level, p.risk_reason, p.received_on,"         \
  " p.received_by, p.first_handler_id, fu.name, p.handler_id, hu.name, p.department_id, dp.name,"                 \
  " p.repeat_of, p.repeat_basis, p.disposition_on, p.closed_on, p.satisfaction, p.procedural_unit, " PETITION_DUE \
  ", " PETITION_PETITIONER                                                                                        \
  ", p.created_at,"                                                                                               \
  " CASE WHEN " PETITION_DUE " < ?2 THEN 1 ELSE 0 END, p.matter"
#define PETITION_JOINS                                                                                       \
  " FROM petition p JOIN app_user fu ON fu.id = p.first_handler_id JOIN app_user hu ON hu.id = p.handler_id" \
  " LEFT JOIN department dp ON dp.id = p.department_id"

static json_t *petition_from_row(Stmt *s) {
  json_t *o = json_object();
  static const char *const names[] = {"id",
                                      "channel",
                                      "category",
                                      "function",
                                      "state",
                                      "risk_level",
                                      "risk_reason",
                                      "received_on",
                                      "received_by",
                                      "first_handler_id",
                                      "first_handler_name",
                                      "handler_id",
                                      "handler_name",
                                      "department_id",
                                      "department_name",
                                      "repeat_of",
                                      "repeat_basis",
                                      "disposition_on",
                                      "closed_on",
                                      "satisfaction",
                                      "procedural_unit",
                                      "next_due_on",
                                      "petitioner",
                                      "created_at",
                                      "overdue",
                                      "matter"};
  static const char ints[] = {1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0};
  for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++) {
    json_t *v = ints[i] == 2   ? json_boolean(db_col_int(s, i) != 0)
                : ints[i] == 1 ? store_col_int_or_null(s, i)
                               : store_col_text_or_null(s, i);
    json_object_set_new(o, names[i], v);
  }
  return o;
}

typedef struct PetitionBind {
  const PetitionFilter *f;
  const char *zLike;
} PetitionBind;

static void petition_bind(Stmt *s, const void *ctx) {
  const PetitionBind *b = ctx;
  db_bind_int(s, 1, b->f->orgId);
  db_bind_text(s, 2, b->f->zToday);
  if (b->f->handlerId || b->f->leaderId) db_bind_int(s, 3, b->f->handlerId ? b->f->handlerId : b->f->leaderId);
  if (b->f->zState && strcmp(b->f->zState, "open") != 0) db_bind_text(s, 4, b->f->zState);
  if (b->f->zChannel) db_bind_text(s, 5, b->f->zChannel);
  if (b->f->zCategory) db_bind_text(s, 6, b->f->zCategory);
  if (b->f->zRisk) db_bind_text(s, 7, b->f->zRisk);
  if (b->zLike) db_bind_text(s, 8, b->zLike);
}

json_t *petition_store_list(Db *db, const PetitionFilter *f) {
  PetitionBind b = {f, f->zQuery ? store_like_pattern(f->zQuery) : NULL};
  Buf where = BUF_INIT;
  buf_puts(&where, " WHERE p.org_id = ?1 AND CAST(?2 AS TEXT) IS NOT NULL");
  if (f->handlerId) buf_puts(&where, " AND (p.handler_id = ?3 OR p.first_handler_id = ?3)");
  else if (f->leaderId) buf_puts(&where, " AND p.lead_leader_id = ?3");
  if (f->zState && strcmp(f->zState, "open") == 0) buf_puts(&where, " AND p.state <> 'closed'");
  else if (f->zState) buf_puts(&where, " AND p.state = ?4");
  if (f->zChannel) buf_puts(&where, " AND p.channel = ?5");
  if (f->zCategory) buf_puts(&where, " AND p.category = ?6");
  if (f->zRisk) buf_puts(&where, " AND p.risk_level = ?7");
  if (f->overdue) buf_puts(&where, " AND " PETITION_DUE " < ?2");
  if (f->repeat) buf_puts(&where, " AND p.repeat_of IS NOT NULL");
  if (b.zLike) {
    buf_puts(&where,
             " AND (p.matter LIKE ?8 ESCAPE '\\' OR p.id IN (SELECT pp.petition_id FROM petition_person pp"
             " WHERE pp.org_id = ?1 AND (pp.name LIKE ?8 ESCAPE '\\' OR pp.organisation LIKE ?8 ESCAPE '\\')))");
  }
  StoreListQuery q = {"FROM petition p",
                      "SELECT " PETITION_COLUMNS PETITION_JOINS,
                      " ORDER BY p.received_on DESC, p.id DESC LIMIT ?9 OFFSET ?10",
                      9,
                      petition_bind,
                      &b,
                      petition_from_row,
                      f->pExport};
  json_t *out = store_list(db, &q, &where, f->limit, f->offset);
  buf_free(&where);
  free((char *)b.zLike);
  return out;
}

static json_t *event_from_row(Stmt *s) {
  json_t *data = json_loads(db_col_text(s, 3), 0, NULL);
  return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:s}", "id", (json_int_t)db_col_int(s, 0), "kind", db_col_text(s, 1),
                   "on", store_col_text_or_null(s, 2), "data", data ? data : json_object(), "user_id",
                   store_col_int_or_null(s, 4), "user_name", store_col_text_or_null(s, 5), "at", db_col_text(s, 6));
}

/* Runs s (bound) and appends xRow of each row to a new array set as o[zKey]. -1 on a database error. */
static int attach_rows(json_t *o, const char *zKey, Stmt *s, json_t *(*xRow)(Stmt *s)) {
  json_t *a = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) json_array_append_new(a, xRow(s));
  db_done(s);
  json_object_set_new(o, zKey, a);
  return rc == DB_ERROR ? -1 : 0;
}

static json_t *person_from_row(Stmt *s) {
  return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)db_col_int(s, 0), "name",
                   store_col_text_or_null(s, 1), "organisation", store_col_text_or_null(s, 2), "id_number",
                   store_col_text_or_null(s, 3), "credit_code", store_col_text_or_null(s, 4), "phone",
                   store_col_text_or_null(s, 5), "address", store_col_text_or_null(s, 6));
}

static json_t *case_from_row(Stmt *s) {
  return json_pack("{s:I, s:o, s:o}", "id", (json_int_t)db_col_int(s, 0), "case_number", store_col_text_or_null(s, 1),
                   "title", store_col_text_or_null(s, 2));
}

static json_t *reply_from_row(Stmt *s) {
  return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)db_col_int(s, 0), "kind",
                   db_col_text(s, 1), "on", db_col_text(s, 2), "channel", db_col_text(s, 3), "content",
                   db_col_text(s, 4), "user_id", store_col_int_or_null(s, 5), "user_name", store_col_text_or_null(s, 6),
                   "at", db_col_text(s, 7));
}

json_t *petition_store_get(Db *db, int64_t orgId, int64_t id, const char *zToday, int *pFound) {
  *pFound = 0;
  Stmt *s = db_prepare(
      db, "SELECT " PETITION_COLUMNS
          ", p.attachments, p.accept_department_id, ad.name, p.transfer_agency_id,"
          " p.transfer_agency_name, p.transfer_receipt, p.reject_reason, p.case_id,"
          " CASE WHEN p.ceased IS NULL THEN NULL WHEN p.ceased = 1 THEN 'yes' ELSE 'no' END,"
          " p.lead_leader_id, lu.name, p.lead_responsible_id, ru.name, p.lead_plans, p.lead_on" PETITION_JOINS
          " LEFT JOIN department ad ON ad.id = p.accept_department_id"
          " LEFT JOIN app_user lu ON lu.id = p.lead_leader_id"
          " LEFT JOIN app_user ru ON ru.id = p.lead_responsible_id"
          " WHERE p.org_id = ?1 AND p.id = ?3");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zToday);
  db_bind_int(s, 3, id);
  int rc = db_step(s);
  json_t *o = NULL;
  if (rc == DB_ROW) {
    o = petition_from_row(s);
    json_t *att = json_loads(db_col_text(s, 26), 0, NULL);
    json_object_set_new(o, "attachments", att ? att : json_array());
    json_object_set_new(o, "accept_department_id", store_col_int_or_null(s, 27));
    json_object_set_new(o, "accept_department_name", store_col_text_or_null(s, 28));
    json_object_set_new(o, "transfer_agency_id", store_col_int_or_null(s, 29));
    json_object_set_new(o, "transfer_agency_name", store_col_text_or_null(s, 30));
    json_object_set_new(o, "transfer_receipt", store_col_text_or_null(s, 31));
    json_object_set_new(o, "reject_reason", store_col_text_or_null(s, 32));
    json_object_set_new(o, "case_id", store_col_int_or_null(s, 33));
    const char *zCeased = db_col_text(s, 34);
    json_object_set_new(o, "ceased", !*zCeased ? json_null() : json_boolean(strcmp(zCeased, "yes") == 0));
    json_t *lead = json_null();
    if (!db_col_is_null(s, 35)) {
      json_t *plans = json_loads(db_col_text(s, 39), 0, NULL);
      lead = json_pack("{s:I, s:s, s:I, s:s, s:o, s:s}", "leader_id", (json_int_t)db_col_int(s, 35), "leader_name",
                       db_col_text(s, 36), "responsible_id", (json_int_t)db_col_int(s, 37), "responsible_name",
                       db_col_text(s, 38), "plans", plans ? plans : json_array(), "on", db_col_text(s, 40));
    }
    json_object_set_new(o, "lead", lead);
  }
  db_done(s);
  if (rc == DB_ERROR || !o) return NULL;
  *pFound = 1;
  s = db_prepare(db,
                 "SELECT id, name, organisation, id_number, credit_code, phone, address FROM petition_person"
                 " WHERE petition_id = ?1 AND org_id = ?2 ORDER BY id");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  int bad = attach_rows(o, "petitioners", s, person_from_row);
  s = db_prepare(db,
                 "SELECT c.id, c.case_number, c.title FROM petition_case l JOIN case_record c ON c.id = l.case_id"
                 " WHERE l.petition_id = ?1 AND l.org_id = ?2 ORDER BY c.id");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  bad |= attach_rows(o, "cases", s, case_from_row);
  s = db_prepare(db,
                 "SELECT r.id, r.kind, r.on_date, r.channel, r.content, r.user_id, u.name, r.created_at"
                 " FROM petition_reply r LEFT JOIN app_user u ON u.id = r.user_id"
                 " WHERE r.petition_id = ?1 AND r.org_id = ?2 ORDER BY r.on_date, r.id");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  bad |= attach_rows(o, "replies", s, reply_from_row);
  s = db_prepare(db,
                 "SELECT e.id, e.kind, e.on_date, e.data, e.user_id, u.name, e.at FROM petition_event e"
                 " LEFT JOIN app_user u ON u.id = e.user_id WHERE e.petition_id = ?1 AND e.org_id = ?2"
                 " ORDER BY e.id");
  db_bind_int(s, 1, id);
  db_bind_int(s, 2, orgId);
  bad |= attach_rows(o, "events", s, event_from_row);
  if (bad) {
    json_decref(o);
    *pFound = 0;
    return NULL;
  }
  return o;
}

static json_t *repeat_from_row(Stmt *s) {
  return json_pack("{s:I, s:s, s:o, s:s, s:s, s:s}", "petition_id", (json_int_t)db_col_int(s, 0), "basis",
                   db_col_text(s, 1), "name", store_col_text_or_null(s, 2), "received_on", db_col_text(s, 3), "state",
                   db_col_text(s, 4), "matter", db_col_text(s, 5));
}

json_t *petition_store_repeats(Db *db, int64_t orgId, const char *zIdNumber, const char *zName, const char *zPhone,
                               int64_t excludeId) {
  /* the same ID number is the same person (DOMAIN 0.3); a name and a phone alone are only a candidate */
  Stmt *s = db_prepare(db,
                       "SELECT p.id, CASE WHEN pp.id_number IS NOT NULL AND pp.id_number = ?2 THEN 'id_number'"
                       " ELSE 'name_phone' END, pp.name, p.received_on, p.state, p.matter"
                       " FROM petition_person pp JOIN petition p ON p.id = pp.petition_id"
                       " WHERE pp.org_id = ?1 AND p.org_id = ?1 AND p.id <> ?5"
                       " AND ((CAST(?2 AS TEXT) IS NOT NULL AND pp.id_number = ?2)"
                       "   OR (CAST(?3 AS TEXT) IS NOT NULL AND CAST(?4 AS TEXT) IS NOT NULL AND pp.name = ?3"
                       "       AND pp.phone = ?4))"
                       " ORDER BY p.received_on DESC, p.id DESC LIMIT 20");
  db_bind_int(s, 1, orgId);
  bind_opt(s, 2, zIdNumber);
  bind_opt(s, 3, zName);
  bind_opt(s, 4, zPhone);
  db_bind_int(s, 5, excludeId);
  json_t *o = json_object();
  if (attach_rows(o, "items", s, repeat_from_row)) {
    json_decref(o);
    return NULL;
  }
  json_t *a = json_incref(json_object_get(o, "items"));
  json_decref(o);
  return a;
}

int petition_store_unit(Db *db, int64_t orgId, char out[12]) {
  Stmt *s = db_prepare(db, "SELECT procedural_unit FROM petition_setting WHERE org_id = ?1");
  db_bind_int(s, 1, orgId);
  int rc = db_step(s);
  snprintf(out, 12, "%s", rc == DB_ROW ? db_col_text(s, 0) : "days");
  db_done(s);
  return rc == DB_ERROR ? -1 : 0;
}

int petition_store_unit_put(Db *db, int64_t orgId, const char *zUnit, int64_t userId, const char *zNow) {
  Stmt *s = db_prepare(db,
                       "INSERT INTO petition_setting(org_id, procedural_unit, updated_by, updated_at)"
                       " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(org_id) DO UPDATE SET"
                       " procedural_unit = excluded.procedural_unit, updated_by = excluded.updated_by,"
                       " updated_at = excluded.updated_at");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zUnit);
  bind_id(s, 3, userId);
  db_bind_text(s, 4, zNow);
  return store_step_done(s);
}

int petition_store_user(Db *db, int64_t orgId, int64_t userId, int64_t *pDept) {
  Stmt *s =
      db_prepare(db, "SELECT coalesce(department_id, 0) FROM app_user WHERE id = ?1 AND org_id = ?2 AND active = 1");
  db_bind_int(s, 1, userId);
  db_bind_int(s, 2, orgId);
  int rc = db_step(s);
  if (rc == DB_ROW && pDept) *pDept = db_col_int(s, 0);
  db_done(s);
  return rc == DB_ERROR ? -1 : rc == DB_ROW;
}

int petition_store_user_has_role(Db *db, int64_t orgId, int64_t userId, const char *zRole) {
  Stmt *s = db_prepare(db,
                       "SELECT 1 FROM app_user u JOIN user_role r ON r.user_id = u.id"
                       " WHERE u.id = ?1 AND u.org_id = ?2 AND u.active = 1 AND r.role = ?3");
  db_bind_int(s, 1, userId);
  db_bind_int(s, 2, orgId);
  db_bind_text(s, 3, zRole);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_ERROR ? -1 : rc == DB_ROW;
}

/* The figures' columns after the group key (petition_store_stats). */
#define PETITION_STATS                                                                                            \
  ", count(*),"                                                                                                   \
  " sum(CASE WHEN dp.id IS NOT NULL AND (dp.status = 'closed' OR dp.due_on < ?2) THEN 1 ELSE 0 END),"             \
  " sum(CASE WHEN dp.status = 'closed' AND dp.closed_on <= dp.due_on THEN 1 ELSE 0 END),"                         \
  " sum(CASE WHEN dr.id IS NOT NULL AND p.transfer_agency_name IS NULL AND p.reject_reason IS NULL"               \
  "   AND (dr.status = 'closed' OR dr.due_on < ?2) THEN 1 ELSE 0 END),"                                           \
  " sum(CASE WHEN dr.status = 'closed' AND p.transfer_agency_name IS NULL AND p.reject_reason IS NULL"            \
  "   AND dr.closed_on <= dr.due_on THEN 1 ELSE 0 END),"                                                          \
  " sum(CASE WHEN p.repeat_of IS NOT NULL THEN 1 ELSE 0 END),"                                                    \
  " sum(CASE WHEN p.lead_leader_id IS NOT NULL THEN 1 ELSE 0 END),"                                               \
  " sum(CASE WHEN p.lead_leader_id IS NOT NULL AND p.state = 'closed' THEN 1 ELSE 0 END)"                         \
  " FROM petition p LEFT JOIN deadline dp ON dp.entity_kind = 'petition' AND dp.entity_id = p.id"                 \
  "   AND dp.kind = 'petition_procedural'"                                                                        \
  " LEFT JOIN deadline dr ON dr.entity_kind = 'petition' AND dr.entity_id = p.id AND dr.kind = 'petition_result'" \
  " WHERE p.org_id = ?1"

static json_t *stats_row(Stmt *s, int first) {
  int64_t v[8];
  for (int i = 0; i < 8; i++) v[i] = db_col_int(s, first + i);
  json_t *o = json_object();
  static const char *const names[] = {"total", "procedural_due", "procedural_met", "result_due", "result_met", "repeat",
                                      "led",   "led_closed"};
  for (int i = 0; i < 8; i++) json_object_set_new(o, names[i], json_integer(v[i]));
  json_object_set_new(o, "procedural_rate", store_ratio(v[2], v[1], 4));
  json_object_set_new(o, "result_rate", store_ratio(v[4], v[3], 4));
  json_object_set_new(o, "repeat_rate", store_ratio(v[5], v[0], 4));
  json_object_set_new(o, "lead_resolution_rate", store_ratio(v[7], v[6], 4));
  return o;
}

json_t *petition_store_stats(Db *db, int64_t orgId, int byCategory, const char *zToday) {
  Stmt *s = byCategory ? db_prepare(db, "SELECT p.category" PETITION_STATS " GROUP BY p.category ORDER BY p.category")
                       : db_prepare(db, "SELECT p.channel" PETITION_STATS " GROUP BY p.channel ORDER BY p.channel");
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zToday);
  json_t *items = json_array();
  int rc;
  while ((rc = db_step(s)) == DB_ROW) {
    json_t *o = stats_row(s, 1);
    json_object_set_new(o, "key", json_string(db_col_text(s, 0)));
    json_array_append_new(items, o);
  }
  db_done(s);
  if (rc == DB_ERROR) {
    json_decref(items);
    return NULL;
  }
  s = db_prepare(db, "SELECT 0" PETITION_STATS);
  db_bind_int(s, 1, orgId);
  db_bind_text(s, 2, zToday);
  rc = db_step(s);
  json_t *total = rc == DB_ROW ? stats_row(s, 1) : NULL;
  db_done(s);
  if (!total) {
    json_decref(items);
    return NULL;
  }
  return json_pack("{s:s, s:o, s:o}", "by", byCategory ? "category" : "channel", "items", items, "total", total);
}

int64_t petition_store_first_case(Db *db, int64_t orgId) {
  Stmt *s = db_prepare(db, "SELECT coalesce(min(id), 0) FROM case_record WHERE org_id = ?1");
  db_bind_int(s, 1, orgId);
  int rc = db_step(s);
  int64_t id = rc == DB_ROW ? db_col_int(s, 0) : -1;
  db_done(s);
  return id;
}

int petition_store_department(Db *db, int64_t orgId, int64_t departmentId) {
  Stmt *s = db_prepare(db, "SELECT 1 FROM department WHERE id = ?1 AND org_id = ?2");
  db_bind_int(s, 1, departmentId);
  db_bind_int(s, 2, orgId);
  int rc = db_step(s);
  db_done(s);
  return rc == DB_ERROR ? -1 : rc == DB_ROW;
}
