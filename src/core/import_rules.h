/* import_rules.h: the rules for other agencies' records (issue 12 §1): the kinds of record and their fields, the
 * header synonyms that propose a column mapping, and the value parsers (dates, licence status, penalty type, amount).
 * Pure functions over plain data: no I/O, no allocation. docs/api-imports.md documents every table here.
 *
 * Natural keys (one row per record, however many files bring it; per office):
 *   licence  "L|" licence_number "|" status "|" status_on   (status_on "" when absent)
 *   penalty  "P|" agency_name "|" decision_number
 * A licence that changes status (valid -> revoked) is therefore a new row: the history is kept. */
#ifndef JW_IMPORT_RULES_H
#define JW_IMPORT_RULES_H
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

#define IMPORT_KIND_LICENCE 1
#define IMPORT_KIND_PENALTY 2

#define IMPORT_MAX_FIELDS 12

/* One field of a record kind: its code (the mapping's key and the column of the table), the label shown to a person,
 * whether the header must have it, and the header names that propose it (compared after import_header_key()). */
typedef struct ImportField {
  const char *zCode;
  const char *zLabel;
  int required; /* 1: the header must map it; 2: one of the fields marked 2 must be mapped (penalty: ID or credit code)
                 */
  const char *const *azSynonym; /* NULL-terminated */
} ImportField;

/* The kind named zKind ("licence", "penalty"): IMPORT_KIND_*, or 0. */
int import_kind(const char *zKind);
/* The fields of a kind, *pn of them (NULL for an unknown kind). */
const ImportField *import_fields(int kind, int *pn);
/* The index in import_fields(kind) of the field zCode, or -1. */
int import_field_index(int kind, const char *zCode);

/* Trims blanks (ASCII space, tab, CR, LF, NBSP, U+3000, a BOM) from both ends of z[0..*pn): returns the new start and
 * sets *pn to the new length. */
const char *import_trim(const char *z, size_t *pn);

/* The comparable form of a header cell, into out (nOut bytes): ASCII and ideographic blanks, a BOM, '*' and a
 * trailing parenthesised note ("罚款金额（元）" -> "罚款金额") removed, ASCII letters lower-cased. */
void import_header_key(const char *z, size_t n, char *out, size_t nOut);

/* Proposes a mapping: for each field of the kind, aCol[f] = the 0-based header column whose key equals the field's
 * code or one of its synonyms (the first such column; a column serves one field), or -1. */
void import_propose_mapping(int kind, int nCol, char **azHeader, const size_t *anHeader, int aCol[IMPORT_MAX_FIELDS]);

/* Parses a date as agencies write it: 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日, 20250305, each optionally followed
 * by a time (" 12:00:00", "T12:00"), or an Excel serial day number (1..2958465, a fraction ignored; 1900 date system,
 * with Excel's phantom 1900-02-29 = 60 refused). Surrounding blanks ignored. 0 with *out set, or -1. */
int import_parse_date(const char *z, size_t n, JwDate *out);

/* The licence status code ("valid", "revoked", "suspended", "cancelled") for a status text (正常, 有效, 吊销, 撤销,
 * 暂扣, 注销, 停止使用 ... or the code itself), or NULL. */
const char *import_licence_status(const char *z, size_t n);

/* The penalty types (行政处罚法 Art.9), code and Chinese name, terminated by {NULL, NULL}. */
typedef struct ImportPenaltyType {
  const char *zCode;
  const char *zName;
} ImportPenaltyType;
extern const ImportPenaltyType import_penalty_types[];
/* The penalty type code for a text: the code itself, or the first type whose keywords the text contains (警告,
 * 通报批评 -> warning; 罚款 -> fine; 没收 -> confiscation; 暂扣 -> licence_suspension; 吊销 -> licence_revocation; 拘留
 * -> detention; 责令停产停业, 限制 ... -> business_restriction); "other" for any other non-empty text; NULL when empty.
 */
const char *import_penalty_type(const char *z, size_t n);
/* The Chinese name of a penalty type code, or NULL. */
const char *import_penalty_type_name(const char *zCode);

/* Parses an amount in 元 ("1200", "1,200.50", "￥1200元", "1200.5元") into whole fen. 0, or -1 when it is not a
 * non-negative amount with at most 2 decimals below 10^13 元. */
int import_parse_amount_fen(const char *z, size_t n, int64_t *pFen);

#endif
