/* petition.c: the pure rules of a petition (see petition.h). */
#include "core/petition.h"

#include <string.h>

const char *const pet_channel_codes[] = {"letter", "visit",           "online",   "hotline",
                                         "video",  "chief_reception", "outreach", NULL};
static const char *const pet_channel_labels[] = {"来信",     "来访",         "网上12309",    "12309热线",
                                                 "视频接访", "检察长接待日", "下访/巡回接访"};
const char *const pet_category_codes[] = {"complaint",
                                          "report",
                                          "criminal_appeal",
                                          "civil_admin_appeal",
                                          "state_compensation",
                                          "judicial_aid",
                                          "public_interest",
                                          "legal_advice",
                                          "other",
                                          NULL};
static const char *const pet_category_labels[] = {
    "控告", "举报", "刑事申诉", "民事行政申诉", "国家赔偿", "国家司法救助", "公益损害举报", "法律咨询", "其他"};
const char *const pet_function_codes[] = {"complaint_intake", "public_interest", "dispute_resolution",
                                          "market_service",   "juvenile",        "business_management",
                                          "legal_education",  "women_children",  NULL};
static const char *const pet_function_labels[] = {"控告申诉受理",     "公益损害举报",     "矛盾纠纷化解",
                                                  "市场主体法治服务", "未成年人司法保护", "检察业务管理",
                                                  "法治宣传教育",     "妇女儿童权益保护"};
const char *const pet_state_codes[] = {"registered", "accepted", "transferred", "rejected",
                                       "litigation", "closed",   NULL};
static const char *const pet_state_labels[] = {"已登记", "已受理", "已转办", "不予受理", "涉法涉诉", "已办结"};
const char *const pet_risk_codes[] = {"low", "medium", "high", NULL};
static const char *const pet_risk_labels[] = {"低", "中", "高"};
const char *const pet_reply_kinds[] = {"procedural", "result", "progress", "followup", NULL};
static const char *const pet_reply_kind_labels[] = {"程序性回复", "结果答复", "进展答复", "后续答复"};
const char *const pet_reply_channels[] = {"written", "phone", "in_person", "online", "sms", NULL};
static const char *const pet_reply_channel_labels[] = {"书面", "电话", "当面", "网上", "短信"};
const char *const pet_satisfaction_codes[] = {"satisfied", "basic", "unsatisfied", "unknown", NULL};
static const char *const pet_satisfaction_labels[] = {"满意", "基本满意", "不满意", "未表态"};
const char *const pet_units[] = {"days", "workdays", NULL};
static const char *const pet_unit_labels[] = {"日", "工作日"};

static const struct {
  const char *const *aCodes;
  const char *const *aLabels;
} label_tables[] = {
    {pet_channel_codes, pet_channel_labels},
    {pet_category_codes, pet_category_labels},
    {pet_function_codes, pet_function_labels},
    {pet_state_codes, pet_state_labels},
    {pet_risk_codes, pet_risk_labels},
    {pet_reply_kinds, pet_reply_kind_labels},
    {pet_reply_channels, pet_reply_channel_labels},
    {pet_satisfaction_codes, pet_satisfaction_labels},
    {pet_units, pet_unit_labels},
};

const char *pet_label(const char *const *aCodes, const char *zCode) {
  for (size_t t = 0; zCode && t < sizeof label_tables / sizeof label_tables[0]; t++) {
    if (label_tables[t].aCodes != aCodes) continue;
    for (int i = 0; aCodes[i]; i++) {
      if (strcmp(aCodes[i], zCode) == 0) return label_tables[t].aLabels[i];
    }
  }
  return zCode;
}

int pet_code_in(const char *const *a, const char *z) {
  for (int i = 0; z && a[i]; i++) {
    if (strcmp(a[i], z) == 0) return 1;
  }
  return 0;
}

int pet_state_parse(const char *z, PetState *out) {
  for (int i = 0; z && pet_state_codes[i]; i++) {
    if (strcmp(pet_state_codes[i], z) == 0) {
      *out = (PetState)i;
      return 0;
    }
  }
  return -1;
}

const char *pet_default_function(const char *zCategory) {
  if (!zCategory) return "complaint_intake";
  if (strcmp(zCategory, "public_interest") == 0) return "public_interest";
  if (strcmp(zCategory, "legal_advice") == 0) return "legal_education";
  return "complaint_intake";
}

int pet_disposition_state(const char *zKind, PetState *out) {
  static const struct {
    const char *zKind;
    PetState st;
  } a[] = {{"accept", PET_ACCEPTED},
           {"transfer", PET_TRANSFERRED},
           {"reject", PET_REJECTED},
           {"litigation", PET_LITIGATION}};
  for (size_t i = 0; zKind && i < sizeof a / sizeof a[0]; i++) {
    if (strcmp(a[i].zKind, zKind) == 0) {
      *out = a[i].st;
      return 0;
    }
  }
  return -1;
}

const char *pet_check_state(PetState st, const char *zKind) {
  if (st == PET_CLOSED) return "信访件已办结，不能再办理";
  PetState to;
  if (pet_disposition_state(zKind, &to) == 0 && st != PET_REGISTERED) {
    return "信访件已作出处理决定（受理、转办、不予受理或导入诉讼程序），不能再次处理";
  }
  return NULL;
}

JwLength pet_procedural_length(int workdays) {
  JwLength len = {7, workdays ? JW_UNIT_WORKDAYS : JW_UNIT_DAYS};
  return len;
}

int pet_procedural_due(const JwCalendar *cal, JwDate received, int workdays, JwDate *pDue, int *pProvisional) {
  return period_due(cal, received, pet_procedural_length(workdays), 0, pDue, pProvisional);
}

/* The nominal (unmoved) last day of period k - 1, the start of period k: R + (2 + k) months; k = 0 starts on R. */
static int period_start(const JwCalendar *cal, JwDate received, int k, JwDate *pStart) {
  if (k == 0) {
    *pStart = received;
    return 0;
  }
  JwLength len = {2 + k, JW_UNIT_MONTHS};
  int prov = 0;
  return period_due(cal, received, len, 1, pStart, &prov);
}

int pet_reply_periods(const JwCalendar *cal, JwDate received, const JwDate *aReply, int nReply, JwDate closedOn,
                      PetPeriod *a, int max, int *pn) {
  *pn = 0;
  int r = 0; /* the first reply that may answer the current period */
  for (int k = 0; k < max && k < PET_MAX_PERIODS; k++) {
    JwDate start;
    if (period_start(cal, received, k, &start)) return -1;
    /* a follow-up begins the day after the previous period's nominal last day: a reply or a closure on that day
     * belongs to the previous period */
    if (k > 0 && closedOn && closedOn <= start) break;
    PetPeriod p;
    memset(&p, 0, sizeof p);
    p.sequence = k;
    p.length = (JwLength){3 + k, JW_UNIT_MONTHS};
    if (period_due(cal, received, p.length, 0, &p.due, &p.provisional)) return -1;
    while (k > 0 && r < nReply && aReply[r] <= start) r++;
    if (r < nReply) p.closedOn = aReply[r]; /* the same reply may answer later periods too: r stays */
    else if (closedOn) p.closedOn = closedOn;
    else p.open = 1;
    a[(*pn)++] = p;
    if (p.open) break; /* one running period at a time; the next follow-up starts when this one is answered */
  }
  return 0;
}
