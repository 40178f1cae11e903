/* restore.h - `csm restore FILE`: put a backup back into the database.
 *
 * The file is checked first, on a connection of its own that only reads
 * it: it must be a SQLite database that passes integrity_check and
 * foreign_key_check and carries the csm schema at a version this csm knows
 * (older versions are upgraded when the database is next opened).  Then the
 * SQLite backup API copies it into the open database in one transaction, so
 * other processes see the old database or the restored one, never a mix,
 * and a crash in the middle leaves the old one. */
#ifndef CSM_STORE_RESTORE_H
#define CSM_STORE_RESTORE_H

#include "store/store.h"

/* Checks that path is a good csm backup.  *version gets its schema version.
 * Returns 0, or -1 with err: CSM_EX_NOINPUT (missing), CSM_EX_DATAERR (not
 * a csm database, damaged), CSM_EX_CONFIG (made by a newer csm). */
int store_restore_check(const char *path, int *version, struct csm_error *err);

/* Checks path (as store_restore_check()) and replaces the whole contents of
 * s with it.  s must be outside a transaction; restoring a database onto
 * itself is refused.  Waits a bounded time for other writers.  Returns 0,
 * or -1 with err set and s unchanged. */
int store_restore(struct store *s, const char *path, struct csm_error *err);

#endif
