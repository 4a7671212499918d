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
  {"GET",    "/api/v1/audit",                   PERM_AUDIT_READ,   0, BODY_NONE,          api_audit_list},
  {"GET",    "/api/v1/calendar/due",            PERM_SELF,         0, BODY_NONE,          api_calendar_due},
  {"GET",    "/api/v1/calendar",                PERM_ORG_READ,     0, BODY_NONE,          api_calendar_year},
  {"POST",   "/api/v1/calendar/import",         PERM_CALENDAR_MANAGE, 1, BODY_DEFAULT_MAX, api_calendar_import},
};
/* clang-format on */

const size_t routes_count = sizeof routes / sizeof routes[0];
