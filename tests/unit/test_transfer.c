/* test_transfer.c - import and export of the kinds the command-line tests
 * cannot reach: account relationships need relationship types, which only
 * the domain API makes (t-transfer.sh and t-roundtrip.sh cover the rest). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/customer.h"
#include "store/transfer.h"
#include "util/strbuf.h"

/* Collects the problems an import reports, one line each. */
static void collect(void *ctx, const char *msg)
{
	strbuf_addf(ctx, "%s\n", msg);
}

/* Writes text to a temporary CSV file and imports it as kind; returns the
 * import's result, the problems in *problems (owned) and the counts. */
static int import_text(struct store *s, const char *kind, const char *text, char **problems,
		       struct transfer_stats *st)
{
	char path[] = "/tmp/csm-test-transfer-XXXXXX";
	struct csm_error err = {0};
	struct strbuf sb;
	int fd = mkstemp(path), rc;
	FILE *f;

	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	strbuf_init(&sb);
	rc = store_import_csv(s, kind, path, false, collect, &sb, st, &err);
	unlink(path);
	*problems = strbuf_take(&sb);
	return rc;
}

/* The kind exported as CSV (owned). */
static char *export_text(struct store *s, const char *kind)
{
	struct csm_error err = {0};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(store_export(s, kind, EXPORT_CSV, f, &err), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void test_account_relationships(void **state)
{
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	struct csm_error err = {0};
	struct transfer_stats st;
	char *problems, *out;

	(void)state;
	assert_int_equal(import_text(s, "account", "number,name\n,Acme\n,Globex\n,Initech\n",
				     &problems, &st), 0);
	free(problems);
	assert_int_equal(domain_relationship_type_create(s, "supplier", "supplies", "is supplied by",
							 NULL, &err), 0);
	assert_int_equal(domain_relationship_type_create(s, "partner", "partner of", "has partner",
							 NULL, &err), 0);

	/* types by name; exported by from, to, type whatever the order in */
	assert_int_equal(import_text(s, "account_relationship",
				     "from,to,type\nACCT0000002,ACCT0000003,supplier\n"
				     "ACCT0000001,ACCT0000002,partner\n", &problems, &st), 0);
	assert_string_equal(problems, "");
	free(problems);
	assert_int_equal(st.inserted, 2);
	out = export_text(s, "account_relationship");
	assert_string_equal(out, "from,to,type\r\nACCT0000001,ACCT0000002,partner\r\n"
				 "ACCT0000002,ACCT0000003,supplier\r\n");

	/* the export read back changes nothing */
	assert_int_equal(import_text(s, "account_relationship", out, &problems, &st), 0);
	free(problems);
	free(out);
	assert_int_equal(st.unchanged, 2);
	assert_int_equal(st.inserted + st.updated, 0);

	/* an unknown type is not made: the known ones are named; an account is
	 * not related to itself; nothing is written */
	assert_int_equal(import_text(s, "account_relationship",
				     "from,to,type\nACCT0000001,ACCT0000003,partner\n"
				     "ACCT0000001,ACCT0000003,friend\nACCT0000003,ACCT0000003,partner\n",
				     &problems, &st), -1);
	assert_non_null(strstr(problems, ":3: no account relationship type \"friend\" (known types: "
					 "partner, supplier) (column \"type\")\n"));
	assert_non_null(strstr(problems, ":4: an account is not related to itself (ACCT0000003)\n"));
	free(problems);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM account_relationship"), 2);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM account_relationship_type"), 2);
	test_store_free(&s, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_account_relationships),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
