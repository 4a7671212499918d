/* fuzz_idcard.c: libFuzzer target for the small parsers of untrusted text: ID numbers, dates, period lengths. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/date.h"
#include "core/idcard.h"
#include "core/period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char out[19];
  JwIdInfo info;
  idcard_normalize((const char *)data, size, date_from_ymd(2026, 11, 30), out, &info);
  JwDate d;
  date_parse((const char *)data, size, &d);
  char z[32];
  if (size < sizeof z) {
    memcpy(z, data, size);
    z[size] = 0;
    JwLength len;
    period_parse_length(z, &len);
  }
  return 0;
}
