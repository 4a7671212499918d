/* crashvfs.c: the power-cut VFS for tests (see crashvfs.h). Pending writes are kept per file (shared by every handle
 * on the same path) in the order they were made; reads overlay them on the real file's content. */
#include "crashvfs.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

typedef struct Pending {
  int truncate; /* 1: a truncation to off bytes (p is NULL); 0: a write of n bytes at off */
  sqlite3_int64 off;
  int n;
  long seq; /* global order of the write */
  unsigned char *p;
  struct Pending *next;
} Pending;

typedef struct CrashFile CrashFile;

typedef struct FileState {
  char *zPath;         /* NULL for a nameless temporary file (not shared) */
  CrashFile *pHandles; /* the open handles on this path; writes are applied through the first one */
  Pending *pHead, *pTail;
  struct FileState *next;
} FileState;

struct CrashFile {
  sqlite3_file base;
  FileState *st;
  sqlite3_file *pReal; /* follows this struct in the same allocation */
  CrashFile *pNextHandle;
};

static struct {
  sqlite3_vfs vfs;
  sqlite3_vfs *pUnix;
  int installed;
  FileState *files;
  long ops, crashAt, seq;
  CrashMode mode;
  uint64_t rng;
  int crashed;
  long pendingBytes, appliedBytes;
} cv;

static uint64_t cv_rand(void) { /* splitmix64 */
  uint64_t z = (cv.rng += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

const char *crashvfs_mode_name(CrashMode mode) {
  return mode == CRASH_DROP ? "drop" : mode == CRASH_TORN ? "torn" : "reorder";
}

static void cv_free_pending(FileState *st) {
  for (Pending *p = st->pHead, *next; p; p = next) {
    next = p->next;
    free(p->p);
    free(p);
  }
  st->pHead = st->pTail = NULL;
}

/* Applies pending operation p to the real file: a truncation, or the first n bytes of a write. */
static int cv_apply(FileState *st, const Pending *p, int n) {
  sqlite3_file *real = st->pHandles->pReal;
  if (p->truncate) return real->pMethods->xTruncate(real, p->off);
  if (n <= 0) return SQLITE_OK;
  return real->pMethods->xWrite(real, p->p, n, p->off);
}

/* Makes every pending write of st durable, in order (a sync). */
static int cv_flush(FileState *st) {
  int rc = SQLITE_OK;
  for (Pending *p = st->pHead; p && rc == SQLITE_OK; p = p->next) rc = cv_apply(st, p, p->n);
  cv_free_pending(st);
  return rc;
}

/* The power fails: decide, file by file, what of the unsynced writes the disk kept. */
static void cv_crash(void) {
  long lastSeq = -1;
  for (FileState *st = cv.files; st; st = st->next) {
    if (st->pTail && st->pTail->seq > lastSeq) lastSeq = st->pTail->seq;
  }
  for (FileState *st = cv.files; st; st = st->next) {
    for (Pending *p = st->pHead; p; p = p->next) {
      cv.pendingBytes += p->n;
      int n = 0;
      if (p->truncate) {
        if (cv.mode == CRASH_REORDER && cv_rand() & 1) cv_apply(st, p, 0);
        continue;
      }
      if (cv.mode != CRASH_DROP && p->seq == lastSeq) {
        n = p->n > 1 ? 1 + (int)(cv_rand() % (uint64_t)(p->n - 1)) : 0; /* a proper prefix: torn */
      } else if (cv.mode == CRASH_REORDER) {
        n = cv_rand() & 1 ? p->n : 0;
      }
      cv_apply(st, p, n);
      cv.appliedBytes += n;
    }
    cv_free_pending(st);
  }
  cv.crashed = 1;
}

/* Counts one write, sync or truncate; 1 when the power fails at this one. */
static int cv_tick(void) {
  cv.ops++;
  if (cv.crashAt > 0 && cv.ops == cv.crashAt) {
    cv_crash();
    return 1;
  }
  return 0;
}

/* ---- io methods ------------------------------------------------------------------------------------------- */

static int cv_close(sqlite3_file *f) {
  CrashFile *cf = (CrashFile *)f;
  FileState *st = cf->st;
  if (!st->pHandles->pNextHandle) {
    /* The last handle closes: the OS writes the file back eventually (a crash after this point is not modelled). */
    if (!cv.crashed) cv_flush(st);
    cv_free_pending(st);
    for (FileState **pp = &cv.files; *pp; pp = &(*pp)->next) {
      if (*pp == st) {
        *pp = st->next;
        break;
      }
    }
    free(st->zPath);
    free(st);
  } else {
    for (CrashFile **pp = &st->pHandles; *pp; pp = &(*pp)->pNextHandle) {
      if (*pp == cf) {
        *pp = cf->pNextHandle;
        break;
      }
    }
  }
  return cf->pReal->pMethods->xClose(cf->pReal);
}

/* The file's size as the pending operations leave it, from the real size. */
static sqlite3_int64 cv_virtual_size(const FileState *st, sqlite3_int64 real) {
  sqlite3_int64 size = real;
  for (const Pending *p = st->pHead; p; p = p->next) {
    if (p->truncate) size = p->off;
    else if (p->off + p->n > size) size = p->off + p->n;
  }
  return size;
}

static int cv_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off) {
  CrashFile *cf = (CrashFile *)f;
  if (cv.crashed) return SQLITE_IOERR_READ;
  unsigned char *b = buf;
  int rc = cf->pReal->pMethods->xRead(cf->pReal, buf, amt, off);
  if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) return rc;
  /* replay the pending operations over what the disk holds (a short read left zeros past the real end) */
  for (const Pending *p = cf->st->pHead; p; p = p->next) {
    if (p->truncate) {
      if (p->off < off + amt)
        memset(b + (p->off > off ? p->off - off : 0), 0, (size_t)(off + amt - (p->off > off ? p->off : off)));
      continue;
    }
    sqlite3_int64 lo = p->off > off ? p->off : off;
    sqlite3_int64 hi = p->off + p->n < off + amt ? p->off + p->n : off + amt;
    if (lo < hi) memcpy(b + (lo - off), p->p + (lo - p->off), (size_t)(hi - lo));
  }
  if (cf->st->pHead) {
    sqlite3_int64 real = 0;
    if (cf->pReal->pMethods->xFileSize(cf->pReal, &real) != SQLITE_OK) return SQLITE_IOERR_READ;
    rc = cv_virtual_size(cf->st, real) >= off + amt ? SQLITE_OK : SQLITE_IOERR_SHORT_READ;
  }
  return rc;
}

/* Appends a pending operation to f's file. */
static Pending *cv_pending_add(CrashFile *cf, sqlite3_int64 off, const void *buf, int amt) {
  Pending *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  if (buf) {
    if (!(p->p = malloc((size_t)amt))) {
      free(p);
      return NULL;
    }
    memcpy(p->p, buf, (size_t)amt);
    p->n = amt;
  } else {
    p->truncate = 1;
  }
  p->off = off;
  p->seq = ++cv.seq;
  if (cf->st->pTail) cf->st->pTail->next = p;
  else cf->st->pHead = p;
  cf->st->pTail = p;
  return p;
}

static int cv_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off) {
  CrashFile *cf = (CrashFile *)f;
  if (cv.crashed) return SQLITE_IOERR_WRITE;
  if (!cv_pending_add(cf, off, buf, amt)) return SQLITE_NOMEM;
  return cv_tick() ? SQLITE_IOERR_WRITE : SQLITE_OK;
}

/* A truncation is not durable before the next sync either. */
static int cv_truncate(sqlite3_file *f, sqlite3_int64 size) {
  CrashFile *cf = (CrashFile *)f;
  if (cv.crashed || cv_tick()) return SQLITE_IOERR_TRUNCATE;
  return cv_pending_add(cf, size, NULL, 0) ? SQLITE_OK : SQLITE_NOMEM;
}

static int cv_sync(sqlite3_file *f, int flags) {
  (void)flags;
  CrashFile *cf = (CrashFile *)f;
  if (cv.crashed || cv_tick()) return SQLITE_IOERR_FSYNC;
  return cv_flush(cf->st); /* what a disk keeps after an fsync; the real fsync is skipped */
}

static int cv_file_size(sqlite3_file *f, sqlite3_int64 *pSize) {
  CrashFile *cf = (CrashFile *)f;
  if (cv.crashed) return SQLITE_IOERR_FSTAT;
  int rc = cf->pReal->pMethods->xFileSize(cf->pReal, pSize);
  if (rc == SQLITE_OK) *pSize = cv_virtual_size(cf->st, *pSize);
  return rc;
}

static int cv_lock(sqlite3_file *f, int lock) {
  CrashFile *cf = (CrashFile *)f;
  return cf->pReal->pMethods->xLock(cf->pReal, lock);
}
static int cv_unlock(sqlite3_file *f, int lock) {
  CrashFile *cf = (CrashFile *)f;
  return cf->pReal->pMethods->xUnlock(cf->pReal, lock);
}
static int cv_check_reserved(sqlite3_file *f, int *pOut) {
  CrashFile *cf = (CrashFile *)f;
  return cf->pReal->pMethods->xCheckReservedLock(cf->pReal, pOut);
}
static int cv_file_control(sqlite3_file *f, int op, void *arg) {
  CrashFile *cf = (CrashFile *)f;
  return cf->pReal->pMethods->xFileControl(cf->pReal, op, arg);
}
static int cv_sector_size(sqlite3_file *f) {
  CrashFile *cf = (CrashFile *)f;
  return cf->pReal->pMethods->xSectorSize(cf->pReal);
}
static int cv_device_characteristics(sqlite3_file *f) {
  CrashFile *cf = (CrashFile *)f;
  return cf->pReal->pMethods->xDeviceCharacteristics(cf->pReal);
}
static int cv_shm_map(sqlite3_file *f, int iPg, int pgsz, int extend, void volatile **pp) {
  CrashFile *cf = (CrashFile *)f;
  return cf->pReal->pMethods->xShmMap(cf->pReal, iPg, pgsz, extend, pp);
}
static int cv_shm_lock(sqlite3_file *f, int offset, int n, int flags) {
  CrashFile *cf = (CrashFile *)f;
  return cf->pReal->pMethods->xShmLock(cf->pReal, offset, n, flags);
}
static void cv_shm_barrier(sqlite3_file *f) {
  CrashFile *cf = (CrashFile *)f;
  cf->pReal->pMethods->xShmBarrier(cf->pReal);
}
static int cv_shm_unmap(sqlite3_file *f, int deleteFlag) {
  CrashFile *cf = (CrashFile *)f;
  return cf->pReal->pMethods->xShmUnmap(cf->pReal, deleteFlag);
}

/* Version 2: shared memory for WAL, but no xFetch, so no page is ever read through a memory map of the real file. */
static const sqlite3_io_methods cv_io = {
    2,
    cv_close,
    cv_read,
    cv_write,
    cv_truncate,
    cv_sync,
    cv_file_size,
    cv_lock,
    cv_unlock,
    cv_check_reserved,
    cv_file_control,
    cv_sector_size,
    cv_device_characteristics,
    cv_shm_map,
    cv_shm_lock,
    cv_shm_barrier,
    cv_shm_unmap,
    NULL,
    NULL,
};

/* ---- vfs methods ------------------------------------------------------------------------------------------ */

static FileState *cv_state(const char *zPath) {
  if (zPath) {
    for (FileState *st = cv.files; st; st = st->next) {
      if (st->zPath && strcmp(st->zPath, zPath) == 0) return st;
    }
  }
  FileState *st = calloc(1, sizeof *st);
  if (!st) return NULL;
  st->zPath = zPath ? strdup(zPath) : NULL;
  st->next = cv.files;
  cv.files = st;
  return st;
}

static int cv_open(sqlite3_vfs *vfs, const char *zName, sqlite3_file *f, int flags, int *pOutFlags) {
  (void)vfs;
  CrashFile *cf = (CrashFile *)f;
  cf->base.pMethods = NULL;
  cf->pReal = (sqlite3_file *)(cf + 1);
  if (cv.crashed) return SQLITE_IOERR;
  int rc = cv.pUnix->xOpen(cv.pUnix, zName, cf->pReal, flags, pOutFlags);
  if (rc != SQLITE_OK) {
    if (cf->pReal->pMethods) cf->pReal->pMethods->xClose(cf->pReal);
    return rc;
  }
  cf->st = cv_state(zName);
  if (!cf->st) {
    cf->pReal->pMethods->xClose(cf->pReal);
    return SQLITE_NOMEM;
  }
  cf->pNextHandle = cf->st->pHandles;
  cf->st->pHandles = cf;
  cf->base.pMethods = &cv_io;
  return SQLITE_OK;
}

static int cv_delete(sqlite3_vfs *vfs, const char *zName, int syncDir) {
  (void)vfs;
  if (cv.crashed) return SQLITE_IOERR_DELETE;
  for (FileState *st = cv.files; st; st = st->next) {
    if (st->zPath && strcmp(st->zPath, zName) == 0) cv_free_pending(st);
  }
  return cv.pUnix->xDelete(cv.pUnix, zName, syncDir);
}

int crashvfs_install(void) {
  if (!cv.installed) {
    cv.pUnix = sqlite3_vfs_find("unix");
    if (!cv.pUnix) return -1;
    cv.vfs = *cv.pUnix;
    cv.vfs.pNext = NULL;
    cv.vfs.zName = "crash";
    cv.vfs.szOsFile = (int)sizeof(CrashFile) + cv.pUnix->szOsFile;
    cv.vfs.xOpen = cv_open;
    cv.vfs.xDelete = cv_delete;
    cv.installed = 1;
  }
  return sqlite3_vfs_register(&cv.vfs, 1) == SQLITE_OK ? 0 : -1;
}

void crashvfs_uninstall(void) {
  if (cv.pUnix) sqlite3_vfs_register(cv.pUnix, 1);
}

void crashvfs_arm(uint64_t seed, CrashMode mode, long crashAt) {
  cv.rng = seed;
  cv.mode = mode;
  cv.crashAt = crashAt;
  cv.ops = 0;
  cv.crashed = 0;
  cv.pendingBytes = cv.appliedBytes = 0;
}

long crashvfs_ops(void) {
  return cv.ops;
}

int crashvfs_crashed(void) {
  return cv.crashed;
}

void crashvfs_crash_stats(long *pPendingBytes, long *pAppliedBytes) {
  *pPendingBytes = cv.pendingBytes;
  *pAppliedBytes = cv.appliedBytes;
}
