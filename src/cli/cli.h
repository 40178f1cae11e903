/* cli.h - the command line: global options, the command table, and what
 * every command shares (the loaded config, the lazily opened store).
 *
 * Each command lives in its own file (cmd_init.c, cmd_case.c, ...) and is a
 * thin layer over the domain operations that the console uses too. */
#ifndef CSM_CLI_CLI_H
#define CSM_CLI_CLI_H

#include <stdbool.h>

#include "config/config.h"
#include "domain/identity.h"
#include "store/store.h"

struct cli {
	struct csm_config cfg;   /* loaded config, with --model applied */
	char *db_path;           /* resolved database path (owned) */
	bool demo;               /* --demo: the per-model demo database */
	bool model_given;        /* --model was on the command line */
	char *as_login;          /* --as LOGIN (owned), or NULL */
	bool no_user;            /* the command runs without a user (init, check, whoami...) */
	struct store *store;     /* opened by cli_store(), closed at exit */
	struct identity who;     /* the acting user, filled by cli_store() */
};

/* A command: argv[0] is the command name; returns an exit status. */
struct cli_command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *usage;    /* "case new --account ACCT... --short TEXT" */
	const char *summary;  /* one line for --help */
	const char *help;     /* full usage for "csm CMD --help", or NULL */
};

/* Full usage of the commands with subcommands. */
extern const char cmd_case_help[];
extern const char cmd_party_help[];
extern const char cmd_user_help[];
extern const char cmd_seed_help[];

extern const struct cli_command cli_commands[];

/* Entry point from main(): parses global options, runs the command or the
 * console.  Returns the process exit status. */
int cli_main(int argc, char **argv);

/* Opens the database for a command (once), with the record-number prefixes
 * set and the acting user resolved into cli->who (--as checked, the store's
 * actor set).  Unless cli->no_user, a login without an active user is
 * refused with CSM_EX_NOPERM.  On error prints "csm: ..." and returns NULL;
 * *status gets the exit code to return. */
struct store *cli_store(struct cli *cli, unsigned flags, int *status);

/* Without --model or a config file that names one, sets cli->cfg.model to
 * the model the database was created for, if it exists (model.c). */
void cli_use_database_model(struct cli *cli);

/* Prints "csm: <msg>" to stderr and returns err->code (or fallback). */
int cli_fail(const struct csm_error *err, int fallback);

/* Prints a usage error for a command and returns CSM_EX_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The OS login of the process's real user id (static storage). */
const char *cli_os_login(void);
/* The real user's full name from the password database (the GECOS field up
 * to the first comma), or "" (static storage). */
const char *cli_os_name(void);

/* The commands (one file each). */
int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_seed(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_find(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_restore(struct cli *cli, int argc, char **argv);
int cmd_party(struct cli *cli, int argc, char **argv);
int cmd_case(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_whoami(struct cli *cli, int argc, char **argv);

#endif
