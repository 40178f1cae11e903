/* csm import KIND FILE [--dry-run] and csm export KIND [--format csv|json]
 * [--output FILE]: thin over store/transfer.c. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/transfer.h"

static void print_problem(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "csm: %s\n", msg);
}

static int unknown_kind(const char *cmd, const char *kind)
{
	fprintf(stderr, "csm: %s: unknown kind '%s'; kinds:", cmd, kind);
	for (const char *const *k = transfer_kind_names; *k; k++)
		fprintf(stderr, " %s", *k);
	fprintf(stderr, "\n");
	return CSM_EX_USAGE;
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"dry-run", no_argument, NULL, 'n'},
		{NULL, 0, NULL, 0},
	};
	struct transfer_stats st;
	struct csm_error err = {0};
	struct store *s;
	bool dry = false;
	int c, status = 0;

	optind = 0; /* glibc: a full reset, so options may follow arguments */
	while ((c = getopt_long(argc, argv, "n", opts, NULL)) != -1) {
		if (c == 'n')
			dry = true;
		else
			return cli_usage("import", "unknown option '%s'", argv[optind - 1]);
	}
	if (argc - optind != 2)
		return cli_usage("import", "expected a kind and a CSV file");
	if (!transfer_kind_known(argv[optind]))
		return unknown_kind("import", argv[optind]);
	if (!(s = cli_store(cli, 0, &status)))
		return status;
	if (store_import_csv(s, argv[optind], argv[optind + 1], dry, print_problem, NULL, &st, &err) < 0)
		return cli_fail(&err, CSM_EX_DATAERR);
	printf("%s %s: %zu row%s: %zu %s, %zu %s, %zu unchanged\n", dry ? "checked" : "imported",
	       argv[optind + 1], st.rows, st.rows == 1 ? "" : "s", st.inserted,
	       dry ? "would be inserted" : "inserted", st.updated, dry ? "would be updated" : "updated",
	       st.unchanged);
	return 0;
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	enum export_format fmt = EXPORT_CSV;
	struct csm_error err = {0};
	const char *output = NULL;
	struct store *s;
	FILE *out = stdout;
	int c, status = 0;

	optind = 0; /* glibc: a full reset, so options may follow arguments */
	while ((c = getopt_long(argc, argv, "f:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				fmt = EXPORT_CSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = EXPORT_JSON;
			else
				return cli_usage("export", "--format: '%s' is not csv or json", optarg);
			break;
		case 'o': output = optarg; break;
		default: return cli_usage("export", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage("export", "expected one kind");
	if (!transfer_kind_known(argv[optind]))
		return unknown_kind("export", argv[optind]);
	if (!(s = cli_store(cli, STORE_READONLY, &status)))
		return status;
	if (output && !(out = fopen(output, "wx"))) {
		if (errno == EEXIST)
			fprintf(stderr, "csm: export: %s: already exists; not overwriting it\n", output);
		else
			fprintf(stderr, "csm: export: %s: cannot create: %s\n", output, strerror(errno));
		return CSM_EX_CANTCREAT;
	}
	if (store_export(s, argv[optind], fmt, out, &err) < 0)
		status = cli_fail(&err, CSM_EX_IOERR);
	if (out != stdout && fclose(out) != 0 && !status)
		status = CSM_EX_IOERR;
	return status;
}
