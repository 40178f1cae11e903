/* test_identity.c - domain/identity.c and the console's gate: the first
 * admin, --as for admins and on the demo only (unknown and deactivated
 * logins refused), the actor and real actor in the audit trail, the "not a
 * user" messages, the last admin, and the console's refusal screen. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "domain/customer.h"
#include "domain/identity.h"
#include "domain/party.h"
#include "ui/screens/denied.h"
#include "ui/ui.h"
#include "util/xalloc.h"

struct fixture {
	char path[256];   /* the temporary database */
	struct store *s;  /* open on path; "root" is its admin, "bob" an agent */
};

static void add_user(struct store *s, const char *login, const char *name, enum role r)
{
	struct csm_error err = {0};
	struct user u = {.login = (char *)login, .name = (char *)name, .active = true};

	test_act_as(s, "root"); /* users are an admin's to manage */
	if (party_user_create(s, &u, &err) < 0 || party_user_grant(s, login, r, &err) < 0)
		fail_msg("user %s: %s", login, err.msg);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct csm_error err = {0};
	bool created = false;

	f->s = test_store_new(f->path, MODEL_B2B);
	store_set_actor(f->s, "root", NULL);
	if (identity_ensure_admin(f->s, "root", "Rooty", &created, &err) < 0 || !created)
		fail_msg("ensure_admin: %s", err.msg);
	add_user(f->s, "bob", "Bob Agent", ROLE_AGENT);
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

static void test_first_admin(void **state)
{
	struct fixture *f = *state;
	struct identity id = {0};
	struct csm_error err = {0};
	bool created = true;

	assert_int_equal(identity_open(f->s, "root", NULL, &id, &err), 0);
	assert_string_equal(id.login, "root");
	assert_true(id.is_user && !id.acting_as && !id.demo);
	assert_string_equal(id.user.name, "Rooty");
	assert_false(id.user.is_external);
	assert_int_equal(id.roles, ROLE_BIT(ROLE_ADMIN));
	assert_true(identity_is_admin(&id));
	assert_int_equal(identity_require_user(&id, "x.db", &err), 0);
	identity_fini(&id);
	/* a second run changes nothing */
	assert_int_equal(identity_ensure_admin(f->s, "root", "Other", &created, &err), 0);
	assert_false(created);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM user WHERE login = 'root'"
					       " AND name = 'Rooty'"), 1);
	/* a login csm cannot hold */
	assert_int_equal(identity_ensure_admin(f->s, "Bad Login", NULL, NULL, &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
}

static void test_not_a_user(void **state)
{
	struct fixture *f = *state;
	struct identity id = {0};
	struct csm_error err = {0};

	assert_int_equal(identity_open(f->s, "zoe", NULL, &id, &err), 0);
	assert_false(id.is_user || id.has_row);
	assert_int_equal(id.roles, 0);
	assert_int_equal(identity_require_user(&id, "crm.db", &err), -1);
	assert_int_equal(err.code, CSM_EX_NOPERM);
	assert_string_equal(err.msg, "you (zoe) are not a user of crm.db; ask an admin to run "
				     "'csm user add zoe'");
	assert_int_equal(identity_require_admin(&id, "add users", &err), -1);
	assert_int_equal(err.code, CSM_EX_NOPERM);
	identity_fini(&id);

	/* zoe may not deactivate anyone; root may. */
	assert_int_equal(party_user_deactivate(f->s, "bob", &err), -1);
	assert_int_equal(err.code, CSM_EX_NOPERM);
	test_act_as(f->s, "root");
	assert_int_equal(party_user_deactivate(f->s, "bob", &err), 0);
	assert_int_equal(identity_open(f->s, "bob", NULL, &id, &err), 0);
	assert_true(id.has_row && !id.is_user);
	assert_int_equal(id.roles, 0); /* a deactivated agent holds nothing */
	assert_int_equal(identity_require_user(&id, "crm.db", &err), -1);
	assert_string_equal(err.msg, "you (bob) are not an active user of crm.db: your user is "
				     "deactivated; ask an admin to run 'csm user activate bob'");
	identity_fini(&id);
}

static void test_as(void **state)
{
	struct fixture *f = *state;
	struct identity id = {0};
	struct csm_error err = {0};
	char *audit;

	/* an admin acts as bob; writes record both */
	assert_int_equal(identity_open(f->s, "root", "bob", &id, &err), 0);
	assert_true(id.acting_as && id.is_user);
	assert_string_equal(id.login, "bob");
	assert_string_equal(id.real_login, "root");
	assert_int_equal(id.roles, ROLE_BIT(ROLE_AGENT));
	assert_string_equal(store_actor(f->s), "bob");
	assert_string_equal(store_real_actor(f->s), "root");
	assert_int_equal(identity_require_admin(&id, "add users", &err), -1);
	assert_string_equal(err.msg, "only an admin may add users; the user you act as (bob) is "
				     "not an admin (roles: agent)");
	identity_fini(&id);
	{
		struct account a = {.name = "Acting Ltd", .is_customer = true};
		assert_int_equal(domain_account_create(f->s, &a, &err), 0);
		free(a.number);
	}
	audit = test_query_text(f->s, "SELECT actor || '/' || real_actor FROM audit_log"
				      " WHERE table_name = 'account' ORDER BY id DESC LIMIT 1");
	assert_string_equal(audit, "bob/root");
	free(audit);
	/* ... but users are an admin's, even for an admin acting as an agent */
	{
		struct user u = {.login = "carl", .name = "Carl", .active = true};
		assert_int_equal(party_user_create(f->s, &u, &err), -1);
		assert_int_equal(err.code, CSM_EX_NOPERM);
		assert_string_equal(err.msg, "an agent may not manage users");
	}
	add_user(f->s, "carl", "Carl", ROLE_VIEWER);

	/* a non-admin may not */
	assert_int_equal(identity_open(f->s, "bob", "root", &id, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOPERM);
	assert_non_null(strstr(err.msg, "only an admin may act as another user outside the demo"));
	assert_string_equal(store_actor(f->s), "bob"); /* left as the real user */
	assert_null(store_real_actor(f->s));
	/* nor as a stranger or a deactivated user, even an admin */
	assert_int_equal(identity_open(f->s, "root", "nobody", &id, &err), -1);
	assert_int_equal(err.code, CSM_EX_NOPERM);
	assert_non_null(strstr(err.msg, "has no user 'nobody'"));
	test_act_as(f->s, "root");
	assert_int_equal(party_user_deactivate(f->s, "carl", &err), 0);
	assert_int_equal(identity_open(f->s, "root", "carl", &id, &err), -1);
	assert_non_null(strstr(err.msg, "the user carl is deactivated"));
	/* acting as yourself is no acting */
	assert_int_equal(identity_open(f->s, "bob", "bob", &id, &err), 0);
	assert_false(id.acting_as);
	assert_null(store_real_actor(f->s));
	identity_fini(&id);
}

static void test_demo(void **state)
{
	struct fixture *f = *state;
	struct identity id = {0};
	struct csm_error err = {0};

	assert_int_equal(identity_mark_demo(f->s, &err), 0);
	assert_int_equal(identity_mark_demo(f->s, &err), 0);
	/* on the demo anyone may act as anyone, even a login with no user */
	assert_int_equal(identity_open(f->s, "zoe", "bob", &id, &err), 0);
	assert_true(id.demo && id.acting_as && id.is_user);
	assert_string_equal(store_real_actor(f->s), "zoe");
	identity_fini(&id);
	assert_int_equal(identity_open(f->s, "zoe", "nobody", &id, &err), -1);
}

static void test_last_admin(void **state)
{
	struct fixture *f = *state;
	struct csm_error err = {0};

	assert_int_equal(identity_keep_an_admin(f->s, "root", &err), -1);
	assert_int_equal(err.code, CSM_EX_NOPERM);
	assert_non_null(strstr(err.msg, "root is the last active admin"));
	assert_int_equal(identity_keep_an_admin(f->s, "bob", &err), 0); /* not an admin */
	add_user(f->s, "ann", "Ann", ROLE_ADMIN);
	assert_int_equal(identity_keep_an_admin(f->s, "root", &err), 0);
	assert_int_equal(party_user_deactivate(f->s, "ann", &err), 0);
	assert_int_equal(identity_keep_an_admin(f->s, "root", &err), -1);
}

static void test_roles_text(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(identity_roles_text(0, ", ", buf, sizeof buf), "");
	assert_string_equal(identity_roles_text(ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_VIEWER), ", ",
						buf, sizeof buf),
			    "admin, viewer");
	assert_string_equal(identity_roles_text(ROLE_BIT(ROLE_AGENT), ", ", buf, 4), "age");
}

/* The console: a login without an active user gets the refusal screen,
 * and neither ':' nor help opens anything from it. */
static void test_console_gate(void **state)
{
	struct fixture *f = *state;
	struct csm_config cfg;
	struct csm_error err = {0};
	struct ui *ui;
	bool is_error;

	config_init(&cfg);
	store_set_actor(f->s, "root", NULL);
	ui = ui_new(f->s, &cfg, f->path, &err);
	assert_non_null(ui);
	assert_false(ui_deny_non_user(ui));
	assert_true(ui_top(ui)->ops != &denied_screen);
	ui_free(&ui);

	store_set_actor(f->s, "zoe", NULL);
	ui = ui_new(f->s, &cfg, f->path, &err);
	assert_non_null(ui);
	ui_layout(ui, 22, 80);
	assert_true(ui_deny_non_user(ui));
	assert_ptr_equal(ui_top(ui)->ops, &denied_screen);
	assert_int_equal(ui_depth(ui), 1);
	assert_non_null(strstr(((struct denied_state *)ui_top(ui)->state)->msg,
			       "you (zoe) are not a user of"));
	ui_dispatch_key(ui, &(struct key_event){.key = ':'});
	assert_ptr_equal(ui_top(ui)->ops, &denied_screen);
	assert_non_null(strstr(ui_message_text(ui, &is_error), "'csm user add zoe'"));
	assert_true(is_error);
	ui_dispatch_key(ui, &(struct key_event){.key = '?'});
	assert_int_equal(ui_depth(ui), 1);
	assert_false(ui_quitting(ui));
	ui_free(&ui);
	config_fini(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_admin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_user, setup, teardown),
		cmocka_unit_test_setup_teardown(test_as, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_admin, setup, teardown),
		cmocka_unit_test(test_roles_text),
		cmocka_unit_test_setup_teardown(test_console_gate, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
