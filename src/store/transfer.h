/* transfer.h - `csm import` and `csm export`: CSV (RFC 4180, UTF-8, header
 * row) in and out, JSON out, for every customer, product, install base,
 * contract, entitlement, user and case kind, and for the links and history
 * between them (addresses, teams, related parties, contract coverage, case
 * journals and tasks).
 *
 * Import upserts by record number or external key (number, model number,
 * login, asset tag, location key; link rows by the keys of what they link),
 * checks every row and every column, and runs as one transaction: when any
 * row is wrong nothing is written, and each problem is reported as
 * "FILE:LINE: column "X": reason". */
#ifndef CSM_STORE_TRANSFER_H
#define CSM_STORE_TRANSFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "store/store.h"

struct transfer_stats {
	size_t rows;      /* data rows read */
	size_t inserted;  /* new records */
	size_t updated;   /* existing records changed */
	size_t unchanged; /* existing records equal to the row */
};

enum export_format { EXPORT_CSV, EXPORT_JSON };

/* The kind names, NULL-terminated, in an order that imports cleanly
 * (referenced kinds first). */
extern const char *const transfer_kind_names[];

/* True when name is a kind. */
bool transfer_kind_known(const char *name);

/* The CSV columns of a kind, comma-separated (static), or NULL. */
const char *transfer_kind_columns(const char *name);

/* Imports path (a CSV file, "-" for stdin) as kind.  Every problem found is
 * passed to report() (one line each, at most max_reports, then a count);
 * with dry_run nothing is kept even when all rows are good.  Returns 0 when
 * the import is good (and, without dry_run, committed), -1 otherwise with
 * err summarising (CSM_EX_DATAERR for bad rows). */
int store_import_csv(struct store *s, const char *kind, const char *path, bool dry_run,
		     void (*report)(void *ctx, const char *msg), void *ctx,
		     struct transfer_stats *stats, struct csm_error *err);

/* Writes every record of kind to out as CSV (header row, CRLF) or as a JSON
 * array of objects with typed values.  Returns 0 or -1 with err. */
int store_export(struct store *s, const char *kind, enum export_format fmt, FILE *out,
		 struct csm_error *err);

#endif
