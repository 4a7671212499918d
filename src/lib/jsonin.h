/* jsonin.h: checked JSON input. A request body is parsed with jansson after a depth and UTF-8 check, and each
 * route declares the fields it accepts (name, type, required, bounds) in a JinField table; jin_check() refuses
 * unknown fields, missing required ones, wrong types and out-of-bounds values with a JwErr naming the field.
 *
 * Bounds: strings count Unicode code points and may not contain control characters (JIN_TEXT allows \n and \t);
 * integers are checked against [min, max]; string arrays against [min, max] items, each item 1..64 characters. */
#ifndef JW_JSONIN_H
#define JW_JSONIN_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"

#define JIN_MAX_DEPTH 16   /* nesting of objects and arrays */
#define JIN_MAX_ITEMS 1000 /* items in any one array */

typedef enum {
  JIN_STRING,         /* one-line string */
  JIN_TEXT,           /* multi-line string */
  JIN_INT,            /* integer */
  JIN_BOOL,           /* true or false */
  JIN_STRINGS,        /* array of one-line strings */
  JIN_ID_OR_NULL,     /* positive integer or null */
  JIN_STRING_OR_NULL, /* one-line string or null */
  JIN_OBJECTS         /* array of objects ([min, max] items), each checked by the caller */
} JinType;

typedef struct JinField {
  const char *zName;
  JinType type;
  int required;
  int64_t min;
  int64_t max;
} JinField;

/* The Chinese label of an input field, for messages the user reads ("案件名称含有控制字符"); a field without one is
 * named by its key ("字段 title 含有控制字符"). */
typedef struct JinLabel {
  const char *zName;
  const char *zLabel;
} JinLabel;

/* Parses body[0..n) into a JSON object. On error fills e (400 bad_json, or validation_failed when the top level is
 * not an object) and returns -1. On success *out is a new reference the caller must json_decref(). */
int jin_parse(const char *body, size_t n, json_t **out, JwErr *e);
/* Checks obj against the field table; 0 ok, -1 with e naming the first bad field. */
int jin_check(const json_t *obj, const JinField *aField, size_t nField, JwErr *e);
/* jin_check, with messages naming each field by its label in aLabel[0..nLabel) when it has one. */
int jin_check_labeled(const json_t *obj, const JinField *aField, size_t nField, const JinLabel *aLabel, size_t nLabel,
                      JwErr *e);
/* Accessors for fields already checked: NULL / 0 / dflt when absent or null. Strings are owned by obj. */
const char *jin_str(const json_t *obj, const char *zName);
int64_t jin_int(const json_t *obj, const char *zName, int64_t dflt);
int jin_has(const json_t *obj, const char *zName);
/* Returns 1 when zBody nests arrays/objects deeper than maxDepth (strings are skipped properly). */
int jin_too_deep(const char *zBody, size_t n, int maxDepth);

#endif
