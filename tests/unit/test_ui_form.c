/* test_ui_form.c - the form widget without a terminal: text, choice and
 * picker fields, errors, required fields, dirty tracking, cursor rows. */
#include "helpers.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ui/form.h"
#include "util/xalloc.h"

static const char *const channels[] = {"phone", "email", "web", "walk-in"};

/* Offers every name of a small list that starts with text. */
static int fake_lookup(void *ctx, const struct form_field *field, const char *text, size_t limit,
		       struct form_option **out, size_t *n, struct csm_error *err)
{
	static const char *const names[] = {"Acme Télécom", "Acme Industries", "Zoë Café"};
	int *calls = ctx;
	(void)field;

	++*calls;
	if (strcmp(text, "boom") == 0)
		return csm_error_set(err, CSM_EX_IOERR, "database is busy");
	*out = xcalloc(3, sizeof **out);
	*n = 0;
	for (size_t i = 0; i < 3 && *n < limit; i++)
		if (strncmp(names[i], text, strlen(text)) == 0) {
			(*out)[*n].id = (int64_t)i + 1;
			(*out)[*n].label = xstrdup(names[i]);
			(*out)[(*n)++].detail = xasprintf("ACCT%07zu", i + 1);
		}
	return 0;
}

static void send(struct form *f, enum action a, unsigned key)
{
	form_handle(f, a, &(struct key_event){.key = key});
}

static void type(struct form *f, const char *s)
{
	for (; *s; s++)
		send(f, ACT_INSERT, (unsigned char)*s);
}

static void test_text_choice_and_dirty(void **state)
{
	struct form f;
	(void)state;

	form_init(&f, NULL, NULL);
	form_add_text(&f, "short", "Short description", true, "");
	form_add_choice(&f, "channel", "Channel", channels, 4, 0);
	assert_false(form_dirty(&f));
	assert_false(form_check_required(&f));
	assert_string_equal(form_field(&f, "short")->error, "required");
	type(&f, "No dial tone");
	assert_string_equal(form_value(&f, "short"), "No dial tone");
	assert_string_equal(form_field(&f, "short")->error, ""); /* typing clears it */
	assert_true(form_dirty(&f));
	assert_true(form_check_required(&f));
	send(&f, ACT_NEXT_FIELD, 0);
	assert_int_equal(f.focus, 1);
	send(&f, ACT_CHOICE_NEXT, 0);
	assert_string_equal(form_value(&f, "channel"), "email");
	send(&f, ACT_CHOICE_PREV, 0);
	send(&f, ACT_CHOICE_PREV, 0);
	assert_string_equal(form_value(&f, "channel"), "walk-in");
	send(&f, ACT_INSERT, 'w');
	assert_string_equal(form_value(&f, "channel"), "web");
	send(&f, ACT_NEXT_FIELD, 0);
	assert_int_equal(f.focus, 0); /* wraps */
	form_mark_clean(&f);
	assert_false(form_dirty(&f));
	form_set_error(&f, "channel", "not allowed for this contract");
	assert_string_equal(form_field(&f, "channel")->error, "not allowed for this contract");
	form_clear_errors(&f);
	assert_string_equal(form_field(&f, "channel")->error, "");
	assert_null(form_field(&f, "nope"));
	assert_string_equal(form_value(&f, "nope"), "");
	form_fini(&f);
}

static void test_picker(void **state)
{
	struct form f;
	struct form_field *acct;
	int calls = 0, cy, cx;
	(void)state;

	form_init(&f, fake_lookup, &calls);
	form_add_text(&f, "short", "Short", false, "x");
	acct = form_add_picker(&f, "account", "Account", true);
	send(&f, ACT_NEXT_FIELD, 0);
	type(&f, "Acme");
	assert_true(f.pending);
	assert_int_equal(calls, 0); /* searches wait for form_update() */
	form_update(&f);
	assert_int_equal(calls, 1);
	assert_int_equal(acct->n_options, 2);
	send(&f, ACT_CHOICE_NEXT, 0);
	send(&f, ACT_CHOICE_NEXT, 0); /* clamps at the last candidate */
	assert_int_equal(acct->option, 1);
	/* The candidates take rows under the field: the cursor row of the
	 * focused picker is unaffected, the next field's is. */
	form_cursor(&f, 2, 0, 10, &cy, &cx);
	assert_int_equal(cy, 3);
	assert_int_equal(cx, 11 + 4);
	send(&f, ACT_ACCEPT, 0);
	assert_int_equal(acct->picked_id, 2);
	assert_string_equal(form_value(&f, "account"), "Acme Industries");
	assert_int_equal(acct->n_options, 0);
	assert_true(form_check_required(&f));
	/* Nothing found and failed searches become the field's error. */
	type(&f, "Q");
	form_update(&f);
	assert_string_equal(acct->error, "no match for 'Q'");
	send(&f, ACT_DELETE_BACK, 0);
	type(&f, "boom");
	form_update(&f);
	assert_string_equal(acct->error, "database is busy");
	/* Accept with no candidates is left to the screen (e.g. save). */
	assert_false(form_handle(&f, ACT_ACCEPT, NULL));
	form_pick(acct, 0, NULL);
	assert_string_equal(form_value(&f, "account"), "");
	form_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_choice_and_dirty),
		cmocka_unit_test(test_picker),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
