/* petitions.h: the 信访 capability of the 12309 检察服务中心 (issue 13; DOMAIN.md 0.2 and 6; docs/api-petitions.md).
 *
 * A petition is taken in (登记) by channel and category with one or more petitioners (natural persons with a
 * validated ID number, or organisations with a credit code), the matter, its attachments' list and linked cases; the
 * 首办责任人 (first handler) is named at intake and stays on the record; a transfer to another handler in the office is
 * a logged step. It is disposed of once (受理 to a department, 转办 to another body with date and receipt, 不予受理
 * with a reason, 涉法涉诉 routed to a case of the office), answered (replies: date, channel, content, who), and
 * closed (only after a reply) with the petitioner's satisfaction and whether they ceased petitioning (息诉罢访). The
 * risk level (low, medium, high, with its reason) may be reassessed at every step. Repeat petitions of the same
 * person (ID number) are found and linked at intake; the same name and phone are shown as candidates.
 *
 * Its reply periods are deadline rows of entity "petition" (kinds petition_procedural, petition_result,
 * petition_followup; core/petition.h): they show in the deadline views, the home queue and the reminder bell.
 * Every write is one transaction with its timeline event, its deadline rows and its audit row (entity "petition");
 * nothing is written on a refusal. Another office's petition answers 404. */
#ifndef JW_PETITIONS_H
#define JW_PETITIONS_H
#include <jansson.h>

#include "app/audit.h"
#include "lib/err.h"
#include "store/db.h"
#include "store/petition_store.h"

/* POST /petitions: {channel, category, function?, matter, received_on, first_handler_id?, petitioners:[{name?,
 * organisation?, id_number?, credit_code?, phone?, address?}], attachments?:[names], cases?:[{id}], risk_level?,
 * risk_reason?, repeat_of?}. *out the new petition with "repeats" (the earlier petitions of its petitioners). */
int petitions_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
/* The petition with its petitioners, cases, replies, timeline, deadlines, repeats and allowed actions. */
int petitions_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);
/* The office's list (f->orgId and f->zToday are set here). */
int petitions_list(Db *db, const Actor *actor, PetitionFilter f, json_t **out, JwErr *e);
/* POST /petitions/{id}/events {kind: accept|transfer|reject|litigation|reply|handler|risk|close, ...}. */
int petitions_event(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
/* The earlier petitions of a petitioner before intake (GET /petitions/repeats?id_number=&name=&phone=): the ID
 * number is validated (400 naming id_number). {"items":[...]} */
int petitions_repeats(Db *db, const Actor *actor, const char *zIdNumber, const char *zName, const char *zPhone,
                      json_t **out, JwErr *e);
/* The office's figures (GET /petitions/stats?by=channel|category): 7-day reply rate, 3-month reply rate, repeat
 * rate, 包案 resolution rate (petition_store_stats). */
int petitions_stats(Db *db, const Actor *actor, int byCategory, json_t **out, JwErr *e);
/* The office's settings: {"procedural_unit":"days"|"workdays"}; PUT writes them (audited) and applies to petitions
 * taken in afterwards. */
int petitions_settings_get(Db *db, const Actor *actor, json_t **out, JwErr *e);
int petitions_settings_put(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);

#endif
