/* leads.c: the data-matching use cases (see leads.h). */
#include "app/leads.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_util.h"
#include "app/suggestions.h"
#include "app/tx.h"
#include "core/lead.h"
#include "core/roles.h"
#include "lib/jsonin.h"
#include "lib/timeutil.h"
#include "store/suggestion_store.h"

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int leads_models(Db *db, const Actor *actor, json_t **out, JwErr *e) {
  if (!(actor->perms & (PERM_LEAD_READ | PERM_MODEL_MANAGE))) {
    return err_set(e, 403, "forbidden", NULL, "您没有查看数据模型的权限");
  }
  char zNow[32];
  time_now_iso(zNow);
  if (db_begin(db)) return app_db_fail(db, e);
  int rc = lead_store_seed_models(db, actor->orgId, zNow) ? app_db_fail(db, e) : 0;
  if (app_finish_write(db, rc, e)) return -1;
  json_t *a = lead_store_models(db, actor->orgId);
  if (!a) return app_db_fail(db, e);
  *out = json_pack("{s:o}", "items", a);
  return 0;
}

static const JinField model_fields[] = {{"params", JIN_OBJECTS, 1, 0, 0}};

int leads_model_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  json_t *params = json_object_get(in, "params");
  if (json_object_size(in) != 1 || !json_is_object(params)) {
    return err_field(e, "params", "请求体须写作 {\"params\": {...}}");
  }
  (void)model_fields;
  if (db_begin(db)) return app_db_fail(db, e);
  LeadModelRow m;
  int found = lead_store_model_get(db, actor->orgId, id, NULL, &m);
  int rc = found < 0 ? app_db_fail(db, e) : !found ? err_set(e, 404, "not_found", NULL, "数据模型不存在") : 0;
  LeadRule rule = LEAD_RULE_LICENCE;
  if (!rc && lead_rule_parse(m.zRule, &rule)) rc = err_internal(e, "unknown model rule");
  if (!rc) {
    const char *zField = NULL, *zWhy = NULL;
    if (lead_params_check(rule, params, NULL, &zField, &zWhy)) rc = err_field(e, zField, "%s", zWhy);
  }
  char *zParams = rc ? NULL : json_dumps(params, JSON_COMPACT | JSON_SORT_KEYS);
  if (!rc) {
    char zNow[32];
    time_now_iso(zNow);
    if (!zParams || lead_store_model_set_params(db, actor->orgId, id, zParams, actor->userId, zNow)) {
      rc = app_db_fail(db, e);
    }
  }
  if (!rc) {
    json_t *before = json_pack("{s:s, s:o}", "code", m.zCode, "params", json_loads(m.zParams, 0, NULL));
    json_t *after = json_pack("{s:s, s:O}", "code", m.zCode, "params", params);
    rc = audit_append(db, actor, "model.update", "match_model", audit_id(id).z, before, after, e);
    json_decref(before);
    json_decref(after);
  }
  free(zParams);
  if (found == 1) free(m.zParams);
  if (app_finish_write(db, rc, e)) return -1;
  json_t *a = lead_store_models(db, actor->orgId);
  if (!a) return app_db_fail(db, e);
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) {
    if (json_integer_value(json_object_get(v, "id")) == id) *out = json_incref(v);
  }
  json_decref(a);
  return *out ? 0 : err_internal(e, "model vanished");
}

/* ---- a run ----------------------------------------------------------------------------------------------------- */

typedef struct LicenceRun {
  Db *db;
  const LicenceParams *p;
  int64_t orgId, modelId, runId;
  JwDate today;
  const char *zNow;
  int64_t found;
  int64_t lastPerson; /* one lead per person and run: the first licence row that makes one */
  int failed;
} LicenceRun;

static int licence_row(const LicenceMatch *m, void *ctx) {
  LicenceRun *r = ctx;
  if (m->personId == r->lastPerson) return 0;
  LicenceFacts f = {.decidedOn = app_day_of(m->zDecisionOn),
                    .zStatus = m->zStatus,
                    .statusOn = app_day_of(m->zStatusOn),
                    .reissuedOn = app_day_of(m->zReissuedOn),
                    .zClass = m->zClass};
  if (!f.decidedOn) f.decidedOn = app_day_of(m->zJudgmentOn);
  JwDate due = 0, barEnd = 0;
  LeadReason why = lead_licence_check(r->p, &f, r->today, &due, &barEnd);
  if (why == LEAD_NONE) return 0;
  r->lastPerson = m->personId;
  char zDue[11] = "", zBar[11] = "";
  if (due) date_format(due, zDue);
  if (barEnd) date_format(barEnd, zBar);
  /* the evidence side by side: our record, their record, the rule */
  json_t *ev = json_pack(
      "{s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I},"
      " s:{s:s, s:s, s:s, s:s, s:s, s:b}}",
      "ours", "case_number", m->zCaseNumber, "name", m->zName, "id_number", m->zIdNumber, "charge", "dangerous_driving",
      "decision", m->zDecision, "non_prosecution_type", m->zNpType, "decision_on", m->zDecisionOn, "judgment_on",
      m->zJudgmentOn, "theirs", "name", m->zTheirName, "id_number", m->zTheirId, "licence_number", m->zLicenceNumber,
      "licence_class", m->zClass, "status", m->zStatus, "status_on", m->zStatusOn, "reissued_on", m->zReissuedOn,
      "agency_name", m->zAgencyName, "file_name", m->zFileName, "row_no", (json_int_t)m->rowNo, "rule", "code",
      lead_reason_code(why), "text", lead_reason_text(why), "article", "道路交通安全法第九十一条", "revoke_due_on",
      zDue, "bar_ends_on", barEnd ? zBar : "终生", "via_candidate", m->viaCandidate);
  char *zEv = ev ? json_dumps(ev, JSON_COMPACT) : NULL;
  json_decref(ev);
  char zKey[200];
  if (*m->zIdNumber) snprintf(zKey, sizeof zKey, "%s", m->zIdNumber);
  else snprintf(zKey, sizeof zKey, "%s|%s", m->zName, m->zBirthDate);
  LeadRow l = {.orgId = r->orgId,
               .modelId = r->modelId,
               .personId = m->personId,
               .caseId = m->caseId,
               .licenceId = m->licenceId,
               .agencyId = m->agencyId,
               .runId = r->runId,
               .zSubjectKey = zKey,
               .zReason = lead_reason_code(why),
               .zName = m->zName,
               .zIdNumber = m->zIdNumber,
               .zEvidence = zEv,
               .zNow = r->zNow};
  int rc = !zEv || lead_store_upsert(r->db, &l);
  free(zEv);
  if (rc) {
    r->failed = 1;
    return 1;
  }
  r->found++;
  return 0;
}

static json_t *run_by_id(Db *db, int64_t orgId, int64_t modelId, int64_t runId) {
  json_t *a = lead_store_runs(db, orgId, modelId), *o = NULL;
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) {
    if (json_integer_value(json_object_get(v, "id")) == runId) o = json_incref(v);
  }
  json_decref(a);
  return o;
}

int leads_run(Db *db, const Actor *actor, int64_t id, const char *zCode, const char *zTrigger, json_t **out, JwErr *e) {
  *out = NULL;
  int64_t t0 = now_ms();
  char zNow[32];
  time_now_iso(zNow);
  char zToday[11];
  JwDate today = app_today(zToday);
  if (db_begin(db)) return app_db_fail(db, e);
  int rc = lead_store_seed_models(db, actor->orgId, zNow) ? app_db_fail(db, e) : 0;
  LeadModelRow m;
  int found = rc ? 0 : lead_store_model_get(db, actor->orgId, id, zCode, &m);
  if (!rc) rc = found < 0 ? app_db_fail(db, e) : !found ? err_set(e, 404, "not_found", NULL, "数据模型不存在") : 0;
  LeadRule rule = LEAD_RULE_LICENCE;
  if (!rc && lead_rule_parse(m.zRule, &rule)) rc = err_internal(e, "unknown model rule");
  if (!rc && rule != LEAD_RULE_LICENCE) rc = err_rule(e, "model", "该模型的规则尚未实现");
  LicenceParams p;
  json_t *params = rc ? NULL : json_loads(m.zParams, 0, NULL);
  if (!rc) {
    const char *zField = NULL, *zWhy = NULL;
    if (lead_params_check(rule, params, &p, &zField, &zWhy)) rc = err_rule(e, zField, zWhy);
  }
  json_t *inputs = rc ? NULL : lead_store_inputs(db, actor->orgId, "licence");
  if (!rc && !inputs) rc = app_db_fail(db, e);
  char *zInputs = inputs ? json_dumps(inputs, JSON_COMPACT) : NULL;
  int64_t runId = 0, before = 0, rows = 0, cands = 0;
  if (!rc) {
    before = lead_store_count(db, actor->orgId, m.id);
    runId = before < 0 || !zInputs
                ? -1
                : lead_store_run_insert(db, actor->orgId, m.id, zTrigger, actor->userId, zNow, m.zParams, zInputs);
    if (runId < 0) rc = app_db_fail(db, e);
  }
  LicenceRun r = {db, &p, actor->orgId, m.id, runId, today, zNow, 0, 0, 0};
  if (!rc && lead_store_match_licence(db, actor->orgId, m.id, licence_row, &r, &rows)) rc = app_db_fail(db, e);
  if (!rc && lead_store_licence_candidates(db, actor->orgId, m.id, runId, zNow, &cands)) rc = app_db_fail(db, e);
  int64_t after = rc ? 0 : lead_store_count(db, actor->orgId, m.id);
  if (!rc && after < 0) rc = app_db_fail(db, e);
  if (!rc && lead_store_run_finish(db, runId, now_ms() - t0, rows, r.found, after - before, cands)) {
    rc = app_db_fail(db, e);
  }
  if (!rc) {
    json_t *a = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:O}", "model", m.zCode, "trigger", zTrigger, "rows",
                          (json_int_t)rows, "leads_found", (json_int_t)r.found, "leads_new",
                          (json_int_t)(after - before), "candidates_new", (json_int_t)cands, "inputs", inputs);
    rc = audit_append(db, actor, "model.run", "match_model", audit_id(m.id).z, NULL, a, e);
    json_decref(a);
  }
  json_decref(params);
  json_decref(inputs);
  free(zInputs);
  int64_t modelId = found == 1 ? m.id : 0;
  if (found == 1) free(m.zParams);
  if (app_finish_write(db, rc, e)) return -1;
  *out = run_by_id(db, actor->orgId, modelId, runId);
  return *out ? 0 : app_db_fail(db, e);
}

int leads_run_all(Db *db, const char *zTrigger, JwErr *e) {
  Stmt *s = db_prepare(db, "SELECT DISTINCT org_id FROM import_batch WHERE kind = 'licence' ORDER BY org_id");
  if (!s) return app_db_fail(db, e);
  int64_t aOrg[64];
  int n = 0, rc;
  while ((rc = db_step(s)) == DB_ROW && n < 64) aOrg[n++] = db_col_int(s, 0);
  db_done(s);
  if (rc == DB_ERROR) return app_db_fail(db, e);
  for (int i = 0; i < n; i++) {
    Actor a = {.userId = 0, .orgId = aOrg[i], .zLogin = "schedule", .perms = PERM_MODEL_MANAGE};
    for (int k = 0; k < lead_model_seed_count; k++) {
      json_t *out = NULL;
      if (leads_run(db, &a, 0, lead_model_seeds[k].zCode, zTrigger, &out, e)) return -1;
      json_decref(out);
    }
  }
  return 0;
}

int leads_runs(Db *db, const Actor *actor, int64_t modelId, json_t **out, JwErr *e) {
  LeadModelRow m;
  int found = lead_store_model_get(db, actor->orgId, modelId, NULL, &m);
  if (found < 0) return app_db_fail(db, e);
  if (!found) return err_set(e, 404, "not_found", NULL, "数据模型不存在");
  free(m.zParams);
  json_t *a = lead_store_runs(db, actor->orgId, modelId);
  if (!a) return app_db_fail(db, e);
  *out = json_pack("{s:o}", "items", a);
  return 0;
}

/* ---- leads ----------------------------------------------------------------------------------------------------- */

int leads_list(Db *db, const Actor *actor, LeadFilter f, json_t **out, JwErr *e) {
  f.orgId = actor->orgId;
  *out = lead_store_list(db, &f);
  return *out ? 0 : app_db_fail(db, e);
}

int leads_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  int found = 0;
  *out = lead_store_get(db, actor->orgId, id, &found);
  if (found < 0) return app_db_fail(db, e);
  if (!found) return err_set(e, 404, "not_found", NULL, "线索不存在");
  json_t *actions = json_array();
  const char *zState = json_string_value(json_object_get(*out, "state"));
  int isNew = zState && strcmp(zState, "new") == 0;
  int canSuggest = zState && strcmp(zState, "confirmed") == 0 && json_is_null(json_object_get(*out, "suggestion_id"));
  int mayHandle = (actor->perms & PERM_LEAD_HANDLE) != 0;
  json_array_append_new(actions, json_pack("{s:s, s:b}", "kind", "verify", "enabled", isNew && mayHandle));
  json_array_append_new(actions, json_pack("{s:s, s:b}", "kind", "suggest", "enabled",
                                           canSuggest && mayHandle && (actor->perms & PERM_SUGGESTION_HANDLE)));
  json_object_set_new(*out, "actions", actions);
  return 0;
}

static const JinField verify_fields[] = {{"result", JIN_STRING, 1, 1, 16}, {"note", JIN_TEXT, 0, 0, 500}};
static const JinLabel verify_labels[] = {{"result", "核实结果"}, {"note", "核实情况"}};

int leads_verify(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  if (jin_check_labeled(in, verify_fields, 2, verify_labels, 2, e)) return -1;
  const char *zResult = jin_str(in, "result"), *zNote = jin_str(in, "note");
  if (strcmp(zResult, "confirmed") != 0 && strcmp(zResult, "dismissed") != 0) {
    return err_field(e, "result", "核实结果必须是 confirmed（属实）或 dismissed（排除）");
  }
  if (strcmp(zResult, "dismissed") == 0 && (!zNote || !*zNote)) {
    return err_field(e, "note", "排除线索须写明理由");
  }
  if (db_begin(db)) return app_db_fail(db, e);
  char zState[16] = "";
  int found = lead_store_state(db, actor->orgId, id, zState, NULL, NULL);
  int rc = found < 0 ? app_db_fail(db, e) : !found ? err_set(e, 404, "not_found", NULL, "线索不存在") : 0;
  if (!rc && strcmp(zState, "new") != 0) rc = err_set(e, 409, "conflict", NULL, "该线索已核实，不能再次核实");
  char zNow[32];
  time_now_iso(zNow);
  if (!rc && lead_store_set_state(db, actor->orgId, id, zResult, zNote, actor->userId, zNow)) rc = app_db_fail(db, e);
  if (!rc) {
    json_t *b = json_pack("{s:s}", "state", zState);
    json_t *a = json_pack("{s:s, s:s?}", "state", zResult, "note", zNote);
    rc = audit_append(db, actor, "lead.verify", "lead", audit_id(id).z, b, a, e);
    json_decref(b);
    json_decref(a);
  }
  if (app_finish_write(db, rc, e)) return -1;
  return leads_get(db, actor, id, out, e);
}

static const JinField suggest_fields[] = {
    {"lead_ids", JIN_OBJECTS, 1, 1, 200}, {"agency_id", JIN_INT, 1, 1, INT64_MAX}, {"type", JIN_STRING, 0, 1, 24}};

int leads_to_suggestion(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  json_t *ids = json_object_get(in, "lead_ids");
  const char *zKey;
  json_t *v;
  json_object_foreach((json_t *)in, zKey, v) {
    int known = 0;
    for (size_t i = 0; i < sizeof suggest_fields / sizeof suggest_fields[0]; i++) {
      if (strcmp(zKey, suggest_fields[i].zName) == 0) known = 1;
    }
    if (!known) return err_field(e, zKey, "未知的字段 %s", zKey);
  }
  if (!json_is_array(ids) || json_array_size(ids) < 1 || json_array_size(ids) > 200) {
    return err_field(e, "lead_ids", "lead_ids 必须是 1 至 200 个线索 id 的数组");
  }
  size_t i;
  json_array_foreach(ids, i, v) {
    if (!json_is_integer(v) || json_integer_value(v) < 1) {
      char zField[32];
      snprintf(zField, sizeof zField, "lead_ids.%zu", i);
      return err_field(e, zField, "线索 id 必须是正整数");
    }
    for (size_t k = 0; k < i; k++) {
      if (json_integer_value(json_array_get(ids, k)) == json_integer_value(v)) {
        return err_field(e, "lead_ids", "线索 id 重复");
      }
    }
  }
  json_t *agency = json_object_get(in, "agency_id");
  if (!json_is_integer(agency) || json_integer_value(agency) < 1) {
    return err_field(e, "agency_id", "agency_id 必须是正整数");
  }
  json_t *type = json_object_get(in, "type");
  if (type && !json_is_string(type)) return err_field(e, "type", "建议类型无效");
  if (db_begin(db)) return app_db_fail(db, e);
  int rc = 0;
  Buf facts = BUF_INIT;
  buf_puts(&facts,
           "经大数据法律监督模型碰撞比对并调查核实，下列人员因醉酒驾驶机动车被依法处理后，其机动车驾驶证未依法吊销或在"
           "禁止期限内重新取得（道路交通安全法第九十一条）：\n");
  json_array_foreach(ids, i, v) {
    if (rc) break;
    int64_t leadId = json_integer_value(v);
    char zState[16] = "", zField[32];
    int64_t sid = 0, agencyId = 0;
    snprintf(zField, sizeof zField, "lead_ids.%zu", i);
    int found = lead_store_state(db, actor->orgId, leadId, zState, &sid, &agencyId);
    if (found < 0) rc = app_db_fail(db, e);
    else if (!found) rc = err_rule(e, zField, "线索不存在");
    else if (strcmp(zState, "confirmed") != 0) rc = err_rule(e, zField, "只有核实属实的线索可以制发检察建议");
    else if (sid) rc = err_rule(e, zField, "该线索已制发检察建议");
    if (!rc) {
      int f2 = 0;
      json_t *l = lead_store_get(db, actor->orgId, leadId, &f2);
      json_t *ours = json_object_get(json_object_get(l, "evidence"), "ours");
      json_t *theirs = json_object_get(json_object_get(l, "evidence"), "theirs");
      buf_printf(&facts, "%zu. %s（公民身份号码 %s，案号 %s），驾驶证 %s 状态：%s\n", i + 1,
                 json_string_value(json_object_get(l, "name")) ?: "",
                 json_string_value(json_object_get(l, "id_number")) ?: "",
                 json_string_value(json_object_get(ours, "case_number")) ?: "",
                 json_string_value(json_object_get(theirs, "licence_number")) ?: "",
                 json_string_value(json_object_get(theirs, "status")) ?: "");
      json_decref(l);
    }
  }
  long long sid = 0;
  if (!rc && !facts.z) rc = err_internal(e, "out of memory");
  if (!rc) {
    SuggestionDraft d = {.zType = type ? json_string_value(type) : "other",
                         .agencyId = json_integer_value(agency),
                         .zLinkedKind = "lead",
                         .linkedId = json_integer_value(json_array_get(ids, 0)),
                         .zReason = facts.z};
    rc = suggestions_open_linked(db, actor, &d, &sid, e);
  }
  char zNow[32];
  time_now_iso(zNow);
  json_array_foreach(ids, i, v) {
    if (rc) break;
    if (suggestion_store_link(db, actor->orgId, sid, "lead", json_integer_value(v)) ||
        lead_store_set_suggestion(db, actor->orgId, json_integer_value(v), sid, zNow)) {
      rc = app_db_fail(db, e);
    }
  }
  if (!rc) {
    json_t *a = json_pack("{s:I, s:O}", "suggestion_id", (json_int_t)sid, "lead_ids", ids);
    json_array_foreach(ids, i, v) {
      if (!rc) rc = audit_append(db, actor, "lead.suggest", "lead", audit_id(json_integer_value(v)).z, NULL, a, e);
    }
    json_decref(a);
  }
  buf_free(&facts);
  if (app_finish_write(db, rc, e)) return -1;
  *out = json_pack("{s:I, s:O}", "suggestion_id", (json_int_t)sid, "lead_ids", ids);
  return 0;
}

int leads_candidates(Db *db, const Actor *actor, const char *zState, int limit, int offset, json_t **out, JwErr *e) {
  *out = lead_store_candidates(db, actor->orgId, zState, limit, offset);
  return *out ? 0 : app_db_fail(db, e);
}

int leads_candidate_decide(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  static const JinField f[] = {{"result", JIN_STRING, 1, 1, 16}};
  if (jin_check(in, f, 1, e)) return -1;
  const char *zResult = jin_str(in, "result");
  if (strcmp(zResult, "confirmed") != 0 && strcmp(zResult, "rejected") != 0) {
    return err_field(e, "result", "结果必须是 confirmed（同一人）或 rejected（不是同一人）");
  }
  if (db_begin(db)) return app_db_fail(db, e);
  char zState[16] = "";
  int found = lead_store_candidate_state(db, actor->orgId, id, zState);
  int rc = found < 0 ? app_db_fail(db, e) : !found ? err_set(e, 404, "not_found", NULL, "待确认的比对对象不存在") : 0;
  if (!rc && strcmp(zState, "new") != 0) rc = err_set(e, 409, "conflict", NULL, "该比对对象已确认");
  char zNow[32];
  time_now_iso(zNow);
  if (!rc && lead_store_candidate_decide(db, actor->orgId, id, zResult, actor->userId, zNow)) rc = app_db_fail(db, e);
  if (!rc) {
    json_t *a = json_pack("{s:s}", "state", zResult);
    rc = audit_append(db, actor, "lead_candidate.decide", "lead_candidate", audit_id(id).z, NULL, a, e);
    json_decref(a);
  }
  if (app_finish_write(db, rc, e)) return -1;
  *out = json_pack("{s:I, s:s}", "id", (json_int_t)id, "state", zResult);
  return 0;
}

int leads_confirmed_exists(Db *db, int64_t orgId, int64_t id) {
  char zState[16] = "";
  int found = lead_store_state(db, orgId, id, zState, NULL, NULL);
  if (found <= 0) return found;
  return strcmp(zState, "confirmed") == 0;
}
