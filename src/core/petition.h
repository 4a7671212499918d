/* petition.h: the pure rules of a petition (信访) at the 12309 检察服务中心 (issue 13; DOMAIN.md 0.2 and 6): its
 * channels, categories, the 12309 center's functions, states, risk levels, reply kinds, satisfaction codes, and the
 * reply periods that 群众信访件件有回复 sets:
 *   - the procedural reply (受理、不予受理、转办 or a request for material): 7 days from receipt, the unit (calendar
 *     days or working days) configurable per office (DOMAIN 6: "7日" / "7个工作日");
 *   - the result or progress reply: 3 months from receipt;
 *   - then a follow-up reply every month until the petition is closed ("3个月未办结每月后续答复").
 * None is custody-bound: a due day on a rest day moves to the next working day (DOMAIN 0.1).
 *
 * States: registered (登记) → accepted (受理, to a department) | transferred (转办 to another body) | rejected
 * (不予受理) | litigation (涉法涉诉: routed into the litigation or supervision track, a case linked) → closed. A
 * petition is closed only after at least one reply; a closed petition takes no step.
 *
 * Pure functions: no I/O, no allocation. */
#ifndef JW_PETITION_H
#define JW_PETITION_H

#include "core/calendar.h"
#include "core/date.h"
#include "core/period.h"

typedef enum { PET_REGISTERED, PET_ACCEPTED, PET_TRANSFERRED, PET_REJECTED, PET_LITIGATION, PET_CLOSED } PetState;

/* The codes, for the API and the store (NULL-terminated). */
extern const char *const pet_channel_codes[];  /* letter visit online hotline video chief_reception outreach */
extern const char *const pet_category_codes[]; /* complaint report criminal_appeal civil_admin_appeal state_compensation
                                                  judicial_aid public_interest legal_advice other */
extern const char *const pet_function_codes[]; /* 12309: complaint_intake public_interest dispute_resolution
                                                  market_service juvenile business_management legal_education
                                                  women_children */
extern const char *const pet_state_codes[];    /* PetState order */
extern const char *const pet_risk_codes[];     /* low medium high */
extern const char *const pet_reply_kinds[];    /* procedural result progress followup */
extern const char *const pet_reply_channels[]; /* written phone in_person online sms */
extern const char *const pet_satisfaction_codes[]; /* satisfied basic unsatisfied unknown */
extern const char *const pet_units[];              /* days workdays */

/* The Chinese label of a code of one of the lists above ("来访"), or the code itself when unknown. */
const char *pet_label(const char *const *aCodes, const char *zCode);

/* 1 when z is one of the NULL-terminated list a. */
int pet_code_in(const char *const *a, const char *z);
int pet_state_parse(const char *z, PetState *out); /* 0, or -1 for an unknown code */

/* The 12309 function a category belongs to by default (the clerk may choose another). */
const char *pet_default_function(const char *zCategory);

/* The disposition steps and their resulting state: "accept" → accepted, "transfer" → transferred, "reject" →
 * rejected, "litigation" → litigation. 0, or -1 for another code. */
int pet_disposition_state(const char *zKind, PetState *out);

/* NULL when a step of kind zKind may be taken in state st, else the reason in Chinese (the caller answers 409).
 * Kinds: accept transfer reject litigation reply handler risk close, and "plan" / "progress" (领导包案). */
const char *pet_check_state(PetState st, const char *zKind);

/* The procedural reply period (Rules 161; 群众信访件件有回复): 7 in the office's unit (1: working days). */
JwLength pet_procedural_length(int workdays);

/* ---- the reply periods ----------------------------------------------------------------------------------------
 * The periods after the procedural one form a sequence from the receipt day R: period 0 (the result or progress
 * reply) is due R + 3 months; period k >= 1 (the k-th monthly follow-up) starts on R + (2 + k) months (the nominal
 * due day of period k - 1) and is due R + (3 + k) months; due days move off rest days.
 *
 * pet_reply_periods() derives them from the replies (their dates, sorted ascending; procedural replies excluded) and
 * the closing day: a reply on day r answers every period begun before r (period k >= 1 begins the day after R + (2 + k)
 * months) (late when r is after its due day); the first period not answered is open, unless the petition was closed (on
 * day c, answering every period that started on or before c). A period that starts after the last reply (or closing
 * day) is not created, except the one after the last answered period, which runs (the next follow-up). */
#define PET_MAX_PERIODS 117 /* JW_PERIOD_MONTHS_MAX - 3: ten years of monthly follow-ups */
typedef struct PetPeriod {
  int sequence;    /* 0: the result reply; k: the k-th follow-up */
  JwLength length; /* from R: 3 + k months */
  JwDate due;      /* moved off rest days */
  int provisional; /* the calendar of the due day's year is not loaded */
  int open;        /* 1 running; 0 answered on closedOn */
  JwDate closedOn;
} PetPeriod;

/* Fills a[0..*pn) (at most max) for receipt R, nReply reply days aReply (ascending) and the closing day closedOn (0:
 * open). 0, or -1 when a date is out of the calendar's range. */
int pet_reply_periods(const JwCalendar *cal, JwDate received, const JwDate *aReply, int nReply, JwDate closedOn,
                      PetPeriod *a, int max, int *pn);

/* The procedural period's due day. 0, or -1 out of range. */
int pet_procedural_due(const JwCalendar *cal, JwDate received, int workdays, JwDate *pDue, int *pProvisional);

#endif
