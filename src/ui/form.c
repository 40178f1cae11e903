/* form.c - the field editor (see form.h). */
#include "ui/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/theme.h"
#include "util/xalloc.h"

#define PICKER_ROWS 5 /* candidates shown under a focused picker */

void form_init(struct form *f, form_lookup_fn lookup, void *lookup_ctx)
{
	memset(f, 0, sizeof *f);
	f->lookup = lookup;
	f->lookup_ctx = lookup_ctx;
}

void form_options_free(struct form_option *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(o[i].label);
		free(o[i].detail);
	}
	free(o);
}

static void clear_options(struct form_field *fld)
{
	form_options_free(fld->options, fld->n_options);
	fld->options = NULL;
	fld->n_options = fld->option = 0;
}

void form_fini(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct form_field *fld = &f->fields[i];
		free(fld->name);
		free(fld->label);
		free(fld->picked_label);
		textline_fini(&fld->text);
		clear_options(fld);
	}
	free(f->fields);
	memset(f, 0, sizeof *f);
}

static struct form_field *add(struct form *f, const char *name, const char *label,
			      enum form_field_kind kind)
{
	struct form_field *fld;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->fields = xrealloc(f->fields, f->cap * sizeof *f->fields);
	}
	fld = &f->fields[f->n++];
	memset(fld, 0, sizeof *fld);
	fld->name = xstrdup(name);
	fld->label = xstrdup(label);
	fld->kind = kind;
	textline_init(&fld->text);
	return fld;
}

struct form_field *form_add_text(struct form *f, const char *name, const char *label,
				 bool required, const char *value)
{
	struct form_field *fld = add(f, name, label, FIELD_TEXT);

	fld->required = required;
	textline_set(&fld->text, value);
	return fld;
}

struct form_field *form_add_choice(struct form *f, const char *name, const char *label,
				   const char *const *choices, size_t n, size_t initial)
{
	struct form_field *fld = add(f, name, label, FIELD_CHOICE);

	fld->choices = choices;
	fld->n_choices = n;
	fld->choice = initial < n ? initial : 0;
	return fld;
}

struct form_field *form_add_picker(struct form *f, const char *name, const char *label,
				   bool required)
{
	struct form_field *fld = add(f, name, label, FIELD_PICKER);

	fld->required = required;
	return fld;
}

struct form_field *form_field(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return &f->fields[i];
	return NULL;
}

static const char *value_of(const struct form_field *fld)
{
	switch (fld->kind) {
	case FIELD_TEXT:
		return textline_get(&fld->text);
	case FIELD_CHOICE:
		return fld->n_choices ? fld->choices[fld->choice] : "";
	case FIELD_PICKER:
		return fld->picked_label ? fld->picked_label : "";
	}
	return "";
}

const char *form_value(const struct form *f, const char *name)
{
	const struct form_field *fld = form_field(f, name);
	return fld ? value_of(fld) : "";
}

void form_pick(struct form_field *fld, int64_t id, const char *label)
{
	free(fld->picked_label);
	fld->picked_id = id;
	fld->picked_label = id ? xstrdup(label) : NULL;
	textline_set(&fld->text, "");
	clear_options(fld);
	fld->dirty = true;
	fld->error[0] = '\0';
}

static void cycle(struct form_field *fld, int dir)
{
	if (fld->kind == FIELD_CHOICE && fld->n_choices) {
		fld->choice = (fld->choice + fld->n_choices + (size_t)(dir > 0 ? 1 : -1)) %
			      fld->n_choices;
		fld->dirty = true;
	} else if (fld->kind == FIELD_PICKER && fld->n_options) {
		if (dir > 0 && fld->option + 1 < fld->n_options)
			fld->option++;
		else if (dir < 0 && fld->option > 0)
			fld->option--;
	}
}

bool form_handle(struct form *f, enum action a, const struct key_event *ev)
{
	struct form_field *fld = f->n ? &f->fields[f->focus] : NULL;
	bool changed = false;

	if (!fld)
		return false;
	switch (a) {
	case ACT_NEXT_FIELD:
		f->focus = (f->focus + 1) % f->n;
		return true;
	case ACT_PREV_FIELD:
		f->focus = (f->focus + f->n - 1) % f->n;
		return true;
	case ACT_CHOICE_NEXT:
	case ACT_CHOICE_PREV:
		cycle(fld, a == ACT_CHOICE_NEXT ? 1 : -1);
		return fld->kind != FIELD_TEXT;
	case ACT_ACCEPT:
		if (fld->kind != FIELD_PICKER || !fld->n_options)
			return false;
		form_pick(fld, fld->options[fld->option].id, fld->options[fld->option].label);
		return true;
	default:
		break;
	}
	if (fld->kind == FIELD_CHOICE) {
		/* Typing a letter jumps to the next choice starting with it. */
		if (a == ACT_INSERT && ev && ev->key < 128) {
			for (size_t i = 1; i <= fld->n_choices; i++) {
				size_t c = (fld->choice + i) % fld->n_choices;
				if ((unsigned char)fld->choices[c][0] == ev->key) {
					fld->choice = c;
					fld->dirty = true;
					break;
				}
			}
			return true;
		}
		return false;
	}
	if (!textline_handle(&fld->text, a, ev, &changed))
		return false;
	if (changed) {
		fld->dirty = true;
		fld->error[0] = '\0';
		if (fld->kind == FIELD_PICKER)
			f->pending = true;
	}
	return true;
}

void form_update(struct form *f)
{
	struct form_field *fld = f->n ? &f->fields[f->focus] : NULL;
	struct form_option *opts = NULL;
	size_t n = 0;

	if (!f->pending || !fld || fld->kind != FIELD_PICKER || !f->lookup)
		return;
	f->pending = false;
	clear_options(fld);
	if (!*textline_get(&fld->text))
		return;
	csm_error_clear(&f->err);
	if (f->lookup(f->lookup_ctx, fld, textline_get(&fld->text), PICKER_ROWS * 4, &opts, &n,
		      &f->err) < 0) {
		form_options_free(opts, n);
		/* the line under a field is short: cut the message to fit */
		snprintf(fld->error, sizeof fld->error, "%.*s", (int)sizeof fld->error - 1, f->err.msg);
		return;
	}
	fld->options = opts;
	fld->n_options = n;
	if (n == 0)
		snprintf(fld->error, sizeof fld->error, "no match for '%s'",
			 textline_get(&fld->text));
}

void form_set_error(struct form *f, const char *name, const char *msg)
{
	struct form_field *fld = form_field(f, name);

	if (fld)
		snprintf(fld->error, sizeof fld->error, "%s", msg ? msg : "");
}

void form_clear_errors(struct form *f)
{
	for (size_t i = 0; i < f->n; i++)
		f->fields[i].error[0] = '\0';
}

bool form_check_required(struct form *f)
{
	bool ok = true;

	for (size_t i = 0; i < f->n; i++) {
		struct form_field *fld = &f->fields[i];
		if (fld->required && !*value_of(fld)) {
			snprintf(fld->error, sizeof fld->error, "required");
			ok = false;
		}
	}
	return ok;
}

bool form_dirty(const struct form *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->fields[i].dirty)
			return true;
	return false;
}

void form_mark_clean(struct form *f)
{
	for (size_t i = 0; i < f->n; i++)
		f->fields[i].dirty = false;
}

/* ---- drafts ----------------------------------------------------------- */

size_t form_draft_save(const struct form *f, struct draft *d)
{
	size_t saved = 0;
	char key[256];

	for (size_t i = 0; i < f->n; i++) {
		const struct form_field *fld = &f->fields[i];
		const char *search = textline_get(&fld->text);

		if (!fld->dirty && !(fld->kind == FIELD_PICKER && *search))
			continue;
		saved++;
		switch (fld->kind) {
		case FIELD_TEXT:
			snprintf(key, sizeof key, "text:%s", fld->name);
			draft_set(d, key, search);
			break;
		case FIELD_CHOICE:
			snprintf(key, sizeof key, "choice:%s", fld->name);
			draft_set(d, key, value_of(fld));
			break;
		case FIELD_PICKER: {
			char *v = xasprintf("%lld %s", (long long)fld->picked_id,
					    fld->picked_label ? fld->picked_label : "");
			snprintf(key, sizeof key, "pick:%s", fld->name);
			if (fld->dirty)
				draft_set(d, key, v);
			free(v);
			snprintf(key, sizeof key, "search:%s", fld->name);
			if (*search)
				draft_set(d, key, search);
			break;
		}
		}
	}
	if (f->n)
		draft_set(d, "focus", f->fields[f->focus].name);
	return saved;
}

size_t form_draft_load(struct form *f, const struct draft *d)
{
	size_t set = 0;
	const char *v, *focus = draft_get(d, "focus");
	char key[256];

	for (size_t i = 0; i < f->n; i++) {
		struct form_field *fld = &f->fields[i];
		bool done = false;

		switch (fld->kind) {
		case FIELD_TEXT:
			snprintf(key, sizeof key, "text:%s", fld->name);
			if ((v = draft_get(d, key))) {
				textline_set(&fld->text, v);
				done = true;
			}
			break;
		case FIELD_CHOICE:
			snprintf(key, sizeof key, "choice:%s", fld->name);
			if (!(v = draft_get(d, key)))
				break;
			for (size_t c = 0; c < fld->n_choices && !done; c++)
				if (strcmp(fld->choices[c], v) == 0) {
					fld->choice = c;
					done = true;
				}
			break;
		case FIELD_PICKER: {
			char *rest;
			long long id;

			snprintf(key, sizeof key, "pick:%s", fld->name);
			if ((v = draft_get(d, key))) {
				id = strtoll(v, &rest, 10);
				if (rest != v && id >= 0) {
					form_pick(fld, (int64_t)id, *rest == ' ' ? rest + 1 : rest);
					done = true;
				}
			}
			snprintf(key, sizeof key, "search:%s", fld->name);
			if ((v = draft_get(d, key))) {
				textline_set(&fld->text, v);
				f->pending = true;
				done = true;
			}
			break;
		}
		}
		if (done) {
			fld->dirty = true;
			set++;
		}
		if (focus && strcmp(fld->name, focus) == 0)
			f->focus = i;
	}
	return set;
}

/* ---- drawing ---------------------------------------------------------- */

/* Rows field i takes: itself, its error, and a focused picker's list. */
static int rows_of(const struct form *f, size_t i)
{
	const struct form_field *fld = &f->fields[i];
	int rows = 1 + (fld->error[0] ? 1 : 0);

	if (i == f->focus && fld->kind == FIELD_PICKER)
		rows += (int)(fld->n_options < PICKER_ROWS ? fld->n_options : PICKER_ROWS);
	return rows;
}

int form_draw(const struct form *f, WINDOW *w, int y, int x, int width, int label_w)
{
	int row = y, vx = x + label_w + 1, vw = width - label_w - 1;

	for (size_t i = 0; i < f->n; i++) {
		const struct form_field *fld = &f->fields[i];
		bool focus = i == f->focus;
		attr_t field_attr = focus ? theme_attr(THEME_FIELD) : theme_attr(THEME_NORMAL);
		char label[128], shown[512];

		snprintf(label, sizeof label, "%s%s", fld->label, fld->required ? "*" : "");
		draw_text(w, row, x, label, label_w, theme_attr(focus ? THEME_HEADING : THEME_DIM));
		if (fld->kind == FIELD_CHOICE)
			snprintf(shown, sizeof shown, "< %s >", value_of(fld));
		else if (fld->kind == FIELD_PICKER && focus && *textline_get(&fld->text))
			snprintf(shown, sizeof shown, "%s", textline_get(&fld->text));
		else
			snprintf(shown, sizeof shown, "%s", value_of(fld));
		draw_text(w, row++, vx, shown, vw, field_attr);
		if (fld->error[0])
			draw_text(w, row++, vx, fld->error, vw, theme_attr(THEME_ERROR));
		if (focus && fld->kind == FIELD_PICKER) {
			size_t first = fld->option >= PICKER_ROWS ? fld->option - PICKER_ROWS + 1 : 0;
			for (size_t o = first; o < fld->n_options && o < first + PICKER_ROWS; o++) {
				attr_t a = o == fld->option ? theme_attr(THEME_SELECTED)
							    : theme_attr(THEME_NORMAL);
				int ox = draw_text(w, row, vx, fld->options[o].label, vw / 2, a);
				draw_text(w, row++, ox, fld->options[o].detail, vw - vw / 2,
					  o == fld->option ? a : theme_attr(THEME_DIM));
			}
		}
	}
	return row - y;
}

void form_cursor(const struct form *f, int y, int x, int label_w, int *cy, int *cx)
{
	const struct form_field *fld;

	*cy = y;
	for (size_t i = 0; i < f->focus && i < f->n; i++)
		*cy += rows_of(f, i);
	*cx = x + label_w + 1;
	if (f->focus >= f->n)
		return;
	fld = &f->fields[f->focus];
	if (fld->kind != FIELD_CHOICE)
		*cx += textline_cursor_col(&fld->text);
}
