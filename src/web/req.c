/* req.c: request accessors and reply helpers (see req.h). */
#include "web/req.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "lib/utf8.h"

const char *req_query(Req *r, const char *zName) {
  return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, zName);
}

const char *req_header(Req *r, const char *zName) {
  return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, zName);
}

const char *req_cookie(Req *r, const char *zName) {
  return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, zName);
}

const char *req_peer(Req *r) {
  if (!r->conn) return "-";
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (!ci || !ci->client_addr) return "-";
  char *z = arena_alloc(&r->arena, INET6_ADDRSTRLEN);
  if (ci->client_addr->sa_family == AF_INET) {
    inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, z, INET6_ADDRSTRLEN);
  } else if (ci->client_addr->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, z, INET6_ADDRSTRLEN);
  } else {
    return "-";
  }
  return z;
}

int reply_json(Req *r, int status, json_t *v) {
  if (!v) return reply_err(r, 500, "internal", NULL, "服务器内部错误，请联系管理员");
  buf_reset(&r->out);
  char *z = json_dumps(v, JSON_COMPACT);
  json_decref(v);
  if (!z) return reply_err(r, 500, "internal", NULL, "服务器内部错误，请联系管理员");
  buf_puts(&r->out, z);
  free(z);
  r->status = status;
  r->zContentType = "application/json; charset=utf-8";
  r->pStatic = NULL;
  return 0;
}

int reply_fd(Req *r, int status, int fd, uint64_t nSize, const char *zContentType, const char *zDisposition) {
  if (r->hasReplyFd) close(r->replyFd);
  buf_reset(&r->out);
  r->status = status;
  r->hasReplyFd = 1;
  r->replyFd = fd;
  r->replyFdSize = nSize;
  r->zContentType = zContentType;
  r->zDisposition = zDisposition;
  r->pStatic = NULL;
  return 0;
}

int reply_err(Req *r, int status, const char *zCode, const char *zField, const char *zMessage) {
  json_t *err = json_pack("{s:s, s:s}", "code", zCode, "message", zMessage);
  if (zField && *zField) json_object_set_new(err, "field", json_string(zField));
  json_t *reply = json_pack("{s:o}", "error", err);
  char *z = json_dumps(reply, JSON_COMPACT);
  json_decref(reply);
  buf_reset(&r->out);
  buf_puts(&r->out, z ? z : "{\"error\":{\"code\":\"internal\",\"message\":\"?\"}}");
  free(z);
  r->status = status;
  r->zContentType = "application/json; charset=utf-8";
  r->pStatic = NULL;
  return 0;
}

int reply_error(Req *r, const JwErr *e) {
  return reply_err(r, e->status ? e->status : 500, e->code ? e->code : "internal", e->field, e->message);
}

int req_query_int(Req *r, const char *zName, int64_t min, int64_t max, int64_t dflt, int64_t *out, JwErr *e) {
  const char *z = req_query(r, zName);
  if (!z || !*z) {
    *out = dflt;
    return 0;
  }
  char *zEnd;
  errno = 0;
  long long v = strtoll(z, &zEnd, 10);
  if (errno || *zEnd || (z[0] < '0' || z[0] > '9') || v < min || v > max) {
    return err_field(e, zName, "参数 %s 必须是 %lld 到 %lld 之间的整数", zName, (long long)min, (long long)max);
  }
  *out = v;
  return 0;
}

int req_paging(Req *r, int *pLimit, int *pOffset, JwErr *e) {
  int64_t limit, offset;
  if (req_query_int(r, "limit", 1, 200, 50, &limit, e) || req_query_int(r, "offset", 0, 100000000, 0, &offset, e)) {
    return -1;
  }
  *pLimit = (int)limit;
  *pOffset = (int)offset;
  return 0;
}

int req_query_str(Req *r, const char *zName, size_t maxChars, const char **out, JwErr *e) {
  const char *z = req_query(r, zName);
  *out = NULL;
  if (!z || !*z) return 0;
  size_t n = strlen(z);
  if (!utf8_valid(z, n) || utf8_has_control(z, n, NULL)) return err_field(e, zName, "参数 %s 含有非法字符", zName);
  if (utf8_length(z, n) > maxChars) return err_field(e, zName, "参数 %s 超过 %zu 个字符", zName, maxChars);
  *out = z;
  return 0;
}

int req_query_date(Req *r, const char *zName, const char **out, JwErr *e) {
  const char *z = req_query(r, zName);
  JwDate d;
  *out = NULL;
  if (!z || !*z) return 0;
  if (date_parse(z, strlen(z), &d)) return err_field(e, zName, "参数 %s 必须是有效日期（YYYY-MM-DD）", zName);
  *out = z;
  return 0;
}
