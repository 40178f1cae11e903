/* product.c - products, assets, sold products, contracts, entitlements:
 * validation, one transaction per write, record numbers. */
#include "domain/product.h"

#include "store/access.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Runs write(s, arg, err) in its own transaction; rolls back on error. */
static int in_txn(struct store *s, int (*write)(struct store *, void *, struct csm_error *),
		  void *arg, struct csm_error *err)
{
	if (store_begin(s, err) < 0)
		return -1;
	if (write(s, arg, err) < 0 || store_commit(s, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

static bool is_b2b2c(struct store *s)
{
	char *m = store_setting_dup(s, "business_model");
	bool yes = m && strcmp(m, "b2b2c") == 0;
	free(m);
	return yes;
}

/* ---- products ---------------------------------------------------------- */

static int product_create_w(struct store *s, void *arg, struct csm_error *err)
{
	return store_product_insert(s, arg, err);
}

int domain_product_create(struct store *s, struct product *p, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	if (product_validate(p, err) < 0)
		return -1;
	return in_txn(s, product_create_w, p, err);
}

static int product_update_w(struct store *s, void *arg, struct csm_error *err)
{
	return store_product_update(s, arg, err);
}

int domain_product_update(struct store *s, const struct product *p, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	if (product_validate(p, err) < 0)
		return -1;
	return in_txn(s, product_update_w, (void *)p, err);
}

/* Deactivations: one UPDATE, still in a transaction of its own. */
struct off_arg {
	int64_t id;  /* record */
	int (*off)(struct store *, int64_t, struct csm_error *); /* the store call */
};

static int off_w(struct store *s, void *arg, struct csm_error *err)
{
	struct off_arg *a = arg;
	return a->off(s, a->id, err);
}

static int product_off(struct store *s, int64_t id, struct csm_error *err)
{
	return store_product_set_active(s, id, false, err);
}

int domain_product_deactivate(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	struct off_arg a = {id, product_off};
	return in_txn(s, off_w, &a, err);
}

/* ---- assets ------------------------------------------------------------ */

static int asset_create_w(struct store *s, void *arg, struct csm_error *err)
{
	return store_asset_insert(s, arg, err);
}

int domain_asset_create(struct store *s, struct asset *a, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	if (asset_validate(a, err) < 0)
		return -1;
	return in_txn(s, asset_create_w, a, err);
}

static int asset_update_w(struct store *s, void *arg, struct csm_error *err)
{
	return store_asset_update(s, arg, err);
}

int domain_asset_update(struct store *s, const struct asset *a, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	if (asset_validate(a, err) < 0)
		return -1;
	return in_txn(s, asset_update_w, (void *)a, err);
}

static int asset_retire_w(struct store *s, void *arg, struct csm_error *err)
{
	struct asset a = {0};
	int64_t id = *(int64_t *)arg;
	int rc = store_asset_get(s, id, &a, err);

	if (rc == 0)
		csm_error_set(err, CSM_EX_NOINPUT, "asset %lld: no such asset", (long long)id);
	if (rc <= 0)
		return -1;
	free(a.status);
	a.status = xstrdup("retired");
	rc = store_asset_update(s, &a, err);
	asset_fini(&a);
	return rc;
}

int domain_asset_retire(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	return in_txn(s, asset_retire_w, &id, err);
}

/* ---- sold products ----------------------------------------------------- */

/* Checks that a bundle parent exists and is not the item itself. */
static int check_bundle(struct store *s, const struct sold_product *sp, struct csm_error *err)
{
	struct sold_product parent = {0};
	int rc;

	if (sp->parent_id <= 0)
		return 0;
	rc = store_sold_product_get(s, sp->parent_id, &parent, err);
	if (rc == 0)
		csm_error_set(err, CSM_EX_DATAERR, "%s: the bundle (sold product %lld) does not exist",
			      sp->number ? sp->number : "sold product", (long long)sp->parent_id);
	sold_product_fini(&parent);
	return rc == 1 ? 0 : -1;
}

static int sold_create_w(struct store *s, void *arg, struct csm_error *err)
{
	struct sold_product *sp = arg;
	char number[32];

	if (check_bundle(s, sp, err) < 0)
		return -1;
	if (store_next_number(s, REC_SOLD_PRODUCT, number, sizeof number, err) < 0)
		return -1;
	sp->number = xstrdup(number);
	if (store_sold_product_insert(s, sp, err) < 0) {
		free(sp->number);
		sp->number = NULL;
		sp->id = 0;
		return -1;
	}
	return 0;
}

int domain_sold_product_create(struct store *s, struct sold_product *sp, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	if (sold_product_validate(sp, is_b2b2c(s), err) < 0)
		return -1;
	return in_txn(s, sold_create_w, sp, err);
}

static int sold_update_w(struct store *s, void *arg, struct csm_error *err)
{
	struct sold_product *sp = arg;

	if (check_bundle(s, sp, err) < 0)
		return -1;
	return store_sold_product_update(s, sp, err);
}

int domain_sold_product_update(struct store *s, const struct sold_product *sp,
			       struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	if (sold_product_validate(sp, is_b2b2c(s), err) < 0)
		return -1;
	return in_txn(s, sold_update_w, (void *)sp, err);
}

static int sold_off(struct store *s, int64_t id, struct csm_error *err)
{
	return store_sold_product_set_active(s, id, false, err);
}

int domain_sold_product_deactivate(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	struct off_arg a = {id, sold_off};
	return in_txn(s, off_w, &a, err);
}

/* ---- contracts --------------------------------------------------------- */

static int contract_create_w(struct store *s, void *arg, struct csm_error *err)
{
	struct contract *c = arg;
	char number[32];

	if (store_next_number(s, REC_CONTRACT, number, sizeof number, err) < 0)
		return -1;
	c->number = xstrdup(number);
	if (store_contract_insert(s, c, err) < 0) {
		free(c->number);
		c->number = NULL;
		c->id = 0;
		return -1;
	}
	return 0;
}

int domain_contract_create(struct store *s, struct contract *c, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	if (contract_validate(c, err) < 0)
		return -1;
	return in_txn(s, contract_create_w, c, err);
}

static int contract_update_w(struct store *s, void *arg, struct csm_error *err)
{
	return store_contract_update(s, arg, err);
}

int domain_contract_update(struct store *s, const struct contract *c, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	if (contract_validate(c, err) < 0)
		return -1;
	return in_txn(s, contract_update_w, (void *)c, err);
}

static int contract_off(struct store *s, int64_t id, struct csm_error *err)
{
	return store_contract_set_state(s, id, "canceled", err);
}

int domain_contract_cancel(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	struct off_arg a = {id, contract_off};
	return in_txn(s, off_w, &a, err);
}

struct cover_arg {
	int64_t contract_id;      /* the contract */
	int64_t sold_product_id;  /* the sold product to cover */
};

static int cover_w(struct store *s, void *arg, struct csm_error *err)
{
	struct cover_arg *a = arg;
	struct contract c = {0};
	struct sold_product sp = {0};
	int rc;

	rc = store_contract_get(s, a->contract_id, &c, err);
	if (rc == 0)
		csm_error_set(err, CSM_EX_NOINPUT, "contract %lld: no such contract",
			      (long long)a->contract_id);
	if (rc <= 0)
		goto out;
	rc = store_sold_product_get(s, a->sold_product_id, &sp, err);
	if (rc == 0)
		csm_error_set(err, CSM_EX_NOINPUT, "sold product %lld: no such sold product",
			      (long long)a->sold_product_id);
	if (rc <= 0)
		goto out;
	rc = store_contract_cover(s, c.id, sp.id, err) == 0;
	if (!rc)
		csm_error_prefix(err, "contract %s, sold product %s: ", c.number, sp.number);
out:
	contract_fini(&c);
	sold_product_fini(&sp);
	return rc == 1 ? 0 : -1;
}

int domain_contract_cover(struct store *s, int64_t contract_id, int64_t sold_product_id,
			  struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	struct cover_arg a = {contract_id, sold_product_id};
	return in_txn(s, cover_w, &a, err);
}

/* ---- entitlements ------------------------------------------------------ */

/* Replaces e->channels by its normalised form; NULL stays NULL (all). */
static int normalise_channels(struct entitlement *e, struct csm_error *err)
{
	char *norm;

	if (!e->channels)
		return 0;
	norm = entitlement_channels_parse(e->channels, err);
	if (!norm)
		return csm_error_prefix(err, "entitlement %s: ", e->name);
	free(e->channels);
	e->channels = norm;
	return 0;
}

static int ent_create_w(struct store *s, void *arg, struct csm_error *err)
{
	return store_entitlement_insert(s, arg, err);
}

int domain_entitlement_create(struct store *s, struct entitlement *e, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	if (e->per_unit)
		e->remaining_units = e->total_units;
	if (entitlement_validate(e, err) < 0 || normalise_channels(e, err) < 0)
		return -1;
	return in_txn(s, ent_create_w, e, err);
}

static int ent_update_w(struct store *s, void *arg, struct csm_error *err)
{
	return store_entitlement_update(s, arg, err);
}

int domain_entitlement_update(struct store *s, const struct entitlement *e, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	struct entitlement copy = *e;
	int rc;

	if (entitlement_validate(e, err) < 0)
		return -1;
	/* normalise a private copy of the channels; the caller's stays as given */
	copy.channels = xstrdup(e->channels);
	rc = normalise_channels(&copy, err);
	if (rc == 0)
		rc = in_txn(s, ent_update_w, &copy, err);
	free(copy.channels);
	return rc;
}

static int ent_off(struct store *s, int64_t id, struct csm_error *err)
{
	return store_entitlement_set_active(s, id, false, err);
}

int domain_entitlement_deactivate(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change products, sold products or contracts", err) < 0)
		return -1;
	struct off_arg a = {id, ent_off};
	return in_txn(s, off_w, &a, err);
}

int domain_entitlements_matching(struct store *s, const struct entitlement_query *q,
				 struct entitlement_list *out, struct csm_error *err)
{
	if (q->channel && !entitlement_channel_valid(q->channel))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "channel '%s' is not one of phone, email, web, chat, walk-in",
				     q->channel);
	return store_entitlement_matching(s, q, out, err);
}

size_t entitlement_list_usable(const struct entitlement_list *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		if (!l->v[i].exhausted && !l->v[i].expired)
			n++;
	return n;
}
