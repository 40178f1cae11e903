/* dialog.c - one-line input, yes/no and pick-one-of-N questions (see
 * dialog.h). */
#include "ui/dialog.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "ui/draw.h"
#include "ui/theme.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Where the box and its parts are for a body size. */
struct geom {
	int y, x, w, h;  /* the box, borders included */
	int text_y;      /* INPUT: the field's row; CONFIRM: the keys' row */
	int list_y;      /* PICK: first row of the choices */
	int list_h;      /* PICK: rows for choices */
	int error_y;     /* the error row */
};

static void geometry(const struct dialog *d, struct geom *g)
{
	int rows = d->rows > 4 ? d->rows : 4, cols = d->cols > 20 ? d->cols : 20;
	int inner, extra = d->hint ? 1 : 0;

	g->w = cols - 2 < 72 ? cols - 2 : 72;
	if (g->w < 18)
		g->w = cols;
	g->x = (cols - g->w) / 2;
	switch (d->kind) {
	case DIALOG_PICK: {
		/* No error row: a pick has nothing to refuse. */
		int room = rows - 3 - extra;
		g->list_h = (int)d->n < room ? (int)d->n : room;
		if (g->list_h < 1)
			g->list_h = 1;
		inner = 1 + extra + g->list_h;
		break;
	}
	default:
		inner = 1 + extra + 1 + 1;
		break;
	}
	g->h = inner + 2 < rows ? inner + 2 : rows;
	g->y = (rows - g->h) / 2;
	g->text_y = g->list_y = g->y + 2 + extra;
	g->error_y = g->y + g->h - 2;
}

void dialog_init(struct dialog *d)
{
	memset(d, 0, sizeof *d);
	textline_init(&d->text);
	d->text.max = 4000;
	list_init(&d->list, &list_array_source, &d->n);
	d->rows = 10;
	d->cols = 40;
}

static void free_answers(struct dialog *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->labels[i]);
		free(d->details[i]);
	}
	free(d->labels);
	free(d->details);
	d->labels = d->details = NULL;
	d->n = 0;
	list_fini(&d->list);
	list_init(&d->list, &list_array_source, &d->n);
	free(d->title);
	free(d->hint);
	free(d->error);
	d->title = d->hint = d->error = NULL;
}

void dialog_fini(struct dialog *d)
{
	free_answers(d);
	list_fini(&d->list);
	textline_fini(&d->text);
	d->kind = DIALOG_NONE;
}

void dialog_close(struct dialog *d)
{
	free_answers(d);
	textline_set(&d->text, "");
	d->kind = DIALOG_NONE;
}

bool dialog_active(const struct dialog *d)
{
	return d->kind != DIALOG_NONE;
}

/* Tells the choice list how many rows it shows. */
static void set_list_area(struct dialog *d)
{
	struct geom g;

	if (d->kind != DIALOG_PICK)
		return;
	geometry(d, &g);
	list_set_area(&d->list, g.list_y, g.list_h);
}

void dialog_layout(struct dialog *d, int rows, int cols)
{
	d->rows = rows;
	d->cols = cols;
	set_list_area(d);
}

static void start(struct dialog *d, enum dialog_kind kind, int tag, const char *title,
		  const char *hint)
{
	free_answers(d);
	d->kind = kind;
	d->tag = tag;
	d->title = xstrdup(title ? title : "");
	d->hint = hint && *hint ? xstrdup(hint) : NULL;
}

void dialog_input(struct dialog *d, int tag, const char *title, const char *hint,
		  const char *initial, bool required)
{
	start(d, DIALOG_INPUT, tag, title, hint);
	d->required = required;
	textline_set(&d->text, initial ? initial : "");
}

void dialog_confirm(struct dialog *d, int tag, const char *question)
{
	start(d, DIALOG_CONFIRM, tag, question, NULL);
}

void dialog_pick(struct dialog *d, int tag, const char *title, const char *const *labels,
		 const char *const *details, size_t n, size_t sel)
{
	start(d, DIALOG_PICK, tag, title, NULL);
	d->labels = xcalloc(n ? n : 1, sizeof *d->labels);
	d->details = xcalloc(n ? n : 1, sizeof *d->details);
	for (size_t i = 0; i < n; i++) {
		d->labels[i] = xstrdup(labels[i] ? labels[i] : "");
		d->details[i] = details ? xstrdup(details[i]) : NULL;
	}
	d->n = n;
	set_list_area(d);
	list_reload(&d->list);
	if (sel < n)
		list_move(&d->list, (long)sel);
}

void dialog_set_error(struct dialog *d, const char *msg)
{
	free(d->error);
	d->error = msg && *msg ? xstrdup(msg) : NULL;
}

const char *dialog_text(const struct dialog *d)
{
	return textline_get(&d->text);
}

size_t dialog_choice(const struct dialog *d)
{
	const struct list_row *r = list_selected(&d->list);

	return r ? (size_t)r->id : 0;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

/* PICK: a typed character moves to the next choice starting with it. */
static void jump_to_letter(struct dialog *d, unsigned ch)
{
	size_t cur = dialog_choice(d);

	for (size_t k = 1; k <= d->n; k++) {
		size_t i = (cur + k) % d->n;
		unsigned first = (unsigned char)d->labels[i][0];
		if (first < 128 && towlower((wint_t)first) == towlower((wint_t)ch)) {
			list_move(&d->list, (long)i - (long)cur);
			return;
		}
	}
}

enum dialog_result dialog_handle(struct dialog *d, enum action a, const struct key_event *ev)
{
	switch (a) {
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_REDRAW:
	case ACT_RESIZE:
		return DIALOG_PASS;
	case ACT_BACK:
		dialog_close(d);
		return DIALOG_CANCELED;
	default:
		break;
	}
	switch (d->kind) {
	case DIALOG_INPUT: {
		bool changed = false;
		if (a == ACT_ACCEPT) {
			if (d->required && blank(dialog_text(d))) {
				dialog_set_error(d, "This cannot be empty (Esc cancels)");
				return DIALOG_RUNNING;
			}
			return DIALOG_ACCEPTED;
		}
		if (textline_handle(&d->text, a, ev, &changed) && changed)
			dialog_set_error(d, NULL);
		return DIALOG_RUNNING;
	}
	case DIALOG_CONFIRM:
		if (a == ACT_ACCEPT)
			return DIALOG_ACCEPTED;
		if (a == ACT_INSERT && ev && (ev->key == 'n' || ev->key == 'N')) {
			dialog_close(d);
			return DIALOG_CANCELED;
		}
		return DIALOG_RUNNING;
	case DIALOG_PICK:
		if (a == ACT_ACCEPT || a == ACT_OPEN)
			return d->n ? DIALOG_ACCEPTED : DIALOG_RUNNING;
		if (a == ACT_MOUSE && ev && ev->mouse_double) {
			list_handle(&d->list, a, ev);
			return d->n ? DIALOG_ACCEPTED : DIALOG_RUNNING;
		}
		if (list_handle(&d->list, a, ev))
			return DIALOG_RUNNING;
		if (a == ACT_INSERT && ev && d->n)
			jump_to_letter(d, ev->key);
		return DIALOG_RUNNING;
	default:
		return DIALOG_PASS;
	}
}

const char *dialog_keymap(const struct dialog *d, bool *text_input)
{
	*text_input = d->kind == DIALOG_INPUT;
	switch (d->kind) {
	case DIALOG_CONFIRM: return "confirm";
	case DIALOG_PICK: return "pick";
	default: return "dialog";
	}
}

/* Byte offset from which the input is shown so the cursor stays inside a
 * field of width columns. */
static size_t scroll_start(const struct dialog *d, int width)
{
	const char *t = textline_get(&d->text);
	size_t start = 0;

	for (;;) {
		char *part = xstrndup(t + start, d->text.cursor - start);
		int w = utf8_width(part);
		free(part);
		if (w < width || start >= d->text.cursor)
			return start;
		start = utf8_next(t, start);
	}
}

/* A frame of box-drawing characters (UTF-8: the console needs a UTF-8
 * locale anyway) around a cleared area. */
static void draw_box(WINDOW *w, const struct geom *g, attr_t attr)
{
	for (int y = g->y; y < g->y + g->h; y++) {
		bool edge = y == g->y || y == g->y + g->h - 1;
		const char *l = y == g->y ? "\u250c" : y == g->y + g->h - 1 ? "\u2514" : "\u2502";
		const char *r = y == g->y ? "\u2510" : y == g->y + g->h - 1 ? "\u2518" : "\u2502";

		draw_fill(w, y, g->x, g->w, attr);
		draw_str(w, y, g->x, l, 1, attr);
		if (edge)
			for (int x = g->x + 1; x < g->x + g->w - 1; x++)
				draw_str(w, y, x, "\u2500", 1, attr);
		draw_str(w, y, g->x + g->w - 1, r, 1, attr);
	}
}

struct pick_draw {
	const struct dialog *d; /* the dialog */
	int label_w;            /* columns of the label column */
};

static void draw_choice(const void *ctx, const struct list_row *row, WINDOW *w, int y, int x,
			int width, bool selected)
{
	const struct pick_draw *pd = ctx;
	size_t i = (size_t)row->id;
	attr_t base = selected ? theme_attr(THEME_SELECTED) : theme_attr(THEME_NORMAL);
	int lw = pd->label_w < width ? pd->label_w : width;

	draw_fill(w, y, x, width, base);
	x = draw_text(w, y, x + 1, pd->d->labels[i], lw - 1, base);
	if (pd->d->details[i] && width - lw > 2)
		draw_text(w, y, x + 1, pd->d->details[i], width - lw - 2,
			  selected ? base : theme_attr(THEME_DIM));
}

void dialog_draw(const struct dialog *d, WINDOW *w, int rows, int cols)
{
	struct dialog tmp;
	struct geom g;
	int inner_x, inner_w;

	if (d->kind == DIALOG_NONE)
		return;
	tmp = *d;
	tmp.rows = rows;
	tmp.cols = cols;
	geometry(&tmp, &g);
	inner_x = g.x + 2;
	inner_w = g.w - 4 > 1 ? g.w - 4 : 1;
	draw_box(w, &g, theme_attr(THEME_NORMAL));
	draw_text(w, g.y + 1, inner_x, d->title, inner_w, theme_attr(THEME_HEADING));
	if (d->hint)
		draw_text(w, g.y + 2, inner_x, d->hint, inner_w, theme_attr(THEME_DIM));
	switch (d->kind) {
	case DIALOG_INPUT: {
		size_t from = scroll_start(d, inner_w);
		draw_text(w, g.text_y, inner_x, textline_get(&d->text) + from, inner_w,
			  theme_attr(THEME_FIELD));
		break;
	}
	case DIALOG_CONFIRM:
		draw_text(w, g.text_y, inner_x, "y yes   n no", inner_w, theme_attr(THEME_DIM));
		break;
	case DIALOG_PICK: {
		struct pick_draw pd = {d, 0};
		for (size_t i = 0; i < d->n; i++) {
			int lw = utf8_width(d->labels[i]) + 2;
			if (lw > pd.label_w)
				pd.label_w = lw;
		}
		if (pd.label_w > inner_w * 2 / 3)
			pd.label_w = inner_w * 2 / 3;
		list_draw(&d->list, w, inner_x - 1, inner_w + 2, draw_choice, &pd);
		break;
	}
	default:
		break;
	}
	if (d->error)
		draw_text(w, g.error_y, inner_x, d->error, inner_w, theme_attr(THEME_ERROR));
}

bool dialog_cursor(const struct dialog *d, int rows, int cols, int *y, int *x)
{
	struct dialog tmp;
	struct geom g;
	int inner_w;
	size_t from;
	char *part;

	if (d->kind != DIALOG_INPUT)
		return false;
	tmp = *d;
	tmp.rows = rows;
	tmp.cols = cols;
	geometry(&tmp, &g);
	inner_w = g.w - 4 > 1 ? g.w - 4 : 1;
	from = scroll_start(d, inner_w);
	part = xstrndup(textline_get(&d->text) + from, d->text.cursor - from);
	*y = g.text_y;
	*x = g.x + 2 + utf8_width(part);
	free(part);
	return true;
}
