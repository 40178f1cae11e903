/* test_draft.c - drafts of unsaved forms: the text format round trip
 * (UTF-8, newlines, tabs, backslashes), refusal of what is not a draft,
 * form fields in and out of a draft, the files (atomic, private, per
 * database), and the console's offer at the next start: y restores the
 * case entry with what was typed, n deletes the draft, Esc keeps it. */
#include "helpers.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui/form.h"
#include "ui/screens/case_entry.h"
#include "ui/screens/customer_edit.h"
#include "ui/ui.h"
#include "util/draft.h"
#include "util/xalloc.h"

/* Values that the format must carry unchanged. */
static const char *const tricky[] = {
	"plain",
	"",
	"Zoë Café — 北京电信 ☕",
	"two\nlines\r\nand a tab\there",
	"back\\slash \\n not a newline",
	"trailing newline\n",
	"\t\n\\",
};
#define N_TRICKY (sizeof tricky / sizeof tricky[0])

static void test_format_round_trip(void **state)
{
	struct draft d, back;
	struct strbuf sb;
	struct csm_error err = {0};
	char key[32];

	(void)state;
	draft_init(&d);
	draft_init(&back);
	for (size_t i = 0; i < N_TRICKY; i++) {
		snprintf(key, sizeof key, "text:field %zu", i);
		draft_set(&d, key, tricky[i]);
	}
	draft_set(&d, "key\twith\ntab", "v");
	draft_set(&d, "text:field 0", "replaced"); /* same key: replaced in place */
	draft_set(&d, "null", NULL);
	assert_int_equal(d.n, N_TRICKY + 2);
	assert_string_equal(draft_get(&d, "text:field 0"), "replaced");
	assert_string_equal(draft_get(&d, "null"), "");
	assert_null(draft_get(&d, "absent"));

	strbuf_init(&sb);
	draft_format(&d, &sb);
	/* One line per entry after the header: nothing raw breaks a line. */
	{
		size_t lines = 0;
		for (size_t i = 0; i < sb.len; i++)
			lines += sb.buf[i] == '\n';
		assert_int_equal(lines, d.n + 1);
	}
	assert_int_equal(draft_parse(&back, sb.buf, sb.len, &err), 0);
	assert_int_equal(back.n, d.n);
	for (size_t i = 0; i < d.n; i++) {
		assert_string_equal(back.v[i].key, d.v[i].key);
		assert_string_equal(back.v[i].value, d.v[i].value);
	}
	strbuf_fini(&sb);
	draft_fini(&d);
	draft_fini(&back);
}

static void test_parse_refuses(void **state)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{"", "not a csm draft"},
		{"csm-draft 2\n", "not a csm draft"},
		{"hello\tworld\n", "not a csm draft"},
		{"csm-draft 1\nno tab here\n", "line 2: not KEY<TAB>VALUE"},
		{"csm-draft 1\na\tb\nc\td", "line 3: cut short"},
		{"csm-draft 1\nk\tbad \\x escape\n", "line 2: bad escape"},
		{"csm-draft 1\nk\tends in \\\n", "line 2: bad escape"},
		{"csm-draft 1\n\tno key\n", "line 2: bad escape or empty key"},
	};
	struct draft d;

	(void)state;
	draft_init(&d);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct csm_error err = {0};
		if (draft_parse(&d, bad[i].text, strlen(bad[i].text), &err) != -1)
			fail_msg("'%s' parsed", bad[i].text);
		if (!strstr(err.msg, bad[i].msg))
			fail_msg("'%s': expected '%s', got '%s'", bad[i].text, bad[i].msg, err.msg);
	}
	draft_fini(&d);
}

static const char *const colors[] = {"red", "green", "blue"};

static void make_form(struct form *f)
{
	form_init(f, NULL, NULL);
	form_add_text(f, "short description", "Short", true, NULL);
	form_add_text(f, "description", "Description", false, "prefilled");
	form_add_choice(f, "color", "Color", colors, 3, 0);
	form_add_picker(f, "customer", "Customer", true);
	form_add_picker(f, "contact", "Contact", false);
	form_add_text(f, "untouched", "Untouched", false, "as opened");
	form_mark_clean(f);
}

static void test_form_round_trip(void **state)
{
	struct form f, g;
	struct draft d, back;
	struct strbuf sb;
	struct csm_error err = {0};

	(void)state;
	for (size_t i = 0; i < N_TRICKY; i++) {
		make_form(&f);
		textline_set(&form_field(&f, "short description")->text, tricky[i]);
		form_field(&f, "short description")->dirty = true;
		form_field(&f, "color")->choice = 2;
		form_field(&f, "color")->dirty = true;
		form_pick(form_field(&f, "customer"), 42, "ACCT0000042  Zoë Café");
		textline_set(&form_field(&f, "contact")->text, "lov");
		f.focus = 4;

		draft_init(&d);
		assert_int_equal(form_draft_save(&f, &d), 4);
		/* Unchanged fields stay out: the screen fills them when it reopens. */
		assert_null(draft_get(&d, "text:untouched"));
		assert_null(draft_get(&d, "text:description"));
		assert_null(draft_get(&d, "pick:contact"));
		strbuf_init(&sb);
		draft_format(&d, &sb);
		draft_init(&back);
		assert_int_equal(draft_parse(&back, sb.buf, sb.len, &err), 0);

		make_form(&g);
		assert_false(form_dirty(&g));
		assert_int_equal(form_draft_load(&g, &back), 4);
		assert_string_equal(form_value(&g, "short description"), tricky[i]);
		assert_string_equal(form_value(&g, "color"), "blue");
		assert_int_equal(form_field(&g, "customer")->picked_id, 42);
		assert_string_equal(form_value(&g, "customer"), "ACCT0000042  Zoë Café");
		assert_string_equal(textline_get(&form_field(&g, "contact")->text), "lov");
		assert_true(g.pending);
		assert_string_equal(form_value(&g, "description"), "prefilled");
		assert_string_equal(form_value(&g, "untouched"), "as opened");
		assert_int_equal(g.focus, 4);
		assert_true(form_dirty(&g));
		assert_true(form_field(&g, "short description")->dirty);
		assert_false(form_field(&g, "untouched")->dirty);

		form_fini(&f);
		form_fini(&g);
		strbuf_fini(&sb);
		draft_fini(&d);
		draft_fini(&back);
	}
}

/* A draft from a form that has changed since: what no longer fits is
 * skipped, the rest comes back. */
static void test_form_load_skips_what_changed(void **state)
{
	struct form g;
	struct draft d;

	(void)state;
	draft_init(&d);
	draft_set(&d, "choice:color", "purple"); /* no longer a choice */
	draft_set(&d, "text:gone", "a field the form lost");
	draft_set(&d, "pick:customer", "not a number");
	draft_set(&d, "text:color", "wrong kind");
	draft_set(&d, "text:description", "kept");
	make_form(&g);
	assert_int_equal(form_draft_load(&g, &d), 1);
	assert_string_equal(form_value(&g, "color"), "red");
	assert_int_equal(form_field(&g, "customer")->picked_id, 0);
	assert_string_equal(form_value(&g, "description"), "kept");
	form_fini(&g);
	draft_fini(&d);
}

/* ---- files and the console ---------------------------------------------- */

struct fixture {
	char path[256];        /* the temporary database */
	char state_dir[256];   /* XDG_STATE_HOME for the test */
	struct store *s;       /* open on path */
	struct csm_config cfg; /* defaults (b2b) */
	struct ui *ui;         /* the console */
};

static void new_ui(struct fixture *f)
{
	struct csm_error err = {0};

	f->ui = ui_new(f->s, &f->cfg, f->path, &err);
	if (!f->ui)
		fail_msg("ui_new: %s", err.msg);
	ui_layout(f->ui, 22, 80);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	const char *tmp = getenv("TMPDIR");

	snprintf(f->state_dir, sizeof f->state_dir, "%s/csm-draft-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(f->state_dir));
	setenv("XDG_STATE_HOME", f->state_dir, 1);
	f->s = test_store_new(f->path, MODEL_B2B);
	test_exec(f->s, "INSERT INTO account(id, number, name) VALUES (1, 'ACCT0000001', 'Acme')");
	config_init(&f->cfg);
	new_ui(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	size_t n;
	char **left = draft_list(f->path, &n), cmd[300];

	draft_list_free(left, n);
	ui_free(&f->ui);
	config_fini(&f->cfg);
	test_store_free(&f->s, f->path);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->state_dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static void key(struct ui *ui, unsigned k)
{
	ui_dispatch_key(ui, &(struct key_event){.key = k});
	ui_idle(ui);
}

static void test_files(void **state)
{
	struct fixture *f = *state;
	struct csm_error err = {0};
	struct draft d, back;
	struct stat st;
	char *path = draft_path_dup(f->path, "case_entry", &err), *other, dir[512];
	char **list;
	size_t n;

	draft_init(&d);
	draft_init(&back);
	assert_non_null(path);
	assert_int_equal(draft_dir(dir, sizeof dir, &err), 0);
	assert_int_equal(strncmp(path, dir, strlen(dir)), 0);
	assert_non_null(strstr(dir, f->state_dir));
	assert_null(draft_list(f->path, &n)); /* no directory yet: no drafts */
	assert_int_equal(n, 0);
	assert_int_equal(draft_read(path, &back, &err), 0);

	draft_set(&d, "text:x", "Zoë\nline two");
	assert_int_equal(draft_write(path, &d, &err), 0);
	draft_set(&d, "text:x", "rewritten");
	assert_int_equal(draft_write(path, &d, &err), 0); /* replaced whole */
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(draft_read(path, &back, &err), 1);
	assert_string_equal(draft_get(&back, "text:x"), "rewritten");

	/* Another form of the same database is listed too; another database's
	 * is not, even with the same file name elsewhere. */
	other = draft_path_dup(f->path, "customer_edit", &err);
	assert_int_equal(draft_write(other, &d, &err), 0);
	list = draft_list(f->path, &n);
	assert_int_equal(n, 2);
	assert_string_equal(list[0], path);
	assert_string_equal(list[1], other);
	draft_list_free(list, n);
	assert_null(draft_list("/nonexistent/dir/csm.db", &n));
	/* no temporary file left behind */
	{
		char cmd[700];
		snprintf(cmd, sizeof cmd, "ls '%s' | grep -q tmp", dir);
		assert_int_not_equal(system(cmd), 0);
	}

	/* A damaged file is refused with its name. */
	{
		FILE *fp = fopen(path, "w");
		fputs("csm-draft 1\nbroken line\n", fp);
		fclose(fp);
		assert_int_equal(draft_read(path, &back, &err), -1);
		assert_non_null(strstr(err.msg, path));
		assert_non_null(strstr(err.msg, "line 2"));
	}
	unlink(path);
	unlink(other);
	free(path);
	free(other);
	draft_fini(&d);
	draft_fini(&back);
}

/* Opens case entry for Acme and types "Café ☕" into the short description,
 * as the loop would before a signal arrives. */
static void type_case(struct fixture *f)
{
	static const unsigned text[] = {'C', 'a', 'f', 0xe9, ' ', 0x2615};
	struct case_entry_state *st;

	ui_open_record(f->ui, SK_ACCOUNT, 1, NULL);
	key(f->ui, 'c');
	assert_ptr_equal(ui_top(f->ui)->ops, &case_entry_screen);
	st = ui_top(f->ui)->state;
	assert_string_equal(st->form.fields[st->form.focus].name, "short description");
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		key(f->ui, text[i]);
	assert_string_equal(form_value(&st->form, "short description"), "Café ☕");
}

/* The signal's way out: drafts written, the console gone; then a new start. */
static void signal_and_restart(struct fixture *f, int want_saved)
{
	struct csm_error err = {0};

	assert_int_equal(ui_drafts_save(f->ui, &err), want_saved);
	ui_free(&f->ui);
	new_ui(f);
	ui_drafts_offer(f->ui);
}

static void test_restore_yes(void **state)
{
	struct fixture *f = *state;
	struct case_entry_state *st;
	bool is_error;
	size_t n;
	char **list;

	/* Nothing typed: nothing kept, nothing offered. */
	signal_and_restart(f, 0);
	assert_string_equal(ui_message_text(f->ui, &is_error), "");

	type_case(f);
	signal_and_restart(f, 1);
	list = draft_list(f->path, &n);
	assert_int_equal(n, 1);
	draft_list_free(list, n);
	assert_ptr_equal(ui_top(f->ui)->ops, &lookup_screen);
	assert_non_null(ui_question_text(f->ui));
	key(f->ui, 'x'); /* not an answer: the question stays, nothing typed */
	assert_ptr_equal(ui_top(f->ui)->ops, &lookup_screen);
	assert_non_null(ui_question_text(f->ui));
	key(f->ui, 'y');
	assert_null(ui_question_text(f->ui));
	assert_ptr_equal(ui_top(f->ui)->ops, &case_entry_screen);
	st = ui_top(f->ui)->state;
	assert_string_equal(form_value(&st->form, "short description"), "Café ☕");
	assert_non_null(strstr(form_value(&st->form, "customer"), "ACCT0000001"));
	assert_true(ui_top(f->ui)->ops->dirty(ui_top(f->ui)));
	assert_non_null(strstr(ui_message_text(f->ui, &is_error), "Draft restored"));
	/* the entitlement was matched again (Acme has none) */
	assert_true(st->n_notes > 0);
	assert_null(draft_list(f->path, &n));

	/* Restored and interrupted again: kept again. */
	signal_and_restart(f, 1);
	key(f->ui, 'n');
	assert_ptr_equal(ui_top(f->ui)->ops, &lookup_screen);
	assert_string_equal(ui_message_text(f->ui, &is_error), "Draft deleted");
	assert_null(draft_list(f->path, &n));
}

static void test_question_and_esc(void **state)
{
	struct fixture *f = *state;
	bool is_error;
	size_t n;
	char **list;

	setenv("CSM_NOW", "2026-11-22T21:40:00Z", 1);
	setenv("TZ", "UTC", 1);
	type_case(f);
	signal_and_restart(f, 1);
	/* The question is in the status line, where y/n answer it. */
	assert_non_null(ui_question_text(f->ui));
	assert_string_equal(ui_question_text(f->ui),
			    "Restore the unsaved case draft from 2026-11-22 21:40? y/n");
	key(f->ui, KEYCODE_ESC);
	assert_null(ui_question_text(f->ui));
	assert_ptr_equal(ui_top(f->ui)->ops, &lookup_screen);
	assert_non_null(strstr(ui_message_text(f->ui, &is_error), "Draft kept"));
	list = draft_list(f->path, &n);
	assert_int_equal(n, 1);
	draft_list_free(list, n);
	/* kept: offered again at the next start */
	ui_free(&f->ui);
	new_ui(f);
	ui_drafts_offer(f->ui);
	key(f->ui, 'y');
	assert_ptr_equal(ui_top(f->ui)->ops, &case_entry_screen);
	unsetenv("CSM_NOW");
}

/* The customer edit form keeps its drafts too: an edit of an account
 * reopens on that account with the typed name over the stored one. */
static void test_customer_edit(void **state)
{
	struct fixture *f = *state;
	struct screen_arg arg = {.kind = SK_ACCOUNT, .id = 1, .number = "ACCT0000001"};
	struct customer_edit_state *st;

	assert_int_equal(ui_push(f->ui, &customer_edit_screen, &arg), 0);
	st = ui_top(f->ui)->state;
	assert_string_equal(form_value(&st->form, "name"), "Acme");
	st->form.focus = 0;
	key(f->ui, ' ');
	key(f->ui, 0x2014); /* em dash */
	key(f->ui, ' ');
	key(f->ui, 'N');
	signal_and_restart(f, 1);
	assert_non_null(ui_question_text(f->ui));
	assert_non_null(strstr(ui_question_text(f->ui), "unsaved account ACCT0000001 draft"));
	key(f->ui, 'y');
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_edit_screen);
	st = ui_top(f->ui)->state;
	assert_int_equal(st->mode, CEDIT_EDIT);
	assert_int_equal(st->id, 1);
	assert_string_equal(form_value(&st->form, "name"), "Acme — N");
	assert_true(ui_top(f->ui)->ops->dirty(ui_top(f->ui)));
}

/* b2b2c: a new customer first asks account or consumer; the draft has the
 * answer, so the restored form is a consumer's without asking again. */
static void test_customer_new_b2b2c(void **state)
{
	struct fixture *f = *state;
	struct customer_edit_state *st;
	static const char *const last = "Núñez";

	ui_free(&f->ui);
	f->cfg.model = MODEL_B2B2C;
	new_ui(f);
	ui_create_record(f->ui, SK_ACCOUNT);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_edit_screen);
	st = ui_top(f->ui)->state;
	assert_false(st->ready);
	assert_int_equal(ui_drafts_save(f->ui, &(struct csm_error){0}), 0); /* nothing typed */
	key(f->ui, KEYCODE_FN | KEY_DOWN);
	key(f->ui, KEYCODE_ENTER);
	assert_true(st->ready);
	assert_int_equal(st->kind, SK_CONSUMER);
	for (size_t i = 0; i < st->form.n; i++)
		if (strcmp(st->form.fields[i].name, "last name") == 0)
			st->form.focus = i;
	key(f->ui, 'N');
	key(f->ui, 0xfa);
	key(f->ui, 0xf1);
	key(f->ui, 'e');
	key(f->ui, 'z');
	signal_and_restart(f, 1);
	assert_non_null(strstr(ui_question_text(f->ui), "unsaved new consumer draft"));
	key(f->ui, 'y');
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_edit_screen);
	st = ui_top(f->ui)->state;
	assert_true(st->ready);
	assert_int_equal(st->kind, SK_CONSUMER);
	assert_string_equal(form_value(&st->form, "last name"), last);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8"); /* as csm does: wide characters type */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_form_round_trip),
		cmocka_unit_test(test_form_load_skips_what_changed),
		cmocka_unit_test_setup_teardown(test_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_yes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_question_and_esc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_customer_edit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_customer_new_b2b2c, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
