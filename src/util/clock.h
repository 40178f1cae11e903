/* clock.h - the one clock of csm.
 *
 * Everything that needs "now" or "today" asks here, so that tests can fix the
 * time with CSM_NOW=2026-01-15T09:30:00Z (or just a date). */
#ifndef CSM_UTIL_CLOCK_H
#define CSM_UTIL_CLOCK_H

#include <stddef.h>
#include <time.h>

/* Seconds since the epoch, or the CSM_NOW override. */
time_t clock_now(void);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" (UTC) into buf (at least 21 bytes). */
void clock_timestamp(char *buf, size_t size);
/* Writes "YYYY-MM-DD" (UTC) into buf (at least 11 bytes). */
void clock_today(char *buf, size_t size);
/* Writes the date days away from today into buf ("YYYY-MM-DD"). */
void clock_date_offset(char *buf, size_t size, long days);
/* True when s is a valid "YYYY-MM-DD" calendar date. */
int clock_valid_date(const char *s);

#endif
