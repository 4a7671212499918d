/* roles.h: the roles a user can hold and the permissions each grants (docs/api.md, "Roles and permissions").
 *
 * A permission is a bit; a user's permissions are the union over their roles. Routes declare the one permission
 * they need; the dispatcher checks it before the handler runs. */
#ifndef JW_ROLES_H
#define JW_ROLES_H
#include <stdint.h>

typedef enum {
  PERM_PUBLIC = 0,                /* no session needed (login, health, static files) */
  PERM_SELF = 1u << 0,            /* any signed-in user: own session and password */
  PERM_ORG_READ = 1u << 1,        /* read own organisation, its departments and users */
  PERM_ADMIN_MANAGE = 1u << 2,    /* create and edit organisations, departments, users */
  PERM_AUDIT_READ = 1u << 3,      /* read the audit log */
  PERM_CALENDAR_MANAGE = 1u << 4, /* import the official holiday calendar (deployment-wide) */
  PERM_CASE_READ = 1u << 5,       /* read cases, persons, events and deadlines of the organisation */
  PERM_CASE_REGISTER = 1u << 6, /* register (受理) and assign (分案) cases; handle any case; office-wide deadlines */
  PERM_CASE_HANDLE = 1u << 7,   /* record events on the cases of one's department or assigned to one */
  PERM_APPROVE = 1u << 8, /* approve or return proposed decisions of one's department (部门负责人) or any (leaders) */
  PERM_CASE_DECIDE = 1u << 9, /* propose or take the decisions of the 权力清单 (员额检察官): never an assistant */
  PERM_APPROVE_CHIEF = 1u << 10, /* approve what the 权力清单 gives the 检察长: leaders */
  /* issue 10 (agencies) */
  PERM_AGENCY_MANAGE = 1u << 11, /* add and edit the office's agency registry (机关名录) */
  /* documents (issue 10 §4) */
  PERM_DOCUMENT_TEMPLATE = 1u << 16, /* edit the office's 文书 templates and its 文号 format: administrators */
  /* linkage (issue 10): 行刑反向衔接 items */
  PERM_LINKAGE_READ = 1u << 12,   /* read the office's linkage items */
  PERM_LINKAGE_HANDLE = 1u << 13, /* record the steps of a linkage item (刑检 its transfer, 行政检察 the rest) */
  /* suggestions (issue 10): read the office's 检察建议; draft them and record their steps */
  PERM_SUGGESTION_READ = 1u << 14,
  PERM_SUGGESTION_HANDLE = 1u << 15,
  /* stats (issue 11): the indicator reports (own figures, the department's or the office's by role: app/stats.h) and
   * the administrator's indicator configuration */
  PERM_STATS_READ = 1u << 26, /* statistics (issue 11) */
  PERM_STATS_CONFIGURE = 1u << 27,
  /* imports (issue 12 §1): import other agencies' data files and read the imported batches and records */
  PERM_DATA_IMPORT = 1u << 22,
  /* petitions (issue 13): read the office's 信访件 (personal data: 控申, 院领导, 部门负责人, 案管); take them in and
   * record their steps (控申 and 院领导) */
  PERM_PETITION_READ = 1u << 17,
  PERM_PETITION_HANDLE = 1u << 18,
  /* people (issue 14): growth archives, rotation, mentors, courses; 廉政谈话/廉洁家访 (restricted) */
  PERM_PEOPLE_READ = 1u << 19,    /* read every staff member's archive, the rotation, mentor and course lists */
  PERM_PEOPLE_MANAGE = 1u << 20,  /* record them: 政治部 */
  PERM_INTEGRITY_READ = 1u << 21, /* the 廉政谈话 / 廉洁家访 records: 政治部 and 院领导 only */
  /* leads (issue 12 §3): data-matching models and their leads (线索) */
  PERM_LEAD_READ = 1u << 23,    /* read the office's leads and the models' runs */
  PERM_LEAD_HANDLE = 1u << 24,  /* verify, dismiss, turn confirmed leads into a suggestion */
  PERM_MODEL_MANAGE = 1u << 25, /* edit the models' parameters, run them on demand */
} Perm;

#define ROLE_COUNT 10

/* The role codes, in display order. */
extern const char *const role_codes[ROLE_COUNT];

/* 1 when zRole is one of role_codes, else 0. */
int role_is_valid(const char *zRole);
/* The permissions granted by one role (0 for an unknown role). */
uint32_t role_permissions(const char *zRole);
/* The name of a single permission bit ("org.read"), or NULL. */
const char *perm_name(uint32_t perm);
/* Every permission bit, for listing: terminated by 0. */
extern const uint32_t perm_all[];

#endif
