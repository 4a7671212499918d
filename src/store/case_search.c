/* case_search.c: building and writing the cases' search documents (see case_search.h). */
#include "store/case_search.h"

#include <stdlib.h>
#include <string.h>

#include "core/case_rules.h"
#include "lib/buf.h"
#include "store/schema.h"
#include "store/store_util.h"

/* Cases read per statement when rebuilding a range: the rows of a batch are held in memory (PostgreSQL results come
 * whole), the documents written after. */
#define SEARCH_BATCH 2000

/* One case's document while its rows are read. */
typedef struct SearchDoc {
  int64_t caseId, orgId;
  Buf text;   /* title \n 案号 \n 机关 \n 文号 \n (name \n id number \n)... charge names */
  Buf charge; /* the charge names, each followed by \n (deduplicated) */
  int64_t lastPerson;
} SearchDoc;

/* Appends z and a newline (fields are separated by a newline, which no search text can hold: the list's q refuses
 * control characters, so a fragment never matches across two fields). */
static void doc_field(Buf *b, const char *z) {
  if (!z || !*z) return;
  buf_puts(b, z);
  buf_puts(b, "\n");
}

/* Adds a charge's name once. */
static void doc_charge(SearchDoc *d, const char *zCode) {
  if (!zCode || !*zCode) return;
  const Charge *c = charge_by_code(zCode);
  const char *zName = c ? c->zName : zCode;
  size_t n = strlen(zName);
  const char *z = buf_cstr(&d->charge);
  for (const char *p = z; (p = strstr(p, zName)) != NULL; p++) {
    if ((p == z || p[-1] == '\n') && p[n] == '\n') return;
  }
  doc_field(&d->charge, zName);
}

/* Deletes the document of a case, from case_search and, on SQLite, from the FTS5 index over it (an external-content
 * FTS5 table is told which text it indexed for the row: the 'delete' command with the old text). */
static int doc_delete(Db *db, int64_t caseId) {
  const char *zFts = schema_search_fts_delete(db);
  if (zFts) {
    Stmt *s = db_prepare(db, zFts); /* sql-safe: a literal of schema.c */
    db_bind_int(s, 1, caseId);
    if (store_step_done(s)) return -1;
  }
  Stmt *s = db_prepare(db, "DELETE FROM case_search WHERE case_id = ?1");
  db_bind_int(s, 1, caseId);
  return store_step_done(s);
}

/* Writes one document: the old row goes, the new one comes, and on SQLite the FTS5 index with them. */
static int doc_write(Db *db, SearchDoc *d) {
  if (doc_delete(db, d->caseId)) return -1;
  buf_append(&d->text, d->charge.z ? d->charge.z : "", d->charge.n);
  Stmt *s = db_prepare(db, "INSERT INTO case_search(case_id, org_id, doc) VALUES (?1, ?2, ?3)");
  db_bind_int(s, 1, d->caseId);
  db_bind_int(s, 2, d->orgId);
  db_bind_text(s, 3, buf_cstr(&d->text));
  if (store_step_done(s)) return -1;
  const char *zFts = schema_search_fts_insert(db);
  if (zFts) {
    s = db_prepare(db, zFts); /* sql-safe: a literal of schema.c */
    db_bind_int(s, 1, d->caseId);
    db_bind_text(s, 2, buf_cstr(&d->text));
    if (store_step_done(s)) return -1;
  }
  return 0;
}

static void doc_free(SearchDoc *a, int n) {
  for (int i = 0; i < n; i++) {
    buf_free(&a[i].text);
    buf_free(&a[i].charge);
  }
  free(a);
}

/* Reads the cases with ids in [fromId, toId] (at most SEARCH_BATCH of them exist in the range) and writes their
 * documents. A case id in the range without a case row has its document deleted. */
static int search_batch(Db *db, int64_t fromId, int64_t toId) {
  Stmt *s = db_prepare(db,
                       "SELECT c.id, c.org_id, c.title, c.case_number, c.source_agency, c.source_number, p.id, p.name,"
                       " p.id_number, pc.charge FROM case_record c"
                       " LEFT JOIN case_person p ON p.case_id = c.id"
                       " LEFT JOIN case_person_charge pc ON pc.person_id = p.id"
                       " WHERE c.id >= ?1 AND c.id <= ?2 ORDER BY c.id, p.id, pc.charge");
  db_bind_int(s, 1, fromId);
  db_bind_int(s, 2, toId);
  int cap = 16, n = 0, rc;
  SearchDoc *a = calloc((size_t)cap, sizeof *a);
  if (!a) {
    db_done(s);
    return -1;
  }
  while ((rc = db_step(s)) == DB_ROW) {
    int64_t caseId = db_col_int(s, 0);
    if (n == 0 || a[n - 1].caseId != caseId) {
      if (n == cap) {
        SearchDoc *b = realloc(a, (size_t)cap * 2 * sizeof *a);
        if (!b) {
          rc = DB_ERROR;
          break;
        }
        a = b;
        memset(a + cap, 0, (size_t)cap * sizeof *a);
        cap *= 2;
      }
      SearchDoc *d = &a[n++];
      d->caseId = caseId;
      d->orgId = db_col_int(s, 1);
      for (int i = 2; i <= 5; i++) doc_field(&d->text, db_col_text(s, i));
    }
    SearchDoc *d = &a[n - 1];
    if (!db_col_is_null(s, 6) && db_col_int(s, 6) != d->lastPerson) {
      d->lastPerson = db_col_int(s, 6);
      doc_field(&d->text, db_col_text(s, 7));
      doc_field(&d->text, db_col_text(s, 8));
    }
    if (!db_col_is_null(s, 9)) doc_charge(d, db_col_text(s, 9));
  }
  db_done(s);
  if (rc == DB_ERROR) {
    doc_free(a, n);
    return -1;
  }
  int err = 0;
  if (fromId == toId && n == 0) err = doc_delete(db, fromId); /* one case that is gone: its document goes too */
  for (int i = 0; i < n && !err; i++) err = doc_write(db, &a[i]);
  doc_free(a, n);
  return err ? -1 : 0;
}

int case_search_refresh(Db *db, int64_t caseId) {
  return search_batch(db, caseId, caseId);
}

int case_search_rebuild_range(Db *db, int64_t fromId, int64_t toId) {
  /* the ids that exist in the range bound the batches (toId may be "every id from fromId on") */
  Stmt *s = db_prepare(db, "SELECT min(id), max(id) FROM case_record WHERE id >= ?1 AND id <= ?2");
  db_bind_int(s, 1, fromId);
  db_bind_int(s, 2, toId);
  int rc = db_step(s), none = rc == DB_ROW && db_col_is_null(s, 0);
  int64_t lo = rc == DB_ROW ? db_col_int(s, 0) : 0, hi = rc == DB_ROW ? db_col_int(s, 1) : 0;
  db_done(s);
  if (rc != DB_ROW) return -1;
  if (none) return 0;
  for (; lo <= hi; lo += SEARCH_BATCH) {
    if (search_batch(db, lo, lo + SEARCH_BATCH - 1 < hi ? lo + SEARCH_BATCH - 1 : hi)) return -1;
  }
  return 0;
}

int case_search_rebuild(Db *db) {
  return case_search_rebuild_range(db, 1, INT64_MAX / 2);
}
