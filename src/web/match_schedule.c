/* match_schedule.c: the nightly run of the data-matching models (see match_schedule.h). */
#include "web/match_schedule.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "app/leads.h"
#include "lib/log.h"
#include "store/db.h"

#define CST_OFFSET (8 * 3600)
#define RUN_AT     (2 * 3600) /* 02:00 in the day, China Standard Time */

static struct {
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int started, stopping;
  const char *zDbPath;
} sched = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

long match_schedule_delay(long long now) {
  long long day = (now + CST_OFFSET) % 86400;
  long long d = RUN_AT - day;
  if (d <= 0) d += 86400;
  return (long)d;
}

static void run_once(void) {
  Db *db = NULL;
  JwErr e;
  if (db_open(sched.zDbPath, DB_OPEN_EXISTING, &db, &e)) {
    log_error("match schedule: cannot open the database: %s", e.message);
    return;
  }
  if (leads_run_all(db, "schedule", &e)) log_error("match schedule: %s", e.message);
  else log_info("match schedule: the models ran");
  db_close(db);
}

static void *sched_main(void *arg) {
  (void)arg;
  pthread_mutex_lock(&sched.mu);
  while (!sched.stopping) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += match_schedule_delay((long long)ts.tv_sec);
    int rc = 0;
    while (!sched.stopping && rc != ETIMEDOUT) rc = pthread_cond_timedwait(&sched.cv, &sched.mu, &ts);
    if (sched.stopping) break;
    pthread_mutex_unlock(&sched.mu);
    run_once();
    pthread_mutex_lock(&sched.mu);
  }
  pthread_mutex_unlock(&sched.mu);
  return NULL;
}

int match_schedule_start(const char *zDbPath) {
  sched.zDbPath = zDbPath;
  sched.stopping = 0;
  if (pthread_create(&sched.thread, NULL, sched_main, NULL)) return -1;
  sched.started = 1;
  return 0;
}

void match_schedule_stop(void) {
  if (!sched.started) return;
  pthread_mutex_lock(&sched.mu);
  sched.stopping = 1;
  pthread_cond_signal(&sched.cv);
  pthread_mutex_unlock(&sched.mu);
  pthread_join(sched.thread, NULL);
  sched.started = 0;
}
