/* cli.c - global options, config and database resolution, dispatch. */
#include "cli/cli.h"

#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/demo.h"
#include "util/xalloc.h"

const struct cli_command cli_commands[] = {
	{"init", cmd_init, "init [--model b2b|b2c|b2b2c] [--industry NAME]",
	 "create the database (refuses to overwrite one)", NULL},
	{"seed", cmd_seed, "seed [--scale N] [--seed N]",
	 "fill a new database with demo data for its model and industry", cmd_seed_help},
	{"import", cmd_import, "import KIND FILE.csv [--dry-run]",
	 "import CSV (upsert by record number or key; all or nothing)", NULL},
	{"export", cmd_export, "export KIND [--format csv|json] [--output FILE]",
	 "export every record of a kind", NULL},
	{"case", cmd_case, "case new|list|show|transition|comment|assign|update|task|approve ...",
	 "open, work and close cases ('csm case' alone lists the subcommands)", cmd_case_help},
	{"party", cmd_party, "party list|add|remove|set|types HOST ...",
	 "related parties of a case, sold product or install base item", cmd_party_help},
	{"find", cmd_find, "find TEXT [--kind K] [--limit N] [--json]",
	 "look up customers, cases, items and products by name, number, email, phone", NULL},
	{"report", cmd_report, "report install-base [--under LOCATION] [--json]",
	 "location tree with install base counts (items, in use, in repair, open cases)", NULL},
	{"check", cmd_check, "check [--repair]",
	 "integrity, foreign keys, search index and domain invariants (--repair rebuilds the index)",
	 NULL},
	{"backup", cmd_backup, "backup FILE", "consistent copy of the database, even while others write", NULL},
	{"restore", cmd_restore, "restore FILE [--dry-run]",
	 "put a checked backup back (the replaced database is kept beside it)", NULL},
	{"user", cmd_user, "user add|list|grant|revoke|activate|deactivate ...",
	 "the users of csm and their roles (changes: admins only)", cmd_user_help},
	{"whoami", cmd_whoami, "whoami [--json]",
	 "who you are in this database: login, name, roles, acting as, demo", NULL},
	{NULL, NULL, NULL, NULL, NULL},
};

static void print_help(FILE *f)
{
	fprintf(f,
		"usage: csm [OPTIONS] [COMMAND [ARGS]]\n"
		"\n"
		"csm is a customer service management console for the terminal.  Without a\n"
		"command it opens the console; with one it runs it and exits.\n"
		"\n"
		"Options:\n"
		"  -c, --config FILE   read the configuration from FILE (see csm.yaml(5))\n"
		"  -d, --db FILE       use the database FILE\n"
		"      --demo          use the demo database (created and seeded on first use)\n"
		"      --model M       business model for --demo and init: b2b, b2c or b2b2c\n"
		"      --as LOGIN      act as another user (demo database or admins only)\n"
		"      --check-config FILE  check a configuration file and exit\n"
		"  -h, --help          show this help\n"
		"  -V, --version       show the version\n"
		"\n"
		"Commands:\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(f, "  %-40s %s\n", c->usage, c->summary);
	fprintf(f, "\nRun 'csm COMMAND --help' for a command's options; see csm(1).\n");
}

int cli_fail(const struct csm_error *err, int fallback)
{
	fprintf(stderr, "csm: %s\n", err->msg[0] ? err->msg : "failed");
	return err->code ? err->code : fallback;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "csm: %s%s", cmd ? cmd : "", cmd ? ": " : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	for (const struct cli_command *c = cli_commands; cmd && c->name; c++)
		if (strcmp(c->name, cmd) == 0)
			fprintf(stderr, "usage: csm %s\n", c->usage);
	if (!cmd)
		fprintf(stderr, "Run 'csm --help' for usage.\n");
	return CSM_EX_USAGE;
}

/* Commands that run without a user: they create, check, copy or put back
 * the database file, or say who you are; none shows customer data. */
static const char *const no_user_commands[] = {"init", "check", "backup", "restore", "whoami",
					       NULL};

const char *cli_os_name(void)
{
	static char name[256];
	static bool done;
	struct passwd *pw;

	if (done)
		return name;
	done = true;
	pw = getpwuid(getuid());
	if (pw && pw->pw_gecos)
		snprintf(name, sizeof name, "%.*s", (int)strcspn(pw->pw_gecos, ","), pw->pw_gecos);
	return name;
}

const char *cli_os_login(void)
{
	static char login[64];
	struct passwd *pw;

	if (login[0])
		return login;
	pw = getpwuid(getuid());
	snprintf(login, sizeof login, "%s", pw && pw->pw_name ? pw->pw_name : "unknown");
	return login;
}

static void apply_prefixes(struct store *s, const struct csm_config *cfg)
{
	const struct {
		enum record_kind kind;
		const char *prefix;
	} p[] = {
		{REC_CASE, cfg->prefixes.cases},
		{REC_ACCOUNT, cfg->prefixes.account},
		{REC_CONTACT, cfg->prefixes.contact},
		{REC_CONSUMER, cfg->prefixes.consumer},
		{REC_HOUSEHOLD, cfg->prefixes.household},
		{REC_SOLD_PRODUCT, cfg->prefixes.sold_product},
		{REC_INSTALL_BASE, cfg->prefixes.install_base},
		{REC_CONTRACT, cfg->prefixes.contract},
		{REC_SERVICE_ORG, cfg->prefixes.service_org},
		{REC_TASK, cfg->prefixes.task},
	};
	for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
		if (p[i].prefix && *p[i].prefix)
			store_set_prefix(s, p[i].kind, p[i].prefix);
}

/* Said before an upgrade of the schema, which may take minutes. */
static void upgrade_notice(const char *path, int from, int to)
{
	fprintf(stderr, "csm: %s: upgrading the database from schema %d to %d; on a large "
		"database this takes minutes\n", path, from, to);
}

struct store *cli_store(struct cli *cli, unsigned flags, int *status)
{
	struct csm_error err = {0};

	if (cli->store)
		return cli->store;
	store_set_upgrade_notice(upgrade_notice);
	if (cli->demo && demo_prepare(cli, &err) < 0) {
		*status = cli_fail(&err, CSM_EX_IOERR);
		return NULL;
	}
	cli->store = store_open(cli->db_path, flags, &err);
	if (!cli->store) {
		*status = cli_fail(&err, CSM_EX_IOERR);
		return NULL;
	}
	apply_prefixes(cli->store, &cli->cfg);
	identity_fini(&cli->who);
	if ((cli->demo && !(flags & STORE_READONLY) && demo_adopt(cli, &err) < 0) ||
	    identity_open(cli->store, cli_os_login(), cli->as_login, &cli->who, &err) < 0 ||
	    (!cli->no_user && identity_require_user(&cli->who, cli->db_path, &err) < 0)) {
		*status = cli_fail(&err, CSM_EX_NOPERM);
		store_free(&cli->store);
		return NULL;
	}
	return cli->store;
}

static int run_command(struct cli *cli, int argc, char **argv)
{
	for (const struct cli_command *c = cli_commands; c->name; c++) {
		if (strcmp(c->name, argv[0]) != 0)
			continue;
		for (int i = 1; i < argc; i++)
			if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
				if (c->help)
					fputs(c->help, stdout);
				else
					printf("usage: csm %s\n%s\n", c->usage, c->summary);
				return 0;
			}
		for (size_t i = 0; no_user_commands[i]; i++)
			cli->no_user |= strcmp(no_user_commands[i], c->name) == 0;
		return c->run(cli, argc, argv);
	}
	return cli_usage(NULL, "unknown command '%s'", argv[0]);
}

int cli_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'},
		{"db", required_argument, NULL, 'd'},
		{"demo", no_argument, NULL, 'D'},
		{"model", required_argument, NULL, 'm'},
		{"as", required_argument, NULL, 'a'},
		{"check-config", required_argument, NULL, 'C'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct cli cli = {0};
	struct csm_error err = {0};
	const char *config_path = NULL, *db = NULL, *model = NULL, *check = NULL;
	int c, status;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+c:d:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'c': config_path = optarg; break;
		case 'd': db = optarg; break;
		case 'D': cli.demo = true; break;
		case 'm': model = optarg; break;
		case 'a': cli.as_login = xstrdup(optarg); break;
		case 'C': check = optarg; break;
		case 'h': print_help(stdout); return 0;
		case 'V': printf("csm %s\n", CSM_VERSION); return 0;
		default:
			if (optopt)
				return cli_usage(NULL, "option -%c: unknown or missing its value", optopt);
			return cli_usage(NULL, "unknown option '%s'", argv[optind - 1]);
		}
	}

	config_init(&cli.cfg);
	if (check) {
		if (config_load_file(&cli.cfg, check, &err) < 0) {
			fprintf(stderr, "%s\n", err.msg);
			config_fini(&cli.cfg);
			return 2;
		}
		printf("%s: ok\n", check);
		config_fini(&cli.cfg);
		return 0;
	}
	if (config_load(&cli.cfg, config_path, &err) < 0) {
		fprintf(stderr, "csm: %s\n", err.msg);
		config_fini(&cli.cfg);
		free(cli.as_login);
		return CSM_EX_CONFIG;
	}
	if (model) {
		if (config_model_parse(model, &cli.cfg.model) < 0) {
			config_fini(&cli.cfg);
			free(cli.as_login);
			return cli_usage(NULL, "--model: '%s' is not a business model (b2b, b2c or b2b2c)",
					 model);
		}
		cli.model_given = true;
	}
	if (db && cli.demo) {
		config_fini(&cli.cfg);
		free(cli.as_login);
		return cli_usage(NULL, "--db and --demo exclude each other");
	}
	if (db)
		cli.db_path = xstrdup(db);
	else if (cli.demo)
		cli.db_path = demo_path_new(cli.cfg.model);
	else if (cli.cfg.database)
		cli.db_path = xstrdup(cli.cfg.database);
	else
		cli.db_path = config_default_database();

	cli_use_database_model(&cli);
	if (optind >= argc)
		status = demo_console(&cli);
	else
		status = run_command(&cli, argc - optind, argv + optind);

	store_free(&cli.store);
	identity_fini(&cli.who);
	config_fini(&cli.cfg);
	free(cli.db_path);
	free(cli.as_login);
	return status;
}
