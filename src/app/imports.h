/* imports.h: importing other agencies' data files (issue 12 §1): driving-licence records (公安交管) and administrative
 * penalty records (行政执法), from CSV (UTF-8 or GB18030/GBK) or XLSX, for data-matching supervision.
 *
 * One import is one file and one transaction: the header is mapped to the kind's fields (a mapping given, else the
 * one saved for the source, else one proposed from the header names), each row is validated (a rejected row is kept
 * with its row number, column and reason; an ID number that is missing or invalid keeps the row, with id_number NULL:
 * such a record is matched on name and birth date only as a candidate a person confirms), accepted rows are written
 * with their natural key (a record already imported, from any file, is counted as a duplicate and not written again),
 * the batch with its counts and the audit row ("import.create", entity "import") commit together. A file the readers
 * cannot read, a header without the required columns or a limit exceeded (2 GiB, 10 M rows) fails the import:
 * nothing is written. A file already imported (same SHA-256, office and kind) is a no-op that answers the earlier
 * batch. */
#ifndef JW_IMPORTS_H
#define JW_IMPORTS_H
#include <jansson.h>
#include <stdint.h>

#include "app/audit.h"
#include "core/date.h"
#include "lib/err.h"
#include "store/db.h"
#include "store/import_store.h"

#define IMPORT_MAX_FILE_BYTES (2ll << 30) /* 2 GiB (issue 12) */
#define IMPORT_SOURCE_MAX     100         /* characters of a source name */
#define IMPORT_FILE_NAME_MAX  255         /* characters of a file name as recorded */
#define IMPORT_TEXT_MAX       200         /* characters of a name, number, class or agency in a record */
#define IMPORT_ID_RAW_MAX     64          /* characters of an ID number as given */

typedef struct ImportRequest {
  const char *zKind;     /* "licence" or "penalty" */
  const char *zSource;   /* who sent the file ("某县公安局交警大队"); NULL: "default" */
  const char *zMapping;  /* NULL; or "field=列名,field=列名" (an explicit mapping); or the name of another source
                          * whose saved mapping to use */
  const char *zPath;     /* the file to read */
  const char *zFileName; /* as recorded (NULL: the last part of zPath) */
  const char *zSheet;    /* XLSX: the sheet's name; NULL: the first */
  JwDate today;          /* the latest possible birth date; 0: today in China */
  long maxRows;          /* 0: 10 M (tests set less) */
  int64_t maxBytes;      /* 0: IMPORT_MAX_FILE_BYTES */
  uint64_t maxInflated;  /* 0: the reader's default */
  /* Progress: called now and then with the bytes read and the total (of the sheet, for an XLSX). May be NULL. */
  void (*xProgress)(void *pCtx, uint64_t done, uint64_t total);
  void *pProgressCtx;
} ImportRequest;

typedef struct ImportResult {
  int64_t batchId;
  int alreadyImported; /* 1: the same file was imported before; batchId is that batch and nothing was written */
  long rowsTotal, rowsAccepted, rowsDuplicate, rowsRejected;
  long idMissing; /* accepted rows whose ID number was missing or invalid (candidates only) */
  char zFormat[8];
  char zEncoding[16];
  char zHash[65];
} ImportResult;

/* Runs one import as actor (needs PERM_DATA_IMPORT; the command line's operator has every permission). 0 with *res
 * filled, or -1 with e (400 naming the field: kind, source, mapping, file; 403; 413 for a limit; 500). */
int imports_run(Db *db, const Actor *actor, const ImportRequest *r, ImportResult *res, JwErr *e);

/* The mapping step: reads the file's header only (nothing written) and answers {"format","encoding","sheet",
 * "header":[names], "fields":[{code,label,required,one_of,column}], "missing":[codes of required fields without a
 * column], "saved": a saved mapping was applied}, with r->zMapping applied as imports_run() would. 0 or -1 with e. */
int imports_preview(Db *db, const Actor *actor, const ImportRequest *r, json_t **out, JwErr *e);

/* A list of the office's import data, for the web layer: zList "batches", "rejections" (of f.batchId: 404 when not
 * the office's), "licence" or "penalty" records (import_store.h). f.orgId is set from actor. 0 or -1 with e. */
int imports_list(Db *db, const Actor *actor, const char *zList, ImportListFilter f, json_t **out, JwErr *e);

/* The batch as JSON with its first `limit` rejections (row, column, reason), in actor's office; 404 when not there. */
int imports_batch_get(Db *db, const Actor *actor, int64_t batchId, int limit, json_t **out, JwErr *e);

#endif
