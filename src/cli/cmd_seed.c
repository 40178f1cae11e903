/* csm seed [--scale N] [--seed N]: deterministic demo data. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cli.h"
#include "domain/seed.h"

const char cmd_seed_help[] =
	"usage: csm seed [--scale N] [--seed N] [--progress]\n"
	"Fill a new database with deterministic demo data for its model and industry.\n"
	"\n"
	"  --scale N   1 to 10000 (default 1).  Scale 1 is the demo: 30 accounts,\n"
	"              about 250 contacts, 300 consumers, 3,000 install base items,\n"
	"              500 cases.  Each step above 1 adds 100 accounts, about 1,000\n"
	"              contacts, 1,000 consumers, 2,000 items, 1,000 cases and about\n"
	"              150 locations: --scale 1000 is the large database of the\n"
	"              benchmarks (100k accounts, 1M contacts, 1M consumers, 2M\n"
	"              items, 1M cases), minus what the model leaves out (b2b has\n"
	"              no consumers, b2c no accounts).\n"
	"  --seed N    PRNG seed (default 1): the same seed and scale give the same\n"
	"              rows; dates follow the clock (fix it with CSM_NOW).\n"
	"  --progress  say on standard error what is done, and when (seconds since\n"
	"              the start): a big scale takes minutes.\n";

/* Parses a whole number in lo..hi; -1 when s is not one. */
static int parse_number(const char *s, unsigned long long lo, unsigned long long hi,
			unsigned long long *out)
{
	char *end;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	*out = strtoull(s, &end, 10);
	return *end || *out < lo || *out > hi ? -1 : 0;
}

static double elapsed(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* --progress: "csm: seed: 12.3 s: cases loaded" on standard error. */
static void print_progress(void *ctx, const char *done)
{
	fprintf(stderr, "csm: seed: %7.1f s: %s\n", elapsed(ctx), done);
}

int cmd_seed(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"scale", required_argument, NULL, 's'},
		{"seed", required_argument, NULL, 'r'},
		{"progress", no_argument, NULL, 'p'},
		{NULL, 0, NULL, 0},
	};
	struct seed_options opt = {.scale = 1, .seed = 1};
	struct csm_error err = {0};
	struct seed_report report;
	struct timespec t0;
	unsigned long long v;
	struct store *s;
	int c, status = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (parse_number(optarg, 1, SEED_MAX_SCALE, &v) < 0)
				return cli_usage("seed", "--scale: '%s' is not a whole number from 1 "
						 "to %d", optarg, SEED_MAX_SCALE);
			opt.scale = (unsigned)v;
			break;
		case 'r':
			if (parse_number(optarg, 0, UINT64_MAX, &v) < 0)
				return cli_usage("seed", "--seed: '%s' is not a whole number", optarg);
			opt.seed = (uint64_t)v;
			break;
		case 'p':
			opt.progress = print_progress;
			opt.progress_ctx = &t0;
			break;
		default:
			return cli_usage("seed", "unknown option or missing value '%s'",
					 argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("seed", "unexpected argument '%s'", argv[optind]);

	s = cli_store(cli, 0, &status);
	if (!s)
		return status;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (domain_seed(s, &opt, &err) < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	if (store_seed_counts(s, &report, &err) < 0)
		return cli_fail(&err, CSM_EX_IOERR);
	printf("seeded %s (scale %u, seed %" PRIu64 ")\n", cli->db_path, opt.scale, opt.seed);
	printf("  %-24s %10s\n", "table", "rows");
	for (size_t i = 0; i < report.n; i++)
		printf("  %-24s %10lld\n", report.tables[i].table, report.tables[i].rows);
	printf("done in %.2f s\n", elapsed(&t0));
	return 0;
}
