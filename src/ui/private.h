/* private.h - what the console's own files share (ui.c, term.c, bars.c,
 * cmdline.c); screens use ui.h and screen.h only. */
#ifndef CSM_UI_PRIVATE_H
#define CSM_UI_PRIVATE_H

#include <curses.h>

#include "ui/screen.h"
#include "ui/textline.h"
#include "ui/ui.h"

struct ui {
	struct store *store;            /* the database (borrowed) */
	const struct csm_config *cfg;   /* the configuration (borrowed) */
	const char *db_path;            /* shown in the header (borrowed) */
	char who[160];                  /* header: "login (Name)" of the acting user */
	char roles[192];                /* header: "as admin", "via LOGIN", "demo", "not a user" */
	struct keymap *keymap;          /* defaults plus ui.keys (owned) */
	struct screen **stack;          /* open screens, [0] is home (owned) */
	int depth, cap;                 /* screens open / slots allocated */
	char msg[512];                  /* status-line message, "" for none */
	bool msg_error;                 /* msg is an error */
	bool quit;                      /* leave the main loop */
	bool redraw_all;                /* clear the terminal and repaint */
	struct {
		bool active;            /* the ':' line is open */
		struct textline line;   /* what is typed after ':' */
	} cmd;
	struct {
		bool active;            /* a yes/no question is waiting */
		char question[160];     /* shown in the status line */
		enum action then;       /* ACT_QUIT or ACT_CLOSE when answered yes */
	} confirm;
	struct {
		char **paths;           /* drafts of this database to offer (owned) */
		size_t n, next;         /* how many / the one offered now */
		bool asking;            /* confirm holds the question about paths[next] */
	} drafts;                       /* drafts.c */
	int rows, cols;                 /* body size last given to ui_layout() */
};

/* What the console does with an action a screen passed on (help, command
 * line, back, close, quit, redraw); others are ignored. */
void ui_action(struct ui *ui, enum action a);

/* drafts.c: answers the draft offer's question with the key (y, n, Esc;
 * other keys wait); false when no draft is being offered. */
bool drafts_answer(struct ui *ui, const struct key_event *ev);
/* Frees what ui_drafts_offer() found. */
void drafts_fini(struct ui *ui);

/* cmdline.c: the ':' line's keys (keymap "prompt"). */
void cmdline_open(struct ui *ui);
void cmdline_handle(struct ui *ui, enum action a, const struct key_event *ev);
/* Completes the command line's text as a screen name (Tab). */
void cmdline_complete(struct ui *ui);

/* bars.c: the header and the status line. */
void bars_draw_header(const struct ui *ui, WINDOW *w, int cols);
void bars_draw_status(const struct ui *ui, WINDOW *w, int y, int cols);
/* Writes the key hints of the top screen into buf ("Enter open  ? help"),
 * at most width columns. */
void bars_hints(const struct ui *ui, char *buf, size_t size, int width);

#endif
