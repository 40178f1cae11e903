/* test_household.c - households and membership over time (CSM_NOW), the
 * head-of-household rules, primary households, account-consumer links and
 * the consumer and household summaries. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "domain/customer.h"
#include "store/customer_store.h"
#include "util/xalloc.h"

static int64_t make_consumer(struct store *s, const char *first, const char *last)
{
	struct csm_error err = {0};
	struct consumer c;
	int64_t id;

	consumer_init(&c);
	c.first_name = xstrdup(first);
	c.last_name = xstrdup(last);
	if (domain_consumer_create(s, &c, &err) < 0)
		fail_msg("creating consumer %s: %s", last, err.msg);
	id = c.id;
	consumer_fini(&c);
	return id;
}

static int64_t make_household(struct store *s, const char *name, int64_t head)
{
	struct csm_error err = {0};
	struct household h;
	int64_t id;

	household_init(&h);
	h.name = xstrdup(name);
	h.head_id = head;
	if (domain_household_create(s, &h, &err) < 0)
		fail_msg("creating household %s: %s", name, err.msg);
	id = h.id;
	household_fini(&h);
	return id;
}

/* Adds a member with dates (string literals or NULL); returns the id or
 * -1 with err filled. */
static int64_t add(struct store *s, int64_t hh, int64_t con, const char *start, const char *end,
		   bool primary, struct csm_error *err)
{
	struct household_member m = {0};

	m.household_id = hh;
	m.consumer_id = con;
	m.start_date = (char *)start;
	m.end_date = (char *)end;
	m.is_primary = primary;
	if (domain_household_add_member(s, &m, err) < 0)
		return -1;
	assert_ptr_equal(m.start_date, start); /* the caller's pointer is left alone */
	return m.id;
}

/* Names of a member list joined with commas; owned. */
static char *names(const struct member_list *l)
{
	char buf[512] = "";

	for (size_t i = 0; i < l->n; i++) {
		if (i)
			strcat(buf, ",");
		strcat(buf, l->items[i].consumer_name);
	}
	return xstrdup(buf);
}

static void expect_members(struct store *s, int64_t hh, enum member_filter f, const char *want)
{
	struct csm_error err = {0};
	struct member_list l;
	char *got;

	assert_int_equal(store_household_members(s, hh, f, &l, &err), 0);
	got = names(&l);
	assert_string_equal(got, want);
	free(got);
	member_list_fini(&l);
}

static void test_create_with_head(void **state)
{
	char path[256];
	struct store *s;
	struct csm_error err = {0};
	struct household h;
	struct member_list l;
	int64_t ann, hh;
	(void)state;

	setenv("CSM_NOW", "2026-03-01T12:00:00Z", 1);
	s = test_store_new(path, MODEL_B2C);
	ann = make_consumer(s, "Ann", "Lee");
	hh = make_household(s, "Lee family", ann);
	assert_int_equal(store_household_get(s, hh, &h, &err), 1);
	assert_string_equal(h.number, "HOLD0000001");
	assert_int_equal(h.head_id, ann);
	assert_string_equal(h.head_name, "Ann Lee");
	household_fini(&h);
	assert_int_equal(store_household_get_by_number(s, "HOLD0000001", &h, &err), 1);
	household_fini(&h);

	assert_int_equal(store_household_members(s, hh, MEMBERS_CURRENT, &l, &err), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].start_date, "2026-03-01");
	assert_null(l.items[0].end_date);
	assert_true(l.items[0].is_head);
	assert_true(l.items[0].is_primary);
	assert_true(l.items[0].current);
	member_list_fini(&l);

	/* a missing head leaves nothing behind */
	household_init(&h);
	h.name = xstrdup("Ghosts");
	h.head_id = 999;
	assert_int_equal(domain_household_create(s, &h, &err), -1);
	assert_string_equal(err.msg, "no consumer with id 999");
	assert_null(h.number);
	household_fini(&h);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM household"), 1);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM household_member"), 1);

	household_init(&h);
	assert_int_equal(domain_household_create(s, &h, &err), -1);
	assert_string_equal(err.msg, "household: name is required");
	household_fini(&h);
	test_store_free(&s, path);
	unsetenv("CSM_NOW");
}

static void test_membership_over_time(void **state)
{
	char path[256];
	struct store *s;
	struct csm_error err = {0};
	struct member_list l;
	int64_t ann, bob, cat, dan, hh;
	long long before;
	(void)state;

	setenv("CSM_NOW", "2026-03-01", 1);
	s = test_store_new(path, MODEL_B2C);
	ann = make_consumer(s, "Ann", "Lee");
	bob = make_consumer(s, "Bob", "Lee");
	cat = make_consumer(s, "Cat", "Lee");
	dan = make_consumer(s, "Dan", "Lee");
	hh = make_household(s, "Lee family", ann);

	assert_true(add(s, hh, bob, "2025-01-01", "2026-02-01", false, &err) > 0); /* past */
	assert_true(add(s, hh, cat, "2026-04-01", NULL, false, &err) > 0);         /* future */
	assert_true(add(s, hh, dan, "2026-03-01", "2026-03-01", false, &err) > 0); /* today only */
	expect_members(s, hh, MEMBERS_CURRENT, "Ann Lee,Dan Lee");
	expect_members(s, hh, MEMBERS_PAST, "Bob Lee");
	expect_members(s, hh, MEMBERS_ALL, "Ann Lee,Bob Lee,Cat Lee,Dan Lee");

	/* the clock moves: Cat arrives, Dan has left */
	setenv("CSM_NOW", "2026-05-01T08:00:00Z", 1);
	expect_members(s, hh, MEMBERS_CURRENT, "Ann Lee,Cat Lee");
	expect_members(s, hh, MEMBERS_PAST, "Bob Lee,Dan Lee");

	/* overlapping periods of the same consumer are refused */
	before = test_query_int(s, "SELECT count(*) FROM household_member");
	assert_int_equal(add(s, hh, bob, "2026-01-15", "2026-06-01", false, &err), -1);
	assert_string_equal(err.msg, "consumer CON0000002 is already a member of HOLD0000001 over "
				     "part of that period");
	assert_int_equal(add(s, hh, bob, "2026-06-01", "2026-01-01", false, &err), -1);
	assert_string_equal(err.msg, "household member: end date 2026-01-01 is before start date "
				     "2026-06-01");
	assert_int_equal(add(s, hh, bob, "2026-13-01", NULL, false, &err), -1);
	assert_string_equal(err.msg, "household member: start date \"2026-13-01\" is not a date "
				     "(expected YYYY-MM-DD)");
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM household_member"), before);
	/* coming back after the old period is fine; no start means today */
	assert_true(add(s, hh, bob, NULL, NULL, false, &err) > 0);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM household_member WHERE consumer_id = 2"
					   " AND start_date = '2026-05-01'"),
			 1);

	/* the households a consumer currently belongs to */
	assert_int_equal(store_consumer_households(s, bob, MEMBERS_CURRENT, &l, &err), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].household_name, "Lee family");
	member_list_fini(&l);
	assert_int_equal(store_consumer_households(s, dan, MEMBERS_CURRENT, &l, &err), 0);
	assert_int_equal(l.n, 0);
	member_list_fini(&l);
	test_store_free(&s, path);
	unsetenv("CSM_NOW");
}

static void test_head_rules(void **state)
{
	char path[256];
	struct store *s;
	struct csm_error err = {0};
	struct household h;
	struct member_list l;
	int64_t ann, bob, cat, hh, ann_m = 0, bob_m;
	long long audits;
	(void)state;

	setenv("CSM_NOW", "2026-03-01", 1);
	s = test_store_new(path, MODEL_B2C);
	ann = make_consumer(s, "Ann", "Lee");
	bob = make_consumer(s, "Bob", "Lee");
	cat = make_consumer(s, "Cat", "Lee");
	hh = make_household(s, "Lee family", ann);
	bob_m = add(s, hh, bob, "2026-01-01", NULL, false, &err);
	assert_true(bob_m > 0);
	assert_true(add(s, hh, cat, "2026-06-01", NULL, false, &err) > 0);

	/* the head must be a current member */
	assert_int_equal(domain_household_set_head(s, hh, cat, &err), -1);
	assert_string_equal(err.msg, "consumer CON0000003 is not a current member of HOLD0000001 and "
				     "cannot be its head");
	assert_int_equal(domain_household_set_head(s, hh, bob, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT head_consumer_id FROM household WHERE id = 1"), bob);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE table_name = 'household'"
					   " AND field = 'head_consumer_id' AND new_value = '2'"),
			 1);
	assert_int_equal(domain_household_set_head(s, hh, ann, &err), 0);

	assert_int_equal(store_household_members(s, hh, MEMBERS_CURRENT, &l, &err), 0);
	for (size_t i = 0; i < l.n; i++)
		if (l.items[i].consumer_id == ann)
			ann_m = l.items[i].id;
	member_list_fini(&l);
	assert_true(ann_m > 0);

	/* ending the head's membership needs a new head */
	audits = test_query_int(s, "SELECT count(*) FROM audit_log");
	assert_int_equal(domain_household_end_membership(s, ann_m, NULL, 0, &err), -1);
	assert_string_equal(err.msg, "consumer CON0000001 is the head of HOLD0000001; name a new head "
				     "(a current member) to end this membership, or clear the head "
				     "first");
	assert_int_equal(domain_household_end_membership(s, ann_m, NULL, cat, &err), -1);
	assert_string_equal(err.msg, "consumer CON0000003 is not a current member of HOLD0000001 and "
				     "cannot be its head");
	assert_int_equal(domain_household_end_membership(s, ann_m, NULL, ann, &err), -1);
	assert_string_equal(err.msg, "consumer CON0000001 is leaving HOLD0000001 and cannot be its "
				     "new head");
	assert_int_equal(domain_household_end_membership(s, ann_m, "2025-12-31", bob, &err), -1);
	assert_string_equal(err.msg, "household member: end date 2025-12-31 is before start date "
				     "2026-03-01");
	/* nothing of the refused attempts was written */
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log"), audits);
	assert_int_equal(test_query_int(s, "SELECT end_date IS NULL FROM household_member WHERE id = 1"),
			 1);

	assert_int_equal(domain_household_end_membership(s, ann_m, "2026-03-10", bob, &err), 0);
	assert_int_equal(store_household_get(s, hh, &h, &err), 1);
	assert_int_equal(h.head_id, bob);
	household_fini(&h);
	setenv("CSM_NOW", "2026-03-11", 1);
	expect_members(s, hh, MEMBERS_PAST, "Ann Lee");
	expect_members(s, hh, MEMBERS_CURRENT, "Bob Lee");

	/* clearing the head, then the last member may leave */
	assert_int_equal(domain_household_set_head(s, hh, 0, &err), 0);
	assert_int_equal(domain_household_end_membership(s, bob_m, NULL, 0, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT end_date = '2026-03-11' FROM household_member"
					   " WHERE id = 2"),
			 1);
	assert_int_equal(domain_household_end_membership(s, 99, NULL, 0, &err), -1);
	assert_string_equal(err.msg, "no household membership with id 99");
	test_store_free(&s, path);
	unsetenv("CSM_NOW");
}

static void test_primary_household(void **state)
{
	char path[256];
	struct store *s;
	struct csm_error err = {0};
	struct member_list l;
	int64_t ann, bob, h1, h2;
	(void)state;

	setenv("CSM_NOW", "2026-03-01", 1);
	s = test_store_new(path, MODEL_B2C);
	ann = make_consumer(s, "Ann", "Lee");
	bob = make_consumer(s, "Bob", "Kim");
	h1 = make_household(s, "Lee family", ann);
	/* Ann already has a primary household: heading a second one is not primary */
	h2 = make_household(s, "Beach house", ann);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM household_member WHERE consumer_id = 1"
					   " AND is_primary = 1"),
			 1);
	/* marking a membership primary clears the consumer's other one */
	assert_true(add(s, h2, bob, NULL, NULL, true, &err) > 0);
	assert_true(add(s, h1, bob, NULL, NULL, true, &err) > 0);
	assert_int_equal(store_consumer_households(s, bob, MEMBERS_CURRENT, &l, &err), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].household_name, "Lee family"); /* primary first */
	assert_true(l.items[0].is_primary);
	assert_false(l.items[1].is_primary);
	member_list_fini(&l);
	test_store_free(&s, path);
	unsetenv("CSM_NOW");
}

static void test_summaries_and_deactivate(void **state)
{
	char path[256];
	struct store *s;
	struct csm_error err = {0};
	struct consumer_summary cs;
	struct household_summary hs;
	struct household h;
	int64_t ann, bob, hh;
	(void)state;

	setenv("CSM_NOW", "2026-03-01", 1);
	s = test_store_new(path, MODEL_B2C);
	ann = make_consumer(s, "Ann", "Lee");
	bob = make_consumer(s, "Bob", "Lee");
	hh = make_household(s, "Lee family", ann);
	assert_true(add(s, hh, bob, "2026-01-01", NULL, false, &err) > 0);
	test_exec(s, "INSERT INTO product(id, name, model_number) VALUES (1, 'Box', 'STB-1')");
	test_exec(s, "INSERT INTO sold_product(number, product_id, household_id) VALUES ('SP1', 1, 1)");
	test_exec(s, "INSERT INTO sold_product(number, product_id, consumer_id) VALUES ('SP2', 1, 1)");
	test_exec(s, "INSERT INTO install_base_item(number, name, consumer_id, household_id)"
		     " VALUES ('IB1', 'box', 1, 1)");
	test_exec(s, "INSERT INTO contract(number, name, consumer_id) VALUES ('CN1', 'Care', 1)");
	test_exec(s, "INSERT INTO cases(number, short_description, consumer_id, household_id)"
		     " VALUES ('CS1', 'no signal', 1, 1)");

	assert_int_equal(store_consumer_summary(s, ann, &cs, &err), 1);
	assert_string_equal(cs.consumer.last_name, "Lee");
	assert_int_equal(cs.households.n, 1);
	assert_true(cs.households.items[0].is_head);
	assert_int_equal(cs.open_cases, 1);
	assert_int_equal(cs.sold_products, 1);
	assert_int_equal(cs.install_base_items, 1);
	assert_int_equal(cs.contracts, 1);
	assert_int_equal(cs.accounts, 0);
	consumer_summary_fini(&cs);

	assert_int_equal(store_household_summary(s, hh, &hs, &err), 1);
	assert_string_equal(hs.household.name, "Lee family");
	assert_int_equal(hs.members.n, 2);
	assert_int_equal(hs.open_cases, 1);
	assert_int_equal(hs.sold_products, 1);
	assert_int_equal(hs.install_base_items, 1);
	household_summary_fini(&hs);
	assert_int_equal(store_household_summary(s, 42, &hs, &err), 0);

	assert_int_equal(domain_household_deactivate(s, hh, &err), -1);
	assert_string_equal(err.msg, "household HOLD0000001 has 1 open case; close or cancel it "
				     "before deactivating it");
	test_exec(s, "UPDATE cases SET state = 'canceled', closed_at = csm_now()");
	assert_int_equal(domain_household_deactivate(s, hh, &err), 0);

	/* update keeps the head and checks the name */
	assert_int_equal(store_household_get(s, hh, &h, &err), 1);
	free(h.name);
	h.name = xstrdup("The Lees");
	assert_int_equal(domain_household_update(s, &h, &err), 0);
	household_fini(&h);
	assert_int_equal(store_household_get(s, hh, &h, &err), 1);
	assert_string_equal(h.name, "The Lees");
	assert_int_equal(h.head_id, ann);
	assert_false(h.active);
	household_fini(&h);
	test_store_free(&s, path);
	unsetenv("CSM_NOW");
}

static void test_account_consumer_links(void **state)
{
	char path[256];
	struct store *s;
	struct csm_error err = {0};
	struct account a;
	struct account_consumer l = {0};
	struct account_consumer_list ll;
	int64_t ann, bob, link;
	(void)state;

	setenv("CSM_NOW", "2026-03-01", 1);
	s = test_store_new(path, MODEL_B2B2C);
	account_init(&a);
	a.name = xstrdup("Bank of Lee");
	assert_int_equal(domain_account_create(s, &a, &err), 0);
	ann = make_consumer(s, "Ann", "Lee");
	bob = make_consumer(s, "Bob", "Kim");

	l.account_id = a.id;
	l.consumer_id = ann;
	l.start_date = "2026-01-01";
	assert_int_equal(domain_account_consumer_link(s, &l, &err), 0);
	link = l.id;
	l.start_date = "2026-02-01";
	l.end_date = "2026-12-31";
	assert_int_equal(domain_account_consumer_link(s, &l, &err), -1);
	assert_string_equal(err.msg, "consumer CON0000001 is already linked to ACCT0000001 over part "
				     "of that period");
	assert_int_equal(l.id, 0);
	l.consumer_id = bob;
	l.start_date = "2025-01-01";
	l.end_date = "2025-12-31";
	assert_int_equal(domain_account_consumer_link(s, &l, &err), 0);

	assert_int_equal(store_account_consumers(s, a.id, MEMBERS_CURRENT, &ll, &err), 0);
	assert_int_equal(ll.n, 1);
	assert_string_equal(ll.items[0].consumer_name, "Ann Lee");
	account_consumer_list_fini(&ll);
	assert_int_equal(store_account_consumers(s, a.id, MEMBERS_ALL, &ll, &err), 0);
	assert_int_equal(ll.n, 2);
	assert_string_equal(ll.items[0].consumer_name, "Bob Kim");
	assert_false(ll.items[0].current);
	account_consumer_list_fini(&ll);
	assert_int_equal(store_consumer_accounts(s, ann, MEMBERS_CURRENT, &ll, &err), 0);
	assert_int_equal(ll.n, 1);
	assert_string_equal(ll.items[0].account_name, "Bank of Lee");
	account_consumer_list_fini(&ll);

	assert_int_equal(domain_account_consumer_unlink(s, link, "2025-06-01", &err), -1);
	assert_string_equal(err.msg, "account-consumer link: end date 2025-06-01 is before start date "
				     "2026-01-01");
	assert_int_equal(domain_account_consumer_unlink(s, link, NULL, &err), 0);
	setenv("CSM_NOW", "2026-03-02", 1);
	assert_int_equal(store_consumer_accounts(s, ann, MEMBERS_CURRENT, &ll, &err), 0);
	assert_int_equal(ll.n, 0);
	account_consumer_list_fini(&ll);
	assert_int_equal(store_consumer_accounts(s, ann, MEMBERS_PAST, &ll, &err), 0);
	assert_int_equal(ll.n, 1);
	assert_string_equal(ll.items[0].end_date, "2026-03-01");
	account_consumer_list_fini(&ll);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE"
					   " table_name = 'account_consumer' AND field = 'end_date'"),
			 1);
	account_fini(&a);
	test_store_free(&s, path);
	unsetenv("CSM_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_with_head),
		cmocka_unit_test(test_membership_over_time),
		cmocka_unit_test(test_head_rules),
		cmocka_unit_test(test_primary_household),
		cmocka_unit_test(test_summaries_and_deactivate),
		cmocka_unit_test(test_account_consumer_links),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
