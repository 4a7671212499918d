/* crashvfs.h: a SQLite VFS for tests that simulates a power cut, the way SQLite's own crash tests do.
 *
 * "crash" wraps the default "unix" VFS. Every write to a file is kept in memory (reads see it) and reaches the real
 * file only when SQLite syncs that file: the real files always hold exactly what a disk would have kept after a power
 * cut at that moment (the syncs themselves are not passed to the disk, which keeps the tests fast). A truncation is
 * pending in the same way, in order with the writes. When the armed operation count is reached (writes, syncs and
 * truncations of all files, counted from crashvfs_arm()), the power fails:
 *   CRASH_DROP     every write not yet synced is lost;
 *   CRASH_TORN     the same, except that the write in flight (or the last one pending) reaches the disk only in part:
 *                  a random prefix of it, the rest of that range keeping its old content;
 *   CRASH_REORDER  each unsynced write independently reaches the disk or not (the disk reorders), and the write in
 *                  flight is torn as above.
 * From then on every read, write, sync, truncate and delete through the VFS fails with an I/O error, as the process
 * would be dead: the connection can only be closed. Reopening the files through "unix" then shows what survived.
 *
 * The VFS declares io_methods version 2 (no xFetch), so SQLite never reads a file through a memory map that would
 * bypass the pending writes. The -shm file is shared memory, passed through: SQLite rebuilds it from the WAL when the
 * first connection opens the database again. Tests only; not thread-safe. */
#ifndef JW_CRASHVFS_H
#define JW_CRASHVFS_H
#include <stdint.h>

typedef enum { CRASH_DROP, CRASH_TORN, CRASH_REORDER } CrashMode;

/* Registers "crash" as the default VFS (so db_open() uses it). 0 ok. */
int crashvfs_install(void);
/* Makes "unix" the default VFS again. Files still open through "crash" keep working. */
void crashvfs_uninstall(void);
/* Starts counting operations from zero; the power fails at operation crashAt (0: never), in mode, with the random
 * choices of TORN and REORDER drawn from seed. Clears a previous crash. */
void crashvfs_arm(uint64_t seed, CrashMode mode, long crashAt);
/* Write, sync and truncate operations since crashvfs_arm(). */
long crashvfs_ops(void);
/* 1 once the power has failed. */
int crashvfs_crashed(void);
/* Bytes that were written but not synced when the power failed, and how many of them reached the disk anyway. */
void crashvfs_crash_stats(long *pPendingBytes, long *pAppliedBytes);
const char *crashvfs_mode_name(CrashMode mode);

#endif
