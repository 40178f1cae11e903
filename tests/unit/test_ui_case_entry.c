/* test_ui_case_entry.c - case entry without a terminal: the customer filled
 * in from the customer screen, the entitlement filled in by itself when
 * exactly one matches, a choice when several, a warning when none or the
 * units are used up; required fields and domain errors at the field;
 * saving; Esc with unsaved changes asks first. */
#include "helpers.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ui/screens/case_entry.h"
#include "ui/screens/customer.h"
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
	test_exec(f->s, "INSERT INTO account(id, number, name) VALUES "
			"(1, 'ACCT0000001', 'Acme'), (2, 'ACCT0000002', 'Globex'),"
			"(3, 'ACCT0000003', 'Initech'), (4, 'ACCT0000004', 'Umbrella')");
	test_exec(f->s, "INSERT INTO contact(id, number, account_id, last_name) VALUES "
			"(1, 'CT0000001', 1, 'Lovelace')");
	/* Acme: exactly one; Globex: two; Initech: none; Umbrella: used up. */
	test_exec(f->s, "INSERT INTO entitlement(id, name, account_id) VALUES "
			"(1, 'Acme gold', 1), (2, 'Globex a', 2), (3, 'Globex b', 2)");
	test_exec(f->s, "INSERT INTO entitlement(id, name, account_id, per_unit, total_units, "
			"remaining_units) VALUES (4, 'Umbrella pack', 4, 'cases', 5, 0)");
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
	ui_idle(ui);
}

static void type(struct ui *ui, const char *s)
{
	for (; *s; s++)
		key(ui, (unsigned char)*s);
}

/* Opens the account's customer screen and presses c (new case). */
static struct case_entry_state *entry_for(struct fixture *f, int64_t account)
{
	ui_open_record(f->ui, SK_ACCOUNT, account, NULL);
	key(f->ui, 'c');
	assert_ptr_equal(ui_top(f->ui)->ops, &case_entry_screen);
	return ui_top(f->ui)->state;
}

static int64_t chosen_entitlement(const struct case_entry_state *st)
{
	const struct form_field *e = form_field(&st->form, "entitlement");
	return st->ent_ids[e->choice];
}

static bool notes_say(const struct case_entry_state *st, const char *text)
{
	for (size_t i = 0; i < st->n_notes; i++)
		if (strstr(st->notes[i], text))
			return true;
	return false;
}

static void test_one_entitlement_filled_in(void **state)
{
	struct fixture *f = *state;
	struct case_entry_state *st = entry_for(f, 1);

	assert_string_equal(form_value(&st->form, "customer"), "ACCT0000001  Acme");
	assert_int_equal(chosen_entitlement(st), 1);
	assert_true(notes_say(st, "'Acme gold' (id 1) filled in"));
	assert_false(st->notes_warn);
	assert_false(form_dirty(&st->form)); /* filled in, not typed */
}

static void test_several_offer_a_choice(void **state)
{
	struct fixture *f = *state;
	struct case_entry_state *st = entry_for(f, 2);

	assert_int_equal(chosen_entitlement(st), 0);
	assert_int_equal(st->n_ent, 3); /* (none) and the two */
	assert_true(notes_say(st, "2 entitlements cover this case; choose one"));
}

static void test_none_and_used_up_warn(void **state)
{
	struct fixture *f = *state;
	struct case_entry_state *st = entry_for(f, 3);

	assert_true(st->notes_warn);
	assert_true(notes_say(st, "no entitlement covers this case"));
	ui_pop(f->ui);
	ui_pop(f->ui);
	st = entry_for(f, 4);
	assert_true(st->notes_warn);
	assert_true(notes_say(st, "has no units left"));
	assert_int_equal(chosen_entitlement(st), 0);
}

static void test_required_then_save(void **state)
{
	struct fixture *f = *state;
	struct case_entry_state *st = entry_for(f, 1);
	const struct form_field *sd = form_field(&st->form, "short description");

	/* The focus starts on the short description (the customer is known). */
	assert_string_equal(st->form.fields[st->form.focus].name, "short description");
	key(f->ui, KEYCODE_FN | KEY_F(2));
	assert_string_equal(sd->error, "required");
	assert_ptr_equal(ui_top(f->ui)->ops, &case_entry_screen);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM cases"), 0);

	type(f->ui, "Router reboots");
	assert_string_equal(sd->error, ""); /* typing clears the complaint */
	key(f->ui, 19); /* C-s */
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM cases"), 1);
	assert_int_equal(test_query_int(f->s, "SELECT entitlement_id FROM cases"), 1);
	assert_int_equal(test_query_int(f->s, "SELECT account_id FROM cases"), 1);
	assert_string_equal(ui_message_text(f->ui, NULL), "Case CS0000001 saved");
	assert_ptr_not_equal(ui_top(f->ui)->ops, &case_entry_screen);
	/* The customer screen below counted the new case when it came back. */
	ui_pop(f->ui);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	assert_non_null(strstr(((struct customer_state *)ui_top(f->ui)->state)->facts[2],
			       "Open cases: 1"));
}

static void test_domain_error_at_field(void **state)
{
	struct fixture *f = *state;
	struct case_entry_state *st;
	bool is_error;

	ui_open_record(f->ui, SK_CONTACT, 1, NULL);
	key(f->ui, 'c');
	st = ui_top(f->ui)->state;
	assert_string_equal(form_value(&st->form, "contact"), "CT0000001  Lovelace");
	type(f->ui, "Broken");
	test_exec(f->s, "UPDATE contact SET active = 0 WHERE id = 1");
	key(f->ui, KEYCODE_FN | KEY_F(2));
	assert_string_equal(form_field(&st->form, "contact")->error,
			    "contact CT0000001 is inactive");
	assert_string_equal(st->form.fields[st->form.focus].name, "contact");
	assert_non_null(strstr(ui_message_text(f->ui, &is_error), "Not saved"));
	assert_true(is_error);
}

static void test_fields_and_choices(void **state)
{
	struct fixture *f = *state;
	struct case_entry_state *st = entry_for(f, 1);

	/* Down through the fields to the priority, then Right cycles it. */
	while (strcmp(st->form.fields[st->form.focus].name, "priority") != 0)
		key(f->ui, KEYCODE_TAB);
	assert_string_equal(form_value(&st->form, "priority"), "4 low");
	key(f->ui, KEYCODE_FN | KEY_RIGHT);
	assert_string_equal(form_value(&st->form, "priority"), "1 critical");
	key(f->ui, KEYCODE_FN | KEY_LEFT);
	key(f->ui, KEYCODE_FN | KEY_LEFT);
	assert_string_equal(form_value(&st->form, "priority"), "3 moderate");
	/* Tab past the last field lands on Save; Enter there saves. */
	while (!st->on_save)
		key(f->ui, KEYCODE_TAB);
	key(f->ui, KEYCODE_ENTER);
	assert_ptr_equal(ui_top(f->ui)->ops, &case_entry_screen); /* description missing */
	assert_string_equal(st->form.fields[st->form.focus].name, "short description");
	type(f->ui, "Slow line");
	while (!st->on_save)
		key(f->ui, KEYCODE_ENTER); /* Enter moves on field by field */
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(test_query_int(f->s, "SELECT priority FROM cases"), 3);
}

static void test_customer_picker(void **state)
{
	struct fixture *f = *state;
	struct case_entry_state *st;

	ui_push(f->ui, &case_entry_screen, NULL);
	st = ui_top(f->ui)->state;
	assert_string_equal(st->form.fields[st->form.focus].name, "customer");
	type(f->ui, "glob");
	assert_int_equal(form_field(&st->form, "customer")->n_options, 1);
	key(f->ui, KEYCODE_ENTER);
	assert_string_equal(form_value(&st->form, "customer"), "ACCT0000002  Globex");
	assert_int_equal(st->n_ent, 3); /* matched again for the new customer */
}

static void test_dirty_escape_asks(void **state)
{
	struct fixture *f = *state;
	struct case_entry_state *st = entry_for(f, 1);
	int depth = ui_depth(f->ui);

	(void)st;
	type(f->ui, "x");
	key(f->ui, KEYCODE_ESC);
	assert_int_equal(ui_depth(f->ui), depth); /* asked, not closed */
	key(f->ui, 'n');
	assert_int_equal(ui_depth(f->ui), depth);
	key(f->ui, KEYCODE_ESC);
	key(f->ui, 'y');
	assert_int_equal(ui_depth(f->ui), depth - 1);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	/* Untouched: Esc leaves at once. */
	key(f->ui, 'c');
	key(f->ui, KEYCODE_ESC);
	assert_int_equal(ui_depth(f->ui), depth - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_one_entitlement_filled_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_several_offer_a_choice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_none_and_used_up_warn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_required_then_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_domain_error_at_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fields_and_choices, setup, teardown),
		cmocka_unit_test_setup_teardown(test_customer_picker, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dirty_escape_asks, setup, teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
