/* test_util.h: the includes every cmocka unit test needs, in the order cmocka requires. */
#ifndef JW_TEST_UTIL_H
#define JW_TEST_UTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#endif
