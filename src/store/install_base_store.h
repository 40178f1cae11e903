/* install_base_store.h - SQL for install base items (trees at locations),
 * installed products, the cases of a tree and the location roll-up.
 *
 * Contract as in product_store.h: lookups -1 / 0 / 1 with an owned
 * out-struct, writes 0 / -1 with err in the caller's transaction, lists
 * append to the caller's list.  root_id and path of an item are kept by the
 * schema's triggers on insert and on a change of parent_id; a move under
 * its own subtree is refused there. */
#ifndef CSM_STORE_INSTALL_BASE_STORE_H
#define CSM_STORE_INSTALL_BASE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/page.h"
#include "model/product.h"
#include "store/store.h"

/* Inserts it (it->number required); sets it->id, root_id and path. */
int store_ib_insert(struct store *s, struct install_base_item *it, struct csm_error *err);
/* Writes the item's own fields by id: not parent, root or path (see
 * store_ib_set_parent()), not characteristics. */
int store_ib_update(struct store *s, const struct install_base_item *it, struct csm_error *err);
int store_ib_get(struct store *s, int64_t id, struct install_base_item *out,
		 struct csm_error *err);
int store_ib_get_by_number(struct store *s, const char *number, struct install_base_item *out,
			   struct csm_error *err);
/* Sets the state; "inactive" also sets an empty uninstall date to today. */
int store_ib_set_state(struct store *s, int64_t id, const char *state, struct csm_error *err);
/* Moves an item (and its subtree) under parent_id, 0 = make it a root. */
int store_ib_set_parent(struct store *s, int64_t id, int64_t parent_id, struct csm_error *err);
/* Gives the whole subtree of item id (itself included) the location, or
 * the owner fields (account, consumer, household, service org, contact) of
 * from; what says which: bit 1 location, bit 2 owner. */
int store_ib_subtree_take(struct store *s, int64_t id, const struct install_base_item *from,
			  unsigned what, struct csm_error *err);
int store_ib_set_usage(struct store *s, int64_t id, const char *usage, struct csm_error *err);

/* The whole tree of root_id in one indexed query, ordered by path (a parent
 * before its children), depth 0 for the root. */
int store_ib_tree(struct store *s, int64_t root_id, struct install_base_list *out,
		  struct csm_error *err);
/* The direct children of an item, by name. */
int store_ib_children(struct store *s, int64_t parent_id, struct install_base_list *out,
		      struct csm_error *err);
/* One page of an owner's root items by id (page->after_id). */
int store_ib_roots_by_owner(struct store *s, enum owner_kind kind, int64_t owner_id,
			    const struct page_req *page, struct install_base_list *out,
			    struct csm_error *err);
/* Items at a location (subtree false) or anywhere under it (true), filtered
 * by product_id and state when given (0 / NULL = any).  Keyset paging: by id
 * at one location; under a location by (location path, id) with
 * page->after_key the path of the last row's location (item->path is not it:
 * use store_location_path()). */
int store_ib_at_location(struct store *s, int64_t location_id, bool subtree, int64_t product_id,
			 const char *state, const struct page_req *page,
			 struct install_base_list *out, struct csm_error *err);

/* Characteristics (a JSON object).  get: 1 with an owned *value, 0 when the
 * key is not set.  set: value NULL removes the key.  The key must satisfy
 * install_base_characteristic_key_valid(). */
int store_ib_characteristic_get(struct store *s, int64_t id, const char *key, char **value,
				struct csm_error *err);
int store_ib_characteristic_set(struct store *s, int64_t id, const char *key, const char *value,
				struct csm_error *err);
/* How many characteristic_def rows exist, and whether name is one (-1/0/1);
 * known_names gets an owned "a, b, c" list for messages (may be NULL). */
int store_characteristic_def_count(struct store *s, struct csm_error *err);
int store_characteristic_def_exists(struct store *s, const char *name, char **known_names,
				    struct csm_error *err);

/* Every case on an item of the tree of root_id, newest first. */
int store_ib_tree_cases(struct store *s, int64_t root_id, struct tree_case_list *out,
			struct csm_error *err);

/* installed_product: which sold product is deployed on which item. */
int store_installed_link(struct store *s, int64_t item_id, int64_t sold_product_id,
			 struct csm_error *err);
int store_installed_unlink(struct store *s, int64_t item_id, int64_t sold_product_id,
			   struct csm_error *err);
int store_installed_on_item(struct store *s, int64_t item_id, struct sold_product_list *out,
			    struct csm_error *err);
int store_installed_items_of(struct store *s, int64_t sold_product_id,
			     struct install_base_list *out, struct csm_error *err);

/* Finds a location by id (all digits), by the key export prints (its
 * external id, or LOC<id>) or by name (case-insensitive): 1 with *id set,
 * 0 when none, -1 on error or when a name is ambiguous. */
int store_location_find(struct store *s, const char *name_or_id, int64_t *id,
			struct csm_error *err);
/* The path of a location ("/1/7/"): 1 with an owned *path, 0 none, -1. */
int store_location_path(struct store *s, int64_t id, char **path, struct csm_error *err);
/* The children of location_id (0 = the roots), by name, each with its
 * direct counts (here) and the counts over its whole subtree (total). */
int store_location_rollup_children(struct store *s, int64_t location_id,
				   struct location_rollup_list *out, struct csm_error *err);
/* location_id and every location under it (0 = all), ordered by path, each
 * with its direct counts (here); total is left zero for the caller. */
int store_location_tree_counts(struct store *s, int64_t location_id,
			       struct location_rollup_list *out, struct csm_error *err);
/* Recounts location_count (the counts behind the two functions above) from
 * the items and cases, in the caller's transaction or its own: after a bulk
 * load (store_set_bulk()), which skips the triggers that keep it, or to
 * repair it.  Returns 0 or -1 with err set. */
int store_location_counts_rebuild(struct store *s, struct csm_error *err);

#endif
