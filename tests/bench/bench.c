/* bench.c - the csm benchmark (issue 5): how fast the console's work is on a
 * database of a given size, and, side by side, what a plain LIKE query costs.
 *
 * It builds a database with `csm init` and `csm seed --scale N` (or reuses
 * one given with --db), takes real values from it (names, e-mails, phones,
 * serial numbers, customers, cases, items), and times the store and domain
 * functions the console calls: the lookup per keystroke, opening a customer
 * with its tabs' first pages, queue pages, the location roll-up, the cases
 * of an install base tree, creating a case and adding a related party.  It
 * then starts the console itself (`csm --db FILE` on a pseudo-terminal) for
 * the start-up time and the peak memory of a scripted session.
 *
 * A test program: it uses store/private.h for the sample queries and the
 * LIKE baseline, which the application never does. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "domain/case.h"
#include "domain/party.h"
#include "store/case_store.h"
#include "store/customer_store.h"
#include "store/install_base_store.h"
#include "store/private.h"
#include "store/product_store.h"
#include "store/search.h"
#include "store/seed.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#ifndef CSM_EXE
#define CSM_EXE "csm"
#endif

#define LOOKUP_LIMIT 40   /* what the console's lookup screen asks for */
#define PAGE_ROWS 50      /* a list page */
#define MAX_PREFIX 6      /* keystrokes typed per value */

static const char usage_text[] =
	"usage: bench [options]\n"
	"\n"
	"Builds a csm database with 'csm init' and 'csm seed --scale N' (or reuses\n"
	"one with --db FILE) and reports p50 and p99 in milliseconds for: lookup per\n"
	"keystroke (the first 1..6 characters of real names, e-mails, phones and\n"
	"serial numbers), the same text as a plain SQLite LIKE '%%text%%' query,\n"
	"opening a customer with its tabs' first pages, a queue page, the location\n"
	"roll-up at the root and deep down, all cases of an install base tree,\n"
	"creating a case, adding a related party; plus the console's start-up time\n"
	"to its first screen and its peak memory (VmHWM) over a scripted session.\n"
	"\n"
	"  --scale N          seed scale for a new database (default 1)\n"
	"  --db FILE          use FILE: reused when it exists, else built and kept\n"
	"                     (without --db a temporary database is built and removed)\n"
	"  --model M          b2b, b2c or b2b2c for a new database (default b2b2c)\n"
	"  --industry NAME    industry template for a new database (default telecom)\n"
	"  --seed N           PRNG seed of the data (default 1)\n"
	"  --samples N        values per kind typed in the lookup (default 25)\n"
	"  --like-samples N   values per kind also run as LIKE queries (default 3;\n"
	"                     each LIKE may scan whole tables)\n"
	"  --iterations N     runs of every other operation (default 100)\n"
	"  --csm PATH         the csm program (default: the one built beside it)\n"
	"  --cpu              time operations by the thread's CPU time, not wall time\n"
	"                     (for a loaded machine; start-up and seed stay wall time)\n"
	"  --json             print one JSON object instead of the table\n"
	"  -h, --help         this text\n"
	"\n"
	"The writes (case create, related party add) stay in the database.\n"
	"Example: bench --scale 10 --json\n";

struct options {
	unsigned scale;
	const char *db;
	const char *model;
	const char *industry;
	unsigned long long seed;
	int samples;
	int like_samples;
	int iterations;
	const char *csm;
	bool json;
};

/* Timings of one operation, in milliseconds. */
struct series {
	double *v;
	size_t n, cap;
};

/* The clock operations are timed with: wall time, or with --cpu the
 * thread's CPU time (steadier on a loaded machine: no time spent waiting
 * for a core, but no time waiting for the disk either). */
static clockid_t op_clock = CLOCK_MONOTONIC;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double op_ms(void)
{
	struct timespec ts;
	clock_gettime(op_clock, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void series_add(struct series *s, double ms)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = ms;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The q-quantile (nearest rank); -1 when there are no samples. */
static double quantile(struct series *s, double q)
{
	size_t k;

	if (s->n == 0)
		return -1;
	qsort(s->v, s->n, sizeof *s->v, cmp_double);
	k = (size_t)(q * (double)s->n + 0.999999);
	if (k < 1)
		k = 1;
	if (k > s->n)
		k = s->n;
	return s->v[k - 1];
}

static void die(const char *what, const struct csm_error *err)
{
	fprintf(stderr, "bench: %s: %s\n", what, err && err->msg[0] ? err->msg : strerror(errno));
	exit(1);
}

/* ---- building the database ------------------------------------------------ */

/* Runs csm with args (NULL-terminated), stdout to /dev/null; exits on failure. */
static void run_csm(const struct options *o, const char *const *args)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		die("fork", NULL);
	if (pid == 0) {
		const char *argv[16];
		int n = 0;
		int null = open("/dev/null", O_WRONLY);

		argv[n++] = o->csm;
		for (; *args && n < 15; args++)
			argv[n++] = *args;
		argv[n] = NULL;
		if (null >= 0)
			dup2(null, 1);
		execv(o->csm, (char *const *)argv);
		fprintf(stderr, "bench: cannot run %s: %s\n", o->csm, strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench: %s %s failed\n", o->csm, args[2]);
		exit(1);
	}
}

/* Builds the database at path; returns the seed's wall time in seconds. */
static double build(const struct options *o, const char *path)
{
	char scale[32], seed[32];
	double t0;

	snprintf(scale, sizeof scale, "%u", o->scale);
	snprintf(seed, sizeof seed, "%llu", o->seed);
	run_csm(o, (const char *const[]){"--db", path, "init", "--model", o->model, "--industry",
					 o->industry, NULL});
	t0 = now_ms();
	run_csm(o, (const char *const[]){"--db", path, "seed", "--scale", scale, "--seed", seed,
					 NULL});
	return (now_ms() - t0) / 1e3;
}

/* ---- samples from the database ------------------------------------------- */

/* A tiny deterministic generator for picking rows. */
static uint64_t pick_state = 42;
static uint64_t pick(void)
{
	uint64_t z = (pick_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* max(id) of the table a statement's ?1 id walks (sql: "SELECT max(id) FROM t"). */
static int64_t max_id(struct store *s, const char *sql)
{
	struct csm_error err = {0};
	sqlite3_stmt *st = store_stmt(s, sql, &err);
	int64_t n = 0;

	if (!st)
		die("sampling", &err);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* Runs sql (one ?1 = a random id up to max) until it returns a row with a
 * non-empty first column, at most 50 tries; fills cols owned strings (NULL
 * for SQL NULL).  Returns 1 or 0 when none was found. */
static int sample_row(struct store *s, const char *sql, int64_t max, char **cols, int ncols)
{
	struct csm_error err = {0};

	for (int tries = 0; tries < 50 && max > 0; tries++) {
		sqlite3_stmt *st = store_stmt(s, sql, &err);
		int found = 0;

		if (!st)
			die("sampling", &err);
		sqlite3_bind_int64(st, 1, (int64_t)(pick() % (uint64_t)max) + 1);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)
		    && *sqlite3_column_text(st, 0)) {
			for (int i = 0; i < ncols; i++)
				cols[i] = store_col_dup(st, i);
			found = 1;
		}
		sqlite3_reset(st);
		if (found)
			return 1;
	}
	return 0;
}

/* Values typed in the lookup, by what they are. */
enum value_kind { VK_NAME, VK_EMAIL, VK_PHONE, VK_SERIAL, VK_COUNT };
static const char *const value_kind_names[VK_COUNT] = {"name", "email", "phone", "serial"};

struct values {
	char **v[VK_COUNT];
	int n[VK_COUNT];
};

static void values_add(struct values *vs, enum value_kind k, char *v)
{
	vs->v[k] = xrealloc(vs->v[k], (size_t)(vs->n[k] + 1) * sizeof *vs->v[k]);
	vs->v[k][vs->n[k]++] = v;
}

/* The digits of a phone number: what people type to find one. */
static char *digits_of(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			*o++ = *s;
	*o = '\0';
	return out;
}

static void sample_values(struct store *s, int n, struct values *vs)
{
	static const char max_contact[] = "SELECT max(id) FROM contact";
	static const char max_consumer[] = "SELECT max(id) FROM consumer";
	static const char max_account[] = "SELECT max(id) FROM account";
	static const char max_item[] = "SELECT max(id) FROM install_base_item";
	static const char contact_sql[] =
		"SELECT COALESCE(first_name || ' ', '') || last_name, email, phone FROM contact "
		"WHERE id >= ?1 ORDER BY id LIMIT 1";
	static const char consumer_sql[] =
		"SELECT COALESCE(first_name || ' ', '') || last_name, email, mobile_phone "
		"FROM consumer WHERE id >= ?1 ORDER BY id LIMIT 1";
	static const char account_sql[] =
		"SELECT name, NULL, phone FROM account WHERE id >= ?1 ORDER BY id LIMIT 1";
	static const char item_sql[] =
		"SELECT serial_number FROM install_base_item WHERE id >= ?1 "
		"AND serial_number IS NOT NULL ORDER BY id LIMIT 1";
	int64_t mc = max_id(s, max_contact), mn = max_id(s, max_consumer),
		ma = max_id(s, max_account), mi = max_id(s, max_item);

	for (int i = 0; i < n; i++) {
		char *cols[3] = {0};
		/* people: contacts and consumers in turn, accounts now and then */
		int which = i % 5 == 4 ? 2 : i % 2;
		const char *sql = which == 0 ? contact_sql : which == 1 ? consumer_sql : account_sql;
		int64_t max = which == 0 ? mc : which == 1 ? mn : ma;

		if (!sample_row(s, sql, max, cols, 3) && !sample_row(s, contact_sql, mc, cols, 3)
		    && !sample_row(s, consumer_sql, mn, cols, 3))
			break;
		values_add(vs, VK_NAME, cols[0]);
		if (cols[1])
			values_add(vs, VK_EMAIL, cols[1]);
		if (cols[2]) {
			values_add(vs, VK_PHONE, digits_of(cols[2]));
			free(cols[2]);
		}
		if (sample_row(s, item_sql, mi, cols, 1))
			values_add(vs, VK_SERIAL, cols[0]);
	}
}

/* Length in bytes of the first k characters (UTF-8) of s. */
static size_t prefix_bytes(const char *s, int k)
{
	size_t i = 0;
	for (int c = 0; s[i] && c < k; c++) {
		i++;
		while ((s[i] & 0xc0) == 0x80)
			i++;
	}
	return i;
}

/* ---- lookup and its LIKE baseline ----------------------------------------- */

static void bench_lookup(struct store *s, unsigned mask, const struct values *vs,
			 struct series *all, struct series *by_kind)
{
	struct csm_error err = {0};
	char text[256];

	for (int k = 0; k < VK_COUNT; k++)
		for (int i = 0; i < vs->n[k]; i++)
			for (int len = 1; len <= MAX_PREFIX; len++) {
				const char *v = vs->v[k][i];
				size_t b = prefix_bytes(v, len);
				struct search_result r;
				double t0, ms;

				if (len > 1 && b == prefix_bytes(v, len - 1))
					break;
				snprintf(text, sizeof text, "%.*s", (int)b, v);
				t0 = op_ms();
				if (store_search(s, text, mask, LOOKUP_LIMIT, &r, &err) < 0)
					die("lookup", &err);
				ms = op_ms() - t0;
				series_add(all, ms);
				series_add(&by_kind[k], ms);
				search_result_fini(&r);
			}
}

/* The plain way: '%text%' over the same columns of the same kinds, at most
 * LOOKUP_LIMIT rows of each, unranked (the cheapest LIKE can be). */
static const char like_sql[] =
	"SELECT * FROM (SELECT 0, id FROM account WHERE ?3 AND (number LIKE ?1 ESCAPE '\\' "
	" OR name LIKE ?1 ESCAPE '\\' OR code LIKE ?1 ESCAPE '\\' OR phone LIKE ?1 ESCAPE '\\')"
	" LIMIT ?2)"
	" UNION ALL SELECT * FROM (SELECT 1, id FROM contact WHERE ?4 AND (number LIKE ?1 ESCAPE '\\'"
	" OR COALESCE(first_name || ' ', '') || last_name LIKE ?1 ESCAPE '\\'"
	" OR email LIKE ?1 ESCAPE '\\' OR phone LIKE ?1 ESCAPE '\\' OR mobile LIKE ?1 ESCAPE '\\')"
	" LIMIT ?2)"
	" UNION ALL SELECT * FROM (SELECT 2, id FROM consumer WHERE ?5 AND (number LIKE ?1 ESCAPE '\\'"
	" OR COALESCE(first_name || ' ', '') || COALESCE(middle_name || ' ', '') || last_name"
	"    LIKE ?1 ESCAPE '\\'"
	" OR email LIKE ?1 ESCAPE '\\' OR mobile_phone LIKE ?1 ESCAPE '\\'"
	" OR home_phone LIKE ?1 ESCAPE '\\' OR business_phone LIKE ?1 ESCAPE '\\') LIMIT ?2)"
	" UNION ALL SELECT * FROM (SELECT 3, id FROM household WHERE ?6 AND (number LIKE ?1 ESCAPE '\\'"
	" OR name LIKE ?1 ESCAPE '\\') LIMIT ?2)"
	" UNION ALL SELECT * FROM (SELECT 4, id FROM cases WHERE number LIKE ?1 ESCAPE '\\'"
	" OR short_description LIKE ?1 ESCAPE '\\' LIMIT ?2)"
	" UNION ALL SELECT * FROM (SELECT 5, id FROM install_base_item WHERE number LIKE ?1"
	" ESCAPE '\\' OR name LIKE ?1 ESCAPE '\\' OR serial_number LIKE ?1 ESCAPE '\\' LIMIT ?2)"
	" UNION ALL SELECT * FROM (SELECT 6, s.id FROM sold_product s JOIN product p"
	" ON p.id = s.product_id WHERE s.number LIKE ?1 ESCAPE '\\' OR p.name LIKE ?1 ESCAPE '\\'"
	" LIMIT ?2)";

static void bench_like(struct store *s, unsigned mask, const struct values *vs, int per_kind,
		       struct series *out)
{
	struct csm_error err = {0};

	for (int k = 0; k < VK_COUNT; k++)
		for (int i = 0; i < vs->n[k] && i < per_kind; i++)
			for (int len = 1; len <= MAX_PREFIX; len++) {
				const char *v = vs->v[k][i];
				size_t b = prefix_bytes(v, len);
				struct strbuf pat;
				sqlite3_stmt *st;
				double t0;
				int rc;

				if (len > 1 && b == prefix_bytes(v, len - 1))
					break;
				strbuf_init(&pat);
				strbuf_addc(&pat, '%');
				for (size_t j = 0; j < b; j++) {
					if (v[j] == '%' || v[j] == '_' || v[j] == '\\')
						strbuf_addc(&pat, '\\');
					strbuf_addc(&pat, v[j]);
				}
				strbuf_addc(&pat, '%');
				t0 = op_ms();
				if (!(st = store_stmt(s, like_sql, &err)))
					die("LIKE query", &err);
				sqlite3_bind_text(st, 1, pat.buf, -1, SQLITE_TRANSIENT);
				sqlite3_bind_int(st, 2, LOOKUP_LIMIT);
				sqlite3_bind_int(st, 3, !!(mask & SEARCH_KIND_BIT(SK_ACCOUNT)));
				sqlite3_bind_int(st, 4, !!(mask & SEARCH_KIND_BIT(SK_CONTACT)));
				sqlite3_bind_int(st, 5, !!(mask & SEARCH_KIND_BIT(SK_CONSUMER)));
				sqlite3_bind_int(st, 6, !!(mask & SEARCH_KIND_BIT(SK_HOUSEHOLD)));
				while ((rc = sqlite3_step(st)) == SQLITE_ROW)
					;
				sqlite3_reset(st);
				if (rc != SQLITE_DONE)
					die("LIKE query", NULL);
				series_add(out, op_ms() - t0);
				strbuf_fini(&pat);
			}
}

/* ---- customers, queues, roll-up, trees ------------------------------------ */

static void bench_customer_open(struct store *s, enum business_model model, int n,
				struct series *out)
{
	static const char max_account[] = "SELECT max(id) FROM account";
	static const char max_consumer[] = "SELECT max(id) FROM consumer";
	static const char account_sql[] = "SELECT id FROM account WHERE id >= ?1 ORDER BY id LIMIT 1";
	static const char consumer_sql[] =
		"SELECT id FROM consumer WHERE id >= ?1 ORDER BY id LIMIT 1";
	int64_t ma = max_id(s, max_account), mc = max_id(s, max_consumer);
	struct csm_error err = {0};
	struct page_req pg = {.limit = PAGE_ROWS};

	for (int i = 0; i < n; i++) {
		bool account = model == MODEL_B2B || (model == MODEL_B2B2C && i % 2 == 0);
		char *col = NULL;
		int64_t id;
		struct case_query q;
		struct case_list cases = {0};
		struct sold_product_list sold = {0};
		struct install_base_list items = {0};
		double t0;

		if (!sample_row(s, account ? account_sql : consumer_sql, account ? ma : mc, &col, 1))
			return;
		id = strtoll(col, NULL, 10);
		free(col);
		case_query_init(&q);
		q.queue = CASE_QUEUE_ALL;
		t0 = op_ms();
		if (account) {
			struct account_summary sum;
			struct contact_list contacts = {0};

			if (store_account_summary(s, id, &sum, &err) < 0 ||
			    store_contact_list(s, id, &pg, &contacts, &err) < 0)
				die("opening an account", &err);
			account_summary_fini(&sum);
			contact_list_fini(&contacts);
			q.account_id = id;
		} else {
			struct consumer_summary sum;

			if (store_consumer_summary(s, id, &sum, &err) < 0)
				die("opening a consumer", &err);
			consumer_summary_fini(&sum);
			q.consumer_id = id;
		}
		if (store_case_list(s, &q, &pg, &cases, &err) < 0 ||
		    store_sold_product_list_by_owner(s, account ? OWNER_ACCOUNT : OWNER_CONSUMER, id,
						     &pg, &sold, &err) < 0 ||
		    store_ib_roots_by_owner(s, account ? OWNER_ACCOUNT : OWNER_CONSUMER, id, &pg,
					    &items, &err) < 0)
			die("opening a customer's tabs", &err);
		series_add(out, op_ms() - t0);
		case_list_fini(&cases);
		sold_product_list_fini(&sold);
		install_base_list_fini(&items);
	}
}

/* First pages and next pages of the queues an agent works from. */
static void bench_queues(struct store *s, int n, struct series *out)
{
	static const char user_sql[] =
		"SELECT u.id FROM user u JOIN group_member g ON g.user_id = u.id "
		"WHERE u.id >= ?1 ORDER BY u.id LIMIT 1";
	static const char max_user[] = "SELECT max(id) FROM user";
	static const enum case_queue queues[] = {CASE_QUEUE_OPEN, CASE_QUEUE_MINE,
						 CASE_QUEUE_GROUPS, CASE_QUEUE_APPROVAL};
	int64_t mu = max_id(s, max_user);
	struct csm_error err = {0};

	for (int i = 0; i < n; i++) {
		struct case_query q;
		struct case_list first = {0}, next = {0};
		struct page_req pg = {.limit = PAGE_ROWS};
		char *col = NULL, *key = NULL;
		double t0;

		case_query_init(&q);
		q.queue = queues[i % 4];
		q.sort = (enum case_sort)((i / 4) % CASE_SORT_COUNT);
		if (sample_row(s, user_sql, mu, &col, 1))
			q.user_id = strtoll(col, NULL, 10);
		free(col);
		t0 = op_ms();
		if (store_case_list(s, &q, &pg, &first, &err) < 0)
			die("a queue page", &err);
		series_add(out, op_ms() - t0);
		if (first.n > 0) {
			const struct case_record *last = &first.items[first.n - 1];
			key = case_sort_key(last, q.sort);
			pg.after_key = key;
			pg.after_id = last->id;
			t0 = op_ms();
			if (store_case_list(s, &q, &pg, &next, &err) < 0)
				die("a queue's next page", &err);
			series_add(out, op_ms() - t0);
		}
		free(key);
		case_list_fini(&first);
		case_list_fini(&next);
	}
}

/* The roll-up of location_id's children (0 = the roots): the median of
 * runs; *children gets how many rows it gave. */
static double bench_rollup(struct store *s, int64_t location_id, int runs, size_t *children)
{
	struct csm_error err = {0};
	struct series t = {0};
	double median;

	for (int i = 0; i < runs; i++) {
		struct location_rollup_list l = {0};
		double t0 = op_ms();

		if (store_location_rollup_children(s, location_id, &l, &err) < 0)
			die("the location roll-up", &err);
		series_add(&t, op_ms() - t0);
		*children = l.n;
		location_rollup_list_fini(&l);
	}
	median = quantile(&t, 0.5);
	free(t.v);
	return median;
}

/* A location deep down with children of its own. */
static int64_t deep_location(struct store *s)
{
	static const char sql[] =
		"SELECT parent_id FROM location WHERE depth = (SELECT max(depth) FROM location) "
		"AND parent_id IS NOT NULL ORDER BY id LIMIT 1";
	struct csm_error err = {0};
	sqlite3_stmt *st = store_stmt(s, sql, &err);
	int64_t id = 0;

	if (!st)
		die("finding a deep location", &err);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

static void bench_tree_cases(struct store *s, int n, struct series *out)
{
	static const char max_case[] = "SELECT max(id) FROM cases";
	static const char sql[] =
		"SELECT i.root_id FROM cases c JOIN install_base_item i ON i.id = c.install_base_item_id "
		"WHERE c.id >= ?1 ORDER BY c.id LIMIT 1";
	int64_t mc = max_id(s, max_case);
	struct csm_error err = {0};

	for (int i = 0; i < n; i++) {
		struct tree_case_list l = {0};
		char *col = NULL;
		double t0;

		if (!sample_row(s, sql, mc, &col, 1))
			return;
		t0 = op_ms();
		if (store_ib_tree_cases(s, strtoll(col, NULL, 10), &l, &err) < 0)
			die("the cases of a tree", &err);
		series_add(out, op_ms() - t0);
		free(col);
		tree_case_list_fini(&l);
	}
}

/* ---- writes ------------------------------------------------------------------ */

static void bench_writes(struct store *s, enum business_model model, int n,
			 struct series *create, struct series *party)
{
	static const char max_case[] = "SELECT max(id) FROM cases";
	/* an existing case's customer and active item: a valid new case */
	static const char case_sql[] =
		"SELECT i.number, a.number, ct.number, cn.number, h.number FROM cases c "
		"JOIN install_base_item i ON i.id = c.install_base_item_id AND i.state <> 'inactive' "
		"LEFT JOIN account a ON a.id = c.account_id "
		"LEFT JOIN contact ct ON ct.id = c.contact_id "
		"LEFT JOIN consumer cn ON cn.id = c.consumer_id "
		"LEFT JOIN household h ON h.id = c.household_id "
		"WHERE c.id >= ?1 AND COALESCE(a.active, 1) = 1 AND COALESCE(ct.active, 1) = 1 "
		"AND COALESCE(cn.active, 1) = 1 AND COALESCE(h.active, 1) = 1 "
		"ORDER BY c.id LIMIT 1";
	static const char type_sql[] =
		"SELECT t.name, (SELECT login FROM user WHERE is_external = 0 AND active = 1 "
		"ORDER BY id DESC LIMIT 1) FROM related_party_type t "
		"WHERE t.applies_to = 'case' AND t.party_kind = 'user' ORDER BY t.id LIMIT 1";
	static char *const channels[] = {"phone", "email", "web", "chat", "walk-in"};
	struct case_settings cs = {.model = model, .default_priority = 4,
				   .default_channel = "phone", .channels = channels,
				   .n_channels = 5};
	int64_t mc = max_id(s, max_case);
	struct csm_error err = {0};
	char *type = NULL, *login = NULL;
	sqlite3_stmt *st = store_stmt(s, type_sql, &err);

	if (!st)
		die("related party types", &err);
	if (sqlite3_step(st) == SQLITE_ROW) {
		type = store_col_dup(st, 0);
		login = store_col_dup(st, 1);
	}
	sqlite3_reset(st);
	for (int i = 0; i < n; i++) {
		char *c[5] = {0};
		struct case_input in = {0};
		struct case_entry e;
		double t0;

		if (!sample_row(s, case_sql, mc, c, 5))
			break;
		in.item = c[0];
		in.account = c[1];
		in.contact = c[2];
		in.consumer = c[3];
		in.household = c[4];
		in.short_description = "Benchmark: the device restarts by itself";
		in.description = "Opened by tests/bench to time case entry.";
		case_entry_init(&e);
		t0 = op_ms();
		if (domain_case_create(s, &cs, &in, &e, &err) < 0)
			die("creating a case", &err);
		series_add(create, op_ms() - t0);
		if (type && login) {
			t0 = op_ms();
			if (party_related_add(s, e.rec.number, type, login, "benchmark watcher", NULL,
					      NULL, &err) < 0)
				die("adding a related party", &err);
			series_add(party, op_ms() - t0);
		}
		case_entry_fini(&e);
		for (int k = 0; k < 5; k++)
			free(c[k]);
		/* What the console does while it waits for the next key: copy
		 * the log back, so that no timed commit has to (untimed here). */
		store_checkpoint_idle(s);
	}
	free(type);
	free(login);
}

/* ---- the console: start-up and peak memory ----------------------------------- */

struct console_result {
	double startup_ms;   /* fork to the first screen ("Search:" on the terminal); -1 unknown */
	double peak_rss_mb;  /* VmHWM during the session (or the child's ru_maxrss); -1 unknown */
};

/* Reads what the console writes until needle shows up (true) or timeout_ms
 * passes; keeps the tail of the output in buf. */
static bool read_until(int fd, const char *needle, double timeout_ms, struct strbuf *buf)
{
	double end = now_ms() + timeout_ms;

	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		double left = end - now_ms();
		char chunk[4096];
		ssize_t n;

		if (needle && strstr(buf->buf, needle))
			return true;
		if (left <= 0)
			return false;
		if (poll(&p, 1, (int)left + 1) <= 0)
			continue;
		n = read(fd, chunk, sizeof chunk);
		if (n <= 0)
			return false;
		strbuf_add(buf, chunk, (size_t)n);
		if (buf->len > 65536) { /* keep the tail */
			size_t keep = 16384;
			memmove(buf->buf, buf->buf + buf->len - keep, keep);
			buf->len = keep;
			buf->buf[keep] = '\0';
		}
	}
}

/* VmHWM of pid in MB, or -1. */
static double vm_hwm_mb(pid_t pid)
{
	char path[64], line[256];
	double mb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "VmHWM:", 6))
			mb = atof(line + 6) / 1024.0;
	fclose(f);
	return mb;
}

static void send_keys(int fd, const char *keys, struct strbuf *buf)
{
	for (const char *k = keys; *k; k++) {
		if (write(fd, k, 1) != 1)
			return;
		read_until(fd, NULL, 40, buf); /* let it redraw, as a typist would */
	}
}

static struct console_result bench_console(const struct options *o, const char *db,
					   const struct values *vs)
{
	struct console_result r = {-1, -1};
	struct winsize ws = {.ws_row = 30, .ws_col = 100};
	struct strbuf buf;
	struct rusage ru;
	char home[] = "/tmp/csm-bench-home.XXXXXX";
	double t0;
	int fd, status;
	pid_t pid;

	if (!mkdtemp(home))
		return r;
	strbuf_init(&buf);
	t0 = now_ms();
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		rmdir(home);
		strbuf_fini(&buf);
		return r;
	}
	if (pid == 0) {
		setenv("HOME", home, 1);
		setenv("XDG_CONFIG_HOME", home, 1);
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("ESCDELAY", "25", 1);
		unsetenv("CSM_CONFIG");
		execl(o->csm, o->csm, "--db", db, (char *)NULL);
		_exit(127);
	}
	if (read_until(fd, "Search:", 10000, &buf)) {
		r.startup_ms = now_ms() - t0;
		/* A scripted session: type a name, look at the results, open the
		 * first hit (its customer screen), page down, go back. */
		if (vs->n[VK_NAME] > 0) {
			char typed[64];
			snprintf(typed, sizeof typed, "%.*s", (int)prefix_bytes(vs->v[VK_NAME][0], 6),
				 vs->v[VK_NAME][0]);
			send_keys(fd, typed, &buf);
		}
		read_until(fd, NULL, 300, &buf);
		send_keys(fd, "\033[B\033[B\r", &buf);
		read_until(fd, NULL, 500, &buf);
		send_keys(fd, "\033[6~\033[6~\033[5~", &buf);
		read_until(fd, NULL, 300, &buf);
		r.peak_rss_mb = vm_hwm_mb(pid);
		send_keys(fd, "\033\033\033", &buf);
		read_until(fd, NULL, 200, &buf);
		send_keys(fd, "q", &buf);
	} else {
		fprintf(stderr, "bench: the console did not show its first screen in 10 s\n");
	}
	for (int i = 0; i < 100 && waitpid(pid, &status, WNOHANG) == 0; i++) {
		if (i == 30)
			kill(pid, SIGTERM);
		read_until(fd, NULL, 50, &buf);
	}
	if (waitpid(pid, &status, WNOHANG) == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	if (getrusage(RUSAGE_CHILDREN, &ru) == 0 && r.peak_rss_mb < 0 && r.startup_ms >= 0)
		r.peak_rss_mb = (double)ru.ru_maxrss / 1024.0;
	close(fd);
	rmdir(home);
	strbuf_fini(&buf);
	return r;
}

/* ---- report -------------------------------------------------------------------- */

static void json_num(struct strbuf *j, const char *key, double v, bool last)
{
	if (v < 0)
		strbuf_addf(j, "  \"%s\": null%s\n", key, last ? "" : ",");
	else
		strbuf_addf(j, "  \"%s\": %.3f%s\n", key, v, last ? "" : ",");
}

static void line(const char *what, struct series *s, const char *target)
{
	size_t n = s->n;
	double p50 = quantile(s, 0.5), p99 = quantile(s, 0.99);

	if (n == 0)
		printf("  %-34s %8s %8s %6s  %s\n", what, "-", "-", "0", target);
	else
		printf("  %-34s %8.2f %8.2f %6zu  %s\n", what, p50, p99, n, target);
}

static void machine(struct strbuf *out)
{
	char l[256], cpu[128] = "?";
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f && fgets(l, sizeof l, f))
		if (!strncmp(l, "model name", 10) && strchr(l, ':')) {
			snprintf(cpu, sizeof cpu, "%s", strchr(l, ':') + 2);
			cpu[strcspn(cpu, "\n")] = '\0';
			break;
		}
	if (f)
		fclose(f);
	strbuf_addf(out, "%s, %ld cores, SQLite %s", cpu, sysconf(_SC_NPROCESSORS_ONLN),
		    sqlite3_libversion());
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"scale", required_argument, NULL, 's'},
		{"db", required_argument, NULL, 'd'},
		{"model", required_argument, NULL, 'm'},
		{"industry", required_argument, NULL, 'i'},
		{"seed", required_argument, NULL, 'r'},
		{"samples", required_argument, NULL, 'n'},
		{"like-samples", required_argument, NULL, 'l'},
		{"iterations", required_argument, NULL, 'k'},
		{"csm", required_argument, NULL, 'c'},
		{"json", no_argument, NULL, 'j'},
		{"cpu", no_argument, NULL, 'u'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct options o = {.scale = 1, .model = "b2b2c", .industry = "telecom", .seed = 1,
			    .samples = 25, .like_samples = 3, .iterations = 100, .csm = CSM_EXE};
	struct csm_error err = {0};
	struct series lookup = {0}, lookup_kind[VK_COUNT] = {{0}}, like = {0}, open = {0},
		      queue = {0}, tree = {0}, create = {0}, party = {0};
	struct values vs;
	struct seed_report rows;
	struct console_result con;
	struct strbuf j, mach;
	char tmpdir[] = "/tmp/csm-bench.XXXXXX", path[4096], *model_name;
	enum business_model model;
	double seed_seconds = -1, rollup_root, rollup_deep;
	size_t root_rows = 0, deep_rows = 0;
	int64_t deep;
	bool temporary = false;
	unsigned mask;
	struct store *s;
	struct stat sb;
	int c;

	memset(&vs, 0, sizeof vs);
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's': o.scale = (unsigned)strtoul(optarg, NULL, 10); break;
		case 'd': o.db = optarg; break;
		case 'm': o.model = optarg; break;
		case 'i': o.industry = optarg; break;
		case 'r': o.seed = strtoull(optarg, NULL, 10); break;
		case 'n': o.samples = atoi(optarg); break;
		case 'l': o.like_samples = atoi(optarg); break;
		case 'k': o.iterations = atoi(optarg); break;
		case 'c': o.csm = optarg; break;
		case 'j': o.json = true; break;
		case 'u': op_clock = CLOCK_THREAD_CPUTIME_ID; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: fputs(usage_text, stderr); return 64;
		}
	}
	if (optind < argc || o.scale < 1 || o.samples < 1 || o.iterations < 1) {
		fputs(usage_text, stderr);
		return 64;
	}

	if (o.db) {
		snprintf(path, sizeof path, "%s", o.db);
		if (stat(path, &sb) != 0) {
			fprintf(stderr, "bench: building %s at scale %u\n", path, o.scale);
			seed_seconds = build(&o, path);
		}
	} else {
		if (!mkdtemp(tmpdir))
			die("making a temporary directory", NULL);
		snprintf(path, sizeof path, "%s/bench.db", tmpdir);
		temporary = true;
		fprintf(stderr, "bench: building %s at scale %u\n", path, o.scale);
		seed_seconds = build(&o, path);
	}

	if (!(s = store_open(path, 0, &err)))
		die("opening the database", &err);
	store_set_actor(s, "carol", NULL);
	model_name = store_setting_dup(s, "business_model");
	if (!model_name || config_model_parse(model_name, &model) < 0)
		die("reading the business model", NULL);
	mask = search_kinds_for_model(model_name);
	if (store_seed_counts(s, &rows, &err) < 0)
		die("counting rows", &err);

	fprintf(stderr, "bench: lookup\n");
	sample_values(s, o.samples, &vs);
	bench_lookup(s, mask, &vs, &lookup, lookup_kind);
	fprintf(stderr, "bench: LIKE baseline\n");
	bench_like(s, mask, &vs, o.like_samples, &like);
	fprintf(stderr, "bench: customers, queues, roll-up, trees\n");
	bench_customer_open(s, model, o.iterations, &open);
	bench_queues(s, o.iterations, &queue);
	rollup_root = bench_rollup(s, 0, 5, &root_rows);
	deep = deep_location(s);
	rollup_deep = deep ? bench_rollup(s, deep, 5, &deep_rows) : -1;
	bench_tree_cases(s, o.iterations, &tree);
	fprintf(stderr, "bench: writes\n");
	bench_writes(s, model, o.iterations, &create, &party);
	store_free(&s);
	fprintf(stderr, "bench: console\n");
	con = bench_console(&o, path, &vs);

	strbuf_init(&mach);
	machine(&mach);
	if (o.json) {
		strbuf_init(&j);
		strbuf_adds(&j, "{\n  \"rows\": {");
		for (size_t i = 0; i < rows.n; i++)
			strbuf_addf(&j, "%s\"%s\": %lld", i ? ", " : "", rows.tables[i].table,
				    rows.tables[i].rows);
		strbuf_adds(&j, "},\n");
		strbuf_adds(&j, "  \"machine\": ");
		strbuf_add_json_str(&j, mach.buf);
		strbuf_addf(&j, ",\n  \"model\": \"%s\",\n", model_name);
		if (seed_seconds >= 0) /* unknown for a database built before */
			strbuf_addf(&j, "  \"scale\": %u,\n", o.scale);
		else
			strbuf_adds(&j, "  \"scale\": null,\n");
		strbuf_addf(&j, "  \"lookups\": %zu,\n  \"like_queries\": %zu,\n", lookup.n, like.n);
		strbuf_addf(&j, "  \"op_clock\": \"%s\",\n",
			    op_clock == CLOCK_MONOTONIC ? "wall" : "thread_cpu");
		json_num(&j, "lookup_p50_ms", quantile(&lookup, 0.5), false);
		json_num(&j, "lookup_p99_ms", quantile(&lookup, 0.99), false);
		for (int k = 0; k < VK_COUNT; k++) {
			char key[64];
			snprintf(key, sizeof key, "lookup_%s_p99_ms", value_kind_names[k]);
			json_num(&j, key, quantile(&lookup_kind[k], 0.99), false);
		}
		json_num(&j, "like_p50_ms", quantile(&like, 0.5), false);
		json_num(&j, "like_p99_ms", quantile(&like, 0.99), false);
		json_num(&j, "customer_open_p50_ms", quantile(&open, 0.5), false);
		json_num(&j, "customer_open_p99_ms", quantile(&open, 0.99), false);
		json_num(&j, "queue_page_p50_ms", quantile(&queue, 0.5), false);
		json_num(&j, "queue_page_p99_ms", quantile(&queue, 0.99), false);
		json_num(&j, "rollup_root_ms", rollup_root, false);
		json_num(&j, "rollup_deep_ms", rollup_deep, false);
		json_num(&j, "tree_cases_p50_ms", quantile(&tree, 0.5), false);
		json_num(&j, "tree_cases_p99_ms", quantile(&tree, 0.99), false);
		json_num(&j, "case_create_p50_ms", quantile(&create, 0.5), false);
		json_num(&j, "case_create_p99_ms", quantile(&create, 0.99), false);
		json_num(&j, "party_add_p50_ms", quantile(&party, 0.5), false);
		json_num(&j, "party_add_p99_ms", quantile(&party, 0.99), false);
		json_num(&j, "startup_ms", con.startup_ms, false);
		json_num(&j, "console_peak_rss_mb", con.peak_rss_mb, false);
		json_num(&j, "seed_seconds", seed_seconds, true);
		strbuf_adds(&j, "}\n");
		fputs(j.buf, stdout);
		strbuf_fini(&j);
	} else {
		printf("csm benchmark: %s, model %s (%s)\n", path, model_name, mach.buf);
		printf("  rows:");
		for (size_t i = 0; i < rows.n; i++)
			if (rows.tables[i].rows >= 1000)
				printf(" %s %lld", rows.tables[i].table, rows.tables[i].rows);
		printf("\n\n  %-34s %8s %8s %6s  %s\n", "operation (ms)", "p50", "p99", "runs",
		       "target");
		line("lookup per keystroke", &lookup, "p99 < 5");
		for (int k = 0; k < VK_COUNT; k++) {
			char what[64];
			snprintf(what, sizeof what, "  typing %ss", value_kind_names[k]);
			line(what, &lookup_kind[k], "");
		}
		line("same text as LIKE '%text%'", &like, "");
		line("customer open (summary + tabs)", &open, "p99 < 20");
		line("queue page", &queue, "p99 < 5");
		line("cases of an install base tree", &tree, "");
		line("case create", &create, "p99 < 5");
		line("related party add", &party, "");
		printf("  %-34s %8.2f %8s %6zu  %s\n", "roll-up at the root (median)", rollup_root,
		       "", root_rows, "< 50");
		printf("  %-34s %8.2f %8s %6zu\n", "roll-up deep down (median)", rollup_deep, "",
		       deep_rows);
		printf("  %-34s %8.1f %8s %6s  %s\n", "console start-up", con.startup_ms, "", "1",
		       "< 100");
		printf("  %-34s %8.1f %8s %6s  %s\n", "console peak RSS (MB)", con.peak_rss_mb, "",
		       "1", "< 30");
		if (seed_seconds >= 0)
			printf("  %-34s %8.1f %8s %6s  %s\n", "seed (s)", seed_seconds, "", "1",
			       "< 300 at the target scale");
	}
	strbuf_fini(&mach);

	if (temporary) {
		char side[4200];
		unlink(path);
		snprintf(side, sizeof side, "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", path);
		unlink(side);
		rmdir(tmpdir);
	}
	for (int k = 0; k < VK_COUNT; k++) {
		for (int i = 0; i < vs.n[k]; i++)
			free(vs.v[k][i]);
		free(vs.v[k]);
		free(lookup_kind[k].v);
	}
	free(lookup.v);
	free(like.v);
	free(open.v);
	free(queue.v);
	free(tree.v);
	free(create.v);
	free(party.v);
	free(model_name);
	return 0;
}
