/* case_facts.c: a case's state as the rules see it, its deadlines, and the end of every case write (see
 * case_internal.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_util.h"
#include "app/case_internal.h"
#include "app/cases.h"
#include "app/deadlines.h"
#include "app/holidays.h"
#include "app/tx.h"
#include "core/roles.h"
#include "lib/jsonin.h"
#include "lib/mem.h"
#include "lib/timeutil.h"
#include "store/deadline_store.h"

/* ---- small helpers ---------------------------------------------------------------------------------------- */

JwDate case_today(void) {
  char z[11];
  JwDate d = 0;
  time_today_china(z);
  date_parse(z, 10, &d);
  return d;
}

int case_parse_date(const json_t *in, const char *zField, const char *zLabel, int required, JwDate *out, JwErr *e) {
  const char *z = jin_str(in, zField);
  *out = 0;
  if (!z || !*z) return required ? err_field(e, zField, "缺少%s", zLabel) : 0;
  if (date_parse(z, strlen(z), out)) return err_field(e, zField, "%s不是有效日期（YYYY-MM-DD）", zLabel);
  char zToday[11];
  time_today_china(zToday);
  if (*out > case_today()) return err_field(e, zField, "%s不能晚于今天（%s）", zLabel, zToday);
  return 0;
}

int case_person_field_error(JwErr *e, int index) {
  char z[sizeof e->field + 24];
  snprintf(z, sizeof z, "persons.%d.%s", index, e->field);
  snprintf(e->field, sizeof e->field, "%.*s", (int)sizeof e->field - 1, z);
  return -1;
}

int case_check_charges(const json_t *aCharge, JwErr *e) {
  size_t i;
  json_t *c;
  json_array_foreach(aCharge, i, c) {
    if (!charge_by_code(json_string_value(c))) return err_field(e, "charges", "未知罪名 %s", json_string_value(c));
  }
  return 0;
}

int case_may_handle(const Actor *actor, const CaseRow *c) {
  if (actor->perms & PERM_CASE_REGISTER) return 1;
  return c->prosecutorId == actor->userId || (actor->departmentId && c->departmentId == actor->departmentId);
}

/* ---- state ------------------------------------------------------------------------------------------------ */

/* Appends one clock stop to its person's facts (clock_stop_for_case_persons callback). */
static void add_stop(int64_t personId, ClockStop s, void *ctx) {
  CaseState *st = ctx;
  for (int i = 0; i < st->nP; i++) {
    CasePersonFacts *p = &st->aPF[i];
    if (p->id == personId && p->nStop < CASE_MAX_STOPS) p->aStop[p->nStop++] = s;
  }
}

/* Builds the facts of the case and of each person from the rows. */
static void case_build_facts(CaseState *st) {
  CaseFacts *f = &st->f;
  const CaseRow *c = &st->c;
  const CaseHistory *h = &st->h;
  memset(f, 0, sizeof *f);
  f->type = case_type_by_code(c->zType);
  case_status_parse(c->zStatus, &f->status);
  f->receivedOn = app_day_of(c->zReceived);
  f->concludedOn = app_day_of(c->zConcluded);
  f->archivedOn = app_day_of(c->zArchived);
  f->withdrawnOn = strcmp(c->zConclusion, "withdrawn") == 0 ? f->concludedOn : 0;
  f->jurisdictionIssueOn = app_day_of(c->zJurisdiction);
  f->clockStart = h->nReturns && h->aResubmit[h->nReturns - 1] ? h->aResubmit[h->nReturns - 1] : f->receivedOn;
  f->returnedOn = h->nReturns && !h->aResubmit[h->nReturns - 1] ? h->aReturn[h->nReturns - 1] : 0;
  f->majorComplex = c->majorComplex;
  f->summaryProcedure = c->summaryProcedure;
  f->extended = h->aExtendedSet[h->nReturns];
  f->returns = c->priorReturns + h->nReturns;
  JwDate today = case_today();
  int over1y = sentence_band_rank("1_3y");
  for (int i = 0; i < st->nP; i++) {
    const PersonRow *r = &st->aP[i];
    CasePersonFacts *p = &st->aPF[i];
    p->birth = app_day_of(r->zBirth);
    p->plea = r->plea;
    p->sentenceRank = r->zSentenceBand[0] ? sentence_band_rank(r->zSentenceBand) : -1;
    p->decidedOn = r->zDecision[0] ? app_day_of(r->zDecisionOn) : 0;
    int np = strcmp(r->zDecision, "non_prosecution") == 0;
    p->conditional = np && strcmp(r->zNpType, "conditional") == 0;
    p->probationMonths = r->probationMonths;
    p->finalOn = app_day_of(r->zFinalOn);
    p->prosecuted = strcmp(r->zDecision, "prosecute") == 0 || strcmp(r->zFinalDecision, "prosecute") == 0;
    p->nonProsecuted = np && !p->prosecuted;
    p->discretionary = np && strcmp(r->zNpType, "discretionary") == 0;
    p->judged = r->judged;
    p->prosecutionWithdrawn = r->zWithdrawnOn[0] != 0;
    if (case_person_pending(p)) {
      f->undecidedPersons++;
      if (case_person_in_custody_on(p, today)) f->inCustody = 1;
    }
    if (p->sentenceRank >= over1y) f->sentenceOverOneYear = 1;
  }
  f->aPerson = st->aPF;
  f->nPersons = st->nP;
}

void case_state_free(CaseState *st) {
  free(st);
}

CaseState *case_state_load(Db *db, int64_t orgId, int64_t id, JwErr *e) {
  CaseState *st = xcalloc(1, sizeof *st);
  int found = case_store_load(db, orgId, id, &st->c);
  if (found == 0) {
    err_set(e, 404, "not_found", NULL, "案件不存在");
    free(st);
    return NULL;
  }
  if (found < 0 || case_store_persons(db, id, st->aP, &st->nP) || case_store_history(db, id, &st->h)) {
    err_internal(e, db_errmsg(db));
    free(st);
    return NULL;
  }
  for (int i = 0; i < st->nP; i++) st->aPF[i].id = st->aP[i].id;
  if (case_store_custody_history(db, id, st->aPF, st->nP) || clock_stop_for_case_persons(db, id, add_stop, st)) {
    err_internal(e, db_errmsg(db));
    free(st);
    return NULL;
  }
  const JwCalendar *cal = holidays_current(db, e);
  if (!cal || case_state_derive(st, cal, e)) {
    free(st);
    return NULL;
  }
  return st;
}

int case_state_derive(CaseState *st, const JwCalendar *cal, JwErr *e) {
  case_build_facts(st);
  if (!st->f.type) return err_internal(e, "case of an unknown type");
  st->nD = case_deadlines(cal, &st->f, &st->h, st->aD);
  if (st->nD < 0) return err_field(e, "on", "期限超出可计算的日期范围");
  case_facts_set_review_due(&st->f, st->aPF, &st->h, st->aD, st->nD);
  return 0;
}

PersonRow *case_state_person(CaseState *st, int64_t personId, CasePersonFacts **ppFacts) {
  for (int i = 0; i < st->nP; i++) {
    if (st->aP[i].id == personId) {
      if (ppFacts) *ppFacts = &st->aPF[i];
      return &st->aP[i];
    }
  }
  return NULL;
}

/* ---- deadlines and writes --------------------------------------------------------------------------------- */

/* 速裁 follows eligibility (Rules 273): a person who withdraws 认罪认罚, or whose likely sentence exceeds three years,
 * ends it; the case falls back to the ordinary period (1 month, +15 days) counted from receipt. 0 when nothing
 * changed, 1 when 速裁 ended, -1 on error. */
static int case_check_summary(Db *db, const Actor *actor, CaseState *st, JwErr *e) {
  const char *zWhy = case_summary_ineligible(&st->f);
  if (!zWhy) return 0;
  st->c.summaryProcedure = 0;
  char zNow[32];
  time_now_iso(zNow);
  if (case_store_update(db, &st->c, zNow)) return err_internal(e, db_errmsg(db));
  json_t *data = json_pack("{s:s, s:s}", "reason", zWhy, "rule",
                           "规则第二百七十三条：不再适用速裁程序，依照规则第三百五十一条审查");
  int rc = case_timeline_note(db, actor, st->c.id, "summary_ended", 0, data, NULL, e);
  json_decref(data);
  return rc ? -1 : 1;
}

int case_refresh(Db *db, const Actor *actor, int64_t id, JwErr *e) {
  CaseState *st = case_state_load(db, actor->orgId, id, e);
  if (!st) return -1;
  int changed = case_check_summary(db, actor, st, e);
  if (changed < 0) {
    case_state_free(st);
    return -1;
  }
  if (changed) {
    case_state_free(st);
    if (!(st = case_state_load(db, actor->orgId, id, e))) return -1;
  }
  int rc = case_state_sync_deadlines(db, actor, st, e);
  case_state_free(st);
  return rc;
}

int case_state_sync_deadlines(Db *db, const Actor *actor, CaseState *st, JwErr *e) {
  DeadlineRow *a = xcalloc((size_t)(st->nD ? st->nD : 1), sizeof *a);
  JwDate today = case_today();
  for (int i = 0; i < st->nD; i++) {
    CaseDeadline *d = &st->aD[i];
    if (deadline_lapsed(d->lapses, d->open, d->dueOn, today)) {
      d->open = 0; /* a party's period that has run: closed on its due day, no longer running */
      d->closedOn = d->dueOn;
    }
    a[i] = (DeadlineRow){deadline_kind_code(d->kind),
                         d->personId,
                         d->sequence,
                         d->startOn,
                         d->length,
                         d->extraDays,
                         d->stopDays,
                         d->custodyBound,
                         d->dueOn,
                         d->suspended,
                         d->daysLeft,
                         d->provisional,
                         d->open,
                         d->closedOn,
                         d->zWarnKey,
                         d->warnDays,
                         d->lapses,
                         d->zRule};
  }
  char zSubject[sizeof st->c.zNumber + sizeof st->c.zTitle + 2];
  snprintf(zSubject, sizeof zSubject, "%s %s", st->c.zNumber, st->c.zTitle);
  DeadlineOwner o = {actor->orgId, "case", st->c.id, st->c.id, zSubject, st->c.prosecutorId, st->c.departmentId};
  int rc = deadlines_sync(db, &o, a, st->nD, e);
  free(a);
  return rc;
}

json_t *case_audit_view(Db *db, int64_t orgId, int64_t id) {
  char zToday[11];
  time_today_china(zToday);
  json_t *v = NULL;
  if (case_store_get(db, orgId, id, zToday, &v) != 1) return NULL;
  json_object_del(v, "events");
  json_object_del(v, "deadlines");
  json_object_del(v, "next_due");
  json_object_del(v, "level");
  json_object_del(v, "updated_at");
  return v;
}

int case_finish(Db *db, const Actor *actor, int64_t id, const char *zAction, json_t *before, int rc, json_t **out,
                JwErr *e) {
  json_t *after = NULL;
  if (!rc) rc = case_refresh(db, actor, id, e);
  if (!rc) {
    after = case_audit_view(db, actor->orgId, id);
    if (!after) rc = err_internal(e, db_errmsg(db));
  }
  if (!rc) rc = audit_append(db, actor, zAction, "case", audit_id(id).z, before, after, e);
  json_decref(before);
  json_decref(after);
  if (app_finish_write(db, rc, e)) return -1;
  return out ? cases_get(db, actor, id, out, e) : 0;
}

int case_timeline_note(Db *db, const Actor *actor, int64_t id, const char *zKind, int64_t personId, const json_t *data,
                       const char *zOn, JwErr *e) {
  char zToday[11], zNow[32];
  time_today_china(zToday);
  time_now_iso(zNow);
  if (case_store_event_insert(db, actor->orgId, id, zKind, zOn ? zOn : zToday, personId, data, actor->userId, zNow) <
      0) {
    return err_internal(e, db_errmsg(db));
  }
  return 0;
}
