/* party.h - operations on the internal side and customer access records.
 *
 * The C API that the CLI (`csm party`) and the console call for users and
 * roles, assignment groups, service organizations, customer teams and
 * related parties.  Records are addressed the way people name them: users
 * by login, groups by name, customers, organizations, cases, sold products
 * and install base items by record number (the prefix tells the kind, see
 * store_prefix()), responsibilities and related party types by name.
 *
 * Every write is one transaction (nested in the caller's when there is
 * one): it validates with the model rules, changes the rows, and the audit
 * triggers record it; a failed write changes nothing.  Errors are readable
 * and carry an exit code: CSM_EX_DATAERR for refused data, CSM_EX_NOINPUT
 * for a record that does not exist, CSM_EX_IOERR for the database. */
#ifndef CSM_DOMAIN_PARTY_H
#define CSM_DOMAIN_PARTY_H

#include <stdbool.h>
#include <stdint.h>

#include "model/page.h"
#include "model/party.h"
#include "store/store.h"

/* ---- users and roles ------------------------------------------------- */

/* Creates a user from u's login, name, email, phone, title, is_external
 * and active; checks the login shape and that the name is not empty.  Sets
 * u->id.  Returns 0, or -1 (a taken login is CSM_EX_DATAERR). */
int party_user_create(struct store *s, struct user *u, struct csm_error *err);

/* Writes u's name, email, phone, title, is_external and active to the user
 * u->login.  Refuses to move a user to the other side while it holds a role
 * that side may not hold.  Returns 0 or -1. */
int party_user_update(struct store *s, const struct user *u, struct csm_error *err);

/* Marks a user inactive (history stays; it gets no data).  Returns 0 or -1. */
int party_user_deactivate(struct store *s, const char *login, struct csm_error *err);

/* Finds a user by login or id; fills out (user_fini() it).  -1 / 0 / 1. */
int party_user_get(struct store *s, const char *login, struct user *out, struct csm_error *err);
int party_user_get_by_id(struct store *s, int64_t id, struct user *out, struct csm_error *err);

/* One page of users by login (see model/page.h); inactive ones only when
 * with_inactive.  Fills out (user_list_fini() it).  Returns 0 or -1. */
int party_user_list(struct store *s, const struct page_req *page, bool with_inactive,
		    struct user_list *out, struct csm_error *err);

/* Grants a role.  An external user may hold only the roles open to external
 * users (role_allowed()), an internal user only internal ones: a mix is
 * refused with CSM_EX_DATAERR.  Granting a held role changes nothing. */
int party_user_grant(struct store *s, const char *login, enum role r, struct csm_error *err);

/* Revokes a role; refused when the user does not hold it.  Returns 0 or -1. */
int party_user_revoke(struct store *s, const char *login, enum role r, struct csm_error *err);

/* The roles of a user as ROLE_BIT() bits.  Returns 0 or -1. */
int party_user_roles(struct store *s, const char *login, unsigned *mask, struct csm_error *err);

/* The acting user: the one whose login is store_actor(s).  -1 / 0 (a login
 * with no user: it gets no data) / 1 with out filled. */
int party_acting_user(struct store *s, struct user *out, struct csm_error *err);

/* ---- assignment groups ----------------------------------------------- */

/* Creates a group from g's name, email and active; g->manager_login (may
 * be NULL) names its manager.  Sets g->id and g->manager_id. */
int party_group_create(struct store *s, struct group *g, struct csm_error *err);

/* Adds or removes a member (both by login); adding a member twice or
 * removing a non-member is refused.  Returns 0 or -1. */
int party_group_add_member(struct store *s, const char *group, const char *login,
			   struct csm_error *err);
int party_group_remove_member(struct store *s, const char *group, const char *login,
			      struct csm_error *err);

/* Sets the group's manager (an active user), or clears it when login is
 * NULL.  Returns 0 or -1. */
int party_group_set_manager(struct store *s, const char *group, const char *login,
			    struct csm_error *err);

/* The groups of a user; the members of a group.  Fill out; 0 or -1. */
int party_groups_of_user(struct store *s, const char *login, struct group_list *out,
			 struct csm_error *err);
int party_group_members(struct store *s, const char *group, struct user_list *out,
			struct csm_error *err);

/* ---- service organizations ------------------------------------------- */

/* Creates an organization from o's name, is_external, location_id and
 * active, with o->parent_number (NULL = top level) and o->manager_login
 * (NULL = none).  Generates o->number (store_next_number(REC_SERVICE_ORG))
 * and sets o->id.  Returns 0 or -1. */
int party_service_org_create(struct store *s, struct service_org *o, struct csm_error *err);

/* Finds an organization by number; fills out.  -1 / 0 / 1. */
int party_service_org_get(struct store *s, const char *number, struct service_org *out,
			  struct csm_error *err);

/* Moves an organization under parent (a number; NULL = top level).  A move
 * under itself or one of its own children is refused.  Returns 0 or -1. */
int party_service_org_set_parent(struct store *s, const char *number, const char *parent,
				 struct csm_error *err);

/* Adds a member with a responsibility (NULL = none), or changes the
 * responsibility of a member.  Returns 0 or -1. */
int party_service_org_add_member(struct store *s, const char *number, const char *login,
				 const char *responsibility, struct csm_error *err);
/* Removes a member; refused when the user is not one.  Returns 0 or -1. */
int party_service_org_remove_member(struct store *s, const char *number, const char *login,
				    struct csm_error *err);
/* The members with their responsibilities.  Fills out; 0 or -1. */
int party_service_org_members(struct store *s, const char *number, struct team_member_list *out,
			      struct csm_error *err);

/* ---- customer teams -------------------------------------------------- */

/* Puts an internal, active user on the team of an account, consumer or
 * household (by number) with a responsibility ("Account Manager").  An
 * external user or the same user and responsibility twice is refused. */
int party_team_add(struct store *s, const char *customer, const char *login,
		   const char *responsibility, struct csm_error *err);

/* Takes a user off a customer's team: the entry with that responsibility,
 * or every entry of the user when responsibility is NULL.  Refused when
 * there is none.  Returns 0 or -1. */
int party_team_remove(struct store *s, const char *customer, const char *login,
		      const char *responsibility, struct csm_error *err);

/* A customer's team by responsibility.  Fills out; 0 or -1. */
int party_team_list(struct store *s, const char *customer, struct team_member_list *out,
		    struct csm_error *err);

/* ---- related parties ------------------------------------------------- */

/* A case, sold product or install base item named by its number. */
struct party_host {
	enum host_kind kind; /* from the number's prefix */
	int64_t id;          /* row id */
	char number[64];     /* as given */
	bool read_only;      /* a closed or canceled case */
	char state[16];      /* a case's state; empty for the others */
};

/* Finds the host a number names: the prefix says the kind (the longest
 * configured prefix of a case, sold product or install base item wins).
 * An unknown prefix is CSM_EX_DATAERR, a missing record CSM_EX_NOINPUT.
 * Returns 0 or -1. */
int party_host_find(struct store *s, const char *number, struct party_host *out,
		    struct csm_error *err);

/* The related party types of a host kind, or of every kind when kind is
 * NULL, with their party kind and default responsibility.  Fills out. */
int party_types(struct store *s, const enum host_kind *kind, struct related_party_type_list *out,
		struct csm_error *err);

/* The related parties of a host (by number), in order.  Fills out;
 * related_party_access_sentence() says what each grants.  Returns 0 or -1. */
int party_related_list(struct store *s, const char *host, struct related_party_list *out,
		       struct csm_error *err);

/* Adds a related party to a host.  type names a related party type of the
 * host's kind; party is the number (or a user's login) of a party of the
 * type's party kind.  relationship_name is free text (NULL = none);
 * responsibility names one (NULL = the type's default).  Refused: a party of
 * another kind, the same party and type twice, a closed or canceled case.
 * Sets *id (may be NULL).  Returns 0 or -1. */
int party_related_add(struct store *s, const char *host, const char *type, const char *party,
		      const char *relationship_name, const char *responsibility, int64_t *id,
		      struct csm_error *err);

/* What party_related_set() changes; NULL / false fields stay as they are. */
struct related_party_change {
	const char *responsibility;    /* a responsibility's name; "" = none (listed) */
	const char *relationship_name; /* free text; "" = none */
	bool set_order;                /* change sort_order */
	int sort_order;                /* the new position */
};

/* Changes the entry id of a host.  Returns 0 or -1 (an id of another host
 * is CSM_EX_NOINPUT). */
int party_related_set(struct store *s, const char *host, int64_t id,
		      const struct related_party_change *change, struct csm_error *err);

/* Removes the entry id of a host.  Returns 0 or -1. */
int party_related_remove(struct store *s, const char *host, int64_t id, struct csm_error *err);

/* Removes a party (number or login) from a host; type (NULL = any) narrows
 * it when the party is on the host under several types, which is refused
 * otherwise.  Returns 0 or -1. */
int party_related_remove_party(struct store *s, const char *host, const char *party,
			       const char *type, struct csm_error *err);

#endif
