/* backup.c: online backup and integrity check (see backup.h). */
#include "store/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db_internal.h"

int backup_to_file(Db *db, const char *zOut, JwErr *e) {
  /* Create the file here, exclusively and readable by the owner only: it holds every record and password hash.
   * SQLite then opens the empty file as a new database and gives its journal the same mode. */
  int fd = open(zOut, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return err_field(e, "out", "目标文件 %s 已存在，不会覆盖", zOut);
    return err_field(e, "out", "无法创建 %s：%s", zOut, strerror(errno));
  }
  int modeRc = fchmod(fd, 0600); /* whatever the umask */
  close(fd);
  if (modeRc) {
    unlink(zOut);
    return err_field(e, "out", "无法设置 %s 的权限", zOut);
  }
  sqlite3 *dst = NULL;
  if (sqlite3_open_v2(zOut, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
    sqlite3_close(dst);
    unlink(zOut);
    return err_field(e, "out", "无法创建 %s", zOut);
  }
  sqlite3_backup *b = sqlite3_backup_init(dst, "main", db_sqlite(db), "main");
  int rc = SQLITE_ERROR;
  if (b) {
    /* One step copies every page under one read transaction: in WAL mode writers go on meanwhile, and the copy is
     * the database as of that transaction's start. (Copying in small steps would restart after every write.) */
    do {
      rc = sqlite3_backup_step(b, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
  }
  if (rc == SQLITE_DONE) rc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
  int ok = rc == SQLITE_OK;
  if (!ok) err_set(e, 500, "internal", "out", "备份失败：%s", sqlite3_errmsg(dst));
  sqlite3_close(dst);
  if (!ok) unlink(zOut);
  return ok ? 0 : -1;
}

int backup_integrity_check(Db *db, JwErr *e) {
  Stmt *s = db_prepare(db, "PRAGMA integrity_check");
  int rc = db_step(s);
  int ok = rc == DB_ROW && strcmp(db_col_text(s, 0), "ok") == 0;
  if (!ok) err_set(e, 500, "internal", NULL, "integrity_check: %s", rc == DB_ROW ? db_col_text(s, 0) : db_errmsg(db));
  db_done(s);
  if (!ok) return -1;
  s = db_prepare(db, "PRAGMA foreign_key_check");
  rc = db_step(s);
  if (rc == DB_ROW)
    err_set(e, 500, "internal", NULL, "foreign_key_check: table %s row %lld", db_col_text(s, 0),
            (long long)db_col_int(s, 1));
  db_done(s);
  return rc == DB_DONE ? 0 : -1;
}
