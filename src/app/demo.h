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

/* How demo_populate_path() writes the random cases: AUTO (what demo_populate does) goes through the use cases below
 * 10,000 cases and through the bulk path above (all but the newest 1,000); USE_CASES and BULK force one path for
 * every random case (the test that compares the two, tests/unit/test_demo.c). The bulk path writes the same stories
 * straight to the store (demo.c, "the bulk path": the same rules, deadlines and search documents, one audit row per
 * case, no approval rows). */
typedef enum { DEMO_PATH_AUTO, DEMO_PATH_USE_CASES, DEMO_PATH_BULK } DemoPath;
int demo_populate_path(Db *db, int nCases, DemoPath path, FILE *fp, JwErr *e);

#endif
