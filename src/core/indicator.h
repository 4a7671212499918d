/* indicator.h: the catalogue of the statistical indicators (issue 11 §1; DOMAIN.md 0.4 and 7), as one data table.
 *
 * Each entry says what an indicator counts: its code (ASCII, lower case, digits and '_'), its Chinese name, the
 * numerator and denominator in words, the population (persons or cases; concluded or all), the date that puts a
 * record in a period, its source (the article or document DOMAIN.md 7 gives) and its mark there ([C] confirmed,
 * [C2] from a secondary source, [M] memory or inference). Every [M] formula is configurable by an administrator
 * (DOMAIN.md: "keep every [M] rule configurable"). docs/indicators.md is written from this table.
 *
 * Pure data and lookups: no I/O, no allocation, no global state beyond the constant table. */
#ifndef JW_INDICATOR_H
#define JW_INDICATOR_H

#include <stddef.h>

typedef enum { IND_UNIT_RATIO, IND_UNIT_DAYS, IND_UNIT_COUNT } IndUnit;

typedef enum {
  IND_POP_PERSONS_CONCLUDED, /* persons (人) whose stage was concluded (审结) in the period: DOMAIN.md 0.4 default */
  IND_POP_PERSONS_ALL,       /* persons, concluded or not, whose period date falls in the period */
  IND_POP_CASES_CONCLUDED,   /* cases (件) concluded in the period */
  IND_POP_CASES_ALL,         /* cases whose period date falls in the period */
  IND_POP_ITEMS              /* documents or items (件: 检察意见, 检察建议), by their period date */
} IndPopulation;

typedef enum { IND_MARK_C, IND_MARK_C2, IND_MARK_M } IndMark;

#define IND_CODE_MAX 40 /* the longest code, in bytes, plus the NUL */

typedef struct Indicator {
  const char *zCode;        /* ASCII: [a-z][a-z0-9_]*, unique, < IND_CODE_MAX bytes */
  const char *zName;        /* Chinese name */
  const char *zNumerator;   /* the numerator in words (Chinese); for days, the quantity averaged */
  const char *zDenominator; /* the denominator in words; for a count or days, the population counted */
  IndPopulation population;
  const char *zPeriodDate; /* the date that puts a record in a period (Chinese, naming the record's field) */
  const char *zSource;     /* the article, document or DOMAIN.md section it comes from */
  IndMark mark;
  int configurable; /* 1: an administrator may change its formula (every [M] one) */
  IndUnit unit;
} Indicator;

/* The catalogue, in issue 11 §1 order, and its length. */
extern const Indicator indicator_table[];
extern const size_t indicator_count;

/* The entry whose code is zCode (NULL-safe), or NULL. */
const Indicator *indicator_find(const char *zCode);

/* "[C]", "[C2]", "[M]". */
const char *indicator_mark_text(IndMark m);
/* "ratio", "days", "count". */
const char *indicator_unit_code(IndUnit u);
/* The population in Chinese, e.g. "人（审结）". */
const char *indicator_population_text(IndPopulation p);

#endif /* JW_INDICATOR_H */
