/* test_util.h: the includes every cmocka unit test needs, in the order cmocka requires, and the fixtures the tests
 * share (dates by text, the shipped calendar). Static inline, so a test that uses none of them pays nothing. */
#ifndef JW_TEST_UTIL_H
#define JW_TEST_UTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/calendar.h"
#include "core/date.h"

/* Parse a literal "YYYY-MM-DD" that the test knows to be valid. */
static inline JwDate D(const char *z) {
  JwDate d = 0;
  assert_int_equal(date_parse(z, strlen(z), &d), 0);
  return d;
}

/* Assert that date d formats as zWant (so that failures print dates). */
static inline void assert_date(JwDate d, const char *zWant) {
  char z[11];
  date_format(d, z);
  assert_string_equal(z, zWant);
}

/* Fixture: a calendar with the shipped years loaded. */
static inline int setup_builtin(void **state) {
  JwCalendar *p = calendar_new();
  if (p == NULL || calendar_load_builtin(p) != 0) {
    calendar_free(p);
    return -1;
  }
  *state = p;
  return 0;
}

/* Fixture teardown: free the calendar. */
static inline int teardown_calendar(void **state) {
  calendar_free(*state);
  return 0;
}
#endif
