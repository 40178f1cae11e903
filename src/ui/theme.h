/* theme.h - what each part of the screen looks like.
 *
 * Screens ask for a role, never for a colour.  With colours off (NO_COLOR,
 * ui.color: never, or a terminal without colours) every role falls back to
 * plain attributes (reverse, bold, underline), so the console reads the
 * same in black and white. */
#ifndef CSM_UI_THEME_H
#define CSM_UI_THEME_H

#include <curses.h>
#include <stdbool.h>

enum theme_role {
	THEME_NORMAL,   /* ordinary text */
	THEME_HEADER,   /* the header line */
	THEME_STATUS,   /* the status line */
	THEME_HINT_KEY, /* a key in the status line's hints */
	THEME_MESSAGE,  /* an informative message */
	THEME_ERROR,    /* an error message */
	THEME_SELECTED, /* the selected row of a list */
	THEME_HEADING,  /* column headings, section titles */
	THEME_KIND,     /* a record kind label ("account", "case") */
	THEME_DIM,      /* secondary text (details, empty-list hints) */
	THEME_FIELD,    /* a text field being edited */
	THEME_ROLE_COUNT
};

/* Sets the roles up; call after initscr().  color decides whether colour
 * pairs are used (config_use_color()). */
void theme_init(bool color);

/* The attributes of a role (A_NORMAL before theme_init()). */
attr_t theme_attr(enum theme_role role);

/* True when theme_init() turned colours on. */
bool theme_color(void);

#endif
