/* lookup.h - the lookup (home) screen's state, shared with its unit test.
 *
 * Two modes: typing in the search field (keymap "query": printable keys
 * type, Up/Down still move the selection, Enter opens) and browsing the
 * results (keymap "lookup": single-letter keys like q, n, / work).  Any
 * unbound character typed while browsing goes back to the search field. */
#ifndef CSM_UI_SCREENS_LOOKUP_H
#define CSM_UI_SCREENS_LOOKUP_H

#include "store/search.h"
#include "ui/list.h"
#include "ui/screen.h"
#include "ui/textline.h"

/* Widths of the result columns; 0 = not shown at this terminal width. */
struct lookup_cols {
	int kind, number, title, matched, detail;
};

struct lookup_state {
	struct textline query;      /* the search text */
	bool typing;                /* true: focus in the search field */
	struct search_result res;   /* hits of the last query (owned) */
	char *res_query;            /* the text res answers (owned), NULL before any */
	size_t n_hits;              /* res.n, the list's array source count */
	struct list list;           /* the results, over res.hits by index */
	unsigned kinds;             /* search kinds of the business model */
	size_t limit;               /* most hits per query: twice the list height */
	struct lookup_cols cols;    /* column widths for the body width */
};

/* Replaces the results with r (taken: r is emptied) for query text q and
 * selects the first hit. */
void lookup_set_results(struct screen *s, struct search_result *r, const char *q);

/* Runs the query now if the text changed since the last one (what
 * update() does when typing pauses). */
void lookup_run_query(struct screen *s);

#endif
