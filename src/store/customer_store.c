/* customer_store.c - the SQL of accounts, contacts, consumers, households,
 * account-consumer links, locations and addresses. */
#include "store/customer_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/private.h"
#include "util/xalloc.h"

/* ---- helpers ----------------------------------------------------------- */

/* "Current" for a row aliased x with start_date and end_date. */
#define CURRENT(x)                                                            \
	"((" x ".start_date IS NULL OR " x ".start_date <= csm_today())"      \
	" AND (" x ".end_date IS NULL OR " x ".end_date >= csm_today()))"
/* The member_filter in ?2 applied to alias x. */
#define FILTER(x)                                                             \
	" AND (?2 = 0 OR (?2 = 1 AND " CURRENT(x) ")"                        \
	" OR (?2 = 2 AND " x ".end_date < csm_today()))"
/* Depth of a row from its path: "/1/" is 0, "/1/7/" is 1. */
#define DEPTH(x) "(length(" x ".path) - length(replace(" x ".path, '/', '')) - 2)"

static int64_t col_id(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, i);
}

static bool col_bool(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int(st, i) != 0;
}

/* Steps st once: 1 and fill(out) on a row, 0 on none, -1 with err. */
static int fetch_one(struct store *s, sqlite3_stmt *st, void (*fill)(sqlite3_stmt *, void *),
		     void *out, struct csm_error *err, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		fill(st, out);
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	return store_sqlerr(s, err, what);
}

/* Steps st to the end, appending a zeroed item of size bytes per row to
 * *items and filling it.  With limit > 0 stops after limit rows and sets
 * next->more when another follows; next (may be NULL) gets the sort key in
 * column key_col and the id in column 0 of the last row kept.  *items is
 * handed back even on error, for the caller's list_fini(). */
static int fetch_list(struct store *s, sqlite3_stmt *st, void (*fill)(sqlite3_stmt *, void *),
		      size_t size, size_t limit, int key_col, void **items, size_t *n,
		      struct page_next *next, struct csm_error *err, const char *what)
{
	int rc;

	*items = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *item;

		if (limit && *n == limit) {
			if (next)
				next->more = true;
			break;
		}
		*items = xrealloc(*items, (*n + 1) * size);
		item = (char *)*items + *n * size;
		memset(item, 0, size);
		fill(st, item);
		(*n)++;
		if (next) {
			free(next->key);
			next->key = store_col_dup(st, key_col);
			next->id = sqlite3_column_int64(st, 0);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(s, err, what);
	return 0;
}

/* Runs a write and returns the new row's id in *id (may be NULL). */
static int insert_row(struct store *s, sqlite3_stmt *st, int64_t *id, struct csm_error *err,
		      const char *what)
{
	if (store_exec_stmt(s, st, err, what) < 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

/* Binds ?1 = id, ?2 = flag and runs a one-statement write. */
static int write_id_int(struct store *s, const char *sql, int64_t id, int64_t v,
			struct csm_error *err, const char *what)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, v);
	return store_exec_stmt(s, st, err, what);
}

/* Binds ?1 = id (NULL for 0), ?2 = id2 (NULL for 0) and runs a write. */
static int write_id_id(struct store *s, const char *sql, int64_t id, int64_t id2,
		       struct csm_error *err, const char *what)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_id(st, 1, id);
	store_bind_id(st, 2, id2);
	return store_exec_stmt(s, st, err, what);
}

/* Looks one row up by ?1 = id. */
static int get_by_id(struct store *s, const char *sql, int64_t id,
		     void (*fill)(sqlite3_stmt *, void *), void *out, struct csm_error *err,
		     const char *what)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return fetch_one(s, st, fill, out, err, what);
}

/* Looks one row up by ?1 = text. */
static int get_by_text(struct store *s, const char *sql, const char *key,
		       void (*fill)(sqlite3_stmt *, void *), void *out, struct csm_error *err,
		       const char *what)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key ? key : "", -1, SQLITE_TRANSIENT);
	return fetch_one(s, st, fill, out, err, what);
}

/* Runs a query returning one integer into *v. */
static int query_long(struct store *s, sqlite3_stmt *st, long *v, struct csm_error *err,
		      const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*v = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(s, err, what);
	return 0;
}

/* One row more than the page, to learn whether another page follows. */
static size_t limit_plus_one(const struct page_req *pg)
{
	return page_limit(pg) + 1;
}

/* ---- accounts ---------------------------------------------------------- */

#define ACCOUNT_COLS                                                                   \
	"a.id, a.number, a.name, a.code, a.parent_id, p.number, p.name, a.path, "     \
	DEPTH("a") ", a.is_customer, a.is_partner, a.phone, a.website, "              \
	"a.primary_contact_id, a.notes, a.active, a.restrict_contact_access, "        \
	"a.external_id, a.created_at, a.updated_at"
#define ACCOUNT_FROM " FROM account a LEFT JOIN account p ON p.id = a.parent_id"

static void fill_account(sqlite3_stmt *st, void *p)
{
	struct account *a = p;

	a->id = col_id(st, 0);
	a->number = store_col_dup(st, 1);
	a->name = store_col_dup(st, 2);
	a->code = store_col_dup(st, 3);
	a->parent_id = col_id(st, 4);
	a->parent_number = store_col_dup(st, 5);
	a->parent_name = store_col_dup(st, 6);
	a->path = store_col_dup(st, 7);
	a->depth = sqlite3_column_int(st, 8);
	a->is_customer = col_bool(st, 9);
	a->is_partner = col_bool(st, 10);
	a->phone = store_col_dup(st, 11);
	a->website = store_col_dup(st, 12);
	a->primary_contact_id = col_id(st, 13);
	a->notes = store_col_dup(st, 14);
	a->active = col_bool(st, 15);
	a->restrict_contact_access = col_bool(st, 16);
	a->external_id = store_col_dup(st, 17);
	a->created_at = store_col_dup(st, 18);
	a->updated_at = store_col_dup(st, 19);
}

int store_account_insert(struct store *s, struct account *a, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.account(number, name, code, parent_id, is_customer, is_partner, phone,"
		" website, primary_contact_id, notes, active, restrict_contact_access, external_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, a->number);
	store_bind_text(st, 2, a->name);
	store_bind_text(st, 3, a->code);
	store_bind_id(st, 4, a->parent_id);
	sqlite3_bind_int(st, 5, a->is_customer);
	sqlite3_bind_int(st, 6, a->is_partner);
	store_bind_text(st, 7, a->phone);
	store_bind_text(st, 8, a->website);
	store_bind_id(st, 9, a->primary_contact_id);
	store_bind_text(st, 10, a->notes);
	sqlite3_bind_int(st, 11, a->active);
	sqlite3_bind_int(st, 12, a->restrict_contact_access);
	store_bind_text(st, 13, a->external_id);
	return insert_row(s, st, &a->id, err, "adding an account");
}

int store_account_update(struct store *s, const struct account *a, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.account SET name = ?2, code = ?3, is_customer = ?4, is_partner = ?5,"
		" phone = ?6, website = ?7, primary_contact_id = ?8, notes = ?9,"
		" restrict_contact_access = ?10, external_id = ?11, updated_at = csm_now()"
		" WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, a->id);
	store_bind_text(st, 2, a->name);
	store_bind_text(st, 3, a->code);
	sqlite3_bind_int(st, 4, a->is_customer);
	sqlite3_bind_int(st, 5, a->is_partner);
	store_bind_text(st, 6, a->phone);
	store_bind_text(st, 7, a->website);
	store_bind_id(st, 8, a->primary_contact_id);
	store_bind_text(st, 9, a->notes);
	sqlite3_bind_int(st, 10, a->restrict_contact_access);
	store_bind_text(st, 11, a->external_id);
	return store_exec_stmt(s, st, err, "updating an account");
}

int store_account_set_active(struct store *s, int64_t id, bool active, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.account SET active = ?2, updated_at = csm_now() WHERE id = ?1";
	return write_id_int(s, sql, id, active, err, "changing an account's active flag");
}

int store_account_set_parent(struct store *s, int64_t id, int64_t parent_id,
			     struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.account SET parent_id = ?2, updated_at = csm_now() WHERE id = ?1";
	return write_id_id(s, sql, id, parent_id, err, "moving an account");
}

int store_account_get(struct store *s, int64_t id, struct account *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " ACCOUNT_COLS ACCOUNT_FROM " WHERE a.id = ?1";
	return get_by_id(s, sql, id, fill_account, out, err, "reading an account");
}

int store_account_get_by_number(struct store *s, const char *number, struct account *out,
				struct csm_error *err)
{
	static const char sql[] = "SELECT " ACCOUNT_COLS ACCOUNT_FROM " WHERE a.number = ?1";
	return get_by_text(s, sql, number, fill_account, out, err, "reading an account");
}

int store_account_get_by_code(struct store *s, const char *code, struct account *out,
			      struct csm_error *err)
{
	static const char sql[] = "SELECT " ACCOUNT_COLS ACCOUNT_FROM " WHERE a.code = ?1";
	return get_by_text(s, sql, code, fill_account, out, err, "reading an account");
}

/* Runs an account list query bound to ?1 = id. */
static int account_list_by_id(struct store *s, const char *sql, int64_t id,
			      struct account_list *out, struct csm_error *err, const char *what)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);
	void *items;
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = fetch_list(s, st, fill_account, sizeof *out->items, 0, 0, &items, &out->n, NULL, err,
			what);
	out->items = items;
	if (rc < 0)
		account_list_fini(out);
	return rc;
}

int store_account_children(struct store *s, int64_t id, struct account_list *out,
			   struct csm_error *err)
{
	static const char sql[] = "SELECT " ACCOUNT_COLS ACCOUNT_FROM
		" WHERE a.parent_id = ?1 ORDER BY a.name COLLATE NOCASE, a.id";
	return account_list_by_id(s, sql, id, out, err, "listing child accounts");
}

int store_account_subtree(struct store *s, int64_t id, struct account_list *out,
			  struct csm_error *err)
{
	static const char sql[] = "SELECT " ACCOUNT_COLS ACCOUNT_FROM
		" WHERE a.path >= (SELECT path FROM account WHERE id = ?1)"
		" AND a.path < (SELECT path FROM account WHERE id = ?1) || x'7f'"
		" ORDER BY a.path";
	int rc = account_list_by_id(s, sql, id, out, err, "listing an account hierarchy");

	if (rc == 0 && out->n > 0) {
		int top = out->items[0].depth;
		for (size_t i = 0; i < out->n; i++)
			out->items[i].depth -= top;
	}
	return rc;
}

int store_account_ancestors(struct store *s, int64_t id, struct account_list *out,
			    struct csm_error *err)
{
	/* Up the parent links by primary key; the level bound stops a
	 * corrupt cycle. */
	static const char sql[] =
		"WITH RECURSIVE up(id, lvl) AS ("
		"  SELECT parent_id, 1 FROM account WHERE id = ?1 AND parent_id IS NOT NULL"
		"  UNION ALL SELECT x.parent_id, up.lvl + 1 FROM account x JOIN up ON x.id = up.id"
		"  WHERE x.parent_id IS NOT NULL AND up.lvl < 1000)"
		" SELECT " ACCOUNT_COLS " FROM up JOIN account a ON a.id = up.id"
		" LEFT JOIN account p ON p.id = a.parent_id ORDER BY up.lvl DESC";
	return account_list_by_id(s, sql, id, out, err, "listing an account's ancestors");
}

int store_account_list(struct store *s, const struct page_req *pg, bool active_only,
		       struct account_list *out, struct csm_error *err)
{
	/* Two statements so that the next page seeks the name index. */
	static const char first[] = "SELECT " ACCOUNT_COLS ", a.name" ACCOUNT_FROM
		" WHERE (?3 = 0 OR a.active = 1)"
		" ORDER BY a.name COLLATE NOCASE, a.id LIMIT ?4";
	static const char next[] = "SELECT " ACCOUNT_COLS ", a.name" ACCOUNT_FROM
		" WHERE a.name >= ?1 COLLATE NOCASE"
		" AND (a.name > ?1 COLLATE NOCASE OR a.id > ?2) AND (?3 = 0 OR a.active = 1)"
		" ORDER BY a.name COLLATE NOCASE, a.id LIMIT ?4";
	bool later = pg && pg->after_key;
	sqlite3_stmt *st = store_stmt(s, later ? next : first, err);
	void *items;
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	if (later) {
		sqlite3_bind_text(st, 1, pg->after_key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, pg->after_id);
	}
	sqlite3_bind_int(st, 3, active_only);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit_plus_one(pg));
	rc = fetch_list(s, st, fill_account, sizeof *out->items, page_limit(pg), 20, &items, &out->n,
			&out->next, err, "listing accounts");
	out->items = items;
	if (rc < 0)
		account_list_fini(out);
	return rc;
}

/* ---- account relationships --------------------------------------------- */

int store_relationship_type_insert(struct store *s, const char *name, const char *forward,
				   const char *reverse, int64_t *id, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO account_relationship_type(name, forward_name, reverse_name)"
		" VALUES (?1, ?2, ?3)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, forward);
	store_bind_text(st, 3, reverse);
	return insert_row(s, st, id, err, "adding a relationship type");
}

int store_relationship_type_find(struct store *s, const char *name, int64_t *id,
				 struct csm_error *err)
{
	static const char sql[] = "SELECT id FROM account_relationship_type WHERE name = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_sqlerr(s, err, "reading a relationship type");
}

int store_account_relationship_insert(struct store *s, int64_t from_id, int64_t to_id,
				      int64_t type_id, int64_t *id, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.account_relationship(from_account_id, to_account_id, type_id)"
		" VALUES (?1, ?2, ?3)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, from_id);
	sqlite3_bind_int64(st, 2, to_id);
	sqlite3_bind_int64(st, 3, type_id);
	return insert_row(s, st, id, err, "relating two accounts");
}

int store_account_relationship_delete(struct store *s, int64_t id, struct csm_error *err)
{
	static const char sql[] = "DELETE FROM main.account_relationship WHERE id = ?1";
	if (write_id_id(s, sql, id, 0, err, "removing an account relationship") < 0)
		return -1;
	if (sqlite3_changes(store_db(s)) == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no account relationship with id %lld",
				     (long long)id);
	return 0;
}

static void fill_relationship(sqlite3_stmt *st, void *p)
{
	struct account_relationship *r = p;

	r->id = col_id(st, 0);
	r->from_id = col_id(st, 1);
	r->to_id = col_id(st, 2);
	r->type_id = col_id(st, 3);
	r->type_name = store_col_dup(st, 4);
	r->reverse = col_bool(st, 5);
	r->label = store_col_dup(st, 6);
	r->other_id = col_id(st, 7);
	r->other_number = store_col_dup(st, 8);
	r->other_name = store_col_dup(st, 9);
}

int store_account_relationships(struct store *s, int64_t account_id,
				struct relationship_list *out, struct csm_error *err)
{
	static const char sql[] =
		"SELECT r.id, r.from_account_id, r.to_account_id, r.type_id, t.name, 0,"
		" t.forward_name AS label, o.id, o.number, o.name AS other"
		" FROM account_relationship r JOIN account_relationship_type t ON t.id = r.type_id"
		" JOIN account o ON o.id = r.to_account_id WHERE r.from_account_id = ?1"
		" UNION ALL "
		"SELECT r.id, r.from_account_id, r.to_account_id, r.type_id, t.name, 1,"
		" t.reverse_name, o.id, o.number, o.name"
		" FROM account_relationship r JOIN account_relationship_type t ON t.id = r.type_id"
		" JOIN account o ON o.id = r.from_account_id WHERE r.to_account_id = ?1"
		" ORDER BY label, other COLLATE NOCASE";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	void *items;
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, account_id);
	rc = fetch_list(s, st, fill_relationship, sizeof *out->items, 0, 0, &items, &out->n, NULL,
			err, "listing account relationships");
	out->items = items;
	if (rc < 0)
		relationship_list_fini(out);
	return rc;
}

int store_customer_open_cases(struct store *s, enum customer_kind kind, int64_t id, long *n,
			      struct csm_error *err)
{
	static const char *const sql[] = {
		[CUST_ACCOUNT] = "SELECT count(*) FROM cases WHERE account_id = ?1"
				 " AND state NOT IN ('closed', 'canceled')",
		[CUST_CONTACT] = "SELECT count(*) FROM cases WHERE contact_id = ?1"
				 " AND state NOT IN ('closed', 'canceled')",
		[CUST_CONSUMER] = "SELECT count(*) FROM cases WHERE consumer_id = ?1"
				  " AND state NOT IN ('closed', 'canceled')",
		[CUST_HOUSEHOLD] = "SELECT count(*) FROM cases WHERE household_id = ?1"
				   " AND state NOT IN ('closed', 'canceled')",
	};
	sqlite3_stmt *st = store_stmt(s, sql[kind], err);

	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return query_long(s, st, n, err, "counting open cases");
}

/* ---- contacts ---------------------------------------------------------- */

#define CONTACT_COLS                                                                   \
	"c.id, c.number, c.account_id, a.number, a.name, c.first_name, c.last_name,"  \
	" c.title, c.email, c.phone, c.mobile, c.time_zone, c.language, c.active,"    \
	" c.user_id, c.external_id, c.created_at, c.updated_at"
#define CONTACT_FROM " FROM contact c JOIN account a ON a.id = c.account_id"

static void fill_contact(sqlite3_stmt *st, void *p)
{
	struct contact *c = p;

	c->id = col_id(st, 0);
	c->number = store_col_dup(st, 1);
	c->account_id = col_id(st, 2);
	c->account_number = store_col_dup(st, 3);
	c->account_name = store_col_dup(st, 4);
	c->first_name = store_col_dup(st, 5);
	c->last_name = store_col_dup(st, 6);
	c->title = store_col_dup(st, 7);
	c->email = store_col_dup(st, 8);
	c->phone = store_col_dup(st, 9);
	c->mobile = store_col_dup(st, 10);
	c->time_zone = store_col_dup(st, 11);
	c->language = store_col_dup(st, 12);
	c->active = col_bool(st, 13);
	c->user_id = col_id(st, 14);
	c->external_id = store_col_dup(st, 15);
	c->created_at = store_col_dup(st, 16);
	c->updated_at = store_col_dup(st, 17);
}

/* The editable contact fields, bound from ?2 on. */
static void bind_contact(sqlite3_stmt *st, const struct contact *c)
{
	store_bind_text(st, 2, c->first_name);
	store_bind_text(st, 3, c->last_name);
	store_bind_text(st, 4, c->title);
	store_bind_text(st, 5, c->email);
	store_bind_text(st, 6, c->phone);
	store_bind_text(st, 7, c->mobile);
	store_bind_text(st, 8, c->time_zone);
	store_bind_text(st, 9, c->language);
	store_bind_id(st, 10, c->user_id);
	store_bind_text(st, 11, c->external_id);
}

int store_contact_insert(struct store *s, struct contact *c, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.contact(number, first_name, last_name, title, email, phone, mobile,"
		" time_zone, language, user_id, external_id, account_id, active)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, c->number);
	bind_contact(st, c);
	store_bind_id(st, 12, c->account_id);
	sqlite3_bind_int(st, 13, c->active);
	return insert_row(s, st, &c->id, err, "adding a contact");
}

int store_contact_update(struct store *s, const struct contact *c, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.contact SET first_name = ?2, last_name = ?3, title = ?4, email = ?5,"
		" phone = ?6, mobile = ?7, time_zone = ?8, language = ?9, user_id = ?10,"
		" external_id = ?11, updated_at = csm_now() WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, c->id);
	bind_contact(st, c);
	return store_exec_stmt(s, st, err, "updating a contact");
}

int store_contact_set_active(struct store *s, int64_t id, bool active, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.contact SET active = ?2, updated_at = csm_now() WHERE id = ?1";
	return write_id_int(s, sql, id, active, err, "changing a contact's active flag");
}

int store_contact_set_account(struct store *s, int64_t id, int64_t account_id,
			      struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.contact SET account_id = ?2, updated_at = csm_now() WHERE id = ?1";
	return write_id_id(s, sql, id, account_id, err, "moving a contact");
}

int store_contact_get(struct store *s, int64_t id, struct contact *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " CONTACT_COLS CONTACT_FROM " WHERE c.id = ?1";
	return get_by_id(s, sql, id, fill_contact, out, err, "reading a contact");
}

int store_contact_get_by_number(struct store *s, const char *number, struct contact *out,
				struct csm_error *err)
{
	static const char sql[] = "SELECT " CONTACT_COLS CONTACT_FROM " WHERE c.number = ?1";
	return get_by_text(s, sql, number, fill_contact, out, err, "reading a contact");
}

int store_contact_get_by_email(struct store *s, const char *email, struct contact *out,
			       struct csm_error *err)
{
	static const char sql[] = "SELECT " CONTACT_COLS CONTACT_FROM
		" WHERE c.email = ?1 COLLATE NOCASE ORDER BY c.active DESC, c.id LIMIT 1";
	return get_by_text(s, sql, email, fill_contact, out, err, "reading a contact");
}

int store_contact_list(struct store *s, int64_t account_id, const struct page_req *pg,
		       struct contact_list *out, struct csm_error *err)
{
	/* Sort key: active first, then last and first name without case. */
	static const char sql[] =
		"SELECT " CONTACT_COLS ", c.sk FROM (SELECT *,"
		" (CASE active WHEN 1 THEN '0' ELSE '1' END) || char(31) || lower(last_name)"
		" || char(31) || lower(COALESCE(first_name, '')) AS sk"
		" FROM contact WHERE account_id = ?1) c JOIN account a ON a.id = c.account_id"
		" WHERE ?2 IS NULL OR c.sk > ?2 OR (c.sk = ?2 AND c.id > ?3)"
		" ORDER BY c.sk, c.id LIMIT ?4";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	void *items;
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, account_id);
	if (pg && pg->after_key) {
		sqlite3_bind_text(st, 2, pg->after_key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, pg->after_id);
	}
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit_plus_one(pg));
	rc = fetch_list(s, st, fill_contact, sizeof *out->items, page_limit(pg), 18, &items, &out->n,
			&out->next, err, "listing contacts");
	out->items = items;
	if (rc < 0)
		contact_list_fini(out);
	return rc;
}

int store_contact_case_count(struct store *s, int64_t id, long *n, struct csm_error *err)
{
	static const char sql[] = "SELECT count(*) FROM cases WHERE contact_id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return query_long(s, st, n, err, "counting a contact's cases");
}

int store_account_clear_primary_contact(struct store *s, int64_t contact_id,
					struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.account SET primary_contact_id = NULL, updated_at = csm_now()"
		" WHERE primary_contact_id = ?1";
	return write_id_id(s, sql, contact_id, 0, err, "clearing a primary contact");
}

/* ---- consumers --------------------------------------------------------- */

#define CONSUMER_COLS                                                                  \
	"c.id, c.number, c.prefix, c.first_name, c.middle_name, c.last_name, c.suffix,"\
	" c.email, c.mobile_phone, c.home_phone, c.business_phone, c.active, c.user_id,"\
	" c.notes, c.external_id, c.created_at, c.updated_at"

static void fill_consumer(sqlite3_stmt *st, void *p)
{
	struct consumer *c = p;

	c->id = col_id(st, 0);
	c->number = store_col_dup(st, 1);
	c->prefix = store_col_dup(st, 2);
	c->first_name = store_col_dup(st, 3);
	c->middle_name = store_col_dup(st, 4);
	c->last_name = store_col_dup(st, 5);
	c->suffix = store_col_dup(st, 6);
	c->email = store_col_dup(st, 7);
	c->mobile_phone = store_col_dup(st, 8);
	c->home_phone = store_col_dup(st, 9);
	c->business_phone = store_col_dup(st, 10);
	c->active = col_bool(st, 11);
	c->user_id = col_id(st, 12);
	c->notes = store_col_dup(st, 13);
	c->external_id = store_col_dup(st, 14);
	c->created_at = store_col_dup(st, 15);
	c->updated_at = store_col_dup(st, 16);
}

/* The editable consumer fields, bound from ?2 on. */
static void bind_consumer(sqlite3_stmt *st, const struct consumer *c)
{
	store_bind_text(st, 2, c->prefix);
	store_bind_text(st, 3, c->first_name);
	store_bind_text(st, 4, c->middle_name);
	store_bind_text(st, 5, c->last_name);
	store_bind_text(st, 6, c->suffix);
	store_bind_text(st, 7, c->email);
	store_bind_text(st, 8, c->mobile_phone);
	store_bind_text(st, 9, c->home_phone);
	store_bind_text(st, 10, c->business_phone);
	store_bind_id(st, 11, c->user_id);
	store_bind_text(st, 12, c->notes);
	store_bind_text(st, 13, c->external_id);
}

int store_consumer_insert(struct store *s, struct consumer *c, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.consumer(number, prefix, first_name, middle_name, last_name, suffix,"
		" email, mobile_phone, home_phone, business_phone, user_id, notes, external_id,"
		" active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, c->number);
	bind_consumer(st, c);
	sqlite3_bind_int(st, 14, c->active);
	return insert_row(s, st, &c->id, err, "adding a consumer");
}

int store_consumer_update(struct store *s, const struct consumer *c, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.consumer SET prefix = ?2, first_name = ?3, middle_name = ?4, last_name = ?5,"
		" suffix = ?6, email = ?7, mobile_phone = ?8, home_phone = ?9, business_phone = ?10,"
		" user_id = ?11, notes = ?12, external_id = ?13, updated_at = csm_now()"
		" WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, c->id);
	bind_consumer(st, c);
	return store_exec_stmt(s, st, err, "updating a consumer");
}

int store_consumer_set_active(struct store *s, int64_t id, bool active, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.consumer SET active = ?2, updated_at = csm_now() WHERE id = ?1";
	return write_id_int(s, sql, id, active, err, "changing a consumer's active flag");
}

int store_consumer_get(struct store *s, int64_t id, struct consumer *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " CONSUMER_COLS " FROM consumer c WHERE c.id = ?1";
	return get_by_id(s, sql, id, fill_consumer, out, err, "reading a consumer");
}

int store_consumer_get_by_number(struct store *s, const char *number, struct consumer *out,
				 struct csm_error *err)
{
	static const char sql[] = "SELECT " CONSUMER_COLS " FROM consumer c WHERE c.number = ?1";
	return get_by_text(s, sql, number, fill_consumer, out, err, "reading a consumer");
}

int store_consumer_list(struct store *s, const struct page_req *pg, bool active_only,
			struct consumer_list *out, struct csm_error *err)
{
	static const char sql[] =
		"SELECT " CONSUMER_COLS ", c.sk FROM (SELECT *, lower(last_name) || char(31)"
		" || lower(COALESCE(first_name, '')) AS sk FROM consumer"
		" WHERE ?1 = 0 OR active = 1) c"
		" WHERE ?2 IS NULL OR c.sk > ?2 OR (c.sk = ?2 AND c.id > ?3)"
		" ORDER BY c.sk, c.id LIMIT ?4";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	void *items;
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, active_only);
	if (pg && pg->after_key) {
		sqlite3_bind_text(st, 2, pg->after_key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, pg->after_id);
	}
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit_plus_one(pg));
	rc = fetch_list(s, st, fill_consumer, sizeof *out->items, page_limit(pg), 17, &items,
			&out->n, &out->next, err, "listing consumers");
	out->items = items;
	if (rc < 0)
		consumer_list_fini(out);
	return rc;
}

/* ---- households -------------------------------------------------------- */

#define HOUSEHOLD_COLS                                                                 \
	"h.id, h.number, h.name, h.head_consumer_id, c.number, c.first_name,"         \
	" c.last_name, h.location_id, h.notes, h.active, h.external_id, h.created_at,"\
	" h.updated_at"
#define HOUSEHOLD_FROM " FROM household h LEFT JOIN consumer c ON c.id = h.head_consumer_id"

static void fill_household(sqlite3_stmt *st, void *p)
{
	struct household *h = p;
	const unsigned char *last = sqlite3_column_text(st, 6);

	h->id = col_id(st, 0);
	h->number = store_col_dup(st, 1);
	h->name = store_col_dup(st, 2);
	h->head_id = col_id(st, 3);
	h->head_number = store_col_dup(st, 4);
	if (last)
		h->head_name = customer_person_name((const char *)sqlite3_column_text(st, 5),
						    (const char *)sqlite3_column_text(st, 6));
	h->location_id = col_id(st, 7);
	h->notes = store_col_dup(st, 8);
	h->active = col_bool(st, 9);
	h->external_id = store_col_dup(st, 10);
	h->created_at = store_col_dup(st, 11);
	h->updated_at = store_col_dup(st, 12);
}

int store_household_insert(struct store *s, struct household *h, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.household(number, name, location_id, notes, external_id, active)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, h->number);
	store_bind_text(st, 2, h->name);
	store_bind_id(st, 3, h->location_id);
	store_bind_text(st, 4, h->notes);
	store_bind_text(st, 5, h->external_id);
	sqlite3_bind_int(st, 6, h->active);
	return insert_row(s, st, &h->id, err, "adding a household");
}

int store_household_update(struct store *s, const struct household *h, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.household SET name = ?2, location_id = ?3, notes = ?4, external_id = ?5,"
		" updated_at = csm_now() WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, h->id);
	store_bind_text(st, 2, h->name);
	store_bind_id(st, 3, h->location_id);
	store_bind_text(st, 4, h->notes);
	store_bind_text(st, 5, h->external_id);
	return store_exec_stmt(s, st, err, "updating a household");
}

int store_household_set_head(struct store *s, int64_t id, int64_t consumer_id,
			     struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.household SET head_consumer_id = ?2, updated_at = csm_now() WHERE id = ?1";
	return write_id_id(s, sql, id, consumer_id, err, "changing the head of household");
}

int store_household_set_active(struct store *s, int64_t id, bool active, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.household SET active = ?2, updated_at = csm_now() WHERE id = ?1";
	return write_id_int(s, sql, id, active, err, "changing a household's active flag");
}

int store_household_get(struct store *s, int64_t id, struct household *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " HOUSEHOLD_COLS HOUSEHOLD_FROM " WHERE h.id = ?1";
	return get_by_id(s, sql, id, fill_household, out, err, "reading a household");
}

int store_household_get_by_number(struct store *s, const char *number, struct household *out,
				  struct csm_error *err)
{
	static const char sql[] = "SELECT " HOUSEHOLD_COLS HOUSEHOLD_FROM " WHERE h.number = ?1";
	return get_by_text(s, sql, number, fill_household, out, err, "reading a household");
}

#define MEMBER_COLS                                                                    \
	"m.id, m.household_id, m.consumer_id, h.number, h.name, c.number, c.first_name,"\
	" c.last_name, m.start_date, m.end_date, m.is_primary,"                        \
	" (h.head_consumer_id IS m.consumer_id), " CURRENT("m")
#define MEMBER_FROM                                                                    \
	" FROM household_member m JOIN household h ON h.id = m.household_id"           \
	" JOIN consumer c ON c.id = m.consumer_id"

static void fill_member(sqlite3_stmt *st, void *p)
{
	struct household_member *m = p;

	m->id = col_id(st, 0);
	m->household_id = col_id(st, 1);
	m->consumer_id = col_id(st, 2);
	m->household_number = store_col_dup(st, 3);
	m->household_name = store_col_dup(st, 4);
	m->consumer_number = store_col_dup(st, 5);
	m->consumer_name = customer_person_name((const char *)sqlite3_column_text(st, 6),
						(const char *)sqlite3_column_text(st, 7));
	m->start_date = store_col_dup(st, 8);
	m->end_date = store_col_dup(st, 9);
	m->is_primary = col_bool(st, 10);
	m->is_head = col_bool(st, 11);
	m->current = col_bool(st, 12);
}

int store_member_insert(struct store *s, struct household_member *m, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.household_member(household_id, consumer_id, start_date, end_date,"
		" is_primary) VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, m->household_id);
	sqlite3_bind_int64(st, 2, m->consumer_id);
	store_bind_text(st, 3, m->start_date);
	store_bind_text(st, 4, m->end_date);
	sqlite3_bind_int(st, 5, m->is_primary);
	return insert_row(s, st, &m->id, err, "adding a household member");
}

int store_member_set_end(struct store *s, int64_t id, const char *end_date, struct csm_error *err)
{
	static const char sql[] = "UPDATE main.household_member SET end_date = ?2 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, end_date);
	return store_exec_stmt(s, st, err, "ending a household membership");
}

int store_member_clear_primary(struct store *s, int64_t consumer_id, int64_t keep_id,
			       struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.household_member SET is_primary = 0"
		" WHERE consumer_id = ?1 AND id IS NOT ?2 AND is_primary = 1";
	return write_id_id(s, sql, consumer_id, keep_id, err, "clearing a primary household");
}

int store_member_get(struct store *s, int64_t id, struct household_member *out,
		     struct csm_error *err)
{
	static const char sql[] = "SELECT " MEMBER_COLS MEMBER_FROM " WHERE m.id = ?1";
	return get_by_id(s, sql, id, fill_member, out, err, "reading a household membership");
}

/* Runs a membership list bound to ?1 = id and ?2 = filter. */
static int member_list_run(struct store *s, const char *sql, int64_t id, enum member_filter f,
			   struct member_list *out, struct csm_error *err, const char *what)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);
	void *items;
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, (int)f);
	rc = fetch_list(s, st, fill_member, sizeof *out->items, 0, 0, &items, &out->n, NULL, err,
			what);
	out->items = items;
	if (rc < 0)
		member_list_fini(out);
	return rc;
}

int store_household_members(struct store *s, int64_t household_id, enum member_filter f,
			    struct member_list *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " MEMBER_COLS MEMBER_FROM
		" WHERE m.household_id = ?1" FILTER("m")
		" ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, m.start_date, m.id";
	return member_list_run(s, sql, household_id, f, out, err, "listing household members");
}

int store_consumer_households(struct store *s, int64_t consumer_id, enum member_filter f,
			      struct member_list *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " MEMBER_COLS MEMBER_FROM
		" WHERE m.consumer_id = ?1" FILTER("m")
		" ORDER BY m.is_primary DESC, h.name COLLATE NOCASE, m.start_date, m.id";
	return member_list_run(s, sql, consumer_id, f, out, err, "listing a consumer's households");
}

int store_household_is_current_member(struct store *s, int64_t household_id, int64_t consumer_id,
				      struct csm_error *err)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM household_member m WHERE m.household_id = ?1"
		" AND m.consumer_id = ?2 AND " CURRENT("m") ")";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	long v = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, household_id);
	sqlite3_bind_int64(st, 2, consumer_id);
	if (query_long(s, st, &v, err, "checking a household membership") < 0)
		return -1;
	return v != 0;
}

/* Runs an overlap query: ?1, ?2 ids, ?3 start, ?4 end. */
static int overlap_run(struct store *s, const char *sql, int64_t a, int64_t b, const char *start,
		       const char *end, struct csm_error *err)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);
	long v = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	store_bind_text(st, 3, start);
	store_bind_text(st, 4, end);
	if (query_long(s, st, &v, err, "checking for overlapping periods") < 0)
		return -1;
	return v != 0;
}

int store_member_overlaps(struct store *s, int64_t household_id, int64_t consumer_id,
			  const char *start, const char *end, struct csm_error *err)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM household_member WHERE household_id = ?1"
		" AND consumer_id = ?2"
		" AND (start_date IS NULL OR ?4 IS NULL OR start_date <= ?4)"
		" AND (end_date IS NULL OR ?3 IS NULL OR end_date >= ?3))";
	return overlap_run(s, sql, household_id, consumer_id, start, end, err);
}

/* ---- account-consumer links -------------------------------------------- */

#define LINK_COLS                                                                      \
	"l.id, l.account_id, l.consumer_id, a.number, a.name, c.number, c.first_name,"\
	" c.last_name, l.start_date, l.end_date, " CURRENT("l")
#define LINK_FROM                                                                      \
	" FROM account_consumer l JOIN account a ON a.id = l.account_id"               \
	" JOIN consumer c ON c.id = l.consumer_id"

static void fill_link(sqlite3_stmt *st, void *p)
{
	struct account_consumer *l = p;

	l->id = col_id(st, 0);
	l->account_id = col_id(st, 1);
	l->consumer_id = col_id(st, 2);
	l->account_number = store_col_dup(st, 3);
	l->account_name = store_col_dup(st, 4);
	l->consumer_number = store_col_dup(st, 5);
	l->consumer_name = customer_person_name((const char *)sqlite3_column_text(st, 6),
						(const char *)sqlite3_column_text(st, 7));
	l->start_date = store_col_dup(st, 8);
	l->end_date = store_col_dup(st, 9);
	l->current = col_bool(st, 10);
}

int store_account_consumer_insert(struct store *s, struct account_consumer *l,
				  struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.account_consumer(account_id, consumer_id, start_date, end_date)"
		" VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, l->account_id);
	sqlite3_bind_int64(st, 2, l->consumer_id);
	store_bind_text(st, 3, l->start_date);
	store_bind_text(st, 4, l->end_date);
	return insert_row(s, st, &l->id, err, "linking an account and a consumer");
}

int store_account_consumer_set_end(struct store *s, int64_t id, const char *end_date,
				   struct csm_error *err)
{
	static const char sql[] = "UPDATE main.account_consumer SET end_date = ?2 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, end_date);
	return store_exec_stmt(s, st, err, "ending an account-consumer link");
}

int store_account_consumer_get(struct store *s, int64_t id, struct account_consumer *out,
			       struct csm_error *err)
{
	static const char sql[] = "SELECT " LINK_COLS LINK_FROM " WHERE l.id = ?1";
	return get_by_id(s, sql, id, fill_link, out, err, "reading an account-consumer link");
}

int store_account_consumer_overlaps(struct store *s, int64_t account_id, int64_t consumer_id,
				    const char *start, const char *end, struct csm_error *err)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM account_consumer WHERE account_id = ?1"
		" AND consumer_id = ?2"
		" AND (start_date IS NULL OR ?4 IS NULL OR start_date <= ?4)"
		" AND (end_date IS NULL OR ?3 IS NULL OR end_date >= ?3))";
	return overlap_run(s, sql, account_id, consumer_id, start, end, err);
}

static int link_list_run(struct store *s, const char *sql, int64_t id, enum member_filter f,
			 struct account_consumer_list *out, struct csm_error *err)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);
	void *items;
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, (int)f);
	rc = fetch_list(s, st, fill_link, sizeof *out->items, 0, 0, &items, &out->n, NULL, err,
			"listing account-consumer links");
	out->items = items;
	if (rc < 0)
		account_consumer_list_fini(out);
	return rc;
}

int store_account_consumers(struct store *s, int64_t account_id, enum member_filter f,
			    struct account_consumer_list *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " LINK_COLS LINK_FROM
		" WHERE l.account_id = ?1" FILTER("l")
		" ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, l.id";
	return link_list_run(s, sql, account_id, f, out, err);
}

int store_consumer_accounts(struct store *s, int64_t consumer_id, enum member_filter f,
			    struct account_consumer_list *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " LINK_COLS LINK_FROM
		" WHERE l.consumer_id = ?1" FILTER("l")
		" ORDER BY a.name COLLATE NOCASE, l.id";
	return link_list_run(s, sql, consumer_id, f, out, err);
}

/* ---- locations --------------------------------------------------------- */

#define LOCATION_COLS                                                                  \
	"l.id, l.name, l.type, l.parent_id, l.path, l.depth, l.street, l.city, l.state,"\
	" l.postal_code, l.country, l.latitude, l.longitude, l.external_id, l.active"

static void fill_location(sqlite3_stmt *st, void *p)
{
	struct location *l = p;

	l->id = col_id(st, 0);
	l->name = store_col_dup(st, 1);
	l->type = store_col_dup(st, 2);
	l->parent_id = col_id(st, 3);
	l->path = store_col_dup(st, 4);
	l->depth = sqlite3_column_int(st, 5);
	l->street = store_col_dup(st, 6);
	l->city = store_col_dup(st, 7);
	l->state = store_col_dup(st, 8);
	l->postal_code = store_col_dup(st, 9);
	l->country = store_col_dup(st, 10);
	l->has_position = sqlite3_column_type(st, 11) != SQLITE_NULL &&
			  sqlite3_column_type(st, 12) != SQLITE_NULL;
	l->latitude = sqlite3_column_double(st, 11);
	l->longitude = sqlite3_column_double(st, 12);
	l->external_id = store_col_dup(st, 13);
	l->active = col_bool(st, 14);
}

/* The location fields from ?2 to ?12. */
static void bind_location(sqlite3_stmt *st, const struct location *l)
{
	store_bind_text(st, 2, l->name);
	store_bind_text(st, 3, l->type);
	store_bind_text(st, 4, l->street);
	store_bind_text(st, 5, l->city);
	store_bind_text(st, 6, l->state);
	store_bind_text(st, 7, l->postal_code);
	store_bind_text(st, 8, l->country);
	if (l->has_position) {
		sqlite3_bind_double(st, 9, l->latitude);
		sqlite3_bind_double(st, 10, l->longitude);
	}
	store_bind_text(st, 11, l->external_id);
	sqlite3_bind_int(st, 12, l->active);
}

int store_location_insert(struct store *s, struct location *l, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.location(parent_id, name, type, street, city, state, postal_code,"
		" country, latitude, longitude, external_id, active)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_id(st, 1, l->parent_id);
	bind_location(st, l);
	return insert_row(s, st, &l->id, err, "adding a location");
}

int store_location_update(struct store *s, const struct location *l, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.location SET name = ?2, type = ?3, street = ?4, city = ?5, state = ?6,"
		" postal_code = ?7, country = ?8, latitude = ?9, longitude = ?10,"
		" external_id = ?11, active = ?12 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, l->id);
	bind_location(st, l);
	return store_exec_stmt(s, st, err, "updating a location");
}

int store_location_set_parent(struct store *s, int64_t id, int64_t parent_id,
			      struct csm_error *err)
{
	static const char sql[] = "UPDATE main.location SET parent_id = ?2 WHERE id = ?1";
	return write_id_id(s, sql, id, parent_id, err, "moving a location");
}

int store_location_get(struct store *s, int64_t id, struct location *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " LOCATION_COLS " FROM location l WHERE l.id = ?1";
	return get_by_id(s, sql, id, fill_location, out, err, "reading a location");
}

int store_location_children(struct store *s, int64_t parent_id, const struct page_req *pg,
			    struct location_list *out, struct csm_error *err)
{
	static const char sql[] =
		"SELECT " LOCATION_COLS ", l.sk FROM (SELECT *, lower(name) AS sk FROM location"
		" WHERE parent_id IS ?1) l"
		" WHERE ?2 IS NULL OR l.sk > ?2 OR (l.sk = ?2 AND l.id > ?3)"
		" ORDER BY l.sk, l.id LIMIT ?4";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	void *items;
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	store_bind_id(st, 1, parent_id);
	if (pg && pg->after_key) {
		sqlite3_bind_text(st, 2, pg->after_key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, pg->after_id);
	}
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit_plus_one(pg));
	rc = fetch_list(s, st, fill_location, sizeof *out->items, page_limit(pg), 15, &items,
			&out->n, &out->next, err, "listing locations");
	out->items = items;
	if (rc < 0)
		location_list_fini(out);
	return rc;
}

static int location_list_by_id(struct store *s, const char *sql, int64_t id,
			       struct location_list *out, struct csm_error *err, const char *what)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);
	void *items;
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = fetch_list(s, st, fill_location, sizeof *out->items, 0, 0, &items, &out->n, NULL, err,
			what);
	out->items = items;
	if (rc < 0)
		location_list_fini(out);
	return rc;
}

int store_location_ancestors(struct store *s, int64_t id, struct location_list *out,
			     struct csm_error *err)
{
	static const char sql[] =
		"WITH RECURSIVE up(id, lvl) AS ("
		"  SELECT parent_id, 1 FROM location WHERE id = ?1 AND parent_id IS NOT NULL"
		"  UNION ALL SELECT x.parent_id, up.lvl + 1 FROM location x JOIN up ON x.id = up.id"
		"  WHERE x.parent_id IS NOT NULL AND up.lvl < 1000)"
		" SELECT " LOCATION_COLS " FROM up JOIN location l ON l.id = up.id"
		" ORDER BY up.lvl DESC";
	return location_list_by_id(s, sql, id, out, err, "listing a location's ancestors");
}

int store_location_subtree(struct store *s, int64_t id, struct location_list *out,
			   struct csm_error *err)
{
	static const char sql[] = "SELECT " LOCATION_COLS " FROM location l"
		" WHERE l.path >= (SELECT path FROM location WHERE id = ?1)"
		" AND l.path < (SELECT path FROM location WHERE id = ?1) || x'7f'"
		" ORDER BY l.path";
	int rc = location_list_by_id(s, sql, id, out, err, "listing a location tree");

	if (rc == 0 && out->n > 0) {
		int top = out->items[0].depth;
		for (size_t i = 0; i < out->n; i++)
			out->items[i].depth -= top;
	}
	return rc;
}

int store_location_type_allowed(struct store *s, const char *type, char **known,
				struct csm_error *err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM location_type),"
		" EXISTS (SELECT 1 FROM location_type WHERE name = ?1),"
		" (SELECT group_concat(name, ', ') FROM"
		"  (SELECT name FROM location_type ORDER BY sort_order, name))";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc, allowed = 0;

	*known = NULL;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, type ? type : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		allowed = sqlite3_column_int64(st, 0) == 0 || sqlite3_column_int(st, 1);
		if (!allowed)
			*known = store_col_dup(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, err, "reading location types");
	return allowed;
}

/* ---- addresses --------------------------------------------------------- */

#define ADDRESS_COLS                                                                   \
	"a.id, a.account_id, a.consumer_id, a.location_id, a.kind, a.is_primary,"     \
	" l.name, l.street, l.city, l.postal_code, l.country"
#define ADDRESS_FROM " FROM address a JOIN location l ON l.id = a.location_id"

static void fill_address(sqlite3_stmt *st, void *p)
{
	struct address *a = p;
	enum address_kind k = ADDRESS_BILLING;

	a->id = col_id(st, 0);
	a->account_id = col_id(st, 1);
	a->consumer_id = col_id(st, 2);
	a->location_id = col_id(st, 3);
	address_kind_parse((const char *)sqlite3_column_text(st, 4), &k);
	a->kind = k;
	a->is_primary = col_bool(st, 5);
	a->location_name = store_col_dup(st, 6);
	a->street = store_col_dup(st, 7);
	a->city = store_col_dup(st, 8);
	a->postal_code = store_col_dup(st, 9);
	a->country = store_col_dup(st, 10);
}

int store_address_insert(struct store *s, struct address *a, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.address(account_id, consumer_id, location_id, kind, is_primary)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_id(st, 1, a->account_id);
	store_bind_id(st, 2, a->consumer_id);
	sqlite3_bind_int64(st, 3, a->location_id);
	sqlite3_bind_text(st, 4, address_kind_name(a->kind), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, a->is_primary);
	return insert_row(s, st, &a->id, err, "adding an address");
}

int store_address_delete(struct store *s, int64_t id, struct csm_error *err)
{
	static const char sql[] = "DELETE FROM main.address WHERE id = ?1";
	if (write_id_id(s, sql, id, 0, err, "removing an address") < 0)
		return -1;
	if (sqlite3_changes(store_db(s)) == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no address with id %lld", (long long)id);
	return 0;
}

int store_address_set_primary(struct store *s, int64_t id, struct csm_error *err)
{
	/* Clear first, so that the partial unique index never sees two. */
	static const char clear[] =
		"UPDATE main.address SET is_primary = 0 WHERE is_primary = 1 AND id <> ?1"
		" AND (account_id = (SELECT account_id FROM address WHERE id = ?1)"
		"   OR consumer_id = (SELECT consumer_id FROM address WHERE id = ?1))";
	static const char set[] = "UPDATE main.address SET is_primary = 1 WHERE id = ?1";

	if (store_begin(s, err) < 0)
		return -1;
	if (write_id_id(s, clear, id, 0, err, "clearing the primary address") < 0 ||
	    write_id_id(s, set, id, 0, err, "setting the primary address") < 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

int store_address_get(struct store *s, int64_t id, struct address *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " ADDRESS_COLS ADDRESS_FROM " WHERE a.id = ?1";
	return get_by_id(s, sql, id, fill_address, out, err, "reading an address");
}

int store_address_list(struct store *s, int64_t account_id, int64_t consumer_id,
		       struct address_list *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " ADDRESS_COLS ADDRESS_FROM
		" WHERE (?1 IS NOT NULL AND a.account_id = ?1)"
		"    OR (?2 IS NOT NULL AND a.consumer_id = ?2)"
		" ORDER BY a.is_primary DESC, a.kind, l.name COLLATE NOCASE, a.id";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	void *items;
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	store_bind_id(st, 1, account_id);
	store_bind_id(st, 2, consumer_id);
	rc = fetch_list(s, st, fill_address, sizeof *out->items, 0, 0, &items, &out->n, NULL, err,
			"listing addresses");
	out->items = items;
	if (rc < 0)
		address_list_fini(out);
	return rc;
}

/* ---- customer summaries ------------------------------------------------ */

/* Runs a counts query bound to ?1 = id into the n longs of v. */
static int counts_run(struct store *s, const char *sql, int64_t id, long *const *v, size_t n,
		      struct csm_error *err)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		for (size_t i = 0; i < n; i++)
			*v[i] = (long)sqlite3_column_int64(st, (int)i);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, err, "counting a customer's records");
	return 0;
}

int store_account_summary(struct store *s, int64_t id, struct account_summary *out,
			  struct csm_error *err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM contact WHERE account_id = ?1 AND active = 1),"
		" (SELECT count(*) FROM account WHERE parent_id = ?1),"
		" (SELECT count(*) FROM cases WHERE account_id = ?1"
		"   AND state NOT IN ('closed', 'canceled')),"
		" (SELECT count(*) FROM sold_product WHERE account_id = ?1),"
		" (SELECT count(*) FROM install_base_item WHERE account_id = ?1),"
		" (SELECT count(*) FROM contract WHERE account_id = ?1),"
		" (SELECT count(*) FROM account_consumer l WHERE l.account_id = ?1 AND "
		CURRENT("l") ")";
	long *const v[] = {&out->contacts,      &out->child_accounts,     &out->open_cases,
			   &out->sold_products, &out->install_base_items, &out->contracts,
			   &out->consumers};
	int rc;

	memset(out, 0, sizeof *out);
	rc = store_account_get(s, id, &out->account, err);
	if (rc <= 0)
		return rc;
	if (counts_run(s, sql, id, v, sizeof v / sizeof v[0], err) < 0) {
		account_summary_fini(out);
		return -1;
	}
	return 1;
}

int store_consumer_summary(struct store *s, int64_t id, struct consumer_summary *out,
			   struct csm_error *err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM cases WHERE consumer_id = ?1"
		"   AND state NOT IN ('closed', 'canceled')),"
		" (SELECT count(*) FROM sold_product WHERE consumer_id = ?1),"
		" (SELECT count(*) FROM install_base_item WHERE consumer_id = ?1),"
		" (SELECT count(*) FROM contract WHERE consumer_id = ?1),"
		" (SELECT count(*) FROM account_consumer l WHERE l.consumer_id = ?1 AND "
		CURRENT("l") ")";
	long *const v[] = {&out->open_cases, &out->sold_products, &out->install_base_items,
			   &out->contracts, &out->accounts};
	int rc;

	memset(out, 0, sizeof *out);
	rc = store_consumer_get(s, id, &out->consumer, err);
	if (rc <= 0)
		return rc;
	if (counts_run(s, sql, id, v, sizeof v / sizeof v[0], err) < 0 ||
	    store_consumer_households(s, id, MEMBERS_CURRENT, &out->households, err) < 0) {
		consumer_summary_fini(out);
		return -1;
	}
	return 1;
}

int store_household_summary(struct store *s, int64_t id, struct household_summary *out,
			    struct csm_error *err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM cases WHERE household_id = ?1"
		"   AND state NOT IN ('closed', 'canceled')),"
		" (SELECT count(*) FROM sold_product WHERE household_id = ?1),"
		" (SELECT count(*) FROM install_base_item WHERE household_id = ?1)";
	long *const v[] = {&out->open_cases, &out->sold_products, &out->install_base_items};
	int rc;

	memset(out, 0, sizeof *out);
	rc = store_household_get(s, id, &out->household, err);
	if (rc <= 0)
		return rc;
	if (counts_run(s, sql, id, v, sizeof v / sizeof v[0], err) < 0 ||
	    store_household_members(s, id, MEMBERS_CURRENT, &out->members, err) < 0) {
		household_summary_fini(out);
		return -1;
	}
	return 1;
}

void account_summary_fini(struct account_summary *sum)
{
	account_fini(&sum->account);
	memset(sum, 0, sizeof *sum);
}

void consumer_summary_fini(struct consumer_summary *sum)
{
	consumer_fini(&sum->consumer);
	member_list_fini(&sum->households);
	memset(sum, 0, sizeof *sum);
}

void household_summary_fini(struct household_summary *sum)
{
	household_fini(&sum->household);
	member_list_fini(&sum->members);
	memset(sum, 0, sizeof *sum);
}
