/* test_case.c - case operations (domain/case.c over store/case_store.c):
 * entry per business model with its validation messages, entitlement
 * matching, transitions and their fields, read-only cases, the entitlement
 * countdown, optimistic locking, journal, tasks, assignment, approval and
 * the queues' keyset paging. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case.h"
#include "store/case_store.h"

/* Reference data shared by the tests: users, groups, customers, products. */
static const char fixture[] =
	"INSERT INTO user(id, login, name) VALUES (1, 'tester', 'Tess Tester'),"
	" (2, 'alice', 'Alice'), (3, 'bob', 'Bob'), (4, 'carol', 'Carol Stake'),"
	" (5, 'mgr', 'Manny Ger');"
	"INSERT INTO user_role(user_id, role) VALUES (1, 'agent'), (2, 'agent'), (3, 'agent'),"
	" (4, 'stakeholder'), (5, 'manager');"
	"INSERT INTO assignment_group(id, name) VALUES (1, 'Network'), (2, 'Field');"
	"INSERT INTO group_member(group_id, user_id) VALUES (1, 1), (1, 2), (2, 3);"
	"INSERT INTO resolution_code(code, label) VALUES ('fixed', 'Fixed'),"
	" ('workaround', 'Workaround given');"
	"INSERT INTO case_category(name) VALUES ('Hardware');"
	"INSERT INTO product(id, name, model_number) VALUES (1, 'Router', 'RTR-1'),"
	" (2, 'Set-top box', 'STB-1');";

static const char fixture_b2b[] =
	"INSERT INTO account(id, number, name, active) VALUES (1, 'ACCT0000001', 'Acme', 1),"
	" (2, 'ACCT0000002', 'Other', 1), (3, 'ACCT0000003', 'Gone', 0);"
	"INSERT INTO contact(id, number, account_id, first_name, last_name) VALUES"
	" (1, 'CT0000001', 1, 'Ada', 'Lovelace'), (2, 'CT0000002', 2, 'Olaf', 'Other');"
	"INSERT INTO install_base_item(id, number, name, product_id, account_id, state) VALUES"
	" (1, 'IB0000001', 'Router at HQ', 1, 1, 'in_use'),"
	" (2, 'IB0000002', 'Old router', 1, 1, 'inactive'),"
	" (3, 'IB0000003', 'Their router', 1, 2, 'in_use');"
	"INSERT INTO sold_product(id, number, product_id, account_id) VALUES"
	" (1, 'SP0000001', 1, 1), (2, 'SP0000002', 2, 2);";

static const char fixture_b2c[] =
	"INSERT INTO consumer(id, number, first_name, last_name) VALUES"
	" (1, 'CON0000001', 'Bea', 'Smith'), (2, 'CON0000002', 'Ben', 'Smith');"
	"INSERT INTO household(id, number, name) VALUES (1, 'HOLD0000001', 'The Smiths');"
	"INSERT INTO household_member(household_id, consumer_id, start_date, end_date) VALUES"
	" (1, 1, '2020-01-01', NULL), (1, 2, '2020-01-01', '2021-01-01');";

static struct case_settings settings(enum business_model model)
{
	static char *channels[] = {"phone", "email", "web"};
	struct case_settings cs = {
		.model = model,
		.default_priority = 3,
		.default_channel = "phone",
		.channels = channels,
		.n_channels = 3,
	};
	return cs;
}

static struct store *open_store(char *path, enum business_model model)
{
	struct store *s = test_store_new(path, model);
	test_exec(s, fixture);
	if (model != MODEL_B2C)
		test_exec(s, fixture_b2b);
	if (model != MODEL_B2B)
		test_exec(s, fixture_b2c);
	return s;
}

/* Creates a case for Acme and returns its number (owned). */
static char *new_case(struct store *s, const char *short_description, int priority)
{
	struct case_settings cs = settings(MODEL_B2B);
	struct case_input in = {.account = "ACCT0000001", .short_description = short_description,
				.priority = priority};
	struct case_entry e;
	struct csm_error err = {0};
	char *number;

	case_entry_init(&e);
	if (domain_case_create(s, &cs, &in, &e, &err) < 0)
		fail_msg("creating a case: %s", err.msg);
	number = strdup(e.rec.number);
	case_entry_fini(&e);
	return number;
}

/* Tries to create a case and expects the error message (and code). */
static void expect_refused(struct store *s, const struct case_settings *cs,
			   const struct case_input *in, int code, const char *msg)
{
	struct case_entry e;
	struct csm_error err = {0};
	long long before = test_query_int(s, "SELECT count(*) FROM cases");

	case_entry_init(&e);
	if (domain_case_create(s, cs, in, &e, &err) == 0)
		fail_msg("expected \"%s\", but the case was created", msg);
	case_entry_fini(&e);
	if (strcmp(err.msg, msg) != 0)
		fail_msg("expected \"%s\"\n     got \"%s\"", msg, err.msg);
	assert_int_equal(err.code, code);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM cases"), before);
	assert_int_equal(store_txn_depth(s), 0);
}

static int64_t case_version(struct store *s, const char *number)
{
	struct case_record c;
	struct csm_error err = {0};
	int64_t v;

	assert_int_equal(domain_case_get(s, number, &c, &err), 1);
	v = c.version;
	case_record_fini(&c);
	return v;
}

static void test_create_b2b(void **state)
{
	char path[256];
	struct store *s = open_store(path, MODEL_B2B);
	struct case_settings cs = settings(MODEL_B2B);
	struct case_input in = {.account = "ACCT0000001", .contact = "CT0000001",
				.short_description = "Router down", .item = "IB0000001",
				.category = "Hardware", .channel = "email"};
	struct case_entry e;
	struct case_record c;
	struct csm_error err = {0};
	char *label;
	(void)state;

	case_entry_init(&e);
	assert_int_equal(domain_case_create(s, &cs, &in, &e, &err), 0);
	assert_string_equal(e.rec.number, "CS0000001");
	case_entry_fini(&e);

	assert_int_equal(domain_case_get(s, "CS0000001", &c, &err), 1);
	assert_int_equal(c.state, CASE_NEW);
	assert_int_equal(c.priority, 3); /* the settings' default */
	assert_string_equal(c.channel, "email");
	assert_string_equal(c.category, "Hardware");
	assert_int_equal(c.account_id, 1);
	assert_int_equal(c.contact_id, 1);
	assert_int_equal(c.install_base_item_id, 1);
	assert_int_equal(c.product_id, 1); /* from the item */
	assert_int_equal(c.opened_by_id, 1);
	assert_string_equal(c.opened_by_login, "tester");
	assert_string_equal(c.opened_at, "2026-11-22T10:00:00Z");
	assert_string_equal(c.item_number, "IB0000001");
	assert_string_equal(c.product_model, "RTR-1");
	assert_int_equal(c.version, 1);
	label = case_customer_label(&c);
	assert_string_equal(label, "Acme (ACCT0000001) / Ada Lovelace (CT0000001)");
	free(label);
	case_record_fini(&c);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM case_journal WHERE case_id = 1 "
					   "AND kind = 'system'"),
			 1);

	/* a contact alone brings its account */
	in = (struct case_input){.contact = "CT0000002", .short_description = "Billing"};
	case_entry_init(&e);
	assert_int_equal(domain_case_create(s, &cs, &in, &e, &err), 0);
	assert_int_equal(e.rec.account_id, 2);
	case_entry_fini(&e);

	assert_int_equal(domain_case_get(s, "CS0009999", &c, &err), 0);
	assert_string_equal(err.msg, "no such case: CS0009999");
	assert_int_equal(err.code, CSM_EX_NOINPUT);

	/* the acting user need not be a csm user: opened_by stays empty */
	store_set_actor(s, "nobody-here", NULL);
	in = (struct case_input){.account = "ACCT0000001", .short_description = "x"};
	case_entry_init(&e);
	assert_int_equal(domain_case_create(s, &cs, &in, &e, &err), 0);
	assert_int_equal(e.rec.opened_by_id, 0);
	case_entry_fini(&e);
	test_store_free(&s, path);
}

static void test_create_validation(void **state)
{
	char path[256];
	struct store *s = open_store(path, MODEL_B2B);
	struct case_settings cs = settings(MODEL_B2B);
	(void)state;

	expect_refused(s, &cs, &(struct case_input){.account = "ACCT0000001"}, CSM_EX_DATAERR,
		       "a case needs a short description");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000001", .short_description = " \t"},
		       CSM_EX_DATAERR, "a case needs a short description");
	expect_refused(s, &cs, &(struct case_input){.short_description = "x"}, CSM_EX_DATAERR,
		       "a case needs a customer: an account (and optionally a contact), a service "
		       "organization or an internal requester");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000001", .short_description = "x",
					    .priority = 5},
		       CSM_EX_DATAERR,
		       "priority 5: must be 1 (critical), 2 (high), 3 (moderate) or 4 (low)");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000001", .short_description = "x",
					    .channel = "chat"},
		       CSM_EX_DATAERR,
		       "channel 'chat' is not one of the configured channels (phone, email, web)");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000001", .short_description = "x",
					    .category = "Plumbing"},
		       CSM_EX_DATAERR, "category 'Plumbing' is not a case category");
	expect_refused(s, &cs,
		       &(struct case_input){.consumer = "CON0000001", .short_description = "x"},
		       CSM_EX_DATAERR,
		       "the business model is b2b: a case's customer is an account (with an "
		       "optional contact), not a consumer or household");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000099", .short_description = "x"},
		       CSM_EX_NOINPUT, "no such account: ACCT0000099");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000003", .short_description = "x"},
		       CSM_EX_DATAERR, "account ACCT0000003 is inactive");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000001", .contact = "CT0000002",
					    .short_description = "x"},
		       CSM_EX_DATAERR, "contact CT0000002 is not a contact of account ACCT0000001");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000001", .item = "IB0000002",
					    .short_description = "x"},
		       CSM_EX_DATAERR,
		       "install base item IB0000002 is inactive: cases can be opened only for "
		       "active items");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000001", .item = "IB0000003",
					    .short_description = "x"},
		       CSM_EX_DATAERR, "install base item IB0000003 does not belong to this customer");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000001", .item = "IB0000404",
					    .short_description = "x"},
		       CSM_EX_NOINPUT, "no such install base item: IB0000404");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000001", .sold_product = "SP0000002",
					    .short_description = "x"},
		       CSM_EX_DATAERR, "sold product SP0000002 does not belong to this customer");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000001", .product = "NOPE",
					    .short_description = "x"},
		       CSM_EX_NOINPUT, "no such product: NOPE");
	/* nothing was numbered by the refused attempts */
	free(new_case(s, "ok", 0));
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM cases WHERE number = 'CS0000001'"),
			 1);
	test_store_free(&s, path);
}

static void test_create_b2c_and_b2b2c(void **state)
{
	char path[256];
	struct store *s = open_store(path, MODEL_B2C);
	struct case_settings cs = settings(MODEL_B2C);
	struct case_input in = {.consumer = "CON0000001", .household = "HOLD0000001",
				.short_description = "No signal"};
	struct case_entry e;
	struct csm_error err = {0};
	(void)state;

	case_entry_init(&e);
	assert_int_equal(domain_case_create(s, &cs, &in, &e, &err), 0);
	assert_int_equal(e.rec.consumer_id, 1);
	assert_int_equal(e.rec.household_id, 1);
	case_entry_fini(&e);
	/* Ben's membership ended in 2021 */
	in.consumer = "CON0000002";
	expect_refused(s, &cs, &in, CSM_EX_DATAERR,
		       "consumer CON0000002 is not a current member of household HOLD0000001");
	expect_refused(s, &cs,
		       &(struct case_input){.household = "HOLD0000001", .short_description = "x"},
		       CSM_EX_DATAERR,
		       "household HOLD0000001 needs the consumer of the case, a current member of it");
	expect_refused(s, &cs,
		       &(struct case_input){.account = "ACCT0000001", .short_description = "x"},
		       CSM_EX_DATAERR,
		       "the business model is b2c: a case's customer is a consumer (with an "
		       "optional household), not an account or contact");
	expect_refused(s, &cs, &(struct case_input){.short_description = "x"}, CSM_EX_DATAERR,
		       "a case needs a customer: a consumer (and optionally a household), a service "
		       "organization or an internal requester");
	/* an internal requester is a customer in any model */
	in = (struct case_input){.requester = "alice", .short_description = "Laptop"};
	case_entry_init(&e);
	assert_int_equal(domain_case_create(s, &cs, &in, &e, &err), 0);
	assert_int_equal(e.rec.requester_id, 2);
	case_entry_fini(&e);
	test_store_free(&s, path);

	s = open_store(path, MODEL_B2B2C);
	cs = settings(MODEL_B2B2C);
	in = (struct case_input){.account = "ACCT0000001", .consumer = "CON0000001",
				 .short_description = "Both"};
	case_entry_init(&e);
	assert_int_equal(domain_case_create(s, &cs, &in, &e, &err), 0);
	assert_int_equal(e.rec.account_id, 1);
	assert_int_equal(e.rec.consumer_id, 1);
	case_entry_fini(&e);
	test_store_free(&s, path);
}

static void test_entitlement_matching(void **state)
{
	char path[256];
	struct store *s = open_store(path, MODEL_B2B);
	struct case_settings cs = settings(MODEL_B2B);
	struct case_input in = {.account = "ACCT0000001", .short_description = "x"};
	struct case_entry e;
	struct csm_error err = {0};
	(void)state;

	/* none */
	case_entry_init(&e);
	assert_int_equal(domain_case_prepare(s, &cs, &in, &e, &err), 0);
	assert_int_equal(e.rec.entitlement_id, 0);
	assert_int_equal(e.n_warnings, 1);
	assert_string_equal(e.warnings[0], "no entitlement covers this case");
	case_entry_fini(&e);

	/* exactly one: filled in by itself */
	test_exec(s, "INSERT INTO entitlement(id, name, account_id, per_unit, total_units, "
		     "remaining_units) VALUES (10, 'Gold', 1, 'cases', 5, 3)");
	case_entry_init(&e);
	assert_int_equal(domain_case_prepare(s, &cs, &in, &e, &err), 0);
	assert_int_equal(e.rec.entitlement_id, 10);
	assert_int_equal(e.n_warnings, 0);
	assert_int_equal(e.n_notes, 1);
	assert_string_equal(e.notes[0], "entitlement 'Gold' (id 10, 3 cases left) filled in");
	case_entry_fini(&e);
	/* prepare saves nothing */
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM cases"), 0);

	/* an email-only entitlement does not cover a phone case */
	test_exec(s, "INSERT INTO entitlement(id, name, account_id, channels) "
		     "VALUES (11, 'Email desk', 1, 'email')");
	case_entry_init(&e);
	assert_int_equal(domain_case_prepare(s, &cs, &in, &e, &err), 0);
	assert_int_equal(e.rec.entitlement_id, 10);
	case_entry_fini(&e);

	/* several: the caller chooses */
	in.channel = "email";
	case_entry_init(&e);
	assert_int_equal(domain_case_prepare(s, &cs, &in, &e, &err), 0);
	assert_int_equal(e.rec.entitlement_id, 0);
	assert_int_equal(e.matches.n, 2);
	assert_int_equal(e.n_notes, 1);
	assert_string_equal(e.notes[0], "2 entitlements cover this case; choose one");
	case_entry_fini(&e);
	in.entitlement_id = 11;
	case_entry_init(&e);
	assert_int_equal(domain_case_create(s, &cs, &in, &e, &err), 0);
	assert_int_equal(e.rec.entitlement_id, 11);
	case_entry_fini(&e);
	assert_int_equal(test_query_int(s, "SELECT entitlement_id FROM cases"), 11);
	/* a choice that does not cover the case is refused */
	in.entitlement_id = 99;
	expect_refused(s, &cs, &in, CSM_EX_DATAERR, "entitlement 99 does not cover this case");
	in.entitlement_id = 0;

	/* exhausted: a warning, not a block */
	in.channel = NULL;
	test_exec(s, "UPDATE entitlement SET remaining_units = 0 WHERE id = 10");
	case_entry_init(&e);
	assert_int_equal(domain_case_create(s, &cs, &in, &e, &err), 0);
	assert_int_equal(e.rec.entitlement_id, 0);
	assert_int_equal(e.n_warnings, 1);
	assert_string_equal(e.warnings[0], "entitlement 'Gold' (id 10, 0 cases left) has no units "
					   "left");
	case_entry_fini(&e);
	/* chosen although exhausted: saved, with the warning */
	in.entitlement_id = 10;
	case_entry_init(&e);
	assert_int_equal(domain_case_create(s, &cs, &in, &e, &err), 0);
	assert_int_equal(e.rec.entitlement_id, 10);
	assert_int_equal(e.n_warnings, 1);
	case_entry_fini(&e);
	test_store_free(&s, path);
}

static void expect_transition_refused(struct store *s, const char *number, const char *action,
				      const struct case_transition_args *args, const char *msg)
{
	struct csm_error err = {0};
	int64_t v = case_version(s, number);

	if (domain_case_transition(s, number, CASE_ANY_VERSION, action, args, NULL, &err) == 0)
		fail_msg("%s on %s: expected \"%s\", but it was done", action, number, msg);
	if (strcmp(err.msg, msg) != 0)
		fail_msg("expected \"%s\"\n     got \"%s\"", msg, err.msg);
	assert_int_equal(case_version(s, number), v);
	assert_int_equal(store_txn_depth(s), 0);
}

static void test_transitions(void **state)
{
	char path[256];
	struct store *s = open_store(path, MODEL_B2B);
	struct case_outcome out = {0};
	struct csm_error err = {0};
	struct case_record c;
	char *n = new_case(s, "Router down", 2);
	struct case_transition_args fix = {.code = "fixed", .notes = "replaced the PSU"};
	(void)state;

	expect_transition_refused(s, n, "propose_solution", &fix,
				  "CS0000001 is new: 'propose_solution' needs an open or awaiting "
				  "info case (possible: accept, close, cancel)");
	assert_int_equal(domain_case_transition(s, n, 1, "accept", NULL, &out, &err), 0);
	assert_int_equal(out.state, CASE_OPEN);
	assert_int_equal(out.version, 2);
	assert_int_equal(domain_case_transition(s, n, 2, "request-info", NULL, &out, &err), 0);
	expect_transition_refused(s, n, "accept_solution", NULL,
				  "CS0000001 is awaiting info: 'accept_solution' needs a resolved "
				  "case (possible: customer_update, reopen, propose_solution, close, "
				  "cancel)");
	assert_int_equal(domain_case_transition(s, n, 3, "customer_update", NULL, &out, &err), 0);
	expect_transition_refused(s, n, "resolve", NULL,
				  "CS0000001: 'propose_solution' needs a resolution code and "
				  "resolution notes");
	expect_transition_refused(s, n, "resolve", &(struct case_transition_args){.code = "fixed"},
				  "CS0000001: 'propose_solution' needs resolution notes");
	expect_transition_refused(s, n, "resolve",
				  &(struct case_transition_args){.code = "magic", .notes = "x"},
				  "resolution code 'magic' does not exist (known codes: fixed, "
				  "workaround)");
	assert_int_equal(domain_case_transition(s, n, 4, "resolve", &fix, &out, &err), 0);
	assert_int_equal(domain_case_get(s, n, &c, &err), 1);
	assert_int_equal(c.state, CASE_RESOLVED);
	assert_string_equal(c.resolution_code, "fixed");
	assert_string_equal(c.resolution_notes, "replaced the PSU");
	assert_string_equal(c.resolved_by_login, "tester");
	assert_string_equal(c.resolved_at, "2026-11-22T10:00:00Z");
	assert_null(c.closed_at);
	case_record_fini(&c);

	/* the customer rejects: open again, the resolution is gone */
	assert_int_equal(domain_case_transition(s, n, 5, "reject_solution",
						&(struct case_transition_args){.notes = "still down"},
						&out, &err),
			 0);
	assert_int_equal(domain_case_get(s, n, &c, &err), 1);
	assert_int_equal(c.state, CASE_OPEN);
	assert_null(c.resolution_code);
	assert_null(c.resolved_at);
	case_record_fini(&c);
	assert_int_equal(domain_case_transition(s, n, CASE_ANY_VERSION, "propose_solution", &fix,
						&out, &err),
			 0);
	assert_int_equal(domain_case_transition(s, n, CASE_ANY_VERSION, "accept_solution", NULL,
						&out, &err),
			 0);
	assert_int_equal(domain_case_get(s, n, &c, &err), 1);
	assert_int_equal(c.state, CASE_CLOSED);
	assert_string_equal(c.closed_by_login, "tester");
	assert_string_equal(c.closed_at, "2026-11-22T10:00:00Z");
	assert_string_equal(c.resolution_code, "fixed");
	case_record_fini(&c);
	/* every transition wrote a system entry: open + 7 transitions */
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM case_journal WHERE kind = 'system'"),
			 8);
	{
		char *body = test_query_text(s, "SELECT body FROM case_journal WHERE id = "
						"(SELECT max(id) FROM case_journal)");
		assert_string_equal(body, "accept_solution: resolved -> closed");
		free(body);
		body = test_query_text(s, "SELECT body FROM case_journal WHERE body LIKE "
					  "'reject%'");
		assert_string_equal(body, "reject_solution: resolved -> open; still down");
		free(body);
	}

	/* closed is read-only, for every kind of change */
	expect_transition_refused(s, n, "reopen", NULL,
				  "CS0000001 is closed: closed cases are read-only, no action is "
				  "possible");
	assert_int_equal(domain_case_comment(s, n, "hello?", false, &err), -1);
	assert_string_equal(err.msg, "CS0000001 is closed: closed cases are read-only");
	assert_int_equal(domain_case_assign(s, n, CASE_ANY_VERSION, "Network", NULL, NULL, &err), -1);
	assert_string_equal(err.msg, "CS0000001 is closed: closed cases are read-only");
	assert_int_equal(domain_case_task_add(s, n, "x", "alice", NULL, NULL, &err), -1);
	assert_int_equal(domain_case_request_approval(s, n, CASE_ANY_VERSION, NULL, NULL, &err), -1);
	assert_int_equal(domain_case_update(s, &(struct case_settings){0}, n, CASE_ANY_VERSION,
					    &(struct case_edit){.priority = 1}, NULL, &err),
			 -1);
	free(n);

	/* close needs notes; cancel does not */
	n = new_case(s, "Second", 0);
	expect_transition_refused(s, n, "close", NULL, "CS0000002: 'close' needs resolution notes");
	assert_int_equal(domain_case_transition(s, n, CASE_ANY_VERSION, "close",
						&(struct case_transition_args){.notes = "duplicate"},
						&out, &err),
			 0);
	assert_int_equal(domain_case_get(s, n, &c, &err), 1);
	assert_int_equal(c.state, CASE_CLOSED);
	assert_string_equal(c.resolution_notes, "duplicate");
	case_record_fini(&c);
	free(n);
	n = new_case(s, "Third", 0);
	assert_int_equal(domain_case_transition(s, n, CASE_ANY_VERSION, "cancel", NULL, &out, &err),
			 0);
	assert_int_equal(out.state, CASE_CANCELED);
	expect_transition_refused(s, n, "cancel", NULL,
				  "CS0000003 is canceled: canceled cases are read-only, no action "
				  "is possible");
	assert_int_equal(domain_case_transition(s, "CS0000404", CASE_ANY_VERSION, "cancel", NULL,
						NULL, &err),
			 -1);
	assert_string_equal(err.msg, "no such case: CS0000404");
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	free(n);
	case_outcome_fini(&out);
	test_store_free(&s, path);
}

static void test_update_and_stale_version(void **state)
{
	char path[256];
	struct store *s = open_store(path, MODEL_B2B);
	struct case_settings cs = settings(MODEL_B2B);
	struct case_outcome out = {0};
	struct csm_error err = {0};
	struct case_record c;
	char *n = new_case(s, "Slow", 4);
	(void)state;

	/* two people open version 1; the first to save wins */
	assert_int_equal(domain_case_update(s, &cs, n, 1, &(struct case_edit){.priority = 2}, &out,
					    &err),
			 0);
	assert_int_equal(out.version, 2);
	assert_int_equal(domain_case_update(s, &cs, n, 1,
					    &(struct case_edit){.short_description = "Very slow"},
					    &out, &err),
			 -1);
	assert_string_equal(err.msg, "CS0000001 was changed by someone else since you opened it "
				     "(you have version 1, it is now at version 2); open it again");
	assert_int_equal(domain_case_transition(s, n, 1, "accept", NULL, &out, &err), -1);
	assert_non_null(strstr(err.msg, "changed by someone else since you opened it"));
	assert_int_equal(domain_case_assign(s, n, 1, "Network", NULL, &out, &err), -1);
	assert_non_null(strstr(err.msg, "it is now at version 2"));
	assert_int_equal(domain_case_update(s, &cs, n, 2, &(struct case_edit){.channel = "chat"},
					    &out, &err),
			 -1);
	assert_string_equal(err.msg,
			    "channel 'chat' is not one of the configured channels (phone, email, web)");
	assert_int_equal(domain_case_update(s, &cs, n, 2, &(struct case_edit){0}, &out, &err), -1);
	assert_string_equal(err.msg, "CS0000001: nothing to change");
	assert_int_equal(domain_case_update(s, &cs, n, 2,
					    &(struct case_edit){.short_description = "Very slow",
								.channel = "web"},
					    &out, &err),
			 0);
	assert_int_equal(domain_case_get(s, n, &c, &err), 1);
	assert_int_equal(c.version, 3);
	assert_int_equal(c.priority, 2);
	assert_string_equal(c.short_description, "Very slow");
	assert_string_equal(c.channel, "web");
	case_record_fini(&c);
	free(n);
	test_store_free(&s, path);
}

static void test_countdown(void **state)
{
	char path[256];
	struct store *s = open_store(path, MODEL_B2B);
	struct case_outcome out = {0};
	struct csm_error err = {0};
	struct case_transition_args done = {.notes = "done"};
	char *n;
	(void)state;

	test_exec(s, "INSERT INTO entitlement(id, name, account_id, per_unit, total_units, "
		     "remaining_units) VALUES (10, 'Two cases', 1, 'cases', 2, 1)");
	n = new_case(s, "a", 0);
	assert_int_equal(domain_case_transition(s, n, CASE_ANY_VERSION, "close", &done, &out, &err),
			 0);
	assert_null(out.warning);
	assert_int_equal(test_query_int(s, "SELECT remaining_units FROM entitlement WHERE id = 10"),
			 0);
	free(n);
	/* none left: the case closes, with a warning in the journal */
	n = new_case(s, "b", 0);
	test_exec(s, "UPDATE cases SET entitlement_id = 10 WHERE number = 'CS0000002'");
	assert_int_equal(domain_case_transition(s, n, CASE_ANY_VERSION, "close", &done, &out, &err),
			 0);
	assert_string_equal(out.warning,
			    "entitlement 'Two cases' had no cases left; this case was not covered");
	assert_int_equal(out.state, CASE_CLOSED);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM case_journal WHERE case_id = 2 AND "
					   "body LIKE '%warning: entitlement ''Two cases'' had no%'"),
			 1);
	case_outcome_fini(&out);
	free(n);
	/* canceling does not count */
	test_exec(s, "UPDATE entitlement SET remaining_units = 2 WHERE id = 10");
	n = new_case(s, "c", 0);
	assert_int_equal(domain_case_transition(s, n, CASE_ANY_VERSION, "cancel", NULL, &out, &err),
			 0);
	assert_int_equal(test_query_int(s, "SELECT remaining_units FROM entitlement WHERE id = 10"),
			 2);
	free(n);

	/* hours: the given number, default 1 */
	test_exec(s, "UPDATE entitlement SET active = 0 WHERE id = 10;"
		     "INSERT INTO entitlement(id, name, account_id, per_unit, total_units, "
		     "remaining_units) VALUES (20, 'Hours', 1, 'hours', 10, 10)");
	n = new_case(s, "d", 0);
	done.hours = 3;
	assert_int_equal(domain_case_transition(s, n, CASE_ANY_VERSION, "close", &done, &out, &err),
			 0);
	assert_int_equal(test_query_int(s, "SELECT remaining_units FROM entitlement WHERE id = 20"),
			 7);
	free(n);
	n = new_case(s, "e", 0);
	done.hours = 0;
	assert_int_equal(domain_case_transition(s, n, CASE_ANY_VERSION, "close", &done, &out, &err),
			 0);
	assert_int_equal(test_query_int(s, "SELECT remaining_units FROM entitlement WHERE id = 20"),
			 6);
	free(n);
	/* more hours than are left: what is left is used, with a warning */
	n = new_case(s, "f", 0);
	done.hours = 8;
	assert_int_equal(domain_case_transition(s, n, CASE_ANY_VERSION, "close", &done, &out, &err),
			 0);
	assert_string_equal(out.warning, "entitlement 'Hours' had only 6 hours left of the 8 used");
	assert_int_equal(test_query_int(s, "SELECT remaining_units FROM entitlement WHERE id = 20"),
			 0);
	case_outcome_fini(&out);
	free(n);
	test_store_free(&s, path);
}

static void test_journal(void **state)
{
	char path[256];
	struct store *s = open_store(path, MODEL_B2B);
	struct csm_error err = {0};
	struct case_record c;
	struct case_journal_list l = {0};
	struct page_req page = {.limit = 3};
	char *n = new_case(s, "Chatty", 0);
	int64_t seen[16];
	size_t nseen = 0;
	char key[32];
	(void)state;

	assert_int_equal(domain_case_comment(s, n, "We are looking into it", false, &err), 0);
	assert_int_equal(domain_case_comment(s, n, "Checked the logs", true, &err), 0);
	assert_int_equal(domain_case_comment(s, n, "  ", true, &err), -1);
	assert_string_equal(err.msg, "CS0000001: a work note needs some text");
	assert_int_equal(domain_case_comment(s, "CS0000077", "x", false, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	for (int i = 0; i < 4; i++)
		assert_int_equal(domain_case_comment(s, n, "more", i % 2, &err), 0);
	assert_int_equal(domain_case_get(s, n, &c, &err), 1);

	/* 7 entries, pages of 3, oldest first: all of them once, in order */
	for (;;) {
		size_t from = l.n;
		assert_int_equal(domain_case_journal(s, c.id, false, &page, &l, &err), 0);
		for (size_t i = from; i < l.n; i++)
			seen[nseen++] = l.items[i].id;
		if (!l.more)
			break;
		snprintf(key, sizeof key, "%s", l.items[l.n - 1].created_at);
		page.after_key = key;
		page.after_id = l.items[l.n - 1].id;
	}
	assert_int_equal(nseen, 7);
	for (size_t i = 1; i < nseen; i++)
		assert_true(seen[i] > seen[i - 1]);
	assert_int_equal(l.items[0].kind, CASE_JOURNAL_SYSTEM);
	assert_int_equal(l.items[1].kind, CASE_JOURNAL_COMMENT);
	assert_string_equal(l.items[1].body, "We are looking into it");
	assert_string_equal(l.items[1].author, "tester");
	assert_int_equal(l.items[2].kind, CASE_JOURNAL_WORK_NOTE);
	case_journal_list_fini(&l);

	/* newest first */
	page = (struct page_req){.limit = 4};
	assert_int_equal(domain_case_journal(s, c.id, true, &page, &l, &err), 0);
	assert_int_equal(l.n, 4);
	assert_true(l.more);
	assert_int_equal(l.items[0].id, seen[6]);
	page.after_key = l.items[3].created_at;
	page.after_id = l.items[3].id;
	assert_int_equal(domain_case_journal(s, c.id, true, &page, &l, &err), 0);
	assert_int_equal(l.n, 7);
	assert_false(l.more);
	assert_int_equal(l.items[6].id, seen[0]);
	case_journal_list_fini(&l);
	case_record_fini(&c);
	free(n);
	test_store_free(&s, path);
}

static void test_tasks(void **state)
{
	char path[256];
	struct store *s = open_store(path, MODEL_B2B);
	struct csm_error err = {0};
	struct case_task t;
	struct case_task_list l = {0};
	char *n = new_case(s, "Site visit", 0);
	(void)state;

	assert_int_equal(domain_case_task_add(s, n, "Swap the router", "bob", "Field", &t, &err), 0);
	assert_string_equal(t.number, "TASK0000001");
	assert_string_equal(t.user_login, "bob");
	assert_string_equal(t.group_name, "Field");
	assert_int_equal(t.state, CASE_TASK_OPEN);
	case_task_fini(&t);
	assert_int_equal(domain_case_task_add(s, n, "Call back", NULL, "Network", NULL, &err), 0);
	assert_int_equal(domain_case_task_add(s, n, "x", "alice", "Field", NULL, &err), -1);
	assert_string_equal(err.msg, "alice is not a member of group Field");
	assert_int_equal(domain_case_task_add(s, n, "x", NULL, NULL, NULL, &err), -1);
	assert_string_equal(err.msg, "a task is assigned to a user, a group or both");
	assert_int_equal(domain_case_task_add(s, n, "", "bob", NULL, NULL, &err), -1);
	assert_string_equal(err.msg, "a task needs a short description");
	assert_int_equal(domain_case_task_add(s, n, "x", "zed", NULL, NULL, &err), -1);
	assert_string_equal(err.msg, "no such user: zed");

	assert_int_equal(domain_case_task_finish(s, "TASK0000001", CASE_TASK_CLOSED, &err), 0);
	assert_int_equal(domain_case_task_finish(s, "TASK0000001", CASE_TASK_CANCELED, &err), -1);
	assert_string_equal(err.msg, "task TASK0000001 is already closed");
	assert_int_equal(domain_case_task_finish(s, "TASK0000002", CASE_TASK_CANCELED, &err), 0);
	assert_int_equal(domain_case_task_finish(s, "TASK0000099", CASE_TASK_CLOSED, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);

	assert_int_equal(domain_case_tasks(s, 1, &l, &err), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.items[0].state, CASE_TASK_CLOSED);
	assert_string_equal(l.items[0].closed_at, "2026-11-22T10:00:00Z");
	assert_int_equal(l.items[1].state, CASE_TASK_CANCELED);
	assert_null(l.items[1].user_login);
	case_task_list_fini(&l);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM case_journal WHERE body LIKE "
					   "'task TASK%'"),
			 4);
	free(n);
	test_store_free(&s, path);
}

static void test_assign(void **state)
{
	char path[256];
	struct store *s = open_store(path, MODEL_B2B);
	struct case_outcome out = {0};
	struct csm_error err = {0};
	struct case_record c;
	char *n = new_case(s, "Assign me", 0);
	char *body;
	(void)state;

	assert_int_equal(domain_case_assign(s, n, 1, "Network", "bob", &out, &err), -1);
	assert_string_equal(err.msg, "bob is not a member of group Network: choose a member of the "
				     "group, or another group");
	assert_int_equal(domain_case_assign(s, n, 1, "Nowhere", NULL, &out, &err), -1);
	assert_string_equal(err.msg, "no such assignment group: Nowhere");
	assert_int_equal(domain_case_assign(s, n, 1, NULL, NULL, &out, &err), -1);
	assert_int_equal(err.code, CSM_EX_USAGE);
	/* assigning a new case opens it */
	assert_int_equal(domain_case_assign(s, n, 1, "Network", "alice", &out, &err), 0);
	assert_int_equal(out.state, CASE_OPEN);
	assert_int_equal(domain_case_get(s, n, &c, &err), 1);
	assert_string_equal(c.group_name, "Network");
	assert_string_equal(c.assigned_login, "alice");
	assert_int_equal(c.state, CASE_OPEN);
	case_record_fini(&c);
	body = test_query_text(s, "SELECT body FROM case_journal ORDER BY id DESC LIMIT 1");
	assert_string_equal(body,
			    "assignment group Network; assigned to alice; assign: new -> open");
	free(body);
	/* the assignee alone must be in the case's group */
	assert_int_equal(domain_case_assign(s, n, 2, NULL, "bob", &out, &err), -1);
	assert_string_equal(err.msg, "bob is not a member of group Network: choose a member of the "
				     "group, or another group");
	/* a new group without alice: the assignee is cleared */
	assert_int_equal(domain_case_assign(s, n, 2, "Field", NULL, &out, &err), 0);
	assert_int_equal(domain_case_get(s, n, &c, &err), 1);
	assert_string_equal(c.group_name, "Field");
	assert_null(c.assigned_login);
	case_record_fini(&c);
	body = test_query_text(s, "SELECT body FROM case_journal ORDER BY id DESC LIMIT 1");
	assert_string_equal(body, "assignment group Field; alice is not a member, assignee cleared");
	free(body);
	assert_int_equal(domain_case_assign(s, n, 3, NULL, "bob", &out, &err), 0);
	assert_int_equal(domain_case_assign(s, n, 4, "", "", &out, &err), 0);
	assert_int_equal(domain_case_get(s, n, &c, &err), 1);
	assert_int_equal(c.group_id, 0);
	assert_int_equal(c.assigned_to_id, 0);
	case_record_fini(&c);
	free(n);
	test_store_free(&s, path);
}

static void test_approval(void **state)
{
	char path[256];
	struct store *s = open_store(path, MODEL_B2B);
	struct case_outcome out = {0};
	struct csm_error err = {0};
	struct case_record c;
	char *n = new_case(s, "Buy a router", 0);
	char *body;
	(void)state;

	assert_int_equal(domain_case_decide(s, n, CASE_ANY_VERSION, true, NULL, &out, &err), -1);
	assert_string_equal(err.msg, "CS0000001: no approval is requested (approval: "
				     "not_requested)");
	assert_int_equal(domain_case_request_approval(s, n, 1, NULL, &out, &err), 0);
	assert_int_equal(domain_case_request_approval(s, n, 2, NULL, &out, &err), -1);
	assert_string_equal(err.msg, "CS0000001: approval is already requested");
	/* an agent cannot approve; a stakeholder can */
	assert_int_equal(domain_case_decide(s, n, 2, true, NULL, &out, &err), -1);
	assert_string_equal(err.msg, "CS0000001: tester cannot approve (approvers hold the "
				     "stakeholder, manager or admin role)");
	store_set_actor(s, "carol", NULL);
	assert_int_equal(domain_case_decide(s, n, 2, true, "within budget", &out, &err), 0);
	assert_int_equal(domain_case_get(s, n, &c, &err), 1);
	assert_int_equal(c.approval, CASE_APPROVAL_APPROVED);
	assert_string_equal(c.approver_login, "carol");
	case_record_fini(&c);
	body = test_query_text(s, "SELECT body || ' / ' || author FROM case_journal "
				  "ORDER BY id DESC LIMIT 1");
	assert_string_equal(body, "approved by carol: within budget / carol");
	free(body);

	/* named approver: only they (or a manager or admin) decide */
	store_set_actor(s, "tester", NULL);
	assert_int_equal(domain_case_request_approval(s, n, 3, "alice", &out, &err), 0);
	store_set_actor(s, "carol", NULL);
	assert_int_equal(domain_case_decide(s, n, 4, false, NULL, &out, &err), -1);
	assert_string_equal(err.msg, "CS0000001: the approval was requested from alice, not from "
				     "carol");
	store_set_actor(s, "mgr", NULL);
	assert_int_equal(domain_case_decide(s, n, 4, false, "no budget", &out, &err), 0);
	assert_int_equal(domain_case_get(s, n, &c, &err), 1);
	assert_int_equal(c.approval, CASE_APPROVAL_REJECTED);
	case_record_fini(&c);
	store_set_actor(s, "stranger", NULL);
	assert_int_equal(domain_case_request_approval(s, n, 5, "bob", &out, &err), 0);
	assert_int_equal(domain_case_decide(s, n, 6, true, NULL, &out, &err), -1);
	assert_string_equal(err.msg, "CS0000001: stranger is not a csm user and cannot approve");
	store_set_actor(s, "bob", NULL);
	assert_int_equal(domain_case_decide(s, n, 6, true, NULL, &out, &err), 0);
	free(n);
	test_store_free(&s, path);
}

/* Pages through a queue and returns how many rows came, checking that
 * each page continues exactly where the last stopped. */
static size_t page_all(struct store *s, const struct case_query *q, size_t limit, int64_t *ids,
		       size_t max)
{
	struct page_req page = {.limit = limit};
	struct csm_error err = {0};
	char *key = NULL;
	size_t n = 0;

	for (;;) {
		struct case_list l = {0};
		if (domain_case_list(s, q, &page, &l, &err) < 0)
			fail_msg("listing: %s", err.msg);
		assert_true(l.n <= limit);
		for (size_t i = 0; i < l.n && n < max; i++)
			ids[n++] = l.items[i].id;
		if (!l.more || l.n == 0) {
			case_list_fini(&l);
			break;
		}
		free(key);
		key = case_sort_key(&l.items[l.n - 1], q->sort);
		page.after_key = key;
		page.after_id = l.items[l.n - 1].id;
		case_list_fini(&l);
	}
	free(key);
	return n;
}

static void test_queues(void **state)
{
	char path[256];
	struct store *s = open_store(path, MODEL_B2B);
	struct case_query q;
	struct csm_error err = {0};
	int64_t ids[64];
	size_t n;
	char number[16];
	(void)state;

	/* 24 cases, priorities 1..4 in turn */
	for (int i = 0; i < 24; i++)
		free(new_case(s, "queued", 1 + i % 4));
	/* case 2 (priority 2) for alice in Network, 3 and 7 for the group, 4 closed */
	assert_int_equal(domain_case_assign(s, "CS0000002", CASE_ANY_VERSION, "Network", "alice",
					    NULL, &err),
			 0);
	assert_int_equal(domain_case_assign(s, "CS0000003", CASE_ANY_VERSION, "Network", NULL, NULL,
					    &err),
			 0);
	assert_int_equal(domain_case_assign(s, "CS0000007", CASE_ANY_VERSION, "Network", "tester",
					    NULL, &err),
			 0);
	assert_int_equal(domain_case_transition(s, "CS0000004", CASE_ANY_VERSION, "cancel", NULL,
						NULL, &err),
			 0);
	assert_int_equal(domain_case_request_approval(s, "CS0000005", CASE_ANY_VERSION, NULL, NULL,
						      &err),
			 0);

	/* open: 23 cases, by priority then opened_at then id, pages of 5 */
	case_query_init(&q);
	n = page_all(s, &q, 5, ids, 64);
	assert_int_equal(n, 23);
	for (size_t i = 1; i < n; i++) {
		int pa = (int)((ids[i - 1] - 1) % 4), pb = (int)((ids[i] - 1) % 4);
		assert_true(pa < pb || (pa == pb && ids[i - 1] < ids[i]));
	}
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(ids[i], 4);
	/* every page size gives the same rows */
	for (size_t limit = 1; limit <= 24; limit += 7) {
		int64_t again[64];
		assert_int_equal(page_all(s, &q, limit, again, 64), 23);
		assert_memory_equal(again, ids, 23 * sizeof ids[0]);
	}

	q.queue = CASE_QUEUE_ALL;
	assert_int_equal(page_all(s, &q, 10, ids, 64), 24);
	q.state = CASE_CANCELED;
	assert_int_equal(page_all(s, &q, 10, ids, 64), 1);
	assert_int_equal(ids[0], 4);
	/* the open queue asked for a state lists that state */
	q.queue = CASE_QUEUE_OPEN;
	assert_int_equal(page_all(s, &q, 10, ids, 64), 1);
	assert_int_equal(ids[0], 4);

	/* by number and by update time */
	case_query_init(&q);
	q.sort = CASE_SORT_NUMBER;
	n = page_all(s, &q, 4, ids, 64);
	assert_int_equal(n, 23);
	for (size_t i = 1; i < n; i++)
		assert_true(ids[i] > ids[i - 1]);
	q.sort = CASE_SORT_UPDATED;
	assert_int_equal(page_all(s, &q, 4, ids, 64), 23);
	/* same time everywhere (fixed clock): newest id first */
	assert_int_equal(ids[0], 24);

	/* mine: the acting user's */
	case_query_init(&q);
	q.queue = CASE_QUEUE_MINE;
	assert_int_equal(page_all(s, &q, 10, ids, 64), 1);
	assert_int_equal(ids[0], 7);
	/* my groups: Network's three; unassigned only: one */
	q.queue = CASE_QUEUE_GROUPS;
	assert_int_equal(page_all(s, &q, 2, ids, 64), 3);
	q.unassigned_only = true;
	assert_int_equal(page_all(s, &q, 2, ids, 64), 1);
	assert_int_equal(ids[0], 3);
	/* somebody who is no user has no queue of their own */
	store_set_actor(s, "ghost", NULL);
	q.unassigned_only = false;
	assert_int_equal(page_all(s, &q, 2, ids, 64), 0);
	store_set_actor(s, "tester", NULL);

	q.queue = CASE_QUEUE_APPROVAL;
	assert_int_equal(page_all(s, &q, 2, ids, 64), 1);
	assert_int_equal(ids[0], 5);

	/* filters */
	case_query_init(&q);
	q.priority = 1;
	assert_int_equal(page_all(s, &q, 2, ids, 64), 6);
	q.priority = 0;
	q.state = CASE_OPEN;
	assert_int_equal(page_all(s, &q, 2, ids, 64), 3);
	q.state = -1;
	q.group_id = 1;
	assert_int_equal(page_all(s, &q, 2, ids, 64), 3);
	q.group_id = 0;
	assert_int_equal(domain_case_query_customer(s, &q, "ACCT0000002", &err), 0);
	assert_int_equal(page_all(s, &q, 2, ids, 64), 0);
	case_query_init(&q);
	assert_int_equal(domain_case_query_customer(s, &q, "ACCT0000001", &err), 0);
	assert_int_equal(page_all(s, &q, 50, ids, 64), 23);
	assert_int_equal(domain_case_query_customer(s, &q, "XX1", &err), -1);
	assert_string_equal(err.msg, "no such customer: XX1 (an account, consumer or household "
				     "number)");

	/* names for the list */
	{
		struct case_list l = {0};
		struct page_req page = {.limit = 1};
		case_query_init(&q);
		q.queue = CASE_QUEUE_MINE;
		assert_int_equal(domain_case_list(s, &q, &page, &l, &err), 0);
		assert_int_equal(l.n, 1);
		assert_string_equal(l.items[0].account_name, "Acme");
		assert_string_equal(l.items[0].group_name, "Network");
		assert_string_equal(l.items[0].assigned_login, "tester");
		snprintf(number, sizeof number, "%s", l.items[0].number);
		assert_string_equal(number, "CS0000007");
		case_list_fini(&l);
	}
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_b2b),
		cmocka_unit_test(test_create_validation),
		cmocka_unit_test(test_create_b2c_and_b2b2c),
		cmocka_unit_test(test_entitlement_matching),
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_update_and_stale_version),
		cmocka_unit_test(test_countdown),
		cmocka_unit_test(test_journal),
		cmocka_unit_test(test_tasks),
		cmocka_unit_test(test_assign),
		cmocka_unit_test(test_approval),
		cmocka_unit_test(test_queues),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
