/* test_seed.c - `csm seed`: counts per business model, every state and
 * related-party type present, invariants hold, determinism, refusing to
 * seed twice, record numbers continuing after the seed. */
#include "helpers.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/domain.h"
#include "domain/seed.h"
#include "store/search.h"

static struct store *seeded(char *path, enum business_model model, const char *industry,
			    uint64_t seed)
{
	struct store *s = test_store_new(path, model);
	struct seed_options opt = {.scale = 1, .seed = seed};
	struct csm_error err = {0};

	if (domain_setup_database(s, model, industry, &err) < 0)
		fail_msg("setup %s: %s", industry, err.msg);
	if (domain_seed(s, &opt, &err) < 0)
		fail_msg("seed %s %s: %s", config_model_name(model), industry, err.msg);
	assert_false(store_bulk(s));
	assert_int_equal(store_txn_depth(s), 0);
	return s;
}

static void report_problem(void *ctx, const char *what)
{
	(*(int *)ctx)++;
	print_error("check: %s\n", what);
}

static void expect_between(struct store *s, const char *sql, long long lo, long long hi)
{
	long long n = test_query_int(s, sql);
	if (n < lo || n > hi)
		fail_msg("%s: %lld, expected %lld..%lld", sql, n, lo, hi);
}

/* What every model's seed must show. */
static void check_common(struct store *s)
{
	struct csm_error err = {0};
	int problems = 0;

	assert_int_equal(store_check(s, report_problem, &problems, &err), 0);
	assert_int_equal(problems, 0);

	expect_between(s, "SELECT count(*) FROM install_base_item", 2500, 3600);
	expect_between(s, "SELECT count(*) FROM cases", 500, 500);
	expect_between(s, "SELECT count(DISTINCT state) FROM cases", 6, 6);
	expect_between(s, "SELECT count(DISTINCT priority) FROM cases", 4, 4);
	expect_between(s, "SELECT count(DISTINCT approval) FROM cases", 4, 4);
	expect_between(s, "SELECT count(*) FROM cases WHERE state = 'resolved'"
			  " AND resolution_code IS NOT NULL", 1, 500);
	expect_between(s, "SELECT count(*) FROM cases c WHERE assigned_to_id IS NOT NULL AND NOT"
			  " EXISTS (SELECT 1 FROM group_member m WHERE m.group_id = c.group_id"
			  " AND m.user_id = c.assigned_to_id)", 0, 0);
	expect_between(s, "SELECT count(DISTINCT kind) FROM case_journal", 2, 2);
	expect_between(s, "SELECT count(DISTINCT state) FROM case_task", 2, 3);
	expect_between(s, "SELECT count(DISTINCT state) FROM contract", 4, 4);
	expect_between(s, "SELECT count(DISTINCT per_unit) FROM entitlement", 2, 2);
	expect_between(s, "SELECT count(*) FROM entitlement WHERE remaining_units = 0", 1, 1000);
	expect_between(s, "SELECT count(*) FROM entitlement WHERE end_date < csm_today()", 1, 1000);
	expect_between(s, "SELECT count(DISTINCT state) FROM install_base_item", 3, 3);
	expect_between(s, "SELECT count(*) FROM install_base_item WHERE parent_id IS NOT NULL", 1000,
		       3600);
	/* Trees two or three levels deep. */
	expect_between(s, "SELECT max(length(path) - length(replace(path, '/', ''))) - 1"
			  " FROM install_base_item", 3, 4);
	/* Children have their parent's root, owner and location. */
	expect_between(s, "SELECT count(*) FROM install_base_item c JOIN install_base_item p"
			  " ON p.id = c.parent_id WHERE c.root_id <> p.root_id"
			  " OR c.location_id IS NOT p.location_id OR c.account_id IS NOT p.account_id"
			  " OR c.consumer_id IS NOT p.consumer_id", 0, 0);
	expect_between(s, "SELECT count(*) FROM install_base_item"
			  " WHERE characteristics <> '{}'", 1000, 3600);
	/* Sold products in preparation, active and expired; bundles. */
	expect_between(s, "SELECT count(*) FROM sold_product WHERE start_date > csm_today()", 1, 5000);
	expect_between(s, "SELECT count(*) FROM sold_product WHERE end_date < csm_today()", 1, 5000);
	expect_between(s, "SELECT count(*) FROM sold_product WHERE start_date <= csm_today()"
			  " AND end_date >= csm_today()", 1, 5000);
	expect_between(s, "SELECT count(*) FROM sold_product WHERE parent_id IS NOT NULL", 1, 5000);
	expect_between(s, "SELECT count(*) FROM installed_product", 100, 5000);
	/* Locations over several countries, sites with coordinates. */
	expect_between(s, "SELECT count(*) FROM location WHERE type = 'country'", 5, 20);
	expect_between(s, "SELECT count(*) FROM location WHERE type = 'site' AND latitude IS NULL",
		       0, 0);
	/* Users in every role, groups with members and a manager. */
	expect_between(s, "SELECT count(DISTINCT role) FROM user_role", 6, 8);
	expect_between(s, "SELECT count(*) FROM user WHERE login IN ('alice', 'bob')", 2, 2);
	expect_between(s, "SELECT count(*) FROM assignment_group WHERE manager_id IS NULL", 0, 0);
	expect_between(s, "SELECT count(DISTINCT kind) FROM service_organization", 2, 2);
	expect_between(s, "SELECT count(*) FROM service_org_member", 4, 100);
	/* Numbers continue from the counters. */
	expect_between(s, "SELECT next FROM record_counter WHERE kind = 'case'", 501, 501);
}

/* Every related-party type whose party kind the model has is used. */
static void check_party_types(struct store *s, const char *kinds_sql)
{
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM related_party_type t WHERE t.party_kind IN (%s)"
		 " AND NOT EXISTS (SELECT 1 FROM related_party p WHERE p.type_id = t.id)",
		 kinds_sql);
	expect_between(s, sql, 0, 0);
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM related_party_type t WHERE t.party_kind IN (%s)", kinds_sql);
	expect_between(s, sql, 5, 100);
}

static void test_b2b(void **state)
{
	char path[256];
	struct store *s = seeded(path, MODEL_B2B, "banking", 1);
	(void)state;

	check_common(s);
	expect_between(s, "SELECT count(*) FROM account", 30, 30);
	expect_between(s, "SELECT count(*) FROM account WHERE parent_id IS NOT NULL", 10, 29);
	expect_between(s, "SELECT max(length(path) - length(replace(path, '/', ''))) - 1"
			  " FROM account", 3, 3);
	expect_between(s, "SELECT count(*) FROM contact", 150, 400);
	expect_between(s, "SELECT count(*) FROM consumer", 0, 0);
	expect_between(s, "SELECT count(*) FROM household", 0, 0);
	expect_between(s, "SELECT count(*) FROM address WHERE is_primary = 1", 30, 30);
	expect_between(s, "SELECT count(*) FROM contact WHERE user_id IS NOT NULL", 6, 6);
	expect_between(s, "SELECT count(*) FROM cases WHERE account_id IS NOT NULL"
			  " AND contact_id IS NOT NULL", 400, 500);
	expect_between(s, "SELECT count(*) FROM customer_team_member", 60, 200);
	check_party_types(s, "'contact', 'account', 'user', 'service_organization'");
	test_store_free(&s, path);
}

static void test_b2c(void **state)
{
	char path[256];
	struct store *s = seeded(path, MODEL_B2C, "telecom", 1);
	(void)state;

	check_common(s);
	expect_between(s, "SELECT count(*) FROM account", 0, 0);
	expect_between(s, "SELECT count(*) FROM consumer", 300, 300);
	expect_between(s, "SELECT count(*) FROM household", 100, 100);
	expect_between(s, "SELECT count(*) FROM household_member", 250, 400);
	/* Former members whose membership ended; heads are current members. */
	expect_between(s, "SELECT count(*) FROM household_member WHERE end_date < csm_today()", 1,
		       100);
	expect_between(s, "SELECT count(*) FROM household h WHERE NOT EXISTS (SELECT 1 FROM"
			  " household_member m WHERE m.household_id = h.id AND m.consumer_id ="
			  " h.head_consumer_id AND m.end_date IS NULL AND m.is_primary = 1)", 0, 0);
	expect_between(s, "SELECT count(*) FROM consumer WHERE user_id IS NOT NULL", 5, 5);
	expect_between(s, "SELECT count(*) FROM sold_product WHERE household_id IS NOT NULL", 1,
		       5000);
	expect_between(s, "SELECT count(*) FROM address WHERE is_primary = 1", 200, 300);
	/* Names of many cultures: accents and non-Latin scripts. */
	expect_between(s, "SELECT count(*) FROM consumer WHERE last_name GLOB '*[^ -~]*'", 50, 300);
	check_party_types(s, "'consumer', 'user', 'service_organization'");
	test_store_free(&s, path);
}

static void test_b2b2c(void **state)
{
	char path[256];
	struct store *s = seeded(path, MODEL_B2B2C, "building_services", 1);
	(void)state;

	check_common(s);
	expect_between(s, "SELECT count(*) FROM account", 30, 30);
	expect_between(s, "SELECT count(*) FROM consumer", 300, 300);
	expect_between(s, "SELECT count(*) FROM account_consumer", 300, 300);
	expect_between(s, "SELECT count(*) FROM account_consumer WHERE end_date IS NOT NULL", 1, 100);
	expect_between(s, "SELECT count(*) FROM install_base_item WHERE account_id IS NOT NULL"
			  " AND consumer_id IS NOT NULL", 1, 3000);
	expect_between(s, "SELECT count(*) FROM cases WHERE account_id IS NOT NULL", 1, 500);
	expect_between(s, "SELECT count(*) FROM cases WHERE account_id IS NULL"
			  " AND consumer_id IS NOT NULL", 1, 500);
	check_party_types(s, "'contact', 'consumer', 'user', 'account', 'service_organization'");
	test_store_free(&s, path);
}

/* True when a file whose name starts with "<path>.search-" (a search
 * index builder's scratch file) is beside path. */
static bool scratch_left(const char *path)
{
	char pattern[300];
	glob_t g;
	bool found;

	snprintf(pattern, sizeof pattern, "%s.search-*", path);
	found = glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc > 0;
	globfree(&g);
	return found;
}

/* Looks text up and says whether the record of kind k with this number is
 * among the hits. */
static bool finds(struct store *s, const char *text, enum search_kind k, const char *number)
{
	struct search_result r;
	struct csm_error err = {0};
	bool found = false;

	if (store_search(s, text, SEARCH_ALL_KINDS, 50, &r, &err) < 0)
		fail_msg("lookup %s: %s", text, err.msg);
	for (size_t i = 0; i < r.n; i++)
		found |= r.hits[i].kind == k && !strcmp(r.hits[i].number, number);
	search_result_fini(&r);
	return found;
}

/* The seed fills the search indexes on builder threads, each in a scratch
 * file beside the database, and copies them in: the same connection then
 * finds records by name, number and phone (nothing of the empty indexes
 * it saw before stays cached), every index checks out against the tables
 * (check_common()), the triggers keep them after, and no scratch file is
 * left. */
static void test_seed_builds_search_index(void **state)
{
	char path[256];
	struct store *s = seeded(path, MODEL_B2B2C, "telecom", 7);
	struct csm_error err = {0};
	char *number, *name, *phone;
	(void)state;

	check_common(s);
	assert_false(scratch_left(path));
	number = test_query_text(s, "SELECT number FROM consumer ORDER BY id DESC LIMIT 1");
	name = test_query_text(s, "SELECT last_name FROM consumer ORDER BY id DESC LIMIT 1");
	phone = test_query_text(s, "SELECT mobile_phone FROM consumer ORDER BY id DESC LIMIT 1");
	assert_true(finds(s, number, SK_CONSUMER, number));
	assert_true(finds(s, phone, SK_CONSUMER, number));
	assert_true(finds(s, phone + strlen(phone) - 5, SK_CONSUMER, number));
	assert_true(finds(s, name, SK_CONSUMER, number) || test_query_int(s,
		"SELECT count(*) > 40 FROM consumer WHERE last_name = "
		"(SELECT last_name FROM consumer ORDER BY id DESC LIMIT 1)"));

	/* the triggers take over from the seed */
	test_exec(s, "UPDATE consumer SET mobile_phone = '+1 555 013 9876' WHERE id = "
		     "(SELECT max(id) FROM consumer)");
	assert_true(finds(s, "5550139876", SK_CONSUMER, number));
	assert_false(finds(s, phone, SK_CONSUMER, number));
	assert_int_equal(store_search_check(s, &err), 0);
	free(number);
	free(name);
	free(phone);
	test_store_free(&s, path);
}

static void test_every_industry_seeds(void **state)
{
	static const char *const names[] = {"medical_devices", "software_saas", "utilities"};
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		char path[256];
		struct store *s = seeded(path, MODEL_B2B2C, names[i], 3);
		struct csm_error err = {0};
		int problems = 0;
		assert_int_equal(store_check(s, report_problem, &problems, &err), 0);
		expect_between(s, "SELECT count(*) FROM install_base_item", 2500, 3600);
		test_store_free(&s, path);
	}
}

static char *fingerprint(struct store *s)
{
	return test_query_text(s,
			       "SELECT (SELECT group_concat(number || ':' || name, ',') FROM account)"
			       " || (SELECT group_concat(number || ':' || first_name || ' ' || last_name"
			       "     || ':' || COALESCE(email, ''), ',') FROM consumer)"
			       " || (SELECT group_concat(number || ':' || short_description || ':'"
			       "     || state, ',') FROM cases)"
			       " || (SELECT group_concat(number || ':' || serial_number, ',')"
			       "     FROM install_base_item)");
}

static void test_deterministic(void **state)
{
	char p1[256], p2[256], p3[256];
	struct store *a = seeded(p1, MODEL_B2B2C, "telecom", 42);
	struct store *b = seeded(p2, MODEL_B2B2C, "telecom", 42);
	struct store *c = seeded(p3, MODEL_B2B2C, "telecom", 43);
	char *fa = fingerprint(a), *fb = fingerprint(b), *fc = fingerprint(c);
	(void)state;

	assert_non_null(fa);
	assert_true(strlen(fa) > 10000);
	assert_string_equal(fa, fb);
	assert_string_not_equal(fa, fc);
	free(fa);
	free(fb);
	free(fc);
	test_store_free(&a, p1);
	test_store_free(&b, p2);
	test_store_free(&c, p3);
}

static void test_refuses_second_seed_and_numbers_continue(void **state)
{
	char path[256], num[32];
	struct store *s = seeded(path, MODEL_B2B, "telecom", 5);
	struct seed_options opt = {.scale = 1, .seed = 5};
	struct csm_error err = {0};
	struct search_result res = {0};
	char *acct;
	(void)state;

	assert_int_equal(domain_seed(s, &opt, &err), -1);
	assert_int_equal(err.code, CSM_EX_FAIL);
	assert_non_null(strstr(err.msg, "already holds data (30 accounts"));
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM account"), 30);

	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(store_next_number(s, REC_CASE, num, sizeof num, &err), 0);
	assert_string_equal(num, "CS0000501");
	assert_int_equal(store_next_number(s, REC_ACCOUNT, num, sizeof num, &err), 0);
	assert_string_equal(num, "ACCT0000031");
	store_rollback(s);

	/* The search index was rebuilt: the first account is found by name. */
	acct = test_query_text(s, "SELECT name FROM account WHERE number = 'ACCT0000001'");
	assert_non_null(acct);
	assert_int_equal(store_search(s, acct, SEARCH_ALL_KINDS, 5, &res, &err), 0);
	assert_true(res.n >= 1);
	search_result_fini(&res);
	free(acct);

	opt.scale = 0;
	assert_int_equal(store_seed(s, NULL, MODEL_B2B, &opt, &err), -1);
	assert_int_equal(err.code, CSM_EX_USAGE);
	test_store_free(&s, path);
}

/* Above scale 1 each step adds a unit of the large shape: 100 accounts
 * with 6-14 contacts each (a subsidiary at its top account's site), 1,000
 * consumers, 50 households, about 2,000 items and 1,000 cases. */
static void test_scale_adds_units(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B2C);
	struct seed_options opt = {.scale = 3, .seed = 4};
	struct csm_error err = {0};
	int problems = 0;
	(void)state;

	if (domain_setup_database(s, MODEL_B2B2C, "telecom", &err) < 0 ||
	    domain_seed(s, &opt, &err) < 0)
		fail_msg("seed at scale 3: %s", err.msg);
	assert_int_equal(store_check(s, report_problem, &problems, &err), 0);
	assert_int_equal(problems, 0);
	expect_between(s, "SELECT count(*) FROM account", 230, 230);
	expect_between(s, "SELECT count(*) FROM consumer", 2300, 2300);
	expect_between(s, "SELECT count(*) FROM household", 200, 200);
	expect_between(s, "SELECT count(*) FROM cases", 2500, 2500);
	expect_between(s, "SELECT count(*) FROM install_base_item", 6000, 8000);
	/* the units' accounts: 6-14 contacts each, 34 top accounts with a site */
	expect_between(s, "SELECT count(*) FROM contact WHERE account_id > 30", 200 * 6, 200 * 14);
	expect_between(s, "SELECT count(*) FROM account a WHERE a.id > 30 AND (SELECT count(*)"
			  " FROM contact c WHERE c.account_id = a.id) NOT BETWEEN 6 AND 14", 0, 0);
	expect_between(s, "SELECT count(DISTINCT location_id) FROM address"
			  " WHERE account_id > 30 AND kind = 'billing'", 34, 34);
	test_store_free(&s, path);
}

static void test_refuses_database_without_setup(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct seed_options opt = {.scale = 1, .seed = 1};
	struct csm_error err = {0};
	(void)state;

	assert_int_equal(domain_seed(s, &opt, &err), -1);
	assert_non_null(strstr(err.msg, "csm init"));
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM user"), 0);
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_b2b),
		cmocka_unit_test(test_b2c),
		cmocka_unit_test(test_b2b2c),
		cmocka_unit_test(test_seed_builds_search_index),
		cmocka_unit_test(test_every_industry_seeds),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_refuses_second_seed_and_numbers_continue),
		cmocka_unit_test(test_refuses_database_without_setup),
		cmocka_unit_test(test_scale_adds_units),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
