/* store.c - opening the database, pragmas, migrations, the statement cache,
 * transactions, record numbers and the SQL functions the triggers call. */
#include "store/private.h"
#include "store/access.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/embed.h"
#include "util/xalloc.h"

#define STMT_SLOTS 512 /* open-addressing table; far more than csm prepares */
#define BUSY_TIMEOUT_MS 5000 /* SQLite's own wait for a lock, per statement */
#define LOCK_WAIT_MS 30000   /* how long a write waits for another writer in all */
#define WAL_AUTOCHECKPOINT_PAGES "10000" /* ~40 MB of log before a commit checkpoints */

struct stmt_slot {
	const char *sql;     /* key: address of the static SQL text */
	sqlite3_stmt *stmt;  /* prepared once, kept until store_free() */
};

struct store {
	sqlite3 *db;                        /* the connection */
	char *path;                         /* as given to store_open() */
	char *actor;                        /* acting user's login (audit) */
	char *real_actor;                   /* OS login when acting as someone else */
	bool audit;                         /* triggers write audit_log when true */
	bool bulk;                          /* bulk load: audit and index triggers off */
	int depth;                          /* transaction nesting level */
	int reads;                          /* store_read_begin() nesting, outside writes */
	long lock_wait_ms;                  /* see LOCK_WAIT_MS; $CSM_LOCK_WAIT_MS overrides */
	const char *opened_at;              /* where the outermost transaction began */
	char *prefix[REC_KIND_COUNT];       /* record-number prefixes */
	struct store_acl acl;               /* whom the store acts for (access.c) */
	unsigned commits_unchecked;         /* commits since the last idle checkpoint */
	struct stmt_slot slots[STMT_SLOTS]; /* statement cache */
};

/* Table and column that hold each kind's numbers, and default prefixes. */
static const struct {
	const char *kind;    /* counter name in record_counter */
	const char *prefix;  /* default prefix */
	const char *exists;  /* query: is this number taken? */
} kinds[REC_KIND_COUNT] = {
	[REC_CASE] = {"case", "CS", "SELECT 1 FROM main.cases WHERE number = ?1"},
	[REC_ACCOUNT] = {"account", "ACCT", "SELECT 1 FROM main.account WHERE number = ?1"},
	[REC_CONTACT] = {"contact", "CT", "SELECT 1 FROM main.contact WHERE number = ?1"},
	[REC_CONSUMER] = {"consumer", "CON", "SELECT 1 FROM main.consumer WHERE number = ?1"},
	[REC_HOUSEHOLD] = {"household", "HOLD", "SELECT 1 FROM main.household WHERE number = ?1"},
	[REC_SOLD_PRODUCT] = {"sold_product", "SP", "SELECT 1 FROM main.sold_product WHERE number = ?1"},
	[REC_INSTALL_BASE] = {"install_base_item", "IB",
			      "SELECT 1 FROM main.install_base_item WHERE number = ?1"},
	[REC_CONTRACT] = {"contract", "CNTR", "SELECT 1 FROM main.contract WHERE number = ?1"},
	[REC_SERVICE_ORG] = {"service_organization", "SO",
			     "SELECT 1 FROM service_organization WHERE number = ?1"},
	[REC_TASK] = {"case_task", "TASK", "SELECT 1 FROM main.case_task WHERE number = ?1"},
};

/* ---- SQL functions used by triggers and defaults ---------------------- */

static void fn_actor(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, s->actor ? s->actor : "system", -1, SQLITE_TRANSIENT);
}

static void fn_real_actor(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	(void)argc;
	(void)argv;
	if (s->real_actor)
		sqlite3_result_text(ctx, s->real_actor, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

static void fn_audit_on(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	(void)argc;
	(void)argv;
	sqlite3_result_int(ctx, s->audit);
}

/* csm_index_on(): false during bulk loads, when the loader rebuilds the
 * search index once at the end instead of row by row. */
static void fn_index_on(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	(void)argc;
	(void)argv;
	sqlite3_result_int(ctx, !s->bulk);
}

static void fn_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[32];
	(void)argc;
	(void)argv;
	clock_timestamp(buf, sizeof buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

static void fn_today(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[16];
	(void)argc;
	(void)argv;
	clock_today(buf, sizeof buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* csm_digits(text): only the digits of a phone number, for lookup. */
static void fn_digits(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *in;
	char *out;
	size_t n = 0;

	(void)argc;
	in = sqlite3_value_text(argv[0]);
	if (!in) {
		sqlite3_result_null(ctx);
		return;
	}
	out = xmalloc(strlen((const char *)in) + 1);
	for (; *in; in++)
		if (*in >= '0' && *in <= '9')
			out[n++] = (char)*in;
	out[n] = '\0';
	sqlite3_result_text(ctx, out, (int)n, free);
}

static int register_functions(struct store *s)
{
	static const struct {
		const char *name;
		int nargs;
		int deterministic;
		void (*fn)(sqlite3_context *, int, sqlite3_value **);
	} fns[] = {
		{"csm_actor", 0, 0, fn_actor},
		{"csm_real_actor", 0, 0, fn_real_actor},
		{"csm_audit_on", 0, 0, fn_audit_on},
		{"csm_index_on", 0, 0, fn_index_on},
		{"csm_now", 0, 0, fn_now},
		{"csm_today", 0, 0, fn_today},
		{"csm_digits", 1, 1, fn_digits},
		{"csm_squash", 1, 1, store_fn_squash},
		{"csm_phone_keys", 1, 1, store_fn_phone_keys},
	};
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		int flags = SQLITE_UTF8 | (fns[i].deterministic ? SQLITE_DETERMINISTIC : 0);
		if (sqlite3_create_function(s->db, fns[i].name, fns[i].nargs, flags, s, fns[i].fn,
					    NULL, NULL) != SQLITE_OK)
			return -1;
	}
	return 0;
}

/* ---- helpers ---------------------------------------------------------- */

struct store_acl *store_acl(struct store *s)
{
	return &s->acl;
}

const struct store_acl *store_acl_const(const struct store *s)
{
	return &s->acl;
}

sqlite3 *store_db(struct store *s)
{
	return s->db;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

int store_sqlerr(struct store *s, struct csm_error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(s->db);
	const char *msg = sqlite3_errmsg(s->db);

	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		return csm_error_set(err, CSM_EX_DATAERR, "%s: %s", what, msg);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return csm_error_set(err, CSM_EX_IOERR,
				     "%s: the database is busy (another csm is writing); try again", what);
	case SQLITE_READONLY:
		return csm_error_set(err, CSM_EX_IOERR, "%s: the database is read-only", what);
	case SQLITE_FULL:
		return csm_error_set(err, CSM_EX_IOERR, "%s: the disk is full", what);
	case SQLITE_IOERR: {
		int e = sqlite3_system_errno(s->db);
		return csm_error_set(err, CSM_EX_IOERR, "%s: cannot read or write %s: %s", what,
				     s->path, e ? strerror(e) : msg);
	}
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return csm_error_set(err, CSM_EX_IOERR, "%s: %s is not a csm database (%s)", what,
				     s->path, msg);
	default:
		return csm_error_set(err, CSM_EX_IOERR, "%s: %s", what, msg);
	}
}

/* True when the acting user sees only part of the data, through the
 * seen_* sets that store_access_refresh() keeps current (not while it runs). */
static bool restricted(const struct store *s)
{
	return !s->acl.system && !s->acl.all && !s->acl.refreshing;
}

sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct csm_error *err)
{
	size_t h = ((uintptr_t)sql >> 3) % STMT_SLOTS;

	/* A user who sees only part of the data reads it as of now (in a read
	 * snapshot, as of its start: store_read_begin()). */
	if (restricted(s) && s->depth == 0 && s->reads == 0 && store_access_refresh(s, err) < 0)
		return NULL;
	for (size_t probe = 0; probe < STMT_SLOTS; probe++) {
		struct stmt_slot *slot = &s->slots[(h + probe) % STMT_SLOTS];
		if (slot->sql == sql) {
			sqlite3_reset(slot->stmt);
			sqlite3_clear_bindings(slot->stmt);
			return slot->stmt;
		}
		if (!slot->sql) {
			if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &slot->stmt,
					       NULL) != SQLITE_OK) {
				store_sqlerr(s, err, "preparing a statement");
				csm_error_prefix(err, "internal error: ");
				if (err)
					err->code = CSM_EX_SOFTWARE;
				fprintf(stderr, "csm: cannot prepare: %s\n%s\n", sqlite3_errmsg(s->db), sql);
				slot->stmt = NULL;
				return NULL;
			}
			slot->sql = sql;
			return slot->stmt;
		}
	}
	csm_error_set(err, CSM_EX_SOFTWARE, "internal error: statement cache full");
	return NULL;
}

int store_bind_text(sqlite3_stmt *st, int idx, const char *v)
{
	if (!v || !*v)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT);
}

int store_bind_id(sqlite3_stmt *st, int idx, int64_t id)
{
	if (id <= 0)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_int64(st, idx, id);
}

char *store_col_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? xstrdup((const char *)t) : NULL;
}

int store_step_row(struct store *s, sqlite3_stmt *st, struct csm_error *err, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	store_sqlerr(s, err, what);
	return -1;
}

int store_exec_stmt(struct store *s, sqlite3_stmt *st, struct csm_error *err, const char *what)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_sqlerr(s, err, what);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

int store_exec_script(struct store *s, const char *sql, struct csm_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		store_sqlerr(s, err, msg ? msg : "executing SQL");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* ---- migrations ------------------------------------------------------- */

int store_latest_schema_version(void)
{
	return (int)embedded_migrations_count;
}

int store_schema_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void (*upgrade_notice)(const char *path, int from, int to);

void store_set_upgrade_notice(void (*notice)(const char *path, int from, int to))
{
	upgrade_notice = notice;
}

/* Applies every embedded migration newer than the database, each in its own
 * transaction together with the user_version bump. */
static int migrate(struct store *s, struct csm_error *err)
{
	int have = store_schema_version(s);
	int want = store_latest_schema_version();

	if (have < 0)
		return store_sqlerr(s, err, "reading the schema version");
	if (have > want)
		return csm_error_set(err, CSM_EX_CONFIG,
				     "%s: the database has schema version %d, newer than this csm "
				     "(%d); upgrade csm",
				     s->path, have, want);
	if (have > 0 && have < want && upgrade_notice)
		upgrade_notice(s->path, have, want);
	for (int v = have; v < want; v++) {
		const struct embed_file *m = &embedded_migrations[v];
		char bump[64];

		if (atoi(m->name) != v + 1)
			return csm_error_set(err, CSM_EX_SOFTWARE,
					     "internal error: migration %s is out of order", m->name);
		if (store_begin(s, err) < 0)
			return -1;
		if (store_exec_script(s, m->data, err) < 0) {
			csm_error_prefix(err, "migration %s: ", m->name);
			store_rollback(s);
			return -1;
		}
		/* PRAGMA takes no parameters; v is our own integer. */
		snprintf(bump, sizeof bump, "PRAGMA user_version = %d", v + 1);
		if (store_exec_script(s, bump, err) < 0 || store_commit(s, err) < 0) {
			store_rollback(s);
			return -1;
		}
	}
	return 0;
}

/* ---- open and close --------------------------------------------------- */

/* Refuses, before anything is written to it (journal_mode=WAL changes the
 * file), a file that is not a csm database: not SQLite at all, SQLite
 * without the csm schema (an empty file, another program's database), or
 * the schema of a newer csm. */
static int check_is_csm(struct store *s, struct csm_error *err)
{
	int have = store_schema_version(s);
	int want = store_latest_schema_version();

	if (have < 0)
		return store_sqlerr(s, err, "reading the schema version");
	if (have == 0)
		return csm_error_set(err, CSM_EX_NOINPUT,
				     "%s: not a csm database (it has no csm schema); nothing was "
				     "changed (create one with 'csm init')",
				     s->path);
	if (have > want)
		return csm_error_set(err, CSM_EX_CONFIG,
				     "%s: the database has schema version %d, newer than this csm "
				     "(%d); upgrade csm",
				     s->path, have, want);
	return 0;
}

/* Refuses to open for writing what cannot be written, with a message that
 * says so, rather than SQLite's "attempt to write a readonly database" at
 * the first write; WAL needs the -wal and -shm files beside the database. */
static int check_writable(const char *path, struct csm_error *err)
{
	char side[4096], dir[4096];
	const char *slash = strrchr(path, '/');

	if (access(path, W_OK) != 0)
		return csm_error_set(err, CSM_EX_IOERR,
				     "%s: the database is read-only (%s); nothing was changed", path,
				     strerror(errno));
	snprintf(side, sizeof side, "%s-wal", path);
	if (access(side, W_OK) == 0) {
		snprintf(side, sizeof side, "%s-shm", path);
		if (access(side, W_OK) == 0)
			return 0;
	}
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	if (access(dir, W_OK | X_OK) != 0)
		return csm_error_set(err, CSM_EX_IOERR,
				     "%s: the directory %s is read-only (%s): csm writes its log (%s-wal) "
				     "beside the database; nothing was changed",
				     path, dir, strerror(errno), path);
	return 0;
}

static int apply_pragmas(struct store *s, bool readonly, struct csm_error *err)
{
	if (store_exec_script(s, "PRAGMA foreign_keys = ON", err) < 0)
		return -1;
	if (!readonly && store_exec_script(s, "PRAGMA journal_mode = WAL", err) < 0)
		return -1;
	return store_exec_script(s,
				 "PRAGMA synchronous = NORMAL;"
				 "PRAGMA cache_size = -16000;" /* 16 MiB */
				 "PRAGMA temp_store = MEMORY;"
				 /* The log is copied back to the database while the
				  * console waits for a key (store_checkpoint_idle());
				  * a commit does it only when the log passes ~40 MB. */
				 "PRAGMA wal_autocheckpoint = " WAL_AUTOCHECKPOINT_PAGES ";",
				 err);
}

void store_checkpoint_idle(struct store *s)
{
	if (!s || !s->commits_unchecked || s->depth > 0)
		return;
	/* PASSIVE: copies what no reader still needs, never waits for one. */
	if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) ==
	    SQLITE_OK)
		s->commits_unchecked = 0;
}

/* A read-only open of a WAL database needs its -wal and -shm files, and
 * makes them when they are missing, which a read-only directory refuses (and
 * a read-only file then keeps files of the reader's beside it).  When the
 * file has no write permission for anyone, or the directory cannot be
 * written, and there is no log to read, nobody can be writing: open it as
 * immutable, with no locks and no side files.  Returns the owned
 * "file:PATH?immutable=1" URI, or NULL to open path as it is. */
static char *immutable_uri(const char *path, const struct stat *st)
{
	char side[4096], dir[4096], *uri, *o;
	const char *slash = strrchr(path, '/');
	struct stat wal;

	snprintf(side, sizeof side, "%s-wal", path);
	if (stat(side, &wal) == 0 && wal.st_size > 0)
		return NULL;
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	if ((st->st_mode & 0222) && access(dir, W_OK | X_OK) == 0)
		return NULL;
	uri = o = xmalloc(3 * strlen(path) + sizeof "file:?immutable=1");
	o += sprintf(o, "file:");
	for (const char *c = path; *c; c++)
		o += (*c == '%' || *c == '?' || *c == '#') ? sprintf(o, "%%%02X", (unsigned char)*c)
							     : sprintf(o, "%c", *c);
	strcpy(o, "?immutable=1");
	return uri;
}

struct store *store_open(const char *path, unsigned flags, struct csm_error *err)
{
	struct store *s;
	struct stat st;
	char *uri = NULL;
	int oflags, rc;

	if (!path || !*path) {
		csm_error_set(err, CSM_EX_USAGE, "no database given (use --db FILE or set database: in the config)");
		return NULL;
	}
	if (flags & STORE_CREATE) {
		if (stat(path, &st) == 0) {
			csm_error_set(err, CSM_EX_CANTCREAT, "%s: already exists; not overwriting it", path);
			return NULL;
		}
		oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	} else {
		if (stat(path, &st) != 0) {
			csm_error_set(err, CSM_EX_NOINPUT, "%s: no such database (create it with 'csm init')",
				      path);
			return NULL;
		}
		if (!S_ISREG(st.st_mode)) {
			csm_error_set(err, CSM_EX_NOINPUT, "%s: not a regular file", path);
			return NULL;
		}
		if ((flags & STORE_READ_IF_NEEDED) && check_writable(path, NULL) < 0)
			flags |= STORE_READONLY;
		if (!(flags & STORE_READONLY) && check_writable(path, err) < 0)
			return NULL;
		oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
		if ((flags & STORE_READONLY) && (uri = immutable_uri(path, &st)))
			oflags |= SQLITE_OPEN_URI;
	}

	s = xcalloc(1, sizeof *s);
	s->acl.system = true; /* until identity_open() says who acts */
	s->path = xstrdup(path);
	s->audit = true;
	s->lock_wait_ms = LOCK_WAIT_MS;
	if (getenv("CSM_LOCK_WAIT_MS")) /* tests of a held lock need not wait 30 s */
		s->lock_wait_ms = atol(getenv("CSM_LOCK_WAIT_MS"));
	for (int k = 0; k < REC_KIND_COUNT; k++)
		s->prefix[k] = xstrdup(kinds[k].prefix);

	/* No global memory statistics (csm reads none): they take a process-wide
	 * mutex on every allocation, which the seed's two threads contend for.
	 * Only possible before SQLite initializes; later calls fail harmlessly. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	rc = sqlite3_open_v2(uri ? uri : path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		if (s->db && (sqlite3_errcode(s->db) == SQLITE_CANTOPEN) && (flags & STORE_CREATE))
			csm_error_set(err, CSM_EX_CANTCREAT, "%s: cannot create: %s", path,
				      errno ? strerror(errno) : sqlite3_errmsg(s->db));
		else
			store_sqlerr(s, err, "opening the database");
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, s->lock_wait_ms < BUSY_TIMEOUT_MS ? (int)s->lock_wait_ms
								    : BUSY_TIMEOUT_MS);
	if (!(flags & (STORE_CREATE | STORE_NO_MIGRATE)) && check_is_csm(s, err) < 0)
		goto fail;
	if (register_functions(s) < 0) {
		store_sqlerr(s, err, "registering functions");
		goto fail;
	}
	if (apply_pragmas(s, flags & STORE_READONLY, err) < 0) {
		csm_error_prefix(err, "%s: ", path);
		goto fail;
	}
	if (!(flags & STORE_NO_MIGRATE)) {
		if (flags & STORE_READONLY) {
			int have = store_schema_version(s);
			if (have != store_latest_schema_version()) {
				csm_error_set(err, CSM_EX_CONFIG,
					      "%s: schema version %d, this csm needs %d; open it "
					      "read-write once to upgrade",
					      path, have, store_latest_schema_version());
				goto fail;
			}
		} else if (migrate(s, err) < 0) {
			goto fail;
		}
	}
	return s;
fail:
	store_free(&s);
	if (flags & STORE_CREATE) {
		/* Leave nothing half-made behind a failed create. */
		char side[4096];
		unlink(path);
		snprintf(side, sizeof side, "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", path);
		unlink(side);
	}
	return NULL;
}

void store_free(struct store **sp)
{
	struct store *s = sp ? *sp : NULL;

	if (!s)
		return;
	if (s->depth > 0) {
		fprintf(stderr, "csm: internal: transaction begun at %s left open; rolling back\n",
			s->opened_at ? s->opened_at : "?");
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
	for (size_t i = 0; i < STMT_SLOTS; i++)
		if (s->slots[i].stmt)
			sqlite3_finalize(s->slots[i].stmt);
	sqlite3_close(s->db);
	for (int k = 0; k < REC_KIND_COUNT; k++)
		free(s->prefix[k]);
	free(s->path);
	free(s->actor);
	free(s->real_actor);
	free(s);
	*sp = NULL;
}

void store_set_actor(struct store *s, const char *login, const char *real)
{
	free(s->actor);
	free(s->real_actor);
	s->actor = xstrdup(login);
	s->real_actor = xstrdup(real);
}

const char *store_actor(const struct store *s)
{
	return s->actor ? s->actor : "system";
}

const char *store_real_actor(const struct store *s)
{
	return s->real_actor;
}

void store_set_audit(struct store *s, bool on)
{
	s->audit = on;
}

void store_set_bulk(struct store *s, bool on)
{
	s->bulk = on;
	s->audit = !on;
	/* Outside a transaction only (SQLite ignores it inside one). */
	store_exec_script(s, on ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON", NULL);
}

bool store_bulk(const struct store *s)
{
	return s->bulk;
}

void store_set_prefix(struct store *s, enum record_kind kind, const char *prefix)
{
	free(s->prefix[kind]);
	s->prefix[kind] = xstrdup(prefix);
}

const char *store_prefix(const struct store *s, enum record_kind kind)
{
	return s->prefix[kind];
}

/* ---- transactions ----------------------------------------------------- */

static long monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* BEGIN IMMEDIATE takes the write lock.  SQLite's busy handler waits up to
 * BUSY_TIMEOUT_MS for it; another process's long import can hold it longer,
 * so try again until lock_wait_ms have passed, then say so. */
static int begin_immediate(struct store *s, struct csm_error *err)
{
	long start = monotonic_ms();
	int rc;

	while ((rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK) {
		if ((rc & 0xff) != SQLITE_BUSY)
			return store_sqlerr(s, err, "starting a write");
		if (monotonic_ms() - start >= s->lock_wait_ms)
			return csm_error_set(err, CSM_EX_IOERR,
					     "%s: the database is busy: another process has been "
					     "writing to it for over %ld s; nothing was changed, try again",
					     s->path, (s->lock_wait_ms + 999) / 1000);
	}
	return 0;
}

int store_begin_at(struct store *s, const char *where, struct csm_error *err)
{
	char sql[32];

	if (s->depth == 0) {
		if (begin_immediate(s, err) < 0)
			return -1;
		s->opened_at = where;
	} else {
		snprintf(sql, sizeof sql, "SAVEPOINT sp%d", s->depth);
		if (store_exec_script(s, sql, err) < 0)
			return -1;
	}
	s->depth++;
	return 0;
}

int store_commit(struct store *s, struct csm_error *err)
{
	char sql[32];

	if (s->depth <= 0)
		return csm_error_set(err, CSM_EX_SOFTWARE, "internal error: commit without begin");
	if (s->depth == 1) {
		if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
			/* a failed COMMIT (disk full, I/O error) may leave the
			 * transaction open: end it, nothing of it is kept */
			store_sqlerr(s, err, "saving the changes");
			if (err) {
				size_t n = strlen(err->msg);
				snprintf(err->msg + n, sizeof err->msg - n, "; nothing was changed");
			}
			if (!sqlite3_get_autocommit(s->db))
				sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			s->depth = 0;
			s->opened_at = NULL;
			return -1;
		}
		s->opened_at = NULL;
		s->acl.dirty = true; /* what the user may see may have changed */
		s->commits_unchecked++;
	} else {
		snprintf(sql, sizeof sql, "RELEASE sp%d", s->depth - 1);
		if (store_exec_script(s, sql, err) < 0)
			return -1;
	}
	s->depth--;
	return 0;
}

void store_rollback(struct store *s)
{
	char sql[64];

	if (s->depth <= 0)
		return;
	if (s->depth == 1) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		s->opened_at = NULL;
	} else {
		snprintf(sql, sizeof sql, "ROLLBACK TO sp%d; RELEASE sp%d", s->depth - 1, s->depth - 1);
		sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	}
	s->depth--;
}

int store_read_begin(struct store *s, struct csm_error *err)
{
	if (s->depth > 0 || s->reads++ > 0)
		return 0;
	if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		s->reads = 0;
		return store_sqlerr(s, err, "starting a read");
	}
	/* what a restricted user sees, once for the snapshot (not per statement) */
	if (restricted(s) && store_access_refresh(s, err) < 0) {
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
		s->reads = 0;
		return -1;
	}
	return 0;
}

void store_read_end(struct store *s)
{
	if (s->depth > 0 || s->reads == 0 || --s->reads > 0)
		return;
	sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}

int store_txn_depth(const struct store *s)
{
	return s->depth;
}

/* ---- record numbers --------------------------------------------------- */

int store_next_number(struct store *s, enum record_kind kind, char *buf, size_t size,
		      struct csm_error *err)
{
	static const char bump[] =
		"INSERT INTO record_counter(kind, next) VALUES (?1, 2) "
		"ON CONFLICT(kind) DO UPDATE SET next = next + 1 RETURNING next - 1";
	sqlite3_stmt *st;

	if (s->depth == 0)
		return csm_error_set(err, CSM_EX_SOFTWARE,
				     "internal error: record numbers need a transaction");
	for (int tries = 0; tries < 1000000; tries++) {
		sqlite3_int64 n;
		int taken;

		if (!(st = store_stmt(s, bump, err)))
			return -1;
		sqlite3_bind_text(st, 1, kinds[kind].kind, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			store_sqlerr(s, err, "generating a record number");
			sqlite3_reset(st);
			return -1;
		}
		n = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		snprintf(buf, size, "%s%07lld", s->prefix[kind], (long long)n);

		if (!(st = store_stmt(s, kinds[kind].exists, err)))
			return -1;
		sqlite3_bind_text(st, 1, buf, -1, SQLITE_STATIC);
		taken = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (!taken)
			return 0;
	}
	return csm_error_set(err, CSM_EX_SOFTWARE, "no free %s number", kinds[kind].kind);
}

/* ---- settings --------------------------------------------------------- */

char *store_setting_dup(struct store *s, const char *key)
{
	static const char sql[] = "SELECT value FROM setting WHERE key = ?1";
	sqlite3_stmt *st;
	char *v = NULL;

	/* a file without csm's schema has no settings (and no setting table) */
	if (store_schema_version(s) < 1 || !(st = store_stmt(s, sql, NULL)))
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = store_col_dup(st, 0);
	sqlite3_reset(st);
	return v;
}

int store_setting_set(struct store *s, const char *key, const char *value, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO setting(key, value) VALUES (?1, ?2) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	store_bind_text(st, 2, value);
	return store_exec_stmt(s, st, err, "saving a setting");
}

/* ---- backup ----------------------------------------------------------- */

int store_backup(struct store *s, const char *path, struct csm_error *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	struct stat st;
	long start;
	int rc;

	if (stat(path, &st) == 0)
		return csm_error_set(err, CSM_EX_CANTCREAT, "%s: already exists; not overwriting it", path);
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		csm_error_set(err, CSM_EX_CANTCREAT, "%s: cannot create: %s", path,
			      dst ? sqlite3_errmsg(dst) : "out of memory");
		sqlite3_close(dst);
		return -1;
	}
	b = sqlite3_backup_init(dst, "main", s->db, "main");
	if (!b) {
		csm_error_set(err, CSM_EX_IOERR, "%s: backup failed: %s", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		unlink(path);
		return -1;
	}
	/* Copy in one step: the source is read inside one read transaction, so
	 * the copy is consistent even while other processes write (WAL).  A
	 * lock that keeps even readers out (an exclusive locking mode) is
	 * waited for as long as a write waits for the write lock, no longer. */
	start = monotonic_ms();
	do {
		rc = sqlite3_backup_step(b, -1);
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
		    monotonic_ms() - start < s->lock_wait_ms)
			sqlite3_sleep(50);
		else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			break;
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		csm_error_set(err, CSM_EX_IOERR,
			      "%s: the database is busy: another process has kept it locked for over "
			      "%ld s; no copy was made, try again",
			      s->path, (s->lock_wait_ms + 999) / 1000);
		sqlite3_close(dst);
		unlink(path);
		return -1;
	}
	if (rc != SQLITE_DONE) {
		csm_error_set(err, CSM_EX_IOERR, "%s: backup failed: %s", path, sqlite3_errstr(rc));
		sqlite3_close(dst);
		unlink(path);
		return -1;
	}
	if (sqlite3_close(dst) != SQLITE_OK)
		return csm_error_set(err, CSM_EX_IOERR, "%s: closing the copy failed", path);
	return 0;
}
