/* textline.h - a one-line text editor: the lookup's search field, the
 * command line and the text fields of forms.
 *
 * The text is UTF-8; the cursor is a byte offset that always sits on a
 * character boundary.  textline_handle() takes the editing actions of the
 * "edit" keymap plus ACT_INSERT; it never draws. */
#ifndef CSM_UI_TEXTLINE_H
#define CSM_UI_TEXTLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/action.h"
#include "ui/keymap.h"
#include "util/strbuf.h"

struct textline {
	struct strbuf text; /* the UTF-8 text */
	size_t cursor;      /* byte offset of the cursor in text */
	size_t max;         /* longest text in bytes; 0 = 1024 */
};

void textline_init(struct textline *t);
void textline_fini(struct textline *t);
/* Replaces the text (copied) and puts the cursor at its end. */
void textline_set(struct textline *t, const char *s);
/* The text (borrowed; valid until the next change). */
const char *textline_get(const struct textline *t);

/* Applies an editing action.  Returns true when the action was one of
 * the editor's (consumed); *changed (may be NULL) is set when the text
 * itself changed (not just the cursor). */
bool textline_handle(struct textline *t, enum action a, const struct key_event *ev,
		     bool *changed);

/* Display column of the cursor, counted from the start of the text. */
int textline_cursor_col(const struct textline *t);

#endif
