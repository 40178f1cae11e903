/* search.h - the universal lookup (FTS5) behind `csm find` and the console's
 * lookup screen: names, numbers, codes, emails, phones, serial numbers. */
#ifndef CSM_STORE_SEARCH_H
#define CSM_STORE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum search_kind {
	SK_ACCOUNT,
	SK_CONTACT,
	SK_CONSUMER,
	SK_HOUSEHOLD,
	SK_CASE,
	SK_INSTALL_BASE,
	SK_SOLD_PRODUCT,
	SK_COUNT
};
#define SEARCH_KIND_BIT(k) (1u << (k))
#define SEARCH_ALL_KINDS ((1u << SK_COUNT) - 1)

struct search_hit {
	enum search_kind kind;
	int64_t id;     /* row id in the kind's table */
	char *number;   /* record number (ACCT0000001, CS0000042, ...) */
	char *title;    /* what to show: the name or short description */
	char *field;    /* which field matched: "name", "email", "phone", "serial", ... */
	char *matched;  /* the matched field's value */
	char *detail;   /* one more line of context (account of a contact, state of a case) */
};

struct search_result {
	struct search_hit *hits; /* owned, n entries, best first */
	size_t n;
};

/* "account", "contact", ...: the label shown for a kind. */
const char *search_kind_name(enum search_kind k);
/* Parses a kind name (as --kind takes it); returns 0 or -1. */
int search_kind_parse(const char *s, enum search_kind *out);

/* The kinds a business model shows ("b2b": account, contact, case,
 * install_base, sold_product; "b2c": consumer, household and the last three;
 * "b2b2c": all), as a mask of SEARCH_KIND_BIT()s; 0 for an unknown model. */
unsigned search_kinds_for_model(const char *model);

/* Looks text up over the kinds in kinds_mask, at most limit hits, ranked:
 * exact matches of a number or name first (found whatever their id, however
 * many longer values hold the text), then active records before inactive
 * ones, prefix matches of numbers and names before other fields, shorter
 * values first.  Every word of text is a prefix; text that is mostly digits
 * also matches phone numbers by any run of 4 or more of their digits, in
 * national or international format (a leading 0, 00 or +country code is
 * tried without).  User text is quoted for FTS5, so any characters are
 * searched for literally; empty text gives no hits.  Only records the
 * acting user sees (store/access.h).  Fills out (owned; call
 * search_result_fini() after, also on error).  Returns 0 or -1 with err
 * set. */
int store_search(struct store *s, const char *text, unsigned kinds_mask, size_t limit,
		 struct search_result *out, struct csm_error *err);

/* Frees the hits of r and empties it. */
void search_result_fini(struct search_result *r);

/* Rebuilds the search indexes (search_fts, search_exact, search_phone) from the
 * tables, after a bulk load with store_set_bulk() or to repair them.  Runs
 * in the caller's transaction or its own.  Returns 0 or -1 with err set. */
int store_search_rebuild(struct store *s, struct csm_error *err);

/* Building the indexes on two more threads while a bulk load goes on
 * (store_seed() does this):
 *   store_search_build_start() sets *out to an owned builder, or to NULL
 *   when the database has no directory for the builders' scratch files (in
 *   memory): then store_search_rebuild() after the load does the work;
 *   store_search_build_kind() hands over the records of kind k added since
 *   its last call for k (those with a higher row id), read on the store's
 *   connection; call it as the load goes, whenever the records added so far
 *   are final (the caller's transaction may be open): nothing may change
 *   them after;
 *   store_search_build_close() says that nothing more comes: the builders
 *   finish their indexes meanwhile;
 *   store_search_build_finish() waits for each builder and puts its indexes
 *   in place, in the caller's transaction;
 *   store_search_build_free() stops the builders, closes their scratch
 *   files and frees it all (also after a failure; NULL is ignored).
 * Each returns 0 or -1 with err set, store_search_build_close() nothing. */
struct search_build;
int store_search_build_start(struct store *s, struct search_build **out, struct csm_error *err);
int store_search_build_kind(struct search_build *b, enum search_kind k, struct csm_error *err);
void store_search_build_close(struct search_build *b);
int store_search_build_finish(struct search_build *b, struct csm_error *err);
void store_search_build_free(struct search_build *b);

/* Checks that the search indexes match the tables (FTS5 integrity-check
 * against their content).  Returns 0, or -1 with err set: CSM_EX_DATAERR
 * when an index is out of step (store_search_rebuild() repairs it). */
int store_search_check(struct store *s, struct csm_error *err);

#endif
