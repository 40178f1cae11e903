/* test_case_queue.c - the case queues (store_case_list) against a plain
 * model of their rules: every queue, sort and filter lists the same cases
 * in the same order as the model, page by page forwards (keyset, no gaps,
 * no repeats) and backwards from the end.  Many cases share their opening
 * and update times, so the row id tie breaker is exercised. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/case_store.h"
#include "util/xalloc.h"

#define N_CASES 400
#define PAGE 7

static const char fixture[] =
	"INSERT INTO user(id, login, name) VALUES (1, 'tester', 'Tess Tester'),"
	" (2, 'alice', 'Alice'), (3, 'bob', 'Bob'), (4, 'dave', 'Dave');"
	"INSERT INTO assignment_group(id, name) VALUES (1, 'Network'), (2, 'Field'),"
	" (3, 'Desk');"
	"INSERT INTO group_member(group_id, user_id) VALUES (1, 1), (2, 1), (3, 2), (3, 3);"
	"INSERT INTO resolution_code(code, label) VALUES ('fixed', 'Fixed');"
	"INSERT INTO account(id, number, name) VALUES (1, 'ACCT0000001', 'Acme'),"
	" (2, 'ACCT0000002', 'Other');"
	"INSERT INTO consumer(id, number, first_name, last_name) VALUES"
	" (1, 'CON0000001', 'Bea', 'Smith'), (2, 'CON0000002', 'Ben', 'Smith');"
	"INSERT INTO household(id, number, name) VALUES (1, 'HOLD0000001', 'The Smiths');";

static const char *const states[] = {"new", "open", "awaiting_info", "resolved", "closed",
				     "canceled"};
static const char *const approvals[] = {"not_requested", "requested", "approved", "rejected"};

/* One case as the model sees it (0 = NULL for ids). */
struct mcase {
	int64_t id, assigned, group, account, consumer, household;
	int state, priority, approval;
	char number[16], opened[24], updated[24];
};

static struct mcase cases[N_CASES];
static uint64_t rng = 12345;

static unsigned below(unsigned n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng >> 33) % n;
}

/* Writes N_CASES cases with random fields straight into the table. */
static void make_cases(struct store *s)
{
	char sql[1024];

	test_exec(s, fixture);
	test_exec(s, "BEGIN");
	for (int i = 0; i < N_CASES; i++) {
		struct mcase *c = &cases[i];
		int who = (int)below(10);

		c->id = i + 1;
		c->state = (int)below(6);
		c->priority = (int)below(4) + 1;
		c->approval = below(3) == 0 ? (int)below(4) : 0;
		/* the assignee is one of the group's members (a trigger says so) */
		c->group = below(5) == 0 ? 0 : (int64_t)below(3) + 1;
		c->assigned = below(4) == 0 ? 0
			      : c->group == 0 ? (int64_t)below(3) + 1
			      : c->group < 3  ? 1
					      : (int64_t)below(2) + 2;
		/* accounts, consumers (some with a household), both */
		c->account = who < 4 ? (int64_t)(who % 2) + 1 : who == 9 ? 1 : 0;
		c->consumer = who >= 4 ? (int64_t)(who % 2) + 1 : 0;
		c->household = who >= 4 && who < 7 ? 1 : 0;
		/* numbers not in id order; few distinct times, so that many tie */
		snprintf(c->number, sizeof c->number, "CS%07u", (unsigned)((i * 7919) % 10007));
		snprintf(c->opened, sizeof c->opened, "2026-0%u-1%uT10:00:00Z", below(3) + 1,
			 below(4));
		snprintf(c->updated, sizeof c->updated, "2026-05-0%uT1%u:00:00Z", below(3) + 1,
			 below(3));
		snprintf(sql, sizeof sql,
			 "INSERT INTO cases(id, number, short_description, state, priority, "
			 "account_id, consumer_id, household_id, group_id, assigned_to_id, approval, "
			 "opened_at, updated_at, resolution_code, resolution_notes) VALUES (%lld, "
			 "'%s', 'Case %d', '%s', %d, NULLIF(%lld, 0), NULLIF(%lld, 0), "
			 "NULLIF(%lld, 0), NULLIF(%lld, 0), NULLIF(%lld, 0), '%s', '%s', '%s', "
			 "'fixed', 'Done')",
			 (long long)c->id, c->number, i, states[c->state], c->priority,
			 (long long)c->account, (long long)c->consumer, (long long)c->household,
			 (long long)c->group, (long long)c->assigned, approvals[c->approval],
			 c->opened, c->updated);
		test_exec(s, sql);
	}
	test_exec(s, "COMMIT");
}

/* ---- the model -------------------------------------------------------- */

static bool in_groups_of(int64_t user, int64_t group)
{
	return (user == 1 && (group == 1 || group == 2)) || ((user == 2 || user == 3) && group == 3);
}

static bool model_match(const struct case_query *q, const struct mcase *c)
{
	enum case_queue queue =
		q->queue == CASE_QUEUE_OPEN && q->state >= 0 ? CASE_QUEUE_ALL : q->queue;
	bool open = c->state < 4;

	switch (queue) {
	case CASE_QUEUE_MINE:
		if (c->assigned != q->user_id)
			return false;
		break;
	case CASE_QUEUE_GROUPS:
		if (!c->group || !in_groups_of(q->user_id, c->group))
			return false;
		if (q->unassigned_only && c->assigned)
			return false;
		break;
	case CASE_QUEUE_APPROVAL:
		if (c->approval != 1)
			return false;
		break;
	default:
		break;
	}
	if (queue != CASE_QUEUE_ALL && q->state < 0 && !open)
		return false;
	if (q->state >= 0 && c->state != q->state)
		return false;
	if (q->priority > 0 && c->priority != q->priority)
		return false;
	if (q->group_id && c->group != q->group_id)
		return false;
	if (q->account_id && c->account != q->account_id)
		return false;
	if (q->consumer_id && c->consumer != q->consumer_id)
		return false;
	if (q->household_id && c->household != q->household_id)
		return false;
	return true;
}

static enum case_sort sort_by;

static int by_id(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int model_cmp(const void *pa, const void *pb)
{
	const struct mcase *a = pa, *b = pb;
	int r;

	switch (sort_by) {
	case CASE_SORT_PRIORITY:
		if (a->priority != b->priority)
			return a->priority - b->priority;
		r = strcmp(a->opened, b->opened);
		return r ? r : by_id(a->id, b->id);
	case CASE_SORT_NUMBER:
		r = strcmp(a->number, b->number);
		return r ? r : by_id(a->id, b->id);
	case CASE_SORT_UPDATED: /* newest first */
		r = strcmp(b->updated, a->updated);
		return r ? r : by_id(b->id, a->id);
	case CASE_SORT_OPENED:
	default:
		r = strcmp(a->opened, b->opened);
		return r ? r : by_id(a->id, b->id);
	}
}

/* The ids the model lists for q, in order; returns how many. */
static size_t model_list(const struct case_query *q, int64_t *ids)
{
	struct mcase *m = xmalloc(sizeof cases);
	size_t n = 0;

	for (int i = 0; i < N_CASES; i++)
		if (model_match(q, &cases[i]))
			m[n++] = cases[i];
	sort_by = q->sort;
	qsort(m, n, sizeof *m, model_cmp);
	for (size_t i = 0; i < n; i++)
		ids[i] = m[i].id;
	free(m);
	return n;
}

/* ---- the store, page by page ------------------------------------------ */

/* Pages q through the store (forwards, or backwards from the end) and
 * returns how many ids it put in ids, in the walk's order. */
static size_t store_walk(struct store *s, struct case_query q, bool reverse, int64_t *ids)
{
	struct csm_error err = {0};
	char *key = NULL;
	int64_t after = 0;
	size_t n = 0;

	q.reverse = reverse;
	for (int pages = 0; pages <= N_CASES; pages++) {
		struct page_req pg = {key, after, PAGE};
		struct case_list l = {0};

		assert_int_equal(store_case_list(s, &q, &pg, &l, &err), 0);
		assert_true(l.n <= PAGE);
		for (size_t i = 0; i < l.n; i++) {
			assert_true(n < N_CASES);
			ids[n++] = l.items[i].id;
		}
		free(key);
		key = NULL;
		if (l.n > 0) {
			key = case_sort_key(&l.items[l.n - 1], q.sort);
			after = l.items[l.n - 1].id;
		}
		if (!l.more) {
			case_list_fini(&l);
			break;
		}
		assert_int_equal(l.n, PAGE); /* a short page says there is no more */
		case_list_fini(&l);
	}
	free(key);
	return n;
}

static void check_query(struct store *s, const struct case_query *q, const char *what)
{
	static int64_t want[N_CASES], fwd[N_CASES], back[N_CASES];
	size_t nw = model_list(q, want), nf = store_walk(s, *q, false, fwd),
	       nb = store_walk(s, *q, true, back);

	if (nf != nw || nb != nw)
		fail_msg("%s, sort %s: %zu cases, the store pages %zu forwards, %zu backwards", what,
			 case_sort_name(q->sort), nw, nf, nb);
	for (size_t i = 0; i < nw; i++) {
		if (fwd[i] != want[i])
			fail_msg("%s, sort %s: row %zu is case %lld, not %lld", what,
				 case_sort_name(q->sort), i, (long long)fwd[i], (long long)want[i]);
		if (back[nw - 1 - i] != want[i])
			fail_msg("%s, sort %s, backwards: row %zu is case %lld, not %lld", what,
				 case_sort_name(q->sort), i, (long long)back[nw - 1 - i],
				 (long long)want[i]);
	}
}

/* Every queue and sort, with no filter and with each filter in turn, for
 * a user in two groups, one in one group and one in none. */
static void test_queues_match_model(void **state)
{
	struct store *s = *state;
	enum { F_NONE, F_STATE_OPEN, F_STATE_CLOSED, F_PRIORITY, F_GROUP, F_ACCOUNT, F_CONSUMER,
	       F_HOUSEHOLD, F_UNASSIGNED, F_COUNT };
	static const char *const fname[F_COUNT] = {
		"no filter", "state open", "state closed", "priority 2", "group 1",
		"account 1", "consumer 2", "household 1", "unassigned only"};
	size_t nonempty = 0;

	for (int queue = 0; queue < CASE_QUEUE_COUNT; queue++)
		for (int sort = 0; sort < CASE_SORT_COUNT; sort++)
			for (int f = 0; f < F_COUNT; f++)
				for (int64_t user = 1; user <= 4; user += 1 + (user == 2)) {
					struct case_query q;
					int64_t ids[N_CASES];
					char what[128];

					case_query_init(&q);
					q.queue = (enum case_queue)queue;
					q.sort = (enum case_sort)sort;
					q.user_id = user;
					switch (f) {
					case F_STATE_OPEN: q.state = CASE_OPEN; break;
					case F_STATE_CLOSED: q.state = CASE_CLOSED; break;
					case F_PRIORITY: q.priority = 2; break;
					case F_GROUP: q.group_id = 1; break;
					case F_ACCOUNT: q.account_id = 1; break;
					case F_CONSUMER: q.consumer_id = 2; break;
					case F_HOUSEHOLD: q.household_id = 1; break;
					case F_UNASSIGNED: q.unassigned_only = true; break;
					default: break;
					}
					snprintf(what, sizeof what, "queue %s, %s, user %lld",
						 case_queue_name(q.queue), fname[f], (long long)user);
					check_query(s, &q, what);
					nonempty += model_list(&q, ids) > PAGE;
				}
	/* the data is not so thin that most lists fit on one page */
	assert_true(nonempty > 300);
}

/* A page key taken from the middle: the next page starts right after it,
 * even where the rows around it share their sort values. */
static void test_page_after_a_tie(void **state)
{
	struct store *s = *state;
	struct csm_error err = {0};
	struct case_query q;
	int64_t want[N_CASES];
	size_t n;

	case_query_init(&q);
	q.queue = CASE_QUEUE_ALL;
	q.sort = CASE_SORT_OPENED;
	n = model_list(&q, want);
	assert_true(n == N_CASES);
	for (size_t i = 1; i + 1 < n; i += 37) {
		struct case_record after;
		struct case_list l = {0};
		struct page_req pg = {NULL, want[i], 3};

		assert_int_equal(store_case_get(s, want[i], &after, &err), 1);
		pg.after_key = after.opened_at;
		assert_int_equal(store_case_list(s, &q, &pg, &l, &err), 0);
		assert_true(l.n >= 1);
		assert_int_equal(l.items[0].id, want[i + 1]);
		case_list_fini(&l);
		case_record_fini(&after);
	}
}

static char db_path[256];

static int setup(void **state)
{
	struct store *s = test_store_new(db_path, MODEL_B2B2C);

	make_cases(s);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct store *s = *state;

	test_store_free(&s, db_path);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queues_match_model),
		cmocka_unit_test(test_page_after_a_tie),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
