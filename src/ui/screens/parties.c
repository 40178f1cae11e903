/* parties.c - the related parties of a case, sold product or install base
 * item (see parties.h).
 *
 * The party picker pages over the type's party kind: contacts, consumers
 * and accounts through the lookup index (store_search(), as you type);
 * users by login and service organizations by name from the typed text
 * on (keyset pages, so a long list is never loaded whole). */
#include "ui/screens/parties.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/install_base_store.h"
#include "store/product_store.h"
#include "store/search.h"
#include "ui/draw.h"
#include "ui/permit.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "util/xalloc.h"

/* Dialog tags: what is being asked. */
enum { ASK_TYPE = 1, ASK_RELATIONSHIP, ASK_RESPONSIBILITY, ASK_REMOVE };

#define TOP_ROWS 2    /* the host line and the column headings */
#define BOTTOM_ROWS 2 /* what the selected entry grants */

static const struct related_party *selected_entry(const struct parties_state *st)
{
	const struct list_row *r = list_selected(&st->list);

	if (!r || r->id < 0 || (size_t)r->id >= st->n)
		return NULL;
	return &st->parties.items[r->id];
}

static void sentences_free(struct parties_state *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->sentences[i]);
	free(st->sentences);
	st->sentences = NULL;
	st->n = 0;
}

/* Reads the entries again; the selection goes to st->select_id when set,
 * else stays on its row.  0 or -1 with err. */
static int load(struct screen *s, struct csm_error *err)
{
	struct parties_state *st = s->state;
	const struct list_row *r = list_selected(&st->list);
	long sel = r ? (long)r->id : 0;
	char number[sizeof st->host.number];

	/* party_host_find() clears its output first: look up a copy. */
	snprintf(number, sizeof number, "%s", st->host.number);
	sentences_free(st);
	if (party_host_find(ui_store(s->ui), number, &st->host, err) < 0 ||
	    party_related_list(ui_store(s->ui), number, &st->parties, err) < 0) {
		list_reload(&st->list);
		return -1;
	}
	if (st->host.kind == HOST_CASE) {
		int rights = store_case_rights(ui_store(s->ui), st->host.id, err);
		if (rights < 0) {
			list_reload(&st->list);
			return -1;
		}
		st->may_change = (rights & CASE_PARTIES) != 0;
	} else {
		st->may_change = store_access_can(ui_store(s->ui), ACCESS_EDIT_PARTIES);
	}
	st->sentences = xcalloc(st->parties.n ? st->parties.n : 1, sizeof *st->sentences);
	for (size_t i = 0; i < st->parties.n; i++) {
		st->sentences[i] = related_party_access_sentence(&st->parties.items[i]);
		if (st->select_id && st->parties.items[i].id == st->select_id)
			sel = (long)i;
	}
	st->n = st->parties.n;
	st->select_id = 0;
	list_reload(&st->list);
	if (st->n)
		list_move(&st->list, sel < (long)st->n ? sel : (long)st->n - 1);
	s->redraw = true;
	return 0;
}

static void reload(struct screen *s)
{
	struct csm_error err = {0};

	if (load(s, &err) < 0)
		ui_error(s->ui, "%s", err.msg);
}

/* True (and says why) when the host cannot change. */
static bool refuse_read_only(struct screen *s)
{
	struct parties_state *st = s->state;

	if (!st->host.read_only)
		return false;
	ui_error(s->ui, "%s is %s: its related parties can no longer change", st->host.number,
		 st->host.state[0] ? st->host.state : "closed");
	return true;
}

/* ---- the party picker -------------------------------------------------- */

static void entry_free(void *p)
{
	struct pick_entry *e = p;

	if (!e)
		return;
	free(e->key);
	free(e->name);
	free(e->sort);
	free(e);
}

static void push_entry(struct list_rows *out, int64_t id, const char *key, const char *name,
		       const char *sort, bool active)
{
	struct pick_entry *e = xcalloc(1, sizeof *e);

	e->id = id;
	e->key = xstrdup(key);
	e->name = xstrdup(name);
	e->sort = xstrdup(sort);
	e->active = active;
	list_rows_push(out, id, sort, e);
}

static const struct related_party_type *adding_type(const struct parties_state *st)
{
	return st->type < st->types.n ? &st->types.items[st->type] : NULL;
}

/* The lookup kind of a party kind, or SK_COUNT for users and service
 * organizations (no lookup kind: they are listed). */
static enum search_kind party_search_kind(enum party_kind k)
{
	switch (k) {
	case PARTY_CONTACT: return SK_CONTACT;
	case PARTY_CONSUMER: return SK_CONSUMER;
	case PARTY_ACCOUNT: return SK_ACCOUNT;
	default: return SK_COUNT;
	}
}

static int pick_fetch(void *ctx, const char *after_key, int64_t after_id, size_t limit,
		      struct list_rows *out, bool *more, struct csm_error *err)
{
	struct screen *s = ctx;
	struct parties_state *st = s->state;
	const struct related_party_type *t = adding_type(st);
	const char *text = st->pick_query ? st->pick_query : "";
	struct store *db = ui_store(s->ui);
	enum search_kind sk;

	*more = false;
	if (!t)
		return 0;
	sk = party_search_kind(t->party_kind);
	if (sk != SK_COUNT) {
		/* Ranked hits come in one page: nothing follows an anchor. */
		struct search_result r = {0};

		if (after_key || after_id || !*text)
			return 0;
		if (store_search(db, text, SEARCH_KIND_BIT(sk), 50, &r, err) < 0) {
			search_result_fini(&r);
			return -1;
		}
		for (size_t i = 0; i < r.n; i++)
			push_entry(out, r.hits[i].id, r.hits[i].number, r.hits[i].title,
				   r.hits[i].detail, true);
		search_result_fini(&r);
		/* The rows carry the detail as their key for drawing; anchors
		 * never reach the search, so the key is not a page key here. */
		return 0;
	}
	if (t->party_kind == PARTY_USER) {
		struct page_req pg = {after_key ? after_key : (*text ? text : NULL), after_id, limit};
		struct user_list l = {0};

		if (party_user_list(db, &pg, false, &l, err) < 0) {
			user_list_fini(&l);
			return -1;
		}
		for (size_t i = 0; i < l.n; i++)
			push_entry(out, l.items[i].id, l.items[i].login, l.items[i].name,
				   l.items[i].login, l.items[i].active);
		*more = l.n >= limit;
		user_list_fini(&l);
		return 0;
	}
	{
		struct page_req pg = {after_key, after_id, limit};
		struct pick_list l = {0};

		if (store_pick_service_orgs(db, *text ? text : NULL, &pg, &l, err) < 0) {
			pick_list_fini(&l);
			return -1;
		}
		for (size_t i = 0; i < l.n; i++)
			push_entry(out, l.items[i].id, l.items[i].key, l.items[i].name,
				   l.items[i].sort, l.items[i].active);
		*more = l.n >= limit;
		pick_list_fini(&l);
		return 0;
	}
}

static const struct list_source pick_source = {
	.fetch = pager_list_fetch,
	.free_data = entry_free,
};

/* Runs the picker's query for the text typed (when it changed). */
static void pick_refresh(struct screen *s)
{
	struct parties_state *st = s->state;
	const char *text = textline_get(&st->query);

	if (st->pick_query && strcmp(st->pick_query, text) == 0)
		return;
	free(st->pick_query);
	st->pick_query = xstrdup(text);
	if (list_reload(&st->pick) < 0)
		ui_error(s->ui, "%s", st->pick.err.msg);
	s->redraw = true;
}

static void pick_open(struct screen *s)
{
	struct parties_state *st = s->state;

	st->picking = true;
	textline_set(&st->query, "");
	free(st->pick_query);
	st->pick_query = NULL;
	pick_refresh(s);
}

static void pick_close(struct parties_state *st)
{
	st->picking = false;
	list_fini(&st->pick);
	list_init(&st->pick, &pick_source, &st->pager);
	free(st->pick_query);
	st->pick_query = NULL;
}

/* Enter in the picker: the party is chosen; ask the relationship name. */
static void pick_accept(struct screen *s)
{
	struct parties_state *st = s->state;
	const struct list_row *r;
	const struct pick_entry *e;

	if (s->pending) {
		pick_refresh(s); /* Enter right after typing answers what is typed */
		s->pending = false;
	}
	r = list_selected(&st->pick);
	e = r ? r->data : NULL;
	if (!e) {
		ui_message(s->ui, "Nothing to pick: type part of a name or number");
		return;
	}
	free(st->party_key);
	free(st->party_name);
	st->party_key = xstrdup(e->key);
	st->party_name = xstrdup(e->name);
	pick_close(st);
	dialog_input(&st->dlg, ASK_RELATIONSHIP, "Relationship name (optional)",
		     "Free text such as \"site owner\"; Enter leaves it empty", NULL, false);
}

static enum action pick_handle(struct screen *s, enum action a, const struct key_event *ev)
{
	struct parties_state *st = s->state;
	bool changed = false;

	if (textline_handle(&st->query, a, ev, &changed)) {
		if (changed)
			s->pending = true;
		return ACT_NONE;
	}
	if (list_handle(&st->pick, a, ev))
		return ACT_NONE;
	switch (a) {
	case ACT_ACCEPT:
	case ACT_OPEN:
		pick_accept(s);
		return ACT_NONE;
	case ACT_BACK:
		pick_close(st);
		ui_message(s->ui, "Nothing added");
		return ACT_NONE;
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_REDRAW:
		return a;
	default:
		return ACT_NONE;
	}
}

/* ---- the questions ------------------------------------------------------ */

static void ask_type(struct screen *s)
{
	struct parties_state *st = s->state;
	struct csm_error err = {0};
	const char **labels, **details;
	char **owned;

	if (refuse_read_only(s))
		return;
	related_party_type_list_fini(&st->types);
	if (party_types(ui_store(s->ui), &st->host.kind, &st->types, &err) < 0) {
		ui_error(s->ui, "%s", err.msg);
		return;
	}
	if (!st->types.n) {
		ui_error(s->ui, "No related party types apply to a %s (the industry template has none)",
			 host_kind_label(st->host.kind));
		return;
	}
	labels = xcalloc(st->types.n, sizeof *labels);
	details = xcalloc(st->types.n, sizeof *details);
	owned = xcalloc(st->types.n, sizeof *owned);
	for (size_t i = 0; i < st->types.n; i++) {
		const struct related_party_type *t = &st->types.items[i];
		labels[i] = t->name;
		owned[i] = xasprintf("%s, %s", party_kind_label(t->party_kind),
				     t->responsibility ? t->responsibility : "listed only");
		details[i] = owned[i];
	}
	dialog_pick(&st->dlg, ASK_TYPE, "Add a related party: which type?", labels, details,
		    st->types.n, 0);
	for (size_t i = 0; i < st->types.n; i++)
		free(owned[i]);
	free(owned);
	free(labels);
	free(details);
}

static void add_party(struct screen *s)
{
	struct parties_state *st = s->state;
	const struct related_party_type *t = adding_type(st);
	const char *rel = dialog_text(&st->dlg);
	struct csm_error err = {0};
	int64_t id = 0;

	while (*rel == ' ')
		rel++;
	if (!t || !st->party_key) {
		dialog_close(&st->dlg);
		return;
	}
	if (party_related_add(ui_store(s->ui), st->host.number, t->name, st->party_key,
			      *rel ? rel : NULL, NULL, &id, &err) < 0) {
		dialog_set_error(&st->dlg, err.msg);
		return;
	}
	dialog_close(&st->dlg);
	st->select_id = id;
	reload(s);
	ui_message(s->ui, "Added %s (%s) to %s as %s", st->party_name ? st->party_name : "",
		   st->party_key, st->host.number, t->name);
}

static void ask_responsibility(struct screen *s)
{
	struct parties_state *st = s->state;
	const struct related_party *rp = selected_entry(st);
	struct csm_error err = {0};
	const char **labels, **details;
	size_t sel = 0;
	char title[320];

	if (refuse_read_only(s))
		return;
	if (!rp) {
		ui_message(s->ui, "No related party selected");
		return;
	}
	pick_list_fini(&st->resps);
	if (store_pick_responsibilities(ui_store(s->ui), &st->resps, &err) < 0) {
		ui_error(s->ui, "%s", err.msg);
		return;
	}
	labels = xcalloc(st->resps.n + 1, sizeof *labels);
	details = xcalloc(st->resps.n + 1, sizeof *details);
	labels[0] = "(none: listed only)";
	details[0] = "records the relationship, grants no access";
	for (size_t i = 0; i < st->resps.n; i++) {
		labels[i + 1] = st->resps.items[i].name;
		details[i + 1] = st->resps.items[i].active ? "grants access" : "grants no access";
		if (rp->responsibility && strcmp(rp->responsibility, st->resps.items[i].name) == 0)
			sel = i + 1;
	}
	snprintf(title, sizeof title, "Responsibility of %s", rp->party_name ? rp->party_name : "");
	dialog_pick(&st->dlg, ASK_RESPONSIBILITY, title, labels, details, st->resps.n + 1, sel);
	free(labels);
	free(details);
}

static void set_responsibility(struct screen *s)
{
	struct parties_state *st = s->state;
	const struct related_party *rp = selected_entry(st);
	size_t k = dialog_choice(&st->dlg);
	struct related_party_change ch = {0};
	struct csm_error err = {0};
	char name[200];

	if (!rp || k > st->resps.n) {
		dialog_close(&st->dlg);
		return;
	}
	snprintf(name, sizeof name, "%s", k ? st->resps.items[k - 1].name : "");
	ch.responsibility = name;
	if (party_related_set(ui_store(s->ui), st->host.number, rp->id, &ch, &err) < 0) {
		dialog_set_error(&st->dlg, err.msg);
		return;
	}
	dialog_close(&st->dlg);
	st->select_id = rp->id;
	reload(s);
	ui_message(s->ui, "Responsibility now %s", *name ? name : "none (listed only)");
}

static void ask_remove(struct screen *s)
{
	struct parties_state *st = s->state;
	const struct related_party *rp = selected_entry(st);
	char q[400];

	if (refuse_read_only(s))
		return;
	if (!rp) {
		ui_message(s->ui, "No related party selected");
		return;
	}
	snprintf(q, sizeof q, "Remove %s (%s) from %s? (y/n)", rp->party_name ? rp->party_name : "",
		 rp->type_name ? rp->type_name : "", st->host.number);
	dialog_confirm(&st->dlg, ASK_REMOVE, q);
}

static void remove_party(struct screen *s)
{
	struct parties_state *st = s->state;
	const struct related_party *rp = selected_entry(st);
	struct csm_error err = {0};
	char *who;

	dialog_close(&st->dlg);
	if (!rp)
		return;
	who = xasprintf("%s (%s)", rp->party_name ? rp->party_name : "",
			rp->party_number ? rp->party_number : "");
	if (party_related_remove(ui_store(s->ui), st->host.number, rp->id, &err) < 0)
		ui_error(s->ui, "%s", err.msg);
	else {
		reload(s);
		ui_message(s->ui, "Removed %s from %s", who, st->host.number);
	}
	free(who);
}

static void dialog_accepted(struct screen *s)
{
	struct parties_state *st = s->state;

	switch (st->dlg.tag) {
	case ASK_TYPE:
		st->type = dialog_choice(&st->dlg);
		dialog_close(&st->dlg);
		pick_open(s);
		return;
	case ASK_RELATIONSHIP:
		add_party(s);
		return;
	case ASK_RESPONSIBILITY:
		set_responsibility(s);
		return;
	case ASK_REMOVE:
		remove_party(s);
		return;
	default:
		dialog_close(&st->dlg);
	}
}

/* ---- the screen -------------------------------------------------------- */

/* The host's number when the caller gave only its id. */
static int host_number(struct screen *s, const struct screen_arg *arg, char *buf, size_t size,
		       struct csm_error *err)
{
	struct store *db = ui_store(s->ui);
	int rc = 0;

	if (arg->number && *arg->number) {
		snprintf(buf, size, "%s", arg->number);
		return 0;
	}
	if (arg->kind == SK_INSTALL_BASE && arg->id > 0) {
		struct install_base_item it = {0};
		if ((rc = store_ib_get(db, arg->id, &it, err)) > 0)
			snprintf(buf, size, "%s", it.number);
		install_base_item_fini(&it);
	} else if (arg->kind == SK_SOLD_PRODUCT && arg->id > 0) {
		struct sold_product sp = {0};
		if ((rc = store_sold_product_get(db, arg->id, &sp, err)) > 0)
			snprintf(buf, size, "%s", sp.number);
		sold_product_fini(&sp);
	}
	if (rc > 0)
		return 0;
	if (rc == 0)
		csm_error_set(err, CSM_EX_USAGE,
			      "Related parties: open them from a case, sold product or install base "
			      "item");
	return -1;
}

static int parties_open(struct screen *s, const struct screen_arg *arg, struct csm_error *err)
{
	struct parties_state *st = s->state;
	char number[64];

	if (!arg || host_number(s, arg, number, sizeof number, err) < 0) {
		if (!arg)
			csm_error_set(err, CSM_EX_USAGE,
				      "Related parties: open them from a case, sold product or "
				      "install base item");
		return -1;
	}
	snprintf(st->host.number, sizeof st->host.number, "%s", number);
	list_init(&st->list, &list_array_source, &st->n);
	dialog_init(&st->dlg);
	textline_init(&st->query);
	st->pager = (struct pager){.fetch = pick_fetch, .free_data = entry_free, .ctx = s};
	list_init(&st->pick, &pick_source, &st->pager);
	if (load(s, err) < 0) {
		related_party_list_fini(&st->parties);
		sentences_free(st);
		list_fini(&st->list);
		list_fini(&st->pick);
		dialog_fini(&st->dlg);
		textline_fini(&st->query);
		return -1;
	}
	return 0;
}

static void parties_close(struct screen *s)
{
	struct parties_state *st = s->state;

	sentences_free(st);
	related_party_list_fini(&st->parties);
	related_party_type_list_fini(&st->types);
	pick_list_fini(&st->resps);
	list_fini(&st->list);
	list_fini(&st->pick);
	dialog_fini(&st->dlg);
	textline_fini(&st->query);
	free(st->pick_query);
	free(st->party_key);
	free(st->party_name);
}

static void parties_layout(struct screen *s, int rows, int cols)
{
	struct parties_state *st = s->state;
	int h = rows - TOP_ROWS - BOTTOM_ROWS;

	list_set_area(&st->list, TOP_ROWS, h > 1 ? h : 1);
	/* The picker: title, search field, then its rows. */
	list_set_area(&st->pick, 3, rows - 4 > 1 ? rows - 4 : 1);
	dialog_layout(&st->dlg, rows, cols);
	s->redraw = true;
}

static enum action parties_handle(struct screen *s, enum action a, const struct key_event *ev)
{
	struct parties_state *st = s->state;

	s->redraw = true;
	if (dialog_active(&st->dlg)) {
		switch (dialog_handle(&st->dlg, a, ev)) {
		case DIALOG_ACCEPTED:
			dialog_accepted(s);
			return ACT_NONE;
		case DIALOG_PASS:
			return a;
		default:
			return ACT_NONE;
		}
	}
	if (st->picking)
		return pick_handle(s, a, ev);
	if (list_handle(&st->list, a, ev))
		return ACT_NONE;
	switch (a) {
	case ACT_PARTY_ADD:
		ask_type(s);
		return ACT_NONE;
	case ACT_PARTY_RESPONSIBILITY:
		ask_responsibility(s);
		return ACT_NONE;
	case ACT_PARTY_REMOVE:
		ask_remove(s);
		return ACT_NONE;
	case ACT_RELOAD:
		reload(s);
		return ACT_NONE;
	default:
		return a;
	}
}

/* Adding, changing and removing need the right to change the host's
 * related parties; on a closed case handle() says it is read-only. */
static bool parties_permits(const struct screen *s, enum action a, char *why, size_t size)
{
	const struct parties_state *st = s->state;
	char what[120];

	if (st->picking || dialog_active(&st->dlg) || st->host.read_only || st->may_change ||
	    (a != ACT_PARTY_ADD && a != ACT_PARTY_RESPONSIBILITY && a != ACT_PARTY_REMOVE))
		return true;
	snprintf(what, sizeof what, "change the related parties of %s", st->host.number);
	return permit_refuse(ui_store(s->ui), what, why, size);
}

static void parties_update(struct screen *s)
{
	struct parties_state *st = s->state;

	if (st->picking)
		pick_refresh(s);
}

static const char *parties_keymap(const struct screen *s, bool *text_input)
{
	const struct parties_state *st = s->state;

	if (dialog_active(&st->dlg))
		return dialog_keymap(&st->dlg, text_input);
	*text_input = st->picking;
	return st->picking ? "parties-pick" : "parties";
}

static bool parties_cursor(const struct screen *s, int *y, int *x)
{
	const struct parties_state *st = s->state;

	if (dialog_active(&st->dlg))
		return dialog_cursor(&st->dlg, s->rows, s->cols, y, x);
	if (!st->picking)
		return false;
	*y = 1;
	*x = 7 + textline_cursor_col(&st->query);
	if (*x > s->cols - 1)
		*x = s->cols - 1;
	return true;
}

/* ---- drawing ----------------------------------------------------------- */

struct party_cols {
	int type, party, number, resp, rel;
};

static void party_cols(int cols, struct party_cols *c)
{
	int rest = cols - 2;

	memset(c, 0, sizeof *c);
	if (cols >= 90) {
		c->number = 11;
		c->type = rest * 22 / 100;
		c->resp = rest * 22 / 100;
		c->rel = rest * 16 / 100;
		c->party = rest - c->type - c->resp - c->rel - c->number - 4;
	} else if (cols >= 60) {
		c->type = rest * 30 / 100;
		c->resp = rest * 28 / 100;
		c->party = rest - c->type - c->resp - 2;
	} else {
		c->type = rest * 40 / 100;
		c->party = rest - c->type - 1;
	}
}

static void draw_entry(const void *ctx, const struct list_row *row, WINDOW *w, int y, int x,
		       int width, bool selected)
{
	const struct screen *s = ctx;
	const struct parties_state *st = s->state;
	const struct related_party *rp = &st->parties.items[row->id];
	attr_t base = selected ? theme_attr(THEME_SELECTED) : theme_attr(THEME_NORMAL);
	struct party_cols c;
	char party[320];

	party_cols(s->cols, &c);
	if (c.number)
		snprintf(party, sizeof party, "%s", rp->party_name ? rp->party_name : "");
	else
		snprintf(party, sizeof party, "%s (%s)", rp->party_name ? rp->party_name : "",
			 rp->party_number ? rp->party_number : "");
	draw_fill(w, y, x, width, base);
	x = draw_text(w, y, x + 1, rp->type_name, c.type, base) + 1;
	x = draw_text(w, y, x, party, c.party, base) + 1;
	if (c.number)
		x = draw_text(w, y, x, rp->party_number, c.number, base) + 1;
	if (c.resp)
		x = draw_text(w, y, x, rp->responsibility ? rp->responsibility : "listed only", c.resp,
			      base) + 1;
	if (c.rel)
		draw_text(w, y, x, rp->relationship_name, c.rel, base);
}

static void draw_pick_row(const void *ctx, const struct list_row *row, WINDOW *w, int y, int x,
			  int width, bool selected)
{
	const struct pick_entry *e = row->data;
	attr_t base = selected ? theme_attr(THEME_SELECTED) : theme_attr(THEME_NORMAL);
	int kw = width >= 50 ? 14 : 10, nw = (width - kw - 3) * 6 / 10;
	char name[300];

	(void)ctx;
	snprintf(name, sizeof name, "%s%s", e->name ? e->name : "", e->active ? "" : " (inactive)");
	draw_fill(w, y, x, width, base);
	x = draw_text(w, y, x + 1, e->key, kw, base) + 1;
	x = draw_text(w, y, x, name, nw, base) + 1;
	if (e->sort && e->key && strcmp(e->sort, e->key) != 0 && strcmp(e->sort, e->name) != 0)
		draw_text(w, y, x, e->sort, width - (x - 0) - 1, selected ? base : theme_attr(THEME_DIM));
}

static void draw_picker(const struct screen *s, WINDOW *w)
{
	const struct parties_state *st = s->state;
	const struct related_party_type *t = adding_type(st);
	char title[300];

	snprintf(title, sizeof title, "Add %s to %s: pick a %s", t ? t->name : "",
		 st->host.number, t ? party_kind_label(t->party_kind) : "party");
	draw_text(w, 0, 1, title, s->cols - 2, theme_attr(THEME_HEADING) | A_BOLD);
	draw_text(w, 1, 1, "Find: ", 6, theme_attr(THEME_HEADING));
	draw_text(w, 1, 7, textline_get(&st->query), s->cols - 8, theme_attr(THEME_FIELD));
	if (st->pick.err.msg[0]) {
		draw_wrap(w, 3, 1, st->pick.err.msg, s->cols - 2, 2, theme_attr(THEME_ERROR));
		return;
	}
	if (!st->pick.n) {
		bool search = t && party_search_kind(t->party_kind) != SK_COUNT;
		draw_wrap(w, 3, 1, search && !*textline_get(&st->query)
				   ? "Type part of a name, number, email or phone"
				   : "No match",
			  s->cols - 2, 2, theme_attr(THEME_DIM));
		return;
	}
	list_draw(&st->pick, w, 0, s->cols, draw_pick_row, s);
}

static void parties_draw(const struct screen *s, WINDOW *w)
{
	const struct parties_state *st = s->state;
	const struct related_party *rp = selected_entry(st);
	struct party_cols c;
	char head[300];
	attr_t h = theme_attr(THEME_HEADING);
	int x;

	if (st->picking) {
		draw_picker(s, w);
		return;
	}
	snprintf(head, sizeof head, "%s, %s: %zu related part%s%s%s", st->host.number,
		 host_kind_label(st->host.kind), st->n, st->n == 1 ? "y" : "ies",
		 st->host.read_only ? " - read-only, the case is " : "",
		 st->host.read_only ? st->host.state : "");
	draw_text(w, 0, 1, head, s->cols - 2, h | A_BOLD);
	party_cols(s->cols, &c);
	x = draw_text(w, 1, 1, "Type", c.type, h) + 1;
	x = draw_text(w, 1, x, "Party", c.party, h) + 1;
	if (c.number)
		x = draw_text(w, 1, x, "Number", c.number, h) + 1;
	if (c.resp)
		x = draw_text(w, 1, x, "Responsibility", c.resp, h) + 1;
	if (c.rel)
		draw_text(w, 1, x, "Relationship", c.rel, h);
	if (!st->n) {
		char keys[64] = "", line[200];
		keymap_keys_of(ui_keymap(s->ui), "parties", ACT_PARTY_ADD, false, keys, sizeof keys);
		if (strchr(keys, ' '))
			*strchr(keys, ' ') = '\0';
		snprintf(line, sizeof line, "No related parties%s%s%s",
			 *keys && !st->host.read_only && st->may_change ? " - press " : "",
			 !st->host.read_only && st->may_change ? keys : "",
			 *keys && !st->host.read_only && st->may_change ? " to add one" : "");
		draw_text(w, TOP_ROWS, 1, line, s->cols - 2, theme_attr(THEME_DIM));
	} else {
		list_draw(&st->list, w, 0, s->cols, draw_entry, s);
	}
	if (rp) {
		int y = s->rows - BOTTOM_ROWS;
		char line[700];

		snprintf(line, sizeof line, "%s%s%s: %s", rp->party_number ? rp->party_number : "",
			 rp->relationship_name ? ", " : "",
			 rp->relationship_name ? rp->relationship_name : "",
			 st->sentences[list_selected(&st->list)->id]);
		draw_wrap(w, y, 1, line, s->cols - 2, BOTTOM_ROWS, theme_attr(THEME_DIM));
	}
	if (dialog_active(&st->dlg))
		dialog_draw(&st->dlg, w, s->rows, s->cols);
}

const struct screen_ops parties_screen = {
	.name = "parties",
	.title = "Related parties",
	.flags = 0,
	.state_size = sizeof(struct parties_state),
	.open = parties_open,
	.close = parties_close,
	.layout = parties_layout,
	.draw = parties_draw,
	.handle = parties_handle,
	.update = parties_update,
	.keymap = parties_keymap,
	.cursor = parties_cursor,
	.permits = parties_permits,
};
