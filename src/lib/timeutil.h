/* timeutil.h: wall-clock instants as UTC ISO-8601 text ("2026-11-30T06:09:43Z") and as Unix seconds.
 */
#ifndef JW_TIMEUTIL_H
#define JW_TIMEUTIL_H
#include <stdint.h>

int64_t time_now(void);                 /* Unix seconds */
void time_now_iso(char out[32]);        /* now as "YYYY-MM-DDTHH:MM:SSZ" */
void time_iso(int64_t t, char out[32]); /* t as "YYYY-MM-DDTHH:MM:SSZ" */
void time_today(char out[11]);          /* today's UTC date "YYYY-MM-DD" */
/* Today's date in China Standard Time (UTC+8, no daylight saving): the "today" of every legal deadline. */
void time_today_china(char out[11]);

#endif
