/* test_router.c: the route table's invariants and path matching. Every state-changing route with a session needs
 * CSRF; every route declares a permission; no two routes share a method and pattern; only GET routes take no body. */
#include <stdlib.h>

#include "core/roles.h"
#include "web/api.h"
#include "web/router.h"
#include "test_util.h"

static void test_every_route_declares_a_sound_policy(void **state) {
  (void)state;
  assert_true(routes_count > 10);
  for (size_t i = 0; i < routes_count; i++) {
    const Route *r = &routes[i];
    int writes = strcmp(r->zMethod, "GET") != 0;
    if (writes && r->perm != PERM_PUBLIC) assert_int_equal(r->csrf, 1);
    if (!writes) assert_int_equal(r->maxBody, BODY_NONE);
    if (r->perm == PERM_PUBLIC) {
      /* the only public routes: health and sign-in */
      assert_true(strcmp(r->zPattern, "/healthz") == 0 || strcmp(r->zPattern, "/api/v1/session") == 0);
    } else {
      assert_non_null(perm_name(r->perm)); /* exactly one known permission bit */
    }
    assert_true(r->zPattern[0] == '/');
    for (size_t k = 0; k < i; k++) {
      assert_false(strcmp(routes[k].zMethod, r->zMethod) == 0 && strcmp(routes[k].zPattern, r->zPattern) == 0);
    }
  }
}

static void test_paths_match_with_ids(void **state) {
  (void)state;
  Req r;
  int known;
  memset(&r, 0, sizeof r);
  const Route *rt = router_match(&r, "PUT", "/api/v1/users/42", &known);
  assert_non_null(rt);
  assert_string_equal(rt->zPattern, "/api/v1/users/{id}");
  assert_int_equal(r.aPathId[0], 42);
  rt = router_match(&r, "POST", "/api/v1/users/7/password", &known);
  assert_non_null(rt);
  assert_int_equal(r.aPathId[0], 7);
  /* ids: positive decimal only */
  assert_null(router_match(&r, "PUT", "/api/v1/users/0", &known));
  assert_null(router_match(&r, "PUT", "/api/v1/users/012", &known));
  assert_null(router_match(&r, "PUT", "/api/v1/users/-1", &known));
  assert_null(router_match(&r, "PUT", "/api/v1/users/1x", &known));
  assert_null(router_match(&r, "PUT", "/api/v1/users/9999999999999999", &known));
  /* known path, wrong method: 405 with Allow */
  assert_null(router_match(&r, "DELETE", "/api/v1/users", &known));
  assert_true(known);
  assert_string_equal(r.zAllow, "GET, POST");
  /* HEAD is GET; unknown /api/ paths are not sent to the static files */
  assert_non_null(router_match(&r, "HEAD", "/healthz", &known));
  assert_null(router_match(&r, "GET", "/api/v1/nothing", &known));
  assert_false(known);
  rt = router_match(&r, "GET", "/js/app.js", &known);
  assert_non_null(rt);
  assert_ptr_equal(rt->xHandler, static_serve);
  arena_free(&r.arena);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_route_declares_a_sound_policy),
      cmocka_unit_test(test_paths_match_with_ids),
  };
  return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
