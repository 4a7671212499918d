/* migrate.c: jianwu migrate's use case (see migrate.h): the source's chain checked, the office refused when the
 * target holds it already, every table copied with ids offset, the audit rows appended to the target's chain,
 * and the copy checked before it commits. */
#include "app/migrate.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "store/audit_store.h"
#include "store/case_search.h"
#include "store/schema.h"

int migrate_source_check(Db *src, MigrateSource *out, JwErr *e) {
  memset(out, 0, sizeof *out);
  /* one snapshot of the source for the check and the copy */
  if (db_exec(src, "BEGIN")) return err_set(e, 500, "internal", "from", "无法读取源数据库：%s", db_errmsg(src));
  int64_t badId = 0;
  char zWhy[200];
  int rc = audit_verify(src, &badId, zWhy, sizeof zWhy, &out->auditRows);
  if (rc > 0) {
    err_set(e, 409, "conflict", "from", "源数据库的审计日志在第 %lld 行被破坏（%s），拒绝迁移", (long long)badId, zWhy);
  } else if (rc < 0 || audit_store_last_hash(src, out->zLastHash)) {
    rc = err_set(e, 500, "internal", "from", "无法读取源数据库的审计日志：%s", db_errmsg(src));
  }
  if (rc) {
    migrate_source_end(src);
    return -1;
  }
  return 0;
}

void migrate_source_end(Db *src) {
  db_rollback(src);
}

typedef struct Rechain {
  Db *dst;
  const CopyPlan *p;
  CopyTable *t;
  char zPrev[65];
  CopyProgress xProgress;
  void *ctx;
  JwErr *e;
} Rechain;

/* 1 when z is a decimal id. */
static int migrate_is_id(const char *z) {
  if (!z || !*z || strlen(z) > 18) return 0;
  for (; *z; z++) {
    if (*z < '0' || *z > '9') return 0;
  }
  return 1;
}

/* One source audit row appended to the target's chain: new id, org, user and entity remapped, hashes recomputed. */
static int migrate_rechain_row(const AuditRow *r, void *pCtx) {
  Rechain *c = pCtx;
  /* an entity id that is a row id is remapped with its table's offset; one that names no row (an export's, none;
   * an indicator's code; a period) is copied as it is, whatever the entity */
  const char *zTable = copy_entity_table(r->zEntity);
  char zEntityId[24], zHash[65];
  const char *zEid = r->zEntityId;
  if (!zTable && migrate_is_id(zEid)) {
    err_set(c->e, 409, "conflict", "from", "源审计日志第 %lld 行的对象类型 %.40s 本程序不认识，无法迁移",
            (long long)r->id, r->zEntity);
    return 1;
  }
  if (zTable && migrate_is_id(zEid)) {
    snprintf(zEntityId, sizeof zEntityId, "%lld", (long long)copy_remap(c->p, zTable, strtoll(zEid, NULL, 10)));
    zEid = zEntityId;
  }
  AuditRow n = *r;
  n.id = r->id + c->t->offset;
  n.orgId = copy_remap(c->p, "org", r->orgId);
  n.userId = copy_remap(c->p, "app_user", r->userId);
  n.zEntityId = zEid;
  n.zPrevHash = c->zPrev;
  n.zHash = zHash;
  audit_row_hash(&n, zHash);
  if (audit_store_insert(c->dst, &n)) {
    err_set(c->e, 500, "internal", NULL, "写入审计日志失败：%s", db_errmsg(c->dst));
    return 1;
  }
  memcpy(c->zPrev, zHash, sizeof zHash);
  c->t->nCopied++;
  if (c->xProgress && c->t->nCopied % 2000 == 0) c->xProgress(c->ctx, c->t, c->t->nCopied);
  return 0;
}

static int migrate_rechain(Db *src, Db *dst, const CopyPlan *p, CopyTable *t, CopyProgress xProgress, void *ctx,
                           JwErr *e) {
  Rechain c = {dst, p, t, {0}, xProgress, ctx, e};
  if (audit_store_last_hash(dst, c.zPrev)) return err_internal(e, db_errmsg(dst));
  t->nCopied = 0;
  int rc = audit_store_each(src, migrate_rechain_row, &c);
  if (rc < 0) return err_set(e, 500, "internal", NULL, "读取源审计日志失败：%s", db_errmsg(src));
  if (rc) return -1;
  if (xProgress) xProgress(ctx, t, t->nCopied);
  return 0;
}

/* The org.migrate row: what came from where, and the source chain's last hash to check it against the file. */
static int migrate_audit_note(Db *dst, const CopyPlan *p, const MigrateSource *ms, const char *zSourceName, JwErr *e) {
  json_t *counts = json_object(), *offsets = json_object();
  for (int i = 0; i < p->nTable; i++) {
    const CopyTable *t = &p->aTable[i];
    json_object_set_new(counts, t->zName, json_integer(t->nSource));
    if (t->hasId && (t->mode == COPY_ROWS || t->mode == COPY_BY_CALLER)) {
      json_object_set_new(offsets, t->zName, json_integer(t->offset));
    }
  }
  json_t *after = json_pack("{s:s, s:s, s:o, s:o, s:I, s:s}", "source", zSourceName, "orgs", p->zOrgCodes,
                            "source_counts", counts, "id_offsets", offsets, "source_audit_rows",
                            (json_int_t)ms->auditRows, "source_last_hash", ms->zLastHash);
  int64_t orgId = copy_remap(p, "org", p->firstOrgId);
  Actor actor = {.userId = 0, .orgId = orgId, .zLogin = "migrate"};
  int rc = audit_append(dst, &actor, "org.migrate", "org", audit_id(orgId).z, NULL, after, e);
  json_decref(after);
  return rc;
}

/* Row counts per table and the target's whole audit chain, inside the transaction. */
static int migrate_check(Db *dst, const CopyPlan *p, int64_t nExtraAudit, JwErr *e) {
  for (int i = 0; i < p->nTable; i++) {
    const CopyTable *t = &p->aTable[i];
    if (t->mode != COPY_ROWS && t->mode != COPY_BY_CALLER) continue;
    int64_t nAfter = 0, nExtra = strcmp(t->zName, "audit_log") == 0 ? nExtraAudit : 0;
    if (copy_count_rows(dst, t, &nAfter)) return err_internal(e, db_errmsg(dst));
    if (t->nCopied != t->nSource || nAfter - t->nBefore != t->nSource + nExtra) {
      return err_set(e, 500, "internal", NULL, "校验失败：表 %s 源有 %lld 行，复制了 %lld 行，目标增加了 %lld 行",
                     t->zName, (long long)t->nSource, (long long)t->nCopied, (long long)(nAfter - t->nBefore));
    }
  }
  int64_t badId = 0;
  char zWhy[200];
  int rc = audit_verify(dst, &badId, zWhy, sizeof zWhy, NULL);
  if (rc > 0)
    return err_set(e, 500, "internal", NULL, "校验失败：目标审计日志在第 %lld 行断开（%s）", (long long)badId, zWhy);
  if (rc < 0) return err_internal(e, db_errmsg(dst));
  return 0;
}

static int migrate_copy(Db *src, Db *dst, const MigrateSource *ms, const char *zSourceName, CopyProgress xProgress,
                        void *ctx, MigrateResult *r, JwErr *e) {
  char zWhat[200];
  int c = copy_find_conflict(src, dst, zWhat, sizeof zWhat);
  if (c < 0) return err_set(e, 500, "internal", NULL, "无法读取目标数据库：%s", db_errmsg(dst));
  if (c > 0) return err_set(e, 409, "conflict", "to", "目标数据库已有%s（该院已经迁移过？），拒绝迁移", zWhat);
  if (copy_plan(src, dst, &r->plan, e)) return -1;
  CopyPlan *p = &r->plan;
  for (int i = 0; i < p->nTable; i++) {
    CopyTable *t = &p->aTable[i];
    int rc = t->mode == COPY_BY_CALLER ? migrate_rechain(src, dst, p, t, xProgress, ctx, e)
                                       : copy_table_rows(src, dst, p, t, xProgress, ctx, e);
    if (rc) return -1;
    if (t->mode == COPY_BY_CALLER) r->rechained = 1;
  }
  if (r->rechained) {
    if (migrate_audit_note(dst, p, ms, zSourceName, e)) return -1;
  }
  if (schema_sync_sequences(dst)) return err_set(e, 500, "internal", NULL, "无法更新编号序列：%s", db_errmsg(dst));
  /* the search documents are derived, not copied: built for the copied cases, in this transaction */
  if (case_search_rebuild_range(dst, copy_remap(p, "case_record", 1), INT64_MAX / 2)) {
    return err_set(e, 500, "internal", NULL, "无法建立案件搜索索引：%s", db_errmsg(dst));
  }
  return migrate_check(dst, p, r->rechained ? 1 : 0, e);
}

int migrate_office(Db *src, Db *dst, const MigrateSource *ms, const char *zSourceName, CopyProgress xProgress,
                   void *ctx, MigrateResult *r, JwErr *e) {
  memset(r, 0, sizeof *r);
  if (db_begin(dst)) {
    migrate_source_end(src);
    return err_set(e, 503, "unavailable", "to", "无法开始目标数据库的事务：%s", db_errmsg(dst));
  }
  int rc = migrate_copy(src, dst, ms, zSourceName, xProgress, ctx, r, e);
  if (rc) db_rollback(dst);
  else if (db_commit(dst)) rc = err_set(e, 500, "internal", "to", "提交失败：%s", db_errmsg(dst));
  migrate_source_end(src);
  return rc;
}
