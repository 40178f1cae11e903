/* test_ui_parties.c - the related-parties screen without a terminal: the
 * list with its access sentences, adding a party (type, picker by search
 * and by list, relationship name), changing the responsibility, removing
 * with confirmation, the audit rows, and a closed case that refuses. */
#include "helpers.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "domain/domain.h"
#include "ui/screens/parties.h"
#include "ui/ui.h"
#include "util/xalloc.h"

struct fixture {
	char path[256];        /* the temporary database */
	struct store *s;       /* open on path */
	struct csm_config cfg; /* defaults (b2b) */
	struct ui *ui;         /* the console */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct csm_error err = {0};

	f->s = test_store_new(f->path, MODEL_B2B);
	if (domain_setup_database(f->s, MODEL_B2B, "telecom", &err) < 0)
		fail_msg("setup: %s", err.msg);
	test_exec(f->s,
		  "INSERT INTO account(id, number, name) VALUES (1, 'ACCT0000001', 'Acme');"
		  "INSERT INTO contact(id, number, account_id, first_name, last_name) VALUES "
		  "(1, 'CT0000001', 1, 'Jane', 'Doerr'), (2, 'CT0000002', 1, 'Hugo', 'Brandt');"
		  "INSERT INTO user(id, login, name) VALUES (1, 'alice', 'Alice Agent'),"
		  "(2, 'bob', 'Bob Builder'), (3, 'carol', 'Carol Tech');"
		  "INSERT INTO service_organization(id, number, name) VALUES "
		  "(1, 'SO0000001', 'Field Office North');"
		  "INSERT INTO location(id, name, type) VALUES (1, 'Land', 'country');"
		  "INSERT INTO install_base_item(id, number, name, account_id, location_id) VALUES "
		  "(1, 'IB0000001', 'Router', 1, 1);"
		  "INSERT INTO cases(id, number, short_description, account_id, state) VALUES "
		  "(1, 'CS0000001', 'Done already', 1, 'closed');");
	config_init(&f->cfg);
	f->ui = ui_new(f->s, &f->cfg, f->path, &err);
	if (!f->ui)
		fail_msg("ui_new: %s", err.msg);
	ui_layout(f->ui, 22, 80);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	ui_free(&f->ui);
	config_fini(&f->cfg);
	test_store_free(&f->s, f->path);
	free(f);
	return 0;
}

static void key(struct ui *ui, unsigned k)
{
	ui_dispatch_key(ui, &(struct key_event){.key = k});
}

static void type(struct ui *ui, const char *s)
{
	for (; *s; s++)
		key(ui, (unsigned char)*s);
}

static struct parties_state *open_on(struct fixture *f, enum search_kind kind, const char *number)
{
	struct screen_arg arg = {.kind = kind, .number = number};

	assert_int_equal(ui_push(f->ui, &parties_screen, &arg), 0);
	assert_ptr_equal(ui_top(f->ui)->ops, &parties_screen);
	return ui_top(f->ui)->state;
}

/* Picks the type named name in the open type question. */
static void choose_type(struct fixture *f, struct parties_state *st, const char *name)
{
	size_t k = st->types.n;

	assert_int_equal(st->dlg.kind, DIALOG_PICK);
	for (size_t i = 0; i < st->types.n; i++)
		if (strcmp(st->types.items[i].name, name) == 0)
			k = i;
	if (k == st->types.n)
		fail_msg("no related party type '%s' for this host", name);
	for (size_t i = 0; i < k; i++)
		key(f->ui, KEYCODE_FN | KEY_DOWN);
	key(f->ui, KEYCODE_ENTER);
	assert_true(st->picking);
	assert_int_equal(st->dlg.kind, DIALOG_NONE);
}

static const struct pick_entry *picked(const struct parties_state *st)
{
	const struct list_row *r = list_selected(&st->pick);
	return r ? r->data : NULL;
}

static void test_add_change_remove(void **state)
{
	struct fixture *f = *state;
	struct parties_state *st = open_on(f, SK_INSTALL_BASE, "IB0000001");
	bool is_error;
	char *v;

	assert_int_equal(st->n, 0);
	assert_int_equal(st->host.kind, HOST_INSTALL_BASE);
	assert_false(st->host.read_only);

	/* Add: type, then the picker searches contacts as you type. */
	key(f->ui, 'a');
	choose_type(f, st, "Site Contact");
	type(f->ui, "doer");
	assert_true(ui_top(f->ui)->pending);
	ui_idle(f->ui);
	assert_non_null(picked(st));
	assert_string_equal(picked(st)->key, "CT0000001");
	assert_string_equal(picked(st)->name, "Jane Doerr");
	key(f->ui, KEYCODE_ENTER);
	assert_false(st->picking);
	assert_int_equal(st->dlg.kind, DIALOG_INPUT);
	type(f->ui, "site owner");
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.kind, DIALOG_NONE);
	assert_int_equal(st->n, 1);
	assert_string_equal(st->parties.items[0].party_number, "CT0000001");
	assert_string_equal(st->parties.items[0].relationship_name, "site owner");
	assert_string_equal(st->sentences[0], "Listed only: grants no access");
	assert_non_null(strstr(ui_message_text(f->ui, &is_error), "Added Jane Doerr (CT0000001)"));
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM related_party WHERE "
					      "install_base_item_id = 1 AND contact_id = 1 AND "
					      "relationship_name = 'site owner'"),
			 1);
	assert_true(test_query_int(f->s, "SELECT count(*) FROM audit_log WHERE table_name = "
					 "'related_party' AND action = 'insert'") >= 1);

	/* Change the responsibility: the question starts on the current one
	 * (none), the new one grants access and the sentence says so. */
	key(f->ui, 'e');
	assert_int_equal(st->dlg.kind, DIALOG_PICK);
	assert_int_equal(dialog_choice(&st->dlg), 0);
	{
		size_t k = 0;
		for (size_t i = 0; i < st->resps.n; i++)
			if (strcmp(st->resps.items[i].name, "Authorized Representative") == 0)
				k = i + 1;
		assert_true(k > 0);
		for (size_t i = 0; i < k; i++)
			key(f->ui, KEYCODE_FN | KEY_DOWN);
	}
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.kind, DIALOG_NONE);
	assert_string_equal(st->parties.items[0].responsibility, "Authorized Representative");
	assert_string_equal(st->sentences[0], "Can see IB0000001, its child items and their cases");
	v = test_query_text(f->s, "SELECT r.name FROM related_party p JOIN responsibility r "
				  "ON r.id = p.responsibility_id WHERE p.install_base_item_id = 1");
	assert_string_equal(v, "Authorized Representative");
	free(v);
	assert_true(test_query_int(f->s, "SELECT count(*) FROM audit_log WHERE table_name = "
					 "'related_party' AND action = 'update' AND "
					 "field = 'responsibility_id'") >= 1);

	/* Remove: n keeps it, y removes it. */
	key(f->ui, 'd');
	assert_int_equal(st->dlg.kind, DIALOG_CONFIRM);
	assert_non_null(strstr(st->dlg.title, "Remove Jane Doerr (Site Contact) from IB0000001?"));
	key(f->ui, 'n');
	assert_int_equal(st->dlg.kind, DIALOG_NONE);
	assert_int_equal(st->n, 1);
	key(f->ui, 'd');
	key(f->ui, 'y');
	assert_int_equal(st->n, 0);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM related_party"), 0);
	assert_true(test_query_int(f->s, "SELECT count(*) FROM audit_log WHERE table_name = "
					 "'related_party' AND action = 'delete'") >= 1);
}

static void test_user_picker_lists_from_typed_login(void **state)
{
	struct fixture *f = *state;
	struct parties_state *st = open_on(f, SK_INSTALL_BASE, "IB0000001");

	key(f->ui, 'a');
	choose_type(f, st, "Preferred Technician");
	/* Users are listed (no search kind) from the start ... */
	assert_non_null(picked(st));
	assert_string_equal(picked(st)->key, "alice");
	/* ... and typing positions the list at that login. */
	type(f->ui, "bo");
	ui_idle(f->ui);
	assert_string_equal(picked(st)->key, "bob");
	key(f->ui, KEYCODE_FN | KEY_DOWN);
	assert_string_equal(picked(st)->key, "carol");
	key(f->ui, KEYCODE_ENTER);
	key(f->ui, KEYCODE_ENTER); /* no relationship name */
	assert_int_equal(st->n, 1);
	assert_string_equal(st->parties.items[0].party_number, "carol");
	assert_null(st->parties.items[0].relationship_name);
}

static void test_service_org_picker_and_esc(void **state)
{
	struct fixture *f = *state;
	struct parties_state *st = open_on(f, SK_INSTALL_BASE, "IB0000001");
	bool is_error;

	key(f->ui, 'a');
	choose_type(f, st, "Maintainer");
	assert_non_null(picked(st));
	assert_string_equal(picked(st)->key, "SO0000001");
	/* Esc leaves the picker and adds nothing. */
	key(f->ui, KEYCODE_ESC);
	assert_false(st->picking);
	assert_int_equal(st->n, 0);
	assert_string_equal(ui_message_text(f->ui, &is_error), "Nothing added");
	/* A search with no match offers nothing to pick. */
	key(f->ui, 'a');
	choose_type(f, st, "Site Contact");
	type(f->ui, "zzzz");
	ui_idle(f->ui);
	assert_null(picked(st));
	key(f->ui, KEYCODE_ENTER);
	assert_true(st->picking);
}

static void test_closed_case_is_read_only(void **state)
{
	struct fixture *f = *state;
	struct parties_state *st = open_on(f, SK_CASE, "CS0000001");
	bool is_error;

	assert_true(st->host.read_only);
	key(f->ui, 'a');
	assert_int_equal(st->dlg.kind, DIALOG_NONE);
	assert_false(st->picking);
	assert_string_equal(ui_message_text(f->ui, &is_error),
			    "CS0000001 is closed: its related parties can no longer change");
	assert_true(is_error);
	key(f->ui, 'd');
	assert_int_equal(st->dlg.kind, DIALOG_NONE);
}

static void test_open_needs_a_host(void **state)
{
	struct fixture *f = *state;
	struct screen_arg arg = {.kind = SK_INSTALL_BASE, .number = "IB0009999"};
	bool is_error;

	assert_int_equal(ui_push(f->ui, &parties_screen, &arg), -1);
	assert_int_equal(ui_depth(f->ui), 1);
	assert_non_null(strstr(ui_message_text(f->ui, &is_error), "IB0009999"));
	/* By id, for callers that know only the item's row. */
	arg.number = NULL;
	arg.id = 1;
	assert_int_equal(ui_push(f->ui, &parties_screen, &arg), 0);
	assert_string_equal(((struct parties_state *)ui_top(f->ui)->state)->host.number,
			    "IB0000001");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_change_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_picker_lists_from_typed_login, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_service_org_picker_and_esc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed_case_is_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_needs_a_host, setup, teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
