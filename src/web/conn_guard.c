/* conn_guard.c: per-phase deadlines and the connection reserve (see conn_guard.h).
 *
 * Process-wide state: one table of slots under one mutex, and the reaper thread. A slot is in use from
 * conn_guard_open() to conn_guard_close(); free slots form a list. Scans are linear over at most max slots, every
 * SERVER_REAP_INTERVAL_MS and on each connection beyond the reserve: ~1,000 slots cost microseconds. */
#include "web/conn_guard.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "lib/log.h"
#include "lib/mem.h"
#include "web/server.h"

struct ConnSlot {
  int used;
  int fd;
  int ended; /* shut down by the guard; waiting for libmicrohttpd to close it */
  ConnPhase phase;
  int64_t sinceMs; /* when the phase began (CLOCK_MONOTONIC) */
  ConnSlot *pNextFree;
};

static struct {
  pthread_mutex_t mutex;
  pthread_cond_t wake;
  pthread_t reaper;
  int running;
  ConnSlot *aSlot;
  int nSlot;
  int nOpen;  /* registered connections */
  int nEnded; /* of which the guard has shut down, not yet closed by libmicrohttpd */
  int softLimit;
  ConnSlot *pFree;
} guard = {.mutex = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static int64_t guard_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The limit of a phase in milliseconds, or -1 for none. */
static int64_t guard_limit_ms(ConnPhase phase) {
  switch (phase) {
    case CONN_HEAD:
      return (int64_t)SERVER_HEAD_TIMEOUT * 1000;
    case CONN_IDLE:
      return (int64_t)SERVER_KEEPALIVE_TIMEOUT * 1000;
    case CONN_BODY:
      return (int64_t)SERVER_BODY_TIMEOUT * 1000;
    case CONN_REPLY:
      return (int64_t)SERVER_REPLY_TIMEOUT * 1000;
    case CONN_BUSY:
      return -1;
    case CONN_UPLOAD: /* imports (issue 12) */
      return (int64_t)SERVER_UPLOAD_TIMEOUT * 1000;
  }
  return -1;
}

/* Ends a connection: shut its socket down both ways, so libmicrohttpd's next read sees the end and closes it.
 * Caller holds the mutex. */
static void guard_end(ConnSlot *s, const char *zWhy) {
  if (s->ended) return;
  s->ended = 1;
  guard.nEnded++;
  if (s->fd >= 0 && shutdown(s->fd, SHUT_RDWR) != 0 && errno != ENOTCONN) {
    log_error("connection guard: shutdown failed: %d", errno);
  }
  log_info("connection guard: closed a connection (%s)", zWhy);
}

/* Ends the connection waiting longest for a request head, other than except. Caller holds the mutex. */
static void guard_end_oldest_waiting(const ConnSlot *except) {
  ConnSlot *pOldest = NULL;
  for (int i = 0; i < guard.nSlot; i++) {
    ConnSlot *s = &guard.aSlot[i];
    if (!s->used || s->ended || s == except || (s->phase != CONN_HEAD && s->phase != CONN_IDLE)) continue;
    if (!pOldest || s->sinceMs < pOldest->sinceMs) pOldest = s;
  }
  if (pOldest) guard_end(pOldest, "reserve kept for new clients");
}

/* The reaper: every SERVER_REAP_INTERVAL_MS, ends each connection past its phase's limit. */
static void *guard_reaper(void *arg) {
  (void)arg;
  pthread_mutex_lock(&guard.mutex);
  while (guard.running) {
    int64_t now = guard_now_ms();
    for (int i = 0; i < guard.nSlot; i++) {
      ConnSlot *s = &guard.aSlot[i];
      if (!s->used || s->ended) continue;
      int64_t limit = guard_limit_ms(s->phase);
      if (limit >= 0 && now - s->sinceMs > limit) guard_end(s, "phase time limit");
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += (long)SERVER_REAP_INTERVAL_MS * 1000000L;
    until.tv_sec += until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    pthread_cond_timedwait(&guard.wake, &guard.mutex, &until);
  }
  pthread_mutex_unlock(&guard.mutex);
  return NULL;
}

int conn_guard_start(int maxConnections, int reserve) {
  pthread_mutex_lock(&guard.mutex);
  /* some room over libmicrohttpd's limit: it may count a connection as gone just before telling us */
  int nSlot = maxConnections + 64;
  guard.aSlot = xcalloc((size_t)nSlot, sizeof *guard.aSlot);
  guard.nSlot = nSlot;
  guard.nOpen = 0;
  guard.nEnded = 0;
  guard.softLimit = maxConnections - reserve;
  guard.pFree = NULL;
  for (int i = nSlot - 1; i >= 0; i--) {
    guard.aSlot[i].pNextFree = guard.pFree;
    guard.pFree = &guard.aSlot[i];
  }
  guard.running = 1;
  pthread_mutex_unlock(&guard.mutex);
  if (pthread_create(&guard.reaper, NULL, guard_reaper, NULL) != 0) {
    pthread_mutex_lock(&guard.mutex);
    guard.running = 0;
    pthread_mutex_unlock(&guard.mutex);
    return -1;
  }
  return 0;
}

void conn_guard_stop(void) {
  pthread_mutex_lock(&guard.mutex);
  int wasRunning = guard.running;
  guard.running = 0;
  pthread_cond_broadcast(&guard.wake);
  pthread_mutex_unlock(&guard.mutex);
  if (wasRunning) pthread_join(guard.reaper, NULL);
  pthread_mutex_lock(&guard.mutex);
  free(guard.aSlot);
  guard.aSlot = NULL;
  guard.nSlot = 0;
  guard.pFree = NULL;
  pthread_mutex_unlock(&guard.mutex);
}

ConnSlot *conn_guard_open(int fd) {
  pthread_mutex_lock(&guard.mutex);
  ConnSlot *s = guard.pFree;
  if (s) {
    guard.pFree = s->pNextFree;
    *s = (ConnSlot){.used = 1, .fd = fd, .phase = CONN_HEAD, .sinceMs = guard_now_ms()};
    guard.nOpen++;
    if (guard.nOpen - guard.nEnded > guard.softLimit) guard_end_oldest_waiting(s);
  }
  pthread_mutex_unlock(&guard.mutex);
  return s;
}

void conn_guard_close(ConnSlot *s) {
  if (!s) return;
  pthread_mutex_lock(&guard.mutex);
  if (s->ended) guard.nEnded--;
  s->used = 0;
  s->ended = 0;
  s->fd = -1;
  s->pNextFree = guard.pFree;
  guard.pFree = s;
  guard.nOpen--;
  pthread_mutex_unlock(&guard.mutex);
}

void conn_guard_phase(ConnSlot *s, ConnPhase phase) {
  if (!s) return;
  pthread_mutex_lock(&guard.mutex);
  s->phase = phase;
  s->sinceMs = guard_now_ms();
  pthread_mutex_unlock(&guard.mutex);
}
