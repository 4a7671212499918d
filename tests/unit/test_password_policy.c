/* test_password_policy.c: unit tests for src/app/password_policy.c: length in code points, runs, and the common
 * passwords of Debian's cracklib word list (cracklib-runtime must be installed: scripts/setup does it). */
#include <stdlib.h>

#include "app/accounts.h"
#include "app/password_policy.h"
#include "lib/utf8.h"
#include "test_util.h"

/* Asserts that z is refused with a message naming the password (field "password"). */
static void refused(const char *z) {
  JwErr e;
  if (password_policy_check(z, "password", &e) == 0) fail_msg("accepted: \"%s\"", z);
  assert_int_equal(e.status, 400);
  assert_string_equal(e.field, "password");
  assert_true(strstr(e.message, "密码") != NULL);
}

static void accepted(const char *z) {
  JwErr e;
  if (password_policy_check(z, "password", &e) != 0) fail_msg("refused: \"%s\": %s", z, e.message);
}

static void test_length_is_ten_to_128_code_points(void **state) {
  (void)state;
  refused("12345678");              /* accepted before: 8 characters */
  refused("        ");              /* eight spaces */
  refused("Kq7#vLm2x");             /* 9 */
  accepted("Kq7#vLm2xZ");           /* 10 */
  refused("检察院办案系统密码");    /* 9 Chinese characters (27 bytes) */
  accepted("检察院办案系统的密码"); /* 10 */
  char z[130];
  for (int i = 0; i < 128; i++) z[i] = (char)('!' + (i * 7) % 90);
  z[128] = 0;
  accepted(z);
  z[128] = 'x';
  z[129] = 0;
  refused(z);
  refused("\xff\xfe bad utf-8 text");
}

static void test_repeats_and_runs_are_refused(void **state) {
  (void)state;
  refused("          "); /* ten spaces */
  refused("aaaaaaaaaaaa");
  refused("1234567890");
  refused("0987654321");
  refused("abcdefghijkl");
  refused(
      "\xF0\xA0\x80\x80\xF0\xA0\x80\x80\xF0\xA0\x80\x80\xF0\xA0\x80\x80\xF0\xA0\x80\x80"
      "\xF0\xA0\x80\x80\xF0\xA0\x80\x80\xF0\xA0\x80\x80\xF0\xA0\x80\x80\xF0\xA0\x80\x80"); /* 10 x U+20000 */
  refused("qwertyuiop");
  refused("POIUYTREWQ");
  accepted("1357924680");
}

static void test_common_passwords_of_the_cracklib_list_are_refused(void **state) {
  (void)state;
  refused("administrator"); /* a word of the list as it is */
  refused("ADMINISTRATOR"); /* case does not help */
  refused("Password@2026"); /* the core "password" is listed */
  refused("2026iloveyou!!");
  refused("letmein123456");
  refused("  qwerty  2026");
  accepted("Jianwu@2026"); /* the demo password */
  accepted("admin-pass-1");
  accepted("zhang-pass-2");
}

/* Only tests make hashing cheap (accounts_use_cheap_hashing_for_tests, never called here): the product's hashes use
 * Argon2id with libsodium's interactive limits, 64 MiB and 2 passes. */
static void test_product_hashes_are_strong_argon2id(void **state) {
  (void)state;
  char zHash[128];
  assert_int_equal(accounts_hash_password("Jianwu@2026", zHash), 0);
  assert_non_null(strstr(zHash, "$argon2id$"));
  assert_non_null(strstr(zHash, "m=65536,t=2,"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_length_is_ten_to_128_code_points),
      cmocka_unit_test(test_repeats_and_runs_are_refused),
      cmocka_unit_test(test_common_passwords_of_the_cracklib_list_are_refused),
      cmocka_unit_test(test_product_hashes_are_strong_argon2id),
  };
  return cmocka_run_group_tests_name("password_policy", tests, NULL, NULL);
}
