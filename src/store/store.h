/* store.h - the csm database.
 *
 * The store is the only module that speaks SQL.  One struct store owns one
 * SQLite connection (WAL, foreign keys on, busy timeout) and a cache of
 * prepared statements.  Every value is bound, never formatted into SQL.
 *
 * Conventions for the store's entity functions (customer_store.h, ...):
 *   lookups return -1 error / 0 none / 1 found and fill an owned out-object;
 *   writes return 0 or -1 and fill a struct csm_error;
 *   every write runs inside a transaction (its own, or the caller's). */
#ifndef CSM_STORE_STORE_H
#define CSM_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct store;

enum store_open_flags {
	STORE_CREATE = 1 << 0,   /* create the file; fail if it already exists */
	STORE_READONLY = 1 << 1, /* open read-only (reports, export, check) */
	STORE_NO_MIGRATE = 1 << 2, /* do not upgrade an older schema (tests) */
	STORE_READ_IF_NEEDED = 1 << 3, /* read-write, or read-only when the file or its directory
					* cannot be written (check) */
};

/* The kinds of record that carry a generated number ("CS0000042"). */
enum record_kind {
	REC_CASE,
	REC_ACCOUNT,
	REC_CONTACT,
	REC_CONSUMER,
	REC_HOUSEHOLD,
	REC_SOLD_PRODUCT,
	REC_INSTALL_BASE,
	REC_CONTRACT,
	REC_SERVICE_ORG,
	REC_TASK,
	REC_KIND_COUNT
};

/* Opens (or with STORE_CREATE creates) the database at path, applies the
 * pragmas and brings the schema up to date.  A database made by a newer csm,
 * a file that is not a database, or a missing file without STORE_CREATE is
 * refused with a message.  Returns the owned store or NULL with err set. */
struct store *store_open(const char *path, unsigned flags, struct csm_error *err);

/* Closes the connection and frees the store; sets *s to NULL. */
void store_free(struct store **s);

/* Path the store was opened with (borrowed). */
const char *store_path(const struct store *s);

/* Schema version of the open database and of this program. */
int store_schema_version(struct store *s);
int store_latest_schema_version(void);

/* Sets what store_open() calls before it upgrades a database that has a
 * schema already (from is its version, to the latest), so that the caller
 * can say why the open takes long: a migration may rebuild an index, some
 * minutes at millions of records.  NULL (the default): nothing is called.
 * Process-wide. */
void store_set_upgrade_notice(void (*notice)(const char *path, int from, int to));

/* The acting user's login, written to audit_log by the triggers.  real is
 * the operating-system login when acting as someone else (may be NULL). */
void store_set_actor(struct store *s, const char *login, const char *real);
const char *store_actor(const struct store *s);
/* The real (OS) login when acting as someone else, else NULL (borrowed). */
const char *store_real_actor(const struct store *s);

/* Turns audit logging off for bulk loads (seed); on by default. */
void store_set_audit(struct store *s, bool on);

/* Bulk-load mode (seed): audit off, and the triggers that keep derived data
 * off (csm_index_on() is false): the search index, tree paths, roots and
 * depths, and the location counts.  The loader writes path, depth and
 * root_id itself and afterwards calls store_search_rebuild() (search.h) and
 * store_location_counts_rebuild() (install_base_store.h).  Foreign keys are
 * not enforced meanwhile: call it outside a transaction.  Off by default. */
void store_set_bulk(struct store *s, bool on);
bool store_bulk(const struct store *s);

/* Record-number prefix for a kind ("CS", "ACCT", ...); copied. */
void store_set_prefix(struct store *s, enum record_kind kind, const char *prefix);
const char *store_prefix(const struct store *s, enum record_kind kind);

/* Transactions nest: the outermost is BEGIN IMMEDIATE, inner ones are
 * savepoints.  store_rollback() undoes the innermost level.  `where` is
 * recorded for the debug message when a transaction is left open. */
#define store_begin(s, err) store_begin_at((s), __FILE__ ":" CSM_STR(__LINE__), (err))
#define CSM_STR(x) CSM_STR2(x)
#define CSM_STR2(x) #x
int store_begin_at(struct store *s, const char *where, struct csm_error *err);
int store_commit(struct store *s, struct csm_error *err);
void store_rollback(struct store *s);
int store_txn_depth(const struct store *s);

/* A read snapshot (a deferred BEGIN): the statements until store_read_end()
 * see one state of the database and take its locks once, not once each (a
 * lookup runs hundreds).  Nests; inside a write transaction it does
 * nothing.  Returns 0 or -1 with err set. */
int store_read_begin(struct store *s, struct csm_error *err);
void store_read_end(struct store *s);

/* Generates the next number of a kind inside the caller's transaction.
 * Safe with several processes: the counter row is updated under the write
 * lock, and numbers already taken (by an import) are skipped. */
int store_next_number(struct store *s, enum record_kind kind, char *buf, size_t size,
		      struct csm_error *err);

/* Settings kept in the database (business_model, industry). Returns an owned
 * string or NULL when unset. */
char *store_setting_dup(struct store *s, const char *key);
int store_setting_set(struct store *s, const char *key, const char *value, struct csm_error *err);

/* Writes a consistent copy of the database to path with the backup API. */
int store_backup(struct store *s, const char *path, struct csm_error *err);

/* Copies the write-ahead log back into the database when this connection
 * has committed since the last time, without waiting for readers; for a
 * moment when nobody waits (the console between keys), so that a commit
 * does not pay for it.  Errors are left for the next try. */
void store_checkpoint_idle(struct store *s);

/* Runs integrity_check, foreign_key_check and the domain invariants; calls
 * report() once per violation.  Returns the number of violations or -1. */
int store_check(struct store *s, void (*report)(void *ctx, const char *what), void *ctx,
		struct csm_error *err);

#endif
