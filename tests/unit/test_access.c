/* test_access.c - who sees and may do what (domain.md "Access",
 * store/access.h): a matrix of users against records, written out by hand
 * from the rules, and the negative cases the issue names, through the C API
 * (reads of every table, the lookup, domain writes). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case.h"
#include "domain/customer.h"
#include "domain/party.h"
#include "store/access.h"
#include "store/search.h"
#include "util/xalloc.h"

/* A b2b2c world small enough to reason about by hand.  Account A (with
 * child A2) is open to its contacts, R restricts contact access, B is
 * another company.  Household H: head, cur (current member), mem (left in
 * 2020).  xcon is a consumer on its own. */
static const char world[] =
	"INSERT INTO user(id, login, name, is_external) VALUES"
	" (1, 'admin', 'Admin', 0), (2, 'agent', 'Agent', 0), (3, 'viewer', 'Viewer', 0),"
	" (4, 'contrib', 'Contrib', 0), (5, 'stake', 'Stake', 1), (6, 'ca', 'Ca', 1),"
	" (7, 'cb', 'Cb', 1), (8, 'cr', 'Cr', 1), (9, 'head', 'Head', 1), (10, 'mem', 'Mem', 1),"
	" (11, 'cur', 'Cur', 1), (12, 'xcon', 'Xcon', 1), (13, 'mgr', 'Mgr', 0);"
	"INSERT INTO user_role(user_id, role) VALUES (1, 'admin'), (2, 'agent'), (3, 'viewer'),"
	" (4, 'contributor'), (5, 'stakeholder'), (5, 'customer'), (6, 'customer'), (7, 'customer'),"
	" (8, 'customer'), (9, 'consumer'), (10, 'consumer'), (11, 'consumer'), (12, 'consumer'),"
	" (13, 'contributor');"
	"INSERT INTO account(id, number, name, parent_id, restrict_contact_access) VALUES"
	" (1, 'A', 'Acme', NULL, 0), (2, 'A2', 'Acme East', 1, 0), (3, 'B', 'Beta', NULL, 0),"
	" (4, 'R', 'Rho', NULL, 1);"
	"INSERT INTO contact(id, number, account_id, last_name, user_id) VALUES"
	" (1, 'CT-stake', 1, 'Stake', 5), (2, 'CT-ca', 1, 'Ca', 6), (3, 'CT-a2', 2, 'Atwo', NULL),"
	" (4, 'CT-cb', 3, 'Cb', 7), (5, 'CT-cr', 4, 'Cr', 8);"
	"INSERT INTO consumer(id, number, last_name, user_id) VALUES"
	" (1, 'CON-head', 'Head', 9), (2, 'CON-mem', 'Mem', 10), (3, 'CON-cur', 'Cur', 11),"
	" (4, 'CON-x', 'Xcon', 12);"
	"INSERT INTO household(id, number, name, head_consumer_id) VALUES (1, 'H', 'Home', 1);"
	"INSERT INTO household_member(household_id, consumer_id, start_date, end_date) VALUES"
	" (1, 1, '2019-01-01', NULL), (1, 2, '2019-01-01', '2020-01-01'), (1, 3, NULL, NULL);"
	"INSERT INTO product(id, name, model_number) VALUES (1, 'Router', 'R-1');"
	"INSERT INTO sold_product(id, number, product_id, account_id, consumer_id, household_id)"
	" VALUES (1, 'SP-A', 1, 1, NULL, NULL), (2, 'SP-B', 1, 3, NULL, NULL),"
	" (3, 'SP-R', 1, 4, NULL, NULL), (4, 'SP-H', 1, NULL, NULL, 1), (5, 'SP-X', 1, NULL, 4, NULL);"
	"INSERT INTO install_base_item(id, number, name, product_id, parent_id, account_id,"
	" consumer_id, household_id) VALUES"
	" (1, 'IB-A', 'a', 1, NULL, 1, NULL, NULL), (2, 'IB-A-child', 'ac', 1, 1, 1, NULL, NULL),"
	" (3, 'IB-B', 'b', 1, NULL, 3, NULL, NULL), (4, 'IB-B-child', 'bc', 1, 3, 3, NULL, NULL),"
	" (5, 'IB-B2', 'b2', 1, NULL, 3, NULL, NULL), (6, 'IB-R', 'r', 1, NULL, 4, NULL, NULL),"
	" (7, 'IB-H', 'h', 1, NULL, NULL, 1, 1), (8, 'IB-X', 'x', 1, NULL, NULL, 4, NULL);"
	"INSERT INTO installed_product(install_base_item_id, sold_product_id) VALUES (3, 2);"
	"INSERT INTO responsibility(id, name, grants_access) VALUES"
	" (1, 'Authorized Representative', 1), (2, 'Account Manager', 1);"
	"INSERT INTO related_party_type(id, name, applies_to, party_kind, responsibility_id) VALUES"
	" (1, 'Site contact', 'sold_product', 'contact', 1),"
	" (2, 'Billing contact', 'install_base_item', 'contact', NULL),"
	" (3, 'Partner', 'case', 'user', 1),"
	" (4, 'Delegate', 'sold_product', 'contact', 1);"
	/* ca is authorized on B's SP-B; merely listed on B's IB-B2. */
	"INSERT INTO related_party(type_id, sold_product_id, contact_id, responsibility_id)"
	" VALUES (1, 2, 2, 1);"
	"INSERT INTO related_party(type_id, install_base_item_id, contact_id, responsibility_id)"
	" VALUES (2, 5, 2, NULL);"
	"INSERT INTO cases(id, number, short_description, state, account_id, contact_id,"
	" consumer_id, household_id, install_base_item_id) VALUES"
	" (1, 'CS-A1', 'a1', 'open', 1, 2, NULL, NULL, 1),"
	" (2, 'CS-A2', 'a2', 'open', 2, 3, NULL, NULL, NULL),"
	" (3, 'CS-A3', 'a3', 'open', 1, 1, NULL, NULL, NULL),"
	" (4, 'CS-B1', 'b1', 'open', 3, 4, NULL, NULL, 3),"
	" (5, 'CS-B2', 'b2', 'open', 3, 4, NULL, NULL, 5),"
	" (6, 'CS-B3', 'b3', 'open', 3, 4, NULL, NULL, 4),"
	" (7, 'CS-R1', 'r1', 'open', 4, 5, NULL, NULL, 6),"
	" (8, 'CS-H1', 'h1', 'open', NULL, NULL, 3, 1, NULL),"
	" (9, 'CS-H2', 'h2', 'open', NULL, NULL, 2, NULL, NULL),"
	" (10, 'CS-X1', 'x1', 'open', NULL, NULL, 4, NULL, NULL),"
	" (11, 'CS-X2', 'x2', 'open', NULL, NULL, 4, NULL, NULL);"
	/* contrib is a partner on CS-B2 and holds an open task on CS-X1 (a
	 * closed one on CS-X2); mgr is Beta's account manager. */
	"INSERT INTO related_party(type_id, case_id, user_id, responsibility_id) VALUES (3, 5, 4, 1);"
	"INSERT INTO case_task(number, case_id, short_description, state, assigned_user_id) VALUES"
	" ('T1', 10, 'look', 'open', 4), ('T2', 11, 'looked', 'closed', 4);"
	"INSERT INTO customer_team_member(user_id, account_id, responsibility_id) VALUES (13, 3, 2);"
	"INSERT INTO case_journal(case_id, kind, body) VALUES"
	" (1, 'comment', 'customer comment'), (1, 'work_note', 'internal note');";

struct fixture {
	char path[256];  /* the temporary database */
	struct store *s; /* open on path */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->s = test_store_new(f->path, MODEL_B2B2C);
	test_exec(f->s, world);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	test_store_free(&f->s, f->path);
	free(f);
	return 0;
}

/* The numbers (or names) of the rows of table the acting user sees, sorted. */
static char *seen(struct store *s, const char *sql)
{
	char *v = test_query_text(s, sql);
	return v ? v : xstrdup("");
}

#define Q(col, table) "SELECT group_concat(" col ", ' ') FROM (SELECT " col " FROM " table \
		      " ORDER BY 1)"

/* What each user sees, as the rules say (one row per user). */
static const struct expect {
	const char *login;
	const char *cases, *items, *sold, *accounts, *consumers, *households;
} matrix[] = {
	{"admin", "CS-A1 CS-A2 CS-A3 CS-B1 CS-B2 CS-B3 CS-H1 CS-H2 CS-R1 CS-X1 CS-X2",
	 "IB-A IB-A-child IB-B IB-B-child IB-B2 IB-H IB-R IB-X", "SP-A SP-B SP-H SP-R SP-X",
	 "A A2 B R", "CON-cur CON-head CON-mem CON-x", "H"},
	{"agent", "CS-A1 CS-A2 CS-A3 CS-B1 CS-B2 CS-B3 CS-H1 CS-H2 CS-R1 CS-X1 CS-X2",
	 "IB-A IB-A-child IB-B IB-B-child IB-B2 IB-H IB-R IB-X", "SP-A SP-B SP-H SP-R SP-X",
	 "A A2 B R", "CON-cur CON-head CON-mem CON-x", "H"},
	{"viewer", "CS-A1 CS-A2 CS-A3 CS-B1 CS-B2 CS-B3 CS-H1 CS-H2 CS-R1 CS-X1 CS-X2",
	 "IB-A IB-A-child IB-B IB-B-child IB-B2 IB-H IB-R IB-X", "SP-A SP-B SP-H SP-R SP-X",
	 "A A2 B R", "CON-cur CON-head CON-mem CON-x", "H"},
	/* a contributor: the case it is a party of, the one it holds an open
	 * task on; every customer record, to open cases for */
	{"contrib", "CS-B2 CS-X1", "IB-B2", "", "A A2 B R", "CON-cur CON-head CON-mem CON-x", "H"},
	/* an account manager on Beta's team: all of Beta's cases */
	{"mgr", "CS-B1 CS-B2 CS-B3", "IB-B IB-B-child IB-B2", "SP-B", "A A2 B R",
	 "CON-cur CON-head CON-mem CON-x", "H"},
	/* a stakeholder of Acme: Acme and Acme East, all their cases */
	{"stake", "CS-A1 CS-A2 CS-A3", "IB-A IB-A-child", "SP-A", "A A2", "", ""},
	/* a contact of Acme: its own case; Acme's products (open account);
	 * SP-B where it is authorized, with SP-B's item, its child and their
	 * cases; not IB-B2, where it is only listed */
	{"ca", "CS-A1 CS-B1 CS-B3", "IB-A IB-A-child IB-B IB-B-child", "SP-A SP-B", "A B", "", ""},
	{"cb", "CS-B1 CS-B2 CS-B3", "IB-B IB-B-child IB-B2", "SP-B", "B", "", ""},
	/* Rho restricts contact access: its own case and what that names */
	{"cr", "CS-R1", "IB-R", "", "R", "", ""},
	/* the head of the household: its cases and products */
	{"head", "CS-H1", "IB-H", "SP-H", "", "CON-cur CON-head", "H"},
	/* a member today: its own case, the household but not its products */
	{"cur", "CS-H1", "", "", "", "CON-cur CON-head", "H"},
	/* left the household in 2020: its own case only */
	{"mem", "CS-H2", "", "", "", "CON-mem", ""},
	{"xcon", "CS-X1 CS-X2", "IB-X", "SP-X", "", "CON-x", ""},
};

static void test_visibility_matrix(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof matrix / sizeof matrix[0]; i++) {
		const struct expect *e = &matrix[i];
		const struct {
			const char *what, *sql, *want;
		} cols[] = {
			{"cases", Q("number", "cases"), e->cases},
			{"items", Q("number", "install_base_item"), e->items},
			{"sold products", Q("number", "sold_product"), e->sold},
			{"accounts", Q("number", "account"), e->accounts},
			{"consumers", Q("number", "consumer"), e->consumers},
			{"households", Q("number", "household"), e->households},
		};
		test_act_as(f->s, e->login);
		for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
			char *got = seen(f->s, cols[c].sql);
			if (strcmp(got, cols[c].want) != 0)
				fail_msg("%s sees %s [%s], the rules say [%s]", e->login, cols[c].what,
					 got, cols[c].want);
			free(got);
		}
	}
}

/* Every table that holds customer data follows the records it belongs to. */
static void test_dependent_tables(void **state)
{
	struct fixture *f = *state;
	char *v;

	test_act_as(f->s, "cb");
	/* no journal, task or party of a case cb does not see */
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM case_journal"), 0);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM case_task"), 0);
	v = seen(f->s, "SELECT group_concat(h, ' ') FROM (SELECT coalesce(case_id,"
			 " sold_product_id, install_base_item_id) AS h FROM related_party ORDER BY 1)");
	assert_string_equal(v, "2 5 5"); /* SP-B (ca's grant), IB-B2 (listed), CS-B2 */
	free(v);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM audit_log"), 0);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM contact WHERE account_id <> 3"),
			 0);

	/* work notes are internal: ca reads the comment only */
	test_act_as(f->s, "ca");
	v = seen(f->s, Q("body", "case_journal"));
	assert_string_equal(v, "customer comment");
	free(v);
	test_act_as(f->s, "agent");
	v = seen(f->s, Q("body", "case_journal"));
	assert_string_equal(v, "customer comment internal note");
	free(v);
	assert_true(test_query_int(f->s, "SELECT count(*) FROM audit_log") > 0);
}

/* The lookup returns only what the user sees, and still finds it. */
static void test_lookup(void **state)
{
	struct fixture *f = *state;
	struct search_result r = {0};
	struct csm_error err = {0};
	int n_b = 0, n_cr = 0;

	test_act_as(f->s, "ca");
	assert_int_equal(store_search(f->s, "CS", ~0u, 50, &r, &err), 0);
	for (size_t i = 0; i < r.n; i++) {
		const char *num = r.hits[i].number;
		assert_true(strcmp(num, "CS-A1") == 0 || strcmp(num, "CS-B1") == 0 ||
			    strcmp(num, "CS-B3") == 0);
		n_b += strncmp(num, "CS-B", 4) == 0;
	}
	assert_int_equal(n_b, 2);
	search_result_fini(&r);
	assert_int_equal(store_search(f->s, "Rho", ~0u, 50, &r, &err), 0);
	assert_int_equal(r.n, 0);
	search_result_fini(&r);

	test_act_as(f->s, "cr");
	assert_int_equal(store_search(f->s, "Rho", ~0u, 50, &r, &err), 0);
	for (size_t i = 0; i < r.n; i++)
		n_cr += strcmp(r.hits[i].number, "R") == 0;
	assert_int_equal(n_cr, 1);
	search_result_fini(&r);
}

/* Rights follow the same rules, and refusals say who may not do what. */
static void test_writes(void **state)
{
	struct fixture *f = *state;
	struct csm_error err = {0};
	struct account a = {.id = 1, .number = "A", .name = "Acme Renamed", .is_customer = true};

	test_act_as(f->s, "viewer");
	assert_int_equal(domain_case_comment(f->s, "CS-A1", "hello", false, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOPERM);
	assert_string_equal(err.msg, "a viewer may not comment on CS-A1 (viewers write nothing)");
	assert_int_equal(domain_account_update(f->s, &a, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOPERM);

	test_act_as(f->s, "ca");
	assert_int_equal(domain_case_comment(f->s, "CS-A1", "any news?", false, &err), 0);
	assert_int_equal(domain_case_comment(f->s, "CS-A1", "psst", true, &err), -1);
	assert_string_equal(err.msg, "a customer may not add a work note to CS-A1");
	/* another contact's case does not exist for ca */
	assert_int_equal(domain_case_comment(f->s, "CS-A2", "hi", false, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	assert_int_equal(domain_account_update(f->s, &a, &err), -1);
	assert_string_equal(err.msg, "a customer may not change customers");

	test_act_as(f->s, "contrib");
	assert_int_equal(domain_case_comment(f->s, "CS-B2", "on my way", false, &err), 0);
	assert_int_equal(domain_case_comment(f->s, "CS-B2", "parts ordered", true, &err), 0);
	assert_int_equal(domain_case_assign(f->s, "CS-B2", CASE_ANY_VERSION, NULL, "agent", NULL, &err),
			 -1);
	assert_int_equal(err.code, CSM_EX_NOPERM);
	assert_string_equal(err.msg, "a contributor may not assign CS-B2");

	test_act_as(f->s, "agent");
	assert_int_equal(domain_account_update(f->s, &a, &err), 0);
}

/* A contributor loses a case when its last open task ends; a new
 * authorized party takes effect at once; a listed one grants nothing. */
static void test_changes_take_effect_at_once(void **state)
{
	struct fixture *f = *state;
	struct csm_error err = {0};
	char *v;

	test_act_as(f->s, "contrib");
	v = seen(f->s, Q("number", "cases"));
	assert_string_equal(v, "CS-B2 CS-X1");
	free(v);
	assert_int_equal(domain_case_task_finish(f->s, "T1", CASE_TASK_CLOSED, &err), 0);
	v = seen(f->s, Q("number", "cases"));
	assert_string_equal(v, "CS-B2");
	free(v);

	test_act_as(f->s, "cr");
	v = seen(f->s, Q("number", "sold_product"));
	assert_string_equal(v, "");
	free(v);
	test_act_as(f->s, "agent");
	assert_int_equal(party_related_add(f->s, "SP-A", "Delegate", "CT-cr", NULL, NULL, NULL,
					   &err), 0);
	test_act_as(f->s, "cr");
	v = seen(f->s, Q("number", "sold_product"));
	assert_string_equal(v, "SP-A");
	free(v);
	/* SP-A has no installed item, so no item or case comes with it */
	v = seen(f->s, Q("number", "cases"));
	assert_string_equal(v, "CS-R1");
	free(v);
}

/* Whom a user may open cases for. */
static void test_case_scope(void **state)
{
	struct fixture *f = *state;
	struct csm_error err = {0};

	test_act_as(f->s, "cb");
	assert_int_equal(store_access_case_customer(f->s, 3, 4, 0, 0, &err), 1);
	assert_int_equal(store_access_case_customer(f->s, 1, 2, 0, 0, &err), 0);
	assert_int_equal(err.code, CSM_EX_NOPERM);
	test_act_as(f->s, "stake");
	assert_int_equal(store_access_case_customer(f->s, 2, 3, 0, 0, &err), 1);
	assert_int_equal(store_access_case_customer(f->s, 3, 4, 0, 0, &err), 0);
	test_act_as(f->s, "contrib");
	assert_int_equal(store_access_case_customer(f->s, 4, 5, 0, 0, &err), 1);
	test_act_as(f->s, "viewer");
	assert_int_equal(store_access_case_customer(f->s, 1, 2, 0, 0, &err), 0);
	test_act_as(f->s, "cur");
	assert_int_equal(store_access_case_customer(f->s, 0, 0, 3, 1, &err), 1);
	test_act_as(f->s, "mem");
	assert_int_equal(store_access_case_customer(f->s, 0, 0, 0, 1, &err), 0);
}

/* A login with no user sees nothing at all. */
static void test_no_user(void **state)
{
	struct fixture *f = *state;

	test_act_as(f->s, "stranger");
	assert_int_equal(test_query_int(f->s, "SELECT (SELECT count(*) FROM cases)"
					      " + (SELECT count(*) FROM account)"
					      " + (SELECT count(*) FROM consumer)"
					      " + (SELECT count(*) FROM install_base_item)"
					      " + (SELECT count(*) FROM location)"),
			 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_visibility_matrix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dependent_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes_take_effect_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_user, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
