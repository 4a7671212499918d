/* api_petitions.c: the 信访 routes (docs/api-petitions.md). Handlers translate HTTP to app/petitions.c; every check
 * happens there. */
#include <stdint.h>
#include <string.h>

#include "app/petitions.h"
#include "core/petition.h"
#include "web/api.h"
#include "web/api_export.h"

static int api_result(Req *r, int rc, int status, json_t *out, const JwErr *e) {
  return rc ? reply_error(r, e) : reply_json(r, status, out);
}

static int bool_param(const char *z, const char *zName, JwErr *e) {
  if (z && strcmp(z, "true") != 0 && strcmp(z, "false") != 0) {
    return err_field(e, zName, "参数 %s 必须是 true 或 false", zName);
  }
  return 0;
}

/* The list's query (an ExportQuery): ?scope=mine|all, lead=mine (the actor's 包案), state (a state or "open"), channel,
 * category, risk, overdue=true, repeat=true, q; the page, or with x every row. */
static int petitions_query(Req *r, StoreExport *x, json_t **out, JwErr *e) {
  int limit = 0, offset = 0;
  const char *zScope = NULL, *zLead = NULL, *zState = NULL, *zChannel = NULL, *zCategory = NULL, *zRisk = NULL,
             *zOverdue = NULL, *zRepeat = NULL, *zQuery = NULL;
  if ((!x && req_paging(r, &limit, &offset, e)) || req_query_str(r, "scope", 16, &zScope, e) ||
      req_query_str(r, "state", 16, &zState, e) || req_query_str(r, "channel", 24, &zChannel, e) ||
      req_query_str(r, "category", 24, &zCategory, e) || req_query_str(r, "risk", 8, &zRisk, e) ||
      req_query_str(r, "overdue", 8, &zOverdue, e) || req_query_str(r, "repeat", 8, &zRepeat, e) ||
      req_query_str(r, "lead", 8, &zLead, e) || req_query_str(r, "q", 100, &zQuery, e)) {
    return -1;
  }
  if (zScope && strcmp(zScope, "mine") != 0 && strcmp(zScope, "all") != 0) {
    return err_field(e, "scope", "参数 scope 必须是 mine 或 all");
  }
  if (zLead && strcmp(zLead, "mine") != 0) return err_field(e, "lead", "参数 lead 只能是 mine（本人包案）");
  PetState st;
  if (zState && strcmp(zState, "open") != 0 && pet_state_parse(zState, &st)) {
    return err_field(e, "state",
                     "参数 state 必须是 open、registered、accepted、transferred、rejected、litigation 或 closed");
  }
  if (zChannel && !pet_code_in(pet_channel_codes, zChannel)) return err_field(e, "channel", "参数 channel 无效");
  if (zCategory && !pet_code_in(pet_category_codes, zCategory)) return err_field(e, "category", "参数 category 无效");
  if (zRisk && !pet_code_in(pet_risk_codes, zRisk)) return err_field(e, "risk", "参数 risk 必须是 low、medium 或 high");
  if (bool_param(zOverdue, "overdue", e) || bool_param(zRepeat, "repeat", e)) return -1;
  PetitionFilter f = {0};
  f.handlerId = zScope && strcmp(zScope, "mine") == 0 ? r->session.actor.userId : 0;
  f.leaderId = zLead && !f.handlerId ? r->session.actor.userId : 0;
  f.zState = zState;
  f.zChannel = zChannel;
  f.zCategory = zCategory;
  f.zRisk = zRisk;
  f.overdue = zOverdue && strcmp(zOverdue, "true") == 0;
  f.repeat = zRepeat && strcmp(zRepeat, "true") == 0;
  f.zQuery = zQuery && *zQuery ? zQuery : NULL;
  f.limit = limit;
  f.offset = offset;
  f.pExport = x;
  return petitions_list(r->db, &r->session.actor, f, out, e);
}

int api_petitions_list(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = petitions_query(r, NULL, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_petitions_export(Req *r) {
  return export_reply(r, &export_petitions, petitions_query);
}

int api_petitions_repeats(Req *r) {
  JwErr e;
  json_t *out = NULL;
  const char *zId = NULL, *zName = NULL, *zPhone = NULL;
  int rc = req_query_str(r, "id_number", 40, &zId, &e) || req_query_str(r, "name", 50, &zName, &e) ||
           req_query_str(r, "phone", 30, &zPhone, &e);
  if (!rc) rc = petitions_repeats(r->db, &r->session.actor, zId, zName, zPhone, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_petitions_stats(Req *r) {
  JwErr e;
  json_t *out = NULL;
  const char *zBy = NULL;
  int rc = req_query_str(r, "by", 16, &zBy, &e);
  if (!rc && zBy && strcmp(zBy, "channel") != 0 && strcmp(zBy, "category") != 0) {
    rc = err_field(&e, "by", "参数 by 必须是 channel（按来源渠道）或 category（按信访类别）");
  }
  if (!rc) rc = petitions_stats(r->db, &r->session.actor, zBy && strcmp(zBy, "category") == 0, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_petitions_settings_get(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = petitions_settings_get(r->db, &r->session.actor, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_petitions_settings_put(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = petitions_settings_put(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_petitions_get(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = petitions_get(r->db, &r->session.actor, r->aPathId[0], &out, &e);
  return api_result(r, rc, 200, out, &e);
}

int api_petitions_create(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = petitions_create(r->db, &r->session.actor, r->in, &out, &e);
  return api_result(r, rc, 201, out, &e);
}

int api_petitions_event(Req *r) {
  JwErr e;
  json_t *out = NULL;
  int rc = petitions_event(r->db, &r->session.actor, r->aPathId[0], r->in, &out, &e);
  return api_result(r, rc, 201, out, &e);
}
