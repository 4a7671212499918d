/* err.c: filling JwErr (see err.h). */
#include "lib/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"
#include "lib/mem.h"
#include "lib/utf8.h"

/* Formats the message into e->message; a message longer than the buffer is formatted whole on the heap first, then
 * cut at a character boundary with "…" (utf8_copy). Invalid UTF-8 from a value is replaced by '?'. */
static void err_vfill(JwErr *e, int status, const char *code, const char *zField, const char *zFmt, va_list ap) {
  e->status = status;
  e->code = code;
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(e->message, sizeof e->message, zFmt, ap);
  if (n < 0) {
    snprintf(e->message, sizeof e->message, "%s", "（错误信息无法生成）");
  } else if ((size_t)n >= sizeof e->message) {
    char *z = xmalloc((size_t)n + 1);
    vsnprintf(z, (size_t)n + 1, zFmt, ap2);
    utf8_copy(e->message, sizeof e->message, z);
    free(z);
  }
  va_end(ap2);
  utf8_scrub(e->message);
  utf8_copy(e->field, sizeof e->field, zField ? zField : "");
  utf8_scrub(e->field);
}

int err_set(JwErr *e, int status, const char *code, const char *zField, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  err_vfill(e, status, code, zField, zFmt, ap);
  va_end(ap);
  return -1;
}

int err_field(JwErr *e, const char *zField, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  err_vfill(e, 400, "validation_failed", zField, zFmt, ap);
  va_end(ap);
  return -1;
}

int err_rule(JwErr *e, const char *zField, const char *zWhy) {
  return err_set(e, 422, "rule_violated", zField, "%s", zWhy);
}

int err_internal(JwErr *e, const char *zDetail) {
  log_error("internal error: %s", zDetail ? zDetail : "?");
  return err_set(e, 500, "internal", NULL, "服务器内部错误，请联系管理员");
}
