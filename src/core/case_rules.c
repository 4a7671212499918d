/* case_rules.c: case types, charges, states, legal events and deadlines (see case_rules.h; DOMAIN.md 0.2, 2, 2.1). */
#include "core/case_rules.h"

#include <string.h>

/* ---- case types ------------------------------------------------------------------------------------------- */

static const char *const decisions_arrest[] = {"approve_arrest", "reject_arrest", NULL};
static const char *const decisions_prosecution[] = {"prosecute", "non_prosecution", NULL};
static const char *const decisions_custody[] = {"release", "maintain", NULL};
static const char *const decisions_complaint[] = {"uphold", "revoke", NULL};

#define DAYS(n) \
  { (n), JW_UNIT_DAYS }
#define MONTHS(n) \
  { (n), JW_UNIT_MONTHS }
#define WORKDAYS(n) \
  { (n), JW_UNIT_WORKDAYS }
#define NONE \
  { 0, JW_UNIT_DAYS }

const CaseTypeRule case_types[CASE_TYPE_COUNT] = {
    /* CPL 91(3), Rules 282: 7 days for a detained suspect (custody-bound, no extension); 15 days otherwise, 20 for
     * 重大、复杂 cases. */
    {CASE_ARREST_REVIEW,
     "arrest_review",
     "审查批准逮捕",
     "刑捕",
     {DAYS(7), 0, NONE, 1},
     {DAYS(15), 5, NONE, 1},
     1,
     0,
     2,
     "刑事诉讼法第九十一条、规则第二百八十二条",
     decisions_arrest},
    /* Rules 297: 7 days in custody (+1 to 3 days in 特殊情况, the days the extension names); 15 days otherwise, max 20.
     */
    {CASE_ARREST_DECISION,
     "arrest_decision",
     "审查决定逮捕",
     "刑决捕",
     {DAYS(7), 3, NONE, 0},
     {DAYS(15), 5, NONE, 1},
     1,
     0,
     2,
     "规则第二百九十七条",
     decisions_arrest},
    /* CPL 172(1), Rules 351: 1 month, +15 days once for 重大、复杂; custody-bound when in custody. */
    {CASE_PROSECUTION_REVIEW,
     "prosecution_review",
     "审查起诉",
     "刑诉",
     {MONTHS(1), 15, NONE, 1},
     {MONTHS(1), 15, NONE, 1},
     1,
     1,
     5,
     "刑事诉讼法第一百七十二条",
     decisions_prosecution},
    /* 羁押必要性审查: 10 working days under the 2016 试行 rules ([M]: the 2023 规定 may differ); no extension modelled.
     */
    {CASE_CUSTODY_NECESSITY,
     "custody_necessity",
     "羁押必要性审查",
     "刑羁",
     {WORKDAYS(10), 0, NONE, 0},
     {WORKDAYS(10), 0, NONE, 0},
     0,
     0,
     3,
     "羁押必要性审查规定（试行）",
     decisions_custody},
    /* Rules 386: 复查 within 3 months; complex cases at most 6 months. */
    {CASE_COMPLAINT_REVIEW,
     "complaint_review",
     "不起诉申诉复查",
     "刑申",
     {MONTHS(3), 0, MONTHS(6), 1},
     {MONTHS(3), 0, MONTHS(6), 1},
     0,
     0,
     10,
     "规则第三百八十六条",
     decisions_complaint},
};

const CaseTypeRule *case_type_by_code(const char *zCode) {
  for (int i = 0; zCode && i < CASE_TYPE_COUNT; i++) {
    if (strcmp(case_types[i].zCode, zCode) == 0) return &case_types[i];
  }
  return NULL;
}

int case_decision_allowed(const CaseTypeRule *t, const char *zDecision) {
  for (const char *const *p = t->azDecisions; zDecision && *p; p++) {
    if (strcmp(*p, zDecision) == 0) return 1;
  }
  return 0;
}

/* ---- charges ---------------------------------------------------------------------------------------------- */

/* The complete list of charge names (罪名) of the Criminal Law (刑法), in the order of its 分则, chapter by chapter:
 * 483 charges, as worded by the 两高 罪名 provisions: 最高人民法院《关于执行〈中华人民共和国刑法〉确定罪名的规定》
 * (法释〔1997〕9号) and 最高人民检察院《关于适用刑法分则规定的犯罪的罪名的意见》 (高检发释字〔1997〕3号), with
 * their joint supplements 补充规定 (一) to (七); the seventh (法释〔2021〕2号, for 刑法修正案（十一）, in force
 * 2021-03-01) brought the count to 483 (17 new, 2 pairs merged into 危害珍贵、濒危野生动物罪 and
 * 危害国家重点保护植物罪). 刑法修正案（十二）(2023, in force 2024-03-01) amended articles 164, 165, 166, 169,
 * 387, 390, 391, 392 and 393 without a new article; no supplement of the 两高 followed it (as far as is known here),
 * so the names stand as the seventh supplement left them. 骗购外汇罪 comes from the 1998 decision of the 全国人大常委会
 * on 骗购外汇, not from the Code itself. docs/api-cases.md, "Charges", says the same.
 *
 * Codes: the 55 codes of the first list (English snake_case) are kept as they were, stored data uses them. Every
 * other code is "a<article>[z<n>]_<k>": the first article the charge is under (z<n> for 之n), then its place k
 * (1-based) among the charges of that article in this list, the kept codes counted: 袭警罪 is a277_2 (妨害公务罪 is
 * the first of article 277), 妨害安全驾驶罪 a133z2_1; 骗购外汇罪 is d1998_1. A code, once given, never changes: a
 * charge added to an article later takes the next free k. initials: the pinyin initial of each character of the name
 * (、 and the brackets of （边） and （境） skipped), in the reading of the word (重婚 chz, 会计 kj, 投降 tx). */
const Charge charges[] = {
    /* 第一章 危害国家安全罪 */
    {"a102_1", "背叛国家罪", "刑法第一百零二条", "bpgjz", 1},
    {"a103_1", "分裂国家罪", "刑法第一百零三条第一款", "flgjz", 1},
    {"a103_2", "煽动分裂国家罪", "刑法第一百零三条第二款", "sdflgjz", 1},
    {"a104_1", "武装叛乱、暴乱罪", "刑法第一百零四条", "wzplblz", 1},
    {"a105_1", "颠覆国家政权罪", "刑法第一百零五条第一款", "dfgjzqz", 1},
    {"a105_2", "煽动颠覆国家政权罪", "刑法第一百零五条第二款", "sddfgjzqz", 1},
    {"a107_1", "资助危害国家安全犯罪活动罪", "刑法第一百零七条", "zzwhgjaqfzhdz", 1},
    {"a108_1", "投敌叛变罪", "刑法第一百零八条", "tdpbz", 1},
    {"a109_1", "叛逃罪", "刑法第一百零九条", "ptz", 1},
    {"a110_1", "间谍罪", "刑法第一百一十条", "jdz", 1},
    {"a111_1", "为境外窃取、刺探、收买、非法提供国家秘密、情报罪", "刑法第一百一十一条", "wjwqqctsmfftggjmmqbz", 1},
    {"a112_1", "资敌罪", "刑法第一百一十二条", "zdz", 1},
    /* 第二章 危害公共安全罪 */
    {"arson", "放火罪", "刑法第一百一十四条", "fhz", 2},
    {"a114_2", "决水罪", "刑法第一百一十四条、第一百一十五条第一款", "jsz", 2},
    {"a114_3", "爆炸罪", "刑法第一百一十四条、第一百一十五条第一款", "bzz", 2},
    {"a114_4", "投放危险物质罪", "刑法第一百一十四条、第一百一十五条第一款", "tfwxwzz", 2},
    {"a114_5", "以危险方法危害公共安全罪", "刑法第一百一十四条、第一百一十五条第一款", "ywxffwhggaqz", 2},
    {"negligent_fire", "失火罪", "刑法第一百一十五条第二款", "shz", 2},
    {"a115_2", "过失决水罪", "刑法第一百一十五条第二款", "gsjsz", 2},
    {"a115_3", "过失爆炸罪", "刑法第一百一十五条第二款", "gsbzz", 2},
    {"a115_4", "过失投放危险物质罪", "刑法第一百一十五条第二款", "gstfwxwzz", 2},
    {"a115_5", "过失以危险方法危害公共安全罪", "刑法第一百一十五条第二款", "gsywxffwhggaqz", 2},
    {"a116_1", "破坏交通工具罪", "刑法第一百一十六条、第一百一十九条第一款", "phjtgjz", 2},
    {"a117_1", "破坏交通设施罪", "刑法第一百一十七条、第一百一十九条第一款", "phjtssz", 2},
    {"a118_1", "破坏电力设备罪", "刑法第一百一十八条、第一百一十九条第一款", "phdlsbz", 2},
    {"a118_2", "破坏易燃易爆设备罪", "刑法第一百一十八条、第一百一十九条第一款", "phyrybsbz", 2},
    {"a119_1", "过失损坏交通工具罪", "刑法第一百一十九条第二款", "gsshjtgjz", 2},
    {"a119_2", "过失损坏交通设施罪", "刑法第一百一十九条第二款", "gsshjtssz", 2},
    {"a119_3", "过失损坏电力设备罪", "刑法第一百一十九条第二款", "gsshdlsbz", 2},
    {"a119_4", "过失损坏易燃易爆设备罪", "刑法第一百一十九条第二款", "gsshyrybsbz", 2},
    {"a120_1", "组织、领导、参加恐怖组织罪", "刑法第一百二十条", "zzldcjkbzzz", 2},
    {"a120z1_1", "帮助恐怖活动罪", "刑法第一百二十条之一", "bzkbhdz", 2},
    {"a120z2_1", "准备实施恐怖活动罪", "刑法第一百二十条之二", "zbsskbhdz", 2},
    {"a120z3_1", "宣扬恐怖主义、极端主义、煽动实施恐怖活动罪", "刑法第一百二十条之三", "xykbzyjdzysdsskbhdz", 2},
    {"a120z4_1", "利用极端主义破坏法律实施罪", "刑法第一百二十条之四", "lyjdzyphflssz", 2},
    {"a120z5_1", "强制穿戴宣扬恐怖主义、极端主义服饰、标志罪", "刑法第一百二十条之五", "qzcdxykbzyjdzyfsbzz", 2},
    {"a120z6_1", "非法持有宣扬恐怖主义、极端主义物品罪", "刑法第一百二十条之六", "ffcyxykbzyjdzywpz", 2},
    {"a121_1", "劫持航空器罪", "刑法第一百二十一条", "jchkqz", 2},
    {"a122_1", "劫持船只、汽车罪", "刑法第一百二十二条", "jcczqcz", 2},
    {"a123_1", "暴力危及飞行安全罪", "刑法第一百二十三条", "blwjfxaqz", 2},
    {"a124_1", "破坏广播电视设施、公用电信设施罪", "刑法第一百二十四条第一款", "phgbdsssgydxssz", 2},
    {"a124_2", "过失损坏广播电视设施、公用电信设施罪", "刑法第一百二十四条第二款", "gsshgbdsssgydxssz", 2},
    {"a125_1", "非法制造、买卖、运输、邮寄、储存枪支、弹药、爆炸物罪", "刑法第一百二十五条第一款",
     "ffzzmmysyjccqzdybzwz", 2},
    {"a125_2", "非法制造、买卖、运输、储存危险物质罪", "刑法第一百二十五条第二款", "ffzzmmysccwxwzz", 2},
    {"a126_1", "违规制造、销售枪支罪", "刑法第一百二十六条", "wgzzxsqzz", 2},
    {"a127_1", "盗窃、抢夺枪支、弹药、爆炸物、危险物质罪", "刑法第一百二十七条第一款", "dqqdqzdybzwwxwzz", 2},
    {"a127_2", "抢劫枪支、弹药、爆炸物、危险物质罪", "刑法第一百二十七条第二款", "qjqzdybzwwxwzz", 2},
    {"illegal_firearms", "非法持有、私藏枪支、弹药罪", "刑法第一百二十八条", "ffcyscqzdyz", 2},
    {"a128_2", "非法出租、出借枪支罪", "刑法第一百二十八条第二款、第一百二十八条第三款、第一百二十八条第四款",
     "ffczcjqzz", 2},
    {"a129_1", "丢失枪支不报罪", "刑法第一百二十九条", "dsqzbbz", 2},
    {"a130_1", "非法携带枪支、弹药、管制刀具、危险物品危及公共安全罪", "刑法第一百三十条", "ffxdqzdygzdjwxwpwjggaqz",
     2},
    {"a131_1", "重大飞行事故罪", "刑法第一百三十一条", "zdfxsgz", 2},
    {"a132_1", "铁路运营安全事故罪", "刑法第一百三十二条", "tlyyaqsgz", 2},
    {"traffic_accident", "交通肇事罪", "刑法第一百三十三条", "jtzsz", 2},
    {"dangerous_driving", "危险驾驶罪", "刑法第一百三十三条之一", "wxjsz", 2},
    {"a133z2_1", "妨害安全驾驶罪", "刑法第一百三十三条之二", "fhaqjsz", 2},
    {"major_liability_accident", "重大责任事故罪", "刑法第一百三十四条", "zdzrsgz", 2},
    {"a134_2", "强令、组织他人违章冒险作业罪", "刑法第一百三十四条第二款", "qlzztrwzmxzyz", 2},
    {"a134z1_1", "危险作业罪", "刑法第一百三十四条之一", "wxzyz", 2},
    {"a135_1", "重大劳动安全事故罪", "刑法第一百三十五条", "zdldaqsgz", 2},
    {"a135z1_1", "大型群众性活动重大安全事故罪", "刑法第一百三十五条之一", "dxqzxhdzdaqsgz", 2},
    {"a136_1", "危险物品肇事罪", "刑法第一百三十六条", "wxwpzsz", 2},
    {"a137_1", "工程重大安全事故罪", "刑法第一百三十七条", "gczdaqsgz", 2},
    {"a138_1", "教育设施重大安全事故罪", "刑法第一百三十八条", "jysszdaqsgz", 2},
    {"a139_1", "消防责任事故罪", "刑法第一百三十九条", "xfzrsgz", 2},
    {"a139z1_1", "不报、谎报安全事故罪", "刑法第一百三十九条之一", "bbhbaqsgz", 2},
    /* 第三章 破坏社会主义市场经济秩序罪 */
    {"counterfeit_products", "生产、销售伪劣产品罪", "刑法第一百四十条", "scxswlcpz", 3},
    {"a141_1", "生产、销售、提供假药罪", "刑法第一百四十一条", "scxstgjyz", 3},
    {"a142_1", "生产、销售、提供劣药罪", "刑法第一百四十二条", "scxstglyz", 3},
    {"a142z1_1", "妨害药品管理罪", "刑法第一百四十二条之一", "fhypglz", 3},
    {"a143_1", "生产、销售不符合安全标准的食品罪", "刑法第一百四十三条", "scxsbfhaqbzdspz", 3},
    {"toxic_food", "生产、销售有毒、有害食品罪", "刑法第一百四十四条", "scxsydyhspz", 3},
    {"a145_1", "生产、销售不符合标准的医用器材罪", "刑法第一百四十五条", "scxsbfhbzdyyqcz", 3},
    {"a146_1", "生产、销售不符合安全标准的产品罪", "刑法第一百四十六条", "scxsbfhaqbzdcpz", 3},
    {"a147_1", "生产、销售伪劣农药、兽药、化肥、种子罪", "刑法第一百四十七条", "scxswlnysyhfzzz", 3},
    {"a148_1", "生产、销售不符合卫生标准的化妆品罪", "刑法第一百四十八条", "scxsbfhwsbzdhzpz", 3},
    {"a151_1", "走私武器、弹药罪", "刑法第一百五十一条第一款", "zswqdyz", 3},
    {"a151_2", "走私核材料罪", "刑法第一百五十一条第一款", "zshclz", 3},
    {"a151_3", "走私假币罪", "刑法第一百五十一条第一款", "zsjbz", 3},
    {"a151_4", "走私文物罪", "刑法第一百五十一条第二款", "zswwz", 3},
    {"a151_5", "走私贵重金属罪", "刑法第一百五十一条第二款", "zsgzjsz", 3},
    {"a151_6", "走私珍贵动物、珍贵动物制品罪", "刑法第一百五十一条第二款", "zszgdwzgdwzpz", 3},
    {"a151_7", "走私国家禁止进出口的货物、物品罪", "刑法第一百五十一条第三款", "zsgjjzjckdhwwpz", 3},
    {"a152_1", "走私淫秽物品罪", "刑法第一百五十二条第一款", "zsyhwpz", 3},
    {"a152_2", "走私废物罪", "刑法第一百五十二条第二款、第三百三十九条第三款", "zsfwz", 3},
    {"a153_1", "走私普通货物、物品罪", "刑法第一百五十三条", "zspthwwpz", 3},
    {"a158_1", "虚报注册资本罪", "刑法第一百五十八条", "xbzczbz", 3},
    {"a159_1", "虚假出资、抽逃出资罪", "刑法第一百五十九条", "xjczctczz", 3},
    {"a160_1", "欺诈发行证券罪", "刑法第一百六十条", "qzfxzqz", 3},
    {"a161_1", "违规披露、不披露重要信息罪", "刑法第一百六十一条", "wgplbplzyxxz", 3},
    {"a162_1", "妨害清算罪", "刑法第一百六十二条", "fhqsz", 3},
    {"a162z1_1", "隐匿、故意销毁会计凭证、会计帐簿、财务会计报告罪", "刑法第一百六十二条之一", "yngyxhkjpzkjzbcwkjbgz",
     3},
    {"a162z2_1", "虚假破产罪", "刑法第一百六十二条之二", "xjpcz", 3},
    {"a163_1", "非国家工作人员受贿罪", "刑法第一百六十三条", "fgjgzryshz", 3},
    {"a164_1", "对非国家工作人员行贿罪", "刑法第一百六十四条第一款", "dfgjgzryxhz", 3},
    {"a164_2", "对外国公职人员、国际公共组织官员行贿罪", "刑法第一百六十四条第二款", "dwggzrygjggzzgyxhz", 3},
    {"a165_1", "非法经营同类营业罪", "刑法第一百六十五条", "ffjytlyyz", 3},
    {"a166_1", "为亲友非法牟利罪", "刑法第一百六十六条", "wqyffmlz", 3},
    {"a167_1", "签订、履行合同失职被骗罪", "刑法第一百六十七条", "qdlxhtszbpz", 3},
    {"a168_1", "国有公司、企业、事业单位人员失职罪", "刑法第一百六十八条", "gygsqysydwryszz", 3},
    {"a168_2", "国有公司、企业、事业单位人员滥用职权罪", "刑法第一百六十八条", "gygsqysydwrylyzqz", 3},
    {"a169_1", "徇私舞弊低价折股、出售国有资产罪", "刑法第一百六十九条", "xswbdjzgcsgyzcz", 3},
    {"a169z1_1", "背信损害上市公司利益罪", "刑法第一百六十九条之一", "bxshssgslyz", 3},
    {"a170_1", "伪造货币罪", "刑法第一百七十条", "wzhbz", 3},
    {"a171_1", "出售、购买、运输假币罪", "刑法第一百七十一条第一款", "csgmysjbz", 3},
    {"a171_2", "金融工作人员购买假币、以假币换取货币罪", "刑法第一百七十一条第二款", "jrgzrygmjbyjbhqhbz", 3},
    {"a172_1", "持有、使用假币罪", "刑法第一百七十二条", "cysyjbz", 3},
    {"a173_1", "变造货币罪", "刑法第一百七十三条", "bzhbz", 3},
    {"a174_1", "擅自设立金融机构罪", "刑法第一百七十四条第一款", "szsljrjgz", 3},
    {"a174_2", "伪造、变造、转让金融机构经营许可证、批准文件罪", "刑法第一百七十四条第二款", "wzbzzrjrjgjyxkzpzwjz", 3},
    {"a175_1", "高利转贷罪", "刑法第一百七十五条", "glzdz", 3},
    {"a175z1_1", "骗取贷款、票据承兑、金融票证罪", "刑法第一百七十五条之一", "pqdkpjcdjrpzz", 3},
    {"illegal_deposit_taking", "非法吸收公众存款罪", "刑法第一百七十六条", "ffxsgzckz", 3},
    {"a177_1", "伪造、变造金融票证罪", "刑法第一百七十七条", "wzbzjrpzz", 3},
    {"a177z1_1", "妨害信用卡管理罪", "刑法第一百七十七条之一第一款", "fhxykglz", 3},
    {"a177z1_2", "窃取、收买、非法提供信用卡信息罪", "刑法第一百七十七条之一第二款", "qqsmfftgxykxxz", 3},
    {"a178_1", "伪造、变造国家有价证券罪", "刑法第一百七十八条第一款", "wzbzgjyjzqz", 3},
    {"a178_2", "伪造、变造股票、公司、企业债券罪", "刑法第一百七十八条第二款", "wzbzgpgsqyzqz", 3},
    {"a179_1", "擅自发行股票、公司、企业债券罪", "刑法第一百七十九条", "szfxgpgsqyzqz", 3},
    {"a180_1", "内幕交易、泄露内幕信息罪", "刑法第一百八十条第一款", "nmjyxlnmxxz", 3},
    {"a180_2", "利用未公开信息交易罪", "刑法第一百八十条第四款", "lywgkxxjyz", 3},
    {"a181_1", "编造并传播证券、期货交易虚假信息罪", "刑法第一百八十一条第一款", "bzbcbzqqhjyxjxxz", 3},
    {"a181_2", "诱骗投资者买卖证券、期货合约罪", "刑法第一百八十一条第二款", "yptzzmmzqqhhyz", 3},
    {"a182_1", "操纵证券、期货市场罪", "刑法第一百八十二条", "czzqqhscz", 3},
    {"a185z1_1", "背信运用受托财产罪", "刑法第一百八十五条之一第一款", "bxyystccz", 3},
    {"a185z1_2", "违法运用资金罪", "刑法第一百八十五条之一第二款", "wfyyzjz", 3},
    {"a186_1", "违法发放贷款罪", "刑法第一百八十六条", "wfffdkz", 3},
    {"a187_1", "吸收客户资金不入帐罪", "刑法第一百八十七条", "xskhzjbrzz", 3},
    {"a188_1", "违规出具金融票证罪", "刑法第一百八十八条", "wgcjjrpzz", 3},
    {"a189_1", "对违法票据承兑、付款、保证罪", "刑法第一百八十九条", "dwfpjcdfkbzz", 3},
    {"a190_1", "逃汇罪", "刑法第一百九十条", "thz", 3},
    {"d1998_1", "骗购外汇罪", "全国人民代表大会常务委员会关于惩治骗购外汇、逃汇和非法买卖外汇犯罪的决定第一条", "pgwhz",
     3},
    {"a191_1", "洗钱罪", "刑法第一百九十一条", "xqz", 3},
    {"fundraising_fraud", "集资诈骗罪", "刑法第一百九十二条", "jzzpz", 3},
    {"a193_1", "贷款诈骗罪", "刑法第一百九十三条", "dkzpz", 3},
    {"a194_1", "票据诈骗罪", "刑法第一百九十四条第一款", "pjzpz", 3},
    {"a194_2", "金融凭证诈骗罪", "刑法第一百九十四条第二款", "jrpzzpz", 3},
    {"a195_1", "信用证诈骗罪", "刑法第一百九十五条", "xyzzpz", 3},
    {"credit_card_fraud", "信用卡诈骗罪", "刑法第一百九十六条", "xykzpz", 3},
    {"a197_1", "有价证券诈骗罪", "刑法第一百九十七条", "yjzqzpz", 3},
    {"a198_1", "保险诈骗罪", "刑法第一百九十八条", "bxzpz", 3},
    {"a201_1", "逃税罪", "刑法第二百零一条", "tsz", 3},
    {"a202_1", "抗税罪", "刑法第二百零二条", "ksz", 3},
    {"a203_1", "逃避追缴欠税罪", "刑法第二百零三条", "tbzjqsz", 3},
    {"a204_1", "骗取出口退税罪", "刑法第二百零四条第一款", "pqcktsz", 3},
    {"a205_1", "虚开增值税专用发票、用于骗取出口退税、抵扣税款发票罪", "刑法第二百零五条", "xkzzszyfpyypqcktsdkskfpz",
     3},
    {"a205z1_1", "虚开发票罪", "刑法第二百零五条之一", "xkfpz", 3},
    {"a206_1", "伪造、出售伪造的增值税专用发票罪", "刑法第二百零六条", "wzcswzdzzszyfpz", 3},
    {"a207_1", "非法出售增值税专用发票罪", "刑法第二百零七条", "ffcszzszyfpz", 3},
    {"a208_1", "非法购买增值税专用发票、购买伪造的增值税专用发票罪", "刑法第二百零八条第一款",
     "ffgmzzszyfpgmwzdzzszyfpz", 3},
    {"a209_1", "非法制造、出售非法制造的用于骗取出口退税、抵扣税款发票罪", "刑法第二百零九条第一款",
     "ffzzcsffzzdyypqcktsdkskfpz", 3},
    {"a209_2", "非法制造、出售非法制造的发票罪", "刑法第二百零九条第二款", "ffzzcsffzzdfpz", 3},
    {"a209_3", "非法出售用于骗取出口退税、抵扣税款发票罪", "刑法第二百零九条第三款", "ffcsyypqcktsdkskfpz", 3},
    {"a209_4", "非法出售发票罪", "刑法第二百零九条第四款", "ffcsfpz", 3},
    {"a210z1_1", "持有伪造的发票罪", "刑法第二百一十条之一", "cywzdfpz", 3},
    {"trademark_counterfeiting", "假冒注册商标罪", "刑法第二百一十三条", "jmzcsbz", 3},
    {"a214_1", "销售假冒注册商标的商品罪", "刑法第二百一十四条", "xsjmzcsbdspz", 3},
    {"a215_1", "非法制造、销售非法制造的注册商标标识罪", "刑法第二百一十五条", "ffzzxsffzzdzcsbbsz", 3},
    {"a216_1", "假冒专利罪", "刑法第二百一十六条", "jmzlz", 3},
    {"a217_1", "侵犯著作权罪", "刑法第二百一十七条", "qfzzqz", 3},
    {"a218_1", "销售侵权复制品罪", "刑法第二百一十八条", "xsqqfzpz", 3},
    {"a219_1", "侵犯商业秘密罪", "刑法第二百一十九条", "qfsymmz", 3},
    {"a219z1_1", "为境外窃取、刺探、收买、非法提供商业秘密罪", "刑法第二百一十九条之一", "wjwqqctsmfftgsymmz", 3},
    {"a221_1", "损害商业信誉、商品声誉罪", "刑法第二百二十一条", "shsyxyspsyz", 3},
    {"a222_1", "虚假广告罪", "刑法第二百二十二条", "xjggz", 3},
    {"a223_1", "串通投标罪", "刑法第二百二十三条", "cttbz", 3},
    {"contract_fraud", "合同诈骗罪", "刑法第二百二十四条", "htzpz", 3},
    {"pyramid_selling", "组织、领导传销活动罪", "刑法第二百二十四条之一", "zzldcxhdz", 3},
    {"illegal_business", "非法经营罪", "刑法第二百二十五条", "ffjyz", 3},
    {"a226_1", "强迫交易罪", "刑法第二百二十六条", "qpjyz", 3},
    {"a227_1", "伪造、倒卖伪造的有价票证罪", "刑法第二百二十七条第一款", "wzdmwzdyjpzz", 3},
    {"a227_2", "倒卖车票、船票罪", "刑法第二百二十七条第二款", "dmcpcpz", 3},
    {"a228_1", "非法转让、倒卖土地使用权罪", "刑法第二百二十八条", "ffzrdmtdsyqz", 3},
    {"a229_1", "提供虚假证明文件罪", "刑法第二百二十九条第一款、第二百二十九条第二款", "tgxjzmwjz", 3},
    {"a229_2", "出具证明文件重大失实罪", "刑法第二百二十九条第三款", "cjzmwjzdssz", 3},
    {"a230_1", "逃避商检罪", "刑法第二百三十条", "tbsjz", 3},
    /* 第四章 侵犯公民人身权利、民主权利罪 */
    {"intentional_homicide", "故意杀人罪", "刑法第二百三十二条", "gysrz", 4},
    {"negligent_homicide", "过失致人死亡罪", "刑法第二百三十三条", "gszrswz", 4},
    {"intentional_injury", "故意伤害罪", "刑法第二百三十四条", "gyshz", 4},
    {"a234z1_1", "组织出卖人体器官罪", "刑法第二百三十四条之一第一款", "zzcmrtqgz", 4},
    {"a235_1", "过失致人重伤罪", "刑法第二百三十五条", "gszrzsz", 4},
    {"rape", "强奸罪", "刑法第二百三十六条", "qjz", 4},
    {"a236z1_1", "负有照护职责人员性侵罪", "刑法第二百三十六条之一", "fyzhzzryxqz", 4},
    {"a237_1", "强制猥亵、侮辱罪", "刑法第二百三十七条第一款、第二百三十七条第二款", "qzwxwrz", 4},
    {"a237_2", "猥亵儿童罪", "刑法第二百三十七条第三款", "wxetz", 4},
    {"illegal_detention", "非法拘禁罪", "刑法第二百三十八条", "ffjjz", 4},
    {"a239_1", "绑架罪", "刑法第二百三十九条", "bjz", 4},
    {"a240_1", "拐卖妇女、儿童罪", "刑法第二百四十条", "gmfnetz", 4},
    {"a241_1", "收买被拐卖的妇女、儿童罪", "刑法第二百四十一条第一款", "smbgmdfnetz", 4},
    {"a242_1", "聚众阻碍解救被收买的妇女、儿童罪", "刑法第二百四十二条第二款", "jzzajjbsmdfnetz", 4},
    {"a243_1", "诬告陷害罪", "刑法第二百四十三条", "wgxhz", 4},
    {"a244_1", "强迫劳动罪", "刑法第二百四十四条", "qpldz", 4},
    {"a244z1_1", "雇用童工从事危重劳动罪", "刑法第二百四十四条之一", "gytgcswzldz", 4},
    {"a245_1", "非法搜查罪", "刑法第二百四十五条", "ffscz", 4},
    {"a245_2", "非法侵入住宅罪", "刑法第二百四十五条", "ffqrzzz", 4},
    {"a246_1", "侮辱罪", "刑法第二百四十六条", "wrz", 4},
    {"a246_2", "诽谤罪", "刑法第二百四十六条", "fbz", 4},
    {"a247_1", "刑讯逼供罪", "刑法第二百四十七条", "xxbgz", 4},
    {"a247_2", "暴力取证罪", "刑法第二百四十七条", "blqzz", 4},
    {"a248_1", "虐待被监管人罪", "刑法第二百四十八条", "ndbjgrz", 4},
    {"a249_1", "煽动民族仇恨、民族歧视罪", "刑法第二百四十九条", "sdmzchmzqsz", 4},
    {"a250_1", "出版歧视、侮辱少数民族作品罪", "刑法第二百五十条", "cbqswrssmzzpz", 4},
    {"a251_1", "非法剥夺公民宗教信仰自由罪", "刑法第二百五十一条", "ffbdgmzjxyzyz", 4},
    {"a251_2", "侵犯少数民族风俗习惯罪", "刑法第二百五十一条", "qfssmzfsxgz", 4},
    {"a252_1", "侵犯通信自由罪", "刑法第二百五十二条", "qftxzyz", 4},
    {"a253_1", "私自开拆、隐匿、毁弃邮件、电报罪", "刑法第二百五十三条第一款", "szkcynhqyjdbz", 4},
    {"personal_information", "侵犯公民个人信息罪", "刑法第二百五十三条之一", "qfgmgrxxz", 4},
    {"a254_1", "报复陷害罪", "刑法第二百五十四条", "bfxhz", 4},
    {"a255_1", "打击报复会计、统计人员罪", "刑法第二百五十五条", "djbfkjtjryz", 4},
    {"a256_1", "破坏选举罪", "刑法第二百五十六条", "phxjz", 4},
    {"a257_1", "暴力干涉婚姻自由罪", "刑法第二百五十七条", "blgshyzyz", 4},
    {"a258_1", "重婚罪", "刑法第二百五十八条", "chz", 4},
    {"a259_1", "破坏军婚罪", "刑法第二百五十九条第一款", "phjhz", 4},
    {"a260_1", "虐待罪", "刑法第二百六十条", "ndz", 4},
    {"a260z1_1", "虐待被监护、看护人罪", "刑法第二百六十条之一", "ndbjhkhrz", 4},
    {"a261_1", "遗弃罪", "刑法第二百六十一条", "yqz", 4},
    {"a262_1", "拐骗儿童罪", "刑法第二百六十二条", "gpetz", 4},
    {"a262z1_1", "组织残疾人、儿童乞讨罪", "刑法第二百六十二条之一", "zzcjretqtz", 4},
    {"a262z2_1", "组织未成年人进行违反治安管理活动罪", "刑法第二百六十二条之二", "zzwcnrjxwfzaglhdz", 4},
    /* 第五章 侵犯财产罪 */
    {"robbery", "抢劫罪", "刑法第二百六十三条", "qjz", 5},
    {"theft", "盗窃罪", "刑法第二百六十四条", "dqz", 5},
    {"fraud", "诈骗罪", "刑法第二百六十六条", "zpz", 5},
    {"forcible_seizure", "抢夺罪", "刑法第二百六十七条", "qdz", 5},
    {"a268_1", "聚众哄抢罪", "刑法第二百六十八条", "jzhqz", 5},
    {"a270_1", "侵占罪", "刑法第二百七十条", "qzz", 5},
    {"occupational_embezzlement", "职务侵占罪", "刑法第二百七十一条", "zwqzz", 5},
    {"a272_1", "挪用资金罪", "刑法第二百七十二条第一款", "nyzjz", 5},
    {"a273_1", "挪用特定款物罪", "刑法第二百七十三条", "nytdkwz", 5},
    {"extortion", "敲诈勒索罪", "刑法第二百七十四条", "qzlsz", 5},
    {"intentional_destruction", "故意毁坏财物罪", "刑法第二百七十五条", "gyhhcwz", 5},
    {"a276_1", "破坏生产经营罪", "刑法第二百七十六条", "phscjyz", 5},
    {"refusing_to_pay_wages", "拒不支付劳动报酬罪", "刑法第二百七十六条之一", "jbzfldbcz", 5},
    /* 第六章 妨害社会管理秩序罪 */
    {"obstructing_official_duty", "妨害公务罪", "刑法第二百七十七条", "fhgwz", 6},
    {"a277_2", "袭警罪", "刑法第二百七十七条第五款", "xjz", 6},
    {"a278_1", "煽动暴力抗拒法律实施罪", "刑法第二百七十八条", "sdblkjflssz", 6},
    {"a279_1", "招摇撞骗罪", "刑法第二百七十九条", "zyzpz", 6},
    {"forging_official_documents", "伪造、变造、买卖国家机关公文、证件、印章罪", "刑法第二百八十条",
     "wzbzmmgjjggwzjyzz", 6},
    {"a280_2", "盗窃、抢夺、毁灭国家机关公文、证件、印章罪", "刑法第二百八十条第一款", "dqqdhmgjjggwzjyzz", 6},
    {"a280_3", "伪造公司、企业、事业单位、人民团体印章罪", "刑法第二百八十条第二款", "wzgsqysydwrmttyzz", 6},
    {"a280_4", "伪造、变造、买卖身份证件罪", "刑法第二百八十条第三款", "wzbzmmsfzjz", 6},
    {"a280z1_1", "使用虚假身份证件、盗用身份证件罪", "刑法第二百八十条之一", "syxjsfzjdysfzjz", 6},
    {"a280z2_1", "冒名顶替罪", "刑法第二百八十条之二", "mmdtz", 6},
    {"a281_1", "非法生产、买卖警用装备罪", "刑法第二百八十一条", "ffscmmjyzbz", 6},
    {"a282_1", "非法获取国家秘密罪", "刑法第二百八十二条第一款", "ffhqgjmmz", 6},
    {"a282_2", "非法持有国家绝密、机密文件、资料、物品罪", "刑法第二百八十二条第二款", "ffcygjjmjmwjzlwpz", 6},
    {"a283_1", "非法生产、销售专用间谍器材、窃听、窃照专用器材罪", "刑法第二百八十三条", "ffscxszyjdqcqtqzzyqcz", 6},
    {"a284_1", "非法使用窃听、窃照专用器材罪", "刑法第二百八十四条", "ffsyqtqzzyqcz", 6},
    {"a284z1_1", "组织考试作弊罪", "刑法第二百八十四条之一第一款、第二百八十四条之一第二款", "zzkszbz", 6},
    {"a284z1_2", "非法出售、提供试题、答案罪", "刑法第二百八十四条之一第三款", "ffcstgstdaz", 6},
    {"a284z1_3", "代替考试罪", "刑法第二百八十四条之一第四款", "dtksz", 6},
    {"a285_1", "非法侵入计算机信息系统罪", "刑法第二百八十五条第一款", "ffqrjsjxxxtz", 6},
    {"a285_2", "非法获取计算机信息系统数据、非法控制计算机信息系统罪", "刑法第二百八十五条第二款",
     "ffhqjsjxxxtsjffkzjsjxxxtz", 6},
    {"a285_3", "提供侵入、非法控制计算机信息系统程序、工具罪", "刑法第二百八十五条第三款", "tgqrffkzjsjxxxtcxgjz", 6},
    {"computer_system_sabotage", "破坏计算机信息系统罪", "刑法第二百八十六条", "phjsjxxxtz", 6},
    {"a286z1_1", "拒不履行信息网络安全管理义务罪", "刑法第二百八十六条之一", "jblxxxwlaqglywz", 6},
    {"a287z1_1", "非法利用信息网络罪", "刑法第二百八十七条之一", "fflyxxwlz", 6},
    {"aiding_cybercrime", "帮助信息网络犯罪活动罪", "刑法第二百八十七条之二", "bzxxwlfzhdz", 6},
    {"a288_1", "扰乱无线电通讯管理秩序罪", "刑法第二百八十八条", "rlwxdtxglzxz", 6},
    {"a290_1", "聚众扰乱社会秩序罪", "刑法第二百九十条第一款", "jzrlshzxz", 6},
    {"a290_2", "聚众冲击国家机关罪", "刑法第二百九十条第二款", "jzcjgjjgz", 6},
    {"a290_3", "扰乱国家机关工作秩序罪", "刑法第二百九十条第三款", "rlgjjggzzxz", 6},
    {"a290_4", "组织、资助非法聚集罪", "刑法第二百九十条第四款", "zzzzffjjz", 6},
    {"a291_1", "聚众扰乱公共场所秩序、交通秩序罪", "刑法第二百九十一条", "jzrlggcszxjtzxz", 6},
    {"a291z1_1", "投放虚假危险物质罪", "刑法第二百九十一条之一第一款", "tfxjwxwzz", 6},
    {"a291z1_2", "编造、故意传播虚假恐怖信息罪", "刑法第二百九十一条之一第一款", "bzgycbxjkbxxz", 6},
    {"a291z1_3", "编造、故意传播虚假信息罪", "刑法第二百九十一条之一第二款", "bzgycbxjxxz", 6},
    {"a291z2_1", "高空抛物罪", "刑法第二百九十一条之二", "gkpwz", 6},
    {"affray", "聚众斗殴罪", "刑法第二百九十二条", "jzdoz", 6},
    {"picking_quarrels", "寻衅滋事罪", "刑法第二百九十三条", "xxzsz", 6},
    {"a293z1_1", "催收非法债务罪", "刑法第二百九十三条之一", "csffzwz", 6},
    {"a294_1", "组织、领导、参加黑社会性质组织罪", "刑法第二百九十四条第一款", "zzldcjhshxzzzz", 6},
    {"a294_2", "入境发展黑社会组织罪", "刑法第二百九十四条第二款", "rjfzhshzzz", 6},
    {"a294_3", "包庇、纵容黑社会性质组织罪", "刑法第二百九十四条第三款", "bbzrhshxzzzz", 6},
    {"a295_1", "传授犯罪方法罪", "刑法第二百九十五条", "csfzffz", 6},
    {"a296_1", "非法集会、游行、示威罪", "刑法第二百九十六条", "ffjhyxswz", 6},
    {"a297_1", "非法携带武器、管制刀具、爆炸物参加集会、游行、示威罪", "刑法第二百九十七条", "ffxdwqgzdjbzwcjjhyxswz",
     6},
    {"a298_1", "破坏集会、游行、示威罪", "刑法第二百九十八条", "phjhyxswz", 6},
    {"a299_1", "侮辱国旗、国徽、国歌罪", "刑法第二百九十九条", "wrgqghggz", 6},
    {"a299z1_1", "侵害英雄烈士名誉、荣誉罪", "刑法第二百九十九条之一", "qhyxlsmyryz", 6},
    {"a300_1", "组织、利用会道门、邪教组织、利用迷信破坏法律实施罪", "刑法第三百条第一款", "zzlyhdmxjzzlymxphflssz", 6},
    {"a300_2", "组织、利用会道门、邪教组织、利用迷信致人重伤、死亡罪", "刑法第三百条第二款", "zzlyhdmxjzzlymxzrzsswz",
     6},
    {"a301_1", "聚众淫乱罪", "刑法第三百零一条第一款", "jzylz", 6},
    {"a301_2", "引诱未成年人聚众淫乱罪", "刑法第三百零一条第二款", "yywcnrjzylz", 6},
    {"a302_1", "盗窃、侮辱、故意毁坏尸体、尸骨、骨灰罪", "刑法第三百零二条", "dqwrgyhhstsgghz", 6},
    {"gambling", "赌博罪", "刑法第三百零三条第一款", "dbz", 6},
    {"gambling_den", "开设赌场罪", "刑法第三百零三条第二款", "ksdcz", 6},
    {"a303_3", "组织参与国（境）外赌博罪", "刑法第三百零三条第三款", "zzcygjwdbz", 6},
    {"a304_1", "故意延误投递邮件罪", "刑法第三百零四条", "gyywtdyjz", 6},
    {"perjury", "伪证罪", "刑法第三百零五条", "wzz", 6},
    {"a306_1", "辩护人、诉讼代理人毁灭证据、伪造证据、妨害作证罪", "刑法第三百零六条", "bhrssdlrhmzjwzzjfhzzz", 6},
    {"a307_1", "妨害作证罪", "刑法第三百零七条第一款", "fhzzz", 6},
    {"a307_2", "帮助毁灭、伪造证据罪", "刑法第三百零七条第二款", "bzhmwzzjz", 6},
    {"a307z1_1", "虚假诉讼罪", "刑法第三百零七条之一", "xjssz", 6},
    {"a308_1", "打击报复证人罪", "刑法第三百零八条", "djbfzrz", 6},
    {"a308z1_1", "泄露不应公开的案件信息罪", "刑法第三百零八条之一第一款", "xlbygkdajxxz", 6},
    {"a308z1_2", "披露、报道不应公开的案件信息罪", "刑法第三百零八条之一第三款", "plbdbygkdajxxz", 6},
    {"a309_1", "扰乱法庭秩序罪", "刑法第三百零九条", "rlftzxz", 6},
    {"a310_1", "窝藏、包庇罪", "刑法第三百一十条", "wcbbz", 6},
    {"a311_1", "拒绝提供间谍犯罪、恐怖主义犯罪、极端主义犯罪证据罪", "刑法第三百一十一条", "jjtgjdfzkbzyfzjdzyfzzjz",
     6},
    {"concealing_proceeds", "掩饰、隐瞒犯罪所得、犯罪所得收益罪", "刑法第三百一十二条", "ysymfzsdfzsdsyz", 6},
    {"refusing_judgment", "拒不执行判决、裁定罪", "刑法第三百一十三条", "jbzxpjcdz", 6},
    {"a314_1", "非法处置查封、扣押、冻结的财产罪", "刑法第三百一十四条", "ffczcfkydjdccz", 6},
    {"a315_1", "破坏监管秩序罪", "刑法第三百一十五条", "phjgzxz", 6},
    {"a316_1", "脱逃罪", "刑法第三百一十六条第一款", "ttz", 6},
    {"a316_2", "劫夺被押解人员罪", "刑法第三百一十六条第二款", "jdbyjryz", 6},
    {"a317_1", "组织越狱罪", "刑法第三百一十七条第一款", "zzyyz", 6},
    {"a317_2", "暴动越狱罪", "刑法第三百一十七条第二款", "bdyyz", 6},
    {"a317_3", "聚众持械劫狱罪", "刑法第三百一十七条第二款", "jzcxjyz", 6},
    {"a318_1", "组织他人偷越国（边）境罪", "刑法第三百一十八条", "zztrtygbjz", 6},
    {"a319_1", "骗取出境证件罪", "刑法第三百一十九条", "pqcjzjz", 6},
    {"a320_1", "提供伪造、变造的出入境证件罪", "刑法第三百二十条", "tgwzbzdcrjzjz", 6},
    {"a320_2", "出售出入境证件罪", "刑法第三百二十条", "cscrjzjz", 6},
    {"a321_1", "运送他人偷越国（边）境罪", "刑法第三百二十一条", "ystrtygbjz", 6},
    {"illegal_border_crossing", "偷越国（边）境罪", "刑法第三百二十二条", "tygbjz", 6},
    {"a323_1", "破坏界碑、界桩罪", "刑法第三百二十三条", "phjbjzz", 6},
    {"a323_2", "破坏永久性测量标志罪", "刑法第三百二十三条", "phyjxclbzz", 6},
    {"a324_1", "故意损毁文物罪", "刑法第三百二十四条第一款", "gyshwwz", 6},
    {"a324_2", "故意损毁名胜古迹罪", "刑法第三百二十四条第二款", "gyshmsgjz", 6},
    {"a324_3", "过失损毁文物罪", "刑法第三百二十四条第三款", "gsshwwz", 6},
    {"a325_1", "非法向外国人出售、赠送珍贵文物罪", "刑法第三百二十五条", "ffxwgrcszszgwwz", 6},
    {"a326_1", "倒卖文物罪", "刑法第三百二十六条", "dmwwz", 6},
    {"a327_1", "非法出售、私赠文物藏品罪", "刑法第三百二十七条", "ffcsszwwcpz", 6},
    {"a328_1", "盗掘古文化遗址、古墓葬罪", "刑法第三百二十八条第一款", "djgwhyzgmzz", 6},
    {"a328_2", "盗掘古人类化石、古脊椎动物化石罪", "刑法第三百二十八条第二款", "djgrlhsgjzdwhsz", 6},
    {"a329_1", "抢夺、窃取国有档案罪", "刑法第三百二十九条第一款", "qdqqgydaz", 6},
    {"a329_2", "擅自出卖、转让国有档案罪", "刑法第三百二十九条第二款", "szcmzrgydaz", 6},
    {"a330_1", "妨害传染病防治罪", "刑法第三百三十条", "fhcrbfzz", 6},
    {"a331_1", "传染病菌种、毒种扩散罪", "刑法第三百三十一条", "crbjzdzksz", 6},
    {"a332_1", "妨害国境卫生检疫罪", "刑法第三百三十二条", "fhgjwsjyz", 6},
    {"a333_1", "非法组织卖血罪", "刑法第三百三十三条第一款", "ffzzmxz", 6},
    {"a333_2", "强迫卖血罪", "刑法第三百三十三条第一款", "qpmxz", 6},
    {"a334_1", "非法采集、供应血液、制作、供应血液制品罪", "刑法第三百三十四条第一款", "ffcjgyxyzzgyxyzpz", 6},
    {"a334_2", "采集、供应血液、制作、供应血液制品事故罪", "刑法第三百三十四条第二款", "cjgyxyzzgyxyzpsgz", 6},
    {"a334z1_1", "非法采集人类遗传资源、走私人类遗传资源材料罪", "刑法第三百三十四条之一", "ffcjrlyczyzsrlyczyclz", 6},
    {"a335_1", "医疗事故罪", "刑法第三百三十五条", "ylsgz", 6},
    {"a336_1", "非法行医罪", "刑法第三百三十六条第一款", "ffxyz", 6},
    {"a336_2", "非法进行节育手术罪", "刑法第三百三十六条第二款", "ffjxjyssz", 6},
    {"a336z1_1", "非法植入基因编辑、克隆胚胎罪", "刑法第三百三十六条之一", "ffzrjybjklptz", 6},
    {"a337_1", "妨害动植物防疫、检疫罪", "刑法第三百三十七条", "fhdzwfyjyz", 6},
    {"environmental_pollution", "污染环境罪", "刑法第三百三十八条", "wrhjz", 6},
    {"a339_1", "非法处置进口的固体废物罪", "刑法第三百三十九条第一款", "ffczjkdgtfwz", 6},
    {"a339_2", "擅自进口固体废物罪", "刑法第三百三十九条第二款", "szjkgtfwz", 6},
    {"illegal_fishing", "非法捕捞水产品罪", "刑法第三百四十条", "ffblscpz", 6},
    {"endangered_wildlife", "危害珍贵、濒危野生动物罪", "刑法第三百四十一条第一款", "whzgbwysdwz", 6},
    {"illegal_hunting", "非法狩猎罪", "刑法第三百四十一条第二款", "ffslz", 6},
    {"a341_3", "非法猎捕、收购、运输、出售陆生野生动物罪", "刑法第三百四十一条第三款", "fflbsgyscslsysdwz", 6},
    {"a342_1", "非法占用农用地罪", "刑法第三百四十二条", "ffzynydz", 6},
    {"a342z1_1", "破坏自然保护地罪", "刑法第三百四十二条之一", "phzrbhdz", 6},
    {"illegal_mining", "非法采矿罪", "刑法第三百四十三条", "ffckz", 6},
    {"a343_2", "破坏性采矿罪", "刑法第三百四十三条第二款", "phxckz", 6},
    {"a344_1", "危害国家重点保护植物罪", "刑法第三百四十四条", "whgjzdbhzwz", 6},
    {"a344z1_1", "非法引进、释放、丢弃外来入侵物种罪", "刑法第三百四十四条之一", "ffyjsfdqwlrqwzz", 6},
    {"a345_1", "盗伐林木罪", "刑法第三百四十五条第一款", "dflmz", 6},
    {"illegal_logging", "滥伐林木罪", "刑法第三百四十五条第二款", "lflmz", 6},
    {"a345_3", "非法收购、运输盗伐、滥伐的林木罪", "刑法第三百四十五条第三款", "ffsgysdflfdlmz", 6},
    {"drug_trafficking", "走私、贩卖、运输、制造毒品罪", "刑法第三百四十七条", "zsfmyszzdpz", 6},
    {"illegal_drug_possession", "非法持有毒品罪", "刑法第三百四十八条", "ffcydpz", 6},
    {"a349_1", "包庇毒品犯罪分子罪", "刑法第三百四十九条第一款", "bbdpfzfzz", 6},
    {"a349_2", "窝藏、转移、隐瞒毒品、毒赃罪", "刑法第三百四十九条第一款", "wczyymdpdzz", 6},
    {"a350_1", "非法生产、买卖、运输制毒物品、走私制毒物品罪", "刑法第三百五十条", "ffscmmyszdwpzszdwpz", 6},
    {"a351_1", "非法种植毒品原植物罪", "刑法第三百五十一条", "ffzzdpyzwz", 6},
    {"a352_1", "非法买卖、运输、携带、持有毒品原植物种子、幼苗罪", "刑法第三百五十二条", "ffmmysxdcydpyzwzzymz", 6},
    {"a353_1", "引诱、教唆、欺骗他人吸毒罪", "刑法第三百五十三条第一款", "yyjsqptrxdz", 6},
    {"a353_2", "强迫他人吸毒罪", "刑法第三百五十三条第二款", "qptrxdz", 6},
    {"harboring_drug_use", "容留他人吸毒罪", "刑法第三百五十四条", "rltrxdz", 6},
    {"a355_1", "非法提供麻醉药品、精神药品罪", "刑法第三百五十五条", "fftgmzypjsypz", 6},
    {"a355z1_1", "妨害兴奋剂管理罪", "刑法第三百五十五条之一", "fhxfjglz", 6},
    {"a358_1", "组织卖淫罪", "刑法第三百五十八条第一款", "zzmyz", 6},
    {"a358_2", "强迫卖淫罪", "刑法第三百五十八条第一款", "qpmyz", 6},
    {"a358_3", "协助组织卖淫罪", "刑法第三百五十八条第四款", "xzzzmyz", 6},
    {"harboring_prostitution", "引诱、容留、介绍卖淫罪", "刑法第三百五十九条", "yyrljsmyz", 6},
    {"a359_2", "引诱幼女卖淫罪", "刑法第三百五十九条第二款", "yyynmyz", 6},
    {"a360_1", "传播性病罪", "刑法第三百六十条", "cbxbz", 6},
    {"a363_1", "制作、复制、出版、贩卖、传播淫秽物品牟利罪", "刑法第三百六十三条第一款", "zzfzcbfmcbyhwpmlz", 6},
    {"a363_2", "为他人提供书号出版淫秽书刊罪", "刑法第三百六十三条第二款", "wtrtgshcbyhskz", 6},
    {"a364_1", "传播淫秽物品罪", "刑法第三百六十四条第一款", "cbyhwpz", 6},
    {"a364_2", "组织播放淫秽音像制品罪", "刑法第三百六十四条第二款", "zzbfyhyxzpz", 6},
    {"a365_1", "组织淫秽表演罪", "刑法第三百六十五条", "zzyhbyz", 6},
    /* 第七章 危害国防利益罪 */
    {"a368_1", "阻碍军人执行职务罪", "刑法第三百六十八条第一款", "zajrzxzwz", 7},
    {"a368_2", "阻碍军事行动罪", "刑法第三百六十八条第二款", "zajsxdz", 7},
    {"a369_1", "破坏武器装备、军事设施、军事通信罪", "刑法第三百六十九条第一款", "phwqzbjsssjstxz", 7},
    {"a369_2", "过失损坏武器装备、军事设施、军事通信罪", "刑法第三百六十九条第二款", "gsshwqzbjsssjstxz", 7},
    {"a370_1", "故意提供不合格武器装备、军事设施罪", "刑法第三百七十条第一款", "gytgbhgwqzbjsssz", 7},
    {"a370_2", "过失提供不合格武器装备、军事设施罪", "刑法第三百七十条第二款", "gstgbhgwqzbjsssz", 7},
    {"a371_1", "聚众冲击军事禁区罪", "刑法第三百七十一条第一款", "jzcjjsjqz", 7},
    {"a371_2", "聚众扰乱军事管理区秩序罪", "刑法第三百七十一条第二款", "jzrljsglqzxz", 7},
    {"a372_1", "冒充军人招摇撞骗罪", "刑法第三百七十二条", "mcjrzyzpz", 7},
    {"a373_1", "煽动军人逃离部队罪", "刑法第三百七十三条", "sdjrtlbdz", 7},
    {"a373_2", "雇用逃离部队军人罪", "刑法第三百七十三条", "gytlbdjrz", 7},
    {"a374_1", "接送不合格兵员罪", "刑法第三百七十四条", "jsbhgbyz", 7},
    {"a375_1", "伪造、变造、买卖武装部队公文、证件、印章罪", "刑法第三百七十五条第一款", "wzbzmmwzbdgwzjyzz", 7},
    {"a375_2", "盗窃、抢夺武装部队公文、证件、印章罪", "刑法第三百七十五条第一款", "dqqdwzbdgwzjyzz", 7},
    {"a375_3", "非法生产、买卖武装部队制式服装罪", "刑法第三百七十五条第二款", "ffscmmwzbdzsfzz", 7},
    {"a375_4", "伪造、盗窃、买卖、非法提供、非法使用武装部队专用标志罪", "刑法第三百七十五条第三款",
     "wzdqmmfftgffsywzbdzybzz", 7},
    {"a376_1", "战时拒绝、逃避征召、军事训练罪", "刑法第三百七十六条第一款", "zsjjtbzzjsxlz", 7},
    {"a376_2", "战时拒绝、逃避服役罪", "刑法第三百七十六条第二款", "zsjjtbfyz", 7},
    {"a377_1", "战时故意提供虚假敌情罪", "刑法第三百七十七条", "zsgytgxjdqz", 7},
    {"a378_1", "战时造谣扰乱军心罪", "刑法第三百七十八条", "zszyrljxz", 7},
    {"a379_1", "战时窝藏逃离部队军人罪", "刑法第三百七十九条", "zswctlbdjrz", 7},
    {"a380_1", "战时拒绝、故意延误军事订货罪", "刑法第三百八十条", "zsjjgyywjsdhz", 7},
    {"a381_1", "战时拒绝军事征收、征用罪", "刑法第三百八十一条", "zsjjjszszyz", 7},
    /* 第八章 贪污贿赂罪 */
    {"graft", "贪污罪", "刑法第三百八十二条", "twz", 8},
    {"misappropriating_public_funds", "挪用公款罪", "刑法第三百八十四条", "nygkz", 8},
    {"accepting_bribes", "受贿罪", "刑法第三百八十五条", "shz", 8},
    {"a387_1", "单位受贿罪", "刑法第三百八十七条", "dwshz", 8},
    {"a388z1_1", "利用影响力受贿罪", "刑法第三百八十八条之一", "lyyxlshz", 8},
    {"offering_bribes", "行贿罪", "刑法第三百八十九条", "xhz", 8},
    {"a390z1_1", "对有影响力的人行贿罪", "刑法第三百九十条之一", "dyyxldrxhz", 8},
    {"a391_1", "对单位行贿罪", "刑法第三百九十一条", "ddwxhz", 8},
    {"a392_1", "介绍贿赂罪", "刑法第三百九十二条", "jshlz", 8},
    {"a393_1", "单位行贿罪", "刑法第三百九十三条", "dwxhz", 8},
    {"a395_1", "巨额财产来源不明罪", "刑法第三百九十五条第一款", "jecclybmz", 8},
    {"a395_2", "隐瞒境外存款罪", "刑法第三百九十五条第二款", "ymjwckz", 8},
    {"a396_1", "私分国有资产罪", "刑法第三百九十六条第一款", "sfgyzcz", 8},
    {"a396_2", "私分罚没财物罪", "刑法第三百九十六条第二款", "sffmcwz", 8},
    /* 第九章 渎职罪 */
    {"a397_1", "滥用职权罪", "刑法第三百九十七条", "lyzqz", 9},
    {"a397_2", "玩忽职守罪", "刑法第三百九十七条", "whzsz", 9},
    {"a398_1", "故意泄露国家秘密罪", "刑法第三百九十八条", "gyxlgjmmz", 9},
    {"a398_2", "过失泄露国家秘密罪", "刑法第三百九十八条", "gsxlgjmmz", 9},
    {"a399_1", "徇私枉法罪", "刑法第三百九十九条第一款", "xswfz", 9},
    {"a399_2", "民事、行政枉法裁判罪", "刑法第三百九十九条第二款", "msxzwfcpz", 9},
    {"a399_3", "执行判决、裁定失职罪", "刑法第三百九十九条第三款", "zxpjcdszz", 9},
    {"a399_4", "执行判决、裁定滥用职权罪", "刑法第三百九十九条第三款", "zxpjcdlyzqz", 9},
    {"a399z1_1", "枉法仲裁罪", "刑法第三百九十九条之一", "wfzcz", 9},
    {"a400_1", "私放在押人员罪", "刑法第四百条第一款", "sfzyryz", 9},
    {"a400_2", "失职致使在押人员脱逃罪", "刑法第四百条第二款", "szzszyryttz", 9},
    {"a401_1", "徇私舞弊减刑、假释、暂予监外执行罪", "刑法第四百零一条", "xswbjxjszyjwzxz", 9},
    {"a402_1", "徇私舞弊不移交刑事案件罪", "刑法第四百零二条", "xswbbyjxsajz", 9},
    {"a403_1", "滥用管理公司、证券职权罪", "刑法第四百零三条", "lyglgszqzqz", 9},
    {"a404_1", "徇私舞弊不征、少征税款罪", "刑法第四百零四条", "xswbbzszskz", 9},
    {"a405_1", "徇私舞弊发售发票、抵扣税款、出口退税罪", "刑法第四百零五条第一款", "xswbfsfpdkskcktsz", 9},
    {"a405_2", "违法提供出口退税凭证罪", "刑法第四百零五条第二款", "wftgcktspzz", 9},
    {"a406_1", "国家机关工作人员签订、履行合同失职被骗罪", "刑法第四百零六条", "gjjggzryqdlxhtszbpz", 9},
    {"a407_1", "违法发放林木采伐许可证罪", "刑法第四百零七条", "wffflmcfxkzz", 9},
    {"a408_1", "环境监管失职罪", "刑法第四百零八条", "hjjgszz", 9},
    {"a408z1_1", "食品、药品监管渎职罪", "刑法第四百零八条之一", "spypjgdzz", 9},
    {"a409_1", "传染病防治失职罪", "刑法第四百零九条", "crbfzszz", 9},
    {"a410_1", "非法批准征收、征用、占用土地罪", "刑法第四百一十条", "ffpzzszyzytdz", 9},
    {"a410_2", "非法低价出让国有土地使用权罪", "刑法第四百一十条", "ffdjcrgytdsyqz", 9},
    {"a411_1", "放纵走私罪", "刑法第四百一十一条", "fzzsz", 9},
    {"a412_1", "商检徇私舞弊罪", "刑法第四百一十二条第一款", "sjxswbz", 9},
    {"a412_2", "商检失职罪", "刑法第四百一十二条第二款", "sjszz", 9},
    {"a413_1", "动植物检疫徇私舞弊罪", "刑法第四百一十三条第一款", "dzwjyxswbz", 9},
    {"a413_2", "动植物检疫失职罪", "刑法第四百一十三条第二款", "dzwjyszz", 9},
    {"a414_1", "放纵制售伪劣商品犯罪行为罪", "刑法第四百一十四条", "fzzswlspfzxwz", 9},
    {"a415_1", "办理偷越国（边）境人员出入境证件罪", "刑法第四百一十五条", "bltygbjrycrjzjz", 9},
    {"a415_2", "放行偷越国（边）境人员罪", "刑法第四百一十五条", "fxtygbjryz", 9},
    {"a416_1", "不解救被拐卖、绑架妇女、儿童罪", "刑法第四百一十六条第一款", "bjjbgmbjfnetz", 9},
    {"a416_2", "阻碍解救被拐卖、绑架妇女、儿童罪", "刑法第四百一十六条第二款", "zajjbgmbjfnetz", 9},
    {"a417_1", "帮助犯罪分子逃避处罚罪", "刑法第四百一十七条", "bzfzfztbcfz", 9},
    {"a418_1", "招收公务员、学生徇私舞弊罪", "刑法第四百一十八条", "zsgwyxsxswbz", 9},
    {"a419_1", "失职造成珍贵文物损毁、流失罪", "刑法第四百一十九条", "szzczgwwshlsz", 9},
    /* 第十章 军人违反职责罪 */
    {"a421_1", "战时违抗命令罪", "刑法第四百二十一条", "zswkmlz", 10},
    {"a422_1", "隐瞒、谎报军情罪", "刑法第四百二十二条", "ymhbjqz", 10},
    {"a422_2", "拒传、假传军令罪", "刑法第四百二十二条", "jcjcjlz", 10},
    {"a423_1", "投降罪", "刑法第四百二十三条", "txz", 10},
    {"a424_1", "战时临阵脱逃罪", "刑法第四百二十四条", "zslzttz", 10},
    {"a425_1", "擅离、玩忽军事职守罪", "刑法第四百二十五条", "slwhjszsz", 10},
    {"a426_1", "阻碍执行军事职务罪", "刑法第四百二十六条", "zazxjszwz", 10},
    {"a427_1", "指使部属违反职责罪", "刑法第四百二十七条", "zsbswfzzz", 10},
    {"a428_1", "违令作战消极罪", "刑法第四百二十八条", "wlzzxjz", 10},
    {"a429_1", "拒不救援友邻部队罪", "刑法第四百二十九条", "jbjyylbdz", 10},
    {"a430_1", "军人叛逃罪", "刑法第四百三十条", "jrptz", 10},
    {"a431_1", "非法获取军事秘密罪", "刑法第四百三十一条第一款", "ffhqjsmmz", 10},
    {"a431_2", "为境外窃取、刺探、收买、非法提供军事秘密罪", "刑法第四百三十一条第二款", "wjwqqctsmfftgjsmmz", 10},
    {"a432_1", "故意泄露军事秘密罪", "刑法第四百三十二条", "gyxljsmmz", 10},
    {"a432_2", "过失泄露军事秘密罪", "刑法第四百三十二条", "gsxljsmmz", 10},
    {"a433_1", "战时造谣惑众罪", "刑法第四百三十三条", "zszyhzz", 10},
    {"a434_1", "战时自伤罪", "刑法第四百三十四条", "zszsz", 10},
    {"a435_1", "逃离部队罪", "刑法第四百三十五条", "tlbdz", 10},
    {"a436_1", "武器装备肇事罪", "刑法第四百三十六条", "wqzbzsz", 10},
    {"a437_1", "擅自改变武器装备编配用途罪", "刑法第四百三十七条", "szgbwqzbbpytz", 10},
    {"a438_1", "盗窃、抢夺武器装备、军用物资罪", "刑法第四百三十八条", "dqqdwqzbjywzz", 10},
    {"a439_1", "非法出卖、转让武器装备罪", "刑法第四百三十九条", "ffcmzrwqzbz", 10},
    {"a440_1", "遗弃武器装备罪", "刑法第四百四十条", "yqwqzbz", 10},
    {"a441_1", "遗失武器装备罪", "刑法第四百四十一条", "yswqzbz", 10},
    {"a442_1", "擅自出卖、转让军队房地产罪", "刑法第四百四十二条", "szcmzrjdfdcz", 10},
    {"a443_1", "虐待部属罪", "刑法第四百四十三条", "ndbsz", 10},
    {"a444_1", "遗弃伤病军人罪", "刑法第四百四十四条", "yqsbjrz", 10},
    {"a445_1", "战时拒不救治伤病军人罪", "刑法第四百四十五条", "zsjbjzsbjrz", 10},
    {"a446_1", "战时残害居民、掠夺居民财物罪", "刑法第四百四十六条", "zschjmldjmcwz", 10},
    {"a447_1", "私放俘虏罪", "刑法第四百四十七条", "sfflz", 10},
    {"a448_1", "虐待俘虏罪", "刑法第四百四十八条", "ndflz", 10},
};

const char *const charge_chapters[CHARGE_CHAPTER_COUNT + 1] = {
    "",
    "危害国家安全罪",
    "危害公共安全罪",
    "破坏社会主义市场经济秩序罪",
    "侵犯公民人身权利、民主权利罪",
    "侵犯财产罪",
    "妨害社会管理秩序罪",
    "危害国防利益罪",
    "贪污贿赂罪",
    "渎职罪",
    "军人违反职责罪",
};

const size_t charges_count = sizeof charges / sizeof charges[0];

const Charge *charge_by_code(const char *zCode) {
  for (size_t i = 0; zCode && i < charges_count; i++) {
    if (strcmp(charges[i].zCode, zCode) == 0) return &charges[i];
  }
  return NULL;
}

int charge_matches(const Charge *c, const char *zQuery) {
  if (!zQuery || !*zQuery) return 1;
  if (strstr(c->zName, zQuery)) return 1;
  size_t i = 0;
  for (; zQuery[i]; i++) {
    unsigned char ch = (unsigned char)zQuery[i];
    if (ch >= 'A' && ch <= 'Z') ch = (unsigned char)(ch - 'A' + 'a');
    if (ch < 'a' || ch > 'z' || c->zInitials[i] != (char)ch) return 0;
  }
  return 1;
}

/* ---- enumerations ----------------------------------------------------------------------------------------- */

/* Index of z in the NULL-terminated list a, or -1. */
static int code_index(const char *z, const char *const *a) {
  for (int i = 0; z && a[i]; i++) {
    if (strcmp(a[i], z) == 0) return i;
  }
  return -1;
}

static const char *const custody_codes[] = {"detained", "arrested", "bail", "residential", "released", "none", NULL};
static const char *const sentence_codes[] = {"fine_only", "under_1y", "1_3y", "3_10y", "over_10y", NULL};
static const char *const npt_codes[] = {"statutory", "discretionary", "evidentiary", "conditional", "special", NULL};
static const char *const status_codes[] = {"under_review", "returned", "concluded", "archived", "transferred", NULL};
static const char *const event_codes[] = {
    "assign",       "extend", "return",     "resubmit",        "self_investigation",
    "custody",      "decide", "judgment",   "transfer",        "archive",
    "suspend",      "resume", "assessment", "police_withdraw", "withdraw_prosecution",
    "jurisdiction", NULL};

int custody_is_valid(const char *z) {
  return code_index(z, custody_codes) >= 0;
}
CustodyMeasure custody_measure(const char *z) {
  return !z                              ? MEASURE_OTHER
         : strcmp(z, "bail") == 0        ? MEASURE_BAIL
         : strcmp(z, "residential") == 0 ? MEASURE_RESIDENTIAL
                                         : MEASURE_OTHER;
}

int custody_is_in_custody(const char *z) {
  return code_index(z, custody_codes) == 0 || code_index(z, custody_codes) == 1;
}
int sentence_band_is_valid(const char *z) {
  return code_index(z, sentence_codes) >= 0;
}
int sentence_band_rank(const char *z) {
  return code_index(z, sentence_codes);
}
int non_prosecution_type_is_valid(const char *z) {
  return code_index(z, npt_codes) >= 0;
}
const char *case_status_code(CaseStatus s) {
  return status_codes[s];
}
const char *case_event_code(CaseEventKind k) {
  return event_codes[k];
}
const char *deadline_kind_code(DeadlineKind k) {
  return deadline_kinds[k].zCode; /* DeadlineKind follows the order of deadline_kinds[] */
}

int case_status_parse(const char *z, CaseStatus *out) {
  int i = code_index(z, status_codes);
  if (i < 0) return -1;
  *out = (CaseStatus)i;
  return 0;
}

int case_event_parse(const char *z, CaseEventKind *out) {
  int i = code_index(z, event_codes);
  if (i < 0) return -1;
  *out = (CaseEventKind)i;
  return 0;
}

/* ---- persons ---------------------------------------------------------------------------------------------- */

int case_person_pending(const CasePersonFacts *p) {
  return !p->decidedOn || (p->conditional && !p->finalOn);
}

int case_person_suspended(const CasePersonFacts *p) {
  return p->nStop > 0 && p->aStop[p->nStop - 1].to == 0;
}

int case_person_in_custody_on(const CasePersonFacts *p, JwDate d) {
  return custody_on_day(p->aCustody, p->nCustody, d);
}

/* The person's review period spec: for 审查逮捕 the length is fixed by the custody on receipt (Rules 282, 297: 7
 * days when detained, 15 otherwise); a later custody change never rewrites it. */
static const PeriodSpec *person_spec(const CaseFacts *f, const CasePersonFacts *p) {
  return case_person_in_custody_on(p, f->receivedOn) ? &f->type->inCustody : &f->type->notInCustody;
}

/* Full years of age on day d of a person born on `birth`. */
static int age_on(JwDate birth, JwDate d) {
  int by, bm, bd, y, m, dd;
  date_to_ymd(birth, &by, &bm, &bd);
  date_to_ymd(d, &y, &m, &dd);
  return y - by - (m < bm || (m == bm && dd < bd));
}

/* ---- legal events ----------------------------------------------------------------------------------------- */

/* The extension the current facts allow: the spec of the first pending person whose period can be extended. */
static const PeriodSpec *extendable_spec(const CaseFacts *f) {
  for (int i = 0; i < f->nPersons; i++) {
    const CasePersonFacts *p = &f->aPerson[i];
    if (!case_person_pending(p) || p->conditional) continue;
    const PeriodSpec *sp = person_spec(f, p);
    if (sp->extraDays || sp->extendedTotal.n) return sp;
  }
  return NULL;
}

int case_extension_days_named(const CaseFacts *f) {
  for (int i = 0; i < f->nPersons; i++) {
    const CasePersonFacts *p = &f->aPerson[i];
    if (!case_person_pending(p) || p->conditional) continue;
    const PeriodSpec *sp = person_spec(f, p);
    if (sp->extraDays && !sp->extendNeedsMajor) return sp->extraDays;
  }
  return 0;
}

const char *case_check_event(const CaseFacts *f, CaseEventKind k, JwDate on, const char **pField) {
  *pField = NULL;
  if (f->status == CASE_ARCHIVED && k != EVENT_JUDGMENT && k != EVENT_WITHDRAW_PROSECUTION) {
    return "案件已归档，不能再办理";
  }
  if (f->status == CASE_TRANSFERRED) return "案件已移送管辖，不能再办理";
  *pField = "on";
  if (on < f->receivedOn) return "日期早于案件受理日期";
  int reviewing = f->status == CASE_UNDER_REVIEW;
  int open = reviewing || f->status == CASE_RETURNED;
  switch (k) {
    case EVENT_ASSIGN:
      *pField = "kind";
      if (!open) return "只有审查中的案件可以改派承办人";
      return NULL;
    case EVENT_EXTEND: {
      *pField = "kind";
      if (!reviewing) return "只有审查中的案件可以延长审查期限";
      if (f->summaryProcedure) return "速裁案件不能延长审查期限（刑事诉讼法第一百七十二条）";
      if (f->undecidedPersons <= 0) return "所有犯罪嫌疑人均已作出决定";
      const PeriodSpec *sp = extendable_spec(f);
      if (!sp) return "该类案件在当前羁押状态下没有可延长的期限";
      if (sp->extendNeedsMajor && !f->majorComplex) return "只有重大、复杂案件可以延长审查期限";
      if (f->extended) return "本轮审查期限已经延长过一次";
      if (!f->reviewDue) return "本轮没有正在计算的审查期限（中止审查期间不能延长）";
      *pField = "on";
      if (on < f->clockStart) return "日期早于本轮审查期限的起算日";
      if (on > f->reviewDue) {
        return "审查期限已经届满，不能再延长：延长须在期限届满前决定（刑事诉讼法第一百七十二条、规则第二百九十七条）";
      }
      return NULL;
    }
    case EVENT_RETURN:
      *pField = "kind";
      if (!f->type->allowsReturn) return "该类案件不能退回补充侦查";
      if (!reviewing) return "只有审查中的案件可以退回补充侦查";
      if (f->returns >= CASE_MAX_RETURNS) return "已退回补充侦查两次，不得再次退回（刑事诉讼法第一百七十五条）";
      if (f->undecidedPersons <= 0) return "所有犯罪嫌疑人均已作出决定";
      *pField = "on";
      if (on < f->clockStart) return "日期早于本轮审查期限的起算日";
      return NULL;
    case EVENT_RESUBMIT:
      *pField = "kind";
      if (f->status != CASE_RETURNED) return "案件没有处于退回补充侦查状态";
      *pField = "on";
      if (on < f->returnedOn) return "重新移送日期早于退回日期";
      return NULL;
    case EVENT_SELF_INVESTIGATION:
      *pField = "kind";
      if (!reviewing) return "只有审查中的案件可以自行补充侦查";
      return NULL;
    case EVENT_CUSTODY:
      *pField = "kind";
      if (!open) return "案件已审结，强制措施变更不在本案审查期间记录";
      return NULL;
    case EVENT_DECIDE:
      *pField = "kind";
      if (!reviewing) {
        return f->status == CASE_RETURNED ? "案件退回补充侦查期间不能作出决定" : "案件已审结，不能再作出决定";
      }
      if (f->undecidedPersons <= 0) return "所有犯罪嫌疑人均已作出决定";
      *pField = "on";
      if (on < f->clockStart) return "决定日期早于本轮审查期限的起算日";
      return NULL;
    case EVENT_JUDGMENT:
      *pField = "kind";
      if (f->status != CASE_CONCLUDED && f->status != CASE_ARCHIVED) return "案件尚未审结，不能录入判决";
      if (f->withdrawnOn) return "公安机关已撤案，没有判决";
      *pField = "on";
      if (on < f->concludedOn) return "判决日期早于审结日期";
      return NULL;
    case EVENT_TRANSFER:
      *pField = "kind";
      if (!open) return "已审结的案件不能移送管辖";
      return NULL;
    case EVENT_ARCHIVE:
      *pField = "kind";
      if (f->status != CASE_CONCLUDED) return "只有已审结的案件可以归档";
      *pField = "on";
      if (on < f->concludedOn) return "归档日期早于审结日期";
      return NULL;
    case EVENT_SUSPEND:
    case EVENT_ASSESSMENT:
      *pField = "kind";
      if (!reviewing) return k == EVENT_SUSPEND ? "只有审查中的案件可以中止审查" : "只有审查中的案件可以记录精神病鉴定";
      if (f->undecidedPersons <= 0) return "所有犯罪嫌疑人均已作出决定";
      *pField = "on";
      if (on < f->clockStart) return "日期早于本轮审查期限的起算日";
      return NULL;
    case EVENT_RESUME:
      *pField = "kind";
      if (!reviewing) return "只有审查中的案件可以恢复审查";
      for (int i = 0; i < f->nPersons; i++) {
        if (case_person_suspended(&f->aPerson[i])) return NULL;
      }
      return "没有中止审查的犯罪嫌疑人";
    case EVENT_POLICE_WITHDRAW:
      *pField = "kind";
      if (f->status != CASE_RETURNED) return "只有退回补充侦查后未重新移送的案件可以记录公安机关撤案";
      *pField = "on";
      if (on < f->returnedOn) return "撤案日期早于退回日期";
      return NULL;
    case EVENT_WITHDRAW_PROSECUTION:
      *pField = "kind";
      if (f->status != CASE_CONCLUDED && f->status != CASE_ARCHIVED) return "案件尚未起诉，不能撤回起诉";
      for (int i = 0; i < f->nPersons; i++) {
        const CasePersonFacts *p = &f->aPerson[i];
        if (p->prosecuted && !p->judged && !p->prosecutionWithdrawn) return NULL;
      }
      return "没有已起诉、尚未判决的被告人";
    case EVENT_JURISDICTION:
      *pField = "kind";
      if (!open) return "已审结的案件不能再移送管辖";
      if (f->jurisdictionIssueOn) return "已经记录本案不属于本院管辖";
      return NULL;
    case EVENT_KIND_COUNT:
      break;
  }
  *pField = "kind";
  return "未知的事件类型";
}

const char *case_check_person_event(const CaseFacts *f, const CasePersonFacts *p, CaseEventKind k, JwDate on,
                                    const PersonEventInput *in, const char **pField) {
  *pField = "person_id";
  int probation = p->conditional && !p->finalOn;
  const char *zDecision = in ? in->zDecision : NULL, *zNpt = in ? in->zNpType : NULL;
  switch (k) {
    case EVENT_DECIDE:
      if (case_person_suspended(p)) return "该犯罪嫌疑人处于中止审查状态，请先恢复审查";
      if (probation) {
        /* the final decision after 附条件不起诉 (CPL 284): 起诉 at any time on a violation, 不起诉 once the
         * probation has run */
        int final = zDecision && strcmp(zDecision, "non_prosecution") == 0;
        *pField = "decision";
        if (zDecision && !final && strcmp(zDecision, "prosecute") != 0) {
          return "考验期内或期满后的最终决定只能是不起诉或提起公诉（刑事诉讼法第二百八十四条）";
        }
        if (final && !(zNpt && strcmp(zNpt, "conditional") == 0)) {
          *pField = "non_prosecution_type";
          return "考验期满作出的不起诉决定，类型为附条件不起诉（刑事诉讼法第二百八十四条）";
        }
        *pField = "on";
        if (on < p->decidedOn) return "最终决定日期早于附条件不起诉决定日期";
        if (final && on < date_add_months(p->decidedOn, p->probationMonths)) {
          return "考验期届满前不能作出不起诉的最终决定（刑事诉讼法第二百八十四条）";
        }
        return NULL;
      }
      if (p->decidedOn) return "该犯罪嫌疑人已经作出决定";
      *pField = "on";
      if (on < f->clockStart) return "决定日期早于本轮审查期限的起算日";
      if (zNpt && strcmp(zNpt, "conditional") == 0) {
        *pField = "person_id";
        if (!p->birth)
          return "该犯罪嫌疑人没有公民身份号码，无法核对犯罪时是否未满十八周岁（刑事诉讼法第二百八十二条）";
        *pField = "offence_on";
        if (!in->offenceOn) return "附条件不起诉须填写犯罪日期，以核对犯罪时是否未满十八周岁";
        if (in->offenceOn > on) return "犯罪日期不能晚于决定日期";
        if (age_on(p->birth, in->offenceOn) >= 18) {
          return "附条件不起诉只适用于犯罪时未满十八周岁的未成年人（刑事诉讼法第二百八十二条）";
        }
        *pField = "probation_months";
        if (in->probationMonths < PROBATION_MONTHS_MIN || in->probationMonths > PROBATION_MONTHS_MAX) {
          return "考验期为六个月以上一年以下（刑事诉讼法第二百八十三条）";
        }
      }
      return NULL;
    case EVENT_CUSTODY:
      *pField = "on";
      if (p->nCustody && on < p->aCustody[p->nCustody - 1].on) return "日期早于该犯罪嫌疑人上一次强制措施变更的日期";
      return NULL;
    case EVENT_SUSPEND:
    case EVENT_ASSESSMENT:
      if (!case_person_pending(p) || probation) return "该犯罪嫌疑人已经作出决定";
      if (case_person_suspended(p)) return "该犯罪嫌疑人已经中止审查";
      *pField = "on";
      if (p->nStop && on < p->aStop[p->nStop - 1].to) return "日期早于该犯罪嫌疑人上一次中止或鉴定的结束日期";
      if (p->reviewDue && on > p->reviewDue) return "该犯罪嫌疑人的审查期限已经届满，期限不能再中止或扣除";
      return NULL;
    case EVENT_RESUME:
      if (!case_person_suspended(p)) return "该犯罪嫌疑人没有中止审查";
      *pField = "on";
      if (on < p->aStop[p->nStop - 1].from) return "恢复审查日期早于中止审查日期";
      return NULL;
    case EVENT_JUDGMENT: {
      if (!p->prosecuted) return "只有决定起诉的被告人才能录入判决";
      if (p->prosecutionWithdrawn) return "已撤回起诉，没有判决";
      const char *zInstance = in && in->zInstance ? in->zInstance : "first";
      *pField = "instance";
      if (strcmp(zInstance, "first") == 0) {
        if (p->judged) return "已有一审判决：二审或再审判决请选择审级（二审、再审），不覆盖原判决";
      } else if (strcmp(zInstance, "appeal") == 0 || strcmp(zInstance, "retrial") == 0) {
        if (!p->judged) return "尚无一审判决，不能录入二审或再审判决";
      } else {
        return "审级必须是 first、appeal 或 retrial";
      }
      return NULL;
    }
    case EVENT_WITHDRAW_PROSECUTION:
      if (!p->prosecuted) return "只有已起诉的被告人才能撤回起诉";
      if (p->prosecutionWithdrawn) return "已经撤回起诉";
      if (p->judged) return "已经作出判决，不能撤回起诉（规则第四百二十四条）";
      return NULL;
    default:
      return NULL;
  }
}

/* 1 for the events that are about one person (the UI asks for the person). */
static int event_is_personal(CaseEventKind k) {
  return k == EVENT_CUSTODY || k == EVENT_DECIDE || k == EVENT_JUDGMENT || k == EVENT_SUSPEND || k == EVENT_RESUME ||
         k == EVENT_ASSESSMENT || k == EVENT_WITHDRAW_PROSECUTION;
}

int case_actions(const CaseFacts *f, JwDate today, CaseAction *out) {
  int n = 0;
  for (int k = 0; k < EVENT_KIND_COUNT; k++) {
    const char *zField;
    const char *zWhy = case_check_event(f, (CaseEventKind)k, today, &zField);
    if (!zWhy && event_is_personal((CaseEventKind)k)) {
      const char *zFirst = NULL;
      int any = 0;
      for (int i = 0; i < f->nPersons && !any; i++) {
        const char *z = case_check_person_event(f, &f->aPerson[i], (CaseEventKind)k, today, NULL, &zField);
        if (!z) any = 1;
        else if (!zFirst) zFirst = z;
      }
      if (!any) zWhy = zFirst ? zFirst : "本案没有犯罪嫌疑人";
    }
    out[n++] = (CaseAction){(CaseEventKind)k, zWhy == NULL, zWhy};
  }
  return n;
}

const char *case_summary_ineligible(const CaseFacts *f) {
  if (!f->summaryProcedure) return NULL;
  int over3y = sentence_band_rank("3_10y");
  for (int i = 0; i < f->nPersons; i++) {
    const CasePersonFacts *p = &f->aPerson[i];
    if (!case_person_pending(p)) continue;
    if (!p->plea) return "犯罪嫌疑人不再认罪认罚";
    if (p->sentenceRank >= over3y) return "可能判处的刑罚超过三年有期徒刑";
  }
  return NULL;
}

int case_decision_releases(const char *zDecision) {
  return zDecision && strcmp(zDecision, "non_prosecution") == 0;
}

int case_prompts(const CaseFacts *f, JwDate today, JwDate supplementaryDue, const char **out) {
  int n = 0;
  if (f->status == CASE_RETURNED && supplementaryDue && today > supplementaryDue) {
    out[n++] = "补充侦查期限已届满，公安机关未重新移送：应当要求公安机关说明理由（规则第三百四十七条）";
  }
  if (f->status == CASE_UNDER_REVIEW && f->returns >= CASE_MAX_RETURNS && f->undecidedPersons > 0) {
    out[n++] =
        "已经两次退回补充侦查：仍然认为证据不足、不符合起诉条件的，应当作出不起诉决定（刑事诉讼法第一百七十五条第四款"
        "）";
  }
  if (f->jurisdictionIssueOn && (f->status == CASE_UNDER_REVIEW || f->status == CASE_RETURNED)) {
    out[n++] = "本案不属于本院管辖：应当在五日以内经由案件管理部门移送有管辖权的人民检察院（规则第三百二十八条）";
  }
  for (int i = 0; i < f->nPersons && n < CASE_MAX_PROMPTS; i++) {
    const CasePersonFacts *p = &f->aPerson[i];
    if (p->conditional && !p->finalOn && today >= date_add_months(p->decidedOn, p->probationMonths)) {
      out[n++] = "附条件不起诉考验期已满：应当作出不起诉或起诉的最终决定（刑事诉讼法第二百八十四条）";
      break;
    }
  }
  return n;
}

/* ---- deadlines -------------------------------------------------------------------------------------------- */

/* Fills one deadline from a period clock. Returns -1 when a date is out of range. */
static int case_fill(const JwCalendar *cal, CaseDeadline *d, DeadlineKind kind, long long personId, int seq,
                     const PeriodClock *clock, const char *zWarnKey, int warnDays, const char *zRule, JwDate closedOn) {
  memset(d, 0, sizeof *d);
  d->kind = kind;
  d->personId = personId;
  d->sequence = seq;
  d->startOn = clock->start;
  d->length = clock->length;
  d->extraDays = clock->extraDays;
  d->warnDays = warnDays;
  d->lapses = deadline_kinds[kind].lapses;
  d->zWarnKey = zWarnKey;
  d->zRule = zRule;
  d->open = closedOn == 0;
  d->closedOn = closedOn;
  PeriodDue due;
  if (period_clock_due(cal, clock, &due)) return -1;
  d->stopDays = due.stopDays;
  d->custodyBound = due.custodyBound;
  d->dueOn = due.due;
  d->suspended = due.suspended;
  d->daysLeft = due.daysLeft;
  d->provisional = due.provisional;
  return 0;
}

/* A plain period of a case kind: no custody, no stops. */
static int case_fill_plain(const JwCalendar *cal, CaseDeadline *d, DeadlineKind kind, long long personId, int seq,
                           JwDate start, JwLength len, JwDate closedOn) {
  const DeadlineKindRule *k = &deadline_kinds[kind];
  PeriodClock clock = {start, len, 0, NULL, 0, CUSTODY_NEVER, NULL, 0, closedOn};
  return case_fill(cal, d, kind, personId, seq, &clock, k->zCode, k->warnDays, k->zRule, closedOn);
}

/* The earlier of two closing days (0 = not closed). */
static JwDate earlier(JwDate a, JwDate b) {
  return !a ? b : !b ? a : a < b ? a : b;
}

/* The maximum terms of a person's 取保候审 (12 months) and 监视居住 (6 months), CPL 79: one period per entry of the
 * custody history that starts one of these measures, counted in months from the day it started (DOMAIN 0.1, P5: the
 * same day N months later, month end to month end, clamped to the last day of a shorter month). An entry of the same
 * measure again is a new decision (the next stage deciding it anew: the next office's 取保候审 runs from its own
 * decision [M], 《关于取保候审若干问题的规定》) and starts a new period. A period closes on the day of the next
 * change of the person's custody, on the person's decision (the measure ends or passes to the next stage) or when
 * the case leaves the review (conclusion, withdrawal, transfer), whichever comes first. A person on 取保候审 or
 * 监视居住 is not in custody (在押), so a last day on a rest day rolls over to the next working day (CPL 105). */
static int case_measure_terms(const JwCalendar *cal, const CasePersonFacts *p, JwDate endOfReview, CaseDeadline *out,
                              int *pn) {
  int seq[3] = {0, 0, 0};
  for (int k = 0; k < p->nCustody; k++) {
    const CustodyChange *c = &p->aCustody[k];
    if (c->measure != MEASURE_BAIL && c->measure != MEASURE_RESIDENTIAL) continue;
    int bail = c->measure == MEASURE_BAIL;
    DeadlineKind kind = bail ? DEADLINE_BAIL : DEADLINE_RESIDENTIAL;
    JwDate closed = earlier(k + 1 < p->nCustody ? p->aCustody[k + 1].on : 0, earlier(p->decidedOn, endOfReview));
    if (closed && closed < c->on) closed = c->on; /* recorded after the person left the review: closed at once */
    const DeadlineKindRule *r = &deadline_kinds[kind];
    PeriodClock clock = {
        c->on, {bail ? BAIL_MONTHS : RESIDENTIAL_MONTHS, JW_UNIT_MONTHS}, 0, NULL, 0, CUSTODY_NEVER, NULL, 0, closed};
    if (case_fill(cal, &out[(*pn)++], kind, p->id, ++seq[c->measure], &clock, r->zCode, r->warnDays, r->zRule,
                  closed)) {
      return -1;
    }
  }
  return 0;
}

int case_deadlines(const JwCalendar *cal, const CaseFacts *f, const CaseHistory *h, CaseDeadline *out) {
  int n = 0;
  JwDate endOfReview = f->status == CASE_TRANSFERRED                                 ? h->transferredOn
                       : f->withdrawnOn                                              ? f->withdrawnOn
                       : (f->status == CASE_CONCLUDED || f->status == CASE_ARCHIVED) ? f->concludedOn
                                                                                     : 0;
  /* review rounds: round 0 from receipt; round r from the r-th resubmission; one period per person */
  for (int r = 0; r <= h->nReturns && r <= CASE_MAX_RETURNS; r++) {
    JwDate start = r == 0 ? f->receivedOn : h->aResubmit[r - 1];
    if (!start) break;
    JwDate roundClose = r < h->nReturns ? h->aReturn[r] : endOfReview;
    for (int i = 0; i < f->nPersons; i++) {
      const CasePersonFacts *p = &f->aPerson[i];
      if (p->decidedOn && p->decidedOn < start) continue; /* decided in an earlier round */
      JwDate closed = earlier(roundClose, p->decidedOn);
      const PeriodSpec *sp = person_spec(f, p);
      PeriodClock clock = {start,       sp->base,    0,
                           NULL,        0,           f->type->custodyBound ? CUSTODY_HISTORY : CUSTODY_NEVER,
                           p->aCustody, p->nCustody, closed};
      const char *zRule = f->type->zRule;
      if (f->summaryProcedure && f->type->type == CASE_PROSECUTION_REVIEW) {
        /* 速裁: 10 days, 15 days in total when the likely sentence exceeds one year (CPL 172(1)) */
        clock.length = (JwLength){f->sentenceOverOneYear ? 15 : 10, JW_UNIT_DAYS};
        zRule = "刑事诉讼法第一百七十二条（速裁）";
      } else if (h->aExtendedSet[r]) {
        if (sp->extendedTotal.n) clock.length = sp->extendedTotal;
        else if (!sp->extendNeedsMajor && h->aExtended[r] > 0 && h->aExtended[r] < sp->extraDays) {
          clock.extraDays = h->aExtended[r]; /* Rules 297: the 1 to 3 days the extension named */
        } else clock.extraDays = sp->extraDays;
      }
      /* the person's stops in this round; a stop still open when the period closed ends there */
      ClockStop aStop[CASE_MAX_STOPS];
      int nStop = 0;
      for (int k = 0; k < p->nStop; k++) {
        if (p->aStop[k].from < start || (closed && p->aStop[k].from >= closed)) continue;
        aStop[nStop] = p->aStop[k];
        if (!aStop[nStop].to && closed) aStop[nStop].to = closed;
        nStop++;
      }
      clock.aStop = aStop;
      clock.nStop = nStop;
      if (case_fill(cal, &out[n++], DEADLINE_REVIEW, p->id, r + 1, &clock, f->type->zCode, f->type->warnDays, zRule,
                    closed)) {
        return -1;
      }
    }
  }
  /* the police's month for each return (CPL 175(3)) */
  for (int i = 0; i < h->nReturns && i < CASE_MAX_RETURNS; i++) {
    JwDate closed = h->aResubmit[i] ? h->aResubmit[i] : endOfReview;
    if (case_fill_plain(cal, &out[n++], DEADLINE_SUPPLEMENTARY, 0, i + 1, h->aReturn[i], (JwLength){1, JW_UNIT_MONTHS},
                        closed)) {
      return -1;
    }
  }
  /* 卷宗一月一归档: the file is archived within one month of conclusion */
  if ((f->status == CASE_CONCLUDED || f->status == CASE_ARCHIVED) && f->concludedOn) {
    if (case_fill_plain(cal, &out[n++], DEADLINE_ARCHIVING, 0, 1, f->concludedOn, (JwLength){1, JW_UNIT_MONTHS},
                        f->status == CASE_ARCHIVED ? f->archivedOn : 0)) {
      return -1;
    }
  }
  /* Rules 328: transferred via 案管 within 5 days of finding the case outside the office's jurisdiction */
  if (f->jurisdictionIssueOn) {
    JwDate closed = f->status == CASE_TRANSFERRED ? h->transferredOn : endOfReview;
    if (case_fill_plain(cal, &out[n++], DEADLINE_JURISDICTION, 0, 1, f->jurisdictionIssueOn,
                        (JwLength){JURISDICTION_DAYS, JW_UNIT_DAYS}, closed)) {
      return -1;
    }
  }
  for (int i = 0; i < f->nPersons; i++) {
    if (case_measure_terms(cal, &f->aPerson[i], endOfReview, out, &n)) return -1;
  }
  for (int i = 0; i < f->nPersons; i++) {
    const CasePersonFacts *p = &f->aPerson[i];
    /* 附条件不起诉: the probation of 6 to 12 months from the decision (CPL 283), closed by the final decision */
    if (p->conditional && p->decidedOn) {
      if (case_fill_plain(cal, &out[n++], DEADLINE_PROBATION, p->id, 1, p->decidedOn,
                          (JwLength){p->probationMonths, JW_UNIT_MONTHS}, p->finalOn)) {
        return -1;
      }
    }
    /* a 不起诉 opens the parties' 7 days: the victim's complaint (CPL 180, also against 附条件不起诉, CPL 282(2))
     * and, for 酌定不诉, the person's own (CPL 181); counted from the decision day [M: the day of service] */
    if (p->nonProsecuted && p->decidedOn) {
      JwLength seven = {COMPLAINT_DAYS, JW_UNIT_DAYS};
      if (case_fill_plain(cal, &out[n++], DEADLINE_COMPLAINT_VICTIM, p->id, 1, p->decidedOn, seven, 0)) return -1;
      if (p->discretionary &&
          case_fill_plain(cal, &out[n++], DEADLINE_COMPLAINT_SUSPECT, p->id, 1, p->decidedOn, seven, 0)) {
        return -1;
      }
    }
  }
  return n;
}

void case_facts_set_review_due(CaseFacts *f, CasePersonFacts *aPerson, const CaseHistory *h, const CaseDeadline *a,
                               int n) {
  f->reviewDue = 0;
  for (int k = 0; k < f->nPersons; k++) aPerson[k].reviewDue = 0;
  for (int i = 0; i < n; i++) {
    const CaseDeadline *d = &a[i];
    if (d->kind != DEADLINE_REVIEW || d->sequence != h->nReturns + 1 || !d->open || d->suspended) continue;
    if (!f->reviewDue || d->dueOn < f->reviewDue) f->reviewDue = d->dueOn;
    for (int k = 0; k < f->nPersons; k++) {
      if (aPerson[k].id == d->personId) aPerson[k].reviewDue = d->dueOn;
    }
  }
}

const char *deadline_level(const CaseDeadline *d, JwDate today, int *pDaysLeft) {
  DeadlineState s = {d->open, d->suspended, d->lapses, d->dueOn, d->closedOn, d->warnDays, d->daysLeft};
  return deadline_state_level(&s, today, pDaysLeft);
}
