/* picklist.c - paged reads for the console's pickers and the install base
 * by location (see picklist.h). */
#include "store/picklist.h"

#include <stdlib.h>
#include <string.h>

#include "store/private.h"
#include "util/xalloc.h"

void pick_list_fini(struct pick_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].key);
		free(l->items[i].name);
		free(l->items[i].sort);
	}
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static struct pick_entry *pick_add(struct pick_list *l)
{
	l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
	memset(&l->items[l->n], 0, sizeof *l->items);
	return &l->items[l->n++];
}

/* Columns: id, key, name, sort, active. */
static int fill_picks(struct store *s, sqlite3_stmt *st, struct pick_list *out,
		      struct csm_error *err, const char *what)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pick_entry *e = pick_add(out);

		e->id = sqlite3_column_int64(st, 0);
		e->key = store_col_dup(st, 1);
		e->name = store_col_dup(st, 2);
		e->sort = store_col_dup(st, 3);
		e->active = sqlite3_column_int(st, 4) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, err, what);
	return 0;
}

int store_pick_service_orgs(struct store *s, const char *from, const struct page_req *pg,
			    struct pick_list *out, struct csm_error *err)
{
	/* A reference table of tens of rows: ordering by name needs no index. */
	static const char sql[] =
		"SELECT id, number, name, name, active FROM service_organization "
		"WHERE (?1 IS NULL OR name COLLATE NOCASE > ?1 "
		"  OR (name COLLATE NOCASE = ?1 AND id > ?2)) "
		"AND (?4 IS NULL OR name COLLATE NOCASE >= ?4) "
		"ORDER BY name COLLATE NOCASE, id LIMIT ?3";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	const char *after = pg ? pg->after_key : NULL;

	if (!st)
		return -1;
	store_bind_text(st, 1, after);
	sqlite3_bind_int64(st, 2, pg ? pg->after_id : 0);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)page_limit(pg));
	store_bind_text(st, 4, after ? NULL : from);
	return fill_picks(s, st, out, err, "listing service organizations");
}

int store_pick_responsibilities(struct store *s, struct pick_list *out, struct csm_error *err)
{
	static const char sql[] =
		"SELECT id, name, name, name, grants_access FROM responsibility "
		"ORDER BY name COLLATE NOCASE";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	return fill_picks(s, st, out, err, "listing responsibilities");
}

int store_ib_at_location_before(struct store *s, int64_t location_id, bool subtree,
				int64_t product_id, const char *state, const char *before_key,
				int64_t before_id, size_t limit, int64_t *ids, char **paths,
				size_t *n, struct csm_error *err)
{
	/* The mirror images of store_ib_at_location()'s two queries: the same
	 * indexes walked the other way. */
	static const char here[] =
		"SELECT i.id, NULL FROM install_base_item i WHERE i.location_id = ?1 "
		"AND (?2 IS NULL OR i.product_id = ?2) AND (?3 IS NULL OR i.state = ?3) "
		"AND (?4 = 0 OR i.id < ?4) ORDER BY i.id DESC LIMIT ?5";
	static const char under[] =
		"SELECT i.id, l.path FROM install_base_item i "
		"JOIN location l ON l.id = i.location_id "
		"WHERE l.path >= (SELECT path FROM location WHERE id = ?1) "
		"AND l.path < (SELECT path FROM location WHERE id = ?1) || x'7f' "
		"AND (?2 IS NULL OR i.product_id = ?2) AND (?3 IS NULL OR i.state = ?3) "
		"AND (?6 IS NULL OR l.path < ?6 OR (l.path = ?6 AND i.id < ?4)) "
		"ORDER BY l.path DESC, l.id DESC, i.id DESC LIMIT ?5";
	sqlite3_stmt *st = store_stmt(s, subtree ? under : here, err);
	int rc;

	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, location_id);
	store_bind_id(st, 2, product_id);
	store_bind_text(st, 3, state);
	sqlite3_bind_int64(st, 4, before_id);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)limit);
	if (subtree)
		store_bind_text(st, 6, before_key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < limit) {
		ids[*n] = sqlite3_column_int64(st, 0);
		if (paths)
			paths[*n] = store_col_dup(st, 1);
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		if (paths)
			for (size_t i = 0; i < *n; i++)
				free(paths[i]);
		*n = 0;
		return store_sqlerr(s, err, "listing install base items at a location");
	}
	return 0;
}

int store_ib_characteristics_list(struct store *s, int64_t item_id, struct pick_list *out,
				  struct csm_error *err)
{
	static const char sql[] =
		"SELECT i.id, j.key, j.value, j.key, 1 FROM install_base_item i, "
		"json_each(CASE WHEN json_valid(i.characteristics) THEN i.characteristics "
		"ELSE '{}' END) j WHERE i.id = ?1 ORDER BY j.key";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	return fill_picks(s, st, out, err, "reading the characteristics of an item");
}
