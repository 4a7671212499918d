/* idcard.h: the 公民身份号码 (GB 11643-1999), normalised and validated; the key that identifies a person
 * (DOMAIN.md 0.3 and section 10).
 *
 * An 18-character number is a 6-digit address code (GB/T 2260), an 8-digit birth date YYYYMMDD, a 3-digit sequence
 * (odd = male, even = female) and a check character computed by ISO 7064 MOD 11-2 over the first 17 digits. The
 * legacy 15-digit number (GB 11643-1989) has a 6-digit birth date YYMMDD and no check character; it is upgraded by
 * inserting "19" before YYMMDD and appending the check character (DOMAIN.md section 10: the century is always 19).
 *
 * The normal form is the 18-character ASCII string with an upper-case 'X' as the only possible non-digit, last.
 * Two people are the same person only if their normal forms are equal (and never on a name alone).
 * Pure functions: no I/O, no allocation. */
#ifndef JW_IDCARD_H
#define JW_IDCARD_H

#include <stddef.h>

#include "core/date.h"

/* Return codes of idcard_normalize(), one per reason. */
#define JW_ID_OK        0
#define JW_ID_EFORMAT   (-1) /* not 18 (or 15) digits, or a character that does not belong */
#define JW_ID_EREGION   (-2) /* address code: not a GB/T 2260 province */
#define JW_ID_EBIRTH    (-3) /* the birth date is not a real date (or before JW_ID_BIRTH_YEAR_MIN) */
#define JW_ID_EFUTURE   (-4) /* the birth date is after today */
#define JW_ID_ECHECKSUM (-5) /* the check character does not match */

#define JW_ID_BIRTH_YEAR_MIN 1800 /* earliest plausible birth year [M]; GB 11643's own example is born 1880 */

/* What a valid number tells about its holder. */
typedef struct JwIdInfo {
  char sex;     /* 'M' (17th digit odd) or 'F' (even) */
  JwDate birth; /* the birth date */
} JwIdInfo;

/* Return the check character ('0'..'9' or 'X') of the 17 digits at zBody, by ISO 7064 MOD 11-2: S = sum of digit i
 * times weight W_i (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, i.e. 2^(17-i) mod 11), then "10X98765432"[S mod 11].
 * Return 0 if any of the 17 bytes is not an ASCII digit. */
char idcard_check_char(const char *zBody);

/* Normalise and validate the n bytes at zIn (need not be NUL-terminated) as a 公民身份号码, with `today` as the
 * latest possible birth date. Accepted input:
 *   - surrounding ASCII blanks (space, tab, CR, LF) and ideographic spaces (U+3000) are ignored; blanks inside
 *     are not;
 *   - full-width digits ０..９ (U+FF10..U+FF19) and full-width Ｘ/ｘ (U+FF38, U+FF58), in UTF-8, count as their
 *     ASCII forms;
 *   - 18 characters: 17 digits and a last character that is a digit, 'X' or 'x' (upper-cased);
 *   - 15 digits: the legacy form, upgraded to 18.
 * Checks, in this order (the first failure is returned): form (JW_ID_EFORMAT); the first two digits are a GB/T
 * 2260 province code (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82; JW_ID_EREGION); the birth date is a
 * real date from JW_ID_BIRTH_YEAR_MIN on (JW_ID_EBIRTH) and not after today (JW_ID_EFUTURE); the check character
 * (JW_ID_ECHECKSUM; not checked for a 15-digit input, which has none). On success write the 18 characters and a NUL
 * to out, fill *pInfo (when not NULL) and return 0. On failure write "" to out, leave *pInfo unchanged and return
 * the negative JW_ID_E* code. */
int idcard_normalize(const char *zIn, size_t n, JwDate today, char out[19], JwIdInfo *pInfo);

/* Return a static message in Chinese for a return code of idcard_normalize() (e.g. "公民身份号码校验位错误"). */
const char *idcard_error_message(int rc);

#endif /* JW_IDCARD_H */
