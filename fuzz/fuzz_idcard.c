/* fuzz_idcard.c: libFuzzer target for the 公民身份号码 validator (idcard_normalize), on the bytes as given. Besides
 * "no crash, no read past n bytes" (the input is copied to an exact-size heap buffer, so ASan sees any overread), it
 * checks what must hold for every accepted number: 18 characters, 17 digits and a digit or X, the check character
 * right, the sex from the 17th digit, a birth date that is not after today, and that normalising the result again
 * gives the same number. A rejected input leaves out empty and has a message. */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/idcard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok) {
  if (!ok) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *z = malloc(size ? size : 1);
  memcpy(z, data, size);
  JwDate today = date_from_ymd(2026, 11, 30);
  char out[19];
  JwIdInfo info;
  int rc = idcard_normalize(z, size, today, out, &info);
  if (rc == JW_ID_OK) {
    check(strlen(out) == 18);
    for (int i = 0; i < 17; i++) check(out[i] >= '0' && out[i] <= '9');
    check(idcard_check_char(out) == out[17]);
    check(info.sex == ((out[16] - '0') % 2 ? 'M' : 'F'));
    check(info.birth <= today);
    char again[19];
    JwIdInfo info2;
    check(idcard_normalize(out, 18, today, again, &info2) == JW_ID_OK && strcmp(again, out) == 0);
    check(info2.birth == info.birth && info2.sex == info.sex);
  } else {
    check(out[0] == 0 && rc < 0 && idcard_error_message(rc) != NULL);
  }
  free(z);
  return 0;
}
