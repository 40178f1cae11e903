/* test_industry.c - the shipped industry templates, their parser and
 * writing a template's reference data into a database. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/domain.h"
#include "model/industry.h"
#include "util/embed.h"

static const char *const shipped[] = {
	"banking", "building_services", "medical_devices", "software_saas", "telecom", "utilities",
};
#define N_SHIPPED (sizeof shipped / sizeof shipped[0])

static void test_names_listed(void **state)
{
	char *joined;
	(void)state;

	assert_int_equal(industry_count(), N_SHIPPED);
	for (size_t i = 0; i < N_SHIPPED; i++)
		assert_string_equal(industry_name(i), shipped[i]);
	assert_null(industry_name(N_SHIPPED));
	joined = industry_names_joined();
	assert_string_equal(joined, "banking, building_services, medical_devices, software_saas, "
				    "telecom, utilities");
	free(joined);
}

static size_t count_tree(const struct industry_tree *t)
{
	size_t n = 1;
	for (size_t i = 0; i < t->n_children; i++)
		n += (size_t)t->children[i].count * count_tree(&t->children[i]);
	return n;
}

static void test_every_template_parses_with_every_section(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_SHIPPED; i++) {
		struct csm_error err = {0};
		struct industry *ind = industry_load(shipped[i], &err);
		bool hosts[3] = {false}, kinds[5] = {false}, listed = false, deep = false;
		size_t with_parent = 0;

		if (!ind)
			fail_msg("%s: %s", shipped[i], err.msg);
		assert_string_equal(ind->name, shipped[i]);
		assert_non_null(ind->title);
		assert_non_null(ind->description);
		assert_true(ind->n_location_types >= 5);
		assert_string_equal(ind->location_types[0], "country");
		assert_string_equal(ind->location_types[3], "site");
		assert_true(ind->n_products >= 10);
		assert_true(ind->n_characteristics >= 5);
		assert_true(ind->n_responsibilities >= 8);
		assert_true(ind->n_party_types >= 10);
		assert_true(ind->n_case_categories >= 5);
		assert_true(ind->n_resolution_codes >= 5);
		assert_true(ind->seed.n_site_names >= 3);
		assert_true(ind->seed.n_trees >= 3);
		assert_true(ind->seed.n_case_subjects >= 10);

		for (size_t p = 0; p < ind->n_products; p++) {
			with_parent += ind->products[p].parent != NULL;
			for (size_t q = 0; q < p; q++) {
				assert_string_not_equal(ind->products[p].model_number,
							ind->products[q].model_number);
				assert_string_not_equal(ind->products[p].name, ind->products[q].name);
			}
		}
		assert_true(with_parent >= 3);
		for (size_t c = 0; c < ind->n_characteristics; c++)
			for (size_t d = 0; d < c; d++)
				assert_string_not_equal(ind->characteristics[c].name,
							ind->characteristics[d].name);
		for (size_t c = 0; c < ind->n_case_categories; c++)
			for (size_t d = 0; d < c; d++)
				assert_string_not_equal(ind->case_categories[c], ind->case_categories[d]);
		for (size_t c = 0; c < ind->n_resolution_codes; c++)
			for (size_t d = 0; d < c; d++)
				assert_string_not_equal(ind->resolution_codes[c].code,
							ind->resolution_codes[d].code);
		/* Related parties: every host and every party kind is covered, and
		 * some types are listed only (no responsibility). */
		for (size_t t = 0; t < ind->n_party_types; t++) {
			const struct industry_party_type *pt = &ind->party_types[t];
			static const char *const h[] = {"case", "sold_product", "install_base_item"};
			static const char *const k[] = {"contact", "consumer", "user", "account",
							"service_organization"};
			for (size_t j = 0; j < 3; j++)
				hosts[j] |= !strcmp(pt->applies_to, h[j]);
			for (size_t j = 0; j < 5; j++)
				kinds[j] |= !strcmp(pt->party_kind, k[j]);
			listed |= pt->responsibility == NULL;
		}
		for (size_t j = 0; j < 3; j++)
			assert_true(hosts[j]);
		for (size_t j = 0; j < 5; j++)
			assert_true(kinds[j]);
		assert_true(listed);
		/* Install base shapes: some tree is three levels deep. */
		for (size_t t = 0; t < ind->seed.n_trees; t++) {
			const struct industry_tree *tr = &ind->seed.trees[t];
			assert_non_null(industry_product_find(ind, tr->product));
			assert_true(tr->weight >= 1);
			for (size_t c = 0; c < tr->n_children; c++)
				deep |= tr->children[c].n_children > 0;
			assert_true(count_tree(tr) >= 1);
		}
		assert_true(deep);
		industry_free(&ind);
		assert_null(ind);
	}
}

static void test_unknown_industry(void **state)
{
	struct csm_error err = {0};
	char path[256];
	struct store *s = test_store_new(path, MODEL_B2B);
	(void)state;

	assert_null(industry_load("fishing", &err));
	assert_int_equal(err.code, CSM_EX_USAGE);
	assert_non_null(strstr(err.msg, "unknown industry 'fishing'"));
	assert_non_null(strstr(err.msg, "banking, building_services"));

	csm_error_clear(&err);
	assert_int_equal(domain_setup_database(s, MODEL_B2C, "fishing", &err), -1);
	assert_int_equal(err.code, CSM_EX_USAGE);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM product"), 0);
	assert_int_equal(test_query_int(s, "SELECT count(*) FROM setting WHERE key = 'industry'"), 0);
	assert_int_equal(store_txn_depth(s), 0);
	test_store_free(&s, path);
}

static void report_problem(void *ctx, const char *what)
{
	(void)ctx;
	print_error("check: %s\n", what);
}

static void test_apply_writes_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_SHIPPED; i++) {
		struct csm_error err = {0};
		char path[256];
		struct store *s = test_store_new(path, MODEL_B2B);
		struct industry *ind = industry_load(shipped[i], &err);
		size_t parents = 0, listed = 0;
		char *v;

		assert_non_null(ind);
		if (domain_setup_database(s, MODEL_B2B2C, shipped[i], &err) < 0)
			fail_msg("%s: %s", shipped[i], err.msg);
		for (size_t p = 0; p < ind->n_products; p++)
			parents += ind->products[p].parent != NULL;
		for (size_t t = 0; t < ind->n_party_types; t++)
			listed += ind->party_types[t].responsibility == NULL;
		assert_int_equal(test_query_int(s, "SELECT count(*) FROM location_type"),
				 ind->n_location_types);
		assert_int_equal(test_query_int(s, "SELECT sort_order FROM location_type"
						   " WHERE name = 'site'"), 4);
		assert_int_equal(test_query_int(s, "SELECT count(*) FROM product"), ind->n_products);
		assert_int_equal(test_query_int(s, "SELECT count(*) FROM product"
						   " WHERE parent_id IS NOT NULL"), parents);
		assert_int_equal(test_query_int(s, "SELECT count(*) FROM responsibility"),
				 ind->n_responsibilities);
		assert_int_equal(test_query_int(s, "SELECT count(*) FROM related_party_type"),
				 ind->n_party_types);
		assert_int_equal(test_query_int(s, "SELECT count(*) FROM related_party_type"
						   " WHERE responsibility_id IS NULL"), listed);
		assert_int_equal(test_query_int(s, "SELECT count(*) FROM case_category"),
				 ind->n_case_categories);
		assert_int_equal(test_query_int(s, "SELECT count(*) FROM resolution_code"),
				 ind->n_resolution_codes);
		assert_int_equal(test_query_int(s, "SELECT count(*) FROM characteristic_def"),
				 ind->n_characteristics);
		v = test_query_text(s, "SELECT value FROM setting WHERE key = 'industry'");
		assert_string_equal(v, shipped[i]);
		free(v);
		v = test_query_text(s, "SELECT value FROM setting WHERE key = 'business_model'");
		assert_string_equal(v, "b2b2c");
		free(v);
		/* A second setup collides with the rows and changes nothing. */
		assert_int_equal(domain_setup_database(s, MODEL_B2C, shipped[i], &err), -1);
		assert_non_null(strstr(err.msg, ".yaml: location type"));
		v = test_query_text(s, "SELECT value FROM setting WHERE key = 'business_model'");
		assert_string_equal(v, "b2b2c");
		free(v);
		assert_int_equal(store_check(s, report_problem, NULL, &err), 0);
		industry_free(&ind);
		test_store_free(&s, path);
	}
}

/* A minimal valid template; the broken cases below change one line. */
static const char good[] =
	"name: tiny\n"
	"title: Tiny\n"
	"description: A tiny template\n"
	"location_types: [country, region, city, site]\n"
	"products:\n"
	"  - {name: Box, model_number: BX-1, kind: hardware, category: box, manufacturer: Acme}\n"
	"  - {name: Lid, model_number: LD-1, kind: hardware, category: box, manufacturer: Acme, parent: BX-1}\n"
	"characteristics:\n"
	"  - {name: colour, label: Colour, category: box, values: [red, blue]}\n"
	"responsibilities:\n"
	"  - {name: Authorized Representative, grants_access: true}\n"
	"  - {name: Authorized Account, grants_access: true}\n"
	"  - {name: Authorized Service Organization, grants_access: true}\n"
	"  - {name: Account Manager, grants_access: true}\n"
	"  - {name: Relationship Manager, grants_access: true}\n"
	"  - {name: Support Manager, grants_access: true}\n"
	"  - {name: Primary Support Agent, grants_access: true}\n"
	"  - {name: Preferred Technician, grants_access: true}\n"
	"related_party_types:\n"
	"  - {name: Rep, applies_to: case, party_kind: contact, responsibility: Authorized Representative}\n"
	"  - {name: Watcher, applies_to: case, party_kind: user, responsibility: none}\n"
	"case_categories: [Fault]\n"
	"resolution_codes:\n"
	"  - {code: fixed, label: Fixed}\n"
	"seed:\n"
	"  site_names: [\"{city} site\"]\n"
	"  install_base:\n"
	"    - product: BX-1\n"
	"      name: Box {n}\n"
	"      children:\n"
	"        - {product: LD-1, name: Lid, count: 2}\n"
	"  case_subjects: [Broken]\n";

/* Parses good with the line starting with `from` replaced by `to`; expects
 * failure with a message that starts with `expect`. */
static void expect_broken(const char *from, const char *to, const char *expect)
{
	struct csm_error err = {0};
	struct industry *ind;
	char text[sizeof good + 512];
	const char *at = strstr(good, from);
	const char *eol;

	assert_non_null(at);
	eol = strchr(at, '\n');
	snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, to, eol);
	ind = industry_parse("broken.yaml", text, strlen(text), &err);
	if (ind)
		fail_msg("parsed although '%s' became '%s'", from, to);
	if (strncmp(err.msg, expect, strlen(expect)) != 0)
		fail_msg("expected '%s...', got '%s'", expect, err.msg);
}

static void test_parse_good_snippet(void **state)
{
	struct csm_error err = {0};
	struct industry *ind = industry_parse("tiny.yaml", good, strlen(good), &err);
	(void)state;

	if (!ind)
		fail_msg("%s", err.msg);
	assert_int_equal(ind->n_products, 2);
	assert_string_equal(ind->products[1].parent, "BX-1");
	assert_int_equal(ind->products[1].mark.line, 7);
	assert_int_equal(ind->products[1].mark.col, 5);
	assert_null(ind->party_types[1].responsibility); /* "none" */
	assert_int_equal(ind->seed.trees[0].count, 1);   /* defaults */
	assert_int_equal(ind->seed.trees[0].weight, 1);
	assert_int_equal(ind->seed.trees[0].children[0].count, 2);
	assert_int_equal(ind->characteristics[0].n_values, 2);
	industry_free(&ind);
}

static void test_broken_snippets_name_line_and_column(void **state)
{
	(void)state;
	expect_broken("title:", "titel: Tiny", "broken.yaml:2:1: template: unknown key 'titel'");
	expect_broken("  - {name: Box,",
		      "  - {name: Box, model_number: BX-1, kind: gadget, category: box, manufacturer: Acme}",
		      "broken.yaml:6:5: products: kind 'gadget'");
	expect_broken("  - {name: Lid,",
		      "  - {name: Lid, model_number: LD-1, kind: hardware, category: box, manufacturer: Acme, parent: XX}",
		      "broken.yaml:7:5: products: parent 'XX'");
	expect_broken("  - {name: Lid,", "  - {name: Lid, model_number: LD-1, kind: hardware}",
		      "broken.yaml:7:5: products: 'category' is missing");
	expect_broken("  - {name: Rep,",
		      "  - {name: Rep, applies_to: case, party_kind: contact, responsibility: Boss}",
		      "broken.yaml:20:5: related_party_types: responsibility 'Boss' is not defined");
	expect_broken("  - {name: Account Manager,", "  - {name: Account Mgr, grants_access: true}",
		      "broken.yaml:1:1: responsibilities: 'Account Manager' is missing");
	expect_broken("  - {name: Account Manager,", "  - {name: Account Manager, grants_access: maybe}",
		      "broken.yaml:14:44: grants_access: expected true or false");
	expect_broken("case_categories:", "case_categories: []", "broken.yaml:22:18: case_categories: the list is empty");
	expect_broken("case_categories:", "case_categories: [Fault",
		      "broken.yaml:23:17: did not find expected ',' or ']'");
	expect_broken("        - {product: LD-1,", "        - {product: ZZ-9, name: Lid}",
		      "broken.yaml:31:11: install_base: no product with model_number 'ZZ-9'");
	expect_broken("resolution_codes:", "resolution_codess:",
		      "broken.yaml:23:1: template: unknown key 'resolution_codess'");
}

static void test_missing_section(void **state)
{
	struct csm_error err = {0};
	const char *cut = strstr(good, "case_categories:");
	char text[sizeof good];
	(void)state;

	/* Drop everything from case_categories on: three sections go missing. */
	snprintf(text, sizeof text, "%.*s", (int)(cut - good), good);
	assert_null(industry_parse("cut.yaml", text, strlen(text), &err));
	assert_string_equal(err.msg, "cut.yaml:1:1: template: 'case_categories' is missing");
	assert_null(industry_parse("empty.yaml", "", 0, &err));
	assert_string_equal(err.msg, "empty.yaml:1:1: the template is empty");
	assert_null(industry_parse("list.yaml", "- a\n- b\n", 8, &err));
	assert_non_null(strstr(err.msg, "list.yaml:1:1: template: expected a mapping"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_listed),
		cmocka_unit_test(test_every_template_parses_with_every_section),
		cmocka_unit_test(test_unknown_industry),
		cmocka_unit_test(test_apply_writes_rows),
		cmocka_unit_test(test_parse_good_snippet),
		cmocka_unit_test(test_broken_snippets_name_line_and_column),
		cmocka_unit_test(test_missing_section),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
