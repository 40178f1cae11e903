/* identity.h - who is using csm (domain.md, "Access").
 *
 * The acting user is the operating system login of the process's real user
 * id, matched to user.login.  `--as LOGIN` acts as another user: allowed on
 * the demo database and for an active admin only, and only as an active
 * user.  The store's actor is what the audit triggers record: the acting
 * login, and the OS login as real_actor when the two differ.
 *
 * A login without an active user gets no data: the commands and the console
 * call identity_require_user() before they read or write customer data.
 * Errors carry CSM_EX_NOPERM (77) for refusals. */
#ifndef CSM_DOMAIN_IDENTITY_H
#define CSM_DOMAIN_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/party.h"
#include "store/store.h"

struct identity {
	char *login;      /* the acting login (owned) */
	char *real_login; /* the operating system login (owned) */
	bool acting_as;   /* login differs from real_login (--as) */
	bool is_user;     /* login has an active user; only then user and roles are set */
	bool has_row;     /* login has a user row, active or not */
	struct user user; /* the acting user's row when has_row */
	unsigned roles;   /* ROLE_BIT()s of the acting user */
	bool demo;        /* the database is the demo database */
};

/* Frees what an identity owns and zeroes it (safe on a zeroed one). */
void identity_fini(struct identity *id);

/* Resolves who uses s: os_login is the real user's login, as_login the
 * --as login (NULL or os_login = none).  Refuses --as (CSM_EX_NOPERM) when
 * the database is not the demo and the real user is not an active admin,
 * or when as_login has no active user.  Sets the store's actor and real
 * actor and fills out (identity_fini() it).  Returns 0 or -1. */
int identity_open(struct store *s, const char *os_login, const char *as_login,
		  struct identity *out, struct csm_error *err);

/* Fills out from the actor already set on s (store_actor(), store_real_actor()),
 * without checks: for the console.  Returns 0 or -1. */
int identity_get(struct store *s, struct identity *out, struct csm_error *err);

/* 0 when the acting login is an active user; else -1 with CSM_EX_NOPERM and
 * "you (LOGIN) are not a user of DB; ask an admin to run 'csm user add
 * LOGIN'" (or, for a deactivated user, "... csm user activate LOGIN"). */
int identity_require_user(const struct identity *id, const char *db, struct csm_error *err);

/* 0 when the acting user is an active admin; else -1 with CSM_EX_NOPERM and
 * a message that says who may do what ("only an admin may add users"). */
int identity_require_admin(const struct identity *id, const char *what, struct csm_error *err);

/* True when the acting user is an active admin. */
bool identity_is_admin(const struct identity *id);

/* Makes login an internal, active user with the admin role when it has no
 * user yet (csm init, the demo); name "" or NULL = the login.  A login that
 * already has a user is left as it is.  Sets *created (may be NULL).
 * Returns 0 or -1 (a login csm cannot hold is CSM_EX_DATAERR). */
int identity_ensure_admin(struct store *s, const char *login, const char *name, bool *created,
			  struct csm_error *err);

/* Marks s as the demo database (the setting "demo"), once.  Returns 0/-1. */
int identity_mark_demo(struct store *s, struct csm_error *err);

/* Refuses (CSM_EX_NOPERM) to leave the database without an active admin:
 * call before revoking admin from login or deactivating it.  Returns 0 when
 * another active admin remains or login is not an active admin, else -1. */
int identity_keep_an_admin(struct store *s, const char *login, struct csm_error *err);

/* Writes the role names in mask to buf, separated by sep ("admin, agent");
 * "" when none.  Returns buf. */
char *identity_roles_text(unsigned mask, const char *sep, char *buf, size_t size);

#endif
