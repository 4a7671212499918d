/* test_idcard.c: unit tests for src/core/idcard.c (公民身份号码, GB 11643; DOMAIN.md 0.3 and section 10).
 * Expected 18-digit forms of 15-digit numbers and check characters were computed with an independent script. */
#include "test_util.h"

#include "core/date.h"
#include "core/idcard.h"

/* The "today" of these tests: 2025-06-01. */
static JwDate today(void) {
  return date_from_ymd(2025, 6, 1);
}

/* Normalise the NUL-terminated z with today(); assert success, the normal form, the sex and the birth date. */
static void assert_id_ok(const char *z, const char *zWant, char sex, int y, int m, int d) {
  char out[19] = "garbage";
  JwIdInfo info = {'?', -1};
  assert_int_equal(idcard_normalize(z, strlen(z), today(), out, &info), JW_ID_OK);
  assert_string_equal(out, zWant);
  assert_int_equal(info.sex, sex);
  assert_int_equal(info.birth, date_from_ymd(y, m, d));
}

/* Normalise the NUL-terminated z with today(); assert it fails with rc, writes "" and leaves the info alone. */
static void assert_id_fails(const char *z, int rc) {
  char out[19] = "garbage";
  JwIdInfo info = {'?', -1};
  assert_int_equal(idcard_normalize(z, strlen(z), today(), out, &info), rc);
  assert_string_equal(out, "");
  assert_int_equal(info.sex, '?');
  assert_int_equal(info.birth, -1);
}

/* The four published examples are valid (DOMAIN.md section 10). */
static void test_published_examples(void **state) {
  (void)state;
  assert_id_ok("11010519491231002X", "11010519491231002X", 'F', 1949, 12, 31);
  assert_id_ok("440524188001010014", "440524188001010014", 'M', 1880, 1, 1);
  assert_id_ok("513101198201130014", "513101198201130014", 'M', 1982, 1, 13);
  assert_id_ok("370101190102039973", "370101190102039973", 'M', 1901, 2, 3);
}

/* The MOD 11-2 check character. */
static void test_check_char(void **state) {
  (void)state;
  assert_int_equal(idcard_check_char("11010519491231002"), 'X');
  assert_int_equal(idcard_check_char("44052418800101001"), '4');
  assert_int_equal(idcard_check_char("51310119820113001"), '4');
  assert_int_equal(idcard_check_char("37010119010203997"), '3');
  assert_int_equal(idcard_check_char("16010519900101001"), 'X');
  assert_int_equal(idcard_check_char("1101051949123100X"), 0);
  assert_int_equal(idcard_check_char("11010519491231 02"), 0);
  /* Every wrong check character is refused, the right one accepted. */
  static const char zChars[] = "0123456789X";
  char z[19] = "11010519900101001?";
  for (int i = 0; i < 11; i++) {
    z[17] = zChars[i];
    char out[19];
    int rc = idcard_normalize(z, 18, today(), out, NULL);
    assert_int_equal(rc, zChars[i] == idcard_check_char(z) ? JW_ID_OK : JW_ID_ECHECKSUM);
  }
}

/* Folding: lower-case x, full-width digits and X/x, surrounding ASCII blanks. */
static void test_folding(void **state) {
  (void)state;
  assert_id_ok("11010519491231002x", "11010519491231002X", 'F', 1949, 12, 31);
  assert_id_ok("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", 'F', 1949, 12, 31);
  assert_id_ok("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X", 'F', 1949, 12, 31);
  assert_id_ok("４４０５２４１８８００１０１００１４", "440524188001010014", 'M', 1880, 1, 1);
  assert_id_ok("4405２４188001010014", "440524188001010014", 'M', 1880, 1, 1); /* mixed */
  assert_id_ok("  11010519491231002X", "11010519491231002X", 'F', 1949, 12, 31);
  assert_id_ok("11010519491231002X \t\r\n", "11010519491231002X", 'F', 1949, 12, 31);
  assert_id_ok(" \t１１０１０５１９４９１２３１００２ｘ  ", "11010519491231002X", 'F', 1949, 12, 31);
  /* Ideographic spaces (U+3000) around, mixed with ASCII blanks. */
  assert_id_ok("\xE3\x80\x80" "11010519491231002X\xE3\x80\x80", "11010519491231002X", 'F', 1949, 12, 31);
  assert_id_ok(" \xE3\x80\x80 １１０１０５４９１２３１００２\xE3\x80\x80\t", "11010519491231002X", 'F', 1949, 12, 31);
  assert_id_fails("\xE3\x80\x80", JW_ID_EFORMAT);
  assert_id_fails("\xE3\x80" "11010519491231002X", JW_ID_EFORMAT); /* a truncated U+3000 is not a blank */
  /* The length counts: a NUL-free prefix of a longer buffer is fine. */
  char out[19];
  assert_int_equal(idcard_normalize("11010519491231002Xjunk", 18, today(), out, NULL), JW_ID_OK);
  assert_string_equal(out, "11010519491231002X");
}

/* 15-digit legacy numbers are upgraded: "19" inserted, check character appended. */
static void test_legacy_15(void **state) {
  (void)state;
  assert_id_ok("110105491231002", "11010519491231002X", 'F', 1949, 12, 31);
  assert_id_ok("513101820113001", "513101198201130014", 'M', 1982, 1, 13);
  assert_id_ok("370101010203997", "370101190102039973", 'M', 1901, 2, 3);
  assert_id_ok("130503670401001", "130503196704010016", 'M', 1967, 4, 1);
  assert_id_ok("320311770706001", "320311197707060018", 'M', 1977, 7, 6);
  assert_id_ok(" １３０５０３６７０４０１００１ ", "130503196704010016", 'M', 1967, 4, 1);
  assert_id_fails("11010549123100X", JW_ID_EFORMAT); /* no check character in a legacy number */
  assert_id_fails("110105490230002", JW_ID_EBIRTH);  /* 1949-02-30 */
  assert_id_fails("000105491231002", JW_ID_EREGION);
}

/* Each failure has its own code, and the codes are checked in the documented order. */
static void test_failures(void **state) {
  (void)state;
  /* form */
  static const char *const azFormat[] = {
      "",
      "   ",
      "1101051949123100",    /* 16 */
      "11010519491231002",   /* 17 */
      "11010519491231002X1", /* 19 */
      "1101051949123100X2",  /* X not last */
      "X1010519491231002X",
      "11010519491231002Y",
      "11010519491231002Ｙ",
      "110105 19491231002X", /* blank inside */
      "110105-19491231-002X",
      "11010519491231002\xEF\xBC",              /* truncated UTF-8 */
      "11010519491231002\xEF\xBC\x9A",          /* full-width ':' */
      "１１０１０５１９４９１２３１００２Ｘ１", /* 19 full-width */
      "110105\xE3\x80\x80" "19491231002X",         /* ideographic space inside */
      "+11010519491231002X",
  };
  for (size_t i = 0; i < sizeof(azFormat) / sizeof(azFormat[0]); i++) assert_id_fails(azFormat[i], JW_ID_EFORMAT);
  char out[19] = "garbage";
  assert_int_equal(idcard_normalize("110105194912310\0002X", 18, today(), out, NULL), JW_ID_EFORMAT); /* NUL inside */
  assert_string_equal(out, "");
  assert_int_equal(idcard_normalize(NULL, 18, today(), out, NULL), JW_ID_EFORMAT);

  /* checksum */
  assert_id_fails("110105194912310021", JW_ID_ECHECKSUM);
  assert_id_fails("440524188001010015", JW_ID_ECHECKSUM);
  assert_id_fails("440524188001010010", JW_ID_ECHECKSUM);
  assert_id_fails("513101198201130013", JW_ID_ECHECKSUM);
  assert_id_fails("37010119010203997X", JW_ID_ECHECKSUM);
  assert_id_fails("11010519491231003X", JW_ID_ECHECKSUM); /* one digit changed */

  /* birth date: 1999-02-30 does not exist (the check character is right for these 17 digits) */
  assert_id_fails("110105199902300015", JW_ID_EBIRTH);
  assert_id_fails("110105199913010011", JW_ID_EBIRTH); /* month 13 (checksum wrong too: birth is checked first) */
  assert_id_fails("110105199900010011", JW_ID_EBIRTH);
  assert_id_fails("110105202302290019", JW_ID_EBIRTH); /* 2023 is not a leap year */
  assert_id_fails("110105179912310016", JW_ID_EBIRTH); /* before JW_ID_BIRTH_YEAR_MIN */
  assert_id_ok("110105180001010010", "110105180001010010", 'M', 1800, 1, 1);
  assert_id_ok("330102202002290022", "330102202002290022", 'F', 2020, 2, 29);

  /* future birth date */
  assert_id_fails("110105209912310010", JW_ID_EFUTURE);
  char z[19] = "11010520250601001?";
  z[17] = idcard_check_char(z);
  assert_int_equal(idcard_normalize(z, 18, today(), out, NULL), JW_ID_OK); /* born today */
  assert_int_equal(idcard_normalize(z, 18, today() - 1, out, NULL), JW_ID_EFUTURE);

  /* region (check characters right, so only the region is at fault) */
  assert_id_fails("000105199001010015", JW_ID_EREGION);
  assert_id_fails("990105199001010014", JW_ID_EREGION);
  assert_id_fails("16010519900101001X", JW_ID_EREGION);
  assert_id_fails("840105199001010011", JW_ID_EREGION);
  assert_id_ok("83010519900101001X", "83010519900101001X", 'M', 1990, 1, 1); /* 台湾居民居住证 */
  assert_id_fails("001105199001010015", JW_ID_EREGION);                      /* first digit 0 */
  assert_id_ok("710105199001010012", "710105199001010012", 'M', 1990, 1, 1);
  assert_id_ok("820105199001010026", "820105199001010026", 'F', 1990, 1, 1);
  /* region is checked before the birth date, and the birth date before the checksum */
  assert_id_fails("990105199902300011", JW_ID_EREGION);
  assert_id_fails("110105209912310011", JW_ID_EFUTURE);
}

/* Every province code: accepted exactly for the GB/T 2260 list. */
static void test_every_province(void **state) {
  (void)state;
  static const int aOk[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
                            44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
  for (int code = 0; code <= 99; code++) {
    char z[19] = "??0105199001010011";
    z[0] = (char)('0' + code / 10);
    z[1] = (char)('0' + code % 10);
    z[17] = idcard_check_char(z);
    int want = JW_ID_EREGION;
    for (size_t i = 0; i < sizeof(aOk) / sizeof(aOk[0]); i++) {
      if (aOk[i] == code) want = JW_ID_OK;
    }
    char out[19];
    assert_int_equal(idcard_normalize(z, 18, today(), out, NULL), want);
  }
}

/* Messages: one per code, in Chinese, and a generic one for unknown codes. */
static void test_messages(void **state) {
  (void)state;
  static const int aCode[] = {JW_ID_EFORMAT, JW_ID_EREGION, JW_ID_EBIRTH, JW_ID_EFUTURE, JW_ID_ECHECKSUM};
  for (size_t i = 0; i < 5; i++) {
    assert_true(aCode[i] < 0);
    const char *z = idcard_error_message(aCode[i]);
    assert_non_null(strstr(z, "公民身份号码"));
    for (size_t j = 0; j < i; j++) {
      assert_true(aCode[i] != aCode[j]);
      assert_string_not_equal(z, idcard_error_message(aCode[j]));
    }
  }
  assert_string_equal(idcard_error_message(JW_ID_ECHECKSUM), "公民身份号码校验位错误");
  assert_string_equal(idcard_error_message(-99), "公民身份号码无效");
  assert_non_null(idcard_error_message(JW_ID_OK));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_published_examples),
      cmocka_unit_test(test_check_char),
      cmocka_unit_test(test_folding),
      cmocka_unit_test(test_legacy_15),
      cmocka_unit_test(test_failures),
      cmocka_unit_test(test_every_province),
      cmocka_unit_test(test_messages),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
