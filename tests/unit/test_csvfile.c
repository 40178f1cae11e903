/* test_csvfile.c - the CSV reader and writer: RFC 4180 edge cases, line
 * numbers for messages, BOM, CRLF, bad UTF-8, malformed quoting. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/csvfile.h"

static char path[64];

static void write_file(const char *data, size_t len)
{
	FILE *f;
	snprintf(path, sizeof path, "/tmp/csm-csv-%ld.csv", (long)getpid());
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

#define WRITE(lit) write_file(lit, sizeof(lit) - 1)

static struct csv_in *open_ok(void)
{
	struct csm_error err = {0};
	struct csv_in *in = csv_in_open(path, &err);
	assert_non_null(in);
	return in;
}

static void test_quotes_newlines_and_lines(void **state)
{
	struct csv_in *in;
	const struct csv_row *r;
	struct csm_error err = {0};
	(void)state;

	WRITE("name,notes\r\n"
	      "\"Smith, John\",\"said \"\"hi\"\"\"\r\n"
	      "\"multi\nline\",x\n"
	      " spaced ,\"\"\n"
	      "\n"
	      "last,\xc3\xa9t\xc3\xa9\n");
	in = open_ok();
	assert_int_equal(csv_in_next(in, &r, &err), 1);
	assert_int_equal(r->line, 1);
	assert_int_equal(r->n, 2);
	assert_string_equal(r->fields[1], "notes");
	assert_int_equal(csv_in_next(in, &r, &err), 1);
	assert_int_equal(r->line, 2);
	assert_string_equal(r->fields[0], "Smith, John");
	assert_string_equal(r->fields[1], "said \"hi\"");
	assert_int_equal(csv_in_next(in, &r, &err), 1);
	assert_int_equal(r->line, 3);
	assert_string_equal(r->fields[0], "multi\nline");
	assert_int_equal(csv_in_next(in, &r, &err), 1);
	assert_int_equal(r->line, 5);
	assert_string_equal(r->fields[0], " spaced "); /* spaces are data */
	assert_string_equal(r->fields[1], "");
	assert_int_equal(csv_in_next(in, &r, &err), 1);
	assert_int_equal(r->line, 7); /* the blank line 6 is skipped */
	assert_string_equal(r->fields[1], "\xc3\xa9t\xc3\xa9");
	assert_int_equal(csv_in_next(in, &r, &err), 0);
	csv_in_free(&in);
	assert_null(in);
	unlink(path);
}

static void test_bom_and_no_final_newline(void **state)
{
	struct csv_in *in;
	const struct csv_row *r;
	struct csm_error err = {0};
	(void)state;

	WRITE("\xef\xbb\xbfnumber,name\nACCT1,Acme");
	in = open_ok();
	assert_int_equal(csv_in_next(in, &r, &err), 1);
	assert_string_equal(r->fields[0], "number");
	assert_int_equal(csv_in_next(in, &r, &err), 1);
	assert_int_equal(r->line, 2);
	assert_string_equal(r->fields[1], "Acme");
	assert_int_equal(csv_in_next(in, &r, &err), 0);
	csv_in_free(&in);
	unlink(path);
}

static void expect_error(const char *msg_part)
{
	struct csv_in *in = open_ok();
	const struct csv_row *r;
	struct csm_error err = {0};
	int rc;

	while ((rc = csv_in_next(in, &r, &err)) == 1)
		;
	assert_int_equal(rc, -1);
	if (!strstr(err.msg, msg_part))
		fail_msg("expected '%s' in '%s'", msg_part, err.msg);
	assert_int_equal(err.code, CSM_EX_DATAERR);
	csv_in_free(&in);
	unlink(path);
}

static void test_errors(void **state)
{
	char expect[128];
	(void)state;

	WRITE("a,b\nok,fine\nbad\"quote,x\n");
	snprintf(expect, sizeof expect, "%s:3: malformed CSV", path);
	expect_error(expect);

	WRITE("a,b\n\"never closed,x\nmore\n");
	snprintf(expect, sizeof expect, "%s:2: malformed CSV: a quoted field is never closed", path);
	expect_error(expect);

	WRITE("a,b\nok,caf\xe9\n");
	snprintf(expect, sizeof expect, "%s:2: column 2: invalid UTF-8", path);
	expect_error(expect);

	WRITE("a,b\n\"x\"y,z\n");
	expect_error(":2: malformed CSV");
}

static void test_missing_file(void **state)
{
	struct csm_error err = {0};
	(void)state;
	assert_null(csv_in_open("/nonexistent/x.csv", &err));
	assert_int_equal(err.code, CSM_EX_NOINPUT);
	assert_non_null(strstr(err.msg, "/nonexistent/x.csv: cannot open"));
}

static void test_writer_round_trip(void **state)
{
	const char *fields[] = {"plain", "with, comma", "with \"quote\"", "two\r\nlines", " pad ", NULL, "Zoë 山田"};
	char buf[512];
	FILE *f;
	struct csv_in *in;
	const struct csv_row *r;
	struct csm_error err = {0};
	size_t n;
	(void)state;

	f = fmemopen(buf, sizeof buf, "w");
	csv_put_row(f, fields, 7);
	fflush(f);
	n = (size_t)ftell(f);
	fclose(f);
	write_file(buf, n);
	in = open_ok();
	assert_int_equal(csv_in_next(in, &r, &err), 1);
	assert_int_equal(r->n, 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(r->fields[i], fields[i] ? fields[i] : "");
	csv_in_free(&in);
	unlink(path);
}

static void test_utf8_valid(void **state)
{
	size_t at = 99;
	(void)state;
	assert_true(utf8_valid("Łukasz Müller 山田 😀", strlen("Łukasz Müller 山田 😀"), NULL));
	assert_false(utf8_valid("ab\xc0\xaf", 4, &at)); /* overlong */
	assert_int_equal(at, 2);
	assert_false(utf8_valid("\xed\xa0\x80", 3, NULL)); /* surrogate */
	assert_false(utf8_valid("abc\xe6\x97", 5, &at));   /* truncated */
	assert_int_equal(at, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quotes_newlines_and_lines),
		cmocka_unit_test(test_bom_and_no_final_newline),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_writer_round_trip),
		cmocka_unit_test(test_utf8_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
