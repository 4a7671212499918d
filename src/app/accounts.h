/* accounts.h: use cases for organisations, departments and users. Each function validates its JSON input (unknown
 * fields, types, lengths, formats), writes through the store inside one transaction with its audit row, and returns
 * the record as the API shows it. On failure nothing is written, and e names the field at fault.
 *
 * Scoping: an actor acts inside their own organisation; organisations below it can be created and read. A record of
 * another organisation answers 404 not_found, as if it did not exist. */
#ifndef JW_ACCOUNTS_H
#define JW_ACCOUNTS_H
#include <jansson.h>

#include "app/audit.h"
#include "lib/err.h"
#include "store/accounts_store.h"
#include "store/db.h"

/* *out receives a new reference on success. */
int accounts_org_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
int accounts_org_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
int accounts_org_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);
int accounts_dept_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
int accounts_dept_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
int accounts_user_create(Db *db, const Actor *actor, const json_t *in, json_t **out, JwErr *e);
int accounts_user_update(Db *db, const Actor *actor, int64_t id, const json_t *in, json_t **out, JwErr *e);
int accounts_user_reset_password(Db *db, const Actor *actor, int64_t id, const json_t *in, JwErr *e);

/* Command-line bootstrap: creates an organisation with no parent (or under zParentCode) as the system actor. */
int accounts_org_bootstrap(Db *db, const char *zCode, const char *zName, const char *zLevel, const char *zParentCode,
                           int64_t *pId, JwErr *e);
/* Command-line bootstrap: creates a user in the organisation with code zOrgCode, with one role and a password. */
int accounts_user_bootstrap(Db *db, const char *zOrgCode, const char *zLogin, const char *zName, const char *zRole,
                            const char *zPassword, int64_t *pId, JwErr *e);

/* Validators shared with the command line; 0 ok, -1 with e naming zField. Passwords: password_policy.h. */
int accounts_check_password(const char *zPassword, const char *zField, JwErr *e);
/* Hashes a password with Argon2id into out (crypto_pwhash_STRBYTES). 0 ok, -1 out of memory. */
int accounts_hash_password(const char *zPassword, char *out);
/* Unit tests only (never called by the product): makes accounts_hash_password use libsodium's minimum Argon2id
 * cost so that tests creating and signing in many users run fast. The product always uses the interactive limits. */
void accounts_use_cheap_hashing_for_tests(void);

/* Reads for the web layer (a database error answers 500, never 404): *out a new reference. */
int accounts_org_list(Db *db, const Actor *actor, json_t **out, JwErr *e);   /* {"items":[Org]}: own and below */
int accounts_dept_list(Db *db, const Actor *actor, json_t **out, JwErr *e);  /* {"items":[Department]} */
int accounts_user_list(Db *db, const UserFilter *f, json_t **out, JwErr *e); /* page of User */
int accounts_user_get(Db *db, const Actor *actor, int64_t id, json_t **out, JwErr *e);

#endif
