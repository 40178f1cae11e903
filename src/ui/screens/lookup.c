/* lookup.c - the home screen: search as you type over every kind of record
 * the business model has; Enter opens the record (see lookup.h). */
#include "ui/screens/lookup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/permit.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define LABEL "Search: "
#define LIST_Y 3 /* body rows above the results: field, summary, headings */

/* "install_base" -> "install base": kind labels as people read them. */
static void kind_label(enum search_kind k, char *buf, size_t size)
{
	snprintf(buf, size, "%s", search_kind_name(k));
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
}

static int lookup_open(struct screen *s, const struct screen_arg *arg, struct csm_error *err)
{
	struct lookup_state *st = s->state;
	const struct csm_config *cfg = ui_config(s->ui);

	(void)err;
	textline_init(&st->query);
	st->typing = true;
	st->kinds = search_kinds_for_model(config_model_name(cfg->model));
	st->limit = 40;
	list_init(&st->list, &list_array_source, &st->n_hits);
	if (arg && arg->text && *arg->text) {
		textline_set(&st->query, arg->text);
		s->pending = true;
	}
	return 0;
}

static void lookup_close(struct screen *s)
{
	struct lookup_state *st = s->state;

	textline_fini(&st->query);
	list_fini(&st->list);
	search_result_fini(&st->res);
	free(st->res_query);
}

static void lookup_layout(struct screen *s, int rows, int cols)
{
	struct lookup_state *st = s->state;
	struct lookup_cols *c = &st->cols;
	int height = rows - LIST_Y > 1 ? rows - LIST_Y : 1, rest;

	list_set_area(&st->list, LIST_Y, height);
	/* Enough hits to page through twice, never so many that a query is slow. */
	st->limit = (size_t)height * 2 > 20 ? (size_t)height * 2 : 20;

	/* Columns drop as the terminal narrows: detail, then number, then
	 * the matched field. */
	memset(c, 0, sizeof *c);
	c->kind = cols >= 60 ? 12 : 8;
	c->number = cols >= 60 ? 11 : 0;
	rest = cols - 1 - c->kind - 1 - (c->number ? c->number + 1 : 0);
	if (cols >= 72) {
		c->title = rest * 38 / 100;
		c->matched = rest * 32 / 100;
		c->detail = rest - c->title - c->matched - 2;
	} else if (cols >= 50) {
		c->title = rest * 55 / 100;
		c->matched = rest - c->title - 1;
	} else {
		c->title = rest;
	}
	s->redraw = true;
}

void lookup_set_results(struct screen *s, struct search_result *r, const char *q)
{
	struct lookup_state *st = s->state;

	search_result_fini(&st->res);
	st->res = *r;
	memset(r, 0, sizeof *r);
	st->n_hits = st->res.n;
	free(st->res_query);
	st->res_query = xstrdup(q);
	list_reload(&st->list);
	s->redraw = true;
}

void lookup_run_query(struct screen *s)
{
	struct lookup_state *st = s->state;
	const char *q = textline_get(&st->query);
	struct search_result r = {0};
	struct csm_error err = {0};

	if (st->res_query && strcmp(st->res_query, q) == 0)
		return;
	if (!*q) {
		lookup_set_results(s, &r, q);
		return;
	}
	if (store_search(ui_store(s->ui), q, st->kinds, st->limit, &r, &err) < 0) {
		search_result_fini(&r);
		ui_error(s->ui, "Search failed: %s", err.msg);
		return;
	}
	lookup_set_results(s, &r, q);
}

static const struct search_hit *selected_hit(const struct lookup_state *st)
{
	const struct list_row *row = list_selected(&st->list);

	if (!row || row->id < 0 || (size_t)row->id >= st->res.n)
		return NULL;
	return &st->res.hits[row->id];
}

static void open_selected(struct screen *s)
{
	struct lookup_state *st = s->state;
	const struct search_hit *h;

	/* Enter right after typing: answer the text on screen first. */
	if (s->pending) {
		lookup_run_query(s);
		s->pending = false;
	}
	h = selected_hit(st);
	if (!h) {
		if (*textline_get(&st->query))
			ui_message(s->ui, "Nothing to open: no match for '%s'", textline_get(&st->query));
		return;
	}
	ui_open_record(s->ui, h->kind, h->id, h->number);
}

/* Creating a customer needs the right to change customers. */
static const struct permit lookup_permits_table[] = {
	{ACT_NEW, ACCESS_EDIT_CUSTOMERS, "create customers"},
};

static bool lookup_permits(const struct screen *s, enum action a, char *why, size_t size)
{
	return permit_check(ui_store(s->ui), lookup_permits_table,
			    sizeof lookup_permits_table / sizeof lookup_permits_table[0], a, why, size);
}

static enum action lookup_handle(struct screen *s, enum action a, const struct key_event *ev)
{
	struct lookup_state *st = s->state;
	bool changed = false;

	s->redraw = true;
	if (a == ACT_INSERT && !st->typing)
		st->typing = true; /* a character typed while browsing searches */
	if (st->typing && textline_handle(&st->query, a, ev, &changed)) {
		if (changed)
			s->pending = true;
		return ACT_NONE;
	}
	if (list_handle(&st->list, a, ev))
		return ACT_NONE;
	switch (a) {
	case ACT_OPEN:
		open_selected(s);
		return ACT_NONE;
	case ACT_MOUSE:
		/* list_handle() leaves double clicks to us: open. */
		if (ev && ev->mouse_double)
			open_selected(s);
		return ACT_NONE;
	case ACT_SEARCH:
		st->typing = true;
		return ACT_NONE;
	case ACT_RESULTS:
		st->typing = false;
		return ACT_NONE;
	case ACT_TOGGLE_FOCUS:
		st->typing = !st->typing;
		return ACT_NONE;
	case ACT_NEW: {
		/* The create screen gets the search text: a name to start from. */
		enum search_kind k = ui_customer_kind(s->ui);
		struct screen_arg arg = {.kind = k, .create = true, .text = textline_get(&st->query)};
		if (record_screens[k].create)
			ui_push(s->ui, record_screens[k].create, &arg);
		else
			ui_create_record(s->ui, k);
		return ACT_NONE;
	}
	default:
		return a;
	}
}

static void lookup_update(struct screen *s)
{
	lookup_run_query(s);
}

static const char *lookup_keymap(const struct screen *s, bool *text_input)
{
	const struct lookup_state *st = s->state;

	*text_input = st->typing;
	return st->typing ? "query" : "lookup";
}

static bool lookup_cursor(const struct screen *s, int *y, int *x)
{
	const struct lookup_state *st = s->state;
	int max = s->cols - 1;

	if (!st->typing)
		return false;
	*y = 0;
	*x = (int)strlen(LABEL) + textline_cursor_col(&st->query);
	if (*x > max)
		*x = max;
	return true;
}

/* ---- drawing ---------------------------------------------------------- */

static void draw_hit(const void *ctx, const struct list_row *row, WINDOW *w, int y, int x,
		     int width, bool selected)
{
	const struct lookup_state *st = ctx;
	const struct lookup_cols *c = &st->cols;
	const struct search_hit *h = &st->res.hits[row->id];
	attr_t base = selected ? theme_attr(THEME_SELECTED) : theme_attr(THEME_NORMAL);
	char kind[32], matched[512];

	kind_label(h->kind, kind, sizeof kind);
	if (h->field && h->matched && !(strcmp(h->field, "name") == 0 && h->title &&
					 strcmp(h->matched, h->title) == 0))
		snprintf(matched, sizeof matched, "%s: %s", h->field, h->matched);
	else
		snprintf(matched, sizeof matched, "%s", h->field ? h->field : "");

	draw_fill(w, y, x, width, base);
	x = draw_text(w, y, x + 1, kind, c->kind, selected ? base : theme_attr(THEME_KIND));
	x++;
	if (c->number) {
		x = draw_text(w, y, x, h->number, c->number, base);
		x++;
	}
	x = draw_text(w, y, x, h->title, c->title, base);
	if (c->matched) {
		x++;
		x = draw_text(w, y, x, matched, c->matched, base);
	}
	if (c->detail > 0) {
		x++;
		draw_text(w, y, x, h->detail, c->detail, selected ? base : theme_attr(THEME_DIM));
	}
}

/* Lines shown before anything is typed. */
static void draw_intro(const struct screen *s, WINDOW *w)
{
	const struct lookup_state *st = s->state;
	char kinds[256] = "", label[32], keys[64];
	size_t used = 0;
	int y = 2;

	for (int k = 0; k < SK_COUNT; k++) {
		if (!(st->kinds & SEARCH_KIND_BIT(k)))
			continue;
		kind_label((enum search_kind)k, label, sizeof label);
		used += (size_t)snprintf(kinds + used, sizeof kinds - used, "%s%s", used ? ", " : "",
					 label);
		if (used >= sizeof kinds)
			break;
	}
	y += draw_wrap(w, y, 1, "Type a name, number, email, phone or serial number.",
		       s->cols - 2, 2, theme_attr(THEME_NORMAL));
	draw_text(w, y++, 1, "Looks in:", s->cols - 2, theme_attr(THEME_DIM));
	y += draw_wrap(w, y, 3, kinds, s->cols - 4, 3, theme_attr(THEME_DIM));
	y++;
	if (keymap_keys_of(ui_keymap(s->ui), "query", ACT_RESULTS, true, keys, sizeof keys)) {
		char line[200];
		snprintf(line, sizeof line, "%s leaves the search field; then q quits and ? lists the keys.",
			 keys);
		draw_wrap(w, y, 1, line, s->cols - 2, 2, theme_attr(THEME_DIM));
	}
}

static void draw_nothing_found(const struct screen *s, WINDOW *w)
{
	const struct lookup_state *st = s->state;
	char keys[64] = "", line[600];

	/* "press n to create" only to those who may create customers */
	if (screen_permits(s, ACT_NEW, NULL, 0))
		keymap_keys_of(ui_keymap(s->ui), st->typing ? "query" : "lookup", ACT_NEW,
			       st->typing, keys, sizeof keys);
	if (strchr(keys, ' '))
		*strchr(keys, ' ') = '\0';
	if (*keys)
		snprintf(line, sizeof line, "No match for '%s' - press %s to create a customer",
			 st->res_query, keys);
	else
		snprintf(line, sizeof line, "No match for '%s'", st->res_query);
	draw_wrap(w, LIST_Y, 1, line, s->cols - 2, 3, theme_attr(THEME_NORMAL));
}

static void lookup_draw(const struct screen *s, WINDOW *w)
{
	const struct lookup_state *st = s->state;
	const struct lookup_cols *c = &st->cols;
	const char *q = textline_get(&st->query);
	int lw = (int)strlen(LABEL), x;
	char summary[160];

	draw_text(w, 0, 0, LABEL, lw, theme_attr(THEME_HEADING));
	draw_text(w, 0, lw, q, s->cols - lw, st->typing ? theme_attr(THEME_FIELD) : A_NORMAL);

	if (!*q) {
		draw_intro(s, w);
		return;
	}
	if (!st->res_query)
		return; /* the first query has not run yet */
	if (st->res.n == 0) {
		draw_nothing_found(s, w);
		return;
	}
	snprintf(summary, sizeof summary, "%zu%s match%s for '%s'", st->res.n,
		 st->res.n >= st->limit ? "+" : "", st->res.n == 1 ? "" : "es", st->res_query);
	draw_text(w, 1, 1, summary, s->cols - 2, theme_attr(THEME_DIM));

	x = draw_text(w, 2, 1, "Kind", c->kind, theme_attr(THEME_HEADING)) + 1;
	if (c->number)
		x = draw_text(w, 2, x, "Number", c->number, theme_attr(THEME_HEADING)) + 1;
	x = draw_text(w, 2, x, "Name", c->title, theme_attr(THEME_HEADING));
	if (c->matched)
		x = draw_text(w, 2, x + 1, "Matched", c->matched, theme_attr(THEME_HEADING));
	if (c->detail > 0)
		draw_text(w, 2, x + 1, "Detail", c->detail, theme_attr(THEME_HEADING));
	list_draw(&st->list, w, 0, s->cols, draw_hit, st);
}

const struct screen_ops lookup_screen = {
	.name = "lookup",
	.title = "Lookup",
	.flags = SCREEN_HOME | SCREEN_NAMED,
	.state_size = sizeof(struct lookup_state),
	.open = lookup_open,
	.close = lookup_close,
	.layout = lookup_layout,
	.draw = lookup_draw,
	.handle = lookup_handle,
	.update = lookup_update,
	.keymap = lookup_keymap,
	.cursor = lookup_cursor,
	.permits = lookup_permits,
};
