/* import_progress.h: the progress of the imports running in this server process, for the upload page's polling
 * (GET /api/v1/imports/progress?token=T; issue 12 §1). The page picks a random token, sends it with the upload
 * (?progress=T) and polls with it; an entry belongs to the user who started it and is kept until 64 newer ones push
 * it out. In memory, one table per process behind a mutex: behind a load balancer the page polls the process that
 * took the upload only when sessions are sticky (docs/api-imports.md). */
#ifndef JW_IMPORT_PROGRESS_H
#define JW_IMPORT_PROGRESS_H
#include <jansson.h>
#include <stdint.h>

#define IMPORT_PROGRESS_SLOTS 64
#define IMPORT_PROGRESS_TOKEN 64 /* the longest token, in characters [A-Za-z0-9_-], at least 8 */

/* 1 when z is a valid token. */
int import_progress_token_ok(const char *z);
/* Records the state of (userId, token): phase "import" (done/total bytes of the file read), "done" (batchId) or
 * "failed". */
void import_progress_set(int64_t userId, const char *zToken, const char *zPhase, uint64_t done, uint64_t total,
                         int64_t batchId);
/* {"phase","done","total","percent","batch_id"} of (userId, token), or NULL when unknown. */
json_t *import_progress_get(int64_t userId, const char *zToken);

#endif
