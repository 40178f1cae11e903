/* test_contract.c - contracts, coverage, entitlements: matching at case
 * entry and the per-unit countdown. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/product.h"
#include "store/product_store.h"
#include "util/xalloc.h"

/* Accounts 1 (parent) > 2 (child), 3 (another tree); consumer 1; product
 * 1 and 2; sold products 1 (account 2), 2 (account 3). */
static struct store *fixture(char *path)
{
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct product p = {0};
	struct sold_product sp = {0};

	setenv("CSM_NOW", "2026-06-15T10:00:00Z", 1);
	test_exec(s, "INSERT INTO account(id, number, name) VALUES (1, 'ACCT1', 'Parent');"
		     "INSERT INTO account(id, number, name, parent_id) VALUES (2, 'ACCT2', 'Child', 1);"
		     "INSERT INTO account(id, number, name) VALUES (3, 'ACCT3', 'Other');"
		     "INSERT INTO consumer(id, number, last_name) VALUES (1, 'CON1', 'Doe');");
	p.name = xstrdup("Router");
	p.model_number = xstrdup("R-1");
	assert_int_equal(domain_product_create(s, &p, &err), 0);
	product_fini(&p);
	p.name = xstrdup("Modem");
	p.model_number = xstrdup("M-1");
	assert_int_equal(domain_product_create(s, &p, &err), 0);
	product_fini(&p);

	sp.product_id = 1;
	sp.account_id = 2;
	assert_int_equal(domain_sold_product_create(s, &sp, &err), 0);
	sold_product_fini(&sp);
	sp.product_id = 1;
	sp.account_id = 3;
	assert_int_equal(domain_sold_product_create(s, &sp, &err), 0);
	sold_product_fini(&sp);
	return s;
}

static int64_t make_contract(struct store *s, int64_t account, int64_t consumer, const char *state,
			     const char *end)
{
	struct contract c = {0};
	struct csm_error err = {0};
	int64_t id;

	c.name = xstrdup("Gold support");
	c.account_id = account;
	c.consumer_id = consumer;
	c.state = state ? xstrdup(state) : NULL;
	c.end_date = end ? xstrdup(end) : NULL;
	if (domain_contract_create(s, &c, &err) < 0)
		fail_msg("contract: %s", err.msg);
	id = c.id;
	contract_fini(&c);
	return id;
}

static void test_contract_create_and_owner_rule(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	struct csm_error err = {0};
	struct contract c = {0}, got = {0};
	(void)state;

	c.name = xstrdup("Both");
	c.account_id = 1;
	c.consumer_id = 1;
	assert_int_equal(domain_contract_create(s, &c, &err), -1);
	assert_non_null(strstr(err.msg, "account or a consumer (exactly one)"));
	c.consumer_id = 0;
	c.state = xstrdup("signed");
	assert_int_equal(domain_contract_create(s, &c, &err), -1);
	assert_non_null(strstr(err.msg, "state 'signed'"));
	free(c.state);
	c.state = NULL;
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM contract"), 0);
	assert_int_equal(domain_contract_create(s, &c, &err), 0);
	assert_string_equal(c.number, "CNTR0000001");
	assert_int_equal(store_contract_get_by_number(s, "CNTR0000001", &got, &err), 1);
	assert_string_equal(got.state, "draft");
	assert_int_equal(got.account_id, 1);
	contract_fini(&got);
	assert_int_equal(domain_contract_cancel(s, c.id, &err), 0);
	assert_int_equal(store_contract_get(s, c.id, &got, &err), 1);
	assert_string_equal(got.state, "canceled");
	contract_fini(&got);
	contract_fini(&c);
	test_store_free(&s, path);
}

static void test_contract_coverage_rule(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	struct csm_error err = {0};
	struct sold_product_list l = {0};
	int64_t parent = make_contract(s, 1, 0, "active", NULL);
	int64_t other = make_contract(s, 3, 0, "active", NULL);
	int64_t cons = make_contract(s, 0, 1, "active", NULL);
	(void)state;

	/* sold product 1 belongs to account 2, a child of account 1 */
	assert_int_equal(domain_contract_cover(s, parent, 1, &err), 0);
	assert_int_equal(domain_contract_cover(s, parent, 1, &err), -1);
	assert_non_null(strstr(err.msg, "already covers"));
	/* sold product 2 belongs to account 3: another hierarchy */
	assert_int_equal(domain_contract_cover(s, parent, 2, &err), -1);
	assert_non_null(strstr(err.msg, "CNTR0000001"));
	assert_non_null(strstr(err.msg, "SP0000002"));
	assert_non_null(strstr(err.msg, "only sold products of its owner"));
	assert_int_equal(domain_contract_cover(s, cons, 1, &err), -1);
	assert_int_equal(domain_contract_cover(s, other, 2, &err), 0);
	assert_int_equal(domain_contract_cover(s, 999, 2, &err), -1);
	assert_non_null(strstr(err.msg, "no such contract"));

	assert_int_equal(store_contract_covered(s, parent, &l, &err), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].number, "SP0000001");
	sold_product_list_fini(&l);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM contract_sold_product"), 2);

	struct contract_list cl = {0};
	assert_int_equal(store_contract_list_by_owner(s, OWNER_ACCOUNT, 1, NULL, &cl, &err), 0);
	assert_int_equal(cl.n, 1);
	contract_list_fini(&cl);
	test_store_free(&s, path);
}

/* Creates an entitlement from a template; returns its id. */
static int64_t make_ent(struct store *s, const char *name, struct entitlement tpl)
{
	struct csm_error err = {0};
	int64_t id;

	tpl.name = xstrdup(name);
	tpl.channels = tpl.channels ? xstrdup(tpl.channels) : NULL;
	tpl.per_unit = tpl.per_unit ? xstrdup(tpl.per_unit) : NULL;
	tpl.start_date = tpl.start_date ? xstrdup(tpl.start_date) : NULL;
	tpl.end_date = tpl.end_date ? xstrdup(tpl.end_date) : NULL;
	if (domain_entitlement_create(s, &tpl, &err) < 0)
		fail_msg("entitlement %s: %s", name, err.msg);
	id = tpl.id;
	entitlement_fini(&tpl);
	return id;
}

static void match(struct store *s, const struct entitlement_query *q, struct entitlement_list *l)
{
	struct csm_error err = {0};

	entitlement_list_fini(l);
	if (domain_entitlements_matching(s, q, l, &err) < 0)
		fail_msg("matching: %s", err.msg);
}

static void test_entitlement_matching(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	struct entitlement_list l = {0};
	struct csm_error err = {0};
	int64_t k = make_contract(s, 2, 0, "active", NULL);
	int64_t ended = make_contract(s, 2, 0, "expired", "2026-01-01");
	int64_t acct, prod, both, web_only, future, old, by_ended, off;
	struct entitlement_query q = {.channel = "phone", .account_id = 2, .product_id = 1};
	(void)state;

	acct = make_ent(s, "Account phone", (struct entitlement){.account_id = 2,
								 .channels = "phone, Email"});
	/* nothing else yet: exactly one */
	match(s, &q, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, acct);
	assert_string_equal(l.v[0].channels, "phone,email");
	assert_int_equal(entitlement_list_usable(&l), 1);

	prod = make_ent(s, "Product", (struct entitlement){.product_id = 1});
	both = make_ent(s, "Account+product", (struct entitlement){.account_id = 2, .product_id = 1});
	web_only = make_ent(s, "Web", (struct entitlement){.account_id = 2, .channels = "web"});
	future = make_ent(s, "Future", (struct entitlement){.account_id = 2,
							    .start_date = "2027-01-01"});
	old = make_ent(s, "Old", (struct entitlement){.account_id = 2, .end_date = "2026-06-14"});
	by_ended = make_ent(s, "Ended contract", (struct entitlement){.contract_id = ended});
	off = make_ent(s, "Off", (struct entitlement){.account_id = 2});
	assert_int_equal(domain_entitlement_deactivate(s, off, &err), 0);
	/* scope mismatch: account 3 and product 1 together */
	make_ent(s, "Other account+product",
		 (struct entitlement){.account_id = 3, .product_id = 1});
	/* scope via the contract */
	int64_t by_k = make_ent(s, "Contract", (struct entitlement){.contract_id = k});

	/* several: account, product, account+product (not web, future, old, off) */
	match(s, &q, &l);
	assert_int_equal(l.n, 3);
	for (size_t i = 0; i < l.n; i++) {
		assert_true(l.v[i].id == acct || l.v[i].id == prod || l.v[i].id == both);
		assert_false(l.v[i].expired);
	}

	/* channel mismatch: chat matches neither the phone/email nor the web one */
	q.channel = "chat";
	match(s, &q, &l);
	assert_int_equal(l.n, 2); /* prod and both have every channel */
	q.channel = "web";
	match(s, &q, &l);
	assert_int_equal(l.n, 3);

	/* the contract scope needs the case's contract */
	q.channel = "phone";
	q.contract_id = k;
	match(s, &q, &l);
	assert_int_equal(l.n, 4);
	bool seen = false;
	for (size_t i = 0; i < l.n; i++)
		seen |= l.v[i].id == by_k;
	assert_true(seen);

	/* expired ones only on request, flagged */
	q.contract_id = ended;
	q.include_expired = true;
	match(s, &q, &l);
	assert_int_equal(l.n, 5); /* acct, prod, both, old, by_ended */
	assert_int_equal(entitlement_list_usable(&l), 3);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.v[i].expired, l.v[i].id == old || l.v[i].id == by_ended);
	assert_false(l.v[0].expired); /* usable first */
	q.include_expired = false;
	match(s, &q, &l);
	assert_int_equal(l.n, 3);
	(void)future;
	(void)web_only;

	/* none: a customer nobody entitled */
	struct entitlement_query none = {.channel = "phone", .consumer_id = 1};
	match(s, &none, &l);
	assert_int_equal(l.n, 0);

	/* a bad channel is an error */
	none.channel = "fax";
	assert_int_equal(domain_entitlements_matching(s, &none, &l, &err), -1);
	assert_non_null(strstr(err.msg, "'fax'"));
	entitlement_list_fini(&l);
	test_store_free(&s, path);
}

static void test_entitlement_scope_must_all_match(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	struct entitlement_list l = {0};
	int64_t item;
	(void)state;

	test_exec(s, "INSERT INTO install_base_item(number, name, account_id) VALUES ('IB1', 'Box', 2)");
	item = test_query_int(s, "SELECT id FROM install_base_item WHERE number = 'IB1'");
	int64_t e = make_ent(s, "Item+SP", (struct entitlement){.install_base_item_id = item,
								.sold_product_id = 1});
	struct entitlement_query q = {.channel = "email", .install_base_item_id = item};
	match(s, &q, &l);
	assert_int_equal(l.n, 0); /* sold product not given: the SP scope does not match */
	q.sold_product_id = 2;
	match(s, &q, &l);
	assert_int_equal(l.n, 0); /* wrong sold product */
	q.sold_product_id = 1;
	match(s, &q, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, e);
	entitlement_list_fini(&l);
	test_store_free(&s, path);
}

static void test_entitlement_exhausted_and_countdown(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	struct entitlement_list l = {0};
	struct entitlement got = {0};
	struct csm_error err = {0};
	int64_t e, unlimited;
	struct entitlement_query q = {.channel = "phone", .account_id = 2};
	(void)state;

	e = make_ent(s, "Three cases", (struct entitlement){.account_id = 2, .per_unit = "cases",
							    .total_units = 3});
	assert_int_equal(store_entitlement_get(s, e, &got, &err), 1);
	assert_int_equal(got.remaining_units, 3);
	entitlement_fini(&got);

	assert_int_equal(store_entitlement_use_unit(s, e, 2, &err), 1);
	assert_int_equal(test_query_int(s, "SELECT remaining_units FROM entitlement"), 1);
	/* more than left: down to zero, never below */
	assert_int_equal(store_entitlement_use_unit(s, e, 5, &err), 1);
	assert_int_equal(test_query_int(s, "SELECT remaining_units FROM entitlement"), 0);
	/* none left: 0, still zero */
	assert_int_equal(store_entitlement_use_unit(s, e, 1, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT remaining_units FROM entitlement"), 0);

	match(s, &q, &l);
	assert_int_equal(l.n, 1);
	assert_true(l.v[0].exhausted);
	assert_false(l.v[0].expired);
	assert_int_equal(entitlement_list_usable(&l), 0);

	unlimited = make_ent(s, "Unlimited", (struct entitlement){.account_id = 2});
	assert_int_equal(store_entitlement_use_unit(s, unlimited, 1, &err), 1);
	match(s, &q, &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, unlimited); /* usable first */

	assert_int_equal(store_entitlement_use_unit(s, 999, 1, &err), -1);
	assert_non_null(strstr(err.msg, "no such entitlement"));
	assert_int_equal(store_entitlement_use_unit(s, e, -1, &err), -1);
	assert_int_equal(store_txn_depth(s), 0);

	/* listed per customer with the units left */
	entitlement_list_fini(&l);
	assert_int_equal(store_entitlement_list_for_customer(s, OWNER_ACCOUNT, 2, &l, &err), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].name, "Three cases");
	assert_int_equal(l.v[0].remaining_units, 0);
	entitlement_list_fini(&l);
	test_store_free(&s, path);
}

static void test_entitlement_validation_writes_nothing(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	struct csm_error err = {0};
	struct entitlement e = {0};
	(void)state;

	e.name = xstrdup("No scope");
	assert_int_equal(domain_entitlement_create(s, &e, &err), -1);
	assert_non_null(strstr(err.msg, "a scope is required"));
	e.account_id = 2;
	e.channels = xstrdup("phone,pigeon");
	assert_int_equal(domain_entitlement_create(s, &e, &err), -1);
	assert_non_null(strstr(err.msg, "'pigeon'"));
	free(e.channels);
	e.channels = NULL;
	e.per_unit = xstrdup("minutes");
	assert_int_equal(domain_entitlement_create(s, &e, &err), -1);
	assert_non_null(strstr(err.msg, "per-unit 'minutes'"));
	free(e.per_unit);
	e.per_unit = NULL;
	e.start_date = xstrdup("2026-02-01");
	e.end_date = xstrdup("2026-01-01");
	assert_int_equal(domain_entitlement_create(s, &e, &err), -1);
	assert_non_null(strstr(err.msg, "before"));
	free(e.end_date);
	e.end_date = NULL;
	e.account_id = 77; /* no such account: the foreign key refuses */
	assert_int_equal(domain_entitlement_create(s, &e, &err), -1);
	assert_non_null(strstr(err.msg, "does not exist"));
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM entitlement"), 0);
	assert_int_equal(store_txn_depth(s), 0);
	entitlement_fini(&e);
	test_store_free(&s, path);
}

static void test_channels_parse(void **state)
{
	struct csm_error err = {0};
	char *c;
	(void)state;

	c = entitlement_channels_parse(" Phone ,email,phone, walk-in", &err);
	assert_string_equal(c, "phone,email,walk-in");
	assert_true(entitlement_has_channel(c, "walk-in"));
	assert_false(entitlement_has_channel(c, "web"));
	assert_false(entitlement_has_channel(c, "walk"));
	free(c);
	assert_null(entitlement_channels_parse("", &err));
	assert_null(entitlement_channels_parse(" , ", &err));
	assert_null(entitlement_channels_parse("telegraphy-by-wire", &err));
	assert_non_null(strstr(err.msg, "..."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contract_create_and_owner_rule),
		cmocka_unit_test(test_contract_coverage_rule),
		cmocka_unit_test(test_entitlement_matching),
		cmocka_unit_test(test_entitlement_scope_must_all_match),
		cmocka_unit_test(test_entitlement_exhausted_and_countdown),
		cmocka_unit_test(test_entitlement_validation_writes_nothing),
		cmocka_unit_test(test_channels_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
