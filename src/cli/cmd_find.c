/* csm find TEXT [--kind K] [--limit N] [--json]: the universal lookup from
 * the command line, over the kinds of the configured business model. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/search.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define TITLE_COLS 40 /* longer titles are cut with an ellipsis */

/* Prints s padded with spaces to cols display columns, then a gap. */
static void put_padded(const char *s, int cols)
{
	int w = utf8_width(s);

	fputs(s, stdout);
	for (; w < cols + 2; w++)
		putchar(' ');
}

static void print_plain(const struct search_result *r)
{
	static const char *heads[] = {"KIND", "NUMBER", "TITLE", "MATCHED"};
	char *(*cells)[4] = xcalloc(r->n, sizeof *cells);
	int width[3];

	for (int c = 0; c < 3; c++)
		width[c] = utf8_width(heads[c]);
	for (size_t i = 0; i < r->n; i++) {
		const struct search_hit *h = &r->hits[i];
		cells[i][0] = xstrdup(search_kind_name(h->kind));
		cells[i][1] = xstrdup(h->number ? h->number : "");
		cells[i][2] = utf8_cut_dup(h->title, TITLE_COLS);
		cells[i][3] = xasprintf("%s: %s", h->field, h->matched ? h->matched : "");
		for (int c = 0; c < 3; c++) {
			int w = utf8_width(cells[i][c]);
			if (w > width[c])
				width[c] = w;
		}
	}
	for (int c = 0; c < 3; c++)
		put_padded(heads[c], width[c]);
	printf("%s\n", heads[3]);
	for (size_t i = 0; i < r->n; i++) {
		for (int c = 0; c < 3; c++)
			put_padded(cells[i][c], width[c]);
		printf("%s\n", cells[i][3]);
		for (int c = 0; c < 4; c++)
			free(cells[i][c]);
	}
	free(cells);
}

static void print_json(const struct search_result *r)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_addc(&sb, '[');
	for (size_t i = 0; i < r->n; i++) {
		const struct search_hit *h = &r->hits[i];
		strbuf_adds(&sb, i ? ",\n {" : "\n {");
		strbuf_adds(&sb, "\"kind\": ");
		strbuf_add_json_str(&sb, search_kind_name(h->kind));
		strbuf_adds(&sb, ", \"number\": ");
		strbuf_add_json_str(&sb, h->number);
		strbuf_adds(&sb, ", \"title\": ");
		strbuf_add_json_str(&sb, h->title);
		strbuf_adds(&sb, ", \"field\": ");
		strbuf_add_json_str(&sb, h->field);
		strbuf_adds(&sb, ", \"matched\": ");
		strbuf_add_json_str(&sb, h->matched);
		strbuf_adds(&sb, ", \"detail\": ");
		strbuf_add_json_str(&sb, h->detail);
		strbuf_addc(&sb, '}');
	}
	strbuf_adds(&sb, r->n ? "\n]\n" : "]\n");
	fputs(sb.buf, stdout);
	strbuf_fini(&sb);
}

/* "account, contact, ..." for the kinds in mask.  Owned. */
static char *kind_list_new(unsigned mask)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (int k = 0; k < SK_COUNT; k++)
		if (mask & SEARCH_KIND_BIT(k)) {
			if (sb.len)
				strbuf_adds(&sb, ", ");
			strbuf_adds(&sb, search_kind_name((enum search_kind)k));
		}
	return strbuf_take(&sb);
}

/* Adds the kinds of a --kind value ("case" or "case,contact") to *mask;
 * returns 0, or a usage error naming the kinds that exist. */
static int parse_kinds(const char *arg, unsigned model_mask, const char *model, unsigned *mask)
{
	char *copy = xstrdup(arg), *save = NULL;
	int status = 0;

	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		enum search_kind k;
		char *kinds = kind_list_new(model_mask);

		if (search_kind_parse(tok, &k) < 0)
			status = cli_usage("find", "--kind: '%s' is not a kind (%s)", tok, kinds);
		else if (!(model_mask & SEARCH_KIND_BIT(k)))
			status = cli_usage("find", "--kind: the %s model has no %s; its kinds are %s",
					   model, tok, kinds);
		else
			*mask |= SEARCH_KIND_BIT(k);
		free(kinds);
		if (status)
			break;
	}
	if (!status && !*mask)
		status = cli_usage("find", "--kind: no kind given");
	free(copy);
	return status;
}

int cmd_find(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"kind", required_argument, NULL, 'k'},
		{"limit", required_argument, NULL, 'n'},
		{"json", no_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	struct csm_error err = {0};
	struct search_result r = {0};
	struct strbuf text;
	const char *model = config_model_name(cli->cfg.model);
	unsigned model_mask = search_kinds_for_model(model), mask = 0;
	long limit = 20;
	bool json = false;
	struct store *s;
	int c, status = 0;

	optind = 0; /* GNU getopt: a full reset, as cli_main() used it before */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			if ((status = parse_kinds(optarg, model_mask, model, &mask)) != 0)
				return status;
			break;
		case 'n': {
			char *end;
			limit = strtol(optarg, &end, 10);
			if (!*optarg || *end || limit < 1 || limit > 1000)
				return cli_usage("find", "--limit: '%s' is not a number from 1 to 1000",
						 optarg);
			break;
		}
		case 'j': json = true; break;
		default: return cli_usage("find", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("find", "what to look for is missing");
	/* The words after the options are one text: csm find jane doe. */
	strbuf_init(&text);
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			strbuf_addc(&text, ' ');
		strbuf_adds(&text, argv[i]);
	}
	if (!mask)
		mask = model_mask;

	s = cli_store(cli, STORE_READONLY, &status);
	if (!s)
		goto out;
	if (store_search(s, text.buf, mask, (size_t)limit, &r, &err) < 0) {
		status = cli_fail(&err, CSM_EX_IOERR);
		goto out;
	}
	if (json)
		print_json(&r);
	else if (r.n)
		print_plain(&r);
	if (r.n == 0) {
		fprintf(stderr, "csm: no match for '%s'\n", text.buf);
		status = CSM_EX_FAIL;
	}
out:
	search_result_fini(&r);
	strbuf_fini(&text);
	return status;
}
