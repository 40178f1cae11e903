/* list.h - the one list widget: a window of rows over a paged source.
 *
 * A list never loads a whole table.  It holds a window of at most
 * list_window_rows() rows around the selection and asks its source for the
 * next or previous page (keyset pagination: "rows after the last one I
 * have") as the selection moves past either end; rows that fall far
 * outside the window are freed, so memory stays flat however long the
 * table is.  The list knows selection and scrolling; the screen draws the
 * rows (list_draw() calls back for each visible row).
 *
 * For data already in memory (search hits, help lines) list_array_source
 * pages over indexes 0..n-1: row ids are the indexes. */
#ifndef CSM_UI_LIST_H
#define CSM_UI_LIST_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/action.h"
#include "ui/keymap.h"
#include "util/error.h"

struct list_row {
	int64_t id;  /* the row's id: keyset tie-breaker and what a screen opens */
	char *key;   /* the row's sort key (owned), NULL when sorted by id alone */
	void *data;  /* the row itself (owned, freed with the source's free_data) */
};

/* Rows being returned by a source. */
struct list_rows {
	struct list_row *v; /* owned array */
	size_t n, cap;
};

/* Appends a row: key is copied, data is taken (may be NULL). */
void list_rows_push(struct list_rows *out, int64_t id, const char *key, void *data);

struct list_source {
	/* Appends to out up to limit rows next to anchor, nearest first: the
	 * rows after anchor in list order when dir > 0, the rows before it
	 * (so in reverse order) when dir < 0.  A NULL anchor means the start
	 * (dir > 0) or the end (dir < 0).  Returns 0 or -1 with err set. */
	int (*fetch)(void *ctx, const struct list_row *anchor, int dir, size_t limit,
		     struct list_rows *out, struct csm_error *err);
	/* Frees a row's data; NULL when rows carry none. */
	void (*free_data)(void *data);
};

/* Pages over 0..*(size_t *)ctx - 1; rows have id = index, no key, no data. */
extern const struct list_source list_array_source;

struct list {
	const struct list_source *src; /* where rows come from (borrowed) */
	void *ctx;                     /* the source's context (borrowed) */
	struct list_row *rows;         /* the loaded window, in list order */
	size_t n, cap;                 /* rows used / allocated */
	size_t sel;                    /* selected row index (when n > 0) */
	size_t top;                    /* index of the first visible row */
	int y;                         /* body row where the list starts (mouse) */
	int height;                    /* visible rows, at least 1 */
	bool more_before;              /* rows exist before rows[0] */
	bool more_after;               /* rows exist after rows[n - 1] */
	bool view_only;                /* no selection: moving scrolls the view (sel == top) */
	struct csm_error err;          /* the last fetch's error; msg empty if fine */
};

void list_init(struct list *l, const struct list_source *src, void *ctx);
/* Frees the loaded rows. */
void list_fini(struct list *l);

/* Drops the rows and loads the first page; selection on the first row.
 * Returns 0 or -1 (l->err holds the message). */
int list_reload(struct list *l);

/* Sets where the list is drawn in the body (row y, height rows) and
 * keeps the selection visible. */
void list_set_area(struct list *l, int y, int height);

/* Moves the selection by delta rows, loading pages as needed; clamps at
 * the ends.  list_first()/list_last() jump to the ends of the data.  In a
 * view_only list (text to read, like help) they scroll the view instead. */
void list_move(struct list *l, long delta);
void list_first(struct list *l);
void list_last(struct list *l);

/* Handles the movement actions (up, down, page-up, page-down, first,
 * last) and mouse wheel and clicks; returns true when consumed.  A
 * double click leaves the selection on the row and returns false, so the
 * screen can treat it as open. */
bool list_handle(struct list *l, enum action a, const struct key_event *ev);

/* The selected row, or NULL when the list is empty (borrowed). */
const struct list_row *list_selected(const struct list *l);

/* Most rows a list keeps loaded for a given height. */
size_t list_window_rows(int height);

/* Draws the visible rows: draw_row is called for each with its window
 * row and whether it is selected.  Rows below the data are cleared. */
void list_draw(const struct list *l, WINDOW *w, int x, int width,
	       void (*draw_row)(const void *ctx, const struct list_row *row, WINDOW *w, int y,
				int x, int width, bool selected),
	       const void *ctx);

#endif
