/* test_case_state.c - the case state machine table against domain.md:
 * every state x action pair, the refusal messages, the required fields,
 * and agreement with the schema's case_transition backstop. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/case.h"

/* domain.md section 3, written out independently of the table: for each
 * action, the state it leads to from each state (-1: not allowed). */
static const struct {
	const char *action;
	int to[CASE_STATE_COUNT]; /* new, open, awaiting_info, resolved, closed, canceled */
} expected[] = {
	{"accept", {CASE_OPEN, -1, -1, -1, -1, -1}},
	{"request_info", {-1, CASE_AWAITING_INFO, -1, -1, -1, -1}},
	{"customer_update", {-1, -1, CASE_OPEN, -1, -1, -1}},
	{"reopen", {-1, -1, CASE_OPEN, -1, -1, -1}},
	{"propose_solution", {-1, CASE_RESOLVED, CASE_RESOLVED, -1, -1, -1}},
	{"accept_solution", {-1, -1, -1, CASE_CLOSED, -1, -1}},
	{"reject_solution", {-1, -1, -1, CASE_OPEN, -1, -1}},
	{"close", {CASE_CLOSED, CASE_CLOSED, CASE_CLOSED, -1, -1, -1}},
	{"cancel", {CASE_CANCELED, CASE_CANCELED, CASE_CANCELED, -1, -1, -1}},
};
#define N_EXPECTED (sizeof expected / sizeof expected[0])

static void test_every_pair(void **state)
{
	(void)state;
	assert_int_equal(case_action_count, N_EXPECTED);
	for (size_t i = 0; i < N_EXPECTED; i++) {
		const struct case_action *a = case_action_find(expected[i].action);
		if (!a)
			fail_msg("action %s missing from the table", expected[i].action);
		for (int st = 0; st < CASE_STATE_COUNT; st++) {
			struct csm_error err = {0};
			const struct case_action *got =
				case_action_check("CS0000042", (enum case_state)st, expected[i].action, &err);
			bool want = expected[i].to[st] >= 0;

			if (want != case_action_allowed(a, (enum case_state)st) || want != (got != NULL))
				fail_msg("%s from %s: expected %s, got %s (%s)", expected[i].action,
					 case_state_name((enum case_state)st), want ? "allowed" : "refused",
					 got ? "allowed" : "refused", err.msg);
			if (want) {
				assert_int_equal(a->to, expected[i].to[st]);
				assert_string_equal(err.msg, "");
			} else {
				assert_int_equal(err.code, CSM_EX_DATAERR);
				/* the message names the case and its current state */
				assert_non_null(strstr(err.msg, "CS0000042 is "));
				assert_non_null(strstr(err.msg, case_state_label((enum case_state)st)));
			}
		}
	}
}

static void test_refusal_messages(void **state)
{
	struct csm_error err = {0};
	(void)state;

	assert_null(case_action_check("CS0000042", CASE_AWAITING_INFO, "accept_solution", &err));
	assert_string_equal(err.msg, "CS0000042 is awaiting info: 'accept_solution' needs a resolved "
				     "case (possible: customer_update, reopen, propose_solution, close, "
				     "cancel)");
	assert_null(case_action_check("CS0000001", CASE_RESOLVED, "cancel", &err));
	assert_string_equal(err.msg, "CS0000001 is resolved: 'cancel' needs a new, open or awaiting "
				     "info case (possible: accept_solution, reject_solution)");
	assert_null(case_action_check("CS0000001", CASE_NEW, "propose_solution", &err));
	assert_string_equal(err.msg, "CS0000001 is new: 'propose_solution' needs an open or awaiting "
				     "info case (possible: accept, close, cancel)");
	assert_null(case_action_check("CS0000001", CASE_CLOSED, "reopen", &err));
	assert_string_equal(err.msg,
			    "CS0000001 is closed: closed cases are read-only, no action is possible");
	assert_null(case_action_check("CS0000001", CASE_CANCELED, "accept", &err));
	assert_non_null(strstr(err.msg, "canceled cases are read-only"));
	assert_null(case_action_check("CS0000001", CASE_OPEN, "frobnicate", &err));
	assert_int_equal(err.code, CSM_EX_USAGE);
	assert_string_equal(err.msg, "'frobnicate' is not a case action (possible for CS0000001, "
				     "which is open: request_info, propose_solution, close, cancel)");
	assert_null(case_action_check("CS0000001", CASE_OPEN, NULL, &err));
}

static void test_names_and_aliases(void **state)
{
	enum case_state st;
	char buf[256];
	(void)state;

	assert_ptr_equal(case_action_find("resolve"), case_action_find("propose_solution"));
	assert_ptr_equal(case_action_find("assign"), case_action_find("accept"));
	assert_ptr_equal(case_action_find("request-info"), case_action_find("request_info"));
	assert_null(case_action_find(""));
	assert_null(case_action_find("accept_"));
	for (int i = 0; i < CASE_STATE_COUNT; i++) {
		assert_int_equal(case_state_parse(case_state_name((enum case_state)i), &st), 0);
		assert_int_equal(st, i);
		assert_int_equal(case_state_parse(case_state_label((enum case_state)i), &st), 0);
		assert_int_equal(st, i);
	}
	assert_int_equal(case_state_parse("awaiting-info", &st), 0);
	assert_int_equal(st, CASE_AWAITING_INFO);
	assert_int_equal(case_state_parse("closedx", &st), -1);
	assert_int_equal(case_state_parse(NULL, &st), -1);
	assert_true(case_state_read_only(CASE_CLOSED));
	assert_true(case_state_read_only(CASE_CANCELED));
	assert_false(case_state_read_only(CASE_RESOLVED));

	assert_int_equal(case_actions_possible(CASE_CLOSED, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(case_actions_possible(CASE_NEW, buf, sizeof buf), 3);
	assert_string_equal(buf, "accept, close, cancel");
	/* a short buffer is cut, never overrun, and the count stays right */
	assert_int_equal(case_actions_possible(CASE_AWAITING_INFO, buf, 10), 5);
	assert_int_equal(strlen(buf), 9);
	for (size_t i = 0; i < case_action_count; i++) {
		assert_non_null(case_actions[i].label);
		assert_non_null(case_actions[i].help);
		assert_true(strcmp(case_actions[i].who, "agent") == 0 ||
			    strcmp(case_actions[i].who, "customer") == 0);
	}
	assert_string_equal(case_priority_label(1), "critical");
	assert_string_equal(case_priority_label(4), "low");
	assert_string_equal(case_priority_label(5), "?");
}

static void test_required_fields(void **state)
{
	const struct case_action *resolve = case_action_find("propose_solution");
	const struct case_action *close = case_action_find("close");
	const struct case_action *cancel = case_action_find("cancel");
	struct csm_error err = {0};
	(void)state;

	assert_int_equal(case_action_check_fields(resolve, "CS1", NULL, NULL, &err), -1);
	assert_string_equal(err.msg,
			    "CS1: 'propose_solution' needs a resolution code and resolution notes");
	assert_int_equal(case_action_check_fields(resolve, "CS1", "fixed", "  \n", &err), -1);
	assert_string_equal(err.msg, "CS1: 'propose_solution' needs resolution notes");
	assert_int_equal(case_action_check_fields(resolve, "CS1", "", "notes", &err), -1);
	assert_string_equal(err.msg, "CS1: 'propose_solution' needs a resolution code");
	assert_int_equal(case_action_check_fields(resolve, "CS1", "fixed", "rebooted", &err), 0);
	assert_int_equal(case_action_check_fields(close, "CS1", NULL, NULL, &err), -1);
	assert_string_equal(err.msg, "CS1: 'close' needs resolution notes");
	assert_int_equal(case_action_check_fields(close, "CS1", NULL, "dup", &err), 0);
	assert_int_equal(case_action_check_fields(cancel, "CS1", NULL, NULL, &err), 0);
}

/* Every (from, to) the table allows is a row of the schema's
 * case_transition, and every row there is reachable by some action. */
static void test_agrees_with_schema(void **state)
{
	char path[256], sql[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	long long rows, covered = 0;
	(void)state;

	for (int from = 0; from < CASE_STATE_COUNT; from++)
		for (int to = 0; to < CASE_STATE_COUNT; to++) {
			bool any = false;
			for (size_t i = 0; i < case_action_count; i++)
				any |= case_action_allowed(&case_actions[i], (enum case_state)from) &&
				       case_actions[i].to == (enum case_state)to;
			snprintf(sql, sizeof sql,
				 "SELECT count(*) FROM case_transition WHERE from_state = '%s' "
				 "AND to_state = '%s'",
				 case_state_name((enum case_state)from), case_state_name((enum case_state)to));
			if (any != (test_query_int(s, sql) == 1))
				fail_msg("%s -> %s: table says %d, schema disagrees",
					 case_state_name((enum case_state)from),
					 case_state_name((enum case_state)to), any);
			covered += any;
		}
	rows = test_query_int(s, "SELECT count(*) FROM case_transition");
	assert_int_equal(rows, covered);
	test_store_free(&s, path);
}

static void test_sort_keys(void **state)
{
	struct case_record c;
	enum case_sort so;
	char *k, *label;
	(void)state;

	case_record_init(&c);
	assert_int_equal(c.state, CASE_NEW);
	assert_int_equal(c.priority, 4);
	c.number = strdup("CS0000007");
	c.priority = 2;
	c.opened_at = strdup("2026-11-22T10:00:00Z");
	c.updated_at = strdup("2026-11-23T10:00:00Z");
	k = case_sort_key(&c, CASE_SORT_PRIORITY);
	assert_string_equal(k, "2|2026-11-22T10:00:00Z");
	free(k);
	k = case_sort_key(&c, CASE_SORT_NUMBER);
	assert_string_equal(k, "CS0000007");
	free(k);
	k = case_sort_key(&c, CASE_SORT_UPDATED);
	assert_string_equal(k, "2026-11-23T10:00:00Z");
	free(k);
	assert_int_equal(case_sort_parse("updated", &so), 0);
	assert_int_equal(so, CASE_SORT_UPDATED);
	assert_int_equal(case_sort_parse("prio", &so), -1);

	c.account_name = strdup("Acme");
	c.account_number = strdup("ACCT0000001");
	c.contact_name = strdup("Ada Lovelace");
	label = case_customer_label(&c);
	assert_string_equal(label, "Acme (ACCT0000001) / Ada Lovelace");
	free(label);
	case_record_fini(&c);
	assert_null(c.number);
	assert_int_equal(c.entitlement_remaining, -1);
}

/* 'csm case --help' names every action of the table and its alias, and the
 * text ends with a newline (it once stopped at "Actions: "). */
static void test_help_names_every_action(void **state)
{
	(void)state;
	size_t len = strlen(cmd_case_help);

	assert_true(len > 0 && cmd_case_help[len - 1] == '\n');
	for (size_t i = 0; i < case_action_count; i++) {
		assert_non_null(strstr(cmd_case_help, case_actions[i].name));
		if (case_actions[i].alias)
			assert_non_null(strstr(cmd_case_help, case_actions[i].alias));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_pair),
		cmocka_unit_test(test_refusal_messages),
		cmocka_unit_test(test_names_and_aliases),
		cmocka_unit_test(test_required_fields),
		cmocka_unit_test(test_agrees_with_schema),
		cmocka_unit_test(test_sort_keys),
		cmocka_unit_test(test_help_names_every_action),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
