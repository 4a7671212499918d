/* demo_agencies.c: the demo office's registry of agencies (issue 10 section 1): the county government with the
 * administrative bodies a 检察意见 or 检察建议 goes to, the 党委, 人大 and 法院, each with a 统一社会信用代码, a
 * contact and its superior; and the police of the 移送机关 list with their codes and superiors. The codes are
 * fictional: the county's division code 331122 and made-up organisation codes, both check characters computed
 * (credit_code_complete()), so they are valid but belong to no real body. */
#include <stdio.h>

#include "app/agencies.h"
#include "app/demo.h"
#include "core/credit_code.h"

typedef struct DemoAgency {
  const char *zName, *zKind, *zBody; /* zBody: the organisation code's 8 body characters */
  const char *zSuperior;             /* the superior's name, earlier in the list (or already on it), or NULL */
  const char *zAddress, *zContact, *zPhone;
} DemoAgency;

static const DemoAgency demo_agencies_list[] = {
    {"缙云县人民政府", "county_government", "00250001", NULL, "缙云县五云街道丽水路1号", "周建明", "0578-3123001"},
    {"中共缙云县委员会", "party_committee", "00250002", NULL, "缙云县五云街道丽水路1号", "吴海东", "0578-3123002"},
    {"缙云县人民代表大会常务委员会", "people_congress", "00250003", NULL, "缙云县五云街道丽水路3号", "陈立新",
     "0578-3123003"},
    {"缙云县人民法院", "court", "00250004", NULL, "缙云县五云街道仙都路18号", "郑文斌", "0578-3123004"},
    {"缙云县市场监督管理局", "market_regulation", "0025000A", "缙云县人民政府", "缙云县五云街道金园路8号", "李晓东",
     "0578-3123010"},
    {"缙云县自然资源和规划局", "natural_resources", "0025000B", "缙云县人民政府", "缙云县五云街道金园路10号", "王春梅",
     "0578-3123011"},
    {"丽水市生态环境局缙云分局", "ecology_environment", "0025000C", "缙云县人民政府", "缙云县五云街道笕川路5号",
     "赵国庆", "0578-3123012"},
    {"国家税务总局缙云县税务局", "taxation", "0025000D", NULL, "缙云县五云街道溶江路2号", "孙丽娟", "0578-3123013"},
    {"缙云县应急管理局", "emergency_management", "0025000E", "缙云县人民政府", "缙云县五云街道金园路12号", "钱永康",
     "0578-3123014"},
    {"缙云县农业农村局", "agriculture_rural", "0025000F", "缙云县人民政府", "缙云县五云街道金园路14号", "冯建平",
     "0578-3123015"},
    {"缙云县住房和城乡建设局", "housing_construction", "0025000G", "缙云县人民政府", "缙云县五云街道金园路16号",
     "何雪梅", "0578-3123016"},
    {"缙云县综合行政执法局", "comprehensive_enforcement", "0025000H", "缙云县人民政府", "缙云县五云街道金园路20号",
     "许宇航", "0578-3123017"},
    {"缙云县壶镇镇人民政府", "township_government", "0025000J", "缙云县人民政府", "缙云县壶镇镇溪滨路1号", "潘红霞",
     "0578-3123020"},
    {"缙云县五云街道办事处", "subdistrict_office", "0025000K", "缙云县人民政府", "缙云县五云街道新建路6号", "蒋浩然",
     "0578-3123021"},
    /* the police already on the 移送机关 list get their code, contact and superior */
    {"缙云县公安局", "public_security", "00250010", "缙云县人民政府", "缙云县五云街道丽水路58号", "刘志强",
     "0578-3123110"},
    {"缙云县公安局交通警察大队", "public_security", "00250011", "缙云县公安局", "缙云县五云街道工业路9号", "黄子豪",
     "0578-3123122"},
    {"缙云县公安局壶镇派出所", "public_security", "00250012", "缙云县公安局", "缙云县壶镇镇解放街12号", "徐小龙",
     "0578-3123130"},
};

int demo_agencies(Db *db, const Actor *admin, int64_t orgId, JwErr *e) {
  for (size_t i = 0; i < sizeof demo_agencies_list / sizeof demo_agencies_list[0]; i++) {
    const DemoAgency *d = &demo_agencies_list[i];
    char z16[17], zCode[19];
    snprintf(z16, sizeof z16, "11331122%s", d->zBody);
    if (credit_code_complete(z16, zCode)) return err_internal(e, "demo agency code");
    int64_t superior = d->zSuperior ? agency_store_id_by_name(db, orgId, d->zSuperior) : 0;
    int64_t existing = agency_store_id_by_name(db, orgId, d->zName);
    if (superior < 0 || existing < 0) return err_internal(e, db_errmsg(db));
    json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "name", d->zName, "kind", d->zKind, "credit_code", zCode,
                           "address", d->zAddress, "contact_person", d->zContact, "phone", d->zPhone);
    if (superior) json_object_set_new(in, "superior_id", json_integer(superior));
    json_t *out = NULL;
    int rc = existing ? agencies_update(db, admin, existing, in, &out, e) : agencies_create(db, admin, in, &out, e);
    json_decref(in);
    json_decref(out);
    if (rc) return -1;
  }
  return 0;
}
