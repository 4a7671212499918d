/* linkage_documents.h: the 文书 each 行刑反向衔接 step issues (检察意见书, 中止审查决定书, 终结审查决定书, 督促函),
 * through app/documents.h, inside the step's transaction. */
#ifndef JW_LINKAGE_DOCUMENTS_H
#define JW_LINKAGE_DOCUMENTS_H

#include "app/audit.h"
#include "core/linkage.h"
#include "lib/err.h"
#include "lib/jsonin.h"
#include "store/db.h"
#include "store/linkage_store.h"

/* After step k (its input `in`, its legal day zOn) was applied and saved: issues the step's document, if it has one,
 * filled from the item as it now stands. 0 (also for a step without a document), or -1 with e. */
int linkage_step_document(Db *db, const Actor *actor, int64_t id, LinkageEventKind k, const json_t *in,
                          const char *zOn, JwErr *e);

#endif
