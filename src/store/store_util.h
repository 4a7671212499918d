/* store_util.h: small pieces every *_store.c file shares: LIKE patterns, paged list replies, rows grouped by id. */
#ifndef JW_STORE_UTIL_H
#define JW_STORE_UTIL_H
#include <jansson.h>

#include "lib/buf.h"
#include "store/db.h"

/* Steps a write statement to its end and resets it: 0 when it completed, -1 on an error. */
int store_step_done(Stmt *s);
/* Steps an "INSERT ... RETURNING id" statement and resets it: the new row's id, or -1 on an error. */
int64_t store_insert_id(Stmt *s);
/* Column i as a JSON string or integer, or JSON null when the column is NULL (new references). */
json_t *store_col_text_or_null(Stmt *s, int i);
json_t *store_col_int_or_null(Stmt *s, int i);
/* A figure of a by-agency table: num / den as a JSON real cut (not rounded) to `places` decimals, or JSON null when
 * den is 0 (nothing to divide by). Rates take 4 places (0..1), mean days 1. */
json_t *store_ratio(int64_t num, int64_t den, int places);

/* Steps a bound statement whose column 0 is an id and groups its rows: {"<id>": [xItem(row), ...], ...} in the rows'
 * order (ids without rows are absent). Resets the statement. NULL on a database error; otherwise a new reference. */
json_t *store_group_by_id(Stmt *s, json_t *(*xItem)(Stmt *s));

/* "%q%" with the LIKE metacharacters % _ \ escaped by '\' (use with ESCAPE '\'); heap memory the caller frees. */
char *store_like_pattern(const char *zQuery);

/* Calls xItem for each item of a comma-separated list (as group_concat(x, ',') gives), each as a NUL-terminated
 * string valid during the call; items of 64 bytes or more are skipped (codes are short). */
void store_each_listed(const char *zList, void (*xItem)(const char *zItem, void *ctx), void *ctx);

/* Runs a bound count statement and a bound page statement and builds {"items":[...],"total":N,"limit":L,"offset":O,
 * "total_capped":false}, one item per page row from xRow. Resets both statements. NULL on a database error; otherwise
 * a new reference. When the count statement counts at most STORE_COUNT_CAP + 1 rows (see STORE_COUNT_CAP), a count
 * above the cap is reported as total = STORE_COUNT_CAP with total_capped true. */
json_t *store_page(Stmt *pCount, Stmt *pPage, json_t *(*xRow)(Stmt *s), int limit, int offset);
/* store_page() with the cap given (the count statement counts at most cap + 1 rows). */
json_t *store_page_capped(Stmt *pCount, Stmt *pPage, json_t *(*xRow)(Stmt *s), int limit, int offset, int cap);

/* A paged list whose WHERE clause the caller assembled from the literal fragments of the filters in use (so the
 * planner sees only those): the count is "SELECT count(*) FROM (SELECT 1 <zFrom><where> LIMIT cap+1) AS capped" and the
 * page
 * "<zSelect><where><zOrder>", zOrder ending in "LIMIT ?L OFFSET ?L+1" with L = limitParam. xBind binds the filters'
 * values (the same numbers in both). The store_page() reply, or NULL on a database error. */
typedef struct StoreListQuery {
  const char *zFrom;   /* "FROM deadline d" */
  const char *zSelect; /* the page's SELECT and FROM with its joins */
  const char *zOrder;  /* " ORDER BY d.due_on, d.id LIMIT ?8 OFFSET ?9" */
  int limitParam;      /* 8 for the zOrder above */
  void (*xBind)(Stmt *s, const void *ctx);
  const void *ctx;
  json_t *(*xRow)(Stmt *s);
  struct StoreExport *pExport; /* NULL: a page; else the whole list goes to it (see store_export below) */
} StoreListQuery;
json_t *store_list(Db *db, const StoreListQuery *q, const Buf *where, int limit, int offset);
/* store_list() whose page rows are chosen from zFrom alone (its WHERE, ORDER BY, LIMIT and OFFSET) before only those
 * are joined: "<zSelect> WHERE <zKey> IN (SELECT <zKey> <zFrom><where><zOrder>) ORDER BY ...", zKey the key of
 * zFrom's rows ("d.id"). A page of 50 is then 50 joins, not one per row of the office before the sort (the office's
 * deadline list at a million cases: 4.2 s → 0.08 s). zOrder must name zFrom's columns only. */
json_t *store_list_keyed(Db *db, const StoreListQuery *q, const char *zKey, const Buf *where, int limit, int offset);
/* store_list() counting at most cap rows (a search's list: STORE_SEARCH_COUNT_CAP; the count's LIMIT is cap + 1). */
json_t *store_list_capped(Db *db, const StoreListQuery *q, const Buf *where, int limit, int offset, int cap);

/* ---- exports: a list's every row, without paging -------------------------------------------------------------
 * An export runs the list's own query (the same FROM, WHERE and ORDER BY as its page, so the filter in force is
 * exactly the list's) and hands each row, as the list's JSON item, to xRow. A list function given a filter whose
 * pExport is set passes it on in q->pExport; store_list() then exports instead of paging and replies
 * {"rows":N} (N rows handed over), or {"too_many":true,"max":M} without calling xRow at all when more than M rows
 * match (M = x->max, STORE_EXPORT_MAX by default), or NULL on a database error or when xRow returned non-zero
 * (x->stopped). */
#define STORE_EXPORT_MAX     100000
#define STORE_EXPORT_MAX_SQL "100001"
typedef struct StoreExport {
  int (*xRow)(const json_t *row, void *ctx); /* 0: go on; non-zero stops the export (x->stopped set) */
  void *ctx;
  int64_t max;  /* the most rows allowed: 0 for STORE_EXPORT_MAX (the tests set fewer; never more) */
  int64_t rows; /* out: rows handed to xRow */
  int stopped;  /* out: xRow asked to stop */
} StoreExport;
json_t *store_export(Db *db, const StoreListQuery *q, const Buf *where, StoreExport *x);

/* Writes zHead, the assembled clause, and zTail into out: a statement made of literal fragments only. */
void store_sql_join(Buf *out, const char *zHead, const Buf *clause, const char *zTail);

/* Lists that can grow to a million rows count at most this many: "SELECT count(*) FROM (SELECT 1 ... LIMIT 10001) AS
 * capped". Counting every row of a million-case office costs 100 ms to seconds; nobody pages past 10,000 rows. */
#define STORE_COUNT_CAP     10000
#define STORE_COUNT_CAP_SQL "10001"
/* A search counts exactly up to 100,000 (issue 9): its count walks the cases it found through an index, at most
 * 100,001 of them. Every other list keeps STORE_COUNT_CAP until a benchmark at 1,000,000 cases shows the unfiltered
 * count capped at 100,001 fast on both backends (docs/benchmarks.md "The count cap"). */
#define STORE_SEARCH_COUNT_CAP 100000

#endif
