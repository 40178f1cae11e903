/* test_ui_install_base.c - the install base by location and the item view
 * without a terminal: the tree loads children on expand with counts that
 * match the database, collapse and go to the parent, the items at a node
 * or under it, the state filter, keyset paging both ways over many items,
 * Enter opens the item; the item's tabs (subtree, cases of the tree,
 * parties, characteristics) and its repair case (refused when inactive). */
#include "helpers.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "domain/domain.h"
#include "ui/screens/install_base.h"
#include "ui/screens/item.h"
#include "ui/screens/parties.h"
#include "ui/ui.h"
#include "util/xalloc.h"

struct fixture {
	char path[256];        /* the temporary database */
	struct store *s;       /* open on path */
	struct csm_config cfg; /* defaults (b2b) */
	struct ui *ui;         /* the console */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct csm_error err = {0};

	f->s = test_store_new(f->path, MODEL_B2B);
	if (domain_setup_database(f->s, MODEL_B2B, "telecom", &err) < 0)
		fail_msg("setup: %s", err.msg);
	/* Land > City > {Site A, Site B}; Island.  Site A: a tree of three
	 * (root 1, child 2, grandchild 3) plus an inactive item 4; City: item
	 * 5; Site B: item 6 (in repair). */
	test_exec(f->s,
		  "INSERT INTO account(id, number, name) VALUES (1, 'ACCT0000001', 'Acme');"
		  "INSERT INTO contact(id, number, account_id, last_name) VALUES "
		  "(1, 'CT0000001', 1, 'Doerr');"
		  "INSERT INTO location(id, name, type) VALUES (1, 'Land', 'country');"
		  "INSERT INTO location(id, name, type, parent_id) VALUES (2, 'City', 'city', 1);"
		  "INSERT INTO location(id, name, type, parent_id) VALUES (3, 'Site B', 'site', 2);"
		  "INSERT INTO location(id, name, type, parent_id) VALUES (4, 'Site A', 'site', 2);"
		  "INSERT INTO location(id, name, type) VALUES (5, 'Island', 'country');"
		  "INSERT INTO product(id, name, model_number) VALUES "
		  "(101, 'ZQ Router', 'ZQ-ROUTER-1'), (102, 'ZQ Card', 'ZQ-CARD-1');"
		  "INSERT INTO install_base_item(id, number, name, product_id, account_id, contact_id,"
		  " location_id, state, usage, characteristics) VALUES "
		  "(1, 'IB0000001', 'Rack', 101, 1, 1, 4, 'in_use', 'core site', "
		  "'{\"firmware\":\"7.1\",\"slots\":4}');"
		  );
	test_exec(f->s,
		  "INSERT INTO install_base_item(id, number, name, product_id, account_id, location_id,"
		  " parent_id, state) VALUES "
		  "(2, 'IB0000002', 'Shelf', 102, 1, 4, 1, 'in_use'),"
		  "(3, 'IB0000003', 'Card', 102, 1, 4, 2, 'in_repair');"
		  );
	test_exec(f->s,
		  "INSERT INTO install_base_item(id, number, name, product_id, account_id, location_id,"
		  " state, uninstall_date) VALUES "
		  "(4, 'IB0000004', 'Old modem', 101, 1, 4, 'inactive', '2025-01-31');"
		  "INSERT INTO install_base_item(id, number, name, product_id, account_id, location_id,"
		  " state) VALUES (5, 'IB0000005', 'Switch', 101, 1, 2, 'in_use'),"
		  "(6, 'IB0000006', 'Modem', 101, 1, 3, 'in_repair');"
		  );
	test_exec(f->s,
		  "INSERT INTO cases(id, number, short_description, account_id, install_base_item_id,"
		  " state) VALUES (1, 'CS0000001', 'Card fails', 1, 3, 'open'),"
		  "(2, 'CS0000002', 'Rack noisy', 1, 1, 'closed'),"
		  "(3, 'CS0000003', 'Modem dead', 1, 6, 'new');"
		  );
	test_exec(f->s,
		  "INSERT INTO related_party(type_id, install_base_item_id, contact_id, "
		  "relationship_name) SELECT id, 1, 1, 'site owner' FROM related_party_type "
		  "WHERE name = 'Site Contact' AND applies_to = 'install_base_item';");
	config_init(&f->cfg);
	f->ui = ui_new(f->s, &f->cfg, f->path, &err);
	if (!f->ui)
		fail_msg("ui_new: %s", err.msg);
	ui_layout(f->ui, 28, 100);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	ui_free(&f->ui);
	config_fini(&f->cfg);
	test_store_free(&f->s, f->path);
	free(f);
	return 0;
}

static void key(struct ui *ui, unsigned k)
{
	ui_dispatch_key(ui, &(struct key_event){.key = k});
}

static void type(struct ui *ui, const char *s)
{
	for (; *s; s++)
		key(ui, (unsigned char)*s);
}

#define DOWN (KEYCODE_FN | KEY_DOWN)
#define RIGHT (KEYCODE_FN | KEY_RIGHT)
#define LEFT (KEYCODE_FN | KEY_LEFT)

static struct install_base_state *open_ib(struct fixture *f)
{
	ui_command(f->ui, "install-base");
	assert_ptr_equal(ui_top(f->ui)->ops, &install_base_screen);
	return ui_top(f->ui)->state;
}

static const struct ib_node *sel_node(const struct install_base_state *st)
{
	const struct list_row *r = list_selected(&st->tree);
	return r ? &st->nodes[r->id] : NULL;
}

static const struct ib_item_row *sel_item(const struct install_base_state *st)
{
	const struct list_row *r = list_selected(&st->items);
	return r ? r->data : NULL;
}

/* Moves the tree selection to the location named name. */
static void select_node(struct fixture *f, struct install_base_state *st, const char *name)
{
	key(f->ui, KEYCODE_FN | KEY_HOME);
	for (size_t i = 0; i < st->n_nodes; i++) {
		if (strcmp(sel_node(st)->loc.name, name) == 0) {
			ui_idle(f->ui);
			return;
		}
		key(f->ui, DOWN);
	}
	fail_msg("no visible location '%s'", name);
}

/* The counts shown for a node equal what the database says. */
static void check_counts(struct fixture *f, const struct ib_node *n)
{
	static const char under[] =
		"FROM install_base_item i JOIN location l ON l.id = i.location_id "
		"WHERE l.path LIKE (SELECT path FROM location WHERE id = %lld) || '%%'";
	{
		char q[600], w[400];
		snprintf(w, sizeof w, under, (long long)n->loc.id);
		snprintf(q, sizeof q, "SELECT count(*) %s", w);
		assert_int_equal(n->loc.total.items, test_query_int(f->s, q));
		snprintf(q, sizeof q, "SELECT count(*) %s AND i.state = 'in_use'", w);
		assert_int_equal(n->loc.total.in_use, test_query_int(f->s, q));
		snprintf(q, sizeof q, "SELECT count(*) %s AND i.state = 'in_repair'", w);
		assert_int_equal(n->loc.total.in_repair, test_query_int(f->s, q));
		snprintf(q, sizeof q,
			 "SELECT count(*) FROM cases c JOIN install_base_item i ON "
			 "i.id = c.install_base_item_id JOIN location l ON l.id = i.location_id "
			 "WHERE l.path LIKE (SELECT path FROM location WHERE id = %lld) || '%%' "
			 "AND c.state NOT IN ('closed', 'canceled')",
			 (long long)n->loc.id);
		assert_int_equal(n->loc.total.open_cases, test_query_int(f->s, q));
	}
}

static void test_tree_expands_with_counts(void **state)
{
	struct fixture *f = *state;
	struct install_base_state *st = open_ib(f);

	/* The top locations only, by name, with the totals summed. */
	assert_int_equal(st->n_nodes, 2);
	assert_string_equal(st->nodes[0].loc.name, "Island");
	assert_string_equal(st->nodes[1].loc.name, "Land");
	assert_int_equal(st->all.items, 6);
	assert_int_equal(st->all.open_cases, 2);
	check_counts(f, &st->nodes[1]);
	assert_int_equal(st->nodes[1].loc.total.items, 6);

	select_node(f, st, "Land");
	key(f->ui, RIGHT);
	assert_int_equal(st->n_nodes, 3);
	assert_true(st->nodes[1].expanded);
	assert_string_equal(st->nodes[2].loc.name, "City");
	key(f->ui, RIGHT); /* open already: step onto the child */
	assert_string_equal(sel_node(st)->loc.name, "City");
	key(f->ui, '+');
	assert_int_equal(st->n_nodes, 5);
	assert_string_equal(st->nodes[3].loc.name, "Site A");
	assert_string_equal(st->nodes[4].loc.name, "Site B");
	assert_int_equal(st->nodes[3].level, 2);
	for (size_t i = 0; i < st->n_nodes; i++)
		check_counts(f, &st->nodes[i]);
	assert_int_equal(st->nodes[3].loc.total.items, 4);
	assert_int_equal(st->nodes[3].loc.total.open_cases, 1);

	/* A leaf: expanding finds nothing and says so. */
	select_node(f, st, "Site A");
	key(f->ui, KEYCODE_ENTER);
	assert_true(sel_node(st)->leaf);
	assert_int_equal(st->n_nodes, 5);

	/* Left on a collapsed node goes to its parent; on an open one closes it. */
	key(f->ui, KEYCODE_ENTER); /* collapse Site A again */
	key(f->ui, LEFT);
	assert_string_equal(sel_node(st)->loc.name, "City");
	key(f->ui, '-');
	assert_int_equal(st->n_nodes, 3);
	assert_false(st->nodes[2].expanded);

	/* Reading again keeps what was open. */
	key(f->ui, KEYCODE_FN | KEY_F(5));
	assert_int_equal(st->n_nodes, 3);
	assert_string_equal(sel_node(st)->loc.name, "City");
}

static void test_items_scope_filter_open(void **state)
{
	struct fixture *f = *state;
	struct install_base_state *st = open_ib(f);

	select_node(f, st, "Land");
	key(f->ui, RIGHT);
	select_node(f, st, "City");
	key(f->ui, RIGHT);
	select_node(f, st, "City");
	/* At City itself: the switch only. */
	assert_int_equal(st->items_loc, 2);
	assert_int_equal(st->items.n, 1);
	assert_string_equal(sel_item(st)->it.number, "IB0000005");
	/* Everything under it, in (location path, id) order. */
	key(f->ui, 's');
	assert_true(st->subtree);
	assert_int_equal(st->items.n, 6);
	assert_string_equal(sel_item(st)->it.number, "IB0000005");
	assert_string_equal(sel_item(st)->location_name, "City");

	/* Filter by state (and no product): only what is in repair. */
	key(f->ui, 'f');
	assert_int_equal(st->dlg.kind, DIALOG_PICK);
	key(f->ui, DOWN);
	key(f->ui, DOWN);
	key(f->ui, KEYCODE_ENTER);
	assert_string_equal(st->state_filter, "in_repair");
	assert_int_equal(st->dlg.kind, DIALOG_INPUT);
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.kind, DIALOG_NONE);
	assert_int_equal(st->items.n, 2);
	/* Then by product too, typed as its model number. */
	key(f->ui, 'f');
	key(f->ui, KEYCODE_ENTER);
	type(f->ui, "zq-card-1");
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->product_id, 102);
	assert_int_equal(st->items.n, 1);
	assert_string_equal(sel_item(st)->it.number, "IB0000003");
	/* An unknown product is said in the question, which stays open. */
	key(f->ui, 'f');
	key(f->ui, KEYCODE_ENTER);
	key(f->ui, 21); /* C-u clears */
	type(f->ui, "nothing-like-it");
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.kind, DIALOG_INPUT);
	assert_non_null(st->dlg.error);
	key(f->ui, KEYCODE_ESC);

	/* Enter in the item list opens the item view. */
	key(f->ui, KEYCODE_TAB);
	assert_int_equal(st->focus, IB_FOCUS_ITEMS);
	key(f->ui, KEYCODE_ENTER);
	assert_ptr_equal(ui_top(f->ui)->ops, &item_screen);
	assert_string_equal(((struct item_state *)ui_top(f->ui)->state)->it.number, "IB0000003");
}

static void test_items_page_both_ways(void **state)
{
	struct fixture *f = *state;
	struct install_base_state *st;
	const struct list_row *r;

	test_exec(f->s, "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n "
			"WHERE k < 700) INSERT INTO install_base_item(number, name, account_id, "
			"location_id) SELECT printf('IB1%06d', k), 'Bulk ' || k, 1, 4 FROM n;");
	st = open_ib(f);
	select_node(f, st, "Land");
	key(f->ui, 's');
	key(f->ui, KEYCODE_TAB);
	key(f->ui, KEYCODE_FN | KEY_END);
	r = list_selected(&st->items);
	/* The last row under Land: Site A's last bulk item (Site A's path
	 * /1/2/4/ sorts last). */
	assert_int_equal(r->id, test_query_int(f->s, "SELECT max(id) FROM install_base_item "
						     "WHERE location_id = 4"));
	assert_true(st->items.n < 700); /* a window, never the whole list */
	key(f->ui, KEYCODE_FN | KEY_HOME);
	assert_string_equal(sel_item(st)->it.number, "IB0000005");
	/* Page down far, then back up across dropped rows. */
	for (int i = 0; i < 40; i++)
		key(f->ui, KEYCODE_FN | KEY_NPAGE);
	for (int i = 0; i < 40; i++)
		key(f->ui, KEYCODE_FN | KEY_PPAGE);
	assert_string_equal(sel_item(st)->it.number, "IB0000005");
	assert_true(st->items.n < 700);
}

static struct item_state *open_item(struct fixture *f, const char *number)
{
	char cmd[64];

	snprintf(cmd, sizeof cmd, "%s", number);
	ui_command(f->ui, cmd);
	assert_ptr_equal(ui_top(f->ui)->ops, &item_screen);
	return ui_top(f->ui)->state;
}

static void test_item_tabs(void **state)
{
	struct fixture *f = *state;
	struct item_state *st = open_item(f, "IB0000002");

	assert_string_equal(st->it.name, "Shelf");
	assert_string_equal(st->owner, "Acme (ACCT0000001)");
	assert_string_equal(st->location, "Land › City › Site A");
	assert_string_equal(st->parent_number, "IB0000001");
	/* Children: its subtree only (the card), not its parent. */
	assert_int_equal(st->tab, ITAB_CHILDREN);
	assert_int_equal(st->n_rows[ITAB_CHILDREN], 1);
	assert_string_equal(st->rows[ITAB_CHILDREN][0].open_number, "IB0000003");
	assert_int_equal(st->rows[ITAB_CHILDREN][0].indent, 0);
	/* Cases: every case of the whole tree, the root's too. */
	key(f->ui, '3');
	assert_int_equal(st->tab, ITAB_CASES);
	assert_int_equal(st->n_rows[ITAB_CASES], 2);
	ui_pop(f->ui);

	st = open_item(f, "IB0000001");
	assert_string_equal(st->contact, "Doerr (CT0000001)");
	assert_int_equal(st->n_rows[ITAB_CHILDREN], 2);
	assert_int_equal(st->rows[ITAB_CHILDREN][1].indent, 1);
	assert_int_equal(st->n_rows[ITAB_PARTIES], 1);
	assert_string_equal(st->rows[ITAB_PARTIES][0].cells[3], "site owner");
	/* Details: the characteristics by key, then the usage. */
	key(f->ui, KEYCODE_FN | KEY_BTAB);
	assert_int_equal(st->tab, ITAB_DETAILS);
	assert_int_equal(st->n_rows[ITAB_DETAILS], 3);
	assert_string_equal(st->rows[ITAB_DETAILS][0].cells[0], "firmware");
	assert_string_equal(st->rows[ITAB_DETAILS][0].cells[1], "7.1");
	assert_string_equal(st->rows[ITAB_DETAILS][1].cells[1], "4");
	assert_string_equal(st->rows[ITAB_DETAILS][2].cells[1], "core site");
	/* Enter on a child opens it; r opens the related parties. */
	key(f->ui, '1');
	key(f->ui, KEYCODE_ENTER);
	assert_string_equal(((struct item_state *)ui_top(f->ui)->state)->it.number, "IB0000002");
	ui_pop(f->ui);
	key(f->ui, 'r');
	assert_ptr_equal(ui_top(f->ui)->ops, &parties_screen);
	assert_int_equal(((struct parties_state *)ui_top(f->ui)->state)->n, 1);
}

static void test_repair_case(void **state)
{
	struct fixture *f = *state;
	struct item_state *st = open_item(f, "IB0000004");
	bool is_error;

	/* Inactive: refused, with the reason. */
	key(f->ui, 'c');
	assert_ptr_equal(ui_top(f->ui)->ops, &item_screen);
	assert_string_equal(ui_message_text(f->ui, &is_error),
			    "IB0000004 is inactive since 2025-01-31: cases can be opened only for "
			    "active items");
	assert_true(is_error);
	assert_int_equal(st->dlg.kind, DIALOG_NONE);
	ui_pop(f->ui);

	st = open_item(f, "IB0000005");
	key(f->ui, 'c');
	if (record_screens[SK_CASE].create) {
		/* The case entry screen, on this item. */
		assert_ptr_equal(ui_top(f->ui)->ops, record_screens[SK_CASE].create);
		return;
	}
	assert_int_equal(st->dlg.kind, DIALOG_INPUT);
	key(f->ui, 21);
	type(f->ui, "Switch port dead");
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.kind, DIALOG_NONE);
	assert_non_null(st->created);
	assert_int_equal(st->tab, ITAB_CASES);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM cases WHERE "
					      "install_base_item_id = 5 AND account_id = 1 AND "
					      "short_description = 'Switch port dead'"),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tree_expands_with_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_scope_filter_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_items_page_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(test_item_tabs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repair_case, setup, teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
