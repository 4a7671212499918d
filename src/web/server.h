/* server.h: the HTTP server: libmicrohttpd with a pool of worker threads (poll-based, see docs/architecture.md for
 * why not epoll), one database connection per worker thread, limits on every request and connection (a cap per
 * client address, whole-phase time limits and a reserve of slots for new clients: conn_guard.h), security headers
 * on every reply, and an access log line per request. */
#ifndef JW_SERVER_H
#define JW_SERVER_H
#include <stdint.h>

#include "lib/err.h"

#define SERVER_MAX_URI            2000 /* bytes of path + query */
#define SERVER_MAX_CONNECTIONS    1024
#define SERVER_MAX_PER_CLIENT     32          /* connections from one client address (a browser opens ~6) */
#define SERVER_RESERVE            128         /* beyond MAX - RESERVE, a new connection ends the oldest waiting one */
#define SERVER_CONNECTION_TIMEOUT 30          /* seconds of silence before a connection is closed */
#define SERVER_CONNECTION_MEMORY  (64 * 1024) /* per-connection buffer: bounds the request line and headers */
/* Whole-phase limits (conn_guard.h), in seconds, however busily a client trickles bytes: */
#define SERVER_HEAD_TIMEOUT      10 /* from accepting a connection to its complete request head */
#define SERVER_KEEPALIVE_TIMEOUT 30 /* from a reply to the complete head of the next request on the connection */
#define SERVER_BODY_TIMEOUT      30 /* from the head to the complete body (1 MiB at 35 KB/s) */
#define SERVER_REPLY_TIMEOUT     60 /* to send a queued reply */
#define SERVER_REAP_INTERVAL_MS  250

/* imports (issue 12): an upload whose session, permission and CSRF token passed on its first chunk */
#define SERVER_UPLOAD_TIMEOUT 3600

typedef struct ServerConfig {
  const char *zDbPath;
  const char *zListen;    /* "127.0.0.1:8080"; port 0 picks a free port */
  int nThreads;           /* worker threads (>= 1) */
  const char *zAccessLog; /* file, or NULL for stderr */
  int nPerClient;         /* connections from one client address; 0: SERVER_MAX_PER_CLIENT (behind a reverse proxy
                             every client has the proxy's address: raise it there) */
} ServerConfig;

/* Runs the server until SIGINT or SIGTERM. Prints "listening on http://ADDR:PORT" on stdout once it accepts
 * connections. Returns 0 after a clean stop, -1 with e filled when it cannot start. */
int server_run(const ServerConfig *cfg, JwErr *e);

/* The database connection of the calling worker thread, opened on first use. NULL if it cannot be opened. */
struct Db *server_thread_db(void);

#endif
