/* test_ui_customer_edit.c - the customer edit screen without a terminal:
 * a new account from the lookup's text, editing an account (and its
 * parent) from the customer screen, a validation message at the field with
 * nothing written, Esc with unsaved changes asking first, adding a contact
 * to an account and a member to a household, a new consumer in b2c and the
 * b2b2c question. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "ui/screens/customer.h"
#include "ui/screens/customer_edit.h"
#include "ui/screens/lookup.h"
#include "ui/ui.h"
#include "util/xalloc.h"

struct fixture {
	char path[256];        /* the temporary database */
	struct store *s;       /* open on path */
	struct csm_config cfg; /* defaults, model set by each setup */
	struct ui *ui;         /* the console */
};

static int setup_model(void **state, enum business_model model)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct csm_error err = {0};

	f->s = test_store_new(f->path, model);
	test_exec(f->s, "INSERT INTO account(id, number, name, code, phone) VALUES "
			"(1, 'ACCT0000001', 'Acme Holding', 'ACMEH', '+1 555 0100'),"
			"(2, 'ACCT0000002', 'Globex', 'GLX', '+1 555 0101')");
	test_exec(f->s, "INSERT INTO contact(id, number, account_id, first_name, last_name) "
			"VALUES (1, 'CT0000001', 1, 'Ann', 'Lovelace')");
	test_exec(f->s, "INSERT INTO consumer(id, number, first_name, last_name) VALUES "
			"(1, 'CON0000001', 'Jane', 'Doe'), (2, 'CON0000002', 'John', 'Roe')");
	test_exec(f->s, "INSERT INTO household(id, number, name) VALUES "
			"(1, 'HOLD0000001', 'Doe family')");
	test_exec(f->s, "INSERT INTO household_member(household_id, consumer_id, start_date) "
			"VALUES (1, 1, '2020-01-01')");
	test_exec(f->s, "UPDATE household SET head_consumer_id = 1 WHERE id = 1");
	config_init(&f->cfg);
	f->cfg.model = model;
	f->ui = ui_new(f->s, &f->cfg, f->path, &err);
	if (!f->ui)
		fail_msg("ui_new: %s", err.msg);
	ui_layout(f->ui, 22, 80);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_model(state, MODEL_B2B);
}

static int setup_b2c(void **state)
{
	return setup_model(state, MODEL_B2C);
}

static int setup_b2b2c(void **state)
{
	return setup_model(state, MODEL_B2B2C);
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
	ui_idle(ui);
}

static void type(struct ui *ui, const char *s)
{
	for (; *s; s++)
		key(ui, (unsigned char)*s);
}

static struct customer_edit_state *edit_state(struct fixture *f)
{
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_edit_screen);
	return ui_top(f->ui)->state;
}

/* Moves the focus to the field named name with Tab. */
static void focus(struct fixture *f, const char *name)
{
	struct customer_edit_state *st = edit_state(f);

	for (size_t i = 0; i < st->form.n + 1; i++) {
		if (!st->on_save && strcmp(st->form.fields[st->form.focus].name, name) == 0)
			return;
		key(f->ui, KEYCODE_TAB);
	}
	fail_msg("no field %s", name);
}

/* Focuses a text field, clears it (C-u) and types text. */
static void set_text(struct fixture *f, const char *name, const char *text)
{
	focus(f, name);
	key(f->ui, 21); /* C-u */
	type(f->ui, text);
}

static void save(struct fixture *f)
{
	key(f->ui, KEYCODE_FN | KEY_F(2));
}

/* The lookup: type a name nobody has, then C-n. */
static void test_new_account_from_lookup(void **state)
{
	struct fixture *f = *state;
	struct customer_edit_state *st;
	struct customer_state *cust;

	type(f->ui, "Initech Systems");
	key(f->ui, 14); /* C-n */
	st = edit_state(f);
	assert_int_equal(st->mode, CEDIT_NEW);
	assert_int_equal(st->kind, SK_ACCOUNT);
	assert_string_equal(form_value(&st->form, "name"), "Initech Systems");
	assert_true(form_field(&st->form, "name")->required);
	assert_false(form_dirty(&st->form)); /* filled in, not typed */
	set_text(f, "code", "INI");
	set_text(f, "phone", "+1 555 0199");
	save(f);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM account WHERE name = "
					      "'Initech Systems' AND code = 'INI' AND "
					      "phone = '+1 555 0199'"),
			 1);
	/* The new account's customer screen replaced the form. */
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	cust = ui_top(f->ui)->state;
	assert_string_equal(cust->name, "Initech Systems");
	assert_string_equal(ui_message_text(f->ui, NULL), "Saved ACCT0000003");
	assert_string_equal(cust->number, "ACCT0000003");
	assert_int_equal(ui_depth(f->ui), 2);
}

static void test_lookup_text_that_is_no_name(void **state)
{
	struct fixture *f = *state;
	struct customer_edit_state *st;

	type(f->ui, "ACCT0000099");
	key(f->ui, 14);
	st = edit_state(f);
	assert_string_equal(form_value(&st->form, "name"), "");
	ui_pop(f->ui);
	key(f->ui, 21);
	type(f->ui, "x@example.com");
	key(f->ui, 14);
	assert_string_equal(form_value(&edit_state(f)->form, "name"), "");
	ui_pop(f->ui);
	key(f->ui, 21);
	type(f->ui, "+1 555 0100");
	key(f->ui, 14);
	assert_string_equal(form_value(&edit_state(f)->form, "name"), "");
}

/* e on an account: change the phone and the parent; the customer screen
 * shows the change; the audit log has it. */
static void test_edit_account(void **state)
{
	struct fixture *f = *state;
	struct customer_edit_state *st;
	struct customer_state *cust;
	long long audit_before = test_query_int(f->s, "SELECT count(*) FROM audit_log");
	char *phone;

	ui_open_record(f->ui, SK_ACCOUNT, 2, "ACCT0000002");
	key(f->ui, 'e');
	st = edit_state(f);
	assert_int_equal(st->mode, CEDIT_EDIT);
	assert_string_equal(form_value(&st->form, "name"), "Globex");
	assert_string_equal(form_value(&st->form, "code"), "GLX");
	assert_string_equal(form_value(&st->form, "customer"), "yes");
	set_text(f, "phone", "+1 555 0202");
	/* The parent is picked as you type. */
	focus(f, "parent");
	type(f->ui, "Acme");
	assert_true(form_field(&st->form, "parent")->n_options >= 1);
	key(f->ui, KEYCODE_ENTER);
	assert_string_equal(form_value(&st->form, "parent"), "ACCT0000001  Acme Holding");
	save(f);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	assert_string_equal(ui_message_text(f->ui, NULL), "Saved ACCT0000002");
	phone = test_query_text(f->s, "SELECT phone FROM account WHERE id = 2");
	assert_string_equal(phone, "+1 555 0202");
	free(phone);
	assert_int_equal(test_query_int(f->s, "SELECT parent_id FROM account WHERE id = 2"), 1);
	assert_true(test_query_int(f->s, "SELECT count(*) FROM audit_log WHERE field = 'phone' "
					 "AND new_value = '+1 555 0202'") == 1);
	assert_true(test_query_int(f->s, "SELECT count(*) FROM audit_log") > audit_before);
	/* The customer screen below reloaded: its facts show the new phone. */
	cust = ui_top(f->ui)->state;
	bool shown = false;
	for (size_t i = 0; i < cust->n_facts; i++)
		if (strstr(cust->facts[i], "+1 555 0202"))
			shown = true;
	assert_true(shown);
}

/* A bad email is refused at the field and nothing is written. */
static void test_validation_at_the_field(void **state)
{
	struct fixture *f = *state;
	struct customer_edit_state *st;
	const struct form_field *email;
	long long audit_before = test_query_int(f->s, "SELECT count(*) FROM audit_log");

	ui_open_record(f->ui, SK_CONTACT, 1, "CT0000001");
	key(f->ui, 'e');
	st = edit_state(f);
	email = form_field(&st->form, "email");
	set_text(f, "email", "ann-at-example");
	set_text(f, "title", "CTO");
	save(f);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_edit_screen);
	assert_non_null(strstr(email->error, "is not an address"));
	assert_string_equal(st->form.fields[st->form.focus].name, "email");
	assert_string_equal(form_field(&st->form, "title")->error, "");
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM contact WHERE email IS NOT NULL "
					      "OR title IS NOT NULL"),
			 0);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM audit_log"), audit_before);
	/* A required field emptied is refused before the domain is asked. */
	set_text(f, "email", "ann@example.com");
	set_text(f, "last name", "");
	save(f);
	assert_string_equal(form_field(&st->form, "last name")->error, "required");
	type(f->ui, "Lovelace-King");
	save(f);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM contact WHERE email = "
					      "'ann@example.com' AND last_name = 'Lovelace-King'"),
			 1);
}

/* A domain message without "<what>: <field>" (a taken code) still lands
 * at its field. */
static void test_code_taken_at_the_field(void **state)
{
	struct fixture *f = *state;
	struct customer_edit_state *st;
	char *code;

	ui_open_record(f->ui, SK_ACCOUNT, 2, "ACCT0000002");
	key(f->ui, 'e');
	st = edit_state(f);
	set_text(f, "code", "ACMEH");
	save(f);
	assert_non_null(strstr(form_field(&st->form, "code")->error, "already used by ACCT0000001"));
	code = test_query_text(f->s, "SELECT code FROM account WHERE id = 2");
	assert_string_equal(code, "GLX");
	free(code);
}

/* Esc with unsaved changes asks; n stays, y leaves without writing. */
static void test_dirty_esc_asks(void **state)
{
	struct fixture *f = *state;
	struct customer_edit_state *st;

	ui_open_record(f->ui, SK_ACCOUNT, 1, "ACCT0000001");
	key(f->ui, 'e');
	st = edit_state(f);
	/* Unchanged: Esc just leaves. */
	key(f->ui, KEYCODE_ESC);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	key(f->ui, 'e');
	st = edit_state(f);
	type(f->ui, " Group");
	assert_true(form_dirty(&st->form));
	key(f->ui, KEYCODE_ESC);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_edit_screen); /* asked, not closed */
	key(f->ui, 'n');
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_edit_screen);
	key(f->ui, KEYCODE_ESC);
	key(f->ui, 'y');
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM account WHERE name = "
					      "'Acme Holding'"),
			 1);
}

/* a on an account: a new contact of that account. */
static void test_add_contact(void **state)
{
	struct fixture *f = *state;
	struct customer_edit_state *st;
	struct customer_state *cust;

	ui_open_record(f->ui, SK_ACCOUNT, 2, "ACCT0000002");
	key(f->ui, 'a');
	st = edit_state(f);
	assert_int_equal(st->mode, CEDIT_NEW);
	assert_int_equal(st->kind, SK_CONTACT);
	assert_string_equal(form_value(&st->form, "account"), "ACCT0000002  Globex");
	/* The focus starts at the first name. */
	assert_string_equal(st->form.fields[st->form.focus].name, "first name");
	type(f->ui, "Hank");
	set_text(f, "last name", "Scorpio");
	set_text(f, "email", "hank@globex.example");
	save(f);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM contact WHERE account_id = 2 "
					      "AND first_name = 'Hank' AND last_name = 'Scorpio' "
					      "AND email = 'hank@globex.example'"),
			 1);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	cust = ui_top(f->ui)->state;
	assert_string_equal(cust->number, "ACCT0000002");
	assert_int_equal(cust->list.n, 1); /* the contacts tab shows the new one */
	assert_string_equal(ui_message_text(f->ui, NULL), "Saved CT0000002");
}

/* a on a household: a consumer picked as you type, a start date, primary. */
static void test_add_member(void **state)
{
	struct fixture *f = *state;
	struct customer_edit_state *st;
	char *start;

	ui_open_record(f->ui, SK_HOUSEHOLD, 1, "HOLD0000001");
	key(f->ui, 'a');
	st = edit_state(f);
	assert_int_equal(st->mode, CEDIT_ADD_MEMBER);
	assert_true(form_field(&st->form, "consumer")->required);
	/* Nothing picked: refused at the field. */
	save(f);
	assert_string_equal(form_field(&st->form, "consumer")->error, "required");
	type(f->ui, "Roe");
	assert_int_equal(form_field(&st->form, "consumer")->n_options, 1);
	key(f->ui, KEYCODE_ENTER);
	assert_string_equal(form_value(&st->form, "consumer"), "CON0000002  John Roe");
	set_text(f, "start date", "2024-13-01");
	save(f);
	assert_non_null(strstr(form_field(&st->form, "start date")->error, "is not a date"));
	set_text(f, "start date", "2024-03-01");
	focus(f, "primary");
	key(f->ui, ' ');
	assert_string_equal(form_value(&st->form, "primary"), "yes");
	save(f);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM household_member WHERE "
					      "household_id = 1 AND consumer_id = 2 AND "
					      "is_primary = 1"),
			 1);
	start = test_query_text(f->s, "SELECT start_date FROM household_member WHERE consumer_id = 2");
	assert_string_equal(start, "2024-03-01");
	free(start);
	/* Adding the same consumer over the same period is refused at the field. */
	key(f->ui, 'a');
	st = edit_state(f);
	type(f->ui, "Roe");
	key(f->ui, KEYCODE_ENTER);
	save(f);
	assert_non_null(strstr(form_field(&st->form, "consumer")->error, "already a member"));
}

/* e on a household: the head is picked among its current members. */
static void test_edit_household_head(void **state)
{
	struct fixture *f = *state;
	struct customer_edit_state *st;

	test_exec(f->s, "INSERT INTO household_member(household_id, consumer_id, start_date) "
			"VALUES (1, 2, '2021-01-01')");
	ui_open_record(f->ui, SK_HOUSEHOLD, 1, "HOLD0000001");
	key(f->ui, 'e');
	st = edit_state(f);
	assert_string_equal(form_value(&st->form, "head"), "CON0000001  Jane Doe");
	set_text(f, "name", "Doe-Roe family");
	focus(f, "head");
	type(f->ui, "Roe");
	key(f->ui, KEYCODE_ENTER);
	save(f);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	assert_int_equal(test_query_int(f->s, "SELECT head_consumer_id FROM household WHERE id = 1"), 2);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM household WHERE "
					      "name = 'Doe-Roe family'"),
			 1);
}

/* b2c: n creates a consumer, the typed name split into first and last. */
static void test_new_consumer_b2c(void **state)
{
	struct fixture *f = *state;
	struct customer_edit_state *st;

	type(f->ui, "Mary Ann Smith");
	key(f->ui, 14);
	st = edit_state(f);
	assert_int_equal(st->kind, SK_CONSUMER);
	assert_string_equal(form_value(&st->form, "first name"), "Mary");
	assert_string_equal(form_value(&st->form, "middle name"), "Ann");
	assert_string_equal(form_value(&st->form, "last name"), "Smith");
	set_text(f, "mobile phone", "call me");
	save(f);
	assert_non_null(strstr(form_field(&st->form, "mobile phone")->error, "phone number"));
	set_text(f, "mobile phone", "+44 7700 900123");
	save(f);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM consumer WHERE "
					      "last_name = 'Smith' AND mobile_phone = "
					      "'+44 7700 900123'"),
			 1);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	assert_string_equal(((struct customer_state *)ui_top(f->ui)->state)->number, "CON0000003");
}

/* b2b2c: n asks which kind first; Esc there goes back to the lookup. */
static void test_b2b2c_asks_which(void **state)
{
	struct fixture *f = *state;
	struct customer_edit_state *st;

	type(f->ui, "Wayne");
	key(f->ui, 14);
	st = edit_state(f);
	assert_false(st->ready);
	assert_true(dialog_active(&st->dlg));
	key(f->ui, KEYCODE_ESC);
	assert_int_equal(ui_depth(f->ui), 1);
	key(f->ui, 14);
	st = edit_state(f);
	key(f->ui, KEYCODE_FN | KEY_DOWN);
	key(f->ui, KEYCODE_ENTER);
	assert_true(st->ready);
	assert_int_equal(st->kind, SK_CONSUMER);
	assert_string_equal(form_value(&st->form, "last name"), "Wayne");
	save(f);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM consumer WHERE "
					      "last_name = 'Wayne'"),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_account_from_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookup_text_that_is_no_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edit_account, setup, teardown),
		cmocka_unit_test_setup_teardown(test_validation_at_the_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_code_taken_at_the_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dirty_esc_asks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_contact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_member, setup_b2c, teardown),
		cmocka_unit_test_setup_teardown(test_edit_household_head, setup_b2c, teardown),
		cmocka_unit_test_setup_teardown(test_new_consumer_b2c, setup_b2c, teardown),
		cmocka_unit_test_setup_teardown(test_b2b2c_asks_which, setup_b2b2c, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
