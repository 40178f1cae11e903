/* test_ui_customer.c - the customer screen without a terminal: the tabs a
 * kind shows, switching with Tab/S-Tab and the digits, rows and their
 * order (open cases first, install base trees), paging far past one
 * window and back, the parent account, and routing to case entry. */
#include "helpers.h"

#include <locale.h>
#include <stdio.h>
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

#define N_CONTACTS 150 /* more than two windows of rows at 22 lines */

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct csm_error err = {0};
	char sql[256];

	f->s = test_store_new(f->path, MODEL_B2B);
	test_exec(f->s, "INSERT INTO account(id, number, name, code, phone) VALUES "
			"(1, 'ACCT0000001', 'Acme Holding', 'ACMEH', '+1 555 0100'),"
			"(2, 'ACCT0000002', 'Acme Télécom', 'ACME', '+1 555 0101')");
	test_exec(f->s, "UPDATE account SET parent_id = 1 WHERE id = 2");
	for (int i = 1; i <= N_CONTACTS; i++) {
		snprintf(sql, sizeof sql,
			 "INSERT INTO contact(id, number, account_id, first_name, last_name) "
			 "VALUES (%d, 'CT%07d', 2, 'Ann', 'Person%03d')",
			 i, i, i);
		test_exec(f->s, sql);
	}
	test_exec(f->s, "INSERT INTO cases(id, number, short_description, state, priority, "
			"account_id, closed_at) VALUES "
			"(1, 'CS0000001', 'Closed one', 'closed', 1, 2, '2026-01-01T00:00:00Z'),"
			"(2, 'CS0000002', 'Low open', 'open', 4, 2, NULL),"
			"(3, 'CS0000003', 'Critical new', 'new', 1, 2, NULL),"
			"(4, 'CS0000004', 'Canceled one', 'canceled', 2, 2, '2026-01-02T00:00:00Z')");
	test_exec(f->s, "INSERT INTO install_base_item(id, number, name, account_id) VALUES "
			"(1, 'IB0000001', 'Line', 2), (3, 'IB0000003', 'Other line', 2)");
	test_exec(f->s, "INSERT INTO install_base_item(id, number, name, parent_id, account_id)"
			" VALUES (2, 'IB0000002', 'Router', 1, 2)");
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

static struct customer_state *open_account(struct fixture *f, int64_t id)
{
	ui_open_record(f->ui, SK_ACCOUNT, id, NULL);
	assert_ptr_equal(ui_top(f->ui)->ops, &customer_screen);
	return ui_top(f->ui)->state;
}

static const struct cust_row *row_at(const struct customer_state *st, size_t i)
{
	assert_true(i < st->list.n);
	return st->list.rows[i].data;
}

static const struct cust_row *selected(const struct customer_state *st)
{
	const struct list_row *r = list_selected(&st->list);
	assert_non_null(r);
	return r->data;
}

static void test_account_tabs_and_switching(void **state)
{
	struct fixture *f = *state;
	struct customer_state *st = open_account(f, 1);

	/* The holding has a child: contacts, children, cases, sold, ib,
	 * contracts, related, activity. */
	assert_int_equal(st->n_tabs, 8);
	assert_int_equal(st->tabs[0], CTAB_CONTACTS);
	assert_int_equal(st->tabs[1], CTAB_CHILDREN);
	assert_int_equal(st->tab, 0);
	assert_string_equal(st->facts[0], "ACCT0000001  Acme Holding (ACMEH)");
	key(f->ui, KEYCODE_TAB);
	assert_int_equal(st->tabs[st->tab], CTAB_CHILDREN);
	assert_int_equal(st->list.n, 1);
	assert_string_equal(row_at(st, 0)->col[0], "ACCT0000002");
	key(f->ui, KEYCODE_FN | KEY_BTAB);
	key(f->ui, KEYCODE_FN | KEY_BTAB);
	assert_int_equal(st->tabs[st->tab], CTAB_ACTIVITY); /* wraps around */
	key(f->ui, '3');
	assert_int_equal(st->tabs[st->tab], CTAB_CASES);
	key(f->ui, '9');
	assert_int_equal(st->tabs[st->tab], CTAB_CASES);
	assert_string_equal(ui_message_text(f->ui, NULL), "There are 8 tabs");

	/* Enter on the child opens it; its breadcrumb names the parent. */
	key(f->ui, '2');
	key(f->ui, KEYCODE_ENTER);
	st = ui_top(f->ui)->state;
	assert_int_equal(st->id, 2);
	assert_string_equal(st->facts[1], "Parent: Acme Holding > Acme Télécom");
	assert_int_equal(st->n_tabs, 7); /* no children tab */
	key(f->ui, 'p');
	st = ui_top(f->ui)->state;
	assert_int_equal(st->id, 1);
	assert_int_equal(ui_depth(f->ui), 4);
	key(f->ui, 'p');
	assert_string_equal(ui_message_text(f->ui, NULL), "ACCT0000001 has no parent account");
}

static void test_cases_open_first(void **state)
{
	struct fixture *f = *state;
	struct customer_state *st = open_account(f, 2);

	key(f->ui, '2');
	assert_int_equal(st->tabs[st->tab], CTAB_CASES);
	assert_int_equal(st->list.n, 4);
	/* Open ones by priority, then closed, then canceled. */
	assert_string_equal(row_at(st, 0)->col[2], "CS0000003");
	assert_string_equal(row_at(st, 1)->col[2], "CS0000002");
	assert_string_equal(row_at(st, 2)->col[2], "CS0000001");
	assert_string_equal(row_at(st, 3)->col[2], "CS0000004");
	assert_string_equal(row_at(st, 2)->col[1], "closed");
	assert_true(row_at(st, 0)->warn); /* critical and open */
}

static void test_install_base_tree(void **state)
{
	struct fixture *f = *state;
	struct customer_state *st = open_account(f, 2);

	key(f->ui, '4');
	assert_int_equal(st->tabs[st->tab], CTAB_IB);
	assert_int_equal(st->list.n, 3);
	assert_string_equal(row_at(st, 0)->col[0], "IB0000001");
	assert_string_equal(row_at(st, 1)->col[1], "  Router"); /* the child, indented */
	assert_int_equal(row_at(st, 1)->depth, 1);
	assert_string_equal(row_at(st, 2)->col[0], "IB0000003");
}

static void test_paging_contacts(void **state)
{
	struct fixture *f = *state;
	struct customer_state *st = open_account(f, 2);
	char want[32];

	assert_int_equal(st->tabs[st->tab], CTAB_CONTACTS);
	assert_true(st->list.n < N_CONTACTS); /* one window, not the table */
	for (int i = 0; i < 5; i++)
		key(f->ui, KEYCODE_FN | KEY_NPAGE);
	/* 5 pages of list height rows down, by name order = number order. */
	snprintf(want, sizeof want, "CT%07d", 1 + 5 * st->list.height);
	assert_string_equal(selected(st)->col[0], want);
	assert_true(st->list.n <= list_window_rows(st->list.height));
	key(f->ui, KEYCODE_FN | KEY_END);
	snprintf(want, sizeof want, "CT%07d", N_CONTACTS);
	assert_string_equal(selected(st)->col[0], want);
	/* Back up past the rows the window dropped: keyset pages backwards. */
	for (int i = 0; i < 6; i++)
		key(f->ui, KEYCODE_FN | KEY_PPAGE);
	snprintf(want, sizeof want, "CT%07d", N_CONTACTS - 6 * st->list.height);
	assert_true(st->list.n <= list_window_rows(st->list.height));
	assert_string_equal(selected(st)->col[0], want);
	key(f->ui, KEYCODE_FN | KEY_HOME);
	assert_string_equal(selected(st)->col[0], "CT0000001");
	key(f->ui, KEYCODE_ENTER);
	st = ui_top(f->ui)->state;
	assert_int_equal(st->kind, SK_CONTACT);
	assert_string_equal(st->facts[1], "Account: Acme Télécom (ACCT0000002)");
}

static void test_new_case_prefills(void **state)
{
	struct fixture *f = *state;
	struct customer_state *st = open_account(f, 2);
	struct case_entry_state *ce;

	key(f->ui, '4'); /* install base: the case is about the selected item */
	key(f->ui, KEYCODE_FN | KEY_DOWN);
	key(f->ui, 'c');
	assert_ptr_equal(ui_top(f->ui)->ops, &case_entry_screen);
	ce = ui_top(f->ui)->state;
	assert_string_equal(form_value(&ce->form, "customer"), "ACCT0000002  Acme Télécom");
	assert_string_equal(form_value(&ce->form, "install base item"), "IB0000002  Router");
	(void)st;
}

static void test_activity_shows_changes(void **state)
{
	struct fixture *f = *state;
	struct customer_state *st;

	test_exec(f->s, "UPDATE account SET phone = '+1 555 0199' WHERE id = 2");
	st = open_account(f, 2);
	key(f->ui, '7');
	assert_int_equal(st->tabs[st->tab], CTAB_ACTIVITY);
	assert_true(st->list.n >= 1);
	/* Newest first: the phone change. */
	assert_string_equal(row_at(st, 0)->col[2], "phone");
	assert_string_equal(row_at(st, 0)->col[3], "+1 555 0101 -> +1 555 0199");
	assert_string_equal(row_at(st, 0)->col[1], "tester");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_account_tabs_and_switching, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cases_open_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_install_base_tree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paging_contacts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_case_prefills, setup, teardown),
		cmocka_unit_test_setup_teardown(test_activity_shows_changes, setup, teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
