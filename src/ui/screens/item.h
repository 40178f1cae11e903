/* item.h - one install base item: its facts (number, name, product,
 * serial, owner, location breadcrumb, state, dates) and tabs: child items
 * (its subtree), installed sold products, all cases of its tree, related
 * parties, characteristics and usage.  "Open a repair case" goes to the
 * case entry screen with the item and its owner filled in (or, without
 * one, asks for a short description and creates the case); inactive items
 * get no case.
 *
 * The state is public so that tests can drive handle() and look. */
#ifndef CSM_UI_SCREENS_ITEM_H
#define CSM_UI_SCREENS_ITEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/product.h"
#include "ui/dialog.h"
#include "ui/list.h"
#include "ui/screen.h"

enum item_tab {
	ITAB_CHILDREN, /* the item's subtree */
	ITAB_PRODUCTS, /* installed sold products */
	ITAB_CASES,    /* every case of the item's whole tree */
	ITAB_PARTIES,  /* related parties (Enter opens the parties screen) */
	ITAB_DETAILS,  /* characteristics and usage */
	ITAB_COUNT
};

#define ITEM_CELLS 4

/* One row of a tab. */
struct item_row {
	enum search_kind open_kind; /* what Enter opens; SK_COUNT = nothing */
	int64_t open_id;            /* its id */
	char *open_number;          /* its number (owned), may be NULL */
	int indent;                 /* children: depth below the item, from 0 */
	char *cells[ITEM_CELLS];    /* the columns (owned, may be NULL) */
};

struct item_state {
	struct install_base_item it;        /* the item (owned) */
	char *owner;                        /* "Name (NUMBER)" of its owner (owned), NULL = none */
	char *owner_number;                 /* the owner's number (owned) */
	enum search_kind owner_kind;        /* SK_ACCOUNT, SK_CONSUMER, SK_HOUSEHOLD; SK_COUNT other */
	char *service_org_number;           /* an owning service organization (owned), or NULL */
	char *contact;                      /* "Name (NUMBER)" of the contact (owned), or NULL */
	char *contact_number;               /* the contact's number (owned), or NULL */
	char *location;                     /* breadcrumb "Country › City › Site" (owned) */
	char *parent_number;                /* the parent item's number (owned), NULL for a root */
	struct item_row *rows[ITAB_COUNT];  /* each tab's rows (owned) */
	size_t n_rows[ITAB_COUNT];          /* how many per tab */
	enum item_tab tab;                  /* the tab shown */
	size_t n_shown;                     /* n_rows[tab]: the list's array source count */
	struct list list;                   /* selection over the shown tab */
	struct dialog dlg;                  /* the short description of a repair case */
	int facts_h;                        /* body rows the facts take */
	char *created;                      /* number of the case created here last (owned) */
};

extern const struct screen_ops item_screen;

#endif
