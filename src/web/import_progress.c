/* import_progress.c: the in-process progress table of import_progress.h. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "web/import_progress.h"

typedef struct Slot {
  int64_t userId;
  char zToken[IMPORT_PROGRESS_TOKEN + 1];
  char zPhase[8];
  uint64_t done, total;
  int64_t batchId;
  uint64_t seq; /* 0: free; else the order of first use (the oldest is reused) */
} Slot;

static pthread_mutex_t progress_lock = PTHREAD_MUTEX_INITIALIZER;
static Slot progress_slots[IMPORT_PROGRESS_SLOTS];
static uint64_t progress_seq;

int import_progress_token_ok(const char *z) {
  size_t n = z ? strlen(z) : 0;
  if (n < 8 || n > IMPORT_PROGRESS_TOKEN) return 0;
  for (size_t i = 0; i < n; i++) {
    char c = z[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return 0;
  }
  return 1;
}

static Slot *find(int64_t userId, const char *zToken) {
  for (int i = 0; i < IMPORT_PROGRESS_SLOTS; i++) {
    Slot *s = &progress_slots[i];
    if (s->seq && s->userId == userId && strcmp(s->zToken, zToken) == 0) return s;
  }
  return NULL;
}

void import_progress_set(int64_t userId, const char *zToken, const char *zPhase, uint64_t done, uint64_t total,
                         int64_t batchId) {
  if (!import_progress_token_ok(zToken)) return;
  pthread_mutex_lock(&progress_lock);
  Slot *s = find(userId, zToken);
  if (!s) {
    s = &progress_slots[0];
    for (int i = 1; i < IMPORT_PROGRESS_SLOTS; i++) {
      if (progress_slots[i].seq < s->seq) s = &progress_slots[i];
    }
    memset(s, 0, sizeof *s);
    s->userId = userId;
    snprintf(s->zToken, sizeof s->zToken, "%s", zToken);
    s->seq = ++progress_seq;
  }
  snprintf(s->zPhase, sizeof s->zPhase, "%s", zPhase);
  s->done = done;
  s->total = total;
  s->batchId = batchId;
  pthread_mutex_unlock(&progress_lock);
}

json_t *import_progress_get(int64_t userId, const char *zToken) {
  json_t *o = NULL;
  pthread_mutex_lock(&progress_lock);
  Slot *s = import_progress_token_ok(zToken) ? find(userId, zToken) : NULL;
  if (s) {
    int pct = s->total ? (int)(s->done * 100 / s->total) : 0;
    if (strcmp(s->zPhase, "done") == 0) pct = 100;
    o = json_pack("{s:s, s:I, s:I, s:i, s:o}", "phase", s->zPhase, "done", (json_int_t)s->done, "total",
                  (json_int_t)s->total, "percent", pct > 100 ? 100 : pct, "batch_id",
                  s->batchId ? json_integer(s->batchId) : json_null());
  }
  pthread_mutex_unlock(&progress_lock);
  return o;
}
