/* demo_documents.c: the demo's 文书 (issue 10 §4): the 不起诉决定书 of the first non-prosecuted persons of the demo
 * cases, issued through the same use case as the case page's button, and one of them reissued, so the demo shows
 * documents in force and a superseded one. */
#include <stdio.h>

#include "app/cases.h"
#include "app/demo.h"
#include "app/documents.h"
#include "store/accounts_store.h"
#include "store/document_store.h"

#define DEMO_DOCUMENTS 6

int demo_documents(Db *db, const Actor *registrar, FILE *fp, JwErr *e) {
  int64_t aCase[DEMO_DOCUMENTS], aPerson[DEMO_DOCUMENTS];
  int n = document_store_unissued_non_prosecuted(db, registrar->orgId, DEMO_DOCUMENTS, aCase, aPerson);
  if (n < 0) return err_internal(e, db_errmsg(db));
  long long firstId = 0;
  for (int i = 0; i < n; i++) {
    json_t *in =
               json_pack("{s:s, s:s}", "type", "non_prosecution", "facts", "经审查，本院认定的事实和证据见审查报告。"),
           *out = NULL;
    int rc = cases_person_document(db, registrar, aCase[i], aPerson[i], in, &out, e);
    json_decref(in);
    if (!firstId && out) firstId = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    if (rc) return -1;
  }
  if (firstId) {
    json_t *out = NULL;
    int rc = documents_reissue(db, registrar, firstId, &out, e);
    json_decref(out);
    if (rc) return -1;
  }
  if (n) fprintf(fp, "  已制发 %d 份不起诉决定书（其中一份已重新制发）\n", n);
  return 0;
}
