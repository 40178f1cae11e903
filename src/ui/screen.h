/* screen.h - one file per screen behind struct screen_ops.
 *
 * HOW TO ADD A SCREEN (e.g. the customer screen)
 *
 *  1. Create src/ui/screens/customer.c (add it to src/ui/meson.build).
 *     Everything in it is static except one table:
 *
 *         struct customer_state { ... every field commented ... };
 *
 *         const struct screen_ops customer_screen = {
 *                 .name = "customer",          // keymap name and ":customer"
 *                 .title = "Customer",         // shown in the header
 *                 .flags = 0,                  // SCREEN_NAMED to allow ":customer"
 *                 .state_size = sizeof(struct customer_state),
 *                 .open = customer_open,       // load what the arg names
 *                 .close = customer_close,     // free what open allocated
 *                 .layout = customer_layout,   // size changed: recompute areas
 *                 .draw = customer_draw,       // paint from state; never change it
 *                 .handle = customer_handle,   // act on an action; never draw
 *         };
 *
 *  2. Declare it below ("The screens") and list it in src/ui/registry.c:
 *     in screen_registry[] so ":name" finds it and its keymap is known to
 *     ui.keys, and in record_screens[] for the record kinds it shows
 *     (.view) or creates (.create).  ui_open_record() and the lookup's
 *     "press n to create" then reach it with no other change.
 *
 *  3. Add its actions to ACTIONS(_) in action.h (only the new ones) and its
 *     default keys to the table in keymap.c under the keymap "customer".
 *     The help screen and the status line hints are generated from that
 *     table; users can rebind them with ui.keys: {customer: {action: keys}}.
 *
 *  4. Lists use struct list (list.h) over a paged source; text fields use
 *     struct textline (textline.h); forms use struct form (form.h); cells
 *     are written with draw_text() (draw.h) in theme roles (theme.h).
 *
 *  5. Test handle() without a terminal: tests/unit/test_ui_<name>.c makes a
 *     console with ui_new(), opens the screen with ui_push() and feeds it
 *     keys with ui_dispatch_key() or actions with screen->ops->handle();
 *     then asserts on the state.  Add a tmux scenario in tests/tui/.
 *
 * THE CONTRACT
 *  - handle() gets the action the key resolved to (the screen's current
 *    keymap first, then "edit" for text input, then "global"; an unbound
 *    printable key is ACT_INSERT with the character in ev->key).  It
 *    changes state, sets s->redraw, and returns ACT_NONE when it consumed
 *    the action, or the action itself to let the console handle it (help,
 *    back, close, quit, command line).  It never draws and should not run
 *    slow queries: set s->pending and do them in update().
 *  - permits() (optional) says what the acting user may not do: the
 *    console refuses such an action with the reason before handle() and
 *    leaves it out of the key hints (access: store/access.h).  Screens that
 *    create or edit a record also refuse in open(), for other ways in.
 *  - update() (optional) runs when the keyboard is idle and s->pending is
 *    set: search-as-you-type queries go there, so typing never waits.
 *  - draw() paints the body window (below the header, above the status
 *    line) from state only.  It is called after any change and after every
 *    resize, for the top screen.
 *  - layout() is called on open and on every terminal resize, for every
 *    screen on the stack, with the body size (at least 40x10 columns/rows
 *    minus the header and status lines).  Drop columns when narrow.
 *  - Report problems with ui_error(s->ui, ...) and results with
 *    ui_message(s->ui, ...); both appear in the status line. */
#ifndef CSM_UI_SCREEN_H
#define CSM_UI_SCREEN_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/search.h"
#include "ui/action.h"
#include "ui/keymap.h"
#include "util/draft.h"
#include "util/error.h"

struct ui;

enum screen_flags {
	SCREEN_HOME = 1 << 0,  /* the bottom of the stack: q there quits csm */
	SCREEN_NAMED = 1 << 1, /* can be opened by name on the command line */
};

/* What to open a screen on.  Fields not needed are 0 / NULL. */
struct screen_arg {
	enum search_kind kind; /* the record's kind (when id or create is set) */
	int64_t id;            /* the record's row id, 0 for none */
	const char *number;    /* the record's number (borrowed), may be NULL */
	const char *text;      /* free text: a search to start with (borrowed) */
	bool create;           /* open a blank record of kind to create it */
	const char *keymap;    /* help: the keymaps to describe, space-separated */
};

/* One open screen on the console's stack. */
struct screen {
	const struct screen_ops *ops; /* what kind of screen */
	struct ui *ui;                /* the console it is open in (borrowed) */
	void *state;                  /* ops->state_size bytes, zeroed at open, owned */
	bool redraw;                  /* set by handle()/update(): draw() must run */
	bool pending;                 /* set by handle(): update() has work to do */
	int rows, cols;               /* body size from the last layout() */
	struct screen_arg arg;        /* a copy of what it was opened on (strings owned):
				       * a draft reopens the screen with it */
};

struct screen_ops {
	const char *name;  /* keymap name and command-line name ("lookup") */
	const char *title; /* shown in the header ("Lookup") */
	unsigned flags;    /* enum screen_flags */
	size_t state_size; /* bytes of state allocated (zeroed) for each open */
	/* Loads what arg names into s->state.  Returns 0, or -1 with err set
	 * (the screen is then not shown; close() is not called). */
	int (*open)(struct screen *s, const struct screen_arg *arg, struct csm_error *err);
	/* Frees what open() and later calls allocated (not s->state itself). */
	void (*close)(struct screen *s);
	/* The body is now rows x cols. */
	void (*layout)(struct screen *s, int rows, int cols);
	/* Paints the body window from state. */
	void (*draw)(const struct screen *s, WINDOW *w);
	/* Acts on an action (see the contract above). */
	enum action (*handle)(struct screen *s, enum action a, const struct key_event *ev);
	/* Optional: deferred work, run when the keyboard is idle. */
	void (*update)(struct screen *s);
	/* Optional: the keymap in use now (default: name) and whether the
	 * screen takes text now (printable keys then type). */
	const char *(*keymap)(const struct screen *s, bool *text_input);
	/* Optional: where the terminal cursor goes (body coordinates); false
	 * hides it. */
	bool (*cursor)(const struct screen *s, int *y, int *x);
	/* Optional: true when leaving would lose unsaved changes. */
	bool (*dirty)(const struct screen *s);
	/* Optional: whether the acting user may take action a here now.
	 * False refuses it: the console shows why (written into why, at most
	 * size bytes, when why is not NULL) instead of passing the action to
	 * handle(), and the status line does not hint it.  Actions the screen
	 * does not restrict are allowed.  Must be cheap: hints ask on every
	 * draw. */
	bool (*permits)(const struct screen *s, enum action a, char *why, size_t size);
	/* Optional: the screen is on top again (the one above it closed):
	 * reread what that screen may have changed. */
	void (*resume)(struct screen *s);
	/* Optional, for screens with dirty(): a signal (SSH drop, Ctrl-C) is
	 * ending csm with unsaved changes: add what was typed to d (usually
	 * with form_draft_save()) and a "what" word for the question ("case");
	 * false when there is nothing worth keeping.  Called on the way out of
	 * the loop, never from the signal handler (drafts.c). */
	bool (*draft_save)(const struct screen *s, struct draft *d);
	/* Optional, with draft_save: puts a draft's values back into the
	 * screen just opened on the draft's arg (the next start's "Restore the
	 * unsaved ... draft?").  Returns 0, or -1 with err set. */
	int (*draft_load)(struct screen *s, const struct draft *d, struct csm_error *err);
};

/* Opens a screen: allocates it and its state and calls ops->open().
 * Returns the owned screen, or NULL with err set. */
struct screen *screen_new(const struct screen_ops *ops, struct ui *ui, const struct screen_arg *arg,
			  struct csm_error *err);
/* Calls ops->close(), frees the state and the screen; sets *s to NULL. */
void screen_free(struct screen **s);
/* The screen's current keymap and whether it takes text. */
const char *screen_keymap(const struct screen *s, bool *text_input);
/* Whether the acting user may take action a on s now (screen_ops.permits;
 * true when the screen has none).  why/size as there (may be NULL/0). */
bool screen_permits(const struct screen *s, enum action a, char *why, size_t size);

/* ---- the registry (registry.c) ---------------------------------------- */

/* Every screen, NULL-terminated: ":name" and ui.keys keymap names. */
extern const struct screen_ops *const screen_registry[];
/* The screen named name, or NULL. */
const struct screen_ops *screen_find(const char *name);

/* Which screen shows (view) and creates (create) a record of each kind;
 * NULL until a screen for the kind exists. */
struct record_screens {
	const struct screen_ops *view;   /* opened with arg.kind/id/number */
	const struct screen_ops *create; /* opened with arg.kind and arg.create */
};
extern const struct record_screens record_screens[SK_COUNT];

/* ---- the screens ------------------------------------------------------ */

extern const struct screen_ops lookup_screen; /* screens/lookup.c: home */
extern const struct screen_ops help_screen;   /* screens/help.c */
extern const struct screen_ops cases_screen;     /* screens/cases.c: the case queues */
extern const struct screen_ops case_view_screen; /* screens/case_view.c: one case */
extern const struct screen_ops customer_screen; /* screens/customer.c */
/* screens/customer_edit.c: new, edit, add a contact or member (customer_edit.h) */
extern const struct screen_ops customer_edit_screen;
extern const struct screen_ops case_entry_screen; /* screens/case_entry.c */
extern const struct screen_ops install_base_screen; /* screens/install_base.c: by location */
extern const struct screen_ops item_screen;         /* screens/item.c: one install base item */
/* screens/parties.c: the related parties of the host named by arg.kind
 * (SK_CASE, SK_SOLD_PRODUCT or SK_INSTALL_BASE) and arg.number (or arg.id). */
extern const struct screen_ops parties_screen;

#endif
