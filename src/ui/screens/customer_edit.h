/* customer_edit.h - the customer edit screen's state, shared with its unit
 * test.
 *
 * One form (ui/form.h) for the four kinds of customer record and for
 * household membership.  What it does depends on the screen_arg:
 *
 *   create, id 0        a new account, contact, consumer or household of
 *                       arg.kind; arg.text (the lookup's search) becomes the
 *                       name when it looks like one.  In b2b2c a new account
 *                       or consumer first asks which of the two.
 *   create, SK_CONTACT, id = an account
 *                       a new contact of that account (key a on an account)
 *   create, SK_HOUSEHOLD, id = a household
 *                       a new member: a consumer picked as you type, the
 *                       start date and the primary flag (key a on a household)
 *   not create, id      edits the record of arg.kind (key e)
 *
 * Required fields are marked; F2, C-s or Enter on Save writes through the
 * domain API in one transaction (the database's triggers audit it) and says
 * "Saved NUMBER"; the screen then closes, back to the customer screen, or
 * opens the new record's customer screen when it came from the lookup.  An
 * error is shown under the field the domain's message names.  Leaving with
 * unsaved changes asks first (the console's question, through dirty()). */
#ifndef CSM_UI_SCREENS_CUSTOMER_EDIT_H
#define CSM_UI_SCREENS_CUSTOMER_EDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "store/search.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/screen.h"

enum cedit_mode {
	CEDIT_NEW,        /* a new record of kind */
	CEDIT_EDIT,       /* the record kind/id */
	CEDIT_ADD_MEMBER, /* a new membership of household id */
};

struct customer_edit_state {
	enum cedit_mode mode;  /* what saving does */
	enum search_kind kind; /* SK_ACCOUNT, SK_CONTACT, SK_CONSUMER or SK_HOUSEHOLD */
	int64_t id;            /* EDIT: the record; ADD_MEMBER: the household; NEW: 0 */
	char *number;          /* EDIT, ADD_MEMBER: that record's number (owned) */
	char *name;            /* EDIT, ADD_MEMBER: its display name (owned) */
	int64_t account_id;    /* NEW contact: the account it joins, 0 = picked in the form */
	char *name_hint;       /* NEW: the lookup's text when it looks like a name (owned) */
	bool from_lookup;      /* NEW from the lookup: open the new record after saving */
	bool ready;            /* the form is built (b2b2c first asks which kind) */
	struct dialog dlg;     /* b2b2c: "an account or a consumer?" */
	struct form form;      /* the fields */
	bool on_save;          /* the Save button (after the last field) has the focus */
	int64_t parent_was;    /* EDIT account: its parent when opened */
	int64_t head_was;      /* EDIT household: its head when opened */
	char *saved;           /* the number saved, NULL before (owned) */
	int64_t saved_id;      /* its row id */
};

#endif
