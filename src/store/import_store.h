/* import_store.h: SQL for the imported agency data (issue 12 §1; the tables of migration 13): column mappings per
 * (office, kind, source), batches (one per file), rejections, licence and penalty records. Bound values only; every
 * query is scoped by org_id. Writes run inside the caller's transaction. */
#ifndef JW_IMPORT_STORE_H
#define JW_IMPORT_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

/* A batch row as inserted; the counts are written by import_store_batch_finish(). */
typedef struct ImportBatchRow {
  int64_t orgId;
  const char *zKind, *zSource, *zFileName, *zFileHash;
  int64_t fileBytes;
  const char *zFormat, *zEncoding, *zSheet; /* zSheet NULL for a CSV */
  int64_t mappingId;                        /* 0: none */
  int64_t createdBy;                        /* 0: the command line */
  const char *zCreatedAt;
} ImportBatchRow;

/* The record of one accepted row; NULL pointers bind SQL NULL (id_number, birth_date, dates, credit_code). */
typedef struct ImportRecordRow {
  int64_t orgId, batchId;
  long rowNo;
  const char *zIdNumber, *zIdNumberRaw, *zName, *zBirthDate, *zAgencyName, *zNaturalKey;
  /* licence */
  const char *zLicenceNumber, *zLicenceClass, *zStatus, *zStatusOn, *zReissuedOn;
  /* penalty */
  const char *zCreditCode, *zPenaltyType, *zDecisionNumber, *zDecidedOn;
  int64_t amountFen;
  int hasAmount;
} ImportRecordRow;

/* The batch of this office and kind whose file had this SHA-256 (hex): its id, 0 when none, -1 on error. */
int64_t import_store_batch_by_hash(Db *db, int64_t orgId, const char *zKind, const char *zHash);
/* The saved mapping of (office, kind, source): 1 with *pzColumns (heap JSON text: free()) and *pId, 0 when none,
 * -1 on error. */
int import_store_mapping_get(Db *db, int64_t orgId, const char *zKind, const char *zSource, char **pzColumns,
                             int64_t *pId);
/* Saves (inserts or replaces) the mapping of (office, kind, source): its id, or -1. */
int64_t import_store_mapping_put(Db *db, int64_t orgId, const char *zKind, const char *zSource, const char *zColumns,
                                 int64_t userId, const char *zNow);
int64_t import_store_batch_insert(Db *db, const ImportBatchRow *r); /* the new id, or -1 */
/* Writes a batch's counts and finished_at. 0 or -1. */
int import_store_batch_finish(Db *db, int64_t batchId, long total, long accepted, long duplicate, long rejected,
                              const char *zNow);
int import_store_rejection_insert(Db *db, int64_t batchId, long rowNo, const char *zColumn, const char *zReason);
/* Inserts a record unless one with its natural key exists in the office: 1 inserted, 0 already there, -1 error. */
int import_store_licence_insert(Db *db, const ImportRecordRow *r);
int import_store_penalty_insert(Db *db, const ImportRecordRow *r);
/* The org_id of a batch: the office's id, 0 when there is no such batch, -1 on error. */
int64_t import_store_batch_org(Db *db, int64_t batchId);
/* The id of the only organisation in the database, 0 when there are none or several, -1 on error. */
int64_t import_store_single_org(Db *db);
/* A batch as JSON (with its rejections, the first `limit`), or NULL when not in the office. */
json_t *import_store_batch_get(Db *db, int64_t orgId, int64_t batchId, int limit);

/* The filter of the lists below (the fields a list does not use are ignored). pExport: see store_util.h. */
typedef struct ImportListFilter {
  int64_t orgId;
  int64_t batchId;       /* 0: any (batches: unused) */
  const char *zKind;     /* batches: "licence" or "penalty", or NULL */
  const char *zIdNumber; /* records: the normalised ID number, or NULL */
  const char *zStatus;   /* licence records: a status code, or NULL */
  int limit, offset;
  struct StoreExport *pExport;
} ImportListFilter;

/* The office's batches, newest first: {"items":[batch without rejections],"total":N,...} (store_list). */
json_t *import_store_batches_list(Db *db, const ImportListFilter *f);
/* One batch's rejections (f->batchId, which must be the office's), by row: items {row, column, reason}. */
json_t *import_store_rejections_list(Db *db, const ImportListFilter *f);
/* The office's licence and penalty records, in import order. */
json_t *import_store_licence_list(Db *db, const ImportListFilter *f);
json_t *import_store_penalty_list(Db *db, const ImportListFilter *f);

#endif
