/* party.c - users, roles, groups, service organizations, customer teams and
 * related parties: validation and transactions over store/party_store.h. */
#include "domain/party.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/access.h"
#include "store/party_store.h"
#include "util/xalloc.h"

/* Ends a write: commits when rc is 0, rolls back otherwise; returns 0/-1. */
static int finish(struct store *s, int rc, struct csm_error *err)
{
	if (rc == 0 && store_commit(s, err) == 0)
		return 0;
	store_rollback(s);
	return -1;
}

static bool blank(const char *t)
{
	if (!t)
		return true;
	for (; *t; t++)
		if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r')
			return false;
	return true;
}

/* Finds a user by login: -1 with err for a missing one or an error. */
static int need_user(struct store *s, const char *login, struct user *u, struct csm_error *err)
{
	int rc = store_user_get_by_login(s, login, u, err);

	if (rc == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no user with login '%s'",
				     login ? login : "");
	return rc < 0 ? -1 : 0;
}

/* Finds a responsibility by name: -1 with err for a missing one. */
static int need_responsibility(struct store *s, const char *name, int64_t *id, bool *grants,
			       struct csm_error *err)
{
	int rc = store_responsibility_find(s, name, id, grants, err);

	if (rc == 0)
		return csm_error_set(err, CSM_EX_DATAERR, "no responsibility named '%s'", name);
	return rc < 0 ? -1 : 0;
}

/* The kind among kinds[0..n) whose configured prefix is the longest one
 * that number starts with (and is not all of); -1 when none. */
static int kind_of_number(struct store *s, const char *number, const enum record_kind *kinds,
			  size_t n)
{
	int best = -1;
	size_t best_len = 0;

	for (size_t i = 0; number && i < n; i++) {
		const char *p = store_prefix(s, kinds[i]);
		size_t len = strlen(p);
		if (len > best_len && strncmp(number, p, len) == 0 && number[len]) {
			best = (int)i;
			best_len = len;
		}
	}
	return best;
}

/* ---- users and roles ------------------------------------------------- */

static int check_user(const struct user *u, struct csm_error *err)
{
	if (!party_login_valid(u->login))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "login '%s': expected a lower-case letter or _ and then up to 63 "
				     "of a-z 0-9 _ . -",
				     u->login ? u->login : "");
	if (blank(u->name))
		return csm_error_set(err, CSM_EX_DATAERR, "user %s: the name is required", u->login);
	return 0;
}

int party_user_create(struct store *s, struct user *u, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ADMIN, "manage users", err) < 0)
		return -1;
	struct user other = {0};
	int rc;

	if (check_user(u, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	rc = store_user_get_by_login(s, u->login, &other, err);
	user_fini(&other);
	if (rc == 1)
		rc = csm_error_set(err, CSM_EX_DATAERR, "login '%s' is taken by another user",
				   u->login);
	else if (rc == 0)
		rc = store_user_insert(s, u, err);
	return finish(s, rc, err);
}

/* The first role in mask that a user on the given side may not hold, or
 * ROLE_COUNT when all are allowed. */
static enum role first_misfit(unsigned mask, bool is_external)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if ((mask & ROLE_BIT(r)) && !role_allowed((enum role)r, is_external))
			return (enum role)r;
	return ROLE_COUNT;
}

int party_user_update(struct store *s, const struct user *u, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ADMIN, "manage users", err) < 0)
		return -1;
	struct user cur = {0}, next;
	unsigned mask;
	enum role bad;
	int rc;

	if (check_user(u, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = need_user(s, u->login, &cur, err)) == 0 &&
	    (rc = store_user_roles(s, cur.id, &mask, err)) == 0 &&
	    (bad = first_misfit(mask, u->is_external)) != ROLE_COUNT)
		rc = csm_error_set(err, CSM_EX_DATAERR,
				   "user %s holds the role %s, which an %s user may not hold; revoke "
				   "it first (no user is both internal and external)",
				   u->login, role_name(bad), u->is_external ? "external" : "internal");
	if (rc == 0) {
		next = *u;
		next.id = cur.id;
		rc = store_user_update(s, &next, err);
	}
	user_fini(&cur);
	return finish(s, rc, err);
}

int party_user_deactivate(struct store *s, const char *login, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ADMIN, "manage users", err) < 0)
		return -1;
	struct user u = {0};
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = need_user(s, login, &u, err)) == 0 && u.active) {
		u.active = false;
		rc = store_user_update(s, &u, err);
	}
	user_fini(&u);
	return finish(s, rc, err);
}

int party_user_get(struct store *s, const char *login, struct user *out, struct csm_error *err)
{
	return store_user_get_by_login(s, login, out, err);
}

int party_user_get_by_id(struct store *s, int64_t id, struct user *out, struct csm_error *err)
{
	return store_user_get_by_id(s, id, out, err);
}

int party_user_list(struct store *s, const struct page_req *page, bool with_inactive,
		    struct user_list *out, struct csm_error *err)
{
	return store_user_list(s, page, with_inactive, out, err);
}

int party_user_grant(struct store *s, const char *login, enum role r, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ADMIN, "manage users", err) < 0)
		return -1;
	struct user u = {0};
	int rc;

	if (!role_name(r))
		return csm_error_set(err, CSM_EX_DATAERR, "no such role");
	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = need_user(s, login, &u, err)) == 0) {
		if (!role_allowed(r, u.is_external))
			rc = csm_error_set(err, CSM_EX_DATAERR,
					   "user %s is %s and cannot hold the role %s (it is for %s "
					   "users only)",
					   login, u.is_external ? "external" : "internal", role_name(r),
					   u.is_external ? "internal" : "external");
		else
			rc = store_user_role_add(s, u.id, r, err);
	}
	user_fini(&u);
	return finish(s, rc, err);
}

int party_user_revoke(struct store *s, const char *login, enum role r, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ADMIN, "manage users", err) < 0)
		return -1;
	struct user u = {0};
	unsigned mask = 0;
	int rc;

	if (!role_name(r))
		return csm_error_set(err, CSM_EX_DATAERR, "no such role");
	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = need_user(s, login, &u, err)) == 0 &&
	    (rc = store_user_roles(s, u.id, &mask, err)) == 0) {
		if (!(mask & ROLE_BIT(r)))
			rc = csm_error_set(err, CSM_EX_DATAERR, "user %s does not hold the role %s",
					   login, role_name(r));
		else
			rc = store_user_role_remove(s, u.id, r, err);
	}
	user_fini(&u);
	return finish(s, rc, err);
}

int party_user_roles(struct store *s, const char *login, unsigned *mask, struct csm_error *err)
{
	struct user u = {0};
	int rc;

	*mask = 0;
	if ((rc = need_user(s, login, &u, err)) == 0)
		rc = store_user_roles(s, u.id, mask, err);
	user_fini(&u);
	return rc;
}

int party_acting_user(struct store *s, struct user *out, struct csm_error *err)
{
	return store_user_get_by_login(s, store_actor(s), out, err);
}

/* ---- assignment groups ----------------------------------------------- */

static int need_group(struct store *s, const char *name, struct group *g, struct csm_error *err)
{
	int rc = store_group_get_by_name(s, name, g, err);

	if (rc == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no assignment group named '%s'",
				     name ? name : "");
	return rc < 0 ? -1 : 0;
}

/* Finds an active user to manage something. */
static int need_manager(struct store *s, const char *login, int64_t *id, struct csm_error *err)
{
	struct user u = {0};
	int rc = need_user(s, login, &u, err);

	if (rc == 0 && !u.active)
		rc = csm_error_set(err, CSM_EX_DATAERR, "user %s is inactive and cannot be a manager",
				   login);
	*id = u.id;
	user_fini(&u);
	return rc;
}

int party_group_create(struct store *s, struct group *g, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ORGANIZE, "change groups or service organizations", err) < 0)
		return -1;
	struct group other = {0};
	int rc;

	if (blank(g->name))
		return csm_error_set(err, CSM_EX_DATAERR, "a group needs a name");
	if (store_begin(s, err) < 0)
		return -1;
	rc = store_group_get_by_name(s, g->name, &other, err);
	group_fini(&other);
	if (rc == 1)
		rc = csm_error_set(err, CSM_EX_DATAERR, "there is already a group named '%s'", g->name);
	g->manager_id = 0;
	if (rc == 0 && g->manager_login)
		rc = need_manager(s, g->manager_login, &g->manager_id, err);
	if (rc == 0)
		rc = store_group_insert(s, g, err);
	return finish(s, rc, err);
}

/* Looks up a group and a user for a membership change. */
static int group_and_user(struct store *s, const char *group, const char *login, struct group *g,
			  struct user *u, struct csm_error *err)
{
	if (need_group(s, group, g, err) < 0 || need_user(s, login, u, err) < 0)
		return -1;
	return store_group_has_member(s, g->id, u->id, err);
}

int party_group_add_member(struct store *s, const char *group, const char *login,
			   struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ORGANIZE, "change groups or service organizations", err) < 0)
		return -1;
	struct group g = {0};
	struct user u = {0};
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	rc = group_and_user(s, group, login, &g, &u, err);
	if (rc == 1)
		rc = csm_error_set(err, CSM_EX_DATAERR, "%s is already a member of %s", login, group);
	else if (rc == 0 && !u.active)
		rc = csm_error_set(err, CSM_EX_DATAERR, "user %s is inactive", login);
	else if (rc == 0)
		rc = store_group_member_add(s, g.id, u.id, err);
	group_fini(&g);
	user_fini(&u);
	return finish(s, rc, err);
}

int party_group_remove_member(struct store *s, const char *group, const char *login,
			      struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ORGANIZE, "change groups or service organizations", err) < 0)
		return -1;
	struct group g = {0};
	struct user u = {0};
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	rc = group_and_user(s, group, login, &g, &u, err);
	if (rc == 0)
		rc = csm_error_set(err, CSM_EX_DATAERR, "%s is not a member of %s", login, group);
	else if (rc == 1)
		rc = store_group_member_remove(s, g.id, u.id, err);
	group_fini(&g);
	user_fini(&u);
	return finish(s, rc, err);
}

int party_group_set_manager(struct store *s, const char *group, const char *login,
			    struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ORGANIZE, "change groups or service organizations", err) < 0)
		return -1;
	struct group g = {0};
	int64_t manager = 0;
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = need_group(s, group, &g, err)) == 0 && login)
		rc = need_manager(s, login, &manager, err);
	if (rc == 0)
		rc = store_group_set_manager(s, g.id, manager, err);
	group_fini(&g);
	return finish(s, rc, err);
}

int party_groups_of_user(struct store *s, const char *login, struct group_list *out,
			 struct csm_error *err)
{
	struct user u = {0};
	int rc;

	group_list_fini(out);
	if ((rc = need_user(s, login, &u, err)) == 0)
		rc = store_groups_of_user(s, u.id, out, err);
	user_fini(&u);
	return rc;
}

int party_group_members(struct store *s, const char *group, struct user_list *out,
			struct csm_error *err)
{
	struct group g = {0};
	int rc;

	user_list_fini(out);
	if ((rc = need_group(s, group, &g, err)) == 0)
		rc = store_group_members(s, g.id, out, err);
	group_fini(&g);
	return rc;
}

/* ---- service organizations ------------------------------------------- */

static int need_org(struct store *s, const char *number, struct service_org *o,
		    struct csm_error *err)
{
	int rc = store_service_org_get_by_number(s, number, o, err);

	if (rc == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no service organization %s",
				     number ? number : "");
	return rc < 0 ? -1 : 0;
}

int party_service_org_create(struct store *s, struct service_org *o, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ORGANIZE, "change groups or service organizations", err) < 0)
		return -1;
	struct service_org parent = {0};
	char number[64];
	int rc = 0;

	if (blank(o->name))
		return csm_error_set(err, CSM_EX_DATAERR, "a service organization needs a name");
	if (store_begin(s, err) < 0)
		return -1;
	o->parent_id = 0;
	o->manager_id = 0;
	if (o->parent_number && (rc = need_org(s, o->parent_number, &parent, err)) == 0)
		o->parent_id = parent.id;
	if (rc == 0 && o->manager_login)
		rc = need_manager(s, o->manager_login, &o->manager_id, err);
	if (rc == 0 && (rc = store_next_number(s, REC_SERVICE_ORG, number, sizeof number, err)) == 0) {
		free(o->number);
		o->number = xstrdup(number);
		rc = store_service_org_insert(s, o, err);
	}
	service_org_fini(&parent);
	return finish(s, rc, err);
}

int party_service_org_get(struct store *s, const char *number, struct service_org *out,
			  struct csm_error *err)
{
	return store_service_org_get_by_number(s, number, out, err);
}

int party_service_org_set_parent(struct store *s, const char *number, const char *parent,
				 struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ORGANIZE, "change groups or service organizations", err) < 0)
		return -1;
	struct service_org o = {0}, p = {0};
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = need_org(s, number, &o, err)) == 0 && parent &&
	    (rc = need_org(s, parent, &p, err)) == 0) {
		rc = store_service_org_is_within(s, p.id, o.id, err);
		if (rc == 1)
			rc = csm_error_set(err, CSM_EX_DATAERR,
					   "%s cannot move under %s: that is %s itself or one of its "
					   "own organizations",
					   number, parent, number);
	}
	if (rc == 0)
		rc = store_service_org_set_parent(s, o.id, p.id, err);
	service_org_fini(&o);
	service_org_fini(&p);
	return finish(s, rc, err);
}

int party_service_org_add_member(struct store *s, const char *number, const char *login,
				 const char *responsibility, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ORGANIZE, "change groups or service organizations", err) < 0)
		return -1;
	struct service_org o = {0};
	struct user u = {0};
	int64_t resp = 0;
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = need_org(s, number, &o, err)) == 0 && (rc = need_user(s, login, &u, err)) == 0 &&
	    responsibility)
		rc = need_responsibility(s, responsibility, &resp, NULL, err);
	if (rc == 0 && !u.active)
		rc = csm_error_set(err, CSM_EX_DATAERR, "user %s is inactive", login);
	if (rc == 0)
		rc = store_service_org_member_set(s, o.id, u.id, resp, err);
	service_org_fini(&o);
	user_fini(&u);
	return finish(s, rc, err);
}

int party_service_org_remove_member(struct store *s, const char *number, const char *login,
				    struct csm_error *err)
{
	if (store_access_require(s, ACCESS_ORGANIZE, "change groups or service organizations", err) < 0)
		return -1;
	struct service_org o = {0};
	struct user u = {0};
	bool removed = false;
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = need_org(s, number, &o, err)) == 0 && (rc = need_user(s, login, &u, err)) == 0 &&
	    (rc = store_service_org_member_remove(s, o.id, u.id, &removed, err)) == 0 && !removed)
		rc = csm_error_set(err, CSM_EX_DATAERR, "%s is not a member of %s", login, number);
	service_org_fini(&o);
	user_fini(&u);
	return finish(s, rc, err);
}

int party_service_org_members(struct store *s, const char *number, struct team_member_list *out,
			      struct csm_error *err)
{
	struct service_org o = {0};
	int rc;

	team_member_list_fini(out);
	if ((rc = need_org(s, number, &o, err)) == 0)
		rc = store_service_org_members(s, o.id, out, err);
	service_org_fini(&o);
	return rc;
}

/* ---- customer teams -------------------------------------------------- */

/* Finds the account, consumer or household a number names. */
static int need_customer(struct store *s, const char *number, enum team_customer *kind,
			 int64_t *id, struct csm_error *err)
{
	static const enum record_kind kinds[] = {REC_ACCOUNT, REC_CONSUMER, REC_HOUSEHOLD};
	static const char *const labels[] = {"account", "consumer", "household"};
	int k = kind_of_number(s, number, kinds, 3), rc;

	if (k < 0)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "'%s' is not the number of an account (%s…), a consumer (%s…) or a "
				     "household (%s…)",
				     number ? number : "", store_prefix(s, REC_ACCOUNT),
				     store_prefix(s, REC_CONSUMER), store_prefix(s, REC_HOUSEHOLD));
	*kind = (enum team_customer)k;
	rc = store_team_customer_find(s, *kind, number, id, err);
	if (rc == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no %s %s", labels[k], number);
	return rc < 0 ? -1 : 0;
}

int party_team_add(struct store *s, const char *customer, const char *login,
		   const char *responsibility, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customer teams", err) < 0)
		return -1;
	enum team_customer kind;
	struct user u = {0};
	int64_t cust = 0, resp = 0;
	int rc;

	if (blank(responsibility))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "a team member needs a responsibility (e.g. Account Manager)");
	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = need_customer(s, customer, &kind, &cust, err)) == 0 &&
	    (rc = need_user(s, login, &u, err)) == 0 &&
	    (rc = need_responsibility(s, responsibility, &resp, NULL, err)) == 0) {
		if (u.is_external)
			rc = csm_error_set(err, CSM_EX_DATAERR,
					   "user %s is external; a customer's team has internal users "
					   "only",
					   login);
		else if (!u.active)
			rc = csm_error_set(err, CSM_EX_DATAERR, "user %s is inactive", login);
		else if ((rc = store_team_member_exists(s, kind, cust, u.id, resp, err)) == 1)
			rc = csm_error_set(err, CSM_EX_DATAERR, "%s is already %s on the team of %s",
					   login, responsibility, customer);
		if (rc == 0)
			rc = store_team_member_add(s, kind, cust, u.id, resp, NULL, err);
	}
	user_fini(&u);
	return finish(s, rc, err);
}

int party_team_remove(struct store *s, const char *customer, const char *login,
		      const char *responsibility, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customer teams", err) < 0)
		return -1;
	enum team_customer kind;
	struct user u = {0};
	int64_t cust = 0, resp = 0;
	int rc, removed = 0;

	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = need_customer(s, customer, &kind, &cust, err)) == 0 &&
	    (rc = need_user(s, login, &u, err)) == 0 && responsibility)
		rc = need_responsibility(s, responsibility, &resp, NULL, err);
	if (rc == 0 &&
	    (rc = store_team_member_remove(s, kind, cust, u.id, resp, &removed, err)) == 0 &&
	    removed == 0)
		rc = csm_error_set(err, CSM_EX_DATAERR, "%s is not%s%s on the team of %s", login,
				   responsibility ? " " : "", responsibility ? responsibility : "",
				   customer);
	user_fini(&u);
	return finish(s, rc, err);
}

int party_team_list(struct store *s, const char *customer, struct team_member_list *out,
		    struct csm_error *err)
{
	enum team_customer kind;
	int64_t cust = 0;

	team_member_list_fini(out);
	if (need_customer(s, customer, &kind, &cust, err) < 0)
		return -1;
	return store_team_list(s, kind, cust, out, err);
}

/* ---- related parties ------------------------------------------------- */

int party_host_find(struct store *s, const char *number, struct party_host *out,
		    struct csm_error *err)
{
	static const enum record_kind kinds[] = {REC_CASE, REC_SOLD_PRODUCT, REC_INSTALL_BASE};
	char *state = NULL;
	int k = kind_of_number(s, number, kinds, 3), rc;

	memset(out, 0, sizeof *out);
	if (k < 0)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "'%s' is not the number of a case (%s…), a sold product (%s…) or "
				     "an install base item (%s…)",
				     number ? number : "", store_prefix(s, REC_CASE),
				     store_prefix(s, REC_SOLD_PRODUCT), store_prefix(s, REC_INSTALL_BASE));
	out->kind = (enum host_kind)k; /* host kinds are in the order of kinds[] */
	snprintf(out->number, sizeof out->number, "%s", number);
	rc = store_rp_host_find(s, out->kind, number, &out->id, &state, err);
	if (rc == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no %s %s", host_kind_label(out->kind),
				     number);
	if (rc < 0)
		return -1;
	if (state) {
		snprintf(out->state, sizeof out->state, "%s", state);
		out->read_only = strcmp(state, "closed") == 0 || strcmp(state, "canceled") == 0;
		free(state);
	}
	return 0;
}

/* Refuses changes to a closed or canceled case, and to the parties of a
 * record the acting user may not change them on. */
static int check_writable(struct store *s, const struct party_host *h, struct csm_error *err)
{
	if (h->read_only)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s is %s: closed and canceled cases are read-only", h->number,
				     h->state);
	if (h->kind == HOST_CASE)
		return store_access_require_case(s, h->id, h->number, CASE_PARTIES,
						 "change the related parties of", err);
	return store_access_require(s, ACCESS_EDIT_PARTIES, "change related parties", err);
}

int party_types(struct store *s, const enum host_kind *kind, struct related_party_type_list *out,
		struct csm_error *err)
{
	return store_rp_type_list(s, kind ? *kind : HOST_CASE, kind == NULL, out, err);
}

int party_related_list(struct store *s, const char *host, struct related_party_list *out,
		       struct csm_error *err)
{
	struct party_host h;

	related_party_list_fini(out);
	if (party_host_find(s, host, &h, err) < 0)
		return -1;
	return store_related_party_list(s, h.kind, h.id, out, err);
}

/* "a" or "an" before a word. */
static const char *article(const char *word)
{
	return word && strchr("aeiou", word[0]) ? "an" : "a";
}

/* The party kind a key names: by number prefix, else a user's login. */
static enum party_kind kind_of_party(struct store *s, const char *key)
{
	static const enum record_kind kinds[] = {REC_CONTACT, REC_CONSUMER, REC_ACCOUNT,
						 REC_SERVICE_ORG};
	static const enum party_kind parties[] = {PARTY_CONTACT, PARTY_CONSUMER, PARTY_ACCOUNT,
						  PARTY_SERVICE_ORG};
	int k = kind_of_number(s, key, kinds, 4);

	return k < 0 ? PARTY_USER : parties[k];
}

/* Finds the party of a type's kind that key names.  When it is not there
 * but names a party of another kind, says that the kind is wrong. */
static int need_party(struct store *s, const struct related_party_type *t, const char *key,
		      int64_t *id, struct csm_error *err)
{
	enum party_kind other;
	int64_t ignored;
	int rc;

	if (blank(key))
		return csm_error_set(err, CSM_EX_DATAERR, "which party? give its number or login");
	rc = store_rp_party_find(s, t->party_kind, key, id, err);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	other = kind_of_party(s, key);
	if (other != t->party_kind && store_rp_party_find(s, other, key, &ignored, err) == 1)
		return csm_error_set(err, CSM_EX_DATAERR, "%s is %s %s, but the type '%s' takes %s %s",
				     key, article(party_kind_label(other)), party_kind_label(other),
				     t->name, article(party_kind_label(t->party_kind)),
				     party_kind_label(t->party_kind));
	return csm_error_set(err, CSM_EX_NOINPUT, "no %s %s", party_kind_label(t->party_kind), key);
}

static int need_type(struct store *s, enum host_kind kind, const char *name,
		     struct related_party_type *t, struct csm_error *err)
{
	int rc;

	if (blank(name))
		return csm_error_set(err, CSM_EX_DATAERR, "which related party type? see 'csm party "
				     "types --for %s'", host_kind_name(kind));
	rc = store_rp_type_get(s, kind, name, t, err);
	if (rc == 0)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "no related party type '%s' for %ss (see 'csm party types --for "
				     "%s')",
				     name, host_kind_label(kind), host_kind_name(kind));
	return rc < 0 ? -1 : 0;
}

int party_related_add(struct store *s, const char *host, const char *type, const char *party,
		      const char *relationship_name, const char *responsibility, int64_t *id,
		      struct csm_error *err)
{
	struct party_host h;
	struct related_party_type t = {0};
	struct related_party_list list = {0};
	struct related_party rp = {0};
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = party_host_find(s, host, &h, err)) == 0 && (rc = check_writable(s, &h, err)) == 0 &&
	    (rc = need_type(s, h.kind, type, &t, err)) == 0)
		rc = need_party(s, &t, party, &rp.party_id, err);
	rp.responsibility_id = t.responsibility_id;
	if (rc == 0 && responsibility && *responsibility)
		rc = need_responsibility(s, responsibility, &rp.responsibility_id, NULL, err);
	if (rc == 0)
		rc = store_related_party_list(s, h.kind, h.id, &list, err);
	rp.sort_order = 1; /* positions count from 1; a new entry goes last */
	for (size_t i = 0; rc == 0 && i < list.n; i++) {
		const struct related_party *e = &list.items[i];
		if (e->type_id == t.id && e->party_kind == t.party_kind && e->party_id == rp.party_id)
			rc = csm_error_set(err, CSM_EX_DATAERR, "%s (%s) is already %s on %s",
					   e->party_name ? e->party_name : party, e->party_number,
					   t.name, h.number);
		if (e->sort_order >= rp.sort_order)
			rp.sort_order = e->sort_order + 1;
	}
	if (rc == 0) {
		rp.host_kind = h.kind;
		rp.host_id = h.id;
		rp.type_id = t.id;
		rp.party_kind = t.party_kind;
		rp.relationship_name = blank(relationship_name) ? NULL : xstrdup(relationship_name);
		rc = store_related_party_insert(s, &rp, err);
		if (rc == 0 && id)
			*id = rp.id;
	}
	related_party_fini(&rp);
	related_party_list_fini(&list);
	related_party_type_fini(&t);
	return finish(s, rc, err);
}

/* Finds entry id and checks that it belongs to host h. */
static int need_entry(struct store *s, const struct party_host *h, int64_t id,
		      struct related_party *rp, struct csm_error *err)
{
	int rc = store_related_party_get(s, id, rp, err);

	if (rc < 0)
		return -1;
	if (rc == 0 || rp->host_kind != h->kind || rp->host_id != h->id)
		return csm_error_set(err, CSM_EX_NOINPUT, "%s has no related party %lld", h->number,
				     (long long)id);
	return 0;
}

int party_related_set(struct store *s, const char *host, int64_t id,
		      const struct related_party_change *change, struct csm_error *err)
{
	struct party_host h;
	struct related_party rp = {0};
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = party_host_find(s, host, &h, err)) == 0 && (rc = check_writable(s, &h, err)) == 0)
		rc = need_entry(s, &h, id, &rp, err);
	if (rc == 0 && change->responsibility) {
		rp.responsibility_id = 0;
		if (*change->responsibility)
			rc = need_responsibility(s, change->responsibility, &rp.responsibility_id, NULL,
						 err);
	}
	if (rc == 0 && change->relationship_name) {
		free(rp.relationship_name);
		rp.relationship_name =
			blank(change->relationship_name) ? NULL : xstrdup(change->relationship_name);
	}
	if (rc == 0 && change->set_order)
		rp.sort_order = change->sort_order;
	if (rc == 0)
		rc = store_related_party_update(s, &rp, err);
	related_party_fini(&rp);
	return finish(s, rc, err);
}

int party_related_remove(struct store *s, const char *host, int64_t id, struct csm_error *err)
{
	struct party_host h;
	struct related_party rp = {0};
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	if ((rc = party_host_find(s, host, &h, err)) == 0 && (rc = check_writable(s, &h, err)) == 0 &&
	    (rc = need_entry(s, &h, id, &rp, err)) == 0)
		rc = store_related_party_delete(s, id, err);
	related_party_fini(&rp);
	return finish(s, rc, err);
}

int party_related_remove_party(struct store *s, const char *host, const char *party,
			       const char *type, struct csm_error *err)
{
	struct party_host h;
	struct related_party_list list = {0};
	struct related_party_type t = {0};
	enum party_kind kind;
	int64_t found = 0;
	size_t matches = 0;
	int rc;

	if (blank(party))
		return csm_error_set(err, CSM_EX_DATAERR, "which party? give its number or login");
	if (store_begin(s, err) < 0)
		return -1;
	kind = kind_of_party(s, party);
	if ((rc = party_host_find(s, host, &h, err)) == 0 && (rc = check_writable(s, &h, err)) == 0 &&
	    type && (rc = need_type(s, h.kind, type, &t, err)) == 0)
		kind = t.party_kind;
	if (rc == 0)
		rc = store_related_party_list(s, h.kind, h.id, &list, err);
	for (size_t i = 0; rc == 0 && i < list.n; i++) {
		const struct related_party *e = &list.items[i];
		if (e->party_kind != kind || !e->party_number || strcmp(e->party_number, party) != 0)
			continue;
		if (type && e->type_id != t.id)
			continue;
		found = e->id;
		matches++;
	}
	if (rc == 0 && matches == 0)
		rc = csm_error_set(err, CSM_EX_NOINPUT, "%s is not a related party of %s%s%s", party,
				   h.number, type ? " as " : "", type ? t.name : "");
	else if (rc == 0 && matches > 1)
		rc = csm_error_set(err, CSM_EX_DATAERR,
				   "%s is on %s under %zu types; say which with --type", party,
				   h.number, matches);
	if (rc == 0)
		rc = store_related_party_delete(s, found, err);
	related_party_list_fini(&list);
	related_party_type_fini(&t);
	return finish(s, rc, err);
}
