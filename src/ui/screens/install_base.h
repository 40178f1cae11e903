/* install_base.h - the install base by location (the supervisor's view):
 * the location tree with counts rolled up over each subtree, expanded and
 * collapsed node by node (children load on expand), and under it the items
 * at the selected location or anywhere under it, filtered by product and
 * state, as a keyset-paged list; Enter on an item opens the item view.
 *
 * The state is public so that tests can drive handle() and look. */
#ifndef CSM_UI_SCREENS_INSTALL_BASE_H
#define CSM_UI_SCREENS_INSTALL_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/product.h"
#include "ui/dialog.h"
#include "ui/list.h"
#include "ui/screen.h"

/* One visible row of the location tree. */
struct ib_node {
	struct location_rollup loc; /* the location and its counts (owned strings) */
	int level;                  /* indentation: 0 for a top location */
	bool expanded;              /* its loaded children follow it in nodes[] */
	bool leaf;                  /* expanded once and found without children */
};

/* One row of the item list (list row data). */
struct ib_item_row {
	struct install_base_item it; /* the item (owned) */
	char *location_name;         /* the name of its location (owned), NULL if none */
};

/* Which half has the keys. */
enum ib_focus { IB_FOCUS_TREE, IB_FOCUS_ITEMS };

struct install_base_state {
	struct ib_node *nodes;      /* the visible tree rows in display order (owned) */
	size_t n_nodes, cap_nodes;  /* used / allocated; n_nodes is the tree list's count */
	struct list tree;           /* selection over nodes[] (array source) */
	struct location_counts all; /* the sum over the top locations */
	struct list items;          /* the items of items_loc (keyset source below) */
	int64_t items_loc;          /* the location whose items are listed, 0 = none yet */
	char *items_loc_name;       /* its name (owned) */
	bool subtree;               /* items anywhere under items_loc, not only at it */
	int64_t product_id;         /* filter: a product model, 0 = any */
	char *product_label;        /* its name for the heading (owned), NULL = any */
	char *state_filter;         /* filter: in_use, in_repair, inactive; NULL = any */
	enum ib_focus focus;        /* the tree or the items */
	bool split;                 /* both halves shown (tall enough), else the focused one */
	struct dialog dlg;          /* the filter questions */
	int64_t *pick_ids;          /* product ids offered by the product question (owned) */
	size_t n_pick_ids;          /* how many */
	int64_t cache_loc;          /* fetch cache: the last location looked up */
	char *cache_name;           /* its name (owned) */
	char *cache_path;           /* its path (owned) */
	int tree_y, tree_h;         /* body rows of the tree list */
	int items_y, items_h;       /* body rows of the item list */
	int name_w;                 /* width of the name column (tree and items) */
};

extern const struct screen_ops install_base_screen;

#endif
