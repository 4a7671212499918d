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
    /* issue 10 (agencies): the administrative bodies a 检察意见 or 检察建议 goes to, and the bodies it is escalated to
     */
    {"market_regulation", "市场监督管理部门"},
    {"natural_resources", "自然资源部门"},
    {"ecology_environment", "生态环境部门"},
    {"taxation", "税务机关"},
    {"emergency_management", "应急管理部门"},
    {"agriculture_rural", "农业农村部门"},
    {"housing_construction", "住房城乡建设部门"},
    {"culture_tourism", "文化和旅游部门"},
    {"health", "卫生健康部门"},
    {"education", "教育部门"},
    {"human_resources", "人力资源社会保障部门"},
    {"transport", "交通运输部门"},
    {"water_resources", "水利部门"},
    {"forestry", "林业部门"},
    {"comprehensive_enforcement", "综合行政执法部门"},
    {"township_government", "乡镇人民政府"},
    {"subdistrict_office", "街道办事处"},
    {"county_government", "县（区）人民政府"},
    {"party_committee", "党委"},
    {"people_congress", "人大及其常委会"},
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
    {"监察委员会", "supervision"},
    {"监委", "supervision"},
    {"国家安全", "state_security"},
    {"海警", "coast_guard"},
    {"海关", "customs"},
    {"监狱", "prison"},
    {"检察院", "procuratorate"},
    {"法院", "court"},
    {"公安", "public_security"},
    {"派出所", "public_security"},
    {"交警", "public_security"},
    {"警察", "public_security"},
    /* issue 10 (agencies): the administrative bodies, after migration 8's rules (森林公安局 stays public security);
     * the town's and the county's government last, so that a body of the government is named by its own word */
    {"市场监督管理", "market_regulation"},
    {"自然资源", "natural_resources"},
    {"生态环境", "ecology_environment"},
    {"税务", "taxation"},
    {"应急管理", "emergency_management"},
    {"农业农村", "agriculture_rural"},
    {"住房和城乡建设", "housing_construction"},
    {"住房城乡建设", "housing_construction"},
    {"文化和旅游", "culture_tourism"},
    {"文化广电旅游", "culture_tourism"},
    {"卫生健康", "health"},
    {"教育局", "education"},
    {"人力资源和社会保障", "human_resources"},
    {"人力资源社会保障", "human_resources"},
    {"交通运输", "transport"},
    {"水利", "water_resources"},
    {"林业", "forestry"},
    {"综合行政执法", "comprehensive_enforcement"},
    {"街道办事处", "subdistrict_office"},
    {"人民代表大会", "people_congress"},
    {"中共", "party_committee"},
    {"中国共产党", "party_committee"},
    {"镇人民政府", "township_government"},
    {"乡人民政府", "township_government"},
    {"人民政府", "county_government"},
};

const char *agency_kind_guess(const char *zName) {
  for (size_t i = 0; zName && i < sizeof guess / sizeof guess[0]; i++) {
    if (strstr(zName, guess[i].zWord)) return guess[i].zKind;
  }
  return NULL;
}
