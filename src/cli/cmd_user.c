/* csm user add|list|grant|revoke|activate|deactivate and csm whoami: the
 * users of csm (logins matched to the operating system's) and their roles.
 *
 *   csm user add LOGIN --name NAME [--email E] [--phone P] [--title T] [--external] [--role R]...
 *   csm user list [--json]
 *   csm user grant LOGIN ROLE
 *   csm user revoke LOGIN ROLE
 *   csm user activate LOGIN
 *   csm user deactivate LOGIN
 *   csm whoami [--json]
 *
 * Any user may list; only an admin may change users (CSM_EX_NOPERM, 77,
 * with the reason otherwise).  The last active admin cannot revoke its admin
 * role or be deactivated.  whoami works without a user: it says why. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/identity.h"
#include "domain/party.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

const char cmd_user_help[] =
	"usage: csm user add LOGIN --name NAME [--email E] [--phone P] [--title T] [--external]\n"
	"                    [--role ROLE]...\n"
	"       csm user list [--json]\n"
	"       csm user grant LOGIN ROLE\n"
	"       csm user revoke LOGIN ROLE\n"
	"       csm user activate LOGIN\n"
	"       csm user deactivate LOGIN\n"
	"LOGIN is an operating system login.  ROLE is one of admin, manager, agent,\n"
	"viewer (internal users), customer, consumer (external users), contributor,\n"
	"stakeholder (either).  No user holds internal and external roles at once.\n"
	"Only an admin may add, grant, revoke, activate or deactivate.\n";

/* Prints a usage error for "user SUB" with the whole synopsis. */
static int usage(const char *sub, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int usage(const char *sub, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "csm: user%s%s: ", sub ? " " : "", sub ? sub : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", cmd_user_help);
	return CSM_EX_USAGE;
}

static int bad_option(const char *sub, char **argv)
{
	if (optopt)
		return usage(sub, "option '%s' needs a value", argv[optind - 1]);
	return usage(sub, "unknown option '%s'", argv[optind - 1]);
}

/* Parses a role name or says which ones there are. */
static int parse_role(const char *sub, const char *t, enum role *r)
{
	if (role_parse(t, r) == 0)
		return 0;
	return usage(sub, "'%s' is not a role (admin, manager, agent, contributor, stakeholder, "
		     "customer, consumer, viewer)", t);
}

/* Opens the store and checks that the acting user is an admin (what says
 * what is refused).  Returns the store or NULL with *status set. */
static struct store *admin_store(struct cli *cli, const char *what, int *status)
{
	struct csm_error err = {0};
	struct store *s = cli_store(cli, 0, status);

	if (s && identity_require_admin(&cli->who, what, &err) < 0) {
		*status = cli_fail(&err, CSM_EX_NOPERM);
		return NULL;
	}
	return s;
}

static const char *or_dash(const char *t)
{
	return t && *t ? t : "-";
}

/* ---- add ------------------------------------------------------------- */

static int user_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, 'n'},
		{"email", required_argument, NULL, 'e'},
		{"phone", required_argument, NULL, 'p'},
		{"title", required_argument, NULL, 't'},
		{"external", no_argument, NULL, 'x'},
		{"role", required_argument, NULL, 'r'},
		{NULL, 0, NULL, 0},
	};
	struct csm_error err = {0};
	struct user u = {0};
	unsigned roles = 0;
	char text[128];
	struct store *s;
	int c, status = 0;
	enum role r;

	u.active = true;
	optind = 0; /* glibc: a full reset, so options may follow arguments */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'n': u.name = optarg; break;
		case 'e': u.email = optarg; break;
		case 'p': u.phone = optarg; break;
		case 't': u.title = optarg; break;
		case 'x': u.is_external = true; break;
		case 'r':
			if (parse_role("add", optarg, &r) != 0)
				return CSM_EX_USAGE;
			roles |= ROLE_BIT(r);
			break;
		default: return bad_option("add", argv);
		}
	}
	if (optind + 1 != argc)
		return usage("add", "expected one login");
	if (!u.name)
		return usage("add", "--name is required");
	u.login = argv[optind];
	if (!(s = admin_store(cli, "add users", &status)))
		return status;
	/* The user and its roles are one change: a refused role adds nobody. */
	if (store_begin(s, &err) < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	if (party_user_create(s, &u, &err) < 0)
		goto fail;
	for (int i = 0; i < ROLE_COUNT; i++)
		if ((roles & ROLE_BIT(i)) && party_user_grant(s, u.login, (enum role)i, &err) < 0)
			goto fail;
	if (store_commit(s, &err) < 0)
		goto fail;
	printf("added %s (%s, %s%s%s)\n", u.login, u.name, u.is_external ? "external" : "internal",
	       roles ? ": " : ", no roles", identity_roles_text(roles, ", ", text, sizeof text));
	return 0;
fail:
	store_rollback(s);
	return cli_fail(&err, CSM_EX_DATAERR);
}

/* ---- list ------------------------------------------------------------ */

static int user_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	struct csm_error err = {0};
	struct page_req req = {.limit = 200};
	struct user_list page = {0};
	struct strbuf sb;
	char *after = NULL;
	bool json = false, first = true;
	struct store *s;
	int c, status = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'j')
			return bad_option("list", argv);
		json = true;
	}
	if (optind < argc)
		return usage("list", "unexpected argument '%s'", argv[optind]);
	if (!(s = cli_store(cli, 0, &status)))
		return status;
	strbuf_init(&sb);
	if (json)
		strbuf_adds(&sb, "[");
	else
		strbuf_addf(&sb, "%-20s %-28s %-9s %-9s %-30s %s\n", "LOGIN", "NAME", "SIDE", "STATE",
			    "ROLES", "EMAIL");
	for (;;) {
		req.after_key = after;
		if (party_user_list(s, &req, true, &page, &err) < 0)
			goto fail;
		for (size_t i = 0; i < page.n; i++) {
			const struct user *u = &page.items[i];
			unsigned roles;
			char text[128];

			if (party_user_roles(s, u->login, &roles, &err) < 0)
				goto fail;
			identity_roles_text(roles, json ? "\", \"" : ", ", text, sizeof text);
			if (!json) {
				strbuf_addf(&sb, "%-20s %-28s %-9s %-9s %-30s %s\n", u->login, u->name,
					    u->is_external ? "external" : "internal",
					    u->active ? "active" : "inactive", or_dash(text),
					    or_dash(u->email));
				continue;
			}
			strbuf_addf(&sb, "%s\n  {\"login\": ", first ? "" : ",");
			strbuf_add_json_str(&sb, u->login);
			strbuf_adds(&sb, ", \"name\": ");
			strbuf_add_json_str(&sb, u->name);
			strbuf_adds(&sb, ", \"email\": ");
			strbuf_add_json_str(&sb, u->email);
			strbuf_addf(&sb, ", \"external\": %s, \"active\": %s, \"roles\": [%s%s%s]}",
				    u->is_external ? "true" : "false", u->active ? "true" : "false",
				    *text ? "\"" : "", text, *text ? "\"" : "");
			first = false;
		}
		if (page.n < req.limit)
			break;
		free(after);
		after = xstrdup(page.items[page.n - 1].login);
		req.after_id = page.items[page.n - 1].id;
		user_list_fini(&page);
	}
	if (json)
		strbuf_adds(&sb, first ? "]\n" : "\n]\n");
	fputs(sb.buf, stdout);
	strbuf_fini(&sb);
	user_list_fini(&page);
	free(after);
	return 0;
fail:
	strbuf_fini(&sb);
	user_list_fini(&page);
	free(after);
	return cli_fail(&err, CSM_EX_IOERR);
}

/* ---- grant, revoke, activate, deactivate ----------------------------- */

static int user_grant_revoke(struct cli *cli, int argc, char **argv)
{
	bool grant = strcmp(argv[0], "grant") == 0;
	struct csm_error err = {0};
	struct store *s;
	int status = 0;
	enum role r;

	if (argc != 3)
		return usage(argv[0], "expected a login and a role");
	if (parse_role(argv[0], argv[2], &r) != 0)
		return CSM_EX_USAGE;
	if (!(s = admin_store(cli, grant ? "grant roles" : "revoke roles", &status)))
		return status;
	if (!grant && r == ROLE_ADMIN && identity_keep_an_admin(s, argv[1], &err) < 0)
		return cli_fail(&err, CSM_EX_NOPERM);
	if ((grant ? party_user_grant(s, argv[1], r, &err) : party_user_revoke(s, argv[1], r, &err)) < 0)
		return cli_fail(&err, CSM_EX_DATAERR);
	printf("%s %s %s %s\n", grant ? "granted" : "revoked", role_name(r), grant ? "to" : "from",
	       argv[1]);
	return 0;
}

static int user_activate(struct cli *cli, int argc, char **argv)
{
	bool on = strcmp(argv[0], "activate") == 0;
	struct csm_error err = {0};
	struct user u = {0};
	struct store *s;
	int status = 0, rc;

	if (argc != 2)
		return usage(argv[0], "expected one login");
	if (!(s = admin_store(cli, on ? "activate users" : "deactivate users", &status)))
		return status;
	if (on) {
		rc = party_user_get(s, argv[1], &u, &err);
		if (rc == 0)
			csm_error_set(&err, CSM_EX_NOINPUT, "no user with login '%s'", argv[1]);
		if (rc == 1) {
			u.active = true;
			rc = party_user_update(s, &u, &err) < 0 ? -1 : 1;
		}
		user_fini(&u);
		if (rc != 1)
			return cli_fail(&err, CSM_EX_IOERR);
	} else {
		if (identity_keep_an_admin(s, argv[1], &err) < 0)
			return cli_fail(&err, CSM_EX_NOPERM);
		if (party_user_deactivate(s, argv[1], &err) < 0)
			return cli_fail(&err, CSM_EX_DATAERR);
	}
	printf("%s %s\n", on ? "activated" : "deactivated", argv[1]);
	return 0;
}

int cmd_user(struct cli *cli, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct cli *cli, int argc, char **argv);
	} subs[] = {
		{"add", user_add},
		{"list", user_list},
		{"grant", user_grant_revoke},
		{"revoke", user_grant_revoke},
		{"activate", user_activate},
		{"deactivate", user_activate},
	};
	if (argc < 2)
		return usage(NULL, "which one: add, list, grant, revoke, activate or deactivate?");
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].run(cli, argc - 1, argv + 1);
	return usage(NULL, "unknown subcommand '%s'", argv[1]);
}

/* ---- whoami ---------------------------------------------------------- */

static void whoami_json(const struct cli *cli, const struct identity *id)
{
	struct strbuf sb;
	char text[128];

	strbuf_init(&sb);
	strbuf_adds(&sb, "{\"login\": ");
	strbuf_add_json_str(&sb, id->login);
	strbuf_adds(&sb, ", \"real_login\": ");
	strbuf_add_json_str(&sb, id->real_login);
	strbuf_adds(&sb, ", \"acting_as\": ");
	strbuf_add_json_str(&sb, id->acting_as ? id->login : NULL);
	strbuf_addf(&sb, ", \"user\": %s, \"active\": %s, \"name\": ",
		    id->has_row ? "true" : "false", id->is_user ? "true" : "false");
	strbuf_add_json_str(&sb, id->has_row ? id->user.name : NULL);
	strbuf_adds(&sb, ", \"side\": ");
	strbuf_add_json_str(&sb, !id->has_row ? NULL : id->user.is_external ? "external" : "internal");
	identity_roles_text(id->roles, "\", \"", text, sizeof text);
	strbuf_addf(&sb, ", \"roles\": [%s%s%s], \"demo\": %s, \"database\": ", *text ? "\"" : "",
		    text, *text ? "\"" : "", id->demo ? "true" : "false");
	strbuf_add_json_str(&sb, cli->db_path);
	strbuf_adds(&sb, "}\n");
	fputs(sb.buf, stdout);
	strbuf_fini(&sb);
}

int cmd_whoami(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	const struct identity *id = &cli->who;
	struct csm_error err = {0};
	bool json = false;
	char text[128];
	int c, status = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'j')
			return cli_usage("whoami", "unknown option '%s'", argv[optind - 1]);
		json = true;
	}
	if (optind < argc)
		return cli_usage("whoami", "unexpected argument '%s'", argv[optind]);
	if (!cli_store(cli, 0, &status))
		return status;
	if (json) {
		whoami_json(cli, id);
		return 0;
	}
	printf("login: %s\n", id->login);
	if (id->acting_as)
		printf("acting as: %s (you are %s)\n", id->login, id->real_login);
	if (id->is_user) {
		printf("name: %s\n", id->user.name);
		printf("roles: %s\n", *identity_roles_text(id->roles, ", ", text, sizeof text)
					     ? text : "none (sees nothing until granted one)");
		printf("side: %s\n", id->user.is_external ? "external" : "internal");
	} else {
		identity_require_user(id, cli->db_path, &err);
		printf("user: none: %s\n", err.msg);
	}
	printf("database: %s%s\n", cli->db_path, id->demo ? " (the demo database)" : "");
	return 0;
}
