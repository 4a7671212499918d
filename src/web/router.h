/* router.h: the route table and the dispatcher.
 *
 * Every route is declared once in routes.c with its method, path pattern, required permission, CSRF policy and body
 * limit. The dispatcher enforces them, in that order, before the handler runs: unknown path 404, wrong method 405,
 * body over the limit 413, no session 401, missing permission 403, missing or wrong CSRF token 403, body not JSON
 * 415/400. A pattern segment "{id}" matches a positive decimal integer and is stored in r->aPathId. */
#ifndef JW_ROUTER_H
#define JW_ROUTER_H
#include <stddef.h>
#include <stdint.h>

#include "web/req.h"

typedef int (*Handler)(Req *r);

#define BODY_NONE        0
#define BODY_DEFAULT_MAX (1024 * 1024)
/* imports (issue 12): a route with this limit takes its body as a file, not JSON: the server streams it to a private
 * temporary file (r->zUploadPath, r->uploadBytes) after checking the session, permission and CSRF token on the first
 * chunk (a refused upload is discarded as it arrives, never stored), and removes the file when the request ends. */
#define BODY_FILE_MAX ((size_t)2 << 30)

struct Route {
  const char *zMethod;  /* "GET", "POST", "PUT", "DELETE" */
  const char *zPattern; /* "/api/v1/users/{id}" */
  uint32_t perm;        /* PERM_PUBLIC or one permission bit the user's roles must grant */
  int csrf;             /* 1: requires the X-CSRF-Token header (every state-changing route with a session) */
  size_t maxBody;       /* BODY_NONE: no body accepted; else the limit in bytes (JSON) */
  Handler xHandler;
};

extern const Route routes[];
extern const size_t routes_count;

/* Finds the route for method and path. Returns it, or NULL with *pPathKnown set when the path matches some route
 * under another method (405) and *pAllow listing the methods. Fills r->aPathId. */
const Route *router_match(Req *r, const char *zMethod, const char *zPath, int *pPathKnown);
/* Runs the checks above and the handler; always leaves a reply in r. */
void router_dispatch(Req *r);

#endif
