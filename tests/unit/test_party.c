/* test_party.c - users and roles, groups, service organizations, customer
 * teams, related parties and the access sentences (domain/party.h). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/party.h"

/* ---- model rules ----------------------------------------------------- */

static void test_login_shape(void **state)
{
	char longest[65], too_long[66];
	(void)state;

	memset(longest, 'a', 64);
	longest[64] = '\0';
	memset(too_long, 'a', 65);
	too_long[65] = '\0';
	assert_true(party_login_valid("alice"));
	assert_true(party_login_valid("_svc"));
	assert_true(party_login_valid("j.doe-2_x"));
	assert_true(party_login_valid("a"));
	assert_true(party_login_valid(longest));
	assert_false(party_login_valid(too_long));
	assert_false(party_login_valid(NULL));
	assert_false(party_login_valid(""));
	assert_false(party_login_valid("Alice"));
	assert_false(party_login_valid("9lives"));
	assert_false(party_login_valid(".hidden"));
	assert_false(party_login_valid("bob smith"));
	assert_false(party_login_valid("bob@corp"));
}

static void test_role_rule(void **state)
{
	static const struct {
		const char *role;
		bool internal, external;
	} want[] = {
		{"admin", true, false},       {"manager", true, false},
		{"agent", true, false},       {"viewer", true, false},
		{"contributor", true, true},  {"stakeholder", true, true},
		{"customer", false, true},    {"consumer", false, true},
	};
	enum role r;
	(void)state;

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_int_equal(role_parse(want[i].role, &r), 0);
		assert_string_equal(role_name(r), want[i].role);
		if (role_allowed(r, false) != want[i].internal || role_allowed(r, true) != want[i].external)
			fail_msg("role %s: expected internal=%d external=%d", want[i].role,
				 want[i].internal, want[i].external);
		assert_non_null(role_summary(r));
	}
	assert_int_equal(role_parse("root", &r), -1);
	assert_int_equal(role_parse(NULL, &r), -1);
	assert_null(role_name(ROLE_COUNT));
}

static void test_access_sentences(void **state)
{
	struct related_party rp = {0};
	char *t;
	(void)state;

	rp.host_number = "SP0000012";
	rp.host_kind = HOST_SOLD_PRODUCT;
	rp.party_kind = PARTY_CONTACT;
	rp.party_name = "Jane Doe";
	rp.responsibility = "Authorized Representative";
	rp.grants_access = true;
	t = related_party_access_sentence(&rp);
	assert_string_equal(t, "Can see SP0000012, its install base items and all their cases");
	free(t);

	rp.host_kind = HOST_INSTALL_BASE;
	rp.host_number = "IB0000007";
	t = related_party_access_sentence(&rp);
	assert_string_equal(t, "Can see IB0000007, its child items and their cases");
	free(t);

	rp.host_kind = HOST_CASE;
	rp.host_number = "CS0000042";
	t = related_party_access_sentence(&rp);
	assert_string_equal(t, "Can see and comment on CS0000042");
	free(t);

	rp.party_kind = PARTY_ACCOUNT;
	rp.party_name = "ACME";
	t = related_party_access_sentence(&rp);
	assert_string_equal(t, "Every contact of ACME can see and comment on CS0000042");
	free(t);
	rp.restricts_contacts = true;
	t = related_party_access_sentence(&rp);
	assert_string_equal(t, "ACME restricts contact access: only its stakeholders can see and "
			       "comment on CS0000042");
	free(t);

	rp.party_kind = PARTY_SERVICE_ORG;
	rp.party_name = "North Branch";
	t = related_party_access_sentence(&rp);
	assert_string_equal(t, "Every member of North Branch can see and comment on CS0000042");
	free(t);

	/* a responsibility that grants nothing, or none at all: listed */
	rp.grants_access = false;
	t = related_party_access_sentence(&rp);
	assert_string_equal(t, "Listed only: grants no access");
	free(t);
	rp.grants_access = true;
	rp.responsibility = NULL;
	t = related_party_access_sentence(&rp);
	assert_string_equal(t, "Listed only: grants no access");
	free(t);
}

/* ---- users and roles ------------------------------------------------- */

static void make_user(struct store *s, const char *login, const char *name, bool external)
{
	struct csm_error err = {0};
	struct user u = {0};

	u.login = (char *)login;
	u.name = (char *)name;
	u.is_external = external;
	u.active = true;
	if (party_user_create(s, &u, &err) < 0)
		fail_msg("creating %s: %s", login, err.msg);
	assert_true(u.id > 0);
}

static void test_users_and_roles(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct user u = {0};
	struct user_list l = {0};
	struct page_req page = {0};
	unsigned mask;
	(void)state;

	/* no user for the acting login "tester" yet: it gets no data */
	assert_int_equal(party_acting_user(s, &u, &err), 0);

	make_user(s, "alice", "Alice Agent", false);
	make_user(s, "bob", "Bob Buyer", true);
	make_user(s, "carol", "Carol Chief", false);

	u.login = "Bad Login";
	u.name = "x";
	assert_int_equal(party_user_create(s, &u, &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	assert_non_null(strstr(err.msg, "Bad Login"));
	u.login = "alice";
	assert_int_equal(party_user_create(s, &u, &err), -1);
	assert_non_null(strstr(err.msg, "taken"));
	u.login = "dave";
	u.name = "  ";
	assert_int_equal(party_user_create(s, &u, &err), -1);
	assert_non_null(strstr(err.msg, "name"));
	memset(&u, 0, sizeof u);

	/* internal roles for internal users, external ones for external */
	assert_int_equal(party_user_grant(s, "alice", ROLE_AGENT, &err), 0);
	assert_int_equal(party_user_grant(s, "alice", ROLE_AGENT, &err), 0); /* held: no-op */
	assert_int_equal(party_user_grant(s, "alice", ROLE_CUSTOMER, &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	assert_non_null(strstr(err.msg, "internal"));
	assert_int_equal(party_user_grant(s, "bob", ROLE_CUSTOMER, &err), 0);
	assert_int_equal(party_user_grant(s, "bob", ROLE_CONTRIBUTOR, &err), 0);
	assert_int_equal(party_user_grant(s, "bob", ROLE_ADMIN, &err), -1);
	assert_non_null(strstr(err.msg, "external"));
	assert_int_equal(party_user_grant(s, "nobody", ROLE_AGENT, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);

	assert_int_equal(party_user_roles(s, "alice", &mask, &err), 0);
	assert_int_equal(mask, ROLE_BIT(ROLE_AGENT));
	assert_int_equal(party_user_roles(s, "bob", &mask, &err), 0);
	assert_int_equal(mask, ROLE_BIT(ROLE_CUSTOMER) | ROLE_BIT(ROLE_CONTRIBUTOR));
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE table_name = "
					   "'user_role' AND action = 'insert'"),
			 3);

	/* bob cannot become internal while he holds the customer role */
	assert_int_equal(party_user_get(s, "bob", &u, &err), 1);
	u.is_external = false;
	assert_int_equal(party_user_update(s, &u, &err), -1);
	assert_non_null(strstr(err.msg, "customer"));
	assert_int_equal(test_query_int(s, "SELECT is_external FROM user WHERE login = 'bob'"), 1);
	assert_int_equal(party_user_revoke(s, "bob", ROLE_CUSTOMER, &err), 0);
	assert_int_equal(party_user_revoke(s, "bob", ROLE_CUSTOMER, &err), -1);
	assert_non_null(strstr(err.msg, "does not hold"));
	free(u.title);
	u.title = strdup("Buyer");
	assert_int_equal(party_user_update(s, &u, &err), 0);
	user_fini(&u);
	assert_int_equal(party_user_get(s, "bob", &u, &err), 1);
	assert_false(u.is_external);
	assert_string_equal(u.title, "Buyer");
	user_fini(&u);

	/* keyset paging by login; deactivated users only on request */
	page.limit = 2;
	assert_int_equal(party_user_list(s, &page, false, &l, &err), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].login, "alice");
	assert_string_equal(l.items[1].login, "bob");
	page.after_key = "bob";
	page.after_id = l.items[1].id;
	user_list_fini(&l);
	assert_int_equal(party_user_list(s, &page, false, &l, &err), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].login, "carol");
	user_list_fini(&l);
	assert_int_equal(party_user_deactivate(s, "carol", &err), 0);
	assert_int_equal(party_user_list(s, NULL, false, &l, &err), 0);
	assert_int_equal(l.n, 2);
	user_list_fini(&l);
	assert_int_equal(party_user_list(s, NULL, true, &l, &err), 0);
	assert_int_equal(l.n, 3);
	assert_false(l.items[2].active);
	user_list_fini(&l);

	make_user(s, "tester", "The Tester", false);
	assert_int_equal(party_acting_user(s, &u, &err), 1);
	assert_string_equal(u.name, "The Tester");
	mask = (unsigned)u.id;
	user_fini(&u);
	assert_int_equal(party_user_get_by_id(s, mask, &u, &err), 1);
	assert_string_equal(u.login, "tester");
	user_fini(&u);
	test_store_free(&s, path);
}

/* ---- groups ---------------------------------------------------------- */

static void test_groups(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct group g = {0};
	struct group_list gl = {0};
	struct user_list ul = {0};
	(void)state;

	make_user(s, "alice", "Alice", false);
	make_user(s, "carol", "Carol", false);
	g.name = "Network Support";
	g.manager_login = "carol";
	g.active = true;
	assert_int_equal(party_group_create(s, &g, &err), 0);
	assert_true(g.id > 0 && g.manager_id > 0);
	assert_int_equal(party_group_create(s, &g, &err), -1);
	assert_non_null(strstr(err.msg, "already a group"));
	g.name = "Field";
	g.manager_login = "ghost";
	assert_int_equal(party_group_create(s, &g, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM assignment_group"), 1);

	assert_int_equal(party_group_add_member(s, "Network Support", "alice", &err), 0);
	assert_int_equal(party_group_add_member(s, "Network Support", "alice", &err), -1);
	assert_non_null(strstr(err.msg, "already a member"));
	assert_int_equal(party_group_add_member(s, "Nope", "alice", &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	assert_int_equal(party_group_add_member(s, "Network Support", "carol", &err), 0);

	assert_int_equal(party_group_members(s, "Network Support", &ul, &err), 0);
	assert_int_equal(ul.n, 2);
	assert_string_equal(ul.items[0].login, "alice");
	user_list_fini(&ul);
	assert_int_equal(party_groups_of_user(s, "alice", &gl, &err), 0);
	assert_int_equal(gl.n, 1);
	assert_string_equal(gl.items[0].name, "Network Support");
	assert_string_equal(gl.items[0].manager_login, "carol");
	group_list_fini(&gl);

	assert_int_equal(party_group_set_manager(s, "Network Support", "alice", &err), 0);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE table_name = "
					   "'assignment_group' AND field = 'manager_id'"),
			 1);
	assert_int_equal(party_group_set_manager(s, "Network Support", NULL, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT manager_id IS NULL FROM assignment_group"), 1);

	assert_int_equal(party_group_remove_member(s, "Network Support", "alice", &err), 0);
	assert_int_equal(party_group_remove_member(s, "Network Support", "alice", &err), -1);
	assert_non_null(strstr(err.msg, "not a member"));
	assert_int_equal(party_groups_of_user(s, "alice", &gl, &err), 0);
	assert_int_equal(gl.n, 0);
	group_list_fini(&gl);
	test_store_free(&s, path);
}

/* ---- service organizations and teams --------------------------------- */

static void add_responsibilities(struct store *s)
{
	test_exec(s, "INSERT INTO responsibility(id, name, grants_access) VALUES"
		     " (1, 'Authorized Representative', 1), (2, 'Authorized Account', 1),"
		     " (3, 'Authorized Service Organization', 1), (4, 'Billing Contact', 0),"
		     " (5, 'Account Manager', 1), (6, 'Preferred Technician', 1)");
}

/* Creates an organization (borrowed strings) and checks its number. */
static void make_org(struct store *s, const char *name, const char *parent, const char *manager,
		     bool external, const char *want)
{
	struct csm_error err = {0};
	struct service_org o = {0};

	o.name = (char *)name;
	o.parent_number = (char *)parent;
	o.manager_login = (char *)manager;
	o.is_external = external;
	o.active = true;
	if (party_service_org_create(s, &o, &err) < 0)
		fail_msg("creating %s: %s", name, err.msg);
	assert_string_equal(o.number, want);
	assert_true(o.id > 0);
	free(o.number);
}

static void test_service_orgs(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct service_org o = {0}, got = {0};
	struct team_member_list ml = {0};
	char *p;
	(void)state;

	add_responsibilities(s);
	make_user(s, "alice", "Alice", false);
	make_user(s, "dan", "Dan Dealer", true);
	make_org(s, "Head Office", NULL, "alice", false, "SO0000001");
	make_org(s, "North Branch", "SO0000001", NULL, false, "SO0000002");
	make_org(s, "Dealer", NULL, NULL, true, "SO0000003");
	o.name = "Lost";
	o.parent_number = "SO0000099";
	assert_int_equal(party_service_org_create(s, &o, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	o.parent_number = NULL;
	o.manager_login = "ghost";
	assert_int_equal(party_service_org_create(s, &o, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	free(o.number);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM service_organization"), 3);

	assert_int_equal(party_service_org_get(s, "SO0000002", &got, &err), 1);
	assert_string_equal(got.parent_number, "SO0000001");
	service_org_fini(&got);
	assert_int_equal(party_service_org_get(s, "SO0000003", &got, &err), 1);
	assert_true(got.is_external);
	service_org_fini(&got);

	/* no cycles: the head office cannot move under its own branch */
	assert_int_equal(party_service_org_set_parent(s, "SO0000001", "SO0000002", &err), -1);
	assert_non_null(strstr(err.msg, "cannot move"));
	assert_int_equal(party_service_org_set_parent(s, "SO0000001", "SO0000001", &err), -1);
	/* moving a subtree rewrites its paths */
	assert_int_equal(party_service_org_set_parent(s, "SO0000001", "SO0000003", &err), 0);
	p = test_query_text(s, "SELECT path FROM service_organization WHERE number = 'SO0000002'");
	assert_string_equal(p, "/3/1/2/");
	free(p);
	assert_int_equal(party_service_org_set_parent(s, "SO0000001", NULL, &err), 0);
	p = test_query_text(s, "SELECT path FROM service_organization WHERE number = 'SO0000002'");
	assert_string_equal(p, "/1/2/");
	free(p);

	assert_int_equal(party_service_org_add_member(s, "SO0000002", "alice",
						      "Preferred Technician", &err), 0);
	assert_int_equal(party_service_org_add_member(s, "SO0000003", "dan", NULL, &err), 0);
	assert_int_equal(party_service_org_add_member(s, "SO0000002", "dan", "Nonsense", &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	assert_int_equal(party_service_org_members(s, "SO0000002", &ml, &err), 0);
	assert_int_equal(ml.n, 1);
	assert_string_equal(ml.items[0].login, "alice");
	assert_string_equal(ml.items[0].responsibility, "Preferred Technician");
	assert_string_equal(ml.items[0].customer_number, "SO0000002");
	team_member_list_fini(&ml);
	assert_int_equal(party_service_org_remove_member(s, "SO0000002", "alice", &err), 0);
	assert_int_equal(party_service_org_remove_member(s, "SO0000002", "alice", &err), -1);
	assert_non_null(strstr(err.msg, "not a member"));
	test_store_free(&s, path);
}

static void test_team_members(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B2C);
	struct csm_error err = {0};
	struct team_member_list ml = {0};
	long long before;
	(void)state;

	add_responsibilities(s);
	test_exec(s, "INSERT INTO responsibility(id, name) VALUES (7, 'Relationship Manager')");
	make_user(s, "alice", "Alice", false);
	make_user(s, "carol", "Carol", false);
	make_user(s, "bob", "Bob", true);
	test_exec(s, "INSERT INTO account(id, number, name) VALUES (1, 'ACCT0000001', 'ACME')");
	test_exec(s, "INSERT INTO consumer(id, number, first_name, last_name) VALUES"
		     " (1, 'CON0000001', 'Marie', 'Curie')");
	test_exec(s, "INSERT INTO household(id, number, name) VALUES (1, 'HOLD0000001', 'Curies')");

	assert_int_equal(party_team_add(s, "ACCT0000001", "alice", "Account Manager", &err), 0);
	assert_int_equal(party_team_add(s, "ACCT0000001", "carol", "relationship manager", &err), 0);
	assert_int_equal(party_team_add(s, "CON0000001", "alice", "Account Manager", &err), 0);
	assert_int_equal(party_team_add(s, "HOLD0000001", "carol", "Account Manager", &err), 0);

	before = test_query_int(s, "SELECT count(*) FROM customer_team_member");
	assert_int_equal(party_team_add(s, "ACCT0000001", "alice", "Account Manager", &err), -1);
	assert_non_null(strstr(err.msg, "already"));
	assert_int_equal(party_team_add(s, "ACCT0000001", "bob", "Account Manager", &err), -1);
	assert_non_null(strstr(err.msg, "external"));
	assert_int_equal(party_team_add(s, "ACCT0000001", "alice", "Chief Wizard", &err), -1);
	assert_non_null(strstr(err.msg, "Chief Wizard"));
	assert_int_equal(party_team_add(s, "ACCT0000009", "alice", "Account Manager", &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	assert_int_equal(party_team_add(s, "SP0000001", "alice", "Account Manager", &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	assert_int_equal(party_team_add(s, "ACCT0000001", "alice", NULL, &err), -1);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM customer_team_member"), before);

	assert_int_equal(party_team_list(s, "ACCT0000001", &ml, &err), 0);
	assert_int_equal(ml.n, 2);
	assert_string_equal(ml.items[0].responsibility, "Account Manager");
	assert_string_equal(ml.items[0].login, "alice");
	assert_string_equal(ml.items[0].customer_name, "ACME");
	assert_string_equal(ml.items[1].login, "carol");
	team_member_list_fini(&ml);
	assert_int_equal(party_team_list(s, "CON0000001", &ml, &err), 0);
	assert_int_equal(ml.n, 1);
	assert_string_equal(ml.items[0].customer_name, "Marie Curie");
	team_member_list_fini(&ml);

	assert_int_equal(party_team_remove(s, "ACCT0000001", "carol", "Account Manager", &err), -1);
	assert_non_null(strstr(err.msg, "not"));
	assert_int_equal(party_team_remove(s, "ACCT0000001", "carol", NULL, &err), 0);
	assert_int_equal(party_team_list(s, "ACCT0000001", &ml, &err), 0);
	assert_int_equal(ml.n, 1);
	team_member_list_fini(&ml);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE table_name = "
					   "'customer_team_member' AND action = 'delete'"),
			 1);
	test_store_free(&s, path);
}

/* ---- related parties ------------------------------------------------- */

/* A b2b database with one of every host and every party kind, and types. */
static struct store *related_fixture(char *path)
{
	struct store *s = test_store_new(path, MODEL_B2B);

	add_responsibilities(s);
	make_user(s, "alice", "Alice Agent", false);
	test_exec(s, "INSERT INTO account(id, number, name) VALUES (1, 'ACCT0000001', 'ACME'),"
		     " (2, 'ACCT0000002', 'Globex')");
	test_exec(s, "UPDATE account SET restrict_contact_access = 1 WHERE id = 2");
	test_exec(s, "INSERT INTO contact(id, number, account_id, first_name, last_name) VALUES"
		     " (1, 'CT0000003', 1, 'Jane', 'Doe'), (2, 'CT0000004', 1, 'John', 'Roe')");
	test_exec(s, "INSERT INTO consumer(id, number, first_name, last_name) VALUES"
		     " (1, 'CON0000001', 'Marie', 'Curie')");
	test_exec(s, "INSERT INTO service_organization(id, number, name) VALUES"
		     " (1, 'SO0000001', 'North Branch')");
	test_exec(s, "INSERT INTO product(id, name, model_number) VALUES (1, 'Router', 'RT-1')");
	test_exec(s, "INSERT INTO sold_product(id, number, product_id, account_id) VALUES"
		     " (1, 'SP0000012', 1, 1)");
	test_exec(s, "INSERT INTO install_base_item(id, number, name, account_id) VALUES"
		     " (1, 'IB0000007', 'Router at HQ', 1)");
	test_exec(s, "INSERT INTO cases(id, number, short_description, account_id) VALUES"
		     " (1, 'CS0000042', 'No signal', 1), (2, 'CS0000043', 'Done', 1)");
	test_exec(s, "UPDATE cases SET state = 'closed' WHERE id = 2");
	test_exec(s, "INSERT INTO related_party_type(name, applies_to, party_kind, responsibility_id)"
		     " VALUES"
		     " ('Authorized Contact', 'sold_product', 'contact', 1),"
		     " ('Billing Contact', 'sold_product', 'contact', 4),"
		     " ('Site Contact', 'sold_product', 'contact', NULL),"
		     " ('Co-Owner', 'sold_product', 'consumer', 1),"
		     " ('Wholesale Partner', 'sold_product', 'account', 2),"
		     " ('Sales Owner', 'sold_product', 'user', 5),"
		     " ('Maintainer', 'sold_product', 'service_organization', 3),"
		     " ('Site Contact', 'install_base_item', 'contact', 1),"
		     " ('Watcher', 'case', 'user', NULL),"
		     " ('Authorized Representative', 'case', 'contact', 1),"
		     " ('Partner', 'case', 'account', 2)");
	test_exec(s, "DELETE FROM audit_log");
	return s;
}

/* The access sentence of the entry of host whose party number is party. */
static char *sentence_of(struct store *s, const char *host, const char *party, const char *type)
{
	struct related_party_list l = {0};
	struct csm_error err = {0};
	char *t = NULL;

	if (party_related_list(s, host, &l, &err) < 0)
		fail_msg("listing %s: %s", host, err.msg);
	for (size_t i = 0; i < l.n && !t; i++)
		if (strcmp(l.items[i].party_number, party) == 0 &&
		    (!type || strcmp(l.items[i].type_name, type) == 0))
			t = related_party_access_sentence(&l.items[i]);
	related_party_list_fini(&l);
	if (!t)
		fail_msg("%s is not on %s", party, host);
	return t;
}

#define ASSERT_SENTENCE(s, host, party, type, want)                                            \
	do {                                                                                   \
		char *got_ = sentence_of((s), (host), (party), (type));                         \
		assert_string_equal(got_, (want));                                              \
		free(got_);                                                                     \
	} while (0)

static void add_ok(struct store *s, const char *host, const char *type, const char *party,
		   const char *name, const char *resp)
{
	struct csm_error err = {0};
	int64_t id = 0;

	if (party_related_add(s, host, type, party, name, resp, &id, &err) < 0)
		fail_msg("adding %s as %s to %s: %s", party, type, host, err.msg);
	assert_true(id > 0);
}

static void test_related_add_list(void **state)
{
	char path[256];
	struct store *s = related_fixture(path);
	struct related_party_list l = {0};
	struct related_party_type_list tl = {0};
	struct csm_error err = {0};
	enum host_kind k = HOST_SOLD_PRODUCT;
	(void)state;

	assert_int_equal(party_types(s, &k, &tl, &err), 0);
	assert_int_equal(tl.n, 7);
	assert_string_equal(tl.items[0].name, "Authorized Contact");
	assert_true(related_party_type_authorized(&tl.items[0]));
	assert_false(related_party_type_authorized(&tl.items[1])); /* Billing: grants none */
	assert_int_equal(tl.items[2].party_kind, PARTY_CONSUMER);
	related_party_type_list_fini(&tl);
	assert_int_equal(party_types(s, NULL, &tl, &err), 0);
	assert_int_equal(tl.n, 11);
	assert_int_equal(tl.items[0].applies_to, HOST_CASE);
	related_party_type_list_fini(&tl);

	/* every party kind on a sold product */
	add_ok(s, "SP0000012", "Authorized Contact", "CT0000003", "site owner", NULL);
	add_ok(s, "SP0000012", "billing contact", "CT0000004", NULL, NULL);
	add_ok(s, "SP0000012", "Co-Owner", "CON0000001", NULL, NULL);
	add_ok(s, "SP0000012", "Wholesale Partner", "ACCT0000001", NULL, NULL);
	add_ok(s, "SP0000012", "Sales Owner", "alice", NULL, NULL);
	add_ok(s, "SP0000012", "Maintainer", "SO0000001", NULL, NULL);
	add_ok(s, "SP0000012", "Site Contact", "CT0000003", NULL, "Authorized Representative");
	add_ok(s, "IB0000007", "Site Contact", "CT0000004", NULL, NULL);
	add_ok(s, "CS0000042", "Authorized Representative", "CT0000003", NULL, NULL);
	add_ok(s, "CS0000042", "Partner", "ACCT0000002", NULL, NULL);
	add_ok(s, "CS0000042", "Watcher", "alice", NULL, NULL);

	assert_int_equal(party_related_list(s, "SP0000012", &l, &err), 0);
	assert_int_equal(l.n, 7);
	assert_string_equal(l.items[0].type_name, "Authorized Contact");
	assert_string_equal(l.items[0].party_name, "Jane Doe");
	assert_string_equal(l.items[0].party_number, "CT0000003");
	assert_string_equal(l.items[0].responsibility, "Authorized Representative");
	assert_string_equal(l.items[0].relationship_name, "site owner");
	assert_int_equal(l.items[0].sort_order, 1);
	assert_int_equal(l.items[1].sort_order, 2);
	assert_string_equal(l.items[1].responsibility, "Billing Contact"); /* the type's default */
	assert_string_equal(l.items[2].party_name, "Marie Curie");
	assert_string_equal(l.items[4].party_number, "alice");
	assert_string_equal(l.items[4].party_name, "Alice Agent");
	assert_string_equal(l.items[5].party_name, "North Branch");
	assert_string_equal(l.items[6].responsibility, "Authorized Representative"); /* given */
	related_party_list_fini(&l);

	ASSERT_SENTENCE(s, "SP0000012", "CT0000003", "Authorized Contact",
			"Can see SP0000012, its install base items and all their cases");
	ASSERT_SENTENCE(s, "SP0000012", "CT0000004", NULL, "Listed only: grants no access");
	ASSERT_SENTENCE(s, "SP0000012", "ACCT0000001", NULL,
			"Every contact of ACME can see SP0000012, its install base items and all "
			"their cases");
	ASSERT_SENTENCE(s, "SP0000012", "SO0000001", NULL,
			"Every member of North Branch can see SP0000012, its install base items and "
			"all their cases");
	ASSERT_SENTENCE(s, "IB0000007", "CT0000004", NULL,
			"Can see IB0000007, its child items and their cases");
	ASSERT_SENTENCE(s, "CS0000042", "CT0000003", NULL, "Can see and comment on CS0000042");
	ASSERT_SENTENCE(s, "CS0000042", "ACCT0000002", NULL,
			"Globex restricts contact access: only its stakeholders can see and comment "
			"on CS0000042");
	ASSERT_SENTENCE(s, "CS0000042", "alice", NULL, "Listed only: grants no access");

	/* audit rows for every entry */
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE table_name = "
					   "'related_party' AND action = 'insert' AND actor = 'tester'"),
			 11);
	test_store_free(&s, path);
}

static void test_related_refusals(void **state)
{
	char path[256];
	struct store *s = related_fixture(path);
	struct csm_error err = {0};
	long long rows, audits;
	(void)state;

	add_ok(s, "SP0000012", "Authorized Contact", "CT0000003", NULL, NULL);
	rows = test_query_int(s, "SELECT count(*) FROM related_party");
	audits = test_query_int(s, "SELECT count(*) FROM audit_log");

	/* duplicate */
	assert_int_equal(party_related_add(s, "SP0000012", "Authorized Contact", "CT0000003", NULL,
					   NULL, NULL, &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	assert_string_equal(err.msg, "Jane Doe (CT0000003) is already Authorized Contact on SP0000012");
	/* wrong kind: an account where a contact is wanted, a login too */
	assert_int_equal(party_related_add(s, "SP0000012", "Authorized Contact", "ACCT0000001", NULL,
					   NULL, NULL, &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	assert_non_null(strstr(err.msg, "ACCT0000001 is an account, but the type"));
	assert_int_equal(party_related_add(s, "SP0000012", "Authorized Contact", "alice", NULL, NULL,
					   NULL, &err), -1);
	assert_non_null(strstr(err.msg, "takes a contact"));
	assert_int_equal(party_related_add(s, "SP0000012", "Co-Owner", "CT0000003", NULL, NULL, NULL,
					   &err), -1);
	assert_non_null(strstr(err.msg, "takes a consumer"));
	/* missing party, missing type, type of another host kind, bad host */
	assert_int_equal(party_related_add(s, "SP0000012", "Authorized Contact", "CT0000999", NULL,
					   NULL, NULL, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	assert_int_equal(party_related_add(s, "SP0000012", "Nope", "CT0000003", NULL, NULL, NULL,
					   &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	assert_non_null(strstr(err.msg, "no related party type 'Nope'"));
	assert_int_equal(party_related_add(s, "SP0000012", "Watcher", "alice", NULL, NULL, NULL,
					   &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	assert_int_equal(party_related_add(s, "SP0000099", "Authorized Contact", "CT0000003", NULL,
					   NULL, NULL, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	assert_string_equal(err.msg, "no sold product SP0000099");
	assert_int_equal(party_related_add(s, "ZZ1", "Authorized Contact", "CT0000003", NULL, NULL,
					   NULL, &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	assert_int_equal(party_related_add(s, "SP0000012", "Authorized Contact", "CT0000004", NULL,
					   "Ruler of All", NULL, &err), -1);
	assert_non_null(strstr(err.msg, "Ruler of All"));
	/* closed cases are read-only */
	assert_int_equal(party_related_add(s, "CS0000043", "Authorized Representative", "CT0000003",
					   NULL, NULL, NULL, &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	assert_string_equal(err.msg, "CS0000043 is closed: closed and canceled cases are read-only");

	/* none of that changed anything, audit included */
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM related_party"), rows);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log"), audits);
	assert_int_equal(store_txn_depth(s), 0);
	test_store_free(&s, path);
}

static void test_related_set_remove(void **state)
{
	char path[256];
	struct store *s = related_fixture(path);
	struct csm_error err = {0};
	struct related_party_change ch = {0};
	struct related_party_list l = {0};
	int64_t id, other, on_case;
	char *v;
	(void)state;

	assert_int_equal(party_related_add(s, "SP0000012", "Site Contact", "CT0000003", "site owner",
					   NULL, &id, &err), 0);
	assert_int_equal(party_related_add(s, "SP0000012", "Authorized Contact", "CT0000003", NULL,
					   NULL, &other, &err), 0);
	assert_int_equal(party_related_add(s, "CS0000042", "Watcher", "alice", NULL, NULL, &on_case,
					   &err), 0);
	ASSERT_SENTENCE(s, "SP0000012", "CT0000003", "Site Contact", "Listed only: grants no access");

	/* giving the listed entry a responsibility makes it authorized */
	ch.responsibility = "Authorized Representative";
	assert_int_equal(party_related_set(s, "SP0000012", id, &ch, &err), 0);
	ASSERT_SENTENCE(s, "SP0000012", "CT0000003", "Site Contact",
			"Can see SP0000012, its install base items and all their cases");
	v = test_query_text(s, "SELECT field || '>' || new_value FROM audit_log WHERE "
			       "table_name = 'related_party' AND action = 'update'");
	assert_string_equal(v, "responsibility_id>1");
	free(v);

	memset(&ch, 0, sizeof ch);
	ch.relationship_name = "landlord";
	ch.set_order = true;
	ch.sort_order = 9;
	assert_int_equal(party_related_set(s, "SP0000012", id, &ch, &err), 0);
	assert_int_equal(party_related_list(s, "SP0000012", &l, &err), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.items[1].id, id); /* now last */
	assert_string_equal(l.items[1].relationship_name, "landlord");
	assert_string_equal(l.items[1].responsibility, "Authorized Representative");
	related_party_list_fini(&l);
	memset(&ch, 0, sizeof ch);
	ch.responsibility = "";
	ch.relationship_name = "";
	assert_int_equal(party_related_set(s, "SP0000012", id, &ch, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT responsibility_id IS NULL AND relationship_name "
					   "IS NULL FROM related_party WHERE type_id = 3"),
			 1);

	/* an id of another host is not this host's */
	assert_int_equal(party_related_set(s, "SP0000012", on_case, &ch, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	assert_int_equal(party_related_remove(s, "IB0000007", id, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);

	/* by party: ambiguous without --type */
	assert_int_equal(party_related_remove_party(s, "SP0000012", "CT0000003", NULL, &err), -1);
	assert_non_null(strstr(err.msg, "--type"));
	assert_int_equal(party_related_remove_party(s, "SP0000012", "CT0000003", "Site Contact",
						    &err), 0);
	assert_int_equal(party_related_remove_party(s, "SP0000012", "CT0000004", NULL, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	assert_int_equal(party_related_remove_party(s, "SP0000012", "CT0000003", NULL, &err), 0);
	assert_int_equal(party_related_remove(s, "CS0000042", on_case, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM related_party"), 0);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE table_name = "
					   "'related_party' AND action = 'delete'"),
			 3);

	/* a case closed after the fact: no changes and no removals */
	assert_int_equal(party_related_add(s, "CS0000042", "Watcher", "alice", NULL, NULL, &on_case,
					   &err), 0);
	test_exec(s, "UPDATE cases SET state = 'canceled' WHERE id = 1");
	ch.responsibility = "Authorized Representative";
	assert_int_equal(party_related_set(s, "CS0000042", on_case, &ch, &err), -1);
	assert_non_null(strstr(err.msg, "read-only"));
	assert_int_equal(party_related_remove(s, "CS0000042", on_case, &err), -1);
	assert_non_null(strstr(err.msg, "canceled"));
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM related_party"), 1);
	test_store_free(&s, path);
}

static void test_host_prefixes(void **state)
{
	char path[256];
	struct store *s = related_fixture(path);
	struct csm_error err = {0};
	struct party_host h;
	(void)state;

	assert_int_equal(party_host_find(s, "IB0000007", &h, &err), 0);
	assert_int_equal(h.kind, HOST_INSTALL_BASE);
	assert_false(h.read_only);
	assert_int_equal(party_host_find(s, "CS0000043", &h, &err), 0);
	assert_true(h.read_only);
	assert_string_equal(h.state, "closed");
	assert_int_equal(party_host_find(s, "SP", &h, &err), -1); /* prefix alone */
	assert_int_equal(party_host_find(s, NULL, &h, &err), -1);

	/* configured prefixes decide; the longest one wins */
	test_exec(s, "UPDATE sold_product SET number = 'S0000012'");
	test_exec(s, "UPDATE cases SET number = 'SR0000042' WHERE id = 1");
	store_set_prefix(s, REC_SOLD_PRODUCT, "S");
	store_set_prefix(s, REC_CASE, "SR");
	assert_int_equal(party_host_find(s, "S0000012", &h, &err), 0);
	assert_int_equal(h.kind, HOST_SOLD_PRODUCT);
	assert_int_equal(party_host_find(s, "SR0000042", &h, &err), 0);
	assert_int_equal(h.kind, HOST_CASE);
	assert_int_equal(party_host_find(s, "SP0000012", &h, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_shape),
		cmocka_unit_test(test_role_rule),
		cmocka_unit_test(test_access_sentences),
		cmocka_unit_test(test_users_and_roles),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_service_orgs),
		cmocka_unit_test(test_team_members),
		cmocka_unit_test(test_related_add_list),
		cmocka_unit_test(test_related_refusals),
		cmocka_unit_test(test_related_set_remove),
		cmocka_unit_test(test_host_prefixes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
