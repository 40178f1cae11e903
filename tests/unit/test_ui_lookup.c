/* test_ui_lookup.c - the lookup screen and the console core without a
 * terminal: keys edit the query, the selection moves and clamps, queries
 * run when typing pauses, the command line and the help route. */
#include "helpers.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ui/screens/lookup.h"
#include "ui/ui.h"
#include "util/xalloc.h"

struct fixture {
	char path[256];           /* the temporary database */
	struct store *s;          /* open on path */
	struct csm_config cfg;    /* defaults (b2b) */
	struct ui *ui;            /* the console, lookup on top */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct csm_error err = {0};

	f->s = test_store_new(f->path, MODEL_B2B);
	test_exec(f->s, "INSERT INTO account(number, name, code, phone) VALUES "
			"('ACCT0000001', 'Acme Télécom', 'ACME', '+1 555 0100'),"
			"('ACCT0000002', 'Acme Industries', 'ACMEI', NULL),"
			"('ACCT0000003', '北京电信', 'BJT', NULL)");
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

static struct lookup_state *lookup(struct ui *ui)
{
	assert_ptr_equal(ui_top(ui)->ops, &lookup_screen);
	return ui_top(ui)->state;
}

static void test_typing_edits_the_query(void **state)
{
	struct fixture *f = *state;
	struct lookup_state *st = lookup(f->ui);

	assert_true(st->typing);
	type(f->ui, "abc");
	assert_string_equal(textline_get(&st->query), "abc");
	assert_true(ui_top(f->ui)->pending);
	key(f->ui, KEYCODE_FN | KEY_LEFT);
	key(f->ui, 'X');
	assert_string_equal(textline_get(&st->query), "abXc");
	key(f->ui, KEYCODE_FN | KEY_BACKSPACE);
	assert_string_equal(textline_get(&st->query), "abc");
	key(f->ui, KEYCODE_FN | KEY_HOME);
	key(f->ui, KEYCODE_FN | KEY_DC);
	assert_string_equal(textline_get(&st->query), "bc");
	key(f->ui, 21); /* C-u */
	assert_string_equal(textline_get(&st->query), "");
	/* Characters beyond ASCII, as get_wch() delivers them. */
	key(f->ui, 0xE9);
	key(f->ui, 0x5317);
	assert_string_equal(textline_get(&st->query), "\xc3\xa9\xe5\x8c\x97");
	assert_int_equal(textline_cursor_col(&st->query), 3);
	key(f->ui, KEYCODE_FN | KEY_LEFT);
	key(f->ui, KEYCODE_FN | KEY_BACKSPACE);
	assert_string_equal(textline_get(&st->query), "\xe5\x8c\x97");
	/* q types while in the search field: it does not quit. */
	key(f->ui, 'q');
	assert_false(ui_quitting(f->ui));
}

static void test_query_runs_when_idle(void **state)
{
	struct fixture *f = *state;
	struct lookup_state *st = lookup(f->ui);

	type(f->ui, "acme");
	assert_null(st->res_query); /* not while typing */
	ui_idle(f->ui);
	assert_false(ui_top(f->ui)->pending);
	assert_string_equal(st->res_query, "acme");
	assert_int_equal(st->res.n, 2);
	assert_int_equal(st->res.hits[0].kind, SK_ACCOUNT);
	type(f->ui, "zzz");
	ui_idle(f->ui);
	assert_int_equal(st->res.n, 0);
	assert_string_equal(st->res_query, "acmezzz");
	key(f->ui, 21);
	ui_idle(f->ui);
	assert_int_equal(st->res.n, 0);
}

static void test_enter_opens_after_typing(void **state)
{
	struct fixture *f = *state;
	bool is_error;

	/* Enter right after typing answers the text first, then opens. */
	type(f->ui, "ACCT0000003");
	key(f->ui, KEYCODE_ENTER);
	ui_message_text(f->ui, &is_error);
	assert_false(is_error);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
}

static struct search_result fake_hits(size_t n)
{
	struct search_result r = {xcalloc(n, sizeof(struct search_hit)), n};

	for (size_t i = 0; i < n; i++) {
		r.hits[i].kind = SK_CASE;
		r.hits[i].id = (int64_t)i + 1;
		r.hits[i].number = xasprintf("CS%07zu", i + 1);
		r.hits[i].title = xasprintf("case %zu", i + 1);
	}
	return r;
}

static void test_selection_moves_and_clamps(void **state)
{
	struct fixture *f = *state;
	struct lookup_state *st = lookup(f->ui);
	struct search_result r = fake_hits(50);
	const int height = 22 - 3;

	lookup_set_results(ui_top(f->ui), &r, "x");
	assert_null(r.hits);
	assert_int_equal(st->list.sel, 0);
	key(f->ui, KEYCODE_FN | KEY_DOWN);
	key(f->ui, KEYCODE_FN | KEY_DOWN);
	assert_int_equal(st->list.sel, 2);
	for (int i = 0; i < 5; i++)
		key(f->ui, KEYCODE_FN | KEY_UP);
	assert_int_equal(st->list.sel, 0);
	key(f->ui, KEYCODE_FN | KEY_NPAGE);
	assert_int_equal(st->list.sel, height);
	assert_int_equal(st->list.top, 1); /* the selection stays visible */
	/* Browsing: single letters are keys there. */
	key(f->ui, KEYCODE_ESC);
	assert_false(st->typing);
	key(f->ui, 'G');
	assert_int_equal(st->list.rows[st->list.sel].id, 49);
	key(f->ui, 'j');
	assert_int_equal(st->list.rows[st->list.sel].id, 49);
	assert_int_equal(st->list.top + (size_t)height, st->list.n);
	key(f->ui, 'g');
	assert_int_equal(st->list.sel, 0);
	assert_int_equal(st->list.top, 0);
	/* An unbound character goes back to typing. */
	key(f->ui, 's');
	assert_true(st->typing);
	assert_string_equal(textline_get(&st->query), "s");
}

static void test_columns_drop_when_narrow(void **state)
{
	struct fixture *f = *state;
	struct lookup_state *st = lookup(f->ui);
	const struct lookup_cols *c = &st->cols;

	ui_layout(f->ui, 22, 100);
	assert_true(c->number > 0 && c->matched > 0 && c->detail > 0);
	assert_true(1 + c->kind + 1 + c->number + 1 + c->title + 1 + c->matched + 1 + c->detail <=
		    100);
	ui_layout(f->ui, 10, 60);
	assert_true(c->number > 0 && c->matched > 0);
	assert_int_equal(c->detail, 0);
	assert_true(1 + c->kind + 1 + c->number + 1 + c->title + 1 + c->matched <= 60);
	ui_layout(f->ui, 10, 40);
	assert_int_equal(c->number, 0);
	assert_int_equal(c->matched, 0);
	assert_true(1 + c->kind + 1 + c->title <= 40);
	assert_true(c->title >= 20);
}

static void test_back_close_and_quit(void **state)
{
	struct fixture *f = *state;

	key(f->ui, KEYCODE_ESC); /* to the results */
	key(f->ui, KEYCODE_ESC); /* nothing to go back to on home */
	assert_false(ui_quitting(f->ui));
	key(f->ui, '?');
	assert_int_equal(ui_depth(f->ui), 2);
	assert_ptr_equal(ui_top(f->ui)->ops, &help_screen);
	key(f->ui, 'q'); /* closes help, not csm */
	assert_int_equal(ui_depth(f->ui), 1);
	assert_false(ui_quitting(f->ui));
	key(f->ui, 'q');
	assert_true(ui_quitting(f->ui));
}

static void test_command_line(void **state)
{
	struct fixture *f = *state;
	bool is_error;

	key(f->ui, KEYCODE_ESC);
	key(f->ui, ':');
	type(f->ui, "acct0000002");
	key(f->ui, KEYCODE_ENTER);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	key(f->ui, ':');
	type(f->ui, "CS0000042");
	key(f->ui, KEYCODE_ENTER);
	assert_string_equal(ui_message_text(f->ui, &is_error), "No case CS0000042");
	assert_true(is_error);
	key(f->ui, ':');
	type(f->ui, "nonsense");
	key(f->ui, KEYCODE_ENTER);
	assert_non_null(strstr(ui_message_text(f->ui, NULL), "Unknown command ':nonsense'"));
	key(f->ui, ':');
	type(f->ui, "he");
	key(f->ui, KEYCODE_TAB);
	key(f->ui, KEYCODE_ENTER);
	assert_ptr_equal(ui_top(f->ui)->ops, &help_screen);
	key(f->ui, ':');
	type(f->ui, "lookup");
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(ui_depth(f->ui), 1);
	/* Esc abandons the line without running it. */
	key(f->ui, ':');
	type(f->ui, "q");
	key(f->ui, KEYCODE_ESC);
	assert_false(ui_quitting(f->ui));
	key(f->ui, ':');
	type(f->ui, "q");
	key(f->ui, KEYCODE_ENTER);
	assert_true(ui_quitting(f->ui));
}

static void test_new_routes_to_create(void **state)
{
	struct fixture *f = *state;

	key(f->ui, 14); /* C-n works while typing */
	assert_int_equal(ui_customer_kind(f->ui), SK_ACCOUNT);
	assert_ptr_equal(ui_top(f->ui)->ops, record_screens[SK_ACCOUNT].create);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_edit_screen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_typing_edits_the_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_runs_when_idle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enter_opens_after_typing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_selection_moves_and_clamps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_columns_drop_when_narrow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_back_close_and_quit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_command_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_routes_to_create, setup, teardown),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
