/* credit_code.h: the 统一社会信用代码 (unified social credit code, GB 32100-2015) of an agency, normalised and
 * validated. Pure functions: no I/O, no allocation.
 *
 * The code is 18 characters from the 31-character set 0-9 A-H J-N P-R T U W-Y (no I O Z S V):
 *   1     the registration authority (登记管理部门): 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教,
 *         8 工会, 9 工商, A 中央军委改革和编制办公室, N 农业, Y 其他;
 *   2     the organisation type (机构类别), one of the types that authority registers (credit_code_type_ok());
 *   3-8   the administrative division (登记管理机关行政区划码, GB/T 2260): six digits;
 *   9-17  the organisation code (组织机构代码, GB 11714): eight body characters (digits and the set's letters) and a
 *         check character: C9 = 11 - (sum of value_i * w_i mod 11) with w = 3 7 9 10 5 8 4 2 and value = digit, or
 *         A=10 ... Y=34; 10 is written 'X' and 11 '0';
 *   18    the check character: C18 = 31 - (sum over the first 17 of value_i * 3^(i-1) mod 31), 31 written '0', where
 *         value_i is the character's index in the set.
 * Input accepted: surrounding blanks (ASCII and the full-width space U+3000) are trimmed; full-width ASCII (U+FF01 to
 * U+FF5E: ０-９, Ａ-Ｚ, ａ-ｚ) counts as its ASCII form; lower case is folded to upper case. */
#ifndef JW_CREDIT_CODE_H
#define JW_CREDIT_CODE_H

#include <stddef.h>

/* Return codes of credit_code_normalize(), one per reason, in the order they are checked. */
#define JW_CC_OK         0
#define JW_CC_ELENGTH    (-1) /* not 18 characters after trimming */
#define JW_CC_ECHAR      (-2) /* a character outside the set (I O Z S V, punctuation, a Chinese character ...) */
#define JW_CC_EAUTHORITY (-3) /* the first character is not a registration authority */
#define JW_CC_ETYPE      (-4) /* the second is not a type that authority registers */
#define JW_CC_EDIVISION  (-5) /* characters 3-8 are not six digits */
#define JW_CC_EORGCHECK  (-6) /* the organisation code's check character (the 17th) does not match */
#define JW_CC_ECHECK     (-7) /* the final check character does not match */

/* The value of c in the code's character set (0..30), or -1 when c is not in it (upper-case ASCII only). */
int credit_code_value(char c);
/* The organisation code's check character for the 8 body characters at zBody (GB 11714), or 0 when one is not a
 * digit or a letter of the set. */
char credit_code_org_check(const char *zBody);
/* The final check character for the 17 characters at zBody, or 0 when one is not in the set. */
char credit_code_check(const char *zBody);
/* 1 when the authority character a registers organisations of type t. */
int credit_code_type_ok(char a, char t);
/* Completes a code: z16 is the authority, type, division and the organisation code's 8 body characters (16
 * characters, upper case); writes the 18-character code with both check characters and a NUL to out. 0, or -1 when
 * z16 is not 16 characters of the set. (For demo data and tests: codes are never invented for real agencies.) */
int credit_code_complete(const char *z16, char out[19]);

/* Normalises and validates the n bytes at zIn (need not be NUL-terminated). On success writes the 18 upper-case
 * characters and a NUL to out and returns JW_CC_OK; on failure writes "" and returns the first failed check's code. */
int credit_code_normalize(const char *zIn, size_t n, char out[19]);
/* A static message in Chinese for a return code of credit_code_normalize() ("统一社会信用代码校验位错误"). */
const char *credit_code_error_message(int rc);

#endif /* JW_CREDIT_CODE_H */
