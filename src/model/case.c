/* case.c - case states, the state machine table and the case structs. */
#include "model/case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

#define B(st) CASE_STATE_BIT(st)
/* "any but resolved, closed, canceled" */
#define ACTIVE_UNRESOLVED (B(CASE_NEW) | B(CASE_OPEN) | B(CASE_AWAITING_INFO))

const struct case_action case_actions[] = {
	{"accept", "assign", "Accept", B(CASE_NEW), CASE_OPEN, 0, "agent",
	 "take a new case on (assigning a new case does it too)"},
	{"request_info", NULL, "Request info", B(CASE_OPEN), CASE_AWAITING_INFO, 0, "agent",
	 "ask the customer for information; the case waits for them"},
	{"customer_update", NULL, "Customer update", B(CASE_AWAITING_INFO), CASE_OPEN, 0,
	 "customer", "the customer gave the information asked for"},
	{"reopen", NULL, "Reopen", B(CASE_AWAITING_INFO), CASE_OPEN, 0, "agent",
	 "stop waiting for the customer and work the case again"},
	{"propose_solution", "resolve", "Propose solution",
	 B(CASE_OPEN) | B(CASE_AWAITING_INFO), CASE_RESOLVED, CASE_NEEDS_CODE | CASE_NEEDS_NOTES,
	 "agent", "offer a solution with a resolution code and notes"},
	{"accept_solution", NULL, "Accept solution", B(CASE_RESOLVED), CASE_CLOSED, 0, "customer",
	 "the customer accepts the solution; the case closes"},
	{"reject_solution", NULL, "Reject solution", B(CASE_RESOLVED), CASE_OPEN, 0, "customer",
	 "the customer rejects the solution; the case is worked again"},
	{"close", NULL, "Close", ACTIVE_UNRESOLVED, CASE_CLOSED, CASE_NEEDS_NOTES, "agent",
	 "close the case without a customer decision (notes required)"},
	{"cancel", NULL, "Cancel", ACTIVE_UNRESOLVED, CASE_CANCELED, 0, "agent",
	 "the case was opened by mistake or is no longer needed"},
};
const size_t case_action_count = sizeof case_actions / sizeof case_actions[0];

static const char *const state_names[CASE_STATE_COUNT] = {
	"new", "open", "awaiting_info", "resolved", "closed", "canceled",
};
static const char *const state_labels[CASE_STATE_COUNT] = {
	"new", "open", "awaiting info", "resolved", "closed", "canceled",
};

const char *case_state_name(enum case_state st)
{
	return (unsigned)st < CASE_STATE_COUNT ? state_names[st] : "?";
}

const char *case_state_label(enum case_state st)
{
	return (unsigned)st < CASE_STATE_COUNT ? state_labels[st] : "?";
}

/* Compares names with '-', '_' and ' ' taken as the same character. */
static bool same_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = (*a == '-' || *a == ' ') ? '_' : *a;
		char y = (*b == '-' || *b == ' ') ? '_' : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

int case_state_parse(const char *s, enum case_state *out)
{
	for (int i = 0; s && i < CASE_STATE_COUNT; i++)
		if (same_name(s, state_names[i])) {
			*out = (enum case_state)i;
			return 0;
		}
	return -1;
}

bool case_state_read_only(enum case_state st)
{
	return st == CASE_CLOSED || st == CASE_CANCELED;
}

static const char *const approval_names[CASE_APPROVAL_COUNT] = {
	"not_requested", "requested", "approved", "rejected",
};

const char *case_approval_name(enum case_approval a)
{
	return (unsigned)a < CASE_APPROVAL_COUNT ? approval_names[a] : "?";
}

int case_approval_parse(const char *s, enum case_approval *out)
{
	for (int i = 0; s && i < CASE_APPROVAL_COUNT; i++)
		if (same_name(s, approval_names[i])) {
			*out = (enum case_approval)i;
			return 0;
		}
	return -1;
}

const struct case_action *case_action_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < case_action_count; i++)
		if (same_name(name, case_actions[i].name) ||
		    (case_actions[i].alias && same_name(name, case_actions[i].alias)))
			return &case_actions[i];
	return NULL;
}

bool case_action_allowed(const struct case_action *a, enum case_state st)
{
	return a && (unsigned)st < CASE_STATE_COUNT && (a->from & B(st));
}

size_t case_actions_possible(enum case_state st, char *buf, size_t size)
{
	size_t n = 0, used = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < case_action_count; i++) {
		if (!case_action_allowed(&case_actions[i], st))
			continue;
		if (size && used < size) {
			int w = snprintf(buf + used, size - used, "%s%s", n ? ", " : "",
					 case_actions[i].name);
			used += w > 0 ? (size_t)w : 0;
		}
		n++;
	}
	return n;
}

/* "a new, open or awaiting info case": the states of a mask for messages. */
static void describe_states(unsigned mask, struct strbuf *sb)
{
	int total = 0, seen = 0;

	for (int i = 0; i < CASE_STATE_COUNT; i++)
		total += (mask & B(i)) != 0;
	for (int i = 0; i < CASE_STATE_COUNT; i++) {
		if (!(mask & B(i)))
			continue;
		if (seen == 0)
			strbuf_adds(sb, strchr("aeiou", state_labels[i][0]) ? "an " : "a ");
		else
			strbuf_adds(sb, seen == total - 1 ? " or " : ", ");
		strbuf_adds(sb, state_labels[i]);
		seen++;
	}
	strbuf_adds(sb, " case");
}

const struct case_action *case_action_check(const char *number, enum case_state st,
					    const char *name, struct csm_error *err)
{
	const struct case_action *a = case_action_find(name);
	char possible[256];
	struct strbuf sb;

	case_actions_possible(st, possible, sizeof possible);
	if (case_state_read_only(st)) {
		csm_error_set(err, CSM_EX_DATAERR, "%s is %s: %s cases are read-only, no action is possible",
			      number, state_labels[st], state_labels[st]);
		return NULL;
	}
	if (!a) {
		csm_error_set(err, CSM_EX_USAGE, "'%s' is not a case action (possible for %s, which is %s: %s)",
			      name ? name : "", number, state_labels[st], possible);
		return NULL;
	}
	if (case_action_allowed(a, st))
		return a;
	strbuf_init(&sb);
	describe_states(a->from, &sb);
	csm_error_set(err, CSM_EX_DATAERR, "%s is %s: '%s' needs %s (possible: %s)", number,
		      state_labels[st], a->name, sb.buf, possible);
	strbuf_fini(&sb);
	return NULL;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

int case_action_check_fields(const struct case_action *a, const char *number, const char *code,
			     const char *notes, struct csm_error *err)
{
	bool no_code = (a->needs & CASE_NEEDS_CODE) && blank(code);
	bool no_notes = (a->needs & CASE_NEEDS_NOTES) && blank(notes);

	if (no_code && no_notes)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: '%s' needs a resolution code and resolution notes", number,
				     a->name);
	if (no_code)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: '%s' needs a resolution code", number,
				     a->name);
	if (no_notes)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: '%s' needs resolution notes", number,
				     a->name);
	return 0;
}

const char *case_priority_label(int priority)
{
	static const char *const labels[] = {"critical", "high", "moderate", "low"};
	if (priority < CASE_PRIORITY_MIN || priority > CASE_PRIORITY_MAX)
		return "?";
	return labels[priority - 1];
}

void case_record_init(struct case_record *c)
{
	memset(c, 0, sizeof *c);
	c->state = CASE_NEW;
	c->priority = CASE_PRIORITY_MAX;
	c->approval = CASE_APPROVAL_NOT_REQUESTED;
	c->entitlement_remaining = -1;
}

void case_record_fini(struct case_record *c)
{
	char **owned[] = {
		&c->number, &c->short_description, &c->description, &c->channel, &c->category,
		&c->opened_at, &c->resolution_code, &c->resolution_notes, &c->resolved_at,
		&c->closed_at, &c->updated_at, &c->account_number, &c->account_name,
		&c->contact_number, &c->contact_name, &c->consumer_number, &c->consumer_name,
		&c->household_number, &c->household_name, &c->service_org_number,
		&c->service_org_name, &c->requester_login, &c->product_model, &c->product_name,
		&c->asset_tag, &c->item_number, &c->item_name, &c->sold_product_number,
		&c->contract_number, &c->entitlement_name, &c->entitlement_per_unit,
		&c->group_name, &c->assigned_login, &c->opened_by_login, &c->resolved_by_login,
		&c->closed_by_login, &c->approver_login,
	};
	for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
		free(*owned[i]);
	case_record_init(c);
}

/* Appends "name (number)" or whichever of the two is known. */
static void add_named(struct strbuf *sb, const char *name, const char *number)
{
	if (sb->len)
		strbuf_adds(sb, " / ");
	if (name && number)
		strbuf_addf(sb, "%s (%s)", name, number);
	else
		strbuf_adds(sb, name ? name : number);
}

char *case_customer_label(const struct case_record *c)
{
	struct strbuf sb;

	strbuf_init(&sb);
	if (c->account_name || c->account_number)
		add_named(&sb, c->account_name, c->account_number);
	if (c->contact_name || c->contact_number)
		add_named(&sb, c->contact_name, c->contact_number);
	if (c->consumer_name || c->consumer_number)
		add_named(&sb, c->consumer_name, c->consumer_number);
	if (c->household_name || c->household_number)
		add_named(&sb, c->household_name, c->household_number);
	if (c->service_org_name || c->service_org_number)
		add_named(&sb, c->service_org_name, c->service_org_number);
	if (c->requester_login)
		add_named(&sb, c->requester_login, NULL);
	return strbuf_take(&sb);
}

static const char *const sort_names[CASE_SORT_COUNT] = {"priority", "number", "updated",
							       "opened"};

const char *case_sort_name(enum case_sort s)
{
	return (unsigned)s < CASE_SORT_COUNT ? sort_names[s] : "?";
}

int case_sort_parse(const char *s, enum case_sort *out)
{
	for (int i = 0; s && i < CASE_SORT_COUNT; i++)
		if (strcmp(s, sort_names[i]) == 0) {
			*out = (enum case_sort)i;
			return 0;
		}
	return -1;
}

char *case_sort_key(const struct case_record *c, enum case_sort s)
{
	switch (s) {
	case CASE_SORT_NUMBER:
		return xstrdup(c->number ? c->number : "");
	case CASE_SORT_UPDATED:
		return xstrdup(c->updated_at ? c->updated_at : "");
	case CASE_SORT_OPENED:
		return xstrdup(c->opened_at ? c->opened_at : "");
	case CASE_SORT_PRIORITY:
	default:
		return xasprintf("%d|%s", c->priority, c->opened_at ? c->opened_at : "");
	}
}

static const char *const queue_names[CASE_QUEUE_COUNT] = {
	"mine", "groups", "open", "approval", "all",
};

const char *case_queue_name(enum case_queue q)
{
	return (unsigned)q < CASE_QUEUE_COUNT ? queue_names[q] : "?";
}

int case_queue_parse(const char *s, enum case_queue *out)
{
	for (int i = 0; s && i < CASE_QUEUE_COUNT; i++)
		if (strcmp(s, queue_names[i]) == 0) {
			*out = (enum case_queue)i;
			return 0;
		}
	return -1;
}

void case_query_init(struct case_query *q)
{
	memset(q, 0, sizeof *q);
	q->queue = CASE_QUEUE_OPEN;
	q->state = -1;
	q->sort = CASE_SORT_PRIORITY;
}

static const char *const journal_kinds[] = {"comment", "work_note", "system"};

const char *case_journal_kind_name(enum case_journal_kind k)
{
	return (unsigned)k < 3 ? journal_kinds[k] : "?";
}

int case_journal_kind_parse(const char *s, enum case_journal_kind *out)
{
	for (int i = 0; s && i < 3; i++)
		if (same_name(s, journal_kinds[i])) {
			*out = (enum case_journal_kind)i;
			return 0;
		}
	return -1;
}

void case_journal_list_fini(struct case_journal_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].body);
		free(l->items[i].author);
		free(l->items[i].created_at);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

static const char *const task_states[] = {"open", "closed", "canceled"};

const char *case_task_state_name(enum case_task_state st)
{
	return (unsigned)st < 3 ? task_states[st] : "?";
}

int case_task_state_parse(const char *s, enum case_task_state *out)
{
	for (int i = 0; s && i < 3; i++)
		if (strcmp(s, task_states[i]) == 0) {
			*out = (enum case_task_state)i;
			return 0;
		}
	return -1;
}

void case_task_fini(struct case_task *t)
{
	free(t->number);
	free(t->short_description);
	free(t->user_login);
	free(t->group_name);
	free(t->created_at);
	free(t->closed_at);
	memset(t, 0, sizeof *t);
}

void case_task_list_fini(struct case_task_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		case_task_fini(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void case_list_fini(struct case_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		case_record_fini(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}
