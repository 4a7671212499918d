/* store_util.h: small pieces every *_store.c file shares: LIKE patterns and paged list replies. */
#ifndef JW_STORE_UTIL_H
#define JW_STORE_UTIL_H
#include <jansson.h>

#include "store/db.h"

/* "%q%" with the LIKE metacharacters % _ \ escaped by '\' (use with ESCAPE '\'); heap memory the caller frees. */
char *store_like_pattern(const char *zQuery);

/* Runs a bound count statement and a bound page statement and builds {"items":[...],"total":N,"limit":L,"offset":O},
 * one item per page row from xRow. Resets both statements. NULL on a database error; otherwise a new reference. */
json_t *store_page(Stmt *pCount, Stmt *pPage, json_t *(*xRow)(Stmt *s), int limit, int offset);

#endif
