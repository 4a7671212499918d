/* log.h: the error log (stderr) and the access log (one line per request).
 *
 * Lines are prefixed with a UTC timestamp. Writes are whole lines under a mutex, so threads do not interleave.
 * log_set_access_file() sends the access log to a file instead of stderr; log_set_quiet() silences info lines
 * (tests). */
#ifndef JW_LOG_H
#define JW_LOG_H

void log_error(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
void log_access(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));
int log_set_access_file(const char *zPath); /* 0 ok, -1 cannot open; NULL: stderr */
void log_set_quiet(int quiet);

#endif
