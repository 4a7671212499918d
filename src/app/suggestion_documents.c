/* suggestion_documents.c: the 检察建议书 of a 检察建议 (suggestion_documents.h), filled from the record: the
 * recipient, the facts found, the legal basis, the suggestion's text, the reply period it was given (2 months,
 * 15 days for an urgent 公益诉讼 suggestion, or the length set for it) and the bodies it is copied to (抄送; the line
 * is left out when there are none). */
#include "app/suggestion_documents.h"

#include <stdio.h>
#include <string.h>

#include "app/documents.h"
#include "lib/buf.h"
#include "core/agency.h"
#include "core/period.h"

/* "两个月", "15日", "10个工作日": a reply length as the document writes it. */
static void reply_period_text(const char *zLength, char *out, size_t n) {
  static const char *const cn[] = {"", "一", "两", "三", "四", "五", "六"};
  JwLength len;
  if (period_parse_length(zLength, &len)) {
    snprintf(out, n, "两个月");
    return;
  }
  if (len.unit == JW_UNIT_MONTHS) {
    if (len.n >= 1 && len.n <= 6) snprintf(out, n, "%s个月", cn[len.n]);
    else snprintf(out, n, "%d个月", len.n);
  } else if (len.unit == JW_UNIT_WORKDAYS) {
    snprintf(out, n, "%d个工作日", len.n);
  } else {
    snprintf(out, n, "%d日", len.n);
  }
}

/* The names of the copies (抄送: a JSON array of {name} as stored) joined by "、": a new JSON string, or false (the
 * line left out) when there are none. */
static json_t *copies_text(const char *zCopies) {
  json_t *a = zCopies ? json_loads(zCopies, 0, NULL) : NULL;
  Buf b = BUF_INIT;
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) {
    const char *z = json_string_value(json_object_get(v, "name"));
    if (!z || !*z) continue;
    if (b.n) buf_puts(&b, "、");
    buf_puts(&b, z);
  }
  json_decref(a);
  json_t *out = b.n ? json_string(buf_cstr(&b)) : json_false();
  buf_free(&b);
  return out;
}

static void put(json_t *f, const char *zKey, const char *z) {
  if (z && *z) json_object_set_new(f, zKey, json_string(z));
}

int suggestion_issue_document(Db *db, const Actor *actor, const SuggestionRow *r, const char *zOn, JwErr *e) {
  char zAgency[AGENCY_NAME_BYTES] = "", zPeriod[32];
  if (suggestion_store_agency_name(db, r->orgId, r->agencyId, zAgency, sizeof zAgency) < 0) {
    return err_internal(e, db_errmsg(db));
  }
  reply_period_text(r->zReplyLength, zPeriod, sizeof zPeriod);
  json_t *f = json_object();
  put(f, "agency_name", zAgency);
  put(f, "facts", r->zFacts);
  put(f, "legal_basis", r->zLegalBasis);
  put(f, "suggestion_text", r->zBody);
  put(f, "reply_period", zPeriod);
  json_object_set_new(f, "copies_to", copies_text(r->zCopies));
  long long docId = 0;
  DocIssue d = {.zType = "suggestion",
                .zEntityKind = "suggestion",
                .entityId = r->id,
                .caseId = r->caseId,
                .zOnDate = zOn,
                .pFields = f};
  int rc = documents_issue(db, actor, &d, &docId, e);
  json_decref(f);
  return rc;
}
