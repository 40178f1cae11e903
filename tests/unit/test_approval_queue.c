/* test_approval_queue.c - "awaiting my approval" (case_query.may_decide):
 * for every kind of user, the approval queue with may_decide lists exactly
 * the requested cases that domain_case_decide() lets the user decide, and
 * deciding each one it lists succeeds; the queue is read through the
 * approval index like the other queues. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case.h"
#include "store/access.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Account A (child A2) and B; service organization SO (child SO2) managed
 * by the stakeholder sorg; stake is a stakeholder (and customer) of A. */
static const char world[] =
	"INSERT INTO user(id, login, name, is_external) VALUES"
	" (1, 'admin', 'Admin', 0), (2, 'agent', 'Agent', 0), (3, 'viewer', 'Viewer', 0),"
	" (4, 'contrib', 'Contrib', 0), (5, 'stake', 'Stake', 1), (6, 'ca', 'Ca', 1),"
	" (7, 'mgr', 'Mgr', 0), (8, 'sorg', 'Sorg', 1), (9, 'agent2', 'Agent two', 0);"
	"INSERT INTO user_role(user_id, role) VALUES (1, 'admin'), (2, 'agent'), (3, 'viewer'),"
	" (4, 'contributor'), (5, 'stakeholder'), (5, 'customer'), (6, 'customer'),"
	" (7, 'manager'), (8, 'stakeholder'), (9, 'agent');"
	"INSERT INTO account(id, number, name, parent_id) VALUES"
	" (1, 'A', 'Acme', NULL), (2, 'A2', 'Acme East', 1), (3, 'B', 'Beta', NULL);"
	"INSERT INTO contact(id, number, account_id, last_name, user_id) VALUES"
	" (1, 'CT-stake', 1, 'Stake', 5), (2, 'CT-ca', 1, 'Ca', 6), (3, 'CT-b', 3, 'Bee', NULL);"
	"INSERT INTO service_organization(id, number, name, parent_id, manager_id) VALUES"
	" (1, 'SO', 'Partner', NULL, 8), (2, 'SO2', 'Partner East', 1, NULL);"
	/* Requested: unnamed on A, A2, B, SO2; named agent on B, viewer on A,
	 * contrib on B, stake on B, ca on A; one of A approved already. */
	"INSERT INTO cases(id, number, short_description, state, account_id, contact_id,"
	" service_org_id, approval, approver_id, priority) VALUES"
	" (1, 'CS-A', 'a', 'open', 1, 2, NULL, 'requested', NULL, 2),"
	" (2, 'CS-A2', 'a2', 'new', 2, NULL, NULL, 'requested', NULL, 1),"
	" (3, 'CS-B', 'b', 'open', 3, 3, NULL, 'requested', NULL, 3),"
	" (4, 'CS-SO2', 'so2', 'open', NULL, NULL, 2, 'requested', NULL, 4),"
	" (5, 'CS-B-agent', 'ba', 'open', 3, 3, NULL, 'requested', 2, 2),"
	" (6, 'CS-A-viewer', 'av', 'open', 1, 2, NULL, 'requested', 3, 2),"
	" (7, 'CS-B-contrib', 'bc', 'open', 3, 3, NULL, 'requested', 4, 3),"
	" (8, 'CS-B-stake', 'bs', 'awaiting_info', 3, 3, NULL, 'requested', 5, 1),"
	" (9, 'CS-A-ca', 'ac', 'open', 1, 2, NULL, 'requested', 6, 4),"
	" (10, 'CS-A-done', 'ad', 'open', 1, 2, NULL, 'approved', 1, 2),"
	" (11, 'CS-A-closed', 'acl', 'closed', 1, 2, NULL, 'requested', NULL, 2);";

struct fixture {
	char path[256];  /* the temporary database */
	struct store *s; /* open on path */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->s = test_store_new(f->path, MODEL_B2B);
	test_exec(f->s, world);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	test_store_free(&f->s, f->path);
	free(f);
	return 0;
}

/* The numbers in "awaiting my approval" of the acting user (id), in the
 * queue's order, one page of at most limit at a time. */
static char *my_queue(struct store *s, int64_t user_id, enum case_sort sort, size_t limit)
{
	struct strbuf out;
	char *key = NULL;
	int64_t after = 0;

	strbuf_init(&out);
	for (;;) {
		struct case_query q;
		struct page_req pg = {key, after, limit};
		struct case_list cl = {0};
		struct csm_error err = {0};

		case_query_init(&q);
		q.queue = CASE_QUEUE_APPROVAL;
		q.may_decide = true;
		q.user_id = user_id;
		q.sort = sort;
		assert_int_equal(domain_case_list(s, &q, &pg, &cl, &err), 0);
		for (size_t i = 0; i < cl.n; i++)
			strbuf_addf(&out, "%s%s", out.len ? " " : "", cl.items[i].number);
		free(key);
		key = cl.n ? case_sort_key(&cl.items[cl.n - 1], sort) : NULL;
		after = cl.n ? cl.items[cl.n - 1].id : 0;
		bool more = cl.more;
		case_list_fini(&cl);
		if (!more)
			break;
	}
	free(key);
	return strbuf_take(&out);
}

/* Expected queue (by number, sorted by priority then id as opened_at ties)
 * per user: written out from domain.md's rules. */
static const struct {
	const char *login;
	int64_t id;
	const char *queue; /* by number order */
} expect[] = {
	/* admins and managers decide every requested open case */
	{"admin", 1, "CS-A CS-A-ca CS-A-viewer CS-A2 CS-B CS-B-agent CS-B-contrib CS-B-stake CS-SO2"},
	{"mgr", 7, "CS-A CS-A-ca CS-A-viewer CS-A2 CS-B CS-B-agent CS-B-contrib CS-B-stake CS-SO2"},
	/* an agent only what is asked of it by name */
	{"agent", 2, "CS-B-agent"},
	{"agent2", 9, ""},
	/* a viewer decides nothing, even when named */
	{"viewer", 3, ""},
	{"contrib", 4, "CS-B-contrib"},
	/* a stakeholder: its organization's unnamed ones, and its own by name */
	{"stake", 5, "CS-A CS-A2 CS-B-stake"},
	{"sorg", 8, "CS-SO2"},
	/* a customer only by name */
	{"ca", 6, "CS-A-ca"},
};

static void test_queue_per_user(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
		test_act_as(f->s, expect[i].login);
		char *got = my_queue(f->s, expect[i].id, CASE_SORT_NUMBER, 2);
		if (strcmp(got, expect[i].queue) != 0)
			fail_msg("%s: awaiting my approval is '%s', expected '%s'", expect[i].login, got,
				 expect[i].queue);
		free(got);
		/* every order lists the same cases */
		for (int sort = 0; sort < CASE_SORT_COUNT; sort++) {
			char *other = my_queue(f->s, expect[i].id, (enum case_sort)sort, 3);
			size_t n1 = 0, n2 = 0;
			for (const char *p = expect[i].queue; *p; p++)
				n1 += *p == ' ';
			for (const char *p = other; *p; p++)
				n2 += *p == ' ';
			assert_int_equal(n1, n2);
			for (char *tok = strtok(other, " "); tok; tok = strtok(NULL, " "))
				assert_non_null(strstr(expect[i].queue, tok));
			free(other);
		}
	}
}

/* What the queue lists, the domain lets decide; what it leaves out it
 * refuses, for every user and requested case. */
static void test_queue_agrees_with_domain(void **state)
{
	struct fixture *f = *state;
	static const char *const cases[] = {"CS-A", "CS-A2", "CS-B", "CS-SO2", "CS-B-agent",
					    "CS-A-viewer", "CS-B-contrib", "CS-B-stake", "CS-A-ca"};

	for (size_t u = 0; u < sizeof expect / sizeof expect[0]; u++)
		for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
			struct case_outcome out = {0};
			struct csm_error err = {0};
			char listed[64];
			bool in_queue;
			int rc;

			snprintf(listed, sizeof listed, " %s ", cases[c]);
			char *padded = xasprintf(" %s ", expect[u].queue);
			in_queue = strstr(padded, listed) != NULL;
			free(padded);
			test_act_as(f->s, expect[u].login);
			/* decided inside an outer transaction that is then undone */
			assert_int_equal(store_begin(f->s, NULL), 0);
			rc = domain_case_decide(f->s, cases[c], CASE_ANY_VERSION, true, "ok", &out,
						&err);
			case_outcome_fini(&out);
			store_rollback(f->s);
			if ((rc == 0) != in_queue)
				fail_msg("%s on %s: queue %s, decide %s (%s)", expect[u].login, cases[c],
					 in_queue ? "lists it" : "leaves it out",
					 rc == 0 ? "succeeds" : "refuses", err.msg);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_queue_per_user, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_agrees_with_domain, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
