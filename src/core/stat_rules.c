/* stat_rules.c: the computation of each indicator from one row (see stat_rules.h). The formulas are DOMAIN.md 7's;
 * each case below says which fields it reads and, for an [M] formula, which configuration it obeys. */
#include "core/stat_rules.h"

#include <string.h>

#include "lib/utf8.h"

void stat_config_default(StatConfig *c) {
  memset(c, 0, sizeof *c);
  c->nonArrestOwnInvestigation = 1;
  c->sentencingPleaOnly = 1;
  memcpy(c->zAcquittalText, "无罪", sizeof "无罪");
  c->adoptionCountsPartly = 0;
  c->archivingMonths = 1;
  c->handlingStage = 0;
}

const StatParam stat_params[] = {
    {"non_arrest_rate", "own_investigation", "是否计入审查决定逮捕（自侦）人数：1 计入，0 不计入", 0, 0, 1},
    {"sentencing_adoption_rate", "plea_only", "分母：1 仅认罪认罚判决人数，0 全部判决人数", 0, 0, 1},
    {"acquittal_rate", "acquittal_text", "判处刑罚中表示无罪判决的文字", 1, 1, 20},
    {"suggestion_adoption_rate", "partly_counts", "部分采纳是否计为采纳：1 计入，0 不计入", 0, 0, 1},
    {"archiving_on_time_rate", "months", "审结后归档期限（月）", 0, 1, 6},
    {"avg_handling_days", "stage", "阶段：0 审查逮捕和审查起诉，1 审查逮捕，2 审查起诉", 0, 0, 2},
    {"median_handling_days", "stage", "阶段：0 审查逮捕和审查起诉，1 审查逮捕，2 审查起诉", 0, 0, 2},
};
const int stat_param_count = (int)(sizeof stat_params / sizeof stat_params[0]);

static int *int_slot(StatConfig *c, const StatParam *p) {
  if (strcmp(p->zName, "own_investigation") == 0) return &c->nonArrestOwnInvestigation;
  if (strcmp(p->zName, "plea_only") == 0) return &c->sentencingPleaOnly;
  if (strcmp(p->zName, "partly_counts") == 0) return &c->adoptionCountsPartly;
  if (strcmp(p->zName, "months") == 0) return &c->archivingMonths;
  if (strcmp(p->zName, "stage") == 0) return &c->handlingStage;
  return NULL;
}

static const StatParam *param_find(const char *zIndicator, const char *zName) {
  for (int i = 0; i < stat_param_count; i++) {
    if (strcmp(stat_params[i].zIndicator, zIndicator) == 0 && strcmp(stat_params[i].zName, zName) == 0) {
      return &stat_params[i];
    }
  }
  return NULL;
}

int stat_config_set(StatConfig *c, const char *zIndicator, const char *zName, int64_t v, const char *zText,
                    const char **pzWhy) {
  const StatParam *p = zIndicator && zName ? param_find(zIndicator, zName) : NULL;
  if (!p) {
    *pzWhy = "该指标没有这个可配置参数";
    return -1;
  }
  if (p->isText) {
    size_t n = zText ? strlen(zText) : 0;
    if (!zText || !utf8_valid(zText, n)) {
      *pzWhy = "参数应为文字";
      return -1;
    }
    size_t chars = utf8_length(zText, n);
    if (chars < (size_t)p->min || chars > (size_t)p->max || n >= sizeof c->zAcquittalText) {
      *pzWhy = "参数应为 1 至 20 个字";
      return -1;
    }
    memcpy(c->zAcquittalText, zText, n + 1);
    return 0;
  }
  if (zText || v < p->min || v > p->max) {
    *pzWhy = "参数超出允许范围";
    return -1;
  }
  *int_slot(c, p) = (int)v;
  return 0;
}

void stat_config_get(const StatConfig *c, const StatParam *p, int64_t *pv, const char **pzText) {
  *pzText = NULL;
  *pv = 0;
  if (p->isText) {
    *pzText = c->zAcquittalText;
    return;
  }
  *pv = *int_slot((StatConfig *)c, p);
}

int stat_computed(const Indicator *ind, const char **pzWhy) {
  if (strcmp(ind->zCode, "fixed_sentence_proposal_rate") == 0) {
    *pzWhy = "案卡未记录量刑建议是否为确定刑，暂无法计算";
    return 0;
  }
  *pzWhy = NULL;
  return 1;
}

StatRowKind stat_row_kind(const Indicator *ind) {
  const char *z = ind->zCode;
  if (strcmp(z, "case_item_ratio") == 0 || strcmp(z, "archiving_on_time_rate") == 0) return STAT_ROW_CASE;
  if (strncmp(z, "linkage_", 8) == 0 || strncmp(z, "opinion_", 8) == 0) return STAT_ROW_LINKAGE;
  if (strncmp(z, "suggestion_", 11) == 0) return STAT_ROW_SUGGESTION;
  return STAT_ROW_PERSON;
}

static int in(JwDate d, StatPeriod p) {
  return d && d >= p.from && d <= p.to;
}

/* The person's stage conclusion (审结): its day and outcome ('a' 'r' 'p' 'n'), or 0. 审查逮捕: the decision.
 * 审查起诉: 起诉 or 不起诉; a 附条件不起诉 concludes with the final decision after the probation (CPL 283-284). */
static JwDate concluded(const StatRow *r, char *pOutcome) {
  *pOutcome = 0;
  if (r->stage == STAT_STAGE_ARREST && (r->decision == 'a' || r->decision == 'r') && r->decisionOn) {
    *pOutcome = r->decision;
    return r->decisionOn;
  }
  if (r->stage == STAT_STAGE_PROSECUTION) {
    if (r->decision == 'p' && r->decisionOn) {
      *pOutcome = 'p';
      return r->decisionOn;
    }
    if (r->decision == 'n' && !r->conditional && r->decisionOn) {
      *pOutcome = 'n';
      return r->decisionOn;
    }
    if (r->decision == 'n' && r->conditional && r->finalOn && r->finalDecision) {
      *pOutcome = r->finalDecision;
      return r->finalOn;
    }
  }
  return 0;
}

/* The day the person was prosecuted (起诉): the review decision, or the final decision after a probation. */
static JwDate prosecuted_on(const StatRow *r) {
  char o;
  JwDate d = concluded(r, &o);
  return r->stage == STAT_STAGE_PROSECUTION && o == 'p' ? d : 0;
}

StatHit stat_eval(const Indicator *ind, const StatRow *r, const StatConfig *c, StatPeriod p) {
  StatHit h = {0, 0, 0};
  if (r->kind != stat_row_kind(ind)) return h;
  const char *z = ind->zCode;
  char o = 0;
  JwDate end = r->kind == STAT_ROW_PERSON ? concluded(r, &o) : 0;
  if (strcmp(z, "non_arrest_rate") == 0) {
    /* 不捕人数 / 审查逮捕审结人数: decision reject_arrest over approve + reject, by decision_on */
    if (r->stage == STAT_STAGE_ARREST && in(end, p) && (c->nonArrestOwnInvestigation || !r->ownInvestigation)) {
      h.den = 1;
      h.num = o == 'r';
    }
  } else if (strcmp(z, "non_prosecution_rate") == 0) {
    if (r->stage == STAT_STAGE_PROSECUTION && in(end, p)) {
      h.den = 1;
      h.num = o == 'n';
    }
  } else if (strcmp(z, "post_arrest_non_prosecution_rate") == 0) {
    if (r->stage == STAT_STAGE_PROSECUTION && in(end, p) && r->arrested) {
      h.den = 1;
      h.num = o == 'n';
    }
  } else if (strcmp(z, "plea_leniency_rate") == 0) {
    if (r->stage == STAT_STAGE_PROSECUTION && in(end, p)) {
      h.den = 1;
      h.num = r->plea != 0;
    }
  } else if (strcmp(z, "sentencing_adoption_rate") == 0) {
    if (in(r->judgmentOn, p) && r->adopted >= 0 && (!c->sentencingPleaOnly || r->plea)) {
      h.den = 1;
      h.num = r->adopted == 1;
    }
  } else if (strcmp(z, "charge_judgment_mismatch_rate") == 0) {
    if (in(r->judgmentOn, p) && r->consistent >= 0) {
      h.den = 1;
      h.num = r->consistent == 0;
    }
  } else if (strcmp(z, "withdrawal_rate") == 0) {
    /* by the day of 起诉, so that a withdrawal counts in the period of its prosecution */
    if (in(prosecuted_on(r), p)) {
      h.den = 1;
      h.num = r->withdrawnOn != 0;
    }
  } else if (strcmp(z, "acquittal_rate") == 0) {
    if (in(r->judgmentOn, p)) {
      h.den = 1;
      h.num = c->zAcquittalText[0] && strstr(r->zSentence, c->zAcquittalText) != NULL;
    }
  } else if (strcmp(z, "supplementary_investigation_rate") == 0) {
    if (r->stage == STAT_STAGE_PROSECUTION && in(end, p)) {
      h.den = 1;
      h.num = r->returns > 0;
    }
  } else if (strcmp(z, "extension_rate") == 0) {
    if (r->stage == STAT_STAGE_PROSECUTION && in(end, p)) {
      h.den = 1;
      h.num = r->extensions > 0;
    }
  } else if (strcmp(z, "case_item_ratio") == 0) {
    /* (案 + 件) / 案: 件 = 退回补充侦查, 延长审查起诉期限 and 撤回起诉 of the case */
    if (in(r->concludedOn, p)) {
      h.den = 1;
      h.num = 1 + r->returns + r->extensions + r->withdrawals;
    }
  } else if (strcmp(z, "avg_handling_days") == 0 || strcmp(z, "median_handling_days") == 0) {
    int want = c->handlingStage;
    if (r->stage != STAT_STAGE_NONE && in(end, p) && r->decisionOn && r->receivedOn &&
        (want == 0 || (want == 1 && r->stage == STAT_STAGE_ARREST) ||
         (want == 2 && r->stage == STAT_STAGE_PROSECUTION))) {
      h.den = 1;
      h.days = r->decisionOn - r->receivedOn;
      h.num = h.days;
    }
  } else if (strcmp(z, "overdue_at_conclusion_rate") == 0) {
    if (r->stage != STAT_STAGE_NONE && in(end, p)) {
      h.den = 1;
      h.num = r->reviewDue && r->decisionOn > r->reviewDue;
    }
  } else if (strcmp(z, "archiving_on_time_rate") == 0) {
    if (in(r->concludedOn, p)) {
      h.den = 1;
      h.num = r->archivedOn && r->archivedOn <= date_add_months(r->concludedOn, c->archivingMonths);
    }
  } else if (strcmp(z, "linkage_transfer_on_time_rate") == 0) {
    if (in(r->npDecisionOn, p)) {
      h.den = 1;
      h.num = r->transferredOn && r->transferDue && r->transferredOn <= r->transferDue;
    }
  } else if (strcmp(z, "opinion_reply_rate") == 0) {
    if (in(r->servedOn, p)) {
      h.den = 1;
      h.num = r->replyOn != 0;
    }
  } else if (strcmp(z, "opinion_penalty_rate") == 0) {
    if (in(r->servedOn, p) && r->replyOn) {
      h.den = 1;
      h.num = r->penalised == 1;
    }
  } else if (strcmp(z, "suggestion_on_time_reply_rate") == 0) {
    if (in(r->servedOn, p)) {
      h.den = 1;
      h.num = r->replyOn && r->replyDue && r->replyOn <= r->replyDue;
    }
  } else if (strcmp(z, "suggestion_adoption_rate") == 0) {
    if (in(r->replyOn, p) && r->adoption) {
      h.den = 1;
      h.num = r->adoption == 'a' || (c->adoptionCountsPartly && r->adoption == 'p');
    }
  } else if (strcmp(z, "suggestion_handled_rate") == 0) {
    if (in(r->closedOn, p)) {
      h.den = 1;
      h.num = r->handled != 0;
    }
  }
  return h;
}
