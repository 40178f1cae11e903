/* csm check: integrity, foreign keys and the domain invariants. */
#include <stdio.h>

#include "cli/cli.h"

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

	(void)argv;
	if (argc > 1)
		return cli_usage("check", "unexpected argument '%s'", argv[1]);
	s = cli_store(cli, 0, &status);
	if (!s)
		return status;
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
