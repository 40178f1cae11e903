/* access.h - who may see and do what (domain.md, "Access"), in one place.
 *
 * Visibility.  Admins, managers, agents and viewers see everything.  For
 * every other user (contributors, stakeholders, customers, consumers, and a
 * login with no user) store_access_set() creates, on this connection only,
 * a TEMP VIEW with the name of each table that holds customer data
 * (account, contact, consumer, household, cases, case_journal,
 * install_base_item, location, location_count, ...).  SQLite resolves an
 * unqualified name in the temp schema first, and every read in the store
 * names its tables unqualified, so every read path (lookup, lists, tabs,
 * find, export, reports) sees only the rows the views keep.  Writes name
 * main.TABLE; triggers and main-schema views are bound to main by SQLite
 * and so keep seeing everything.  The rules are the acl_* views; their
 * results are kept in TEMP tables (seen_case, seen_item, ...) so that a
 * query stays small to plan, and computed again whenever the database has
 * changed (store_access_refresh()), so a new related party, a closed task
 * or a household membership that ended takes effect at once, whichever
 * process made the change.
 *
 * Rights.  What a user may do to a record is asked with store_case_rights()
 * and store_access_can(); the domain layer refuses a write the answer does
 * not allow, with the reason from access_refusal(). */
#ifndef CSM_STORE_ACCESS_H
#define CSM_STORE_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/error.h"

/* What a user may do to one case (bits). */
enum case_right {
	CASE_VIEW = 1 << 0,       /* read the case, its journal, tasks and parties */
	CASE_COMMENT = 1 << 1,    /* add a customer-visible comment */
	CASE_WORK_NOTE = 1 << 2,  /* add an internal work note (internal users only) */
	CASE_EDIT = 1 << 3,       /* change fields: descriptions, priority, category, links */
	CASE_WORK = 1 << 4,       /* agent transitions: accept, request info, propose, close, cancel */
	CASE_ASSIGN = 1 << 5,     /* change assignment group or assignee */
	CASE_APPROVE = 1 << 6,    /* approve or reject a requested approval */
	CASE_RESPOND = 1 << 7,    /* customer side: accept or reject a solution, answer a request */
	CASE_TASKS = 1 << 8,      /* add tasks, close or cancel any task of the case */
	CASE_PARTIES = 1 << 9,    /* add or remove related parties */
	CASE_REQUEST = 1 << 10,   /* request approval */
};

/* What a user may do outside one case (store_access_can()). */
enum access_right {
	ACCESS_EDIT_CUSTOMERS, /* create and change accounts, contacts, consumers, households */
	ACCESS_EDIT_PRODUCTS,  /* products, assets, sold products, install base items, contracts */
	ACCESS_EDIT_PARTIES,   /* related parties of sold products and install base items */
	ACCESS_CREATE_CASES,   /* open cases (for the customers in scope) */
	ACCESS_ORGANIZE,       /* assignment groups and service organizations */
	ACCESS_IMPORT,         /* csm import */
	ACCESS_ADMIN,          /* users, roles, seed, restore, check --repair */
	ACCESS_RIGHT_COUNT
};

/* The acting user: id 0 (no user: sees nothing) and ROLE_BIT()s of
 * model/party.h.  Creates (or drops, for a user who sees everything) the
 * TEMP views described above on s's connection.  Call once the actor is
 * known (identity_open()); safe to call again.  Returns 0 or -1. */
int store_access_set(struct store *s, int64_t user_id, unsigned roles, struct csm_error *err);

/* Recomputes the sets of records the acting user may see when the database
 * changed since they were computed (a commit on this connection, another
 * process's commit, a new day).  store_stmt() calls it outside
 * transactions, so callers need not.  Returns 0 or -1. */
int store_access_refresh(struct store *s, struct csm_error *err);

/* True when the acting user sees every record (no views in place). */
bool store_access_all(const struct store *s);

/* The acting user's id (0 = none) and role bits, as given to store_access_set(). */
int64_t store_access_user(const struct store *s);
unsigned store_access_roles(const struct store *s);

/* The CASE_* rights of the acting user on case_id: 0 when the case is not
 * visible (or does not exist).  Closed and canceled cases give CASE_VIEW at
 * most.  Returns the bits, or -1 on a database error (err set). */
int store_case_rights(struct store *s, int64_t case_id, struct csm_error *err);

/* True when the acting user holds right r. */
bool store_access_can(const struct store *s, enum access_right r);

/* Whether the acting user may open a case for this customer (any may be 0):
 * 1 yes, 0 no (with the reason in err, CSM_EX_NOPERM), -1 database error. */
int store_access_case_customer(struct store *s, int64_t account_id, int64_t contact_id,
			       int64_t consumer_id, int64_t household_id, struct csm_error *err);

/* 0 when the acting user holds r; else -1 with CSM_EX_NOPERM and a message
 * naming the role and `what` ("change customers"). */
int store_access_require(struct store *s, enum access_right r, const char *what,
			 struct csm_error *err);

/* 0 when the acting user holds every CASE_* bit of `need` on case_id; else
 * -1 with CSM_EX_NOPERM naming the role, `what` and the case number, or
 * the database error. */
int store_access_require_case(struct store *s, int64_t case_id, const char *number,
			      unsigned need, const char *what, struct csm_error *err);

/* One sentence saying why the acting user may not do what `what` names
 * ("add a work note", "assign cases"), for refusals: static or in buf. */
const char *access_refusal(const struct store *s, const char *what, char *buf, size_t size);

#endif
