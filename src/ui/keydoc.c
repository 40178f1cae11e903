/* keydoc.c - see keydoc.h. */
#include "ui/keydoc.h"

#include <stdlib.h>
#include <string.h>

#include "ui/action.h"
#include "ui/keymap.h"
#include "ui/screen.h"
#include "util/strbuf.h"

/* Appends text escaped for roff: backslashes, hyphens, and a leading dot
 * or quote that would start a request. */
static void add_roff(struct strbuf *sb, const char *text)
{
	if (*text == '.' || *text == '\'')
		strbuf_adds(sb, "\\&");
	for (const char *p = text; *p; p++) {
		if (*p == '\\')
			strbuf_adds(sb, "\\e");
		else if (*p == '-')
			strbuf_adds(sb, "\\-");
		else if (*p == '"')
			strbuf_adds(sb, "\\(dq");
		else
			strbuf_addc(sb, *p);
	}
}

/* What a keymap is for, for the subsection heading. */
static const char *keymap_title(const char *name)
{
	static const struct {
		const char *name, *title;
	} extra[] = {
		{"global", "Everywhere"},
		{"edit", "Editing text"},
		{"prompt", "The : command line"},
	};
	const struct screen_ops *ops = screen_find(name);

	if (ops)
		return ops->title;
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (strcmp(extra[i].name, name) == 0)
			return extra[i].title;
	return NULL;
}

char *keydoc_roff_new(void)
{
	struct keymap *km = keymap_new();
	const char *names[128];
	size_t n = keymap_names(km, names, sizeof names / sizeof names[0]);
	struct strbuf sb;

	strbuf_init(&sb);
	for (size_t i = 0; i < n; i++) {
		enum action acts[256];
		size_t na = keymap_actions(km, names[i], acts, sizeof acts / sizeof acts[0]);
		const char *title = keymap_title(names[i]);

		strbuf_adds(&sb, ".SS ");
		if (title) {
			add_roff(&sb, title);
			strbuf_adds(&sb, " (keymap ");
			add_roff(&sb, names[i]);
			strbuf_adds(&sb, ")\n");
		} else {
			strbuf_adds(&sb, "Keymap ");
			add_roff(&sb, names[i]);
			strbuf_addc(&sb, '\n');
		}
		for (size_t j = 0; j < na; j++) {
			char keys[128];

			keymap_keys_of(km, names[i], acts[j], false, keys, sizeof keys);
			strbuf_adds(&sb, ".TP\n.B ");
			add_roff(&sb, keys);
			strbuf_adds(&sb, "\n");
			add_roff(&sb, action_help(acts[j]));
			strbuf_adds(&sb, " (");
			add_roff(&sb, action_name(acts[j]));
			strbuf_adds(&sb, ")\n");
		}
	}
	keymap_free(&km);
	return strbuf_take(&sb);
}
