/* case_view.c - one case: fields, journal, tasks, related parties, and the
 * changes possible now (see case_view.h). */
#include "ui/screens/case_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case.h"
#include "domain/party.h"
#include "store/access.h"
#include "store/case_store.h"
#include "ui/draw.h"
#include "ui/permit.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "util/utf8.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define JOURNAL_PAGE 100 /* journal entries shown, newest first */
#define LABEL_W 14       /* width of a field's label */

/* What the dialog is asking (dialog.tag). */
enum {
	ASK_MENU = 1,    /* the actions menu */
	ASK_CONFIRM,     /* a state change with nothing to fill in, from its key */
	ASK_CODE,        /* the resolution code */
	ASK_NOTES,       /* resolution notes */
	ASK_COMMENT,     /* a comment */
	ASK_WORK_NOTE,   /* a work note */
	ASK_GROUP,       /* assignment: the group */
	ASK_MEMBER,      /* assignment: a member of it */
	ASK_APPROVER,    /* request approval: who */
	ASK_APPROVE,     /* approve: a comment */
	ASK_REJECT,      /* reject: a comment */
	ASK_CONFLICT,    /* changed by someone else: reapply or discard */
};

/* The conflict dialog's last two choices (after the diff rows). */
#define CONFLICT_REAPPLY 0 /* offset from n_diff */
#define CONFLICT_DISCARD 1

/* The keys of the case's changes: a state change of the model's table
 * (which decides whether it is possible now) or a menu entry, and the
 * CASE_* right the acting user needs for it (what the domain asks). */
static const struct case_key {
	enum action key;          /* the action its key resolves to */
	const char *transition;   /* a state change by name, or NULL */
	enum case_menu_kind kind; /* else the menu entry it runs */
	unsigned need;            /* the right it needs */
	const char *what;         /* for a refusal, followed by the number */
} case_keys[] = {
	{ACT_CASE_ACCEPT, "accept", CASE_MENU_TRANSITION, CASE_WORK, "accept"},
	{ACT_CASE_REQUEST_INFO, "request_info", CASE_MENU_TRANSITION, CASE_WORK,
	 "request information on"},
	{ACT_CASE_RESOLVE, "propose_solution", CASE_MENU_TRANSITION, CASE_WORK,
	 "propose a solution for"},
	{ACT_CASE_CLOSE, "close", CASE_MENU_TRANSITION, CASE_WORK, "close"},
	{ACT_CASE_CANCEL, "cancel", CASE_MENU_TRANSITION, CASE_WORK, "cancel"},
	{ACT_CASE_COMMENT, NULL, CASE_MENU_COMMENT, CASE_COMMENT, "comment on"},
	{ACT_CASE_WORK_NOTE, NULL, CASE_MENU_WORK_NOTE, CASE_WORK_NOTE, "add a work note to"},
	{ACT_CASE_ASSIGN, NULL, CASE_MENU_ASSIGN, CASE_ASSIGN, "assign"},
	{ACT_CASE_REQUEST_APPROVAL, NULL, CASE_MENU_REQUEST_APPROVAL, CASE_REQUEST,
	 "request approval for"},
	{ACT_CASE_APPROVE, NULL, CASE_MENU_APPROVE, CASE_APPROVE, "approve or reject"},
	{ACT_CASE_REJECT, NULL, CASE_MENU_REJECT, CASE_APPROVE, "approve or reject"},
};
#define N_CASE_KEYS (sizeof case_keys / sizeof case_keys[0])

static const struct case_key *case_key_of(enum action a)
{
	for (size_t i = 0; i < N_CASE_KEYS; i++)
		if (case_keys[i].key == a)
			return &case_keys[i];
	return NULL;
}

/* The right a menu entry needs: the customer's state changes (accept or
 * reject a solution, answer a request) CASE_RESPOND, the others
 * CASE_WORK, the rest as their key. */
static unsigned menu_need(enum case_menu_kind kind, const struct case_action *act)
{
	if (kind == CASE_MENU_TRANSITION)
		return strcmp(act->who, "customer") == 0 ? CASE_RESPOND : CASE_WORK;
	for (size_t i = 0; i < N_CASE_KEYS; i++)
		if (!case_keys[i].transition && case_keys[i].kind == kind)
			return case_keys[i].need;
	return CASE_WORK;
}

/* Names the related-parties screen may be registered under. */
static const char *const parties_screens[] = {"parties", "related-parties", "related_parties",
					      NULL};

static bool read_only(const struct case_view_state *st)
{
	return case_state_read_only(st->rec.state);
}

/* ---- the menu --------------------------------------------------------- */

size_t case_view_menu(const struct case_view_state *st, struct case_menu_item *out, size_t max)
{
	size_t n = 0;

	static const enum case_menu_kind others[] = {
		CASE_MENU_COMMENT, CASE_MENU_WORK_NOTE, CASE_MENU_ASSIGN, CASE_MENU_APPROVE,
		CASE_MENU_REJECT, CASE_MENU_REQUEST_APPROVAL,
	};
	bool requested = st->rec.approval == CASE_APPROVAL_REQUESTED;

	if (read_only(st))
		return 0;
	for (size_t i = 0; i < case_action_count && n < max; i++)
		if (case_action_allowed(&case_actions[i], st->rec.state) &&
		    (st->rights & menu_need(CASE_MENU_TRANSITION, &case_actions[i])))
			out[n++] = (struct case_menu_item){CASE_MENU_TRANSITION, &case_actions[i]};
	for (size_t i = 0; i < sizeof others / sizeof others[0] && n < max; i++) {
		enum case_menu_kind k = others[i];

		/* approve and reject while approval is requested, else request it */
		if ((k == CASE_MENU_APPROVE || k == CASE_MENU_REJECT) && !requested)
			continue;
		if (k == CASE_MENU_REQUEST_APPROVAL && requested)
			continue;
		if (st->rights & menu_need(k, NULL))
			out[n++] = (struct case_menu_item){k, NULL};
	}
	return n;
}

static const char *menu_label(const struct case_menu_item *m)
{
	switch (m->kind) {
	case CASE_MENU_TRANSITION: return m->act->label;
	case CASE_MENU_COMMENT: return "Comment";
	case CASE_MENU_WORK_NOTE: return "Work note";
	case CASE_MENU_ASSIGN: return "Assign";
	case CASE_MENU_REQUEST_APPROVAL: return "Request approval";
	case CASE_MENU_APPROVE: return "Approve";
	case CASE_MENU_REJECT: return "Reject";
	}
	return "?";
}

static const char *menu_detail(const struct case_menu_item *m, char *buf, size_t size)
{
	switch (m->kind) {
	case CASE_MENU_TRANSITION:
		snprintf(buf, size, "-> %s: %s", case_state_label(m->act->to), m->act->help);
		return buf;
	case CASE_MENU_COMMENT: return "customer-visible";
	case CASE_MENU_WORK_NOTE: return "internal, not shown to the customer";
	case CASE_MENU_ASSIGN: return "a group, then a member of it";
	case CASE_MENU_REQUEST_APPROVAL: return "ask an approver to decide";
	case CASE_MENU_APPROVE: return "the requested approval";
	case CASE_MENU_REJECT: return "the requested approval";
	}
	return "";
}

/* ---- what someone else changed ---------------------------------------- */

/* The fields compared for a conflict, in page order. */
enum {
	DF_SHORT, DF_DESCRIPTION, DF_STATE, DF_PRIORITY, DF_CUSTOMER, DF_CHANNEL, DF_CATEGORY,
	DF_PRODUCT, DF_ASSET, DF_ITEM, DF_SOLD, DF_CONTRACT, DF_ENTITLEMENT, DF_GROUP,
	DF_ASSIGNED, DF_CODE, DF_NOTES, DF_APPROVAL, DF_COUNT
};

static const char *const diff_labels[DF_COUNT] = {
	"Short description", "Description", "State", "Priority", "Customer", "Channel",
	"Category", "Product", "Asset", "Item", "Sold product", "Contract", "Entitlement",
	"Group", "Assigned to", "Resolution code", "Resolution notes", "Approval",
};

static char *dup_or_empty(const char *v)
{
	return xstrdup(v ? v : "");
}

/* Every compared field of c as text ("" when empty); owned strings. */
static void diff_values(const struct case_record *c, char *v[DF_COUNT])
{
	v[DF_SHORT] = dup_or_empty(c->short_description);
	v[DF_DESCRIPTION] = dup_or_empty(c->description);
	v[DF_STATE] = xstrdup(case_state_label(c->state));
	v[DF_PRIORITY] = xasprintf("%d %s", c->priority, case_priority_label(c->priority));
	v[DF_CUSTOMER] = case_customer_label(c);
	if (!v[DF_CUSTOMER])
		v[DF_CUSTOMER] = xstrdup("");
	v[DF_CHANNEL] = dup_or_empty(c->channel);
	v[DF_CATEGORY] = dup_or_empty(c->category);
	v[DF_PRODUCT] = dup_or_empty(c->product_model);
	v[DF_ASSET] = dup_or_empty(c->asset_tag);
	v[DF_ITEM] = dup_or_empty(c->item_number);
	v[DF_SOLD] = dup_or_empty(c->sold_product_number);
	v[DF_CONTRACT] = dup_or_empty(c->contract_number);
	v[DF_ENTITLEMENT] = dup_or_empty(c->entitlement_name);
	v[DF_GROUP] = dup_or_empty(c->group_name);
	v[DF_ASSIGNED] = dup_or_empty(c->assigned_login);
	v[DF_CODE] = dup_or_empty(c->resolution_code);
	v[DF_NOTES] = dup_or_empty(c->resolution_notes);
	v[DF_APPROVAL] = xasprintf("%s%s%s", case_approval_name(c->approval),
				   c->approver_login ? " by " : "",
				   c->approver_login ? c->approver_login : "");
}

/* One line for a dialog: newlines and tabs become spaces, "(none)" for
 * empty.  Takes v. */
static char *one_line(char *v)
{
	if (!*v) {
		free(v);
		return xstrdup("(none)");
	}
	for (char *p = v; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	return v;
}

size_t case_field_diff(const struct case_record *yours, const struct case_record *theirs,
		       struct case_field_diff **out)
{
	char *a[DF_COUNT], *b[DF_COUNT];
	size_t n = 0;

	diff_values(yours, a);
	diff_values(theirs, b);
	*out = xcalloc(DF_COUNT, sizeof **out);
	for (int i = 0; i < DF_COUNT; i++) {
		if (strcmp(a[i], b[i]) == 0) {
			free(a[i]);
			free(b[i]);
			continue;
		}
		(*out)[n++] = (struct case_field_diff){diff_labels[i], one_line(a[i]), one_line(b[i])};
	}
	return n;
}

void case_field_diff_free(struct case_field_diff **d, size_t n)
{
	if (!d || !*d)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*d)[i].yours);
		free((*d)[i].theirs);
	}
	free(*d);
	*d = NULL;
}

/* ---- the page --------------------------------------------------------- */

static void add_line(struct case_view_state *st, const char *left, const char *right, int role)
{
	if (st->n_lines == st->cap_lines) {
		st->cap_lines = st->cap_lines ? st->cap_lines * 2 : 64;
		st->lines = xrealloc(st->lines, st->cap_lines * sizeof *st->lines);
	}
	st->lines[st->n_lines++] = (struct case_view_line){xstrdup(left ? left : ""),
							   xstrdup(right), role};
}

static void free_lines(struct case_view_state *st)
{
	for (size_t i = 0; i < st->n_lines; i++) {
		free(st->lines[i].left);
		free(st->lines[i].right);
	}
	st->n_lines = 0;
}

/* Adds text word-wrapped to width columns, each line indented. */
static void add_wrapped(struct case_view_state *st, const char *text, int width, int indent,
			int role)
{
	char pad[16];
	int w = width - indent > 8 ? width - indent : 8;

	snprintf(pad, sizeof pad, "%*s", indent < 15 ? indent : 15, "");
	while (text && *text) {
		size_t para = strcspn(text, "\n");
		char *p = xstrndup(text, para), *at = p;

		do {
			size_t fit = utf8_fit(at, w, NULL), cut = fit;
			char *line;

			if (at[fit]) {
				/* Break at the last space that fits, if any. */
				while (cut > 0 && at[cut] != ' ')
					cut--;
				if (cut == 0)
					cut = fit ? fit : utf8_next(at, 0);
			}
			line = xasprintf("%s%.*s", pad, (int)cut, at);
			add_line(st, line, NULL, role);
			free(line);
			at += cut;
			while (*at == ' ')
				at++;
		} while (*at);
		free(p);
		text += para;
		if (*text == '\n')
			text++;
	}
}

static void add_heading(struct case_view_state *st, const char *text)
{
	add_line(st, "", NULL, THEME_NORMAL);
	add_line(st, text, NULL, THEME_HEADING);
}

/* Fields go two to a line when the terminal is wide enough. */
struct fields {
	struct case_view_state *st;
	bool two;       /* two columns */
	char *pending;  /* a left cell waiting for its right neighbour (owned) */
};

static void field(struct fields *f, const char *label, const char *value)
{
	char *cell;

	if (!value || !*value)
		return;
	cell = xasprintf("%-*s%s", LABEL_W, label, value);
	if (!f->two) {
		add_line(f->st, cell, NULL, THEME_NORMAL);
		free(cell);
	} else if (f->pending) {
		add_line(f->st, f->pending, cell, THEME_NORMAL);
		free(f->pending);
		free(cell);
		f->pending = NULL;
	} else {
		f->pending = cell;
	}
}

/* A field that needs the whole width (names, notes). */
static void wide_field(struct fields *f, const char *label, const char *value)
{
	bool two = f->two;

	if (!value || !*value)
		return;
	if (f->pending) {
		add_line(f->st, f->pending, NULL, THEME_NORMAL);
		free(f->pending);
		f->pending = NULL;
	}
	f->two = false;
	field(f, label, value);
	f->two = two;
}

static void fields_end(struct fields *f)
{
	if (f->pending)
		add_line(f->st, f->pending, NULL, THEME_NORMAL);
	free(f->pending);
	f->pending = NULL;
}

/* "number name", "number", "name", or NULL. */
static char *pair(const char *a, const char *b)
{
	if (a && *a && b && *b)
		return xasprintf("%s %s", a, b);
	if (a && *a)
		return xstrdup(a);
	return b && *b ? xstrdup(b) : NULL;
}

static void field_pair(struct fields *f, const char *label, const char *a, const char *b,
		       bool wide)
{
	char *v = pair(a, b);
	if (wide)
		wide_field(f, label, v);
	else
		field(f, label, v);
	free(v);
}

static void add_fields(struct case_view_state *st, int width)
{
	const struct case_record *c = &st->rec;
	struct fields f = {st, width >= 90, NULL};
	char buf[256], *customer = case_customer_label(c);

	field(&f, "State", case_state_label(c->state));
	snprintf(buf, sizeof buf, "%d %s", c->priority, case_priority_label(c->priority));
	field(&f, "Priority", buf);
	wide_field(&f, "Customer", customer);
	field(&f, "Channel", c->channel);
	field(&f, "Category", c->category);
	field_pair(&f, "Product", c->product_model, c->product_name, true);
	field(&f, "Asset", c->asset_tag);
	field_pair(&f, "Item", c->item_number, c->item_name, true);
	field(&f, "Sold product", c->sold_product_number);
	field(&f, "Contract", c->contract_number);
	if (c->entitlement_name) {
		if (c->entitlement_per_unit && c->entitlement_remaining >= 0)
			snprintf(buf, sizeof buf, "%s (%lld %s left)", c->entitlement_name,
				 (long long)c->entitlement_remaining, c->entitlement_per_unit);
		else
			snprintf(buf, sizeof buf, "%s", c->entitlement_name);
		field(&f, "Entitlement", buf);
	}
	field(&f, "Group", c->group_name ? c->group_name : "(none)");
	field(&f, "Assigned to", c->assigned_login ? c->assigned_login : "(nobody)");
	field(&f, "Opened by", c->opened_by_login);
	field(&f, "Opened at", c->opened_at);
	field(&f, "Resolution", c->resolution_code);
	field_pair(&f, "Resolved", c->resolved_by_login, c->resolved_at, false);
	field_pair(&f, "Closed", c->closed_by_login, c->closed_at, false);
	if (c->approval != CASE_APPROVAL_NOT_REQUESTED || c->approver_login) {
		snprintf(buf, sizeof buf, "%s%s%s", case_approval_name(c->approval),
			 c->approver_login ? " by " : "", c->approver_login ? c->approver_login : "");
		field(&f, "Approval", buf);
	} else {
		field(&f, "Approval", "not requested");
	}
	snprintf(buf, sizeof buf, "%lld", (long long)c->version);
	field(&f, "Version", buf);
	fields_end(&f);
	free(customer);
	if (c->resolution_notes && *c->resolution_notes) {
		add_heading(st, "Resolution notes");
		add_wrapped(st, c->resolution_notes, width, 2, THEME_NORMAL);
	}
}

static void add_journal(struct case_view_state *st, int width)
{
	char head[256];

	snprintf(head, sizeof head, "Journal (%zu%s, newest first)", st->journal.n,
		 st->journal.more ? "+" : "");
	add_heading(st, head);
	if (st->journal.n == 0)
		add_line(st, st->rights & CASE_WORK_NOTE ? "  nothing yet (c comments, w adds a work note)"
			 : st->rights & CASE_COMMENT   ? "  nothing yet (c comments)"
						       : "  nothing yet",
			 NULL, THEME_DIM);
	for (size_t i = 0; i < st->journal.n; i++) {
		const struct case_journal_entry *e = &st->journal.items[i];
		/* Comments reach the customer, work notes do not: a label and
		 * a colour tell them apart; system entries are dimmed. */
		const char *label = e->kind == CASE_JOURNAL_COMMENT	? "[comment]"
				    : e->kind == CASE_JOURNAL_WORK_NOTE ? "[work note]"
									  : "[system]";
		int role = e->kind == CASE_JOURNAL_WORK_NOTE ? THEME_KIND
			   : e->kind == CASE_JOURNAL_SYSTEM  ? THEME_DIM
							     : THEME_NORMAL;

		snprintf(head, sizeof head, "%s %s  %s", label, e->created_at ? e->created_at : "",
			 e->author ? e->author : "-");
		add_line(st, head, NULL, e->kind == CASE_JOURNAL_SYSTEM ? THEME_DIM : THEME_HEADING);
		add_wrapped(st, e->body, width, 2, role);
	}
	if (st->journal.more)
		add_line(st, "  older entries are not shown here (csm case show lists them all)",
			 NULL, THEME_DIM);
}

static void build_lines(struct case_view_state *st, int width)
{
	const struct case_record *c = &st->rec;
	char buf[512];

	free_lines(st);
	st->width = width;
	if (read_only(st)) {
		snprintf(buf, sizeof buf, "%s is %s: read-only, nothing can change", c->number,
			 case_state_label(c->state));
		add_line(st, buf, NULL, THEME_ERROR);
	}
	snprintf(buf, sizeof buf, "%s  %s", c->number, c->short_description ? c->short_description : "");
	add_line(st, buf, NULL, THEME_HEADING);
	add_fields(st, width);
	if (c->description && *c->description) {
		add_heading(st, "Description");
		add_wrapped(st, c->description, width, 2, THEME_NORMAL);
	}

	snprintf(buf, sizeof buf, "Tasks (%zu)", st->tasks.n);
	add_heading(st, buf);
	if (st->tasks.n == 0)
		add_line(st, "  none", NULL, THEME_DIM);
	for (size_t i = 0; i < st->tasks.n; i++) {
		const struct case_task *t = &st->tasks.items[i];
		snprintf(buf, sizeof buf, "  %s %-8s %s (%s%s%s)", t->number,
			 case_task_state_name(t->state), t->short_description ? t->short_description : "",
			 t->user_login ? t->user_login : "", t->user_login && t->group_name ? ", " : "",
			 t->group_name ? t->group_name : "");
		add_line(st, buf, NULL, t->state == CASE_TASK_OPEN ? THEME_NORMAL : THEME_DIM);
	}

	snprintf(buf, sizeof buf, "Related parties (%zu)", st->parties.n);
	add_heading(st, buf);
	if (st->parties.n == 0)
		add_line(st, "  none", NULL, THEME_DIM);
	for (size_t i = 0; i < st->parties.n; i++) {
		const struct related_party *p = &st->parties.items[i];
		snprintf(buf, sizeof buf, "  %s: %s (%s)%s%s%s%s", p->type_name ? p->type_name : "",
			 p->party_name ? p->party_name : "", p->party_number ? p->party_number : "",
			 p->responsibility ? " - " : "", p->responsibility ? p->responsibility : "",
			 p->relationship_name ? " - " : "",
			 p->relationship_name ? p->relationship_name : "");
		add_line(st, buf, NULL, THEME_NORMAL);
	}
	add_journal(st, width);
}

/* Rebuilds the page keeping the scroll position. */
static void rebuild(struct screen *s)
{
	struct case_view_state *st = s->state;
	size_t top = st->view.top;

	build_lines(st, s->cols > 0 ? s->cols - 2 : 78);
	list_reload(&st->view);
	list_move(&st->view, (long)top);
	s->redraw = true;
}

/* ---- loading ---------------------------------------------------------- */

static void free_loaded(struct case_view_state *st)
{
	case_record_fini(&st->rec);
	case_journal_list_fini(&st->journal);
	case_task_list_fini(&st->tasks);
	related_party_list_fini(&st->parties);
}

/* Reads the case and everything shown with it.  0 or -1 with err. */
static int load(struct case_view_state *st, struct csm_error *err)
{
	struct page_req pg = {NULL, 0, JOURNAL_PAGE};

	free_loaded(st);
	case_record_init(&st->rec);
	int rights;

	if (domain_case_get(st->store, st->number, &st->rec, err) != 1)
		return -1;
	/* Rights change with the case (a task closed, a party removed). */
	if ((rights = store_case_rights(st->store, st->rec.id, err)) < 0)
		return -1;
	st->rights = (unsigned)rights;
	if (domain_case_journal(st->store, st->rec.id, true, &pg, &st->journal, err) < 0 ||
	    domain_case_tasks(st->store, st->rec.id, &st->tasks, err) < 0 ||
	    party_related_list(st->store, st->number, &st->parties, err) < 0)
		return -1;
	return 0;
}

/* Reloads after a change (or a refused one); problems go to the status
 * line. */
static void reload(struct screen *s)
{
	struct case_view_state *st = s->state;
	struct csm_error err = {0};

	if (load(st, &err) < 0)
		ui_error(s->ui, "Cannot read %s: %s", st->number, err.msg);
	rebuild(s);
}

static int case_view_open(struct screen *s, const struct screen_arg *arg, struct csm_error *err)
{
	struct case_view_state *st = s->state;
	struct case_record c;

	st->store = ui_store(s->ui);
	dialog_init(&st->dlg);
	case_record_init(&st->rec);
	list_init(&st->view, &list_array_source, &st->n_lines);
	st->view.view_only = true;
	if (arg->number && *arg->number) {
		st->number = xstrdup(arg->number);
	} else if (arg->id > 0) {
		/* Opened by id alone: find the number first. */
		case_record_init(&c);
		if (store_case_get(st->store, arg->id, &c, err) != 1) {
			case_record_fini(&c);
			if (!err->msg[0])
				csm_error_set(err, CSM_EX_NOINPUT, "no case with id %lld",
					      (long long)arg->id);
			goto fail;
		}
		st->number = xstrdup(c.number);
		case_record_fini(&c);
	} else {
		csm_error_set(err, CSM_EX_USAGE, "which case? (open it from a queue or :CS...)");
		goto fail;
	}
	if (load(st, err) < 0)
		goto fail;
	build_lines(st, s->cols > 0 ? s->cols - 2 : 78);
	list_reload(&st->view);
	return 0;
fail:
	free_loaded(st);
	list_fini(&st->view);
	dialog_fini(&st->dlg);
	free(st->number);
	return -1;
}

static void clear_flow(struct case_view_state *st)
{
	st->act = NULL;
	free(st->code);
	st->code = NULL;
	free(st->group);
	st->group = NULL;
	case_choice_list_fini(&st->choices);
	user_list_fini(&st->members);
}

static void change_clear(struct case_change *c)
{
	free(c->code);
	free(c->text);
	free(c->group);
	free(c->login);
	memset(c, 0, sizeof *c);
}

/* Forgets a conflict: the kept change and the diff. */
static void conflict_clear(struct case_view_state *st)
{
	change_clear(&st->change);
	case_field_diff_free(&st->diff, st->n_diff);
	st->n_diff = 0;
}

static void case_view_close(struct screen *s)
{
	struct case_view_state *st = s->state;

	clear_flow(st);
	conflict_clear(st);
	free_loaded(st);
	free_lines(st);
	free(st->lines);
	list_fini(&st->view);
	dialog_fini(&st->dlg);
	free(st->number);
}

static void case_view_layout(struct screen *s, int rows, int cols)
{
	struct case_view_state *st = s->state;

	list_set_area(&st->view, 0, rows);
	dialog_layout(&st->dlg, rows, cols);
	s->rows = rows;
	s->cols = cols;
	if (st->width != cols - 2)
		rebuild(s);
	s->redraw = true;
}

/* ---- changes ---------------------------------------------------------- */

/* Reports the outcome of a change and reloads: a refusal keeps the
 * domain's reason; a stale version says the case was reloaded. */
static void changed(struct screen *s, int rc, const struct csm_error *err,
		    const struct case_outcome *out, const char *done)
{
	struct case_view_state *st = s->state;

	clear_flow(st);
	dialog_close(&st->dlg);
	reload(s);
	if (rc < 0) {
		if (strstr(err->msg, "changed by someone else"))
			ui_error(s->ui, "%s was changed by someone else: reloaded (now version %lld), "
					"try again",
				 st->number, (long long)st->rec.version);
		else
			ui_error(s->ui, "%s", err->msg);
		return;
	}
	if (out && out->warning)
		ui_message(s->ui, "%s; warning: %s", done, out->warning);
	else
		ui_message(s->ui, "%s", done);
}

/* "" and NULL both mean not given. */
static const char *given(const char *v)
{
	return v && *v ? v : NULL;
}

/* Runs st->change on the version this screen loaded.  0 or -1. */
static int run_change(struct case_view_state *st, struct case_outcome *out,
		      struct csm_error *err)
{
	const struct case_change *c = &st->change;
	struct case_transition_args args = {c->code, given(c->text), 0};

	switch (c->kind) {
	case CASE_CHANGE_TRANSITION:
		return domain_case_transition(st->store, st->number, st->rec.version, c->act->name,
					      &args, out, err);
	case CASE_CHANGE_ASSIGN:
		return domain_case_assign(st->store, st->number, st->rec.version, c->group,
					  c->login, out, err);
	case CASE_CHANGE_APPROVAL:
		return domain_case_request_approval(st->store, st->number, st->rec.version,
						    given(c->text), out, err);
	case CASE_CHANGE_DECIDE:
		return domain_case_decide(st->store, st->number, st->rec.version, c->approve,
					  given(c->text), out, err);
	case CASE_CHANGE_NONE:
		break;
	}
	return csm_error_set(err, CSM_EX_SOFTWARE, "%s: no change to save", st->number);
}

/* What the change does, for messages ("Resolve (code fixed)"). */
static void describe_change(const struct case_change *c, char *buf, size_t size)
{
	switch (c->kind) {
	case CASE_CHANGE_TRANSITION:
		snprintf(buf, size, "%s%s%s%s", c->act->label, c->code ? " (code " : "",
			 c->code ? c->code : "", c->code ? ")" : "");
		break;
	case CASE_CHANGE_ASSIGN:
		snprintf(buf, size, "Assign to %s%s%s", c->group, *c->login ? " / " : "", c->login);
		break;
	case CASE_CHANGE_APPROVAL:
		snprintf(buf, size, "Request approval%s%s", given(c->text) ? " from " : "",
			 given(c->text) ? c->text : "");
		break;
	case CASE_CHANGE_DECIDE:
		snprintf(buf, size, "%s", c->approve ? "Approve" : "Reject");
		break;
	case CASE_CHANGE_NONE:
		snprintf(buf, size, "nothing");
		break;
	}
}

/* The message after the change succeeded. */
static void done_message(const struct case_view_state *st, const struct case_outcome *out,
			 char *buf, size_t size)
{
	const struct case_change *c = &st->change;

	switch (c->kind) {
	case CASE_CHANGE_TRANSITION:
		snprintf(buf, size, "%s: %s, now %s", st->number, c->act->label,
			 case_state_label(out->state));
		break;
	case CASE_CHANGE_ASSIGN:
		snprintf(buf, size, "%s assigned to %s%s%s", st->number, c->group,
			 *c->login ? " / " : "", c->login);
		break;
	case CASE_CHANGE_APPROVAL:
		snprintf(buf, size, "Approval requested");
		break;
	case CASE_CHANGE_DECIDE:
		snprintf(buf, size, "%s", c->approve ? "Approved" : "Rejected");
		break;
	case CASE_CHANGE_NONE:
		buf[0] = '\0';
		break;
	}
}

/* At most width columns of v, with "…" when cut (owned). */
static char *shorten(const char *v, int width)
{
	size_t fit;

	if (utf8_width(v) <= width)
		return xstrdup(v);
	fit = utf8_fit(v, width - 1, NULL);
	return xasprintf("%.*s\u2026", (int)fit, v);
}

/* Shows what the other person changed and asks: reapply or discard. */
static void ask_conflict(struct screen *s)
{
	struct case_view_state *st = s->state;
	size_t n = st->n_diff + 2;
	const char **labels = xcalloc(n, sizeof *labels);
	char **details = xcalloc(n, sizeof *details);
	char title[200], what[200];

	for (size_t i = 0; i < st->n_diff; i++) {
		labels[i] = st->diff[i].field;
		/* Both sides stay visible however long the values are. */
		char *a = shorten(st->diff[i].yours, 22), *b = shorten(st->diff[i].theirs, 24);
		details[i] = xasprintf("%s -> %s", a, b);
		free(a);
		free(b);
	}
	describe_change(&st->change, what, sizeof what);
	labels[st->n_diff + CONFLICT_REAPPLY] = "Reapply";
	details[st->n_diff + CONFLICT_REAPPLY] =
		xasprintf("%s on version %lld", what, (long long)st->rec.version);
	labels[st->n_diff + CONFLICT_DISCARD] = "Discard";
	details[st->n_diff + CONFLICT_DISCARD] = xasprintf("drop your change, keep theirs");
	snprintf(title, sizeof title, "%s was changed by someone else (v%lld -> v%lld): %s",
		 st->number, (long long)st->conflict_from, (long long)st->rec.version,
		 st->n_diff ? "field: yours -> theirs" : "no field you see differs");
	dialog_pick(&st->dlg, ASK_CONFLICT, title, labels, (const char *const *)details, n,
		    st->n_diff + CONFLICT_REAPPLY);
	for (size_t i = 0; i < n; i++)
		free(details[i]);
	free(labels);
	free(details);
}

/* The change was refused as stale: keep it, reload the case, work out
 * what changed and ask. */
static void conflict(struct screen *s)
{
	struct case_view_state *st = s->state;
	struct case_record mine = st->rec; /* moved: load() starts a new one */
	struct csm_error err = {0};

	case_record_init(&st->rec);
	clear_flow(st);
	dialog_close(&st->dlg);
	if (load(st, &err) < 0) {
		ui_error(s->ui, "Cannot read %s: %s", st->number, err.msg);
		case_record_fini(&mine);
		conflict_clear(st);
		rebuild(s);
		return;
	}
	case_field_diff_free(&st->diff, st->n_diff);
	st->n_diff = case_field_diff(&mine, &st->rec, &st->diff);
	st->conflict_from = mine.version;
	case_record_fini(&mine);
	rebuild(s);
	ask_conflict(s);
	ui_error(s->ui, "%s was changed by someone else: reloaded (now version %lld); reapply "
			"your change or discard it",
		 st->number, (long long)st->rec.version);
}

/* Saves st->change (filled by the caller) on the loaded version. */
static void save(struct screen *s)
{
	struct case_view_state *st = s->state;
	struct case_outcome out = {0};
	struct csm_error err = {0};
	char done[300];
	int rc = run_change(st, &out, &err);

	if (rc < 0 && strstr(err.msg, "changed by someone else")) {
		case_outcome_fini(&out);
		conflict(s);
		return;
	}
	done_message(st, &out, done, sizeof done);
	conflict_clear(st);
	changed(s, rc, &err, &out, done);
	case_outcome_fini(&out);
}

static void apply_transition(struct screen *s, const char *notes)
{
	struct case_view_state *st = s->state;

	conflict_clear(st);
	st->change.kind = CASE_CHANGE_TRANSITION;
	st->change.act = st->act;
	st->change.code = st->code ? xstrdup(st->code) : NULL;
	st->change.text = notes ? xstrdup(notes) : NULL;
	save(s);
}

/* Asks for what the action needs, one question at a time; applies it
 * once everything is there. */
static void continue_transition(struct screen *s)
{
	struct case_view_state *st = s->state;
	struct csm_error err = {0};

	if ((st->act->needs & CASE_NEEDS_CODE) && !st->code) {
		const char **labels, **details;

		case_choice_list_fini(&st->choices);
		if (store_case_resolution_choices(st->store, &st->choices, &err) < 0) {
			changed(s, -1, &err, NULL, NULL);
			return;
		}
		if (st->choices.n == 0) {
			csm_error_set(&err, CSM_EX_DATAERR,
				      "there are no resolution codes: load an industry template "
				      "(csm init) or import some");
			changed(s, -1, &err, NULL, NULL);
			return;
		}
		labels = xcalloc(st->choices.n, sizeof *labels);
		details = xcalloc(st->choices.n, sizeof *details);
		for (size_t i = 0; i < st->choices.n; i++) {
			labels[i] = st->choices.items[i].key;
			details[i] = st->choices.items[i].label;
		}
		dialog_pick(&st->dlg, ASK_CODE, "Resolution code", labels, details, st->choices.n, 0);
		free(labels);
		free(details);
		return;
	}
	if (st->act->needs & CASE_NEEDS_NOTES) {
		char title[128];
		char *hint = st->code ? xasprintf("resolution code: %s", st->code) : NULL;
		snprintf(title, sizeof title, "%s %s: resolution notes", st->act->label, st->number);
		dialog_input(&st->dlg, ASK_NOTES, title, hint, NULL, true);
		free(hint);
		return;
	}
	apply_transition(s, NULL);
}

static void start_transition(struct screen *s, const struct case_action *act, bool confirm)
{
	struct case_view_state *st = s->state;

	clear_flow(st);
	st->act = act;
	if (confirm && !act->needs) {
		char q[200];
		snprintf(q, sizeof q, "%s %s (%s -> %s)?", act->label, st->number,
			 case_state_label(st->rec.state), case_state_label(act->to));
		dialog_confirm(&st->dlg, ASK_CONFIRM, q);
		return;
	}
	continue_transition(s);
}

/* A state change asked for by its own key: refused with the model's
 * reason when the state table does not allow it now. */
static void direct_transition(struct screen *s, const char *name)
{
	struct case_view_state *st = s->state;
	struct csm_error err = {0};
	const struct case_action *act = case_action_check(st->number, st->rec.state, name, &err);

	if (!act) {
		ui_error(s->ui, "%s", err.msg);
		return;
	}
	start_transition(s, act, true);
}

static void ask_group(struct screen *s)
{
	struct case_view_state *st = s->state;
	struct csm_error err = {0};
	const char **labels;
	size_t sel = 0;

	clear_flow(st);
	if (store_case_group_choices(st->store, &st->choices, &err) < 0) {
		ui_error(s->ui, "Cannot list the groups: %s", err.msg);
		return;
	}
	if (st->choices.n == 0) {
		ui_error(s->ui, "There are no assignment groups (csm party group add)");
		return;
	}
	labels = xcalloc(st->choices.n, sizeof *labels);
	for (size_t i = 0; i < st->choices.n; i++) {
		labels[i] = st->choices.items[i].key;
		if (st->rec.group_name && strcmp(labels[i], st->rec.group_name) == 0)
			sel = i;
	}
	dialog_pick(&st->dlg, ASK_GROUP, "Assign to group", labels, NULL, st->choices.n, sel);
	free(labels);
}

static void ask_member(struct screen *s, size_t group)
{
	struct case_view_state *st = s->state;
	struct csm_error err = {0};
	const char **labels, **details;
	size_t sel = 0;
	char title[200];

	st->group = xstrdup(st->choices.items[group].key);
	user_list_fini(&st->members);
	if (party_group_members(st->store, st->group, &st->members, &err) < 0) {
		changed(s, -1, &err, NULL, NULL);
		return;
	}
	labels = xcalloc(st->members.n + 1, sizeof *labels);
	details = xcalloc(st->members.n + 1, sizeof *details);
	labels[0] = "(nobody yet)";
	details[0] = "the group's queue";
	for (size_t i = 0; i < st->members.n; i++) {
		labels[i + 1] = st->members.items[i].login;
		details[i + 1] = st->members.items[i].name;
		if (st->rec.assigned_login && strcmp(labels[i + 1], st->rec.assigned_login) == 0)
			sel = i + 1;
	}
	snprintf(title, sizeof title, "Assign to a member of %s", st->group);
	dialog_pick(&st->dlg, ASK_MEMBER, title, labels, details, st->members.n + 1, sel);
	free(labels);
	free(details);
}

static void assign(struct screen *s, size_t member)
{
	struct case_view_state *st = s->state;
	const char *login = member == 0 || member > st->members.n ? ""
								 : st->members.items[member - 1].login;

	conflict_clear(st);
	st->change.kind = CASE_CHANGE_ASSIGN;
	st->change.group = xstrdup(st->group);
	st->change.login = xstrdup(login);
	save(s);
}

static void comment(struct screen *s, bool work_note)
{
	struct case_view_state *st = s->state;
	struct csm_error err = {0};
	int rc = domain_case_comment(st->store, st->number, dialog_text(&st->dlg), work_note, &err);

	changed(s, rc, &err, NULL, work_note ? "Work note added" : "Comment added");
}

static void decide(struct screen *s, bool approve)
{
	struct case_view_state *st = s->state;

	conflict_clear(st);
	st->change.kind = CASE_CHANGE_DECIDE;
	st->change.approve = approve;
	st->change.text = xstrdup(dialog_text(&st->dlg));
	save(s);
}

static void request_approval(struct screen *s)
{
	struct case_view_state *st = s->state;

	conflict_clear(st);
	st->change.kind = CASE_CHANGE_APPROVAL;
	st->change.text = xstrdup(dialog_text(&st->dlg));
	save(s);
}

/* The agent's answer to a conflict: a field row changes nothing (the
 * question stays), Reapply saves the kept change on the new version
 * (which may conflict again), Discard drops it. */
static void conflict_answered(struct screen *s, size_t choice)
{
	struct case_view_state *st = s->state;

	if (choice == st->n_diff + CONFLICT_REAPPLY) {
		dialog_close(&st->dlg);
		save(s);
	} else if (choice == st->n_diff + CONFLICT_DISCARD) {
		dialog_close(&st->dlg);
		conflict_clear(st);
		ui_message(s->ui, "Your change was discarded; %s stays as they left it (version %lld)",
			   st->number, (long long)st->rec.version);
	}
}

/* Refuses changes to a closed or canceled case with a reason. */
static bool refuse_read_only(struct screen *s)
{
	struct case_view_state *st = s->state;

	if (!read_only(st))
		return false;
	ui_error(s->ui, "%s is %s: it is read-only", st->number, case_state_label(st->rec.state));
	return true;
}

static void run_menu_item(struct screen *s, const struct case_menu_item *m)
{
	struct case_view_state *st = s->state;
	char title[128];

	dialog_close(&st->dlg);
	if (refuse_read_only(s))
		return;
	switch (m->kind) {
	case CASE_MENU_TRANSITION:
		start_transition(s, m->act, false);
		break;
	case CASE_MENU_COMMENT:
		snprintf(title, sizeof title, "Comment on %s (the customer sees it)", st->number);
		dialog_input(&st->dlg, ASK_COMMENT, title, NULL, NULL, true);
		break;
	case CASE_MENU_WORK_NOTE:
		snprintf(title, sizeof title, "Work note on %s (internal)", st->number);
		dialog_input(&st->dlg, ASK_WORK_NOTE, title, NULL, NULL, true);
		break;
	case CASE_MENU_ASSIGN:
		ask_group(s);
		break;
	case CASE_MENU_REQUEST_APPROVAL:
		dialog_input(&st->dlg, ASK_APPROVER, "Request approval from (a login)",
			     "empty: any approver", NULL, false);
		break;
	case CASE_MENU_APPROVE:
		dialog_input(&st->dlg, ASK_APPROVE, "Approve: comment (optional)", NULL, NULL, false);
		break;
	case CASE_MENU_REJECT:
		dialog_input(&st->dlg, ASK_REJECT, "Reject: comment (optional)", NULL, NULL, false);
		break;
	}
}

static void open_menu(struct screen *s)
{
	struct case_view_state *st = s->state;
	const char *labels[16], *details[16];
	char buf[16][256];
	char title[128];

	if (refuse_read_only(s))
		return;
	st->n_menu = case_view_menu(st, st->menu, 16);
	for (size_t i = 0; i < st->n_menu; i++) {
		labels[i] = menu_label(&st->menu[i]);
		details[i] = menu_detail(&st->menu[i], buf[i], sizeof buf[i]);
	}
	snprintf(title, sizeof title, "%s is %s: what now?", st->number,
		 case_state_label(st->rec.state));
	dialog_pick(&st->dlg, ASK_MENU, title, labels, details, st->n_menu, 0);
}

/* The menu item of a kind, for the direct keys of non-state actions. */
static void run_kind(struct screen *s, enum case_menu_kind kind)
{
	struct case_view_state *st = s->state;
	struct case_menu_item items[16];
	size_t n;

	if (refuse_read_only(s))
		return;
	n = case_view_menu(st, items, 16);
	for (size_t i = 0; i < n; i++)
		if (items[i].kind == kind) {
			run_menu_item(s, &items[i]);
			return;
		}
	ui_error(s->ui, "%s: %s is not possible now (approval %s)", st->number,
		 menu_label(&(struct case_menu_item){kind, NULL}),
		 case_approval_name(st->rec.approval));
}

static void dialog_answered(struct screen *s)
{
	struct case_view_state *st = s->state;
	size_t choice = dialog_choice(&st->dlg);

	switch (st->dlg.tag) {
	case ASK_MENU:
		if (choice < st->n_menu)
			run_menu_item(s, &st->menu[choice]);
		break;
	case ASK_CONFIRM:
		dialog_close(&st->dlg);
		continue_transition(s);
		break;
	case ASK_CODE:
		st->code = xstrdup(st->choices.items[choice].key);
		dialog_close(&st->dlg);
		continue_transition(s);
		break;
	case ASK_NOTES: {
		char *notes = xstrdup(dialog_text(&st->dlg));
		apply_transition(s, notes);
		free(notes);
		break;
	}
	case ASK_COMMENT:
	case ASK_WORK_NOTE:
		comment(s, st->dlg.tag == ASK_WORK_NOTE);
		break;
	case ASK_GROUP:
		ask_member(s, choice);
		break;
	case ASK_MEMBER:
		assign(s, choice);
		break;
	case ASK_APPROVER:
		request_approval(s);
		break;
	case ASK_APPROVE:
	case ASK_REJECT:
		decide(s, st->dlg.tag == ASK_APPROVE);
		break;
	case ASK_CONFLICT:
		conflict_answered(s, choice);
		break;
	default:
		dialog_close(&st->dlg);
		break;
	}
}

static void open_parties(struct screen *s)
{
	struct case_view_state *st = s->state;
	struct screen_arg arg = {.kind = SK_CASE, .id = st->rec.id, .number = st->number};

	for (size_t i = 0; parties_screens[i]; i++) {
		const struct screen_ops *ops = screen_find(parties_screens[i]);
		if (ops) {
			ui_push(s->ui, ops, &arg);
			return;
		}
	}
	/* No related-parties screen: they are listed on this page. */
	for (size_t i = 0; i < st->n_lines; i++)
		if (strncmp(st->lines[i].left, "Related parties", 15) == 0) {
			list_move(&st->view, (long)i - (long)st->view.top);
			break;
		}
	ui_message(s->ui, "%zu related parties (listed here, read-only)", st->parties.n);
}

/* What the acting user may not do to this case (its rights), and approve
 * or reject only while approval is requested.  A closed or canceled case
 * lets handle() say it is read-only. */
static bool case_view_permits(const struct screen *s, enum action a, char *why, size_t size)
{
	const struct case_view_state *st = s->state;
	const struct case_key *key = case_key_of(a);
	struct case_menu_item menu[16];
	char what[160];

	if (dialog_active(&st->dlg) || read_only(st))
		return true;
	if (a == ACT_CASE_TRANSITION) {
		if (case_view_menu(st, menu, 16))
			return true;
		snprintf(what, sizeof what, "change %s", st->number);
		return permit_refuse(st->store, what, why, size);
	}
	if (!key)
		return true;
	if (key->need == CASE_APPROVE && st->rec.approval != CASE_APPROVAL_REQUESTED) {
		if (why)
			snprintf(why, size, "%s: no approval is requested (approval: %s)", st->number,
				 case_approval_name(st->rec.approval));
		return false;
	}
	if ((st->rights & key->need) == key->need)
		return true;
	snprintf(what, sizeof what, "%s %s", key->what, st->number);
	return permit_refuse(st->store, what, why, size);
}

static enum action case_view_handle(struct screen *s, enum action a, const struct key_event *ev)
{
	struct case_view_state *st = s->state;
	const struct case_key *key;

	s->redraw = true;
	if (dialog_active(&st->dlg)) {
		switch (dialog_handle(&st->dlg, a, ev)) {
		case DIALOG_ACCEPTED:
			dialog_answered(s);
			return ACT_NONE;
		case DIALOG_CANCELED:
			clear_flow(st);
			if (st->change.kind != CASE_CHANGE_NONE) {
				/* Esc on a conflict discards the change too. */
				conflict_clear(st);
				ui_message(s->ui, "Your change was discarded; %s stays as they left "
						  "it (version %lld)",
					   st->number, (long long)st->rec.version);
			}
			return ACT_NONE;
		case DIALOG_PASS:
			return a;
		default:
			return ACT_NONE;
		}
	}
	if (list_handle(&st->view, a, ev))
		return ACT_NONE;
	if ((key = case_key_of(a))) {
		if (key->transition)
			direct_transition(s, key->transition);
		else
			run_kind(s, key->kind);
		return ACT_NONE;
	}
	switch (a) {
	case ACT_CASE_TRANSITION:
		open_menu(s);
		return ACT_NONE;
	case ACT_CASE_PARTIES:
		open_parties(s);
		return ACT_NONE;
	case ACT_RELOAD:
		reload(s);
		ui_message(s->ui, "%s reloaded (version %lld)", st->number, (long long)st->rec.version);
		return ACT_NONE;
	case ACT_INSERT:
		/* A change key on a read-only case (its keymap binds none). */
		if (read_only(st) && ev && ev->key < 128 && ev->key > ' ')
			refuse_read_only(s);
		return ACT_NONE;
	default:
		return a;
	}
}

static void case_view_resume(struct screen *s)
{
	/* The related-parties screen may have changed the list. */
	reload(s);
}

/* A change refused as stale and not yet reapplied or discarded. */
static bool case_view_dirty(const struct screen *s)
{
	const struct case_view_state *st = s->state;

	return st->change.kind != CASE_CHANGE_NONE;
}

static const char *case_view_keymap(const struct screen *s, bool *text_input)
{
	const struct case_view_state *st = s->state;

	if (dialog_active(&st->dlg))
		return dialog_keymap(&st->dlg, text_input);
	*text_input = false;
	return read_only(st) ? "case-readonly" : "case";
}

static bool case_view_cursor(const struct screen *s, int *y, int *x)
{
	const struct case_view_state *st = s->state;

	return dialog_cursor(&st->dlg, s->rows, s->cols, y, x);
}

/* ---- drawing ---------------------------------------------------------- */

static void draw_line(const void *ctx, const struct list_row *row, WINDOW *w, int y, int x,
		      int width, bool selected)
{
	const struct case_view_state *st = ctx;
	const struct case_view_line *l = &st->lines[row->id];
	attr_t attr = theme_attr((enum theme_role)l->role);
	int half = width / 2;

	(void)selected;
	draw_fill(w, y, x, width, A_NORMAL);
	if (l->right) {
		draw_text(w, y, x + 1, l->left, half - 2, attr);
		draw_text(w, y, x + half, l->right, width - half - 1, attr);
	} else {
		draw_text(w, y, x + 1, l->left, width - 2, attr);
	}
}

static void case_view_draw(const struct screen *s, WINDOW *w)
{
	const struct case_view_state *st = s->state;

	list_draw(&st->view, w, 0, s->cols, draw_line, st);
	dialog_draw(&st->dlg, w, s->rows, s->cols);
}

const struct screen_ops case_view_screen = {
	.name = "case",
	.title = "Case",
	.flags = 0,
	.state_size = sizeof(struct case_view_state),
	.open = case_view_open,
	.close = case_view_close,
	.layout = case_view_layout,
	.draw = case_view_draw,
	.handle = case_view_handle,
	.keymap = case_view_keymap,
	.cursor = case_view_cursor,
	.resume = case_view_resume,
	.dirty = case_view_dirty,
	.permits = case_view_permits,
};
