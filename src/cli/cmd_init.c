/* csm init [--model M] [--industry NAME]: create the database, with the
 * login that ran it as its first user and admin. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "domain/domain.h"
#include "domain/identity.h"

int cmd_init(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"model", required_argument, NULL, 'm'},
		{"industry", required_argument, NULL, 'i'},
		{NULL, 0, NULL, 0},
	};
	struct csm_error err = {0};
	enum business_model model = cli->cfg.model;
	const char *industry = cli->cfg.industry;
	struct store *s;
	int c, status = 0;

	optind = 0; /* glibc: a full reset, so options may follow arguments */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (config_model_parse(optarg, &model) < 0)
				return cli_usage("init", "--model: '%s' is not b2b, b2c or b2b2c", optarg);
			break;
		case 'i': industry = optarg; break;
		default: return cli_usage("init", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("init", "unexpected argument '%s'", argv[optind]);
	if (cli->demo)
		return cli_usage("init", "the demo database is created by --demo itself");
	if (cli->as_login)
		return cli_usage("init", "--as: a new database's first admin is the login that "
				 "runs init (%s)", cli_os_login());

	s = cli_store(cli, STORE_CREATE, &status);
	if (!s)
		return status;
	if (identity_ensure_admin(s, cli_os_login(), cli_os_name(), NULL, &err) < 0 ||
	    domain_setup_database(s, model, industry, &err) < 0) {
		status = cli_fail(&err, CSM_EX_IOERR);
		store_free(&cli->store);
		remove(cli->db_path);
		return status;
	}
	printf("created %s (%s, %s); its admin is %s\n", cli->db_path, config_model_name(model),
	       industry, cli_os_login());
	return 0;
}
