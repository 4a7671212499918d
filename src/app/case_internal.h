/* case_internal.h: what the files of the cases capability share (app/cases.c, case_persons.c, case_events.c,
 * case_facts.c): a case's whole state as the rules see it, its loading, and the end of every case write. Not for
 * other capabilities: they use app/cases.h. */
#ifndef JW_CASE_INTERNAL_H
#define JW_CASE_INTERNAL_H
#include <jansson.h>

#include "app/audit.h"
#include "core/calendar.h"
#include "core/case_rules.h"
#include "lib/err.h"
#include "store/case_store.h"
#include "store/db.h"

/* A case as the rules see it: the row, its persons, its review history, the facts, and the deadlines they imply on
 * the calendar in force. Heap-allocated (it holds every person's custody history and stops): case_state_free(). */
typedef struct CaseState {
  CaseRow c;
  PersonRow aP[CASE_MAX_PERSONS];
  int nP;
  CaseHistory h;
  CasePersonFacts aPF[CASE_MAX_PERSONS];
  CaseFacts f;
  CaseDeadline aD[CASE_MAX_DEADLINES];
  int nD;
} CaseState;

/* Loads everything about a case the rules need and computes its deadlines. Returns a new state, or NULL with e
 * filled (404 when not in the organisation, 500 on a database error). */
CaseState *case_state_load(Db *db, int64_t orgId, int64_t id, JwErr *e);
void case_state_free(CaseState *st);
/* The derived half of case_state_load(): the facts from the rows held in st (c, aP, nP, h, and each aPF's id and
 * custody history), the deadlines on the calendar cal and the review due day. No database access: the bulk demo load
 * (app/demo.c) keeps a state in memory as it writes the rows and derives it here, as a load from the store would.
 * 0, or -1 with e filled. */
int case_state_derive(CaseState *st, const JwCalendar *cal, JwErr *e);
/* The write half of case_refresh(): the state's deadlines (st->aD, as derived) to deadlines_sync(), parties' periods
 * that have run written closed. Inside the caller's transaction. */
int case_state_sync_deadlines(Db *db, const Actor *actor, CaseState *st, JwErr *e);
/* Formats a case number from the organisation's template: {short} {type} {year} {n}. -1 when it does not fit out. */
int case_format_number(const char *zFormat, const char *zShort, const char *zAbbr, int year, int64_t n, char *out,
                       size_t nOut);

/* The state's person with this id, or NULL. */
PersonRow *case_state_person(CaseState *st, int64_t personId, CasePersonFacts **ppFacts);

/* Recomputes the case's facts from the store and writes its deadline rows (deadlines_sync); ends 速裁 when a person
 * is no longer eligible (Rules 273). Inside the caller's transaction. */
int case_refresh(Db *db, const Actor *actor, int64_t id, JwErr *e);

/* The case as the audit log keeps it: the API form without events and deadlines. NULL on error. */
json_t *case_audit_view(Db *db, int64_t orgId, int64_t id);

/* Finishes a case write: refresh, audit with before/after, commit, and return the case (*out). */
int case_finish(Db *db, const Actor *actor, int64_t id, const char *zAction, json_t *before, int rc, json_t **out,
                JwErr *e);

/* Records a note on the case's timeline (kind, optional person, data), dated zOn (today when NULL). */
int case_timeline_note(Db *db, const Actor *actor, int64_t id, const char *zKind, int64_t personId, const json_t *data,
                       const char *zOn, JwErr *e);

/* Whether the actor may handle this case: case managers any case; prosecutors, department heads and assistants the
 * cases of their department or assigned to them. */
int case_may_handle(const Actor *actor, const CaseRow *c);

/* Parses an optional legal date field; "" or absent leaves *out 0. Checks it is not after today (China time). */
int case_parse_date(const json_t *in, const char *zField, const char *zLabel, int required, JwDate *out, JwErr *e);
/* Prefixes e->field with "persons.N." so the UI can put the message beside the right input. */
int case_person_field_error(JwErr *e, int index);
/* Checks that every code of a charges array is on the reference list. */
int case_check_charges(const json_t *aCharge, JwErr *e);
/* Today in China Standard Time as a day. */
JwDate case_today(void);

/* ---- persons (case_persons.c) ----------------------------------------------------------------------------- */

#define PERSON_MAX_CUSTODY_INPUT 10 /* entries of a custody history entered with the person */

/* One entry of the custody history entered with a person: the measure and the day it was taken. */
typedef struct CustodyInput {
  const char *zCustody;
  char zFrom[11];
} CustodyInput;

/* A person validated and normalised, ready to insert. Strings point into the JSON input or into the struct. */
typedef struct PersonInput {
  const char *zName;
  char zIdNumber[19]; /* "" when none */
  char zSex[2];
  char zBirth[11];
  const char *zCustody;
  char zCustodySince[11];
  int plea;
  const char *zSentenceBand; /* NULL when none */
  const json_t *charges;
  int nCustody;                                    /* 0: 未采取强制措施 (or released) without a date */
  CustodyInput aCustody[PERSON_MAX_CUSTODY_INPUT]; /* in date order; the last is custody / custody_since */
} PersonInput;

/* Validates one person object (fields as in docs/api-cases.md). Errors name the plain field; the caller prefixes. */
int case_person_parse(const json_t *in, PersonInput *p, JwErr *e);
/* 1 when p repeats a person already in aOld[0..nOld) or aNew[0..nNew): the same ID number, or the same name when
 * neither has one (*pzWhy the field). */
int case_person_is_duplicate(const PersonInput *p, const PersonRow *aOld, int nOld, const PersonInput *aNew, int nNew,
                             const char **pzWhy);
/* Inserts the person with charges and the custody history as entered (one entry from zReceived when none was).
 * Returns the id or -1 with e filled. */
int64_t case_person_insert(Db *db, int64_t orgId, int64_t caseId, const PersonInput *p, const char *zReceived,
                           JwErr *e);

#endif
