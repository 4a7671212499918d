/* case_search.h: the search document of each case (table case_search, migration 7): the title, 案号, 移送机关,
 * 移送文号, its persons' names and ID numbers and the names of their charges, one text per case, indexed by
 * trigrams (SQLite: the FTS5 table case_search_fts with the trigram tokenizer, written beside it; PostgreSQL: a
 * pg_trgm GIN index on the text). The case list's search (case_read_store.c) finds any fragment of 3 or more
 * characters of any of these through it.
 *
 * The write rule (docs/architecture.md "The search index"): every use case that changes one of those values calls
 * case_search_refresh() inside its own transaction, after its writes, so the index never shows a state that was not
 * committed and a rolled-back write leaves it as it was. */
#ifndef JW_CASE_SEARCH_H
#define JW_CASE_SEARCH_H
#include <stdint.h>

#include "store/db.h"

/* Rebuilds the search document of one case from its rows. 0, or -1 on a database error. */
int case_search_refresh(Db *db, int64_t caseId);
/* Rebuilds the documents of every case (migration 7, bulk loads), in batches of ids. 0 or -1. */
int case_search_rebuild(Db *db);
/* Rebuilds the documents of the cases whose ids are in [fromId, toId]. 0 or -1. */
int case_search_rebuild_range(Db *db, int64_t fromId, int64_t toId);

#endif
