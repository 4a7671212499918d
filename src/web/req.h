/* req.h: Req, everything one HTTP request owns, and the reply helpers handlers use.
 *
 * A Req lives from the first call of libmicrohttpd's access handler to the request-completed callback. Everything it
 * allocates comes from r->arena or is released by req_free(). Handlers read the parsed input (r->in, path ids,
 * query parameters) and set the reply through reply_json() / reply_error(); the server adds the security headers and
 * sends it. Nothing request-scoped lives in globals. */
#ifndef JW_REQ_H
#define JW_REQ_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "app/auth.h"
#include "lib/buf.h"
#include "lib/err.h"
#include "lib/mem.h"
#include "store/db.h"

struct MHD_Connection;
typedef struct Route Route;

typedef struct Req {
  Arena arena;
  struct MHD_Connection *conn; /* set when the request line arrives (the URI callback) */
  int started;                 /* the access handler has run once (the request head is complete) */
  int replied;                 /* a reply was queued: status and size are known */
  const char *zMethod;         /* NULL until the head is complete */
  const char *zPath;           /* URL path without the query; NULL until the head is complete */
  int64_t startUs;             /* when the request line arrived, for the access log */
  int uriTooLong;              /* path + query longer than SERVER_MAX_URI */
  /* body */
  Buf body;
  size_t maxBody; /* limit of the matched route */
  int bodyTooLarge;
  /* routing */
  const Route *route;
  int64_t aPathId[2]; /* {id} segments of the path, in order */
  int nPathId;
  /* session */
  Db *db;
  AuthSession session;
  int hasSession;
  json_t *in; /* parsed JSON body (POST/PUT), owned */
  /* reply */
  int status;
  Buf out;
  const char *zContentType;
  const char *zCacheControl; /* NULL: "no-store" */
  const char *zEtag;
  const char *zAllow;
  char zSetCookie[256];
  const unsigned char *pStatic; /* static body instead of out, not copied */
  size_t nStatic;
  /* a file reply (an export): the open file replyFd of replyFdSize bytes, handed to libmicrohttpd, which closes it */
  int hasReplyFd;
  int replyFd;
  uint64_t replyFdSize;
  const char *zDisposition; /* Content-Disposition, or NULL */
  /* imports (issue 12): the body of a BODY_FILE_MAX route, streamed to a file (router.h) */
  int uploadFd;           /* the open temporary file, or 0 */
  char zUploadPath[64];   /* its path, "" when none */
  uint64_t uploadBytes;   /* bytes written to it */
  int uploadRefused;      /* the first chunk's checks failed, or the file could not be written: body discarded */
  int uploadFailed;       /* writing the file failed (disk full): the handler answers 500 */
} Req;

/* Query parameter zName from the URL, or NULL. The string belongs to libmicrohttpd for the request's lifetime. */
const char *req_query(Req *r, const char *zName);
/* Request header zName, or NULL. */
const char *req_header(Req *r, const char *zName);
/* Cookie zName, or NULL. */
const char *req_cookie(Req *r, const char *zName);
/* The peer's IP address as text (arena memory). */
const char *req_peer(Req *r);

/* Sets a JSON reply; takes ownership of v (which may be NULL: then a 500). Returns 0. */
int reply_json(Req *r, int status, json_t *v);
/* Sets the JSON error reply from e. Returns 0. */
int reply_error(Req *r, const JwErr *e);
/* Sets a file reply: fd (open, at offset 0, nSize bytes) is sent as the body and closed once sent (or when the
 * request ends without it). zContentType and zDisposition are arena or static strings. Returns 0. */
int reply_fd(Req *r, int status, int fd, uint64_t nSize, const char *zContentType, const char *zDisposition);
/* Sets an error reply from parts. Returns 0. */
int reply_err(Req *r, int status, const char *zCode, const char *zField, const char *zMessage);

/* Reads an integer query parameter within [min, max]; dflt when absent. 0 ok, -1 with e naming the parameter. */
int req_query_int(Req *r, const char *zName, int64_t min, int64_t max, int64_t dflt, int64_t *out, JwErr *e);
/* Reads limit and offset for list routes (limit 1..200, default 50). */
int req_paging(Req *r, int *pLimit, int *pOffset, JwErr *e);
/* Reads an optional one-line query string parameter of at most maxChars characters. */
int req_query_str(Req *r, const char *zName, size_t maxChars, const char **out, JwErr *e);
/* Reads an optional YYYY-MM-DD query parameter. */
int req_query_date(Req *r, const char *zName, const char **out, JwErr *e);

#endif
