/* api_export.c: the export of every list to Excel (see api_export.h): the lists' columns and parameters, the Chinese
 * labels of the codes the files show, and export_reply(), the one path every export route takes. */
#include "web/api_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/audit.h"
#include "core/agency.h"
#include "core/approvals.h"
#include "core/case_rules.h"
#include "core/deadline.h"
#include "core/period.h"
#include "core/petition.h" /* petitions (issue 13) */
#include "lib/buf.h"
#include "lib/timeutil.h"
#include "store/accounts_store.h"

/* ---- labels ------------------------------------------------------------------------------------------------- */

/* The Chinese label of a code of one enumeration, as the UI shows it (ui/js/i18n.js). */
/* The table is the UI's labels of these enumerations (ui/js/i18n.js): keep the two in step when a code is added. */
typedef struct ExportLabel {
  const char *zKind, *zCode, *zLabel;
} ExportLabel;

/* clang-format off */
static const ExportLabel export_labels[] = {
  {"role", "admin", "系统管理员"},
  {"role", "leader", "院领导"},
  {"role", "prosecutor", "检察官"},
  {"role", "assistant", "检察官助理"},
  {"role", "case_manager", "案件管理"},
  {"role", "admin_prosecutor", "行政检察"},
  {"role", "petition_officer", "控告申诉"},
  {"role", "political_officer", "政治部"},
  {"role", "clerk", "书记员"},
  {"audit_action", "org.create", "新增组织机构"},
  {"audit_action", "org.update", "修改组织机构"},
  {"audit_action", "department.create", "新增部门"},
  {"audit_action", "department.update", "修改部门"},
  {"audit_action", "user.create", "新建用户"},
  {"audit_action", "user.update", "修改用户"},
  {"audit_action", "user.password_reset", "重置用户密码"},
  {"audit_action", "user.unlock", "解除登录锁定"},
  {"audit_action", "session.password_change", "修改本人密码"},
  {"audit_action", "session.login", "登录"},
  {"audit_action", "session.login_failed", "登录失败"},
  {"audit_action", "session.logout", "退出"},
  {"audit_action", "calendar.import", "导入节假日安排"},
  {"audit_action", "setting.fast_track", "修改轻微刑事案件办案组规则"},
  {"audit_action", "setting.deadline_warnings", "修改期限预警设置"},
  {"audit_action", "case.register", "受理案件"},
  {"audit_action", "case.update", "修改案件"},
  {"audit_action", "case.add_person", "追加涉案人员"},
  {"audit_action", "case.update_person", "修改涉案人员"},
  {"audit_action", "case.assign", "改派承办检察官"},
  {"audit_action", "case.extend", "延长审查期限"},
  {"audit_action", "case.return", "退回补充侦查"},
  {"audit_action", "case.resubmit", "补查重报"},
  {"audit_action", "case.self_investigation", "自行补充侦查"},
  {"audit_action", "case.custody", "变更强制措施"},
  {"audit_action", "case.decide", "作出决定"},
  {"audit_action", "case.judgment", "录入判决"},
  {"audit_action", "case.transfer", "移送管辖"},
  {"audit_action", "case.archive", "归档"},
  {"audit_entity", "org", "组织机构"},
  {"audit_entity", "department", "部门"},
  {"audit_entity", "user", "用户"},
  {"audit_entity", "session", "会话"},
  {"audit_entity", "calendar", "节假日安排"},
  {"audit_entity", "case", "案件"},
  {"case_status", "under_review", "审查中"},
  {"case_status", "returned", "退回补充侦查"},
  {"case_status", "concluded", "已审结"},
  {"case_status", "archived", "已归档"},
  {"case_status", "transferred", "已移送管辖"},
  {"case_status", "open", "在办"},
  {"level", "attention", "需处理"},
  {"level", "overdue", "逾期"},
  {"level", "due", "今日到期"},
  {"level", "warning", "预警"},
  {"level", "normal", "正常"},
  {"level", "met", "按期完成"},
  {"level", "late", "超期完成"},
  {"approval_status", "pending", "待审批"},
  {"approval_status", "approved", "已同意"},
  {"approval_status", "returned", "已退回"},
  {"approval_status", "withdrawn", "已撤回"},
  {"approver", "none", "检察官自行决定"},
  {"approver", "department_head", "部门负责人"},
  {"approver", "chief", "检察长"},
  {"conclusion", "withdrawn", "公安机关撤案"},
  {"role", "department_head", "部门负责人"},
  {"level", "suspended", "已中止"},
  {"level", "lapsed", "期满未申诉"},
  {"audit_action", "case.suspend", "中止审查"},
  {"audit_action", "case.resume", "恢复审查"},
  {"audit_action", "case.assessment", "精神病鉴定"},
  {"audit_action", "case.police_withdraw", "公安机关撤案"},
  {"audit_action", "case.withdraw_prosecution", "撤回起诉"},
  {"audit_action", "case.jurisdiction", "发现不属于本院管辖"},
  {"audit_action", "setting.power_list", "修改权力清单"},
  {"audit_action", "approval.propose", "提请审批"},
  {"audit_action", "approval.approve", "审批同意"},
  {"audit_action", "approval.return", "审批退回"},
  {"audit_action", "approval.withdraw", "撤回审批提请"},
  {"audit_entity", "approval", "审批"},
  {"audit_action", "export.cases", "导出案件列表"},
  {"audit_action", "export.deadlines", "导出期限列表"},
  {"audit_action", "export.audit", "导出审计日志"},
  {"audit_action", "export.users", "导出用户列表"},
  {"audit_action", "export.approvals", "导出审批列表"},
  {"audit_entity", "deadline", "期限"},
  {"audit_entity", "audit", "审计日志"},
  /* issue 10 (agencies) */
  {"audit_action", "agency.create", "新增机关"},
  {"audit_action", "agency.update", "修改机关"},
  {"audit_action", "export.agencies", "导出机关名录"},
  {"audit_entity", "agency", "机关"},
  /* documents (issue 10 §4) */
  {"audit_action", "document.issue", "制发文书"},
  {"audit_action", "document.reissue", "重新制发文书"},
  {"audit_action", "document_template.update", "修改文书模板"},
  {"audit_action", "document_settings.update", "修改文号格式"},
  {"audit_action", "export.documents", "导出文书列表"},
  {"audit_entity", "document", "文书"},
  {"audit_entity", "document_template", "文书模板"},
  /* linkage (issue 10) */
  {"audit_entity", "linkage", "行刑衔接"},
  {"audit_action", "export.linkage", "导出行刑衔接列表"},
  {"audit_action", "linkage.open", "开启行刑衔接"},
  {"audit_action", "linkage.transfer", "行刑衔接：移送"},
  {"audit_action", "linkage.register", "行刑衔接：受理登记"},
  {"audit_action", "linkage.request", "行刑衔接：登记复议复核申诉自诉"},
  {"audit_action", "linkage.suspend", "行刑衔接：中止审查"},
  {"audit_action", "linkage.resume", "行刑衔接：恢复审查"},
  {"audit_action", "linkage.extend", "行刑衔接：延长审查期限"},
  {"audit_action", "linkage.opinion", "行刑衔接：审查意见"},
  {"audit_action", "linkage.terminate", "行刑衔接：终结审查"},
  {"audit_action", "linkage.procuratorial_opinion", "行刑衔接：检察意见"},
  {"audit_action", "linkage.serve", "行刑衔接：送达"},
  {"audit_action", "linkage.reply", "行刑衔接：登记回复"},
  {"audit_action", "linkage.urge", "行刑衔接：督促"},
  {"audit_action", "linkage.follow_up", "行刑衔接：跟进监督"},
  {"audit_action", "linkage.close", "行刑衔接：结案"},
  {"audit_action", "linkage.decision_changed", "行刑衔接：不起诉决定被变更"},
  {"linkage_state", "pending_transfer", "待移送"},
  {"linkage_state", "transferred", "已移送待受理"},
  {"linkage_state", "under_review", "审查中"},
  {"linkage_state", "suspended", "中止审查"},
  {"linkage_state", "terminated", "终结审查"},
  {"linkage_state", "opinion_issued", "检察意见已制发"},
  {"linkage_state", "awaiting_reply", "待回复"},
  {"linkage_state", "replied", "已回复"},
  {"linkage_state", "follow_up", "跟进监督"},
  {"linkage_state", "closed", "已结案"},
  {"linkage_state", "open", "未结案"},
  {"penalty", "fine", "罚款"},
  {"penalty", "detention", "行政拘留"},
  {"penalty", "licence_revocation", "吊销驾驶证"},
  {"penalty", "permit_suspension", "暂扣许可证"},
  {"penalty", "permit_revocation", "吊销许可证"},
  {"penalty", "confiscation", "没收违法所得"},
  {"penalty", "disciplinary", "政务处分"},
  {"penalty", "other", "其他"},
  /* suggestions (issue 10) */
  {"sug_type", "retrial", "再审检察建议"},
  {"sug_type", "correction", "纠正违法检察建议"},
  {"sug_type", "public_interest", "公益诉讼检察建议"},
  {"sug_type", "social_governance", "社会治理检察建议"},
  {"sug_type", "other", "其他检察建议"},
  {"sug_state", "draft", "草稿"},
  {"sug_state", "issued", "已签发"},
  {"sug_state", "served", "已送达"},
  {"sug_state", "objected", "异议待处理"},
  {"sug_state", "replied", "已回复"},
  {"sug_state", "closed", "已结案"},
  {"sug_state", "open", "未结案"},
  {"sug_adoption", "adopted", "采纳"},
  {"sug_adoption", "partly", "部分采纳"},
  {"sug_adoption", "not_adopted", "不采纳"},
  {"sug_outcome", "handled", "办复"},
  {"sug_outcome", "withdrawn", "撤回"},
  {"sug_outcome", "not_adopted_closed", "不采纳结案"},
  {"sug_outcome", "public_interest_suit", "提起公益诉讼"},
  {"sug_outcome", "other", "其他"},
  {"audit_entity", "suggestion", "检察建议"},
  {"audit_action", "suggestion.create", "新建检察建议"},
  {"audit_action", "suggestion.update", "修改检察建议草稿"},
  {"audit_action", "suggestion.issue", "签发检察建议"},
  {"audit_action", "suggestion.serve", "送达检察建议"},
  {"audit_action", "suggestion.object", "登记异议"},
  {"audit_action", "suggestion.objection_handle", "处理异议"},
  {"audit_action", "suggestion.reply", "登记回复"},
  {"audit_action", "suggestion.visit", "整改落实回访"},
  {"audit_action", "suggestion.urge", "督促"},
  {"audit_action", "suggestion.escalate", "上报、通报"},
  {"audit_action", "suggestion.close", "检察建议结案"},
  {"audit_action", "export.suggestions", "导出检察建议列表"},
};
/* clang-format on */

static const char *export_label(const char *zKind, const char *zCode) {
  for (size_t i = 0; i < sizeof export_labels / sizeof export_labels[0]; i++) {
    if (strcmp(export_labels[i].zKind, zKind) == 0 && strcmp(export_labels[i].zCode, zCode) == 0) {
      return export_labels[i].zLabel;
    }
  }
  return NULL;
}

static const char *label_case_status(const char *z) {
  return export_label("case_status", z);
}
static const char *label_level(const char *z) {
  return export_label("level", z);
}
static const char *label_role(const char *z) {
  return export_label("role", z);
}
static const char *label_approval_status(const char *z) {
  return export_label("approval_status", z);
}
static const char *label_approver(const char *z) {
  return export_label("approver", z);
}
static const char *label_audit_action(const char *z) {
  return export_label("audit_action", z);
}
static const char *label_audit_entity(const char *z) {
  return export_label("audit_entity", z);
}
static const char *label_case_type(const char *z) {
  const CaseTypeRule *t = case_type_by_code(z);
  return t ? t->zName : NULL;
}
static const char *label_charge(const char *z) {
  const Charge *c = charge_by_code(z);
  return c ? c->zName : NULL;
}
static const char *label_deadline_kind(const char *z) {
  const DeadlineKindRule *k = deadline_kind_by_code(z);
  return k ? k->zName : NULL;
}
static const char *label_decision_kind(const char *z) {
  const DecisionKindRule *k = decision_kind_by_code(z);
  return k ? k->zName : NULL;
}
static const char *label_conclusion(const char *z) {
  return export_label("conclusion", z);
}
/* A period's length ("30d", "1m", "15wd") as the UI says it ("30 日", "1 个月", "15 个工作日"): a thread's own
 * buffer, valid until its next call (the writer copies it at once). */
static const char *label_length(const char *z) {
  static __thread char zOut[48];
  JwLength len;
  if (period_parse_length(z, &len)) return NULL;
  int n = atoi(z);
  const char *zUnit = strstr(z, "wd") ? "个工作日" : strchr(z, 'm') ? "个月" : "日";
  snprintf(zOut, sizeof zOut, "%d %s", n, zUnit);
  return zOut;
}
static const char *label_bool(const char *z) {
  return strcmp(z, "true") == 0 ? "是" : strcmp(z, "false") == 0 ? "否" : NULL;
}
static const char *label_deadline_scope(const char *z) {
  return strcmp(z, "mine") == 0         ? "我的"
         : strcmp(z, "department") == 0 ? "本部门"
         : strcmp(z, "office") == 0     ? "全院"
                                        : NULL;
}
static const char *label_deadline_status(const char *z) {
  return strcmp(z, "open") == 0 ? "进行中" : strcmp(z, "closed") == 0 ? "已结束" : NULL;
}
static const char *label_approval_scope(const char *z) {
  return strcmp(z, "mine") == 0       ? "待我审批"
         : strcmp(z, "proposed") == 0 ? "我提请的"
         : strcmp(z, "all") == 0      ? "全院"
                                      : NULL;
}

/* suggestions (issue 10) */
static const char *label_sug_type(const char *z) {
  return export_label("sug_type", z);
}
static const char *label_sug_state(const char *z) {
  return export_label("sug_state", z);
}
static const char *label_sug_adoption(const char *z) {
  return export_label("sug_adoption", z);
}
static const char *label_sug_outcome(const char *z) {
  return export_label("sug_outcome", z);
}

/* ---- the lists ---------------------------------------------------------------------------------------------- */

#define NCOL(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* clang-format off */
static const XlsxColumn case_columns[] = {
  {"case_number",     "案号",         XLSX_TEXT,     28, NULL},
  {"title",           "案件名称",     XLSX_TEXT,     36, NULL},
  {"case_type",       "案件类别",     XLSX_CODE,     16, label_case_type},
  {"status",          "状态",         XLSX_CODE,     12, label_case_status},
  {"received_on",     "受理日期",     XLSX_DATE,     12, NULL},
  {"source_agency",   "移送机关",     XLSX_TEXT,     24, NULL},
  {"source_number",   "移送文书文号", XLSX_TEXT,     20, NULL},
  {"department_name", "承办部门",     XLSX_TEXT,     16, NULL},
  {"prosecutor_name", "承办检察官",   XLSX_TEXT,     12, NULL},
  {"person_names",    "涉案人员",     XLSX_TEXT,     24, NULL},
  {"next_due",        "最近届满日",   XLSX_DATE,     12, NULL},
  {"level",           "期限状态",     XLSX_CODE,     10, label_level},
  {"major_complex",   "重大、复杂",   XLSX_BOOLEAN,  10, NULL},
  {"summary_procedure", "速裁程序",   XLSX_BOOLEAN,  10, NULL},
  {"prior_returns",   "退查次数",     XLSX_INTEGER,  10, NULL},
  {"concluded_on",    "审结日期",     XLSX_DATE,     12, NULL},
  {"conclusion",      "审结方式",     XLSX_CODE,     14, label_conclusion},
  {"created_at",      "录入时间",     XLSX_DATETIME, 20, NULL},
};
static const ExportParam case_params[] = {
  {"q",             "搜索",       EXPORT_PARAM_TEXT, NULL, NULL},
  {"status",        "案件状态",   EXPORT_PARAM_CODE, label_case_status, NULL},
  {"case_type",     "案件类别",   EXPORT_PARAM_CODE, label_case_type, NULL},
  {"charge",        "罪名",       EXPORT_PARAM_CODE, label_charge, NULL},
  {"received_from", "受理日期起", EXPORT_PARAM_TEXT, NULL, NULL},
  {"received_to",   "受理日期止", EXPORT_PARAM_TEXT, NULL, NULL},
  {"department_id", "承办部门",   EXPORT_PARAM_DEPT, NULL, NULL},
  {"prosecutor_id", "承办检察官", EXPORT_PARAM_USER, NULL, NULL},
  {"overdue",       "仅逾期",     EXPORT_PARAM_CODE, label_bool, NULL},
  {"unassigned",     "仅待分案",   EXPORT_PARAM_CODE, label_bool, NULL},
  {"concluded_from", "审结日期起", EXPORT_PARAM_TEXT, NULL, NULL},
  {"concluded_to",   "审结日期止", EXPORT_PARAM_TEXT, NULL, NULL},
  {"sort",           "排序",       EXPORT_PARAM_TEXT, NULL, NULL},
  {"dir",            "排序方向",   EXPORT_PARAM_TEXT, NULL, NULL},
};
const ExportSpec export_cases = {{"案件列表", "cases", case_columns, NCOL(case_columns)}, "export.cases", "case",
                                 case_params, NCOL(case_params)};

static const XlsxColumn deadline_columns[] = {
  {"case_number",     "案号",       XLSX_TEXT,     28, NULL},
  {"subject",         "事项",       XLSX_TEXT,     40, NULL},
  {"kind",            "期限",       XLSX_CODE,     18, label_deadline_kind},
  {"person_name",     "涉案人员",   XLSX_TEXT,     12, NULL},
  {"start_on",        "起算日",     XLSX_DATE,     12, NULL},
  {"length",          "期限长度",   XLSX_CODE,     12, label_length},
  {"due_on",          "届满日",     XLSX_DATE,     12, NULL},
  {"days_left",       "剩余天数",   XLSX_INTEGER,  10, NULL},
  {"level",           "状态",       XLSX_CODE,     10, label_level},
  {"prosecutor_name", "承办检察官", XLSX_TEXT,     12, NULL},
  {"closed_on",       "结束日期",   XLSX_DATE,     12, NULL},
  {"provisional",     "暂定",       XLSX_BOOLEAN,  8,  NULL},
  {"rule",            "依据",       XLSX_TEXT,     30, NULL},
};
static const ExportParam deadline_params[] = {
  {"scope",  "范围",     EXPORT_PARAM_CODE, label_deadline_scope, "mine"},
  {"status", "期限状态", EXPORT_PARAM_CODE, label_deadline_status, "open"},
  {"level",  "状态",     EXPORT_PARAM_CODE, label_level, NULL},
  {"kind",   "期限",     EXPORT_PARAM_CODE, label_deadline_kind, NULL},
  {"from",   "届满日起", EXPORT_PARAM_TEXT, NULL, NULL},
  {"to",     "届满日止", EXPORT_PARAM_TEXT, NULL, NULL},
};
const ExportSpec export_deadlines = {{"期限列表", "deadlines", deadline_columns, NCOL(deadline_columns)},
                                     "export.deadlines", "deadline", deadline_params, NCOL(deadline_params)};

static const XlsxColumn audit_columns[] = {
  {"at",         "时间（北京时间）", XLSX_DATETIME, 20, NULL},
  {"user_name",  "用户",             XLSX_TEXT,     14, NULL},
  {"user_login", "登录名",           XLSX_TEXT,     14, NULL},
  {"action",     "操作",             XLSX_CODE,     20, label_audit_action},
  {"entity",     "对象",             XLSX_CODE,     12, label_audit_entity},
  {"entity_id",  "对象编号",         XLSX_TEXT,     10, NULL},
  {"before",     "变更前",           XLSX_TEXT,     50, NULL},
  {"after",      "变更后",           XLSX_TEXT,     50, NULL},
};
static const ExportParam audit_params[] = {
  {"action",  "操作", EXPORT_PARAM_CODE, label_audit_action, NULL},
  {"entity",  "对象", EXPORT_PARAM_CODE, label_audit_entity, NULL},
  {"user_id", "用户", EXPORT_PARAM_USER, NULL, NULL},
  {"case_id", "案件编号", EXPORT_PARAM_TEXT, NULL, NULL},
  {"case_number", "案号", EXPORT_PARAM_TEXT, NULL, NULL},
  {"person", "涉案人员", EXPORT_PARAM_TEXT, NULL, NULL},
  {"from",    "日期起", EXPORT_PARAM_TEXT, NULL, NULL},
  {"to",      "日期止", EXPORT_PARAM_TEXT, NULL, NULL},
};
const ExportSpec export_audit = {{"审计日志", "audit", audit_columns, NCOL(audit_columns)}, "export.audit", "audit",
                                 audit_params, NCOL(audit_params)};

static const XlsxColumn user_columns[] = {
  {"login",           "登录名",   XLSX_TEXT,     14, NULL},
  {"name",            "姓名",     XLSX_TEXT,     12, NULL},
  {"department_name", "部门",     XLSX_TEXT,     16, NULL},
  {"roles",           "角色",     XLSX_CODE,     28, label_role},
  {"active",          "启用",     XLSX_BOOLEAN,  8,  NULL},
  {"created_at",      "创建时间", XLSX_DATETIME, 20, NULL},
  {"updated_at",      "修改时间", XLSX_DATETIME, 20, NULL},
};
static const ExportParam user_params[] = {
  {"q",             "搜索",   EXPORT_PARAM_TEXT, NULL, NULL},
  {"department_id", "部门",   EXPORT_PARAM_DEPT, NULL, NULL},
  {"role",          "角色",   EXPORT_PARAM_CODE, label_role, NULL},
  {"active",        "启用",   EXPORT_PARAM_CODE, label_bool, NULL},
};
const ExportSpec export_users = {{"用户列表", "users", user_columns, NCOL(user_columns)}, "export.users", "user",
                                 user_params, NCOL(user_params)};

static const XlsxColumn approval_columns[] = {
  {"subject",          "事项",       XLSX_TEXT,     40, NULL},
  {"decision_kind",    "审批类别",   XLSX_CODE,     24, label_decision_kind},
  {"approver",         "审批层级",   XLSX_CODE,     12, label_approver},
  {"department_name",  "部门",       XLSX_TEXT,     16, NULL},
  {"proposed_by_name", "提请人",     XLSX_TEXT,     12, NULL},
  {"proposed_at",      "提请时间",   XLSX_DATETIME, 20, NULL},
  {"reasons",          "提请理由",   XLSX_TEXT,     30, NULL},
  {"status",           "状态",       XLSX_CODE,     10, label_approval_status},
  {"decided_by_name",  "审批人",     XLSX_TEXT,     12, NULL},
  {"decided_at",       "审批时间",   XLSX_DATETIME, 20, NULL},
  {"legal_on",         "决定日期",   XLSX_DATE,     12, NULL},
  {"comment",          "审批意见",   XLSX_TEXT,     30, NULL},
};
static const ExportParam approval_params[] = {
  {"scope",  "范围", EXPORT_PARAM_CODE, label_approval_scope, "mine"},
  {"status", "状态", EXPORT_PARAM_CODE, label_approval_status, NULL},
};
const ExportSpec export_approvals = {{"审批列表", "approvals", approval_columns, NCOL(approval_columns)},
                                     "export.approvals", "approval", approval_params, NCOL(approval_params)};

/* suggestions (issue 10) */
static const XlsxColumn suggestion_columns[] = {
  {"title",           "标题",       XLSX_TEXT,     36, NULL},
  {"type",            "类型",       XLSX_CODE,     18, label_sug_type},
  {"agency_name",     "被建议单位", XLSX_TEXT,     24, NULL},
  {"state",           "状态",       XLSX_CODE,     12, label_sug_state},
  {"prosecutor_name", "承办检察官", XLSX_TEXT,     12, NULL},
  {"issued_on",       "签发日期",   XLSX_DATE,     12, NULL},
  {"served_on",       "送达日期",   XLSX_DATE,     12, NULL},
  {"reply_due_on",    "回复期限",   XLSX_DATE,     12, NULL},
  {"overdue",         "逾期未回复", XLSX_BOOLEAN,  10, NULL},
  {"reply_on",        "回复日期",   XLSX_DATE,     12, NULL},
  {"adoption",        "采纳情况",   XLSX_CODE,     10, label_sug_adoption},
  {"outcome",         "结案方式",   XLSX_CODE,     12, label_sug_outcome},
  {"closed_on",       "结案日期",   XLSX_DATE,     12, NULL},
};
static const ExportParam suggestion_params[] = {
  {"q",         "搜索",       EXPORT_PARAM_TEXT, NULL, NULL},
  {"scope",     "范围",       EXPORT_PARAM_CODE, label_deadline_scope, NULL},
  {"state",     "状态",       EXPORT_PARAM_CODE, label_sug_state, NULL},
  {"type",      "类型",       EXPORT_PARAM_CODE, label_sug_type, NULL},
  {"agency_id", "被建议单位", EXPORT_PARAM_TEXT, NULL, NULL},
  {"overdue",   "逾期未回复", EXPORT_PARAM_CODE, label_bool, NULL},
};
const ExportSpec export_suggestions = {{"检察建议列表", "suggestions", suggestion_columns, NCOL(suggestion_columns)},
                                       "export.suggestions", "suggestion", suggestion_params,
                                       NCOL(suggestion_params)};
/* clang-format on */

/* linkage (issue 10) */
static const char *label_flag(const char *z) {
  return strcmp(z, "1") == 0 ? "是" : strcmp(z, "0") == 0 ? "否" : NULL;
}
static const char *label_linkage_state(const char *z) {
  return export_label("linkage_state", z);
}
static const char *label_penalty(const char *z) {
  return export_label("penalty", z);
}
/* clang-format off */
static const XlsxColumn linkage_columns[] = {
  {"case_number",     "案号",         XLSX_TEXT,    24, NULL},
  {"person_name",     "被不起诉人",   XLSX_TEXT,    12, NULL},
  {"decision_on",     "不起诉日期",   XLSX_DATE,    12, NULL},
  {"state",           "状态",         XLSX_CODE,    14, label_linkage_state},
  {"prosecutor_name", "刑检承办人",   XLSX_TEXT,    12, NULL},
  {"department_name", "行政检察部门", XLSX_TEXT,    16, NULL},
  {"handler_name",    "行政检察承办人", XLSX_TEXT,  12, NULL},
  {"registered_on",   "受理日期",     XLSX_DATE,    12, NULL},
  {"agency_name",     "主管机关",     XLSX_TEXT,    24, NULL},
  {"penalties",       "建议处罚",     XLSX_CODE,    20, label_penalty},
  {"outcome_on",      "结论日期",     XLSX_DATE,    12, NULL},
  {"served_on",       "送达日期",     XLSX_DATE,    12, NULL},
  {"reply_on",        "回复日期",     XLSX_DATE,    12, NULL},
  {"next_due_on",     "最近期限",     XLSX_DATE,    12, NULL},
  {"closed_on",       "结案日期",     XLSX_DATE,    12, NULL},
};
static const ExportParam linkage_params[] = {
  {"mine",          "我的事项", EXPORT_PARAM_CODE, label_flag, NULL},
  {"state",         "状态",     EXPORT_PARAM_CODE, label_linkage_state, NULL},
  {"overdue",       "已逾期",   EXPORT_PARAM_CODE, label_flag, NULL},
  {"department_id", "部门",     EXPORT_PARAM_DEPT, NULL, NULL},
  {"agency_id",     "主管机关", EXPORT_PARAM_TEXT, NULL, NULL},
  {"q",             "搜索",     EXPORT_PARAM_TEXT, NULL, NULL},
};
const ExportSpec export_linkage = {{"行刑衔接列表", "linkage", linkage_columns, NCOL(linkage_columns)},
                                   "export.linkage", "linkage", linkage_params, NCOL(linkage_params)};
/* clang-format on */

/* ---- the export --------------------------------------------------------------------------------------------- */

/* The name of a user or department of the actor's office for the filter text ("#id" when not found). */
static void export_name_of(Req *r, ExportParamKind kind, const char *zId, Buf *out) {
  int64_t id = strtoll(zId, NULL, 10);
  json_t *o = kind == EXPORT_PARAM_USER ? user_store_get(r->db, r->session.actor.orgId, id)
                                        : dept_store_get(r->db, r->session.actor.orgId, id);
  const char *zName = json_string_value(json_object_get(o, "name"));
  if (zName) buf_puts(out, zName);
  else buf_printf(out, "#%s", zId);
  json_decref(o);
}

char *export_filter_text(Req *r, const ExportSpec *spec) {
  Buf b = BUF_INIT;
  for (int i = 0; i < spec->nParam; i++) {
    const ExportParam *p = &spec->aParam[i];
    const char *z = req_query(r, p->zName);
    if (!z || !*z) z = p->zDefault;
    if (!z) continue;
    if (b.n) buf_puts(&b, "；");
    buf_printf(&b, "%s：", p->zLabel);
    if (p->kind == EXPORT_PARAM_USER || p->kind == EXPORT_PARAM_DEPT) {
      export_name_of(r, p->kind, z, &b);
    } else {
      const char *zLabel = p->kind == EXPORT_PARAM_CODE && p->xLabel ? p->xLabel(z) : NULL;
      buf_puts(&b, zLabel ? zLabel : z);
    }
  }
  if (!b.n) buf_puts(&b, "全部");
  return buf_detach(&b);
}

/* The query parameters in force, as the audit row keeps them: {"status":"under_review", ...}. */
static json_t *export_filter_json(Req *r, const ExportSpec *spec) {
  json_t *o = json_object();
  for (int i = 0; i < spec->nParam; i++) {
    const char *z = req_query(r, spec->aParam[i].zName);
    if (z && *z) json_object_set_new(o, spec->aParam[i].zName, json_string(z));
  }
  return o;
}

int export_reply(Req *r, const ExportSpec *spec, ExportQuery xQuery) {
  JwErr e;
  /* A HEAD would build the whole file to throw it away, and an audit row saying rows were taken that never left:
   * an export is only a GET. */
  if (r->zMethod && strcmp(r->zMethod, "HEAD") == 0) {
    r->zAllow = "GET";
    return reply_err(r, 405, "method_not_allowed", NULL, "导出文件只能以 GET 下载");
  }
  XlsxExport *x = xlsx_export_open(&spec->list, &e);
  if (!x) return reply_error(r, &e);
  StoreExport sink = {.xRow = xlsx_export_row, .ctx = x};
  json_t *out = NULL;
  if (xQuery(r, &sink, &out, &e)) {
    xlsx_export_abort(x);
    return reply_error(r, &e);
  }
  char *zFilter = export_filter_text(r, spec);
  if (json_is_true(json_object_get(out, "too_many"))) {
    json_decref(out);
    xlsx_export_abort(x);
    err_set(&e, 400, "too_many_rows", NULL, "超过 %d 行，请缩小筛选范围（当前筛选：%s）", STORE_EXPORT_MAX, zFilter);
    free(zFilter);
    return reply_error(r, &e);
  }
  json_decref(out);
  char zAt[32], zDay[11];
  time_now_iso(zAt);
  time_today_china(zDay);
  json_t *org = org_store_get(r->db, r->session.actor.orgId);
  json_t *user = user_store_get(r->db, r->session.actor.orgId, r->session.actor.userId);
  Buf who = BUF_INIT;
  const char *zName = json_string_value(json_object_get(user, "name"));
  buf_printf(&who, "%s（%s）", zName ? zName : "", r->session.zLogin);
  XlsxNotes notes = {json_string_value(json_object_get(org, "name")), zFilter, buf_cstr(&who), zAt};
  int64_t rows = xlsx_export_rows(x);
  int fd;
  uint64_t size;
  int rc = xlsx_export_finish(x, &notes, &fd, &size, &e);
  json_decref(org);
  json_decref(user);
  buf_free(&who);
  if (rc) {
    free(zFilter);
    return reply_error(r, &e);
  }
  /* who took which rows out: written before the file leaves, and no file without it */
  char *zDisposition = xlsx_content_disposition(&spec->list, zDay);
  json_t *after = json_pack("{s:o, s:s, s:I, s:s}", "filter", export_filter_json(r, spec), "filter_text", zFilter,
                            "rows", (json_int_t)rows, "format", "xlsx");
  free(zFilter);
  rc = audit_export(r->db, &r->session.actor, spec->zAction, spec->zEntity, after, &e);
  json_decref(after);
  if (rc) {
    close(fd);
    free(zDisposition);
    return reply_error(r, &e);
  }
  const char *zArenaDisposition = arena_strdup(&r->arena, zDisposition);
  free(zDisposition);
  return reply_fd(r, 200, fd, size, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  zArenaDisposition);
}

/* issue 10 (agencies): the registry of agencies (机关名录) */
static const char *label_agency_kind(const char *z) {
  const AgencyKind *k = agency_kind_by_code(z);
  return k ? k->zName : NULL;
}
/* clang-format off */
static const XlsxColumn agency_columns[] = {
  {"name",           "机关名称",         XLSX_TEXT, 30, NULL},
  {"kind",           "类别",             XLSX_CODE, 16, label_agency_kind},
  {"credit_code",    "统一社会信用代码", XLSX_TEXT, 22, NULL},
  {"superior_name",  "上级机关",         XLSX_TEXT, 26, NULL},
  {"address",        "地址",             XLSX_TEXT, 30, NULL},
  {"contact_person", "联系人",           XLSX_TEXT, 10, NULL},
  {"phone",          "联系电话",         XLSX_TEXT, 16, NULL},
};
static const ExportParam agency_params[] = {
  {"q",    "搜索", EXPORT_PARAM_TEXT, NULL, NULL},
  {"kind", "类别", EXPORT_PARAM_CODE, label_agency_kind, NULL},
};
const ExportSpec export_agencies = {{"机关名录", "agencies", agency_columns, NCOL(agency_columns)}, "export.agencies",
                                    "agency", agency_params, NCOL(agency_params)};
/* clang-format on */

/* petitions (issue 13): the 信访 list */
static const char *label_pet_channel(const char *z) {
  return pet_label(pet_channel_codes, z);
}
static const char *label_pet_category(const char *z) {
  return pet_label(pet_category_codes, z);
}
static const char *label_pet_state(const char *z) {
  return pet_label(pet_state_codes, z);
}
static const char *label_pet_risk(const char *z) {
  return pet_label(pet_risk_codes, z);
}
/* clang-format off */
static const XlsxColumn petition_columns[] = {
  {"received_on",        "收到日期",   XLSX_DATE,    12, NULL},
  {"channel",            "来源渠道",   XLSX_CODE,    14, label_pet_channel},
  {"category",           "信访类别",   XLSX_CODE,    14, label_pet_category},
  {"petitioner",         "信访人",     XLSX_TEXT,    16, NULL},
  {"matter",             "信访事项",   XLSX_TEXT,    40, NULL},
  {"state",              "状态",       XLSX_CODE,    10, label_pet_state},
  {"risk_level",         "风险等级",   XLSX_CODE,     8, label_pet_risk},
  {"first_handler_name", "首办责任人", XLSX_TEXT,    12, NULL},
  {"handler_name",       "承办人",     XLSX_TEXT,    12, NULL},
  {"next_due_on",        "答复期限",   XLSX_DATE,    12, NULL},
  {"overdue",            "逾期未答复", XLSX_BOOLEAN, 10, NULL},
  {"repeat_of",          "重复信访",   XLSX_TEXT,    10, NULL},
  {"closed_on",          "办结日期",   XLSX_DATE,    12, NULL},
};
static const ExportParam petition_params[] = {
  {"q",        "搜索",       EXPORT_PARAM_TEXT, NULL, NULL},
  {"scope",    "范围",       EXPORT_PARAM_CODE, label_deadline_scope, NULL},
  {"lead",     "领导包案",   EXPORT_PARAM_CODE, label_deadline_scope, NULL},
  {"state",    "状态",       EXPORT_PARAM_CODE, label_pet_state, NULL},
  {"channel",  "来源渠道",   EXPORT_PARAM_CODE, label_pet_channel, NULL},
  {"category", "信访类别",   EXPORT_PARAM_CODE, label_pet_category, NULL},
  {"risk",     "风险等级",   EXPORT_PARAM_CODE, label_pet_risk, NULL},
  {"overdue",  "逾期未答复", EXPORT_PARAM_CODE, label_bool, NULL},
  {"repeat",   "重复信访",   EXPORT_PARAM_CODE, label_bool, NULL},
};
const ExportSpec export_petitions = {{"信访件列表", "petitions", petition_columns, NCOL(petition_columns)},
                                     "export.petitions", "petition", petition_params, NCOL(petition_params)};
/* clang-format on */
