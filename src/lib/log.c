/* log.c: error and access logs (see log.h). Process-wide state: the access log FILE and the quiet flag. */
#include "lib/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#include "lib/timeutil.h"

static pthread_mutex_t log_mutex = PTHREAD_MUTEX_INITIALIZER;
static FILE *log_access_fp; /* NULL: stderr */
static int log_quiet;

static void log_line(FILE *fp, const char *zLevel, const char *zFmt, va_list ap) {
  char zNow[32];
  time_now_iso(zNow);
  pthread_mutex_lock(&log_mutex);
  fprintf(fp, "%s %s ", zNow, zLevel);
  vfprintf(fp, zFmt, ap);
  fputc('\n', fp);
  fflush(fp);
  pthread_mutex_unlock(&log_mutex);
}

void log_error(const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  log_line(stderr, "ERROR", zFmt, ap);
  va_end(ap);
}

void log_info(const char *zFmt, ...) {
  if (log_quiet) return;
  va_list ap;
  va_start(ap, zFmt);
  log_line(stderr, "INFO", zFmt, ap);
  va_end(ap);
}

void log_access(const char *zFmt, ...) {
  if (log_quiet && !log_access_fp) return;
  va_list ap;
  va_start(ap, zFmt);
  log_line(log_access_fp ? log_access_fp : stderr, "ACCESS", zFmt, ap);
  va_end(ap);
}

int log_set_access_file(const char *zPath) {
  FILE *fp = NULL;
  if (zPath) {
    fp = fopen(zPath, "a");
    if (!fp) return -1;
  }
  pthread_mutex_lock(&log_mutex);
  if (log_access_fp) fclose(log_access_fp);
  log_access_fp = fp;
  pthread_mutex_unlock(&log_mutex);
  return 0;
}

void log_set_quiet(int quiet) {
  log_quiet = quiet;
}
