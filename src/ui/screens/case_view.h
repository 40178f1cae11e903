/* case_view.h - one case: its fields, journal, tasks and related parties,
 * and what can be done to it now (state changes from the model's action
 * table, comment, work note, assignment, approval).  State shared with the
 * unit test.
 *
 * The body is one scrolling page of lines built from the loaded case; the
 * questions an action needs (resolution code, notes, group, member) are
 * asked one after another in a dialog.  Every change passes the version
 * the screen loaded; a change refused because someone else changed the
 * case reloads it and says so.  Closed and canceled cases are read-only:
 * their keymap offers no changes. */
#ifndef CSM_UI_SCREENS_CASE_VIEW_H
#define CSM_UI_SCREENS_CASE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "model/case.h"
#include "model/party.h"
#include "store/case_choices.h"
#include "ui/dialog.h"
#include "ui/list.h"
#include "ui/screen.h"

/* One entry of the actions menu (key t). */
enum case_menu_kind {
	CASE_MENU_TRANSITION,       /* a state change of case_actions[] */
	CASE_MENU_COMMENT,          /* add a comment */
	CASE_MENU_WORK_NOTE,        /* add a work note */
	CASE_MENU_ASSIGN,           /* assign to a group and member */
	CASE_MENU_REQUEST_APPROVAL, /* ask for approval */
	CASE_MENU_APPROVE,          /* approve the requested approval */
	CASE_MENU_REJECT,           /* reject it */
};

struct case_menu_item {
	enum case_menu_kind kind;
	const struct case_action *act; /* TRANSITION: the action (borrowed from the table) */
};

/* One line of the page. */
struct case_view_line {
	char *left;        /* text, or the left column (owned) */
	char *right;       /* the right column of a two-column line (owned), NULL = none */
	int role;          /* enum theme_role of the text */
};

struct case_view_state {
	struct store *store;            /* the database (borrowed from the console) */
	char *number;                   /* the case's number (owned) */
	struct case_record rec;         /* the case as loaded; rec.version is passed back */
	struct case_journal_list journal; /* newest first, the first page */
	struct case_task_list tasks;    /* every task */
	struct related_party_list parties; /* related parties, in order */
	struct case_view_line *lines;   /* the page (owned) */
	size_t n_lines, cap_lines;
	struct list view;               /* scrolls over lines (view only) */
	struct dialog dlg;              /* the question being asked */
	struct case_menu_item menu[16]; /* the actions menu while it is open */
	size_t n_menu;
	const struct case_action *act;  /* the state change being asked for */
	char *code;                     /* its resolution code once picked (owned) */
	struct case_choice_list choices; /* resolution codes or groups being picked from */
	struct user_list members;       /* members of the group being assigned */
	char *group;                    /* the group picked for assignment (owned) */
	int width;                      /* columns the lines were built for */
};

/* The actions possible on the loaded case, in menu order: the state
 * changes the model allows from its state, then comment, work note,
 * assign and approval.  None for closed and canceled cases.  Returns the
 * count (at most max). */
size_t case_view_menu(const struct case_view_state *st, struct case_menu_item *out, size_t max);

#endif
