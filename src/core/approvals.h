/* approvals.h: the 检察官权力清单 as data (DOMAIN.md 0.6): which decisions a 员额检察官 takes alone and which need the
 * approval of the 部门负责人 or the 检察长. The office may change each entry (setting "power_list"); these are the
 * defaults, written out in docs/permissions.md.
 *
 * A capability that adds a decision needing approval: one row in decision_kinds[] (approvals.c), then in its use
 * case a call to approvals_route() (app/approvals.h) before applying the decision, and an apply function in the
 * approvals' entity table. Pure data: no I/O. */
#ifndef JW_APPROVALS_H
#define JW_APPROVALS_H

typedef enum {
  APPROVER_NONE,            /* the 承办检察官 decides alone */
  APPROVER_DEPARTMENT_HEAD, /* 部门负责人 of the record's department (or a 院领导) */
  APPROVER_CHIEF,           /* 检察长 (a user with the leader role) */
} Approver;

typedef struct DecisionKindRule {
  const char *zCode; /* "non_prosecution" */
  const char *zName; /* 不起诉（含附条件不起诉及其最终决定） */
  Approver approver; /* the default */
  const char *zRule; /* where the default comes from */
} DecisionKindRule;

extern const DecisionKindRule decision_kinds[];
extern const int decision_kinds_count;

const DecisionKindRule *decision_kind_by_code(const char *zCode);
const char *approver_code(Approver a);                /* "none", "department_head", "chief" */
int approver_parse(const char *zCode, Approver *out); /* 0 ok, -1 unknown */

#endif
