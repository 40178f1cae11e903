/* product.h - the product side of csm as the CLI and the console use it:
 * products, assets, sold products, contracts and entitlements.
 *
 * Every write validates with the model's rules (model/product.h), runs in
 * one transaction (nested in the caller's when there is one) and leaves
 * nothing behind on error.  Errors name the record and the field.  Reads go
 * straight to store/product_store.h. */
#ifndef CSM_DOMAIN_PRODUCT_H
#define CSM_DOMAIN_PRODUCT_H

#include <stdbool.h>
#include <stdint.h>

#include "model/product.h"
#include "store/product_store.h"
#include "store/store.h"

/* Creates a product (p->id set) / updates it by id / switches it off.
 * A model number already used is refused.  0 or -1 with err. */
int domain_product_create(struct store *s, struct product *p, struct csm_error *err);
int domain_product_update(struct store *s, const struct product *p, struct csm_error *err);
int domain_product_deactivate(struct store *s, int64_t id, struct csm_error *err);

/* Creates an asset (a->id set) / updates it / retires it (status retired).
 * An asset tag already used is refused.  0 or -1 with err. */
int domain_asset_create(struct store *s, struct asset *a, struct csm_error *err);
int domain_asset_update(struct store *s, const struct asset *a, struct csm_error *err);
int domain_asset_retire(struct store *s, int64_t id, struct csm_error *err);

/* Creates a sold product: checks the one-owner rule for the database's
 * business model, that a bundle parent exists, then takes the next number
 * (sp->number and sp->id set; sp->number must be NULL).  0 or -1 with err. */
int domain_sold_product_create(struct store *s, struct sold_product *sp, struct csm_error *err);
/* Updates every field of a sold product by id (same rules).  0 or -1. */
int domain_sold_product_update(struct store *s, const struct sold_product *sp,
			       struct csm_error *err);
int domain_sold_product_deactivate(struct store *s, int64_t id, struct csm_error *err);

/* Creates a contract (c->number and c->id set) / updates it by id /
 * deactivates it (state canceled).  0 or -1 with err. */
int domain_contract_create(struct store *s, struct contract *c, struct csm_error *err);
int domain_contract_update(struct store *s, const struct contract *c, struct csm_error *err);
int domain_contract_cancel(struct store *s, int64_t id, struct csm_error *err);
/* Covers a sold product by a contract: only the owner's sold products or
 * those of its account hierarchy; otherwise -1 with a message naming both
 * numbers. */
int domain_contract_cover(struct store *s, int64_t contract_id, int64_t sold_product_id,
			  struct csm_error *err);

/* Creates an entitlement (e->id set).  e->channels is parsed and stored
 * normalised (NULL = every channel); a per-unit entitlement starts with all
 * its units (remaining = total).  Updates keep remaining as given. */
int domain_entitlement_create(struct store *s, struct entitlement *e, struct csm_error *err);
int domain_entitlement_update(struct store *s, const struct entitlement *e, struct csm_error *err);
int domain_entitlement_deactivate(struct store *s, int64_t id, struct csm_error *err);

/* The entitlements a prospective case may use (see the design, "Entitlements
 * at case entry"): active, started and not ended (ended ones too, flagged
 * expired, when q->include_expired), channel matching q->channel, and every
 * non-NULL scope column equal to the case's value.  out is appended to
 * (entitlement_list_fini() after), usable ones first; exhausted per-unit
 * ones are returned flagged (a warning, not a block).  Exactly one entry
 * with neither flag is the one the case form fills in.  An unknown channel
 * is -1 with err; otherwise 0. */
int domain_entitlements_matching(struct store *s, const struct entitlement_query *q,
				 struct entitlement_list *out, struct csm_error *err);

/* The number of entries in l that are neither exhausted nor expired. */
size_t entitlement_list_usable(const struct entitlement_list *l);

#endif
