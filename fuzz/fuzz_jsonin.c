/* fuzz_jsonin.c: libFuzzer target for the JSON input path every API body takes: jin_parse() then jin_check()
 * against a field table with every field type. Must never crash, leak or read out of bounds. Also checks the
 * contract: a refused body is 400 bad_json; a refused object names a field and is 400 (413 for too many items); an
 * accepted object has only declared fields, each of its declared JSON type, integers within their bounds, and the
 * accessors agree with it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/jsonin.h"

static const JinField fields[] = {
    {"login", JIN_STRING, 1, 2, 32},     {"note", JIN_TEXT, 0, 0, 200},   {"n", JIN_INT, 0, -5, 5},
    {"on", JIN_BOOL, 0, 0, 0},           {"roles", JIN_STRINGS, 0, 1, 9}, {"parent_id", JIN_ID_OR_NULL, 0, 0, 0},
    {"x", JIN_STRING_OR_NULL, 0, 0, 10}, {"items", JIN_OBJECTS, 0, 0, 3},
};
#define NFIELDS (sizeof fields / sizeof fields[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok) {
  if (!ok) abort();
}

static const JinField *field_named(const char *zKey) {
  for (size_t i = 0; i < NFIELDS; i++) {
    if (strcmp(fields[i].zName, zKey) == 0) return &fields[i];
  }
  return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  json_t *v = NULL;
  JwErr e;
  if (jin_parse((const char *)data, size, &v, &e)) {
    check(v == NULL && e.status == 400 && strcmp(e.code, "bad_json") == 0);
    return 0;
  }
  check(json_is_object(v) && !jin_too_deep((const char *)data, size, JIN_MAX_DEPTH));
  if (jin_check(v, fields, NFIELDS, &e)) {
    check((e.status == 400 || e.status == 413) && e.field[0] != 0);
  } else {
    const char *key;
    json_t *x;
    json_object_foreach(v, key, x) {
      const JinField *f = field_named(key);
      check(f != NULL);
      switch (f->type) {
        case JIN_STRING:
        case JIN_TEXT:
          check(json_is_string(x) && jin_str(v, key) != NULL);
          break;
        case JIN_STRING_OR_NULL:
          check(json_is_string(x) || json_is_null(x));
          break;
        case JIN_INT:
          check(json_is_integer(x) && jin_int(v, key, 99) >= f->min && jin_int(v, key, 99) <= f->max);
          break;
        case JIN_BOOL:
          check(json_is_boolean(x));
          break;
        case JIN_ID_OR_NULL:
          check(json_is_null(x) || (json_is_integer(x) && json_integer_value(x) > 0));
          check(jin_has(v, key) == !json_is_null(x));
          break;
        case JIN_STRINGS:
        case JIN_OBJECTS:
          check(json_is_array(x) && (int64_t)json_array_size(x) >= f->min && (int64_t)json_array_size(x) <= f->max);
          break;
      }
    }
    check(jin_has(v, "login"));
  }
  json_decref(v);
  return 0;
}
