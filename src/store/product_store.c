/* product_store.c - SQL for products, assets, sold products, contracts and
 * entitlements (see product_store.h for the contract). */
#include "store/product_store.h"

#include <stdio.h>
#include <string.h>

#include "store/private.h"
#include "util/clock.h"
#include "util/xalloc.h"

/* ---- helpers shared with install_base_store.c are kept local: small --- */

static int64_t col_id(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, col);
}

/* Rewrites the constraint failures users can cause into sentences; the
 * schema's own RAISE() messages are already readable and pass through. */
static int sqlerr(struct store *s, struct csm_error *err, const char *what, const char *unique_msg)
{
	int rc = sqlite3_extended_errcode(store_db(s));

	if ((rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) && unique_msg)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: %s", what, unique_msg);
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: a record it refers to does not exist (product, owner, parent, "
				     "contact or location)",
				     what);
	return store_sqlerr(s, err, what);
}

/* Steps a write statement; -1 with err on failure. */
static int step_write(struct store *s, sqlite3_stmt *st, struct csm_error *err, const char *what,
		      const char *unique_msg)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		sqlerr(s, err, what, unique_msg);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

/* Steps an UPDATE by id and checks that the row existed. */
static int step_update(struct store *s, sqlite3_stmt *st, struct csm_error *err, const char *what,
		       const char *unique_msg)
{
	if (step_write(s, st, err, what, unique_msg) < 0)
		return -1;
	if (sqlite3_changes(store_db(s)) == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "%s: no such record", what);
	return 0;
}

/* ---- products ---------------------------------------------------------- */

#define PRODUCT_COLS \
	"id, name, model_number, kind, category, manufacturer, parent_id, description, active"

static void product_fill(sqlite3_stmt *st, struct product *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->name = store_col_dup(st, 1);
	p->model_number = store_col_dup(st, 2);
	p->kind = store_col_dup(st, 3);
	p->category = store_col_dup(st, 4);
	p->manufacturer = store_col_dup(st, 5);
	p->parent_id = col_id(st, 6);
	p->description = store_col_dup(st, 7);
	p->active = sqlite3_column_int(st, 8) != 0;
}

static void product_bind(sqlite3_stmt *st, const struct product *p)
{
	store_bind_text(st, 1, p->name);
	store_bind_text(st, 2, p->model_number);
	sqlite3_bind_text(st, 3, p->kind ? p->kind : "hardware", -1, SQLITE_TRANSIENT);
	store_bind_text(st, 4, p->category);
	store_bind_text(st, 5, p->manufacturer);
	store_bind_id(st, 6, p->parent_id);
	store_bind_text(st, 7, p->description);
}

int store_product_insert(struct store *s, struct product *p, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO product(name, model_number, kind, category, manufacturer, parent_id, "
		"description, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char what[160];

	if (!st)
		return -1;
	product_bind(st, p);
	snprintf(what, sizeof what, "product %s", p->model_number);
	if (step_write(s, st, err, what, "the model number is already used") < 0)
		return -1;
	p->id = sqlite3_last_insert_rowid(store_db(s));
	p->active = true;
	return 0;
}

int store_product_update(struct store *s, const struct product *p, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE product SET name = ?1, model_number = ?2, kind = ?3, category = ?4, "
		"manufacturer = ?5, parent_id = ?6, description = ?7, active = ?8 WHERE id = ?9";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char what[160];

	if (!st)
		return -1;
	product_bind(st, p);
	sqlite3_bind_int(st, 8, p->active);
	sqlite3_bind_int64(st, 9, p->id);
	snprintf(what, sizeof what, "product %s", p->model_number);
	return step_update(s, st, err, what, "the model number is already used");
}

int store_product_set_active(struct store *s, int64_t id, bool active, struct csm_error *err)
{
	static const char sql[] = "UPDATE product SET active = ?2 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, active);
	return step_update(s, st, err, "product", NULL);
}

int store_product_get(struct store *s, int64_t id, struct product *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " PRODUCT_COLS " FROM product WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	STORE_LOOKUP(s, err, st, out, product_fill, "reading a product");
}

int store_product_get_by_model(struct store *s, const char *model_number, struct product *out,
			       struct csm_error *err)
{
	static const char sql[] = "SELECT " PRODUCT_COLS " FROM product WHERE model_number = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, model_number);
	STORE_LOOKUP(s, err, st, out, product_fill, "reading a product");
}

/* ---- assets ------------------------------------------------------------ */

#define ASSET_COLS "id, asset_tag, serial_number, product_id, account_id, consumer_id, status"

static void asset_fill(sqlite3_stmt *st, struct asset *a)
{
	a->id = sqlite3_column_int64(st, 0);
	a->asset_tag = store_col_dup(st, 1);
	a->serial_number = store_col_dup(st, 2);
	a->product_id = col_id(st, 3);
	a->account_id = col_id(st, 4);
	a->consumer_id = col_id(st, 5);
	a->status = store_col_dup(st, 6);
}

static void asset_bind(sqlite3_stmt *st, const struct asset *a)
{
	store_bind_text(st, 1, a->asset_tag);
	store_bind_text(st, 2, a->serial_number);
	store_bind_id(st, 3, a->product_id);
	store_bind_id(st, 4, a->account_id);
	store_bind_id(st, 5, a->consumer_id);
	sqlite3_bind_text(st, 6, a->status ? a->status : "in_use", -1, SQLITE_TRANSIENT);
}

int store_asset_insert(struct store *s, struct asset *a, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.asset(asset_tag, serial_number, product_id, account_id, consumer_id, "
		"status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char what[160];

	if (!st)
		return -1;
	asset_bind(st, a);
	snprintf(what, sizeof what, "asset %s", a->asset_tag);
	if (step_write(s, st, err, what, "the asset tag is already used") < 0)
		return -1;
	a->id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

int store_asset_update(struct store *s, const struct asset *a, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.asset SET asset_tag = ?1, serial_number = ?2, product_id = ?3, "
		"account_id = ?4, consumer_id = ?5, status = ?6 WHERE id = ?7";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char what[160];

	if (!st)
		return -1;
	asset_bind(st, a);
	sqlite3_bind_int64(st, 7, a->id);
	snprintf(what, sizeof what, "asset %s", a->asset_tag);
	return step_update(s, st, err, what, "the asset tag is already used");
}

int store_asset_get(struct store *s, int64_t id, struct asset *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " ASSET_COLS " FROM asset WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	STORE_LOOKUP(s, err, st, out, asset_fill, "reading an asset");
}

int store_asset_get_by_tag(struct store *s, const char *tag, struct asset *out,
			   struct csm_error *err)
{
	static const char sql[] = "SELECT " ASSET_COLS " FROM asset WHERE asset_tag = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, tag);
	STORE_LOOKUP(s, err, st, out, asset_fill, "reading an asset");
}

/* ---- sold products ----------------------------------------------------- */

#define SOLD_COLS                                                                          \
	"sp.id, sp.number, sp.product_id, sp.parent_id, sp.account_id, sp.consumer_id, "   \
	"sp.household_id, sp.service_org_id, sp.contact_id, sp.quantity, sp.start_date, "  \
	"sp.end_date, sp.active, p.name"
#define SOLD_FROM " FROM sold_product sp JOIN product p ON p.id = sp.product_id "

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

static void sold_bind(sqlite3_stmt *st, const struct sold_product *sp)
{
	store_bind_text(st, 1, sp->number);
	store_bind_id(st, 2, sp->product_id);
	store_bind_id(st, 3, sp->parent_id);
	store_bind_id(st, 4, sp->account_id);
	store_bind_id(st, 5, sp->consumer_id);
	store_bind_id(st, 6, sp->household_id);
	store_bind_id(st, 7, sp->service_org_id);
	store_bind_id(st, 8, sp->contact_id);
	sqlite3_bind_int(st, 9, sp->quantity > 0 ? sp->quantity : 1);
	store_bind_text(st, 10, sp->start_date);
	store_bind_text(st, 11, sp->end_date);
}

int store_sold_product_insert(struct store *s, struct sold_product *sp, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.sold_product(number, product_id, parent_id, account_id, consumer_id, "
		"household_id, service_org_id, contact_id, quantity, start_date, end_date) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char what[160];

	if (!st)
		return -1;
	sold_bind(st, sp);
	snprintf(what, sizeof what, "sold product %s", sp->number ? sp->number : "");
	if (step_write(s, st, err, what, "the number is already used") < 0)
		return -1;
	sp->id = sqlite3_last_insert_rowid(store_db(s));
	sp->active = true;
	return 0;
}

int store_sold_product_update(struct store *s, const struct sold_product *sp,
			      struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.sold_product SET number = ?1, product_id = ?2, parent_id = ?3, "
		"account_id = ?4, consumer_id = ?5, household_id = ?6, service_org_id = ?7, "
		"contact_id = ?8, quantity = ?9, start_date = ?10, end_date = ?11, active = ?12 "
		"WHERE id = ?13";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char what[160];

	if (!st)
		return -1;
	sold_bind(st, sp);
	sqlite3_bind_int(st, 12, sp->active);
	sqlite3_bind_int64(st, 13, sp->id);
	snprintf(what, sizeof what, "sold product %s", sp->number ? sp->number : "");
	return step_update(s, st, err, what, "the number is already used");
}

int store_sold_product_set_active(struct store *s, int64_t id, bool active, struct csm_error *err)
{
	static const char sql[] = "UPDATE main.sold_product SET active = ?2 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, active);
	return step_update(s, st, err, "sold product", NULL);
}

int store_sold_product_get(struct store *s, int64_t id, struct sold_product *out,
			   struct csm_error *err)
{
	static const char sql[] = "SELECT " SOLD_COLS SOLD_FROM "WHERE sp.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	STORE_LOOKUP(s, err, st, out, sold_fill, "reading a sold product");
}

int store_sold_product_get_by_number(struct store *s, const char *number, struct sold_product *out,
				     struct csm_error *err)
{
	static const char sql[] = "SELECT " SOLD_COLS SOLD_FROM "WHERE sp.number = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, number);
	STORE_LOOKUP(s, err, st, out, sold_fill, "reading a sold product");
}

int store_sold_product_list_by_owner(struct store *s, enum owner_kind kind, int64_t owner_id,
				     const struct page_req *page, struct sold_product_list *out,
				     struct csm_error *err)
{
	/* One statement per owner column, so that each uses its (owner, id) index. */
	static const char by_account[] = "SELECT " SOLD_COLS SOLD_FROM
		"WHERE sp.account_id = ?1 AND sp.id > ?2 ORDER BY sp.id LIMIT ?3";
	static const char by_consumer[] = "SELECT " SOLD_COLS SOLD_FROM
		"WHERE sp.consumer_id = ?1 AND sp.id > ?2 ORDER BY sp.id LIMIT ?3";
	static const char by_household[] = "SELECT " SOLD_COLS SOLD_FROM
		"WHERE sp.household_id = ?1 AND sp.id > ?2 ORDER BY sp.id LIMIT ?3";
	static const char by_org[] = "SELECT " SOLD_COLS SOLD_FROM
		"WHERE sp.service_org_id = ?1 AND sp.id > ?2 ORDER BY sp.id LIMIT ?3";
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
	STORE_LIST(s, err, st, out, sold_product_list_add, sold_fill, "listing sold products");
}

int store_sold_product_parts(struct store *s, int64_t bundle_id, struct sold_product_list *out,
			     struct csm_error *err)
{
	static const char sql[] =
		"SELECT " SOLD_COLS SOLD_FROM "WHERE sp.parent_id = ?1 ORDER BY sp.id";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, bundle_id);
	STORE_LIST(s, err, st, out, sold_product_list_add, sold_fill, "listing the parts of a bundle");
}

/* ---- contracts --------------------------------------------------------- */

#define CONTRACT_COLS                                                                  \
	"id, number, name, account_id, consumer_id, state, start_date, end_date, "     \
	"approver_id, description"

static void contract_fill(sqlite3_stmt *st, struct contract *c)
{
	c->id = sqlite3_column_int64(st, 0);
	c->number = store_col_dup(st, 1);
	c->name = store_col_dup(st, 2);
	c->account_id = col_id(st, 3);
	c->consumer_id = col_id(st, 4);
	c->state = store_col_dup(st, 5);
	c->start_date = store_col_dup(st, 6);
	c->end_date = store_col_dup(st, 7);
	c->approver_id = col_id(st, 8);
	c->description = store_col_dup(st, 9);
}

static void contract_bind(sqlite3_stmt *st, const struct contract *c)
{
	store_bind_text(st, 1, c->number);
	store_bind_text(st, 2, c->name);
	store_bind_id(st, 3, c->account_id);
	store_bind_id(st, 4, c->consumer_id);
	sqlite3_bind_text(st, 5, c->state ? c->state : "draft", -1, SQLITE_TRANSIENT);
	store_bind_text(st, 6, c->start_date);
	store_bind_text(st, 7, c->end_date);
	store_bind_id(st, 8, c->approver_id);
	store_bind_text(st, 9, c->description);
}

int store_contract_insert(struct store *s, struct contract *c, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.contract(number, name, account_id, consumer_id, state, start_date, "
		"end_date, approver_id, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char what[160];

	if (!st)
		return -1;
	contract_bind(st, c);
	snprintf(what, sizeof what, "contract %s", c->number ? c->number : "");
	if (step_write(s, st, err, what, "the number is already used") < 0)
		return -1;
	c->id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

int store_contract_update(struct store *s, const struct contract *c, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.contract SET number = ?1, name = ?2, account_id = ?3, consumer_id = ?4, "
		"state = ?5, start_date = ?6, end_date = ?7, approver_id = ?8, description = ?9 "
		"WHERE id = ?10";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char what[160];

	if (!st)
		return -1;
	contract_bind(st, c);
	sqlite3_bind_int64(st, 10, c->id);
	snprintf(what, sizeof what, "contract %s", c->number ? c->number : "");
	return step_update(s, st, err, what, "the number is already used");
}

int store_contract_set_state(struct store *s, int64_t id, const char *state,
			     struct csm_error *err)
{
	static const char sql[] = "UPDATE main.contract SET state = ?2 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, state);
	return step_update(s, st, err, "contract", NULL);
}

int store_contract_get(struct store *s, int64_t id, struct contract *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " CONTRACT_COLS " FROM contract WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	STORE_LOOKUP(s, err, st, out, contract_fill, "reading a contract");
}

int store_contract_get_by_number(struct store *s, const char *number, struct contract *out,
				 struct csm_error *err)
{
	static const char sql[] = "SELECT " CONTRACT_COLS " FROM contract WHERE number = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, number);
	STORE_LOOKUP(s, err, st, out, contract_fill, "reading a contract");
}

int store_contract_cover(struct store *s, int64_t contract_id, int64_t sold_product_id,
			 struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.contract_sold_product(contract_id, sold_product_id) VALUES (?1, ?2)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, contract_id);
	sqlite3_bind_int64(st, 2, sold_product_id);
	return step_write(s, st, err, "covering a sold product",
			  "the contract already covers this sold product");
}

int store_contract_uncover(struct store *s, int64_t contract_id, int64_t sold_product_id,
			   struct csm_error *err)
{
	static const char sql[] =
		"DELETE FROM main.contract_sold_product WHERE contract_id = ?1 AND sold_product_id = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, contract_id);
	sqlite3_bind_int64(st, 2, sold_product_id);
	if (step_write(s, st, err, "uncovering a sold product", NULL) < 0)
		return -1;
	if (sqlite3_changes(store_db(s)) == 0)
		return csm_error_set(err, CSM_EX_NOINPUT,
				     "uncovering a sold product: the contract does not cover it");
	return 0;
}

int store_contract_covered(struct store *s, int64_t contract_id, struct sold_product_list *out,
			   struct csm_error *err)
{
	static const char sql[] = "SELECT " SOLD_COLS SOLD_FROM
		"JOIN contract_sold_product cs ON cs.sold_product_id = sp.id "
		"WHERE cs.contract_id = ?1 ORDER BY sp.id";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, contract_id);
	STORE_LIST(s, err, st, out, sold_product_list_add, sold_fill, "listing covered sold products");
}

int store_contract_list_by_owner(struct store *s, enum owner_kind kind, int64_t owner_id,
				 const struct page_req *page, struct contract_list *out,
				 struct csm_error *err)
{
	static const char by_account[] = "SELECT " CONTRACT_COLS
		" FROM contract WHERE account_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3";
	static const char by_consumer[] = "SELECT " CONTRACT_COLS
		" FROM contract WHERE consumer_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3";
	sqlite3_stmt *st;

	if (kind != OWNER_ACCOUNT && kind != OWNER_CONSUMER)
		return csm_error_set(err, CSM_EX_USAGE,
				     "contracts belong to an account or a consumer only");
	st = store_stmt(s, kind == OWNER_ACCOUNT ? by_account : by_consumer, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, owner_id);
	sqlite3_bind_int64(st, 2, page ? page->after_id : 0);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)page_limit(page));
	STORE_LIST(s, err, st, out, contract_list_add, contract_fill, "listing contracts");
}

/* ---- entitlements ------------------------------------------------------ */

/* The flags are computed here so every reader agrees: exhausted = per-unit
 * with nothing left; expired = ended, or its contract ended or canceled. */
#define ENT_COLS                                                                          \
	"e.id, e.name, e.product_id, e.account_id, e.consumer_id, e.contract_id, "        \
	"e.asset_id, e.sold_product_id, e.install_base_item_id, e.channels, e.start_date, " \
	"e.end_date, e.active, e.per_unit, e.total_units, e.remaining_units, "            \
	"(e.per_unit IS NOT NULL AND e.remaining_units = 0) AS exhausted, "               \
	"(COALESCE(e.end_date < csm_today(), 0) OR COALESCE(c.end_date < csm_today(), 0) " \
	" OR COALESCE(c.state IN ('expired', 'canceled'), 0)) AS expired"
#define ENT_FROM " FROM entitlement e LEFT JOIN contract c ON c.id = e.contract_id "

static void ent_fill(sqlite3_stmt *st, struct entitlement *e)
{
	e->id = sqlite3_column_int64(st, 0);
	e->name = store_col_dup(st, 1);
	e->product_id = col_id(st, 2);
	e->account_id = col_id(st, 3);
	e->consumer_id = col_id(st, 4);
	e->contract_id = col_id(st, 5);
	e->asset_id = col_id(st, 6);
	e->sold_product_id = col_id(st, 7);
	e->install_base_item_id = col_id(st, 8);
	e->channels = store_col_dup(st, 9);
	e->start_date = store_col_dup(st, 10);
	e->end_date = store_col_dup(st, 11);
	e->active = sqlite3_column_int(st, 12) != 0;
	e->per_unit = store_col_dup(st, 13);
	e->total_units = sqlite3_column_int64(st, 14);
	e->remaining_units = sqlite3_column_int64(st, 15);
	e->exhausted = sqlite3_column_int(st, 16) != 0;
	e->expired = sqlite3_column_int(st, 17) != 0;
}

static void ent_bind(sqlite3_stmt *st, const struct entitlement *e)
{
	store_bind_text(st, 1, e->name);
	store_bind_id(st, 2, e->product_id);
	store_bind_id(st, 3, e->account_id);
	store_bind_id(st, 4, e->consumer_id);
	store_bind_id(st, 5, e->contract_id);
	store_bind_id(st, 6, e->asset_id);
	store_bind_id(st, 7, e->sold_product_id);
	store_bind_id(st, 8, e->install_base_item_id);
	sqlite3_bind_text(st, 9, e->channels ? e->channels : "phone,email,web,chat,walk-in", -1,
			  SQLITE_TRANSIENT);
	store_bind_text(st, 10, e->start_date);
	store_bind_text(st, 11, e->end_date);
	store_bind_text(st, 12, e->per_unit);
	if (e->per_unit) {
		sqlite3_bind_int64(st, 13, e->total_units);
		sqlite3_bind_int64(st, 14, e->remaining_units);
	} else {
		sqlite3_bind_null(st, 13);
		sqlite3_bind_null(st, 14);
	}
}

int store_entitlement_insert(struct store *s, struct entitlement *e, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.entitlement(name, product_id, account_id, consumer_id, contract_id, "
		"asset_id, sold_product_id, install_base_item_id, channels, start_date, end_date, "
		"per_unit, total_units, remaining_units, active) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1)";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char what[160];

	if (!st)
		return -1;
	ent_bind(st, e);
	snprintf(what, sizeof what, "entitlement %s", e->name ? e->name : "");
	if (step_write(s, st, err, what, NULL) < 0)
		return -1;
	e->id = sqlite3_last_insert_rowid(store_db(s));
	e->active = true;
	return 0;
}

int store_entitlement_update(struct store *s, const struct entitlement *e, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.entitlement SET name = ?1, product_id = ?2, account_id = ?3, "
		"consumer_id = ?4, contract_id = ?5, asset_id = ?6, sold_product_id = ?7, "
		"install_base_item_id = ?8, channels = ?9, start_date = ?10, end_date = ?11, "
		"per_unit = ?12, total_units = ?13, remaining_units = ?14, active = ?15 WHERE id = ?16";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char what[160];

	if (!st)
		return -1;
	ent_bind(st, e);
	sqlite3_bind_int(st, 15, e->active);
	sqlite3_bind_int64(st, 16, e->id);
	snprintf(what, sizeof what, "entitlement %s", e->name ? e->name : "");
	return step_update(s, st, err, what, NULL);
}

int store_entitlement_set_active(struct store *s, int64_t id, bool active, struct csm_error *err)
{
	static const char sql[] = "UPDATE main.entitlement SET active = ?2 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, active);
	return step_update(s, st, err, "entitlement", NULL);
}

int store_entitlement_get(struct store *s, int64_t id, struct entitlement *out,
			  struct csm_error *err)
{
	static const char sql[] = "SELECT " ENT_COLS ENT_FROM "WHERE e.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	STORE_LOOKUP(s, err, st, out, ent_fill, "reading an entitlement");
}

int store_entitlement_list_for_customer(struct store *s, enum owner_kind kind, int64_t owner_id,
					struct entitlement_list *out, struct csm_error *err)
{
	static const char by_account[] = "SELECT " ENT_COLS ENT_FROM
		"WHERE e.id IN (SELECT id FROM entitlement WHERE account_id = ?1 "
		"  UNION SELECT x.id FROM contract k JOIN entitlement x ON x.contract_id = k.id "
		"  WHERE k.account_id = ?1) "
		"ORDER BY e.name, e.id";
	static const char by_consumer[] = "SELECT " ENT_COLS ENT_FROM
		"WHERE e.id IN (SELECT id FROM entitlement WHERE consumer_id = ?1 "
		"  UNION SELECT x.id FROM contract k JOIN entitlement x ON x.contract_id = k.id "
		"  WHERE k.consumer_id = ?1) "
		"ORDER BY e.name, e.id";
	sqlite3_stmt *st;

	if (kind != OWNER_ACCOUNT && kind != OWNER_CONSUMER)
		return csm_error_set(err, CSM_EX_USAGE,
				     "entitlements are listed for an account or a consumer only");
	st = store_stmt(s, kind == OWNER_ACCOUNT ? by_account : by_consumer, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, owner_id);
	STORE_LIST(s, err, st, out, entitlement_list_add, ent_fill, "listing entitlements");
}

int store_entitlement_matching(struct store *s, const struct entitlement_query *q,
			       struct entitlement_list *out, struct csm_error *err)
{
	/* The candidates come from the scope indexes (one arm per scope column,
	 * NULL binds find nothing), read first (CROSS JOIN keeps that order) and
	 * then looked up by id; every non-NULL scope column of the entitlement
	 * must equal the case's value.  Today is bound once (?10), not asked per
	 * row. */
	static const char sql[] =
		"SELECT * FROM (SELECT e.id, e.name, e.product_id, e.account_id, e.consumer_id,"
		" e.contract_id, e.asset_id, e.sold_product_id, e.install_base_item_id, e.channels,"
		" e.start_date, e.end_date, e.active, e.per_unit, e.total_units, e.remaining_units,"
		" (e.per_unit IS NOT NULL AND e.remaining_units = 0) AS exhausted,"
		" (COALESCE(e.end_date < ?10, 0) OR COALESCE(c.end_date < ?10, 0)"
		"  OR COALESCE(c.state IN ('expired', 'canceled'), 0)) AS expired"
		" FROM (SELECT id FROM entitlement WHERE product_id = ?1"
		"  UNION SELECT id FROM entitlement WHERE account_id = ?2"
		"  UNION SELECT id FROM entitlement WHERE consumer_id = ?3"
		"  UNION SELECT id FROM entitlement WHERE contract_id = ?4"
		"  UNION SELECT id FROM entitlement WHERE asset_id = ?5"
		"  UNION SELECT id FROM entitlement WHERE sold_product_id = ?6"
		"  UNION SELECT id FROM entitlement WHERE install_base_item_id = ?7) m"
		" CROSS JOIN entitlement e ON e.id = m.id"
		" LEFT JOIN contract c ON c.id = e.contract_id"
		" WHERE e.active = 1"
		" AND (e.start_date IS NULL OR e.start_date <= ?10)"
		" AND (e.product_id IS NULL OR e.product_id = ?1)"
		" AND (e.account_id IS NULL OR e.account_id = ?2)"
		" AND (e.consumer_id IS NULL OR e.consumer_id = ?3)"
		" AND (e.contract_id IS NULL OR e.contract_id = ?4)"
		" AND (e.asset_id IS NULL OR e.asset_id = ?5)"
		" AND (e.sold_product_id IS NULL OR e.sold_product_id = ?6)"
		" AND (e.install_base_item_id IS NULL OR e.install_base_item_id = ?7)"
		" AND (?8 IS NULL OR instr(',' || e.channels || ',', ',' || ?8 || ',') > 0)"
		") WHERE ?9 OR NOT expired "
		"ORDER BY expired, exhausted, end_date IS NULL, end_date, id";
	char today[16];
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_id(st, 1, q->product_id);
	store_bind_id(st, 2, q->account_id);
	store_bind_id(st, 3, q->consumer_id);
	store_bind_id(st, 4, q->contract_id);
	store_bind_id(st, 5, q->asset_id);
	store_bind_id(st, 6, q->sold_product_id);
	store_bind_id(st, 7, q->install_base_item_id);
	store_bind_text(st, 8, q->channel);
	sqlite3_bind_int(st, 9, q->include_expired);
	clock_today(today, sizeof today);
	sqlite3_bind_text(st, 10, today, -1, SQLITE_TRANSIENT);
	STORE_LIST(s, err, st, out, entitlement_list_add, ent_fill, "matching entitlements");
}

int store_entitlement_use_unit(struct store *s, int64_t entitlement_id, int units,
			       struct csm_error *err)
{
	static const char get[] =
		"SELECT per_unit IS NOT NULL, COALESCE(remaining_units, 0) FROM entitlement "
		"WHERE id = ?1";
	static const char use[] =
		"UPDATE main.entitlement SET remaining_units = max(remaining_units - ?2, 0) WHERE id = ?1";
	sqlite3_stmt *st;
	int rc, per_unit;
	sqlite3_int64 left;

	if (units < 0)
		return csm_error_set(err, CSM_EX_USAGE, "entitlement: cannot use %d units", units);
	if (store_begin(s, err) < 0)
		return -1;
	if (!(st = store_stmt(s, get, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, entitlement_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			csm_error_set(err, CSM_EX_NOINPUT, "entitlement %lld: no such entitlement",
				      (long long)entitlement_id);
		else
			store_sqlerr(s, err, "reading an entitlement");
		goto fail;
	}
	per_unit = sqlite3_column_int(st, 0);
	left = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if (!per_unit) {
		store_rollback(s);
		return 1; /* not counted: nothing can run out */
	}
	if (left > 0 && units > 0) {
		if (!(st = store_stmt(s, use, err)))
			goto fail;
		sqlite3_bind_int64(st, 1, entitlement_id);
		sqlite3_bind_int(st, 2, units);
		if (step_write(s, st, err, "counting down an entitlement", NULL) < 0)
			goto fail;
	}
	if (store_commit(s, err) < 0)
		goto fail;
	return left > 0;
fail:
	store_rollback(s);
	return -1;
}
