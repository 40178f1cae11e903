/* case_entry.h - the case entry screen's state, shared with its unit test.
 *
 * A form (ui/form.h) with the fields of the business model.  Opened with
 * arg.create and arg.kind/id of an account, contact, consumer, household or
 * install base item, the customer (and contact, household or item) is
 * filled in.  Whenever what decides the entitlement changes (customer,
 * item, product, sold product, channel), update() asks the domain
 * (domain_case_prepare()) which entitlements match: exactly one usable is
 * filled in, several are offered in the entitlement field, none or only
 * used-up ones show a warning.  F2, C-s or Enter on Save saves through
 * domain_case_create(); an error is shown at the field it names. */
#ifndef CSM_UI_SCREENS_CASE_ENTRY_H
#define CSM_UI_SCREENS_CASE_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/case.h"
#include "ui/form.h"
#include "ui/screen.h"

struct case_entry_state {
	struct form form;          /* the fields */
	struct case_settings cs;   /* channels, defaults, model (borrowing the config) */
	bool on_save;              /* the Save button (after the last field) has the focus */
	bool ent_stale;            /* the entitlement must be matched again (update()) */
	char **categories;         /* category choices: "" then the case categories (owned) */
	size_t n_categories;
	char **ent_labels;         /* entitlement choices: "(none)" then the matches (owned) */
	int64_t *ent_ids;          /* their ids, 0 for "(none)" (owned) */
	size_t n_ent;
	char **notes;              /* what the last match said (owned lines) */
	size_t n_notes;
	bool notes_warn;           /* the notes are warnings (none covers, no units left) */
	char *saved;               /* the number of the case saved, NULL before (owned) */
	int top;                   /* first form row shown (scrolling when short) */
};

#endif
