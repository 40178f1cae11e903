/* test_customer.c - accounts (hierarchy, paging, relationships), contacts,
 * consumers, locations, addresses, summaries and the validation rules. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/customer.h"
#include "store/customer_store.h"
#include "util/xalloc.h"

/* Creates an account with a name (and optional code, parent); returns id. */
static int64_t make_account(struct store *s, const char *name, const char *code, int64_t parent)
{
	struct csm_error err = {0};
	struct account a;
	int64_t id;

	account_init(&a);
	a.name = xstrdup(name);
	a.code = xstrdup(code);
	a.parent_id = parent;
	if (domain_account_create(s, &a, &err) < 0)
		fail_msg("creating account %s: %s", name, err.msg);
	id = a.id;
	account_fini(&a);
	return id;
}

static int64_t make_contact(struct store *s, int64_t account, const char *first, const char *last,
			    const char *email)
{
	struct csm_error err = {0};
	struct contact c;
	int64_t id;

	contact_init(&c);
	c.account_id = account;
	c.first_name = xstrdup(first);
	c.last_name = xstrdup(last);
	c.email = xstrdup(email);
	if (domain_contact_create(s, &c, &err) < 0)
		fail_msg("creating contact %s: %s", last, err.msg);
	id = c.id;
	contact_fini(&c);
	return id;
}

static int64_t make_location(struct store *s, const char *name, const char *type, int64_t parent)
{
	struct csm_error err = {0};
	struct location l;
	int64_t id;

	location_init(&l);
	l.name = xstrdup(name);
	l.type = xstrdup(type);
	l.parent_id = parent;
	if (domain_location_create(s, &l, &err) < 0)
		fail_msg("creating location %s: %s", name, err.msg);
	id = l.id;
	location_fini(&l);
	return id;
}

static void test_validation_messages(void **state)
{
	struct csm_error err = {0};
	struct account a;
	struct contact c;
	struct consumer k;
	char longname[260];
	(void)state;

	account_init(&a);
	assert_int_equal(account_validate(&a, &err), -1);
	assert_string_equal(err.msg, "account: name is required");
	a.name = xstrdup("   ");
	assert_int_equal(account_validate(&a, &err), -1);
	assert_string_equal(err.msg, "account: name is required");
	free(a.name);
	memset(longname, 'x', 201);
	longname[201] = '\0';
	a.name = xstrdup(longname);
	assert_int_equal(account_validate(&a, &err), -1);
	assert_string_equal(err.msg, "account: name is longer than 200 characters");
	free(a.name);
	/* 200 characters of two bytes each are fine: characters, not bytes */
	longname[0] = '\0';
	for (int i = 0; i < 100; i++)
		strcat(longname, "\xc3\xa9");
	a.name = xstrdup(longname);
	assert_int_equal(account_validate(&a, &err), 0);
	a.code = xstrdup("AC ME");
	assert_int_equal(account_validate(&a, &err), -1);
	assert_string_equal(err.msg, "account: code \"AC ME\" has a space; codes are one word");
	account_fini(&a);

	contact_init(&c);
	c.last_name = xstrdup("Doe");
	assert_int_equal(contact_validate(&c, &err), -1);
	assert_string_equal(err.msg, "contact: account is required");
	c.account_id = 1;
	assert_int_equal(contact_validate(&c, &err), 0);
	c.email = xstrdup("bob@");
	assert_int_equal(contact_validate(&c, &err), -1);
	assert_string_equal(err.msg,
			    "contact: email \"bob@\" is not an address (expected name@example.com)");
	free(c.email);
	c.email = xstrdup("bob@example.com");
	c.phone = xstrdup("555-CALL");
	assert_int_equal(contact_validate(&c, &err), -1);
	assert_string_equal(err.msg, "contact: phone \"555-CALL\" has 'C'; a phone number has only "
				     "digits, spaces and + - ( ) . x");
	free(c.phone);
	c.phone = xstrdup("+1 (555) 010-2000 x12");
	assert_int_equal(contact_validate(&c, &err), 0);
	contact_fini(&c);

	for (const char *bad[] = {"a@b", "@b.com", "a b@c.com", "a@b..com", "a@.com", "a@b.com.",
				  "a@@b.com", NULL},
			**p = bad;
	     *p; p++)
		assert_int_equal(customer_check_email("x", "email", *p, &err), -1);
	assert_int_equal(customer_check_email("x", "email", "first.last+tag@mail.example.org", &err), 0);
	assert_int_equal(customer_check_phone("x", "phone", "()", &err), -1);
	assert_string_equal(err.msg, "x: phone \"()\" has no digits");

	consumer_init(&k);
	k.last_name = xstrdup("Martin");
	k.home_phone = xstrdup("01 23 45 67 89");
	assert_int_equal(consumer_validate(&k, &err), 0);
	k.email = xstrdup("martin at example.com");
	assert_int_equal(consumer_validate(&k, &err), -1);
	assert_string_equal(err.msg, "consumer: email \"martin at example.com\" is not an address "
				     "(expected name@example.com)");
	consumer_fini(&k);

	assert_int_equal(customer_validate_period("household member", "2026-02-30", NULL, &err), -1);
	assert_string_equal(err.msg, "household member: start date \"2026-02-30\" is not a date "
				     "(expected YYYY-MM-DD)");
	assert_int_equal(customer_validate_period("link", "2026-03-01", "2026-02-01", &err), -1);
	assert_string_equal(err.msg, "link: end date 2026-02-01 is before start date 2026-03-01");
	assert_int_equal(customer_validate_period("link", "2024-02-29", "2024-02-29", &err), 0);
}

static void test_account_create_read_update(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct account a, b;
	long long before;
	int64_t id;
	char *v;
	(void)state;

	id = make_account(s, "Acme", "ACME", 0);
	assert_int_equal(store_account_get(s, id, &a, &err), 1);
	assert_string_equal(a.number, "ACCT0000001");
	assert_string_equal(a.name, "Acme");
	assert_string_equal(a.path, "/1/");
	assert_true(a.active);
	assert_true(a.is_customer);
	assert_int_equal(store_account_get_by_number(s, "ACCT0000001", &b, &err), 1);
	assert_int_equal(b.id, id);
	account_fini(&b);
	assert_int_equal(store_account_get_by_number(s, "ACCT9999999", &b, &err), 0);
	assert_int_equal(store_account_get(s, 999, &b, &err), 0);

	/* a used code is refused, naming who uses it, and nothing is written */
	before = test_query_int(s, "SELECT count(*) FROM account");
	account_init(&b);
	b.name = xstrdup("Acme Two");
	b.code = xstrdup("ACME");
	assert_int_equal(domain_account_create(s, &b, &err), -1);
	assert_string_equal(err.msg, "account: code ACME is already used by ACCT0000001 (Acme)");
	assert_null(b.number);
	assert_int_equal(b.id, 0);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM account"), before);
	assert_int_equal(store_txn_depth(s), 0);
	/* the number was not used up either */
	free(b.code);
	b.code = NULL;
	assert_int_equal(domain_account_create(s, &b, &err), 0);
	assert_string_equal(b.number, "ACCT0000002");
	account_fini(&b);

	/* a missing parent is refused */
	account_init(&b);
	b.name = xstrdup("Orphan");
	b.parent_id = 4242;
	assert_int_equal(domain_account_create(s, &b, &err), -1);
	assert_string_equal(err.msg, "no account with id 4242");
	account_fini(&b);

	/* update: audit rows for what changed */
	test_exec(s, "DELETE FROM audit_log");
	free(a.name);
	a.name = xstrdup("Acme Corp");
	a.phone = xstrdup("+33 1 23 45 67 89");
	assert_int_equal(domain_account_update(s, &a, &err), 0);
	account_fini(&a);
	assert_int_equal(store_account_get(s, id, &a, &err), 1);
	assert_string_equal(a.name, "Acme Corp");
	v = test_query_text(s, "SELECT group_concat(field, ',') FROM (SELECT field FROM audit_log"
			       " WHERE table_name = 'account' AND action = 'update'"
			       " AND field IN ('name', 'phone') ORDER BY field)");
	assert_string_equal(v, "name,phone");
	free(v);
	v = test_query_text(s, "SELECT old_value || '>' || new_value FROM audit_log"
			       " WHERE field = 'name' AND actor = 'tester'");
	assert_string_equal(v, "Acme>Acme Corp");
	free(v);

	/* updating to another account's code is refused, keeping one's own is fine */
	make_account(s, "Globex", "GLX", 0);
	free(a.code);
	a.code = xstrdup("GLX");
	assert_int_equal(domain_account_update(s, &a, &err), -1);
	assert_string_equal(err.msg, "account: code GLX is already used by ACCT0000003 (Globex)");
	free(a.code);
	a.code = xstrdup("ACME");
	assert_int_equal(domain_account_update(s, &a, &err), 0);

	/* the primary contact must be one of the account's contacts */
	a.primary_contact_id = make_contact(s, 3, "Hank", "Scorpio", NULL);
	assert_int_equal(domain_account_update(s, &a, &err), -1);
	assert_string_equal(err.msg, "account ACCT0000001: primary contact CT0000001 belongs to "
				     "ACCT0000003");
	a.primary_contact_id = make_contact(s, id, "Wile", "Coyote", NULL);
	assert_int_equal(domain_account_update(s, &a, &err), 0);
	account_fini(&a);
	test_store_free(&s, path);
}

static void test_account_hierarchy(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct account_list l;
	int64_t a, b, c, d, e;
	long long audits;
	(void)state;

	a = make_account(s, "Alpha", NULL, 0);
	b = make_account(s, "Beta", NULL, a);
	c = make_account(s, "Gamma", NULL, b);
	d = make_account(s, "Delta", NULL, 0);
	e = make_account(s, "Epsilon", NULL, a);

	assert_int_equal(store_account_subtree(s, a, &l, &err), 0);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.items[0].id, a);
	assert_int_equal(l.items[0].depth, 0);
	assert_int_equal(l.items[1].id, b);
	assert_int_equal(l.items[1].depth, 1);
	assert_int_equal(l.items[2].id, c);
	assert_int_equal(l.items[2].depth, 2);
	assert_int_equal(l.items[3].id, e);
	assert_string_equal(l.items[2].parent_name, "Beta");
	account_list_fini(&l);

	assert_int_equal(store_account_children(s, a, &l, &err), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].name, "Beta");
	assert_string_equal(l.items[1].name, "Epsilon");
	account_list_fini(&l);

	/* move Beta (with Gamma) under Delta: paths follow */
	assert_int_equal(domain_account_set_parent(s, b, d, &err), 0);
	assert_int_equal(store_account_subtree(s, d, &l, &err), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.items[2].path, "/4/2/3/");
	assert_int_equal(l.items[2].depth, 2);
	account_list_fini(&l);
	assert_int_equal(store_account_subtree(s, a, &l, &err), 0);
	assert_int_equal(l.n, 2);
	account_list_fini(&l);

	assert_int_equal(store_account_ancestors(s, c, &l, &err), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].name, "Delta");
	assert_string_equal(l.items[1].name, "Beta");
	account_list_fini(&l);
	assert_int_equal(store_account_ancestors(s, d, &l, &err), 0);
	assert_int_equal(l.n, 0);
	account_list_fini(&l);

	/* cycles are refused with a message and change nothing */
	audits = test_query_int(s, "SELECT count(*) FROM audit_log");
	assert_int_equal(domain_account_set_parent(s, d, c, &err), -1);
	assert_string_equal(err.msg, "account ACCT0000004 cannot move under ACCT0000003: ACCT0000003 "
				     "is one of its own descendants");
	assert_int_equal(domain_account_set_parent(s, d, d, &err), -1);
	assert_string_equal(err.msg, "account ACCT0000004 cannot be its own parent");
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log"), audits);
	assert_int_equal(test_query_int(s, "SELECT parent_id IS NULL FROM account WHERE id = 4"), 1);

	/* back to the top: Gamma becomes a root */
	assert_int_equal(domain_account_set_parent(s, c, 0, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT path = '/3/' FROM account WHERE id = 3"), 1);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE table_name = 'account'"
					   " AND record_id = 3 AND field = 'parent_id'"),
			 1);
	test_store_free(&s, path);
}

/* Walks every page of the account list, checking order and no repeats. */
static void test_account_paging(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	const char *names[] = {"delta", "Alpha", "charlie", "Echo", "bravo", "alpha", "Foxtrot"};
	struct page_req pg = {NULL, 0, 3};
	struct account_list l;
	char *key = NULL;
	char seen[64][64];
	size_t nseen = 0;
	int pages = 0;
	(void)state;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		make_account(s, names[i], NULL, 0);
	for (;;) {
		assert_int_equal(store_account_list(s, &pg, false, &l, &err), 0);
		for (size_t i = 0; i < l.n; i++)
			snprintf(seen[nseen++], 64, "%s", l.items[i].name);
		pages++;
		if (pages == 1) {
			assert_int_equal(l.n, 3);
			assert_true(l.next.more);
			/* rows added between pages: one sorts before the cursor
			 * (not seen), one after (seen once) */
			make_account(s, "Aardvark", NULL, 0);
			make_account(s, "Zulu", NULL, 0);
		}
		if (!l.next.more) {
			account_list_fini(&l);
			break;
		}
		free(key);
		key = xstrdup(l.next.key);
		pg.after_key = key;
		pg.after_id = l.next.id;
		account_list_fini(&l);
	}
	free(key);
	assert_int_equal(nseen, 8);
	assert_string_equal(seen[0], "Alpha");
	assert_string_equal(seen[1], "alpha"); /* a tie on name: by id */
	assert_string_equal(seen[2], "bravo");
	assert_string_equal(seen[3], "charlie");
	assert_string_equal(seen[6], "Foxtrot");
	assert_string_equal(seen[7], "Zulu");
	for (size_t i = 0; i < nseen; i++)
		for (size_t j = i + 1; j < nseen; j++)
			assert_string_not_equal(seen[i], seen[j]);
	assert_int_equal(pages, 3);

	/* active only */
	assert_int_equal(domain_account_deactivate(s, 1, &err), 0); /* delta */
	pg = (struct page_req){NULL, 0, 100};
	assert_int_equal(store_account_list(s, &pg, true, &l, &err), 0);
	assert_int_equal(l.n, 8);
	assert_false(l.next.more);
	account_list_fini(&l);
	test_store_free(&s, path);
}

static void test_account_deactivate_and_relationships(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct relationship_list r;
	int64_t a, b, rel = 0;
	(void)state;

	a = make_account(s, "Acme", NULL, 0);
	b = make_account(s, "Globex", NULL, 0);
	test_exec(s, "INSERT INTO cases(id, number, short_description, account_id) VALUES"
		     " (1, 'CS1', 'broken', 1), (2, 'CS2', 'also broken', 1)");
	assert_int_equal(domain_account_deactivate(s, a, &err), -1);
	assert_string_equal(err.msg, "account ACCT0000001 has 2 open cases; close or cancel them "
				     "before deactivating it");
	test_exec(s, "UPDATE cases SET state = 'canceled', closed_at = '2026-01-01T00:00:00Z'"
		     " WHERE id = 1");
	assert_int_equal(domain_account_deactivate(s, a, &err), -1);
	assert_string_equal(err.msg, "account ACCT0000001 has 1 open case; close or cancel it "
				     "before deactivating it");
	test_exec(s, "UPDATE cases SET state = 'canceled', closed_at = '2026-01-01T00:00:00Z'"
		     " WHERE id = 2");
	assert_int_equal(domain_account_deactivate(s, a, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT active FROM account WHERE id = 1"), 0);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE table_name = 'account'"
					   " AND field = 'active' AND new_value = '0'"),
			 1);
	assert_int_equal(domain_account_reactivate(s, a, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT active FROM account WHERE id = 1"), 1);

	assert_int_equal(domain_relationship_type_create(s, "partner", "partner of", "has partner",
							 NULL, &err),
			 0);
	assert_int_equal(domain_relationship_type_create(s, "partner", "x", "y", NULL, &err), -1);
	assert_string_equal(err.msg, "relationship type partner already exists");
	assert_int_equal(domain_account_relate(s, a, b, "partner", &rel, &err), 0);
	assert_true(rel > 0);
	assert_int_equal(domain_account_relate(s, a, b, "partner", NULL, &err), -1);
	assert_string_equal(err.msg, "ACCT0000001 is already partner of ACCT0000002");
	assert_int_equal(domain_account_relate(s, a, a, "partner", NULL, &err), -1);
	assert_string_equal(err.msg, "account ACCT0000001 cannot be related to itself");
	assert_int_equal(domain_account_relate(s, a, b, "supplier", NULL, &err), -1);
	assert_string_equal(err.msg, "no account relationship type named \"supplier\"");

	assert_int_equal(store_account_relationships(s, a, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.items[0].label, "partner of");
	assert_string_equal(r.items[0].other_name, "Globex");
	assert_false(r.items[0].reverse);
	relationship_list_fini(&r);
	assert_int_equal(store_account_relationships(s, b, &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.items[0].label, "has partner");
	assert_string_equal(r.items[0].other_number, "ACCT0000001");
	assert_true(r.items[0].reverse);
	relationship_list_fini(&r);

	assert_int_equal(domain_account_unrelate(s, rel, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM account_relationship"), 0);
	assert_int_equal(domain_account_unrelate(s, rel, &err), -1);
	assert_string_equal(err.msg, "no account relationship with id 1");
	test_store_free(&s, path);
}

static void test_contacts(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct contact c;
	struct contact_list l;
	struct page_req pg = {NULL, 0, 2};
	struct account acc;
	int64_t a, b, inactive, x, y;
	long long before;
	char *key = NULL;
	(void)state;

	a = make_account(s, "Acme", NULL, 0);
	b = make_account(s, "Globex", NULL, 0);
	inactive = make_account(s, "Gone", NULL, 0);
	assert_int_equal(domain_account_deactivate(s, inactive, &err), 0);

	/* the account is required, must exist and be active */
	contact_init(&c);
	c.last_name = xstrdup("Doe");
	assert_int_equal(domain_contact_create(s, &c, &err), -1);
	assert_string_equal(err.msg, "contact: account is required");
	c.account_id = 77;
	assert_int_equal(domain_contact_create(s, &c, &err), -1);
	assert_string_equal(err.msg, "no account with id 77");
	c.account_id = inactive;
	assert_int_equal(domain_contact_create(s, &c, &err), -1);
	assert_string_equal(err.msg, "account ACCT0000003 is inactive");
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM contact"), 0);
	c.account_id = a;
	c.email = xstrdup("John.Doe@Acme.example");
	assert_int_equal(domain_contact_create(s, &c, &err), 0);
	assert_string_equal(c.number, "CT0000001");
	x = c.id;
	contact_fini(&c);

	assert_int_equal(store_contact_get_by_number(s, "CT0000001", &c, &err), 1);
	assert_string_equal(c.account_name, "Acme");
	contact_fini(&c);
	assert_int_equal(store_contact_get_by_email(s, "john.doe@acme.EXAMPLE", &c, &err), 1);
	assert_int_equal(c.id, x);
	/* update: a bad email is refused and nothing changes */
	free(c.email);
	c.email = xstrdup("john.doe");
	assert_int_equal(domain_contact_update(s, &c, &err), -1);
	assert_string_equal(err.msg, "contact: email \"john.doe\" is not an address "
				     "(expected name@example.com)");
	free(c.email);
	c.email = xstrdup("jd@acme.example");
	free(c.title);
	c.title = xstrdup("Buyer");
	assert_int_equal(domain_contact_update(s, &c, &err), 0);
	contact_fini(&c);
	assert_int_equal(store_contact_get_by_email(s, "jd@acme.example", &c, &err), 1);
	assert_string_equal(c.title, "Buyer");
	contact_fini(&c);

	/* list: active first, then by name, in pages */
	y = make_contact(s, a, "Ann", "Zed", NULL);
	make_contact(s, a, "Bob", "Able", NULL);
	make_contact(s, a, NULL, "Mills", NULL);
	make_contact(s, a, "Carl", "able", NULL);
	assert_int_equal(domain_contact_deactivate(s, make_contact(s, a, "Al", "Aaron", NULL), &err), 0);
	{
		const char *want[] = {"Able", "able", "Doe", "Mills", "Zed", "Zz", "Aaron"};
		size_t got = 0;
		for (;;) {
			assert_int_equal(store_contact_list(s, a, &pg, &l, &err), 0);
			for (size_t i = 0; i < l.n; i++) {
				assert_true(got < 7);
				assert_string_equal(l.items[i].last_name, want[got++]);
			}
			if (got == 2) /* inserted mid-walk, sorts after the cursor */
				make_contact(s, a, "Zoe", "Zz", NULL);
			if (!l.next.more) {
				contact_list_fini(&l);
				break;
			}
			free(key);
			key = xstrdup(l.next.key);
			pg.after_key = key;
			pg.after_id = l.next.id;
			contact_list_fini(&l);
		}
		assert_int_equal(got, 7);
	}
	free(key);

	/* deactivating the primary contact clears it */
	assert_int_equal(store_account_get(s, a, &acc, &err), 1);
	acc.primary_contact_id = y;
	assert_int_equal(domain_account_update(s, &acc, &err), 0);
	account_fini(&acc);
	assert_int_equal(domain_contact_deactivate(s, y, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT primary_contact_id IS NULL FROM account WHERE id = 1"),
			 1);

	/* moving: refused while the contact is on a case */
	test_exec(s, "INSERT INTO cases(number, short_description, account_id, contact_id)"
		     " VALUES ('CS1', 'help', 1, 1)");
	before = test_query_int(s, "SELECT count(*) FROM audit_log");
	assert_int_equal(domain_contact_move(s, x, b, &err), -1);
	assert_string_equal(err.msg, "contact CT0000001 is named on 1 case of ACCT0000001 and cannot "
				     "move to another account; deactivate it and add a new contact there");
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log"), before);
	assert_int_equal(domain_contact_move(s, y, inactive, &err), -1);
	assert_string_equal(err.msg, "account ACCT0000003 is inactive");
	assert_int_equal(domain_contact_move(s, y, b, &err), 0);
	assert_int_equal(store_contact_get(s, y, &c, &err), 1);
	assert_string_equal(c.account_number, "ACCT0000002");
	contact_fini(&c);
	test_store_free(&s, path);
}

static void test_consumers(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2C);
	struct csm_error err = {0};
	struct consumer c;
	struct consumer_list l;
	struct page_req pg = {NULL, 0, 2};
	const char *lasts[] = {"Martin", "Bernard", "Dubois", "martin", "Arnaud"};
	char *key = NULL;
	size_t total = 0;
	int64_t id;
	(void)state;

	consumer_init(&c);
	assert_int_equal(domain_consumer_create(s, &c, &err), -1);
	assert_string_equal(err.msg, "consumer: last name is required");
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM consumer"), 0);
	for (size_t i = 0; i < 5; i++) {
		consumer_init(&c);
		c.first_name = xstrdup(i == 3 ? "Alain" : "Marie");
		c.last_name = xstrdup(lasts[i]);
		assert_int_equal(domain_consumer_create(s, &c, &err), 0);
		consumer_fini(&c);
	}
	assert_int_equal(store_consumer_get_by_number(s, "CON0000003", &c, &err), 1);
	assert_string_equal(c.last_name, "Dubois");
	id = c.id;
	free(c.mobile_phone);
	c.mobile_phone = xstrdup("06 12 34 56 78");
	assert_int_equal(domain_consumer_update(s, &c, &err), 0);
	consumer_fini(&c);
	assert_int_equal(store_consumer_get(s, id, &c, &err), 1);
	assert_string_equal(c.mobile_phone, "06 12 34 56 78");
	consumer_fini(&c);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE table_name = 'consumer'"
					   " AND action = 'update' AND field = 'mobile_phone'"),
			 1);

	for (;;) {
		assert_int_equal(store_consumer_list(s, &pg, false, &l, &err), 0);
		for (size_t i = 0; i < l.n; i++, total++) {
			static const char *want[] = {"Arnaud", "Bernard", "Dubois", "martin", "Martin"};
			assert_string_equal(l.items[i].last_name, want[total]);
		}
		if (!l.next.more) {
			consumer_list_fini(&l);
			break;
		}
		free(key);
		key = xstrdup(l.next.key);
		pg.after_key = key;
		pg.after_id = l.next.id;
		consumer_list_fini(&l);
	}
	free(key);
	assert_int_equal(total, 5);

	test_exec(s, "INSERT INTO cases(number, short_description, consumer_id) VALUES ('CS1', 'x', 3)");
	assert_int_equal(domain_consumer_deactivate(s, id, &err), -1);
	assert_string_equal(err.msg, "consumer CON0000003 has 1 open case; close or cancel it before "
				     "deactivating it");
	assert_int_equal(domain_consumer_deactivate(s, 1, &err), 0);
	pg = (struct page_req){NULL, 0, 0};
	assert_int_equal(store_consumer_list(s, &pg, true, &l, &err), 0);
	assert_int_equal(l.n, 4);
	consumer_list_fini(&l);
	test_store_free(&s, path);
}

static void test_locations(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct location l;
	struct location_list ll;
	struct page_req pg = {NULL, 0, 2};
	int64_t fr, idf, paris, site, bldg, de;
	char *key = NULL;
	size_t seen = 0;
	(void)state;

	/* no location types: any type goes */
	fr = make_location(s, "France", "country", 0);
	test_exec(s, "DELETE FROM location_type");
	test_exec(s, "INSERT INTO location_type(name, sort_order) VALUES ('country', 1), ('region', 2),"
		     " ('city', 3), ('site', 4), ('building', 5)");
	location_init(&l);
	l.name = xstrdup("Moon base");
	l.type = xstrdup("crater");
	assert_int_equal(domain_location_create(s, &l, &err), -1);
	assert_string_equal(err.msg, "location: type \"crater\" is not one of country, region, city, "
				     "site, building");
	free(l.type);
	l.type = xstrdup("site");
	l.has_position = true;
	l.latitude = 91;
	assert_int_equal(domain_location_create(s, &l, &err), -1);
	assert_string_equal(err.msg, "location: latitude 91 is outside -90..90");
	location_fini(&l);

	idf = make_location(s, "Ile-de-France", "region", fr);
	paris = make_location(s, "Paris", "city", idf);
	site = make_location(s, "HQ", "site", paris);
	bldg = make_location(s, "Tower A", "building", site);
	de = make_location(s, "Germany", "country", 0);

	assert_int_equal(store_location_ancestors(s, bldg, &ll, &err), 0);
	assert_int_equal(ll.n, 4);
	assert_string_equal(ll.items[0].name, "France");
	assert_string_equal(ll.items[3].name, "HQ");
	location_list_fini(&ll);

	assert_int_equal(store_location_subtree(s, idf, &ll, &err), 0);
	assert_int_equal(ll.n, 4);
	assert_int_equal(ll.items[0].depth, 0);
	assert_int_equal(ll.items[3].depth, 3);
	assert_string_equal(ll.items[3].name, "Tower A");
	location_list_fini(&ll);

	/* cycles refused, nothing changes */
	assert_int_equal(domain_location_move(s, idf, bldg, &err), -1);
	assert_string_equal(err.msg, "location Ile-de-France cannot move under Tower A: Tower A is "
				     "inside it");
	assert_int_equal(domain_location_move(s, idf, idf, &err), -1);
	assert_string_equal(err.msg, "location Ile-de-France cannot move under Ile-de-France: "
				     "Ile-de-France is the location itself");
	/* the region moves to Germany with its subtree; depth is kept by triggers */
	assert_int_equal(domain_location_move(s, idf, de, &err), 0);
	assert_int_equal(store_location_get(s, bldg, &l, &err), 1);
	assert_int_equal(l.depth, 4);
	assert_string_equal(l.path, "/6/2/3/4/5/");
	location_fini(&l);

	/* top-level children in pages, by name */
	make_location(s, "belgium", "country", 0);
	make_location(s, "Austria", "country", 0);
	for (;;) {
		static const char *want[] = {"Austria", "belgium", "France", "Germany"};
		assert_int_equal(store_location_children(s, 0, &pg, &ll, &err), 0);
		for (size_t i = 0; i < ll.n; i++)
			assert_string_equal(ll.items[i].name, want[seen++]);
		if (!ll.next.more) {
			location_list_fini(&ll);
			break;
		}
		free(key);
		key = xstrdup(ll.next.key);
		pg.after_key = key;
		pg.after_id = ll.next.id;
		location_list_fini(&ll);
	}
	free(key);
	assert_int_equal(seen, 4);

	/* update keeps the parent and checks the type */
	assert_int_equal(store_location_get(s, site, &l, &err), 1);
	free(l.street);
	l.street = xstrdup("1 rue de la Paix");
	assert_int_equal(domain_location_update(s, &l, &err), 0);
	free(l.type);
	l.type = xstrdup("planet");
	assert_int_equal(domain_location_update(s, &l, &err), -1);
	location_fini(&l);
	assert_int_equal(store_location_get(s, site, &l, &err), 1);
	assert_string_equal(l.street, "1 rue de la Paix");
	assert_string_equal(l.type, "site");
	assert_int_equal(l.parent_id, paris);
	location_fini(&l);
	test_store_free(&s, path);
}

static void test_addresses(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct address ad = {0};
	struct address_list l;
	int64_t acct, loc1, loc2, first, second;
	(void)state;

	acct = make_account(s, "Acme", NULL, 0);
	loc1 = make_location(s, "HQ", "site", 0);
	loc2 = make_location(s, "Depot", "site", 0);

	ad.account_id = acct;
	ad.consumer_id = 1;
	ad.location_id = loc1;
	assert_int_equal(domain_address_add(s, &ad, &err), -1);
	assert_string_equal(err.msg, "address: give either an account or a consumer");
	ad.consumer_id = 0;
	ad.kind = ADDRESS_BILLING;
	ad.is_primary = true;
	assert_int_equal(domain_address_add(s, &ad, &err), 0);
	first = ad.id;
	ad.kind = ADDRESS_SHIPPING;
	ad.location_id = loc2;
	assert_int_equal(domain_address_add(s, &ad, &err), 0); /* a second primary takes over */
	second = ad.id;
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM address WHERE is_primary = 1"), 1);

	assert_int_equal(store_address_list(s, acct, 0, &l, &err), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.items[0].id, second);
	assert_true(l.items[0].is_primary);
	assert_int_equal(l.items[0].kind, ADDRESS_SHIPPING);
	assert_string_equal(l.items[0].location_name, "Depot");
	assert_false(l.items[1].is_primary);
	address_list_fini(&l);

	assert_int_equal(domain_address_set_primary(s, first, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT id FROM address WHERE is_primary = 1"), first);
	assert_int_equal(domain_address_set_primary(s, 99, &err), -1);
	assert_string_equal(err.msg, "no address with id 99");

	ad.location_id = 12345;
	assert_int_equal(domain_address_add(s, &ad, &err), -1);
	assert_string_equal(err.msg, "no location with id 12345");
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM address"), 2);
	/* the failed primary add did not clear the current primary */
	assert_int_equal(test_query_int(s, "SELECT id FROM address WHERE is_primary = 1"), first);

	assert_int_equal(domain_address_remove(s, first, &err), 0);
	assert_int_equal(domain_address_remove(s, first, &err), -1);
	assert_string_equal(err.msg, "no address with id 1");
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM address"), 1);
	test_store_free(&s, path);
}

static void test_account_summary_and_model(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B2C);
	struct csm_error err = {0};
	struct account_summary sum;
	enum business_model m;
	int64_t a;
	(void)state;

	assert_int_equal(domain_model_of(s, &m), 1);
	assert_int_equal(m, MODEL_B2B2C);
	test_exec(s, "UPDATE setting SET value = 'b2c' WHERE key = 'business_model'");
	assert_int_equal(domain_model_of(s, &m), 1);
	assert_int_equal(m, MODEL_B2C);
	test_exec(s, "UPDATE setting SET value = 'nonsense' WHERE key = 'business_model'");
	assert_int_equal(domain_model_of(s, &m), -1);
	test_exec(s, "DELETE FROM setting WHERE key = 'business_model'");
	assert_int_equal(domain_model_of(s, &m), 0);
	assert_int_equal(m, MODEL_B2B);
	test_exec(s, "INSERT INTO setting(key, value) VALUES ('business_model', 'b2b2c')");

	a = make_account(s, "Acme", NULL, 0);
	make_account(s, "Acme East", NULL, a);
	make_contact(s, a, "A", "One", NULL);
	make_contact(s, a, "B", "Two", NULL);
	domain_contact_deactivate(s, make_contact(s, a, "C", "Three", NULL), &err);
	test_exec(s, "INSERT INTO product(id, name, model_number) VALUES (1, 'Router', 'RT-1')");
	test_exec(s, "INSERT INTO sold_product(number, product_id, account_id) VALUES ('SP1', 1, 1)");
	test_exec(s, "INSERT INTO install_base_item(number, name, account_id) VALUES"
		     " ('IB1', 'r1', 1), ('IB2', 'r2', 1)");
	test_exec(s, "INSERT INTO contract(number, name, account_id) VALUES ('CN1', 'Gold', 1)");
	test_exec(s, "INSERT INTO cases(number, short_description, account_id, state) VALUES"
		     " ('CS1', 'a', 1, 'new'), ('CS2', 'b', 1, 'open')");
	test_exec(s, "UPDATE cases SET state = 'canceled', closed_at = csm_now() WHERE number = 'CS2'");
	test_exec(s, "INSERT INTO consumer(id, number, last_name) VALUES (1, 'CON1', 'Doe')");
	test_exec(s, "INSERT INTO account_consumer(account_id, consumer_id) VALUES (1, 1)");

	assert_int_equal(store_account_summary(s, a, &sum, &err), 1);
	assert_string_equal(sum.account.name, "Acme");
	assert_int_equal(sum.contacts, 2);
	assert_int_equal(sum.child_accounts, 1);
	assert_int_equal(sum.open_cases, 1);
	assert_int_equal(sum.sold_products, 1);
	assert_int_equal(sum.install_base_items, 2);
	assert_int_equal(sum.contracts, 1);
	assert_int_equal(sum.consumers, 1);
	account_summary_fini(&sum);
	assert_int_equal(store_account_summary(s, 999, &sum, &err), 0);
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validation_messages),
		cmocka_unit_test(test_account_create_read_update),
		cmocka_unit_test(test_account_hierarchy),
		cmocka_unit_test(test_account_paging),
		cmocka_unit_test(test_account_deactivate_and_relationships),
		cmocka_unit_test(test_contacts),
		cmocka_unit_test(test_consumers),
		cmocka_unit_test(test_locations),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_account_summary_and_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
