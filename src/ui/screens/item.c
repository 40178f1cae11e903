/* item.c - one install base item (see item.h).
 *
 * Every tab is bounded by the item: its subtree and the cases of its tree
 * come from the one-query tree functions of install_base_store.h, so the
 * whole screen loads in a handful of indexed queries. */
#include "ui/screens/item.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case.h"
#include "domain/party.h"
#include "model/customer.h"
#include "store/customer_store.h"
#include "store/install_base_store.h"
#include "store/party_store.h"
#include "store/picklist.h"
#include "ui/draw.h"
#include "ui/permit.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum { ASK_CASE = 1 };

static const char *const tab_names[ITAB_COUNT] = {
	[ITAB_CHILDREN] = "Children",
	[ITAB_PRODUCTS] = "Products",
	[ITAB_CASES] = "Cases",
	[ITAB_PARTIES] = "Parties",
	[ITAB_DETAILS] = "Details",
};

/* Column headings per tab (NULL = no column). */
static const char *const tab_heads[ITAB_COUNT][ITEM_CELLS] = {
	[ITAB_CHILDREN] = {"Number", "Name", "Product", "State"},
	[ITAB_PRODUCTS] = {"Number", "Product", "State", "Contract dates"},
	[ITAB_CASES] = {"Number", "Short description", "State", "Item"},
	[ITAB_PARTIES] = {"Type", "Party", "Responsibility", "Relationship"},
	[ITAB_DETAILS] = {"Characteristic", "Value", NULL, NULL},
};

static const char *state_text(const char *state)
{
	if (!state || strcmp(state, "in_use") == 0)
		return "in use";
	if (strcmp(state, "in_repair") == 0)
		return "in repair";
	return state;
}

/* ---- rows -------------------------------------------------------------- */

static void rows_clear(struct item_state *st, enum item_tab t)
{
	for (size_t i = 0; i < st->n_rows[t]; i++) {
		free(st->rows[t][i].open_number);
		for (int c = 0; c < ITEM_CELLS; c++)
			free(st->rows[t][i].cells[c]);
	}
	free(st->rows[t]);
	st->rows[t] = NULL;
	st->n_rows[t] = 0;
}

/* Appends a row to tab t; cells are copied (NULL ends them early). */
static struct item_row *row_add(struct item_state *st, enum item_tab t, enum search_kind kind,
				int64_t id, const char *number, const char *c0, const char *c1,
				const char *c2, const char *c3)
{
	struct item_row *r;

	st->rows[t] = xrealloc(st->rows[t], (st->n_rows[t] + 1) * sizeof *st->rows[t]);
	r = &st->rows[t][st->n_rows[t]++];
	memset(r, 0, sizeof *r);
	r->open_kind = kind;
	r->open_id = id;
	r->open_number = xstrdup(number);
	r->cells[0] = xstrdup(c0);
	r->cells[1] = xstrdup(c1);
	r->cells[2] = xstrdup(c2);
	r->cells[3] = xstrdup(c3);
	return r;
}

static int load_children(struct screen *s, struct csm_error *err)
{
	struct item_state *st = s->state;
	struct install_base_list l = {0};
	size_t plen = st->it.path ? strlen(st->it.path) : 0;

	if (store_ib_tree(ui_store(s->ui), st->it.root_id, &l, err) < 0) {
		install_base_list_fini(&l);
		return -1;
	}
	/* The tree is in path order: the item's subtree is the rows whose
	 * path extends the item's. */
	for (size_t i = 0; i < l.n; i++) {
		const struct install_base_item *c = &l.v[i];
		struct item_row *r;

		if (c->id == st->it.id || !c->path || !plen || strncmp(c->path, st->it.path, plen))
			continue;
		r = row_add(st, ITAB_CHILDREN, SK_INSTALL_BASE, c->id, c->number, c->number, c->name,
			    c->product_name, state_text(c->state));
		r->indent = c->depth - st->it.depth - 1;
	}
	install_base_list_fini(&l);
	return 0;
}

static int load_products(struct screen *s, struct csm_error *err)
{
	struct item_state *st = s->state;
	struct sold_product_list l = {0};

	if (store_installed_on_item(ui_store(s->ui), st->it.id, &l, err) < 0) {
		sold_product_list_fini(&l);
		return -1;
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct sold_product *sp = &l.v[i];
		char dates[64];

		snprintf(dates, sizeof dates, "%s .. %s", sp->start_date ? sp->start_date : "",
			 sp->end_date ? sp->end_date : "");
		row_add(st, ITAB_PRODUCTS, SK_SOLD_PRODUCT, sp->id, sp->number, sp->number,
			sp->product_name, sold_product_state_name(sold_product_state(sp)), dates);
	}
	sold_product_list_fini(&l);
	return 0;
}

static int load_cases(struct screen *s, struct csm_error *err)
{
	struct item_state *st = s->state;
	struct tree_case_list l = {0};

	if (store_ib_tree_cases(ui_store(s->ui), st->it.root_id, &l, err) < 0) {
		tree_case_list_fini(&l);
		return -1;
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct tree_case *c = &l.v[i];
		row_add(st, ITAB_CASES, SK_CASE, c->id, c->number, c->number, c->short_description,
			c->state, c->item_number);
	}
	tree_case_list_fini(&l);
	return 0;
}

static int load_parties(struct screen *s, struct csm_error *err)
{
	struct item_state *st = s->state;
	struct related_party_list l = {0};

	if (party_related_list(ui_store(s->ui), st->it.number, &l, err) < 0) {
		related_party_list_fini(&l);
		return -1;
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct related_party *rp = &l.items[i];
		char party[320];

		snprintf(party, sizeof party, "%s (%s)", rp->party_name ? rp->party_name : "",
			 rp->party_number ? rp->party_number : "");
		row_add(st, ITAB_PARTIES, SK_INSTALL_BASE, st->it.id, st->it.number, rp->type_name,
			party, rp->responsibility ? rp->responsibility : "listed only",
			rp->relationship_name);
	}
	related_party_list_fini(&l);
	return 0;
}

static int load_details(struct screen *s, struct csm_error *err)
{
	struct item_state *st = s->state;
	struct pick_list l = {0};

	if (store_ib_characteristics_list(ui_store(s->ui), st->it.id, &l, err) < 0) {
		pick_list_fini(&l);
		return -1;
	}
	for (size_t i = 0; i < l.n; i++)
		row_add(st, ITAB_DETAILS, SK_COUNT, 0, NULL, l.items[i].key, l.items[i].name, NULL,
			NULL);
	pick_list_fini(&l);
	row_add(st, ITAB_DETAILS, SK_COUNT, 0, NULL, "usage",
		st->it.usage && *st->it.usage ? st->it.usage : "(not recorded)", NULL, NULL);
	return 0;
}

/* ---- facts ------------------------------------------------------------- */

static char *name_number(const char *name, const char *number)
{
	return xasprintf("%s (%s)", name ? name : "", number ? number : "");
}

static int load_owner(struct screen *s, struct csm_error *err)
{
	struct item_state *st = s->state;
	struct store *db = ui_store(s->ui);
	const struct install_base_item *it = &st->it;
	int rc = 0;

	st->owner_kind = SK_COUNT;
	if (it->account_id) {
		struct account a = {0};
		if ((rc = store_account_get(db, it->account_id, &a, err)) > 0) {
			st->owner = name_number(a.name, a.number);
			st->owner_number = xstrdup(a.number);
			st->owner_kind = SK_ACCOUNT;
		}
		account_fini(&a);
	} else if (it->consumer_id) {
		struct consumer c = {0};
		if ((rc = store_consumer_get(db, it->consumer_id, &c, err)) > 0) {
			char *n = customer_person_name(c.first_name, c.last_name);
			st->owner = name_number(n, c.number);
			st->owner_number = xstrdup(c.number);
			st->owner_kind = SK_CONSUMER;
			free(n);
		}
		consumer_fini(&c);
	} else if (it->household_id) {
		struct household h = {0};
		if ((rc = store_household_get(db, it->household_id, &h, err)) > 0) {
			st->owner = name_number(h.name, h.number);
			st->owner_number = xstrdup(h.number);
			st->owner_kind = SK_HOUSEHOLD;
		}
		household_fini(&h);
	} else if (it->service_org_id) {
		struct service_org o = {0};
		if ((rc = store_service_org_get_by_id(db, it->service_org_id, &o, err)) > 0) {
			st->owner = name_number(o.name, o.number);
			st->service_org_number = xstrdup(o.number);
		}
		service_org_fini(&o);
	}
	if (rc < 0)
		return -1;
	if (it->contact_id) {
		struct contact c = {0};
		if ((rc = store_contact_get(db, it->contact_id, &c, err)) > 0) {
			char *n = customer_person_name(c.first_name, c.last_name);
			st->contact = name_number(n, c.number);
			st->contact_number = xstrdup(c.number);
			free(n);
		}
		contact_fini(&c);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int load_location(struct screen *s, struct csm_error *err)
{
	struct item_state *st = s->state;
	struct location_list l = {0};
	struct location here = {0};
	struct strbuf sb;
	int rc;

	if (!st->it.location_id)
		return 0;
	if (store_location_ancestors(ui_store(s->ui), st->it.location_id, &l, err) < 0 ||
	    (rc = store_location_get(ui_store(s->ui), st->it.location_id, &here, err)) < 0) {
		location_list_fini(&l);
		return -1;
	}
	strbuf_init(&sb);
	for (size_t i = 0; i < l.n; i++)
		if (l.items[i].id != st->it.location_id)
			strbuf_addf(&sb, "%s › ", l.items[i].name);
	if (rc > 0)
		strbuf_adds(&sb, here.name);
	st->location = strbuf_take(&sb);
	location_fini(&here);
	location_list_fini(&l);
	return 0;
}

static void facts_clear(struct item_state *st)
{
	install_base_item_fini(&st->it);
	free(st->owner);
	free(st->owner_number);
	free(st->service_org_number);
	free(st->contact);
	free(st->contact_number);
	free(st->location);
	free(st->parent_number);
	st->owner = st->owner_number = st->service_org_number = NULL;
	st->contact = st->contact_number = st->location = st->parent_number = NULL;
	for (int t = 0; t < ITAB_COUNT; t++)
		rows_clear(st, (enum item_tab)t);
}

/* (Re)reads the item by id and every tab.  0 or -1 with err. */
static int load(struct screen *s, int64_t id, const char *number, struct csm_error *err)
{
	struct item_state *st = s->state;
	struct store *db = ui_store(s->ui);
	int rc;

	facts_clear(st);
	rc = id > 0 ? store_ib_get(db, id, &st->it, err)
		    : store_ib_get_by_number(db, number ? number : "", &st->it, err);
	if (rc == 0)
		csm_error_set(err, CSM_EX_NOINPUT, "No install base item %s",
			      number ? number : "with that id");
	if (rc <= 0)
		return -1;
	/* path "/1/5/9/": the depth the tree query reports for it. */
	st->it.depth = -2;
	for (const char *p = st->it.path; p && *p; p++)
		st->it.depth += *p == '/';
	if (st->it.parent_id) {
		struct install_base_item parent = {0};
		if (store_ib_get(db, st->it.parent_id, &parent, err) < 0)
			return -1;
		st->parent_number = xstrdup(parent.number);
		install_base_item_fini(&parent);
	}
	if (load_owner(s, err) < 0 || load_location(s, err) < 0 || load_children(s, err) < 0 ||
	    load_products(s, err) < 0 || load_cases(s, err) < 0 || load_parties(s, err) < 0 ||
	    load_details(s, err) < 0)
		return -1;
	return 0;
}

static void show_tab(struct screen *s, enum item_tab t)
{
	struct item_state *st = s->state;

	st->tab = t;
	st->n_shown = st->n_rows[t];
	list_reload(&st->list);
	s->redraw = true;
}

/* Reads everything again, keeping the tab and the selection's place. */
static void reload(struct screen *s)
{
	struct item_state *st = s->state;
	struct csm_error err = {0};
	const struct list_row *r = list_selected(&st->list);
	long sel = r ? (long)r->id : 0;
	int64_t id = st->it.id;

	if (load(s, id, NULL, &err) < 0) {
		ui_error(s->ui, "%s", err.msg);
		return;
	}
	show_tab(s, st->tab);
	list_move(&st->list, sel);
}

/* ---- actions ----------------------------------------------------------- */

static void open_parties(struct screen *s)
{
	struct item_state *st = s->state;
	struct screen_arg arg = {.kind = SK_INSTALL_BASE, .id = st->it.id, .number = st->it.number};

	ui_push(s->ui, &parties_screen, &arg);
}

static void open_row(struct screen *s)
{
	struct item_state *st = s->state;
	const struct list_row *lr = list_selected(&st->list);
	const struct item_row *r;

	if (!lr || (size_t)lr->id >= st->n_rows[st->tab])
		return;
	r = &st->rows[st->tab][lr->id];
	if (st->tab == ITAB_PARTIES) {
		open_parties(s);
		return;
	}
	if (r->open_kind == SK_COUNT)
		return;
	ui_open_record(s->ui, r->open_kind, r->open_id, r->open_number);
}

static void repair_case(struct screen *s)
{
	struct item_state *st = s->state;
	struct screen_arg arg = {.kind = SK_INSTALL_BASE, .id = st->it.id, .number = st->it.number,
				 .create = true};

	if (st->it.state && strcmp(st->it.state, "inactive") == 0) {
		ui_error(s->ui, "%s is inactive%s%s: cases can be opened only for active items",
			 st->it.number, st->it.uninstall_date ? " since " : "",
			 st->it.uninstall_date ? st->it.uninstall_date : "");
		return;
	}
	if (record_screens[SK_CASE].create) {
		ui_push(s->ui, record_screens[SK_CASE].create, &arg);
		return;
	}
	dialog_input(&st->dlg, ASK_CASE, "Repair case: short description", st->it.name, NULL, true);
}

/* A repair case needs the right to open cases. */
static const struct permit item_permits_table[] = {
	{ACT_REPAIR_CASE, ACCESS_CREATE_CASES, "open cases"},
};

static bool item_permits(const struct screen *s, enum action a, char *why, size_t size)
{
	const struct item_state *st = s->state;

	if (dialog_active(&st->dlg))
		return true;
	return permit_check(ui_store(s->ui), item_permits_table,
			    sizeof item_permits_table / sizeof item_permits_table[0], a, why, size);
}

/* Creates the repair case through the domain from the dialog's text. */
static void create_case(struct screen *s)
{
	struct item_state *st = s->state;
	struct case_settings cs;
	struct case_input in = {0};
	struct case_entry out;
	struct csm_error err = {0};

	case_settings_from_config(&cs, ui_config(s->ui));
	in.short_description = dialog_text(&st->dlg);
	in.item = st->it.number;
	in.account = st->owner_kind == SK_ACCOUNT ? st->owner_number : NULL;
	in.consumer = st->owner_kind == SK_CONSUMER ? st->owner_number : NULL;
	in.household = st->owner_kind == SK_HOUSEHOLD ? st->owner_number : NULL;
	in.service_org = st->service_org_number;
	in.contact = st->owner_kind == SK_ACCOUNT ? st->contact_number : NULL;
	in.product = NULL;
	case_entry_init(&out);
	if (domain_case_create(ui_store(s->ui), &cs, &in, &out, &err) < 0) {
		dialog_set_error(&st->dlg, err.msg);
		case_entry_fini(&out);
		return;
	}
	free(st->created);
	st->created = xstrdup(out.rec.number);
	case_entry_fini(&out);
	dialog_close(&st->dlg);
	reload(s);
	show_tab(s, ITAB_CASES);
	ui_message(s->ui, "Created %s for %s", st->created, st->it.number);
}

/* ---- the screen -------------------------------------------------------- */

static int item_open(struct screen *s, const struct screen_arg *arg, struct csm_error *err)
{
	struct item_state *st = s->state;

	if (!arg || (arg->id <= 0 && !arg->number))
		return csm_error_set(err, CSM_EX_USAGE,
				     "Open an install base item by its number (:%s0000001)",
				     store_prefix(ui_store(s->ui), REC_INSTALL_BASE));
	list_init(&st->list, &list_array_source, &st->n_shown);
	dialog_init(&st->dlg);
	if (load(s, arg->id, arg->number, err) < 0) {
		facts_clear(st);
		list_fini(&st->list);
		dialog_fini(&st->dlg);
		return -1;
	}
	show_tab(s, ITAB_CHILDREN);
	return 0;
}

static void item_close(struct screen *s)
{
	struct item_state *st = s->state;

	facts_clear(st);
	list_fini(&st->list);
	dialog_fini(&st->dlg);
	free(st->created);
}

static void item_layout(struct screen *s, int rows, int cols)
{
	struct item_state *st = s->state;

	/* Facts: 6 lines when there is room, 3 when short. */
	st->facts_h = rows >= 18 ? 6 : 3;
	list_set_area(&st->list, st->facts_h + 2, rows - st->facts_h - 2 > 1
						     ? rows - st->facts_h - 2 : 1);
	dialog_layout(&st->dlg, rows, cols);
	s->redraw = true;
}

static enum action item_handle(struct screen *s, enum action a, const struct key_event *ev)
{
	struct item_state *st = s->state;

	s->redraw = true;
	if (dialog_active(&st->dlg)) {
		switch (dialog_handle(&st->dlg, a, ev)) {
		case DIALOG_ACCEPTED:
			create_case(s);
			return ACT_NONE;
		case DIALOG_PASS:
			return a;
		default:
			return ACT_NONE;
		}
	}
	if (list_handle(&st->list, a, ev))
		return ACT_NONE;
	switch (a) {
	case ACT_NEXT_TAB:
		show_tab(s, (enum item_tab)((st->tab + 1) % ITAB_COUNT));
		return ACT_NONE;
	case ACT_PREV_TAB:
		show_tab(s, (enum item_tab)((st->tab + ITAB_COUNT - 1) % ITAB_COUNT));
		return ACT_NONE;
	case ACT_INSERT:
		/* The digits jump to a tab. */
		if (ev && ev->key >= '1' && ev->key < '1' + ITAB_COUNT)
			show_tab(s, (enum item_tab)(ev->key - '1'));
		return ACT_NONE;
	case ACT_OPEN:
		open_row(s);
		return ACT_NONE;
	case ACT_MOUSE:
		if (ev && ev->mouse_double)
			open_row(s);
		return ACT_NONE;
	case ACT_RELATED_PARTIES:
		open_parties(s);
		return ACT_NONE;
	case ACT_REPAIR_CASE:
		repair_case(s);
		return ACT_NONE;
	case ACT_RELOAD:
		reload(s);
		return ACT_NONE;
	default:
		return a;
	}
}

static void item_resume(struct screen *s)
{
	/* The screen above may have added a party or a case. */
	reload(s);
}

static const char *item_keymap(const struct screen *s, bool *text_input)
{
	const struct item_state *st = s->state;

	if (dialog_active(&st->dlg))
		return dialog_keymap(&st->dlg, text_input);
	*text_input = false;
	return "item";
}

static bool item_cursor(const struct screen *s, int *y, int *x)
{
	const struct item_state *st = s->state;

	return dialog_active(&st->dlg) && dialog_cursor(&st->dlg, s->rows, s->cols, y, x);
}

/* ---- drawing ----------------------------------------------------------- */

/* Column widths of the shown tab for the body width. */
static void cell_widths(const struct screen *s, int *w)
{
	const struct item_state *st = s->state;
	int cols = s->cols - 2;

	if (st->tab == ITAB_DETAILS) {
		w[0] = cols / 3;
		w[1] = cols - w[0] - 1;
		w[2] = w[3] = 0;
		return;
	}
	if (cols >= 70) {
		w[0] = st->tab == ITAB_PARTIES ? cols / 4 : 10;
		w[2] = st->tab == ITAB_PARTIES ? cols / 5 : st->tab == ITAB_CHILDREN ? cols / 4 : 12;
		w[3] = st->tab == ITAB_PRODUCTS ? 24 : st->tab == ITAB_PARTIES ? cols / 6 : 11;
		w[1] = cols - w[0] - w[2] - w[3] - 3;
	} else {
		w[0] = st->tab == ITAB_PARTIES ? cols / 3 : 10;
		w[2] = 0;
		w[3] = 0;
		w[1] = cols - w[0] - 1;
	}
}

static void draw_row(const void *ctx, const struct list_row *row, WINDOW *w, int y, int x,
		     int width, bool selected)
{
	const struct screen *s = ctx;
	const struct item_state *st = s->state;
	const struct item_row *r = &st->rows[st->tab][row->id];
	attr_t base = selected ? theme_attr(THEME_SELECTED) : theme_attr(THEME_NORMAL);
	int cw[ITEM_CELLS];

	cell_widths(s, cw);
	draw_fill(w, y, x, width, base);
	x++;
	for (int c = 0; c < ITEM_CELLS; c++) {
		char buf[600];
		const char *text = r->cells[c];

		if (!cw[c])
			continue;
		if (c == 1 && r->indent > 0) {
			snprintf(buf, sizeof buf, "%*s%s", r->indent * 2, "", text ? text : "");
			text = buf;
		}
		x = draw_text(w, y, x, text, cw[c], base) + 1;
	}
}

/* "Label: value" pairs on one line, as many as fit. */
static void draw_fact(WINDOW *w, int y, int *x, int right, const char *label, const char *value)
{
	int lw = (int)strlen(label);

	if (*x >= right)
		return;
	draw_str(w, y, *x, label, right - *x, theme_attr(THEME_DIM));
	*x += lw;
	if (*x < right)
		*x = draw_str(w, y, *x, value && *value ? value : "-", right - *x,
			      theme_attr(THEME_NORMAL)) + 2;
}

static void item_draw(const struct screen *s, WINDOW *w)
{
	const struct item_state *st = s->state;
	const struct install_base_item *it = &st->it;
	int right = s->cols - 1, x, y = 0, cw[ITEM_CELLS];
	char title[400], dates[80];

	snprintf(title, sizeof title, "%s  %s", it->number, it->name ? it->name : "");
	x = draw_str(w, y, 1, title, right - 1, theme_attr(THEME_HEADING) | A_BOLD) + 2;
	draw_fact(w, y++, &x, right, "", state_text(it->state));
	x = 1;
	draw_fact(w, y, &x, right, "Product: ", it->product_name);
	draw_fact(w, y++, &x, right, "Serial: ", it->serial_number);
	x = 1;
	draw_fact(w, y, &x, right, "Owner: ", st->owner);
	if (st->facts_h > 3) {
		y++;
		x = 1;
	}
	draw_fact(w, y++, &x, right, "Contact: ", st->contact);
	if (st->facts_h > 3) {
		x = 1;
		draw_fact(w, y++, &x, right, "Location: ", st->location);
		snprintf(dates, sizeof dates, "%s .. %s", it->install_date ? it->install_date : "",
			 it->uninstall_date ? it->uninstall_date : "");
		x = 1;
		draw_fact(w, y, &x, right, "Installed: ", dates);
		draw_fact(w, y++, &x, right, "Parent: ", st->parent_number);
	}

	/* The tab bar: "1 Children (3)  2 Products (1) ...", the current one marked. */
	x = 0;
	for (int t = 0; t < ITAB_COUNT && x < right; t++) {
		char label[48];
		bool cur = t == (int)st->tab;

		size_t n = t == ITAB_DETAILS ? st->n_rows[t] - 1 : st->n_rows[t];

		/* Narrow: only the current tab is named, the others are digits. */
		if (s->cols >= 70 || cur)
			snprintf(label, sizeof label, "%d %s (%zu)", t + 1, tab_names[t], n);
		else
			snprintf(label, sizeof label, "%d", t + 1);
		x = draw_str(w, st->facts_h, x + 1, label, right - x - 1,
			     cur ? theme_attr(THEME_SELECTED) : theme_attr(THEME_DIM));
	}
	cell_widths(s, cw);
	x = 1;
	for (int c = 0; c < ITEM_CELLS; c++) {
		if (!cw[c])
			continue;
		x = draw_text(w, st->facts_h + 1, x, tab_heads[st->tab][c], cw[c],
			      theme_attr(THEME_HEADING)) + 1;
	}
	if (!st->n_shown) {
		static const char *const empty[ITAB_COUNT] = {
			[ITAB_CHILDREN] = "No child items",
			[ITAB_PRODUCTS] = "No sold products installed on it",
			[ITAB_CASES] = "No cases on this tree",
			[ITAB_PARTIES] = "No related parties",
		};
		char keys[64] = "", line[160];

		/* Say which key adds one, as the keymap binds it now. */
		if (st->tab == ITAB_PARTIES &&
		    keymap_keys_of(ui_keymap(s->ui), "item", ACT_RELATED_PARTIES, false, keys,
				   sizeof keys)) {
			if (strchr(keys, ' '))
				*strchr(keys, ' ') = '\0';
			snprintf(line, sizeof line, "%s (%s opens the list to add one)",
				 empty[st->tab], keys);
		} else {
			snprintf(line, sizeof line, "%s", empty[st->tab] ? empty[st->tab] : "");
		}
		draw_text(w, st->facts_h + 2, 1, line, s->cols - 2, theme_attr(THEME_DIM));
	} else {
		list_draw(&st->list, w, 0, s->cols, draw_row, s);
	}
	if (dialog_active(&st->dlg))
		dialog_draw(&st->dlg, w, s->rows, s->cols);
}

const struct screen_ops item_screen = {
	.name = "item",
	.title = "Install base item",
	.flags = 0,
	.state_size = sizeof(struct item_state),
	.open = item_open,
	.close = item_close,
	.layout = item_layout,
	.draw = item_draw,
	.handle = item_handle,
	.keymap = item_keymap,
	.cursor = item_cursor,
	.resume = item_resume,
	.permits = item_permits,
};
