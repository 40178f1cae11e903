/* install_base.h - install base items (trees of what is installed where),
 * installed products and the location roll-up, as the CLI and the console
 * use them.
 *
 * Writes validate, run in one transaction (nested in the caller's) and
 * leave nothing behind on error.  Reads that need no rule go straight to
 * store/install_base_store.h (tree, children, cases of a tree, ...). */
#ifndef CSM_DOMAIN_INSTALL_BASE_H
#define CSM_DOMAIN_INSTALL_BASE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/page.h"
#include "model/product.h"
#include "store/install_base_store.h"
#include "store/store.h"

/* Creates an item (it->number, id, root_id and path set; it->number must be
 * NULL).  A child (parent_id set) takes its parent's owner (account,
 * consumer, household, service organization, contact) when the caller gives
 * no owner field at all, and its parent's location when location_id is 0.
 * Account and consumer together only in b2b2c.  0 or -1 with err. */
int domain_ib_create(struct store *s, struct install_base_item *it, struct csm_error *err);

/* Updates an item's own fields by id (not its place in the tree, not its
 * characteristics).  0 or -1 with err. */
int domain_ib_update(struct store *s, const struct install_base_item *it, struct csm_error *err);

/* Changes the state: in_use, in_repair or inactive; inactive sets an empty
 * uninstall date to today.  0 or -1 with err. */
int domain_ib_set_state(struct store *s, int64_t id, const char *state, struct csm_error *err);

/* What a moved subtree takes from its new parent (domain_ib_move()). */
enum ib_move_flags {
	IB_MOVE_TAKE_LOCATION = 1 << 0, /* every item of the subtree gets the parent's location */
	IB_MOVE_TAKE_OWNER = 1 << 1,    /* ... and the parent's owner and contact */
};

/* Moves item id and its subtree under new_parent_id (0 = it becomes a root).
 * The subtree's root follows (triggers).  By default the items keep their
 * location and owner: moving a card between racks of one site changes
 * neither; flags make the whole subtree take the new parent's.  Moving an
 * item under itself or its own subtree is refused.  0 or -1 with err. */
int domain_ib_move(struct store *s, int64_t id, int64_t new_parent_id, unsigned flags,
		   struct csm_error *err);

/* Sets one characteristic (value NULL removes it).  When characteristic_def
 * has rows the key must be one of them.  0 or -1 with err. */
int domain_ib_characteristic_set(struct store *s, int64_t id, const char *key, const char *value,
				 struct csm_error *err);
/* Sets the usage text (NULL or empty clears it).  0 or -1 with err. */
int domain_ib_set_usage(struct store *s, int64_t id, const char *usage, struct csm_error *err);

/* Links / unlinks a sold product deployed on an item.  0 or -1 with err. */
int domain_ib_install(struct store *s, int64_t item_id, int64_t sold_product_id,
		      struct csm_error *err);
int domain_ib_uninstall(struct store *s, int64_t item_id, int64_t sold_product_id,
			struct csm_error *err);

/* A customer's install base as trees: one page of root items (by id, page
 * ->after_id), each followed by its whole tree in path order, appended to
 * out.  The next page starts after the last entry with depth 0.  0 or -1. */
int domain_ib_customer_trees(struct store *s, enum owner_kind kind, int64_t owner_id,
			     const struct page_req *page, struct install_base_list *out,
			     struct csm_error *err);

/* The location tree under location_id (itself included; 0 = every root and
 * all below) with counts: here = at that location, total = its whole
 * subtree.  Ordered depth-first, siblings by name (case-insensitive).  An
 * unknown location is -1 with err->code CSM_EX_NOINPUT. */
int domain_location_tree(struct store *s, int64_t location_id, struct location_rollup_list *out,
			 struct csm_error *err);

#endif
