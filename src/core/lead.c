/* lead.c: the models' rules (see lead.h). */
#include "core/lead.h"

#include <string.h>

const char *const lead_rule_codes[] = {"licence_not_revoked", "penalty_missing", "identity_conflict", NULL};
const char *const lead_state_codes[] = {"new", "confirmed", "dismissed", NULL};

const LeadModelSeed lead_model_seeds[] = {
    {"drunk_licence", "醉驾未吊销驾驶证", LEAD_RULE_LICENCE,
     "{\"grace_days\":30,\"bar_years\":5,\"commercial_years\":10,\"lifetime\":false,"
     "\"commercial_classes\":[\"A1\",\"A2\",\"A3\",\"B1\",\"B2\"]}"},
};
const int lead_model_seed_count = (int)(sizeof lead_model_seeds / sizeof lead_model_seeds[0]);

int lead_rule_parse(const char *z, LeadRule *out) {
  for (int i = 0; z && lead_rule_codes[i]; i++) {
    if (strcmp(z, lead_rule_codes[i]) == 0) {
      *out = (LeadRule)i;
      return 0;
    }
  }
  return -1;
}

static int int_param(const json_t *params, const char *zName, int lo, int hi, int dflt, int *out) {
  json_t *v = json_object_get(params, zName);
  if (!v) {
    *out = dflt;
    return 0;
  }
  if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) return -1;
  *out = (int)json_integer_value(v);
  return 0;
}

int lead_params_check(LeadRule rule, const json_t *params, LicenceParams *p, const char **pField, const char **pWhy) {
  LicenceParams tmp;
  if (!p) p = &tmp;
  memset(p, 0, sizeof *p);
  *pField = "params";
  if (!json_is_object(params)) {
    *pWhy = "模型参数必须是对象";
    return -1;
  }
  if (rule != LEAD_RULE_LICENCE) {
    if (json_object_size(params) != 0) {
      *pWhy = "该模型没有可设置的参数";
      return -1;
    }
    return 0;
  }
  const char *zKey;
  json_t *v;
  json_object_foreach((json_t *)params, zKey, v) {
    if (strcmp(zKey, "grace_days") != 0 && strcmp(zKey, "bar_years") != 0 && strcmp(zKey, "commercial_years") != 0 &&
        strcmp(zKey, "lifetime") != 0 && strcmp(zKey, "commercial_classes") != 0) {
      *pWhy = "模型参数含有未知的项";
      return -1;
    }
  }
  if (int_param(params, "grace_days", 0, 365, 30, &p->graceDays)) {
    *pField = "params.grace_days";
    *pWhy = "宽限天数必须是 0 至 365 的整数";
    return -1;
  }
  if (int_param(params, "bar_years", 1, 50, 5, &p->barYears)) {
    *pField = "params.bar_years";
    *pWhy = "禁止重新取得的年限必须是 1 至 50 的整数";
    return -1;
  }
  if (int_param(params, "commercial_years", 1, 50, 10, &p->commercialYears)) {
    *pField = "params.commercial_years";
    *pWhy = "营运车辆禁止重新取得的年限必须是 1 至 50 的整数";
    return -1;
  }
  json_t *life = json_object_get(params, "lifetime");
  if (life && !json_is_boolean(life)) {
    *pField = "params.lifetime";
    *pWhy = "lifetime 必须是 true 或 false";
    return -1;
  }
  p->lifetime = json_is_true(life);
  json_t *cls = json_object_get(params, "commercial_classes");
  if (cls) {
    size_t i;
    if (!json_is_array(cls) || json_array_size(cls) > 8) {
      *pField = "params.commercial_classes";
      *pWhy = "营运准驾车型至多 8 项";
      return -1;
    }
    json_array_foreach(cls, i, v) {
      const char *z = json_string_value(v);
      size_t n = z ? strlen(z) : 0;
      int ok = n >= 1 && n <= 3;
      for (size_t k = 0; ok && k < n; k++) ok = (z[k] >= 'A' && z[k] <= 'Z') || (z[k] >= '0' && z[k] <= '9');
      if (!ok) {
        *pField = "params.commercial_classes";
        *pWhy = "准驾车型须写作 A1、B2 这样的代号";
        return -1;
      }
      memcpy(p->azCommercial[p->nCommercial++], z, n + 1);
    }
  }
  return 0;
}

const char *lead_reason_code(LeadReason r) {
  return r == LEAD_NOT_REVOKED ? "not_revoked" : r == LEAD_REISSUED_IN_BAR ? "reissued_in_bar" : "";
}

const char *lead_reason_text(LeadReason r) {
  return r == LEAD_NOT_REVOKED ? "醉酒驾驶机动车，决定作出后逾期仍未吊销机动车驾驶证（道路交通安全法第九十一条）"
         : r == LEAD_REISSUED_IN_BAR ? "吊销后在法定禁止期限内重新取得机动车驾驶证（道路交通安全法第九十一条）"
                                     : "";
}

static int is_commercial(const LicenceParams *p, const char *zClass) {
  for (int i = 0; zClass && i < p->nCommercial; i++) {
    if (strcmp(p->azCommercial[i], zClass) == 0) return 1;
  }
  return 0;
}

LeadReason lead_licence_check(const LicenceParams *p, const LicenceFacts *f, JwDate today, JwDate *pDue,
                              JwDate *pBarEnd) {
  *pDue = 0;
  *pBarEnd = 0;
  if (!f->decidedOn || !f->zStatus) return LEAD_NONE;
  *pDue = f->decidedOn + p->graceDays;
  /* the bar runs from the revocation (its status date), or from the decision when the date is not known */
  JwDate from = strcmp(f->zStatus, "revoked") == 0 && f->statusOn ? f->statusOn : f->decidedOn;
  if (!p->lifetime)
    *pBarEnd = date_add_months(from, 12 * (is_commercial(p, f->zClass) ? p->commercialYears : p->barYears));
  if (f->reissuedOn && f->reissuedOn >= f->decidedOn) {
    /* a licence taken again after the decision: a lead inside the bar, lawful after it */
    return p->lifetime || f->reissuedOn < *pBarEnd ? LEAD_REISSUED_IN_BAR : LEAD_NONE;
  }
  /* revoked, or 注销 (cancelled: the licence no longer exists) is not a lead; valid or only suspended is, once due */
  if ((strcmp(f->zStatus, "valid") == 0 || strcmp(f->zStatus, "suspended") == 0) && today > *pDue) {
    return LEAD_NOT_REVOKED;
  }
  return LEAD_NONE;
}
