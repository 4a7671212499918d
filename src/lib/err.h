/* err.h: JwErr, the typed error every app and web function fills in on failure.
 *
 * Functions return 0 for OK and -1 on error; on error they fill a JwErr with the HTTP status the web layer will
 * answer, a stable snake_case code (see docs/api.md), a message for the user in Simplified Chinese, and the
 * input field at fault (empty when no single field is).
 *
 * Sizes: a message embeds user values (a name, a code, a list item: at most a few hundred characters of up to 4
 * bytes each), so ERR_MESSAGE_SIZE holds every message the API can produce whole. A longer one (a file name from
 * the command line, an unknown JSON key of any length) is cut at a character boundary and ends with "…"; message
 * and field are always valid UTF-8, never cut inside a character. */
#ifndef JW_ERR_H
#define JW_ERR_H

#define ERR_MESSAGE_SIZE 2048 /* bytes, with the NUL */
#define ERR_FIELD_SIZE   128

typedef struct JwErr {
  int status;                     /* HTTP status: 400, 401, 403, 404, 409, 413, 423, 500 ... */
  const char *code;               /* static string: "validation_failed", "not_found", ... */
  char message[ERR_MESSAGE_SIZE]; /* UTF-8, for the user */
  char field[ERR_FIELD_SIZE];     /* dotted input path, or "" */
} JwErr;

/* Fills *e and returns -1, so callers can write `return err_set(e, 400, ...)`. zField may be NULL. */
int err_set(JwErr *e, int status, const char *code, const char *zField, const char *zFmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Shorthand for a 400 validation_failed naming zField. */
int err_field(JwErr *e, const char *zField, const char *zFmt, ...) __attribute__((format(printf, 3, 4)));
/* A 422 rule_violated naming zField, with zWhy (a rule's reason, shown as it is) as the message. */
int err_rule(JwErr *e, const char *zField, const char *zWhy);
/* A 500 "internal" error; the detail is logged, not shown to the user. */
int err_internal(JwErr *e, const char *zDetail);

#endif
