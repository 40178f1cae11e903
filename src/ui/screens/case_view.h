/* case_view.h - one case: its fields, journal, tasks and related parties,
 * and what can be done to it now (state changes from the model's action
 * table, comment, work note, assignment, approval).  State shared with the
 * unit test.
 *
 * The body is one scrolling page of lines built from the loaded case; the
 * questions an action needs (resolution code, notes, group, member) are
 * asked one after another in a dialog.  Every change passes the version
 * the screen loaded.  A change refused because someone else changed the
 * case meanwhile is kept: the case is reloaded, a dialog lists what the
 * other person changed (field, yours -> theirs), and the agent reapplies
 * the change on top of the new version or discards it; nothing is
 * overwritten unseen.  Closed and canceled cases are read-only: their
 * keymap offers no changes.  The menu, the keys and their hints offer only
 * what the acting user's rights on the case allow; another key says why
 * not (access_refusal()). */
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

/* A change being saved, kept when it is refused as stale so that it can
 * be applied again on the new version. */
enum case_change_kind {
	CASE_CHANGE_NONE,        /* nothing pending */
	CASE_CHANGE_TRANSITION,  /* act with code and text (notes) */
	CASE_CHANGE_ASSIGN,      /* group and login ("" = nobody) */
	CASE_CHANGE_APPROVAL,    /* request approval from text ("" = any approver) */
	CASE_CHANGE_DECIDE,      /* approve (or reject) with text as the comment */
};

struct case_change {
	enum case_change_kind kind;    /* CASE_CHANGE_NONE when none */
	const struct case_action *act; /* TRANSITION: the action (borrowed from the table) */
	char *code;                    /* TRANSITION: resolution code, or NULL (owned) */
	char *text;                    /* notes, approver or comment, or NULL (owned) */
	char *group;                   /* ASSIGN: the group (owned) */
	char *login;                   /* ASSIGN: the member, "" for nobody (owned) */
	bool approve;                  /* DECIDE: approve (true) or reject */
};

/* One field another person changed: what this screen had loaded and what
 * the case holds now. */
struct case_field_diff {
	const char *field; /* the field's label (static) */
	char *yours;       /* its value as loaded here (owned, "(none)" when empty) */
	char *theirs;      /* its value now (owned) */
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
	unsigned rights;                /* the acting user's CASE_* rights on it (store/access.h),
					 * read with it after every change */
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
	struct case_change change;      /* the change refused as stale, while its dialog asks */
	struct case_field_diff *diff;   /* what the other person changed (owned) */
	size_t n_diff;
	int64_t conflict_from;          /* the version the refused change was made on */
};

/* The actions possible on the loaded case, in menu order: the state
 * changes the model allows from its state, then comment, work note,
 * assign and approval, each only when st->rights hold its right (the
 * customer's state changes CASE_RESPOND, the others CASE_WORK).  None for
 * closed and canceled cases.  Returns the count (at most max). */
size_t case_view_menu(const struct case_view_state *st, struct case_menu_item *out, size_t max);

/* The fields that differ between yours (the case as loaded) and theirs
 * (as it is now), in page order: descriptions, state, priority, customer,
 * channel, category, product, asset, item, sold product, contract,
 * entitlement, group, assignee, resolution, approval.  *out is an owned
 * array (case_field_diff_free()); returns the count. */
size_t case_field_diff(const struct case_record *yours, const struct case_record *theirs,
		       struct case_field_diff **out);
/* Frees n entries of a diff array and the array; sets *d to NULL. */
void case_field_diff_free(struct case_field_diff **d, size_t n);

#endif
