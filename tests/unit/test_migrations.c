/* test_migrations.c - every earlier schema version upgrades with its data
 * intact, and a database newer than this csm is refused untouched.
 *
 * The databases of the earlier versions are built here rather than kept
 * as binary fixtures: a fresh file gets only the first v embedded
 * migrations (the very scripts that made a version-v database), then rows
 * valid at that version, written the way that version's csm wrote them
 * (plain SQL through the triggers it had).  A fixture would freeze one
 * version's bytes; this builds each of them from the scripts in the tree,
 * so a new migration is tested against every older version by itself. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/search.h"
#include "util/embed.h"
#include "util/xalloc.h"

/* Representative rows of a b2b2c database, valid from version 1 on (every
 * table is in 0001-schema.sql; later versions add triggers and derived
 * tables).  UTF-8, a newline and quotes in the text on purpose. */
static const char *const rows_sql[] = {
	"INSERT INTO setting(key, value) VALUES ('business_model', 'b2b2c')",
	"INSERT INTO user(id, login, name) VALUES (1, 'tester', 'Tess Ter')",
	"INSERT INTO user_role(user_id, role) VALUES (1, 'admin')",
	"INSERT INTO assignment_group(id, name) VALUES (1, 'Field service')",
	"INSERT INTO group_member(group_id, user_id) VALUES (1, 1)",
	"INSERT INTO location(id, name, type) VALUES (1, 'Europe', 'region')",
	"INSERT INTO location(id, name, type, parent_id, city) VALUES (2, 'Zürich HQ', 'site', 1,"
	" 'Zürich')",
	"INSERT INTO location(id, name, type, parent_id) VALUES (3, '3rd floor', 'floor', 2)",
	"INSERT INTO account(id, number, name, code, phone) VALUES"
	" (1, 'ACCT0000001', 'Zoë Café Ltd', 'ZOE', '+41 44 555 0100'),"
	" (2, 'ACCT0000002', '北京电信', 'BJT', NULL)",
	"INSERT INTO account(id, number, name, code, parent_id) VALUES"
	" (3, 'ACCT0000003', 'Zoë Café Bern', 'ZOEB', 1)",
	"INSERT INTO contact(id, number, account_id, first_name, last_name, email) VALUES"
	" (1, 'CT0000001', 1, 'Åsa', 'Öberg', 'asa.oberg@zoe.example')",
	"INSERT INTO consumer(id, number, first_name, last_name, mobile_phone) VALUES"
	" (1, 'CON0000001', 'José', 'Núñez', '+34 600 000 001')",
	"INSERT INTO household(id, number, name) VALUES (1, 'HOLD0000001', 'Núñez family')",
	"INSERT INTO household_member(household_id, consumer_id, start_date, is_primary) VALUES"
	" (1, 1, '2025-01-01', 1)",
	"UPDATE household SET head_consumer_id = 1 WHERE id = 1",
	"INSERT INTO account_consumer(account_id, consumer_id) VALUES (1, 1)",
	"INSERT INTO address(account_id, location_id, kind, is_primary) VALUES (1, 2, 'billing', 1)",
	"INSERT INTO product(id, name, model_number, kind) VALUES"
	" (1, 'Espresso machine X1', 'EXM-X1', 'hardware'),"
	" (2, 'Descaling service', 'SRV-DESC', 'service')",
	"INSERT INTO asset(id, asset_tag, product_id, account_id) VALUES (1, 'AT-0001', 1, 1)",
	"INSERT INTO sold_product(id, number, product_id, account_id, quantity, start_date,"
	" end_date) VALUES (1, 'SP0000001', 1, 1, 2, '2026-01-01', '2027-12-31')",
	"INSERT INTO install_base_item(id, number, name, product_id, serial_number, account_id,"
	" location_id, characteristics) VALUES"
	" (1, 'IB0000001', 'Espresso bar', 1, 'SN-ROOT', 1, 2, '{\"firmware\": \"2.1\"}')",
	"INSERT INTO install_base_item(id, number, name, product_id, serial_number, parent_id,"
	" account_id, location_id, state) VALUES"
	" (2, 'IB0000002', 'Grinder', 1, 'SN-CHILD', 1, 1, 3, 'in_repair')",
	"INSERT INTO installed_product(sold_product_id, install_base_item_id) VALUES (1, 1)",
	"INSERT INTO contract(id, number, name, account_id, state, start_date, end_date) VALUES"
	" (1, 'CNTR0000001', 'Gold support', 1, 'active', '2026-01-01', '2027-12-31')",
	"INSERT INTO contract_sold_product(contract_id, sold_product_id) VALUES (1, 1)",
	"INSERT INTO entitlement(id, name, contract_id, per_unit, total_units, remaining_units)"
	" VALUES (1, '10 visits', 1, 'cases', 10, 9)",
	"INSERT INTO cases(id, number, short_description, description, state, priority,"
	" account_id, contact_id, install_base_item_id, entitlement_id, group_id,"
	" assigned_to_id, opened_by_id) VALUES"
	" (1, 'CS0000001', 'Grinder jams', 'Jams every morning,\nsays \"Åsa\"', 'open', 2,"
	" 1, 1, 2, 1, 1, 1, 1),"
	" (2, 'CS0000002', 'Descaling due', NULL, 'new', 4, 1, NULL, NULL, NULL, NULL, NULL, 1)",
	"UPDATE cases SET account_id = NULL, consumer_id = 1, household_id = 1 WHERE id = 2",
	"INSERT INTO case_journal(case_id, kind, body, author_id) VALUES"
	" (1, 'comment', 'Technician booked for Tuesday — 9:00', 1)",
	"INSERT INTO case_task(number, case_id, short_description, assigned_user_id) VALUES"
	" ('TASK0000001', 1, 'Bring a spare burr', 1)",
	"INSERT INTO record_counter(kind, next) VALUES ('account', 4), ('case', 3)",
};

/* Tables whose rows must all survive, and how to count them. */
static const char *const tables[] = {
	"setting", "user", "user_role", "assignment_group", "group_member", "location", "account",
	"contact", "consumer", "household", "household_member", "account_consumer", "address",
	"product", "asset", "sold_product", "install_base_item", "installed_product", "contract",
	"contract_sold_product", "entitlement", "cases", "case_journal", "case_task",
	"record_counter", "audit_log",
};
#define N_TABLES (sizeof tables / sizeof tables[0])

/* Writes rows_sql in one transaction, as the csm of that version did. */
static void insert_rows(struct store *s)
{
	test_exec(s, "BEGIN");
	for (size_t i = 0; i < sizeof rows_sql / sizeof rows_sql[0]; i++)
		test_exec(s, rows_sql[i]);
	test_exec(s, "COMMIT");
}

static void count_rows(struct store *s, long long *out)
{
	char sql[128];

	for (size_t i = 0; i < N_TABLES; i++) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", tables[i]);
		out[i] = test_query_int(s, sql);
	}
}

/* A database made by the csm of schema version v: a fresh file, the first
 * v embedded migrations, each in its own transaction with its version. */
static struct store *store_at_version(char *path, int v)
{
	static int counter;
	struct csm_error err = {0};
	const char *tmp = getenv("TMPDIR");
	struct store *s;
	char sql[64];

	snprintf(path, 256, "%s/csm-migrate-%ld-%d.db", tmp && *tmp ? tmp : "/tmp",
		 (long)getpid(), ++counter);
	unlink(path);
	s = store_open(path, STORE_CREATE | STORE_NO_MIGRATE, &err);
	if (!s)
		fail_msg("store_open(%s): %s", path, err.msg);
	store_set_actor(s, "tester", NULL);
	assert_int_equal(store_schema_version(s), 0);
	for (int i = 0; i < v; i++) {
		assert_int_equal(atoi(embedded_migrations[i].name), i + 1);
		test_exec(s, "BEGIN");
		test_exec(s, embedded_migrations[i].data);
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", i + 1);
		test_exec(s, sql);
		test_exec(s, "COMMIT");
	}
	assert_int_equal(store_schema_version(s), v);
	return s;
}

static void on_problem(void *ctx, const char *what)
{
	int v = *(const int *)ctx;
	print_message("check after upgrading from version %d: %s\n", v, what);
}

static void expect_text(struct store *s, const char *sql, const char *want)
{
	char *got = test_query_text(s, sql);

	if (!got || strcmp(got, want) != 0)
		fail_msg("%s: expected '%s', got '%s'", sql, want, got ? got : "(null)");
	free(got);
}

/* The lookup finds text as a kind with that number. */
static void expect_found(struct store *s, const char *text, enum search_kind kind,
			 const char *number)
{
	struct search_result r = {0};
	struct csm_error err = {0};
	bool found = false;

	if (store_search(s, text, SEARCH_KIND_BIT(kind), 10, &r, &err) < 0)
		fail_msg("search '%s': %s", text, err.msg);
	for (size_t i = 0; i < r.n; i++)
		if (r.hits[i].number && strcmp(r.hits[i].number, number) == 0)
			found = true;
	search_result_fini(&r);
	if (!found)
		fail_msg("search '%s' does not find %s after the upgrade", text, number);
}

static void upgrade_from(int v)
{
	char path[256];
	long long before[N_TABLES], after[N_TABLES];
	struct csm_error err = {0};
	struct store *s = store_at_version(path, v);
	int latest = store_latest_schema_version(), problems;

	insert_rows(s);
	count_rows(s, before);
	assert_true(before[0] > 0);
	store_free(&s);

	/* Opened as csm opens it: upgraded to the latest version. */
	s = store_open(path, 0, &err);
	if (!s)
		fail_msg("upgrading from version %d: %s", v, err.msg);
	assert_int_equal(store_schema_version(s), latest);
	count_rows(s, after);
	for (size_t i = 0; i < N_TABLES; i++)
		if (before[i] != after[i])
			fail_msg("from version %d: table %s had %lld rows, has %lld", v, tables[i],
				 before[i], after[i]);

	/* The values themselves, byte for byte. */
	expect_text(s, "SELECT name FROM account WHERE number = 'ACCT0000002'", "北京电信");
	expect_text(s, "SELECT path FROM account WHERE number = 'ACCT0000003'", "/1/3/");
	expect_text(s, "SELECT description FROM cases WHERE number = 'CS0000001'",
		    "Jams every morning,\nsays \"Åsa\"");
	expect_text(s, "SELECT body FROM case_journal", "Technician booked for Tuesday — 9:00");
	expect_text(s, "SELECT json_extract(characteristics, '$.firmware') FROM install_base_item"
		       " WHERE number = 'IB0000001'", "2.1");
	expect_text(s, "SELECT root_id || ' ' || path FROM install_base_item WHERE id = 2", "1 /1/2/");
	expect_text(s, "SELECT path FROM location WHERE id = 3", "/1/2/3/");
	assert_int_equal(test_query_int(s, "SELECT remaining_units FROM entitlement"), 9);
	assert_int_equal(test_query_int(s, "SELECT next FROM record_counter WHERE kind = 'case'"),
			 3);

	/* What later versions derive from the data was derived for the old
	 * rows too: the lookup index and the location roll-up counts. */
	expect_found(s, "zoe cafe", SK_ACCOUNT, "ACCT0000001");
	expect_found(s, "北京", SK_ACCOUNT, "ACCT0000002");
	expect_found(s, "oberg", SK_CONTACT, "CT0000001");
	expect_found(s, "nunez", SK_CONSUMER, "CON0000001");
	expect_found(s, "CS0000001", SK_CASE, "CS0000001");
	expect_found(s, "SN-CHILD", SK_INSTALL_BASE, "IB0000002");
	expect_found(s, "espresso", SK_SOLD_PRODUCT, "SP0000001");
	assert_int_equal(test_query_int(s, "SELECT total_items FROM location_count"
					   " WHERE location_id = 1"), 2);
	assert_int_equal(test_query_int(s, "SELECT total_in_repair FROM location_count"
					   " WHERE location_id = 2"), 1);
	assert_int_equal(test_query_int(s, "SELECT total_open_cases FROM location_count"
					   " WHERE location_id = 1"), 1);

	problems = store_check(s, on_problem, &v, &err);
	if (problems != 0)
		fail_msg("store_check after upgrading from version %d: %d problems %s", v, problems,
			 err.msg);

	/* And the upgraded database takes new writes through the store. */
	{
		char number[32];
		assert_int_equal(store_begin(s, &err), 0);
		assert_int_equal(store_next_number(s, REC_CASE, number, sizeof number, &err), 0);
		store_commit(s, &err);
		assert_string_equal(number, "CS0000003");
	}
	test_store_free(&s, path);
}

/* What store_set_upgrade_notice()'s function was called with. */
static int notice_calls, notice_from, notice_to;

static void record_notice(const char *path, int from, int to)
{
	(void)path;
	notice_calls++;
	notice_from = from;
	notice_to = to;
}

static void test_upgrade_notice(void **state)
{
	char path[256], fresh[272];
	struct csm_error err = {0};
	int latest = store_latest_schema_version();
	struct store *s = store_at_version(path, latest - 1);
	(void)state;

	store_free(&s);
	store_set_upgrade_notice(record_notice);
	notice_calls = 0;
	s = store_open(path, 0, &err);
	assert_non_null(s);
	assert_int_equal(notice_calls, 1);
	assert_int_equal(notice_from, latest - 1);
	assert_int_equal(notice_to, latest);
	store_free(&s);

	/* Neither an open at the latest version nor a new file says anything. */
	s = store_open(path, 0, &err);
	assert_non_null(s);
	store_free(&s);
	snprintf(fresh, sizeof fresh, "%s.new", path);
	unlink(fresh);
	s = store_open(fresh, STORE_CREATE, &err);
	assert_non_null(s);
	store_free(&s);
	assert_int_equal(notice_calls, 1);
	store_set_upgrade_notice(NULL);
	unlink(fresh);
	unlink(path);
}

static void test_upgrade_each_version(void **state)
{
	(void)state;
	assert_true(store_latest_schema_version() >= 2);
	for (int v = 1; v < store_latest_schema_version(); v++)
		upgrade_from(v);
}

/* Reads a whole file (tests only). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void test_newer_refused_untouched(void **state)
{
	char path[256], sql[64];
	struct csm_error err = {0};
	struct store *s = store_at_version(path, store_latest_schema_version());
	size_t len_before, len_after;
	char *before, *after;
	struct stat st_before, st_after;
	unsigned flags[] = {0, STORE_READONLY};

	(void)state;
	insert_rows(s);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_latest_schema_version() + 1);
	test_exec(s, sql);
	/* Everything in the main file, nothing left in the log. */
	test_exec(s, "PRAGMA journal_mode = DELETE");
	store_free(&s);
	before = slurp(path, &len_before);
	assert_int_equal(stat(path, &st_before), 0);

	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		csm_error_clear(&err);
		s = store_open(path, flags[i], &err);
		assert_null(s);
		assert_non_null(strstr(err.msg, "newer than this csm"));
		assert_int_equal(err.code, CSM_EX_CONFIG);
	}
	after = slurp(path, &len_after);
	assert_int_equal(stat(path, &st_after), 0);
	assert_int_equal(len_before, len_after);
	assert_memory_equal(before, after, len_before);
	assert_int_equal(st_before.st_mtime, st_after.st_mtime);
	free(before);
	free(after);

	/* Still the newer version, still in rollback-journal mode. */
	s = store_open(path, STORE_NO_MIGRATE | STORE_READONLY, &err);
	assert_non_null(s);
	assert_int_equal(store_schema_version(s), store_latest_schema_version() + 1);
	expect_text(s, "PRAGMA journal_mode", "delete");
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upgrade_each_version),
		cmocka_unit_test(test_upgrade_notice),
		cmocka_unit_test(test_newer_refused_untouched),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
