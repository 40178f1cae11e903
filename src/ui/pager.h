/* pager.h - a list source (list.h) over a function that can only page
 * forward, as most of the store's and domain's lists do (a customer's
 * cases, contacts, sold products, install base trees, ...).
 *
 * Forward pages go straight to the function with the anchor row's key and
 * id.  A backward page (the list scrolled back past rows it dropped, or
 * jumped to the end) is answered by walking forward from the start in
 * pages and keeping only the last `limit` rows before the anchor, so
 * memory stays flat; it costs one pass over the rows before the anchor,
 * which is fine for one customer's records. */
#ifndef CSM_UI_PAGER_H
#define CSM_UI_PAGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/list.h"
#include "util/error.h"

/* Appends to out the rows after (after_key, after_id) in list order (NULL
 * key and 0 id: from the start), at least min(limit, rows left) of them
 * (more is fine, e.g. a whole tree); each row's key and id must be what
 * this function accepts as an anchor, and ids must be unique.  Sets *more
 * when rows may follow.  Returns 0 or -1 with err. */
typedef int (*pager_fetch_fn)(void *ctx, const char *after_key, int64_t after_id, size_t limit,
			      struct list_rows *out, bool *more, struct csm_error *err);

struct pager {
	pager_fetch_fn fetch;        /* the forward page function */
	void (*free_data)(void *);   /* frees a row's data, NULL when none */
	void *ctx;                   /* passed to fetch (borrowed) */
};

/* The fetch of a list source whose ctx is a struct pager *.  A screen
 * declares its source as {.fetch = pager_list_fetch, .free_data = F} with
 * F the same function as its pager's free_data (list.h calls free_data
 * with no context). */
int pager_list_fetch(void *ctx, const struct list_row *anchor, int dir, size_t limit,
		     struct list_rows *out, struct csm_error *err);

#endif
