/* cases.c - the case queues: my open cases, my groups' cases, all open
 * cases, awaiting approval, awaiting my approval; sorted and filtered in the database, paged by
 * keyset so that a queue of any length costs one page (see cases.h). */
#include "ui/screens/cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/case.h"
#include "domain/party.h"
#include "model/party.h"
#include "store/access.h"
#include "ui/draw.h"
#include "ui/permit.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "util/clock.h"
#include "util/xalloc.h"

#define LIST_Y 3 /* body rows above the list: queues, sort and filters, headings */

/* What the dialog is asking (dialog.tag). */
enum {
	ASK_FILTER_WHAT = 1, ASK_FILTER_STATE, ASK_FILTER_PRIORITY, ASK_FILTER_GROUP,
	ASK_DECIDE, /* the comment of an approval or rejection */
};

static const struct {
	enum case_queue queue; /* the store's queue */
	const char *title;     /* the tab's title */
	const char *tab;       /* short title for narrow terminals */
} queues[CASES_QUEUE_COUNT] = {
	[CASES_MINE] = {CASE_QUEUE_MINE, "My open cases", "Mine"},
	[CASES_GROUPS] = {CASE_QUEUE_GROUPS, "My groups' cases", "Groups"},
	[CASES_OPEN] = {CASE_QUEUE_OPEN, "All open", "Open"},
	[CASES_APPROVAL] = {CASE_QUEUE_APPROVAL, "Awaiting approval", "Approval"},
	[CASES_MY_APPROVAL] = {CASE_QUEUE_APPROVAL, "Awaiting my approval", "To approve"},
};

const enum case_sort cases_sort_cycle[CASE_SORT_COUNT] = {
	CASE_SORT_PRIORITY, CASE_SORT_OPENED, CASE_SORT_UPDATED, CASE_SORT_NUMBER,
};

const char *cases_queue_title(enum cases_queue q)
{
	return (unsigned)q < CASES_QUEUE_COUNT ? queues[q].title : "?";
}

/* ---- the list source -------------------------------------------------- */

static void free_case(void *p)
{
	struct case_record *c = p;

	case_record_fini(c);
	free(c);
}

/* Pages the queue forwards, or backwards (the store's reverse walk) when
 * the list scrolls up past rows it dropped or jumps to the end. */
static int queue_fetch(void *ctx, const struct list_row *anchor, int dir, size_t limit,
		       struct list_rows *out, struct csm_error *err)
{
	struct cases_state *st = ctx;
	struct case_query q = st->q;
	struct page_req pg = {anchor ? anchor->key : NULL, anchor ? anchor->id : 0, limit};
	struct case_list cl = {0};

	q.reverse = dir < 0;
	if (domain_case_list(st->store, &q, &pg, &cl, err) < 0) {
		case_list_fini(&cl);
		return -1;
	}
	for (size_t i = 0; i < cl.n; i++) {
		struct case_record *c = xmalloc(sizeof *c);
		char *key;

		*c = cl.items[i];
		key = case_sort_key(c, q.sort);
		list_rows_push(out, c->id, key, c);
		free(key);
	}
	free(cl.items);
	return 0;
}

static const struct list_source queue_source = {
	.fetch = queue_fetch,
	.free_data = free_case,
};

/* ---- state ------------------------------------------------------------ */

static bool personal(enum cases_queue q)
{
	return q == CASES_MINE || q == CASES_GROUPS;
}

static void say_no_user(struct screen *s)
{
	ui_message(s->ui, "Your login '%s' has no csm user: no cases are yours or your groups'",
		   store_actor(ui_store(s->ui)));
}

/* Reloads the queue; keeps the selection on keep_id when it is still in
 * the first pages. */
static void reload(struct screen *s, int64_t keep_id)
{
	struct cases_state *st = s->state;

	if (list_reload(&st->list) < 0)
		ui_error(s->ui, "Cannot list the cases: %s", st->list.err.msg);
	if (keep_id)
		for (size_t i = 0; i < st->list.n; i++)
			if (st->list.rows[i].id == keep_id) {
				list_move(&st->list, (long)i - (long)st->list.sel);
				break;
			}
	s->redraw = true;
}

static void set_queue(struct screen *s, enum cases_queue q)
{
	struct cases_state *st = s->state;

	st->queue = q;
	st->q.queue = queues[q].queue;
	st->q.may_decide = q == CASES_MY_APPROVAL;
	reload(s, 0);
	if (personal(q) && st->no_user)
		say_no_user(s);
}

static int cases_open(struct screen *s, const struct screen_arg *arg, struct csm_error *err)
{
	struct cases_state *st = s->state;
	struct user u = {0};
	unsigned roles;
	int rc;

	(void)arg;
	st->store = ui_store(s->ui);
	case_query_init(&st->q);
	dialog_init(&st->dlg);
	list_init(&st->list, &queue_source, st);
	rc = party_acting_user(st->store, &u, err);
	st->q.user_id = rc == 1 ? u.id : 0;
	user_fini(&u);
	if (rc < 0)
		return -1;
	st->no_user = rc == 0;
	/* A stakeholder comes here to decide approvals; a user who is assigned
	 * no cases (a viewer, a contributor, a customer, a consumer) to the
	 * open cases it may see. */
	roles = store_access_roles(st->store);
	if (roles & ROLE_BIT(ROLE_STAKEHOLDER))
		set_queue(s, CASES_MY_APPROVAL);
	else if (!store_access_all(st->store) || roles == ROLE_BIT(ROLE_VIEWER))
		set_queue(s, CASES_OPEN);
	else
		set_queue(s, CASES_MINE);
	return 0;
}

static void cases_close(struct screen *s)
{
	struct cases_state *st = s->state;

	list_fini(&st->list);
	dialog_fini(&st->dlg);
	case_choice_list_fini(&st->groups);
	free(st->deciding);
}

static void cases_layout(struct screen *s, int rows, int cols)
{
	struct cases_state *st = s->state;
	struct cases_cols *c = &st->cols;
	int rest;

	list_set_area(&st->list, LIST_Y, rows - LIST_Y > 1 ? rows - LIST_Y : 1);
	dialog_layout(&st->dlg, rows, cols);
	/* Columns drop as the terminal narrows: assignee, customer, age, the
	 * priority's word, the state's width. */
	memset(c, 0, sizeof *c);
	c->number = 10;
	c->long_priority = cols >= 100;
	c->priority = c->long_priority ? 10 : 3;
	c->state = cols >= 60 ? 13 : 8;
	c->age = cols >= 60 ? 4 : 0;
	rest = cols - 1 - (c->number + 1) - (c->priority + 1) - (c->state + 1) -
	       (c->age ? c->age + 1 : 0);
	if (cols >= 80) {
		c->assigned = cols >= 100 ? 12 : 10;
		rest -= c->assigned + 1;
		c->customer = rest * 40 / 100;
		c->desc = rest - c->customer - 1;
	} else {
		c->desc = rest;
	}
	s->redraw = true;
}

/* ---- filters ---------------------------------------------------------- */

static void ask_filter_what(struct screen *s)
{
	struct cases_state *st = s->state;
	char state[64], prio[64], group[200];
	const char *labels[4], *details[4];

	snprintf(state, sizeof state, "%s",
		 st->q.state >= 0 ? case_state_label((enum case_state)st->q.state) : "any");
	snprintf(prio, sizeof prio, "%s", st->q.priority ? case_priority_label(st->q.priority) : "any");
	snprintf(group, sizeof group, "%s", st->group_name[0] ? st->group_name : "any");
	labels[0] = "State";
	details[0] = state;
	labels[1] = "Priority";
	details[1] = prio;
	labels[2] = "Group";
	details[2] = group;
	labels[3] = "Clear all filters";
	details[3] = NULL;
	dialog_pick(&st->dlg, ASK_FILTER_WHAT, "Filter by", labels, details, 4, 0);
}

static void ask_filter_value(struct screen *s, size_t what)
{
	struct cases_state *st = s->state;
	struct csm_error err = {0};
	const char *labels[CASE_STATE_COUNT + 1];
	char prios[CASE_PRIORITY_MAX + 1][32];
	const char **glabels;

	switch (what) {
	case 0:
		labels[0] = "any";
		for (int i = 0; i < CASE_STATE_COUNT; i++)
			labels[i + 1] = case_state_label((enum case_state)i);
		dialog_pick(&st->dlg, ASK_FILTER_STATE, "State", labels, NULL, CASE_STATE_COUNT + 1,
			    (size_t)(st->q.state + 1));
		break;
	case 1:
		labels[0] = "any";
		for (int p = CASE_PRIORITY_MIN; p <= CASE_PRIORITY_MAX; p++) {
			snprintf(prios[p], sizeof prios[p], "%d %s", p, case_priority_label(p));
			labels[p] = prios[p];
		}
		dialog_pick(&st->dlg, ASK_FILTER_PRIORITY, "Priority", labels, NULL,
			    CASE_PRIORITY_MAX + 1, (size_t)st->q.priority);
		break;
	case 2:
		case_choice_list_fini(&st->groups);
		if (store_case_group_choices(st->store, &st->groups, &err) < 0) {
			dialog_close(&st->dlg);
			ui_error(s->ui, "Cannot list the groups: %s", err.msg);
			return;
		}
		glabels = xcalloc(st->groups.n + 1, sizeof *glabels);
		glabels[0] = "any";
		for (size_t i = 0; i < st->groups.n; i++)
			glabels[i + 1] = st->groups.items[i].key;
		dialog_pick(&st->dlg, ASK_FILTER_GROUP, "Assignment group", glabels, NULL,
			    st->groups.n + 1, 0);
		free(glabels);
		break;
	default:
		dialog_close(&st->dlg);
		st->q.state = -1;
		st->q.priority = 0;
		st->q.group_id = 0;
		st->group_name[0] = '\0';
		reload(s, 0);
		break;
	}
}

static void set_group_filter(struct screen *s, size_t choice)
{
	struct cases_state *st = s->state;
	struct csm_error err = {0};

	if (choice == 0 || choice > st->groups.n) {
		st->q.group_id = 0;
		st->group_name[0] = '\0';
		return;
	}
	if (domain_case_query_group(st->store, &st->q, st->groups.items[choice - 1].key, &err) < 0) {
		ui_error(s->ui, "%s", err.msg);
		return;
	}
	snprintf(st->group_name, sizeof st->group_name, "%s", st->groups.items[choice - 1].key);
}

/* ---- approvals -------------------------------------------------------- */

/* The selected case when the acting user may approve or reject it now;
 * else NULL with the reason in why. */
static const struct case_record *decidable(const struct screen *s, char *why, size_t size)
{
	const struct cases_state *st = s->state;
	const struct list_row *row = list_selected(&st->list);
	const struct case_record *c = row ? row->data : NULL;
	struct csm_error err = {0};
	char what[80];
	int rights;

	if (!c) {
		if (why)
			snprintf(why, size, "No case selected to approve or reject");
		return NULL;
	}
	if (c->approval != CASE_APPROVAL_REQUESTED) {
		if (why)
			snprintf(why, size, "%s: no approval is requested (approval: %s)", c->number,
				 case_approval_name(c->approval));
		return NULL;
	}
	rights = store_case_rights(st->store, c->id, &err);
	if (rights < 0) {
		if (why)
			snprintf(why, size, "%s", err.msg);
		return NULL;
	}
	if (!(rights & CASE_APPROVE)) {
		snprintf(what, sizeof what, "approve or reject %s", c->number);
		permit_refuse(st->store, what, why, size);
		return NULL;
	}
	return c;
}

static void ask_decide(struct screen *s, bool approve)
{
	struct cases_state *st = s->state;
	const struct case_record *c = decidable(s, NULL, 0);
	char title[160];

	if (!c)
		return;
	free(st->deciding);
	st->deciding = xstrdup(c->number);
	st->deciding_version = c->version;
	st->approving = approve;
	snprintf(title, sizeof title, "%s %s: comment (optional)", approve ? "Approve" : "Reject",
		 c->number);
	dialog_input(&st->dlg, ASK_DECIDE, title, c->short_description, NULL, false);
}

/* Approves or rejects st->deciding with the dialog's text as the comment;
 * a refusal stays in the dialog. */
static void decide(struct screen *s)
{
	struct cases_state *st = s->state;
	struct case_outcome out = {0};
	struct csm_error err = {0};
	const char *text = dialog_text(&st->dlg);

	if (domain_case_decide(st->store, st->deciding, st->deciding_version, st->approving,
			       text && *text ? text : NULL, &out, &err) < 0) {
		case_outcome_fini(&out);
		dialog_set_error(&st->dlg, err.msg);
		return;
	}
	case_outcome_fini(&out);
	dialog_close(&st->dlg);
	reload(s, 0);
	ui_message(s->ui, "%s %s", st->deciding, st->approving ? "approved" : "rejected");
}

/* What the keys of the queues need. */
static const struct permit cases_permits_table[] = {
	{ACT_NEW, ACCESS_CREATE_CASES, "open cases"},
};

static bool cases_permits(const struct screen *s, enum action a, char *why, size_t size)
{
	const struct cases_state *st = s->state;

	if (dialog_active(&st->dlg))
		return true;
	if (a == ACT_CASE_APPROVE || a == ACT_CASE_REJECT)
		return decidable(s, why, size) != NULL;
	return permit_check(st->store, cases_permits_table,
			    sizeof cases_permits_table / sizeof cases_permits_table[0], a, why, size);
}

static void dialog_answered(struct screen *s)
{
	struct cases_state *st = s->state;
	size_t choice = dialog_choice(&st->dlg);

	switch (st->dlg.tag) {
	case ASK_DECIDE:
		decide(s);
		return;
	case ASK_FILTER_WHAT:
		ask_filter_value(s, choice);
		return;
	case ASK_FILTER_STATE:
		st->q.state = (int)choice - 1;
		break;
	case ASK_FILTER_PRIORITY:
		st->q.priority = (int)choice;
		break;
	case ASK_FILTER_GROUP:
		set_group_filter(s, choice);
		break;
	default:
		break;
	}
	dialog_close(&st->dlg);
	reload(s, 0);
}

/* ---- keys ------------------------------------------------------------- */

static void open_selected(struct screen *s)
{
	struct cases_state *st = s->state;
	const struct list_row *row = list_selected(&st->list);
	const struct case_record *c;

	if (!row) {
		ui_message(s->ui, "No case to open in this queue");
		return;
	}
	c = row->data;
	ui_open_record(s->ui, SK_CASE, c->id, c->number);
}

static void next_sort(struct screen *s)
{
	struct cases_state *st = s->state;
	size_t i = 0;

	while (i < CASE_SORT_COUNT && cases_sort_cycle[i] != st->q.sort)
		i++;
	st->q.sort = cases_sort_cycle[(i + 1) % CASE_SORT_COUNT];
	reload(s, 0);
	ui_message(s->ui, "Sorted by %s", case_sort_name(st->q.sort));
}

static enum action cases_handle(struct screen *s, enum action a, const struct key_event *ev)
{
	struct cases_state *st = s->state;

	s->redraw = true;
	if (dialog_active(&st->dlg)) {
		switch (dialog_handle(&st->dlg, a, ev)) {
		case DIALOG_ACCEPTED:
			dialog_answered(s);
			return ACT_NONE;
		case DIALOG_PASS:
			return a;
		default:
			return ACT_NONE;
		}
	}
	if (list_handle(&st->list, a, ev))
		return ACT_NONE;
	switch (a) {
	case ACT_OPEN:
		open_selected(s);
		return ACT_NONE;
	case ACT_MOUSE:
		if (ev && ev->mouse_double)
			open_selected(s);
		return ACT_NONE;
	case ACT_CASES_QUEUE_MINE:
	case ACT_CASES_QUEUE_GROUPS:
	case ACT_CASES_QUEUE_OPEN:
	case ACT_CASES_QUEUE_APPROVAL:
	case ACT_CASES_QUEUE_MY_APPROVAL:
		set_queue(s, (enum cases_queue)(a - ACT_CASES_QUEUE_MINE));
		return ACT_NONE;
	case ACT_CASES_NEXT_QUEUE:
		set_queue(s, (enum cases_queue)((st->queue + 1) % CASES_QUEUE_COUNT));
		return ACT_NONE;
	case ACT_SORT:
		next_sort(s);
		return ACT_NONE;
	case ACT_FILTER:
		ask_filter_what(s);
		return ACT_NONE;
	case ACT_RELOAD: {
		const struct list_row *row = list_selected(&st->list);
		reload(s, row ? row->id : 0);
		return ACT_NONE;
	}
	case ACT_NEW:
		ui_create_record(s->ui, SK_CASE);
		return ACT_NONE;
	case ACT_CASE_APPROVE:
	case ACT_CASE_REJECT:
		ask_decide(s, a == ACT_CASE_APPROVE);
		return ACT_NONE;
	default:
		return a;
	}
}

static void cases_resume(struct screen *s)
{
	struct cases_state *st = s->state;
	const struct list_row *row = list_selected(&st->list);

	/* The case view may have changed, closed or reassigned the case. */
	reload(s, row ? row->id : 0);
}

static const char *cases_keymap(const struct screen *s, bool *text_input)
{
	const struct cases_state *st = s->state;

	if (dialog_active(&st->dlg))
		return dialog_keymap(&st->dlg, text_input);
	*text_input = false;
	return "cases";
}

/* ---- drawing ---------------------------------------------------------- */

/* "3d", "5h", "12m": how long ago opened_at was. */
static void age_label(const char *at, char *buf, size_t size)
{
	struct tm tm = {0};
	long secs;

	buf[0] = '\0';
	if (!at || sscanf(at, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	secs = (long)(clock_now() - timegm(&tm));
	if (secs < 0)
		secs = 0;
	if (secs < 3600)
		snprintf(buf, size, "%ldm", secs / 60);
	else if (secs < 86400)
		snprintf(buf, size, "%ldh", secs / 3600);
	else if (secs < 86400L * 730)
		snprintf(buf, size, "%ldd", secs / 86400);
	else
		snprintf(buf, size, "%ldy", secs / (86400L * 365));
}

static void draw_case(const void *ctx, const struct list_row *row, WINDOW *w, int y, int x,
		      int width, bool selected)
{
	const struct cases_state *st = ctx;
	const struct cases_cols *c = &st->cols;
	const struct case_record *cr = row->data;
	attr_t base = selected ? theme_attr(THEME_SELECTED) : theme_attr(THEME_NORMAL);
	attr_t prio = base;
	char pri[32], age[16];
	char *customer;

	if (c->long_priority)
		snprintf(pri, sizeof pri, "%d %s", cr->priority, case_priority_label(cr->priority));
	else
		snprintf(pri, sizeof pri, "%d", cr->priority);
	if (!selected && cr->priority <= 1)
		prio = theme_attr(THEME_ERROR);
	draw_fill(w, y, x, width, base);
	x = draw_text(w, y, x + 1, cr->number, c->number, base) + 1;
	x = draw_text(w, y, x, pri, c->priority, prio) + 1;
	x = draw_text(w, y, x, case_state_label(cr->state), c->state, base) + 1;
	if (c->customer) {
		customer = case_customer_label(cr);
		x = draw_text(w, y, x, customer, c->customer, base) + 1;
		free(customer);
	}
	x = draw_text(w, y, x, cr->short_description, c->desc, base) + 1;
	if (c->assigned)
		x = draw_text(w, y, x, cr->assigned_login ? cr->assigned_login : cr->group_name,
			      c->assigned, cr->assigned_login || selected ? base : theme_attr(THEME_DIM)) +
		    1;
	if (c->age) {
		age_label(cr->opened_at, age, sizeof age);
		draw_text(w, y, x, age, c->age, selected ? base : theme_attr(THEME_DIM));
	}
}

static void draw_tabs(const struct screen *s, WINDOW *w)
{
	const struct cases_state *st = s->state;
	int x = 0, need = 0;
	bool wide;

	/* The titles when they all fit, else the short ones. */
	for (int i = 0; i < CASES_QUEUE_COUNT; i++)
		need += (int)strlen(queues[i].title) + 5;
	wide = need <= s->cols;

	draw_fill(w, 0, 0, s->cols, theme_attr(THEME_NORMAL));
	for (int i = 0; i < CASES_QUEUE_COUNT && x < s->cols; i++) {
		char tab[64];
		attr_t attr = i == (int)st->queue ? theme_attr(THEME_SELECTED) : theme_attr(THEME_DIM);

		snprintf(tab, sizeof tab, " %d %s ", i + 1, wide ? queues[i].title : queues[i].tab);
		x = draw_str(w, 0, x, tab, s->cols - x, attr);
		if (x < s->cols)
			x++;
	}
}

static void draw_summary(const struct screen *s, WINDOW *w)
{
	const struct cases_state *st = s->state;
	char line[400];
	int n;

	n = snprintf(line, sizeof line, "%s, by %s", cases_queue_title(st->queue),
		     case_sort_name(st->q.sort));
	if (st->q.state >= 0 && n < (int)sizeof line)
		n += snprintf(line + n, sizeof line - (size_t)n, "  state: %s",
			      case_state_label((enum case_state)st->q.state));
	if (st->q.priority && n < (int)sizeof line)
		n += snprintf(line + n, sizeof line - (size_t)n, "  priority: %d", st->q.priority);
	if (st->group_name[0] && n < (int)sizeof line)
		snprintf(line + n, sizeof line - (size_t)n, "  group: %s", st->group_name);
	draw_text(w, 1, 1, line, s->cols - 2, theme_attr(THEME_DIM));
}

static void draw_headings(const struct screen *s, WINDOW *w)
{
	const struct cases_state *st = s->state;
	const struct cases_cols *c = &st->cols;
	attr_t h = theme_attr(THEME_HEADING);
	int x = 1;

	draw_fill(w, 2, 0, s->cols, A_NORMAL);
	x = draw_text(w, 2, x, "Number", c->number, h) + 1;
	x = draw_text(w, 2, x, c->long_priority ? "Priority" : "Pri", c->priority, h) + 1;
	x = draw_text(w, 2, x, "State", c->state, h) + 1;
	if (c->customer)
		x = draw_text(w, 2, x, "Customer", c->customer, h) + 1;
	x = draw_text(w, 2, x, "Short description", c->desc, h) + 1;
	if (c->assigned)
		x = draw_text(w, 2, x, "Assigned", c->assigned, h) + 1;
	if (c->age)
		draw_text(w, 2, x, "Age", c->age, h);
}

static void draw_empty(const struct screen *s, WINDOW *w)
{
	const struct cases_state *st = s->state;
	char line[1200];

	if (st->list.err.msg[0])
		snprintf(line, sizeof line, "Cannot list the cases: %s", st->list.err.msg);
	else if (personal(st->queue) && st->no_user)
		snprintf(line, sizeof line,
			 "Your login '%s' has no csm user, so no cases are assigned to you or your "
			 "groups. An admin can add one (csm party user add). Press 3 for all open "
			 "cases.",
			 store_actor(st->store));
	else if (st->queue == CASES_MY_APPROVAL && st->q.state < 0 && !st->q.priority &&
		 !st->q.group_id)
		snprintf(line, sizeof line, "No case awaits your approval.");
	else if (st->q.state >= 0 || st->q.priority || st->q.group_id)
		snprintf(line, sizeof line, "No cases in this queue match the filter (f changes it).");
	else
		snprintf(line, sizeof line, "No cases in this queue.");
	draw_wrap(w, LIST_Y, 1, line, s->cols - 2, s->rows - LIST_Y,
		  st->list.err.msg[0] ? theme_attr(THEME_ERROR) : theme_attr(THEME_NORMAL));
}

static void cases_draw(const struct screen *s, WINDOW *w)
{
	const struct cases_state *st = s->state;

	draw_tabs(s, w);
	draw_summary(s, w);
	draw_headings(s, w);
	list_draw(&st->list, w, 0, s->cols, draw_case, st);
	if (st->list.n == 0)
		draw_empty(s, w);
	dialog_draw(&st->dlg, w, s->rows, s->cols);
}

const struct screen_ops cases_screen = {
	.name = "cases",
	.title = "Cases",
	.flags = SCREEN_NAMED,
	.state_size = sizeof(struct cases_state),
	.open = cases_open,
	.close = cases_close,
	.layout = cases_layout,
	.draw = cases_draw,
	.handle = cases_handle,
	.keymap = cases_keymap,
	.resume = cases_resume,
	.permits = cases_permits,
};
