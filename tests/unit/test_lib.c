/* test_lib.c: unit tests for src/lib: Buf, Arena, UTF-8 checks and truncation, JwErr messages, checked JSON input. */
#include <stdlib.h>

#include "lib/err.h"

#include "lib/buf.h"
#include "lib/jsonin.h"
#include "lib/mem.h"
#include "lib/utf8.h"
#include "test_util.h"

static void test_buf_grows_and_stays_terminated(void **state) {
  (void)state;
  Buf b = BUF_INIT;
  assert_string_equal(buf_cstr(&b), "");
  for (int i = 0; i < 1000; i++) buf_printf(&b, "%d,", i % 10);
  assert_int_equal(b.n, 2000);
  assert_int_equal(b.z[b.n], 0);
  assert_memory_equal(b.z, "0,1,2,", 6);
  buf_reset(&b);
  assert_int_equal(b.n, 0);
  buf_append(&b, "a\0b", 3);
  assert_int_equal(b.n, 3);
  char *z = buf_detach(&b);
  assert_null(b.z);
  assert_int_equal(z[2], 'b');
  free(z);
  buf_free(&b);
}

static void test_arena_alignment_and_large_blocks(void **state) {
  (void)state;
  Arena a = ARENA_INIT;
  char *p1 = arena_alloc(&a, 3);
  char *p2 = arena_alloc(&a, 100000); /* larger than a block */
  char *p3 = arena_strdup(&a, "检务");
  assert_int_equal((uintptr_t)p1 % 16, 0);
  assert_int_equal((uintptr_t)p2 % 16, 0);
  assert_int_equal(p2[99999], 0); /* zeroed */
  assert_string_equal(p3, "检务");
  assert_string_equal(arena_printf(&a, "%s-%d", "x", 42), "x-42");
  assert_null(arena_strdup(&a, NULL));
  arena_free(&a);
  assert_null(a.pHead);
}

static void test_utf8_validation(void **state) {
  (void)state;
  assert_true(utf8_valid("abc", 3));
  assert_true(utf8_valid("检察院", strlen("检察院")));
  assert_true(utf8_valid("\xF0\x9F\x98\x80", 4));  /* U+1F600 */
  assert_false(utf8_valid("\xC0\xAF", 2));         /* overlong '/' */
  assert_false(utf8_valid("\xE0\x80\xAF", 3));     /* overlong */
  assert_false(utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
  assert_false(utf8_valid("\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
  assert_false(utf8_valid("\xE6\xA3", 2));         /* truncated */
  assert_false(utf8_valid("\xFF", 1));
  assert_int_equal(utf8_length("检察a", strlen("检察a")), 3);
  assert_true(utf8_has_control("a\nb", 3, NULL));
  assert_false(utf8_has_control("a\nb", 3, "\n"));
  assert_true(utf8_has_control("a\x7f", 2, "\n"));
}

static void test_jin_parse_rejects_bad_bodies(void **state) {
  (void)state;
  json_t *v = NULL;
  JwErr e;
  assert_int_equal(jin_parse("", 0, &v, &e), -1);
  assert_string_equal(e.code, "bad_json");
  assert_int_equal(jin_parse("{\"a\":", 5, &v, &e), -1);
  assert_string_equal(e.code, "bad_json");
  assert_int_equal(jin_parse("[1]", 3, &v, &e), -1);
  assert_int_equal(jin_parse("{\"a\":1,\"a\":2}", 13, &v, &e), -1); /* duplicate keys */
  assert_int_equal(jin_parse("{\"a\":\"\xff\"}", 9, &v, &e), -1);
  assert_int_equal(e.status, 400);
  /* depth: 16 levels pass, 17 fail; brackets inside strings do not count */
  char z[64] = {0};
  for (int i = 0; i < 16; i++) z[i] = '[';
  assert_false(jin_too_deep(z, 16, JIN_MAX_DEPTH));
  z[16] = '[';
  assert_true(jin_too_deep(z, 17, JIN_MAX_DEPTH));
  assert_false(jin_too_deep("{\"a\":\"[[[[[[[[[[[[[[[[[[[[\\\"[[[[\"}", 34, 2));
  assert_int_equal(jin_parse("{\"a\":1}", 7, &v, &e), 0);
  json_decref(v);
}

static const JinField fields[] = {
    {"name", JIN_STRING, 1, 1, 3}, {"note", JIN_TEXT, 0, 0, 20},   {"n", JIN_INT, 0, 1, 5},
    {"on", JIN_BOOL, 0, 0, 0},     {"tags", JIN_STRINGS, 0, 1, 2}, {"parent", JIN_ID_OR_NULL, 0, 0, 0},
};

/* Parses z and checks it against fields; returns the rc and leaves the error field in e. */
static int check(const char *z, JwErr *e) {
  json_t *v = json_loads(z, 0, NULL);
  assert_non_null(v);
  int rc = jin_check(v, fields, 6, e);
  json_decref(v);
  return rc;
}

static void test_jin_check_names_the_field(void **state) {
  (void)state;
  JwErr e;
  assert_int_equal(check("{\"name\":\"检察院\"}", &e), 0);
  assert_int_equal(check("{\"name\":\"检察院长\"}", &e), -1); /* 4 code points > 3 */
  assert_string_equal(e.field, "name");
  assert_int_equal(check("{}", &e), -1);
  assert_string_equal(e.field, "name");
  assert_int_equal(check("{\"name\":\"\"}", &e), -1);
  assert_int_equal(check("{\"name\":1}", &e), -1);
  assert_string_equal(e.field, "name");
  assert_int_equal(check("{\"name\":\"a\",\"extra\":1}", &e), -1);
  assert_string_equal(e.field, "extra");
  assert_int_equal(check("{\"name\":\"a\",\"\":1}", &e), -1); /* an empty key is named "?" (found by fuzz_jsonin) */
  assert_string_equal(e.field, "?");
  assert_int_equal(check("{\"name\":\"a\\n\"}", &e), -1); /* control character in a one-line field */
  assert_int_equal(check("{\"name\":\"a\",\"note\":\"line1\\nline2\"}", &e), 0);
  assert_int_equal(check("{\"name\":\"a\",\"n\":6}", &e), -1);
  assert_string_equal(e.field, "n");
  assert_int_equal(check("{\"name\":\"a\",\"n\":1.5}", &e), -1);
  assert_int_equal(check("{\"name\":\"a\",\"on\":1}", &e), -1);
  assert_string_equal(e.field, "on");
  assert_int_equal(check("{\"name\":\"a\",\"tags\":[\"x\",\"y\",\"z\"]}", &e), -1);
  assert_string_equal(e.field, "tags");
  assert_int_equal(check("{\"name\":\"a\",\"tags\":[1]}", &e), -1);
  assert_int_equal(check("{\"name\":\"a\",\"parent\":null}", &e), 0);
  assert_int_equal(check("{\"name\":\"a\",\"parent\":0}", &e), -1);
  assert_string_equal(e.field, "parent");
  json_t *v = NULL;
  const char *zNul = "{\"name\":\"a\\u0000b\"}"; /* NUL inside a string is refused by the parser */
  assert_int_equal(jin_parse(zNul, strlen(zNul), &v, &e), -1);
}

#define CJK_EXT_B "\xF0\xA0\x80\x80" /* U+20000 𠀀, 4 bytes */
#define ELLIPSIS  "\xE2\x80\xA6"     /* U+2026 … */

/* A heap string of n copies of z. */
static char *repeat(const char *z, size_t n) {
  size_t k = strlen(z);
  char *s = malloc(k * n + 1);
  for (size_t i = 0; i < n; i++) memcpy(s + i * k, z, k);
  s[k * n] = 0;
  return s;
}

static void test_utf8_prefix_and_copy_keep_whole_characters(void **state) {
  (void)state;
  const char *z = "a" CJK_EXT_B "b"; /* 1 + 4 + 1 bytes */
  assert_int_equal(utf8_prefix(z, 6, 10), 6);
  assert_int_equal(utf8_prefix(z, 6, 5), 5);
  for (size_t max = 1; max < 5; max++) assert_int_equal(utf8_prefix(z, 6, max), 1);
  assert_int_equal(utf8_prefix(z, 6, 0), 0);
  char zDst[8];
  assert_int_equal(utf8_copy(zDst, sizeof zDst, "abc"), 0);
  assert_string_equal(zDst, "abc");
  /* 8 bytes of room: 4 for the ellipsis and NUL leaves 4: "a" and not half of the next character */
  assert_int_equal(utf8_copy(zDst, sizeof zDst, "a" CJK_EXT_B CJK_EXT_B), 1);
  assert_string_equal(zDst, "a" ELLIPSIS);
  assert_int_equal(utf8_copy(zDst, sizeof zDst, CJK_EXT_B "xyz"), 0); /* 7 bytes fit in 8 */
  char zBad[] = "ok\xE6\xA3x\xFF";
  assert_int_equal(utf8_scrub(zBad), 3);
  assert_string_equal(zBad, "ok??x?");
}

/* Every message length around the buffer size, in 4-byte characters: the message is whole when it fits, else a
 * whole-character prefix plus "…"; always valid UTF-8 that jansson accepts (a cut character made the reply "?"). */
static void test_err_message_never_cuts_a_character(void **state) {
  (void)state;
  JwErr e;
  for (size_t k = ERR_MESSAGE_SIZE / 4 - 4; k <= ERR_MESSAGE_SIZE / 4 + 4; k++) {
    for (size_t pad = 0; pad < 4; pad++) {
      char *zValue = repeat(CJK_EXT_B, k);
      char *zPad = repeat("x", pad);
      assert_int_equal(err_field(&e, "name", "%s%s", zPad, zValue), -1);
      size_t n = strlen(e.message), full = pad + 4 * k;
      assert_true(n < ERR_MESSAGE_SIZE);
      assert_true(utf8_valid(e.message, n));
      if (full < ERR_MESSAGE_SIZE) {
        assert_int_equal(n, full);
        assert_memory_equal(e.message + pad, zValue, 4 * k);
      } else {
        assert_string_equal(e.message + n - 3, ELLIPSIS);
        assert_int_equal((n - 3 - pad) % 4, 0);
        assert_true(n > ERR_MESSAGE_SIZE - 8); /* it used the room it had */
      }
      json_t *j = json_string(e.message);
      assert_non_null(j);
      json_decref(j);
      free(zValue);
      free(zPad);
    }
  }
  /* the longest value the API embeds (a 64-character list item, 4 bytes each) and 500 Chinese characters fit */
  char *zLong = repeat("检", 500);
  char *zItem = repeat(CJK_EXT_B, 64);
  err_field(&e, "charges", "未知罪名 %s，说明：%s", zItem, zLong);
  assert_true(strstr(e.message, zItem) && strstr(e.message, zLong));
  free(zLong);
  free(zItem);
  /* a field path of 4-byte characters past its buffer is cut whole too */
  char *zField = repeat(CJK_EXT_B, ERR_FIELD_SIZE / 4 + 1);
  err_field(&e, zField, "未知字段");
  assert_true(utf8_valid(e.field, strlen(e.field)));
  assert_string_equal(e.field + strlen(e.field) - 3, ELLIPSIS);
  free(zField);
  /* invalid UTF-8 in a value never reaches the message */
  err_field(&e, "x", "值 %s", "\xFF\xFE");
  assert_string_equal(e.message, "值 ??");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_buf_grows_and_stays_terminated),
      cmocka_unit_test(test_arena_alignment_and_large_blocks),
      cmocka_unit_test(test_utf8_validation),
      cmocka_unit_test(test_jin_parse_rejects_bad_bodies),
      cmocka_unit_test(test_jin_check_names_the_field),
      cmocka_unit_test(test_utf8_prefix_and_copy_keep_whole_characters),
      cmocka_unit_test(test_err_message_never_cuts_a_character),
  };
  return cmocka_run_group_tests_name("lib", tests, NULL, NULL);
}
