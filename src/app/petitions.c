/* petitions.c: the 信访 use cases (see petitions.h). */
#include "app/petitions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_util.h"
#include "app/deadlines.h"
#include "app/holidays.h"
#include "app/tx.h"
#include "core/agency.h"
#include "core/credit_code.h"
#include "core/deadline.h"
#include "core/idcard.h"
#include "core/petition.h"
#include "core/roles.h"
#include "lib/jsonin.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"
#include "store/deadline_store.h"
#include "store/suggestion_store.h"

#define PET_ID_MAX          ((int64_t)1 << 53)
#define PET_MAX_PETITIONERS 20
#define PET_MAX_ATTACHMENTS 50
#define PET_MAX_CASES       20
#define PET_MAX_REPLIES     500 /* replies counted for the periods; more are kept but not needed */

static void copy_str(char *out, size_t n, const char *z) {
  snprintf(out, n, "%s", z ? z : "");
}

static const JinLabel pet_labels[] = {
    {"channel", "来源渠道"},
    {"category", "信访类别"},
    {"function", "服务中心职能"},
    {"matter", "信访事项"},
    {"received_on", "收到日期"},
    {"first_handler_id", "首办责任人"},
    {"petitioners", "信访人"},
    {"attachments", "附件清单"},
    {"cases", "关联案件"},
    {"risk_level", "风险等级"},
    {"risk_reason", "风险评估理由"},
    {"repeat_of", "重复信访"},
    {"kind", "办理事项"},
    {"on", "日期"},
    {"department_id", "承办部门"},
    {"agency_id", "转办机关"},
    {"agency_name", "转办机关名称"},
    {"receipt", "回执"},
    {"reason", "理由"},
    {"case_id", "案件"},
    {"reply_kind", "答复类型"},
    {"content", "答复内容"},
    {"handler_id", "承办人"},
    {"satisfaction", "满意度"},
    {"ceased", "息诉罢访"},
    {"note", "备注"},
    {"procedural_unit", "程序性回复期限单位"},
    {"leader_id", "包案领导"},
    {"responsible_id", "责任人"},
    {"plans", "化解方案"},
};
#define NLABELS (sizeof pet_labels / sizeof pet_labels[0])

static const char *label_of(const char *zName) {
  for (size_t i = 0; i < NLABELS; i++) {
    if (strcmp(pet_labels[i].zName, zName) == 0) return pet_labels[i].zLabel;
  }
  return zName;
}

/* The record as the audit row keeps it: the API view without the timeline. NULL on error. */
static json_t *audit_view(Db *db, int64_t orgId, int64_t id) {
  char zToday[11];
  app_today(zToday);
  int found = 0;
  json_t *o = petition_store_get(db, orgId, id, zToday, &found);
  if (o) json_object_del(o, "events");
  return o;
}

static int note(Db *db, const Actor *actor, int64_t id, const char *zKind, const char *zOn, const json_t *data,
                JwErr *e) {
  char zNow[32];
  time_now_iso(zNow);
  if (petition_store_event_insert(db, actor->orgId, id, zKind, zOn, data, actor->userId, zNow) < 0) {
    return app_db_fail(db, e);
  }
  return 0;
}

/* ---- the reply periods ------------------------------------------------------------------------------------- */

/* Brings the petition's deadline rows in line with its replies: the procedural reply (answered by the first reply
 * of any kind), the result reply and the monthly follow-ups (core/petition.h). A petition transferred to another
 * body or not accepted owes no result reply: its period ends with that disposition. */
static int sync_deadlines(Db *db, const PetitionRow *r, JwErr *e) {
  const JwCalendar *cal = holidays_current(db, e);
  if (!cal) return -1;
  JwDate received = app_day_of(r->zReceivedOn), closedOn = app_day_of(r->zClosedOn);
  int32_t aAll[PET_MAX_REPLIES], aRes[PET_MAX_REPLIES];
  int nAll = 0, nRes = 0;
  if (petition_store_reply_days(db, r->orgId, r->id, 1, aAll, PET_MAX_REPLIES, &nAll) ||
      petition_store_reply_days(db, r->orgId, r->id, 0, aRes, PET_MAX_REPLIES, &nRes)) {
    return app_db_fail(db, e);
  }
  DeadlineRow *rows = calloc(PET_MAX_PERIODS + 1, sizeof *rows);
  PetPeriod *a = calloc(PET_MAX_PERIODS, sizeof *a);
  if (!rows || !a) abort();
  int n = 0, rc = 0;
  const int workdays = strcmp(r->zUnit, "workdays") == 0;
  /* the procedural reply */
  JwDate due = 0;
  int prov = 0;
  if (pet_procedural_due(cal, received, workdays, &due, &prov)) rc = err_rule(e, "received_on", "日期超出可计算的范围");
  const DeadlineKindRule *k = deadline_kind_by_code("petition_procedural");
  if (!rc) {
    DeadlineRow *d = &rows[n++];
    d->zKind = "petition_procedural";
    d->sequence = 0;
    d->startOn = received;
    d->length = pet_procedural_length(workdays);
    d->dueOn = due;
    d->provisional = prov;
    JwDate answered = nAll ? aAll[0] : closedOn;
    d->open = !answered;
    d->closedOn = answered;
    d->zWarnKey = "petition_procedural";
    d->warnDays = k ? k->warnDays : 2;
    d->zRule = k ? k->zRule : "";
  }
  /* the result reply and the follow-ups */
  int owed = !(r->zRejectReason[0] || r->zTransferAgencyName[0]);
  int nPeriod = 0;
  if (!rc) {
    JwDate endOn = owed ? closedOn : app_day_of(r->zDispositionOn);
    JwDate aDays[PET_MAX_REPLIES];
    for (int i = 0; i < nRes; i++) aDays[i] = aRes[i];
    if (!owed) nRes = 0; /* the disposition ends the period: replies after it answer nothing more */
    if (pet_reply_periods(cal, received, aDays, nRes, endOn, a, PET_MAX_PERIODS, &nPeriod)) {
      rc = err_rule(e, "received_on", "日期超出可计算的范围");
    }
  }
  for (int i = 0; !rc && i < nPeriod; i++) {
    const char *zKind = a[i].sequence == 0 ? "petition_result" : "petition_followup";
    k = deadline_kind_by_code(zKind);
    DeadlineRow *d = &rows[n++];
    d->zKind = zKind;
    d->sequence = a[i].sequence;
    d->startOn = received;
    d->length = a[i].length;
    d->dueOn = a[i].due;
    d->provisional = a[i].provisional;
    d->open = a[i].open;
    d->closedOn = a[i].open ? 0 : a[i].closedOn;
    d->zWarnKey = zKind;
    d->warnDays = k ? k->warnDays : 5;
    d->zRule = k ? k->zRule : "";
  }
  if (!rc) {
    /* the deadline lists are read beyond 控申: the subject names no petitioner (personal data) */
    char zSubject[200];
    snprintf(zSubject, sizeof zSubject, "信访件第%lld号（%s，%s）", (long long)r->id,
             pet_label(pet_channel_codes, r->zChannel), pet_label(pet_category_codes, r->zCategory));
    DeadlineOwner ow = {r->orgId, "petition", r->id, r->caseId, zSubject, r->handlerId, r->departmentId};
    rc = deadlines_sync(db, &ow, rows, n, e);
  }
  free(rows);
  free(a);
  return rc;
}

/* ---- field checks ------------------------------------------------------------------------------------------ */

/* A one-line string of 1..max characters without control characters, or absent (NULL). */
static int check_line(const json_t *v, const char *zField, int max, const char **pz, JwErr *e) {
  *pz = NULL;
  if (!v || json_is_null(v)) return 0;
  const char *z = json_string_value(v);
  if (!z) return err_field(e, zField, "%s必须是文字", zField);
  size_t n = utf8_length(z, strlen(z));
  if (n == (size_t)-1 || utf8_has_control(z, strlen(z), NULL)) {
    return err_field(e, zField, "%s含有无效字符或控制字符", zField);
  }
  if (n > (size_t)max) return err_field(e, zField, "%s不能超过 %d 个字", zField, max);
  *pz = n ? z : NULL;
  return 0;
}

/* A date field: valid, not before the intake day, not in the future. */
static int check_day(const char *zOn, const char *zField, JwDate received, JwDate today, JwDate *pOn, JwErr *e) {
  if (!zOn || date_parse(zOn, strlen(zOn), pOn)) return err_field(e, zField, "日期不是有效日期（YYYY-MM-DD）");
  if (received && *pOn < received) return err_rule(e, zField, "日期不能早于收到信访的日期");
  if (*pOn > today) return err_rule(e, zField, "日期不能晚于今天");
  return 0;
}

static int check_risk(const json_t *in, int required, JwErr *e) {
  const char *zLevel = jin_str(in, "risk_level");
  if (!zLevel && !required) {
    if (jin_has(in, "risk_reason")) return err_field(e, "risk_level", "写明风险评估理由时须同时写明风险等级");
    return 0;
  }
  if (!pet_code_in(pet_risk_codes, zLevel)) return err_field(e, "risk_level", "风险等级必须是 low、medium 或 high");
  const char *zReason = jin_str(in, "risk_reason");
  if (!zReason || !*zReason) return err_field(e, "risk_reason", "评估风险等级须写明理由");
  return 0;
}

/* A petitioner as checked: the normalised numbers are kept here. */
typedef struct Petitioner {
  PetitionPerson p;
  char zId[19], zCredit[19];
} Petitioner;

static int check_petitioners(const json_t *a, JwDate today, Petitioner *out, int *pn, JwErr *e) {
  static const struct {
    const char *zKey;
    int max;
  } keys[] = {{"name", PET_NAME_CHARS}, {"organisation", PET_ORG_CHARS}, {"id_number", 40},
              {"credit_code", 40},      {"phone", PET_PHONE_CHARS},      {"address", PET_ADDRESS_CHARS}};
  size_t i;
  json_t *v;
  *pn = 0;
  json_array_foreach(a, i, v) {
    char zField[64];
    Petitioner *t = &out[i];
    memset(t, 0, sizeof *t);
    const char *key;
    json_t *x;
    json_object_foreach(v, key, x) {
      int known = 0;
      for (size_t j = 0; j < sizeof keys / sizeof keys[0]; j++) known |= strcmp(keys[j].zKey, key) == 0;
      if (!known) {
        snprintf(zField, sizeof zField, "petitioners.%zu.%s", i, key);
        return err_field(e, zField, "信访人没有字段 %s", key);
      }
    }
    const char **apz[] = {&t->p.zName,       &t->p.zOrganisation, &t->p.zIdNumber,
                          &t->p.zCreditCode, &t->p.zPhone,        &t->p.zAddress};
    for (size_t j = 0; j < sizeof keys / sizeof keys[0]; j++) {
      snprintf(zField, sizeof zField, "petitioners.%zu.%s", i, keys[j].zKey);
      if (check_line(json_object_get(v, keys[j].zKey), zField, keys[j].max, apz[j], e)) return -1;
    }
    if (!t->p.zName && !t->p.zOrganisation) {
      snprintf(zField, sizeof zField, "petitioners.%zu.name", i);
      return err_field(e, zField, "信访人须写明姓名（自然人）或单位名称（单位）");
    }
    if (t->p.zIdNumber) {
      snprintf(zField, sizeof zField, "petitioners.%zu.id_number", i);
      int rc = idcard_normalize(t->p.zIdNumber, strlen(t->p.zIdNumber), today, t->zId, NULL);
      if (rc) return err_field(e, zField, "%s", idcard_error_message(rc));
      t->p.zIdNumber = t->zId;
    }
    if (t->p.zCreditCode) {
      snprintf(zField, sizeof zField, "petitioners.%zu.credit_code", i);
      int rc = credit_code_normalize(t->p.zCreditCode, strlen(t->p.zCreditCode), t->zCredit);
      if (rc) return err_field(e, zField, "%s", credit_code_error_message(rc));
      t->p.zCreditCode = t->zCredit;
    }
    (*pn)++;
  }
  return 0;
}

/* The earlier petitions of the petitioners (each once), newest first. NULL on error. */
static json_t *repeats_of(Db *db, int64_t orgId, const Petitioner *a, int n, int64_t excludeId) {
  json_t *out = json_array();
  for (int i = 0; i < n; i++) {
    json_t *m = petition_store_repeats(db, orgId, a[i].p.zIdNumber, a[i].p.zName, a[i].p.zPhone, excludeId);
    if (!m) {
      json_decref(out);
      return NULL;
    }
    size_t j, k;
    json_t *v, *w;
    json_array_foreach(m, j, v) {
      int seen = 0;
      json_array_foreach(out, k, w) {
        seen |= json_integer_value(json_object_get(w, "petition_id")) ==
                json_integer_value(json_object_get(v, "petition_id"));
      }
      if (!seen) json_array_append(out, v);
    }
    json_decref(m);
  }
  return out;
}

/* ---- create ------------------------------------------------------------------------------------------------ */

static const JinField create_fields[] = {
    {"channel", JIN_STRING, 1, 1, 24},
    {"category", JIN_STRING, 1, 1, 24},
    {"function", JIN_STRING, 0, 1, 24},
    {"matter", JIN_TEXT, 1, 1, PET_MATTER_CHARS},
    {"received_on", JIN_STRING, 1, 1, 10},
    {"first_handler_id", JIN_INT, 0, 1, PET_ID_MAX},
    {"petitioners", JIN_OBJECTS, 1, 1, PET_MAX_PETITIONERS},
    {"attachments", JIN_STRINGS, 0, 0, PET_MAX_ATTACHMENTS},
    {"cases", JIN_OBJECTS, 0, 0, PET_MAX_CASES},
    {"risk_level", JIN_STRING, 0, 1, 8},
    {"risk_reason", JIN_TEXT, 0, 0, PET_REASON_CHARS},
    {"repeat_of", JIN_INT, 0, 1, PET_ID_MAX},
};

static int check_cases(Db *db, int64_t orgId, const json_t *a, JwErr *e) {
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) {
    char zField[40];
    json_t *id = json_object_get(v, "id");
    snprintf(zField, sizeof zField, "cases.%zu.id", i);
    if (json_object_size(v) != 1 || !json_is_integer(id) || json_integer_value(id) < 1) {
      return err_field(e, zField, "关联案件须写作 {id}，id 为正整数");
    }
    int found = suggestion_store_case_exists(db, orgId, json_integer_value(id));
    if (found < 0) return app_db_fail(db, e);
    if (!found) return err_rule(e, zField, "关联案件不存在");
  }
  return 0;
}

int petitions_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (jin_check_labeled(in, create_fields, sizeof create_fields / sizeof create_fields[0], pet_labels, NLABELS, e)) {
    return -1;
  }
  char zToday[11];
  JwDate today = app_today(zToday), received = 0;
  const char *zChannel = jin_str(in, "channel"), *zCategory = jin_str(in, "category");
  const char *zFunction = jin_str(in, "function") ? jin_str(in, "function") : pet_default_function(zCategory);
  if (!pet_code_in(pet_channel_codes, zChannel)) {
    return err_field(e, "channel",
                     "来源渠道必须是 letter（来信）、visit（来访）、online（网上12309）、hotline（12309热线）、"
                     "video（视频接访）、chief_reception（检察长接待日）或 outreach（下访/巡回接访）");
  }
  if (!pet_code_in(pet_category_codes, zCategory)) return err_field(e, "category", "未知的信访类别 %s", zCategory);
  if (!pet_code_in(pet_function_codes, zFunction)) return err_field(e, "function", "未知的服务中心职能 %s", zFunction);
  if (check_day(jin_str(in, "received_on"), "received_on", 0, today, &received, e)) return -1;
  if (check_risk(in, 0, e)) return -1;
  Petitioner aP[PET_MAX_PETITIONERS];
  int nP = 0;
  if (check_petitioners(json_object_get(in, "petitioners"), today, aP, &nP, e)) return -1;
  int64_t handlerId = jin_int(in, "first_handler_id", actor->userId), dept = 0;
  if (db_begin(db)) return app_db_fail(db, e);
  int rc = 0;
  int found = petition_store_user(db, actor->orgId, handlerId, &dept);
  if (found < 0) rc = app_db_fail(db, e);
  else if (!found) rc = err_rule(e, "first_handler_id", "首办责任人不是本院的在职用户");
  if (!rc && json_object_get(in, "cases")) rc = check_cases(db, actor->orgId, json_object_get(in, "cases"), e);
  PetitionRow r;
  memset(&r, 0, sizeof r);
  r.ceased = -1;
  if (!rc && jin_has(in, "repeat_of")) {
    PetitionRow prev;
    found = petition_store_load(db, actor->orgId, jin_int(in, "repeat_of", 0), &prev);
    if (found < 0) rc = app_db_fail(db, e);
    else if (!found) rc = err_rule(e, "repeat_of", "所指的原信访件不存在");
    else petition_row_free(&prev);
    r.repeatOf = jin_int(in, "repeat_of", 0);
    copy_str(r.zRepeatBasis, sizeof r.zRepeatBasis, "confirmed");
  }
  json_t *repeats = rc ? NULL : repeats_of(db, actor->orgId, aP, nP, 0);
  if (!rc && !repeats) rc = app_db_fail(db, e);
  if (!rc && !r.repeatOf) {
    /* the same ID number is the same person: linked without asking; a name and phone only shown */
    size_t i;
    json_t *v;
    json_array_foreach(repeats, i, v) {
      if (strcmp(json_string_value(json_object_get(v, "basis")), "id_number") == 0) {
        r.repeatOf = json_integer_value(json_object_get(v, "petition_id"));
        copy_str(r.zRepeatBasis, sizeof r.zRepeatBasis, "id_number");
        break;
      }
    }
  }
  int64_t id = 0;
  if (!rc) rc = petition_store_unit(db, actor->orgId, r.zUnit) ? app_db_fail(db, e) : 0;
  if (!rc) {
    char zNow[32];
    time_now_iso(zNow);
    r.orgId = actor->orgId;
    copy_str(r.zChannel, sizeof r.zChannel, zChannel);
    copy_str(r.zCategory, sizeof r.zCategory, zCategory);
    copy_str(r.zFunction, sizeof r.zFunction, zFunction);
    copy_str(r.zState, sizeof r.zState, "registered");
    copy_str(r.zRiskLevel, sizeof r.zRiskLevel, jin_str(in, "risk_level") ? jin_str(in, "risk_level") : "low");
    copy_str(r.zRiskReason, sizeof r.zRiskReason, jin_str(in, "risk_reason"));
    copy_str(r.zReceivedOn, sizeof r.zReceivedOn, jin_str(in, "received_on"));
    r.receivedBy = actor->userId;
    r.firstHandlerId = r.handlerId = handlerId;
    r.departmentId = dept;
    json_t *att = json_object_get(in, "attachments");
    r.zMatter = (char *)jin_str(in, "matter");
    r.zAttachments = att ? json_dumps(att, JSON_COMPACT) : NULL;
    json_t *cases = json_object_get(in, "cases");
    if (json_array_size(cases)) r.caseId = json_integer_value(json_object_get(json_array_get(cases, 0), "id"));
    id = petition_store_insert(db, &r, zNow);
    free(r.zAttachments);
    r.zAttachments = NULL;
    r.zMatter = NULL;
    r.id = id;
    if (id < 0) rc = app_db_fail(db, e);
    for (int i = 0; !rc && i < nP; i++) {
      if (petition_store_person_insert(db, actor->orgId, id, &aP[i].p)) rc = app_db_fail(db, e);
    }
    size_t i;
    json_t *v;
    json_array_foreach(cases, i, v) {
      if (!rc && petition_store_case_link(db, actor->orgId, id, json_integer_value(json_object_get(v, "id")))) {
        rc = app_db_fail(db, e);
      }
    }
  }
  if (!rc) {
    json_t *data = json_pack("{s:O}", "repeats", repeats);
    if (r.repeatOf) json_object_set_new(data, "repeat_of", json_integer(r.repeatOf));
    rc = note(db, actor, id, "created", r.zReceivedOn, data, e);
    json_decref(data);
  }
  if (!rc) rc = sync_deadlines(db, &r, e);
  json_t *after = rc ? NULL : audit_view(db, actor->orgId, id);
  if (!rc && !after) rc = app_db_fail(db, e);
  if (!rc) rc = audit_append(db, actor, "petition.create", "petition", audit_id(id).z, NULL, after, e);
  json_decref(after);
  json_decref(repeats);
  if (app_finish_write(db, rc, e)) return -1;
  return petitions_get(db, actor, id, out, e);
}

/* ---- steps ------------------------------------------------------------------------------------------------- */

static const JinField event_fields[] = {
    {"kind", JIN_STRING, 1, 1, 16},
    {"on", JIN_STRING, 0, 1, 10},
    {"department_id", JIN_INT, 0, 1, PET_ID_MAX},
    {"agency_id", JIN_INT, 0, 1, PET_ID_MAX},
    {"agency_name", JIN_STRING, 0, 1, PET_ORG_CHARS},
    {"receipt", JIN_STRING, 0, 1, PET_RECEIPT_CHARS},
    {"reason", JIN_TEXT, 0, 1, PET_REASON_CHARS},
    {"case_id", JIN_INT, 0, 1, PET_ID_MAX},
    {"reply_kind", JIN_STRING, 0, 1, 16},
    {"channel", JIN_STRING, 0, 1, 16},
    {"content", JIN_TEXT, 0, 1, PET_CONTENT_CHARS},
    {"handler_id", JIN_INT, 0, 1, PET_ID_MAX},
    {"satisfaction", JIN_STRING, 0, 1, 16},
    {"ceased", JIN_BOOL, 0, 0, 0},
    {"risk_level", JIN_STRING, 0, 1, 8},
    {"risk_reason", JIN_TEXT, 0, 0, PET_REASON_CHARS},
    {"note", JIN_TEXT, 0, 0, PET_REASON_CHARS},
    {"leader_id", JIN_INT, 0, 1, PET_ID_MAX},
    {"responsible_id", JIN_INT, 0, 1, PET_ID_MAX},
    {"plans", JIN_STRINGS, 0, 1, 4},
};

/* Per step: the fields it takes besides kind ('!' required); every step also takes risk_level and risk_reason. */
static const struct {
  const char *zKind, *zSpec;
} event_specs[] = {
    {"accept", "!on !department_id note"},
    {"transfer", "!on agency_id agency_name receipt note"},
    {"reject", "!on !reason"},
    {"litigation", "!on !case_id note"},
    {"reply", "!on !reply_kind !channel !content"},
    {"handler", "!handler_id !reason"},
    {"risk", ""},
    {"close", "!on !satisfaction !ceased note"},
    /* 领导包案: 一名包案领导、一名责任人、一套化解方案 (包处理、包疏导、包稳控、包息诉息访), then dated progress notes
     */
    {"plan", "!on !leader_id !responsible_id !plans note"},
    {"progress", "!on !note"},
};

/* The codes of a 包案 plan: 包处理, 包疏导, 包稳控, 包息诉息访. */
static const char *const pet_plan_codes[] = {"handle", "guide", "stabilise", "cease", NULL};

static const char *spec_of(const char *zKind) {
  for (size_t i = 0; zKind && i < sizeof event_specs / sizeof event_specs[0]; i++) {
    if (strcmp(event_specs[i].zKind, zKind) == 0) return event_specs[i].zSpec;
  }
  return NULL;
}

/* 1 when zName appears in the space-separated spec (with or without its '!'). */
static int spec_has(const char *zSpec, const char *zName, int *pRequired) {
  size_t n = strlen(zName);
  for (const char *p = zSpec; *p;) {
    int req = *p == '!';
    if (req) p++;
    size_t k = strcspn(p, " ");
    if (k == n && strncmp(p, zName, n) == 0) {
      if (pRequired) *pRequired = req;
      return 1;
    }
    p += k;
    while (*p == ' ') p++;
  }
  return 0;
}

static int event_parse(const json_t *in, const char **pSpec, JwErr *e) {
  if (jin_check_labeled(in, event_fields, sizeof event_fields / sizeof event_fields[0], pet_labels, NLABELS, e)) {
    return -1;
  }
  const char *zKind = jin_str(in, "kind");
  const char *zSpec = spec_of(zKind);
  if (!zSpec) {
    return err_field(e, "kind",
                     "办理事项必须是 accept（受理）、transfer（转办）、reject（不予受理）、litigation（导入诉讼程序）、"
                     "reply（答复）、handler（移交承办人）、risk（风险评估）、plan（领导包案）、progress（包案进展）或 "
                     "close（办结）");
  }
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)in, key, v) {
    if (strcmp(key, "kind") != 0 && strcmp(key, "risk_level") != 0 && strcmp(key, "risk_reason") != 0 &&
        !spec_has(zSpec, key, NULL)) {
      return err_field(e, key, "%s不适用于该办理事项", label_of(key));
    }
  }
  for (size_t i = 0; i < sizeof event_fields / sizeof event_fields[0]; i++) {
    int req = 0;
    const char *zName = event_fields[i].zName;
    if (spec_has(zSpec, zName, &req) && req && !jin_has(in, zName)) {
      return err_field(e, zName, "缺少%s", label_of(zName));
    }
  }
  if (check_risk(in, strcmp(zKind, "risk") == 0, e)) return -1;
  if (strcmp(zKind, "transfer") == 0 && jin_has(in, "agency_id") == jin_has(in, "agency_name")) {
    return err_field(e, "agency_id", "转办须写明本院机关名录中的机关（agency_id）或机关名称（agency_name），二者选一");
  }
  if (strcmp(zKind, "reply") == 0) {
    if (!pet_code_in(pet_reply_kinds, jin_str(in, "reply_kind"))) {
      return err_field(e, "reply_kind", "答复类型必须是 procedural、result、progress 或 followup");
    }
    if (!pet_code_in(pet_reply_channels, jin_str(in, "channel"))) {
      return err_field(e, "channel", "答复方式必须是 written、phone、in_person、online 或 sms");
    }
  }
  if (strcmp(zKind, "plan") == 0) {
    size_t i;
    json_t *code;
    json_array_foreach(json_object_get(in, "plans"), i, code) {
      if (!pet_code_in(pet_plan_codes, json_string_value(code))) {
        return err_field(e, "plans",
                         "化解方案须是 handle（包处理）、guide（包疏导）、stabilise（包稳控）、cease（包息诉息访）");
      }
    }
  }
  if (strcmp(zKind, "progress") == 0 && !*jin_str(in, "note")) return err_field(e, "note", "缺少进展情况");
  if (strcmp(zKind, "close") == 0 && !pet_code_in(pet_satisfaction_codes, jin_str(in, "satisfaction"))) {
    return err_field(e, "satisfaction", "满意度必须是 satisfied、basic、unsatisfied 或 unknown");
  }
  *pSpec = zSpec;
  return 0;
}

/* Applies the step to r (checked against the record and the office), with the event's data into data. */
static int apply_step(Db *db, const Actor *actor, PetitionRow *r, const json_t *in, JwDate today, json_t *data,
                      JwErr *e) {
  const char *zKind = jin_str(in, "kind");
  PetState st;
  if (pet_state_parse(r->zState, &st)) st = PET_REGISTERED;
  const char *zWhy = pet_check_state(st, zKind);
  if (zWhy) return err_set(e, 409, "conflict", NULL, "%s", zWhy);
  JwDate received = app_day_of(r->zReceivedOn), on = 0;
  if (jin_has(in, "on") && check_day(jin_str(in, "on"), "on", received, today, &on, e)) return -1;
  const char *zOn = jin_str(in, "on");
  PetState to;
  if (pet_disposition_state(zKind, &to) == 0) {
    if (strcmp(zKind, "accept") == 0) {
      int found = petition_store_department(db, r->orgId, jin_int(in, "department_id", 0));
      if (found < 0) return app_db_fail(db, e);
      if (!found) return err_rule(e, "department_id", "承办部门不是本院的部门");
      r->acceptDepartmentId = jin_int(in, "department_id", 0);
    } else if (strcmp(zKind, "transfer") == 0) {
      if (jin_has(in, "agency_id")) {
        char zName[AGENCY_NAME_BYTES];
        int found = suggestion_store_agency_name(db, r->orgId, jin_int(in, "agency_id", 0), zName, sizeof zName);
        if (found < 0) return app_db_fail(db, e);
        if (!found) return err_rule(e, "agency_id", "转办机关不在本院机关名录中");
        r->transferAgencyId = jin_int(in, "agency_id", 0);
        copy_str(r->zTransferAgencyName, sizeof r->zTransferAgencyName, zName);
      } else {
        copy_str(r->zTransferAgencyName, sizeof r->zTransferAgencyName, jin_str(in, "agency_name"));
      }
      copy_str(r->zTransferReceipt, sizeof r->zTransferReceipt, jin_str(in, "receipt"));
      json_object_set_new(data, "agency_name", json_string(r->zTransferAgencyName));
    } else if (strcmp(zKind, "reject") == 0) {
      copy_str(r->zRejectReason, sizeof r->zRejectReason, jin_str(in, "reason"));
    } else {
      int64_t caseId = jin_int(in, "case_id", 0);
      int found = suggestion_store_case_exists(db, r->orgId, caseId);
      if (found < 0) return app_db_fail(db, e);
      if (!found) return err_rule(e, "case_id", "案件不存在");
      if (petition_store_case_link(db, r->orgId, r->id, caseId)) return app_db_fail(db, e);
      r->caseId = caseId;
    }
    copy_str(r->zState, sizeof r->zState, pet_state_codes[to]);
    copy_str(r->zDispositionOn, sizeof r->zDispositionOn, zOn);
  } else if (strcmp(zKind, "reply") == 0) {
    char zNow[32];
    time_now_iso(zNow);
    if (petition_store_reply_insert(db, r->orgId, r->id, jin_str(in, "reply_kind"), zOn, jin_str(in, "channel"),
                                    jin_str(in, "content"), actor->userId, zNow) < 0) {
      return app_db_fail(db, e);
    }
  } else if (strcmp(zKind, "handler") == 0) {
    int64_t to_id = jin_int(in, "handler_id", 0), dept = 0;
    int found = petition_store_user(db, r->orgId, to_id, &dept);
    if (found < 0) return app_db_fail(db, e);
    if (!found) return err_rule(e, "handler_id", "承办人不是本院的在职用户");
    if (to_id == r->handlerId) return err_rule(e, "handler_id", "该用户已是本件承办人");
    json_object_set_new(data, "from_handler_id", json_integer(r->handlerId));
    json_object_set_new(data, "first_handler_id", json_integer(r->firstHandlerId));
    r->handlerId = to_id;
    r->departmentId = dept;
  } else if (strcmp(zKind, "plan") == 0) {
    if (r->leadLeaderId) return err_set(e, 409, "conflict", NULL, "该信访件已由领导包案");
    int64_t leader = jin_int(in, "leader_id", 0), resp = jin_int(in, "responsible_id", 0), dept = 0;
    int found = petition_store_user_has_role(db, r->orgId, leader, "leader");
    if (found < 0) return app_db_fail(db, e);
    if (!found) return err_rule(e, "leader_id", "包案领导须是本院的院领导");
    found = petition_store_user(db, r->orgId, resp, &dept);
    if (found < 0) return app_db_fail(db, e);
    if (!found) return err_rule(e, "responsible_id", "责任人不是本院的在职用户");
    r->leadLeaderId = leader;
    r->leadResponsibleId = resp;
    char *zPlans = json_dumps(json_object_get(in, "plans"), JSON_COMPACT);
    copy_str(r->zLeadPlans, sizeof r->zLeadPlans, zPlans);
    free(zPlans);
    copy_str(r->zLeadOn, sizeof r->zLeadOn, zOn);
  } else if (strcmp(zKind, "progress") == 0) {
    if (!r->leadLeaderId) return err_set(e, 409, "conflict", NULL, "该信访件尚未领导包案，不能记录包案进展");
  } else if (strcmp(zKind, "close") == 0) {
    int32_t aAll[PET_MAX_REPLIES];
    int nAll = 0;
    if (petition_store_reply_days(db, r->orgId, r->id, 1, aAll, PET_MAX_REPLIES, &nAll)) return app_db_fail(db, e);
    if (!nAll) return err_rule(e, "replies", "信访件尚未答复信访人，不能办结（群众信访件件有回复）");
    if (on < aAll[nAll - 1]) return err_rule(e, "on", "办结日期不能早于最后一次答复的日期");
    copy_str(r->zClosedOn, sizeof r->zClosedOn, zOn);
    copy_str(r->zSatisfaction, sizeof r->zSatisfaction, jin_str(in, "satisfaction"));
    r->ceased = json_is_true(json_object_get(in, "ceased"));
    copy_str(r->zState, sizeof r->zState, "closed");
  }
  if (jin_str(in, "risk_level")) {
    json_object_set_new(data, "risk_before", json_string(r->zRiskLevel));
    copy_str(r->zRiskLevel, sizeof r->zRiskLevel, jin_str(in, "risk_level"));
    copy_str(r->zRiskReason, sizeof r->zRiskReason, jin_str(in, "risk_reason"));
  }
  return 0;
}

int petitions_event(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e) {
  const char *zSpec = NULL;
  if (event_parse(in, &zSpec, e)) return -1;
  char zToday[11];
  JwDate today = app_today(zToday);
  if (db_begin(db)) return app_db_fail(db, e);
  PetitionRow r;
  int found = petition_store_load(db, actor->orgId, id, &r);
  int rc = found < 0 ? app_db_fail(db, e) : !found ? err_set(e, 404, "not_found", NULL, "信访件不存在") : 0;
  json_t *before = rc ? NULL : audit_view(db, actor->orgId, id);
  if (!rc && !before) rc = app_db_fail(db, e);
  json_t *data = json_deep_copy(in);
  json_object_del(data, "kind");
  json_object_del(data, "on");
  if (!rc) rc = apply_step(db, actor, &r, in, today, data, e);
  if (!rc) {
    char zNow[32];
    time_now_iso(zNow);
    if (petition_store_update(db, &r, zNow)) rc = app_db_fail(db, e);
  }
  if (!rc) rc = note(db, actor, id, jin_str(in, "kind"), jin_str(in, "on"), data, e);
  if (!rc) rc = sync_deadlines(db, &r, e);
  json_t *after = rc ? NULL : audit_view(db, actor->orgId, id);
  if (!rc && !after) rc = app_db_fail(db, e);
  if (!rc) {
    char zAction[40];
    snprintf(zAction, sizeof zAction, "petition.%s", jin_str(in, "kind"));
    rc = audit_append(db, actor, zAction, "petition", audit_id(id).z, before, after, e);
  }
  json_decref(before);
  json_decref(after);
  json_decref(data);
  if (found == 1) petition_row_free(&r);
  if (app_finish_write(db, rc, e)) return -1;
  return petitions_get(db, actor, id, out, e);
}

/* ---- reads ------------------------------------------------------------------------------------------------- */

/* The steps the record allows now: [{kind, enabled, why}]. */
static json_t *actions_of(const json_t *o) {
  PetState st;
  if (pet_state_parse(json_string_value(json_object_get(o, "state")), &st)) st = PET_REGISTERED;
  json_t *a = json_array();
  int replied = json_array_size(json_object_get(o, "replies")) > 0;
  for (size_t i = 0; i < sizeof event_specs / sizeof event_specs[0]; i++) {
    const char *zWhy = pet_check_state(st, event_specs[i].zKind);
    if (!zWhy && strcmp(event_specs[i].zKind, "close") == 0 && !replied) zWhy = "信访件尚未答复信访人，不能办结";
    int led = json_is_object(json_object_get(o, "lead"));
    if (!zWhy && strcmp(event_specs[i].zKind, "plan") == 0 && led) zWhy = "该信访件已由领导包案";
    if (!zWhy && strcmp(event_specs[i].zKind, "progress") == 0 && !led) zWhy = "该信访件尚未领导包案";
    json_array_append_new(
        a, json_pack("{s:s, s:b, s:s?}", "kind", event_specs[i].zKind, "enabled", zWhy == NULL, "why", zWhy));
  }
  return a;
}

int petitions_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e) {
  char zToday[11];
  app_today(zToday);
  int found = 0;
  json_t *o = petition_store_get(db, actor->orgId, id, zToday, &found);
  if (!o) return found ? app_db_fail(db, e) : err_set(e, 404, "not_found", NULL, "信访件不存在");
  /* the earlier and later petitions of the same petitioners */
  json_t *ps = json_object_get(o, "petitioners");
  int n = (int)json_array_size(ps);
  Petitioner *aP = calloc(n ? (size_t)n : 1, sizeof *aP);
  if (!aP) abort();
  for (int i = 0; i < n; i++) {
    json_t *p = json_array_get(ps, (size_t)i);
    aP[i].p.zName = json_string_value(json_object_get(p, "name"));
    aP[i].p.zIdNumber = json_string_value(json_object_get(p, "id_number"));
    aP[i].p.zPhone = json_string_value(json_object_get(p, "phone"));
  }
  json_t *rep = repeats_of(db, actor->orgId, aP, n, id);
  free(aP);
  json_t *d = deadline_store_for_entity(db, "petition", id, zToday);
  if (!rep || !d) {
    json_decref(rep);
    json_decref(d);
    json_decref(o);
    return app_db_fail(db, e);
  }
  json_object_set_new(o, "repeats", rep);
  json_object_set_new(o, "deadlines", d);
  json_object_set_new(o, "actions", actions_of(o));
  *out = o;
  return 0;
}

int petitions_list(Db *db, const Actor *actor, PetitionFilter f, json_t **out, JwErr *e) {
  char zToday[11];
  app_today(zToday);
  f.orgId = actor->orgId;
  f.zToday = zToday;
  *out = petition_store_list(db, &f);
  return *out ? 0 : app_db_fail(db, e);
}

int petitions_repeats(Db *db, const Actor *actor, const char *zIdNumber, const char *zName, const char *zPhone,
                      json_t **out, JwErr *e) {
  char zToday[11];
  JwDate today = app_today(zToday);
  Petitioner p;
  memset(&p, 0, sizeof p);
  if (zIdNumber && *zIdNumber) {
    int rc = idcard_normalize(zIdNumber, strlen(zIdNumber), today, p.zId, NULL);
    if (rc) return err_field(e, "id_number", "%s", idcard_error_message(rc));
    p.p.zIdNumber = p.zId;
  }
  p.p.zName = zName && *zName ? zName : NULL;
  p.p.zPhone = zPhone && *zPhone ? zPhone : NULL;
  json_t *a = repeats_of(db, actor->orgId, &p, 1, 0);
  if (!a) return app_db_fail(db, e);
  *out = json_pack("{s:o}", "items", a);
  return 0;
}

int petitions_stats(Db *db, const Actor *actor, int byCategory, json_t **out, JwErr *e) {
  char zToday[11];
  app_today(zToday);
  *out = petition_store_stats(db, actor->orgId, byCategory, zToday);
  return *out ? 0 : app_db_fail(db, e);
}

int petitions_settings_get(Db *db, const Actor *actor, json_t **out, JwErr *e) {
  char zUnit[12];
  if (petition_store_unit(db, actor->orgId, zUnit)) return app_db_fail(db, e);
  *out = json_pack("{s:s}", "procedural_unit", zUnit);
  return 0;
}

static const JinField settings_fields[] = {{"procedural_unit", JIN_STRING, 1, 1, 12}};

int petitions_settings_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e) {
  if (jin_check_labeled(in, settings_fields, 1, pet_labels, NLABELS, e)) return -1;
  const char *zUnit = jin_str(in, "procedural_unit");
  if (!pet_code_in(pet_units, zUnit)) {
    return err_field(e, "procedural_unit", "程序性回复期限单位必须是 days（日）或 workdays（工作日）");
  }
  if (db_begin(db)) return app_db_fail(db, e);
  char zOld[12], zNow[32];
  time_now_iso(zNow);
  int rc = petition_store_unit(db, actor->orgId, zOld) ? app_db_fail(db, e) : 0;
  if (!rc && petition_store_unit_put(db, actor->orgId, zUnit, actor->userId, zNow)) rc = app_db_fail(db, e);
  json_t *before = json_pack("{s:s}", "procedural_unit", zOld), *after = json_pack("{s:s}", "procedural_unit", zUnit);
  if (!rc) rc = audit_append(db, actor, "petition.settings", "org", audit_id(actor->orgId).z, before, after, e);
  json_decref(before);
  json_decref(after);
  if (app_finish_write(db, rc, e)) return -1;
  return petitions_settings_get(db, actor, out, e);
}
