/* csm report install-base: the location tree with the install base rolled
 * up (items, in use, in repair, open cases over each location's subtree).
 *
 *   csm report install-base [--under LOCATION] [--json]
 *
 * LOCATION is a location's id, its key as export prints it (the external id,
 * or LOC<id>) or its name (case-insensitive).  The table is
 * indented by depth and aligned by display width (UTF-8 names); --json
 * prints an array of nested objects with "children". */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/install_base.h"
#include "util/strbuf.h"
#include "util/utf8.h"

static const char report_usage[] = "usage: csm report install-base [--under LOCATION] [--json]\n";

/* Prints s and pads it with spaces to width display columns. */
static void print_padded(const char *s, int width)
{
	fputs(s, stdout);
	for (int w = utf8_width(s); w < width; w++)
		putchar(' ');
}

static void print_table(const struct location_rollup_list *l)
{
	int name_w = (int)strlen("LOCATION"), type_w = (int)strlen("TYPE"), base = l->v[0].depth;

	for (size_t i = 0; i < l->n; i++) {
		int w = 2 * (l->v[i].depth - base) + utf8_width(l->v[i].name);
		int t = utf8_width(l->v[i].type);
		if (w > name_w)
			name_w = w;
		if (t > type_w)
			type_w = t;
	}
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].depth < base)
			base = l->v[i].depth;
	print_padded("LOCATION", name_w);
	printf("  ");
	print_padded("TYPE", type_w);
	printf("  %8s  %8s  %9s  %10s\n", "ITEMS", "IN USE", "IN REPAIR", "OPEN CASES");
	for (size_t i = 0; i < l->n; i++) {
		const struct location_rollup *r = &l->v[i];
		int indent = 2 * (r->depth - base);

		printf("%*s", indent, "");
		print_padded(r->name, name_w - indent);
		printf("  ");
		print_padded(r->type, type_w);
		printf("  %8lld  %8lld  %9lld  %10lld\n", (long long)r->total.items,
		       (long long)r->total.in_use, (long long)r->total.in_repair,
		       (long long)r->total.open_cases);
	}
}

static void print_json(const struct location_rollup_list *l)
{
	struct strbuf sb;
	int base = l->n ? l->v[0].depth : 0, open = 0; /* objects left open */

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].depth < base)
			base = l->v[i].depth;
	strbuf_init(&sb);
	strbuf_addc(&sb, '[');
	for (size_t i = 0; i < l->n; i++) {
		const struct location_rollup *r = &l->v[i];
		int level = r->depth - base; /* depth-first: level <= previous + 1 */

		/* level == open: the first child of the previous row, whose
		 * "children" array is open; else close up to a sibling */
		if (i > 0 && level < open) {
			for (; open > level; open--)
				strbuf_adds(&sb, "]}");
			strbuf_addc(&sb, ',');
		}
		strbuf_adds(&sb, "{\"id\":");
		strbuf_addf(&sb, "%lld", (long long)r->id);
		strbuf_adds(&sb, ",\"name\":");
		strbuf_add_json_str(&sb, r->name);
		strbuf_adds(&sb, ",\"type\":");
		strbuf_add_json_str(&sb, r->type);
		strbuf_addf(&sb,
			    ",\"items\":%lld,\"in_use\":%lld,\"in_repair\":%lld,\"open_cases\":%lld,"
			    "\"here\":{\"items\":%lld,\"in_use\":%lld,\"in_repair\":%lld,"
			    "\"open_cases\":%lld},\"children\":[",
			    (long long)r->total.items, (long long)r->total.in_use,
			    (long long)r->total.in_repair, (long long)r->total.open_cases,
			    (long long)r->here.items, (long long)r->here.in_use,
			    (long long)r->here.in_repair, (long long)r->here.open_cases);
		open = level + 1;
	}
	for (; open > 0; open--)
		strbuf_adds(&sb, "]}");
	strbuf_addc(&sb, ']');
	puts(sb.buf);
	strbuf_fini(&sb);
}

static int report_install_base(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"under", required_argument, NULL, 'u'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	struct location_rollup_list l = {0};
	struct csm_error err = {0};
	const char *under = NULL;
	bool json = false;
	int64_t loc = 0;
	struct store *s;
	int c, status = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u': under = optarg; break;
		case 'j': json = true; break;
		default:
			fprintf(stderr, "csm: report install-base: %s '%s'\n%s",
				optopt ? "option needs a value:" : "unknown option", argv[optind - 1],
				report_usage);
			return CSM_EX_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "csm: report install-base: unexpected argument '%s'\n%s", argv[optind],
			report_usage);
		return CSM_EX_USAGE;
	}
	if (!(s = cli_store(cli, STORE_READONLY, &status)))
		return status;
	if (under) {
		int rc = store_location_find(s, under, &loc, &err);
		if (rc < 0)
			return cli_fail(&err, CSM_EX_DATAERR);
		if (rc == 0) {
			fprintf(stderr, "csm: report install-base: no location '%s'\n", under);
			return CSM_EX_NOINPUT;
		}
	}
	if (domain_location_tree(s, loc, &l, &err) < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	if (json)
		print_json(&l);
	else if (l.n == 0)
		printf("no locations\n");
	else
		print_table(&l);
	location_rollup_list_fini(&l);
	return 0;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "csm: report: which report?\n%s", report_usage);
		return CSM_EX_USAGE;
	}
	if (strcmp(argv[1], "install-base") == 0)
		return report_install_base(cli, argc - 1, argv + 1);
	fprintf(stderr, "csm: report: unknown report '%s'\n%s", argv[1], report_usage);
	return CSM_EX_USAGE;
}
