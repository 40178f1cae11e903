/* permit.h - which console actions need which access right, as tables.
 *
 * A screen lists the actions it restricts with the right each needs
 * (store/access.h) and what the refusal names; its screen_ops.permits
 * asks permit_check().  Keys stay in keymap.c: this only says who may. */
#ifndef CSM_UI_PERMIT_H
#define CSM_UI_PERMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "store/access.h"
#include "ui/action.h"

/* One restricted action. */
struct permit {
	enum action action;     /* the action */
	enum access_right need; /* the right it needs */
	const char *what;       /* for the refusal: "change customers" */
};

/* Whether the acting user may take action a by the table t of n entries
 * (actions not in it are allowed).  When not, and why is not NULL, writes
 * the reason ("a viewer may not change customers (viewers write
 * nothing)") into why (size bytes). */
bool permit_check(const struct store *s, const struct permit *t, size_t n, enum action a,
		  char *why, size_t size);

/* Writes access_refusal() for `what` into why (when not NULL); returns
 * false, so that permits() can end with it. */
bool permit_refuse(const struct store *s, const char *what, char *why, size_t size);

#endif
