/* test_ui_cases.c - the case queues and the case view driven without a
 * terminal: queue switching, paging both ways through more cases than the
 * list keeps, sort cycling, filters, the acting login without a user, the
 * actions menu per state, the questions a state change asks (resolution
 * code, notes), refusals, stale versions, comments and assignment. */
#include "helpers.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case.h"
#include "ui/screens/case_view.h"
#include "ui/screens/cases.h"
#include "ui/ui.h"
#include "util/xalloc.h"

#define N_OPEN 150 /* more open cases than a list keeps loaded (64..76 rows) */

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
		  "INSERT INTO resolution_code(code, label) VALUES ('fixed', 'Fixed'),"
		  " ('workaround', 'Workaround given');"
		  "INSERT INTO account(id, number, name, code) VALUES (1, 'ACCT0000001', 'Acme', 'ACME')");
	test_exec(f->s,
		  /* CS0000001..150: open, priorities 1..4, group Network; every
		   * seventh carol's in Billing, every other tenth tester's. */
		  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150)"
		  " INSERT INTO cases(number, short_description, state, priority, account_id,"
		  " group_id, assigned_to_id, opened_at, updated_at)"
		  " SELECT printf('CS%07d', i), 'Case ' || i, 'open', 1 + i % 4, 1,"
		  "  CASE WHEN i % 7 = 0 THEN 2 ELSE 1 END,"
		  "  CASE WHEN i % 7 = 0 THEN 3 WHEN i % 10 = 0 THEN 1 END,"
		  "  printf('2026-01-01T%02d:%02d:00Z', i / 60, i % 60),"
		  "  printf('2026-02-01T%02d:%02d:00Z', (200 - i) / 60, (200 - i) % 60) FROM n");
	test_exec(f->s,
		  /* One case in each other state. */
		  "INSERT INTO cases(number, short_description, state, priority, account_id, group_id,"
		  " resolution_code, resolution_notes, approval, opened_at) VALUES"
		  " ('CS0000201', 'New one', 'new', 2, 1, NULL, NULL, NULL, 'requested',"
		  "  '2026-01-05T00:00:00Z'),"
		  " ('CS0000202', 'Waiting', 'awaiting_info', 2, 1, 1, NULL, NULL, 'not_requested',"
		  "  '2026-01-05T00:00:00Z'),"
		  " ('CS0000203', 'Solved', 'resolved', 2, 1, 1, 'fixed', 'done', 'not_requested',"
		  "  '2026-01-05T00:00:00Z'),"
		  " ('CS0000204', 'Over', 'closed', 2, 1, 1, 'fixed', 'done', 'not_requested',"
		  "  '2026-01-05T00:00:00Z')");
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

static struct cases_state *queues(struct fixture *f)
{
	ui_command(f->ui, "cases");
	assert_ptr_equal(ui_top(f->ui)->ops, &cases_screen);
	return ui_top(f->ui)->state;
}

static const struct case_record *row_case(const struct cases_state *st, size_t i)
{
	assert_true(i < st->list.n);
	return st->list.rows[i].data;
}

static const struct case_record *selected(const struct cases_state *st)
{
	const struct list_row *r = list_selected(&st->list);
	assert_non_null(r);
	return r->data;
}

/* Rows of the whole queue, counted by walking it from the top (the list
 * holds a window of them only); every row must pass ok. */
static size_t walk_queue(struct fixture *f, struct cases_state *st,
			 bool (*ok)(const struct case_record *c))
{
	size_t n = 0;
	int64_t last = 0;

	key(f->ui, 'g');
	while (list_selected(&st->list) && list_selected(&st->list)->id != last) {
		last = list_selected(&st->list)->id;
		assert_true(ok(selected(st)));
		n++;
		key(f->ui, 'j');
	}
	key(f->ui, 'g');
	return n;
}

static bool in_billing(const struct case_record *c)
{
	return c->group_id == 2 && c->group_name && strcmp(c->group_name, "Billing") == 0;
}

static struct case_view_state *view(struct fixture *f, const char *number)
{
	ui_command(f->ui, number);
	assert_ptr_equal(ui_top(f->ui)->ops, &case_view_screen);
	return ui_top(f->ui)->state;
}

static void assert_message_has(struct fixture *f, const char *text)
{
	const char *msg = ui_message_text(f->ui, NULL);
	if (!strstr(msg, text))
		fail_msg("status line '%s' lacks '%s'", msg, text);
}

/* ---- queues ----------------------------------------------------------- */

static void test_queue_switching(void **state)
{
	struct fixture *f = *state;
	struct cases_state *st = queues(f);

	assert_false(st->no_user);
	assert_int_equal(st->queue, CASES_MINE);
	assert_int_equal(st->list.n, 13); /* 10, 20, ... 150 but 70 and 140 */
	for (size_t i = 0; i < st->list.n; i++)
		assert_int_equal(row_case(st, i)->assigned_to_id, 1);
	key(f->ui, '2');
	assert_int_equal(st->queue, CASES_GROUPS);
	assert_int_equal(st->q.queue, CASE_QUEUE_GROUPS);
	/* Network cases: all but the Billing ones, plus CS0000202/203. */
	for (size_t i = 0; i < st->list.n; i++)
		assert_int_equal(row_case(st, i)->group_id, 1);
	key(f->ui, '4');
	assert_int_equal(st->queue, CASES_APPROVAL);
	assert_int_equal(st->list.n, 1);
	assert_string_equal(row_case(st, 0)->number, "CS0000201");
	key(f->ui, KEYCODE_TAB); /* awaiting my approval: the fixture's user is an admin */
	assert_int_equal(st->queue, CASES_MY_APPROVAL);
	assert_int_equal(st->list.n, 1);
	assert_string_equal(row_case(st, 0)->number, "CS0000201");
	key(f->ui, KEYCODE_TAB); /* wraps to the first queue */
	assert_int_equal(st->queue, CASES_MINE);
	key(f->ui, KEYCODE_TAB);
	key(f->ui, KEYCODE_TAB);
	assert_int_equal(st->queue, CASES_OPEN);
	/* Enter opens the selected case. */
	key(f->ui, KEYCODE_ENTER);
	assert_ptr_equal(ui_top(f->ui)->ops, &case_view_screen);
	key(f->ui, KEYCODE_ESC);
	assert_ptr_equal(ui_top(f->ui)->ops, &cases_screen);
}

/* Walks the whole open queue down and back up: rows dropped from the
 * window come back through the store's reverse walk, in the same order. */
static void test_paging_both_ways(void **state)
{
	struct fixture *f = *state;
	struct cases_state *st = queues(f);
	char *down[N_OPEN + 4];
	size_t n = 0;

	key(f->ui, '3');
	for (;;) {
		down[n++] = xstrdup(selected(st)->number);
		assert_true(st->list.n <= list_window_rows(st->list.height));
		if (n > 1 && strcmp(down[n - 1], down[n - 2]) == 0) {
			free(down[--n]);
			break;
		}
		key(f->ui, 'j');
		assert_true(n < N_OPEN + 4);
	}
	assert_int_equal(n, N_OPEN + 3); /* new, open, awaiting info and resolved ones */
	/* Priority order: 1 first, oldest first within a priority. */
	assert_int_equal(row_case(st, st->list.sel)->priority, 4);
	assert_true(st->list.more_before);
	for (size_t i = n; i-- > 0;) {
		assert_string_equal(selected(st)->number, down[i]);
		key(f->ui, 'k');
	}
	/* End and Home jump with one page each. */
	key(f->ui, 'G');
	assert_string_equal(selected(st)->number, down[n - 1]);
	key(f->ui, 'g');
	assert_string_equal(selected(st)->number, down[0]);
	key(f->ui, ' '); /* page down */
	assert_string_equal(selected(st)->number, down[st->list.height]);
	for (size_t i = 0; i < n; i++)
		free(down[i]);
}

static void test_sort_cycles(void **state)
{
	struct fixture *f = *state;
	struct cases_state *st = queues(f);

	key(f->ui, '3');
	assert_int_equal(st->q.sort, CASE_SORT_PRIORITY);
	assert_int_equal(selected(st)->priority, 1);
	key(f->ui, 's');
	assert_int_equal(st->q.sort, CASE_SORT_OPENED);
	assert_string_equal(selected(st)->number, "CS0000001");
	assert_message_has(f, "Sorted by opened");
	key(f->ui, 's');
	assert_int_equal(st->q.sort, CASE_SORT_UPDATED);
	/* Updated most recently first: the later cases were generated with
	 * older update times, except the ones with the default (now). */
	key(f->ui, 's');
	assert_int_equal(st->q.sort, CASE_SORT_NUMBER);
	assert_string_equal(selected(st)->number, "CS0000001");
	key(f->ui, 'G');
	assert_string_equal(selected(st)->number, "CS0000203");
	key(f->ui, 's');
	assert_int_equal(st->q.sort, CASE_SORT_PRIORITY);
}

static void test_filters(void **state)
{
	struct fixture *f = *state;
	struct cases_state *st = queues(f);

	key(f->ui, '3');
	key(f->ui, 'f');
	assert_true(dialog_active(&st->dlg));
	assert_int_equal(st->dlg.kind, DIALOG_PICK);
	key(f->ui, KEYCODE_ENTER); /* State */
	assert_int_equal(st->dlg.n, CASE_STATE_COUNT + 1);
	key(f->ui, 'j'); /* new */
	key(f->ui, KEYCODE_ENTER);
	assert_false(dialog_active(&st->dlg));
	assert_int_equal(st->q.state, CASE_NEW);
	assert_int_equal(st->list.n, 1);
	assert_string_equal(selected(st)->number, "CS0000201");

	/* Priority 1 and group Billing on top of it: none are new. */
	key(f->ui, 'f');
	key(f->ui, 'j');
	key(f->ui, KEYCODE_ENTER);
	key(f->ui, 'j');
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->q.priority, 1);
	assert_int_equal(st->list.n, 0);
	/* Clear them all, then filter by group alone. */
	key(f->ui, 'f');
	key(f->ui, 'G');
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->q.state, -1);
	assert_int_equal(st->q.priority, 0);
	key(f->ui, 'f');
	key(f->ui, 'j');
	key(f->ui, 'j');
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.n, 3); /* any, Billing, Network */
	key(f->ui, 'j');
	key(f->ui, KEYCODE_ENTER);
	assert_string_equal(st->group_name, "Billing");
	assert_int_equal(walk_queue(f, st, in_billing), N_OPEN / 7);
	/* Esc leaves a filter question without changing anything. */
	key(f->ui, 'f');
	key(f->ui, KEYCODE_ESC);
	assert_false(dialog_active(&st->dlg));
	assert_ptr_equal(ui_top(f->ui)->ops, &cases_screen);
}

static void test_login_without_user(void **state)
{
	struct fixture *f = *state;
	struct cases_state *st;

	store_set_actor(f->s, "nobody", NULL);
	st = queues(f);
	assert_true(st->no_user);
	assert_int_equal(st->list.n, 0);
	assert_string_equal(st->list.err.msg, "");
	assert_message_has(f, "'nobody' has no csm user");
	key(f->ui, '3');
	assert_true(st->list.n > 0); /* everyone's open cases are there */
	key(f->ui, '2');
	assert_int_equal(st->list.n, 0);
	assert_message_has(f, "no cases are yours");
}

/* ---- the case view ---------------------------------------------------- */

/* The menu's state changes, as action names joined by spaces. */
static void menu_names(const struct case_view_state *st, char *buf, size_t size)
{
	struct case_menu_item items[16];
	size_t n = case_view_menu(st, items, 16), used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++)
		if (items[i].kind == CASE_MENU_TRANSITION)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? " " : "",
						 items[i].act->name);
}

/* Index of a menu entry (a state change by name, or a kind). */
static size_t menu_index(const struct case_view_state *st, enum case_menu_kind kind,
			 const char *name)
{
	for (size_t i = 0; i < st->n_menu; i++)
		if (st->menu[i].kind == kind &&
		    (!name || (st->menu[i].act && strcmp(st->menu[i].act->name, name) == 0)))
			return i;
	fail_msg("no menu entry %s", name ? name : "of that kind");
	return 0;
}

static void pick_menu(struct fixture *f, struct case_view_state *st, enum case_menu_kind kind,
		      const char *name)
{
	size_t i;

	key(f->ui, 't');
	assert_int_equal(st->dlg.tag, 1);
	i = menu_index(st, kind, name);
	while (i--)
		key(f->ui, 'j');
	key(f->ui, KEYCODE_ENTER);
}

static void test_menu_per_state(void **state)
{
	struct fixture *f = *state;
	struct case_view_state *st;
	char names[256];
	bool text;

	st = view(f, "CS0000201");
	menu_names(st, names, sizeof names);
	assert_string_equal(names, "accept close cancel");
	ui_pop(f->ui);
	st = view(f, "CS0000001");
	menu_names(st, names, sizeof names);
	assert_string_equal(names, "request_info propose_solution close cancel");
	ui_pop(f->ui);
	st = view(f, "CS0000202");
	menu_names(st, names, sizeof names);
	assert_string_equal(names, "customer_update reopen propose_solution close cancel");
	ui_pop(f->ui);
	st = view(f, "CS0000203");
	menu_names(st, names, sizeof names);
	assert_string_equal(names, "accept_solution reject_solution");
	assert_string_equal(screen_keymap(ui_top(f->ui), &text), "case");
	ui_pop(f->ui);

	/* Closed: nothing, a read-only keymap and a marker on the page. */
	st = view(f, "CS0000204");
	assert_int_equal(case_view_menu(st, st->menu, 16), 0);
	assert_string_equal(screen_keymap(ui_top(f->ui), &text), "case-readonly");
	assert_non_null(strstr(st->lines[0].left, "read-only"));
	key(f->ui, 't');
	assert_false(dialog_active(&st->dlg));
	assert_message_has(f, "CS0000204 is closed: it is read-only");
	key(f->ui, 'C'); /* close, by its own key */
	assert_message_has(f, "CS0000204 is closed");
	assert_false(dialog_active(&st->dlg));
}

static void test_resolve_asks_code_then_notes(void **state)
{
	struct fixture *f = *state;
	struct case_view_state *st = view(f, "CS0000001");
	char *v;

	pick_menu(f, st, CASE_MENU_TRANSITION, "propose_solution");
	assert_int_equal(st->dlg.kind, DIALOG_PICK);
	assert_int_equal(st->dlg.n, 2);
	assert_string_equal(st->dlg.labels[0], "fixed");
	key(f->ui, 'j');
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.kind, DIALOG_INPUT);
	assert_string_equal(st->code, "workaround");
	/* Notes are required: an empty answer stays in the question. */
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->dlg.kind, DIALOG_INPUT);
	assert_non_null(st->dlg.error);
	type(f->ui, "Reset the router");
	key(f->ui, KEYCODE_ENTER);
	assert_false(dialog_active(&st->dlg));
	assert_int_equal(st->rec.state, CASE_RESOLVED);
	assert_int_equal(st->rec.version, 2);
	v = test_query_text(f->s, "SELECT state || '|' || resolution_code || '|' || resolution_notes"
				  " FROM cases WHERE number = 'CS0000001'");
	assert_string_equal(v, "resolved|workaround|Reset the router");
	free(v);
	assert_message_has(f, "now resolved");
	/* The page shows the new state and the system entry. */
	assert_true(st->journal.n >= 1);
	assert_int_equal(st->journal.items[0].kind, CASE_JOURNAL_SYSTEM);
}

static void test_escape_abandons_a_change(void **state)
{
	struct fixture *f = *state;
	struct case_view_state *st = view(f, "CS0000001");

	pick_menu(f, st, CASE_MENU_TRANSITION, "close");
	assert_int_equal(st->dlg.kind, DIALOG_INPUT); /* close needs notes only */
	type(f->ui, "abc");
	key(f->ui, KEYCODE_ESC);
	assert_false(dialog_active(&st->dlg));
	assert_null(st->act);
	assert_ptr_equal(ui_top(f->ui)->ops, &case_view_screen);
	assert_int_equal(test_query_int(f->s, "SELECT version FROM cases WHERE number = 'CS0000001'"),
			 1);
}

static void test_direct_keys(void **state)
{
	struct fixture *f = *state;
	struct case_view_state *st = view(f, "CS0000201");

	/* Resolving a new case is not in the state table: the model's reason. */
	key(f->ui, 'R');
	assert_false(dialog_active(&st->dlg));
	assert_message_has(f, "CS0000201 is new");
	assert_message_has(f, "propose_solution");
	/* Accept is: it asks first, n keeps the case as it is. */
	key(f->ui, 'O');
	assert_int_equal(st->dlg.kind, DIALOG_CONFIRM);
	key(f->ui, 'n');
	assert_false(dialog_active(&st->dlg));
	assert_int_equal(st->rec.state, CASE_NEW);
	key(f->ui, 'O');
	key(f->ui, 'y');
	assert_int_equal(st->rec.state, CASE_OPEN);
	assert_int_equal(test_query_int(f->s, "SELECT state = 'open' FROM cases WHERE number = "
					      "'CS0000201'"),
			 1);
}

static void test_stale_version_reloads(void **state)
{
	struct fixture *f = *state;
	struct case_view_state *st = view(f, "CS0000002");
	struct csm_error err = {0};

	/* Someone else asks for information meanwhile. */
	assert_int_equal(domain_case_transition(f->s, "CS0000002", CASE_ANY_VERSION, "request_info",
						NULL, NULL, &err),
			 0);
	assert_int_equal(st->rec.version, 1);
	key(f->ui, 'X'); /* cancel, from the state this screen still shows */
	key(f->ui, 'y');
	assert_message_has(f, "changed by someone else");
	assert_message_has(f, "reloaded");
	assert_int_equal(st->rec.state, CASE_AWAITING_INFO);
	assert_int_equal(st->rec.version, 2);
	assert_int_equal(test_query_int(f->s, "SELECT state = 'awaiting_info' FROM cases WHERE "
					      "number = 'CS0000002'"),
			 1);
}

static void test_comment_and_work_note(void **state)
{
	struct fixture *f = *state;
	struct case_view_state *st = view(f, "CS0000003");
	bool comment = false, note = false;

	key(f->ui, 'c');
	assert_int_equal(st->dlg.kind, DIALOG_INPUT);
	type(f->ui, "We are on it");
	key(f->ui, KEYCODE_ENTER);
	key(f->ui, 'w');
	type(f->ui, "Check the DSLAM");
	key(f->ui, KEYCODE_ENTER);
	assert_int_equal(st->journal.n, 2);
	assert_int_equal(st->journal.items[0].kind, CASE_JOURNAL_WORK_NOTE);
	assert_string_equal(st->journal.items[1].body, "We are on it");
	for (size_t i = 0; i < st->n_lines; i++) {
		comment |= strncmp(st->lines[i].left, "[comment]", 9) == 0;
		note |= strncmp(st->lines[i].left, "[work note]", 11) == 0;
	}
	assert_true(comment && note);
	assert_int_equal(test_query_int(f->s, "SELECT count(*) FROM case_journal j JOIN cases c ON"
					      " c.id = j.case_id WHERE c.number = 'CS0000003' AND"
					      " j.kind IN ('comment', 'work_note')"),
			 2);
}

static void test_assign_group_then_member(void **state)
{
	struct fixture *f = *state;
	struct case_view_state *st = view(f, "CS0000004");
	char *v;

	key(f->ui, 'a');
	assert_int_equal(st->dlg.kind, DIALOG_PICK);
	assert_int_equal(st->dlg.n, 2);
	assert_string_equal(st->dlg.labels[0], "Billing");
	key(f->ui, 'g');
	key(f->ui, KEYCODE_ENTER); /* Billing */
	assert_int_equal(st->dlg.n, 2); /* nobody, carol */
	assert_string_equal(st->dlg.labels[1], "carol");
	key(f->ui, 'j');
	key(f->ui, KEYCODE_ENTER);
	assert_false(dialog_active(&st->dlg));
	v = test_query_text(f->s, "SELECT g.name || '/' || u.login FROM cases c JOIN assignment_group"
				  " g ON g.id = c.group_id JOIN user u ON u.id = c.assigned_to_id"
				  " WHERE c.number = 'CS0000004'");
	assert_string_equal(v, "Billing/carol");
	free(v);
	assert_string_equal(st->rec.assigned_login, "carol");
}

static void test_back_to_queue_reloads(void **state)
{
	struct fixture *f = *state;
	struct cases_state *st = queues(f);
	struct case_view_state *cv;

	/* Priority 1 first: tester's are 10, 20, ...; 20 is the oldest of 1. */
	assert_string_equal(selected(st)->number, "CS0000020");
	key(f->ui, KEYCODE_ENTER);
	cv = ui_top(f->ui)->state;
	assert_string_equal(cv->number, "CS0000020");
	key(f->ui, 'X');
	key(f->ui, 'y');
	assert_int_equal(cv->rec.state, CASE_CANCELED);
	key(f->ui, KEYCODE_ESC);
	/* Canceled cases leave my open cases. */
	assert_int_equal(st->list.n, 12);
	for (size_t i = 0; i < st->list.n; i++)
		assert_string_not_equal(row_case(st, i)->number, "CS0000020");
}

static void test_narrow_columns(void **state)
{
	struct fixture *f = *state;
	struct cases_state *st = queues(f);

	assert_int_equal(st->cols.customer > 0, 1);
	assert_int_equal(st->cols.assigned > 0, 1);
	ui_layout(f->ui, 10, 40);
	assert_int_equal(st->cols.customer, 0);
	assert_int_equal(st->cols.assigned, 0);
	assert_int_equal(st->cols.age, 0);
	assert_true(st->cols.desc >= 10);
	assert_true(1 + st->cols.number + 1 + st->cols.priority + 1 + st->cols.state + 1 +
			    st->cols.desc <=
		    40);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_queue_switching, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paging_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort_cycles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_without_user, setup, teardown),
		cmocka_unit_test_setup_teardown(test_menu_per_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_asks_code_then_notes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escape_abandons_a_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_direct_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_version_reloads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comment_and_work_note, setup, teardown),
		cmocka_unit_test_setup_teardown(test_assign_group_then_member, setup, teardown),
		cmocka_unit_test_setup_teardown(test_back_to_queue_reloads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_narrow_columns, setup, teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
