/* customer.h - the customer operations the CLI and the console call:
 * accounts (hierarchy, relationships), contacts, consumers, households and
 * membership, account-consumer links (b2b2c), locations and addresses.
 *
 * Every write validates with the model rules (model/customer.h), runs in one
 * transaction (nested inside the caller's when there is one) and leaves the
 * database unchanged when it fails; err then says what and where.  The audit
 * log is written by the database's triggers.  Reads are the store_*
 * functions of store/customer_store.h.
 *
 * Rules chosen here (see also the design, domain.md):
 * - an account or consumer with open cases (not closed or canceled) cannot
 *   be deactivated; its contacts and child accounts are left as they are;
 * - deactivating a contact clears it as its account's primary contact;
 *   a contact named on any case cannot move to another account (the case
 *   would name a contact of another account);
 * - the head of a household must be a current member; ending the head's
 *   membership needs a new head (a current member) in the same call, or the
 *   head cleared first with domain_household_set_head(s, id, 0, err);
 * - a consumer has at most one primary household: marking a membership
 *   primary clears the consumer's other ones;
 * - memberships and account-consumer links of the same pair may not
 *   overlap in time. */
#ifndef CSM_DOMAIN_CUSTOMER_H
#define CSM_DOMAIN_CUSTOMER_H

#include <stdint.h>

#include "config/config.h"
#include "model/customer.h"
#include "store/store.h"

/* The business model recorded in the database (setting business_model).
 * Returns 1 with *out set, 0 when unset (*out = MODEL_B2B, the default) or
 * -1 when the value is not a model.  Any model's data may be held; callers
 * decide what to show. */
int domain_model_of(struct store *s, enum business_model *out);

/* ---- accounts ---------------------------------------------------------- */

/* Creates an account: validates, refuses a code already used ("code X is
 * already used by ACCT..."), checks the parent, generates the number.
 * Fills a->id and a->number (owned by a).  0 or -1. */
int domain_account_create(struct store *s, struct account *a, struct csm_error *err);
/* Saves the editable fields of a->id (name, code, flags, phone, website,
 * primary contact (must be one of its contacts), notes, external id); the
 * parent and active flag have their own operations.  0 or -1. */
int domain_account_update(struct store *s, const struct account *a, struct csm_error *err);
/* Deactivates an account; refused while it has open cases.  0 or -1. */
int domain_account_deactivate(struct store *s, int64_t id, struct csm_error *err);
int domain_account_reactivate(struct store *s, int64_t id, struct csm_error *err);
/* Moves an account under parent_id (0 = top of its own hierarchy); a move
 * under itself or one of its descendants is refused.  The paths of the
 * whole subtree follow.  0 or -1. */
int domain_account_set_parent(struct store *s, int64_t id, int64_t parent_id,
			      struct csm_error *err);

/* Creates a relationship type with its two names; *id may be NULL. */
int domain_relationship_type_create(struct store *s, const char *name, const char *forward,
				    const char *reverse, int64_t *id, struct csm_error *err);
/* Relates from -> to with the type named type_name ("from <forward> to");
 * *id (may be NULL) gets the relationship's id.  0 or -1. */
int domain_account_relate(struct store *s, int64_t from_id, int64_t to_id, const char *type_name,
			  int64_t *id, struct csm_error *err);
/* Removes a relationship by id.  0 or -1. */
int domain_account_unrelate(struct store *s, int64_t relationship_id, struct csm_error *err);

/* ---- contacts ---------------------------------------------------------- */

/* Creates a contact under c->account_id (required, must exist); fills
 * c->id and c->number.  0 or -1. */
int domain_contact_create(struct store *s, struct contact *c, struct csm_error *err);
/* Saves the editable fields of c->id (not account, number, active). */
int domain_contact_update(struct store *s, const struct contact *c, struct csm_error *err);
int domain_contact_deactivate(struct store *s, int64_t id, struct csm_error *err);
int domain_contact_reactivate(struct store *s, int64_t id, struct csm_error *err);
/* Moves a contact to another account (see the rules above).  0 or -1. */
int domain_contact_move(struct store *s, int64_t id, int64_t account_id, struct csm_error *err);

/* ---- consumers --------------------------------------------------------- */

/* Creates a consumer; fills c->id and c->number.  0 or -1. */
int domain_consumer_create(struct store *s, struct consumer *c, struct csm_error *err);
int domain_consumer_update(struct store *s, const struct consumer *c, struct csm_error *err);
/* Deactivates a consumer; refused while it has open cases. */
int domain_consumer_deactivate(struct store *s, int64_t id, struct csm_error *err);
int domain_consumer_reactivate(struct store *s, int64_t id, struct csm_error *err);

/* ---- households -------------------------------------------------------- */

/* Creates a household; with h->head_id set, that consumer becomes a member
 * from today (primary when it has no primary household yet) and the head.
 * Fills h->id and h->number.  0 or -1. */
int domain_household_create(struct store *s, struct household *h, struct csm_error *err);
/* Saves name, location, notes and external id of h->id. */
int domain_household_update(struct store *s, const struct household *h, struct csm_error *err);
/* Makes consumer_id (a current member) the head; 0 clears the head. */
int domain_household_set_head(struct store *s, int64_t household_id, int64_t consumer_id,
			      struct csm_error *err);
/* Adds m->consumer_id to m->household_id with m's dates (start NULL =
 * today) and primary flag; refuses a period overlapping one the consumer
 * already has there.  Fills m->id.  0 or -1. */
int domain_household_add_member(struct store *s, struct household_member *m,
				struct csm_error *err);
/* Ends a membership on end_date (NULL = today).  Ending the head's
 * membership needs new_head_id, a current member staying on; otherwise
 * new_head_id must be 0.  0 or -1. */
int domain_household_end_membership(struct store *s, int64_t member_id, const char *end_date,
				    int64_t new_head_id, struct csm_error *err);
/* Deactivates a household; refused while it has open cases. */
int domain_household_deactivate(struct store *s, int64_t id, struct csm_error *err);

/* ---- account-consumer links (b2b2c) ------------------------------------ */

/* Links l->account_id and l->consumer_id over l's dates (start NULL =
 * always); refuses an overlapping link of the same pair.  Fills l->id. */
int domain_account_consumer_link(struct store *s, struct account_consumer *l,
				 struct csm_error *err);
/* Ends a link on end_date (NULL = today). */
int domain_account_consumer_unlink(struct store *s, int64_t link_id, const char *end_date,
				   struct csm_error *err);

/* ---- locations --------------------------------------------------------- */

/* Creates a location under l->parent_id (0 = top).  When location_type has
 * rows the type must be one of them.  Fills l->id.  0 or -1. */
int domain_location_create(struct store *s, struct location *l, struct csm_error *err);
/* Saves everything of l->id but its parent. */
int domain_location_update(struct store *s, const struct location *l, struct csm_error *err);
/* Moves a location under parent_id (0 = top); cycles are refused. */
int domain_location_move(struct store *s, int64_t id, int64_t parent_id, struct csm_error *err);

/* ---- addresses --------------------------------------------------------- */

/* Adds an address for a->account_id or a->consumer_id (exactly one) at
 * a->location_id; with a->is_primary the previous primary is cleared in
 * the same transaction.  Fills a->id.  0 or -1. */
int domain_address_add(struct store *s, struct address *a, struct csm_error *err);
int domain_address_remove(struct store *s, int64_t id, struct csm_error *err);
/* Makes an address the primary one of its owner.  0 or -1. */
int domain_address_set_primary(struct store *s, int64_t id, struct csm_error *err);

#endif
