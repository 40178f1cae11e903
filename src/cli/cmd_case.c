/* csm case SUBCOMMAND: cases from the command line, a thin layer over
 * domain/case.h (the console uses the same operations).
 *
 *   new, list, show, transition, comment, assign, update, task,
 *   request-approval, approve, reject
 *
 * Every subcommand takes --json.  Exit status: 0, 64 usage, 65 refused or
 * bad data, 66 no such record. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/case.h"
#include "domain/product.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

const char cmd_case_help[] =
	"usage:\n"
	"  csm case new (--account ACCT [--contact CT] | --contact CT | --consumer CON [--household HOLD]\n"
	"               | --service-org SO | --requester LOGIN) --short TEXT [--description TEXT]\n"
	"               [--item IB] [--sold-product SP] [--product MODEL] [--asset TAG] [--contract CNTR]\n"
	"               [--priority 1-4] [--channel C] [--category C] [--entitlement ID]\n"
	"  csm case list [--queue mine|groups|open|approval|all] [--unassigned] [--state S]\n"
	"               [--priority N] [--group NAME] [--customer NUMBER] [--sort KEY]\n"
	"               [--limit N] [--after CASE]\n"
	"  csm case show CASE [--newest-first]\n"
	"  csm case transition CASE ACTION [--code C] [--notes TEXT] [--hours N]\n"
	"  csm case comment CASE TEXT [--work-note]\n"
	"  csm case assign CASE [--group NAME] [--to LOGIN]   (\"\" clears)\n"
	"  csm case update CASE [--short TEXT] [--description TEXT] [--priority N] [--channel C]\n"
	"               [--category C] [--entitlement ID]\n"
	"  csm case task CASE add TEXT [--to LOGIN] [--group NAME]\n"
	"  csm case task CASE close|cancel TASK\n"
	"  csm case task CASE list\n"
	"  csm case request-approval CASE [--approver LOGIN]\n"
	"  csm case approve|reject CASE [--comment TEXT]\n"
	"Changes take --expect-version N to refuse a case changed since version N.\n"
	"Every subcommand takes --json.\n"
	"Actions of transition: accept (or assign), request_info, customer_update, reopen,\n"
	"  propose_solution (or resolve), accept_solution, reject_solution, close, cancel.\n";

static int sub_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "csm: case: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", cmd_case_help);
	return CSM_EX_USAGE;
}

/* Parses an integer option in [min, max]; 0 or -1 (usage printed). */
static int parse_int(const char *opt, const char *s, long min, long max, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < min || v > max) {
		fprintf(stderr, "csm: case: %s: '%s' is not a number from %ld to %ld\n", opt, s, min,
			max);
		return -1;
	}
	*out = v;
	return 0;
}

/* ---- output helpers --------------------------------------------------- */

static void json_key(struct strbuf *sb, const char *key)
{
	if (sb->len && sb->buf[sb->len - 1] != '{' && sb->buf[sb->len - 1] != '[')
		strbuf_addc(sb, ',');
	strbuf_add_json_str(sb, key);
	strbuf_addc(sb, ':');
}

static void json_str(struct strbuf *sb, const char *key, const char *v)
{
	json_key(sb, key);
	strbuf_add_json_str(sb, v);
}

static void json_int(struct strbuf *sb, const char *key, long long v)
{
	json_key(sb, key);
	strbuf_addf(sb, "%lld", v);
}

static void json_int_or_null(struct strbuf *sb, const char *key, long long v)
{
	json_key(sb, key);
	if (v > 0)
		strbuf_addf(sb, "%lld", v);
	else
		strbuf_adds(sb, "null");
}

static void json_sep(struct strbuf *sb)
{
	if (sb->len && sb->buf[sb->len - 1] != '[' && sb->buf[sb->len - 1] != '{')
		strbuf_addc(sb, ',');
}

static void json_strings(struct strbuf *sb, const char *key, char *const *v, size_t n)
{
	json_key(sb, key);
	strbuf_addc(sb, '[');
	for (size_t i = 0; i < n; i++) {
		json_sep(sb);
		strbuf_add_json_str(sb, v[i]);
	}
	strbuf_addc(sb, ']');
}

static void json_case(struct strbuf *sb, const struct case_record *c)
{
	char possible[256];
	char *customer = case_customer_label(c);

	case_actions_possible(c->state, possible, sizeof possible);
	strbuf_addc(sb, '{');
	json_str(sb, "number", c->number);
	json_str(sb, "short_description", c->short_description);
	json_str(sb, "description", c->description);
	json_str(sb, "state", case_state_name(c->state));
	json_int(sb, "priority", c->priority);
	json_str(sb, "channel", c->channel);
	json_str(sb, "category", c->category);
	json_str(sb, "customer", *customer ? customer : NULL);
	json_str(sb, "account", c->account_number);
	json_str(sb, "contact", c->contact_number);
	json_str(sb, "consumer", c->consumer_number);
	json_str(sb, "household", c->household_number);
	json_str(sb, "service_org", c->service_org_number);
	json_str(sb, "requester", c->requester_login);
	json_str(sb, "product", c->product_model);
	json_str(sb, "asset", c->asset_tag);
	json_str(sb, "item", c->item_number);
	json_str(sb, "sold_product", c->sold_product_number);
	json_str(sb, "contract", c->contract_number);
	json_int_or_null(sb, "entitlement_id", c->entitlement_id);
	json_str(sb, "entitlement", c->entitlement_name);
	json_str(sb, "entitlement_per_unit", c->entitlement_per_unit);
	json_key(sb, "entitlement_remaining");
	if (c->entitlement_remaining >= 0)
		strbuf_addf(sb, "%lld", (long long)c->entitlement_remaining);
	else
		strbuf_adds(sb, "null");
	json_str(sb, "group", c->group_name);
	json_str(sb, "assigned_to", c->assigned_login);
	json_str(sb, "opened_by", c->opened_by_login);
	json_str(sb, "opened_at", c->opened_at);
	json_str(sb, "resolution_code", c->resolution_code);
	json_str(sb, "resolution_notes", c->resolution_notes);
	json_str(sb, "resolved_by", c->resolved_by_login);
	json_str(sb, "resolved_at", c->resolved_at);
	json_str(sb, "closed_by", c->closed_by_login);
	json_str(sb, "closed_at", c->closed_at);
	json_str(sb, "approval", case_approval_name(c->approval));
	json_str(sb, "approver", c->approver_login);
	json_int(sb, "version", c->version);
	json_str(sb, "updated_at", c->updated_at);
	json_int(sb, "related_parties", c->related_parties);
	json_key(sb, "possible_actions");
	strbuf_addc(sb, '[');
	for (size_t i = 0; i < case_action_count; i++)
		if (case_action_allowed(&case_actions[i], c->state)) {
			json_sep(sb);
			strbuf_add_json_str(sb, case_actions[i].name);
		}
	strbuf_addc(sb, ']');
	strbuf_addc(sb, '}');
	free(customer);
}

static void json_task(struct strbuf *sb, const struct case_task *t)
{
	strbuf_addc(sb, '{');
	json_str(sb, "number", t->number);
	json_str(sb, "short_description", t->short_description);
	json_str(sb, "state", case_task_state_name(t->state));
	json_str(sb, "user", t->user_login);
	json_str(sb, "group", t->group_name);
	json_str(sb, "created_at", t->created_at);
	json_str(sb, "closed_at", t->closed_at);
	strbuf_addc(sb, '}');
}

static void print_json(struct strbuf *sb)
{
	printf("%s\n", sb->buf);
	strbuf_fini(sb);
}

/* Prints "csm: note: ..." / "csm: warning: ..." lines to stderr. */
static void print_lines(const char *kind, char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "csm: %s: %s\n", kind, v[i]);
}

static void print_field(const char *label, const char *v)
{
	if (v && *v)
		printf("%-14s %s\n", label, v);
}

static void print_named(const char *label, const char *number, const char *name)
{
	if (number && name)
		printf("%-14s %s  %s\n", label, number, name);
	else
		print_field(label, number ? number : name);
}

/* The case sections of `show`. */
static void print_case(const struct case_record *c)
{
	char possible[256], buf[1024];
	char *customer = case_customer_label(c);

	case_actions_possible(c->state, possible, sizeof possible);
	printf("%s  %s\n", c->number, c->short_description);
	snprintf(buf, sizeof buf, "%s%s%s%s", case_state_label(c->state),
		 *possible ? " (possible: " : "", possible, *possible ? ")" : "");
	print_field("state:", buf);
	snprintf(buf, sizeof buf, "%d (%s)", c->priority, case_priority_label(c->priority));
	print_field("priority:", buf);
	print_field("channel:", c->channel);
	print_field("category:", c->category);
	print_field("customer:", customer);
	print_named("product:", c->product_model, c->product_name);
	print_field("asset:", c->asset_tag);
	print_named("item:", c->item_number, c->item_name);
	print_field("sold product:", c->sold_product_number);
	print_field("contract:", c->contract_number);
	if (c->entitlement_id) {
		if (c->entitlement_per_unit)
			snprintf(buf, sizeof buf, "%s (%lld %s left)", c->entitlement_name,
				 (long long)c->entitlement_remaining, c->entitlement_per_unit);
		else
			snprintf(buf, sizeof buf, "%s", c->entitlement_name);
		print_field("entitlement:", buf);
	}
	print_field("group:", c->group_name);
	print_field("assigned to:", c->assigned_login);
	snprintf(buf, sizeof buf, "%s%s%s", c->opened_at, c->opened_by_login ? " by " : "",
		 c->opened_by_login ? c->opened_by_login : "");
	print_field("opened:", buf);
	print_field("resolution:", c->resolution_code);
	print_field("notes:", c->resolution_notes);
	if (c->resolved_at) {
		snprintf(buf, sizeof buf, "%s by %s", c->resolved_at,
			 c->resolved_by_login ? c->resolved_by_login : "?");
		print_field("resolved:", buf);
	}
	if (c->closed_at) {
		snprintf(buf, sizeof buf, "%s by %s", c->closed_at,
			 c->closed_by_login ? c->closed_by_login : "?");
		print_field(c->state == CASE_CANCELED ? "canceled:" : "closed:", buf);
	}
	if (c->approval != CASE_APPROVAL_NOT_REQUESTED) {
		snprintf(buf, sizeof buf, "%s%s%s", case_approval_name(c->approval),
			 c->approver_login ? " / " : "", c->approver_login ? c->approver_login : "");
		print_field("approval:", buf);
	}
	snprintf(buf, sizeof buf, "%lld", (long long)c->related_parties);
	print_field("parties:", buf);
	snprintf(buf, sizeof buf, "%lld", (long long)c->version);
	print_field("version:", buf);
	free(customer);
}

/* ---- option parsing --------------------------------------------------- */

/* Option ids shared by the subcommands. */
enum {
	O_JSON = 256, O_ACCOUNT, O_CONTACT, O_CONSUMER, O_HOUSEHOLD, O_SERVICE_ORG, O_REQUESTER,
	O_SHORT, O_DESCRIPTION, O_ITEM, O_SOLD_PRODUCT, O_PRODUCT, O_ASSET, O_CONTRACT,
	O_PRIORITY, O_CHANNEL, O_CATEGORY, O_ENTITLEMENT, O_QUEUE, O_UNASSIGNED, O_STATE, O_GROUP,
	O_CUSTOMER, O_SORT, O_LIMIT, O_AFTER, O_NEWEST, O_CODE, O_NOTES, O_HOURS, O_EXPECT,
	O_WORK_NOTE, O_TO, O_APPROVER, O_COMMENT,
};

static const struct option all_opts[] = {
	{"json", no_argument, NULL, O_JSON},
	{"account", required_argument, NULL, O_ACCOUNT},
	{"contact", required_argument, NULL, O_CONTACT},
	{"consumer", required_argument, NULL, O_CONSUMER},
	{"household", required_argument, NULL, O_HOUSEHOLD},
	{"service-org", required_argument, NULL, O_SERVICE_ORG},
	{"requester", required_argument, NULL, O_REQUESTER},
	{"short", required_argument, NULL, O_SHORT},
	{"description", required_argument, NULL, O_DESCRIPTION},
	{"item", required_argument, NULL, O_ITEM},
	{"sold-product", required_argument, NULL, O_SOLD_PRODUCT},
	{"product", required_argument, NULL, O_PRODUCT},
	{"asset", required_argument, NULL, O_ASSET},
	{"contract", required_argument, NULL, O_CONTRACT},
	{"priority", required_argument, NULL, O_PRIORITY},
	{"channel", required_argument, NULL, O_CHANNEL},
	{"category", required_argument, NULL, O_CATEGORY},
	{"entitlement", required_argument, NULL, O_ENTITLEMENT},
	{"queue", required_argument, NULL, O_QUEUE},
	{"unassigned", no_argument, NULL, O_UNASSIGNED},
	{"state", required_argument, NULL, O_STATE},
	{"group", required_argument, NULL, O_GROUP},
	{"customer", required_argument, NULL, O_CUSTOMER},
	{"sort", required_argument, NULL, O_SORT},
	{"limit", required_argument, NULL, O_LIMIT},
	{"after", required_argument, NULL, O_AFTER},
	{"newest-first", no_argument, NULL, O_NEWEST},
	{"code", required_argument, NULL, O_CODE},
	{"notes", required_argument, NULL, O_NOTES},
	{"hours", required_argument, NULL, O_HOURS},
	{"expect-version", required_argument, NULL, O_EXPECT},
	{"work-note", no_argument, NULL, O_WORK_NOTE},
	{"to", required_argument, NULL, O_TO},
	{"approver", required_argument, NULL, O_APPROVER},
	{"comment", required_argument, NULL, O_COMMENT},
	{NULL, 0, NULL, 0},
};

/* Everything the subcommands' options can say. */
struct case_args {
	bool json;                /* --json */
	struct case_input in;     /* new: the case */
	struct case_edit edit;    /* update */
	const char *queue, *state, *group, *customer, *sort, *after; /* list (group: assign, task) */
	bool unassigned, newest;  /* list, show */
	long priority, limit, entitlement, hours;
	bool priority_given;
	struct case_transition_args tr; /* transition */
	int64_t expect;           /* --expect-version, or CASE_ANY_VERSION */
	bool work_note;           /* comment */
	const char *to;           /* assign, task: the user */
	const char *approver;     /* request-approval */
	const char *comment;      /* approve, reject */
	const char *description;  /* new, update */
	char **pos;               /* positional arguments (borrowed from argv) */
	int npos;
};

/* A subcommand: its name, the options it takes and its positional
 * arguments. */
struct sub_spec {
	const char *name;
	const int *opts;  /* O_* ids, 0-terminated (--json is always allowed) */
	int min_pos, max_pos;
	int (*run)(struct cli *cli, struct store *s, const char *sub, struct case_args *a);
};

/* Parses argv (argv[0] = the subcommand) into a.  0, or CSM_EX_USAGE. */
static int parse_args(const struct sub_spec *spec, int argc, char **argv, struct case_args *a)
{
	int c;
	long v;

	memset(a, 0, sizeof *a);
	a->expect = CASE_ANY_VERSION;
	optind = 0; /* re-initialise getopt (the global options were parsed in order mode) */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", all_opts, NULL)) != -1) {
		bool ok = false;
		for (const int *o = spec->opts; *o; o++)
			ok |= *o == c;
		if (c == '?' || c == ':' || (!ok && c != O_JSON)) {
			const char *bad = argv[optind - 1];
			if (c == '?' && optopt)
				return sub_usage("%s: an option is missing its value", bad);
			fprintf(stderr, "csm: case %s: option '%s' is unknown or not for this subcommand\n",
				spec->name, bad);
			return CSM_EX_USAGE;
		}
		switch (c) {
		case O_JSON: a->json = true; break;
		case O_ACCOUNT: a->in.account = optarg; break;
		case O_CONTACT: a->in.contact = optarg; break;
		case O_CONSUMER: a->in.consumer = optarg; break;
		case O_HOUSEHOLD: a->in.household = optarg; break;
		case O_SERVICE_ORG: a->in.service_org = optarg; break;
		case O_REQUESTER: a->in.requester = optarg; break;
		case O_SHORT: a->in.short_description = a->edit.short_description = optarg; break;
		case O_DESCRIPTION: a->in.description = a->edit.description = optarg; break;
		case O_ITEM: a->in.item = optarg; break;
		case O_SOLD_PRODUCT: a->in.sold_product = optarg; break;
		case O_PRODUCT: a->in.product = optarg; break;
		case O_ASSET: a->in.asset = optarg; break;
		case O_CONTRACT: a->in.contract = optarg; break;
		case O_PRIORITY:
			if (parse_int("--priority", optarg, 1, 4, &v) < 0)
				return CSM_EX_USAGE;
			a->in.priority = a->edit.priority = (int)v;
			a->priority = v;
			break;
		case O_CHANNEL: a->in.channel = a->edit.channel = optarg; break;
		case O_CATEGORY: a->in.category = a->edit.category = optarg; break;
		case O_ENTITLEMENT:
			if (parse_int("--entitlement", optarg, 1, 0x7fffffffL, &v) < 0)
				return CSM_EX_USAGE;
			a->in.entitlement_id = a->edit.entitlement_id = v;
			break;
		case O_QUEUE: a->queue = optarg; break;
		case O_UNASSIGNED: a->unassigned = true; break;
		case O_STATE: a->state = optarg; break;
		case O_GROUP: a->group = optarg; break;
		case O_CUSTOMER: a->customer = optarg; break;
		case O_SORT: a->sort = optarg; break;
		case O_LIMIT:
			if (parse_int("--limit", optarg, 1, 10000, &a->limit) < 0)
				return CSM_EX_USAGE;
			break;
		case O_AFTER: a->after = optarg; break;
		case O_NEWEST: a->newest = true; break;
		case O_CODE: a->tr.code = optarg; break;
		case O_NOTES: a->tr.notes = optarg; break;
		case O_HOURS:
			if (parse_int("--hours", optarg, 1, 10000, &v) < 0)
				return CSM_EX_USAGE;
			a->tr.hours = (int)v;
			break;
		case O_EXPECT:
			if (parse_int("--expect-version", optarg, 1, 0x7fffffffL, &v) < 0)
				return CSM_EX_USAGE;
			a->expect = v;
			break;
		case O_WORK_NOTE: a->work_note = true; break;
		case O_TO: a->to = optarg; break;
		case O_APPROVER: a->approver = optarg; break;
		case O_COMMENT: a->comment = optarg; break;
		}
	}
	a->pos = argv + optind;
	a->npos = argc - optind;
	if (a->npos < spec->min_pos || a->npos > spec->max_pos) {
		fprintf(stderr, "csm: case %s: expected %s\n", spec->name,
			spec->min_pos == spec->max_pos && spec->min_pos == 1 ? "one case number"
			: a->npos < spec->min_pos ? "more arguments" : "fewer arguments");
		fprintf(stderr, "%s", cmd_case_help);
		return CSM_EX_USAGE;
	}
	return 0;
}

/* ---- subcommands ------------------------------------------------------ */

static int case_new(struct cli *cli, struct store *s, const char *sub, struct case_args *a)
{
	(void)sub;
	struct case_settings cs;
	struct case_entry e;
	struct csm_error err = {0};
	int status = 0;

	case_settings_from_config(&cs, &cli->cfg);
	case_entry_init(&e);
	if (domain_case_create(s, &cs, &a->in, &e, &err) < 0) {
		status = cli_fail(&err, CSM_EX_DATAERR);
		case_entry_fini(&e);
		return status;
	}
	if (a->json) {
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_addc(&sb, '{');
		json_str(&sb, "number", e.rec.number);
		json_int_or_null(&sb, "entitlement_id", e.rec.entitlement_id);
		json_strings(&sb, "notes", e.notes, e.n_notes);
		json_strings(&sb, "warnings", e.warnings, e.n_warnings);
		json_key(&sb, "choices");
		strbuf_addc(&sb, '[');
		for (size_t i = 0; !e.rec.entitlement_id && i < e.matches.n; i++) {
			const struct entitlement *m = &e.matches.v[i];
			if (m->exhausted || m->expired)
				continue;
			json_sep(&sb);
			strbuf_addc(&sb, '{');
			json_int(&sb, "id", m->id);
			json_str(&sb, "name", m->name);
			json_str(&sb, "per_unit", m->per_unit);
			if (m->per_unit)
				json_int(&sb, "remaining", m->remaining_units);
			strbuf_addc(&sb, '}');
		}
		strbuf_adds(&sb, "]}");
		print_json(&sb);
	} else {
		printf("%s\n", e.rec.number);
	}
	print_lines("note", e.notes, e.n_notes);
	if (!e.rec.entitlement_id && entitlement_list_usable(&e.matches) > 1) {
		fprintf(stderr, "csm: note: choose one with 'csm case update %s --entitlement ID':\n",
			e.rec.number);
		for (size_t i = 0; i < e.matches.n; i++)
			if (!e.matches.v[i].exhausted && !e.matches.v[i].expired)
				fprintf(stderr, "csm:   %lld  %s\n", (long long)e.matches.v[i].id,
					e.matches.v[i].name);
	}
	print_lines("warning", e.warnings, e.n_warnings);
	case_entry_fini(&e);
	return 0;
}

/* The plain listing of `case list`: a header row, then one line per case,
 * every column padded by display width (numbers have the configured prefix,
 * customers and assignees may be accented or CJK). */
static void print_case_table(const struct case_list *l)
{
	static const char *const heads[] = {"NUMBER", "PRI", "STATE", "CUSTOMER", "ASSIGNED TO",
					    "SHORT DESCRIPTION"};
	int width[] = {utf8_width(heads[0]), 3, 13, 36, 14};

	for (size_t i = 0; i < l->n; i++)
		if (utf8_width(l->items[i].number) > width[0])
			width[0] = utf8_width(l->items[i].number);
	for (int c = 0; c < 5; c++) {
		utf8_put_cell(stdout, heads[c], width[c]);
		fputs("  ", stdout);
	}
	printf("%s\n", heads[5]);
	for (size_t i = 0; i < l->n; i++) {
		const struct case_record *c = &l->items[i];
		char *customer = case_customer_label(c);
		char pri[16];

		snprintf(pri, sizeof pri, "%d", c->priority);
		utf8_put_cell(stdout, c->number, width[0]);
		fputs("  ", stdout);
		utf8_put_cell(stdout, pri, width[1]);
		fputs("  ", stdout);
		utf8_put_cell(stdout, case_state_label(c->state), width[2]);
		fputs("  ", stdout);
		utf8_put_cell(stdout, *customer ? customer : "-", width[3]);
		fputs("  ", stdout);
		utf8_put_cell(stdout, c->assigned_login ? c->assigned_login
				      : c->group_name   ? c->group_name
							: "-",
			      width[4]);
		printf("  %s\n", c->short_description);
		free(customer);
	}
}

static int case_list(struct cli *cli, struct store *s, const char *sub, struct case_args *a)
{
	(void)cli;
	(void)sub;
	struct case_query q;
	struct case_list l = {0};
	struct page_req page = {0};
	struct csm_error err = {0};
	struct case_record after;
	char *key = NULL;
	int status = 0;
	enum case_state st;

	case_query_init(&q);
	case_record_init(&after);
	if (a->queue && case_queue_parse(a->queue, &q.queue) < 0)
		return sub_usage("--queue: '%s' is not mine, groups, open, approval or all", a->queue);
	if (a->sort && case_sort_parse(a->sort, &q.sort) < 0) {
		fprintf(stderr, "csm: case list: --sort: '%s' is not one of", a->sort);
		for (int i = 0; i < CASE_SORT_COUNT; i++)
			fprintf(stderr, "%s %s", i ? "," : "", case_sort_name((enum case_sort)i));
		fprintf(stderr, "\n");
		return CSM_EX_USAGE;
	}
	if (a->state) {
		if (case_state_parse(a->state, &st) < 0)
			return sub_usage("--state: '%s' is not new, open, awaiting_info, resolved, "
					 "closed or canceled",
					 a->state);
		q.state = st;
	}
	q.priority = (int)a->priority;
	q.unassigned_only = a->unassigned;
	if (a->group && domain_case_query_group(s, &q, a->group, &err) < 0)
		return cli_fail(&err, CSM_EX_NOINPUT);
	if (a->customer && domain_case_query_customer(s, &q, a->customer, &err) < 0)
		return cli_fail(&err, CSM_EX_NOINPUT);
	if (a->after) {
		if (domain_case_get(s, a->after, &after, &err) <= 0)
			return cli_fail(&err, CSM_EX_NOINPUT);
		key = case_sort_key(&after, q.sort);
		page.after_key = key;
		page.after_id = after.id;
	}
	page.limit = a->limit > 0 ? (size_t)a->limit : 0;
	if (domain_case_list(s, &q, &page, &l, &err) < 0) {
		status = cli_fail(&err, CSM_EX_IOERR);
		goto out;
	}
	if (a->json) {
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_addc(&sb, '[');
		for (size_t i = 0; i < l.n; i++) {
			json_sep(&sb);
			json_case(&sb, &l.items[i]);
		}
		strbuf_addc(&sb, ']');
		print_json(&sb);
	} else if (l.n == 0) {
		printf(a->after ? "no more cases\n" : "no cases\n");
	} else {
		print_case_table(&l);
	}
	if (l.more)
		fprintf(stderr, "csm: note: more cases follow; add --after %s\n",
			l.items[l.n - 1].number);
out:
	case_list_fini(&l);
	case_record_fini(&after);
	free(key);
	return status;
}

static int case_show(struct cli *cli, struct store *s, const char *sub, struct case_args *a)
{
	(void)cli;
	(void)sub;
	struct case_record c;
	struct case_journal_list j = {0};
	struct case_task_list t = {0};
	struct page_req page = {.limit = 1000};
	struct csm_error err = {0};
	int status = 0;

	if (domain_case_get(s, a->pos[0], &c, &err) <= 0)
		return cli_fail(&err, CSM_EX_NOINPUT);
	if (domain_case_journal(s, c.id, a->newest, &page, &j, &err) < 0 ||
	    domain_case_tasks(s, c.id, &t, &err) < 0) {
		status = cli_fail(&err, CSM_EX_IOERR);
		goto out;
	}
	if (a->json) {
		struct strbuf sb;
		strbuf_init(&sb);
		json_case(&sb, &c);
		sb.buf[--sb.len] = '\0'; /* reopen the object */
		json_key(&sb, "journal");
		strbuf_addc(&sb, '[');
		for (size_t i = 0; i < j.n; i++) {
			json_sep(&sb);
			strbuf_addc(&sb, '{');
			json_str(&sb, "kind", case_journal_kind_name(j.items[i].kind));
			json_str(&sb, "author", j.items[i].author);
			json_str(&sb, "at", j.items[i].created_at);
			json_str(&sb, "body", j.items[i].body);
			strbuf_addc(&sb, '}');
		}
		strbuf_addc(&sb, ']');
		json_key(&sb, "tasks");
		strbuf_addc(&sb, '[');
		for (size_t i = 0; i < t.n; i++) {
			json_sep(&sb);
			json_task(&sb, &t.items[i]);
		}
		strbuf_adds(&sb, "]}");
		print_json(&sb);
		goto out;
	}
	print_case(&c);
	if (c.description) {
		printf("\n%s\n", c.description);
	}
	if (t.n) {
		printf("\ntasks:\n");
		for (size_t i = 0; i < t.n; i++)
			printf("  %s  %-8s  %-20s  %s\n", t.items[i].number,
			       case_task_state_name(t.items[i].state),
			       t.items[i].user_login ? t.items[i].user_login
			       : t.items[i].group_name ? t.items[i].group_name
						       : "-",
			       t.items[i].short_description);
	}
	printf("\njournal:\n");
	for (size_t i = 0; i < j.n; i++)
		printf("  %s  %-9s  %s: %s\n", j.items[i].created_at,
		       case_journal_kind_name(j.items[i].kind), j.items[i].author, j.items[i].body);
out:
	case_journal_list_fini(&j);
	case_task_list_fini(&t);
	case_record_fini(&c);
	return status;
}

/* Prints the outcome of a change: "CS0000042 open (version 3)". */
static int report_change(const char *number, const struct case_outcome *o, bool json)
{
	if (json) {
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_addc(&sb, '{');
		json_str(&sb, "number", number);
		json_str(&sb, "state", case_state_name(o->state));
		json_int(&sb, "version", o->version);
		json_str(&sb, "warning", o->warning);
		strbuf_addc(&sb, '}');
		print_json(&sb);
	} else {
		printf("%s %s (version %lld)\n", number, case_state_label(o->state),
		       (long long)o->version);
	}
	if (o->warning)
		fprintf(stderr, "csm: warning: %s\n", o->warning);
	return 0;
}

static int case_transition(struct cli *cli, struct store *s, const char *sub, struct case_args *a)
{
	(void)cli;
	(void)sub;
	struct case_outcome o = {0};
	struct csm_error err = {0};
	int status;

	if (domain_case_transition(s, a->pos[0], a->expect, a->pos[1], &a->tr, &o, &err) < 0)
		return cli_fail(&err, CSM_EX_DATAERR);
	status = report_change(a->pos[0], &o, a->json);
	case_outcome_fini(&o);
	return status;
}

static int case_comment(struct cli *cli, struct store *s, const char *sub, struct case_args *a)
{
	(void)cli;
	(void)sub;
	struct csm_error err = {0};

	if (domain_case_comment(s, a->pos[0], a->pos[1], a->work_note, &err) < 0)
		return cli_fail(&err, CSM_EX_DATAERR);
	if (a->json)
		printf("{\"number\":\"%s\",\"kind\":\"%s\"}\n", a->pos[0],
		       a->work_note ? "work_note" : "comment");
	else
		printf("%s: %s added\n", a->pos[0], a->work_note ? "work note" : "comment");
	return 0;
}

static int case_assign(struct cli *cli, struct store *s, const char *sub, struct case_args *a)
{
	(void)cli;
	(void)sub;
	struct case_outcome o = {0};
	struct csm_error err = {0};
	int status;

	if (!a->group && !a->to)
		return sub_usage("assign %s: give --group NAME and/or --to LOGIN", a->pos[0]);
	if (domain_case_assign(s, a->pos[0], a->expect, a->group, a->to, &o, &err) < 0)
		return cli_fail(&err, CSM_EX_DATAERR);
	status = report_change(a->pos[0], &o, a->json);
	case_outcome_fini(&o);
	return status;
}

static int case_update(struct cli *cli, struct store *s, const char *sub, struct case_args *a)
{
	(void)sub;
	struct case_settings cs;
	struct case_outcome o = {0};
	struct csm_error err = {0};
	int status;

	case_settings_from_config(&cs, &cli->cfg);
	if (domain_case_update(s, &cs, a->pos[0], a->expect, &a->edit, &o, &err) < 0)
		return cli_fail(&err, CSM_EX_DATAERR);
	status = report_change(a->pos[0], &o, a->json);
	case_outcome_fini(&o);
	return status;
}

static int case_approval(struct cli *cli, struct store *s, const char *sub, struct case_args *a)
{
	(void)cli;
	struct case_outcome o = {0};
	struct csm_error err = {0};
	int rc, status;

	if (strcmp(sub, "request-approval") == 0)
		rc = domain_case_request_approval(s, a->pos[0], a->expect, a->approver, &o, &err);
	else
		rc = domain_case_decide(s, a->pos[0], a->expect, strcmp(sub, "approve") == 0,
					a->comment, &o, &err);
	if (rc < 0)
		return cli_fail(&err, CSM_EX_DATAERR);
	status = report_change(a->pos[0], &o, a->json);
	case_outcome_fini(&o);
	return status;
}

static int case_task(struct cli *cli, struct store *s, const char *sub, struct case_args *a)
{
	(void)cli;
	(void)sub;
	const char *number = a->pos[0], *verb = a->npos > 1 ? a->pos[1] : "list";
	struct csm_error err = {0};
	struct case_record c;
	struct case_task_list l = {0};
	int status = 0;

	if (strcmp(verb, "add") == 0) {
		struct case_task t;
		if (a->npos != 3)
			return sub_usage("task %s add: give the task's text", number);
		if (domain_case_task_add(s, number, a->pos[2], a->to, a->group, &t, &err) < 0)
			return cli_fail(&err, CSM_EX_DATAERR);
		if (a->json) {
			struct strbuf sb;
			strbuf_init(&sb);
			json_task(&sb, &t);
			print_json(&sb);
		} else {
			printf("%s\n", t.number);
		}
		case_task_fini(&t);
		return 0;
	}
	if (domain_case_get(s, number, &c, &err) <= 0)
		return cli_fail(&err, CSM_EX_NOINPUT);
	if (domain_case_tasks(s, c.id, &l, &err) < 0) {
		status = cli_fail(&err, CSM_EX_IOERR);
		goto out;
	}
	if (strcmp(verb, "close") == 0 || strcmp(verb, "cancel") == 0) {
		bool ours = false;
		if (a->npos != 3) {
			status = sub_usage("task: give the task number to %s", verb);
			goto out;
		}
		for (size_t i = 0; i < l.n; i++)
			ours |= strcmp(l.items[i].number, a->pos[2]) == 0;
		if (!ours) {
			fprintf(stderr, "csm: %s has no task %s\n", number, a->pos[2]);
			status = CSM_EX_NOINPUT;
			goto out;
		}
		if (domain_case_task_finish(s, a->pos[2],
					    verb[1] == 'l' ? CASE_TASK_CLOSED : CASE_TASK_CANCELED,
					    &err) < 0) {
			status = cli_fail(&err, CSM_EX_DATAERR);
			goto out;
		}
		if (a->json)
			printf("{\"number\":\"%s\",\"state\":\"%s\"}\n", a->pos[2],
			       verb[1] == 'l' ? "closed" : "canceled");
		else
			printf("%s %s\n", a->pos[2], verb[1] == 'l' ? "closed" : "canceled");
	} else if (strcmp(verb, "list") == 0 && a->npos == 2) {
		if (a->json) {
			struct strbuf sb;
			strbuf_init(&sb);
			strbuf_addc(&sb, '[');
			for (size_t i = 0; i < l.n; i++) {
				json_sep(&sb);
				json_task(&sb, &l.items[i]);
			}
			strbuf_addc(&sb, ']');
			print_json(&sb);
		} else {
			for (size_t i = 0; i < l.n; i++)
				printf("%s  %-8s  %-10s  %-10s  %s\n", l.items[i].number,
				       case_task_state_name(l.items[i].state),
				       l.items[i].user_login ? l.items[i].user_login : "-",
				       l.items[i].group_name ? l.items[i].group_name : "-",
				       l.items[i].short_description);
		}
	} else {
		status = sub_usage("task: '%s' is not add, close, cancel or list", verb);
	}
out:
	case_task_list_fini(&l);
	case_record_fini(&c);
	return status;
}

/* ---- required options ------------------------------------------------ */

static bool blank(const char *t)
{
	for (; t && *t; t++)
		if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r')
			return false;
	return true;
}

/* A missing option is a wrong command line (64), said before the database
 * is opened: case new needs --short and a customer (by the business
 * model), a transition's action gets the --code and --notes it needs.  Returns 0, or CSM_EX_USAGE with the message printed. */
static int check_required(const struct cli *cli, const struct sub_spec *spec,
			  const struct case_args *a)
{
	const struct case_input *in = &a->in;

	if (strcmp(spec->name, "new") == 0) {
		if (blank(in->short_description))
			return sub_usage("%s", "new: --short TEXT is required (the case's short "
					       "description)");
		if (blank(in->account) && blank(in->contact) && blank(in->consumer) &&
		    blank(in->service_org) && blank(in->requester))
			return sub_usage("new: the customer is missing: give %s",
					 cli->cfg.model == MODEL_B2B
						 ? "--account ACCT (with an optional --contact CT), "
						   "--contact CT, --service-org SO or --requester LOGIN"
					 : cli->cfg.model == MODEL_B2C
						 ? "--consumer CON (with an optional --household HOLD), "
						   "--service-org SO or --requester LOGIN"
						 : "--account ACCT, --contact CT, --consumer CON, "
						   "--service-org SO or --requester LOGIN");
	}
	if (strcmp(spec->name, "transition") == 0) {
		/* an unknown action is refused (64) by the domain, with the list */
		const struct case_action *act = case_action_find(a->pos[1]);

		if (act && (act->needs & CASE_NEEDS_CODE) && blank(a->tr.code))
			return sub_usage("transition: '%s' needs --code CODE (a resolution code)",
					 a->pos[1]);
		if (act && (act->needs & CASE_NEEDS_NOTES) && blank(a->tr.notes))
			return sub_usage("transition: '%s' needs --notes TEXT (resolution notes)",
					 a->pos[1]);
	}
	return 0;
}

/* ---- dispatch --------------------------------------------------------- */

static const int new_opts[] = {O_ACCOUNT, O_CONTACT, O_CONSUMER, O_HOUSEHOLD, O_SERVICE_ORG,
			       O_REQUESTER, O_SHORT, O_DESCRIPTION, O_ITEM, O_SOLD_PRODUCT,
			       O_PRODUCT, O_ASSET, O_CONTRACT, O_PRIORITY, O_CHANNEL, O_CATEGORY,
			       O_ENTITLEMENT, 0};
static const int list_opts[] = {O_QUEUE, O_UNASSIGNED, O_STATE, O_PRIORITY, O_GROUP, O_CUSTOMER,
				O_SORT, O_LIMIT, O_AFTER, 0};
static const int show_opts[] = {O_NEWEST, 0};
static const int transition_opts[] = {O_CODE, O_NOTES, O_HOURS, O_EXPECT, 0};
static const int comment_opts[] = {O_WORK_NOTE, 0};
static const int assign_opts[] = {O_GROUP, O_TO, O_EXPECT, 0};
static const int update_opts[] = {O_SHORT, O_DESCRIPTION, O_PRIORITY, O_CHANNEL, O_CATEGORY,
				  O_ENTITLEMENT, O_EXPECT, 0};
static const int task_opts[] = {O_TO, O_GROUP, 0};
static const int request_opts[] = {O_APPROVER, O_EXPECT, 0};
static const int decide_opts[] = {O_COMMENT, O_EXPECT, 0};

static const struct sub_spec subs[] = {
	{"new", new_opts, 0, 0, case_new},
	{"list", list_opts, 0, 0, case_list},
	{"show", show_opts, 1, 1, case_show},
	{"transition", transition_opts, 2, 2, case_transition},
	{"comment", comment_opts, 2, 2, case_comment},
	{"assign", assign_opts, 1, 1, case_assign},
	{"update", update_opts, 1, 1, case_update},
	{"task", task_opts, 1, 3, case_task},
	{"request-approval", request_opts, 1, 1, case_approval},
	{"approve", decide_opts, 1, 1, case_approval},
	{"reject", decide_opts, 1, 1, case_approval},
};

int cmd_case(struct cli *cli, int argc, char **argv)
{
	const struct sub_spec *spec = NULL;
	struct case_args a;
	struct store *s;
	int status = 0;
	const char *sub;

	if (argc < 2)
		return sub_usage("%s", "give a subcommand");
	sub = argv[1];
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(subs[i].name, sub) == 0)
			spec = &subs[i];
	if (!spec)
		return sub_usage("'%s' is not a case subcommand", sub);
	if ((status = parse_args(spec, argc - 1, argv + 1, &a)) != 0 ||
	    (status = check_required(cli, spec, &a)) != 0)
		return status;
	if (!(s = cli_store(cli, 0, &status)))
		return status;

	return spec->run(cli, s, sub, &a);
}
