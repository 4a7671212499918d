/* roles.c: role codes and their permissions (see roles.h). */
#include "core/roles.h"

#include <string.h>

const char *const role_codes[ROLE_COUNT] = {
    "admin",        "leader",           "department_head",  "prosecutor",        "assistant",
    "case_manager", "admin_prosecutor", "petition_officer", "political_officer", "clerk",
};

/* clang-format off */
const uint32_t perm_all[] = {
    PERM_SELF,          PERM_ORG_READ,    PERM_ADMIN_MANAGE, PERM_AUDIT_READ,  PERM_CALENDAR_MANAGE, PERM_CASE_READ,
    PERM_CASE_REGISTER, PERM_CASE_HANDLE, PERM_APPROVE,      PERM_CASE_DECIDE, PERM_APPROVE_CHIEF,
    PERM_AGENCY_MANAGE,     /* issue 10 (agencies) */
    PERM_DOCUMENT_TEMPLATE, /* issue 10 (documents) */
    PERM_LINKAGE_READ,      /* issue 10 (linkage) */
    PERM_LINKAGE_HANDLE,    /* issue 10 (linkage) */
    PERM_SUGGESTION_READ,   /* issue 10 (suggestions) */
    PERM_SUGGESTION_HANDLE, /* issue 10 (suggestions) */
    PERM_STATS_READ,        /* issue 11 (stats) */
    PERM_STATS_CONFIGURE,   /* issue 11 (stats) */
    PERM_DATA_IMPORT,       /* issue 12 (imports) */
    PERM_PETITION_READ,     /* issue 13 (petitions) */
    PERM_PETITION_HANDLE,   /* issue 13 (petitions) */
    PERM_PEOPLE_READ,       /* issue 14 (people) */
    PERM_PEOPLE_MANAGE,     /* issue 14 (people) */
    PERM_INTEGRITY_READ,    /* issue 14 (people) */
    PERM_LEAD_READ,         /* issue 12 (leads) */
    PERM_LEAD_HANDLE,       /* issue 12 (leads) */
    PERM_MODEL_MANAGE,      /* issue 12 (leads) */
    0};
/* clang-format on */

int role_is_valid(const char *zRole) {
  for (int i = 0; i < ROLE_COUNT; i++) {
    if (strcmp(role_codes[i], zRole) == 0) return 1;
  }
  return 0;
}

uint32_t role_permissions(const char *zRole) {
  if (!role_is_valid(zRole)) return 0;
  uint32_t p = PERM_SELF | PERM_ORG_READ;
  if (strcmp(zRole, "admin") == 0) p |= PERM_ADMIN_MANAGE | PERM_AUDIT_READ | PERM_CALENDAR_MANAGE;
  if (strcmp(zRole, "leader") == 0) p |= PERM_AUDIT_READ;
  static const char *const readers[] = {"leader",       "department_head",  "prosecutor", "assistant",
                                        "case_manager", "admin_prosecutor", "clerk"};
  for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
    if (strcmp(zRole, readers[i]) == 0) p |= PERM_CASE_READ;
  }
  if (strcmp(zRole, "case_manager") == 0) p |= PERM_CASE_REGISTER | PERM_CASE_HANDLE;
  if (strcmp(zRole, "prosecutor") == 0 || strcmp(zRole, "assistant") == 0) p |= PERM_CASE_HANDLE;
  /* 部门负责人 handles cases like a prosecutor and approves what the 权力清单 gives the department head; 院领导
   * (检察长) approve everything that needs approval (docs/permissions.md) */
  if (strcmp(zRole, "department_head") == 0) p |= PERM_CASE_HANDLE | PERM_APPROVE | PERM_CASE_DECIDE;
  if (strcmp(zRole, "leader") == 0) p |= PERM_APPROVE | PERM_APPROVE_CHIEF | PERM_CASE_DECIDE;
  /* DOMAIN 0.6: an 检察官助理 may prepare any decision but never propose or take one */
  if (strcmp(zRole, "prosecutor") == 0) p |= PERM_CASE_DECIDE;
  /* issue 10 (agencies): the registry of agencies is kept by the administrator, 案件管理, 行政检察 and 院领导 */
  if (strcmp(zRole, "admin") == 0 || strcmp(zRole, "case_manager") == 0 || strcmp(zRole, "admin_prosecutor") == 0 ||
      strcmp(zRole, "leader") == 0)
    p |= PERM_AGENCY_MANAGE;
  /* documents (issue 10 §4): the office's 文书 templates and 文号 format are the administrator's */
  if (strcmp(zRole, "admin") == 0) p |= PERM_DOCUMENT_TEMPLATE;
  /* linkage (issue 10): whoever reads cases reads the 行刑衔接 items; 刑检 (the case's prosecutors) transfers and
   * 行政检察 handles the rest; a 行政检察 检察官 proposes the 检察意见 to the 检察长 (a 权力清单 decision) */
  if (p & PERM_CASE_READ) p |= PERM_LINKAGE_READ;
  static const char *const linkers[] = {"leader", "department_head", "prosecutor", "admin_prosecutor"};
  for (size_t i = 0; i < sizeof linkers / sizeof linkers[0]; i++) {
    if (strcmp(zRole, linkers[i]) == 0) p |= PERM_LINKAGE_HANDLE;
  }
  if (strcmp(zRole, "admin_prosecutor") == 0) p |= PERM_CASE_DECIDE;
  /* suggestions (issue 10): the case readers read the 检察建议; those who handle cases (and 行政检察) draft them */
  if (p & PERM_CASE_READ) p |= PERM_SUGGESTION_READ;
  static const char *const suggestionHandlers[] = {"leader", "department_head", "prosecutor", "assistant",
                                                   "admin_prosecutor"};
  for (size_t i = 0; i < sizeof suggestionHandlers / sizeof suggestionHandlers[0]; i++) {
    if (strcmp(zRole, suggestionHandlers[i]) == 0) p |= PERM_SUGGESTION_HANDLE;
  }
  /* stats (issue 11): 院领导, 部门负责人, 案管, 检察官 and 行政检察 read figures (how far: app/stats.h); the
   * administrator configures the [M] formulas */
  static const char *const statReaders[] = {"leader", "department_head", "case_manager", "prosecutor",
                                            "admin_prosecutor"};
  for (size_t i = 0; i < sizeof statReaders / sizeof statReaders[0]; i++) {
    if (strcmp(zRole, statReaders[i]) == 0) p |= PERM_STATS_READ;
  }
  if (strcmp(zRole, "admin") == 0) p |= PERM_STATS_CONFIGURE;
  /* imports (issue 12 §1): 行政检察, 案管 and the leaders import agency data and read what was imported */
  static const char *const importers[] = {"admin_prosecutor", "case_manager", "leader"};
  for (size_t i = 0; i < sizeof importers / sizeof importers[0]; i++) {
    if (strcmp(zRole, importers[i]) == 0) p |= PERM_DATA_IMPORT;
  }
  /* petitions (issue 13): 控申 takes them in and handles them, a 院领导 handles those he takes on (包案); 部门负责人
   * (a 受理 sends a matter to a department) and 案管 read them; nobody else sees a petitioner's personal data */
  if (strcmp(zRole, "petition_officer") == 0 || strcmp(zRole, "leader") == 0)
    p |= PERM_PETITION_READ | PERM_PETITION_HANDLE;
  /* 控申 reads the office's cases (a petitioner asks after a case; 刑事申诉 reviews one), and so sees the deadline
   * views and the reminder bell where its petitions' reply periods are */
  if (strcmp(zRole, "petition_officer") == 0) p |= PERM_CASE_READ;
  if (strcmp(zRole, "department_head") == 0 || strcmp(zRole, "case_manager") == 0) p |= PERM_PETITION_READ;
  /* people (issue 14): 政治部 keeps the archives; 院领导 read them and the 廉政 records; 部门负责人 read them (and
   * evaluate the stints and 副岗 they are responsible for); everyone reads their own archive (PERM_SELF) */
  if (strcmp(zRole, "political_officer") == 0) p |= PERM_PEOPLE_READ | PERM_PEOPLE_MANAGE | PERM_INTEGRITY_READ;
  if (strcmp(zRole, "leader") == 0) p |= PERM_PEOPLE_READ | PERM_INTEGRITY_READ;
  if (strcmp(zRole, "department_head") == 0) p |= PERM_PEOPLE_READ;
  /* leads (issue 12 §3): 行政检察 and 院领导 run the models and handle the leads; 案管 reads them; the administrator
   * keeps the models' parameters */
  if (strcmp(zRole, "admin_prosecutor") == 0 || strcmp(zRole, "leader") == 0)
    p |= PERM_LEAD_READ | PERM_LEAD_HANDLE | PERM_MODEL_MANAGE;
  if (strcmp(zRole, "case_manager") == 0) p |= PERM_LEAD_READ;
  if (strcmp(zRole, "admin") == 0) p |= PERM_MODEL_MANAGE;
  return p;
}

const char *perm_name(uint32_t perm) {
  switch (perm) {
    case PERM_SELF:
      return "self";
    case PERM_ORG_READ:
      return "org.read";
    case PERM_ADMIN_MANAGE:
      return "admin.manage";
    case PERM_AUDIT_READ:
      return "audit.read";
    case PERM_CALENDAR_MANAGE:
      return "calendar.manage";
    case PERM_CASE_READ:
      return "case.read";
    case PERM_CASE_REGISTER:
      return "case.register";
    case PERM_CASE_HANDLE:
      return "case.handle";
    case PERM_APPROVE:
      return "approval.decide";
    case PERM_CASE_DECIDE:
      return "case.decide";
    case PERM_APPROVE_CHIEF:
      return "approval.chief";
    case PERM_AGENCY_MANAGE:
      return "agency.manage";
    /* documents (issue 10 §4) */
    case PERM_DOCUMENT_TEMPLATE:
      return "document.template";
    case PERM_LINKAGE_READ:
      return "linkage.read";
    case PERM_LINKAGE_HANDLE:
      return "linkage.handle";
    /* suggestions */
    case PERM_SUGGESTION_READ:
      return "suggestion.read";
    case PERM_SUGGESTION_HANDLE:
      return "suggestion.handle";
    /* stats */
    case PERM_STATS_READ:
      return "stats.read";
    case PERM_STATS_CONFIGURE:
      return "stats.configure";
    /* imports (issue 12) */
    case PERM_DATA_IMPORT:
      return "data.import";
    /* petitions (issue 13) */
    case PERM_PETITION_READ:
      return "petition.read";
    case PERM_PETITION_HANDLE:
      return "petition.handle";
    /* people (issue 14) */
    case PERM_PEOPLE_READ:
      return "people.read";
    case PERM_PEOPLE_MANAGE:
      return "people.manage";
    case PERM_INTEGRITY_READ:
      return "integrity.read";
    /* leads (issue 12) */
    case PERM_LEAD_READ:
      return "lead.read";
    case PERM_LEAD_HANDLE:
      return "lead.handle";
    case PERM_MODEL_MANAGE:
      return "model.manage";
    default:
      return NULL;
  }
}
