/* suggestion_documents.h: the 检察建议书 a 检察建议 issues (on its 签发, and again under a new 文号 when an upheld
 * objection amends its text), through app/documents.h, inside the step's transaction. */
#ifndef JW_SUGGESTION_DOCUMENTS_H
#define JW_SUGGESTION_DOCUMENTS_H

#include "app/audit.h"
#include "lib/err.h"
#include "store/db.h"
#include "store/suggestion_store.h"

/* Issues the 检察建议书 of r as it now stands, dated zOn. 0, or -1 with e. */
int suggestion_issue_document(Db *db, const Actor *actor, const SuggestionRow *r, const char *zOn, JwErr *e);

#endif
