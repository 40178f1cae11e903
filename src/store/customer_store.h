/* customer_store.h - the SQL of the customer side: accounts and their
 * hierarchy and relationships, contacts, consumers, households and their
 * members, account-consumer links, locations and addresses, and the
 * customer-summary reads of the console's customer screen.
 *
 * These are single statements (or one read); the rules and transactions
 * that span several of them are in domain/customer.h, which is what the CLI
 * and the console call for writes.  Reads may be called directly.
 * Lookups return -1 error / 0 none / 1 found and fill an owned out-record
 * (x_fini() it); lists fill an owned list (x_list_fini() it) and return 0
 * or -1; writes return 0 or -1 with err set. */
#ifndef CSM_STORE_CUSTOMER_STORE_H
#define CSM_STORE_CUSTOMER_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/customer.h"
#include "model/page.h"
#include "store/store.h"

/* Which memberships (or links) a list returns; "current" follows the clock
 * (clock_today(), so CSM_NOW applies). */
enum member_filter { MEMBERS_ALL, MEMBERS_CURRENT, MEMBERS_PAST };

/* Whose open cases to count. */
enum customer_kind { CUST_ACCOUNT, CUST_CONTACT, CUST_CONSUMER, CUST_HOUSEHOLD };

/* ---- accounts ---------------------------------------------------------- */

/* Inserts a->number (already generated), the editable fields and parent;
 * sets a->id.  The trigger fills the hierarchy path. */
int store_account_insert(struct store *s, struct account *a, struct csm_error *err);
/* Writes the editable fields of account a->id (not number, parent, active)
 * and stamps updated_at. */
int store_account_update(struct store *s, const struct account *a, struct csm_error *err);
int store_account_set_active(struct store *s, int64_t id, bool active, struct csm_error *err);
/* Moves the account under parent_id (0 = top); triggers refuse cycles and
 * rewrite the paths of the whole subtree. */
int store_account_set_parent(struct store *s, int64_t id, int64_t parent_id,
			     struct csm_error *err);
int store_account_get(struct store *s, int64_t id, struct account *out, struct csm_error *err);
int store_account_get_by_number(struct store *s, const char *number, struct account *out,
				struct csm_error *err);
int store_account_get_by_code(struct store *s, const char *code, struct account *out,
			      struct csm_error *err);
/* Direct children of an account, by name. */
int store_account_children(struct store *s, int64_t id, struct account_list *out,
			   struct csm_error *err);
/* The account and all its descendants in tree order (by path), each with
 * depth relative to the account (the account itself 0). */
int store_account_subtree(struct store *s, int64_t id, struct account_list *out,
			  struct csm_error *err);
/* The breadcrumb: ancestors from the top down, not the account itself. */
int store_account_ancestors(struct store *s, int64_t id, struct account_list *out,
			    struct csm_error *err);
/* Accounts by name (case-insensitive, then id), one keyset page; the page
 * key is the name.  active_only leaves deactivated ones out.  out->next
 * tells where the next page starts. */
int store_account_list(struct store *s, const struct page_req *pg, bool active_only,
		       struct account_list *out, struct csm_error *err);

/* Relationship types ("partner": "partner of" / "has partner"). */
int store_relationship_type_insert(struct store *s, const char *name, const char *forward,
				   const char *reverse, int64_t *id, struct csm_error *err);
/* Finds a type by name; -1/0/1. */
int store_relationship_type_find(struct store *s, const char *name, int64_t *id,
				 struct csm_error *err);
int store_account_relationship_insert(struct store *s, int64_t from_id, int64_t to_id,
				      int64_t type_id, int64_t *id, struct csm_error *err);
/* Deletes by id; a missing row is an error (CSM_EX_NOINPUT). */
int store_account_relationship_delete(struct store *s, int64_t id, struct csm_error *err);
/* Both directions: forward ones labelled with the forward name, reverse
 * ones with the reverse name; by label then the other account's name. */
int store_account_relationships(struct store *s, int64_t account_id,
				struct relationship_list *out, struct csm_error *err);

/* Open (not closed or canceled) cases of a customer. */
int store_customer_open_cases(struct store *s, enum customer_kind kind, int64_t id, long *n,
			      struct csm_error *err);

/* ---- contacts ---------------------------------------------------------- */

int store_contact_insert(struct store *s, struct contact *c, struct csm_error *err);
/* Editable fields (not number, account, active). */
int store_contact_update(struct store *s, const struct contact *c, struct csm_error *err);
int store_contact_set_active(struct store *s, int64_t id, bool active, struct csm_error *err);
int store_contact_set_account(struct store *s, int64_t id, int64_t account_id,
			      struct csm_error *err);
int store_contact_get(struct store *s, int64_t id, struct contact *out, struct csm_error *err);
int store_contact_get_by_number(struct store *s, const char *number, struct contact *out,
				struct csm_error *err);
/* Case-insensitive; when several contacts share the address the active one
 * with the lowest id wins. */
int store_contact_get_by_email(struct store *s, const char *email, struct contact *out,
			       struct csm_error *err);
/* Contacts of an account, active first, then by last and first name; one
 * keyset page (pass out->next.key / out->next.id as the next after_key /
 * after_id). */
int store_contact_list(struct store *s, int64_t account_id, const struct page_req *pg,
		       struct contact_list *out, struct csm_error *err);
/* Cases (any state) that name the contact. */
int store_contact_case_count(struct store *s, int64_t id, long *n, struct csm_error *err);
/* Clears the account's primary contact when it is contact_id. */
int store_account_clear_primary_contact(struct store *s, int64_t contact_id,
					struct csm_error *err);

/* ---- consumers --------------------------------------------------------- */

int store_consumer_insert(struct store *s, struct consumer *c, struct csm_error *err);
int store_consumer_update(struct store *s, const struct consumer *c, struct csm_error *err);
int store_consumer_set_active(struct store *s, int64_t id, bool active, struct csm_error *err);
int store_consumer_get(struct store *s, int64_t id, struct consumer *out, struct csm_error *err);
int store_consumer_get_by_number(struct store *s, const char *number, struct consumer *out,
				 struct csm_error *err);
/* Consumers by last then first name (case-insensitive), one keyset page. */
int store_consumer_list(struct store *s, const struct page_req *pg, bool active_only,
			struct consumer_list *out, struct csm_error *err);

/* ---- households -------------------------------------------------------- */

/* Inserts the household with no head (set it with store_household_set_head
 * once the head is a member). */
int store_household_insert(struct store *s, struct household *h, struct csm_error *err);
/* Name, location, notes, external id. */
int store_household_update(struct store *s, const struct household *h, struct csm_error *err);
int store_household_set_head(struct store *s, int64_t id, int64_t consumer_id,
			     struct csm_error *err);
int store_household_set_active(struct store *s, int64_t id, bool active, struct csm_error *err);
int store_household_get(struct store *s, int64_t id, struct household *out, struct csm_error *err);
int store_household_get_by_number(struct store *s, const char *number, struct household *out,
				  struct csm_error *err);

int store_member_insert(struct store *s, struct household_member *m, struct csm_error *err);
int store_member_set_end(struct store *s, int64_t id, const char *end_date, struct csm_error *err);
/* Clears is_primary on the consumer's other memberships. */
int store_member_clear_primary(struct store *s, int64_t consumer_id, int64_t keep_id,
			       struct csm_error *err);
int store_member_get(struct store *s, int64_t id, struct household_member *out,
		     struct csm_error *err);
/* Memberships of a household (by member name), filtered. */
int store_household_members(struct store *s, int64_t household_id, enum member_filter f,
			    struct member_list *out, struct csm_error *err);
/* Memberships of a consumer (by household name), filtered. */
int store_consumer_households(struct store *s, int64_t consumer_id, enum member_filter f,
			      struct member_list *out, struct csm_error *err);
/* 1 when the consumer is a current member of the household, 0 when not. */
int store_household_is_current_member(struct store *s, int64_t household_id, int64_t consumer_id,
				      struct csm_error *err);
/* 1 when a membership of the consumer in the household overlaps
 * [start, end] (NULL = unbounded); 0 when none. */
int store_member_overlaps(struct store *s, int64_t household_id, int64_t consumer_id,
			  const char *start, const char *end, struct csm_error *err);

/* ---- account-consumer links (b2b2c) ------------------------------------- */

int store_account_consumer_insert(struct store *s, struct account_consumer *l,
				  struct csm_error *err);
int store_account_consumer_set_end(struct store *s, int64_t id, const char *end_date,
				   struct csm_error *err);
int store_account_consumer_get(struct store *s, int64_t id, struct account_consumer *out,
			       struct csm_error *err);
/* 1 when a link between them overlaps [start, end]. */
int store_account_consumer_overlaps(struct store *s, int64_t account_id, int64_t consumer_id,
				    const char *start, const char *end, struct csm_error *err);
/* Links of an account (by consumer name) or of a consumer (by account name). */
int store_account_consumers(struct store *s, int64_t account_id, enum member_filter f,
			    struct account_consumer_list *out, struct csm_error *err);
int store_consumer_accounts(struct store *s, int64_t consumer_id, enum member_filter f,
			    struct account_consumer_list *out, struct csm_error *err);

/* ---- locations --------------------------------------------------------- */

int store_location_insert(struct store *s, struct location *l, struct csm_error *err);
/* Everything but the parent (use store_location_set_parent). */
int store_location_update(struct store *s, const struct location *l, struct csm_error *err);
int store_location_set_parent(struct store *s, int64_t id, int64_t parent_id,
			      struct csm_error *err);
int store_location_get(struct store *s, int64_t id, struct location *out, struct csm_error *err);
/* Children of a location (0 = the top locations) by name, one keyset page. */
int store_location_children(struct store *s, int64_t parent_id, const struct page_req *pg,
			    struct location_list *out, struct csm_error *err);
int store_location_ancestors(struct store *s, int64_t id, struct location_list *out,
			     struct csm_error *err);
/* The location and its descendants in tree order, depth relative to it. */
int store_location_subtree(struct store *s, int64_t id, struct location_list *out,
			   struct csm_error *err);
/* 1 when type is allowed: location_type is empty or lists it; 0 when not,
 * with *known (owned, may be NULL) the comma list of the known types. */
int store_location_type_allowed(struct store *s, const char *type, char **known,
				struct csm_error *err);

/* ---- addresses --------------------------------------------------------- */

int store_address_insert(struct store *s, struct address *a, struct csm_error *err);
/* Deletes by id; a missing row is an error (CSM_EX_NOINPUT). */
int store_address_delete(struct store *s, int64_t id, struct csm_error *err);
/* Makes the address the primary one of its account or consumer, clearing
 * the previous primary first (run it inside a transaction). */
int store_address_set_primary(struct store *s, int64_t id, struct csm_error *err);
int store_address_get(struct store *s, int64_t id, struct address *out, struct csm_error *err);
/* Addresses of an account or a consumer (one of the ids is 0): primary
 * first, then by kind. */
int store_address_list(struct store *s, int64_t account_id, int64_t consumer_id,
		       struct address_list *out, struct csm_error *err);

/* ---- customer summaries (the console's customer screen) ---------------- */

struct account_summary {
	struct account account;    /* the facts */
	long contacts;             /* active contacts */
	long child_accounts;       /* direct children */
	long open_cases;           /* cases not closed or canceled */
	long sold_products;        /* owned by the account */
	long install_base_items;   /* owned by the account */
	long contracts;            /* owned by the account */
	long consumers;            /* current b2b2c links */
};

struct consumer_summary {
	struct consumer consumer;      /* the facts */
	struct member_list households; /* current memberships */
	long open_cases;               /* cases not closed or canceled */
	long sold_products;            /* owned by the consumer */
	long install_base_items;       /* owned by the consumer */
	long contracts;                /* owned by the consumer */
	long accounts;                 /* current b2b2c links */
};

struct household_summary {
	struct household household;  /* the facts */
	struct member_list members;  /* current members */
	long open_cases;             /* cases of the household */
	long sold_products;          /* owned by the household */
	long install_base_items;     /* placed with the household */
};

/* Each loads one customer's facts, counts (one query) and lists; -1/0/1
 * with an owned summary (x_summary_fini() it). */
int store_account_summary(struct store *s, int64_t id, struct account_summary *out,
			  struct csm_error *err);
int store_consumer_summary(struct store *s, int64_t id, struct consumer_summary *out,
			   struct csm_error *err);
int store_household_summary(struct store *s, int64_t id, struct household_summary *out,
			    struct csm_error *err);
void account_summary_fini(struct account_summary *sum);
void consumer_summary_fini(struct consumer_summary *sum);
void household_summary_fini(struct household_summary *sum);

#endif
