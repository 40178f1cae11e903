/* csm backup FILE: a consistent copy with the SQLite backup API. */
#include <stdio.h>

#include "cli/cli.h"

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	struct csm_error err = {0};
	struct store *s;
	int status = 0;

	if (argc != 2)
		return cli_usage("backup", "expected one argument, the file to write");
	s = cli_store(cli, 0, &status);
	if (!s)
		return status;
	if (store_backup(s, argv[1], &err) < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	printf("backed up %s to %s\n", cli->db_path, argv[1]);
	return 0;
}
