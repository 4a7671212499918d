/* routes.c: every route of the server with its policy. The dispatcher (router.c) enforces the permission, CSRF and
 * body limit before the handler runs, so a handler cannot forget them. Keep one line per route. */
#include "core/roles.h"
#include "web/api.h"
#include "web/router.h"

#define LOGIN_MAX_BODY 4096

/* clang-format off */
const Route routes[] = {
  /* method   path                              permission         csrf body               handler */
  {"GET",    "/healthz",                        PERM_PUBLIC,       0, BODY_NONE,          api_health},
  {"POST",   "/api/v1/session",                 PERM_PUBLIC,       0, LOGIN_MAX_BODY,     api_session_login},
  {"GET",    "/api/v1/session",                 PERM_SELF,         0, BODY_NONE,          api_session_get},
  {"DELETE", "/api/v1/session",                 PERM_SELF,         1, BODY_NONE,          api_session_logout},
  {"POST",   "/api/v1/session/password",        PERM_SELF,         1, LOGIN_MAX_BODY,     api_session_password},
  {"GET",    "/api/v1/orgs",                    PERM_ORG_READ,     0, BODY_NONE,          api_orgs_list},
  {"POST",   "/api/v1/orgs",                    PERM_ADMIN_MANAGE, 1, BODY_DEFAULT_MAX,   api_orgs_create},
  {"GET",    "/api/v1/orgs/{id}",               PERM_ORG_READ,     0, BODY_NONE,          api_orgs_get},
  {"PUT",    "/api/v1/orgs/{id}",               PERM_ADMIN_MANAGE, 1, BODY_DEFAULT_MAX,   api_orgs_update},
  {"GET",    "/api/v1/departments",             PERM_ORG_READ,     0, BODY_NONE,          api_departments_list},
  {"POST",   "/api/v1/departments",             PERM_ADMIN_MANAGE, 1, BODY_DEFAULT_MAX,   api_departments_create},
  {"PUT",    "/api/v1/departments/{id}",        PERM_ADMIN_MANAGE, 1, BODY_DEFAULT_MAX,   api_departments_update},
  {"GET",    "/api/v1/users",                   PERM_ORG_READ,     0, BODY_NONE,          api_users_list},
  {"POST",   "/api/v1/users",                   PERM_ADMIN_MANAGE, 1, BODY_DEFAULT_MAX,   api_users_create},
  {"GET",    "/api/v1/users/{id}",              PERM_ORG_READ,     0, BODY_NONE,          api_users_get},
  {"PUT",    "/api/v1/users/{id}",              PERM_ADMIN_MANAGE, 1, BODY_DEFAULT_MAX,   api_users_update},
  {"POST",   "/api/v1/users/{id}/password",     PERM_ADMIN_MANAGE, 1, LOGIN_MAX_BODY,     api_users_password},
  {"POST",   "/api/v1/users/{id}/unlock",       PERM_ADMIN_MANAGE, 1, BODY_NONE,          api_users_unlock},
  {"GET",    "/api/v1/audit",                   PERM_AUDIT_READ,   0, BODY_NONE,          api_audit_list},
  {"GET",    "/api/v1/calendar/due",            PERM_SELF,         0, BODY_NONE,          api_calendar_due},
  {"GET",    "/api/v1/calendar",                PERM_ORG_READ,     0, BODY_NONE,          api_calendar_year},
  {"POST",   "/api/v1/calendar/import",         PERM_CALENDAR_MANAGE, 1, BODY_DEFAULT_MAX, api_calendar_import},
  {"GET",    "/api/v1/reference/case-types",    PERM_ORG_READ,     0, BODY_NONE,          api_reference_case_types},
  {"GET",    "/api/v1/reference/charges",       PERM_ORG_READ,     0, BODY_NONE,          api_reference_charges},
  {"GET",    "/api/v1/reference/deadline-kinds", PERM_ORG_READ,    0, BODY_NONE,          api_reference_deadline_kinds},
  {"GET",    "/api/v1/cases",                   PERM_CASE_READ,    0, BODY_NONE,          api_cases_list},
  {"POST",   "/api/v1/cases",                   PERM_CASE_REGISTER, 1, BODY_DEFAULT_MAX,  api_cases_create},
  {"GET",    "/api/v1/cases/rotation",          PERM_CASE_REGISTER, 0, BODY_NONE,         api_cases_rotation},
  {"GET",    "/api/v1/cases/{id}",              PERM_CASE_READ,    0, BODY_NONE,          api_cases_get},
  {"PUT",    "/api/v1/cases/{id}",              PERM_CASE_HANDLE,  1, BODY_DEFAULT_MAX,   api_cases_update},
  {"POST",   "/api/v1/cases/{id}/persons",      PERM_CASE_HANDLE,  1, BODY_DEFAULT_MAX,   api_cases_add_person},
  {"PUT",    "/api/v1/cases/{id}/persons/{id}", PERM_CASE_HANDLE,  1, BODY_DEFAULT_MAX,   api_cases_update_person},
  {"POST",   "/api/v1/cases/{id}/events",       PERM_CASE_HANDLE,  1, BODY_DEFAULT_MAX,   api_cases_event},
  {"GET",    "/api/v1/deadlines",               PERM_CASE_READ,    0, BODY_NONE,          api_deadlines_list},
  {"GET",    "/api/v1/deadlines/summary",       PERM_CASE_READ,    0, BODY_NONE,          api_deadlines_summary},
  /* scale-ui: the month view in one request */
  {"GET",    "/api/v1/deadlines/month",         PERM_CASE_READ,    0, BODY_NONE,          api_deadlines_month},
  {"GET",    "/api/v1/settings/deadline-warnings", PERM_ORG_READ, 0, BODY_NONE,           api_settings_warnings_get},
  {"PUT",    "/api/v1/settings/deadline-warnings", PERM_ADMIN_MANAGE, 1, BODY_DEFAULT_MAX, api_settings_warnings_put},
  {"GET",    "/api/v1/approvals",               PERM_CASE_READ,    0, BODY_NONE,          api_approvals_list},
  {"GET",    "/api/v1/approvals/{id}",          PERM_CASE_READ,    0, BODY_NONE,          api_approvals_get},
  {"POST",   "/api/v1/approvals/{id}/approve",  PERM_APPROVE,      1, BODY_DEFAULT_MAX,   api_approvals_approve},
  {"POST",   "/api/v1/approvals/{id}/return",   PERM_APPROVE,      1, BODY_DEFAULT_MAX,   api_approvals_return},
  {"POST",   "/api/v1/approvals/{id}/withdraw", PERM_CASE_DECIDE,  1, BODY_NONE,          api_approvals_withdraw},
  {"GET",    "/api/v1/settings/power-list",     PERM_ORG_READ,     0, BODY_NONE,          api_settings_power_list_get},
  {"PUT",    "/api/v1/settings/power-list",     PERM_ADMIN_MANAGE, 1, BODY_DEFAULT_MAX,   api_settings_power_list_put},
  {"GET",    "/api/v1/settings/fast-track",     PERM_ORG_READ,     0, BODY_NONE,          api_settings_fast_track_get},
  {"PUT",    "/api/v1/settings/fast-track",     PERM_ADMIN_MANAGE, 1, BODY_DEFAULT_MAX,   api_settings_fast_track_put},
  /* xlsx-export: each list's Excel export, with the list's own parameters and permission (api_export.h) */
  {"GET",    "/api/v1/cases/export.xlsx",       PERM_CASE_READ,    0, BODY_NONE,          api_cases_export},
  {"GET",    "/api/v1/deadlines/export.xlsx",   PERM_CASE_READ,    0, BODY_NONE,          api_deadlines_export},
  {"GET",    "/api/v1/audit/export.xlsx",       PERM_AUDIT_READ,   0, BODY_NONE,          api_audit_export},
  {"GET",    "/api/v1/users/export.xlsx",       PERM_ORG_READ,     0, BODY_NONE,          api_users_export},
  {"GET",    "/api/v1/approvals/export.xlsx",   PERM_CASE_READ,    0, BODY_NONE,          api_approvals_export},
  /* work queues and reminders (app/work.c): any signed-in user; each sees the queues their permissions allow */
  {"GET",    "/api/v1/work",                    PERM_SELF,         0, BODY_NONE,          api_work},
  {"GET",    "/api/v1/reminders",               PERM_SELF,         0, BODY_NONE,          api_reminders},
  /* issue 9 (charges-agencies): the office's list of agencies (移送机关), read like the reference lists */
  {"GET",    "/api/v1/agencies",                PERM_ORG_READ,     0, BODY_NONE,          api_agencies_list},
  /* issue 10 (agencies): the registry of agencies (机关名录): read by every user, kept by agency.manage */
  {"GET",    "/api/v1/agencies/export.xlsx",    PERM_ORG_READ,     0, BODY_NONE,          api_agencies_export},
  {"GET",    "/api/v1/agencies/{id}",           PERM_ORG_READ,     0, BODY_NONE,          api_agencies_get},
  {"POST",   "/api/v1/agencies",                PERM_AGENCY_MANAGE, 1, BODY_DEFAULT_MAX,  api_agencies_create},
  {"PUT",    "/api/v1/agencies/{id}",           PERM_AGENCY_MANAGE, 1, BODY_DEFAULT_MAX,  api_agencies_update},
  {"GET",    "/api/v1/reference/agency-kinds",  PERM_ORG_READ,     0, BODY_NONE,          api_reference_agency_kinds},
  /* documents (issue 10 §4, api_documents.c): the 文书, their templates and 文号 format */
  {"GET",    "/api/v1/documents",               PERM_CASE_READ,    0, BODY_NONE,          api_documents_list},
  {"GET",    "/api/v1/documents/export.xlsx",   PERM_CASE_READ,    0, BODY_NONE,          api_documents_export},
  {"GET",    "/api/v1/documents/{id}",          PERM_CASE_READ,    0, BODY_NONE,          api_documents_get},
  {"GET",    "/api/v1/documents/{id}/docx",     PERM_CASE_READ,    0, BODY_NONE,          api_documents_docx},
  {"POST",   "/api/v1/documents/{id}/reissue",  PERM_CASE_HANDLE,  1, BODY_NONE,          api_documents_reissue},
  {"GET",    "/api/v1/document-templates",      PERM_ORG_READ,     0, BODY_NONE,          api_document_templates_get},
  {"PUT",    "/api/v1/document-templates",      PERM_DOCUMENT_TEMPLATE, 1, BODY_DEFAULT_MAX, api_document_templates_put},
  {"PUT",    "/api/v1/settings/documents",      PERM_DOCUMENT_TEMPLATE, 1, BODY_DEFAULT_MAX, api_document_settings_put},
  {"POST",   "/api/v1/cases/{id}/persons/{id}/documents", PERM_CASE_HANDLE, 1, BODY_DEFAULT_MAX, api_cases_person_document},
  /* linkage (issue 10): 行刑反向衔接 items */
  {"GET",    "/api/v1/linkage",                 PERM_LINKAGE_READ, 0, BODY_NONE,          api_linkage_list},
  {"GET",    "/api/v1/linkage/export.xlsx",     PERM_LINKAGE_READ, 0, BODY_NONE,          api_linkage_export},
  {"GET",    "/api/v1/linkage/by-agency",       PERM_LINKAGE_READ, 0, BODY_NONE,          api_linkage_by_agency},
  {"GET",    "/api/v1/linkage/{id}",            PERM_LINKAGE_READ, 0, BODY_NONE,          api_linkage_get},
  {"POST",   "/api/v1/linkage/{id}/events",     PERM_LINKAGE_HANDLE, 1, BODY_DEFAULT_MAX, api_linkage_event},
  /* suggestions (issue 10 §3): the 检察建议 (app/suggestions.h) */
  {"GET",    "/api/v1/suggestions",             PERM_SUGGESTION_READ,   0, BODY_NONE,        api_suggestions_list},
  {"POST",   "/api/v1/suggestions",             PERM_SUGGESTION_HANDLE, 1, BODY_DEFAULT_MAX, api_suggestions_create},
  {"GET",    "/api/v1/suggestions/export.xlsx", PERM_SUGGESTION_READ,   0, BODY_NONE,        api_suggestions_export},
  {"GET",    "/api/v1/suggestions/by-agency",   PERM_SUGGESTION_READ,   0, BODY_NONE,        api_suggestions_by_agency},
  {"GET",    "/api/v1/suggestions/{id}",        PERM_SUGGESTION_READ,   0, BODY_NONE,        api_suggestions_get},
  {"PUT",    "/api/v1/suggestions/{id}",        PERM_SUGGESTION_HANDLE, 1, BODY_DEFAULT_MAX, api_suggestions_update},
  {"POST",   "/api/v1/suggestions/{id}/events", PERM_SUGGESTION_HANDLE, 1, BODY_DEFAULT_MAX, api_suggestions_event},
  /* petitions (issue 13): the 信访 of the 12309 检察服务中心 (app/petitions.h) */
  {"GET",    "/api/v1/petitions",               PERM_PETITION_READ,   0, BODY_NONE,        api_petitions_list},
  {"POST",   "/api/v1/petitions",               PERM_PETITION_HANDLE, 1, BODY_DEFAULT_MAX, api_petitions_create},
  {"GET",    "/api/v1/petitions/export.xlsx",   PERM_PETITION_READ,   0, BODY_NONE,        api_petitions_export},
  {"GET",    "/api/v1/petitions/repeats",       PERM_PETITION_READ,   0, BODY_NONE,        api_petitions_repeats},
  {"GET",    "/api/v1/petitions/stats",         PERM_PETITION_READ,   0, BODY_NONE,        api_petitions_stats},
  {"GET",    "/api/v1/petitions/settings",      PERM_PETITION_READ,   0, BODY_NONE,        api_petitions_settings_get},
  {"PUT",    "/api/v1/petitions/settings",      PERM_ADMIN_MANAGE,    1, BODY_DEFAULT_MAX, api_petitions_settings_put},
  {"GET",    "/api/v1/petitions/{id}",          PERM_PETITION_READ,   0, BODY_NONE,        api_petitions_get},
  {"POST",   "/api/v1/petitions/{id}/events",   PERM_PETITION_HANDLE, 1, BODY_DEFAULT_MAX, api_petitions_event},
};
/* clang-format on */

const size_t routes_count = sizeof routes / sizeof routes[0];
