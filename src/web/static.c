/* static.c: serving the embedded UI. "/" serves index.html (the UI routes with #/... fragments, so no other path
 * needs it); other paths serve the file of that name or 404. Replies carry a content-hash ETag and answer
 * If-None-Match with 304. */
#include <string.h>

#include "web/api.h"
#include "web/assets.h"

static const Asset *static_find(const char *zPath) {
  if (strcmp(zPath, "/") == 0) zPath = "/index.html";
  for (size_t i = 0; i < assets_count; i++) {
    if (strcmp(assets[i].zPath, zPath) == 0) return &assets[i];
  }
  return NULL;
}

int static_serve(Req *r) {
  const Asset *a = static_find(r->zPath);
  if (!a) return reply_err(r, 404, "not_found", NULL, "请求的资源不存在");
  r->zEtag = a->zEtag;
  r->zCacheControl = "no-cache";
  const char *zMatch = req_header(r, "If-None-Match");
  r->zContentType = a->zType;
  if (zMatch && strcmp(zMatch, a->zEtag) == 0) {
    r->status = 304;
    r->pStatic = (const unsigned char *)"";
    r->nStatic = 0;
    return 0;
  }
  r->status = 200;
  r->pStatic = a->pData;
  r->nStatic = a->nData;
  return 0;
}
