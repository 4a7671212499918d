/* pg_load.h: bench only: copies a generated SQLite bench database into an empty PostgreSQL database, so that
 * bench_cases measures the same rows on both backends. Built into bench_cases only (a Makefile rule). */
#ifndef JW_BENCH_PG_LOAD_H
#define JW_BENCH_PG_LOAD_H
#include <stddef.h>
#include <stdint.h>

typedef struct PgLoadStats {
  double tSchema;  /* db_open(DB_OPEN_CREATE): the migrations */
  double tCopy;    /* COPY of every table */
  double tIndex;   /* re-creating the secondary indexes */
  double tAnalyze; /* VACUUM (ANALYZE) */
  double tSeq;     /* schema_sync_sequences */
  int64_t nRows;
  int nTables, nIndexes;
  char zIndexTimes[1024]; /* "name 1.2 s, ..." */
} PgLoadStats;

/* Creates the schema in the empty PostgreSQL database zUrl (db_open with DB_OPEN_CREATE), drops its secondary
 * indexes, streams every table of the SQLite file zPath into it with COPY (text format), re-creates the indexes from
 * their pg_indexes definitions, runs VACUUM (ANALYZE) and moves the identity sequences past the copied ids. Returns 0,
 * or -1 with zErr filled. */
int pg_load(const char *zPath, const char *zUrl, PgLoadStats *st, char *zErr, size_t nErr);

#endif
