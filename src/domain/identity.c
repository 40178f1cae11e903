/* identity.c - the acting user, --as, and the first admin (identity.h). */
#include "domain/identity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/party.h"
#include "store/access.h"
#include "util/xalloc.h"

void identity_fini(struct identity *id)
{
	if (!id)
		return;
	free(id->login);
	free(id->real_login);
	user_fini(&id->user);
	memset(id, 0, sizeof *id);
}

static bool is_demo(struct store *s)
{
	char *v = store_setting_dup(s, "demo");
	bool yes = v && strcmp(v, "yes") == 0;

	free(v);
	return yes;
}

/* Loads the user and roles of login into u / *roles: -1 / 0 none / 1. */
static int load_user(struct store *s, const char *login, struct user *u, unsigned *roles,
		     struct csm_error *err)
{
	int rc = party_user_get(s, login, u, err);

	*roles = 0;
	if (rc == 1 && party_user_roles(s, login, roles, err) < 0)
		return -1;
	return rc;
}

/* Fills out for login (acting) and real (the OS login). */
static int fill(struct store *s, const char *login, const char *real, struct identity *out,
		struct csm_error *err)
{
	int rc;

	memset(out, 0, sizeof *out);
	out->login = xstrdup(login);
	out->real_login = xstrdup(real ? real : login);
	out->acting_as = strcmp(out->login, out->real_login) != 0;
	out->demo = is_demo(s);
	rc = load_user(s, login, &out->user, &out->roles, err);
	if (rc < 0) {
		identity_fini(out);
		return -1;
	}
	out->has_row = rc == 1;
	out->is_user = rc == 1 && out->user.active;
	if (!out->is_user)
		out->roles = 0;
	return 0;
}

int identity_open(struct store *s, const char *os_login, const char *as_login,
		  struct identity *out, struct csm_error *err)
{
	struct user real = {0};
	unsigned roles = 0;
	const char *db = store_path(s);
	int rc;

	memset(out, 0, sizeof *out);
	store_set_actor(s, os_login, NULL);
	if (as_login && strcmp(as_login, os_login) != 0) {
		rc = load_user(s, os_login, &real, &roles, err);
		if (rc < 0)
			return -1;
		if (!is_demo(s) && !(rc == 1 && real.active && (roles & ROLE_BIT(ROLE_ADMIN)))) {
			user_fini(&real);
			return csm_error_set(err, CSM_EX_NOPERM,
					     "--as %s: only an admin may act as another user outside "
					     "the demo database, and you (%s) are not an admin of %s",
					     as_login, os_login, db);
		}
		user_fini(&real);
		rc = load_user(s, as_login, &real, &roles, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return csm_error_set(err, CSM_EX_NOPERM, "--as %s: %s has no user '%s'",
					     as_login, db, as_login);
		if (!real.active) {
			user_fini(&real);
			return csm_error_set(err, CSM_EX_NOPERM,
					     "--as %s: the user %s is deactivated in %s", as_login,
					     as_login, db);
		}
		user_fini(&real);
		store_set_actor(s, as_login, os_login);
	}
	if (fill(s, store_actor(s), store_real_actor(s), out, err) < 0)
		return -1;
	/* From here on the store shows and allows only this user's share. */
	if (store_access_set(s, out->is_user ? out->user.id : 0, out->roles, err) < 0) {
		identity_fini(out);
		return -1;
	}
	return 0;
}

int identity_get(struct store *s, struct identity *out, struct csm_error *err)
{
	return fill(s, store_actor(s), store_real_actor(s), out, err);
}

int identity_require_user(const struct identity *id, const char *db, struct csm_error *err)
{
	if (id->is_user)
		return 0;
	if (id->has_row)
		return csm_error_set(err, CSM_EX_NOPERM,
				     "you (%s) are not an active user of %s: your user is "
				     "deactivated; ask an admin to run 'csm user activate %s'",
				     id->login, db, id->login);
	return csm_error_set(err, CSM_EX_NOPERM,
			     "you (%s) are not a user of %s; ask an admin to run 'csm user add %s'",
			     id->login, db, id->login);
}

bool identity_is_admin(const struct identity *id)
{
	return id->is_user && (id->roles & ROLE_BIT(ROLE_ADMIN));
}

int identity_require_admin(const struct identity *id, const char *what, struct csm_error *err)
{
	char roles[128];

	if (identity_is_admin(id))
		return 0;
	identity_roles_text(id->roles, ", ", roles, sizeof roles);
	return csm_error_set(err, CSM_EX_NOPERM, "only an admin may %s; %s (%s) %s not an admin (%s%s)",
			     what, id->acting_as ? "the user you act as" : "you", id->login,
			     id->acting_as ? "is" : "are", *roles ? "roles: " : "no roles", roles);
}

int identity_ensure_admin(struct store *s, const char *login, const char *name, bool *created,
			  struct csm_error *err)
{
	struct user u = {0};
	int rc;

	if (created)
		*created = false;
	if (store_begin(s, err) < 0)
		return -1;
	rc = party_user_get(s, login, &u, err);
	user_fini(&u);
	if (rc == 0) {
		u.login = xstrdup(login);
		u.name = xstrdup(name && *name ? name : login);
		u.active = true;
		rc = party_user_create(s, &u, err);
		if (rc == 0)
			rc = party_user_grant(s, login, ROLE_ADMIN, err);
		/* The login that runs init (or the demo) is now its admin. */
		if (rc == 0 && strcmp(login, store_actor(s)) == 0 && !store_real_actor(s))
			rc = store_access_set(s, u.id, ROLE_BIT(ROLE_ADMIN), err);
		if (rc == 0 && created)
			*created = true;
		user_fini(&u);
	} else if (rc == 1) {
		rc = 0;
	}
	if (rc == 0 && store_commit(s, err) == 0)
		return 0;
	store_rollback(s);
	return -1;
}

int identity_mark_demo(struct store *s, struct csm_error *err)
{
	if (is_demo(s))
		return 0;
	if (store_begin(s, err) < 0)
		return -1;
	if (store_setting_set(s, "demo", "yes", err) < 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

int identity_keep_an_admin(struct store *s, const char *login, struct csm_error *err)
{
	struct user_list page = {0};
	struct page_req req = {.limit = 200};
	char *after = NULL;
	int others = 0, rc = 0;
	bool self = false;

	/* Users are few (staff and customer logins): walk them. */
	for (;;) {
		req.after_key = after;
		if (party_user_list(s, &req, false, &page, err) < 0) {
			rc = -1;
			break;
		}
		for (size_t i = 0; i < page.n; i++) {
			unsigned roles;

			if (party_user_roles(s, page.items[i].login, &roles, err) < 0) {
				rc = -1;
				break;
			}
			if (!(roles & ROLE_BIT(ROLE_ADMIN)))
				continue;
			if (strcmp(page.items[i].login, login) == 0)
				self = true;
			else
				others++;
		}
		if (rc < 0 || page.n < req.limit)
			break;
		free(after);
		after = xstrdup(page.items[page.n - 1].login);
		req.after_id = page.items[page.n - 1].id;
		user_list_fini(&page);
	}
	user_list_fini(&page);
	free(after);
	if (rc < 0)
		return -1;
	if (self && others == 0)
		return csm_error_set(err, CSM_EX_NOPERM,
				     "%s is the last active admin of %s; make another user admin "
				     "first ('csm user grant LOGIN admin')",
				     login, store_path(s));
	return 0;
}

char *identity_roles_text(unsigned mask, const char *sep, char *buf, size_t size)
{
	size_t used = 0;

	if (size)
		buf[0] = '\0';
	for (int r = 0; r < ROLE_COUNT && used < size; r++) {
		int n;

		if (!(mask & ROLE_BIT(r)))
			continue;
		n = snprintf(buf + used, size - used, "%s%s", used ? sep : "",
			     role_name((enum role)r));
		if (n < 0)
			break;
		used += (size_t)n;
	}
	return buf;
}
