/* fuzz_jsonin.c: libFuzzer target for the JSON input path every API body takes: jin_parse() then jin_check()
 * against a field table with every field type. Must never crash, leak or read out of bounds. */
#include <stddef.h>
#include <stdint.h>

#include "lib/jsonin.h"

static const JinField fields[] = {
    {"login", JIN_STRING, 1, 2, 32},     {"note", JIN_TEXT, 0, 0, 200},   {"n", JIN_INT, 0, -5, 5},
    {"on", JIN_BOOL, 0, 0, 0},           {"roles", JIN_STRINGS, 0, 1, 9}, {"parent_id", JIN_ID_OR_NULL, 0, 0, 0},
    {"x", JIN_STRING_OR_NULL, 0, 0, 10},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  json_t *v = NULL;
  JwErr e;
  if (jin_parse((const char *)data, size, &v, &e) == 0) {
    jin_check(v, fields, sizeof fields / sizeof fields[0], &e);
    json_decref(v);
  }
  return 0;
}
