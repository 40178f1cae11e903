/* customer.c - the customer screen: an account, contact, consumer or
 * household with its facts up top and tabs below (see customer.h). */
#include "ui/screens/customer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case.h"
#include "domain/install_base.h"
#include "domain/product.h"
#include "model/customer.h"
#include "store/browse.h"
#include "store/customer_store.h"
#include "store/product_store.h"
#include "ui/draw.h"
#include "ui/permit.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "util/utf8.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- rows --------------------------------------------------------------- */

static void row_free(void *p)
{
	struct cust_row *r = p;

	if (!r)
		return;
	for (int i = 0; i < CUST_MAX_COLS; i++)
		free(r->col[i]);
	free(r->open_number);
	free(r->no_open);
	free(r);
}

static const struct list_source tab_source = {
	.fetch = pager_list_fetch,
	.free_data = row_free,
};

/* A new row opening kind/id/number (SK_COUNT: nothing); cells set after. */
static struct cust_row *row_new(enum search_kind kind, int64_t id, const char *number)
{
	struct cust_row *r = xcalloc(1, sizeof *r);

	r->open_kind = kind;
	r->open_id = id;
	r->open_number = xstrdup(number);
	return r;
}

static void cell(struct cust_row *r, int i, const char *s)
{
	free(r->col[i]);
	r->col[i] = xstrdup(s);
}

/* "2026-11-22T10:00:00Z" -> "2026-11-22" (the date part of a time). */
static void date_cell(struct cust_row *r, int i, const char *t)
{
	char buf[16];

	snprintf(buf, sizeof buf, "%.10s", t ? t : "");
	cell(r, i, t ? buf : NULL);
}

/* ---- tab definitions ---------------------------------------------------- */

struct col_spec {
	const char *head; /* column heading */
	int width;        /* columns; 0 = takes the rest */
	int min_cols;     /* shown only when the body is at least this wide */
};

typedef int (*tab_fetch_fn)(struct screen *s, const char *key, int64_t id, size_t limit,
			    struct list_rows *out, bool *more, struct csm_error *err);

struct tab_def {
	const char *label;                 /* tab label */
	struct col_spec cols[CUST_MAX_COLS];
	tab_fetch_fn fetch;
	const char *empty;                 /* shown when the tab has no rows */
};

static int fetch_contacts(struct screen *, const char *, int64_t, size_t, struct list_rows *,
			  bool *, struct csm_error *);
static int fetch_children(struct screen *, const char *, int64_t, size_t, struct list_rows *,
			  bool *, struct csm_error *);
static int fetch_members(struct screen *, const char *, int64_t, size_t, struct list_rows *,
			 bool *, struct csm_error *);
static int fetch_cases(struct screen *, const char *, int64_t, size_t, struct list_rows *, bool *,
		       struct csm_error *);
static int fetch_sold(struct screen *, const char *, int64_t, size_t, struct list_rows *, bool *,
		      struct csm_error *);
static int fetch_ib(struct screen *, const char *, int64_t, size_t, struct list_rows *, bool *,
		    struct csm_error *);
static int fetch_contracts(struct screen *, const char *, int64_t, size_t, struct list_rows *,
			   bool *, struct csm_error *);
static int fetch_parties(struct screen *, const char *, int64_t, size_t, struct list_rows *,
			 bool *, struct csm_error *);
static int fetch_activity(struct screen *, const char *, int64_t, size_t, struct list_rows *,
			  bool *, struct csm_error *);

static const struct tab_def tab_defs[CTAB_COUNT] = {
	[CTAB_CONTACTS] = {"Contacts",
			   {{"Number", 11, 0}, {"Name", 0, 0}, {"Email", 26, 64}, {"Phone", 16, 84},
			    {"State", 8, 96}},
			   fetch_contacts, "No contacts yet: press a to add one"},
	[CTAB_CHILDREN] = {"Children",
			   {{"Number", 11, 0}, {"Account", 0, 0}, {"Code", 10, 60}, {"Phone", 16, 80}},
			   fetch_children, "No child accounts"},
	[CTAB_MEMBERS] = {"Members",
			  {{"Number", 11, 0}, {"Member", 0, 0}, {"Role", 14, 50}, {"Since", 10, 64},
			   {"Until", 10, 76}},
			  fetch_members, "No members yet: press a to add one"},
	[CTAB_HOUSEHOLDS] = {"Households",
			     {{"Number", 12, 0}, {"Household", 0, 0}, {"Role", 14, 50},
			      {"Since", 10, 64}, {"Until", 10, 76}},
			     fetch_members, "Not in any household"},
	[CTAB_CASES] = {"Cases",
			{{"P", 1, 0}, {"State", 13, 50}, {"Number", 10, 0}, {"Short description", 0, 0},
			 {"Opened", 10, 80}},
			fetch_cases, "No cases"},
	[CTAB_SOLD] = {"Sold products",
		       {{"Number", 10, 0}, {"Product", 0, 0}, {"State", 14, 50}, {"Start", 10, 70},
			{"End", 10, 82}},
		       fetch_sold, "No sold products"},
	[CTAB_IB] = {"Install base",
		     {{"Number", 10, 0}, {"Item", 0, 0}, {"Product", 22, 84}, {"State", 10, 50},
		      {"Installed", 10, 96}},
		     fetch_ib, "No install base items"},
	[CTAB_CONTRACTS] = {"Contracts",
			    {{"Number", 11, 0}, {"Name", 0, 0}, {"State", 10, 50}, {"Units left", 14, 64},
			     {"End", 10, 80}},
			    fetch_contracts, "No contracts or entitlements"},
	[CTAB_PARTIES] = {"Related",
			  {{"On", 10, 0}, {"Type", 0, 0}, {"Responsibility", 22, 64},
			   {"Relationship", 16, 86}, {"Access", 7, 50}},
			  fetch_parties, "Not a related party of any case, product or item"},
	[CTAB_ACTIVITY] = {"Activity",
			   {{"When", 16, 0}, {"Who", 10, 64}, {"Field", 14, 0}, {"Change", 0, 0}},
			   fetch_activity, "No recorded changes"},
};

/* ---- fetching ----------------------------------------------------------- */

static struct customer_state *state_of(struct screen *s)
{
	return s->state;
}

static enum owner_kind owner_kind(const struct customer_state *st)
{
	return st->kind == SK_CONSUMER ? OWNER_CONSUMER
	       : st->kind == SK_HOUSEHOLD ? OWNER_HOUSEHOLD
					  : OWNER_ACCOUNT;
}

/* The contact list's page key (store_contact_list() sorts by it). */
static char *contact_key(const struct contact *c)
{
	char *k = xasprintf("%c\x1f%s\x1f%s", c->active ? '0' : '1', c->last_name ? c->last_name : "",
			    c->first_name ? c->first_name : "");
	for (char *p = k; *p; p++)
		*p = (char)tolower((unsigned char)*p); /* SQLite's lower(): ASCII only */
	return k;
}

static int fetch_contacts(struct screen *s, const char *key, int64_t id, size_t limit,
			  struct list_rows *out, bool *more, struct csm_error *err)
{
	struct customer_state *st = state_of(s);
	struct page_req pg = {key, id, limit};
	struct contact_list l = {0};

	if (store_contact_list(ui_store(s->ui), st->id, &pg, &l, err) < 0)
		return -1;
	for (size_t i = 0; i < l.n; i++) {
		struct contact *c = &l.items[i];
		struct cust_row *r = row_new(SK_CONTACT, c->id, c->number);
		char *name = customer_person_name(c->first_name, c->last_name), *k = contact_key(c);

		cell(r, 0, c->number);
		cell(r, 1, name);
		cell(r, 2, c->email);
		cell(r, 3, c->phone ? c->phone : c->mobile);
		cell(r, 4, c->active ? "active" : "inactive");
		list_rows_push(out, c->id, k, r);
		free(name);
		free(k);
	}
	*more = l.next.more;
	contact_list_fini(&l);
	return 0;
}

/* Children, members and households come as one small list: rows are
 * numbered 1..n and paged by that number. */
static int fetch_children(struct screen *s, const char *key, int64_t id, size_t limit,
			  struct list_rows *out, bool *more, struct csm_error *err)
{
	struct customer_state *st = state_of(s);
	struct account_list l = {0};

	(void)key;
	if (store_account_children(ui_store(s->ui), st->id, &l, err) < 0)
		return -1;
	for (size_t i = (size_t)id; i < l.n && out->n < limit; i++) {
		struct account *a = &l.items[i];
		struct cust_row *r = row_new(SK_ACCOUNT, a->id, a->number);
		cell(r, 0, a->number);
		cell(r, 1, a->name);
		cell(r, 2, a->code);
		cell(r, 3, a->phone);
		list_rows_push(out, (int64_t)i + 1, NULL, r);
	}
	*more = false;
	account_list_fini(&l);
	return 0;
}

static int fetch_members(struct screen *s, const char *key, int64_t id, size_t limit,
			 struct list_rows *out, bool *more, struct csm_error *err)
{
	struct customer_state *st = state_of(s);
	struct member_list l = {0};
	bool household = st->kind == SK_HOUSEHOLD;
	int rc = household
			 ? store_household_members(ui_store(s->ui), st->id, MEMBERS_ALL, &l, err)
			 : store_consumer_households(ui_store(s->ui), st->id, MEMBERS_ALL, &l, err);

	(void)key;
	if (rc < 0)
		return -1;
	for (size_t i = (size_t)id; i < l.n && out->n < limit; i++) {
		struct household_member *m = &l.items[i];
		struct cust_row *r = household
					     ? row_new(SK_CONSUMER, m->consumer_id, m->consumer_number)
					     : row_new(SK_HOUSEHOLD, m->household_id, m->household_number);
		char role[48];

		snprintf(role, sizeof role, "%s%s%s", m->is_head ? "head" : "member",
			 m->is_primary ? ", primary" : "", m->current ? "" : " (past)");
		cell(r, 0, household ? m->consumer_number : m->household_number);
		cell(r, 1, household ? m->consumer_name : m->household_name);
		cell(r, 2, role);
		cell(r, 3, m->start_date);
		cell(r, 4, m->end_date);
		list_rows_push(out, (int64_t)i + 1, NULL, r);
	}
	*more = false;
	member_list_fini(&l);
	return 0;
}

/* Cases come in three segments, open ones first: the key is "S|" followed
 * by the case's sort key in its segment. */
static const struct {
	enum case_queue queue;
	int state;
	enum case_sort sort;
} case_segments[] = {
	{CASE_QUEUE_OPEN, -1, CASE_SORT_PRIORITY},
	{CASE_QUEUE_ALL, CASE_CLOSED, CASE_SORT_UPDATED},
	{CASE_QUEUE_ALL, CASE_CANCELED, CASE_SORT_UPDATED},
};
#define N_CASE_SEGMENTS (sizeof case_segments / sizeof case_segments[0])

static int fetch_cases(struct screen *s, const char *key, int64_t id, size_t limit,
		       struct list_rows *out, bool *more, struct csm_error *err)
{
	struct customer_state *st = state_of(s);
	struct store *db = ui_store(s->ui);
	size_t seg = key && key[0] >= '0' && key[0] < '0' + (int)N_CASE_SEGMENTS ? (size_t)(key[0] - '0')
										    : 0;
	char *after = key && strlen(key) > 2 ? xstrdup(key + 2) : NULL;
	int64_t after_id = key ? id : 0;
	size_t from = out->n;
	int rc = 0;

	*more = true;
	while (seg < N_CASE_SEGMENTS && out->n - from < limit) {
		struct case_query q;
		struct case_list l = {0};
		struct page_req pg = {after, after_id, limit};

		case_query_init(&q);
		q.queue = case_segments[seg].queue;
		q.state = case_segments[seg].state;
		q.sort = case_segments[seg].sort;
		if (st->kind == SK_CONSUMER)
			q.consumer_id = st->id;
		else if (st->kind == SK_HOUSEHOLD)
			q.household_id = st->id;
		else
			q.account_id = st->kind == SK_CONTACT ? st->parent_id : st->id;
		if (domain_case_list(db, &q, &pg, &l, err) < 0) {
			case_list_fini(&l);
			rc = -1;
			break;
		}
		free(after);
		after = NULL;
		for (size_t i = 0; i < l.n; i++) {
			struct case_record *c = &l.items[i];
			char *sk = case_sort_key(c, q.sort), *k = xasprintf("%zu|%s", seg, sk);
			char pri[8];

			free(after);
			after = sk;
			after_id = c->id;
			/* A contact's cases: its account's, naming the contact. */
			if (st->kind == SK_CONTACT && c->contact_id != st->id) {
				free(k);
				continue;
			}
			struct cust_row *r = row_new(SK_CASE, c->id, c->number);
			snprintf(pri, sizeof pri, "%d", c->priority);
			cell(r, 0, pri);
			cell(r, 1, case_state_label(c->state));
			cell(r, 2, c->number);
			cell(r, 3, c->short_description);
			date_cell(r, 4, c->opened_at);
			r->warn = c->priority == 1 && !case_state_read_only(c->state);
			list_rows_push(out, c->id, k, r);
			free(k);
		}
		if (!l.more) {
			seg++;
			free(after);
			after = NULL;
			after_id = 0;
		}
		case_list_fini(&l);
	}
	free(after);
	if (seg >= N_CASE_SEGMENTS)
		*more = false;
	return rc;
}

static int fetch_sold(struct screen *s, const char *key, int64_t id, size_t limit,
		      struct list_rows *out, bool *more, struct csm_error *err)
{
	struct customer_state *st = state_of(s);
	struct page_req pg = {NULL, id, limit};
	struct sold_product_list l = {0};

	(void)key;
	if (store_sold_product_list_by_owner(ui_store(s->ui), owner_kind(st), st->id, &pg, &l,
					     err) < 0) {
		sold_product_list_fini(&l);
		return -1;
	}
	for (size_t i = 0; i < l.n; i++) {
		struct sold_product *sp = &l.v[i];
		struct cust_row *r = row_new(SK_SOLD_PRODUCT, sp->id, sp->number);
		enum sold_product_state state = sold_product_state(sp);

		cell(r, 0, sp->number);
		cell(r, 1, sp->product_name);
		cell(r, 2, sp->active ? sold_product_state_name(state) : "inactive");
		cell(r, 3, sp->start_date);
		cell(r, 4, sp->end_date);
		r->warn = state == SOLD_EXPIRED;
		list_rows_push(out, sp->id, NULL, r);
	}
	*more = l.n >= limit;
	sold_product_list_fini(&l);
	return 0;
}

/* Install base rows are keyed by their tree path ("/root/.../self/"):
 * after an item come the rest of its tree (paths greater than its own),
 * then the next trees by root id. */
static void push_item(struct list_rows *out, const struct install_base_item *it)
{
	struct cust_row *r = row_new(SK_INSTALL_BASE, it->id, it->number);
	char *name = xasprintf("%*s%s", it->depth * 2, "", it->name ? it->name : "");

	cell(r, 0, it->number);
	cell(r, 1, name);
	cell(r, 2, it->product_name);
	cell(r, 3, it->state ? it->state : "in_use");
	cell(r, 4, it->install_date);
	r->depth = it->depth;
	r->warn = it->state && strcmp(it->state, "in_repair") == 0;
	list_rows_push(out, it->id, it->path, r);
	free(name);
}

static int fetch_ib(struct screen *s, const char *key, int64_t id, size_t limit,
		    struct list_rows *out, bool *more, struct csm_error *err)
{
	struct customer_state *st = state_of(s);
	struct store *db = ui_store(s->ui);
	struct install_base_list l = {0};
	int64_t root = 0;
	size_t from = out->n;

	(void)id;
	if (key && key[0] == '/')
		root = strtoll(key + 1, NULL, 10);
	if (root) {
		/* The rest of the anchor's tree. */
		if (store_ib_tree(db, root, &l, err) < 0) {
			install_base_list_fini(&l);
			return -1;
		}
		for (size_t i = 0; i < l.n; i++)
			if (l.v[i].path && strcmp(l.v[i].path, key) > 0)
				push_item(out, &l.v[i]);
		install_base_list_fini(&l);
	}
	/* Whole trees after it; a tree never splits across pages. */
	{
		size_t roots = limit > out->n - from ? limit - (out->n - from) : 1;
		struct page_req pg = {NULL, root, roots};
		size_t n_roots = 0;

		if (domain_ib_customer_trees(db, owner_kind(st), st->id, &pg, &l, err) < 0) {
			install_base_list_fini(&l);
			return -1;
		}
		for (size_t i = 0; i < l.n; i++) {
			n_roots += l.v[i].depth == 0;
			push_item(out, &l.v[i]);
		}
		*more = n_roots >= roots;
		install_base_list_fini(&l);
	}
	return 0;
}

/* Contracts (key "c", by id) then entitlements (key "e", numbered 1..n in
 * name order; their row ids are negative so they never equal a contract's). */
static int fetch_contracts(struct screen *s, const char *key, int64_t id, size_t limit,
			   struct list_rows *out, bool *more, struct csm_error *err)
{
	struct customer_state *st = state_of(s);
	struct store *db = ui_store(s->ui);
	size_t from = out->n;
	int64_t ent_from = 0;

	*more = true;
	if (!key || key[0] == 'c') {
		struct contract_list l = {0};
		struct page_req pg = {NULL, key ? id : 0, limit};

		if (store_contract_list_by_owner(db, owner_kind(st), st->id, &pg, &l, err) < 0) {
			contract_list_fini(&l);
			return -1;
		}
		for (size_t i = 0; i < l.n; i++) {
			struct contract *c = &l.v[i];
			struct cust_row *r = row_new(SK_COUNT, c->id, c->number);
			cell(r, 0, c->number);
			cell(r, 1, c->name);
			cell(r, 2, c->state ? c->state : "draft");
			cell(r, 4, c->end_date);
			r->warn = c->state && strcmp(c->state, "expired") == 0;
			r->no_open = xasprintf("%s: contracts have no screen yet", c->number);
			list_rows_push(out, c->id, "c", r);
		}
		contract_list_fini(&l);
		if (out->n - from >= limit)
			return 0;
	} else {
		ent_from = -id;
	}
	{
		struct entitlement_list l = {0};

		if (store_entitlement_list_for_customer(db, owner_kind(st), st->id, &l, err) < 0) {
			entitlement_list_fini(&l);
			return -1;
		}
		for (size_t i = (size_t)ent_from; i < l.n && out->n - from < limit; i++) {
			struct entitlement *e = &l.v[i];
			struct cust_row *r = row_new(SK_COUNT, 0, NULL);
			char units[48];

			if (e->per_unit)
				snprintf(units, sizeof units, "%lld/%lld %s", (long long)e->remaining_units,
					 (long long)e->total_units, e->per_unit);
			else
				snprintf(units, sizeof units, "unlimited");
			cell(r, 0, "entitled");
			cell(r, 1, e->name);
			cell(r, 2, e->expired     ? "EXPIRED"
				   : e->exhausted ? "EXHAUSTED"
				   : e->active    ? "active"
						  : "inactive");
			cell(r, 3, units);
			cell(r, 4, e->end_date);
			r->warn = e->expired || e->exhausted;
			r->no_open = xasprintf("entitlement '%s': %s", e->name,
					       e->channels ? e->channels : "every channel");
			list_rows_push(out, -(int64_t)(i + 1), "e", r);
		}
		*more = false;
		entitlement_list_fini(&l);
	}
	return 0;
}

static int fetch_parties(struct screen *s, const char *key, int64_t id, size_t limit,
			 struct list_rows *out, bool *more, struct csm_error *err)
{
	struct customer_state *st = state_of(s);
	struct page_req pg = {NULL, id, limit};
	struct related_party_list l = {0};
	enum party_kind pk = st->kind == SK_CONTACT    ? PARTY_CONTACT
			     : st->kind == SK_CONSUMER ? PARTY_CONSUMER
						       : PARTY_ACCOUNT;
	static const enum search_kind host_sk[HOST_KIND_COUNT] = {
		[HOST_CASE] = SK_CASE,
		[HOST_SOLD_PRODUCT] = SK_SOLD_PRODUCT,
		[HOST_INSTALL_BASE] = SK_INSTALL_BASE,
	};

	(void)key;
	if (store_related_party_page_of(ui_store(s->ui), pk, st->id, &pg, 1, &l, err) < 0) {
		related_party_list_fini(&l);
		return -1;
	}
	for (size_t i = 0; i < l.n; i++) {
		struct related_party *rp = &l.items[i];
		struct cust_row *r = row_new(host_sk[rp->host_kind], rp->host_id, rp->host_number);

		cell(r, 0, rp->host_number);
		cell(r, 1, rp->type_name);
		cell(r, 2, rp->responsibility ? rp->responsibility : "(listed only)");
		cell(r, 3, rp->relationship_name);
		cell(r, 4, rp->grants_access ? "yes" : "no");
		list_rows_push(out, rp->id, NULL, r);
	}
	*more = l.n >= limit;
	related_party_list_fini(&l);
	return 0;
}

static int fetch_activity(struct screen *s, const char *key, int64_t id, size_t limit,
			  struct list_rows *out, bool *more, struct csm_error *err)
{
	struct customer_state *st = state_of(s);
	static const char *const tables[SK_COUNT] = {
		[SK_ACCOUNT] = "account",
		[SK_CONTACT] = "contact",
		[SK_CONSUMER] = "consumer",
		[SK_HOUSEHOLD] = "household",
	};
	struct page_req pg = {NULL, id, limit};
	struct audit_list l = {0};

	(void)key;
	if (store_audit_page(ui_store(s->ui), tables[st->kind], st->id, &pg, 1, &l, err) < 0) {
		audit_list_fini(&l);
		return -1;
	}
	for (size_t i = 0; i < l.n; i++) {
		struct audit_entry *e = &l.items[i];
		struct cust_row *r = row_new(SK_COUNT, 0, NULL);
		char when[24], *change;

		snprintf(when, sizeof when, "%.10s %.5s", e->at ? e->at : "",
			 e->at && strlen(e->at) > 11 ? e->at + 11 : "");
		if (strcmp(e->action, "insert") == 0)
			change = xstrdup("created");
		else if (strcmp(e->action, "delete") == 0)
			change = xstrdup("deleted");
		else
			change = xasprintf("%s -> %s", e->old_value ? e->old_value : "(empty)",
					   e->new_value ? e->new_value : "(empty)");
		cell(r, 0, when);
		cell(r, 1, e->actor);
		cell(r, 2, e->field ? e->field : e->action);
		cell(r, 3, change);
		r->no_open = xasprintf("%s by %s: %s", when, e->actor, change);
		list_rows_push(out, e->id, NULL, r);
		free(change);
	}
	*more = l.n >= limit;
	audit_list_fini(&l);
	return 0;
}

static int tab_fetch(void *ctx, const char *key, int64_t id, size_t limit, struct list_rows *out,
		     bool *more, struct csm_error *err)
{
	struct screen *s = ctx;
	struct customer_state *st = s->state;

	return tab_defs[st->tabs[st->tab]].fetch(s, key, id, limit, out, more, err);
}

/* ---- facts -------------------------------------------------------------- */

static void fact(struct customer_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fact(struct customer_state *st, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	strbuf_init(&sb);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	st->facts = xrealloc(st->facts, (st->n_facts + 1) * sizeof *st->facts);
	st->facts[st->n_facts++] = strbuf_take(&sb);
}

/* "Phone: x  Web: y" from label/value pairs, leaving out empty values;
 * nothing when all are empty. */
static void fact_pairs(struct customer_state *st, const char *const *kv, size_t n)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (size_t i = 0; i + 1 < n; i += 2)
		if (kv[i + 1] && *kv[i + 1])
			strbuf_addf(&sb, "%s%s: %s", sb.len ? "   " : "", kv[i], kv[i + 1]);
	if (sb.len)
		fact(st, "%s", sb.buf);
	strbuf_fini(&sb);
}

static void fact_address(struct customer_state *st, struct store *db, int64_t account_id,
			 int64_t consumer_id)
{
	struct address_list l = {0};
	struct csm_error err = {0};

	if (store_address_list(db, account_id, consumer_id, &l, &err) == 0 && l.n) {
		const struct address *a = &l.items[0];
		fact(st, "Address: %s%s%s%s%s%s%s (%s%s)", a->street ? a->street : "",
		     a->street ? ", " : "", a->postal_code ? a->postal_code : "",
		     a->postal_code ? " " : "", a->city ? a->city : "", a->country ? ", " : "",
		     a->country ? a->country : "", address_kind_name(a->kind),
		     a->is_primary ? ", primary" : "");
	}
	address_list_fini(&l);
}

static void clear_facts(struct customer_state *st)
{
	for (size_t i = 0; i < st->n_facts; i++)
		free(st->facts[i]);
	free(st->facts);
	st->facts = NULL;
	st->n_facts = 0;
	free(st->name);
	free(st->number);
	free(st->parent_number);
	st->name = st->number = st->parent_number = NULL;
}

static void add_tab(struct customer_state *st, enum cust_tab t)
{
	st->tabs[st->n_tabs++] = t;
}

static int load_account(struct screen *s, struct csm_error *err)
{
	struct customer_state *st = s->state;
	struct store *db = ui_store(s->ui);
	struct account_summary sum = {0};
	struct account_list anc = {0};
	const struct account *a;
	int rc = store_account_summary(db, st->id, &sum, err);

	if (rc <= 0) {
		if (rc == 0)
			csm_error_set(err, CSM_EX_NOINPUT, "no such account (id %lld)", (long long)st->id);
		return -1;
	}
	a = &sum.account;
	st->number = xstrdup(a->number);
	st->name = xstrdup(a->name);
	st->parent_id = a->parent_id;
	st->parent_number = xstrdup(a->parent_number);
	st->child_accounts = sum.child_accounts;
	fact(st, "%s  %s%s%s%s", a->number, a->name, a->code ? " (" : "", a->code ? a->code : "",
	     a->code ? ")" : "");
	if (store_account_ancestors(db, st->id, &anc, err) == 0 && anc.n) {
		struct strbuf sb;
		strbuf_init(&sb);
		for (size_t i = 0; i < anc.n; i++)
			strbuf_addf(&sb, "%s%s", i ? " > " : "", anc.items[i].name);
		fact(st, "Parent: %s > %s", sb.buf, a->name);
		strbuf_fini(&sb);
	}
	account_list_fini(&anc);
	{
		const char *kv[] = {"Phone", a->phone, "Web", a->website};
		fact_pairs(st, kv, 4);
	}
	fact_address(st, db, st->id, 0);
	fact(st, "%s%s%s%s", a->is_customer ? "customer" : "not a customer",
	     a->is_partner ? ", partner" : "",
	     a->restrict_contact_access ? ", RESTRICTED contact access" : "",
	     a->active ? "" : ", INACTIVE");
	fact(st, "Open cases: %ld   Contacts: %ld   Children: %ld   Sold: %ld   Items: %ld   "
		 "Contracts: %ld",
	     sum.open_cases, sum.contacts, sum.child_accounts, sum.sold_products,
	     sum.install_base_items, sum.contracts);
	add_tab(st, CTAB_CONTACTS);
	if (sum.child_accounts > 0)
		add_tab(st, CTAB_CHILDREN);
	add_tab(st, CTAB_CASES);
	add_tab(st, CTAB_SOLD);
	add_tab(st, CTAB_IB);
	add_tab(st, CTAB_CONTRACTS);
	add_tab(st, CTAB_PARTIES);
	add_tab(st, CTAB_ACTIVITY);
	account_summary_fini(&sum);
	return 0;
}

static int load_contact(struct screen *s, struct csm_error *err)
{
	struct customer_state *st = s->state;
	struct store *db = ui_store(s->ui);
	struct contact c = {0};
	char *name;
	long open = 0;
	int rc = store_contact_get(db, st->id, &c, err);

	if (rc <= 0) {
		if (rc == 0)
			csm_error_set(err, CSM_EX_NOINPUT, "no such contact (id %lld)", (long long)st->id);
		return -1;
	}
	name = customer_person_name(c.first_name, c.last_name);
	st->number = xstrdup(c.number);
	st->name = name;
	st->parent_id = c.account_id;
	st->parent_number = xstrdup(c.account_number);
	fact(st, "%s  %s%s%s%s", c.number, name, c.title ? ", " : "", c.title ? c.title : "",
	     c.active ? "" : " (INACTIVE)");
	fact(st, "Account: %s (%s)", c.account_name ? c.account_name : "",
	     c.account_number ? c.account_number : "");
	{
		const char *kv[] = {"Email", c.email, "Phone", c.phone, "Mobile", c.mobile};
		fact_pairs(st, kv, 6);
	}
	{
		const char *kv[] = {"Time zone", c.time_zone, "Language", c.language};
		fact_pairs(st, kv, 4);
	}
	if (store_customer_open_cases(db, CUST_CONTACT, st->id, &open, err) == 0)
		fact(st, "Open cases: %ld", open);
	add_tab(st, CTAB_CASES);
	add_tab(st, CTAB_PARTIES);
	add_tab(st, CTAB_ACTIVITY);
	contact_fini(&c);
	return 0;
}

static int load_consumer(struct screen *s, struct csm_error *err)
{
	struct customer_state *st = s->state;
	struct store *db = ui_store(s->ui);
	struct consumer_summary sum = {0};
	const struct consumer *c;
	int rc = store_consumer_summary(db, st->id, &sum, err);

	if (rc <= 0) {
		if (rc == 0)
			csm_error_set(err, CSM_EX_NOINPUT, "no such consumer (id %lld)",
				      (long long)st->id);
		return -1;
	}
	c = &sum.consumer;
	st->number = xstrdup(c->number);
	st->name = customer_person_name(c->first_name, c->last_name);
	fact(st, "%s  %s%s%s%s%s%s%s%s", c->number, c->prefix ? c->prefix : "", c->prefix ? " " : "",
	     c->first_name ? c->first_name : "", c->first_name ? " " : "",
	     c->middle_name ? c->middle_name : "", c->middle_name ? " " : "", c->last_name,
	     c->suffix ? ", " : "");
	if (c->suffix)
		st->facts[st->n_facts - 1] =
			(free(st->facts[st->n_facts - 1]),
			 xasprintf("%s  %s, %s", c->number, st->name, c->suffix));
	{
		const char *kv[] = {"Email", c->email, "Mobile", c->mobile_phone, "Home",
				    c->home_phone, "Business", c->business_phone};
		fact_pairs(st, kv, 8);
	}
	if (sum.households.n) {
		struct strbuf sb;
		strbuf_init(&sb);
		for (size_t i = 0; i < sum.households.n; i++)
			strbuf_addf(&sb, "%s%s (%s)%s", i ? ", " : "",
				    sum.households.items[i].household_name,
				    sum.households.items[i].household_number,
				    sum.households.items[i].is_head ? " head" : "");
		fact(st, "Households: %s", sb.buf);
		strbuf_fini(&sb);
	}
	fact_address(st, db, 0, st->id);
	fact(st, "Open cases: %ld   Sold: %ld   Items: %ld   Contracts: %ld%s", sum.open_cases,
	     sum.sold_products, sum.install_base_items, sum.contracts,
	     c->active ? "" : "   INACTIVE");
	add_tab(st, CTAB_HOUSEHOLDS);
	add_tab(st, CTAB_CASES);
	add_tab(st, CTAB_SOLD);
	add_tab(st, CTAB_IB);
	add_tab(st, CTAB_CONTRACTS);
	add_tab(st, CTAB_PARTIES);
	add_tab(st, CTAB_ACTIVITY);
	consumer_summary_fini(&sum);
	return 0;
}

static int load_household(struct screen *s, struct csm_error *err)
{
	struct customer_state *st = s->state;
	struct household_summary sum = {0};
	const struct household *h;
	int rc = store_household_summary(ui_store(s->ui), st->id, &sum, err);

	if (rc <= 0) {
		if (rc == 0)
			csm_error_set(err, CSM_EX_NOINPUT, "no such household (id %lld)",
				      (long long)st->id);
		return -1;
	}
	h = &sum.household;
	st->number = xstrdup(h->number);
	st->name = xstrdup(h->name);
	fact(st, "%s  %s%s", h->number, h->name, h->active ? "" : " (INACTIVE)");
	fact(st, "Head: %s%s%s%s", h->head_name ? h->head_name : "(none)", h->head_number ? " (" : "",
	     h->head_number ? h->head_number : "", h->head_number ? ")" : "");
	if (sum.members.n) {
		struct strbuf sb;
		strbuf_init(&sb);
		for (size_t i = 0; i < sum.members.n; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", sum.members.items[i].consumer_name);
		fact(st, "Members: %s", sb.buf);
		strbuf_fini(&sb);
	}
	fact(st, "Open cases: %ld   Current members: %zu   Sold: %ld   Items: %ld", sum.open_cases,
	     sum.members.n, sum.sold_products, sum.install_base_items);
	add_tab(st, CTAB_MEMBERS);
	add_tab(st, CTAB_CASES);
	add_tab(st, CTAB_SOLD);
	add_tab(st, CTAB_IB);
	add_tab(st, CTAB_ACTIVITY);
	household_summary_fini(&sum);
	return 0;
}

static int load(struct screen *s, struct csm_error *err)
{
	struct customer_state *st = s->state;

	clear_facts(st);
	st->n_tabs = 0;
	switch (st->kind) {
	case SK_ACCOUNT: return load_account(s, err);
	case SK_CONTACT: return load_contact(s, err);
	case SK_CONSUMER: return load_consumer(s, err);
	case SK_HOUSEHOLD: return load_household(s, err);
	default: return csm_error_set(err, CSM_EX_SOFTWARE, "the customer screen shows customers");
	}
}

/* ---- layout ------------------------------------------------------------- */

#define TABS_ROWS 2 /* the tab bar and the column headings */

static void compute_widths(struct customer_state *st, int cols)
{
	const struct tab_def *t = &tab_defs[st->tabs[st->tab]];
	int used = 1, flex = -1;

	for (int i = 0; i < CUST_MAX_COLS; i++) {
		const struct col_spec *c = &t->cols[i];
		st->widths[i] = 0;
		if (!c->head || cols < c->min_cols)
			continue;
		if (c->width == 0) {
			flex = flex < 0 ? i : flex;
			continue;
		}
		st->widths[i] = c->width;
		used += c->width + 1;
	}
	if (flex >= 0) {
		int rest = cols - used - 1;
		/* Too narrow: drop fixed columns from the right until the flexible
		 * one has room. */
		for (int i = CUST_MAX_COLS - 1; rest < 12 && i >= 0; i--)
			if (st->widths[i] && i != 0 && t->cols[i].min_cols > 0) {
				rest += st->widths[i] + 1;
				st->widths[i] = 0;
			}
		st->widths[flex] = rest > 4 ? rest : 4;
	}
}

static void customer_layout(struct screen *s, int rows, int cols)
{
	struct customer_state *st = s->state;
	int facts = (rows - 3) / 3, list_y;

	if (facts < 1)
		facts = 1;
	st->facts_rows = (int)st->n_facts < facts ? (int)st->n_facts : facts;
	list_y = st->facts_rows + TABS_ROWS;
	list_set_area(&st->list, list_y, rows - list_y > 1 ? rows - list_y : 1);
	if (st->n_tabs)
		compute_widths(st, cols);
	s->redraw = true;
}

/* ---- public ------------------------------------------------------------- */

void customer_set_tab(struct screen *s, size_t i)
{
	struct customer_state *st = s->state;

	if (i >= st->n_tabs)
		return;
	st->tab = i;
	compute_widths(st, s->cols ? s->cols : 80);
	if (list_reload(&st->list) < 0)
		ui_error(s->ui, "%s: %s", tab_defs[st->tabs[i]].label, st->list.err.msg);
	s->redraw = true;
}

void customer_reload(struct screen *s)
{
	struct customer_state *st = s->state;
	struct csm_error err = {0};
	enum cust_tab cur = st->n_tabs ? st->tabs[st->tab] : CTAB_COUNT;
	size_t tab = 0;

	if (load(s, &err) < 0) {
		ui_error(s->ui, "%s", err.msg);
		return;
	}
	for (size_t i = 0; i < st->n_tabs; i++)
		if (st->tabs[i] == cur)
			tab = i;
	customer_layout(s, s->rows ? s->rows : 22, s->cols ? s->cols : 80);
	customer_set_tab(s, tab);
}

/* ---- the screen --------------------------------------------------------- */

static int customer_open(struct screen *s, const struct screen_arg *arg, struct csm_error *err)
{
	struct customer_state *st = s->state;

	if (arg->kind != SK_ACCOUNT && arg->kind != SK_CONTACT && arg->kind != SK_CONSUMER &&
	    arg->kind != SK_HOUSEHOLD)
		return csm_error_set(err, CSM_EX_USAGE, "the customer screen needs a customer record");
	st->kind = arg->kind;
	st->id = arg->id;
	st->pager = (struct pager){tab_fetch, row_free, s};
	list_init(&st->list, &tab_source, &st->pager);
	if (load(s, err) < 0) {
		clear_facts(st);
		list_fini(&st->list);
		return -1;
	}
	customer_layout(s, s->rows ? s->rows : 22, s->cols ? s->cols : 80);
	if (list_reload(&st->list) < 0)
		ui_error(s->ui, "%s", st->list.err.msg);
	return 0;
}

static void customer_close(struct screen *s)
{
	struct customer_state *st = s->state;

	list_fini(&st->list);
	clear_facts(st);
}

static void open_selected(struct screen *s)
{
	struct customer_state *st = s->state;
	const struct list_row *row = list_selected(&st->list);
	const struct cust_row *r = row ? row->data : NULL;

	if (!r) {
		ui_message(s->ui, "Nothing to open");
		return;
	}
	if (r->open_kind == SK_COUNT) {
		ui_message(s->ui, "%s", r->no_open ? r->no_open : "Nothing to open");
		return;
	}
	ui_open_record(s->ui, r->open_kind, r->open_id, r->open_number);
}

static void new_case(struct screen *s)
{
	struct customer_state *st = s->state;
	const struct list_row *row = list_selected(&st->list);
	const struct cust_row *r = row ? row->data : NULL;
	struct screen_arg arg = {.kind = st->kind, .id = st->id, .number = st->number,
				 .create = true};

	if (!record_screens[SK_CASE].create) {
		ui_message(s->ui, "there is no screen to create cases yet");
		return;
	}
	/* On the install base tab the case is about the selected item. */
	if (st->tabs[st->tab] == CTAB_IB && r && r->open_kind == SK_INSTALL_BASE) {
		arg.kind = SK_INSTALL_BASE;
		arg.id = r->open_id;
		arg.number = r->open_number;
	}
	ui_push(s->ui, record_screens[SK_CASE].create, &arg);
}

static void edit(struct screen *s)
{
	struct customer_state *st = s->state;
	const struct screen_ops *ops = record_screens[st->kind].create;
	struct screen_arg arg = {.kind = st->kind, .id = st->id, .number = st->number};

	if (!ops) {
		ui_message(s->ui, "there is no edit screen for %s records yet", search_kind_name(st->kind));
		return;
	}
	ui_push(s->ui, ops, &arg);
}

static void add(struct screen *s)
{
	struct customer_state *st = s->state;
	/* A contact of this account, or a member of this household: the
	 * create screen of that kind, with this record as the one it joins. */
	enum search_kind k = st->kind == SK_ACCOUNT ? SK_CONTACT
			     : st->kind == SK_HOUSEHOLD ? SK_HOUSEHOLD
							: SK_COUNT;
	struct screen_arg arg = {.kind = k, .id = st->id, .number = st->number, .create = true};

	if (k == SK_COUNT) {
		ui_message(s->ui, "Add works on an account (a contact) or a household (a member)");
		return;
	}
	if (!record_screens[k].create) {
		ui_message(s->ui, "there is no screen to add that yet");
		return;
	}
	ui_push(s->ui, record_screens[k].create, &arg);
}

static void go_parent(struct screen *s)
{
	struct customer_state *st = s->state;

	if (!st->parent_id) {
		ui_message(s->ui, "%s has no parent account", st->number);
		return;
	}
	ui_open_record(s->ui, SK_ACCOUNT, st->parent_id, st->parent_number);
}

/* What the keys of this screen need (the rest is reading). */
static const struct permit customer_permits_table[] = {
	{ACT_NEW_CASE, ACCESS_CREATE_CASES, "open cases"},
	{ACT_EDIT, ACCESS_EDIT_CUSTOMERS, "change customers"},
	{ACT_ADD, ACCESS_EDIT_CUSTOMERS, "change customers"},
};

static bool customer_permits(const struct screen *s, enum action a, char *why, size_t size)
{
	return permit_check(ui_store(s->ui), customer_permits_table,
			    sizeof customer_permits_table / sizeof customer_permits_table[0], a, why,
			    size);
}

static enum action customer_handle(struct screen *s, enum action a, const struct key_event *ev)
{
	struct customer_state *st = s->state;

	s->redraw = true;
	if (list_handle(&st->list, a, ev)) {
		if (st->list.err.msg[0])
			ui_error(s->ui, "%s", st->list.err.msg);
		return ACT_NONE;
	}
	switch (a) {
	case ACT_OPEN:
		open_selected(s);
		return ACT_NONE;
	case ACT_MOUSE:
		if (ev && ev->mouse_double)
			open_selected(s);
		return ACT_NONE;
	case ACT_NEXT_TAB:
		customer_set_tab(s, (st->tab + 1) % st->n_tabs);
		return ACT_NONE;
	case ACT_PREV_TAB:
		customer_set_tab(s, (st->tab + st->n_tabs - 1) % st->n_tabs);
		return ACT_NONE;
	case ACT_INSERT:
		/* The digits jump to a tab. */
		if (ev && ev->key >= '1' && ev->key <= '9') {
			if ((size_t)(ev->key - '1') < st->n_tabs)
				customer_set_tab(s, ev->key - '1');
			else
				ui_message(s->ui, "There are %zu tabs", st->n_tabs);
		}
		return ACT_NONE;
	case ACT_NEW_CASE:
		new_case(s);
		return ACT_NONE;
	case ACT_EDIT:
		edit(s);
		return ACT_NONE;
	case ACT_ADD:
		add(s);
		return ACT_NONE;
	case ACT_PARENT:
		go_parent(s);
		return ACT_NONE;
	default:
		return a;
	}
}

/* ---- drawing ------------------------------------------------------------ */

static void draw_row(const void *ctx, const struct list_row *row, WINDOW *w, int y, int x,
		     int width, bool selected)
{
	const struct customer_state *st = ctx;
	const struct cust_row *r = row->data;
	attr_t base = selected ? theme_attr(THEME_SELECTED)
		      : r->warn ? theme_attr(THEME_ERROR)
				: theme_attr(THEME_NORMAL);

	draw_fill(w, y, x, width, base);
	x++;
	for (int i = 0; i < CUST_MAX_COLS; i++) {
		if (!st->widths[i])
			continue;
		x = draw_text(w, y, x, r->col[i], st->widths[i], base) + 1;
	}
}

static void draw_tabs(const struct screen *s, WINDOW *w, int y)
{
	const struct customer_state *st = s->state;
	int x = 0, first = 0, width = 0;
	char label[64];

	/* Start far enough right that the current tab shows. */
	for (int i = (int)st->tab; i >= 0; i--) {
		snprintf(label, sizeof label, " %d %s ", i + 1, tab_defs[st->tabs[i]].label);
		width += utf8_width(label);
		if (width > s->cols)
			break;
		first = i;
	}
	draw_fill(w, y, 0, s->cols, A_NORMAL);
	if (first > 0)
		x = draw_str(w, y, x, "<", 1, theme_attr(THEME_DIM));
	for (size_t i = (size_t)first; i < st->n_tabs && x < s->cols; i++) {
		snprintf(label, sizeof label, " %zu %s ", i + 1, tab_defs[st->tabs[i]].label);
		x = draw_str(w, y, x, label, s->cols - x,
			     i == st->tab ? theme_attr(THEME_SELECTED) : theme_attr(THEME_HEADING));
	}
}

static void customer_draw(const struct screen *s, WINDOW *w)
{
	const struct customer_state *st = s->state;
	const struct tab_def *t = &tab_defs[st->tabs[st->tab]];
	int y, x = 1;

	for (y = 0; y < st->facts_rows; y++)
		draw_text(w, y, 1, st->facts[y], s->cols - 1,
			  y == 0 ? theme_attr(THEME_HEADING) : theme_attr(THEME_NORMAL));
	draw_tabs(s, w, y++);
	draw_fill(w, y, 0, s->cols, A_NORMAL);
	for (int i = 0; i < CUST_MAX_COLS; i++)
		if (st->widths[i])
			x = draw_text(w, y, x, t->cols[i].head, st->widths[i],
				      theme_attr(THEME_HEADING)) + 1;
	list_draw(&st->list, w, 0, s->cols, draw_row, st);
	if (st->list.n == 0) {
		char empty[128];
		/* "press a to add one" only to those who may */
		snprintf(empty, sizeof empty, "%.*s",
			 screen_permits(s, ACT_ADD, NULL, 0) ? (int)strlen(t->empty)
							     : (int)strcspn(t->empty, ":"),
			 t->empty);
		draw_text(w, st->list.y, 1, st->list.err.msg[0] ? st->list.err.msg : empty,
			  s->cols - 2,
			  st->list.err.msg[0] ? theme_attr(THEME_ERROR) : theme_attr(THEME_DIM));
	}
}

/* Back on top: a new case, an edit or a new contact may have changed
 * the counts and the rows. */
static void customer_resume(struct screen *s)
{
	customer_reload(s);
}

const struct screen_ops customer_screen = {
	.name = "customer",
	.title = "Customer",
	.flags = 0,
	.state_size = sizeof(struct customer_state),
	.open = customer_open,
	.close = customer_close,
	.layout = customer_layout,
	.draw = customer_draw,
	.handle = customer_handle,
	.resume = customer_resume,
	.permits = customer_permits,
};
