/* db_sql.c: the one SQL text rewrite the PostgreSQL driver makes: SQLite's ?N placeholders become $N. The store
 * writes every statement once, with ?1..?N; this runs once per statement and connection (db_pg.c caches the result
 * with the prepared statement). */
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "store/db_internal.h"

/* Copies a quoted run that starts at z[0] (a quote character q) up to and including its closing quote; a doubled
 * quote inside stays part of the run. Returns the length copied. */
static size_t db_sql_quoted(Buf *out, const char *z, char q) {
  size_t i = 1;
  while (z[i]) {
    if (z[i] == q) {
      if (z[i + 1] == q) {
        i += 2;
        continue;
      }
      i++;
      break;
    }
    i++;
  }
  buf_append(out, z, i);
  return i;
}

char *db_sql_to_pg(const char *zSql, int *pnParam, unsigned char aUsed[DB_MAX_PARAM + 1]) {
  Buf out = BUF_INIT;
  int nMax = 0;
  memset(aUsed, 0, DB_MAX_PARAM + 1);
  const char *z = zSql;
  while (*z) {
    if (*z == '\'' || *z == '"') {
      z += db_sql_quoted(&out, z, *z);
    } else if (z[0] == '-' && z[1] == '-') {
      size_t n = strcspn(z, "\n");
      buf_append(&out, z, n);
      z += n;
    } else if (*z == '?') {
      int n = 0, digits = 0;
      z++;
      while (*z >= '0' && *z <= '9' && digits < 4) n = n * 10 + (*z++ - '0'), digits++;
      if (digits == 0 || n < 1 || n > DB_MAX_PARAM) {
        buf_free(&out);
        return NULL;
      }
      if (n > nMax) nMax = n;
      aUsed[n] = 1;
      buf_printf(&out, "$%d", n);
    } else {
      buf_append(&out, z, 1);
      z++;
    }
  }
  *pnParam = nMax;
  return buf_detach(&out);
}
