/* document_store.h: SQL for the 文书 (migration 10): templates (versioned per office and type), the 文号 sequence
 * per (office, type, year), and the issued documents.
 *
 * Conventions as in accounts_store.h: every function takes the organisation and matches it; reads return new jansson
 * references (NULL when absent or on error, told apart by db_errmsg where it matters), writes 0 or -1. */
#ifndef JW_DOCUMENT_STORE_H
#define JW_DOCUMENT_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

/* The office's newest template of a type: 1 found (*pVersion, *pzTitle, *pzBody filled, heap strings the caller
 * frees), 0 none (the built-in default is in force), -1 on error. */
int document_store_template(Db *db, int64_t orgId, const char *zType, int64_t *pVersion, char **pzTitle, char **pzBody);
/* Adds a template version: the next number for (org, type) (version 1 is the first edit; 0 is the built-in text).
 * *pVersion gets it. 0 or -1. */
int document_store_template_add(Db *db, int64_t orgId, const char *zType, const char *zTitle, const char *zBody,
                                int64_t userId, const char *zNow, int64_t *pVersion);

/* Takes the next number of (org, type, year) in the caller's transaction: 1 for the first. -1 on error. */
int64_t document_store_next_sequence(Db *db, int64_t orgId, const char *zType, int year);
/* The office's 简称 (short_name, else the first character of its name) and full name (heap, caller frees). */
int document_store_org_names(Db *db, int64_t orgId, char **pzShort, char **pzName);
/* The case's 案号 and title (heap), 0; -1 when the case is not the office's. */
int document_store_case_names(Db *db, int64_t orgId, int64_t caseId, char **pzNumber, char **pzTitle);
/* What a 不起诉决定书 is filled from: the person of the office's case, {name, sex, birth_date, id_number, decision,
 * non_prosecution_type, decision_on, final_decision, final_on, source_agency, charges:[codes in their order]}
 * (null for what is not recorded). NULL when the person is not on that case of the office, or on error. */
json_t *document_store_person(Db *db, int64_t orgId, int64_t caseId, int64_t personId);
/* Up to n persons of the office whose 不起诉 is in force (for 附条件不起诉 the final one) and who have no 文书 yet, oldest
 * decision first: their case ids in aCase, person ids in aPerson. The count, or -1 on error (the demo data). */
int document_store_unissued_non_prosecuted(Db *db, int64_t orgId, int n, int64_t *aCase, int64_t *aPerson);

typedef struct DocumentRow {
  int64_t orgId;
  const char *zType, *zNumber;
  int year;
  int64_t seq;
  const char *zEntityKind;
  int64_t entityId, caseId; /* caseId 0: none */
  int64_t templateVersion;
  const char *zTitle, *zFieldsJson, *zBody, *zIssuedOn;
  int64_t issuedBy; /* 0: the command line */
  const char *zIssuedAt;
  int64_t supersedes; /* 0: none */
} DocumentRow;
/* Inserts an issued document; its id, or -1 (db_is_constraint() tells a duplicate number, or a second reissue of the
 * document it supersedes). The row is never updated or deleted afterwards (the schema refuses it): a document's
 * superseded_by is the document whose supersedes names it. */
int64_t document_store_insert(Db *db, const DocumentRow *d);
/* One document of the office, whole: {id, type, number, year, seq, entity_kind, entity_id, case_id, case_number,
 * template_version, title, fields (object), body, issued_on, issued_by, issued_by_name, issued_at, supersedes,
 * superseded_by, superseded_number}. NULL when absent. */
json_t *document_store_get(Db *db, int64_t orgId, int64_t id);
/* The entity's documents, newest first: [{id, type, number, title, issued_on, superseded_by}]. NULL on error. */
json_t *document_store_for_entity(Db *db, int64_t orgId, const char *zEntityKind, int64_t entityId);

typedef struct DocumentFilter {
  int64_t orgId;
  const char *zType;       /* or NULL */
  const char *zQuery;      /* part of the 文号 or the title, or NULL */
  const char *zFrom, *zTo; /* issued_on range, or NULL */
  int limit, offset;
  struct StoreExport *pExport;
} DocumentFilter;
/* The office's documents, newest first (store_list()): items {id, type, number, title, entity_kind, entity_id,
 * case_id, case_number, issued_on, issued_by_name, superseded_by}. */
json_t *document_store_list(Db *db, const DocumentFilter *f);

#endif
