/* keymap.c - the default key bindings, key specs, and ui.keys overrides. */
#include "ui/keymap.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "ui/screen.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* The default bindings.  Order matters twice: the help screen lists
 * actions in this order, and the status line hints the first key of each
 * hinted action.  A new screen adds its rows under its own keymap name. */
static const struct {
	const char *keymap; /* keymap name */
	const char *keys;   /* key spec */
	enum action action;
} defaults[] = {
	/* Everywhere, unless the screen's keymap binds the key first.  Screens
	 * that open something bind Enter to "open" in their own keymap. */
	{"global", "Esc", ACT_BACK},
	{"global", "? F1", ACT_HELP},
	{"global", ":", ACT_COMMAND},
	{"global", "q", ACT_CLOSE},
	{"global", "F10", ACT_QUIT},
	{"global", "Up k", ACT_UP},
	{"global", "Down j", ACT_DOWN},
	{"global", "PgUp C-b", ACT_PAGE_UP},
	{"global", "PgDn C-f Space", ACT_PAGE_DOWN},
	{"global", "Home g", ACT_FIRST},
	{"global", "End G", ACT_LAST},
	{"global", "C-l", ACT_REDRAW},

	/* Text fields (the lookup's search field, the command line, forms). */
	{"edit", "C-u", ACT_CLEAR},
	{"edit", "Backspace", ACT_DELETE_BACK},
	{"edit", "Del C-d", ACT_DELETE},
	{"edit", "Left", ACT_LEFT},
	{"edit", "Right", ACT_RIGHT},
	{"edit", "Home C-a", ACT_LINE_START},
	{"edit", "End C-e", ACT_LINE_END},

	/* The command line opened with ':'. */
	{"prompt", "Enter", ACT_ACCEPT},
	{"prompt", "Tab", ACT_COMPLETE},
	{"prompt", "Esc C-g", ACT_BACK},

	/* Lookup, browsing the results. */
	{"lookup", "Enter", ACT_OPEN},
	{"lookup", "/", ACT_SEARCH},
	{"lookup", "n C-n", ACT_NEW},
	{"lookup", "Tab", ACT_TOGGLE_FOCUS},
	/* Lookup, typing in the search field. */
	{"query", "Enter", ACT_OPEN},
	{"query", "Esc", ACT_RESULTS},
	{"query", "C-n", ACT_NEW},
	{"query", "Tab", ACT_TOGGLE_FOCUS},

	/* Forms (form.c): moving between fields and choices. */
	{"form", "Tab Down", ACT_NEXT_FIELD},
	{"form", "S-Tab Up", ACT_PREV_FIELD},
	{"form", "C-n", ACT_CHOICE_NEXT},
	{"form", "C-p", ACT_CHOICE_PREV},
	{"form", "F2 C-s", ACT_SAVE},

	/* The customer screen (account, contact, consumer, household). */
	{"customer", "Enter", ACT_OPEN},
	{"customer", "Tab", ACT_NEXT_TAB},
	{"customer", "S-Tab", ACT_PREV_TAB},
	{"customer", "c", ACT_NEW_CASE},
	{"customer", "e", ACT_EDIT},
	{"customer", "a", ACT_ADD},
	{"customer", "p Backspace", ACT_PARENT},
	{"form", "Enter", ACT_ACCEPT},

	/* Dialogs (dialog.c): a line of text, yes/no, pick one. */
	{"dialog", "Enter", ACT_ACCEPT},
	{"dialog", "Esc C-g", ACT_BACK},
	{"confirm", "y Y", ACT_ACCEPT},
	{"confirm", "Esc", ACT_BACK},
	{"pick", "Enter", ACT_ACCEPT},
	{"pick", "Esc", ACT_BACK},

	/* Case screens: the queues (cases) and one case (case). */
	{"cases", "Enter", ACT_OPEN},
	{"cases", "1", ACT_CASES_QUEUE_MINE},
	{"cases", "2", ACT_CASES_QUEUE_GROUPS},
	{"cases", "3", ACT_CASES_QUEUE_OPEN},
	{"cases", "4", ACT_CASES_QUEUE_APPROVAL},
	{"cases", "5", ACT_CASES_QUEUE_MY_APPROVAL},
	{"cases", "Tab", ACT_CASES_NEXT_QUEUE},
	{"cases", "s", ACT_SORT},
	{"cases", "f", ACT_FILTER},
	{"cases", "n", ACT_NEW},
	{"cases", "V", ACT_CASE_APPROVE},
	{"cases", "J", ACT_CASE_REJECT},
	{"cases", "F5 C-r", ACT_RELOAD},
	{"case", "t", ACT_CASE_TRANSITION},
	{"case", "c", ACT_CASE_COMMENT},
	{"case", "w", ACT_CASE_WORK_NOTE},
	{"case", "a", ACT_CASE_ASSIGN},
	{"case", "r", ACT_CASE_PARTIES},
	{"case", "O", ACT_CASE_ACCEPT},
	{"case", "I", ACT_CASE_REQUEST_INFO},
	{"case", "R", ACT_CASE_RESOLVE},
	{"case", "C", ACT_CASE_CLOSE},
	{"case", "X", ACT_CASE_CANCEL},
	{"case", "P", ACT_CASE_REQUEST_APPROVAL},
	{"case", "V", ACT_CASE_APPROVE},
	{"case", "J", ACT_CASE_REJECT},
	{"case", "F5 C-r", ACT_RELOAD},
	/* A closed or canceled case: reading keys; the state keys say why not. */
	{"case-readonly", "r", ACT_CASE_PARTIES},
	{"case-readonly", "O", ACT_CASE_ACCEPT},
	{"case-readonly", "I", ACT_CASE_REQUEST_INFO},
	{"case-readonly", "R", ACT_CASE_RESOLVE},
	{"case-readonly", "C", ACT_CASE_CLOSE},
	{"case-readonly", "X", ACT_CASE_CANCEL},
	{"case-readonly", "F5 C-r", ACT_RELOAD},

	/* Install base by location: the tree, then its items (keymap
	 * install-base-items while the item list has the keys). */
	{"install-base", "Enter", ACT_TOGGLE_EXPAND},
	{"install-base", "Right +", ACT_EXPAND},
	{"install-base", "Left -", ACT_COLLAPSE},
	{"install-base", "Tab", ACT_SWITCH_PANE},
	{"install-base", "s", ACT_ITEMS_SCOPE},
	{"install-base", "f", ACT_FILTER},
	{"install-base", "F5 C-r", ACT_RELOAD},
	{"install-base-items", "Enter", ACT_OPEN},
	{"install-base-items", "Tab", ACT_SWITCH_PANE},
	{"install-base-items", "s", ACT_ITEMS_SCOPE},
	{"install-base-items", "f", ACT_FILTER},
	{"install-base-items", "F5 C-r", ACT_RELOAD},
	/* One install base item. */
	{"item", "Enter", ACT_OPEN},
	{"item", "Tab Right", ACT_NEXT_TAB},
	{"item", "S-Tab Left", ACT_PREV_TAB},
	{"item", "c", ACT_REPAIR_CASE},
	{"item", "r", ACT_RELATED_PARTIES},
	{"item", "F5 C-r", ACT_RELOAD},
	/* Related parties of a case, sold product or item; the party picker. */
	{"parties", "a Ins", ACT_PARTY_ADD},
	{"parties", "e", ACT_PARTY_RESPONSIBILITY},
	{"parties", "d Del", ACT_PARTY_REMOVE},
	{"parties", "F5 C-r", ACT_RELOAD},
	{"parties-pick", "Enter", ACT_ACCEPT},
	{"parties-pick", "Esc C-g", ACT_BACK},
};

struct binding {
	char *keymap;      /* owned keymap name */
	unsigned key;      /* KEYCODE_* value */
	enum action action;
};

struct keymap {
	struct binding *b; /* in table order */
	size_t n, cap;
};

/* Named keys of the spec language. */
static const struct {
	const char *name;
	unsigned key;
} named[] = {
	{"Enter", KEYCODE_ENTER},
	{"Esc", KEYCODE_ESC},
	{"Tab", KEYCODE_TAB},
	{"S-Tab", KEYCODE_FN | KEY_BTAB},
	{"Space", ' '},
	{"Backspace", KEYCODE_FN | KEY_BACKSPACE},
	{"Del", KEYCODE_FN | KEY_DC},
	{"Ins", KEYCODE_FN | KEY_IC},
	{"Up", KEYCODE_FN | KEY_UP},
	{"Down", KEYCODE_FN | KEY_DOWN},
	{"Left", KEYCODE_FN | KEY_LEFT},
	{"Right", KEYCODE_FN | KEY_RIGHT},
	{"Home", KEYCODE_FN | KEY_HOME},
	{"End", KEYCODE_FN | KEY_END},
	{"PgUp", KEYCODE_FN | KEY_PPAGE},
	{"PgDn", KEYCODE_FN | KEY_NPAGE},
};

bool keymap_is_printable(unsigned key)
{
	return !(key & KEYCODE_FN) && key >= ' ' && key != 127 && iswprint((wint_t)key);
}

/* Parses one key token; returns 0 or -1. */
static int parse_key(const char *tok, unsigned *out)
{
	wchar_t wc;
	mbstate_t ps = {0};
	size_t len = strlen(tok), n;

	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcmp(tok, named[i].name) == 0) {
			*out = named[i].key;
			return 0;
		}
	if (len == 3 && tok[0] == 'C' && tok[1] == '-') {
		char c = tok[2];
		if (c >= 'a' && c <= 'z') {
			*out = (unsigned)(c - 'a' + 1);
			return 0;
		}
		return -1;
	}
	if (tok[0] == 'F' && len >= 2 && len <= 3) {
		char *end;
		long f = strtol(tok + 1, &end, 10);
		if (!*end && f >= 1 && f <= 12) {
			*out = KEYCODE_FN | (unsigned)KEY_F(f);
			return 0;
		}
		return -1;
	}
	n = mbrtowc(&wc, tok, len, &ps);
	if (n == len && n > 0 && keymap_is_printable((unsigned)wc)) {
		*out = (unsigned)wc;
		return 0;
	}
	return -1;
}

int keymap_parse_spec(const char *spec, unsigned *keys, size_t max, struct csm_error *err)
{
	char *copy, *tok, *save = NULL;
	int n = 0;

	if (!spec || !*spec)
		return csm_error_set(err, CSM_EX_CONFIG, "no keys given");
	copy = xstrdup(spec);
	for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		unsigned k;
		if (parse_key(tok, &k) < 0) {
			csm_error_set(err, CSM_EX_CONFIG,
				      "'%s' is not a key (use a character, C-x, F1..F12, Enter, Esc, "
				      "Tab, S-Tab, Space, Backspace, Del, Ins, Up, Down, Left, Right, "
				      "Home, End, PgUp or PgDn)",
				      tok);
			free(copy);
			return -1;
		}
		if ((size_t)n >= max) {
			csm_error_set(err, CSM_EX_CONFIG, "too many keys in '%s' (at most %zu)", spec,
				      max);
			free(copy);
			return -1;
		}
		keys[n++] = k;
	}
	free(copy);
	if (n == 0)
		return csm_error_set(err, CSM_EX_CONFIG, "no keys given");
	return n;
}

void keymap_key_name(unsigned key, char *buf, size_t size)
{
	mbstate_t ps = {0};
	char mb[MB_LEN_MAX + 1];
	size_t n;

	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key) {
			snprintf(buf, size, "%s", named[i].name);
			return;
		}
	if (key & KEYCODE_FN) {
		int k = (int)(key & ~KEYCODE_FN);
		if (k >= KEY_F(1) && k <= KEY_F(12))
			snprintf(buf, size, "F%d", k - KEY_F0);
		else
			snprintf(buf, size, "key-%d", k);
		return;
	}
	if (key >= 1 && key <= 26) {
		snprintf(buf, size, "C-%c", (char)('a' + key - 1));
		return;
	}
	n = wcrtomb(mb, (wchar_t)key, &ps);
	if (n == (size_t)-1)
		snprintf(buf, size, "U+%04X", key);
	else
		snprintf(buf, size, "%.*s", (int)n, mb);
}

static void add(struct keymap *km, size_t at, const char *keymap, unsigned key, enum action a)
{
	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 64;
		km->b = xrealloc(km->b, km->cap * sizeof *km->b);
	}
	memmove(&km->b[at + 1], &km->b[at], (km->n - at) * sizeof *km->b);
	km->b[at] = (struct binding){xstrdup(keymap), key, a};
	km->n++;
}

struct keymap *keymap_new(void)
{
	struct keymap *km = xcalloc(1, sizeof *km);

	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
		unsigned keys[16];
		int n = keymap_parse_spec(defaults[i].keys, keys, 16, NULL);
		/* The table is ours: a bad spec in it is a programming error. */
		if (n < 0) {
			fprintf(stderr, "csm: internal: bad default key spec '%s'\n", defaults[i].keys);
			abort();
		}
		for (int k = 0; k < n; k++)
			add(km, km->n, defaults[i].keymap, keys[k], defaults[i].action);
	}
	return km;
}

void keymap_free(struct keymap **kmp)
{
	struct keymap *km = kmp ? *kmp : NULL;

	if (!km)
		return;
	for (size_t i = 0; i < km->n; i++)
		free(km->b[i].keymap);
	free(km->b);
	free(km);
	*kmp = NULL;
}

bool keymap_known(const char *name)
{
	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
		if (strcmp(defaults[i].keymap, name) == 0)
			return true;
	return screen_find(name) != NULL;
}

int keymap_bind(struct keymap *km, const char *keymap, enum action a, const char *spec,
		struct csm_error *err)
{
	unsigned keys[16];
	int n = keymap_parse_spec(spec, keys, 16, err);
	size_t kept = 0, at = (size_t)-1;

	if (n < 0)
		return -1;
	/* The new keys take the place of the action's old ones (so the help
	 * order stays), and leave whatever else they were bound to. */
	for (size_t i = 0; i < km->n; i++) {
		bool same_action = km->b[i].action == a, taken = false;

		for (int k = 0; k < n; k++)
			taken |= km->b[i].key == keys[k];
		if (strcmp(km->b[i].keymap, keymap) == 0 && (same_action || taken)) {
			if (same_action && at == (size_t)-1)
				at = kept;
			free(km->b[i].keymap);
			continue;
		}
		km->b[kept++] = km->b[i];
	}
	km->n = kept;
	if (at == (size_t)-1)
		at = km->n;
	for (int k = 0; k < n; k++)
		add(km, at + (size_t)k, keymap, keys[k], a);
	return 0;
}

int keymap_apply_config(struct keymap *km, const struct csm_config *cfg, struct csm_error *err)
{
	const char *file = cfg->source ? cfg->source : "config";
	struct strbuf msgs;
	int bad = 0;

	strbuf_init(&msgs);
	/* First check every entry, so that all problems are shown at once and a
	 * wrong config changes nothing. */
	for (size_t i = 0; i < cfg->ui.n_keys; i++) {
		const struct config_binding *b = &cfg->ui.keys[i];
		struct csm_error e = {0};
		enum action a;
		unsigned keys[16];

		if (!b->keymap || !keymap_known(b->keymap)) {
			strbuf_addf(&msgs, "%s%s:%d:%d: ui.keys: unknown keymap '%s'", bad++ ? "\n" : "",
				    file, b->line, b->column, b->keymap ? b->keymap : "");
			continue;
		}
		if (!b->action || action_parse(b->action, &a) < 0)
			strbuf_addf(&msgs, "%s%s:%d:%d: ui.keys.%s: unknown action '%s'",
				    bad++ ? "\n" : "", file, b->line, b->column, b->keymap,
				    b->action ? b->action : "");
		if (keymap_parse_spec(b->keys, keys, 16, &e) < 0)
			strbuf_addf(&msgs, "%s%s:%d:%d: ui.keys.%s.%s: %s", bad++ ? "\n" : "", file,
				    b->keys_line, b->keys_column, b->keymap, b->action ? b->action : "",
				    e.msg);
	}
	if (bad) {
		csm_error_set(err, CSM_EX_CONFIG, "%s", msgs.buf);
		strbuf_fini(&msgs);
		return -1;
	}
	strbuf_fini(&msgs);
	for (size_t i = 0; i < cfg->ui.n_keys; i++) {
		const struct config_binding *b = &cfg->ui.keys[i];
		enum action a;

		action_parse(b->action, &a);
		if (keymap_bind(km, b->keymap, a, b->keys, err) < 0)
			return -1;
	}
	return 0;
}

bool keymap_lookup(const struct keymap *km, const char *keymap, unsigned key, enum action *out)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].key == key && strcmp(km->b[i].keymap, keymap) == 0) {
			*out = km->b[i].action;
			return true;
		}
	return false;
}

size_t keymap_keys_of(const struct keymap *km, const char *keymap, enum action a,
		      bool no_printable, char *buf, size_t size)
{
	size_t n = 0, used = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < km->n; i++) {
		char name[32];
		int w;

		if (km->b[i].action != a || strcmp(km->b[i].keymap, keymap) != 0)
			continue;
		if (no_printable && keymap_is_printable(km->b[i].key))
			continue;
		keymap_key_name(km->b[i].key, name, sizeof name);
		w = snprintf(buf + used, size - used, "%s%s", n ? " " : "", name);
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
		n++;
	}
	return n;
}

size_t keymap_actions(const struct keymap *km, const char *keymap, enum action *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < km->n && n < max; i++) {
		bool seen = false;

		if (strcmp(km->b[i].keymap, keymap) != 0)
			continue;
		for (size_t j = 0; j < n; j++)
			seen |= out[j] == km->b[i].action;
		if (!seen)
			out[n++] = km->b[i].action;
	}
	return n;
}

size_t keymap_names(const struct keymap *km, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < km->n && n < max; i++) {
		bool seen = false;

		for (size_t j = 0; j < n && !seen; j++)
			seen = strcmp(out[j], km->b[i].keymap) == 0;
		if (!seen)
			out[n++] = km->b[i].keymap;
	}
	return n;
}
