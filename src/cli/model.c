/* model.c - which business model a command sees. */
#include <stdlib.h>
#include <sys/stat.h>

#include "cli/cli.h"

/* csm init --model records the model in the database; a config file that
 * names business_model, or --model, overrides it.  Read before the command
 * runs, because commands check their arguments against the model. */
void cli_use_database_model(struct cli *cli)
{
	struct csm_error err = {0};
	struct store *s;
	struct stat st;
	char *m;

	if (cli->model_given || cli->cfg.model_set || !cli->db_path || stat(cli->db_path, &st) != 0)
		return;
	/* problems opening it are the command's to report */
	s = store_open(cli->db_path, STORE_READONLY | STORE_NO_MIGRATE, &err);
	if (!s)
		return;
	m = store_setting_dup(s, "business_model");
	if (m)
		config_model_parse(m, &cli->cfg.model);
	free(m);
	store_free(&s);
}
