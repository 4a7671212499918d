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
     {DAYS(7), 0, NONE, 1},
     {DAYS(15), 5, NONE, 1},
     1,
     0,
     2,
     "刑事诉讼法第九十一条、规则第二百八十二条",
     decisions_arrest},
    /* Rules 297: 7 days in custody (+1 to 3 days in 特殊情况, the days the extension names); 15 days otherwise, max 20.
     */
    {CASE_ARREST_DECISION,
     "arrest_decision",
     "审查决定逮捕",
     "刑决捕",
     {DAYS(7), 3, NONE, 0},
     {DAYS(15), 5, NONE, 1},
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
     {MONTHS(1), 15, NONE, 1},
     {MONTHS(1), 15, NONE, 1},
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
     {WORKDAYS(10), 0, NONE, 0},
     {WORKDAYS(10), 0, NONE, 0},
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
     {MONTHS(3), 0, MONTHS(6), 1},
     {MONTHS(3), 0, MONTHS(6), 1},
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
static const char *const event_codes[] = {
    "assign",       "extend", "return",     "resubmit",        "self_investigation",
    "custody",      "decide", "judgment",   "transfer",        "archive",
    "suspend",      "resume", "assessment", "police_withdraw", "withdraw_prosecution",
    "jurisdiction", NULL};

int custody_is_valid(const char *z) {
  return code_index(z, custody_codes) >= 0;
}
CustodyMeasure custody_measure(const char *z) {
  return !z                              ? MEASURE_OTHER
         : strcmp(z, "bail") == 0        ? MEASURE_BAIL
         : strcmp(z, "residential") == 0 ? MEASURE_RESIDENTIAL
                                         : MEASURE_OTHER;
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
  return deadline_kinds[k].zCode; /* DeadlineKind follows the order of deadline_kinds[] */
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

/* ---- persons ---------------------------------------------------------------------------------------------- */

int case_person_pending(const CasePersonFacts *p) {
  return !p->decidedOn || (p->conditional && !p->finalOn);
}

int case_person_suspended(const CasePersonFacts *p) {
  return p->nStop > 0 && p->aStop[p->nStop - 1].to == 0;
}

int case_person_in_custody_on(const CasePersonFacts *p, JwDate d) {
  return custody_on_day(p->aCustody, p->nCustody, d);
}

/* The person's review period spec: for 审查逮捕 the length is fixed by the custody on receipt (Rules 282, 297: 7
 * days when detained, 15 otherwise); a later custody change never rewrites it. */
static const PeriodSpec *person_spec(const CaseFacts *f, const CasePersonFacts *p) {
  return case_person_in_custody_on(p, f->receivedOn) ? &f->type->inCustody : &f->type->notInCustody;
}

/* Full years of age on day d of a person born on `birth`. */
static int age_on(JwDate birth, JwDate d) {
  int by, bm, bd, y, m, dd;
  date_to_ymd(birth, &by, &bm, &bd);
  date_to_ymd(d, &y, &m, &dd);
  return y - by - (m < bm || (m == bm && dd < bd));
}

/* ---- legal events ----------------------------------------------------------------------------------------- */

/* The extension the current facts allow: the spec of the first pending person whose period can be extended. */
static const PeriodSpec *extendable_spec(const CaseFacts *f) {
  for (int i = 0; i < f->nPersons; i++) {
    const CasePersonFacts *p = &f->aPerson[i];
    if (!case_person_pending(p) || p->conditional) continue;
    const PeriodSpec *sp = person_spec(f, p);
    if (sp->extraDays || sp->extendedTotal.n) return sp;
  }
  return NULL;
}

int case_extension_days_named(const CaseFacts *f) {
  for (int i = 0; i < f->nPersons; i++) {
    const CasePersonFacts *p = &f->aPerson[i];
    if (!case_person_pending(p) || p->conditional) continue;
    const PeriodSpec *sp = person_spec(f, p);
    if (sp->extraDays && !sp->extendNeedsMajor) return sp->extraDays;
  }
  return 0;
}

const char *case_check_event(const CaseFacts *f, CaseEventKind k, JwDate on, const char **pField) {
  *pField = NULL;
  if (f->status == CASE_ARCHIVED && k != EVENT_JUDGMENT && k != EVENT_WITHDRAW_PROSECUTION) {
    return "案件已归档，不能再办理";
  }
  if (f->status == CASE_TRANSFERRED) return "案件已移送管辖，不能再办理";
  *pField = "on";
  if (on < f->receivedOn) return "日期早于案件受理日期";
  int reviewing = f->status == CASE_UNDER_REVIEW;
  int open = reviewing || f->status == CASE_RETURNED;
  switch (k) {
    case EVENT_ASSIGN:
      *pField = "kind";
      if (!open) return "只有审查中的案件可以改派承办人";
      return NULL;
    case EVENT_EXTEND: {
      *pField = "kind";
      if (!reviewing) return "只有审查中的案件可以延长审查期限";
      if (f->summaryProcedure) return "速裁案件不能延长审查期限（刑事诉讼法第一百七十二条）";
      if (f->undecidedPersons <= 0) return "所有犯罪嫌疑人均已作出决定";
      const PeriodSpec *sp = extendable_spec(f);
      if (!sp) return "该类案件在当前羁押状态下没有可延长的期限";
      if (sp->extendNeedsMajor && !f->majorComplex) return "只有重大、复杂案件可以延长审查期限";
      if (f->extended) return "本轮审查期限已经延长过一次";
      if (!f->reviewDue) return "本轮没有正在计算的审查期限（中止审查期间不能延长）";
      *pField = "on";
      if (on < f->clockStart) return "日期早于本轮审查期限的起算日";
      if (on > f->reviewDue) {
        return "审查期限已经届满，不能再延长：延长须在期限届满前决定（刑事诉讼法第一百七十二条、规则第二百九十七条）";
      }
      return NULL;
    }
    case EVENT_RETURN:
      *pField = "kind";
      if (!f->type->allowsReturn) return "该类案件不能退回补充侦查";
      if (!reviewing) return "只有审查中的案件可以退回补充侦查";
      if (f->returns >= CASE_MAX_RETURNS) return "已退回补充侦查两次，不得再次退回（刑事诉讼法第一百七十五条）";
      if (f->undecidedPersons <= 0) return "所有犯罪嫌疑人均已作出决定";
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
      if (!open) return "案件已审结，强制措施变更不在本案审查期间记录";
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
      if (f->withdrawnOn) return "公安机关已撤案，没有判决";
      *pField = "on";
      if (on < f->concludedOn) return "判决日期早于审结日期";
      return NULL;
    case EVENT_TRANSFER:
      *pField = "kind";
      if (!open) return "已审结的案件不能移送管辖";
      return NULL;
    case EVENT_ARCHIVE:
      *pField = "kind";
      if (f->status != CASE_CONCLUDED) return "只有已审结的案件可以归档";
      *pField = "on";
      if (on < f->concludedOn) return "归档日期早于审结日期";
      return NULL;
    case EVENT_SUSPEND:
    case EVENT_ASSESSMENT:
      *pField = "kind";
      if (!reviewing) return k == EVENT_SUSPEND ? "只有审查中的案件可以中止审查" : "只有审查中的案件可以记录精神病鉴定";
      if (f->undecidedPersons <= 0) return "所有犯罪嫌疑人均已作出决定";
      *pField = "on";
      if (on < f->clockStart) return "日期早于本轮审查期限的起算日";
      return NULL;
    case EVENT_RESUME:
      *pField = "kind";
      if (!reviewing) return "只有审查中的案件可以恢复审查";
      for (int i = 0; i < f->nPersons; i++) {
        if (case_person_suspended(&f->aPerson[i])) return NULL;
      }
      return "没有中止审查的犯罪嫌疑人";
    case EVENT_POLICE_WITHDRAW:
      *pField = "kind";
      if (f->status != CASE_RETURNED) return "只有退回补充侦查后未重新移送的案件可以记录公安机关撤案";
      *pField = "on";
      if (on < f->returnedOn) return "撤案日期早于退回日期";
      return NULL;
    case EVENT_WITHDRAW_PROSECUTION:
      *pField = "kind";
      if (f->status != CASE_CONCLUDED && f->status != CASE_ARCHIVED) return "案件尚未起诉，不能撤回起诉";
      for (int i = 0; i < f->nPersons; i++) {
        const CasePersonFacts *p = &f->aPerson[i];
        if (p->prosecuted && !p->judged && !p->prosecutionWithdrawn) return NULL;
      }
      return "没有已起诉、尚未判决的被告人";
    case EVENT_JURISDICTION:
      *pField = "kind";
      if (!open) return "已审结的案件不能再移送管辖";
      if (f->jurisdictionIssueOn) return "已经记录本案不属于本院管辖";
      return NULL;
    case EVENT_KIND_COUNT:
      break;
  }
  *pField = "kind";
  return "未知的事件类型";
}

const char *case_check_person_event(const CaseFacts *f, const CasePersonFacts *p, CaseEventKind k, JwDate on,
                                    const PersonEventInput *in, const char **pField) {
  *pField = "person_id";
  int probation = p->conditional && !p->finalOn;
  const char *zDecision = in ? in->zDecision : NULL, *zNpt = in ? in->zNpType : NULL;
  switch (k) {
    case EVENT_DECIDE:
      if (case_person_suspended(p)) return "该犯罪嫌疑人处于中止审查状态，请先恢复审查";
      if (probation) {
        /* the final decision after 附条件不起诉 (CPL 284): 起诉 at any time on a violation, 不起诉 once the
         * probation has run */
        int final = zDecision && strcmp(zDecision, "non_prosecution") == 0;
        *pField = "decision";
        if (zDecision && !final && strcmp(zDecision, "prosecute") != 0) {
          return "考验期内或期满后的最终决定只能是不起诉或提起公诉（刑事诉讼法第二百八十四条）";
        }
        if (final && !(zNpt && strcmp(zNpt, "conditional") == 0)) {
          *pField = "non_prosecution_type";
          return "考验期满作出的不起诉决定，类型为附条件不起诉（刑事诉讼法第二百八十四条）";
        }
        *pField = "on";
        if (on < p->decidedOn) return "最终决定日期早于附条件不起诉决定日期";
        if (final && on < date_add_months(p->decidedOn, p->probationMonths)) {
          return "考验期届满前不能作出不起诉的最终决定（刑事诉讼法第二百八十四条）";
        }
        return NULL;
      }
      if (p->decidedOn) return "该犯罪嫌疑人已经作出决定";
      *pField = "on";
      if (on < f->clockStart) return "决定日期早于本轮审查期限的起算日";
      if (zNpt && strcmp(zNpt, "conditional") == 0) {
        *pField = "person_id";
        if (!p->birth)
          return "该犯罪嫌疑人没有公民身份号码，无法核对犯罪时是否未满十八周岁（刑事诉讼法第二百八十二条）";
        *pField = "offence_on";
        if (!in->offenceOn) return "附条件不起诉须填写犯罪日期，以核对犯罪时是否未满十八周岁";
        if (in->offenceOn > on) return "犯罪日期不能晚于决定日期";
        if (age_on(p->birth, in->offenceOn) >= 18) {
          return "附条件不起诉只适用于犯罪时未满十八周岁的未成年人（刑事诉讼法第二百八十二条）";
        }
        *pField = "probation_months";
        if (in->probationMonths < PROBATION_MONTHS_MIN || in->probationMonths > PROBATION_MONTHS_MAX) {
          return "考验期为六个月以上一年以下（刑事诉讼法第二百八十三条）";
        }
      }
      return NULL;
    case EVENT_CUSTODY:
      *pField = "on";
      if (p->nCustody && on < p->aCustody[p->nCustody - 1].on) return "日期早于该犯罪嫌疑人上一次强制措施变更的日期";
      return NULL;
    case EVENT_SUSPEND:
    case EVENT_ASSESSMENT:
      if (!case_person_pending(p) || probation) return "该犯罪嫌疑人已经作出决定";
      if (case_person_suspended(p)) return "该犯罪嫌疑人已经中止审查";
      *pField = "on";
      if (p->nStop && on < p->aStop[p->nStop - 1].to) return "日期早于该犯罪嫌疑人上一次中止或鉴定的结束日期";
      if (p->reviewDue && on > p->reviewDue) return "该犯罪嫌疑人的审查期限已经届满，期限不能再中止或扣除";
      return NULL;
    case EVENT_RESUME:
      if (!case_person_suspended(p)) return "该犯罪嫌疑人没有中止审查";
      *pField = "on";
      if (on < p->aStop[p->nStop - 1].from) return "恢复审查日期早于中止审查日期";
      return NULL;
    case EVENT_JUDGMENT: {
      if (!p->prosecuted) return "只有决定起诉的被告人才能录入判决";
      if (p->prosecutionWithdrawn) return "已撤回起诉，没有判决";
      const char *zInstance = in && in->zInstance ? in->zInstance : "first";
      *pField = "instance";
      if (strcmp(zInstance, "first") == 0) {
        if (p->judged) return "已有一审判决：二审或再审判决请选择审级（二审、再审），不覆盖原判决";
      } else if (strcmp(zInstance, "appeal") == 0 || strcmp(zInstance, "retrial") == 0) {
        if (!p->judged) return "尚无一审判决，不能录入二审或再审判决";
      } else {
        return "审级必须是 first、appeal 或 retrial";
      }
      return NULL;
    }
    case EVENT_WITHDRAW_PROSECUTION:
      if (!p->prosecuted) return "只有已起诉的被告人才能撤回起诉";
      if (p->prosecutionWithdrawn) return "已经撤回起诉";
      if (p->judged) return "已经作出判决，不能撤回起诉（规则第四百二十四条）";
      return NULL;
    default:
      return NULL;
  }
}

/* 1 for the events that are about one person (the UI asks for the person). */
static int event_is_personal(CaseEventKind k) {
  return k == EVENT_CUSTODY || k == EVENT_DECIDE || k == EVENT_JUDGMENT || k == EVENT_SUSPEND || k == EVENT_RESUME ||
         k == EVENT_ASSESSMENT || k == EVENT_WITHDRAW_PROSECUTION;
}

int case_actions(const CaseFacts *f, JwDate today, CaseAction *out) {
  int n = 0;
  for (int k = 0; k < EVENT_KIND_COUNT; k++) {
    const char *zField;
    const char *zWhy = case_check_event(f, (CaseEventKind)k, today, &zField);
    if (!zWhy && event_is_personal((CaseEventKind)k)) {
      const char *zFirst = NULL;
      int any = 0;
      for (int i = 0; i < f->nPersons && !any; i++) {
        const char *z = case_check_person_event(f, &f->aPerson[i], (CaseEventKind)k, today, NULL, &zField);
        if (!z) any = 1;
        else if (!zFirst) zFirst = z;
      }
      if (!any) zWhy = zFirst ? zFirst : "本案没有犯罪嫌疑人";
    }
    out[n++] = (CaseAction){(CaseEventKind)k, zWhy == NULL, zWhy};
  }
  return n;
}

const char *case_summary_ineligible(const CaseFacts *f) {
  if (!f->summaryProcedure) return NULL;
  int over3y = sentence_band_rank("3_10y");
  for (int i = 0; i < f->nPersons; i++) {
    const CasePersonFacts *p = &f->aPerson[i];
    if (!case_person_pending(p)) continue;
    if (!p->plea) return "犯罪嫌疑人不再认罪认罚";
    if (p->sentenceRank >= over3y) return "可能判处的刑罚超过三年有期徒刑";
  }
  return NULL;
}

int case_decision_releases(const char *zDecision) {
  return zDecision && strcmp(zDecision, "non_prosecution") == 0;
}

int case_prompts(const CaseFacts *f, JwDate today, JwDate supplementaryDue, const char **out) {
  int n = 0;
  if (f->status == CASE_RETURNED && supplementaryDue && today > supplementaryDue) {
    out[n++] = "补充侦查期限已届满，公安机关未重新移送：应当要求公安机关说明理由（规则第三百四十七条）";
  }
  if (f->status == CASE_UNDER_REVIEW && f->returns >= CASE_MAX_RETURNS && f->undecidedPersons > 0) {
    out[n++] =
        "已经两次退回补充侦查：仍然认为证据不足、不符合起诉条件的，应当作出不起诉决定（刑事诉讼法第一百七十五条第四款"
        "）";
  }
  if (f->jurisdictionIssueOn && (f->status == CASE_UNDER_REVIEW || f->status == CASE_RETURNED)) {
    out[n++] = "本案不属于本院管辖：应当在五日以内经由案件管理部门移送有管辖权的人民检察院（规则第三百二十八条）";
  }
  for (int i = 0; i < f->nPersons && n < CASE_MAX_PROMPTS; i++) {
    const CasePersonFacts *p = &f->aPerson[i];
    if (p->conditional && !p->finalOn && today >= date_add_months(p->decidedOn, p->probationMonths)) {
      out[n++] = "附条件不起诉考验期已满：应当作出不起诉或起诉的最终决定（刑事诉讼法第二百八十四条）";
      break;
    }
  }
  return n;
}

/* ---- deadlines -------------------------------------------------------------------------------------------- */

/* Fills one deadline from a period clock. Returns -1 when a date is out of range. */
static int case_fill(const JwCalendar *cal, CaseDeadline *d, DeadlineKind kind, long long personId, int seq,
                     const PeriodClock *clock, const char *zWarnKey, int warnDays, const char *zRule, JwDate closedOn) {
  memset(d, 0, sizeof *d);
  d->kind = kind;
  d->personId = personId;
  d->sequence = seq;
  d->startOn = clock->start;
  d->length = clock->length;
  d->extraDays = clock->extraDays;
  d->warnDays = warnDays;
  d->lapses = deadline_kinds[kind].lapses;
  d->zWarnKey = zWarnKey;
  d->zRule = zRule;
  d->open = closedOn == 0;
  d->closedOn = closedOn;
  PeriodDue due;
  if (period_clock_due(cal, clock, &due)) return -1;
  d->stopDays = due.stopDays;
  d->custodyBound = due.custodyBound;
  d->dueOn = due.due;
  d->suspended = due.suspended;
  d->daysLeft = due.daysLeft;
  d->provisional = due.provisional;
  return 0;
}

/* A plain period of a case kind: no custody, no stops. */
static int case_fill_plain(const JwCalendar *cal, CaseDeadline *d, DeadlineKind kind, long long personId, int seq,
                           JwDate start, JwLength len, JwDate closedOn) {
  const DeadlineKindRule *k = &deadline_kinds[kind];
  PeriodClock clock = {start, len, 0, NULL, 0, CUSTODY_NEVER, NULL, 0, closedOn};
  return case_fill(cal, d, kind, personId, seq, &clock, k->zCode, k->warnDays, k->zRule, closedOn);
}

/* The earlier of two closing days (0 = not closed). */
static JwDate earlier(JwDate a, JwDate b) {
  return !a ? b : !b ? a : a < b ? a : b;
}

/* The maximum terms of a person's 取保候审 (12 months) and 监视居住 (6 months), CPL 79: one period per entry of the
 * custody history that starts one of these measures, counted in months from the day it started (DOMAIN 0.1, P5: the
 * same day N months later, month end to month end, clamped to the last day of a shorter month). An entry of the same
 * measure again is a new decision (the next stage deciding it anew: the next office's 取保候审 runs from its own
 * decision [M], 《关于取保候审若干问题的规定》) and starts a new period. A period closes on the day of the next
 * change of the person's custody, on the person's decision (the measure ends or passes to the next stage) or when
 * the case leaves the review (conclusion, withdrawal, transfer), whichever comes first. A person on 取保候审 or
 * 监视居住 is not in custody (在押), so a last day on a rest day rolls over to the next working day (CPL 105). */
static int case_measure_terms(const JwCalendar *cal, const CasePersonFacts *p, JwDate endOfReview, CaseDeadline *out,
                              int *pn) {
  int seq[3] = {0, 0, 0};
  for (int k = 0; k < p->nCustody; k++) {
    const CustodyChange *c = &p->aCustody[k];
    if (c->measure != MEASURE_BAIL && c->measure != MEASURE_RESIDENTIAL) continue;
    int bail = c->measure == MEASURE_BAIL;
    DeadlineKind kind = bail ? DEADLINE_BAIL : DEADLINE_RESIDENTIAL;
    JwDate closed = earlier(k + 1 < p->nCustody ? p->aCustody[k + 1].on : 0, earlier(p->decidedOn, endOfReview));
    if (closed && closed < c->on) closed = c->on; /* recorded after the person left the review: closed at once */
    const DeadlineKindRule *r = &deadline_kinds[kind];
    PeriodClock clock = {
        c->on, {bail ? BAIL_MONTHS : RESIDENTIAL_MONTHS, JW_UNIT_MONTHS}, 0, NULL, 0, CUSTODY_NEVER, NULL, 0, closed};
    if (case_fill(cal, &out[(*pn)++], kind, p->id, ++seq[c->measure], &clock, r->zCode, r->warnDays, r->zRule,
                  closed)) {
      return -1;
    }
  }
  return 0;
}

int case_deadlines(const JwCalendar *cal, const CaseFacts *f, const CaseHistory *h, CaseDeadline *out) {
  int n = 0;
  JwDate endOfReview = f->status == CASE_TRANSFERRED                                 ? h->transferredOn
                       : f->withdrawnOn                                              ? f->withdrawnOn
                       : (f->status == CASE_CONCLUDED || f->status == CASE_ARCHIVED) ? f->concludedOn
                                                                                     : 0;
  /* review rounds: round 0 from receipt; round r from the r-th resubmission; one period per person */
  for (int r = 0; r <= h->nReturns && r <= CASE_MAX_RETURNS; r++) {
    JwDate start = r == 0 ? f->receivedOn : h->aResubmit[r - 1];
    if (!start) break;
    JwDate roundClose = r < h->nReturns ? h->aReturn[r] : endOfReview;
    for (int i = 0; i < f->nPersons; i++) {
      const CasePersonFacts *p = &f->aPerson[i];
      if (p->decidedOn && p->decidedOn < start) continue; /* decided in an earlier round */
      JwDate closed = earlier(roundClose, p->decidedOn);
      const PeriodSpec *sp = person_spec(f, p);
      PeriodClock clock = {start,       sp->base,    0,
                           NULL,        0,           f->type->custodyBound ? CUSTODY_HISTORY : CUSTODY_NEVER,
                           p->aCustody, p->nCustody, closed};
      const char *zRule = f->type->zRule;
      if (f->summaryProcedure && f->type->type == CASE_PROSECUTION_REVIEW) {
        /* 速裁: 10 days, 15 days in total when the likely sentence exceeds one year (CPL 172(1)) */
        clock.length = (JwLength){f->sentenceOverOneYear ? 15 : 10, JW_UNIT_DAYS};
        zRule = "刑事诉讼法第一百七十二条（速裁）";
      } else if (h->aExtendedSet[r]) {
        if (sp->extendedTotal.n) clock.length = sp->extendedTotal;
        else if (!sp->extendNeedsMajor && h->aExtended[r] > 0 && h->aExtended[r] < sp->extraDays) {
          clock.extraDays = h->aExtended[r]; /* Rules 297: the 1 to 3 days the extension named */
        } else clock.extraDays = sp->extraDays;
      }
      /* the person's stops in this round; a stop still open when the period closed ends there */
      ClockStop aStop[CASE_MAX_STOPS];
      int nStop = 0;
      for (int k = 0; k < p->nStop; k++) {
        if (p->aStop[k].from < start || (closed && p->aStop[k].from >= closed)) continue;
        aStop[nStop] = p->aStop[k];
        if (!aStop[nStop].to && closed) aStop[nStop].to = closed;
        nStop++;
      }
      clock.aStop = aStop;
      clock.nStop = nStop;
      if (case_fill(cal, &out[n++], DEADLINE_REVIEW, p->id, r + 1, &clock, f->type->zCode, f->type->warnDays, zRule,
                    closed)) {
        return -1;
      }
    }
  }
  /* the police's month for each return (CPL 175(3)) */
  for (int i = 0; i < h->nReturns && i < CASE_MAX_RETURNS; i++) {
    JwDate closed = h->aResubmit[i] ? h->aResubmit[i] : endOfReview;
    if (case_fill_plain(cal, &out[n++], DEADLINE_SUPPLEMENTARY, 0, i + 1, h->aReturn[i], (JwLength){1, JW_UNIT_MONTHS},
                        closed)) {
      return -1;
    }
  }
  /* 卷宗一月一归档: the file is archived within one month of conclusion */
  if ((f->status == CASE_CONCLUDED || f->status == CASE_ARCHIVED) && f->concludedOn) {
    if (case_fill_plain(cal, &out[n++], DEADLINE_ARCHIVING, 0, 1, f->concludedOn, (JwLength){1, JW_UNIT_MONTHS},
                        f->status == CASE_ARCHIVED ? f->archivedOn : 0)) {
      return -1;
    }
  }
  /* Rules 328: transferred via 案管 within 5 days of finding the case outside the office's jurisdiction */
  if (f->jurisdictionIssueOn) {
    JwDate closed = f->status == CASE_TRANSFERRED ? h->transferredOn : endOfReview;
    if (case_fill_plain(cal, &out[n++], DEADLINE_JURISDICTION, 0, 1, f->jurisdictionIssueOn,
                        (JwLength){JURISDICTION_DAYS, JW_UNIT_DAYS}, closed)) {
      return -1;
    }
  }
  for (int i = 0; i < f->nPersons; i++) {
    if (case_measure_terms(cal, &f->aPerson[i], endOfReview, out, &n)) return -1;
  }
  for (int i = 0; i < f->nPersons; i++) {
    const CasePersonFacts *p = &f->aPerson[i];
    /* 附条件不起诉: the probation of 6 to 12 months from the decision (CPL 283), closed by the final decision */
    if (p->conditional && p->decidedOn) {
      if (case_fill_plain(cal, &out[n++], DEADLINE_PROBATION, p->id, 1, p->decidedOn,
                          (JwLength){p->probationMonths, JW_UNIT_MONTHS}, p->finalOn)) {
        return -1;
      }
    }
    /* a 不起诉 opens the parties' 7 days: the victim's complaint (CPL 180, also against 附条件不起诉, CPL 282(2))
     * and, for 酌定不诉, the person's own (CPL 181); counted from the decision day [M: the day of service] */
    if (p->nonProsecuted && p->decidedOn) {
      JwLength seven = {COMPLAINT_DAYS, JW_UNIT_DAYS};
      if (case_fill_plain(cal, &out[n++], DEADLINE_COMPLAINT_VICTIM, p->id, 1, p->decidedOn, seven, 0)) return -1;
      if (p->discretionary &&
          case_fill_plain(cal, &out[n++], DEADLINE_COMPLAINT_SUSPECT, p->id, 1, p->decidedOn, seven, 0)) {
        return -1;
      }
    }
  }
  return n;
}

void case_facts_set_review_due(CaseFacts *f, CasePersonFacts *aPerson, const CaseHistory *h, const CaseDeadline *a,
                               int n) {
  f->reviewDue = 0;
  for (int k = 0; k < f->nPersons; k++) aPerson[k].reviewDue = 0;
  for (int i = 0; i < n; i++) {
    const CaseDeadline *d = &a[i];
    if (d->kind != DEADLINE_REVIEW || d->sequence != h->nReturns + 1 || !d->open || d->suspended) continue;
    if (!f->reviewDue || d->dueOn < f->reviewDue) f->reviewDue = d->dueOn;
    for (int k = 0; k < f->nPersons; k++) {
      if (aPerson[k].id == d->personId) aPerson[k].reviewDue = d->dueOn;
    }
  }
}

const char *deadline_level(const CaseDeadline *d, JwDate today, int *pDaysLeft) {
  DeadlineState s = {d->open, d->suspended, d->lapses, d->dueOn, d->closedOn, d->warnDays, d->daysLeft};
  return deadline_state_level(&s, today, pDaysLeft);
}
