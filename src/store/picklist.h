/* picklist.h - small paged reads behind the console's pickers and the
 * install base by location that no entity store has: service organizations
 * by name, the responsibilities, and install base items at a location
 * paged backwards (store_ib_at_location() pages forwards).
 *
 * Conventions as in store.h: 0 or -1 with err set; lists append owned
 * entries to the caller's list. */
#ifndef CSM_STORE_PICKLIST_H
#define CSM_STORE_PICKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/page.h"
#include "store/store.h"

/* One row of a picker: a record by its key and name. */
struct pick_entry {
	int64_t id;    /* row id */
	char *key;     /* what the domain API names it by: number or login (owned) */
	char *name;    /* display name (owned) */
	char *sort;    /* the page key of the row (owned): its name */
	bool active;   /* inactive records are shown but marked */
};

struct pick_list {
	struct pick_entry *items; /* owned, n entries */
	size_t n;
};
void pick_list_fini(struct pick_list *l);

/* One page of service organizations by name (case-insensitive) then id:
 * pg->after_key is the last name seen (NULL = start), pg->after_id its
 * id.  With from set (and no after_key), the page starts at the first
 * name >= from (case-insensitive), so typing a prefix positions the list.
 * Appends to out; 0 or -1. */
int store_pick_service_orgs(struct store *s, const char *from, const struct page_req *pg,
			    struct pick_list *out, struct csm_error *err);

/* Every responsibility by name (a short reference table): names and
 * whether each grants access.  Appends to out (key = sort = name,
 * active = grants access); 0 or -1. */
int store_pick_responsibilities(struct store *s, struct pick_list *out, struct csm_error *err);

/* The install base items before an anchor, nearest first, in the order of
 * store_ib_at_location() (by id at one location; by (location path, id)
 * under it), with the same filters.  before_key is the anchor's location
 * path (subtree only), before_id its id; NULL / 0 = from the end.  Fills
 * ids[] and, under a location, paths[] (owned strings; may be NULL when
 * not subtree) with up to limit entries and sets *n.  0 or -1. */
int store_ib_at_location_before(struct store *s, int64_t location_id, bool subtree,
				int64_t product_id, const char *state, const char *before_key,
				int64_t before_id, size_t limit, int64_t *ids, char **paths,
				size_t *n, struct csm_error *err);

/* The characteristics of an install base item as key/value pairs by key
 * (key = sort = the key, name = the value as text).  Appends to out; an
 * unknown item gives none.  0 or -1. */
int store_ib_characteristics_list(struct store *s, int64_t item_id, struct pick_list *out,
				  struct csm_error *err);

#endif
