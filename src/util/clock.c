#include "util/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static time_t parse_override(const char *s)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, se = 0;

	if (sscanf(s, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &se) < 3)
		return (time_t)-1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	return timegm(&tm);
}

time_t clock_now(void)
{
	const char *s = getenv("CSM_NOW");
	if (s && *s) {
		time_t t = parse_override(s);
		if (t != (time_t)-1)
			return t;
	}
	return time(NULL);
}

void clock_timestamp(char *buf, size_t size)
{
	time_t t = clock_now();
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void clock_date_offset(char *buf, size_t size, long days)
{
	time_t t = clock_now() + (time_t)days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

void clock_today(char *buf, size_t size)
{
	clock_date_offset(buf, size, 0);
}

int clock_valid_date(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, n = 0;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return 0;
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}
