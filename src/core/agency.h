/* agency.h: the kinds of agency: those (移送机关) that send cases to the procuratorate, and (issue 10) the
 * administrative bodies, governments and committees its 检察意见 and 检察建议 go to; and the kind a name implies.
 * Pure data: the office's list of agencies itself is store/agency_store.h's. */
#ifndef JW_AGENCY_H
#define JW_AGENCY_H
#include <stddef.h>

/* An agency's name: at most 100 characters (the registry's and the case form's limit); a buffer that holds one holds
 * 100 characters of 4 bytes each and the NUL, so no name is ever cut mid-character. */
#define AGENCY_NAME_CHARS 100
#define AGENCY_NAME_BYTES (AGENCY_NAME_CHARS * 4 + 1)

typedef struct AgencyKind {
  const char *zCode; /* "public_security" */
  const char *zName; /* 公安机关 */
} AgencyKind;

extern const AgencyKind agency_kinds[];
extern const size_t agency_kinds_count;

/* The kind with that code, or NULL. */
const AgencyKind *agency_kind_by_code(const char *zCode);
/* The kind an agency's name implies (…监察委员会: supervision, …公安局 / …派出所 / …交警大队: public_security, ...),
 * migration 8's rules in the same order, then (issue 10) the administrative bodies' words (…市场监督管理局:
 * market_regulation, …镇人民政府: township_government, ...); NULL when the name says nothing. For the agencies a case
 * registration adds; the registry's form sets the kind itself. */
const char *agency_kind_guess(const char *zName);

#endif
