/* leads.h: the data-matching models and their leads (线索) (issue 12 §3; DOMAIN.md 8; docs/api-leads.md).
 *
 * A model is data (core/lead.h): its parameters are edited by an administrator (audited). A run (on demand from the
 * API or `jianwu match`, or on the server's schedule) matches set-based (store/lead_store.c: one indexed join), asks
 * the model's rule about each joined row, and writes the leads it finds (one per model and subject: a re-run refreshes
 * a lead, never duplicates it), the name + birth date candidate pairs a person must confirm, and the run's record
 * (who, when, the input batches with their file hashes, counts, duration), with its audit row, in one transaction.
 * A person verifies a lead (调查核实: confirmed, or dismissed with a reason); confirmed leads to one agency become one
 * 检察建议 in one step (app/suggestions.h), linked both ways. Another office's lead answers 404. */
#ifndef JW_LEADS_H
#define JW_LEADS_H
#include <jansson.h>

#include "app/audit.h"
#include "lib/err.h"
#include "store/db.h"
#include "store/lead_store.h"

/* GET /match-models: the office's models (seeded on first use) with their last run. */
int leads_models(Db *db, const Actor *actor, json_t **out, JwErr *e);
/* PUT /match-models/{id} {params}: the model's parameters (checked by core/lead.h), audited. */
int leads_model_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
/* Runs the model (by id, or by code when zCode is not NULL); zTrigger manual, schedule or cli. *out the run. */
int leads_run(Db *db, const Actor *actor, int64_t id, const char *zCode, const char *zTrigger, json_t **out, JwErr *e);
/* Runs every enabled model of every office that has imported records (the server's schedule, the demo). 0 or -1. */
int leads_run_all(Db *db, const char *zTrigger, JwErr *e);
int leads_runs(Db *db, const Actor *actor, int64_t modelId, json_t **out, JwErr *e);
/* GET /leads (f.orgId is set here). */
int leads_list(Db *db, const Actor *actor, LeadFilter f, json_t **out, JwErr *e);
int leads_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);
/* POST /leads/{id}/verification {result: confirmed|dismissed, note}: a dismissal needs its reason (note). */
int leads_verify(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
/* POST /lead-suggestions {lead_ids:[...], agency_id, type?}: confirmed leads, not yet in a suggestion, become one
 * draft 类案检察建议 to the agency, linked to each lead (suggestion_link) and each lead to it. *out {suggestion_id}. */
int leads_to_suggestion(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
/* GET /lead-candidates?state=; POST /lead-candidates/{id}/decision {result: confirmed|rejected}. */
int leads_candidates(Db *db, const Actor *actor, const char *zState, int limit, int offset, json_t **out, JwErr *e);
int leads_candidate_decide(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
/* 1 when the lead is the office's and confirmed (a suggestion may link it), 0 when not, -1 on a database error. */
int leads_confirmed_exists(Db *db, int64_t orgId, int64_t id);
#endif
