/* match_schedule.h: the data-matching models on a schedule inside the server (issue 12 §3): one thread with its own
 * database connection runs every office's models (app/leads.h leads_run_all, trigger "schedule") each night at
 * 02:00 China Standard Time. */
#ifndef JW_MATCH_SCHEDULE_H
#define JW_MATCH_SCHEDULE_H
/* Starts the thread for the database zDbPath (kept, not copied). 0 or -1. */
int match_schedule_start(const char *zDbPath);
/* Stops it (waits for a run in progress to end). */
void match_schedule_stop(void);
/* Seconds from the Unix time `now` to the next 02:00 China Standard Time (1 .. 86400). */
long match_schedule_delay(long long now);
#endif
