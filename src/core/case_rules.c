/* case_rules.c: case types, charges, states, legal events and deadlines (see case_rules.h; DOMAIN.md 0.2, 2, 2.1). */
#include "core/case_rules.h"

#include <string.h>

/* ---- case types ------------------------------------------------------------------------------------------- */

static const char *const decisions_arrest[] = {"approve_arrest", "reject_arrest", NULL};
static const char *const decisions_prosecution[] = {"prosecute", "non_prosecution", NULL};
static const char *const decisions_custody[] = {"release", "maintain", NULL};
static const char *const decisions_complaint[] = {"uphold", "revoke", NULL};

#define DAYS(n) \
  { (n), JW_UNIT_DAYS }
#define MONTHS(n) \
  { (n), JW_UNIT_MONTHS }
#define WORKDAYS(n) \
  { (n), JW_UNIT_WORKDAYS }
#define NONE \
  { 0, JW_UNIT_DAYS }

const CaseTypeRule case_types[CASE_TYPE_COUNT] = {
    /* CPL 91(3), Rules 282: 7 days for a detained suspect (custody-bound, no extension); 15 days otherwise, 20 for
     * 重大、复杂 cases. */
    {CASE_ARREST_REVIEW,
     "arrest_review",
     "审查批准逮捕",
     "刑捕",
     {DAYS(7), 0, NONE},
     {DAYS(15), 5, NONE},
     1,
     0,
     2,
     "刑事诉讼法第九十一条、规则第二百八十二条",
     decisions_arrest},
    /* Rules 297: 7 days in custody (+1 to 3 days in special cases; Jianwu grants the 3); 15 days otherwise, max 20. */
    {CASE_ARREST_DECISION,
     "arrest_decision",
     "审查决定逮捕",
     "刑决捕",
     {DAYS(7), 3, NONE},
     {DAYS(15), 5, NONE},
     1,
     0,
     2,
     "规则第二百九十七条",
     decisions_arrest},
    /* CPL 172(1), Rules 351: 1 month, +15 days once for 重大、复杂; custody-bound when in custody. */
    {CASE_PROSECUTION_REVIEW,
     "prosecution_review",
     "审查起诉",
     "刑诉",
     {MONTHS(1), 15, NONE},
     {MONTHS(1), 15, NONE},
     1,
     1,
     5,
     "刑事诉讼法第一百七十二条",
     decisions_prosecution},
    /* 羁押必要性审查: 10 working days under the 2016 试行 rules ([M]: the 2023 规定 may differ); no extension modelled.
     */
    {CASE_CUSTODY_NECESSITY,
     "custody_necessity",
     "羁押必要性审查",
     "刑羁",
     {WORKDAYS(10), 0, NONE},
     {WORKDAYS(10), 0, NONE},
     0,
     0,
     3,
     "羁押必要性审查规定（试行）",
     decisions_custody},
    /* Rules 386: 复查 within 3 months; complex cases at most 6 months. */
    {CASE_COMPLAINT_REVIEW,
     "complaint_review",
     "不起诉申诉复查",
     "刑申",
     {MONTHS(3), 0, MONTHS(6)},
     {MONTHS(3), 0, MONTHS(6)},
     0,
     0,
     10,
     "规则第三百八十六条",
     decisions_complaint},
};

const CaseTypeRule *case_type_by_code(const char *zCode) {
  for (int i = 0; zCode && i < CASE_TYPE_COUNT; i++) {
    if (strcmp(case_types[i].zCode, zCode) == 0) return &case_types[i];
  }
  return NULL;
}

int case_decision_allowed(const CaseTypeRule *t, const char *zDecision) {
  for (const char *const *p = t->azDecisions; zDecision && *p; p++) {
    if (strcmp(*p, zDecision) == 0) return 1;
  }
  return 0;
}

/* ---- charges ---------------------------------------------------------------------------------------------- */

/* The charges a county procuratorate meets most, with their articles of the Criminal Law (刑法). */
const Charge charges[] = {
    {"dangerous_driving", "危险驾驶罪", "刑法第一百三十三条之一"},
    {"theft", "盗窃罪", "刑法第二百六十四条"},
    {"fraud", "诈骗罪", "刑法第二百六十六条"},
    {"aiding_cybercrime", "帮助信息网络犯罪活动罪", "刑法第二百八十七条之二"},
    {"intentional_injury", "故意伤害罪", "刑法第二百三十四条"},
    {"picking_quarrels", "寻衅滋事罪", "刑法第二百九十三条"},
    {"drug_trafficking", "走私、贩卖、运输、制造毒品罪", "刑法第三百四十七条"},
    {"traffic_accident", "交通肇事罪", "刑法第一百三十三条"},
    {"gambling_den", "开设赌场罪", "刑法第三百零三条第二款"},
    {"gambling", "赌博罪", "刑法第三百零三条第一款"},
    {"concealing_proceeds", "掩饰、隐瞒犯罪所得、犯罪所得收益罪", "刑法第三百一十二条"},
    {"robbery", "抢劫罪", "刑法第二百六十三条"},
    {"affray", "聚众斗殴罪", "刑法第二百九十二条"},
    {"harboring_drug_use", "容留他人吸毒罪", "刑法第三百五十四条"},
    {"illegal_drug_possession", "非法持有毒品罪", "刑法第三百四十八条"},
    {"forcible_seizure", "抢夺罪", "刑法第二百六十七条"},
    {"occupational_embezzlement", "职务侵占罪", "刑法第二百七十一条"},
    {"contract_fraud", "合同诈骗罪", "刑法第二百二十四条"},
    {"illegal_deposit_taking", "非法吸收公众存款罪", "刑法第一百七十六条"},
    {"fundraising_fraud", "集资诈骗罪", "刑法第一百九十二条"},
    {"credit_card_fraud", "信用卡诈骗罪", "刑法第一百九十六条"},
    {"intentional_homicide", "故意杀人罪", "刑法第二百三十二条"},
    {"rape", "强奸罪", "刑法第二百三十六条"},
    {"obstructing_official_duty", "妨害公务罪", "刑法第二百七十七条"},
    {"illegal_logging", "滥伐林木罪", "刑法第三百四十五条第二款"},
    {"illegal_fishing", "非法捕捞水产品罪", "刑法第三百四十条"},
    {"illegal_mining", "非法采矿罪", "刑法第三百四十三条"},
    {"environmental_pollution", "污染环境罪", "刑法第三百三十八条"},
    {"counterfeit_products", "生产、销售伪劣产品罪", "刑法第一百四十条"},
    {"toxic_food", "生产、销售有毒、有害食品罪", "刑法第一百四十四条"},
    {"trademark_counterfeiting", "假冒注册商标罪", "刑法第二百一十三条"},
    {"pyramid_selling", "组织、领导传销活动罪", "刑法第二百二十四条之一"},
    {"illegal_business", "非法经营罪", "刑法第二百二十五条"},
    {"refusing_to_pay_wages", "拒不支付劳动报酬罪", "刑法第二百七十六条之一"},
    {"intentional_destruction", "故意毁坏财物罪", "刑法第二百七十五条"},
    {"extortion", "敲诈勒索罪", "刑法第二百七十四条"},
    {"personal_information", "侵犯公民个人信息罪", "刑法第二百五十三条之一"},
    {"illegal_detention", "非法拘禁罪", "刑法第二百三十八条"},
    {"accepting_bribes", "受贿罪", "刑法第三百八十五条"},
    {"offering_bribes", "行贿罪", "刑法第三百八十九条"},
    {"graft", "贪污罪", "刑法第三百八十二条"},
    {"misappropriating_public_funds", "挪用公款罪", "刑法第三百八十四条"},
    {"negligent_homicide", "过失致人死亡罪", "刑法第二百三十三条"},
    {"arson", "放火罪", "刑法第一百一十四条"},
    {"illegal_firearms", "非法持有、私藏枪支、弹药罪", "刑法第一百二十八条"},
    {"refusing_judgment", "拒不执行判决、裁定罪", "刑法第三百一十三条"},
    {"perjury", "伪证罪", "刑法第三百零五条"},
    {"forging_official_documents", "伪造、变造、买卖国家机关公文、证件、印章罪", "刑法第二百八十条"},
    {"illegal_border_crossing", "偷越国（边）境罪", "刑法第三百二十二条"},
    {"harboring_prostitution", "引诱、容留、介绍卖淫罪", "刑法第三百五十九条"},
    {"computer_system_sabotage", "破坏计算机信息系统罪", "刑法第二百八十六条"},
    {"illegal_hunting", "非法狩猎罪", "刑法第三百四十一条第二款"},
    {"endangered_wildlife", "危害珍贵、濒危野生动物罪", "刑法第三百四十一条第一款"},
    {"negligent_fire", "失火罪", "刑法第一百一十五条第二款"},
    {"major_liability_accident", "重大责任事故罪", "刑法第一百三十四条"},
};

const size_t charges_count = sizeof charges / sizeof charges[0];

const Charge *charge_by_code(const char *zCode) {
  for (size_t i = 0; zCode && i < charges_count; i++) {
    if (strcmp(charges[i].zCode, zCode) == 0) return &charges[i];
  }
  return NULL;
}

/* ---- enumerations ----------------------------------------------------------------------------------------- */

/* Index of z in the NULL-terminated list a, or -1. */
static int code_index(const char *z, const char *const *a) {
  for (int i = 0; z && a[i]; i++) {
    if (strcmp(a[i], z) == 0) return i;
  }
  return -1;
}

static const char *const custody_codes[] = {"detained", "arrested", "bail", "residential", "released", "none", NULL};
static const char *const sentence_codes[] = {"fine_only", "under_1y", "1_3y", "3_10y", "over_10y", NULL};
static const char *const npt_codes[] = {"statutory", "discretionary", "evidentiary", "conditional", "special", NULL};
static const char *const status_codes[] = {"under_review", "returned", "concluded", "archived", "transferred", NULL};
static const char *const event_codes[] = {"assign",  "extend", "return",   "resubmit", "self_investigation",
                                          "custody", "decide", "judgment", "transfer", "archive",
                                          NULL};
static const char *const deadline_codes[] = {"review", "supplementary", "archiving", NULL};

int custody_is_valid(const char *z) {
  return code_index(z, custody_codes) >= 0;
}
int custody_is_in_custody(const char *z) {
  return code_index(z, custody_codes) == 0 || code_index(z, custody_codes) == 1;
}
int sentence_band_is_valid(const char *z) {
  return code_index(z, sentence_codes) >= 0;
}
int sentence_band_rank(const char *z) {
  return code_index(z, sentence_codes);
}
int non_prosecution_type_is_valid(const char *z) {
  return code_index(z, npt_codes) >= 0;
}
const char *case_status_code(CaseStatus s) {
  return status_codes[s];
}
const char *case_event_code(CaseEventKind k) {
  return event_codes[k];
}
const char *deadline_kind_code(DeadlineKind k) {
  return deadline_codes[k];
}

int case_status_parse(const char *z, CaseStatus *out) {
  int i = code_index(z, status_codes);
  if (i < 0) return -1;
  *out = (CaseStatus)i;
  return 0;
}

int case_event_parse(const char *z, CaseEventKind *out) {
  int i = code_index(z, event_codes);
  if (i < 0) return -1;
  *out = (CaseEventKind)i;
  return 0;
}

/* ---- legal events ----------------------------------------------------------------------------------------- */

/* The review period spec that applies to the facts now. */
static const PeriodSpec *case_spec(const CaseFacts *f) {
  return f->inCustody ? &f->type->inCustody : &f->type->notInCustody;
}

const char *case_check_event(const CaseFacts *f, CaseEventKind k, JwDate on, const char **pField) {
  *pField = NULL;
  if (f->status == CASE_ARCHIVED && k != EVENT_JUDGMENT) return "案件已归档，不能再办理";
  if (f->status == CASE_TRANSFERRED) return "案件已移送管辖，不能再办理";
  *pField = "on";
  if (on < f->receivedOn) return "日期早于案件受理日期";
  int reviewing = f->status == CASE_UNDER_REVIEW;
  switch (k) {
    case EVENT_ASSIGN:
      return NULL;
    case EVENT_EXTEND: {
      const PeriodSpec *sp = case_spec(f);
      *pField = "kind";
      if (!reviewing) return "只有审查中的案件可以延长审查期限";
      if (f->summaryProcedure) return "速裁案件不能延长审查期限（刑事诉讼法第一百七十二条）";
      if (!sp->extraDays && !sp->extendedTotal.n) return "该类案件在当前羁押状态下没有可延长的期限";
      if (!f->majorComplex) return "只有重大、复杂案件可以延长审查期限";
      if (f->extended) return "本轮审查期限已经延长过一次";
      *pField = "on";
      if (on < f->clockStart) return "日期早于本轮审查期限的起算日";
      return NULL;
    }
    case EVENT_RETURN:
      *pField = "kind";
      if (!f->type->allowsReturn) return "该类案件不能退回补充侦查";
      if (!reviewing) return "只有审查中的案件可以退回补充侦查";
      if (f->returns >= CASE_MAX_RETURNS) return "已退回补充侦查两次，不得再次退回（刑事诉讼法第一百七十五条）";
      *pField = "on";
      if (on < f->clockStart) return "日期早于本轮审查期限的起算日";
      return NULL;
    case EVENT_RESUBMIT:
      *pField = "kind";
      if (f->status != CASE_RETURNED) return "案件没有处于退回补充侦查状态";
      *pField = "on";
      if (on < f->returnedOn) return "重新移送日期早于退回日期";
      return NULL;
    case EVENT_SELF_INVESTIGATION:
      *pField = "kind";
      if (!reviewing) return "只有审查中的案件可以自行补充侦查";
      return NULL;
    case EVENT_CUSTODY:
      *pField = "kind";
      if (!reviewing && f->status != CASE_RETURNED) return "案件已审结，强制措施变更不在本案审查期间记录";
      return NULL;
    case EVENT_DECIDE:
      *pField = "kind";
      if (!reviewing) {
        return f->status == CASE_RETURNED ? "案件退回补充侦查期间不能作出决定" : "案件已审结，不能再作出决定";
      }
      if (f->undecidedPersons <= 0) return "所有犯罪嫌疑人均已作出决定";
      *pField = "on";
      if (on < f->clockStart) return "决定日期早于本轮审查期限的起算日";
      return NULL;
    case EVENT_JUDGMENT:
      *pField = "kind";
      if (f->status != CASE_CONCLUDED && f->status != CASE_ARCHIVED) return "案件尚未审结，不能录入判决";
      *pField = "on";
      if (on < f->concludedOn) return "判决日期早于审结日期";
      return NULL;
    case EVENT_TRANSFER:
      *pField = "kind";
      if (!reviewing && f->status != CASE_RETURNED) return "已审结的案件不能移送管辖";
      return NULL;
    case EVENT_ARCHIVE:
      *pField = "kind";
      if (f->status != CASE_CONCLUDED) return "只有已审结的案件可以归档";
      *pField = "on";
      if (on < f->concludedOn) return "归档日期早于审结日期";
      return NULL;
    case EVENT_KIND_COUNT:
      break;
  }
  *pField = "kind";
  return "未知的事件类型";
}

/* ---- deadlines -------------------------------------------------------------------------------------------- */

/* Due day of a period with optional extra days: the nominal end of the base length, plus the extra days, moved
 * past rest days unless custody-bound (CPL 105(4)). -1 when out of range. */
static int case_due(const JwCalendar *cal, JwDate from, JwLength len, int extraDays, int custodyBound, JwDate *pDue,
                    int *pProv) {
  JwDate end;
  int prov = 0, prov2 = 0;
  if (period_due(cal, from, len, extraDays ? 1 : custodyBound, &end, &prov)) return -1;
  if (extraDays) {
    end += extraDays;
    if (!custodyBound && period_roll_forward(cal, end, &end, &prov2)) return -1;
  }
  *pDue = end;
  *pProv = prov || prov2;
  return 0;
}

/* Fills one deadline and computes its due day. */
static int case_fill(const JwCalendar *cal, CaseDeadline *d, DeadlineKind kind, int seq, JwDate start, JwLength len,
                     int extra, int custodyBound, int warnDays, const char *zRule, JwDate closedOn) {
  memset(d, 0, sizeof *d);
  d->kind = kind;
  d->sequence = seq;
  d->startOn = start;
  d->length = len;
  d->extraDays = extra;
  d->custodyBound = custodyBound;
  d->warnDays = warnDays;
  d->zRule = zRule;
  d->open = closedOn == 0;
  d->closedOn = closedOn;
  return case_due(cal, start, len, extra, custodyBound, &d->dueOn, &d->provisional);
}

int case_deadlines(const JwCalendar *cal, const CaseFacts *f, const CaseHistory *h, CaseDeadline *out) {
  int n = 0;
  int custodyBound = f->inCustody && f->type->custodyBound;
  JwDate endOfReview = f->status == CASE_TRANSFERRED                                 ? h->transferredOn
                       : (f->status == CASE_CONCLUDED || f->status == CASE_ARCHIVED) ? f->concludedOn
                                                                                     : 0;
  /* review rounds: round 0 from receipt; round r from the r-th resubmission */
  for (int r = 0; r <= h->nReturns && r <= CASE_MAX_RETURNS; r++) {
    JwDate start = r == 0 ? f->receivedOn : h->aResubmit[r - 1];
    if (!start) break;
    JwDate closed = r < h->nReturns ? h->aReturn[r] : endOfReview;
    const PeriodSpec *sp = case_spec(f);
    JwLength len = sp->base;
    int extra = 0;
    const char *zRule = f->type->zRule;
    if (f->summaryProcedure && f->type->type == CASE_PROSECUTION_REVIEW) {
      /* 速裁: 10 days, 15 days in total when the likely sentence exceeds one year (CPL 172(1)) */
      len = (JwLength){f->sentenceOverOneYear ? 15 : 10, JW_UNIT_DAYS};
      zRule = "刑事诉讼法第一百七十二条（速裁）";
    } else if (h->aExtended[r]) {
      if (sp->extendedTotal.n) len = sp->extendedTotal;
      else extra = sp->extraDays;
    }
    if (case_fill(cal, &out[n++], DEADLINE_REVIEW, r + 1, start, len, extra, custodyBound, f->type->warnDays, zRule,
                  closed)) {
      return -1;
    }
  }
  /* the police's month for each return (CPL 175(3)) */
  for (int i = 0; i < h->nReturns && i < CASE_MAX_RETURNS; i++) {
    JwDate closed = h->aResubmit[i] ? h->aResubmit[i] : endOfReview;
    if (case_fill(cal, &out[n++], DEADLINE_SUPPLEMENTARY, i + 1, h->aReturn[i], (JwLength){1, JW_UNIT_MONTHS}, 0, 0, 5,
                  "刑事诉讼法第一百七十五条", closed)) {
      return -1;
    }
  }
  /* 卷宗一月一归档: the file is archived within one month of conclusion */
  if ((f->status == CASE_CONCLUDED || f->status == CASE_ARCHIVED) && f->concludedOn) {
    if (case_fill(cal, &out[n++], DEADLINE_ARCHIVING, 1, f->concludedOn, (JwLength){1, JW_UNIT_MONTHS}, 0, 0, 5,
                  "卷宗一月一归档", f->status == CASE_ARCHIVED ? f->archivedOn : 0)) {
      return -1;
    }
  }
  return n;
}

const char *deadline_level(const CaseDeadline *d, JwDate today, int *pDaysLeft) {
  int left = d->dueOn - today;
  if (pDaysLeft) *pDaysLeft = left;
  if (!d->open) return d->closedOn <= d->dueOn ? "met" : "late";
  if (left < 0) return "overdue";
  if (left == 0) return "due";
  if (left <= d->warnDays) return "warning";
  return "normal";
}
