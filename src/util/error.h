/* error.h - the one error type of csm.
 *
 * Functions that can fail return int (0 ok, -1 error) or bool and fill a
 * struct csm_error that the caller owns, usually on the stack.  Messages say
 * what and where ("customers.csv:42: column \"email\": not an address").
 * The CLI prints them as "csm: <msg>", the console in its status line. */
#ifndef CSM_UTIL_ERROR_H
#define CSM_UTIL_ERROR_H

#include <stdarg.h>

/* Exit codes (sysexits.h names, kept here so every layer can use them). */
enum csm_exit {
	CSM_EX_OK = 0,
	CSM_EX_FAIL = 1,      /* a check found problems, a refused action */
	CSM_EX_USAGE = 64,    /* wrong command line */
	CSM_EX_DATAERR = 65,  /* bad input data (CSV row, field value) */
	CSM_EX_NOINPUT = 66,  /* input file or record missing */
	CSM_EX_SOFTWARE = 70, /* internal error */
	CSM_EX_CANTCREAT = 73,/* output cannot be created */
	CSM_EX_IOERR = 74,    /* I/O or database error */
	CSM_EX_NOPERM = 77,   /* not a user, or not allowed (--as, admin only) */
	CSM_EX_CONFIG = 78,   /* configuration error */
};

struct csm_error {
	char msg[1024];   /* human readable, one line; empty when no error */
	int code;        /* a csm_exit value suggesting the exit status */
};

/* Clears err (may be NULL). */
void csm_error_clear(struct csm_error *err);

/* Sets err->msg from a printf format and err->code to code; returns -1 so
 * that callers can write `return csm_error_set(err, CSM_EX_DATAERR, ...)`.
 * err may be NULL, then the message is dropped. */
int csm_error_set(struct csm_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefixes the existing message with a formatted context ("file.csv:3: "). */
int csm_error_prefix(struct csm_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
