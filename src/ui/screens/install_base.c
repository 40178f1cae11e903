/* install_base.c - the install base by location (see install_base.h).
 *
 * The tree holds only what has been expanded: the top locations, then the
 * children of each expanded node (store_location_rollup_children(), which
 * brings the counts of every child's whole subtree).  The item list pages
 * through store_ib_at_location() forwards and store_ib_at_location_before()
 * backwards, so neither half ever loads a whole table. */
#include "ui/screens/install_base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/customer.h"
#include "store/browse.h"
#include "store/customer_store.h"
#include "store/install_base_store.h"
#include "store/picklist.h"
#include "ui/draw.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "util/xalloc.h"

/* Dialog tags: what is being asked. */
enum { ASK_STATE = 1, ASK_PRODUCT, ASK_PRODUCT_PICK };

static const char *const state_choices[] = {"any state", "in use", "in repair", "inactive"};
static const char *const state_values[] = {NULL, "in_use", "in_repair", "inactive"};

/* "in_repair" -> "in repair". */
static const char *state_label(const char *state)
{
	for (size_t i = 1; i < sizeof state_values / sizeof state_values[0]; i++)
		if (state && strcmp(state, state_values[i]) == 0)
			return state_choices[i];
	return state ? state : "in use";
}

/* ---- the tree ---------------------------------------------------------- */

static void node_fini(struct ib_node *n)
{
	free(n->loc.name);
	free(n->loc.type);
	free(n->loc.path);
	memset(n, 0, sizeof *n);
}

static void nodes_clear(struct install_base_state *st)
{
	for (size_t i = 0; i < st->n_nodes; i++)
		node_fini(&st->nodes[i]);
	st->n_nodes = 0;
}

/* Moves the locations of l into nodes[] at index at, at level; empties l. */
static void nodes_insert(struct install_base_state *st, size_t at, struct location_rollup_list *l,
			 int level)
{
	if (st->n_nodes + l->n > st->cap_nodes) {
		st->cap_nodes = (st->n_nodes + l->n) * 2 + 16;
		st->nodes = xrealloc(st->nodes, st->cap_nodes * sizeof *st->nodes);
	}
	memmove(&st->nodes[at + l->n], &st->nodes[at], (st->n_nodes - at) * sizeof *st->nodes);
	for (size_t i = 0; i < l->n; i++) {
		st->nodes[at + i] = (struct ib_node){.loc = l->v[i], .level = level};
		memset(&l->v[i], 0, sizeof l->v[i]);
	}
	st->n_nodes += l->n;
	location_rollup_list_fini(l);
}

static struct ib_node *selected_node(const struct install_base_state *st)
{
	const struct list_row *r = list_selected(&st->tree);

	if (!r || r->id < 0 || (size_t)r->id >= st->n_nodes)
		return NULL;
	return &st->nodes[r->id];
}

static size_t selected_index(const struct install_base_state *st)
{
	const struct list_row *r = list_selected(&st->tree);

	return r ? (size_t)r->id : 0;
}

/* The tree list after nodes[] changed: the selection on index sel. */
static void tree_refresh(struct screen *s, size_t sel)
{
	struct install_base_state *st = s->state;

	list_reload(&st->tree);
	if (st->n_nodes && sel < st->n_nodes)
		list_move(&st->tree, (long)sel);
	s->pending = true;
	s->redraw = true;
}

/* Loads the children of nodes[i] after it.  Returns 0 or -1 (reported). */
static int expand(struct screen *s, size_t i)
{
	struct install_base_state *st = s->state;
	struct location_rollup_list l = {0};
	struct csm_error err = {0};
	struct ib_node *n = &st->nodes[i];

	if (n->expanded)
		return 0;
	if (store_location_rollup_children(ui_store(s->ui), n->loc.id, &l, &err) < 0) {
		location_rollup_list_fini(&l);
		ui_error(s->ui, "%s", err.msg);
		return -1;
	}
	n->expanded = true;
	n->leaf = l.n == 0;
	nodes_insert(st, i + 1, &l, n->level + 1);
	return 0;
}

/* Drops the rows under nodes[i]. */
static void collapse(struct install_base_state *st, size_t i)
{
	size_t end = i + 1;

	while (end < st->n_nodes && st->nodes[end].level > st->nodes[i].level)
		node_fini(&st->nodes[end++]);
	memmove(&st->nodes[i + 1], &st->nodes[end], (st->n_nodes - end) * sizeof *st->nodes);
	st->n_nodes -= end - (i + 1);
	st->nodes[i].expanded = false;
}

/* Reads the tree again (counts may have changed), keeping what was
 * expanded and the selected location.  Returns 0 or -1 with err. */
static int load_tree(struct screen *s, struct csm_error *err)
{
	struct install_base_state *st = s->state;
	struct location_rollup_list l = {0};
	int64_t *open = NULL, sel_id = 0;
	size_t n_open = 0, sel = 0;

	if (selected_node(st))
		sel_id = selected_node(st)->loc.id;
	for (size_t i = 0; i < st->n_nodes; i++)
		if (st->nodes[i].expanded) {
			open = xrealloc(open, (n_open + 1) * sizeof *open);
			open[n_open++] = st->nodes[i].loc.id;
		}
	if (store_location_rollup_children(ui_store(s->ui), 0, &l, err) < 0) {
		location_rollup_list_fini(&l);
		free(open);
		return -1;
	}
	nodes_clear(st);
	nodes_insert(st, 0, &l, 0);
	memset(&st->all, 0, sizeof st->all);
	for (size_t i = 0; i < st->n_nodes; i++)
		location_counts_add(&st->all, &st->nodes[i].loc.total);
	/* Re-expand in display order: a parent comes before its children. */
	for (size_t i = 0; i < st->n_nodes; i++) {
		for (size_t k = 0; k < n_open; k++)
			if (open[k] == st->nodes[i].loc.id && expand(s, i) < 0)
				break;
		if (st->nodes[i].loc.id == sel_id)
			sel = i;
	}
	free(open);
	tree_refresh(s, sel);
	return 0;
}

/* ---- the items --------------------------------------------------------- */

static void item_row_free(void *p)
{
	struct ib_item_row *r = p;

	if (!r)
		return;
	install_base_item_fini(&r->it);
	free(r->location_name);
	free(r);
}

/* The name and path of a location, cached for consecutive rows. */
static int location_of(struct screen *s, int64_t id, const char **name, const char **path,
		       struct csm_error *err)
{
	struct install_base_state *st = s->state;

	*name = *path = NULL;
	if (id <= 0)
		return 0;
	if (st->cache_loc != id) {
		struct location loc = {0};
		int rc = store_location_get(ui_store(s->ui), id, &loc, err);

		if (rc < 0)
			return -1;
		free(st->cache_name);
		free(st->cache_path);
		st->cache_name = rc ? loc.name : NULL;
		st->cache_path = rc ? loc.path : NULL;
		loc.name = loc.path = NULL;
		location_fini(&loc);
		st->cache_loc = id;
	}
	*name = st->cache_name;
	*path = st->cache_path;
	return 0;
}

/* Takes it into a new row of out. */
static int push_item(struct screen *s, struct install_base_item *it, struct list_rows *out,
		     struct csm_error *err)
{
	struct install_base_state *st = s->state;
	struct ib_item_row *r = xcalloc(1, sizeof *r);
	const char *name, *path;

	r->it = *it;
	memset(it, 0, sizeof *it);
	if (location_of(s, r->it.location_id, &name, &path, err) < 0) {
		item_row_free(r);
		return -1;
	}
	r->location_name = xstrdup(name);
	list_rows_push(out, r->it.id, st->subtree ? path : NULL, r);
	return 0;
}

static int items_fetch(void *ctx, const struct list_row *anchor, int dir, size_t limit,
		       struct list_rows *out, struct csm_error *err)
{
	struct screen *s = ctx;
	struct install_base_state *st = s->state;
	struct store *db = ui_store(s->ui);
	int rc = 0;

	if (!st->items_loc)
		return 0;
	if (dir > 0) {
		struct page_req pg = {anchor ? anchor->key : NULL, anchor ? anchor->id : 0, limit};
		struct install_base_list l = {0};

		rc = store_ib_at_location(db, st->items_loc, st->subtree, st->product_id,
					  st->state_filter, &pg, &l, err);
		for (size_t i = 0; rc == 0 && i < l.n; i++)
			rc = push_item(s, &l.v[i], out, err);
		install_base_list_fini(&l);
		return rc;
	}
	{
		int64_t *ids = xcalloc(limit ? limit : 1, sizeof *ids);
		size_t n = 0;

		rc = store_ib_at_location_before(db, st->items_loc, st->subtree, st->product_id,
						 st->state_filter, anchor ? anchor->key : NULL,
						 anchor ? anchor->id : 0, limit, ids, NULL, &n, err);
		for (size_t i = 0; rc == 0 && i < n; i++) {
			struct install_base_item it = {0};
			int found = store_ib_get(db, ids[i], &it, err);

			if (found < 0)
				rc = -1;
			else if (found)
				rc = push_item(s, &it, out, err);
			install_base_item_fini(&it);
		}
		free(ids);
		return rc;
	}
}

static const struct list_source items_source = {
	.fetch = items_fetch,
	.free_data = item_row_free,
};

/* Lists the items of the selected location (when it changed, or always
 * with force). */
static void load_items(struct screen *s, bool force)
{
	struct install_base_state *st = s->state;
	const struct ib_node *n = selected_node(st);

	if (!n)
		return;
	if (!force && st->items_loc == n->loc.id)
		return;
	st->items_loc = n->loc.id;
	free(st->items_loc_name);
	st->items_loc_name = xstrdup(n->loc.name);
	if (list_reload(&st->items) < 0)
		ui_error(s->ui, "%s", st->items.err.msg);
	s->redraw = true;
}

/* ---- the filter -------------------------------------------------------- */

static void set_product(struct install_base_state *st, int64_t id, const char *label)
{
	st->product_id = id;
	free(st->product_label);
	st->product_label = id ? xstrdup(label) : NULL;
}

static void ask_product(struct install_base_state *st)
{
	dialog_input(&st->dlg, ASK_PRODUCT, "Filter by product (model number or name)",
		     "Empty: any product", st->product_label, false);
}

/* The product question was answered with text: one match is taken,
 * several are offered, none is said. */
static void product_answer(struct screen *s)
{
	struct install_base_state *st = s->state;
	struct page_req pg = {NULL, 0, 20};
	struct product_list l = {0};
	struct csm_error err = {0};
	char text[256];
	size_t exact = (size_t)-1;

	snprintf(text, sizeof text, "%s", dialog_text(&st->dlg));
	if (!text[strspn(text, " ")]) {
		set_product(st, 0, NULL);
		dialog_close(&st->dlg);
		load_items(s, true);
		return;
	}
	if (store_product_page(ui_store(s->ui), text, &pg, 1, &l, &err) < 0) {
		dialog_set_error(&st->dlg, err.msg);
		product_list_fini(&l);
		return;
	}
	for (size_t i = 0; i < l.n; i++)
		if (strcasecmp(l.items[i].model_number, text) == 0 ||
		    strcasecmp(l.items[i].name, text) == 0)
			exact = i;
	if (l.n == 0) {
		char msg[320];
		snprintf(msg, sizeof msg, "No active product matches '%s'", text);
		dialog_set_error(&st->dlg, msg);
	} else if (l.n == 1 || exact != (size_t)-1) {
		size_t k = l.n == 1 ? 0 : exact;
		set_product(st, l.items[k].id, l.items[k].name);
		dialog_close(&st->dlg);
		load_items(s, true);
	} else {
		const char **labels = xcalloc(l.n, sizeof *labels);
		const char **details = xcalloc(l.n, sizeof *details);

		free(st->pick_ids);
		st->pick_ids = xcalloc(l.n, sizeof *st->pick_ids);
		st->n_pick_ids = l.n;
		for (size_t i = 0; i < l.n; i++) {
			labels[i] = l.items[i].name;
			details[i] = l.items[i].model_number;
			st->pick_ids[i] = l.items[i].id;
		}
		dialog_pick(&st->dlg, ASK_PRODUCT_PICK, "Which product?", labels, details, l.n, 0);
		free(labels);
		free(details);
	}
	product_list_fini(&l);
}

static void dialog_accepted(struct screen *s)
{
	struct install_base_state *st = s->state;
	size_t k;

	switch (st->dlg.tag) {
	case ASK_STATE:
		k = dialog_choice(&st->dlg);
		free(st->state_filter);
		st->state_filter = xstrdup(state_values[k < 4 ? k : 0]);
		ask_product(st);
		return;
	case ASK_PRODUCT:
		product_answer(s);
		return;
	case ASK_PRODUCT_PICK:
		k = dialog_choice(&st->dlg);
		if (k < st->n_pick_ids) {
			/* The label is the product's name as offered. */
			set_product(st, st->pick_ids[k], st->dlg.labels[k]);
		}
		dialog_close(&st->dlg);
		load_items(s, true);
		return;
	default:
		dialog_close(&st->dlg);
	}
}

/* ---- the screen -------------------------------------------------------- */

static int ib_open(struct screen *s, const struct screen_arg *arg, struct csm_error *err)
{
	struct install_base_state *st = s->state;

	(void)arg;
	list_init(&st->tree, &list_array_source, &st->n_nodes);
	list_init(&st->items, &items_source, s);
	dialog_init(&st->dlg);
	if (load_tree(s, err) < 0) {
		list_fini(&st->tree);
		list_fini(&st->items);
		dialog_fini(&st->dlg);
		nodes_clear(st);
		free(st->nodes);
		return -1;
	}
	load_items(s, true);
	s->pending = false;
	return 0;
}

static void ib_close(struct screen *s)
{
	struct install_base_state *st = s->state;

	list_fini(&st->tree);
	list_fini(&st->items);
	dialog_fini(&st->dlg);
	nodes_clear(st);
	free(st->nodes);
	free(st->items_loc_name);
	free(st->product_label);
	free(st->state_filter);
	free(st->pick_ids);
	free(st->cache_name);
	free(st->cache_path);
}

static void ib_layout(struct screen *s, int rows, int cols)
{
	struct install_base_state *st = s->state;
	int avail;

	/* Row 0: the totals; then the tree (headings + rows) and the items
	 * (title + headings + rows), or only the focused one when short. */
	st->split = rows >= 16;
	st->name_w = cols - 2 - (cols >= 60 ? 4 * 8 : 4 * 6);
	if (st->split) {
		avail = rows - 1 - 1 - 2;
		st->tree_y = 2;
		st->tree_h = avail / 2;
		st->items_y = st->tree_y + st->tree_h + 2;
		st->items_h = rows - st->items_y;
	} else {
		st->tree_y = 2;
		st->tree_h = rows - 2;
		st->items_y = 3;
		st->items_h = rows - 3;
	}
	if (st->tree_h < 1)
		st->tree_h = 1;
	if (st->items_h < 1)
		st->items_h = 1;
	list_set_area(&st->tree, st->tree_y, st->tree_h);
	list_set_area(&st->items, st->items_y, st->items_h);
	dialog_layout(&st->dlg, rows, cols);
	s->redraw = true;
}

static void open_item(struct screen *s)
{
	struct install_base_state *st = s->state;
	const struct list_row *r = list_selected(&st->items);
	const struct ib_item_row *row = r ? r->data : NULL;

	if (!row) {
		ui_message(s->ui, "No item here to open");
		return;
	}
	ui_open_record(s->ui, SK_INSTALL_BASE, row->it.id, row->it.number);
}

static void tree_key(struct screen *s, enum action a)
{
	struct install_base_state *st = s->state;
	size_t i = selected_index(st);
	struct ib_node *n = selected_node(st);

	if (!n)
		return;
	if (a == ACT_TOGGLE_EXPAND)
		a = n->expanded ? ACT_COLLAPSE : ACT_EXPAND;
	if (a == ACT_EXPAND) {
		if (n->expanded) {
			/* Already open: step onto its first child. */
			if (i + 1 < st->n_nodes && st->nodes[i + 1].level > n->level)
				list_move(&st->tree, 1);
		} else if (expand(s, i) == 0) {
			if (st->nodes[i].leaf)
				ui_message(s->ui, "No locations under %s", st->nodes[i].loc.name);
			tree_refresh(s, i);
		}
		return;
	}
	if (n->expanded) {
		collapse(st, i);
		tree_refresh(s, i);
		return;
	}
	/* Collapsed already: go to the parent. */
	for (size_t k = i; k-- > 0;)
		if (st->nodes[k].level < n->level) {
			list_move(&st->tree, (long)k - (long)i);
			s->pending = true;
			return;
		}
}

static enum action ib_handle(struct screen *s, enum action a, const struct key_event *ev)
{
	struct install_base_state *st = s->state;
	struct list *focused = st->focus == IB_FOCUS_TREE ? &st->tree : &st->items;

	s->redraw = true;
	if (dialog_active(&st->dlg)) {
		switch (dialog_handle(&st->dlg, a, ev)) {
		case DIALOG_ACCEPTED:
			dialog_accepted(s);
			return ACT_NONE;
		case DIALOG_PASS:
			return a;
		default:
			return ACT_NONE;
		}
	}
	if (list_handle(focused, a, ev)) {
		if (st->focus == IB_FOCUS_TREE)
			s->pending = true;
		return ACT_NONE;
	}
	switch (a) {
	case ACT_EXPAND:
	case ACT_COLLAPSE:
	case ACT_TOGGLE_EXPAND:
		if (st->focus == IB_FOCUS_TREE)
			tree_key(s, a);
		return ACT_NONE;
	case ACT_OPEN:
		if (st->focus == IB_FOCUS_ITEMS)
			open_item(s);
		else
			tree_key(s, ACT_TOGGLE_EXPAND);
		return ACT_NONE;
	case ACT_MOUSE:
		if (ev && ev->mouse_double) {
			if (st->focus == IB_FOCUS_ITEMS)
				open_item(s);
			else
				tree_key(s, ACT_TOGGLE_EXPAND);
		}
		return ACT_NONE;
	case ACT_SWITCH_PANE:
		st->focus = st->focus == IB_FOCUS_TREE ? IB_FOCUS_ITEMS : IB_FOCUS_TREE;
		if (st->focus == IB_FOCUS_ITEMS) {
			load_items(s, false);
			s->pending = false;
		}
		return ACT_NONE;
	case ACT_ITEMS_SCOPE:
		st->subtree = !st->subtree;
		load_items(s, true);
		ui_message(s->ui, "Items %s %s", st->subtree ? "anywhere under" : "at",
			   st->items_loc_name ? st->items_loc_name : "the location");
		return ACT_NONE;
	case ACT_FILTER: {
		size_t cur = 0;
		for (size_t k = 1; k < 4; k++)
			if (st->state_filter && strcmp(st->state_filter, state_values[k]) == 0)
				cur = k;
		dialog_pick(&st->dlg, ASK_STATE, "Filter items by state", state_choices, NULL, 4, cur);
		return ACT_NONE;
	}
	case ACT_RELOAD: {
		struct csm_error err = {0};
		if (load_tree(s, &err) < 0) {
			ui_error(s->ui, "%s", err.msg);
			return ACT_NONE;
		}
		load_items(s, true);
		ui_message(s->ui, "Read again");
		return ACT_NONE;
	}
	default:
		return a;
	}
}

static void ib_update(struct screen *s)
{
	load_items(s, false);
}

static void ib_resume(struct screen *s)
{
	struct csm_error err = {0};

	/* An item view above may have opened a case or changed a state. */
	if (load_tree(s, &err) < 0)
		ui_error(s->ui, "%s", err.msg);
	else
		load_items(s, true);
	s->pending = false;
}

static const char *ib_keymap(const struct screen *s, bool *text_input)
{
	const struct install_base_state *st = s->state;

	if (dialog_active(&st->dlg))
		return dialog_keymap(&st->dlg, text_input);
	*text_input = false;
	return st->focus == IB_FOCUS_TREE ? "install-base" : "install-base-items";
}

static bool ib_cursor(const struct screen *s, int *y, int *x)
{
	const struct install_base_state *st = s->state;

	return dialog_active(&st->dlg) && dialog_cursor(&st->dlg, s->rows, s->cols, y, x);
}

/* ---- drawing ----------------------------------------------------------- */

static int num_w(int cols)
{
	return cols >= 60 ? 8 : 6;
}

static void draw_count(WINDOW *w, int y, int x, int width, int64_t v, attr_t attr)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%*lld ", width - 1, (long long)v);
	draw_text(w, y, x, buf, width, attr);
}

static void draw_node(const void *ctx, const struct list_row *row, WINDOW *w, int y, int x,
		      int width, bool selected)
{
	const struct screen *s = ctx;
	const struct install_base_state *st = s->state;
	const struct ib_node *n = &st->nodes[row->id];
	attr_t base = selected ? theme_attr(THEME_SELECTED) : theme_attr(THEME_NORMAL);
	int nw = num_w(s->cols), indent = n->level * 2;
	char label[512];

	if (indent > st->name_w / 2)
		indent = st->name_w / 2;
	snprintf(label, sizeof label, "%*s%s %s", indent, "",
		 n->expanded ? "▾" : n->leaf ? " " : "▸", n->loc.name);
	draw_fill(w, y, x, width, base);
	x = draw_text(w, y, x + 1, label, st->name_w, base) + 1;
	draw_count(w, y, x, nw, n->loc.total.items, base);
	draw_count(w, y, x + nw, nw, n->loc.total.in_use, base);
	draw_count(w, y, x + 2 * nw, nw, n->loc.total.in_repair, base);
	draw_count(w, y, x + 3 * nw, nw, n->loc.total.open_cases, base);
}

/* Item columns: number, name, product, state, location (as room allows). */
struct item_cols {
	int number, name, product, state, location;
};

static void item_cols(const struct screen *s, struct item_cols *c)
{
	const struct install_base_state *st = s->state;
	int rest;

	memset(c, 0, sizeof *c);
	c->number = s->cols >= 60 ? 10 : 0;
	c->state = 9;
	rest = s->cols - 2 - (c->number ? c->number + 1 : 0) - c->state - 1;
	if (s->cols >= 90) {
		c->location = st->subtree ? rest / 4 : 0;
		c->product = rest / 4;
		c->name = rest - c->product - 1 - (c->location ? c->location + 1 : 0);
	} else if (s->cols >= 60) {
		c->product = rest / 3;
		c->name = rest - c->product - 1;
	} else {
		c->name = rest;
	}
}

static void draw_item(const void *ctx, const struct list_row *row, WINDOW *w, int y, int x,
		      int width, bool selected)
{
	const struct screen *s = ctx;
	const struct ib_item_row *r = row->data;
	attr_t base = selected ? theme_attr(THEME_SELECTED) : theme_attr(THEME_NORMAL);
	struct item_cols c;

	item_cols(s, &c);
	draw_fill(w, y, x, width, base);
	x++;
	if (c.number)
		x = draw_text(w, y, x, r->it.number, c.number, base) + 1;
	x = draw_text(w, y, x, r->it.name, c.name, base) + 1;
	if (c.product)
		x = draw_text(w, y, x, r->it.product_name, c.product, base) + 1;
	x = draw_text(w, y, x, state_label(r->it.state), c.state, base) + 1;
	if (c.location)
		draw_text(w, y, x, r->location_name, c.location, base);
}

static void draw_tree(const struct screen *s, WINDOW *w)
{
	const struct install_base_state *st = s->state;
	attr_t h = st->focus == IB_FOCUS_TREE ? theme_attr(THEME_HEADING) : theme_attr(THEME_DIM);
	int nw = num_w(s->cols), x;
	bool wide = s->cols >= 60;

	x = draw_text(w, st->tree_y - 1, 1, "Location", st->name_w, h) + 1;
	draw_text(w, st->tree_y - 1, x, wide ? "  Items" : "Items", nw, h);
	draw_text(w, st->tree_y - 1, x + nw, wide ? " In use" : "InUse", nw, h);
	draw_text(w, st->tree_y - 1, x + 2 * nw, wide ? " Repair" : " Rep", nw, h);
	draw_text(w, st->tree_y - 1, x + 3 * nw, wide ? "  Cases" : "Cases", nw, h);
	if (!st->n_nodes) {
		draw_text(w, st->tree_y, 1, "No locations yet", s->cols - 2, theme_attr(THEME_DIM));
		return;
	}
	list_draw(&st->tree, w, 0, s->cols, draw_node, s);
}

static void draw_items(const struct screen *s, WINDOW *w)
{
	const struct install_base_state *st = s->state;
	attr_t h = st->focus == IB_FOCUS_ITEMS ? theme_attr(THEME_HEADING) : theme_attr(THEME_DIM);
	char title[512];
	struct item_cols c;
	int x;

	snprintf(title, sizeof title, "Items %s %s%s%s%s%s", st->subtree ? "under" : "at",
		 st->items_loc_name ? st->items_loc_name : "-",
		 st->state_filter || st->product_id ? " · " : "",
		 st->state_filter ? state_label(st->state_filter) : "",
		 st->state_filter && st->product_id ? ", " : "",
		 st->product_label ? st->product_label : "");
	draw_text(w, st->items_y - 2, 0, title, s->cols, h | A_BOLD);
	item_cols(s, &c);
	x = 1;
	if (c.number)
		x = draw_text(w, st->items_y - 1, x, "Number", c.number, h) + 1;
	x = draw_text(w, st->items_y - 1, x, "Name", c.name, h) + 1;
	if (c.product)
		x = draw_text(w, st->items_y - 1, x, "Product", c.product, h) + 1;
	x = draw_text(w, st->items_y - 1, x, "State", c.state, h) + 1;
	if (c.location)
		draw_text(w, st->items_y - 1, x, "Location", c.location, h);
	if (st->items.err.msg[0]) {
		draw_wrap(w, st->items_y, 1, st->items.err.msg, s->cols - 2, 2, theme_attr(THEME_ERROR));
		return;
	}
	if (!st->items.n) {
		draw_text(w, st->items_y, 1, st->state_filter || st->product_id
				? "No items match the filter here"
				: "No items here",
			  s->cols - 2, theme_attr(THEME_DIM));
		return;
	}
	list_draw(&st->items, w, 0, s->cols, draw_item, s);
}

static void ib_draw(const struct screen *s, WINDOW *w)
{
	const struct install_base_state *st = s->state;
	char sum[256];

	snprintf(sum, sizeof sum, "All: %lld items, %lld in use, %lld in repair, %lld open cases",
		 (long long)st->all.items, (long long)st->all.in_use, (long long)st->all.in_repair,
		 (long long)st->all.open_cases);
	draw_text(w, 0, 1, sum, s->cols - 2, theme_attr(THEME_DIM));
	if (st->split || st->focus == IB_FOCUS_TREE)
		draw_tree(s, w);
	if (st->split || st->focus == IB_FOCUS_ITEMS)
		draw_items(s, w);
	if (dialog_active(&st->dlg))
		dialog_draw(&st->dlg, w, s->rows, s->cols);
}

const struct screen_ops install_base_screen = {
	.name = "install-base",
	.title = "Install base by location",
	.flags = SCREEN_NAMED,
	.state_size = sizeof(struct install_base_state),
	.open = ib_open,
	.close = ib_close,
	.layout = ib_layout,
	.draw = ib_draw,
	.handle = ib_handle,
	.update = ib_update,
	.keymap = ib_keymap,
	.cursor = ib_cursor,
	.resume = ib_resume,
};
