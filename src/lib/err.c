/* err.c: filling JwErr (see err.h). */
#include "lib/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/log.h"

static void err_vfill(JwErr *e, int status, const char *code, const char *zField, const char *zFmt, va_list ap) {
  e->status = status;
  e->code = code;
  vsnprintf(e->message, sizeof e->message, zFmt, ap);
  snprintf(e->field, sizeof e->field, "%s", zField ? zField : "");
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

int err_internal(JwErr *e, const char *zDetail) {
  log_error("internal error: %s", zDetail ? zDetail : "?");
  return err_set(e, 500, "internal", NULL, "服务器内部错误，请联系管理员");
}
