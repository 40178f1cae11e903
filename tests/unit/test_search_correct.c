/* test_search_correct.c - what the lookup's speed work must not break
 * (issue 5), beyond test_search.c: ranking of exact names and full numbers
 * against many longer matches, exact names, codes and serials found at any
 * limit whatever their id, accent folding both ways (also for the
 * exact-match rank), phones across national and international formats,
 * user text that is FTS5 syntax (every hit still a real match), and the
 * indexes kept in step by updates and deletes of every kind the lookup
 * covers. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/access.h"
#include "store/search.h"

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

/* The position of kind/number among the hits of text (limit 20), -1 when
 * it is not found. */
static int rank_of(struct store *s, const char *text, enum search_kind kind, const char *number)
{
	struct search_result r;
	int i;

	find(s, text, SEARCH_ALL_KINDS, 20, &r);
	i = hit_of(&r, kind, number);
	search_result_fini(&r);
	return i;
}

static void assert_finds(struct store *s, const char *text, enum search_kind kind,
			 const char *number)
{
	if (rank_of(s, text, kind, number) < 0)
		fail_msg("'%s' does not find %s %s", text, search_kind_name(kind), number);
}

static void assert_misses(struct store *s, const char *text, enum search_kind kind,
			  const char *number)
{
	if (rank_of(s, text, kind, number) >= 0)
		fail_msg("'%s' still finds %s %s", text, search_kind_name(kind), number);
}

static void assert_index_ok(struct store *s)
{
	struct csm_error err = {0};

	if (store_search_check(s, &err) < 0)
		fail_msg("search index check: %s", err.msg);
}

/* "Müller": the account of that name, then the longer name, then a contact
 * whose email merely contains it - however it is typed. */
static void test_exact_name_first_any_spelling(void **state)
{
	static const char *spellings[] = {"Müller", "müller", "MÜLLER", "Muller", "muller",
					  "MULLER", "  Müller  "};
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct search_result r;
	(void)state;

	/* lower ids for the longer matches, so that id order would be wrong */
	test_exec(s, "INSERT INTO account(id, number, name) VALUES"
		     " (1, 'ACCT0000001', 'Müllerstraße GmbH'),"
		     " (2, 'ACCT0000002', 'Bäckerei Schmidt'),"
		     " (3, 'ACCT0000003', 'Müller');"
		     "INSERT INTO contact(id, number, account_id, first_name, last_name, email)"
		     " VALUES (1, 'CT0000001', 2, 'Hans', 'Schmidt', 'muller@example.de')");
	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
		find(s, spellings[i], SEARCH_ALL_KINDS, 20, &r);
		if (r.n != 3)
			fail_msg("'%s': %zu hits, expected 3", spellings[i], r.n);
		if (strcmp(r.hits[0].number, "ACCT0000003") != 0
		    || strcmp(r.hits[1].number, "ACCT0000001") != 0
		    || strcmp(r.hits[2].number, "CT0000001") != 0)
			fail_msg("'%s' ranks %s, %s, %s", spellings[i], r.hits[0].matched,
				 r.hits[1].matched, r.hits[2].matched);
		assert_string_equal(r.hits[2].field, "email");
		search_result_fini(&r);
	}

	/* an exact name comes before active records, whatever the spelling:
	 * the inactive "Müller" before the active "Müller AG" */
	test_exec(s, "INSERT INTO account(id, number, name) VALUES (4, 'ACCT0000004', 'Müller AG');"
		     "UPDATE account SET active = 0 WHERE id = 3");
	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
		find(s, spellings[i], SEARCH_KIND_BIT(SK_ACCOUNT), 20, &r);
		assert_int_equal(r.n, 3);
		if (strcmp(r.hits[0].number, "ACCT0000003") != 0)
			fail_msg("'%s': the exact (inactive) name is not first but %s", spellings[i],
				 r.hits[0].matched);
		assert_string_equal(r.hits[1].number, "ACCT0000004"); /* shorter than ...straße */
		search_result_fini(&r);
	}
	test_store_free(&s, path);
}

/* Many longer names that hold the word, all with lower ids than the exact
 * one: the exact name still comes first. */
static void test_exact_name_first_among_many(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct search_result r;
	char sql[160];
	(void)state;

	for (int i = 1; i <= 60; i++) {
		snprintf(sql, sizeof sql,
			 "INSERT INTO account(id, number, name) VALUES (%d, 'ACCT%07d', 'Müller %s %d')",
			 i, i, i % 2 ? "Bau" : "und Söhne", i);
		test_exec(s, sql);
	}
	test_exec(s, "INSERT INTO account(id, number, name) VALUES (61, 'ACCT0000061', 'Müller')");
	find(s, "MULLER", SEARCH_KIND_BIT(SK_ACCOUNT), 100, &r);
	assert_int_equal(r.n, 61);
	assert_string_equal(r.hits[0].number, "ACCT0000061");
	/* then shorter names first: "Müller Bau 1" .. "Müller Bau 9" */
	assert_string_equal(r.hits[1].number, "ACCT0000001");
	assert_string_equal(r.hits[5].number, "ACCT0000009");
	assert_string_equal(r.hits[60].matched, "Müller und Söhne 60");
	search_result_fini(&r);
	find(s, "Mül", SEARCH_KIND_BIT(SK_ACCOUNT), 100, &r);
	assert_int_equal(r.n, 61);
	assert_string_equal(r.hits[0].number, "ACCT0000061"); /* shortest name */
	search_result_fini(&r);
	test_store_free(&s, path);
}

/* A word longer than the longest prefix index (8 characters) is looked up
 * by its first 8 characters and each row checked against the whole word:
 * the hits are exactly the names with a word starting with it, with the
 * matches among the first rows of the cut prefix (dense) and behind many
 * that only share the first 8 letters (sparse: the uncut query); accents
 * and case folded; several words; and a Greek word (not cut) still found. */
/* Looks text up among the accounts with limit: n hits, each matched value
 * holding part. */
static void expect_accounts(struct store *s, const char *text, size_t limit, size_t n,
			    const char *part)
{
	struct search_result r;

	find(s, text, SEARCH_KIND_BIT(SK_ACCOUNT), limit, &r);
	assert_int_equal(r.n, n);
	for (size_t i = 0; i < r.n; i++)
		assert_non_null(strstr(r.hits[i].matched, part));
	search_result_fini(&r);
}

static void test_long_prefix(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct search_result r;
	char sql[200];
	(void)state;

	/* 30 decoys (christop...), then 5 Christopher, then 50 decoys, then 3 Christophe */
	for (int i = 0; i < 88; i++) {
		const char *name = i < 30 || (i >= 35 && i < 85) ? "Christopoulos"
				   : i < 35 ? "Christopher" : "Christophe";
		snprintf(sql, sizeof sql,
			 "INSERT INTO account(id, number, name) VALUES (%d, 'ACCT%07d', '%s %d')",
			 i + 1, i + 1, name, i);
		test_exec(s, sql);
	}
	test_exec(s, "INSERT INTO account(id, number, name) VALUES (100, 'ACCT0000100', "
		     "'Fernández Ölkers')");
	test_exec(s, "INSERT INTO account(id, number, name) VALUES (101, 'ACCT0000101', "
		     "'Οικονόμου Ναυτιλιακή')");

	expect_accounts(s, "christoph", 100, 8, "Christoph");
	/* a limit smaller than the matches: the first ones by the rank */
	expect_accounts(s, "CHRISTOPHE", 3, 3, "Christophe");
	/* sparse: limit 2 checks 8 rows, all decoys; the uncut query finds them */
	expect_accounts(s, "christophe", 2, 2, "Christophe ");
	find(s, "christophe 8", SEARCH_KIND_BIT(SK_ACCOUNT), 5, &r);
	assert_int_equal(r.n, 3);
	search_result_fini(&r);
	assert_misses(s, "christophx", SK_ACCOUNT, "ACCT0000031");
	assert_finds(s, "fernandez olk", SK_ACCOUNT, "ACCT0000100");
	assert_finds(s, "FERNÁNDEZ", SK_ACCOUNT, "ACCT0000100");
	assert_finds(s, "ölkers fernández", SK_ACCOUNT, "ACCT0000100");
	assert_misses(s, "fernándezz", SK_ACCOUNT, "ACCT0000100");
	assert_finds(s, "Ναυτιλιακ", SK_ACCOUNT, "ACCT0000101");
	assert_finds(s, "ΟΙΚΟΝΌΜΟΥ", SK_ACCOUNT, "ACCT0000101"); /* case, not accents */
	test_store_free(&s, path);
}

/* The first hit of text (limit hits of the kinds in mask) is kind/number
 * through field, and there are limit hits. */
static void assert_first(struct store *s, const char *text, unsigned mask, size_t limit,
			 const char *number, const char *field)
{
	struct search_result r;

	find(s, text, mask, limit, &r);
	if (r.n != limit)
		fail_msg("'%s' (limit %zu): %zu hits", text, limit, r.n);
	if (strcmp(r.hits[0].number, number) != 0 || strcmp(r.hits[0].field, field) != 0)
		fail_msg("'%s' (limit %zu): first is %s %s '%s', expected %s %s", text, limit,
			 r.hits[0].number, r.hits[0].field, r.hits[0].matched, number, field);
	search_result_fini(&r);
}

/* An exact name, code or serial is found with a limit far below the number
 * of longer values holding its words that come first in id order (the
 * lookup reads only the first `limit` index rows of a kind of each query):
 * the exact index finds it whatever its id, however it is typed, also
 * when it is inactive, also after a bulk load and rebuild; and never for a
 * user who does not see it. */
static void test_exact_found_at_any_limit(void **state)
{
	static const char *spellings[] = {"Müller", "müller", "MULLER", " muller "};
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct search_result r;
	char sql[256];
	(void)state;

	for (int i = 1; i <= 60; i++) {
		snprintf(sql, sizeof sql,
			 "INSERT INTO account(id, number, name, code) VALUES"
			 " (%d, 'ACCT%07d', 'Müller %s %d', 'ACME-EU-%d')",
			 i, i, i % 2 ? "Bau" : "und Söhne", i, i);
		test_exec(s, sql);
		snprintf(sql, sizeof sql,
			 "INSERT INTO account(id, number, name) VALUES"
			 " (%d, 'ACCT%07d', 'Smith & Co. Holding %d')", 100 + i, 100 + i, i);
		test_exec(s, sql);
		snprintf(sql, sizeof sql,
			 "INSERT INTO contact(id, number, account_id, first_name, last_name) VALUES"
			 " (%d, 'CT%07d', 1, 'Hans', 'Meyer-Lüdenscheidt %d')", i, i, i);
		test_exec(s, sql);
		snprintf(sql, sizeof sql,
			 "INSERT INTO install_base_item(id, number, name, product_id, serial_number,"
			 " account_id) VALUES (%d, 'IB%07d', 'Router %d', 1, 'SN-1000-%d', 1)",
			 i, i, i, i);
		if (i == 1)
			test_exec(s, "INSERT INTO product(id, name, model_number) VALUES"
				     " (1, 'Router', 'R1')");
		test_exec(s, sql);
	}
	test_exec(s, "INSERT INTO account(id, number, name) VALUES (200, 'ACCT0000200', 'Müller'),"
		     " (201, 'ACCT0000201', 'Smith & Co.'), (202, 'ACCT0000202', 'Acme');"
		     "UPDATE account SET code = 'ACME-EU' WHERE id = 202;"
		     "INSERT INTO contact(id, number, account_id, first_name, last_name) VALUES"
		     " (100, 'CT0000100', 1, 'Hans', 'Meyer-Lüdenscheidt');"
		     "INSERT INTO install_base_item(id, number, name, product_id, serial_number,"
		     " account_id) VALUES (100, 'IB0000100', 'Router', 1, 'SN-1000', 1)");
	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
		assert_first(s, spellings[i], SEARCH_KIND_BIT(SK_ACCOUNT), 10, "ACCT0000200", "name");
		assert_first(s, spellings[i], SEARCH_ALL_KINDS, 1, "ACCT0000200", "name");
	}
	/* punctuation and spaces as normalize() sees them */
	assert_first(s, "smith co", SEARCH_KIND_BIT(SK_ACCOUNT), 5, "ACCT0000201", "name");
	assert_first(s, "Smith & Co.", SEARCH_KIND_BIT(SK_ACCOUNT), 5, "ACCT0000201", "name");
	assert_first(s, "acme eu", SEARCH_KIND_BIT(SK_ACCOUNT), 5, "ACCT0000202", "code");
	assert_first(s, "hans meyer lüdenscheidt", SEARCH_KIND_BIT(SK_CONTACT), 3, "CT0000100",
		     "name");
	assert_first(s, "HANS MEYER-LUDENSCHEIDT", SEARCH_ALL_KINDS, 3, "CT0000100", "name");
	assert_first(s, "sn-1000", SEARCH_KIND_BIT(SK_INSTALL_BASE), 5, "IB0000100", "serial");
	assert_first(s, "router", SEARCH_KIND_BIT(SK_INSTALL_BASE), 5, "IB0000100", "name");

	/* inactive: still first (exact before active), still found at limit 1 */
	test_exec(s, "UPDATE account SET active = 0 WHERE id = 200");
	assert_first(s, "muller", SEARCH_KIND_BIT(SK_ACCOUNT), 10, "ACCT0000200", "name");
	assert_first(s, "muller", SEARCH_KIND_BIT(SK_ACCOUNT), 1, "ACCT0000200", "name");
	/* renamed: found by the new name only */
	test_exec(s, "UPDATE account SET name = 'Müller Bau' WHERE id = 200");
	find(s, "muller", SEARCH_KIND_BIT(SK_ACCOUNT), 10, &r);
	assert_int_equal(hit_of(&r, SK_ACCOUNT, "ACCT0000200"), -1);
	search_result_fini(&r);
	assert_first(s, "müller bau", SEARCH_KIND_BIT(SK_ACCOUNT), 3, "ACCT0000200", "name");
	assert_index_ok(s);

	/* a bulk load skips the triggers; the rebuild fills the exact index */
	store_set_bulk(s, true);
	test_exec(s, "INSERT INTO account(id, number, name) VALUES (300, 'ACCT0000300', 'Müller')");
	assert_int_equal(store_search_check(s, &err), -1);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	assert_int_equal(store_search_rebuild(s, &err), 0);
	store_set_bulk(s, false);
	assert_index_ok(s);
	assert_first(s, "MÜLLER", SEARCH_KIND_BIT(SK_ACCOUNT), 2, "ACCT0000300", "name");
	test_exec(s, "DELETE FROM account WHERE id = 300");
	find(s, "müller", SEARCH_KIND_BIT(SK_ACCOUNT), 10, &r);
	assert_int_equal(hit_of(&r, SK_ACCOUNT, "ACCT0000300"), -1);
	search_result_fini(&r);
	assert_index_ok(s);

	/* a user who sees nothing gets no exact hit either */
	assert_int_equal(store_access_set(s, 0, 0, &err), 0);
	assert_false(store_access_all(s));
	static const char *texts[] = {"Smith & Co.", "sn-1000", "router", "acme-eu",
				      "hans meyer-ludenscheidt"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		find(s, texts[i], SEARCH_ALL_KINDS, 10, &r);
		if (r.n != 0)
			fail_msg("'%s' finds %s for a user who sees nothing", texts[i],
				 r.hits[0].number);
		search_result_fini(&r);
	}
	test_store_free(&s, path);
}

/* A record number typed in full is the first hit, before descriptions that
 * quote it and longer numbers that start with it. */
static void test_full_number_first(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct search_result r;
	char sql[200];
	(void)state;

	test_exec(s, "INSERT INTO account(id, number, name) VALUES (1, 'ACCT0000001', 'Acme')");
	for (int i = 1; i <= 30; i++) {
		snprintf(sql, sizeof sql,
			 "INSERT INTO cases(id, number, short_description, account_id) VALUES"
			 " (%d, 'CS%07d', 'Follow-up to CS0000042 (%d)', 1)",
			 i, i, i);
		test_exec(s, sql);
	}
	test_exec(s, "INSERT INTO cases(id, number, short_description, account_id) VALUES"
		     " (42, 'CS0000042', 'Printer jam', 1), (41, 'CS0000041', 'Paper jam', 1)");
	/* 30 descriptions with lower ids hold the text: case 42 is the first
	 * hit even with a limit of 5, however it is typed */
	static const char *texts[] = {"CS0000042", "cs0000042", " CS0000042 "};
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		find(s, texts[t], SEARCH_ALL_KINDS, 5, &r);
		assert_int_equal(r.n, 5);
		assert_int_equal(r.hits[0].kind, SK_CASE);
		assert_string_equal(r.hits[0].number, "CS0000042");
		assert_string_equal(r.hits[0].field, "number");
		for (size_t i = 1; i < r.n; i++)
			assert_string_equal(r.hits[i].field, "short_description");
		search_result_fini(&r);
	}
	/* a prefix of numbers: the numbers before the descriptions */
	find(s, "cs000004", SEARCH_KIND_BIT(SK_CASE), 3, &r);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.hits[0].number, "CS0000041");
	assert_string_equal(r.hits[1].number, "CS0000042");
	assert_string_equal(r.hits[2].field, "short_description");
	search_result_fini(&r);
	test_store_free(&s, path);
}

static void test_accents_fold_both_ways(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B2C);
	(void)state;

	test_exec(s, "INSERT INTO account(id, number, name) VALUES"
		     " (1, 'ACCT0000001', 'Müller'), (2, 'ACCT0000002', 'Muller');"
		     "INSERT INTO consumer(id, number, first_name, last_name) VALUES"
		     " (1, 'CON0000001', 'Zoë', 'Ångström')");
	static const char *texts[] = {"Müller", "Muller", "MÜLLER", "MULLER", "müller", "Mul",
				      "Mül", "MÜL", "mu"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		assert_finds(s, texts[i], SK_ACCOUNT, "ACCT0000001");
		assert_finds(s, texts[i], SK_ACCOUNT, "ACCT0000002");
	}
	assert_finds(s, "zoe angstrom", SK_CONSUMER, "CON0000001");
	assert_finds(s, "ZOË ÅNG", SK_CONSUMER, "CON0000001");
	assert_finds(s, "angs", SK_CONSUMER, "CON0000001");
	assert_misses(s, "Mal", SK_ACCOUNT, "ACCT0000001");
	test_store_free(&s, path);
}

/* Phones stored in one format are found by their digits typed in another
 * and in part: international by national (with or without the trunk 0) and
 * by the area code and the start of the subscriber number, national by
 * international (+49, 0049, or 49 in a number of 11 digits and more).  A
 * short run of digits without + or 00 is taken as typed: "4930123" is not
 * "+49 30 123...". */
static void test_phone_formats(void **state)
{
	static const struct {
		const char *text;
		int intl, national; /* finds the account, the contact: 1 yes, 0 no */
	} texts[] = {
		{"+49 (30) 1234-567", 1, 1}, {"+49 30 1234567", 1, 1}, {"0049 30 1234567", 1, 1},
		{"+49 30 1234", 1, 1}, {"0049301234", 1, 1}, {"49301234567", 1, 1},
		{"4930123", 1, 0}, {"+4930", 1, 0},
		{"030 1234567", 1, 1}, {"030/1234567", 1, 1}, {"(030) 1234-567", 1, 1},
		{"0301234", 1, 1}, {"301234567", 1, 1}, {"301234", 1, 1}, {"30 1234", 1, 1},
		{"1234 567", 1, 1}, {"1234567", 1, 1}, {"123-45", 1, 1}, {"4567", 1, 1},
		{"1234 568", 0, 0}, {"+49 89 1234567", 0, 0}, {"0301234568", 0, 0},
		{"+49 30 1234568", 0, 0}, {"+44 30 1234567", 1, 1},
	};
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	(void)state;

	test_exec(s, "INSERT INTO account(id, number, name, phone) VALUES"
		     " (1, 'ACCT0000001', 'Berlin Office', '+49 (30) 1234-567'),"
		     " (2, 'ACCT0000002', 'Other', '+49 89 7654321');"
		     "INSERT INTO contact(id, number, account_id, last_name, phone, mobile) VALUES"
		     " (1, 'CT0000001', 2, 'Local', '030 1234567', '0170-555 12 34')");
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct search_result r;
		int a, c;
		find(s, texts[i].text, SEARCH_ALL_KINDS, 20, &r);
		a = hit_of(&r, SK_ACCOUNT, "ACCT0000001");
		c = hit_of(&r, SK_CONTACT, "CT0000001");
		if ((a >= 0) != texts[i].intl)
			fail_msg("'%s' %s +49 (30) 1234-567", texts[i].text,
				 a >= 0 ? "finds" : "does not find");
		if ((c >= 0) != texts[i].national)
			fail_msg("'%s' %s 030 1234567", texts[i].text, c >= 0 ? "finds" : "does not find");
		if (a >= 0)
			assert_string_equal(r.hits[a].field, "phone");
		if (c >= 0)
			assert_string_equal(r.hits[c].field, "phone");
		assert_int_equal(hit_of(&r, SK_ACCOUNT, "ACCT0000002"), -1);
		search_result_fini(&r);
	}
	/* a mobile in national format by its 10 digits, with and without 0 */
	assert_finds(s, "0170 5551234", SK_CONTACT, "CT0000001");
	assert_finds(s, "170-555-1234", SK_CONTACT, "CT0000001");
	assert_finds(s, "555 12 34", SK_CONTACT, "CT0000001");
	test_store_free(&s, path);
}

/* Partial emails and serial numbers, at any of their separators. */
static void test_partial_email_and_serial(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2C);
	(void)state;

	test_exec(s, "INSERT INTO consumer(id, number, first_name, last_name, email) VALUES"
		     " (1, 'CON0000001', 'Kim', 'Lee', 'kim_lee+shop@mail.example.org');"
		     "INSERT INTO product(id, name, model_number) VALUES (1, 'Washer W9', 'W9');"
		     "INSERT INTO install_base_item(id, number, name, product_id, serial_number,"
		     " consumer_id) VALUES (1, 'IB0000001', 'Washer', 1, 'W9/2024.000123-B', 1)");
	static const char *emails[] = {"kim_lee", "kim_lee+sh", "lee+shop@mail", "shop@mail.ex",
				       "mail.example.org", "kim_lee+shop@mail.example.org",
				       "KIM_LEE+SHOP@"};
	for (size_t i = 0; i < sizeof emails / sizeof emails[0]; i++)
		assert_finds(s, emails[i], SK_CONSUMER, "CON0000001");
	assert_misses(s, "kim_lex", SK_CONSUMER, "CON0000001");
	static const char *serials[] = {"W9/2024", "w9/2024.000", "W9/2024.000123-B",
					"2024.000123", "000123-b", "w9 2024"};
	for (size_t i = 0; i < sizeof serials / sizeof serials[0]; i++)
		assert_finds(s, serials[i], SK_INSTALL_BASE, "IB0000001");
	assert_misses(s, "W9/2025", SK_INSTALL_BASE, "IB0000001");
	test_store_free(&s, path);
}

/* FTS5 syntax typed by a user: never an error, and every hit holds the
 * text's words (the syntax is not obeyed: OR does not widen, NOT does not
 * exclude, a column filter does not restrict). */
static void test_fts_syntax_is_text(void **state)
{
	static const char *texts[] = {
		"\"", "'", "*", "-", "(", ")", ":", "^", "NEAR", "AND", "OR", "NOT",
		"\"\"\"", "acme OR zeta", "acme NOT corp", "NOT acme", "acme AND", "OR acme",
		"NEAR(acme zeta, 1)", "acme NEAR/2 zeta", "value:acme", "-value:acme",
		"{value}:acme", "^acme", "acme^", "acme*", "*acme", "ac\"me", "\"acme corp\"",
		"(acme OR zeta)", "acme)", "(acme", "a:b:c", "acme - corp", "acme -corp",
		"+acme", "acme:", "'acme'", "\xff", "\xc3", "acme \xe2\x82", "\xed\xa0\x80",
		"", " ", "\t\n ", "\x01\x02",
	};
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct search_result r;
	(void)state;

	test_exec(s, "INSERT INTO account(id, number, name) VALUES"
		     " (1, 'ACCT0000001', 'Acme Corporation'), (2, 'ACCT0000002', 'Zeta Ltd'),"
		     " (3, 'ACCT0000003', 'Near and Far'), (4, 'ACCT0000004', 'Or Not Inc'),"
		     " (5, 'ACCT0000005', 'Value Corp')");
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		find(s, texts[i], SEARCH_ALL_KINDS, 20, &r);
		search_result_fini(&r);
	}
	/* operators are words to look for */
	find(s, "acme OR zeta", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 0);
	search_result_fini(&r);
	find(s, "or not", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].title, "Or Not Inc");
	search_result_fini(&r);
	find(s, "NOT", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 1);
	search_result_fini(&r);
	find(s, "near and", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].title, "Near and Far");
	search_result_fini(&r);
	find(s, "value:corp", SEARCH_ALL_KINDS, 20, &r); /* both words, not a column */
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].title, "Value Corp");
	search_result_fini(&r);
	find(s, "\"acme\"", SEARCH_ALL_KINDS, 20, &r);
	assert_int_equal(r.n, 1);
	search_result_fini(&r);
	find(s, "ac\"me", SEARCH_ALL_KINDS, 20, &r); /* the quote separates: ac me */
	assert_int_equal(r.n, 0);
	search_result_fini(&r);
	find(s, "-zeta", SEARCH_ALL_KINDS, 20, &r); /* not "everything but zeta" */
	assert_int_equal(r.n, 1);
	assert_string_equal(r.hits[0].title, "Zeta Ltd");
	search_result_fini(&r);
	find(s, "acme \xff", SEARCH_ALL_KINDS, 20, &r); /* a broken byte is no word */
	assert_int_equal(r.n, 1);
	search_result_fini(&r);

	/* very long text: many words, a very long word, many quotes */
	{
		size_t n = 100000;
		char *big = malloc(n + 1);
		for (size_t i = 0; i < n; i++)
			big[i] = "acme \"()*:^-"[i % 12];
		big[n] = '\0';
		find(s, big, SEARCH_ALL_KINDS, 20, &r);
		search_result_fini(&r);
		memset(big, 'a', n);
		find(s, big, SEARCH_ALL_KINDS, 20, &r);
		assert_int_equal(r.n, 0);
		search_result_fini(&r);
		memset(big, '"', n);
		find(s, big, SEARCH_ALL_KINDS, 20, &r);
		assert_int_equal(r.n, 0);
		search_result_fini(&r);
		for (size_t i = 0; i < n; i++)
			big[i] = "9 "[i % 2];
		find(s, big, SEARCH_ALL_KINDS, 20, &r);
		search_result_fini(&r);
		/* "acme" then 3000 spaces then "corp": both words count */
		memset(big, ' ', n);
		memcpy(big, "acme", 4);
		memcpy(big + 3000, "corp", 4);
		big[3004] = '\0';
		find(s, big, SEARCH_ALL_KINDS, 20, &r);
		assert_int_equal(r.n, 1);
		assert_string_equal(r.hits[0].title, "Acme Corporation");
		search_result_fini(&r);
		free(big);
	}
	test_store_free(&s, path);
}

/* One kind's record: how to change and delete it, and texts that find it
 * before, after the change, and no longer after the change. */
struct sync_case {
	enum search_kind kind;
	const char *number;
	const char *update_sql;   /* changes the indexed fields */
	const char *before[5];    /* found before, not after (NULL-terminated) */
	const char *after[5];     /* found after, not before (NULL-terminated) */
	const char *kept[3];      /* found before and after (NULL-terminated) */
	const char *delete_sql;   /* deletes the record */
};

static void test_index_sync_every_kind(void **state)
{
	static const struct sync_case cases[] = {
		{SK_ACCOUNT, "ACCT0000001",
		 "UPDATE account SET name = 'Nordwind AG', phone = '+49 40 5556667', code = 'NW'"
		 " WHERE id = 1",
		 {"Südwind", "+49 89 1112223", "SW1", NULL},
		 {"nordwind", "555 6667", "49405556667", "NW", NULL},
		 {"ACCT0000001", NULL},
		 "DELETE FROM account WHERE id = 1"},
		{SK_CONTACT, "CT0000001",
		 "UPDATE contact SET first_name = 'Greta', last_name = 'Olsen',"
		 " email = 'greta.olsen@new.example', phone = '+1 212 555 0199',"
		 " mobile = '+1 917 555 0142' WHERE id = 1",
		 {"pia kranz", "pia.kranz@old", "0815 4711", NULL},
		 {"greta olsen", "greta.olsen@new", "212 555 0199", "9175550142"},
		 {"CT0000001", NULL},
		 "DELETE FROM contact WHERE id = 1"},
		{SK_CONSUMER, "CON0000001",
		 "UPDATE consumer SET first_name = 'Lena', last_name = 'Vogt', email = 'lv@new.example',"
		 " mobile_phone = NULL, home_phone = '+44 20 7946 0018', business_phone = '0201 98765'"
		 " WHERE id = 1",
		 {"Ida Brun", "ida@old.example", "0151 2223334", NULL},
		 {"lena vogt", "lv@new", "020 7946 0018", "0201 98765"},
		 {"CON0000001", NULL},
		 "DELETE FROM consumer WHERE id = 1"},
		{SK_HOUSEHOLD, "HOLD0000001",
		 "UPDATE household SET name = 'Haus Vogt' WHERE id = 1",
		 {"Brun family", NULL},
		 {"haus vogt", NULL},
		 {"HOLD0000001", NULL},
		 "DELETE FROM household WHERE id = 1"},
		{SK_CASE, "CS0000001",
		 "UPDATE cases SET short_description = 'Fan makes noise' WHERE id = 1",
		 {"screen flickers", NULL},
		 {"fan noise", NULL},
		 {"CS0000001", NULL},
		 "DELETE FROM cases WHERE id = 1"},
		{SK_INSTALL_BASE, "IB0000001",
		 "UPDATE install_base_item SET name = 'Lobby printer', serial_number = 'PX-77-B'"
		 " WHERE id = 1",
		 {"attic scanner", "QZ-11", NULL},
		 {"lobby printer", "px-77", NULL},
		 {"IB0000001", NULL},
		 "DELETE FROM install_base_item WHERE id = 1"},
		{SK_SOLD_PRODUCT, "SP0000001",
		 "UPDATE sold_product SET product_id = 2 WHERE id = 1",
		 {"Scanner S1", NULL},
		 {"printer p5", NULL},
		 {"SP0000001", NULL},
		 "DELETE FROM sold_product WHERE id = 1"},
	};
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B2C);
	(void)state;

	test_exec(s,
		  "INSERT INTO account(id, number, name, code, phone) VALUES"
		  " (1, 'ACCT0000001', 'Südwind GmbH', 'SW1', '+49 89 1112223'),"
		  " (2, 'ACCT0000002', 'Keeper Ltd', 'KP', NULL);"
		  "INSERT INTO contact(id, number, account_id, first_name, last_name, email, phone,"
		  " mobile) VALUES (1, 'CT0000001', 2, 'Pia', 'Kranz', 'pia.kranz@old.example',"
		  " '0815 4711', NULL);"
		  "INSERT INTO consumer(id, number, first_name, last_name, email, mobile_phone) VALUES"
		  " (1, 'CON0000001', 'Ida', 'Brun', 'ida@old.example', '0151 2223334'),"
		  " (2, 'CON0000002', 'Keeper', 'Person', NULL, NULL);"
		  "INSERT INTO household(id, number, name) VALUES (1, 'HOLD0000001', 'Brun family');"
		  "INSERT INTO product(id, name, model_number) VALUES (1, 'Scanner S1', 'S1'),"
		  " (2, 'Printer P5', 'P5');"
		  "INSERT INTO install_base_item(id, number, name, product_id, serial_number,"
		  " account_id) VALUES (1, 'IB0000001', 'Attic scanner', 1, 'QZ-11', 2);"
		  "INSERT INTO sold_product(id, number, product_id, account_id) VALUES"
		  " (1, 'SP0000001', 1, 2);"
		  "INSERT INTO cases(id, number, short_description, account_id) VALUES"
		  " (1, 'CS0000001', 'Screen flickers', 2)");
	assert_index_ok(s);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct sync_case *c = &cases[i];
		for (size_t j = 0; c->before[j]; j++)
			assert_finds(s, c->before[j], c->kind, c->number);
		for (size_t j = 0; c->after[j]; j++)
			assert_misses(s, c->after[j], c->kind, c->number);
	}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct sync_case *c = &cases[i];
		test_exec(s, c->update_sql);
		for (size_t j = 0; c->before[j]; j++)
			assert_misses(s, c->before[j], c->kind, c->number);
		for (size_t j = 0; c->after[j]; j++)
			assert_finds(s, c->after[j], c->kind, c->number);
		for (size_t j = 0; c->kept[j]; j++)
			assert_finds(s, c->kept[j], c->kind, c->number);
		assert_index_ok(s);
	}
	/* deleted in reverse: what points at a record goes first */
	for (size_t i = sizeof cases / sizeof cases[0]; i-- > 0;) {
		const struct sync_case *c = &cases[i];
		test_exec(s, c->delete_sql);
		for (size_t j = 0; c->after[j]; j++)
			assert_misses(s, c->after[j], c->kind, c->number);
		for (size_t j = 0; c->kept[j]; j++)
			assert_misses(s, c->kept[j], c->kind, c->number);
		assert_index_ok(s);
	}
	/* what was not deleted is still found */
	assert_finds(s, "keeper", SK_ACCOUNT, "ACCT0000002");
	assert_finds(s, "keeper", SK_CONSUMER, "CON0000002");
	test_store_free(&s, path);
}

/* ---- the ranking against an order computed here ------------------------ */

/* A record field as the test sees it, for the expected ranking. */
struct exp_hit {
	enum search_kind kind; /* account or contact */
	long long id;          /* record id */
	const char *field;     /* field name as search_hit.field */
	char value[64];        /* its value */
	int exact, inactive, cls; /* the sort key, as search.c documents it */
	size_t len;            /* length of the value */
};

/* A random word of 1..3 syllables over few letters, so that prefixes and
 * whole names collide often. */
static void random_word(char *buf, size_t size, unsigned *seed)
{
	static const char *const syl[] = {"bo", "de", "be", "do", "ed", "ob", "e", "b"};
	int n = 1 + (int)(rand_r(seed) % 3);

	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		strncat(buf, syl[rand_r(seed) % 8], size - strlen(buf) - 1);
}

/* True when every word of q (lower case, spaces between words) is a prefix
 * of a word of v (case folded; words split at anything but a letter). */
static int prefix_match(const char *q, const char *v)
{
	char qw[64];
	const char *p = q;

	while (*p) {
		size_t n = strcspn(p, " ");
		int found = 0;

		snprintf(qw, sizeof qw, "%.*s", (int)n, p);
		for (const char *w = v; *w;) {
			size_t k = 0;

			while (w[k] && ((w[k] | 0x20) >= 'a' && (w[k] | 0x20) <= 'z'))
				k++;
			if (k >= n && strncasecmp(w, qw, n) == 0)
				found = 1;
			w += k ? k : 1;
		}
		if (!found)
			return 0;
		p += n;
		p += strspn(p, " ");
	}
	return 1;
}

/* True when a and b are equal without their spaces, case folded: how
 * search_exact finds a name or code ("B e" for "be"). */
static int squeezed_equal(const char *a, const char *b)
{
	for (;; a++, b++) {
		a += strspn(a, " ");
		b += strspn(b, " ");
		if ((*a | 0x20) != (*b | 0x20))
			return 0;
		if (!*a)
			return 1;
	}
}

static int cmp_exp(const void *a, const void *b)
{
	const struct exp_hit *x = a, *y = b;

	if (x->exact != y->exact)
		return y->exact - x->exact;
	if (x->inactive != y->inactive)
		return x->inactive - y->inactive;
	if (x->cls != y->cls)
		return x->cls - y->cls;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Randomized accounts and contacts (names, codes, emails of a few letters,
 * some inactive): for prefixes and whole names, with a limit above every
 * match, the hits are exactly every matching record once, its best field,
 * in the documented order, each showing its own number, title and detail;
 * and a smaller limit gives the first hits of that order when only names
 * and codes of active records match ahead of it (no candidate cut). */
static void test_rank_matches_expected_order(void **state)
{
	enum { N_ACC = 60, N_CON = 90 };
	static char names[N_ACC + N_CON][32], codes[N_ACC][32], emails[N_CON][80];
	static int active[N_ACC + N_CON];
	static struct exp_hit exp[N_ACC + N_CON];
	char path[256], sql[1024], w1[8], w2[8];
	struct store *s = test_store_new(path, MODEL_B2B);
	unsigned seed = 20261123;
	(void)state;

	for (int i = 0; i < N_ACC + N_CON; i++) {
		random_word(w1, sizeof w1, &seed);
		random_word(w2, sizeof w2, &seed);
		if (rand_r(&seed) % 3)
			snprintf(names[i], sizeof names[i], "%s %s", w1, w2);
		else
			snprintf(names[i], sizeof names[i], "%s", w1);
		names[i][0] = (char)(names[i][0] & ~0x20); /* "Bode de" */
		active[i] = rand_r(&seed) % 4 != 0;
	}
	for (int i = 0; i < N_ACC; i++) {
		random_word(w1, sizeof w1, &seed);
		/* codes are unique: a word, 'x' and two letters of the index */
		snprintf(codes[i], sizeof codes[i], "%sx%c%c", w1, 'f' + i / 8, 'f' + i % 8);
		snprintf(sql, sizeof sql,
			 "INSERT INTO account(id, number, name, code, active) "
			 "VALUES (%d, 'N%07d', '%s', %s%s%s, %d)",
			 i + 1, i + 1, names[i], i % 2 ? "'" : "", i % 2 ? codes[i] : "NULL",
			 i % 2 ? "'" : "", active[i]);
		test_exec(s, sql);
	}
	for (int i = 0; i < N_CON; i++) {
		random_word(w1, sizeof w1, &seed);
		random_word(w2, sizeof w2, &seed);
		snprintf(emails[i], sizeof emails[i], "%s.%s@%s.ob", w1, w2, w2);
		snprintf(sql, sizeof sql,
			 "INSERT INTO contact(id, number, account_id, last_name, email, active) "
			 "VALUES (%d, 'N%07d', %d, '%.31s', '%.79s', %d)",
			 i + 1, N_ACC + i + 1, i % N_ACC + 1, names[N_ACC + i], emails[i],
			 active[N_ACC + i]);
		test_exec(s, sql);
	}

	for (int t = 0; t < 120; t++) {
		struct search_result r;
		char q[64];
		size_t ne = 0;

		if (t < 40) { /* one or two letters, as typed */
			q[0] = "bdeo"[t % 4];
			q[1] = t >= 4 ? "bdeo"[(t / 4) % 4] : '\0';
			q[2] = '\0';
		} else if (t < 80) { /* a whole name, lower case */
			snprintf(q, sizeof q, "%s", names[(t * 7) % (N_ACC + N_CON)]);
			for (char *c = q; *c; c++)
				*c = (char)(*c | 0x20);
		} else { /* a word and the start of the next */
			random_word(w1, sizeof w1, &seed);
			snprintf(q, sizeof q, "%s %c", w1, "bdeo"[t % 4]);
		}
		for (int i = 0; i < N_ACC + N_CON; i++) {
			int acc = i < N_ACC;
			const char *vals[2] = {names[i], acc ? (i % 2 ? codes[i] : NULL)
							      : emails[i - N_ACC]};
			const char *fields[2] = {"name", acc ? "code" : "email"};
			struct exp_hit best = {0};
			int found = 0;

			for (int f = 0; f < 2; f++) {
				struct exp_hit h = {0};

				if (!vals[f] || !(prefix_match(q, vals[f])
						  || ((acc || f == 0) && squeezed_equal(q, vals[f]))))
					continue;
				h.kind = acc ? SK_ACCOUNT : SK_CONTACT;
				h.id = acc ? i + 1 : i - N_ACC + 1;
				h.field = fields[f];
				snprintf(h.value, sizeof h.value, "%s", vals[f]);
				h.cls = !acc && f == 1;
				h.exact = !h.cls && strcasecmp(vals[f], q) == 0;
				h.inactive = !active[i];
				h.len = strlen(vals[f]);
				if (!found || cmp_exp(&h, &best) < 0)
					best = h;
				found = 1;
			}
			if (found)
				exp[ne++] = best;
		}
		qsort(exp, ne, sizeof *exp, cmp_exp);

		find(s, q, SEARCH_ALL_KINDS, 1000, &r);
		if (r.n != ne)
			fail_msg("'%s': %zu hits, expected %zu", q, r.n, ne);
		for (size_t i = 0; i < ne; i++) {
			const struct search_hit *h = &r.hits[i];
			int idx = exp[i].kind == SK_ACCOUNT ? (int)exp[i].id - 1
							    : N_ACC + (int)exp[i].id - 1;
			char number[24];

			snprintf(number, sizeof number, "N%07d", idx + 1);
			if (h->kind != exp[i].kind || h->id != exp[i].id
			    || strcmp(h->field, exp[i].field) != 0
			    || strcmp(h->matched, exp[i].value) != 0)
				fail_msg("'%s' hit %zu: %s %lld %s '%s', expected %s %lld %s '%s'", q,
					 i, search_kind_name(h->kind), (long long)h->id, h->field,
					 h->matched, search_kind_name(exp[i].kind), exp[i].id,
					 exp[i].field, exp[i].value);
			assert_string_equal(h->number, number);
			assert_string_equal(h->title, names[idx]);
			/* a contact shows its account; an account no parent nor phone */
			assert_string_equal(h->detail, exp[i].kind == SK_CONTACT
					    ? names[(exp[i].id - 1) % N_ACC] : "");
		}
		search_result_fini(&r);
	}
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_name_first_any_spelling),
		cmocka_unit_test(test_exact_name_first_among_many),
		cmocka_unit_test(test_long_prefix),
		cmocka_unit_test(test_exact_found_at_any_limit),
		cmocka_unit_test(test_full_number_first),
		cmocka_unit_test(test_accents_fold_both_ways),
		cmocka_unit_test(test_phone_formats),
		cmocka_unit_test(test_partial_email_and_serial),
		cmocka_unit_test(test_fts_syntax_is_text),
		cmocka_unit_test(test_index_sync_every_kind),
		cmocka_unit_test(test_rank_matches_expected_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
