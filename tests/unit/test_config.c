/* test_config.c - the YAML config: defaults, every key, path expansion, the
 * lookup order, and every kind of error message compared exactly.  The bad
 * files are in tests/fixtures/config/ ($FIXTURES/config). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

/* $FIXTURES/config/name, owned. */
static char *fixture(const char *name)
{
	const char *dir = getenv("FIXTURES");

	assert_non_null(dir);
	return xasprintf("%s/config/%s", dir, name);
}

/* $SRCDIR/rel, owned. */
static char *srcfile(const char *rel)
{
	const char *dir = getenv("SRCDIR");

	assert_non_null(dir);
	return xasprintf("%s/%s", dir, rel);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Replaces every "@" of tmpl with path; owned. */
static char *with_path(const char *tmpl, const char *path)
{
	size_t n = 1;
	char *out, *o;

	for (const char *p = tmpl; *p; p++)
		n += *p == '@' ? strlen(path) : 1;
	o = out = xmalloc(n);
	for (const char *p = tmpl; *p; p++) {
		if (*p == '@') {
			memcpy(o, path, strlen(path));
			o += strlen(path);
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

/* Everything the built-in defaults promise. */
static void assert_defaults(const struct csm_config *cfg)
{
	static const char *const channels[] = {"phone", "email", "web", "chat", "walk-in"};

	assert_int_equal(cfg->model, MODEL_B2B);
	assert_null(cfg->database);
	assert_string_equal(cfg->industry, "telecom");
	assert_int_equal(cfg->cases.n_channels, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(cfg->cases.channels[i], channels[i]);
	assert_string_equal(cfg->cases.default_channel, "phone");
	assert_int_equal(cfg->cases.default_priority, 4);
	assert_int_equal(cfg->cases.n_resolution_codes, 0);
	assert_string_equal(cfg->prefixes.cases, "CS");
	assert_string_equal(cfg->prefixes.account, "ACCT");
	assert_string_equal(cfg->prefixes.contact, "CT");
	assert_string_equal(cfg->prefixes.consumer, "CON");
	assert_string_equal(cfg->prefixes.household, "HOLD");
	assert_string_equal(cfg->prefixes.sold_product, "SP");
	assert_string_equal(cfg->prefixes.install_base, "IB");
	assert_string_equal(cfg->prefixes.contract, "CNTR");
	assert_string_equal(cfg->prefixes.service_org, "SO");
	assert_string_equal(cfg->prefixes.task, "TASK");
	assert_int_equal(cfg->ui.color, UI_COLOR_AUTO);
	assert_false(cfg->ui.mouse);
	assert_int_equal(cfg->ui.n_keys, 0);
	assert_null(cfg->source);
}

/* Loads fixture name over the defaults, expects failure with exactly the
 * message tmpl (every "@" stands for the fixture's path), and checks that
 * nothing of the file was applied. */
static void expect_errors(const char *name, const char *tmpl)
{
	char *path = fixture(name), *want = with_path(tmpl, path);
	struct csm_config cfg;
	struct csm_error err = {0};

	config_init(&cfg);
	assert_int_equal(config_load_file(&cfg, path, &err), -1);
	assert_int_equal(err.code, CSM_EX_CONFIG);
	if (strcmp(err.msg, want) != 0)
		fail_msg("%s:\nexpected:\n%s\nactual:\n%s", name, want, err.msg);
	assert_defaults(&cfg);
	config_fini(&cfg);
	free(want);
	free(path);
}

static void test_defaults(void **state)
{
	struct csm_config cfg;
	(void)state;

	config_init(&cfg);
	assert_defaults(&cfg);
	config_fini(&cfg);
	/* fini leaves a config that can be initialised again */
	config_init(&cfg);
	assert_defaults(&cfg);
	config_fini(&cfg);
}

static void test_every_key_parsed(void **state)
{
	char *path = fixture("full.yaml");
	struct csm_config cfg;
	struct csm_error err = {0};
	(void)state;

	setenv("CSM_TEST_HOME", "/home/tester", 1);
	setenv("CSM_TEST_NAME", "support", 1);
	config_init(&cfg);
	if (config_load_file(&cfg, path, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(cfg.model, MODEL_B2B2C);
	assert_string_equal(cfg.database, "/home/tester/data/support.db");
	assert_string_equal(cfg.industry, "medical_devices");
	assert_int_equal(cfg.cases.n_channels, 3);
	assert_string_equal(cfg.cases.channels[0], "web");
	assert_string_equal(cfg.cases.channels[1], "email");
	assert_string_equal(cfg.cases.channels[2], "walk-in");
	assert_string_equal(cfg.cases.default_channel, "email");
	assert_int_equal(cfg.cases.default_priority, 2);
	assert_int_equal(cfg.cases.n_resolution_codes, 2);
	assert_string_equal(cfg.cases.resolution_codes[0].code, "fixed");
	assert_string_equal(cfg.cases.resolution_codes[0].label, "Fixed by support");
	assert_string_equal(cfg.cases.resolution_codes[1].code, "replaced-unit");
	assert_string_equal(cfg.cases.resolution_codes[1].label, "Unit replaced on site");
	assert_string_equal(cfg.prefixes.cases, "INC");
	assert_string_equal(cfg.prefixes.account, "ACC");
	assert_string_equal(cfg.prefixes.contact, "PER");
	assert_string_equal(cfg.prefixes.consumer, "PAT");
	assert_string_equal(cfg.prefixes.household, "FAM");
	assert_string_equal(cfg.prefixes.sold_product, "SOLD");
	assert_string_equal(cfg.prefixes.install_base, "DEV");
	assert_string_equal(cfg.prefixes.contract, "AGR");
	assert_string_equal(cfg.prefixes.service_org, "ORG");
	assert_string_equal(cfg.prefixes.task, "T");
	assert_int_equal(cfg.ui.color, UI_COLOR_ALWAYS);
	assert_true(cfg.ui.mouse);
	assert_int_equal(cfg.ui.n_keys, 3);
	assert_string_equal(cfg.ui.keys[0].keymap, "global");
	assert_string_equal(cfg.ui.keys[0].action, "quit");
	assert_string_equal(cfg.ui.keys[0].keys, "q Q");
	assert_int_equal(cfg.ui.keys[0].line, 29);
	assert_int_equal(cfg.ui.keys[0].column, 7);
	assert_int_equal(cfg.ui.keys[0].keys_line, 29);
	assert_int_equal(cfg.ui.keys[0].keys_column, 13);
	assert_string_equal(cfg.ui.keys[1].action, "help");
	assert_string_equal(cfg.ui.keys[1].keys, "F1");
	assert_string_equal(cfg.ui.keys[2].keymap, "case");
	assert_string_equal(cfg.ui.keys[2].action, "save");
	assert_string_equal(cfg.ui.keys[2].keys, "C-s");
	assert_int_equal(cfg.ui.keys[2].line, 32);
	assert_int_equal(cfg.ui.keys[2].column, 7);
	assert_string_equal(cfg.source, path);
	config_fini(&cfg);
	free(path);
}

static void test_empty_file_is_defaults(void **state)
{
	const char *names[] = {"empty.yaml", "comments-only.yaml"};
	(void)state;

	for (size_t i = 0; i < 2; i++) {
		char *path = fixture(names[i]);
		struct csm_config cfg;
		struct csm_error err = {0};

		config_init(&cfg);
		assert_int_equal(config_load_file(&cfg, path, &err), 0);
		assert_string_equal(cfg.source, path);
		free(cfg.source);
		cfg.source = NULL;
		assert_defaults(&cfg);
		config_fini(&cfg);
		free(path);
	}
}

static void test_load_over_keeps_other_keys(void **state)
{
	char *full = fixture("full.yaml"), tmp[] = "/tmp/csm-config-XXXXXX";
	int fd = mkstemp(tmp);
	struct csm_config cfg;
	struct csm_error err = {0};
	(void)state;

	assert_true(fd >= 0);
	close(fd);
	write_file(tmp, "ui:\n  color: never\n");
	setenv("CSM_TEST_HOME", "/h", 1);
	setenv("CSM_TEST_NAME", "n", 1);
	config_init(&cfg);
	assert_int_equal(config_load_file(&cfg, full, &err), 0);
	assert_int_equal(config_load_file(&cfg, tmp, &err), 0);
	assert_int_equal(cfg.ui.color, UI_COLOR_NEVER);
	assert_true(cfg.ui.mouse);
	assert_string_equal(cfg.industry, "medical_devices");
	assert_int_equal(cfg.ui.n_keys, 3);
	assert_string_equal(cfg.source, tmp);
	config_fini(&cfg);
	unlink(tmp);
	free(full);
}

static void test_failed_load_leaves_config_alone(void **state)
{
	char *full = fixture("full.yaml"), *bad = fixture("several.yaml");
	struct csm_config cfg;
	struct csm_error err = {0};
	(void)state;

	setenv("CSM_TEST_HOME", "/h", 1);
	setenv("CSM_TEST_NAME", "n", 1);
	config_init(&cfg);
	assert_int_equal(config_load_file(&cfg, full, &err), 0);
	assert_int_equal(config_load_file(&cfg, bad, &err), -1);
	/* several.yaml sets business_model, industry, database, prefixes, color
	 * correctly; none of it may have been applied */
	assert_int_equal(cfg.model, MODEL_B2B2C);
	assert_string_equal(cfg.industry, "medical_devices");
	assert_string_equal(cfg.database, "/h/data/n.db");
	assert_string_equal(cfg.prefixes.cases, "INC");
	assert_int_equal(cfg.cases.n_channels, 3);
	assert_int_equal(cfg.ui.color, UI_COLOR_ALWAYS);
	assert_string_equal(cfg.source, full);
	config_fini(&cfg);
	free(full);
	free(bad);
}

static void test_expand_path(void **state)
{
	char *s;
	(void)state;

	setenv("HOME", "/home/ann", 1);
	setenv("CSM_T", "/data", 1);
	setenv("CSM_EMPTY", "", 1);
	unsetenv("CSM_NOT_SET");
	s = config_expand_path("~");
	assert_string_equal(s, "/home/ann");
	free(s);
	s = config_expand_path("~/csm/csm.db");
	assert_string_equal(s, "/home/ann/csm/csm.db");
	free(s);
	s = config_expand_path("$CSM_T/csm/csm.db");
	assert_string_equal(s, "/data/csm/csm.db");
	free(s);
	s = config_expand_path("${CSM_T}x/$CSM_T.db");
	assert_string_equal(s, "/datax//data.db");
	free(s);
	s = config_expand_path("/a/$CSM_EMPTY/b");
	assert_string_equal(s, "/a//b");
	free(s);
	/* a $ not followed by a name is itself; ~ in the middle too */
	s = config_expand_path("/cost$/5$1/a~b");
	assert_string_equal(s, "/cost$/5$1/a~b");
	free(s);
	assert_null(config_expand_path("$CSM_NOT_SET/x"));
	assert_null(config_expand_path("${CSM_NOT_SET}"));
	assert_null(config_expand_path("${CSM_T"));
	assert_null(config_expand_path("${}"));
	assert_null(config_expand_path("~bob/x"));
	unsetenv("HOME");
	assert_null(config_expand_path("~/x"));
	setenv("HOME", "/home/ann", 1);
}

/* A temporary tree for the lookup order: dir/explicit.yaml, dir/env.yaml,
 * dir/xdg/csm/config.yaml and dir/home/.config/csm/config.yaml, each with a
 * different industry so that the test sees which one was read. */
struct tree {
	char dir[64];
	char *explicit_, *env, *xdg, *xdg_file, *home, *home_file;
};

static void tree_new(struct tree *t)
{
	char *d;

	snprintf(t->dir, sizeof t->dir, "/tmp/csm-lookup-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	t->explicit_ = xasprintf("%s/explicit.yaml", t->dir);
	t->env = xasprintf("%s/env.yaml", t->dir);
	t->xdg = xasprintf("%s/xdg", t->dir);
	t->xdg_file = xasprintf("%s/xdg/csm/config.yaml", t->dir);
	t->home = xasprintf("%s/home", t->dir);
	t->home_file = xasprintf("%s/home/.config/csm/config.yaml", t->dir);
	write_file(t->explicit_, "industry: banking\n");
	write_file(t->env, "industry: utilities\n");
	mkdir(t->xdg, 0700);
	d = xasprintf("%s/csm", t->xdg);
	mkdir(d, 0700);
	free(d);
	write_file(t->xdg_file, "industry: software_saas\n");
	mkdir(t->home, 0700);
	d = xasprintf("%s/.config", t->home);
	mkdir(d, 0700);
	free(d);
	d = xasprintf("%s/.config/csm", t->home);
	mkdir(d, 0700);
	free(d);
	write_file(t->home_file, "industry: building_services\n");
}

static void tree_free(struct tree *t)
{
	char *cmd = xasprintf("rm -rf '%s'", t->dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(t->explicit_);
	free(t->env);
	free(t->xdg);
	free(t->xdg_file);
	free(t->home);
	free(t->home_file);
}

/* config_load() with the environment as it is; checks industry and source
 * (NULL for both = the defaults). */
static void expect_lookup(const char *explicit_path, const char *industry, const char *source)
{
	struct csm_config cfg;
	struct csm_error err = {0};

	config_init(&cfg);
	if (config_load(&cfg, explicit_path, &err) < 0)
		fail_msg("%s", err.msg);
	assert_string_equal(cfg.industry, industry ? industry : "telecom");
	if (source)
		assert_string_equal(cfg.source, source);
	else
		assert_null(cfg.source);
	config_fini(&cfg);
}

static void expect_lookup_error(const char *explicit_path, const char *msg)
{
	struct csm_config cfg;
	struct csm_error err = {0};

	config_init(&cfg);
	assert_int_equal(config_load(&cfg, explicit_path, &err), -1);
	assert_int_equal(err.code, CSM_EX_CONFIG);
	assert_string_equal(err.msg, msg);
	assert_defaults(&cfg);
	config_fini(&cfg);
}

static void test_lookup_order(void **state)
{
	struct tree t;
	char *missing, *msg;
	(void)state;

	tree_new(&t);
	setenv("HOME", t.home, 1);
	setenv("XDG_CONFIG_HOME", t.xdg, 1);
	setenv("CSM_CONFIG", t.env, 1);
	/* --config wins over everything, then $CSM_CONFIG, then XDG, then ~ */
	expect_lookup(t.explicit_, "banking", t.explicit_);
	expect_lookup(NULL, "utilities", t.env);
	setenv("CSM_CONFIG", "", 1);   /* empty counts as unset */
	expect_lookup(NULL, "software_saas", t.xdg_file);
	unsetenv("CSM_CONFIG");
	expect_lookup(NULL, "software_saas", t.xdg_file);
	unsetenv("XDG_CONFIG_HOME");
	expect_lookup(NULL, "building_services", t.home_file);
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);  /* ignored, as XDG says */
	expect_lookup(NULL, "building_services", t.home_file);
	/* an XDG directory without the file: the defaults, not ~/.config */
	setenv("XDG_CONFIG_HOME", t.dir, 1);
	expect_lookup(NULL, NULL, NULL);
	unlink(t.home_file);
	unsetenv("XDG_CONFIG_HOME");
	expect_lookup(NULL, NULL, NULL);

	/* a named file that is missing is an error, never the defaults */
	missing = xasprintf("%s/missing.yaml", t.dir);
	msg = xasprintf("%s: cannot read the config: No such file or directory", missing);
	expect_lookup_error(missing, msg);
	free(msg);
	setenv("CSM_CONFIG", missing, 1);
	msg = xasprintf("%s: cannot read the config named by CSM_CONFIG: No such file or directory",
			missing);
	expect_lookup_error(NULL, msg);
	free(msg);
	/* and a bad file found by the lookup is an error too */
	setenv("CSM_CONFIG", t.env, 1);
	write_file(t.env, "industry: retail\n");
	msg = xasprintf("%s:1:11: industry: expected one of banking, telecom, medical_devices, "
			"building_services, software_saas, utilities, got \"retail\"", t.env);
	expect_lookup_error(NULL, msg);
	free(msg);
	unsetenv("CSM_CONFIG");
	free(missing);
	tree_free(&t);
}

static void test_syntax_errors(void **state)
{
	(void)state;
	expect_errors("syntax-flow.yaml",
		      "@:4:19: invalid YAML: did not find expected ',' or ']' "
		      "(while parsing a flow sequence at 3:13)\n"
		      "  default_priority: 2\n"
		      "                  ^");
	expect_errors("syntax-colon.yaml",
		      "@:3:15: invalid YAML: mapping values are not allowed in this context\n"
		      "  color: never: ever\n"
		      "              ^");
	/* the caret line keeps tabs so that it lines up in the terminal */
	expect_errors("syntax-tab.yaml",
		      "@:2:1: invalid YAML: found character that cannot start any token "
		      "(while scanning for the next token)\n"
		      "\tmouse: true\n"
		      "^");
}

static void test_unknown_keys(void **state)
{
	(void)state;
	expect_errors("unknown-key.yaml",
		      "@:5:3: unknown key \"colour\" in ui (expected one of: color, mouse, keys); "
		      "did you mean \"color\"?");
	expect_errors("unknown-top.yaml",
		      "@:1:1: unknown key \"frobnicate\" at the top level (expected one of: "
		      "business_model, database, industry, cases, record_numbers, ui)\n"
		      "@:2:1: unknown key \"databse\" at the top level (expected one of: "
		      "business_model, database, industry, cases, record_numbers, ui); "
		      "did you mean \"database\"?");
}

static void test_wrong_types(void **state)
{
	(void)state;
	expect_errors("wrong-type.yaml",
		      "@:1:8: cases: expected a mapping of case settings, got a list\n"
		      "@:4:5: ui.color: expected one of auto, always, never, got a mapping\n"
		      "@:5:10: ui.mouse: expected true or false, got a list\n"
		      "@:6:17: record_numbers: expected a mapping of prefixes, got \"CS\"");
	expect_errors("top-list.yaml",
		      "@:1:1: expected a mapping of keys at the top level, got a list");
	expect_errors("keys-bad.yaml",
		      "@:3:13: ui.keys.global: expected a mapping of action: keys, got \"q\"\n"
		      "@:5:13: ui.keys.case: expected keys for \"save\" such as \"n C-n F5\", got \"\"\n"
		      "@:6:16: ui.keys.case: expected keys for \"resolve\" such as \"n C-n F5\", "
		      "got a list");
}

static void test_bad_values(void **state)
{
	(void)state;
	expect_errors("bad-enum.yaml",
		      "@:1:17: business_model: expected one of b2b, b2c, b2b2c, got \"b2x\"\n"
		      "@:2:11: industry: expected one of banking, telecom, medical_devices, "
		      "building_services, software_saas, utilities, got \"retail\"\n"
		      "@:4:10: ui.color: expected one of auto, always, never, got \"sometimes\"\n"
		      "@:6:20: cases.default_channel: expected one of phone, email, web, chat, "
		      "walk-in, got \"fax\"");
	expect_errors("bad-priority.yaml",
		      "@:3:21: cases.default_priority: expected an integer from 1 to 4, "
		      "got \"urgent\"");
	expect_errors("bad-priority-range.yaml",
		      "@:1:27: cases.default_priority: expected an integer from 1 to 4, got \"5\"");
	expect_errors("channels-bad.yaml",
		      "@:2:21: cases.channels: channel \"email\" is listed twice\n"
		      "@:2:28: cases.channels: expected a channel (phone, email, web, chat or "
		      "walk-in), got a mapping");
	expect_errors("channel-default.yaml",
		      "@:2:13: cases.channels: the default channel \"phone\" is not in the list "
		      "(email, web); add it or set cases.default_channel");
	expect_errors("channel-default2.yaml",
		      "@:3:20: cases.default_channel: expected one of cases.channels (email, web), "
		      "got \"chat\"");
	expect_errors("codes-bad.yaml",
		      "@:5:13: cases.resolution_codes: expected a code of a-z, 0-9, _ and -, "
		      "got \"Not Fixed\"\n"
		      "@:7:7: cases.resolution_codes: code \"fixed\" is listed twice (first at line 3)\n"
		      "@:9:7: cases.resolution_codes: entry without \"label\" (expected code and "
		      "label)\n"
		      "@:11:7: unknown key \"colour\" in a cases.resolution_codes entry (expected one "
		      "of: code, label)\n"
		      "@:10:7: cases.resolution_codes: entry without \"code\" (expected code and "
		      "label)\n"
		      "@:12:7: cases.resolution_codes: expected a list of {code, label} mappings, "
		      "got \"just-a-string\"");
	unsetenv("CSM_TEST_SURELY_UNSET");
	expect_errors("path-unset.yaml",
		      "@:1:11: database: cannot expand \"$CSM_TEST_SURELY_UNSET/csm.db\": "
		      "$CSM_TEST_SURELY_UNSET is not set in the environment");
	expect_errors("path-brace.yaml",
		      "@:1:11: database: cannot expand \"${CSM_TEST_HOME/csm.db\": \"${\" must be "
		      "followed by a variable name and \"}\"");
}

static void test_duplicates_and_documents(void **state)
{
	(void)state;
	expect_errors("duplicate.yaml",
		      "@:4:3: duplicate key \"mouse\" in ui (first given at line 3)\n"
		      "@:5:1: duplicate key \"industry\" at the top level (first given at line 1)");
	expect_errors("two-docs.yaml",
		      "@:3:1: a second YAML document; csm reads one (remove the \"---\")");
}

static void test_all_errors_collected(void **state)
{
	(void)state;
	expect_errors("several.yaml",
		      "@:6:21: cases.channels: expected a channel (phone, email, web, chat or "
		      "walk-in), got \"fax\"\n"
		      "@:7:21: cases.default_priority: expected an integer from 1 to 4, got \"0\"\n"
		      "@:10:12: record_numbers.account: expected 1 to 8 capital letters A-Z, "
		      "got \"acct\"\n"
		      "@:11:9: record_numbers.task: expected 1 to 8 capital letters A-Z, "
		      "got \"TOOLONGPREFIX\"\n"
		      "@:14:10: ui.mouse: expected true or false, got \"maybe\"");
}

static void test_many_errors_truncated(void **state)
{
	char *path = fixture("too-many.yaml"), *first, *last;
	struct csm_config cfg;
	struct csm_error err = {0};
	int lines = 1;
	(void)state;

	config_init(&cfg);
	assert_int_equal(config_load_file(&cfg, path, &err), -1);
	first = xasprintf("%s:1:1: unknown key \"unknown_key_number_00\" at the top level", path);
	assert_memory_equal(err.msg, first, strlen(first));
	for (const char *p = err.msg; *p; p++)
		lines += *p == '\n';
	/* 40 errors: the shown ones and the count of the others add up */
	last = xasprintf("\n(%d more errors not shown)", 40 - (lines - 1));
	assert_true(lines > 2);
	assert_string_equal(err.msg + strlen(err.msg) - strlen(last), last);
	assert_defaults(&cfg);
	config_fini(&cfg);
	free(first);
	free(last);
	free(path);
}

static void test_shipped_configs(void **state)
{
	const struct {
		const char *file;
		enum business_model model;
	} shipped[] = {
		{"config/b2b.yaml", MODEL_B2B},
		{"config/b2c.yaml", MODEL_B2C},
		{"config/b2b2c.yaml", MODEL_B2B2C},
	};
	(void)state;

	setenv("HOME", "/home/ann", 1);
	setenv("XDG_DATA_HOME", "/home/ann/.local/share", 1);
	for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
		char *path = srcfile(shipped[i].file);
		struct csm_config cfg;
		struct csm_error err = {0};

		config_init(&cfg);
		if (config_load_file(&cfg, path, &err) < 0)
			fail_msg("%s", err.msg);
		assert_int_equal(cfg.model, shipped[i].model);
		assert_non_null(cfg.database);
		assert_true(cfg.cases.n_resolution_codes > 0);
		assert_true(cfg.ui.n_keys > 0);
		config_fini(&cfg);
		free(path);
	}
}

static void test_man_page_documents_every_key(void **state)
{
	char *path = srcfile("man/csm.yaml.5"), *text;
	const char *key, *def, *doc;
	FILE *f;
	long n;
	(void)state;

	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = xmalloc((size_t)n + 1);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	text[n] = '\0';
	fclose(f);
	for (size_t i = 0; config_key_at(i, &key, &def, &doc); i++) {
		/* each key has an entry of its own: ".TP" then ".B key" */
		char *entry = xasprintf("\n.TP\n.B %s\n", key);

		assert_non_null(doc);
		if (!strstr(text, entry))
			fail_msg("man/csm.yaml.5 has no entry \".B %s\"", key);
		free(entry);
	}
	free(text);
	free(path);
}

static void test_color_and_models(void **state)
{
	struct csm_config cfg;
	enum business_model m;
	(void)state;

	config_init(&cfg);
	unsetenv("NO_COLOR");
	assert_true(config_use_color(&cfg, true));
	assert_false(config_use_color(&cfg, false));
	setenv("NO_COLOR", "1", 1);
	assert_false(config_use_color(&cfg, true));
	cfg.ui.color = UI_COLOR_ALWAYS;
	assert_true(config_use_color(&cfg, false));
	cfg.ui.color = UI_COLOR_NEVER;
	unsetenv("NO_COLOR");
	assert_false(config_use_color(&cfg, true));
	config_fini(&cfg);

	assert_int_equal(config_model_parse("b2b2c", &m), 0);
	assert_int_equal(m, MODEL_B2B2C);
	assert_string_equal(config_model_name(m), "b2b2c");
	assert_int_equal(config_model_parse("B2B", &m), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_every_key_parsed),
		cmocka_unit_test(test_empty_file_is_defaults),
		cmocka_unit_test(test_load_over_keeps_other_keys),
		cmocka_unit_test(test_failed_load_leaves_config_alone),
		cmocka_unit_test(test_expand_path),
		cmocka_unit_test(test_lookup_order),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_duplicates_and_documents),
		cmocka_unit_test(test_all_errors_collected),
		cmocka_unit_test(test_many_errors_truncated),
		cmocka_unit_test(test_shipped_configs),
		cmocka_unit_test(test_man_page_documents_every_key),
		cmocka_unit_test(test_color_and_models),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
