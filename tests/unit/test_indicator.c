/* test_indicator.c: the indicator catalogue (src/core/indicator.c): every code unique and well formed, every [M]
 * formula configurable, no empty field, lookup by code, and every code documented in docs/indicators.md. */
#include "test_util.h"

#include <stdio.h>

#include "core/indicator.h"

static void test_codes_and_fields(void **state) {
  (void)state;
  assert_true(indicator_count >= 22);
  for (size_t i = 0; i < indicator_count; i++) {
    const Indicator *p = &indicator_table[i];
    size_t n = strlen(p->zCode);
    assert_true(n > 0 && n < IND_CODE_MAX);
    assert_true(p->zCode[0] >= 'a' && p->zCode[0] <= 'z');
    for (size_t k = 0; k < n; k++) {
      char c = p->zCode[k];
      assert_true((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    }
    for (size_t j = i + 1; j < indicator_count; j++) assert_string_not_equal(p->zCode, indicator_table[j].zCode);
    assert_true(p->zName[0] && p->zNumerator[0] && p->zDenominator[0] && p->zPeriodDate[0] && p->zSource[0]);
    if (p->mark == IND_MARK_M) assert_int_equal(p->configurable, 1);
    assert_ptr_equal(indicator_find(p->zCode), p);
  }
  assert_null(indicator_find("nope"));
  assert_null(indicator_find(NULL));
  assert_string_equal(indicator_find("non_prosecution_rate")->zName, "不诉率");
  assert_int_equal(indicator_find("non_prosecution_rate")->mark, IND_MARK_C2);
  assert_string_equal(indicator_mark_text(IND_MARK_C2), "[C2]");
  assert_string_equal(indicator_unit_code(IND_UNIT_DAYS), "days");
}

/* Every code appears in docs/indicators.md (the tests run from the repository root). */
static void test_documented(void **state) {
  (void)state;
  FILE *f = fopen("docs/indicators.md", "rb");
  assert_non_null(f);
  static char doc[200000];
  size_t n = fread(doc, 1, sizeof doc - 1, f);
  fclose(f);
  doc[n] = 0;
  for (size_t i = 0; i < indicator_count; i++) {
    char want[IND_CODE_MAX + 2];
    snprintf(want, sizeof want, "`%s`", indicator_table[i].zCode);
    if (!strstr(doc, want)) fail_msg("%s not in docs/indicators.md", indicator_table[i].zCode);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_codes_and_fields),
      cmocka_unit_test(test_documented),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
