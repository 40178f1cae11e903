/* case_choices.h - the short reference lists the case screens pick from:
 * resolution codes with their labels and the active assignment groups.
 * Both are small configuration tables (tens of rows), read whole. */
#ifndef CSM_STORE_CASE_CHOICES_H
#define CSM_STORE_CASE_CHOICES_H

#include <stddef.h>

#include "store/store.h"

/* One choice: the key stored and what people read. */
struct case_choice {
	char *key;   /* resolution code, or group name (owned) */
	char *label; /* the code's label, or the group's email (owned, may be NULL) */
};

struct case_choice_list {
	struct case_choice *items; /* owned, n entries */
	size_t n;
};
void case_choice_list_fini(struct case_choice_list *l);

/* The resolution codes by code, with labels.  Appends to out; 0 or -1. */
int store_case_resolution_choices(struct store *s, struct case_choice_list *out,
				  struct csm_error *err);

/* The active assignment groups by name (label: their email).  Appends to
 * out; 0 or -1. */
int store_case_group_choices(struct store *s, struct case_choice_list *out,
			     struct csm_error *err);

#endif
