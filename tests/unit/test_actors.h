/* test_actors.h: the users and actors the capability tests (suggestions, petitions, stats, leads) set up, written
 * once: a user with one role in an office and department, and the Actor a signed-in session of theirs would have. */
#ifndef JW_TEST_ACTORS_H
#define JW_TEST_ACTORS_H
#include <jansson.h>

#include "app/audit.h"
#include "store/accounts_store.h"

/* A user with the one role zRole (login and name zLogin), created at 2026-01-01; asserts it was written. */
static inline int64_t mk_user(Db *db, int64_t orgId, int64_t deptId, const char *zLogin, const char *zRole) {
  int64_t id = user_store_insert(db, orgId, deptId, zLogin, zLogin, "$dummy$", "2026-01-01T00:00:00Z");
  assert_true(id > 0);
  json_t *roles = json_pack("[s]", zRole);
  assert_int_equal(user_store_set_roles(db, id, roles), 0);
  json_decref(roles);
  return id;
}

/* The actor of user userId: their office, department and the permissions of their roles. */
static inline Actor actor_of(Db *db, int64_t orgId, int64_t userId, int64_t deptId) {
  Actor a = {.userId = userId,
             .orgId = orgId,
             .zLogin = "test",
             .perms = user_store_permissions(db, userId),
             .departmentId = deptId};
  return a;
}

#endif
