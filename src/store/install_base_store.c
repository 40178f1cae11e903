/* install_base_store.c - SQL for install base items, installed products,
 * tree cases and the location roll-up (see install_base_store.h). */
#include "store/install_base_store.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/private.h"
#include "util/xalloc.h"

static int64_t col_id(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, col);
}

/* Readable messages for the failures a user can cause. */
static int sqlerr(struct store *s, struct csm_error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(store_db(s));

	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: already there", what);
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: a record it refers to does not exist (parent, product, "
				     "asset, owner, contact or location)",
				     what);
	if (rc == SQLITE_CONSTRAINT_CHECK &&
	    strstr(sqlite3_errmsg(store_db(s)), "account_id IS NOT NULL OR consumer_id"))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: an owner is required (an account, a consumer or a service "
				     "organization)",
				     what);
	return store_sqlerr(s, err, what);
}

static int step_write(struct store *s, sqlite3_stmt *st, struct csm_error *err, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		sqlerr(s, err, what);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

static int step_update(struct store *s, sqlite3_stmt *st, struct csm_error *err, const char *what)
{
	if (step_write(s, st, err, what) < 0)
		return -1;
	if (sqlite3_changes(store_db(s)) == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "%s: no such install base item", what);
	return 0;
}

/* ---- items ------------------------------------------------------------- */

/* depth: slashes in "/root/child/" minus two, so the root is 0. */
#define IB_COLS                                                                            \
	"i.id, i.number, i.name, i.product_id, i.asset_id, i.serial_number, i.parent_id, "  \
	"i.root_id, i.path, i.account_id, i.consumer_id, i.contact_id, i.household_id, "    \
	"i.service_org_id, i.location_id, i.state, i.install_date, i.uninstall_date, "      \
	"i.usage, i.characteristics, p.name, "                                              \
	"length(i.path) - length(replace(i.path, '/', '')) - 2"
#define IB_FROM " FROM install_base_item i LEFT JOIN product p ON p.id = i.product_id "

static void ib_fill(sqlite3_stmt *st, struct install_base_item *it)
{
	it->id = sqlite3_column_int64(st, 0);
	it->number = store_col_dup(st, 1);
	it->name = store_col_dup(st, 2);
	it->product_id = col_id(st, 3);
	it->asset_id = col_id(st, 4);
	it->serial_number = store_col_dup(st, 5);
	it->parent_id = col_id(st, 6);
	it->root_id = col_id(st, 7);
	it->path = store_col_dup(st, 8);
	it->account_id = col_id(st, 9);
	it->consumer_id = col_id(st, 10);
	it->contact_id = col_id(st, 11);
	it->household_id = col_id(st, 12);
	it->service_org_id = col_id(st, 13);
	it->location_id = col_id(st, 14);
	it->state = store_col_dup(st, 15);
	it->install_date = store_col_dup(st, 16);
	it->uninstall_date = store_col_dup(st, 17);
	it->usage = store_col_dup(st, 18);
	it->characteristics = store_col_dup(st, 19);
	it->product_name = store_col_dup(st, 20);
	it->depth = sqlite3_column_int(st, 21);
}

/* Binds the fields insert and update share, ?1..?15. */
static void ib_bind(sqlite3_stmt *st, const struct install_base_item *it)
{
	store_bind_text(st, 1, it->name);
	store_bind_id(st, 2, it->product_id);
	store_bind_id(st, 3, it->asset_id);
	store_bind_text(st, 4, it->serial_number);
	store_bind_id(st, 5, it->account_id);
	store_bind_id(st, 6, it->consumer_id);
	store_bind_id(st, 7, it->contact_id);
	store_bind_id(st, 8, it->household_id);
	store_bind_id(st, 9, it->service_org_id);
	store_bind_id(st, 10, it->location_id);
	sqlite3_bind_text(st, 11, it->state ? it->state : "in_use", -1, SQLITE_TRANSIENT);
	store_bind_text(st, 12, it->install_date);
	store_bind_text(st, 13, it->uninstall_date);
	store_bind_text(st, 14, it->usage);
}

int store_ib_insert(struct store *s, struct install_base_item *it, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.install_base_item(name, product_id, asset_id, serial_number, account_id, "
		"consumer_id, contact_id, household_id, service_org_id, location_id, state, "
		"install_date, uninstall_date, usage, number, parent_id, characteristics) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
		"COALESCE(?17, '{}'))";
	static const char tree[] = "SELECT root_id, path FROM install_base_item WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char what[160];

	if (!st)
		return -1;
	ib_bind(st, it);
	store_bind_text(st, 15, it->number);
	store_bind_id(st, 16, it->parent_id);
	store_bind_text(st, 17, it->characteristics);
	snprintf(what, sizeof what, "install base item %s", it->number ? it->number : "");
	if (step_write(s, st, err, what) < 0)
		return -1;
	it->id = sqlite3_last_insert_rowid(store_db(s));
	if (!(st = store_stmt(s, tree, err)))
		return -1;
	sqlite3_bind_int64(st, 1, it->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		it->root_id = col_id(st, 0);
		free(it->path);
		it->path = store_col_dup(st, 1);
	}
	sqlite3_reset(st);
	return 0;
}

int store_ib_update(struct store *s, const struct install_base_item *it, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.install_base_item SET name = ?1, product_id = ?2, asset_id = ?3, "
		"serial_number = ?4, account_id = ?5, consumer_id = ?6, contact_id = ?7, "
		"household_id = ?8, service_org_id = ?9, location_id = ?10, state = ?11, "
		"install_date = ?12, uninstall_date = ?13, usage = ?14, updated_at = csm_now() "
		"WHERE id = ?15";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char what[160];

	if (!st)
		return -1;
	ib_bind(st, it);
	sqlite3_bind_int64(st, 15, it->id);
	snprintf(what, sizeof what, "install base item %s", it->number ? it->number : "");
	return step_update(s, st, err, what);
}

int store_ib_get(struct store *s, int64_t id, struct install_base_item *out,
		 struct csm_error *err)
{
	static const char sql[] = "SELECT " IB_COLS IB_FROM "WHERE i.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	STORE_LOOKUP(s, err, st, out, ib_fill, "reading an install base item");
}

int store_ib_get_by_number(struct store *s, const char *number, struct install_base_item *out,
			   struct csm_error *err)
{
	static const char sql[] = "SELECT " IB_COLS IB_FROM "WHERE i.number = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, number);
	STORE_LOOKUP(s, err, st, out, ib_fill, "reading an install base item");
}

int store_ib_set_state(struct store *s, int64_t id, const char *state, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.install_base_item SET state = ?2, updated_at = csm_now(), "
		"uninstall_date = CASE WHEN ?2 = 'inactive' "
		"  THEN COALESCE(uninstall_date, max(csm_today(), COALESCE(install_date, ''))) "
		"  ELSE uninstall_date END "
		"WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, state);
	return step_update(s, st, err, "changing the state of an install base item");
}

int store_ib_set_parent(struct store *s, int64_t id, int64_t parent_id, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.install_base_item SET parent_id = ?2, updated_at = csm_now() WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_id(st, 2, parent_id);
	return step_update(s, st, err, "moving an install base item");
}

int store_ib_subtree_take(struct store *s, int64_t id, const struct install_base_item *from,
			  unsigned what, struct csm_error *err)
{
	/* The subtree is a path range of the moved item (path index). */
	static const char loc[] =
		"UPDATE main.install_base_item SET location_id = ?2, updated_at = csm_now() "
		"WHERE path >= (SELECT path FROM install_base_item WHERE id = ?1) "
		"  AND path < (SELECT path FROM install_base_item WHERE id = ?1) || x'7f'";
	static const char owner[] =
		"UPDATE main.install_base_item SET account_id = ?2, consumer_id = ?3, household_id = ?4, "
		"service_org_id = ?5, contact_id = ?6, updated_at = csm_now() "
		"WHERE path >= (SELECT path FROM install_base_item WHERE id = ?1) "
		"  AND path < (SELECT path FROM install_base_item WHERE id = ?1) || x'7f'";
	sqlite3_stmt *st;

	if (what & 1) {
		if (!(st = store_stmt(s, loc, err)))
			return -1;
		sqlite3_bind_int64(st, 1, id);
		store_bind_id(st, 2, from->location_id);
		if (step_write(s, st, err, "moving the subtree's location") < 0)
			return -1;
	}
	if (what & 2) {
		if (!(st = store_stmt(s, owner, err)))
			return -1;
		sqlite3_bind_int64(st, 1, id);
		store_bind_id(st, 2, from->account_id);
		store_bind_id(st, 3, from->consumer_id);
		store_bind_id(st, 4, from->household_id);
		store_bind_id(st, 5, from->service_org_id);
		store_bind_id(st, 6, from->contact_id);
		if (step_write(s, st, err, "moving the subtree's owner") < 0)
			return -1;
	}
	return 0;
}

int store_ib_set_usage(struct store *s, int64_t id, const char *usage, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.install_base_item SET usage = ?2, updated_at = csm_now() WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, usage);
	return step_update(s, st, err, "setting the usage of an install base item");
}

int store_ib_tree(struct store *s, int64_t root_id, struct install_base_list *out,
		  struct csm_error *err)
{
	static const char sql[] =
		"SELECT " IB_COLS IB_FROM "WHERE i.root_id = ?1 ORDER BY i.path";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, root_id);
	STORE_LIST(s, err, st, out, install_base_list_add, ib_fill, "loading an install base tree");
}

int store_ib_children(struct store *s, int64_t parent_id, struct install_base_list *out,
		      struct csm_error *err)
{
	static const char sql[] =
		"SELECT " IB_COLS IB_FROM "WHERE i.parent_id = ?1 ORDER BY i.name, i.id";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, parent_id);
	STORE_LIST(s, err, st, out, install_base_list_add, ib_fill, "listing child items");
}

int store_ib_roots_by_owner(struct store *s, enum owner_kind kind, int64_t owner_id,
			    const struct page_req *page, struct install_base_list *out,
			    struct csm_error *err)
{
	static const char by_account[] = "SELECT " IB_COLS IB_FROM
		"WHERE i.account_id = ?1 AND i.parent_id IS NULL AND i.id > ?2 ORDER BY i.id LIMIT ?3";
	static const char by_consumer[] = "SELECT " IB_COLS IB_FROM
		"WHERE i.consumer_id = ?1 AND i.parent_id IS NULL AND i.id > ?2 ORDER BY i.id LIMIT ?3";
	static const char by_household[] = "SELECT " IB_COLS IB_FROM
		"WHERE i.household_id = ?1 AND i.parent_id IS NULL AND i.id > ?2 ORDER BY i.id LIMIT ?3";
	static const char by_org[] = "SELECT " IB_COLS IB_FROM
		"WHERE i.service_org_id = ?1 AND i.parent_id IS NULL AND i.id > ?2 "
		"ORDER BY i.id LIMIT ?3";
	const char *sql = kind == OWNER_ACCOUNT    ? by_account
			  : kind == OWNER_CONSUMER  ? by_consumer
			  : kind == OWNER_HOUSEHOLD ? by_household
						    : by_org;
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, owner_id);
	sqlite3_bind_int64(st, 2, page ? page->after_id : 0);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)page_limit(page));
	STORE_LIST(s, err, st, out, install_base_list_add, ib_fill, "listing install base items");
}

int store_ib_at_location(struct store *s, int64_t location_id, bool subtree, int64_t product_id,
			 const char *state, const struct page_req *page,
			 struct install_base_list *out, struct csm_error *err)
{
	static const char here[] = "SELECT " IB_COLS IB_FROM
		"WHERE i.location_id = ?1 AND (?2 IS NULL OR i.product_id = ?2) "
		"AND (?3 IS NULL OR i.state = ?3) AND i.id > ?4 ORDER BY i.id LIMIT ?5";
	/* Locations in path order (path index), items of each by id: the
	 * (path, location id, item id) order needs no sort. */
	static const char under[] = "SELECT " IB_COLS IB_FROM
		"JOIN location l ON l.id = i.location_id "
		"WHERE l.path >= (SELECT path FROM location WHERE id = ?1) "
		"AND l.path < (SELECT path FROM location WHERE id = ?1) || x'7f' "
		"AND (?2 IS NULL OR i.product_id = ?2) AND (?3 IS NULL OR i.state = ?3) "
		"AND (?6 IS NULL OR l.path > ?6 OR (l.path = ?6 AND i.id > ?4)) "
		"ORDER BY l.path, l.id, i.id LIMIT ?5";
	sqlite3_stmt *st = store_stmt(s, subtree ? under : here, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, location_id);
	store_bind_id(st, 2, product_id);
	store_bind_text(st, 3, state);
	sqlite3_bind_int64(st, 4, page ? page->after_id : 0);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)page_limit(page));
	if (subtree)
		store_bind_text(st, 6, page ? page->after_key : NULL);
	STORE_LIST(s, err, st, out, install_base_list_add, ib_fill, "listing install base items at a location");
}

/* ---- characteristics --------------------------------------------------- */

int store_ib_characteristic_get(struct store *s, int64_t id, const char *key, char **value,
				struct csm_error *err)
{
	/* The key is quoted in the JSON path, so dots are literal. */
	static const char sql[] =
		"SELECT json_extract(characteristics, '$.\"' || ?2 || '\"') FROM install_base_item "
		"WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	*value = NULL;
	if (!install_base_characteristic_key_valid(key))
		return csm_error_set(err, CSM_EX_DATAERR, "characteristic '%s': not a valid name",
				     key ? key : "");
	if (!(st = store_stmt(s, sql, err)))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = store_col_dup(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return csm_error_set(err, CSM_EX_NOINPUT, "install base item %lld: no such item",
				     (long long)id);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, err, "reading a characteristic");
	return *value ? 1 : 0;
}

int store_ib_characteristic_set(struct store *s, int64_t id, const char *key, const char *value,
				struct csm_error *err)
{
	static const char set[] =
		"UPDATE main.install_base_item SET characteristics = "
		"json_set(characteristics, '$.\"' || ?2 || '\"', ?3), updated_at = csm_now() "
		"WHERE id = ?1";
	static const char del[] =
		"UPDATE main.install_base_item SET characteristics = "
		"json_remove(characteristics, '$.\"' || ?2 || '\"'), updated_at = csm_now() "
		"WHERE id = ?1";
	sqlite3_stmt *st;

	if (!install_base_characteristic_key_valid(key))
		return csm_error_set(err, CSM_EX_DATAERR, "characteristic '%s': not a valid name",
				     key ? key : "");
	if (!(st = store_stmt(s, value ? set : del, err)))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, key);
	if (value)
		sqlite3_bind_text(st, 3, value, -1, SQLITE_TRANSIENT);
	return step_update(s, st, err, "setting a characteristic");
}

int store_characteristic_def_count(struct store *s, struct csm_error *err)
{
	static const char sql[] = "SELECT count(*) FROM characteristic_def";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int n = -1;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	else
		store_sqlerr(s, err, "reading characteristic definitions");
	sqlite3_reset(st);
	return n;
}

int store_characteristic_def_exists(struct store *s, const char *name, char **known_names,
				    struct csm_error *err)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM characteristic_def WHERE name = ?1), "
		"(SELECT group_concat(name, ', ') FROM (SELECT name FROM characteristic_def "
		"ORDER BY name))";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (known_names)
		*known_names = NULL;
	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_sqlerr(s, err, "reading characteristic definitions");
	}
	rc = sqlite3_column_int(st, 0);
	if (known_names)
		*known_names = store_col_dup(st, 1);
	sqlite3_reset(st);
	return rc;
}

/* ---- cases of a tree --------------------------------------------------- */

static void tree_case_fill(sqlite3_stmt *st, struct tree_case *c)
{
	c->id = sqlite3_column_int64(st, 0);
	c->number = store_col_dup(st, 1);
	c->short_description = store_col_dup(st, 2);
	c->state = store_col_dup(st, 3);
	c->priority = sqlite3_column_int(st, 4);
	c->item_id = sqlite3_column_int64(st, 5);
	c->item_number = store_col_dup(st, 6);
}

int store_ib_tree_cases(struct store *s, int64_t root_id, struct tree_case_list *out,
			struct csm_error *err)
{
	static const char sql[] =
		"SELECT k.id, k.number, k.short_description, k.state, k.priority, i.id, i.number "
		"FROM install_base_item i JOIN cases k ON k.install_base_item_id = i.id "
		"WHERE i.root_id = ?1 ORDER BY k.opened_at DESC, k.id DESC";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, root_id);
	STORE_LIST(s, err, st, out, tree_case_list_add, tree_case_fill, "listing the cases of a tree");
}

/* ---- installed products ------------------------------------------------ */

int store_installed_link(struct store *s, int64_t item_id, int64_t sold_product_id,
			 struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.installed_product(install_base_item_id, sold_product_id) VALUES (?1, ?2)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int64(st, 2, sold_product_id);
	return step_write(s, st, err, "installing a sold product on an item");
}

int store_installed_unlink(struct store *s, int64_t item_id, int64_t sold_product_id,
			   struct csm_error *err)
{
	static const char sql[] =
		"DELETE FROM main.installed_product WHERE install_base_item_id = ?1 AND sold_product_id = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int64(st, 2, sold_product_id);
	if (step_write(s, st, err, "uninstalling a sold product") < 0)
		return -1;
	if (sqlite3_changes(store_db(s)) == 0)
		return csm_error_set(err, CSM_EX_NOINPUT,
				     "uninstalling a sold product: it is not installed on that item");
	return 0;
}

static void sold_fill(sqlite3_stmt *st, struct sold_product *sp)
{
	sp->id = sqlite3_column_int64(st, 0);
	sp->number = store_col_dup(st, 1);
	sp->product_id = col_id(st, 2);
	sp->parent_id = col_id(st, 3);
	sp->account_id = col_id(st, 4);
	sp->consumer_id = col_id(st, 5);
	sp->household_id = col_id(st, 6);
	sp->service_org_id = col_id(st, 7);
	sp->contact_id = col_id(st, 8);
	sp->quantity = sqlite3_column_int(st, 9);
	sp->start_date = store_col_dup(st, 10);
	sp->end_date = store_col_dup(st, 11);
	sp->active = sqlite3_column_int(st, 12) != 0;
	sp->product_name = store_col_dup(st, 13);
}

int store_installed_on_item(struct store *s, int64_t item_id, struct sold_product_list *out,
			    struct csm_error *err)
{
	static const char sql[] =
		"SELECT sp.id, sp.number, sp.product_id, sp.parent_id, sp.account_id, "
		"sp.consumer_id, sp.household_id, sp.service_org_id, sp.contact_id, sp.quantity, "
		"sp.start_date, sp.end_date, sp.active, p.name "
		"FROM installed_product ip JOIN sold_product sp ON sp.id = ip.sold_product_id "
		"JOIN product p ON p.id = sp.product_id "
		"WHERE ip.install_base_item_id = ?1 ORDER BY sp.id";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	STORE_LIST(s, err, st, out, sold_product_list_add, sold_fill, "listing installed products");
}

int store_installed_items_of(struct store *s, int64_t sold_product_id,
			     struct install_base_list *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " IB_COLS IB_FROM
		"JOIN installed_product ip ON ip.install_base_item_id = i.id "
		"WHERE ip.sold_product_id = ?1 ORDER BY i.id";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, sold_product_id);
	STORE_LIST(s, err, st, out, install_base_list_add, ib_fill, "listing items of a sold product");
}

/* ---- locations: lookup and roll-up -------------------------------------- */

int store_location_find(struct store *s, const char *name_or_id, int64_t *id,
			struct csm_error *err)
{
	static const char by_id[] = "SELECT id FROM location WHERE id = ?1";
	/* the key that export and import use: the external id, or LOC<id> for a
	 * location made in csm; unique, so it is tried before the name */
	static const char by_key[] =
		"SELECT id FROM location WHERE external_id = ?1 UNION ALL "
		"SELECT id FROM location WHERE ?1 GLOB 'LOC[0-9]*' AND external_id IS NULL"
		" AND id = CAST(substr(?1, 4) AS INTEGER) LIMIT 1";
	static const char by_name[] =
		"SELECT id FROM location WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 2";
	const char *p = name_or_id;
	bool digits = p && *p;
	sqlite3_stmt *st;
	int rc, n = 0;

	for (; p && *p; p++)
		digits = digits && isdigit((unsigned char)*p);
	if (!digits) {
		if (!(st = store_stmt(s, by_key, err)))
			return -1;
		store_bind_text(st, 1, name_or_id);
		rc = store_step_row(s, st, err, "finding a location");
		if (rc == 1)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc != 0)
			return rc;
	}
	st = store_stmt(s, digits ? by_id : by_name, err);
	if (!st)
		return -1;
	if (digits)
		sqlite3_bind_int64(st, 1, strtoll(name_or_id, NULL, 10));
	else
		store_bind_text(st, 1, name_or_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0)
			*id = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, err, "finding a location");
	if (n > 1)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "location '%s': several locations have that name; give its id",
				     name_or_id);
	return n;
}

int store_location_path(struct store *s, int64_t id, char **path, struct csm_error *err)
{
	static const char sql[] = "SELECT path FROM location WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	*path = NULL;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*path = store_col_dup(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_sqlerr(s, err, "reading a location");
}

/* The counts come from location_count, kept by the triggers of
 * 0004-location-counts.sql: a roll-up reads one row per location shown,
 * however many items lie below. */
#define COUNT_COLS(lc)                                                                     \
	"COALESCE(" lc ".items, 0), COALESCE(" lc ".in_use, 0), "                          \
	"COALESCE(" lc ".in_repair, 0), COALESCE(" lc ".open_cases, 0)"
#define TOTAL_COLS(lc)                                                                     \
	"COALESCE(" lc ".total_items, 0), COALESCE(" lc ".total_in_use, 0), "              \
	"COALESCE(" lc ".total_in_repair, 0), COALESCE(" lc ".total_open_cases, 0)"

static void rollup_fill(sqlite3_stmt *st, struct location_rollup *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->name = store_col_dup(st, 1);
	r->type = store_col_dup(st, 2);
	r->path = store_col_dup(st, 3);
	r->depth = sqlite3_column_int(st, 4);
	r->parent_id = col_id(st, 5);
	r->here.items = sqlite3_column_int64(st, 6);
	r->here.in_use = sqlite3_column_int64(st, 7);
	r->here.in_repair = sqlite3_column_int64(st, 8);
	r->here.open_cases = sqlite3_column_int64(st, 9);
	if (sqlite3_column_count(st) > 10) {
		r->total.items = sqlite3_column_int64(st, 10);
		r->total.in_use = sqlite3_column_int64(st, 11);
		r->total.in_repair = sqlite3_column_int64(st, 12);
		r->total.open_cases = sqlite3_column_int64(st, 13);
	}
}

int store_location_rollup_children(struct store *s, int64_t location_id,
				   struct location_rollup_list *out, struct csm_error *err)
{
	static const char sql[] =
		"SELECT c.id, c.name, c.type, c.path, c.depth, c.parent_id, " COUNT_COLS("lc") ", "
		TOTAL_COLS("lc") " FROM location c "
		"LEFT JOIN location_count lc ON lc.location_id = c.id "
		"WHERE c.parent_id IS ?1 ORDER BY c.name COLLATE NOCASE, c.id";
	static const char exists_sql[] = "SELECT 1 FROM location WHERE id = ?1";
	sqlite3_stmt *st;
	int rc;

	if (location_id > 0) {
		if (!(st = store_stmt(s, exists_sql, err)))
			return -1;
		sqlite3_bind_int64(st, 1, location_id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return csm_error_set(err, CSM_EX_NOINPUT, "location %lld: no such location",
					     (long long)location_id);
		if (rc != SQLITE_ROW)
			return store_sqlerr(s, err, "rolling up a location");
	}
	if (!(st = store_stmt(s, sql, err)))
		return -1;
	store_bind_id(st, 1, location_id);
	STORE_LIST(s, err, st, out, location_rollup_list_add, rollup_fill, "rolling up a location");
}

int store_location_tree_counts(struct store *s, int64_t location_id,
			       struct location_rollup_list *out, struct csm_error *err)
{
	static const char sql[] =
		"SELECT l.id, l.name, l.type, l.path, l.depth, l.parent_id, " COUNT_COLS("lc") " "
		"FROM location l LEFT JOIN location_count lc ON lc.location_id = l.id "
		"WHERE l.path >= ?1 AND l.path < ?1 || x'7f' ORDER BY l.path";
	sqlite3_stmt *st;
	char *path = NULL;

	if (location_id > 0) {
		int rc = store_location_path(s, location_id, &path, err);
		if (rc == 0)
			csm_error_set(err, CSM_EX_NOINPUT, "location %lld: no such location",
				      (long long)location_id);
		if (rc <= 0)
			return -1;
	}
	st = store_stmt(s, sql, err);
	if (!st) {
		free(path);
		return -1;
	}
	sqlite3_bind_text(st, 1, path ? path : "/", -1, SQLITE_TRANSIENT);
	free(path);
	STORE_LIST(s, err, st, out, location_rollup_list_add, rollup_fill, "counting the install base by location");
}

int store_location_counts_rebuild(struct store *s, struct csm_error *err)
{
	/* In steps, each a scan that updates rows by primary key (the same
	 * statements as the fill at the end of 0004-location-counts.sql): a
	 * row per location, the items and the open cases placed at each, then
	 * each location's counts added to its ancestors' totals. */
	static const char clear_sql[] = "DELETE FROM main.location_count";
	static const char rows_sql[] = "INSERT INTO main.location_count(location_id) SELECT id FROM location";
	static const char items_sql[] =
		"UPDATE main.location_count SET items = i.n, in_use = i.u, in_repair = i.r "
		"FROM (SELECT location_id AS id, count(*) AS n, sum(state = 'in_use') AS u, "
		"  sum(state = 'in_repair') AS r FROM install_base_item "
		"  WHERE location_id IS NOT NULL GROUP BY location_id) AS i "
		"WHERE location_count.location_id = i.id";
	static const char cases_sql[] =
		"UPDATE main.location_count SET open_cases = o.n "
		"FROM (SELECT it.location_id AS id, count(*) AS n "
		"  FROM cases c JOIN install_base_item it ON it.id = c.install_base_item_id "
		"  WHERE c.state IN ('new', 'open', 'awaiting_info', 'resolved') "
		"  AND it.location_id IS NOT NULL GROUP BY it.location_id) AS o "
		"WHERE location_count.location_id = o.id";
	static const char totals_sql[] =
		"UPDATE main.location_count SET total_items = t.n, total_in_use = t.u, "
		"  total_in_repair = t.r, total_open_cases = t.c "
		"FROM (SELECT a.value AS id, sum(h.items) AS n, sum(h.in_use) AS u, "
		"  sum(h.in_repair) AS r, sum(h.open_cases) AS c "
		"  FROM location_count h JOIN location l ON l.id = h.location_id, "
		"  json_each('[' || replace(trim(l.path, '/'), '/', ',') || ']') a "
		"  WHERE h.items > 0 OR h.open_cases > 0 GROUP BY a.value) AS t "
		"WHERE location_count.location_id = t.id";
	static const char *const steps[] = {clear_sql, rows_sql, items_sql, cases_sql, totals_sql};
	sqlite3_stmt *st;

	if (store_begin(s, err) < 0)
		return -1;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (!(st = store_stmt(s, steps[i], err))
		    || store_exec_stmt(s, st, err, "counting the install base by location") < 0) {
			store_rollback(s);
			return -1;
		}
	return store_commit(s, err);
}
