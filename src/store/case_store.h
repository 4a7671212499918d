/* case_store.h: SQL for cases, persons, charges, custody and events (the deadline rows are deadline_store.h's).
 *
 * Conventions as in accounts_store.h: every function takes the organisation and matches it, reads for the API return
 * new jansson references (NULL when not found), writes return 0 / a new id, or -1 on a database error. The plain
 * structs are what the app layer needs to apply the rules (core/case_rules.h). */
#ifndef JW_CASE_STORE_H
#define JW_CASE_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "core/case_rules.h"
#include "store/db.h"

/* The longest case number: the office's format (at most CASE_NUMBER_FORMAT_MAX characters) with its fields filled
 * in. Fixed buffers below hold the longest value the validation allows, in bytes (4 per character). */
#define CASE_NUMBER_MAX_BYTES 512
#define PERSON_NAME_MAX_CHARS 50
#define CASE_TITLE_MAX_CHARS  100

typedef struct CaseRow {
  int64_t id, orgId, departmentId, prosecutorId;
  char zNumber[CASE_NUMBER_MAX_BYTES];
  char zTitle[CASE_TITLE_MAX_CHARS * 4 + 1];
  char zType[32];
  char zStatus[16];
  char zReceived[11], zConcluded[11], zArchived[11], zTransferred[11]; /* "" when NULL */
  char zConclusion[16];                                                /* "" or "withdrawn" (撤案) */
  char zJurisdiction[11]; /* found outside the office's jurisdiction on, "" */
  int majorComplex, summaryProcedure, priorReturns;
} CaseRow;

typedef struct PersonRow {
  int64_t id;
  char zName[PERSON_NAME_MAX_CHARS * 4 + 1];
  char zIdNumber[19]; /* "" when none */
  char zBirth[11];    /* "" when unknown */
  char zCustody[16];
  int plea;
  char zSentenceBand[16]; /* "" when none */
  char zDecision[24];     /* "" when undecided */
  char zNpType[16];       /* non_prosecution_type, "" */
  char zDecisionOn[11];
  int probationMonths;
  char zFinalDecision[24], zFinalOn[11]; /* after a 附条件不起诉 */
  char zWithdrawnOn[11];                 /* 撤回起诉 */
  int judged;
} PersonRow;

/* Numbering */
/* The next number in the organisation's sequence for (year, case type): 1, 2, ... (increments it). -1 on error. */
int64_t case_store_next_sequence(Db *db, int64_t orgId, int year, const char *zType);
/* The organisation's case number format and short name (its setting, or the first character of its name);
 * heap strings the caller frees. 0 ok, -1 error. */
int case_store_numbering(Db *db, int64_t orgId, char **pzFormat, char **pzShort);

/* Cases */
int64_t case_store_insert(Db *db, const CaseRow *c, const char *zTitle, const char *zSourceAgency,
                          const char *zSourceNumber, const char *zNow);
/* Writes the mutable columns of c (status, dates, flags, department, prosecutor). */
int case_store_update(Db *db, const CaseRow *c, const char *zNow);
int case_store_update_title(Db *db, int64_t orgId, int64_t id, const char *zTitle);
int case_store_update_source_agency(Db *db, int64_t orgId, int64_t id, const char *zAgency);
/* 1 found, 0 not in this organisation, -1 error. */
int case_store_load(Db *db, int64_t orgId, int64_t id, CaseRow *out);
int case_store_number_exists(Db *db, int64_t orgId, const char *zNumber);

/* Persons: *pn receives the count (at most CASE_MAX_PERSONS). 0 ok, -1 error. */
int case_store_persons(Db *db, int64_t caseId, PersonRow *a, int *pn);
int64_t case_store_person_insert(Db *db, int64_t orgId, int64_t caseId, const char *zName, const char *zIdNumber,
                                 const char *zSex, const char *zBirth, const char *zCustody, const char *zCustodySince,
                                 int plea, const char *zSentenceBand);
int case_store_person_update(Db *db, int64_t caseId, int64_t personId, const char *zName, int plea,
                             const char *zSentenceBand);
/* Sets the person's custody from day zSince and appends it to the custody history (case_custody). */
int case_store_person_set_custody(Db *db, int64_t orgId, int64_t caseId, int64_t personId, const char *zCustody,
                                  const char *zSince);
/* Appends a custody to the person's history from day zFrom (registration: the custody since, or receipt). */
int case_store_custody_append(Db *db, int64_t orgId, int64_t caseId, int64_t personId, const char *zCustody,
                              const char *zFrom);
/* The custody history of every person of a case, in date order, into the persons' facts (matched by id). */
int case_store_custody_history(Db *db, int64_t caseId, CasePersonFacts *a, int n);
int case_store_person_decide(Db *db, int64_t caseId, int64_t personId, const char *zDecision, const char *zType,
                             const char *zOn, const char *zOffenceOn, int probationMonths);
/* The final decision after a 附条件不起诉 (CPL 284). */
int case_store_person_final(Db *db, int64_t caseId, int64_t personId, const char *zDecision, const char *zOn);
int case_store_person_withdraw(Db *db, int64_t caseId, int64_t personId, const char *zOn);
int case_store_person_judgment(Db *db, int64_t caseId, int64_t personId, const char *zOn, const char *zSentence,
                               int adopted, int consistent, const char *zInstance);
/* Replaces the person's charges with the codes in the JSON array, in its order (position 1, 2, ...: the first is
 * the main charge; a code repeated keeps its first place). Every read orders a person's charges by position. */
int case_store_person_set_charges(Db *db, int64_t personId, const json_t *aCharge);

/* Events */
int64_t case_store_event_insert(Db *db, int64_t orgId, int64_t caseId, const char *zKind, const char *zOn,
                                int64_t personId, const json_t *data, int64_t userId, const char *zAt);
/* The dated review history (returns, resubmissions, extensions per round, transfer) from the case's events. */
int case_store_history(Db *db, int64_t caseId, CaseHistory *h);

/* API reads: 1 found (*out a new reference), 0 not in this organisation, -1 database error. */
int case_store_get(Db *db, int64_t orgId, int64_t id, const char *zToday, json_t **out);

/* The case list's filters. zQuery, the search text, is matched literally (never as FTS or LIKE syntax):
 * - a valid ID number (zIdNumber, normalised): the persons with exactly that number, through its index;
 * - 3 characters or more: any fragment of the case's search document (title, 案号, 移送机关, 移送文号, persons' names
 *   and ID numbers, charge names; store/case_search.h), through the trigram index;
 * - 1 or 2 characters: part of a case number when it has a digit, 〔, 〕, 号 or 检, else the beginning of a person's
 *   name (the (org_id, name) index), as trigrams need 3 characters. */
typedef struct CaseFilter {
  int64_t orgId;
  const char *zStatus, *zType, *zCharge, *zFrom, *zTo;
  const char *zQuery;    /* search text (see above) */
  const char *zIdNumber; /* search: a valid ID number, normalised (then zQuery is ignored) */
  int64_t departmentId, prosecutorId;
  int overdue;
  const char *zToday;
  const char *zSort; /* a column of CASE_SORT_COLUMNS, or NULL: received_on */
  int ascending;     /* 1: zSort ascending; 0: descending (the default) */
  int limit, offset;
  struct StoreExport *pExport; /* non-NULL: every row to it instead of a page (store_util.h) */
  /* work queues (app/work.c): zStatus "open" (under review or returned), cases not yet assigned to a prosecutor
   * (open ones), and a range of the conclusion day */
  int unassigned;
  const char *zConcludedFrom, *zConcludedTo;
  int countCap; /* 0: the list's usual cap on its total (store_util.h); else the count stops there (the home page) */
} CaseFilter;
/* The columns the case list sorts by (the API's sort parameter), ties broken by id in the same direction. */
#define CASE_SORT_COLUMNS "received_on, case_number, title, status, next_due, prosecutor, department, case_type"
/* 1 when zSort names a column of CASE_SORT_COLUMNS. */
int case_store_sort_known(const char *zSort);
json_t *case_store_list(Db *db, const CaseFilter *f); /* NULL on a database error */

/* Rotation (轮案): the active prosecutor of the department whose most recent assignment is oldest (never assigned
 * first), ties by id. 1 found (id and name filled), 0 none, -1 error. */
int case_store_rotation_pick(Db *db, int64_t orgId, int64_t departmentId, int64_t *pUserId, char *zName, size_t nName);
/* 1 when userId is an active user of the organisation holding role prosecutor or assistant, else 0 (-1 error). */
int case_store_is_handler(Db *db, int64_t orgId, int64_t userId);

/* Organisation settings (JSON text values), e.g. "fast_track". NULL when unset; new reference. */
json_t *org_setting_get(Db *db, int64_t orgId, const char *zKey);
int org_setting_put(Db *db, int64_t orgId, const char *zKey, const json_t *value);

#endif
