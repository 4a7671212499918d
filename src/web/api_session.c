/* api_session.c: sign in, current session, sign out, own password (docs/api.md, "Session"). */
#include <stdio.h>
#include <string.h>

#include "store/accounts_store.h"
#include "web/api.h"

#define SESSION_COOKIE "jw_session"

/* POST /api/v1/session */
int api_session_login(Req *r) {
  char zToken[AUTH_TOKEN_HEX + 1], zCsrf[AUTH_TOKEN_HEX + 1];
  json_t *user = NULL;
  JwErr e;
  /* the peer address as the server sees it: X-Forwarded-For is not trusted (anyone can send it) */
  if (auth_login(r->db, r->in, req_peer(r), zToken, zCsrf, &user, &e)) return reply_error(r, &e);
  snprintf(r->zSetCookie, sizeof r->zSetCookie, SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d",
           zToken, AUTH_SESSION_SECONDS);
  return reply_json(r, 200, json_pack("{s:o, s:s}", "user", user ? user : json_null(), "csrf_token", zCsrf));
}

/* GET /api/v1/session */
int api_session_get(Req *r) {
  json_t *user = user_store_get(r->db, r->session.actor.orgId, r->session.actor.userId);
  if (!user) return reply_err(r, 401, "unauthenticated", NULL, "请先登录");
  return reply_json(r, 200, json_pack("{s:o, s:s}", "user", user, "csrf_token", r->session.zCsrf));
}

/* DELETE /api/v1/session */
int api_session_logout(Req *r) {
  JwErr e;
  if (auth_logout(r->db, &r->session, &e)) return reply_error(r, &e);
  snprintf(r->zSetCookie, sizeof r->zSetCookie, SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

/* POST /api/v1/session/password */
int api_session_password(Req *r) {
  JwErr e;
  if (auth_change_password(r->db, &r->session, r->in, &e)) return reply_error(r, &e);
  return reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

/* GET /healthz */
int api_health(Req *r) {
  return reply_json(r, 200, json_pack("{s:s, s:s}", "status", "ok", "version", JW_VERSION));
}
