/* customer.h - the customer screen's state, shared with its unit test and
 * with the screens that change what it shows (edit, case entry).
 *
 * One screen for the four kinds of customer record: an account, a contact,
 * a consumer or a household.  The facts go up top; below them a row of
 * tabs (which ones depends on the kind), each a list over a keyset-paged
 * source (ui/pager.h). */
#ifndef CSM_UI_SCREENS_CUSTOMER_H
#define CSM_UI_SCREENS_CUSTOMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/search.h"
#include "ui/list.h"
#include "ui/pager.h"
#include "ui/screen.h"

/* The tabs a customer screen may show. */
enum cust_tab {
	CTAB_CONTACTS,   /* account: its contacts */
	CTAB_CHILDREN,   /* account: its child accounts (when it has some) */
	CTAB_MEMBERS,    /* household: its members (current and past) */
	CTAB_HOUSEHOLDS, /* consumer: its households */
	CTAB_CASES,      /* open cases first, then closed and canceled ones */
	CTAB_SOLD,       /* sold products with their state from the dates */
	CTAB_IB,         /* install base as trees */
	CTAB_CONTRACTS,  /* contracts, then entitlements with units left */
	CTAB_PARTIES,    /* related-party entries naming this customer */
	CTAB_ACTIVITY,   /* the record's audit trail */
	CTAB_COUNT
};

#define CUST_MAX_COLS 5 /* columns of a tab's rows */

/* One row of a tab (list_row.data). */
struct cust_row {
	char *col[CUST_MAX_COLS]; /* cell texts (owned), NULL = blank */
	int depth;                /* install base: indent of the name column */
	bool warn;                /* shown in the error role (expired, exhausted) */
	enum search_kind open_kind; /* what Enter opens; SK_COUNT = nothing */
	int64_t open_id;          /* its id */
	char *open_number;        /* its number (owned) */
	char *no_open;            /* what to say when there is nothing to open (owned) */
};

struct customer_state {
	enum search_kind kind;     /* SK_ACCOUNT, SK_CONTACT, SK_CONSUMER or SK_HOUSEHOLD */
	int64_t id;                /* the record's row id */
	char *number;              /* its number (owned) */
	char *name;                /* its display name (owned) */
	char **facts;              /* lines shown up top (owned strings) */
	size_t n_facts;
	int64_t parent_id;         /* account: parent account; contact: its account; 0 */
	char *parent_number;       /* that record's number (owned) */
	long child_accounts;       /* account: direct children */
	long counts[CTAB_COUNT];   /* rows a tab has when known (tab labels), else -1 */
	enum cust_tab tabs[CTAB_COUNT]; /* tabs shown for this kind, in order */
	size_t n_tabs;
	size_t tab;                /* index into tabs of the current one */
	struct pager pager;        /* forward pages of the current tab */
	struct list list;          /* the current tab's rows */
	int facts_rows;            /* facts lines shown at this size */
	int widths[CUST_MAX_COLS]; /* column widths of the current tab, 0 = hidden */
};

/* Reloads the facts and the current tab (after an edit or a new case). */
void customer_reload(struct screen *s);

/* Switches to the tab at index i of st->tabs and loads its first page. */
void customer_set_tab(struct screen *s, size_t i);

#endif
