/* csm restore FILE [--dry-run]: put a backup back into the database, after
 * checking it, keeping the database it replaces beside it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "store/restore.h"
#include "util/clock.h"
#include "util/xalloc.h"

static void print_problem(void *ctx, const char *what)
{
	(void)ctx;
	fprintf(stderr, "csm: restore: %s\n", what);
}

/* "DB.before-restore-20261122T100000Z" (with -N added when taken): where
 * the replaced database is kept.  Owned. */
static char *keep_path(const char *db)
{
	char ts[32], stamp[32];
	struct stat st;
	size_t n = 0;
	char *p;

	clock_timestamp(ts, sizeof ts);
	for (const char *c = ts; *c && n < sizeof stamp - 1; c++)
		if (*c != '-' && *c != ':')
			stamp[n++] = *c;
	stamp[n] = '\0';
	p = xasprintf("%s.before-restore-%s", db, stamp);
	for (int i = 2; stat(p, &st) == 0; i++) {
		free(p);
		p = xasprintf("%s.before-restore-%s-%d", db, stamp, i);
	}
	return p;
}

/* Removes a database file made by this command and its -wal and -shm. */
static void remove_database(const char *db)
{
	char *side;

	remove(db);
	side = xasprintf("%s-wal", db);
	remove(side);
	free(side);
	side = xasprintf("%s-shm", db);
	remove(side);
	free(side);
}

int cmd_restore(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"dry-run", no_argument, NULL, 'n'},
		{NULL, 0, NULL, 0},
	};
	struct csm_error err = {0};
	struct store *s;
	struct stat st;
	const char *file;
	char *kept = NULL;
	bool dry = false, existed;
	int c, version, problems, status = 0;

	optind = 0; /* glibc: a full reset, so options may follow arguments */
	while ((c = getopt_long(argc, argv, "n", opts, NULL)) != -1) {
		if (c == 'n')
			dry = true;
		else
			return cli_usage("restore", "unknown option '%s'", argv[optind - 1]);
	}
	if (argc - optind != 1)
		return cli_usage("restore", "expected one argument, the backup file");
	file = argv[optind];

	if (store_restore_check(file, &version, &err) < 0)
		return cli_fail(&err, CSM_EX_DATAERR);
	if (dry) {
		printf("%s: a good csm backup (schema version %d)\n", file, version);
		return 0;
	}
	existed = stat(cli->db_path, &st) == 0;
	if (!(s = cli_store(cli, existed ? 0 : STORE_CREATE, &status)))
		return status;
	if (existed) {
		kept = keep_path(cli->db_path);
		if (store_backup(s, kept, &err) < 0) {
			free(kept);
			csm_error_prefix(&err, "keeping the current database before restoring: ");
			return cli_fail(&err, CSM_EX_IOERR);
		}
	}
	if (store_restore(s, file, &err) < 0) {
		if (kept)
			remove(kept);
		free(kept);
		if (!existed) { /* leave nothing behind that was not there */
			store_free(&cli->store);
			remove_database(cli->db_path);
		}
		return cli_fail(&err, CSM_EX_IOERR);
	}
	/* open it again: an older schema is upgraded, and the result checked */
	store_free(&cli->store);
	if (!(s = cli_store(cli, 0, &status))) {
		free(kept);
		return status;
	}
	problems = store_check(s, print_problem, NULL, &err);
	printf("restored %s into %s (schema version %d)\n", file, cli->db_path, version);
	if (kept)
		printf("the database it replaced is kept as %s\n", kept);
	free(kept);
	if (problems < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	if (problems > 0) {
		fprintf(stderr, "csm: restore: %d problem%s found after restoring; see above\n",
			problems, problems == 1 ? "" : "s");
		return CSM_EX_DATAERR;
	}
	return 0;
}
