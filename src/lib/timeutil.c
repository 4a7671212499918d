/* timeutil.c: UTC instants (see timeutil.h). */
#include "lib/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t time_now(void) {
  return (int64_t)time(NULL);
}

void time_iso(int64_t t, char out[32]) {
  time_t tt = (time_t)t;
  struct tm tm;
  gmtime_r(&tt, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void time_now_iso(char out[32]) {
  time_iso(time_now(), out);
}

void time_today(char out[11]) {
  char z[32];
  time_now_iso(z);
  memcpy(out, z, 10);
  out[10] = 0;
}

void time_today_china(char out[11]) {
  char z[32];
  time_iso(time_now() + 8 * 3600, z);
  memcpy(out, z, 10);
  out[10] = 0;
}
