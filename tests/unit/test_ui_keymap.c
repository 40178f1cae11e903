/* test_ui_keymap.c - key specs, the default table, overrides and ui.keys
 * errors located at FILE:LINE:COL. */
#include "helpers.h"

#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ui/keymap.h"
#include "util/xalloc.h"

static void test_parse_spec(void **state)
{
	unsigned k[16];
	struct csm_error err = {0};
	(void)state;

	assert_int_equal(keymap_parse_spec("q Q", k, 16, &err), 2);
	assert_int_equal(k[0], 'q');
	assert_int_equal(k[1], 'Q');
	assert_int_equal(keymap_parse_spec("C-n", k, 16, &err), 1);
	assert_int_equal(k[0], 14);
	assert_int_equal(keymap_parse_spec("F5 F12", k, 16, &err), 2);
	assert_int_equal(k[0], KEYCODE_FN | (unsigned)KEY_F(5));
	assert_int_equal(k[1], KEYCODE_FN | (unsigned)KEY_F(12));
	assert_int_equal(keymap_parse_spec("Enter Esc Tab S-Tab Up PgDn Backspace", k, 16, &err), 7);
	assert_int_equal(k[0], KEYCODE_ENTER);
	assert_int_equal(k[1], KEYCODE_ESC);
	assert_int_equal(k[2], KEYCODE_TAB);
	assert_int_equal(k[3], KEYCODE_FN | (unsigned)KEY_BTAB);
	assert_int_equal(k[4], KEYCODE_FN | (unsigned)KEY_UP);
	assert_int_equal(k[5], KEYCODE_FN | (unsigned)KEY_NPAGE);
	assert_int_equal(k[6], KEYCODE_FN | (unsigned)KEY_BACKSPACE);
	/* A non-ASCII character is one key. */
	assert_int_equal(keymap_parse_spec("\xc3\xa9", k, 16, &err), 1);
	assert_int_equal(k[0], 0xE9);
}

static void test_parse_spec_errors(void **state)
{
	unsigned k[2];
	struct csm_error err = {0};
	(void)state;

	assert_int_equal(keymap_parse_spec("Ctrl-N", k, 2, &err), -1);
	assert_non_null(strstr(err.msg, "'Ctrl-N' is not a key"));
	assert_int_equal(keymap_parse_spec("F13", k, 2, &err), -1);
	assert_non_null(strstr(err.msg, "'F13'"));
	assert_int_equal(keymap_parse_spec("C-1", k, 2, &err), -1);
	assert_int_equal(keymap_parse_spec("ab", k, 2, &err), -1);
	assert_int_equal(keymap_parse_spec("", k, 2, &err), -1);
	assert_string_equal(err.msg, "no keys given");
	assert_int_equal(keymap_parse_spec("a b c", k, 2, &err), -1);
	assert_non_null(strstr(err.msg, "too many keys"));
}

static void test_key_names_round_trip(void **state)
{
	static const char *const specs[] = {"q", "?", "C-n", "F1", "F10", "Enter", "Esc", "Tab",
					    "S-Tab", "Space", "Backspace", "Del", "Up", "PgUp",
					    "End", "\xc3\xa9", "\xe5\x8c\x97"};
	(void)state;

	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		unsigned k;
		char name[32];

		assert_int_equal(keymap_parse_spec(specs[i], &k, 1, NULL), 1);
		keymap_key_name(k, name, sizeof name);
		if (strcmp(name, specs[i]) != 0)
			fail_msg("key %s came back as %s", specs[i], name);
	}
}

static void test_defaults_and_lookup(void **state)
{
	struct keymap *km = keymap_new();
	enum action a;
	char keys[64];
	(void)state;

	assert_true(keymap_lookup(km, "lookup", '/', &a));
	assert_int_equal(a, ACT_SEARCH);
	assert_true(keymap_lookup(km, "global", '?', &a));
	assert_int_equal(a, ACT_HELP);
	assert_false(keymap_lookup(km, "lookup", '?', &a));
	assert_int_equal(keymap_keys_of(km, "lookup", ACT_NEW, false, keys, sizeof keys), 2);
	assert_string_equal(keys, "n C-n");
	/* In a text mode printable keys are left out of hints. */
	assert_int_equal(keymap_keys_of(km, "lookup", ACT_NEW, true, keys, sizeof keys), 1);
	assert_string_equal(keys, "C-n");
	assert_true(keymap_known("global"));
	assert_true(keymap_known("query"));
	assert_true(keymap_known("help")); /* a screen name */
	assert_false(keymap_known("nowhere"));
	keymap_free(&km);
	assert_null(km);
}

static void test_bind_replaces_keys(void **state)
{
	struct keymap *km = keymap_new();
	enum action a, acts[ACT_COUNT];
	char keys[64];
	size_t n, first_new = 0, first_search = 0;
	(void)state;

	assert_int_equal(keymap_bind(km, "global", ACT_QUIT, "C-x", NULL), 0);
	assert_true(keymap_lookup(km, "global", 24, &a));
	assert_int_equal(a, ACT_QUIT);
	assert_false(keymap_lookup(km, "global", KEYCODE_FN | (unsigned)KEY_F(10), &a));
	/* A key taken from another action leaves that action. */
	assert_int_equal(keymap_bind(km, "lookup", ACT_SEARCH, "n", NULL), 0);
	assert_true(keymap_lookup(km, "lookup", 'n', &a));
	assert_int_equal(a, ACT_SEARCH);
	keymap_keys_of(km, "lookup", ACT_NEW, false, keys, sizeof keys);
	assert_string_equal(keys, "C-n");
	/* The rebound action keeps its place in the table (help order). */
	n = keymap_actions(km, "lookup", acts, ACT_COUNT);
	for (size_t i = 0; i < n; i++) {
		if (acts[i] == ACT_NEW)
			first_new = i;
		if (acts[i] == ACT_SEARCH)
			first_search = i;
	}
	assert_true(first_search < first_new);
	assert_int_equal(keymap_bind(km, "lookup", ACT_SEARCH, "Bogus", NULL), -1);
	keymap_free(&km);
}

static struct config_binding binding(const char *map, const char *action, const char *keys,
				     int line)
{
	return (struct config_binding){xstrdup(map), xstrdup(action), xstrdup(keys), line, 7,
				       line, 13};
}

static void test_config_errors_located(void **state)
{
	struct csm_config cfg;
	struct keymap *km = keymap_new();
	struct csm_error err = {0};
	enum action a;
	(void)state;

	config_init(&cfg);
	free(cfg.source);
	cfg.source = xstrdup("my.yaml");
	cfg.ui.keys = xcalloc(4, sizeof *cfg.ui.keys);
	cfg.ui.keys[0] = binding("global", "quit", "C-x", 3);
	cfg.ui.keys[1] = binding("global", "jump", "C-j", 4);
	cfg.ui.keys[2] = binding("lookup", "new", "Ctrl-N", 5);
	cfg.ui.keys[3] = binding("nowhere", "quit", "F10", 6);
	cfg.ui.n_keys = 4;
	assert_int_equal(keymap_apply_config(km, &cfg, &err), -1);
	assert_int_equal(err.code, CSM_EX_CONFIG);
	assert_string_equal(err.msg,
			    "my.yaml:4:7: ui.keys.global: unknown action 'jump'\n"
			    "my.yaml:5:13: ui.keys.lookup.new: 'Ctrl-N' is not a key (use a "
			    "character, C-x, F1..F12, Enter, Esc, Tab, S-Tab, Space, Backspace, Del, "
			    "Ins, Up, Down, Left, Right, Home, End, PgUp or PgDn)\n"
			    "my.yaml:6:7: ui.keys: unknown keymap 'nowhere'");
	/* Nothing applied, not even the good entry. */
	assert_false(keymap_lookup(km, "global", 24, &a));

	cfg.ui.n_keys = 1;
	assert_int_equal(keymap_apply_config(km, &cfg, &err), 0);
	assert_true(keymap_lookup(km, "global", 24, &a));
	assert_int_equal(a, ACT_QUIT);
	cfg.ui.n_keys = 4;
	keymap_free(&km);
	config_fini(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_spec),
		cmocka_unit_test(test_parse_spec_errors),
		cmocka_unit_test(test_key_names_round_trip),
		cmocka_unit_test(test_defaults_and_lookup),
		cmocka_unit_test(test_bind_replaces_keys),
		cmocka_unit_test(test_config_errors_located),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
