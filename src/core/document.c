/* document.c: the 文书 types, the 文号 format and the template fill (see document.h). */
#include "core/document.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "lib/utf8.h"

const DocPlaceholder doc_common_ph[] = {
    {"org_name", "发文机关（本院全称）"}, {"number", "文号"}, {"date", "成文日期"}, {"case_number", "案号"},
    {"case_title", "案件名称"},           {NULL, NULL},
};

static const DocPlaceholder ph_non_prosecution[] = {
    {"person_name", "被不起诉人姓名"},
    {"person_sex", "性别"},
    {"person_birth_date", "出生日期"},
    {"person_id_number", "公民身份号码"},
    {"source_agency", "移送机关"},
    {"charges", "涉嫌罪名"},
    {"non_prosecution_type", "不起诉类型"},
    {"decision_on", "决定日期"},
    {"legal_basis", "法律依据"},
    {"facts", "案件事实"},
    {NULL, NULL},
};
static const DocPlaceholder ph_opinion[] = {
    {"agency_name", "被建议机关"},
    {"person_name", "被不起诉人姓名"},
    {"facts", "事实"},
    {"penalties", "建议给予的行政处罚"},
    {"reasons", "理由和依据"},
    {"reply_period", "回复期限"},
    {NULL, NULL},
};
static const DocPlaceholder ph_suggestion[] = {
    {"agency_name", "被建议单位"},
    {"facts", "发现的问题"},
    {"suggestion_text", "检察建议内容"},
    {"legal_basis", "法律依据"},
    {"reply_period", "回复期限"},
    {"copies_to", "抄送"},
    {NULL, NULL},
};
static const DocPlaceholder ph_suspension[] = {
    {"person_name", "被不起诉人姓名"},
    {"reason", "中止审查的理由"},
    {"suspended_on", "中止日期"},
    {NULL, NULL},
};
static const DocPlaceholder ph_termination[] = {
    {"person_name", "被不起诉人姓名"},
    {"reason", "终结审查的理由"},
    {NULL, NULL},
};
static const DocPlaceholder ph_urging[] = {
    {"agency_name", "被督促机关"},
    {"earlier_number", "原文书文号"},
    {"earlier_title", "原文书名称"},
    {"served_on", "送达日期"},
    {"due_on", "应回复日期"},
    {"reply_period", "回复期限"},
    {NULL, NULL},
};

const DocType doc_types[] = {
    {"non_prosecution", "不起诉决定书", "刑不诉", "不起诉决定书",
     "被不起诉人{person_name}，{person_sex}，{person_birth_date}出生，公民身份号码{person_id_number}。\n"
     "本案由{source_agency}侦查终结，以被不起诉人{person_name}涉嫌{charges}，移送本院审查起诉（案号{case_number}）。\n"
     "{facts}\n"
     "本院认为，{legal_basis}。经本院检察委员会或者检察长决定，对{person_name}作出{non_prosecution_type}决定。\n"
     "被不起诉人如不服本决定，可以自收到本决定书后七日以内向本院申诉。被害人如不服本决定，可以自收到本决定书后七日以内"
     "向上一级人民检察院申诉，请求提起公诉；也可以不经申诉，直接向人民法院起诉。",
     ph_non_prosecution},
    {"procuratorial_opinion", "检察意见书", "行意", "检察意见书",
     "{agency_name}：\n"
     "本院在办理{case_title}（案号{case_number}）中，对被不起诉人{person_name}依法作出不起诉决定。经审查查明：{facts}\n"
     "本院认为，{reasons}。根据《中华人民共和国刑事诉讼法》第一百七十七条第三款和《人民检察院刑事诉讼规则》的规定，"
     "建议你单位对{person_name}给予{penalties}。\n"
     "请你单位在收到本意见书后{reply_period}内将处理结果书面回复本院。",
     ph_opinion},
    {"suggestion", "检察建议书", "建", "检察建议书",
     "{agency_name}：\n"
     "本院在履行法律监督职责中发现：{facts}\n"
     "根据{legal_basis}的规定，现向你单位提出如下检察建议：\n"
     "{suggestion_text}\n"
     "请你单位在收到本检察建议书后{reply_period}内将办理情况书面回复本院。\n"
     "抄送：{copies_to}",
     ph_suggestion},
    {"review_suspension", "中止审查决定书", "行中止", "中止审查决定书",
     "本院对被不起诉人{person_name}是否需要给予行政处罚进行审查。因{reason}，根据《人民检察院行政检察工作规定》，"
     "本院决定自{suspended_on}起中止审查。中止审查的原因消除后，本院将恢复审查。",
     ph_suspension},
    {"review_termination", "终结审查决定书", "行终", "终结审查决定书",
     "本院对被不起诉人{person_name}是否需要给予行政处罚进行了审查。经审查，{reason}，不需要提出检察意见。"
     "本院决定终结审查。",
     ph_termination},
    {"urging_letter", "督促函", "行督", "督促函",
     "{agency_name}：\n"
     "本院于{served_on}向你单位送达{earlier_title}（{earlier_number}），要求你单位在收到后{reply_period}内书面回复。"
     "截至{due_on}，本院未收到你单位的回复。\n"
     "请你单位依法及时处理，并将处理结果书面回复本院。",
     ph_urging},
};
const int doc_type_count = (int)(sizeof doc_types / sizeof doc_types[0]);

const DocType *doc_type_find(const char *zCode) {
  for (int i = 0; zCode && i < doc_type_count; i++) {
    if (strcmp(doc_types[i].zCode, zCode) == 0) return &doc_types[i];
  }
  return NULL;
}

static int ph_in(const DocPlaceholder *a, const char *z, size_t n) {
  for (; a && a->zName; a++) {
    if (strlen(a->zName) == n && memcmp(a->zName, z, n) == 0) return 1;
  }
  return 0;
}

int doc_placeholder_allowed(const DocType *t, const char *zName) {
  size_t n = strlen(zName);
  return ph_in(doc_common_ph, zName, n) || ph_in(t->aPh, zName, n);
}

/* The length of a placeholder name opening at z (after '{'), when "[a-z_]{1,32}}" follows; else 0. */
static size_t ph_name_len(const char *z) {
  size_t n = 0;
  while (n <= 32 && ((z[n] >= 'a' && z[n] <= 'z') || z[n] == '_')) n++;
  return n >= 1 && n <= 32 && z[n] == '}' ? n : 0;
}

int doc_number_format_check(const char *zFormat, char *zWhy, size_t nWhy) {
  size_t n = strlen(zFormat);
  if (!n || !utf8_valid(zFormat, n) || utf8_has_control(zFormat, n, NULL)) {
    snprintf(zWhy, nWhy, "文号格式不能为空，也不能含有控制字符");
    return -1;
  }
  if (utf8_length(zFormat, n) > DOC_NUMBER_FORMAT_MAX) {
    snprintf(zWhy, nWhy, "文号格式不能超过 %d 个字", DOC_NUMBER_FORMAT_MAX);
    return -1;
  }
  for (const char *p = strchr(zFormat, '{'); p; p = strchr(p + 1, '{')) {
    size_t k = ph_name_len(p + 1);
    if (!k) continue;
    if (!((k == 5 && !memcmp(p + 1, "short", 5)) || (k == 4 && !memcmp(p + 1, "abbr", 4)) ||
          (k == 4 && !memcmp(p + 1, "year", 4)) || (k == 1 && p[1] == 'n'))) {
      snprintf(zWhy, nWhy, "文号格式只能使用 {short} {abbr} {year} {n}，不认识 {%.*s}", (int)k, p + 1);
      return -1;
    }
  }
  if (!strstr(zFormat, "{year}") || !strstr(zFormat, "{n}")) {
    snprintf(zWhy, nWhy, "文号格式须包含 {year} 和 {n}（可用 {short} 简称、{abbr} 文书代字）");
    return -1;
  }
  return 0;
}

int doc_number_format(const char *zFormat, const char *zShort, const char *zAbbr, int year, int64_t n, char *out,
                      size_t nOut) {
  Buf b = BUF_INIT;
  for (const char *p = zFormat; *p;) {
    if (strncmp(p, "{short}", 7) == 0) buf_puts(&b, zShort), p += 7;
    else if (strncmp(p, "{abbr}", 6) == 0) buf_puts(&b, zAbbr), p += 6;
    else if (strncmp(p, "{year}", 6) == 0) buf_printf(&b, "%d", year), p += 6;
    else if (strncmp(p, "{n}", 3) == 0) buf_printf(&b, "%lld", (long long)n), p += 3;
    else buf_putc(&b, *p++);
  }
  int fits = b.n < nOut;
  if (fits) memcpy(out, buf_cstr(&b), b.n + 1);
  buf_free(&b);
  return fits ? 0 : -1;
}

int doc_template_check(const DocType *t, const char *zText, char *zWhy, size_t nWhy) {
  for (const char *p = strchr(zText, '{'); p; p = strchr(p + 1, '{')) {
    size_t k = ph_name_len(p + 1);
    if (!k) continue;
    char zName[40];
    memcpy(zName, p + 1, k);
    zName[k] = 0;
    if (!doc_placeholder_allowed(t, zName)) {
      snprintf(zWhy, nWhy, "%s的模板不能使用占位符 {%s}", t->zName, zName);
      return -1;
    }
  }
  return 0;
}

void doc_fill(const char *zTemplate, const json_t *fields, Buf *out) {
  size_t start = out->n, lineStart = out->n; /* where this fill's output and its current line's begin */
  for (const char *p = zTemplate; *p;) {
    size_t k = *p == '{' ? ph_name_len(p + 1) : 0;
    if (!k) {
      buf_putc(out, *p);
      if (*p++ == '\n') lineStart = out->n;
      continue;
    }
    char zName[40];
    memcpy(zName, p + 1, k);
    zName[k] = 0;
    const json_t *v = json_object_get(fields, zName);
    if (json_is_false(v)) { /* the line does not apply: what it wrote goes, and so does the rest of it */
      out->n = lineStart;
      if (out->z) out->z[out->n] = 0;
      const char *zEol = strchr(p, '\n');
      if (!zEol) {
        /* the last line: the line break before it goes too */
        if (out->n > start && out->z[out->n - 1] == '\n') out->z[--out->n] = 0;
        break;
      }
      p = zEol + 1;
      continue;
    }
    if (json_is_string(v) && json_string_length(v) > 0) buf_puts(out, json_string_value(v));
    else if (json_is_integer(v)) buf_printf(out, "%lld", (long long)json_integer_value(v));
    else buf_puts(out, DOC_BLANK);
    p += k + 2;
  }
}

int doc_date_chinese(const char *z, char *out, size_t nOut) {
  JwDate d;
  if (!z || date_parse(z, strlen(z), &d)) return -1;
  int y, m, dd;
  date_to_ymd(d, &y, &m, &dd);
  return snprintf(out, nOut, "%d年%d月%d日", y, m, dd) < (int)nOut ? 0 : -1;
}
