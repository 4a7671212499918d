/* audit.c: appending to and verifying the hash-chained audit log (see audit.h). */
#include "app/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/tx.h"
#include "lib/timeutil.h"

/* Feeds one field into the hash as "<length>:<bytes>;" so no two different rows can serialise alike. */
static void audit_hash_field(crypto_hash_sha256_state *st, const char *z) {
  char zLen[24];
  size_t n = z ? strlen(z) : 0;
  int k = snprintf(zLen, sizeof zLen, z ? "%zu:" : "-:", n);
  crypto_hash_sha256_update(st, (const unsigned char *)zLen, (unsigned long long)k);
  if (n) crypto_hash_sha256_update(st, (const unsigned char *)z, n);
  crypto_hash_sha256_update(st, (const unsigned char *)";", 1);
}

void audit_row_hash(const AuditRow *r, char out[65]) {
  crypto_hash_sha256_state st;
  unsigned char digest[crypto_hash_sha256_BYTES];
  char zNum[3][24];
  snprintf(zNum[0], sizeof zNum[0], "%lld", (long long)r->id);
  snprintf(zNum[1], sizeof zNum[1], "%lld", (long long)r->orgId);
  snprintf(zNum[2], sizeof zNum[2], "%lld", (long long)r->userId);
  crypto_hash_sha256_init(&st);
  audit_hash_field(&st, r->zPrevHash);
  audit_hash_field(&st, zNum[0]);
  audit_hash_field(&st, r->zAt);
  audit_hash_field(&st, zNum[1]);
  audit_hash_field(&st, zNum[2]);
  audit_hash_field(&st, r->zAction);
  audit_hash_field(&st, r->zEntity);
  audit_hash_field(&st, r->zEntityId);
  audit_hash_field(&st, r->zBefore);
  audit_hash_field(&st, r->zAfter);
  crypto_hash_sha256_final(&st, digest);
  sodium_bin2hex(out, 65, digest, sizeof digest);
}

AuditId audit_id(int64_t id) {
  AuditId a;
  snprintf(a.z, sizeof a.z, "%lld", (long long)id);
  return a;
}

/* Returns the next row id (the table's ids are assigned in order inside the write transaction). */
static int64_t audit_next_id(Db *db) {
  Stmt *s = db_prepare(db, "SELECT coalesce(max(id), 0) + 1 FROM audit_log");
  int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
  db_done(s);
  return id;
}

int audit_append(Db *db, const Actor *actor, const char *zAction, const char *zEntity, const char *zEntityId,
                 const json_t *before, const json_t *after, JwErr *e) {
  if (!db_in_transaction(db)) return err_internal(e, "audit_append outside a transaction");
  char zPrev[65], zHash[65], zAt[32];
  if (audit_store_last_hash(db, zPrev)) return err_internal(e, db_errmsg(db));
  time_now_iso(zAt);
  char *zBefore = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII) : NULL;
  char *zAfter = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII) : NULL;
  AuditRow r = {
      .id = audit_next_id(db),
      .zAt = zAt,
      .orgId = actor ? actor->orgId : 0,
      .userId = actor ? actor->userId : 0,
      .zAction = zAction,
      .zEntity = zEntity,
      .zEntityId = zEntityId,
      .zBefore = zBefore,
      .zAfter = zAfter,
      .zPrevHash = zPrev,
      .zHash = zHash,
  };
  int rc = 0;
  if (r.id <= 0) rc = err_internal(e, db_errmsg(db));
  if (!rc) {
    audit_row_hash(&r, zHash);
    if (audit_store_insert(db, &r)) rc = err_internal(e, db_errmsg(db));
  }
  free(zBefore);
  free(zAfter);
  return rc;
}

typedef struct VerifyCtx {
  char zPrev[65];
  int64_t badId;
  int64_t rows;
  char zWhy[200];
} VerifyCtx;

static int audit_verify_row(const AuditRow *r, void *pCtx) {
  VerifyCtx *c = pCtx;
  char zHash[65];
  c->rows++;
  if (strcmp(r->zPrevHash, c->zPrev) != 0) {
    c->badId = r->id;
    snprintf(c->zWhy, sizeof c->zWhy, "prev_hash does not match the hash of the row before it");
    return 1;
  }
  audit_row_hash(r, zHash);
  if (strcmp(zHash, r->zHash) != 0) {
    c->badId = r->id;
    snprintf(c->zWhy, sizeof c->zWhy, "content does not match its hash (row changed)");
    return 1;
  }
  memcpy(c->zPrev, r->zHash, 65);
  return 0;
}

int audit_verify(Db *db, int64_t *pBadId, char *zWhy, size_t nWhy, int64_t *pRows) {
  VerifyCtx c = {.badId = 0, .rows = 0};
  memset(c.zPrev, '0', 64);
  c.zPrev[64] = 0;
  int rc = audit_store_each(db, audit_verify_row, &c);
  *pBadId = c.badId;
  if (pRows) *pRows = c.rows;
  snprintf(zWhy, nWhy, "%s", c.zWhy);
  return rc;
}

int audit_list(Db *db, const AuditFilter *f, json_t **out, JwErr *e) {
  *out = audit_store_list(db, f);
  return *out ? 0 : err_internal(e, db_errmsg(db));
}

int audit_export(Db *db, const Actor *actor, const char *zAction, const char *zEntity, const json_t *after, JwErr *e) {
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = audit_append(db, actor, zAction, zEntity, NULL, NULL, after, e);
  return app_finish_write(db, rc, e);
}
