/* fuzz_router.c: libFuzzer target for every route of the JSON API, through router_match() and router_dispatch()
 * exactly as the server calls them, with a signed-in session that holds every permission.
 *
 * Input format (text, so that seeds are easy to write; see fuzz/corpus/router/):
 *   line 1: METHOD SP PATH[?QUERY] [SP @LOGIN]   e.g. "PUT /api/v1/users/3?x=1" or "GET /api/v1/cases @clerk"
 *   rest:   the request body (sent with Content-Type: application/json, the session cookie and the CSRF token)
 * The session is the demo administrator's (who also holds the case roles, so every route is open), or with @LOGIN
 * that demo user's (a role with fewer permissions); an @ naming no demo user sends no session at all.
 *
 * The database is an in-memory copy of the demo procuratorate (a few cases in every state), restored before every
 * input that follows a write (SQLite backup API), so each input sees the same data. libmicrohttpd is not linked: this
 * file provides the two MHD functions req.c calls (query arguments are percent- and plus-decoded as MHD does). The
 * Argon2id password hash is replaced by a cheap stand-in (crypto_pwhash_str*), so that sign-in and user creation run
 * at fuzzing speed; Argon2id itself is libsodium's business.
 *
 * After each request the harness aborts (a finding) if the handler left a transaction open or a statement unreset,
 * answered 500, wrote an audit row while refusing the request, or replied with something that is not JSON. Set
 * FUZZ_ROUTER_ALLOW_500=1 to tolerate 500s, and FUZZ_ROUTER_TRACE=1 to print each request's status and reply (for
 * writing seeds), FUZZ_ROUTER_CASES=N to change the number of demo cases (the seeds name cases 12, 36, 39 and 40 of the
 * default 40). */
#include <microhttpd.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app/accounts.h"
#include "app/auth.h"
#include "app/demo.h"
#include "lib/log.h"
#include "store/accounts_store.h"
#include "store/db_internal.h"
#include "web/router.h"
#include "web/server.h"

#define FUZZ_DEMO_CASES  40
#define FUZZ_MAX_ARGS    32
#define FUZZ_RELOGIN_SEC (20 * 60) /* well inside the 2 h idle limit of a session */
#define FUZZ_MAX_USERS   20

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- the stand-in for Argon2id ---------------------------------------------------------------------------- */

/* "$fake$" + hex SHA-256 of the password. Only ever compared with crypto_pwhash_str_verify below. */
int crypto_pwhash_str(char out[crypto_pwhash_STRBYTES], const char *const passwd, unsigned long long passwdlen,
                      unsigned long long opslimit, size_t memlimit) {
  (void)opslimit;
  (void)memlimit;
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, (const unsigned char *)passwd, passwdlen);
  memcpy(out, "$fake$", 6);
  sodium_bin2hex(out + 6, crypto_pwhash_STRBYTES - 6, h, sizeof h);
  return 0;
}

int crypto_pwhash_str_verify(const char *str, const char *const passwd, unsigned long long passwdlen) {
  char z[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(z, passwd, passwdlen, 0, 0)) return -1;
  return strcmp(z, str) == 0 ? 0 : -1;
}

/* ---- the fake connection: what req.c asks libmicrohttpd for ---------------------------------------------- */

struct MHD_Connection {
  const char *azKey[FUZZ_MAX_ARGS], *azVal[FUZZ_MAX_ARGS];
  int nArg;
};

static struct {
  Db *tmpl; /* the demo data, never written by requests */
  Db *work; /* what the requests run against; restored from tmpl after any write */
  struct {
    char zLogin[32];
    char zCookie[AUTH_TOKEN_HEX + 1];
    char zCsrf[AUTH_TOKEN_HEX + 1];
  } aUser[FUZZ_MAX_USERS]; /* [0] is admin */
  int nUser;
  int cur; /* the session of this request: an index into aUser, or -1 for none */
  time_t loginAt;
  sqlite3_int64 changes; /* sqlite3_total_changes64() of work after its last restore */
  int restored;
  int allow500;
  int trace;
} fz;

const char *MHD_lookup_connection_value(struct MHD_Connection *c, enum MHD_ValueKind kind, const char *key) {
  if (kind == MHD_HEADER_KIND) {
    if (strcasecmp(key, "Content-Type") == 0) return "application/json";
    if (strcasecmp(key, "X-CSRF-Token") == 0) return fz.cur >= 0 ? fz.aUser[fz.cur].zCsrf : NULL;
    return NULL;
  }
  if (kind == MHD_COOKIE_KIND) {
    return strcmp(key, "jw_session") == 0 && fz.cur >= 0 ? fz.aUser[fz.cur].zCookie : NULL;
  }
  if (kind != MHD_GET_ARGUMENT_KIND || !c) return NULL;
  for (int i = 0; i < c->nArg; i++) {
    if (strcmp(c->azKey[i], key) == 0) return c->azVal[i];
  }
  return NULL;
}

const union MHD_ConnectionInfo *MHD_get_connection_info(struct MHD_Connection *c, enum MHD_ConnectionInfoType type,
                                                        ...) {
  (void)c;
  (void)type;
  return NULL;
}

/* Decodes %XX and '+' in place (as MHD does for query arguments). */
static void fuzz_unescape(char *z) {
  char *w = z;
  for (char *p = z; *p; p++) {
    if (*p == '+') {
      *w++ = ' ';
    } else if (*p == '%' && p[1] && p[2] && strchr("0123456789abcdefABCDEF", p[1]) &&
               strchr("0123456789abcdefABCDEF", p[2])) {
      char hex[3] = {p[1], p[2], 0};
      *w++ = (char)strtol(hex, NULL, 16);
      p += 2;
    } else {
      *w++ = *p;
    }
  }
  *w = 0;
}

/* Splits the query string z (modified in place) into the connection's arguments. */
static void fuzz_parse_query(struct MHD_Connection *c, char *z) {
  while (z && *z && c->nArg < FUZZ_MAX_ARGS) {
    char *amp = strchr(z, '&');
    if (amp) *amp = 0;
    char *eq = strchr(z, '=');
    if (eq) *eq = 0;
    fuzz_unescape(z);
    if (eq) fuzz_unescape(eq + 1);
    c->azKey[c->nArg] = z;
    c->azVal[c->nArg] = eq ? eq + 1 : NULL;
    c->nArg++;
    z = amp ? amp + 1 : NULL;
  }
}

/* ---- the database ----------------------------------------------------------------------------------------- */

static void fuzz_die(const char *zWhat) {
  fprintf(stderr, "fuzz_router: %s\n", zWhat);
  abort();
}

/* Signs in every demo user on the template, so every restored copy holds their sessions. */
static void fuzz_login(void) {
  for (int i = 0; i < fz.nUser; i++) {
    json_t *in = json_pack("{s:s, s:s}", "login", fz.aUser[i].zLogin, "password", DEMO_PASSWORD), *user = NULL;
    JwErr e;
    if (auth_login(fz.tmpl, in, "127.0.0.1", fz.aUser[i].zCookie, fz.aUser[i].zCsrf, &user, &e)) fuzz_die(e.message);
    json_decref(in);
    json_decref(user);
  }
  fz.loginAt = time(NULL);
}

/* Copies the template over the working database, unless nothing was written since the last copy (most inputs fail
 * validation and write nothing: skipping the copy makes them several times faster). */
static void fuzz_restore(void) {
  if (fz.restored && sqlite3_total_changes64(db_sqlite(fz.work)) == fz.changes) return;
  sqlite3_backup *b = sqlite3_backup_init(db_sqlite(fz.work), "main", db_sqlite(fz.tmpl), "main");
  if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK) {
    fuzz_die(sqlite3_errmsg(db_sqlite(fz.work)));
  }
  fz.changes = sqlite3_total_changes64(db_sqlite(fz.work));
  fz.restored = 1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  if (sodium_init() < 0) fuzz_die("sodium_init");
  log_set_quiet(1);
  fz.allow500 = getenv("FUZZ_ROUTER_ALLOW_500") != NULL;
  fz.trace = getenv("FUZZ_ROUTER_TRACE") != NULL;
  JwErr e;
  if (db_open(":memory:", DB_OPEN_CREATE, &fz.tmpl, &e) || db_open(":memory:", DB_OPEN_CREATE, &fz.work, &e)) {
    fuzz_die(e.message);
  }
  FILE *devnull = fopen("/dev/null", "w");
  const char *zCases = getenv("FUZZ_ROUTER_CASES");
  int nCases = zCases ? atoi(zCases) : FUZZ_DEMO_CASES;
  if (!devnull || demo_populate(fz.tmpl, nCases, devnull, &e)) fuzz_die(e.message);
  fclose(devnull);
  /* The administrator also registers and handles cases and reads the audit log: every route is open to them. */
  int64_t adminId = 0;
  Stmt *s = db_prepare(fz.tmpl, "SELECT id FROM app_user WHERE login = 'admin'");
  if (db_step(s) == DB_ROW) adminId = db_col_int(s, 0);
  db_done(s);
  Actor admin = {.userId = adminId, .orgId = 0, .zLogin = "admin"};
  s = db_prepare(fz.tmpl, "SELECT org_id FROM app_user WHERE id = ?1");
  db_bind_int(s, 1, adminId);
  if (db_step(s) == DB_ROW) admin.orgId = db_col_int(s, 0);
  db_done(s);
  admin.perms = user_store_permissions(fz.tmpl, adminId);
  json_t *in = json_pack("{s:[s,s,s,s]}", "roles", "admin", "case_manager", "leader", "prosecutor"), *out = NULL;
  if (accounts_user_update(fz.tmpl, &admin, adminId, in, &out, &e)) fuzz_die(e.message);
  json_decref(in);
  json_decref(out);
  s = db_prepare(fz.tmpl, "SELECT login FROM app_user WHERE active = 1 ORDER BY login = 'admin' DESC, id");
  while (db_step(s) == DB_ROW && fz.nUser < FUZZ_MAX_USERS) {
    snprintf(fz.aUser[fz.nUser++].zLogin, sizeof fz.aUser[0].zLogin, "%s", db_col_text(s, 0));
  }
  db_done(s);
  if (fz.nUser == 0 || strcmp(fz.aUser[0].zLogin, "admin") != 0) fuzz_die("no demo administrator");
  fuzz_login();
  if (fz.trace) {
    Stmt *pc = db_prepare(fz.tmpl, "PRAGMA page_count");
    fprintf(stderr, "fuzz_router: %d demo cases, %lld pages, %d users\n", nCases,
            db_step(pc) == DB_ROW ? (long long)db_col_int(pc, 0) : -1LL, fz.nUser);
    db_done(pc);
  }
  return 0;
}

/* The id of the newest audit row. */
static int64_t fuzz_last_audit(void) {
  Stmt *s = db_prepare(fz.work, "SELECT coalesce(max(id), 0) FROM audit_log");
  int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
  db_done(s);
  return id;
}

/* ---- one request ------------------------------------------------------------------------------------------ */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (time(NULL) - fz.loginAt > FUZZ_RELOGIN_SEC) {
    fuzz_login();
    fz.restored = 0;
  }
  fuzz_restore();

  const uint8_t *nl = memchr(data, '\n', size);
  size_t nLine = nl ? (size_t)(nl - data) : size;
  char *zLine = malloc(nLine + 1);
  memcpy(zLine, data, nLine);
  zLine[nLine] = 0;
  const char *zMethod = zLine;
  char *zTarget = strchr(zLine, ' ');
  static char zRoot[] = "/";
  if (zTarget) *zTarget++ = 0;
  else zTarget = zRoot;
  fz.cur = 0;
  char *zAs = strstr(zTarget, " @");
  if (zAs) {
    *zAs = 0;
    fz.cur = -1;
    for (int i = 0; i < fz.nUser; i++) {
      if (strcmp(fz.aUser[i].zLogin, zAs + 2) == 0) fz.cur = i;
    }
  }

  struct MHD_Connection conn = {.nArg = 0};
  Req *r = calloc(1, sizeof *r);
  r->conn = &conn;
  r->uriTooLong = strlen(zTarget) > SERVER_MAX_URI;
  char *q = strchr(zTarget, '?');
  if (q) *q++ = 0;
  fuzz_parse_query(&conn, q);
  r->zMethod = zMethod;
  r->zPath = zTarget;
  r->status = 200;
  int known = 0;
  r->route = router_match(r, zMethod, zTarget, &known);
  r->maxBody = r->route ? r->route->maxBody : 0;
  if (nl) {
    size_t nBody = size - nLine - 1;
    if (nBody > r->maxBody) r->bodyTooLarge = 1;
    else if (nBody) buf_append(&r->body, nl + 1, nBody);
  }
  r->db = fz.work;
  int64_t auditBefore = fuzz_last_audit();

  router_dispatch(r);

  if (fz.trace) {
    fprintf(stderr, "%d %s %s %.20000s\n", r->status, zMethod, zTarget, r->pStatic ? "(static)" : r->out.z);
  }
  if (db_in_transaction(fz.work)) fuzz_die("transaction left open by the handler");
  if (db_busy_statements(fz.work)) fuzz_die("statement left unreset by the handler");
  if (r->status < 200 || r->status > 599) fuzz_die("reply status out of range");
  /* a refused request writes nothing (sign-in failures are counted, so the session routes are left out) */
  if (r->status >= 400 && strncmp(zTarget, "/api/v1/session", 15) != 0 && fuzz_last_audit() != auditBefore) {
    fprintf(stderr, "fuzz_router: %d for %s %s, but an audit row was written\n", r->status, zMethod, zTarget);
    abort();
  }
  if (r->status == 500 && !fz.allow500) {
    fprintf(stderr, "fuzz_router: 500 for %s %s: %.*s\n", zMethod, zTarget, (int)r->out.n, r->out.z);
    abort();
  }
  if (!r->pStatic) {
    json_t *v = json_loadb(r->out.z ? r->out.z : "", r->out.n, 0, NULL);
    if (!v) fuzz_die("reply is not JSON");
    json_decref(v);
  }

  json_decref(r->in);
  buf_free(&r->body);
  buf_free(&r->out);
  arena_free(&r->arena);
  free(r);
  free(zLine);
  return 0;
}
