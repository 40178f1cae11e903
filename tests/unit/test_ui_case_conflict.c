/* test_ui_case_conflict.c - edit conflicts in the case view, driven without
 * a terminal: the case is changed behind the screen's back through the
 * domain on the same store, then the screen saves.  The save is refused,
 * the dialog lists what the other person changed (yours -> theirs), and
 * the agent reapplies the change on the new version (which may conflict
 * again) or discards it; nothing the other person did is overwritten. */
#include "helpers.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case.h"
#include "ui/screens/case_view.h"
#include "ui/ui.h"
#include "util/xalloc.h"

struct fixture {
	char path[256];        /* the temporary database */
	struct store *s;       /* open on path, actor "tester" */
	struct csm_config cfg; /* defaults (b2b) */
	struct ui *ui;         /* the console */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct csm_error err = {0};

	f->s = test_store_new(f->path, MODEL_B2B);
	test_exec(f->s,
		  "INSERT INTO user(id, login, name) VALUES (1, 'tester', 'Test Er'),"
		  " (2, 'bob', 'Bob B'), (3, 'carol', 'Carol C');"
		  "INSERT INTO assignment_group(id, name) VALUES (1, 'Network'), (2, 'Billing');"
		  "INSERT INTO group_member(group_id, user_id) VALUES (1, 1), (1, 2), (2, 3);"
		  "INSERT INTO user_role(user_id, role) VALUES (1, 'admin');"
		  "INSERT INTO resolution_code(code, label) VALUES ('fixed', 'Fixed');"
		  "INSERT INTO account(id, number, name, code) VALUES (1, 'ACCT0000001', 'Acme', 'ACME');"
		  "INSERT INTO cases(number, short_description, state, priority, account_id, group_id,"
		  " assigned_to_id, channel, opened_at) VALUES"
		  " ('CS0000001', 'Router reboots', 'open', 3, 1, 1, 2, 'phone',"
		  "  '2026-01-05T00:00:00Z')");
	config_init(&f->cfg);
	f->ui = ui_new(f->s, &f->cfg, f->path, &err);
	if (!f->ui)
		fail_msg("ui_new: %s", err.msg);
	ui_layout(f->ui, 22, 100);
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

static struct case_view_state *view(struct fixture *f)
{
	ui_command(f->ui, "CS0000001");
	assert_ptr_equal(ui_top(f->ui)->ops, &case_view_screen);
	return ui_top(f->ui)->state;
}

static void assert_message_has(struct fixture *f, const char *text)
{
	const char *msg = ui_message_text(f->ui, NULL);
	if (!strstr(msg, text))
		fail_msg("status line '%s' lacks '%s'", msg, text);
}

/* "state|priority|group|assignee|code|notes|version" of CS0000001. */
static char *row(struct fixture *f)
{
	return test_query_text(f->s,
			       "SELECT c.state || '|' || c.priority || '|' || ifnull(g.name, '') || '|'"
			       " || ifnull(u.login, '') || '|' || ifnull(c.resolution_code, '') || '|'"
			       " || ifnull(c.resolution_notes, '') || '|' || c.version"
			       " FROM cases c LEFT JOIN assignment_group g ON g.id = c.group_id"
			       " LEFT JOIN user u ON u.id = c.assigned_to_id WHERE c.number = 'CS0000001'");
}

static void assert_row(struct fixture *f, const char *want)
{
	char *got = row(f);
	if (strcmp(got, want) != 0) {
		free(got);
		fail_msg("CS0000001 is '%s', expected '%s'", got, want);
	}
	free(got);
}

/* Someone else, on the same database: priority 1, then to Billing/carol. */
static void someone_else_changes(struct fixture *f)
{
	struct case_settings cs;
	struct case_edit edit = {.priority = 1};
	struct csm_error err = {0};

	case_settings_from_config(&cs, &f->cfg);
	if (domain_case_update(f->s, &cs, "CS0000001", CASE_ANY_VERSION, &edit, NULL, &err) < 0 ||
	    domain_case_assign(f->s, "CS0000001", CASE_ANY_VERSION, "Billing", "carol", NULL, &err) <
		    0)
		fail_msg("the other change: %s", err.msg);
}

/* The diff row for field, or NULL. */
static const struct case_field_diff *diff_of(const struct case_view_state *st, const char *field)
{
	for (size_t i = 0; i < st->n_diff; i++)
		if (strcmp(st->diff[i].field, field) == 0)
			return &st->diff[i];
	return NULL;
}

static void assert_diff(const struct case_view_state *st, const char *field, const char *yours,
			const char *theirs)
{
	const struct case_field_diff *d = diff_of(st, field);

	if (!d)
		fail_msg("no diff row for %s (%zu rows)", field, st->n_diff);
	assert_string_equal(d->yours, yours);
	assert_string_equal(d->theirs, theirs);
}

/* Resolves from the screen: R, the code (the only one), the notes. */
static void resolve_from_screen(struct fixture *f, struct case_view_state *st)
{
	key(f->ui, 'R');
	assert_int_equal(st->dlg.kind, DIALOG_PICK); /* the resolution code */
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.kind, DIALOG_INPUT);
	type(f->ui, "Replaced the PSU");
	key(f->ui, KEYCODE_ENTER);
}

/* ---- the diff itself -------------------------------------------------- */

static void test_field_diff(void **state)
{
	struct case_record a, b;
	struct case_field_diff *d = NULL;
	size_t n;

	(void)state;
	case_record_init(&a);
	case_record_init(&b);
	a.number = xstrdup("CS0000009");
	b.number = xstrdup("CS0000009");
	a.short_description = xstrdup("Same");
	b.short_description = xstrdup("Same");
	a.priority = b.priority = 2;
	a.state = b.state = CASE_OPEN;
	n = case_field_diff(&a, &b, &d);
	assert_int_equal(n, 0);
	case_field_diff_free(&d, n);
	assert_null(d);

	b.priority = 1;
	b.state = CASE_RESOLVED;
	b.description = xstrdup("two\nlines");
	b.assigned_login = xstrdup("carol");
	a.group_name = xstrdup("Network");
	n = case_field_diff(&a, &b, &d);
	assert_int_equal(n, 5);
	/* Page order, empty shown as (none), one line. */
	assert_string_equal(d[0].field, "Description");
	assert_string_equal(d[0].yours, "(none)");
	assert_string_equal(d[0].theirs, "two lines");
	assert_string_equal(d[1].field, "State");
	assert_string_equal(d[2].field, "Priority");
	assert_string_equal(d[2].yours, "2 high");
	assert_string_equal(d[2].theirs, "1 critical");
	assert_string_equal(d[3].field, "Group");
	assert_string_equal(d[3].yours, "Network");
	assert_string_equal(d[3].theirs, "(none)");
	assert_string_equal(d[4].field, "Assigned to");
	assert_string_equal(d[4].yours, "(none)");
	assert_string_equal(d[4].theirs, "carol");
	case_field_diff_free(&d, n);
	case_record_fini(&a);
	case_record_fini(&b);
}

/* ---- the screen ------------------------------------------------------- */

static void test_conflict_shows_theirs_then_reapplies(void **state)
{
	struct fixture *f = *state;
	struct case_view_state *st = view(f);

	assert_int_equal(st->rec.version, 1);
	someone_else_changes(f);
	resolve_from_screen(f, st);

	/* Refused, nothing overwritten, the case reloaded, the question. */
	assert_row(f, "open|1|Billing|carol|||3");
	assert_message_has(f, "changed by someone else");
	assert_int_equal(st->rec.version, 3);
	assert_int_equal(st->rec.priority, 1);
	assert_int_equal(st->dlg.kind, DIALOG_PICK);
	assert_int_equal(st->change.kind, CASE_CHANGE_TRANSITION);
	assert_int_equal(st->conflict_from, 1);
	assert_int_equal(st->n_diff, 3);
	assert_diff(st, "Priority", "3 moderate", "1 critical");
	assert_diff(st, "Group", "Network", "Billing");
	assert_diff(st, "Assigned to", "bob", "carol");
	assert_non_null(strstr(st->dlg.title, "v1 -> v3"));
	assert_int_equal(st->dlg.n, st->n_diff + 2);
	assert_string_equal(st->dlg.labels[st->n_diff], "Reapply");
	assert_string_equal(st->dlg.labels[st->n_diff + 1], "Discard");
	assert_non_null(strstr(st->dlg.details[st->n_diff], "Propose solution (code fixed)"));
	assert_non_null(strstr(st->dlg.details[st->n_diff], "version 3"));
	assert_non_null(strstr(st->dlg.details[0], "->"));
	assert_int_equal(dialog_choice(&st->dlg), st->n_diff); /* on Reapply */
	/* Leaving now would lose the change: it counts as unsaved. */
	assert_true(ui_top(f->ui)->ops->dirty(ui_top(f->ui)));

	/* Enter on a field row changes nothing. */
	key(f->ui, 'g');
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.kind, DIALOG_PICK);
	assert_row(f, "open|1|Billing|carol|||3");

	/* Reapply: resolved on version 3, their priority and group kept. */
	key(f->ui, 'G');
	key(f->ui, 'k');
	key(f->ui, KEYCODE_ENTER);
	assert_false(dialog_active(&st->dlg));
	assert_row(f, "resolved|1|Billing|carol|fixed|Replaced the PSU|4");
	assert_int_equal(st->rec.state, CASE_RESOLVED);
	assert_int_equal(st->change.kind, CASE_CHANGE_NONE);
	assert_int_equal(st->n_diff, 0);
	assert_false(ui_top(f->ui)->ops->dirty(ui_top(f->ui)));
	assert_message_has(f, "now resolved");
}

static void test_conflict_discard(void **state)
{
	struct fixture *f = *state;
	struct case_view_state *st = view(f);

	someone_else_changes(f);
	resolve_from_screen(f, st);
	assert_int_equal(st->dlg.kind, DIALOG_PICK);
	key(f->ui, 'G'); /* Discard */
	key(f->ui, KEYCODE_ENTER);
	assert_false(dialog_active(&st->dlg));
	assert_int_equal(st->change.kind, CASE_CHANGE_NONE);
	assert_message_has(f, "discarded");
	assert_row(f, "open|1|Billing|carol|||3");
	/* The page shows theirs. */
	assert_int_equal(st->rec.version, 3);
	assert_string_equal(st->rec.assigned_login, "carol");

	/* Esc on the question discards as well. */
	someone_else_changes(f);
	resolve_from_screen(f, st);
	assert_int_equal(st->dlg.kind, DIALOG_PICK);
	key(f->ui, KEYCODE_ESC);
	assert_false(dialog_active(&st->dlg));
	assert_int_equal(st->change.kind, CASE_CHANGE_NONE);
	assert_message_has(f, "discarded");
	assert_ptr_equal(ui_top(f->ui)->ops, &case_view_screen);
	assert_row(f, "open|1|Billing|carol|||5");
}

static void test_reapply_conflicts_again(void **state)
{
	struct fixture *f = *state;
	struct case_view_state *st = view(f);
	struct csm_error err = {0};

	/* The screen assigns to Network/tester while someone else changes
	 * the case, twice. */
	someone_else_changes(f);
	key(f->ui, 'a');
	assert_int_equal(st->dlg.kind, DIALOG_PICK); /* the group: Billing, Network */
	key(f->ui, 'G');
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.kind, DIALOG_PICK); /* (nobody yet), bob, tester */
	key(f->ui, 'G');
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->change.kind, CASE_CHANGE_ASSIGN);
	assert_string_equal(st->change.group, "Network");
	assert_string_equal(st->change.login, "tester");
	assert_non_null(strstr(st->dlg.details[st->n_diff], "Assign to Network / tester"));
	assert_row(f, "open|1|Billing|carol|||3");

	/* Meanwhile a third change: the next try conflicts again, with what
	 * changed since version 3 only. */
	assert_int_equal(domain_case_transition(f->s, "CS0000001", CASE_ANY_VERSION, "request_info",
						NULL, NULL, &err),
			 0);
	key(f->ui, 'G');
	key(f->ui, 'k');
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.kind, DIALOG_PICK);
	assert_int_equal(st->conflict_from, 3);
	assert_int_equal(st->n_diff, 1);
	assert_diff(st, "State", "open", "awaiting info");
	assert_row(f, "awaiting_info|1|Billing|carol|||4");

	/* This time it goes through. */
	key(f->ui, 'G');
	key(f->ui, 'k');
	key(f->ui, KEYCODE_ENTER);
	assert_false(dialog_active(&st->dlg));
	assert_row(f, "awaiting_info|1|Network|tester|||5");
	assert_message_has(f, "assigned to Network / tester");
}

static void test_reapply_refused_by_the_rules(void **state)
{
	struct fixture *f = *state;
	struct case_view_state *st = view(f);
	struct csm_error err = {0};

	/* Someone else closed the case: resolving it again is refused with
	 * the model's reason, and the closed case stays as it is. */
	key(f->ui, 'R');
	key(f->ui, KEYCODE_ENTER);
	type(f->ui, "Mine");
	assert_int_equal(domain_case_transition(
				 f->s, "CS0000001", CASE_ANY_VERSION, "close",
				 &(struct case_transition_args){.code = "fixed", .notes = "Theirs"}, NULL,
				 &err),
			 0);
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.kind, DIALOG_PICK);
	assert_diff(st, "State", "open", "closed");
	assert_diff(st, "Resolution notes", "(none)", "Theirs");
	key(f->ui, 'G');
	key(f->ui, 'k');
	key(f->ui, KEYCODE_ENTER);
	assert_false(dialog_active(&st->dlg));
	assert_int_equal(st->change.kind, CASE_CHANGE_NONE);
	assert_message_has(f, "closed");
	assert_row(f, "closed|3|Network|bob|fixed|Theirs|2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_diff),
		cmocka_unit_test_setup_teardown(test_conflict_shows_theirs_then_reapplies, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_conflict_discard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reapply_conflicts_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reapply_refused_by_the_rules, setup, teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
