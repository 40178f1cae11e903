/* csm check: integrity, foreign keys and the domain invariants. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/search.h"

static void report(void *ctx, const char *what)
{
	(void)ctx;
	printf("%s\n", what);
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
	struct csm_error err = {0};
	struct store *s;
	int status = 0, n;

	bool repair = argc == 2 && strcmp(argv[1], "--repair") == 0;

	if (argc > 1 && !repair)
		return cli_usage("check", "unexpected argument '%s'", argv[1]);
	/* only --repair writes: a plain check reads a read-only database too */
	s = cli_store(cli, repair ? 0 : STORE_READ_IF_NEEDED, &status);
	if (!s)
		return status;
	if (repair) {
		/* the one derived structure that can be rebuilt from the tables */
		if (store_begin(s, &err) < 0 || store_search_rebuild(s, &err) < 0 ||
		    store_commit(s, &err) < 0) {
			if (store_txn_depth(s) > 0)
				store_rollback(s);
			return cli_fail(&err, CSM_EX_IOERR);
		}
		printf("search index rebuilt\n");
	}
	n = store_check(s, report, NULL, &err);
	if (n < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	if (n > 0) {
		fprintf(stderr, "csm: %d problem%s found in %s\n", n, n == 1 ? "" : "s", cli->db_path);
		return CSM_EX_DATAERR;
	}
	printf("%s: ok\n", cli->db_path);
	return 0;
}
