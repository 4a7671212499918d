/* password_policy.h: what a new password must be. Checked wherever a password is set (user creation, an
 * administrator's reset, one's own change, the command line); never on sign-in, so existing passwords keep working.
 *
 * Rules, in order: well-formed UTF-8; 10 to 128 characters (code points); not one character repeated and not a
 * run of consecutive characters ("1234567890", "abcdefghij", "9876543210") or of one keyboard row ("qwertyuiop");
 * and not a common password: ignoring the
 * case of ASCII letters, neither the password nor its core (the password without the digits, spaces and symbols at
 * its start and end: "Password@2026" -> "password") may be a word of the cracklib word list that Debian ships in
 * cracklib-runtime (PASSWORD_WORDLIST, 54,763 words). The list is read once per process, on first use; when it
 * cannot be read, setting a password fails (500) rather than skipping the check. */
#ifndef JW_PASSWORD_POLICY_H
#define JW_PASSWORD_POLICY_H

#include "lib/err.h"

#define PASSWORD_MIN_CHARS 10
#define PASSWORD_MAX_CHARS 128
#define PASSWORD_WORDLIST  "/usr/share/dict/cracklib-small" /* Debian package cracklib-runtime */

/* 0 when zPassword may be set; -1 with e naming zField (400 validation_failed, or 500 when the word list cannot be
 * read). */
int password_policy_check(const char *zPassword, const char *zField, JwErr *e);

#endif
