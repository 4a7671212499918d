/* fuzz_credit_code.c: libFuzzer target for the 统一社会信用代码 validator (credit_code_normalize), on the bytes as
 * given. Besides "no crash, no read past n bytes" (the input is copied to an exact-size heap buffer, so ASan sees any
 * overread), it checks what must hold for every accepted code: 18 characters of the set, a known authority and type,
 * six division digits, both check characters right (credit_code_complete() rebuilds the same code from its first 16),
 * and normalising the result again gives the same code. A rejected input leaves out empty and has a message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/credit_code.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok) {
  if (!ok) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *z = malloc(size ? size : 1);
  memcpy(z, data, size);
  char out[19];
  int rc = credit_code_normalize(z, size, out);
  if (rc == JW_CC_OK) {
    check(strlen(out) == 18);
    for (int i = 0; i < 18; i++) check(credit_code_value(out[i]) >= 0);
    check(credit_code_type_ok(out[0], out[1]));
    for (int i = 2; i < 8; i++) check(out[i] >= '0' && out[i] <= '9');
    char z16[17], rebuilt[19], again[19];
    memcpy(z16, out, 16);
    z16[16] = 0;
    check(credit_code_complete(z16, rebuilt) == 0 && strcmp(rebuilt, out) == 0);
    check(credit_code_normalize(out, 18, again) == JW_CC_OK && strcmp(again, out) == 0);
  } else {
    check(out[0] == 0 && rc < 0 && credit_code_error_message(rc) != NULL);
  }
  free(z);
  return 0;
}
