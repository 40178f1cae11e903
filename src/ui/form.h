/* form.h - the field editor used by entry screens (case entry, customer
 * edit): text fields, choice fields, and pickers that look a record up as
 * you type; per-field error messages; dirty tracking.
 *
 * A screen embeds a struct form in its state, adds fields in open(),
 * passes its actions to form_handle() (keymap "form", with "edit" for
 * text), calls form_update() from its update() (picker searches run when
 * typing pauses), and draws with form_draw().  Validation belongs to the
 * model/domain: the screen copies their messages to fields with
 * form_set_error().  Fields are named by a key ("contact") the screen
 * uses to read values back. */
#ifndef CSM_UI_FORM_H
#define CSM_UI_FORM_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/action.h"
#include "ui/keymap.h"
#include "ui/textline.h"
#include "util/draft.h"
#include "util/error.h"

enum form_field_kind {
	FIELD_TEXT,   /* free text */
	FIELD_CHOICE, /* one of a fixed list, cycled with choice-next/prev */
	FIELD_PICKER, /* a record chosen from search results */
};

/* A candidate offered by a picker. */
struct form_option {
	int64_t id;   /* the record's id */
	char *label;  /* what the field shows once picked (owned) */
	char *detail; /* context shown beside it in the list (owned, may be NULL) */
};

struct form_field {
	char *name;                   /* key the screen reads it by (owned) */
	char *label;                  /* shown left of the value (owned) */
	enum form_field_kind kind;    /* how it edits */
	bool required;                /* form_check_required() insists on a value */
	struct textline text;         /* TEXT: the value; PICKER: the search text */
	const char *const *choices;   /* CHOICE: the values (borrowed, static) */
	size_t n_choices;             /* CHOICE: how many */
	size_t choice;                /* CHOICE: index of the current value */
	int64_t picked_id;            /* PICKER: the chosen record, 0 for none */
	char *picked_label;           /* PICKER: its label (owned), NULL for none */
	struct form_option *options;  /* PICKER: candidates of the last search (owned) */
	size_t n_options;             /* PICKER: how many */
	size_t option;                /* PICKER: the highlighted candidate */
	bool dirty;                   /* changed since added or form_mark_clean() */
	char error[200];              /* message shown under the field, "" for none */
};

/* Fills out with up to limit candidates for a picker field's text
 * (owned array and strings; form_options_free() frees them).  Returns 0 or
 * -1 with err set. */
typedef int (*form_lookup_fn)(void *ctx, const struct form_field *field, const char *text,
			      size_t limit, struct form_option **out, size_t *n,
			      struct csm_error *err);

struct form {
	struct form_field *fields; /* owned, n entries, in display order */
	size_t n, cap;             /* used / allocated */
	size_t focus;              /* index of the field being edited */
	form_lookup_fn lookup;     /* picker searches (may be NULL without pickers) */
	void *lookup_ctx;          /* passed to lookup */
	bool pending;              /* a picker search waits for form_update() */
	struct csm_error err;      /* the last picker search's error */
};

void form_init(struct form *f, form_lookup_fn lookup, void *lookup_ctx);
void form_fini(struct form *f);
void form_options_free(struct form_option *o, size_t n);

/* Adds fields; strings are copied, choices borrowed.  Returns the field. */
struct form_field *form_add_text(struct form *f, const char *name, const char *label,
				 bool required, const char *value);
struct form_field *form_add_choice(struct form *f, const char *name, const char *label,
				   const char *const *choices, size_t n, size_t initial);
struct form_field *form_add_picker(struct form *f, const char *name, const char *label,
				   bool required);

/* The field named name, or NULL (borrowed). */
struct form_field *form_field(const struct form *f, const char *name);
/* The field's value as text: the text, the choice, or the picked label;
 * "" when empty (borrowed; valid until the field changes). */
const char *form_value(const struct form *f, const char *name);
/* Sets a picker's record (label copied); id 0 clears it. */
void form_pick(struct form_field *fld, int64_t id, const char *label);

/* Handles next/prev field, choice-next/prev (also moves among a picker's
 * candidates), accept (picks the highlighted candidate) and text editing
 * in the focused field.  Returns true when consumed. */
bool form_handle(struct form *f, enum action a, const struct key_event *ev);
/* Runs the pending picker search for the focused field. */
void form_update(struct form *f);

/* Sets or clears (msg NULL) a field's error; form_clear_errors() all. */
void form_set_error(struct form *f, const char *name, const char *msg);
void form_clear_errors(struct form *f);
/* Sets "required" on every empty required field; true when none is. */
bool form_check_required(struct form *f);
/* True when any field changed (leave-without-saving asks first). */
bool form_dirty(const struct form *f);
void form_mark_clean(struct form *f);

/* Drafts (util/draft.h): form_draft_save() adds the changed fields to d
 * ("text:NAME" the text, "choice:NAME" the value, "pick:NAME" "ID LABEL",
 * "search:NAME" a picker's unfinished search) and the focused field
 * ("focus"); returns how many fields it added.  form_draft_load() puts
 * such values back into the fields of the same names, marked changed;
 * names, kinds and choices the form no longer has are skipped.  Returns
 * how many fields it set. */
size_t form_draft_save(const struct form *f, struct draft *d);
size_t form_draft_load(struct form *f, const struct draft *d);

/* Draws the fields from row y (label column label_w wide) in width
 * columns; returns the rows used.  The focused picker's candidates show
 * under it. */
int form_draw(const struct form *f, WINDOW *w, int y, int x, int width, int label_w);
/* Where the cursor goes for the focused field, as drawn by form_draw(). */
void form_cursor(const struct form *f, int y, int x, int label_w, int *cy, int *cx);

#endif
