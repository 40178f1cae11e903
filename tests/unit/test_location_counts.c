/* test_location_counts.c - the install base counts kept per location
 * (0004-location-counts.sql) against brute-force counts after every kind of
 * change: items placed, moved, changing state and deleted, cases opened,
 * closed, moved to another item and deleted, locations moved; the rebuild;
 * bulk mode; and the tree paths and counts a bulk seed writes itself. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "domain/domain.h"
#include "domain/seed.h"
#include "store/install_base_store.h"

/* Rows of location_count that differ from counting the items and cases
 * (here and over the subtree by path), plus locations without a row. */
static const char mismatches_sql[] =
	"WITH oc AS (SELECT i.location_id AS lid FROM cases c "
	"  JOIN install_base_item i ON i.id = c.install_base_item_id "
	"  WHERE c.state IN ('new', 'open', 'awaiting_info', 'resolved')) "
	"SELECT count(*) FROM location l LEFT JOIN location_count lc ON lc.location_id = l.id "
	"WHERE lc.location_id IS NULL "
	" OR lc.items <> (SELECT count(*) FROM install_base_item i WHERE i.location_id = l.id)"
	" OR lc.in_use <> (SELECT count(*) FROM install_base_item i WHERE i.location_id = l.id"
	"   AND i.state = 'in_use')"
	" OR lc.in_repair <> (SELECT count(*) FROM install_base_item i WHERE i.location_id = l.id"
	"   AND i.state = 'in_repair')"
	" OR lc.open_cases <> (SELECT count(*) FROM oc WHERE oc.lid = l.id)"
	" OR lc.total_items <> (SELECT count(*) FROM install_base_item i"
	"   JOIN location d ON d.id = i.location_id WHERE substr(d.path, 1, length(l.path)) = l.path)"
	" OR lc.total_in_use <> (SELECT count(*) FROM install_base_item i"
	"   JOIN location d ON d.id = i.location_id WHERE substr(d.path, 1, length(l.path)) = l.path"
	"   AND i.state = 'in_use')"
	" OR lc.total_in_repair <> (SELECT count(*) FROM install_base_item i"
	"   JOIN location d ON d.id = i.location_id WHERE substr(d.path, 1, length(l.path)) = l.path"
	"   AND i.state = 'in_repair')"
	" OR lc.total_open_cases <> (SELECT count(*) FROM oc JOIN location d ON d.id = oc.lid"
	"   WHERE substr(d.path, 1, length(l.path)) = l.path)";

static void expect_counts_right(struct store *s, const char *when)
{
	long long bad = test_query_int(s, mismatches_sql);
	if (bad != 0)
		fail_msg("%s: %lld locations with wrong counts", when, bad);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM location_count"),
			 test_query_int(s, "SELECT count(*) FROM location"));
}

static long long total_items(struct store *s, const char *location)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT total_items FROM location_count WHERE location_id ="
		 " (SELECT id FROM location WHERE name = '%s')", location);
	return test_query_int(s, sql);
}

/* A small world: A > B > C and D; items in every state, one without a place. */
static struct store *world(char *path)
{
	struct store *s = test_store_new(path, MODEL_B2B);

	test_exec(s,
		  "INSERT INTO location(id, name, type) VALUES (1, 'A', 'country');"
		  "INSERT INTO location(id, name, type, parent_id) VALUES (2, 'B', 'city', 1);"
		  "INSERT INTO location(id, name, type, parent_id) VALUES (3, 'C', 'site', 2);"
		  "INSERT INTO location(id, name, type) VALUES (4, 'D', 'country');"
		  "INSERT INTO account(id, number, name) VALUES (1, 'ACCT1', 'Acme');"
		  "INSERT INTO install_base_item(id, number, name, account_id, location_id, state)"
		  " VALUES (1, 'IB1', 'Router', 1, 3, 'in_use');"
		  "INSERT INTO install_base_item(id, number, name, account_id, location_id, state,"
		  " parent_id) VALUES (2, 'IB2', 'Card', 1, 3, 'in_repair', 1);"
		  "INSERT INTO install_base_item(id, number, name, account_id, location_id, state)"
		  " VALUES (3, 'IB3', 'Old modem', 1, 2, 'inactive');"
		  "INSERT INTO install_base_item(id, number, name, account_id, location_id, state)"
		  " VALUES (4, 'IB4', 'Switch', 1, 4, 'in_use');"
		  "INSERT INTO install_base_item(id, number, name, account_id, state)"
		  " VALUES (5, 'IB5', 'Spare', 1, 'in_use');");
	return s;
}

static void test_items_and_cases(void **state)
{
	char path[256];
	struct store *s = world(path);

	(void)state;
	expect_counts_right(s, "items placed");
	assert_int_equal(total_items(s, "A"), 3);
	assert_int_equal(total_items(s, "C"), 2);

	test_exec(s,
		  "INSERT INTO cases(id, number, short_description, account_id, state,"
		  " install_base_item_id) VALUES (1, 'CS1', 'Down', 1, 'new', 1);"
		  "INSERT INTO cases(id, number, short_description, account_id, state,"
		  " install_base_item_id) VALUES (2, 'CS2', 'Slow', 1, 'open', 2);"
		  "INSERT INTO cases(id, number, short_description, account_id, state,"
		  " install_base_item_id, closed_at) VALUES (3, 'CS3', 'Old', 1, 'closed', 4, '2026-01-01');"
		  "INSERT INTO cases(id, number, short_description, account_id, state)"
		  " VALUES (4, 'CS4', 'No item', 1, 'open');");
	expect_counts_right(s, "cases opened");
	assert_int_equal(test_query_int(s, "SELECT total_open_cases FROM location_count"
					   " WHERE location_id = 1"), 2);

	/* items move, change state */
	test_exec(s, "UPDATE install_base_item SET location_id = 4 WHERE id = 1");
	expect_counts_right(s, "an item with an open case moved");
	test_exec(s, "UPDATE install_base_item SET state = 'in_use' WHERE id = 2");
	expect_counts_right(s, "an item repaired");
	test_exec(s, "UPDATE install_base_item SET state = 'inactive', location_id = 3 WHERE id = 4");
	expect_counts_right(s, "an item moved and retired at once");
	test_exec(s, "UPDATE install_base_item SET location_id = NULL WHERE id = 2");
	expect_counts_right(s, "an item taken away");
	test_exec(s, "UPDATE install_base_item SET location_id = 2 WHERE id = 5");
	expect_counts_right(s, "an item placed later");

	/* cases change state, item, and go */
	test_exec(s, "UPDATE cases SET state = 'canceled' WHERE id = 1");
	expect_counts_right(s, "a case canceled");
	test_exec(s, "UPDATE cases SET install_base_item_id = 5 WHERE id = 2");
	expect_counts_right(s, "a case moved to another item");
	test_exec(s, "UPDATE cases SET install_base_item_id = 1 WHERE id = 4");
	expect_counts_right(s, "a case given an item");
	test_exec(s, "UPDATE cases SET state = 'awaiting_info' WHERE id = 2");
	expect_counts_right(s, "a case still open in another state");
	test_exec(s, "DELETE FROM cases WHERE id = 2");
	expect_counts_right(s, "an open case deleted");
	test_exec(s, "DELETE FROM install_base_item WHERE id = 3");
	expect_counts_right(s, "an item deleted");

	/* a new location, then a whole subtree moves */
	test_exec(s, "INSERT INTO location(id, name, type, parent_id) VALUES (5, 'E', 'room', 3)");
	test_exec(s, "UPDATE install_base_item SET location_id = 5 WHERE id = 5");
	expect_counts_right(s, "a new location");
	test_exec(s, "UPDATE location SET parent_id = 4 WHERE id = 2");
	expect_counts_right(s, "a subtree moved to another parent");
	assert_int_equal(total_items(s, "A"), 0);
	test_exec(s, "UPDATE location SET parent_id = NULL WHERE id = 3");
	expect_counts_right(s, "a subtree made a root");
	test_store_free(&s, path);
}

static void test_rebuild_and_bulk(void **state)
{
	char path[256];
	struct store *s = world(path);
	struct csm_error err = {0};

	(void)state;
	test_exec(s, "UPDATE location_count SET total_items = 99, open_cases = 7");
	assert_true(test_query_int(s, mismatches_sql) > 0);
	assert_int_equal(store_location_counts_rebuild(s, &err), 0);
	expect_counts_right(s, "rebuilt");

	/* bulk mode: the loader writes paths and rebuilds the counts itself */
	store_set_bulk(s, true);
	test_exec(s, "INSERT INTO location(id, name, type, parent_id, path, depth)"
		     " VALUES (6, 'F', 'site', 4, '/4/6/', 1);"
		     "INSERT INTO install_base_item(id, number, name, account_id, location_id, state,"
		     " root_id, path) VALUES (6, 'IB6', 'Meter', 1, 6, 'in_use', 6, '/6/')");
	assert_true(test_query_int(s, mismatches_sql) > 0);
	assert_int_equal(store_location_counts_rebuild(s, &err), 0);
	store_set_bulk(s, false);
	expect_counts_right(s, "after a bulk load");
	assert_int_equal(total_items(s, "D"), 2);
	test_store_free(&s, path);
}

/* The bulk seed writes path, depth and root_id itself (no triggers): they
 * are what the triggers would have written, and the counts are right. */
static void test_seed_paths_and_counts(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B2C);
	struct seed_options opt = {.scale = 1, .seed = 5};
	struct csm_error err = {0};

	(void)state;
	if (domain_setup_database(s, MODEL_B2B2C, "utilities", &err) < 0 ||
	    domain_seed(s, &opt, &err) < 0)
		fail_msg("seed: %s", err.msg);
	assert_true(test_query_int(s, "SELECT count(*) FROM location") > 100);
	assert_int_equal(test_query_int(s,
		"SELECT count(*) FROM location l LEFT JOIN location p ON p.id = l.parent_id"
		" WHERE l.path IS NOT COALESCE(p.path, '/') || l.id || '/'"
		" OR l.depth <> COALESCE(p.depth + 1, 0)"), 0);
	assert_int_equal(test_query_int(s,
		"SELECT count(*) FROM account a LEFT JOIN account p ON p.id = a.parent_id"
		" WHERE a.path IS NOT COALESCE(p.path, '/') || a.id || '/'"), 0);
	assert_int_equal(test_query_int(s,
		"SELECT count(*) FROM install_base_item i LEFT JOIN install_base_item p"
		" ON p.id = i.parent_id WHERE i.path IS NOT COALESCE(p.path, '/') || i.id || '/'"
		" OR i.root_id IS NOT COALESCE(p.root_id, i.id)"), 0);
	expect_counts_right(s, "seeded");
	/* the triggers and indexes the bulk load set aside are back */
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM sqlite_schema"
					   " WHERE name IN ('location_count_item_insert',"
					   " 'search_cases_insert', 'audit_cases_insert',"
					   " 'install_base_item_location', 'cases_state')"), 5);
	/* and keep working after it */
	test_exec(s, "UPDATE install_base_item SET state = 'in_repair'"
		     " WHERE id = (SELECT min(id) FROM install_base_item WHERE state = 'in_use')");
	expect_counts_right(s, "a change after the seed");
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_items_and_cases),
		cmocka_unit_test(test_rebuild_and_bulk),
		cmocka_unit_test(test_seed_paths_and_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
