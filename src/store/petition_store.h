/* petition_store.h: SQL for the petitions (信访, issue 13): tables petition, petition_person, petition_case,
 * petition_reply, petition_event, petition_setting (schema.c, the petitions migration).
 *
 * Conventions as in suggestion_store.h: every function takes the organisation and matches it; reads return new
 * jansson references (NULL on a database error), writes 0 or -1. Dates are 'YYYY-MM-DD' text; "" in a row is NULL. */
#ifndef JW_PETITION_STORE_H
#define JW_PETITION_STORE_H
#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "store/store_util.h"

/* Byte sizes: the longest valid value (characters x 4 bytes of UTF-8) and its NUL. */
#define PET_NAME_CHARS    50
#define PET_ORG_CHARS     100
#define PET_PHONE_CHARS   30
#define PET_ADDRESS_CHARS 200
#define PET_REASON_CHARS  500
#define PET_RECEIPT_CHARS 200
#define PET_MATTER_CHARS  5000
#define PET_CONTENT_CHARS 5000

/* One petition as the use cases read and write it. zMatter and zAttachments (a JSON array as text) are heap strings
 * (petition_row_free). */
typedef struct PetitionRow {
  int64_t id, orgId, receivedBy, firstHandlerId, handlerId, departmentId, repeatOf;
  int64_t acceptDepartmentId, transferAgencyId, caseId;
  int64_t leadLeaderId, leadResponsibleId; /* 领导包案: 0 none */
  char zLeadPlans[80], zLeadOn[11];        /* the plan: a JSON array of codes ("" none) */
  char zChannel[24], zCategory[24], zFunction[24], zState[16], zRiskLevel[8], zUnit[12];
  char zReceivedOn[11], zDispositionOn[11], zClosedOn[11], zSatisfaction[16], zRepeatBasis[16];
  int ceased; /* -1 not recorded, 0 no, 1 息诉罢访 */
  char zRiskReason[PET_REASON_CHARS * 4 + 1];
  char zTransferAgencyName[PET_ORG_CHARS * 4 + 1];
  char zTransferReceipt[PET_RECEIPT_CHARS * 4 + 1];
  char zRejectReason[PET_REASON_CHARS * 4 + 1];
  char *zMatter, *zAttachments;
} PetitionRow;

void petition_row_free(PetitionRow *r);

/* Inserts r (its id ignored): the new id or -1. */
int64_t petition_store_insert(Db *db, const PetitionRow *r, const char *zNow);
/* Loads the petition into *r: 1, 0 when the office has none with that id, -1 on error. */
int petition_store_load(Db *db, int64_t orgId, int64_t id, PetitionRow *r);
/* Writes every column a step changes. 0 or -1. */
int petition_store_update(Db *db, const PetitionRow *r, const char *zNow);

/* One petitioner: a natural person (zName, zIdNumber normalised or NULL) or an organisation (zOrganisation,
 * zCreditCode or NULL, zName its contact). 0 or -1. */
typedef struct PetitionPerson {
  const char *zName, *zOrganisation, *zIdNumber, *zCreditCode, *zPhone, *zAddress;
} PetitionPerson;
int petition_store_person_insert(Db *db, int64_t orgId, int64_t petitionId, const PetitionPerson *p);
/* A linked case (kept once). 0 or -1. */
int petition_store_case_link(Db *db, int64_t orgId, int64_t petitionId, int64_t caseId);
/* A reply (答复). The new id or -1. */
int64_t petition_store_reply_insert(Db *db, int64_t orgId, int64_t petitionId, const char *zKind, const char *zOn,
                                    const char *zChannel, const char *zContent, int64_t userId, const char *zNow);
/* One step of the timeline; data is not consumed. The new id or -1. */
int64_t petition_store_event_insert(Db *db, int64_t orgId, int64_t petitionId, const char *zKind, const char *zOn,
                                    const json_t *data, int64_t userId, const char *zNow);

/* The days of the petition's replies, ascending, into a[0..*pn) (at most max): every reply with procedural != 0,
 * else only the result, progress and follow-up replies. 0 or -1. */
int petition_store_reply_days(Db *db, int64_t orgId, int64_t petitionId, int procedural, int32_t *a, int max, int *pn);

/* The petition as the API shows it: its fields, petitioners ("petitioners"), cases, replies, timeline ("events"),
 * the names of its handlers and departments, and its overdue flag on zToday. NULL when absent or on error (*pFound
 * 0 or 1 tells them apart). */
json_t *petition_store_get(Db *db, int64_t orgId, int64_t id, const char *zToday, int *pFound);

/* The office's earlier petitions of the same petitioner: by ID number (basis "id_number": the same person) or, for
 * a person without one, by name and phone (basis "name_phone": a candidate for a human to confirm), newest first,
 * at most 20, without excludeId. [{petition_id, basis, name, received_on, state, matter}] or NULL on error. */
json_t *petition_store_repeats(Db *db, int64_t orgId, const char *zIdNumber, const char *zName, const char *zPhone,
                               int64_t excludeId);

/* The office's unit of the procedural reply ("days" when never set) into out[12]. 0 or -1. */
int petition_store_unit(Db *db, int64_t orgId, char out[12]);
int petition_store_unit_put(Db *db, int64_t orgId, const char *zUnit, int64_t userId, const char *zNow);

/* 1 when the user belongs to the office (its department into *pDept, 0 none) and is active, 0 not, -1 error. */
int petition_store_user(Db *db, int64_t orgId, int64_t userId, int64_t *pDept);
/* 1 when the user of the office holds the role, 0 not, -1 error. */
int petition_store_user_has_role(Db *db, int64_t orgId, int64_t userId, const char *zRole);
/* The office's first case (the demo's 涉法涉诉 petition goes there): its id, 0 none, -1 error. */
int64_t petition_store_first_case(Db *db, int64_t orgId);
/* 1 when the department is the office's, 0 not, -1 error. */
int petition_store_department(Db *db, int64_t orgId, int64_t departmentId);

/* The office's figures by channel (byCategory 0) or by category (1), and in total, on zToday: {"by", "items":[{key,
 * total, procedural_due, procedural_met, procedural_rate, result_due, result_met, result_rate, repeat, repeat_rate,
 * led, led_closed, lead_resolution_rate}], "total":{...}}. A period counts once it ended (answered, or past its due
 * day); it was met when answered by its due day. The result reply counts only for petitions that owe it (not
 * transferred, not rejected). NULL on error. */
json_t *petition_store_stats(Db *db, int64_t orgId, int byCategory, const char *zToday);

typedef struct PetitionFilter {
  int64_t orgId;
  int64_t handlerId;    /* mine: the first handler or the handler; 0 any */
  int64_t leaderId;     /* 包案 by this leader (not with handlerId); 0 any */
  const char *zState;   /* a state code, "open" (not closed), or NULL */
  const char *zChannel; /* NULL any */
  const char *zCategory;
  const char *zRisk;
  int overdue;        /* 1: a reply period ran out unanswered */
  int repeat;         /* 1: repeat petitions only */
  const char *zQuery; /* part of the matter or a petitioner's name */
  const char *zToday;
  int limit, offset;
  StoreExport *pExport;
} PetitionFilter;
json_t *petition_store_list(Db *db, const PetitionFilter *f);

#endif
