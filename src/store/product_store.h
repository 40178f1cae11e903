/* product_store.h - SQL for products, assets, sold products, contracts and
 * entitlements.
 *
 * Contract: lookups return -1 error / 0 none / 1 found and fill an owned
 * out-struct (the caller calls its *_fini()); writes return 0 / -1 with err
 * and run in the caller's transaction (domain/product.c opens one per
 * operation), except store_entitlement_use_unit(), which opens its own
 * (nested when the caller has one).  Lists append to the caller's list. */
#ifndef CSM_STORE_PRODUCT_STORE_H
#define CSM_STORE_PRODUCT_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/page.h"
#include "model/product.h"
#include "store/store.h"

/* Products: insert sets p->id; update writes every field by p->id. */
int store_product_insert(struct store *s, struct product *p, struct csm_error *err);
int store_product_update(struct store *s, const struct product *p, struct csm_error *err);
int store_product_set_active(struct store *s, int64_t id, bool active, struct csm_error *err);
int store_product_get(struct store *s, int64_t id, struct product *out, struct csm_error *err);
int store_product_get_by_model(struct store *s, const char *model_number, struct product *out,
			       struct csm_error *err);

/* Assets: insert sets a->id; deactivating an asset is status "retired". */
int store_asset_insert(struct store *s, struct asset *a, struct csm_error *err);
int store_asset_update(struct store *s, const struct asset *a, struct csm_error *err);
int store_asset_get(struct store *s, int64_t id, struct asset *out, struct csm_error *err);
int store_asset_get_by_tag(struct store *s, const char *tag, struct asset *out,
			   struct csm_error *err);

/* Sold products: insert needs sp->number (the domain generates it). */
int store_sold_product_insert(struct store *s, struct sold_product *sp, struct csm_error *err);
int store_sold_product_update(struct store *s, const struct sold_product *sp,
			      struct csm_error *err);
int store_sold_product_set_active(struct store *s, int64_t id, bool active, struct csm_error *err);
int store_sold_product_get(struct store *s, int64_t id, struct sold_product *out,
			   struct csm_error *err);
int store_sold_product_get_by_number(struct store *s, const char *number, struct sold_product *out,
				     struct csm_error *err);
/* One page of an owner's sold products by id (page->after_id), appended to
 * out.  Bundle parts come right after the bundle only if their ids do. */
int store_sold_product_list_by_owner(struct store *s, enum owner_kind kind, int64_t owner_id,
				     const struct page_req *page, struct sold_product_list *out,
				     struct csm_error *err);
/* The parts of a bundle, appended to out in id order. */
int store_sold_product_parts(struct store *s, int64_t bundle_id, struct sold_product_list *out,
			     struct csm_error *err);

/* Contracts: insert needs c->number.  cover/uncover a sold product; a
 * sold product outside the owner's account hierarchy is refused with a
 * readable message (the schema's trigger holds the rule). */
int store_contract_insert(struct store *s, struct contract *c, struct csm_error *err);
int store_contract_update(struct store *s, const struct contract *c, struct csm_error *err);
int store_contract_set_state(struct store *s, int64_t id, const char *state,
			     struct csm_error *err);
int store_contract_get(struct store *s, int64_t id, struct contract *out, struct csm_error *err);
int store_contract_get_by_number(struct store *s, const char *number, struct contract *out,
				 struct csm_error *err);
int store_contract_cover(struct store *s, int64_t contract_id, int64_t sold_product_id,
			 struct csm_error *err);
int store_contract_uncover(struct store *s, int64_t contract_id, int64_t sold_product_id,
			   struct csm_error *err);
/* Sold products a contract covers, appended in id order. */
int store_contract_covered(struct store *s, int64_t contract_id, struct sold_product_list *out,
			   struct csm_error *err);
/* One page of an account's (kind OWNER_ACCOUNT) or consumer's contracts by id. */
int store_contract_list_by_owner(struct store *s, enum owner_kind kind, int64_t owner_id,
				 const struct page_req *page, struct contract_list *out,
				 struct csm_error *err);

/* Entitlements: insert sets e->id (channels must be normalised). */
int store_entitlement_insert(struct store *s, struct entitlement *e, struct csm_error *err);
int store_entitlement_update(struct store *s, const struct entitlement *e, struct csm_error *err);
int store_entitlement_set_active(struct store *s, int64_t id, bool active, struct csm_error *err);
int store_entitlement_get(struct store *s, int64_t id, struct entitlement *out,
			  struct csm_error *err);
/* Entitlements scoped to an account (kind OWNER_ACCOUNT) or a consumer,
 * directly or through one of its contracts, with remaining units and the
 * exhausted/expired flags; active and inactive, ordered by name, id. */
int store_entitlement_list_for_customer(struct store *s, enum owner_kind kind, int64_t owner_id,
					struct entitlement_list *out, struct csm_error *err);
/* The active, started entitlements (ended ones too with q->include_expired)
 * whose channel list holds q->channel and whose every non-NULL scope column
 * equals the query's value (so at least one scope matches).  Flags exhausted
 * and expired are set.  Ordered: usable first, then by end date, id. */
int store_entitlement_matching(struct store *s, const struct entitlement_query *q,
			       struct entitlement_list *out, struct csm_error *err);
/* Counts units down on a per-unit entitlement (a case closed): remaining
 * becomes max(remaining - units, 0).  Returns 1 when units were left before
 * (or the entitlement is not per-unit: nothing to count), 0 when none were
 * left (a warning for the caller, not an error), -1 on error or unknown id. */
int store_entitlement_use_unit(struct store *s, int64_t entitlement_id, int units,
			       struct csm_error *err);

#endif
