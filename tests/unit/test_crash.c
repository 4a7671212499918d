/* test_crash.c: power-cut safety of the store, with the crash VFS (crashvfs.h) under the real app and store code.
 *
 * Each round creates a database (normal VFS) with an organisation, reopens it through the crash VFS with the product's
 * settings (WAL, synchronous=FULL) and runs a stream of audited writes through the app layer (departments created
 * and renamed, calendar imports of a few KB), with checkpoints forced often so that the database file itself is written
 * too. At a random operation (seeded) the power fails. The database is then reopened through the normal "unix" VFS and
 * must: open, pass PRAGMA integrity_check and the audit chain verification, hold every write that was acknowledged
 * before the cut (the write in flight may or may not be there), keep each write and its audit row together, and take
 * writes again.
 *
 * JIANWU_CRASH_SEEDS rounds (default 24; make reliability runs 400) cycle through the modes drop, torn and reorder;
 * JIANWU_CRASH_SEED sets the first seed (default: from the clock). Every round prints its seed: rerun one with
 * JIANWU_CRASH_SEED=S JIANWU_CRASH_SEEDS=1.
 *
 * The harness itself is tested: with synchronous=OFF nothing is ever synced and with NORMAL the WAL is synced only at
 * checkpoints, so a power cut must lose acknowledged writes, and the test checks that it does (and that FULL loses
 * none); a torn cut must apply a proper part of the write in flight. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "app/accounts.h"
#include "app/audit.h"
#include "app/holidays.h"
#include "lib/buf.h"
#include "lib/log.h"
#include "store/db.h"
#include "store/db_internal.h"
#include "crashvfs.h"
#include "test_util.h"

#define STREAM_WRITES   48 /* audited writes per round */
#define MAX_DEPTS       STREAM_WRITES
#define IMPORT_EVERY    8 /* every 8th write is a calendar import of a few KB (overflow pages) */
#define CHECKPOINT_PAGE 8 /* wal_autocheckpoint during the stream: the database file is written every few commits */

typedef struct Dept {
  int64_t id;
  char zName[48];     /* acknowledged name */
  char zInflight[48]; /* a rename in flight at the cut ("" when none) */
} Dept;

typedef struct Round {
  char zDir[64], zPath[96];
  int64_t orgId;
  Dept aDept[MAX_DEPTS];
  int nDept;
  int acked;                                         /* acknowledged audited writes */
  char zInflightNew[48];                             /* a create in flight at the cut ("" when none) */
  int64_t aImport[STREAM_WRITES / IMPORT_EVERY + 1]; /* ids of acknowledged calendar imports */
  size_t aImportLen[STREAM_WRITES / IMPORT_EVERY + 1];
  int nImport;
  int inflightImport; /* an import was in flight at the cut */
  int baseAudit;      /* audit rows before the stream */
} Round;

static uint64_t rng_state;
static uint64_t rng_next(void) { /* splitmix64, as in the VFS */
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static int64_t query_int(Db *db, const char *zSql, int64_t bind) {
  sqlite3_stmt *s;
  assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), zSql, -1, &s, NULL), SQLITE_OK);
  if (bind) sqlite3_bind_int64(s, 1, bind);
  int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  return v;
}

/* The name of department id, or "" when it does not exist. */
static void dept_name(Db *db, int64_t id, char *out, size_t n) {
  sqlite3_stmt *s;
  assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), "SELECT name FROM department WHERE id = ?1", -1, &s, NULL),
                   SQLITE_OK);
  sqlite3_bind_int64(s, 1, id);
  out[0] = 0;
  if (sqlite3_step(s) == SQLITE_ROW) snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
}

static void round_init(Round *r) {
  crashvfs_uninstall(); /* a failed test may have left the crash VFS in place */
  memset(r, 0, sizeof *r);
  snprintf(r->zDir, sizeof r->zDir, "/tmp/jw-crash-XXXXXX");
  assert_non_null(mkdtemp(r->zDir));
  snprintf(r->zPath, sizeof r->zPath, "%s/t.db", r->zDir);
  Db *db;
  JwErr e;
  if (db_open(r->zPath, DB_OPEN_CREATE, &db, &e)) fail_msg("cannot create %s: %s", r->zPath, e.message);
  assert_int_equal(accounts_org_bootstrap(db, "crash", "断电测试院", "county", NULL, &r->orgId, &e), 0);
  r->baseAudit = (int)query_int(db, "SELECT count(*) FROM audit_log", 0);
  db_close(db);
}

static void round_free(Round *r) {
  char zCmd[128];
  snprintf(zCmd, sizeof zCmd, "rm -rf %s", r->zDir);
  assert_int_equal(system(zCmd), 0);
}

/* Opens the round's database through the crash VFS with the product's settings. */
static Db *open_crashable(Round *r, const char *zSync) {
  assert_int_equal(crashvfs_install(), 0);
  crashvfs_arm(0, CRASH_DROP, 0); /* power back on */
  Db *db;
  JwErr e;
  if (db_open(r->zPath, DB_OPEN_EXISTING, &db, &e)) fail_msg("cannot open %s: %s", r->zPath, e.message);
  char zSql[64];
  snprintf(zSql, sizeof zSql, "PRAGMA wal_autocheckpoint=%d", CHECKPOINT_PAGE);
  assert_int_equal(sqlite3_exec(db_sqlite(db), zSql, NULL, NULL, NULL), SQLITE_OK);
  if (zSync) assert_int_equal(sqlite3_exec(db_sqlite(db), zSync, NULL, NULL, NULL), SQLITE_OK);
  return db;
}

/* A calendar import text for year y of about 6 KB: more than a page, so it is stored in overflow pages. */
static void import_text(Buf *b, int y) {
  buf_printf(b, "year %d complete\n%d-01-01 holiday 元旦\n%d-05-01 holiday 劳动节\n%d-10-01..%d-10-03 holiday 国庆节\n", y,
             y, y, y, y);
  for (int i = 0; i < 120; i++) buf_printf(b, "# 断电测试填充第 %03d 行，内容无意义\n", i);
}

/* Runs the stream until it ends or the power fails. Returns 1 if a write failed (the cut), else 0. */
static int run_stream(Round *r, Db *db) {
  Actor actor = {.userId = 0, .orgId = r->orgId, .zLogin = "system"};
  for (int i = 0; i < STREAM_WRITES; i++) {
    JwErr e;
    json_t *out = NULL, *in;
    if (i % IMPORT_EVERY == IMPORT_EVERY - 1) {
      Buf b = BUF_INIT;
      import_text(&b, 2100 + i);
      int rc = holidays_import(db, &actor, b.z, b.n, &out, &e);
      if (rc) {
        buf_free(&b);
        if (!crashvfs_crashed()) fail_msg("import %d failed without a crash: %s", i, e.message);
        r->inflightImport = 1;
        return 1;
      }
      r->aImport[r->nImport] = json_integer_value(json_object_get(out, "version"));
      r->aImportLen[r->nImport++] = b.n;
      buf_free(&b);
      json_decref(out);
      r->acked++;
      if (crashvfs_crashed()) return 1;
      continue;
    }
    int rename = r->nDept > 0 && i % 3 == 2;
    char zName[48];
    int k = rename ? (int)(rng_next() % (uint64_t)r->nDept) : -1;
    snprintf(zName, sizeof zName, rename ? "改名部门-%d" : "部门-%d", i);
    in = json_pack("{s:s, s:s}", "name", zName, "kind", "other");
    int rc = rename ? accounts_dept_update(db, &actor, r->aDept[k].id, in, &out, &e)
                    : accounts_dept_create(db, &actor, in, &out, &e);
    json_decref(in);
    if (rc) {
      /* only the power cut may make a write fail */
      if (!crashvfs_crashed()) fail_msg("write %d failed without a crash: %s", i, e.message);
      if (rename) {
        snprintf(r->aDept[k].zInflight, sizeof r->aDept[k].zInflight, "%s", zName);
      } else {
        snprintf(r->zInflightNew, sizeof r->zInflightNew, "%s", zName);
      }
      return 1;
    }
    if (rename) {
      snprintf(r->aDept[k].zName, sizeof r->aDept[k].zName, "%s", zName);
    } else {
      Dept *d = &r->aDept[r->nDept++];
      d->id = json_integer_value(json_object_get(out, "id"));
      snprintf(d->zName, sizeof d->zName, "%s", zName);
    }
    json_decref(out);
    r->acked++;
    /* a write can be acknowledged and the cut come at the checkpoint that follows it: that is still a cut */
    if (crashvfs_crashed()) return 1;
  }
  return 0;
}

/* Reopens through "unix" and counts the acknowledged writes that are missing. Checks everything else that must hold
 * after any power cut: open, integrity, audit chain, atomicity of write and audit row, writable again. */
static int recover_and_check(Round *r, int *pMissing) {
  crashvfs_uninstall();
  Db *db;
  JwErr e;
  if (db_open(r->zPath, DB_OPEN_EXISTING, &db, &e)) fail_msg("cannot reopen %s: %s", r->zPath, e.message);
  sqlite3_stmt *s;
  assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), "PRAGMA integrity_check", -1, &s, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
  sqlite3_finalize(s);
  int64_t bad = 0, rows = 0;
  char zWhy[200] = "";
  int v = audit_verify(db, &bad, zWhy, sizeof zWhy, &rows);
  if (v != 0) fail_msg("audit chain broken at row %lld: %s", (long long)bad, zWhy);

  int missing = 0, visible = 0;
  for (int i = 0; i < r->nDept; i++) {
    char zNow[48];
    dept_name(db, r->aDept[i].id, zNow, sizeof zNow);
    if (strcmp(zNow, r->aDept[i].zName) == 0) continue;
    if (r->aDept[i].zInflight[0] && strcmp(zNow, r->aDept[i].zInflight) == 0) {
      visible++; /* the rename in flight made it */
      continue;
    }
    missing++;
  }
  for (int i = 0; i < r->nImport; i++) {
    if (query_int(db, "SELECT length(CAST(text AS BLOB)) FROM calendar_import WHERE id = ?1", r->aImport[i]) !=
        (int64_t)r->aImportLen[i]) {
      missing++;
    }
  }
  int64_t nImport = query_int(db, "SELECT count(*) FROM calendar_import", 0);
  if (r->inflightImport && nImport == r->nImport + 1) visible++;
  int64_t nDept = query_int(db, "SELECT count(*) FROM department", 0);
  int64_t inflightNew = 0;
  if (r->zInflightNew[0]) {
    sqlite3_prepare_v2(db_sqlite(db), "SELECT count(*) FROM department WHERE name = ?1", -1, &s, NULL);
    sqlite3_bind_text(s, 1, r->zInflightNew, -1, SQLITE_STATIC);
    sqlite3_step(s);
    inflightNew = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    visible += (int)inflightNew;
  }
  if (!missing) {
    /* nothing invented: the departments are those acknowledged plus, at most, the one in flight */
    assert_int_equal(nDept, r->nDept + inflightNew);
    assert_int_equal(nImport, r->nImport + (r->inflightImport && nImport > r->nImport ? 1 : 0));
    /* each visible write has exactly its one audit row (they commit together) */
    assert_int_equal(rows, r->baseAudit + r->acked + visible);
  }
  /* and the database takes writes again */
  Actor actor = {.userId = 0, .orgId = r->orgId, .zLogin = "system"};
  json_t *in = json_pack("{s:s, s:s}", "name", "恢复后部门", "kind", "other"), *out = NULL;
  assert_int_equal(accounts_dept_create(db, &actor, in, &out, &e), 0);
  json_decref(in);
  json_decref(out);
  db_close(db);
  *pMissing = missing;
  return 0;
}

static uint64_t env_u64(const char *zName, uint64_t dflt) {
  const char *z = getenv(zName);
  return z && *z ? strtoull(z, NULL, 10) : dflt;
}

/* How many VFS operations the whole stream takes without a cut (and that it loses nothing then). */
static long stream_ops(void) {
  Round r;
  round_init(&r);
  Db *db = open_crashable(&r, NULL);
  crashvfs_arm(1, CRASH_DROP, 0);
  rng_state = 1;
  assert_int_equal(run_stream(&r, db), 0);
  long ops = crashvfs_ops();
  db_close(db);
  int missing = -1;
  recover_and_check(&r, &missing);
  assert_int_equal(missing, 0);
  assert_int_equal(r.acked, STREAM_WRITES);
  round_free(&r);
  return ops;
}

static void test_power_cut_keeps_every_acknowledged_write(void **state) {
  (void)state;
  log_set_quiet(1);
  long total = stream_ops();
  assert_true(total > STREAM_WRITES * 2); /* at least a write and a sync per commit */
  uint64_t seeds = env_u64("JIANWU_CRASH_SEEDS", 24);
  uint64_t seed0 = env_u64("JIANWU_CRASH_SEED", (uint64_t)time(NULL) * 1000 + (uint64_t)getpid() % 1000);
  printf("power cut: %llu rounds from seed %llu, %ld VFS operations in a full stream of %d writes\n",
         (unsigned long long)seeds, (unsigned long long)seed0, total, STREAM_WRITES);
  int failures = 0;
  for (uint64_t k = 0; k < seeds; k++) {
    uint64_t seed = seed0 + k;
    CrashMode mode = (CrashMode)(seed % 3);
    rng_state = seed;
    long at = 1 + (long)(rng_next() % (uint64_t)total);
    Round r;
    round_init(&r);
    Db *db = open_crashable(&r, NULL);
    crashvfs_arm(seed, mode, at);
    int cut = run_stream(&r, db);
    db_close(db);
    long pending, applied;
    crashvfs_crash_stats(&pending, &applied);
    int missing = -1;
    recover_and_check(&r, &missing);
    printf(
        "  seed %llu %-7s cut at op %4ld/%ld%s: %2d writes acknowledged, %ld unsynced bytes (%ld reached disk): %s\n",
        (unsigned long long)seed, crashvfs_mode_name(mode), at, total, cut ? "" : " (after the stream)", r.acked,
        pending, applied, missing ? "LOST WRITES" : "ok");
    if (missing) {
      printf("    %d acknowledged writes missing; rerun with JIANWU_CRASH_SEED=%llu JIANWU_CRASH_SEEDS=1\n", missing,
             (unsigned long long)seed);
      failures++;
    }
    round_free(&r);
  }
  assert_int_equal(failures, 0);
}

/* Runs the whole stream with the given synchronous setting, cuts the power right after it, and returns how many
 * acknowledged departments were lost. */
static int lost_after_stream(const char *zSync, int *pTotal) {
  Round r;
  round_init(&r);
  Db *db = open_crashable(&r, zSync);
  rng_state = 7;
  assert_int_equal(run_stream(&r, db), 0);
  assert_int_equal(r.acked, STREAM_WRITES);
  /* the power fails at the next operation: one more write */
  crashvfs_arm(7, CRASH_DROP, 1);
  Actor actor = {.userId = 0, .orgId = r.orgId, .zLogin = "system"};
  JwErr e;
  json_t *in = json_pack("{s:s, s:s}", "name", "最后一个", "kind", "other"), *out = NULL;
  assert_int_equal(accounts_dept_create(db, &actor, in, &out, &e), -1);
  json_decref(in);
  assert_true(crashvfs_crashed());
  db_close(db);
  snprintf(r.zInflightNew, sizeof r.zInflightNew, "最后一个");
  int missing = -1;
  recover_and_check(&r, &missing);
  printf("%s: %d of %d acknowledged departments and imports lost by the cut\n", zSync ? zSync : "synchronous=FULL",
         missing, r.nDept + r.nImport);
  if (pTotal) *pTotal = r.nDept + r.nImport;
  round_free(&r);
  return missing;
}

/* The harness can fail: with synchronous=OFF SQLite never syncs, so the cut loses everything acknowledged; with
 * NORMAL the WAL is synced only at checkpoints, so with none during the stream it loses acknowledged commits too;
 * with the product's FULL it loses nothing, with or without checkpoints. */
static void test_harness_detects_lost_writes_without_sync(void **state) {
  (void)state;
  log_set_quiet(1);
  int total = 0;
  int lost = lost_after_stream("PRAGMA synchronous=OFF", &total);
  assert_int_equal(lost, total);
  assert_true(total > 30);
  assert_true(lost_after_stream("PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=1000", NULL) > 0);
  assert_int_equal(lost_after_stream("PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=1000", NULL), 0);
  assert_int_equal(lost_after_stream(NULL, NULL), 0);
}

/* A torn cut writes a proper, non-empty part of the write in flight, and nothing else unsynced. */
static void test_torn_cut_applies_part_of_the_last_write(void **state) {
  (void)state;
  log_set_quiet(1);
  Round r;
  round_init(&r);
  Db *db = open_crashable(&r, NULL);
  crashvfs_arm(3, CRASH_TORN, 1); /* the first operation of the next write: a WAL frame */
  Actor actor = {.userId = 0, .orgId = r.orgId, .zLogin = "system"};
  JwErr e;
  json_t *in = json_pack("{s:s, s:s}", "name", "撕裂", "kind", "other"), *out = NULL;
  assert_int_equal(accounts_dept_create(db, &actor, in, &out, &e), -1);
  json_decref(in);
  db_close(db);
  long pending, applied;
  crashvfs_crash_stats(&pending, &applied);
  assert_true(pending > 0);
  assert_true(applied > 0 && applied < pending);
  snprintf(r.zInflightNew, sizeof r.zInflightNew, "撕裂");
  int missing = -1;
  recover_and_check(&r, &missing);
  assert_int_equal(missing, 0);
  round_free(&r);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0); /* whole lines between the store's error lines on stderr */
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_harness_detects_lost_writes_without_sync),
      cmocka_unit_test(test_torn_cut_applies_part_of_the_last_write),
      cmocka_unit_test(test_power_cut_keeps_every_acknowledged_write),
  };
  return cmocka_run_group_tests_name("power cut (crash VFS)", tests, NULL, NULL);
}
