/* browse.c - paged reads for the console (see browse.h). */
#include "store/browse.h"

#include <stdlib.h>
#include <string.h>

#include "store/private.h"
#include "util/xalloc.h"

static int64_t col_id(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, col);
}

/* Grows an owned array of n items of size sz by one zeroed item. */
static void *grow(void *items, size_t n, size_t sz)
{
	char *p = xrealloc(items, (n + 1) * sz);
	memset(p + n * sz, 0, sz);
	return p;
}

/* ---- audit trail -------------------------------------------------------- */

void audit_list_fini(struct audit_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct audit_entry *e = &l->items[i];
		free(e->at);
		free(e->actor);
		free(e->action);
		free(e->field);
		free(e->old_value);
		free(e->new_value);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

int store_audit_page(struct store *s, const char *table, int64_t record_id,
		     const struct page_req *pg, int dir, struct audit_list *out,
		     struct csm_error *err)
{
	/* Newest first is id descending: "after" in list order is a lower id. */
	static const char older[] =
		"SELECT id, at, actor, action, field, old_value, new_value FROM audit_log"
		" WHERE table_name = ?1 AND record_id = ?2 AND (?3 = 0 OR id < ?3)"
		" ORDER BY id DESC LIMIT ?4";
	static const char newer[] =
		"SELECT id, at, actor, action, field, old_value, new_value FROM audit_log"
		" WHERE table_name = ?1 AND record_id = ?2 AND id > ?3"
		" ORDER BY id ASC LIMIT ?4";
	sqlite3_stmt *st = store_stmt(s, dir > 0 ? older : newer, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, record_id);
	sqlite3_bind_int64(st, 3, pg ? pg->after_id : 0);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)page_limit(pg));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_entry *e;
		out->items = grow(out->items, out->n, sizeof *out->items);
		e = &out->items[out->n++];
		e->id = sqlite3_column_int64(st, 0);
		e->at = store_col_dup(st, 1);
		e->actor = store_col_dup(st, 2);
		e->action = store_col_dup(st, 3);
		e->field = store_col_dup(st, 4);
		e->old_value = store_col_dup(st, 5);
		e->new_value = store_col_dup(st, 6);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, err, "reading the audit trail");
	return 0;
}

/* ---- related parties naming a party ------------------------------------ */

#define RP_COLS                                                                              \
	"rp.id, CASE WHEN rp.case_id IS NOT NULL THEN 0 WHEN rp.sold_product_id IS NOT NULL " \
	"THEN 1 ELSE 2 END, COALESCE(rp.case_id, rp.sold_product_id, rp.install_base_item_id), " \
	"COALESCE(c.number, sp.number, ib.number), t.id, t.name, r.id, r.name, "            \
	"COALESCE(r.grants_access, 0), rp.relationship_name, rp.sort_order"
#define RP_FROM                                                                  \
	" FROM related_party rp JOIN related_party_type t ON t.id = rp.type_id"  \
	" LEFT JOIN responsibility r ON r.id = rp.responsibility_id"             \
	" LEFT JOIN cases c ON c.id = rp.case_id"                                \
	" LEFT JOIN sold_product sp ON sp.id = rp.sold_product_id"               \
	" LEFT JOIN install_base_item ib ON ib.id = rp.install_base_item_id"
/* One pair of statements per party column: the column name cannot be bound. */
#define RP_PAGE(col)                                                                         \
	{"SELECT " RP_COLS RP_FROM " WHERE rp." col " = ?1 AND rp.id > ?2 ORDER BY rp.id LIMIT ?3", \
	 "SELECT " RP_COLS RP_FROM " WHERE rp." col " = ?1 AND (?2 = 0 OR rp.id < ?2)"      \
	 " ORDER BY rp.id DESC LIMIT ?3"}

static const char *const rp_sql[PARTY_KIND_COUNT][2] = {
	[PARTY_CONTACT] = RP_PAGE("contact_id"),
	[PARTY_CONSUMER] = RP_PAGE("consumer_id"),
	[PARTY_USER] = RP_PAGE("user_id"),
	[PARTY_ACCOUNT] = RP_PAGE("account_id"),
	[PARTY_SERVICE_ORG] = RP_PAGE("service_org_id"),
};

int store_related_party_page_of(struct store *s, enum party_kind kind, int64_t party_id,
				const struct page_req *pg, int dir,
				struct related_party_list *out, struct csm_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (kind >= PARTY_KIND_COUNT)
		return csm_error_set(err, CSM_EX_USAGE, "related parties: unknown party kind");
	st = store_stmt(s, rp_sql[kind][dir > 0 ? 0 : 1], err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, party_id);
	sqlite3_bind_int64(st, 2, pg ? pg->after_id : 0);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)page_limit(pg));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct related_party *rp;
		out->items = grow(out->items, out->n, sizeof *out->items);
		rp = &out->items[out->n++];
		rp->id = sqlite3_column_int64(st, 0);
		rp->host_kind = (enum host_kind)sqlite3_column_int(st, 1);
		rp->host_id = sqlite3_column_int64(st, 2);
		rp->host_number = store_col_dup(st, 3);
		rp->type_id = sqlite3_column_int64(st, 4);
		rp->type_name = store_col_dup(st, 5);
		rp->responsibility_id = col_id(st, 6);
		rp->responsibility = store_col_dup(st, 7);
		rp->grants_access = sqlite3_column_int(st, 8) != 0;
		rp->relationship_name = store_col_dup(st, 9);
		rp->sort_order = sqlite3_column_int(st, 10);
		rp->party_kind = kind;
		rp->party_id = party_id;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, err, "listing the related parties of a party");
	return 0;
}

/* ---- products ----------------------------------------------------------- */

void product_list_fini(struct product_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		product_fini(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

int store_product_page(struct store *s, const char *text, const struct page_req *pg, int dir,
		       struct product_list *out, struct csm_error *err)
{
	/* The key is (name COLLATE NOCASE, id), which product_name indexes. */
#define PRODUCT_WHERE                                                                  \
	" FROM product WHERE active = 1 AND (?1 IS NULL OR instr(lower(name), lower(?1)) > 0" \
	" OR instr(lower(model_number), lower(?1)) > 0)"
	static const char after[] =
		"SELECT id, name, model_number, kind, category, manufacturer" PRODUCT_WHERE
		" AND (?2 IS NULL OR name > ?2 COLLATE NOCASE"
		" OR (name = ?2 COLLATE NOCASE AND id > ?3))"
		" ORDER BY name COLLATE NOCASE, id LIMIT ?4";
	static const char before[] =
		"SELECT id, name, model_number, kind, category, manufacturer" PRODUCT_WHERE
		" AND (?2 IS NULL OR name < ?2 COLLATE NOCASE"
		" OR (name = ?2 COLLATE NOCASE AND id < ?3))"
		" ORDER BY name COLLATE NOCASE DESC, id DESC LIMIT ?4";
#undef PRODUCT_WHERE
	sqlite3_stmt *st = store_stmt(s, dir > 0 ? after : before, err);
	int rc;

	if (!st)
		return -1;
	store_bind_text(st, 1, text);
	store_bind_text(st, 2, pg ? pg->after_key : NULL);
	sqlite3_bind_int64(st, 3, pg ? pg->after_id : 0);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)page_limit(pg));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct product *p;
		out->items = grow(out->items, out->n, sizeof *out->items);
		p = &out->items[out->n++];
		p->id = sqlite3_column_int64(st, 0);
		p->name = store_col_dup(st, 1);
		p->model_number = store_col_dup(st, 2);
		p->kind = store_col_dup(st, 3);
		p->category = store_col_dup(st, 4);
		p->manufacturer = store_col_dup(st, 5);
		p->active = true;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, err, "listing products");
	return 0;
}

/* ---- case categories ---------------------------------------------------- */

int store_case_categories(struct store *s, char ***names, size_t *n, struct csm_error *err)
{
	static const char sql[] = "SELECT name FROM case_category ORDER BY name";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	*names = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*names = xrealloc(*names, (*n + 1) * sizeof **names);
		(*names)[(*n)++] = store_col_dup(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < *n; i++)
			free((*names)[i]);
		free(*names);
		*names = NULL;
		*n = 0;
		return store_sqlerr(s, err, "listing case categories");
	}
	return 0;
}
