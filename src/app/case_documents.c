/* case_documents.c: the 文书 of the cases capability: the 不起诉决定书 of a person whose 不起诉 decision is recorded
 * (issue 10 §4), issued through app/documents.h from the person's record (docs/api-documents.md). */
#include <stdio.h>
#include <string.h>

#include "app/case_internal.h"
#include "app/cases.h"
#include "app/documents.h"
#include "app/tx.h"
#include "core/document.h"
#include "lib/jsonin.h"

/* A 不起诉 type's name and the law it rests on (刑事诉讼法, 2018). */
static const struct {
  const char *zCode, *zName, *zBasis;
} npt_texts[] = {
    {"statutory", "法定不起诉",
     "犯罪嫌疑人没有犯罪事实，或者有《中华人民共和国刑事诉讼法》第十六条规定的情形之一，依照该法第一百七十七条第一款的"
     "规定"},
    {"discretionary", "酌定不起诉",
     "犯罪情节轻微，依照刑法规定不需要判处刑罚或者免除刑罚，依照《中华人民共和国刑事诉讼法》第一百七十七条第二款的规"
     "定"},
    {"evidentiary", "存疑不起诉",
     "经二次补充侦查，本院仍然认为证据不足，不符合起诉条件，依照《中华人民共和国刑事诉讼法》第一百七十五条第四款的规"
     "定"},
    {"conditional", "不起诉",
     "被附条件不起诉人在考验期内没有《中华人民共和国刑事诉讼法》第二百八十四条第一款规定的情形，考验期满，依照该条第二"
     "款的规定"},
    {"special", "不起诉",
     "犯罪嫌疑人自愿如实供述涉嫌犯罪的事实，有重大立功或者案件涉及国家重大利益，经最高人民检察院核准，依照《中华人民共"
     "和国刑事诉讼法》"
     "第一百八十二条第一款的规定"},
};

static const JinLabel labels[] = {{"type", "文书类型"}, {"facts", "案件事实"}};

int cases_person_document(Db *db, const Actor *actor, int64_t caseId, int64_t personId, const json_t *in, json_t **out,
                          JwErr *e) {
  static const JinField fields[] = {{"type", JIN_STRING, 1, 1, 32}, {"facts", JIN_TEXT, 0, 0, 5000}};
  if (jin_check_labeled(in, fields, 2, labels, 2, e)) return -1;
  if (strcmp(jin_str(in, "type"), "non_prosecution") != 0) {
    return err_field(e, "type", "此处只能制发不起诉决定书（non_prosecution）");
  }
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  CaseRow c;
  int found = case_store_load(db, actor->orgId, caseId, &c);
  if (found < 0) rc = err_internal(e, db_errmsg(db));
  else if (!found) rc = err_set(e, 404, "not_found", NULL, "案件不存在");
  else if (!case_may_handle(actor, &c))
    rc = err_set(e, 403, "forbidden", NULL, "只有承办人、本部门或案件管理部门可以制发本案文书");
  json_t *p = rc ? NULL : document_store_person(db, actor->orgId, caseId, personId);
  if (!rc && !p) rc = err_set(e, 404, "not_found", "person_id", "本案没有该涉案人员");
  const char *zNpt = p ? json_string_value(json_object_get(p, "non_prosecution_type")) : NULL;
  const char *zDecision = p ? json_string_value(json_object_get(p, "decision")) : NULL;
  const char *zFinal = p ? json_string_value(json_object_get(p, "final_decision")) : NULL;
  if (!rc && !(zDecision && strcmp(zDecision, "non_prosecution") == 0)) {
    rc = err_set(e, 409, "conflict", "decision", "该人员没有不起诉决定，不能制发不起诉决定书");
  }
  int conditional = zNpt && strcmp(zNpt, "conditional") == 0;
  if (!rc && conditional && !(zFinal && strcmp(zFinal, "non_prosecution") == 0)) {
    rc = err_set(e, 409, "conflict", "final_decision",
                 "附条件不起诉的考验期满作出不起诉决定后，才能制发不起诉决定书（刑事诉讼法第二百八十四条）");
  }
  /* one 不起诉决定书 in force per person: a correction is a reissue (a new number, the old one kept) */
  json_t *issued = rc ? NULL : document_store_for_entity(db, actor->orgId, "case_person", personId);
  if (!rc && !issued) rc = err_internal(e, db_errmsg(db));
  size_t k;
  json_t *it;
  json_array_foreach(issued, k, it) {
    if (!rc && json_is_null(json_object_get(it, "superseded_by")) &&
        strcmp(json_string_value(json_object_get(it, "type")), "non_prosecution") == 0) {
      rc = err_set(e, 409, "conflict", "type", "已制发不起诉决定书 %s；如需更正，请重新制发",
                   json_string_value(json_object_get(it, "number")));
    }
  }
  json_decref(issued);
  long long id = 0;
  if (!rc) {
    const char *zName = "不起诉", *zBasis = NULL;
    for (size_t i = 0; i < sizeof npt_texts / sizeof npt_texts[0]; i++) {
      if (zNpt && strcmp(npt_texts[i].zCode, zNpt) == 0) zName = npt_texts[i].zName, zBasis = npt_texts[i].zBasis;
    }
    Buf chargeList = BUF_INIT;
    size_t i;
    json_t *code;
    json_array_foreach(json_object_get(p, "charges"), i, code) {
      const Charge *ch = charge_by_code(json_string_value(code));
      if (i) buf_puts(&chargeList, "、");
      buf_puts(&chargeList, ch ? ch->zName : json_string_value(code));
    }
    const char *zSex = json_string_value(json_object_get(p, "sex"));
    const char *zOn = conditional ? zFinal ? json_string_value(json_object_get(p, "final_on")) : NULL
                                  : json_string_value(json_object_get(p, "decision_on"));
    char zBirth[32] = "", zOnText[32] = "";
    doc_date_chinese(json_string_value(json_object_get(p, "birth_date")), zBirth, sizeof zBirth);
    doc_date_chinese(zOn, zOnText, sizeof zOnText);
    json_t *f = json_pack(
        "{s:O, s:s?, s:s?, s:O, s:O, s:s?, s:s, s:s?, s:s, s:s?}", "person_name", json_object_get(p, "name"),
        "person_sex", zSex ? strcmp(zSex, "M") == 0 ? "男" : "女" : NULL, "person_birth_date", *zBirth ? zBirth : NULL,
        "person_id_number", json_object_get(p, "id_number"), "source_agency", json_object_get(p, "source_agency"),
        "charges", chargeList.n ? buf_cstr(&chargeList) : NULL, "non_prosecution_type", zName, "decision_on",
        *zOnText ? zOnText : NULL, "legal_basis", zBasis ? zBasis : "", "facts", jin_str(in, "facts"));
    buf_free(&chargeList);
    DocIssue di = {"non_prosecution", "case_person", personId, caseId, NULL, f};
    rc = documents_issue(db, actor, &di, &id, e);
    json_decref(f);
  }
  json_decref(p);
  rc = app_finish_write(db, rc, e);
  return rc ? rc : documents_get(db, actor, id, out, e);
}

int cases_may_handle_id(Db *db, const Actor *actor, int64_t caseId) {
  CaseRow c;
  int found = case_store_load(db, actor->orgId, caseId, &c);
  if (found <= 0) return found;
  return case_may_handle(actor, &c) ? 1 : 0;
}
