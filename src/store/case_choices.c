/* case_choices.c - resolution codes and groups for the case screens'
 * pickers (see case_choices.h). */
#include "store/case_choices.h"

#include <stdlib.h>

#include "store/private.h"
#include "util/xalloc.h"

void case_choice_list_fini(struct case_choice_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].key);
		free(l->items[i].label);
	}
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/* Appends every row (key, label) of st to out. */
static int read_choices(struct store *s, sqlite3_stmt *st, struct case_choice_list *out,
			struct csm_error *err, const char *what)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		out->items[out->n].key = store_col_dup(st, 0);
		out->items[out->n].label = store_col_dup(st, 1);
		out->n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, err, what);
	return 0;
}

int store_case_resolution_choices(struct store *s, struct case_choice_list *out,
				  struct csm_error *err)
{
	static const char sql[] = "SELECT code, label FROM resolution_code ORDER BY code";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	return read_choices(s, st, out, err, "listing resolution codes");
}

int store_case_group_choices(struct store *s, struct case_choice_list *out,
			     struct csm_error *err)
{
	static const char sql[] =
		"SELECT name, email FROM assignment_group WHERE active = 1 ORDER BY name";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	return read_choices(s, st, out, err, "listing assignment groups");
}
