/* suggestion_store.h: SQL for the 检察建议 (tables suggestion, suggestion_link, suggestion_event; migration 12).
 *
 * Conventions as in agency_store.h: every function takes the organisation and matches it; reads return new jansson
 * references (NULL on a database error), writes 0 or -1. Dates are 'YYYY-MM-DD' text; "" in a row is NULL. */
#ifndef JW_SUGGESTION_STORE_H
#define JW_SUGGESTION_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "store/store_util.h"

/* One suggestion as the use cases read and write it. The long texts are heap strings (suggestion_row_free). */
typedef struct SuggestionRow {
  int64_t id, orgId, agencyId, caseId, departmentId, prosecutorId;
  char zType[24], zState[12];
  int urgent, serviceRound;
  char *zTitle, *zFacts, *zBody, *zLegalBasis, *zCopies; /* zCopies: a JSON array as text */
  char zReplyLength[8];
  char zIssuedOn[11], zServedOn[11], zMethod[16], zObjectionOn[11], zReplyOn[11], zAdoption[16];
  char zFirstServedOn[11], zVisitOn[11], zVisitResult[16], zOutcome[24], zClosedOn[11];
} SuggestionRow;

void suggestion_row_free(SuggestionRow *r);

/* Inserts r (its id ignored); the new id or -1. */
int64_t suggestion_store_insert(Db *db, const SuggestionRow *r, const char *zNow);
/* Loads the suggestion into *r: 1, 0 when the office has none with that id, -1 on error. */
int suggestion_store_load(Db *db, int64_t orgId, int64_t id, SuggestionRow *r);
/* Writes every column a step changes. 0 or -1. */
int suggestion_store_update(Db *db, const SuggestionRow *r, const char *zNow);

/* A linked record (entity kind "case", "linkage" or "lead"); a link already there is kept once. 0 or -1. */
int suggestion_store_link(Db *db, int64_t orgId, int64_t suggestionId, const char *zKind, int64_t entityId);
/* One step of the timeline; data is not consumed. The new id or -1. */
int64_t suggestion_store_event_insert(Db *db, int64_t orgId, int64_t suggestionId, const char *zKind, const char *zOn,
                                      const json_t *data, int64_t userId, const char *zNow);

/* The suggestion as the API shows it, with its agency, owner, links, timeline ("events") and its overdue flag on
 * zToday. NULL when absent or on error (*pFound 0 or 1 tells them apart). */
json_t *suggestion_store_get(Db *db, int64_t orgId, int64_t id, const char *zToday, int *pFound);

/* The name of the office's agency id into out: 1 found, 0 not (an unknown id or another office's), -1 error. */
int suggestion_store_agency_name(Db *db, int64_t orgId, int64_t agencyId, char *out, size_t nOut);
/* The office's agency with that name: its id, 0 none, -1 error. */
int64_t suggestion_store_agency_id(Db *db, int64_t orgId, const char *zName);
/* 1 when the office has the case, 0 not, -1 error. */
int suggestion_store_case_exists(Db *db, int64_t orgId, int64_t caseId);
/* The case's number and title ("缙检… 张某盗窃案") into out: 1, 0, -1. */
int suggestion_store_case_subject(Db *db, int64_t orgId, int64_t caseId, char *out, size_t nOut);

typedef struct SuggestionFilter {
  int64_t orgId;
  int64_t prosecutorId; /* mine: 0 any */
  int64_t agencyId;     /* 0 any */
  int64_t linkedCaseId; /* the suggestions linked to a case: 0 any */
  const char *zState;   /* a state code, "open" (not closed), or NULL */
  const char *zType;    /* NULL any */
  int overdue;          /* 1: the reply period ran out unanswered */
  const char *zQuery;   /* part of the title, the text or the agency's name */
  const char *zToday;
  int limit, offset;
  StoreExport *pExport;
} SuggestionFilter;
json_t *suggestion_store_list(Db *db, const SuggestionFilter *f);

/* Per agency of the office's suggestions: {"items":[{agency_id, agency_name, total, open, overdue, served, replied,
 * adopted, reply_rate, adoption_rate, avg_reply_days}]}. */
json_t *suggestion_store_by_agency(Db *db, int64_t orgId, const char *zToday);

#endif
