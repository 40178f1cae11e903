/* party_store.h - the SQL behind users, roles, groups, service
 * organizations, customer teams and related parties (model/party.h).
 *
 * These are the store's primitives: they check nothing the schema does not
 * and open no transactions of their own; domain/party.h validates, looks
 * records up by number and wraps each operation in one transaction.
 * Lookups return -1 error / 0 none / 1 found and fill an owned out-object
 * (call its *_fini()); writes return 0 or -1 with err set.  Lists are
 * emptied first and filled with owned entries. */
#ifndef CSM_STORE_PARTY_STORE_H
#define CSM_STORE_PARTY_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/page.h"
#include "model/party.h"
#include "store/store.h"

/* ---- users and roles ------------------------------------------------- */

/* Inserts u (login, name, email, phone, title, is_external, active) and
 * sets u->id.  A taken login is a constraint error. */
int store_user_insert(struct store *s, struct user *u, struct csm_error *err);
/* Writes name, email, phone, title, is_external and active of user u->id. */
int store_user_update(struct store *s, const struct user *u, struct csm_error *err);
/* Finds a user by login or by id. */
int store_user_get_by_login(struct store *s, const char *login, struct user *out,
			    struct csm_error *err);
int store_user_get_by_id(struct store *s, int64_t id, struct user *out, struct csm_error *err);
/* One page of users ordered by login (keyset: page->after_key is the last
 * login seen, page->after_id its id).  Inactive users are included only
 * when with_inactive. */
int store_user_list(struct store *s, const struct page_req *page, bool with_inactive,
		    struct user_list *out, struct csm_error *err);
/* The roles of a user as ROLE_BIT() bits in *mask. */
int store_user_roles(struct store *s, int64_t user_id, unsigned *mask, struct csm_error *err);
/* Grants (a no-op when already held) or revokes a role. */
int store_user_role_add(struct store *s, int64_t user_id, enum role r, struct csm_error *err);
int store_user_role_remove(struct store *s, int64_t user_id, enum role r, struct csm_error *err);

/* ---- assignment groups ----------------------------------------------- */

/* Inserts g (name, email, manager_id, active) and sets g->id. */
int store_group_insert(struct store *s, struct group *g, struct csm_error *err);
/* Finds a group by name (exact) and fills its manager's login. */
int store_group_get_by_name(struct store *s, const char *name, struct group *out,
			    struct csm_error *err);
/* Sets (manager_id > 0) or clears the group's manager. */
int store_group_set_manager(struct store *s, int64_t group_id, int64_t manager_id,
			    struct csm_error *err);
/* Whether user_id is a member of group_id: -1 / 0 / 1. */
int store_group_has_member(struct store *s, int64_t group_id, int64_t user_id,
			   struct csm_error *err);
int store_group_member_add(struct store *s, int64_t group_id, int64_t user_id,
			   struct csm_error *err);
int store_group_member_remove(struct store *s, int64_t group_id, int64_t user_id,
			      struct csm_error *err);
/* The groups a user is a member of, by name. */
int store_groups_of_user(struct store *s, int64_t user_id, struct group_list *out,
			 struct csm_error *err);
/* The members of a group, by login. */
int store_group_members(struct store *s, int64_t group_id, struct user_list *out,
			struct csm_error *err);

/* ---- responsibilities ------------------------------------------------ */

/* Finds a responsibility by name (case-insensitive); fills *id and
 * *grants_access (either may be NULL). */
int store_responsibility_find(struct store *s, const char *name, int64_t *id,
			      bool *grants_access, struct csm_error *err);

/* ---- service organizations ------------------------------------------- */

/* Inserts o (number, name, is_external, parent_id, manager_id,
 * location_id, active) and sets o->id; the caller generates the number. */
int store_service_org_insert(struct store *s, struct service_org *o, struct csm_error *err);
/* Finds an organization by number or id, with its parent's number and its
 * manager's login. */
int store_service_org_get_by_number(struct store *s, const char *number, struct service_org *out,
				    struct csm_error *err);
int store_service_org_get_by_id(struct store *s, int64_t id, struct service_org *out,
				struct csm_error *err);
/* Whether ancestor_id is org_id or above it in the tree: -1 / 0 / 1. */
int store_service_org_is_within(struct store *s, int64_t org_id, int64_t ancestor_id,
				struct csm_error *err);
/* Moves an organization (and its subtree's paths) under parent_id (0 = top). */
int store_service_org_set_parent(struct store *s, int64_t id, int64_t parent_id,
				 struct csm_error *err);
/* Adds a member with a responsibility (0 = none), or changes the
 * responsibility of an existing member. */
int store_service_org_member_set(struct store *s, int64_t org_id, int64_t user_id,
				 int64_t responsibility_id, struct csm_error *err);
/* Removes a member; *removed (may be NULL) tells whether there was one. */
int store_service_org_member_remove(struct store *s, int64_t org_id, int64_t user_id,
				    bool *removed, struct csm_error *err);
/* The members of an organization, by login. */
int store_service_org_members(struct store *s, int64_t org_id, struct team_member_list *out,
			      struct csm_error *err);

/* ---- customer teams -------------------------------------------------- */

/* Finds an account, consumer or household by number; fills *id. */
int store_team_customer_find(struct store *s, enum team_customer kind, const char *number,
			     int64_t *id, struct csm_error *err);
/* Whether user_id already holds responsibility_id on the team: -1 / 0 / 1. */
int store_team_member_exists(struct store *s, enum team_customer kind, int64_t customer_id,
			     int64_t user_id, int64_t responsibility_id, struct csm_error *err);
/* Puts a user on a customer's team; sets *id (may be NULL). */
int store_team_member_add(struct store *s, enum team_customer kind, int64_t customer_id,
			  int64_t user_id, int64_t responsibility_id, int64_t *id,
			  struct csm_error *err);
/* Takes a user off a customer's team: every entry, or only the one with
 * responsibility_id when it is > 0.  *removed gets the number of rows. */
int store_team_member_remove(struct store *s, enum team_customer kind, int64_t customer_id,
			     int64_t user_id, int64_t responsibility_id, int *removed,
			     struct csm_error *err);
/* A customer's team, by responsibility and login. */
int store_team_list(struct store *s, enum team_customer kind, int64_t customer_id,
		    struct team_member_list *out, struct csm_error *err);

/* ---- related party types and related parties ------------------------- */

/* The related party types for a host kind (all kinds when all is true),
 * ordered by host kind and name. */
int store_rp_type_list(struct store *s, enum host_kind kind, bool all,
		       struct related_party_type_list *out, struct csm_error *err);
/* Finds the type of that name (case-insensitive) for a host kind. */
int store_rp_type_get(struct store *s, enum host_kind kind, const char *name,
		      struct related_party_type *out, struct csm_error *err);
/* Finds a case, sold product or install base item by number; fills *id
 * and, for a case, an owned copy of its state in *state (else NULL). */
int store_rp_host_find(struct store *s, enum host_kind kind, const char *number, int64_t *id,
		       char **state, struct csm_error *err);
/* Finds a party by its key: the number of a contact, consumer, account or
 * service organization, or a user's login.  Fills *id. */
int store_rp_party_find(struct store *s, enum party_kind kind, const char *key, int64_t *id,
			struct csm_error *err);
/* Inserts rp (host_kind, host_id, type_id, party_kind, party_id,
 * responsibility_id, relationship_name, sort_order) and sets rp->id. */
int store_related_party_insert(struct store *s, struct related_party *rp, struct csm_error *err);
/* Writes responsibility_id, relationship_name and sort_order of rp->id. */
int store_related_party_update(struct store *s, const struct related_party *rp,
			       struct csm_error *err);
int store_related_party_delete(struct store *s, int64_t id, struct csm_error *err);
/* Finds one entry by id, with names and numbers filled. */
int store_related_party_get(struct store *s, int64_t id, struct related_party *out,
			    struct csm_error *err);
/* The entries of a host in their order, with names and numbers filled. */
int store_related_party_list(struct store *s, enum host_kind kind, int64_t host_id,
			     struct related_party_list *out, struct csm_error *err);

#endif
