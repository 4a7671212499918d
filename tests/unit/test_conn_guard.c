/* test_conn_guard.c: unit tests for src/web/conn_guard.c: the reserve ends the connection waiting longest for a
 * request head, never one whose request is being handled. Connections are socketpairs: a shut-down end reads EOF on
 * its peer. (The phase time limits are exercised with real connections in tests/api/slow_clients.test.mjs.) */
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "test_util.h"
#include "web/conn_guard.h"

typedef struct Pair {
  int server, client;
  ConnSlot *slot;
} Pair;

static void pair_open(Pair *p) {
  int fds[2];
  assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
  p->server = fds[0];
  p->client = fds[1];
  p->slot = conn_guard_open(p->server);
  assert_non_null(p->slot);
  struct timespec ts = {0, 3 * 1000 * 1000}; /* distinct start times, in milliseconds */
  nanosleep(&ts, NULL);
}

/* 1 when the server end was shut down: the client end reads EOF at once (it would block otherwise). */
static int pair_ended(const Pair *p) {
  char c;
  return recv(p->client, &c, 1, MSG_DONTWAIT) == 0;
}

static void pair_close(Pair *p) {
  conn_guard_close(p->slot);
  close(p->server);
  close(p->client);
}

static void test_reserve_ends_the_oldest_waiting_connection(void **state) {
  (void)state;
  assert_int_equal(conn_guard_start(4, 1), 0); /* the 4th live connection is over the soft limit of 3 */
  Pair a, b, c, d, e;
  pair_open(&a);
  pair_open(&b);
  pair_open(&c);
  assert_false(pair_ended(&a) || pair_ended(&b) || pair_ended(&c));
  conn_guard_phase(a.slot, CONN_BUSY); /* a's request is being handled: never ended for the reserve */
  pair_open(&d);
  assert_false(pair_ended(&a));
  assert_true(pair_ended(&b)); /* the oldest still waiting for its head */
  assert_false(pair_ended(&c) || pair_ended(&d));
  /* b is ended but not yet closed: it does not count as live, so nothing more is ended until a new one comes */
  conn_guard_phase(c.slot, CONN_IDLE); /* kept alive, waiting for its next head: restarts its clock */
  pair_open(&e);
  assert_true(pair_ended(&d)); /* now the oldest waiting (c's clock restarted after d opened) */
  assert_false(pair_ended(&c) || pair_ended(&e) || pair_ended(&a));
  pair_close(&a);
  pair_close(&b);
  pair_close(&c);
  pair_close(&d);
  pair_close(&e);
  conn_guard_stop();
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reserve_ends_the_oldest_waiting_connection),
  };
  return cmocka_run_group_tests_name("conn_guard", tests, NULL, NULL);
}
