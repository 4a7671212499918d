/* server.c: libmicrohttpd glue: request lifecycle, body accumulation under limits, the reply with security headers,
 * the access log, per-thread database connections, start and stop (see server.h). */
#include "web/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/log.h"
#include "lib/utf8.h"
#include "app/auth.h"
#include "store/db.h"
#include "web/conn_guard.h"
#include "web/match_schedule.h"
#include "web/router.h"

/* Immutable after start: the configuration every thread reads. */
static struct {
  const char *zDbPath;
  pthread_key_t dbKey;
} server;

static const char server_csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

static void server_db_destructor(void *p) {
  db_close(p);
}

struct Db *server_thread_db(void) {
  Db *db = pthread_getspecific(server.dbKey);
  if (db) return db_reconnect(db) ? NULL : db; /* after PostgreSQL went away: 503 until it is back */
  JwErr e;
  if (db_open(server.zDbPath, DB_OPEN_EXISTING, &db, &e)) {
    log_error("worker cannot open database: %s", e.message);
    return NULL;
  }
  pthread_setspecific(server.dbKey, db);
  return db;
}

static int64_t server_now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The guard slot of a connection (set by server_notify_connection), or NULL. */
static ConnSlot *server_slot(struct MHD_Connection *conn) {
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return ci ? ci->socket_context : NULL;
}

/* libmicrohttpd's connection notification: registers each new connection with the guard, forgets it when it closes.
 * A connection the guard has no room for is shut down at once. */
static void server_notify_connection(void *cls, struct MHD_Connection *conn, void **ppSocketCtx,
                                     enum MHD_ConnectionNotificationCode code) {
  (void)cls;
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    int fd = ci ? ci->connect_fd : -1;
    *ppSocketCtx = conn_guard_open(fd);
    if (!*ppSocketCtx && fd >= 0) shutdown(fd, SHUT_RDWR);
  } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
    conn_guard_close(*ppSocketCtx);
    *ppSocketCtx = NULL;
  }
}

/* Builds the MHD response for r's reply, adds the headers, and queues it. */
static enum MHD_Result server_send(Req *r) {
  struct MHD_Response *resp;
  int isFile = r->hasReplyFd && r->status < 400;
  if (isFile) {
    resp = MHD_create_response_from_fd(r->replyFdSize, r->replyFd); /* closes the file when destroyed */
    if (resp) r->hasReplyFd = 0;
  } else if (r->pStatic) {
    resp = MHD_create_response_from_buffer(r->nStatic, (void *)r->pStatic, MHD_RESPMEM_PERSISTENT);
  } else {
    resp = MHD_create_response_from_buffer(r->out.n, r->out.z ? r->out.z : (char *)"", MHD_RESPMEM_MUST_COPY);
  }
  if (!resp) return MHD_NO;
  MHD_add_response_header(resp, "Content-Type", r->zContentType ? r->zContentType : "application/json; charset=utf-8");
  MHD_add_response_header(resp, "Cache-Control", r->zCacheControl ? r->zCacheControl : "no-store");
  MHD_add_response_header(resp, "Content-Security-Policy", server_csp);
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
  if (r->zEtag) MHD_add_response_header(resp, "ETag", r->zEtag);
  if (r->zAllow) MHD_add_response_header(resp, "Allow", r->zAllow);
  if (isFile && r->zDisposition) MHD_add_response_header(resp, "Content-Disposition", r->zDisposition);
  if (r->zSetCookie[0]) MHD_add_response_header(resp, "Set-Cookie", r->zSetCookie);
  if (r->status == 413 || r->status == 414) MHD_add_response_header(resp, "Connection", "close");
  enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
  MHD_destroy_response(resp);
  return ret;
}

/* imports (issue 12): one chunk of a BODY_FILE_MAX route's body. On the first, the session, permission and CSRF
 * token are checked as the dispatcher will check them (which then answers 401/403); a request that fails them has its
 * body discarded, so no one without the permission can fill the disk. Then the chunk is appended to a private
 * temporary file (mkstemp, 0600) under $TMPDIR or /tmp; beyond BODY_FILE_MAX bytes the body is too large (413). */
static void server_upload_chunk(Req *r, const char *z, size_t n) {
  if (r->uploadRefused || r->bodyTooLarge) return;
  if (!r->zUploadPath[0]) {
    Db *db = server_thread_db();
    AuthSession s;
    int ok = db && auth_session_check(db, req_cookie(r, "jw_session"), &s) == 1 &&
             (s.actor.perms & r->route->perm) == r->route->perm &&
             (!r->route->csrf || auth_csrf_ok(&s, req_header(r, "X-CSRF-Token")));
    if (!ok) {
      r->uploadRefused = 1;
      return;
    }
    const char *zTmp = getenv("TMPDIR");
    snprintf(r->zUploadPath, sizeof r->zUploadPath, "%s/jw-upload-XXXXXX",
             zTmp && *zTmp && strlen(zTmp) < 40 ? zTmp : "/tmp");
    int fd = mkstemp(r->zUploadPath);
    if (fd < 0) {
      r->zUploadPath[0] = 0;
      r->uploadRefused = r->uploadFailed = 1;
      return;
    }
    r->uploadFd = fd;
    conn_guard_phase(server_slot(r->conn), CONN_UPLOAD); /* the body may take longer than SERVER_BODY_TIMEOUT */
  }
  if (r->uploadBytes + n > BODY_FILE_MAX) {
    r->bodyTooLarge = 1;
    return;
  }
  while (n) {
    ssize_t k = write(r->uploadFd, z, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      r->uploadRefused = r->uploadFailed = 1;
      return;
    }
    z += k;
    n -= (size_t)k;
    r->uploadBytes += (uint64_t)k;
  }
}

/* libmicrohttpd's access handler: called once with no body, then once per body chunk, then once at the end. The
 * reply is queued only on a later call, never the first: queueing on the first call loses keep-alive in 0.9.75. */
static enum MHD_Result server_access(void *cls, struct MHD_Connection *conn, const char *zUrl, const char *zMethod,
                                     const char *zVersion, const char *zUpload, size_t *pnUpload, void **ppCtx) {
  (void)cls;
  (void)zVersion;
  Req *r = *ppCtx;
  if (!r) return MHD_NO; /* server_uri_log always creates it */
  if (!r->started) {
    r->started = 1;
    r->conn = conn;
    r->zMethod = zMethod;
    r->zPath = zUrl;
    r->status = 200;
    int known = 0;
    r->route = router_match(r, zMethod, zUrl, &known);
    r->maxBody = r->route ? r->route->maxBody : 0;
    *ppCtx = r;
    conn_guard_phase(server_slot(conn), CONN_BODY);
    return MHD_YES;
  }
  if (*pnUpload && r->route && r->route->maxBody == BODY_FILE_MAX) { /* imports (issue 12): to a file */
    server_upload_chunk(r, zUpload, *pnUpload);
    *pnUpload = 0;
    return MHD_YES;
  }
  if (*pnUpload) {
    if (r->bodyTooLarge || r->body.n + *pnUpload > r->maxBody) {
      r->bodyTooLarge = 1;
    } else {
      buf_append(&r->body, zUpload, *pnUpload);
    }
    *pnUpload = 0;
    return MHD_YES;
  }
  conn_guard_phase(server_slot(conn), CONN_BUSY);
  r->db = server_thread_db();
  router_dispatch(r);
  if (r->db && r->status >= 400 && db_unavailable(r->db)) {
    /* The database went away during the request (a PostgreSQL restart or failover): nothing was committed, and an
     * error the handler drew from a failed read ("部门不存在") would be false: the answer is "try again". */
    reply_err(r, 503, "unavailable", NULL, "数据库暂时不可用，请稍后重试");
  }
  if (r->db) {
    if (db_in_transaction(r->db)) {
      log_error("transaction left open by %s %s", r->zMethod, r->zPath);
      db_rollback(r->db);
    }
    if (db_busy_statements(r->db)) {
      log_error("statement left unreset by %s %s", r->zMethod, r->zPath);
      db_reset_all(r->db);
    }
  }
  r->replied = 1;
  conn_guard_phase(server_slot(conn), CONN_REPLY);
  return server_send(r);
}

/* Text from the request as one access-log field: "-" for NULL or empty; bytes that could forge or split a line
 * (controls, space, '"', '%', DEL, invalid UTF-8) percent-encoded; at most SERVER_LOG_FIELD bytes, cut at a
 * character boundary. Arena memory. */
#define SERVER_LOG_FIELD 512
static const char *server_log_text(Req *r, const char *z) {
  if (!z || !*z) return "-";
  char *zCopy = arena_strdup(&r->arena, z);
  utf8_scrub(zCopy); /* invalid bytes become '?' */
  size_t n = utf8_prefix(zCopy, strlen(zCopy), SERVER_LOG_FIELD);
  Buf b = BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)zCopy[i];
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '%') buf_printf(&b, "%%%02X", c);
    else buf_append(&b, (const char *)&c, 1);
  }
  if (n < strlen(zCopy)) buf_puts(&b, "...");
  const char *zOut = arena_strdup(&r->arena, buf_cstr(&b));
  buf_free(&b);
  return zOut;
}

/* Why a request ended without completing, for the access log. */
static const char *server_termination_name(enum MHD_RequestTerminationCode tc) {
  switch (tc) {
    case MHD_REQUEST_TERMINATED_COMPLETED_OK:
      return "";
    case MHD_REQUEST_TERMINATED_WITH_ERROR:
      return " aborted=error";
    case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED:
      return " aborted=timeout";
    case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN:
      return " aborted=shutdown";
    case MHD_REQUEST_TERMINATED_READ_ERROR:
      return " aborted=read";
    case MHD_REQUEST_TERMINATED_CLIENT_ABORT:
      return " aborted=client";
    default:
      return " aborted";
  }
}

/* Request finished (or the connection died): write the access log line and free everything the request owns.
 * Line: ADDRESS METHOD PATH STATUS BYTES DURATIONus user=LOGIN [aborted=WHY]; "-" for whatever is not known (a
 * connection that died before its head was complete has no method or path; one that got no reply, no status). The
 * duration runs from the arrival of the request line. */
static void server_completed(void *cls, struct MHD_Connection *conn, void **ppCtx, enum MHD_RequestTerminationCode tc) {
  (void)cls;
  conn_guard_phase(server_slot(conn), CONN_IDLE); /* kept alive (or about to close): waits for its next head */
  Req *r = *ppCtx;
  if (!r) return;
  if (!r->conn) r->conn = conn;
  char zStatus[16] = "-", zBytes[24] = "-";
  if (r->replied) {
    snprintf(zStatus, sizeof zStatus, "%d", r->status);
    if (r->replyFdSize && r->status < 400) snprintf(zBytes, sizeof zBytes, "%llu", (unsigned long long)r->replyFdSize);
    else snprintf(zBytes, sizeof zBytes, "%zu", r->pStatic ? r->nStatic : r->out.n);
  }
  int64_t us = r->startUs ? server_now_us() - r->startUs : -1;
  char zDuration[32] = "-";
  if (us >= 0) snprintf(zDuration, sizeof zDuration, "%lldus", (long long)us);
  log_access("%s %s %s %s %s %s user=%s%s", req_peer(r), server_log_text(r, r->zMethod), server_log_text(r, r->zPath),
             zStatus, zBytes, zDuration, r->hasSession ? r->session.zLogin : "-", server_termination_name(tc));
  if (r->hasReplyFd) close(r->replyFd); /* a file reply that was never handed over */
  if (r->zUploadPath[0]) {              /* imports (issue 12): the uploaded file goes with the request */
    if (r->uploadFd > 0) close(r->uploadFd);
    unlink(r->zUploadPath);
  }
  json_decref(r->in);
  buf_free(&r->body);
  buf_free(&r->out);
  arena_free(&r->arena);
  free(r);
  *ppCtx = NULL;
}

/* Called by libmicrohttpd with the full request URI before the access handler: creates the Req (its return value
 * becomes the request context) and notes an over-long URI, answered 414 by the dispatcher. */
static void *server_uri_log(void *cls, const char *zUri, struct MHD_Connection *conn) {
  (void)cls;
  Req *r = xcalloc(1, sizeof *r);
  r->conn = conn; /* for the client address, even if the head never completes */
  r->startUs = server_now_us();
  r->uriTooLong = strlen(zUri) > SERVER_MAX_URI;
  return r;
}

static void server_mhd_log(void *cls, const char *zFmt, va_list ap) {
  (void)cls;
  char z[512];
  vsnprintf(z, sizeof z, zFmt, ap);
  utf8_scrub(z); /* a cut may have split a character */
  size_t n = strlen(z);
  if (n && z[n - 1] == '\n') z[n - 1] = 0;
  log_info("http: %s", z);
}

/* Parses "host:port" (IPv4) into sa. 0 ok, -1 bad. */
static int server_parse_listen(const char *zListen, struct sockaddr_in *sa) {
  const char *zColon = strrchr(zListen, ':');
  if (!zColon || zColon == zListen || (size_t)(zColon - zListen) >= 64) return -1;
  char zHost[64];
  memcpy(zHost, zListen, (size_t)(zColon - zListen));
  zHost[zColon - zListen] = 0;
  char *zEnd;
  errno = 0;
  long port = strtol(zColon + 1, &zEnd, 10);
  if (errno || *zEnd || zEnd == zColon + 1 || port < 0 || port > 65535) return -1;
  memset(sa, 0, sizeof *sa);
  sa->sin_family = AF_INET;
  sa->sin_port = htons((uint16_t)port);
  if (inet_pton(AF_INET, zHost, &sa->sin_addr) != 1) return -1;
  return 0;
}

/* Raises the soft limit on open files to what SERVER_MAX_CONNECTIONS needs (sockets, the database and its WAL,
 * logs), within the hard limit; logs when even the hard limit is too low. */
static void server_raise_fd_limit(void) {
  rlim_t need = (rlim_t)SERVER_MAX_CONNECTIONS + 64 + 64;
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= need) return;
  rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need ? need : rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);
  if (rl.rlim_cur < need) {
    log_error("open-file limit %llu is below the %llu that %d connections need (raise LimitNOFILE)",
              (unsigned long long)rl.rlim_cur, (unsigned long long)need, SERVER_MAX_CONNECTIONS);
  }
}

int server_run(const ServerConfig *cfg, JwErr *e) {
  struct sockaddr_in sa;
  if (server_parse_listen(cfg->zListen, &sa)) {
    return err_field(e, "listen", "监听地址 %s 无效，格式为 IPv4地址:端口，例如 127.0.0.1:8080", cfg->zListen);
  }
  if (cfg->zAccessLog && log_set_access_file(cfg->zAccessLog)) {
    return err_field(e, "access-log", "无法打开访问日志 %s", cfg->zAccessLog);
  }
  server.zDbPath = cfg->zDbPath;
  server_raise_fd_limit();
  pthread_key_create(&server.dbKey, server_db_destructor);

  /* Block the stop signals in every thread; the main thread waits for them with sigwait(). */
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, NULL);
  signal(SIGPIPE, SIG_IGN);

  if (conn_guard_start(SERVER_MAX_CONNECTIONS, SERVER_RESERVE)) {
    pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
    return err_set(e, 500, "internal", NULL, "无法启动连接守护线程");
  }
  unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, 0, NULL, NULL, server_access, NULL, MHD_OPTION_EXTERNAL_LOGGER, server_mhd_log, NULL, MHD_OPTION_SOCK_ADDR,
      (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->nThreads > 0 ? cfg->nThreads : 1),
      MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVER_MAX_CONNECTIONS, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
      (unsigned)(cfg->nPerClient > 0 ? cfg->nPerClient : SERVER_MAX_PER_CLIENT), MHD_OPTION_NOTIFY_CONNECTION,
      server_notify_connection, NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVER_CONNECTION_TIMEOUT,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVER_CONNECTION_MEMORY, MHD_OPTION_NOTIFY_COMPLETED,
      server_completed, NULL, MHD_OPTION_URI_LOG_CALLBACK, server_uri_log, NULL, MHD_OPTION_LISTENING_ADDRESS_REUSE,
      (unsigned)1, MHD_OPTION_END);
  if (!d) {
    conn_guard_stop();
    pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
    return err_set(e, 500, "internal", "listen", "无法在 %s 上启动服务（端口被占用？）", cfg->zListen);
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  char zHost[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &sa.sin_addr, zHost, sizeof zHost);
  printf("listening on http://%s:%u\n", zHost, info ? (unsigned)info->port : (unsigned)ntohs(sa.sin_port));
  fflush(stdout);
  char *zShown = db_target_display(cfg->zDbPath); /* a URL's password never reaches the log */
  log_info("jianwu %s serving %s with %d threads", JW_VERSION, zShown, cfg->nThreads);
  free(zShown);

  /* leads (issue 12 §3): the data-matching models run each night inside the server */
  if (match_schedule_start(cfg->zDbPath)) log_error("cannot start the data-matching schedule");

  int sig = 0;
  sigwait(&sigs, &sig);
  log_info("signal %d: stopping", sig);
  match_schedule_stop();
  MHD_stop_daemon(d);
  conn_guard_stop();
  return 0;
}
