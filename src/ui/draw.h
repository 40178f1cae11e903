/* draw.h - writing text into cells of a fixed display width.
 *
 * Every column of a list goes through draw_text(), which measures in
 * display columns (utf8.h), cuts with an ellipsis, pads with spaces and
 * shows control characters as '?', so that columns line up whatever the
 * data holds. */
#ifndef CSM_UI_DRAW_H
#define CSM_UI_DRAW_H

#include <curses.h>

/* Writes s at (y, x) in exactly width columns with attributes attr:
 * cut with "…" when longer, padded with spaces when shorter.  Returns the
 * column after the cell.  s may be NULL (blank cell). */
int draw_text(WINDOW *w, int y, int x, const char *s, int width, attr_t attr);

/* Like draw_text() but without padding: writes at most width columns and
 * returns the column after the text. */
int draw_str(WINDOW *w, int y, int x, const char *s, int width, attr_t attr);

/* Writes s word-wrapped into at most max_lines lines of width columns
 * from (y, x); the last line is cut with "…" if needed.  Returns the
 * number of lines written. */
int draw_wrap(WINDOW *w, int y, int x, const char *s, int width, int max_lines, attr_t attr);

/* Writes width blanks at (y, x) with attr. */
void draw_fill(WINDOW *w, int y, int x, int width, attr_t attr);

#endif
