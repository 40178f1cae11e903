/* csm party list|add|remove|set|types: the related parties of a case, sold
 * product or install base item, and what access each entry grants.
 *
 *   csm party list HOST [--json]
 *   csm party add HOST --type NAME --party NUMBER|LOGIN [--name TEXT] [--responsibility NAME]
 *   csm party remove HOST ID | --party NUMBER|LOGIN [--type NAME]
 *   csm party set HOST ID [--responsibility NAME] [--name TEXT] [--order N]
 *   csm party types [--for case|sold_product|install_base_item] [--json]
 *
 * HOST is a record number; its prefix says which kind of record it is. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/party.h"
#include "util/strbuf.h"
#include "util/utf8.h"

const char cmd_party_help[] =
	"usage: csm party list HOST [--json]\n"
	"       csm party add HOST --type NAME --party NUMBER|LOGIN [--name TEXT] "
	"[--responsibility NAME]\n"
	"       csm party remove HOST ID | --party NUMBER|LOGIN [--type NAME]\n"
	"       csm party set HOST ID [--responsibility NAME] [--name TEXT] [--order N]\n"
	"       csm party types [--for case|sold_product|install_base_item] [--json]\n"
	"HOST is the number of a case, sold product or install base item.\n";

/* Prints a usage error for "party SUB" with the whole synopsis. */
static int usage(const char *sub, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int usage(const char *sub, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "csm: party%s%s: ", sub ? " " : "", sub ? sub : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", cmd_party_help);
	return CSM_EX_USAGE;
}

/* The message for a getopt failure at argv[optind - 1]. */
static int bad_option(const char *sub, char **argv)
{
	if (optopt)
		return usage(sub, "option '%s' needs a value", argv[optind - 1]);
	return usage(sub, "unknown option '%s'", argv[optind - 1]);
}

/* Parses a positive id; returns 0 or -1. */
static int parse_id(const char *t, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(t, &end, 10);
	if (errno || end == t || *end || v <= 0)
		return -1;
	*out = v;
	return 0;
}

static const char *or_dash(const char *t)
{
	return t && *t ? t : "-";
}

/* ---- list ------------------------------------------------------------ */

static void print_json(const struct related_party_list *l)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, "[");
	for (size_t i = 0; i < l->n; i++) {
		const struct related_party *e = &l->items[i];
		char *access = related_party_access_sentence(e);

		strbuf_addf(&sb, "%s\n  {\"id\": %lld, \"host\": ", i ? "," : "", (long long)e->id);
		strbuf_add_json_str(&sb, e->host_number);
		strbuf_adds(&sb, ", \"type\": ");
		strbuf_add_json_str(&sb, e->type_name);
		strbuf_adds(&sb, ", \"party_kind\": ");
		strbuf_add_json_str(&sb, party_kind_name(e->party_kind));
		strbuf_adds(&sb, ", \"party\": ");
		strbuf_add_json_str(&sb, e->party_number);
		strbuf_adds(&sb, ", \"party_name\": ");
		strbuf_add_json_str(&sb, e->party_name);
		strbuf_adds(&sb, ", \"responsibility\": ");
		strbuf_add_json_str(&sb, e->responsibility);
		strbuf_addf(&sb, ", \"authorized\": %s, \"relationship\": ",
			    e->responsibility && e->grants_access ? "true" : "false");
		strbuf_add_json_str(&sb, e->relationship_name);
		strbuf_addf(&sb, ", \"order\": %d, \"access\": ", e->sort_order);
		strbuf_add_json_str(&sb, access);
		strbuf_adds(&sb, "}");
		free(access);
	}
	strbuf_adds(&sb, l->n ? "\n]\n" : "]\n");
	fputs(sb.buf, stdout);
	strbuf_fini(&sb);
}

static void print_table(const char *host, const struct related_party_list *l)
{
	if (l->n == 0) {
		printf("%s has no related parties\n", host);
		return;
	}
	printf("%-5s %-26s %-34s %-30s %-18s %s\n", "ID", "TYPE", "PARTY", "RESPONSIBILITY",
	       "RELATIONSHIP", "ORDER");
	for (size_t i = 0; i < l->n; i++) {
		const struct related_party *e = &l->items[i];
		char *access = related_party_access_sentence(e);
		char party[160];

		snprintf(party, sizeof party, "%s (%s)", or_dash(e->party_name),
			 or_dash(e->party_number));
		/* names may be accented or CJK: pad by display width, not bytes */
		printf("%-5lld ", (long long)e->id);
		utf8_put_cell(stdout, or_dash(e->type_name), 26);
		putchar(' ');
		utf8_put_cell(stdout, party, 34);
		putchar(' ');
		utf8_put_cell(stdout, or_dash(e->responsibility), 30);
		putchar(' ');
		utf8_put_cell(stdout, or_dash(e->relationship_name), 18);
		printf(" %d\n", e->sort_order);
		printf("      %s\n", access);
		free(access);
	}
}

static int party_list(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	int status = 0;
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	struct related_party_list l = {0};
	struct csm_error err = {0};
	bool json = false;
	int c;

	optind = 0; /* 0: glibc starts afresh, permuting (cli_main parsed with "+") */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'j')
			return bad_option("list", argv);
		json = true;
	}
	if (optind != argc - 1)
		return usage("list", "expected one HOST (a case, sold product or install base item "
				     "number)");
	if (!(s = cli_store(cli, 0, &status)))
		return status;
	if (party_related_list(s, argv[optind], &l, &err) < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	if (json)
		print_json(&l);
	else
		print_table(argv[optind], &l);
	related_party_list_fini(&l);
	return 0;
}

/* Prints one entry of a host after a change, with its access sentence. */
static int print_entry(struct store *s, const char *verb, const char *prep, const char *host,
		       int64_t id)
{
	struct related_party_list l = {0};
	struct csm_error err = {0};

	if (party_related_list(s, host, &l, &err) < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	for (size_t i = 0; i < l.n; i++) {
		const struct related_party *e = &l.items[i];
		char *access;

		if (e->id != id)
			continue;
		access = related_party_access_sentence(e);
		printf("%s %s (%s) %s %s as %s (id %lld)\n%s\n", verb, or_dash(e->party_name),
		       or_dash(e->party_number), prep, host, e->type_name, (long long)e->id, access);
		free(access);
	}
	related_party_list_fini(&l);
	return 0;
}

/* ---- add, remove, set ------------------------------------------------ */

static int party_add(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	int status = 0;
	static const struct option opts[] = {
		{"type", required_argument, NULL, 't'},
		{"party", required_argument, NULL, 'p'},
		{"name", required_argument, NULL, 'n'},
		{"responsibility", required_argument, NULL, 'r'},
		{NULL, 0, NULL, 0},
	};
	const char *type = NULL, *party = NULL, *name = NULL, *resp = NULL;
	struct csm_error err = {0};
	int64_t id = 0;
	int c;

	optind = 0; /* 0: glibc starts afresh, permuting (cli_main parsed with "+") */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 't': type = optarg; break;
		case 'p': party = optarg; break;
		case 'n': name = optarg; break;
		case 'r': resp = optarg; break;
		default: return bad_option("add", argv);
		}
	}
	if (optind != argc - 1)
		return usage("add", "expected one HOST");
	if (!type || !party)
		return usage("add", "%s (--type and --party are required)",
			     !type && !party ? "--type NAME and --party NUMBER|LOGIN are missing"
			     : !type	     ? "--type NAME is missing"
					     : "--party NUMBER|LOGIN is missing");
	if (!(s = cli_store(cli, 0, &status)))
		return status;
	if (party_related_add(s, argv[optind], type, party, name, resp, &id, &err) < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	return print_entry(s, "added", "to", argv[optind], id);
}

static int party_remove(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	int status = 0;
	static const struct option opts[] = {
		{"party", required_argument, NULL, 'p'},
		{"type", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	const char *party = NULL, *type = NULL, *host;
	struct csm_error err = {0};
	int64_t id = 0;
	int c, rc;

	optind = 0; /* 0: glibc starts afresh, permuting (cli_main parsed with "+") */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p': party = optarg; break;
		case 't': type = optarg; break;
		default: return bad_option("remove", argv);
		}
	}
	if (optind >= argc)
		return usage("remove", "expected a HOST");
	host = argv[optind];
	if (party && optind + 1 != argc)
		return usage("remove", "give either an ID or --party, not both");
	if (!party) {
		if (optind + 2 != argc)
			return usage("remove", "expected HOST and an ID, or --party NUMBER");
		if (parse_id(argv[optind + 1], &id) < 0)
			return usage("remove", "'%s' is not a related party id", argv[optind + 1]);
		if (type)
			return usage("remove", "--type goes with --party");
	}
	if (!(s = cli_store(cli, 0, &status)))
		return status;
	rc = party ? party_related_remove_party(s, host, party, type, &err)
		   : party_related_remove(s, host, id, &err);
	if (rc < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	if (party)
		printf("removed %s from %s\n", party, host);
	else
		printf("removed related party %lld from %s\n", (long long)id, host);
	return 0;
}

static int party_set(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	int status = 0;
	static const struct option opts[] = {
		{"responsibility", required_argument, NULL, 'r'},
		{"name", required_argument, NULL, 'n'},
		{"order", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	struct related_party_change change = {0};
	struct csm_error err = {0};
	int64_t id, order;
	char *end;
	int c;

	optind = 0; /* 0: glibc starts afresh, permuting (cli_main parsed with "+") */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r': change.responsibility = optarg; break;
		case 'n': change.relationship_name = optarg; break;
		case 'o':
			errno = 0;
			order = strtoll(optarg, &end, 10);
			if (errno || end == optarg || *end || order < 0 || order > 1000000)
				return usage("set", "--order: '%s' is not a position (0 or more)", optarg);
			change.set_order = true;
			change.sort_order = (int)order;
			break;
		default: return bad_option("set", argv);
		}
	}
	if (optind + 2 != argc)
		return usage("set", "expected HOST and a related party ID");
	if (parse_id(argv[optind + 1], &id) < 0)
		return usage("set", "'%s' is not a related party id", argv[optind + 1]);
	if (!change.responsibility && !change.relationship_name && !change.set_order)
		return usage("set", "nothing to change: give --responsibility, --name or --order");
	if (!(s = cli_store(cli, 0, &status)))
		return status;
	if (party_related_set(s, argv[optind], id, &change, &err) < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	return print_entry(s, "changed", "on", argv[optind], id);
}

/* ---- types ----------------------------------------------------------- */

static int party_types_cmd(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	int status = 0;
	static const struct option opts[] = {
		{"for", required_argument, NULL, 'f'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	struct related_party_type_list l = {0};
	struct csm_error err = {0};
	enum host_kind kind;
	bool have_kind = false, json = false;
	int c;

	optind = 0; /* 0: glibc starts afresh, permuting (cli_main parsed with "+") */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (host_kind_parse(optarg, &kind) < 0)
				return usage("types",
					     "--for: '%s' is not case, sold_product or install_base_item",
					     optarg);
			have_kind = true;
			break;
		case 'j': json = true; break;
		default: return bad_option("types", argv);
		}
	}
	if (optind != argc)
		return usage("types", "unexpected argument '%s'", argv[optind]);
	if (!(s = cli_store(cli, 0, &status)))
		return status;
	if (party_types(s, have_kind ? &kind : NULL, &l, &err) < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	if (json) {
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_adds(&sb, "[");
		for (size_t i = 0; i < l.n; i++) {
			const struct related_party_type *t = &l.items[i];
			strbuf_addf(&sb, "%s\n  {\"name\": ", i ? "," : "");
			strbuf_add_json_str(&sb, t->name);
			strbuf_adds(&sb, ", \"for\": ");
			strbuf_add_json_str(&sb, host_kind_name(t->applies_to));
			strbuf_adds(&sb, ", \"party_kind\": ");
			strbuf_add_json_str(&sb, party_kind_name(t->party_kind));
			strbuf_adds(&sb, ", \"responsibility\": ");
			strbuf_add_json_str(&sb, t->responsibility);
			strbuf_addf(&sb, ", \"authorized\": %s}",
				    related_party_type_authorized(t) ? "true" : "false");
		}
		strbuf_adds(&sb, l.n ? "\n]\n" : "]\n");
		fputs(sb.buf, stdout);
		strbuf_fini(&sb);
	} else if (l.n == 0) {
		printf("no related party types%s%s (an industry template defines them)\n",
		       have_kind ? " for " : "", have_kind ? host_kind_name(kind) : "");
	} else {
		printf("%-18s %-28s %-21s %-32s %s\n", "FOR", "TYPE", "PARTY KIND", "RESPONSIBILITY",
		       "ACCESS");
		for (size_t i = 0; i < l.n; i++) {
			const struct related_party_type *t = &l.items[i];
			printf("%-18s %-28s %-21s %-32s %s\n", host_kind_name(t->applies_to), t->name,
			       party_kind_name(t->party_kind), or_dash(t->responsibility),
			       related_party_type_authorized(t) ? "authorized" : "listed");
		}
	}
	related_party_type_list_fini(&l);
	return 0;
}

int cmd_party(struct cli *cli, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct cli *cli, int argc, char **argv);
	} subs[] = {
		{"list", party_list},
		{"add", party_add},
		{"remove", party_remove},
		{"set", party_set},
		{"types", party_types_cmd},
	};
	if (argc < 2)
		return usage(NULL, "which one: list, add, remove, set or types?");
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		if (strcmp(argv[1], subs[i].name) != 0)
			continue;
		return subs[i].run(cli, argc - 1, argv + 1);
	}
	return usage(NULL, "unknown subcommand '%s'", argv[1]);
}
