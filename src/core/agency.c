/* agency.c: agency kinds and the kind a name implies (see agency.h). */
#include "core/agency.h"

#include <string.h>

const AgencyKind agency_kinds[] = {
    {"public_security", "公安机关"},
    {"state_security", "国家安全机关"},
    {"supervision", "监察机关"},
    {"procuratorate", "检察机关"},
    {"court", "人民法院"},
    {"prison", "监狱"},
    {"customs", "海关缉私部门"},
    {"coast_guard", "海警机构"},
    {"other", "其他"},
};
const size_t agency_kinds_count = sizeof agency_kinds / sizeof agency_kinds[0];

const AgencyKind *agency_kind_by_code(const char *zCode) {
  for (size_t i = 0; zCode && i < agency_kinds_count; i++) {
    if (strcmp(agency_kinds[i].zCode, zCode) == 0) return &agency_kinds[i];
  }
  return NULL;
}

/* In migration 8's order: the first rule whose word is in the name wins (…公安局监所 is public security, but
 * …监察委员会 is checked before …公安). */
static const struct {
  const char *zWord, *zKind;
} guess[] = {
    {"监察委员会", "supervision"}, {"监委", "supervision"},     {"国家安全", "state_security"},
    {"海警", "coast_guard"},       {"海关", "customs"},         {"监狱", "prison"},
    {"检察院", "procuratorate"},   {"法院", "court"},           {"公安", "public_security"},
    {"派出所", "public_security"}, {"交警", "public_security"}, {"警察", "public_security"},
};

const char *agency_kind_guess(const char *zName) {
  for (size_t i = 0; zName && i < sizeof guess / sizeof guess[0]; i++) {
    if (strstr(zName, guess[i].zWord)) return guess[i].zKind;
  }
  return NULL;
}
