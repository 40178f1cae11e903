/* dialog.h - small modal questions a screen asks on top of its body: a
 * one-line text input, a yes/no confirmation, and pick one of N.
 *
 * A screen keeps a struct dialog in its state.  While dialog_active(), the
 * screen's layout() calls dialog_layout(), its keymap() returns dialog_keymap() (keymaps "dialog" for text,
 * "confirm" for yes/no, "pick" for choices), handle() passes every action
 * to dialog_handle() first, draw() ends with dialog_draw() and cursor()
 * asks dialog_cursor().  When dialog_handle() says DIALOG_ACCEPTED the
 * screen reads the answer (dialog_text(), dialog_choice()) and closes the
 * dialog (or opens the next question); on DIALOG_CANCELED the dialog has
 * already closed itself.  The dialog never talks to the database. */
#ifndef CSM_UI_DIALOG_H
#define CSM_UI_DIALOG_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "ui/action.h"
#include "ui/keymap.h"
#include "ui/list.h"
#include "ui/textline.h"

enum dialog_kind {
	DIALOG_NONE,    /* no dialog shown */
	DIALOG_INPUT,   /* one line of text */
	DIALOG_CONFIRM, /* yes or no */
	DIALOG_PICK,    /* one of a list of choices */
};

enum dialog_result {
	DIALOG_RUNNING,  /* consumed; the question is still open */
	DIALOG_ACCEPTED, /* answered: read the answer, then close or reuse the dialog */
	DIALOG_CANCELED, /* Esc (or n): the dialog closed itself */
	DIALOG_PASS,     /* not the dialog's action (help, quit, redraw): pass it on */
};

struct dialog {
	enum dialog_kind kind;  /* DIALOG_NONE when closed */
	int tag;                /* the screen's note of what is being asked (free use) */
	char *title;            /* the question (owned) */
	char *hint;             /* a line under the question (owned), NULL = none */
	char *error;            /* why the answer was not taken (owned), NULL = none */
	struct textline text;   /* INPUT: what is typed */
	bool required;          /* INPUT: an empty (blank) answer is refused */
	char **labels;          /* PICK: the choices (owned) */
	char **details;         /* PICK: a second column per choice (owned, entries may be NULL) */
	size_t n;               /* PICK: number of choices (the list's array source count) */
	struct list list;       /* PICK: selection over 0..n-1 */
	int rows, cols;         /* the body size from dialog_layout() */
};

void dialog_init(struct dialog *d);
/* Frees what the dialog holds (it may be open). */
void dialog_fini(struct dialog *d);
/* Closes the dialog and frees its question and answers. */
void dialog_close(struct dialog *d);
bool dialog_active(const struct dialog *d);
/* The body is rows x cols (call from the screen's layout()). */
void dialog_layout(struct dialog *d, int rows, int cols);

/* Opens a text question with an initial text (may be NULL); required
 * refuses a blank answer with a message in the dialog.  hint may be NULL. */
void dialog_input(struct dialog *d, int tag, const char *title, const char *hint,
		  const char *initial, bool required);
/* Opens a yes/no question. */
void dialog_confirm(struct dialog *d, int tag, const char *question);
/* Opens a choice among n labels (copied; details may be NULL, or hold
 * NULL entries) with the selection on sel. */
void dialog_pick(struct dialog *d, int tag, const char *title, const char *const *labels,
		 const char *const *details, size_t n, size_t sel);

/* Shows why the answer was not taken; the dialog stays open. */
void dialog_set_error(struct dialog *d, const char *msg);

/* Acts on an action while the dialog is open (see enum dialog_result). */
enum dialog_result dialog_handle(struct dialog *d, enum action a, const struct key_event *ev);

/* INPUT: the text typed (borrowed).  PICK: the chosen index. */
const char *dialog_text(const struct dialog *d);
size_t dialog_choice(const struct dialog *d);

/* The keymap while open and whether printable keys type. */
const char *dialog_keymap(const struct dialog *d, bool *text_input);

/* Draws the dialog over a body of rows x cols. */
void dialog_draw(const struct dialog *d, WINDOW *w, int rows, int cols);
/* Where the cursor goes (INPUT only); false hides it. */
bool dialog_cursor(const struct dialog *d, int rows, int cols, int *y, int *x);

#endif
