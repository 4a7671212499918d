/* demo.h: the demo procuratorate for `make demo`: a city procuratorate with a county procuratorate under it,
 * the county's departments, and one user of every role. Each capability adds its sample data here as it lands.
 * Everything is written through the same use cases as the UI, so it is validated and audited. */
#ifndef JW_DEMO_H
#define JW_DEMO_H
#include <stdio.h>

#include "app/audit.h"
#include "core/date.h"
#include "lib/err.h"
#include "store/db.h"

#define DEMO_PASSWORD "Jianwu@2026" /* demo logins only; printed by make demo */

/* Fills an empty database with the demo organisation and nCases cases received over the past year, in every
 * state (registered, returned, decided, judged, archived, some overdue). Deterministic: the same nCases give the
 * same data on the same day. Prints the logins to fp. 0 ok, -1 with e filled. */
int demo_populate(Db *db, int nCases, FILE *fp, JwErr *e);

/* demo_agencies.c (issue 10, agencies): the registry of agencies with their credit codes, contacts and superiors,
 * after the 移送机关 list is in place. 0, or -1 with e filled. */
int demo_agencies(Db *db, const Actor *admin, int64_t orgId, JwErr *e);
/* documents (demo_documents.c): the 不起诉决定书 of the first non-prosecuted persons, issued by registrar (案管), one
 * of them reissued. 0, or -1 with e. */
int demo_documents(Db *db, const Actor *registrar, FILE *fp, JwErr *e);
/* linkage (issue 10, demo_linkage.c): takes the office's 行刑衔接 items (opened by the demo's 不起诉 decisions) to
 * every state, with the 检察意见 to two agencies with different reply records. 0, or -1 with e. */
int demo_linkage(Db *db, int64_t orgId, int64_t chiefId, int64_t adminProsecutorId, JwDate today, JwErr *e);
/* suggestions (issue 10): the office's 检察建议 in every state, for two agencies (demo_suggestions.c). */
int demo_suggestions(Db *db, FILE *fp, JwErr *e);
/* imports (issue 12): a licence file and a penalty file built from the demo's drunk drivers, imported through the
 * import use case (demo_imports.c). */
int demo_imports(Db *db, FILE *fp, JwErr *e);
/* petitions (issue 13, demo_petitions.c): petitions in every state, some overdue, a repeat petitioner and one 领导包案
 * matter; departmentId is the one 受理 sends matters to; a 涉法涉诉 petition goes to the office's first case. */
int demo_petitions(Db *db, int64_t departmentId, FILE *fp, JwErr *e);
/* How demo_populate_path() writes the random cases: AUTO (what demo_populate does) goes through the use cases below
 * 10,000 cases and through the bulk path above (all but the newest 1,000); USE_CASES and BULK force one path for
 * every random case (the test that compares the two, tests/unit/test_demo.c). The bulk path writes the same stories
 * straight to the store (demo.c, "the bulk path": the same rules, deadlines and search documents, one audit row per
 * case, no approval rows). */
typedef enum { DEMO_PATH_AUTO, DEMO_PATH_USE_CASES, DEMO_PATH_BULK } DemoPath;
int demo_populate_path(Db *db, int nCases, DemoPath path, FILE *fp, JwErr *e);

/* people (issue 14): posts, specialties, rotation, mentors, courses of the demo staff (demo_people.c). */
int demo_people(Db *db, FILE *fp, JwErr *e);

/* Runs model (a) over the demo licence file when there is one, so the demo shows leads (demo_leads.c, issue 12 §3). */
int demo_leads(Db *db, FILE *fp, JwErr *e);
#endif
