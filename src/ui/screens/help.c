/* help.c - the keys of the screen below, generated from the binding table,
 * and what tells an asset, a sold product and an install base item apart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/list.h"
#include "ui/screen.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "util/xalloc.h"

enum help_line_kind { LINE_HEADING, LINE_KEY, LINE_TEXT, LINE_BLANK };

struct help_line {
	enum help_line_kind kind; /* how it is drawn */
	char *left;               /* heading text, keys, or a term (owned) */
	const char *name;         /* LINE_KEY: the action name (static) */
	const char *text;         /* LINE_KEY: help; LINE_TEXT: explanation (static) */
};

struct help_state {
	struct help_line *lines; /* owned, n entries */
	size_t n, cap;           /* lines used / allocated */
	struct list list;        /* scrolling over lines by index */
	int key_w;               /* width of the keys column */
};

/* Headings of the keymaps that are not screens. */
static const struct {
	const char *keymap;
	const char *title;
} keymap_titles[] = {
	{"query", "In the search field"},
	{"edit", "Editing text"},
	{"global", "Everywhere"},
	{"prompt", "On the command line (:)"},
	{"form", "In forms"},
};

/* The three things users confuse (domain.md asks the help to say so). */
static const struct {
	const char *term;
	const char *text;
} terms[] = {
	{"Asset", "what is owned: the physical or financial record (tag, serial number)"},
	{"Sold product", "what was bought: the customer's purchase, with contract dates and "
			 "entitlements"},
	{"Install base item", "what is installed where: the unit at a location that is "
			      "serviced and gets cases"},
};

static void add_line(struct help_state *st, enum help_line_kind kind, const char *left,
		     const char *name, const char *text)
{
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 64;
		st->lines = xrealloc(st->lines, st->cap * sizeof *st->lines);
	}
	st->lines[st->n++] = (struct help_line){kind, xstrdup(left), name, text};
}

static void add_keymap(struct help_state *st, const struct keymap *km, const char *keymap)
{
	enum action acts[ACT_COUNT];
	size_t n = keymap_actions(km, keymap, acts, ACT_COUNT);
	const struct screen_ops *ops = screen_find(keymap);
	char title[128];

	if (!n)
		return;
	snprintf(title, sizeof title, "%s%s", ops ? ops->title : keymap, ops ? " screen" : "");
	for (size_t i = 0; i < sizeof keymap_titles / sizeof keymap_titles[0]; i++)
		if (strcmp(keymap_titles[i].keymap, keymap) == 0)
			snprintf(title, sizeof title, "%s", keymap_titles[i].title);
	if (st->n)
		add_line(st, LINE_BLANK, NULL, NULL, NULL);
	add_line(st, LINE_HEADING, title, NULL, NULL);
	/* Grouped as action.h groups them, in table order within a group. */
	for (int g = GROUP_SCREENS; g < GROUP_INTERNAL; g++)
		for (size_t i = 0; i < n; i++) {
			char keys[128];

			if ((int)action_group(acts[i]) != g)
				continue;
			keymap_keys_of(km, keymap, acts[i], false, keys, sizeof keys);
			add_line(st, LINE_KEY, keys, action_name(acts[i]), action_help(acts[i]));
		}
}

static int help_open(struct screen *s, const struct screen_arg *arg, struct csm_error *err)
{
	struct help_state *st = s->state;
	const struct keymap *km = ui_keymap(s->ui);
	char *maps = xstrdup(arg && arg->keymap ? arg->keymap : "global"), *tok, *save = NULL;

	(void)err;
	for (tok = strtok_r(maps, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		add_keymap(st, km, tok);
	free(maps);
	add_keymap(st, km, "prompt");
	add_line(st, LINE_BLANK, NULL, NULL, NULL);
	add_line(st, LINE_HEADING, "Asset, sold product, install base item", NULL, NULL);
	for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++)
		add_line(st, LINE_TEXT, terms[i].term, NULL, terms[i].text);

	st->key_w = 12;
	for (size_t i = 0; i < st->n; i++)
		if (st->lines[i].kind == LINE_KEY && (int)strlen(st->lines[i].left) > st->key_w)
			st->key_w = (int)strlen(st->lines[i].left);
	if (st->key_w > 20)
		st->key_w = 20;
	list_init(&st->list, &list_array_source, &st->n);
	st->list.view_only = true;
	list_reload(&st->list);
	return 0;
}

static void help_close(struct screen *s)
{
	struct help_state *st = s->state;

	list_fini(&st->list);
	for (size_t i = 0; i < st->n; i++)
		free(st->lines[i].left);
	free(st->lines);
}

static void help_layout(struct screen *s, int rows, int cols)
{
	struct help_state *st = s->state;

	(void)cols;
	list_set_area(&st->list, 0, rows);
	s->redraw = true;
}

static enum action help_handle(struct screen *s, enum action a, const struct key_event *ev)
{
	struct help_state *st = s->state;

	s->redraw = true;
	if (list_handle(&st->list, a, ev))
		return ACT_NONE;
	/* Typing does nothing here; the rest is the console's. */
	if (a == ACT_INSERT)
		return ACT_NONE;
	return a;
}

static void draw_line(const void *ctx, const struct list_row *row, WINDOW *w, int y, int x,
		      int width, bool selected)
{
	const struct help_state *st = ctx;
	const struct help_line *l = &st->lines[row->id];
	attr_t base = selected ? theme_attr(THEME_SELECTED) : theme_attr(THEME_NORMAL);
	int name_w = width >= 70 ? 13 : 0, term_w = width >= 60 ? 18 : 13;

	draw_fill(w, y, x, width, base);
	switch (l->kind) {
	case LINE_HEADING:
		draw_text(w, y, x + 1, l->left, width - 2, selected ? base : theme_attr(THEME_HEADING));
		break;
	case LINE_KEY:
		x = draw_text(w, y, x + 2, l->left, st->key_w, selected ? base : theme_attr(THEME_KIND));
		if (name_w)
			x = draw_text(w, y, x + 1, l->name, name_w, base);
		draw_text(w, y, x + 1, l->text, width - x - 1, base);
		break;
	case LINE_TEXT:
		x = draw_text(w, y, x + 2, l->left, term_w, selected ? base : theme_attr(THEME_KIND));
		draw_text(w, y, x + 1, l->text, width - x - 1, base);
		break;
	case LINE_BLANK:
		break;
	}
}

static void help_draw(const struct screen *s, WINDOW *w)
{
	const struct help_state *st = s->state;

	list_draw(&st->list, w, 0, s->cols, draw_line, st);
}

const struct screen_ops help_screen = {
	.name = "help",
	.title = "Help",
	.flags = SCREEN_NAMED,
	.state_size = sizeof(struct help_state),
	.open = help_open,
	.close = help_close,
	.layout = help_layout,
	.draw = help_draw,
	.handle = help_handle,
};
