/* test_product.c - products, assets and sold products: uniqueness, the
 * one-owner rule, bundles, state from dates, paging, failed writes. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/product.h"
#include "store/product_store.h"
#include "util/xalloc.h"

static struct store *fixture(char *path, enum business_model m)
{
	struct store *s = test_store_new(path, m);

	test_exec(s, "INSERT INTO account(id, number, name) VALUES (1, 'ACCT1', 'One');"
		     "INSERT INTO consumer(id, number, last_name) VALUES (1, 'CON1', 'Doe');"
		     "INSERT INTO household(id, number, name) VALUES (1, 'HOLD1', 'Does');"
		     "INSERT INTO service_organization(id, number, name) VALUES (1, 'SO1', 'Branch');");
	return s;
}

static int64_t product(struct store *s, const char *name, const char *model, int64_t parent)
{
	struct product p = {0};
	struct csm_error err = {0};
	int64_t id;

	p.name = xstrdup(name);
	p.model_number = xstrdup(model);
	p.parent_id = parent;
	if (domain_product_create(s, &p, &err) < 0)
		fail_msg("product %s: %s", model, err.msg);
	id = p.id;
	product_fini(&p);
	return id;
}

static void test_products(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B);
	struct product p = {0}, got = {0};
	struct csm_error err = {0};
	int64_t base;
	(void)state;

	base = product(s, "ATM", "ATM-100", 0);
	int64_t variant = product(s, "ATM deluxe", "ATM-100D", base);
	assert_int_equal(store_product_get_by_model(s, "ATM-100D", &got, &err), 1);
	assert_int_equal(got.id, variant);
	assert_int_equal(got.parent_id, base);
	assert_string_equal(got.kind, "hardware");
	assert_true(got.active);

	/* the same model number twice is refused, nothing written */
	p.name = xstrdup("Copy");
	p.model_number = xstrdup("ATM-100");
	assert_int_equal(domain_product_create(s, &p, &err), -1);
	assert_non_null(strstr(err.msg, "model number is already used"));
	assert_non_null(strstr(err.msg, "ATM-100"));
	free(p.model_number);
	p.model_number = NULL;
	assert_int_equal(domain_product_create(s, &p, &err), -1);
	assert_non_null(strstr(err.msg, "model number is required"));
	p.model_number = xstrdup("X-1");
	p.kind = xstrdup("furniture");
	assert_int_equal(domain_product_create(s, &p, &err), -1);
	assert_non_null(strstr(err.msg, "kind 'furniture'"));
	free(p.kind);
	p.kind = NULL;
	p.parent_id = 77;
	assert_int_equal(domain_product_create(s, &p, &err), -1);
	assert_non_null(strstr(err.msg, "does not exist"));
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM product"), 2);
	product_fini(&p);

	/* update and deactivate */
	free(got.name);
	got.name = xstrdup("ATM Deluxe II");
	assert_int_equal(domain_product_update(s, &got, &err), 0);
	assert_int_equal(domain_product_deactivate(s, variant, &err), 0);
	product_fini(&got);
	assert_int_equal(store_product_get(s, variant, &got, &err), 1);
	assert_string_equal(got.name, "ATM Deluxe II");
	assert_false(got.active);
	product_fini(&got);
	assert_int_equal(store_product_get(s, 999, &got, &err), 0);
	assert_int_equal(domain_product_deactivate(s, 999, &err), -1);
	assert_non_null(strstr(err.msg, "no such"));
	test_store_free(&s, path);
}

static void test_assets(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B);
	struct asset a = {0}, got = {0};
	struct csm_error err = {0};
	int64_t p = product(s, "ATM", "ATM-100", 0);
	(void)state;

	a.asset_tag = xstrdup("TAG-1");
	a.product_id = p;
	a.account_id = 1;
	a.consumer_id = 1;
	assert_int_equal(domain_asset_create(s, &a, &err), -1);
	assert_non_null(strstr(err.msg, "not both"));
	a.consumer_id = 0;
	assert_int_equal(domain_asset_create(s, &a, &err), 0);
	a.id = 0;
	assert_int_equal(domain_asset_create(s, &a, &err), -1);
	assert_non_null(strstr(err.msg, "asset tag is already used"));
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM asset"), 1);
	asset_fini(&a);

	assert_int_equal(store_asset_get_by_tag(s, "TAG-1", &got, &err), 1);
	assert_string_equal(got.status, "in_use");
	assert_int_equal(domain_asset_retire(s, got.id, &err), 0);
	int64_t id = got.id;
	asset_fini(&got);
	assert_int_equal(store_asset_get(s, id, &got, &err), 1);
	assert_string_equal(got.status, "retired");
	asset_fini(&got);
	assert_int_equal(domain_asset_retire(s, 999, &err), -1);
	assert_non_null(strstr(err.msg, "no such asset"));
	test_store_free(&s, path);
}

static void test_sold_product_owner_rule(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B);
	struct sold_product sp = {0};
	struct csm_error err = {0};
	(void)state;

	sp.product_id = product(s, "Router", "R-1", 0);
	assert_int_equal(domain_sold_product_create(s, &sp, &err), -1);
	assert_non_null(strstr(err.msg, "an owner is required"));
	sp.account_id = 1;
	sp.household_id = 1;
	assert_int_equal(domain_sold_product_create(s, &sp, &err), -1);
	assert_non_null(strstr(err.msg, "exactly one owner"));
	sp.household_id = 0;
	sp.consumer_id = 1;
	assert_int_equal(domain_sold_product_create(s, &sp, &err), -1);
	assert_non_null(strstr(err.msg, "only in the b2b2c model"));
	sp.consumer_id = 0;
	sp.service_org_id = 1;
	sp.account_id = 0;
	sp.start_date = xstrdup("2026-13-01");
	assert_int_equal(domain_sold_product_create(s, &sp, &err), -1);
	assert_non_null(strstr(err.msg, "not a date"));
	free(sp.start_date);
	sp.start_date = NULL;
	sp.parent_id = 42;
	assert_int_equal(domain_sold_product_create(s, &sp, &err), -1);
	assert_non_null(strstr(err.msg, "bundle"));
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM sold_product"), 0);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM record_counter"), 0);
	sp.parent_id = 0;
	assert_int_equal(domain_sold_product_create(s, &sp, &err), 0);
	assert_string_equal(sp.number, "SP0000001");
	sold_product_fini(&sp);

	/* the schema holds the rule too, with its own words */
	struct sold_product raw = {.number = "SPX", .product_id = 1, .account_id = 1,
				   .consumer_id = 1};
	assert_int_equal(store_sold_product_insert(s, &raw, &err), -1);
	assert_non_null(strstr(err.msg, "not both"));
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM sold_product"), 1);
	test_store_free(&s, path);
}

static void test_sold_product_b2b2c(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B2C);
	struct sold_product sp = {0}, got = {0};
	struct csm_error err = {0};
	(void)state;

	sp.product_id = product(s, "Router", "R-1", 0);
	sp.account_id = 1;
	sp.consumer_id = 1;
	assert_int_equal(domain_sold_product_create(s, &sp, &err), 0);
	assert_int_equal(store_sold_product_get_by_number(s, sp.number, &got, &err), 1);
	assert_int_equal(got.account_id, 1);
	assert_int_equal(got.consumer_id, 1);
	assert_int_equal(got.quantity, 1);
	assert_string_equal(got.product_name, "Router");
	sold_product_fini(&got);
	sold_product_fini(&sp);
	test_store_free(&s, path);
}

static void test_sold_product_state_by_dates(void **state)
{
	struct sold_product sp = {0};
	(void)state;

	setenv("CSM_NOW", "2026-06-15T10:00:00Z", 1);
	assert_int_equal(sold_product_state(&sp), SOLD_ACTIVE);
	sp.start_date = "2026-06-16";
	assert_int_equal(sold_product_state(&sp), SOLD_IN_PREPARATION);
	sp.start_date = "2026-06-15";
	assert_int_equal(sold_product_state(&sp), SOLD_ACTIVE);
	sp.end_date = "2026-06-15";
	assert_int_equal(sold_product_state(&sp), SOLD_ACTIVE); /* the last day still counts */
	sp.end_date = "2026-06-14";
	sp.start_date = "2026-01-01";
	assert_int_equal(sold_product_state(&sp), SOLD_EXPIRED);
	setenv("CSM_NOW", "2025-12-31", 1);
	assert_int_equal(sold_product_state(&sp), SOLD_IN_PREPARATION);
	assert_string_equal(sold_product_state_name(SOLD_IN_PREPARATION), "in preparation");
	assert_string_equal(sold_product_state_name(SOLD_EXPIRED), "expired");
	setenv("CSM_NOW", "2026-06-15T10:00:00Z", 1);
}

static void test_bundles_and_paging(void **state)
{
	char path[256];
	struct store *s = fixture(path, MODEL_B2B);
	struct sold_product_list l = {0};
	struct csm_error err = {0};
	struct page_req page = {.limit = 4};
	int64_t p = product(s, "Router", "R-1", 0), bundle = 0;
	size_t seen = 0;
	(void)state;

	for (int i = 0; i < 10; i++) {
		struct sold_product sp = {.product_id = p, .account_id = 1, .parent_id = i ? bundle : 0};
		if (i == 5)
			sp.account_id = 0, sp.consumer_id = 1, sp.parent_id = 0;
		assert_int_equal(domain_sold_product_create(s, &sp, &err), 0);
		if (i == 0)
			bundle = sp.id;
		sold_product_fini(&sp);
	}
	assert_int_equal(store_sold_product_parts(s, bundle, &l, &err), 0);
	assert_int_equal(l.n, 8);
	sold_product_list_fini(&l);

	for (;;) {
		sold_product_list_fini(&l);
		assert_int_equal(store_sold_product_list_by_owner(s, OWNER_ACCOUNT, 1, &page, &l, &err),
				 0);
		if (l.n == 0)
			break;
		assert_true(l.n <= 4);
		for (size_t i = 0; i < l.n; i++) {
			assert_int_equal(l.v[i].account_id, 1);
			assert_true(l.v[i].id > page.after_id);
		}
		seen += l.n;
		page.after_id = l.v[l.n - 1].id;
	}
	assert_int_equal(seen, 9);
	assert_int_equal(store_sold_product_list_by_owner(s, OWNER_CONSUMER, 1, NULL, &l, &err), 0);
	assert_int_equal(l.n, 1);
	sold_product_list_fini(&l);

	/* deactivate and update */
	struct sold_product got = {0};
	assert_int_equal(domain_sold_product_deactivate(s, bundle, &err), 0);
	assert_int_equal(store_sold_product_get(s, bundle, &got, &err), 1);
	assert_false(got.active);
	got.quantity = 3;
	got.end_date = xstrdup("2030-01-01");
	assert_int_equal(domain_sold_product_update(s, &got, &err), 0);
	got.parent_id = got.id;
	assert_int_equal(domain_sold_product_update(s, &got, &err), -1);
	assert_non_null(strstr(err.msg, "part of itself"));
	sold_product_fini(&got);
	assert_int_equal(store_sold_product_get(s, bundle, &got, &err), 1);
	assert_int_equal(got.quantity, 3);
	assert_string_equal(got.end_date, "2030-01-01");
	assert_int_equal(got.parent_id, 0);
	sold_product_fini(&got);
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_products),
		cmocka_unit_test(test_assets),
		cmocka_unit_test(test_sold_product_owner_rule),
		cmocka_unit_test(test_sold_product_b2b2c),
		cmocka_unit_test(test_sold_product_state_by_dates),
		cmocka_unit_test(test_bundles_and_paging),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
