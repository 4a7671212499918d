/* stat_rules.h: how each indicator of the catalogue (core/indicator.h) is computed from the records: the rows the
 * store reads (one per person, case, 行刑衔接 item or 检察建议), and for each indicator which rows are in its
 * denominator and numerator in a period, with what weight, and the days a days-indicator averages (DOMAIN.md 0.4 and
 * 7; docs/indicators.md names the field behind each figure).
 *
 * Pure: no I/O, no allocation. The app layer fetches rows (store/stat_store.h), calls stat_eval() per indicator and
 * row, and sums. The drill-down list of a figure is the rows stat_eval() puts in its numerator or denominator, so a
 * figure and its list cannot disagree. */
#ifndef JW_STAT_RULES_H
#define JW_STAT_RULES_H

#include <stdint.h>

#include "core/date.h"
#include "core/indicator.h"
#include "core/stat_period.h"

typedef enum { STAT_ROW_PERSON, STAT_ROW_CASE, STAT_ROW_LINKAGE, STAT_ROW_SUGGESTION, STAT_ROW_KIND_COUNT } StatRowKind;

typedef enum { STAT_STAGE_NONE, STAT_STAGE_ARREST, STAT_STAGE_PROSECUTION } StatStage;

#define STAT_SENTENCE_BYTES 804 /* the judgment's sentence: 200 characters (case_events.c), 4 bytes each, NUL */

/* One record as the indicators see it. Dates are 0 when absent; tri-state flags are -1 when unknown (NULL). */
typedef struct StatRow {
  StatRowKind kind;
  int64_t orgId, departmentId, prosecutorId; /* the record's office, department and 承办检察官 (0: none) */
  int64_t id;                                /* case_person.id, case_record.id, linkage_item.id or suggestion.id */
  int64_t caseId;                            /* the case it belongs to (0: none) */
  /* persons (case_person joined to case_record) */
  StatStage stage;      /* from the case's type: 审查逮捕 (both kinds) or 审查起诉; NONE for the others */
  int ownInvestigation; /* the case is 审查决定逮捕 (arrest_decision: 自侦) */
  JwDate receivedOn;    /* case_record.received_on */
  char decision;        /* 'a' approve_arrest, 'r' reject_arrest, 'p' prosecute, 'n' non_prosecution, 0 none */
  int conditional;      /* non_prosecution_type = 'conditional' */
  JwDate decisionOn;    /* case_person.decision_on */
  char finalDecision;   /* 'p' or 'n' (case_person.final_decision), 0 none */
  JwDate finalOn;       /* case_person.final_on */
  int plea;             /* case_person.plea */
  int arrested;         /* the person was arrested in this case (a case_custody row 'arrested') */
  int returns;          /* the case's 退回补充侦查 events (case_event kind 'return') */
  int extensions;       /* the case's 延长审查起诉期限 events (case_event kind 'extend') */
  JwDate reviewDue;     /* the due day of the person's last review period (deadline kind 'review'), 0 none */
  JwDate judgmentOn;    /* case_person.judgment_on */
  int adopted;          /* case_person.recommendation_adopted: 1, 0, -1 */
  int consistent;       /* case_person.judgment_consistent: 1, 0, -1 */
  char zSentence[STAT_SENTENCE_BYTES]; /* case_person.sentence */
  JwDate withdrawnOn;                  /* case_person.prosecution_withdrawn_on */
  /* cases (case_record) */
  JwDate concludedOn, archivedOn; /* case_record.concluded_on, archived_on */
  int withdrawals;                /* persons of the case with a 撤回起诉 */
  /* 行刑衔接 items (linkage_item) */
  JwDate npDecisionOn;  /* linkage_item.decision_on: the 不起诉 decision */
  JwDate transferredOn; /* linkage_item.transferred_on */
  JwDate transferDue;   /* deadline kind 'linkage_transfer' due_on, 0 none */
  JwDate servedOn;      /* linkage_item.served_on / suggestion.first_served_on (served_on when that is absent) */
  JwDate replyOn;       /* linkage_item.reply_on / suggestion.reply_on */
  int penalised;        /* linkage_item.reply_penalised: 1, 0, -1 */
  /* 检察建议 (suggestion) */
  JwDate replyDue; /* deadline kind 'suggestion_reply': the latest service's due_on, 0 none */
  char adoption;   /* 'a' adopted, 'p' partly, 'n' not_adopted, 0 none */
  JwDate closedOn; /* suggestion.closed_on */
  int handled;     /* suggestion.outcome = 'handled' (办复) */
} StatRow;

/* The administrator's choices for the [M] formulas (stat_config_*; stored per office, each change audited). */
typedef struct StatConfig {
  int nonArrestOwnInvestigation; /* non_arrest_rate: 1 counts 审查决定逮捕 (自侦) persons too; 0 only 审查批准逮捕 */
  int sentencingPleaOnly;   /* sentencing_adoption_rate: 1 the judged 认罪认罚 persons (they carry a 量刑建议,
                               CPL 176); 0 every judged person */
  char zAcquittalText[84]; /* acquittal_rate: a sentence containing this text is an acquittal ("无罪") */
  int adoptionCountsPartly; /* suggestion_adoption_rate: 1 a 部分采纳 reply counts as adopted */
  int archivingMonths;      /* archiving_on_time_rate: months after conclusion (DOMAIN.md 0.5: 1) */
  int handlingStage;        /* avg/median_handling_days: 0 both stages, 1 审查逮捕, 2 审查起诉 */
} StatConfig;

/* The defaults (DOMAIN.md 0.4, 0.5, 7). */
void stat_config_default(StatConfig *c);

/* One configurable parameter of an indicator. */
typedef struct StatParam {
  const char *zIndicator; /* indicator code */
  const char *zName;      /* parameter name in the API: "months" */
  const char *zLabel;     /* Chinese label */
  int isText;             /* 1: a text (1..20 characters); 0: an integer in [min, max] */
  int min, max;
} StatParam;
extern const StatParam stat_params[];
extern const int stat_param_count;

/* Sets parameter zName of indicator zIndicator from an integer or a text (exactly one of them is used, by the
 * parameter's type). 0, or -1 with *pzWhy a Chinese reason (unknown parameter, out of range, bad text). */
int stat_config_set(StatConfig *c, const char *zIndicator, const char *zName, int64_t v, const char *zText,
                    const char **pzWhy);
/* The current value of a parameter: its integer into *pv, or its text (a pointer into c) into *pzText. */
void stat_config_get(const StatConfig *c, const StatParam *p, int64_t *pv, const char **pzText);

/* What a row contributes to one indicator in a period. */
typedef struct StatHit {
  int64_t den;  /* weight in the denominator (0: not in it) */
  int64_t num;  /* weight in the numerator */
  int64_t days; /* days indicators: the row's days (valid when den > 0) */
} StatHit;

/* 1 when the indicator is computed (every one but those whose inputs are not recorded); *pzWhy says why not. */
int stat_computed(const Indicator *ind, const char **pzWhy);
/* The row kind an indicator reads. */
StatRowKind stat_row_kind(const Indicator *ind);
/* The row's contribution to ind in period p under config c (all zero when the row is not in its population). */
StatHit stat_eval(const Indicator *ind, const StatRow *row, const StatConfig *c, StatPeriod p);

#endif /* JW_STAT_RULES_H */
