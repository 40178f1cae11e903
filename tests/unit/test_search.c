/* test_search.c - the universal lookup: ranking, folding, phones, emails,
 * serials, FTS5 syntax in user text, index kept in step by the triggers,
 * kinds, rebuild and limit. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/private.h"
#include "store/search.h"

/* Runs SQL that may fail; returns the SQLite result code. */
static int exec_rc(struct store *s, const char *sql)
{
	return sqlite3_exec(store_db(s), sql, NULL, NULL, NULL);
}

/* A small world of every kind (b2b2c, so accounts and consumers mix). */
static struct store *fixture(char *path)
{
	struct store *s = test_store_new(path, MODEL_B2B2C);

	test_exec(s,
		  "INSERT INTO account(id, number, name, code, phone) VALUES"
		  " (1, 'ZED1', 'Other Company', 'OTH', '+1 (555) 123-4567'),"
		  " (2, 'ACCT0000002', 'Zed1 Industries', 'ZI', NULL),"
		  " (3, 'ACCT0000003', 'Müller GmbH', 'MG', '+49 30 1234567'),"
		  " (4, 'ACCT0000004', 'Acme Corporation', 'ACME', NULL);"
		  "INSERT INTO contact(id, number, account_id, first_name, last_name, email, phone,"
		  " mobile) VALUES"
		  " (1, 'CT0000001', 1, 'Zoe', 'Quark', 'zed1@example.com', NULL, NULL),"
		  " (2, 'CT0000002', 4, 'Jane', 'Doe', 'jane.doe@example.com', '555.987.6543',"
		  "  '+44 7700 900123');"
		  "INSERT INTO consumer(id, number, first_name, last_name, email, mobile_phone)"
		  " VALUES (1, 'CON0000001', 'José', 'Núñez', 'jose@example.org', '(555) 222-3333'),"
		  " (2, 'CON0000002', 'Ann', 'Oldfield', NULL, NULL);"
		  "UPDATE consumer SET active = 0 WHERE id = 2;"
		  "INSERT INTO household(id, number, name, head_consumer_id) VALUES"
		  " (1, 'HOLD0000001', 'Núñez family', 1);"
		  "INSERT INTO product(id, name, model_number) VALUES (1, 'Router X200', 'RX200');"
		  "INSERT INTO location(id, name, type) VALUES (1, 'Main office', 'site');"
		  "INSERT INTO install_base_item(id, number, name, product_id, serial_number,"
		  " account_id, location_id) VALUES"
		  " (1, 'IB0000001', 'Front desk router', 1, 'SN-AB12-3456', 4, 1);"
		  "INSERT INTO sold_product(id, number, product_id, account_id) VALUES"
		  " (1, 'SP0000001', 1, 4);"
		  "INSERT INTO cases(id, number, short_description, account_id, contact_id) VALUES"
		  " (42, 'CS0000042', 'Router keeps rebooting', 4, 2);");
	return s;
}

/* Looks text up, failing the test on error. */
static void find(struct store *s, const char *text, unsigned mask, size_t limit,
		 struct search_result *r)
{
	struct csm_error err = {0};

	if (store_search(s, text, mask, limit, r, &err) < 0)
		fail_msg("store_search(%s): %s", text, err.msg);
}

/* Index of the hit of kind and number in r, or -1. */
static int hit_of(const struct search_result *r, enum search_kind kind, const char *number)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->hits[i].kind == kind && strcmp(r->hits[i].number, number) == 0)
			return (int)i;
	return -1;
}

/* Asserts that text finds the record kind/number through field. */
static void assert_finds(struct store *s, const char *text, enum search_kind kind,
			 const char *number, const char *field)
{
	struct search_result r;
	int i;

	find(s, text, SEARCH_ALL_KINDS, 20, &r);
	i = hit_of(&r, kind, number);
	if (i < 0)
		fail_msg("'%s' does not find %s %s (%zu hits)", text, search_kind_name(kind), number,
			 r.n);
	if (field && strcmp(r.hits[i].field, field) != 0)
		fail_msg("'%s' finds %s through %s, expected %s", text, number, r.hits[i].field,
			 field);
	search_result_fini(&r);
}

static void assert_misses(struct store *s, const char *text, enum search_kind kind,
			  const char *number)
{
	struct search_result r;

	find(s, text, SEARCH_ALL_KINDS, 20, &r);
	if (hit_of(&r, kind, number) >= 0)
		fail_msg("'%s' unexpectedly finds %s %s", text, search_kind_name(kind), number);
	search_result_fini(&r);
}

static void test_ranking_exact_number_then_prefix_name_then_email(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	struct search_result r;
	(void)state;

	find(s, "zed1", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.hits[0].kind, SK_ACCOUNT);
	assert_string_equal(r.hits[0].number, "ZED1");
	assert_string_equal(r.hits[0].field, "number");
	assert_string_equal(r.hits[0].title, "Other Company");
	assert_string_equal(r.hits[1].number, "ACCT0000002");
	assert_string_equal(r.hits[1].field, "name");
	assert_string_equal(r.hits[1].matched, "Zed1 Industries");
	assert_int_equal(r.hits[2].kind, SK_CONTACT);
	assert_string_equal(r.hits[2].field, "email");
	assert_string_equal(r.hits[2].matched, "zed1@example.com");
	assert_string_equal(r.hits[2].title, "Zoe Quark");
	assert_string_equal(r.hits[2].detail, "Other Company"); /* a contact's account */
	search_result_fini(&r);

	/* an exact name beats a longer name with the same prefix */
	test_exec(s, "INSERT INTO account(number, name) VALUES ('ACCT0000010', 'Acme Corporation Europe'),"
		     " ('ACCT0000011', 'Acme')");
	find(s, "acme", SEARCH_KIND_BIT(SK_ACCOUNT), 20, &r);
	assert_int_equal(r.n, 3);
	/* exact: the code ACME (a number-like field) and the name Acme */
	assert_string_equal(r.hits[0].number, "ACCT0000004");
	assert_string_equal(r.hits[0].field, "code");
	assert_string_equal(r.hits[1].title, "Acme");
	assert_string_equal(r.hits[1].field, "name");
	assert_string_equal(r.hits[2].title, "Acme Corporation Europe");
	search_result_fini(&r);
	test_store_free(&s, path);
}

static void test_accents_fold(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	(void)state;

	assert_finds(s, "muller", SK_ACCOUNT, "ACCT0000003", "name");
	assert_finds(s, "MÜLLER", SK_ACCOUNT, "ACCT0000003", "name");
	assert_finds(s, "mül", SK_ACCOUNT, "ACCT0000003", "name");
	assert_finds(s, "jose nunez", SK_CONSUMER, "CON0000001", "name");
	assert_finds(s, "Núñez", SK_HOUSEHOLD, "HOLD0000001", "name");
	test_store_free(&s, path);
}

static void test_phone_digits_any_format(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	struct search_result r;
	(void)state;

	/* stored as '+1 (555) 123-4567' */
	assert_finds(s, "+1 (555) 123-4567", SK_ACCOUNT, "ZED1", "phone");
	assert_finds(s, "15551234567", SK_ACCOUNT, "ZED1", "phone");
	assert_finds(s, "555-123-4567", SK_ACCOUNT, "ZED1", "phone");
	assert_finds(s, "5551234567", SK_ACCOUNT, "ZED1", "phone");
	assert_finds(s, "555.123", SK_ACCOUNT, "ZED1", "phone");
	assert_finds(s, "123 4567", SK_ACCOUNT, "ZED1", "phone");
	assert_finds(s, "4567", SK_ACCOUNT, "ZED1", "phone");
	/* stored as '555.987.6543' and '+44 7700 900123' */
	assert_finds(s, "(555) 987-65", SK_CONTACT, "CT0000002", "phone");
	assert_finds(s, "07700 900123", SK_CONTACT, "CT0000002", NULL);
	assert_finds(s, "7700900123", SK_CONTACT, "CT0000002", "mobile");
	assert_finds(s, "555 222 3333", SK_CONSUMER, "CON0000001", "mobile");
	assert_misses(s, "555-123-4568", SK_ACCOUNT, "ZED1");

	find(s, "555 222 3333", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].matched, "(555) 222-3333");
	assert_string_equal(r.hits[0].detail, "jose@example.org"); /* a consumer's email */
	search_result_fini(&r);
	test_store_free(&s, path);
}

static void test_partial_email(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	(void)state;

	/* "jane.do" is the phrase jane do*: the name Jane Doe matches it too,
	 * and a name ranks before an email */
	assert_finds(s, "jane.do", SK_CONTACT, "CT0000002", "name");
	assert_finds(s, "jane.doe@ex", SK_CONTACT, "CT0000002", "email");
	assert_finds(s, "jane.doe@example.com", SK_CONTACT, "CT0000002", "email");
	assert_finds(s, "doe@exa", SK_CONTACT, "CT0000002", "email");
	assert_finds(s, "jane doe", SK_CONTACT, "CT0000002", "name");
	assert_misses(s, "jane.dx", SK_CONTACT, "CT0000002");
	test_store_free(&s, path);
}

static void test_serial_and_number_prefix(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	struct search_result r;
	(void)state;

	assert_finds(s, "SN-AB1", SK_INSTALL_BASE, "IB0000001", "serial");
	assert_finds(s, "sn-ab12-3456", SK_INSTALL_BASE, "IB0000001", "serial");
	assert_finds(s, "CS00000", SK_CASE, "CS0000042", "number");
	assert_finds(s, "cs0000042", SK_CASE, "CS0000042", "number");
	assert_finds(s, "42", SK_CASE, "CS0000042", "number"); /* digits without zeros */
	assert_finds(s, "IB0", SK_INSTALL_BASE, "IB0000001", "number");
	assert_finds(s, "route", SK_SOLD_PRODUCT, "SP0000001", "product");
	assert_misses(s, "CS00001", SK_CASE, "CS0000042");

	find(s, "front desk", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].detail, "Router X200 · Main office");
	search_result_fini(&r);
	find(s, "rebooting", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].field, "short_description");
	assert_string_equal(r.hits[0].detail, "new · Acme Corporation");
	search_result_fini(&r);
	find(s, "nunez family", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].detail, "head: José Núñez");
	search_result_fini(&r);
	test_store_free(&s, path);
}

static void test_fts_syntax_is_searched_for(void **state)
{
	static const char *texts[] = {
		"\"", "\"\"", "\"acme", "acme\"", "*", "acme*", "**", "-", "-acme", "acme -corp",
		"NEAR", "NEAR(acme corp)", "acme NEAR corp", "AND", "acme AND", "OR", "NOT acme",
		"(", ")", "(acme", "acme)", ":", "name:acme", "value:acme", "{value}: acme",
		"^acme", "+", "a\"b\"c", "'", "%", "\\", "—", "“acme”", "\xff\xfe", "acme \xc3",
	};
	char path[256];
	struct store *s = fixture(path);
	struct search_result r;
	(void)state;

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		find(s, texts[i], SEARCH_ALL_KINDS, 20, &r);
		search_result_fini(&r);
	}
	/* the words are searched for, not obeyed */
	find(s, "NEAR(acme", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 0);
	search_result_fini(&r);
	find(s, "acme*", SEARCH_KIND_BIT(SK_ACCOUNT), 20, &r);
	assert_int_equal(r.n, 1);
	search_result_fini(&r);
	find(s, "(acme)", SEARCH_KIND_BIT(SK_ACCOUNT), 20, &r);
	assert_int_equal(r.n, 1);
	search_result_fini(&r);
	test_exec(s, "INSERT INTO account(number, name) VALUES ('ACCT0000020', 'The NEAR AND Co')");
	find(s, "near and", SEARCH_KIND_BIT(SK_ACCOUNT), 20, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].title, "The NEAR AND Co");
	search_result_fini(&r);

	/* nothing to search for: no hits, no error */
	find(s, "", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 0);
	find(s, "  \t ", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 0);
	find(s, NULL, SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 0);
	test_store_free(&s, path);
}

static void assert_index_ok(struct store *s)
{
	struct csm_error err = {0};

	if (store_search_check(s, &err) < 0)
		fail_msg("search index check: %s", err.msg);
}

static void test_index_follows_updates_and_deletes(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	(void)state;

	assert_index_ok(s);
	test_exec(s, "UPDATE account SET name = 'Zenith Partners' WHERE id = 2");
	assert_misses(s, "industries", SK_ACCOUNT, "ACCT0000002");
	assert_finds(s, "zenith", SK_ACCOUNT, "ACCT0000002", "name");
	assert_finds(s, "zed1", SK_ACCOUNT, "ZED1", "number");

	test_exec(s, "UPDATE contact SET email = 'j.doe@example.net', mobile = NULL WHERE id = 2");
	assert_misses(s, "jane.doe@example.com", SK_CONTACT, "CT0000002");
	assert_misses(s, "7700900123", SK_CONTACT, "CT0000002");
	assert_finds(s, "j.doe@example.n", SK_CONTACT, "CT0000002", "email");

	test_exec(s, "UPDATE product SET name = 'Gateway G1' WHERE id = 1");
	assert_misses(s, "router x200", SK_SOLD_PRODUCT, "SP0000001");
	assert_finds(s, "gateway", SK_SOLD_PRODUCT, "SP0000001", "product");

	test_exec(s, "UPDATE install_base_item SET serial_number = 'SN-ZZ99' WHERE id = 1");
	assert_misses(s, "SN-AB12", SK_INSTALL_BASE, "IB0000001");
	assert_finds(s, "sn-zz", SK_INSTALL_BASE, "IB0000001", "serial");

	test_exec(s, "DELETE FROM contact WHERE id = 1");
	assert_misses(s, "zoe quark", SK_CONTACT, "CT0000001");
	assert_index_ok(s);

	/* a refused update leaves the index as it was */
	test_exec(s, "UPDATE cases SET state = 'closed', resolution_notes = 'done' WHERE id = 42");
	assert_int_not_equal(exec_rc(s, "UPDATE cases SET short_description = 'x' WHERE id = 42"),
			     SQLITE_OK);
	assert_finds(s, "rebooting", SK_CASE, "CS0000042", "short_description");
	assert_index_ok(s);
	test_store_free(&s, path);
}

static void test_inactive_ranked_last(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	struct search_result r;
	(void)state;

	test_exec(s, "INSERT INTO consumer(number, first_name, last_name) VALUES"
		     " ('CON0000003', 'Ann', 'Oldman')");
	find(s, "ann old", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.hits[0].title, "Ann Oldman");
	assert_string_equal(r.hits[1].title, "Ann Oldfield"); /* inactive: last */
	search_result_fini(&r);

	/* an exact number stays first even for an inactive record */
	find(s, "CON0000002", SEARCH_ALL_KINDS, 20, &r);
	assert_true(r.n >= 1);
	assert_string_equal(r.hits[0].number, "CON0000002");
	search_result_fini(&r);

	/* reactivating moves it back among the active */
	test_exec(s, "UPDATE consumer SET active = 1 WHERE id = 2");
	find(s, "ann oldf", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 1);
	search_result_fini(&r);
	assert_index_ok(s);
	test_store_free(&s, path);
}

static void test_kinds_mask_and_models(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	struct search_result r;
	enum search_kind k;
	(void)state;

	/* "nunez" is a consumer and a household */
	find(s, "nunez", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 2);
	search_result_fini(&r);
	find(s, "nunez", SEARCH_KIND_BIT(SK_HOUSEHOLD), 20, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.hits[0].kind, SK_HOUSEHOLD);
	search_result_fini(&r);
	find(s, "nunez", search_kinds_for_model("b2b"), 20, &r);
	assert_int_equal(r.n, 0);
	search_result_fini(&r);
	find(s, "nunez", 0, 20, &r);
	assert_int_equal(r.n, 0);
	search_result_fini(&r);

	assert_int_equal(search_kinds_for_model("b2b"),
			 SEARCH_KIND_BIT(SK_ACCOUNT) | SEARCH_KIND_BIT(SK_CONTACT)
				 | SEARCH_KIND_BIT(SK_CASE) | SEARCH_KIND_BIT(SK_INSTALL_BASE)
				 | SEARCH_KIND_BIT(SK_SOLD_PRODUCT));
	assert_int_equal(search_kinds_for_model("b2c"),
			 SEARCH_KIND_BIT(SK_CONSUMER) | SEARCH_KIND_BIT(SK_HOUSEHOLD)
				 | SEARCH_KIND_BIT(SK_CASE) | SEARCH_KIND_BIT(SK_INSTALL_BASE)
				 | SEARCH_KIND_BIT(SK_SOLD_PRODUCT));
	assert_int_equal(search_kinds_for_model("b2b2c"), SEARCH_ALL_KINDS);
	assert_int_equal(search_kinds_for_model("b2x"), 0);
	assert_int_equal(search_kinds_for_model(NULL), 0);

	for (int i = 0; i < SK_COUNT; i++) {
		assert_int_equal(search_kind_parse(search_kind_name((enum search_kind)i), &k), 0);
		assert_int_equal(k, i);
	}
	assert_int_equal(search_kind_parse("install_base", &k), 0);
	assert_int_equal(k, SK_INSTALL_BASE);
	assert_int_equal(search_kind_parse("Account", &k), -1);
	assert_int_equal(search_kind_parse("", &k), -1);
	assert_int_equal(search_kind_parse(NULL, &k), -1);
	test_store_free(&s, path);
}

/* Every hit of r as one line per hit, for comparing results. Owned. */
static char *dump(const struct search_result *r)
{
	size_t size = 1;
	char *out;

	for (size_t i = 0; i < r->n; i++)
		size += strlen(r->hits[i].number) + strlen(r->hits[i].field)
			+ strlen(r->hits[i].matched) + 32;
	out = malloc(size);
	out[0] = '\0';
	for (size_t i = 0; i < r->n; i++)
		sprintf(out + strlen(out), "%d %s %s %s\n", r->hits[i].kind, r->hits[i].number,
			r->hits[i].field, r->hits[i].matched);
	return out;
}

static void test_rebuild_matches_triggers(void **state)
{
	static const char *texts[] = {"zed1", "acme", "muller", "555", "jane.do", "sn-ab",
				      "cs00", "42", "ann", "router", "example"};
	char path[256];
	struct store *s = fixture(path);
	struct csm_error err = {0};
	struct search_result r;
	char *before[sizeof texts / sizeof texts[0]];
	(void)state;

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		find(s, texts[i], SEARCH_ALL_KINDS, 50, &r);
		before[i] = dump(&r);
		search_result_fini(&r);
	}
	assert_int_equal(store_search_rebuild(s, &err), 0);
	assert_index_ok(s);
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char *after;
		find(s, texts[i], SEARCH_ALL_KINDS, 50, &r);
		after = dump(&r);
		assert_string_equal(after, before[i]);
		assert_true(strlen(after) > 0);
		free(after);
		free(before[i]);
		search_result_fini(&r);
	}

	/* a bulk load skips the triggers; the rebuild then indexes its rows */
	store_set_bulk(s, true);
	test_exec(s, "INSERT INTO account(number, name) VALUES ('ACCT0000100', 'Bulkload Ltd')");
	assert_misses(s, "bulkload", SK_ACCOUNT, "ACCT0000100");
	assert_int_equal(store_search_check(s, &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	assert_int_equal(store_search_rebuild(s, &err), 0);
	store_set_bulk(s, false);
	assert_finds(s, "bulkload", SK_ACCOUNT, "ACCT0000100", "name");
	assert_index_ok(s);
	test_store_free(&s, path);
}

static void test_limit(void **state)
{
	char path[256];
	struct store *s = fixture(path);
	struct search_result r;
	char sql[128];
	(void)state;

	for (int i = 0; i < 30; i++) {
		snprintf(sql, sizeof sql,
			 "INSERT INTO account(number, name) VALUES ('LIM%02d', 'Limitless %d')", i, i);
		test_exec(s, sql);
	}
	find(s, "limitless", SEARCH_ALL_KINDS, 5, &r);
	assert_int_equal(r.n, 5);
	search_result_fini(&r);
	find(s, "limitless", SEARCH_ALL_KINDS, 1000, &r);
	assert_int_equal(r.n, 30);
	search_result_fini(&r);
	find(s, "lim", SEARCH_ALL_KINDS, 1, &r);
	assert_int_equal(r.n, 1);
	search_result_fini(&r);
	find(s, "limitless", SEARCH_ALL_KINDS, 0, &r);
	assert_int_equal(r.n, 0);
	search_result_fini(&r);
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranking_exact_number_then_prefix_name_then_email),
		cmocka_unit_test(test_accents_fold),
		cmocka_unit_test(test_phone_digits_any_format),
		cmocka_unit_test(test_partial_email),
		cmocka_unit_test(test_serial_and_number_prefix),
		cmocka_unit_test(test_fts_syntax_is_searched_for),
		cmocka_unit_test(test_index_follows_updates_and_deletes),
		cmocka_unit_test(test_inactive_ranked_last),
		cmocka_unit_test(test_kinds_mask_and_models),
		cmocka_unit_test(test_rebuild_matches_triggers),
		cmocka_unit_test(test_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
