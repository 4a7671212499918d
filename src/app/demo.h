/* demo.h: the demo procuratorate for `make demo`: a city procuratorate with a county procuratorate under it,
 * the county's departments, and one user of every role. Each capability adds its sample data here as it lands.
 * Everything is written through the same use cases as the UI, so it is validated and audited. */
#ifndef JW_DEMO_H
#define JW_DEMO_H
#include <stdio.h>

#include "lib/err.h"
#include "store/db.h"

#define DEMO_PASSWORD "Jianwu@2026" /* demo logins only; printed by make demo */

/* Fills an empty database with the demo organisation and nCases cases received over the past year, in every
 * state (registered, returned, decided, judged, archived, some overdue). Deterministic: the same nCases give the
 * same data on the same day. Prints the logins to fp. 0 ok, -1 with e filled. */
int demo_populate(Db *db, int nCases, FILE *fp, JwErr *e);

/* suggestions (issue 10): the office's 检察建议 in every state, for two agencies (demo_suggestions.c). */
int demo_suggestions(Db *db, FILE *fp, JwErr *e);

#endif
