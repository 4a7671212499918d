/* indicator.c: the indicator catalogue (see indicator.h). Formulas and marks from DOMAIN.md 7; populations by
 * DOMAIN.md 0.4 (persons over concluded populations unless the indicator says otherwise). */
#include "core/indicator.h"

#include <string.h>

#define SRC7 "DOMAIN.md 7 《检察机关案件质量主要评价指标》(2023)"

const Indicator indicator_table[] = {
    {"non_arrest_rate", "不捕率", "不捕人数", "审查逮捕审结人数", IND_POP_PERSONS_CONCLUDED, "审查逮捕决定日",
     SRC7 " 公开发布数据口径；分母确切范围待核", IND_MARK_M, 1, IND_UNIT_RATIO},
    {"non_prosecution_rate", "不诉率", "不起诉人数", "起诉人数 + 不起诉人数", IND_POP_PERSONS_CONCLUDED,
     "审查起诉审结日", SRC7 " 与公开发布数据吻合", IND_MARK_C2, 0, IND_UNIT_RATIO},
    {"post_arrest_non_prosecution_rate", "捕后不诉率", "捕后不起诉人数", "捕后审结人数", IND_POP_PERSONS_CONCLUDED,
     "审查起诉审结日", SRC7 " cslai.org 2020-11-25", IND_MARK_C2, 0, IND_UNIT_RATIO},
    {"plea_leniency_rate", "认罪认罚从宽制度适用率", "适用认罪认罚审结人数", "审查起诉审结人数",
     IND_POP_PERSONS_CONCLUDED, "审查起诉审结日", SRC7 "；目标“70%以上”[C2]", IND_MARK_M, 1, IND_UNIT_RATIO},
    {"fixed_sentence_proposal_rate", "确定刑量刑建议提出率", "提出确定刑量刑建议人数", "认罪认罚案件提出量刑建议人数",
     IND_POP_PERSONS_CONCLUDED, "审查起诉审结日", SRC7 "；《人民检察院刑事诉讼规则》第275条[C]", IND_MARK_M, 1,
     IND_UNIT_RATIO},
    {"sentencing_adoption_rate", "量刑建议采纳率", "法院采纳量刑建议人数", "法院已判决的提出量刑建议人数",
     IND_POP_PERSONS_CONCLUDED, "判决日", SRC7, IND_MARK_M, 1, IND_UNIT_RATIO},
    {"charge_judgment_mismatch_rate", "诉判不一率", "判决罪名或事实与起诉不一致人数", "判决人数",
     IND_POP_PERSONS_CONCLUDED, "判决日", SRC7, IND_MARK_M, 1, IND_UNIT_RATIO},
    {"withdrawal_rate", "撤回起诉率", "撤回起诉人数", "提起公诉人数", IND_POP_PERSONS_ALL, "撤回起诉日或起诉日", SRC7,
     IND_MARK_M, 1, IND_UNIT_RATIO},
    {"acquittal_rate", "无罪判决率", "判决无罪人数", "判决生效人数（公诉）", IND_POP_PERSONS_CONCLUDED, "判决生效日",
     SRC7, IND_MARK_M, 1, IND_UNIT_RATIO},
    {"supplementary_investigation_rate", "退回补充侦查率", "退回补充侦查人数", "审查起诉审结人数",
     IND_POP_PERSONS_CONCLUDED, "审查起诉审结日", SRC7, IND_MARK_M, 1, IND_UNIT_RATIO},
    {"extension_rate", "延长审查起诉期限率", "延长审查起诉期限人数", "审查起诉审结人数", IND_POP_PERSONS_CONCLUDED,
     "审查起诉审结日", SRC7, IND_MARK_M, 1, IND_UNIT_RATIO},
    {"case_item_ratio", "案件比", "案 + 件（退补、延长、复议复核、申诉、撤回起诉、发回重审等）", "案（审结案件数）",
     IND_POP_CASES_CONCLUDED, "审结日", SRC7 " 定义[C2]；2023年后是否保留[M]", IND_MARK_M, 1, IND_UNIT_RATIO},
    {"avg_handling_days", "平均办案天数（分阶段）", "各阶段受理至审结的天数之和", "该阶段审结人数",
     IND_POP_PERSONS_CONCLUDED, "该阶段审结日", "issue 11 §1；DOMAIN.md 0.2 各阶段期限", IND_MARK_M, 1, IND_UNIT_DAYS},
    {"median_handling_days", "办案天数中位数（分阶段）", "各阶段受理至审结天数的中位数", "该阶段审结人数",
     IND_POP_PERSONS_CONCLUDED, "该阶段审结日", "issue 11 §1；DOMAIN.md 0.2 各阶段期限", IND_MARK_M, 1, IND_UNIT_DAYS},
    {"overdue_at_conclusion_rate", "审结超期率", "审结时已超期限人数", "审结人数", IND_POP_PERSONS_CONCLUDED, "审结日",
     "issue 11 §1；DOMAIN.md 0.1、0.2", IND_MARK_M, 1, IND_UNIT_RATIO},
    {"archiving_on_time_rate", "一月一归档按期率", "审结后一个月内归档案件数", "应归档的审结案件数",
     IND_POP_CASES_CONCLUDED, "审结日", "DOMAIN.md 0.5 卷宗一月一归档", IND_MARK_M, 1, IND_UNIT_RATIO},
    {"linkage_transfer_on_time_rate", "行刑衔接按期移送率", "不起诉决定后3个工作日内移送行政检察人数",
     "应移送行政检察的不起诉人数", IND_POP_PERSONS_ALL, "不起诉决定日", "DOMAIN.md 0.2、4.2 《工作指引》(2024)",
     IND_MARK_M, 1, IND_UNIT_RATIO},
    {"opinion_reply_rate", "检察意见回复率", "已回复检察意见数", "已送达检察意见数", IND_POP_ITEMS, "送达日",
     "DOMAIN.md 0.2、4", IND_MARK_M, 1, IND_UNIT_RATIO},
    {"opinion_penalty_rate", "检察意见处罚率", "作出行政处罚的检察意见数", "已回复检察意见数", IND_POP_ITEMS, "送达日",
     "DOMAIN.md 4、8.2", IND_MARK_M, 1, IND_UNIT_RATIO},
    {"suggestion_on_time_reply_rate", "检察建议按期回复率", "期限内书面回复的检察建议数", "已送达检察建议数",
     IND_POP_ITEMS, "送达日", "DOMAIN.md 5；《人民检察院检察建议工作规定》第19条", IND_MARK_M, 1, IND_UNIT_RATIO},
    {"suggestion_adoption_rate", "检察建议采纳率", "被采纳检察建议数", "已回复检察建议数", IND_POP_ITEMS, "回复日",
     SRC7, IND_MARK_M, 1, IND_UNIT_RATIO},
    {"suggestion_handled_rate", "检察建议办复率", "经回访确认整改落实后办复结案的检察建议数", "已结案检察建议数",
     IND_POP_ITEMS, "结案日", "DOMAIN.md 5", IND_MARK_M, 1, IND_UNIT_RATIO},
};

const size_t indicator_count = sizeof indicator_table / sizeof indicator_table[0];

const Indicator *indicator_find(const char *zCode) {
  if (!zCode) return NULL;
  for (size_t i = 0; i < indicator_count; i++)
    if (strcmp(indicator_table[i].zCode, zCode) == 0) return &indicator_table[i];
  return NULL;
}

const char *indicator_mark_text(IndMark m) {
  switch (m) {
    case IND_MARK_C:
      return "[C]";
    case IND_MARK_C2:
      return "[C2]";
    default:
      return "[M]";
  }
}

const char *indicator_unit_code(IndUnit u) {
  switch (u) {
    case IND_UNIT_RATIO:
      return "ratio";
    case IND_UNIT_DAYS:
      return "days";
    default:
      return "count";
  }
}

const char *indicator_population_text(IndPopulation p) {
  switch (p) {
    case IND_POP_PERSONS_CONCLUDED:
      return "人（审结）";
    case IND_POP_PERSONS_ALL:
      return "人（全部）";
    case IND_POP_CASES_CONCLUDED:
      return "件（审结）";
    case IND_POP_CASES_ALL:
      return "件（全部）";
    default:
      return "件（文书）";
  }
}
