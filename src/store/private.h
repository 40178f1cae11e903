/* private.h - what the store's own files share; never included outside
 * src/store/.  This is the only header that includes <sqlite3.h>. */
#ifndef CSM_STORE_PRIVATE_H
#define CSM_STORE_PRIVATE_H

#include <sqlite3.h>

#include "store/store.h"

/* Returns the cached prepared statement for sql (which must be a string
 * literal or other static storage: the cache is keyed by its address),
 * reset and with bindings cleared; NULL with err set on error.  The
 * statement stays owned by the store. */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct csm_error *err);

/* Who the store acts for (access.c): kept in the store, read by the
 * access layer only. */
struct store_acl {
	bool system;      /* no user set yet (tools, tests, migrations): no limits */
	bool all;         /* the user sees every record (no TEMP views) */
	bool internal;    /* the user is internal (reads work notes) */
	int64_t user_id;  /* acting user, 0 = a login with no user */
	unsigned roles;   /* ROLE_BIT()s of model/party.h */
	bool dirty;       /* this connection committed: the seen_* sets may be stale */
	bool refreshing;  /* store_access_refresh() is running */
	long long data_version; /* PRAGMA data_version when the sets were computed */
	char today[16];   /* the day they were computed (household membership ends by date) */
};

/* The store's access state (borrowed). */
struct store_acl *store_acl(struct store *s);
const struct store_acl *store_acl_const(const struct store *s);

/* Whom a requested approval waits for (the approval queue lists them,
 * store_case_rights() grants them CASE_APPROVE; ?1 is the user, c the case): the approver named (a viewer
 * decides nothing), any admin or manager, and when none is named a
 * stakeholder for its organization's cases (its account and the accounts
 * under it, the service organizations it manages and theirs) and its own. */
#define MAY_DECIDE                                                                                 \
	"(c.approver_id = ?1 AND EXISTS (SELECT 1 FROM user_role r"                                \
	"  WHERE r.user_id = ?1 AND r.role <> 'viewer')"                                           \
	" OR EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = ?1"                               \
	"  AND r.role IN ('admin', 'manager'))"                                                    \
	" OR (c.approver_id IS NULL AND EXISTS (SELECT 1 FROM user_role r"                         \
	"  WHERE r.user_id = ?1 AND r.role = 'stakeholder')"                                       \
	"  AND (c.opened_by_id = ?1 OR c.requester_id = ?1"                                        \
	"   OR c.contact_id IN (SELECT me.id FROM contact me WHERE me.user_id = ?1)"               \
	"   OR c.consumer_id IN (SELECT me.id FROM consumer me WHERE me.user_id = ?1)"             \
	"   OR c.account_id IN (SELECT a.id FROM contact me JOIN account top"                      \
	"    ON top.id = me.account_id JOIN account a"                                             \
	"    ON a.path >= top.path AND a.path < top.path || x'7f' WHERE me.user_id = ?1)"          \
	"   OR c.service_org_id IN (SELECT o.id FROM service_organization top"                     \
	"    JOIN service_organization o ON o.path >= top.path AND o.path < top.path || x'7f'"     \
	"    WHERE top.manager_id = ?1))))"

/* SQL functions of the search views (search.c, 0007-search-functions.sql),
 * registered on every connection by store.c:
 *   csm_squash(text): text without ASCII punctuation, space, tab, CR, LF;
 *   csm_phone_keys(text): the digits of a phone, then each of their
 *   suffixes of PHONE_SUFFIX_MIN..MAX digits shorter than them. */
#define PHONE_SUFFIX_MIN 4
#define PHONE_SUFFIX_MAX 15
void store_fn_squash(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void store_fn_phone_keys(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* The connection (borrowed). */
sqlite3 *store_db(struct store *s);

/* Fills err from the connection's last error, naming what was attempted;
 * constraint failures get a readable message.  Returns -1. */
int store_sqlerr(struct store *s, struct csm_error *err, const char *what);

/* Binds text, or NULL when v is NULL or empty. */
int store_bind_text(sqlite3_stmt *st, int idx, const char *v);
/* Binds an id, or NULL when id <= 0. */
int store_bind_id(sqlite3_stmt *st, int idx, int64_t id);
/* Returns an owned copy of a text column, NULL for SQL NULL. */
char *store_col_dup(sqlite3_stmt *st, int col);

/* Steps a one-row query: 1 with the statement on the row, 0 when there is
 * none, -1 with err naming what.  The caller resets the statement. */
int store_step_row(struct store *s, sqlite3_stmt *st, struct csm_error *err, const char *what);

/* Runs one statement with no result rows; -1 with err on failure. */
int store_exec_stmt(struct store *s, sqlite3_stmt *st, struct csm_error *err, const char *what);

/* Runs a constant SQL script (no user values); for migrations and pragmas. */
int store_exec_script(struct store *s, const char *sql, struct csm_error *err);

/* Steps a one-row lookup in a function that returns -1/0/1: fills out
 * with fill(st, out) and returns 1, returns 0 when there is no row, or
 * returns -1 with err set (s and err are the function's store and error). */
#define STORE_LOOKUP(s, err, st, out, fill, what)                                      \
	do {                                                                           \
		int rc_ = sqlite3_step(st);                                            \
		if (rc_ == SQLITE_ROW) {                                               \
			fill(st, out);                                                 \
			sqlite3_reset(st);                                             \
			return 1;                                                      \
		}                                                                      \
		sqlite3_reset(st);                                                     \
		if (rc_ == SQLITE_DONE)                                                \
			return 0;                                                      \
		return store_sqlerr(s, err, what);                                     \
	} while (0)

/* Steps a list query in a function that returns 0/-1: appends each row to
 * list with fill(st, add(list)), then returns 0, or -1 with err set. */
#define STORE_LIST(s, err, st, list, add, fill, what)                                  \
	do {                                                                           \
		int rc_;                                                               \
		while ((rc_ = sqlite3_step(st)) == SQLITE_ROW)                         \
			fill(st, add(list));                                           \
		sqlite3_reset(st);                                                     \
		if (rc_ != SQLITE_DONE)                                                \
			return store_sqlerr(s, err, what);                             \
		return 0;                                                              \
	} while (0)

#endif
