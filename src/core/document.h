/* document.h: the 文书 types and their pure rules (issue 10 §4): the type table (code, name, 文号 abbreviation, the
 * default template with its {placeholders}), the office's 文号 format (checked and rendered like the 案号 format)
 * and the template fill. No I/O: app/documents.c numbers, stores and audits. */
#ifndef JW_CORE_DOCUMENT_H
#define JW_CORE_DOCUMENT_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"

/* One placeholder a type's template may use, with its Chinese label (shown in the template editor). */
/* A 文号 as the office's format makes it: at most this many bytes with the NUL (a longer one is refused, 409). */
#define DOC_NUMBER_BYTES 256

typedef struct DocPlaceholder {
  const char *zName;
  const char *zLabel;
} DocPlaceholder;

typedef struct DocType {
  const char *zCode;         /* non_prosecution */
  const char *zName;         /* 不起诉决定书 */
  const char *zAbbr;         /* the 文号 abbreviation {abbr}: 刑不诉 */
  const char *zTitle;        /* default template title */
  const char *zBody;         /* default template body: paragraphs separated by '\n' */
  const DocPlaceholder *aPh; /* the type's own placeholders, NULL-terminated (the common ones are doc_common_ph) */
} DocType;

extern const DocType doc_types[];
extern const int doc_type_count;
/* The placeholders every document has: org_name, number, date, case_number, case_title. NULL-terminated. */
extern const DocPlaceholder doc_common_ph[];

/* The type with this code, or NULL. */
const DocType *doc_type_find(const char *zCode);
/* 1 when zName is a placeholder a template of type t may use (its own or a common one). */
int doc_placeholder_allowed(const DocType *t, const char *zName);

/* The default 文号 format (the same shape as the default 案号 format). */
#define DOC_NUMBER_FORMAT_DEFAULT "{short}检{abbr}〔{year}〕{n}号"
#define DOC_NUMBER_FORMAT_MAX     60 /* characters */

/* Checks a 文号 format: valid UTF-8 of 1..DOC_NUMBER_FORMAT_MAX characters without control characters, holding
 * {year} and {n} (every number must differ), and no placeholder but {short} {abbr} {year} {n}. 0 when valid; else -1
 * with a Chinese reason in zWhy. */
int doc_number_format_check(const char *zFormat, char *zWhy, size_t nWhy);
/* Renders a 文号 from a checked format. -1 when it does not fit out (never cut). */
int doc_number_format(const char *zFormat, const char *zShort, const char *zAbbr, int year, int64_t n, char *out,
                      size_t nOut);

/* Checks a template text against the type: every "{name}" (name of [a-z_], 1..32 bytes) must be a placeholder the
 * type allows. A '{' that does not open such a name is ordinary text. 0, or -1 with the first unknown placeholder
 * in zWhy. */
int doc_template_check(const DocType *t, const char *zText, char *zWhy, size_t nWhy);
/* Fills a template: each {name} becomes fields[name] (a string as it is, an integer in decimal); a missing or null
 * field becomes DOC_BLANK (a line the clerk fills by hand); a field set to false does not apply to this record, and
 * the whole template line it stands on is left out (the 抄送 line of a 检察建议 sent to no one else). Values are
 * copied, never expanded again, so a value holding "{number}" stays as typed. Appends to out. */
#define DOC_BLANK "＿＿＿＿"
void doc_fill(const char *zTemplate, const json_t *fields, Buf *out);

/* A legal date 'YYYY-MM-DD' written as in a 公文 (GB/T 9704-2012 7.3.5.3: Arabic numerals, no leading zero):
 * "2026年12月2日". -1 when z is not such a date. */
int doc_date_chinese(const char *z, char *out, size_t nOut);

#endif
