/* test_credit_code.c: unit tests for src/core/credit_code.c (统一社会信用代码, GB 32100-2015). The valid codes are
 * the standard's own example (91350100M000100Y43), a published company code, and codes built here from a prefix
 * whose two check characters were computed by an independent script (and are recomputed by credit_code_complete()). */
#include "test_util.h"

#include "core/credit_code.h"

static void assert_cc_ok(const char *z, const char *zWant) {
  char out[19] = "garbage";
  assert_int_equal(credit_code_normalize(z, strlen(z), out), JW_CC_OK);
  assert_string_equal(out, zWant);
}

static void assert_cc_fails(const char *z, int rc) {
  char out[19] = "garbage";
  assert_int_equal(credit_code_normalize(z, strlen(z), out), rc);
  assert_string_equal(out, "");
}

static void test_published_codes(void **state) {
  (void)state;
  assert_cc_ok("91350100M000100Y43", "91350100M000100Y43");
  assert_cc_ok("91110108551385082Q", "91110108551385082Q");
}

/* Both check characters, against values computed independently (python, GB 11714 and GB 32100 formulas). */
static void test_check_characters(void **state) {
  (void)state;
  assert_int_equal(credit_code_org_check("M000100Y"), '4');
  assert_int_equal(credit_code_org_check("55138508"), '2');
  assert_int_equal(credit_code_org_check("00250010"), '5'); /* 11 - sum mod 11 */
  assert_int_equal(credit_code_org_check("0025000J"), '4');
  assert_int_equal(credit_code_org_check("00250099"), 'X'); /* 10 is written X */
  assert_int_equal(credit_code_check("91350100M000100Y4"), '3');
  assert_int_equal(credit_code_check("91110108551385082"), 'Q');
  assert_int_equal(credit_code_org_check("0025001I"), 0); /* I is not in the set */
  assert_int_equal(credit_code_check("9135010OM000100Y4"), 0);
  char out[19];
  const struct {
    const char *z16, *zWant;
  } built[] = {
      {"1133112200250010", "113311220025001058"}, {"113311220025000J", "113311220025000J42"},
      {"9133112200250099", "9133112200250099X1"}, {"5133112200MJ0001", "5133112200MJ00016R"},
      {"1233112200250001", "12331122002500017N"},
  };
  for (size_t i = 0; i < sizeof built / sizeof built[0]; i++) {
    assert_int_equal(credit_code_complete(built[i].z16, out), 0);
    assert_string_equal(out, built[i].zWant);
    assert_cc_ok(built[i].zWant, built[i].zWant);
  }
  assert_int_equal(credit_code_complete("11331122002500", out), -1);
  assert_string_equal(out, "");
  assert_int_equal(credit_code_complete("113311220025001O", out), -1);
}

/* Lower case, full-width characters and surrounding blanks (ASCII and U+3000) are folded away. */
static void test_folding(void **state) {
  (void)state;
  assert_cc_ok("91350100m000100y43", "91350100M000100Y43");
  assert_cc_ok("  91350100M000100Y43\t", "91350100M000100Y43");
  assert_cc_ok(
      "\xe3\x80\x80"
      "91350100M000100Y43"
      "\xe3\x80\x80",
      "91350100M000100Y43");
  /* ９１３５０１００Ｍ０００１００Ｙ４３ */
  assert_cc_ok(
      "\xef\xbc\x99\xef\xbc\x91\xef\xbc\x93\xef\xbc\x95\xef\xbc\x90\xef\xbc\x91\xef\xbc\x90\xef\xbc\x90"
      "\xef\xbc\xad\xef\xbc\x90\xef\xbc\x90\xef\xbc\x90\xef\xbc\x91\xef\xbc\x90\xef\xbc\x90\xef\xbd\x99"
      "\xef\xbc\x94\xef\xbc\x93",
      "91350100M000100Y43");
  assert_cc_ok("113311220025000j42", "113311220025000J42");
}

static void test_failures(void **state) {
  (void)state;
  assert_cc_fails("", JW_CC_ELENGTH);
  assert_cc_fails("   ", JW_CC_ELENGTH);
  assert_cc_fails("91350100M000100Y4", JW_CC_ELENGTH);
  assert_cc_fails("91350100M000100Y433", JW_CC_ELENGTH);
  assert_cc_fails("91350100M000100Y43913501", JW_CC_ELENGTH);
  assert_cc_fails("9135 0100M000100Y43", JW_CC_ECHAR); /* a blank inside */
  assert_cc_fails("91350100M0001-0Y43", JW_CC_ECHAR);  /* punctuation */
  assert_cc_fails("91350100I000100Y43", JW_CC_ECHAR);  /* I O Z S V are not in the set */
  assert_cc_fails("91350100O000100Y43", JW_CC_ECHAR);
  assert_cc_fails("9135010SM000100Y43", JW_CC_ECHAR);
  assert_cc_fails("91350100M000100V43", JW_CC_ECHAR);
  assert_cc_fails("91350100M000100Z43", JW_CC_ECHAR);
  assert_cc_fails("9135010\xe5\x8e\xbfM000100Y43", JW_CC_ECHAR); /* 县 */
  assert_cc_fails("91350100M000100Y4\xff", JW_CC_ECHAR);         /* not UTF-8 */
  assert_cc_fails("B1350100M000100Y43", JW_CC_EAUTHORITY);       /* no authority B */
  assert_cc_fails("01350100M000100Y43", JW_CC_EAUTHORITY);
  assert_cc_fails("94350100M000100Y43", JW_CC_ETYPE); /* 工商 registers types 1, 2, 3 */
  assert_cc_fails("1A331122002500105X", JW_CC_ETYPE);
  assert_cc_fails("Y2331122002500105X", JW_CC_ETYPE);
  assert_cc_fails("9135A100M000100Y43", JW_CC_EDIVISION);
  assert_cc_fails("91350100M000100Y53", JW_CC_EORGCHECK); /* 17th changed */
  assert_cc_fails("91350100M000200Y43", JW_CC_EORGCHECK); /* a body character changed */
  assert_cc_fails("91350100M000100Y44", JW_CC_ECHECK);    /* 18th changed */
  assert_cc_fails("91350200M000100Y43", JW_CC_ECHECK);    /* a division digit changed */
  assert_cc_fails("113311220025001059", JW_CC_ECHECK);
}

static void test_type_table(void **state) {
  (void)state;
  assert_true(credit_code_type_ok('1', '1')); /* 机构编制: 机关 */
  assert_true(credit_code_type_ok('1', '2'));
  assert_false(credit_code_type_ok('1', '4'));
  assert_true(credit_code_type_ok('5', '3')); /* 民政: 基金会 */
  assert_true(credit_code_type_ok('9', '3')); /* 工商: 农民专业合作社 */
  assert_false(credit_code_type_ok('9', '9'));
  assert_true(credit_code_type_ok('N', '2'));
  assert_true(credit_code_type_ok('Y', '1'));
  assert_false(credit_code_type_ok('B', '1'));
  assert_false(credit_code_type_ok('1', 0));
}

static void test_messages(void **state) {
  (void)state;
  for (int rc = JW_CC_ELENGTH; rc >= JW_CC_ECHECK; rc--) {
    const char *z = credit_code_error_message(rc);
    assert_non_null(strstr(z, "统一社会信用代码"));
    for (int other = rc - 1; other >= JW_CC_ECHECK; other--)
      assert_string_not_equal(z, credit_code_error_message(other));
  }
  assert_non_null(strstr(credit_code_error_message(JW_CC_ECHECK), "校验位"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_published_codes), cmocka_unit_test(test_check_characters), cmocka_unit_test(test_folding),
      cmocka_unit_test(test_failures),        cmocka_unit_test(test_type_table),       cmocka_unit_test(test_messages),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
