/* test_paging_inserts.c - keyset pages stay without gaps or repeats while
 * rows are inserted between pages (issue 5): the case queues and a
 * customer's cases under every sort, both directions, and the consumer
 * list.  Every row there at the start must be seen exactly once, and no
 * row twice. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/case.h"
#include "model/customer.h"
#include "store/case_store.h"
#include "store/customer_store.h"
#include "util/xalloc.h"

#define MAX_ROWS 2048

/* A deterministic sequence of small numbers (an LCG). */
static unsigned next_rand(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

static int next_id = 1;

/* Inserts a case of account 1 or 2 with a pseudo-random priority, state
 * and times; some share their keys with rows already there. */
static void insert_case(struct store *s, unsigned *seed)
{
	static const char *states[] = {"new", "open", "awaiting_info", "open"};
	char sql[400];
	int id = next_id++;

	snprintf(sql, sizeof sql,
		 "INSERT INTO cases(id, number, short_description, account_id, priority, state,"
		 " opened_at, updated_at) VALUES (%d, 'CS%07d', 'paged', %u, %u, '%s',"
		 " '2026-11-%02uT%02u:00:00Z', '2026-11-%02uT%02u:00:00Z')",
		 id, id, 1 + next_rand(seed) % 2, 1 + next_rand(seed) % 4,
		 states[next_rand(seed) % 4], 1 + next_rand(seed) % 5, next_rand(seed) % 3,
		 1 + next_rand(seed) % 5, next_rand(seed) % 3);
	test_exec(s, sql);
}

/* The ids of the cases that match where, read with one SQL statement
 * (not paged); returns how many. */
static size_t ids_where(struct store *s, const char *where, int64_t *ids)
{
	char sql[300], *list, *p;
	size_t n = 0;

	snprintf(sql, sizeof sql, "SELECT COALESCE(group_concat(id), '') FROM cases WHERE %s", where);
	list = test_query_text(s, sql);
	assert_non_null(list);
	for (p = list; *p;) {
		char *end;
		ids[n++] = strtoll(p, &end, 10);
		assert_true(n < MAX_ROWS);
		p = *end ? end + 1 : end;
	}
	free(list);
	return n;
}

/* Walks q in pages of limit from the start, inserting `grow` cases after
 * every page; checks that every row of before[0..nb) comes exactly once
 * and no row twice. */
static void walk(struct store *s, const struct case_query *q, size_t limit, int grow,
		 const int64_t *before, size_t nb, unsigned *seed)
{
	static unsigned char seen[MAX_ROWS];
	struct page_req page = {.limit = limit};
	struct csm_error err = {0};
	char *key = NULL;
	int pages = 0;

	memset(seen, 0, sizeof seen);
	for (;;) {
		struct case_list l = {0};
		if (store_case_list(s, q, &page, &l, &err) < 0)
			fail_msg("listing: %s", err.msg);
		assert_true(l.n <= limit);
		for (size_t i = 0; i < l.n; i++) {
			int64_t id = l.items[i].id;
			assert_true(id > 0 && id < MAX_ROWS);
			if (seen[id]++)
				fail_msg("sort %s%s: case %lld twice (page %d)", case_sort_name(q->sort),
					 q->reverse ? " reverse" : "", (long long)id, pages);
		}
		pages++;
		if (!l.more || l.n == 0) {
			case_list_fini(&l);
			break;
		}
		free(key);
		key = case_sort_key(&l.items[l.n - 1], q->sort);
		page.after_key = key;
		page.after_id = l.items[l.n - 1].id;
		case_list_fini(&l);
		for (int i = 0; i < grow; i++)
			insert_case(s, seed);
		assert_true(pages < 1000);
	}
	free(key);
	assert_true(pages > 2); /* the walk did page */
	for (size_t i = 0; i < nb; i++)
		if (seen[before[i]] != 1)
			fail_msg("sort %s%s: case %lld seen %d times", case_sort_name(q->sort),
				 q->reverse ? " reverse" : "", (long long)before[i], seen[before[i]]);
	/* back to the 40 cases of the start, for the next walk */
	test_exec(s, "DELETE FROM cases WHERE id > 40");
	next_id = 41;
}

static void test_case_lists_while_inserting(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	unsigned seed = 42;
	int64_t before[MAX_ROWS];
	(void)state;

	next_id = 1;
	test_exec(s, "INSERT INTO account(id, number, name) VALUES (1, 'ACCT0000001', 'Paged'),"
		     " (2, 'ACCT0000002', 'Other')");
	for (int i = 0; i < 40; i++)
		insert_case(s, &seed);
	for (int sort = 0; sort < CASE_SORT_COUNT; sort++)
		for (int reverse = 0; reverse <= 1; reverse++) {
			struct case_query q;
			size_t nb;

			/* the open queue */
			case_query_init(&q);
			q.sort = (enum case_sort)sort;
			q.reverse = reverse;
			nb = ids_where(s, "state IN ('new', 'open', 'awaiting_info', 'resolved')",
				       before);
			walk(s, &q, 5, 3, before, nb, &seed);

			/* a customer's cases (the customer screen's list) */
			case_query_init(&q);
			q.queue = CASE_QUEUE_ALL;
			q.account_id = 1;
			q.sort = (enum case_sort)sort;
			q.reverse = reverse;
			nb = ids_where(s, "account_id = 1", before);
			walk(s, &q, 4, 2, before, nb, &seed);

			/* one state of a customer's, pages of one */
			q.state = CASE_OPEN;
			nb = ids_where(s, "account_id = 1 AND state = 'open'", before);
			walk(s, &q, 1, 1, before, nb, &seed);
		}
	test_store_free(&s, path);
}

static void test_consumer_list_while_inserting(void **state)
{
	static const char *names[] = {"Adams", "baker", "Baker", "Clark", "Young", "Évora",
				      "Zane", "adams", "Moss", "Núñez"};
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2C);
	struct consumer_list l = {0};
	struct page_req pg = {.limit = 3};
	struct csm_error err = {0};
	static unsigned char seen[MAX_ROWS];
	unsigned seed = 7;
	char sql[200], *key = NULL;
	int n = 0, start, pages = 0;
	(void)state;

	memset(seen, 0, sizeof seen);
	for (; n < 25; n++) {
		snprintf(sql, sizeof sql,
			 "INSERT INTO consumer(id, number, first_name, last_name) VALUES"
			 " (%d, 'CON%07d', 'F%u', '%s')",
			 n + 1, n + 1, next_rand(&seed) % 3, names[next_rand(&seed) % 10]);
		test_exec(s, sql);
	}
	start = n;
	for (;;) {
		assert_int_equal(store_consumer_list(s, &pg, false, &l, &err), 0);
		for (size_t i = 0; i < l.n; i++) {
			int64_t id = l.items[i].id;
			assert_true(id > 0 && id < MAX_ROWS);
			if (seen[id]++)
				fail_msg("consumer %lld twice", (long long)id);
		}
		pages++;
		if (!l.next.more) {
			consumer_list_fini(&l);
			break;
		}
		free(key);
		key = xstrdup(l.next.key);
		pg.after_key = key;
		pg.after_id = l.next.id;
		consumer_list_fini(&l);
		/* two new ones, names before, at and after the cursor */
		for (int i = 0; i < 2; i++, n++) {
			snprintf(sql, sizeof sql,
				 "INSERT INTO consumer(id, number, first_name, last_name) VALUES"
				 " (%d, 'CON%07d', 'F%u', '%s')",
				 n + 1, n + 1, next_rand(&seed) % 3, names[next_rand(&seed) % 10]);
			test_exec(s, sql);
		}
	}
	free(key);
	assert_true(pages > 5);
	for (int id = 1; id <= start; id++)
		if (seen[id] != 1)
			fail_msg("consumer %d seen %d times", id, seen[id]);
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_lists_while_inserting),
		cmocka_unit_test(test_consumer_list_while_inserting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
