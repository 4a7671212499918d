/* demo.h: the demo procuratorate for `make demo`: a city procuratorate with a county procuratorate under it,
 * the county's departments, and one user of every role. Each capability adds its sample data here as it lands.
 * Everything is written through the same use cases as the UI, so it is validated and audited. */
#ifndef JW_DEMO_H
#define JW_DEMO_H
#include <stdio.h>

#include "app/audit.h"
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
#include "app/audit.h"
/* documents (demo_documents.c): the 不起诉决定书 of the first non-prosecuted persons, issued by registrar (案管), one
 * of them reissued. 0, or -1 with e. */
int demo_documents(Db *db, const Actor *registrar, FILE *fp, JwErr *e);
/* linkage (issue 10, demo_linkage.c): takes the office's 行刑衔接 items (opened by the demo's 不起诉 decisions) to
 * every state, with the 检察意见 to two agencies with different reply records. 0, or -1 with e. */
#include "core/date.h"
int demo_linkage(Db *db, int64_t orgId, int64_t chiefId, int64_t adminProsecutorId, JwDate today, JwErr *e);
/* suggestions (issue 10): the office's 检察建议 in every state, for two agencies (demo_suggestions.c). */
int demo_suggestions(Db *db, FILE *fp, JwErr *e);

#endif
