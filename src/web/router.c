/* router.c: matching a request to its declared route and enforcing the route's policy (see router.h). */
#include "web/router.h"

#include <string.h>

#include "core/roles.h"
#include "lib/jsonin.h"
#include "web/api.h"

/* Matches one pattern against a path; fills ids. 1 on match. */
static int router_match_pattern(const char *zPattern, const char *zPath, int64_t aId[2], int *pnId) {
  const char *p = zPattern, *s = zPath;
  int nId = 0;
  while (*p && *s) {
    if (strncmp(p, "{id}", 4) == 0) {
      int64_t v = 0;
      int digits = 0;
      if (*s == '0') return 0;
      while (*s >= '0' && *s <= '9') {
        if (++digits > 15) return 0;
        v = v * 10 + (*s - '0');
        s++;
      }
      if (!digits || nId == 2) return 0;
      aId[nId++] = v;
      p += 4;
    } else if (*p == *s) {
      p++;
      s++;
    } else {
      return 0;
    }
  }
  if (*p || *s) return 0;
  *pnId = nId;
  return 1;
}

const Route *router_match(Req *r, const char *zMethod, const char *zPath, int *pPathKnown) {
  *pPathKnown = 0;
  const char *zHead = strcmp(zMethod, "HEAD") == 0 ? "GET" : zMethod;
  static const char *const aMethods[] = {"GET", "POST", "PUT", "DELETE"};
  int known[4] = {0};
  for (size_t i = 0; i < routes_count; i++) {
    int64_t aId[2];
    int nId = 0;
    if (!router_match_pattern(routes[i].zPattern, zPath, aId, &nId)) continue;
    if (strcmp(routes[i].zMethod, zHead) == 0) {
      memcpy(r->aPathId, aId, sizeof aId);
      r->nPathId = nId;
      return &routes[i];
    }
    *pPathKnown = 1;
    for (int k = 0; k < 4; k++) known[k] |= strcmp(routes[i].zMethod, aMethods[k]) == 0;
  }
  /* Everything else that is read with GET and not under /api/ is a UI file (or 404 from static_serve). */
  static const Route staticRoute = {"GET", "*", PERM_PUBLIC, 0, BODY_NONE, static_serve};
  if (!*pPathKnown && strcmp(zHead, "GET") == 0 && strncmp(zPath, "/api/", 5) != 0) return &staticRoute;
  if (*pPathKnown) {
    char *z = arena_printf(&r->arena, "%s%s%s%s", known[0] ? "GET, " : "", known[1] ? "POST, " : "",
                           known[2] ? "PUT, " : "", known[3] ? "DELETE, " : "");
    size_t n = strlen(z);
    if (n >= 2) z[n - 2] = 0; /* drop the last ", " */
    r->zAllow = z;
  }
  return NULL;
}

/* 1 when the request carries a JSON content type. */
static int router_is_json(Req *r) {
  const char *z = req_header(r, "Content-Type");
  if (!z) return 0;
  size_t n = strlen("application/json");
  return strncasecmp(z, "application/json", n) == 0 && (z[n] == 0 || z[n] == ';' || z[n] == ' ');
}

void router_dispatch(Req *r) {
  if (r->uriTooLong) {
    reply_err(r, 414, "too_large", NULL, "请求地址过长");
    return;
  }
  const Route *route = r->route;
  if (!route) {
    if (r->zAllow) reply_err(r, 405, "method_not_allowed", NULL, "不支持该请求方法");
    else reply_err(r, 404, "not_found", NULL, "请求的资源不存在");
    return;
  }
  if (r->bodyTooLarge) {
    if (route->maxBody == BODY_NONE) reply_err(r, 413, "too_large", NULL, "该请求不接受请求体");
    else reply_err(r, 413, "too_large", NULL, "请求体过大");
    return;
  }
  if (!r->db) {
    reply_err(r, 503, "unavailable", NULL, "数据库暂时不可用");
    return;
  }
  if (route->perm != PERM_PUBLIC || route->csrf) {
    int rc = auth_session_check(r->db, req_cookie(r, "jw_session"), &r->session);
    if (rc < 0) {
      reply_err(r, 500, "internal", NULL, "服务器内部错误，请联系管理员");
      return;
    }
    r->hasSession = rc == 1;
    if (!r->hasSession) {
      reply_err(r, 401, "unauthenticated", NULL, "请先登录");
      return;
    }
    if ((r->session.actor.perms & route->perm) != route->perm) {
      reply_err(r, 403, "forbidden", NULL, "没有执行此操作的权限");
      return;
    }
    if (route->csrf && !auth_csrf_ok(&r->session, req_header(r, "X-CSRF-Token"))) {
      reply_err(r, 403, "csrf_failed", NULL, "请求缺少有效的 CSRF 令牌，请刷新页面后重试");
      return;
    }
  }
  if (route->maxBody == BODY_FILE_MAX) {
    /* imports (issue 12): the body is in r->zUploadPath, not JSON */
  } else if (route->maxBody != BODY_NONE) {
    JwErr e;
    if (r->body.n > 0 || strcmp(route->zMethod, "DELETE") != 0) {
      if (!router_is_json(r)) {
        reply_err(r, 415, "unsupported_media_type", NULL, "请求体必须是 application/json");
        return;
      }
      if (jin_parse(r->body.z, r->body.n, &r->in, &e)) {
        reply_error(r, &e);
        return;
      }
    }
  } else if (r->body.n > 0) {
    reply_err(r, 413, "too_large", NULL, "该请求不接受请求体");
    return;
  }
  route->xHandler(r);
}
