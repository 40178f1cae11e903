/* permit.c - access rights of console actions (permit.h). */
#include "ui/permit.h"

#include <stdio.h>

bool permit_refuse(const struct store *s, const char *what, char *why, size_t size)
{
	char buf[300];

	if (why && size)
		snprintf(why, size, "%s", access_refusal(s, what, buf, sizeof buf));
	return false;
}

bool permit_check(const struct store *s, const struct permit *t, size_t n, enum action a,
		  char *why, size_t size)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].action == a && !store_access_can(s, t[i].need))
			return permit_refuse(s, t[i].what, why, size);
	return true;
}
