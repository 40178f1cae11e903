/* parties.h - the related parties of a case, sold product or install base
 * item: the list (type, party, responsibility, relationship name, and in
 * words what access each grants), adding one (the type first, then a party
 * picker limited to the type's party kind, then an optional relationship
 * name), changing the responsibility and removing with confirmation.
 * Every change goes through domain/party.h (audited by the triggers); a
 * closed or canceled case is read-only.
 *
 * Opened with arg.kind (SK_CASE, SK_SOLD_PRODUCT, SK_INSTALL_BASE) and
 * arg.number (or arg.id for sold products and items).  The state is public
 * so that tests can drive handle() and look. */
#ifndef CSM_UI_SCREENS_PARTIES_H
#define CSM_UI_SCREENS_PARTIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/party.h"
#include "store/picklist.h"
#include "ui/dialog.h"
#include "ui/list.h"
#include "ui/pager.h"
#include "ui/screen.h"
#include "ui/textline.h"

struct parties_state {
	struct party_host host;               /* the host: kind, id, number, read_only, state */
	struct related_party_list parties;    /* its entries in order (owned) */
	char **sentences;                     /* what each entry grants, in words (owned) */
	size_t n;                             /* entries: the list's array source count */
	struct list list;                     /* selection over the entries */
	struct dialog dlg;                    /* type, relationship, responsibility, remove */
	struct related_party_type_list types; /* the types of the host's kind (owned) */
	size_t type;                          /* index of the type being added */
	bool picking;                         /* the party picker is open */
	struct textline query;                /* the picker's search text */
	char *pick_query;                     /* the text the picker's rows answer (owned) */
	struct pager pager;                   /* the picker's rows, by party kind */
	struct list pick;                     /* selection over the picker's rows */
	char *party_key;                      /* the chosen party's number or login (owned) */
	char *party_name;                     /* its name (owned) */
	struct pick_list resps;               /* responsibilities offered by the question */
	int64_t select_id;                    /* entry to select after a reload, 0 = keep */
	bool may_change;                      /* the acting user may add, change and remove
					       * entries (CASE_PARTIES on a case, else
					       * ACCESS_EDIT_PARTIES); read at each load */
};

#endif
