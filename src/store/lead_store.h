/* lead_store.h: SQL for the data-matching models, runs, leads and candidate pairs (migration 20; core/lead.h). */
#ifndef JW_LEAD_STORE_H
#define JW_LEAD_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "store/store_util.h"

/* Seeds the office's models (core/lead.h lead_model_seeds) that are not there yet. 0 or -1. */
int lead_store_seed_models(Db *db, int64_t orgId, const char *zNow);
/* The office's models, each with its last run: [{id, code, name, rule, params, enabled, updated_at, last_run}]. NULL
 * on a database error. */
json_t *lead_store_models(Db *db, int64_t orgId);

typedef struct LeadModelRow {
  int64_t id;
  char zCode[64];
  char zName[400];
  char zRule[32];
  char *zParams; /* heap */
} LeadModelRow;
/* The model by id (zCode NULL) or by code. 1 found, 0 not, -1 error. */
int lead_store_model_get(Db *db, int64_t orgId, int64_t id, const char *zCode, LeadModelRow *r);
int lead_store_model_set_params(Db *db, int64_t orgId, int64_t id, const char *zParams, int64_t userId,
                                const char *zNow);

/* One row of model (a)'s join: our dangerous_driving person with a decision, their licence record. */
typedef struct LicenceMatch {
  int64_t personId, caseId, licenceId, agencyId;
  const char *zCaseNumber, *zName, *zIdNumber, *zBirthDate, *zDecision, *zNpType, *zDecisionOn, *zJudgmentOn;
  const char *zLicenceNumber, *zClass, *zStatus, *zStatusOn, *zReissuedOn, *zAgencyName, *zFileName, *zTheirName,
      *zTheirId;
  int64_t rowNo;
  int viaCandidate; /* matched through a confirmed name + birth date pair */
} LicenceMatch;
/* Model (a)'s set-based match: one indexed join (persons charged with dangerous_driving who have a decision or a
 * judgment, joined to the licence records on the normalised ID number, plus the pairs a person confirmed), each row
 * handed to xRow (non-zero stops). *pRows the rows seen. 0 or -1. */
int lead_store_match_licence(Db *db, int64_t orgId, int64_t modelId, int (*xRow)(const LicenceMatch *m, void *ctx),
                             void *ctx, int64_t *pRows);
/* The name + birth date pairs of model (a) for persons or records without a valid ID, not yet proposed: inserted as
 * candidates of run runId. *pNew the pairs added. 0 or -1. */
int lead_store_licence_candidates(Db *db, int64_t orgId, int64_t modelId, int64_t runId, const char *zNow,
                                  int64_t *pNew);

/* A lead as a run finds it. */
typedef struct LeadRow {
  int64_t orgId, modelId, personId, caseId, licenceId, penaltyId, agencyId, runId;
  const char *zSubjectKey, *zReason, *zName, *zIdNumber, *zEvidence, *zNow;
} LeadRow;
/* Inserts the lead, or (same model and subject) refreshes it: its last run, and its reason and evidence while it is
 * still new. 0 or -1. */
int lead_store_upsert(Db *db, const LeadRow *r);
/* The office's leads of a model (0: all). -1 on error. */
int64_t lead_store_count(Db *db, int64_t orgId, int64_t modelId);
/* Starts a run row (duration and counts filled by lead_store_run_finish). The new id, or -1. */
int64_t lead_store_run_insert(Db *db, int64_t orgId, int64_t modelId, const char *zTrigger, int64_t userId,
                              const char *zNow, const char *zParams, const char *zInputs);
int lead_store_run_finish(Db *db, int64_t runId, int64_t durationMs, int64_t rows, int64_t found, int64_t added,
                          int64_t candidates);
/* The inputs of a run: the office's import batches of a kind, [{batch_id, file_name, file_hash, source, rows}]. */
json_t *lead_store_inputs(Db *db, int64_t orgId, const char *zKind);
/* A model's runs, newest first (at most 100). */
json_t *lead_store_runs(Db *db, int64_t orgId, int64_t modelId);

typedef struct LeadFilter {
  int64_t orgId;
  int64_t modelId;
  const char *zState;
  const char *zReason;
  int64_t agencyId;
  const char *zQuery;
  int limit, offset;
  StoreExport *pExport;
} LeadFilter;
json_t *lead_store_list(Db *db, const LeadFilter *f);
/* The lead with its evidence; *pFound 0 when not the office's. */
json_t *lead_store_get(Db *db, int64_t orgId, int64_t id, int *pFound);
/* The lead's state, suggestion and agency: 1 found, 0 not, -1 error. */
int lead_store_state(Db *db, int64_t orgId, int64_t id, char zState[16], int64_t *pSuggestionId, int64_t *pAgencyId);
int lead_store_set_state(Db *db, int64_t orgId, int64_t id, const char *zState, const char *zNote, int64_t userId,
                         const char *zNow);
int lead_store_set_suggestion(Db *db, int64_t orgId, int64_t id, int64_t suggestionId, const char *zNow);

/* Candidate pairs. */
json_t *lead_store_candidates(Db *db, int64_t orgId, const char *zState, int limit, int offset);
/* 1 found (zState its state), 0 not, -1 error. */
int lead_store_candidate_state(Db *db, int64_t orgId, int64_t id, char zState[16]);
int lead_store_candidate_decide(Db *db, int64_t orgId, int64_t id, const char *zState, int64_t userId,
                                const char *zNow);
#endif
