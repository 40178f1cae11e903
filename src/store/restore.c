/* restore.c - see restore.h. */
#include "store/restore.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/private.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define RESTORE_WAIT_MS 30000 /* how long to wait for other writers in all */

/* Tables every csm schema version has: a SQLite file without them is some
 * other program's database. */
static const char *const csm_tables[] = {"setting", "record_counter", "account", "cases"};

/* The first row of a one-value PRAGMA or query as an int; -1 on error. */
static int query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Runs a check pragma; 0 when it reports nothing but "ok", else -1 with
 * the first problem in err. */
static int run_check(sqlite3 *db, const char *path, const char *sql, struct csm_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: not a csm backup: %s", path,
				     sqlite3_errmsg(db));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *first = (const char *)sqlite3_column_text(st, 0);
		if (sqlite3_column_count(st) > 1 || !first || strcmp(first, "ok") != 0) {
			csm_error_set(err, CSM_EX_DATAERR, "%s: the backup is damaged (%s: %s); not restored",
				      path, sql, first ? first : "problem");
			sqlite3_finalize(st);
			return -1;
		}
	} else if (rc != SQLITE_DONE) {
		csm_error_set(err, CSM_EX_DATAERR, "%s: not a csm backup: %s", path, sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* Checks the open source connection; see store_restore_check(). */
static int check_source(sqlite3 *src, const char *path, int *version, struct csm_error *err)
{
	int v = query_int(src, "PRAGMA user_version");
	int latest = store_latest_schema_version();

	if (v < 0)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: not a csm backup: %s", path,
				     sqlite3_errmsg(src));
	for (size_t i = 0; i < sizeof csm_tables / sizeof csm_tables[0]; i++) {
		sqlite3_stmt *st;
		int found;

		if (sqlite3_prepare_v2(src, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
				       -1, &st, NULL) != SQLITE_OK)
			return csm_error_set(err, CSM_EX_DATAERR, "%s: not a csm backup: %s", path,
					     sqlite3_errmsg(src));
		sqlite3_bind_text(st, 1, csm_tables[i], -1, SQLITE_STATIC);
		found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (v == 0 || !found)
			return csm_error_set(err, CSM_EX_DATAERR,
					     "%s: not a csm database (no csm schema); not restored", path);
	}
	if (v > latest)
		return csm_error_set(err, CSM_EX_CONFIG,
				     "%s: the backup has schema version %d, newer than this csm (%d); "
				     "upgrade csm to restore it",
				     path, v, latest);
	if (run_check(src, path, "PRAGMA integrity_check", err) < 0 ||
	    run_check(src, path, "PRAGMA foreign_key_check", err) < 0)
		return -1;
	*version = v;
	return 0;
}

/* Opens path read-only for checking; NULL with err set. */
static sqlite3 *open_source(const char *path, struct csm_error *err)
{
	struct stat st;
	struct strbuf sb;
	sqlite3 *src = NULL;
	bool immutable;
	char *uri;
	int rc;

	if (stat(path, &st) != 0) {
		csm_error_set(err, CSM_EX_NOINPUT, "%s: no such backup", path);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		csm_error_set(err, CSM_EX_NOINPUT, "%s: not a regular file", path);
		return NULL;
	}
	/* A backup has no -wal beside it (csm backup closes it cleanly): read
	 * it as immutable, so that no -wal or -shm is left next to it.  With a
	 * -wal (a copied live database), read it the usual way. */
	uri = xasprintf("%s-wal", path);
	immutable = stat(uri, &st) != 0;
	free(uri);
	strbuf_init(&sb);
	strbuf_adds(&sb, "file:");
	for (const char *c = path; *c; c++) {
		if (*c == '%' || *c == '?' || *c == '#')
			strbuf_addf(&sb, "%%%02X", (unsigned char)*c);
		else
			strbuf_addc(&sb, *c);
	}
	if (immutable)
		strbuf_adds(&sb, "?immutable=1");
	rc = sqlite3_open_v2(sb.buf, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	strbuf_fini(&sb);
	if (rc != SQLITE_OK) {
		csm_error_set(err, CSM_EX_DATAERR, "%s: cannot open the backup: %s", path,
			      src ? sqlite3_errmsg(src) : "out of memory");
		sqlite3_close(src);
		return NULL;
	}
	sqlite3_busy_timeout(src, 5000);
	return src;
}

int store_restore_check(const char *path, int *version, struct csm_error *err)
{
	sqlite3 *src = open_source(path, err);
	int rc;

	if (!src)
		return -1;
	rc = check_source(src, path, version, err);
	sqlite3_close(src);
	return rc;
}

int store_restore(struct store *s, const char *path, struct csm_error *err)
{
	struct stat a, b;
	sqlite3 *src;
	sqlite3_backup *bk;
	int version, rc, waited = 0;

	if (store_txn_depth(s) > 0)
		return csm_error_set(err, CSM_EX_SOFTWARE, "internal error: restore inside a transaction");
	if (stat(path, &a) == 0 && stat(store_path(s), &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino)
		return csm_error_set(err, CSM_EX_USAGE, "%s: that is the database itself; not restored",
				     path);
	if (!(src = open_source(path, err)))
		return -1;
	/* The check and the copy read the backup in one read transaction, so
	 * what is copied is what was checked even if something writes it. */
	if (sqlite3_exec(src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		csm_error_set(err, CSM_EX_DATAERR, "%s: cannot read the backup: %s", path,
			      sqlite3_errmsg(src));
		sqlite3_close(src);
		return -1;
	}
	if (check_source(src, path, &version, err) < 0) {
		sqlite3_close(src);
		return -1;
	}
	bk = sqlite3_backup_init(store_db(s), "main", src, "main");
	if (!bk) {
		store_sqlerr(s, err, "starting the restore");
		sqlite3_close(src);
		return -1;
	}
	/* One step copies everything in one write transaction of the
	 * database; while another process writes, wait (bounded). */
	while ((rc = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (waited >= RESTORE_WAIT_MS)
			break;
		sqlite3_sleep(100);
		waited += 100;
	}
	sqlite3_backup_finish(bk);
	sqlite3_close(src);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return csm_error_set(err, CSM_EX_IOERR,
				     "%s: the database is busy: another process kept writing for over "
				     "%d s; nothing was restored, try again",
				     store_path(s), RESTORE_WAIT_MS / 1000);
	if (rc == SQLITE_READONLY)
		return csm_error_set(err, CSM_EX_IOERR,
				     "%s: cannot restore into it: the database is read-only, or the "
				     "backup's page size differs; nothing was restored",
				     store_path(s));
	return csm_error_set(err, CSM_EX_IOERR, "%s: restore failed: %s; nothing was restored",
			     store_path(s), sqlite3_errstr(rc));
}
