/* assets.h: the UI files embedded in the binary at build time (build/gen/ui_assets.c, made by tools/embed_ui.c). */
#ifndef JW_ASSETS_H
#define JW_ASSETS_H
#include <stddef.h>

typedef struct Asset {
  const char *zPath; /* URL path: "/index.html", "/js/app.js" */
  const unsigned char *pData;
  size_t nData;
  const char *zType; /* Content-Type */
  const char *zEtag; /* "\"<first 16 hex of SHA-256>\"" */
} Asset;

extern const Asset assets[];
extern const size_t assets_count;

#endif
