/* test_install_base.c - install base trees: inheritance, roots after
 * inserts and moves, cycles, tree order, states, characteristics, cases of
 * a tree, installed products and the location roll-up. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/install_base.h"
#include "domain/product.h"
#include "util/xalloc.h"

/* Locations: 1 Land > 2 City > {3 Site B, 4 Site A}; 5 Island (root).
 * Accounts 1, 2; consumer 1; product 1. */
static struct store *fixture(char *path, enum business_model m)
{
	struct store *s = test_store_new(path, m);

	setenv("CSM_NOW", "2026-06-15T10:00:00Z", 1);
	test_exec(s,
		  "INSERT INTO location_type(name) VALUES ('country'), ('city'), ('site');"
		  "INSERT INTO location(id, name, type) VALUES (1, 'Land', 'country');"
		  "INSERT INTO location(id, name, type, parent_id) VALUES (2, 'City', 'city', 1);"
		  "INSERT INTO location(id, name, type, parent_id) VALUES (3, 'Site B', 'site', 2);"
		  "INSERT INTO location(id, name, type, parent_id) VALUES (4, 'Site A', 'site', 2);"
		  "INSERT INTO location(id, name, type) VALUES (5, 'Island', 'country');"
		  "INSERT INTO account(id, number, name) VALUES (1, 'ACCT1', 'One');"
		  "INSERT INTO account(id, number, name) VALUES (2, 'ACCT2', 'Two');"
		  "INSERT INTO consumer(id, number, last_name) VALUES (1, 'CON1', 'Doe');"
		  "INSERT INTO product(id, name, model_number) VALUES (1, 'Router', 'R-1');");
	return s;
}

/* Creates an item; returns its id. */
static int64_t item(struct store *s, const char *name, int64_t parent, int64_t account,
		    int64_t location)
{
	struct install_base_item it = {0};
	struct csm_error err = {0};
	int64_t id;

	it.name = xstrdup(name);
	it.parent_id = parent;
	it.account_id = account;
	it.location_id = location;
	it.product_id = 1;
	if (domain_ib_create(s, &it, &err) < 0)
		fail_msg("item %s: %s", name, err.msg);
	id = it.id;
	install_base_item_fini(&it);
	return id;
}

static long long q(struct store *s, const char *fmt, long long a)
{
	char sql[512];
	snprintf(sql, sizeof sql, fmt, a);
	return test_query_int(s, sql);
}

static void test_child_inherits_owner_and_location(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B);
	struct install_base_item it = {0}, got = {0};
	struct csm_error err = {0};
	int64_t root, child;
	(void)state;

	test_exec(s, "INSERT INTO contact(id, number, account_id, last_name) VALUES (1, 'CT1', 1, 'X')");
	it.name = xstrdup("Rack");
	it.account_id = 1;
	it.contact_id = 1;
	it.location_id = 3;
	assert_int_equal(domain_ib_create(s, &it, &err), 0);
	assert_string_equal(it.number, "IB0000001");
	root = it.id;
	assert_int_equal(it.root_id, root);
	install_base_item_fini(&it);

	child = item(s, "Card", root, 0, 0);
	assert_int_equal(store_ib_get(s, child, &got, &err), 1);
	assert_int_equal(got.account_id, 1);
	assert_int_equal(got.contact_id, 1);
	assert_int_equal(got.location_id, 3);
	assert_int_equal(got.root_id, root);
	assert_int_equal(got.depth, 1);
	install_base_item_fini(&got);

	/* given owner and location win */
	int64_t other = item(s, "Loaned card", root, 2, 4);
	assert_int_equal(store_ib_get(s, other, &got, &err), 1);
	assert_int_equal(got.account_id, 2);
	assert_int_equal(got.contact_id, 0);
	assert_int_equal(got.location_id, 4);
	install_base_item_fini(&got);
	test_store_free(&s, path);
}

static void test_owner_messages_and_failed_writes(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B);
	struct install_base_item it = {0};
	struct csm_error err = {0};
	(void)state;

	it.name = xstrdup("Orphan");
	assert_int_equal(domain_ib_create(s, &it, &err), -1);
	assert_non_null(strstr(err.msg, "an owner is required"));
	it.account_id = 1;
	it.consumer_id = 1;
	assert_int_equal(domain_ib_create(s, &it, &err), -1);
	assert_non_null(strstr(err.msg, "not both"));
	it.consumer_id = 0;
	it.parent_id = 99;
	assert_int_equal(domain_ib_create(s, &it, &err), -1);
	assert_non_null(strstr(err.msg, "no such item"));
	it.parent_id = 0;
	it.location_id = 99;
	assert_int_equal(domain_ib_create(s, &it, &err), -1);
	assert_non_null(strstr(err.msg, "does not exist"));
	it.location_id = 0;
	it.state = xstrdup("broken");
	assert_int_equal(domain_ib_create(s, &it, &err), -1);
	assert_non_null(strstr(err.msg, "state 'broken'"));
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM install_base_item"), 0);
	/* no number was used up by the failures */
	free(it.state);
	it.state = NULL;
	assert_int_equal(domain_ib_create(s, &it, &err), 0);
	assert_string_equal(it.number, "IB0000001");
	install_base_item_fini(&it);
	assert_int_equal(store_txn_depth(s), 0);
	test_store_free(&s, path);
}

static void test_b2b2c_allows_account_and_consumer(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B2C);
	struct install_base_item it = {0};
	struct csm_error err = {0};
	(void)state;

	it.name = xstrdup("Shared box");
	it.account_id = 1;
	it.consumer_id = 1;
	assert_int_equal(domain_ib_create(s, &it, &err), 0);
	install_base_item_fini(&it);
	test_store_free(&s, path);
}

static void test_tree_order_roots_and_moves(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B);
	struct install_base_list l = {0};
	struct csm_error err = {0};
	int64_t a, b, a1, a2, a11, b1;
	(void)state;

	a = item(s, "A", 0, 1, 3);
	b = item(s, "B", 0, 2, 4);
	a1 = item(s, "A1", a, 0, 0);
	b1 = item(s, "B1", b, 0, 0);
	a2 = item(s, "A2", a, 0, 0);
	a11 = item(s, "A11", a1, 0, 0);

	assert_int_equal(store_ib_tree(s, a, &l, &err), 0);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.v[0].id, a);
	assert_int_equal(l.v[0].depth, 0);
	assert_int_equal(l.v[1].id, a1);
	assert_int_equal(l.v[1].depth, 1);
	assert_int_equal(l.v[2].id, a11);
	assert_int_equal(l.v[2].depth, 2);
	assert_int_equal(l.v[3].id, a2);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.v[i].root_id, a);
	install_base_list_fini(&l);

	/* move A1 (with A11) under B1: the subtree's root follows */
	assert_int_equal(domain_ib_move(s, a1, b1, 0, &err), 0);
	assert_int_equal(q(s, "SELECT root_id FROM install_base_item WHERE id = %lld", a11), b);
	assert_int_equal(q(s, "SELECT root_id FROM install_base_item WHERE id = %lld", a1), b);
	assert_int_equal(q(s, "SELECT count(*) FROM install_base_item WHERE root_id = %lld", b), 4);
	/* the default keeps location and owner */
	assert_int_equal(q(s, "SELECT location_id FROM install_base_item WHERE id = %lld", a11), 3);
	assert_int_equal(q(s, "SELECT account_id FROM install_base_item WHERE id = %lld", a11), 1);
	assert_int_equal(store_ib_tree(s, b, &l, &err), 0);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.v[3].id, a11);
	assert_int_equal(l.v[3].depth, 3);
	assert_string_equal(l.v[3].path, "/2/4/3/6/");
	install_base_list_fini(&l);

	/* cycles: under itself, under its own descendant; nothing changes */
	char *before = test_query_text(s, "SELECT group_concat(id || ':' || root_id || ':' || path, ' ') "
					  "FROM install_base_item");
	assert_int_equal(domain_ib_move(s, b, a11, 0, &err), -1);
	assert_non_null(strstr(err.msg, "cannot be moved under"));
	assert_int_equal(domain_ib_move(s, b, b, 0, &err), -1);
	assert_int_equal(domain_ib_move(s, b, 999, 0, &err), -1);
	assert_non_null(strstr(err.msg, "no such item"));
	char *after = test_query_text(s, "SELECT group_concat(id || ':' || root_id || ':' || path, ' ') "
					 "FROM install_base_item");
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* the trigger holds the rule even without the domain's check */
	assert_int_equal(store_ib_set_parent(s, b, a11, &err), -1);
	assert_non_null(strstr(err.msg, "cannot be moved under itself"));

	/* taking the new parent's location and owner, whole subtree */
	assert_int_equal(domain_ib_move(s, a1, a2, IB_MOVE_TAKE_LOCATION | IB_MOVE_TAKE_OWNER, &err),
			 0);
	assert_int_equal(q(s, "SELECT root_id FROM install_base_item WHERE id = %lld", a11), a);
	assert_int_equal(q(s, "SELECT location_id FROM install_base_item WHERE id = %lld", a11), 3);
	assert_int_equal(domain_ib_move(s, a1, b, IB_MOVE_TAKE_LOCATION | IB_MOVE_TAKE_OWNER, &err),
			 0);
	assert_int_equal(q(s, "SELECT location_id FROM install_base_item WHERE id = %lld", a11), 4);
	assert_int_equal(q(s, "SELECT account_id FROM install_base_item WHERE id = %lld", a11), 2);
	assert_int_equal(q(s, "SELECT account_id FROM install_base_item WHERE id = %lld", a), 1);

	/* becoming a root */
	assert_int_equal(domain_ib_move(s, a1, 0, 0, &err), 0);
	assert_int_equal(q(s, "SELECT root_id FROM install_base_item WHERE id = %lld", a11), a1);
	assert_int_equal(store_ib_children(s, a1, &l, &err), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, a11);
	install_base_list_fini(&l);
	(void)a2;
	test_store_free(&s, path);
}

static void test_state_usage_and_characteristics(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B);
	struct csm_error err = {0};
	char *v = NULL;
	int64_t a = item(s, "Meter", 0, 1, 3);
	(void)state;

	assert_int_equal(domain_ib_set_state(s, a, "in_repair", &err), 0);
	assert_int_equal(q(s, "SELECT uninstall_date IS NULL FROM install_base_item WHERE id = %lld", a), 1);
	assert_int_equal(domain_ib_set_state(s, a, "gone", &err), -1);
	assert_int_equal(domain_ib_set_state(s, a, "inactive", &err), 0);
	v = test_query_text(s, "SELECT uninstall_date FROM install_base_item");
	assert_string_equal(v, "2026-06-15");
	free(v);
	/* an uninstall date already there is kept */
	setenv("CSM_NOW", "2026-07-01T10:00:00Z", 1);
	assert_int_equal(domain_ib_set_state(s, a, "in_use", &err), 0);
	assert_int_equal(domain_ib_set_state(s, a, "inactive", &err), 0);
	v = test_query_text(s, "SELECT uninstall_date FROM install_base_item");
	assert_string_equal(v, "2026-06-15");
	free(v);
	assert_int_equal(domain_ib_set_state(s, 999, "inactive", &err), -1);
	assert_non_null(strstr(err.msg, "no such"));

	assert_int_equal(domain_ib_set_usage(s, a, "24/7, 300 reads a day", &err), 0);
	v = test_query_text(s, "SELECT usage FROM install_base_item");
	assert_string_equal(v, "24/7, 300 reads a day");
	free(v);

	/* no definitions: any valid key */
	assert_int_equal(domain_ib_characteristic_set(s, a, "firmware", "1.2.3", &err), 0);
	assert_int_equal(domain_ib_characteristic_set(s, a, "reading.kwh", "5", &err), -1);
	assert_int_equal(store_ib_characteristic_get(s, a, "firmware", &v, &err), 1);
	assert_string_equal(v, "1.2.3");
	free(v);
	assert_int_equal(store_ib_characteristic_get(s, a, "colour", &v, &err), 0);
	assert_null(v);
	/* with definitions: only defined keys */
	test_exec(s, "INSERT INTO characteristic_def(name, label) VALUES ('firmware', 'Firmware'),"
		     " ('meter_reading', 'Meter reading')");
	assert_int_equal(domain_ib_characteristic_set(s, a, "colour", "red", &err), -1);
	assert_non_null(strstr(err.msg, "not defined"));
	assert_non_null(strstr(err.msg, "firmware, meter_reading"));
	assert_int_equal(domain_ib_characteristic_set(s, a, "meter_reading", "1042", &err), 0);
	v = test_query_text(s, "SELECT characteristics FROM install_base_item");
	assert_string_equal(v, "{\"firmware\":\"1.2.3\",\"meter_reading\":\"1042\"}");
	free(v);
	assert_int_equal(domain_ib_characteristic_set(s, a, "firmware", NULL, &err), 0);
	v = test_query_text(s, "SELECT characteristics FROM install_base_item");
	assert_string_equal(v, "{\"meter_reading\":\"1042\"}");
	free(v);
	test_store_free(&s, path);
}

static void test_cases_of_a_tree_and_installed_products(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B);
	struct csm_error err = {0};
	struct tree_case_list cl = {0};
	struct sold_product_list sl = {0};
	struct install_base_list il = {0};
	int64_t a = item(s, "A", 0, 1, 3), a1 = item(s, "A1", a, 0, 0), b = item(s, "B", 0, 1, 3);
	char sql[512];
	(void)state;

	snprintf(sql, sizeof sql,
		 "INSERT INTO cases(number, short_description, account_id, install_base_item_id, "
		 "priority, opened_at) VALUES ('CS1', 'Root down', 1, %lld, 1, '2026-01-01T00:00:00Z'),"
		 " ('CS2', 'Card hot', 1, %lld, 2, '2026-02-01T00:00:00Z'),"
		 " ('CS3', 'Other tree', 1, %lld, 3, '2026-03-01T00:00:00Z')",
		 (long long)a, (long long)a1, (long long)b);
	test_exec(s, sql);
	assert_int_equal(store_ib_tree_cases(s, a, &cl, &err), 0);
	assert_int_equal(cl.n, 2);
	assert_string_equal(cl.v[0].number, "CS2");
	assert_string_equal(cl.v[0].short_description, "Card hot");
	assert_string_equal(cl.v[0].state, "new");
	assert_int_equal(cl.v[0].priority, 2);
	assert_string_equal(cl.v[0].item_number, "IB0000002");
	assert_string_equal(cl.v[1].number, "CS1");
	tree_case_list_fini(&cl);

	struct sold_product sp = {.product_id = 1, .account_id = 1};
	assert_int_equal(domain_sold_product_create(s, &sp, &err), 0);
	assert_int_equal(domain_ib_install(s, a1, sp.id, &err), 0);
	assert_int_equal(domain_ib_install(s, b, sp.id, &err), 0);
	assert_int_equal(domain_ib_install(s, b, sp.id, &err), -1);
	assert_non_null(strstr(err.msg, "already"));
	assert_int_equal(store_installed_items_of(s, sp.id, &il, &err), 0);
	assert_int_equal(il.n, 2);
	install_base_list_fini(&il);
	assert_int_equal(store_installed_on_item(s, b, &sl, &err), 0);
	assert_int_equal(sl.n, 1);
	assert_string_equal(sl.v[0].number, sp.number);
	assert_string_equal(sl.v[0].product_name, "Router");
	sold_product_list_fini(&sl);
	assert_int_equal(domain_ib_uninstall(s, b, sp.id, &err), 0);
	assert_int_equal(domain_ib_uninstall(s, b, sp.id, &err), -1);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM installed_product"), 1);
	sold_product_fini(&sp);
	test_store_free(&s, path);
}

static void test_customer_trees_paging(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B);
	struct csm_error err = {0};
	struct install_base_list l = {0};
	struct page_req page = {.limit = 2};
	int64_t r[3];
	size_t roots = 0, total = 0;
	(void)state;

	for (int i = 0; i < 3; i++) {
		r[i] = item(s, "Root", 0, 1, 3);
		item(s, "Child", r[i], 0, 0);
	}
	item(s, "Not mine", 0, 2, 3);
	for (;;) {
		int64_t last = 0;
		install_base_list_fini(&l);
		assert_int_equal(domain_ib_customer_trees(s, OWNER_ACCOUNT, 1, &page, &l, &err), 0);
		if (l.n == 0)
			break;
		for (size_t i = 0; i < l.n; i++) {
			assert_int_equal(l.v[i].account_id, 1);
			if (l.v[i].depth == 0) {
				assert_int_equal(l.v[i].id, r[roots]);
				roots++;
				last = l.v[i].id;
			} else {
				assert_int_equal(l.v[i].parent_id, l.v[i - 1].id);
			}
		}
		total += l.n;
		page.after_id = last;
	}
	assert_int_equal(roots, 3);
	assert_int_equal(total, 6);
	test_store_free(&s, path);
}

/* Brute force: counts over the subtree of a location by LIKE on paths. */
static long long brute(struct store *s, int64_t loc, const char *what)
{
	char sql[800];

	snprintf(sql, sizeof sql,
		 "SELECT %s FROM install_base_item i JOIN location l ON l.id = i.location_id "
		 "WHERE l.path LIKE (SELECT path FROM location WHERE id = %lld) || '%%'",
		 what, (long long)loc);
	return test_query_int(s, sql);
}

/* Open cases under a location, counted the slow and obvious way. */
static long long brute_open(struct store *s, int64_t loc)
{
	char sql[600];

	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM cases k JOIN install_base_item i ON i.id = k.install_base_item_id "
		 "JOIN location l ON l.id = i.location_id WHERE k.state NOT IN ('closed', 'canceled') "
		 "AND l.path LIKE (SELECT path FROM location WHERE id = %lld) || '%%'",
		 (long long)loc);
	return test_query_int(s, sql);
}

static void test_location_rollup_against_brute_force(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B);
	struct csm_error err = {0};
	struct location_rollup_list l = {0};
	static const char *const states[] = {"in_use", "in_repair", "inactive"};
	unsigned seed = 7;
	(void)state;

	/* more locations: 6..20 spread under the first ones */
	for (int i = 6; i <= 20; i++) {
		char sql[200];
		snprintf(sql, sizeof sql,
			 "INSERT INTO location(id, name, type, parent_id) VALUES (%d, 'L%02d', 'site', %d)",
			 i, i, 1 + (i * 7) % (i - 1));
		test_exec(s, sql);
	}
	for (int i = 0; i < 120; i++) {
		int64_t id;
		char sql[300];
		seed = seed * 1103515245u + 12345u;
		id = item(s, "Thing", 0, 1, 1 + (seed >> 8) % 20);
		/* cases first: they can be opened only on active items */
		if ((seed >> 16) % 4 == 0) {
			snprintf(sql, sizeof sql,
				 "INSERT INTO cases(number, short_description, account_id, "
				 "install_base_item_id) VALUES ('CS%d', 'x', 1, %lld)",
				 i, (long long)id);
			test_exec(s, sql);
		}
		if (((seed >> 4) % 3) != 0)
			assert_int_equal(domain_ib_set_state(s, id, states[(seed >> 12) % 3], &err), 0);
	}
	/* some items nowhere, some cases closed */
	item(s, "Unplaced", 0, 1, 0);
	test_exec(s, "UPDATE cases SET state = 'closed', closed_at = '2026-01-01' WHERE id % 3 = 0");
	assert_true(test_query_int(s, "SELECT count(*) FROM cases WHERE state = 'closed'") > 0);
	assert_true(test_query_int(s, "SELECT count(*) FROM cases WHERE state <> 'closed'") > 0);

	/* the roots, then children of every location */
	for (int64_t parent = 0; parent <= 20; parent++) {
		location_rollup_list_fini(&l);
		assert_int_equal(store_location_rollup_children(s, parent, &l, &err), 0);
		assert_int_equal(l.n, parent == 0 ? test_query_int(s, "SELECT count(*) FROM location "
								     "WHERE parent_id IS NULL")
						  : q(s, "SELECT count(*) FROM location WHERE "
							 "parent_id = %lld", parent));
		for (size_t i = 0; i < l.n; i++) {
			assert_int_equal(l.v[i].total.items, brute(s, l.v[i].id, "count(*)"));
			assert_int_equal(l.v[i].total.in_use,
					 brute(s, l.v[i].id, "count(*) FILTER (WHERE i.state = 'in_use')"));
			assert_int_equal(l.v[i].total.in_repair,
					 brute(s, l.v[i].id,
					       "count(*) FILTER (WHERE i.state = 'in_repair')"));
			assert_int_equal(l.v[i].total.open_cases, brute_open(s, l.v[i].id));
			assert_int_equal(l.v[i].here.items,
					 q(s, "SELECT count(*) FROM install_base_item WHERE "
					      "location_id = %lld", l.v[i].id));
			if (i > 0)
				assert_true(strcasecmp(l.v[i - 1].name, l.v[i].name) <= 0);
		}
	}
	assert_int_equal(store_location_rollup_children(s, 99, &l, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);

	/* the whole tree, rolled up in C, agrees too; depth-first, by name */
	location_rollup_list_fini(&l);
	assert_int_equal(domain_location_tree(s, 0, &l, &err), 0);
	assert_int_equal(l.n, 20);
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.v[i].total.items, brute(s, l.v[i].id, "count(*)"));
		assert_int_equal(l.v[i].total.open_cases, brute_open(s, l.v[i].id));
		if (i > 0 && l.v[i].parent_id)
			assert_true(l.v[i].depth <= l.v[i - 1].depth + 1);
	}
	assert_string_equal(l.v[0].name, "Island"); /* roots by name */
	location_rollup_list_fini(&l);
	assert_int_equal(domain_location_tree(s, 2, &l, &err), 0);
	assert_int_equal(l.v[0].id, 2);
	assert_int_equal(l.n, q(s, "SELECT count(*) FROM location WHERE path LIKE '/1/2/%%'", 0));
	location_rollup_list_fini(&l);
	assert_int_equal(domain_location_tree(s, 99, &l, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	test_store_free(&s, path);
}

static void test_items_at_and_under_location(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B);
	struct csm_error err = {0};
	struct install_base_list l = {0};
	struct page_req page = {.limit = 3};
	char *key = NULL;
	size_t seen = 0;
	(void)state;

	for (int i = 0; i < 5; i++) {
		item(s, "At 3", 0, 1, 3);
		item(s, "At 4", 0, 1, 4);
		item(s, "At 2", 0, 1, 2);
	}
	item(s, "At 5", 0, 1, 5);
	test_exec(s, "UPDATE install_base_item SET state = 'in_repair' WHERE id % 4 = 0");

	assert_int_equal(store_ib_at_location(s, 3, false, 0, NULL, NULL, &l, &err), 0);
	assert_int_equal(l.n, 5);
	install_base_list_fini(&l);
	assert_int_equal(store_ib_at_location(s, 3, false, 1, "in_repair", NULL, &l, &err), 0);
	assert_int_equal(l.n, test_query_int(s, "SELECT count(*) FROM install_base_item WHERE "
						"location_id = 3 AND state = 'in_repair'"));
	install_base_list_fini(&l);

	/* everything under City (2): pages of 3 through 15 items, no repeats */
	int64_t last_id = 0;
	for (;;) {
		install_base_list_fini(&l);
		page.after_key = key;
		page.after_id = last_id;
		assert_int_equal(store_ib_at_location(s, 2, true, 0, NULL, &page, &l, &err), 0);
		if (l.n == 0)
			break;
		seen += l.n;
		last_id = l.v[l.n - 1].id;
		free(key);
		assert_int_equal(store_location_path(s, l.v[l.n - 1].location_id, &key, &err), 1);
	}
	free(key);
	assert_int_equal(seen, 15);
	install_base_list_fini(&l);
	assert_int_equal(store_ib_at_location(s, 1, true, 0, "in_repair", NULL, &l, &err), 0);
	assert_int_equal(l.n, test_query_int(s, "SELECT count(*) FROM install_base_item WHERE "
						"location_id IN (1, 2, 3, 4) AND state = 'in_repair'"));
	install_base_list_fini(&l);

	int64_t id = 0;
	assert_int_equal(store_location_find(s, "site a", &id, &err), 1);
	assert_int_equal(id, 4);
	assert_int_equal(store_location_find(s, "5", &id, &err), 1);
	assert_int_equal(id, 5);
	assert_int_equal(store_location_find(s, "Atlantis", &id, &err), 0);
	test_exec(s, "INSERT INTO location(name, type) VALUES ('Island', 'country')");
	assert_int_equal(store_location_find(s, "Island", &id, &err), -1);
	assert_non_null(strstr(err.msg, "give its id"));
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_child_inherits_owner_and_location),
		cmocka_unit_test(test_owner_messages_and_failed_writes),
		cmocka_unit_test(test_b2b2c_allows_account_and_consumer),
		cmocka_unit_test(test_tree_order_roots_and_moves),
		cmocka_unit_test(test_state_usage_and_characteristics),
		cmocka_unit_test(test_cases_of_a_tree_and_installed_products),
		cmocka_unit_test(test_customer_trees_paging),
		cmocka_unit_test(test_location_rollup_against_brute_force),
		cmocka_unit_test(test_items_at_and_under_location),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
