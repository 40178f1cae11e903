#include "util/error.h"

#include <stdio.h>
#include <string.h>

void csm_error_clear(struct csm_error *err)
{
	if (!err)
		return;
	err->msg[0] = '\0';
	err->code = 0;
}

int csm_error_set(struct csm_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	err->code = code;
	return -1;
}

int csm_error_prefix(struct csm_error *err, const char *fmt, ...)
{
	char prefix[256], old[sizeof err->msg];
	size_t n;
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	n = strlen(prefix);
	if (n >= sizeof err->msg)
		n = sizeof err->msg - 1;
	memcpy(err->msg, prefix, n);
	/* what does not fit is cut: the start of a message says the most */
	snprintf(err->msg + n, sizeof err->msg - n, "%.*s", (int)(sizeof err->msg - n - 1), old);
	return -1;
}
