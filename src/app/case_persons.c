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
    {"custody", JIN_STRING, 1, 1, 16},
    {"custody_since", JIN_STRING_OR_NULL, 0, 0, 10},
    {"plea", JIN_BOOL, 0, 0, 0},
    {"sentence_band", JIN_STRING_OR_NULL, 0, 0, 16},
    {"charges", JIN_STRINGS, 1, 1, 10},
};

int case_person_parse(const json_t *in, PersonInput *p, JwErr *e) {
  memset(p, 0, sizeof *p);
  if (jin_check(in, person_fields, sizeof person_fields / sizeof person_fields[0], e)) return -1;
  p->zName = jin_str(in, "name");
  const char *zId = jin_str(in, "id_number");
  if (zId && *zId) {
    JwIdInfo info;
    int rc = idcard_normalize(zId, strlen(zId), case_today(), p->zIdNumber, &info);
    if (rc) return err_field(e, "id_number", "%s", idcard_error_message(rc));
    p->zSex[0] = info.sex == 'M' ? 'M' : 'F';
    date_format(info.birth, p->zBirth);
  }
  p->zCustody = jin_str(in, "custody");
  if (!custody_is_valid(p->zCustody)) return err_field(e, "custody", "强制措施状态无效");
  JwDate since;
  if (case_parse_date(in, "custody_since", "强制措施起始日期", 0, &since, e)) return -1;
  if (since) date_format(since, p->zCustodySince);
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
  /* the custody history starts with the custody on registration, from the day it began (or receipt) */
  const char *zFrom = p->zCustodySince[0] ? p->zCustodySince : zReceived;
  if (id < 0 || case_store_person_set_charges(db, id, p->charges) ||
      case_store_custody_append(db, orgId, caseId, id, p->zCustody, zFrom)) {
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
  if (jin_check(in, fields, sizeof fields / sizeof fields[0], e)) return -1;
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
