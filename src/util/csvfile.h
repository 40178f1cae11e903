/* csvfile.h - RFC 4180 CSV reading (libcsv underneath) and writing.
 *
 * The reader streams a file row by row, knows the physical line each row
 * starts on (for "file:line:" messages), strips a UTF-8 byte order mark,
 * keeps spaces (RFC 4180: they are data), accepts CRLF and LF, fields with
 * embedded newlines and doubled quotes, and refuses malformed quoting and
 * invalid UTF-8 with the line and column number. */
#ifndef CSM_UTIL_CSVFILE_H
#define CSM_UTIL_CSVFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/error.h"

struct csv_in;

/* One parsed row, borrowed from the reader until the next call. */
struct csv_row {
	size_t line;    /* physical line (1-based) where the row starts */
	size_t n;       /* number of fields */
	char **fields;  /* NUL-terminated field values, n of them */
};

/* Opens path for reading ("-" is standard input).  Returns the owned reader
 * or NULL with err set (CSM_EX_NOINPUT). */
struct csv_in *csv_in_open(const char *path, struct csm_error *err);

/* Reads the next row into *row.  Returns 1 with a row, 0 at the end, -1 on
 * malformed input with err "FILE:LINE: ..." (CSM_EX_DATAERR). */
int csv_in_next(struct csv_in *in, const struct csv_row **row, struct csm_error *err);

/* The file name as given (borrowed). */
const char *csv_in_name(const struct csv_in *in);

void csv_in_free(struct csv_in **in);

/* Writes one field, quoted only when it must be (comma, quote, CR, LF, or
 * leading/trailing space); NULL writes an empty field. */
void csv_put_field(FILE *f, const char *s);
/* Writes a row of n fields and CRLF (RFC 4180). */
void csv_put_row(FILE *f, const char *const *fields, size_t n);

/* True when s is valid UTF-8; *bad_at gets the byte offset of the first
 * invalid sequence otherwise. */
bool utf8_valid(const char *s, size_t len, size_t *bad_at);

#endif
