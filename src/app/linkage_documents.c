/* linkage_documents.c: the 文书 a 行刑反向衔接 step issues, through the one document mechanism (app/documents.h), in
 * the step's own transaction: the 检察意见书 when the 检察意见 takes effect (on the 检察长's approval), the 中止审查
 * 决定书 on a suspension, the 终结审查决定书 on 终结审查, the 督促函 on 督促. Each is filled from the item as the step
 * left it; a value the item does not hold stays a blank line (＿＿＿＿) for the clerk, as every template does. */
#include "app/linkage_documents.h"

#include <stdio.h>
#include <string.h>

#include "app/documents.h"
#include "core/document.h"
#include "lib/buf.h"

/* The Chinese words of the codes a document shows. */
static const char *label_of(const char *const (*a)[2], const char *zCode) {
  for (; zCode && (*a)[0]; a++) {
    if (strcmp((*a)[0], zCode) == 0) return (*a)[1];
  }
  return zCode;
}

static const char *const penalty_labels[][2] = {
    {"fine", "罚款"},
    {"detention", "行政拘留"},
    {"licence_revocation", "吊销机动车驾驶证"},
    {"permit_suspension", "暂扣许可证件"},
    {"permit_revocation", "吊销许可证件"},
    {"confiscation", "没收违法所得"},
    {"disciplinary", "政务处分"},
    {"other", "其他行政处罚"},
    {NULL, NULL},
};

static const char *const terminate_labels[][2] = {
    {"already_penalised", "被不起诉人已经受到行政处罚"},
    {"time_barred", "违法行为已超过《中华人民共和国行政处罚法》第三十六条规定的追责期限"},
    {"no_legal_basis", "对被不起诉人给予行政处罚没有法律依据"},
    {"deceased", "被不起诉人已经死亡"},
    {"other", "存在其他不需要提出检察意见的情形"},
    {NULL, NULL},
};

static const char *text_of(const json_t *o, const char *zKey) {
  return json_string_value(json_object_get(o, zKey));
}

/* Sets key to z when z is a non-empty text the type t's template can show (else the template leaves its blank line). */
static void put(const DocType *t, json_t *f, const char *zKey, const char *z) {
  if (z && *z && doc_placeholder_allowed(t, zKey)) json_object_set_new(f, zKey, json_string(z));
}

/* "两个月", "N 个月", "N 日": the reply period as the documents write it. */
static void put_period(const DocType *t, json_t *f, int months, int days) {
  static const char *const cn[] = {"", "一", "两", "三", "四", "五", "六"};
  char z[32];
  if (days > 0) snprintf(z, sizeof z, "%d日", days);
  else if (months >= 1 && months <= 6) snprintf(z, sizeof z, "%s个月", cn[months]);
  else snprintf(z, sizeof z, "%d个月", months > 0 ? months : 2);
  put(t, f, "reply_period", z);
}

/* The newest 检察意见书 of the item in force: its number into zNumber (empty when none). */
static int opinion_number(Db *db, const Actor *actor, int64_t id, char *zNumber, size_t n, JwErr *e) {
  json_t *docs = NULL;
  zNumber[0] = 0;
  if (documents_for_entity(db, actor, "linkage", id, &docs, e)) return -1;
  size_t i;
  json_t *d;
  json_array_foreach(docs, i, d) {
    if (strcmp(text_of(d, "type") ? text_of(d, "type") : "", "procuratorial_opinion") == 0 &&
        json_is_null(json_object_get(d, "superseded_by"))) {
      snprintf(zNumber, n, "%s", text_of(d, "number") ? text_of(d, "number") : "");
      break;
    }
  }
  json_decref(docs);
  return 0;
}

int linkage_step_document(Db *db, const Actor *actor, int64_t id, LinkageEventKind k, const json_t *in, const char *zOn,
                          JwErr *e) {
  const char *zType = k == LEV_PROCURATORIAL ? "procuratorial_opinion"
                      : k == LEV_SUSPEND     ? "review_suspension"
                      : k == LEV_TERMINATE   ? "review_termination"
                      : k == LEV_URGE        ? "urging_letter"
                                             : NULL;
  if (!zType) return 0;
  const DocType *t = doc_type_find(zType);
  int found = 0;
  json_t *item = linkage_store_get(db, actor->orgId, id, &found);
  if (!item) return err_internal(e, db_errmsg(db));
  json_t *f = json_object();
  put(t, f, "person_name", text_of(item, "person_name"));
  put(t, f, "case_number", text_of(item, "case_number"));
  put(t, f, "case_title", text_of(item, "case_title"));
  put(t, f, "agency_name", text_of(item, "agency_name"));
  int rc = 0;
  switch (k) {
    case LEV_PROCURATORIAL: {
      put(t, f, "facts", text_of(item, "facts"));
      const char *zReasons = jin_str(in, "reasons") ? jin_str(in, "reasons") : text_of(item, "admin_opinion_text");
      put(t, f, "reasons", zReasons);
      Buf b = BUF_INIT;
      size_t i;
      json_t *v;
      json_array_foreach(json_object_get(item, "penalties"), i, v) {
        if (i) buf_puts(&b, "、");
        buf_puts(&b, label_of(penalty_labels, json_string_value(v)));
      }
      if (b.n) put(t, f, "penalties", buf_cstr(&b));
      buf_free(&b);
      put_period(t, f, (int)json_integer_value(json_object_get(item, "reply_months")), 0);
      break;
    }
    case LEV_SUSPEND:
      put(t, f, "reason", jin_str(in, "reason"));
      put(t, f, "suspended_on", zOn);
      break;
    case LEV_TERMINATE: {
      const char *zText = text_of(item, "terminate_text");
      Buf b = BUF_INIT;
      buf_puts(&b, label_of(terminate_labels, text_of(item, "terminate_reason")));
      if (zText && *zText) buf_printf(&b, "（%s）", zText);
      put(t, f, "reason", buf_cstr(&b));
      buf_free(&b);
      break;
    }
    case LEV_URGE: {
      char zNumber[DOC_NUMBER_BYTES];
      rc = opinion_number(db, actor, id, zNumber, sizeof zNumber, e);
      put(t, f, "earlier_title", "检察意见书");
      put(t, f, "earlier_number", zNumber);
      put(t, f, "served_on", text_of(item, "served_on"));
      put_period(t, f, (int)json_integer_value(json_object_get(item, "reply_months")), 0);
      put(t, f, "due_on", zOn);
      break;
    }
    default:
      break;
  }
  if (!rc) {
    long long docId = 0;
    DocIssue d = {.zType = zType,
                  .zEntityKind = "linkage",
                  .entityId = id,
                  .caseId = json_integer_value(json_object_get(item, "case_id")),
                  .zOnDate = zOn,
                  .pFields = f};
    rc = documents_issue(db, actor, &d, &docId, e);
  }
  json_decref(f);
  json_decref(item);
  return rc;
}
