/* pager.c - bidirectional list source over forward pages (see pager.h). */
#include "ui/pager.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static void free_rows(const struct pager *p, struct list_rows *r, size_t from)
{
	for (size_t i = from; i < r->n; i++) {
		free(r->v[i].key);
		if (p->free_data && r->v[i].data)
			p->free_data(r->v[i].data);
	}
	r->n = from;
}

/* Rows before anchor (or the last rows when anchor is NULL), nearest first. */
static int fetch_back(const struct pager *p, const struct list_row *anchor, size_t limit,
		      struct list_rows *out, struct csm_error *err)
{
	struct list_rows keep = {0}, page = {0};
	size_t step = limit > 100 ? limit : 100;
	bool more = true, found = false;
	char *key = NULL;
	int64_t id = 0;
	int rc = 0;

	while (more && !found) {
		page.n = 0;
		if (p->fetch(p->ctx, key, id, step, &page, &more, err) < 0) {
			rc = -1;
			break;
		}
		if (page.n == 0)
			break;
		free(key);
		key = xstrdup(page.v[page.n - 1].key);
		id = page.v[page.n - 1].id;
		for (size_t i = 0; i < page.n; i++) {
			struct list_row *r = &page.v[i];
			if (found || (anchor && r->id == anchor->id)) {
				found = true;
				free(r->key);
				if (p->free_data && r->data)
					p->free_data(r->data);
				continue;
			}
			/* Keep the newest `limit` rows: drop the oldest. */
			if (keep.n == limit) {
				free(keep.v[0].key);
				if (p->free_data && keep.v[0].data)
					p->free_data(keep.v[0].data);
				memmove(keep.v, keep.v + 1, (keep.n - 1) * sizeof *keep.v);
				keep.n--;
			}
			list_rows_push(&keep, r->id, NULL, r->data);
			keep.v[keep.n - 1].key = r->key; /* moved, not copied */
		}
		page.n = 0;
	}
	free(key);
	free(page.v);
	if (rc < 0) {
		free_rows(p, &keep, 0);
		free(keep.v);
		return -1;
	}
	for (size_t i = keep.n; i-- > 0;) {
		list_rows_push(out, keep.v[i].id, NULL, keep.v[i].data);
		out->v[out->n - 1].key = keep.v[i].key;
	}
	free(keep.v);
	return 0;
}

int pager_list_fetch(void *ctx, const struct list_row *anchor, int dir, size_t limit,
		     struct list_rows *out, struct csm_error *err)
{
	const struct pager *p = ctx;
	bool more = false;

	if (dir > 0) {
		size_t from = out->n;
		if (p->fetch(p->ctx, anchor ? anchor->key : NULL, anchor ? anchor->id : 0, limit, out,
			     &more, err) < 0) {
			free_rows(p, out, from);
			return -1;
		}
		return 0;
	}
	return fetch_back(p, anchor, limit, out, err);
}
