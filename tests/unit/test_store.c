/* test_store.c - opening, pragmas, migrations, transactions, record numbers,
 * audit, backup, check and the schema's own rules. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/private.h"

static void test_open_applies_schema_and_pragmas(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	char *mode;
	(void)state;

	assert_int_equal(store_schema_version(s), store_latest_schema_version());
	assert_true(store_latest_schema_version() >= 2);
	mode = test_query_text(s, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(test_query_int(s, "PRAGMA foreign_keys"), 1);
	assert_int_equal(test_query_int(s, "PRAGMA synchronous"), 1); /* NORMAL */
	test_store_free(&s, path);
}

static void test_create_refuses_existing_file(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct store *again;
	(void)state;

	again = store_open(path, STORE_CREATE, &err);
	assert_null(again);
	assert_int_equal(err.code, CSM_EX_CANTCREAT);
	assert_non_null(strstr(err.msg, "already exists"));
	test_store_free(&s, path);
}

static void test_refuses_newer_schema(void **state)
{
	char path[256], sql[64];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	(void)state;

	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_latest_schema_version() + 1);
	test_exec(s, sql);
	store_free(&s);
	s = store_open(path, 0, &err);
	assert_null(s);
	assert_non_null(strstr(err.msg, "newer than this csm"));
	test_store_free(&s, path);
}

static void test_refuses_missing_and_non_database(void **state)
{
	struct csm_error err = {0};
	char path[] = "/tmp/csm-test-notadb-XXXXXX";
	int fd;
	(void)state;

	assert_null(store_open("/nonexistent/dir/x.db", 0, &err));
	assert_int_equal(err.code, CSM_EX_NOINPUT);

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "this is not a database, just text\n", 34), 34);
	close(fd);
	csm_error_clear(&err);
	assert_null(store_open(path, 0, &err));
	assert_non_null(strstr(err.msg, "not a csm database"));
	unlink(path);
}

static void test_record_numbers(void **state)
{
	char path[256], num[32];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	(void)state;

	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(store_next_number(s, REC_CASE, num, sizeof num, &err), 0);
	assert_string_equal(num, "CS0000001");
	assert_int_equal(store_next_number(s, REC_CASE, num, sizeof num, &err), 0);
	assert_string_equal(num, "CS0000002");
	/* a number taken by an import is skipped */
	test_exec(s, "INSERT INTO account(number, name) VALUES ('ACCT0000002', 'Imported')");
	assert_int_equal(store_next_number(s, REC_ACCOUNT, num, sizeof num, &err), 0);
	assert_string_equal(num, "ACCT0000001");
	assert_int_equal(store_next_number(s, REC_ACCOUNT, num, sizeof num, &err), 0);
	assert_string_equal(num, "ACCT0000003");
	store_set_prefix(s, REC_CONSUMER, "CU");
	assert_int_equal(store_next_number(s, REC_CONSUMER, num, sizeof num, &err), 0);
	assert_string_equal(num, "CU0000001");
	assert_int_equal(store_commit(s, &err), 0);

	/* outside a transaction it is refused */
	assert_int_equal(store_next_number(s, REC_CASE, num, sizeof num, &err), -1);
	test_store_free(&s, path);
}

static void test_nested_transactions(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	(void)state;

	assert_int_equal(store_begin(s, &err), 0);
	test_exec(s, "INSERT INTO account(number, name) VALUES ('A1', 'Outer')");
	assert_int_equal(store_begin(s, &err), 0);
	test_exec(s, "INSERT INTO account(number, name) VALUES ('A2', 'Inner')");
	store_rollback(s);
	assert_int_equal(store_txn_depth(s), 1);
	assert_int_equal(store_commit(s, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM account"), 1);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM account WHERE number = 'A1'"), 1);

	assert_int_equal(store_begin(s, &err), 0);
	test_exec(s, "INSERT INTO account(number, name) VALUES ('A3', 'Gone')");
	store_rollback(s);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM account"), 1);
	test_store_free(&s, path);
}

/* A read snapshot sees one state of the database: another connection's
 * commit shows only after store_read_end(); it nests, and inside a write
 * transaction it does nothing. */
static void test_read_snapshot(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct store *other;
	struct csm_error err = {0};
	(void)state;

	other = store_open(path, 0, &err);
	assert_non_null(other);
	assert_int_equal(store_read_begin(s, &err), 0);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM account"), 0);
	assert_int_equal(store_read_begin(s, &err), 0); /* nested */
	test_exec(other, "INSERT INTO account(number, name) VALUES ('A1', 'Meanwhile')");
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM account"), 0);
	store_read_end(s);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM account"), 0);
	store_read_end(s);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM account"), 1);

	/* inside a write it changes nothing: the write still commits */
	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(store_read_begin(s, &err), 0);
	test_exec(s, "INSERT INTO account(number, name) VALUES ('A2', 'Inside')");
	store_read_end(s);
	assert_int_equal(store_commit(s, &err), 0);
	assert_int_equal(test_query_int(other, "SELECT count(*) FROM account"), 2);
	store_free(&other);
	test_store_free(&s, path);
}

static void test_audit_log(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	long long n;
	char *v;
	(void)state;

	test_exec(s, "DELETE FROM audit_log");
	test_exec(s, "INSERT INTO account(number, name, phone) VALUES ('ACCT0000001', 'Acme', '+1 555')");
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE table_name = 'account'"
					   " AND action = 'insert' AND actor = 'tester'"),
			 1);
	test_exec(s, "UPDATE account SET name = 'Acme Corp', phone = '+1 555' WHERE number = 'ACCT0000001'");
	/* one row for the field that changed, none for the one that did not */
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE action = 'update'"), 1);
	v = test_query_text(s, "SELECT field || ':' || old_value || '>' || new_value FROM audit_log"
			       " WHERE action = 'update'");
	assert_string_equal(v, "name:Acme>Acme Corp");
	free(v);

	store_set_actor(s, "alice", "root");
	test_exec(s, "UPDATE account SET active = 0 WHERE number = 'ACCT0000001'");
	v = test_query_text(s, "SELECT actor || '/' || real_actor FROM audit_log WHERE field = 'active'");
	assert_string_equal(v, "alice/root");
	free(v);

	test_exec(s, "DELETE FROM account WHERE number = 'ACCT0000001'");
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log WHERE action = 'delete'"
					   " AND json_extract(old_value, '$.name') = 'Acme Corp'"),
			 1);

	store_set_audit(s, false);
	n = test_query_int(s, "SELECT count(*) FROM audit_log");
	test_exec(s, "INSERT INTO account(number, name) VALUES ('ACCT0000002', 'Quiet')");
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM audit_log"), n);
	test_store_free(&s, path);
}

static int sql_fails(struct store *s, const char *sql)
{
	return sqlite3_exec(store_db(s), sql, NULL, NULL, NULL) != SQLITE_OK;
}

static void test_schema_rules(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	(void)state;

	test_exec(s, "INSERT INTO account(id, number, name) VALUES (1, 'ACCT0000001', 'Acme')");
	test_exec(s, "INSERT INTO consumer(id, number, last_name) VALUES (1, 'CON0000001', 'Dupont')");
	test_exec(s, "INSERT INTO product(id, name, model_number) VALUES (1, 'Router', 'RT-1')");
	/* a contact needs an account */
	assert_true(sql_fails(s, "INSERT INTO contact(number, last_name) VALUES ('CT1', 'Doe')"));
	/* owner exclusivity outside b2b2c */
	assert_true(sql_fails(s, "INSERT INTO install_base_item(number, name, account_id, consumer_id)"
			      " VALUES ('IB1', 'x', 1, 1)"));
	assert_true(sql_fails(s, "INSERT INTO sold_product(number, product_id, account_id, household_id)"
			      " VALUES ('SP1', 1, 1, NULL), ('SP2', 1, NULL, NULL)"));
	test_exec(s, "UPDATE setting SET value = 'b2b2c' WHERE key = 'business_model'");
	test_exec(s, "INSERT INTO install_base_item(number, name, account_id, consumer_id)"
		     " VALUES ('IB1', 'x', 1, 1)");
	/* one primary address */
	test_exec(s, "INSERT INTO location(id, name, type) VALUES (1, 'HQ', 'site')");
	test_exec(s, "INSERT INTO address(account_id, location_id, kind, is_primary) VALUES (1, 1, 'billing', 1)");
	assert_true(sql_fails(s, "INSERT INTO address(account_id, location_id, kind, is_primary)"
			      " VALUES (1, 1, 'shipping', 1)"));
	/* states and priorities */
	assert_true(sql_fails(s, "INSERT INTO cases(number, short_description, account_id, priority)"
			      " VALUES ('CS1', 'x', 1, 5)"));
	test_exec(s, "INSERT INTO cases(id, number, short_description, account_id) VALUES (1, 'CS1', 'x', 1)");
	assert_true(sql_fails(s, "UPDATE cases SET state = 'resolved' WHERE id = 1")); /* new -> resolved */
	test_exec(s, "UPDATE cases SET state = 'open' WHERE id = 1");
	assert_true(sql_fails(s, "UPDATE cases SET state = 'resolved' WHERE id = 1")); /* no resolution */
	test_exec(s, "INSERT INTO resolution_code(code, label) VALUES ('fixed', 'Fixed')");
	test_exec(s, "UPDATE cases SET state = 'resolved', resolution_code = 'fixed',"
		     " resolution_notes = 'rebooted' WHERE id = 1");
	test_exec(s, "UPDATE cases SET state = 'closed', closed_at = '2026-01-01T00:00:00Z' WHERE id = 1");
	/* closed cases are read-only, journal included */
	assert_true(sql_fails(s, "UPDATE cases SET short_description = 'y' WHERE id = 1"));
	assert_true(sql_fails(s, "INSERT INTO case_journal(case_id, kind, body) VALUES (1, 'comment', 'hi')"));
	/* no delete orphans a case */
	assert_true(sql_fails(s, "DELETE FROM account WHERE id = 1"));
	test_store_free(&s, path);
}

static void test_install_base_tree_paths(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	(void)state;

	test_exec(s, "INSERT INTO account(id, number, name) VALUES (1, 'ACCT0000001', 'Acme')");
	test_exec(s, "INSERT INTO install_base_item(id, number, name, account_id) VALUES"
		     " (1, 'IB1', 'root', 1), (2, 'IB2', 'other root', 1)");
	test_exec(s, "INSERT INTO install_base_item(id, number, name, account_id, parent_id) VALUES"
		     " (3, 'IB3', 'child', 1, 1)");
	test_exec(s, "INSERT INTO install_base_item(id, number, name, account_id, parent_id) VALUES"
		     " (4, 'IB4', 'grandchild', 1, 3)");
	assert_int_equal(test_query_int(s, "SELECT root_id FROM install_base_item WHERE id = 4"), 1);
	/* move the subtree under the other root: root and path follow */
	test_exec(s, "UPDATE install_base_item SET parent_id = 2 WHERE id = 3");
	assert_int_equal(test_query_int(s, "SELECT root_id FROM install_base_item WHERE id = 4"), 2);
	assert_int_equal(test_query_int(s, "SELECT path = '/2/3/4/' FROM install_base_item WHERE id = 4"), 1);
	/* no cycles */
	assert_true(sql_fails(s, "UPDATE install_base_item SET parent_id = 4 WHERE id = 2"));
	test_store_free(&s, path);
}

static void count(void *ctx, const char *what)
{
	(void)what;
	(*(int *)ctx)++;
}

static void test_check_and_backup(void **state)
{
	char path[256], copy[300];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct store *c;
	struct csm_error err = {0};
	int n = 0;
	(void)state;

	test_exec(s, "INSERT INTO account(id, number, name) VALUES (1, 'ACCT0000001', 'Acme')");
	test_exec(s, "INSERT INTO install_base_item(id, number, name, account_id) VALUES (1, 'IB1', 'r', 1)");
	assert_int_equal(store_check(s, count, &n, &err), 0);

	snprintf(copy, sizeof copy, "%s.bak", path);
	unlink(copy);
	assert_int_equal(store_backup(s, copy, &err), 0);
	assert_int_equal(store_backup(s, copy, &err), -1); /* never overwrites */
	c = store_open(copy, 0, &err);
	assert_non_null(c);
	assert_int_equal(test_query_int(c, "SELECT count(*) FROM install_base_item"), 1);
	test_store_free(&c, copy);

	/* a stale root is reported */
	test_exec(s, "PRAGMA ignore_check_constraints = 1");
	test_exec(s, "DROP TRIGGER install_base_tree_insert");
	test_exec(s, "INSERT INTO install_base_item(id, number, name, account_id, parent_id)"
		     " VALUES (2, 'IB2', 'c', 1, 1)");
	n = 0;
	assert_true(store_check(s, count, &n, &err) > 0);
	assert_true(n >= 2); /* root and path */
	test_store_free(&s, path);
}

/* Commits leave their pages in the log; the console's idle moment copies
 * them into the database file, so that no commit pays for it. */
static void test_checkpoint_when_idle(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct stat before, after;

	(void)state;
	assert_int_equal(test_query_int(s, "PRAGMA wal_autocheckpoint"), 10000);
	store_checkpoint_idle(s); /* the schema's own pages */
	assert_int_equal(stat(path, &before), 0);
	assert_int_equal(store_begin(s, &err), 0);
	test_exec(s, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
		     " INSERT INTO main.account(number, name, notes) SELECT 'A' || i, 'Account ' || i,"
		     " printf('%.300c', 'x') FROM n");
	assert_int_equal(store_commit(s, &err), 0);
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(after.st_size, before.st_size); /* still in the log */
	store_checkpoint_idle(s);
	assert_int_equal(stat(path, &after), 0);
	assert_true(after.st_size > before.st_size + 500000);
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_applies_schema_and_pragmas),
		cmocka_unit_test(test_create_refuses_existing_file),
		cmocka_unit_test(test_refuses_newer_schema),
		cmocka_unit_test(test_refuses_missing_and_non_database),
		cmocka_unit_test(test_record_numbers),
		cmocka_unit_test(test_nested_transactions),
		cmocka_unit_test(test_read_snapshot),
		cmocka_unit_test(test_audit_log),
		cmocka_unit_test(test_schema_rules),
		cmocka_unit_test(test_install_base_tree_paths),
		cmocka_unit_test(test_check_and_backup),
		cmocka_unit_test(test_checkpoint_when_idle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
