/* case_persons.c: the persons of a case (犯罪嫌疑人): validation, adding, editing (see cases.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/case_internal.h"
#include "app/cases.h"
#include "core/idcard.h"
#include "lib/jsonin.h"
#include "lib/timeutil.h"
#include "store/case_search.h"

static const JinField person_fields[] = {
    {"name", JIN_STRING, 1, 1, PERSON_NAME_MAX_CHARS},
    {"id_number", JIN_STRING_OR_NULL, 0, 0, 32},
    {"custody", JIN_STRING, 0, 1, 16},
    {"custody_since", JIN_STRING_OR_NULL, 0, 0, 10},
    {"custody_history", JIN_OBJECTS, 0, 1, PERSON_MAX_CUSTODY_INPUT},
    {"plea", JIN_BOOL, 0, 0, 0},
    {"sentence_band", JIN_STRING_OR_NULL, 0, 0, 16},
    {"charges", JIN_STRINGS, 1, 1, 10},
};

/* The Chinese labels of a person's input fields, as the person editor shows them. */
static const JinLabel person_labels[] = {
    {"name", "姓名"},        {"id_number", "公民身份号码"},
    {"custody", "强制措施"}, {"custody_since", "采取日期"},
    {"plea", "认罪认罚"},    {"sentence_band", "可能判处刑罚"},
    {"charges", "罪名"},     {"custody_history", "强制措施记录"},
};
#define PERSON_LABELS person_labels, sizeof person_labels / sizeof person_labels[0]

static const JinField custody_fields[] = {
    {"custody", JIN_STRING, 1, 1, 16},
    {"from_on", JIN_STRING_OR_NULL, 0, 0, 10},
};
static const JinLabel custody_labels[] = {{"custody", "强制措施"}, {"from_on", "采取日期"}};

/* The Chinese name of a custody code, for messages. */
static const char *custody_label(const char *zCode) {
  static const char *const map[][2] = {{"detained", "刑事拘留"},    {"arrested", "逮捕"},   {"bail", "取保候审"},
                                       {"residential", "监视居住"}, {"released", "已释放"}, {"none", "未采取强制措施"}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
    if (strcmp(map[i][0], zCode) == 0) return map[i][1];
  }
  return zCode;
}

/* Whether zCode is a coercive measure taken on a date (拘留, 逮捕, 取保候审, 监视居住): its date is required. */
static int custody_needs_date(const char *zCode) {
  return strcmp(zCode, "none") != 0 && strcmp(zCode, "released") != 0;
}

/* Prefixes e's field with "custody_history.<k>." (the caller adds "persons.<i>."). */
static int custody_item_error(JwErr *e, int k) {
  char z[sizeof e->field + 24];
  snprintf(z, sizeof z, "custody_history.%d.%s", k, e->field);
  snprintf(e->field, sizeof e->field, "%.*s", (int)sizeof e->field - 1, z);
  return -1;
}

/* Reads the custody history of a person (custody_history, else custody and custody_since) into p: every coercive
 * measure with its date, dates not in the future and in order; custody and custody_since become the last entry. */
static int person_parse_custody(const json_t *in, PersonInput *p, JwErr *e) {
  const json_t *hist = json_object_get(in, "custody_history");
  const char *zCustody = jin_str(in, "custody");
  const char *zSince = jin_str(in, "custody_since");
  if (!hist) {
    if (!zCustody) return err_field(e, "custody", "缺少强制措施");
    if (!custody_is_valid(zCustody)) return err_field(e, "custody", "强制措施状态无效");
    p->zCustody = zCustody;
    JwDate since;
    if (case_parse_date(in, "custody_since", "采取日期", 0, &since, e)) return -1;
    if (!since && custody_needs_date(zCustody)) {
      return err_field(e, "custody_since", "采取%s的日期不能为空", custody_label(zCustody));
    }
    if (since) {
      date_format(since, p->zCustodySince);
      p->nCustody = 1;
      p->aCustody[0].zCustody = zCustody;
      memcpy(p->aCustody[0].zFrom, p->zCustodySince, 11);
    }
    return 0;
  }
  size_t k;
  const json_t *item;
  JwDate prev = 0;
  json_array_foreach(hist, k, item) {
    if (jin_check_labeled(item, custody_fields, 2, custody_labels, 2, e)) return custody_item_error(e, (int)k);
    const char *zC = jin_str(item, "custody");
    if (!custody_is_valid(zC) || strcmp(zC, "none") == 0) {
      err_field(e, "custody", "强制措施状态无效");
      return custody_item_error(e, (int)k);
    }
    JwDate on;
    if (case_parse_date(item, "from_on", "采取日期", 0, &on, e)) return custody_item_error(e, (int)k);
    if (!on) {
      err_field(e, "from_on", "采取%s的日期不能为空", custody_label(zC));
      return custody_item_error(e, (int)k);
    }
    if (on < prev) {
      char zPrev[11];
      date_format(prev, zPrev);
      err_field(e, "from_on", "%s的日期不能早于上一项强制措施（%s）", custody_label(zC), zPrev);
      return custody_item_error(e, (int)k);
    }
    prev = on;
    p->aCustody[k].zCustody = zC;
    date_format(on, p->aCustody[k].zFrom);
  }
  p->nCustody = (int)k;
  const CustodyInput *last = &p->aCustody[p->nCustody - 1];
  if (zCustody && strcmp(zCustody, last->zCustody) != 0) {
    return err_field(e, "custody", "强制措施与强制措施记录的最后一项不一致");
  }
  if (zSince && *zSince && strcmp(zSince, last->zFrom) != 0) {
    return err_field(e, "custody_since", "采取日期与强制措施记录的最后一项不一致");
  }
  p->zCustody = last->zCustody;
  memcpy(p->zCustodySince, last->zFrom, 11);
  return 0;
}

int case_person_parse(const json_t *in, PersonInput *p, JwErr *e) {
  memset(p, 0, sizeof *p);
  if (jin_check_labeled(in, person_fields, sizeof person_fields / sizeof person_fields[0], PERSON_LABELS, e)) return -1;
  p->zName = jin_str(in, "name");
  const char *zId = jin_str(in, "id_number");
  if (zId && *zId) {
    JwIdInfo info;
    int rc = idcard_normalize(zId, strlen(zId), case_today(), p->zIdNumber, &info);
    if (rc) return err_field(e, "id_number", "%s", idcard_error_message(rc));
    p->zSex[0] = info.sex == 'M' ? 'M' : 'F';
    date_format(info.birth, p->zBirth);
  }
  if (person_parse_custody(in, p, e)) return -1;
  p->plea = json_is_true(json_object_get(in, "plea"));
  p->zSentenceBand = jin_str(in, "sentence_band");
  if (p->zSentenceBand && !*p->zSentenceBand) p->zSentenceBand = NULL;
  if (p->zSentenceBand && !sentence_band_is_valid(p->zSentenceBand)) {
    return err_field(e, "sentence_band", "可能判处的刑罚档次无效");
  }
  p->charges = json_object_get(in, "charges");
  return case_check_charges(p->charges, e);
}

int case_person_is_duplicate(const PersonInput *p, const PersonRow *aOld, int nOld, const PersonInput *aNew, int nNew,
                             const char **pzWhy) {
  for (int i = 0; i < nOld + nNew; i++) {
    const char *zId = i < nOld ? aOld[i].zIdNumber : aNew[i - nOld].zIdNumber;
    const char *zName = i < nOld ? aOld[i].zName : aNew[i - nOld].zName;
    if (p->zIdNumber[0] && strcmp(zId, p->zIdNumber) == 0) {
      *pzWhy = "id_number";
      return 1;
    }
    if (!p->zIdNumber[0] && !zId[0] && strcmp(zName, p->zName) == 0) {
      *pzWhy = "name";
      return 1;
    }
  }
  return 0;
}

int64_t case_person_insert(Db *db, int64_t orgId, int64_t caseId, const PersonInput *p, const char *zReceived,
                           JwErr *e) {
  int64_t id = case_store_person_insert(db, orgId, caseId, p->zName, p->zIdNumber, p->zSex, p->zBirth, p->zCustody,
                                        p->zCustodySince, p->plea, p->zSentenceBand);
  /* the custody history as entered, each measure from its day; without one (未采取强制措施), from receipt */
  int rc = id < 0 || case_store_person_set_charges(db, id, p->charges);
  for (int k = 0; !rc && k < p->nCustody; k++) {
    rc = case_store_custody_append(db, orgId, caseId, id, p->aCustody[k].zCustody, p->aCustody[k].zFrom);
  }
  if (!rc && !p->nCustody) rc = case_store_custody_append(db, orgId, caseId, id, p->zCustody, zReceived);
  if (rc) {
    err_internal(e, db_errmsg(db));
    return -1;
  }
  return id;
}

int cases_add_person(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  PersonInput p;
  if (case_person_parse(in, &p, e)) return -1;
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  CaseState *st = case_state_load(db, actor->orgId, id, e);
  if (!st) rc = -1;
  if (!rc && !case_may_handle(actor, &st->c)) {
    rc = err_set(e, 403, "forbidden", NULL, "只能办理本部门或分配给本人的案件");
  }
  if (!rc && st->f.status != CASE_UNDER_REVIEW && st->f.status != CASE_RETURNED) {
    rc = err_set(e, 409, "conflict", NULL, "案件已审结，不能再追加犯罪嫌疑人");
  }
  if (!rc && st->nP >= CASE_MAX_PERSONS) {
    rc = err_set(e, 413, "too_large", NULL, "一个案件最多 %d 名犯罪嫌疑人", CASE_MAX_PERSONS);
  }
  const char *zWhy;
  if (!rc && case_person_is_duplicate(&p, st->aP, st->nP, NULL, 0, &zWhy)) {
    rc = err_field(e, zWhy, "该犯罪嫌疑人已在本案中");
  }
  json_t *before = rc ? NULL : case_audit_view(db, actor->orgId, id);
  if (!rc && case_person_insert(db, actor->orgId, id, &p, st->c.zReceived, e) < 0) rc = -1;
  if (!rc && case_search_refresh(db, id)) rc = err_internal(e, db_errmsg(db)); /* in this transaction */
  if (!rc) {
    json_t *data = json_pack("{s:s}", "name", p.zName);
    rc = case_timeline_note(db, actor, id, "add_person", 0, data, NULL, e);
    json_decref(data);
  }
  case_state_free(st);
  return case_finish(db, actor, id, "case.add_person", before, rc, out, e);
}

int cases_update_person(Db *db, const Actor *actor, int64_t id, int64_t personId, const json_t *in, json_t **out,
                        JwErr *e) {
  static const JinField fields[] = {
      {"name", JIN_STRING, 0, 1, PERSON_NAME_MAX_CHARS},
      {"plea", JIN_BOOL, 0, 0, 0},
      {"sentence_band", JIN_STRING_OR_NULL, 0, 0, 16},
      {"charges", JIN_STRINGS, 0, 1, 10},
  };
  if (jin_check_labeled(in, fields, sizeof fields / sizeof fields[0], PERSON_LABELS, e)) return -1;
  const char *zBand = jin_str(in, "sentence_band");
  if (zBand && *zBand && !sentence_band_is_valid(zBand)) return err_field(e, "sentence_band", "可能判处的刑罚档次无效");
  json_t *ch = json_object_get(in, "charges");
  if (case_check_charges(ch, e)) return -1;
  if (db_begin(db)) return err_internal(e, db_errmsg(db));
  int rc = 0;
  CaseState *st = case_state_load(db, actor->orgId, id, e);
  if (!st) rc = -1;
  if (!rc && !case_may_handle(actor, &st->c)) {
    rc = err_set(e, 403, "forbidden", NULL, "只能办理本部门或分配给本人的案件");
  }
  if (!rc && (st->f.status == CASE_ARCHIVED || st->f.status == CASE_TRANSFERRED)) {
    rc = err_set(e, 409, "conflict", NULL, "案件已归档或已移送，不能修改");
  }
  PersonRow *p = rc ? NULL : case_state_person(st, personId, NULL);
  if (!rc && !p) rc = err_set(e, 404, "not_found", NULL, "犯罪嫌疑人不存在");
  json_t *before = rc ? NULL : case_audit_view(db, actor->orgId, id);
  if (!rc) {
    /* what the input leaves out is written back whole: the row buffers hold the longest value allowed */
    const char *zName = jin_str(in, "name") ? jin_str(in, "name") : p->zName;
    int plea = json_object_get(in, "plea") ? json_is_true(json_object_get(in, "plea")) : p->plea;
    const char *zSb = json_object_get(in, "sentence_band") ? zBand : p->zSentenceBand;
    if (case_store_person_update(db, id, personId, zName, plea, zSb) ||
        (ch && case_store_person_set_charges(db, personId, ch))) {
      rc = err_internal(e, db_errmsg(db));
    }
  }
  if (!rc && (jin_str(in, "name") || ch) && case_search_refresh(db, id)) rc = err_internal(e, db_errmsg(db));
  if (!rc) rc = case_timeline_note(db, actor, id, "update_person", personId, in, NULL, e);
  case_state_free(st);
  /* case_finish re-checks 速裁 eligibility (Rules 273) with the edited person */
  return case_finish(db, actor, id, "case.update_person", before, rc, out, e);
}
