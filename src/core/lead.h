/* lead.h: the data-matching models (大数据法律监督模型, issue 12 §3; DOMAIN.md 8) as data, and their pure rules.
 *
 * A model is a row (app/leads.h): a code, a name, one of the rules this file knows and its parameters as JSON that an
 * administrator edits. The store finds the candidate rows set-based (store/lead_store.c, one indexed join per
 * model); the rule here decides which joined row is a lead (线索) and why. No I/O. */
#ifndef JW_LEAD_H
#define JW_LEAD_H
#include <jansson.h>

#include "core/date.h"

/* The rules the C code knows (a model's "rule" column). */
typedef enum {
  LEAD_RULE_LICENCE = 0, /* (a) 醉驾 licence not revoked, or re-issued inside the bar (道路交通安全法 Art.91) */
  LEAD_RULE_PENALTY,     /* (b) 不起诉 without an administrative penalty */
  LEAD_RULE_IDENTITY,    /* (c) identity conflicts */
  LEAD_RULE_COUNT
} LeadRule;

extern const char *const lead_rule_codes[];  /* NULL-terminated, in LeadRule order */
extern const char *const lead_state_codes[]; /* new, confirmed, dismissed */
int lead_rule_parse(const char *z, LeadRule *out);

/* The models seeded in every office: code, name, rule, the default parameters (JSON text). */
typedef struct LeadModelSeed {
  const char *zCode;
  const char *zName;
  LeadRule rule;
  const char *zParams;
} LeadModelSeed;
extern const LeadModelSeed lead_model_seeds[];
extern const int lead_model_seed_count;

/* Model (a)'s parameters. */
typedef struct LicenceParams {
  int graceDays;           /* days after the decision by which the licence must be revoked (default 30) */
  int barYears;            /* 五年内不得重新取得 (Art.91(2)) */
  int commercialYears;     /* 营运: ten years (Art.91(4)) */
  int lifetime;            /* 1: a re-issue at any time is a lead (Art.91(5): 终生) */
  char azCommercial[8][8]; /* licence classes treated as 营运 (A1, A2, ...) */
  int nCommercial;
} LicenceParams;

/* Checks a parameters object for a rule (every field known, in range): 0, or -1 with *pField and zWhy set. Fills p
 * for LEAD_RULE_LICENCE when p is not NULL. */
int lead_params_check(LeadRule rule, const json_t *params, LicenceParams *p, const char **pField, const char **pWhy);

/* One joined row of model (a): our person and their licence record. */
typedef struct LicenceFacts {
  JwDate decidedOn;    /* the decision (起诉 / 不起诉) or judgment the revocation follows */
  const char *zStatus; /* valid, revoked, suspended, cancelled */
  JwDate statusOn;     /* 0 unknown */
  JwDate reissuedOn;   /* 0 none */
  const char *zClass;  /* licence class */
} LicenceFacts;

/* The reasons model (a) gives. */
typedef enum { LEAD_NONE = 0, LEAD_NOT_REVOKED, LEAD_REISSUED_IN_BAR } LeadReason;
const char *lead_reason_code(LeadReason r); /* "not_revoked", "reissued_in_bar" */
const char *lead_reason_text(LeadReason r); /* the rule in words (Chinese) */

/* Model (a) on one row, today: the reason it is a lead, or LEAD_NONE. *pDue the day the revocation was due
 * (decision + grace days); *pBarEnd the end of the bar (0 when lifetime). */
LeadReason lead_licence_check(const LicenceParams *p, const LicenceFacts *f, JwDate today, JwDate *pDue,
                              JwDate *pBarEnd);

#endif
