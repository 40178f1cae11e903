/* list.c - the generic list widget over a paged source (see list.h). */
#include "ui/list.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void list_rows_push(struct list_rows *out, int64_t id, const char *key, void *data)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 32;
		out->v = xrealloc(out->v, out->cap * sizeof *out->v);
	}
	out->v[out->n++] = (struct list_row){id, xstrdup(key), data};
}

static int array_fetch(void *ctx, const struct list_row *anchor, int dir, size_t limit,
		       struct list_rows *out, struct csm_error *err)
{
	int64_t n = (int64_t) * (const size_t *)ctx;
	(void)err;

	if (dir > 0) {
		for (int64_t i = anchor ? anchor->id + 1 : 0; i < n && out->n < limit; i++)
			list_rows_push(out, i, NULL, NULL);
	} else {
		for (int64_t i = anchor ? anchor->id - 1 : n - 1; i >= 0 && out->n < limit; i--)
			list_rows_push(out, i, NULL, NULL);
	}
	return 0;
}

const struct list_source list_array_source = {
	.fetch = array_fetch,
	.free_data = NULL,
};

size_t list_window_rows(int height)
{
	size_t h = height > 0 ? (size_t)height : 1;
	return h * 4 > 64 ? h * 4 : 64;
}

/* Rows asked for per fetch: a page, and never tiny. */
static size_t chunk(const struct list *l)
{
	return l->height > 16 ? (size_t)l->height : 16;
}

static void free_row(struct list *l, struct list_row *r)
{
	free(r->key);
	if (l->src->free_data && r->data)
		l->src->free_data(r->data);
}

static void clear_rows(struct list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free_row(l, &l->rows[i]);
	l->n = l->sel = l->top = 0;
	l->more_before = l->more_after = false;
}

void list_init(struct list *l, const struct list_source *src, void *ctx)
{
	memset(l, 0, sizeof *l);
	l->src = src;
	l->ctx = ctx;
	l->height = 1;
}

void list_fini(struct list *l)
{
	clear_rows(l);
	free(l->rows);
	l->rows = NULL;
	l->cap = 0;
}

static void reserve(struct list *l, size_t n)
{
	if (n <= l->cap)
		return;
	while (l->cap < n)
		l->cap = l->cap ? l->cap * 2 : 64;
	l->rows = xrealloc(l->rows, l->cap * sizeof *l->rows);
}

/* Keeps the window near list_window_rows(): drops rows at the far end from
 * the direction just loaded, never the visible ones or the selection. */
static void trim(struct list *l, int dir)
{
	size_t cap = list_window_rows(l->height), drop;

	if (l->n <= cap)
		return;
	if (dir > 0) {
		size_t keep_from = l->top < l->sel ? l->top : l->sel;
		drop = l->n - cap < keep_from ? l->n - cap : keep_from;
		for (size_t i = 0; i < drop; i++)
			free_row(l, &l->rows[i]);
		memmove(l->rows, l->rows + drop, (l->n - drop) * sizeof *l->rows);
		l->n -= drop;
		l->sel -= drop;
		l->top -= drop;
		if (drop)
			l->more_before = true;
	} else {
		size_t last_visible = l->top + (size_t)l->height - 1;
		size_t keep_to = l->sel > last_visible ? l->sel : last_visible;
		size_t spare = l->n - 1 > keep_to ? l->n - 1 - keep_to : 0;
		drop = l->n - cap < spare ? l->n - cap : spare;
		for (size_t i = l->n - drop; i < l->n; i++)
			free_row(l, &l->rows[i]);
		l->n -= drop;
		if (drop)
			l->more_after = true;
	}
}

/* Loads one page after the window (dir > 0) or before it (dir < 0).
 * Returns the number of rows loaded, or -1. */
static int fetch(struct list *l, int dir)
{
	struct list_rows got = {0};
	size_t want = chunk(l);
	const struct list_row *anchor = NULL;

	if (l->n)
		anchor = dir > 0 ? &l->rows[l->n - 1] : &l->rows[0];
	csm_error_clear(&l->err);
	if (l->src->fetch(l->ctx, anchor, dir, want, &got, &l->err) < 0) {
		for (size_t i = 0; i < got.n; i++)
			free_row(l, &got.v[i]);
		free(got.v);
		return -1;
	}
	reserve(l, l->n + got.n);
	if (dir > 0) {
		if (got.n) /* an empty page may leave both pointers NULL */
			memcpy(l->rows + l->n, got.v, got.n * sizeof *got.v);
		l->n += got.n;
		l->more_after = got.n >= want;
	} else {
		if (l->n)
			memmove(l->rows + got.n, l->rows, l->n * sizeof *l->rows);
		for (size_t i = 0; i < got.n; i++)
			l->rows[got.n - 1 - i] = got.v[i];
		l->n += got.n;
		if (l->n > got.n) {
			l->sel += got.n;
			l->top += got.n;
		}
		l->more_before = got.n >= want;
	}
	free(got.v);
	trim(l, dir);
	return (int)got.n;
}

static void keep_visible(struct list *l)
{
	size_t h = (size_t)(l->height > 0 ? l->height : 1);

	if (l->n == 0) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	/* Fill the area when the end of the data is visible. */
	if (!l->more_after && l->top + h > l->n)
		l->top = l->n > h ? l->n - h : 0;
	if (l->view_only)
		l->sel = l->top;
}

int list_reload(struct list *l)
{
	clear_rows(l);
	if (fetch(l, 1) < 0)
		return -1;
	keep_visible(l);
	return 0;
}

void list_set_area(struct list *l, int y, int height)
{
	l->y = y;
	l->height = height > 0 ? height : 1;
	/* A taller area may show rows not loaded yet. */
	while (l->more_after && l->top + (size_t)l->height > l->n)
		if (fetch(l, 1) <= 0)
			break;
	keep_visible(l);
}

/* view_only: scrolls so that top moves by delta, the last page full. */
static void scroll_view(struct list *l, long delta)
{
	long target = (long)l->top + delta;

	while (target + l->height > (long)l->n && l->more_after) {
		size_t old = l->top;
		if (fetch(l, 1) <= 0)
			break;
		target += (long)l->top - (long)old;
	}
	while (target < 0 && l->more_before) {
		size_t old = l->top;
		if (fetch(l, -1) <= 0)
			break;
		target += (long)l->top - (long)old;
	}
	if (target > (long)l->n - l->height)
		target = (long)l->n - l->height;
	if (target < 0)
		target = 0;
	l->top = l->sel = (size_t)target;
}

void list_move(struct list *l, long delta)
{
	long target = (long)l->sel + delta;

	if (l->view_only) {
		scroll_view(l, delta);
		return;
	}
	while (target >= (long)l->n && l->more_after) {
		size_t old = l->sel;
		if (fetch(l, 1) <= 0)
			break;
		target += (long)l->sel - (long)old;
	}
	while (target < 0 && l->more_before) {
		size_t old = l->sel;
		if (fetch(l, -1) <= 0)
			break;
		target += (long)l->sel - (long)old;
	}
	if (target < 0)
		target = 0;
	if (l->n && target >= (long)l->n)
		target = (long)l->n - 1;
	l->sel = l->n ? (size_t)target : 0;
	keep_visible(l);
}

void list_first(struct list *l)
{
	if (l->more_before) {
		list_reload(l);
		return;
	}
	l->sel = l->top = 0;
}

void list_last(struct list *l)
{
	if (l->more_after) {
		clear_rows(l);
		if (fetch(l, -1) < 0)
			return;
		l->more_after = false;
	}
	l->sel = l->n ? l->n - 1 : 0;
	keep_visible(l);
}

bool list_handle(struct list *l, enum action a, const struct key_event *ev)
{
	switch (a) {
	case ACT_UP: list_move(l, -1); return true;
	case ACT_DOWN: list_move(l, 1); return true;
	case ACT_PAGE_UP: list_move(l, -(long)l->height); return true;
	case ACT_PAGE_DOWN: list_move(l, l->height); return true;
	case ACT_FIRST: list_first(l); return true;
	case ACT_LAST: list_last(l); return true;
	case ACT_MOUSE:
		if (!ev)
			return false;
		if (ev->mouse_wheel) {
			list_move(l, 3L * ev->mouse_wheel);
			return true;
		}
		if ((ev->mouse_click || ev->mouse_double) && ev->mouse_y >= l->y &&
		    ev->mouse_y < l->y + l->height) {
			size_t i = l->top + (size_t)(ev->mouse_y - l->y);
			if (i < l->n)
				l->sel = i;
			return !ev->mouse_double;
		}
		return false;
	default:
		return false;
	}
}

const struct list_row *list_selected(const struct list *l)
{
	return l->n ? &l->rows[l->sel] : NULL;
}

void list_draw(const struct list *l, WINDOW *w, int x, int width,
	       void (*draw_row)(const void *ctx, const struct list_row *row, WINDOW *w, int y,
				int x, int width, bool selected),
	       const void *ctx)
{
	for (int i = 0; i < l->height; i++) {
		size_t r = l->top + (size_t)i;
		if (r < l->n) {
			draw_row(ctx, &l->rows[r], w, l->y + i, x, width,
				 r == l->sel && !l->view_only);
		} else {
			wmove(w, l->y + i, x);
			for (int c = 0; c < width; c++)
				waddch(w, ' ');
		}
	}
}
