/* linkage_store.h: SQL for 行刑反向衔接 items (tables linkage_item and linkage_event, migration 11).
 *
 * Conventions as in accounts_store.h: every function takes the organisation and matches it (another office's item is
 * "not found"); reads return new jansson references, writes 0 or -1 on a database error. A LinkageRow is the whole
 * mutable state of an item: the use case loads it, changes it and saves it in one transaction. */
#ifndef JW_LINKAGE_STORE_H
#define JW_LINKAGE_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "core/agency.h"
#include "core/deadline.h"
#include "store/db.h"
#include "store/store_util.h"

typedef struct LinkageRow {
  int64_t id, orgId, caseId, personId;
  char zNpt[32], zDecisionOn[11];
  /* the mutable columns, in the order of linkage_store_save() */
  char zState[24];
  int64_t prosecutorId, departmentId, handlerId; /* 0: none */
  char zTransferredOn[11], zRegisteredOn[11], zRequestKind[32], zRequestOn[11], zSuspendedOn[11];
  int64_t extensionDays;
  char zCriminalOpinion[16], *zCriminalOpinionText, zAdminOpinion[16], *zAdminOpinionText, *zDisagreement;
  char zOutcome[16], zOutcomeOn[11], zTerminateReason[32], *zTerminateText;
  int64_t agencyId;
  char zPenalties[256], *zFacts;
  char zServedOn[11], zServiceMethod[16];
  int64_t replyMonths;
  char zReplyOn[11];
  int64_t replyPenalised; /* -1 none */
  char zReplyPenalty[32], *zReplyDecisionNumber;
  int64_t replyAmountFen; /* -1 none */
  char *zReplyText, zUrgedOn[11];
  int64_t urgeDays; /* 0 none */
  char zFollowedUpOn[11];
  int64_t suggestionId; /* 0 none */
  char zClosedOn[11], zCloseReason[24];
} LinkageRow;

/* Frees the heap texts of a row (the struct itself is the caller's). */
void linkage_row_free(LinkageRow *r);
/* Replaces a heap text of a row with a copy of z (NULL clears it). */
void linkage_row_set_text(char **pz, const char *z);

/* The office's 行政检察 department (department.kind 'administrative', the first by id), 0 when it has none, -1 on
 * a database error. */
int64_t linkage_store_admin_department(Db *db, int64_t orgId);
/* Inserts a new item (ON CONFLICT(person_id) DO NOTHING: one per person). The new id, 0 when the person has one
 * already, -1 on error. */
int64_t linkage_store_insert(Db *db, const LinkageRow *r, const char *zNow);
/* 1 found (r filled; free with linkage_row_free), 0 not found, -1 error. */
int linkage_store_load(Db *db, int64_t orgId, int64_t id, LinkageRow *r);
/* Writes every mutable column of r. 0 or -1. */
int linkage_store_save(Db *db, const LinkageRow *r, const char *zNow);
/* The item of a person, 0 none, -1 error. */
int64_t linkage_store_for_person(Db *db, int64_t orgId, int64_t personId);

/* One step on the item's timeline (data may be NULL; not consumed). The new id or -1. */
int64_t linkage_store_event_insert(Db *db, int64_t orgId, int64_t itemId, const char *zKind, const char *zOn,
                                   const json_t *data, int64_t userId, const char *zNow);

/* The item as the API shows it (with the case's 案号 and title, the person's name, the agency's and users' names),
 * or NULL when not found or on error (*pFound 1 / 0 / -1). */
json_t *linkage_store_get(Db *db, int64_t orgId, int64_t id, int *pFound);
/* The item's timeline, oldest first: [{id, kind, on, data, user_id, user_name, at}]. NULL on error. */
json_t *linkage_store_events(Db *db, int64_t itemId);
/* The item's deadline rows: [{id, kind, sequence, start_on, length, extra_days, stop_days, due_on, days_left,
 * status, closed_on, warn_days, rule}]. NULL on error. */
json_t *linkage_store_deadlines(Db *db, int64_t itemId);
/* The item's clock stops into a[0..max), in date order: how many, or -1. */
int linkage_store_stops(Db *db, int64_t itemId, ClockStop *a, int max);
/* The items of a case's persons, for the case page: [{id, person_id, person_name, state, ...}]. NULL on error. */
json_t *linkage_store_for_case(Db *db, int64_t orgId, int64_t caseId);

/* The kind (NULL kind → "") and name of an agency of the office: 1 found, 0 not, -1 error. */
int linkage_store_agency(Db *db, int64_t orgId, int64_t agencyId, char zKind[32], char zName[AGENCY_NAME_BYTES]);

typedef struct LinkageFilter {
  int64_t orgId;
  int64_t userId;       /* mine: the items whose 刑检 prosecutor or 行政检察 handler this user is (0: any) */
  int64_t departmentId; /* 0: any */
  const char *zState;   /* a state code, "open" (not closed), or NULL */
  int overdue;          /* 1: an open deadline of the item is past due on zToday */
  int64_t agencyId;     /* 0: any */
  const char *zQuery;   /* part of the person's name or of the 案号 */
  const char *zToday;
  int limit, offset;
  StoreExport *pExport;
} LinkageFilter;

/* The office's items, newest first (store_list()). NULL on error. */
json_t *linkage_store_list(Db *db, const LinkageFilter *f);
/* The office's 检察意见 by agency: {"items":[{agency_id, agency_name, total, open, overdue, served, replied, penalised,
 * reply_rate, penalty_rate, avg_reply_days}]}; NULL on error. */
json_t *linkage_store_by_agency(Db *db, int64_t orgId, const char *zToday);

#endif
