/* approvals.c: the default 检察官权力清单 (see approvals.h; DOMAIN.md 0.6, marked [M]: every entry is configurable). */
#include "core/approvals.h"

#include <string.h>

const DecisionKindRule decision_kinds[] = {
    {"non_prosecution", "不起诉（含附条件不起诉及其最终决定）", APPROVER_CHIEF, "刑事诉讼法第一百七十七条；权力清单"},
    {"extend", "延长审查期限", APPROVER_CHIEF, "刑事诉讼法第一百七十二条；权力清单"},
    {"return", "退回补充侦查", APPROVER_DEPARTMENT_HEAD, "刑事诉讼法第一百七十五条；权力清单"},
    {"self_investigation", "自行补充侦查", APPROVER_DEPARTMENT_HEAD, "规则第三百四十八条；权力清单"},
    {"reject_arrest_detained", "不批准逮捕（犯罪嫌疑人在押）", APPROVER_CHIEF, "权力清单"},
    {"reject_arrest", "不批准逮捕（未羁押）", APPROVER_NONE, "权力清单"},
    {"approve_arrest", "批准逮捕", APPROVER_NONE, "权力清单"},
    {"prosecute", "提起公诉", APPROVER_NONE, "权力清单"},
    {"withdraw_prosecution", "撤回起诉", APPROVER_CHIEF, "规则第四百二十四条；权力清单"},
    {"suspend", "中止审查", APPROVER_CHIEF, "权力清单"},
    {"custody_necessity", "羁押必要性审查决定", APPROVER_NONE, "权力清单"},
    {"complaint_review", "不起诉申诉复查决定", APPROVER_CHIEF, "规则第三百八十八条；权力清单"},
    /* linkage (issue 10): 行刑反向衔接 */
    {"linkage_extend", "延长行刑衔接审查期限", APPROVER_CHIEF, "行刑反向衔接工作指引第十二条；权力清单"},
    {"procuratorial_opinion", "检察意见（行刑反向衔接）", APPROVER_CHIEF, "规则第三百七十三条；权力清单"},
    /* suggestions (issue 10): issuing a 检察建议, and deciding on the recipient's objection (Art.23) */
    {"suggestion_issue", "签发检察建议", APPROVER_CHIEF, "人民检察院检察建议工作规定第十七条；权力清单"},
    {"suggestion_objection", "检察建议异议处理", APPROVER_CHIEF, "人民检察院检察建议工作规定第二十三条"},
};

const int decision_kinds_count = (int)(sizeof decision_kinds / sizeof decision_kinds[0]);

const DecisionKindRule *decision_kind_by_code(const char *zCode) {
  for (int i = 0; zCode && i < decision_kinds_count; i++) {
    if (strcmp(decision_kinds[i].zCode, zCode) == 0) return &decision_kinds[i];
  }
  return NULL;
}

static const char *const approver_codes[] = {"none", "department_head", "chief"};

const char *approver_code(Approver a) {
  return approver_codes[a];
}

int approver_parse(const char *zCode, Approver *out) {
  for (int i = 0; zCode && i < 3; i++) {
    if (strcmp(approver_codes[i], zCode) == 0) {
      *out = (Approver)i;
      return 0;
    }
  }
  return -1;
}
