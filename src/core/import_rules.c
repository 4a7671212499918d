/* import_rules.c: the tables and parsers of import_rules.h. */
#include <stdlib.h>
#include <string.h>

#include "core/import_rules.h"

/* ---- kinds and fields ---- */

static const char *const syn_id[] = {"身份证号", "身份证号码",     "公民身份号码",   "证件号码",     "证件号", "身份证",
                                     "身份号码", "驾驶人身份证号", "当事人身份证号", "身份证明号码", NULL};
static const char *const syn_name[] = {"姓名",     "驾驶人姓名", "驾驶人",       "当事人",     "当事人姓名",
                                       "被处罚人", "名称",       "被处罚人姓名", "当事人名称", NULL};
static const char *const syn_birth[] = {"出生日期", "出生年月日", "出生年月", "生日", NULL};
static const char *const syn_licno[] = {"驾驶证号",       "驾驶证号码", "驾驶证编号", "档案编号",
                                        "驾驶证档案编号", "证号",       NULL};
static const char *const syn_class[] = {"准驾车型", "驾驶证类型", "车型", "准驾车型代号", NULL};
static const char *const syn_status[] = {"状态", "驾驶证状态", "证件状态", "驾驶人状态", NULL};
static const char *const syn_status_on[] = {"状态日期", "状态变更日期", "变更日期", "吊销日期",
                                            "处理日期", "状态更新日期", NULL};
static const char *const syn_reissue[] = {"重新取得日期", "重新申领日期", "重新领证日期", "恢复日期", NULL};
static const char *const syn_lic_agency[] = {"发证机关", "管理机关", "管理部门", "车管所", NULL};
static const char *const syn_credit[] = {"统一社会信用代码", "信用代码", "社会信用代码", NULL};
static const char *const syn_pen_agency[] = {"处罚机关", "作出处罚决定的机关", "执法机关", "决定机关",
                                             "处罚单位", "执法主体",           NULL};
static const char *const syn_pen_type[] = {"处罚种类", "处罚类别", "处罚类型", "处罚结果", NULL};
static const char *const syn_decision[] = {"决定书文号", "处罚决定书文号", "行政处罚决定书文号",
                                           "文号",       "决定文号",       NULL};
static const char *const syn_decided[] = {"处罚决定日期", "决定日期", "处罚日期", "作出处罚决定日期", NULL};
static const char *const syn_amount[] = {"罚款金额", "处罚金额", "金额", "罚没金额", NULL};

static const ImportField licence_fields[] = {
    {"id_number", "公民身份号码", 1, syn_id},       {"name", "姓名", 1, syn_name},
    {"birth_date", "出生日期", 0, syn_birth},       {"licence_number", "驾驶证号", 0, syn_licno},
    {"licence_class", "准驾车型", 0, syn_class},    {"status", "驾驶证状态", 1, syn_status},
    {"status_on", "状态日期", 0, syn_status_on},    {"reissued_on", "重新取得日期", 0, syn_reissue},
    {"agency_name", "发证机关", 0, syn_lic_agency},
};

static const ImportField penalty_fields[] = {
    {"id_number", "公民身份号码", 2, syn_id},
    {"credit_code", "统一社会信用代码", 2, syn_credit},
    {"name", "姓名或名称", 1, syn_name},
    {"birth_date", "出生日期", 0, syn_birth},
    {"agency_name", "处罚机关", 0, syn_pen_agency},
    {"penalty_type", "处罚种类", 1, syn_pen_type},
    {"decision_number", "决定书文号", 1, syn_decision},
    {"decided_on", "处罚决定日期", 1, syn_decided},
    {"amount", "罚款金额（元）", 0, syn_amount},
};

int import_kind(const char *zKind) {
  if (!zKind) return 0;
  if (strcmp(zKind, "licence") == 0) return IMPORT_KIND_LICENCE;
  if (strcmp(zKind, "penalty") == 0) return IMPORT_KIND_PENALTY;
  return 0;
}

const ImportField *import_fields(int kind, int *pn) {
  if (kind == IMPORT_KIND_LICENCE) {
    *pn = (int)(sizeof licence_fields / sizeof licence_fields[0]);
    return licence_fields;
  }
  if (kind == IMPORT_KIND_PENALTY) {
    *pn = (int)(sizeof penalty_fields / sizeof penalty_fields[0]);
    return penalty_fields;
  }
  *pn = 0;
  return NULL;
}

int import_field_index(int kind, const char *zCode) {
  int n;
  const ImportField *a = import_fields(kind, &n);
  for (int i = 0; i < n; i++) {
    if (strcmp(a[i].zCode, zCode) == 0) return i;
  }
  return -1;
}

/* The length of a blank at z (n bytes left): ASCII space, tab, CR, LF (1), NBSP C2 A0 (2), U+3000 E3 80 80 (3),
 * a BOM EF BB BF (3); 0 when z is not a blank. */
static size_t blank_len(const unsigned char *z, size_t n) {
  if (n >= 1 && (z[0] == ' ' || z[0] == '\t' || z[0] == '\r' || z[0] == '\n')) return 1;
  if (n >= 2 && z[0] == 0xC2 && z[1] == 0xA0) return 2;
  if (n >= 3 && z[0] == 0xE3 && z[1] == 0x80 && z[2] == 0x80) return 3;
  if (n >= 3 && z[0] == 0xEF && z[1] == 0xBB && z[2] == 0xBF) return 3;
  return 0;
}

/* Trims blanks at both ends of z[0..*pn); returns the new start. */
static const char *trim(const char *z, size_t *pn) {
  size_t n = *pn, k;
  while (n && (k = blank_len((const unsigned char *)z, n)) > 0) z += k, n -= k;
  for (;;) {
    if (n >= 1 && blank_len((const unsigned char *)z + n - 1, 1) == 1) n--;
    else if (n >= 2 && blank_len((const unsigned char *)z + n - 2, 2) == 2) n -= 2;
    else if (n >= 3 && blank_len((const unsigned char *)z + n - 3, 3) == 3) n -= 3;
    else break;
  }
  *pn = n;
  return z;
}

const char *import_trim(const char *z, size_t *pn) {
  return trim(z, pn);
}

void import_header_key(const char *z, size_t n, char *out, size_t nOut) {
  size_t k = 0;
  if (nOut == 0) return;
  /* a trailing note in parentheses, ASCII or full-width: cut it */
  size_t m = n;
  const char *zT = trim(z, &m);
  if (m >= 1 && zT[m - 1] == ')') {
    const char *p = memchr(zT, '(', m);
    if (p) m = (size_t)(p - zT);
  } else if (m >= 3 && memcmp(zT + m - 3, "\xEF\xBC\x89", 3) == 0) { /* ） */
    for (size_t i = 0; i + 3 <= m; i++) {
      if (memcmp(zT + i, "\xEF\xBC\x88", 3) == 0) { /* （ */
        m = i;
        break;
      }
    }
  }
  for (size_t i = 0; i < m && k + 1 < nOut;) {
    size_t b = blank_len((const unsigned char *)zT + i, m - i);
    if (b) {
      i += b;
      continue;
    }
    char c = zT[i];
    if (c == '*') {
      i++;
      continue;
    }
    out[k++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    i++;
  }
  /* never end inside a character: back up over a cut multi-byte sequence */
  if (k + 1 >= nOut) {
    while (k && ((unsigned char)out[k - 1] & 0xC0) == 0x80) k--;
    if (k && (unsigned char)out[k - 1] >= 0xC0) k--;
  }
  out[k] = 0;
}

void import_propose_mapping(int kind, int nCol, char **azHeader, const size_t *anHeader, int aCol[IMPORT_MAX_FIELDS]) {
  int nField;
  const ImportField *aF = import_fields(kind, &nField);
  for (int f = 0; f < IMPORT_MAX_FIELDS; f++) aCol[f] = -1;
  char used[512] = {0};
  for (int f = 0; f < nField; f++) {
    for (int c = 0; c < nCol && c < 512 && aCol[f] < 0; c++) {
      if (used[c]) continue;
      char zKey[256];
      import_header_key(azHeader[c], anHeader[c], zKey, sizeof zKey);
      if (!zKey[0]) continue;
      int hit = strcmp(zKey, aF[f].zCode) == 0;
      for (int s = 0; !hit && aF[f].azSynonym[s]; s++) hit = strcmp(zKey, aF[f].azSynonym[s]) == 0;
      if (hit) {
        aCol[f] = c;
        used[c] = 1;
      }
    }
  }
}

/* ---- dates ---- */

/* Reads 1..maxDigits digits at *pz (advancing it); -1 when there is none. */
static long read_num(const char **pz, const char *zEnd, int maxDigits) {
  const char *z = *pz;
  long v = 0;
  int k = 0;
  while (z < zEnd && *z >= '0' && *z <= '9' && k < maxDigits) v = v * 10 + (*z++ - '0'), k++;
  if (!k) return -1;
  *pz = z;
  return v;
}

static int eat(const char **pz, const char *zEnd, const char *zLit) {
  size_t n = strlen(zLit);
  if ((size_t)(zEnd - *pz) >= n && memcmp(*pz, zLit, n) == 0) {
    *pz += n;
    return 1;
  }
  return 0;
}

/* A time after the date: " HH:MM[:SS[.fff]]" or "THH:MM..." (nothing else may follow). */
static int time_tail_ok(const char *z, const char *zEnd) {
  if (z == zEnd) return 1;
  if (*z != ' ' && *z != 'T') return 0;
  z++;
  if (read_num(&z, zEnd, 2) < 0 || !eat(&z, zEnd, ":") || read_num(&z, zEnd, 2) < 0) return 0;
  if (eat(&z, zEnd, ":") && read_num(&z, zEnd, 2) < 0) return 0;
  if (eat(&z, zEnd, ".") && read_num(&z, zEnd, 9) < 0) return 0;
  return z == zEnd;
}

static int ymd_date(long y, long m, long d, JwDate *out) {
  if (y < JW_DATE_YEAR_MIN || y > JW_DATE_YEAR_MAX || !date_is_valid_ymd((int)y, (int)m, (int)d)) return -1;
  *out = date_from_ymd((int)y, (int)m, (int)d);
  return 0;
}

int import_parse_date(const char *zIn, size_t nIn, JwDate *out) {
  size_t n = nIn;
  const char *z = trim(zIn, &n), *zEnd = z + n;
  if (!n) return -1;
  const char *p = z;
  /* all digits (maybe with a fraction): YYYYMMDD or an Excel serial */
  int digits = 0;
  while (p < zEnd && *p >= '0' && *p <= '9') p++, digits++;
  int serialForm = digits && p == zEnd;
  if (digits && p < zEnd && *p == '.') { /* a fraction: a serial with a time of day (else 2025.3.5) */
    const char *q = p + 1;
    while (q < zEnd && *q >= '0' && *q <= '9') q++;
    serialForm = q == zEnd;
  }
  if (serialForm) {
    if (digits == 8 && p == zEnd) {
      long v = strtol(z, NULL, 10);
      return ymd_date(v / 10000, v / 100 % 100, v % 100, out);
    }
    if (digits > 7) return -1;
    long serial = strtol(z, NULL, 10);
    if (serial < 1 || serial > 2958465 || serial == 60) return -1;
    /* the 1900 system counts a 1900-02-29 that never was: from serial 61 on, day 0 is 1899-12-30 */
    JwDate d =
        serial < 60 ? date_from_ymd(1899, 12, 31) + (JwDate)serial : date_from_ymd(1899, 12, 30) + (JwDate)serial;
    if (d < JW_DATE_MIN || d > JW_DATE_MAX) return -1;
    *out = d;
    return 0;
  }
  p = z;
  long y = read_num(&p, zEnd, 4);
  if (y < 0 || p - z != 4) return -1;
  if (eat(&p, zEnd, "年")) {
    long m = read_num(&p, zEnd, 2);
    if (m < 0 || !eat(&p, zEnd, "月")) return -1;
    long d = read_num(&p, zEnd, 2);
    if (d < 0 || !eat(&p, zEnd, "日")) return -1;
    if (!time_tail_ok(p, zEnd)) return -1;
    return ymd_date(y, m, d, out);
  }
  if (p >= zEnd || (*p != '-' && *p != '/' && *p != '.')) return -1;
  char sep = *p++;
  long m = read_num(&p, zEnd, 2);
  if (m < 0 || p >= zEnd || *p != sep) return -1;
  p++;
  long d = read_num(&p, zEnd, 2);
  if (d < 0 || !time_tail_ok(p, zEnd)) return -1;
  return ymd_date(y, m, d, out);
}

/* ---- licence status ---- */

typedef struct TextCode {
  const char *zText;
  const char *zCode;
} TextCode;

/* Checked in order, by substring: 吊销 before 注销 before 暂扣; "正常" and "有效" are valid. [M] the texts the 公安交管
 * systems export; an administrator-editable table is a later step. */
static const TextCode licence_status_texts[] = {
    {"valid", "valid"},    {"revoked", "revoked"}, {"suspended", "suspended"}, {"cancelled", "cancelled"},
    {"吊销", "revoked"},   {"撤销", "revoked"},    {"注销", "cancelled"},      {"停止使用", "cancelled"},
    {"暂扣", "suspended"}, {"扣押", "suspended"},  {"扣留", "suspended"},      {"暂停", "suspended"},
    {"锁定", "suspended"}, {"正常", "valid"},      {"有效", "valid"},          {"在用", "valid"},
    {"恢复", "valid"},     {NULL, NULL},
};

static int contains(const char *z, size_t n, const char *zLit) {
  size_t k = strlen(zLit);
  for (size_t i = 0; i + k <= n; i++) {
    if (memcmp(z + i, zLit, k) == 0) return 1;
  }
  return 0;
}

const char *import_licence_status(const char *zIn, size_t nIn) {
  size_t n = nIn;
  const char *z = trim(zIn, &n);
  if (!n) return NULL;
  for (int i = 0; licence_status_texts[i].zText; i++) {
    if (contains(z, n, licence_status_texts[i].zText)) return licence_status_texts[i].zCode;
  }
  return NULL;
}

/* ---- penalty types (行政处罚法 Art.9) ---- */

const ImportPenaltyType import_penalty_types[] = {
    {"warning", "警告、通报批评"},
    {"fine", "罚款"},
    {"confiscation", "没收违法所得、没收非法财物"},
    {"licence_suspension", "暂扣许可证件、降低资质等级"},
    {"licence_revocation", "吊销许可证件"},
    {"business_restriction", "限制开展生产经营活动、责令停产停业、责令关闭、限制从业"},
    {"detention", "行政拘留"},
    {"other", "其他行政处罚"},
    {NULL, NULL},
};

static const TextCode penalty_texts[] = {
    {"吊销", "licence_revocation"},
    {"暂扣", "licence_suspension"},
    {"降低资质", "licence_suspension"},
    {"拘留", "detention"},
    {"责令停产", "business_restriction"},
    {"责令关闭", "business_restriction"},
    {"限制开展", "business_restriction"},
    {"限制从业", "business_restriction"},
    {"没收", "confiscation"},
    {"罚款", "fine"},
    {"警告", "warning"},
    {"通报批评", "warning"},
    {NULL, NULL},
};

const char *import_penalty_type(const char *zIn, size_t nIn) {
  size_t n = nIn;
  const char *z = trim(zIn, &n);
  if (!n) return NULL;
  for (int i = 0; import_penalty_types[i].zCode; i++) {
    if (strlen(import_penalty_types[i].zCode) == n && memcmp(import_penalty_types[i].zCode, z, n) == 0) {
      return import_penalty_types[i].zCode;
    }
  }
  for (int i = 0; penalty_texts[i].zText; i++) {
    if (contains(z, n, penalty_texts[i].zText)) return penalty_texts[i].zCode;
  }
  return "other";
}

const char *import_penalty_type_name(const char *zCode) {
  for (int i = 0; zCode && import_penalty_types[i].zCode; i++) {
    if (strcmp(import_penalty_types[i].zCode, zCode) == 0) return import_penalty_types[i].zName;
  }
  return NULL;
}

/* ---- amounts ---- */

int import_parse_amount_fen(const char *zIn, size_t nIn, int64_t *pFen) {
  size_t n = nIn;
  const char *z = trim(zIn, &n), *zEnd = z + n;
  if (eat(&z, zEnd, "\xEF\xBF\xA5") || eat(&z, zEnd, "\xC2\xA5")) { /* ￥ or ¥ */
  }
  if ((size_t)(zEnd - z) >= 3 && memcmp(zEnd - 3, "元", 3) == 0) zEnd -= 3;
  int64_t yuan = 0;
  int digits = 0;
  while (z < zEnd && ((*z >= '0' && *z <= '9') || (*z == ',' && digits))) {
    if (*z != ',') {
      yuan = yuan * 10 + (*z - '0');
      if (++digits > 13) return -1;
    }
    z++;
  }
  if (!digits) return -1;
  int64_t fen = 0;
  if (z < zEnd && *z == '.') {
    z++;
    int k = 0;
    while (z < zEnd && *z >= '0' && *z <= '9' && k < 2) fen = fen * 10 + (*z++ - '0'), k++;
    if (k == 0) return -1;
    if (k == 1) fen *= 10;
  }
  if (z != zEnd) return -1;
  *pFen = yuan * 100 + fen;
  return 0;
}
