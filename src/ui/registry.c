/* registry.c - every screen of the console, and which screen shows or
 * creates each kind of record.  A new screen is listed here (see the
 * comment at the top of screen.h). */
#include "ui/screen.h"

#include <string.h>

/* Opened by name on the command line (":lookup", ":help") when flagged
 * SCREEN_NAMED or SCREEN_HOME; their names are also the keymap names that
 * ui.keys accepts. */
const struct screen_ops *const screen_registry[] = {
	&lookup_screen,
	&help_screen,
	&customer_screen,
	&customer_edit_screen,
	&case_entry_screen,
	&install_base_screen,
	&parties_screen, /* found by name from the case view */
	&cases_screen,
	&case_view_screen,
	NULL,
};

/* The lookup's Enter, ":NUMBER" and "press n to create" go through here:
 * ui_open_record() opens .view with the record's kind, id and number;
 * ui_create_record() opens .create with the kind and create = true. */
const struct record_screens record_screens[SK_COUNT] = {
	[SK_ACCOUNT] = {.view = &customer_screen, .create = &customer_edit_screen},
	[SK_CONTACT] = {.view = &customer_screen, .create = &customer_edit_screen},
	[SK_CONSUMER] = {.view = &customer_screen, .create = &customer_edit_screen},
	[SK_HOUSEHOLD] = {.view = &customer_screen, .create = &customer_edit_screen},
	[SK_CASE] = {.view = &case_view_screen, .create = &case_entry_screen},
	[SK_INSTALL_BASE] = {.view = &item_screen, .create = NULL},
	[SK_SOLD_PRODUCT] = {.view = NULL, .create = NULL},
};

const struct screen_ops *screen_find(const char *name)
{
	for (size_t i = 0; screen_registry[i]; i++)
		if (strcmp(screen_registry[i]->name, name) == 0)
			return screen_registry[i];
	return NULL;
}
