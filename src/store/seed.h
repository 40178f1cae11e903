/* seed.h - deterministic demo data (`csm seed`, the --demo database).
 *
 * store_seed() fills a database that `csm init` set up (reference data of an
 * industry template present, no customers yet) with customers, people,
 * locations, users and groups, products in use, contracts and cases, for a
 * business model.  It uses its own PRNG: the same seed and scale give the
 * same rows, names and numbers; only dates and times follow clock_now()
 * (fix them with CSM_NOW). */
#ifndef CSM_STORE_SEED_H
#define CSM_STORE_SEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "model/industry.h"
#include "store/store.h"

struct seed_options {
	unsigned scale;  /* 1..SEED_MAX_SCALE: 1 the demo, each step adds a unit (seed.c) */
	uint64_t seed;   /* PRNG seed */
	/* Called (when set) as each step of the seed is done, with what was
	 * done ("accounts and contacts loaded"); for `csm seed --progress`. */
	void (*progress)(void *ctx, const char *done);
	void *progress_ctx;
};

#define SEED_MAX_SCALE 10000

/* Rows per table, for the summary `csm seed` prints. */
struct seed_count {
	const char *table;  /* static table name */
	long long rows;
};

struct seed_report {
	struct seed_count tables[40];  /* in a fixed order */
	size_t n;
};

/* Generates the demo data for model from ind (the template the database was
 * set up with) inside one transaction (nested in the caller's if any).
 * Run it with store_set_bulk(s, true) (the fast way, for a new database):
 * then it also fills the search indexes, on two more threads while it loads
 * (store_search_build_start(), search.h).  Without bulk mode the triggers
 * keep them row by row.
 * A database that already holds customers, install base or cases is refused
 * (CSM_EX_FAIL): seeding twice would mix two demo worlds.  Returns 0, or -1
 * with err set and nothing written. */
int store_seed(struct store *s, const struct industry *ind, enum business_model model,
	       const struct seed_options *opt, struct csm_error *err);

/* Outside any transaction, before a seed (load true) and after it (false):
 * a seed writes a new database's pages once into the file under a rollback
 * journal (which holds only the few pages that were there before) instead
 * of once into the WAL and again at the checkpoint.  Needs the only
 * connection; when another one is open the mode stays WAL and the seed is
 * only slower.  Returns 0, or -1 when the mode could not be changed. */
int store_seed_journal(struct store *s, bool load);

/* Counts the rows of the tables the seed fills into out.  Returns 0 or -1. */
int store_seed_counts(struct store *s, struct seed_report *out, struct csm_error *err);

#endif
